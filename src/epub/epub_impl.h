/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * epub_impl.h: what the files of src/epub share, private to that folder.
 *
 * epub.c plans a book (galley_epub_book: the content documents in reading
 * order, where each page-break marker goes, the fonts, the cover) and then
 * asks the writers to serialize each part: xhtml.c the chapters and section
 * pages, package.c the OPF, navigation document, NCX and cover page, css.c
 * the stylesheet.  zip.c puts the files into the container.
 */
#ifndef GALLEY_EPUB_IMPL_H
#define GALLEY_EPUB_IMPL_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "galley/epub.h"
#include "galley/model.h"
#include "epub/xml.h"

/* The folder of the package inside the container, and paths in it. */
#define GALLEY_EPUB_ROOT "EPUB/"
#define GALLEY_EPUB_CSS "style.css"
#define GALLEY_EPUB_NAV "nav.xhtml"
#define GALLEY_EPUB_NCX "toc.ncx"
#define GALLEY_EPUB_COVER "cover.xhtml"
#define GALLEY_EPUB_TITLEPAGE "titlepage.xhtml"
#define GALLEY_EPUB_WRAP "wrap.svg"

/* A file of the container. */
typedef struct galley_epub_entry {
	char *name;                 /* path in the container (malloc'ed) */
	const unsigned char *bytes; /* the content */
	size_t len;                 /* bytes */
	unsigned char *owned;       /* bytes, when the entry owns them; else NULL */
	bool store;                 /* uncompressed: only "mimetype" */
	/* Already deflated by the caller (galley_epub_deflate), owned by the
	 * entry; NULL: galley_epub_zip deflates the bytes itself. */
	unsigned char *deflated;
	size_t deflated_len;
	uint32_t crc;               /* CRC-32 of bytes, with deflated */
} galley_epub_entry;

/* A content document of the spine, in reading order (after the cover and
 * the navigation document). */
typedef struct galley_epub_doc {
	char *href;                      /* relative to the package folder: "text/x.xhtml" */
	char *id;                        /* manifest id (an XML NCName) */
	const galley_article *article;   /* a chapter; NULL for a section page */
	const galley_section *section;   /* the section it belongs to */
} galley_epub_doc;

/* A page-break marker: where page `index` (from 0) of the page map goes. */
typedef struct galley_epub_page {
	const galley_page_mark *mark;
	size_t index;          /* position in the page map; the id is "page_<index+1>" */
	const char *href;      /* document holding the marker (borrowed) */
	bool placed;           /* set by the writer of that document */
} galley_epub_page;

/* An embedded font face. */
typedef struct galley_epub_font {
	char *file;      /* file name, also its name under fonts/ in the package */
	char *family;    /* CSS family: the file name up to the first '-' */
	bool bold, italic;
	bool mono;       /* a monospaced family ("Mono" in its name) */
} galley_epub_font;

typedef struct galley_epub_book {
	const galley_doc *doc;
	const galley_epub_options *opts;
	char lang[64];                 /* BCP 47 tag of the book */
	char *identifier;              /* dc:identifier (malloc'ed) */
	char modified[32];             /* dcterms:modified, CCYY-MM-DDThh:mm:ssZ */
	galley_epub_doc *docs;         /* chapters and section pages, reading order */
	size_t ndocs;
	galley_epub_page *pages;       /* one per page-map mark, when page_list */
	size_t npages;
	galley_epub_font *fonts;       /* embedded fonts, sorted by file name */
	size_t nfonts;
	const char *cover_media_type;  /* "image/jpeg" or "image/png"; NULL: no cover image */
	const char *cover_image;       /* href of the cover image, or NULL: the cover
	                                  page draws the cover in SVG */
	bool cover_generated;          /* the cover image is galley's (cover.c) */
	bool titlepage;                /* a title page follows the cover */
	bool periodical;               /* an issue of a series: a digest with an
	                                  issue or a date window */
	bool has_images;               /* some image is in the book (visual content) */
	bool all_alt;                  /* every image has alternative text */
	bool code_lines;               /* code blocks: wrap.svg is in the book */
	galley_xml classes;            /* " a b c ": the classes the written
	                                  documents use (galley_epub_css_classes) */
} galley_epub_book;

/* ---- xhtml.c ----------------------------------------------------------- */

/* Opens an XHTML content document: XML declaration, doctype, <html> with
 * lang and xml:lang, <head> with `title` and the stylesheet, found in the
 * folder `up` ("" or "../"), and <body> with the given attributes markup
 * (may be ""). */
void galley_epub_xhtml_begin(galley_xml *x, const char *lang, const char *title, const char *up,
                             const char *body_attrs);

/* Closes what galley_epub_xhtml_begin opened. */
void galley_epub_xhtml_end(galley_xml *x);

/* Writes the page-break marker of `page`. */
void galley_epub_xhtml_pagebreak(galley_xml *x, const galley_epub_page *page);

/* The plain text of an inline list (breaks as spaces) appended to `x`
 * unescaped (a scratch buffer for labels). */
void galley_epub_inline_plain(galley_xml *x, const galley_inline *in);

/* The language of an article's document: its own when valid, else the
 * book's.  Returns a borrowed string. */
const char *galley_epub_article_lang(const galley_epub_book *b, const galley_article *a);

/* Whether `tag` has the shape of a BCP 47 language tag. */
bool galley_epub_valid_lang(const char *tag);

