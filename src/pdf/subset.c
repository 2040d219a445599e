/*
 * subset.c: TrueType subsets for libharu, made with HarfBuzz's subsetter.
 *
 * libharu 2.3.0 loads TrueType only from a file name, so the subset is
 * written to an anonymous memory file (memfd, opened by libharu through
 * /proc/self/fd) or, where that is unavailable, to a temporary file that
 * is unlinked as soon as libharu has opened it.  The subset keeps the
 * face's hinting and its metrics; glyph ids are renumbered, which libharu
 * handles through the subset's own cmap.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <hb.h>
#include <hb-subset.h>

#include "pdf/subset.h"

void gp_coverage_add(gp_coverage *cov, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		uint32_t c;
		if (u[i] < 0x80) {
			c = u[i];
			i += 1;
		} else if ((u[i] & 0xE0) == 0xC0 && i + 1 < len) {
			c = ((uint32_t)(u[i] & 0x1F) << 6) | (u[i + 1] & 0x3F);
			i += 2;
		} else if ((u[i] & 0xF0) == 0xE0 && i + 2 < len) {
			c = ((uint32_t)(u[i] & 0x0F) << 12) | ((uint32_t)(u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
			i += 3;
		} else {
			i += 1;  /* not BMP or not UTF-8: the display list never has it */
			continue;
		}
		if (!(cov->bits[c >> 6] & ((uint64_t)1 << (c & 63)))) {
			cov->bits[c >> 6] |= (uint64_t)1 << (c & 63);
			cov->count++;
		}
	}
}

static int write_all(int fd, const char *data, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

/* Puts `len` bytes into a file libharu can open by out->path. */
static int store(gp_subset *out, const char *data, size_t len, galley_error *err)
{
	const char *dir = getenv("TMPDIR");
	size_t need;

#ifdef MFD_CLOEXEC
	out->fd = memfd_create("galley-font", MFD_CLOEXEC);
	if (out->fd >= 0) {
		snprintf(out->path, sizeof out->path, "/proc/self/fd/%d", out->fd);
		if (write_all(out->fd, data, len) == 0 && access(out->path, R_OK) == 0)
			return 0;
		close(out->fd);
		out->fd = -1;
	}
#endif
	if (!dir || !*dir)
		dir = "/tmp";
	need = strlen(dir) + sizeof "/galley-font-XXXXXX";
	out->tmp = malloc(need);
	if (!out->tmp)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	snprintf(out->tmp, need, "%s/galley-font-XXXXXX", dir);
	out->fd = mkstemp(out->tmp);
	if (out->fd < 0) {
		free(out->tmp);
		out->tmp = NULL;
		return galley_error_set(err, GALLEY_EIO, NULL, "cannot create a temporary font file in %s: %s",
		                        dir, strerror(errno));
	}
	if (write_all(out->fd, data, len) < 0 || strlen(out->tmp) >= sizeof out->path)
		return galley_error_set(err, GALLEY_EIO, NULL, "cannot write the temporary font file %s", out->tmp);
	memcpy(out->path, out->tmp, strlen(out->tmp) + 1);
	return 0;
}

int gp_subset_make(gp_subset *out, const char *font_path, const gp_coverage *cov,
                   galley_error *err)
{
	hb_blob_t *blob = NULL, *result = NULL;
	hb_face_t *face = NULL, *sub = NULL;
	hb_subset_input_t *input = NULL;
	hb_set_t *unicodes;
	const char *data;
	unsigned int len = 0;
	int rc = 0;

	memset(out, 0, sizeof *out);
	out->fd = -1;
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
	if (!hb_set_allocation_successful(unicodes)) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory (font subset)");
		goto cleanup;
	}
	sub = hb_subset_or_fail(face, input);
	if (!sub) {
		rc = galley_error_set(err, GALLEY_EFONT, NULL, "font %s: HarfBuzz cannot subset it", font_path);
		goto cleanup;
	}
	result = hb_face_reference_blob(sub);
	data = hb_blob_get_data(result, &len);
	if (!data || len == 0) {
		rc = galley_error_set(err, GALLEY_EFONT, NULL, "font %s: the subset is empty", font_path);
		goto cleanup;
	}
	rc = store(out, data, len, err);
cleanup:
	if (rc < 0)
		gp_subset_release(out);
	hb_blob_destroy(result);
	hb_face_destroy(sub);
	hb_subset_input_destroy(input);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return rc;
}

void gp_subset_release(gp_subset *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	if (s->tmp) {
		unlink(s->tmp);
		free(s->tmp);
		s->tmp = NULL;
	}
}
