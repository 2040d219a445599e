/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * pdf.c: a layout's display list painted into PDF 1.x with libharu.
 *
 * This file only paints: every position, every word and every line break
 * was decided by the typesetter.  libharu's quirks (docs/LIBRARIES.md) are
 * handled here: errors are sticky, so a handler records the first one
 * into the writer's context (never longjmp) and every call's status is
 * checked; libharu has no TJ, so the runs of each baseline are written as
 * ONE TJ operator straight into the page's content stream (see
 * paint_text), in one text object per page, setting the font and colour
 * only when they change; PNG, GIF and WebP images arrive decoded (raw
 * pixels plus an optional soft mask) and JPEG passes through (a CMYK JPEG
 * with the /Decode its Adobe marker calls for); an SVG is drawn by
 * librsvg into pixels at GP_SVG_DPI at the size it is placed at
 * (base/svg.h), once per size, with its transparency as a soft mask.
 *
 * Fonts: libharu's own TrueType fonts cost most of a short document's
 * time (HPDF_GetFont maps all 65,536 BMP code points through each face's
 * cmap).  So each face that draws something is built here with libharu's
 * object API (font.c): a Type0 font over a HarfBuzz subset holding only
 * the characters the display list draws in it (subset.c), registered in
 * one /Font resource dictionary that every page with text shares; a face
 * HarfBuzz cannot subset is embedded whole the same way.
 *
 * Compression: the fonts' streams and the page contents (taken out of
 * libharu once painted) are deflated on worker threads (deflate.c), the
 * fonts with the first batch of pages; libharu deflates only images and
 * metadata while saving.
 *
 * Destinations are created for every page before any content, so that
 * links and outline entries can point forwards.  No PDF/A (its /ID comes
 * from the clock): same layout, same bytes.  galley_pdf_write lets libharu
 * write the file itself, without a copy of the whole PDF in memory.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/svg.h"

#include "pdf/hpdf_api.h"

#include "galley/pdf.h"
#include "base/file.h"
#include "model/options.h"
#include "pdf/deflate.h"
#include "pdf/font.h"
#include "pdf/subset.h"
#include "typeset/display.h"
#include "base/utf8.h"
#include "base/vec.h"

/* Deepest outline nesting: sections (0), articles and heading levels 1..6. */
#define GP_OUTLINE_DEPTH 8

typedef struct gp_dest {
	const char *name;
	HPDF_Destination dst;
} gp_dest;

/* One TJ operator being built (see paint_text). */
typedef struct gp_tj {
	char *buf;
	size_t len, cap;  /* bytes */
	bool open;        /* "[" written, "] TJ" not yet */
	bool str;         /* inside a "(...)" string */
} gp_tj;

/* SVG images are drawn at this many pixels per inch of their placed size:
 * print resolution, so that lines and text in diagrams stay sharp. */
#define GP_SVG_DPI 300.0
/* At most this many pixels for one drawn SVG (as for the reader's images,
 * GALLEY_READ_MAX_IMAGE_PIXELS: some 200 MB while drawing); a larger
 * placement (a poster-sized page) is drawn at a lower resolution. */
#define GP_SVG_MAX_PIXELS 50000000.0

/* An SVG drawn at one size. */
typedef struct gp_svg {
	const galley_asset *asset;
	uint32_t w, h;           /* pixels */
	HPDF_Image img;
} gp_svg;

typedef struct gp_ctx {
	HPDF_Doc pdf;
	HPDF_STATUS status;      /* first libharu error, 0 if none */
	HPDF_STATUS detail;
	gp_font fonts[GALLEY_MAX_FACES]; /* fonts[f].dict is NULL until made */
	gp_coverage *cov[GALLEY_NFACES]; /* characters drawn per bundled face; NULL: none */
	/* glyph faces (typeset/display.h): the glyphs drawn, the face to map
	 * the characters of runs made without glyphs, its space glyph and
	 * the number in its resource name (by file, so that the names do not
	 * depend on the order the typesetter's threads met the faces) */
	gp_glyphset *gcov[GALLEY_MAX_FACES];
	hb_font_t *ghb[GALLEY_MAX_FACES];
	uint32_t gspace[GALLEY_MAX_FACES];
	int gkey[GALLEY_MAX_FACES];
	HPDF_Dict font_res;      /* the /Font resources all pages share; NULL without text */
	HPDF_Image *images;      /* by asset index */
	size_t nimages;
	gp_svg *svgs;            /* SVGs drawn, by asset and size */
	size_t nsvgs, csvgs;
	gp_dest *dests;
	size_t ndests;
	HPDF_Page *pages;
	size_t npages;
	HPDF_Destination *page_dst;
	gp_tj tj;
	/* Streams galley deflates itself (NULL when nothing is compressed):
	 * the fonts' first, then one per page; raw, then deflated, bytes and
	 * the stream object that is to hold them. */
	gp_blob *blobs;
	HPDF_Dict *owners;
	size_t nfont_blobs;
} gp_ctx;

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
	gp_ctx *c = user_data;

	if (c->status == 0) {
		c->status = error_no;
		c->detail = detail_no;
	}
}

static int fail(gp_ctx *c, galley_error *err, const char *what)
{
	return galley_error_set(err, GALLEY_EPDF, NULL, "libharu failed while %s (error 0x%04X, detail %u)",
	                        what, (unsigned)c->status, (unsigned)c->detail);
}

/* True when the last call succeeded. */
#define GP_OK(c, st) ((st) == HPDF_OK && (c)->status == 0)

/* The clusters [*c0, *c1) of t->shaped that run t draws; false when its
 * text does not start and end at cluster boundaries of the word. */
static bool run_clusters(const galley_dl_text *t, uint32_t *c0, uint32_t *c1)
{
	const galley_dl_shaped *sh = t->shaped;
	uint32_t from, to, lo = 0, hi;

	if (t->text < sh->text)
		return false;
	from = (uint32_t)(t->text - sh->text);
	to = from + t->len;
	for (hi = sh->n + 1; hi - lo > 1;) {
		uint32_t mid = (lo + hi) / 2;
		if (sh->byte[mid] <= from)
			lo = mid;
		else
			hi = mid;
	}
	if (sh->byte[lo] != from)
		return false;
	*c0 = lo;
	for (hi = lo; hi < sh->n && sh->byte[hi] < to; hi++)
		;
	if (sh->byte[hi] != to)
		return false;
	*c1 = hi;
	return true;
}

/* Glyph face `face` opened with HarfBuzz: its cmap draws the runs that
 * carry no glyphs, and gives its space glyph.  NULL when it cannot be
 * read. */
static hb_font_t *glyph_face(gp_ctx *c, const galley_layout *L, int face)
{
	const char *path;
	hb_blob_t *blob;
	hb_face_t *hf;

	if (c->ghb[face])
		return c->ghb[face];
	path = galley_layout_face_path(L, face);
	if (!path || (blob = hb_blob_create_from_file_or_fail(path)) == NULL)
		return NULL;
	hf = hb_face_create(blob, galley_layout_face_index(L, face));
	hb_blob_destroy(blob);
	c->ghb[face] = hb_font_create(hf);
	hb_face_destroy(hf);
	if (c->ghb[face] == hb_font_get_empty())
		c->ghb[face] = NULL;
	return c->ghb[face];
}

/* The text glyph g of a shaped word stands for, into out (GP_SEQ_MAX):
 * its count.  A cluster of as many glyphs as characters gives each glyph
 * one (in logical order: a right-to-left cluster's glyphs are in visual
 * order); otherwise its first glyph in logical order stands for all of
 * them (a ligature, a conjunct) and the others for none. */
