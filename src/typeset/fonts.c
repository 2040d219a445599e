/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * fonts.c: font files, glyph coverage, advances, kerning and the cache of
 * measured words.
 *
 * HarfBuzz answers "does this face have a glyph for U+xxxx" (cmap) and
 * gives the advance in font units (hmtx), reading the tables it needs from
 * the mapped file when first asked: opening the seven faces costs nothing
 * up front; the width the PDF viewer will use is that advance
 * scaled to 1/1000 em and truncated, exactly as libharu writes the /W array,
 * so what we measure is what gets drawn.  HarfBuzz shapes each distinct word
 * once per face with every glyph-substituting feature off (libharu draws by
 * code point and cannot show ligatures or alternates) to read the kerning
 * from GPOS: the difference between its advance and the nominal one.  The
 * shape plan for those features is made once per face and script and
 * executed directly, not looked up in HarfBuzz's plan cache per word.
 *
 * A character the face lacks is drawn from the fallback face; a character
 * no face has, or one outside the Basic Multilingual Plane (libharu turns
 * those into spaces), is replaced by U+FFFD (or '?') and flagged so that the
 * caller can warn once per file.
 *
 * Cache: open addressing on (face, bytes) with FNV-1a; entries and their
 * glyph arrays live in the fonts' own arena.  Measurements are in 1/1000 em
 * so that one entry serves every size.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/hb_api.h"

#include "typeset/internal.h"
#include "base/utf8.h"

/* Longest word measured with kerning; longer runs (a 5,000-character URL)
 * are measured glyph by glyph without shaping, which is linear and cheap. */
#define GL_SHAPE_MAX_BYTES 256

/* A per-face cache of code point -> advance for the BMP start, the common
 * case; beyond it HarfBuzz is asked each time. */
#define GL_ADV_CACHE 0x0600

/* Shape plans kept per face: one per script (and direction, language)
 * met; a text mixing more scripts than this shapes through HarfBuzz's
 * own cache. */
#define GL_PLANS 4

typedef struct gl_face {
	char *path;
	hb_font_t *hb;
	unsigned upem;
	struct {
		hb_segment_properties_t props;
		hb_shape_plan_t *plan;
	} plans[GL_PLANS];
	int nplans;
	int32_t adv[GL_ADV_CACHE]; /* -2 unknown, -1 no glyph, else 1/1000 em */
	double ascent, descent;    /* ems */
	double x_height;           /* ems */
	double strike;             /* the strikeout stroke's thickness, ems */
} gl_face;

typedef struct gl_entry {
	uint32_t hash;
	uint8_t face;
	const char *key;  /* source bytes */
	uint32_t keylen;
	gl_word word;
	/* the word's hyphenation points (gl_fonts_hyph) in hyph_lang, one of
	 * the fonts' copies of a language tag; NULL: not asked yet */
	const char *hyph_lang;
	uint32_t *hyph_at;
	int hyph_n;
} gl_entry;

struct gl_fonts {
	gl_face faces[GALLEY_NFACES];
	gl_entry **table;
	size_t tcap, tcount;
	gl_arena arena;
	hb_buffer_t *buf;
	hb_feature_t features[6];
	const char *lang;  /* the language last asked of gl_fonts_hyph, a copy */
};

static const char *const face_suffix[GALLEY_NFACES] = {
	"-Regular.ttf", "-Italic.ttf", "-Bold.ttf", "-BoldItalic.ttf",
	"JetBrainsMono-Regular.ttf", "JetBrainsMono-Bold.ttf", "DejaVuSans.ttf"
};

