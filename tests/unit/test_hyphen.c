/*
 * test_hyphen.c: the libhyphen adapter with Debian's dictionaries
 * (/usr/share/hyphen): known points for en_US, byte offsets through
 * punctuation and UTF-8, refusals, language lookup and the word cache.
 */
#include "typeset/hyphen.h"
#include "typeset/hyphcache.h"
#include "typeset/internal.h"

#include <dirent.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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
		    a->num_states != b->num_states || strcmp(a->cset, b->cset) != 0 || a->utf8 != b->utf8)
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

/* Reads (or, with `write`, writes) n bytes at offset `at` of a file:
 * 0, or -1. */
static int file_at(const char *path, long at, void *bytes, size_t n, bool write)
{
	FILE *f = fopen(path, "r+b");
	int ok = f != NULL && fseek(f, at, SEEK_SET) == 0 &&
	         (write ? fwrite(bytes, n, 1, f) : fread(bytes, n, 1, f)) == 1;

	if (f && fclose(f) != 0)
		ok = 0;
	return ok ? 0 : -1;
}

static void flip_byte(const char *path, long at)
{
	FILE *f = fopen(path, "r+b");
	int c;

	if (!f)
		return;
	fseek(f, at, SEEK_SET);
	c = fgetc(f);
	fseek(f, at, SEEK_SET);
	fputc(c ^ 0x5A, f);
	fclose(f);
}

