/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * page.c: the vertical list of an article poured onto pages.
 *
 * A page is filled top-down with items until the next does not fit; the
 * break is then taken at the last place the keep rules allow (an item's
 * nobreak_before forbids a break just before it), so lines move to the next
 * page rather than leave a widow, an orphan or a heading alone at the
 * bottom.  Spaces vanish at the top and bottom of a column.  Only when a
 * whole column offers no allowed break are the keeps given up (a
 * pathological chain longer than a page).
 *
 * With two columns, items marked `span` (the article header, level-1
 * headings) cut the flow into regions: a span region is set across the
 * full width, a column region fills column one then column two, and the
 * region that ends the article (or meets a span) is balanced: a binary
 * search for the smallest column height that still holds all its items.
 *
 * A table's row that starts a page or a column is set under a copy of its
 * table's head (gl_vitem.head, made by table.c): a long table repeats its
 * header wherever it continues, and a column leaves room for it.
 *
 * An article's last page is never left with a scrap: when fewer than
 * GL_TAIL_LINES full-measure body lines would remain for it, the page
 * before gives up lines (at an allowed break) so that they go over
 * together.  A page that holds only a line or two reads as a mistake, and
 * text-extraction tools cannot tell its margins from so little.
 *
 * In continuous mode (a digest with opts.continuous) an article follows
 * the one before on the same page, after a separating rule, when its
 * header and the first lines of its text fit; otherwise it starts a page
 * and the separator is dropped.
 *
 * Footnotes go to the foot of the column that holds their reference, as
 * TeX's insertions do (notes.c has the model and the arithmetic): while
 * a column is filled, each line that refers to a note for the first time
 * must have room for at least the note's first lines below the text, and
 * the notes then leave that much less room for the text.  A page's feet
 * are drawn when the page is done (flush_feet).  An article without notes
 * is poured exactly as if there were no such thing.
 *
 * Size: over 1,100 lines since footnotes (insertions), repeated table
 * heads and floating figures joined the pager: they share its column
 * state; the pager's keeps and balancing are the part to move out next.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "typeset/internal.h"
#include "typeset/theme.h"

/* Sizes, spaces, rules and colours: the type scale (theme.c). */
static const galley_theme *const theme = &galley_theme_default;

/* Room a span region needs below it for two lines of what follows, in
 * leadings, so that a heading never ends a page. */
#define GL_SPAN_KEEP 3.0
/* Fewest full-measure body lines an article's last page may hold when the
 * article has more than one page (one column); see above. */
#define GL_TAIL_LINES 6
/* ... and with two columns, enough for two balanced columns of four: a
 * column of one or two lines reads as a stray. */
#define GL_TAIL_LINES_COLS 8
/* ... and the most of a page's lines that may move over to make it so:
 * beyond half the page, a short last page is the lesser evil. */
#define GL_TAIL_MAX_SHARE 0.5

galley_dl_page *gl_page_new(galley_layout *L)
{
	galley_dl_page *p;

	if (galley_vec_reserve((void **)&L->pages, &L->cpages, L->npages + 1, sizeof *L->pages) < 0 ||
	    galley_vec_reserve((void **)&L->pinfo, &L->cpinfo, L->npages + 1, sizeof *L->pinfo) < 0)
		return NULL;
	p = &L->pages[L->npages];
	memset(p, 0, sizeof *p);
	memset(&L->pinfo[L->npages], 0, sizeof *L->pinfo);
	L->npages++;
	p->width = L->opts.page_width;
	p->height = L->opts.page_height;
	return p;
}

#define PAGE_PUSH(fn, type, arr, n, c) \
int fn(galley_dl_page *p, const type *x) \
{ \
	if (galley_vec_reserve((void **)&p->arr, &p->c, p->n + 1, sizeof *p->arr) < 0) \
		return GALLEY_ENOMEM; \
	p->arr[p->n++] = *x; \
	return 0; \
}
PAGE_PUSH(gl_page_text, galley_dl_text, texts, ntexts, ctexts)
PAGE_PUSH(gl_page_rect, galley_dl_rect, rects, nrects, crects)
PAGE_PUSH(gl_page_link, galley_dl_link, links, nlinks, clinks)
PAGE_PUSH(gl_page_image, galley_dl_image, images, nimages, cimages)
PAGE_PUSH(gl_page_dest, galley_dl_dest, dests, ndests, cdests)
PAGE_PUSH(gl_page_line, galley_dl_line, lines, nlines, clines)

typedef struct gl_pager {
	galley_layout *L;
	gl_vlist *v;  /* pagination may add to a space (see unjumble) */
	const galley_article *art;
	double top;        /* y of the current region's top, points */
	bool have_page;
	bool last_region;  /* the region being flowed ends the article */
	gl_feet feet;      /* the article's footnotes (feet.list NULL: none) */
} gl_pager;

static size_t skip_spaces(const gl_vlist *v, size_t i, size_t end)
{
	while (i < end && v->items[i].kind == GL_V_SPACE)
		i++;
	return i;
}

/* The room a column made of items [a, b) needs above them: the head of a
 * table whose row starts it (gl_vitem.head), points. */
static double head_room(const gl_vlist *v, size_t a, size_t b)
{
	return a < b && v->items[a].head ? v->items[a].head_height : 0;
}

/* How many items from `pos` go into a column of height h: returns the end
 * index (exclusive), pos when not even the first line fits.  A table's row
 * at the column's top leaves room for the table's head (gl_vitem.head).
 * With a `foot` (an article with notes), the notes the lines bring must
 * fit below them too (gl_foot_add), and *foot is left as the column's
 * foot with the items returned. */
static size_t fit(const gl_vlist *v, size_t pos, size_t end, double h, const gl_feet *F, gl_foot *foot)
{
	double y = head_room(v, pos, end);
	size_t best = pos;
	gl_foot at_best, before;

	if (foot)
		at_best = *foot;
	for (size_t i = pos; i < end; i++) {
		const gl_vitem *it = &v->items[i];
		if (it->kind == GL_V_BREAK)
			return i;
		if (it->kind == GL_V_SPACE) {
			y += it->height;
			continue;
		}
		if (i > pos && !it->nobreak_before) {
			best = i;
			if (foot)
				at_best = *foot;
		}
		if (foot)
			before = *foot;
		if (y + it->height > h + 0.01 || (foot && !gl_foot_add(F, foot, it, y + it->height))) {
			if (best > pos) {
				if (foot)
					*foot = at_best;
				return best;
			}
			if (foot)
				*foot = before;
			return i;  /* no allowed break: give up the keeps */
		}
		y += it->height;
	}
	return end;
}

size_t gl_fit(const gl_vlist *v, size_t pos, size_t end, double h)
{
	return fit(v, pos, end, h, NULL, NULL);
}

