/*
 * galley/read.h: Markdown articles (with YAML or TOML front matter) into
 * the document model.
 *
 * The reader is the only part of galley that parses Markdown (cmark) and
 * YAML (libyaml).  It maps every CommonMark block and inline into the model,
 * drops raw HTML and unsafe link schemes with a warning, resolves local
 * images relative to the article's folder and loads each once into the
 * document's asset table.
 */
#ifndef GALLEY_READ_H
#define GALLEY_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "galley/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct galley_read_ahead galley_read_ahead;

typedef struct galley_read_options {
	bool smart;                /* typographic quotes and dashes (default on) */
	bool keep_raw_html;        /* keep raw HTML as literal text instead of dropping it */
	bool allow_outside_assets; /* allow images outside the article's folder */
	/* Worker threads that parse a folder's files ahead of the reader
	 * (galley_read_path): 0 one per CPU (at most 8), 1 none. */
	int jobs;
	/* Files parsed ahead (galley_read_ahead_new), or NULL. */
	galley_read_ahead *ahead;
} galley_read_options;

#define GALLEY_READ_OPTIONS_INIT {true, false, false, 0, NULL}

/* Reads one Markdown file into a new article appended to `section` (the
 * last section, or a new untitled one, when NULL).  Errors (unreadable
 * file, bad front matter, invalid UTF-8, a missing image, a limit) are
 * returned with FILE:LINE:COL in `err`; on error no article is added.
 * Warnings are collected on `doc`. `opts` may be NULL for defaults. */
int galley_read_file(galley_doc *doc, galley_section *section, const char *path,
                     const galley_read_options *opts, galley_error *err);

/* The same for a buffer: `name` is used in messages and as the article's
 * path, `base_dir` resolves relative image paths (NULL: the current folder). */
int galley_read_buffer(galley_doc *doc, galley_section *section, const char *name,
                       const char *base_dir, const char *data, size_t len,
                       const galley_read_options *opts, galley_error *err);

/* Reads a command-line input: a file, a folder (its *.md files in byte
 * order of their names, not recursing) or "-" for standard input. */
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
 * `ahead`).  NULL also when out of memory or threads cannot start: reading
 * then simply happens without it.  Free after the last read of the list. */
galley_read_ahead *galley_read_ahead_new(const char *const *paths, size_t n,
                                         const galley_read_options *opts);
void galley_read_ahead_free(galley_read_ahead *ra);

#ifdef __cplusplus
}
#endif

#endif
