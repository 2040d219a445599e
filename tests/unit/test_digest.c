/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_digest.c: digest manifests (galley/digest.h): a good manifest and
 * every value it sets, reading it into a document with selection, and the
 * diagnostics for bad manifests (positions are LINE:COL from 1).  The
 * manifests live in tests/data/digest/.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "galley.h"
#include "t.h"

#define DATA GALLEY_SRCDIR "/tests/data/digest/"

static bool near(double a, double b)
{
	return fabs(a - b) < 0.01;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t ls = s ? strlen(s) : 0, lt = strlen(tail);
	return s != NULL && ls >= lt && strcmp(s + ls - lt, tail) == 0;
}

/* The path of every section's files, relative to DATA, joined by spaces. */
static const char *paths(const galley_digest *d)
{
	static char buf[2048];
	size_t i, j;
	buf[0] = '\0';
	for (i = 0; i < galley_digest_nsections(d); i++) {
		const galley_digest_section *s = galley_digest_section_at(d, i);
		strcat(buf, i ? " | " : "");
		for (j = 0; j < s->npaths; j++) {
			strcat(buf, j ? " " : "");
			strcat(buf, s->paths[j] + strlen(DATA));
		}
	}
	return buf;
}

/* Loads `name`, expecting failure; returns the error. */
static galley_error load_fail(const char *name)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_digest *d = (galley_digest *)&err; /* must be reset to NULL */
	char path[512];
	snprintf(path, sizeof path, "%s%s", DATA, name);
	if (galley_digest_load(&d, path, &err) == 0)
		galley_digest_free(d);
	T_CHECK(d == NULL, "failed load leaves *out NULL");
	return err;
}

static void test_good(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_digest *d = NULL;
	const galley_meta *m;
	const galley_select_options *sel;
	const galley_layout_options *lay;
	const galley_epub_options *ep;
	char buf[32];
	int rc = galley_digest_load(&d, DATA "good.yaml", &err);
	T_EQ_INT(rc, 0, "good: loads");
	if (rc < 0) {
		printf("# %s:%u:%u: %s\n", err.file, err.line, err.column, err.message);
		return;
	}
	m = galley_digest_meta(d);
	T_EQ_STR(m->title, "The Weekly Brief", "good: title");
	T_EQ_STR(m->subtitle, "Europe and technology", "good: subtitle");
	T_EQ_STR(m->issue, "No. 2", "good: issue");
	T_EQ_STR(m->editor, "Ada Editor", "good: editor");
	T_EQ_STR(m->publisher, "Galley Press", "good: publisher");
	T_EQ_STR(m->lang, "en-GB", "good: lang");
	T_EQ_STR(m->description, "A week of news.", "good: description");
	T_EQ_STR(galley_date_iso(&m->date, false, buf), "2022-01-16", "good: date");
	sel = galley_digest_select(d);
	T_EQ_STR(galley_date_iso(&sel->since, false, buf), "2022-01-10", "good: since");
	T_EQ_STR(galley_date_iso(&sel->until, false, buf), "2022-01-16", "good: until");
	T_EQ_STR(galley_date_iso(&m->since, false, buf), "2022-01-10", "good: meta since");
	T_EQ_INT(sel->sort, GALLEY_SORT_DATE, "good: sort");
	T_EQ_INT(sel->ntags, 2, "good: two tags");
	T_EQ_STR(sel->ntags == 2 ? sel->tags[1] : NULL, "tech", "good: tag");
	T_CHECK(sel->drop_duplicates, "good: duplicates dropped by default");

	T_EQ_INT(galley_digest_nsections(d), 2, "good: two sections");
	T_EQ_STR(galley_digest_section_at(d, 0)->title, "World", "good: section title");
	T_EQ_INT(galley_digest_section_at(d, 1)->pos.line, 19, "good: section position");
	T_EQ_STR(paths(d),
	         "articles/world/a-talks.md articles/world/b-summit.md articles/world/c-old.md "
	         "extra/2022-01-13-copy.md extra/2022-01-16-late.md | "
	         "articles/tech/chips.md articles/tech/apps.md",
	         "good: folders, globs and files resolved, sorted, each once");
	T_EQ_INT(galley_digest_ndiags(d), 1, "good: one warning (file named twice)");
	if (galley_digest_ndiags(d) > 0) {
		const galley_diag *g = galley_digest_diag(d, 0);
		T_CHECK(strstr(g->message, "b-summit.md is already in the digest") != NULL,
		        "good: the twice-named file is reported");
		T_EQ_INT(g->pos.line, 20, "good: ... at its line");
	}

	lay = galley_digest_layout(d);
	T_CHECK(near(lay->page_width, 419.53) && near(lay->page_height, 595.28), "good: paper a5");
	T_EQ_INT(lay->columns, 2, "good: columns");
	T_CHECK(near(lay->font_size, 11), "good: font size");
	T_CHECK(near(lay->margin_top, 56.69) && near(lay->margin_bottom, 70.87) &&
	        near(lay->margin_inner, 42.52) && near(lay->margin_outer, 72),
	        "good: margins");
	T_CHECK(lay->ragged && !lay->hyphenate && lay->continuous, "good: booleans");
	T_CHECK(ends_with(lay->font_dir, "/tests/data/digest/fonts/"), "good: fonts resolved");
	ep = galley_digest_epub(d);
	T_CHECK(ends_with(ep->css_path, "/tests/data/digest/style.css"), "good: css resolved");
	T_CHECK(ends_with(ep->cover_path, "/tests/data/digest/cover.jpg"), "good: cover resolved");
	T_CHECK(ep->embed_fonts && ep->page_list, "good: epub booleans");
	T_EQ_INT(ep->toc_depth, 1, "good: toc depth");
	T_CHECK(ends_with(galley_digest_output_pdf(d), "/tests/data/digest/out/weekly.pdf"),
	        "good: output pdf");
	T_CHECK(ends_with(galley_digest_output_epub(d), "/tests/data/digest/out/weekly.epub"),
	        "good: output epub");
	galley_digest_free(d);
}

