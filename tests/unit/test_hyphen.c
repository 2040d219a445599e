/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_hyphen.c: the libhyphen adapter with Debian's dictionaries
 * (/usr/share/hyphen): known points for en_US, byte offsets through
 * punctuation and UTF-8, refusals, language lookup, the word cache and
 * the disk cache of compiled dictionaries (hyphcache.c).
 */
#include "typeset/hyphen.h"
#include "typeset/hyphcache.h"
#include "typeset/internal.h"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "t.h"

/* libhyphen 2.8.8 leaks a fixed amount of memory per load of some
 * dictionaries (de, fr: nothing per word); hnj_hyphen_free cannot be made to
 * release it.  Keep LeakSanitizer (BUILD=asan) quiet about that one library. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libhyphen.so\n";
}

/* The word with '-' at each point ("hy-phen-ation"), or "(n)" when n <= 0. */
static const char *show(galley_hyphenator *h, const char *lang, const char *word)
{
	static char out[512];
	uint32_t pts[GALLEY_HYPH_MAX_POINTS];
	size_t len = strlen(word), at = 0, o = 0;
	int n = galley_hyph_word(h, lang, word, len, pts), k;

	if (n <= 0) {
		snprintf(out, sizeof out, "(%d)", n);
		return out;
	}
	for (k = 0; k < n; k++) {
		memcpy(out + o, word + at, pts[k] - at);
		o += pts[k] - at;
		out[o++] = '-';
		at = pts[k];
	}
	memcpy(out + o, word + at, len - at);
	out[o + len - at] = '\0';
	return out;
}

static void test_english(galley_hyphenator *h)
{
	T_CHECK(galley_hyph_has_language(h, "en-US"), "en: en-US has a dictionary");
	T_CHECK(galley_hyph_has_language(h, "en_US"), "en: en_US has a dictionary");
	T_CHECK(galley_hyph_has_language(h, "en"), "en: bare en picks a dictionary");
	T_EQ_STR(show(h, "en-US", "hyphenation"), "hy-phen-ation", "en: hyphenation");
	T_EQ_STR(show(h, "en", "typesetting"), "type-set-ting", "en: typesetting");
	T_EQ_STR(show(h, "en-US", "Hyphenation"), "Hy-phen-ation", "en: capitalised word keeps its case");
	T_EQ_STR(show(h, "en-US", "international"), "in-ter-na-tional", "en: international");
	T_EQ_STR(show(h, "en-US", "computer"), "com-puter", "en: 3 letters after the last point");
}

static void test_offsets(galley_hyphenator *h)
{
	/* Curly quotes are 3 bytes each: offsets count them. */
	T_EQ_STR(show(h, "en-US", "\xE2\x80\x9Chyphenation,\xE2\x80\x9D"),
	         "\xE2\x80\x9Chy-phen-ation,\xE2\x80\x9D", "offsets: curly-quoted word");
	T_EQ_STR(show(h, "en-US", "(hyphenation)"), "(hy-phen-ation)", "offsets: brackets");
	T_EQ_STR(show(h, "en-US", "\xE2\x80\x94typesetting."), "\xE2\x80\x94type-set-ting.",
	         "offsets: em dash before, period after");
	T_EQ_STR(show(h, "en-US", "well-known"), "(0)", "compound: short parts get nothing");
	T_EQ_STR(show(h, "en-US", "typesetting-hyphenation"), "type-set-ting-hy-phen-ation",
	         "compound: points inside each part only");
	T_EQ_STR(show(h, "en-US", "children\xE2\x80\x99s"), "chil-dren\xE2\x80\x99s",
	         "apostrophe: curly apostrophe inside a word");
}

static void test_refusals(galley_hyphenator *h)
{
	T_EQ_STR(show(h, "en-US", "HYPHENATION"), "(0)", "refuse: ALL CAPS");
	T_EQ_STR(show(h, "en-US", "hyphenation2"), "(0)", "refuse: digits");
	T_EQ_STR(show(h, "en-US", "1990s"), "(0)", "refuse: a number");
	T_EQ_STR(show(h, "en-US", "word"), "(0)", "refuse: shorter than 5 letters");
	T_EQ_STR(show(h, "en-US", "\"word\""), "(0)", "refuse: short word in quotes");
	T_EQ_STR(show(h, "en-US", "example.com/hyphenation"), "(0)", "refuse: URL");
	T_EQ_STR(show(h, "en-US", "someone@example"), "(0)", "refuse: e-mail address");
	T_EQ_STR(show(h, "en-US", "snake_case_identifier"), "(0)", "refuse: identifier");
	T_EQ_STR(show(h, "en-US", "galley.typeset"), "(0)", "refuse: period inside");
	T_EQ_STR(show(h, "en-US", "hyph\xFF" "enation"), "(0)", "refuse: invalid UTF-8");
	T_EQ_STR(show(h, "en-US", ""), "(0)", "refuse: empty");
	T_EQ_STR(show(h, "en-US", "\xE2\x80\x9C\xE2\x80\x9D"), "(0)", "refuse: punctuation only");
}

