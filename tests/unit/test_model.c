/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_model.c: the document model: building, finish, invariants, ids,
 * dates, the JSON dump, the page map and the file helpers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "galley.h"
#include "t.h"

static galley_inline *text(galley_doc *doc, const char *s, unsigned line)
{
	galley_pos pos = {"mem.md", line, 1};
	galley_inline *in = galley_doc_new_inline(doc, GALLEY_TEXT, pos);
	in->text = galley_doc_strdup(doc, s);
	in->len = strlen(s);
	return in;
}

static galley_block *para(galley_doc *doc, const char *s, unsigned line)
{
	galley_pos pos = {"mem.md", line, 1};
	galley_block *b = galley_doc_new_block(doc, GALLEY_PARAGRAPH, pos);
	b->inlines = text(doc, s, line);
	return b;
}

static galley_block *heading(galley_doc *doc, const char *s, unsigned line)
{
	galley_block *b = para(doc, s, line);
	b->type = GALLEY_HEADING;
	b->level = 2;
	return b;
}

typedef struct sink { char *buf; size_t len, cap; } sink;

static int sink_write(void *ctx, const char *bytes, size_t len)
{
	sink *s = ctx;
	if (s->len + len + 1 > s->cap) {
		s->cap = (s->len + len + 1) * 2;
		s->buf = realloc(s->buf, s->cap);
	}
	memcpy(s->buf + s->len, bytes, len);
	s->len += len;
	s->buf[s->len] = '\0';
	return 0;
}

static void test_build_and_finish(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_doc *doc = galley_doc_new();
	galley_article *a, *b;
	galley_block *quote, *list, *item;
	galley_pos pos = {"mem.md", 5, 1};
	sink out = {0};

	a = galley_doc_add_article(doc, NULL, "first.md");
	a->meta.title = "Hello, World";
	galley_date_parse("2022-01-12", &a->meta.date);
	a->blocks = heading(doc, "Intro", 1);
	a->blocks->next = para(doc, "one two three", 2);
	quote = galley_doc_new_block(doc, GALLEY_QUOTE, pos);
	quote->children = para(doc, "quoted words here", 5);
	a->blocks->next->next = quote;
	quote->next = heading(doc, "Intro", 7);
	list = galley_doc_new_block(doc, GALLEY_LIST, pos);
	item = galley_doc_new_block(doc, GALLEY_ITEM, pos);
	item->children = para(doc, "item", 8);
	list->children = item;
	quote->next->next = list;

	b = galley_doc_add_article(doc, NULL, "second.md");
	b->meta.title = "Hello, World";
	galley_date_parse("2022-01-12", &b->meta.date);
	b->blocks = para(doc, "x", 1);

	T_EQ_INT(galley_doc_finish(doc, &err), 0, "finish succeeds");
	T_EQ_INT(galley_doc_check(doc, &err), 0, "check passes on a well-formed document");
	T_EQ_INT(galley_doc_narticles(doc), 2, "two articles in reading order");
	T_EQ_STR(a->id, "hello-world-2022-01-12", "article id is slug of title and date");
	T_EQ_STR(b->id, "hello-world-2022-01-12-2", "colliding article id gets -2");
	T_EQ_STR(a->blocks->id, "intro", "heading id is its slug");
	T_EQ_STR(quote->next->id, "intro-2", "second heading with the same text gets -2");
	T_EQ_INT(a->nblocks, 8, "preorder block count includes containers");
	T_EQ_INT(list->ordinal, 5, "ordinals are preorder");
	T_EQ_INT(a->words, 9, "word count");
	T_EQ_INT(a->minutes, 1, "reading time at least one minute");
	T_EQ_STR(galley_doc_display_title(doc), "Hello, World", "several articles without publication title: the first one's");

	T_EQ_INT(galley_doc_dump_json(doc, sink_write, &out, &err), 0, "dump succeeds");
	T_CHECK(out.buf && strstr(out.buf, "\"id\":\"hello-world-2022-01-12\""), "dump has the article id");
	T_CHECK(out.buf && strstr(out.buf, "\"type\":\"quote\""), "dump has the quote");
	free(out.buf);

	galley_doc_remove_article(doc, b);
	T_CHECK(galley_doc_check(doc, &err) < 0, "check notices a change without finish");
	galley_error_clear(&err);
	galley_doc_finish(doc, &err);
	T_EQ_INT(galley_doc_narticles(doc), 1, "removed article is gone");
	T_EQ_STR(galley_doc_display_title(doc), "Hello, World", "single article title is the display title");
	galley_doc_free(doc);
}

