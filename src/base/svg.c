/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * svg.c: the adapter between galley and librsvg (with cairo and GLib), see
 * svg.h.
 *
 * galley opens librsvg alone and finds cairo's and GLib's functions
 * through it: librsvg depends on both, and dlsym searches a library's
 * dependencies, so one dlopen brings the three in the versions librsvg was
 * built against.  Every function galley calls is listed once, kept in a
 * table filled at load time, and its name redirected to the table (see
 * src/read/png_api.h).
 *
 * librsvg 2.54 (Debian 12) parses with libxml2 and draws with cairo.  The
 * handle is made from memory without a base file (rsvg_handle_new_from_data),
 * at 96 dots per inch, so that CSS pixels are pixels.
 */
#include <stdbool.h>
#include <string.h>

#include <cairo.h>
#include <librsvg/rsvg.h>

#include "base/svg.h"
#include "base/buf.h"
#include "base/lazy.h"
#include "base/pngwrite.h"

#define BASE_SVG_FUNCS(X) \
	X(cairo_create) \
	X(cairo_destroy) \
	X(cairo_image_surface_create) \
	X(cairo_image_surface_get_data) \
	X(cairo_image_surface_get_stride) \
	X(cairo_status) \
	X(cairo_surface_destroy) \
	X(cairo_surface_flush) \
	X(cairo_surface_status) \
	X(g_error_free) \
	X(g_object_unref) \
	X(rsvg_handle_get_intrinsic_dimensions) \
	X(rsvg_handle_get_intrinsic_size_in_pixels) \
	X(rsvg_handle_new_from_data) \
	X(rsvg_handle_render_document) \
	X(rsvg_handle_set_dpi)

typedef struct base_svg_api {
#define X(f) __typeof__(f) *f;
	BASE_SVG_FUNCS(X)
#undef X
} base_svg_api;

static base_svg_api base_svg;

#define GALLEY_LAZY_TABLE base_svg

/* librsvg's file name, as its package installs it (the Makefile reads it
 * from the library's SONAME). */
#ifndef GALLEY_RSVG_SONAME
#define GALLEY_RSVG_SONAME "librsvg-2.so.2"
#endif

static const char *const svg_names[] = {BASE_SVG_FUNCS(GALLEY_LAZY_NAME)};
static void **const svg_slots[] = {BASE_SVG_FUNCS(GALLEY_LAZY_SLOT)};

static galley_lazy_lib svg_lib = GALLEY_LAZY_LIB("librsvg", GALLEY_EASSET,
                                                 GALLEY_RSVG_SONAME, svg_names, svg_slots);

#define cairo_create (base_svg.cairo_create)
#define cairo_destroy (base_svg.cairo_destroy)
#define cairo_image_surface_create (base_svg.cairo_image_surface_create)
#define cairo_image_surface_get_data (base_svg.cairo_image_surface_get_data)
#define cairo_image_surface_get_stride (base_svg.cairo_image_surface_get_stride)
#define cairo_status (base_svg.cairo_status)
#define cairo_surface_destroy (base_svg.cairo_surface_destroy)
#define cairo_surface_flush (base_svg.cairo_surface_flush)
#define cairo_surface_status (base_svg.cairo_surface_status)
#define g_error_free (base_svg.g_error_free)
#define g_object_unref (base_svg.g_object_unref)
#define rsvg_handle_get_intrinsic_dimensions (base_svg.rsvg_handle_get_intrinsic_dimensions)
#define rsvg_handle_get_intrinsic_size_in_pixels (base_svg.rsvg_handle_get_intrinsic_size_in_pixels)
#define rsvg_handle_new_from_data (base_svg.rsvg_handle_new_from_data)
#define rsvg_handle_render_document (base_svg.rsvg_handle_render_document)
#define rsvg_handle_set_dpi (base_svg.rsvg_handle_set_dpi)

/* CSS pixels per inch: the unit the reader measures SVGs in. */
#define SVG_DPI 96.0

int galley_svg_ready(galley_error *err)
{
	return galley_lazy_ready(&svg_lib, err);
}

/* A handle for `data`, or NULL with the error set. */
static RsvgHandle *open_handle(const unsigned char *data, size_t len, galley_error *err)
{
	GError *gerr = NULL;
	RsvgHandle *h;

	if (galley_svg_ready(err) < 0)
		return NULL;
	h = rsvg_handle_new_from_data(data, (gsize)len, &gerr);
	if (h == NULL) {
		galley_error_set(err, GALLEY_EASSET, NULL, "librsvg cannot read it: %s",
		                 gerr != NULL && gerr->message != NULL ? gerr->message : "unknown error");
		if (gerr != NULL)
			g_error_free(gerr);
		return NULL;
	}
	rsvg_handle_set_dpi(h, SVG_DPI);
	return h;
}

