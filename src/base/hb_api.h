/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * hb_api.h: the one adapter between galley and HarfBuzz, with its
 * subsetter, shared by the typesetter (shaping, kerning) and the PDF
 * writer (subsetting fonts): it lives in the base layer so that neither
 * stage includes the other.  The
 * two libraries are loaded when first needed (src/base/lazy.h): an
 * EPUB-only run maps neither, nor the glib, graphite2 and FreeType that
 * HarfBuzz brings.  Every function galley calls is listed here once, kept
 * in a table filled at load time, and its name redirected to the table,
 * so that the code calls hb_font_create(...) as usual.  A function used
 * but not listed is a link error (the binary links no HarfBuzz).
 *
 * galley_hb_ready() must succeed before the first call into libharfbuzz
 * (gl_fonts_open does it), galley_hb_subset_ready() before the first into
 * libharfbuzz-subset (gp_subset_make).
 */
#ifndef GALLEY_BASE_HB_API_H
#define GALLEY_BASE_HB_API_H

#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>

#include "galley/error.h"

/* libharfbuzz */
#define GALLEY_HB_FUNCS(X) \
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
	X(hb_draw_funcs_create) \
	X(hb_draw_funcs_destroy) \
	X(hb_draw_funcs_set_close_path_func) \
	X(hb_draw_funcs_set_cubic_to_func) \
	X(hb_draw_funcs_set_line_to_func) \
	X(hb_draw_funcs_set_move_to_func) \
	X(hb_draw_funcs_set_quadratic_to_func) \
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
	X(hb_font_get_glyph_shape) \
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
	X(hb_buffer_set_script) \
	X(hb_buffer_set_language) \
	X(hb_language_from_string) \
	X(hb_unicode_funcs_get_default) \
	X(hb_unicode_script) \
	X(hb_unicode_general_category) \
	X(hb_script_get_horizontal_direction) \
	X(hb_shape) \
	X(hb_face_count) \
	X(hb_version_string)

/* libharfbuzz-subset */
#define GALLEY_HB_SUBSET_FUNCS(X) \
	X(hb_subset_input_create_or_fail) \
	X(hb_subset_input_destroy) \
	X(hb_subset_input_set) \
	X(hb_subset_input_unicode_set) \
	X(hb_subset_input_glyph_set) \
	X(hb_subset_input_set_flags) \
	X(hb_subset_or_fail)

typedef struct galley_hb_api {
#define X(f) __typeof__(f) *f;
	GALLEY_HB_FUNCS(X)
	GALLEY_HB_SUBSET_FUNCS(X)
#undef X
} galley_hb_api;

extern galley_hb_api galley_hb;

/* Load libharfbuzz (libharfbuzz-subset) once; 0, or GALLEY_EFONT with a
 * message naming the library and the Debian package that installs it. */
int galley_hb_ready(galley_error *err);
int galley_hb_subset_ready(galley_error *err);

