/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_base.c: the base layer (src/base): UTF-8 decoding and encoding,
 * Unicode's normal form and case through utf8proc, the growable buffer,
 * array growth, atomic files, the font folder, the CPU count and the
 * worker pool.
 */
#include <errno.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>
#include <libdeflate.h>

#include "galley/model.h"
#include "galley/read.h"
#include "base/buf.h"
#include "base/cpus.h"
#include "base/file.h"
#include "base/pngwrite.h"
#include "base/pool.h"
#include "base/utf8.h"
#include "base/vec.h"
#include "t.h"

/* ---- UTF-8 ---------------------------------------------------------------- */

static void test_decode(void)
{
	static const struct {
		const char *bytes;
		size_t n;
		size_t len;     /* 0: not well-formed */
		uint32_t cp;
		const char *name;
	} cases[] = {
		{"A", 1, 1, 'A', "ASCII"},
		{"\xC3\xA9", 2, 2, 0xE9, "two bytes"},
		{"\xE2\x80\x94", 3, 3, 0x2014, "three bytes"},
		{"\xF0\x9F\x98\x80", 4, 4, 0x1F600, "four bytes"},
		{"\xC0\x80", 2, 0, 0, "overlong NUL"},
		{"\xC1\xBF", 2, 0, 0, "overlong two bytes"},
		{"\xE0\x80\xAF", 3, 0, 0, "overlong three bytes"},
		{"\xF0\x80\x80\xAF", 4, 0, 0, "overlong four bytes"},
		{"\xED\xA0\x80", 3, 0, 0, "a surrogate"},
		{"\xED\xBF\xBF", 3, 0, 0, "the last surrogate"},
		{"\xF4\x90\x80\x80", 4, 0, 0, "above U+10FFFF"},
		{"\xF5\x80\x80\x80", 4, 0, 0, "lead byte F5"},
		{"\x80", 1, 0, 0, "a stray continuation byte"},
		{"\xE2\x80", 2, 0, 0, "cut short"},
		{"\xE2\x28\xA1", 3, 0, 0, "a bad continuation"},
		{"\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF, "U+10FFFF"},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t cp = 0;
		size_t n = galley_utf8_decode((const unsigned char *)cases[i].bytes, cases[i].n, &cp);
		char name[128];

		snprintf(name, sizeof name, "utf8 decode: %s", cases[i].name);
		T_EQ_INT(n, cases[i].len, name);
		if (n)
			T_EQ_INT(cp, cases[i].cp, name);
	}
	{
		/* next() never stalls and gives U+FFFD one byte at a time */
		const char *s = "a\xED\xA0\x80" "b";
		size_t i = 0, k = 0;
		uint32_t got[8];
		while (i < 5 && k < 8)
			got[k++] = galley_utf8_next(s, 5, &i);
		T_EQ_INT(k, 5, "utf8 next: a surrogate is three replacement characters");
		T_EQ_INT(got[1], 0xFFFD, "utf8 next: U+FFFD for a bad byte");
		T_EQ_INT(got[4], 'b', "utf8 next: resumes after the bad bytes");
	}
	T_CHECK(galley_utf8_valid("caf\xC3\xA9", 5), "utf8 valid: well-formed text");
	T_EQ_INT(galley_utf8_valid_prefix("ab\xC0\x80", 4), 2, "utf8 valid prefix: stops at an overlong");
	T_EQ_INT(galley_utf8_boundary("\xE2\x80\x94x", 4, 1), 3, "utf8 boundary: skips continuation bytes");
}

static void test_encode(void)
{
	uint32_t cps[] = {0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF};
	bool ok = true;

	for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		char b[4];
		uint32_t back = 0;
		size_t n = galley_utf8_encode(cps[i], b);
		if (n == 0 || galley_utf8_decode((unsigned char *)b, n, &back) != n || back != cps[i])
			ok = false;
	}
	T_CHECK(ok, "utf8 encode: round trip at every length boundary");
	{
		char b[4];
		T_EQ_INT(galley_utf8_encode(0xD800, b), 0, "utf8 encode: refuses a surrogate");
		T_EQ_INT(galley_utf8_encode(0x110000, b), 0, "utf8 encode: refuses U+110000");
	}
}

