/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * cover.c: the generated cover as a picture (PNG, 1600 x 2560 pixels).
 *
 * Design note.
 *
 * Why a picture.  Reading systems take a book's thumbnail from the
 * manifest item marked `cover-image`, and Kindle conversions (calibre's
 * ebook-convert, Amazon's tools) take their cover from it too: a cover
 * drawn as inline SVG in an XHTML page is no cover for them, and without
 * one calibre takes the first picture it finds, an article's photograph.
 *
 * The model.  The cover is a stack of text blocks on a framed page: the
 * title, the subtitle, the issue and its dates, the editor (or a single
 * article's authors), as many article titles as fit with "and N more",
 * and the publisher at the foot.  Each block has a font, a largest and a
 * smallest size, and a box.  A block is set at the largest size at which
 * every word fits the box's width and all its lines its height; lines
 * break at spaces only, and are balanced (the narrowest width that keeps
 * the greedy line count), so that a title never ends on a lone word.
 * Below the smallest size a block keeps shrinking rather than being cut:
 * no text on the cover is ever truncated.
 *
 * The engine.  Text is shaped with HarfBuzz in galley's own fonts (Noto
 * Serif, DejaVu Sans for what it lacks), as the PDF is: the widths used
 * for breaking are the widths drawn.  Each glyph's outline (HarfBuzz's
 * draw API) becomes an SVG path, and librsvg and cairo paint the page and
 * encode the PNG (base/svg.h).  No system font, no browser, no clock: the
 * same book gives the same bytes on any machine with the same libraries.
 *
 * Alternatives not taken.  SVG <text> drawn by librsvg would use whatever
 * fonts fontconfig finds, and could not be measured before drawing, so
 * lines could only be broken by counting characters (the old cover cut
 * titles mid-word).  Drawing with cairo's own paths would need more of
 * cairo's API for the same pixels.  JPEG would be smaller for photographs
 * but blurs flat colour and text.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "epub/epub_impl.h"
#include "base/buf.h"
#include "base/hb_api.h"
#include "base/svg.h"

/* The page, in pixels; drawing units are tenths of a pixel, so that SVG
 * paths hold integers (no locale-dependent decimals). */
#define W GALLEY_EPUB_COVER_WIDTH
#define H GALLEY_EPUB_COVER_HEIGHT
#define UNIT 10
#define FRAME 100        /* inset of the frame */
#define TEXT_WIDTH 1180  /* widest line */
#define FOOT 2300        /* baseline of the publisher's line */
#define LIST_BOTTOM 2180 /* lowest baseline of the article list */
/* Smallest size any text shrinks to: far below what a block needs unless
 * one word is absurdly long; reached, the word is drawn whole anyway. */
#define MIN_PX 12.0
/* Most words in one block: a long subtitle is a few dozen. */
#define BLOCK_WORDS_MAX 400

enum { F_BOLD, F_ITALIC, F_REGULAR, F_FALLBACK, F_COUNT };

static const char *const font_files[F_COUNT] = {
	"NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf", "NotoSerif-Regular.ttf", "DejaVuSans.ttf"};

typedef struct cover_fonts {
	hb_font_t *font[F_COUNT];
	unsigned upem[F_COUNT];
	double ascent[F_COUNT];   /* em */
	hb_buffer_t *buf;
	hb_draw_funcs_t *draw;
} cover_fonts;

/* A word: its bytes, the font that has all its characters, its width in
 * em. */
typedef struct word {
	const char *s;
	size_t n;
	int font;
	double width;
} word;

/* A block of text broken into words. */
typedef struct block {
	word w[BLOCK_WORDS_MAX];
	size_t n;
	int font;
	double space[F_COUNT]; /* width of a space, em */
} block;

/* Pen state while a glyph's outline is turned into path data. */
typedef struct pen {
	galley_buf *out;
	double x, y, scale; /* origin in units, units per font unit */
} pen;

static long ux(const pen *p, float x)
{
	return lround(p->x + x * p->scale);
}

static long uy(const pen *p, float y)
{
	return lround(p->y - y * p->scale);
}

static void move_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float x, float y, void *u)
{
	pen *p = data;
	galley_buf_printf(p->out, "M%ld %ld", ux(p, x), uy(p, y));
}

static void line_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float x, float y, void *u)
{
	pen *p = data;
	galley_buf_printf(p->out, "L%ld %ld", ux(p, x), uy(p, y));
}

