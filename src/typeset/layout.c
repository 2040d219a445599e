/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * layout.c: the typesetter's public API (galley/typeset.h).
 *
 * Design note.
 *
 * The model.  A layout turns a finished document into a display list
 * (display.h): pages of positioned glyph runs, rectangles, images, link
 * areas and destinations, plus the outline, page labels and the page map
 * stored back on the document.  Nothing here knows about PDF; src/pdf only
 * paints the list, and trace.c dumps it as text for the golden tests.
 *
 * The algorithm, in three passes per article, like TeX:
 *   1. blocks.c walks the blocks; paragraph.c turns each paragraph into
 *      boxes, glue and penalties (words measured once per face through the
 *      cache in fonts.c, hyphenated once per word through hyphen.c), breaks
 *      them into lines with Knuth-Plass (linebreak.c) and places every word
 *      of every line.  The result is a vertical list of lines and spaces
 *      carrying keep rules.
 *   2. page.c pours the vertical list onto pages and columns, honouring the
 *      keeps (widows, orphans, headings) and balancing columns.
 *   3. this file adds the page furniture (running heads, folios), labels
 *      and the page map.
 *
 * Threads.  Articles are independent until pagination, so with jobs > 1
 * (and more than one article) worker threads run pass 1 for different
 * articles while the calling thread paginates them strictly in article
 * order.  Each worker has its own font cache, hyphenator and arena (no
 * locks on the hot paths) and collects its warnings into a private
 * document; the paginator replays them in article order.  Everything a
 * worker computes is a pure function of the article and the options, so
 * the display list, the warnings and hence the PDF are byte-identical to
 * a single-threaded run (tests/e2e checks --jobs 1 against the default).
 *
 * Alternatives considered.  Greedy line breaking (what browsers do) is
 * simpler and a little faster but leaves loose lines and rivers; total-fit
 * costs little with a small active list.  Breaking pages with TeX's
 * optimal page builder (costs over all breaks) was set aside for a
 * first-fit builder with keeps: paragraphs are short next to a page, and
 * the keeps give the guarantees the issue asks for.  Positioning each word
 * ourselves instead of using Tw is forced by libharu (Tw does nothing with
 * UTF-8 fonts), and it is what lets kerning and justification share one
 * code path.
 */
#include <errno.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/number.h"
#include "base/cpus.h"
#include "model/options.h"
#include "typeset/internal.h"
#include "typeset/theme.h"

/* Sizes, spaces, rules and colours: the type scale (theme.c). */
static const galley_theme *const theme = &galley_theme_default;

/* Hyphenation language of an article that names none, nor its document. */
#define GL_DEFAULT_LANG "en-US"
/* Languages whose dictionaries are loaded ahead (a multilingual digest has
 * a few); others load when first needed. */
#define GL_PRELOAD_LANGS 8

/* Automatic worker count (jobs = 0): the online CPUs, at most this many;
 * past it the serial pagination is the bottleneck and memory grows. */
#define GL_JOBS_AUTO_MAX 8
/* Articles built ahead of pagination, per worker: enough to keep workers
 * busy while one long article is paginated, few enough that memory stays
 * bounded by the window, not by the number of articles. */
#define GL_AHEAD_PER_WORKER 4

/* ---- paper and lengths -------------------------------------------------- */

static int unit_factor(const char *u, double *f)
{
	if (strcmp(u, "mm") == 0) *f = 72.0 / 25.4;
	else if (strcmp(u, "cm") == 0) *f = 72.0 / 2.54;
	else if (strcmp(u, "in") == 0) *f = 72.0;
	else if (strcmp(u, "pt") == 0) *f = 1.0;
	else return -1;
	return 0;
}

/* A non-negative finite number at the start of `s`, read in the "C"
 * locale; *end after it.  0 or -1. */
static int leading_number(const char *s, double *v, char **end)
{
	errno = 0;
	*v = galley_parse_double(s, end);
	if (*end == s || errno == ERANGE || !isfinite(*v) || *v < 0)
		return -1;
	return 0;
}

int galley_length_parse(const char *s, double *points)
{
	char *end;
	double v, f = 1.0;

	if (!s || !*s || leading_number(s, &v, &end) < 0)
		return -1;
	if (*end != '\0' && unit_factor(end, &f) < 0)
		return -1;
	*points = v * f;
	return 0;
}

