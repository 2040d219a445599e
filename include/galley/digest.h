/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * galley/digest.h: digest manifests (digest.yaml).
 *
 * A manifest names a publication and the articles it collects:
 *
 *   title: The Weekly Brief          # publication metadata: title, subtitle,
 *   issue: "No. 2"                   # issue, date, editor, publisher, lang,
 *   date: 2022-01-16                 # cover, description, identifier
 *   since: 7d                        # a date, or a span (Nd, Nw) ending on until
 *   until: 1d                        # a date, or N days before the issue's date
 *   skip_invalid: false              # true: leave out articles that cannot be read
 *   sort: date                       # input | date | title
 *   tags: [europe]                   # a list, or one comma-separated string
 *   duplicates: drop                 # drop (default) | keep
 *   sections:
 *     - title: World
 *       articles: [world/, "extra/2022-*.md", notes/one.md]
 *   pdf: {paper: a4, columns: 2, font_size: 10.5, margins: 20mm, ragged: false,
 *         hyphenate: true, fonts: fonts/, family: "Source Serif", continuous: false,
 *         leading: 14pt, column_gap: 18pt}
 *   epub: {css: style.css, embed_fonts: true, print_pages: true, toc_depth: 2,
 *          cover: cover.jpg}
 *   output: {pdf: "weekly-{date}.pdf", epub: "weekly-{date}.epub"}
 *   resource_path: [static, assets]  # where site-root images (/images/x.png) are
 *
 * Instead of `sections:`, a top-level `articles:` list makes one untitled
 * section.  Paths are relative to the manifest's folder.  An entry is a
 * Markdown file, a folder (its *.md files, not recursing) or a glob(3)
 * pattern (regular files it matches); each entry's files are sorted by
 * byte order of their paths.  A file named twice is read once (warning).
 *
 * `margins` is one length for all four sides or a mapping of top, bottom,
 * inner, outer.  Lengths are a number of points or a string with a unit
 * (mm, cm, in, pt).
 *
 * The window and the issue belong to a run: one manifest makes every
 * week's issue (galley_digest_resolve).  A span `since: Nd` covers N days
 * ending on `until`: since = until - (N - 1) days; `Nw` is 7N days.
 * `until` is a date, or `Nd`: N days before the issue's date.  When until
 * is not a date, the window counts from the issue's date: the run's date,
 * else the manifest's `date:`, else the day of the run ("today", which
 * only the caller knows).  The issue and the output paths may hold
 * placeholders filled in for the run: {date} (the issue's date), {since},
 * {until} (YYYY-MM-DD), {week} and {year} (ISO 8601 week of the issue's
 * date), and in paths {issue} (the issue as a file name).
 *
 * A book with articles that cannot be read: every failure is reported
 * (galley_digest_read_all); with `skip_invalid: true` (or a run's
 * keep_going) those articles are left out with a warning and the rest is
 * built.  An article without a title and without text counts as one that
 * cannot be read: a truncated export is not a book.
 *
 * Diagnostics: a YAML syntax error, a value of the wrong type, a bad date
 * or length, a duplicate key, a path that does not exist are errors at the
 * manifest's LINE:COL.  An unknown key, or a glob that matches nothing, is
 * a warning with its position, collected on the digest
 * (galley_digest_ndiags) and copied onto the document by galley_digest_read,
 * so the caller prints them with the document's other warnings.
 *
 * Plain-text newsroom articles are turned into Markdown by the importer,
 * galley/import.h.
 */
#ifndef GALLEY_DIGEST_H
#define GALLEY_DIGEST_H

#include "galley/export.h"

#include <stdbool.h>
#include <stddef.h>

#include "galley/error.h"
#include "galley/model.h"
#include "galley/read.h"
#include "galley/select.h"
#include "galley/typeset.h"
#include "galley/epub.h"

#ifdef __cplusplus
extern "C" {
#endif

GALLEY_API_BEGIN

/* A loaded manifest.  Opaque; read it with the accessors below. */
typedef struct galley_digest galley_digest;

/* One section of a manifest, its input files resolved. */
typedef struct galley_digest_section {
	const char *title;       /* NULL for the untitled section of `articles:` */
	const char **paths;      /* files to read, in order, relative to the cwd */
	size_t npaths;
	galley_pos pos;          /* where the section starts in the manifest */
} galley_digest_section;

/* Loads and checks the manifest at `path`, resolving every article entry
 * to files, and its window, issue and outputs with the manifest's own
 * dates (a window relative to a day the manifest does not give, or an
 * output naming one, waits for galley_digest_resolve).  On success *out
 * is a digest the caller frees with galley_digest_free.  Errors (GALLEY_EIO, GALLEY_ESYNTAX, GALLEY_ETYPE,
 * GALLEY_ELIMIT, GALLEY_ENOMEM) carry the manifest's FILE:LINE:COL; *out
 * is then NULL. */
int galley_digest_load(galley_digest **out, const char *path, galley_error *err);

void galley_digest_free(galley_digest *digest);

/* Version of galley_digest_run these headers describe. */
#define GALLEY_DIGEST_RUN_VERSION 1

/* What one run of a manifest says about its issue: a command line's
 * --date, --since, --until, --issue and --keep-going, and the day it runs. */
typedef struct galley_digest_run {
	unsigned version;    /* GALLEY_DIGEST_RUN_VERSION */
	galley_date date;    /* the issue's date; year 0: not given */
	galley_date since;   /* first day of the window; year 0: the manifest's */
	galley_date until;   /* last day of the window; year 0: the manifest's */
	galley_date today;   /* the day of the run, for a relative window in a
	                      * manifest without `date:`; year 0: unknown */
	const char *issue;   /* the issue; NULL: the manifest's; borrowed */
	bool keep_going;     /* as `skip_invalid: true` */
} galley_digest_run;

#define GALLEY_DIGEST_RUN_INIT {.version = GALLEY_DIGEST_RUN_VERSION, .issue = NULL, .keep_going = false}

/* Fills `run` with the defaults (nothing given).  0, or GALLEY_EUSAGE for
 * an unknown version or a NULL `run`. */
int galley_digest_run_init(galley_digest_run *run, unsigned version);

/* Resolves the manifest for one run: the window (galley_digest_select),
 * the issue's date and issue (galley_digest_meta: date is the run's date,
 * else the run's until, else the manifest's, else the day a relative
 * window counted from) and the output paths with their placeholders
 * filled in.  Callable again for another run.  The library never reads
 * the clock: "today" is the caller's.  Errors: GALLEY_EUSAGE (an empty
 * window, a relative window or a placeholder with no day to count from,
 * a run of an unknown version), GALLEY_ENOMEM. */
int galley_digest_resolve(galley_digest *digest, const galley_digest_run *run, galley_error *err);

/* Whether articles that cannot be read are left out (`skip_invalid:`, or
 * a run's keep_going). */
bool galley_digest_skip_invalid(const galley_digest *digest);

/* The publication metadata (title, dates, window ...).  Strings and lists
 * are owned by the digest. */
const galley_meta *galley_digest_meta(const galley_digest *digest);

/* The selection: window, tags, sort, duplicates. */
const galley_select_options *galley_digest_select(const galley_digest *digest);

/* Layout and EPUB options: the defaults (GALLEY_LAYOUT_OPTIONS_INIT,
 * GALLEY_EPUB_OPTIONS_INIT) with what the pdf: and epub: blocks set.  Paths
 * in them (fonts, css, cover) are resolved against the manifest's folder. */
const galley_layout_options *galley_digest_layout(const galley_digest *digest);
const galley_epub_options *galley_digest_epub(const galley_digest *digest);

/* Whether the manifest says `epub: print_pages:` at all (true or false).
 * A build that writes both editions puts the PDF's page numbers into the
 * EPUB unless the manifest turned them off. */
bool galley_digest_print_pages_set(const galley_digest *digest);

/* The folders of `resource_path:` (one or a list), resolved against the
 * manifest's folder and joined by ':', as galley_read_options'
 * resource_path wants them; NULL when not given.  galley_digest_read
 * uses them unless its read options name a resource path. */
const char *galley_digest_resource_path(const galley_digest *digest);

/* The output files named in `output:`, placeholders filled in for the
 * run, resolved against the manifest's folder; NULL when not named (or
 * naming a day not given yet). */
const char *galley_digest_output_pdf(const galley_digest *digest);
const char *galley_digest_output_epub(const galley_digest *digest);

size_t galley_digest_nsections(const galley_digest *digest);
const galley_digest_section *galley_digest_section_at(const galley_digest *digest, size_t i);

/* Warnings collected while loading (unknown keys, empty globs). */
size_t galley_digest_ndiags(const galley_digest *digest);
const galley_diag *galley_digest_diag(const galley_digest *digest, size_t i);

/* Reads the digest into `doc` (normally new and empty): copies the
 * manifest's warnings onto it, adds one section per manifest section that
 * has files, reads every file into it with galley_read_file, sets the
 * publication metadata (strings copied into the document), then applies
 * galley_doc_select with the manifest's selection (which finishes the
 * document).  `ropts` may be NULL.  Every article is read even after one
 * failed: each failure is a GALLEY_ERROR diagnostic on the document at
 * its position (or, when skipping, a warning "article left out: WHY").
 * Errors: the code of the first failure ("N of M articles could not be
 * read") unless skipping, GALLEY_EEMPTY for an empty selection or when
 * every article was left out, GALLEY_EUSAGE for a window still pending,
 * GALLEY_ENOMEM. */
int galley_digest_read(galley_doc *doc, const galley_digest *digest,
                       const galley_read_options *ropts, galley_error *err);

/* The same, selecting with `sel` instead of the manifest's selection (NULL:
 * the manifest's): a command line that overrides the window, tags or sort
 * copies galley_digest_select, changes what it overrides and passes the
 * copy.  The publication's window (meta since/until, shown on the title
 * page and cover) is the one of `sel`. */
int galley_digest_read_select(galley_doc *doc, const galley_digest *digest,
                              const galley_read_options *ropts,
                              const galley_select_options *sel, galley_error *err);

/* The same, setting *skipped to the number of articles left out because
 * they could not be read (`skipped` may be NULL). */
int galley_digest_read_all(galley_doc *doc, size_t *skipped, const galley_digest *digest,
                           const galley_read_options *ropts,
                           const galley_select_options *sel, galley_error *err);

GALLEY_API_END

#ifdef __cplusplus
}
#endif

#endif
