/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * blocks.c: an article's header and blocks into the vertical list.
 *
 * Each block becomes lines (through gl_set_paragraph, or directly for code
 * and figures) separated by discardable spaces, with the keep rules
 * written onto the items: no break after a paragraph's first line or
 * before its last (no orphans, no widows), none inside a heading, none
 * between a heading and the two lines that follow it, none between a
 * figure and its caption.  page.c honours them.
 *
 * Size: over 1,100 lines since call-outs, display math and the table
 * frame joined the block setters; each setter is short, and the file
 * is one switch's cases: the next split is by block family.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "typeset/internal.h"
#include "typeset/balance.h"
#include "typeset/theme.h"

/* Deepest nesting of quotes that still draws a rule each; deeper levels
 * indent but share the last rule. */
#define GL_MAX_RULES 8
/* A column narrower than this many ems of the body is narrow (two columns
 * on A5): lists run in (list()) and quotes hang their rule outside the
 * text (quote()). */
#define GL_NARROW_MEASURE 18.0

/* Sizes, spaces, rules and colours: the type scale (theme.c). */
static const galley_theme *const theme = &galley_theme_default;

typedef struct gl_bctx {
	galley_layout *L;
	gl_vlist *v;
	double left, width;        /* the measure, points from the column's left */
	double rules[GL_MAX_RULES];
	uint32_t nrules;
	int list_depth;
	double runin;              /* the next paragraph's first-line indent: a
	                              run-in list item's marker and its space */
	bool attribution;          /* the next paragraph is a quote's
	                              attribution: set ragged */
} gl_bctx;

static int block(gl_bctx *c, const galley_block *b, bool after_para, galley_error *err);

static int space(gl_bctx *c, double h)
{
	gl_vitem *it = gl_vlist_push(c->v);

	if (!it)
		return GALLEY_ENOMEM;
	it->kind = GL_V_SPACE;
	it->height = h;
	if (c->nrules) {
		double *r = gl_arena_alloc(&c->L->arena, c->nrules * sizeof *r);
		if (!r)
			return GALLEY_ENOMEM;
		memcpy(r, c->rules, c->nrules * sizeof *r);
		it->rules = r;
		it->nrules = c->nrules;
	}
	return 0;
}

static void keep_lines(gl_vlist *v, size_t first, size_t end)
{
	size_t n = end - first;

	if (n < 2)
		return;
	v->items[first + 1].nobreak_before = true;          /* no orphan */
	v->items[end - 1].nobreak_before = true;            /* no widow */
	if (n == 3)
		v->items[first + 2].nobreak_before = true;
	/* a word is never split across pages or columns: readers (and text
	 * extraction) lose the thread there */
	for (size_t i = first + 1; i < end; i++)
		if (v->items[i - 1].kind == GL_V_LINE && v->items[i - 1].line.hyphenated)
			v->items[i].nobreak_before = true;
}

static gl_pstyle body_style(gl_bctx *c, const galley_block *b)
{
	galley_layout *L = c->L;
	gl_pstyle st;
	double *r = NULL;

	memset(&st, 0, sizeof st);
	st.face = GALLEY_FACE_REGULAR;
	st.size = L->opts.font_size;
	st.leading = L->leading;
	st.left = c->left;
	st.width = c->width;
	st.justify = !L->opts.ragged;
	st.hyphenate = L->opts.hyphenate;
	st.color = theme->color.text;
	st.kind = GALLEY_LINE_BODY;
	st.block = b ? b->ordinal : 0;
	if (c->nrules) {
		r = gl_arena_alloc(&L->arena, c->nrules * sizeof *r);
		if (r) {
			memcpy(r, c->rules, c->nrules * sizeof *r);
			st.rules = r;
			st.nrules = c->nrules;
		}
	}
	return st;
}

/* Plain text of inlines for the outline, in the layout's arena. */
static void plain_text(const galley_inline *in, char *buf, size_t cap, size_t *n)
{
	for (; in; in = in->next) {
		if (in->type == GALLEY_TEXT || in->type == GALLEY_CODE) {
			size_t k = in->len < cap - 1 - *n ? in->len : cap - 1 - *n;
			memcpy(buf + *n, in->text, k);
			*n += k;
		} else if ((in->type == GALLEY_SOFTBREAK || in->type == GALLEY_HARDBREAK) && *n < cap - 1) {
			buf[(*n)++] = ' ';
		} else {
			plain_text(in->children, buf, cap, n);
		}
	}
	buf[*n] = '\0';
}

/* Longest outline title kept, bytes: a bookmark is one line in a viewer's
 * side panel.  A longer title is cut at a character and ends in an
 * ellipsis, so the cut is visible. */
#define GL_OUTLINE_MAX 256

static const char *outline_title(galley_layout *L, const galley_inline *in)
{
	char buf[GL_OUTLINE_MAX + 4];
	size_t n = 0;
	bool cut;

	plain_text(in, buf, GL_OUTLINE_MAX, &n);
	cut = n >= GL_OUTLINE_MAX - 1;
	while (n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0x80 && n == GL_OUTLINE_MAX - 1)
		n--;
	while (n > 0 && ((unsigned char)buf[n] & 0xC0) == 0x80)
		n--;
	if (cut) {
		if (n > GL_OUTLINE_MAX - 4)
			n = GL_OUTLINE_MAX - 4;
		while (n > 0 && ((unsigned char)buf[n] & 0xC0) == 0x80)
			n--;
		memcpy(buf + n, "\xE2\x80\xA6", 3);
		n += 3;
	}
	return gl_arena_strndup(&L->arena, buf, n);
}

int gl_item_text(galley_layout *L, gl_vitem *it, const galley_dl_text *t)
{
	galley_dl_text *n = gl_arena_alloc(&L->arena, (it->ntexts + 1) * sizeof *n);

	if (!n)
		return GALLEY_ENOMEM;
	if (it->ntexts)
		memcpy(n, it->texts, it->ntexts * sizeof *n);
	n[it->ntexts] = *t;
	it->texts = n;
	it->ntexts++;
	L->face_used[t->face] = true;
	return 0;
}

int gl_item_link(galley_layout *L, gl_vitem *it, const galley_dl_link *l)
{
	galley_dl_link *n = gl_arena_alloc(&L->arena, (it->nlinks + 1) * sizeof *n);

	if (!n)
		return GALLEY_ENOMEM;
	if (it->nlinks)
		memcpy(n, it->links, it->nlinks * sizeof *n);
	n[it->nlinks] = *l;
	it->links = n;
	it->nlinks++;
	return 0;
}

/* Adds a text run (a whole measured word) to an item, at x relative to the
 * column, on the baseline. */
