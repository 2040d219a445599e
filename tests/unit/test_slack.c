/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_slack.c: who takes a line's slack (galley_slack_distribute) on
 * lines made of numbers, no fonts: the word spaces first, then glyph
 * expansion, then letter-spacing and its cap, expansion against holes,
 * shrinking in proportion and beyond ratio -1, a line with no spaces,
 * the tighter cap of a line where a footnote's number touches its word,
 * one character, an added hyphen, hanging punctuation kept or dropped,
 * over-full and last (ragged) lines; then, over many random lines, that a
 * justified line always fills its measure within the limits.
 *
 * Every expected value below is worked out by hand in the comment beside
 * it from the rules in slack.h.
 */
#include "typeset/slack.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "t.h"

#define T_NEAR(a, b, name) do { \
	double t_a_ = (a), t_b_ = (b); char t_w_[128]; \
	snprintf(t_w_, sizeof t_w_, "%.12g != %.12g", t_a_, t_b_); \
	t_report_(fabs(t_a_ - t_b_) < 1e-9, (name), __FILE__, __LINE__, t_w_); \
} while (0)

/* slack.c's limits, as fractions: letter-spacing of a loose line (of the
 * smallest type on it) in a measure of GALLEY_NARROW_EMS or more, in a
 * narrower one and in one under 15 ems, and glyph expansion against
 * holes. */
#define TRACKING_MAX 0.02
#define TRACKING_MAX_NARROW 0.03
#define TRACKING_MAX_SLIVER 0.06 /* under 15 ems */
#define EXPAND_HOLE_STEPS 1000

/* A justified line of 10-point type, 200 points wide (20 ems: a narrow
 * measure, under GALLEY_NARROW_EMS), of 41 characters
 * (40 gaps between them) whose glyphs advance 100 points, with spaces
 * that stretch by 10 and shrink by 4 points, letters by 6 and 4. */
static galley_slack_line justified(double natural, double ratio)
{
	galley_slack_line l;

	memset(&l, 0, sizeof l);
	l.natural = natural;
	l.measure = 200;
	l.ratio = ratio;
	l.space_stretch = 10;
	l.space_shrink = 4;
	l.letter_stretch = 6;
	l.letter_shrink = 4;
	l.advance = 100;
	l.glyphs = 41;
	l.size = 10;
	l.smallest = 10;
	l.justified = true;
	return l;
}

/* The width `l` takes set as `f` says: what its spaces, glyphs and
 * letters add to its natural width. */
static double set_width(const galley_slack_line *l, const galley_slack_fit *f)
{
	double inner = (double)l->glyphs - (l->hyphen ? 0 : 1);
	double spaces = f->ratio > 0 ? f->ratio * l->space_stretch : f->ratio * l->space_shrink;

	return l->natural + spaces + (f->scale - 1) * l->advance + f->tracking * inner;
}

/* Checks every field of the answer for `l`. */
static void expect(const char *name, const galley_slack_line *l, double ratio, double tracking,
                   unsigned expand, double hang)
{
	galley_slack_fit f;
	char what[160];

	memset(&f, 0xA5, sizeof f);  /* every field must be written */
	galley_slack_distribute(&f, l);
	snprintf(what, sizeof what, "%s: space ratio", name);
	T_NEAR(f.ratio, ratio, what);
	snprintf(what, sizeof what, "%s: tracking", name);
	T_NEAR(f.tracking, tracking, what);
	snprintf(what, sizeof what, "%s: expansion steps", name);
	T_EQ_INT(f.expand, expand, what);
	snprintf(what, sizeof what, "%s: scale", name);
	T_NEAR(f.scale, 1 + expand / 10000.0, what);
	snprintf(what, sizeof what, "%s: hang", name);
	T_NEAR(f.hang, hang, what);
}

static void test_spaces_first(void)
{
	/* slack 0.25 * (10 + 6) = 4, under the spaces' first share 0.5 * 10 = 5:
	 * all of it to the spaces, ratio 4 / 10 */
	galley_slack_line l = justified(196, 0.25);

	expect("spaces first", &l, 0.4, 0, 0, 0);
}

