/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * subset.h: TrueType subsets for embedding (private to src/pdf).
 *
 * libharu embeds a TrueType face nearly whole (50-65 KB compressed even
 * for one glyph).  So the writer embeds a subset holding only the
 * characters the display list draws in that face, made by HarfBuzz's
 * subsetter (font.c builds the PDF font around it).
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

#endif