static int add_word_run(galley_layout *L, gl_vitem *it, int face, double size,
                        const char *s, double x, uint32_t color)
{
	const gl_word *w = gl_fonts_word(L->fonts, face, s, strlen(s));
	uint32_t a = 0;

	if (!w)
		return GALLEY_ENOMEM;
	for (uint32_t k = 1; k <= w->n; k++) {
		if (k < w->n && w->g[k].face == w->g[a].face)
			continue;
		{
			galley_dl_text t = {x + w->g[a].x * size / 1000.0, 0, size, w->text + w->g[a].byte,
			                    w->g[k].byte - w->g[a].byte, color, w->g[a].face, 0, 0, w->shaped};
			if (gl_item_text(L, it, &t) < 0)
				return GALLEY_ENOMEM;
		}
		a = k;
	}
	return 0;
}

static int add_rect(galley_layout *L, gl_vitem *it, double x, double y, double w, double h, uint32_t color)
{
	galley_dl_rect *r = gl_arena_alloc(&L->arena, (it->nrects + 1) * sizeof *r);

	if (!r)
		return GALLEY_ENOMEM;
	if (it->nrects)
		memcpy(r, it->rects, it->nrects * sizeof *r);
	r[it->nrects].x = x;
	r[it->nrects].y = y;
	r[it->nrects].w = w;
	r[it->nrects].h = h;
	r[it->nrects].color = color;
	it->rects = r;
	it->nrects++;
	return 0;
}

/* ---- blocks ------------------------------------------------------------- */

static int paragraph(gl_bctx *c, const galley_block *b, bool after_para, galley_error *err)
{
	galley_layout *L = c->L;
	gl_pstyle st = body_style(c, b);
	size_t first;
	int rc;

	if (after_para && c->nrules == 0 && c->list_depth == 0) {
		st.indent = L->opts.font_size * theme->body.indent;
	} else {
		st.indent = c->runin;  /* a run-in list item's marker and space, or 0 */
		c->runin = 0;
		rc = space(c, L->leading * theme->body.space_above);
		if (rc < 0)
			return galley_error_set(err, rc, NULL, "out of memory");
	}
	if (c->attribution)
		st.justify = false;
	first = c->v->n;
	rc = gl_set_paragraph(L, c->v, b->inlines, NULL, &st, err);
	if (rc < 0)
		return rc;
	keep_lines(c->v, first, c->v->n);
	/* an attribution stays with the quote it closes: "— Name, role"
	 * alone at the head of a column or page reads as a stray */
	if (c->attribution && c->v->n > first)
		c->v->items[first].nobreak_before = true;
	return 0;
}

/* The size, at most `size` and at least `floor`, at which the widest word
 * of a display line (a title, a heading) fits `width`: in a narrow column
 * a word wider than the measure would break between two letters, with no
 * hyphen to show it; newspapers size such a headline down instead. */
static double fit_size(galley_layout *L, int face, double size, double floor, const char *text, double width)
{
	double widest = 0;

	for (const char *s = text; s && *s;) {
		size_t n = strcspn(s, " \t\n");
		if (n > 0) {
			double w = gl_fonts_width(L->fonts, face, size, s, n);
			widest = fmax(widest, w);
		}
		s += n;
		s += strspn(s, " \t\n");
	}
	if (widest <= width || floor >= size)
		return size;
	return fmax(floor, size * width / widest * 0.98); /* a hair inside */
}

/* The name of a heading's destination, "ARTICLE#HEADING", in the
 * layout's arena (paragraph.c names internal links the same way). */
static const char *heading_dest(galley_layout *L, const galley_block *b)
{
	size_t na = strlen(L->article->id), nh;
	char *name;

	if (b->id == NULL)
		return NULL;
	nh = strlen(b->id);
	if ((name = gl_arena_alloc(&L->arena, na + nh + 2)) == NULL)
		return NULL;
	memcpy(name, L->article->id, na);
	name[na] = '#';
	memcpy(name + na + 1, b->id, nh + 1);
	return name;
}

static int heading(gl_bctx *c, const galley_block *b, galley_error *err)
{
	galley_layout *L = c->L;
	gl_pstyle st = body_style(c, b);
	int level = b->level < 1 ? 1 : b->level > 6 ? 6 : b->level;
	size_t first;
	int rc;
	bool span = level == 1 && L->opts.columns > 1 && c->nrules == 0 && c->list_depth == 0;
	const char *plain = outline_title(L, b->inlines);

	st.face = level >= 5 ? GALLEY_FACE_BOLDITALIC : GALLEY_FACE_BOLD;
	st.size = L->opts.font_size * theme->heading.size[level];
	st.leading = st.size * theme->heading.leading;
	st.justify = false;
	st.hyphenate = false;
	st.kind = GALLEY_LINE_HEADING;
	/* A spanning heading sits above both columns, but its lines are set to
	 * the column's measure: a line of text that crossed the gutter would
	 * read as an overfull line of the left column. */
	if (span)
		st.width = L->col_width;
	{
		double fit = fit_size(L, st.face, st.size, L->opts.font_size, plain, st.width);
		st.leading *= fit / st.size;
		st.size = fit;
	}
	rc = space(c, L->leading * (level <= 2 ? theme->heading.space_above_major
	                                       : theme->heading.space_above));
	if (rc < 0)
		return galley_error_set(err, rc, NULL, "out of memory");
	first = c->v->n;
	{
		gl_display d = {GL_DISPLAY_BALANCE, L->article->meta.lang, 0, NULL, 0};
		rc = gl_set_display(L, c->v, b->inlines, NULL, &st, &d, err);
	}
	if (rc < 0)
		return rc;
	if (c->v->n == first)
		return 0;
	for (size_t i = first; i < c->v->n; i++) {
		if (i > first)
			c->v->items[i].nobreak_before = true;
		c->v->items[i].span = span;
	}
	/* heading ids are unique in their article only: the destination is
	 * named by both (links resolved by the model point at it) */
	c->v->items[first].dest = heading_dest(L, b);
	if (b->id != NULL && c->v->items[first].dest == NULL)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	c->v->items[first].outline = plain;
	c->v->items[first].outline_level = level;
	rc = space(c, L->leading * theme->heading.space_below);
	if (rc < 0)
		return galley_error_set(err, rc, NULL, "out of memory");
	return 0;
}

static bool in_set(char ch, const char *set)
{
	return ch != '\0' && strchr(set, ch) != NULL;
}

/* A code block's text keeps the column's edges, like every other line, and
 * its tint reaches `reach` beyond them into the margins: the left edge of the
 * text stays one straight line down the page (readers, and tools that find
 * columns by where lines start, see a single edge). */