#ifndef GALLEY_HB_API_TABLE
#define hb_blob_create_from_file_or_fail (galley_hb.hb_blob_create_from_file_or_fail)
#define hb_blob_destroy (galley_hb.hb_blob_destroy)
#define hb_blob_get_data (galley_hb.hb_blob_get_data)
#define hb_blob_get_length (galley_hb.hb_blob_get_length)
#define hb_blob_reference (galley_hb.hb_blob_reference)
#define hb_buffer_add_utf8 (galley_hb.hb_buffer_add_utf8)
#define hb_buffer_allocation_successful (galley_hb.hb_buffer_allocation_successful)
#define hb_buffer_clear_contents (galley_hb.hb_buffer_clear_contents)
#define hb_buffer_create (galley_hb.hb_buffer_create)
#define hb_buffer_destroy (galley_hb.hb_buffer_destroy)
#define hb_buffer_get_glyph_infos (galley_hb.hb_buffer_get_glyph_infos)
#define hb_buffer_get_glyph_positions (galley_hb.hb_buffer_get_glyph_positions)
#define hb_buffer_get_segment_properties (galley_hb.hb_buffer_get_segment_properties)
#define hb_buffer_guess_segment_properties (galley_hb.hb_buffer_guess_segment_properties)
#define hb_buffer_set_direction (galley_hb.hb_buffer_set_direction)
#define hb_draw_funcs_create (galley_hb.hb_draw_funcs_create)
#define hb_draw_funcs_destroy (galley_hb.hb_draw_funcs_destroy)
#define hb_draw_funcs_set_close_path_func (galley_hb.hb_draw_funcs_set_close_path_func)
#define hb_draw_funcs_set_cubic_to_func (galley_hb.hb_draw_funcs_set_cubic_to_func)
#define hb_draw_funcs_set_line_to_func (galley_hb.hb_draw_funcs_set_line_to_func)
#define hb_draw_funcs_set_move_to_func (galley_hb.hb_draw_funcs_set_move_to_func)
#define hb_draw_funcs_set_quadratic_to_func (galley_hb.hb_draw_funcs_set_quadratic_to_func)
#define hb_face_create (galley_hb.hb_face_create)
#define hb_face_destroy (galley_hb.hb_face_destroy)
#define hb_face_get_glyph_count (galley_hb.hb_face_get_glyph_count)
#define hb_face_get_upem (galley_hb.hb_face_get_upem)
#define hb_face_reference_blob (galley_hb.hb_face_reference_blob)
#define hb_face_reference_table (galley_hb.hb_face_reference_table)
#define hb_feature_from_string (galley_hb.hb_feature_from_string)
#define hb_font_create (galley_hb.hb_font_create)
#define hb_font_destroy (galley_hb.hb_font_destroy)
#define hb_font_get_empty (galley_hb.hb_font_get_empty)
#define hb_font_get_face (galley_hb.hb_font_get_face)
#define hb_font_get_glyph_h_advance (galley_hb.hb_font_get_glyph_h_advance)
#define hb_font_get_glyph_shape (galley_hb.hb_font_get_glyph_shape)
#define hb_font_get_h_extents (galley_hb.hb_font_get_h_extents)
#define hb_font_get_nominal_glyph (galley_hb.hb_font_get_nominal_glyph)
#define hb_font_set_scale (galley_hb.hb_font_set_scale)
#define hb_ot_metrics_get_position (galley_hb.hb_ot_metrics_get_position)
#define hb_ot_name_get_utf8 (galley_hb.hb_ot_name_get_utf8)
#define hb_segment_properties_equal (galley_hb.hb_segment_properties_equal)
#define hb_set_add (galley_hb.hb_set_add)
#define hb_set_allocation_successful (galley_hb.hb_set_allocation_successful)
#define hb_shape_full (galley_hb.hb_shape_full)
#define hb_shape_plan_create_cached (galley_hb.hb_shape_plan_create_cached)
#define hb_shape_plan_destroy (galley_hb.hb_shape_plan_destroy)
#define hb_shape_plan_execute (galley_hb.hb_shape_plan_execute)
#define hb_style_get_value (galley_hb.hb_style_get_value)
#define hb_buffer_set_script (galley_hb.hb_buffer_set_script)
#define hb_buffer_set_language (galley_hb.hb_buffer_set_language)
#define hb_language_from_string (galley_hb.hb_language_from_string)
#define hb_unicode_funcs_get_default (galley_hb.hb_unicode_funcs_get_default)
#define hb_unicode_script (galley_hb.hb_unicode_script)
#define hb_unicode_general_category (galley_hb.hb_unicode_general_category)
#define hb_script_get_horizontal_direction (galley_hb.hb_script_get_horizontal_direction)
#define hb_shape (galley_hb.hb_shape)
#define hb_face_count (galley_hb.hb_face_count)
#define hb_version_string (galley_hb.hb_version_string)
#define hb_subset_input_create_or_fail (galley_hb.hb_subset_input_create_or_fail)
#define hb_subset_input_destroy (galley_hb.hb_subset_input_destroy)
#define hb_subset_input_set (galley_hb.hb_subset_input_set)
#define hb_subset_input_unicode_set (galley_hb.hb_subset_input_unicode_set)
#define hb_subset_input_glyph_set (galley_hb.hb_subset_input_glyph_set)
#define hb_subset_input_set_flags (galley_hb.hb_subset_input_set_flags)
#define hb_subset_or_fail (galley_hb.hb_subset_or_fail)
#endif

#endif
