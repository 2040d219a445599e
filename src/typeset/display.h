/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * display.h: the display list, the typesetter's output and the PDF writer's
 * only input (private to src/typeset and src/pdf).
 *
 * A layout is a list of pages.  Each page holds what is painted on it,
 * already positioned: text runs (a font face, a size, a pen position and
 * UTF-8 text drawn with the font's own advances), filled rectangles (rules,
 * tints), images, link areas and named destinations.  The document-wide
 * parts are the font files used, the outline and the document info.
 *
 * Coordinates are PDF user space: points, origin at the bottom left of the
 * page, y growing upwards.  A text run's (x, y) is its baseline origin.
 * Everything here is owned by the layout and lives until
 * galley_layout_free.
 */
#ifndef GALLEY_TYPESET_DISPLAY_H
#define GALLEY_TYPESET_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "galley/model.h"
#include "galley/typeset.h"

/* The font faces a layout can use.  Every text run names one. */
typedef enum galley_face {
	GALLEY_FACE_REGULAR,
	GALLEY_FACE_ITALIC,
	GALLEY_FACE_BOLD,
	GALLEY_FACE_BOLDITALIC,
	GALLEY_FACE_MONO,
	GALLEY_FACE_MONOBOLD,
	GALLEY_FACE_FALLBACK,
	GALLEY_NFACES
} galley_face;

/* Faces past the seven bundled ones (ids GALLEY_NFACES and up) are
 * installed faces the typesetter found for characters the bundled ones
 * lack (typeset/fonts.c): "glyph faces", drawn by glyph id from what
 * HarfBuzz shaped, so that Arabic joins, Devanagari forms conjuncts and
 * characters past the BMP show.  At most GALLEY_MAX_FACES in all: a
 * text run names its face in one byte. */
#define GALLEY_MAX_FACES 255

/* One glyph of a shaped word (see galley_dl_shaped). */
typedef struct galley_dl_glyph {
	uint32_t id;        /* glyph id in the face's font file */
	uint32_t cluster;   /* the word's cluster it draws (index into byte[]) */
	float dx, dy;       /* its origin from the cluster's left edge on the
	                     * baseline, 1/1000 em (dy up) */
} galley_dl_glyph;

/* A word as HarfBuzz shaped it, for the runs in glyph faces.  The word is
 * cut into clusters in logical order: cluster k is text[byte[k],
 * byte[k+1]) and its pen advance is x[k+1] - x[k] (1/1000 em, logical:
 * as if every cluster ran left to right).  Clusters in right-to-left
 * script (rtl[k]) are drawn mirrored inside the stretch of right-to-left
 * clusters they belong to, so that a run's visual order is right while
 * its text stays in logical order; glyphs[] holds each stretch's glyphs
 * in visual order.  Clusters drawn in a bundled face have no glyphs. */
typedef struct galley_dl_shaped {
	const char *text;            /* the word's drawable text */
	uint32_t n;                  /* clusters */
	const uint32_t *byte;        /* n + 1 byte offsets into text */
	const float *x;              /* n + 1 pen positions, 1/1000 em */
	const uint8_t *rtl;          /* n flags: right to left */
	const galley_dl_glyph *glyphs;
	uint32_t nglyphs;
} galley_dl_shaped;

/* Colours are 0xRRGGBB. */
typedef struct galley_dl_text {
	double x, y;        /* baseline origin, points */
	double size;        /* font size, points */
	const char *text;   /* UTF-8; in a bundled face BMP only, every glyph
	                     * present in the face */
	uint32_t len;       /* bytes */
	uint32_t color;
	uint8_t face;       /* galley_face */
	uint16_t expand;    /* glyphs drawn wider by expand/10000 of their advance
	                     * (PDF Tz 100 + expand/100): the font expansion of
	                     * a loose justified line, 0 in most lines */
	float tracking;     /* extra space after each glyph, points on the page
	                     * (PDF Tc, which Tz scales, is tracking divided by
	                     * 1 + expand/10000): the letter-spacing of a justified line, a hair below 0
	                     * in a tight line, above 0 in one too loose for its
	                     * word spaces alone; 0 in most lines */
	const galley_dl_shaped *shaped; /* a glyph face's run: the shaped word
	                     * its text lies in; NULL: drawn by code point
	                     * (every bundled face, and glyph-face runs made
	                     * without it, drawn from the face's cmap) */
} galley_dl_text;

typedef struct galley_dl_rect {
	double x, y, w, h;  /* lower-left corner and size, points */
	uint32_t color;
} galley_dl_rect;

