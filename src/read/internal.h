/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * read/internal.h: what the files of the reader share, private to src/read.
 *
 * The reader runs in phases, one file each:
 *
 *   text.c         bytes -> checked UTF-8 text: size limit, BOM, CRLF and CR
 *                  to LF, invalid UTF-8 refused, NUL and C0 controls replaced
 *   frontmatter.c  the fenced block at the top (--- YAML --- or +++ TOML +++)
 *                  -> a small tree of values (fm_node) -> galley_meta
 *   toml.c         the TOML subset Hugo and Zola write -> the same fm_node tree
 *   markdown.c     the body through cmark -> blocks and inlines of the model
 *   assets.c       local images -> galley_asset (PNG, GIF, WebP decoded, JPEG
 *                  measured, SVG through svg.c)
 *   svg.c          SVG images sanitised (libxml2) and measured (librsvg)
 *   read.c         the public entry points of galley/read.h
 *
 * Every phase reports errors with a position counted from the first line of
 * the file, so a phase that sees only part of the file is told where its
 * part starts.
 */
#ifndef GALLEY_READ_INTERNAL_H
#define GALLEY_READ_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "galley/model.h"
#include "galley/read.h"

/* ---- limits -------------------------------------------------------------- */

/* Largest input file.  A long article is ~100 KB; 64 MiB leaves room for a
 * book-length file while keeping the reader's buffers (the text is copied
 * up to twice) far below what a desktop machine or a CI runner has. */
#define GALLEY_READ_MAX_INPUT_BYTES ((size_t)64 * 1024 * 1024)

/* Deepest nesting of block containers (quotes, lists, items) and of
 * inlines (emphasis in a link in strong ...): the model's own limit.
 * cmark copes with any depth, but the writers walk the model recursively,
 * so deeper input is refused here with an error naming the limit. */
#define GALLEY_READ_MAX_BLOCK_DEPTH GALLEY_MAX_NESTING
#define GALLEY_READ_MAX_INLINE_DEPTH GALLEY_MAX_NESTING

/* Deepest nesting of front matter values (maps in lists in maps).  Only one
 * level is meaningful; unknown keys may hold a little structure. */
#define GALLEY_READ_MAX_FM_DEPTH 32

/* Largest image file and most pixels in one image.  50 megapixels is more
 * than a full-frame camera gives; decoded PNG pixels take 4 bytes each, so
 * the limit also bounds the decoder's memory to ~200 MB.  It is checked
 * against the header before any pixel is decoded. */
#define GALLEY_READ_MAX_IMAGE_BYTES ((size_t)64 * 1024 * 1024)
#define GALLEY_READ_MAX_IMAGE_PIXELS ((uint64_t)50 * 1000 * 1000)

/* ---- shared state of one read -------------------------------------------- */

/* read.c: all of the file at `path` (at most GALLEY_READ_MAX_INPUT_BYTES)
 * into a malloc'd buffer; a folder or an unreadable file is an error. */
int read_file_bytes(const char *path, char **data, size_t *len, galley_error *err);

/* ahead.c: a file checked, parsed and mapped into the model by a worker.
 * The article's metadata and blocks live in a document of its own
 * (`mapped`), whose nodes the reader moves into the real document. */
typedef struct read_prepared {
	const char *path;          /* as listed */
	galley_doc *mapped;        /* holds meta's strings and the blocks */
	galley_meta meta;
	galley_block *blocks;
	bool usable;               /* all went as in a clean plain read */
} read_prepared;

/* ahead.c: when `path` is the next file of `ra` and its preparation went
 * cleanly, moves it into *out (the caller then owns `mapped`) and returns
 * true; otherwise false (the caller reads the file itself).  Waits for a
 * worker still on it. */
bool read_ahead_take(galley_read_ahead *ra, const char *path, read_prepared *out);
void read_prepared_release(read_prepared *f);

typedef struct read_site read_site;
/* read.c: copies options of src->version (NULL: the defaults) into a
 * whole struct of this library's version, the fields src lacks at their
 * defaults. */
void read_options_copy(galley_read_options *dst, const galley_read_options *src);