/* ---- Unicode (utf8proc) ---------------------------------------------------- */

static void test_unicode(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	/* "Straße in Köln" with ö decomposed (o + U+0308) */
	const char nfd[] = "Stra\xC3\x9F" "e in Ko\xCC\x88ln";
	const char nfc[] = "Stra\xC3\x9F" "e in K\xC3\xB6ln";
	char *out = NULL;
	size_t len = 0;

	T_EQ_INT(galley_unicode_ready(&err), 0, "unicode: utf8proc loads");
	T_CHECK(galley_utf8_is_nfc("plain ASCII", 11), "nfc: ASCII is NFC");
	T_CHECK(galley_utf8_is_nfc(nfc, strlen(nfc)), "nfc: precomposed text is NFC");
	T_CHECK(!galley_utf8_is_nfc(nfd, strlen(nfd)), "nfc: a combining mark is suspected");
	T_EQ_INT(galley_utf8_nfc(nfd, strlen(nfd), &out, &len, &err), 0, "nfc: normalizes");
	T_EQ_STR(out, nfc, "nfc: o + U+0308 becomes U+00F6");
	free(out);
	/* U+212B ANGSTROM SIGN is a singleton: NFC makes it U+00C5 */
	T_CHECK(!galley_utf8_is_nfc("\xE2\x84\xAB", 3), "nfc: a singleton is suspected");
	/* Hangul jamo compose into a syllable */
	T_CHECK(!galley_utf8_is_nfc("\xE1\x84\x80\xE1\x85\xA1", 6), "nfc: Hangul jamo are suspected");

	/* the ranges taken as NFC without a table agree with utf8proc: each
	 * character alone and after a letter that could compose with it */
	{
		size_t wrong = 0;
		for (uint32_t cp = 0x80; cp < 0x20D0; cp++) {
			char s[8] = "e";
			size_t n;
			if (cp >= 0x300 && cp < 0x2002)
				continue;
			n = 1 + galley_utf8_encode(cp, s + 1);
			if (galley_utf8_nfc(s, n, &out, &len, &err) < 0 || len != n || memcmp(out, s, n) != 0)
				wrong++;
			free(out);
		}
		T_EQ_INT(wrong, 0, "nfc: U+0080..U+02FF and U+2002..U+20CF are stable, as assumed");
	}

	T_EQ_INT(galley_unicode_lower('Q'), 'q', "lower: ASCII");
	T_EQ_INT(galley_unicode_lower(0x218), 0x219, "lower: Romanian S with comma below");
	T_EQ_INT(galley_unicode_lower(0x1EA0), 0x1EA1, "lower: Vietnamese A with dot below");
	T_EQ_INT(galley_unicode_lower(0x410), 0x430, "lower: Cyrillic A");
	T_EQ_INT(galley_unicode_lower(0x4E2D), 0x4E2D, "lower: an ideograph has no case");
	T_CHECK(galley_unicode_is_letter(0x5D0), "letter: Hebrew alef");
	T_CHECK(galley_unicode_is_letter(0x301), "letter: a combining mark stays in the word");
	T_CHECK(!galley_unicode_is_letter(0x2014), "letter: an em dash is not");
	T_CHECK(galley_unicode_is_digit(0x663), "digit: Arabic-Indic three");
	T_CHECK(!galley_unicode_is_digit('x'), "digit: x is not");
	T_CHECK(galley_unicode_version() != NULL, "unicode: a version");
}

/* NFD input reads as NFC text: the fonts' precomposed glyphs and the
 * hyphenation dictionaries see one form. */
