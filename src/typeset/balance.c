/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * balance.c: the line breaks of display text, titles, subtitles,
 * headings and contents entries (balance.h).
 *
 * Body paragraphs are broken by galley_kp_break (linebreak.c), which
 * minimises the demerits of loose and tight lines and lets the last line
 * be as short as it likes.  That is wrong for display lines: a two-line
 * title whose second line is one word, or whose first ends on "A", reads
 * as an accident.  Newspapers balance headlines by hand; CSS has
 * text-wrap: balance.  Here the breaks are chosen over the words' widths
 * by a small dynamic program (a display text has tens of words, not
 * thousands): the cost of a set of lines is, in order of weight,
 *
 *   1. a line wider than the measure (only a word wider than it),
 *   2. a break inside a name kept together (contents bylines), or before
 *      a spaced dash,
 *   3. the number of lines: a display line more costs more space than a
 *      weak line end costs reading (a four-line title in a column, to
 *      avoid "the" at the end of its first line, read worse),
 *   4. a line ending on an article, a preposition or a conjunction, and a
 *      line of one word in a text of more than three,
 *   5. the sum of the squared shortfalls of the lines from the measure:
 *      the last line included when balancing (so the lines come out of
 *      even length), excluded when filling (a contents entry reads from
 *      a full first line to a short turnover).
 *
 * The chosen breaks become hard breaks in a copy of the inlines, and
 * gl_set_paragraph sets the copy as it sets any paragraph (fonts,
 * fallback, links, the page map).  A hard break counts one byte in the
 * flattened text, as the space it replaces did, so page-map offsets do
 * not move.  The alternative, a flag that makes linebreak.c balance,
 * would put display rules into the body's breaker, which other work
 * tunes for texture.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "typeset/balance.h"

/* Longest display text balanced, in words: a longer one is a paragraph
 * set as a heading, and the body's breaker serves it. */
#define BL_MAX_WORDS 96
/* A line's natural width may use this share of the measure: the
 * paragraph's own measurement (kerning across inlines) may differ by a
 * hair, and a line that overflowed would break again. */
#define BL_FIT 0.995

typedef struct bl_word {
	double width;              /* natural width, points */
	double space;              /* the space after it, points */
	const char *text;          /* its text when it is one piece, for gl_weak_word */
	size_t len;
	int pieces;
	bool keep;                 /* the break after it is inside a kept name */
	const galley_inline *at;   /* the break after it: a TEXT inline ... */
	size_t off;                /* ... and the offset of its space, or a SOFTBREAK (off unused) */
	bool dash;                 /* a spaced dash ("—", "–"): no break before it */
} bl_word;

typedef struct bl_ctx {
	galley_layout *L;
	const gl_pstyle *st;
	const gl_display *d;
	bl_word w[BL_MAX_WORDS];
	size_t n;
	bool open;                 /* w[n - 1] is still being built */
	bool unsupported;
} bl_ctx;

/* The face of text inside an inline of type t in face `face`, as
 * paragraph.c styles it. */
static int inner_face(int face, galley_inline_type t)
{
	switch (t) {
	case GALLEY_EMPH:
		if (face == GALLEY_FACE_REGULAR) return GALLEY_FACE_ITALIC;
		if (face == GALLEY_FACE_ITALIC) return GALLEY_FACE_REGULAR;
		if (face == GALLEY_FACE_BOLD) return GALLEY_FACE_BOLDITALIC;
		if (face == GALLEY_FACE_BOLDITALIC) return GALLEY_FACE_BOLD;
		return face;
	case GALLEY_STRONG:
		if (face == GALLEY_FACE_REGULAR) return GALLEY_FACE_BOLD;
		if (face == GALLEY_FACE_ITALIC) return GALLEY_FACE_BOLDITALIC;
		return face;
	case GALLEY_CODE:
		if (face == GALLEY_FACE_BOLD || face == GALLEY_FACE_BOLDITALIC)
			return GALLEY_FACE_MONOBOLD;
		return GALLEY_FACE_MONO;
	default:
		return face;
	}
}

static bool is_kept(const bl_ctx *c, const galley_inline *in)
{
	for (size_t i = 0; i < c->d->nkeep; i++)
		if (c->d->keep[i] == in)
			return true;
	return false;
}

