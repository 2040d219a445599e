/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * hlcss.h: the stylesheet rules of highlighted code (xhtml.c writes the
 * tokens as <span class="hl-..."> inside <pre><code>).  Private to
 * src/epub.
 */
#ifndef GALLEY_EPUB_HLCSS_H
#define GALLEY_EPUB_HLCSS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "galley/model.h"
#include "epub/xml.h"

/* One token class's look: its span class, its colour (0xRRGGBB) on a
 * light page and in a dark theme, and its weight and slant. */
typedef struct galley_epub_hl_style {
	const char *cls;
	uint32_t light, dark;
	bool bold, italic;
} galley_epub_hl_style;

/* The classes, in the order their rules are written. */
extern const galley_epub_hl_style galley_epub_hl_styles[];
extern const size_t galley_epub_hl_nstyles;

#endif