static void test_read_nfc(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_doc *doc = galley_doc_new();
	const char md[] = "Die Gro\xC3\x9F" "stadtbu\xCC\x88hne o\xCC\x88" "ffnet.\n";
	const galley_article *a;
	int rc;

	rc = galley_read_buffer(doc, NULL, "nfd.md", NULL, md, sizeof md - 1, NULL, &err);
	T_EQ_INT(rc, 0, "read nfd: reads");
	if (rc == 0)
		rc = galley_doc_finish(doc, &err);
	a = rc == 0 ? galley_doc_article(doc, 0) : NULL;
	if (a && a->blocks && a->blocks->inlines)
		T_EQ_STR(a->blocks->inlines->text,
		         "Die Gro\xC3\x9F" "stadtb\xC3\xBChne \xC3\xB6" "ffnet.",
		         "read nfd: the paragraph's text is NFC");
	else
		T_CHECK(0, "read nfd: a paragraph");
	galley_doc_free(doc);
}

/* ---- buffers and arrays ------------------------------------------------------ */

static void test_buf(void)
{
	galley_buf b = GALLEY_BUF_INIT;
	char *taken;
	size_t len = 0;

	galley_buf_puts(&b, "one");
	galley_buf_putc(&b, ' ');
	galley_buf_printf(&b, "%d %s", 2, "three");
	galley_buf_add(&b, "!", 1);
	T_EQ_STR(b.data, "one 2 three!", "buf: appends");
	for (int i = 0; i < 10000; i++)
		galley_buf_puts(&b, "0123456789");
	T_EQ_INT(b.len, 12 + 100000, "buf: grows");
	T_CHECK(b.data[b.len] == '\0', "buf: stays NUL-terminated");
	galley_buf_clear(&b);
	T_EQ_INT(b.len, 0, "buf: clear empties");
	galley_buf_puts(&b, "kept");
	taken = galley_buf_take(&b, &len);
	T_EQ_STR(taken, "kept", "buf: take hands the bytes over");
	T_EQ_INT(len, 4, "buf: take gives the length");
	T_CHECK(b.data == NULL && b.len == 0, "buf: take empties the buffer");
	free(taken);
	/* a failure is sticky and take then gives NULL */
	galley_buf_puts(&b, "x");
	T_CHECK(!galley_buf_reserve(&b, SIZE_MAX - 4), "buf: an impossible size fails");
	galley_buf_puts(&b, "more");
	T_CHECK(b.failed && b.len == 1, "buf: writes after a failure are ignored");
	T_CHECK(galley_buf_take(&b, NULL) == NULL, "buf: take of a failed buffer is NULL");
	galley_buf_dispose(&b);
}

static void test_vec(void)
{
	int *v = NULL;
	size_t cap = 0;

	T_EQ_INT(galley_vec_reserve((void **)&v, &cap, 3, sizeof *v), 0, "vec: first growth");
	T_CHECK(cap >= 3, "vec: room for what was asked");
	T_EQ_INT(galley_vec_reserve((void **)&v, &cap, 1000, sizeof *v), 0, "vec: grows");
	T_CHECK(cap >= 1000, "vec: room for a thousand");
	T_EQ_INT(galley_vec_reserve((void **)&v, &cap, SIZE_MAX / 2, sizeof *v), -1,
	         "vec: a size that overflows is refused");
	T_CHECK(cap >= 1000 && cap < SIZE_MAX / 8, "vec: unchanged after a refusal");
	T_EQ_INT(galley_vec_reserve((void **)&v, &cap, SIZE_MAX, 1), -1,
	         "vec: SIZE_MAX bytes are refused");
	free(v);
}

