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
 *   assets.c       local images -> galley_asset (PNG decoded, JPEG measured)
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

typedef struct read_ctx {
	galley_doc *doc;
	const galley_read_options *opts;
	const char *file;       /* name used in positions, arena-owned */
	const char *base_dir;   /* folder that local images are relative to */
	galley_error *err;
	/* on a worker thread (ahead.c): an image, which goes into the
	 * document's shared asset table, is an error here, and the reader
	 * then reads the file itself */
	bool ahead;
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

/* assets.c: resolves the image URL of an inline at `pos` and loads it into
 * the document's asset table (once per resolved path).  *out is NULL for a
 * remote image (a warning is recorded).  Missing, refused, corrupt or
 * oversized images are errors at `pos`. */
int read_image(read_ctx *ctx, const char *url, const galley_pos *pos,
               const galley_asset **out);

/* assets.c: loads an image from a file already known to be allowed (the
 * caller checked the path), e.g. a digest cover.  Same errors as above. */
int read_image_file(read_ctx *ctx, const char *resolved, const galley_pos *pos,
                    const galley_asset **out);

#endif
