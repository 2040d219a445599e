/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * read/assets.c: images an article uses, resolved, checked and loaded once.
 *
 * - A URL with a scheme (http:, https:, ...) or starting with "//" is
 *   remote: without a fetcher in the options it is never fetched (galley
 *   does no network access), the image keeps no asset, the writers show
 *   its alt text, and a warning says so; with one, http and https images
 *   are downloaded when the article is mapped (fetch.c) and checked as a
 *   local file's bytes are.
 * - A local path is taken relative to the article's folder, resolved with
 *   realpath (so symbolic links and "..") and refused when it ends up
 *   outside that folder, unless allow_outside_assets is set.  Articles are
 *   untrusted input: "![](../../etc/passwd)" must not read arbitrary files.
 *   A percent-encoded path ("my%20photo.png") is decoded when the literal
 *   one does not exist.
 * - A site-root path ("/images/x.png", as Hugo and Jekyll write them) is
 *   looked for in each folder of the resource path (resource_path,
 *   "DIR:DIR...": DIR/images/x.png), and must stay inside that folder.  A
 *   relative path not found beside the article is looked for there too,
 *   as pandoc does.  Without a resource path a site-root path is refused
 *   (unless allow_outside_assets), with a message naming both options.
 * - The type comes from the magic bytes, never the extension.
 *   JPEG: the frame header (SOF) gives the size and components; the bytes
 *   are passed through unchanged, so the file must reach its EOI marker.
 *   An Adobe APP14 marker on a 4-component JPEG marks inverted CMYK.
 *   PNG: decoded by libpng into 8-bit gray or RGB plus a separate 8-bit
 *   alpha (libharu mishandles interlaced, 16-bit and transparent PNGs); the
 *   original bytes are kept too, for the EPUB.
 *   GIF: the first frame, decoded by giflib onto the logical screen, its
 *   transparent colour as alpha.  WebP: decoded by libwebp (the first
 *   frame of an animation through libwebpdemux), with its alpha, and
 *   written again as PNG for the EPUB's fallback (EPUB 3.2 readers).
 *   SVG: sanitised and measured (read/svg.c); drawn by the PDF writer.
 * - The pixel count is checked against GALLEY_READ_MAX_IMAGE_PIXELS from the
 *   header, before any pixel is decoded; the file size against
 *   GALLEY_READ_MAX_IMAGE_BYTES before it is read.
 * - An image that cannot be used (missing, refused, corrupt, too large,
 *   of an unknown type) is a warning at its position, not an error: the
 *   article is still read, every such image is reported in one run, and
 *   the writers show a placeholder (read_image returns READ_IMAGE_MISSING).
 *   Only running out of memory stops the read.
 *
 * Each decoder library is loaded with dlopen when the first image of its
 * type is read (src/base/lazy.h): an article of PNG and JPEG images loads
 * libpng only.  libpng reports errors by longjmp.  The jump stays inside
 * decode_png or encode_png: their setjmps are the only ones in galley,
 * and locals changed after them are volatile.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "read/gif_api.h"
#include "read/png_api.h"
#include "read/webp_api.h"

#include "base/buf.h"
#include "read/internal.h"

static int oom(read_ctx *ctx)
{
	return galley_error_set(ctx->err, GALLEY_ENOMEM, NULL, "out of memory reading %s", ctx->file);
}