/* ---- files ------------------------------------------------------------------------ */

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void test_atomic(void)
{
	char dir[] = "/tmp/galley-test-base-XXXXXX";
	char path[256], link[256], sub[256];
	galley_error err = GALLEY_ERROR_INIT;
	galley_atomic a;
	struct stat st;
	mode_t old;
	char *text = NULL;
	size_t len = 0;

	if (!mkdtemp(dir)) {
		T_CHECK(0, "atomic: a scratch folder");
		return;
	}
	snprintf(path, sizeof path, "%s/out.txt", dir);
	snprintf(link, sizeof link, "%s/link.txt", dir);
	snprintf(sub, sizeof sub, "%s/sub", dir);

	/* the umask applies, and is never changed */
	old = umask(027);
	T_EQ_INT(galley_file_write_atomic(path, "first", 5, &err), 0, "atomic: writes");
	T_CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640, "atomic: mode 0666 less a umask of 027");
	T_EQ_INT(umask(old), 027, "atomic: the umask is left as it was");

	/* begin, write, abort: the old file stays, no temporary is left */
	T_EQ_INT(galley_atomic_begin(&a, path, &err), 0, "atomic: begin");
	T_CHECK(strcmp(galley_atomic_path(&a), path) != 0, "atomic: writes a temporary beside the target");
	T_EQ_INT(galley_atomic_write(&a, "second", 6, &err), 0, "atomic: write");
	galley_atomic_abort(&a);
	galley_atomic_abort(&a);
	T_EQ_INT(galley_file_read(path, 100, &text, &len, &err), 0, "atomic: read back");
	T_EQ_STR(text, "first", "atomic: abort keeps the previous file");
	free(text);
	T_EQ_INT(count_entries(dir), 1, "atomic: abort leaves no temporary");

	/* through a symbolic link the target is replaced and the link kept */
	T_CHECK(symlink("out.txt", link) == 0, "atomic: a link");
	T_EQ_INT(galley_file_write_atomic(link, "third", 5, &err), 0, "atomic: writes through a link");
	T_CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode), "atomic: the link stays a link");
	T_EQ_INT(galley_file_read(path, 100, &text, &len, &err), 0, "atomic: read the target");
	T_EQ_STR(text, "third", "atomic: the link's target is replaced");
	free(text);

	/* a folder is refused with its path; a device is written in place */
	T_CHECK(mkdir(sub, 0755) == 0, "atomic: a folder");
	err = (galley_error)GALLEY_ERROR_INIT;
	T_EQ_INT(galley_file_write_atomic(sub, "x", 1, &err), GALLEY_EIO, "atomic: a folder is an error");
	T_CHECK(strstr(err.message, "folder") != NULL, "atomic: the message says it is a folder");
	T_EQ_INT(galley_file_write_atomic("/dev/null", "x", 1, &err), 0, "atomic: /dev/null is written");
	T_CHECK(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode), "atomic: /dev/null stays a device");
	err = (galley_error)GALLEY_ERROR_INIT;
	T_EQ_INT(galley_file_write_atomic("/nonexistent-galley/x.pdf", "x", 1, &err), GALLEY_EIO,
	         "atomic: a missing folder is an error");

	unlink(link);
	unlink(path);
	rmdir(sub);
	rmdir(dir);
}

static void test_font_dir(void)
{
	const char *old = getenv("GALLEY_FONT_DIR");
	char *saved = old ? strdup(old) : NULL;

	T_EQ_STR(galley_font_dir("/my/fonts"), "/my/fonts", "font dir: the configured folder first");
	setenv("GALLEY_FONT_DIR", "/env/fonts", 1);
	T_EQ_STR(galley_font_dir(NULL), "/env/fonts", "font dir: then GALLEY_FONT_DIR");
	T_EQ_STR(galley_font_dir(""), "/env/fonts", "font dir: an empty option is none");
	unsetenv("GALLEY_FONT_DIR");
	/* the test runs from the tree's build folder */
	T_EQ_STR(galley_font_dir(NULL), GALLEY_SRCDIR "/fonts", "font dir: the tree's fonts from its build folder");
	if (saved)
		setenv("GALLEY_FONT_DIR", saved, 1);
	free(saved);
}

/* ---- threads ---------------------------------------------------------------------- */

typedef struct job {
	int in, out;
	size_t worker;
} job;

static void square(void *arg, size_t worker)
{
	job *j = arg;

	j->out = j->in * j->in;
	j->worker = worker;
}

static void add_index(void *arg, size_t i, size_t worker)
{
	atomic_size_t *sum = arg;

	(void)worker;
	atomic_fetch_add(sum, i);
}

/* Holds the pool's only worker until released. */
typedef struct gate {
	atomic_bool started, release;
} gate;

static void hold(void *arg, size_t worker)
{
	gate *g = arg;

	(void)worker;
	atomic_store(&g->started, true);
	while (!atomic_load(&g->release))
		sched_yield();
}