static int codeblock(gl_bctx *c, const galley_block *b, galley_error *err)
{
	galley_layout *L = c->L;
	double size = L->opts.font_size * theme->code.size, leading = L->leading * theme->code.leading;
	/* the tint's padding, and its reach past the text: at most a third of
	 * the gutter, so that two columns' tints never meet */
	double pad = theme->code.padding, avail = c->width;
	double reach = L->opts.columns > 1 && L->opts.column_gap < 3 * pad ? L->opts.column_gap / 3 : pad;
	const gl_word *mark = gl_fonts_word(L->fonts, GALLEY_FACE_MONO, "\xE2\x86\xAA", 3);
	double mark_w;
	size_t first, pos = 0, len = b->text ? b->len : 0, nspans = 0, si = 0;
	int rc = 0;
	char *exp = NULL;
	uint8_t *cls = NULL;       /* the token class of each byte of exp */
	galley_hl_span *spans = NULL;

	if (!mark)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	/* the tokens of a block that names its language; none: plain */
	if (b->info != NULL && len > 0 && (rc = galley_highlight(b->info, b->text, len, &spans, &nspans)) < 0)
		goto cleanup;
	mark_w = mark->g[mark->n].x * size / 1000.0 + size * theme->code.mark_gap;
	rc = space(c, L->leading * theme->code.space_above);
	if (rc == 0 && space(c, pad) == 0)
		rc = add_rect(L, &c->v->items[c->v->n - 1], c->left - reach, -pad, c->width + 2 * reach, pad,
		              theme->color.tint);
	if (rc < 0)
		goto cleanup;
	c->v->items[c->v->n - 1].nobreak_before = true;
	first = c->v->n;
	while (pos < len) {
		size_t end = pos, n = 0, k = 0;
		const gl_word *w;
		uint32_t s = 0;
		bool cont = false;

		while (end < len && b->text[end] != '\n')
			end++;
		/* expand tabs to 4 columns; each byte keeps its token's class */
		exp = malloc((end - pos) * 4 + 1);
		cls = malloc((end - pos) * 4 + 1);
		if (!exp || !cls) { rc = GALLEY_ENOMEM; goto cleanup; }
		for (size_t i = pos; i < end; i++) {
			uint8_t tok = 0;
			while (si < nspans && spans[si].end <= i)
				si++;
			if (si < nspans && spans[si].start <= i)
				tok = (uint8_t)spans[si].cls;
			if (b->text[i] == '\t') {
				do cls[n] = tok, exp[n++] = ' '; while (++k % 4);
			} else {
				cls[n] = tok;
				exp[n++] = b->text[i];
				if (((unsigned char)b->text[i] & 0xC0) != 0x80)
					k++;
			}
		}
		w = gl_fonts_word(L->fonts, GALLEY_FACE_MONO, exp, n);
		free(exp);
		exp = NULL;
		if (!w) { rc = GALLEY_ENOMEM; goto cleanup; }
		do {
			double room = avail - (cont ? mark_w : 0);
			uint32_t e = s, sp = 0;
			gl_vitem *it;
			while (e < w->n && (w->g[e + 1].x - w->g[s].x) * size / 1000.0 <= room)
				e++;
			if (e == s && s < w->n)
				e = s + 1; /* a glyph wider than the line: the column is absurd */
			/* the wrap: after a space or a comma in the line's second
			 * half; else after punctuation that ends a name (csv. |
			 * DictReader, open( | path) in its last two thirds; only
			 * else between two letters */
			if (e < w->n) {
				for (uint32_t q = e; q > s + (e - s) / 2 && !sp; q--)
					if (in_set(w->text[w->g[q - 1].byte], " ,"))
						sp = q;
				for (uint32_t q = e; q > s + (e - s) / 3 && !sp; q--)
					if (in_set(w->text[w->g[q - 1].byte], ".([{/-=:;") &&
					    !in_set(w->text[w->g[q].byte], ".([{/-=:; "))
						sp = q;
				if (sp)
					e = sp;
			}
			it = gl_vlist_push(c->v);
			if (!it) { rc = GALLEY_ENOMEM; goto cleanup; }
			it->kind = GL_V_LINE;
			it->height = leading;
			it->baseline = leading * theme->code.baseline;
			it->has_mark = true;
			it->article = L->article->index;
			it->block = b->ordinal;
			it->offset = (uint32_t)pos + w->g[s].src;
			if (c->nrules) {
				double *r = gl_arena_alloc(&L->arena, c->nrules * sizeof *r);
				if (!r) { rc = GALLEY_ENOMEM; goto cleanup; }
				memcpy(r, c->rules, c->nrules * sizeof *r);
				it->rules = r;
				it->nrules = c->nrules;
			}
			rc = add_rect(L, it, c->left - reach, -(leading - it->baseline), c->width + 2 * reach, leading,
			              theme->color.tint);
			if (rc == 0 && cont) {
				rc = add_word_run(L, it, GALLEY_FACE_MONO, size, "\xE2\x86\xAA", c->left,
				                  theme->color.gray);
			}
			/* the line's text, one run per face and token class */
			for (uint32_t q = s, a = s; rc == 0 && q < e; ) {
				uint8_t ca = cls[w->g[a].byte];
				q++;
				if (q < e && w->g[q].face == w->g[a].face && cls[w->g[q].byte] == ca)
					continue;
				{
					int face = w->g[a].face;
					galley_dl_text t;
					if (theme->highlight.bold[ca] && face == GALLEY_FACE_MONO)
						face = GALLEY_FACE_MONOBOLD;
					t = (galley_dl_text){c->left + (cont ? mark_w : 0) +
					                     (w->g[a].x - w->g[s].x) * size / 1000.0, 0, size,
					                     w->text + w->g[a].byte, w->g[q].byte - w->g[a].byte,
					                     ca ? theme->highlight.color[ca] : theme->color.text, face, 0, 0, w->shaped};
					if (gl_item_text(L, it, &t) < 0) { rc = GALLEY_ENOMEM; break; }
				}
				a = q;
			}
			if (rc < 0)
				goto cleanup;
			it->line.x = c->left;
			it->line.width = avail;
			it->line.used = (cont ? mark_w : 0) + (w->g[e].x - w->g[s].x) * size / 1000.0;
			it->line.article = it->article;
			it->line.block = b->ordinal;
			it->line.offset = it->offset;
			it->line.kind = GALLEY_LINE_CODE;
			it->line.emergency = e < w->n;
			s = e;
			cont = true;
		} while (s < w->n);
		free(cls);
		cls = NULL;
		pos = end + 1;
	}
	keep_lines(c->v, first, c->v->n);
	if (space(c, pad) == 0)
		rc = add_rect(L, &c->v->items[c->v->n - 1], c->left - reach, -pad, c->width + 2 * reach, pad,
		              theme->color.tint);
	else
		rc = GALLEY_ENOMEM;
	if (rc == 0)
		c->v->items[c->v->n - 1].nobreak_before = true;
cleanup:
	free(exp);
	free(cls);
	free(spans);
	if (rc < 0)
		galley_error_set(err, rc, NULL, "out of memory");
	return rc;
}

/* The caption of a figure: its title when it has one, else its alt text
 * (as the EPUB's <figcaption>).  A title becomes a text inline of the
 * layout's arena. */
