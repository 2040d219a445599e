/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * svg.h: SVG images measured and drawn through librsvg and cairo, loaded
 * when first needed (src/base/lazy.h).  Private to libgalley.
 *
 * The reader measures an SVG (and so learns whether librsvg can read it at
 * all); the PDF writer draws it into pixels at the size and resolution it
 * is printed at.  Both stages call librsvg, and neither may include the
 * other, so the adapter lives here, as HarfBuzz's does (hb_api.h).  Only
 * svg.c includes librsvg's, cairo's and GLib's headers.
 *
 * The data given is an SVG that the reader has sanitised (no scripts, no
 * external references): it is parsed without a base file, so librsvg
 * could not load a relative reference anyway.
 */
#ifndef GALLEY_BASE_SVG_H
#define GALLEY_BASE_SVG_H

#include <stddef.h>
#include <stdint.h>

#include "galley/error.h"

/* Loads librsvg (which brings cairo and GLib) once; 0, or GALLEY_EASSET
 * "cannot load librsvg (SONAME): WHY". */
int galley_svg_ready(galley_error *err);

/* The intrinsic size of the SVG `data` (len bytes) in CSS pixels (1/96
 * inch): its width and height when both are absolute lengths, else its
 * viewBox.  GALLEY_EASSET with librsvg's reason when it cannot parse the
 * data or the image has no size; the message says what is wrong, not
 * which file (the caller names it). */
int galley_svg_measure(const unsigned char *data, size_t len, double *width, double *height,
                       galley_error *err);

/* Draws the SVG scaled to `width` x `height` pixels (its aspect ratio kept,
 * as its preserveAspectRatio says) into `rgb` (3 bytes a pixel, rows top
 * to bottom) and `alpha` (1 byte a pixel), which the caller allocates;
 * colours are un-premultiplied.  *opaque tells whether every alpha is 255.
 * Errors: GALLEY_EASSET (librsvg or cairo failed), GALLEY_ENOMEM. */
int galley_svg_render(const unsigned char *data, size_t len, uint32_t width, uint32_t height,
                      unsigned char *rgb, unsigned char *alpha, int *opaque, galley_error *err);

/* Draws the SVG at `width` x `height` pixels (as galley_svg_render) on an
 * opaque surface and encodes it as PNG (8-bit RGB, no time stamp: the
 * same SVG gives the same bytes) into a malloc'ed *png of *png_len bytes
 * the caller frees.  For pictures galley makes itself (the EPUB cover).
 * Errors: GALLEY_EASSET (librsvg or cairo failed), GALLEY_ENOMEM. */
int galley_svg_render_png(const unsigned char *data, size_t len, uint32_t width, uint32_t height,
                          unsigned char **png, size_t *png_len, galley_error *err);

#endif
