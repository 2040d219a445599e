/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * html_api.h: the table of gumbo's functions (src/base/lazy.h), included
 * only by read/html.c, the one file that calls gumbo.  gumbo is loaded the
 * first time an article holds HTML to parse, so that a plain Markdown
 * article maps no library it does not need.  Every function galley calls
 * is listed here once and its name redirected to the table, so that the
 * code calls gumbo_parse_with_options(...) as usual; a function used but
 * not listed is a link error (nothing links libgumbo).
 * kGumboDefaultOptions is data, looked up the same way.
 * read_gumbo_ready() must succeed before the first call.
 */
#ifndef GALLEY_READ_HTML_API_H
#define GALLEY_READ_HTML_API_H

#include <gumbo.h>

#include "galley/error.h"

#define READ_GUMBO_FUNCS(X) \
	X(gumbo_destroy_output) \
	X(gumbo_get_attribute) \
	X(gumbo_normalized_tagname) \
	X(gumbo_parse_with_options) \
	X(gumbo_tag_from_original_text) \
	X(kGumboDefaultOptions)

typedef struct read_gumbo_api {
#define X(f) __typeof__(f) *f;
	READ_GUMBO_FUNCS(X)
#undef X
} read_gumbo_api;

extern read_gumbo_api read_gumbo;

/* Loads gumbo once; 0, or GALLEY_EIO with the message "cannot load gumbo
 * (SONAME): WHY": an article that holds HTML cannot be read without it. */
int read_gumbo_ready(galley_error *err);

#ifndef READ_GUMBO_API_TABLE
#define gumbo_destroy_output (read_gumbo.gumbo_destroy_output)
#define gumbo_get_attribute (read_gumbo.gumbo_get_attribute)
#define gumbo_normalized_tagname (read_gumbo.gumbo_normalized_tagname)
#define gumbo_parse_with_options (read_gumbo.gumbo_parse_with_options)
#define gumbo_tag_from_original_text (read_gumbo.gumbo_tag_from_original_text)
#define kGumboDefaultOptions (*read_gumbo.kGumboDefaultOptions)
#endif

#endif