typedef struct galley_dl_image {
	const galley_asset *asset;
	double x, y, w, h;  /* lower-left corner and drawn size, points */
} galley_dl_image;

/* A clickable area: to a URI, or to a named destination (internal link). */
typedef struct galley_dl_link {
	double x, y, w, h;  /* points */
	const char *uri;    /* NULL for an internal link */
	const char *dest;   /* destination name for an internal link */
} galley_dl_link;

typedef struct galley_dl_dest {
	const char *name;   /* article or heading id */
	double y;           /* top of the target, points */
} galley_dl_dest;

/* One typeset line, for the trace and the tests: where it sits and where
 * its text came from. */
typedef struct galley_dl_line {
	double x, y;        /* left end of the measure and baseline, points */
	double width;       /* the measure, points */
	double used;        /* right end of the last glyph minus x, points */
	double hang;        /* how far its last character hangs past the measure
	                     * (margin kerning), points; 0 for most */
	double ratio;       /* adjustment ratio of its spaces (0: natural) */
	uint32_t article, block, offset; /* model position of its first word */
	bool justified;     /* must end flush right */
	bool hyphenated;    /* ends in an inserted hyphen */
	bool emergency;     /* broken mid-word as a last resort */
	uint8_t kind;       /* galley_dl_line_kind */
} galley_dl_line;

typedef enum galley_dl_line_kind {
	GALLEY_LINE_BODY,    /* paragraph, list item, quote */
	GALLEY_LINE_HEADING,
	GALLEY_LINE_CODE,
	GALLEY_LINE_HEADER,  /* article header: title, byline */
	GALLEY_LINE_FIGURE,  /* an image */
	GALLEY_LINE_CAPTION,
	GALLEY_LINE_TABLE    /* a line of a table's cell */
} galley_dl_line_kind;

typedef struct galley_dl_page {
	double width, height;      /* points */
	const char *label;         /* page label as printed */
	galley_dl_text *texts;   size_t ntexts,  ctexts;
	galley_dl_rect *rects;   size_t nrects,  crects;
	galley_dl_image *images; size_t nimages, cimages;
	galley_dl_link *links;   size_t nlinks,  clinks;
	galley_dl_dest *dests;   size_t ndests,  cdests;
	galley_dl_line *lines;   size_t nlines,  clines;
} galley_dl_page;

/* Outline entries in order; `level` is the depth in the outline tree: 0
 * for sections (when titled) or articles, one more for what they hold. */
typedef struct galley_dl_outline {
	const char *title;  /* UTF-8 */
	int level;          /* depth, 0 at the top */
	size_t page;        /* index into pages */
	double y;           /* points */
} galley_dl_outline;

/* A page-label range: from page `page` (index into pages) on, pages are
 * numbered in `style` starting at `first` (PDF 1.7, 12.4.2). */
typedef enum galley_dl_numbering {
	GALLEY_NUMBERING_DECIMAL,
	GALLEY_NUMBERING_LOWER_ROMAN
} galley_dl_numbering;

typedef struct galley_dl_label_range {
	size_t page;
	int style;          /* galley_dl_numbering */
	unsigned first;
} galley_dl_label_range;

/* Document information, already formatted. */
typedef struct galley_dl_info {
	const char *title, *author, *subject, *keywords;
	galley_date date;   /* year 0: none */
} galley_dl_info;

/* Accessors the PDF writer uses (defined in layout.c). */
size_t galley_layout_npages_dl(const galley_layout *layout);
const galley_dl_page *galley_layout_page(const galley_layout *layout, size_t i);
/* Path of a face's font file (every face has one once laid out). */
const char *galley_layout_face_path(const galley_layout *layout, int face);
/* The face's index in its file (a .ttc collection holds several), and
 * the number of faces the layout knows (ids 0 .. nfaces-1; the runs may
 * use any of them). */
unsigned galley_layout_face_index(const galley_layout *layout, int face);
int galley_layout_nfaces(const galley_layout *layout);
size_t galley_layout_noutline(const galley_layout *layout);
const galley_dl_outline *galley_layout_outline(const galley_layout *layout, size_t i);
const galley_dl_info *galley_layout_info(const galley_layout *layout);
/* Page-label ranges in page order (at least one when there are pages). */
size_t galley_layout_nlabel_ranges(const galley_layout *layout);
const galley_dl_label_range *galley_layout_label_range(const galley_layout *layout, size_t i);

#endif