static void test_expansion(void)
{
	galley_slack_line l = justified(191.25, 0.546875);

	/* slack 8.75; the spaces take 5, the glyphs 3.75 of 200 points:
	 * 1.875%, in whole steps of 1/10000 (rounded down) 187; what the
	 * rounding leaves, 8.75 - 0.0187 * 200 = 5.01, goes to the spaces */
	l.advance = 200;
	expect("expansion below its limit", &l, 0.501, 0, 187, 0);
	/* slack 16: spaces 5, glyphs 2% of 100 = 2, letters 9 over 40 gaps
	 * = 0.225 each; the spaces end at ratio 0.5 */
	l = justified(184, 1);
	expect("expansion at 2%, then letters", &l, 0.5, 0.225, 200, 0);
	{
		galley_slack_fit f;
		galley_slack_distribute(&f, &l);
		T_NEAR(set_width(&l, &f), 200, "expansion at 2%: the line fills its measure");
	}
}

static void test_tracking_cap(void)
{
	/* slack 0.75 * 16 = 12; spaces 5, glyphs 2, letters would take 5
	 * over 10 gaps, but inline code of 9 pt caps them at 3% of 9 = 0.27
	 * in this narrow measure; the spaces take the rest: 12 - 2 - 2.7 =
	 * 7.3, ratio 0.73 */
	galley_slack_line l = justified(186, 0.75);

	l.glyphs = 11;
	l.smallest = 9;
	expect("letters capped at 3% of the smallest type in a narrow measure", &l, 0.73, 0.27, 200, 0);
	/* the same line of 5-point type, smallest 4.5: 200 points are 40
	 * ems, a wide measure, where the letters stop at 2% of 4.5 = 0.09:
	 * 12 - 2 - 0.9 = 9.1, ratio 0.91 */
	l.size = 5;
	l.smallest = 4.5;
	expect("letters capped at 2% of the smallest type in a wide measure", &l, 0.91, 0.09, 200, 0);
	/* the same line of 20-point type, smallest 10: 200 points are 10
	 * ems, under 15, where the letters may take 6% of 10 = 0.6 each:
	 * all 5 points over 10 gaps, 0.5 each; the spaces stop at 0.5 */
	l.size = 20;
	l.smallest = 10;
	expect("letters up to 6% of the smallest type in a column under 15 ems", &l, 0.5, 0.5, 200, 0);
	/* a footnote's number touching its word (joined): the letters stop
	 * at 2.5% of the size, 0.25, and the spaces take the rest:
	 * 12 - 2 - 2.5 = 7.5, ratio 0.75 (below the holes' 1) */
	l.size = 10;
	l.smallest = 10;
	l.joined = true;
	expect("letters capped at 2.5% of the size in a joined line", &l, 0.75, 0.25, 200, 0);
}

static void test_holes(void)
{
	/* slack 1.5 * 16 = 24; spaces 5, glyphs 2% of 128 = 2.56, letters
	 * 0.3 * 10 = 3 (capped): 18.44 left, ratio 1.844, past 1: the glyphs
	 * widen by (18.44 - 10) / 128 = 6.59375% more, in whole steps 659
	 * (8.59% in all), and the spaces take 18.44 - 0.0659 * 128 =
	 * 10.0048 */
	galley_slack_line l = justified(176, 1.5);

	l.glyphs = 11;
	l.advance = 128;
	expect("holes: glyphs widen further", &l, 1.00048, 0.3, 859, 0);
	/* slack 40: 35 left after glyphs and letters, 25% more wanted, 10%
	 * in all allowed: 8 points; the spaces take 27, ratio 2.7 */
	l = justified(160, 2.5);
	l.glyphs = 11;
	expect("holes: expansion stops at 10%", &l, 2.7, 0.3, 1000, 0);
	/* no spaces: nothing opens into holes, the glyphs stay at 2% */
	l = justified(182, 3);
	l.space_stretch = 0;
	l.space_shrink = 0;
	l.glyphs = 11;
	/* slack 3 * 6 = 18: glyphs 2, letters 16 over 10 gaps capped at 0.3:
	 * 13 points stay unset, the line ends short */
	expect("no spaces: the line ends short, no hole expansion", &l, 0, 0.3, 200, 0);
}