/* Places items[a, b) with their top at y, left edge x. */
static int place_items(gl_pager *g, const gl_vitem *items, size_t a, size_t b, double x, double y)
{
	galley_layout *L = g->L;
	size_t pi = L->npages - 1;
	galley_dl_page *p = &L->pages[pi];
	gl_pinfo *info = &L->pinfo[pi];
	int rc = 0;

	while (b > a && items[b - 1].kind == GL_V_SPACE)
		b--;
	for (size_t i = a; i < b && rc == 0; i++) {
		const gl_vitem *it = &items[i];
		double base = y - it->baseline;

		if (it->kind == GL_V_LINE && it->has_mark && !info->has_mark) {
			info->has_mark = true;
			info->article = it->article;
			info->block = it->block;
			info->offset = it->offset;
		}
		for (uint32_t k = 0; k < it->nrules && rc == 0; k++) {
			galley_dl_rect r = {x + it->rules[k], y - it->height, theme->quote.rule_width, it->height,
			                    theme->color.quote_rule};
			rc = gl_page_rect(p, &r);
		}
		if (it->kind == GL_V_SPACE) {
			for (uint32_t k = 0; k < it->nrects && rc == 0; k++) {
				galley_dl_rect r = it->rects[k];
				r.x += x;
				r.y += y;
				rc = gl_page_rect(p, &r);
			}
			y -= it->height;
			continue;
		}
		for (uint32_t k = 0; k < it->nrects && rc == 0; k++) {
			galley_dl_rect r = it->rects[k];
			r.x += x;
			r.y += base;
			rc = gl_page_rect(p, &r);
		}
		for (uint32_t k = 0; k < it->ntexts && rc == 0; k++) {
			galley_dl_text t = it->texts[k];
			t.x += x;
			t.y += base;
			rc = gl_page_text(p, &t);
		}
		for (uint32_t k = 0; k < it->nlinks && rc == 0; k++) {
			galley_dl_link l = it->links[k];
			l.x += x;
			l.y += base;
			rc = gl_page_link(p, &l);
		}
		if (it->image && rc == 0) {
			galley_dl_image im = *it->image;
			im.x += x;
			im.y += base;
			rc = gl_page_image(p, &im);
		}
		if (it->dest && rc == 0) {
			galley_dl_dest d = {it->dest, y};
			rc = gl_page_dest(p, &d);
		}
		/* footnote references: their notes link back here */
		for (uint32_t k = 0; k < it->nrefs && rc == 0; k++) {
			galley_dl_dest d = {it->refs[k].dest, y};
			rc = gl_page_dest(p, &d);
		}
		if (it->outline && rc == 0) {
			galley_dl_outline *o;
			if (galley_vec_reserve((void **)&L->outline, &L->coutline, L->noutline + 1, sizeof *L->outline) < 0) {
				rc = GALLEY_ENOMEM;
				break;
			}
			o = &L->outline[L->noutline++];
			o->title = it->outline;
			o->level = it->outline_level;
			o->page = pi;
			o->y = y;
		}
		if ((it->ntexts || it->image) && rc == 0) {
			galley_dl_line ln = it->line;
			ln.x += x;
			ln.y = base;
			rc = gl_page_line(p, &ln);
		}
		y -= it->height;
	}
	return rc;
}

/* Places items [a, b) of `v` (the text, or its notes) with their top at
 * y, left edge x: a table's row at the top of a column under a copy of
 * the table's head. */
static int place(gl_pager *g, const gl_vlist *v, size_t a, size_t b, double x, double y)
{
	const gl_vitem *first = a < b ? &v->items[a] : NULL;
	int rc = 0;

	if (first && first->head) {
		rc = place_items(g, first->head, 0, first->nhead, x, y);
		y -= first->head_height;
	}
	if (rc == 0)
		rc = place_items(g, v->items, a, b, x, y);
	return rc;
}

static double column_left(const galley_layout *L, int c, int ncols);

/* Draws the notes the current page holds at the foot of each column: a
 * short rule, then the notes down to the bottom of the text area. */
static int flush_feet(gl_pager *g)
{
	galley_layout *L = g->L;
	gl_feet *F = &g->feet;
	int rc = 0;

	for (int c = 0; c < 2 && rc == 0; c++) {
		double x = column_left(L, c, L->opts.columns), y = L->text_bottom + F->height[c];
		galley_dl_rect r;
		bool ruled = false;

		for (size_t k = 0; k < F->nparts && rc == 0; k++) {
			const gl_footpart *part = &F->parts[k];
			double h = part->height;
			if (part->col != c)
				continue;
			if (!ruled) {
				y -= L->leading * theme->note.space_above;
				r = (galley_dl_rect){x, y - theme->note.rule_thickness / 2,
				                     fmin(theme->note.rule_length, L->col_width),
				                     theme->note.rule_thickness, theme->color.rule};
				rc = gl_page_rect(&L->pages[L->npages - 1], &r);
				y -= theme->note.rule_gap;
				h -= F->rule;
				ruled = true;
			}
			if (rc == 0)
				rc = place(g, F->list, part->first, part->end, x, y);
			y -= h;
		}
	}
	F->nparts = 0;
	F->height[0] = F->height[1] = 0;
	return rc;
}

static int new_page(gl_pager *g)
{
	galley_layout *L = g->L;
	int rc = g->feet.nparts ? flush_feet(g) : 0;

	if (rc < 0)
		return rc;
	if (L->npages >= GALLEY_MAX_PAGES)
		return GALLEY_ELIMIT;
	if (!gl_page_new(L))
		return GALLEY_ENOMEM;
	L->pinfo[L->npages - 1].art = g->art;
	L->pinfo[L->npages - 1].first = !g->have_page;
	g->have_page = true;
	g->top = L->text_top;
	return 0;
}

/* Lines of text at the full measure of the column in [a, b): what
 * makes a page's margins visible. */
static bool full_line(const gl_vitem *it)
{
	return it->kind == GL_V_LINE && it->ntexts && it->line.kind == GALLEY_LINE_BODY && it->line.x < 0.5;
}

static size_t full_lines(const gl_vlist *v, size_t a, size_t b)
{
	size_t n = 0;

	for (size_t i = a; i < b; i++)
		n += full_line(&v->items[i]);
	return n;
}

/* A page holds [s, end) of an article whose last items run to e: when
 * fewer than `need` full lines would be left for the next page,
 * returns an earlier allowed break that leaves enough (or `end`). */
static size_t keep_tail(const gl_vlist *v, size_t s, size_t end, size_t e, size_t need)
{
	size_t lines = full_lines(v, end, e), moved = 0, page_lines = 0;

	if (lines >= need)
		return end;
	for (size_t i = s; i < end; i++)
		if (v->items[i].kind == GL_V_LINE)
			page_lines++;
	for (size_t i = end; i > s + 1; i--) {
		const gl_vitem *it = &v->items[i - 1];
		if (it->kind != GL_V_LINE)
			continue;
		moved++;
		if (moved > page_lines * GL_TAIL_MAX_SHARE)
			break;
		if (full_line(it))
			lines++;
		if (lines >= need && !it->nobreak_before && i - 1 > s)
			return i - 1;
	}
	return end;
}

