/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * zip.c: the one adapter between galley and libzip (OCF 3.3 container).
 *
 * The archive is built in memory (zip_source_buffer_create +
 * zip_open_from_source) and its bytes handed back, so that the caller can
 * write them atomically or keep them.  OCF wants the "mimetype" entry first,
 * stored, with no extra field; libzip 1.7.3 writes no extra field for a
 * stored buffer entry (docs/LIBRARIES.md).  Timestamps are a fixed DOS date
 * set with zip_file_set_dostime, which does not go through local time (the
 * time zone would otherwise change the bytes), and external attributes are
 * set explicitly: the archive depends on nothing but the entries.
 *
 * Deflating is most of the time of writing a book, and libzip does it
 * entry by entry on one thread.  So the entries are deflated here first,
 * on worker threads (raw deflate, RFC 1951, and their CRC-32), and handed
 * to libzip through a small source that reports them as already
 * deflated: libzip then copies the bytes as they are (it recompresses
 * only when the source's method differs from the entry's, and the entry's
 * is left at its default).  libdeflate's output depends only on the input
 * and the level, so the archive is the same bytes whatever the thread
 * count.
 *
 * libzip is not linked but loaded when first needed (src/base/lazy.h):
 * it brings libcrypto (4.7 MB) with it, whose relocation cost 3 to 4 ms of
 * every start of the program, a seventh of making a one-article PDF, which
 * never touches a ZIP file.  galley_epub_zip loads it when first called
 * (once, whichever thread comes first).  Loading it ahead on a thread of its own
 * while the articles were read was tried and measured: it gained nothing,
 * and at 100 articles it lost 4 ms, the loader holding the dynamic
 * linker's lock while the reader started its threads.  Every function is
 * looked up by name at load time, so a libzip without one of them is an
 * error at once, not a crash later.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>
#include <zip.h>

#include "epub/epub_impl.h"
#include "base/cpus.h"
#include "base/lazy.h"
#include "base/pool.h"

/* libzip's file name, as its package installs it (the Makefile reads it
 * from the library's SONAME). */
#ifndef GALLEY_LIBZIP_SONAME
#define GALLEY_LIBZIP_SONAME "libzip.so.4"
#endif

#define ZIP_FUNCS(X) \
	X(zip_close) \
	X(zip_discard) \
	X(zip_error_fini) \
	X(zip_error_init) \
	X(zip_error_set) \
	X(zip_error_strerror) \
	X(zip_error_to_data) \
	X(zip_file_add) \
	X(zip_file_set_dostime) \
	X(zip_file_set_external_attributes) \
	X(zip_libzip_version) \
	X(zip_open_from_source) \
	X(zip_set_file_compression) \
	X(zip_source_buffer) \
	X(zip_source_buffer_create) \
	X(zip_source_close) \
	X(zip_source_error) \
	X(zip_source_free) \
	X(zip_source_function) \
	X(zip_source_keep) \
	X(zip_source_make_command_bitmap) \
	X(zip_source_open) \
	X(zip_source_read) \
	X(zip_source_stat) \
	X(zip_stat_init) \
	X(zip_strerror)

/* The functions of the loaded libzip, under their own names. */
static struct {
#define X(f) __typeof__(f) *f;
	ZIP_FUNCS(X)
#undef X
} zl;
#define GALLEY_LAZY_TABLE zl
static const char *const zl_names[] = {ZIP_FUNCS(GALLEY_LAZY_NAME)};
static void **const zl_slots[] = {ZIP_FUNCS(GALLEY_LAZY_SLOT)};
static galley_lazy_lib zl_lib = GALLEY_LAZY_LIB("libzip", GALLEY_EEPUB,
                                                GALLEY_LIBZIP_SONAME, zl_names, zl_slots);

static int zl_ready(galley_error *err)
{
	return galley_lazy_ready(&zl_lib, err);
}

const char *galley_epub_zip_version(void)
{
	return zl_ready(NULL) == 0 ? zl.zip_libzip_version() : NULL;
}

/* The fixed timestamp of every entry: 1980-01-01 00:00:00, the DOS epoch
 * (date bits: year-1980 << 9 | month << 5 | day; time 0). */
#define ZIP_FIXED_DOSDATE ((0u << 9) | (1u << 5) | 1u)
#define ZIP_FIXED_DOSTIME 0u

/* Unix mode of every entry (a regular file, rw-r--r--), in the high half of
 * the external attributes as Info-ZIP does. */
#define ZIP_UNIX_MODE 0100644u

