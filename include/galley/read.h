/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
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
typedef struct galley_fetch galley_fetch;

/* Version of galley_read_options these headers describe (see
 * galley_read_options_init). */
#define GALLEY_READ_OPTIONS_VERSION 2

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
	/* Version 2. */
	/* Folders, separated by ':', where site-root image paths are found
	 * ("/images/x.png" as DIR/images/x.png, inside DIR), and relative ones
	 * not found beside the article; NULL or "" for none.  Borrowed. */
	const char *resource_path;
	/* Remote images (http, https) are downloaded through it
	 * (galley_fetch_new); NULL: never, and no socket is opened.
	 * Borrowed. */
	galley_fetch *fetch;
} galley_read_options;

#define GALLEY_READ_OPTIONS_INIT \
	{.version = GALLEY_READ_OPTIONS_VERSION, .smart = true, .keep_raw_html = false, \
	 .allow_outside_assets = false, .jobs = 0, .ahead = NULL, .resource_path = NULL, \
	 .fetch = NULL}

/* Fills `opts` with the defaults of version `version`, which is
 * GALLEY_READ_OPTIONS_VERSION of the headers the caller was built with.
 * Returns 0, or GALLEY_EUSAGE (and leaves `opts` alone) for a version
 * this library does not know or a NULL `opts`. */
int galley_read_options_init(galley_read_options *opts, unsigned version);

/* Reads one Markdown file into a new article appended to `section` (the
 * last section, or a new untitled one, when NULL).  Errors (unreadable
 * file, bad front matter, invalid UTF-8, a limit) are returned with
 * FILE:LINE:COL in `err`; on error no article is added.  Warnings are
 * collected on `doc`: among them every image that cannot be used
 * (missing, refused, corrupt, too large, of an unknown type), each at
 * its position; such an image's inline has `missing` set and the writers
 * show a placeholder.  `opts` may be NULL for defaults; options of an
 * unknown version are GALLEY_EUSAGE.
 *
 * Side effects: the article's local images are read (in the article's
 * folder and the resource path); the first image of each type in the
 * process loads its decoder with dlopen: libpng (PNG), giflib (GIF),
 * libwebp and libwebpdemux (WebP), libxml2 and librsvg with cairo (SVG).
 * A decoder that cannot be loaded makes that image unusable (a warning
 * naming the library). */
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
 * again by galley_read_file).  One galley_read_ahead is read from one
 * thread: the galley_read_file calls that use it must not run at the
 * same time.
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

/* ---- remote images -------------------------------------------------------- */

/* Downloading remote images, on request.  By default a remote image is
 * shown as its alt text (with a warning) and galley never touches the
 * network.  A galley_fetch in the read options downloads the http and
 * https images of each article when the article has been mapped, several
 * at once, with libcurl (loaded with dlopen on the first download):
 * TLS verified; redirects only to http or https (never from https down to
 * http), at most 5; at most GALLEY_READ_MAX_IMAGE_BYTES an image and
 * GALLEY_FETCH_MAX_RUN_BYTES in all; `timeout` seconds an image and
 * `run_timeout` for all the downloads of the fetcher; an answer must be
 * 200 (or 304) with an image's Content-Type.  An image that fails any of
 * this is a warning and a placeholder, never a partial image.
 *
 * The cache: each image with an ETag or a Last-Modified date is kept in
 * the cache folder (remote-HASH.bin and .meta, HASH of the URL) and asked
 * for again with If-None-Match / If-Modified-Since, so that a periodic
 * run downloads it once.
 *
 * A fetcher is used by one thread at a time; it keeps the totals the
 * per-run limits count. */

/* All the downloads of one fetcher, bytes: a digest of many articles with
 * many pictures stays under half a gigabyte of traffic and memory. */
#define GALLEY_FETCH_MAX_RUN_BYTES ((unsigned long long)512 * 1024 * 1024)
/* Downloads at once, at most (galley_fetch_options.jobs). */
#define GALLEY_FETCH_JOBS_MAX 32

#define GALLEY_FETCH_OPTIONS_VERSION 1

typedef struct galley_fetch_options {
	unsigned version;       /* GALLEY_FETCH_OPTIONS_VERSION; set by the initialisers */
	/* The cache folder: NULL for galley's ($GALLEY_CACHE_DIR, else
	 * $XDG_CACHE_HOME/galley, else $HOME/.cache/galley), "" for none.
	 * Copied. */
	const char *cache_dir;
	double timeout;         /* seconds one image may take (default 30) */
	double run_timeout;     /* seconds all the downloads may take (default 300) */
	int jobs;               /* downloads at once, 1 to GALLEY_FETCH_JOBS_MAX (default 8) */
} galley_fetch_options;

#define GALLEY_FETCH_OPTIONS_INIT \
	{.version = GALLEY_FETCH_OPTIONS_VERSION, .cache_dir = NULL, .timeout = 30, \
	 .run_timeout = 300, .jobs = 8}

/* Fills `opts` with the defaults of `version`; 0 or GALLEY_EUSAGE. */
int galley_fetch_options_init(galley_fetch_options *opts, unsigned version);

/* A new fetcher in *out, which the caller frees with galley_fetch_free
 * after the last read that uses it.  `opts` may be NULL for the
 * defaults.  Errors: GALLEY_EUSAGE (a version it does not know, a
 * timeout not positive, jobs out of range), GALLEY_ENOMEM.  Side effects:
 * reads GALLEY_CACHE_DIR, XDG_CACHE_HOME and HOME when cache_dir is NULL;
 * nothing is loaded or opened until the first download, which loads
 * libcurl (and its TLS library), runs curl_global_init once, opens
 * sockets, and reads and writes the cache folder (made with mode 0700). */
int galley_fetch_new(galley_fetch **out, const galley_fetch_options *opts, galley_error *err);
void galley_fetch_free(galley_fetch *fetch);

GALLEY_API_END

#ifdef __cplusplus
}
#endif

#endif
