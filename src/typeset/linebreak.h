/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * linebreak.h: Knuth-Plass total-fit line breaking over boxes, glue and
 * penalties (Knuth & Plass, "Breaking Paragraphs into Lines", 1981).
 *
 * A pure function: no fonts, no allocation visible to the caller except the
 * result array.  The typesetter turns a paragraph into items; this module
 * chooses the breakpoints.  All widths are in points.
 *
 * Conventions (TeX's):
 *  - a glue item is a legal break when the item before it is a box and its
 *    stretch is finite (< GALLEY_KP_INF_STRETCH: the finishing glue is not
 *    a break);
 *  - a penalty item is a legal break when its penalty < GALLEY_KP_INF;
 *    penalty <= -GALLEY_KP_INF forces a break;
 *  - the paragraph ends with glue(0, stretch GALLEY_KP_INF_STRETCH, 0) and a
 *    forced penalty, which the caller appends (galley_kp_finish does it);
 *  - a box's stretch and shrink (letter-spacing) add to its line's stretch
 *    and shrink like glue's; the caller decides how to spread them;
 *  - glue and non-flagged penalties at the start of a line (after a break)
 *    are discarded up to the next box.
 *  - a line ending at a forced break is never stretched: when short it is
 *    set at its natural width (ratio 0), like the last line;
 *  - items that do not end with a forced break end with an implicit one
 *    (the last line's `end` is then n).
 */
#ifndef GALLEY_TYPESET_LINEBREAK_H
#define GALLEY_TYPESET_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>

#define GALLEY_KP_INF 10000.0
#define GALLEY_KP_INF_STRETCH 100000.0 /* "fil" stretch of the last line */

typedef enum galley_kp_kind {
	GALLEY_KP_BOX,
	GALLEY_KP_GLUE,
	GALLEY_KP_PENALTY
} galley_kp_kind;

typedef struct galley_kp_item {
	unsigned char kind;    /* galley_kp_kind */
	unsigned char flagged; /* penalty: a hyphenation break (counts for consecutive-hyphen rules) */
	unsigned char cls;     /* box: its class (the size of its type; 0 for most); penalty with a
	                          width (a hyphen): the class of the word it splits, and it may end
	                          only a line whose first box is of that class.  Text extraction
	                          groups lines by the size of their first word: a hyphen ending a
	                          line that starts in another size splits the word across two
	                          groups, whose halves no longer join. */
	double width;          /* box, glue: natural width; penalty: width added when broken here (the hyphen) */
	double stretch;        /* glue; box: letter-spacing it may take at ratio 1 (0: none) */
	double shrink;         /* glue; box: letter-tightening it may take at ratio -1 (0: none) */
	double penalty;        /* penalty: cost of breaking here */
	double protrude;       /* glue, penalty: how far the line's last character may hang past
	                          the measure when the line ends here (margin kerning: a
	                          hyphen, a comma, a full stop); 0 for most */
} galley_kp_item;

typedef struct galley_kp_params {
	double tolerance;         /* largest badness accepted (TeX \tolerance), e.g. 300 */
	double pretolerance;      /* first pass without hyphens; < 0 skips it */
	double line_penalty;      /* added to every line's badness (\linepenalty), 10 */
	double flagged_demerits;  /* two hyphenated lines in a row (\doublehyphendemerits), 3000 */
	double final_hyphen_demerits; /* hyphen on the last full line, 5000 */
	double near_hyphen_demerits; /* a hyphenated line two lines after another (one
	                                line between them), 0: no cost; in narrow
	                                columns a hyphen on every other line reads as
	                                a ladder too */
	double fitness_demerits;  /* adjacent lines of fitness classes > 1 apart (\adjdemerits), 10000 */
	double emergency_stretch; /* extra stretch per line for the last passes, points */
	double emergency_box_shrink; /* in the last passes boxes shrink this many times their
	                                shrink (a line's ratio may then fall below -1); 1: no more */
	int max_hyphen_run;       /* most consecutive hyphenated lines allowed, 2 (a hard rule);
	                             0 forbids hyphenated lines, < 0 means no limit */
	double line_stretch;      /* stretch at the end of every line but the last, points (TeX's
	                             \rightskip): ragged-right setting, where the spaces stay
	                             as they are and a line's shortfall is what it costs; 0 */
} galley_kp_params;

#define GALLEY_KP_PARAMS_INIT \
	{.tolerance = 300.0, .pretolerance = 100.0, .line_penalty = 10.0, \
	 .flagged_demerits = 3000.0, .final_hyphen_demerits = 5000.0, .near_hyphen_demerits = 0.0, \
	 .fitness_demerits = 10000.0, .emergency_stretch = 0.0, .emergency_box_shrink = 1.0, \
	 .max_hyphen_run = 2, .line_stretch = 0.0}

typedef struct galley_kp_line {
	size_t start;     /* index of the first item of the line (after discarding) */
	size_t end;       /* index of the break item (exclusive end of the line's content) */
	double ratio;     /* adjustment ratio: >0 stretch, <0 shrink; 0 for ragged/last */
	int fitness;      /* 0 tight, 1 decent, 2 loose, 3 very loose */
	bool hyphenated;  /* ends at a flagged penalty */
} galley_kp_line;

typedef struct galley_kp_result {
	galley_kp_line *lines; /* malloc'ed; the caller frees it with free() */
	size_t nlines;
	int pass;              /* 1 first pass, 2 with hyphens, 3 emergency stretch and shrink,
	                          4 forced fallback */
	bool overfull;         /* a box wider than its line: the caller must split such boxes */
} galley_kp_result;

/* Appends the paragraph's end (finishing glue and forced break) to an
 * item array the caller manages; returns the new count.  `items` must have
 * room for two more. */
size_t galley_kp_finish(galley_kp_item *items, size_t n);

/* Breaks `items` into lines.  Line i has width widths[min(i, nwidths-1)].
 * Tries the passes in order and returns the first that succeeds; the last
 * (forced) pass always succeeds, breaking where needed at legal breaks.
 * Returns 0, or -1 when memory runs out (nothing to free then). */
int galley_kp_break(const galley_kp_item *items, size_t n,
                    const double *widths, size_t nwidths,
                    const galley_kp_params *params, galley_kp_result *out);

#endif