/* Whether `url` names a remote resource: a scheme, or "//host/...". */
static bool has_scheme(const char *url)
{
	const char *p = url;
	if (url[0] == '/' && url[1] == '/')
		return true;
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return false;
	for (p++; *p != '\0' && *p != ':' && *p != '/'; p++) {
		bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		          (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.';
		if (!ok)
			return false;
	}
	return *p == ':';
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes %XX escapes in place; returns false when nothing changed or the
 * result would hold a NUL. */
static bool percent_decode(char *s)
{
	char *r = s, *w = s;
	bool changed = false;
	while (*r != '\0') {
		if (r[0] == '%' && hex_value(r[1]) >= 0 && hex_value(r[2]) >= 0) {
			char c = (char)(hex_value(r[1]) * 16 + hex_value(r[2]));
			if (c == '\0')
				return false;
			*w++ = c;
			r += 3;
			changed = true;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return changed;
}

/* Reads a whole regular file of at most GALLEY_READ_MAX_IMAGE_BYTES into
 * arena memory. */
static int load_bytes(read_ctx *ctx, const char *path, const char *shown, const galley_pos *pos,
                      unsigned char **out, size_t *out_len)
{
	FILE *f = NULL;
	struct stat st;
	unsigned char *buf = NULL;
	size_t size;
	int rc = 0;

	*out = NULL;
	*out_len = 0;
	f = fopen(path, "rb");
	if (f == NULL || fstat(fileno(f), &st) != 0) {
		rc = galley_error_set(ctx->err, GALLEY_EASSET, pos, "cannot read image '%s': %s",
		                      shown, strerror(errno));
		goto cleanup;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = galley_error_set(ctx->err, GALLEY_EASSET, pos, "image '%s' is not a regular file",
		                      shown);
		goto cleanup;
	}
	if ((uint64_t)st.st_size > GALLEY_READ_MAX_IMAGE_BYTES) {
		rc = galley_error_set(ctx->err, GALLEY_ELIMIT, pos,
		                      "image '%s' of %lld bytes exceeds GALLEY_READ_MAX_IMAGE_BYTES (%zu)",
		                      shown, (long long)st.st_size, GALLEY_READ_MAX_IMAGE_BYTES);
		goto cleanup;
	}
	size = (size_t)st.st_size;
	buf = galley_doc_alloc(ctx->doc, size + 1);
	if (buf == NULL) {
		rc = oom(ctx);
		goto cleanup;
	}
	if (fread(buf, 1, size, f) != size || ferror(f)) {
		rc = galley_error_set(ctx->err, GALLEY_EASSET, pos, "cannot read image '%s': %s",
		                      shown, ferror(f) ? strerror(errno) : "the file shrank while read");
		goto cleanup;
	}
	*out = buf;
	*out_len = size;

cleanup:
	if (f != NULL)
		fclose(f);
	return rc;
}

static int check_pixels(read_ctx *ctx, const char *shown, const galley_pos *pos,
                        uint64_t width, uint64_t height)
{
	if (width == 0 || height == 0)
		return galley_error_set(ctx->err, GALLEY_EASSET, pos, "image '%s' has no pixels", shown);
	if (width * height > GALLEY_READ_MAX_IMAGE_PIXELS)
		return galley_error_set(ctx->err, GALLEY_ELIMIT, pos,
		                        "image '%s' of %llux%llu pixels exceeds "
		                        "GALLEY_READ_MAX_IMAGE_PIXELS (%llu)", shown,
		                        (unsigned long long)width, (unsigned long long)height,
		                        (unsigned long long)GALLEY_READ_MAX_IMAGE_PIXELS);
	return 0;
}

/* ---- JPEG ------------------------------------------------------------------ */

/* Reads the frame header (ITU T.81, B.2.2) and checks the file reaches
 * its EOI marker.  Only 8-bit baseline, extended and progressive Huffman
 * JPEGs are accepted: what PDF readers and e-book readers all display. */
static int measure_jpeg(read_ctx *ctx, const char *shown, const galley_pos *pos,
                        const unsigned char *d, size_t len, galley_asset *a)
{
	size_t i = 2, seglen;
	bool frame = false;
	unsigned marker;
	int rc;

	for (;;) {
		if (i >= len)
			goto truncated;
		if (d[i] != 0xFF)
			return galley_error_set(ctx->err, GALLEY_EASSET, pos,
			                        "corrupt JPEG image '%s': no marker at byte %zu", shown, i);
		while (i < len && d[i] == 0xFF)
			i++;
		if (i >= len)
			goto truncated;
		marker = d[i++];
		if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8))
			continue; /* markers without a length */
		if (marker == 0xD9)
			return galley_error_set(ctx->err, GALLEY_EASSET, pos,
			                        "corrupt JPEG image '%s': it ends before its image data", shown);
		if (len - i < 2)
			goto truncated;
		seglen = (size_t)d[i] << 8 | d[i + 1];
		if (seglen < 2)
			return galley_error_set(ctx->err, GALLEY_EASSET, pos,
			                        "corrupt JPEG image '%s': bad segment length", shown);
		if (len - i < seglen)
			goto truncated;
		if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 &&
		    marker != 0xCC && !frame) {
			if (marker > 0xC2)
				return galley_error_set(ctx->err, GALLEY_EASSET, pos,
				                        "JPEG image '%s' uses lossless or arithmetic coding "
				                        "(SOF%u), which readers do not display", shown,
				                        marker - 0xC0);
			if (seglen < 8 || d[i + 2] != 8)
				return galley_error_set(ctx->err, GALLEY_EASSET, pos,
				                        "JPEG image '%s' is not an 8-bit JPEG", shown);
			a->height = (uint32_t)d[i + 3] << 8 | d[i + 4];
			a->width = (uint32_t)d[i + 5] << 8 | d[i + 6];
			a->channels = d[i + 7];
			if (a->channels != 1 && a->channels != 3 && a->channels != 4)
				return galley_error_set(ctx->err, GALLEY_EASSET, pos,
				                        "JPEG image '%s' has %d components (1, 3 or 4 expected)",
				                        shown, a->channels);
			if ((rc = check_pixels(ctx, shown, pos, a->width, a->height)) < 0)
				return rc;
			frame = true;
		}
		if (marker == 0xEE && seglen >= 14 && memcmp(d + i + 2, "Adobe", 5) == 0)
			a->inverted = true; /* APP14 "Adobe": CMYK stored inverted */
		if (marker == 0xDA) { /* start of scan: entropy-coded data follows */
			if (!frame)
				return galley_error_set(ctx->err, GALLEY_EASSET, pos,
				                        "corrupt JPEG image '%s': image data before the "
				                        "frame header", shown);
			for (i += seglen; i + 1 < len; i++) {
				if (d[i] == 0xFF && d[i + 1] == 0xD9) {
					if (a->channels != 4)
						a->inverted = false;
					return 0;
				}
			}
			goto truncated;
		}
		i += seglen;
	}
truncated:
	return galley_error_set(ctx->err, GALLEY_EASSET, pos, "JPEG image '%s' is truncated", shown);
}

/* ---- PNG ------------------------------------------------------------------- */

typedef struct png_source {
	const unsigned char *data;
	size_t len, at;
	char message[160]; /* libpng's error text */
} png_source;

static void png_read_cb(png_structp png, png_bytep out, size_t n)
{
	png_source *src = png_get_io_ptr(png);
	if (src->len - src->at < n)
		png_error(png, "the file is truncated");
	memcpy(out, src->data + src->at, n);
	src->at += n;
}

static void png_error_cb(png_structp png, png_const_charp msg)
{
	png_source *src = png_get_error_ptr(png);
	snprintf(src->message, sizeof src->message, "%s", msg);
	png_longjmp(png, 1);
}

static void png_warning_cb(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg; /* warnings are about ancillary data galley does not use */
}

/* Splits decoded samples (`channels` per pixel: color, then alpha if
 * channels > colors) into a->pixels and a->alpha; alpha that is opaque
 * everywhere is dropped. */
static int split_alpha(read_ctx *ctx, const unsigned char *buf, size_t npix, int channels,
                       int colors, galley_asset *a)
{
	unsigned char *pixels, *alpha = NULL;
	bool opaque = true;
	size_t x;
	int c;

	pixels = galley_doc_alloc(ctx->doc, npix * (size_t)colors);
	if (pixels == NULL)
		return oom(ctx);
	if (channels > colors && (alpha = galley_doc_alloc(ctx->doc, npix)) == NULL)
		return oom(ctx);
	for (x = 0; x < npix; x++) {
		const unsigned char *px = buf + x * (size_t)channels;
		for (c = 0; c < colors; c++)
			pixels[x * (size_t)colors + (size_t)c] = px[c];
		if (alpha != NULL) {
			alpha[x] = px[colors];
			opaque = opaque && alpha[x] == 0xFF;
		}
	}
	a->channels = colors;
	a->pixels = pixels;
	a->alpha = opaque ? NULL : alpha;
	return 0;
}

static int decode_png(read_ctx *ctx, const char *shown, const galley_pos *pos,
                      const unsigned char *data, size_t len, galley_asset *a)
{
	png_source src;
	png_structp png = NULL;
	png_infop info = NULL;
	unsigned char *volatile buf = NULL;
	png_bytep *volatile rows = NULL;
	png_uint_32 width, height, y;
	size_t rowbytes;
	int channels, color;
	int rc = 0;

	memset(&src, 0, sizeof src);
	src.data = data;
	src.len = len;
	if ((rc = read_libpng_ready(ctx->err)) < 0)
		return rc;
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &src, png_error_cb, png_warning_cb);
	if (png == NULL || (info = png_create_info_struct(png)) == NULL) {
		rc = oom(ctx);
		goto cleanup;
	}
	if (setjmp(png_jmpbuf(png))) {
		rc = galley_error_set(ctx->err, GALLEY_EASSET, pos, "corrupt PNG image '%s': %s",
		                      shown, src.message);
		goto cleanup;
	}
	png_set_read_fn(png, &src, png_read_cb);
	png_read_info(png, info);
	width = png_get_image_width(png, info);
	height = png_get_image_height(png, info);
	if ((rc = check_pixels(ctx, shown, pos, width, height)) < 0)
		goto cleanup;
	png_set_expand(png);   /* palette to RGB, low-bit gray to 8, tRNS to alpha */
	png_set_strip_16(png);
	(void)png_set_interlace_handling(png);
	png_read_update_info(png, info);
	channels = png_get_channels(png, info);
	color = png_get_color_type(png, info);
	rowbytes = png_get_rowbytes(png, info);
	if (png_get_bit_depth(png, info) != 8 || channels < 1 || channels > 4 ||
	    rowbytes != (size_t)width * (size_t)channels) {
		rc = galley_error_set(ctx->err, GALLEY_EASSET, pos,
		                      "PNG image '%s' has a pixel format galley cannot convert", shown);
		goto cleanup;
	}
	buf = malloc(rowbytes * height);
	rows = malloc(sizeof *rows * height);
	if (buf == NULL || rows == NULL) {
		rc = oom(ctx);
		goto cleanup;
	}
	for (y = 0; y < height; y++)
		rows[y] = buf + (size_t)y * rowbytes;
	png_read_image(png, rows);
	png_read_end(png, NULL);

	a->width = width;
	a->height = height;
	rc = split_alpha(ctx, buf, (size_t)width * height, channels,
	                 (color & PNG_COLOR_MASK_COLOR) ? 3 : 1, a);

cleanup:
	if (png != NULL)
		png_destroy_read_struct(&png, info != NULL ? &info : NULL, NULL);
	free((void *)rows);
	free((void *)buf);
	return rc;
}

