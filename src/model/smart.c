/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * smart.c: typographic punctuation for display strings (titles, subtitles,
 * bylines, captions, section titles), so that they read like the body.
 *
 * The body's punctuation comes from cmark-gfm's smart option
 * (CMARK_OPT_SMART) while it parses.  Display strings come from front
 * matter, a digest's manifest or a link's title attribute, which cmark
 * never sees; src/model is below the reader and must not call cmark.  This
 * file applies the same rules to plain text, as cmark's inlines.c does:
 *
 *   - A straight quote is a delimiter run of one character.  It is
 *     left-flanking when the next character is not white space and either
 *     not punctuation or preceded by white space or punctuation;
 *     right-flanking symmetrically (CommonMark 0.29, 6.4; the start and end
 *     of the string count as a line end).  It may open when left- and not
 *     right-flanking (a single quote not after ']' or ')'), and close when
 *     right-flanking.
 *   - Closers are matched with the nearest earlier opener of the same
 *     character, as emphasis is (process_emphasis), without the rule of
 *     three; a matched pair becomes a left and a right quote.  An unmatched
 *     single quote is an apostrophe (U+2019), an unmatched double quote a
 *     right quote when it could close, else a left one.
 *   - A run of hyphens of two or more: all em dashes when its length is a
 *     multiple of three, else all en dashes when even, else em dashes and
 *     one or two en dashes at the end.  Three full stops: an ellipsis.
 *
 * tests/unit/test_smart.c checks the result against cmark-gfm itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/smart.h"
#include "model/doc_impl.h"
#include "base/utf8.h"

#define LSQUO "\xE2\x80\x98"
#define RSQUO "\xE2\x80\x99"
#define LDQUO "\xE2\x80\x9C"
#define RDQUO "\xE2\x80\x9D"
#define NDASH "\xE2\x80\x93"
#define MDASH "\xE2\x80\x94"
#define HELLIP "\xE2\x80\xA6"

/* Quotes matched in one string before the rest are left as they would be
 * unmatched: a display string has a handful; the bound keeps the work
 * linear on hostile input. */
#define SMART_MAX_QUOTES 256

