/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_select.c: the digest selection (galley/select.h): date window, tags,
 * sorting, duplicates, notes and the empty-selection error.  Documents are
 * built by hand through the model API.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "galley.h"
#include "t.h"

/* Adds an article with a one-paragraph body. */
static galley_article *add(galley_doc *doc, galley_section *sec, const char *path,
                           const char *title, const char *date, const char *tag,
                           const char *url)
{
	galley_pos pos = {NULL, 1, 1};
	galley_article *a = galley_doc_add_article(doc, sec, path);
	galley_block *b;
	galley_inline *in;
	pos.file = a->path;
	a->pos = pos;
	a->meta.title = title ? galley_doc_strdup(doc, title) : NULL;
	if (date != NULL)
		galley_date_parse(date, &a->meta.date);
	if (tag != NULL) {
		a->meta.tags = galley_doc_alloc(doc, sizeof *a->meta.tags);
		a->meta.tags[0] = galley_doc_strdup(doc, tag);
		a->meta.ntags = 1;
	}
	a->meta.source = url ? galley_doc_strdup(doc, url) : NULL;
	b = galley_doc_new_block(doc, GALLEY_PARAGRAPH, pos);
	in = galley_doc_new_inline(doc, GALLEY_TEXT, pos);
	in->text = "some words";
	in->len = strlen(in->text);
	b->inlines = in;
	a->blocks = b;
	return a;
}

/* The paths of the articles left, in reading order, joined by spaces. */
static const char *order(galley_doc *doc)
{
	static char buf[1024];
	size_t i, j;
	buf[0] = '\0';
	for (i = 0; i < galley_doc_nsections(doc); i++) {
		galley_section *s = galley_doc_section(doc, i);
		for (j = 0; j < s->narticles; j++) {
			if (buf[0] != '\0')
				strcat(buf, " ");
			strcat(buf, s->articles[j]->path);
		}
	}
	return buf;
}

static size_t count_diags(galley_doc *doc, galley_severity sev, const char *needle)
{
	size_t i, n = 0;
	for (i = 0; i < galley_doc_ndiags(doc); i++) {
		const galley_diag *d = galley_doc_diag(doc, i);
		if (d->severity == sev && (needle == NULL || strstr(d->message, needle) != NULL))
			n++;
	}
	return n;
}

/* A week of articles in two sections. */
static galley_doc *week(void)
{
	galley_doc *doc = galley_doc_new();
	galley_section *world = galley_doc_add_section(doc, "World");
	galley_section *tech = galley_doc_add_section(doc, "Tech");
	add(doc, world, "w1.md", "Zebra talks", "2022-01-12T21:26:00+02:00", "europe", NULL);
	add(doc, world, "w2.md", "Alpha summit", "2022-01-14", "Europe", NULL);
	add(doc, world, "w3.md", "Old news", "2022-01-05", "europe", NULL);
	add(doc, world, "w4.md", "Beta vote", "2022-01-12", "asia", NULL);
	add(doc, tech, "t1.md", "Chips", "2022-01-16T23:30:00-05:00", "tech", NULL);
	add(doc, tech, "t2.md", "Undated essay", NULL, "tech", NULL);
	add(doc, tech, "t3.md", "Apps", "2022-01-10", "tech", NULL);
	return doc;
}

static void test_window(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_doc *doc = week();
	galley_select_options sel = GALLEY_SELECT_OPTIONS_INIT;
	int rc;
	galley_date_parse("2022-01-10", &sel.since);
	galley_date_parse("2022-01-16", &sel.until);
	rc = galley_doc_select(doc, &sel, &err);
	T_EQ_INT(rc, 0, "window: select succeeds");
	/* t1 is 2022-01-16 local (2022-01-17 UTC): the local day counts */
	T_EQ_STR(order(doc), "w1.md w2.md w4.md t1.md t3.md", "window: kept in input order");
	T_EQ_INT(count_diags(doc, GALLEY_NOTE, "skipped"), 2, "window: two notes");
	T_EQ_INT(count_diags(doc, GALLEY_NOTE, "outside 2022-01-10..2022-01-16"), 1,
	         "window: note names the window");
	T_EQ_INT(count_diags(doc, GALLEY_NOTE, "no date"), 1, "window: undated skipped with note");
	T_EQ_INT(galley_doc_narticles(doc), 5, "window: finished");
	T_EQ_INT(galley_doc_check(doc, &err), 0, "window: invariants hold");
	galley_doc_free(doc);
}