/* ---- GIF ------------------------------------------------------------------- */

typedef struct gif_source {
	const unsigned char *data;
	size_t len, at;
} gif_source;

static int gif_read_cb(GifFileType *gif, GifByteType *out, int n)
{
	gif_source *src = gif->UserData;
	size_t k = n < 0 ? 0 : (size_t)n;

	if (k > src->len - src->at)
		k = src->len - src->at;
	memcpy(out, src->data + src->at, k);
	src->at += k;
	return (int)k;
}

static int gif_corrupt(read_ctx *ctx, const char *shown, const galley_pos *pos, int code)
{
	const char *why = GifErrorString(code);
	return galley_error_set(ctx->err, GALLEY_EASSET, pos, "corrupt GIF image '%s': %s", shown,
	                        why != NULL ? why : "unknown error");
}

/* Decodes the first frame onto the logical screen (transparent where the
 * frame does not reach or its transparent colour is), as browsers show a
 * GIF before it moves.  The screen's and the frame's sizes are checked
 * before any pixel is decoded. */
static int decode_gif(read_ctx *ctx, const char *shown, const galley_pos *pos,
                      const unsigned char *data, size_t len, galley_asset *a)
{
	static const int pass_start[4] = {0, 4, 2, 1}, pass_step[4] = {8, 8, 4, 2};
	gif_source src = {data, len, 0};
	GifFileType *gif = NULL;
	unsigned char *canvas = NULL;
	GifPixelType *line = NULL;
	int gerr = 0, transparent = -1, rc = 0;

	if ((rc = read_giflib_ready(ctx->err)) < 0)
		return rc;
	gif = DGifOpen(&src, gif_read_cb, &gerr);
	if (gif == NULL)
		return gif_corrupt(ctx, shown, pos, gerr);
	if ((rc = check_pixels(ctx, shown, pos, (uint64_t)gif->SWidth, (uint64_t)gif->SHeight)) < 0)
		goto cleanup;
	canvas = calloc((size_t)gif->SWidth * (size_t)gif->SHeight, 4);
	if (canvas == NULL) {
		rc = oom(ctx);
		goto cleanup;
	}
	for (;;) {
		GifRecordType type;
		if (DGifGetRecordType(gif, &type) == GIF_ERROR) {
			rc = gif_corrupt(ctx, shown, pos, gif->Error);
			goto cleanup;
		}
		if (type == TERMINATE_RECORD_TYPE) {
			rc = galley_error_set(ctx->err, GALLEY_EASSET, pos, "GIF image '%s' has no frame", shown);
			goto cleanup;
		}
		if (type == EXTENSION_RECORD_TYPE) {
			GifByteType *ext = NULL;
			int code;
			if (DGifGetExtension(gif, &code, &ext) == GIF_ERROR) {
				rc = gif_corrupt(ctx, shown, pos, gif->Error);
				goto cleanup;
			}
			/* graphic control: packed fields, delay (2 bytes), transparent index */
			if (code == GRAPHICS_EXT_FUNC_CODE && ext != NULL && ext[0] >= 4)
				transparent = (ext[1] & 0x01) ? ext[4] : -1;
			while (ext != NULL) {
				if (DGifGetExtensionNext(gif, &ext) == GIF_ERROR) {
					rc = gif_corrupt(ctx, shown, pos, gif->Error);
					goto cleanup;
				}
			}
			continue;
		}
		if (type != IMAGE_DESC_RECORD_TYPE)
			continue;
		if (DGifGetImageDesc(gif) == GIF_ERROR) {
			rc = gif_corrupt(ctx, shown, pos, gif->Error);
			goto cleanup;
		}
		break;
	}
	{
		const GifImageDesc *d = &gif->Image;
		const ColorMapObject *map = d->ColorMap != NULL ? d->ColorMap : gif->SColorMap;
		int passes = d->Interlace ? 4 : 1;

		if (map == NULL || map->Colors == NULL) {
			rc = galley_error_set(ctx->err, GALLEY_EASSET, pos,
			                      "corrupt GIF image '%s': no colour table", shown);
			goto cleanup;
		}
		if (d->Width <= 0 || d->Height <= 0 ||
		    (rc = check_pixels(ctx, shown, pos, (uint64_t)d->Width, (uint64_t)d->Height)) < 0) {
			if (rc == 0)
				rc = galley_error_set(ctx->err, GALLEY_EASSET, pos,
				                      "GIF image '%s' has an empty first frame", shown);
			goto cleanup;
		}
		if ((line = malloc((size_t)d->Width)) == NULL) {
			rc = oom(ctx);
			goto cleanup;
		}
		for (int p = 0; p < passes; p++) {
			for (int y = d->Interlace ? pass_start[p] : 0; y < d->Height;
			     y += d->Interlace ? pass_step[p] : 1) {
				long sy = (long)d->Top + y;
				if (DGifGetLine(gif, line, d->Width) == GIF_ERROR) {
					rc = gif_corrupt(ctx, shown, pos, gif->Error);
					goto cleanup;
				}
				if (sy < 0 || sy >= gif->SHeight)
					continue;
				for (int x = 0; x < d->Width; x++) {
					long sx = (long)d->Left + x;
					unsigned char *px;
					const GifColorType *c;
					if (sx < 0 || sx >= gif->SWidth || line[x] == transparent)
						continue;
					c = &map->Colors[line[x] < map->ColorCount ? line[x] : 0];
					px = canvas + ((size_t)sy * (size_t)gif->SWidth + (size_t)sx) * 4;
					px[0] = c->Red;
					px[1] = c->Green;
					px[2] = c->Blue;
					px[3] = 0xFF;
				}
			}
		}
	}
	a->width = (uint32_t)gif->SWidth;
	a->height = (uint32_t)gif->SHeight;
	rc = split_alpha(ctx, canvas, (size_t)a->width * a->height, 4, 3, a);

cleanup:
	if (gif != NULL)
		DGifCloseFile(gif, &gerr);
	free(line);
	free(canvas);
	return rc;
}

