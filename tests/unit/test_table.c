/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_table.c: tables in the PDF layout (src/typeset/table.c): the
 * column widths (a pure function, exact values), cells at their natural
 * width on one line, alignment, the header repeated on every page a long
 * table continues on, rows never split, a row taller than a page split
 * between lines, a table too wide for the measure set smaller and kept
 * inside it, tables spanning two columns with no cell in the gutter,
 * records for a table of too many columns, and the page map inside a
 * table.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "galley.h"
#include "typeset/internal.h"

/* ---- the widths --------------------------------------------------------- */

static int near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

static void test_widths(void)
{
	double w[4], s;

	{	/* every natural width fits: each column gets it */
		const double min[] = {10, 20}, max[] = {30, 40};
		s = gl_table_widths(min, max, 2, 100, w);
		T_CHECK(near(w[0], 30) && near(w[1], 40) && near(s, 70), "widths: natural widths when they fit");
	}
	{	/* tabulary: the narrow columns keep their natural width, the
		 * wide one takes the rest */
		const double min[] = {40, 50, 20}, max[] = {60, 400, 20};
		s = gl_table_widths(min, max, 3, 300, w);
		T_CHECK(near(w[0], 60) && near(w[1], 220) && near(w[2], 20) && near(s, 300),
		        "widths: narrow columns natural, the wide one the rest");
	}
	{	/* no natural width within an even share: minimums, then the
		 * rest in proportion to max - min (50 shared 1:3) */
		const double min[] = {10, 10}, max[] = {60, 160};
		s = gl_table_widths(min, max, 2, 70, w);
		T_CHECK(near(w[0], 22.5) && near(w[1], 47.5) && near(s, 70), "widths: the rest in proportion to max - min");
	}
	{	/* a column within an even share (33 <= 100/3) whose natural
		 * width would leave the others less than their minimums is not
		 * served first: 100 - 33 < 34 + 34 */
		const double min[] = {10, 34, 34}, max[] = {33, 134, 134};
		s = gl_table_widths(min, max, 3, 100, w);
		T_CHECK(w[0] < 33 && w[1] >= 34 && w[2] >= 34 && near(s, 100),
		        "widths: a narrow column never takes the others' minimums");
		T_CHECK(near(w[0], 10 + 22.0 * 23 / 223) && near(w[1], 34 + 22.0 * 100 / 223) && near(w[1], w[2]),
		        "widths: exact shares when none is served first");
	}
	{	/* served narrowest first, the share growing as they are served */
		const double min[] = {5, 5, 5, 5}, max[] = {30, 20, 40, 200};
		s = gl_table_widths(min, max, 4, 150, w);
		T_CHECK(near(w[1], 20) && near(w[0], 30) && near(w[2], 40) && near(w[3], 60) && near(s, 150),
		        "widths: narrowest first, each within the share left");
	}
	{	/* the minimums do not fit: each its minimum up to an even share
		 * (30), the rest (20) in proportion to what they lack (0:30:60) */
		const double min[] = {10, 60, 90}, max[] = {60, 100, 90};
		s = gl_table_widths(min, max, 3, 90, w);
		T_CHECK(near(w[0], 10) && near(w[1], 30 + 20.0 / 3) && near(w[2], 30 + 40.0 / 3) && near(s, 90),
		        "widths: minimums up to an even share when they do not fit");
	}
	{
		const double min[] = {10}, max[] = {500};
		s = gl_table_widths(min, max, 1, 100, w);
		T_CHECK(near(w[0], 100) && near(s, 100), "widths: one column takes the room");
	}
}

/* ---- layouts ------------------------------------------------------------ */

static galley_doc *doc_of(const char *md)
{
	galley_doc *d = galley_doc_new();
	galley_error err = GALLEY_ERROR_INIT;

	if (galley_read_buffer(d, NULL, "t.md", NULL, md, strlen(md), NULL, &err) < 0 ||
	    galley_doc_finish(d, &err) < 0) {
		printf("# %s\n", err.message);
		galley_doc_free(d);
		return NULL;
	}
	return d;
}

