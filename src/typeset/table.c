/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * table.c: a table (GFM pipe table) into the vertical list.
 *
 * Design note.
 *
 * The model.  A table is a grid of cells, each a paragraph of inlines
 * (possibly none); its first row is the header, and the delimiter row gave
 * each column an alignment.  It is set as books have set tables since
 * booktabs: no vertical rules, a heavy rule above the header and below the
 * last row, a light one under the header, space between the rows, the
 * header in bold, a size below the text (theme.table).
 *
 * The columns.  Each cell is measured (gl_measure_paragraph): its
 * narrowest width, the widest piece no line can break inside, and its
 * natural width, its text on one line; a column's are the widest of its
 * cells'.  gl_table_widths shares the measure out as browsers' automatic
 * table layout and LaTeX's tabulary do: natural widths when they all fit
 * (the table is then narrower than the measure, flush left with the
 * text); otherwise narrow columns keep their natural width and the wide
 * ones wrap, sharing what is left in proportion to what they need beyond
 * their minimum.  A table whose minimums do not fit is set smaller, down
 * to theme.table.min_size; then its column gaps narrow, down to
 * min_col_gap; only then do its cells break words, at hyphenation points,
 * a token's safe points or, last, between two characters: the paragraph's
 * line breaker never lets a line cross its measure.  With two columns, a
 * table whose natural width is more than a column's spans both, as a
 * level-1 heading does.  A table with more columns than the measure can
 * give GL_TABLE_MIN_COLUMN each is set as records instead (one small
 * two-column table per row: each header beside its cell).
 *
 * The rows.  Each cell is set by gl_set_paragraph at its column's width
 * (ragged right, hyphenated; centred or right-aligned by moving its lines)
 * and the row's lines are interleaved into bands: band j holds the j-th
 * line of every cell that has one, one item per cell line, all of height
 * 0 but the band's last, so that they share a top and page.c, which only
 * breaks before an item that allows it, never breaks inside a band.  No
 * break is allowed inside a row, so a row goes to the next page whole,
 * unless it alone is taller than a page can hold: then it breaks between
 * bands.  Every item of a body row points at a copy of the table's head
 * (top rule, header, the rule under it), which page.c sets above a row
 * that starts a page or a column: the header is repeated where the table
 * continues.  Each cell line keeps its model position (the cell's ordinal
 * and the offset of its first word), so the page map sees cells as it sees
 * paragraphs; the head's copies have none.
 *
 * Alternatives.  One item per row (all its lines in one) would make the
 * keep trivial but a row taller than a page unbreakable, and an item would
 * need a trace record per cell line.  Column widths from the delimiter
 * row's dashes (pandoc's rule for long delimiter rows) mean nothing to
 * authors of GitHub tables, and equal columns waste room on narrow columns
 * while the wide ones wrap.  A table stretched to the full measure spreads
 * short columns apart until rows are hard to follow.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "typeset/internal.h"
#include "typeset/theme.h"

/* Sizes, spaces, rules and colours: the type scale (theme.c). */
static const galley_theme *const theme = &galley_theme_default;

/* Added to every measured width, points: a cell set at exactly its natural
 * width must not wrap for a rounding error. */
#define GL_TABLE_EPSILON 0.01
/* A table made smaller to fit its halves is made this much smaller again
 * (halves()). */
#define GL_TABLE_SHRINK_MARGIN 0.995
/* How much more a spanning table may wrap, or leave white in its left
 * half, kept out of the gutter than set across it: a share of a column's
 * width (see halves()). */
#define GL_TABLE_HALF_SLACK 0.1
/* The right half of a table kept out of the gutter starts this far
 * (ems of its size) right of the right-hand column's edge: lined up with
 * it, a table's first row and the two columns above it would make four
 * blocks that text extraction takes for one table (page.c's note on how
 * it reads two columns), and the right column's text would be read after
 * the table below it. */
