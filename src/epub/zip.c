/*
 * zip.c: the one adapter between galley and libzip (OCF 3.3 container).
 *
 * The archive is built in memory (zip_source_buffer_create +
 * zip_open_from_source) and its bytes handed back, so that the caller can
 * write them atomically or keep them.  OCF wants the "mimetype" entry first,
 * stored, with no extra field; libzip 1.7.3 writes no extra field for a
 * stored buffer entry (see NOTES-LIBS.md).  Timestamps are a fixed DOS date
 * set with zip_file_set_dostime, which does not go through local time (the
 * time zone would otherwise change the bytes), and external attributes are
 * set explicitly: the archive depends on nothing but the entries.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "epub/epub_impl.h"

/* The fixed timestamp of every entry: 1980-01-01 00:00:00, the DOS epoch
 * (date bits: year-1980 << 9 | month << 5 | day; time 0). */
#define ZIP_FIXED_DOSDATE ((0u << 9) | (1u << 5) | 1u)
#define ZIP_FIXED_DOSTIME 0u

/* Unix mode of every entry (a regular file, rw-r--r--), in the high half of
 * the external attributes as Info-ZIP does. */
#define ZIP_UNIX_MODE 0100644u

/* Deflate level: zlib's default.  Measured on a 100-article book (1 MB of
 * XHTML): level 9 saves 0.2% of the bytes of level 6 for more time, level 1
 * costs 9% more bytes (see docs/performance.md). */
#define ZIP_DEFLATE_LEVEL 6

static int zip_fail(galley_error *err, const char *what, const char *name, const char *why)
{
	return galley_error_set(err, GALLEY_EEPUB, NULL, "libzip: %s%s%s: %s", what,
	                        name ? " " : "", name ? name : "", why ? why : "unknown error");
}

/* Adds one entry to the archive with its fixed attributes. */
static int add_entry(zip_t *za, const galley_epub_entry *e, galley_error *err)
{
	zip_source_t *s;
	zip_int64_t idx;
	s = zip_source_buffer(za, e->len ? e->bytes : NULL, e->len, 0);
	if (s == NULL)
		return zip_fail(err, "cannot make a source for", e->name, zip_strerror(za));
	idx = zip_file_add(za, e->name, s, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(s);
		return zip_fail(err, "cannot add", e->name, zip_strerror(za));
	}
	if (zip_set_file_compression(za, (zip_uint64_t)idx, e->store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
	                             e->store ? 0 : ZIP_DEFLATE_LEVEL) < 0)
		return zip_fail(err, "cannot set the compression of", e->name, zip_strerror(za));
	if (zip_file_set_dostime(za, (zip_uint64_t)idx, ZIP_FIXED_DOSTIME, ZIP_FIXED_DOSDATE, 0) < 0)
		return zip_fail(err, "cannot set the time of", e->name, zip_strerror(za));
	if (zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
	                                     (zip_uint32_t)ZIP_UNIX_MODE << 16) < 0)
		return zip_fail(err, "cannot set the attributes of", e->name, zip_strerror(za));
	return 0;
}

/* Copies the bytes of a closed in-memory archive out of its source. */
static int read_back(zip_source_t *src, unsigned char **out, size_t *len, galley_error *err)
{
	zip_stat_t st;
	unsigned char *buf = NULL;
	zip_int64_t got;
	int rc = 0;
	bool opened = false;

	zip_stat_init(&st);
	if (zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
		rc = zip_fail(err, "cannot measure the archive", NULL, zip_error_strerror(zip_source_error(src)));
		goto cleanup;
	}
	if (zip_source_open(src) < 0) {
		rc = zip_fail(err, "cannot reopen the archive", NULL, zip_error_strerror(zip_source_error(src)));
		goto cleanup;
	}
	opened = true;
	buf = malloc(st.size ? (size_t)st.size : 1);
	if (buf == NULL) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	got = zip_source_read(src, buf, st.size);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		rc = zip_fail(err, "cannot read the archive back", NULL, zip_error_strerror(zip_source_error(src)));
		goto cleanup;
	}
	*out = buf;
	*len = (size_t)st.size;
	buf = NULL;
cleanup:
	if (opened && zip_source_close(src) < 0 && rc == 0) {
		free(*out);
		*out = NULL;
		rc = zip_fail(err, "cannot close the archive source", NULL, NULL);
	}
	free(buf);
	return rc;
}

int galley_epub_zip(const galley_epub_entry *entries, size_t n, unsigned char **out,
                    size_t *len, galley_error *err)
{
	zip_error_t zerr;
	zip_source_t *src = NULL;
	zip_t *za = NULL;
	size_t i;
	int rc = 0;

	*out = NULL;
	*len = 0;
	zip_error_init(&zerr);
	src = zip_source_buffer_create(NULL, 0, 0, &zerr);
	if (src == NULL) {
		rc = zip_fail(err, "cannot create a memory buffer", NULL, zip_error_strerror(&zerr));
		goto cleanup;
	}
	za = zip_open_from_source(src, ZIP_TRUNCATE, &zerr);
	if (za == NULL) {
		rc = zip_fail(err, "cannot open an archive in memory", NULL, zip_error_strerror(&zerr));
		goto cleanup;
	}
	/* the archive frees its source when closed; keep it to read it back */
	zip_source_keep(src);
	for (i = 0; i < n; i++)
		if ((rc = add_entry(za, &entries[i], err)) < 0)
			goto cleanup;
	if (zip_close(za) < 0) {
		rc = zip_fail(err, "cannot write the archive", NULL, zip_strerror(za));
		goto cleanup;
	}
	za = NULL;
	rc = read_back(src, out, len, err);
cleanup:
	if (za != NULL)
		zip_discard(za);
	zip_source_free(src);
	zip_error_fini(&zerr);
	return rc;
}