static void test_no_spaces(void)
{
	/* one word stretched by its letters alone: slack 6, glyphs 2, letters
	 * 4 over 10 gaps, capped at 0.3 each; no spaces, ratio 0, and the
	 * point left over stays unset */
	galley_slack_line l = justified(194, 1);

	l.space_stretch = 0;
	l.space_shrink = 0;
	l.glyphs = 11;
	expect("no spaces: glyphs and letters", &l, 0, 0.3, 200, 0);
	/* a single character has no gap to space: slack 1, glyphs 2% of 4 */
	l = justified(199, 1);
	l.space_stretch = l.space_shrink = 0;
	l.letter_stretch = 1;
	l.advance = 4;
	l.glyphs = 1;
	expect("one character: no tracking", &l, 0, 0, 200, 0);
}

static void test_hyphen(void)
{
	/* as "expansion at 2%, then letters" with 40 characters: without an
	 * added hyphen 39 gaps count, with one the gap before it counts too */
	galley_slack_line l = justified(184, 1);

	l.glyphs = 40;
	expect("no hyphen: letters over 39 gaps", &l, 0.5, 9.0 / 39, 200, 0);
	l.hyphen = true;
	expect("added hyphen: letters over 40 gaps", &l, 0.5, 0.225, 200, 0);
}

static void test_shrink(void)
{
	/* ratio -0.5, letters shrinking by 2: slack -3, shared by spaces and
	 * letters as their shrink (4 and 2): letters -1 over 40 gaps, spaces
	 * -2 (ratio -0.5) */
	galley_slack_line l = justified(203, -0.5);

	l.letter_shrink = 2;
	expect("shrink in proportion", &l, -0.5, -0.025, 0, 0);
	/* ratio -1, letters shrinking by 6: slack -10, letters' share -6,
	 * but at most 1% of 10 pt per gap within ratio -1: -0.1 over 40 gaps
	 * = -4; the spaces take -6 (ratio -1.5) */
	l = justified(210, -1);
	l.letter_shrink = 6;
	expect("shrink in proportion: letters at most 1% of the size", &l, -1.5, -0.1, 0, 0);
	/* ratio -1.25: slack -10, past the 8 that spaces and letters give at
	 * -1: the spaces give their 4, the letters the other 6, -0.15 over 40
	 * gaps (within 2% of 10 pt) */
	l = justified(210, -1.25);
	expect("shrink beyond -1: the letters take what the spaces cannot", &l, -1, -0.15, 0, 0);
	/* ratio -2 (an emergency pass): slack -16 past the 8 of spaces and
	 * letters: the letters take -16 + 4 = -12 but stop at 2% of 10 pt,
	 * -0.2 over 40 gaps = -8; the spaces the rest, -8, ratio -2 */
	l = justified(216, -2);
	expect("shrink beyond -1: letters to 2%, then the spaces", &l, -2, -0.2, 0, 0);
	{
		galley_slack_fit f;
		galley_slack_distribute(&f, &l);
		T_NEAR(set_width(&l, &f), 200, "shrink beyond -1: the line fills its measure");
	}
}

static void test_hang(void)
{
	/* A comma may hang 2 points: the breaker set the line to 202.  Slack
	 * 4, hang - slack = 2 is not past 0.5 * 10 + 0.02 * 100 = 7: the mark
	 * hangs, the spaces take 4 */
	galley_slack_line l = justified(198, 0.25);

	l.hang = 2;
	expect("hang kept in a line that is not loose", &l, 0.4, 0, 0, 2);
	/* slack 20, 18 past the hang: loose enough, the comma does not hang
	 * and the line keeps 18: spaces 5, glyphs 2, letters 11 over 40 */
	l = justified(182, 1.25);
	l.hang = 2;
	expect("hang dropped in a loose line", &l, 0.5, 0.275, 200, 0);
	{
		galley_slack_fit f;
		galley_slack_distribute(&f, &l);
		T_NEAR(set_width(&l, &f), 200, "hang dropped: the line fills the measure itself");
	}
	/* a last line never hangs */
	l = justified(150, 0);
	l.hang = 2;
	l.justified = false;
	expect("no hang in a line that is not justified", &l, 0, 0, 0, 0);
}