static void test_check_catches(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_doc *doc = galley_doc_new();
	galley_article *a = galley_doc_add_article(doc, NULL, "bad.md");
	galley_pos pos = {"bad.md", 1, 1};
	a->blocks = galley_doc_new_block(doc, GALLEY_FIGURE, pos);
	galley_doc_finish(doc, &err);
	T_CHECK(galley_doc_check(doc, &err) == GALLEY_EINTERNAL, "figure without image is caught");
	T_CHECK(strstr(err.message, "figure") != NULL, "message names the violation");
	galley_doc_free(doc);
}

static void test_slug(void)
{
	char buf[80];
	galley_slugify("Ça va? Don’t Panic!", strlen("Ça va? Don’t Panic!"), buf, sizeof buf);
	T_EQ_STR(buf, "ca-va-dont-panic", "slug folds accents and drops apostrophes");
	galley_slugify("2022 in review", 14, buf, sizeof buf);
	T_EQ_STR(buf, "n2022-in-review", "slug never starts with a digit");
	galley_slugify("???", 3, buf, sizeof buf);
	T_EQ_STR(buf, "x", "empty slug is x");
}

static void test_dates(void)
{
	galley_date d;
	char buf[32];
	T_EQ_INT(galley_date_parse("2022-01-12", &d), 0, "date only");
	T_EQ_INT(d.has_time, 0, "date only has no time");
	T_EQ_INT(galley_date_parse("2022-01-12T21:26:00+02:00", &d), 0, "date-time with zone");
	T_EQ_STR(galley_date_iso(&d, true, buf), "2022-01-12T19:26:00Z", "converted to UTC");
	T_EQ_INT(galley_date_parse("2022-01-12 21:26", &d), 0, "space separator, no seconds");
	T_EQ_INT(galley_date_parse("2019-04-25 9:05:00", &d), 0, "Jekyll: one digit of hour after a space");
	T_CHECK(d.hour == 9 && d.minute == 5 && d.has_time && !d.has_zone, "Jekyll: 9:05");
	T_EQ_INT(galley_date_parse("2019-04-25 9:05:00 +0100", &d), 0, "Jekyll: with a zone after a space");
	T_CHECK(d.has_zone && d.zone_minutes == 60, "Jekyll: zone +0100");
	T_EQ_INT(galley_date_parse("2019-04-25T9:05:00", &d), -1, "ISO 8601's T wants two digits of hour");
	T_EQ_INT(galley_date_parse("2023-02-29", &d), -1, "not a leap year");
	T_EQ_INT(galley_date_parse("2024-02-29", &d), 0, "leap year");
	T_EQ_INT(galley_date_parse("soon", &d), -1, "words are not dates");
	T_EQ_INT(galley_date_parse("2022-13-01", &d), -1, "month 13");
	galley_date_parse("2022-01-02", &d);
	T_EQ_STR(galley_date_human(&d, buf), "2 January 2022", "human date");
	{
		galley_doc *doc = galley_doc_new();
		galley_error err = GALLEY_ERROR_INIT;
		galley_date out;
		galley_doc_finish(doc, &err);
		setenv("SOURCE_DATE_EPOCH", "1641945600", 1);
		out = galley_doc_output_date(doc);
		T_EQ_STR(galley_date_iso(&out, true, buf), "2022-01-12T00:00:00Z", "SOURCE_DATE_EPOCH used");
		unsetenv("SOURCE_DATE_EPOCH");
		out = galley_doc_output_date(doc);
		T_EQ_INT(out.year, 0, "no date and no SOURCE_DATE_EPOCH: none, never the clock");
		galley_doc_free(doc);
	}
}

