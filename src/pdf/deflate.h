/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * deflate.h: page content and font streams deflated on several threads
 * (private to src/pdf).
 *
 * libharu deflates every stream itself while saving, one after the other,
 * at zlib's default level, and for a long document that is a third of the
 * writer's time.  So the writer takes each page's content stream out of
 * libharu as raw bytes, deflates them and the embedded fonts here, spread
 * over worker threads, and hands the compressed bytes back with a
 * /FlateDecode filter.
 * zlib's output depends only on the input and the level, never on the
 * thread that ran it, so the PDF is byte-identical whatever the number of
 * threads.
 */
#ifndef GALLEY_PDF_DEFLATE_H
#define GALLEY_PDF_DEFLATE_H

#include <stddef.h>

#include "galley/error.h"

/* One stream: `data` (malloc'ed, `len` bytes) is replaced by its zlib
 * (RFC 1950) compression, also malloc'ed. */
typedef struct gp_blob {
	unsigned char *data;
	size_t len;   /* bytes */
} gp_blob;

/* libdeflate level for content streams and font subsets.  Measured on the
 * 100-article benchmark book (2 MB of content streams): libdeflate level 4
 * 704,582 bytes in 21 ms, level 6 682,350 bytes in 27 ms; zlib, before,
 * level 4 707,482 bytes in 32 ms, level 6 685,336 bytes in 57 ms.  Level 1
 * (libdeflate's fastest strategy) since December 2026: deflating was the
 * largest single part of a PDF run (14% of its samples) and its tail held
 * up the end of the file; level 1 took 100 articles from 83.6 to 77.4 ms
 * (CPU 134 to 125 ms; medians of 24 alternating runs) for a file 3.7%
 * larger (1,038,842 to 1,077,176 bytes); level 2 gained 1.6 ms for 1.3%. */
#define GP_DEFLATE_LEVEL 1

/* Deflates blobs in place as a stream, so that pages are deflated while
 * the next ones are painted: gp_deflater_start starts jobs - 1 helper
 * threads (jobs: 0 one per online CPU, at most 8; 1 none) over `blobs`,
 * which must not move; gp_deflater_ready(d, k) says
 * blobs [0, k) are complete; gp_deflater_finish deflates what is left on
 * the calling thread too, joins the helpers, frees d and returns the
 * first failure (same errors; every blob stays a valid malloc'ed buffer).
 * Which thread deflates a blob changes nothing in its bytes. */
typedef struct gp_deflater gp_deflater;
int gp_deflater_start(gp_deflater **out, gp_blob *blobs, int jobs, galley_error *err);
void gp_deflater_ready(gp_deflater *d, size_t upto);
int gp_deflater_finish(gp_deflater *d, galley_error *err);

#endif
