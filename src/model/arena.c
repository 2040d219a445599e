/*
 * arena.c: the bump allocator of arena.h.
 */
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/arena.h"

/* First chunk: enough for a short article without a second malloc. */
#define ARENA_CHUNK_MIN (16u * 1024u)
/* Chunks stop doubling here so that a huge document wastes at most this
 * much in its last chunk. */
#define ARENA_CHUNK_MAX (4u * 1024u * 1024u)

#define ARENA_ALIGN (alignof(max_align_t))

struct galley_arena_chunk {
	galley_arena_chunk *next;
	size_t size;  /* usable bytes in data */
	size_t used;
	alignas(max_align_t) unsigned char data[];
};

void *galley_arena_alloc(galley_arena *arena, size_t size)
{
#ifdef GALLEY_ARENA_DEBUG
	galley_arena_chunk *c;
	if (size > SIZE_MAX - sizeof *c)
		return NULL;
	c = calloc(1, sizeof *c + (size ? size : 1));
	if (c == NULL)
		return NULL;
	c->size = c->used = size;
	c->next = arena->head;
	arena->head = c;
	arena->total += size;
	return c->data;
#else
	galley_arena_chunk *c = arena->head;
	size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	void *p;

	if (size > SIZE_MAX / 2)
		return NULL;
	if (c == NULL || c->size - c->used < need) {
		size_t chunk = arena->next_size ? arena->next_size : ARENA_CHUNK_MIN;
		if (chunk < need)
			chunk = need;
		c = malloc(sizeof *c + chunk);
		if (c == NULL)
			return NULL;
		c->size = chunk;
		c->used = 0;
		c->next = arena->head;
		arena->head = c;
		if (arena->next_size < ARENA_CHUNK_MAX)
			arena->next_size = arena->next_size ? arena->next_size * 2 : ARENA_CHUNK_MIN * 2;
	}
	p = c->data + c->used;
	c->used += need;
	arena->total += size;
	memset(p, 0, size);
	return p;
#endif
}

void galley_arena_release(galley_arena *arena)
{
	galley_arena_chunk *c = arena->head;
	while (c != NULL) {
		galley_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	arena->head = NULL;
	arena->next_size = 0;
	arena->total = 0;
}