static size_t glyph_text(const galley_dl_shaped *sh, uint32_t g, uint32_t *out)
{
	uint32_t k = sh->glyphs[g].cluster, g0 = g, g1 = g + 1;
	uint32_t chars[GP_SEQ_MAX];
	size_t n = 0, i = sh->byte[k], first;

	while (g0 > 0 && sh->glyphs[g0 - 1].cluster == k)
		g0--;
	while (g1 < sh->nglyphs && sh->glyphs[g1].cluster == k)
		g1++;
	while (i < sh->byte[k + 1] && n < GP_SEQ_MAX)
		chars[n++] = galley_utf8_next(sh->text, sh->byte[k + 1], &i);
	if (i < sh->byte[k + 1])
		return 0;  /* longer than a ToUnicode entry keeps */
	if (g1 - g0 == n) {
		out[0] = chars[sh->rtl[k] ? n - 1 - (g - g0) : g - g0];
		return 1;
	}
	first = sh->rtl[k] ? g1 - 1 : g0;
	if (g != first)
		return 0;
	memcpy(out, chars, n * sizeof *out);
	return n;
}

/* Records the glyphs of a run in glyph face t->face. */
static int glyph_coverage(gp_ctx *c, const galley_layout *L, const galley_dl_text *t, galley_error *err)
{
	gp_glyphset *gs = c->gcov[t->face];
	uint32_t c0, c1;

	if (!gs) {
		hb_font_t *hf = glyph_face(c, L, t->face);
		hb_codepoint_t sp = 0;
		if (!hf)
			return galley_error_set(err, GALLEY_EFONT, NULL, "font %s: cannot be read",
			                        galley_layout_face_path(L, t->face));
		gs = c->gcov[t->face] = calloc(1, sizeof *gs);
		if (!gs)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		/* word spaces in TJ, as in the bundled faces */
		if (hb_font_get_nominal_glyph(hf, ' ', &sp) && sp != 0) {
			uint32_t space = ' ';
			if (gp_glyphset_add(gs, sp, &space, 1) < 0)
				return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
			c->gspace[t->face] = sp;
		}
	}
	if (t->shaped && run_clusters(t, &c0, &c1)) {
		const galley_dl_shaped *sh = t->shaped;
		for (uint32_t g = 0; g < sh->nglyphs; g++) {
			uint32_t k = sh->glyphs[g].cluster, text[GP_SEQ_MAX];
			if (k < c0 || k >= c1)
				continue;
			if (gp_glyphset_add(gs, sh->glyphs[g].id, text, glyph_text(sh, g, text)) < 0)
				return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		}
	} else {
		hb_font_t *hf = glyph_face(c, L, t->face);
		for (size_t i = 0; i < t->len;) {
			uint32_t u = galley_utf8_next(t->text, t->len, &i);
			hb_codepoint_t gid = 0;
			if (!hb_font_get_nominal_glyph(hf, u, &gid))
				gid = 0;
			if (gp_glyphset_add(gs, gid, &u, gid ? 1 : 0) < 0)
				return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		}
	}
	return 0;
}

/* Records which characters each face draws, for the subsets. */
static int coverage(gp_ctx *c, const galley_layout *L, galley_error *err)
{
	int nfaces = galley_layout_nfaces(L);

	for (size_t i = 0; i < galley_layout_npages_dl(L); i++) {
		const galley_dl_page *p = galley_layout_page(L, i);
		for (size_t k = 0; k < p->ntexts; k++) {
			const galley_dl_text *t = &p->texts[k];
			int rc;
			if (t->face >= nfaces)
				return galley_error_set(err, GALLEY_EINTERNAL, NULL, "text run with face %d", t->face);
			if (t->face >= GALLEY_NFACES) {
				if ((rc = glyph_coverage(c, L, t, err)) < 0)
					return rc;
				continue;
			}
			if (!c->cov[t->face]) {
				c->cov[t->face] = calloc(1, sizeof *c->cov[t->face]);
				if (!c->cov[t->face])
					return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
			}
			if (c->cov[t->face]->count == 0)
				gp_coverage_add(c->cov[t->face], " ", 1); /* word spaces in TJ */
			gp_coverage_add(c->cov[t->face], t->text, t->len);
		}
	}
	return 0;
}

/* The name of face `face` in the /Font resources: Fn for the bundled
 * faces, Gn for the glyph faces, numbered in the order of their files. */
static void font_key(const gp_ctx *c, char out[16], int face)
{
	if (face < GALLEY_NFACES)
		snprintf(out, 16, "F%d", face);
	else
		snprintf(out, 16, "G%d", c->gkey[face]);
}

/* Orders glyph faces by file and index. */
static int by_file(const galley_layout *L, int a, int b)
{
	int d = strcmp(galley_layout_face_path(L, a), galley_layout_face_path(L, b));

	if (d == 0)
		d = (int)galley_layout_face_index(L, a) - (int)galley_layout_face_index(L, b);
	return d;
}

/* Builds the font of every face that draws something, registers it in
 * the shared /Font resources and queues its streams: into c->blobs when
 * galley deflates (put_streams stores them later), else stored raw now. */
static int make_fonts(gp_ctx *c, const galley_layout *L, bool compress, galley_error *err)
{
	size_t nblobs = 0;
	int order[GALLEY_MAX_FACES], nfaces = galley_layout_nfaces(L), norder = 0;
	int rc;

	/* the bundled faces, then the glyph faces drawn, by file */
	for (int face = 0; face < nfaces; face++) {
		int j = norder++;
		if (face >= GALLEY_NFACES && !c->gcov[face]) {
			norder--;
			continue;
		}
		while (face >= GALLEY_NFACES && j > GALLEY_NFACES && by_file(L, order[j - 1], face) > 0) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = face;
	}
	for (int i = GALLEY_NFACES; i < norder; i++)
		c->gkey[order[i]] = i - GALLEY_NFACES;
	for (int i = 0; i < norder; i++) {
		int face = order[i];
		const char *path;
		char key[16];

		if (face < GALLEY_NFACES && (!c->cov[face] || c->cov[face]->count == 0))
			continue;
		path = galley_layout_face_path(L, face);
		if (!path)
			return galley_error_set(err, GALLEY_EINTERNAL, NULL, "no font file for face %d", face);
		if (!c->font_res) {
			c->font_res = HPDF_Dict_New(c->pdf->mmgr);
			/* HPDF_Xref_Add frees the dictionary when it fails */
			if (!c->font_res || HPDF_Xref_Add(c->pdf->xref, c->font_res) != HPDF_OK) {
				c->font_res = NULL;
				return galley_error_set(err, GALLEY_EPDF, NULL, "libharu failed while making the font resources");
			}
		}
		rc = face < GALLEY_NFACES ? gp_font_make(&c->fonts[face], c->pdf, path, c->cov[face], err)
		                          : gp_font_make_glyphs(&c->fonts[face], c->pdf, path,
		                                                galley_layout_face_index(L, face), c->gcov[face],
		                                                c->gspace[face], err);
		if (rc < 0)
			return rc;
		font_key(c, key, face);
		if (HPDF_Dict_Add(c->font_res, key, c->fonts[face].dict) != HPDF_OK)
			return galley_error_set(err, GALLEY_EPDF, NULL, "libharu failed while adding a font");
		nblobs += c->fonts[face].nstreams;
	}
	if (compress) {
		c->blobs = calloc(nblobs + c->npages + 1, sizeof *c->blobs);
		c->owners = calloc(nblobs + c->npages + 1, sizeof *c->owners);
		if (!c->blobs || !c->owners)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	}
	for (int o = 0; o < norder; o++) {
		gp_font *f = &c->fonts[order[o]];
		for (size_t i = 0; f->dict && i < f->nstreams; i++) {
			if (compress) {
				c->blobs[c->nfont_blobs] = f->raw[i];
				c->owners[c->nfont_blobs] = f->stream[i];
				c->nfont_blobs++;
				f->raw[i].data = NULL;
				f->raw[i].len = 0;
			} else if (HPDF_Stream_Write(f->stream[i]->stream, f->raw[i].data, (HPDF_UINT)f->raw[i].len) != HPDF_OK) {
				return galley_error_set(err, GALLEY_EPDF, NULL, "libharu failed while storing a font");
			}
		}
	}
	return 0;
}