static double run_height(const gl_vlist *v, size_t a, size_t b)
{
	double h = head_room(v, a, b);

	for (size_t i = a; i < b; i++)
		h += v->items[i].height;
	return h;
}

/* A remainder of fewer lines than this is not balanced over the columns:
 * it stays in the first, rather than leaving one or two lines alone at
 * the head of the next (which also makes a column that text extraction
 * cannot tell from a stray line). */
#define GL_BALANCE_MIN_LINES 6

static size_t count_lines(const gl_vlist *v, size_t s, size_t e)
{
	size_t n = 0;

	for (size_t i = s; i < e; i++)
		n += v->items[i].kind == GL_V_LINE;
	return n;
}

/* The last item of [a, b) that opens a block of text as extraction tools
 * (pdftotext, readers that reflow) see one: after vertical space, or where
 * the kind of line or its left edge changes.  b when there is none. */
static size_t last_block_start(const gl_vlist *v, size_t a, size_t b)
{
	const gl_vitem *prev = NULL;
	size_t found = b;
	bool gap = false;

	for (size_t i = a; i < b; i++) {
		const gl_vitem *it = &v->items[i];
		if (it->kind == GL_V_SPACE) {
			gap = gap || it->height > 0.5;
			continue;
		}
		if (it->kind != GL_V_LINE)
			continue;
		if (prev && (gap || it->line.kind != prev->line.kind || fabs(it->line.x - prev->line.x) > 0.5))
			found = i;
		prev = it;
		gap = false;
	}
	return found;
}

/* How far below the top of a column starting at a the baseline of item i
 * lies, points. */
static double depth(const gl_vlist *v, size_t a, size_t i)
{
	return run_height(v, a, i) + v->items[i].baseline;
}

/* ---- the feet of a planned page (notes.c) ------------------------------- */

/* The height a column made of items [a, b) takes: a table's head above
 * them, and the items, points. */
static double column_height(const gl_vlist *v, size_t a, size_t b)
{
	return head_room(v, a, b) + run_height(v, a, b);
}

/* The page column under which column c of a region in ncols columns puts
 * its notes: a region across the columns puts them under the first. */
static int foot_column(int c, int ncols)
{
	return ncols > 1 ? c : 0;
}

/* The notes already at the foot of the page under column c of a region
 * in ncols columns (from a region above it): under a region across the
 * columns, the deeper of the two. */
static double foot_above(const gl_pager *g, int c, int ncols)
{
	const gl_feet *F = &g->feet;

	if (ncols == 1 && g->L->opts.columns > 1)
		return fmax(F->height[0], F->height[1]);
	return F->height[foot_column(c, ncols)];
}

/* Adds the items [a, b) of the text, from the top of a column, to its foot. */
static void foot_walk(const gl_pager *g, gl_foot *f, size_t a, size_t b)
{
	double y = head_room(g->v, a, b);

	for (size_t i = a; i < b; i++) {
		const gl_vitem *it = &g->v->items[i];
		y += it->height;
		if (it->kind == GL_V_LINE)
			gl_foot_add(&g->feet, f, it, y);
	}
}

/* The foot of column c of a page planned as starts/ends, at the top of
 * the column's text: what the page before and the columns before leave
 * over.  NULL when the article has no notes (fit then ignores them). */
static gl_foot *foot_at(const gl_pager *g, const size_t *starts, const size_t *ends, int c, int ncols,
                        double avail, gl_foot *f)
{
	const gl_feet *F = &g->feet;
	size_t start = F->pos, want = F->want;

	if (!F->list)
		return NULL;
	for (int k = 0; k <= c; k++) {
		gl_foot_begin(F, start, want, avail - foot_above(g, k, ncols),
		              F->height[foot_column(k, ncols)] > 0, f);
		if (k == c)
			break;
		foot_walk(g, f, starts[k], ends[k]);
		start = f->end;
		want = f->want;
	}
	return f;
}

/* The first column must not hold a block that starts below the second
 * column's last line: extraction tools then read that block after the
 * whole second column (the folio below it makes it look full-width), and
 * the text comes out of order.  Such a block, with what follows it, moves
 * to the head of the second column, when that column then still holds what
 * it held before the move ended the region (or, mid-article, at least
 * something).  Failing that, when `spill`, what the second column can no
 * longer hold goes on to the next page (the article's end takes a page
 * more: a page that reads in order is worth it).  Otherwise the columns
 * stay as they were.  True when the page reads in order. */
static bool settle_try(const gl_pager *g, size_t starts[2], size_t ends[2], size_t e,
                       double avail, double froom, bool tail, bool spill)
{
	const gl_vlist *v = g->v;
	size_t s1 = starts[1], e0 = ends[0], e1 = ends[1];

	for (int round = 0; round < 4; round++) {
		size_t k = last_block_start(v, starts[0], ends[0]);
		size_t last = ends[1], q;

		while (last > starts[1] && v->items[last - 1].kind != GL_V_LINE)
			last--;
		if (k >= ends[0] || last == starts[1] ||
		    depth(v, starts[0], k) <= depth(v, starts[1], last - 1) + 0.5)
			return true;
		while (k > starts[0] && (v->items[k].nobreak_before || v->items[k].kind != GL_V_LINE))
			k--;
		if (k <= starts[0])
			break;
		q = skip_spaces(v, k, e);
		ends[0] = k;
		starts[1] = q;
		{
			gl_foot f;
			ends[1] = fit(v, q, e, avail, &g->feet, foot_at(g, starts, ends, 1, 2, froom, &f));
		}
		if (tail && ends[1] > q && ends[1] < e)
			ends[1] = keep_tail(v, q, ends[1], e, GL_TAIL_LINES_COLS);
		if (ends[1] <= q || (!spill && e1 >= e && ends[1] < e))
			break;
	}
	starts[1] = s1;
	ends[0] = e0;
	ends[1] = e1;
	return false;
}

static void settle(const gl_pager *g, size_t starts[2], size_t ends[2], size_t e, double avail,
                   double froom, bool tail)
{
	if (!settle_try(g, starts, ends, e, avail, froom, tail, false) && tail)
		settle_try(g, starts, ends, e, avail, froom, tail, true);
}

/* The left edge of column c of a region in ncols columns, points. */
static double column_left(const galley_layout *L, int c, int ncols)
{
	return L->text_left + c * ((ncols > 1 ? L->col_width : L->text_width) + L->opts.column_gap);
}

/* What of [pos, e) goes on the current page, and in which columns. */
typedef struct gl_plan {
	size_t starts[2], ends[2];
	size_t next;  /* the first item left for the next page */
	int used;     /* columns that hold something */
	gl_foot foot[2]; /* the columns' notes, when the article has notes */
	double froom;    /* the columns' height for text and notes, points */
	bool balanced;   /* the columns are balanced (the notes with them) */
} gl_plan;

