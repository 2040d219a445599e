/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * digest/internal.h: the inside of galley_digest, private to src/digest.
 *
 * The digest stage sits above the Markdown reader and below the command
 * line, one file per step:
 *
 *   manifest.c  digest.yaml -> galley_digest: metadata, selection, layout
 *               and EPUB options, sections with their files resolved
 *   compile.c   a galley_digest -> a document: every file read with the
 *               reader's public API, then selected
 *   select.c    the selection of a document's articles (galley/select.h)
 *   import.c    a plain-text newsroom article -> Markdown (galley/import.h)
 *
 * manifest.c fills the struct below; compile.c only reads it.
 */
#ifndef GALLEY_DIGEST_INTERNAL_H
#define GALLEY_DIGEST_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "galley/digest.h"

struct galley_digest {
	galley_doc *arena;            /* owns strings; its diags are the digest's warnings */
	const char *path;             /* the manifest, as given (arena) */
	const char *dir;              /* its folder; NULL when it is the current one */
	galley_meta meta;
	galley_select_options select;
	galley_layout_options layout;
	galley_epub_options epub;
	bool print_pages_set;         /* epub: print_pages: was given */
	bool skip_invalid;            /* skip_invalid:, or the run's keep_going */
	const char *out_pdf, *out_epub; /* resolved for the run (placeholders filled) */
	/* The manifest as written, which galley_digest_resolve turns into the
	 * run's window, date, issue and outputs. */
	struct {
		galley_date date;         /* date:; year 0: none */
		galley_date since, until; /* absolute ends; year 0: none */
		long since_days;          /* since: Nd / Nw, in days; 0: none */
		long until_days;          /* until: Nd (N days before the issue date); 0: none */
		galley_pos since_pos, until_pos;
		const char *issue;        /* issue:, placeholders unexpanded */
		const char *out_pdf, *out_epub;
		galley_pos issue_pos, out_pdf_pos, out_epub_pos;
		bool skip_invalid;        /* skip_invalid: */
	} as_written;
	bool window_pending;          /* a relative window with no day to count from */
	const char *resource_path;    /* resource_path:, folders resolved, joined by ':'; NULL */
	galley_digest_section *sections; /* malloc'ed */
	size_t nsections, cap_sections;
	size_t *cap_paths;            /* malloc'ed: capacity of each section's paths */
};

#endif