int galley_paper_parse(const char *s, double *width, double *height)
{
	static const struct { const char *name; double w, h; } named[] = {
		{"a4", 595.276, 841.890}, {"letter", 612.0, 792.0}, {"a5", 419.528, 595.276},
		{"b5", 498.898, 708.661}, {"legal", 612.0, 1008.0}, {"a3", 841.890, 1190.551},
	};
	char buf[64], *x, *end;
	double w, h, f;
	size_t n;

	if (!s || (n = strlen(s)) == 0 || n >= sizeof buf)
		return -1;
	/* ASCII only: tolower would follow the locale */
	for (size_t i = 0; i <= n; i++)
		buf[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcmp(buf, named[i].name) == 0) {
			*width = named[i].w;
			*height = named[i].h;
			return 0;
		}
	x = strchr(buf, 'x');
	if (!x)
		return -1;
	*x = '\0';
	if (leading_number(buf, &w, &end) < 0 || *end != '\0')
		return -1;
	if (leading_number(x + 1, &h, &end) < 0 || unit_factor(end, &f) < 0)
		return -1;
	if (!(w * f >= GALLEY_PAGE_SIZE_MIN && w * f <= GALLEY_PAGE_SIZE_MAX &&
	      h * f >= GALLEY_PAGE_SIZE_MIN && h * f <= GALLEY_PAGE_SIZE_MAX))
		return -1;
	*width = w * f;
	*height = h * f;
	return 0;
}

/* ---- accessors ---------------------------------------------------------- */

size_t galley_layout_npages(const galley_layout *layout)
{
	return layout ? layout->npages : 0;
}

size_t galley_layout_npages_dl(const galley_layout *layout)
{
	return layout->npages;
}

const galley_dl_page *galley_layout_page(const galley_layout *layout, size_t i)
{
	return i < layout->npages ? &layout->pages[i] : NULL;
}

const char *galley_layout_face_path(const galley_layout *layout, int face)
{
	if (face < 0 || face >= GALLEY_MAX_FACES)
		return NULL;
	return gl_fonts_path(layout->fonts, face);
}

unsigned galley_layout_face_index(const galley_layout *layout, int face)
{
	return gl_fonts_index(layout->fonts, face);
}

int galley_layout_nfaces(const galley_layout *layout)
{
	return gl_fonts_nfaces(layout->fonts);
}

size_t galley_layout_noutline(const galley_layout *layout)
{
	return layout->noutline;
}

const galley_dl_outline *galley_layout_outline(const galley_layout *layout, size_t i)
{
	return i < layout->noutline ? &layout->outline[i] : NULL;
}

const galley_dl_info *galley_layout_info(const galley_layout *layout)
{
	return &layout->info;
}

size_t galley_layout_nlabel_ranges(const galley_layout *layout)
{
	return layout->nlabels;
}

const galley_dl_label_range *galley_layout_label_range(const galley_layout *layout, size_t i)
{
	return i < layout->nlabels ? &layout->labels[i] : NULL;
}

/* What worker threads made that the display list points into: their
 * measured-word caches and arenas.  A list, freed with the layout. */
struct gl_retained {
	struct gl_retained *next;
	gl_fonts *fonts;
	gl_arena arena;
};

static void retained_free(struct gl_retained *r)
{
	while (r) {
		struct gl_retained *next = r->next;
		gl_fonts_free(r->fonts);
		gl_arena_free(&r->arena);
		free(r);
		r = next;
	}
}

void galley_layout_free(galley_layout *L)
{
	if (!L)
		return;
	for (size_t i = 0; i < L->npages; i++) {
		galley_dl_page *p = &L->pages[i];
		free(p->texts);
		free(p->rects);
		free(p->images);
		free(p->links);
		free(p->dests);
		free(p->lines);
	}
	free(L->pages);
	free(L->pinfo);
	free(L->marks);
	free(L->outline);
	retained_free(L->retained);
	gl_para_scratch_free(L->para_scratch);
	gl_fonts_free(L->fonts);
	galley_pool_free(L->hyph_freer);  /* once the hyphenator is freed */
	if (L->hyph)
		galley_hyph_free(L->hyph);
	gl_arena_free(&L->arena);
	free(L);
}

/* ---- setup -------------------------------------------------------------- */

static const char *font_dir(const galley_layout_options *o)
{
	return galley_font_dir(o->font_dir);
}

int galley_layout_options_init(galley_layout_options *opts, unsigned version)
{
	static const galley_layout_options defaults = GALLEY_LAYOUT_OPTIONS_INIT;

	if (!opts || version == 0 || version > GALLEY_LAYOUT_OPTIONS_VERSION)
		return GALLEY_EUSAGE;
	*opts = defaults;
	return 0;
}