/* libdeflate level.  Measured on the XHTML of a 100-article book (1 MB,
 * the benchmark corpus, in chapter-sized pieces): level 4 288,141 bytes in
 * 7.8 ms, level 6 283,640 bytes in 8.9 ms, level 1 293,886 bytes in
 * 4.9 ms; zlib, before, took 12.6 ms at level 4 and 15.2 ms at level 6 for
 * slightly larger output.  Level 1 since December 2026: once reading and
 * the XHTML got faster, deflating was the largest part of an EPUB run
 * (18% of the samples), and level 1 took 100 articles from 23.6 to 22.4 ms
 * (CPU 31.4 to 28.5 ms; medians of 40 alternating runs) for a book 1.6%
 * larger (1,000 articles: 3.40 to 3.46 MB). */
#define ZIP_DEFLATE_LEVEL 1
/* Worker threads: the online CPUs, at most this many. */
#define ZIP_JOBS_MAX 8
/* Below this many bytes to deflate in all, threads are not worth starting. */
#define ZIP_THREAD_MIN_BYTES (256 * 1024)

/* One entry deflated ahead of libzip. */
typedef struct zip_pre {
	const unsigned char *raw;
	size_t raw_len;         /* bytes */
	unsigned char *data;    /* raw deflate of raw, malloc'ed */
	size_t len;             /* bytes */
	uint32_t crc;           /* CRC-32 of raw */
	int rc;                 /* 0 or a galley_code */
} zip_pre;

/* A thread's compressor (libdeflate: whole buffers, 1.5 times as fast
 * as zlib at the same level for the same size on the benchmark's XHTML),
 * made once and used for every entry: making one allocates some hundreds
 * of KB, more than deflating a short chapter costs. */
struct galley_epub_deflater {
	struct libdeflate_compressor *c;
};

galley_epub_deflater *galley_epub_deflater_new(void)
{
	galley_epub_deflater *d = calloc(1, sizeof *d);

	if (d != NULL && (d->c = libdeflate_alloc_compressor(ZIP_DEFLATE_LEVEL)) == NULL) {
		free(d);
		d = NULL;
	}
	return d;
}

void galley_epub_deflater_free(galley_epub_deflater *d)
{
	if (d != NULL)
		libdeflate_free_compressor(d->c);
	free(d);
}

/* Deflates one entry into p->data with `d` (NULL: a compressor of its
 * own).  0 or a galley_code. */
static int pre_deflate(galley_epub_deflater *d, zip_pre *p)
{
	galley_epub_deflater *own = NULL;
	size_t cap;

	if (d == NULL && (d = own = galley_epub_deflater_new()) == NULL)
		return GALLEY_ENOMEM;
	cap = libdeflate_deflate_compress_bound(d->c, p->raw_len);
	p->data = malloc(cap ? cap : 1);
	if (p->data != NULL)
		p->len = libdeflate_deflate_compress(d->c, p->raw, p->raw_len, p->data, cap);
	galley_epub_deflater_free(own);
	if (p->data == NULL)
		return GALLEY_ENOMEM;
	if (p->len == 0)  /* cannot happen with a bound-sized buffer */
		return GALLEY_EINTERNAL;
	p->crc = libdeflate_crc32(0, p->raw, p->raw_len);
	return 0;
}

int galley_epub_deflate(galley_epub_deflater *d, const unsigned char *raw, size_t len,
                        unsigned char **out, size_t *out_len, uint32_t *crc)
{
	zip_pre p;
	int rc;

	memset(&p, 0, sizeof p);
	p.raw = raw;
	p.raw_len = len;
	rc = pre_deflate(d, &p);
	if (rc != 0) {
		free(p.data);
		*out = NULL;
		*out_len = 0;
		return rc;
	}
	*out = p.data;
	*out_len = p.len;
	*crc = p.crc;
	return 0;
}

/* The work of galley_epub_parallel, spread by galley_parallel_for, with
 * a deflater per worker, made by that worker when it first needs one. */
typedef struct par_work {
	void (*fn)(void *ctx, size_t i, galley_epub_deflater *d);
	void *ctx;
	galley_epub_deflater *d[ZIP_JOBS_MAX];
	bool made[ZIP_JOBS_MAX];     /* d[w] was asked for (NULL: out of memory) */
} par_work;

static void par_item(void *arg, size_t i, size_t worker)
{
	par_work *P = arg;

	if (!P->made[worker]) {
		P->d[worker] = galley_epub_deflater_new();  /* NULL: one per item */
		P->made[worker] = true;
	}
	P->fn(P->ctx, i, P->d[worker]);
}

