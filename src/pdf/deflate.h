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
 * level 4 707,482 bytes in 32 ms, level 6 685,336 bytes in 57 ms. */
#define GP_DEFLATE_LEVEL 4

/* Deflates every blob in place, on up to `jobs` threads (0: one per
 * online CPU, at most 8; 1: on the calling thread only).  On error every
 * blob is still a valid malloc'ed buffer (raw or compressed) for the
 * caller to free; GALLEY_ENOMEM or GALLEY_EINTERNAL. */
int gp_deflate_blobs(gp_blob *blobs, size_t n, int jobs, galley_error *err);

#endif