static void test_files(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	char dir[] = "/tmp/galley-test-XXXXXX", path[256], *data = NULL;
	size_t len = 0;
	T_CHECK(mkdtemp(dir) != NULL, "temp dir");
	snprintf(path, sizeof path, "%s/out.bin", dir);
	T_EQ_INT(galley_file_write_atomic(path, "abc", 3, &err), 0, "atomic write");
	T_EQ_INT(galley_file_read(path, 100, &data, &len, &err), 0, "read back");
	T_CHECK(len == 3 && memcmp(data, "abc", 3) == 0, "same bytes");
	free(data);
	T_EQ_INT(galley_file_read(path, 2, &data, &len, &err), GALLEY_ELIMIT, "size limit enforced");
	galley_error_clear(&err);
	snprintf(path, sizeof path, "%s/missing/out.bin", dir);
	T_EQ_INT(galley_file_write_atomic(path, "abc", 3, &err), GALLEY_EIO, "missing folder fails");
	T_CHECK(strstr(err.file, "missing") != NULL, "error names the path");
	snprintf(path, sizeof path, "rm -rf %s", dir);
	T_EQ_INT(system(path), 0, "cleanup");
}

static void test_error_first_wins(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_pos pos = {"a.md", 3, 4};
	galley_error_set(&err, GALLEY_ESYNTAX, &pos, "first %d", 1);
	galley_error_set(&err, GALLEY_EIO, NULL, "second");
	T_EQ_INT(err.code, GALLEY_ESYNTAX, "first error code kept");
	T_EQ_STR(err.message, "first 1", "first message kept");
	T_EQ_INT(err.line, 3, "line kept");
}

/* Many articles with one title and date, each with many headings of one
 * text: every id is still unique (finish keeps its ids in hash sets, so
 * this is quick; it used to compare every id with every other). */
static void test_many_ids(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_doc *doc = galley_doc_new();
	const size_t narts = 1500, nheads = 40;
	size_t bad = 0;

	for (size_t i = 0; i < narts; i++) {
		galley_article *a = galley_doc_add_article(doc, NULL, "same.md");
		galley_block **tail = &a->blocks;
		a->meta.title = "The Same Title";
		galley_date_parse("2024-03-04", &a->meta.date);
		for (size_t k = 0; k < nheads; k++) {
			*tail = heading(doc, "Background", (unsigned)(k + 1));
			tail = &(*tail)->next;
		}
	}
	T_EQ_INT(galley_doc_finish(doc, &err), 0, "many ids: finish");
	T_EQ_INT(galley_doc_check(doc, &err), 0, "many ids: check (unique article ids)");
	T_EQ_STR(galley_doc_article(doc, 0)->id, "the-same-title-2024-03-04", "many ids: the first keeps the slug");
	T_EQ_STR(galley_doc_article(doc, narts - 1)->id, "the-same-title-2024-03-04-1500", "many ids: the last is numbered");
	for (size_t i = 0; i < narts; i++) {
		const galley_block *b = galley_doc_article(doc, i)->blocks;
		if (strcmp(b->id, "background") != 0 || strcmp(b->next->id, "background-2") != 0)
			bad++;
	}
	T_EQ_INT((int)bad, 0, "many ids: heading ids restart in each article");
	galley_doc_free(doc);
}

int main(void)
{
	test_build_and_finish();
	test_check_catches();
	test_slug();
	test_dates();
	test_files();
	test_error_first_wins();
	test_many_ids();
	return t_done();
}
