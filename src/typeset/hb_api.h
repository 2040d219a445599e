/*
 * hb_api.h: the one adapter between galley and HarfBuzz, with its
 * subsetter.  Both are loaded when first needed (src/base/lazy.h): an
 * EPUB-only run maps neither, nor the glib, graphite2 and FreeType that
 * HarfBuzz brings.  Every function galley calls is listed here once, kept
 * in a table filled at load time, and its name redirected to the table,
 * so that the code calls hb_font_create(...) as usual.  A function used
 * but not listed is a link error (the binary links no HarfBuzz).
 *
 * gl_hb_ready() must succeed before the first call into libharfbuzz
 * (gl_fonts_open does it), gl_hb_subset_ready() before the first into
 * libharfbuzz-subset (gp_subset_make).
 */
#ifndef GALLEY_TYPESET_HB_API_H
#define GALLEY_TYPESET_HB_API_H

#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>

#include "galley/error.h"

/* libharfbuzz */
#define GL_HB_FUNCS(X) \
	X(hb_blob_create_from_file_or_fail) \
	X(hb_blob_destroy) \
	X(hb_blob_get_data) \
	X(hb_blob_get_length) \
	X(hb_blob_reference) \
	X(hb_buffer_add_utf8) \
	X(hb_buffer_allocation_successful) \
	X(hb_buffer_clear_contents) \
	X(hb_buffer_create) \
	X(hb_buffer_destroy) \
	X(hb_buffer_get_glyph_infos) \
	X(hb_buffer_get_glyph_positions) \
	X(hb_buffer_get_segment_properties) \
	X(hb_buffer_guess_segment_properties) \
	X(hb_buffer_set_direction) \
	X(hb_face_create) \
	X(hb_face_destroy) \
	X(hb_face_get_glyph_count) \
	X(hb_face_get_upem) \
	X(hb_face_reference_blob) \
	X(hb_face_reference_table) \
	X(hb_feature_from_string) \
	X(hb_font_create) \
	X(hb_font_destroy) \
	X(hb_font_get_empty) \
	X(hb_font_get_face) \
	X(hb_font_get_glyph_h_advance) \
	X(hb_font_get_h_extents) \
	X(hb_font_get_nominal_glyph) \
	X(hb_font_set_scale) \
	X(hb_ot_metrics_get_position) \
	X(hb_ot_name_get_utf8) \
	X(hb_segment_properties_equal) \
	X(hb_set_add) \
	X(hb_set_allocation_successful) \
	X(hb_shape_full) \
	X(hb_shape_plan_create_cached) \
	X(hb_shape_plan_destroy) \
	X(hb_shape_plan_execute) \
	X(hb_style_get_value) \
	X(hb_version_string)

/* libharfbuzz-subset */
#define GL_HB_SUBSET_FUNCS(X) \
	X(hb_subset_input_create_or_fail) \
	X(hb_subset_input_destroy) \
	X(hb_subset_input_set) \
	X(hb_subset_input_unicode_set) \
	X(hb_subset_or_fail)

typedef struct gl_hb_api {
#define X(f) __typeof__(f) *f;
	GL_HB_FUNCS(X)
	GL_HB_SUBSET_FUNCS(X)
#undef X
} gl_hb_api;

extern gl_hb_api gl_hb;

/* Load libharfbuzz (libharfbuzz-subset) once; 0, or GALLEY_EFONT with a
 * message naming the library and the Debian package that installs it. */
int gl_hb_ready(galley_error *err);
int gl_hb_subset_ready(galley_error *err);

#ifndef GL_HB_API_TABLE
#define hb_blob_create_from_file_or_fail (gl_hb.hb_blob_create_from_file_or_fail)
#define hb_blob_destroy (gl_hb.hb_blob_destroy)
#define hb_blob_get_data (gl_hb.hb_blob_get_data)
#define hb_blob_get_length (gl_hb.hb_blob_get_length)
#define hb_blob_reference (gl_hb.hb_blob_reference)
#define hb_buffer_add_utf8 (gl_hb.hb_buffer_add_utf8)
#define hb_buffer_allocation_successful (gl_hb.hb_buffer_allocation_successful)
#define hb_buffer_clear_contents (gl_hb.hb_buffer_clear_contents)
#define hb_buffer_create (gl_hb.hb_buffer_create)
#define hb_buffer_destroy (gl_hb.hb_buffer_destroy)
#define hb_buffer_get_glyph_infos (gl_hb.hb_buffer_get_glyph_infos)
#define hb_buffer_get_glyph_positions (gl_hb.hb_buffer_get_glyph_positions)
#define hb_buffer_get_segment_properties (gl_hb.hb_buffer_get_segment_properties)
#define hb_buffer_guess_segment_properties (gl_hb.hb_buffer_guess_segment_properties)
#define hb_buffer_set_direction (gl_hb.hb_buffer_set_direction)
#define hb_face_create (gl_hb.hb_face_create)
#define hb_face_destroy (gl_hb.hb_face_destroy)
#define hb_face_get_glyph_count (gl_hb.hb_face_get_glyph_count)
#define hb_face_get_upem (gl_hb.hb_face_get_upem)
#define hb_face_reference_blob (gl_hb.hb_face_reference_blob)
#define hb_face_reference_table (gl_hb.hb_face_reference_table)
#define hb_feature_from_string (gl_hb.hb_feature_from_string)
#define hb_font_create (gl_hb.hb_font_create)
#define hb_font_destroy (gl_hb.hb_font_destroy)
#define hb_font_get_empty (gl_hb.hb_font_get_empty)
#define hb_font_get_face (gl_hb.hb_font_get_face)
#define hb_font_get_glyph_h_advance (gl_hb.hb_font_get_glyph_h_advance)
#define hb_font_get_h_extents (gl_hb.hb_font_get_h_extents)
#define hb_font_get_nominal_glyph (gl_hb.hb_font_get_nominal_glyph)
#define hb_font_set_scale (gl_hb.hb_font_set_scale)
#define hb_ot_metrics_get_position (gl_hb.hb_ot_metrics_get_position)
#define hb_ot_name_get_utf8 (gl_hb.hb_ot_name_get_utf8)
#define hb_segment_properties_equal (gl_hb.hb_segment_properties_equal)
#define hb_set_add (gl_hb.hb_set_add)
#define hb_set_allocation_successful (gl_hb.hb_set_allocation_successful)
#define hb_shape_full (gl_hb.hb_shape_full)
#define hb_shape_plan_create_cached (gl_hb.hb_shape_plan_create_cached)
#define hb_shape_plan_destroy (gl_hb.hb_shape_plan_destroy)
#define hb_shape_plan_execute (gl_hb.hb_shape_plan_execute)
#define hb_style_get_value (gl_hb.hb_style_get_value)
#define hb_version_string (gl_hb.hb_version_string)
#define hb_subset_input_create_or_fail (gl_hb.hb_subset_input_create_or_fail)
#define hb_subset_input_destroy (gl_hb.hb_subset_input_destroy)
#define hb_subset_input_set (gl_hb.hb_subset_input_set)
#define hb_subset_input_unicode_set (gl_hb.hb_subset_input_unicode_set)
#define hb_subset_or_fail (gl_hb.hb_subset_or_fail)
#endif

#endif
