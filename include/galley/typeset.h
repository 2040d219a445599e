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

#include <stdbool.h>
#include <stddef.h>

#include "galley/model.h"
#include "galley/progress.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct galley_layout galley_layout;

/* Most pages in one layout.  libharu cannot write a PDF of more than
 * 32,767 pages; a book beyond this is refused with GALLEY_ELIMIT, as soon
 * as the page is made, before the time and memory of the rest are spent. */
#define GALLEY_MAX_PAGES 30000

/* All lengths in PostScript points (1/72 in). */
typedef struct galley_layout_options {
	double page_width, page_height;  /* default A4: 595.276 x 841.890 */
	double margin_top, margin_bottom;
	double margin_inner, margin_outer;
	double font_size;                /* body text size, default 10.5 */
	double leading;                  /* baseline to baseline; 0: 1.35 x font_size */
	int columns;                     /* 1 or 2 */
	double column_gap;
	bool ragged;                     /* ragged-right instead of justified */
	bool hyphenate;                  /* default on */
	const char *font_dir;            /* NULL: the installed or in-tree fonts/ */
	const char *body_family;         /* NULL: the default serif */
	bool continuous;                 /* digest: articles follow each other */
	int jobs;                        /* worker threads; 0: automatic, 1: none */
	galley_progress_fn progress;     /* NULL: none; else called with stage "layout"
	                                    after each article is paginated */
	void *progress_ctx;              /* passed to progress */
} galley_layout_options;

#define GALLEY_LAYOUT_OPTIONS_INIT \
	{595.276, 841.890, 62.0, 62.0, 62.0, 62.0, 10.5, 0.0, 1, 18.0, \
	 false, true, NULL, NULL, false, 0, NULL, NULL}

/* Parses a paper name ("a4", "letter", "a5", "b5", "6x9in") or "WxH" with
 * a unit (mm, cm, in, pt; e.g. "150x220mm") into points.  0 or -1. */
int galley_paper_parse(const char *s, double *width, double *height);

/* Parses a length with unit ("20mm", "1in", "12pt", "2cm") into points. */
int galley_length_parse(const char *s, double *points);

/* Lays out `doc` (finished) and stores the page map on it.  On success
 * *out is a layout the caller frees with galley_layout_free.  Warnings
 * (missing glyphs, emergency breaks) are collected on `doc`.  Errors: fonts
 * missing or unusable (GALLEY_EFONT), a limit (GALLEY_ELIMIT), memory. */
int galley_layout_new(galley_layout **out, galley_doc *doc,
                      const galley_layout_options *opts, galley_error *err);

void galley_layout_free(galley_layout *layout);

size_t galley_layout_npages(const galley_layout *layout);

/* Writes the text trace of the display list (pages, lines, break points,
 * positions to 0.01 pt).  Same layout, same bytes. */
int galley_layout_trace(const galley_layout *layout,
                        int (*write)(void *ctx, const char *bytes, size_t len),
                        void *ctx, galley_error *err);

#ifdef __cplusplus
}
#endif

#endif