/* Whether items [pos, e) go into ncols columns h points high: with the
 * notes they bring, which then share the columns' height with the text
 * (the last column's foot takes all it owes that fits, as at an article's
 * end), so that balanced columns balance text and notes together.  The
 * columns' items into starts and ends. */
static bool balanced_fit(const gl_pager *g, size_t pos, size_t e, int ncols, double h,
                         size_t *starts, size_t *ends)
{
	const gl_vlist *v = g->v;
	size_t q = pos;
	gl_foot f, *fp = NULL;

	for (int c = 0; c < ncols; c++) {
		q = starts[c] = skip_spaces(v, q, e);
		fp = foot_at(g, starts, ends, c, ncols, h, &f);
		q = ends[c] = q < e ? fit(v, q, e, h, &g->feet, fp) : q;
	}
	/* fit left fp as the last column's foot with its text */
	if (fp)
		gl_foot_fill(&g->feet, fp, column_height(v, starts[ncols - 1], ends[ncols - 1]), false);
	return q >= e && (!fp || fp->end >= fp->want);
}

/* The notes under each column of a planned page (when the article has
 * notes): what its lines bring, and in balanced columns all the last
 * column's foot owes that fits. */
static void plan_feet(const gl_pager *g, int ncols, gl_plan *pl)
{
	for (int c = 0; c < pl->used && foot_at(g, pl->starts, pl->ends, c, ncols, pl->froom, &pl->foot[c]); c++) {
		foot_walk(g, &pl->foot[c], pl->starts[c], pl->ends[c]);
		if (pl->balanced && c == pl->used - 1)
			gl_foot_fill(&g->feet, &pl->foot[c], column_height(g->v, pl->starts[c], pl->ends[c]), false);
	}
}

/* Plans the current page from pos (the page's top when at_top): false
 * when not even the first item fits below what the page already holds. */
static bool plan(gl_pager *g, size_t pos, size_t e, int ncols, bool balance, bool at_top, gl_plan *pl)
{
	const gl_vlist *v = g->v;
	double avail = g->top - g->L->text_bottom;
	size_t p = pos;

	pl->used = 0;
	for (int c = 0; c < ncols && p < e; c++) {
		gl_foot f;
		if (c > 0 || at_top)
			p = skip_spaces(v, p, e);
		pl->starts[c] = p;
		pl->ends[c] = fit(v, p, e, avail, &g->feet, foot_at(g, pl->starts, pl->ends, c, ncols, avail, &f));
		if (pl->ends[c] == p && at_top && c == 0)
			pl->ends[c] = p + 1;  /* taller than a page: it goes alone */
		p = pl->ends[c];
		pl->used = c + 1;
		if (pl->ends[c] == pl->starts[c])
			break;
	}
	if (pl->ends[0] == pl->starts[0])
		return false;
	if (ncols == 1 && p < e && g->last_region)
		p = pl->ends[0] = keep_tail(v, pl->starts[0], pl->ends[0], e, GL_TAIL_LINES);
	else if (ncols == 2 && pl->used == 2 && p < e && g->last_region)
		p = pl->ends[1] = keep_tail(v, pl->starts[1], pl->ends[1], e, GL_TAIL_LINES_COLS);
	pl->froom = avail;
	pl->balanced = false;
	if (p >= e && ncols > 1 && balance && pl->used > 0 &&
	    count_lines(v, pos, e) >= GL_BALANCE_MIN_LINES) {
		double lo = 0, hi = avail;
		for (int iter = 0; iter < 24; iter++) {
			double mid = (lo + hi) / 2;
			size_t qs[2], qe[2];
			if (balanced_fit(g, pos, e, ncols, mid, qs, qe))
				hi = mid;
			else
				lo = mid;
		}
		balanced_fit(g, pos, e, ncols, hi, pl->starts, pl->ends);
		p = pl->ends[ncols - 1];
		pl->used = ncols;
		pl->froom = hi;
		pl->balanced = true;
	}
	if (ncols == 2 && pl->used == 2) {
		settle(g, pl->starts, pl->ends, e, avail, pl->froom, g->last_region);
		p = pl->ends[1];
	}
	pl->next = p;
	plan_feet(g, ncols, pl);
	return true;
}

/* ---- how text extraction reads two columns ------------------------------
 *
 * poppler's text extraction (pdftotext, and the viewers that search and
 * copy text with it) groups lines into blocks: a line joins the block
 * above when its baseline lies within 1.5 times the block's font size of
 * the block's last one, and it has a word of that size (within 5%).  Any
 * block that has a neighbour to its right, one below it and one below
 * that neighbour, lined up as two rows of two (left edges, right edges or
 * centres alike in each column, to 0.7 of the font size; tops, bottoms or
 * middles alike in each row, to half of it) is then taken for a table,
 * and the table is read row by row: the two columns' text interleaved.
 * Two columns of prose line up so whenever both have a block boundary at
 * the same height: at the top of a page the columns start level, so one
 * level boundary below is enough.  And a block that lies in a vertical
 * gap of the other column is widened across it and read out of turn
 * (xgap).  The pager looks for both on every two-column page it plans
 * and, when it finds one, adds a little space above one of the blocks at
 * fault (the columns end ragged anyway) until the page reads in order. */
#define GL_X_LINE_SPACING 1.5
#define GL_X_SIZE_DELTA 0.05
#define GL_X_COL_DELTA 0.7
#define GL_X_ROW_DELTA 0.5
#define GL_X_BLOCKS 96

typedef struct gl_xblock {
	double x0, x1, y0, y1; /* y grows downwards: y0 is the top */
	double size;           /* the font size of its first word */
	double base;           /* its last baseline */
	size_t first;          /* the item of its first line */
	int col;
	bool foot;             /* made of notes at the column's foot (first: in
	                          the foot list) */
} gl_xblock;

/* Adds the blocks of items [a, b) of `v`, set from y (points from the
 * bottom of the page) at column left cx, to b[*n]. */
static void xrange(const gl_pager *g, const gl_vlist *v, size_t a, size_t e, double cx, double y,
                   int c, bool foot, gl_xblock *b, int *n)
{
	const galley_layout *L = g->L;
	gl_xblock *cur = NULL;

	for (size_t i = a; i < e; i++) {
		const gl_vitem *it = &v->items[i];
		double base = -(y - it->baseline), top = INFINITY, bottom = -INFINITY;
		double x0 = INFINITY, x1 = cx + it->line.x + it->line.used;
		bool joins;

		y -= it->height;
		if (it->kind != GL_V_LINE || !it->ntexts)
			continue;
		joins = cur && base - cur->base <= GL_X_LINE_SPACING * cur->size;
		for (uint32_t k = 0; k < it->ntexts; k++) {
			const galley_dl_text *t = &it->texts[k];
			double asc, desc;
			gl_fonts_extents(L->fonts, t->face, &asc, &desc);
			top = fmin(top, base - asc * t->size);
			bottom = fmax(bottom, base - desc * t->size);
			x0 = fmin(x0, cx + t->x);
		}
		if (joins) {
			bool sized = false;
			for (uint32_t k = 0; k < it->ntexts; k++)
				sized = sized || fabs(it->texts[k].size - cur->size) < GL_X_SIZE_DELTA * cur->size;
			joins = sized && x0 < cur->x1 && x1 > cur->x0;
		}
		if (joins) {
			cur->x0 = fmin(cur->x0, x0);
			cur->x1 = fmax(cur->x1, x1);
			cur->y1 = fmax(cur->y1, bottom);
			cur->base = base;
			continue;
		}
		if (*n == GL_X_BLOCKS)
			return;
		cur = &b[(*n)++];
		*cur = (gl_xblock){x0, x1, top, bottom, it->texts[0].size, base, i, c, foot};
	}
}

