/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * each.h: `galley pdf --each` and `galley epub --each`: one output per
 * article, in one run.
 */
#ifndef GALLEY_CLI_EACH_H
#define GALLEY_CLI_EACH_H

#include <stdbool.h>
#include <stddef.h>

#include "galley.h"
#include "cli/messages.h"

/* One --each run.  Everything is borrowed for the call. */
typedef struct galley_cli_each {
	const char *const *inputs;   /* files and folders, as given */
	size_t ninputs;
	const char *outdir;          /* the folder the outputs go to */
	const char *extension;       /* ".pdf" or ".epub" */
	bool pdf;                    /* true: PDF; false: EPUB */
	bool print_pages;            /* EPUB: list the pages of the PDF edition */
	const galley_read_options *read;
	const galley_layout_options *layout;
	const galley_pdf_options *pdf_opts;
	const galley_epub_options *epub_opts;
	int jobs;                    /* articles at once: 0 one per CPU (up to
	                              * GALLEY_JOBS_MAX), 1 one after the other */
	unsigned shard, shards;      /* --shard K/N: make only the articles whose
	                              * index in the sorted list is K modulo N;
	                              * 0/1 (or 0/0): all */
	bool strict;                 /* a warning fails its article */
	galley_cli_verbosity verbosity;
	/* Sets the run's metadata options on an article's document; called
	 * on worker threads, so it may only read `ctx`.  0, or -1 on OOM. */
	int (*prepare)(const void *ctx, galley_doc *doc);
	const void *prepare_ctx;
} galley_cli_each;

/* Lists the Markdown files of the inputs (a folder: its *.md files at any
 * depth, in byte order of their paths), maps each to OUTDIR/REL.EXT
 * (REL: its path below the folder given, or its file name), refuses two
 * inputs that would write the same file, and makes each output on worker
 * threads: read, finish, lay out and write, atomically, one article per
 * document (with a shard, only the articles of the shard: the list and
 * its clash check are the whole run's, so shards agree).  A failed
 * article never stops the others.  Messages are
 * printed in input order; a summary says how many were written.  Returns
 * GALLEY_EXIT_OK when every article was written, GALLEY_EXIT_PARTIAL when
 * some were and some failed, GALLEY_EXIT_FAIL when none was written or
 * none was found. */
int galley_cli_each_run(const galley_cli_each *each);

#endif
