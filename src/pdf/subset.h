/*
 * subset.h: TrueType subsets for embedding (private to src/pdf).
 *
 * libharu embeds a TrueType face nearly whole (50-65 KB compressed even
 * for one glyph) and builds its CID-to-glyph map by looking up all 65,536
 * BMP code points in the face's cmap, one linear search each: with a full
 * face that is most of the cost of a short PDF.  So the writer hands
 * libharu a subset holding only the characters the display list draws in
 * that face, made by HarfBuzz's subsetter; advances are copied unchanged,
 * so every glyph lands where the typesetter measured it.
 */
#ifndef GALLEY_PDF_SUBSET_H
#define GALLEY_PDF_SUBSET_H

#include <stddef.h>
#include <stdint.h>

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

/* A subset written where libharu can open it by name.  `path` stays
 * valid until gp_subset_release; libharu keeps its own open handle, so
 * the release may come right after loading. */
typedef struct gp_subset {
	char path[64];
	int fd;          /* -1 when none */
	char *tmp;       /* a temporary file to unlink, or NULL */
} gp_subset;

/* Makes the subset of the TrueType file at `font_path` with the code
 * points of `cov` and stores it in *out.  GALLEY_EFONT when HarfBuzz
 * cannot read or subset the face, GALLEY_EIO when no anonymous or
 * temporary file can be written, GALLEY_ENOMEM. */
int gp_subset_make(gp_subset *out, const char *font_path, const gp_coverage *cov,
                   galley_error *err);

/* Closes and removes what gp_subset_make created.  Safe to call twice. */
void gp_subset_release(gp_subset *s);

#endif