static void test_read(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_digest *d = NULL;
	galley_doc *doc = galley_doc_new();
	char order[1024] = "";
	size_t i, dups = 0, skipped = 0;
	int rc = galley_digest_load(&d, DATA "good.yaml", &err);
	if (rc == 0)
		rc = galley_digest_read(doc, d, NULL, &err);
	T_EQ_INT(rc, 0, "read: succeeds");
	if (rc < 0)
		printf("# %s:%u:%u: %s\n", err.file, err.line, err.column, err.message);
	for (i = 0; i < galley_doc_narticles(doc); i++) {
		const char *p = galley_doc_article(doc, i)->path;
		strcat(order, i ? " " : "");
		strcat(order, strrchr(p, '/') + 1);
	}
	T_EQ_STR(order, "a-talks.md b-summit.md 2022-01-16-late.md chips.md apps.md",
	         "read: window, tags, duplicates, date order per section");
	T_EQ_STR(galley_doc_meta(doc)->title, "The Weekly Brief", "read: publication title");
	T_EQ_STR(galley_doc_section(doc, 1)->title, "Tech", "read: section title");
	for (i = 0; i < galley_doc_ndiags(doc); i++) {
		const galley_diag *g = galley_doc_diag(doc, i);
		dups += strstr(g->message, "duplicate of") != NULL;
		skipped += g->severity == GALLEY_NOTE && strstr(g->message, "skipped") != NULL;
	}
	T_EQ_INT(dups, 1, "read: copy dropped as a duplicate");
	T_EQ_INT(skipped, 1, "read: old article skipped with a note");
	T_EQ_INT(galley_doc_check(doc, &err), 0, "read: invariants hold");
	galley_doc_free(doc);
	galley_digest_free(d);

	galley_error_clear(&err);
	d = NULL;
	doc = galley_doc_new();
	rc = galley_digest_load(&d, DATA "empty-selection.yaml", &err);
	if (rc == 0)
		rc = galley_digest_read(doc, d, NULL, &err);
	T_EQ_INT(rc, GALLEY_EEMPTY, "empty selection: an error");
	T_EQ_STR(err.message, "no article matches: 5 read, 5 outside 2023-01-01..",
	         "empty selection: message");
	galley_doc_free(doc);
	galley_digest_free(d);
}