/* Writes chapter `d` (d->article != NULL) as an XHTML document. */
void galley_epub_write_chapter(galley_epub_book *b, const galley_epub_doc *d, galley_xml *x);

/* Writes the divider page of section `d` (d->article == NULL). */
void galley_epub_write_section_page(galley_epub_book *b, const galley_epub_doc *d, galley_xml *x);

/* The file name of the chapter of `a` (relative to another chapter: all
 * are in one folder), or NULL when the book has none.  Borrowed. */
const char *galley_epub_chapter_file(const galley_epub_book *b, const galley_article *a);

/* ---- package.c --------------------------------------------------------- */

/* The package document, the navigation document, the NCX and the cover
 * page.  Errors only through x->failed. */
void galley_epub_write_opf(const galley_epub_book *b, galley_xml *x);
void galley_epub_write_nav(galley_epub_book *b, galley_xml *x);
void galley_epub_write_ncx(const galley_epub_book *b, galley_xml *x);
void galley_epub_write_cover(const galley_epub_book *b, galley_xml *x);

/* The text title page: title, subtitle, issue, dates, editor, publisher
 * (for a book of several articles or an issue of a periodical). */
void galley_epub_write_titlepage(const galley_epub_book *b, galley_xml *x);

/* The masthead's dates: the digest's window ("11 March 2024 – 17 March
 * 2024"), else the output date, else "". */
void galley_epub_masthead_dates(const galley_doc *doc, char dates[80]);

/* The first number in an issue label ("No. 11" -> 11), or 0 when it has
 * none: the position of the issue in its series. */
unsigned long galley_epub_issue_number(const char *issue);

/* ---- cover.c ----------------------------------------------------------- */

/* Width and height of the generated cover image, in pixels: Kindle's
 * recommended cover size (a 1:1.6 page). */
#define GALLEY_EPUB_COVER_WIDTH 1600
#define GALLEY_EPUB_COVER_HEIGHT 2560

/* Renders the generated cover (title, subtitle, issue and dates, editor,
 * article titles, publisher) into a malloc'ed PNG of
 * GALLEY_EPUB_COVER_WIDTH x GALLEY_EPUB_COVER_HEIGHT pixels (*png, *len;
 * the caller frees it).  Text is set in galley's serif fonts from
 * `font_dir`, shaped with HarfBuzz, broken at spaces into balanced lines
 * and made smaller until it fits; nothing is ever cut.  The glyphs become
 * SVG outlines that librsvg and cairo paint and cairo encodes.
 * Errors: GALLEY_EFONT (HarfBuzz or the fonts cannot be loaded),
 * GALLEY_EASSET (librsvg or cairo cannot be loaded or fail), GALLEY_ENOMEM.
 * Side effects: loads HarfBuzz, librsvg and cairo (dlopen) on first use. */
int galley_epub_cover_png(const galley_epub_book *b, const char *font_dir, unsigned char **png,
                          size_t *len, galley_error *err);

/* ---- css.c ------------------------------------------------------------- */

/* The default stylesheet, with @font-face rules for b->fonts: the rules
 * for the classes in b->classes and those without a class. */
void galley_epub_write_css(const galley_epub_book *b, galley_xml *x);

/* Adds the classes of the elements of a written document (`len` bytes of
 * XHTML) to b->classes; b->classes.failed when memory runs out. */
void galley_epub_css_classes(galley_epub_book *b, const unsigned char *bytes, size_t len);

/* The image of the continuation marks of wrapped code lines (SVG). */
extern const char galley_epub_wrap_svg[];

/* ---- zip.c ------------------------------------------------------------- */

/* Zips `entries` in order into a malloc'ed buffer (*out, *len), the caller
 * frees it.  Entries marked `store` are stored, the rest deflated; every
 * entry gets the same fixed DOS timestamp and Unix mode 0644, so the same
 * entries give the same bytes.  Errors: GALLEY_EEPUB (libzip), ENOMEM. */
/* A raw-deflate stream for one thread, reused from entry to entry; NULL
 * when out of memory (galley_epub_deflate then sets up a stream per call). */
typedef struct galley_epub_deflater galley_epub_deflater;
galley_epub_deflater *galley_epub_deflater_new(void);
void galley_epub_deflater_free(galley_epub_deflater *d);

/* Raw-deflates `len` bytes as galley_epub_zip would (same level, same
 * bytes) into a malloc'ed *out of *out_len bytes, with the CRC-32 of the
 * input, using `d` (one per thread; NULL: a stream of its own).  0 or a
 * galley_code. */
int galley_epub_deflate(galley_epub_deflater *d, const unsigned char *raw, size_t len,
                        unsigned char **out, size_t *out_len, uint32_t *crc);

/* Runs fn(ctx, i, d) for every i in [0, n) on `threads` threads, the
 * calling one among them (fewer when threads cannot start), each thread
 * with a deflater of its own (d NULL when out of memory).  Returns when
 * all are done. */
void galley_epub_parallel(size_t n, size_t threads,
                          void (*fn)(void *ctx, size_t i, galley_epub_deflater *d), void *ctx);

/* Threads for galley_epub_parallel: the online CPUs, at most 8. */
size_t galley_epub_threads(void);

/* The run-time version of libzip, loading it (zip.c); NULL when it cannot
 * be loaded. */
const char *galley_epub_zip_version(void);

int galley_epub_zip(const galley_epub_entry *entries, size_t n, unsigned char **out,
                    size_t *len, galley_error *err);

#endif
