/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * subset.c: TrueType subsets for embedding, made with HarfBuzz's subsetter.
 *
 * The subset stays in memory: font.c reads its tables and hands its bytes
 * to the PDF as the FontFile2 stream (or, for CFF outlines, the CFF
 * table as FontFile3).  It keeps the face's hinting and
 * its metrics; glyph ids are renumbered, and font.c takes the new ids
 * from the subset's own cmap.
 */
#include "base/hb_api.h"

#include "pdf/subset.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/vec.h"

void gp_coverage_add(gp_coverage *cov, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t c = galley_utf8_next(s, len, &i);

		if (c > 0xFFFF)
			continue;  /* the display list never has it: the typesetter substitutes */
		if (!(cov->bits[c >> 6] & ((uint64_t)1 << (c & 63)))) {
			cov->bits[c >> 6] |= (uint64_t)1 << (c & 63);
			cov->count++;
		}
	}
}

/* OpenType layout tables, useless in a PDF (see gp_subset_make). */
static const hb_tag_t layout_tables[] = {
	HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
	HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H'),
	HB_TAG('k', 'e', 'r', 'n'), HB_TAG('m', 'o', 'r', 'x'), HB_TAG('k', 'e', 'r', 'x'),
};

int gp_subset_make(hb_blob_t **out, bool *whole, const char *font_path,
                   const gp_coverage *cov, galley_error *err)
{
	hb_blob_t *blob = NULL;
	hb_face_t *face = NULL, *sub = NULL;
	hb_subset_input_t *input = NULL;
	hb_set_t *unicodes;
	int rc = 0;

	*out = NULL;
	*whole = false;
	if ((rc = galley_hb_subset_ready(err)) < 0)
		return rc;
	blob = hb_blob_create_from_file_or_fail(font_path);
	if (!blob) {
		rc = galley_error_set(err, GALLEY_EFONT, NULL, "font %s: cannot be read", font_path);
		goto cleanup;
	}
	face = hb_face_create(blob, 0);
	input = hb_subset_input_create_or_fail();
	if (!input) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory (font subset)");
		goto cleanup;
	}
	unicodes = hb_subset_input_unicode_set(input);
	for (size_t w = 0; w < GP_COVERAGE_WORDS; w++) {
		uint64_t b = cov->bits[w];
		for (unsigned k = 0; b; k++, b >>= 1)
			if (b & 1)
				hb_set_add(unicodes, (hb_codepoint_t)(w * 64 + k));
	}
	/* the PDF draws glyphs by id, never shapes: without the layout
	 * tables the subset is smaller and holds no glyph only a
	 * substitution could reach (ligatures, alternates) */
	for (size_t i = 0; i < sizeof layout_tables / sizeof *layout_tables; i++)
		hb_set_add(hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG), layout_tables[i]);
	if (!hb_set_allocation_successful(unicodes) ||
	    !hb_set_allocation_successful(hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG))) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory (font subset)");
		goto cleanup;
	}
	sub = hb_subset_or_fail(face, input);
	if (sub)
		*out = hb_face_reference_blob(sub);
	if (!*out || hb_blob_get_length(*out) == 0) {
		/* HarfBuzz cannot subset this face: embed it whole */
		hb_blob_destroy(*out);
		*out = hb_blob_reference(blob);
		*whole = true;
	}
cleanup:
	hb_face_destroy(sub);
	hb_subset_input_destroy(input);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return rc;
}

int gp_glyphset_add(gp_glyphset *gs, uint32_t gid, const uint32_t *chars, size_t n)
{
	if (gid >= GP_GLYPHS_MAX)
		return 0;
	if (!(gs->bits[gid >> 6] & ((uint64_t)1 << (gid & 63)))) {
		gs->bits[gid >> 6] |= (uint64_t)1 << (gid & 63);
		gs->count++;
	} else if (gs->uni[gid] != 0) {
		return 0;  /* the first text stays */
	}
	if (n > GP_SEQ_MAX)
		n = 0;
	if (n == 1 && chars[0] < GP_UNI_SEQ) {
		gs->uni[gid] = chars[0];
	} else if (n > 1) {
		if (galley_vec_reserve((void **)&gs->seq, &gs->cseq, gs->nseq + n + 1, sizeof *gs->seq) < 0)
			return GALLEY_ENOMEM;
		gs->uni[gid] = GP_UNI_SEQ | (uint32_t)gs->nseq;
		gs->seq[gs->nseq++] = (uint32_t)n;
		memcpy(gs->seq + gs->nseq, chars, n * sizeof *chars);
		gs->nseq += n;
	}
	return 0;
}

size_t gp_glyphset_text(const gp_glyphset *gs, uint32_t gid, uint32_t *out)
{
	uint32_t u = gid < GP_GLYPHS_MAX ? gs->uni[gid] : 0;
	size_t n;

	if (u == 0)
		return 0;
	if (!(u & GP_UNI_SEQ)) {
		out[0] = u;
		return 1;
	}
	n = gs->seq[u & ~GP_UNI_SEQ];
	memcpy(out, gs->seq + (u & ~GP_UNI_SEQ) + 1, n * sizeof *out);
	return n;
}

void gp_glyphset_dispose(gp_glyphset *gs)
{
	free(gs->seq);
	gs->seq = NULL;
	gs->nseq = gs->cseq = 0;
}

int gp_subset_glyphs(hb_blob_t **out, const char *font_path, unsigned index,
                     const gp_glyphset *gs, galley_error *err)
{
	hb_blob_t *blob = NULL;
	hb_face_t *face = NULL, *sub = NULL;
	hb_subset_input_t *input = NULL;
	hb_set_t *glyphs, *drop;
	int rc = 0;

	*out = NULL;
	if ((rc = galley_hb_subset_ready(err)) < 0)
		return rc;
	blob = hb_blob_create_from_file_or_fail(font_path);
	if (!blob) {
		rc = galley_error_set(err, GALLEY_EFONT, NULL, "font %s: cannot be read", font_path);
		goto cleanup;
	}
	face = hb_face_create(blob, index);
	input = hb_subset_input_create_or_fail();
	if (!input) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory (font subset)");
		goto cleanup;
	}
	glyphs = hb_subset_input_glyph_set(input);
	drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (size_t w = 0; w < GP_GLYPHS_MAX / 64; w++) {
		uint64_t b = gs->bits[w];
		for (unsigned k = 0; b; k++, b >>= 1)
			if (b & 1)
				hb_set_add(glyphs, (hb_codepoint_t)(w * 64 + k));
	}
	/* the glyphs are drawn by id: no layout table is read, and no cmap
	 * entry need reach them */
	for (size_t i = 0; i < sizeof layout_tables / sizeof *layout_tables; i++)
		hb_set_add(drop, layout_tables[i]);
	hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS);
	if (!hb_set_allocation_successful(glyphs) || !hb_set_allocation_successful(drop)) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory (font subset)");
		goto cleanup;
	}
	sub = hb_subset_or_fail(face, input);
	if (sub)
		*out = hb_face_reference_blob(sub);
	if (!*out || hb_blob_get_length(*out) == 0) {
		/* never the whole face: a CJK face is some 20 MB */
		hb_blob_destroy(*out);
		*out = NULL;
		rc = galley_error_set(err, GALLEY_EFONT, NULL, "font %s: HarfBuzz cannot subset it", font_path);
	}
cleanup:
	hb_face_destroy(sub);
	hb_subset_input_destroy(input);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return rc;
}
