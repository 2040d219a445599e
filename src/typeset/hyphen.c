/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * hyphen.c: hyphenation points from libhyphen (the Hunspell/LibreOffice
 * hyphenator over TeX patterns), one dictionary per language, cached per word.
 *
 * A word goes through four steps:
 *  1. decode its UTF-8 into code points (invalid UTF-8: no points);
 *  2. strip leading and trailing punctuation (quotes, brackets, dashes) and
 *     refuse what must not be hyphenated: digits, ALL CAPS, fewer than
 *     GALLEY_HYPH_MIN_LETTERS letters, anything but letters, apostrophes and
 *     hyphens inside (URLs, e-mail addresses, identifiers, abbreviations);
 *  3. lowercase it (a locale-independent mapping for Latin, Greek and
 *     Cyrillic) and look it up in the per-word cache;
 *  4. on a miss, split it at hyphens and apostrophes and hand each part of
 *     enough letters to libhyphen (hnj_hyphen_hyphenate3, lefthyphenmin 2,
 *     righthyphenmin 3), encoded as the dictionary wants (UTF-8 or an ISO
 *     8859 charset, Debian's German dictionary being Latin-1).
 * Points are cached as code-point positions in the stripped word and mapped
 * back to byte offsets of the caller's original word on every call.
 *
 * Dictionaries: "ll-CC" looks for hyph_ll_CC.dic, then hyph_ll.dic, then
 * hyph_ll_<default region>.dic, then the first hyph_ll_*.dic in name order.
 *
 * Sharing.  Loading a dictionary is the dear part (en-US: 11,000 patterns,
 * 37 million instructions, 10-20 ms), and libhyphen only reads a loaded
 * dictionary.  So dictionaries live in a store that a hyphenator and its
 * children (one per worker thread) share under a mutex: each is loaded
 * once, by whoever asks first or by a background loader started with
 * galley_hyph_preload, and whoever asks while it loads waits for it.  The
 * word caches stay per hyphenator, without locks.
 */
#include "typeset/hyphen.h"
#include "typeset/hyphcache.h"
#include "base/pool.h"
#include "base/utf8.h"
#include "base/vec.h"

#include <dirent.h>
#include <hyphen.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define GALLEY_HYPH_DEFAULT_DIR "/usr/share/hyphen"

/* Languages per hyphenator: a document uses one or two; 16 leaves room for
 * a multilingual digest.  Beyond that, further languages get no hyphens. */
#define GALLEY_HYPH_MAX_LANGS 16

/* Language tag subtags we keep: ISO 639 (2-3 letters), region (2 letters). */
#define GALLEY_HYPH_MAX_TAG 16

/* Longest word hyphenated, code points.  Longer "words" are URLs, chemical
 * names or garbage; the typesetter breaks those at safe points instead.
 * Also keeps every cached point index within a byte. */
#define GALLEY_HYPH_MAX_WORD 64

/* Fewest letters a hyphenated word (or compound part) has: 2 + 3. */
#define GALLEY_HYPH_MIN_LETTERS 5

/* Fewest letters before and after a break (\lefthyphenmin, \righthyphenmin). */
#define GALLEY_HYPH_LEFT_MIN 2
#define GALLEY_HYPH_RIGHT_MIN 3

/* Word cache: initial slot count (a power of two), load factor 1/2, and the
 * most entries kept: past that the cache starts over (about 12 MB of slots
 * and keys), so memory stays bounded on huge inputs. */
#define GALLEY_HYPH_CACHE_INITIAL 1024
#define GALLEY_HYPH_CACHE_MAX_ENTRIES (1u << 18)

/* One language: the tag it was asked as, the dictionary (NULL: none). */
typedef struct hyph_lang {
	char tag[GALLEY_HYPH_MAX_TAG]; /* normalised: "en_US", "de" */
	char asked[GALLEY_HYPH_MAX_TAG]; /* the tag as first asked ("en-US"), for a fast match */
	char *path;                    /* the file loaded, malloc'ed; NULL when none */
	HyphenDict *dict;              /* NULL when there is no dictionary */
	bool owner;                    /* this entry frees dict (others share it) */
	bool cached;                   /* dict came from the disk cache (hyphcache.c) */
	bool ready;                    /* looked up and, if found, loaded */
} hyph_lang;

/* The dictionaries of a hyphenator and its children (see "Sharing"). */
typedef struct hyph_store {
	char *dict_dir;
	char *cache_dir;               /* compiled dictionaries (hyphcache.c); NULL: none */
	/* the entries are shared by the loader and every child's worker, any
	 * of which may load one that the others then wait for: a lock and a
	 * condition of the store's own, not the pool's */
	pthread_mutex_t mu;
	pthread_cond_t loaded;         /* an entry became ready */
	hyph_lang langs[GALLEY_HYPH_MAX_LANGS]; /* under mu; entries never move */
	size_t nlangs;
	galley_pool *loader;           /* background loader, when started */
	galley_task load;              /* its one task */
	char preload[GALLEY_HYPH_MAX_LANGS][GALLEY_HYPH_MAX_TAG];
	size_t npreload;
} hyph_store;

/* One cached word. */
typedef struct hyph_slot {
	uint32_t hash;     /* 0: empty slot */
	uint16_t lang;     /* index into langs */
	uint16_t keylen;   /* bytes of the lowercased word */
	uint8_t npoints;
	size_t key;        /* offset of the lowercased word in `keys` */
	uint8_t points[GALLEY_HYPH_MAX_POINTS]; /* code points before each break */
} hyph_slot;

struct galley_hyphenator {
	hyph_store *store;             /* the dictionaries */
	bool owns_store;               /* false in a child */
	/* languages this hyphenator has asked for, in the order asked (the
	 * cache keys on the index); dict points into the store */
	hyph_lang langs[GALLEY_HYPH_MAX_LANGS];
	size_t nlangs;
	hyph_slot *slots;  /* open addressing, linear probing */
	size_t nslots;     /* a power of two */
	size_t nused;
	char *keys;        /* the cached words, back to back */
	size_t keys_len, keys_cap;
};

/* ---- Characters ---------------------------------------------------------- */

/* Case, letters and digits are Unicode's (base/utf8.h): the dictionaries'
 * patterns are lowercase, so Romanian Ș and Vietnamese capitals must
 * lowercase as Unicode says, whatever the C locale. */
static long to_lower(long cp)
{
	return (long)galley_unicode_lower((uint32_t)cp);
}

static bool is_letter(long cp)
{
	return galley_unicode_is_letter((uint32_t)cp);
}

static bool is_digit(long cp)
{
	return galley_unicode_is_digit((uint32_t)cp);
}

/* Appends the UTF-8 form of a code point taken from valid text. */
static size_t utf8_put(char *out, long cp)
{
	return galley_utf8_encode((uint32_t)cp, out);
}

/* Apostrophes and hyphens: allowed inside a word, never broken at here. */
static bool is_joiner(long cp)
{
	return cp == '\'' || cp == 0x2019 || cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* ---- Dictionaries -------------------------------------------------------- */

/* Default region of a bare language when hyph_ll.dic is missing. */
static const char *default_region(const char *ll)
{
	static const char *const table[][2] = {
		{"en", "US"}, {"de", "DE"}, {"fr", "FR"}, {"es", "ES"}, {"it", "IT"},
		{"pt", "PT"}, {"nl", "NL"}, {"sv", "SE"}, {"da", "DK"}, {"nb", "NO"},
		{"nn", "NO"}, {"cs", "CZ"}, {"el", "GR"}, {"uk", "UA"}, {"ru", "RU"},
	};
	size_t i;

	for (i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i][0], ll) == 0)
			return table[i][1];
	return NULL;
}

