/*
 * galley/epub.h: the document model as an EPUB 3 book.
 *
 * The book follows EPUB 3.3 and EPUB Accessibility 1.1 and passes
 * epubcheck without errors or warnings: one XHTML document per article
 * (named after the article's id, so reading positions survive a rebuild
 * that adds articles), a divider page per titled section when there are
 * several, a navigation document (table of contents, landmarks, and a
 * page-list when asked for), an NCX for EPUB 2 reading systems, the
 * images of the asset table, a stylesheet, a cover.
 *
 * Same document and options, same bytes: the identifier is derived from
 * the articles' identities, dates come from galley_doc_output_date, the
 * zip entries carry fixed timestamps.  The writer reads the document only;
 * the files it opens itself are the options' cover, stylesheet and fonts.
 */
#ifndef GALLEY_EPUB_H
#define GALLEY_EPUB_H

#include <stdbool.h>
#include <stddef.h>

#include "galley/model.h"
#include "galley/progress.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct galley_epub_options {
	const char *css_path;   /* a stylesheet replacing the default; NULL: default */
	bool embed_fonts;       /* embed every .ttf of the font folder with @font-face */
	const char *font_dir;   /* where the fonts are; NULL: $GALLEY_FONT_DIR, else the
	                           source tree's fonts/, else the installed ones */
	const char *cover_path; /* JPEG or PNG (detected by content); NULL: a generated
	                           cover page (inline SVG: title, dates, article titles) */
	int toc_depth;          /* 1: articles only; n >= 2: also Markdown headings of
	                           level <= n.  Default 2 */
	bool page_list;         /* write page-break markers and a page-list from the
	                           document's page map (galley_layout_new sets it);
	                           nothing is written when the map is empty */
	galley_progress_fn progress; /* NULL: none; else called with stage "epub"
	                                after each article's XHTML is written */
	void *progress_ctx;     /* passed to progress */
} galley_epub_options;

#define GALLEY_EPUB_OPTIONS_INIT {NULL, false, NULL, NULL, 2, false, NULL, NULL}

/* Writes the book to `path` atomically: a temporary file in the same
 * folder, written, synced and renamed over `path`; on failure the
 * temporary file is removed and an existing `path` is left untouched.
 * `doc` must be finished (galley_doc_finish); `opts` may be NULL for the
 * defaults.  Errors: GALLEY_EEMPTY (no article), GALLEY_EIO (the target,
 * or the cover/stylesheet cannot be read), GALLEY_EASSET (the cover is not
 * JPEG or PNG), GALLEY_EFONT (no font to embed), GALLEY_ELIMIT (an input
 * file over 64 MB), GALLEY_EEPUB (libzip), GALLEY_EINTERNAL (a page map
 * pointing at a missing article), GALLEY_ENOMEM. */
int galley_epub_write(const galley_doc *doc, const char *path,
                      const galley_epub_options *opts, galley_error *err);

/* Writes the book into a malloc'ed buffer: on success *out holds *len
 * bytes the caller frees with free(); on failure *out is NULL.  Same
 * contract and errors as galley_epub_write, except GALLEY_EIO for the
 * target. */
int galley_epub_write_memory(const galley_doc *doc, unsigned char **out,
                             size_t *len, const galley_epub_options *opts,
                             galley_error *err);

#ifdef __cplusplus
}
#endif

#endif