static galley_layout *layout_of(galley_doc *d, int columns, const char *paper)
{
	galley_layout_options o;
	galley_layout *L = NULL;
	galley_error err = GALLEY_ERROR_INIT;

	galley_layout_options_init(&o, GALLEY_LAYOUT_OPTIONS_VERSION);
	o.columns = columns;
	if (paper)
		galley_paper_parse(paper, &o.page_width, &o.page_height);
	if (!d || galley_layout_new(&L, d, &o, &err) < 0) {
		printf("# layout: %s\n", err.message);
		return NULL;
	}
	return L;
}

/* The article's first table. */
static const galley_block *first_table(const galley_doc *d)
{
	const galley_article *a = galley_doc_article(d, 0);

	for (const galley_block *b = a->blocks; b; b = b->next)
		if (b->type == GALLEY_TABLE)
			return b;
	return NULL;
}

/* Row and column of the cell whose ordinal is `block`; false when none. */
static bool cell_of(const galley_block *t, uint32_t block, int *row, int *col)
{
	int r = 0;

	for (const galley_block *rw = t->children; rw; rw = rw->next, r++) {
		int c = 0;
		for (const galley_block *cell = rw->children; cell; cell = cell->next, c++)
			if (cell->ordinal == block) {
				*row = r;
				*col = c;
				return true;
			}
	}
	return false;
}

/* Table lines outside the text area or past their measure, and the text
 * runs of table lines that end past their line's measure. */
static int outside(const galley_layout *L)
{
	int bad = 0;

	for (size_t i = 0; i < L->npages; i++) {
		const galley_dl_page *p = &L->pages[i];
		for (size_t k = 0; k < p->nlines; k++) {
			const galley_dl_line *l = &p->lines[k];
			if (l->kind != GALLEY_LINE_TABLE)
				continue;
			if (l->used > l->width + 0.01 || l->x < L->text_left - 0.01 ||
			    l->x + l->width > L->text_left + L->text_width + 0.01 ||
			    l->y < L->text_bottom - 0.01 || l->y > L->text_top + 0.01)
				bad++;
			for (size_t m = 0; m < p->ntexts; m++) {
				const galley_dl_text *t = &p->texts[m];
				double w;
				if (fabs(t->y - l->y) > 0.01 || t->x < l->x - 0.01 || t->x >= l->x + l->width)
					continue;
				w = gl_fonts_width(L->fonts, t->face, t->size, t->text, t->len);
				if (t->x + w > l->x + l->width + 0.01)
					bad++;
			}
		}
	}
	return bad;
}

/* The faces of the runs on table line l of page p. */
static void faces_of(const galley_dl_page *p, const galley_dl_line *l, bool faces[GALLEY_NFACES])
{
	for (size_t m = 0; m < p->ntexts; m++) {
		const galley_dl_text *x = &p->texts[m];
		if (fabs(x->y - l->y) < 0.01 && x->x >= l->x - 0.01 && x->x < l->x + l->width)
			faces[x->face] = true;
	}
}

/* A table of n rows (after the header) and three columns: a number
 * (right-aligned), a name, a note that is long in every seventh row. */
static char *long_table_md(int n)
{
	size_t cap = (size_t)n * 160 + 512, at = 0;
	char *s = malloc(cap);

	at += (size_t)snprintf(s + at, cap - at, "# Stations\n\nEvery station.\n\n"
	                       "| Number | Station | Note |\n|---:|---|---|\n");
	for (int i = 1; i <= n; i++)
		at += (size_t)snprintf(s + at, cap - at, "| %d | Station %d | %s |\n", i, i,
		                       i % 7 == 0 ? "the oldest on the line, with its original canopy, "
		                                    "booking hall and a clock that still keeps time" : "quiet");
	snprintf(s + at, cap - at, "\nThat is all of them.\n");
	return s;
}