/* The blocks extraction makes of the planned columns, column by column
 * and top-down, each column's text and then its notes; the count (at most
 * GL_X_BLOCKS). */
static int xblocks(const gl_pager *g, const gl_plan *pl, gl_xblock *b)
{
	const galley_layout *L = g->L;
	const gl_feet *F = &g->feet;
	int n = 0;

	for (int c = 0; c < pl->used && c < 2; c++) {
		xrange(g, g->v, pl->starts[c], pl->ends[c], column_left(L, c, 2),
		       g->top - head_room(g->v, pl->starts[c], pl->ends[c]), c, false, b, &n);
		/* the column's notes, at the foot of the page (flush_feet) */
		if (F->list && pl->foot[c].end > pl->foot[c].start)
			xrange(g, F->list, pl->foot[c].start, pl->foot[c].end, column_left(L, c, 2),
			       L->text_bottom + pl->foot[c].height - (pl->foot[c].ruled ? 0 : F->rule), c, true, b, &n);
	}
	return n;
}

static bool spans_meet(double a0, double a1, double b0, double b1)
{
	return a0 <= b1 && a1 >= b0;
}

/* Whether extraction finds a table among the blocks: cell[] receives its
 * four blocks (top left, top right, bottom left, bottom right). */
static bool xtable(const gl_xblock *b, int n, int cell[4])
{
	for (int i = 0; i < n; i++) {
		const gl_xblock *b1 = &b[i], *f2, *f3, *f4;
		int i2 = -1, i3 = -1, i4 = -1;
		double bx0 = INFINITY, by0 = INFINITY, bx1 = INFINITY, by1 = INFINITY, fs, dx, dy;
		bool cx, cy;

		for (int j = 0; j < n; j++) {
			const gl_xblock *b2 = &b[j];
			if (j == i)
				continue;
			if (b2->y0 <= b1->y1 && b2->y1 >= b1->y0 && b2->x0 > b1->x1 && b2->x0 < bx0) {
				bx0 = b2->x0;
				i2 = j;
			} else if (b2->x0 <= b1->x1 && b2->x1 >= b1->x0 && b2->y0 > b1->y1 && b2->y0 < by0) {
				by0 = b2->y0;
				i3 = j;
			} else if (b2->x0 > b1->x1 && b2->x0 < bx1 && b2->y0 > b1->y1 && b2->y0 < by1) {
				bx1 = b2->x0;
				by1 = b2->y0;
				i4 = j;
			}
		}
		if (i2 < 0 || i3 < 0 || i4 < 0)
			continue;
		f2 = &b[i2];
		f3 = &b[i3];
		f4 = &b[i4];
		if (spans_meet(f3->x0, f3->x1, f4->x0, f4->x1) || spans_meet(f2->y0, f2->y1, f4->y0, f4->y1) ||
		    spans_meet(f2->x0, f2->x1, f3->x0, f3->x1) || spans_meet(f2->y0, f2->y1, f3->y0, f3->y1) ||
		    !spans_meet(f4->x0, f4->x1, f2->x0, f2->x1) || !spans_meet(f4->y0, f4->y1, f3->y0, f3->y1))
			continue;
		fs = fmin(fmin(b1->size, f2->size), fmin(f3->size, f4->size));
		dx = GL_X_COL_DELTA * fs;
		dy = GL_X_ROW_DELTA * fs;
		cx = (fabs(b1->x0 + b1->x1 - f3->x0 - f3->x1) / 2 <= dx && fabs(f2->x0 + f2->x1 - f4->x0 - f4->x1) / 2 <= dx) ||
		     (fabs(b1->x0 - f3->x0) <= dx && fabs(f2->x0 - f4->x0) <= dx) ||
		     (fabs(b1->x1 - f3->x1) <= dx && fabs(f2->x1 - f4->x1) <= dx);
		cy = (fabs(b1->y0 + b1->y1 - f2->y0 - f2->y1) / 2 <= dy && fabs(f3->y0 + f3->y1 - f4->y0 - f4->y1) / 2 <= dy) ||
		     (fabs(b1->y0 - f2->y0) <= dy && fabs(f3->y0 - f4->y0) <= dy) ||
		     (fabs(b1->y1 - f2->y1) <= dy && fabs(f3->y1 - f4->y1) <= dy);
		if (cx && cy) {
			cell[0] = i;
			cell[1] = i2;
			cell[2] = i3;
			cell[3] = i4;
			return true;
		}
	}
	return false;
}

/* Whether a block lies in a gap of the other column, which extraction
 * then stretches across that column (a block widens over the blocks below
 * it that no block beside it stands in the way of) and reads before the
 * other column's blocks below it, or after those above it: the columns
 * interleaved.  For a block of the first column that matters only when
 * the second has a block above it.  cand[] receives the block and the
 * other column's block just above it. */
static int xgap(const gl_xblock *b, int n, int cand[4])
{
	for (int i = 0; i < n; i++) {
		const gl_xblock *x = &b[i];
		bool beside = false, below = false;
		int above = -1;

		for (int j = 0; j < n && !beside; j++) {
			const gl_xblock *o = &b[j];
			if (o->col == x->col)
				continue;
			if (spans_meet(o->y0, o->y1, x->y0, x->y1))
				beside = true;
			else if (o->y0 >= x->y1)
				below = true;
			else if (above < 0 || o->y0 > b[above].y0)
				above = j;
		}
		if (!beside && below && (x->col == 1 || above >= 0)) {
			int k = 0;
			cand[k++] = i;
			if (above >= 0)
				cand[k++] = above;
			return k;
		}
	}
	return 0;
}

/* The blocks whose moving down could make the planned page read in
 * order, most promising first; 0 when it reads in order already. */
static int xrisk(const gl_xblock *b, int n, int cand[4])
{
	int cell[4];

	if (xtable(b, n, cell)) {
		/* the lower row first, the lower block of it first */
		cand[0] = b[cell[2]].y0 >= b[cell[3]].y0 ? cell[2] : cell[3];
		cand[1] = cand[0] == cell[2] ? cell[3] : cell[2];
		cand[2] = cell[0];
		cand[3] = cell[1];
		return 4;
	}
	return xgap(b, n, cand);
}

