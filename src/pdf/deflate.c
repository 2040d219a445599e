/*
 * deflate.c: deflates a set of buffers (zlib format, as FlateDecode wants)
 * with libdeflate, on worker threads.
 *
 * libdeflate compresses whole buffers, which is all a PDF stream is here,
 * and measured on the page contents of the 100-article benchmark book it
 * is 1.5 times as fast as zlib at the same level for the same size (21 ms
 * against 32 ms for 2 MB of content streams at level 4).
 *
 * The writer hands the blobs over as a stream: the fonts' streams first,
 * then each page's content as soon as it is painted.  Helper threads take
 * the next ready blob from a shared counter under a mutex (blobs are pages
 * and fonts: a few KB to some 30 KB each, so the lock is cheap next to
 * deflate) and write only into their own blob, so no other state is
 * shared; the painting thread joins them once the last page is handed
 * over.  Deflating in batches of 64 pages between painting them, before,
 * left one core idle while pages were painted: the stream took 1,000
 * articles to PDF from 1.22-1.35 s to 0.95 s.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "base/cpus.h"
#include "pdf/deflate.h"

/* Automatic thread count: the online CPUs, at most this many (deflate of
 * a whole book is a fraction of a second; more threads buy little). */
#define GP_DEFLATE_JOBS_AUTO_MAX 8
/* A thread's compressor, made once and used for every blob: making one
 * allocates some hundreds of KB, more than deflating a page costs. */
typedef struct gp_zs {
	struct libdeflate_compressor *c;
} gp_zs;

static void zs_end(gp_zs *z)
{
	libdeflate_free_compressor(z->c);
	z->c = NULL;
}

/* Replaces one blob's bytes by their compression.  0 or a galley_code. */
static int deflate_one(gp_zs *z, gp_blob *b)
{
	unsigned char *out;
	size_t cap, len;

	if (z->c == NULL && (z->c = libdeflate_alloc_compressor(GP_DEFLATE_LEVEL)) == NULL)
		return GALLEY_ENOMEM;
	cap = libdeflate_zlib_compress_bound(z->c, b->len);
	out = malloc(cap ? cap : 1);
	if (!out)
		return GALLEY_ENOMEM;
	len = libdeflate_zlib_compress(z->c, b->data, b->len, out, cap);
	if (len == 0) {  /* cannot happen with a bound-sized buffer */
		free(out);
		return GALLEY_EINTERNAL;
	}
	free(b->data);
	b->data = out;
	b->len = len;
	return 0;
}

/* ---- streaming: pages deflated while the next ones are painted ------------ */

struct gp_deflater {
	gp_blob *blobs;
	size_t ready;         /* blobs [0, ready) may be taken, under mu */
	size_t next;          /* next blob to take, under mu */
	bool closing;         /* no more blobs will become ready, under mu */
	int rc;               /* first failure, under mu */
	pthread_mutex_t mu;
	pthread_cond_t more;  /* ready grew, or closing */
	pthread_t tid[GP_DEFLATE_JOBS_AUTO_MAX];
	int started;
};

/* Takes ready blobs until closed and drained; `wait`: sleeps for more
 * (helpers) or returns when none is ready (the caller, before closing). */
static void stream_work(gp_deflater *d, gp_zs *z, bool wait)
{
	for (;;) {
		size_t i;
		int rc;

		pthread_mutex_lock(&d->mu);
		while (wait && d->next >= d->ready && !d->closing && d->rc == 0)
			pthread_cond_wait(&d->more, &d->mu);
		if (d->next >= d->ready || d->rc != 0) {
			pthread_mutex_unlock(&d->mu);
			return;
		}
		i = d->next++;
		pthread_mutex_unlock(&d->mu);
		rc = deflate_one(z, &d->blobs[i]);
		if (rc != 0) {
			pthread_mutex_lock(&d->mu);
			if (d->rc == 0)
				d->rc = rc;
			pthread_mutex_unlock(&d->mu);
		}
	}
}

static void *stream_worker(void *arg)
{
	gp_zs z = {NULL};

	stream_work(arg, &z, true);
	zs_end(&z);
	return NULL;
}

int gp_deflater_start(gp_deflater **out, gp_blob *blobs, int jobs, galley_error *err)
{
	gp_deflater *d = calloc(1, sizeof *d);

	*out = NULL;
	if (!d)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	d->blobs = blobs;
	if (jobs <= 0)
		jobs = (int)galley_cpus_online(GP_DEFLATE_JOBS_AUTO_MAX);
	if (jobs > GP_DEFLATE_JOBS_AUTO_MAX)
		jobs = GP_DEFLATE_JOBS_AUTO_MAX;
	if (pthread_mutex_init(&d->mu, NULL) != 0) {
		free(d);
		return galley_error_set(err, GALLEY_EINTERNAL, NULL, "cannot create a mutex");
	}
	if (pthread_cond_init(&d->more, NULL) != 0) {
		pthread_mutex_destroy(&d->mu);
		free(d);
		return galley_error_set(err, GALLEY_EINTERNAL, NULL, "cannot create a condition variable");
	}
	/* the caller paints while the helpers deflate: jobs - 1 of them, and
	 * the caller joins in at the end */
	for (int t = 0; t < jobs - 1; t++) {
		if (pthread_create(&d->tid[t], NULL, stream_worker, d) != 0)
			break; /* fewer helpers: the caller does the rest */
		d->started++;
	}
	*out = d;
	return 0;
}

void gp_deflater_ready(gp_deflater *d, size_t upto)
{
	pthread_mutex_lock(&d->mu);
	if (upto > d->ready) {
		d->ready = upto;
		pthread_cond_signal(&d->more);
	}
	pthread_mutex_unlock(&d->mu);
}

int gp_deflater_finish(gp_deflater *d, galley_error *err)
{
	gp_zs z = {NULL};
	int rc;

	if (!d)
		return 0;
	pthread_mutex_lock(&d->mu);
	d->closing = true;
	pthread_cond_broadcast(&d->more);
	pthread_mutex_unlock(&d->mu);
	stream_work(d, &z, false);
	zs_end(&z);
	for (int t = 0; t < d->started; t++)
		pthread_join(d->tid[t], NULL);
	rc = d->rc;
	pthread_cond_destroy(&d->more);
	pthread_mutex_destroy(&d->mu);
	free(d);
	if (rc == GALLEY_ENOMEM)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	if (rc != 0)
		return galley_error_set(err, GALLEY_EINTERNAL, NULL, "libdeflate failed to deflate a stream");
	return 0;
}
