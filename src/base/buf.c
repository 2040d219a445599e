/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * buf.c: the growable byte buffer of buf.h.
 */
#include "base/buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first allocation: most buffers hold a line or a short document. */
#define BUF_INITIAL_CAP 1024
/* galley_buf_take returns room beyond this to the allocator: a book keeps
 * thousands of short taken strings alive. */
#define BUF_TAKE_SLACK 256

bool galley_buf_reserve(galley_buf *b, size_t n)
{
	size_t cap;
	char *p;

	if (b->failed)
		return false;
	if (n > SIZE_MAX / 2 - b->len - 1) {
		b->failed = true;
		return false;
	}
	if (b->len + n + 1 <= b->cap)
		return true;
	cap = b->cap ? b->cap : BUF_INITIAL_CAP;
	while (cap < b->len + n + 1)
		cap *= 2;
	p = realloc(b->data, cap);
	if (p == NULL) {
		b->failed = true;
		return false;
	}
	b->data = p;
	b->cap = cap;
	return true;
}

void galley_buf_add(galley_buf *b, const void *bytes, size_t n)
{
	if (!galley_buf_reserve(b, n))
		return;
	if (n)
		memcpy(b->data + b->len, bytes, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void galley_buf_puts(galley_buf *b, const char *s)
{
	galley_buf_add(b, s, strlen(s));
}

void galley_buf_putc(galley_buf *b, char c)
{
	if (!galley_buf_reserve(b, 1))
		return;
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void galley_buf_printf(galley_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->failed)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = true;
		return;
	}
	if (!galley_buf_reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void galley_buf_clear(galley_buf *b)
{
	b->len = 0;
	b->failed = false;
	if (b->data)
		b->data[0] = '\0';
}

void galley_buf_dispose(galley_buf *b)
{
	free(b->data);
	*b = (galley_buf)GALLEY_BUF_INIT;
}

char *galley_buf_take(galley_buf *b, size_t *len)
{
	char *p;

	if (len)
		*len = 0;
	if (b->failed || !galley_buf_reserve(b, 0)) {
		galley_buf_dispose(b);
		return NULL;
	}
	p = b->data;
	p[b->len] = '\0';  /* (a buffer reserved but never written has no NUL yet) */
	if (b->cap - b->len > BUF_TAKE_SLACK) {
		char *fit = realloc(p, b->len + 1);
		if (fit != NULL)
			p = fit;
	}
	if (len)
		*len = b->len;
	*b = (galley_buf)GALLEY_BUF_INIT;
	return p;
}