/* Adds `len` bytes of a word to the word being built (or a new one). */
static void piece(bl_ctx *c, const char *s, size_t len, int face)
{
	double w;

	if (len == 0)
		return;
	if (!c->open) {
		if (c->n == BL_MAX_WORDS) {
			c->unsupported = true;
			return;
		}
		memset(&c->w[c->n++], 0, sizeof c->w[0]);
		c->open = true;
	}
	w = gl_fonts_width(c->L->fonts, face, c->st->size, s, len);
	if (w < 0) {
		c->unsupported = true;
		return;
	}
	bl_word *cur = &c->w[c->n - 1];
	cur->width += w;
	cur->text = s;
	cur->len = len;
	cur->pieces++;
	cur->dash = cur->pieces == 1 && ((len == 3 && (memcmp(s, "\xE2\x80\x94", 3) == 0 ||
	                                               memcmp(s, "\xE2\x80\x93", 3) == 0)));
}

/* Ends the word being built at a break: a space at `off` of TEXT `at`,
 * or a SOFTBREAK `at`. */
static void space(bl_ctx *c, const galley_inline *at, size_t off, int face, bool keep)
{
	double sp;

	if (!c->open) {   /* a leading space, or two in a row */
		c->unsupported = true;
		return;
	}
	sp = gl_fonts_width(c->L->fonts, face, c->st->size, " ", 1);
	if (sp < 0) {
		c->unsupported = true;
		return;
	}
	c->w[c->n - 1].space = sp;
	c->w[c->n - 1].at = at;
	c->w[c->n - 1].off = off;
	c->w[c->n - 1].keep = keep;
	c->open = false;
}

static void collect(bl_ctx *c, const galley_inline *in, int face)
{
	for (; in != NULL && !c->unsupported; in = in->next) {
		switch (in->type) {
		case GALLEY_TEXT: {
			bool keep = is_kept(c, in);
			size_t a = 0;
			for (size_t i = 0; i < in->len; i++) {
				char ch = in->text[i];
				if (ch == '\t' || ch == '\n' || ch == '\r') {
					c->unsupported = true;
					break;
				}
				if (ch == ' ') {
					piece(c, in->text + a, i - a, face);
					space(c, in, i, face, keep);
					a = i + 1;
				}
			}
			piece(c, in->text + a, in->len - a, face);
			break;
		}
		case GALLEY_SOFTBREAK:
			space(c, in, 0, face, false);
			break;
		case GALLEY_CODE:
			/* inline code is not broken at its spaces here */
			piece(c, in->text, in->len, inner_face(face, GALLEY_CODE));
			break;
		case GALLEY_EMPH:
		case GALLEY_STRONG:
		case GALLEY_LINK:
		case GALLEY_STRIKE:
		case GALLEY_ABBR:
			collect(c, in->children, inner_face(face, in->type));
			break;
		default:
			c->unsupported = true;
			break;
		}
	}
}

/* ---- weak words ----------------------------------------------------------- */

/* Words a display line should not end on, by language: articles,
 * prepositions and conjunctions of one or two syllables.  Lower case,
 * separated by spaces. */
static const struct {
	const char *lang;
	const char *words;
} weak_words[] = {
	{"en", " a an the of in on at to for by with from into onto upon as via per and or nor but "
	       "than & "},
	{"de", " der die das den dem des ein eine einen einem einer eines und oder von zu zum zur "
	       "im in am an auf mit für aus bei nach vor über unter um durch "},
	{"fr", " le la les un une des du de d' l' et ou à au aux en par pour sur dans avec sans sous "},
	{"es", " el la los las un una unos unas y o de del en con por para a al sin sobre "},
	{"it", " il lo la i gli le un uno una e o di del della a al da dal in nel con per su tra fra "},
	{"nl", " de het een en of van in op aan met voor bij tot uit "},
	{"pt", " o a os as um uma e ou de do da dos das em no na com por para "},
};