static void test_languages(galley_hyphenator *h)
{
	T_CHECK(!galley_hyph_has_language(h, "xx"), "lang: unknown language has no dictionary");
	T_CHECK(!galley_hyph_has_language(h, "xx"), "lang: negative lookup is stable");
	T_CHECK(!galley_hyph_has_language(h, "../etc"), "lang: malformed tag refused");
	T_CHECK(!galley_hyph_has_language(h, ""), "lang: empty tag refused");
	T_EQ_STR(show(h, "xx", "hyphenation"), "(0)", "lang: no dictionary, no points");

	if (access("/usr/share/hyphen/hyph_de_DE.dic", R_OK) == 0) {
		const char *w = "\xC3\x9C" "bersetzung"; /* Übersetzung */

		T_CHECK(galley_hyph_has_language(h, "de"), "lang: de has a dictionary");
		T_EQ_STR(show(h, "de", w), "\xC3\x9C" "ber-set-zung", "de: Latin-1 dictionary, UTF-8 word");
		T_EQ_STR(show(h, "de-AT", w), "\xC3\x9C" "ber-set-zung", "de: de-AT shares the dictionary");
		T_EQ_STR(show(h, "de", "Donaudampfschiffahrt"), "Do-nau-dampf-schif-fahrt", "de: compound word");
	} else {
		printf("ok - de: Übersetzung (skipped: no de dictionary)\n");
	}
	if (access("/usr/share/hyphen/hyph_fr.dic", R_OK) == 0)
		T_EQ_STR(show(h, "fr-FR", "t\xC3\xA9l\xC3\xA9vision"), "t\xC3\xA9-l\xC3\xA9-vi-sion",
		         "fr: UTF-8 dictionary, multi-byte letters");
	else
		printf("ok - fr: télévision (skipped: no fr dictionary)\n");
}

static void test_cache(galley_hyphenator *h)
{
	uint32_t a[GALLEY_HYPH_MAX_POINTS], b[GALLEY_HYPH_MAX_POINTS];
	char word[32];
	int na = galley_hyph_word(h, "en-US", "representation", 14, a);
	int nb = galley_hyph_word(h, "en-US", "representation", 14, b);
	int i, ok = 1;

	T_CHECK(na > 0, "cache: a word with points");
	T_EQ_INT(na, nb, "cache: same count twice");
	T_CHECK(na == nb && memcmp(a, b, (size_t)na * sizeof a[0]) == 0, "cache: same points twice");
	nb = galley_hyph_word(h, "en-US", "\"Representation\"", 16, b);
	T_EQ_INT(na, nb, "cache: quoted capitalised form hits the same entry");
	T_CHECK(na == nb && b[0] == a[0] + 1, "cache: offsets shifted by the quote");

	/* Enough distinct words to grow the table several times. */
	for (i = 0; i < 5000 && ok; i++) {
		int n1, n2;

		snprintf(word, sizeof word, "hyphen%c%c%cation", 'a' + i % 26, 'a' + (i / 26) % 26,
		         'a' + (i / 676) % 26);
		n1 = galley_hyph_word(h, "en-US", word, strlen(word), a);
		n2 = galley_hyph_word(h, "en-US", word, strlen(word), b);
		if (n1 < 0 || n1 != n2 || memcmp(a, b, (size_t)n1 * sizeof a[0]) != 0)
			ok = 0;
	}
	T_CHECK(ok, "cache: 5000 words, each the same answer twice");
	T_EQ_STR(show(h, "en-US", "hyphenation"), "hy-phen-ation", "cache: still right after growing");
}

static void test_dict_dir(void)
{
	char dir[] = "/tmp/galley-hyph-XXXXXX", link[256];
	galley_hyphenator *h;

	if (mkdtemp(dir) == NULL || access("/usr/share/hyphen/hyph_en_US.dic", R_OK) != 0) {
		printf("ok - dict_dir: (skipped: no temporary directory or en_US dictionary)\n");
		return;
	}
	snprintf(link, sizeof link, "%s/hyph_en_ZZ.dic", dir);
	T_CHECK(symlink("/usr/share/hyphen/hyph_en_US.dic", link) == 0, "dict_dir: set up");
	h = galley_hyph_new(dir);
	T_CHECK(h != NULL, "dict_dir: new");
	T_CHECK(galley_hyph_has_language(h, "en-GB"), "dict_dir: en-GB falls back to any hyph_en_*.dic");
	T_EQ_STR(show(h, "en-GB", "hyphenation"), "hy-phen-ation", "dict_dir: works through the fallback");
	T_CHECK(!galley_hyph_has_language(h, "de"), "dict_dir: only that folder is searched");
	galley_hyph_free(h);
	unlink(link);
	rmdir(dir);
}

