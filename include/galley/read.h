/*
 * galley/read.h: Markdown articles (with YAML or TOML front matter) into
 * the document model.
 *
 * The reader is the only part of galley that parses Markdown (cmark) and
 * YAML (libyaml).  It maps every CommonMark block and inline into the model,
 * parses the HTML inside it (gumbo, loaded on first use) into the same
 * blocks and inlines, leaving out scripts, styles and forms with a warning,
 * drops unsafe link schemes with a warning, resolves local images relative
 * to the article's folder and loads each once into the document's asset
 * table.
 */
#ifndef GALLEY_READ_H
#define GALLEY_READ_H

#include "galley/export.h"

#include <stdbool.h>
#include <stddef.h>

#include "galley/model.h"

#ifdef __cplusplus
extern "C" {
#endif

GALLEY_API_BEGIN

typedef struct galley_read_ahead galley_read_ahead;

/* Version of galley_read_options these headers describe (see
 * galley_read_options_init). */
#define GALLEY_READ_OPTIONS_VERSION 1

typedef struct galley_read_options {
	unsigned version;          /* GALLEY_READ_OPTIONS_VERSION; set by the initialisers */
	bool smart;                /* typographic quotes and dashes (default on) */
	bool keep_raw_html;        /* show raw HTML as literal text (code blocks, text)
	                            * instead of reading it */
	bool allow_outside_assets; /* allow images outside the article's folder */
	/* Worker threads that parse a folder's files ahead of the reader
	 * (galley_read_path): 0 one per CPU (at most 8), 1 none. */
	int jobs;
	/* Files parsed ahead (galley_read_ahead_new), or NULL. */
	galley_read_ahead *ahead;
} galley_read_options;

#define GALLEY_READ_OPTIONS_INIT \
	{.version = GALLEY_READ_OPTIONS_VERSION, .smart = true, .keep_raw_html = false, \
	 .allow_outside_assets = false, .jobs = 0, .ahead = NULL}

/* Fills `opts` with the defaults of version `version`, which is
 * GALLEY_READ_OPTIONS_VERSION of the headers the caller was built with.
 * Returns 0, or GALLEY_EUSAGE (and leaves `opts` alone) for a version
 * this library does not know or a NULL `opts`. */
int galley_read_options_init(galley_read_options *opts, unsigned version);

/* Reads one Markdown file into a new article appended to `section` (the
 * last section, or a new untitled one, when NULL).  Errors (unreadable
 * file, bad front matter, invalid UTF-8, a missing image, a limit) are
 * returned with FILE:LINE:COL in `err`; on error no article is added.
 * Warnings are collected on `doc`. `opts` may be NULL for defaults;
 * options of an unknown version are GALLEY_EUSAGE.
 *
 * Side effects: the article's local images are read; the first PNG image
 * in the process loads libpng with dlopen (GALLEY_EASSET when it cannot
 * be loaded). */
int galley_read_file(galley_doc *doc, galley_section *section, const char *path,
                     const galley_read_options *opts, galley_error *err);

/* The same for a buffer: `name` is used in messages and as the article's
 * path, `base_dir` resolves relative image paths (NULL: the current folder). */
int galley_read_buffer(galley_doc *doc, galley_section *section, const char *name,
                       const char *base_dir, const char *data, size_t len,
                       const galley_read_options *opts, galley_error *err);

/* Reads a command-line input: a file, a folder (its *.md files in byte
 * order of their names, not recursing) or "-" for standard input (read to
 * its end).  A folder of several files is parsed ahead on worker threads
 * (opts->jobs), which are joined before it returns. */
int galley_read_path(galley_doc *doc, galley_section *section, const char *path,
                     const galley_read_options *opts, galley_error *err);

/* Parsing ahead.  Reading many articles, most of the time goes into
 * checking the text and parsing the Markdown, and neither touches the
 * document.  A galley_read_ahead does both for a list of files on worker
 * threads, a few files ahead of the reader.  Put it in the `ahead` field of
 * the options given to galley_read_file: a call whose path is the next one
 * in the list takes the prepared parse, any other reads the file itself.
 * The document, warnings and errors are exactly those of reading without
 * it (a file that gave the workers any warning or error is simply read
 * again by galley_read_file).
 *
 * galley_read_ahead_new copies `paths` (n file names, in the order they
 * will be read) and `opts` (its jobs: 0 one thread per CPU, at most 8;
 * 1 or a single path: no thread, and NULL is returned, which is a valid
 * `ahead`).  NULL also when out of memory, when threads cannot start or
 * when `opts` has a version this library does not know (galley_read_file
 * reports that one): reading then simply happens without it.
 *
 * Side effects: the threads start at once and read the files; they run
 * until galley_read_ahead_free, which stops and joins them.  Free after
 * the last read of the list. */
galley_read_ahead *galley_read_ahead_new(const char *const *paths, size_t n,
                                         const galley_read_options *opts);
void galley_read_ahead_free(galley_read_ahead *ra);

GALLEY_API_END

#ifdef __cplusplus
}
#endif

#endif