/* Drafts (draft: true, or Jekyll's published: false) are left out of a
 * digest with a note each. */
static void test_drafts(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_digest *d = NULL;
	galley_doc *doc = galley_doc_new();
	size_t notes = 0;
	int rc = galley_digest_load(&d, DATA "drafts.yaml", &err);

	if (rc == 0)
		rc = galley_digest_read(doc, d, NULL, &err);
	T_EQ_INT(rc, 0, "drafts: the digest reads");
	T_EQ_INT(galley_doc_narticles(doc), 1, "drafts: only the ready article is kept");
	T_EQ_STR(galley_doc_narticles(doc) ? galley_doc_article(doc, 0)->meta.title : NULL, "Ready",
	         "drafts: the ready one");
	for (size_t i = 0; i < galley_doc_ndiags(doc); i++)
		notes += galley_doc_diag(doc, i)->severity == GALLEY_NOTE &&
		         strstr(galley_doc_diag(doc, i)->message, "draft") != NULL;
	T_EQ_INT(notes, 2, "drafts: a note for each draft");
	T_EQ_INT(galley_doc_check(doc, &err), 0, "drafts: invariants hold");
	galley_doc_free(doc);
	galley_digest_free(d);
}

static void test_unknown_key(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_digest *d = NULL;
	int rc = galley_digest_load(&d, DATA "unknown-key.yaml", &err);
	T_EQ_INT(rc, 0, "unknown key: loads");
	if (rc < 0)
		return;
	T_EQ_INT(galley_digest_ndiags(d), 2, "unknown key: two warnings");
	if (galley_digest_ndiags(d) == 2) {
		const galley_diag *a = galley_digest_diag(d, 0), *b = galley_digest_diag(d, 1);
		T_EQ_STR(a->message, "unknown key 'colour' (ignored)", "unknown key: message");
		T_EQ_INT(a->severity, GALLEY_WARNING, "unknown key: a warning");
		T_EQ_INT(a->pos.line, 2, "unknown key: line");
		T_EQ_INT(a->pos.column, 1, "unknown key: column");
		T_EQ_STR(b->message, "unknown key 'gutter' in pdf (ignored)", "unknown nested key");
		T_EQ_INT(b->pos.line, 6, "unknown nested key: line");
		T_EQ_INT(b->pos.column, 3, "unknown nested key: column");
	}
	galley_digest_free(d);
}

static void test_errors(void)
{
	galley_error e;

	e = load_fail("wrong-type.yaml");
	T_EQ_INT(e.code, GALLEY_ETYPE, "wrong type: ETYPE");
	T_EQ_INT(e.line, 5, "wrong type: line");
	T_EQ_INT(e.column, 11, "wrong type: column");
	T_EQ_STR(e.message, "pdf.ragged must be true or false, not a list", "wrong type: message");
	T_CHECK(ends_with(e.file, "wrong-type.yaml"), "wrong type: file");

	e = load_fail("bad-number.yaml");
	T_EQ_INT(e.code, GALLEY_ETYPE, "bad number: ETYPE");
	T_EQ_INT(e.line, 4, "bad number: line");
	T_EQ_STR(e.message, "pdf.columns must be a whole number from 1 to 2, not 'three'",
	         "bad number: message");

	e = load_fail("duplicate-key.yaml");
	T_EQ_INT(e.code, GALLEY_ESYNTAX, "duplicate key: ESYNTAX");
	T_EQ_INT(e.line, 3, "duplicate key: line");
	T_EQ_INT(e.column, 1, "duplicate key: column");
	T_EQ_STR(e.message, "duplicate key 'title' (first at line 1)", "duplicate key: message");

	e = load_fail("bad-syntax.yaml");
	T_EQ_INT(e.code, GALLEY_ESYNTAX, "bad syntax: ESYNTAX");
	T_EQ_INT(e.line, 4, "bad syntax: line");
	T_CHECK(e.column > 0, "bad syntax: column");
	T_CHECK(strncmp(e.message, "YAML syntax error: ", 19) == 0, "bad syntax: message");

	e = load_fail("both.yaml");
	T_EQ_INT(e.code, GALLEY_ESYNTAX, "both lists: error");
	T_EQ_INT(e.line, 3, "both lists: line");

	e = load_fail("none.yaml");
	T_EQ_INT(e.code, GALLEY_ESYNTAX, "no articles: error");
	T_CHECK(strstr(e.message, "names no article") != NULL, "no articles: message");

	e = load_fail("missing.yaml");
	T_EQ_INT(e.code, GALLEY_EIO, "missing file: EIO");
	T_EQ_INT(e.line, 4, "missing file: line");
	T_EQ_INT(e.column, 5, "missing file: column");
	T_CHECK(strstr(e.message, "gone.md") != NULL, "missing file: named");

	e = load_fail("bad-placeholder.yaml");
	T_EQ_INT(e.code, GALLEY_ESYNTAX, "unknown placeholder: error");
	T_EQ_INT(e.line, 4, "unknown placeholder: line");
	T_CHECK(strstr(e.message, "{day}") != NULL, "unknown placeholder: named");

	e = load_fail("reversed.yaml");
	T_EQ_INT(e.code, GALLEY_ESYNTAX, "reversed window: error");
	T_EQ_INT(e.line, 3, "reversed window: at since");
	T_CHECK(strstr(e.message, "since 2022-01-16 is after until 2022-01-10") != NULL,
	        "reversed window: message");

	e = load_fail("does-not-exist.yaml");
	T_EQ_INT(e.code, GALLEY_EIO, "no manifest: EIO");
}

