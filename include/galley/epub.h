/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * galley/epub.h: the document model as an EPUB 3 book.
 *
 * The book follows EPUB 3.3 and EPUB Accessibility 1.1 and passes
 * epubcheck without errors or warnings: one XHTML document per article
 * (named after the article's id, so reading positions survive a rebuild
 * that adds articles), a divider page per titled section when there are
 * several, a navigation document (table of contents, landmarks, and a
 * page-list when asked for), an NCX for EPUB 2 reading systems, the
 * images of the asset table, a stylesheet, a cover image (the given one,
 * or one galley draws) and, for a book of several articles or an issue
 * of a digest, a title page in text.  An issue (the publication has an
 * issue or a window of dates) is filed as a series: its title the
 * publication's, the issue its place, the editor its creator.
 *
 * Same document and options, same bytes: the identifier is derived from
 * the articles' identities (for an issue: the publication and the issue),
 * dates come from galley_doc_output_date (dcterms:modified takes its time
 * of day from the content), the zip entries carry fixed timestamps.  The writer reads the document only;
 * the files it opens itself are the options' cover, stylesheet and fonts.
 */
#ifndef GALLEY_EPUB_H
#define GALLEY_EPUB_H

#include "galley/export.h"

#include <stdbool.h>
#include <stddef.h>

#include "galley/model.h"
#include "galley/progress.h"

#ifdef __cplusplus
extern "C" {
#endif

GALLEY_API_BEGIN

/* Version of galley_epub_options these headers describe (see
 * galley_epub_options_init). */
#define GALLEY_EPUB_OPTIONS_VERSION 1

typedef struct galley_epub_options {
	unsigned version;       /* GALLEY_EPUB_OPTIONS_VERSION; set by the initialisers */
	const char *css_path;   /* a stylesheet replacing the default; NULL: default */
	bool embed_fonts;       /* embed every .ttf of the font folder with @font-face */
	const char *font_dir;   /* where the fonts are; NULL: $GALLEY_FONT_DIR, else the
	                           installed ones (galley_font_dir) */
	const char *cover_path; /* JPEG or PNG (detected by content); NULL: a generated
	                           cover image (PNG, 1600 x 2560: title, masthead,
	                           article titles), or an SVG cover page when HarfBuzz,
	                           librsvg or galley's fonts are missing */
	int toc_depth;          /* 1: articles only; n >= 2: also Markdown headings of
	                           level <= n.  Default 2 */
	bool page_list;         /* write page-break markers and a page-list from
	                           `pages` (nothing is written without them) */
	const galley_page_mark *pages; /* a layout's page map (galley_layout_page_map),
	                                  npages marks; NULL: none */
	size_t npages;
	galley_progress_fn progress; /* NULL: none; else called with stage "epub"
	                                after each article's XHTML is written */
	void *progress_ctx;     /* passed to progress */
} galley_epub_options;

#define GALLEY_EPUB_OPTIONS_INIT \
	{.version = GALLEY_EPUB_OPTIONS_VERSION, .css_path = NULL, .embed_fonts = false, \
	 .font_dir = NULL, .cover_path = NULL, .toc_depth = 2, .page_list = false, .pages = NULL, .npages = 0, \
	 .progress = NULL, .progress_ctx = NULL}

/* Fills `opts` with the defaults of version `version`, which is
 * GALLEY_EPUB_OPTIONS_VERSION of the headers the caller was built with.
 * Returns 0, or GALLEY_EUSAGE (and leaves `opts` alone) for a version
 * this library does not know or a NULL `opts`. */
int galley_epub_options_init(galley_epub_options *opts, unsigned version);

/* Writes the book to `path` atomically: a temporary file in the same
 * folder, written, synced and renamed over `path`; on failure the
 * temporary file is removed and an existing `path` is left untouched.
 * `doc` must be finished (galley_doc_finish); `opts` may be NULL for the
 * defaults.  Errors: GALLEY_EUSAGE (options of an unknown version),
 * GALLEY_EEMPTY (no article), GALLEY_EIO (the target, or the
 * cover/stylesheet cannot be read), GALLEY_EASSET (the cover is not JPEG
 * or PNG), GALLEY_EFONT (no font to embed), GALLEY_ELIMIT (an input file
 * over 64 MB), GALLEY_EEPUB (libzip), GALLEY_EINTERNAL (a page map
 * pointing at a missing article), GALLEY_ENOMEM.
 *
 * Side effects: the first call in the process loads libzip with dlopen
 * (GALLEY_EEPUB when it cannot be loaded); without cover_path, HarfBuzz,
 * librsvg and cairo are loaded (dlopen) and galley's serif fonts read
 * from the font folder to draw the cover; with embed_fonts or no cover_path
 * and no font_dir, the font folder is $GALLEY_FONT_DIR when set; a cover_path or css_path of "-"
 * reads standard input (galley_file_read); SOURCE_DATE_EPOCH is read when
 * no article has a date (galley_doc_output_date); worker threads write and
 * deflate chapters and are joined before it returns.  The document is only
 * read, so two writers (this one and galley_pdf_write on a layout of the
 * same document) may run at the same time. */
int galley_epub_write(const galley_doc *doc, const char *path,
                      const galley_epub_options *opts, galley_error *err);

/* Writes the book into a malloc'ed buffer: on success *out holds *len
 * bytes the caller frees with free(); on failure *out is NULL.  Same
 * contract, errors and side effects as galley_epub_write, except
 * GALLEY_EIO for the target. */
int galley_epub_write_memory(const galley_doc *doc, unsigned char **out,
                             size_t *len, const galley_epub_options *opts,
                             galley_error *err);

GALLEY_API_END

#ifdef __cplusplus
}
#endif

#endif
