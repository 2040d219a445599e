/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * read/fetch.c: remote images downloaded on request (galley_fetch, see
 * galley/read.h), with libcurl.
 *
 * galley never touches the network unless the caller made a galley_fetch
 * and put it in the read options: without it no socket is opened and
 * libcurl is never loaded.  With it, the reader collects an article's
 * http and https images while it maps the Markdown (read_fetch_defer) and
 * downloads them together when the article is mapped (read_fetch_run):
 * up to `jobs` transfers at once on one curl multi handle, on the calling
 * thread.
 *
 * Every download is bounded, and any failure is a warning that names the
 * image, never a partial image:
 *   - TLS is verified (libcurl's defaults, said again here);
 *   - only http and https, also after a redirect, and never from https
 *     down to http; at most GALLEY_FETCH_MAX_REDIRECTS redirects (a loop
 *     ends there);
 *   - at most GALLEY_READ_MAX_IMAGE_BYTES an image (refused from the
 *     Content-Length before the body when the server sends one, else when
 *     the body passes it) and GALLEY_FETCH_MAX_RUN_BYTES for all the
 *     downloads of a fetcher, counted as the bytes arrive (once it is
 *     reached, no transfer starts);
 *   - `timeout` seconds an image and `run_timeout` for all of them (time
 *     on a monotonic clock; it decides only whether to go on, never what
 *     is written);
 *   - the answer must be 200 (or 304 for a cached copy) and say it is an
 *     image (a Content-Type of image/..., or application/octet-stream,
 *     which some servers send for any file): a login page is not one;
 *   - the bytes then go through the same checks as a local file (type by
 *     magic bytes, pixel limits, SVG sanitising).
 *
 * The cache: one file of bytes and one of metadata per URL in the cache
 * folder (remote-HASH.bin, remote-HASH.meta, HASH the FNV-1a of the URL;
 * the metadata repeats the URL, so a collision is a miss).  A cached image
 * with an ETag or a Last-Modified date is asked for again with
 * If-None-Match / If-Modified-Since, and a 304 answer reuses it, so a
 * weekly run downloads each image once.  An answer without either is not
 * kept.  Files are replaced atomically (galley_file_write_atomic); an
 * unreadable or damaged cache entry is a miss.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "read/curl_api.h"

#include "base/buf.h"
#include "base/file.h"
#include "base/vec.h"
#include "galley.h"
#include "model/options.h"
#include "read/internal.h"

/* Redirects followed for one image: enough for http -> https -> a CDN,
 * and a loop ends here. */
#define GALLEY_FETCH_MAX_REDIRECTS 5
/* Seconds to connect, at most (less when the image's own limit is less). */
#define FETCH_CONNECT_SECONDS 10.0
/* How long one wait for the network may last before the run's deadline
 * is looked at again, milliseconds. */
#define FETCH_POLL_MS 200
/* Bytes of a cached metadata file: a URL, two validators, a type. */
#define FETCH_META_MAX ((size_t)16 * 1024)

struct galley_fetch {
	galley_fetch_options opts;
	char *cache_dir;          /* NULL: no cache */
	uint64_t bytes;           /* downloaded so far */
	double started;           /* monotonic seconds of the first download; 0: none yet */
};

/* One image to download, perhaps used by several inlines. */
typedef struct fetch_job {
	const char *url;
	galley_pos pos;            /* of its first use */
	CURL *h;
	struct curl_slist *headers;
	galley_buf body;
	char etag[256], modified[64];  /* validators of the answer */
	char *cache_bin, *cache_meta;  /* its cache files; NULL without a cache */
	char *cached;              /* the cached bytes (malloc'ed) and their type */
	size_t cached_len;
	char cached_type[128];
	bool too_big, run_full, done;
	bool whole;
	uint64_t *run_bytes;       /* the fetcher's count of what all its transfers received */                /* why is a whole message, naming the image */
	CURLcode code;
	char errbuf[CURL_ERROR_SIZE];
	const galley_asset *asset;
	char why[GALLEY_ERROR_MESSAGE_MAX]; /* the warning, when it failed */
} fetch_job;

/* An inline waiting for its download. */
typedef struct fetch_use {
	galley_inline *in;
	size_t job;
} fetch_use;

struct read_fetch_list {
	fetch_job *jobs;
	size_t njobs, cjobs;
	fetch_use *uses;
	size_t nuses, cuses;
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int galley_fetch_options_init(galley_fetch_options *opts, unsigned version)
{
	static const galley_fetch_options defaults = GALLEY_FETCH_OPTIONS_INIT;

	if (opts == NULL || version == 0 || version > GALLEY_FETCH_OPTIONS_VERSION)
		return GALLEY_EUSAGE;
	*opts = defaults;
	return 0;
}

/* The cache folder by the rules of galley_fetch_options.cache_dir;
 * malloc'ed, NULL for none (or out of memory, which only loses the cache). */
static char *cache_dir(const char *configured)
{
	if (configured != NULL)
		return *configured ? strdup(configured) : NULL;
	return galley_cache_dir();
}

int galley_fetch_new(galley_fetch **out, const galley_fetch_options *opts, galley_error *err)
{
	galley_fetch *f;
	int rc;

	*out = NULL;
	if (opts != NULL && (rc = galley_options_version_check(opts->version, GALLEY_FETCH_OPTIONS_VERSION,
	                                                       "galley_fetch_options", err)) < 0)
		return rc;
	if ((f = calloc(1, sizeof *f)) == NULL)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	galley_fetch_options_init(&f->opts, GALLEY_FETCH_OPTIONS_VERSION);
	if (opts != NULL)
		f->opts = *opts;
	if (!(f->opts.timeout > 0) || !(f->opts.run_timeout > 0) || f->opts.jobs < 1 ||
	    f->opts.jobs > GALLEY_FETCH_JOBS_MAX) {
		free(f);
		return galley_error_set(err, GALLEY_EUSAGE, NULL,
		                        "galley_fetch_options: timeouts must be positive and jobs 1 to %d",
		                        GALLEY_FETCH_JOBS_MAX);
	}
	f->cache_dir = cache_dir(f->opts.cache_dir);
	f->opts.cache_dir = NULL;
	*out = f;
	return 0;
}

void galley_fetch_free(galley_fetch *f)
{
	if (f == NULL)
		return;
	free(f->cache_dir);
	free(f);
}

/* ---- the cache ------------------------------------------------------------ */

static uint64_t fnv64(const char *s)
{
	uint64_t h = 14695981039346656037ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* Makes the cache folder (mode 0700), its parent too when missing.  false
 * when it cannot be made: downloads then go without a cache. */
static bool make_cache_dir(const char *dir)
{
	char *parent;
	char *slash;
	bool ok;

	if (mkdir(dir, 0700) == 0 || errno == EEXIST)
		return true;
	if (errno != ENOENT || (parent = strdup(dir)) == NULL)
		return false;
	slash = strrchr(parent, '/');
	ok = slash != NULL && slash != parent;
	if (ok) {
		*slash = '\0';
		ok = (mkdir(parent, 0700) == 0 || errno == EEXIST) && (mkdir(dir, 0700) == 0 || errno == EEXIST);
	}
	free(parent);
	return ok;
}

/* The value of `key` in a metadata file ("key value\n"), copied into
 * out (size bytes; "" when absent). */
static void meta_value(const char *meta, const char *key, char *out, size_t size)
{
	size_t n = strlen(key);

	out[0] = '\0';
	for (const char *p = meta; p != NULL && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, key, n) == 0 && p[n] == ' ') {
			size_t len = strcspn(p + n + 1, "\n");
			snprintf(out, size, "%.*s", (int)len, p + n + 1);
			return;
		}
	}
}

/* Reads the cache entry of `j`, when there is a valid one with a
 * validator, into j->cached and the request's conditional headers. */
static void cache_lookup(galley_fetch *f, fetch_job *j)
{
	char *meta = NULL, *bytes = NULL, url[4096];
	size_t mlen = 0, blen = 0;
	galley_error ignored = GALLEY_ERROR_INIT;
	uint64_t h;

	if (f->cache_dir == NULL)
		return;
	h = fnv64(j->url);
	if (asprintf(&j->cache_bin, "%s/remote-%016llx.bin", f->cache_dir, (unsigned long long)h) < 0)
		j->cache_bin = NULL;
	if (asprintf(&j->cache_meta, "%s/remote-%016llx.meta", f->cache_dir, (unsigned long long)h) < 0)
		j->cache_meta = NULL;
	if (j->cache_bin == NULL || j->cache_meta == NULL ||
	    galley_file_read(j->cache_meta, FETCH_META_MAX, &meta, &mlen, &ignored) < 0)
		goto cleanup;
	meta_value(meta, "url", url, sizeof url);
	if (strncmp(meta, "galley-remote 1\n", 16) != 0 || strcmp(url, j->url) != 0)
		goto cleanup;
	meta_value(meta, "etag", j->etag, sizeof j->etag);
	meta_value(meta, "last-modified", j->modified, sizeof j->modified);
	meta_value(meta, "content-type", j->cached_type, sizeof j->cached_type);
	if ((j->etag[0] == '\0' && j->modified[0] == '\0') ||
	    galley_file_read(j->cache_bin, GALLEY_READ_MAX_IMAGE_BYTES, &bytes, &blen, &ignored) < 0) {
		j->etag[0] = j->modified[0] = '\0';
		goto cleanup;
	}
	j->cached = bytes;
	j->cached_len = blen;
	bytes = NULL;
cleanup:
	free(meta);
	free(bytes);
}

/* Keeps a 200 answer with a validator in the cache (best effort: a cache
 * that cannot be written only costs a download next time). */
static void cache_store(galley_fetch *f, fetch_job *j, const char *type)
{
	galley_buf meta = GALLEY_BUF_INIT;
	galley_error ignored = GALLEY_ERROR_INIT;

	if (j->cache_bin == NULL || (j->etag[0] == '\0' && j->modified[0] == '\0') ||
	    strchr(j->url, '\n') != NULL || !make_cache_dir(f->cache_dir))
		return;
	galley_buf_printf(&meta, "galley-remote 1\nurl %s\netag %s\nlast-modified %s\ncontent-type %s\n",
	                  j->url, j->etag, j->modified, type ? type : "");
	if (!meta.failed &&
	    galley_file_write_atomic(j->cache_bin, j->body.data ? j->body.data : "", j->body.len, &ignored) == 0)
		galley_file_write_atomic(j->cache_meta, meta.data, meta.len, &ignored);
	galley_buf_dispose(&meta);
}

/* ---- one transfer ------------------------------------------------------------ */

static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
	fetch_job *j = ctx;
	size_t len = size * n;

	if (j->body.len + len > GALLEY_READ_MAX_IMAGE_BYTES) {
		j->too_big = true;
		return 0; /* ends the transfer */
	}
	/* the run's limit is counted as the bytes arrive, over every
	 * transfer under way: several large ones at once pass it by no more
	 * than this write */
	if (*j->run_bytes + len > GALLEY_FETCH_MAX_RUN_BYTES) {
		j->run_full = true;
		return 0;
	}
	*j->run_bytes += len;
	galley_buf_add(&j->body, data, len);
	return j->body.failed ? 0 : len;
}

