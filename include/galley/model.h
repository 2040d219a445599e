/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * galley/model.h: the document model that both writers read.
 *
 * A galley_doc is a publication: metadata, an ordered list of sections, each
 * an ordered list of articles, each a tree of blocks holding inlines, plus a
 * table of image assets and, after typesetting, a page map.  Every node keeps
 * its source position.  The document owns everything in it through one
 * arena: nodes and strings live until galley_doc_free and are never freed one
 * by one.
 *
 * Readers (src/read, or a library user building a document by hand) create
 * nodes with the galley_doc_new_* functions and link them; writers only read.
 * Lists of siblings are singly linked (`next`), children hang off
 * `children`.  After building, galley_doc_finish computes derived data
 * (block ordinals, anchors, word counts) and galley_doc_check verifies the
 * invariants; the tests call it after every reader run.
 *
 * Strings are UTF-8, NUL-terminated, and owned by the document.
 */
#ifndef GALLEY_MODEL_H
#define GALLEY_MODEL_H

#include "galley/export.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <stdio.h>

#include "galley/error.h"

#ifdef __cplusplus
extern "C" {
#endif

GALLEY_API_BEGIN

typedef struct galley_doc galley_doc;

/* Deepest nesting of blocks (quotes, lists, items) or of inlines (emphasis
 * in links in emphasis ...) the model accepts.  Readers refuse deeper input
 * with GALLEY_ELIMIT; the writers walk the tree recursively and rely on it.
 * No real article nests more than a handful of levels. */
#define GALLEY_MAX_NESTING 100

/* A calendar date with an optional time of day and zone.  year == 0 means
 * "no date".  Months and days count from 1. */
typedef struct galley_date {
	int year, month, day;
	int hour, minute, second;
	int zone_minutes;   /* offset east of UTC, when has_zone */
	bool has_time;
	bool has_zone;
} galley_date;

/* Metadata of a publication or of one article.  Absent strings are NULL,
 * absent lists have count 0.  `authors` and `tags` are arrays of strings. */
typedef struct galley_meta {
	const char *title;
	const char *subtitle;
	const char **authors;
	size_t nauthors;
	galley_date date;
	const char *lang;        /* BCP 47 tag, e.g. "en-US" */
	const char **tags;
	size_t ntags;
	const char *source;      /* URL of the original */
	const char *publication; /* where it first appeared */
	const char *summary;
	/* publication-level fields, unused on articles */
	const char *editor;
	const char *publisher;
	const char *issue;
	const char *identifier;
	const char *description;
	const char *cover;       /* path of a cover image, as given */
	galley_date since, until; /* date window of a digest */
	bool draft;              /* the front matter says draft: true (or published:
	                          * false): a digest leaves the article out */
} galley_meta;

typedef enum galley_inline_type {
	GALLEY_TEXT,      /* text, len */
	GALLEY_EMPH,      /* children */
	GALLEY_STRONG,    /* children */
	GALLEY_CODE,      /* text, len: inline code */
	GALLEY_LINK,      /* url, title, children */
	GALLEY_IMAGE,     /* url, title, asset, children = alt text */
	GALLEY_SOFTBREAK, /* a line ending inside a paragraph: a space */
	GALLEY_HARDBREAK, /* a forced line break */
	GALLEY_STRIKE,    /* children: struck-through text (GFM ~~text~~) */
	GALLEY_NOTEREF,   /* number, note: a footnote reference (GFM [^label]) */
	GALLEY_MATH,      /* text, len: inline math, the author's TeX as written
	                   * ($...$, \\(...\\)); never typeset, never reflowed */
	/* from HTML inside Markdown (<sup>, <u> ...); each holds children */
	GALLEY_SUP,       /* superscript: raised, smaller */
	GALLEY_SUB,       /* subscript: lowered, smaller */
	GALLEY_UNDERLINE, /* underlined (<u>, <ins>) */
	GALLEY_MARK,      /* highlighted (<mark>) */
	GALLEY_SMALL,     /* side comment, small print (<small>) */
	GALLEY_ABBR       /* title: an abbreviation and its expansion, may be NULL */
} galley_inline_type;

typedef struct galley_asset galley_asset;
typedef struct galley_inline galley_inline;
typedef struct galley_block galley_block;

struct galley_inline {
	galley_inline_type type;
	galley_pos pos;
	const char *text;        /* GALLEY_TEXT, GALLEY_CODE */
	size_t len;              /* bytes in text */
	const char *url;         /* GALLEY_LINK, GALLEY_IMAGE; NULL if it was unsafe and dropped */
	const char *title;       /* GALLEY_LINK, GALLEY_IMAGE, GALLEY_ABBR; may be NULL */
	const galley_asset *asset; /* GALLEY_IMAGE: the loaded image, NULL for a remote one */
	const galley_block *note;  /* GALLEY_NOTEREF: the GALLEY_FOOTNOTE it refers to */
	int number;              /* GALLEY_NOTEREF: the note's number in its article, from 1 */
	int ref;                 /* GALLEY_NOTEREF: which reference to that note, from 1
	                          * (a note may be referred to more than once) */
	uint32_t width, height;  /* GALLEY_IMAGE: the size its HTML asked for, CSS pixels
	                          * (1/96 in); 0 when not given */
	const struct galley_article *target; /* GALLEY_LINK: the article of this book
	                          * the link points to (set by galley_doc_finish), NULL
	                          * for a link out of the book or to nothing */
	const char *anchor;      /* GALLEY_LINK with a target: the id of the heading
	                          * it points to; NULL for the article's start */
	galley_inline *children;
	galley_inline *next;
	bool missing;            /* GALLEY_IMAGE: an image that should have been shown but
	                          * could not be (missing, refused, unreadable, too large, a
	                          * failed download): asset is NULL, a warning says why, and
	                          * the writers show a placeholder with the alt text.  A
	                          * remote image not fetched has asset NULL and missing
	                          * false: its alt text is shown as text. */
};

typedef enum galley_block_type {
	GALLEY_PARAGRAPH, /* inlines */
	GALLEY_HEADING,   /* level 1..6, id, inlines */
	GALLEY_QUOTE,     /* children */
	GALLEY_LIST,      /* ordered, start, tight, children = items */
	GALLEY_ITEM,      /* children */
	GALLEY_CODEBLOCK, /* info, text, len */
	GALLEY_RULE,      /* a thematic break */
	GALLEY_FIGURE,    /* an image alone in its paragraph: inlines = the GALLEY_IMAGE */
	GALLEY_TABLE,     /* ncols, align, children = rows (GFM pipe table) */
	GALLEY_TABLE_ROW, /* header, children = cells (exactly ncols of them) */
	GALLEY_TABLE_CELL, /* inlines, possibly none */
	GALLEY_FOOTNOTE,      /* number, label, refs, children: a footnote's definition; only in
	                   * an article's `notes`, never among its blocks */
	GALLEY_MATH_BLOCK, /* text, len: display math ($$...$$, \\[...\\]), the author's
	                   * TeX with its line breaks; never typeset, never reflowed */
	GALLEY_CALLOUT,   /* callout, children: a labelled call-out (a GitHub alert,
	                   * "> [!NOTE]") */
	GALLEY_DEFLIST,   /* children = terms and descriptions, in any order (HTML <dl>) */
	GALLEY_DEFTERM,   /* inlines: a term (<dt>), only in a GALLEY_DEFLIST */
	GALLEY_DEFDESC    /* children: a description (<dd>), only in a GALLEY_DEFLIST */
} galley_block_type;

/* The kind of a call-out, which names its label ("Note", ...). */
typedef enum galley_callout {
	GALLEY_CALLOUT_NOTE = 0,
	GALLEY_CALLOUT_TIP,
	GALLEY_CALLOUT_IMPORTANT,
	GALLEY_CALLOUT_WARNING,
	GALLEY_CALLOUT_CAUTION
} galley_callout;

/* The state of a list item (GFM task lists). */
typedef enum galley_task_state {
	GALLEY_TASK_NONE = 0, /* an ordinary item */
	GALLEY_TASK_OPEN,     /* "- [ ] ..." */
	GALLEY_TASK_DONE      /* "- [x] ..." */
} galley_task_state;

/* Column alignment of a table (from its delimiter row). */
typedef enum galley_align {
	GALLEY_ALIGN_NONE = 0, /* not given: text starts left */
	GALLEY_ALIGN_LEFT,
	GALLEY_ALIGN_CENTER,
	GALLEY_ALIGN_RIGHT
} galley_align;

typedef struct galley_block galley_block;

struct galley_block {
	galley_block_type type;
	galley_pos pos;
	uint32_t ordinal;        /* preorder index within its article, from 0 (set by finish) */
	int level;               /* GALLEY_HEADING */
	const char *id;          /* GALLEY_HEADING: anchor, unique within its article (set by
	                          * finish): `anchor` when given, else galley_slugify of its
	                          * text, so `#some-heading` links written by authors resolve */
	const char *anchor;      /* GALLEY_HEADING: the id its author gave ("## A {#a}",
	                          * "{: #a}"), already a slug; NULL when none */
	bool ordered;            /* GALLEY_LIST */
	bool tight;              /* GALLEY_LIST */
	int start;               /* GALLEY_LIST, ordered: number of the first item */
	const char *info;        /* GALLEY_CODEBLOCK: info string, may be NULL */
	const char *text;        /* GALLEY_CODEBLOCK: the code, ending in a newline;
	                          * GALLEY_MATH_BLOCK: the TeX, without a final newline */
	size_t len;
	galley_inline *inlines;  /* GALLEY_PARAGRAPH, GALLEY_HEADING, GALLEY_FIGURE,
	                          * GALLEY_TABLE_CELL, GALLEY_DEFTERM */
	galley_block *children;  /* GALLEY_QUOTE, GALLEY_LIST, GALLEY_ITEM, GALLEY_TABLE,
	                          * GALLEY_TABLE_ROW, GALLEY_FOOTNOTE, GALLEY_CALLOUT,
	                          * GALLEY_DEFLIST, GALLEY_DEFDESC */
	galley_task_state task;  /* GALLEY_ITEM */
	uint32_t ncols;          /* GALLEY_TABLE: columns, at least 1 */
	const galley_align *align; /* GALLEY_TABLE: ncols alignments */
	bool header;             /* GALLEY_TABLE_ROW: a header row; only the first row may
	                          * be one (GFM's always is, HTML's when it has <th>) */
	int number;              /* GALLEY_FOOTNOTE: its number in its article, from 1, in the
	                          * order of first reference */
	const char *label;       /* GALLEY_FOOTNOTE: the label the author wrote ("1", "note") */
	int refs;                /* GALLEY_FOOTNOTE: how many references point at it */
	galley_callout callout;  /* GALLEY_CALLOUT: its kind */
	galley_block *next;
};

typedef struct galley_article {
	galley_meta meta;
	const char *path;        /* the file it came from, or the name given */
	galley_pos pos;          /* start of the file (line 1) */
	const char *id;          /* slug of title and date, unique in the doc (set by finish) */
	galley_block *blocks;
	galley_block *notes;     /* GALLEY_FOOTNOTE blocks, by number; NULL when none */
	uint32_t index;          /* position in reading order over all sections (set by finish) */
	uint32_t nblocks;        /* blocks in preorder (set by finish) */
	size_t words;            /* words of text (set by finish) */
	unsigned minutes;        /* reading time at 230 words a minute, at least 1 (set by finish) */
	bool smart;              /* its body has typographic punctuation (the reader sets it from
	                          * galley_read_options.smart): finish gives its display strings
	                          * the same (title, subtitle, authors, publication, summary,
	                          * image titles), and the publication's and sections' too */
} galley_article;

typedef struct galley_section {
	const char *title;       /* may be NULL: a book of one article has one untitled section */
	const char *id;          /* unique anchor (set by finish) */
	galley_article **articles;
	size_t narticles;
} galley_section;

/* An image, stored once however often it is used.
 *
 * Media types: "image/png", "image/jpeg", "image/gif" (its first frame),
 * "image/webp" (its first frame) and "image/svg+xml".  The EPUB carries
 * `bytes` as they are; the PDF draws `pixels` (PNG, GIF, WebP), the JPEG
 * stream itself, or the SVG drawn from `bytes` at print resolution. */
struct galley_asset {
	const char *path;        /* resolved path on disk, or the URL of a fetched image */
	const char *name;        /* safe file name inside an EPUB, e.g. "image-3.png" */
	const char *media_type;  /* one of the types above */
	uint32_t width, height;  /* pixels; for SVG its intrinsic size in CSS pixels
	                          * (1/96 inch), or its viewBox when it has no size */
	const unsigned char *bytes; /* the file as read; an SVG sanitised (no scripts, event
	                             * attributes or external references) */
	size_t size;
	/* Decoded pixels for PNG, GIF and WebP (libharu reads none of them
	 * well): 8-bit samples, rows top to bottom, `channels` of 1 (gray) or
	 * 3 (RGB); `alpha` is width*height 8-bit coverage or NULL.  NULL for
	 * JPEG (passed through) and SVG (drawn by the PDF writer). */
	const unsigned char *pixels;
	int channels;
	const unsigned char *alpha;
	uint32_t index;
	/* JPEG of 4 components (CMYK or YCCK): an Adobe APP14 marker says the
	 * samples are stored inverted, as Photoshop and ImageMagick write
	 * them, so a PDF must decode them inverted; without it they are
	 * plain CMYK. */
	bool inverted;
	/* WebP: the same pixels as a PNG, for the EPUB: WebP is a core media
	 * type of EPUB 3.3 but not of 3.2, whose readers (and epubcheck 4)
	 * need a fallback in a core type.  NULL for the other types. */
	const unsigned char *fallback;
	size_t fallback_size;
};

/* The page map: for each PDF page, the model position where it starts (a
 * layout makes it: galley_layout_page_map; the EPUB writer takes it in its
 * options).  A
 * position is (article index, block ordinal, byte offset into the block's
 * flattened text).  The flattened text of a block is the concatenation, in
 * preorder, of the text of its GALLEY_TEXT, GALLEY_CODE and GALLEY_MATH
 * inlines, with each soft or hard break counting as one byte (for a code
 * block or display math: its text).  An
 * offset always points at the first byte of a word.  Pages that start inside
 * front matter (title page, table of contents) have article == UINT32_MAX. */
typedef struct galley_page_mark {
	const char *label;       /* page label as printed: "1", "iv" */
	uint32_t article;
	uint32_t block;
	uint32_t offset;
} galley_page_mark;

/* ---- building ---------------------------------------------------------- */

/* Creates an empty document.  Returns NULL when memory runs out. */
galley_doc *galley_doc_new(void);

/* Frees the document and everything it owns.  NULL is allowed. */
void galley_doc_free(galley_doc *doc);

/* Arena allocation: zeroed memory owned by the document, suitably aligned
 * for any type.  Returns NULL when memory runs out (the document stays
 * usable).  With GALLEY_ARENA_DEBUG set at build time each call is a plain
 * malloc so that sanitizers see every allocation. */
void *galley_doc_alloc(galley_doc *doc, size_t size);

/* Copies `len` bytes of `s` into the arena and NUL-terminates them.  A NULL
 * `s` gives NULL.  Returns NULL when memory runs out. */
char *galley_doc_strndup(galley_doc *doc, const char *s, size_t len);
char *galley_doc_strdup(galley_doc *doc, const char *s);

/* printf into the arena. */
char *galley_doc_printf(galley_doc *doc, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* New zeroed nodes of the given type at the given position (pos.file must
 * be a string that lives as long as the document, e.g. article->path). */
galley_block *galley_doc_new_block(galley_doc *doc, galley_block_type type, galley_pos pos);
galley_inline *galley_doc_new_inline(galley_doc *doc, galley_inline_type type, galley_pos pos);

/* Appends a new section (title may be NULL) and returns it; NULL on OOM. */
galley_section *galley_doc_add_section(galley_doc *doc, const char *title);

/* Appends a new empty article to `section` (the last section when NULL,
 * created untitled if there is none).  `path` is copied.  Returns NULL on OOM. */
galley_article *galley_doc_add_article(galley_doc *doc, galley_section *section, const char *path);

/* Removes an article from the document (selection, duplicates).  Its memory
 * stays in the arena.  Sections left empty are removed too. */
void galley_doc_remove_article(galley_doc *doc, galley_article *article);

/* Returns the asset already loaded from `path` (the resolved path), or NULL. */
const galley_asset *galley_doc_lookup_asset(const galley_doc *doc, const char *path);

/* Adds an asset; the document takes a copy of the struct (strings and
 * buffers must already be arena memory).  Sets `index` and, if NULL,
 * `name`.  Returns the stored asset, or NULL on OOM. */
const galley_asset *galley_doc_add_asset(galley_doc *doc, const galley_asset *asset);

/* Records a warning (or a note) with its position, printf-style.  Returns
 * 0, or GALLEY_ENOMEM when it could not be stored. */
int galley_doc_warn(galley_doc *doc, galley_severity severity, const galley_pos *pos,
                    const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* Computes derived data: article indices, block ordinals, heading ids and
 * article ids (stable slugs of title and date, unique in the document),
 * section ids, word counts and reading times, and the targets of links
 * between the articles.  Call after building or after removing articles;
 * calling it again is harmless.  0 or GALLEY_ENOMEM.
 *
 * Links: a link whose URL has no scheme (see galley_url_is_external) is
 * resolved in the book.  "#part" names a heading of its own article;
 * "other.md", "../posts/other.md#part" an article by its path relative to
 * the linking article's file (or, failing that, by a file name no other
 * article has); a site address ("../2024/05/other/", "/blog/other.html")
 * an article by the slug of its file name (Jekyll's dated names and
 * folders of index.md count) and, when the address holds /YYYY/MM/, its
 * date; fragments are compared as galley_slugify makes ids.  A resolved
 * link gets `target` (and `anchor`); one that points at nothing keeps no
 * target, and the writers set its text unlinked.  The first finish of a
 * document records a warning for each such link and each fragment that
 * names no heading (then the link goes to the article's start).
 *
 * Display strings: the metadata of an article read with smart
 * punctuation (galley_article.smart), and the titles of its images, get
 * the curly quotes, dashes and ellipses its body got from the reader; so
 * do the publication's metadata and the section titles when any article
 * has them.  Both writers then show the same strings. */
int galley_doc_finish(galley_doc *doc, galley_error *err);

/* Verifies the invariants of a finished document (every node well-typed,
 * no cycles, children only where allowed, ids unique, positions set, text
 * valid UTF-8).  Returns 0, or GALLEY_EINTERNAL with a message naming the
 * first violation. */
int galley_doc_check(const galley_doc *doc, galley_error *err);

/* ---- reading ----------------------------------------------------------- */

/* The publication metadata; writable, to set it after reading. */
galley_meta *galley_doc_meta(galley_doc *doc);
const galley_meta *galley_doc_meta_const(const galley_doc *doc);

size_t galley_doc_nsections(const galley_doc *doc);
galley_section *galley_doc_section(const galley_doc *doc, size_t i);

/* All articles in reading order, across sections (valid after finish). */
size_t galley_doc_narticles(const galley_doc *doc);
galley_article *galley_doc_article(const galley_doc *doc, size_t i);

size_t galley_doc_nassets(const galley_doc *doc);
const galley_asset *galley_doc_asset(const galley_doc *doc, size_t i);

size_t galley_doc_ndiags(const galley_doc *doc);
const galley_diag *galley_doc_diag(const galley_doc *doc, size_t i);

/* The title to show for the whole document: the publication title, else
 * the first article's title (as pandoc does for a book of several files),
 * else "Untitled". Never NULL. */
const char *galley_doc_display_title(const galley_doc *doc);

/* The date to write into outputs: the publication date, else the latest
 * article date, else SOURCE_DATE_EPOCH (when set and valid), else a zero
 * date (year 0).  Never the clock. */
galley_date galley_doc_output_date(const galley_doc *doc);

/* Formats a date as ISO 8601: "2022-01-12" or "2022-01-12T21:26:00Z" (times
 * are converted to UTC when a zone is known).  `buf` must hold 32 bytes.
 * Returns buf, "" for no date. */
char *galley_date_iso(const galley_date *date, bool with_time, char buf[32]);

/* Formats a date for people: "12 January 2022".  `buf` holds 32 bytes. */
char *galley_date_human(const galley_date *date, char buf[32]);

/* The calendar day `days` days after (or before, when negative) `date`;
 * the time of day and zone are dropped.  A date of year 0 stays so. */
galley_date galley_date_add_days(const galley_date *date, long days);

/* Compares two dates (no date sorts first): <0, 0, >0. */
int galley_date_cmp(const galley_date *a, const galley_date *b);

/* Parses ISO 8601: YYYY-MM-DD, optionally followed by 'T' or ' ' and
 * HH:MM[:SS[.frac]] and a zone (Z, +HH:MM, +HHMM, -HH, with or without a
 * space before it); after a space the hour may have one digit, as Jekyll
 * writes it ("2019-04-25 9:00:00 +0100").  Validates ranges (month days,
 * leap years).  Returns 0 or -1 (not touching *out). */
int galley_date_parse(const char *s, galley_date *out);

/* Writes into `out` (size bytes, at least 2) an identifier made of `text`:
 * ASCII letters and digits lowercased, common accented Latin letters without
 * their accents, every other run of characters one '-', no leading or
 * trailing '-', at most 64 bytes, never starting with a digit (an 'n' is put
 * before), "x" if nothing is left.  It is a valid XML NCName and a safe
 * file name.  Returns the length written. */
size_t galley_slugify(const char *text, size_t len, char *out, size_t size);

/* Writes `len` bytes to `path` atomically: into a temporary file beside it
 * (same folder, so rename is atomic), flushed to disk, then renamed over
 * `path`.  On any failure the temporary file is removed and an existing
 * `path` is untouched.  Errors: GALLEY_EIO naming the path and the cause. */
int galley_file_write_atomic(const char *path, const void *bytes, size_t len,
                             galley_error *err);

/* Several outputs replaced together (a PDF and the EPUB that lists its
 * pages): each is written to a staged file beside it, and renamed into
 * place only when every one was written.
 *
 * galley_file_stage creates a new empty file beside `path` (beside the
 * file a symbolic link names) and sets *staged to its name (malloc'ed;
 * the caller frees it); write the output to that name with any of
 * galley's writers.  When `path` is a device or a pipe, *staged is NULL:
 * write to `path` itself.  Errors: GALLEY_EIO (a folder, a folder that
 * cannot be written), GALLEY_ENOMEM.
 *
 * galley_file_unstage renames `staged` over `path` when `keep`, else
 * removes it; NULL `staged` does nothing.  0, or GALLEY_EIO when the
 * rename failed (the staged file is removed then). */
int galley_file_stage(const char *path, char **staged, galley_error *err);
int galley_file_unstage(const char *staged, const char *path, bool keep, galley_error *err);

/* Removes every temporary file galley is writing at this moment, in any
 * thread: the temporaries of the atomic writers and the staged files not
 * yet renamed.  For a program's handler of SIGINT, SIGTERM and SIGHUP,
 * which then ends the program: it is async-signal-safe (it calls only
 * unlink(2), on names kept in static memory, and keeps errno), and it
 * leaves galley's writes in progress unable to finish.  The library
 * installs no signal handler itself. */
void galley_file_remove_temporaries(void);

/* The folder of font files the typesetter and the EPUB writer use:
 * `configured` when not NULL or empty, else $GALLEY_FONT_DIR when set and
 * not empty, else share/galley/fonts of the installation that holds
 * galley's code, found relative to that file: libgalley.so's (dladdr),
 * else the executable's (/proc/self/exe), so that an installation may be
 * moved (a build tree has the same layout: build/share/galley/fonts leads
 * to the tree's fonts/), else the configured PREFIX/share/galley/fonts.
 * Reads the environment every call; looks for the installation's folder
 * once per process.  A static or the given string, never NULL. */
const char *galley_font_dir(const char *configured);

/* Reads a whole file into a malloc'ed buffer (NUL-terminated, not counted
 * in *len) the caller frees.  `max` bytes at most: a larger file is
 * GALLEY_ELIMIT.  The path is a path: "-" is a file named "-" (read
 * standard input with galley_stream_read).  Errors: GALLEY_EIO (a folder
 * too), GALLEY_ELIMIT, GALLEY_ENOMEM. */
int galley_file_read(const char *path, size_t max, char **out, size_t *len,
                     galley_error *err);

/* Reads `f` to its end the same way; `name` is used in messages and
 * `limit` names the limit in the GALLEY_ELIMIT message ("file exceeds the
 * LIMIT of MAX bytes"; NULL: "size limit"). */
int galley_stream_read(FILE *f, const char *name, size_t max, const char *limit,
                       char **out, size_t *len, galley_error *err);

/* Whether a link's URL leaves the book: it has a URI scheme ("https:",
 * "mailto:"; RFC 3986: a letter, then letters, digits, '+', '-', '.', then
 * ':') or starts with "//".  NULL is not external. */
bool galley_url_is_external(const char *url);

/* The label a call-out shows: "Note", "Tip", "Important", "Warning",
 * "Caution".  A static string. */
const char *galley_callout_label(galley_callout kind);

/* The flattened text length of a leaf block, as defined for the page map. */
size_t galley_block_text_length(const galley_block *block);

/* Whether `block`, a block of a quote, is the quote's attribution: its
 * last block, a paragraph that starts with a dash ("— Name, role").  PDF
 * and EPUB set it ragged: justified, its few words would spread apart. */
bool galley_block_is_attribution(const galley_block *block);

/* Writes the document as JSON (the `galley dump` format) through `write`,
 * which returns 0 or non-zero to stop.  Returns 0, GALLEY_EIO when write
 * failed. Deterministic: same model, same bytes. */
int galley_doc_dump_json(const galley_doc *doc,
                         int (*write)(void *ctx, const char *bytes, size_t len),
                         void *ctx, galley_error *err);

GALLEY_API_END

#ifdef __cplusplus
}
#endif

#endif
