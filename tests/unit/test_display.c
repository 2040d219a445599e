/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_display.c: display lines (src/typeset/balance.c): titles and
 * headings broken into balanced lines that end on no article or
 * preposition and leave no word alone; contents entries whose turnovers
 * hang and never part an author's name; the weak-word lists.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "galley.h"
#include "typeset/internal.h"
#include "typeset/balance.h"

static galley_pos P = {"t.md", 1, 1};

/* The text of each line of `kind` on every page, joined by " | "; lines
 * are told apart by their baselines (the runs of a line share one). */
static void lines_of(const galley_layout *L, int kind, char *out, size_t cap)
{
	size_t n = 0;

	out[0] = '\0';
	for (size_t p = 0; p < L->npages; p++) {
		const galley_dl_page *pg = &L->pages[p];
		for (size_t k = 0; k < pg->nlines; k++) {
			const galley_dl_line *l = &pg->lines[k];
			if (l->kind != kind)
				continue;
			if (n > 0)
				n += (size_t)snprintf(out + n, cap - n, " | ");
			double end = -1;
			for (size_t t = 0; t < pg->ntexts && n < cap; t++) {
				const galley_dl_text *x = &pg->texts[t];
				if (fabs(x->y - l->y) < 0.01 && x->x >= l->x - 0.01 && x->x <= l->x + l->width + 40) {
					/* runs apart by more than a hair had a space between */
					if (end >= 0 && x->x > end + 0.5)
						n += (size_t)snprintf(out + n, cap - n, " ");
					n += (size_t)snprintf(out + n, cap - n, "%.*s", (int)x->len, x->text);
					end = x->x + gl_fonts_width(L->fonts, x->face, x->size, x->text, x->len);
				}
			}
		}
	}
}

static galley_inline *text(galley_doc *d, const char *s)
{
	galley_inline *in = galley_doc_new_inline(d, GALLEY_TEXT, P);
	in->text = galley_doc_strdup(d, s);
	in->len = strlen(s);
	return in;
}

/* One article with `title` and a heading, at A5 so that both break. */
static galley_layout *lay_out(galley_doc *d, const char *title, const char *head)
{
	galley_article *a = galley_doc_add_article(d, NULL, "t.md");
	galley_block *h = galley_doc_new_block(d, GALLEY_HEADING, P);
	galley_block *p = galley_doc_new_block(d, GALLEY_PARAGRAPH, P);
	galley_layout_options o = GALLEY_LAYOUT_OPTIONS_INIT;
	galley_layout *L = NULL;
	galley_error err = GALLEY_ERROR_INIT;

	a->meta.title = title;
	a->pos = P;
	h->level = 2;
	h->inlines = text(d, head);
	p->inlines = text(d, "A paragraph of body text.");
	h->next = p;
	a->blocks = h;
	galley_doc_finish(d, &err);
	o.page_width = 419.528;
	o.page_height = 595.276;
	if (galley_layout_new(&L, d, &o, &err) < 0)
		return NULL;
	return L;
}

static int count_words(const char *s)
{
	int n = 0, in = 0;
	for (; *s; s++) {
		if (*s == ' ')
			in = 0;
		else if (!in)
			n++, in = 1;
	}
	return n;
}

/* Each line of `lines` ("a b | c d") has at least two words and ends on
 * no weak word. */
static void check_lines(const char *what, const char *lines)
{
	char buf[1024], name[160];
	char *save = NULL;
	int nlines = 0, one = 0, weak = 0;

	snprintf(buf, sizeof buf, "%s", lines);
	for (char *l = strtok_r(buf, "|", &save); l; l = strtok_r(NULL, "|", &save)) {
		size_t n = strlen(l);
		while (n > 0 && l[n - 1] == ' ')
			l[--n] = '\0';
		const char *last = strrchr(l, ' ');
		last = last ? last + 1 : l;
		nlines++;
		one += count_words(l) == 1;
		weak += gl_weak_word(last, strlen(last), "en") && save && *save;
	}
	snprintf(name, sizeof name, "%s breaks (%s)", what, lines);
	T_CHECK(nlines >= 2, name);
	snprintf(name, sizeof name, "%s: no line of one word (%s)", what, lines);
	T_EQ_INT(one, 0, name);
	snprintf(name, sizeof name, "%s: no line ends on an article or preposition (%s)", what, lines);
	T_EQ_INT(weak, 0, name);
}