static const galley_inline *caption_of(galley_layout *L, const galley_inline *img)
{
	galley_inline *t;

	if (img->title == NULL || img->title[0] == '\0')
		return img->children;
	t = gl_arena_alloc(&L->arena, sizeof *t);
	if (t == NULL)
		return NULL;
	memset(t, 0, sizeof *t);
	t->type = GALLEY_TEXT;
	t->pos = img->pos;
	t->text = img->title;
	t->len = strlen(img->title);
	return t;
}

/* A line item of height `h` with no text, for a placeholder's frame: a
 * line, not a space, so that it is never dropped at the top of a page. */
static gl_vitem *frame_item(gl_bctx *c, double h)
{
	gl_vitem *it = gl_vlist_push(c->v);

	if (it) {
		it->kind = GL_V_LINE;
		it->height = h;
		it->baseline = 0;
	}
	return it;
}

/* The sides of a placeholder's frame along `it` (its full height). */
static int frame_sides(gl_bctx *c, gl_vitem *it)
{
	galley_layout *L = c->L;
	double t = theme->figure.frame, y = it->baseline - it->height;

	if (add_rect(L, it, c->left, y, t, it->height, theme->color.rule) < 0 ||
	    add_rect(L, it, c->left + c->width - t, y, t, it->height, theme->color.rule) < 0)
		return GALLEY_ENOMEM;
	return 0;
}

/* A missing image (the reader warned): a frame as wide as the measure
 * around its alt text, or its URL when it has none, kept in one piece. */
static int placeholder(gl_bctx *c, const galley_block *b, const galley_inline *img, galley_error *err)
{
	galley_layout *L = c->L;
	double pad = theme->figure.frame_padding, t = theme->figure.frame;
	gl_pstyle st = body_style(c, b);
	gl_vitem *it;
	size_t first = c->v->n, lines;
	int rc;

	it = frame_item(c, pad);
	if (!it || add_rect(L, it, c->left, -t, c->width, t, theme->color.rule) < 0 ||
	    frame_sides(c, it) < 0)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	it->has_mark = true;
	it->article = L->article->index;
	it->block = b->ordinal;
	st.face = GALLEY_FACE_ITALIC;
	st.size = L->opts.font_size * theme->figure.caption_size;
	st.leading = L->leading * theme->figure.caption_leading;
	st.left = c->left + pad;
	st.width = c->width - 2 * pad;
	st.justify = false;
	st.kind = GALLEY_LINE_CAPTION;
	st.color = theme->color.gray;
	lines = c->v->n;
	rc = img->children != NULL ? gl_set_paragraph(L, c->v, img->children, NULL, &st, err)
	                           : gl_set_paragraph(L, c->v, NULL, img->url ? img->url : "", &st, err);
	if (rc < 0)
		return rc;
	for (size_t i = lines; i < c->v->n; i++)
		if (frame_sides(c, &c->v->items[i]) < 0)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	it = frame_item(c, pad);
	if (!it || add_rect(L, it, c->left, -pad, c->width, t, theme->color.rule) < 0 ||
	    frame_sides(c, it) < 0)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	for (size_t i = first + 1; i < c->v->n; i++)
		c->v->items[i].nobreak_before = true;
	return 0;
}

static int figure(gl_bctx *c, const galley_block *b, galley_error *err)
{
	galley_layout *L = c->L;
	const galley_inline *img = b->inlines, *caption;
	gl_pstyle st = body_style(c, b);
	size_t first;
	bool shown = false;
	int rc;

	while (img && img->type != GALLEY_IMAGE)
		img = img->next;
	rc = space(c, L->leading * theme->figure.space_above);
	if (rc < 0)
		return galley_error_set(err, rc, NULL, "out of memory");
	if (img && img->asset && img->asset->width > 0 && img->asset->height > 0) {
		const galley_asset *as = img->asset;
		double w = as->width * 0.75, h;     /* 96 dpi at natural size */
		/* the proportions: the image's, or those of the size its source
		 * asks for (HTML's width and height, CSS pixels) */
		double pw = img->width > 0 && img->height > 0 ? img->width : as->width;
		double ph = img->width > 0 && img->height > 0 ? img->height : as->height;
		double hmax = (L->text_top - L->text_bottom) - theme->figure.caption_room * L->leading;
		gl_vitem *it;
		galley_dl_image *im;

		/* or the size its HTML asked for, in CSS pixels (also 96 dpi) */
		if (img->width > 0)
			w = img->width * 0.75;
		else if (img->height > 0)
			w = img->height * 0.75 * pw / ph;
		if (w > c->width)
			w = c->width;
		h = w * ph / pw;
		if (h > hmax) {
			h = hmax;
			w = h * pw / ph;
		}
		it = gl_vlist_push(c->v);
		im = gl_arena_alloc(&L->arena, sizeof *im);
		if (!it || !im)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		im->asset = as;
		im->x = c->left + (c->width - w) / 2;
		im->y = 0;
		im->w = w;
		im->h = h;
		it->kind = GL_V_LINE;
		it->image = im;
		it->height = h + L->leading * theme->figure.caption_gap;
		it->baseline = h;
		it->has_mark = true;
		it->article = L->article->index;
		it->block = b->ordinal;
		it->line.x = im->x;
		it->line.width = w;
		it->line.used = w;
		it->line.article = it->article;
		it->line.block = b->ordinal;
		it->line.kind = GALLEY_LINE_FIGURE;
		shown = true;
	} else if (img && img->missing) {
		first = c->v->n;
		if ((rc = placeholder(c, b, img, err)) < 0)
			return rc;
		if (img->title == NULL || img->title[0] == '\0')
			return 0;  /* the alt text is in the frame already */
		if (space(c, L->leading * theme->figure.caption_gap) < 0)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		c->v->items[c->v->n - 1].nobreak_before = true;
		shown = true;
	}
	if (!img)
		return 0;
	/* a remote image shows its alt text where the image would be */
	caption = shown ? caption_of(L, img) : img->children;
	if (shown && caption == NULL && img->title != NULL && img->title[0] != '\0')
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	st.face = GALLEY_FACE_ITALIC;
	st.size = L->opts.font_size * theme->figure.caption_size;
	st.leading = L->leading * theme->figure.caption_leading;
	st.justify = false;
	st.kind = GALLEY_LINE_CAPTION;
	st.color = theme->color.gray;
	first = c->v->n;
	rc = gl_set_paragraph(L, c->v, caption, NULL, &st, err);
	if (rc < 0)
		return rc;
	if (shown && first < c->v->n)
		c->v->items[first].nobreak_before = true;
	keep_lines(c->v, first, c->v->n);
	return 0;
}

static int rule(gl_bctx *c, galley_error *err)
{
	galley_layout *L = c->L;
	gl_vitem *it;

	if (space(c, L->leading * theme->rule.space_above) < 0 || !(it = gl_vlist_push(c->v)))
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	it->kind = GL_V_LINE;
	it->height = L->leading;
	it->baseline = L->leading * theme->rule.baseline;
	if (add_rect(L, it, c->left + c->width / 2 - theme->rule.length / 2, 0, theme->rule.length,
	             theme->rule.thickness, theme->color.rule) < 0 ||
	    space(c, L->leading * theme->rule.space_below) < 0)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	return 0;
}