#define GL_TABLE_HALF_INDENT 0.5
/* A head taller than this share of the text height is not repeated where
 * the table continues: it would leave too little room for the rows. */
#define GL_TABLE_HEAD_SHARE 0.25
/* The narrowest column, ems of the table's smallest size: a character or
 * two a line.  A table whose columns cannot all have it, with the
 * narrowest gaps between them, is set as records. */
#define GL_TABLE_MIN_COLUMN 2.5

double gl_table_widths(const double *min, const double *max, size_t n, double room, double *w)
{
	double smin = 0, smax = 0, sum = 0;

	for (size_t i = 0; i < n; i++) {
		smin += min[i];
		smax += max[i];
	}
	if (smax <= room) {
		for (size_t i = 0; i < n; i++)
			w[i] = max[i];
	} else if (smin <= room) {
		/* w[i] < 0: not served yet; left: the room they share, need:
		 * the sum of their minimums */
		double left = room, need = smin, spread = 0;
		size_t nfree = n;

		for (size_t i = 0; i < n; i++)
			w[i] = -1;
		for (;;) {
			size_t k = n;
			for (size_t i = 0; i < n; i++)
				if (w[i] < 0 && (k == n || max[i] < max[k]))
					k = i;
			if (k == n || max[k] > left / (double)nfree || left - max[k] < need - min[k])
				break;
			w[k] = max[k];
			left -= max[k];
			need -= min[k];
			nfree--;
		}
		for (size_t i = 0; i < n; i++)
			if (w[i] < 0)
				spread += max[i] - min[i];
		for (size_t i = 0; i < n; i++)
			if (w[i] < 0)
				w[i] = min[i] + (spread > 0 ? (left - need) * (max[i] - min[i]) / spread : 0);
	} else {
		/* each column its minimum up to an even share; the rest in
		 * proportion to what they still lack */
		double even = room / (double)n, left = room, lack = 0;

		for (size_t i = 0; i < n; i++) {
			w[i] = fmin(min[i], even);
			left -= w[i];
			lack += min[i] - w[i];
		}
		for (size_t i = 0; i < n; i++)
			if (lack > 0)
				w[i] += left * (min[i] - w[i]) / lack;
	}
	for (size_t i = 0; i < n; i++)
		sum += w[i];
	return sum;
}

/* One cell to set: the cell, whether it is set as a header, its column. */
typedef struct gl_tcell {
	const galley_block *cell;
	bool bold;
	uint32_t col;
} gl_tcell;

typedef struct gl_table {
	galley_layout *L;
	gl_vlist *v;
	galley_align *align;   /* per column */
	double *min, *max;     /* per column, points */
	double *x, *w;         /* per column: left edge from the column's left, width */
	size_t ncols;
	double left, width;    /* the table: left edge, width, points */
	double size, leading, gap;
	bool span;
	const double *rules;
	uint32_t nrules;
	double page_h;         /* the text area's height, points */
	size_t *first, *count; /* per column: a row's cell lines in v */
	gl_vitem *tmp;         /* a row's items while they are put in band order */
	size_t ntmp;
} gl_table;

static gl_pstyle cell_style(const gl_table *t, const gl_tcell *c)
{
	gl_pstyle st;

	memset(&st, 0, sizeof st);
	st.face = c->bold ? GALLEY_FACE_BOLD : GALLEY_FACE_REGULAR;
	st.size = t->size;
	st.leading = t->leading;
	st.left = t->x ? t->x[c->col] : 0;
	st.width = t->w ? t->w[c->col] : 0;
	st.justify = false;
	st.hyphenate = t->L->opts.hyphenate;
	st.color = theme->color.text;
	st.kind = GALLEY_LINE_TABLE;
	st.block = c->cell->ordinal;
	return st;
}

