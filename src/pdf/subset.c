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

/* Reads an INDEX (Adobe TN #5176, "The Compact Font Format", 5) at *at
 * in d[0..len): the start and end of its first object, *at moved past
 * it.  False when it is malformed or empty. */
static bool cff_index(const unsigned char *d, size_t len, size_t *at, size_t *first, size_t *end)
{
	size_t count, off, base, o0 = 0, o1 = 0, olast = 0;

	if (*at + 3 > len)
		return false;
	count = (size_t)d[*at] << 8 | d[*at + 1];
	if (count == 0)
		return false;
	off = d[*at + 2];
	if (off < 1 || off > 4 || *at + 3 + (count + 1) * off > len)
		return false;
	for (size_t k = 0; k < off; k++) {
		o0 = o0 << 8 | d[*at + 3 + k];
		o1 = o1 << 8 | d[*at + 3 + off + k];
		olast = olast << 8 | d[*at + 3 + count * off + k];
	}
	base = *at + 3 + (count + 1) * off - 1;
	if (o0 < 1 || o1 < o0 || olast < o1 || base + olast > len)
		return false;
	*first = base + o0;
	*end = base + o1;
	*at = base + olast;
	return true;
}

/* Whether a face's CFF table is CID-keyed: its Top DICT opens with the
 * ROS operator (12 30), as the format requires of CID fonts. */
static bool cff_cid_keyed(hb_face_t *face)
{
	hb_blob_t *cff = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
	unsigned len = 0;
	const unsigned char *d = (const unsigned char *)hb_blob_get_data(cff, &len);
	size_t at, first, end;
	bool cid = false;

	if (d && len > 4) {
		at = d[2];  /* hdrSize */
		if (cff_index(d, len, &at, &first, &end) &&  /* Name INDEX */
		    cff_index(d, len, &at, &first, &end)) {  /* Top DICT INDEX */
			/* skip the operands of the first operator */
			while (first < end) {
				unsigned b0 = d[first];
				if (b0 <= 21) {
					cid = b0 == 12 && first + 1 < end && d[first + 1] == 30;
					break;
				}
				if (b0 == 28)
					first += 3;
				else if (b0 == 29)
					first += 5;
				else if (b0 == 30) {
					while (++first < end && (d[first] & 0x0F) != 0x0F && (d[first] & 0xF0) != 0xF0)
						;
					first++;
				} else if (b0 >= 247 && b0 <= 254)
					first += 2;
				else
					first += 1;
			}
		}
	}
	hb_blob_destroy(cff);
	return cid;
}

/* HarfBuzz's subset of `face` for the glyphs of `gs`, ids kept or not. */
static hb_face_t *subset_glyphs(hb_face_t *face, const gp_glyphset *gs, bool retain, galley_error *err)
{
	hb_subset_input_t *input = hb_subset_input_create_or_fail();
	hb_set_t *glyphs, *drop;
	hb_face_t *sub = NULL;

	if (!input) {
		galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory (font subset)");
		return NULL;
	}
	glyphs = hb_subset_input_glyph_set(input);
	drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (size_t w = 0; w < GP_GLYPHS_MAX / 64; w++) {
		uint64_t b = gs->bits[w];
		for (unsigned k = 0; b; k++, b >>= 1)
			if (b & 1)
				hb_set_add(glyphs, (hb_codepoint_t)(w * 64 + k));
	}
	/* the glyphs are drawn by id: no layout table is read */
	for (size_t i = 0; i < sizeof layout_tables / sizeof *layout_tables; i++)
		hb_set_add(drop, layout_tables[i]);
	if (retain)
		hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS);
	if (!hb_set_allocation_successful(glyphs) || !hb_set_allocation_successful(drop))
		galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory (font subset)");
	else
		sub = hb_subset_or_fail(face, input);
	hb_subset_input_destroy(input);
	return sub;
}

int gp_subset_glyphs(hb_blob_t **out, const char *font_path, unsigned index,
                     const gp_glyphset *gs, galley_error *err)
{
	hb_blob_t *blob = NULL, *cff;
	hb_face_t *face = NULL, *sub = NULL;
	bool is_cff;
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
	cff = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
	is_cff = hb_blob_get_length(cff) > 0;
	hb_blob_destroy(cff);
	/* A CID-keyed CFF keeps each glyph's CID in the subset's charset,
	 * and the PDF selects glyphs by CID: the ids need not be kept, which
	 * would cost an empty charstring for each of a CJK face's 65,000
	 * glyphs.  Other faces keep their glyph ids. */
	sub = subset_glyphs(face, gs, !is_cff, err);
	if (sub && is_cff && !cff_cid_keyed(sub)) {
		hb_face_destroy(sub);
		sub = subset_glyphs(face, gs, true, err);
	}
	if (sub)
		*out = hb_face_reference_blob(sub);
	if (!*out || hb_blob_get_length(*out) == 0) {
		/* never the whole face: a CJK face is some 20 MB */
		hb_blob_destroy(*out);
		*out = NULL;
		if (err == NULL || err->code == GALLEY_OK)
			rc = galley_error_set(err, GALLEY_EFONT, NULL, "font %s: HarfBuzz cannot subset it", font_path);
		else
			rc = err->code;
	}
cleanup:
	hb_face_destroy(sub);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return rc;
}
