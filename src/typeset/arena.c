/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * arena.c: the typesetter's allocation helpers.
 *
 * Measured words, line contents and strings live until the layout is
 * freed, so they come from the library's arena (base/arena.h), released
 * all at once; with GALLEY_ARENA_DEBUG each allocation is its own malloc,
 * so that sanitizers see every one.  Growing arrays (pages, vertical
 * lists) are plain realloc'ed memory.
 */
#include <stdlib.h>
#include <string.h>

#include "typeset/internal.h"

void *gl_arena_alloc(gl_arena *a, size_t size)
{
	return galley_arena_alloc(a, size);
}

char *gl_arena_strndup(gl_arena *a, const char *s, size_t len)
{
	char *p;

	if (!s)
		return NULL;
	p = gl_arena_alloc(a, len + 1);
	if (p)
		memcpy(p, s, len);
	return p;
}

void gl_arena_free(gl_arena *a)
{
	galley_arena_release(a);
}

gl_vitem *gl_vlist_push(gl_vlist *v)
{
	gl_vitem *it;

	if (galley_vec_reserve((void **)&v->items, &v->cap, v->n + 1, sizeof *v->items) < 0)
		return NULL;
	it = &v->items[v->n++];
	memset(it, 0, sizeof *it);
	return it;
}

void gl_vlist_clear(gl_vlist *v)
{
	v->n = 0;
	gl_arena_free(&v->scratch);
	if (v->foot)
		gl_vlist_clear(v->foot);
	v->notes = NULL;  /* it was in scratch */
	v->nnotes = 0;
}

void gl_vlist_free(gl_vlist *v)
{
	gl_vlist_clear(v);
	free(v->items);
	v->items = NULL;
	v->cap = 0;
	if (v->foot) {
		gl_vlist_free(v->foot);
		free(v->foot);
		v->foot = NULL;
	}
}

