/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * slack.c: who takes a line's slack (slack.h): the word spaces, the
 * glyphs' width (font expansion, PDF Tz), the letter gaps (tracking, PDF
 * Tc), and whether its last mark hangs past the margin.
 *
 * The limits below were measured on generated articles with verify's
 * pdf-lines (word gaps as multiples of the median gap) and are the house's
 * taste: word gaps that open into holes read worse than letters spread by
 * a point or glyphs widened by a few per cent.
 */
#include <math.h>

#include "typeset/slack.h"

/* A loose line's word spaces stretch first, up to this ratio (a space at
 * 1.25 times its width); the glyphs and then the letters take what is
 * left.  Measured on 100 generated articles, A4 and A5, one column and
 * two: the 99th-percentile word gap falls from 1.5 to 1.3 times the median
 * (1.0 here), while the letters of such a line spread by a tenth of a
 * point or two. */
#define GL_SPACE_RATIO_FIRST 0.5
/* Font expansion: a loose line's glyphs are drawn up to this much wider
 * (PDF Tz) before its letters are spaced: microtype's default, Zapf's
 * limit for the hz program, below what a reader sees.  Only lines looser
 * than GL_SPACE_RATIO_FIRST take it, in whole steps of
 * 1/GALLEY_EXPAND_STEPS. */
#define GL_EXPAND_MAX 0.02
/* Letter-spacing of a loose line, at most this share of the smallest type
 * on the line (Tc is one for the whole line, and text extraction starts a
 * new word where a gap passes 10% of the size: inline code is smaller).
 * Letter-spacing is the last resort and a small one: a tracked line reads
 * lighter than its neighbours, a stripe across the column, long before
 * its word gaps would look open (the line breaker prefers a hyphen or
 * another break; paragraph.c weighs them).  2% of the size, a fifth of a
 * point at 10.5 pt; in a measure narrower than GALLEY_NARROW_EMS, where a
 * line has few spaces to open, 3%.  At 9% (the letter-spacing of
 * newspapers' H&J settings) and 3% expansion, 100 generated articles in
 * two columns on A4 had one line in five tracked, 205 of 13,085 by more
 * than 3% of the size, and read striped; at 3% and 2%, none past 3% and
 * the 99th-percentile word gap 1.32 times the median (1.18 before), with
 * GL_HOLE_RATIO below. */
#define GL_TRACKING_MAX 0.02
#define GL_TRACKING_MAX_NARROW 0.03
/* ... and in a column of under GL_SLIVER_EMS (two columns on A5, 13
 * ems), where a line holds five or six words and a long one that will
 * not fit leaves its spaces nothing to share: 6%.  At 3% there, 100
 * generated articles had their widest word gap at 3.1 times the median
 * (the 99th percentile 1.55), holes that read worse than a line spaced
 * by 0.6 pt. */
#define GL_TRACKING_MAX_SLIVER 0.06
#define GL_SLIVER_EMS 15.0
/* ... and at most this share of the size in a line where type of another
 * size touches a word (a footnote's number): poppler writes a space
 * between two runs of different sizes whose gap reaches 3% of the line's
 * size (maxCharSpacing), and the gap there is the letter-spacing after
 * the word's last glyph ("word1" came out "word 1"). */
#define GL_TRACKING_JOINED 0.025
/* Holes.  A line that must stay loose (a 21-em column whose paragraph
 * starts "Residents interviewed this week were" before a word that will
 * not fit, nor hyphenate without a second hyphen in a row) still has word
 * spaces past GL_HOLE_RATIO (1.5 times their width, their stretch being
 * half of it) once its glyphs are expanded and its letters spaced to
 * their limits: its glyphs then widen further, up to GL_EXPAND_HOLE,
 * before its spaces open into holes.  InDesign's newspaper settings allow
 * glyph scaling to 105% and beyond; a line widened by a few per cent
 * reads better than three words with rivers between them.  In a hundred
 * generated articles, 207 of 13,100 lines take it in two columns on A4,
 * 86 of 9,700 in one column on A5, none on A4; at ratio 1.6 the 99th
 * percentile word gap in two columns was 1.37 times the median, at 1.0
 * 1.32 (6% at most left the widest gap at 2.5 times the median, 10% at
 * 2.0). */
#define GL_HOLE_RATIO 1.0
#define GL_EXPAND_HOLE 0.10

/* Whole steps of expansion a line takes for `letters` points of stretch
 * over `advance` points of glyphs, at most GL_EXPAND_MAX: when the limit
 * is reached *full is set, and the letters keep what it leaves. */