static void test_long_table(void)
{
	char *md = long_table_md(300);
	galley_doc *d = doc_of(md);
	galley_layout *L = layout_of(d, 1, NULL);
	const galley_block *t = d ? first_table(d) : NULL;
	int repeated = 0, missing_head = 0, split_rows = 0, order = 0, continued = 0, last_row = 0;
	int *page_of_row = calloc(302, sizeof *page_of_row);

	T_CHECK(L && t, "300 rows: laid out");
	if (!L || !t)
		goto cleanup;
	T_CHECK(L->npages >= 5, "300 rows: several pages");
	T_EQ_INT(outside(L), 0, "300 rows: nothing outside the text area");
	for (int r = 0; r < 302; r++)
		page_of_row[r] = -1;
	for (size_t i = 0; i < L->npages; i++) {
		const galley_dl_page *p = &L->pages[i];
		int first_row = -1;
		double top = -INFINITY;
		bool header_on_page = false;
		for (size_t k = 0; k < p->nlines; k++) {
			int row, col;
			if (p->lines[k].kind != GALLEY_LINE_TABLE ||
			    !cell_of(t, p->lines[k].block, &row, &col))
				continue;
			if (p->lines[k].y > top) {
				top = p->lines[k].y;
				first_row = row;
			}
			if (row == 0) {
				header_on_page = true;
				continue;
			}
			/* every line of a row on one page */
			if (page_of_row[row] >= 0 && page_of_row[row] != (int)i)
				split_rows++;
			page_of_row[row] = (int)i;
			if (row < last_row)
				order++;
			last_row = row;
		}
		if (first_row < 0)
			continue;
		if (i > 0 && first_row != 0 && L->pages[i - 1].nlines &&
		    L->pages[i - 1].lines[L->pages[i - 1].nlines - 1].kind == GALLEY_LINE_TABLE)
			missing_head++;
		if (i > 0 && header_on_page && L->pages[i - 1].nlines &&
		    L->pages[i - 1].lines[L->pages[i - 1].nlines - 1].kind == GALLEY_LINE_TABLE) {
			continued++;
			repeated += first_row == 0;
		}
	}
	T_CHECK(continued >= 4, "300 rows: the table continues on several pages");
	T_EQ_INT(repeated, continued, "300 rows: the header heads every page the table continues on");
	T_EQ_INT(missing_head, 0, "300 rows: no continued page starts without the header");
	T_EQ_INT(split_rows, 0, "300 rows: no row is split across pages");
	T_EQ_INT(order, 0, "300 rows: rows in order");
	{
		int all = 1;
		for (int r = 1; r <= 300; r++)
			all = all && page_of_row[r] >= 0;
		T_CHECK(all, "300 rows: every row is set");
	}
	/* the page map: a page the table continues on starts at its first
	 * row's first cell, never at the repeated header */
	{
		int wrong = 0, checked = 0;
		size_t n;
		const galley_page_mark *marks = galley_layout_page_map(L, &n);
		for (size_t i = 1; i < n; i++) {
			const galley_page_mark *m = &marks[i];
			int row, col;
			if (!cell_of(t, m->block, &row, &col))
				continue;
			checked++;
			if (row == 0 || col != 0 || m->offset != 0 || page_of_row[row] != (int)i)
				wrong++;
		}
		T_CHECK(checked >= 4, "300 rows: pages inside the table are mapped to its cells");
		T_EQ_INT(wrong, 0, "300 rows: each maps to its first row's first cell, not the header");
	}
cleanup:
	free(page_of_row);
	galley_layout_free(L);
	galley_doc_free(d);
	free(md);
}

/* Every cell of a table whose natural widths fit the measure is one
 * line, its lines are where its column's alignment puts them, and the
 * header is bold. */