/* Keeps the validators of the last answer (a redirect's headers come
 * first, each answer starting with its status line). */
static size_t on_header(char *data, size_t size, size_t n, void *ctx)
{
	fetch_job *j = ctx;
	size_t len = size * n, k;
	char *target = NULL;
	size_t cap = 0;

	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		j->etag[0] = j->modified[0] = '\0';
		return len;
	}
	if (len > 5 && strncasecmp(data, "ETag:", 5) == 0) {
		target = j->etag, cap = sizeof j->etag, k = 5;
	} else if (len > 14 && strncasecmp(data, "Last-Modified:", 14) == 0) {
		target = j->modified, cap = sizeof j->modified, k = 14;
	} else {
		return len;
	}
	while (k < len && (data[k] == ' ' || data[k] == '\t'))
		k++;
	while (len > k && (data[len - 1] == '\r' || data[len - 1] == '\n' || data[len - 1] == ' '))
		len--;
	if (len - k < cap)
		snprintf(target, cap, "%.*s", (int)(len - k), data + k);
	return size * n;
}

/* Sets up the transfer of `j`; false when libcurl refused (out of memory). */
static bool start(galley_fetch *f, fetch_job *j, double left)
{
	char header[400];
	double t = f->opts.timeout < left ? f->opts.timeout : left;
	bool https = strncasecmp(j->url, "https:", 6) == 0;
	bool ok;

	j->run_bytes = &f->bytes;
	if ((j->h = curl_easy_init()) == NULL)
		return false;
	if (j->etag[0] && snprintf(header, sizeof header, "If-None-Match: %s", j->etag) < (int)sizeof header)
		j->headers = curl_slist_append(j->headers, header);
	if (j->modified[0] && snprintf(header, sizeof header, "If-Modified-Since: %s", j->modified) < (int)sizeof header)
		j->headers = curl_slist_append(j->headers, header);
	ok = curl_easy_setopt(j->h, CURLOPT_URL, j->url) == CURLE_OK &&
	     curl_easy_setopt(j->h, CURLOPT_PRIVATE, (void *)j) == CURLE_OK &&
	     curl_easy_setopt(j->h, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK &&
	     /* a redirect keeps the scheme, or goes from http up to https */
	     curl_easy_setopt(j->h, CURLOPT_REDIR_PROTOCOLS_STR, https ? "https" : "http,https") == CURLE_OK &&
	     curl_easy_setopt(j->h, CURLOPT_FOLLOWLOCATION, 1L) == CURLE_OK &&
	     curl_easy_setopt(j->h, CURLOPT_MAXREDIRS, (long)GALLEY_FETCH_MAX_REDIRECTS) == CURLE_OK &&
	     curl_easy_setopt(j->h, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK &&
	     curl_easy_setopt(j->h, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK &&
	     curl_easy_setopt(j->h, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
	     curl_easy_setopt(j->h, CURLOPT_TIMEOUT_MS, (long)(t * 1000) > 0 ? (long)(t * 1000) : 1L) == CURLE_OK &&
	     curl_easy_setopt(j->h, CURLOPT_CONNECTTIMEOUT_MS,
	                      (long)((t < FETCH_CONNECT_SECONDS ? t : FETCH_CONNECT_SECONDS) * 1000) + 1) == CURLE_OK &&
	     curl_easy_setopt(j->h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)GALLEY_READ_MAX_IMAGE_BYTES) == CURLE_OK &&
	     curl_easy_setopt(j->h, CURLOPT_WRITEFUNCTION, on_body) == CURLE_OK &&
	     curl_easy_setopt(j->h, CURLOPT_WRITEDATA, (void *)j) == CURLE_OK &&
	     curl_easy_setopt(j->h, CURLOPT_HEADERFUNCTION, on_header) == CURLE_OK &&
	     curl_easy_setopt(j->h, CURLOPT_HEADERDATA, (void *)j) == CURLE_OK &&
	     curl_easy_setopt(j->h, CURLOPT_ERRORBUFFER, j->errbuf) == CURLE_OK &&
	     curl_easy_setopt(j->h, CURLOPT_USERAGENT, "galley/" GALLEY_VERSION) == CURLE_OK &&
	     (j->headers == NULL || curl_easy_setopt(j->h, CURLOPT_HTTPHEADER, j->headers) == CURLE_OK);
	return ok;
}

/* Whether a Content-Type is an image's (parameters aside). */
static bool image_type(const char *type)
{
	if (type == NULL)
		return false;
	return strncasecmp(type, "image/", 6) == 0 ||
	       strncasecmp(type, "application/octet-stream", 24) == 0;
}

/* What a finished transfer gave: the bytes (malloc'ed, *out) or the
 * reason in j->why. */
static void finish(galley_fetch *f, fetch_job *j, char **out, size_t *len)
{
	long status = 0;
	char *type = NULL;

	*out = NULL;
	*len = 0;
	curl_easy_getinfo(j->h, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(j->h, CURLINFO_CONTENT_TYPE, &type);
	if (j->too_big || j->code == CURLE_FILESIZE_EXCEEDED) {
		snprintf(j->why, sizeof j->why, "larger than GALLEY_READ_MAX_IMAGE_BYTES (%zu bytes)",
		         GALLEY_READ_MAX_IMAGE_BYTES);
	} else if (j->run_full) {
		snprintf(j->why, sizeof j->why, "the downloads passed GALLEY_FETCH_MAX_RUN_BYTES (%llu bytes)",
		         (unsigned long long)GALLEY_FETCH_MAX_RUN_BYTES);
	} else if (j->code == CURLE_OPERATION_TIMEDOUT) {
		snprintf(j->why, sizeof j->why, "no complete answer within %g s (the time limit)",
		         f->opts.timeout);
	} else if (j->code == CURLE_TOO_MANY_REDIRECTS) {
		snprintf(j->why, sizeof j->why, "more than %d redirects", GALLEY_FETCH_MAX_REDIRECTS);
	} else if (j->code == CURLE_UNSUPPORTED_PROTOCOL) {
		snprintf(j->why, sizeof j->why, "redirected to another scheme (only http and https, "
		         "never from https to http): %s", j->errbuf);
	} else if (j->code != CURLE_OK) {
		snprintf(j->why, sizeof j->why, "%s", j->errbuf[0] ? j->errbuf : curl_easy_strerror(j->code));
	} else if (status == 304 && j->cached != NULL) {
		*out = j->cached;
		*len = j->cached_len;
		j->cached = NULL;
		if (!image_type(j->cached_type))
			snprintf(j->why, sizeof j->why, "the cached copy is not an image");
	} else if (status != 200) {
		snprintf(j->why, sizeof j->why, "HTTP status %ld", status);
	} else if (!image_type(type)) {
		snprintf(j->why, sizeof j->why, "the server sent %s%.100s%s, not an image",
		         type ? "'" : "", type ? type : "no Content-Type", type ? "'" : "");
	} else if (j->body.failed) {
		snprintf(j->why, sizeof j->why, "out of memory");
	} else {
		cache_store(f, j, type);
		*len = j->body.len;
		*out = galley_buf_take(&j->body, len);
		if (*out == NULL)
			*out = strdup("");
	}
	if (j->why[0] != '\0') {
		free(*out);
		*out = NULL;
	}
}

/* ---- the reader's side ------------------------------------------------------- */

void read_fetch_list_free(read_fetch_list *l)
{
	if (l == NULL)
		return;
	free(l->jobs);
	free(l->uses);
	free(l);
}

int read_fetch_defer(read_ctx *ctx, galley_inline *in, const galley_pos *pos)
{
	read_fetch_list *l = ctx->fetch_list;
	size_t j;

	if (l == NULL && (l = ctx->fetch_list = calloc(1, sizeof *l)) == NULL)
		return galley_error_set(ctx->err, GALLEY_ENOMEM, NULL, "out of memory");
	for (j = 0; j < l->njobs; j++)
		if (strcmp(l->jobs[j].url, in->url) == 0)
			break;
	if (j == l->njobs) {
		if (galley_vec_reserve((void **)&l->jobs, &l->cjobs, l->njobs + 1, sizeof *l->jobs) < 0)
			return galley_error_set(ctx->err, GALLEY_ENOMEM, NULL, "out of memory");
		memset(&l->jobs[j], 0, sizeof l->jobs[j]);
		l->jobs[j].url = in->url;
		l->jobs[j].pos = *pos;
		l->njobs++;
	}
	if (galley_vec_reserve((void **)&l->uses, &l->cuses, l->nuses + 1, sizeof *l->uses) < 0)
		return galley_error_set(ctx->err, GALLEY_ENOMEM, NULL, "out of memory");
	l->uses[l->nuses].in = in;
	l->uses[l->nuses].job = j;
	l->nuses++;
	return 0;
}

/* Runs the transfers of `l` (those not already in the document), at
 * most opts.jobs at once, until all are done or the run's time is up. */
static int transfer_all(read_ctx *ctx, galley_fetch *f, read_fetch_list *l)
{
	CURLM *m = NULL;
	size_t next = 0, running = 0;
	int rc = 0, still;

	if ((m = curl_multi_init()) == NULL)
		return galley_error_set(ctx->err, GALLEY_ENOMEM, NULL, "out of memory");
	if (f->started == 0)
		f->started = now();
	for (;;) {
		double left = f->opts.run_timeout - (now() - f->started);
		CURLMsg *msg;

		while (running < (size_t)f->opts.jobs && next < l->njobs) {
			fetch_job *j = &l->jobs[next++];
			if (j->done)
				continue;
			if (left <= 0) {
				snprintf(j->why, sizeof j->why, "the downloads' time limit of %g s for the run has passed",
				         f->opts.run_timeout);
				j->done = true;
				continue;
			}
			if (f->bytes >= GALLEY_FETCH_MAX_RUN_BYTES) {
				snprintf(j->why, sizeof j->why, "the downloads passed GALLEY_FETCH_MAX_RUN_BYTES (%llu bytes)",
				         (unsigned long long)GALLEY_FETCH_MAX_RUN_BYTES);
				j->done = true;
				continue;
			}
			if (!start(f, j, left) || curl_multi_add_handle(m, j->h) != CURLM_OK) {
				rc = galley_error_set(ctx->err, GALLEY_ENOMEM, NULL, "out of memory");
				goto cleanup;
			}
			running++;
		}
		if (running == 0)
			break;
		if (curl_multi_perform(m, &still) != CURLM_OK ||
		    curl_multi_poll(m, NULL, 0, FETCH_POLL_MS, NULL) != CURLM_OK) {
			rc = galley_error_set(ctx->err, GALLEY_EIO, NULL, "libcurl failed");
			goto cleanup;
		}
		while ((msg = curl_multi_info_read(m, &still)) != NULL) {
			fetch_job *j = NULL;
			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&j);
			j->code = msg->data.result;
			j->done = true;
			curl_multi_remove_handle(m, msg->easy_handle);
			running--;
		}
	}
cleanup:
	for (size_t i = 0; i < l->njobs; i++)
		if (l->jobs[i].h != NULL && !l->jobs[i].done)
			curl_multi_remove_handle(m, l->jobs[i].h);
	curl_multi_cleanup(m);
	return rc;
}

int read_fetch_run(read_ctx *ctx)
{
	read_fetch_list *l = ctx->fetch_list;
	galley_fetch *f = ctx->opts->fetch;
	galley_error why = GALLEY_ERROR_INIT, *caller = ctx->err;
	bool any = false;
	int rc = 0;

	ctx->fetch_list = NULL;
	if (l == NULL || f == NULL)
		goto cleanup;
	for (size_t i = 0; i < l->njobs; i++) {
		fetch_job *j = &l->jobs[i];
		j->asset = galley_doc_lookup_asset(ctx->doc, j->url);
		j->done = j->asset != NULL;
		if (!j->done) {
			cache_lookup(f, j);
			any = true;
		}
	}
	if (any) {
		if ((rc = read_libcurl_ready(&why)) < 0) {
			for (size_t i = 0; i < l->njobs; i++)
				snprintf(l->jobs[i].why, sizeof l->jobs[i].why, "%s", why.message);
			rc = 0;
		} else if ((rc = transfer_all(ctx, f, l)) < 0) {
			goto cleanup;
		}
	}
	for (size_t i = 0; i < l->njobs && rc == 0; i++) {
		fetch_job *j = &l->jobs[i];
		char *bytes = NULL;
		size_t len = 0;
		unsigned char *copy;

		if (j->asset != NULL || j->why[0] != '\0')
			continue;
		finish(f, j, &bytes, &len);
		if (bytes == NULL)
			continue;
		copy = galley_doc_alloc(ctx->doc, len + 1);
		if (copy != NULL)
			memcpy(copy, bytes, len);
		free(bytes);
		if (copy == NULL) {
			rc = galley_error_set(ctx->err, GALLEY_ENOMEM, NULL, "out of memory");
			break;
		}
		/* the bytes are checked as a local file's are; a problem is a warning */
		galley_error_clear(&why);
		ctx->err = &why;
		rc = read_image_bytes(ctx, j->url, j->url, &j->pos, copy, len, &j->asset);
		ctx->err = caller;
		if (rc < 0 && why.code == GALLEY_ENOMEM)
			rc = galley_error_set(ctx->err, GALLEY_ENOMEM, NULL, "out of memory");
		else if (rc < 0) {
			/* the reader's message names the image already */
			snprintf(j->why, sizeof j->why, "%s", why.message);
			j->whole = true;
			j->asset = NULL;
			rc = 0;
		}
	}
	for (size_t u = 0; u < l->nuses && rc == 0; u++) {
		fetch_job *j = &l->jobs[l->uses[u].job];
		l->uses[u].in->asset = j->asset;
		l->uses[u].in->missing = j->asset == NULL;
	}
	for (size_t i = 0; i < l->njobs && rc == 0; i++) {
		fetch_job *j = &l->jobs[i];
		if (j->asset != NULL)
			continue;
		if (galley_doc_warn(ctx->doc, GALLEY_WARNING, &j->pos,
		                    j->whole ? "%.0s%s" : "remote image '%.200s' not fetched: %s",
		                    j->url, j->why) < 0)
			rc = galley_error_set(ctx->err, GALLEY_ENOMEM, NULL, "out of memory");
	}
cleanup:
	if (l != NULL) {
		for (size_t i = 0; i < l->njobs; i++) {
			fetch_job *j = &l->jobs[i];
			if (j->h != NULL)
				curl_easy_cleanup(j->h);
			if (j->headers != NULL)
				curl_slist_free_all(j->headers);
			galley_buf_dispose(&j->body);
			free(j->cached);
			free(j->cache_bin);
			free(j->cache_meta);
		}
	}
	read_fetch_list_free(l);
	return rc;
}
