/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_cache.c: galley_layout_cache (dictionaries shared by layouts).
 *
 * A layout made with a cache is the layout made without one, trace for
 * trace, for every language the cache loads; layouts on several threads
 * share one cache at once (ThreadSanitizer reads this under make
 * check-tsan); a cache outlives its layouts and is freed once; a
 * dictionary the cache loaded for the first layout serves the second
 * (the second hyphenates as the first did, from the shared store).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "galley.h"
#include "t.h"

static const char english[] =
	"---\ntitle: Ferries\nlang: en-US\n---\n\n"
	"Notwithstanding extraordinary circumstances, the administration's "
	"representatives acknowledged responsibility for the unprecedented "
	"interruption of transportation across the sound, recommending "
	"compensation for inconvenienced passengers and international "
	"travellers alike.\n";

static const char german[] =
	"---\ntitle: Fähren\nlang: de-DE\n---\n\n"
	"Die Schifffahrtsgesellschaft bestätigte außergewöhnliche "
	"Verspätungen im Fährverkehr; die Verkehrsbehörde empfahl "
	"Entschädigungszahlungen für Fahrgäste und Berufspendler.\n";

typedef struct sink {
	char *bytes;
	size_t len;
} sink;

static int to_sink(void *ctx, const char *bytes, size_t len)
{
	sink *s = ctx;
	char *grown = realloc(s->bytes, s->len + len + 1);

	if (!grown)
		return -1;
	memcpy(grown + s->len, bytes, len);
	s->bytes = grown;
	s->len += len;
	s->bytes[s->len] = '\0';
	return 0;
}

/* The trace of `md` laid out in a narrow measure (many breaks, many
 * hyphens), with `cache` (NULL: none).  Malloc'ed; NULL on failure. */
static char *trace(const char *md, galley_layout_cache *cache)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_layout_options opts;
	galley_layout *L = NULL;
	galley_doc *doc = galley_doc_new();
	sink s = {NULL, 0};

	galley_layout_options_init(&opts, GALLEY_LAYOUT_OPTIONS_VERSION);
	opts.page_width = 200;
	opts.margin_inner = opts.margin_outer = 40;
	opts.jobs = 1;
	if (!doc || galley_read_buffer(doc, NULL, "a.md", NULL, md, strlen(md), NULL, &err) < 0 ||
	    galley_doc_finish(doc, &err) < 0 ||
	    galley_layout_new_cached(&L, doc, &opts, cache, &err) < 0 ||
	    galley_layout_trace(L, to_sink, &s, &err) < 0) {
		free(s.bytes);
		s.bytes = NULL;
	}
	galley_layout_free(L);
	galley_doc_free(doc);
	return s.bytes;
}

typedef struct job {
	galley_layout_cache *cache;
	const char *md;
	const char *want;
	int same;  /* layouts that matched */
} job;

static void *run_job(void *arg)
{
	job *j = arg;

	for (int i = 0; i < 4; i++) {
		char *t = trace(j->md, j->cache);
		j->same += t && strcmp(t, j->want) == 0;
		free(t);
	}
	return NULL;
}

static void test_same_layout(void)
{
	galley_layout_cache *cache = galley_layout_cache_new();
	char *en = trace(english, NULL), *de = trace(german, NULL);
	char *en1, *en2, *de1;

	T_CHECK(cache != NULL, "a cache is made");
	T_CHECK(en && de, "the articles are laid out without a cache");
	T_CHECK(en && strstr(en, " H") && de && strstr(de, " H"), "both articles are hyphenated (the test means something)");
	en1 = trace(english, cache);
	en2 = trace(english, cache);
	de1 = trace(german, cache);
	T_CHECK(en1 && en && strcmp(en1, en) == 0, "with a cache, the first layout is the same");
	T_CHECK(en2 && en && strcmp(en2, en) == 0, "the second layout, from the kept dictionary, is the same");
	T_CHECK(de1 && de && strcmp(de1, de) == 0, "another language through the same cache is the same");
	free(en1);
	free(en2);
	free(de1);
	free(en);
	free(de);
	galley_layout_cache_free(cache);
	galley_layout_cache_free(NULL);
	T_CHECK(1, "freeing a NULL cache does nothing");
}

static void test_threads(void)
{
	galley_layout_cache *cache = galley_layout_cache_new();
	char *en = trace(english, NULL), *de = trace(german, NULL);
	job jobs[4];
	pthread_t th[4];
	int started = 0, i, same = 0;

	for (i = 0; i < 4; i++) {
		jobs[i] = (job){cache, i % 2 ? german : english, i % 2 ? de : en, 0};
		if (en && de && pthread_create(&th[i], NULL, run_job, &jobs[i]) == 0)
			started++;
	}
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < started; i++)
		same += jobs[i].same;
	T_EQ_INT(started, 4, "four threads share one cache");
	T_EQ_INT(same, 16, "every layout made on them is the layout made alone");
	galley_layout_cache_free(cache);
	free(en);
	free(de);
}

int main(void)
{
	test_same_layout();
	test_threads();
	return t_done();
}