/* The comparisons are written so that a NaN fails them. */
int galley_layout_options_check(const galley_layout_options *o, galley_error *err)
{
	double tw, th, measure, min_measure, min_height;
	int rc;

	if (!o)
		return galley_error_set(err, GALLEY_EUSAGE, NULL, "no layout options");
	rc = galley_options_version_check(o->version, GALLEY_LAYOUT_OPTIONS_VERSION,
	                                  "galley_layout_options", err);
	if (rc < 0)
		return rc;
	if (!(o->page_width >= GALLEY_PAGE_SIZE_MIN && o->page_width <= GALLEY_PAGE_SIZE_MAX &&
	      o->page_height >= GALLEY_PAGE_SIZE_MIN && o->page_height <= GALLEY_PAGE_SIZE_MAX))
		return galley_error_set(err, GALLEY_EUSAGE, NULL,
		                        "page size %.1fx%.1f pt is out of range (%g to %g pt a side)",
		                        o->page_width, o->page_height, GALLEY_PAGE_SIZE_MIN, GALLEY_PAGE_SIZE_MAX);
	if (!(o->font_size >= GALLEY_FONT_SIZE_MIN && o->font_size <= GALLEY_FONT_SIZE_MAX))
		return galley_error_set(err, GALLEY_EUSAGE, NULL, "font size %.1f pt is out of range (%g to %g)",
		                        o->font_size, GALLEY_FONT_SIZE_MIN, GALLEY_FONT_SIZE_MAX);
	if (o->columns < 1 || o->columns > GALLEY_COLUMNS_MAX)
		return galley_error_set(err, GALLEY_EUSAGE, NULL, "columns must be from 1 to %d",
		                        GALLEY_COLUMNS_MAX);
	if (!(o->margin_top >= 0 && o->margin_bottom >= 0 && o->margin_inner >= 0 && o->margin_outer >= 0))
		return galley_error_set(err, GALLEY_EUSAGE, NULL, "margins must not be negative");
	if (!(o->column_gap >= 0 && isfinite(o->column_gap)))
		return galley_error_set(err, GALLEY_EUSAGE, NULL, "the column gap must not be negative");
	if (o->leading != 0 && !(o->leading >= o->font_size * GALLEY_LEADING_MIN &&
	                         o->leading <= o->font_size * GALLEY_LEADING_MAX))
		return galley_error_set(err, GALLEY_EUSAGE, NULL,
		                        "leading %.1f pt is out of range (%.1f to %.1f pt for %.1f pt type)",
		                        o->leading, o->font_size * GALLEY_LEADING_MIN,
		                        o->font_size * GALLEY_LEADING_MAX, o->font_size);
	tw = o->page_width - o->margin_inner - o->margin_outer;
	th = o->page_height - o->margin_top - o->margin_bottom;
	measure = (tw - (o->columns - 1) * o->column_gap) / o->columns;
	min_measure = fmax(GALLEY_MEASURE_MIN, o->font_size * GALLEY_MEASURE_MIN_EMS);
	min_height = fmax(GALLEY_TEXT_HEIGHT_MIN, o->font_size * GALLEY_TEXT_HEIGHT_MIN_EMS);
	if (!(measure >= min_measure && th >= min_height))
		return galley_error_set(err, GALLEY_EUSAGE, NULL,
		                        "the margins leave a text area of %.0f x %.0f pt (column %.0f pt); "
		                        "at least %.0f pt wide per column and %.0f pt high are needed",
		                        tw, th, measure, min_measure, min_height);
	if (o->jobs < 0 || o->jobs > GALLEY_JOBS_MAX)
		return galley_error_set(err, GALLEY_EUSAGE, NULL, "jobs must be 0 (automatic) to %d",
		                        GALLEY_JOBS_MAX);
	return 0;
}

static char *join(galley_layout *L, const char *const *s, size_t n, const char *sep)
{
	size_t len = 1, at = 0;
	char *out;

	if (n == 0)
		return NULL;
	for (size_t i = 0; i < n; i++)
		len += strlen(s[i]) + strlen(sep);
	out = gl_arena_alloc(&L->arena, len);
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++)
		at += (size_t)snprintf(out + at, len - at, "%s%s", i ? sep : "", s[i]);
	return out;
}

static void set_info(galley_layout *L)
{
	const galley_doc *doc = L->doc;
	const galley_meta *m = galley_doc_meta_const(doc);
	const galley_article *a0 = galley_doc_narticles(doc) ? galley_doc_article(doc, 0) : NULL;
	const galley_meta *am = a0 ? &a0->meta : NULL;

	L->info.title = galley_doc_display_title(doc);
	if (m->nauthors)
		L->info.author = join(L, m->authors, m->nauthors, ", ");
	else if (m->editor)
		L->info.author = m->editor;
	else if (am && am->nauthors && galley_doc_narticles(doc) == 1)
		L->info.author = join(L, am->authors, am->nauthors, ", ");
	L->info.subject = m->description ? m->description : m->summary;
	if (!L->info.subject && am && galley_doc_narticles(doc) == 1)
		L->info.subject = am->summary;
	if (m->ntags)
		L->info.keywords = join(L, m->tags, m->ntags, ", ");
	else if (am && am->ntags && galley_doc_narticles(doc) == 1)
		L->info.keywords = join(L, am->tags, am->ntags, ", ");
	L->info.date = galley_doc_output_date(doc);
}

/* Where furniture() puts a line of text in the text area's width. */
enum { GL_ALIGN_LEFT, GL_ALIGN_CENTRE, GL_ALIGN_RIGHT };

