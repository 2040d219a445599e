/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * internal.h: declarations shared by the typesetter's files (private).
 *
 *   arena.c      allocation helpers over the library's arena (base/arena.h)
 *   fonts.c      font files, glyph coverage (FreeType), kerning (HarfBuzz),
 *                the measured-word cache; installed faces for other scripts
 *                (fontconfig), shaped by HarfBuzz (glyph faces)
 *   paragraph.c  inlines -> boxes/glue/penalties -> lines (vertical items)
 *   blocks.c     article blocks -> vertical list
 *   table.c      a table's columns measured and shared out, its rows -> vertical list
 *   page.c       vertical list -> pages (keeps, columns, balancing)
 *   notes.c      footnotes: set for the foot of the page, and the feet's
 *                arithmetic the pager uses (insertions)
 *   titlepage.c  a digest's title page and table of contents, section
 *                outline entries
 *   layout.c     the public API, page furniture, page map, outline
 *   trace.c      the text dump of the display list
 */
#ifndef GALLEY_TYPESET_INTERNAL_H
#define GALLEY_TYPESET_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "galley/model.h"
#include "galley/typeset.h"
#include "base/arena.h"
#include "base/pool.h"
#include "base/utf8.h"
#include "base/vec.h"
#include "typeset/display.h"
#include "typeset/hyphen.h"
#include "typeset/linebreak.h"

/* ---- arena ------------------------------------------------------------- */

/* The library's one arena (base/arena.h), under the typesetter's names;
 * zero-initialised is empty. */
typedef galley_arena gl_arena;

void *gl_arena_alloc(gl_arena *a, size_t size);       /* zeroed; NULL on OOM */
char *gl_arena_strndup(gl_arena *a, const char *s, size_t len);
void gl_arena_free(gl_arena *a);


/* ---- fonts and measuring ------------------------------------------------ */

typedef struct gl_fonts gl_fonts;

/* One character of a measured word.  Positions are in 1/1000 em of the size
 * the word is drawn at, so one measurement serves every size. */
typedef struct gl_glyph {
	uint32_t byte;   /* offset of the character in gl_word.text */
	uint32_t src;    /* offset of the character in the source text */
	int32_t adv;     /* advance as the PDF font program has it, 1/1000 em */
	float x;         /* pen position from the word's start, kerning included, 1/1000 em */
	uint8_t face;    /* galley_face that draws it */
} gl_glyph;

typedef struct gl_word {
	const char *text;   /* drawable UTF-8: unknown characters substituted */
	uint32_t len;       /* bytes of text */
	uint32_t n;         /* characters */
	gl_glyph *g;        /* n + 1 entries; g[n].x is the width, g[n].byte == len */
	bool substituted;   /* some character had no glyph anywhere */
	uint32_t first_bad; /* source offset of the first substituted character */
	uint32_t bad_cp;    /* ... and its code point */
	const galley_dl_shaped *shaped; /* where glyph faces draw (g[k].face >=
	                       GALLEY_NFACES): the entries g[] are its clusters,
	                       and every run drawn from the word points to it;
	                       NULL when only bundled faces draw */
} gl_word;

/* Opens the faces of `family` (e.g. "NotoSerif": <dir>/<family>-Regular.ttf,
 * -Italic, -Bold, -BoldItalic), JetBrainsMono-Regular/-Bold and DejaVuSans.
 * GALLEY_EFONT naming the path when a file is missing or unusable. */
int gl_fonts_open(gl_fonts **out, const char *dir, const char *family, galley_error *err);
void gl_fonts_free(gl_fonts *f);
const char *gl_fonts_path(const gl_fonts *f, int face);

/* Makes `f` use the glyph faces of `with` (one table for a layout and its
 * worker threads' fonts, guarded by a lock), so that a face id names the
 * same file in every thread's runs.  Call before measuring with `f`. */
void gl_fonts_share(gl_fonts *f, gl_fonts *with);

/* The language of the text measured next (a BCP 47 tag, NULL: none): it
 * chooses the Han faces (Japanese, Korean, simplified or traditional
 * Chinese forms) and is HarfBuzz's language for shaping. */
void gl_fonts_lang(gl_fonts *f, const char *lang);

/* A face's index in its font file, and how many faces there are (the
 * bundled ones and the glyph faces found so far). */
unsigned gl_fonts_index(const gl_fonts *f, int face);
int gl_fonts_nfaces(const gl_fonts *f);