/* galley_pool_run_one: the caller runs a queued task itself, with the
 * worker index past the workers', and hears when nothing is queued. */
static void test_pool_run_one(void)
{
	galley_pool *pool = galley_pool_new(1);
	galley_task held, queued;
	gate g;
	job j = {.in = 7};

	T_CHECK(pool != NULL && galley_pool_threads(pool) == 1, "pool run_one: one worker");
	if (!pool || galley_pool_threads(pool) != 1) {
		galley_pool_free(pool);
		return;
	}
	atomic_init(&g.started, false);
	atomic_init(&g.release, false);
	T_CHECK(!galley_pool_run_one(pool), "pool run_one: nothing queued");
	galley_pool_submit(pool, &held, hold, &g);
	while (!atomic_load(&g.started))
		sched_yield();
	galley_pool_submit(pool, &queued, square, &j);  /* the worker is held */
	T_CHECK(galley_pool_run_one(pool), "pool run_one: a queued task taken");
	T_EQ_INT(j.out, 49, "pool run_one: ran it");
	T_EQ_INT(j.worker, 1, "pool run_one: as worker galley_pool_threads()");
	galley_task_wait(pool, &queued);  /* done: returns at once */
	T_CHECK(!galley_pool_run_one(pool), "pool run_one: the running task is not taken again");
	atomic_store(&g.release, true);
	galley_task_wait(pool, &held);
	galley_pool_free(pool);
}