/* Widens column c->col of t to hold cell c at t->size. */
static int measure_cell(gl_table *t, const gl_tcell *c, galley_error *err)
{
	gl_pstyle st = cell_style(t, c);
	double mn, mx;
	int rc = gl_measure_paragraph(t->L, c->cell->inlines, &st, &mn, &mx, err);

	if (rc < 0)
		return rc;
	t->min[c->col] = fmax(t->min[c->col], mn + GL_TABLE_EPSILON);
	t->max[c->col] = fmax(t->max[c->col], mx + GL_TABLE_EPSILON);
	return 0;
}

/* Each column's narrowest and natural width at t->size, over every cell
 * of the table (records: the header's cells in column 0, the others in
 * column 1). */
static int measure(gl_table *t, const galley_block *table, bool records, galley_error *err)
{
	int rc = 0;

	for (size_t k = 0; k < t->ncols; k++)
		t->min[k] = t->max[k] = 0;
	for (const galley_block *row = table->children; row && rc == 0; row = row->next) {
		uint32_t k = 0;
		for (const galley_block *cell = row->children; cell && k < table->ncols && rc == 0;
		     cell = cell->next, k++) {
			gl_tcell c = {cell, row->header, records ? row->header ? 0 : 1 : k};
			rc = measure_cell(t, &c, err);
		}
	}
	return rc;
}

static double sum(const double *a, size_t n)
{
	double s = 0;

	for (size_t i = 0; i < n; i++)
		s += a[i];
	return s;
}

static int space(gl_table *t, double h)
{
	gl_vitem *it = gl_vlist_push(t->v);

	if (!it)
		return GALLEY_ENOMEM;
	it->kind = GL_V_SPACE;
	it->height = h;
	it->rules = t->rules;
	it->nrules = t->nrules;
	return 0;
}

/* A rule across the table: an item `height` tall with a rule `thickness`
 * thick whose top lies `at` below the item's top. */
static int rule(gl_table *t, double height, double at, double thickness)
{
	gl_vitem *it = gl_vlist_push(t->v);
	galley_dl_rect *r;

	if (!it)
		return GALLEY_ENOMEM;
	r = gl_arena_alloc(&t->v->scratch, sizeof *r);
	if (!r)
		return GALLEY_ENOMEM;
	it->kind = GL_V_LINE;
	it->span = t->span;
	it->height = height;
	it->baseline = at + thickness;
	it->rules = t->rules;
	it->nrules = t->nrules;
	r->x = t->left;
	r->y = 0;
	r->w = t->width;
	r->h = thickness;
	r->color = theme->color.table_rule;
	it->rects = r;
	it->nrects = 1;
	return 0;
}

/* Moves a cell line right by `by` points (centred and right-aligned
 * columns): its words and links; the trace record keeps its measure and
 * ends further right. */
static void shift_line(gl_vitem *it, double by)
{
	for (uint32_t k = 0; k < it->ntexts; k++)
		it->texts[k].x += by;
	for (uint32_t k = 0; k < it->nlinks; k++)
		it->links[k].x += by;
	it->line.used += by;
}

/* Sets one row of n cells as bands of lines (see the design note).  The
 * row's first item allows a break before it unless `keep`; a row taller
 * than `budget` points allows breaks between its bands.  *start receives
 * the index of its first item. */
