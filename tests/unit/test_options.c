/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_options.c: the option structs grow the libgit2 way (galley.h).
 *
 * Each galley_<x>_options_init fills the same defaults as its
 * GALLEY_<X>_OPTIONS_INIT macro and the values the headers document, and
 * refuses a version it does not know without touching the struct.  Every
 * function that takes options refuses a struct of version 0 (never
 * initialised) or of a version newer than the library with GALLEY_EUSAGE
 * and a message naming the struct, before it does any work.  And
 * galley_layout_options_check holds the layout's limits, alone and
 * together, at their edges.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "galley.h"
#include "t.h"

#define ARTICLE "# A heading\n\nA paragraph of text, long enough to make a line or two.\n"

/* A struct full of 0xA5: a refused init must leave it so. */
static bool untouched(const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != 0xA5)
			return false;
	return true;
}

/* The refused versions of every init: 0, and one past the headers'. */
#define CHECK_INIT_REFUSES(type, init, version, what) do { \
	type o_; \
	memset(&o_, 0xA5, sizeof o_); \
	T_EQ_INT(init(&o_, 0), GALLEY_EUSAGE, what ": version 0 refused"); \
	T_EQ_INT(init(&o_, (version) + 1), GALLEY_EUSAGE, what ": a newer version refused"); \
	T_CHECK(untouched(&o_, sizeof o_), what ": a refused init leaves the struct alone"); \
	T_EQ_INT(init(NULL, (version)), GALLEY_EUSAGE, what ": NULL refused"); \
} while (0)

static void test_init(void)
{
	galley_read_options r, rm = GALLEY_READ_OPTIONS_INIT;
	galley_layout_options l, lm = GALLEY_LAYOUT_OPTIONS_INIT;
	galley_pdf_options p, pm = GALLEY_PDF_OPTIONS_INIT;
	galley_epub_options e, em = GALLEY_EPUB_OPTIONS_INIT;
	galley_select_options s, sm = GALLEY_SELECT_OPTIONS_INIT;

	T_EQ_INT(galley_read_options_init(&r, GALLEY_READ_OPTIONS_VERSION), 0, "read: init");
	T_CHECK(r.version == GALLEY_READ_OPTIONS_VERSION && rm.version == r.version && r.smart &&
	        rm.smart && !r.keep_raw_html && !rm.keep_raw_html && !r.allow_outside_assets &&
	        !rm.allow_outside_assets && r.jobs == 0 && rm.jobs == 0 && !r.ahead && !rm.ahead,
	        "read: init and the macro give the documented defaults");
	CHECK_INIT_REFUSES(galley_read_options, galley_read_options_init, GALLEY_READ_OPTIONS_VERSION, "read");

	T_EQ_INT(galley_layout_options_init(&l, GALLEY_LAYOUT_OPTIONS_VERSION), 0, "layout: init");
	T_CHECK(l.version == GALLEY_LAYOUT_OPTIONS_VERSION && lm.version == l.version &&
	        l.page_width == 595.276 && lm.page_width == 595.276 &&
	        l.page_height == 841.890 && lm.page_height == 841.890 &&
	        l.margin_top == 62 && l.margin_bottom == 62 && l.margin_inner == 62 && l.margin_outer == 62 &&
	        lm.margin_top == 62 && lm.margin_bottom == 62 && lm.margin_inner == 62 && lm.margin_outer == 62 &&
	        l.font_size == 10.5 && lm.font_size == 10.5 && l.leading == 0 && lm.leading == 0 &&
	        l.columns == 1 && lm.columns == 1 && l.column_gap == 18 && lm.column_gap == 18 &&
	        !l.ragged && !lm.ragged && l.hyphenate && lm.hyphenate && !l.font_dir && !lm.font_dir &&
	        !l.body_family && !lm.body_family && !l.continuous && !lm.continuous &&
	        l.jobs == 0 && lm.jobs == 0 && !l.progress && !lm.progress &&
	        !l.progress_ctx && !lm.progress_ctx,
	        "layout: init and the macro give the documented defaults");
	CHECK_INIT_REFUSES(galley_layout_options, galley_layout_options_init, GALLEY_LAYOUT_OPTIONS_VERSION,
	                   "layout");

	T_EQ_INT(galley_pdf_options_init(&p, GALLEY_PDF_OPTIONS_VERSION), 0, "pdf: init");
	T_CHECK(p.version == GALLEY_PDF_OPTIONS_VERSION && pm.version == p.version && p.compress &&
	        pm.compress && p.jobs == 0 && pm.jobs == 0,
	        "pdf: init and the macro give the documented defaults");
	CHECK_INIT_REFUSES(galley_pdf_options, galley_pdf_options_init, GALLEY_PDF_OPTIONS_VERSION, "pdf");

	T_EQ_INT(galley_epub_options_init(&e, GALLEY_EPUB_OPTIONS_VERSION), 0, "epub: init");
	T_CHECK(e.version == GALLEY_EPUB_OPTIONS_VERSION && em.version == e.version && !e.css_path &&
	        !em.css_path && !e.embed_fonts && !em.embed_fonts && !e.font_dir && !em.font_dir &&
	        !e.cover_path && !em.cover_path && e.toc_depth == 2 && em.toc_depth == 2 &&
	        !e.page_list && !em.page_list && !e.progress && !em.progress &&
	        !e.progress_ctx && !em.progress_ctx,
	        "epub: init and the macro give the documented defaults");
	CHECK_INIT_REFUSES(galley_epub_options, galley_epub_options_init, GALLEY_EPUB_OPTIONS_VERSION, "epub");

	T_EQ_INT(galley_select_options_init(&s, GALLEY_SELECT_OPTIONS_VERSION), 0, "select: init");
	T_CHECK(s.version == GALLEY_SELECT_OPTIONS_VERSION && sm.version == s.version &&
	        s.since.year == 0 && sm.since.year == 0 && s.until.year == 0 && sm.until.year == 0 &&
	        !s.tags && !sm.tags && s.ntags == 0 && sm.ntags == 0 &&
	        s.sort == GALLEY_SORT_INPUT && sm.sort == GALLEY_SORT_INPUT &&
	        s.drop_duplicates && sm.drop_duplicates,
	        "select: init and the macro give the documented defaults");
	CHECK_INIT_REFUSES(galley_select_options, galley_select_options_init, GALLEY_SELECT_OPTIONS_VERSION,
	                   "select");
}

