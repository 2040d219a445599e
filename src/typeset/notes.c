/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * notes.c: footnotes in print (GitHub's Markdown [^label]), as books set
 * them: a small raised number in the text (paragraph.c), and the note at
 * the foot of the same page, or of the same column, under a short rule, in
 * a smaller size, opening with the same number.  Notes are numbered per
 * article, in the order of their first reference (the model numbers them).
 *
 * The model.  An article's notes are set once, in pass 1 with the rest of
 * the article (so on a worker thread, with its fonts and hyphenator), into
 * a vertical list of their own (v->foot): note after note in the order of
 * their numbers, each a run of lines with the keeps of any text (no widow,
 * no orphan).  A line of the text that refers to a note for the first
 * time records it (gl_vitem.refs).  Since the numbers follow the first
 * references, the notes a page needs are always the next ones in that
 * list: the feet of the pages, read in order, are that list cut into
 * pieces.  So the pager only keeps two indices: the first note line not
 * placed yet (pos) and the end of the last note referred to (want).
 *
 * The algorithm is TeX's insertions, in the pager's first-fit form.  While
 * a column is filled (page.c, fit), each line that brings new notes adds
 * them to the column's foot, which takes as much of them as fits below
 * the text so far, breaking only where the notes' keeps allow; the line
 * goes on the page only when its last new note at least begins there, and
 * the lines after it only while the text and the foot still fit together.
 * What does not fit continues at the foot of the next column or page,
 * ahead of that page's own notes and of its text: a note is split as
 * \vsplit splits one, and a page never holds a reference whose note begins
 * on a later page (unless a single line with its note is taller than the
 * page: then the note follows).  A note carried over takes at most `cap`
 * of the next column before the text starts (\dimen\footins), so that a
 * long note shares its pages with the text instead of pushing it away;
 * when the text of the article is all placed, the rest of its notes fill
 * the last page and the pages after it.  The feet are drawn at the bottom
 * of the page when the page is done, under each column.
 *
 * Notes are set at theme.note.size through a copy of the layout whose
 * body size and leading are the notes' (gl_build_notes): every kind of
 * block a note may hold (paragraphs, lists, quotes, code, even a table)
 * then comes out as in the text, smaller, with one copy of the code that
 * sets it, as LaTeX sets a footnote's paragraphs in \footnotesize with its
 * ordinary machinery.  The copy's arena, scratch arrays and flags are
 * handed back to the layout afterwards.
 *
 * Links: the number in the text links to the note (destination
 * "fn:ARTICLE:N"), the note's number back to its first reference
 * ("fnref:ARTICLE:N"; "fnref:ARTICLE:N:K" names the K-th).
 *
 * Alternatives considered.  Notes gathered at the end of the article (as
 * the EPUB has them) are what a screen wants and what a printed page does
 * not: the reader would turn pages to read a note.  TeX's optimal page
 * builder weighs insertions in its page cost; galley's pager is first-fit
 * with keeps, and the insertion rule above keeps its guarantee (the note
 * begins on the reference's page) without a search.  Setting the notes
 * while paginating would put line breaking on the paginating thread and
 * make the notes depend on the page; set in pass 1 they do not, and the
 * pager only cuts them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "typeset/internal.h"
#include "typeset/theme.h"

/* Sizes, spaces, rules and colours: the type scale (theme.c). */
static const galley_theme *const theme = &galley_theme_default;

/* Longest destination name: "fnref:" and an article id (at most 64 bytes,
 * galley_slugify, plus a "-N" suffix) and two numbers. */
#define GL_NOTE_DEST_MAX 128

const char *gl_note_dest(galley_layout *L, int number, int ref)
{
	char buf[GL_NOTE_DEST_MAX];
	const char *id = L->article && L->article->id ? L->article->id : "article";
	int n;

	if (ref == 0)
		n = snprintf(buf, sizeof buf, "fn:%s:%d", id, number);
	else if (ref == 1)
		n = snprintf(buf, sizeof buf, "fnref:%s:%d", id, number);
	else
		n = snprintf(buf, sizeof buf, "fnref:%s:%d:%d", id, number, ref);
	if (n < 0 || (size_t)n >= sizeof buf)
		n = (int)sizeof buf - 1;  /* an id longer than any galley makes */
	return gl_arena_strndup(&L->arena, buf, (size_t)n);
}

/* Makes the lines [first, foot->n) that gl_build_blocks set for `note`
 * into a note for the foot: no space above it, no mark for the page map,
 * no outline entry, nothing spanning columns; its destination on its
 * first line and a link from its number back to the first reference.
 * `N` is the layout at the notes' size. */
static int finish_note(galley_layout *N, gl_vlist *foot, size_t first, const galley_block *note,
                       const char *number)
{
	size_t s = first;
	gl_vitem *it;
	galley_dl_link back;
	double size = N->opts.font_size, width;

	while (s < foot->n && foot->items[s].kind == GL_V_SPACE)
		s++;
	memmove(&foot->items[first], &foot->items[s], (foot->n - s) * sizeof *foot->items);
	foot->n -= s - first;
	for (size_t i = first; i < foot->n; i++) {
		foot->items[i].has_mark = false;
		foot->items[i].span = false;
		foot->items[i].outline = NULL;
	}
	if (first == foot->n)
		return 0;
	it = &foot->items[first];
	it->nobreak_before = false;
	it->dest = gl_note_dest(N, note->number, 0);
	width = gl_fonts_width(N->fonts, GALLEY_FACE_REGULAR, size, number, strlen(number));
	if (!it->dest || width < 0)
		return GALLEY_ENOMEM;
	memset(&back, 0, sizeof back);
	back.x = it->line.x;
	back.y = -0.25 * size;
	back.w = width;
	back.h = 1.1 * size;
	back.dest = gl_note_dest(N, note->number, 1);
	if (!back.dest)
		return GALLEY_ENOMEM;
	return gl_item_link(N, it, &back);
}

int gl_build_notes(galley_layout *L, const galley_article *a, gl_vlist *v, galley_error *err)
{
	galley_layout N;
	size_t count = 0;
	int rc = 0;

	for (const galley_block *n = a->notes; n; n = n->next)
		count++;
	if (count == 0)
		return 0;
	if (!v->foot && !(v->foot = calloc(1, sizeof *v->foot)))
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	v->notes = gl_arena_alloc(&v->scratch, count * sizeof *v->notes);
	if (!v->notes)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	/* The layout at the notes' size (see the design note).  Until it is
	 * handed back below, only N is used: L's arena is N's. */
	N = *L;
	N.opts.font_size = L->opts.font_size * theme->note.size;
	N.leading = N.opts.font_size * theme->note.leading;
	/* the model keeps the notes in the order of their numbers, from 1 */
	for (const galley_block *n = a->notes; n && rc == 0; n = n->next) {
		gl_note *slot = &v->notes[v->nnotes];
		char number[24];

		snprintf(number, sizeof number, "%d.", n->number);
		slot->first = v->foot->n;
		rc = gl_build_blocks(&N, n->children, number, N.opts.font_size * theme->note.number_gap,
		                     v->foot, err);
		if (rc == 0 && finish_note(&N, v->foot, slot->first, n, number) < 0)
			rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		slot->end = v->foot->n;
		v->nnotes++;
	}
	L->arena = N.arena;
	L->para_scratch = N.para_scratch;
	L->warned_glyph = N.warned_glyph;
	memcpy(L->face_used, N.face_used, sizeof L->face_used);
	return rc;
}

/* ---- the feet: the pager's arithmetic ----------------------------------- */

/* Of a note carried over to the next column or page, at most this share
 * of the column goes ahead of the text (TeX's \dimen\footins is most of a
 * page; half keeps the text going beside a note of several pages). */
#define GL_NOTE_CARRY_SHARE 0.5

void gl_feet_init(gl_feet *F, const galley_layout *L, const gl_vlist *v)
{
	memset(F, 0, sizeof *F);
	if (!v->foot || v->nnotes == 0)
		return;
	F->list = v->foot;
	F->notes = v->notes;
	F->nnotes = v->nnotes;
	F->rule = L->leading * theme->note.space_above + theme->note.rule_gap;
	F->cap = GL_NOTE_CARRY_SHARE * (L->text_top - L->text_bottom);
}

void gl_feet_dispose(gl_feet *F)
{
	free(F->parts);
	memset(F, 0, sizeof *F);
}

/* Height of lines [a, b) of the foot list as placed: the spaces at the
 * end drop, as at the foot of any column; a table's row on top brings
 * the table's head (page.c, place). */
static double lines_height(const gl_vlist *list, size_t a, size_t b)
{
	double h = a < b && list->items[a].head ? list->items[a].head_height : 0;

	while (b > a && list->items[b - 1].kind == GL_V_SPACE)
		b--;
	for (size_t i = a; i < b; i++)
		h += list->items[i].height;
	return h;
}

/* Takes into the foot what it owes that fits in `room` points. */
static void settle(const gl_feet *F, gl_foot *f, double room)
{
	double rule = f->ruled ? 0 : F->rule;

	f->end = f->start;
	if (f->want > f->start && room > rule)
		f->end = gl_fit(F->list, f->start, f->want, room - rule);
	f->height = f->end > f->start ? rule + lines_height(F->list, f->start, f->end) : 0;
}

/* Whether notes are owed beyond the one that line `start` belongs to:
 * notes held back behind a long one (gl_foot_add), whose references are
 * on a page already. */
static bool held_back(const gl_feet *F, size_t start, size_t want)
{
	size_t lo = 0, hi = F->nnotes;

	/* the first note that ends after start (the notes follow each other) */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (F->notes[mid].end <= start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < F->nnotes && want > F->notes[lo].end;
}

void gl_foot_begin(const gl_feet *F, size_t start, size_t want, double room, bool ruled, gl_foot *f)
{
	memset(f, 0, sizeof *f);
	f->start = start;
	f->want = want > start ? want : start;
	f->carry = f->want;
	f->room = room;
	f->ruled = ruled;
	/* what is carried over goes ahead of the text up to the cap; all of
	 * the column when notes wait behind it, so that they begin soon */
	settle(F, f, room < F->cap || held_back(F, start, f->want) ? room : F->cap);
}

bool gl_foot_add(const gl_feet *F, gl_foot *f, const gl_vitem *it, double y)
{
	size_t need = f->need;
	bool grew = false;

	for (uint32_t k = 0; k < it->nrefs; k++) {
		const gl_note *n;
		if (!it->refs[k].first || it->refs[k].note >= F->nnotes)
			continue;
		n = &F->notes[it->refs[k].note];
		if (n->end > f->want) {
			f->want = n->end;
			grew = true;
		}
		if (n->end > n->first && n->first + 1 > f->need)
			f->need = n->first + 1;
	}
	/* the notes take what they can; a line the keeps bind to the one
	 * before (no widow, no word split across pages) may take back room
	 * from them, so that the reference's line is not pushed off the page
	 * with it */
	if (grew || (it->nobreak_before && f->height > f->room - y + 0.01))
		settle(F, f, f->room - y);
	/* a note longer than the column carried over holds the line's notes
	 * back whatever the break: they begin after it, on a later page */
	if (f->end < f->need && f->carry > f->start &&
	    (f->ruled ? 0 : F->rule) + lines_height(F->list, f->start, f->carry) > f->room)
		f->need = need;
	return y <= f->room + 0.01 && f->end >= f->need && f->height <= f->room - y + 0.01;
}

void gl_foot_fill(const gl_feet *F, gl_foot *f, double y, bool force)
{
	gl_foot more = *f;

	/* never fewer lines than the foot holds: those its references need
	 * were fitted with the room there was beside them */
	settle(F, &more, f->room - y);
	if (more.end > f->end)
		*f = more;
	if (force && f->end == f->start && f->want > f->start) {
		f->end = f->start + 1;
		f->height = (f->ruled ? 0 : F->rule) + lines_height(F->list, f->start, f->end);
	}
}

int gl_feet_commit(gl_feet *F, const gl_foot *f, int col)
{
	if (f->end > f->start) {
		gl_footpart *part;
		if (galley_vec_reserve((void **)&F->parts, &F->cparts, F->nparts + 1, sizeof *F->parts) < 0)
			return GALLEY_ENOMEM;
		part = &F->parts[F->nparts++];
		part->first = f->start;
		part->end = f->end;
		part->col = col;
		part->height = f->height;
		F->height[col] += f->height;
	}
	F->pos = f->end;
	if (f->want > F->want)
		F->want = f->want;
	return 0;
}