static int set_row(gl_table *t, const gl_tcell *cells, size_t n, bool keep, double budget,
                   size_t *start, galley_error *err)
{
	gl_vlist *v = t->v;
	size_t s = v->n, bands = 0, at;
	int rc = 0;

	*start = s;
	for (size_t k = 0; k < n; k++) {
		gl_pstyle st = cell_style(t, &cells[k]);
		galley_align a = t->align[cells[k].col];

		t->first[k] = v->n;
		rc = gl_set_paragraph(t->L, v, cells[k].cell->inlines, NULL, &st, err);
		if (rc < 0)
			return rc;
		t->count[k] = v->n - t->first[k];
		if (t->count[k] > bands)
			bands = t->count[k];
		for (size_t i = t->first[k]; i < v->n && a != GALLEY_ALIGN_NONE && a != GALLEY_ALIGN_LEFT; i++) {
			double room = fmax(0, st.width - v->items[i].line.used);
			shift_line(&v->items[i], a == GALLEY_ALIGN_RIGHT ? room : room / 2);
		}
	}
	if (bands == 0) {
		/* a row of empty cells still takes a line */
		gl_vitem *it = gl_vlist_push(v);
		if (!it)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		it->kind = GL_V_LINE;
		it->height = t->leading;
		it->baseline = t->leading;
		bands = 1;
	} else {
		/* the cells' lines, cell after cell, into band order */
		size_t nitems = v->n - s;
		if (galley_vec_reserve((void **)&t->tmp, &t->ntmp, nitems, sizeof *t->tmp) < 0)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		memcpy(t->tmp, &v->items[s], nitems * sizeof *t->tmp);
		at = s;
		for (size_t j = 0; j < bands; j++)
			for (size_t k = 0; k < n; k++)
				if (j < t->count[k])
					v->items[at++] = t->tmp[t->first[k] - s + j];
	}
	/* heights, keeps, quote rules */
	at = s;
	for (size_t j = 0, prev = s; j < bands; j++) {
		size_t nj = 0;
		bool split = bands * t->leading > budget + 0.01 && j >= 2 && j + 2 <= bands;
		for (size_t k = 0; k < n; k++)
			nj += j < t->count[k];
		if (nj == 0)
			nj = 1;  /* the empty row's line */
		for (size_t i = at; i < at + nj; i++) {
			gl_vitem *it = &v->items[i];
			bool last = i + 1 == at + nj;
			it->span = t->span;
			it->nobreak_before = i > at || (j == 0 ? keep : !split);
			it->height = last ? t->leading : 0;
			it->rules = last ? t->rules : NULL;
			it->nrules = last ? t->nrules : 0;
			/* a word is never split across pages */
			if (j > 0 && i == at)
				for (size_t q = prev; q < at; q++)
					it->nobreak_before = it->nobreak_before || v->items[q].line.hyphenated;
		}
		prev = at;
		at += nj;
	}
	return 0;
}

/* The cells of `row` into cells[] (at most t->ncols of the table); their
 * number. */
static size_t row_cells(const galley_block *table, const galley_block *row, gl_tcell *cells)
{
	uint32_t k = 0;

	for (const galley_block *cell = row->children; cell && k < table->ncols; cell = cell->next, k++) {
		cells[k].cell = cell;
		cells[k].bold = row->header;
		cells[k].col = k;
	}
	return k;
}

/* Copies the items from `from` to the end of the list as the table's head,
 * to repeat (see gl_vitem.head): *head, *n, *height. */
static int copy_head(gl_table *t, size_t from, gl_vitem **head, uint32_t *n, double *height)
{
	gl_vlist *v = t->v;
	size_t count = v->n - from;
	gl_vitem *h = gl_arena_alloc(&v->scratch, count * sizeof *h);

	if (!h)
		return GALLEY_ENOMEM;
	memcpy(h, &v->items[from], count * sizeof *h);
	*height = 0;
	for (size_t i = 0; i < count; i++) {
		h[i].has_mark = false;
		h[i].nobreak_before = false;
		h[i].nrefs = 0;  /* its footnotes' references stand where it first does */
		*height += h[i].height;
	}
	*head = h;
	*n = (uint32_t)count;
	return 0;
}