static void test_cache_files(void)
{
	char dir[] = "/tmp/galley-hcache-XXXXXX", dic[512], cache[700], words[512];
	HyphenDict *compiled, *loaded;
	galley_hyphenator *h;
	struct stat st;

	if (!mkdtemp(dir) || access("/usr/share/hyphen/hyph_en_US.dic", R_OK) != 0) {
		printf("ok - cache: (skipped: no temporary folder or en_US dictionary)\n");
		return;
	}
	snprintf(dic, sizeof dic, "%s/hyph_en_US.dic", dir);
	T_CHECK(copy_file("/usr/share/hyphen/hyph_en_US.dic", dic) == 0, "cache: set up");
	compiled = hnj_hyphen_load(dic);
	T_CHECK(compiled != NULL, "cache: libhyphen compiles the patterns");
	T_CHECK(gl_hyphcache_load(dir, dic) == NULL, "cache: empty at first");
	gl_hyphcache_store(dir, dic, compiled);
	T_CHECK(cache_file(dir, cache, sizeof cache) == 0, "cache: one file written");
	loaded = gl_hyphcache_load(dir, dic);
	T_CHECK(loaded != NULL && same_dict(compiled, loaded), "cache: the machine read back is libhyphen's, state for state");
#if GL_HYPHCACHE_MAPS
	T_CHECK((uintptr_t)loaded == gl_hyphcache_base(cache), "cache: the image is mapped at the address it was written for");
#else
	T_CHECK((uintptr_t)loaded != gl_hyphcache_base(cache), "cache: under ThreadSanitizer the image is read, not mapped");
#endif
	gl_hyphcache_free(loaded);
	/* that address taken: the image is read elsewhere and its pointers moved
	 * (not under ThreadSanitizer, which ends the process on that mapping) */
	if (GL_HYPHCACHE_MAPS) {
		void *want = (void *)gl_hyphcache_base(cache);
		void *hold = mmap(want, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		loaded = hold == want ? gl_hyphcache_load(dir, dic) : NULL;
		T_CHECK(loaded != NULL && (void *)loaded != want && same_dict(compiled, loaded),
		        "cache: with its address taken the image is read and moved, state for state");
		gl_hyphcache_free(loaded);
		if (hold != MAP_FAILED)
			munmap(hold, 4096);
		loaded = gl_hyphcache_load(dir, dic);
		T_CHECK(loaded != NULL && (void *)loaded == want, "cache: the address free again, it is mapped again");
		gl_hyphcache_free(loaded);
	}

	/* an index out of range is refused even under a right CRC */
	{
		size_t at = gl_hyphcache_payload_offset();
		uintptr_t base = gl_hyphcache_base(cache), first_state = 0, outside = 1u << 31;
		int32_t bad = 1 << 30;
		/* the first level's states: the address of the first state, for
		 * an image at `base` */
		int ok = file_at(cache, (long)(at + offsetof(HyphenDict, states)), &first_state,
		                 sizeof first_state, false) == 0 && base != 0 && first_state > base;
		ok = ok && file_at(cache, (long)(at + (first_state - base) + offsetof(HyphenState, fallback_state)),
		                   &bad, sizeof bad, true) == 0;
		T_CHECK(ok && gl_hyphcache_reseal(cache) == 0 && gl_hyphcache_load(dir, dic) == NULL,
		        "cache: a state index out of range is refused, CRC or not");
		gl_hyphcache_store(dir, dic, compiled);
		/* the states pointing outside the file */
		ok = file_at(cache, (long)(at + offsetof(HyphenDict, states)), &outside, sizeof outside, true) == 0;
		T_CHECK(ok && gl_hyphcache_reseal(cache) == 0 && gl_hyphcache_load(dir, dic) == NULL,
		        "cache: an offset outside the image is refused, CRC or not");
		gl_hyphcache_store(dir, dic, compiled);
		loaded = gl_hyphcache_load(dir, dic);
		T_CHECK(loaded != NULL && same_dict(compiled, loaded), "cache: rewritten, it reads back whole");
		gl_hyphcache_free(loaded);
	}

	/* a cache file copied to another folder was written for another
	 * address (the address follows the file's path): a miss, so that it
	 * is written again for its own */
	{
		char dir2[] = "/tmp/galley-hcache2-XXXXXX", copy[800];
		if (mkdtemp(dir2)) {
			snprintf(copy, sizeof copy, "%s/%s", dir2, strrchr(cache, '/') + 1);
			loaded = copy_file(cache, copy) == 0 && gl_hyphcache_base(copy) == gl_hyphcache_base(cache)
			         ? gl_hyphcache_load(dir2, dic) : NULL;
			/* (1 time in 1,024 the two folders share a slot: then it is
			 * used where it is) */
			T_CHECK(loaded == NULL || (uintptr_t)loaded == gl_hyphcache_base(cache),
			        "cache: a file written for another address is not used");
			gl_hyphcache_free(loaded);
			gl_hyphcache_store(dir2, dic, compiled);
			loaded = gl_hyphcache_load(dir2, dic);
			T_CHECK(loaded != NULL && (!GL_HYPHCACHE_MAPS || (uintptr_t)loaded == gl_hyphcache_base(copy)),
			        "cache: written again, it is mapped at its own");
			gl_hyphcache_free(loaded);
			unlink(copy);
			rmdir(dir2);
		}
	}

	/* damaged or stale files are misses */
	flip_byte(cache, (long)gl_hyphcache_payload_offset() + 200);
	T_CHECK(gl_hyphcache_load(dir, dic) == NULL, "cache: a damaged file is not used");
	gl_hyphcache_store(dir, dic, compiled);
	T_CHECK(stat(cache, &st) == 0 && truncate(cache, st.st_size - 7) == 0 &&
	        gl_hyphcache_load(dir, dic) == NULL, "cache: a truncated file is not used");
	gl_hyphcache_store(dir, dic, compiled);
	{
		FILE *f = fopen(dic, "ab");  /* the patterns change: size and time */
		if (f) {
			fputs("\n", f);
			fclose(f);
		}
	}
	T_CHECK(gl_hyphcache_load(dir, dic) == NULL, "cache: a changed pattern file makes it stale");

	/* through the hyphenator: cold, then warm, the same points */
	setenv("GALLEY_CACHE_DIR", dir, 1);
	h = galley_hyph_new(dir);
	snprintf(words, sizeof words, "%s", show(h, "en-US", "representative"));
	T_CHECK(!galley_hyph_from_cache(h, "en-US"), "cache: a stale file is compiled again");
	galley_hyph_free(h);
	h = galley_hyph_new(dir);
	T_EQ_STR(show(h, "en-US", "representative"), words, "cache: warm and cold hyphenate alike");
	T_CHECK(galley_hyph_from_cache(h, "en-US"), "cache: the rewritten file is used");
	galley_hyph_free(h);
	setenv("GALLEY_CACHE_DIR", "", 1);
	h = galley_hyph_new(dir);
	T_EQ_STR(show(h, "en-US", "representative"), words, "cache: GALLEY_CACHE_DIR empty turns it off");
	T_CHECK(!galley_hyph_from_cache(h, "en-US"), "cache: off means compiled");
	galley_hyph_free(h);
	unsetenv("GALLEY_CACHE_DIR");

	hnj_hyphen_free(compiled);
	remove(cache);
	remove(dic);
	rmdir(dir);
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
	test_cache_files();
	return t_done();
}
