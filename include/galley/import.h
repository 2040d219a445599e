/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * galley/import.h: plain-text newsroom articles -> Markdown.
 *
 * Wires and CMS exports arrive as plain text: masthead lines, a headline, a
 * date line, a byline, then paragraphs separated by blank lines.  The
 * importer turns such a text into a Markdown article with YAML front matter
 * that galley_read_file (galley/read.h) or a digest manifest then reads:
 *
 *   char *md;
 *   size_t md_len;
 *   rc = galley_import_text(text, len, "wire.txt", &md, &md_len, &err);
 *   ...write md to wire.md...
 *   free(md);
 *
 * The importer reads and writes no file: the caller reads the text and
 * writes the Markdown.
 */
#ifndef GALLEY_IMPORT_H
#define GALLEY_IMPORT_H

#include "galley/export.h"

#include <stddef.h>

#include "galley/error.h"

#ifdef __cplusplus
extern "C" {
#endif

GALLEY_API_BEGIN

/* Largest text galley_import_text accepts: a newsroom article is a few
 * kilobytes; 16 MiB is beyond any and bounds the copies it makes. */
#define GALLEY_IMPORT_MAX_BYTES ((size_t)16 * 1024 * 1024)

/* Converts a plain-text newsroom article (masthead lines, a headline, a
 * date line, a byline, then paragraphs separated by blank lines) into
 * Markdown with YAML front matter (title, date, author, publication).
 * Every word of the body is kept; characters Markdown would interpret are
 * escaped so that a CommonMark renderer shows the text as written.  The
 * heuristics, numbered in the order they run, are described at the top of
 * src/digest/import.c.
 *
 * `text` is `len` bytes of UTF-8 (a BOM and CRLF line endings are
 * accepted); `name` is used in messages.  On success *markdown_out is a
 * malloc'ed NUL-terminated string of *out_len bytes the caller frees.
 * Errors: GALLEY_ESYNTAX at the line examined when no date line or no
 * headline is found, or for invalid UTF-8; GALLEY_ELIMIT for a text over
 * GALLEY_IMPORT_MAX_BYTES; GALLEY_ENOMEM. */
int galley_import_text(const char *text, size_t len, const char *name,
                       char **markdown_out, size_t *out_len, galley_error *err);

/* Version of galley_import_options these headers describe. */
#define GALLEY_IMPORT_OPTIONS_VERSION 1

typedef struct galley_import_options {
	unsigned version;       /* GALLEY_IMPORT_OPTIONS_VERSION */
	unsigned headline_line; /* the headline is this line (from 1), above the
	                         * date line; 0: found by the importer's rule 3 */
} galley_import_options;

#define GALLEY_IMPORT_OPTIONS_INIT {.version = GALLEY_IMPORT_OPTIONS_VERSION, .headline_line = 0}

/* Fills `opts` with the defaults; 0, or GALLEY_EUSAGE for an unknown
 * version or a NULL `opts`. */
int galley_import_options_init(galley_import_options *opts, unsigned version);

/* galley_import_text with options (`opts` NULL: the defaults).  Also
 * GALLEY_ESYNTAX when the headline line named is empty or not above the
 * date line, GALLEY_EUSAGE for options of an unknown version. */
int galley_import_text_ext(const char *text, size_t len, const char *name,
                           const galley_import_options *opts,
                           char **markdown_out, size_t *out_len, galley_error *err);

GALLEY_API_END

#ifdef __cplusplus
}
#endif

#endif
