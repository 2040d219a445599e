/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * utf8.c: the parts of utf8.h that are not inline: validation, and
 * Unicode's tables through utf8proc (loaded when first needed).
 */
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/lazy.h"

#ifndef GALLEY_UTF8PROC_SONAME
#define GALLEY_UTF8PROC_SONAME "libutf8proc.so.2"
#endif

/* The functions of utf8proc galley calls, looked up when it is loaded. */
#define UTF8PROC_FUNCS(X) \
	X(utf8proc_get_property) \
	X(utf8proc_tolower) \
	X(utf8proc_map) \
	X(utf8proc_version)

static struct {
#define UTF8PROC_FIELD(f) __typeof__(&f) f;
	UTF8PROC_FUNCS(UTF8PROC_FIELD)
#undef UTF8PROC_FIELD
} up;

#define GALLEY_LAZY_TABLE up
static const char *const up_names[] = {UTF8PROC_FUNCS(GALLEY_LAZY_NAME)};
static void **const up_slots[] = {UTF8PROC_FUNCS(GALLEY_LAZY_SLOT)};
static galley_lazy_lib up_lib = GALLEY_LAZY_LIB("utf8proc", GALLEY_EIO,
                                                GALLEY_UTF8PROC_SONAME, up_names, up_slots);

size_t galley_utf8_valid_prefix(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n;

		if (u[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = galley_utf8_decode(u + i, len - i, &cp)) == 0)
			break;
		i += n;
	}
	return i;
}

int galley_unicode_ready(galley_error *err)
{
	return galley_lazy_ready(&up_lib, err);
}

/* Whether `cp` might change, or change its neighbour, under NFC: a
 * combining mark, a character that composes with the one before it, one
 * excluded from composition, a singleton (U+212B ANGSTROM SIGN is U+00C5),
 * or a Hangul jamo.  Conservative: a false alarm only costs a
 * normalization that changes nothing. */
static bool nfc_suspect(uint32_t cp)
{
	const utf8proc_property_t *p = up.utf8proc_get_property((utf8proc_int32_t)cp);

	if (cp >= 0x1100 && cp <= 0x11FF)
		return true;
	if (p->combining_class != 0 || p->comp_exclusion)
		return true;
	if (p->comb_index != UINT16_MAX && (p->comb_index & 0x8000))
		return true;
	/* a canonical decomposition into one character is a singleton; the
	 * sequence table is not exported, so a decomposing character that
	 * does not compose back is caught by mapping it */
	if (p->decomp_type == 0 && p->decomp_seqindex != UINT16_MAX) {
		utf8proc_uint8_t buf[8], *m = NULL;
		char one[4];
		size_t n = galley_utf8_encode(cp, one);
		utf8proc_ssize_t got;
		bool same;

		memcpy(buf, one, n);
		got = up.utf8proc_map(buf, (utf8proc_ssize_t)n, &m,
		                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		same = got == (utf8proc_ssize_t)n && memcmp(m, one, n) == 0;
		free(m);
		return !same;
	}
	return false;
}

/* Characters NFC leaves alone whatever surrounds them, known without a
 * table: below U+0300 (where the combining marks begin) nothing
 * decomposes canonically into something else or composes with what
 * precedes it; U+2002..U+20CF (spaces, dashes, quotes, the ellipsis,
 * currency signs) have no canonical decomposition and do not combine.
 * test_base checks both ranges against utf8proc. */
static bool nfc_stable_fast(uint32_t cp)
{
	return cp < 0x300 || (cp >= 0x2002 && cp <= 0x20CF);
}

bool galley_utf8_is_nfc(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len && u[i] < 0x80)
		i++;
	/* Latin text with typographic punctuation needs no table */
	for (size_t k = i; k < len;) {
		if (!nfc_stable_fast(galley_utf8_next(s, len, &k)))
			goto look_up;
	}
	return true;
look_up:
	if (!galley_lazy_load(&up_lib))
		return true;
	while (i < len) {
		uint32_t cp = galley_utf8_next(s, len, &i);
		if (!nfc_stable_fast(cp) && nfc_suspect(cp))
			return false;
	}
	return true;
}

int galley_utf8_nfc(const char *s, size_t len, char **out, size_t *out_len, galley_error *err)
{
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t got;
	int rc;

	*out = NULL;
	*out_len = 0;
	if ((rc = galley_unicode_ready(err)) < 0)
		return rc;
	got = up.utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &m,
	                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (got < 0) {
		/* the input is well-formed UTF-8, so only memory can fail */
		return galley_error_set(err, got == UTF8PROC_ERROR_NOMEM ? GALLEY_ENOMEM : GALLEY_EINTERNAL,
		                        NULL, "normalizing text to NFC: utf8proc error %ld", (long)got);
	}
	*out = (char *)m;
	*out_len = (size_t)got;
	return 0;
}

uint32_t galley_unicode_lower(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	if (!galley_lazy_load(&up_lib))
		return cp;
	return (uint32_t)up.utf8proc_tolower((utf8proc_int32_t)cp);
}

bool galley_unicode_is_letter(uint32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	if (!galley_lazy_load(&up_lib))
		return true;
	c = (utf8proc_category_t)up.utf8proc_get_property((utf8proc_int32_t)cp)->category;
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

bool galley_unicode_is_digit(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= '0' && cp <= '9';
	if (!galley_lazy_load(&up_lib))
		return false;
	return up.utf8proc_get_property((utf8proc_int32_t)cp)->category == UTF8PROC_CATEGORY_ND;
}

const char *galley_unicode_version(void)
{
	return galley_lazy_load(&up_lib) ? up.utf8proc_version() : NULL;
}
