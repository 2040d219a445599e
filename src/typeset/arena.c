/*
 * arena.c: the typesetter's allocation helpers.
 *
 * Measured words, line contents and strings live until the layout is
 * freed, so they come from the library's arena (model/arena.h), released
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

int gl_grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t ncap = *cap ? *cap : 8;
	void *np;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	np = realloc(*p, ncap * size);
	if (!np)
		return -1;
	*p = np;
	*cap = ncap;
	return 0;
}

gl_vitem *gl_vlist_push(gl_vlist *v)
{
	gl_vitem *it;

	if (gl_grow((void **)&v->items, &v->cap, v->n + 1, sizeof *v->items) < 0)
		return NULL;
	it = &v->items[v->n++];
	memset(it, 0, sizeof *it);
	return it;
}

void gl_vlist_clear(gl_vlist *v)
{
	v->n = 0;
	gl_arena_free(&v->scratch);
}

void gl_vlist_free(gl_vlist *v)
{
	gl_vlist_clear(v);
	free(v->items);
	v->items = NULL;
	v->cap = 0;
}

uint32_t gl_utf8_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s + *i;
	size_t left = len - *i;
	uint32_t c;
	size_t n;

	if (u[0] < 0x80) {
		*i += 1;
		return u[0];
	}
	if ((u[0] & 0xE0) == 0xC0) { c = u[0] & 0x1F; n = 2; }
	else if ((u[0] & 0xF0) == 0xE0) { c = u[0] & 0x0F; n = 3; }
	else if ((u[0] & 0xF8) == 0xF0) { c = u[0] & 0x07; n = 4; }
	else { *i += 1; return 0xFFFD; }
	if (n > left) {
		*i += 1;
		return 0xFFFD;
	}
	for (size_t k = 1; k < n; k++) {
		if ((u[k] & 0xC0) != 0x80) {
			*i += 1;
			return 0xFFFD;
		}
		c = (c << 6) | (u[k] & 0x3F);
	}
	*i += n;
	return c;
}