/* Raw samples as an image, with `alpha` (or NULL) as its soft mask. */
static HPDF_Image raw_image(gp_ctx *c, const unsigned char *pixels, const unsigned char *alpha,
                            uint32_t w, uint32_t h, int channels)
{
	HPDF_Image img = HPDF_LoadRawImageFromMem(c->pdf, pixels, w, h,
	                                          channels == 3 ? HPDF_CS_DEVICE_RGB : HPDF_CS_DEVICE_GRAY, 8);
	if (img && !c->status && alpha) {
		HPDF_Image mask = HPDF_LoadRawImageFromMem(c->pdf, alpha, w, h, HPDF_CS_DEVICE_GRAY, 8);
		if (!mask || HPDF_Image_AddSMask(img, mask) != HPDF_OK)
			img = NULL;
	}
	return img;
}

/* The SVG `a` drawn for a placement of w x h points: at GP_SVG_DPI (less
 * when that would pass GP_SVG_MAX_PIXELS), once per pixel size. */
static HPDF_Image svg_image(gp_ctx *c, const galley_asset *a, double w, double h, galley_error *err)
{
	double scale = GP_SVG_DPI / 72.0, pw, ph;
	unsigned char *rgb = NULL, *alpha = NULL;
	HPDF_Image img = NULL;
	uint32_t iw, ih;
	int opaque;

	if (w * scale * h * scale > GP_SVG_MAX_PIXELS)
		scale = sqrt(GP_SVG_MAX_PIXELS / (w * h));
	pw = ceil(w * scale);
	ph = ceil(h * scale);
	iw = pw < 1 ? 1 : (uint32_t)pw;
	ih = ph < 1 ? 1 : (uint32_t)ph;
	for (size_t i = 0; i < c->nsvgs; i++)
		if (c->svgs[i].asset == a && c->svgs[i].w == iw && c->svgs[i].h == ih)
			return c->svgs[i].img;
	if (galley_vec_reserve((void **)&c->svgs, &c->csvgs, c->nsvgs + 1, sizeof *c->svgs) < 0 ||
	    (rgb = malloc((size_t)iw * ih * 3)) == NULL || (alpha = malloc((size_t)iw * ih)) == NULL) {
		galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	if (galley_svg_render(a->bytes, a->size, iw, ih, rgb, alpha, &opaque, err) < 0)
		goto cleanup;
	img = raw_image(c, rgb, opaque ? NULL : alpha, iw, ih, 3);
	if (!img || c->status) {
		galley_error_set(err, GALLEY_EASSET, NULL, "image %s: libharu refused it (error 0x%04X)",
		                 a->path, (unsigned)c->status);
		img = NULL;
		goto cleanup;
	}
	c->svgs[c->nsvgs].asset = a;
	c->svgs[c->nsvgs].w = iw;
	c->svgs[c->nsvgs].h = ih;
	c->svgs[c->nsvgs].img = img;
	c->nsvgs++;
cleanup:
	free(rgb);
	free(alpha);
	return img;
}

static HPDF_Image asset_image(gp_ctx *c, const galley_asset *a, galley_error *err)
{
	HPDF_Image img = NULL;

	if (a->index < c->nimages && c->images[a->index])
		return c->images[a->index];
	if (a->pixels && (a->channels == 1 || a->channels == 3)) {
		img = raw_image(c, a->pixels, a->alpha, a->width, a->height, a->channels);
	} else if (a->media_type && strcmp(a->media_type, "image/jpeg") == 0 && a->bytes) {
		img = HPDF_LoadJpegImageFromMem(c->pdf, a->bytes, (HPDF_UINT)a->size);
		/* libharu gives every 4-component JPEG /Decode [1 0 1 0 1 0 1 0],
		 * right for the inverted CMYK an Adobe marker announces, wrong for
		 * plain CMYK, which would print as its negative */
		if (img && !c->status && a->channels == 4 && !a->inverted &&
		    HPDF_Dict_RemoveElement(img, "Decode") != HPDF_OK)
			img = NULL;
	} else {
		galley_error_set(err, GALLEY_EASSET, NULL, "image %s: no decoded pixels to embed", a->path);
		return NULL;
	}
	if (!img || c->status) {
		galley_error_set(err, GALLEY_EASSET, NULL, "image %s: libharu refused it (error 0x%04X)",
		                 a->path, (unsigned)c->status);
		return NULL;
	}
	if (a->index >= c->nimages) {
		size_t n = a->index + 1;
		HPDF_Image *ni = realloc(c->images, n * sizeof *ni);
		if (!ni) {
			galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
			return NULL;
		}
		memset(ni + c->nimages, 0, (n - c->nimages) * sizeof *ni);
		c->images = ni;
		c->nimages = n;
	}
	c->images[a->index] = img;
	return img;
}

static void set_fill(HPDF_Page page, uint32_t color, HPDF_STATUS *st)
{
	if (*st == HPDF_OK)
		*st = HPDF_Page_SetRGBFill(page, ((color >> 16) & 0xFF) / 255.0f,
		                           ((color >> 8) & 0xFF) / 255.0f, (color & 0xFF) / 255.0f);
}

static int cmp_dest(const void *a, const void *b)
{
	const gp_dest *x = a, *y = b;
	return strcmp(x->name, y->name);
}

static HPDF_Destination find_dest(const gp_ctx *c, const char *name)
{
	gp_dest key = {name, NULL};
	const gp_dest *d = c->ndests ? bsearch(&key, c->dests, c->ndests, sizeof *c->dests, cmp_dest) : NULL;

	return d ? d->dst : NULL;
}

static int make_pages(gp_ctx *c, const galley_layout *L, galley_error *err)
{
	size_t np = galley_layout_npages_dl(L), nd = 0;

	c->pages = calloc(np ? np : 1, sizeof *c->pages);
	c->page_dst = calloc(np ? np : 1, sizeof *c->page_dst);
	for (size_t i = 0; i < np; i++)
		nd += galley_layout_page(L, i)->ndests;
	c->dests = calloc(nd ? nd : 1, sizeof *c->dests);
	if (!c->pages || !c->page_dst || !c->dests)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	for (size_t i = 0; i < np; i++) {
		const galley_dl_page *p = galley_layout_page(L, i);
		HPDF_Page page = HPDF_AddPage(c->pdf);
		HPDF_STATUS st;

		if (!page || c->status)
			return fail(c, err, "adding a page");
		c->pages[i] = page;
		c->npages = i + 1;
		st = HPDF_Page_SetWidth(page, (HPDF_REAL)p->width);
		if (st == HPDF_OK)
			st = HPDF_Page_SetHeight(page, (HPDF_REAL)p->height);
		if (!GP_OK(c, st))
			return fail(c, err, "sizing a page");
		c->page_dst[i] = HPDF_Page_CreateDestination(page);
		if (!c->page_dst[i] || HPDF_Destination_SetFitH(c->page_dst[i], (HPDF_REAL)p->height) != HPDF_OK)
			return fail(c, err, "creating a destination");
		for (size_t k = 0; k < p->ndests; k++) {
			HPDF_Destination d = HPDF_Page_CreateDestination(page);
			if (!d || HPDF_Destination_SetFitH(d, (HPDF_REAL)(p->dests[k].y + 6)) != HPDF_OK || c->status)
				return fail(c, err, "creating a destination");
			c->dests[c->ndests].name = p->dests[k].name;
			c->dests[c->ndests].dst = d;
			c->ndests++;
		}
	}
	/* stable sort by name; on duplicates the first in page order wins */
	for (size_t i = 1; i < c->ndests; i++) {
		gp_dest t = c->dests[i];
		size_t j = i;
		while (j > 0 && strcmp(c->dests[j - 1].name, t.name) > 0) {
			c->dests[j] = c->dests[j - 1];
			j--;
		}
		c->dests[j] = t;
	}
	return 0;
}

/* ---- text: one TJ per line ------------------------------------------------
 *
 * libharu can only show a string at the current text position (Tj), so
 * placing every word with HPDF_Page_MoveTextPos + HPDF_Page_ShowText costs
 * two operators and two of libharu's slow paths per word.  Instead the
 * runs of a baseline go into ONE text-showing operator written straight
 * into the page's content stream:
 *
 *     [(\0,\0Q\0\\\0\0\0S)20(\0D\0L ...)-212(...)] TJ
 *
 * holding two-byte codes for the Identity-H fonts of font.c (each
 * character's CID, which is its glyph id in the embedded subset; as a
 * literal string, half the bytes of hex, so half the work for deflate)
 * and, between runs, the move to the next run's x as a TJ adjustment
 * (thousandths of a text space unit, negative = to the right).  Where
 * the gap between two runs is a word space, a real space glyph goes in
 * first, so that text extraction and copy and paste keep word
 * boundaries.  The pen is tracked exactly as a viewer computes it, from
 * the integer widths of the font's /W array, so rounding never
 * accumulates along a line.
 *
 * The font operator (Tf) is written here too, naming the font in the
 * /Font resources all pages share (make_fonts).  The rest goes through
 * libharu: BT/ET, Td for a new baseline (libharu's line matrix stays
 * right, since Td is relative to the start of the line and TJ does not
 * move it) and colours. */

/* A gap wider than this fraction of the face's space is a word space. */
#define GP_WORD_GAP_OF_SPACE 0.5
/* Most bytes a character can take in a TJ string: two bytes, each
 * possibly escaped. */
#define GP_BYTES_PER_CHAR 4
/* Longest adjustment as text: "-9223372036854775808" and a NUL. */
#define GP_ADJ_MAX 24
/* Room besides the hex digits for one run: "[", "(", ")", an adjustment,
 * "] TJ\n" and a NUL. */
#define GP_TJ_SLACK (GP_ADJ_MAX + 16)

static int tj_reserve(gp_tj *tj, size_t more)
{
	return galley_vec_reserve((void **)&tj->buf, &tj->cap, tj->len + more, 1) < 0 ? GALLEY_ENOMEM : 0;
}

/* Appends one byte of a literal string, escaped where PDF needs it
 * (parentheses, backslash, and line ends, which a reader would normalise). */
static inline void tj_byte(gp_tj *tj, unsigned char b)
{
	switch (b) {
	case '(': case ')': case '\\':
		tj->buf[tj->len++] = '\\';
		tj->buf[tj->len++] = (char)b;
		break;
	case '\r':
		tj->buf[tj->len++] = '\\';
		tj->buf[tj->len++] = 'r';
		break;
	case '\n':
		tj->buf[tj->len++] = '\\';
		tj->buf[tj->len++] = 'n';
		break;
	default:
		tj->buf[tj->len++] = (char)b;
	}
}

/* Appends a code unit (big-endian, as Identity-H reads it) to the open
 * string, opening the array and the string if needed.  The caller
 * reserved the room. */
static inline void tj_code(gp_tj *tj, uint32_t u)
{
	if (!tj->open) {
		tj->buf[tj->len++] = '[';
		tj->open = true;
	}
	if (!tj->str) {
		tj->buf[tj->len++] = '(';
		tj->str = true;
	}
	tj_byte(tj, (unsigned char)(u >> 8));
	tj_byte(tj, (unsigned char)u);
}

/* Appends an adjustment (thousandths of a text space unit), closing the
 * hex string.  The caller reserved the room. */
static inline void tj_adjust(gp_tj *tj, long adj)
{
	char digits[GP_ADJ_MAX];
	size_t n = 0;
	unsigned long m = adj < 0 ? 0UL - (unsigned long)adj : (unsigned long)adj;

	if (!tj->open) {
		tj->buf[tj->len++] = '[';
		tj->open = true;
	}
	if (tj->str) {
		tj->buf[tj->len++] = ')';
		tj->str = false;
	}
	do {
		digits[n++] = (char)('0' + m % 10);
		m /= 10;
	} while (m);
	if (adj < 0)
		tj->buf[tj->len++] = '-';
	while (n)
		tj->buf[tj->len++] = digits[--n];
}

/* Writes the pending operator (if any) into the page's content stream. */
static HPDF_STATUS tj_flush(gp_tj *tj, HPDF_Page page)
{
	HPDF_STATUS st = HPDF_OK;

	if (tj->str)
		tj->buf[tj->len++] = ')';
	if (tj->open) {
		memcpy(tj->buf + tj->len, "] TJ\012", 5);
		tj->len += 5;
		st = HPDF_Stream_Write(((HPDF_PageAttr)page->attr)->stream, (const HPDF_BYTE *)tj->buf,
		                       (HPDF_UINT)tj->len);
	}
	tj->len = 0;
	tj->open = tj->str = false;
	return st;
}

/* Writes "/Fn size Tf": face `face` at `size` points. */
static HPDF_STATUS set_font(const gp_ctx *c, HPDF_Page page, int face, double size)
{
	HPDF_Stream s = ((HPDF_PageAttr)page->attr)->stream;
	char key[16];
	HPDF_STATUS st;

	font_key(c, key, face);
	st = HPDF_Stream_WriteChar(s, '/');
	if (st == HPDF_OK)
		st = HPDF_Stream_WriteStr(s, key);
	if (st == HPDF_OK)
		st = HPDF_Stream_WriteChar(s, ' ');
	if (st == HPDF_OK)
		st = HPDF_Stream_WriteReal(s, (HPDF_REAL)size);
	if (st == HPDF_OK)
		st = HPDF_Stream_WriteStr(s, " Tf\012");
	return st;
}

/* Writes "N Tz": glyphs 100 + expand/100 percent wide, stated exactly
 * (libharu's HPDF_Page_SetHorizontalScalling writes a float). */
static HPDF_STATUS set_scale(HPDF_Page page, unsigned expand)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%u.%02u Tz\012", 100 + expand / 100, expand % 100);
	return HPDF_Stream_WriteStr(((HPDF_PageAttr)page->attr)->stream, buf);
}

