/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * galley/select.h: choosing and ordering the articles of a digest.
 *
 * A weekly digest is read from more articles than it prints: those outside
 * the week, those without the wanted tag and second copies of the same story
 * are left out, and what remains is put in order.  galley_doc_select does
 * all of it on a document that has been read but not yet typeset:
 *
 *   galley_select_options sel;
 *   galley_select_options_init(&sel, GALLEY_SELECT_OPTIONS_VERSION);
 *   galley_date_parse("2022-01-10", &sel.since);
 *   galley_date_parse("2022-01-16", &sel.until);
 *   sel.sort = GALLEY_SORT_DATE;
 *   rc = galley_doc_select(doc, &sel, &err);
 *
 * The rules, in the order they are applied:
 *
 *   1. Date window.  An article is kept when its date, as a calendar day
 *      in the article's own time zone (the day its author wrote; no zone
 *      conversion), lies in [since, until], both ends included.  Either end
 *      may be absent (year 0): the window is then open on that side.  When
 *      a window is set, an article without a date is skipped (it cannot be
 *      shown to belong to the week); without a window it is kept.
 *   2. Tags.  When tags are given, an article is kept when one of its tags
 *      equals one of them, ignoring ASCII case.
 *   3. Duplicates (when drop_duplicates).  Of two articles with the same
 *      source URL (ignoring one trailing '/'), or with the same title
 *      (ignoring ASCII case and surrounding spaces) and the same calendar
 *      day, the later one in input order is dropped with a GALLEY_WARNING
 *      naming both files.  Undated or untitled articles are never
 *      duplicates by title.
 *   4. Order, within each section (sections keep their order):
 *      GALLEY_SORT_INPUT keeps input order; GALLEY_SORT_DATE sorts by
 *      calendar day, oldest first, undated articles last, then by title;
 *      GALLEY_SORT_TITLE by title ignoring ASCII case (untitled articles by
 *      their path).  Ties keep input order (the sort is stable).
 *
 * Every article skipped by rule 1 or 2 is recorded as a GALLEY_NOTE at the
 * article's position (the command line shows notes with --verbose).
 */
#ifndef GALLEY_SELECT_H
#define GALLEY_SELECT_H

#include "galley/export.h"

#include <stdbool.h>
#include <stddef.h>

#include "galley/error.h"
#include "galley/model.h"

#ifdef __cplusplus
extern "C" {
#endif

GALLEY_API_BEGIN

typedef enum galley_sort {
	GALLEY_SORT_INPUT = 0, /* the order the articles were read in */
	GALLEY_SORT_DATE,      /* calendar day, oldest first, then title */
	GALLEY_SORT_TITLE      /* title, ignoring ASCII case */
} galley_sort;

/* Version of galley_select_options these headers describe (see
 * galley_select_options_init). */
#define GALLEY_SELECT_OPTIONS_VERSION 1

typedef struct galley_select_options {
	unsigned version;      /* GALLEY_SELECT_OPTIONS_VERSION; set by the initialisers */
	galley_date since;     /* first day of the window; year 0: open */
	galley_date until;     /* last day of the window, included; year 0: open */
	const char **tags;     /* keep articles having one of these; borrowed */
	size_t ntags;          /* 0: no tag filter */
	galley_sort sort;
	bool drop_duplicates;  /* default on */
} galley_select_options;

/* since and until are left zero: no window. */
#define GALLEY_SELECT_OPTIONS_INIT \
	{.version = GALLEY_SELECT_OPTIONS_VERSION, .tags = NULL, .ntags = 0, \
	 .sort = GALLEY_SORT_INPUT, .drop_duplicates = true}

/* Fills `opts` with the defaults of version `version`, which is
 * GALLEY_SELECT_OPTIONS_VERSION of the headers the caller was built with.
 * Returns 0, or GALLEY_EUSAGE (and leaves `opts` alone) for a version
 * this library does not know or a NULL `opts`. */
int galley_select_options_init(galley_select_options *opts, unsigned version);

/* Parses a sort name: "input", "date" or "title".  0, or -1 (not touching
 * *out) for anything else. */
int galley_sort_parse(const char *s, galley_sort *out);

/* Applies the selection described above to `doc` (`opts` NULL: defaults,
 * which only drop duplicates), then calls galley_doc_finish.  Skipped
 * articles are removed with galley_doc_remove_article.
 *
 * Errors: GALLEY_EEMPTY when no article is left, with a message that says
 * why ("no article matches: 12 read, 7 outside 2022-01-10..2022-01-16,
 * 5 without tag europe"); GALLEY_EUSAGE when since is after until, or for
 * options of an unknown version; GALLEY_ENOMEM.  On error the document may already have lost articles. */
int galley_doc_select(galley_doc *doc, const galley_select_options *opts,
                      galley_error *err);

GALLEY_API_END

#ifdef __cplusplus
}
#endif

#endif