/* Single-line text, cut with an ellipsis to fit `width`, aligned left,
 * centred or right within the text area. */
static int placed(galley_layout *L, galley_dl_page *p, const char *s, int face, double size,
                  double y, double width, int align, uint32_t color)
{
	const gl_word *w = gl_fonts_word(L->fonts, face, s, strlen(s));
	const gl_word *ell = gl_fonts_word(L->fonts, face, "\xE2\x80\xA6", 3);
	uint32_t n;
	double total, x0;
	int rc = 0;

	if (!w || !ell)
		return GALLEY_ENOMEM;
	n = w->n;
	total = w->g[n].x * size / 1000.0;
	if (total > width) {
		double room = width - ell->g[ell->n].x * size / 1000.0;
		while (n > 0 && w->g[n].x * size / 1000.0 > room)
			n--;
		total = w->g[n].x * size / 1000.0 + ell->g[ell->n].x * size / 1000.0;
	}
	x0 = align == GL_ALIGN_LEFT ? L->text_left
	   : align == GL_ALIGN_RIGHT ? L->text_left + L->text_width - total
	   : L->text_left + (L->text_width - total) / 2;
	/* one run per word, as in body text: the PDF writer then places each
	 * word where the shaper put it, and a long head does not drift past
	 * its edge by the rounding of glyph widths along it */
	for (uint32_t a = 0, k = 1; k <= n && rc == 0; k++) {
		bool space = k < n && w->text[w->g[k].byte] == ' ';
		if (k < n && !space && w->g[k].face == w->g[a].face && w->text[w->g[a].byte] != ' ')
			continue;
		if (w->text[w->g[a].byte] != ' ') {
			galley_dl_text t = {x0 + w->g[a].x * size / 1000.0, y, size, w->text + w->g[a].byte,
			                    w->g[k].byte - w->g[a].byte, color, w->g[a].face, 0, 0, w->shaped};
			L->face_used[w->g[a].face] = true;
			if (t.len)
				rc = gl_page_text(p, &t);
		}
		a = k;
	}
	if (rc == 0 && n < w->n) {
		galley_dl_text t = {x0 + w->g[n].x * size / 1000.0, y, size, ell->text, ell->len, color, ell->g[0].face, 0, 0, ell->shaped};
		L->face_used[ell->g[0].face] = true;
		rc = gl_page_text(p, &t);
	}
	return rc;
}

/* Running heads, folios and page labels.  Front matter (a digest's title
 * page and contents) is numbered in lower-case roman, the body from 1 in
 * arabic.  The running head is the article's title; in a digest, the
 * digest's title on even (left-hand) pages and the article's title on odd
 * (right-hand) ones.  No running head on a page where an article starts,
 * nor on front matter; no folio on the title page. */
static const char *article_lang(const galley_doc *doc, const galley_article *a);

static int furniture(galley_layout *L, galley_error *err)
{
	const galley_meta *pub = galley_doc_meta_const(L->doc);
	const char *digest_title = pub->title && pub->title[0] ? pub->title : NULL;
	double fs = L->opts.font_size;
	int rc = 0;

	L->nlabels = 0;
	if (L->nfront > 0) {
		galley_dl_label_range r = {0, GALLEY_NUMBERING_LOWER_ROMAN, 1};
		L->labels[L->nlabels++] = r;
	}
	if (L->npages > L->nfront) {
		galley_dl_label_range r = {L->nfront, GALLEY_NUMBERING_DECIMAL, 1};
		L->labels[L->nlabels++] = r;
	}
	for (size_t i = 0; i < L->npages && rc == 0; i++) {
		galley_dl_page *p = &L->pages[i];
		gl_pinfo *info = &L->pinfo[i];
		int align = GL_ALIGN_CENTRE;
		char num[32];

		if (i < L->nfront)
			gl_roman((unsigned)(i + 1), num);
		else
			snprintf(num, sizeof num, "%zu", i - L->nfront + 1);
		p->label = gl_arena_strndup(&L->arena, num, strlen(num));
		if (!p->label) {
			rc = GALLEY_ENOMEM;
			break;
		}
		/* In two columns, folio and running head go to the outer edge of
		 * the page, inside a column, so that no line of furniture crosses
		 * the gutter. */
		if (L->opts.columns > 1)
			align = (i + 1) % 2 == 0 ? GL_ALIGN_LEFT : GL_ALIGN_RIGHT;
		if (!info->title_page)
			rc = placed(L, p, num, GALLEY_FACE_REGULAR, fs * theme->furniture.size,
			            L->opts.margin_bottom * theme->furniture.folio_baseline, L->col_width, align,
			            theme->color.folio);
		if (rc == 0 && !info->first && !info->front) {
			const char *head = info->art && info->art->meta.title ? info->art->meta.title
			                                                     : galley_doc_display_title(L->doc);
			if (digest_title && L->nfront > 0 && (i - L->nfront + 1) % 2 == 0)
				head = digest_title;
			/* Han forms of the page's article, whichever thread set it */
			gl_fonts_lang(L->fonts, info->art ? article_lang(L->doc, info->art) : NULL);
			rc = placed(L, p, head, GALLEY_FACE_ITALIC, fs * theme->furniture.size,
			            L->opts.page_height - L->opts.margin_top * theme->furniture.head_baseline,
			            L->col_width, align, theme->color.folio);
		}
	}
	if (rc < 0)
		galley_error_set(err, rc, NULL, "out of memory");
	return rc;
}