/* Measures `len` bytes of UTF-8 in `face` (the fallback face supplies
 * missing symbols and letters, installed faces found through fontconfig
 * the rest, shaped), once per (face, text, Han language); the result
 * lives as long as `f`.  Loads fontconfig (once for the process) and
 * reads its cache on the first character the bundled faces lack.  NULL
 * when memory runs out. */
const gl_word *gl_fonts_word(gl_fonts *f, int face, const char *s, size_t len);

/* The hyphenation points of `w`, the measure gl_fonts_word gave for `len`
 * bytes at `s`, in language `lang`: galley_hyph_word's answer, kept with
 * the measure so that a word met again is not hyphenated again (decoding,
 * lowercasing and the hyphenator's own cache cost 5% of a PDF run).  Same
 * return as galley_hyph_word. */
int gl_fonts_hyph(gl_fonts *f, const gl_word *w, galley_hyphenator *h, const char *lang,
                  const char *s, size_t len, uint32_t *points);

/* Width in points of `len` bytes drawn in `face` at `size`. NAN never;
 * -1 when memory runs out. */
double gl_fonts_width(gl_fonts *f, int face, double size, const char *s, size_t len);

/* The face's ascender and descender (below the baseline: negative) in ems,
 * as the PDF's font descriptor states them and text-extraction tools take
 * a line's height from. */
void gl_fonts_extents(const gl_fonts *f, int face, double *ascent, double *descent);

/* Where a rule that strikes text through sits in `face`: the middle of the
 * x-height above the baseline, and the face's strikeout thickness (OS/2),
 * both in ems. */
void gl_fonts_strike(const gl_fonts *f, int face, double *middle, double *thickness);

/* ---- vertical list ------------------------------------------------------ */

/* A footnote reference on a line (notes.c): the note must begin at the foot
 * of the page, or column, that holds the line. */
typedef struct gl_ref {
	uint32_t note;         /* the note's index in the list's notes (its number - 1) */
	bool first;            /* the note's first reference, which brings it to a page */
	const char *dest;      /* the reference's named destination: the note's
	                          number links back to it */
} gl_ref;

/* Where a note's lines are in the list's foot: items [first, end). */
typedef struct gl_note {
	size_t first, end;
} gl_note;

enum { GL_V_LINE, GL_V_SPACE, GL_V_BREAK };

/* One line (or figure, or rule) of the vertical list, or a space between
 * them.  Content coordinates are relative: x from the column's left edge,
 * y from the item's baseline (up positive). */
typedef struct gl_vitem {
	uint8_t kind;
	bool nobreak_before;   /* a page or column break before this is forbidden */
	bool span;             /* spans both columns (level-1 heading) */
	bool has_mark;         /* mark is a model position for the page map */
	bool separator;        /* continuous mode: the rule between two articles,
	                          dropped when the article starts a page */
	double height;         /* from its top to the next item's top, points */
	double baseline;       /* from its top down to its baseline, points */
	galley_dl_text *texts; uint32_t ntexts;
	galley_dl_rect *rects; uint32_t nrects;
	galley_dl_link *links; uint32_t nlinks;
	galley_dl_image *image;
	const char *dest;      /* a named destination at its top */
	const char *outline;   /* an outline entry at its top */
	int outline_level;
	const double *rules;   /* quote rules: x of each, drawn over the full height */
	uint32_t nrules;
	galley_dl_line line;   /* trace record (x relative, y 0) */
	uint32_t article, block, offset;
	const gl_ref *refs;    /* footnote references on the line, in order */
	uint32_t nrefs;
	/* A table's body row: the table's head (its top rule, header row and
	 * the rule under it), set again above it when it starts a page or a
	 * column, the table having begun on an earlier one (table.c, page.c).
	 * The copies carry no model position. */
	const struct gl_vitem *head;
	uint32_t nhead;
	double head_height;    /* of the head, points */
} gl_vitem;

typedef struct gl_vlist {
	gl_vitem *items;
	size_t n, cap;
	/* The lines' texts and links arrays.  Pagination copies them onto
	 * the pages, so they die with the list instead of living as long as
	 * the layout: a third of a digest's memory.  What they point to
	 * (words, strings) stays in the layout's arena. */
	gl_arena scratch;
	/* The article's footnotes (notes.c): their lines, note after note in
	 * the order of their numbers, and where each note's are (notes[i] is
	 * note i + 1, in scratch).  NULL and 0 when the article has none. */
	struct gl_vlist *foot;
	gl_note *notes;
	size_t nnotes;
} gl_vlist;