/* Bytes one glyph can take in the TJ array: its code and an adjustment. */
#define GP_BYTES_PER_GLYPH (GP_BYTES_PER_CHAR + GP_ADJ_MAX + 2)

/* Writes `s` (NUL-terminated) into the page's content stream. */
static HPDF_STATUS put(HPDF_Page page, const char *s)
{
	return HPDF_Stream_WriteStr(((HPDF_PageAttr)page->attr)->stream, s);
}

/* Opens a marked-content span whose /ActualText is `len` bytes of UTF-8
 * (PDF 1.7, 14.9.4): what text extraction gives for the glyphs inside. */
static HPDF_STATUS actual_text(HPDF_Page page, const char *s, size_t len)
{
	static const char digits[] = "0123456789ABCDEF";
	HPDF_STATUS st = put(page, "/Span<</ActualText<FEFF");

	for (size_t i = 0; i < len && st == HPDF_OK;) {
		uint32_t u = galley_utf8_next(s, len, &i);
		unsigned units[2], n = 0;
		char hex[9], *o = hex;
		if (u > 0xFFFF) {
			units[n++] = 0xD800 | ((u - 0x10000) >> 10);
			units[n++] = 0xDC00 | ((u - 0x10000) & 0x3FF);
		} else {
			units[n++] = u;
		}
		for (unsigned k = 0; k < n; k++)
			for (int sh = 12; sh >= 0; sh -= 4)
				*o++ = digits[(units[k] >> sh) & 15];
		*o = '\0';
		st = put(page, hex);
	}
	if (st == HPDF_OK)
		st = put(page, ">>>BDC\012");
	return st;
}