/* Notes under both columns of a page: when their blocks and the text's
 * line up as a table (the columns filled to notes of about the same
 * height: two columns of one long note, each taking its share), the
 * second column's text ends at an earlier break, one to three of them,
 * and its notes take all the room that leaves: both its text's end and
 * its notes' top move by a line or more.  Mid-article pages only; the lines
 * cut go to the next page.  The plan stays as it was when none helps. */
static void unjumble_feet(const gl_pager *g, size_t e, int ncols, gl_plan *pl)
{
	gl_xblock t[GL_X_BLOCKS];
	int tcand[4];
	size_t end = pl->ends[1];

	if (!g->feet.list || pl->balanced || pl->used < 2 || pl->next >= e || pl->foot[0].end == pl->foot[0].start ||
	    pl->foot[1].end == pl->foot[1].start)
		return;
	for (int k = 0; k < 3; k++) {
		gl_plan q = *pl;
		do
			end--;
		while (end > q.starts[1] && (g->v->items[end].kind != GL_V_LINE || g->v->items[end].nobreak_before));
		if (end <= q.starts[1])
			return;
		q.ends[1] = q.next = end;
		plan_feet(g, ncols, &q);
		gl_foot_fill(&g->feet, &q.foot[1], column_height(g->v, q.starts[1], q.ends[1]), false);
		if (!xrisk(t, xblocks(g, &q, t), tcand)) {
			*pl = q;
			return;
		}
	}
}

/* Most planned pages read in order.  For one that does not, tries more
 * space above one of the blocks at fault (a quarter, a half, three
 * quarters and the whole of the body size) and keeps the first plan that
 * reads in order; the plan stays as it was when none does. */
static void unjumble(gl_pager *g, size_t pos, size_t e, int ncols, bool balance, bool at_top, gl_plan *pl)
{
	gl_xblock b[GL_X_BLOCKS], t[GL_X_BLOCKS];
	int cand[4], tcand[4], nc;
	double unit = g->L->opts.font_size;

	nc = xrisk(b, xblocks(g, pl, b), cand);
	for (int k = 0; k < nc; k++) {
		const gl_xblock *x = &b[cand[k]];
		size_t s = x->first;
		gl_vitem *space;
		double h;

		if (x->foot)
			continue;  /* notes stay at the foot; the text above them moves */
		/* the space above the block; not one that draws (a code block's
		 * tint begins in its padding, which must stay as tall as it is) */
		while (s > pl->starts[x->col] && g->v->items[s - 1].kind == GL_V_SPACE && g->v->items[s - 1].nrects)
			s--;
		if (s <= pl->starts[x->col] || g->v->items[s - 1].kind != GL_V_SPACE)
			continue;
		space = &g->v->items[s - 1];
		h = space->height;
		for (int step = 1; step <= 4; step++) {
			gl_plan q;
			space->height = h + step * 0.25 * unit;
			if (plan(g, pos, e, ncols, balance, at_top, &q) &&
			    (q.used < 2 || !xrisk(t, xblocks(g, &q, t), tcand))) {
				*pl = q;
				return;
			}
		}
		space->height = h;
	}
	if (nc > 0)
		unjumble_feet(g, e, ncols, pl);
}

/* ---- figures that float ------------------------------------------------------
 *
 * A figure that does not fit in what is left of a page would end the page
 * there, leaving it part empty.  Instead, as LaTeX and newspapers do, the
 * text after it moves up to fill the page, and the figure (with its space
 * and its caption) goes to the head of the next page.  Only within the
 * article's list (a figure never leaves its article) and in one column,
 * only past text: the text that moves up stops before the next figure, so
 * figures keep their order.  A page with less than GL_FLOAT_MIN_LINES
 * lines left is left as it is: it is nearly full.  The moved figure's
 * image no longer gives its page its position in the page map (the text
 * that follows it does), so the map stays in reading order. */
#define GL_FLOAT_MIN_LINES 4.0

/* Whether item i draws a figure's image (not an inline's alt text). */
static bool figure_image(const gl_vitem *it)
{
	return it->kind == GL_V_LINE && it->image != NULL && it->line.kind == GALLEY_LINE_FIGURE;
}

/* When the planned page breaks before a figure with room left, reorders
 * the list (text after the figure first) and plans again.  True when it
 * did. */
static bool float_figure(gl_pager *g, size_t pos, size_t e, bool at_top, gl_plan *pl)
{
	gl_vlist *v = g->v;
	double avail = g->top - g->L->text_bottom, left;
	size_t f0 = pl->next, f, f1, q, t, b = pl->ends[0], n;
	gl_vitem *tmp;
	gl_plan again;

	if (pl->used != 1 || f0 >= e)
		return false;
	f = skip_spaces(v, f0, e);
	if (f >= e || !figure_image(&v->items[f]))
		return false;
	while (b > pl->starts[0] && v->items[b - 1].kind == GL_V_SPACE)
		b--;
	left = avail - run_height(v, pl->starts[0], b);
	if (left < GL_FLOAT_MIN_LINES * g->L->leading)
		return false;
	for (f1 = f + 1; f1 < e && v->items[f1].nobreak_before; f1++)
		;
	q = fit(v, f1, e, left, NULL, NULL);
	/* text that brings footnotes to the page is not moved ahead of a
	 * figure: its notes would need room this measure does not count */
	for (size_t i = f1; i < q; i++)
		if (v->items[i].nrefs > 0)
			return false;
	for (size_t i = f1; i < q; i++) {
		/* a table's rows stay together, on the figure's far side */
		if (figure_image(&v->items[i]) || v->items[i].kind == GL_V_BREAK || v->items[i].head != NULL) {
			/* cut at a break the keeps allow; the next figure keeps
			 * its space */
			q = i;
			while (q > f1 && v->items[q].kind != GL_V_SPACE && v->items[q].nobreak_before)
				q--;
			while (q > f1 && v->items[q - 1].kind == GL_V_SPACE)
				q--;
			break;
		}
	}
	t = skip_spaces(v, f1, q);
	if (q <= f1 || t >= q)
		return false;
	/* [f0, f1) the figure, [f1, t) the space below it, [t, q) the text
	 * that fits: the text goes first, then the figure with its spaces */
	n = q - f0;
	tmp = malloc(n * sizeof *tmp);
	if (tmp == NULL)
		return false;  /* only the page's looks are lost */
	memcpy(tmp, &v->items[t], (q - t) * sizeof *tmp);
	memcpy(tmp + (q - t), &v->items[f0], (t - f0) * sizeof *tmp);
	memcpy(&v->items[f0], tmp, n * sizeof *tmp);
	free(tmp);
	for (size_t i = f0 + (q - t); i < q; i++)
		v->items[i].has_mark = false;
	/* the moved text continues the page: nothing ties it to what it
	 * followed before */
	v->items[f0].nobreak_before = false;
	if (!plan(g, pos, e, 1, true, at_top, &again))
		return false;
	*pl = again;
	return true;
}