/* A quote is indented, with a rule on its left.  In a narrow column a
 * quote (not one inside another, or inside a list) keeps the column's
 * measure and hangs its rule in the margin or the gutter beside it: an
 * indent would take an eighth of a 13-em measure from its justified
 * lines, and where a page's column holds more lines of a quote than of
 * its own, tools that find columns by where lines start (verify's
 * pdf-lines) took the quote's indent for the column. */
static int quote(gl_bctx *c, const galley_block *b, galley_error *err)
{
	gl_bctx inner = *c;
	int rc = 0;
	bool after = false;
	bool hang = b->type == GALLEY_QUOTE && c->nrules == 0 && c->list_depth == 0 &&
	            c->width < GL_NARROW_MEASURE * c->L->opts.font_size;

	if (inner.nrules < GL_MAX_RULES)
		inner.rules[inner.nrules++] = hang ? c->left - theme->quote.hang : c->left + theme->quote.rule_x;
	if (!hang) {
		inner.left += theme->quote.indent;
		inner.width -= theme->quote.indent;
	}
	for (const galley_block *k = b->children; k && rc == 0; k = k->next) {
		inner.attribution = b->type == GALLEY_QUOTE && galley_block_is_attribution(k);
		rc = block(&inner, k, after, err);
		after = k->type == GALLEY_PARAGRAPH;
	}
	return rc;
}

/* The marker of `item`, of list `b`: a bullet by depth, or its number; a
 * task item's ballot box, open or checked (U+2610, U+2611, which the
 * fallback face draws), instead of the bullet or after the number. */