typedef struct read_ctx {
	galley_doc *doc;
	const galley_read_options *opts;
	galley_read_options own; /* the caller's options, whole (read_options_copy) */
	const char *file;       /* name used in positions, arena-owned */
	const char *base_dir;   /* folder that local images are relative to */
	galley_error *err;
	/* on a worker thread (ahead.c): an image, which goes into the
	 * document's shared asset table, is an error here, and the reader
	 * then reads the file itself */
	bool ahead;
	/* the generator syntax of the body being mapped (site.c), from
	 * read_markdown_tree until read_map is done with it */
	read_site *site;
	/* remote images waiting for read_fetch_run (fetch.c); NULL: none */
	struct read_fetch_list *fetch_list;
	/* html.c: the kinds of HTML elements left out so far (scripts,
	 * forms), and where the first was, for one warning per file */
	uint32_t html_dropped;
	galley_pos html_dropped_pos;
} read_ctx;

/* text.c: checks and normalizes `data` into a new malloc'd, NUL-terminated
 * buffer (*out, *out_len): BOM removed, line endings LF, NUL and C0 control
 * characters other than TAB and LF replaced by U+FFFD with a warning.
 * Invalid UTF-8 is GALLEY_ESYNTAX at its line and column; a file over
 * GALLEY_READ_MAX_INPUT_BYTES is GALLEY_ELIMIT.  The caller frees *out. */
int read_text_normalize(read_ctx *ctx, const char *data, size_t len,
                        char **out, size_t *out_len);

/* ---- front matter -------------------------------------------------------- */

typedef enum fm_kind {
	FM_NULL,    /* an empty value: treated as absent */
	FM_STRING,
	FM_INTEGER, /* text holds the digits as written */
	FM_FLOAT,
	FM_BOOL,    /* text is "true" or "false" */
	FM_DATE,    /* a TOML date literal, text as written */
	FM_LIST,    /* children, without keys */
	FM_TABLE,   /* children, each with a key */
	FM_OTHER    /* anything else (a YAML alias): never a valid metadata value */
} fm_kind;

typedef struct fm_node fm_node;
struct fm_node {
	fm_kind kind;
	galley_pos pos;        /* of the value */
	galley_pos key_pos;    /* of the key, for table members */
	const char *key;       /* table members only, arena-owned */
	const char *text;      /* scalars, arena-owned, NUL-terminated */
	size_t len;
	fm_node *children;     /* FM_LIST, FM_TABLE */
	fm_node *last;         /* last child, for appending */
	fm_node *next;
};

/* frontmatter.c: finds front matter at the start of `text` (after
 * normalization).  On return *body points at the Markdown after it and
 * *body_line at the file line the body starts on (1 when there is no front
 * matter).  Front matter keys are stored in `meta` (strings in the arena).
 * Errors: unterminated block, syntax, wrong types, duplicate keys. */
int read_front_matter(read_ctx *ctx, const char *text, size_t len,
                      galley_meta *meta, const char **body, uint32_t *body_line);

/* Where the front matter and the body of `text` are, without parsing. */
typedef struct read_fm_split {
	bool found;            /* a fence opens the text */
	bool toml;             /* +++ rather than --- */
	const char *content;   /* between the fences */
	size_t content_len;
	const char *body;      /* the Markdown after the closing fence (text when none) */
	uint32_t body_line;    /* its file line */
} read_fm_split;

/* frontmatter.c: fills `out`; returns -1 when the opening fence is never
 * closed (read_front_matter reports that), else 0. */
int read_front_matter_split(const char *text, size_t len, read_fm_split *out);

/* frontmatter.c: the date in the name of the file at `path` when it has
 * one: Jekyll's "2019-04-25-title.md", or Zola's and Hugo's
 * "2019-04-25-title/index.md" (the folder's name); `out` untouched when
 * none. */
void read_fm_date_from_path(const char *path, galley_date *out);

/* Helpers for building fm_node trees (frontmatter.c); NULL on OOM. */
fm_node *read_fm_new(read_ctx *ctx, fm_kind kind, galley_pos pos);
void read_fm_append(fm_node *parent, fm_node *child);

