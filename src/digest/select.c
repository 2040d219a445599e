/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * digest/select.c: the selection of a digest's articles (galley/select.h).
 *
 * Works only through the public model API: it walks the sections, decides
 * for every article whether it stays, removes the others with
 * galley_doc_remove_article, reorders each section's article array in
 * place and finishes the document.  The rules and their order are the
 * contract in galley/select.h.
 *
 * Duplicates are found by comparing every kept article with the kept ones
 * before it: quadratic, but a digest holds hundreds of articles, not
 * millions, and the comparisons are two string compares that mostly fail
 * on the first byte.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "galley/select.h"
#include "model/options.h"

/* Room for a list of tags or a window in one message; longer lists are cut
 * with "..." (the whole message is cut at GALLEY_ERROR_MESSAGE_MAX anyway). */
#define SELECT_TEXT_MAX 256

typedef enum verdict {
	KEEP = 0,
	OUTSIDE,   /* dated, outside the window */
	UNDATED,   /* no date while a window is set */
	UNTAGGED,  /* none of the wanted tags */
	DUPLICATE
} verdict;

/* An article and its place in input order, for a stable qsort. */
typedef struct entry {
	galley_article *article;
	size_t order;
} entry;

int galley_sort_parse(const char *s, galley_sort *out)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "input") == 0)
		*out = GALLEY_SORT_INPUT;
	else if (strcmp(s, "date") == 0)
		*out = GALLEY_SORT_DATE;
	else if (strcmp(s, "title") == 0)
		*out = GALLEY_SORT_TITLE;
	else
		return -1;
	return 0;
}

/* ---- small helpers ------------------------------------------------------- */

/* Appends printf-style text to buf (size bytes, NUL-terminated); text that
 * does not fit is cut and the buffer ends in "...". */