static void list_marker(char *buf, size_t size, const galley_block *b, const galley_block *item,
                        int num, int depth)
{
	static const char *const bullets[3] = {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x80\x93"};
	const char *box = item->task == GALLEY_TASK_OPEN ? "\xE2\x98\x90"
	                : item->task == GALLEY_TASK_DONE ? "\xE2\x98\x91" : NULL;

	if (b->ordered && box)
		snprintf(buf, size, "%d. %s", num, box);
	else if (b->ordered)
		snprintf(buf, size, "%d.", num);
	else
		snprintf(buf, size, "%s", box ? box : bullets[depth % 3]);
}

/* A list is set as newspapers set them: each marker starts on the list's
 * own edge (numbers right-aligned against the widest) and the items' text
 * is indented by the widest marker and a space, so turnover lines align
 * with the text and not with the marker. */
static int list(gl_bctx *c, const galley_block *b, galley_error *err)
{
	galley_layout *L = c->L;
	gl_bctx inner = *c;
	int num = b->ordered ? b->start : 0, rc = 0;
	double gap = L->opts.font_size * theme->list.marker_gap, widest = 0;
	bool runin;
	char marker[32];

	for (const galley_block *item = b->children; item; item = item->next, num++) {
		double mw;
		list_marker(marker, sizeof marker, b, item, num, c->list_depth);
		mw = gl_fonts_width(L->fonts, GALLEY_FACE_REGULAR, L->opts.font_size, marker, strlen(marker));
		if (mw < 0)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		if (mw > widest)
			widest = mw;
	}
	num = b->ordered ? b->start : 0;
	/* In a narrow column (two columns on A5) the items run in: the first
	 * line starts after the marker, the others at the list's edge.  A
	 * hanging indent there costs a tenth of the measure, which justified
	 * lines need, and its turnover lines would outnumber the lines on the
	 * column's edge (what tools that find columns go by).  Only when every
	 * item starts with a paragraph, which takes the indent, and not for a
	 * list inside another (it hangs, so that it stands out from its
	 * parent). */
	runin = c->width < GL_NARROW_MEASURE * L->opts.font_size && c->list_depth == 0;
	for (const galley_block *item = b->children; item && runin; item = item->next)
		runin = item->children && item->children->type == GALLEY_PARAGRAPH;
	if (!runin) {
		inner.left += widest + gap;
		inner.width -= widest + gap;
	}
	inner.list_depth++;
	for (const galley_block *item = b->children; item && rc == 0; item = item->next, num++) {
		size_t first = c->v->n;
		bool after = false;

		list_marker(marker, sizeof marker, b, item, num, c->list_depth);
		inner.runin = runin ? widest + gap : 0;
		for (const galley_block *k = item->children; k && rc == 0; k = k->next) {
			rc = block(&inner, k, after, err);
			after = k->type == GALLEY_PARAGRAPH;
		}
		if (rc < 0)
			break;
		/* tight lists: drop the space before each item's first line */
		if (b->tight && item != b->children)
			for (size_t i = first; i < c->v->n && c->v->items[i].kind == GL_V_SPACE; i++)
				c->v->items[i].height = 0;
		for (size_t i = first; i < c->v->n; i++) {
			gl_vitem *it = &c->v->items[i];
			double mw;
			if (it->kind != GL_V_LINE)
				continue;
			mw = gl_fonts_width(L->fonts, GALLEY_FACE_REGULAR, L->opts.font_size, marker, strlen(marker));
			if (mw < 0)
				return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
			rc = add_word_run(L, it, GALLEY_FACE_REGULAR, L->opts.font_size, marker,
			                  c->left + widest - mw, theme->color.text);
			break;
		}
	}
	if (rc < 0)
		galley_error_set(err, rc, NULL, "out of memory");
	return rc;
}

/* A definition list (HTML's <dl>): each term a bold paragraph kept with
 * the first line of what follows it, each description indented as a
 * quote's text is, without the rule. */
static int deflist(gl_bctx *c, const galley_block *b, galley_error *err)
{
	gl_bctx inner = *c;
	size_t kept = SIZE_MAX;  /* the first item after a term */
	int rc = 0;

	inner.left += theme->quote.indent;
	inner.width -= theme->quote.indent;
	for (const galley_block *k = b->children; k && rc == 0; k = k->next) {
		if (k->type == GALLEY_DEFTERM) {
			gl_pstyle st = body_style(c, k);
			size_t first;
			st.face = GALLEY_FACE_BOLD;
			st.justify = false;
			if ((rc = space(c, c->L->leading * theme->body.space_above)) < 0)
				return galley_error_set(err, rc, NULL, "out of memory");
			first = c->v->n;
			if ((rc = gl_set_paragraph(c->L, c->v, k->inlines, NULL, &st, err)) < 0)
				return rc;
			rc = 0;  /* (it returned the number of lines) */
			keep_lines(c->v, first, c->v->n);
		} else {
			bool after = false;
			for (const galley_block *d = k->children; d && rc == 0; d = d->next) {
				rc = block(&inner, d, after, err);
				after = d->type == GALLEY_PARAGRAPH;
			}
		}
		for (size_t i = kept; kept != SIZE_MAX && i < c->v->n; i++) {
			if (c->v->items[i].kind == GL_V_LINE) {
				c->v->items[i].nobreak_before = true;
				break;
			}
		}
		kept = k->type == GALLEY_DEFTERM ? c->v->n : SIZE_MAX;
	}
	return rc;
}

/* A table (table.c) in the measure; with two columns it may span both,
 * as a level-1 heading does, unless it is inside a quote or a list. */
static int table(gl_bctx *c, const galley_block *b, galley_error *err)
{
	gl_table_frame f;

	memset(&f, 0, sizeof f);
	f.left = c->left;
	f.width = c->width;
	f.may_span = c->nrules == 0 && c->list_depth == 0;
	if (c->nrules) {
		double *r = gl_arena_alloc(&c->L->arena, c->nrules * sizeof *r);
		if (!r)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		memcpy(r, c->rules, c->nrules * sizeof *r);
		f.rules = r;
		f.nrules = c->nrules;
	}
	return gl_set_table(c->L, c->v, b, &f, err);
}

/* One line of display math, centred: characters [s, e) of `w`, the
 * line's bytes from `offset` of the block's text. */
static int math_line(gl_bctx *c, const galley_block *b, const gl_word *w, uint32_t s, uint32_t e,
                     uint32_t offset, double size, bool first)
{
	galley_layout *L = c->L;
	double leading = L->leading * theme->math.leading, used = (w->g[e].x - w->g[s].x) * size / 1000.0;
	double x = c->left + fmax(0, (c->width - used) / 2);
	gl_vitem *it = gl_vlist_push(c->v);

	if (!it)
		return GALLEY_ENOMEM;
	it->kind = GL_V_LINE;
	it->height = leading;
	it->baseline = leading * theme->math.baseline;
	it->nobreak_before = !first;  /* a formula is not split across pages */
	it->has_mark = true;
	it->article = L->article->index;
	it->block = b->ordinal;
	it->offset = offset + w->g[s].src;
	if (c->nrules) {
		double *r = gl_arena_alloc(&L->arena, c->nrules * sizeof *r);
		if (!r)
			return GALLEY_ENOMEM;
		memcpy(r, c->rules, c->nrules * sizeof *r);
		it->rules = r;
		it->nrules = c->nrules;
	}
	for (uint32_t q = s, a = s; q < e;) {
		q++;
		if (q < e && w->g[q].face == w->g[a].face)
			continue;
		{
			galley_dl_text t = {x + (w->g[a].x - w->g[s].x) * size / 1000.0, 0, size,
			                    w->text + w->g[a].byte, w->g[q].byte - w->g[a].byte,
			                    theme->color.text, w->g[a].face, 0, 0, w->shaped};
			if (gl_item_text(L, it, &t) < 0)
				return GALLEY_ENOMEM;
		}
		a = q;
	}
	it->line.x = x;
	it->line.width = c->width;
	it->line.used = used;
	it->line.article = it->article;
	it->line.block = b->ordinal;
	it->line.offset = it->offset;
	it->line.kind = GALLEY_LINE_CODE;
	it->line.emergency = false;
	return 0;
}

/* Display math: the author's TeX in the monospaced face, each of its
 * lines centred on a line of its own (never reflowed: TeX's line breaks
 * are the author's).  A line wider than the measure wraps after a space,
 * else between two characters. */
static int math_block(gl_bctx *c, const galley_block *b, galley_error *err)
{
	galley_layout *L = c->L;
	double size = L->opts.font_size * theme->math.size;
	size_t pos = 0, len = b->text ? b->len : 0;
	bool first = true;
	int rc = space(c, L->leading * theme->math.space_above);

	while (rc == 0 && pos < len) {
		size_t end = pos, n;
		const gl_word *w;
		uint32_t s = 0;

		while (end < len && b->text[end] != '\n')
			end++;
		n = end;
		while (n > pos && (b->text[n - 1] == ' ' || b->text[n - 1] == '\t'))
			n--;
		while (pos < n && (b->text[pos] == ' ' || b->text[pos] == '\t'))
			pos++;
		if (n > pos) {
			if (!(w = gl_fonts_word(L->fonts, GALLEY_FACE_MONO, b->text + pos, n - pos))) {
				rc = GALLEY_ENOMEM;
				break;
			}
			while (rc == 0 && s < w->n) {
				uint32_t e = s;
				while (e < w->n && (w->g[e + 1].x - w->g[s].x) * size / 1000.0 <= c->width)
					e++;
				if (e == s)
					e = s + 1;
				if (e < w->n)
					for (uint32_t q = e; q > s + (e - s) / 2; q--)
						if (w->text[w->g[q - 1].byte] == ' ') {
							e = q;
							break;
						}
				rc = math_line(c, b, w, s, e, (uint32_t)pos, size, first);
				first = false;
				s = e;
				while (s < w->n && w->text[w->g[s].byte] == ' ')
					s++;
			}
		}
		pos = end + 1;
	}
	if (rc == 0)
		rc = space(c, L->leading * theme->math.space_below);
	if (rc < 0)
		galley_error_set(err, rc, NULL, "out of memory");
	return rc;
}

/* A call-out (GitHub alert): its label ("Note", "Warning") in bold above
 * its blocks, which are indented beside a rule like a quote's. */
static int callout(gl_bctx *c, const galley_block *b, galley_error *err)
{
	galley_layout *L = c->L;
	gl_bctx inner = *c;
	gl_pstyle st;
	size_t first;
	bool after = false;
	int rc = space(c, L->leading * theme->callout.space_above);

	if (rc < 0)
		return galley_error_set(err, rc, NULL, "out of memory");
	if (inner.nrules < GL_MAX_RULES)
		inner.rules[inner.nrules++] = c->left + theme->callout.rule_x;
	inner.left += theme->callout.indent;
	inner.width -= theme->callout.indent;
	st = body_style(&inner, b);
	st.face = GALLEY_FACE_BOLD;
	st.size = L->opts.font_size * theme->callout.label_size;
	st.justify = false;
	st.hyphenate = false;
	st.color = theme->color.accent;
	first = c->v->n;
	rc = gl_set_paragraph(L, c->v, NULL, galley_callout_label(b->callout), &st, err);
	if (rc < 0)
		return rc;
	rc = 0;  /* it returned the number of lines */
	for (const galley_block *k = b->children; k && rc == 0; k = k->next) {
		size_t at = c->v->n;
		rc = block(&inner, k, after, err);
		after = k->type == GALLEY_PARAGRAPH;
		/* the label stays with the first line of what it labels */
		if (k == b->children)
			for (size_t i = at; i < c->v->n && rc == 0; i++)
				if (c->v->items[i].kind == GL_V_LINE) {
					for (size_t j = first + 1; j <= i; j++)
						c->v->items[j].nobreak_before = true;
					break;
				}
	}
	if (rc == 0 && space(c, L->leading * theme->callout.space_below) < 0)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	return rc;
}

static int block(gl_bctx *c, const galley_block *b, bool after_para, galley_error *err)
{
	switch (b->type) {
	case GALLEY_MATH_BLOCK: return math_block(c, b, err);
	case GALLEY_CALLOUT:   return callout(c, b, err);
	case GALLEY_PARAGRAPH: return paragraph(c, b, after_para, err);
	case GALLEY_HEADING:   return heading(c, b, err);
	case GALLEY_QUOTE:     return quote(c, b, err);
	case GALLEY_LIST:      return list(c, b, err);
	case GALLEY_ITEM:      return quote(c, b, err);
	case GALLEY_CODEBLOCK: return codeblock(c, b, err);
	case GALLEY_RULE:      return rule(c, err);
	case GALLEY_FIGURE:    return figure(c, b, err);
	case GALLEY_TABLE:     return table(c, b, err);
	case GALLEY_DEFLIST:   return deflist(c, b, err);
	case GALLEY_TABLE_ROW:
	case GALLEY_TABLE_CELL:
	case GALLEY_FOOTNOTE:
	case GALLEY_DEFTERM:
	case GALLEY_DEFDESC:
		return 0;
	}
	return 0;
}

/* ---- the article header ------------------------------------------------- */

/* Words a minute for the reading time shown in the header come from the
 * model (article->minutes). */

static int header_line(gl_bctx *c, const char *text, int face, double size, double leading,
                       uint32_t color, size_t *first, galley_error *err)
{
	gl_pstyle st = body_style(c, NULL);
	size_t start = c->v->n;
	int rc;

	st.face = face;
	st.left = 0;
	/* the header spans both columns; its lines keep the column's measure
	 * (see heading() for why) */
	st.width = c->L->col_width;
	st.size = fit_size(c->L, face, size, c->L->opts.font_size, text, st.width);
	st.leading = leading * st.size / size;
	st.justify = false;
	st.hyphenate = false;
	st.color = color;
	st.kind = GALLEY_LINE_HEADER;
	/* display type (the title, the subtitle) is balanced; the byline and
	 * the dateline, at the text's size, fill their lines like text */
	if (size > c->L->opts.font_size) {
		gl_display d = {GL_DISPLAY_BALANCE, c->L->article->meta.lang, 0, NULL, 0};
		rc = gl_set_display(c->L, c->v, NULL, text, &st, &d, err);
	} else {
		rc = gl_set_paragraph(c->L, c->v, NULL, text, &st, err);
	}
	if (rc < 0)
		return rc;
	for (size_t i = start; i < c->v->n; i++) {
		c->v->items[i].span = true;
		if (i > 0)
			c->v->items[i].nobreak_before = true;
	}
	if (first && *first == (size_t)-1 && c->v->n > start)
		*first = start;
	return 0;
}

/* Upper-cases the letters of ASCII and Latin-1 in UTF-8 text (others stay
 * as they are; the kicker is a label, not prose).  malloc'ed, NULL on OOM. */
static char *upper(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n + 1);

	if (!out)
		return NULL;
	for (size_t i = 0; i <= n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch >= 'a' && ch <= 'z')
			ch = (unsigned char)(ch - 32);
		else if (ch == 0xC3 && i + 1 < n) {
			unsigned char t = (unsigned char)s[i + 1];
			out[i++] = (char)ch;
			/* U+00E0..U+00FE except U+00F7 map down by 0x20 */
			if (t >= 0xA0 && t <= 0xBE && t != 0xB7)
				t = (unsigned char)(t - 0x20);
			ch = t;
		}
		out[i] = (char)ch;
	}
	return out;
}