/* Sets the text rise (Ts) to `rise` points. */
static HPDF_STATUS set_rise(gp_tj *tj, HPDF_Page page, double rise)
{
	HPDF_STATUS st = tj_flush(tj, page);

	if (st == HPDF_OK)
		st = HPDF_Stream_WriteReal(((HPDF_PageAttr)page->attr)->stream, (HPDF_REAL)rise);
	if (st == HPDF_OK)
		st = put(page, " Ts\012");
	return st;
}

/* Left edge of cluster k of a run of clusters [c0, c1), 1/1000 em from
 * the run's origin: a right-to-left cluster is mirrored inside the
 * stretch of right-to-left clusters around it (display.h). */
static double cluster_left(const galley_dl_shaped *sh, uint32_t c0, uint32_t c1, uint32_t k)
{
	uint32_t lo = k, hi = k + 1;

	if (!sh->rtl[k])
		return sh->x[k] - sh->x[c0];
	while (lo > c0 && sh->rtl[lo - 1])
		lo--;
	while (hi < c1 && sh->rtl[hi])
		hi++;
	return sh->x[lo] + (sh->x[hi] - sh->x[k + 1]) - sh->x[c0];
}

/* Draws run t in glyph font `font` by glyph id into the TJ being built,
 * from the pen *pen_x (points; Tz factor h and Tc tc in force): each glyph
 * moved to where the typesetter shaped it, a mark raised with Ts, and the
 * run inside an /ActualText span when its glyphs alone would not give its
 * text back in logical order (right-to-left, or a cluster that is not
 * one glyph for one character).  0 or GALLEY_ENOMEM; libharu's status
 * in *st. */
static int paint_glyphs(gp_ctx *c, HPDF_Page page, const gp_font *font, const galley_dl_text *t,
                        double h, double tc, double *pen_x, HPDF_STATUS *st)
{
	gp_tj *tj = &c->tj;
	const galley_dl_shaped *sh = t->shaped;
	const gp_glyphset *gs = c->gcov[t->face];
	double size = t->size, rise = 0;
	uint32_t c0 = 0, c1 = 0;
	bool actual = false;

	if (!sh || !run_clusters(t, &c0, &c1)) {
		/* no shaping: each character's nominal glyph, one after another */
		if (tj_reserve(tj, (size_t)t->len * GP_BYTES_PER_CHAR + GP_TJ_SLACK) < 0)
			return GALLEY_ENOMEM;
		for (size_t i = 0; i < t->len;) {
			uint32_t u = galley_utf8_next(t->text, t->len, &i);
			hb_codepoint_t gid = 0;
			if (!hb_font_get_nominal_glyph(c->ghb[t->face], u, &gid))
				gid = 0;
			tj_code(tj, gid);
			*pen_x += (font->width[gid] * size / 1000.0 + tc) * h;
		}
		return 0;
	}
	/* Right-to-left glyphs are drawn in visual order, each standing for
	 * its characters: readers put them back in logical order (an
	 * /ActualText span would come out reversed).  A left-to-right run
	 * needs the span when a cluster is not one glyph per character, or
	 * a glyph stands for other text elsewhere. */
	for (uint32_t g = 0; g < sh->nglyphs && !actual; g++) {
		uint32_t k = sh->glyphs[g].cluster, want[GP_SEQ_MAX], has[GP_SEQ_MAX];
		size_t nw, nh;
		if (k < c0 || k >= c1 || sh->rtl[k])
			continue;
		nw = glyph_text(sh, g, want);
		nh = gp_glyphset_text(gs, sh->glyphs[g].id, has);
		actual = nw != 1 || nh != 1 || want[0] != has[0] ||
		         (g + 1 < sh->nglyphs && sh->glyphs[g + 1].cluster == k);
	}
	if (tj_reserve(tj, (size_t)sh->nglyphs * GP_BYTES_PER_GLYPH + GP_TJ_SLACK) < 0)
		return GALLEY_ENOMEM;
	if (actual) {
		*st = tj_flush(tj, page);
		if (*st == HPDF_OK)
			*st = actual_text(page, t->text, t->len);
	}
	for (uint32_t g = 0; g < sh->nglyphs && *st == HPDF_OK; g++) {
		const galley_dl_glyph *gl = &sh->glyphs[g];
		double target, up;
		long adj;
		if (gl->cluster < c0 || gl->cluster >= c1)
			continue;
		up = gl->dy * size / 1000.0;
		if (up != rise) {
			*st = set_rise(tj, page, up);
			rise = up;
			if (*st != HPDF_OK)
				break;
		}
		target = t->x + (cluster_left(sh, c0, c1, gl->cluster) + gl->dx) * size / 1000.0 * h +
		         t->tracking * (gl->cluster - c0);
		adj = lround(-(target - *pen_x) * 1000.0 / (size * h));
		if (adj != 0) {
			tj_adjust(tj, adj);
			*pen_x -= adj * size * h / 1000.0;
		}
		tj_code(tj, gl->id);
		*pen_x += (font->width[gl->id] * size / 1000.0 + tc) * h;
	}
	if (*st == HPDF_OK && rise != 0)
		*st = set_rise(tj, page, 0);
	if (*st == HPDF_OK && actual) {
		*st = tj_flush(tj, page);
		if (*st == HPDF_OK)
			*st = put(page, "EMC\012");
	}
	return 0;
}

