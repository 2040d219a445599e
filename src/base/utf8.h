/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * utf8.h: UTF-8 for every stage (RFC 3629), and what Unicode says of a
 * character (normal forms, case, letters), from utf8proc.
 *
 * Decoding and encoding are galley's own and inline: they run for every
 * character the typesetter and the writers see.  Everything that needs
 * Unicode's tables goes to utf8proc (the library behind Julia's strings),
 * loaded when first needed (base/lazy.h), so that ASCII text never maps
 * it.
 */
#ifndef GALLEY_BASE_UTF8_H
#define GALLEY_BASE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "galley/error.h"

#define GALLEY_UTF8_REPLACEMENT 0xFFFDu

/* Length of the well-formed sequence at s[0..avail) (avail > 0), or 0 when
 * it is not one: a stray continuation byte, an overlong form, a surrogate,
 * a code point above U+10FFFF, or a sequence cut short.  Stores the code
 * point in *cp when it is. */
static inline size_t galley_utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp)
{
	uint32_t c = s[0];
	size_t n;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		if (avail < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		*cp = ((c & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF)
		n = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4;
	else
		return 0;
	if (avail < n || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
		return 0;
	if (n == 3) {
		c = ((c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
	} else {
		if ((s[3] & 0xC0) != 0x80)
			return 0;
		c = ((c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
		    ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		if (c < 0x10000 || c > 0x10FFFF)
			return 0;
	}
	*cp = c;
	return n;
}

/* The character at s[*i] (len bytes in all, *i < len); advances *i past
 * it.  A byte that starts no well-formed sequence is U+FFFD and advances
 * *i by one, so that a loop over any bytes ends. */
static inline uint32_t galley_utf8_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s + *i;
	uint32_t cp;
	size_t n;

	if (u[0] < 0x80) {
		*i += 1;
		return u[0];
	}
	n = galley_utf8_decode(u, len - *i, &cp);
	*i += n ? n : 1;
	return n ? cp : GALLEY_UTF8_REPLACEMENT;
}

/* Writes the UTF-8 form of `cp` to out (room for 4 bytes); returns its
 * length, or 0 for a surrogate or a value above U+10FFFF (nothing
 * written). */
static inline size_t galley_utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			return 0;
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp > 0x10FFFF)
		return 0;
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The offset of the first byte at or after `at` that is not a
 * continuation byte (the start of a character, or n). */
static inline size_t galley_utf8_boundary(const char *s, size_t n, size_t at)
{
	while (at < n && ((unsigned char)s[at] & 0xC0) == 0x80)
		at++;
	return at;
}

/* The length of the longest prefix of s[0..len) that is well-formed
 * UTF-8: len when all of it is. */
size_t galley_utf8_valid_prefix(const char *s, size_t len);

/* Whether s[0..len) is well-formed UTF-8. */
static inline bool galley_utf8_valid(const char *s, size_t len)
{
	return galley_utf8_valid_prefix(s, len) == len;
}

/* ---- Unicode's tables (utf8proc, loaded on first use) ------------------- */

/* Whether utf8proc can be used; loads it on the first call (dlopen, once
 * for the process, thread-safe).  0, or GALLEY_EIO with a message naming
 * the library and why it could not be loaded. */
int galley_unicode_ready(galley_error *err);

/* Whether s[0..len) (well-formed UTF-8) is certainly in Normalization
 * Form C already: true for ASCII without looking anything up; false when a
 * character could change or combine under NFC (then call
 * galley_utf8_nfc).  Requires galley_unicode_ready when s is not ASCII;
 * without utf8proc it answers true (the text is kept as it is). */
bool galley_utf8_is_nfc(const char *s, size_t len);

/* The NFC form of s[0..len) (well-formed UTF-8), malloc'ed and
 * NUL-terminated into *out, its length in *out_len.  Errors: GALLEY_ENOMEM,
 * or the library's when utf8proc cannot be loaded. */
int galley_utf8_nfc(const char *s, size_t len, char **out, size_t *out_len, galley_error *err);

/* The lowercase of `cp` (Unicode's simple mapping); `cp` itself when it
 * has none or utf8proc cannot be loaded.  ASCII costs no lookup. */
uint32_t galley_unicode_lower(uint32_t cp);

/* Whether `cp` is a letter or a combining mark (general categories L and
 * M): what may stand inside a word that is hyphenated.  ASCII costs no
 * lookup; without utf8proc, every non-ASCII character counts. */
bool galley_unicode_is_letter(uint32_t cp);

/* Whether `cp` is a decimal digit (general category Nd). */
bool galley_unicode_is_digit(uint32_t cp);

/* The version of utf8proc, or NULL when it was not loaded. */
const char *galley_unicode_version(void);

#endif