/* `rc` and `err` are a refusal of a struct named `type`. */
static void check_refused(int rc, const galley_error *err, const char *type, const char *what)
{
	char name[160];

	snprintf(name, sizeof name, "%s: GALLEY_EUSAGE", what);
	T_EQ_INT(rc, GALLEY_EUSAGE, name);
	snprintf(name, sizeof name, "%s: the message names %s", what, type);
	T_CHECK(strstr(err->message, type) != NULL, name);
}

static galley_doc *one_article(void)
{
	galley_doc *doc = galley_doc_new();
	galley_error err = GALLEY_ERROR_INIT;

	if (doc && (galley_read_buffer(doc, NULL, "one.md", NULL, ARTICLE, strlen(ARTICLE), NULL, &err) < 0 ||
	            galley_doc_finish(doc, &err) < 0)) {
		printf("# %s\n", err.message);
		galley_doc_free(doc);
		doc = NULL;
	}
	return doc;
}

static void test_refused(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_read_options r;
	galley_layout_options l;
	galley_pdf_options p;
	galley_epub_options e;
	galley_select_options s;
	galley_doc *doc = galley_doc_new(), *one = one_article();
	galley_layout *layout = NULL;
	unsigned char *out = NULL;
	size_t len = 0;
	const char *paths[] = {"a.md", "b.md", "c.md"};

	T_CHECK(doc && one, "a document with one article");
	if (!doc || !one)
		goto cleanup;

	galley_read_options_init(&r, GALLEY_READ_OPTIONS_VERSION);
	r.version = 0;
	check_refused(galley_read_buffer(doc, NULL, "x.md", NULL, ARTICLE, strlen(ARTICLE), &r, &err), &err,
	              "galley_read_options", "read_buffer, version 0");
	T_CHECK(strstr(err.message, "not initialised") != NULL, "version 0: the message says why");
	T_EQ_INT(galley_doc_narticles(doc), 0, "read_buffer, version 0: no article is added");
	galley_error_clear(&err);
	r.version = GALLEY_READ_OPTIONS_VERSION + 1;
	/* refused before the file is looked at: not GALLEY_EIO */
	check_refused(galley_read_file(doc, NULL, "/nonexistent/x.md", &r, &err), &err,
	              "galley_read_options", "read_file, a newer version");
	T_CHECK(strstr(err.message, "newer") != NULL, "a newer version: the message says why");
	galley_error_clear(&err);
	check_refused(galley_read_path(doc, NULL, "/nonexistent", &r, &err), &err,
	              "galley_read_options", "read_path, a newer version");
	galley_error_clear(&err);
	r.jobs = 2;
	T_CHECK(galley_read_ahead_new(paths, 3, &r) == NULL, "read_ahead_new, a newer version: no read-ahead");

	galley_layout_options_init(&l, GALLEY_LAYOUT_OPTIONS_VERSION);
	l.version = 0;
	/* refused before the document is looked at: not GALLEY_EEMPTY */
	check_refused(galley_layout_new(&layout, doc, &l, &err), &err, "galley_layout_options",
	              "layout_new, version 0");
	T_CHECK(layout == NULL, "layout_new, version 0: no layout");
	galley_error_clear(&err);
	check_refused(galley_layout_options_check(&l, &err), &err, "galley_layout_options",
	              "layout_options_check, version 0");
	galley_error_clear(&err);

	galley_select_options_init(&s, GALLEY_SELECT_OPTIONS_VERSION);
	s.version = GALLEY_SELECT_OPTIONS_VERSION + 1;
	check_refused(galley_doc_select(doc, &s, &err), &err, "galley_select_options",
	              "doc_select, a newer version");
	galley_error_clear(&err);

	galley_epub_options_init(&e, GALLEY_EPUB_OPTIONS_VERSION);
	e.version = 0;
	check_refused(galley_epub_write_memory(one, &out, &len, &e, &err), &err, "galley_epub_options",
	              "epub_write_memory, version 0");
	T_CHECK(out == NULL && len == 0, "epub_write_memory, version 0: no bytes");
	galley_error_clear(&err);
	check_refused(galley_epub_write(one, "/nonexistent/x.epub", &e, &err), &err, "galley_epub_options",
	              "epub_write, version 0");
	galley_error_clear(&err);

	galley_layout_options_init(&l, GALLEY_LAYOUT_OPTIONS_VERSION);
	l.jobs = 1;
	T_EQ_INT(galley_layout_new(&layout, one, &l, &err), 0, "layout_new with init's options");
	if (layout) {
		galley_pdf_options_init(&p, GALLEY_PDF_OPTIONS_VERSION);
		p.version = GALLEY_PDF_OPTIONS_VERSION + 1;
		check_refused(galley_pdf_write_memory(layout, &out, &len, &p, &err), &err, "galley_pdf_options",
		              "pdf_write_memory, a newer version");
		T_CHECK(out == NULL && len == 0, "pdf_write_memory, a newer version: no bytes");
		galley_error_clear(&err);
		check_refused(galley_pdf_write(layout, "/nonexistent/x.pdf", &p, &err), &err, "galley_pdf_options",
		              "pdf_write, a newer version");
		galley_error_clear(&err);
		p.version = GALLEY_PDF_OPTIONS_VERSION;
		T_EQ_INT(galley_pdf_write_memory(layout, &out, &len, &p, &err), 0, "pdf_write_memory with init's options");
		free(out);
	}
cleanup:
	galley_layout_free(layout);
	galley_doc_free(one);
	galley_doc_free(doc);
}

