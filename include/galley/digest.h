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
 *   since: 7d                        # a date, or a span (Nd, Nw) ending on until/date
 *   until: 2022-01-16                # a date (default: date, when since is a span)
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
 *   output: {pdf: weekly.pdf, epub: weekly.epub}
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
 * (mm, cm, in, pt).  A span `Nd` covers N days ending on `until` (or on
 * `date` when until is not given): since = end - (N - 1) days; `Nw` is 7N
 * days.
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
 * to files.  On success *out is a digest the caller frees with
 * galley_digest_free.  Errors (GALLEY_EIO, GALLEY_ESYNTAX, GALLEY_ETYPE,
 * GALLEY_ELIMIT, GALLEY_ENOMEM) carry the manifest's FILE:LINE:COL; *out
 * is then NULL. */
int galley_digest_load(galley_digest **out, const char *path, galley_error *err);

void galley_digest_free(galley_digest *digest);

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

/* The output files named in `output:`, resolved against the manifest's
 * folder; NULL when not named. */
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
 * document).  `ropts` may be NULL.  Errors: the first article that fails
 * to read, GALLEY_EEMPTY for an empty selection, GALLEY_ENOMEM. */
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

GALLEY_API_END

#ifdef __cplusplus
}
#endif

#endif
