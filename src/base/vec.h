/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * vec.h: growth of the plain C arrays every stage keeps (pointer, count,
 * capacity), with the overflow checks written once.
 */
#ifndef GALLEY_BASE_VEC_H
#define GALLEY_BASE_VEC_H

#include <stddef.h>

/* Grows the array *items of `elem`-byte elements, which has room for
 * *cap, so that it has room for at least `need` (doubling from 8).
 * Returns 0, or -1 when the size would overflow or realloc fails (the
 * array and *cap are then unchanged). */
int galley_vec_reserve(void **items, size_t *cap, size_t need, size_t elem);

/* The common case: room for one more element after `n`. */
#define GALLEY_VEC_PUSH_ROOM(items, cap, n) \
	galley_vec_reserve((void **)&(items), &(cap), (n) + 1, sizeof *(items))

#endif
