/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * arena.h: a bump allocator that owns everything of one document or one
 * layout run.  Private to libgalley (other stages may use it through this
 * header: it is infrastructure, not model internals).
 *
 * Memory comes in chunks that double in size up to ARENA_CHUNK_MAX; blocks
 * are never freed one by one, only all at once.  Built with
 * GALLEY_ARENA_DEBUG, every allocation is its own malloc, so that
 * AddressSanitizer and valgrind see overruns and use-after-free.
 */
#ifndef GALLEY_BASE_ARENA_H
#define GALLEY_BASE_ARENA_H

#include <stddef.h>

typedef struct galley_arena_chunk galley_arena_chunk;

typedef struct galley_arena {
	galley_arena_chunk *head;  /* most recent chunk first */
	size_t next_size;          /* bytes of the next chunk to allocate */
	size_t total;              /* bytes handed out, for statistics */
} galley_arena;

#define GALLEY_ARENA_INIT {.head = NULL, .next_size = 0, .total = 0}

/* Zeroed, max-aligned memory; NULL when malloc fails. */
void *galley_arena_alloc(galley_arena *arena, size_t size);

/* Frees every chunk; the arena is empty and reusable afterwards. */
void galley_arena_release(galley_arena *arena);

/* Moves every chunk of `from` into `into` (what was allocated from `from`
 * now lives as long as `into`); `from` is left empty.  `into` keeps
 * allocating from its own current chunk. */
void galley_arena_absorb(galley_arena *into, galley_arena *from);

#endif
