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

typedef struct galley_read_options {
	bool smart;                /* typographic quotes and dashes (default on) */
	bool keep_raw_html;        /* keep raw HTML as literal text instead of dropping it */
	bool allow_outside_assets; /* allow images outside the article's folder */
} galley_read_options;

#define GALLEY_READ_OPTIONS_INIT {true, false, false}

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

#ifdef __cplusplus
}
#endif

#endif
