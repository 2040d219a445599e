/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * arena.c: the bump allocator of arena.h.
 */
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "base/arena.h"

/* First chunk: enough for a short article without a second malloc. */
#define ARENA_CHUNK_MIN (16u * 1024u)
/* Chunks stop doubling here so that a huge document wastes at most this
 * much in its last chunk. */
#define ARENA_CHUNK_MAX (4u * 1024u * 1024u)

#define ARENA_ALIGN (alignof(max_align_t))

/* Chunks of at least this many bytes are mapped from the kernel: they
 * arrive zeroed, so their allocations skip the memset.  They are not
 * advised as transparent huge pages: a run after a pause (a cron job, an
 * editor's one command) is slower with them on a virtual machine whose
 * host takes back free 2 MiB blocks, since a huge page then faults in 512
 * host pages at once. */
#define ARENA_MAP_MIN ((size_t)2 << 20)
#define ARENA_PAGE ((size_t)4096)

struct galley_arena_chunk {
	galley_arena_chunk *next;
	size_t size;  /* usable bytes in data */
	size_t used;
	size_t mapped; /* bytes mapped for the chunk (munmap), 0 when malloc'ed */
	alignas(max_align_t) unsigned char data[];
};

#ifndef GALLEY_ARENA_DEBUG
/* A chunk of `bytes` (header included, a multiple of ARENA_PAGE) mapped
 * from the kernel, or NULL (the caller then uses malloc). */
static galley_arena_chunk *map_chunk(size_t bytes)
{
#if defined(__linux__)
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	galley_arena_chunk *c;

	if (p == MAP_FAILED)
		return NULL;
	c = p;
	c->mapped = bytes;
	return c;
#else
	(void)bytes;
	return NULL;
#endif
}
#endif

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
		c = NULL;
		if (chunk >= ARENA_MAP_MIN) {
			size_t bytes = (sizeof *c + chunk + ARENA_PAGE - 1) & ~(ARENA_PAGE - 1);
			if ((c = map_chunk(bytes)) != NULL)
				chunk = bytes - sizeof *c;
		}
		if (c == NULL) {
			c = malloc(sizeof *c + chunk);
			if (c == NULL)
				return NULL;
			c->mapped = 0;
		}
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
	if (!c->mapped)  /* mapped memory is zero and handed out once */
		memset(p, 0, size);
	return p;
#endif
}

void galley_arena_release(galley_arena *arena)
{
	galley_arena_chunk *c = arena->head;
	while (c != NULL) {
		galley_arena_chunk *next = c->next;
#if defined(__linux__)
		if (c->mapped) {
			munmap(c, c->mapped);
			c = next;
			continue;
		}
#endif
		free(c);
		c = next;
	}
	arena->head = NULL;
	arena->next_size = 0;
	arena->total = 0;
}

void galley_arena_absorb(galley_arena *into, galley_arena *from)
{
	galley_arena_chunk *last = from->head;

	if (last == NULL)
		return;
	while (last->next != NULL)
		last = last->next;
	/* behind into's current chunk, which stays the one allocated from */
	if (into->head != NULL) {
		last->next = into->head->next;
		into->head->next = from->head;
	} else {
		into->head = from->head;
		if (into->next_size < from->next_size)
			into->next_size = from->next_size;
	}
	into->total += from->total;
	from->head = NULL;
	from->next_size = 0;
	from->total = 0;
}