static int paint_text(gp_ctx *c, HPDF_Page page, const galley_dl_page *p, galley_error *err)
{
	HPDF_STATUS st = HPDF_OK;
	int face = -1, rc = 0;
	double size = 0;
	double line_x = 0, line_y = 0; /* libharu's line start (Tlm), points */
	double pen_x = 0;               /* the text position on this line, points */
	bool on_line = false;           /* pen_x and line_y are valid */
	uint32_t color = 0xFFFFFFFFu;
	const gp_font *font = NULL;
	const int16_t *widths = NULL;
	HPDF_Dict res;
	gp_tj *tj = &c->tj;
	double tc = 0;                  /* Tc in force (Tz scales it on the page) */
	unsigned tz = 0;                /* expansion in force (Tz 100 + tz/100) */
	double h = 1;                   /* the same, as a factor */

	if (p->ntexts == 0)
		return 0;
	res = HPDF_Page_GetInheritableItem(page, "Resources", HPDF_OCLASS_DICT);
	if (!c->font_res || !res || HPDF_Dict_Add(res, "Font", c->font_res) != HPDF_OK)
		return fail(c, err, "adding the fonts to a page");
	tj->len = 0;
	tj->open = tj->str = false;
	st = HPDF_Page_BeginText(page);
	for (size_t i = 0; i < p->ntexts && GP_OK(c, st); i++) {
		const galley_dl_text *t = &p->texts[i];
		const unsigned char *s = (const unsigned char *)t->text;
		double gap, run = 0;
		long adj;

		if (t->face != face || t->size != size) {
			font = &c->fonts[t->face];
			if (!font->dict)
				return galley_error_set(err, GALLEY_EINTERNAL, NULL, "no font made for face %d", t->face);
			widths = font->width;
			st = tj_flush(tj, page);
			if (st == HPDF_OK)
				st = set_font(c, page, t->face, t->size);
			face = t->face;
			size = t->size;
		}
		if (t->color != color) {
			if (st == HPDF_OK)
				st = tj_flush(tj, page);
			set_fill(page, t->color, &st);
			color = t->color;
		}
		/* the font expansion of a loose justified line: Tz, which
		 * scales the glyphs, TJ's adjustments and Tc ... */
		if (st == HPDF_OK && t->expand != tz) {
			st = tj_flush(tj, page);
			if (st == HPDF_OK)
				st = set_scale(page, t->expand);
			tz = t->expand;
			h = 1 + tz / 10000.0;
		}
		/* ... and its letter-spacing: Tc, which TJ adds after every
		 * glyph, the pen below counting it too */
		if (st == HPDF_OK && (double)t->tracking / h != tc) {
			st = tj_flush(tj, page);
			tc = (double)t->tracking / h;
			if (st == HPDF_OK)
				st = HPDF_Page_SetCharSpace(page, (HPDF_REAL)tc);
		}
		if (st != HPDF_OK)
			break;
		/* room for the run, a space and one adjustment */
		if ((rc = tj_reserve(tj, ((size_t)t->len + 1) * GP_BYTES_PER_CHAR + GP_TJ_SLACK)) < 0)
			return galley_error_set(err, rc, NULL, "out of memory");
		if (!on_line || t->y != line_y) {
			st = tj_flush(tj, page);
			if (st == HPDF_OK)
				st = HPDF_Page_MoveTextPos(page, (HPDF_REAL)(t->x - line_x), (HPDF_REAL)(t->y - line_y));
			/* libharu moved the line start by the REAL it wrote */
			line_x = t->x;
			line_y = t->y;
			pen_x = t->x;
			on_line = true;
			if (st != HPDF_OK)
				break;
		} else {
			/* a glyph font's space is its space glyph */
			uint32_t space = font->glyphs ? font->space : ' ';
			gap = t->x - pen_x;
			if (font->has_space && gap > GP_WORD_GAP_OF_SPACE * widths[space] * size / 1000.0 * h) {
				tj_code(tj, font->cid[space]);
				pen_x += (widths[space] * size / 1000.0 + tc) * h;
				gap = t->x - pen_x;
			}
			adj = lround(-gap * 1000.0 / (size * h));
			if (adj != 0) {
				tj_adjust(tj, adj);
				pen_x -= adj * size * h / 1000.0;
			}
		}
		if (font->glyphs) {
			if (paint_glyphs(c, page, font, t, h, tc, &pen_x, &st) < 0)
				return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
			continue;
		}
		for (size_t k = 0; k < t->len;) {
			uint32_t u = galley_utf8_next((const char *)s, t->len, &k);
			if (u > 0xFFFF)  /* the typesetter substitutes these */
				u = GALLEY_UTF8_REPLACEMENT;
			tj_code(tj, font->cid[u]);
			run += widths[u];
			pen_x += tc * h;
		}
		pen_x += run * size / 1000.0 * h;
	}
	if (st == HPDF_OK)
		st = tj_flush(tj, page);
	if (st == HPDF_OK && tc != 0)
		st = HPDF_Page_SetCharSpace(page, 0);
	if (st == HPDF_OK && tz != 0)
		st = set_scale(page, 0);
	if (st == HPDF_OK)
		st = HPDF_Page_EndText(page);
	if (!GP_OK(c, st))
		return fail(c, err, "drawing text");
	return 0;
}

static int paint_page(gp_ctx *c, const galley_layout *L, size_t i, galley_error *err)
{
	const galley_dl_page *p = galley_layout_page(L, i);
	HPDF_Page page = c->pages[i];
	HPDF_STATUS st = HPDF_OK;
	uint32_t color = 0xFFFFFFFFu;
	int rc;

	for (size_t k = 0; k < p->nrects && GP_OK(c, st); k++) {
		const galley_dl_rect *r = &p->rects[k];
		if (r->color != color) {
			set_fill(page, r->color, &st);
			color = r->color;
		}
		if (st == HPDF_OK)
			st = HPDF_Page_Rectangle(page, (HPDF_REAL)r->x, (HPDF_REAL)r->y, (HPDF_REAL)r->w, (HPDF_REAL)r->h);
		if (st == HPDF_OK)
			st = HPDF_Page_Fill(page);
	}
	if (!GP_OK(c, st))
		return fail(c, err, "drawing rules");
	for (size_t k = 0; k < p->nimages; k++) {
		const galley_dl_image *im = &p->images[k];
		bool svg = im->asset->media_type && strcmp(im->asset->media_type, "image/svg+xml") == 0;
		HPDF_Image img = svg ? svg_image(c, im->asset, im->w, im->h, err) : asset_image(c, im->asset, err);
		if (!img)
			return err ? err->code : GALLEY_EASSET;
		st = HPDF_Page_DrawImage(page, img, (HPDF_REAL)im->x, (HPDF_REAL)im->y, (HPDF_REAL)im->w, (HPDF_REAL)im->h);
		if (!GP_OK(c, st))
			return fail(c, err, "drawing an image");
	}
	rc = paint_text(c, page, p, err);
	if (rc < 0)
		return rc;
	for (size_t k = 0; k < p->nlinks; k++) {
		const galley_dl_link *l = &p->links[k];
		HPDF_Rect rect = {(HPDF_REAL)l->x, (HPDF_REAL)l->y, (HPDF_REAL)(l->x + l->w), (HPDF_REAL)(l->y + l->h)};
		HPDF_Annotation a = NULL;
		if (l->uri) {
			/* libharu refuses strings past its limit: the text stays, unlinked */
			if (strlen(l->uri) > HPDF_LIMIT_MAX_STRING_LEN)
				continue;
			a = HPDF_Page_CreateURILinkAnnot(page, rect, l->uri);
		} else {
			HPDF_Destination d = find_dest(c, l->dest);
			if (!d)
				continue; /* a link to an anchor that does not exist: plain text */
			a = HPDF_Page_CreateLinkAnnot(page, rect, d);
		}
		if (!a || HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0) != HPDF_OK || c->status)
			return fail(c, err, "adding a link");
	}
	return 0;
}

/* ---- text strings ----------------------------------------------------------- */

/* Whether s can be a PDF literal string as it is: printable ASCII. */
static bool plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7E)
			return false;
	return true;
}

/* Sets `key` of `dict` to the text string of UTF-8 `s` as UTF-16BE with
 * its byte order mark (PDF 32000-1 7.9.2.2), written as a hex string.
 * libharu's UTF-8 encoder does the same, but setting it up
 * (HPDF_UseUTFEncodings) builds a table of every BMP code, too dear for a
 * title and the outline. */
