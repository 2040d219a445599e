/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * galley/typeset.h: the document model laid out into pages.
 *
 * galley_layout_new measures, hyphenates, breaks lines (Knuth-Plass) and
 * paginates a finished document into a display list: per page, positioned
 * text runs, rules, images, link areas and named destinations; plus the
 * outline and page labels.  It also sets the document's page map.  The PDF
 * writer only paints this list; a text trace of it is what layout tests
 * compare.
 */
#ifndef GALLEY_TYPESET_H
#define GALLEY_TYPESET_H

#include "galley/export.h"

#include <stdbool.h>
#include <stddef.h>

#include "galley/model.h"
#include "galley/progress.h"

#ifdef __cplusplus
extern "C" {
#endif

GALLEY_API_BEGIN

typedef struct galley_layout galley_layout;

/* Most pages in one layout.  libharu cannot write a PDF of more than
 * 32,767 pages; a book beyond this is refused with GALLEY_ELIMIT, as soon
 * as the page is made, before the time and memory of the rest are spent. */
#define GALLEY_MAX_PAGES 30000

/* Limits of galley_layout_options, checked by galley_layout_options_check.
 * Outside them the typesetter would not produce a readable page. */
#define GALLEY_PAGE_SIZE_MIN 72.0      /* points: one inch; less cannot hold margins and a line */
#define GALLEY_PAGE_SIZE_MAX 14400.0   /* points: 200 inches, the largest page PDF allows */
#define GALLEY_FONT_SIZE_MIN 4.0       /* points: smaller is not legible body text */
#define GALLEY_FONT_SIZE_MAX 72.0      /* points: larger is a poster, not an article */
#define GALLEY_LEADING_MIN 0.8         /* times font_size: tighter, lines overlap */
#define GALLEY_LEADING_MAX 4.0         /* times font_size: looser, lines no longer read
                                          as one paragraph */
#define GALLEY_COLUMNS_MAX 2           /* the typesetter lays out one or two columns */
#define GALLEY_MEASURE_MIN 72.0        /* points per column: narrower than an inch
                                          holds about ten characters */
#define GALLEY_MEASURE_MIN_EMS 8.0     /* times font_size per column: about a dozen
                                          characters of the body size */
#define GALLEY_TEXT_HEIGHT_MIN 144.0   /* points: room for a heading and a few lines */
#define GALLEY_TEXT_HEIGHT_MIN_EMS 8.0 /* times font_size: a few lines of the body size */
#define GALLEY_JOBS_MAX 256            /* worker threads: one per core of a large machine */

/* Version of galley_layout_options these headers describe (see
 * galley_layout_options_init). */
#define GALLEY_LAYOUT_OPTIONS_VERSION 1

/* All lengths in PostScript points (1/72 in). */
typedef struct galley_layout_options {
	unsigned version;                /* GALLEY_LAYOUT_OPTIONS_VERSION; set by the
	                                    initialisers */
	double page_width, page_height;  /* default A4: 595.276 x 841.890 */
	double margin_top, margin_bottom;
	double margin_inner, margin_outer;
	double font_size;                /* body text size, default 10.5 */
	double leading;                  /* baseline to baseline; 0: 1.35 x font_size */
	int columns;                     /* 1 or 2 */
	double column_gap;
	bool ragged;                     /* ragged-right instead of justified */
	bool hyphenate;                  /* default on */
	const char *font_dir;            /* NULL: $GALLEY_FONT_DIR, else the installed
	                                    fonts/ (galley_font_dir) */
	const char *body_family;         /* NULL: the default serif */
	bool continuous;                 /* digest: articles follow each other */
	int jobs;                        /* worker threads; 0: automatic, 1: none */
	galley_progress_fn progress;     /* NULL: none; else called with stage "layout"
	                                    after each article is paginated */
	void *progress_ctx;              /* passed to progress */
} galley_layout_options;

#define GALLEY_LAYOUT_OPTIONS_INIT \
	{.version = GALLEY_LAYOUT_OPTIONS_VERSION, \
	 .page_width = 595.276, .page_height = 841.890, \
	 .margin_top = 62.0, .margin_bottom = 62.0, .margin_inner = 62.0, .margin_outer = 62.0, \
	 .font_size = 10.5, .leading = 0.0, .columns = 1, .column_gap = 18.0, \
	 .ragged = false, .hyphenate = true, .font_dir = NULL, .body_family = NULL, \
	 .continuous = false, .jobs = 0, .progress = NULL, .progress_ctx = NULL}

/* Fills `opts` with the defaults of version `version`, which is
 * GALLEY_LAYOUT_OPTIONS_VERSION of the headers the caller was built with.
 * Returns 0, or GALLEY_EUSAGE (and leaves `opts` alone) for a version
 * this library does not know or a NULL `opts`. */
int galley_layout_options_init(galley_layout_options *opts, unsigned version);

/* Checks the options against the limits above, alone and together: the
 * version; the page between GALLEY_PAGE_SIZE_MIN and _MAX; the font size;
 * no negative margin or column gap; columns 1 to GALLEY_COLUMNS_MAX; a
 * leading of 0 (automatic) or GALLEY_LEADING_MIN to _MAX times the font
 * size; a text area whose columns are at least GALLEY_MEASURE_MIN points
 * and GALLEY_MEASURE_MIN_EMS font sizes wide (after the gap) and whose
 * height is at least GALLEY_TEXT_HEIGHT_MIN points and
 * GALLEY_TEXT_HEIGHT_MIN_EMS font sizes; jobs 0 to GALLEY_JOBS_MAX.
 * galley_layout_new makes the same check; a program calls it to refuse
 * bad settings before reading any input.  Returns 0 or GALLEY_EUSAGE with
 * a message naming the value and the limit. */
int galley_layout_options_check(const galley_layout_options *opts, galley_error *err);

/* Parses a paper name ("a4", "letter", "a5", "b5", "legal", "a3", any
 * case) or "WxH" with a unit (mm, cm, in, pt; e.g. "150x220mm", "6x9in")
 * into points, each side within GALLEY_PAGE_SIZE_MIN and _MAX.  Numbers
 * are read with '.' as the decimal point whatever the locale.  0 or -1
 * (not touching *width and *height). */
int galley_paper_parse(const char *s, double *width, double *height);

/* Parses a length into points: a number alone is points ("12"), or a
 * number with a unit ("20mm", "1in", "12pt", "2cm").  Numbers are read
 * with '.' as the decimal point whatever the locale ("10.5pt" under a
 * German locale too).  0, or -1 (not touching *points) for anything else,
 * a negative length, or one out of the range of a double. */
int galley_length_parse(const char *s, double *points);

/* Lays out `doc` (finished) and stores the page map on it.  On success
 * *out is a layout the caller frees with galley_layout_free.  Warnings
 * (missing glyphs, emergency breaks) are collected on `doc`.  `opts` may
 * be NULL for the defaults.  Errors: options refused by
 * galley_layout_options_check (GALLEY_EUSAGE), fonts missing or unusable
 * (GALLEY_EFONT), a limit (GALLEY_ELIMIT), memory.
 *
 * Side effects (see "Threads, files and environment" in galley.h):
 *  - the first call in the process loads HarfBuzz with dlopen (GALLEY_EFONT
 *    when it cannot be loaded);
 *  - fonts are read from opts->font_dir, else $GALLEY_FONT_DIR, else the
 *    installed fonts/ (galley_font_dir, galley/model.h);
 *  - the first character the bundled fonts lack loads fontconfig with
 *    dlopen, once in the process, and its configuration and font cache
 *    (kept by fontconfig until the process ends); the installed font
 *    files it names are read (a text they cover loads none of this);
 *  - with hyphenate, the dictionaries are read from /usr/share/hyphen, and
 *    their compiled form is read from and written to the cache folder
 *    ($GALLEY_CACHE_DIR, else $XDG_CACHE_HOME/galley, else
 *    $HOME/.cache/galley; GALLEY_CACHE_DIR set to "" turns the cache off),
 *    and mapped into memory at a fixed address when that address is free;
 *  - SOURCE_DATE_EPOCH is read when no article has a date (the PDF's
 *    date, galley_doc_output_date);
 *  - with jobs != 1, worker threads typeset articles; they are joined
 *    before it returns;
 *  - with hyphenate, one thread is left running after it returns: it frees
 *    the hyphenation dictionaries while the caller writes the output, and
 *    galley_layout_free waits for it.
 * `doc` is written (page map, warnings): nothing else may use it during
 * the call. */
int galley_layout_new(galley_layout **out, galley_doc *doc,
                      const galley_layout_options *opts, galley_error *err);

/* What layouts made one after another or at the same time can share,
 * so that a program making many (one PDF per article of an archive) loads
 * them once: the hyphenation dictionaries, loaded by the first layout that
 * needs each and kept until galley_layout_cache_free.  Layouts on
 * different threads may use one cache at once (it locks what it shares);
 * the output does not depend on whether a cache was used.  NULL when
 * memory runs out. */
typedef struct galley_layout_cache galley_layout_cache;
galley_layout_cache *galley_layout_cache_new(void);

/* Frees the cache; every layout made with it must have been made (they
 * hold nothing of it once galley_layout_new_cached returns).  NULL is
 * allowed. */
void galley_layout_cache_free(galley_layout_cache *cache);

/* galley_layout_new with the dictionaries of `cache` (NULL: as
 * galley_layout_new).  With a cache no thread is left running after the
 * call: there is nothing of the layout's own to free. */
int galley_layout_new_cached(galley_layout **out, galley_doc *doc,
                             const galley_layout_options *opts, galley_layout_cache *cache,
                             galley_error *err);

/* Frees the layout, first waiting for the thread galley_layout_new left
 * running, if any.  NULL is allowed. */
void galley_layout_free(galley_layout *layout);

size_t galley_layout_npages(const galley_layout *layout);

/* The page map of the layout (model.h: galley_page_mark): for each page,
 * where in the document it starts; *n is set to the number of pages.
 * Owned by the layout, valid until galley_layout_free.  Give it to the
 * EPUB writer (galley_epub_options.pages) for a page list that matches
 * this layout's pages. */
const galley_page_mark *galley_layout_page_map(const galley_layout *layout, size_t *n);

/* Writes the text trace of the display list (pages, lines, break points,
 * positions to 0.01 pt).  Same layout, same bytes. */
int galley_layout_trace(const galley_layout *layout,
                        int (*write)(void *ctx, const char *bytes, size_t len),
                        void *ctx, galley_error *err);

GALLEY_API_END

#ifdef __cplusplus
}
#endif

#endif
