/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * error.c: the one error type (galley/error.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "galley/error.h"

/* Cuts `s` (already NUL-terminated in a buffer of `size`) so that it does
 * not end inside a UTF-8 sequence when it filled the buffer. */
static void trim_utf8_tail(char *s, size_t size)
{
	size_t len = strlen(s);
	if (len + 1 < size)
		return;
	while (len > 0 && ((unsigned char)s[len - 1] & 0xC0) == 0x80)
		len--;
	if (len > 0 && ((unsigned char)s[len - 1] & 0x80))
		len--;
	if (len >= 3) {
		memcpy(s + len - 3, "...", 3);
	}
	s[len] = '\0';
}

int galley_error_set(galley_error *err, int code, const galley_pos *pos,
                     const char *fmt, ...)
{
	va_list ap;
	if (err == NULL || err->code != GALLEY_OK)
		return code;
	err->code = code;
	err->file[0] = '\0';
	err->line = err->column = 0;
	if (pos != NULL) {
		if (pos->file != NULL) {
			snprintf(err->file, sizeof err->file, "%s", pos->file);
			trim_utf8_tail(err->file, sizeof err->file);
		}
		err->line = pos->line;
		err->column = pos->column;
	}
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	trim_utf8_tail(err->message, sizeof err->message);
	return code;
}

void galley_error_clear(galley_error *err)
{
	if (err == NULL)
		return;
	memset(err, 0, sizeof *err);
}

const char *galley_code_name(int code)
{
	switch (code) {
	case GALLEY_OK: return "no error";
	case GALLEY_ENOMEM: return "out of memory";
	case GALLEY_EIO: return "input/output error";
	case GALLEY_ESYNTAX: return "syntax error";
	case GALLEY_ETYPE: return "wrong type";
	case GALLEY_ELIMIT: return "limit exceeded";
	case GALLEY_EASSET: return "bad asset";
	case GALLEY_EFONT: return "font error";
	case GALLEY_EPDF: return "PDF error";
	case GALLEY_EEPUB: return "EPUB error";
	case GALLEY_EUSAGE: return "usage error";
	case GALLEY_EEMPTY: return "nothing to typeset";
	case GALLEY_EINTERNAL: return "internal error";
	default: return "unknown error";
	}
}