static void test_span(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_digest *d = NULL;
	char a[32], b[32];
	int rc = galley_digest_load(&d, DATA "span.yaml", &err);
	T_EQ_INT(rc, 0, "span 7d: loads");
	if (rc == 0) {
		/* 2022-03-01 minus 6 days crosses February */
		T_EQ_STR(galley_date_iso(&galley_digest_select(d)->since, false, a), "2022-02-23",
		         "span 7d: since = date - 6 days");
		T_EQ_STR(galley_date_iso(&galley_digest_select(d)->until, false, b), "2022-03-01",
		         "span 7d: until = date");
		galley_digest_free(d);
	}
	d = NULL;
	rc = galley_digest_load(&d, DATA "span-weeks.yaml", &err);
	T_EQ_INT(rc, 0, "span 2w: loads");
	if (rc == 0) {
		T_EQ_STR(galley_date_iso(&galley_digest_select(d)->since, false, a), "2022-01-03",
		         "span 2w: counted back from until");
		galley_digest_free(d);
	}
}

/* Reads `name` with a run that keeps going or not; the number of
 * GALLEY_ERROR diagnostics and of articles left out. */
static int read_broken(const char *name, bool keep_going, size_t *errors, size_t *skipped,
                       size_t *articles, galley_error *err)
{
	galley_digest *d = NULL;
	galley_doc *doc = galley_doc_new();
	galley_digest_run run = GALLEY_DIGEST_RUN_INIT;
	char path[512];
	int rc;

	*errors = *skipped = *articles = 0;
	snprintf(path, sizeof path, "%s%s", DATA, name);
	run.keep_going = keep_going;
	rc = galley_digest_load(&d, path, err);
	if (rc == 0)
		rc = galley_digest_resolve(d, &run, err);
	if (rc == 0)
		rc = galley_digest_read_all(doc, skipped, d, NULL, NULL, err);
	for (size_t i = 0; i < galley_doc_ndiags(doc); i++)
		*errors += galley_doc_diag(doc, i)->severity == GALLEY_ERROR;
	*articles = galley_doc_narticles(doc);
	galley_doc_free(doc);
	galley_digest_free(d);
	return rc;
}

/* Issue 22, item 1: every article is read and every failure listed; left
 * out when keeping going.  Item 5: an empty article is one of them. */
