/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * hlcss.c: the stylesheet rules of highlighted code (hlcss.h).
 *
 * A quiet scheme that reads without colour: keywords and directives bold,
 * comments italic, colour only a second cue.  Every colour has a contrast
 * of at least 4.5:1 (WCAG 2.1 AA for text) against the code block's tint
 * and white in the light theme, and against backgrounds from black to
 * #333333 in the dark one (tests/unit/test_highlight.c computes them).
 * The EPUB uses the weight and slant only (css.c writes the rules for the
 * classes a book uses): a text colour set without its background fights
 * a reader's night theme, and the media query that would switch to the
 * dark colours is an epubcheck usage note.  The colours are kept with
 * their tested contrasts for a stylesheet that can switch themes.
 */
#include "epub/hlcss.h"

const galley_epub_hl_style galley_epub_hl_styles[] = {
	{"hl-kw", 0x1B3A6Bu, 0x8CB4F0u, true, false},   /* keyword */
	{"hl-pp", 0x5A2A6Eu, 0xD2A8E8u, true, false},   /* directive: #include, import */
	{"hl-ty", 0x1D5A5Au, 0x7FD0C8u, false, false},  /* type */
	{"hl-fn", 0x1A1A1Au, 0xE6E6E6u, false, false},  /* function */
	{"hl-nm", 0x5C4010u, 0xE0C080u, false, false},  /* variable, property */
	{"hl-st", 0x2A5F1Au, 0x9FD68Au, false, false},  /* string */
	{"hl-nu", 0x8A3510u, 0xF0A878u, false, false},  /* number */
	{"hl-co", 0x5F5F5Fu, 0xA8A8A8u, false, true},   /* comment */
	{"hl-del", 0x8E1F1Fu, 0xF09A9Au, false, false}, /* a diff's old line */
	{"hl-ins", 0x1F6B2Au, 0x8FD89Cu, false, false}, /* a diff's new line */
};
const size_t galley_epub_hl_nstyles = sizeof galley_epub_hl_styles / sizeof galley_epub_hl_styles[0];
