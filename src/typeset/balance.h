/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * balance.h: where display lines break (balance.c).  Private to
 * src/typeset.
 */
#ifndef GALLEY_TYPESET_BALANCE_H
#define GALLEY_TYPESET_BALANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "typeset/internal.h"

/* How a display paragraph's lines are chosen. */
typedef enum gl_display_mode {
	/* A title, a subtitle, a heading: as few lines as the measure allows;
	 * among those, no line of one word when there are more than three
	 * and no line ending on an article, a preposition or a conjunction
	 * when another break is available, then lengths as even as can be
	 * (the least sum of squared shortfalls, the last line included). */
	GL_DISPLAY_BALANCE,
	/* A contents entry: the words of each `keep` inline never parted, as
	 * few lines as the measure allows, no line ending on an article or a
	 * preposition when another break is available, filled from the first
	 * (the last line may be short), turnovers `hang` points narrower. */
	GL_DISPLAY_FILL
} gl_display_mode;

/* Options of gl_set_display. */
typedef struct gl_display {
	gl_display_mode mode;
	const char *lang;          /* BCP 47 of the text (its weak words), NULL: English */
	double hang;               /* GL_DISPLAY_FILL: turnover indent, points */
	const galley_inline *const *keep; /* GL_DISPLAY_FILL: TEXT inlines not broken inside */
	size_t nkeep;
} gl_display;

/* Sets `inlines` (or, when NULL, the plain `text`) in style `st` as
 * gl_set_paragraph does, with the line breaks gl_display asks for: it
 * chooses them over the words' measured widths, puts hard breaks there
 * (a copy of the inlines, in the layout's arena; the flattened text and
 * so the page map keep their offsets) and sets that.  A text that fits
 * on one line, or holds what this does not measure (a note reference, an
 * image, math, a hard break, runs of spaces), is set by gl_set_paragraph
 * unchanged.  In GL_DISPLAY_FILL mode the turnover lines are moved `hang`
 * points right.  Returns the number of lines (>= 0) or a negative
 * galley_code. */
int gl_set_display(galley_layout *L, gl_vlist *v, const galley_inline *inlines, const char *text,
                   const gl_pstyle *st, const gl_display *d, galley_error *err);

/* Whether `word` (len bytes) is one a display line should not end on in
 * language `lang`: an article, a preposition, a conjunction (English by
 * default; German, French, Spanish, Italian, Dutch, Portuguese by their
 * tags), compared without case.  Any single letter but "I" is one too. */
bool gl_weak_word(const char *word, size_t len, const char *lang);

#endif
