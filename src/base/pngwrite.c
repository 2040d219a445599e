/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * pngwrite.c: PNG files for the pictures galley draws itself (the EPUB's
 * cover), written with libdeflate, which galley links for the PDF's
 * streams.
 *
 * Why not cairo's PNG writer: it compresses with zlib's default level, and
 * took 80 of the 110 ms a cover cost, on every EPUB; libdeflate at a
 * middle level writes a 1600 x 2560 cover of flat colour and text in a few
 * milliseconds.  The format is the fixed part of the PNG
 * specification (ISO/IEC 15948, 5 and 11.2): the signature, IHDR, one
 * IDAT holding the zlib stream of every row (filter type 0 before each),
 * IEND; each chunk's CRC-32 is libdeflate's.  No text chunk, no time: the
 * bytes depend on the pixels alone.
 */
#include "base/pngwrite.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

/* libdeflate's level: a cover is flat colour and text, which its fastest
 * level already packs to a few hundred kilobytes; level 6 took a quarter
 * of a one-article EPUB's time for a smaller file no reader needs. */
#define PNG_DEFLATE_LEVEL 1

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Appends one chunk: length, type, data, CRC of type and data. */
static void chunk(galley_buf *out, const char type[4], const unsigned char *data, size_t len)
{
	unsigned char head[8], tail[4];
	uint32_t crc;

	put32(head, (uint32_t)len);
	memcpy(head + 4, type, 4);
	crc = libdeflate_crc32(0, type, 4);
	if (len > 0)
		crc = libdeflate_crc32(crc, data, len);
	put32(tail, crc);
	galley_buf_add(out, head, sizeof head);
	if (len > 0)
		galley_buf_add(out, data, len);
	galley_buf_add(out, tail, sizeof tail);
}

int galley_png_write_rgb24(galley_buf *out, const unsigned char *pixels, size_t stride,
                           uint32_t width, uint32_t height)
{
	static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	struct libdeflate_compressor *c = NULL;
	unsigned char ihdr[13], *raw = NULL, *z = NULL;
	size_t row = (size_t)width * 3 + 1, rawlen, zcap, zlen;
	uint32_t x, y;
	int rc = -1;

	/* a PNG's sizes are 31-bit; the rows must fit in memory */
	if (width == 0 || height == 0 || width > INT32_MAX || height > INT32_MAX ||
	    row > SIZE_MAX / height)
		goto cleanup;
	rawlen = row * height;
	if (!(raw = malloc(rawlen)) || !(c = libdeflate_alloc_compressor(PNG_DEFLATE_LEVEL)))
		goto cleanup;
	for (y = 0; y < height; y++) {
		const uint32_t *src = (const uint32_t *)(const void *)(pixels + (size_t)y * stride);
		unsigned char *dst = raw + (size_t)y * row;

		*dst++ = 0;  /* filter type None */
		for (x = 0; x < width; x++) {
			uint32_t p = src[x];
			*dst++ = (unsigned char)(p >> 16);
			*dst++ = (unsigned char)(p >> 8);
			*dst++ = (unsigned char)p;
		}
	}
	zcap = libdeflate_zlib_compress_bound(c, rawlen);
	if (!(z = malloc(zcap)) || (zlen = libdeflate_zlib_compress(c, raw, rawlen, z, zcap)) == 0 ||
	    zlen > INT32_MAX)
		goto cleanup;
	put32(ihdr, width);
	put32(ihdr + 4, height);
	ihdr[8] = 8;   /* bits per sample */
	ihdr[9] = 2;   /* truecolour */
	ihdr[10] = 0;  /* deflate */
	ihdr[11] = 0;  /* adaptive filtering, type 0 on every row */
	ihdr[12] = 0;  /* not interlaced */
	galley_buf_add(out, signature, sizeof signature);
	chunk(out, "IHDR", ihdr, sizeof ihdr);
	chunk(out, "IDAT", z, zlen);
	chunk(out, "IEND", NULL, 0);
	rc = out->failed ? -1 : 0;
cleanup:
	if (rc < 0)
		out->failed = true;
	libdeflate_free_compressor(c);
	free(raw);
	free(z);
	return rc;
}