/* Children share the parent's dictionaries, loaded once in the
 * background; threads hyphenating through their own children concurrently
 * get exactly what one hyphenator gets. */
#define SHARE_THREADS 3
static const char *const share_words[] = {
	"hyphenation", "typesetting", "international", "representative",
	"characteristically", "misunderstanding", "congratulations", "extraordinary",
};
#define SHARE_NWORDS (sizeof share_words / sizeof share_words[0])

typedef struct share_job {
	galley_hyphenator *h;
	int points[SHARE_NWORDS];
	int rounds_ok;
} share_job;

static void *share_worker(void *arg)
{
	share_job *j = arg;
	uint32_t pts[GALLEY_HYPH_MAX_POINTS];

	j->rounds_ok = 1;
	for (int round = 0; round < 200; round++)
		for (size_t w = 0; w < SHARE_NWORDS; w++) {
			int np = galley_hyph_word(j->h, round % 2 ? "en-US" : "en", share_words[w],
			                          strlen(share_words[w]), pts);
			if (round == 0)
				j->points[w] = np;
			else if (np != j->points[w])
				j->rounds_ok = 0;
		}
	return NULL;
}

static void test_sharing(void)
{
	const char *langs[] = {"en-US", "de-DE", "en-US", NULL, "xx-YY"};
	galley_hyphenator *parent = galley_hyph_new(NULL);
	share_job jobs[SHARE_THREADS];
	pthread_t tid[SHARE_THREADS];
	uint32_t pts[GALLEY_HYPH_MAX_POINTS];
	int started = 0, agree = 1;
	char child_de[512];

	T_CHECK(parent != NULL, "sharing: new parent");
	if (!parent)
		return;
	galley_hyph_preload(parent, langs, sizeof langs / sizeof langs[0]);
	galley_hyph_preload(parent, langs, 1);  /* a second call changes nothing */
	for (int k = 0; k < SHARE_THREADS; k++) {
		memset(&jobs[k], 0, sizeof jobs[k]);
		jobs[k].h = galley_hyph_new_child(parent);
		T_CHECK(jobs[k].h != NULL, "sharing: new child");
		if (jobs[k].h && pthread_create(&tid[k], NULL, share_worker, &jobs[k]) == 0)
			started |= 1 << k;
	}
	for (int k = 0; k < SHARE_THREADS; k++)
		if (started & (1 << k))
			pthread_join(tid[k], NULL);
	for (size_t w = 0; w < SHARE_NWORDS; w++) {
		int np = galley_hyph_word(parent, "en-US", share_words[w], strlen(share_words[w]), pts);
		for (int k = 0; k < SHARE_THREADS; k++)
			agree &= (started & (1 << k)) && jobs[k].rounds_ok && jobs[k].points[w] == np && np > 0;
	}
	T_CHECK(agree, "sharing: threads with children hyphenate as the parent does");
	snprintf(child_de, sizeof child_de, "%s", show(jobs[0].h, "de-DE", "Silbentrennung"));
	T_CHECK(strchr(child_de, '-') != NULL, "sharing: a preloaded second language hyphenates");
	T_EQ_STR(child_de, show(parent, "de-DE", "Silbentrennung"), "sharing: child and parent agree in German");
	T_CHECK(!galley_hyph_has_language(jobs[0].h, "xx-YY"), "sharing: an unknown preloaded language has none");
	for (int k = 0; k < SHARE_THREADS; k++)
		galley_hyph_free(jobs[k].h);
	galley_hyph_free(parent);
	T_CHECK(galley_hyph_new_child(NULL) == NULL, "sharing: no parent, no child");
}

/* ---- the disk cache of compiled dictionaries ---------------------------- */

/* Whether two compiled dictionaries are the same machine. */
static int same_dict(const HyphenDict *a, const HyphenDict *b)
{
	for (; a && b; a = a->nextlevel, b = b->nextlevel) {
		if (a->lhmin != b->lhmin || a->rhmin != b->rhmin || a->clhmin != b->clhmin ||
		    a->crhmin != b->crhmin || a->nohyphenl != b->nohyphenl ||
		    a->num_states != b->num_states || memcmp(a->cset, b->cset, sizeof a->cset) != 0 ||
		    a->utf8 != b->utf8 || (a->nohyphen == NULL) != (b->nohyphen == NULL))
			return 0;
		for (int i = 0; i < a->num_states; i++) {
			const HyphenState *x = &a->states[i], *y = &b->states[i];
			if ((x->match == NULL) != (y->match == NULL) || (x->match && strcmp(x->match, y->match)) ||
			    (x->repl == NULL) != (y->repl == NULL) || (x->repl && strcmp(x->repl, y->repl)) ||
			    x->replindex != y->replindex || x->replcut != y->replcut ||
			    x->fallback_state != y->fallback_state || x->num_trans != y->num_trans)
				return 0;
			for (int k = 0; k < x->num_trans; k++)
				if (x->trans[k].ch != y->trans[k].ch || x->trans[k].new_state != y->trans[k].new_state)
					return 0;
		}
		for (int k = 0, off = 0; a->nohyphen && k <= a->nohyphenl; k++) {
			if (strcmp(a->nohyphen + off, b->nohyphen + off) != 0)
				return 0;
			off += (int)strlen(a->nohyphen + off) + 1;
		}
	}
	return a == NULL && b == NULL;
}