static void quad_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float cx, float cy, float x,
                    float y, void *u)
{
	pen *p = data;
	galley_buf_printf(p->out, "Q%ld %ld %ld %ld", ux(p, cx), uy(p, cy), ux(p, x), uy(p, y));
}

static void cubic_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float c1x, float c1y,
                     float c2x, float c2y, float x, float y, void *u)
{
	pen *p = data;
	galley_buf_printf(p->out, "C%ld %ld %ld %ld %ld %ld", ux(p, c1x), uy(p, c1y), ux(p, c2x),
	                  uy(p, c2y), ux(p, x), uy(p, y));
}

static void close_path(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, void *u)
{
	pen *p = data;
	galley_buf_puts(p->out, "Z");
}

static void fonts_close(cover_fonts *cf)
{
	int i;
	for (i = 0; i < F_COUNT; i++)
		if (cf->font[i] != NULL)
			hb_font_destroy(cf->font[i]);
	if (cf->buf != NULL)
		hb_buffer_destroy(cf->buf);
	if (cf->draw != NULL)
		hb_draw_funcs_destroy(cf->draw);
}

static int fonts_open(cover_fonts *cf, const char *dir, galley_error *err)
{
	int i, rc;
	memset(cf, 0, sizeof *cf);
	if ((rc = galley_hb_ready(err)) < 0)
		return rc;
	for (i = 0; i < F_COUNT; i++) {
		char path[4096];
		hb_blob_t *blob;
		hb_face_t *face;
		hb_font_extents_t ext;
		snprintf(path, sizeof path, "%s/%s", dir, font_files[i]);
		blob = hb_blob_create_from_file_or_fail(path);
		if (blob == NULL) {
			galley_pos pos = {path, 0, 0};
			return galley_error_set(err, GALLEY_EFONT, &pos, "cannot read the cover's font");
		}
		face = hb_face_create(blob, 0);
		hb_blob_destroy(blob);
		cf->font[i] = hb_font_create(face);
		cf->upem[i] = hb_face_get_upem(face);
		hb_face_destroy(face);
		if (cf->upem[i] == 0)
			cf->upem[i] = 1000;
		hb_font_set_scale(cf->font[i], (int)cf->upem[i], (int)cf->upem[i]);
		cf->ascent[i] = hb_font_get_h_extents(cf->font[i], &ext) ? ext.ascender / (double)cf->upem[i] : 0.9;
	}
	cf->buf = hb_buffer_create();
	cf->draw = hb_draw_funcs_create();
	if (!hb_buffer_allocation_successful(cf->buf))
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	hb_draw_funcs_set_move_to_func(cf->draw, move_to, NULL, NULL);
	hb_draw_funcs_set_line_to_func(cf->draw, line_to, NULL, NULL);
	hb_draw_funcs_set_quadratic_to_func(cf->draw, quad_to, NULL, NULL);
	hb_draw_funcs_set_cubic_to_func(cf->draw, cubic_to, NULL, NULL);
	hb_draw_funcs_set_close_path_func(cf->draw, close_path, NULL, NULL);
	return 0;
}

/* Shapes `n` bytes in font `f`; returns the number of glyphs. */
static unsigned shape(cover_fonts *cf, int f, const char *s, size_t n)
{
	hb_buffer_clear_contents(cf->buf);
	hb_buffer_add_utf8(cf->buf, s, (int)n, 0, (int)n);
	hb_buffer_guess_segment_properties(cf->buf);
	hb_shape_full(cf->font[f], cf->buf, NULL, 0, NULL);
	return hb_buffer_allocation_successful(cf->buf) ? (unsigned)n : 0;
}

/* The advance of the shaped buffer, in em of font f. */
static double shaped_width(cover_fonts *cf, int f)
{
	unsigned count = 0, i;
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(cf->buf, &count);
	hb_position_t sum = 0;
	for (i = 0; i < count; i++)
		sum += pos[i].x_advance;
	return sum / (double)cf->upem[f];
}

/* Whether font f has a glyph for every character of the shaped buffer. */
static bool shaped_whole(cover_fonts *cf)
{
	unsigned count = 0, i;
	hb_glyph_info_t *info = hb_buffer_get_glyph_infos(cf->buf, &count);
	for (i = 0; i < count; i++)
		if (info[i].codepoint == 0)
			return false;
	return true;
}

/* Splits `text` at spaces into b's words and measures them; words past
 * BLOCK_WORDS_MAX join the last one (drawn, never dropped). */