/* toml.c: parses the TOML between the fences, `src` of `len` bytes whose
 * first line is file line `first_line`, into a new FM_TABLE in *out. */
int read_toml_parse(read_ctx *ctx, const char *src, size_t len, uint32_t first_line,
                    fm_node **out);

/* ---- body ---------------------------------------------------------------- */

/* markdown.c: parses the Markdown `body` (NUL-terminated, `len` bytes)
 * whose first line is file line `first_line` into a list of blocks. */
int read_markdown(read_ctx *ctx, const char *body, size_t len, uint32_t first_line,
                  galley_block **out);

/* The two halves of read_markdown: cmark's parse of `body` (touches no
 * document, so it may run on another thread; NULL when out of memory),
 * and the mapping of that tree into blocks, which frees it. */
struct cmark_node *read_markdown_parse(const galley_read_options *opts, const char *body, size_t len);
int read_markdown_tree(read_ctx *ctx, struct cmark_node *root, const char *body, size_t len,
                       uint32_t first_line, galley_block **out);
void read_markdown_tree_free(struct cmark_node *root);

/* markdown.c: whether a link or image URL uses a scheme galley never
 * writes (javascript:, vbscript:, data:, file:), as browsers read it. */
bool read_unsafe_url(const char *url);

/* ---- HTML ---------------------------------------------------------------- */

/* Most HTML parsed at once (an article's HTML blocks from the first on,
 * or one paragraph's tags), bytes.  gumbo's tree takes some 30 bytes per
 * byte of input; a long HTML-heavy post holds a few hundred KB. */
#define GALLEY_READ_MAX_HTML_BYTES ((size_t)8 * 1024 * 1024)

/* Deepest nesting of elements parsed, as html.c bounds it before the
 * parse.  gumbo's tree construction costs time in proportion to the
 * depth for every tag (20,000 nested <div> take seconds); real HTML nests
 * a few dozen levels.  HTML past either limit is shown as written, with a
 * warning. */
#define GALLEY_READ_MAX_HTML_DEPTH 256

/* What html.c parses: the raw HTML of blocks or of inline tags, with the
 * Markdown between them already mapped. */
typedef enum read_html_kind {
	READ_HTML_MARKUP,   /* HTML as the author wrote it */
	READ_HTML_BLOCKS,   /* Markdown blocks between HTML blocks */
	READ_HTML_INLINES   /* Markdown inlines between tags */
} read_html_kind;

typedef struct read_html_piece {
	read_html_kind kind;
	const char *text;       /* MARKUP: the HTML; BLOCKS: the blocks' Markdown
	                           source, which stands for them inside <pre> */
	size_t len;
	galley_pos pos;         /* where text starts in the file */
	uint32_t gap;           /* line ends between the previous piece and this one */
	galley_block *blocks;   /* BLOCKS: mapped, may be NULL */
	galley_inline *inlines; /* INLINES: mapped, may be NULL */
} read_html_piece;

/* html.c: parses the pieces as one HTML fragment (HTML5's rules, with
 * gumbo, loaded on first use) and maps it into blocks that sit `depth`
 * levels deep (read_html_blocks), or into the inlines of a run `depth`
 * levels deep (read_html_inlines, which makes no block).  Each BLOCKS or
 * INLINES piece appears where the HTML puts it, at most once.  Elements
 * left out are remembered in ctx for read_html_done.  Errors: an image's,
 * GALLEY_ELIMIT (nesting), GALLEY_EIO (gumbo cannot be loaded),
 * GALLEY_ENOMEM. */
int read_html_blocks(read_ctx *ctx, const read_html_piece *pieces, size_t n, int depth,
                     galley_block **out);
int read_html_inlines(read_ctx *ctx, const read_html_piece *pieces, size_t n, int depth,
                      galley_inline **out);

/* html.c: the one warning of a file that names the HTML elements left
 * out (scripts, styles, forms), when there were any. */
int read_html_done(read_ctx *ctx);

