/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * subset.h: TrueType subsets for embedding (private to src/pdf).
 *
 * libharu embeds a TrueType face nearly whole (50-65 KB compressed even
 * for one glyph).  So the writer embeds a subset holding only the
 * characters the display list draws in that face, made by HarfBuzz's
 * subsetter (font.c builds the PDF font around it).  A glyph face's
 * subset is made from the glyph ids drawn (gp_subset_glyphs), a bundled
 * face's from the characters.
 */
#ifndef GALLEY_PDF_SUBSET_H
#define GALLEY_PDF_SUBSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/hb_api.h"

#include "galley/error.h"

/* One bit per BMP code point: the characters drawn in one face. */
#define GP_COVERAGE_WORDS (0x10000 / 64)

typedef struct gp_coverage {
	uint64_t bits[GP_COVERAGE_WORDS];
	size_t count;  /* bits set */
} gp_coverage;

/* Marks every character of `len` bytes of UTF-8 (BMP only, as the display
 * list guarantees; anything else is ignored). */
void gp_coverage_add(gp_coverage *cov, const char *s, size_t len);

/* The bytes to embed for the TrueType file at `font_path`: HarfBuzz's
 * subset holding the code points of `cov` (glyph ids renumbered densely;
 * advances, hinting and metrics kept, so every glyph lands where the
 * typesetter measured it).  When HarfBuzz cannot subset the face, the
 * whole file, and *whole is set.  The caller destroys *out with
 * hb_blob_destroy.  GALLEY_EFONT when the file cannot be read,
 * GALLEY_ENOMEM. */
int gp_subset_make(hb_blob_t **out, bool *whole, const char *font_path,
                   const gp_coverage *cov, galley_error *err);

/* One bit per glyph id, and the text each glyph stands for in the text
 * it draws: what a glyph face (typeset/display.h) draws. */
#define GP_GLYPHS_MAX 0x10000
/* Most characters one glyph stands for (a ligature, a conjunct): more
 * are not kept (the painter then gives the text with /ActualText). */
#define GP_SEQ_MAX 8
/* uni[] entry flag: the rest is an offset into seq[] (count, then the
 * characters). */
#define GP_UNI_SEQ 0x80000000u

typedef struct gp_glyphset {
	uint64_t bits[GP_GLYPHS_MAX / 64];
	uint32_t uni[GP_GLYPHS_MAX]; /* 0: none; a character; or GP_UNI_SEQ | offset */
	uint32_t *seq; size_t nseq, cseq;
	size_t count;                /* bits set */
} gp_glyphset;

/* Marks glyph `gid` drawn, standing for the n <= GP_SEQ_MAX characters
 * at `chars` (n 0: for none).  The first text noted for a glyph stays;
 * the painter gives a run whose glyph stands for other text there with
 * /ActualText.  0 or GALLEY_ENOMEM. */
int gp_glyphset_add(gp_glyphset *gs, uint32_t gid, const uint32_t *chars, size_t n);

/* The text glyph `gid` stands for: its count, the characters into out
 * (GP_SEQ_MAX). */
size_t gp_glyphset_text(const gp_glyphset *gs, uint32_t gid, uint32_t *out);

/* Frees what gp_glyphset_add allocated. */
void gp_glyphset_dispose(gp_glyphset *gs);

/* The bytes to embed for face `index` of the font file at `font_path`
 * (TrueType or CFF outlines): HarfBuzz's subset holding the glyphs of
 * `gs` under their own ids (HB_SUBSET_FLAGS_RETAIN_GIDS), so that the
 * glyph ids the typesetter shaped are the CIDs of the PDF font, and no
 * layout tables.  The caller destroys *out with hb_blob_destroy.
 * GALLEY_EFONT when the file cannot be read or subset, GALLEY_ENOMEM. */
int gp_subset_glyphs(hb_blob_t **out, const char *font_path, unsigned index,
                     const gp_glyphset *gs, galley_error *err);

#endif