static void append(char *buf, size_t size, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static void append(char *buf, size_t size, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;
	int n;
	if (used + 1 >= size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + used, size - used, fmt, ap);
	va_end(ap);
	if ((n < 0 || (size_t)n >= size - used) && size >= 4)
		memcpy(buf + size - 4, "...", 4);
}

/* Compares the calendar days of two dates as written (no zone conversion). */
static int day_cmp(const galley_date *a, const galley_date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return 0;
}

/* "2022-01-10..2022-01-16", "2022-01-10.." or "..2022-01-16". */
static void format_window(const galley_select_options *opts, char out[SELECT_TEXT_MAX])
{
	char a[32], b[32];
	galley_date_iso(&opts->since, false, a);
	galley_date_iso(&opts->until, false, b);
	snprintf(out, SELECT_TEXT_MAX, "%s..%s", a, b);
}

/* "europe" or "europe or asia". */
static void format_tags(const galley_select_options *opts, char out[SELECT_TEXT_MAX])
{
	size_t i;
	out[0] = '\0';
	for (i = 0; i < opts->ntags; i++)
		append(out, SELECT_TEXT_MAX, "%s%s", i == 0 ? "" : " or ", opts->tags[i]);
}

static bool has_window(const galley_select_options *opts)
{
	return opts->since.year != 0 || opts->until.year != 0;
}

static bool in_window(const galley_select_options *opts, const galley_date *date)
{
	if (opts->since.year != 0 && day_cmp(date, &opts->since) < 0)
		return false;
	if (opts->until.year != 0 && day_cmp(date, &opts->until) > 0)
		return false;
	return true;
}

static bool has_tag(const galley_select_options *opts, const galley_article *a)
{
	size_t i, j;
	for (i = 0; i < opts->ntags; i++)
		for (j = 0; j < a->meta.ntags; j++)
			if (opts->tags[i] != NULL && a->meta.tags[j] != NULL &&
			    strcasecmp(opts->tags[i], a->meta.tags[j]) == 0)
				return true;
	return false;
}

/* Whether two URLs are the same, ignoring one trailing '/'. */
static bool same_url(const char *a, const char *b)
{
	size_t la, lb;
	if (a == NULL || b == NULL || *a == '\0' || *b == '\0')
		return false;
	la = strlen(a);
	lb = strlen(b);
	if (la > 1 && a[la - 1] == '/')
		la--;
	if (lb > 1 && b[lb - 1] == '/')
		lb--;
	return la == lb && memcmp(a, b, la) == 0;
}

/* Whether two titles are the same, ignoring ASCII case and the spaces
 * around them. */
static bool same_title(const char *a, const char *b)
{
	size_t la, lb;
	if (a == NULL || b == NULL)
		return false;
	while (*a == ' ' || *a == '\t')
		a++;
	while (*b == ' ' || *b == '\t')
		b++;
	la = strlen(a);
	lb = strlen(b);
	while (la > 0 && (a[la - 1] == ' ' || a[la - 1] == '\t'))
		la--;
	while (lb > 0 && (b[lb - 1] == ' ' || b[lb - 1] == '\t'))
		lb--;
	return la > 0 && la == lb && strncasecmp(a, b, la) == 0;
}

/* Why `b` (later in input order) duplicates `a`, or NULL. */
static const char *duplicate_reason(const galley_article *a, const galley_article *b)
{
	if (same_url(a->meta.source, b->meta.source))
		return "same source URL";
	if (a->meta.date.year != 0 && b->meta.date.year != 0 &&
	    day_cmp(&a->meta.date, &b->meta.date) == 0 &&
	    same_title(a->meta.title, b->meta.title))
		return "same title and date";
	return NULL;
}

/* ---- sorting ------------------------------------------------------------- */

static const char *sort_title(const galley_article *a)
{
	if (a->meta.title != NULL)
		return a->meta.title;
	return a->path != NULL ? a->path : "";
}

static int cmp_title(const void *pa, const void *pb)
{
	const entry *a = pa, *b = pb;
	int c = strcasecmp(sort_title(a->article), sort_title(b->article));
	if (c != 0)
		return c;
	return (a->order > b->order) - (a->order < b->order);
}

static int cmp_date(const void *pa, const void *pb)
{
	const entry *a = pa, *b = pb;
	const galley_date *da = &a->article->meta.date, *db = &b->article->meta.date;
	if ((da->year == 0) != (db->year == 0))
		return da->year == 0 ? 1 : -1; /* undated last */
	if (da->year != 0) {
		int c = day_cmp(da, db);
		if (c != 0)
			return c;
	}
	return cmp_title(pa, pb);
}

/* Sorts every section's articles in place.  0 or GALLEY_ENOMEM. */
static int sort_sections(galley_doc *doc, galley_sort sort, galley_error *err)
{
	size_t i, j;
	for (i = 0; i < galley_doc_nsections(doc); i++) {
		galley_section *s = galley_doc_section(doc, i);
		entry *v;
		if (s->narticles < 2)
			continue;
		v = malloc(s->narticles * sizeof *v);
		if (v == NULL)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory sorting articles");
		for (j = 0; j < s->narticles; j++) {
			v[j].article = s->articles[j];
			v[j].order = j;
		}
		qsort(v, s->narticles, sizeof *v, sort == GALLEY_SORT_DATE ? cmp_date : cmp_title);
		for (j = 0; j < s->narticles; j++)
			s->articles[j] = v[j].article;
		free(v);
	}
	return 0;
}

/* ---- the selection ------------------------------------------------------- */

/* Records why `a` was skipped as a note at its position. */
static int note_skip(galley_doc *doc, const galley_article *a, verdict why,
                     const galley_select_options *opts)
{
	char window[SELECT_TEXT_MAX], tags[SELECT_TEXT_MAX], day[32];
	format_window(opts, window);
	format_tags(opts, tags);
	switch (why) {
	case OUTSIDE:
		return galley_doc_warn(doc, GALLEY_NOTE, &a->pos,
		                       "skipped: dated %s, outside %s",
		                       galley_date_iso(&a->meta.date, false, day), window);
	case UNDATED:
		return galley_doc_warn(doc, GALLEY_NOTE, &a->pos,
		                       "skipped: no date, and the selection is %s", window);
	case UNTAGGED:
		return galley_doc_warn(doc, GALLEY_NOTE, &a->pos,
		                       "skipped: no tag %s", tags);
	case KEEP:
	case DUPLICATE:
		break;
	}
	return 0;
}

/* Sets the GALLEY_EEMPTY error that says why nothing is left. */
static int empty_error(galley_error *err, const galley_select_options *opts, size_t total,
                       const size_t counts[5])
{
	char msg[GALLEY_ERROR_MESSAGE_MAX], window[SELECT_TEXT_MAX], tags[SELECT_TEXT_MAX];
	if (total == 0)
		return galley_error_set(err, GALLEY_EEMPTY, NULL,
		                        "no article to select: none was read");
	format_window(opts, window);
	format_tags(opts, tags);
	snprintf(msg, sizeof msg, "no article matches: %zu read", total);
	if (counts[OUTSIDE] > 0)
		append(msg, sizeof msg, ", %zu outside %s", counts[OUTSIDE], window);
	if (counts[UNDATED] > 0)
		append(msg, sizeof msg, ", %zu without a date", counts[UNDATED]);
	if (counts[UNTAGGED] > 0)
		append(msg, sizeof msg, ", %zu without tag %s", counts[UNTAGGED], tags);
	return galley_error_set(err, GALLEY_EEMPTY, NULL, "%s", msg);
}

int galley_select_options_init(galley_select_options *opts, unsigned version)
{
	static const galley_select_options defaults = GALLEY_SELECT_OPTIONS_INIT;

	if (opts == NULL || version == 0 || version > GALLEY_SELECT_OPTIONS_VERSION)
		return GALLEY_EUSAGE;
	*opts = defaults;
	return 0;
}

int galley_doc_select(galley_doc *doc, const galley_select_options *opts,
                      galley_error *err)
{
	static const galley_select_options defaults = GALLEY_SELECT_OPTIONS_INIT;
	galley_article **all = NULL;
	verdict *why = NULL;
	size_t total = 0, kept = 0, i, j, n;
	size_t counts[5] = {0, 0, 0, 0, 0};
	int rc = 0;

	if (opts == NULL)
		opts = &defaults;
	rc = galley_options_version_check(opts->version, GALLEY_SELECT_OPTIONS_VERSION,
	                                  "galley_select_options", err);
	if (rc < 0)
		goto cleanup;
	if (opts->since.year != 0 && opts->until.year != 0 &&
	    day_cmp(&opts->since, &opts->until) > 0) {
		char a[32], b[32];
		rc = galley_error_set(err, GALLEY_EUSAGE, NULL,
		                      "the date window is empty: since %s is after until %s",
		                      galley_date_iso(&opts->since, false, a),
		                      galley_date_iso(&opts->until, false, b));
		goto cleanup;
	}

	for (i = 0; i < galley_doc_nsections(doc); i++)
		total += galley_doc_section(doc, i)->narticles;
	if (total > 0) {
		all = malloc(total * sizeof *all);
		why = calloc(total, sizeof *why);
		if (all == NULL || why == NULL) {
			rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory selecting articles");
			goto cleanup;
		}
	}
	n = 0;
	for (i = 0; i < galley_doc_nsections(doc); i++) {
		galley_section *s = galley_doc_section(doc, i);
		for (j = 0; j < s->narticles; j++)
			all[n++] = s->articles[j];
	}

	for (i = 0; i < total; i++) {
		const galley_article *a = all[i];
		if (has_window(opts) && a->meta.date.year == 0)
			why[i] = UNDATED;
		else if (has_window(opts) && !in_window(opts, &a->meta.date))
			why[i] = OUTSIDE;
		else if (opts->ntags > 0 && !has_tag(opts, a))
			why[i] = UNTAGGED;
		if (why[i] != KEEP) {
			counts[why[i]]++;
			rc = note_skip(doc, a, why[i], opts);
			if (rc < 0) {
				galley_error_set(err, rc, NULL, "out of memory recording a note");
				goto cleanup;
			}
		}
	}

	if (opts->drop_duplicates) {
		for (i = 0; i < total; i++) {
			if (why[i] != KEEP)
				continue;
			for (j = 0; j < i; j++) {
				const char *reason;
				if (why[j] != KEEP)
					continue;
				reason = duplicate_reason(all[j], all[i]);
				if (reason == NULL)
					continue;
				why[i] = DUPLICATE;
				counts[DUPLICATE]++;
				rc = galley_doc_warn(doc, GALLEY_WARNING, &all[i]->pos,
				                     "dropped as a duplicate of %s (%s)",
				                     all[j]->path != NULL ? all[j]->path : "an earlier article",
				                     reason);
				if (rc < 0) {
					galley_error_set(err, rc, NULL, "out of memory recording a warning");
					goto cleanup;
				}
				break;
			}
		}
	}

	for (i = 0; i < total; i++) {
		if (why[i] != KEEP)
			galley_doc_remove_article(doc, all[i]);
		else
			kept++;
	}
	if (kept == 0) {
		rc = empty_error(err, opts, total, counts);
		goto cleanup;
	}
	if (opts->sort != GALLEY_SORT_INPUT) {
		rc = sort_sections(doc, opts->sort, err);
		if (rc < 0)
			goto cleanup;
	}
	rc = galley_doc_finish(doc, err);

cleanup:
	free(all);
	free(why);
	return rc;
}