static int open_face(gl_fonts *f, int i, const char *path, galley_error *err)
{
	gl_face *fc = &f->faces[i];
	hb_blob_t *blob = NULL;
	hb_face_t *hface = NULL;
	galley_pos fpos = {path, 0, 0};
	struct stat st;

	fc->path = strdup(path);
	if (!fc->path)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	if (stat(path, &st) != 0)
		return galley_error_set(err, GALLEY_EFONT, &fpos, "font missing (use --fonts DIR or GALLEY_FONT_DIR)");
	if ((blob = hb_blob_create_from_file_or_fail(path)) == NULL)
		return galley_error_set(err, GALLEY_EFONT, &fpos, "font unreadable");
	hface = hb_face_create(blob, 0);
	hb_blob_destroy(blob);
	{
		/* a TrueType font: glyphs, and a head table with the em */
		hb_blob_t *head = hb_face_reference_table(hface, HB_TAG('h', 'e', 'a', 'd'));
		bool ok = hb_face_get_glyph_count(hface) > 0 && hb_blob_get_length(head) >= 54;
		hb_blob_destroy(head);
		if (!ok) {
			hb_face_destroy(hface);
			return galley_error_set(err, GALLEY_EFONT, &fpos, "not a TrueType font");
		}
	}
	fc->upem = hb_face_get_upem(hface);
	fc->hb = hb_font_create(hface);
	hb_face_destroy(hface);
	if (!fc->hb || fc->hb == hb_font_get_empty())
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	hb_font_set_scale(fc->hb, (int)fc->upem, (int)fc->upem);
	{
		/* the same figures the PDF font descriptor gets (src/pdf/font.c) */
		hb_position_t asc = 0, desc = 0;
		hb_font_extents_t ext;
		hb_font_get_h_extents(fc->hb, &ext);
		if (!hb_ot_metrics_get_position(fc->hb, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &asc))
			asc = ext.ascender;
		if (!hb_ot_metrics_get_position(fc->hb, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &desc))
			desc = ext.descender;
		fc->ascent = (double)asc / fc->upem;
		fc->descent = (double)desc / fc->upem;
	}
	{
		/* OS/2's sxHeight and yStrikeoutSize; a face without them gets
		 * the figures of a typical text face */
		hb_position_t xh = 0, ss = 0;
		if (!hb_ot_metrics_get_position(fc->hb, HB_OT_METRICS_TAG_X_HEIGHT, &xh) || xh <= 0)
			xh = (hb_position_t)(fc->upem / 2);
		if (!hb_ot_metrics_get_position(fc->hb, HB_OT_METRICS_TAG_STRIKEOUT_SIZE, &ss) || ss <= 0)
			ss = (hb_position_t)(fc->upem / 20);
		fc->x_height = (double)xh / fc->upem;
		fc->strike = (double)ss / fc->upem;
	}
	for (size_t k = 0; k < GL_ADV_CACHE; k++)
		fc->adv[k] = -2;
	return 0;
}

int gl_fonts_open(gl_fonts **out, const char *dir, const char *family, galley_error *err)
{
	gl_fonts *f = calloc(1, sizeof *f);
	char path[4096];
	int rc = 0;
	static const char *const feats[6] = {"-liga", "-clig", "-calt", "-dlig", "-rlig", "kern"};

	*out = NULL;
	if (!f)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	if ((rc = galley_hb_ready(err)) < 0) {
		free(f);
		return rc;
	}
	if (!family)
		family = "NotoSerif";
	for (int i = 0; i < GALLEY_NFACES; i++) {
		if (i < GALLEY_FACE_MONO)
			snprintf(path, sizeof path, "%s/%s%s", dir, family, face_suffix[i]);
		else
			snprintf(path, sizeof path, "%s/%s", dir, face_suffix[i]);
		rc = open_face(f, i, path, err);
		if (rc < 0)
			goto cleanup;
	}
	for (int i = 0; i < 6; i++)
		hb_feature_from_string(feats[i], -1, &f->features[i]);
	f->buf = hb_buffer_create();
	if (!hb_buffer_allocation_successful(f->buf)) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	*out = f;
	f = NULL;
cleanup:
	gl_fonts_free(f);
	return rc;
}

void gl_fonts_free(gl_fonts *f)
{
	if (!f)
		return;
	for (int i = 0; i < GALLEY_NFACES; i++) {
		for (int k = 0; k < f->faces[i].nplans; k++)
			hb_shape_plan_destroy(f->faces[i].plans[k].plan);
		if (f->faces[i].hb)
			hb_font_destroy(f->faces[i].hb);
		free(f->faces[i].path);
	}
	if (f->buf)
		hb_buffer_destroy(f->buf);
	free(f->table);
	gl_arena_free(&f->arena);
	free(f);
}

void gl_fonts_extents(const gl_fonts *f, int face, double *ascent, double *descent)
{
	*ascent = f->faces[face].ascent;
	*descent = f->faces[face].descent;
}

void gl_fonts_strike(const gl_fonts *f, int face, double *middle, double *thickness)
{
	*middle = f->faces[face].x_height / 2;
	*thickness = f->faces[face].strike;
}

const char *gl_fonts_path(const gl_fonts *f, int face)
{
	return f->faces[face].path;
}

/* Advance of `c` in face `fc` in 1/1000 em as libharu writes it, or -1 when
 * the face has no glyph for it. */
static int32_t face_advance(gl_face *fc, uint32_t c)
{
	hb_codepoint_t gid = 0;
	hb_position_t adv;
	int32_t w;

	if (c < GL_ADV_CACHE && fc->adv[c] != -2)
		return fc->adv[c];
	if (!hb_font_get_nominal_glyph(fc->hb, c, &gid) || gid == 0 ||
	    (adv = hb_font_get_glyph_h_advance(fc->hb, gid)) < 0)
		w = -1;
	else
		w = (int32_t)((uint32_t)adv * 1000u / fc->upem);
	if (c < GL_ADV_CACHE)
		fc->adv[c] = w;
	return w;
}