static int page_map(galley_layout *L, galley_error *err)
{
	galley_page_mark *marks = calloc(L->npages ? L->npages : 1, sizeof *marks);
	uint32_t a = 0, b = 0, o = 0;

	if (!marks)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	for (size_t i = 0; i < L->npages; i++) {
		if (L->pinfo[i].front) {
			marks[i].label = L->pages[i].label;
			marks[i].article = UINT32_MAX;
			continue;
		}
		if (L->pinfo[i].has_mark) {
			a = L->pinfo[i].article;
			b = L->pinfo[i].block;
			o = L->pinfo[i].offset;
		} else if (L->pinfo[i].art) {
			/* nothing with a position starts here: the last one carries on */
			if (a != L->pinfo[i].art->index) {
				a = L->pinfo[i].art->index;
				b = o = 0;
			}
		}
		marks[i].label = L->pages[i].label;
		marks[i].article = a;
		marks[i].block = b;
		marks[i].offset = o;
	}
	free(L->marks);
	L->marks = marks;
	return 0;
}

const galley_page_mark *galley_layout_page_map(const galley_layout *layout, size_t *n)
{
	*n = layout->marks ? layout->npages : 0;
	return layout->marks;
}

/* ---- building articles, serially or with worker threads ----------------- */

/* Prepares `L` (the layout, or a worker's copy of it) for article `a` of
 * `doc`: the hyphenation language and the per-article flags.  The warning
 * about a missing dictionary goes to gl_diag_doc(L). */
static const char *article_lang(const galley_doc *doc, const galley_article *a)
{
	const char *lang = a->meta.lang ? a->meta.lang : galley_doc_meta_const(doc)->lang;

	return lang ? lang : GL_DEFAULT_LANG;
}

/* Starts loading the hyphenation dictionaries of the document's languages
 * in the background (hyphen.c): the first article's line breaking then
 * waits for the rest of the load, not all of it, and worker threads
 * share one copy instead of each loading its own. */
static void preload_languages(galley_layout *L)
{
	const char *langs[GL_PRELOAD_LANGS];
	size_t n = 0;

	for (size_t i = 0; i < galley_doc_narticles(L->doc) && n < GL_PRELOAD_LANGS; i++) {
		const char *lang = article_lang(L->doc, galley_doc_article(L->doc, i));
		bool seen = false;
		for (size_t k = 0; k < n && !seen; k++)
			seen = strcmp(langs[k], lang) == 0;
		if (!seen)
			langs[n++] = lang;
	}
	galley_hyph_preload(L->hyph, langs, n);
}

static int begin_article(galley_layout *L, const galley_doc *doc, const galley_article *a,
                         galley_error *err)
{
	const char *lang = article_lang(doc, a);

	L->article = a;
	L->warned_glyph = false;
	L->nwarned_cp = 0;
	L->lang = NULL;
	gl_fonts_lang(L->fonts, lang);
	if (!L->hyph)
		return 0;
	if (galley_hyph_has_language(L->hyph, lang))
		L->lang = lang;
	else if (galley_doc_warn(gl_diag_doc(L), GALLEY_WARNING, &a->pos,
	                         "no hyphenation dictionary for language \"%s\"; not hyphenating", lang) < 0)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	return 0;
}

/* Tells the caller's progress callback (galley/progress.h) that `done`
 * articles are paginated.  Called from the calling thread only. */
static void report_progress(const galley_layout *L, size_t done)
{
	if (L->opts.progress)
		L->opts.progress(L->opts.progress_ctx, "layout", done, galley_doc_narticles(L->doc));
}

static int build_serial(galley_layout *L, galley_error *err)
{
	gl_vlist v;
	int rc = 0;

	memset(&v, 0, sizeof v);
	for (size_t i = 0; i < galley_doc_narticles(L->doc) && rc == 0; i++) {
		const galley_article *a = galley_doc_article(L->doc, i);
		size_t first;

		rc = begin_article(L, L->doc, a, err);
		gl_vlist_clear(&v);
		if (rc == 0)
			rc = gl_build_article(L, a, &v, err);
		if (rc == 0)
			rc = gl_paginate(L, &v, &first, err);
		if (rc == 0)
			report_progress(L, i + 1);
	}
	gl_vlist_free(&v);
	return rc;
}

