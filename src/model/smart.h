/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * smart.h: typographic punctuation for display strings, private to
 * src/model.
 */
#ifndef GALLEY_MODEL_SMART_H
#define GALLEY_MODEL_SMART_H

#include <stddef.h>

#include "galley/model.h"

/* Room galley_smart_punct needs for `len` bytes of input: a straight
 * quote (one byte) becomes a curly one (three). */
#define GALLEY_SMART_ROOM(len) ((len) * 3 + 1)

/* Writes `s` (len bytes of UTF-8) to `out` with the punctuation that
 * cmark-gfm's smart option gives a paragraph of the same plain text:
 * straight quotes curled by the CommonMark rules of flanking delimiter
 * runs, "--" and "---" (and longer runs) as en and em dashes, "..." as an
 * ellipsis.  Nothing else changes.  `out` has room for
 * GALLEY_SMART_ROOM(len) bytes; it is NUL-terminated.  Returns the bytes
 * written.  No allocation. */
size_t galley_smart_punct(const char *s, size_t len, char *out);

/* `s` with typographic punctuation: `s` itself when nothing changes (or
 * it is NULL), else a copy in the document's arena.  NULL with `*oom` set
 * when memory runs out. */
const char *galley_smart_string(galley_doc *doc, const char *s, bool *oom);

#endif
