/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * hyphen.h: hyphenation points from libhyphen, per language, cached per word.
 *
 * Dictionaries are loaded on demand from Debian's hyphen-* packages
 * (/usr/share/hyphen/hyph_<ll>_<CC>.dic); a language without one gives no
 * hyphenation and one warning through the caller.  Words are lowercased and
 * punctuation stripped before lookup (the patterns are lowercase); the
 * result maps back to byte offsets in the original UTF-8 word.
 *
 * A hyphenator is used by one thread at a time.  Threads working on one
 * document each take a child of one hyphenator (galley_hyph_new_child):
 * the children share its dictionaries, loaded once, and keep their own
 * word caches.
 */
#ifndef GALLEY_TYPESET_HYPHEN_H
#define GALLEY_TYPESET_HYPHEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct galley_hyphenator galley_hyphenator;

/* Most break points reported for one word. */
#define GALLEY_HYPH_MAX_POINTS 32

/* `dict_dir` NULL means /usr/share/hyphen. Returns NULL when memory runs out. */
galley_hyphenator *galley_hyph_new(const char *dict_dir);

/* A hyphenator for another thread, sharing the dictionaries of `parent`
 * (which must outlive it); NULL when memory runs out. */
galley_hyphenator *galley_hyph_new_child(galley_hyphenator *parent);

/* Starts loading the dictionaries of `langs` (n tags; duplicates and
 * NULLs are skipped) on a background thread and returns at once; whoever
 * asks for one of them meanwhile waits for it instead of loading it
 * again.  Only the first call on a hyphenator made by galley_hyph_new
 * does anything; without threads the dictionaries load when asked for. */
void galley_hyph_preload(galley_hyphenator *h, const char *const *langs, size_t n);

/* Whether the dictionary of `lang` came from the disk cache of compiled
 * dictionaries (hyphcache.c) rather than from libhyphen's compiler; for
 * tests.  Loads it on first use. */
bool galley_hyph_from_cache(galley_hyphenator *h, const char *lang);

/* Frees a hyphenator; freeing the parent (after its children) frees the
 * dictionaries, once the background loader has finished. */
void galley_hyph_free(galley_hyphenator *h);

/* Whether a dictionary exists for `lang` ("en-US", "en", "de-DE", "fr").
 * Loads it on first use.  A bare language picks a default region (en: en_US). */
bool galley_hyph_has_language(galley_hyphenator *h, const char *lang);

/* Fills `points` with byte offsets into `word` (len bytes of UTF-8) after
 * which a hyphen may be inserted, ascending, at most GALLEY_HYPH_MAX_POINTS,
 * and returns their number (0 when the word must not be hyphenated: shorter
 * than 5 letters, ALL CAPS, contains digits, or no dictionary).  At least 2
 * letters before and 3 after each point.  Returns -1 when memory runs out.
 * Leading and trailing punctuation (quotes, brackets, dashes) is skipped and
 * the offsets still count it.  Inside, only letters, apostrophes and hyphens
 * are accepted (anything else, e.g. '/', '@', '_', '.', gives 0); a compound
 * ("well-known") gets points inside each part, never at its own hyphen.
 * Words of more than 64 code points give 0 (the typesetter breaks those at
 * safe points).  Results are cached per (language, lowercased word). */
int galley_hyph_word(galley_hyphenator *h, const char *lang, const char *word,
                     size_t len, uint32_t *points);

#endif
