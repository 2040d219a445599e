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
 * A character the face lacks is drawn from the fallback face (DejaVu Sans)
 * when it is a symbol or a letter of the Latin, Greek or Cyrillic scripts
 * in the BMP.  Any other character, or one neither has, is looked for in
 * the installed faces through fontconfig (find_dyn): the faces fontconfig
 * ranks for the character's script, the text's style (serif, sans or
 * mono, bold, italic) and, for Han, the language (Japanese, Korean,
 * simplified or traditional Chinese), best first, the first that has it
 * winning.  Such a face becomes a "glyph face" of the layout (ids from
 * GALLEY_NFACES on, in a table all the layout's threads share, so that
 * every run names the same file); the characters a word draws in it are
 * shaped by HarfBuzz with their script, direction and language, into
 * clusters and glyph ids (galley_dl_shaped), so that Arabic joins,
 * Devanagari forms its conjuncts and marks sit on their letters.  The
 * choice depends only on the character, the style and the language,
 * never on which thread asked first, so the output is the same run to
 * run.  fontconfig is loaded on the first such character: a text the
 * bundled faces cover never maps it.  A character no installed face has
 * is replaced by U+FFFD (or '?') and flagged, with its code point and
 * place, so that the caller can warn.
 *
 * Cache: open addressing on (face, bytes) with FNV-1a; entries and their
 * glyph arrays live in the fonts' own arena.  Measurements are in 1/1000 em
 * so that one entry serves every size.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/fc_api.h"
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
	unsigned index;            /* in a collection (.ttc) */
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
	uint8_t lang;     /* gl_lang it was measured for */
	const char *key;  /* source bytes */
	uint32_t keylen;
	gl_word word;
	/* the word's hyphenation points (gl_fonts_hyph) in hyph_lang, one of
	 * the fonts' copies of a language tag; NULL: not asked yet */
	const char *hyph_lang;
	uint32_t *hyph_at;
	int hyph_n;
} gl_entry;

/* Installed faces ranked by fontconfig for one script and style: the
 * candidates a missing character is looked up in, best first. */
typedef struct gl_rank {
	hb_script_t script;
	uint8_t style;      /* GL_STYLE_* bits */
	uint8_t lang;       /* gl_lang, for Han */
	FcFontSet *set;     /* NULL: fontconfig had nothing */
	int16_t *face;      /* by candidate: its face id, 0 not yet registered, -1 unusable */
} gl_rank;

/* The glyph faces of a layout, shared by the fonts of all its threads:
 * face ids, files and metrics, and fontconfig's rankings.  Everything
 * is appended under `mu` and never moves or changes once written. */
typedef struct gl_facetab {
	pthread_mutex_t mu;
	int refs;                  /* fonts sharing it */
	int n;                     /* glyph faces: ids GALLEY_NFACES .. + n - 1 */
	struct gl_dyn {
		char *path;
		unsigned index;
		double ascent, descent, x_height, strike; /* ems */
	} dyn[GALLEY_MAX_FACES - GALLEY_NFACES];
	gl_rank *ranks; size_t nranks, cranks;
	FcConfig *fc;              /* a reference to fontconfig's configuration */
	int fc_state;              /* 0 not tried, 1 loaded, -1 not usable */
} gl_facetab;

/* Style bits of a lookup. */
enum { GL_STYLE_SANS = 1, GL_STYLE_MONO = 2, GL_STYLE_BOLD = 4, GL_STYLE_ITALIC = 8 };

/* Languages that choose among the Han faces (their glyph forms differ). */
typedef enum gl_lang { GL_LANG_NONE, GL_LANG_JA, GL_LANG_KO, GL_LANG_ZH_HANS, GL_LANG_ZH_HANT } gl_lang;

