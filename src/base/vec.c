/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * vec.c: array growth (vec.h).
 */
#include "base/vec.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* The first capacity of an array that grows from nothing. */
#define VEC_INITIAL_CAP 8

int galley_vec_reserve(void **items, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return 0;
	/* no object may be larger than PTRDIFF_MAX bytes: refused before any
	 * allocator sees the size */
	if (elem == 0 || need > PTRDIFF_MAX / elem)
		return -1;
	ncap = *cap ? *cap : VEC_INITIAL_CAP;
	while (ncap < need)
		ncap = ncap > PTRDIFF_MAX / 2 / elem ? need : ncap * 2;
	p = realloc(*items, ncap * elem);
	if (p == NULL)
		return -1;
	*items = p;
	*cap = ncap;
	return 0;
}
