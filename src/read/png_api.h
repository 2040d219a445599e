/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * png_api.h: the one adapter between galley and libpng, loaded when the
 * first PNG image is decoded or written (src/base/lazy.h).  Every function galley
 * calls is listed here once, kept in a table filled at load time, and its
 * name redirected to the table, so that the code calls png_read_info(...)
 * as usual (png_jmpbuf too, which calls png_set_longjmp_fn).  A function
 * used but not listed is a link error (the binary links no libpng).
 * read_libpng_ready() must succeed before the first call.
 */
#ifndef GALLEY_READ_PNG_API_H
#define GALLEY_READ_PNG_API_H

#include <png.h>

#include "galley/error.h"

#define READ_PNG_FUNCS(X) \
	X(png_create_info_struct) \
	X(png_create_read_struct) \
	X(png_create_write_struct) \
	X(png_destroy_read_struct) \
	X(png_destroy_write_struct) \
	X(png_error) \
	X(png_get_bit_depth) \
	X(png_get_channels) \
	X(png_get_color_type) \
	X(png_get_error_ptr) \
	X(png_get_image_height) \
	X(png_get_image_width) \
	X(png_get_io_ptr) \
	X(png_get_rowbytes) \
	X(png_longjmp) \
	X(png_read_end) \
	X(png_read_image) \
	X(png_read_info) \
	X(png_read_update_info) \
	X(png_set_IHDR) \
	X(png_set_compression_level) \
	X(png_set_expand) \
	X(png_set_interlace_handling) \
	X(png_set_longjmp_fn) \
	X(png_set_read_fn) \
	X(png_set_strip_16) \
	X(png_set_write_fn) \
	X(png_write_end) \
	X(png_write_info) \
	X(png_write_row)

typedef struct read_libpng_api {
#define X(f) __typeof__(f) *f;
	READ_PNG_FUNCS(X)
#undef X
} read_libpng_api;

extern read_libpng_api read_libpng;

/* Loads libpng once; 0, or GALLEY_EASSET with a message naming the
 * library and the Debian package that installs it. */
int read_libpng_ready(galley_error *err);

#ifndef READ_PNG_API_TABLE
#define png_create_info_struct (read_libpng.png_create_info_struct)
#define png_create_read_struct (read_libpng.png_create_read_struct)
#define png_create_write_struct (read_libpng.png_create_write_struct)
#define png_destroy_read_struct (read_libpng.png_destroy_read_struct)
#define png_destroy_write_struct (read_libpng.png_destroy_write_struct)
#define png_error (read_libpng.png_error)
#define png_get_bit_depth (read_libpng.png_get_bit_depth)
#define png_get_channels (read_libpng.png_get_channels)
#define png_get_color_type (read_libpng.png_get_color_type)
#define png_get_error_ptr (read_libpng.png_get_error_ptr)
#define png_get_image_height (read_libpng.png_get_image_height)
#define png_get_image_width (read_libpng.png_get_image_width)
#define png_get_io_ptr (read_libpng.png_get_io_ptr)
#define png_get_rowbytes (read_libpng.png_get_rowbytes)
#define png_longjmp (read_libpng.png_longjmp)
#define png_read_end (read_libpng.png_read_end)
#define png_read_image (read_libpng.png_read_image)
#define png_read_info (read_libpng.png_read_info)
#define png_read_update_info (read_libpng.png_read_update_info)
#define png_set_IHDR (read_libpng.png_set_IHDR)
#define png_set_compression_level (read_libpng.png_set_compression_level)
#define png_set_expand (read_libpng.png_set_expand)
#define png_set_interlace_handling (read_libpng.png_set_interlace_handling)
#define png_set_longjmp_fn (read_libpng.png_set_longjmp_fn)
#define png_set_read_fn (read_libpng.png_set_read_fn)
#define png_set_strip_16 (read_libpng.png_set_strip_16)
#define png_set_write_fn (read_libpng.png_set_write_fn)
#define png_write_end (read_libpng.png_write_end)
#define png_write_info (read_libpng.png_write_info)
#define png_write_row (read_libpng.png_write_row)
#endif

#endif