int galley_svg_measure(const unsigned char *data, size_t len, double *width, double *height,
                       galley_error *err)
{
	RsvgHandle *h = open_handle(data, len, err);
	gboolean has_w = FALSE, has_h = FALSE, has_box = FALSE;
	RsvgLength lw, lh;
	RsvgRectangle box;
	double w = 0, hh = 0;
	int rc = 0;

	*width = *height = 0;
	if (h == NULL)
		return err != NULL ? err->code : GALLEY_EASSET;
	if (!rsvg_handle_get_intrinsic_size_in_pixels(h, &w, &hh)) {
		rsvg_handle_get_intrinsic_dimensions(h, &has_w, &lw, &has_h, &lh, &has_box, &box);
		if (!has_box) {
			rc = galley_error_set(err, GALLEY_EASSET, NULL,
			                      "it has no size: no absolute width and height, no viewBox");
			goto cleanup;
		}
		w = box.width;
		hh = box.height;
	}
	if (!(w > 0 && hh > 0)) {
		rc = galley_error_set(err, GALLEY_EASSET, NULL, "it has an empty size (%gx%g)", w, hh);
		goto cleanup;
	}
	*width = w;
	*height = hh;
cleanup:
	g_object_unref(h);
	return rc;
}

/* Draws the SVG `data` on a new `width` x `height` cairo surface of
 * `format`; *out is the surface, flushed, for the caller to destroy.  0, or
 * an error code with `err` set. */
static int draw(const unsigned char *data, size_t len, cairo_format_t format, uint32_t width,
                uint32_t height, cairo_surface_t **out, galley_error *err)
{
	RsvgHandle *h = open_handle(data, len, err);
	cairo_surface_t *s = NULL;
	cairo_t *cr = NULL;
	GError *gerr = NULL;
	RsvgRectangle viewport = {0, 0, (double)width, (double)height};
	int rc = 0;

	*out = NULL;
	if (h == NULL)
		return err != NULL ? err->code : GALLEY_EASSET;
	s = cairo_image_surface_create(format, (int)width, (int)height);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		rc = galley_error_set(err, cairo_surface_status(s) == CAIRO_STATUS_NO_MEMORY
		                               ? GALLEY_ENOMEM : GALLEY_EASSET, NULL,
		                      "cairo cannot make a %ux%u surface", (unsigned)width, (unsigned)height);
		goto cleanup;
	}
	cr = cairo_create(s);
	if (!rsvg_handle_render_document(h, cr, &viewport, &gerr)) {
		rc = galley_error_set(err, GALLEY_EASSET, NULL, "librsvg cannot draw it: %s",
		                      gerr != NULL && gerr->message != NULL ? gerr->message : "unknown error");
		goto cleanup;
	}
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
		rc = galley_error_set(err, GALLEY_EASSET, NULL, "cairo failed while drawing it");
		goto cleanup;
	}
	cairo_surface_flush(s);
	*out = s;
	s = NULL;
cleanup:
	if (gerr != NULL)
		g_error_free(gerr);
	if (cr != NULL)
		cairo_destroy(cr);
	if (s != NULL)
		cairo_surface_destroy(s);
	g_object_unref(h);
	return rc;
}

int galley_svg_render(const unsigned char *data, size_t len, uint32_t width, uint32_t height,
                      unsigned char *rgb, unsigned char *alpha, int *opaque, galley_error *err)
{
	cairo_surface_t *s = NULL;
	const unsigned char *row;
	int stride, rc;

	*opaque = 1;
	if ((rc = draw(data, len, CAIRO_FORMAT_ARGB32, width, height, &s, err)) < 0)
		return rc;
	row = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	for (uint32_t y = 0; y < height; y++, row += stride) {
		const uint32_t *px = (const uint32_t *)(const void *)row;
		for (uint32_t x = 0; x < width; x++) {
			/* ARGB32: native-endian words, colour premultiplied by alpha */
			uint32_t v = px[x], a = v >> 24;
			size_t i = (size_t)y * width + x;
			unsigned char *out = rgb + i * 3;
			for (int c = 0; c < 3; c++) {
				uint32_t s8 = (v >> (16 - 8 * c)) & 0xFF;
				out[c] = (unsigned char)(a == 0 ? 0xFF : a == 0xFF ? s8 : (s8 * 255 + a / 2) / a);
			}
			alpha[i] = (unsigned char)a;
			if (a != 0xFF)
				*opaque = 0;
		}
	}
	cairo_surface_destroy(s);
	return 0;
}

int galley_svg_render_png(const unsigned char *data, size_t len, uint32_t width, uint32_t height,
                          unsigned char **png, size_t *png_len, galley_error *err)
{
	cairo_surface_t *s = NULL;
	galley_buf out = GALLEY_BUF_INIT;
	int rc;

	*png = NULL;
	*png_len = 0;
	if ((rc = draw(data, len, CAIRO_FORMAT_RGB24, width, height, &s, err)) < 0)
		return rc;
	/* the pixels as a PNG, by galley's own writer (base/pngwrite.c) */
	if (galley_png_write_rgb24(&out, cairo_image_surface_get_data(s),
	                           (size_t)cairo_image_surface_get_stride(s), width, height) < 0) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory writing a %ux%u PNG",
		                      (unsigned)width, (unsigned)height);
	} else if ((*png = (unsigned char *)galley_buf_take(&out, png_len)) == NULL) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	}
	galley_buf_dispose(&out);
	cairo_surface_destroy(s);
	return rc;
}