static void block_set(cover_fonts *cf, block *b, int font, const char *text)
{
	int f;
	b->n = 0;
	b->font = font;
	for (f = 0; f < F_COUNT; f++) {
		shape(cf, f, " ", 1);
		b->space[f] = shaped_width(cf, f);
	}
	while (text != NULL && *text != '\0') {
		size_t n;
		word *w;
		text += strspn(text, " \t\n\r");
		n = strcspn(text, " \t\n\r");
		if (n == 0)
			break;
		if (b->n == BLOCK_WORDS_MAX) {
			w = &b->w[b->n - 1];
			n += (size_t)(text - (w->s + w->n));
			text = w->s;
			b->n--;
		}
		w = &b->w[b->n++];
		w->s = text;
		w->n = n;
		w->font = font;
		shape(cf, font, text, n);
		if (!shaped_whole(cf)) {
			shape(cf, F_FALLBACK, text, n);
			if (shaped_whole(cf))
				w->font = F_FALLBACK;
			else
				shape(cf, font, text, n);
		}
		w->width = shaped_width(cf, w->font);
		text += n;
	}
}

/* Greedy line breaks at `width` em: fills brk[] with the index of the
 * first word of each line; returns the number of lines. */
static size_t breaks(const block *b, double width, size_t *brk)
{
	size_t lines = 0, i;
	double used = 0;
	for (i = 0; i < b->n; i++) {
		double add = b->w[i].width;
		if (i > 0 && used > 0 && used + b->space[b->font] + add > width + 1e-9) {
			brk[lines++] = i;
			used = add;
		} else {
			if (i == 0)
				brk[lines++] = 0;
			used += (used > 0 ? b->space[b->font] : 0) + add;
		}
	}
	return lines;
}

/* Width of words [from, to) set on one line, in em. */
static double line_width(const block *b, size_t from, size_t to)
{
	double w = 0;
	size_t i;
	for (i = from; i < to; i++)
		w += b->w[i].width + (i > from ? b->space[b->font] : 0);
	return w;
}

/* Sets the block's size: the largest from max_px down at which every
 * word fits `width` pixels and all lines `height` (lines of `lead` times
 * the size), then balances the lines.  Fills brk, returns the line
 * count; *px is the size. */
static size_t fit(const block *b, double max_px, double width, double height, double lead,
                  bool shrink_widow, double *px, size_t *brk)
{
	double size = max_px, widest = 0;
	size_t i, lines = 0;
	for (i = 0; i < b->n; i++)
		if (b->w[i].width > widest)
			widest = b->w[i].width;
	for (;;) {
		lines = breaks(b, width / size, brk);
		if ((widest * size <= width && lines * size * lead <= height) || size <= MIN_PX)
			break;
		size = size * 0.96 < MIN_PX ? MIN_PX : size * 0.96;
	}
	/* a last line of one word reads as a leftover: a little smaller
	 * (down to 80 %), the block may need a line fewer; else see below */
	if (shrink_widow && lines > 1 && brk[lines - 1] == b->n - 1) {
		double s;
		for (s = size * 0.97; s >= size * 0.8 && s >= MIN_PX; s *= 0.97) {
			size_t fewer = breaks(b, width / s, brk);
			if (fewer < lines && widest * s <= width) {
				size = s;
				lines = fewer;
				break;
			}
		}
		lines = breaks(b, width / size, brk);
	}
	*px = size;
	/* balance: the narrowest measure that keeps the line count */
	if (lines > 1) {
		double lo = widest, hi = width / size;
		int k;
		for (k = 0; k < 30; k++) {
			double mid = (lo + hi) / 2;
			if (breaks(b, mid, brk) == lines)
				hi = mid;
			else
				lo = mid;
		}
		lines = breaks(b, hi, brk);
	}
	/* still a lone last word: the line above gives it a companion, when
	 * that leaves a word up there and the pair fits */
	if (lines > 1 && brk[lines - 1] == b->n - 1 && brk[lines - 1] - brk[lines - 2] >= 2 &&
	    line_width(b, b->n - 2, b->n) <= width / size)
		brk[lines - 1]--;
	return lines;
}