gl_vitem *gl_vlist_push(gl_vlist *v);  /* zeroed; NULL on OOM */
void gl_vlist_clear(gl_vlist *v);      /* no items; the array is kept for reuse */
void gl_vlist_free(gl_vlist *v);       /* releases everything; v is then empty */

/* ---- footnotes (notes.c) ------------------------------------------------ */

/* The named destination of note `number` of the article being laid out
 * (ref 0), or of its ref-th reference: "fn:ID:N", "fnref:ID:N" for the
 * first reference, "fnref:ID:N:K" for the K-th (ID: the article's id).
 * In the layout's arena; NULL when memory runs out. */
const char *gl_note_dest(galley_layout *L, int number, int ref);

/* One stretch of a page's notes: lines [first, end) of the foot list,
 * under page column `col`; `height` includes the rule above them when
 * they open the column's notes. */
typedef struct gl_footpart {
	size_t first, end;
	int col;
	double height;     /* points */
} gl_footpart;

/* What the pager knows of an article's notes while it pours the text onto
 * pages (page.c): the notes' lines, what is owed to the pages, and what
 * the page being filled holds at its foot. */
typedef struct gl_feet {
	const gl_vlist *list;  /* the notes' lines (the text's v->foot); NULL: no notes */
	const gl_note *notes;
	size_t nnotes;
	double rule;           /* above a column's notes: the space from the text and
	                          the rule's gap, points */
	double cap;            /* the most of a column the rest of a note carried over
	                          from the page before takes ahead of the text, points */
	size_t pos;            /* the first note line not on a page yet */
	size_t want;           /* note lines owed: through the end of the last note
	                          whose reference is on a page */
	double height[2];      /* the current page's notes under each column, points */
	gl_footpart *parts; size_t nparts, cparts; /* those notes, in order */
} gl_feet;

/* The foot of one column while its page is planned: the lines [start, end)
 * of the foot list, ending at a break the notes' keeps allow. */
typedef struct gl_foot {
	size_t start;      /* the first line: what the column before left over */
	size_t carry;      /* owed at the top of the column: the notes of references
	                      on the pages and columns before */
	size_t want;       /* owed through the end of the last note referred to so far */
	size_t need;       /* the foot must reach past line need - 1: the first line
	                      of the last note referred to in the column (0: none) */
	size_t end;
	double height;     /* of [start, end), with the rule unless `ruled`, points */
	double room;       /* the column's height for text and notes, points */
	bool ruled;        /* the column's notes already began on this page */
} gl_foot;

/* Sets the notes of article `a` into v->foot (made when missing) and
 * v->notes: each note's blocks at theme.note.size of the body size, in
 * the column's measure, opening with its number, which links back to the
 * note's first reference.  No note line carries a mark for the page map
 * (marks come from the text: the EPUB writer meets the notes after it).
 * 0 or a negative code. */
int gl_build_notes(galley_layout *L, const galley_article *a, gl_vlist *v, galley_error *err);

/* Prepares F for paginating `v`: F->list is NULL when the article has no
 * notes.  gl_feet_dispose frees what pagination added. */
void gl_feet_init(gl_feet *F, const galley_layout *L, const gl_vlist *v);
void gl_feet_dispose(gl_feet *F);

/* A column's foot at the top of its text: from line `start`, `want` owed,
 * in `room` points; the rest of a note carried over takes at most
 * F->cap of it. */
void gl_foot_begin(const gl_feet *F, size_t start, size_t want, double room, bool ruled, gl_foot *f);

/* Adds line `it`, whose bottom lies `y` points below the column's top:
 * the notes it refers to first must begin in the foot, and the foot then
 * takes what it can of them (TeX's insertions: what does not fit goes on
 * to the next page).  Only when the notes carried over from before are
 * more than the whole column holds, so that no break could help, do its
 * notes begin later, after them.  Returns whether the line and the foot
 * fit. */
bool gl_foot_add(const gl_feet *F, gl_foot *f, const gl_vitem *it, double y);

/* Lets the foot take all it owes that fits below `y` points (never less
 * than it holds); with `force`, at least one line (a foot with no text
 * above it). */
void gl_foot_fill(const gl_feet *F, gl_foot *f, double y, bool force);

/* Commits a planned column's foot to the page, under page column `col`.
 * 0 or GALLEY_ENOMEM. */
int gl_feet_commit(gl_feet *F, const gl_foot *f, int col);

/* ---- the layout --------------------------------------------------------- */

/* Distinct missing characters warned of per article, each at its first
 * place: enough to name every one in a text with a few, without a
 * thousand lines for an article in a script no installed face has. */