bool gl_weak_word(const char *word, size_t len, const char *lang)
{
	char low[16];
	const char *list = weak_words[0].words;

	if (len == 0 || len + 3 > sizeof low)
		return false;
	/* any single letter but the pronoun: a, v, z, k, o, i ... */
	if (len == 1 && ((word[0] >= 'a' && word[0] <= 'z') || (word[0] >= 'A' && word[0] <= 'Z')))
		return word[0] != 'I';
	if (lang != NULL)
		for (size_t i = 1; i < sizeof weak_words / sizeof weak_words[0]; i++)
			if (strncmp(lang, weak_words[i].lang, 2) == 0 && (lang[2] == '\0' || lang[2] == '-' ||
			                                                  lang[2] == '_')) {
				list = weak_words[i].words;
				break;
			}
	low[0] = ' ';
	for (size_t i = 0; i < len; i++)
		low[i + 1] = word[i] >= 'A' && word[i] <= 'Z' ? (char)(word[i] - 'A' + 'a') : word[i];
	low[len + 1] = ' ';
	low[len + 2] = '\0';
	return strstr(list, low) != NULL;
}

/* ---- choosing the breaks ------------------------------------------------- */

/* The costs, in points squared, from the measure `W`: each level
 * outweighs everything below it (a line's shortfall is at most W * W, and
 * a display text has far fewer than 128 lines, or weak line ends). */
typedef struct bl_costs {
	double line;     /* per line */
	double keep;     /* a break inside a kept name, or before a spaced dash */
	double weak;     /* a weak word or a one-word line */
	double over;     /* a line wider than the measure (one word wider than it) */
} bl_costs;

/* Chooses the breaks: brk[i] true when a line ends after word i.  Returns
 * the number of lines. */
static size_t choose(const bl_ctx *c, double W, bool *brk)
{
	const bl_word *w = c->w;
	size_t n = c->n;
	bool fill = c->d->mode == GL_DISPLAY_FILL;
	bl_costs k;
	double best[BL_MAX_WORDS + 1], pre[BL_MAX_WORDS + 1];
	size_t from[BL_MAX_WORDS + 1], lines = 0;

	/* pre[i]: the words before i with the spaces after them */
	pre[0] = 0;
	for (size_t i = 0; i < n; i++)
		pre[i + 1] = pre[i] + w[i].width + w[i].space;

	k.weak = 128 * W * W;
	k.line = 128 * k.weak;
	k.keep = 16 * k.line;
	k.over = 16 * k.keep;
	best[0] = 0;
	for (size_t j = 1; j <= n; j++) {
		best[j] = INFINITY;
		from[j] = 0;
		for (size_t i = j; i-- > 0;) {
			double width = pre[j] - pre[i] - w[j - 1].space, limit = W, cost;
			if (fill && i > 0)
				limit -= c->d->hang;
			cost = best[i] + k.line;
			if (width > limit * BL_FIT) {
				if (j - i > 1)
					continue;
				cost += k.over;   /* one word wider than the measure */
			}
			if (j < n || !fill)
				cost += (limit - width) * (limit - width);
			if (j < n) {
				if (w[j - 1].keep || w[j].dash)
					cost += k.keep;
				if (w[j - 1].pieces == 1 && gl_weak_word(w[j - 1].text, w[j - 1].len, c->d->lang))
					cost += k.weak;
			}
			if (!fill && n > 3 && j - i == 1)
				cost += k.weak;
			if (cost < best[j]) {
				best[j] = cost;
				from[j] = i;
			}
		}
	}
	memset(brk, 0, n * sizeof *brk);
	for (size_t j = n; j > 0; j = from[j]) {
		lines++;
		if (j < n)
			brk[j - 1] = true;
	}
	return lines;
}

/* ---- the copy with hard breaks -------------------------------------------- */

static galley_inline *new_inline(galley_layout *L, const galley_inline *like)
{
	galley_inline *in = gl_arena_alloc(&L->arena, sizeof *in);

	if (in != NULL) {
		*in = *like;
		in->next = NULL;
	}
	return in;
}

static galley_inline *hard_break(galley_layout *L, const galley_inline *like)
{
	galley_inline *in = gl_arena_alloc(&L->arena, sizeof *in);

	if (in != NULL) {
		in->type = GALLEY_HARDBREAK;
		in->pos = like->pos;
	}
	return in;
}

/* The break after a word at this inline and offset, if chosen. */
static bool chosen(const bl_ctx *c, const bool *brk, const galley_inline *at, size_t off)
{
	for (size_t i = 0; i + 1 < c->n; i++)
		if (brk[i] && c->w[i].at == at && (at->type == GALLEY_SOFTBREAK || c->w[i].off == off))
			return true;
	return false;
}