static void test_open_window_and_no_window(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_doc *doc = week();
	galley_select_options sel = GALLEY_SELECT_OPTIONS_INIT;
	galley_date_parse("2022-01-13", &sel.since);
	T_EQ_INT(galley_doc_select(doc, &sel, &err), 0, "since only: succeeds");
	T_EQ_STR(order(doc), "w2.md t1.md", "since only: open end");
	galley_doc_free(doc);

	doc = week();
	sel = (galley_select_options)GALLEY_SELECT_OPTIONS_INIT;
	T_EQ_INT(galley_doc_select(doc, &sel, &err), 0, "no window: succeeds");
	T_EQ_STR(order(doc), "w1.md w2.md w3.md w4.md t1.md t2.md t3.md",
	         "no window: undated kept");
	galley_doc_free(doc);

	doc = week();
	galley_date_parse("2022-01-16", &sel.since);
	galley_date_parse("2022-01-10", &sel.until);
	T_EQ_INT(galley_doc_select(doc, &sel, &err), GALLEY_EUSAGE, "reversed window: usage error");
	galley_doc_free(doc);
}

static void test_tags(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_doc *doc = week();
	galley_select_options sel = GALLEY_SELECT_OPTIONS_INIT;
	const char *tags[] = {"EUROPE", "tech"};
	sel.tags = tags;
	sel.ntags = 1;
	T_EQ_INT(galley_doc_select(doc, &sel, &err), 0, "tag: succeeds");
	T_EQ_STR(order(doc), "w1.md w2.md w3.md", "tag: case-insensitive");
	T_EQ_INT(galley_doc_nsections(doc), 1, "tag: empty section removed");
	T_EQ_INT(count_diags(doc, GALLEY_NOTE, "no tag EUROPE"), 4, "tag: notes");
	galley_doc_free(doc);

	doc = week();
	sel.ntags = 2;
	T_EQ_INT(galley_doc_select(doc, &sel, &err), 0, "two tags: succeeds");
	T_EQ_STR(order(doc), "w1.md w2.md w3.md t1.md t2.md t3.md", "two tags: either matches");
	galley_doc_free(doc);
}

static void test_sort(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_doc *doc = week();
	galley_select_options sel = GALLEY_SELECT_OPTIONS_INIT;
	sel.sort = GALLEY_SORT_DATE;
	T_EQ_INT(galley_doc_select(doc, &sel, &err), 0, "sort date: succeeds");
	/* w1 and w4 share 2022-01-12: by title; undated t2 last */
	T_EQ_STR(order(doc), "w3.md w4.md w1.md w2.md t3.md t1.md t2.md",
	         "sort date: day, then title, undated last, per section");
	T_EQ_STR(galley_doc_article(doc, 0)->path, "w3.md", "sort date: reading order follows");
	galley_doc_free(doc);

	doc = week();
	sel.sort = GALLEY_SORT_TITLE;
	T_EQ_INT(galley_doc_select(doc, &sel, &err), 0, "sort title: succeeds");
	T_EQ_STR(order(doc), "w2.md w4.md w3.md w1.md t3.md t1.md t2.md", "sort title");
	galley_doc_free(doc);

	/* equal keys keep input order */
	doc = galley_doc_new();
	add(doc, NULL, "c.md", "same", "2022-01-12", NULL, NULL);
	add(doc, NULL, "a.md", "Same", "2022-01-12T08:00:00", NULL, NULL);
	add(doc, NULL, "b.md", "SAME", "2022-01-12T07:00:00", NULL, NULL);
	sel.sort = GALLEY_SORT_TITLE;
	sel.drop_duplicates = false;
	T_EQ_INT(galley_doc_select(doc, &sel, &err), 0, "stable: succeeds");
	T_EQ_STR(order(doc), "c.md a.md b.md", "stable: title ties keep input order");
	sel.sort = GALLEY_SORT_DATE;
	T_EQ_INT(galley_doc_select(doc, &sel, &err), 0, "stable date: succeeds");
	T_EQ_STR(order(doc), "c.md a.md b.md", "stable: date ties keep input order");
	galley_doc_free(doc);

	{
		galley_sort s = GALLEY_SORT_INPUT;
		T_EQ_INT(galley_sort_parse("title", &s), 0, "sort parse title");
		T_EQ_INT(s, GALLEY_SORT_TITLE, "sort parse value");
		T_EQ_INT(galley_sort_parse("random", &s), -1, "sort parse refuses others");
	}
}