static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[65536];
	size_t n;
	int ok = in && out;

	while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
		ok = fwrite(buf, 1, n, out) == n;
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		ok = 0;
	return ok ? 0 : -1;
}

/* The only cache file in `dir`, into `path`; 0 when there is exactly one. */
static int cache_file(const char *dir, char *path, size_t size)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)) != NULL)
		if (strncmp(e->d_name, "hyph-", 5) == 0) {
			snprintf(path, size, "%s/%s", dir, e->d_name);
			n++;
		}
	if (d)
		closedir(d);
	return n == 1 ? 0 : -1;
}

/* A whole file, malloc'ed, and its length; NULL when it cannot be read. */
static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *b = NULL;
	long n = -1;

	if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (b = malloc((size_t)n + 1)) != NULL && fread(b, 1, (size_t)n, f) != (size_t)n) {
		free(b);
		b = NULL;
	}
	if (f)
		fclose(f);
	*len = b ? (size_t)n : 0;
	return b;
}

/* Writes n bytes at offset `at` of a file in place: 0, or -1. */
static int file_at(const char *path, long at, const void *bytes, size_t n)
{
	FILE *f = fopen(path, "r+b");
	int ok = f != NULL && fseek(f, at, SEEK_SET) == 0 && fwrite(bytes, n, 1, f) == 1;

	if (f && fclose(f) != 0)
		ok = 0;
	return ok ? 0 : -1;
}

/* Replaces a file with n bytes: those of b (`have` of them), then
 * zeros.  0, or -1. */
static int spill(const char *path, const unsigned char *b, size_t have, size_t n)
{
	FILE *f = fopen(path, "wb");
	int ok = f != NULL && fwrite(b, 1, have < n ? have : n, f) == (have < n ? have : n);

	for (size_t i = have; ok && i < n; i++)
		ok = fputc(0, f) == 0;
	if (f && fclose(f) != 0)
		ok = 0;
	return ok ? 0 : -1;
}

/* Puts v as n little-endian bytes at `at` of a cache file and gives the
 * file a matching CRC again, so that only the checks of the contents can
 * refuse it: 0, or -1. */
static int poke(const char *file, size_t at, uint64_t v, size_t n)
{
	unsigned char b[8];

	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	return file_at(file, (long)at, b, n) == 0 && galley_hyphcache_reseal(file) == 0 ? 0 : -1;
}

static uint32_t le32_at(const unsigned char *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* Where the first level's first state starts in a cache file (the layout
 * in hyphcache.c), and that level's number of states; 0 when the bytes
 * are too short. */
static size_t first_state(const unsigned char *b, size_t len, uint32_t *nstates)
{
	size_t at = GALLEY_HYPHCACHE_HEADER_BYTES + 8;  /* the hyphenmins, utf8 */

	if (len < at + 1)
		return 0;
	at += 1 + b[at];  /* cset */
	if (len < at + 8)
		return 0;
	at += 8 + le32_at(b + at + 4);  /* nohyphenl, the NOHYPHEN list */
	if (len < at + 4 + 12)
		return 0;
	*nstates = le32_at(b + at);
	return at + 4;
}

/* Words made from the letters of the patterns in `dic` (digits, dots and
 * replacements dropped), one to three patterns' worth joined in a fixed
 * pseudo-random order: words the machine has states for, in the
 * dictionary's own encoding.  Malloc'ed, `n` of them, each malloc'ed. */
static char **pattern_words(const char *dic, size_t n)
{
	FILE *f = fopen(dic, "rb");
	char line[256], **frags = NULL, **words = calloc(n, sizeof *words);
	size_t nfrags = 0, cap = 0;
	uint32_t seed = 12345;

	while (f && words && fgets(line, sizeof line, f)) {
		char frag[256];
		size_t k = 0;
		if (nfrags + 1 > cap) {
			char **p = realloc(frags, (cap = cap ? 2 * cap : 1024) * sizeof *frags);
			if (p == NULL)
				break;
			frags = p;
		}
		/* comments, keywords and the charset line are not patterns */
		if (line[0] == '%' || line[0] == '#' || (line[0] >= 'A' && line[0] <= 'Z'))
			continue;
		for (char *c = line; *c && *c != '/' && (unsigned char)*c > ' '; c++)
			if ((*c < '0' || *c > '9') && *c != '.')
				frag[k++] = *c;
		frag[k] = '\0';
		if (k >= 2 && (frags[nfrags] = strdup(frag)) != NULL)
			nfrags++;
	}
	if (f)
		fclose(f);
	for (size_t i = 0; words && nfrags > 0 && i < n; i++) {
		char w[128] = "";
		int parts = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 3;
		for (int p = 0; p < parts; p++) {
			const char *fr = frags[((seed = seed * 1103515245u + 12345u) >> 8) % nfrags];
			if (strlen(w) + strlen(fr) < 96)
				strcat(w, fr);
		}
		words[i] = strdup(w);
	}
	for (size_t i = 0; i < nfrags; i++)
		free(frags[i]);
	free(frags);
	return words;
}

