/*
 * read/assets.c: images an article uses, resolved, checked and loaded once.
 *
 * - A URL with a scheme (http:, https:, ...) or starting with "//" is
 *   remote: never fetched (galley does no network access); the image keeps
 *   no asset, the writers show its alt text, and a warning says so.
 * - A local path is taken relative to the article's folder, resolved with
 *   realpath (so symbolic links and "..") and refused when it ends up
 *   outside that folder, unless allow_outside_assets is set.  Articles are
 *   untrusted input: "![](../../etc/passwd)" must not read arbitrary files.
 *   A percent-encoded path ("my%20photo.png") is decoded when the literal
 *   one does not exist.
 * - The type comes from the magic bytes, never the extension.
 *   JPEG: the frame header (SOF) gives the size and components; the bytes
 *   are passed through unchanged, so the file must reach its EOI marker.
 *   PNG: decoded by libpng into 8-bit gray or RGB plus a separate 8-bit
 *   alpha (libharu mishandles interlaced, 16-bit and transparent PNGs); the
 *   original bytes are kept too, for the EPUB.
 * - The pixel count is checked against GALLEY_READ_MAX_IMAGE_PIXELS from the
 *   header, before any pixel is decoded.
 *
 * libpng reports errors by longjmp.  The jump stays inside decode_png: its
 * setjmp is the only one in galley, and locals changed after it are volatile.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "read/png_api.h"

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
		if (marker == 0xDA) { /* start of scan: entropy-coded data follows */
			if (!frame)
				return galley_error_set(ctx->err, GALLEY_EASSET, pos,
				                        "corrupt JPEG image '%s': image data before the "
				                        "frame header", shown);
			for (i += seglen; i + 1 < len; i++)
				if (d[i] == 0xFF && d[i + 1] == 0xD9)
					return 0;
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

/* ---- entry points ------------------------------------------------------------ */

/* Loads the image at `resolved`; `shown` is how messages name it. */
static int load_image(read_ctx *ctx, const char *resolved, const char *shown,
                      const galley_pos *pos, const galley_asset **out)
{
	static const unsigned char png_magic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	galley_asset a;
	unsigned char *bytes;
	size_t size;
	int rc;

	*out = galley_doc_lookup_asset(ctx->doc, resolved);
	if (*out != NULL)
		return 0;
	memset(&a, 0, sizeof a);
	if ((rc = load_bytes(ctx, resolved, shown, pos, &bytes, &size)) < 0)
		return rc;
	if (size >= 8 && memcmp(bytes, png_magic, 8) == 0) {
		a.media_type = "image/png";
		rc = decode_png(ctx, shown, pos, bytes, size, &a);
	} else if (size >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) {
		a.media_type = "image/jpeg";
		rc = measure_jpeg(ctx, shown, pos, bytes, size, &a);
	} else {
		rc = galley_error_set(ctx->err, GALLEY_EASSET, pos,
		                      "image '%s' is not a PNG or JPEG file", shown);
	}
	if (rc < 0)
		return rc;
	a.path = galley_doc_strdup(ctx->doc, resolved);
	a.bytes = bytes;
	a.size = size;
	if (a.path == NULL || (*out = galley_doc_add_asset(ctx->doc, &a)) == NULL)
		return oom(ctx);
	return 0;
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

int read_image(read_ctx *ctx, const char *url, const galley_pos *pos, const galley_asset **out)
{
	const char *base = ctx->base_dir != NULL && *ctx->base_dir != '\0' ? ctx->base_dir : ".";
	char *joined = NULL, *resolved = NULL, *base_real = NULL;
	int rc = 0, saved;

	*out = NULL;
	if (ctx->ahead)  /* the asset table is the document's: the reader's work */
		return galley_error_set(ctx->err, GALLEY_EASSET, pos, "image '%s' is left to the reader", url);
	if (*url == '\0' || has_scheme(url)) {
		if (galley_doc_warn(ctx->doc, GALLEY_WARNING, pos,
		                    *url == '\0' ? "image without a path: its alt text is shown%s"
		                                 : "remote image not fetched (%.200s): its alt text is shown",
		                    url) < 0)
			return oom(ctx);
		return 0;
	}
	if (!ctx->opts->allow_outside_assets && leaves_folder(url))
		return galley_error_set(ctx->err, GALLEY_EASSET, pos,
		                        "image '%s' is outside the article's folder; refused "
		                        "(allow it with --allow-outside-assets)", url);
	joined = malloc(strlen(base) + strlen(url) + 2);
	if (joined == NULL) {
		rc = oom(ctx);
		goto cleanup;
	}
	if (url[0] == '/')
		strcpy(joined, url);
	else
		sprintf(joined, "%s/%s", base, url);
	resolved = realpath(joined, NULL);
	if (resolved == NULL && percent_decode(joined))
		resolved = realpath(joined, NULL);
	if (resolved == NULL) {
		saved = errno;
		if (saved == ENOMEM)
			rc = oom(ctx);
		else
			rc = galley_error_set(ctx->err, GALLEY_EASSET, pos, "image '%s' not found: %s",
			                      url, strerror(saved));
		goto cleanup;
	}
	if (!ctx->opts->allow_outside_assets) {
		base_real = realpath(base, NULL);
		if (base_real == NULL || !inside(base_real, resolved)) {
			rc = galley_error_set(ctx->err, GALLEY_EASSET, pos,
			                      "image '%s' is outside the article's folder; refused "
			                      "(allow it with --allow-outside-assets)", url);
			goto cleanup;
		}
	}
	rc = load_image(ctx, resolved, url, pos, out);

cleanup:
	free(joined);
	free(resolved);
	free(base_real);
	return rc;
}