static void test_natural_and_aligned(void)
{
	const char *md =
		"| Library | Breakdowns | Streaming | Revenue (EUR) |\n"
		"|---|---:|:---:|---:|\n"
		"| cJSON | 12 | no | 1,104,220 |\n"
		"| yyjson, `yyjson_read()` | 7 | yes | 588,900 |\n"
		"| *Jackson* | 1,215 | **yes** | 12.5 |\n";
	galley_doc *d = doc_of(md);
	galley_layout *L = layout_of(d, 1, NULL);
	const galley_block *t = d ? first_table(d) : NULL;
	double right[4], left[4];
	int lines[4][4], bad_right = 0, bad_center = 0, bold = 0, header_runs = 0;

	T_CHECK(L && t, "natural: laid out");
	if (!L || !t)
		goto cleanup;
	memset(lines, 0, sizeof lines);
	for (int c = 0; c < 4; c++) {
		right[c] = -INFINITY;
		left[c] = INFINITY;
	}
	for (size_t k = 0; k < L->pages[0].nlines; k++) {
		const galley_dl_line *l = &L->pages[0].lines[k];
		int row, col;
		if (l->kind != GALLEY_LINE_TABLE || !cell_of(t, l->block, &row, &col))
			continue;
		lines[row][col]++;
		T_CHECK(!l->emergency && !l->hyphenated, "natural: no cell broken");
		if (col == 1 || col == 3) {
			/* right-aligned: every line ends on the column's edge */
			if (right[col] > -INFINITY && fabs(l->x + l->used - right[col]) > 0.01)
				bad_right++;
			right[col] = fmax(right[col], l->x + l->used);
			if (fabs(l->used - l->width) > 0.02)
				bad_right++;
		}
		if (col == 2) {
			/* centred: as much room on either side */
			const galley_dl_page *p = &L->pages[0];
			for (size_t m = 0; m < p->ntexts; m++) {
				const galley_dl_text *x = &p->texts[m];
				if (fabs(x->y - l->y) < 0.01 && x->x >= l->x - 0.01 && x->x < l->x + l->width) {
					double w = gl_fonts_width(L->fonts, x->face, x->size, x->text, x->len);
					if (fabs((x->x - l->x) - (l->x + l->width - x->x - w)) > 0.02)
						bad_center++;
				}
			}
		}
		left[col] = fmin(left[col], l->x);
	}
	for (size_t k = 0; k < L->pages[0].nlines; k++) {
		const galley_dl_line *l = &L->pages[0].lines[k];
		bool faces[GALLEY_NFACES] = {false};
		int row, col;
		if (l->kind != GALLEY_LINE_TABLE || !cell_of(t, l->block, &row, &col))
			continue;
		faces_of(&L->pages[0], l, faces);
		if (row == 0) {
			header_runs++;
			bold += faces[GALLEY_FACE_BOLD] && !faces[GALLEY_FACE_REGULAR];
		} else {
			bold -= faces[GALLEY_FACE_BOLD] && col != 2;
		}
	}
	{
		int one = 1;
		for (int r = 0; r < 4; r++)
			for (int c = 0; c < 4; c++)
				one = one && lines[r][c] == 1;
		T_CHECK(one, "natural: every cell on one line at its natural width");
	}
	T_EQ_INT(bad_right, 0, "natural: right-aligned columns end on one edge");
	T_EQ_INT(bad_center, 0, "natural: centred column");
	T_CHECK(header_runs == 4 && bold == 4, "natural: the header row is bold, the others not");
	T_CHECK(left[0] < left[1] && left[1] < left[2] && left[2] < left[3], "natural: columns in order");
	T_CHECK(fabs(left[0] - L->text_left) < 0.01, "natural: the table starts on the text's left edge");
	T_CHECK(right[3] < L->text_left + L->text_width - 50, "natural: a narrow table is not stretched");
cleanup:
	galley_layout_free(L);
	galley_doc_free(d);
}