/* Splits a tag ("en-US", "en_us", "sr-Latn-RS") into a lowercase language
 * and an uppercase region ("" when none).  Returns false for a malformed tag
 * (which also keeps anything but letters out of file names). */
static bool parse_tag(const char *lang, char ll[4], char cc[3])
{
	size_t i = 0, k = 0, len;
	const char *sub;

	ll[0] = cc[0] = '\0';
	while (lang[i] && lang[i] != '-' && lang[i] != '_') {
		char c = lang[i];

		if (k >= 3 || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return false;
		ll[k++] = (char)(c | 0x20);
		i++;
	}
	ll[k] = '\0';
	if (k < 2)
		return false;
	sub = lang + i;
	while (*sub) {
		sub++; /* the separator */
		len = strcspn(sub, "-_");
		if (len == 2 && ((sub[0] | 0x20) >= 'a' && (sub[0] | 0x20) <= 'z') &&
		    ((sub[1] | 0x20) >= 'a' && (sub[1] | 0x20) <= 'z')) {
			cc[0] = (char)(sub[0] & ~0x20);
			cc[1] = (char)(sub[1] & ~0x20);
			cc[2] = '\0';
			break;
		}
		sub += len;
	}
	return true;
}

static bool file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Writes dict_dir/hyph_<name>.dic into `path`; false when it does not exist. */
static bool try_path(const hyph_store *h, const char *name, char *path, size_t size)
{
	int n = snprintf(path, size, "%s/hyph_%s.dic", h->dict_dir, name);

	return n > 0 && (size_t)n < size && file_exists(path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The first dict_dir/hyph_<ll>_*.dic in name order, into `path`.  Returns
 * 1 found, 0 not found, -1 out of memory. */
static int scan_dir(const hyph_store *h, const char *ll, char *path, size_t size)
{
	DIR *dir = opendir(h->dict_dir);
	struct dirent *de;
	char prefix[16], **names = NULL;
	size_t nnames = 0, cap = 0, plen, i;
	int rc = 0;

	if (dir == NULL)
		return 0;
	snprintf(prefix, sizeof prefix, "hyph_%s_", ll);
	plen = strlen(prefix);
	while ((de = readdir(dir)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len <= plen + 4 || strncmp(de->d_name, prefix, plen) != 0 ||
		    strcmp(de->d_name + len - 4, ".dic") != 0)
			continue;
		if (GALLEY_VEC_PUSH_ROOM(names, cap, nnames) < 0) {
			rc = -1;
			goto cleanup;
		}
		names[nnames] = strdup(de->d_name);
		if (names[nnames] == NULL) {
			rc = -1;
			goto cleanup;
		}
		nnames++;
	}
	if (nnames > 0) {
		qsort(names, nnames, sizeof *names, cmp_str);
		for (i = 0; i < nnames && rc == 0; i++) {
			int n = snprintf(path, size, "%s/%s", h->dict_dir, names[i]);

			if (n > 0 && (size_t)n < size && file_exists(path))
				rc = 1;
		}
	}
cleanup:
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	closedir(dir);
	return rc;
}

/* The file for `lang` (normalised to `tag`) in the store's folder, into
 * `path`.  Returns 1 found, 0 none, -1 out of memory.  Reads only the
 * immutable dict_dir: called without the lock. */
static int resolve(const hyph_store *st, const char *ll, const char *cc, const char *tag,
                   char *path, size_t size)
{
	char name[GALLEY_HYPH_MAX_TAG];
	const char *def;
	int found = 0;

	if (cc[0])
		found = try_path(st, tag, path, size);
	if (!found)
		found = try_path(st, ll, path, size);
	if (!found && (def = default_region(ll)) != NULL) {
		snprintf(name, sizeof name, "%s_%s", ll, def);
		found = try_path(st, name, path, size);
	}
	if (!found)
		found = scan_dir(st, ll, path, size);
	return found;
}

/* Waits (mu held) until entry e is ready. */
static void wait_ready(hyph_store *st, const hyph_lang *e)
{
	while (!e->ready)
		pthread_cond_wait(&st->loaded, &st->mu);
}

/* The store's entry for `lang`, looked up and loaded on first use (by
 * this thread, or waited for when another thread is loading it).  Returns
 * the entry, ready, or NULL with *rc -2 (malformed tag, table full: no
 * hyphenation) or -1 (out of memory). */
static const hyph_lang *store_get(hyph_store *st, const char *lang, int *rc)
{
	char ll[4], cc[3], tag[GALLEY_HYPH_MAX_TAG], path[4096];
	hyph_lang *e = NULL;
	char *real = NULL, *file = NULL;
	const char *key;
	HyphenDict *dict;
	bool cached;
	int found;
	size_t i;

	*rc = -2;
	if (lang == NULL || !parse_tag(lang, ll, cc))
		return NULL;
	snprintf(tag, sizeof tag, cc[0] ? "%s_%s" : "%s", ll, cc);
	pthread_mutex_lock(&st->mu);
	for (i = 0; i < st->nlangs && e == NULL; i++)
		if (strcmp(st->langs[i].asked, lang) == 0 || strcmp(st->langs[i].tag, tag) == 0)
			e = &st->langs[i];
	if (e) {
		wait_ready(st, e);
		pthread_mutex_unlock(&st->mu);
		return e;
	}
	if (st->nlangs == GALLEY_HYPH_MAX_LANGS) {
		pthread_mutex_unlock(&st->mu);
		return NULL;
	}
	/* claim the entry, then look for the file without the lock */
	e = &st->langs[st->nlangs++];
	memset(e, 0, sizeof *e);
	memcpy(e->tag, tag, sizeof tag);
	if (strlen(lang) < sizeof e->asked)
		memcpy(e->asked, lang, strlen(lang) + 1);
	pthread_mutex_unlock(&st->mu);

	found = resolve(st, ll, cc, tag, path, sizeof path);
	if (found > 0) {
		real = realpath(path, NULL);
		key = real ? real : path;
		file = strdup(key);
		free(real);
		if (file == NULL)
			found = -1;
	}
	pthread_mutex_lock(&st->mu);
	e->path = file;  /* others compare paths under the lock */
	/* another tag naming the same file (de-AT, de-DE) shares its dictionary */
	for (i = 0; found > 0 && i < st->nlangs && e->dict == NULL; i++) {
		hyph_lang *o = &st->langs[i];
		if (o == e || o->path == NULL || strcmp(o->path, e->path) != 0 || !o->owner)
			continue;
		wait_ready(st, o);
		e->dict = o->dict;
	}
	if (found > 0 && e->dict == NULL) {
		e->owner = true;  /* other askers of this file find it and wait */
		pthread_mutex_unlock(&st->mu);
		dict = galley_hyphcache_load(st->cache_dir, path);
		cached = dict != NULL;
		if (!dict && (dict = hnj_hyphen_load(path)) != NULL)
			galley_hyphcache_store(st->cache_dir, path, dict);
		pthread_mutex_lock(&st->mu);
		e->dict = dict;
		e->cached = cached;
		e->owner = e->dict != NULL;
	}
	e->ready = true;
	pthread_cond_broadcast(&st->loaded);
	pthread_mutex_unlock(&st->mu);
	*rc = found < 0 ? -1 : 0;
	return found < 0 ? NULL : e;
}

/* This hyphenator's index for `lang`, asking the store on first use.
 * Returns the index, -2 when there is no hyphenation for it (malformed
 * tag, table full), -1 when out of memory. */
static int find_lang(galley_hyphenator *h, const char *lang)
{
	const hyph_lang *se;
	hyph_lang *e;
	int rc;

	if (lang == NULL)
		return -2;
	for (size_t i = 0; i < h->nlangs; i++)
		if (strcmp(h->langs[i].asked, lang) == 0)
			return (int)i;
	if (h->nlangs == GALLEY_HYPH_MAX_LANGS)
		return -2;
	se = store_get(h->store, lang, &rc);
	if (se == NULL)
		return rc;
	e = &h->langs[h->nlangs];
	memset(e, 0, sizeof *e);
	memcpy(e->tag, se->tag, sizeof e->tag);
	if (strlen(lang) < sizeof e->asked)
		memcpy(e->asked, lang, strlen(lang) + 1);
	e->dict = se->dict;  /* the store owns it */
	e->ready = true;
	return (int)h->nlangs++;
}

static void loader_main(void *arg, size_t worker)
{
	hyph_store *st = arg;
	int rc;

	(void)worker;
	for (size_t i = 0; i < st->npreload; i++)
		(void)store_get(st, st->preload[i], &rc);  /* failures show when asked */
}

static galley_hyphenator *hyph_alloc(hyph_store *store, bool owns)
{
	galley_hyphenator *h = calloc(1, sizeof *h);

	if (h) {
		h->store = store;
		h->owns_store = owns;
	}
	return h;
}

galley_hyphenator *galley_hyph_new(const char *dict_dir)
{
	hyph_store *st = calloc(1, sizeof *st);
	galley_hyphenator *h;

	if (st == NULL)
		return NULL;
	st->dict_dir = strdup(dict_dir ? dict_dir : GALLEY_HYPH_DEFAULT_DIR);
	if (st->dict_dir == NULL)
		goto fail;
	st->cache_dir = galley_hyphcache_dir();  /* NULL: no cache, nothing lost */
	if (pthread_mutex_init(&st->mu, NULL) != 0)
		goto fail;
	if (pthread_cond_init(&st->loaded, NULL) != 0) {
		pthread_mutex_destroy(&st->mu);
		goto fail;
	}
	h = hyph_alloc(st, true);
	if (h)
		return h;
	pthread_cond_destroy(&st->loaded);
	pthread_mutex_destroy(&st->mu);
fail:
	free(st->dict_dir);
	free(st->cache_dir);
	free(st);
	return NULL;
}

galley_hyphenator *galley_hyph_new_child(galley_hyphenator *parent)
{
	return parent ? hyph_alloc(parent->store, false) : NULL;
}

void galley_hyph_preload(galley_hyphenator *h, const char *const *langs, size_t n)
{
	hyph_store *st = h ? h->store : NULL;

	if (st == NULL || !h->owns_store || st->loader != NULL || n == 0)
		return;
	for (size_t i = 0; i < n && st->npreload < GALLEY_HYPH_MAX_LANGS; i++) {
		bool seen = false;
		if (langs[i] == NULL || strlen(langs[i]) >= GALLEY_HYPH_MAX_TAG)
			continue;
		for (size_t k = 0; k < st->npreload && !seen; k++)
			seen = strcmp(st->preload[k], langs[i]) == 0;
		if (!seen)
			memcpy(st->preload[st->npreload++], langs[i], strlen(langs[i]) + 1);
	}
	if (st->npreload == 0 || (st->loader = galley_pool_new(1)) == NULL)
		return;
	if (galley_pool_threads(st->loader) == 0) {
		/* no thread: the dictionaries load when first asked for */
		galley_pool_free(st->loader);
		st->loader = NULL;
		return;
	}
	galley_pool_submit(st->loader, &st->load, loader_main, st);
	galley_pool_close(st->loader);  /* the thread ends once loaded */
}

void galley_hyph_free(galley_hyphenator *h)
{
	size_t i;

	if (h == NULL)
		return;
	if (h->owns_store) {
		hyph_store *st = h->store;
		galley_pool_free(st->loader);  /* once the loader is done */
		for (i = 0; i < st->nlangs; i++) {
			if (st->langs[i].owner)
				hnj_hyphen_free(st->langs[i].dict);
			free(st->langs[i].path);
		}
		pthread_cond_destroy(&st->loaded);
		pthread_mutex_destroy(&st->mu);
		free(st->dict_dir);
		free(st->cache_dir);
		free(st);
	}
	free(h->slots);
	free(h->keys);
	free(h);
}

bool galley_hyph_from_cache(galley_hyphenator *h, const char *lang)
{
	int i = h ? find_lang(h, lang) : -2;
	bool cached = false;

	if (i < 0 || h->langs[i].dict == NULL)
		return false;
	pthread_mutex_lock(&h->store->mu);
	for (size_t k = 0; k < h->store->nlangs; k++)
		if (h->store->langs[k].dict == h->langs[i].dict && h->store->langs[k].owner)
			cached = h->store->langs[k].cached;
	pthread_mutex_unlock(&h->store->mu);
	return cached;
}

bool galley_hyph_has_language(galley_hyphenator *h, const char *lang)
{
	int i = h ? find_lang(h, lang) : -2;

	return i >= 0 && h->langs[i].dict != NULL;
}

/* ---- Word cache ---------------------------------------------------------- */

/* FNV-1a over the language index and the word; never 0 (0 marks empty). */
static uint32_t hash_word(int lang, const char *w, size_t len)
{
	uint32_t x = 2166136261u;
	size_t i;

	x = (x ^ (uint32_t)lang) * 16777619u;
	for (i = 0; i < len; i++)
		x = (x ^ (unsigned char)w[i]) * 16777619u;
	return x ? x : 1;
}

static hyph_slot *cache_find(galley_hyphenator *h, uint32_t hash, int lang, const char *w, size_t len)
{
	size_t mask, i;

	if (h->nslots == 0)
		return NULL;
	mask = h->nslots - 1;
	for (i = hash & mask; h->slots[i].hash != 0; i = (i + 1) & mask) {
		hyph_slot *s = &h->slots[i];

		if (s->hash == hash && s->lang == lang && s->keylen == len &&
		    memcmp(h->keys + s->key, w, len) == 0)
			return s;
	}
	return NULL;
}

/* Empties the cache (when it reached its most entries). */
static void cache_clear(galley_hyphenator *h)
{
	memset(h->slots, 0, h->nslots * sizeof *h->slots);
	h->nused = 0;
	h->keys_len = 0;
}

/* Grows the slot table to `nslots` (a power of two). Returns 0 or -1. */
static int cache_grow(galley_hyphenator *h, size_t nslots)
{
	hyph_slot *slots = calloc(nslots, sizeof *slots);
	size_t i, mask = nslots - 1;

	if (slots == NULL)
		return -1;
	for (i = 0; i < h->nslots; i++) {
		size_t k;

		if (h->slots[i].hash == 0)
			continue;
		for (k = h->slots[i].hash & mask; slots[k].hash != 0; k = (k + 1) & mask)
			;
		slots[k] = h->slots[i];
	}
	free(h->slots);
	h->slots = slots;
	h->nslots = nslots;
	return 0;
}

/* Stores a word's points.  Returns 0 or -1 when out of memory. */
static int cache_put(galley_hyphenator *h, uint32_t hash, int lang, const char *w, size_t len,
                     const uint8_t *points, int npoints)
{
	hyph_slot *s;
	size_t mask, i;

	if (h->nused >= GALLEY_HYPH_CACHE_MAX_ENTRIES)
		cache_clear(h);
	if ((h->nused + 1) * 2 > h->nslots &&
	    cache_grow(h, h->nslots ? h->nslots * 2 : GALLEY_HYPH_CACHE_INITIAL) < 0)
		return -1;
	if (galley_vec_reserve((void **)&h->keys, &h->keys_cap, h->keys_len + len, 1) < 0)
		return -1;
	memcpy(h->keys + h->keys_len, w, len);
	mask = h->nslots - 1;
	for (i = hash & mask; h->slots[i].hash != 0; i = (i + 1) & mask)
		;
	s = &h->slots[i];
	s->hash = hash;
	s->lang = (uint16_t)lang;
	s->keylen = (uint16_t)len;
	s->key = h->keys_len;
	s->npoints = (uint8_t)npoints;
	memcpy(s->points, points, (size_t)npoints);
	h->keys_len += len;
	h->nused++;
	return 0;
}

/* ---- Hyphenation --------------------------------------------------------- */

/* Encodes code points for a single-byte dictionary; false when one has no
 * byte in its charset (ISO 8859-1, or -15 with its eight replacements). */
static bool encode_8bit(const char *cset, const long *cps, size_t n, char *out)
{
	static const long latin9[][2] = {
		{0x20AC, 0xA4}, {0x160, 0xA6}, {0x161, 0xA8}, {0x17D, 0xB4},
		{0x17E, 0xB8}, {0x152, 0xBC}, {0x153, 0xBD}, {0x178, 0xBE},
	};
	bool is15 = strstr(cset, "8859-15") != NULL;
	bool is1 = !is15 && strstr(cset, "8859-1") != NULL;
	size_t i, k;

	for (i = 0; i < n; i++) {
		long cp = cps[i], b = -1;

		if (cp < 0x80)
			b = cp;
		else if (is15) {
			for (k = 0; k < sizeof latin9 / sizeof latin9[0]; k++)
				if (latin9[k][0] == cp)
					b = latin9[k][1];
			if (b < 0 && cp <= 0xFF)
				b = cp;
		} else if (is1 && cp <= 0xFF) {
			b = cp;
		}
		if (b < 0)
			return false;
		out[i] = (char)b;
	}
	return true;
}

/* Hyphenates one part (n lowercase letters, n <= GALLEY_HYPH_MAX_WORD) and
 * appends its breaks, offset by `base`, to points.  Returns 0 or -1. */
static int hyphenate_part(HyphenDict *dict, const long *cps, size_t n, size_t base,
                          uint8_t *points, int *npoints)
{
	char word[GALLEY_HYPH_MAX_WORD * 4 + 1];
	char hyphens[GALLEY_HYPH_MAX_WORD * 4 + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	size_t len = 0, i;
	int rc = 0;

	if (dict->utf8) {
		for (i = 0; i < n; i++)
			len += utf8_put(word + len, cps[i]);
	} else {
		if (!encode_8bit(dict->cset, cps, n, word))
			return 0;
		len = n;
	}
	word[len] = '\0';
	memset(hyphens, 0, sizeof hyphens);
	if (hnj_hyphen_hyphenate3(dict, word, (int)len, hyphens, NULL, &rep, &pos, &cut,
	                          GALLEY_HYPH_LEFT_MIN, GALLEY_HYPH_RIGHT_MIN,
	                          GALLEY_HYPH_LEFT_MIN, GALLEY_HYPH_RIGHT_MIN) != 0)
		goto cleanup; /* libhyphen refused the word: no points */
	/* hyphens[] is indexed by character for both encodings: odd means a
	 * break after that character.  Non-standard breaks (rep[i], e.g.
	 * German "Schiff-fahrt") change letters and are skipped. */
	for (i = GALLEY_HYPH_LEFT_MIN - 1; i + GALLEY_HYPH_RIGHT_MIN < n; i++) {
		if (!(hyphens[i] & 1) || (rep && rep[i]))
			continue;
		if (*npoints < GALLEY_HYPH_MAX_POINTS)
			points[(*npoints)++] = (uint8_t)(base + i + 1);
	}
cleanup:
	if (rep) {
		for (i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	return rc;
}

/* Hyphenates a lowercased word of n code points: each part between joiners
 * on its own.  Points are code-point counts before each break. */
static int hyphenate_word(HyphenDict *dict, const long *cps, size_t n, uint8_t *points, int *npoints)
{
	size_t i = 0;

	*npoints = 0;
	while (i < n) {
		size_t j = i;

		while (j < n && !is_joiner(cps[j]))
			j++;
		if (j - i >= GALLEY_HYPH_MIN_LETTERS &&
		    hyphenate_part(dict, cps + i, j - i, i, points, npoints) < 0)
			return -1;
		i = j + 1;
	}
	return 0;
}

int galley_hyph_word(galley_hyphenator *h, const char *lang, const char *word,
                     size_t len, uint32_t *points)
{
	long cps[GALLEY_HYPH_MAX_WORD];
	size_t offs[GALLEY_HYPH_MAX_WORD + 1]; /* byte offset of each code point, and the end */
	char key[GALLEY_HYPH_MAX_WORD * 4];
	uint8_t cps_points[GALLEY_HYPH_MAX_POINTS];
	size_t n = 0, i = 0, first, last, keylen = 0, letters = 0;
	bool lower_seen = false;
	hyph_slot *slot;
	uint32_t hash;
	int li, np = 0, k;

	if (h == NULL || word == NULL || points == NULL)
		return 0;
	while (i < len) {
		size_t at = i;
		long cp = (long)galley_utf8_next(word, len, &i);

		if (cp == GALLEY_UTF8_REPLACEMENT || n == GALLEY_HYPH_MAX_WORD || is_digit(cp))
			return 0;
		offs[n] = at;
		cps[n++] = cp;
	}
	offs[n] = len;
	for (first = 0; first < n && !is_letter(cps[first]); first++)
		;
	for (last = n; last > first && !is_letter(cps[last - 1]); last--)
		;
	for (i = first; i < last; i++) {
		if (is_letter(cps[i])) {
			letters++;
			if (to_lower(cps[i]) == cps[i])
				lower_seen = true;
		} else if (!is_joiner(cps[i])) {
			return 0; /* '/', '@', '_', '.', and any other symbol inside */
		}
	}
	if (letters < GALLEY_HYPH_MIN_LETTERS || !lower_seen)
		return 0;

	li = find_lang(h, lang);
	if (li == -1)
		return -1;
	if (li < 0 || h->langs[li].dict == NULL)
		return 0;

	for (i = first; i < last; i++) {
		cps[i] = to_lower(cps[i]);
		keylen += utf8_put(key + keylen, cps[i]);
	}
	hash = hash_word(li, key, keylen);
	slot = cache_find(h, hash, li, key, keylen);
	if (slot) {
		np = slot->npoints;
		memcpy(cps_points, slot->points, (size_t)np);
	} else {
		if (hyphenate_word(h->langs[li].dict, cps + first, last - first, cps_points, &np) < 0)
			return -1;
		if (cache_put(h, hash, li, key, keylen, cps_points, np) < 0)
			return -1;
	}
	for (k = 0; k < np; k++)
		points[k] = (uint32_t)offs[first + cps_points[k]];
	return np;
}