/* The table as a grid: top rule, header, rule, rows, bottom rule. */
static int set_grid(gl_table *t, const galley_block *table, gl_tcell *cells, galley_error *err)
{
	gl_vlist *v = t->v;
	const galley_block *row = table->children;
	double rs = t->size * theme->table.rule_space;
	double heavy = theme->table.heavy_rule, light = theme->table.light_rule;
	gl_vitem *head = NULL;
	uint32_t nhead = 0;
	double head_h = 0;
	size_t top = v->n, start;
	bool first = true;
	int rc;

	rc = rule(t, heavy + rs, 0, heavy);
	if (rc == 0 && row && row->header) {
		/* the header stays with its rules and the first row, unless it
		 * cannot (taller than a page with them: it breaks between lines) */
		double budget = t->page_h - 2 * heavy - light - 4 * rs - t->leading;
		rc = set_row(t, cells, row_cells(table, row, cells), true, budget, &start, err);
		if (rc == 0 && row->next) {
			rc = rule(t, 2 * rs + light, rs, light);
			if (rc == 0)
				v->items[v->n - 1].nobreak_before = true;
			if (rc == 0)
				rc = copy_head(t, top, &head, &nhead, &head_h);
			if (head_h > t->page_h * GL_TABLE_HEAD_SHARE)
				head = NULL;
		}
		row = row->next;
	}
	for (; row && rc == 0; row = row->next) {
		double budget = t->page_h - (head ? head_h : 0);
		if (!first)
			rc = space(t, t->size * theme->table.row_space);
		if (rc == 0)
			rc = set_row(t, cells, row_cells(table, row, cells), first, budget, &start, err);
		for (size_t i = start; i < v->n && rc == 0 && head; i++) {
			v->items[i].head = head;
			v->items[i].nhead = nhead;
			v->items[i].head_height = head_h;
		}
		first = false;
	}
	if (rc == 0)
		rc = rule(t, rs + heavy, rs, heavy);
	if (rc == 0)
		v->items[v->n - 1].nobreak_before = true;
	if (rc == GALLEY_ENOMEM)
		galley_error_set(err, rc, NULL, "out of memory");
	return rc;
}

/* The table as records, for one with more columns than the measure can
 * hold: for each row after the header, each header cell (in bold) beside
 * that row's cell, a light rule between two records. */
static int set_records(gl_table *t, const galley_block *table, gl_tcell *cells, galley_error *err)
{
	const galley_block *header = table->children;
	double rs = t->size * theme->table.rule_space;
	double heavy = theme->table.heavy_rule, light = theme->table.light_rule;
	size_t start;
	int rc;

	t->align[0] = t->align[1] = GALLEY_ALIGN_LEFT;
	rc = rule(t, heavy + rs, 0, heavy);
	for (const galley_block *row = header->next; row && rc == 0; row = row->next) {
		const galley_block *h = header->children, *cell = row->children;
		size_t first = t->v->n;
		uint32_t k = 0;
		double height = 0;
		if (row != header->next) {
			rc = rule(t, 2 * rs + light, rs, light);
			if (rc < 0)
				break;
		}
		/* a record's first two fields stay together, and its last two */
		for (; h && cell && rc == 0; h = h->next, cell = cell->next, k++) {
			cells[0] = (gl_tcell){h, true, 0};
			cells[1] = (gl_tcell){cell, false, 1};
			if (k > 0)
				rc = space(t, t->size * theme->table.row_space);
			if (rc == 0)
				rc = set_row(t, cells, 2, k < 2 || !h->next || !cell->next, t->page_h, &start, err);
		}
		/* as a row does, a record goes to the next page whole unless it
		 * is taller than a page */
		for (size_t i = first; i < t->v->n; i++)
			height += t->v->items[i].height;
		for (size_t i = first + 1; i < t->v->n && height <= t->page_h; i++)
			t->v->items[i].nobreak_before = true;
	}
	if (rc == 0)
		rc = rule(t, rs + heavy, rs, heavy);
	if (rc == 0)
		t->v->items[t->v->n - 1].nobreak_before = true;
	if (rc == GALLEY_ENOMEM)
		galley_error_set(err, rc, NULL, "out of memory");
	return rc;
}

/* Sets t->size to the largest at most t->size and at least `floor` at
 * which the columns' narrowest widths and the gaps fit `width` (measuring
 * again), then narrows the gaps as far as need be and min_col_gap allows. */