static void free_words(char **words, size_t n)
{
	for (size_t i = 0; words && i < n; i++)
		free(words[i]);
	free(words);
}

/* What libhyphen makes of `word` with `dict`: its hyphens string, then
 * each replacement (position, text, pos, cut), into `out`.  *reps counts
 * the words with replacements.  Returns the number of points. */
static int points_of(HyphenDict *dict, const char *word, char *out, size_t size, size_t *reps)
{
	int len = (int)strlen(word), o, points = 0;
	char hyphens[256];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;

	if (hnj_hyphen_hyphenate3(dict, word, len, hyphens, NULL, &rep, &pos, &cut, 2, 3, 2, 3) != 0) {
		snprintf(out, size, "(failed)");
		return 0;
	}
	for (int i = 0; i < len; i++)
		points += hyphens[i] & 1;
	o = snprintf(out, size, "%.*s", len, hyphens);
	*reps += rep != NULL;
	for (int i = 0; rep && i < len; i++) {
		if (rep[i] && o >= 0 && (size_t)o < size)
			o += snprintf(out + o, size - (size_t)o, "|%d:%s,%d,%d", i, rep[i], pos[i], cut[i]);
		free(rep[i]);
	}
	free(rep);
	free(pos);
	free(cut);
	return points;
}

/* Removes the cache files in `dir`, then the folder. */
static void remove_cache_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[700];

	while (d && (e = readdir(d)) != NULL)
		if (strncmp(e->d_name, "hyph-", 5) == 0) {
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			remove(path);
		}
	if (d)
		closedir(d);
	rmdir(dir);
}

/* Compiles `dic`, stores the machine in `dir`, reads it back, and checks
 * it: the same machine, state for state, and the same points and
 * replacements on `n` words made from its patterns and on `extra`.
 * Returns the words with replacements. */
static size_t check_roundtrip(const char *dir, const char *dic, const char *lang, size_t n,
                              const char *const *extra, size_t nextra)
{
	char name[160], a[1024], b[1024];
	HyphenDict *compiled = hnj_hyphen_load(dic), *loaded;
	char **words = pattern_words(dic, n);
	size_t differ = 0, hyphenated = 0, reps = 0, ignore = 0;

	snprintf(name, sizeof name, "cache %s: libhyphen compiles the patterns", lang);
	T_CHECK(compiled != NULL && words != NULL, name);
	if (compiled == NULL || words == NULL)
		goto cleanup;
	galley_hyphcache_store(dir, dic, compiled);
	loaded = galley_hyphcache_load(dir, dic);
	snprintf(name, sizeof name, "cache %s: the machine read back is libhyphen's, state for state", lang);
	T_CHECK(loaded != NULL && same_dict(compiled, loaded), name);
	for (size_t i = 0; loaded && i < n + nextra; i++) {
		const char *w = i < n ? words[i] : extra[i - n];
		if (w == NULL)
			continue;
		hyphenated += points_of(compiled, w, a, sizeof a, &reps) > 0;
		(void)points_of(loaded, w, b, sizeof b, &ignore);
		differ += strcmp(a, b) != 0;
	}
	snprintf(name, sizeof name, "cache %s: %zu words, the same points and replacements as compiled",
	         lang, n + nextra);
	T_EQ_INT(differ, 0, name);
	snprintf(name, sizeof name, "cache %s: most of the words have points", lang);
	T_CHECK(hyphenated > (n + nextra) / 2, name);
	if (loaded)
		hnj_hyphen_free(loaded);  /* the way libhyphen frees its own */
cleanup:
	free_words(words, n);
	if (compiled)
		hnj_hyphen_free(compiled);
	return reps;
}

/* The dictionaries of two languages, and one written here with what
 * neither uses: replacements (non-standard hyphenation), a NEXTLEVEL and
 * NOHYPHEN. */