/* ---- PNG, written ---------------------------------------------------------- */

static void png_write_cb(png_structp png, png_bytep data, size_t n)
{
	galley_buf *b = png_get_io_ptr(png);
	galley_buf_add(b, data, n);
	if (b->failed)
		png_error(png, "out of memory");
}

static void png_flush_cb(png_structp png)
{
	(void)png;
}

/* The decoded pixels of `a` (and its alpha) written as a PNG into
 * a->fallback, for the EPUB's readers that do not know a->media_type.
 * libpng's errors come back by longjmp to the setjmp here, the only other
 * one in galley; locals changed after it are volatile. */
static int encode_png(read_ctx *ctx, const char *shown, const galley_pos *pos, galley_asset *a)
{
	png_source src;
	galley_buf out = GALLEY_BUF_INIT;
	png_structp png = NULL;
	png_infop info = NULL;
	unsigned char *volatile row = NULL;
	unsigned char *copy;
	int colors = a->channels, per = colors + (a->alpha != NULL ? 1 : 0);
	volatile int rc = 0;

	memset(&src, 0, sizeof src);
	if ((rc = read_libpng_ready(ctx->err)) < 0)
		return rc;
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &src, png_error_cb, png_warning_cb);
	if (png == NULL || (info = png_create_info_struct(png)) == NULL ||
	    (row = malloc((size_t)a->width * (size_t)per)) == NULL) {
		rc = oom(ctx);
		goto cleanup;
	}
	if (setjmp(png_jmpbuf(png))) {
		rc = out.failed ? oom(ctx)
		                : galley_error_set(ctx->err, GALLEY_EASSET, pos,
		                                   "image '%s' could not be written as PNG: %s",
		                                   shown, src.message);
		goto cleanup;
	}
	png_set_write_fn(png, &out, png_write_cb, png_flush_cb);
	png_set_IHDR(png, info, a->width, a->height, 8,
	             colors == 3 ? (per == 4 ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB)
	                         : (per == 2 ? PNG_COLOR_TYPE_GRAY_ALPHA : PNG_COLOR_TYPE_GRAY),
	             PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (uint32_t y = 0; y < a->height; y++) {
		for (uint32_t x = 0; x < a->width; x++) {
			size_t i = (size_t)y * a->width + x;
			memcpy(row + (size_t)x * per, a->pixels + i * (size_t)colors, (size_t)colors);
			if (a->alpha != NULL)
				row[(size_t)x * per + (size_t)colors] = a->alpha[i];
		}
		png_write_row(png, row);
	}
	png_write_end(png, info);
	if ((copy = galley_doc_alloc(ctx->doc, out.len)) == NULL) {
		rc = oom(ctx);
		goto cleanup;
	}
	memcpy(copy, out.data, out.len);
	a->fallback = copy;
	a->fallback_size = out.len;

cleanup:
	if (png != NULL)
		png_destroy_write_struct(&png, info != NULL ? &info : NULL);
	free((void *)row);
	galley_buf_dispose(&out);
	return rc;
}