struct gl_fonts {
	gl_face faces[GALLEY_NFACES];
	gl_face *dyn[GALLEY_MAX_FACES - GALLEY_NFACES]; /* this thread's glyph faces, opened when first used */
	gl_facetab *tab;
	uint8_t style;     /* GL_STYLE_SANS when the body family is a sans */
	gl_lang lang_han;  /* from the article's language (gl_fonts_lang) */
	char lang_tag[16]; /* the article's language for HarfBuzz, "" none */
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

static int open_face(gl_face *fc, const char *path, unsigned index, galley_error *err)
{
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
	fc->index = index;
	hface = hb_face_create(blob, index);
	hb_blob_destroy(blob);
	{
		/* an OpenType font: glyphs, a head table with the em, and
		 * outlines the PDF can embed (TrueType or CFF) */
		hb_blob_t *head = hb_face_reference_table(hface, HB_TAG('h', 'e', 'a', 'd'));
		hb_blob_t *glyf = hb_face_reference_table(hface, HB_TAG('g', 'l', 'y', 'f'));
		hb_blob_t *cff = hb_face_reference_table(hface, HB_TAG('C', 'F', 'F', ' '));
		bool ok = hb_face_get_glyph_count(hface) > 0 && hb_blob_get_length(head) >= 54 &&
		          (hb_blob_get_length(glyf) > 0 || hb_blob_get_length(cff) > 0);
		hb_blob_destroy(head);
		hb_blob_destroy(glyf);
		hb_blob_destroy(cff);
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

static void face_dispose(gl_face *fc)
{
	for (int k = 0; k < fc->nplans; k++)
		hb_shape_plan_destroy(fc->plans[k].plan);
	if (fc->hb)
		hb_font_destroy(fc->hb);
	free(fc->path);
}

static void facetab_unref(gl_facetab *t)
{
	int refs;

	if (!t)
		return;
	pthread_mutex_lock(&t->mu);
	refs = --t->refs;
	pthread_mutex_unlock(&t->mu);
	if (refs > 0)
		return;
	for (int i = 0; i < t->n; i++)
		free(t->dyn[i].path);
	for (size_t i = 0; i < t->nranks; i++) {
		if (t->ranks[i].set)
			FcFontSetDestroy(t->ranks[i].set);
		free(t->ranks[i].face);
	}
	free(t->ranks);
	if (t->fc)
		FcConfigDestroy(t->fc);
	pthread_mutex_destroy(&t->mu);
	free(t);
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
	f->tab = calloc(1, sizeof *f->tab);
	if (!f->tab || pthread_mutex_init(&f->tab->mu, NULL) != 0) {
		free(f->tab);
		f->tab = NULL;
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	f->tab->refs = 1;
	if (!family)
		family = "NotoSerif";
	for (int i = 0; i < GALLEY_NFACES; i++) {
		if (i < GALLEY_FACE_MONO)
			snprintf(path, sizeof path, "%s/%s%s", dir, family, face_suffix[i]);
		else
			snprintf(path, sizeof path, "%s/%s", dir, face_suffix[i]);
		rc = open_face(&f->faces[i], path, 0, err);
		if (rc < 0)
			goto cleanup;
	}
	if (strstr(family, "Sans") != NULL)
		f->style = GL_STYLE_SANS;
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

void gl_fonts_share(gl_fonts *f, gl_fonts *with)
{
	if (f->tab == with->tab)
		return;
	pthread_mutex_lock(&with->tab->mu);
	with->tab->refs++;
	pthread_mutex_unlock(&with->tab->mu);
	facetab_unref(f->tab);
	f->tab = with->tab;
}

void gl_fonts_free(gl_fonts *f)
{
	if (!f)
		return;
	for (int i = 0; i < GALLEY_NFACES; i++)
		face_dispose(&f->faces[i]);
	for (int i = 0; i < GALLEY_MAX_FACES - GALLEY_NFACES; i++) {
		if (f->dyn[i]) {
			face_dispose(f->dyn[i]);
			free(f->dyn[i]);
		}
	}
	facetab_unref(f->tab);
	if (f->buf)
		hb_buffer_destroy(f->buf);
	free(f->table);
	gl_arena_free(&f->arena);
	free(f);
}

void gl_fonts_lang(gl_fonts *f, const char *lang)
{
	gl_lang l = GL_LANG_NONE;
	size_t n = 0;

	if (lang) {
		if (strncmp(lang, "ja", 2) == 0)
			l = GL_LANG_JA;
		else if (strncmp(lang, "ko", 2) == 0)
			l = GL_LANG_KO;
		else if (strncmp(lang, "zh", 2) == 0)
			l = strstr(lang, "TW") || strstr(lang, "HK") || strstr(lang, "MO") || strstr(lang, "Hant")
			    ? GL_LANG_ZH_HANT : GL_LANG_ZH_HANS;
		n = strlen(lang);
	}
	f->lang_han = l;
	if (n >= sizeof f->lang_tag)
		n = 0;  /* no real tag is this long: shape without one */
	memcpy(f->lang_tag, lang ? lang : "", n);
	f->lang_tag[n] = '\0';
}

/* The registry's record of glyph face `face`, or NULL. */
static const struct gl_dyn *dyn_record(gl_facetab *t, int face)
{
	const struct gl_dyn *d = NULL;

	pthread_mutex_lock(&t->mu);
	if (face >= GALLEY_NFACES && face - GALLEY_NFACES < t->n)
		d = &t->dyn[face - GALLEY_NFACES];
	pthread_mutex_unlock(&t->mu);
	return d;
}

void gl_fonts_extents(const gl_fonts *f, int face, double *ascent, double *descent)
{
	const struct gl_dyn *d;

	if (face < GALLEY_NFACES) {
		*ascent = f->faces[face].ascent;
		*descent = f->faces[face].descent;
	} else if ((d = dyn_record(f->tab, face)) != NULL) {
		*ascent = d->ascent;
		*descent = d->descent;
	} else {
		*ascent = f->faces[GALLEY_FACE_REGULAR].ascent;
		*descent = f->faces[GALLEY_FACE_REGULAR].descent;
	}
}

void gl_fonts_strike(const gl_fonts *f, int face, double *middle, double *thickness)
{
	const struct gl_dyn *d;

	if (face >= GALLEY_NFACES && (d = dyn_record(f->tab, face)) != NULL) {
		*middle = d->x_height / 2;
		*thickness = d->strike;
		return;
	}
	if (face >= GALLEY_NFACES)
		face = GALLEY_FACE_REGULAR;
	*middle = f->faces[face].x_height / 2;
	*thickness = f->faces[face].strike;
}

const char *gl_fonts_path(const gl_fonts *f, int face)
{
	const struct gl_dyn *d;

	if (face >= 0 && face < GALLEY_NFACES)
		return f->faces[face].path;
	d = face >= GALLEY_NFACES ? dyn_record(f->tab, face) : NULL;
	return d ? d->path : NULL;
}

unsigned gl_fonts_index(const gl_fonts *f, int face)
{
	const struct gl_dyn *d = face >= GALLEY_NFACES ? dyn_record(f->tab, face) : NULL;

	return d ? d->index : 0;
}

int gl_fonts_nfaces(const gl_fonts *f)
{
	int n;

	pthread_mutex_lock(&f->tab->mu);
	n = GALLEY_NFACES + f->tab->n;
	pthread_mutex_unlock(&f->tab->mu);
	return n;
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

/* ---- glyph faces: installed faces found through fontconfig --------------- */

/* Families tried first for a script, ahead of fontconfig's generic serif,
 * sans-serif or monospace: the Noto faces `make deps` installs, which
 * fontconfig's own configuration does not always rank first (it prefers
 * DejaVu Sans for Arabic in a serif text).  The name is completed as
 * "Noto Serif NAME" or "Noto Sans NAME". */
static const struct gl_script_family {
	hb_script_t script;
	const char *name;
} script_families[] = {
	{HB_SCRIPT_ARABIC, "Arabic"}, {HB_SCRIPT_HEBREW, "Hebrew"},
	{HB_SCRIPT_DEVANAGARI, "Devanagari"}, {HB_SCRIPT_BENGALI, "Bengali"},
	{HB_SCRIPT_GURMUKHI, "Gurmukhi"}, {HB_SCRIPT_GUJARATI, "Gujarati"},
	{HB_SCRIPT_TAMIL, "Tamil"}, {HB_SCRIPT_TELUGU, "Telugu"},
	{HB_SCRIPT_KANNADA, "Kannada"}, {HB_SCRIPT_MALAYALAM, "Malayalam"},
	{HB_SCRIPT_SINHALA, "Sinhala"}, {HB_SCRIPT_THAI, "Thai"}, {HB_SCRIPT_LAO, "Lao"},
	{HB_SCRIPT_KHMER, "Khmer"}, {HB_SCRIPT_MYANMAR, "Myanmar"},
	{HB_SCRIPT_GEORGIAN, "Georgian"}, {HB_SCRIPT_ARMENIAN, "Armenian"},
	{HB_SCRIPT_ETHIOPIC, "Ethiopic"},
};

/* Faces for symbols and emoji (script Common), best first: Symbola draws
 * emoji in outline, which a PDF can show (colour emoji fonts hold bitmaps
 * or colour layers that it cannot). */
static const char *const symbol_families[] = {"Symbola", "Noto Sans Symbols2", "Noto Sans Symbols", "DejaVu Sans"};

static bool is_cjk_script(hb_script_t s)
{
	return s == HB_SCRIPT_HAN || s == HB_SCRIPT_HIRAGANA || s == HB_SCRIPT_KATAKANA ||
	       s == HB_SCRIPT_HANGUL || s == HB_SCRIPT_BOPOMOFO;
}

static bool is_common(hb_script_t s)
{
	return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
}

/* Pictographs and symbols: looked up in the symbol faces whatever
 * script surrounds them. */
static bool is_symbol(uint32_t c)
{
	return (c >= 0x1F000 && c <= 0x1FBFF) || (c >= 0x2600 && c <= 0x27BF) || (c >= 0x2B00 && c <= 0x2BFF);
}

/* Private-use characters mean what one font says: another face's glyph
 * for one would be a wrong character, not a substitute. */
static bool is_private(uint32_t c)
{
	return (c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000;
}

/* Characters with no ink that belong to the character before them
 * (joiners, variation selectors). */
static bool is_ignorable(uint32_t c)
{
	return c == 0x200C || c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
}

static uint8_t style_of(const gl_fonts *f, int face)
{
	uint8_t st = 0;

	switch (face) {
	case GALLEY_FACE_ITALIC: st = f->style | GL_STYLE_ITALIC; break;
	case GALLEY_FACE_BOLD: st = f->style | GL_STYLE_BOLD; break;
	case GALLEY_FACE_BOLDITALIC: st = f->style | GL_STYLE_BOLD | GL_STYLE_ITALIC; break;
	case GALLEY_FACE_MONO: st = GL_STYLE_MONO; break;
	case GALLEY_FACE_MONOBOLD: st = GL_STYLE_MONO | GL_STYLE_BOLD; break;
	case GALLEY_FACE_FALLBACK: st = GL_STYLE_SANS; break;
	default: st = f->style; break;
	}
	return st;
}

/* fontconfig's ranking of the installed faces for (script, style, lang):
 * the pattern names the preferred families (strongest first), the
 * generic family, the weight, the slant and, for Han, the language.
 * Called with t->mu held; NULL when memory runs out. */
static gl_rank *rank_for(gl_facetab *t, hb_script_t script, uint8_t style, uint8_t lang)
{
	static const char *const cjk_region[] = {"JP", "JP", "KR", "SC", "TC"};
	static const char *const cjk_lang[] = {"ja", "ja", "ko", "zh-cn", "zh-tw"};
	FcPattern *pat = NULL;
	FcLangSet *ls = NULL;
	FcResult res;
	gl_rank *r;
	char name[64];
	bool serif = !(style & (GL_STYLE_SANS | GL_STYLE_MONO));

	for (size_t i = 0; i < t->nranks; i++)
		if (t->ranks[i].script == script && t->ranks[i].style == style && t->ranks[i].lang == lang)
			return &t->ranks[i];
	if (galley_vec_reserve((void **)&t->ranks, &t->cranks, t->nranks + 1, sizeof *t->ranks) < 0)
		return NULL;
	r = &t->ranks[t->nranks];
	memset(r, 0, sizeof *r);
	r->script = script;
	r->style = style;
	r->lang = lang;
	if (t->fc == NULL || (pat = FcPatternCreate()) == NULL) {
		t->nranks++;
		return r;
	}
	if (is_cjk_script(script)) {
		snprintf(name, sizeof name, "%s CJK %s", style & GL_STYLE_MONO ? "Noto Sans Mono" :
		         serif ? "Noto Serif" : "Noto Sans", cjk_region[lang]);
		FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)name);
		if ((ls = FcLangSetCreate()) != NULL) {
			FcLangSetAdd(ls, (const FcChar8 *)cjk_lang[lang]);
			FcPatternAddLangSet(pat, FC_LANG, ls);
			FcLangSetDestroy(ls);
		}
	} else if (is_common(script)) {
		for (size_t i = 0; i < sizeof symbol_families / sizeof *symbol_families; i++)
			FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)symbol_families[i]);
	} else {
		for (size_t i = 0; i < sizeof script_families / sizeof *script_families; i++) {
			if (script_families[i].script != script)
				continue;
			if (script == HB_SCRIPT_ARABIC && serif)
				snprintf(name, sizeof name, "Noto Naskh Arabic");
			else
				snprintf(name, sizeof name, "Noto %s %s", serif ? "Serif" : "Sans", script_families[i].name);
			FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)name);
			if (serif) {
				snprintf(name, sizeof name, "Noto Sans %s", script_families[i].name);
				FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)name);
			}
		}
	}
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)(style & GL_STYLE_MONO ? "monospace" :
	                                                      serif ? "serif" : "sans-serif"));
	FcPatternAddInteger(pat, FC_WEIGHT, style & GL_STYLE_BOLD ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
	FcPatternAddInteger(pat, FC_SLANT, style & GL_STYLE_ITALIC ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
	FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
	FcPatternAddBool(pat, FC_OUTLINE, FcTrue);
	FcConfigSubstitute(t->fc, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	r->set = FcFontSort(t->fc, pat, FcTrue, NULL, &res);
	FcPatternDestroy(pat);
	if (r->set && r->set->nfont > 0) {
		r->face = calloc((size_t)r->set->nfont, sizeof *r->face);
		if (!r->face) {
			FcFontSetDestroy(r->set);
			r->set = NULL;
		}
	}
	t->nranks++;
	return r;
}

/* The id of the glyph face for (path, index), registered when new (its
 * file checked and its metrics read).  Called with t->mu held; -1 when
 * the file is not a font galley can embed or the table is full. */
static int register_face(gl_facetab *t, const char *path, unsigned index)
{
	galley_error e = GALLEY_ERROR_INIT;
	gl_face probe;
	struct gl_dyn *d;

	for (int i = 0; i < t->n; i++)
		if (t->dyn[i].index == index && strcmp(t->dyn[i].path, path) == 0)
			return GALLEY_NFACES + i;
	if (GALLEY_NFACES + t->n >= GALLEY_MAX_FACES)
		return -1;
	memset(&probe, 0, sizeof probe);
	if (open_face(&probe, path, index, &e) < 0) {
		face_dispose(&probe);
		return -1;
	}
	d = &t->dyn[t->n];
	d->path = probe.path;
	probe.path = NULL;
	d->index = index;
	d->ascent = probe.ascent;
	d->descent = probe.descent;
	d->x_height = probe.x_height;
	d->strike = probe.strike;
	face_dispose(&probe);
	return GALLEY_NFACES + t->n++;
}

/* This thread's copy of glyph face `id`, opened when first asked; NULL
 * when it cannot be. */
static gl_face *dyn_face(gl_fonts *f, int id)
{
	gl_face **slot = &f->dyn[id - GALLEY_NFACES];
	galley_error e = GALLEY_ERROR_INIT;
	const struct gl_dyn *d;

	if (*slot)
		return *slot;
	if ((d = dyn_record(f->tab, id)) == NULL || (*slot = calloc(1, sizeof **slot)) == NULL)
		return NULL;
	if (open_face(*slot, d->path, d->index, &e) < 0) {
		face_dispose(*slot);
		free(*slot);
		*slot = NULL;
	}
	return *slot;
}

/* Whether glyph face `id` draws c (this thread's copy). */
static bool dyn_has(gl_fonts *f, int id, uint32_t c)
{
	gl_face *fc = dyn_face(f, id);
	hb_codepoint_t gid = 0;

	return fc && hb_font_get_nominal_glyph(fc->hb, c, &gid) && gid != 0;
}

/* The glyph face that draws c for text of `script` set in bundled face
 * `prim`: the first of fontconfig's ranked faces (rank_for) that has it.
 * -1 when none has.  The answer depends only on (c, script, style, lang),
 * so that every thread gives the same. */
static int find_dyn(gl_fonts *f, int prim, uint32_t c, hb_script_t script, gl_lang lang)
{
	gl_facetab *t = f->tab;
	uint8_t style = style_of(f, prim);
	gl_rank *r;
	int found = -1;

	if (!is_cjk_script(script))
		lang = GL_LANG_NONE;
	pthread_mutex_lock(&t->mu);
	if (t->fc_state == 0) {
		galley_error e = GALLEY_ERROR_INIT;
		t->fc_state = -1;
		/* fontconfig's own configuration, loaded once for the process
		 * (the font cache read, a few milliseconds) and kept by it */
		if (galley_fc_ready(&e) == 0 && (t->fc = FcConfigReference(NULL)) != NULL)
			t->fc_state = 1;
	}
	r = t->fc_state > 0 ? rank_for(t, script, style, (uint8_t)lang) : NULL;
	for (int i = 0; r && r->set && i < r->set->nfont && found < 0; i++) {
		FcPattern *p = r->set->fonts[i];
		FcCharSet *cs = NULL;
		FcChar8 *file = NULL;
		int index = 0;

		if (r->face[i] < 0 || FcPatternGetCharSet(p, FC_CHARSET, 0, &cs) != FcResultMatch ||
		    !FcCharSetHasChar(cs, c))
			continue;
		if (r->face[i] == 0) {
			if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch)
				r->face[i] = -1;
			else {
				FcPatternGetInteger(p, FC_INDEX, 0, &index);
				r->face[i] = (int16_t)register_face(t, (const char *)file, (unsigned)index);
			}
		}
		if (r->face[i] > 0)
			found = r->face[i];
	}
	pthread_mutex_unlock(&t->mu);
	if (found >= 0 && !dyn_has(f, found, c))
		found = -1;
	return found;
}

/* Shapes characters [a, b) of the word s (source offsets at[], one script
 * `script`) in glyph face fc into clusters appended to w: returns the
 * number of clusters, -1 when memory runs out.  Glyphs go to *gl (grown). */
static int shape_dyn(gl_fonts *f, gl_face *fc, const char *s, size_t len, size_t from, size_t to,
                     hb_script_t script, galley_dl_glyph **gl, size_t *ngl, size_t *cgl,
                     uint32_t *cl_byte, int32_t *cl_adv, uint8_t *cl_rtl, uint32_t first_cluster)
{
	hb_direction_t dir = hb_script_get_horizontal_direction(script);
	unsigned int ng;
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;
	uint32_t ncl = 0;
	bool rtl;

	if (dir != HB_DIRECTION_RTL)
		dir = HB_DIRECTION_LTR;
	rtl = dir == HB_DIRECTION_RTL;
	hb_buffer_clear_contents(f->buf);
	/* the whole word as context, so that a letter joins across a cut */
	hb_buffer_add_utf8(f->buf, s, (int)len, (unsigned)from, (int)(to - from));
	hb_buffer_set_direction(f->buf, dir);
	hb_buffer_set_script(f->buf, script);
	if (f->lang_tag[0])
		hb_buffer_set_language(f->buf, hb_language_from_string(f->lang_tag, -1));
	hb_shape(fc->hb, f->buf, NULL, 0);
	info = hb_buffer_get_glyph_infos(f->buf, &ng);
	pos = hb_buffer_get_glyph_positions(f->buf, &ng);
	/* the clusters' starts, in logical order: ascending offsets */
	for (unsigned k = 0; k < ng; k++) {
		uint32_t v = info[rtl ? ng - 1 - k : k].cluster;
		if (ncl == 0 || v > cl_byte[ncl - 1])
			cl_byte[ncl++] = v;
	}
	if (ncl == 0 || cl_byte[0] != from) {
		/* HarfBuzz gives the first character a cluster; be safe */
		if (ncl == 0)
			cl_byte[ncl++] = (uint32_t)from;
		else
			cl_byte[0] = (uint32_t)from;
	}
	for (uint32_t i = 0; i < ncl; i++) {
		cl_adv[i] = 0;
		cl_rtl[i] = rtl;
	}
	if (galley_vec_reserve((void **)gl, cgl, *ngl + ng, sizeof **gl) < 0)
		return -1;
	{
		/* each glyph's cluster (binary search), and its offset from the
		 * cluster's visual left edge */
		uint32_t cur = UINT32_MAX;
		double pen = 0;
		for (unsigned k = 0; k < ng; k++) {
			uint32_t lo = 0, hi = ncl;
			galley_dl_glyph *g = &(*gl)[(*ngl)++];
			while (hi - lo > 1) {
				uint32_t mid = (lo + hi) / 2;
				if (cl_byte[mid] <= info[k].cluster)
					lo = mid;
				else
					hi = mid;
			}
			if (lo != cur) {
				cur = lo;
				pen = 0;
			}
			g->id = info[k].codepoint;
			g->cluster = first_cluster + lo;
			g->dx = (float)((pen + pos[k].x_offset) * 1000.0 / fc->upem);
			g->dy = (float)(pos[k].y_offset * 1000.0 / fc->upem);
			pen += pos[k].x_advance;
			cl_adv[lo] += pos[k].x_advance;
		}
	}
	for (uint32_t i = 0; i < ncl; i++)
		cl_adv[i] = (int32_t)lround(cl_adv[i] * 1000.0 / fc->upem);
	return (int)ncl;
}

/* Han, kana and hangul of one word choose the language of the Han faces:
 * kana is Japanese, hangul Korean; else the article's language, and
 * simplified Chinese when it names none of the three. */
static gl_lang word_lang(const gl_fonts *f, const hb_script_t *sc, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (sc[k] == HB_SCRIPT_HIRAGANA || sc[k] == HB_SCRIPT_KATAKANA)
			return GL_LANG_JA;
		if (sc[k] == HB_SCRIPT_HANGUL)
			return GL_LANG_KO;
	}
	return f->lang_han != GL_LANG_NONE ? f->lang_han : GL_LANG_ZH_HANS;
}