/* Draws word i of b at pen position x (pixels) on baseline y. */
static void draw_word(cover_fonts *cf, const block *b, size_t i, double x, double y, double px,
                      galley_buf *out)
{
	const word *w = &b->w[i];
	unsigned count = 0, k;
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;
	pen p;
	p.out = out;
	p.scale = px * UNIT / cf->upem[w->font];
	p.y = y * UNIT;
	shape(cf, w->font, w->s, w->n);
	info = hb_buffer_get_glyph_infos(cf->buf, &count);
	pos = hb_buffer_get_glyph_positions(cf->buf, &count);
	p.x = x * UNIT;
	for (k = 0; k < count; k++) {
		pen g = p;
		g.x += pos[k].x_offset * p.scale;
		g.y -= pos[k].y_offset * p.scale;
		hb_font_get_glyph_shape(cf->font[w->font], info[k].codepoint, cf->draw, &g);
		p.x += pos[k].x_advance * p.scale;
	}
}

/* Draws the lines of b centred, the first baseline at `y`; returns the
 * baseline after the last line. */
static double draw_block(cover_fonts *cf, const block *b, const size_t *brk, size_t lines,
                         double px, double lead, double y, const char *fill, galley_buf *out)
{
	size_t l, i;
	galley_buf_printf(out, "<path fill=\"%s\" d=\"", fill);
	for (l = 0; l < lines; l++) {
		size_t from = brk[l], to = l + 1 < lines ? brk[l + 1] : b->n;
		double width = 0, x;
		for (i = from; i < to; i++)
			width += b->w[i].width * px + (i > from ? b->space[b->font] * px : 0);
		x = (W - width) / 2;
		for (i = from; i < to; i++) {
			draw_word(cf, b, i, x, y, px, out);
			x += b->w[i].width * px + b->space[b->font] * px;
		}
		y += px * lead;
	}
	galley_buf_puts(out, "\"/>\n");
	return y;
}

/* Sets and draws a block of text in a box of TEXT_WIDTH x `height`
 * whose top is *top; moves *top below it (plus `gap`).  Nothing drawn
 * for empty text. */
static void put_block(cover_fonts *cf, block *b, size_t *brk, int font, const char *text,
                      double max_px, double height, double lead, const char *fill, double gap,
                      double *top, galley_buf *out)
{
	double px;
	size_t lines;
	block_set(cf, b, font, text);
	if (b->n == 0)
		return;
	lines = fit(b, max_px, TEXT_WIDTH, height, lead, true, &px, brk);
	draw_block(cf, b, brk, lines, px, lead, *top + cf->ascent[font] * px, fill, out);
	*top += lines * px * lead + gap;
}

/* The masthead line under the title: the issue and the dates, or for a
 * single article its date. */
static void issue_line(const galley_epub_book *b, galley_buf *line)
{
	const galley_meta *pm = galley_doc_meta_const(b->doc);
	char dates[80];
	galley_epub_masthead_dates(b->doc, dates);
	if (pm->issue != NULL && pm->issue[strspn(pm->issue, " \t\n")] != '\0') {
		galley_buf_puts(line, pm->issue);
		if (dates[0] != '\0')
			galley_buf_puts(line, " \xC2\xB7 ");
	}
	galley_buf_puts(line, dates);
}

/* "Edited by X", or "By A and B" for a single article. */
static void people_line(const galley_epub_book *b, galley_buf *line)
{
	const galley_meta *pm = galley_doc_meta_const(b->doc);
	const galley_meta *m = pm;
	size_t i;
	if (pm->editor != NULL && pm->editor[strspn(pm->editor, " \t\n")] != '\0') {
		galley_buf_printf(line, "Edited by %s", pm->editor);
		return;
	}
	if (m->nauthors == 0 && galley_doc_narticles(b->doc) == 1)
		m = &galley_doc_article(b->doc, 0)->meta;
	for (i = 0; i < m->nauthors; i++)
		galley_buf_printf(line, "%s%s", i == 0 ? "By " : i + 1 == m->nauthors ? " and " : ", ",
		                  m->authors[i]);
}

static const char *article_title(const galley_article *a)
{
	return a->meta.title && a->meta.title[0] ? a->meta.title : "Untitled";
}

/* The article list: titles from the top of the free space down to
 * LIST_BOTTOM, each whole (wrapped, never cut), then "and N more" for
 * those that do not fit. */
