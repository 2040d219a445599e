/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * galley/progress.h: the progress callback of the long-running stages.
 *
 * Typesetting a book of a thousand articles takes a few seconds; a program
 * that wants to show how far along it is (the command line draws a bar on a
 * terminal) sets the `progress` member of galley_layout_options or
 * galley_epub_options.  The library never prints anything itself.
 */
#ifndef GALLEY_PROGRESS_H
#define GALLEY_PROGRESS_H

#include "galley/export.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

GALLEY_API_BEGIN

/* Called by a stage as its work advances: `stage` names it ("layout",
 * "epub"; a static string), `done` of `total` units (articles) are
 * finished, 0 <= done <= total.  It is called from the thread that called
 * the stage's function, never from a worker thread, with `done` never
 * decreasing, and at least once with done == total when the stage
 * succeeds.  `ctx` is the options' progress_ctx.  It must not call back
 * into galley on the same document. */
typedef void (*galley_progress_fn)(void *ctx, const char *stage, size_t done, size_t total);

GALLEY_API_END

#ifdef __cplusplus
}
#endif

#endif