/* ---- WebP ------------------------------------------------------------------ */

/* Decodes a WebP (still, or the first frame of an animation onto its
 * canvas) into 8-bit RGB and alpha. */
static int decode_webp(read_ctx *ctx, const char *shown, const galley_pos *pos,
                       const unsigned char *data, size_t len, galley_asset *a)
{
	WebPBitstreamFeatures f;
	WebPDemuxer *demux = NULL;
	WebPIterator it;
	bool have_it = false;
	unsigned char *canvas = NULL, *frame = NULL;
	const uint8_t *bits = data;
	size_t nbits = len, npix;
	int fx = 0, fy = 0, fw, fh, rc = 0;

	memset(&it, 0, sizeof it);
	if ((rc = read_libwebp_ready(ctx->err)) < 0)
		return rc;
	if (WebPGetFeaturesInternal(data, len, &f, WEBP_DECODER_ABI_VERSION) != VP8_STATUS_OK)
		return galley_error_set(ctx->err, GALLEY_EASSET, pos,
		                        "corrupt WebP image '%s': no valid header", shown);
	if ((rc = check_pixels(ctx, shown, pos, (uint64_t)(f.width > 0 ? f.width : 0),
	                       (uint64_t)(f.height > 0 ? f.height : 0))) < 0)
		return rc;
	fw = f.width;
	fh = f.height;
	if (f.has_animation) {
		WebPData whole = {data, len};
		demux = WebPDemuxInternal(&whole, 0, NULL, WEBP_DEMUX_ABI_VERSION);
		if (demux == NULL || !(have_it = WebPDemuxGetFrame(demux, 1, &it))) {
			rc = galley_error_set(ctx->err, GALLEY_EASSET, pos,
			                      "corrupt WebP image '%s': its first frame cannot be read", shown);
			goto cleanup;
		}
		bits = it.fragment.bytes;
		nbits = it.fragment.size;
		fx = it.x_offset;
		fy = it.y_offset;
		fw = it.width;
		fh = it.height;
		if (fw <= 0 || fh <= 0 || fx < 0 || fy < 0 || fx > f.width - fw || fy > f.height - fh) {
			rc = galley_error_set(ctx->err, GALLEY_EASSET, pos,
			                      "corrupt WebP image '%s': its first frame is off the canvas", shown);
			goto cleanup;
		}
	}
	npix = (size_t)f.width * (size_t)f.height;
	canvas = calloc(npix, 4);
	frame = f.has_animation ? malloc((size_t)fw * (size_t)fh * 4) : canvas;
	if (canvas == NULL || frame == NULL) {
		rc = oom(ctx);
		goto cleanup;
	}
	if (WebPDecodeRGBAInto(bits, nbits, frame, (size_t)fw * (size_t)fh * 4, fw * 4) == NULL) {
		rc = galley_error_set(ctx->err, GALLEY_EASSET, pos,
		                      "corrupt WebP image '%s': its pixels cannot be decoded", shown);
		goto cleanup;
	}
	if (frame != canvas)
		for (int y = 0; y < fh; y++)
			memcpy(canvas + (((size_t)(fy + y)) * (size_t)f.width + (size_t)fx) * 4,
			       frame + (size_t)y * (size_t)fw * 4, (size_t)fw * 4);
	a->width = (uint32_t)f.width;
	a->height = (uint32_t)f.height;
	rc = split_alpha(ctx, canvas, npix, 4, 3, a);
	if (rc == 0)
		rc = encode_png(ctx, shown, pos, a);

cleanup:
	if (have_it)
		WebPDemuxReleaseIterator(&it);
	if (demux != NULL)
		WebPDemuxDelete(demux);
	if (frame != canvas)
		free(frame);
	free(canvas);
	return rc;
}