static HPDF_STATUS set_utf16(gp_ctx *c, HPDF_Dict dict, const char *key, const char *s)
{
	size_t len = strlen(s), i = 0, n = 2;
	HPDF_BYTE *b = malloc(len * 4 + 2);
	HPDF_Binary bin;

	if (!b)
		return HPDF_FAILD_TO_ALLOC_MEM;
	b[0] = 0xFE;
	b[1] = 0xFF;
	while (i < len) {
		uint32_t ch = galley_utf8_next(s, len, &i);
		if (ch > 0xFFFF) {
			uint32_t v = ch - 0x10000;
			uint32_t hi = 0xD800 | (v >> 10), lo = 0xDC00 | (v & 0x3FF);
			b[n++] = (HPDF_BYTE)(hi >> 8);
			b[n++] = (HPDF_BYTE)hi;
			ch = lo;
		}
		b[n++] = (HPDF_BYTE)(ch >> 8);
		b[n++] = (HPDF_BYTE)ch;
	}
	bin = HPDF_Binary_New(c->pdf->mmgr, b, (HPDF_UINT)n);
	free(b);
	if (!bin)
		return HPDF_FAILD_TO_ALLOC_MEM;
	return HPDF_Dict_Add(dict, key, bin);
}

static int outline(gp_ctx *c, const galley_layout *L, galley_error *err)
{
	HPDF_Outline stack[GP_OUTLINE_DEPTH] = {NULL};

	for (size_t i = 0; i < galley_layout_noutline(L); i++) {
		const galley_dl_outline *o = galley_layout_outline(L, i);
		int level = o->level < 0 ? 0 : o->level >= GP_OUTLINE_DEPTH ? GP_OUTLINE_DEPTH - 1 : o->level;
		HPDF_Outline parent = NULL, node;
		HPDF_Destination d;
		bool plain = plain_ascii(o->title);

		for (int k = level - 1; k >= 0 && !parent; k--)
			parent = stack[k];
		node = HPDF_CreateOutline(c->pdf, parent, plain ? o->title : "", NULL);
		if (!node || c->status || (!plain && set_utf16(c, node, "Title", o->title) != HPDF_OK))
			return fail(c, err, "adding an outline entry");
		d = HPDF_Page_CreateDestination(c->pages[o->page]);
		if (!d || HPDF_Destination_SetFitH(d, (HPDF_REAL)(o->y + 6)) != HPDF_OK ||
		    HPDF_Outline_SetDestination(node, d) != HPDF_OK ||
		    HPDF_Outline_SetOpened(node, level == 0 ? HPDF_TRUE : HPDF_FALSE) != HPDF_OK || c->status)
			return fail(c, err, "adding an outline entry");
		stack[level] = node;
		for (int k = level + 1; k < GP_OUTLINE_DEPTH; k++)
			stack[k] = NULL;
	}
	return 0;
}

/* Sets a text entry of the document info: as libharu writes it when it is
 * printable ASCII, else (made first, to keep the entries' order) replaced
 * by its UTF-16 form. */
static HPDF_STATUS set_info(gp_ctx *c, HPDF_InfoType type, const char *key, const char *value)
{
	bool plain = plain_ascii(value);
	HPDF_STATUS st = HPDF_SetInfoAttr(c->pdf, type, plain ? value : "");

	if (st == HPDF_OK && !plain)
		st = c->pdf->info ? set_utf16(c, c->pdf->info, key, value) : HPDF_INVALID_DOCUMENT;
	return st;
}

static int info(gp_ctx *c, const galley_layout *L, galley_error *err)
{
	const galley_dl_info *in = galley_layout_info(L);
	HPDF_STATUS st = HPDF_OK;

	if (in->title)
		st = set_info(c, HPDF_INFO_TITLE, "Title", in->title);
	if (st == HPDF_OK && in->author)
		st = set_info(c, HPDF_INFO_AUTHOR, "Author", in->author);
	if (st == HPDF_OK && in->subject)
		st = set_info(c, HPDF_INFO_SUBJECT, "Subject", in->subject);
	if (st == HPDF_OK && in->keywords)
		st = set_info(c, HPDF_INFO_KEYWORDS, "Keywords", in->keywords);
	if (st == HPDF_OK)
		st = HPDF_SetInfoAttr(c->pdf, HPDF_INFO_CREATOR, "galley");
	if (st == HPDF_OK)
		st = HPDF_SetInfoAttr(c->pdf, HPDF_INFO_PRODUCER, "galley with libharu");
	if (st == HPDF_OK && in->date.year > 0) {
		HPDF_Date d;
		memset(&d, 0, sizeof d);
		d.year = in->date.year;
		d.month = in->date.month;
		d.day = in->date.day;
		d.ind = ' ';
		if (in->date.has_time) {
			d.hour = in->date.hour;
			d.minutes = in->date.minute;
			d.seconds = in->date.second;
			if (in->date.has_zone) {
				int z = in->date.zone_minutes;
				d.ind = z == 0 ? 'Z' : z > 0 ? '+' : '-';
				if (z < 0)
					z = -z;
				d.off_hour = z / 60;
				d.off_minutes = z % 60;
			}
		}
		st = HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, d);
		if (st == HPDF_OK)
			st = HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, d);
	}
	if (!GP_OK(c, st))
		return fail(c, err, "writing the document info");
	return 0;
}

static void ctx_dispose(gp_ctx *c)
{
	if (c->pdf)
		HPDF_Free(c->pdf);
	c->pdf = NULL;
	for (int f = 0; f < GALLEY_NFACES; f++)
		free(c->cov[f]);
	free(c->images);
	free(c->svgs);
	free(c->dests);
	free(c->pages);
	free(c->page_dst);
	for (int f = 0; f < GALLEY_MAX_FACES; f++) {
		gp_font_dispose(&c->fonts[f]);
		if (c->gcov[f])
			gp_glyphset_dispose(c->gcov[f]);
		free(c->gcov[f]);
		if (c->ghb[f])
			hb_font_destroy(c->ghb[f]);
	}
	free(c->tj.buf);
	for (size_t i = 0; c->blobs && i < c->nfont_blobs + c->npages; i++)
		free(c->blobs[i].data);
	free(c->blobs);
	free(c->owners);
}

/* Moves page i's content stream out of libharu into its blob, raw. */
static int take_content(gp_ctx *c, size_t i, galley_error *err)
{
	HPDF_PageAttr a = (HPDF_PageAttr)c->pages[i]->attr;
	HPDF_Stream st = a->stream;
	HPDF_UINT nbuf = HPDF_MemStream_GetBufCount(st);
	gp_blob *b = &c->blobs[c->nfont_blobs + i];
	size_t at = 0;

	c->owners[c->nfont_blobs + i] = a->contents;

	b->len = HPDF_Stream_Size(st);
	b->data = malloc(b->len ? b->len : 1);
	if (!b->data)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	for (HPDF_UINT k = 0; k < nbuf; k++) {
		HPDF_UINT n = 0;
		const HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(st, k, &n);
		if (!p || at + n > b->len)
			return galley_error_set(err, GALLEY_EINTERNAL, NULL, "libharu's page stream is not what it said");
		memcpy(b->data + at, p, n);
		at += n;
	}
	if (at != b->len)
		return galley_error_set(err, GALLEY_EINTERNAL, NULL, "libharu's page stream is not what it said");
	HPDF_MemStream_FreeData(st);
	return 0;
}

/* Writes the filter of a stream galley deflated.  libharu drops
 * any /Filter entry of a stream it was not told to filter (and would
 * deflate it again if told), so the entry is written by the dictionary's
 * write hook, which libharu calls just before the closing ">>". */
