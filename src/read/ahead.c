/*
 * read/ahead.c: files parsed ahead of the reader on worker threads
 * (galley_read_ahead in galley/read.h).
 *
 * Reading an article is: the bytes, the text checks (text.c), the front
 * matter (YAML into the article's metadata), cmark's parse of the body,
 * and the mapping of cmark's tree into the model (which may load images).
 * Workers do all of it here for the files of a list, in order, at most
 * AHEAD_WINDOW_PER_JOB files per worker ahead of what the reader has
 * taken (so memory stays bounded on a thousand-file digest).  Each
 * article is mapped into a document of its own; the reader, in its own
 * thread and in order, moves its nodes into the real document
 * (galley_doc_absorb) and adds the article.  Until December 2026 the
 * workers stopped at cmark's tree and the reader mapped it: the reader
 * was then the bottleneck, and 100 articles took as long to read with
 * two workers as with none (12.4 ms).
 *
 * An image is not loaded ahead: assets are shared by the whole document,
 * and their table is the reader's.  An article with one is read again by
 * the reader.
 *
 * A worker checks the text against a scratch document of its own.  If
 * anything went differently from a clean read (an I/O error, a refused
 * file, a warning such as a replaced control character or a dropped HTML
 * block, an unclosed front matter, an image), the prepared file is marked
 * unusable and galley_read_file reads it again itself, which reports
 * exactly what a plain read reports.  So the outcome never depends on the
 * threads.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/cpus.h"
#include "model/options.h"
#include "read/internal.h"

/* Files prepared ahead of the reader, per worker: enough to keep a worker
 * busy while the reader maps one file, few enough that a digest does not
 * hold a thousand cmark trees at once. */
#define AHEAD_WINDOW_PER_JOB 4
/* Workers when jobs is 0: the online CPUs, at most this many (the reader
 * itself is the bottleneck beyond a few). */
#define AHEAD_JOBS_AUTO_MAX 8
/* Largest jobs value honoured. */
#define AHEAD_JOBS_MAX 64

typedef enum ahead_state { AHEAD_WAITING, AHEAD_WORKING, AHEAD_READY } ahead_state;

struct galley_read_ahead {
	galley_read_options opts;   /* copied; opts.ahead is NULL */
	read_prepared *files;       /* n, in reading order */
	size_t n;
	ahead_state *state;
	size_t next;                /* next file a worker claims */
	size_t taken;               /* files the reader has taken or skipped */
	size_t window;              /* claims allowed past `taken` */
	bool stop;
	pthread_mutex_t mu;
	pthread_cond_t ready;       /* a file became ready */
	pthread_cond_t room;        /* the reader took one, or stop */
	pthread_t *tid;
	size_t nthreads;
};

void read_prepared_release(read_prepared *f)
{
	galley_doc_free(f->mapped);
	f->mapped = NULL;
	memset(&f->meta, 0, sizeof f->meta);
	f->blocks = NULL;
	f->usable = false;
}

/* Reads, checks, parses and maps f->path into a document of its own;
 * f->usable says whether it all went as cleanly as a plain read (no
 * warning, no error, no image).  `scratch` collects the text checks'
 * warnings. */
static void prepare(read_prepared *f, galley_doc *scratch, const galley_read_options *opts)
{
	galley_error err = GALLEY_ERROR_INIT;
	read_ctx ctx;
	read_fm_split sp;
	struct cmark_node *root;
	char *data = NULL, *text = NULL;
	size_t len, text_len, before = galley_doc_ndiags(scratch);

	f->usable = false;
	if (read_file_bytes(f->path, &data, &len, &err) < 0)
		goto done;
	memset(&ctx, 0, sizeof ctx);
	ctx.doc = scratch;
	ctx.opts = opts;
	ctx.err = &err;
	ctx.file = f->path;
	ctx.ahead = true;
	if (read_text_normalize(&ctx, data, len, &text, &text_len) < 0 ||
	    galley_doc_ndiags(scratch) != before)
		goto done;
	free(data);
	data = NULL;
	if (read_front_matter_split(text, text_len, &sp) < 0)
		goto done;
	root = read_markdown_parse(opts, sp.body, text_len - (size_t)(sp.body - text));
	if (root == NULL)
		goto done;
	if ((f->mapped = galley_doc_new()) == NULL ||
	    (ctx.file = galley_doc_strdup(f->mapped, f->path)) == NULL) {
		read_markdown_tree_free(root);
		goto done;
	}
	ctx.doc = f->mapped;
	f->usable = read_map(&ctx, text, text_len, root, &f->meta, &f->blocks) == 0 &&
	            galley_doc_ndiags(f->mapped) == 0;
done:
	free(data);
	free(text);
	galley_error_clear(&err);
	if (!f->usable)
		read_prepared_release(f);
}