/* Scripts whose missing letters the bundled fallback face may draw (it
 * draws them by code point, without shaping, as these need none). */
static bool fallback_script(hb_script_t s)
{
	return is_common(s) || s == HB_SCRIPT_LATIN || s == HB_SCRIPT_GREEK || s == HB_SCRIPT_CYRILLIC;
}

/* Per-character working arrays of measure(). */
typedef struct gl_chars {
	uint32_t *cp;        /* code points */
	uint32_t *at;        /* source offsets, n + 1 */
	hb_script_t *raw;    /* Unicode's script */
	hb_script_t *sc;     /* the script it is shaped in: Common and
	                        Inherited take their neighbours' */
	int16_t *which;      /* face */
	int32_t *w;          /* advance of a bundled face's character, 1/1000 em */
	uint32_t *cl_byte;   /* clusters of one shaped stretch */
	int32_t *cl_adv;
	uint8_t *cl_rtl;
	bool heap;           /* the first six arrays are malloc'ed */
} gl_chars;

/* Characters of a word whose working arrays live on the stack: most
 * words, so that measuring allocates nothing but what it keeps. */
#define GL_STACK_CHARS 48

typedef struct gl_chars_stack {
	uint32_t cp[GL_STACK_CHARS + 1], at[GL_STACK_CHARS + 1];
	hb_script_t raw[GL_STACK_CHARS + 1], sc[GL_STACK_CHARS + 1];
	int16_t which[GL_STACK_CHARS + 1];
	int32_t w[GL_STACK_CHARS + 1];
} gl_chars_stack;

