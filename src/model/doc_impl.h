/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * doc_impl.h: the inside of galley_doc, private to src/model.
 */
#ifndef GALLEY_MODEL_DOC_IMPL_H
#define GALLEY_MODEL_DOC_IMPL_H

#include <stdbool.h>

#include "galley/model.h"
#include "base/arena.h"
#include "base/vec.h"

typedef struct doc_section {
	galley_section pub;
	size_t cap;               /* capacity of pub.articles */
} doc_section;

struct galley_doc {
	galley_arena arena;
	galley_meta meta;
	doc_section **sections;
	size_t nsections, csections;
	galley_article **flat;    /* articles in reading order (finish) */
	size_t cflat;     /* capacity of flat */
	size_t nflat;
	galley_asset **assets;
	size_t nassets, cassets;
	galley_diag *diags;
	size_t ndiags, cdiags;
	bool finished;
	bool links_checked;       /* the first finish warned about dead links */
};

/* links.c: resolves every link of the finished articles (target, anchor;
 * see galley_doc_finish); warns about dead ones the first time.  0 or
 * GALLEY_ENOMEM. */
int galley_doc_resolve_links(galley_doc *doc);

/* links.c: whether `article` has a heading whose id is `id`. */
bool galley_doc_has_heading(const galley_article *article, const char *id);


#endif