/* The section's title above the article's: capitals, letter-spaced, in the
 * accent colour.  Falls back to an ordinary header line when too wide. */
static int kicker(gl_bctx *c, const char *title, size_t *first, galley_error *err)
{
	galley_layout *L = c->L;
	double size = L->opts.font_size * theme->header.kicker_size;
	double track = theme->header.kicker_tracking * size, width;
	char *caps = upper(title);
	const gl_word *w;
	gl_vitem *it;
	int rc = 0;

	if (!caps)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	w = gl_fonts_word(L->fonts, GALLEY_FACE_BOLD, caps, strlen(caps));
	if (!w) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	width = w->g[w->n].x * size / 1000.0 + track * w->n;
	if (width > L->col_width) {
		rc = header_line(c, caps, GALLEY_FACE_BOLD, size, L->leading, theme->color.accent, first, err);
		goto cleanup;
	}
	it = gl_vlist_push(c->v);
	if (!it) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	it->kind = GL_V_LINE;
	it->span = true;
	it->height = L->leading * theme->header.kicker_height;
	it->baseline = L->leading * theme->header.kicker_baseline;
	it->line.width = L->text_width;
	it->line.used = width;
	it->line.kind = GALLEY_LINE_HEADER;
	it->line.article = L->article->index;
	/* one run per character, each moved right by the tracking */
	it->texts = gl_arena_alloc(&L->arena, (w->n ? w->n : 1) * sizeof *it->texts);
	if (!it->texts) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	for (uint32_t k = 0; k < w->n; k++) {
		galley_dl_text *t = &it->texts[it->ntexts];
		if (w->text[w->g[k].byte] == ' ')
			continue;
		t->x = w->g[k].x * size / 1000.0 + track * k;
		t->size = size;
		t->text = w->text + w->g[k].byte;
		t->len = w->g[k + 1].byte - w->g[k].byte;
		t->color = theme->color.accent;
		t->face = w->g[k].face;
		L->face_used[w->g[k].face] = true;
		it->ntexts++;
	}
	if (*first == (size_t)-1)
		*first = c->v->n - 1;
cleanup:
	free(caps);
	return rc;
}

/* The host of a URL ("https://www.example.com/a" -> "www.example.com")
 * into buf; "" when it has none. */
static void url_host(const char *url, char *buf, size_t cap)
{
	const char *h = strstr(url, "://");
	size_t n = 0;

	h = h ? h + 3 : url;
	while (h[n] && h[n] != '/' && h[n] != '?' && h[n] != '#' && n + 1 < cap)
		n++;
	memcpy(buf, h, n);
	buf[n] = '\0';
}

/* The separator between two articles in continuous mode: a rule across
 * the measure with space around it, dropped by page.c when the article
 * starts a page. */
static int separator(gl_bctx *c, galley_error *err)
{
	galley_layout *L = c->L;
	gl_vitem *it;

	if (space(c, L->leading * theme->separator.space_above) < 0 || !(it = gl_vlist_push(c->v)))
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	it->kind = GL_V_LINE;
	it->span = true;
	it->separator = true;
	it->height = L->leading * theme->separator.height;
	it->baseline = L->leading * theme->separator.baseline;
	if (add_rect(L, it, 0, 0, L->text_width, theme->separator.thickness, theme->color.rule) < 0)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	c->v->items[c->v->n - 2].separator = true;
	return 0;
}

