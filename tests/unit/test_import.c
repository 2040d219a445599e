/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_import.c: plain-text newsroom articles to Markdown
 * (galley_import_text).  Each fixture tests/data/import/NAME.txt has its
 * expected Markdown in NAME.md (golden file).  The Markdown is then read
 * back through galley's own reader (cmark, smart punctuation on): the
 * front matter must give the expected metadata, the body must be plain
 * paragraphs only, and its words must be exactly the words of the text
 * after the byline.  Date formats and failures are tested on small texts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "galley.h"
#include "galley/import.h"
#include "t.h"

#define DATA GALLEY_SRCDIR "/tests/data/import/"

typedef struct fixture {
	const char *name;
	const char *title, *date, *author, *publication;
	const char *first_word; /* first word of the body in the .txt */
} fixture;

static const fixture fixtures[] = {
	{"sample", "NATO Chief Warns of Real Crisis as Talks with Russia over Ukraine Reach Impasse",
	 "2022-01-12T21:26:00", "H-Tayea", NULL, "NAtO"},
	{"no-masthead", "Harbour Authority Approves Night Ferry Trial", "2022-01-12", "Jane Doe",
	 NULL, "The"},
	{"iso-masthead", "Council Publishes Its List of Repairs for the Coming Year",
	 "2022-01-12T21:26:00", "Tom Field", "THE HARBOUR GAZETTE", "The"},
	{"us-date-crlf", "Library Opens a Seed Bank", "2022-01-12", "John Roe and Mary Major",
	 "Riverside Daily News", "Gardeners"},
	{"posted", "Storm Closes Mountain Pass for Second Day", "2022-01-13T08:05:00Z", NULL, NULL,
	 "Snow"},
};

/* ---- words ------------------------------------------------------------------ */

typedef struct text { char *buf; size_t len, cap; } text;

static void add(text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->buf = realloc(t->buf, t->cap);
	}
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
}

/* Undoes smart punctuation so that source and rendering compare equal:
 * curly quotes to straight ones, dashes and ellipsis to their ASCII forms. */
static char *unsmart(const char *s)
{
	static const char *const map[][2] = {
		{"\xe2\x80\x9c", "\""}, {"\xe2\x80\x9d", "\""}, {"\xe2\x80\x98", "'"},
		{"\xe2\x80\x99", "'"}, {"\xe2\x80\x93", "--"}, {"\xe2\x80\x94", "---"},
		{"\xe2\x80\xa6", "..."},
	};
	text t = {0};
	add(&t, "", 0);
	while (*s) {
		size_t k, done = 0;
		for (k = 0; k < sizeof map / sizeof map[0] && !done; k++) {
			size_t n = strlen(map[k][0]);
			if (strncmp(s, map[k][0], n) == 0) {
				add(&t, map[k][1], strlen(map[k][1]));
				s += n;
				done = 1;
			}
		}
		if (!done) {
			add(&t, (*s == '\n' || *s == '\r' || *s == '\t') ? " " : s, 1);
			s++;
		}
	}
	return t.buf;
}

/* Number of whitespace-separated words in s. */
static size_t nwords(const char *s)
{
	size_t n = 0;
	int in = 0;
	for (; *s; s++) {
		int sp = *s == ' ';
		n += !sp && !in;
		in = !sp;
	}
	return n;
}

/* Pointer to the k-th word (from 0). */
static const char *word_at(const char *s, size_t k)
{
	size_t n = 0;
	int in = 0;
	for (; *s; s++) {
		int sp = *s == ' ';
		if (!sp && !in && n++ == k)
			return s;
		in = !sp;
	}
	return s;
}

/* Whether the words of a and b are the same, spacing aside. */
static int same_words(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		while (*a && *a != ' ' && *a == *b)
			a++, b++;
		if ((*a == ' ' || *a == '\0') != (*b == ' ' || *b == '\0'))
			return 0;
		if (*a != ' ' && *a != '\0')
			return 0;
	}
}