static void put_articles(cover_fonts *cf, const galley_epub_book *bk, block *b, size_t *brk,
                         double top, galley_buf *out)
{
	const double px = 44, lead = 1.22, gap = 22;
	size_t n = galley_doc_narticles(bk->doc), i, lines;
	double y = top, size, more_h = px * lead + gap;
	char more[64];
	if (n < 2)
		return;
	for (i = 0; i < n; i++) {
		double need;
		block_set(cf, b, F_REGULAR, article_title(galley_doc_article(bk->doc, i)));
		if (b->n == 0)
			continue;
		lines = fit(b, px, TEXT_WIDTH, 3 * px * lead, lead, false, &size, brk);
		need = lines * size * lead;
		/* keep room for "and N more" while titles remain after this one */
		if (y + need + (i + 1 < n ? more_h : 0) > LIST_BOTTOM)
			break;
		draw_block(cf, b, brk, lines, size, lead, y + cf->ascent[F_REGULAR] * size, "#222222", out);
		y += need + gap;
	}
	if (i < n) {
		snprintf(more, sizeof more, "and %zu more", n - i);
		block_set(cf, b, F_ITALIC, more);
		lines = fit(b, px, TEXT_WIDTH, px * lead, lead, false, &size, brk);
		draw_block(cf, b, brk, lines, size, lead, y + cf->ascent[F_ITALIC] * size, "#222222", out);
	}
}

int galley_epub_cover_png(const galley_epub_book *bk, const char *font_dir, unsigned char **png,
                          size_t *len, galley_error *err)
{
	const galley_meta *pm = galley_doc_meta_const(bk->doc);
	const galley_article *only = galley_doc_narticles(bk->doc) == 1 ? galley_doc_article(bk->doc, 0) : NULL;
	const char *subtitle = pm->subtitle != NULL && pm->subtitle[0] != '\0' ? pm->subtitle
	                       : only != NULL && (pm->title == NULL || pm->title[0] == '\0') ? only->meta.subtitle
	                       : NULL;
	galley_buf svg = GALLEY_BUF_INIT, line = GALLEY_BUF_INIT;
	cover_fonts cf;
	block *b = NULL;
	size_t *brk = NULL, n;
	double top = 330;
	int rc;

	*png = NULL;
	*len = 0;
	if ((rc = fonts_open(&cf, font_dir, err)) < 0)
		goto cleanup;
	if ((rc = galley_svg_ready(err)) < 0)
		goto cleanup;
	b = malloc(sizeof *b);
	brk = malloc(BLOCK_WORDS_MAX * sizeof *brk);
	if (b == NULL || brk == NULL) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	galley_buf_printf(&svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	                        "viewBox=\"0 0 %d %d\">\n"
	                        "<rect width=\"%d\" height=\"%d\" fill=\"#f4efe6\"/>\n"
	                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
	                        "stroke=\"#7a2e1d\" stroke-width=\"%d\"/>\n",
	                  W, H, W * UNIT, H * UNIT, W * UNIT, H * UNIT, FRAME * UNIT, FRAME * UNIT,
	                  (W - 2 * FRAME) * UNIT, (H - 2 * FRAME) * UNIT, 8 * UNIT);
	put_block(&cf, b, brk, F_BOLD, galley_doc_display_title(bk->doc), 170, 720, 1.12, "#3b1a10", 60,
	          &top, &svg);
	galley_buf_printf(&svg, "<rect x=\"%d\" y=\"%ld\" width=\"%d\" height=\"%d\" fill=\"#7a2e1d\"/>\n",
	                  (W / 2 - 120) * UNIT, lround(top * UNIT), 240 * UNIT, 5 * UNIT);
	top += 70;
	put_block(&cf, b, brk, F_ITALIC, subtitle, 72, 260, 1.2, "#3b1a10", 36, &top, &svg);
	issue_line(bk, &line);
	put_block(&cf, b, brk, F_REGULAR, line.data, 56, 150, 1.2, "#7a2e1d", 20, &top, &svg);
	galley_buf_clear(&line);
	people_line(bk, &line);
	put_block(&cf, b, brk, F_REGULAR, line.data, 50, 130, 1.2, "#7a2e1d", 70, &top, &svg);
	put_articles(&cf, bk, b, brk, top + 40, &svg);
	if (pm->publisher != NULL && pm->publisher[0] != '\0') {
		double px;
		size_t lines;
		block_set(&cf, b, F_REGULAR, pm->publisher);
		lines = fit(b, 44, TEXT_WIDTH, 44 * 1.2, 1.2, false, &px, brk);
		draw_block(&cf, b, brk, lines, px, 1.2, FOOT, "#7a2e1d", &svg);
	}
	galley_buf_puts(&svg, "</svg>\n");
	if (svg.failed || line.failed) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	n = svg.len;
	rc = galley_svg_render_png((const unsigned char *)svg.data, n, W, H, png, len, err);
cleanup:
	fonts_close(&cf);
	galley_buf_dispose(&svg);
	galley_buf_dispose(&line);
	free(b);
	free(brk);
	return rc;
}
