/*
 * galley/epub.h: the document model as an EPUB 3 book.
 */
#ifndef GALLEY_EPUB_H
#define GALLEY_EPUB_H

#include <stdbool.h>
#include <stddef.h>

#include "galley/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct galley_epub_options {
	const char *css_path;   /* a stylesheet replacing the default; NULL: default */
	bool embed_fonts;       /* embed the PDF's fonts with @font-face */
	const char *font_dir;   /* where the fonts are; NULL: default */
	const char *cover_path; /* JPEG or PNG; NULL: a generated cover page */
	int toc_depth;          /* 1: articles only, 2: + h1/h2 ... default 2 */
	bool page_list;         /* write page-break markers from the doc's page map */
} galley_epub_options;

#define GALLEY_EPUB_OPTIONS_INIT {NULL, false, NULL, NULL, 2, false}

/* Writes the book to `path` atomically (temporary file, then rename). */
int galley_epub_write(const galley_doc *doc, const char *path,
                      const galley_epub_options *opts, galley_error *err);

/* Writes the book into a malloc'ed buffer the caller frees with free(). */
int galley_epub_write_memory(const galley_doc *doc, unsigned char **out,
                             size_t *len, const galley_epub_options *opts,
                             galley_error *err);

#ifdef __cplusplus
}
#endif

#endif