/* The text of the article's blocks; counts blocks that are not paragraphs. */
static void flatten(const galley_article *a, text *t, int *other)
{
	const galley_block *b;
	add(t, "", 0);
	for (b = a->blocks; b != NULL; b = b->next) {
		const galley_inline *in;
		if (b->type != GALLEY_PARAGRAPH) {
			(*other)++;
			continue;
		}
		for (in = b->inlines; in != NULL; in = in->next) {
			if (in->type == GALLEY_TEXT)
				add(t, in->text, in->len);
			else if (in->type == GALLEY_SOFTBREAK)
				add(t, " ", 1);
			else
				(*other)++;
		}
		add(t, " ", 1);
	}
}

/* ---- fixtures ------------------------------------------------------------------ */

static void test_fixture(const fixture *f)
{
	galley_error err = GALLEY_ERROR_INIT;
	char path[512], name[128], *src = NULL, *golden = NULL, *md = NULL;
	char *src_words = NULL, *body_words = NULL, date[32];
	size_t src_len, golden_len, md_len, k, total;
	galley_doc *doc = NULL;
	const galley_article *a;
	text body = {0};
	int other = 0, rc;

	snprintf(path, sizeof path, "%s%s.txt", DATA, f->name);
	rc = galley_file_read(path, 1 << 24, &src, &src_len, &err);
	snprintf(path, sizeof path, "%s%s.md", DATA, f->name);
	if (rc == 0)
		rc = galley_file_read(path, 1 << 24, &golden, &golden_len, &err);
	if (rc == 0)
		rc = galley_import_text(src, src_len, f->name, &md, &md_len, &err);
	snprintf(name, sizeof name, "%s: imports", f->name);
	T_EQ_INT(rc, 0, name);
	if (rc < 0) {
		printf("# %s:%u: %s\n", err.file, err.line, err.message);
		goto done;
	}
	snprintf(name, sizeof name, "%s: Markdown equals the golden file", f->name);
	T_EQ_STR(md, golden, name);
	T_CHECK(strlen(md) == md_len, "length is the string's");

	doc = galley_doc_new();
	rc = galley_read_buffer(doc, NULL, f->name, NULL, md, md_len, NULL, &err);
	snprintf(name, sizeof name, "%s: Markdown reads back", f->name);
	T_EQ_INT(rc, 0, name);
	if (rc < 0) {
		printf("# %s:%u: %s\n", err.file, err.line, err.message);
		goto done;
	}
	a = galley_doc_section(doc, 0)->articles[0];
	snprintf(name, sizeof name, "%s: title", f->name);
	T_EQ_STR(a->meta.title, f->title, name);
	snprintf(name, sizeof name, "%s: date", f->name);
	galley_date_iso(&a->meta.date, a->meta.date.has_time, date);
	if (a->meta.date.has_time && !a->meta.date.has_zone)
		date[strlen(date) - 1] = '\0'; /* galley_date_iso marks every time 'Z' */
	T_EQ_STR(date, f->date, name);
	snprintf(name, sizeof name, "%s: author", f->name);
	T_EQ_STR(a->meta.nauthors ? a->meta.authors[0] : NULL, f->author, name);
	snprintf(name, sizeof name, "%s: publication", f->name);
	T_EQ_STR(a->meta.publication, f->publication, name);

	flatten(a, &body, &other);
	snprintf(name, sizeof name, "%s: body is plain paragraphs of text", f->name);
	T_EQ_INT(other, 0, name);
	body_words = unsmart(body.buf);
	src_words = unsmart(src);
	k = nwords(body_words);
	total = nwords(src_words);
	snprintf(name, sizeof name, "%s: every body word rendered as written", f->name);
	T_CHECK(k > 0 && k <= total && same_words(word_at(src_words, total - k), body_words), name);
	snprintf(name, sizeof name, "%s: the body starts where expected", f->name);
	T_CHECK(k <= total && strncmp(word_at(src_words, total - k), f->first_word,
	                              strlen(f->first_word)) == 0 &&
	        strncmp(body_words + strspn(body_words, " "), f->first_word,
	                strlen(f->first_word)) == 0, name);
done:
	free(src);
	free(golden);
	free(md);
	free(src_words);
	free(body_words);
	free(body.buf);
	galley_doc_free(doc);
}