/* ---- entry points ------------------------------------------------------------ */

int read_image_bytes(read_ctx *ctx, const char *key, const char *shown, const galley_pos *pos,
                     unsigned char *bytes, size_t size, const galley_asset **out)
{
	static const unsigned char png_magic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	galley_asset a;
	int rc;

	*out = NULL;
	memset(&a, 0, sizeof a);
	a.bytes = bytes;
	a.size = size;
	if (size >= 8 && memcmp(bytes, png_magic, 8) == 0) {
		a.media_type = "image/png";
		rc = decode_png(ctx, shown, pos, bytes, size, &a);
	} else if (size >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) {
		a.media_type = "image/jpeg";
		rc = measure_jpeg(ctx, shown, pos, bytes, size, &a);
	} else if (size >= 6 && (memcmp(bytes, "GIF87a", 6) == 0 || memcmp(bytes, "GIF89a", 6) == 0)) {
		a.media_type = "image/gif";
		rc = decode_gif(ctx, shown, pos, bytes, size, &a);
	} else if (size >= 12 && memcmp(bytes, "RIFF", 4) == 0 && memcmp(bytes + 8, "WEBP", 4) == 0) {
		a.media_type = "image/webp";
		rc = decode_webp(ctx, shown, pos, bytes, size, &a);
	} else if (read_svg_sniff(bytes, size)) {
		rc = read_svg_load(ctx, shown, pos, ctx->err, bytes, size, &a);
	} else {
		rc = galley_error_set(ctx->err, GALLEY_EASSET, pos,
		                      "image '%s' is not a PNG, JPEG, GIF, WebP or SVG file", shown);
	}
	if (rc < 0)
		return rc;
	a.path = galley_doc_strdup(ctx->doc, key);
	if (a.path == NULL || (*out = galley_doc_add_asset(ctx->doc, &a)) == NULL)
		return oom(ctx);
	return 0;
}

