/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * absorb.h: moving what one document allocated into another.  Private to
 * libgalley: the reader maps articles into documents of their own on
 * worker threads (src/read/ahead.c) and hands their nodes to the real
 * document in reading order.
 */
#ifndef GALLEY_MODEL_ABSORB_H
#define GALLEY_MODEL_ABSORB_H

#include "galley/model.h"

/* Moves the nodes and strings of `from` into `into`, so that they live as
 * long as `into`, and frees `from`.  `from` must hold nothing else: no
 * section, article, asset, warning, page mark or metadata; otherwise
 * nothing is moved, `from` is left as it was and -1 is returned. */
int galley_doc_absorb(galley_doc *into, galley_doc *from);

#endif