static void test_last_and_ragged(void)
{
	/* a last line that fits takes nothing, whatever the breaker's ratio */
	galley_slack_line l = justified(150, 0.7);

	l.justified = false;
	expect("last line: natural spacing", &l, 0, 0, 0, 0);
	/* a last line 3 points too long shrinks like a justified one:
	 * letters -3 * 4/8 = -1.5 over 40 gaps, spaces -1.5 (ratio -0.375) */
	l = justified(203, 0);
	l.justified = false;
	expect("over-full last line shrinks to fit", &l, -0.375, -0.0375, 0, 0);
	/* ragged text: spaces and letters do not shrink; a line 1 point too
	 * long (the forced pass) tightens its letters, -1 over 40 gaps */
	l = justified(201, 0);
	l.justified = false;
	l.space_stretch = l.space_shrink = l.letter_stretch = l.letter_shrink = 0;
	expect("over-full ragged line: letters tighten", &l, 0, -0.025, 0, 0);
	/* a ragged line that fits: nothing, though it is 50 points short */
	l.natural = 150;
	expect("ragged line that fits", &l, 0, 0, 0, 0);
}

/* Deterministic pseudo-random numbers (a 32-bit LCG). */
static uint32_t rng_state = 17;
static double rnd(double lo, double hi)
{
	rng_state = rng_state * 1664525u + 1013904223u;
	return lo + (hi - lo) * (rng_state >> 8) / 16777216.0;
}

static void test_random_lines(void)
{
	int fills = 1, bounded = 1, short_ok = 1;

	for (int i = 0; i < 20000; i++) {
		galley_slack_line l = justified(0, rnd(-1.6, 4));
		galley_slack_fit f;
		double sp = rnd(2, 4), size = rnd(6, 14), target;
		size_t words = 2 + (size_t)rnd(0, 12);

		/* words of 2 to 12 characters of half an em */
		l.size = size;
		l.smallest = rnd(0, 1) < 0.2 ? size * 0.9 : size;
		l.glyphs = 0;
		for (size_t w = 0; w < words; w++)
			l.glyphs += 2 + (size_t)rnd(0, 11);
		l.advance = l.glyphs * size / 2;
		l.space_stretch = (words - 1) * sp / 2;
		l.space_shrink = (words - 1) * sp / 3;
		l.letter_stretch = GALLEY_LETTER_STRETCH * size * l.glyphs;
		l.letter_shrink = GALLEY_LETTER_SHRINK * size * l.glyphs;
		l.natural = l.advance + (words - 1) * sp;
		l.hyphen = rnd(0, 1) < 0.2;
		l.hang = rnd(0, 1) < 0.3 ? rnd(0, 3) : 0;
		/* the measure the breaker's ratio fills */
		target = l.natural + (l.ratio > 0 ? l.ratio * (l.space_stretch + l.letter_stretch)
		                                  : l.ratio * (l.space_shrink + l.letter_shrink));
		l.measure = target - l.hang;
		galley_slack_distribute(&f, &l);
		if (fabs(set_width(&l, &f) - (l.measure + f.hang)) > 1e-6)
			fills = 0;
		if (f.tracking > (l.measure < 15 * l.size ? TRACKING_MAX_SLIVER :
		                  l.measure < GALLEY_NARROW_EMS * l.size ? TRACKING_MAX_NARROW : TRACKING_MAX) *
		                 l.smallest + 1e-12 ||
		    f.tracking < -GALLEY_LETTER_SHRINK_MAX * l.size - 1e-12 || f.expand > EXPAND_HOLE_STEPS ||
		    (f.hang != 0 && f.hang != l.hang))
			bounded = 0;
		/* a line that stretches no more than its spaces' first share is
		 * set by its spaces alone */
		if (l.ratio >= 0 && l.ratio * (l.space_stretch + l.letter_stretch) <= 0.5 * l.space_stretch &&
		    (f.expand != 0 || f.tracking != 0))
			short_ok = 0;
	}
	T_CHECK(fills, "random: every justified line fills its measure (with its hang)");
	T_CHECK(bounded, "random: tracking, expansion and hang within their limits");
	T_CHECK(short_ok, "random: a slightly loose line is set by its spaces alone");
}

int main(void)
{
	test_spaces_first();
	test_expansion();
	test_tracking_cap();
	test_holes();
	test_no_spaces();
	test_hyphen();
	test_shrink();
	test_hang();
	test_last_and_ragged();
	test_random_lines();
	return t_done();
}