/* One article built by a worker: its vertical list, its warnings (copied
 * out of the worker's private document) and its outcome. */
typedef struct gl_job {
	galley_task task;
	struct gl_par *par;
	size_t i;             /* the article */
	gl_vlist v;
	galley_diag *diags;   /* messages malloc'ed */
	size_t ndiags;
	int rc;
	galley_error err;
} gl_job;

/* Articles built on a pool's workers and paginated in order on the
 * calling thread: job i builds article i, and the paginator submits job
 * i + ahead when it has paginated article i, so at most `ahead` articles
 * wait built.  A job writes only itself and its worker's state
 * (workers[worker]); the paginator reads a job once galley_task_wait says
 * it is done. */
typedef struct gl_par {
	galley_layout *L;
	galley_pool *pool;
	size_t n;              /* articles */
	size_t ahead;          /* jobs submitted past the one being paginated */
	atomic_bool stop;      /* the paginator failed: jobs not begun do nothing */
	gl_job *jobs;
	struct gl_worker *workers;  /* one per pool worker */
	size_t nworkers;
} gl_par;

typedef struct gl_worker {
	galley_layout shadow;  /* the layout with the worker's fonts, hyphenator, arena */
	galley_doc *diag;      /* collects the worker's warnings */
	bool made;             /* worker_init ran: worker_retire must */
} gl_worker;

static int copy_diags(gl_job *job, const galley_doc *from, size_t first, galley_error *err)
{
	size_t n = galley_doc_ndiags(from) - first;

	if (n == 0)
		return 0;
	job->diags = calloc(n, sizeof *job->diags);
	if (!job->diags)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	for (size_t k = 0; k < n; k++) {
		const galley_diag *d = galley_doc_diag(from, first + k);
		job->diags[k] = *d;
		job->diags[k].message = strdup(d->message ? d->message : "");
		if (!job->diags[k].message)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		job->ndiags = k + 1;
	}
	return 0;
}

/* Job i on worker `worker`: pass 1 of article i with that worker's state. */
static void build_job(void *arg, size_t worker)
{
	gl_job *job = arg;
	gl_par *P = job->par;
	gl_worker *w = &P->workers[worker];
	galley_layout *S = &w->shadow;
	const galley_doc *doc = P->L->doc;
	const galley_article *a = galley_doc_article(doc, job->i);
	size_t first = galley_doc_ndiags(w->diag);
	int rc;

	if (atomic_load(&P->stop))
		return;
	rc = begin_article(S, doc, a, &job->err);
	if (rc == 0)
		rc = gl_build_article(S, a, &job->v, &job->err);
	if (rc == 0)
		rc = copy_diags(job, w->diag, first, &job->err);
	job->rc = rc;
}

/* Gives worker `w` its own copy of the layout state pass 1 writes. */
static int worker_init(gl_worker *w, galley_layout *L, galley_error *err)
{
	int rc;

	w->made = true;
	w->shadow = *L;
	w->shadow.fonts = NULL;
	w->shadow.hyph = NULL;
	w->shadow.retained = NULL;
	w->shadow.para_scratch = NULL;
	memset(&w->shadow.arena, 0, sizeof w->shadow.arena);
	memset(w->shadow.face_used, 0, sizeof w->shadow.face_used);
	w->shadow.pages = NULL;
	w->shadow.pinfo = NULL;
	w->shadow.outline = NULL;
	w->shadow.npages = w->shadow.cpages = w->shadow.cpinfo = 0;
	w->shadow.noutline = w->shadow.coutline = 0;
	w->diag = galley_doc_new();
	if (!w->diag)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	w->shadow.diag = w->diag;
	rc = gl_fonts_open(&w->shadow.fonts, font_dir(&L->opts), L->opts.body_family, err);
	if (rc < 0)
		return rc;
	gl_fonts_share(w->shadow.fonts, L->fonts);
	if (L->hyph) {
		w->shadow.hyph = galley_hyph_new_child(L->hyph);
		if (!w->shadow.hyph)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	}
	return 0;
}

/* Hands what the display list points into (the worker's fonts and arena)
 * to the layout, and frees the rest of the worker. */
static int worker_retire(galley_layout *L, gl_worker *w)
{
	struct gl_retained *r = calloc(1, sizeof *r);
	int rc = 0;

	if (r) {
		r->fonts = w->shadow.fonts;
		r->arena = w->shadow.arena;
		r->next = L->retained;
		L->retained = r;
	} else {
		/* nothing the layout keeps can point into them after a failure */
		gl_fonts_free(w->shadow.fonts);
		gl_arena_free(&w->shadow.arena);
		rc = GALLEY_ENOMEM;
	}
	for (int f = 0; f < GALLEY_MAX_FACES; f++)
		L->face_used[f] = L->face_used[f] || w->shadow.face_used[f];
	if (w->shadow.hyph)
		galley_hyph_free(w->shadow.hyph);
	gl_para_scratch_free(w->shadow.para_scratch);
	w->shadow.para_scratch = NULL;
	galley_doc_free(w->diag);
	return rc;
}

