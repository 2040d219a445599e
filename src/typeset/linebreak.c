/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * linebreak.c: Knuth-Plass total-fit line breaking (Knuth & Plass, "Breaking
 * Paragraphs into Lines", Software--Practice and Experience 11, 1981; TeX:
 * The Program, parts 38-39).
 *
 * Design note
 * -----------
 * The model.  A paragraph is a sequence of boxes (unbreakable material of a
 * fixed width), glue (space of a natural width that may stretch and shrink)
 * and penalties (possible breaks with a cost; a flagged penalty is a
 * hyphenation point and adds the hyphen's width when taken).  A box may
 * stretch and shrink too, a little: the letter-spacing the typesetter can
 * give its characters (pdfTeX's font expansion, "adjust spacing" 2, plays
 * the same part); its stretch and shrink count exactly like glue's, so the
 * breaker knows the line's whole flexibility and the caller spreads the
 * adjustment over spaces and letters alike.  A line running
 * from one break to the next has natural width L, total stretch Y and total
 * shrink Z; set to the measure W its adjustment ratio is r = (W-L)/Y when
 * short and (W-L)/Z when long.  The line is feasible when r >= -1 (glue
 * never shrinks past its limit) and its badness 100|r|^3 is at most the
 * pass's tolerance.  A feasible line costs demerits
 *     (line_penalty + badness)^2  +/- penalty^2
 * plus `flagged_demerits` when it and the line before both end in a hyphen,
 * `near_hyphen_demerits` when it and the line two before do (one line
 * between them),
 * `final_hyphen_demerits` when the line before the last one ends in a hyphen,
 * and `fitness_demerits` when its fitness class (tight, decent, loose, very
 * loose) is more than one away from the class of the line before.
 *
 * The algorithm.  Total fit: among all breakings into feasible lines, choose
 * the one with the least total demerits, by dynamic programming over the
 * legal breakpoints in order.  An "active node" is a feasible break that may
 * still start a line.  At each legal breakpoint b every active node a is
 * tried as the start of a line ending at b; a node whose line has become too
 * long (r < -1), or that sits before a forced break, can never start a
 * feasible line again and is deactivated, which keeps the active list as
 * short as the number of breaks that fit within one line.  The cost of the
 * next line depends on more than the position of its start, so a node is a
 * state (position, line class, fitness class, hyphen run, and whether the
 * line before ended in a hyphen when `near_hyphen_demerits` is set): the
 * line class is the line number until the last entry of `widths` and one
 * class beyond (those lines all have the same measure), the hyphen run is
 * how many lines in a row ended in a hyphen, capped at `max_hyphen_run`.
 * The run makes the "never more than N hyphens in a row" rule a hard
 * constraint instead of a cost the optimiser may pay.  At each breakpoint
 * only the best node per state survives, and a state whose total exceeds
 * that of a no-worse state (same line class, shorter or equal run, no
 * hyphen before where this one has none) by more than the largest
 * difference the state can make to later lines is dropped.
 *
 * Margin kerning.  A break may let the line's last character hang past
 * the measure by `protrude` (pdfTeX's character protrusion): a line ending
 * in a hyphen or a full stop is measured that much shorter, so that the
 * mark's ink, not its advance, lines up with the margin.  Never more than
 * a fraction of the character's width: the next break's line is longer by
 * at least a word, so a line too long at one break stays too long at the
 * later ones and deactivating its node stays right.
 *
 * Passes: (1) `pretolerance` without hyphenation breaks, (2) `tolerance`
 * with them, (3) the same with `emergency_stretch` added to every line's
 * stretch and the boxes allowed `emergency_box_shrink` times their shrink
 * (a narrow column's line that misses by a point takes its next word with
 * its letters a little tighter; the ratio, and so the cost, stays that of
 * the normal shrink, below -1, so only a line that needs it shrinks that
 * far), (4) a forced pass that always succeeds: every line that fits is
 * feasible (its badness uncapped so looser lines still cost more), and when
 * a line cannot be made to fit at any break because the material before the
 * first legal break is itself wider than the measure, that line is accepted
 * overfull (TeX's "artificial demerits") and `overfull` tells the caller to
 * split the offending box.  The last line is ragged through the finishing
 * glue's infinite stretch; a line ending at any forced break (a hard line
 * break) is likewise set at its natural width when it is short.
 *
 * Alternatives and why not.  Greedy first-fit (browsers, most converters)
 * is one pass and no memory, but decides each line alone: a tight line is
 * followed by a loose one, rivers and hyphen ladders appear, and it cannot
 * honour a rule spanning lines.  Exhaustive search is exponential.  A
 * shortest-path over all O(n^2) (start, end) pairs is exact but quadratic;
 * the active list restricts the pairs to those that fit in a line, which is
 * O(n * active).  Keeping one node per position (classic K-P without the
 * hyphen-run dimension) can only discourage a third hyphen with demerits,
 * not forbid it.
 *
 * Memory: the prefix sums, a node pool (grown by doubling, freed at the end)
 * and a candidate buffer; nothing is allocated per item.
 */
#include "typeset/linebreak.h"
#include "base/vec.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* "No node": the end of the active list, the predecessor of the start. */
#define KP_NONE SIZE_MAX

/* Badness of a line that cannot stretch enough, as TeX (inf_bad). */
#define KP_INF_BAD 10000.0

/* Forced pass: badness is not capped at KP_INF_BAD, so that among lines
 * that are all too loose the less loose still wins; capped here instead so
 * that squares and sums stay far from overflow (1e7^2 * 1e6 lines < 1e300). */
#define KP_FORCED_BAD_CAP 1.0e7

/* Demerits of an overfull line accepted in the forced pass: only ever the
 * sole way forward, so the value just has to be finite. */
#define KP_ARTIFICIAL_DEMERITS 1.0e12

/* Fitness classes by badness, as TeX: decent up to 12 (|r| <= ~0.5), loose
 * up to 99 (r <= ~1), very loose beyond. */
#define KP_DECENT_BAD 12.0
#define KP_LOOSE_BAD 99.0

typedef struct kp_node {
	size_t pos;         /* break item index; 0 with prev == KP_NONE for the start */
	size_t start;       /* first item of the line after this break */
	size_t prev;        /* pool index of the previous break, KP_NONE for the start */
	size_t next_active; /* active list link, KP_NONE at the end */
	double total;       /* total demerits of the best breaking up to here */
	double width;       /* measure of the line after this break, points */
	double tw, ty, tz;  /* prefix sums at `start`: width, stretch, shrink */
	double tzb;         /* prefix sum at `start`: the boxes' shrink */
	double ratio;       /* adjustment ratio of the line ending here (real stretch) */
	int line;           /* lines ending at or before this break */
	int cls;            /* line class of the line after this break */
	int fitness;        /* class of the line ending here, 0..3 */
	int run;            /* hyphenated lines in a row ending here (capped) */
	bool hyphenated;    /* the line ending here ends in a hyphen */
	bool near;          /* the line before it does (kept only with
	                       near_hyphen_demerits; false otherwise) */
	bool overfull;      /* the line ending here exceeds its measure */
} kp_node;

typedef struct kp_pass {
	double threshold;   /* largest badness accepted */
	double max_ratio;   /* the stretch ratio of that badness, (threshold/100)^(1/3) */
	double extra;       /* stretch added to every line, points */
	double box_shrink;  /* boxes shrink this many times their shrink (>= 1) */
	bool hyphens;       /* flagged penalties are legal breaks */
	bool forced;        /* the last pass: always succeeds */
} kp_pass;

typedef struct kp_ctx {
	const galley_kp_item *items;
	size_t n;
	const double *widths;
	size_t nwidths;
	const galley_kp_params *p;
	double *sw, *sy, *sz;  /* prefix sums over items[0..i): width, stretch, shrink */
	double *szb;           /* the same for the boxes' shrink alone */
	kp_node *pool;
	size_t npool, cappool;
	kp_node *cand;         /* candidate nodes at the current breakpoint */
	size_t ncand, capcand;
	size_t active;         /* head of the active list */
	size_t tail;           /* its last node */
	int run_cap;           /* largest hyphen run tracked */
	double slack;          /* largest demerit difference a fitness class makes later */
} kp_ctx;

/* The measure of the line after `line` complete lines, points. */
static double line_width(const kp_ctx *c, int line)
{
	size_t i;

	if (c->nwidths == 0 || c->widths == NULL)
		return 0.0;
	i = (size_t)line < c->nwidths - 1 ? (size_t)line : c->nwidths - 1;
	return c->widths[i];
}

/* Line class: lines past the last `widths` entry are all alike. */
static int line_class(const kp_ctx *c, int line)
{
	int last = c->nwidths > 0 ? (int)(c->nwidths - 1) : 0;

	if (c->nwidths > (size_t)INT32_MAX)
		return line;
	return line < last ? line : last;
}

static bool is_forced(const galley_kp_item *it)
{
	return it->kind == GALLEY_KP_PENALTY && it->penalty <= -GALLEY_KP_INF;
}

/* First item of the line that starts after a break at `b`: glue and
 * penalties are discarded up to the next box or forced break. */
static size_t after_break(const kp_ctx *c, size_t b)
{
	size_t i = b < c->n ? b + 1 : c->n;

	while (i < c->n && c->items[i].kind != GALLEY_KP_BOX && !is_forced(&c->items[i]))
		i++;
	return i;
}

/* Appends a node to the pool; returns its index or KP_NONE when out of memory. */
static size_t pool_add(kp_ctx *c, const kp_node *node)
{
	if (GALLEY_VEC_PUSH_ROOM(c->pool, c->cappool, c->npool) < 0)
		return KP_NONE;
	c->pool[c->npool] = *node;
	return c->npool++;
}

static int fitness_class(double r, double bad)
{
	if (r < 0)
		return bad > KP_DECENT_BAD ? 0 : 1;
	if (bad > KP_LOOSE_BAD)
		return 3;
	if (bad > KP_DECENT_BAD)
		return 2;
	return 1;
}

/* Records candidate `nd` at the current breakpoint, keeping the best per
 * state.  Returns 0 or -1 when out of memory. */
static int cand_offer(kp_ctx *c, const kp_node *nd)
{
	size_t i;

	for (i = 0; i < c->ncand; i++) {
		kp_node *o = &c->cand[i];

		if (o->fitness == nd->fitness && o->run == nd->run && o->cls == nd->cls && o->near == nd->near) {
			if (nd->total < o->total)
				*o = *nd;
			return 0;
		}
	}
	if (GALLEY_VEC_PUSH_ROOM(c->cand, c->capcand, c->ncand) < 0)
		return -1;
	c->cand[c->ncand++] = *nd;
	return 0;
}

/* Whether candidate x is beaten by another state y whatever follows: y at
 * the same position and line class, with no longer a hyphen run and no
 * hyphen on the line before where x has none (so every continuation of x
 * is allowed after y and costs y no more in hyphen demerits), and cheaper
 * by more than the fitness demerits the different class could cost y's
 * next line. */
static bool cand_dominated(const kp_ctx *c, size_t x)
{
	const kp_node *nx = &c->cand[x];
	size_t i;

	for (i = 0; i < c->ncand; i++) {
		const kp_node *ny = &c->cand[i];

		if (i == x || ny->run > nx->run || ny->cls != nx->cls || (ny->near && !nx->near))
			continue;
		if (ny->fitness == nx->fitness ? ny->total <= nx->total
		                               : ny->total + c->slack < nx->total)
			return true;
	}
	return false;
}

/* Moves the surviving candidates into the pool and the active list (at its
 * end, so the list stays in breakpoint order).  Returns 0 or -1. */
static int cand_commit(kp_ctx *c, size_t b)
{
	size_t start = after_break(c, b), i;

	for (i = 0; i < c->ncand; i++) {
		kp_node nd;
		size_t idx;

		if (cand_dominated(c, i))
			continue;
		nd = c->cand[i];
		nd.start = start;
		nd.tw = c->sw[start];
		nd.ty = c->sy[start];
		nd.tz = c->sz[start];
		nd.tzb = c->szb[start];
		nd.width = line_width(c, nd.line);
		nd.next_active = KP_NONE;
		idx = pool_add(c, &nd);
		if (idx == KP_NONE)
			return -1;
		if (c->tail == KP_NONE)
			c->active = idx;
		else
			c->pool[c->tail].next_active = idx;
		c->tail = idx;
	}
	c->ncand = 0;
	return 0;
}

/* Tries every active node as the start of a line ending at breakpoint `b`
 * (b == n is the implicit end of a paragraph without its forced break).
 * The common cases are decided without a division: a line too long even
 * when shrunk deactivates its node, a line too short even when stretched by
 * the pass's largest ratio leaves it alone.  Returns 0 or -1 when out of
 * memory. */
static int try_break(kp_ctx *c, const kp_pass *ps, size_t b)
{
	const galley_kp_params *p = c->p;
	bool at_end = b >= c->n - (c->n > 0 && is_forced(&c->items[c->n - 1]) ? 1 : 0);
	const galley_kp_item *it = b < c->n ? &c->items[b] : NULL;
	bool pen = it != NULL && it->kind == GALLEY_KP_PENALTY;
	double pi = pen ? it->penalty : 0.0;
	double pw = pen ? it->width : 0.0;
	bool flagged = pen && it->flagged;
	bool forced = it == NULL || is_forced(it);
	double hang = it != NULL && !forced ? it->protrude : 0.0;
	double sw = c->sw[b], sy = c->sy[b], sz = c->sz[b], szb = c->szb[b];
	double bad_cap = ps->forced ? KP_FORCED_BAD_CAP : KP_INF_BAD;
	size_t prev = KP_NONE, a = c->active;

	while (a != KP_NONE) {
		kp_node *an = &c->pool[a];
		size_t next = an->next_active;
		double W = an->width, L = sw - an->tw + pw - hang, r, real_r, bad, d;
		bool deactivate = forced, artificial = false, blocked;
		kp_node nd;

		if (b < an->start && !forced) {
			prev = a;
			a = next;
			continue;
		}
		if (L > W) {
			double Z = sz - an->tz;
			double Zp = Z + (ps->box_shrink - 1.0) * (szb - an->tzb);

			if (L - Zp > W) { /* overfull even when shrunk as far as the pass allows */
				deactivate = true;
				if (!ps->forced || c->ncand != 0 || prev != KP_NONE || next != KP_NONE)
					goto next_node;
				artificial = true; /* the sole way on: accept the overfull line */
				r = real_r = -1.0;
				bad = KP_INF_BAD;
			} else {
				/* below -1 when the boxes shrink further: the pass
				 * moves the limit, not the cost */
				r = real_r = (W - L) / Z;
				bad = -100.0 * r * r * r;
			}
		} else {
			double Y = sy - an->ty + p->line_stretch;

			if (forced || Y >= GALLEY_KP_INF_STRETCH) {
				r = real_r = 0.0; /* ragged: the last line, or a line before a hard break */
				bad = 0.0;
			} else {
				double Ye = Y + ps->extra;

				if (!ps->forced && W - L > ps->max_ratio * Ye)
					goto next_node; /* too loose for this pass; may fill up later */
				r = Ye > 0 ? (W - L) / Ye : HUGE_VAL;
				real_r = Y > 0 ? (W - L) / Y : 0.0;
				bad = 100.0 * r * r * r;
				if (!(bad <= bad_cap))
					bad = bad_cap;
			}
		}
		if (!artificial && !ps->forced && bad > ps->threshold)
			goto next_node;

		blocked = (flagged && an->run >= c->run_cap && p->max_hyphen_run >= 0) ||
		          (pw > 0 && c->items[an->start].cls != it->cls);
		if (blocked) {
			if (artificial)
				deactivate = false; /* a hyphen it may not take: overflow at the next break */
			goto next_node;
		}
		if (artificial) {
			d = KP_ARTIFICIAL_DEMERITS;
		} else {
			d = p->line_penalty + bad;
			d = d * d;
			if (pi > 0)
				d += pi * pi;
			else if (pi < 0 && !forced)
				d -= pi * pi;
		}
		if (flagged && an->run > 0)
			d += p->flagged_demerits;
		if (flagged && an->near)
			d += p->near_hyphen_demerits;
		if (at_end && an->run > 0)
			d += p->final_hyphen_demerits;
		memset(&nd, 0, sizeof nd);
		nd.fitness = fitness_class(r, bad);
		if (abs(nd.fitness - an->fitness) > 1 && an->prev != KP_NONE)
			d += p->fitness_demerits;
		nd.pos = b;
		nd.prev = a;
		nd.total = an->total + d;
		nd.ratio = real_r;
		nd.line = an->line + 1;
		nd.cls = line_class(c, nd.line);
		nd.run = flagged ? (an->run < c->run_cap ? an->run + 1 : c->run_cap) : 0;
		nd.hyphenated = flagged;
		nd.near = an->hyphenated && p->near_hyphen_demerits > 0;
		nd.overfull = artificial;
		if (cand_offer(c, &nd) < 0)
			return -1;
next_node:
		if (deactivate) {
			if (prev == KP_NONE)
				c->active = next;
			else
				c->pool[prev].next_active = next;
			if (c->tail == a)
				c->tail = prev;
		} else {
			prev = a;
		}
		a = next;
	}
	return c->ncand > 0 ? cand_commit(c, b) : 0;
}

/* Runs one pass.  Returns 1 when it found a breaking (`*best` set to its
 * final node), 0 when it did not, -1 when out of memory. */
static int run_pass(kp_ctx *c, const kp_pass *ps, size_t *best)
{
	const galley_kp_item *items = c->items;
	kp_node start;
	size_t i, k;
	bool ended = c->n > 0 && is_forced(&items[c->n - 1]);

	c->npool = 0;
	c->ncand = 0;
	memset(&start, 0, sizeof start);
	start.prev = KP_NONE;
	start.next_active = KP_NONE;
	start.fitness = 1;
	start.start = 0;
	start.width = line_width(c, 0);
	c->active = pool_add(c, &start);
	if (c->active == KP_NONE)
		return -1;
	c->tail = c->active;
	for (i = 0; i < c->n && c->active != KP_NONE; i++) {
		const galley_kp_item *it = &items[i];
		bool legal = false;

		if (it->kind == GALLEY_KP_GLUE)
			legal = i > 0 && items[i - 1].kind == GALLEY_KP_BOX &&
			        it->stretch < GALLEY_KP_INF_STRETCH;
		else if (it->kind == GALLEY_KP_PENALTY)
			legal = it->penalty < GALLEY_KP_INF && (ps->hyphens || !it->flagged || is_forced(it));
		if (legal && try_break(c, ps, i) < 0)
			return -1;
	}
	if (!ended && c->active != KP_NONE && try_break(c, ps, c->n) < 0)
		return -1;
	if (c->active == KP_NONE)
		return 0;
	*best = KP_NONE;
	for (k = c->active; k != KP_NONE; k = c->pool[k].next_active) {
		if (c->pool[k].prev == KP_NONE)
			continue; /* the start node: nothing was broken */
		if (*best == KP_NONE || c->pool[k].total < c->pool[*best].total)
			*best = k;
	}
	return *best != KP_NONE;
}

/* Copies the breaking ending at node `last` into `out`.  Returns 0 or -1. */
static int collect(kp_ctx *c, size_t last, galley_kp_result *out)
{
	size_t nlines = 0, k, i;

	for (k = last; c->pool[k].prev != KP_NONE; k = c->pool[k].prev)
		nlines++;
	out->lines = calloc(nlines ? nlines : 1, sizeof *out->lines);
	if (out->lines == NULL)
		return -1;
	out->nlines = nlines;
	out->overfull = false;
	i = nlines;
	for (k = last; c->pool[k].prev != KP_NONE; k = c->pool[k].prev) {
		const kp_node *nd = &c->pool[k];
		galley_kp_line *ln = &out->lines[--i];

		ln->start = c->pool[nd->prev].start;
		ln->end = nd->pos;
		ln->ratio = nd->ratio;
		ln->fitness = nd->fitness;
		ln->hyphenated = nd->hyphenated;
		if (nd->overfull)
			out->overfull = true;
	}
	return 0;
}

/* Largest stretch ratio a pass accepts: badness 100 r^3 <= threshold, a
 * hair more so that the exact badness test decides the borderline. */
static double pass_ratio(double threshold)
{
	return threshold >= KP_INF_BAD ? HUGE_VAL : cbrt(fmax(threshold, 0.0) / 100.0) * (1.0 + 1e-9);
}

size_t galley_kp_finish(galley_kp_item *items, size_t n)
{
	memset(&items[n], 0, 2 * sizeof *items);
	items[n].kind = GALLEY_KP_GLUE;
	items[n].stretch = GALLEY_KP_INF_STRETCH;
	items[n + 1].kind = GALLEY_KP_PENALTY;
	items[n + 1].penalty = -GALLEY_KP_INF;
	return n + 2;
}

int galley_kp_break(const galley_kp_item *items, size_t n,
                    const double *widths, size_t nwidths,
                    const galley_kp_params *params, galley_kp_result *out)
{
	galley_kp_params defaults = GALLEY_KP_PARAMS_INIT;
	kp_ctx c;
	kp_pass passes[4];
	size_t i, best = KP_NONE;
	double eshrink;
	int rc = -1, found = 0, npass = 0;

	memset(out, 0, sizeof *out);
	memset(&c, 0, sizeof c);
	c.items = items;
	c.n = n;
	c.widths = widths;
	c.nwidths = nwidths;
	c.p = params ? params : &defaults;
	c.run_cap = c.p->max_hyphen_run > 0 ? c.p->max_hyphen_run : (c.p->max_hyphen_run == 0 ? 0 : 1);
	c.slack = fmax(0.0, c.p->fitness_demerits);
	out->pass = 1;
	if (n == 0)
		return 0;

	c.sw = malloc(4 * (n + 1) * sizeof *c.sw);
	if (c.sw == NULL)
		goto cleanup;
	c.sy = c.sw + (n + 1);
	c.sz = c.sy + (n + 1);
	c.szb = c.sz + (n + 1);
	c.sw[0] = c.sy[0] = c.sz[0] = c.szb[0] = 0.0;
	for (i = 0; i < n; i++) {
		const galley_kp_item *it = &items[i];
		bool counts = it->kind != GALLEY_KP_PENALTY;

		c.sw[i + 1] = c.sw[i] + (counts ? it->width : 0.0);
		/* a box's stretch and shrink (its letter-spacing) count like glue's */
		c.sy[i + 1] = c.sy[i] + (counts ? it->stretch : 0.0);
		c.sz[i + 1] = c.sz[i] + (counts ? it->shrink : 0.0);
		c.szb[i + 1] = c.szb[i] + (it->kind == GALLEY_KP_BOX ? it->shrink : 0.0);
	}

	eshrink = fmax(1.0, c.p->emergency_box_shrink);
	if (c.p->pretolerance >= 0)
		passes[npass++] = (kp_pass){c.p->pretolerance, pass_ratio(c.p->pretolerance), 0.0, 1.0, false, false};
	passes[npass++] = (kp_pass){c.p->tolerance, pass_ratio(c.p->tolerance), 0.0, 1.0, true, false};
	if (c.p->emergency_stretch > 0 || eshrink > 1.0)
		passes[npass++] = (kp_pass){c.p->tolerance, pass_ratio(c.p->tolerance),
		                            fmax(0.0, c.p->emergency_stretch), eshrink, true, false};
	passes[npass++] = (kp_pass){KP_FORCED_BAD_CAP, HUGE_VAL, fmax(0.0, c.p->emergency_stretch),
	                            eshrink, true, true};

	for (i = 0; i < (size_t)npass && !found; i++) {
		found = run_pass(&c, &passes[i], &best);
		if (found < 0)
			goto cleanup;
		if (found)
			out->pass = passes[i].forced ? 4 : passes[i].extra > 0 || passes[i].box_shrink > 1.0 ? 3 :
			            passes[i].hyphens ? 2 : 1;
	}
	if (!found) {
		/* Unreachable: the forced pass always ends; an empty breaking then. */
		rc = 0;
		goto cleanup;
	}
	if (collect(&c, best, out) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	free(c.sw);
	free(c.pool);
	free(c.cand);
	if (rc < 0)
		memset(out, 0, sizeof *out);
	return rc;
}