#define GL_WARN_GLYPHS 16

/* What the typesetter knows about a page beyond its display list. */
typedef struct gl_pinfo {
	bool has_mark;          /* a line with a model position starts on it */
	uint32_t article, block, offset;
	const galley_article *art;  /* the article the page belongs to */
	bool first;             /* an article starts on it: no running head */
	bool front;             /* front matter (title page, contents) */
	bool title_page;        /* the digest's title page: no folio either */
} gl_pinfo;

struct galley_layout {
	galley_layout_options opts;
	galley_doc *doc;
	/* the document being laid out, read only: in a worker thread `doc` is
	 * a private document collecting warnings, this stays the real one */
	const galley_doc *model;
	gl_arena arena;
	gl_fonts *fonts;
	galley_hyphenator *hyph;
	bool hyph_shared;         /* hyph is a child of a galley_layout_cache's */
	galley_pool *hyph_freer;  /* frees the hyphenator after layout (layout.c); NULL: none */
	galley_task hyph_freeing; /* hyph_freer's one task */
	struct gl_retained *retained; /* worker fonts and arenas, freed with the layout (layout.c) */
	galley_doc *diag;       /* a worker thread's private document for warnings; NULL: doc */
	bool face_used[GALLEY_MAX_FACES];
	galley_dl_page *pages; size_t npages, cpages;
	gl_pinfo *pinfo; size_t cpinfo;     /* one per page */
	galley_page_mark *marks;            /* the page map, one per page (labels
	                                       point into pages) */
	galley_dl_outline *outline; size_t noutline, coutline;
	galley_dl_info info;
	galley_dl_label_range labels[2]; size_t nlabels; /* set by furniture */
	size_t nfront;          /* front-matter pages before the body (digest) */
	/* continuous mode: where the last article ended, points from the
	 * bottom of the last page (its g->top); <= 0 when nothing is open */
	double flow_top;
	/* derived geometry, points */
	double text_left, text_top, text_width, text_bottom, col_width;
	double leading;
	/* per-article state while building */
	const galley_article *article;
	const char *lang;       /* hyphenation language, NULL: none */
	bool warned_glyph;      /* GL_WARN_GLYPHS missing characters were reported
	                           for this article: no more */
	uint32_t warned_cp[GL_WARN_GLYPHS]; /* those reported, each once an article */
	uint32_t nwarned_cp;
	/* a paragraph's working arrays, kept from one paragraph to the next
	 * (paragraph.c); each thread's layout has its own */
	struct gl_para_scratch *para_scratch;
};

/* Paragraph style for gl_set_paragraph. */
typedef struct gl_pstyle {
	int face;          /* base face: REGULAR, BOLD, MONO ... */
	double size;       /* points */
	double leading;    /* points */
	double indent;     /* first-line indent, points */
	double left;       /* left edge of the measure from the column's left, points */
	double width;      /* the measure, points */
	bool justify;
	bool hyphenate;
	uint32_t color;
	uint8_t kind;      /* galley_dl_line_kind */
	const double *rules; uint32_t nrules;
	uint32_t block;    /* ordinal for the page map */
} gl_pstyle;

/* Sets `inlines` (or, when inlines is NULL, the plain `text`) as lines
 * appended to `v`.  Returns the number of lines (>= 0) or a negative
 * galley_code. */
int gl_set_paragraph(galley_layout *L, gl_vlist *v, const galley_inline *inlines,
                     const char *text, const gl_pstyle *st, galley_error *err);

/* The widths a table's column needs for `inlines` set in style `st` (its
 * width ignored), points: *min, the widest piece no line can break inside
 * (a word; a token between its safe break points; hyphenation points do not
 * count), and *max, the widest line when set with no break but the hard
 * ones.  Warns of nothing: setting the same inlines does.  0 or
 * GALLEY_ENOMEM. */
int gl_measure_paragraph(galley_layout *L, const galley_inline *inlines, const gl_pstyle *st,
                         double *min, double *max, galley_error *err);

/* Frees the working arrays gl_set_paragraph keeps in a layout. */
void gl_para_scratch_free(struct gl_para_scratch *s);