static void test_keep_going(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	size_t errors, skipped, articles;
	int rc = read_broken("broken.yaml", false, &errors, &skipped, &articles, &err);

	T_CHECK(rc < 0, "broken articles: the read fails");
	T_EQ_INT(errors, 3, "broken articles: every failure is an error diagnostic (date, YAML, empty)");
	T_CHECK(strstr(err.message, "3 of the 5 articles") != NULL, "broken articles: the count");
	galley_error_clear(&err);
	rc = read_broken("broken.yaml", true, &errors, &skipped, &articles, &err);
	T_EQ_INT(rc, 0, "keep going: the rest is read");
	T_EQ_INT(errors, 0, "keep going: no error diagnostic");
	T_EQ_INT(skipped, 3, "keep going: three left out");
	T_EQ_INT(articles, 2, "keep going: two articles");
	galley_error_clear(&err);
	rc = read_broken("broken-skip.yaml", false, &errors, &skipped, &articles, &err);
	T_EQ_INT(rc, 0, "skip_invalid: true: the rest is read");
	T_EQ_INT(skipped, 3, "skip_invalid: true: three left out");
}

/* Issue 22, item 2: a window that means what it says. */
static void test_run(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_digest *d = NULL;
	galley_doc *doc;
	galley_digest_run run;
	char a[32], b[32];
	int rc;

	/* date: 2024-03-17, since: 7d; the run's --until moves the whole window */
	rc = galley_digest_load(&d, DATA "weekly.yaml", &err);
	T_EQ_INT(rc, 0, "weekly: loads");
	if (rc < 0)
		return;
	T_EQ_STR(galley_date_iso(&galley_digest_select(d)->since, false, a), "2024-03-11",
	         "weekly: the manifest's own week");
	T_EQ_STR(galley_digest_meta(d)->issue, "Week 11 of 2024", "weekly: issue placeholders");
	T_CHECK(ends_with(galley_digest_output_pdf(d), "/out/weekly-2024-03-17.pdf"), "weekly: {date} in a path");
	T_CHECK(ends_with(galley_digest_output_epub(d), "/out/week-11-of-2024.epub"), "weekly: {issue} in a path");
	galley_digest_run_init(&run, GALLEY_DIGEST_RUN_VERSION);
	galley_date_parse("2024-03-24", &run.until);
	rc = galley_digest_resolve(d, &run, &err);
	T_EQ_INT(rc, 0, "weekly --until: resolves");
	T_EQ_STR(galley_date_iso(&galley_digest_select(d)->since, false, a), "2024-03-18",
	         "weekly --until: since moves with until (7 days, not 14)");
	T_EQ_STR(galley_date_iso(&galley_digest_meta(d)->date, false, b), "2024-03-24",
	         "weekly --until: the issue's date follows");
	T_EQ_STR(galley_digest_meta(d)->issue, "Week 12 of 2024", "weekly --until: the issue follows");
	T_CHECK(ends_with(galley_digest_output_pdf(d), "/out/weekly-2024-03-24.pdf"), "weekly --until: its own file");
	galley_digest_run_init(&run, GALLEY_DIGEST_RUN_VERSION);
	galley_date_parse("2024-03-31", &run.date);
	rc = galley_digest_resolve(d, &run, &err);
	T_EQ_STR(galley_date_iso(&galley_digest_select(d)->since, false, a), "2024-03-25",
	         "weekly --date: the window moves");
	T_EQ_STR(galley_date_iso(&galley_digest_select(d)->until, false, b), "2024-03-31",
	         "weekly --date: ends on the date");
	galley_digest_free(d);

	/* since: 7d, until: 1d, no date: pending until a run gives a day */
	d = NULL;
	rc = galley_digest_load(&d, DATA "relative.yaml", &err);
	T_EQ_INT(rc, 0, "relative: loads without a date");
	if (rc < 0)
		return;
	T_CHECK(galley_digest_output_pdf(d) == NULL, "relative: no output before the run");
	doc = galley_doc_new();
	rc = galley_digest_read(doc, d, NULL, &err);
	T_EQ_INT(rc, GALLEY_EUSAGE, "relative: reading without a day is refused");
	galley_doc_free(doc);
	galley_error_clear(&err);
	galley_digest_run_init(&run, GALLEY_DIGEST_RUN_VERSION);
	galley_date_parse("2024-03-18", &run.today);
	rc = galley_digest_resolve(d, &run, &err);
	T_EQ_INT(rc, 0, "relative + today: resolves");
	T_EQ_STR(galley_date_iso(&galley_digest_select(d)->since, false, a), "2024-03-11",
	         "relative + today: since 7 days before yesterday");
	T_EQ_STR(galley_date_iso(&galley_digest_select(d)->until, false, b), "2024-03-17",
	         "relative + today: until 1d = yesterday");
	T_CHECK(ends_with(galley_digest_output_pdf(d), "/out/w-2024-03-11-2024-03-17.pdf"),
	        "relative + today: {since} and {until}");
	galley_digest_run_init(&run, GALLEY_DIGEST_RUN_VERSION);
	galley_date_parse("2024-03-25", &run.date);
	galley_date_parse("2024-04-01", &run.today);
	rc = galley_digest_resolve(d, &run, &err);
	T_EQ_STR(galley_date_iso(&galley_digest_select(d)->until, false, b), "2024-03-24",
	         "relative + --date: the run's date before today");
	galley_digest_run_init(&run, GALLEY_DIGEST_RUN_VERSION);
	galley_date_parse("2024-03-20", &run.since);
	galley_date_parse("2024-03-10", &run.until);
	rc = galley_digest_resolve(d, &run, &err);
	T_EQ_INT(rc, GALLEY_EUSAGE, "reversed run window: a usage error");
	galley_digest_free(d);
}