/* ---- full pages: vertical justification ------------------------------------
 *
 * A page of text alone ends on the lowest baseline of the page's grid: the
 * text area holds a whole number of lines and the rest of it is left at
 * the foot.  A page with headings, figures, lists or code has spaces
 * between its blocks that are no multiple of the leading, so it ended
 * anywhere up to a line or two above or below that baseline, and facing
 * pages (or two columns) did not line up at the foot; a page the keeps
 * (widows, orphans, a heading with its first lines) cut short ended a
 * line or two above it.  Each full column of a page that the article goes
 * on after is therefore made to end where a page of text ends: the spaces
 * between its blocks stretch (each by at most GL_VJ_STRETCH leadings) or
 * shrink (each by at most GL_VJ_SHRINK of itself) in proportion to their
 * height, as TeX's \flushbottom does with its glue; what the spaces
 * cannot take (or give), the gaps between the lines of plain text share,
 * each by at most GL_VJ_FEATHER of the leading (newspapers' feathering:
 * a line short on a 50-line page is 0.3 pt a line, on a 32-line A5 page
 * 0.46 pt, which no reader sees, where a ragged foot shows across the
 * spread).  A column that cannot take up the difference keeps its ragged
 * foot: in practice one before a heading that had to move to the next
 * page with its first lines, three lines or more.
 *
 * The alternative, a baseline grid (every line, heading and figure
 * rounded to whole leadings), also lines up the columns' lines across the
 * gutter, but it rounds every heading's and figure's space up to a whole
 * line, which leaves holes of up to a line around each, moves every line
 * of every page, and fits nothing the pager cannot already fit: the
 * distance that is left over is the same, only spread differently.  With
 * vertical justification the text itself keeps its leading and only the
 * spaces between blocks move, by a few points each.
 *
 * Not justified: an article's last page and the end of a region (its
 * columns are balanced, or the article ends there), a page before a
 * forced break, a page with notes at its foot (their room is the pager's
 * own arithmetic), and a two-column page that extraction would then read
 * across the columns (the spaces go back as they were). */
#define GL_VJ_STRETCH 1.0
#define GL_VJ_SHRINK 0.34
#define GL_VJ_FEATHER 0.04
/* Most items one page's justification remembers to undo it: two columns
 * of a hundred lines of 6-point type and their spaces; a page with more
 * keeps its feet as they are. */
#define GL_VJ_ITEMS 512

typedef struct gl_vj {
	size_t idx[GL_VJ_ITEMS];
	double height[GL_VJ_ITEMS];
	size_t n;
} gl_vj;

/* The first position on the page's grid at or below y: where a column
 * of text set from there ends on the lowest baseline of a full page. */
static double grid_top(const galley_layout *L, double y)
{
	double lines = floor((L->text_top - L->text_bottom) / L->leading + 1e-6);
	double floor_y = L->text_top - lines * L->leading;

	return floor_y + floor((y - floor_y) / L->leading + 1e-6) * L->leading;
}

/* Justifies the column [a, b) whose top is g->top, remembering what it
 * changed in *undo (added to it).  Returns whether it changed anything. */
static bool justify_column(gl_pager *g, size_t a, size_t b, gl_vj *undo)
{
	const galley_layout *L = g->L;
	gl_vlist *v = g->v;
	double want, delta, room = 0, lines_room, to_lines = 0;
	size_t first = undo->n, nspaces = 0, nlines = 0;

	while (b > a && v->items[b - 1].kind == GL_V_SPACE)
		b--;
	a = skip_spaces(v, a, b);
	if (b <= a)
		return false;
	want = g->top - (L->text_top - floor((L->text_top - L->text_bottom) / L->leading + 1e-6) * L->leading);
	delta = want - column_height(v, a, b);
	if (fabs(delta) < 0.01)
		return false;
	/* the spaces between blocks, then the line gaps of plain text (not
	 * the last line's: it ends the column) */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = a; i < b; i++) {
			const gl_vitem *it = &v->items[i];
			bool space = it->kind == GL_V_SPACE && !it->nrects && it->height > 0.01;
			bool line = it->kind == GL_V_LINE && i + 1 < b && it->line.kind == GALLEY_LINE_BODY &&
			            !it->nrects && !it->nrules && !it->image;
			if (pass == 0 ? !space : !line)
				continue;
			if (undo->n == GL_VJ_ITEMS) {
				undo->n = first;
				return false;
			}
			undo->idx[undo->n] = i;
			undo->height[undo->n++] = it->height;
			if (space) {
				nspaces++;
				room += it->height;
			} else {
				nlines++;
			}
		}
	lines_room = GL_VJ_FEATHER * L->leading * (double)nlines;
	if (delta > GL_VJ_STRETCH * L->leading * (double)nspaces)
		to_lines = delta - GL_VJ_STRETCH * L->leading * (double)nspaces;
	else if (delta < -GL_VJ_SHRINK * room)
		to_lines = delta + GL_VJ_SHRINK * room;
	if (fabs(to_lines) > lines_room || (nspaces == 0 && nlines == 0)) {
		undo->n = first;
		return false;
	}
	/* the spaces in proportion to their heights, none past its limit:
	 * the tallest fill up first and the rest share what is left */
	for (double left = delta - to_lines; nspaces > 0 && fabs(left) > 0.005;) {
		double share = 0, used = 0;
		for (size_t k = first; k < first + nspaces; k++)
			if (left < 0 || v->items[undo->idx[k]].height < undo->height[k] + GL_VJ_STRETCH * L->leading - 1e-9)
				share += undo->height[k];
		if (share <= 0)
			break;
		for (size_t k = first; k < first + nspaces; k++) {
			gl_vitem *it = &v->items[undo->idx[k]];
			double cap = undo->height[k] + GL_VJ_STRETCH * L->leading, d;
			if (left > 0 && it->height >= cap - 1e-9)
				continue;
			d = left * undo->height[k] / share;
			if (left > 0 && it->height + d > cap)
				d = cap - it->height;
			it->height += d;
			used += d;
		}
		left -= used;
		if (fabs(used) < 1e-9)
			break;
	}
	/* what the spaces cannot take, the lines share alike */
	for (size_t k = first + nspaces; k < undo->n && to_lines != 0; k++)
		v->items[undo->idx[k]].height += to_lines / (double)nlines;
	return true;
}

/* Puts back the spaces `undo` remembers. */
static void justify_undo(gl_pager *g, const gl_vj *undo)
{
	for (size_t k = 0; k < undo->n; k++)
		g->v->items[undo->idx[k]].height = undo->height[k];
}

/* Justifies the columns of the planned page when it is a full one (see
 * above). */
static void justify_page(gl_pager *g, size_t e, int ncols, gl_plan *pl)
{
	gl_vj undo;
	size_t next = skip_spaces(g->v, pl->next, e);
	bool changed = false;

	if (pl->next >= e || next >= e || pl->balanced || g->feet.list || g->v->items[next].kind == GL_V_BREAK)
		return;
	undo.n = 0;
	for (int c = 0; c < pl->used; c++)
		changed = justify_column(g, pl->starts[c], pl->ends[c], &undo) || changed;
	if (changed && ncols == 2 && pl->used == 2) {
		gl_xblock b[GL_X_BLOCKS];
		int cand[4];
		if (xrisk(b, xblocks(g, pl, b), cand))
			justify_undo(g, &undo);
	}
}