/* Loads the image at `resolved`; `shown` is how messages name it. */
static int load_image(read_ctx *ctx, const char *resolved, const char *shown,
                      const galley_pos *pos, const galley_asset **out)
{
	unsigned char *bytes;
	size_t size;
	int rc;

	*out = galley_doc_lookup_asset(ctx->doc, resolved);
	if (*out != NULL)
		return 0;
	if ((rc = load_bytes(ctx, resolved, shown, pos, &bytes, &size)) < 0)
		return rc;
	return read_image_bytes(ctx, resolved, shown, pos, bytes, size, out);
}

int read_image_file(read_ctx *ctx, const char *resolved, const galley_pos *pos,
                    const galley_asset **out)
{
	return load_image(ctx, resolved, resolved, pos, out);
}

/* Whether `path` is `dir` itself or inside it (both resolved). */
static bool inside(const char *dir, const char *path)
{
	size_t n = strlen(dir);
	if (strcmp(dir, "/") == 0)
		return true;
	return strncmp(dir, path, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* Whether a relative path climbs out of its folder as written ("../x",
 * "a/../../x") or is absolute.  Checked before the file system is asked,
 * so that refusing an outside path never tells whether the file exists. */
static bool leaves_folder(const char *url)
{
	long depth = 0;
	const char *p = url;
	if (url[0] == '/')
		return true;
	while (*p != '\0') {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (--depth < 0)
				return true;
		} else if (n > 0 && !(n == 1 && p[0] == '.')) {
			depth++;
		}
		p += n;
		while (*p == '/')
			p++;
	}
	return false;
}

/* `url` (a path) found in folder `dir` (`dirlen` bytes; NULL: `url` as it
 * is): the real path, malloc'ed, in *out, or NULL with errno's reason in
 * *why.  Inside `dir` only, unless `anywhere`.  0 or GALLEY_ENOMEM. */
static int find_in(read_ctx *ctx, const char *dir, size_t dirlen, const char *url, bool anywhere,
                   char **out, int *why)
{
	char *joined = NULL, *dir_copy = NULL, *dir_real = NULL;
	int rc = 0;

	*out = NULL;
	*why = ENOENT;
	joined = malloc((dir ? dirlen : 0) + strlen(url) + 2);
	if (joined == NULL)
		return oom(ctx);
	if (dir == NULL)
		strcpy(joined, url);
	else
		sprintf(joined, "%.*s%s%s", (int)dirlen, dir, url[0] == '/' ? "" : "/", url);
	*out = realpath(joined, NULL);
	if (*out == NULL && percent_decode(joined))
		*out = realpath(joined, NULL);
	if (*out == NULL) {
		*why = errno;
		if (*why == ENOMEM)
			rc = oom(ctx);
		goto cleanup;
	}
	if (dir != NULL && !anywhere) {
		if ((dir_copy = strndup(dir, dirlen)) == NULL) {
			rc = oom(ctx);
			goto cleanup;
		}
		dir_real = realpath(dir_copy, NULL);
		if (dir_real == NULL || !inside(dir_real, *out)) {
			free(*out);
			*out = NULL;
			*why = EACCES;
		}
	}
cleanup:
	free(joined);
	free(dir_copy);
	free(dir_real);
	return rc;
}

/* The folders of the resource path, one at a time: *dir and *len for the
 * next one after *p, which advances; false when there are no more. */
static bool next_resource_dir(const char **p, const char **dir, size_t *len)
{
	while (**p == ':')
		(*p)++;
	if (**p == '\0')
		return false;
	*dir = *p;
	*len = strcspn(*p, ":");
	*p += *len;
	return true;
}

/* Resolves the local path `url` to a real path (malloc'ed, *out), by the
 * rules at the top of this file.  A refusal or a file not found is an
 * error in ctx->err. */
static int resolve(read_ctx *ctx, const char *url, const galley_pos *pos, char **out)
{
	const char *base = ctx->base_dir != NULL && *ctx->base_dir != '\0' ? ctx->base_dir : ".";
	const char *rp = ctx->opts->resource_path, *p, *dir;
	bool anywhere = ctx->opts->allow_outside_assets;
	bool site_root = url[0] == '/';
	size_t len;
	int rc, why = ENOENT, w;

	*out = NULL;
	if (rp != NULL && *rp == '\0')
		rp = NULL;
	if (site_root && rp != NULL) {
		for (p = rp; next_resource_dir(&p, &dir, &len);) {
			if ((rc = find_in(ctx, dir, len, url, anywhere, out, &w)) < 0 || *out != NULL)
				return rc;
			if (w == EACCES)
				why = EACCES;
		}
		if (!anywhere)
			return galley_error_set(ctx->err, GALLEY_EASSET, pos, why == EACCES
			                        ? "image '%s' leads outside the resource path (%s); refused "
			                          "(allow it with --allow-outside-assets)"
			                        : "image '%s' not found in the resource path (%s)", url, rp);
	}
	if (!anywhere && site_root)
		return galley_error_set(ctx->err, GALLEY_EASSET, pos,
		                        "image '%s' is a site-root path; refused (--resource-path DIR "
		                        "finds it as DIR%s; --allow-outside-assets allows any path)", url, url);
	if (!anywhere && leaves_folder(url))
		return galley_error_set(ctx->err, GALLEY_EASSET, pos,
		                        "image '%s' is outside the article's folder; refused "
		                        "(--allow-outside-assets allows it; --resource-path DIR finds "
		                        "site-root paths such as /images/x.png in DIR)", url);
	if ((rc = find_in(ctx, site_root ? NULL : base, strlen(base), url, anywhere, out, &why)) < 0 ||
	    *out != NULL)
		return rc;
	if (why == EACCES)
		return galley_error_set(ctx->err, GALLEY_EASSET, pos,
		                        "image '%s' is outside the article's folder; refused "
		                        "(allow it with --allow-outside-assets)", url);
	/* a relative path not beside the article: the resource path, as pandoc does */
	for (p = rp != NULL && !site_root ? rp : ""; next_resource_dir(&p, &dir, &len);)
		if ((rc = find_in(ctx, dir, len, url, anywhere, out, &w)) < 0 || *out != NULL)
			return rc;
	if (why == ENOMEM)
		return oom(ctx);
	return galley_error_set(ctx->err, GALLEY_EASSET, pos, "image '%s' not found%s: %s", url,
	                        rp != NULL && !site_root ? " (nor in the resource path)" : "",
	                        strerror(why));
}

/* Whether a remote URL is one galley downloads: http, https, or "//host"
 * (taken as https). */
static bool fetchable(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0;
}

int read_image_inline(read_ctx *ctx, galley_inline *in, const galley_pos *pos)
{
	int rc;

	if (ctx->opts->fetch != NULL && !ctx->ahead && has_scheme(in->url) && fetchable(in->url))
		return read_fetch_defer(ctx, in, pos);
	if (ctx->opts->fetch != NULL && !ctx->ahead && in->url[0] == '/' && in->url[1] == '/') {
		/* protocol-relative: the web page's scheme; https for a book */
		char *https = galley_doc_printf(ctx->doc, "https:%s", in->url);
		if (https == NULL)
			return oom(ctx);
		in->url = https;
		return read_fetch_defer(ctx, in, pos);
	}
	rc = read_image(ctx, in->url, pos, &in->asset);
	in->missing = rc == READ_IMAGE_MISSING;
	return rc < 0 ? rc : 0;
}

int read_image(read_ctx *ctx, const char *url, const galley_pos *pos, const galley_asset **out)
{
	galley_error why = GALLEY_ERROR_INIT, *caller = ctx->err;
	char *resolved = NULL;
	int rc = 0;

	*out = NULL;
	if (ctx->ahead)  /* the asset table is the document's: the reader's work */
		return galley_error_set(ctx->err, GALLEY_EASSET, pos, "image '%s' is left to the reader", url);
	if (*url == '\0' || has_scheme(url)) {
		if (galley_doc_warn(ctx->doc, GALLEY_WARNING, pos,
		                    *url == '\0' ? "image without a path: its alt text is shown%s"
		                    : ctx->opts->fetch != NULL
		                    ? "remote image not fetched (%.200s): only http and https are; its alt text is shown"
		                    : "remote image not fetched (%.200s): its alt text is shown",
		                    url) < 0)
			return oom(ctx);
		return 0;
	}
	/* What goes wrong with one image is a warning, not the end of the
	 * article: the functions below report into `why`, which becomes one. */
	ctx->err = &why;
	rc = resolve(ctx, url, pos, &resolved);
	if (rc == 0)
		rc = load_image(ctx, resolved, url, pos, out);
	ctx->err = caller;
	free(resolved);
	if (rc == 0)
		return 0;
	*out = NULL;
	if (why.code == GALLEY_ENOMEM || rc == GALLEY_ENOMEM)
		return oom(ctx);
	/* a decoder that cannot be loaded says which library, not which image */
	if (galley_doc_warn(ctx->doc, GALLEY_WARNING, pos,
	                    strncmp(why.message, "cannot load ", 12) == 0 ? "image '%s': %s" : "%.0s%s",
	                    url, why.message) < 0)
		return oom(ctx);
	return READ_IMAGE_MISSING;
}