/* html.c: whether raw HTML is only comments (and white space), which are
 * dropped silently without a parse. */
bool read_html_is_comment(const char *s, size_t len);

/* read.c: the front matter and the body of `text` (normalized, text_len
 * bytes) as an article's metadata and blocks, allocated in ctx->doc but
 * not added to it.  `root` is cmark's parse of the body when it was made
 * already (read_markdown_parse), else NULL; it is consumed. */
int read_map(read_ctx *ctx, const char *text, size_t text_len, struct cmark_node *root,
             galley_meta *meta, galley_block **blocks);

/* ---- generator syntax and math (site.c, emoji.c) ------------------------- */

/* Bytes the reader writes into the copy of a body that cmark parses, and
 * takes out of everything cmark gives back.  Checked text never holds
 * them (read_text_normalize replaces every C0 control but TAB and LF), so
 * they cannot be confused with the author's text, and each replaces as
 * many bytes as it stands for, so cmark's lines and columns stay true.
 *
 * READ_ESC + one of READ_ESC_LBRACKET..READ_ESC_RPAREN stands for a
 * backslash and a bracket or parenthesis ("\(" or the second half of
 * "\\("), which cmark would otherwise unescape before galley could tell
 * math delimiters from escaped punctuation.  READ_MARK, index digits
 * (READ_MARK_DIGIT + 0..15, most significant first) and READ_MARK_FILL
 * bytes stand for a template tag or an attribute list: opaque to cmark
 * wherever it is, restored or interpreted once cmark says where it is. */
#define READ_ESC 0x01
#define READ_ESC_LBRACKET 0x02
#define READ_ESC_RBRACKET 0x03
#define READ_ESC_LPAREN 0x04
#define READ_ESC_RPAREN 0x05
#define READ_MARK 0x0E
#define READ_MARK_FILL 0x0F
#define READ_MARK_DIGIT 0x10

/* Inside display math written on lines of its own ("$$" alone on a line,
 * the TeX, "$$" alone on a line), a line that starts with a character
 * that would open a Markdown block ("+ b" an item, "> x" a quote) has
 * that character replaced by one of these bytes, so that the formula
 * stays one paragraph for cmark (site.c's line_codes says which stands
 * for which); read_site_restore puts it back in every context.  A lone
 * byte of 0x10..0x17 is one of them; after READ_MARK it is a digit. */
#define READ_LINE_CODES "\x06\x07\x08\x10\x11\x12\x13\x14\x15\x16\x17"

/* How a string cmark gives back is restored (read_site_restore). */
typedef enum read_restore {
	READ_RESTORE_TEXT,    /* prose: escapes unescaped, tags kept for read_site_finish */
	READ_RESTORE_LITERAL, /* code, raw HTML, math: the author's bytes exactly */
	READ_RESTORE_URL,     /* a link or image URL: escapes unescaped, URL tags
	                         evaluated ({{ site.baseurl }}, {% post_url x %}, ...),
	                         others removed */
	READ_RESTORE_PLAIN    /* a link title: escapes unescaped, tags removed */
} read_restore;

/* site.c: finds the generator syntax of a body (Liquid {% %} and {{ }},
 * Hugo {{< >}} and {{% %}}, kramdown {: }, attribute blocks {#id .c})
 * whose first line is file line `first_line`.  NULL when out of memory. */
read_site *read_site_scan(const char *body, size_t len, uint32_t first_line);
void read_site_free(read_site *site);

/* site.c: a copy of the body (as many bytes) with the escapes and tags
 * replaced as described above, for cmark to parse; malloc'ed, NULL on OOM. */
char *read_site_protect(const read_site *site);

/* site.c: notes that the tags whose placeholders are in `s` (a text
 * node's literal) stand in prose, not in code. */
void read_site_mark_text(read_site *site, const char *s);

/* site.c: when a Jekyll or Hugo highlight block or a Liquid comment block
 * was found in prose (read_site_mark_text), a new copy of `text` (the
 * protected body) in which highlight blocks are fenced code blocks and
 * comment blocks blank; NULL with *oom false when there is none. */
char *read_site_regions(read_site *site, const char *text, bool *oom);