static void chars_free(gl_chars *ch)
{
	if (ch->heap) {
		free(ch->cp);
		free(ch->at);
		free(ch->raw);
		free(ch->sc);
		free(ch->which);
		free(ch->w);
	}
	free(ch->cl_byte);
	free(ch->cl_adv);
	free(ch->cl_rtl);
}

static hb_script_t script_of(hb_unicode_funcs_t *uf, uint32_t c)
{
	return c < 0x80 ? HB_SCRIPT_COMMON : hb_unicode_script(uf, c);
}

/* Every character's script (ch->raw) and the script it is shaped in
 * (ch->sc): Common and Inherited characters take the script before
 * them, or at the word's start the one after.  Asked only of a word with
 * a character the bundled faces lack. */
static void resolve_scripts(gl_chars *ch, hb_unicode_funcs_t *uf, size_t n)
{
	for (size_t k = 0; k < n; k++)
		ch->sc[k] = ch->raw[k] = script_of(uf, ch->cp[k]);
	for (size_t k = 1; k < n; k++)
		if (is_common(ch->sc[k]) && !is_common(ch->sc[k - 1]))
			ch->sc[k] = ch->sc[k - 1];
	for (size_t k = n; k-- > 1;)
		if (is_common(ch->sc[k - 1]) && !is_common(ch->sc[k]))
			ch->sc[k - 1] = ch->sc[k];
}