/* A copy of the list `in` with the chosen breaks as GALLEY_HARDBREAK;
 * *ok false when memory runs out. */
static galley_inline *copy_with_breaks(const bl_ctx *c, const bool *brk, const galley_inline *in,
                                       bool *ok)
{
	galley_layout *L = c->L;
	galley_inline *head = NULL, **tail = &head;

	for (; in != NULL && *ok; in = in->next) {
		if (in->type == GALLEY_TEXT) {
			size_t a = 0;
			for (size_t i = 0; i <= in->len && *ok; i++) {
				galley_inline *t, *hb;
				if (i < in->len && !(in->text[i] == ' ' && chosen(c, brk, in, i)))
					continue;
				if (i > a || i == in->len) {
					if ((t = new_inline(L, in)) == NULL) {
						*ok = false;
						break;
					}
					t->text = in->text + a;
					t->len = i - a;
					*tail = t;
					tail = &t->next;
				}
				if (i < in->len) {
					if ((hb = hard_break(L, in)) == NULL) {
						*ok = false;
						break;
					}
					*tail = hb;
					tail = &hb->next;
				}
				a = i + 1;
			}
		} else {
			galley_inline *t = in->type == GALLEY_SOFTBREAK && chosen(c, brk, in, 0)
			                   ? hard_break(L, in) : new_inline(L, in);
			if (t == NULL) {
				*ok = false;
				break;
			}
			if (in->children != NULL && t->type != GALLEY_HARDBREAK)
				t->children = copy_with_breaks(c, brk, in->children, ok);
			*tail = t;
			tail = &t->next;
		}
	}
	return head;
}

/* Moves the text, links and rules of a line `dx` points right. */
static void shift_line(gl_vitem *it, double dx)
{
	for (uint32_t k = 0; k < it->ntexts; k++)
		it->texts[k].x += dx;
	for (uint32_t k = 0; k < it->nlinks; k++)
		it->links[k].x += dx;
	for (uint32_t k = 0; k < it->nrects; k++)
		it->rects[k].x += dx;
	it->line.used += dx;
}

int gl_set_display(galley_layout *L, gl_vlist *v, const galley_inline *inlines, const char *text,
                   const gl_pstyle *st, const gl_display *d, galley_error *err)
{
	bl_ctx *c = NULL;
	galley_inline plain, *copy;
	bool brk[BL_MAX_WORDS], ok = true;
	double total = 0, W = st->width - st->indent;
	size_t start = v->n, lines;
	int rc;

	if (inlines == NULL && text != NULL) {
		memset(&plain, 0, sizeof plain);
		plain.type = GALLEY_TEXT;
		plain.text = text;
		plain.len = strlen(text);
	}
	if ((c = calloc(1, sizeof *c)) == NULL) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	c->L = L;
	c->st = st;
	c->d = d;
	collect(c, inlines != NULL ? inlines : text != NULL ? &plain : NULL, st->face);
	if (!c->open && c->n > 0)
		c->unsupported = true;   /* a trailing space */
	for (size_t i = 0; i < c->n; i++)
		total += c->w[i].width + (i + 1 < c->n ? c->w[i].space : 0);
	if (c->unsupported || c->n < 2 || total <= W * BL_FIT) {
		rc = gl_set_paragraph(L, v, inlines, text, st, err);
		goto cleanup;
	}
	lines = choose(c, W, brk);
	copy = copy_with_breaks(c, brk, inlines != NULL ? inlines : &plain, &ok);
	if (!ok) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	if ((rc = gl_set_paragraph(L, v, copy, NULL, st, err)) < 0)
		goto cleanup;
	if ((size_t)rc != lines) {
		/* the paragraph measured otherwise and broke a line again: set
		 * the text as it comes */
		v->n = start;
		rc = gl_set_paragraph(L, v, inlines, text, st, err);
		goto cleanup;
	}
	if (d->mode == GL_DISPLAY_FILL)
		for (size_t i = start + 1; i < v->n; i++)
			shift_line(&v->items[i], d->hang);
cleanup:
	free(c);
	return rc;
}
