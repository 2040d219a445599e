/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * pngwrite.h: a PNG file of 8-bit RGB pixels, compressed with libdeflate.
 */
#ifndef GALLEY_BASE_PNGWRITE_H
#define GALLEY_BASE_PNGWRITE_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* Appends to `out` the PNG (colour type 2, 8 bits, not interlaced) of the
 * `width` x `height` image whose row y starts at pixels + y * stride and
 * holds `width` pixels of 32 bits in native byte order 0x00RRGGBB (cairo's
 * RGB24).  The same pixels give the same bytes.  0, or -1 when memory ran
 * out or the image is too large for a PNG (out->failed is then set). */
int galley_png_write_rgb24(galley_buf *out, const unsigned char *pixels, size_t stride,
                           uint32_t width, uint32_t height);

#endif