static void submit_job(gl_par *P, size_t i)
{
	if (i >= P->n)
		return;
	galley_pool_submit(P->pool, &P->jobs[i].task, build_job, &P->jobs[i]);
	if (i + 1 == P->n)
		galley_pool_close(P->pool);  /* workers end as they run out of articles */
}

/* Waits for article i, replays its warnings, paginates it and lets the
 * workers start on article i + ahead. */
static int paginate_job(gl_par *P, size_t i, galley_error *err)
{
	galley_layout *L = P->L;
	gl_job *job = &P->jobs[i];
	size_t first;
	int rc = 0;

	galley_task_wait(P->pool, &job->task);
	for (size_t k = 0; k < job->ndiags && rc == 0; k++) {
		const galley_diag *d = &job->diags[k];
		if (galley_doc_warn(L->doc, d->severity, &d->pos, "%s", d->message) < 0)
			rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	}
	if (rc == 0 && job->rc < 0) {
		rc = job->rc;
		if (err && err->code == GALLEY_OK)
			*err = job->err;
	}
	if (rc == 0) {
		L->article = galley_doc_article(L->doc, i);
		rc = gl_paginate(L, &job->v, &first, err);
	}
	if (rc == 0)
		report_progress(L, i + 1);
	gl_vlist_free(&job->v);
	if (rc == 0)
		submit_job(P, i + P->ahead);
	return rc;
}

static int build_parallel(galley_layout *L, size_t nworkers, galley_error *err)
{
	gl_par P;
	int rc = 0;

	memset(&P, 0, sizeof P);
	P.L = L;
	P.n = galley_doc_narticles(L->doc);
	atomic_init(&P.stop, false);
	P.pool = galley_pool_new(nworkers);
	if (!P.pool || galley_pool_threads(P.pool) == 0) {
		/* threads unavailable: do the work in this thread */
		galley_pool_free(P.pool);
		return build_serial(L, err);
	}
	P.nworkers = galley_pool_threads(P.pool);  /* fewer than asked: still correct */
	P.ahead = P.nworkers * GL_AHEAD_PER_WORKER;
	P.jobs = calloc(P.n, sizeof *P.jobs);
	P.workers = calloc(P.nworkers, sizeof *P.workers);
	if (!P.jobs || !P.workers) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	for (size_t k = 0; k < P.nworkers && rc == 0; k++)
		rc = worker_init(&P.workers[k], L, err);
	for (size_t i = 0; i < P.n && rc == 0; i++) {
		P.jobs[i].par = &P;
		P.jobs[i].i = i;
	}
	for (size_t i = 0; i < P.ahead && rc == 0; i++)
		submit_job(&P, i);
	for (size_t i = 0; i < P.n && rc == 0; i++)
		rc = paginate_job(&P, i, err);
cleanup:
	atomic_store(&P.stop, true);
	galley_pool_free(P.pool);  /* after the jobs under way */
	for (size_t k = 0; P.workers && k < P.nworkers; k++)
		if (P.workers[k].made && worker_retire(L, &P.workers[k]) < 0 && rc == 0)
			rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	for (size_t i = 0; P.jobs && i < P.n; i++) {
		gl_vlist_free(&P.jobs[i].v);
		for (size_t k = 0; k < P.jobs[i].ndiags; k++)
			free((char *)P.jobs[i].diags[k].message);
		free(P.jobs[i].diags);
	}
	free(P.jobs);
	free(P.workers);
	return rc;
}

/* Worker threads for `jobs` (0: automatic) and `narticles`; 0 or 1 means
 * building in the calling thread. */
static size_t worker_count(int jobs, size_t narticles)
{
	size_t n;

	if (jobs == 0) {
		n = galley_cpus_online(GL_JOBS_AUTO_MAX);
	} else {
		n = (size_t)jobs;
	}
	if (n > narticles)
		n = narticles;
	return n;
}

/* Pass 1 and 2 for every article (see the design note). */
static int build_articles(galley_layout *L, galley_error *err)
{
	size_t nworkers = worker_count(L->opts.jobs, galley_doc_narticles(L->doc));
	int rc;

	L->face_used[GALLEY_FACE_REGULAR] = true;
	if (nworkers > 1)
		rc = build_parallel(L, nworkers, err);
	else
		rc = build_serial(L, err);
	L->article = NULL;
	return rc;
}

static void free_hyphenator(void *h, size_t worker)
{
	(void)worker;
	galley_hyph_free(h);
}

/* Lines are set: the hyphenator is done.  Its dictionaries are a hundred
 * thousand small blocks (en-US: 11M instructions to free, a third of a
 * one-article PDF's own work), so a pool's thread frees them while the
 * caller writes the output; galley_layout_free waits for it.  Without a
 * pool they are freed here. */
