/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * each.c: one output per article, in one run (`--each`).
 *
 * An archive job turns every article of a site into its own PDF or EPUB.
 * Started once per article, galley spends most of its 10 ms loading:
 * the program, its libraries, the fonts' tables, the hyphenation
 * dictionary.  Here one process makes them all: the libraries are loaded
 * once, the hyphenation dictionaries are loaded once for all articles (a
 * galley_layout_cache), and articles are set on `jobs` threads at once, each article a
 * document of its own laid out without worker threads of its own (an
 * article is too small to share out, and the threads are better spent on
 * articles).
 *
 * What each output holds does not depend on the threads: an article is
 * read, laid out and written exactly as `galley pdf ARTICLE -o OUT` would,
 * so the bytes are the same as a run of its own and the same whatever
 * --jobs says.  Messages are printed by the main thread in input order
 * as articles finish, so the standard error is the same from run to run
 * too.
 *
 * Inputs and outputs.  A file input writes OUTDIR/NAME.EXT; a folder
 * input writes one file per *.md file below it at any depth, mirroring
 * its subfolders: DIR/2026/week-49/ferry.md makes
 * OUTDIR/2026/week-49/ferry.pdf.  Folders are made as needed (mode 0777,
 * which the umask restricts).  Two inputs that would write the same file
 * are refused before anything is written.
 */
#include "cli/each.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/commands.h"

/* How deep a folder input is walked: deeper is a link loop, not a site. */
#define EACH_DEPTH_MAX 32
/* Threads when --jobs is 0, as the library's own automatic count. */
#define EACH_AUTO_JOBS_MAX 8

/* One article to make. */
typedef struct each_item {
	char *src;               /* the Markdown file */
	char *out;               /* OUTDIR/REL.EXT */
	/* Written by the worker that made it, read by the main thread once
	 * `done` is set (under the run's lock). */
	galley_doc *doc;         /* kept for its diagnostics; NULL on OOM */
	galley_error err;        /* why it failed, when it did */
	int status;              /* GALLEY_EXIT_* */
	bool done;
} each_item;

typedef struct each_run {
	const galley_cli_each *opt;
	each_item *items;
	size_t n, cap;
	pthread_mutex_t lock;
	pthread_cond_t finished;   /* an item is done */
	galley_layout_cache *cache; /* dictionaries loaded once for all layouts */
	size_t next;               /* next item to take */
} each_run;

/* ---- listing ----------------------------------------------------------- */

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether a folder entry is a Markdown file galley picks: ends in ".md",
 * not hidden (the rule of galley_read_path for a folder). */
static bool markdown_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 3 && strcmp(name + n - 3, ".md") == 0;
}

/* Appends `src` to the list, to be written as OUTDIR/REL with the
 * extension replaced.  0, or -1 after printing why. */
static int add_item(each_run *run, const char *src, const char *rel)
{
	const galley_cli_each *opt = run->opt;
	size_t rlen = strlen(rel), olen = strlen(opt->outdir);
	const char *dot = strrchr(rel, '.');
	const char *slash = strrchr(rel, '/');
	each_item *it;

	if (dot && (!slash || dot > slash) && dot != rel && dot[-1] != '/')
		rlen = (size_t)(dot - rel);
	if (run->n == run->cap) {
		size_t cap = run->cap ? run->cap * 2 : 64;
		each_item *grown = cap > SIZE_MAX / sizeof *grown ? NULL
		                   : realloc(run->items, cap * sizeof *grown);
		if (!grown)
			goto oom;
		run->items = grown;
		run->cap = cap;
	}
	it = &run->items[run->n];
	memset(it, 0, sizeof *it);
	it->src = strdup(src);
	it->out = malloc(olen + 1 + rlen + strlen(opt->extension) + 1);
	if (!it->src || !it->out) {
		free(it->src);
		free(it->out);
		goto oom;
	}
	sprintf(it->out, "%s%s%.*s%s", opt->outdir,
	        olen && opt->outdir[olen - 1] == '/' ? "" : "/", (int)rlen, rel, opt->extension);
	it->err = (galley_error)GALLEY_ERROR_INIT;
	it->status = GALLEY_EXIT_FAIL;
	run->n++;
	return 0;
oom:
	galley_cli_fail("out of memory");
	return -1;
}

