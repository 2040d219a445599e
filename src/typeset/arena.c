/*
 * arena.c: the layout's arena and small array helpers.
 *
 * Measured words, line contents and strings live until the layout is
 * freed, so they are carved from large chunks and released together.  With
 * GALLEY_ARENA_DEBUG each allocation is its own chunk, so that sanitizers
 * see every one.
 */
#include <stdlib.h>
#include <string.h>

#include "typeset/internal.h"

/* Chunk size: big enough that malloc is rare, small enough to waste little
 * on a one-paragraph document. */
#define GL_CHUNK_SIZE (256u * 1024u)

struct gl_chunk {
	struct gl_chunk *next;
	size_t size;
	max_align_t data[];
};

void *gl_arena_alloc(gl_arena *a, size_t size)
{
	const size_t align = sizeof(max_align_t);
	size_t need = (size + align - 1) / align * align;
	void *p;

	if (need == 0)
		need = align;
#ifndef GALLEY_ARENA_DEBUG
	if (a->chunks && a->cap - a->used >= need) {
		p = (char *)a->chunks->data + a->used;
		a->used += need;
		memset(p, 0, size);
		return p;
	}
#endif
	{
		size_t chunk = need;
		struct gl_chunk *c;
#ifndef GALLEY_ARENA_DEBUG
		if (chunk < GL_CHUNK_SIZE)
			chunk = GL_CHUNK_SIZE;
#endif
		c = malloc(sizeof *c + chunk);
		if (!c)
			return NULL;
		c->size = chunk;
		if (a->chunks && chunk == need) {
			/* A big block: keep filling the current chunk afterwards. */
			c->next = a->chunks->next;
			a->chunks->next = c;
		} else {
			c->next = a->chunks;
			a->chunks = c;
			a->cap = chunk;
			a->used = need;
		}
		memset(c->data, 0, size);
		return c->data;
	}
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
	struct gl_chunk *c = a->chunks;

	while (c) {
		struct gl_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->chunks = NULL;
	a->used = a->cap = 0;
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