static int fit_width(gl_table *t, const galley_block *table, double width, double floor,
                     galley_error *err)
{
	double n1 = (double)(t->ncols - 1);
	double need = sum(t->min, t->ncols) + n1 * t->gap;
	int rc = 0;

	if (need > width && t->size > floor) {
		t->size = fmax(floor, t->size * width / need);
		t->leading = t->size * theme->table.leading;
		t->gap = t->size * theme->table.col_gap;
		rc = measure(t, table, false, err);
	}
	need = sum(t->min, t->ncols);
	if (rc == 0 && t->ncols > 1 && need + n1 * t->gap > width)
		t->gap = fmax(t->size * theme->table.min_col_gap, (width - need) / n1);
	return rc;
}

/* Places the columns from t->left, one gap apart, except that columns
 * [split, n) start at `right` (the right-hand page column; split == n:
 * none), and sets t->width to what they cover. */
static void place_columns(gl_table *t, size_t split, double right)
{
	double x = t->left;

	for (size_t k = 0; k < t->ncols; k++) {
		if (k == split)
			x = right;
		t->x[k] = x;
		x += t->w[k] + t->gap;
	}
	t->width = t->x[t->ncols - 1] + t->w[t->ncols - 1] - t->left;
}

/* How far the natural widths of columns [a, b), with their gaps, fall
 * short of `room` (negative) or exceed it, points, at `scale` times the
 * measured size. */
static double overrun(const gl_table *t, size_t a, size_t b, double room, double scale)
{
	return (sum(t->max + a, b - a) + (double)(b - a - 1) * t->gap) * scale - room;
}

/* With two page columns, a table wider than one may span both and still
 * keep every cell out of the gutter: columns [0, k) in the left page
 * column, [k, n) in the right.  Each split k has its size, the largest
 * (at most t->size) at which both halves hold their narrowest widths, and
 * its cost, points: how far the halves' natural widths overrun their
 * columns, the white a short left half leaves before the gutter, and the
 * size given up, as that share of the text width.  The cheapest split at
 * a size of at least `floor` wins, unless spanning the full width
 * regardless of the gutter would cost less by more than
 * GL_TABLE_HALF_SLACK of a column: false then, or when no split fits. */
static bool halves(const gl_table *t, double floor, size_t *split, double *size)
{
	const galley_layout *L = t->L;
	double col = L->col_width, cost = INFINITY, full;
	size_t n = t->ncols;

	for (size_t k = 1; k < n; k++) {
		double lmin = sum(t->min, k) + (double)(k - 1) * t->gap;
		double rmin = sum(t->min + k, n - k) + (double)(n - k - 1) * t->gap;
		/* a hair below the size that fits: measured again at a smaller
		 * size, widths round a little differently */
		double scale, l, r;
		rmin += t->size * GL_TABLE_HALF_INDENT;
		scale = fmax(lmin, rmin) <= col ? 1.0 : col / fmax(lmin, rmin) * GL_TABLE_SHRINK_MARGIN;
		l = overrun(t, 0, k, col, scale);
		r = overrun(t, k, n, col - t->size * GL_TABLE_HALF_INDENT * scale, scale);
		double c = fabs(l) + fmax(0, r) + (1 - scale) * L->text_width;
		if (t->size * scale >= floor && c < cost) {
			cost = c;
			*split = k;
			*size = t->size * scale;
		}
	}
	full = fmax(0, overrun(t, 0, n, L->text_width, 1.0));
	return cost <= full + GL_TABLE_HALF_SLACK * col;
}