/* Shares `room` points out among n >= 1 table columns whose narrowest
 * and natural widths are min[i] <= max[i] (points), as browsers' automatic
 * table layout and LaTeX's tabulary do; writes the widths into w[] and
 * returns their sum.
 *   - Every natural width fits: each column gets it (the table is then
 *     narrower than the room).
 *   - Else, when the minimums fit: narrowest natural width first, a column
 *     gets its natural width while that is at most an even share of the
 *     room the columns not yet served leave, and they can still have their
 *     minimums; the others get their minimum and the rest of the room in
 *     proportion to max - min.
 *   - Else each column its minimum up to an even share of the room, and
 *     what is left in proportion to what they still lack (their words
 *     will break).
 * A pure function: no allocation, no font. */
double gl_table_widths(const double *min, const double *max, size_t n, double room, double *w);

/* Where a table goes. */
typedef struct gl_table_frame {
	double left, width;      /* the measure, points from the column's left */
	bool may_span;           /* with two columns, a table wider than the column
	                            may span both (not inside a quote or a list) */
	const double *rules;     /* the enclosing quotes' rules (gl_vitem.rules) */
	uint32_t nrules;
} gl_table_frame;

/* Sets a GALLEY_TABLE block as lines appended to `v` (table.c).  0 or a
 * negative galley_code. */
int gl_set_table(galley_layout *L, gl_vlist *v, const galley_block *table,
                 const gl_table_frame *frame, galley_error *err);

/* Builds the vertical list of one article: its header, its blocks, and
 * its notes (gl_build_notes). */
int gl_build_article(galley_layout *L, const galley_article *a, gl_vlist *v, galley_error *err);

/* Sets `blocks` into `v` as an article's are set, without a header, in
 * the column's measure at the layout's size.  `marker`, when not NULL, is
 * drawn at the left of the first line (a note's number): the first
 * paragraph's first line is indented by its width and `gap` points, or,
 * when the blocks do not open with a paragraph, it has a line of its own.
 * 0 or a negative code. */
int gl_build_blocks(galley_layout *L, const galley_block *blocks, const char *marker, double gap,
                    gl_vlist *v, galley_error *err);

/* How many items from `pos` (before `end`) go into a column `h` points
 * high, breaking only where the keeps allow when they can (page.c). */
size_t gl_fit(const gl_vlist *v, size_t pos, size_t end, double h);

/* Pours a vertical list onto pages (new page first); with two columns it
 * may add to a space of the list (see page.c).  Returns 0 or a negative
 * code.  `first_page` receives the index of its first page. */
int gl_paginate(galley_layout *L, gl_vlist *v, size_t *first_page, galley_error *err);

/* Whether the document is a digest: its publication title is set.  A
 * digest's PDF opens with a title page and a table of contents. */
bool gl_is_digest(const galley_doc *doc);

/* After the body is paginated: lays out the digest's title page and table
 * of contents and moves them before the body (L->nfront), shifting the
 * outline.  0 or a negative code. */
int gl_front_matter(galley_layout *L, galley_error *err);

/* Makes titled sections parents in the outline (their articles one level
 * down).  0 or GALLEY_ENOMEM. */
int gl_outline_sections(galley_layout *L, galley_error *err);

/* The section holding article `a`, NULL when not found. */
const galley_section *gl_section_of(const galley_doc *doc, const galley_article *a);

/* Writes n >= 1 as lower-case roman numerals into buf (16 bytes). */
void gl_roman(unsigned n, char buf[16]);

/* Adds an empty page; NULL on OOM. */
galley_dl_page *gl_page_new(galley_layout *L);
int gl_page_text(galley_dl_page *p, const galley_dl_text *t);
/* Appends a copy of the text run `t` to a vertical-list item (its array
 * lives in the layout's arena) and marks its face used.  0 or GALLEY_ENOMEM. */
int gl_item_text(galley_layout *L, gl_vitem *it, const galley_dl_text *t);
/* Appends a copy of the link area `l` to an item, the same way.  0 or
 * GALLEY_ENOMEM. */
int gl_item_link(galley_layout *L, gl_vitem *it, const galley_dl_link *l);
int gl_page_rect(galley_dl_page *p, const galley_dl_rect *r);
int gl_page_link(galley_dl_page *p, const galley_dl_link *l);
int gl_page_image(galley_dl_page *p, const galley_dl_image *im);
int gl_page_dest(galley_dl_page *p, const galley_dl_dest *d);
int gl_page_line(galley_dl_page *p, const galley_dl_line *l);

/* The document that collects warnings while laying out: `L->doc`, or in
 * a worker thread its private one (layout.c replays them in order).  Pass
 * 1 code must warn through this, never through L->doc directly. */
static inline galley_doc *gl_diag_doc(const galley_layout *L)
{
	return L->diag ? L->diag : L->doc;
}


#endif