static uint16_t expansion(double letters, double advance, bool *full)
{
	*full = letters / advance >= GL_EXPAND_MAX;
	return (uint16_t)(*full ? lround(GL_EXPAND_MAX * GALLEY_EXPAND_STEPS)
	                        : floor(letters / advance * GALLEY_EXPAND_STEPS));
}

void galley_slack_distribute(galley_slack_fit *out, const galley_slack_line *line)
{
	double str = line->space_stretch, shr = line->space_shrink;
	double lshr = line->letter_shrink, adv = line->advance;
	double hang = line->justified ? line->hang : 0;
	double width = line->measure + hang;  /* with what the last mark may hang past it */
	double slack = 0, letters, cap, t;
	/* Tc follows every glyph, the line's last one too, but only the gaps
	 * before the last glyph (or before an added hyphen) are in the line:
	 * the last glyph's ink then ends on the margin, tight or loose. */
	double inner = (double)line->glyphs - (line->hyphen ? 0 : 1);

	out->expand = 0;
	out->scale = 1;
	/* The width a justified line gains (or loses) at its ratio ... */
	if (line->justified)
		slack = line->ratio > 0 ? line->ratio * (str + line->letter_stretch)
		                        : line->ratio * (shr + lshr);
	/* ... and a line too long at natural spacing shrinks, justified or not
	 * (a last line may need its spaces' shrink to fit); never overfull. */
	if (line->natural > width && line->natural + slack > width)
		slack = width - line->natural;
	/* A line loose enough that its letters would be spaced does not hang
	 * its last mark: the room hanging gives is room it does not need, and
	 * its word spaces open less (in a 13-em column, "In São Bento alone,"
	 * hung its comma and went from 1.97 to 2.12 times the median word
	 * gap). */
	if (hang > 0 && slack - hang > GL_SPACE_RATIO_FIRST * str + GL_EXPAND_MAX * adv) {
		slack -= hang;
		hang = 0;
	}
	/* Who takes it (slack.h): the word spaces first, then the glyphs, then
	 * the letters, then the spaces again; or, shrinking, spaces and letters
	 * together, then the letters alone. */
	if (slack > 0) {
		letters = slack > GL_SPACE_RATIO_FIRST * str ? slack - GL_SPACE_RATIO_FIRST * str : 0;
		cap = (line->measure < GL_SLIVER_EMS * line->size ? GL_TRACKING_MAX_SLIVER :
		       line->measure < GALLEY_NARROW_EMS * line->size ? GL_TRACKING_MAX_NARROW : GL_TRACKING_MAX) *
		      line->smallest;
		if (line->joined)
			cap = fmin(cap, GL_TRACKING_JOINED * line->size);
		if (adv > 0 && letters > 0) {
			/* in whole steps; below the limit, what the rounding leaves
			 * goes to the spaces */
			bool full;
			out->expand = expansion(letters, adv, &full);
			out->scale = 1 + out->expand / GALLEY_EXPAND_STEPS;
			letters = full ? letters - (out->scale - 1) * adv : 0;
			slack -= (out->scale - 1) * adv;
		}
	} else if (-slack <= shr + lshr) {
		letters = shr + lshr > 0 ? slack * lshr / (shr + lshr) : 0;
		cap = GALLEY_LETTER_SHRINK * line->size;
	} else {
		letters = slack + shr;
		cap = GALLEY_LETTER_SHRINK_MAX * line->size;
	}
	t = inner > 0 ? letters / inner : 0;
	if (fabs(t) > cap)
		t = t > 0 ? cap : -cap;
	out->tracking = t;
	slack -= t * inner;
	/* A line still looser than GL_HOLE_RATIO (an emergency pass's: a
	 * narrow column, a first line that cannot take its next word) widens
	 * its glyphs further, up to GL_EXPAND_HOLE, before its spaces open
	 * into holes. */
	if (slack > GL_HOLE_RATIO * str && str > 0 && adv > 0 && line->justified) {
		double want = floor((slack - GL_HOLE_RATIO * str) / adv * GALLEY_EXPAND_STEPS);
		double steps = fmin(want, lround(GL_EXPAND_HOLE * GALLEY_EXPAND_STEPS) - out->expand);
		out->expand = (uint16_t)(out->expand + steps);
		slack -= steps / GALLEY_EXPAND_STEPS * adv;
		out->scale = 1 + out->expand / GALLEY_EXPAND_STEPS;
	}
	if (slack > 0)
		out->ratio = str > 0 ? slack / str : 0;
	else
		out->ratio = shr > 0 ? slack / shr : 0;
	out->hang = hang;
}