static gl_entry *measure(gl_fonts *f, int face, const char *s, size_t len, uint32_t hash)
{
	gl_entry *e = gl_arena_alloc(&f->arena, sizeof *e);
	size_t n = 0, i = 0, outlen = 0, ne = 0;
	char *text;
	gl_glyph *g;
	uint32_t *bytepos = NULL;
	int32_t *kern = NULL;
	bool one_face = true, any_sub = false, any_dyn = false;
	gl_face *prim = &f->faces[face];
	gl_face *fb = &f->faces[GALLEY_FACE_FALLBACK];
	hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
	gl_chars ch;
	gl_chars_stack stack;
	galley_dl_glyph *gl = NULL;
	size_t ngl = 0, cgl = 0;
	uint8_t *rtl = NULL;
	gl_lang lang = GL_LANG_NONE;
	gl_entry *ret = NULL;

	memset(&ch, 0, sizeof ch);
	if (!e)
		return NULL;
	/* the arrays are sized for len characters, the most len bytes hold,
	 * so that the text is decoded once */
	if (len <= GL_STACK_CHARS) {
		ch.cp = stack.cp;
		ch.at = stack.at;
		ch.raw = stack.raw;
		ch.sc = stack.sc;
		ch.which = stack.which;
		ch.w = stack.w;
	} else {
		ch.heap = true;
		ch.cp = malloc((len + 1) * sizeof *ch.cp);
		ch.at = malloc((len + 1) * sizeof *ch.at);
		ch.raw = malloc((len + 1) * sizeof *ch.raw);
		ch.sc = malloc((len + 1) * sizeof *ch.sc);
		ch.which = malloc((len + 1) * sizeof *ch.which);
		ch.w = malloc((len + 1) * sizeof *ch.w);
		if (!ch.cp || !ch.at || !ch.raw || !ch.sc || !ch.which || !ch.w)
			goto cleanup;
	}
	while (i < len) {
		ch.at[n] = (uint32_t)i;
		ch.cp[n] = galley_utf8_next(s, len, &i);
		if (ch.cp[n] == '\t' || ch.cp[n] == '\n' || ch.cp[n] == '\r')
			ch.cp[n] = ' ';
		n++;
	}
	ch.at[n] = (uint32_t)len;
	/* a substitute takes at most 3 bytes, like any BMP character, and a
	 * shaped character keeps its own bytes */
	text = gl_arena_alloc(&f->arena, len + 3 * n + 1);
	g = gl_arena_alloc(&f->arena, (n + 1) * sizeof *g);
	if (!text || !g)
		goto cleanup;

	/* the face of each character */
	for (size_t k = 0; k < n; k++) {
		uint32_t c = ch.cp[k];
		int32_t w = -1;
		int which = face;

		bool after_dyn = k > 0 && ch.which[k - 1] >= GALLEY_NFACES;
		/* the script is asked only of what the text face lacks */
		hb_script_t raw = after_dyn ? script_of(uf, c) : HB_SCRIPT_INVALID;

		/* marks, joiners and the punctuation of a script stay in the
		 * glyph face of the letter before them */
		if (after_dyn &&
		    (raw == HB_SCRIPT_INHERITED || is_ignorable(c) ||
		     (is_common(raw) && !is_symbol(c) && (c > 0xFFFF || face_advance(prim, c) < 0))) &&
		    dyn_has(f, ch.which[k - 1], c)) {
			ch.which[k] = ch.which[k - 1];
			ch.w[k] = 0;
			any_dyn = true;
			continue;
		}
		if (c <= 0xFFFF && c >= 0x20) {
			w = face_advance(prim, c);
			if (w < 0 && raw == HB_SCRIPT_INVALID)
				raw = script_of(uf, c);
			if (w < 0 && face != GALLEY_FACE_FALLBACK && fallback_script(raw)) {
				w = face_advance(fb, c);
				which = GALLEY_FACE_FALLBACK;
			}
		}
		if (w < 0 && c >= 0x20 && !is_private(c)) {
			if (lang == GL_LANG_NONE) {
				resolve_scripts(&ch, uf, n);
				lang = word_lang(f, ch.raw, n);
			}
			which = find_dyn(f, face, c, is_symbol(c) ? HB_SCRIPT_COMMON : ch.sc[k], lang);
			if (which >= GALLEY_NFACES) {
				ch.which[k] = (int16_t)which;
				ch.w[k] = 0;
				any_dyn = true;
				continue;
			}
		}
		if (w < 0) {
			if (!any_sub) {
				e->word.first_bad = ch.at[k];
				e->word.bad_cp = c;
			}
			any_sub = true;
			c = 0xFFFD;
			which = GALLEY_FACE_FALLBACK;
			w = face_advance(fb, c);
			if (w < 0) {
				c = '?';
				which = face;
				w = face_advance(prim, c);
				if (w < 0)
					w = 500;
			}
			ch.cp[k] = c;
		}
		ch.which[k] = (int16_t)which;
		ch.w[k] = w;
	}
	if (any_dyn) {
		ch.cl_byte = malloc((n + 1) * sizeof *ch.cl_byte);
		ch.cl_adv = malloc((n + 1) * sizeof *ch.cl_adv);
		ch.cl_rtl = malloc(n + 1);
		rtl = gl_arena_alloc(&f->arena, n + 1);
		if (!ch.cl_byte || !ch.cl_adv || !ch.cl_rtl || !rtl)
			goto cleanup;
	}

	/* the word's characters, or clusters where a glyph face draws */
	for (size_t k = 0; k < n;) {
		if (ch.which[k] < GALLEY_NFACES) {
			if (ch.which[k] != face)
				one_face = false;
			g[ne].byte = (uint32_t)outlen;
			g[ne].src = ch.at[k];
			g[ne].adv = ch.w[k];
			g[ne].face = (uint8_t)ch.which[k];
			if (rtl)
				rtl[ne] = 0;
			ne++;
			outlen += galley_utf8_encode(ch.cp[k], text + outlen);
			k++;
			continue;
		}
		one_face = false;
		{
			/* a stretch in one glyph face and one script, shaped */
			size_t q = k + 1;
			gl_face *fc = dyn_face(f, ch.which[k]);
			int ncl;
			while (q < n && ch.which[q] == ch.which[k] && ch.sc[q] == ch.sc[k])
				q++;
			if (!fc)
				goto cleanup;
			ncl = shape_dyn(f, fc, s, len, ch.at[k], ch.at[q], ch.sc[k], &gl, &ngl, &cgl,
			                ch.cl_byte, ch.cl_adv, ch.cl_rtl, (uint32_t)ne);
			if (ncl < 0)
				goto cleanup;
			for (int c = 0; c < ncl; c++) {
				g[ne].byte = (uint32_t)(outlen + ch.cl_byte[c] - ch.at[k]);
				g[ne].src = ch.cl_byte[c];
				g[ne].adv = ch.cl_adv[c];
				g[ne].face = (uint8_t)ch.which[k];
				rtl[ne] = ch.cl_rtl[c];
				ne++;
			}
			memcpy(text + outlen, s + ch.at[k], ch.at[q] - ch.at[k]);
			outlen += ch.at[q] - ch.at[k];
			k = q;
		}
	}
	g[ne].byte = (uint32_t)outlen;
	g[ne].src = (uint32_t)len;
	g[ne].face = (uint8_t)face;

	/* Kerning: only for proportional faces, only within one face. */
	if (face != GALLEY_FACE_MONO && face != GALLEY_FACE_MONOBOLD && ne > 1 &&
	    one_face && !any_sub && outlen <= GL_SHAPE_MAX_BYTES) {
		bytepos = malloc(ne * sizeof *bytepos);
		kern = calloc(ne, sizeof *kern);
		if (bytepos && kern) {
			for (size_t k = 0; k < ne; k++)
				bytepos[k] = g[k].byte;
			shape_kerning(f, prim, text, outlen, bytepos, ne, kern);
		}
	}
	{
		double x = 0;
		for (size_t k = 0; k < ne; k++) {
			g[k].x = (float)x;
			x += g[k].adv;
			if (kern && k + 1 < ne)
				x += kern[k] * 1000.0 / prim->upem;
		}
		g[ne].x = (float)x;
	}
	if (any_dyn) {
		galley_dl_shaped *sh = gl_arena_alloc(&f->arena, sizeof *sh);
		uint32_t *byte = gl_arena_alloc(&f->arena, (ne + 1) * sizeof *byte);
		float *x = gl_arena_alloc(&f->arena, (ne + 1) * sizeof *x);
		galley_dl_glyph *glyphs = gl_arena_alloc(&f->arena, (ngl ? ngl : 1) * sizeof *glyphs);
		if (!sh || !byte || !x || !glyphs)
			goto cleanup;
		for (size_t k = 0; k <= ne; k++) {
			byte[k] = g[k].byte;
			x[k] = g[k].x;
		}
		if (ngl)
			memcpy(glyphs, gl, ngl * sizeof *glyphs);
		sh->text = text;
		sh->n = (uint32_t)ne;
		sh->byte = byte;
		sh->x = x;
		sh->rtl = rtl;
		sh->glyphs = glyphs;
		sh->nglyphs = (uint32_t)ngl;
		e->word.shaped = sh;
	}
	e->hash = hash;
	e->face = (uint8_t)face;
	e->lang = (uint8_t)f->lang_han;
	e->key = gl_arena_strndup(&f->arena, s, len);
	e->keylen = (uint32_t)len;
	e->word.text = text;
	e->word.len = (uint32_t)outlen;
	e->word.n = (uint32_t)ne;
	e->word.g = g;
	e->word.substituted = any_sub;
	if (e->key)
		ret = e;
cleanup:
	free(bytepos);
	free(kern);
	free(gl);
	chars_free(&ch);
	return ret;
}

const gl_word *gl_fonts_word(gl_fonts *f, int face, const char *s, size_t len)
{
	uint32_t h = hash_key(face | (int)f->lang_han << 8, s, len);
	gl_entry *e;

	if (f->tcap) {
		for (size_t j = h & (f->tcap - 1); f->table[j]; j = (j + 1) & (f->tcap - 1)) {
			e = f->table[j];
			if (e->hash == h && e->face == face && e->lang == f->lang_han && e->keylen == len &&
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