static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
	(void)dict;
	return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* Gives every deflated stream (fonts, then page contents) to its stream
 * object with its filter (libharu writes /Length itself). */
static int put_streams(gp_ctx *c, galley_error *err)
{
	int rc = 0;

	for (size_t i = 0; i < c->nfont_blobs + c->npages && rc == 0; i++) {
		HPDF_Dict d = c->owners[i];
		gp_blob *b = &c->blobs[i];
		if (!d || d->write_fn != NULL)
			rc = galley_error_set(err, GALLEY_EINTERNAL, NULL, "libharu's stream is not what galley made");
		else if (!GP_OK(c, HPDF_Stream_Write(d->stream, b->data, (HPDF_UINT)b->len)))
			rc = fail(c, err, "storing a stream");
		else
			d->write_fn = write_flate_filter;
		free(b->data);
		b->data = NULL;
	}
	return rc;
}

/* Builds the whole document in libharu, ready to be saved. */
static int build(gp_ctx *c, const galley_layout *layout, const galley_pdf_options *opts,
                 galley_error *err)
{
	galley_pdf_options defaults = GALLEY_PDF_OPTIONS_INIT;
	gp_deflater *dz = NULL;
	HPDF_STATUS st;
	int rc = 0;

	if (!opts)
		opts = &defaults;
	memset(c, 0, sizeof *c);
	rc = galley_options_version_check(opts->version, GALLEY_PDF_OPTIONS_VERSION,
	                                  "galley_pdf_options", err);
	if (rc < 0)
		return rc;
	if ((rc = gp_hpdf_ready(err)) < 0 || (rc = galley_hb_ready(err)) < 0)
		return rc;
	c->pdf = HPDF_New(on_error, c);
	if (!c->pdf)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory (libharu)");
	/* fonts and content streams are deflated here (put_streams), images
	 * and metadata by libharu */
	st = HPDF_SetCompressionMode(c->pdf, opts->compress ? HPDF_COMP_IMAGE | HPDF_COMP_METADATA : HPDF_COMP_NONE);
	if (st == HPDF_OK)
		st = HPDF_SetPageMode(c->pdf, galley_layout_noutline(layout) ? HPDF_PAGE_MODE_USE_OUTLINE
		                                                             : HPDF_PAGE_MODE_USE_NONE);
	if (!GP_OK(c, st))
		return fail(c, err, "setting up the document");
	rc = coverage(c, layout, err);
	if (rc == 0)
		rc = make_pages(c, layout, err);
	if (rc == 0)
		rc = make_fonts(c, layout, opts->compress, err);
	/* deflate as we go: the fonts' streams at once, each page's as soon
	 * as it is painted, on helper threads while the next pages are
	 * painted, so raw contents never pile up */
	if (rc == 0 && c->blobs) {
		rc = gp_deflater_start(&dz, c->blobs, opts->jobs, err);
		if (rc == 0)
			gp_deflater_ready(dz, c->nfont_blobs);
	}
	for (size_t i = 0; i < c->npages && rc == 0; i++) {
		rc = paint_page(c, layout, i, err);
		if (rc == 0 && c->blobs)
			rc = take_content(c, i, err);
		if (rc == 0 && dz)
			gp_deflater_ready(dz, c->nfont_blobs + i + 1);
	}
	{
		int drc = gp_deflater_finish(dz, rc == 0 ? err : NULL);
		if (rc == 0)
			rc = drc;
	}
	if (rc == 0 && c->blobs)
		rc = put_streams(c, err);
	if (rc == 0)
		rc = outline(c, layout, err);
	/* page labels: the layout's ranges (front matter in roman, body from 1) */
	for (size_t i = 0; rc == 0 && i < galley_layout_nlabel_ranges(layout); i++) {
		const galley_dl_label_range *r = galley_layout_label_range(layout, i);
		HPDF_PageNumStyle style = r->style == GALLEY_NUMBERING_LOWER_ROMAN
			? HPDF_PAGE_NUM_STYLE_LOWER_ROMAN : HPDF_PAGE_NUM_STYLE_DECIMAL;
		if (!GP_OK(c, HPDF_AddPageLabel(c->pdf, (HPDF_UINT)r->page, style, r->first, NULL)))
			rc = fail(c, err, "adding page labels");
	}
	if (rc == 0)
		rc = info(c, layout, err);
	return rc;
}

int galley_pdf_options_init(galley_pdf_options *opts, unsigned version)
{
	static const galley_pdf_options defaults = GALLEY_PDF_OPTIONS_INIT;

	if (!opts || version == 0 || version > GALLEY_PDF_OPTIONS_VERSION)
		return GALLEY_EUSAGE;
	*opts = defaults;
	return 0;
}

int galley_pdf_write_memory(const galley_layout *layout, unsigned char **out,
                            size_t *len, const galley_pdf_options *opts,
                            galley_error *err)
{
	gp_ctx c;
	unsigned char *data = NULL;
	HPDF_UINT32 size = 0;
	HPDF_STATUS st;
	int rc;

	*out = NULL;
	*len = 0;
	rc = build(&c, layout, opts, err);
	if (rc < 0)
		goto cleanup;
	if (!GP_OK(&c, HPDF_SaveToStream(c.pdf))) {
		rc = fail(&c, err, "writing the PDF");
		goto cleanup;
	}
	size = HPDF_GetStreamSize(c.pdf);
	data = malloc(size ? size : 1);
	if (!data) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	if (!GP_OK(&c, HPDF_ResetStream(c.pdf))) {
		rc = fail(&c, err, "reading the PDF back");
		goto cleanup;
	}
	{
		HPDF_UINT32 got = 0;
		while (got < size) {
			HPDF_UINT32 n = size - got;
			st = HPDF_ReadFromStream(c.pdf, data + got, &n);
			got += n;
			if (st == HPDF_STREAM_EOF || n == 0)
				break;
			if (st != HPDF_OK) {
				rc = fail(&c, err, "reading the PDF back");
				goto cleanup;
			}
		}
		if (got != size) {
			rc = galley_error_set(err, GALLEY_EPDF, NULL, "libharu returned %u of %u bytes",
			                      (unsigned)got, (unsigned)size);
			goto cleanup;
		}
	}
	*out = data;
	*len = size;
	data = NULL;
cleanup:
	free(data);
	ctx_dispose(&c);
	return rc;
}

int galley_pdf_write(const galley_layout *layout, const char *path,
                     const galley_pdf_options *opts, galley_error *err)
{
	galley_pos pos = {path, 0, 0};
	galley_atomic out;
	gp_ctx c;
	int rc;

	rc = build(&c, layout, opts, err);
	if (rc < 0)
		goto cleanup;
	if ((rc = galley_atomic_begin(&out, path, err)) < 0)
		goto cleanup;
	/* libharu opens the file by name and writes it with stdio */
	errno = 0;
	if (!GP_OK(&c, HPDF_SaveToFile(c.pdf, galley_atomic_path(&out)))) {
		int e = errno; /* what stdio's failed write left */
		/* a failed write inside a deflated stream comes back as a zlib error */
		rc = c.status == HPDF_FILE_IO_ERROR || c.status == HPDF_FILE_OPEN_ERROR ||
		     c.detail == HPDF_FILE_IO_ERROR
			? galley_error_set(err, GALLEY_EIO, &pos, "cannot write: %s",
			                   e ? strerror(e) : "input/output error (is the disk full?)")
			: fail(&c, err, "writing the PDF");
		galley_atomic_abort(&out);
		goto cleanup;
	}
	rc = galley_atomic_commit(&out, err);
cleanup:
	ctx_dispose(&c);
	return rc;
}
