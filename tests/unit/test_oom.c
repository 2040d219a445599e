/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_oom.c: allocation failure, injected.
 *
 * This binary is linked with -Wl,--wrap for malloc, calloc, realloc, free,
 * strdup and strndup, so every allocation made by galley's own code (the
 * objects of libgalley.a and this file) goes through the wrappers below;
 * the system libraries (cmark, libharu, libzip ...) allocate as usual.
 * Run k fails the k-th allocation and every later one... no: only the k-th
 * (a transient failure is the harder case: code that gives up must not
 * trip over state that a later, successful allocation built).  Each run
 * must end cleanly: a negative galley_code, or success, and in both cases
 * no allocation of galley's left alive once everything is freed.
 *
 * galley allocates on worker threads too (reading ahead, layout, deflate,
 * EPUB chapters, freeing the hyphenator), so the bookkeeping is under one
 * lock; which allocation is the k-th then depends on the threads' order,
 * which changes nothing of what is checked.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "galley.h"
#include "t.h"

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void __real_free(void *p);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
void __wrap_free(void *p);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

static pthread_mutex_t book = PTHREAD_MUTEX_INITIALIZER;  /* guards everything below */
static long alloc_count;   /* allocations seen in this run */
static long fail_at;       /* the allocation to fail (1-based); 0: none */
static int injected;       /* whether the failure was injected */

/* Live allocations: an open-addressing set of pointers. */
#define LIVE_CAP (1u << 20)
static void **live;
static size_t nlive;

static size_t slot_of(void *p)
{
	return (size_t)(((uintptr_t)p >> 4) * 2654435761u) & (LIVE_CAP - 1);
}

static void live_add(void *p)
{
	size_t i = slot_of(p);
	if (live == NULL || p == NULL)
		return;
	while (live[i] != NULL && live[i] != (void *)1)
		i = (i + 1) & (LIVE_CAP - 1);
	live[i] = p;
	nlive++;
}

static int live_remove(void *p)
{
	size_t i = slot_of(p), probes = 0;
	if (live == NULL || p == NULL)
		return 0;
	while (live[i] != NULL && probes++ < LIVE_CAP) {
		if (live[i] == p) {
			live[i] = (void *)1; /* tombstone */
			nlive--;
			return 1;
		}
		i = (i + 1) & (LIVE_CAP - 1);
	}
	return 0;
}

static int should_fail(void)
{
	alloc_count++;
	if (fail_at != 0 && alloc_count == fail_at) {
		injected = 1;
		return 1;
	}
	return 0;
}

void *__wrap_malloc(size_t size)
{
	void *p = NULL;
	pthread_mutex_lock(&book);
	if (!should_fail()) {
		p = __real_malloc(size);
		live_add(p);
	}
	pthread_mutex_unlock(&book);
	return p;
}

void *__wrap_calloc(size_t n, size_t size)
{
	void *p = NULL;
	pthread_mutex_lock(&book);
	if (!should_fail()) {
		p = __real_calloc(n, size);
		live_add(p);
	}
	pthread_mutex_unlock(&book);
	return p;
}

void *__wrap_realloc(void *old, size_t size)
{
	void *p = NULL;
	pthread_mutex_lock(&book);
	if (should_fail()) {
		/* nothing */
	} else if (old != NULL && !live_remove(old)) {
		/* memory from a system library: not ours to count */
		p = __real_realloc(old, size);
	} else {
		p = __real_realloc(old, size);
		if (p == NULL && old != NULL)
			live_add(old);
		live_add(p);
	}
	pthread_mutex_unlock(&book);
	return p;
}

void __wrap_free(void *p)
{
	pthread_mutex_lock(&book);
	live_remove(p);
	__real_free(p);
	pthread_mutex_unlock(&book);
}

char *__wrap_strdup(const char *s)
{
	size_t n = strlen(s);
	char *p = __wrap_malloc(n + 1);
	if (p != NULL)
		memcpy(p, s, n + 1);
	return p;
}

char *__wrap_strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = __wrap_malloc(len + 1);
	if (p != NULL) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

