/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_arena.c: the bump allocator of src/base/arena.h: every block is
 * zeroed and max-aligned, in small malloc'ed chunks and in the large
 * chunks mapped from the kernel, and an arena is reusable after a
 * release; one arena absorbs another (galley_arena_absorb), and one
 * document another (galley_doc_absorb, src/model/absorb.h).
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "galley/model.h"
#include "model/absorb.h"
#include "base/arena.h"
#include "t.h"

/* Enough to go past the chunk size where chunks are mapped (2 MiB) and
 * past the largest chunk (4 MiB) several times. */
#define TOTAL ((size_t)24 << 20)

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* Fills an arena with blocks of varied sizes; checks each is zeroed and
 * aligned, then dirties it so that a reuse of the memory would show. */
static void fill(galley_arena *a, const char *round)
{
	size_t done = 0, bad_zero = 0, bad_align = 0, n = 0;
	size_t size = 1;

	while (done < TOTAL) {
		unsigned char *p = galley_arena_alloc(a, size);
		if (!p) {
			T_CHECK(0, "arena: an allocation failed");
			return;
		}
		bad_zero += !all_zero(p, size);
		bad_align += ((uintptr_t)p % alignof(max_align_t)) != 0;
		memset(p, 0xA5, size);
		done += size;
		n++;
		size = size * 7 % 65521 + 1;  /* 1 byte to 64 KB, scattered */
	}
	T_EQ_INT((int)bad_zero, 0, round);
	T_EQ_INT((int)bad_align, 0, round);
	T_CHECK(n > 100, round);
	T_CHECK(a->total >= TOTAL, round);
}

/* Blocks of both arenas keep their bytes once one absorbed the other; the
 * absorbed arena is empty and reusable; the absorbing one still allocates
 * and frees all of it at once (valgrind and ASan see a leak or a double
 * free otherwise). */
static void test_absorb(void)
{
	galley_arena into = GALLEY_ARENA_INIT, from = GALLEY_ARENA_INIT, none = GALLEY_ARENA_INIT;
	unsigned char *p[64], *q[64];
	size_t total, bad = 0;

	for (int i = 0; i < 64; i++) {
		p[i] = galley_arena_alloc(&into, 1000 + (size_t)i * 37);
		q[i] = galley_arena_alloc(&from, 3000 + (size_t)i * 91);
		if (p[i])
			memset(p[i], 0x11, 1000 + (size_t)i * 37);
		if (q[i])
			memset(q[i], 0x22, 3000 + (size_t)i * 91);
	}
	total = into.total + from.total;
	galley_arena_absorb(&into, &from);
	T_CHECK(from.head == NULL && from.total == 0, "absorb: the absorbed arena is empty");
	T_CHECK(into.total == total, "absorb: the totals add up");
	for (int i = 0; i < 64; i++) {
		unsigned char *r = galley_arena_alloc(&into, 500);
		if (r)
			memset(r, 0x33, 500);
		bad += !p[i] || p[i][0] != 0x11 || p[i][999 + i * 37] != 0x11;
		bad += !q[i] || q[i][0] != 0x22 || q[i][2999 + i * 91] != 0x22;
	}
	T_EQ_INT((int)bad, 0, "absorb: every block keeps its bytes, new ones included");
	galley_arena_absorb(&into, &none);
	T_CHECK(into.total >= total, "absorb: an empty arena adds nothing");
	galley_arena_absorb(&none, &into);
	T_CHECK(into.head == NULL && none.head != NULL, "absorb: into an empty arena");
	galley_arena_release(&none);
	galley_arena_release(&from);
}

static void test_doc_absorb(void)
{
	galley_doc *doc = galley_doc_new(), *part = galley_doc_new(), *warned = galley_doc_new();
	galley_pos pos = {"x.md", 1, 1};
	char *s = part ? galley_doc_strdup(part, "kept after the absorb") : NULL;

	T_CHECK(doc && part && warned && s, "doc absorb: documents made");
	if (!doc || !part || !warned || !s)
		return;
	T_EQ_INT(galley_doc_absorb(doc, part), 0, "doc absorb: a document of nodes only is absorbed");
	T_CHECK(strcmp(s, "kept after the absorb") == 0, "doc absorb: its strings live on");
	T_EQ_INT(galley_doc_warn(warned, GALLEY_WARNING, &pos, "a warning"), 0, "doc absorb: warned");
	T_EQ_INT(galley_doc_absorb(doc, warned), -1, "doc absorb: a document with a warning is refused");
	T_EQ_INT((int)galley_doc_ndiags(warned), 1, "doc absorb: the refused document is untouched");
	T_EQ_INT(galley_doc_absorb(doc, doc), -1, "doc absorb: not into itself");
	galley_doc_free(warned);
	galley_doc_free(doc);
}

int main(void)
{
	galley_arena a = GALLEY_ARENA_INIT;
	unsigned char *big;

	test_absorb();
	test_doc_absorb();

	fill(&a, "arena: blocks zeroed and aligned");
	galley_arena_release(&a);
	T_CHECK(a.head == NULL && a.total == 0, "arena: empty after release");
	fill(&a, "arena: blocks zeroed and aligned after a release");
	/* one block larger than the largest chunk */
	big = galley_arena_alloc(&a, (size_t)9 << 20);
	T_CHECK(big != NULL, "arena: a block larger than a chunk");
	if (big) {
		T_CHECK(all_zero(big, (size_t)9 << 20), "arena: a block larger than a chunk is zeroed");
		memset(big, 1, (size_t)9 << 20);
	}
	galley_arena_release(&a);
	/* an absurd size fails cleanly */
	T_CHECK(galley_arena_alloc(&a, SIZE_MAX - 8) == NULL, "arena: an absurd size fails");
	galley_arena_release(&a);
	return t_done();
}
