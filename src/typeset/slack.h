/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * slack.h: how a justified line takes up its slack (private).
 *
 * The line breaker (linebreak.h) chooses where lines end and says how much
 * each must stretch or shrink (its adjustment ratio).  This module decides
 * who takes that width: the word spaces, the glyphs (drawn a little wider,
 * PDF Tz), the gaps between letters (PDF Tc), and how far the line's last
 * mark hangs past the margin.  A pure function over a few sums: no fonts,
 * no allocation, testable on numbers alone (tests/unit/test_slack.c).
 * paragraph.c measures each line into a galley_slack_line, asks
 * galley_slack_distribute, and places the words as the answer says.
 *
 * All widths are in points.
 */
#ifndef GALLEY_TYPESET_SLACK_H
#define GALLEY_TYPESET_SLACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Letter-spacing, as a fraction of the font size per character.  A
 * justified paragraph's boxes stretch by GALLEY_LETTER_STRETCH and shrink
 * by GALLEY_LETTER_SHRINK per character at adjustment ratio 1 and -1, so
 * the line breaker knows how flexible a line really is (pdfTeX does the
 * same with font expansion): a line that misses by a point or two is set
 * with its letters a hair tighter instead of forcing a loose line, and a
 * line that needs letter-spacing costs what its ratio says.  1% of the
 * size is a tenth of a point at 10.5 pt, about what microtype's default
 * expansion changes a glyph by.  Narrow columns: when no breaking within
 * the tolerance exists, the emergency passes let the letters shrink to
 * GALLEY_LETTER_SHRINK_MAX (at a cost that grows with the ratio past -1,
 * so only a line that needs it does), and a line still looser than the
 * tolerance spaces its letters (slack.c) before its word spaces open
 * further. */
#define GALLEY_LETTER_STRETCH 0.01
#define GALLEY_LETTER_SHRINK 0.01
#define GALLEY_LETTER_SHRINK_MAX 0.02

/* A measure narrower than this many ems of its type is a narrow column
 * (two columns on A4 are 21.6 ems, one column on A5 is 28): a line there
 * has few spaces to take its slack, so slack.c lets its letters spread a
 * little further and paragraph.c makes a new hyphen cheaper there. */
#define GALLEY_NARROW_EMS 25.0

/* Steps of glyph expansion per unit: galley_dl_text.expand counts in
 * 1/10000 of a glyph's advance, which the PDF's Tz states exactly. */
#define GALLEY_EXPAND_STEPS 10000.0

/* What one line holds, summed over its items, and how it is to be set. */
typedef struct galley_slack_line {
	double natural;        /* width at natural spacing: boxes, glue and an added
	                          hyphen, points */
	double measure;        /* the width the line is set to, points */
	double hang;           /* how far its last mark may hang past the measure
	                          (margin kerning), points; 0 for most */
	double ratio;          /* the line breaker's adjustment ratio (galley_kp_line) */
	double space_stretch;  /* the word spaces' stretch, points */
	double space_shrink;   /* the word spaces' shrink, points */
	double letter_stretch; /* the boxes' stretch (letter-spacing), points */
	double letter_shrink;  /* the boxes' shrink, points */
	double advance;        /* the glyphs' advances, an added hyphen's too, points */
	size_t glyphs;         /* characters drawn, an added hyphen not counted */
	double size;           /* the paragraph's type size, points */
	double smallest;       /* the smallest type on the line (inline code is
	                          smaller), points */
	bool justified;        /* false: ragged, a paragraph's last line, or a line
	                          before a hard break */
	bool hyphen;           /* the line ends in an added hyphen */
	bool joined;           /* type of another size touches a word with no space
	                          between (a footnote's number after its word): its
	                          letter-spacing stays below what text extraction
	                          takes there for a word space */
} galley_slack_line;

/* How the line is set. */
typedef struct galley_slack_fit {
	double ratio;          /* the word spaces' ratio: a space is its width plus
	                          ratio times its stretch (> 0) or shrink (< 0) */
	double tracking;       /* added after every glyph (PDF Tc), points; < 0 tightens */
	uint16_t expand;       /* glyphs drawn wider by expand / GALLEY_EXPAND_STEPS
	                          of their advance (galley_dl_text.expand) */
	double scale;          /* 1 + expand / GALLEY_EXPAND_STEPS: what an advance is
	                          multiplied by */
	double hang;           /* how far the last mark hangs past the measure,
	                          points: line->hang, or 0 when the line does not
	                          hang (not justified, or loose enough not to) */
} galley_slack_fit;

/* Distributes the slack of `line`: the width it gains or loses at the
 * breaker's ratio when justified, or, justified or not, what it must lose
 * to fit when it is longer than its measure.  The order (a line never ends
 * overfull; its last glyph's ink ends on the margin):
 *
 *   stretch: the word spaces up to ratio 0.5, then the glyphs, expanded up
 *            to 2%, then the letters, spaced up to 2% of the smallest type
 *            (3% in a measure under GALLEY_NARROW_EMS, 6% under 15 ems;
 *            2.5% of the size in a `joined` line), then the spaces take
 *            the rest; a
 *            justified line whose spaces would still open past ratio 1
 *            (holes) widens its glyphs further, up to 10% in all;
 *   shrink:  spaces and letters in proportion to their shrink down to
 *            ratio -1 (letters at most GALLEY_LETTER_SHRINK of the size per
 *            gap); beyond it the letters alone, up to
 *            GALLEY_LETTER_SHRINK_MAX, then the spaces.
 *
 * A line that is not justified and fits takes nothing: ratio 0, no
 * tracking, no expansion, no hang.  Fills every field of `out`; cannot
 * fail. */
void galley_slack_distribute(galley_slack_fit *out, const galley_slack_line *line);

#endif