static void retire_hyphenator(galley_layout *L)
{
	if (!L->hyph)
		return;
	if (L->hyph_shared) {
		/* a child of a cache's hyphenator: only its word cache to free */
		galley_hyph_free(L->hyph);
		L->hyph = NULL;
		return;
	}
	L->hyph_freer = galley_pool_new(1);
	if (L->hyph_freer) {
		galley_pool_submit(L->hyph_freer, &L->hyph_freeing, free_hyphenator, L->hyph);
		galley_pool_close(L->hyph_freer);
	} else
		galley_hyph_free(L->hyph);
	L->hyph = NULL;
}

/* Gives back the spare room of the pages' text arrays (they grew by
 * doubling, a quarter of their size on average): a thousand-article
 * digest keeps tens of megabytes less while the PDF is written. */
static void trim_pages(galley_layout *L)
{
	for (size_t i = 0; i < L->npages; i++) {
		galley_dl_page *p = &L->pages[i];
		galley_dl_text *t;
		if (p->ntexts == 0 || p->ntexts == p->ctexts)
			continue;
		t = realloc(p->texts, p->ntexts * sizeof *t);
		if (t) {  /* else keep the larger array */
			p->texts = t;
			p->ctexts = p->ntexts;
		}
	}
}

struct galley_layout_cache {
	galley_hyphenator *hyph;  /* the parent whose dictionaries layouts share */
};

galley_layout_cache *galley_layout_cache_new(void)
{
	galley_layout_cache *c = calloc(1, sizeof *c);

	if (c && !(c->hyph = galley_hyph_new(NULL))) {
		free(c);
		c = NULL;
	}
	return c;
}

void galley_layout_cache_free(galley_layout_cache *cache)
{
	if (!cache)
		return;
	galley_hyph_free(cache->hyph);
	free(cache);
}

int galley_layout_new(galley_layout **out, galley_doc *doc,
                      const galley_layout_options *opts, galley_error *err)
{
	return galley_layout_new_cached(out, doc, opts, NULL, err);
}

int galley_layout_new_cached(galley_layout **out, galley_doc *doc,
                             const galley_layout_options *opts, galley_layout_cache *cache,
                             galley_error *err)
{
	galley_layout_options defaults = GALLEY_LAYOUT_OPTIONS_INIT;
	galley_layout *L = NULL;
	int rc = 0;

	*out = NULL;
	if (!opts)
		opts = &defaults;
	rc = galley_layout_options_check(opts, err);
	if (rc < 0)
		return rc;
	if (galley_doc_narticles(doc) == 0)
		return galley_error_set(err, GALLEY_EEMPTY, NULL, "nothing to typeset: the document has no article");
	L = calloc(1, sizeof *L);
	if (!L)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	L->opts = *opts;
	L->doc = doc;
	L->model = doc;
	L->leading = opts->leading > 0 ? opts->leading : opts->font_size * theme->body.leading;
	L->text_left = opts->margin_inner;
	L->text_width = opts->page_width - opts->margin_inner - opts->margin_outer;
	L->text_top = opts->page_height - opts->margin_top;
	L->text_bottom = opts->margin_bottom;
	L->col_width = opts->columns > 1 ? (L->text_width - opts->column_gap) / 2 : L->text_width;
	if (opts->hyphenate) {
		/* With a cache, the dictionaries are its hyphenator's: loaded by
		 * the first layout that asks, under the store's lock, and kept. */
		L->hyph = cache ? galley_hyph_new_child(cache->hyph) : galley_hyph_new(NULL);
		L->hyph_shared = cache != NULL;
		if (!L->hyph) {
			rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
			goto cleanup;
		}
		preload_languages(L);  /* loads while the fonts open (not for a child) */
	}
	rc = gl_fonts_open(&L->fonts, font_dir(opts), opts->body_family, err);
	if (rc < 0)
		goto cleanup;
	L->face_used[GALLEY_FACE_REGULAR] = true;
	set_info(L);
	if (rc == 0)
		rc = build_articles(L, err);
	L->article = NULL;
	/* what the calling thread measures from here on (contents, running
	 * heads) does not depend on which article it set last */
	gl_fonts_lang(L->fonts, NULL);
	/* digest front matter and section outline entries (titlepage.c) */
	if (rc == 0)
		rc = gl_outline_sections(L, err);
	if (rc == 0 && gl_is_digest(doc))
		rc = gl_front_matter(L, err);
	if (rc == 0)
		rc = furniture(L, err);
	if (rc == 0)
		rc = page_map(L, err);
	if (rc == 0) {
		trim_pages(L);
		retire_hyphenator(L);
		*out = L;
		L = NULL;
	}
cleanup:
	galley_layout_free(L);
	return rc;
}