/* A table too wide for the measure: 12 columns of words and numbers fit
 * the measure, set smaller, nothing outside it, no cell over another. */
static void test_twelve_columns(void)
{
	char md[4096];
	size_t at = 0;
	galley_doc *d;
	galley_layout *L;
	const galley_block *t;
	int overlaps = 0, emergencies = 0, cells = 0;
	double size = 0;

	at += (size_t)snprintf(md + at, sizeof md - at, "| City |");
	for (int c = 1; c < 12; c++)
		at += (size_t)snprintf(md + at, sizeof md - at, " Month%02d |", c);
	at += (size_t)snprintf(md + at, sizeof md - at, "\n|---|");
	for (int c = 1; c < 12; c++)
		at += (size_t)snprintf(md + at, sizeof md - at, "---:|");
	for (int r = 0; r < 6; r++) {
		at += (size_t)snprintf(md + at, sizeof md - at, "\n| Constantinople%d |", r);
		for (int c = 1; c < 12; c++)
			at += (size_t)snprintf(md + at, sizeof md - at, " %d,%03d.%d |", r * 7 + c, c * 37 % 1000, c % 10);
	}
	snprintf(md + at, sizeof md - at, "\n| Notes | warmest | coldest | record-breaking | rain | snowfall | "
	         "heatwave | drought | storm | fog | interpolated | n/a |\n");
	d = doc_of(md);
	L = layout_of(d, 1, NULL);
	t = d ? first_table(d) : NULL;
	T_CHECK(L && t, "12 columns: laid out");
	if (!L || !t)
		goto cleanup;
	T_EQ_INT(outside(L), 0, "12 columns: nothing outside the text area");
	for (size_t i = 0; i < L->npages; i++) {
		const galley_dl_page *p = &L->pages[i];
		for (size_t k = 0; k < p->nlines; k++) {
			const galley_dl_line *a = &p->lines[k];
			int row, col;
			if (a->kind != GALLEY_LINE_TABLE || !cell_of(t, a->block, &row, &col))
				continue;
			cells++;
			emergencies += a->emergency;
			for (size_t m = 0; m < p->nlines; m++) {
				const galley_dl_line *b = &p->lines[m];
				if (m != k && b->kind == GALLEY_LINE_TABLE && fabs(b->y - a->y) < 0.01 &&
				    b->x > a->x && b->x < a->x + a->used)
					overlaps++;
			}
		}
		for (size_t k = 0; k < p->ntexts; k++)
			if (p->texts[k].len == 4 && memcmp(p->texts[k].text, "City", 4) == 0)
				size = p->texts[k].size;
	}
	T_CHECK(cells >= 12 * 8, "12 columns: every cell set");
	T_EQ_INT(overlaps, 0, "12 columns: no cell runs into the next");
	T_EQ_INT(emergencies, 0, "12 columns: no word broken between two letters");
	T_CHECK(size > 0 && size < L->opts.font_size * 0.9 - 0.01 && size >= L->opts.font_size * 0.7 - 0.01,
	        "12 columns: set smaller, not below the limit");
cleanup:
	galley_layout_free(L);
	galley_doc_free(d);
}

static const char *const prose =
	"The ferry crossing has run for more than a century, and the cooperative that owns it keeps "
	"careful records of every crossing, every breakdown and every passenger. We spent a week "
	"reading them, and what follows is a summary of what we found there, with a few tables of the "
	"numbers that mattered most to the people we talked to on both banks of the river.\n\n";

/* With two columns, a table wider than a column spans both, its cells
 * kept out of the gutter, and the text after it goes on below it in two
 * columns. */