/* Threads of this process, from /proc/self/task; 0 when unknown. */
static size_t count_threads(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	size_t n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

/* galley_pool_close: queued tasks still run and can be waited for, and
 * the workers end without galley_pool_free. */
static void test_pool_close(void)
{
	enum { N = 20 };
	job jobs[N];
	galley_task tasks[N];
	size_t before = count_threads(), after = 0;
	galley_pool *pool = galley_pool_new(2);
	bool ok = true;

	T_CHECK(pool != NULL && galley_pool_threads(pool) == 2, "pool close: two workers");
	if (!pool)
		return;
	for (int i = 0; i < N; i++) {
		jobs[i].in = i;
		galley_pool_submit(pool, &tasks[i], square, &jobs[i]);
	}
	galley_pool_close(pool);
	for (int i = 0; i < N; i++) {
		galley_task_wait(pool, &tasks[i]);
		ok = ok && jobs[i].out == i * i;
	}
	T_CHECK(ok, "pool close: queued tasks still run");
	/* a worker ends just after its last task: give it up to 5 s */
	for (int k = 0; k < 5000 && (after = count_threads()) != before; k++)
		usleep(1000);
	T_CHECK(before > 0, "pool close: threads counted");
	T_EQ_INT(after, before, "pool close: the workers ended before galley_pool_free");
	galley_pool_free(pool);
}

static void test_pool(void)
{
	enum { N = 200 };
	static job jobs[N];
	static galley_task tasks[N];
	galley_pool *pool = galley_pool_new(3);
	bool ok = true, workers_ok = true;
	atomic_size_t sum;

	T_CHECK(pool != NULL, "pool: made");
	if (!pool)
		return;
	T_CHECK(galley_pool_threads(pool) >= 1 && galley_pool_threads(pool) <= 3, "pool: up to 3 workers");
	for (int i = 0; i < N; i++) {
		jobs[i].in = i;
		galley_pool_submit(pool, &tasks[i], square, &jobs[i]);
	}
	/* waited for in order, as the ordered stages do */
	for (int i = 0; i < N; i++) {
		galley_task_wait(pool, &tasks[i]);
		if (jobs[i].out != i * i)
			ok = false;
		if (jobs[i].worker >= galley_pool_threads(pool))
			workers_ok = false;
	}
	T_CHECK(ok, "pool: every task ran once, with its argument");
	T_CHECK(workers_ok, "pool: worker indexes are in range");
	galley_pool_free(pool);
	galley_pool_free(NULL);

	atomic_init(&sum, 0);
	galley_parallel_for(4, 1000, add_index, &sum);
	T_EQ_INT(atomic_load(&sum), 999 * 1000 / 2, "parallel for: every index once, on four threads");
	atomic_init(&sum, 0);
	galley_parallel_for(1, 10, add_index, &sum);
	T_EQ_INT(atomic_load(&sum), 45, "parallel for: on one thread");
	T_CHECK(galley_cpus_online(64) >= 1 && galley_cpus_online(1) == 1, "cpus: at least one, at most the limit");
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The PNG writer: signature, IHDR, the rows back from the IDAT's zlib
 * stream, every chunk's CRC, IEND last; a stride wider than the row. */
static void test_png_write(void)
{
	/* 3 x 2 pixels, rows 4 pixels apart (cairo pads rows) */
	const uint32_t px[8] = {0xFF0000, 0x00FF00, 0x0000FF, 0xDEAD, 0x123456, 0xABCDEF, 0x000000, 0xBEEF};
	const unsigned char want[] = {0, 255, 0, 0, 0, 255, 0, 0, 0, 255,
	                              0, 0x12, 0x34, 0x56, 0xAB, 0xCD, 0xEF, 0, 0, 0};
	galley_buf out = GALLEY_BUF_INIT, again = GALLEY_BUF_INIT;
	struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
	unsigned char rows[sizeof want + 8];
	size_t at = 8, got = 0, chunks = 0;
	bool crcs = true, idat = false, end = false;

	T_EQ_INT(galley_png_write_rgb24(&out, (const unsigned char *)px, 16, 3, 2), 0, "png: written");
	T_CHECK(out.len > 8 && memcmp(out.data, "\x89PNG\r\n\x1a\n", 8) == 0, "png: the signature");
	while (!out.failed && at + 12 <= out.len && !end) {
		const unsigned char *c = (const unsigned char *)out.data + at;
		uint32_t len = get32(c);

		if (at + 12 + len > out.len)
			break;
		crcs &= libdeflate_crc32(0, c + 4, 4 + len) == get32(c + 8 + len);
		if (chunks == 0) {
			T_CHECK(memcmp(c + 4, "IHDR", 4) == 0 && len == 13, "png: IHDR first");
			T_CHECK(get32(c + 8) == 3 && get32(c + 12) == 2, "png: width and height");
			T_CHECK(c[16] == 8 && c[17] == 2 && c[20] == 0, "png: 8-bit RGB, not interlaced");
		} else if (memcmp(c + 4, "IDAT", 4) == 0) {
			idat = d && libdeflate_zlib_decompress(d, c + 8, len, rows, sizeof rows, &got) ==
			                LIBDEFLATE_SUCCESS;
		} else if (memcmp(c + 4, "IEND", 4) == 0) {
			end = len == 0 && at + 12 == out.len;
		}
		chunks++;
		at += 12 + len;
	}
	T_CHECK(crcs, "png: every chunk's CRC-32 is right");
	T_CHECK(idat && got == sizeof want && memcmp(rows, want, sizeof want) == 0,
	        "png: the IDAT holds the rows, filter 0 before each, stride skipped");
	T_CHECK(end, "png: IEND ends the file");
	galley_png_write_rgb24(&again, (const unsigned char *)px, 16, 3, 2);
	T_CHECK(again.len == out.len && memcmp(again.data, out.data, out.len) == 0, "png: same pixels, same bytes");
	galley_buf_dispose(&again);
	again = (galley_buf)GALLEY_BUF_INIT;
	T_EQ_INT(galley_png_write_rgb24(&again, (const unsigned char *)px, 16, 0, 2), -1, "png: no empty image");
	T_CHECK(again.failed, "png: a refused image marks the buffer failed");
	galley_buf_dispose(&out);
	galley_buf_dispose(&again);
	libdeflate_free_decompressor(d);
}

int main(void)
{
	test_png_write();
	test_decode();
	test_encode();
	test_unicode();
	test_read_nfc();
	test_buf();
	test_vec();
	test_atomic();
	test_font_dir();
	test_pool();
	test_pool_run_one();
	test_pool_close();
	return t_done();
}
