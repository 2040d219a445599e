/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * buf.h: the growable byte buffer of every stage (markup, Markdown,
 * string values, content streams).
 *
 * Errors are sticky, as on a stdio stream: when an allocation fails the
 * buffer sets `failed` and ignores every later write, so that a writer
 * checks once, when it is done, instead of after every append.
 */
#ifndef GALLEY_BASE_BUF_H
#define GALLEY_BASE_BUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct galley_buf {
	char *data;   /* NUL-terminated once anything was written; malloc'ed */
	size_t len;   /* bytes written */
	size_t cap;   /* bytes allocated */
	bool failed;  /* an allocation failed: the content is incomplete */
} galley_buf;

#define GALLEY_BUF_INIT {.data = NULL, .len = 0, .cap = 0, .failed = false}

/* Makes room for `n` more bytes and a NUL; false when the buffer failed
 * (now or before). */
bool galley_buf_reserve(galley_buf *b, size_t n);

/* Appends n bytes / a NUL-terminated string / one byte / formatted text. */
void galley_buf_add(galley_buf *b, const void *bytes, size_t n);
void galley_buf_puts(galley_buf *b, const char *s);
void galley_buf_putc(galley_buf *b, char c);
void galley_buf_printf(galley_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Forgets the content and keeps the memory (and clears `failed`). */
void galley_buf_clear(galley_buf *b);

/* Frees the memory; the buffer is empty and reusable afterwards. */
void galley_buf_dispose(galley_buf *b);

/* Hands the bytes (NUL-terminated, malloc'ed: the caller frees them) over
 * and empties the buffer; their length in *len when len is not NULL.  NULL
 * when the buffer failed (its memory is freed then).  A buffer with much
 * spare room gives it back first. */
char *galley_buf_take(galley_buf *b, size_t *len);

#endif