void galley_epub_parallel(size_t n, size_t threads,
                          void (*fn)(void *ctx, size_t i, galley_epub_deflater *d), void *ctx)
{
	par_work P = {.fn = fn, .ctx = ctx};

	if (threads > ZIP_JOBS_MAX)
		threads = ZIP_JOBS_MAX;
	galley_parallel_for(threads, n, par_item, &P);
	for (size_t w = 0; w < ZIP_JOBS_MAX; w++)
		galley_epub_deflater_free(P.d[w]);
}

size_t galley_epub_threads(void)
{
	return galley_cpus_online(ZIP_JOBS_MAX);
}

static void pre_job(void *ctx, size_t i, galley_epub_deflater *d)
{
	zip_pre *pre = ctx;

	pre[i].rc = pre_deflate(d, &pre[i]);
}

/* Deflates every entry of pre, on threads when there is enough work.
 * Each entry's rc tells how it went. */
static void pre_deflate_all(zip_pre *pre, size_t n)
{
	size_t total = 0;

	for (size_t i = 0; i < n; i++)
		total += pre[i].raw_len;
	galley_epub_parallel(n, total < ZIP_THREAD_MIN_BYTES ? 1 : galley_epub_threads(), pre_job, pre);
}

/* The libzip source of a pre-deflated entry (it reads, never owns, the
 * zip_pre, which lives until zip_close). */
typedef struct zip_pre_src {
	const zip_pre *pre;
	size_t at;              /* read position, bytes */
	zip_error_t error;
} zip_pre_src;

static zip_int64_t pre_source(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	zip_pre_src *s = ud;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		s->at = 0;
		return 0;
	case ZIP_SOURCE_READ: {
		size_t n = s->pre->len - s->at;
		if (n > len)
			n = (size_t)len;
		memcpy(data, s->pre->data + s->at, n);
		s->at += n;
		return (zip_int64_t)n;
	}
	case ZIP_SOURCE_CLOSE:
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		if (len < sizeof *st) {
			zl.zip_error_set(&s->error, ZIP_ER_INVAL, 0);
			return -1;
		}
		zl.zip_stat_init(st);
		st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC |
		            ZIP_STAT_ENCRYPTION_METHOD;
		st->size = s->pre->raw_len;
		st->comp_size = s->pre->len;
		st->comp_method = ZIP_CM_DEFLATE;
		st->crc = s->pre->crc;
		st->encryption_method = ZIP_EM_NONE;
		return sizeof *st;
	}
	case ZIP_SOURCE_ERROR:
		return zl.zip_error_to_data(&s->error, data, len);
	case ZIP_SOURCE_FREE:
		zl.zip_error_fini(&s->error);
		free(s);
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zl.zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
		                                      ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		zl.zip_error_set(&s->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

static int zip_fail(galley_error *err, const char *what, const char *name, const char *why)
{
	return galley_error_set(err, GALLEY_EEPUB, NULL, "libzip: %s%s%s: %s", what,
	                        name ? " " : "", name ? name : "", why ? why : "unknown error");
}

/* Adds one entry to the archive with its fixed attributes: stored, or
 * the deflated bytes of `pre` as they are. */
static int add_entry(zip_t *za, const galley_epub_entry *e, const zip_pre *pre, galley_error *err)
{
	zip_source_t *s;
	zip_int64_t idx;

	if (e->store) {
		s = zl.zip_source_buffer(za, e->len ? e->bytes : NULL, e->len, 0);
	} else {
		zip_pre_src *ps = calloc(1, sizeof *ps);
		if (!ps)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		ps->pre = pre;
		zl.zip_error_init(&ps->error);
		s = zl.zip_source_function(za, pre_source, ps);
		if (s == NULL)
			free(ps);
	}
	if (s == NULL)
		return zip_fail(err, "cannot make a source for", e->name, zl.zip_strerror(za));
	idx = zl.zip_file_add(za, e->name, s, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zl.zip_source_free(s);
		return zip_fail(err, "cannot add", e->name, zl.zip_strerror(za));
	}
	/* a deflated entry keeps the default method, so libzip copies it */
	if (e->store && zl.zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0) < 0)
		return zip_fail(err, "cannot set the compression of", e->name, zl.zip_strerror(za));
	if (zl.zip_file_set_dostime(za, (zip_uint64_t)idx, ZIP_FIXED_DOSTIME, ZIP_FIXED_DOSDATE, 0) < 0)
		return zip_fail(err, "cannot set the time of", e->name, zl.zip_strerror(za));
	if (zl.zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
	                                     (zip_uint32_t)ZIP_UNIX_MODE << 16) < 0)
		return zip_fail(err, "cannot set the attributes of", e->name, zl.zip_strerror(za));
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

	zl.zip_stat_init(&st);
	if (zl.zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
		rc = zip_fail(err, "cannot measure the archive", NULL, zl.zip_error_strerror(zl.zip_source_error(src)));
		goto cleanup;
	}
	if (zl.zip_source_open(src) < 0) {
		rc = zip_fail(err, "cannot reopen the archive", NULL, zl.zip_error_strerror(zl.zip_source_error(src)));
		goto cleanup;
	}
	opened = true;
	buf = malloc(st.size ? (size_t)st.size : 1);
	if (buf == NULL) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	got = zl.zip_source_read(src, buf, st.size);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		rc = zip_fail(err, "cannot read the archive back", NULL, zl.zip_error_strerror(zl.zip_source_error(src)));
		goto cleanup;
	}
	*out = buf;
	*len = (size_t)st.size;
	buf = NULL;
