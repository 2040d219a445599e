/*
 * galley/pdf.h: a layout painted into PDF with libharu.
 */
#ifndef GALLEY_PDF_H
#define GALLEY_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "galley/typeset.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct galley_pdf_options {
	bool compress; /* deflate content streams (default on) */
	int jobs;      /* threads deflating page contents: 0 one per CPU (at
	                  most 8), 1 none; the bytes are the same for any value */
} galley_pdf_options;

#define GALLEY_PDF_OPTIONS_INIT {true, 0}

/* Writes the PDF to `path` atomically: into a temporary file beside it,
 * renamed into place only when complete.  On error nothing is left behind
 * and an existing file at `path` is untouched. */
int galley_pdf_write(const galley_layout *layout, const char *path,
                     const galley_pdf_options *opts, galley_error *err);

/* Writes the PDF into a malloc'ed buffer the caller frees with free(). */
int galley_pdf_write_memory(const galley_layout *layout, unsigned char **out,
                            size_t *len, const galley_pdf_options *opts,
                            galley_error *err);

#ifdef __cplusplus
}
#endif

#endif
