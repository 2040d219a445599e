/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * font.h: embedded composite fonts built with libharu's object API
 * (private to src/pdf).
 *
 * libharu's own TrueType path (HPDF_LoadTTFontFromFile + HPDF_GetFont
 * with the UTF-8 encoder) maps all 65,536 BMP code points through the
 * face's cmap for every face and writes a 128 KB CID-to-glyph map: most
 * of the cost of a short PDF.  So the writer builds each body face itself
 * as PDF 1.7's composite font (9.7): a Type0 font with the Identity-H
 * encoding over a CIDFontType2 whose CIDs are the glyph ids of a HarfBuzz
 * subset (CIDToGIDMap /Identity), with the subset as FontFile2, a /W
 * array of the glyphs drawn and a ToUnicode CMap for text extraction.
 *
 * CIDs: a drawn character's CID is its glyph id in the embedded face.
 * When two drawn characters share one glyph (a face may draw U+00A0 with
 * the space glyph), the second gets a CID past the last glyph id and a
 * CIDToGIDMap stream maps it back, so that every CID stands for exactly
 * one character and copy and paste gives the characters of the source.
 * A character the face lacks is drawn as glyph 0 (.notdef) the same way.
 */
#ifndef GALLEY_PDF_FONT_H
#define GALLEY_PDF_FONT_H

#include <stdbool.h>
#include <stdint.h>

#include "pdf/hpdf_api.h"

#include "galley/error.h"
#include "pdf/deflate.h"
#include "pdf/subset.h"

/* Streams of one font: FontFile2, ToUnicode and, when needed, CIDToGIDMap. */
#define GP_FONT_STREAMS 3

typedef struct gp_font {
	uint16_t *cid;     /* by BMP code point: the CID that shows it (0x10000
	                      entries); a glyph font: by glyph id, the id */
	int16_t *width;    /* by BMP code point (a glyph font: by glyph id):
	                      advance, 1/1000 em, as the /W array says */
	bool has_space;    /* the face has a real space glyph */
	bool glyphs;       /* a glyph font (gp_font_make_glyphs) */
	uint32_t space;    /* a glyph font's space glyph, when has_space */
	HPDF_Dict dict;    /* the Type0 font dictionary (an indirect object) */
	size_t nstreams;
	HPDF_Dict stream[GP_FONT_STREAMS]; /* empty stream objects ... */
	gp_blob raw[GP_FONT_STREAMS];      /* ... and the bytes they are to hold (malloc'ed) */
} gp_font;

/* Builds in `pdf` the font for the TrueType file at `font_path` drawing
 * the characters of `cov` (at least one): a subset, or the whole face
 * when HarfBuzz cannot subset it.  The stream objects are left empty:
 * the caller stores f->raw[i] (deflated or not) into f->stream[i].
 * On failure *f holds nothing to dispose of beyond gp_font_dispose.
 * GALLEY_EFONT (unreadable file, no TrueType outlines, too many
 * characters), GALLEY_EPDF (libharu refused an object), GALLEY_ENOMEM. */
int gp_font_make(gp_font *f, HPDF_Doc pdf, const char *font_path, const gp_coverage *cov,
                 galley_error *err);

/* Builds in `pdf` the font of face `index` of the file at `font_path`
 * (TrueType or CFF outlines, a collection's face) drawing the glyphs of
 * `gs` by id: a Type0 font over a CIDFontType2 with FontFile2 (TrueType)
 * or a CIDFontType0 with FontFile3 /CIDFontType0C (CFF), whose CIDs are
 * the face's glyph ids (the subset keeps them), with a ToUnicode CMap of
 * the glyphs that stand for one character (UTF-16, so past the BMP too).
 * `space` is the face's space glyph (0: none), which gs holds.  Same
 * errors as gp_font_make. */
int gp_font_make_glyphs(gp_font *f, HPDF_Doc pdf, const char *font_path, unsigned index,
                        const gp_glyphset *gs, uint32_t space, galley_error *err);

/* Frees what gp_font_make allocated outside libharu (libharu frees its
 * objects with the document).  Safe on a zeroed or disposed gp_font. */
void gp_font_dispose(gp_font *f);

#endif
