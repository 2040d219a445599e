/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * read/ahead.c: files parsed ahead of the reader on worker threads
 * (galley_read_ahead in galley/read.h).
 *
 * Reading an article is: the bytes, the text checks (text.c), the front
 * matter (YAML into the article's metadata), cmark's parse of the body,
 * and the mapping of cmark's tree into the model (which may load images).
 * The workers of a pool (base/pool.h) do all of it here for the files of
 * a list, in order, at most AHEAD_WINDOW_PER_JOB files per worker ahead
 * of what the reader has taken (so memory stays bounded on a
 * thousand-file digest).  Each article is mapped into a document of its
 * own; the reader, in its own thread and in order, moves its nodes into
 * the real document (galley_doc_absorb) and adds the article.  Until
 * December 2026 the workers stopped at cmark's tree and the reader
 * mapped it: the reader was then the bottleneck, and 100 articles took as
 * long to read with two workers as with none (12.4 ms).
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
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/cpus.h"
#include "base/pool.h"
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

/* File i is prepared by task i.  The reader's thread submits task
 * i + window when it takes file i, so at most `window` files are prepared
 * and not yet taken; `taken` and the submissions belong to that thread
 * alone.  A task writes only its own file and its worker's scratch
 * document, and the reader reads the file once galley_task_wait says the
 * task is done: no lock of its own is needed. */
typedef struct ahead_job {
	galley_task task;
	galley_read_ahead *ra;
	size_t i;                   /* the file it prepares */
} ahead_job;

struct galley_read_ahead {
	galley_read_options opts;   /* copied; opts.ahead is NULL */
	read_prepared *files;       /* n, in reading order */
	ahead_job *jobs;            /* n: job i prepares files[i] */
	size_t n;
	size_t taken;               /* files the reader has taken */
	size_t window;              /* files submitted past `taken` */
	atomic_bool stop;           /* freeing: tasks not begun do nothing */
	galley_pool *pool;
	galley_doc **scratch;       /* per worker, made by its worker when first needed */
	size_t nscratch;
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

/* Task i: prepares files[i] with the worker's scratch document, unless
 * the reader is gone. */
static void prepare_task(void *arg, size_t worker)
{
	ahead_job *j = arg;
	galley_read_ahead *ra = j->ra;

	if (atomic_load(&ra->stop))
		return;
	if (ra->scratch[worker] == NULL)
		ra->scratch[worker] = galley_doc_new();
	if (ra->scratch[worker])
		prepare(&ra->files[j->i], ra->scratch[worker], &ra->opts);  /* else unusable: read plainly */
}

static void submit(galley_read_ahead *ra, size_t i)
{
	if (i >= ra->n)
		return;
	galley_pool_submit(ra->pool, &ra->jobs[i].task, prepare_task, &ra->jobs[i]);
	if (i + 1 == ra->n)
		galley_pool_close(ra->pool);  /* workers end as they run out of files */
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
	atomic_init(&ra->stop, false);
	ra->files = calloc(n, sizeof *ra->files);
	ra->jobs = calloc(n, sizeof *ra->jobs);
	ra->scratch = calloc(threads, sizeof *ra->scratch);
	ra->nscratch = threads;
	if (ra->files == NULL || ra->jobs == NULL || ra->scratch == NULL)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		ra->jobs[i].ra = ra;
		ra->jobs[i].i = i;
		if ((ra->files[i].path = strdup(paths[i] ? paths[i] : "")) == NULL)
			goto fail;
	}
	/* no worker: nothing would be read ahead, the reader reads plainly */
	ra->pool = galley_pool_new(threads);
	if (ra->pool == NULL || galley_pool_threads(ra->pool) == 0)
		goto fail;
	for (size_t i = 0; i < ra->window; i++)
		submit(ra, i);
	return ra;
fail:
	galley_pool_free(ra->pool);
	for (size_t i = 0; ra->files && i < n; i++)
		free((char *)ra->files[i].path);
	free(ra->files);
	free(ra->jobs);
	free(ra->scratch);
	free(ra);
	return NULL;
}

void galley_read_ahead_free(galley_read_ahead *ra)
{
	if (ra == NULL)
		return;
	atomic_store(&ra->stop, true);
	galley_pool_free(ra->pool);  /* after the tasks under way */
	for (size_t w = 0; w < ra->nscratch; w++)
		galley_doc_free(ra->scratch[w]);
	for (size_t i = 0; i < ra->n; i++) {
		read_prepared_release(&ra->files[i]);
		free((char *)ra->files[i].path);
	}
	free(ra->files);
	free(ra->jobs);
	free(ra->scratch);
	free(ra);
}

bool read_ahead_take(galley_read_ahead *ra, const char *path, read_prepared *out)
{
	size_t i;
	bool ok;

	memset(out, 0, sizeof *out);
	if (ra == NULL || path == NULL)
		return false;
	i = ra->taken;
	if (i >= ra->n || strcmp(ra->files[i].path, path) != 0)
		return false;
	galley_task_wait(ra->pool, &ra->jobs[i].task);
	*out = ra->files[i];
	ra->files[i].mapped = NULL;
	ra->files[i].blocks = NULL;
	ra->files[i].usable = false;
	ra->taken++;
	submit(ra, i + ra->window);
	ok = out->usable;
	if (!ok)
		read_prepared_release(out);
	return ok;
}