/* site.c: `s` restored as `mode` says, malloc'ed; NULL on OOM.  Tags
 * removed from URLs and titles are recorded for read_site_finish's
 * warning. */
char *read_site_restore(read_site *site, const char *s, read_restore mode);

/* site.c: the model pass of a mapped article (ctx->site): tags in text
 * removed (one warning per file names them), heading ids from {#id} and
 * {: #id}, kramdown attribute lists removed, GitHub alerts into
 * call-outs, :shortcodes: into emoji, one warning when there is math,
 * and, for an article without a title, its first heading of level 1 as
 * the title (and out of the text). */
int read_site_finish(read_ctx *ctx, galley_meta *meta, galley_block **blocks);

/* emoji.c: the characters of GitHub's emoji shortcode `name` (`len`
 * bytes, without colons), or NULL. */
const char *read_emoji_lookup(const char *name, size_t len);
/* read_image's result for an image that cannot be used: a warning at its
 * position says why, and the writers show a placeholder (the inline's
 * `missing`). */
#define READ_IMAGE_MISSING 1

/* assets.c: resolves the image URL of an inline at `pos` and loads it into
 * the document's asset table (once per resolved path).  Returns 0 with
 * *out set; 0 with *out NULL for a remote image not fetched or an empty
 * URL (a warning is recorded; the alt text is shown); READ_IMAGE_MISSING
 * with *out NULL for an image missing, refused, corrupt, oversized or of
 * an unknown type (a warning at `pos` says which); GALLEY_ENOMEM. */
int read_image(read_ctx *ctx, const char *url, const galley_pos *pos,
               const galley_asset **out);

/* assets.c: the image of the inline `in` (its url) at `pos`: sets
 * in->asset, or in->missing when it cannot be used (a warning says why);
 * a remote image, when the options have a fetcher, waits for
 * read_fetch_run.  0 or GALLEY_ENOMEM (GALLEY_EASSET on a read-ahead
 * worker, whose images are the reader's). */
int read_image_inline(read_ctx *ctx, galley_inline *in, const galley_pos *pos);

/* assets.c: an image from `bytes` (arena memory the asset may keep),
 * known as `key` in the asset table and `shown` in messages; the checks
 * and errors of a local file's. */
int read_image_bytes(read_ctx *ctx, const char *key, const char *shown, const galley_pos *pos,
                     unsigned char *bytes, size_t size, const galley_asset **out);

/* fetch.c: remote images of an article, waiting to be downloaded. */
typedef struct read_fetch_list read_fetch_list;

/* fetch.c: adds the remote image of `in` at `pos` to ctx's list.  0 or
 * GALLEY_ENOMEM. */
int read_fetch_defer(read_ctx *ctx, galley_inline *in, const galley_pos *pos);

/* fetch.c: downloads the images of ctx's list through ctx->opts->fetch
 * and sets their inlines' asset or missing (warnings say why); empties
 * the list.  0 or GALLEY_ENOMEM. */
int read_fetch_run(read_ctx *ctx);

/* fetch.c: frees a list without downloading (after an error). */
void read_fetch_list_free(read_fetch_list *l);

/* svg.c: whether `data` may be an SVG (text starting with '<'). */
bool read_svg_sniff(const unsigned char *data, size_t len);

/* svg.c: sanitises the SVG `data` (arena memory the asset may keep) and
 * measures it into `a` (bytes, size, width, height, media_type); a
 * warning says what was removed.  Errors into `err` at `pos`:
 * GALLEY_EASSET (not an SVG, corrupt, an external entity, librsvg cannot
 * read it), GALLEY_ENOMEM. */
int read_svg_load(read_ctx *ctx, const char *shown, const galley_pos *pos, galley_error *err,
                  const unsigned char *data, size_t len, galley_asset *a);

/* assets.c: loads an image from a file already known to be allowed (the
 * caller checked the path), e.g. a digest cover.  Same errors as above. */
int read_image_file(read_ctx *ctx, const char *resolved, const galley_pos *pos,
                    const galley_asset **out);

#endif