/* Flows items [s, e) in `ncols` columns. */
static int flow(gl_pager *g, size_t s, size_t e, int ncols, bool balance)
{
	galley_layout *L = g->L;
	const gl_vlist *v = g->v;
	size_t pos = s;
	int rc = 0;

	while (pos < e && rc == 0) {
		bool at_top = g->top >= L->text_top - 0.01;
		double maxh = 0;
		gl_plan pl;

		if (at_top) {
			pos = skip_spaces(v, pos, e);
		} else if (ncols > 1 && v->items[pos].kind == GL_V_SPACE) {
			/* the space above a column region is above every column:
			 * their first lines start level */
			size_t q = skip_spaces(v, pos, e);
			g->top -= run_height(v, pos, q);
			pos = q;
			/* ... and start on the page's grid, so that the lines of
			 * full columns end on its lowest baseline (justify_page) */
			if (q < e)
				g->top = grid_top(L, g->top);
			if (g->top <= L->text_bottom) {
				rc = new_page(g);
				continue;
			}
		}
		if (pos >= e)
			break;
		if (v->items[pos].kind == GL_V_BREAK) {
			pos++;
			continue;
		}
		if (!plan(g, pos, e, ncols, balance, at_top, &pl)) {
			rc = new_page(g);
			continue;
		}
		if (ncols == 2 && pl.used == 2)
			unjumble(g, pos, e, ncols, balance, at_top, &pl);
		if (ncols == 1)
			float_figure(g, pos, e, at_top, &pl);
		justify_page(g, e, ncols, &pl);
		for (int c = 0; c < pl.used && rc == 0; c++) {
			double x = column_left(L, c, ncols);
			size_t b = pl.ends[c];
			while (b > pl.starts[c] && v->items[b - 1].kind == GL_V_SPACE)
				b--;
			maxh = fmax(maxh, run_height(v, pl.starts[c], b));
			rc = place(g, v, pl.starts[c], pl.ends[c], x, g->top);
		}
		for (int c = 0; c < pl.used && rc == 0 && g->feet.list; c++)
			rc = gl_feet_commit(&g->feet, &pl.foot[c], foot_column(c, ncols));
		pos = pl.next;
		if (pos < e) {
			if (rc == 0)
				rc = new_page(g);
		} else {
			g->top -= maxh;
		}
	}
	return rc;
}

/* The article's opening region: items up to its first line that is not
 * part of the header (spaces included), from s. */
static size_t opening(const gl_vlist *v, size_t s)
{
	while (s < v->n && (v->items[s].kind == GL_V_SPACE || v->items[s].span || v->items[s].separator))
		s++;
	return s;
}

/* After the article's text: the notes still owed (the rest of a long one,
 * and any referred to only from another note) fill the last page's feet,
 * from the column the last ones are under, then pages of their own; then
 * the last page's feet are drawn.  *footed: the last page has notes. */
static int finish_feet(gl_pager *g, bool *footed)
{
	galley_layout *L = g->L;
	gl_feet *F = &g->feet;
	int col = F->nparts ? F->parts[F->nparts - 1].col : 0;
	int rc = 0;

	F->want = F->list->n;
	while (rc == 0 && F->pos < F->want) {
		for (int c = col; c < L->opts.columns && F->pos < F->want && rc == 0; c++) {
			gl_foot f;
			bool fresh = g->top >= L->text_top - 0.01 && F->height[c] <= 0;
			gl_foot_begin(F, F->pos, F->want, g->top - L->text_bottom - F->height[c], F->height[c] > 0, &f);
			gl_foot_fill(F, &f, 0, fresh);
			rc = gl_feet_commit(F, &f, c);
		}
		if (rc == 0 && F->pos < F->want) {
			rc = new_page(g);
			col = 0;
		}
	}
	*footed = F->nparts > 0;
	if (rc == 0 && F->nparts)
		rc = flush_feet(g);
	return rc;
}

int gl_paginate(galley_layout *L, gl_vlist *v, size_t *first_page, galley_error *err)
{
	gl_pager g;
	size_t s = 0;
	int rc = 0;
	bool cont = L->opts.continuous && L->article && L->npages > 0 && L->flow_top > L->text_bottom;
	bool footed = false;

	memset(&g, 0, sizeof g);
	g.L = L;
	g.v = v;
	g.art = L->article;
	gl_feet_init(&g.feet, L, v);
	if (cont) {
		double need = run_height(v, 0, opening(v, 0)) + GL_SPAN_KEEP * L->leading;
		cont = L->flow_top - L->text_bottom >= need;
	}
	if (cont) {
		g.have_page = true;
		g.top = L->flow_top;
		L->pinfo[L->npages - 1].first = true;
	} else {
		rc = new_page(&g);
		while (s < v->n && (v->items[s].separator || (v->items[s].kind == GL_V_SPACE && s + 1 < v->n &&
		                                               v->items[s + 1].separator)))
			s++;
	}
	*first_page = L->npages - 1;
	while (rc == 0 && s < v->n) {
		size_t e = s;
		bool span = L->opts.columns > 1 && v->items[s].span;

		if (L->opts.columns <= 1) {
			e = v->n;
		} else {
			while (e < v->n && (v->items[e].kind == GL_V_SPACE || v->items[e].span == span))
				e++;
			/* spaces belong to what follows */
			while (e > s + 1 && e < v->n && v->items[e - 1].kind == GL_V_SPACE)
				e--;
		}
		if (span && e < v->n) {
			double need = run_height(v, s, e) + GL_SPAN_KEEP * L->leading;
			if (g.top - L->text_bottom < need && g.top < L->text_top - 0.01)
				rc = new_page(&g);
		}
		g.last_region = e >= v->n;
		if (rc == 0)
			rc = flow(&g, s, e, span || L->opts.columns <= 1 ? 1 : L->opts.columns, true);
		s = e;
	}
	if (rc == 0 && g.feet.list)
		rc = finish_feet(&g, &footed);
	gl_feet_dispose(&g.feet);
	/* a page with notes at its foot takes no next article in continuous
	 * mode: that article's text would have to go above this one's notes */
	L->flow_top = footed ? L->text_bottom : g.top;
	if (rc == GALLEY_ELIMIT) {
		galley_pos pos = L->article ? L->article->pos : (galley_pos){NULL, 0, 0};
		galley_error_set(err, rc, &pos, "the book would have more than %d pages "
		                 "(GALLEY_MAX_PAGES, the most a PDF written by libharu can hold)",
		                 GALLEY_MAX_PAGES);
	} else if (rc < 0) {
		galley_error_set(err, rc, NULL, "out of memory while making pages");
	}
	return rc;
}