/* Issue 22, item 4: a digest of several articles without a title takes
 * its first section's, with a warning, never its first article's. */
static void test_untitled(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_digest *d = NULL;
	galley_doc *doc = galley_doc_new();
	size_t warned = 0;
	int rc = galley_digest_load(&d, DATA "untitled.yaml", &err);

	if (rc == 0)
		rc = galley_digest_read(doc, d, NULL, &err);
	T_EQ_INT(rc, 0, "untitled: reads");
	T_EQ_STR(galley_doc_meta(doc)->title, "Harbour", "untitled: the first section's title");
	for (size_t i = 0; i < galley_doc_ndiags(doc); i++)
		warned += strstr(galley_doc_diag(doc, i)->message, "without 'title:'") != NULL;
	T_EQ_INT(warned, 1, "untitled: a warning");
	galley_doc_free(doc);
	galley_digest_free(d);
}

static void test_glob(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_digest *d = NULL;
	int rc = galley_digest_load(&d, DATA "glob.yaml", &err);
	T_EQ_INT(rc, 0, "glob: loads");
	if (rc < 0)
		return;
	T_EQ_INT(galley_digest_nsections(d), 1, "glob: one untitled section");
	T_EQ_STR(galley_digest_section_at(d, 0)->title, NULL, "glob: untitled");
	T_EQ_STR(paths(d),
	         "extra/2022-01-13-copy.md extra/2022-01-16-late.md extra/notes.txt "
	         "articles/world/a-talks.md",
	         "glob: matches sorted, a file named again read once");
	T_EQ_INT(galley_digest_ndiags(d), 2, "glob: two warnings");
	if (galley_digest_ndiags(d) == 2) {
		T_EQ_STR(galley_digest_diag(d, 0)->message, "nothing-*.md matches no file",
		         "glob: empty match warned");
		T_EQ_INT(galley_digest_diag(d, 0)->pos.line, 5, "glob: warning line");
	}
	galley_digest_free(d);
}

static void test_tags_string(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_digest *d = NULL;
	const galley_select_options *sel;
	int rc = galley_digest_load(&d, DATA "tags-string.yaml", &err);
	T_EQ_INT(rc, 0, "tags string: loads");
	if (rc < 0)
		return;
	sel = galley_digest_select(d);
	T_EQ_INT(sel->ntags, 2, "tags string: split at commas, empty parts dropped");
	T_EQ_STR(sel->ntags == 2 ? sel->tags[1] : NULL, "tech", "tags string: trimmed");
	T_CHECK(!sel->drop_duplicates, "duplicates: keep");
	T_EQ_INT(sel->sort, GALLEY_SORT_TITLE, "sort: title");
	T_EQ_STR(paths(d), "articles/tech/chips.md", "articles: one path as a string");
	galley_digest_free(d);
}

int main(void)
{
	test_good();
	test_read();
	test_drafts();
	test_unknown_key();
	test_errors();
	test_span();
	test_glob();
	test_tags_string();
	test_keep_going();
	test_run();
	test_untitled();
	return t_done();
}
