/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * read/text.c: turns the bytes of an input file into text every later phase
 * can trust.
 *
 * - A file larger than GALLEY_READ_MAX_INPUT_BYTES is refused.
 * - A leading UTF-8 byte order mark is removed.
 * - CRLF and lone CR become LF.  Each counts as one line ending, so line
 *   numbers stay those an editor shows.
 * - The text must be UTF-8 (RFC 3629: no overlong forms, no surrogates,
 *   nothing above U+10FFFF); the first invalid byte is an error at its line
 *   and column (columns count bytes from 1, as cmark's do).
 * - NUL and the other C0 control characters except TAB and LF cannot be
 *   written into XHTML or most fonts: each becomes U+FFFD, with a warning at
 *   its position, so no text is silently lost and no writer has to care.
 *
 * - Text is put in Unicode Normalization Form C (utf8proc, loaded only
 *   for text that may not be NFC already).
 *
 * Two passes: the first validates and measures, the second copies; a
 * third normalizes, when needed.
 */
#include <stdlib.h>
#include <string.h>

#include "read/internal.h"
#include "base/utf8.h"

/* Length of the well-formed UTF-8 sequence at s[0..avail), or 0. */
static size_t read_utf8_length(const unsigned char *s, size_t avail)
{
	uint32_t cp;

	return galley_utf8_decode(s, avail, &cp);
}

/* Whether byte c is a control character the reader replaces. */
static bool replaced_control(unsigned char c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

int read_text_normalize(read_ctx *ctx, const char *data, size_t len,
                        char **out, size_t *out_len)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i, n, extra = 0, o = 0;
	uint32_t line = 1, column = 1;
	char *buf = NULL;
	galley_pos pos = {ctx->file, 0, 0};
	int rc = 0;

	*out = NULL;
	*out_len = 0;
	if (len > GALLEY_READ_MAX_INPUT_BYTES) {
		pos.line = 0;
		rc = galley_error_set(ctx->err, GALLEY_ELIMIT, &pos,
		                      "file of %zu bytes exceeds the input size limit "
		                      "(GALLEY_READ_MAX_INPUT_BYTES = %zu bytes)",
		                      len, GALLEY_READ_MAX_INPUT_BYTES);
		goto cleanup;
	}
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		s += 3;
		len -= 3;
	}

	/* Pass 1: validate, count replacements (each grows by two bytes). */
	for (i = 0; i < len; i += n) {
		n = read_utf8_length(s + i, len - i);
		if (n == 0) {
			pos.line = line;
			pos.column = column;
			rc = galley_error_set(ctx->err, GALLEY_ESYNTAX, &pos,
			                      "invalid UTF-8 (byte 0x%02X); the file must be UTF-8 text",
			                      s[i]);
			goto cleanup;
		}
		if (replaced_control(s[i]))
			extra += 2;
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))) {
			line++;
			column = 1;
		} else if (s[i] != '\r') {
			column += (uint32_t)n;
		}
	}

	buf = malloc(len + extra + 1);
	if (buf == NULL) {
		rc = galley_error_set(ctx->err, GALLEY_ENOMEM, NULL, "out of memory reading %s", ctx->file);
		goto cleanup;
	}

	/* Pass 2: copy with line endings and controls normalized. */
	line = 1;
	column = 1;
	for (i = 0; i < len; i++) {
		unsigned char c = s[i];
		if (c == '\r') {
			if (i + 1 < len && s[i + 1] == '\n')
				continue; /* the LF that follows is the line ending */
			c = '\n';
		}
		if (replaced_control(c)) {
			pos.line = line;
			pos.column = column;
			if (galley_doc_warn(ctx->doc, GALLEY_WARNING, &pos,
			                    "control character U+%04X replaced by U+FFFD", c) < 0) {
				rc = galley_error_set(ctx->err, GALLEY_ENOMEM, NULL, "out of memory");
				goto cleanup;
			}
			memcpy(buf + o, "\xEF\xBF\xBD", 3);
			o += 3;
			column++;
			continue;
		}
		buf[o++] = (char)c;
		if (c == '\n') {
			line++;
			column = 1;
		} else {
			column++;
		}
	}
	buf[o] = '\0';
	/* Pass 3, rarely: text in Normalization Form D (macOS file names,
	 * some editors) becomes NFC, so that the fonts' precomposed glyphs,
	 * the hyphenation dictionaries and searches in the EPUB see one form. */
	if (!galley_utf8_is_nfc(buf, o)) {
		char *nfc;
		size_t nfc_len;
		if ((rc = galley_utf8_nfc(buf, o, &nfc, &nfc_len, ctx->err)) < 0)
			goto cleanup;
		free(buf);
		buf = nfc;
		o = nfc_len;
	}
	*out = buf;
	*out_len = o;
	buf = NULL;

cleanup:
	free(buf);
	return rc;
}