static void test_fixture_errors(void)
{
	static const struct {
		const char *name;
		unsigned line;
		const char *needle;
	} cases[] = {
		{"no-date", 1, "no date line in lines 1-8"},
		{"no-headline", 4, "no headline before the date line"},
	};
	size_t i;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		galley_error err = GALLEY_ERROR_INIT;
		char path[512], name[128], *src = NULL, *md = NULL;
		size_t len, md_len;
		int rc;
		snprintf(path, sizeof path, "%s%s.txt", DATA, cases[i].name);
		rc = galley_file_read(path, 1 << 24, &src, &len, &err);
		if (rc == 0)
			rc = galley_import_text(src, len, path, &md, &md_len, &err);
		snprintf(name, sizeof name, "%s: GALLEY_ESYNTAX", cases[i].name);
		T_EQ_INT(rc, GALLEY_ESYNTAX, name);
		snprintf(name, sizeof name, "%s: at the line examined", cases[i].name);
		T_EQ_INT(err.line, cases[i].line, name);
		snprintf(name, sizeof name, "%s: message", cases[i].name);
		T_CHECK(strstr(err.message, cases[i].needle) != NULL, name);
		snprintf(name, sizeof name, "%s: names the file", cases[i].name);
		T_CHECK(strstr(err.file, cases[i].name) != NULL && md == NULL, name);
		free(src);
		free(md);
	}
}

/* ---- date lines and small texts ---------------------------------------------------- */

/* Imports "Headline\n\nDATE\nBy A. Writer\n\nBody words.\n" and returns the
 * date line of the front matter ("" on failure). */
static const char *date_of(const char *date_line)
{
	static char out[64];
	galley_error err = GALLEY_ERROR_INIT;
	char src[256], *md = NULL, *p;
	size_t len;
	snprintf(src, sizeof src, "Headline Here\n\n%s\nBy A Writer\n\nBody words.\n", date_line);
	out[0] = '\0';
	if (galley_import_text(src, strlen(src), "t", &md, &len, &err) == 0 &&
	    (p = strstr(md, "\ndate: ")) != NULL) {
		p += 7;
		snprintf(out, sizeof out, "%.*s", (int)strcspn(p, "\n"), p);
	}
	free(md);
	return out;
}

static void test_dates(void)
{
	T_EQ_STR(date_of("Wed 12 Jan 2022 | 09:26 PM"), "2022-01-12T21:26:00", "date: sample form");
	T_EQ_STR(date_of("12 January 2022"), "2022-01-12", "date: day month year");
	T_EQ_STR(date_of("2022-01-12 21:26"), "2022-01-12T21:26:00", "date: ISO with time");
	T_EQ_STR(date_of("2022-01-12T21:26:05+02:00"), "2022-01-12T21:26:05+02:00",
	         "date: ISO with T and zone");
	T_EQ_STR(date_of("January 12, 2022"), "2022-01-12", "date: month day, year");
	T_EQ_STR(date_of("Wednesday, January 12th, 2022 at 9:26 p.m."), "2022-01-12T21:26:00",
	         "date: weekday, ordinal, at, p.m.");
	T_EQ_STR(date_of("Updated: 12 Jan 2022 12:05 AM"), "2022-01-12T00:05:00",
	         "date: label, midnight");
	T_EQ_STR(date_of("Sept. 3, 2021 \xe2\x80\x94 18:00 GMT+1"), "2021-09-03T18:00:00+01:00",
	         "date: em dash and GMT offset");
	T_EQ_STR(date_of("12 Jan 2022 |"), "2022-01-12", "date: trailing separator");
	T_EQ_STR(date_of("29 Feb 2024"), "2024-02-29", "date: leap day");
	T_EQ_STR(date_of("29 Feb 2023"), "", "date: no such day");
	T_EQ_STR(date_of("12/01/2022"), "", "date: ambiguous numeric form refused");
	T_EQ_STR(date_of("12 Jan 2022 | 13:61"), "", "date: bad time refused");
	T_EQ_STR(date_of("On 12 January 2022 the council met."), "", "date: a sentence is not a date line");
}