static int header(gl_bctx *c, const galley_article *a, galley_error *err)
{
	galley_layout *L = c->L;
	const galley_meta *m = &a->meta;
	const galley_section *sec = gl_section_of(L->model, a);
	double fs = L->opts.font_size;
	/* twice the body size, less in a narrow column (two columns on A5): a
	 * line of the title holds some fourteen letters */
	double title = fmax(fs, fmin(fs * theme->header.title_size, L->col_width / theme->header.title_measure));
	size_t first = (size_t)-1;
	char date[32];
	char *line = NULL;
	int rc = 0;
	gl_vitem *it;

	if (L->opts.continuous && a->index > 0) {
		rc = separator(c, err);
		if (rc < 0)
			return rc;
	}
	if (sec && sec->title && sec->title[0])
		rc = kicker(c, sec->title, &first, err);
	if (rc == 0)
		rc = header_line(c, m->title ? m->title : "Untitled", GALLEY_FACE_BOLD, title,
		                 title * theme->header.title_leading, theme->color.text, &first, err);
	if (rc == 0 && m->subtitle)
		rc = header_line(c, m->subtitle, GALLEY_FACE_ITALIC, fs * theme->header.subtitle.size,
		                 fs * theme->header.subtitle.leading, theme->color.soft, &first, err);
	if (rc == 0 && m->nauthors) {
		size_t cap = 8, n;
		for (size_t i = 0; i < m->nauthors; i++)
			cap += strlen(m->authors[i]) + 6;
		line = malloc(cap);
		if (!line)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		n = (size_t)snprintf(line, cap, "By ");
		for (size_t i = 0; i < m->nauthors; i++)
			n += (size_t)snprintf(line + n, cap - n, "%s%s",
			                      i == 0 ? "" : i + 1 == m->nauthors ? " and " : ", ", m->authors[i]);
		rc = space(c, fs * theme->header.byline_space);
		if (rc == 0)
			rc = header_line(c, line, GALLEY_FACE_REGULAR, fs, L->leading, theme->color.text, &first, err);
		free(line);
		line = NULL;
	}
	if (rc == 0) {
		/* date · where it appeared · reading time */
		char buf[640], host[256] = "";
		size_t n = 0;
		const char *where = m->publication;
		if (!where && m->source) {
			url_host(m->source, host, sizeof host);
			if (host[0])
				where = host;
		}
		buf[0] = '\0';
		if (m->date.year) {
			galley_date_human(&m->date, date);
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s", date);
		}
		if (where && n < sizeof buf)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%.400s", n ? " \xC2\xB7 " : "", where);
		if (a->minutes && n < sizeof buf)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%u min read", n ? " \xC2\xB7 " : "", a->minutes);
		if (buf[0])
			rc = header_line(c, buf, GALLEY_FACE_ITALIC, fs * theme->header.dateline_size, L->leading,
			                 theme->color.gray, &first, err);
	}
	if (rc < 0)
		return rc;
	if (space(c, fs * theme->header.rule_space) < 0 || !(it = gl_vlist_push(c->v)))
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	it->kind = GL_V_LINE;
	it->span = true;
	it->nobreak_before = true;
	it->height = L->leading;
	it->baseline = theme->header.rule_baseline;
	if (add_rect(L, it, 0, 0, L->text_width, theme->header.rule_thickness, theme->color.rule) < 0)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	if (first != (size_t)-1) {
		c->v->items[first].dest = a->id;
		c->v->items[first].outline = m->title ? m->title : "Untitled";
		c->v->items[first].outline_level = 0;
		c->v->items[first].has_mark = true;
		c->v->items[first].article = a->index;
		c->v->items[first].block = 0;
		c->v->items[first].offset = 0;
	}
	return 0;
}

int gl_build_article(galley_layout *L, const galley_article *a, gl_vlist *v, galley_error *err)
{
	gl_bctx c;
	int rc;
	bool after = false;

	memset(&c, 0, sizeof c);
	c.L = L;
	c.v = v;
	c.left = 0;
	c.width = L->col_width;
	rc = header(&c, a, err);
	for (const galley_block *b = a->blocks; b && rc == 0; b = b->next) {
		rc = block(&c, b, after, err);
		after = b->type == GALLEY_PARAGRAPH;
	}
	if (rc < 0)
		return rc;
	/* a heading stays with the two lines that follow it */
	for (size_t i = 0; i < v->n; i++) {
		int left = 2;
		if (v->items[i].kind != GL_V_LINE || v->items[i].line.kind != GALLEY_LINE_HEADING)
			continue;
		if (i + 1 < v->n && v->items[i + 1].kind == GL_V_LINE &&
		    v->items[i + 1].line.kind == GALLEY_LINE_HEADING)
			continue;
		for (size_t j = i + 1; j < v->n && left > 0; j++) {
			if (v->items[j].kind != GL_V_LINE)
				continue;
			if (v->items[j].line.kind == GALLEY_LINE_HEADING)
				break;
			v->items[j].nobreak_before = true;
			left--;
		}
	}
	/* the header stays with the first lines of the text */
	for (size_t j = 0, left = 2; j < v->n && left > 0; j++) {
		if (v->items[j].kind != GL_V_LINE || v->items[j].span)
			continue;
		v->items[j].nobreak_before = true;
		left--;
	}
	return gl_build_notes(L, a, v, err);
}

int gl_build_blocks(galley_layout *L, const galley_block *blocks, const char *marker, double gap,
                    gl_vlist *v, galley_error *err)
{
	gl_bctx c;
	size_t first = v->n;
	bool after = false;
	int rc = 0;

	memset(&c, 0, sizeof c);
	c.L = L;
	c.v = v;
	c.left = 0;
	c.width = L->col_width;
	if (marker && blocks && blocks->type == GALLEY_PARAGRAPH && blocks->inlines) {
		double mw = gl_fonts_width(L->fonts, GALLEY_FACE_REGULAR, L->opts.font_size, marker, strlen(marker));
		if (mw < 0)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		c.runin = mw + gap;  /* the paragraph's first line starts after it */
	} else if (marker) {
		gl_pstyle st = body_style(&c, NULL);
		st.justify = false;
		st.hyphenate = false;
		rc = gl_set_paragraph(L, v, NULL, marker, &st, err);
		if (rc < 0)
			return rc;
		marker = NULL;  /* a line of its own */
		rc = 0;
	}
	for (const galley_block *b = blocks; b && rc == 0; b = b->next) {
		rc = block(&c, b, after, err);
		after = b->type == GALLEY_PARAGRAPH;
	}
	for (size_t i = first; marker && rc == 0 && i < v->n; i++) {
		if (v->items[i].kind != GL_V_LINE)
			continue;
		if (add_word_run(L, &v->items[i], GALLEY_FACE_REGULAR, L->opts.font_size, marker, c.left,
		                 theme->color.text) < 0)
			rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		break;
	}
	return rc;
}