static const char article[] =
	"---\ntitle: Allocation \"failure\"\nauthor: [A. Writer, B. Editor]\n"
	"date: 2022-01-12\ntags: [test, memory]\n---\n\n"
	"# A heading\n\nA paragraph with *emphasis*, **strong** text, `code` and a\n"
	"[link](https://example.com/a/b?c=d). Hyphenation candidates: "
	"extraordinarily, incomprehensibilities.\n\n> A quotation.\n\n"
	"1. first\n2. second\n   - nested\n\n```\ncode block\n```\n\n---\n\n"
	"<div align=\"center\">\n\nMarkdown in a <b>div</b>, H<sub>2</sub>O.\n\n</div>\n\n"
	"<details><summary>More</summary><dl><dt>Term</dt><dd>Hidden <u>text</u></dd></dl></details>\n\n"
	/* images of every kind the reader decodes, sanitises or refuses
	 * (tests/data/read/img; the tests run from the source tree) */
	"![png](tests/data/read/img/rgb.png \"A title\")\n\n"
	"![gif](tests/data/read/img/anim.gif)\n\n![webp](tests/data/read/img/alpha.webp)\n\n"
	"![svg](tests/data/read/img/unsafe.svg)\n\n![svg](tests/data/read/img/text.svg)\n\n"
	"![cmyk](tests/data/read/img/cmyk-plain.jpg)\n\n![missing](tests/data/read/img/none.png)\n\n"
	/* scripts the bundled faces lack: glyph faces found through
	 * fontconfig, shaped, and drawn by glyph id (a CFF face among them) */
	"Words in other scripts: \xD9\x83\xD8\xAA\xD8\xA8, \xE6\xBC\xA2\xE5\xAD\x97, "
	"\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7 and \xF0\x9F\x9A\xA2.\n\n"
	"The end.\n\n"
	"A note[^n], ~~struck~~ words and tasks:\n\n- [ ] open\n- [x] done\n\n[^n]: The note.\n";

/* One run of the pipeline.  Returns the first negative code, or 0. */
static int pipeline(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_doc *doc = galley_doc_new();
	galley_layout *layout = NULL;
	galley_layout_options lopts = GALLEY_LAYOUT_OPTIONS_INIT;
	galley_epub_options eopts = GALLEY_EPUB_OPTIONS_INIT;
	unsigned char *out = NULL;
	size_t len = 0;
	int rc;

	if (doc == NULL)
		return GALLEY_ENOMEM;
	lopts.jobs = 1;
	if ((rc = galley_read_buffer(doc, NULL, "oom.md", NULL, article, sizeof article - 1, NULL, &err)) < 0)
		goto cleanup;
	if ((rc = galley_doc_finish(doc, &err)) < 0)
		goto cleanup;
	if ((rc = galley_layout_new(&layout, doc, &lopts, &err)) < 0)
		goto cleanup;
	if ((rc = galley_pdf_write_memory(layout, &out, &len, NULL, &err)) < 0)
		goto cleanup;
	__real_free(out); /* the caller frees with free(): counted as ours */
	live_remove(out);
	out = NULL;
	eopts.page_list = true;
	eopts.pages = galley_layout_page_map(layout, &eopts.npages);
	if ((rc = galley_epub_write_memory(doc, &out, &len, &eopts, &err)) < 0)
		goto cleanup;
	live_remove(out);
	__real_free(out);
	out = NULL;
cleanup:
	if (rc < 0 && err.code == GALLEY_OK)
		rc = GALLEY_EINTERNAL; /* failed without saying why */
	galley_layout_free(layout);
	galley_doc_free(doc);
	return rc;
}

int main(void)
{
	long total, k, step, bad_leak = 0, bad_code = 0, runs = 0;
	char name[128];

	/* no disk cache of compiled dictionaries: a dictionary read from it
	 * is allocated here but freed by libhyphen (hnj_hyphen_free), where
	 * these wrappers cannot see it, and its 21,000 pieces would thin out
	 * the allocations tried below */
	setenv("GALLEY_CACHE_DIR", "", 1);
	live = __real_calloc(LIVE_CAP, sizeof *live);
	T_CHECK(live != NULL, "live-set allocated");
	alloc_count = 0;
	fail_at = 0;
	T_EQ_INT(pipeline(), 0, "the pipeline succeeds without injected failures");
	T_EQ_INT(nlive, 0, "nothing leaked on success");
	total = alloc_count;
	T_CHECK(total > 10, "galley allocates through the wrapped functions");

	/* Every one of the first 300 allocations, then a stride, so that the
	 * run count stays bounded whatever the total. */
	step = total > 300 ? (total - 300) / 300 + 1 : 1;
	for (k = 1; k <= total; k += (k < 300 ? 1 : step)) {
		int rc;
		alloc_count = 0;
		fail_at = k;
		injected = 0;
		nlive = 0;
		memset(live, 0, LIVE_CAP * sizeof *live);
		rc = pipeline();
		runs++;
		if (nlive != 0) {
			if (bad_leak++ < 5) {
				snprintf(name, sizeof name, "no leak when allocation %ld fails (%zu left)", k, nlive);
				T_CHECK(0, name);
			}
		}
		if (injected && rc != 0 && rc != GALLEY_ENOMEM && rc != GALLEY_EPDF && rc != GALLEY_EEPUB) {
			if (bad_code++ < 5) {
				snprintf(name, sizeof name, "allocation %ld failing gives out-of-memory (got %d)", k, rc);
				T_CHECK(0, name);
			}
		}
	}
	fail_at = 0;
	snprintf(name, sizeof name, "%ld injected failures out of %ld allocations: no leak", runs, total);
	T_CHECK(bad_leak == 0, name);
	snprintf(name, sizeof name, "%ld injected failures: every one reported as out of memory", runs);
	T_CHECK(bad_code == 0, name);
	__real_free(live);
	live = NULL;
	return t_done();
}
