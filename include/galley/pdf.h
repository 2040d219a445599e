/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * galley/pdf.h: a layout painted into PDF with libharu.
 */
#ifndef GALLEY_PDF_H
#define GALLEY_PDF_H

#include "galley/export.h"

#include <stdbool.h>
#include <stddef.h>

#include "galley/typeset.h"

#ifdef __cplusplus
extern "C" {
#endif

GALLEY_API_BEGIN

/* Version of galley_pdf_options these headers describe (see
 * galley_pdf_options_init). */
#define GALLEY_PDF_OPTIONS_VERSION 1

typedef struct galley_pdf_options {
	unsigned version; /* GALLEY_PDF_OPTIONS_VERSION; set by the initialisers */
	bool compress;    /* deflate content streams (default on) */
	int jobs;         /* threads deflating page contents: 0 one per CPU (at
	                     most 8), 1 none; the bytes are the same for any value */
} galley_pdf_options;

#define GALLEY_PDF_OPTIONS_INIT \
	{.version = GALLEY_PDF_OPTIONS_VERSION, .compress = true, .jobs = 0}

/* Fills `opts` with the defaults of version `version`, which is
 * GALLEY_PDF_OPTIONS_VERSION of the headers the caller was built with:
 *
 *   galley_pdf_options o;
 *   galley_pdf_options_init(&o, GALLEY_PDF_OPTIONS_VERSION);
 *   o.compress = false;
 *
 * Returns 0, or GALLEY_EUSAGE (and leaves `opts` alone) for a version
 * this library does not know or a NULL `opts`. */
int galley_pdf_options_init(galley_pdf_options *opts, unsigned version);

/* Writes the PDF to `path` atomically: into a temporary file beside it,
 * renamed into place only when complete.  On error nothing is left behind
 * and an existing file at `path` is untouched.  `opts` may be NULL for
 * the defaults.  Errors: GALLEY_EUSAGE (options of an unknown version),
 * GALLEY_EIO, GALLEY_EPDF (libharu), GALLEY_EFONT, GALLEY_ENOMEM.
 *
 * Side effects: the first call in the process loads libharu and HarfBuzz
 * with dlopen (GALLEY_EPDF or GALLEY_EFONT when they cannot be loaded);
 * with jobs != 1, threads deflate the pages and are joined before it
 * returns. */
int galley_pdf_write(const galley_layout *layout, const char *path,
                     const galley_pdf_options *opts, galley_error *err);

/* Writes the PDF into a malloc'ed buffer the caller frees with free().
 * Same contract, errors and side effects as galley_pdf_write, except the
 * file. */
int galley_pdf_write_memory(const galley_layout *layout, unsigned char **out,
                            size_t *len, const galley_pdf_options *opts,
                            galley_error *err);

GALLEY_API_END

#ifdef __cplusplus
}
#endif

#endif