/* cmark_utf8proc_is_space */
static bool is_space(uint32_t c)
{
	return c == 9 || c == 10 || c == 12 || c == 13 || c == 32 || c == 0xA0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* ASCII punctuation, and the Unicode punctuation (general category P) of
 * the blocks display text uses: Latin-1, General Punctuation,
 * Supplemental Punctuation, CJK and full-width forms. */
static bool is_punct(uint32_t c)
{
	static const uint32_t ranges[][2] = {
		{0x21, 0x2F}, {0x3A, 0x40}, {0x5B, 0x60}, {0x7B, 0x7E},
		{0xA1, 0xA1}, {0xA7, 0xA7}, {0xAB, 0xAB}, {0xB6, 0xB7}, {0xBB, 0xBB}, {0xBF, 0xBF},
		{0x37E, 0x37E}, {0x387, 0x387}, {0x55A, 0x55F}, {0x589, 0x58A}, {0x5BE, 0x5BE},
		{0x5C0, 0x5C0}, {0x5C3, 0x5C3}, {0x5C6, 0x5C6}, {0x5F3, 0x5F4}, {0x609, 0x60A},
		{0x60C, 0x60D}, {0x61B, 0x61B}, {0x61E, 0x61F}, {0x66A, 0x66D}, {0x6D4, 0x6D4},
		{0x964, 0x965}, {0x970, 0x970},
		{0x2010, 0x2027}, {0x2030, 0x2043}, {0x2045, 0x2051}, {0x2053, 0x205E},
		{0x207D, 0x207E}, {0x208D, 0x208E}, {0x2308, 0x230B}, {0x2329, 0x232A},
		{0x2768, 0x2775}, {0x27C5, 0x27C6}, {0x27E6, 0x27EF}, {0x2983, 0x2998},
		{0x29D8, 0x29DB}, {0x29FC, 0x29FD}, {0x2E00, 0x2E2E}, {0x2E30, 0x2E4F},
		{0x3001, 0x3003}, {0x3008, 0x3011}, {0x3014, 0x301F}, {0x3030, 0x3030},
		{0x303D, 0x303D}, {0x30A0, 0x30A0}, {0x30FB, 0x30FB}, {0xFE10, 0xFE19},
		{0xFE30, 0xFE52}, {0xFE54, 0xFE61}, {0xFE63, 0xFE63}, {0xFE68, 0xFE68},
		{0xFE6A, 0xFE6B}, {0xFF01, 0xFF03}, {0xFF05, 0xFF0A}, {0xFF0C, 0xFF0F},
		{0xFF1A, 0xFF1B}, {0xFF1F, 0xFF20}, {0xFF3B, 0xFF3D}, {0xFF3F, 0xFF3F},
		{0xFF5B, 0xFF5B}, {0xFF5D, 0xFF5D}, {0xFF5F, 0xFF65},
	};
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
		if (c >= ranges[i][0] && c <= ranges[i][1])
			return true;
	return false;
}

typedef struct smart_quote {
	size_t at;           /* byte offset in the input */
	char ch;             /* '\'' or '"' */
	bool open, close;    /* may open, may close */
	bool active;         /* still on the delimiter stack */
	const char *as;      /* what it becomes */
} smart_quote;

/* The code point before byte `at` of s, or '\n' at the start. */
static uint32_t before(const char *s, size_t at)
{
	size_t i;
	if (at == 0)
		return '\n';
	i = at - 1;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return galley_utf8_next(s, at, &i);
}

/* Classifies the quotes of `s` and matches them (process_emphasis). */
static size_t find_quotes(const char *s, size_t len, smart_quote *q)
{
	size_t n = 0;
	long bottom[2] = {-1, -1};   /* per character: openers at or below are not searched */

	for (size_t i = 0; i < len && n < SMART_MAX_QUOTES; i++) {
		uint32_t b, a;
		size_t j = i + 1;
		bool left, right;
		if (s[i] != '\'' && s[i] != '"')
			continue;
		b = before(s, i);
		a = j < len ? galley_utf8_next(s, len, &j) : '\n';
		left = !is_space(a) && (!is_punct(a) || is_space(b) || is_punct(b));
		right = !is_space(b) && (!is_punct(b) || is_space(a) || is_punct(a));
		q[n].at = i;
		q[n].ch = s[i];
		q[n].open = left && !right && (s[i] == '"' || (b != ']' && b != ')'));
		q[n].close = right;
		q[n].active = true;
		q[n].as = s[i] == '\'' ? RSQUO : right ? RDQUO : LDQUO;
		n++;
	}
	for (size_t c = 0; c < n; c++) {
		int k = q[c].ch == '"';
		long o, prev = -1;
		if (!q[c].active || !q[c].close)
			continue;
		for (o = (long)c - 1; o >= 0; o--)
			if (q[o].active) {
				prev = o;
				break;
			}
		for (o = (long)c - 1; o > bottom[k]; o--)
			if (q[o].active && q[o].ch == q[c].ch && q[o].open)
				break;
		q[c].as = k ? RDQUO : RSQUO;
		if (o > bottom[k]) {
			q[o].as = k ? LDQUO : LSQUO;
			q[o].active = false;
			q[c].active = false;
		} else {
			bottom[k] = prev;
			if (!q[c].open)
				q[c].active = false;
		}
	}
	return n;
}

size_t galley_smart_punct(const char *s, size_t len, char *out)
{
	smart_quote q[SMART_MAX_QUOTES];
	size_t nq = find_quotes(s, len, q), k = 0, o = 0, i = 0;

	while (i < len) {
		if (k < nq && q[k].at == i) {
			memcpy(out + o, q[k].as, 3);
			o += 3;
			k++;
			i++;
		} else if (s[i] == '-' && i + 1 < len && s[i + 1] == '-') {
			size_t run = 0, em, en;
			while (i < len && s[i] == '-')
				run++, i++;
			if (run % 3 == 0)
				em = run / 3, en = 0;
			else if (run % 2 == 0)
				em = 0, en = run / 2;
			else if (run % 3 == 2)
				em = (run - 2) / 3, en = 1;
			else
				em = (run - 4) / 3, en = 2;
			for (; em > 0; em--, o += 3)
				memcpy(out + o, MDASH, 3);
			for (; en > 0; en--, o += 3)
				memcpy(out + o, NDASH, 3);
		} else if (s[i] == '.' && i + 2 < len && s[i + 1] == '.' && s[i + 2] == '.') {
			memcpy(out + o, HELLIP, 3);
			o += 3;
			i += 3;
		} else {
			out[o++] = s[i++];
		}
	}
	out[o] = '\0';
	return o;
}

const char *galley_smart_string(galley_doc *doc, const char *s, bool *oom)
{
	size_t len;
	char *buf;
	const char *r = s;

	if (s == NULL || strpbrk(s, "'\"-.") == NULL)
		return s;
	len = strlen(s);
	if ((buf = malloc(GALLEY_SMART_ROOM(len))) == NULL) {
		*oom = true;
		return NULL;
	}
	len = galley_smart_punct(s, len, buf);
	if (strcmp(buf, s) != 0 && (r = galley_doc_strndup(doc, buf, len)) == NULL)
		*oom = true;
	free(buf);
	return r;
}