static void test_duplicates(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_doc *doc = galley_doc_new();
	galley_select_options sel = GALLEY_SELECT_OPTIONS_INIT;
	add(doc, NULL, "a.md", "One", "2022-01-10", NULL, "https://example.org/story/");
	add(doc, NULL, "b.md", "Other title", "2022-01-11", NULL, "https://example.org/story");
	add(doc, NULL, "c.md", "  the SAME story ", "2022-01-12T10:00:00", NULL, NULL);
	add(doc, NULL, "d.md", "The same story", "2022-01-12", NULL, NULL);
	add(doc, NULL, "e.md", "The same story", "2022-01-13", NULL, NULL);
	add(doc, NULL, "f.md", "Undated", NULL, NULL, NULL);
	add(doc, NULL, "g.md", "Undated", NULL, NULL, NULL);
	T_EQ_INT(galley_doc_select(doc, &sel, &err), 0, "duplicates: succeeds");
	T_EQ_STR(order(doc), "a.md c.md e.md f.md g.md", "duplicates: later copies dropped");
	T_EQ_INT(count_diags(doc, GALLEY_WARNING, "duplicate of a.md (same source URL)"), 1,
	         "duplicates: URL warning names the kept file");
	T_EQ_INT(count_diags(doc, GALLEY_WARNING, "duplicate of c.md (same title and date)"), 1,
	         "duplicates: title+date warning");
	{
		size_t i;
		const char *file = NULL;
		for (i = 0; i < galley_doc_ndiags(doc); i++)
			if (galley_doc_diag(doc, i)->severity == GALLEY_WARNING &&
			    strstr(galley_doc_diag(doc, i)->message, "URL"))
				file = galley_doc_diag(doc, i)->pos.file;
		T_EQ_STR(file, "b.md", "duplicates: warning is at the dropped file");
	}
	galley_doc_free(doc);

	doc = galley_doc_new();
	add(doc, NULL, "a.md", "One", "2022-01-10", NULL, "https://example.org/x");
	add(doc, NULL, "b.md", "One", "2022-01-10", NULL, "https://example.org/x");
	sel.drop_duplicates = false;
	T_EQ_INT(galley_doc_select(doc, &sel, &err), 0, "keep duplicates: succeeds");
	T_EQ_STR(order(doc), "a.md b.md", "keep duplicates: both stay");
	galley_doc_free(doc);
}

static void test_empty(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_doc *doc = week();
	galley_select_options sel = GALLEY_SELECT_OPTIONS_INIT;
	const char *tags[] = {"europe"};
	galley_date_parse("2022-01-13", &sel.since);
	galley_date_parse("2022-01-13", &sel.until);
	sel.tags = tags;
	sel.ntags = 1;
	T_EQ_INT(galley_doc_select(doc, &sel, &err), GALLEY_EEMPTY, "empty: GALLEY_EEMPTY");
	T_EQ_STR(err.message,
	         "no article matches: 7 read, 6 outside 2022-01-13..2022-01-13, "
	         "1 without a date", "empty: message says why");
	galley_doc_free(doc);

	doc = week();
	galley_error_clear(&err);
	sel.since.year = 0;
	sel.until.year = 0;
	tags[0] = "sports";
	T_EQ_INT(galley_doc_select(doc, &sel, &err), GALLEY_EEMPTY, "empty by tag");
	T_EQ_STR(err.message, "no article matches: 7 read, 7 without tag sports",
	         "empty by tag: message");
	galley_doc_free(doc);

	doc = galley_doc_new();
	galley_error_clear(&err);
	T_EQ_INT(galley_doc_select(doc, NULL, &err), GALLEY_EEMPTY, "nothing read: GALLEY_EEMPTY");
	T_CHECK(strstr(err.message, "none was read") != NULL, "nothing read: message");
	galley_doc_free(doc);
}

int main(void)
{
	test_window();
	test_open_window_and_no_window();
	test_tags();
	test_sort();
	test_duplicates();
	test_empty();
	return t_done();
}