static void test_titles_and_headings(void)
{
	/* the cases: "... Typeset: A / Long Read" and "... After Six
	 * Years of / Repairs" */
	static const char *const titles[] = {
		"Every Ship\xE2\x80\x99s Manifest of the Cargo Fleet, Typeset: A Long Read",
		"The Ferry Came Back to the Drava River After Six Years of Repairs",
		"A Cooperative of Two Villages Now Runs the Cable Ferry Across the Water",
	};
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
		galley_doc *d = galley_doc_new();
		galley_layout *L = lay_out(d, titles[i], titles[i]);
		char got[2048];
		T_CHECK(L != NULL, "layout");
		if (!L) {
			galley_doc_free(d);
			continue;
		}
		lines_of(L, GALLEY_LINE_HEADER, got, sizeof got);
		/* the header holds the title, then the dateline */
		{
			char *cut = strstr(got, " | 1 min read");
			if (cut)
				*cut = '\0';
		}
		check_lines("title", got);
		lines_of(L, GALLEY_LINE_HEADING, got, sizeof got);
		check_lines("heading", got);
		galley_layout_free(L);
		galley_doc_free(d);
	}
}

/* Two lines of a balanced title differ by less than a third of the
 * longer; the body's breaker would fill the first. */
static void test_even(void)
{
	galley_doc *d = galley_doc_new();
	galley_layout *L = lay_out(d, "Short title", "The Ferry Came Back to the Drava River After Six Years of Repairs");
	double w[2] = {0, 0};
	int n = 0;

	T_CHECK(L != NULL, "layout");
	if (!L) {
		galley_doc_free(d);
		return;
	}
	for (size_t p = 0; p < L->npages; p++)
		for (size_t k = 0; k < L->pages[p].nlines; k++)
			if (L->pages[p].lines[k].kind == GALLEY_LINE_HEADING && n < 2)
				w[n++] = L->pages[p].lines[k].used;
	T_EQ_INT(n, 2, "the heading takes two lines");
	T_CHECK(fabs(w[0] - w[1]) < fmax(w[0], w[1]) / 3, "of even length");
	galley_layout_free(L);
	galley_doc_free(d);
}

static void test_weak_words(void)
{
	T_CHECK(gl_weak_word("A", 1, "en"), "a single letter");
	T_CHECK(!gl_weak_word("I", 1, "en"), "but not I");
	T_CHECK(gl_weak_word("The", 3, NULL), "an article, any case, English by default");
	T_CHECK(gl_weak_word("of", 2, "en-GB"), "a preposition");
	T_CHECK(!gl_weak_word("of,", 3, "en"), "not with punctuation after it");
	T_CHECK(!gl_weak_word("Repairs", 7, "en"), "a noun");
	T_CHECK(gl_weak_word("der", 3, "de-AT"), "German by its tag");
	T_CHECK(!gl_weak_word("die", 3, "en"), "an English verb is not a German article");
	T_CHECK(gl_weak_word("les", 3, "fr"), "French");
}

/* A digest's contents: an entry's turnover is indented, names whole. */
static void test_contents(void)
{
	galley_doc *d = galley_doc_new();
	galley_article *a = galley_doc_add_article(d, NULL, "t.md");
	galley_block *p = galley_doc_new_block(d, GALLEY_PARAGRAPH, P);
	static const char *authors[] = {"Eleanor Fairweather", "Sunil Varma"};
	galley_layout_options o = GALLEY_LAYOUT_OPTIONS_INIT;
	galley_layout *L = NULL;
	galley_error err = GALLEY_ERROR_INIT;
	const galley_dl_page *pg;
	const galley_dl_line *first = NULL, *second = NULL;
	char got[2048];

	galley_doc_meta(d)->title = "A Digest";
	a->meta.title = "The Harbour Staff Learned to Love the Ferry After Six Years of Long Repairs";
	a->meta.authors = authors;
	a->meta.nauthors = 2;
	a->pos = P;
	p->inlines = text(d, "Body.");
	a->blocks = p;
	galley_doc_finish(d, &err);
	o.page_width = 419.528;
	o.page_height = 595.276;
	T_EQ_INT(galley_layout_new(&L, d, &o, &err), 0, "layout of a digest");
	if (!L) {
		galley_doc_free(d);
		return;
	}
	/* page ii: the contents */
	pg = &L->pages[1];
	for (size_t k = 0; k < pg->nlines; k++)
		if (pg->lines[k].kind == GALLEY_LINE_BODY) {
			if (!first)
				first = &pg->lines[k];
			else if (!second)
				second = &pg->lines[k];
		}
	T_CHECK(first && second, "the entry turns over");
	if (first && second) {
		double x1 = 1e9, x2 = 1e9;
		for (size_t t = 0; t < pg->ntexts; t++) {
			if (fabs(pg->texts[t].y - first->y) < 0.01)
				x1 = fmin(x1, pg->texts[t].x);
			if (fabs(pg->texts[t].y - second->y) < 0.01)
				x2 = fmin(x2, pg->texts[t].x);
		}
		T_CHECK(x2 - x1 > 10, "the turnover hangs");
	}
	lines_of(L, GALLEY_LINE_BODY, got, sizeof got);
	T_CHECK(strstr(got, "Eleanor Fairweather") != NULL && strstr(got, "Sunil Varma") != NULL,
	        "names are not parted");
	galley_layout_free(L);
	galley_doc_free(d);
}

int main(void)
{
	test_weak_words();
	test_titles_and_headings();
	test_even();
	test_contents();
	return t_done();
}
