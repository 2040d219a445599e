/*
 * tune.c: a heap on transparent huge pages for the `galley` command.
 *
 * Typesetting a digest allocates hundreds of megabytes in small pieces
 * that live until the output is written.  On a virtual machine, the page
 * faults that first touch this memory cost as much as the line breaking
 * itself: perf on 100 articles to PDF counted 7,000 faults and put 17% of
 * the run in the kernel's fault path; 20% for 1,000 articles to EPUB.
 * Backed by 2 MiB pages, the same memory takes one fault per 2 MiB
 * instead of one per 4 KiB.
 *
 * glibc's malloc serves the main thread from the brk heap.  This file
 * grows that heap once to GALLEY_TUNE_RESERVE (address space only: a
 * page costs memory when it is first written), gives it back to malloc
 * with trimming off so that it stays mapped, and advises the range as
 * huge-page memory.  Allocations of the main thread then land in it.
 * Worker threads keep their own malloc arenas; the library's bump arenas
 * (src/model/arena.c) advise their large chunks themselves.
 *
 * Measured on the benchmark corpora (bench/, 2-core VM): one article to
 * PDF 1,600 faults to 630, 100 articles 5,200 to 1,400, with a fifth less
 * CPU time; the output bytes do not change (tests/e2e/jobs.sh).  glibc's
 * own switch for this, GLIBC_TUNABLES=glibc.malloc.hugetlb=1, is read only
 * at start-up, and re-executing the program to set it costs a process
 * start, which is most of a one-article run.
 */
#include <stdint.h>
#include <stdlib.h>

#include "cli/tune.h"

#if defined(__GLIBC__) && defined(__linux__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

/* Heap reserved up front: a thousand-article digest peaks under 200 MB. */
#define GALLEY_TUNE_RESERVE ((size_t)256 << 20)
/* Pieces it is reserved in: below malloc's largest mmap threshold
 * (32 MiB on 64-bit), so that they come from the brk heap. */
#define GALLEY_TUNE_PIECE ((size_t)16 << 20)
#define GALLEY_TUNE_PIECES (GALLEY_TUNE_RESERVE / GALLEY_TUNE_PIECE)
/* Growth step of the heap past the reserve: a multiple of a huge page. */
#define GALLEY_TUNE_TOP_PAD (16 << 20)
/* Transparent huge page size on x86-64 and arm64 (4 KiB base pages). */
#define GALLEY_TUNE_HUGE ((uintptr_t)2 << 20)
#endif

void galley_cli_tune_heap(void)
{
#if defined(__GLIBC__) && defined(__linux__) && !defined(__SANITIZE_ADDRESS__)
	const char *off = getenv("GALLEY_NO_TUNE");
	void *piece[GALLEY_TUNE_PIECES];
	uintptr_t start, end;
	size_t n;

	if (off && *off)
		return;
	/* keep freed memory mapped, serve large blocks from the heap */
	if (mallopt(M_TRIM_THRESHOLD, (int)(GALLEY_TUNE_RESERVE * 2)) != 1 ||
	    mallopt(M_MMAP_THRESHOLD, (int)(GALLEY_TUNE_PIECE * 2)) != 1 ||
	    mallopt(M_TOP_PAD, GALLEY_TUNE_TOP_PAD) != 1)
		return;
	start = (uintptr_t)sbrk(0);
	for (n = 0; n < GALLEY_TUNE_PIECES; n++)
		if ((piece[n] = malloc(GALLEY_TUNE_PIECE)) == NULL)
			break;
	end = (uintptr_t)sbrk(0);
	while (n > 0)
		free(piece[--n]);
	if (start == (uintptr_t)-1 || end == (uintptr_t)-1 || end <= start)
		return;
	start = (start + GALLEY_TUNE_HUGE - 1) & ~(GALLEY_TUNE_HUGE - 1);
	end &= ~(GALLEY_TUNE_HUGE - 1);
	/* no huge pages (kernel option off): an ordinary heap, nothing lost */
	if (end > start)
		(void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#endif
}