static void *worker_main(void *arg)
{
	galley_read_ahead *ra = arg;
	galley_doc *scratch = galley_doc_new();

	for (;;) {
		size_t i;

		pthread_mutex_lock(&ra->mu);
		while (!ra->stop && ra->next < ra->n && ra->next >= ra->taken + ra->window)
			pthread_cond_wait(&ra->room, &ra->mu);
		if (ra->stop || ra->next >= ra->n) {
			pthread_mutex_unlock(&ra->mu);
			break;
		}
		i = ra->next++;
		ra->state[i] = AHEAD_WORKING;
		pthread_mutex_unlock(&ra->mu);
		if (scratch)
			prepare(&ra->files[i], scratch, &ra->opts);  /* else unusable: read plainly */
		pthread_mutex_lock(&ra->mu);
		ra->state[i] = AHEAD_READY;
		pthread_cond_broadcast(&ra->ready);
		pthread_mutex_unlock(&ra->mu);
	}
	galley_doc_free(scratch);
	return NULL;
}

static size_t thread_count(int jobs, size_t n)
{
	size_t t;

	if (jobs <= 0) {
		t = galley_cpus_online(AHEAD_JOBS_AUTO_MAX);
	} else {
		t = jobs > AHEAD_JOBS_MAX ? AHEAD_JOBS_MAX : (size_t)jobs;
	}
	return t < n ? t : n;
}

galley_read_ahead *galley_read_ahead_new(const char *const *paths, size_t n,
                                         const galley_read_options *opts)
{
	galley_read_options defaults = GALLEY_READ_OPTIONS_INIT;
	galley_read_ahead *ra;
	size_t threads;

	if (opts == NULL)
		opts = &defaults;
	/* a version this library does not know: galley_read_file reports it */
	if (galley_options_version_check(opts->version, GALLEY_READ_OPTIONS_VERSION,
	                                 "galley_read_options", NULL) < 0)
		return NULL;
	threads = thread_count(opts->jobs, n);
	if (paths == NULL || n < 2 || threads < 1 || opts->jobs == 1)
		return NULL;
	ra = calloc(1, sizeof *ra);
	if (ra == NULL)
		return NULL;
	read_options_copy(&ra->opts, opts);
	ra->opts.ahead = NULL;
	ra->n = n;
	ra->window = threads * AHEAD_WINDOW_PER_JOB;
	ra->files = calloc(n, sizeof *ra->files);
	ra->state = calloc(n, sizeof *ra->state);
	ra->tid = calloc(threads, sizeof *ra->tid);
	if (ra->files == NULL || ra->state == NULL || ra->tid == NULL)
		goto fail;
	for (size_t i = 0; i < n; i++)
		if ((ra->files[i].path = strdup(paths[i] ? paths[i] : "")) == NULL)
			goto fail;
	if (pthread_mutex_init(&ra->mu, NULL) != 0)
		goto fail;
	if (pthread_cond_init(&ra->ready, NULL) != 0) {
		pthread_mutex_destroy(&ra->mu);
		goto fail;
	}
	if (pthread_cond_init(&ra->room, NULL) != 0) {
		pthread_cond_destroy(&ra->ready);
		pthread_mutex_destroy(&ra->mu);
		goto fail;
	}
	for (size_t t = 0; t < threads; t++) {
		if (pthread_create(&ra->tid[t], NULL, worker_main, ra) != 0)
			break;
		ra->nthreads++;
	}
	if (ra->nthreads > 0)
		return ra;
	pthread_cond_destroy(&ra->room);
	pthread_cond_destroy(&ra->ready);
	pthread_mutex_destroy(&ra->mu);
fail:
	for (size_t i = 0; ra->files && i < n; i++)
		free((char *)ra->files[i].path);
	free(ra->files);
	free(ra->state);
	free(ra->tid);
	free(ra);
	return NULL;
}

void galley_read_ahead_free(galley_read_ahead *ra)
{
	if (ra == NULL)
		return;
	pthread_mutex_lock(&ra->mu);
	ra->stop = true;
	pthread_cond_broadcast(&ra->room);
	pthread_mutex_unlock(&ra->mu);
	for (size_t t = 0; t < ra->nthreads; t++)
		pthread_join(ra->tid[t], NULL);
	pthread_cond_destroy(&ra->room);
	pthread_cond_destroy(&ra->ready);
	pthread_mutex_destroy(&ra->mu);
	for (size_t i = 0; i < ra->n; i++) {
		read_prepared_release(&ra->files[i]);
		free((char *)ra->files[i].path);
	}
	free(ra->files);
	free(ra->state);
	free(ra->tid);
	free(ra);
}

bool read_ahead_take(galley_read_ahead *ra, const char *path, read_prepared *out)
{
	size_t i;
	bool ok;

	memset(out, 0, sizeof *out);
	if (ra == NULL || path == NULL)
		return false;
	pthread_mutex_lock(&ra->mu);
	i = ra->taken;
	if (i >= ra->n || strcmp(ra->files[i].path, path) != 0) {
		pthread_mutex_unlock(&ra->mu);
		return false;
	}
	/* the file may not be claimed yet when the workers are behind */
	while (ra->state[i] != AHEAD_READY && ra->nthreads > 0)
		pthread_cond_wait(&ra->ready, &ra->mu);
	*out = ra->files[i];
	ra->files[i].mapped = NULL;
	ra->files[i].blocks = NULL;
	ra->files[i].usable = false;
	ra->taken++;
	pthread_cond_broadcast(&ra->room);
	pthread_mutex_unlock(&ra->mu);
	ok = out->usable;
	if (!ok)
		read_prepared_release(out);
	return ok;
}