/* Adds the Markdown files below folder `dir` (path `rel` below the folder
 * given, "" at the top), sorted, subfolders in the same order as files.
 * 0, or -1 after printing why. */
static int walk(each_run *run, const char *dir, const char *rel, int depth)
{
	DIR *d = NULL;
	struct dirent *ent;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = -1;

	if (depth > EACH_DEPTH_MAX) {
		galley_cli_fail("%s: folders nested more than %d deep (a link loop?)", dir, EACH_DEPTH_MAX);
		return -1;
	}
	if (!(d = opendir(dir))) {
		galley_cli_fail("%s: cannot open folder: %s", dir, strerror(errno));
		return -1;
	}
	while ((ent = readdir(d)) != NULL) {
		if (ent->d_name[0] == '.')
			continue;
		if (n == cap) {
			size_t c = cap ? cap * 2 : 32;
			char **grown = c > SIZE_MAX / sizeof *grown ? NULL : realloc(names, c * sizeof *grown);
			if (!grown)
				goto oom;
			names = grown;
			cap = c;
		}
		if (!(names[n] = strdup(ent->d_name)))
			goto oom;
		n++;
	}
	qsort(names, n, sizeof *names, compare_strings);
	for (i = 0; i < n; i++) {
		struct stat st;
		char *full = NULL, *sub = NULL;
		int r = 0;

		if (asprintf(&full, "%s/%s", dir, names[i]) < 0 ||
		    asprintf(&sub, "%s%s%s", rel, *rel ? "/" : "", names[i]) < 0) {
			free(full);
			goto oom;
		}
		if (stat(full, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				r = walk(run, full, sub, depth + 1);
			else if (S_ISREG(st.st_mode) && markdown_name(names[i]))
				r = add_item(run, full, sub);
		}
		free(full);
		free(sub);
		if (r < 0)
			goto cleanup;
	}
	rc = 0;
	goto cleanup;
oom:
	galley_cli_fail("out of memory");
cleanup:
	closedir(d);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

static int list_inputs(each_run *run)
{
	const galley_cli_each *opt = run->opt;
	size_t i, before;

	for (i = 0; i < opt->ninputs; i++) {
		const char *in = opt->inputs[i];
		struct stat st;

		if (strcmp(in, "-") == 0) {
			galley_cli_fail("--each reads files and folders, not standard input");
			return -1;
		}
		if (stat(in, &st) != 0) {
			galley_cli_fail("%s: cannot open: %s", in, strerror(errno));
			return -1;
		}
		before = run->n;
		if (S_ISDIR(st.st_mode)) {
			char *dir = strdup(in);
			size_t len = dir ? strlen(dir) : 0;
			int rc;

			if (!dir) {
				galley_cli_fail("out of memory");
				return -1;
			}
			while (len > 1 && dir[len - 1] == '/')
				dir[--len] = '\0';
			rc = walk(run, dir, "", 0);
			free(dir);
			if (rc < 0)
				return -1;
			if (run->n == before)
				galley_cli_fail("%s: folder holds no *.md file", in);
		} else {
			const char *base = strrchr(in, '/');
			if (add_item(run, in, base ? base + 1 : in) < 0)
				return -1;
		}
	}
	return 0;
}

static int compare_outputs(const void *a, const void *b)
{
	const each_item *x = *(const each_item *const *)a, *y = *(const each_item *const *)b;
	int c = strcmp(x->out, y->out);

	return c ? c : (x < y ? -1 : x > y);
}

/* Refuses two articles written to the same file: the second would
 * silently replace the first.  0, or -1 after printing every clash. */
static int check_clashes(const each_run *run)
{
	const each_item **sorted = malloc((run->n ? run->n : 1) * sizeof *sorted);
	size_t i;
	int rc = 0;

	if (!sorted) {
		galley_cli_fail("out of memory");
		return -1;
	}
	for (i = 0; i < run->n; i++)
		sorted[i] = &run->items[i];
	qsort(sorted, run->n, sizeof *sorted, compare_outputs);
	for (i = 1; i < run->n; i++)
		if (strcmp(sorted[i - 1]->out, sorted[i]->out) == 0) {
			galley_cli_fail("%s and %s would both be written to %s: give them "
			                "to separate runs or rename one",
			                sorted[i - 1]->src, sorted[i]->src, sorted[i]->out);
			rc = -1;
		}
	free(sorted);
	return rc;
}

/* Keeps the items whose index is `k` modulo `n`, in order.  Round robin
 * rather than contiguous ranges: a list sorted by date or folder would
 * otherwise give one shard all of one year's long reports. */
static void keep_shard(each_run *run, unsigned k, unsigned n)
{
	size_t i, kept = 0;

	for (i = 0; i < run->n; i++) {
		if (i % n == k) {
			run->items[kept++] = run->items[i];
		} else {
			free(run->items[i].src);
			free(run->items[i].out);
		}
	}
	run->n = kept;
}

/* ---- making one article ------------------------------------------------ */

/* Makes the folders of `path` that do not exist.  0, or -1 with errno. */
static int make_parents(const char *path)
{
	char *copy = strdup(path);
	char *p;
	int rc = 0;

	if (!copy)
		return -1;
	for (p = copy + 1; *p && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0777) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	free(copy);
	return rc;
}

/* Whether the document holds a warning (with --strict, a failure). */
static bool has_warning(const galley_doc *doc)
{
	size_t i, n = galley_doc_ndiags(doc);

	for (i = 0; i < n; i++)
		if (galley_doc_diag(doc, i)->severity == GALLEY_WARNING)
			return true;
	return false;
}

static void make_one(const each_run *run, each_item *it)
{
	const galley_cli_each *opt = run->opt;
	galley_read_options read = *opt->read;
	galley_layout_options layout = *opt->layout;
	galley_pdf_options pdf = *opt->pdf_opts;
	galley_layout *lay = NULL;
	galley_doc *doc = galley_doc_new();

	/* the articles are the unit of work: no threads inside one */
	read.jobs = 1;
	read.ahead = NULL;
	layout.jobs = 1;
	layout.progress = NULL;
	pdf.jobs = 1;
	it->doc = doc;
	if (!doc) {
		galley_error_set(&it->err, GALLEY_ENOMEM, NULL, "out of memory");
		return;
	}
	if (galley_read_file(doc, NULL, it->src, &read, &it->err) < 0)
		return;
	if (opt->prepare && opt->prepare(opt->prepare_ctx, doc) < 0) {
		galley_error_set(&it->err, GALLEY_ENOMEM, NULL, "out of memory");
		return;
	}
	if (galley_doc_finish(doc, &it->err) < 0 || galley_doc_check(doc, &it->err) < 0)
		return;
	if (galley_doc_narticles(doc) == 1) {
		/* no title and no text: a truncated export, not a page (as for a book) */
		const galley_article *a = galley_doc_article(doc, 0);

		if (a->blocks == NULL && (a->meta.title == NULL || a->meta.title[0] == '\0')) {
			galley_error_set(&it->err, GALLEY_EEMPTY, &a->pos, "an empty article: no title and no text");
			return;
		}
	}
	if ((opt->pdf || opt->print_pages) && galley_layout_new_cached(&lay, doc, &layout, run->cache, &it->err) < 0)
		return;
	if (opt->strict && has_warning(doc))
		goto cleanup;  /* the warnings, printed as errors, say why */
	if (make_parents(it->out) < 0) {
		galley_pos pos = {it->out, 0, 0};
		galley_error_set(&it->err, GALLEY_EIO, &pos, "cannot create its folder: %s", strerror(errno));
		goto cleanup;
	}
	if (opt->pdf) {
		if (galley_pdf_write(lay, it->out, &pdf, &it->err) < 0)
			goto cleanup;
	} else {
		galley_epub_options epub = *opt->epub_opts;
		epub.progress = NULL;
		if (opt->print_pages) {
			/* the page list of the article's own PDF edition */
			epub.page_list = true;
			epub.pages = galley_layout_page_map(lay, &epub.npages);
		}
		if (galley_epub_write(doc, it->out, &epub, &it->err) < 0)
			goto cleanup;
		if (opt->strict && has_warning(doc)) {
			unlink(it->out);  /* a warning of the writer's own: not written after all */
			goto cleanup;
		}
	}
	it->status = GALLEY_EXIT_OK;
cleanup:
	galley_layout_free(lay);
}

static void *worker(void *arg)
{
	each_run *run = arg;

	for (;;) {
		each_item *it;

		pthread_mutex_lock(&run->lock);
		if (run->next == run->n) {
			pthread_mutex_unlock(&run->lock);
			break;
		}
		it = &run->items[run->next++];
		pthread_mutex_unlock(&run->lock);
		make_one(run, it);
		pthread_mutex_lock(&run->lock);
		it->done = true;
		pthread_cond_broadcast(&run->finished);
		pthread_mutex_unlock(&run->lock);
	}
	return NULL;
}

/* Threads to run: --jobs, or one per CPU up to EACH_AUTO_JOBS_MAX, never more
 * than there are articles. */
static size_t thread_count(const galley_cli_each *opt, size_t n)
{
	long cpus = opt->jobs > 0 ? opt->jobs : sysconf(_SC_NPROCESSORS_ONLN);

	if (cpus < 1)
		cpus = 1;
	if (opt->jobs <= 0 && cpus > EACH_AUTO_JOBS_MAX)
		cpus = EACH_AUTO_JOBS_MAX;
	if (cpus > GALLEY_JOBS_MAX)
		cpus = GALLEY_JOBS_MAX;
	return (size_t)cpus < n ? (size_t)cpus : n;
}

int galley_cli_each_run(const galley_cli_each *opt)
{
	each_run run;
	pthread_t threads[GALLEY_JOBS_MAX];
	size_t nthreads = 0, started = 0, i, written = 0;
	int status = GALLEY_EXIT_FAIL;

	memset(&run, 0, sizeof run);
	run.opt = opt;
	pthread_mutex_init(&run.lock, NULL);
	pthread_cond_init(&run.finished, NULL);
	if (list_inputs(&run) < 0 || check_clashes(&run) < 0)
		goto cleanup;
	if (run.n == 0)
		goto cleanup;
	if (opt->shards > 1)
		keep_shard(&run, opt->shard, opt->shards);
	if (run.n == 0) {
		/* more shards than articles: this one has nothing to do */
		galley_cli_say(opt->verbosity, GALLEY_CLI_VERBOSE, "shard %u/%u: no article", opt->shard,
		               opt->shards);
		status = GALLEY_EXIT_OK;
		goto cleanup;
	}
	if (!(run.cache = galley_layout_cache_new())) {
		galley_cli_fail("out of memory");
		goto cleanup;
	}
	nthreads = thread_count(opt, run.n);
	/* Threads beyond the first; the main thread prints, then works too
	 * when only one was asked for. */
	for (started = 0; started < nthreads && nthreads > 1; started++)
		if (pthread_create(&threads[started], NULL, worker, &run) != 0)
			break;
	if (started == 0)
		worker(&run);  /* one at a time, here: --jobs 1, or no thread could start */
	for (i = 0; i < run.n; i++) {
		each_item *it = &run.items[i];
		size_t printed = 0;

		pthread_mutex_lock(&run.lock);
		while (!it->done)
			pthread_cond_wait(&run.finished, &run.lock);
		pthread_mutex_unlock(&run.lock);
		if (it->doc)
			galley_cli_diags(it->doc, &printed, opt->verbosity);
		if (it->status == GALLEY_EXIT_OK) {
			written++;
			galley_cli_say(opt->verbosity, GALLEY_CLI_VERBOSE, "wrote %s", it->out);
		} else if (it->err.code != GALLEY_OK) {
			galley_cli_report(&it->err);
		}
		galley_doc_free(it->doc);
		it->doc = NULL;
	}
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	if (written == run.n) {
		galley_cli_say(opt->verbosity, GALLEY_CLI_VERBOSE, "wrote %zu file%s in %s", written,
		               written == 1 ? "" : "s", opt->outdir);
		status = GALLEY_EXIT_OK;
	} else {
		galley_cli_say(opt->verbosity, GALLEY_CLI_NORMAL, "wrote %zu of %zu files in %s; %zu failed",
		               written, run.n, opt->outdir, run.n - written);
		/* as a book built with --keep-going: some written, some left out */
		status = written ? GALLEY_EXIT_PARTIAL : GALLEY_EXIT_FAIL;
	}

cleanup:
	for (i = 0; i < run.n; i++) {
		free(run.items[i].src);
		free(run.items[i].out);
		galley_doc_free(run.items[i].doc);
	}
	free(run.items);
	galley_layout_cache_free(run.cache);
	pthread_cond_destroy(&run.finished);
	pthread_mutex_destroy(&run.lock);
	return status;
}