cleanup:
	if (opened && zl.zip_source_close(src) < 0 && rc == 0) {
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
	zip_pre *pre = NULL;
	size_t i, k;
	int rc = 0;

	*out = NULL;
	*len = 0;
	if ((rc = zl_ready(err)) < 0)
		return rc;
	zl.zip_error_init(&zerr);
	pre = calloc(n ? n : 1, sizeof *pre);
	if (pre == NULL) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	{
		/* the entries to deflate, packed, then deflated all at once */
		size_t m = 0, todo = 0;
		for (i = 0; i < n; i++)
			if (!entries[i].store && !entries[i].deflated) {
				pre[m].raw = entries[i].bytes;
				pre[m].raw_len = entries[i].len;
				m++;
			}
		todo = m;
		pre_deflate_all(pre, todo);
		/* the entries the caller deflated take the slots after those */
		for (i = 0; i < n; i++)
			if (!entries[i].store && entries[i].deflated) {
				pre[m].raw = entries[i].bytes;
				pre[m].raw_len = entries[i].len;
				pre[m].len = entries[i].deflated_len;
				pre[m].crc = entries[i].crc;
				pre[m].rc = 0;
				m++;
			}
		for (i = 0; i < todo; i++)
			if (pre[i].rc != 0) {
				rc = pre[i].rc == GALLEY_ENOMEM
					? galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory")
					: galley_error_set(err, GALLEY_EEPUB, NULL, "libdeflate failed to deflate an entry");
				goto cleanup;
			}
	}
	src = zl.zip_source_buffer_create(NULL, 0, 0, &zerr);
	if (src == NULL) {
		rc = zip_fail(err, "cannot create a memory buffer", NULL, zl.zip_error_strerror(&zerr));
		goto cleanup;
	}
	za = zl.zip_open_from_source(src, ZIP_TRUNCATE, &zerr);
	if (za == NULL) {
		rc = zip_fail(err, "cannot open an archive in memory", NULL, zl.zip_error_strerror(&zerr));
		goto cleanup;
	}
	/* the archive frees its source when closed; keep it to read it back */
	zl.zip_source_keep(src);
	{
		size_t own = 0, given = 0;  /* slots of entries deflated here, and by the caller */
		for (i = 0; i < n; i++)
			if (!entries[i].store && !entries[i].deflated)
				given++;
		for (i = 0, k = 0; i < n; i++) {
			zip_pre *pr = NULL;
			if (!entries[i].store && entries[i].deflated) {
				pr = &pre[given + own++];
				pr->data = entries[i].deflated;  /* read only; the entry frees it */
			} else if (!entries[i].store) {
				pr = &pre[k++];
			}
			if ((rc = add_entry(za, &entries[i], pr, err)) < 0)
				goto cleanup;
		}
	}
	if (zl.zip_close(za) < 0) {
		rc = zip_fail(err, "cannot write the archive", NULL, zl.zip_strerror(za));
		goto cleanup;
	}
	za = NULL;
	rc = read_back(src, out, len, err);
cleanup:
	if (za != NULL)
		zl.zip_discard(za);
	zl.zip_source_free(src);
	zl.zip_error_fini(&zerr);
	/* the caller's deflated bytes belong to its entries */
	for (i = 0, k = 0; pre && i < n; i++)
		if (!entries[i].store && !entries[i].deflated)
			free(pre[k++].data);
	free(pre);
	return rc;
}
