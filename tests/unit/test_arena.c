/*
 * test_arena.c: the bump allocator of src/model/arena.h: every block is
 * zeroed and max-aligned, in small malloc'ed chunks and in the large
 * chunks mapped on huge-page boundaries, and an arena is reusable after
 * a release.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model/arena.h"
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

int main(void)
{
	galley_arena a = GALLEY_ARENA_INIT;
	unsigned char *big;

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