static void test_small(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	char *md = NULL;
	size_t len;
	const char *src = "\xef\xbb\xbf" "A \"Quoted\" \\ Headline\n"
	                  "By Ann \"The Pen\" Lee\n"
	                  "12 January 2022\n"
	                  "First line of a paragraph\n"
	                  "that goes on.\n";
	int rc = galley_import_text(src, strlen(src), "small", &md, &len, &err);
	T_EQ_INT(rc, 0, "small: imports");
	T_EQ_STR(md,
	         "---\n"
	         "title: \"A \\\"Quoted\\\" \\\\ Headline\"\n"
	         "date: 2022-01-12\n"
	         "---\n"
	         "\n"
	         "First line of a paragraph\n"
	         "that goes on.\n",
	         "small: quoted title, a 'By' line with quotes is no byline, no byline after");
	free(md);

	md = NULL;
	src = "Headline\n\n12 January 2022\nJo Bloggs\n";
	rc = galley_import_text(src, strlen(src), "nobody", &md, &len, &err);
	T_EQ_INT(rc, GALLEY_ESYNTAX, "no body: an error");
	T_CHECK(strstr(err.message, "no body text after the byline (line 4)") != NULL,
	        "no body: message");
	free(md);

	galley_error_clear(&err);
	md = NULL;
	rc = galley_import_text("\n \n", 3, "empty", &md, &len, &err);
	T_EQ_INT(rc, GALLEY_ESYNTAX, "empty text: an error");
	T_CHECK(strstr(err.message, "the text is empty") != NULL, "empty text: message");
	free(md);

	galley_error_clear(&err);
	md = NULL;
	src = "Headline\n\n12 January 2022\n\nBad \xff byte\n";
	rc = galley_import_text(src, strlen(src), "bad", &md, &len, &err);
	T_EQ_INT(rc, GALLEY_ESYNTAX, "invalid UTF-8: an error");
	T_EQ_INT(err.line, 5, "invalid UTF-8: its line");
	free(md);
}

/* Issue 22: a short headline with a role word inside it ("Chief") is a
 * headline where headlines stand; masthead lines stay masthead lines; the
 * caller may name the headline's line; the error names the line it
 * classed as masthead. */
static void test_headline_roles(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_import_options opts;
	char *md = NULL;
	size_t len;
	const char *src = "Supervisor Elham Saleh\nEditor in Chief Omar Nabil\n\n"
	                  "Harbour Chief Warns of Winter Storms\n\n"
	                  "Wed 12 Jan 2022 | 09:26 PM\n\nThe harbour master spoke.\n";
	int rc = galley_import_text(src, strlen(src), "chief", &md, &len, &err);

	T_EQ_INT(rc, 0, "role inside a headline: imports");
	T_CHECK(md && strstr(md, "title: \"Harbour Chief Warns of Winter Storms\"\n") != NULL,
	        "role inside a headline: the headline");
	free(md);
	md = NULL;
	src = "HARBOUR NEWS\nJane Doe, Editor\n\n12 January 2022\n\nText.\n";
	rc = galley_import_text(src, strlen(src), "editor", &md, &len, &err);
	T_EQ_INT(rc, GALLEY_ESYNTAX, "a role last: still a masthead line");
	T_CHECK(strstr(err.message, "line 2 'Jane Doe, Editor' was classed as a masthead line naming a role") != NULL,
	        "the error names the line classed as masthead");
	free(md);
	md = NULL;
	galley_error_clear(&err);
	galley_import_options_init(&opts, GALLEY_IMPORT_OPTIONS_VERSION);
	opts.headline_line = 2;
	rc = galley_import_text_ext(src, strlen(src), "editor", &opts, &md, &len, &err);
	T_EQ_INT(rc, 0, "headline_line: imports");
	T_CHECK(md && strstr(md, "title: \"Jane Doe, Editor\"\n") != NULL, "headline_line: that line");
	free(md);
	md = NULL;
	opts.headline_line = 5;
	rc = galley_import_text_ext(src, strlen(src), "editor", &opts, &md, &len, &err);
	T_EQ_INT(rc, GALLEY_ESYNTAX, "headline_line below the date line: an error");
	free(md);
}

int main(void)
{
	size_t i;
	for (i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++)
		test_fixture(&fixtures[i]);
	test_fixture_errors();
	test_dates();
	test_small();
	test_headline_roles();
	return t_done();
}
