/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * galley/error.h: the one error type, and collected warnings.
 *
 * Fallible functions return 0 on success or a negative galley_code, and take
 * a `galley_error *` as their last parameter.  The first error set on a
 * galley_error wins: callers higher up never overwrite what a lower level
 * reported, so the message that reaches the user is the most precise one.
 *
 * Warnings (HTML scripts left out, a missing glyph, an unsafe link) are not
 * errors: the library collects them on the document (see galley/model.h) and
 * never prints anything itself.
 */
#ifndef GALLEY_ERROR_H
#define GALLEY_ERROR_H

#include "galley/export.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

GALLEY_API_BEGIN

/* Error classes.  All are negative so that `if (rc < 0)` tests failure. */
typedef enum galley_code {
	GALLEY_OK = 0,
	GALLEY_ENOMEM = -1,  /* an allocation failed */
	GALLEY_EIO = -2,     /* a file could not be read or written */
	GALLEY_ESYNTAX = -3, /* malformed input: front matter, manifest, UTF-8 */
	GALLEY_ETYPE = -4,   /* a value of the wrong type (date: soon) */
	GALLEY_ELIMIT = -5,  /* a documented limit was exceeded */
	GALLEY_EASSET = -6,  /* an image is missing, unreadable or refused */
	GALLEY_EFONT = -7,   /* a font is missing or unusable */
	GALLEY_EPDF = -8,    /* libharu failed */
	GALLEY_EEPUB = -9,   /* libzip failed */
	GALLEY_EUSAGE = -10, /* an option or argument is wrong */
	GALLEY_EEMPTY = -11, /* nothing to typeset (empty selection) */
	GALLEY_EINTERNAL = -12 /* an invariant does not hold: a bug in galley */
} galley_code;

/* Size of the fixed buffers in galley_error.  A longer path or message is
 * cut at a UTF-8 boundary with "..." at its end; it is never left unterminated. */
#define GALLEY_ERROR_FILE_MAX 1024
#define GALLEY_ERROR_MESSAGE_MAX 512

/* A position in an input file.  Lines and columns count from 1; 0 means
 * "unknown" (a message about the whole file). `file` is borrowed. */
typedef struct galley_pos {
	const char *file;
	uint32_t line;
	uint32_t column;
} galley_pos;

/* An error: its class, where it happened and a one-line message (no
 * trailing newline, no "error:" prefix).  Plain value, no allocation:
 * declare it on the stack as `galley_error err = GALLEY_ERROR_INIT;`. */
typedef struct galley_error {
	int code; /* a galley_code; GALLEY_OK when nothing failed */
	char file[GALLEY_ERROR_FILE_MAX]; /* empty when no file is concerned */
	uint32_t line;                    /* 0 when unknown */
	uint32_t column;                  /* 0 when unknown */
	char message[GALLEY_ERROR_MESSAGE_MAX];
} galley_error;

#define GALLEY_ERROR_INIT {.code = GALLEY_OK, .file = {0}, .line = 0, .column = 0, .message = {0}}

/* Records an error unless `err` already holds one (the first error wins).
 * `pos` may be NULL.  `err` may be NULL (the error is then only returned).
 * Returns `code`, so that `return galley_error_set(...)` reads naturally. */
int galley_error_set(galley_error *err, int code, const galley_pos *pos,
                     const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* Clears `err` back to GALLEY_ERROR_INIT. */
void galley_error_clear(galley_error *err);

/* A short English name of a code ("out of memory", "input/output error"). */
const char *galley_code_name(int code);

/* Severity of a collected diagnostic. */
typedef enum galley_severity {
	GALLEY_WARNING = 1,
	GALLEY_NOTE = 2, /* informational: shown with --verbose */
	GALLEY_ERROR = 3 /* one input failed and the run went on, to report every failure */
} galley_severity;

/* A warning collected on a document; all strings owned by the document. */
typedef struct galley_diag {
	galley_severity severity;
	galley_pos pos;
	const char *message;
} galley_diag;

GALLEY_API_END

#ifdef __cplusplus
}
#endif

#endif