/* galley_layout_options_check on the defaults with one change. */
#define CHECK_LAYOUT(change, want, what) do { \
	galley_layout_options o_; \
	galley_error e_ = GALLEY_ERROR_INIT; \
	galley_layout_options_init(&o_, GALLEY_LAYOUT_OPTIONS_VERSION); \
	change; \
	T_EQ_INT(galley_layout_options_check(&o_, &e_), (want), what); \
	if ((want) != 0 && e_.message[0] == '\0') \
		T_CHECK(0, what ": with a message"); \
} while (0)

static void test_check(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_layout_options o;
	double a3w = 841.890, a3h = 1190.551;

	CHECK_LAYOUT((void)0, 0, "check: the defaults pass");
	CHECK_LAYOUT(o_.columns = 2, 0, "check: two columns pass");
	T_EQ_INT(galley_layout_options_check(NULL, &err), GALLEY_EUSAGE, "check: NULL refused");
	galley_error_clear(&err);

	CHECK_LAYOUT(o_.page_width = GALLEY_PAGE_SIZE_MIN - 0.5, GALLEY_EUSAGE, "check: a page below the minimum");
	CHECK_LAYOUT(o_.page_height = GALLEY_PAGE_SIZE_MAX + 1, GALLEY_EUSAGE, "check: a page above the maximum");
	CHECK_LAYOUT(o_.page_width = NAN, GALLEY_EUSAGE, "check: a page width of NaN");
	CHECK_LAYOUT((o_.page_width = o_.page_height = GALLEY_PAGE_SIZE_MAX), 0, "check: the largest page passes");

	CHECK_LAYOUT(o_.font_size = GALLEY_FONT_SIZE_MIN, 0, "check: the smallest font size passes");
	CHECK_LAYOUT(o_.font_size = GALLEY_FONT_SIZE_MIN - 0.1, GALLEY_EUSAGE, "check: a font size below the minimum");
	CHECK_LAYOUT(o_.font_size = GALLEY_FONT_SIZE_MAX + 0.1, GALLEY_EUSAGE, "check: a font size above the maximum");
	CHECK_LAYOUT((o_.page_width = a3w, o_.page_height = a3h, o_.font_size = GALLEY_FONT_SIZE_MAX), 0,
	             "check: the largest font size passes on A3");
	/* A4's text is 471 pt wide: 72 pt type needs 576 */
	CHECK_LAYOUT(o_.font_size = GALLEY_FONT_SIZE_MAX, GALLEY_EUSAGE,
	             "check: the largest font size on A4 leaves too narrow a measure");

	CHECK_LAYOUT(o_.columns = 0, GALLEY_EUSAGE, "check: no column");
	CHECK_LAYOUT(o_.columns = GALLEY_COLUMNS_MAX + 1, GALLEY_EUSAGE, "check: too many columns");
	CHECK_LAYOUT(o_.margin_inner = -1, GALLEY_EUSAGE, "check: a negative margin");
	CHECK_LAYOUT(o_.margin_top = NAN, GALLEY_EUSAGE, "check: a margin of NaN");
	CHECK_LAYOUT(o_.column_gap = -1, GALLEY_EUSAGE, "check: a negative column gap");

	CHECK_LAYOUT(o_.leading = 10.5 * GALLEY_LEADING_MIN, 0, "check: the tightest leading passes");
	CHECK_LAYOUT(o_.leading = 10.5 * GALLEY_LEADING_MAX, 0, "check: the loosest leading passes");
	CHECK_LAYOUT(o_.leading = 10.5 * GALLEY_LEADING_MIN - 0.01, GALLEY_EUSAGE, "check: too tight a leading");
	CHECK_LAYOUT(o_.leading = 10.5 * GALLEY_LEADING_MAX + 0.01, GALLEY_EUSAGE, "check: too loose a leading");

	/* the measure, after the gap: A4 is 595.276 wide; margins of 200 leave
	 * 195.276, two columns with an 18 pt gap 88.6 each (>= 84 = 8 x 10.5) */
	CHECK_LAYOUT((o_.columns = 2, o_.margin_inner = o_.margin_outer = 200), 0,
	             "check: two columns of 88 pt pass");
	CHECK_LAYOUT((o_.columns = 2, o_.margin_inner = o_.margin_outer = 200, o_.column_gap = 30),
	             GALLEY_EUSAGE, "check: the gap counts in the measure (82.6 pt < 84)");
	CHECK_LAYOUT((o_.font_size = 6, o_.margin_inner = o_.margin_outer = (595.276 - GALLEY_MEASURE_MIN) / 2 + 0.5),
	             GALLEY_EUSAGE, "check: a measure under GALLEY_MEASURE_MIN with small type");
	CHECK_LAYOUT((o_.font_size = 6, o_.margin_top = o_.margin_bottom = (841.890 - GALLEY_TEXT_HEIGHT_MIN) / 2 + 0.5),
	             GALLEY_EUSAGE, "check: a text height under GALLEY_TEXT_HEIGHT_MIN with small type");
	CHECK_LAYOUT((o_.font_size = 6, o_.margin_top = o_.margin_bottom = (841.890 - GALLEY_TEXT_HEIGHT_MIN) / 2 - 0.5),
	             0, "check: a text height just over GALLEY_TEXT_HEIGHT_MIN passes");

	galley_layout_options_init(&o, GALLEY_LAYOUT_OPTIONS_VERSION);
	o.margin_top = o.margin_bottom = o.margin_inner = o.margin_outer = 300;
	T_EQ_INT(galley_layout_options_check(&o, &err), GALLEY_EUSAGE, "check: margins of 300 pt on A4");
	T_CHECK(strstr(err.message, "the margins leave a text area of") != NULL,
	        "check: the message gives the text area");
	galley_error_clear(&err);

	CHECK_LAYOUT(o_.jobs = GALLEY_JOBS_MAX, 0, "check: the most jobs pass");
	CHECK_LAYOUT(o_.jobs = GALLEY_JOBS_MAX + 1, GALLEY_EUSAGE, "check: too many jobs");
	CHECK_LAYOUT(o_.jobs = -1, GALLEY_EUSAGE, "check: negative jobs");
}

int main(void)
{
	test_init();
	test_refused();
	test_check();
	return t_done();
}