static uint32_t hash_key(int face, const char *s, size_t len)
{
	uint32_t h = 2166136261u ^ (uint32_t)face;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static int table_insert(gl_fonts *f, gl_entry *e)
{
	if ((f->tcount + 1) * 10 >= f->tcap * 7) {
		size_t ncap = f->tcap ? f->tcap * 2 : 1024;
		gl_entry **nt = calloc(ncap, sizeof *nt);
		if (!nt)
			return -1;
		for (size_t i = 0; i < f->tcap; i++) {
			gl_entry *o = f->table[i];
			size_t j;
			if (!o)
				continue;
			for (j = o->hash & (ncap - 1); nt[j]; j = (j + 1) & (ncap - 1))
				;
			nt[j] = o;
		}
		free(f->table);
		f->table = nt;
		f->tcap = ncap;
	}
	{
		size_t j;
		for (j = e->hash & (f->tcap - 1); f->table[j]; j = (j + 1) & (f->tcap - 1))
			;
		f->table[j] = e;
		f->tcount++;
	}
	return 0;
}

/* Shapes f->buf (its segment properties set) in face fc with the fonts'
 * features, through the face's plan for those properties: false when
 * shaping failed. */
static bool shape(gl_fonts *f, gl_face *fc)
{
	hb_segment_properties_t props;
	hb_shape_plan_t *plan = NULL;

	hb_buffer_get_segment_properties(f->buf, &props);
	for (int k = 0; k < fc->nplans && !plan; k++)
		if (hb_segment_properties_equal(&fc->plans[k].props, &props))
			plan = fc->plans[k].plan;
	if (!plan) {
		if (fc->nplans == GL_PLANS)
			return hb_shape_full(fc->hb, f->buf, f->features, 6, NULL) != 0;
		plan = hb_shape_plan_create_cached(hb_font_get_face(fc->hb), &props, f->features, 6, NULL);
		fc->plans[fc->nplans].props = props;
		fc->plans[fc->nplans].plan = plan;
		fc->nplans++;
	}
	return hb_shape_plan_execute(plan, fc->hb, f->buf, f->features, 6) != 0;
}

/* Reads kerning for a word set in one face: kern[i] (font units) is added
 * after character i.  Leaves kern zero when shaping does not map glyphs one
 * to one onto characters. */
static void shape_kerning(gl_fonts *f, gl_face *fc, const char *s, size_t len,
                          const uint32_t *bytepos, size_t n, int32_t *kern)
{
	unsigned int ng;
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;

	hb_buffer_clear_contents(f->buf);
	hb_buffer_add_utf8(f->buf, s, (int)len, 0, (int)len);
	hb_buffer_set_direction(f->buf, HB_DIRECTION_LTR);
	hb_buffer_guess_segment_properties(f->buf);
	if (!shape(f, fc))
		return;
	info = hb_buffer_get_glyph_infos(f->buf, &ng);
	pos = hb_buffer_get_glyph_positions(f->buf, &ng);
	if (ng != n)
		return;
	for (size_t i = 0; i < n; i++)
		if (info[i].cluster != bytepos[i])
			return;
	for (size_t i = 0; i < n; i++) {
		if (info[i].codepoint == 0)
			continue;
		kern[i] = pos[i].x_advance - hb_font_get_glyph_h_advance(fc->hb, info[i].codepoint);
	}
}

static gl_entry *measure(gl_fonts *f, int face, const char *s, size_t len, uint32_t hash)
{
	gl_entry *e = gl_arena_alloc(&f->arena, sizeof *e);
	size_t n = 0, i = 0, outlen = 0;
	char *text;
	gl_glyph *g;
	uint32_t *bytepos = NULL;
	int32_t *kern = NULL;
	bool one_face = true, any_sub = false;
	gl_face *prim = &f->faces[face];
	gl_face *fb = &f->faces[GALLEY_FACE_FALLBACK];

	if (!e)
		return NULL;
	while (i < len) {
		galley_utf8_next(s, len, &i);
		n++;
	}
	/* a substitute takes at most 3 bytes, like any BMP character */
	text = gl_arena_alloc(&f->arena, len + 3 * n + 1);
	g = gl_arena_alloc(&f->arena, (n + 1) * sizeof *g);
	if (!text || !g)
		return NULL;
	i = 0;
	for (size_t k = 0; k < n; k++) {
		size_t at = i;
		uint32_t c = galley_utf8_next(s, len, &i);
		int32_t w = -1;
		uint8_t which = (uint8_t)face;

		if (c == '\t' || c == '\n' || c == '\r')
			c = ' ';
		if (c <= 0xFFFF && c >= 0x20) {
			w = face_advance(prim, c);
			if (w < 0 && face != GALLEY_FACE_FALLBACK) {
				w = face_advance(fb, c);
				which = GALLEY_FACE_FALLBACK;
			}
		}
		if (w < 0) {
			if (!any_sub)
				e->word.first_bad = (uint32_t)at;
			any_sub = true;
			c = 0xFFFD;
			which = GALLEY_FACE_FALLBACK;
			w = face_advance(fb, c);
			if (w < 0) {
				c = '?';
				which = (uint8_t)face;
				w = face_advance(prim, c);
				if (w < 0)
					w = 500;
			}
		}
		if (which != face)
			one_face = false;
		g[k].byte = (uint32_t)outlen;
		g[k].src = (uint32_t)at;
		g[k].adv = w;
		g[k].face = which;
		outlen += galley_utf8_encode(c, text + outlen);
	}
	g[n].byte = (uint32_t)outlen;
	g[n].src = (uint32_t)len;
	g[n].face = (uint8_t)face;

	/* Kerning: only for proportional faces, only within one face. */
	if (face != GALLEY_FACE_MONO && face != GALLEY_FACE_MONOBOLD && n > 1 &&
	    one_face && !any_sub && outlen <= GL_SHAPE_MAX_BYTES) {
		bytepos = malloc(n * sizeof *bytepos);
		kern = calloc(n, sizeof *kern);
		if (bytepos && kern) {
			for (size_t k = 0; k < n; k++)
				bytepos[k] = g[k].byte;
			shape_kerning(f, prim, text, outlen, bytepos, n, kern);
		}
	}
	{
		double x = 0;
		for (size_t k = 0; k < n; k++) {
			g[k].x = (float)x;
			x += g[k].adv;
			if (kern && k + 1 < n)
				x += kern[k] * 1000.0 / prim->upem;
		}
		g[n].x = (float)x;
	}
	free(bytepos);
	free(kern);
	e->hash = hash;
	e->face = (uint8_t)face;
	e->key = gl_arena_strndup(&f->arena, s, len);
	e->keylen = (uint32_t)len;
	e->word.text = text;
	e->word.len = (uint32_t)outlen;
	e->word.n = (uint32_t)n;
	e->word.g = g;
	e->word.substituted = any_sub;
	if (!e->key)
		return NULL;
	return e;
}

const gl_word *gl_fonts_word(gl_fonts *f, int face, const char *s, size_t len)
{
	uint32_t h = hash_key(face, s, len);
	gl_entry *e;

	if (f->tcap) {
		for (size_t j = h & (f->tcap - 1); f->table[j]; j = (j + 1) & (f->tcap - 1)) {
			e = f->table[j];
			if (e->hash == h && e->face == face && e->keylen == len &&
			    memcmp(e->key, s, len) == 0)
				return &e->word;
		}
	}
	e = measure(f, face, s, len, h);
	if (!e || table_insert(f, e) < 0)
		return NULL;
	return &e->word;
}

int gl_fonts_hyph(gl_fonts *f, const gl_word *w, galley_hyphenator *h, const char *lang,
                  const char *s, size_t len, uint32_t *points)
{
	/* the entry that holds w: the fonts own it, and so may note in it */
	gl_entry *e = (gl_entry *)(void *)((char *)(uintptr_t)w - offsetof(gl_entry, word));
	uint32_t *at;
	int np;

	if (f->lang == NULL || strcmp(f->lang, lang) != 0) {
		size_t n = strlen(lang) + 1;
		char *copy = gl_arena_alloc(&f->arena, n);
		if (copy == NULL)
			return galley_hyph_word(h, lang, s, len, points);
		f->lang = memcpy(copy, lang, n);
	}
	if (e->hyph_lang == f->lang) {
		if (e->hyph_n > 0)
			memcpy(points, e->hyph_at, (size_t)e->hyph_n * sizeof *points);
		return e->hyph_n;
	}
	np = galley_hyph_word(h, lang, s, len, points);
	if (np < 0)
		return np;
	at = np > 0 ? gl_arena_alloc(&f->arena, (size_t)np * sizeof *points) : NULL;
	if (np > 0 && at == NULL)
		return np;  /* answered, not kept */
	if (np > 0)
		memcpy(at, points, (size_t)np * sizeof *points);
	e->hyph_at = at;
	e->hyph_n = np;
	e->hyph_lang = f->lang;
	return np;
}

double gl_fonts_width(gl_fonts *f, int face, double size, const char *s, size_t len)
{
	const gl_word *w = gl_fonts_word(f, face, s, len);

	if (!w)
		return -1;
	return w->g[w->n].x * size / 1000.0;
}