static void test_cache_roundtrip(void)
{
	static const char *const de_words[] = {
		"\xFC" "bersetzung", "donaudampfschifffahrtsgesellschaft", "geschwindigkeitsbegrenzung",
		"rechtsschutzversicherung", "verantwortungsbereitschaft", "stra\xDF" "enbahnlinien",
		"max-planck-institut", "grimm'sche", "unabh\xE4ngigkeitserkl\xE4rung",
	};
	static const char *const nonstd_words[] = {
		"schiffahrt", "backen", "zucker", "gefahrenschiffahrt", "stoff-fetzen", "o'neill",
	};
	char dir[] = "/tmp/galley-hround-XXXXXX", dic[512];
	FILE *f;

	if (!mkdtemp(dir)) {
		printf("ok - cache roundtrip: (skipped: no temporary folder)\n");
		return;
	}
	if (access("/usr/share/hyphen/hyph_en_US.dic", R_OK) == 0)
		check_roundtrip(dir, "/usr/share/hyphen/hyph_en_US.dic", "en-US", 20000, NULL, 0);
	else
		printf("ok - cache en-US: (skipped: no en_US dictionary)\n");
	if (access("/usr/share/hyphen/hyph_de_DE.dic", R_OK) == 0)
		check_roundtrip(dir, "/usr/share/hyphen/hyph_de_DE.dic", "de", 20000, de_words,
		                sizeof de_words / sizeof de_words[0]);
	else
		printf("ok - cache de: (skipped: no de dictionary)\n");
	snprintf(dic, sizeof dic, "%s/hyph_xx_NS.dic", dir);
	f = fopen(dic, "wb");
	T_CHECK(f != NULL, "cache non-standard: set up");
	if (f) {
		fputs("UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\nCOMPOUNDLEFTHYPHENMIN 2\n"
		      "COMPOUNDRIGHTHYPHENMIN 3\nNOHYPHEN -,'\n1-1\n1'1\nNEXTLEVEL\n"
		      "c1k/k=k,1,1\nf1f/ff=f,1,2\nschif1fahrt/schiff=fahrt,5,2\n"
		      "1ba\nck1e\nuk1k\nof1f\nfet1z\n", f);
		fclose(f);
		T_CHECK(check_roundtrip(dir, dic, "non-standard", 200, nonstd_words,
		                        sizeof nonstd_words / sizeof nonstd_words[0]) > 0,
		        "cache non-standard: replacements were compared");
		remove(dic);
	}
	remove_cache_dir(dir);
}

/* After an edit that must make the cache file a miss: it is one (and no
 * crash), and a hyphenator (the cache in `dir`, through GALLEY_CACHE_DIR)
 * compiles the patterns again, hyphenates as before and rewrites the
 * file, which the next hyphenator uses. */
static void expect_miss(const char *dir, const char *dic, const char *what, const char *want)
{
	char name[200];
	HyphenDict *d = galley_hyphcache_load(dir, dic);
	galley_hyphenator *h;

	snprintf(name, sizeof name, "cache: %s: a miss", what);
	T_CHECK(d == NULL, name);
	if (d)
		hnj_hyphen_free(d);
	h = galley_hyph_new(dir);
	snprintf(name, sizeof name, "cache: %s: compiled again", what);
	T_CHECK(h != NULL && !galley_hyph_from_cache(h, "en-US"), name);
	snprintf(name, sizeof name, "cache: %s: the same points", what);
	T_EQ_STR(h ? show(h, "en-US", "representative") : NULL, want, name);
	galley_hyph_free(h);
	h = galley_hyph_new(dir);
	snprintf(name, sizeof name, "cache: %s: rewritten, and used", what);
	T_CHECK(h != NULL && galley_hyph_from_cache(h, "en-US"), name);
	galley_hyph_free(h);
}