static void test_two_columns(void)
{
	char md[8192];
	size_t at = 0;
	galley_doc *d;
	galley_layout *L;
	const galley_block *t;
	int in_gutter = 0, right_half = 0, after_above = 0, cells = 0;
	double lowest = INFINITY;

	for (int i = 0; i < 3; i++)
		at += (size_t)snprintf(md + at, sizeof md - at, "%s", prose);
	at += (size_t)snprintf(md + at, sizeof md - at,
		"| Year | Crossings | Passengers | Bicycles | Cars | Breakdowns | Revenue (EUR) | Notes |\n"
		"|---:|---:|---:|---:|---:|---:|---:|---|\n"
		"| 2019 | 14,210 | 412,330 | 61,200 | 9,870 | 12 | 1,104,220 | the new cable |\n"
		"| 2020 | 9,880 | 201,442 | 40,180 | 6,020 | 7 | 588,900 | lockdowns in spring and autumn |\n"
		"| 2021 | 12,030 | 330,118 | 58,330 | 8,110 | 9 | 902,450 | |\n\n");
	for (int i = 0; i < 4; i++)
		at += (size_t)snprintf(md + at, sizeof md - at, "%s", prose);
	d = doc_of(md);
	L = layout_of(d, 2, NULL);
	t = d ? first_table(d) : NULL;
	T_CHECK(L && t, "two columns: laid out");
	if (!L || !t)
		goto cleanup;
	T_EQ_INT(outside(L), 0, "two columns: nothing outside the text area");
	for (size_t k = 0; k < L->pages[0].nlines; k++) {
		const galley_dl_line *l = &L->pages[0].lines[k];
		int row, col;
		double gutter = L->text_left + L->col_width;
		if (l->kind != GALLEY_LINE_TABLE || !cell_of(t, l->block, &row, &col))
			continue;
		cells++;
		lowest = fmin(lowest, l->y);
		if (l->x < gutter + L->opts.column_gap && l->x + l->used > gutter)
			in_gutter++;
		right_half += l->x > gutter;
	}
	for (size_t k = 0; k < L->pages[0].nlines; k++) {
		const galley_dl_line *l = &L->pages[0].lines[k];
		/* the text after the table starts below it, in both columns */
		if (l->kind == GALLEY_LINE_BODY && l->block > t->ordinal + 40 && l->y > lowest)
			after_above++;
	}
	T_CHECK(cells >= 32, "two columns: the table is on the first page");
	T_CHECK(right_half > 0, "two columns: a table wider than a column spans both");
	T_EQ_INT(in_gutter, 0, "two columns: no cell in the gutter");
	T_EQ_INT(after_above, 0, "two columns: the text after the table goes on below it");
cleanup:
	galley_layout_free(L);
	galley_doc_free(d);
}

/* A row taller than a page is split between lines, with nothing outside
 * the text area; every other row stays whole. */
static void test_tall_row(void)
{
	size_t cap = 64 * 1024, at = 0;
	char *md = malloc(cap);
	galley_doc *d;
	galley_layout *L;
	const galley_block *t;
	int pages_with_cell = 0;

	at += (size_t)snprintf(md + at, cap - at, "| Key | Text |\n|---|---|\n| short | one |\n| long | ");
	for (int i = 0; i < 700; i++)
		at += (size_t)snprintf(md + at, cap - at, "word%d and more ", i);
	snprintf(md + at, cap - at, "|\n| after | two |\n");
	d = doc_of(md);
	L = layout_of(d, 1, NULL);
	t = d ? first_table(d) : NULL;
	T_CHECK(L && t, "tall row: laid out");
	if (!L || !t)
		goto cleanup;
	T_EQ_INT(outside(L), 0, "tall row: nothing outside the text area");
	for (size_t i = 0; i < L->npages; i++) {
		bool has = false;
		for (size_t k = 0; k < L->pages[i].nlines; k++) {
			int row, col;
			if (cell_of(t, L->pages[i].lines[k].block, &row, &col) && row == 2 && col == 1)
				has = true;
		}
		pages_with_cell += has;
	}
	T_CHECK(pages_with_cell >= 2, "tall row: a row taller than a page is split between lines");
cleanup:
	galley_layout_free(L);
	galley_doc_free(d);
	free(md);
}