int gl_set_table(galley_layout *L, gl_vlist *v, const galley_block *table,
                 const gl_table_frame *frame, galley_error *err)
{
	gl_table t;
	size_t n = table->ncols > 2 ? table->ncols : 2;  /* records use two */
	size_t split;
	double fs = L->opts.font_size, floor, hsize = 0;
	double *d = NULL;
	gl_tcell *cells = NULL;
	bool records, span_halves = false;
	int rc = 0;

	memset(&t, 0, sizeof t);
	t.L = L;
	t.v = v;
	t.ncols = table->ncols ? table->ncols : 1;
	t.left = frame->left;
	t.width = frame->width;
	t.rules = frame->rules;
	t.nrules = frame->nrules;
	t.page_h = L->text_top - L->text_bottom;
	t.size = fs * theme->table.size;
	t.leading = t.size * theme->table.leading;
	t.gap = t.size * theme->table.col_gap;
	floor = fmin(t.size, fs * theme->table.min_size);
	split = t.ncols;
	d = calloc(4 * n, sizeof *d);
	t.first = calloc(2 * n, sizeof *t.first);
	t.align = calloc(n, sizeof *t.align);
	cells = calloc(n, sizeof *cells);
	if (!d || !t.first || !t.align || !cells) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	t.min = d;
	t.max = d + n;
	t.x = d + 2 * n;
	t.w = d + 3 * n;
	t.count = t.first + n;
	for (size_t k = 0; k < table->ncols; k++)
		t.align[k] = table->align ? table->align[k] : GALLEY_ALIGN_NONE;
	rc = space(&t, L->leading * theme->table.space_above);
	if (rc < 0) {
		galley_error_set(err, rc, NULL, "out of memory");
		goto cleanup;
	}
	rc = measure(&t, table, false, err);
	if (rc < 0)
		goto cleanup;
	/* With two columns, a table wider than one spans both: with its
	 * cells out of the gutter when it can (halves()), else in the column
	 * when its words fit there, else across the gutter. */
	if (L->opts.columns > 1 && frame->may_span &&
	    sum(t.max, t.ncols) + (double)(t.ncols - 1) * t.gap > t.width) {
		span_halves = halves(&t, floor, &split, &hsize);
		if (span_halves || sum(t.min, t.ncols) + (double)(t.ncols - 1) * t.gap > t.width) {
			t.span = true;
			t.left = 0;
			t.width = L->text_width;
		}
	}
	/* too many columns for the measure even at the smallest size, with
	 * the narrowest gaps: records, in the column */
	records = !span_halves && t.ncols > 1 && table->children && table->children->header &&
	          t.ncols * (GL_TABLE_MIN_COLUMN + theme->table.min_col_gap) * floor >
	          t.width + theme->table.min_col_gap * floor;
	if (records) {
		t.span = false;
		t.left = frame->left;
		t.width = frame->width;
		t.ncols = 2;
		rc = measure(&t, table, true, err);
		if (rc == 0) {
			gl_table_widths(t.min, t.max, 2, t.width - t.gap, t.w);
			place_columns(&t, 2, 0);
			rc = set_records(&t, table, cells, err);
		}
		goto done;
	}
	if (span_halves) {
		double col = L->col_width;
		if (hsize < t.size) {
			t.size = hsize;
			t.leading = t.size * theme->table.leading;
			t.gap = t.size * theme->table.col_gap;
			rc = measure(&t, table, false, err);
		}
		if (rc == 0) {
			gl_table_widths(t.min, t.max, split, col - (double)(split - 1) * t.gap, t.w);
			gl_table_widths(t.min + split, t.max + split, t.ncols - split,
			                col - (double)(t.ncols - split - 1) * t.gap - t.size * GL_TABLE_HALF_INDENT,
			                t.w + split);
			place_columns(&t, split, col + L->opts.column_gap + t.size * GL_TABLE_HALF_INDENT);
		}
	} else {
		rc = fit_width(&t, table, t.width, floor, err);
		if (rc == 0) {
			gl_table_widths(t.min, t.max, t.ncols, t.width - (double)(t.ncols - 1) * t.gap, t.w);
			place_columns(&t, t.ncols, 0);
		}
	}
	if (rc == 0)
		rc = set_grid(&t, table, cells, err);
done:
	if (rc == 0)
		rc = space(&t, L->leading * theme->table.space_below);
	if (rc == GALLEY_ENOMEM)
		galley_error_set(err, rc, NULL, "out of memory");
cleanup:
	free(d);
	free(t.first);
	free(t.align);
	free(cells);
	free(t.tmp);
	return rc;
}