static void test_cache_files(void)
{
	static const char en[] = "/usr/share/hyphen/hyph_en_US.dic";
	char dir[] = "/tmp/galley-hcache-XXXXXX", dic[512], cache[700], want[512];
	HyphenDict *compiled = NULL;
	galley_hyphenator *h;
	unsigned char *bytes = NULL;
	size_t len = 0, st0 = 0, trans0 = 0;
	uint32_t nstates = 0;
	int misses, tries;
	struct stat st;
	FILE *f;

	if (!mkdtemp(dir) || access(en, R_OK) != 0) {
		printf("ok - cache: (skipped: no temporary folder or en_US dictionary)\n");
		return;
	}
	snprintf(dic, sizeof dic, "%s/hyph_en_US.dic", dir);
	T_CHECK(copy_file(en, dic) == 0, "cache: set up");
	compiled = hnj_hyphen_load(dic);
	T_CHECK(compiled != NULL, "cache: libhyphen compiles the patterns");
	if (compiled == NULL)
		goto cleanup;
	T_CHECK(galley_hyphcache_load(dir, dic) == NULL, "cache: empty at first");
	galley_hyphcache_store(dir, dic, compiled);
	T_CHECK(cache_file(dir, cache, sizeof cache) == 0, "cache: one file written");
	/* the first state of the first level, and its first transition */
	bytes = slurp(cache, &len);
	st0 = bytes ? first_state(bytes, len, &nstates) : 0;
	if (st0 > 0) {
		unsigned match = bytes[st0] | bytes[st0 + 1] << 8;
		unsigned repl = bytes[st0 + 2] | bytes[st0 + 3] << 8;
		trans0 = st0 + 12 + (match ? match - 1 : 0) + (repl ? repl - 1 : 0);
	}
	T_CHECK(st0 > 0 && nstates > 1 && bytes[st0 + 10] > 0 && trans0 + 5 < len,
	        "cache: the file is laid out as described (a first state with transitions)");
	if (trans0 == 0 || trans0 + 5 >= len)
		goto cleanup;

	/* through a hyphenator: off, then warm */
	setenv("GALLEY_CACHE_DIR", "", 1);
	h = galley_hyph_new(dir);
	snprintf(want, sizeof want, "%s", show(h, "en-US", "representative"));
	T_CHECK(strchr(want, '-') != NULL && !galley_hyph_from_cache(h, "en-US"),
	        "cache: GALLEY_CACHE_DIR empty turns it off");
	galley_hyph_free(h);
	setenv("GALLEY_CACHE_DIR", dir, 1);
	h = galley_hyph_new(dir);
	T_EQ_STR(show(h, "en-US", "representative"), want, "cache: warm and cold hyphenate alike");
	T_CHECK(galley_hyph_from_cache(h, "en-US"), "cache: the file is used");
	galley_hyph_free(h);

	/* files of other versions, and contents out of range under a right
	 * CRC: only the checks of the contents can refuse them */
	T_CHECK(poke(cache, 8, GALLEY_HYPHCACHE_VERSION + 1, 4) == 0, "cache: set up a later version");
	expect_miss(dir, dic, "a later version", want);
	T_CHECK(poke(cache, 8, 3, 4) == 0, "cache: set up version 3");
	expect_miss(dir, dic, "version 3 (a memory image)", want);
	T_CHECK(poke(cache, 0, 'X', 1) == 0, "cache: set up another magic");
	expect_miss(dir, dic, "another magic", want);
	T_CHECK(poke(cache, 36, len - GALLEY_HYPHCACHE_HEADER_BYTES - 4 + 1, 4) == 0,
	        "cache: set up a wrong length");
	expect_miss(dir, dic, "a length that is not the file's", want);
	T_CHECK(poke(cache, 12, 0, 4) == 0, "cache: set up no levels");
	expect_miss(dir, dic, "no levels", want);
	T_CHECK(poke(cache, 12, 5, 4) == 0, "cache: set up five levels");
	expect_miss(dir, dic, "five levels", want);
	/* the first level alone, cut after its count of states, set to 0 */
	T_CHECK(spill(cache, bytes, len, st0 + 4) == 0 && poke(cache, st0 - 4, 0, 4) == 0 &&
	        poke(cache, 12, 1, 4) == 0 && poke(cache, 36, st0 - GALLEY_HYPHCACHE_HEADER_BYTES, 4) == 0,
	        "cache: set up a level without states");
	expect_miss(dir, dic, "a level without states", want);
	/* a byte between the last state and the CRC, counted in the length */
	T_CHECK(spill(cache, bytes, len, len + 1) == 0 && poke(cache, len - 4, 0, 1) == 0 &&
	        poke(cache, 36, len - GALLEY_HYPHCACHE_HEADER_BYTES - 4 + 1, 4) == 0,
	        "cache: set up a byte after the last state");
	expect_miss(dir, dic, "a byte after the last state", want);
	T_CHECK(poke(cache, st0 + 6, nstates, 4) == 0, "cache: set up a fallback state out of range");
	expect_miss(dir, dic, "a fallback state out of range", want);
	T_CHECK(poke(cache, st0 + 6, 0xFFFFFFFEu, 4) == 0, "cache: set up a fallback state of -2");
	expect_miss(dir, dic, "a fallback state of -2", want);
	T_CHECK(poke(cache, trans0 + 1, nstates, 4) == 0, "cache: set up a transition out of range");
	expect_miss(dir, dic, "a transition to a state out of range", want);
	T_CHECK(poke(cache, st0 + 10, 257, 2) == 0, "cache: set up 257 transitions");
	expect_miss(dir, dic, "257 transitions out of one state", want);
	T_CHECK(poke(cache, st0, 60000, 2) == 0, "cache: set up a long string");
	expect_miss(dir, dic, "a string longer than the format allows", want);

	/* damage: any byte changed, a file cut short or grown */
	misses = tries = 0;
	for (size_t at = 0; at < len; at += len / 37 + 1, tries++) {
		HyphenDict *d;
		unsigned char c = bytes[at] ^ 0x5A;
		galley_hyphcache_store(dir, dic, compiled);
		d = file_at(cache, (long)at, &c, 1) == 0 ? galley_hyphcache_load(dir, dic) : compiled;
		misses += d == NULL;
		if (d != NULL && d != compiled)
			hnj_hyphen_free(d);
	}
	T_EQ_INT(misses, tries, "cache: a file with any one byte changed is a miss");
	expect_miss(dir, dic, "a changed byte", want);
	misses = tries = 0;
	for (size_t k = 0; k < 7; k++, tries++) {
		const size_t cut[] = {0, 1, GALLEY_HYPHCACHE_HEADER_BYTES, st0, len / 2, len - 4, len - 1};
		HyphenDict *d;
		galley_hyphcache_store(dir, dic, compiled);
		d = truncate(cache, (off_t)cut[k]) == 0 ? galley_hyphcache_load(dir, dic) : compiled;
		misses += d == NULL;
		if (d != NULL && d != compiled)
			hnj_hyphen_free(d);
	}
	T_EQ_INT(misses, tries, "cache: a file cut short anywhere is a miss");
	expect_miss(dir, dic, "a file cut short", want);
	f = fopen(cache, "ab");
	T_CHECK(f != NULL && fputc(0, f) == 0 && fclose(f) == 0, "cache: set up a byte appended");
	expect_miss(dir, dic, "a byte appended", want);

	/* stale: the pattern file touched (same size), or changed with its
	 * time put back */
	if (stat(dic, &st) == 0) {
		struct timespec times[2] = {st.st_atim, st.st_mtim};
		times[1].tv_sec += 1;
		T_CHECK(utimensat(AT_FDCWD, dic, times, 0) == 0, "cache: set up a touched pattern file");
		expect_miss(dir, dic, "the pattern file touched", want);
		T_CHECK(stat(dic, &st) == 0 && (f = fopen(dic, "ab")) != NULL && fputs("\n", f) >= 0 &&
		        fclose(f) == 0 && (times[1] = st.st_mtim, utimensat(AT_FDCWD, dic, times, 0)) == 0,
		        "cache: set up a pattern file grown, its time kept");
		expect_miss(dir, dic, "the pattern file grown, its time kept", want);
	}
	unsetenv("GALLEY_CACHE_DIR");

cleanup:
	free(bytes);
	if (compiled)
		hnj_hyphen_free(compiled);
	remove(dic);
	remove_cache_dir(dir);
}