/* A table with more columns than the measure can hold is set as records
 * (each header beside its cell), inside the measure. */
static void test_records(void)
{
	char md[8192];
	size_t at = 0;
	galley_doc *d;
	galley_layout *L;
	const galley_block *t;
	int beside = 0;

	at += (size_t)snprintf(md + at, sizeof md - at, "|");
	for (int c = 0; c < 40; c++)
		at += (size_t)snprintf(md + at, sizeof md - at, " Field%d |", c);
	at += (size_t)snprintf(md + at, sizeof md - at, "\n|");
	for (int c = 0; c < 40; c++)
		at += (size_t)snprintf(md + at, sizeof md - at, "---|");
	for (int r = 0; r < 3; r++) {
		at += (size_t)snprintf(md + at, sizeof md - at, "\n|");
		for (int c = 0; c < 40; c++)
			at += (size_t)snprintf(md + at, sizeof md - at, " v%d.%d |", r, c);
	}
	snprintf(md + at, sizeof md - at, "\n");
	d = doc_of(md);
	L = layout_of(d, 1, NULL);
	t = d ? first_table(d) : NULL;
	T_CHECK(L && t, "records: laid out");
	if (!L || !t)
		goto cleanup;
	T_EQ_INT(outside(L), 0, "records: nothing outside the text area");
	/* each body cell shares its baseline with its header cell */
	for (size_t i = 0; i < L->npages; i++) {
		const galley_dl_page *p = &L->pages[i];
		for (size_t k = 0; k < p->nlines; k++) {
			int row, col, hrow, hcol;
			if (!cell_of(t, p->lines[k].block, &row, &col) || row == 0)
				continue;
			for (size_t m = 0; m < p->nlines; m++)
				if (cell_of(t, p->lines[m].block, &hrow, &hcol) && hrow == 0 && hcol == col &&
				    fabs(p->lines[m].y - p->lines[k].y) < 0.01 && p->lines[m].x < p->lines[k].x)
					beside++;
		}
	}
	T_EQ_INT(beside, 3 * 40, "records: every cell beside its header");
cleanup:
	galley_layout_free(L);
	galley_doc_free(d);
}

/* Tables that are only a header, or hold empty cells, in a list, in a
 * quote, on A5 in two columns: laid out, inside the text area. */
static void test_odd_tables(void)
{
	const char *md =
		"| A | B |\n|---|---|\n\n"
		"| a | b | c |\n|---|---|---|\n|   |   |   |\n| x |   | z |\n\n"
		"- An item:\n\n  | Key | Value |\n  |---|---|\n  | `x` | https://example.com/a/very/long/path/"
		"that/goes/on/and/on/and/on/forever/index.html |\n\n"
		"> | Term | Meaning |\n> |---|---|\n> | ferry | a boat that carries people across water |\n\n"
		"| Link | Word |\n|---|---|\n| https://example.com/averyveryveryveryverylongpathcomponent"
		"withoutanybreakpointsatall/andmore | Donaudampfschifffahrtsgesellschaftskapitaenswitwe |\n";
	galley_doc *d = doc_of(md);
	galley_layout *L = layout_of(d, 1, NULL);
	galley_layout *A5 = layout_of(d, 2, "a5");

	T_CHECK(L && A5, "odd tables: laid out");
	if (L)
		T_EQ_INT(outside(L), 0, "odd tables: nothing outside the text area");
	if (A5)
		T_EQ_INT(outside(A5), 0, "odd tables, A5 in two columns: nothing outside the text area");
	galley_layout_free(L);
	galley_layout_free(A5);
	galley_doc_free(d);
}

int main(void)
{
	test_widths();
	test_natural_and_aligned();
	test_long_table();
	test_twelve_columns();
	test_two_columns();
	test_tall_row();
	test_records();
	test_odd_tables();
	return t_done();
}