/* gl_fonts_hyph keeps a word's points with its measure: the same answer as
 * the hyphenator, for a word met again, and again after the language
 * changed and changed back (the German and English points of one word
 * differ). */
static void test_fonts_hyph(galley_hyphenator *h)
{
	static const char *const words[] = {"hyphenation", "Donaudampfschiffahrt", "information",
	                                    "\xC3\x9C" "bersetzung", "typesetting", "a"};
	static const char *const langs[] = {"en-US", "de", "en-US", "en-US", "de", "xx"};
	gl_fonts *f = NULL;
	galley_error err = GALLEY_ERROR_INIT;
	uint32_t want[GALLEY_HYPH_MAX_POINTS], got[GALLEY_HYPH_MAX_POINTS];
	int bad = 0, kept = 0;

	T_EQ_INT(gl_fonts_open(&f, GALLEY_SRCDIR "/fonts", NULL, &err), 0, "fonts hyph: fonts open");
	if (!f)
		return;
	for (int round = 0; round < 3; round++) {
		for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
			for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
				const char *w = words[i];
				const gl_word *m = gl_fonts_word(f, 0, w, strlen(w));
				int nw = galley_hyph_word(h, langs[l], w, strlen(w), want);
				int ng = m ? gl_fonts_hyph(f, m, h, langs[l], w, strlen(w), got) : -2;

				bad += nw != ng || (nw > 0 && memcmp(want, got, (size_t)nw * sizeof *want) != 0);
				kept += ng > 0;
			}
		}
	}
	T_EQ_INT(bad, 0, "fonts hyph: the same points as the hyphenator, in every language, again and again");
	T_CHECK(kept > 20, "fonts hyph: words were hyphenated");
	{
		const char *w = "Donaudampfschiffahrt";
		const gl_word *m = gl_fonts_word(f, 0, w, strlen(w));
		int en = m ? gl_fonts_hyph(f, m, h, "en-US", w, strlen(w), got) : -1;
		int de = m ? gl_fonts_hyph(f, m, h, "de", w, strlen(w), want) : -1;
		if (access("/usr/share/hyphen/hyph_de_DE.dic", R_OK) == 0)
			T_CHECK(en != de || memcmp(want, got, (size_t)(en > 0 ? en : 0) * sizeof *want) != 0,
			        "fonts hyph: a language change is not answered from the other language");
		else
			printf("ok - fonts hyph: language change (skipped: no de dictionary)\n");
	}
	gl_fonts_free(f);
}

int main(void)
{
	galley_hyphenator *h = galley_hyph_new(NULL);

	T_CHECK(h != NULL, "new");
	if (h == NULL)
		return t_done();
	test_english(h);
	test_offsets(h);
	test_refusals(h);
	test_languages(h);
	test_cache(h);
	test_fonts_hyph(h);
	galley_hyph_free(h);
	galley_hyph_free(NULL);
	test_dict_dir();
	test_sharing();
	test_cache_roundtrip();
	test_cache_files();
	return t_done();
}
