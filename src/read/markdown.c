/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * read/markdown.c: the cmark-gfm adapter.  Parses a body as GitHub
 * Flavored Markdown (CommonMark 0.29 with GFM's tables, strikethrough,
 * autolinks, task lists and footnotes: https://github.github.com/gfm/)
 * and maps every node into the model.
 *
 *   document        -> the article's block list
 *   paragraph       -> GALLEY_PARAGRAPH, or GALLEY_FIGURE when its only
 *                      content is one image (blanks and line breaks aside)
 *   heading         -> GALLEY_HEADING (level)
 *   block_quote     -> GALLEY_QUOTE
 *   list, item      -> GALLEY_LIST (ordered, start, tight), GALLEY_ITEM
 *   code_block      -> GALLEY_CODEBLOCK (info string, text)
 *   thematic_break  -> GALLEY_RULE
 *   html_block      -> dropped with a warning, or a GALLEY_CODEBLOCK holding
 *                      the HTML as literal text (keep_raw_html)
 *   text, code      -> GALLEY_TEXT (adjacent text nodes merged), GALLEY_CODE
 *   softbreak, linebreak -> GALLEY_SOFTBREAK, GALLEY_HARDBREAK
 *   html_inline     -> dropped with a warning (the text between tags stays),
 *                      or GALLEY_TEXT with the literal markup (keep_raw_html)
 *   emph, strong    -> GALLEY_EMPH, GALLEY_STRONG
 *   link            -> GALLEY_LINK; javascript:, vbscript:, data: and file:
 *                      URLs become NULL with a warning, the text stays
 *   image           -> GALLEY_IMAGE with its asset (see assets.c)
 *   custom_*        -> never produced by the parser; their children are kept
 *   table, table_header, table_row, table_cell
 *                   -> GALLEY_TABLE (columns, alignments), GALLEY_TABLE_ROW
 *                      (header), GALLEY_TABLE_CELL; short rows are padded
 *                      with empty cells
 *   strikethrough   -> GALLEY_STRIKE
 *   tasklist (item) -> GALLEY_ITEM with its task state
 *   footnote_reference -> GALLEY_NOTEREF (number, which reference)
 *   footnote_definition -> GALLEY_FOOTNOTE, after the article's other blocks
 *                      (the reader moves them to the article's notes);
 *                      numbered in the order of first reference, as
 *                      cmark-gfm orders them; unused ones are dropped by
 *                      cmark-gfm
 *   math (galley's own inline extension, below)
 *                   -> GALLEY_MATH, or GALLEY_MATH_BLOCK for display math,
 *                      which splits its paragraph
 *
 * Generator syntax (read/site.c): the body cmark parses is a copy in which
 * template tags and the escapes "\\(" "\\[" are placeholders of the same
 * length; every string taken from cmark is restored by its context
 * (restore_tree) before it is mapped.
 *
 * cmark parses any nesting depth without recursion; this mapper recurses,
 * and so do the writers after it, so depth is counted here and a document
 * deeper than GALLEY_MAX_NESTING (model.h) is an error that
 * names the limit.  cmark's line numbers count from the body; the front
 * matter's lines are added back.
 *
 * Size: over 1,100 lines since GFM and math: the node mapping is one
 * switch over cmark-gfm's node types; the table and footnote mapping and
 * the math extension are the parts to move out next (read/gfm.c).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "base/vec.h"
#include "read/internal.h"

/* A footnote definition, found before the references are mapped. */
typedef struct md_note {
	cmark_node *node;     /* the definition in cmark's tree */
	galley_block *block;  /* the GALLEY_FOOTNOTE, numbered */
} md_note;

typedef struct md_map {
	read_ctx *ctx;
	uint32_t line_offset; /* file line of body line 1, minus 1 */
	uint32_t *line_len;   /* bytes of each body line, without its LF; [0] unused */
	uint32_t *line_at;    /* where each body line starts (made when HTML needs it) */
	uint32_t nlines;
	md_note *notes;       /* by number - 1 */
	size_t nnotes;
	const char *body;     /* the text parsed */
} md_map;

/* The GFM extensions galley maps (tagfilter only matters to cmark's own
 * HTML renderer, which galley does not use). */
static const char *const md_extensions[] = {"table", "strikethrough", "autolink", "tasklist"};

/* galley's math extension (below): its node types, made once */
static cmark_node_type md_math_inline, md_math_display;

/* Whether `node` is of the extension node type `name` ("table", ...):
 * extension types are numbered at registration, so they are told apart
 * by name. */
static bool is_ext(cmark_node *node, const char *name)
{
	return cmark_node_get_syntax_extension(node) != NULL &&
	       strcmp(cmark_node_get_type_string(node), name) == 0;
}

static int oom(md_map *m)
{
	return galley_error_set(m->ctx->err, GALLEY_ENOMEM, NULL, "out of memory reading %s",
	                        m->ctx->file);
}

/* The file position of a node; `fallback` when cmark has none.
 *
 * cmark 0.30 gives inline positions that drift after a backslash hard
 * break (the column runs on past the end of the line) and a bogus column
 * for autolinks.  A column beyond its line is carried over to the lines
 * that follow, which puts the position back on the right line; a position
 * beyond the body falls back to the parent's. */
static galley_pos node_pos(md_map *m, cmark_node *node, const galley_pos *fallback)
{
	galley_pos pos;
	int line = cmark_node_get_start_line(node), col = cmark_node_get_start_column(node);
	uint32_t l, c;

	if (line <= 0 || col <= 0) {
		if (fallback != NULL)
			return *fallback;
		line = 1;
		col = 1;
	}
	l = (uint32_t)line;
	c = (uint32_t)col;
	while (l <= m->nlines && c > m->line_len[l] + 1) {
		c -= m->line_len[l] + 1;
		l++;
	}
	if (l > m->nlines && fallback != NULL && m->nlines > 0)
		return *fallback;
	pos.file = m->ctx->file;
	pos.line = l + m->line_offset;
	pos.column = c;
	return pos;
}

/* Measures the lines of the body for node_pos. */
static int measure_lines(md_map *m, const char *body, size_t len)
{
	size_t i, n = 1, start = 0;
	for (i = 0; i < len; i++)
		if (body[i] == '\n')
			n++;
	m->line_len = malloc((n + 1) * sizeof *m->line_len);
	if (m->line_len == NULL)
		return -1;
	m->nlines = 0;
	for (i = 0; i <= len; i++) {
		if (i == len || body[i] == '\n') {
			m->line_len[++m->nlines] = (uint32_t)(i - start);
			start = i + 1;
		}
	}
	return 0;
}

static const char *literal(cmark_node *node)
{
	const char *s = cmark_node_get_literal(node);
	return s != NULL ? s : "";
}

/* A short excerpt of a URL for a warning: one line, at most ~40 bytes,
 * cut at a character boundary. */
static void excerpt(const char *s, char out[64])
{
	size_t n = 0;
	bool more;
	while (*s == ' ' || *s == '\n')
		s++;
	while (s[n] != '\0' && s[n] != '\n' && n < 40)
		n++;
	while (n > 0 && s[n] != '\0' && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	more = s[n] != '\0' && !(s[n] == '\n' && s[n + 1] == '\0');
	memcpy(out, s, n);
	strcpy(out + n, more ? "..." : "");
}

/* Whether a link URL uses a scheme galley never writes.  Browsers ignore
 * leading C0 controls and spaces and remove tabs and newlines anywhere, so
 * "  java\tscript:" is javascript: too. */
bool read_unsafe_url(const char *url)
{
	static const char *const schemes[] = {"javascript", "vbscript", "data", "file", NULL};
	char scheme[16];
	size_t n = 0;
	size_t i;

	while (*url != '\0' && (unsigned char)*url <= 0x20)
		url++;
	for (; *url != '\0' && *url != ':'; url++) {
		unsigned char c = (unsigned char)*url;
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (n + 1 >= sizeof scheme)
			return false;
		scheme[n++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
	}
	if (*url != ':')
		return false;
	scheme[n] = '\0';
	for (i = 0; schemes[i] != NULL; i++)
		if (strcmp(scheme, schemes[i]) == 0)
			return true;
	return false;
}

static int warn(md_map *m, const galley_pos *pos, const char *what, const char *detail)
{
	if (galley_doc_warn(m->ctx->doc, GALLEY_WARNING, pos, "%s%s", what, detail) < 0)
		return oom(m);
	return 0;
}

/* ---- inlines --------------------------------------------------------------- */

static int map_inlines(md_map *m, cmark_node *first, const galley_pos *parent_pos, int depth,
                       galley_inline **out);

/* Maps the text nodes starting at *node into one GALLEY_TEXT; *node is
 * left at the last of them. */
static int map_text_run(md_map *m, cmark_node **node, const galley_pos *pos,
                        galley_inline **out)
{
	cmark_node *n, *last = *node;
	size_t total = 0, at = 0, len;
	galley_inline *in;
	char *text;

	for (n = *node; n != NULL && cmark_node_get_type(n) == CMARK_NODE_TEXT;
	     n = cmark_node_next(n)) {
		total += strlen(literal(n));
		last = n;
	}
	in = galley_doc_new_inline(m->ctx->doc, GALLEY_TEXT, *pos);
	text = galley_doc_alloc(m->ctx->doc, total + 1);
	if (in == NULL || text == NULL)
		return oom(m);
	for (n = *node;; n = cmark_node_next(n)) {
		len = strlen(literal(n));
		memcpy(text + at, literal(n), len);
		at += len;
		if (n == last)
			break;
	}
	text[total] = '\0';
	in->text = text;
	in->len = total;
	*node = last;
	*out = in;
	return 0;
}

/* A footnote reference: its note's number and which reference it is.
 * cmark-gfm gives a reference its definition's number as its literal
 * ("1", "2": definitions are numbered in the order of first reference,
 * as find_notes numbers them). */
static int map_noteref(md_map *m, cmark_node *node, const galley_pos *pos, galley_inline **out)
{
	const char *lit = literal(node);
	char *end;
	long n = strtol(lit, &end, 10);
	galley_block *note;
	galley_inline *in;

	if (*lit == '\0' || *end != '\0' || n < 1 || (size_t)n > m->nnotes)
		return galley_error_set(m->ctx->err, GALLEY_EINTERNAL, pos,
		                        "footnote reference '%s' to no definition", lit);
	note = m->notes[n - 1].block;
	in = galley_doc_new_inline(m->ctx->doc, GALLEY_NOTEREF, *pos);
	if (in == NULL)
		return oom(m);
	in->note = note;
	in->number = note->number;
	in->ref = ++note->refs;
	*out = in;
	return 0;
}

/* Maps one non-text inline; *out is NULL when it is dropped. */
static int map_inline(md_map *m, cmark_node *node, const galley_pos *pos, int depth,
                      galley_inline **out)
{
	galley_doc *doc = m->ctx->doc;
	galley_inline *in = NULL;
	const char *url, *title;
	char snippet[64];
	int rc = 0;

	*out = NULL;
	if (cmark_node_get_type(node) == md_math_inline || cmark_node_get_type(node) == md_math_display) {
		/* display math inside a heading, a cell or a link is set inline */
		in = galley_doc_new_inline(doc, GALLEY_MATH, *pos);
		if (in == NULL || (in->text = galley_doc_strdup(doc, cmark_node_get_string_content(node))) == NULL)
			return oom(m);
		in->len = strlen(in->text);
		*out = in;
		return 0;
	}
	if (is_ext(node, "strikethrough")) {
		in = galley_doc_new_inline(doc, GALLEY_STRIKE, *pos);
		if (in == NULL)
			return oom(m);
		*out = in;
		return map_inlines(m, cmark_node_first_child(node), pos, depth + 1, &in->children);
	}
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		return map_noteref(m, node, pos, out);
	case CMARK_NODE_CODE:
		in = galley_doc_new_inline(doc, GALLEY_CODE, *pos);
		if (in == NULL || (in->text = galley_doc_strdup(doc, literal(node))) == NULL)
			return oom(m);
		in->len = strlen(in->text);
		break;
	case CMARK_NODE_SOFTBREAK:
		in = galley_doc_new_inline(doc, GALLEY_SOFTBREAK, *pos);
		break;
	case CMARK_NODE_LINEBREAK:
		in = galley_doc_new_inline(doc, GALLEY_HARDBREAK, *pos);
		break;
	case CMARK_NODE_HTML_INLINE:
		if (!m->ctx->opts->keep_raw_html)  /* a comment: the other tags went to html.c */
			return 0;
		in = galley_doc_new_inline(doc, GALLEY_TEXT, *pos);
		if (in == NULL || (in->text = galley_doc_strdup(doc, literal(node))) == NULL)
			return oom(m);
		in->len = strlen(in->text);
		break;
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
	case CMARK_NODE_CUSTOM_INLINE:
		if (cmark_node_get_type(node) == CMARK_NODE_CUSTOM_INLINE &&
		    cmark_node_first_child(node) == NULL)
			return 0;
		in = galley_doc_new_inline(doc, cmark_node_get_type(node) == CMARK_NODE_STRONG
		                                    ? GALLEY_STRONG : GALLEY_EMPH, *pos);
		if (in == NULL)
			return oom(m);
		if (cmark_node_get_type(node) == CMARK_NODE_CUSTOM_INLINE) {
			/* no type for it: its children stand in its place */
			return map_inlines(m, cmark_node_first_child(node), pos, depth + 1, out);
		}
		rc = map_inlines(m, cmark_node_first_child(node), pos, depth + 1, &in->children);
		break;
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE: {
		bool image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
		in = galley_doc_new_inline(doc, image ? GALLEY_IMAGE : GALLEY_LINK, *pos);
		if (in == NULL)
			return oom(m);
		url = cmark_node_get_url(node);
		title = cmark_node_get_title(node);
		if (title != NULL && *title != '\0' && (in->title = galley_doc_strdup(doc, title)) == NULL)
			return oom(m);
		if (url != NULL && read_unsafe_url(url)) {
			excerpt(url, snippet);
			if ((rc = warn(m, pos, image ? "unsafe image URL dropped: " : "unsafe link URL dropped: ",
			               snippet)) < 0)
				return rc;
		} else if ((in->url = galley_doc_strdup(doc, url != NULL ? url : "")) == NULL) {
			return oom(m);
		}
		if (image && in->url != NULL && (rc = read_image_inline(m->ctx, in, pos)) < 0)
			return rc;
		rc = map_inlines(m, cmark_node_first_child(node), pos, depth + 1, &in->children);
		break;
	}
	default:
		return galley_error_set(m->ctx->err, GALLEY_EINTERNAL, pos,
		                        "unexpected cmark node '%s' among inlines",
		                        cmark_node_get_type_string(node));
	}
	if (in == NULL)
		return oom(m);
	*out = in;
	return rc;
}

static bool has_html(md_map *m, cmark_node *first);
static int map_html_inlines(md_map *m, cmark_node *first, const galley_pos *parent_pos, int depth,
                            bool flow, galley_inline **inlines, galley_block **blocks);

/* Maps a list of sibling inlines starting at `first`. */
static int map_inlines(md_map *m, cmark_node *first, const galley_pos *parent_pos, int depth,
                       galley_inline **out)
{
	galley_inline *head = NULL, **tail = &head, *in, *last = NULL;
	cmark_node *node;
	galley_pos pos;
	int rc;

	*out = NULL;
	if (first == NULL)
		return 0;
	if (depth > GALLEY_READ_MAX_INLINE_DEPTH)
		return galley_error_set(m->ctx->err, GALLEY_ELIMIT, parent_pos,
		                        "inlines nested deeper than GALLEY_MAX_NESTING (%d levels)",
		                        GALLEY_READ_MAX_INLINE_DEPTH);
	if (has_html(m, first))
		return map_html_inlines(m, first, parent_pos, depth, false, out, NULL);
	for (node = first; node != NULL; node = cmark_node_next(node)) {
		pos = node_pos(m, node, last != NULL ? &last->pos : parent_pos);
		if (cmark_node_first_child(node) != NULL) {
			/* an inline never starts after its own content (autolinks) */
			galley_pos inner = node_pos(m, cmark_node_first_child(node), &pos);
			if (inner.line < pos.line || (inner.line == pos.line && inner.column <= pos.column)) {
				pos = inner;
				if (pos.column > 1)
					pos.column--;
			}
		}
		if (cmark_node_get_type(node) == CMARK_NODE_TEXT)
			rc = map_text_run(m, &node, &pos, &in);
		else
			rc = map_inline(m, node, &pos, depth, &in);
		if (rc < 0)
			return rc;
		/* a custom inline may yield several; link them all */
		while (in != NULL) {
			*tail = in;
			tail = &in->next;
			last = in;
			in = in->next;
		}
	}
	*out = head;
	return 0;
}

/* ---- blocks ---------------------------------------------------------------- */

static bool blank_text(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

/* The single image of a paragraph that holds nothing else, or NULL. */
static cmark_node *lone_image(cmark_node *para)
{
	cmark_node *n, *image = NULL;
	for (n = cmark_node_first_child(para); n != NULL; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_IMAGE:
			if (image != NULL)
				return NULL;
			image = n;
			break;
		case CMARK_NODE_TEXT:
			if (!blank_text(literal(n)))
				return NULL;
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			break;
		default:
			return NULL;
		}
	}
	return image;
}

static int map_blocks(md_map *m, cmark_node *first, int depth, galley_block **out);

/* Appends `n` empty cells to a row's cell list ending at *tail. */
static int pad_cells(md_map *m, galley_block ***tail, const galley_pos *pos, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		galley_block *cell = galley_doc_new_block(m->ctx->doc, GALLEY_TABLE_CELL, *pos);
		if (cell == NULL)
			return oom(m);
		**tail = cell;
		*tail = &cell->next;
	}
	return 0;
}

/* A table, one of its rows or one of its cells (GFM's table extension). */
static int map_table_part(md_map *m, cmark_node *node, galley_pos pos, int depth, galley_block **out)
{
	galley_doc *doc = m->ctx->doc;
	galley_block *b;
	int rc = 0;

	*out = NULL;
	if (is_ext(node, "table")) {
		uint16_t n = cmark_gfm_extensions_get_table_columns(node);
		const uint8_t *al = cmark_gfm_extensions_get_table_alignments(node);
		galley_align *align;

		b = galley_doc_new_block(doc, GALLEY_TABLE, pos);
		align = galley_doc_alloc(doc, (n ? n : 1) * sizeof *align);
		if (b == NULL || align == NULL)
			return oom(m);
		for (uint16_t i = 0; i < n; i++)
			align[i] = al == NULL ? GALLEY_ALIGN_NONE
			         : al[i] == 'l' ? GALLEY_ALIGN_LEFT
			         : al[i] == 'c' ? GALLEY_ALIGN_CENTER
			         : al[i] == 'r' ? GALLEY_ALIGN_RIGHT : GALLEY_ALIGN_NONE;
		b->ncols = n ? n : 1;
		b->align = align;
		rc = map_blocks(m, cmark_node_first_child(node), depth + 1, &b->children);
		/* every row has exactly ncols cells */
		for (galley_block *row = b->children; rc == 0 && row != NULL; row = row->next) {
			galley_block **tail = &row->children;
			size_t cells = 0;
			while (*tail != NULL && cells < b->ncols) {
				tail = &(*tail)->next;
				cells++;
			}
			*tail = NULL;
			rc = pad_cells(m, &tail, &row->pos, b->ncols - cells);
		}
	} else if (is_ext(node, "table_header") || is_ext(node, "table_row")) {
		b = galley_doc_new_block(doc, GALLEY_TABLE_ROW, pos);
		if (b == NULL)
			return oom(m);
		b->header = is_ext(node, "table_header");
		rc = map_blocks(m, cmark_node_first_child(node), depth + 1, &b->children);
	} else if (is_ext(node, "table_cell")) {
		b = galley_doc_new_block(doc, GALLEY_TABLE_CELL, pos);
		if (b == NULL)
			return oom(m);
		rc = map_inlines(m, cmark_node_first_child(node), &pos, 0, &b->inlines);
	} else {
		return galley_error_set(m->ctx->err, GALLEY_EINTERNAL, &pos,
		                        "unexpected cmark-gfm node '%s' among blocks",
		                        cmark_node_get_type_string(node));
	}
	*out = b;
	return rc;
}

/* The label of a footnote definition ("note" of "[^note]: ..."), read
 * from the source: cmark-gfm keeps it only internally.  The definition's
 * line holds "[^label]:" before the column where its text starts. */
static const char *def_label(md_map *m, cmark_node *def)
{
	int line = cmark_node_get_start_line(def), col = cmark_node_get_start_column(def);
	const char *s = m->body, *open, *close;
	size_t at = 0;

	for (int l = 1; l < line && l <= (int)m->nlines; l++)
		at += m->line_len[l] + 1;
	if (line < 1 || line > (int)m->nlines || col < 1)
		return galley_doc_strdup(m->ctx->doc, "");
	s += at;
	open = memchr(s, '[', m->line_len[line]);
	close = open ? memchr(open, ']', m->line_len[line] - (size_t)(open - s)) : NULL;
	if (open == NULL || close == NULL || open[1] != '^')
		return galley_doc_strdup(m->ctx->doc, "");
	/* on a copy of the text: the label may hold any characters */
	return galley_doc_strndup(m->ctx->doc, open + 2, (size_t)(close - open - 2));
}

/* Numbers the footnote definitions (the document's last children, in the
 * order of first reference) before the references are met. */
static int find_notes(md_map *m, cmark_node *root)
{
	size_t n = 0;

	for (cmark_node *c = cmark_node_first_child(root); c != NULL; c = cmark_node_next(c))
		if (cmark_node_get_type(c) == CMARK_NODE_FOOTNOTE_DEFINITION)
			n++;
	if (n == 0)
		return 0;
	if ((m->notes = calloc(n, sizeof *m->notes)) == NULL)
		return oom(m);
	for (cmark_node *c = cmark_node_first_child(root); c != NULL; c = cmark_node_next(c)) {
		galley_block *b;
		if (cmark_node_get_type(c) != CMARK_NODE_FOOTNOTE_DEFINITION)
			continue;
		b = galley_doc_new_block(m->ctx->doc, GALLEY_FOOTNOTE, node_pos(m, c, NULL));
		if (b == NULL || (b->label = def_label(m, c)) == NULL)
			return oom(m);
		b->number = (int)m->nnotes + 1;
		m->notes[m->nnotes].node = c;
		m->notes[m->nnotes++].block = b;
	}
	return 0;
}

/* Whether an inline is a line break, or blank text. */
static bool line_edge(cmark_node *n)
{
	return n == NULL || cmark_node_get_type(n) == CMARK_NODE_SOFTBREAK ||
	       cmark_node_get_type(n) == CMARK_NODE_LINEBREAK ||
	       (cmark_node_get_type(n) == CMARK_NODE_TEXT && blank_text(literal(n)));
}

/* Whether `n` is display math standing on lines of its own: "$$x$$" in
 * the middle of a sentence is inline math, as kramdown (Jekyll's
 * Markdown) reads it. */
static bool display_math(cmark_node *n)
{
	return cmark_node_get_type(n) == md_math_display && line_edge(cmark_node_previous(n)) &&
	       line_edge(cmark_node_next(n));
}

/* Whether a paragraph holds display math among its own inlines. */
static bool has_display_math(cmark_node *para)
{
	for (cmark_node *n = cmark_node_first_child(para); n != NULL; n = cmark_node_next(n))
		if (display_math(n))
			return true;
	return false;
}

/* A paragraph with display math: the math on its own lines, as a
 * GALLEY_MATH_BLOCK, and the prose around it as paragraphs of their own
 * (breaks at the cuts dropped). */
static int map_math_paragraph(md_map *m, cmark_node *para, galley_pos pos, galley_block **out)
{
	galley_block *head = NULL, **tail = &head;
	cmark_node *n = cmark_node_first_child(para);
	int rc;

	*out = NULL;
	while (n != NULL) {
		galley_block *b;
		if (display_math(n)) {
			const char *tex = cmark_node_get_string_content(n);
			size_t len = strlen(tex);
			/* the TeX's own first and last line breaks belong to the fence */
			while (len > 0 && (tex[len - 1] == '\n' || tex[len - 1] == ' '))
				len--;
			while (len > 0 && (*tex == '\n' || *tex == ' ')) {
				tex++;
				len--;
			}
			b = galley_doc_new_block(m->ctx->doc, GALLEY_MATH_BLOCK, pos);
			if (b == NULL || (b->text = galley_doc_strndup(m->ctx->doc, tex, len)) == NULL)
				return oom(m);
			b->len = len;
			n = cmark_node_next(n);
		} else {
			cmark_node *first = n, *stop;
			galley_inline *in, **itail;
			galley_pos ipos;
			for (stop = n; stop != NULL && !display_math(stop); stop = cmark_node_next(stop))
				;
			b = galley_doc_new_block(m->ctx->doc, GALLEY_PARAGRAPH, pos);
			if (b == NULL)
				return oom(m);
			itail = &b->inlines;
			for (n = first; n != stop; n = cmark_node_next(n)) {
				ipos = node_pos(m, n, &pos);
				if (cmark_node_get_type(n) == CMARK_NODE_TEXT)
					rc = map_text_run(m, &n, &ipos, &in);
				else
					rc = map_inline(m, n, &ipos, 0, &in);
				if (rc < 0)
					return rc;
				for (; in != NULL; in = in->next) {
					*itail = in;
					itail = &in->next;
				}
				if (cmark_node_next(n) == stop)
					break;
			}
			n = stop;
			/* breaks at the cuts */
			while (b->inlines != NULL && (b->inlines->type == GALLEY_SOFTBREAK ||
			                              b->inlines->type == GALLEY_HARDBREAK))
				b->inlines = b->inlines->next;
			for (galley_inline **e = &b->inlines; *e != NULL;) {
				if ((*e)->next == NULL && ((*e)->type == GALLEY_SOFTBREAK || (*e)->type == GALLEY_HARDBREAK))
					*e = NULL;
				else
					e = &(*e)->next;
			}
			if (b->inlines == NULL || (b->inlines->next == NULL && b->inlines->type == GALLEY_TEXT &&
			                           blank_text(b->inlines->text)))
				continue;
		}
		*tail = b;
		tail = &b->next;
	}
	*out = head;
	return 0;
}

/* Maps one block; *out is NULL when it is dropped. */
static int map_block(md_map *m, cmark_node *node, int depth, galley_block **out)
{
	galley_doc *doc = m->ctx->doc;
	galley_pos pos = node_pos(m, node, NULL);
	galley_block *b = NULL;
	cmark_node *image;
	const char *info;
	int rc = 0;

	*out = NULL;
	if (cmark_node_get_syntax_extension(node) != NULL && cmark_node_get_type(node) != CMARK_NODE_ITEM)
		return map_table_part(m, node, pos, depth, out);
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		for (size_t i = 0; i < m->nnotes; i++) {
			if (m->notes[i].node == node) {
				b = m->notes[i].block;
				rc = map_blocks(m, cmark_node_first_child(node), depth + 1, &b->children);
				*out = b;
				return rc;
			}
		}
		return galley_error_set(m->ctx->err, GALLEY_EINTERNAL, &pos, "a footnote definition was not found");
	case CMARK_NODE_PARAGRAPH:
		if (has_display_math(node))
			return map_math_paragraph(m, node, pos, out);
		/* tags inside: the paragraph may become several blocks */
		if (has_html(m, cmark_node_first_child(node)))
			return map_html_inlines(m, cmark_node_first_child(node), &pos, depth, true, NULL, out);
		image = lone_image(node);
		if (image != NULL) {
			galley_pos ipos = node_pos(m, image, &pos);
			b = galley_doc_new_block(doc, GALLEY_FIGURE, pos);
			if (b == NULL)
				return oom(m);
			rc = map_inline(m, image, &ipos, 0, &b->inlines);
		} else {
			b = galley_doc_new_block(doc, GALLEY_PARAGRAPH, pos);
			if (b == NULL)
				return oom(m);
			rc = map_inlines(m, cmark_node_first_child(node), &pos, 0, &b->inlines);
		}
		break;
	case CMARK_NODE_HEADING:
		b = galley_doc_new_block(doc, GALLEY_HEADING, pos);
		if (b == NULL)
			return oom(m);
		b->level = cmark_node_get_heading_level(node);
		rc = map_inlines(m, cmark_node_first_child(node), &pos, 0, &b->inlines);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
	case CMARK_NODE_ITEM:
	case CMARK_NODE_CUSTOM_BLOCK:
		if (cmark_node_get_type(node) == CMARK_NODE_CUSTOM_BLOCK)
			return map_blocks(m, cmark_node_first_child(node), depth + 1, out);
		b = galley_doc_new_block(doc, cmark_node_get_type(node) == CMARK_NODE_ITEM
		                                  ? GALLEY_ITEM : GALLEY_QUOTE, pos);
		if (b == NULL)
			return oom(m);
		if (is_ext(node, "tasklist"))
			b->task = cmark_gfm_extensions_get_tasklist_item_checked(node) ? GALLEY_TASK_DONE
			                                                               : GALLEY_TASK_OPEN;
		rc = map_blocks(m, cmark_node_first_child(node), depth + 1, &b->children);
		break;
	case CMARK_NODE_LIST:
		b = galley_doc_new_block(doc, GALLEY_LIST, pos);
		if (b == NULL)
			return oom(m);
		b->ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
		b->start = b->ordered ? cmark_node_get_list_start(node) : 0;
		b->tight = cmark_node_get_list_tight(node) != 0;
		rc = map_blocks(m, cmark_node_first_child(node), depth + 1, &b->children);
		break;
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK:
		/* a comment (the other HTML blocks went to html.c): meant to be
		 * invisible */
		if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK && !m->ctx->opts->keep_raw_html)
			return 0;
		b = galley_doc_new_block(doc, GALLEY_CODEBLOCK, pos);
		if (b == NULL || (b->text = galley_doc_strdup(doc, literal(node))) == NULL)
			return oom(m);
		b->len = strlen(b->text);
		info = cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK
		           ? cmark_node_get_fence_info(node) : NULL;
		if (info != NULL && *info != '\0' && (b->info = galley_doc_strdup(doc, info)) == NULL)
			return oom(m);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		b = galley_doc_new_block(doc, GALLEY_RULE, pos);
		break;
	default:
		return galley_error_set(m->ctx->err, GALLEY_EINTERNAL, &pos,
		                        "unexpected cmark node '%s' among blocks",
		                        cmark_node_get_type_string(node));
	}
	if (b == NULL)
		return oom(m);
	*out = b;
	return rc;
}

static bool html_to_parse(md_map *m, cmark_node *node);
static int map_html_blocks(md_map *m, cmark_node *first, int depth, galley_block **out);

static int map_blocks(md_map *m, cmark_node *first, int depth, galley_block **out)
{
	galley_block *head = NULL, **tail = &head, *b;
	cmark_node *node;
	galley_pos pos;
	int rc;

	*out = NULL;
	if (first == NULL)
		return 0;
	if (depth > GALLEY_READ_MAX_BLOCK_DEPTH) {
		pos = node_pos(m, first, NULL);
		return galley_error_set(m->ctx->err, GALLEY_ELIMIT, &pos,
		                        "blocks (quotes, lists) nested deeper than "
		                        "GALLEY_MAX_NESTING (%d levels)", GALLEY_READ_MAX_BLOCK_DEPTH);
	}
	for (node = first; node != NULL; node = cmark_node_next(node)) {
		/* from the first HTML block on, the run is HTML with Markdown
		 * inside (an element may close in a later block): html.c maps
		 * all of it */
		bool html = html_to_parse(m, node);
		if ((rc = html ? map_html_blocks(m, node, depth, &b) : map_block(m, node, depth, &b)) < 0)
			return rc;
		while (b != NULL) {
			*tail = b;
			tail = &b->next;
			b = b->next;
		}
		if (html)
			break;
	}
	*out = head;
	return 0;
}

/* ---- HTML ------------------------------------------------------------------ */

/* Whether a node is raw HTML that html.c must parse: not with
 * keep_raw_html, and not when it is only comments, which are dropped
 * without loading the parser. */
static bool html_to_parse(md_map *m, cmark_node *node)
{
	cmark_node_type t = cmark_node_get_type(node);
	const char *s = literal(node);
	return (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) &&
	       !m->ctx->opts->keep_raw_html && !read_html_is_comment(s, strlen(s));
}

static bool has_html(md_map *m, cmark_node *first)
{
	for (; first != NULL; first = cmark_node_next(first))
		if (html_to_parse(m, first))
			return true;
	return false;
}

static int add_piece(md_map *m, read_html_piece **v, size_t *n, size_t *cap, read_html_piece **out)
{
	if (galley_vec_reserve((void **)v, cap, *n + 1, sizeof **v) < 0)
		return oom(m);
	*out = &(*v)[(*n)++];
	memset(*out, 0, sizeof **out);
	return 0;
}

/* The bytes of body lines first..last (from 1), without the last line end. */
static int source_lines(md_map *m, int first, int last, read_html_piece *p)
{
	if (m->line_at == NULL) {
		if ((m->line_at = malloc((m->nlines + 2) * sizeof *m->line_at)) == NULL)
			return oom(m);
		m->line_at[1] = 0;
		for (uint32_t l = 1; l <= m->nlines; l++)
			m->line_at[l + 1] = m->line_at[l] + m->line_len[l] + 1;
	}
	if (first < 1 || last < first || (uint32_t)last > m->nlines)
		return 0;
	p->text = m->body + m->line_at[first];
	p->len = m->line_at[last] + m->line_len[last] - m->line_at[first];
	return 0;
}

/* The blocks from `first` (an HTML block) to the end of the run, as one
 * HTML fragment: html.c parses the HTML blocks as written with the
 * Markdown blocks between them, mapped here, in their places. */
static int map_html_blocks(md_map *m, cmark_node *first, int depth, galley_block **out)
{
	read_html_piece *v = NULL, *p;
	size_t n = 0, cap = 0;
	int prev = 0, rc = 0;

	for (cmark_node *node = first; node != NULL && rc == 0; node = cmark_node_next(node)) {
		int start = cmark_node_get_start_line(node), end = cmark_node_get_end_line(node);
		if ((rc = add_piece(m, &v, &n, &cap, &p)) < 0)
			break;
		p->pos = node_pos(m, node, NULL);
		p->gap = prev > 0 && start > prev ? (uint32_t)(start - prev) : n > 1;
		prev = end > start ? end : start;
		if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK) {
			p->kind = READ_HTML_MARKUP;
			p->text = literal(node);
			p->len = strlen(p->text);
			while (p->len > 0 && p->text[p->len - 1] == '\n')
				p->len--;
		} else {
			p->kind = READ_HTML_BLOCKS;
			if ((rc = source_lines(m, start, end, p)) == 0)
				rc = map_block(m, node, depth, &v[n - 1].blocks);
		}
	}
	if (rc == 0)
		rc = read_html_blocks(m->ctx, v, n, depth, out);
	free(v);
	return rc;
}

/* The inlines from `first` on, with tags among them: html.c pairs the
 * tags across the run; the rest is mapped here, node by node.  In flow
 * (a paragraph's inlines) the result is blocks, else inlines. */
static int map_html_inlines(md_map *m, cmark_node *first, const galley_pos *parent_pos, int depth,
                            bool flow, galley_inline **inlines, galley_block **blocks)
{
	read_html_piece *v = NULL, *p;
	size_t n = 0, cap = 0;
	galley_pos last = *parent_pos;
	int rc = 0;

	for (cmark_node *node = first; node != NULL && rc == 0; node = cmark_node_next(node)) {
		galley_pos pos = node_pos(m, node, &last);
		if ((rc = add_piece(m, &v, &n, &cap, &p)) < 0)
			break;
		p->pos = last = pos;
		if (cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE) {
			p->kind = READ_HTML_MARKUP;
			p->text = literal(node);
			p->len = strlen(p->text);
		} else {
			p->kind = READ_HTML_INLINES;
			rc = cmark_node_get_type(node) == CMARK_NODE_TEXT
			         ? map_text_run(m, &node, &pos, &v[n - 1].inlines)
			         : map_inline(m, node, &pos, flow ? 0 : depth, &v[n - 1].inlines);
		}
	}
	if (rc == 0 && flow)
		rc = read_html_blocks(m->ctx, v, n, depth, blocks);
	else if (rc == 0)
		rc = read_html_inlines(m->ctx, v, n, depth, inlines);
	free(v);
	return rc;
}

/* ---- math ------------------------------------------------------------------
 *
 * CommonMark has no math and cmark-gfm reads "$x_1$" as text with
 * emphasis in it.  Math must be cut out before inline parsing mangles it,
 * so galley adds an inline syntax extension of its own: cmark-gfm calls
 * it at every '$' and READ_ESC (read/internal.h: what "\(" and "\[" became
 * in the protected body) outside code spans, autolinks and raw HTML, and
 * it takes the author's TeX verbatim up to the closing delimiter, across
 * lines, never across paragraphs.
 *
 *   $$...$$, \[...\], \\[...\\]  display math when it stands on lines of
 *                                its own, else inline math, as kramdown
 *                                reads "$$x$$" in a sentence (\[ only
 *                                when it opens a line and \] ends one:
 *                                "\[sic\]" is prose)
 *   \(...\), \\(...\\)           inline math
 *   $...$                        inline math when unambiguous, as pandoc
 *                                rules it and stricter: the opening '$' is
 *                                followed by a non-space, the first
 *                                unescaped '$' after it closes, preceded by
 *                                a non-space and followed by no letter or
 *                                digit; else the '$' is text ("$5 and $10",
 *                                "$HOME/$USER")
 *
 * Every scan stops at the first candidate closer, or at the next opener
 * of its kind (math does not nest), so a paragraph of many unpaired
 * delimiters costs linear time.
 */

static cmark_syntax_extension *md_math_ext;

/* Bytes of the inline parser's input: cmark_inline_parser_peek_at does not
 * check bounds, so the end is found first (by bisection over is_eof). */
static int input_length(cmark_inline_parser *ip)
{
	int saved = cmark_inline_parser_get_offset(ip), lo = saved, hi = saved + 1;

	for (;;) {
		cmark_inline_parser_set_offset(ip, hi);
		if (cmark_inline_parser_is_eof(ip))
			break;
		lo = hi;
		hi = hi > (1 << 29) ? (1 << 30) : hi * 2;
	}
	while (lo + 1 < hi) {   /* lo is inside, hi is past the end */
		int mid = lo + (hi - lo) / 2;
		cmark_inline_parser_set_offset(ip, mid);
		if (cmark_inline_parser_is_eof(ip))
			hi = mid;
		else
			lo = mid;
	}
	cmark_inline_parser_set_offset(ip, saved);
	return hi;
}

typedef struct md_input {
	cmark_inline_parser *ip;
	int len;
} md_input;

static int md_at(const md_input *in, int pos)
{
	return pos >= 0 && pos < in->len ? cmark_inline_parser_peek_at(in->ip, pos) : -1;
}

/* Whether the byte at pos is preceded by an odd run of backslashes. */
static bool md_escaped(const md_input *in, int pos)
{
	int n = 0;
	while (md_at(in, pos - 1 - n) == '\\')
		n++;
	return n % 2 == 1;
}

static bool md_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool md_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == -1;
}

/* Finds the closer of the math opening at pos; fills [*start, *end) with
 * the TeX and *after with the offset past the closer.  False: no math. */
static bool md_math_span(const md_input *in, int pos, int c, bool *display, bool *twice,
                         int *start, int *end, int *after)
{
	*twice = false;
	if (c == '$' && md_at(in, pos + 1) == '$') {
		*display = true;
		*start = pos + 2;
		for (int q = pos + 2; q + 1 < in->len; q++) {
			if (md_at(in, q) == '$' && md_at(in, q + 1) == '$' && !md_escaped(in, q)) {
				*end = q;
				*after = q + 2;
				for (int k = *start; k < q; k++)
					if (!md_blank(md_at(in, k)))
						return true;
				return false;
			}
		}
		return false;
	}
	if (c == '$') {
		*display = false;
		*start = pos + 1;
		if (md_blank(md_at(in, pos + 1)))
			return false;
		for (int q = pos + 1; q < in->len; q++) {
			if (md_at(in, q) != '$' || md_escaped(in, q))
				continue;
			if (md_blank(md_at(in, q - 1)) || md_alnum(md_at(in, q + 1)))
				return false;
			*end = q;
			*after = q + 1;
			return true;
		}
		return false;
	}
	/* READ_ESC: "\(" or "\[", doubled when a backslash stands before */
	{
		int code = md_at(in, pos + 1), close;
		bool at_line = pos == 0 || md_at(in, pos - 1) == '\n';
		*twice = md_at(in, pos - 1) == '\\';
		if (code != READ_ESC_LPAREN && code != READ_ESC_LBRACKET)
			return false;
		*display = code == READ_ESC_LBRACKET;
		close = *display ? READ_ESC_RBRACKET : READ_ESC_RPAREN;
		if (*display && !*twice && !at_line)
			return false;
		*start = pos + 2;
		for (int q = pos + 2; q + 1 < in->len; q++) {
			if (md_at(in, q) != READ_ESC)
				continue;
			/* an opener of the same form first: this one is not closed */
			if (md_at(in, q + 1) == code && (md_at(in, q - 1) == '\\') == *twice)
				return false;
			if (md_at(in, q + 1) != close || (md_at(in, q - 1) == '\\') != *twice)
				continue;
			*end = *twice ? q - 1 : q;
			*after = q + 2;
			if (*display && !*twice && !md_blank(md_at(in, q + 2)))
				return false;
			return *end > *start;
		}
		return false;
	}
}

static cmark_node *md_math_match(cmark_syntax_extension *self, cmark_parser *parser, cmark_node *parent,
                                 unsigned char c, cmark_inline_parser *ip)
{
	md_input in = {ip, 0};
	int pos = cmark_inline_parser_get_offset(ip), start, end, after;
	bool display, twice;
	cmark_node *node;
	char *tex;

	(void)self;
	(void)parser;
	in.len = input_length(ip);
	if (!md_math_span(&in, pos, c, &display, &twice, &start, &end, &after))
		return NULL;
	tex = malloc((size_t)(end - start) + 1);
	node = cmark_node_new_with_mem(display ? md_math_display : md_math_inline,
	                               cmark_get_default_mem_allocator());
	if (tex == NULL || node == NULL) {
		free(tex);
		if (node != NULL)
			cmark_node_free(node);
		return NULL;
	}
	for (int k = start; k < end; k++)
		tex[k - start] = (char)md_at(&in, k);
	tex[end - start] = '\0';
	cmark_node_set_string_content(node, tex);
	free(tex);
	if (twice)  /* the first backslash of "\\(" is already text */
		cmark_node_unput(parent, 1);
	cmark_inline_parser_set_offset(ip, after);
	return node;
}

static pthread_once_t md_registered = PTHREAD_ONCE_INIT;

static void md_register(void)
{
	cmark_llist *chars = NULL;

	cmark_gfm_core_extensions_ensure_registered();
	md_math_inline = cmark_syntax_extension_add_node(1);
	md_math_display = cmark_syntax_extension_add_node(1);
	md_math_ext = cmark_syntax_extension_new("galley-math");
	chars = cmark_llist_append(cmark_get_default_mem_allocator(), chars, (void *)(uintptr_t)'$');
	chars = cmark_llist_append(cmark_get_default_mem_allocator(), chars, (void *)(uintptr_t)READ_ESC);
	cmark_syntax_extension_set_special_inline_chars(md_math_ext, chars);
	cmark_syntax_extension_set_match_inline_func(md_math_ext, md_math_match);
}

/* cmark-gfm 0.29 keeps the special characters of inline extensions ('~',
 * '$', ...) in one process-wide table, adds an attached extension's while
 * it parses and removes them again when done: a parse on another thread
 * (read/ahead.c) then misses strikethrough, autolinks and math at random.
 * Parses are therefore taken one at a time. */
static pthread_mutex_t md_parse_lock = PTHREAD_MUTEX_INITIALIZER;

/* One cmark parse of `text` (len bytes) with galley's extensions. */
static cmark_node *parse(const galley_read_options *opts, const char *text, size_t len)
{
	int options = CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_FOOTNOTES;
	cmark_parser *parser;
	cmark_node *root = NULL;

	if (opts->smart)
		options |= CMARK_OPT_SMART;
	if ((parser = cmark_parser_new(options)) == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof md_extensions / sizeof md_extensions[0]; i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(md_extensions[i]);
		if (ext == NULL || !cmark_parser_attach_syntax_extension(parser, ext))
			goto done;
	}
	if (md_math_ext == NULL || !cmark_parser_attach_syntax_extension(parser, md_math_ext))
		goto done;
	pthread_mutex_lock(&md_parse_lock);
	cmark_parser_feed(parser, text, len);
	root = cmark_parser_finish(parser);
	pthread_mutex_unlock(&md_parse_lock);
done:
	cmark_parser_free(parser);
	return root;
}

/* Marks the tags that stand in prose (text nodes) of a first parse. */
static void mark_text_tags(read_site *site, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;

	if (it == NULL)
		return;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_TEXT)
			read_site_mark_text(site, literal(n));
	}
	cmark_iter_free(it);
}

cmark_node *read_markdown_parse(const galley_read_options *opts, const char *body, size_t len)
{
	read_site *site = NULL;
	char *text = NULL, *again = NULL;
	cmark_node *root = NULL;
	bool oom;

	/* the extensions' registry is global: filled once, by whichever
	 * thread parses first (read/ahead.c parses on workers) */
	pthread_once(&md_registered, md_register);
	if ((site = read_site_scan(body, len, 1)) == NULL || (text = read_site_protect(site)) == NULL)
		goto cleanup;
	root = parse(opts, text, len);
	/* highlight and comment blocks in prose change the structure: parse
	 * again with them rewritten */
	if (root != NULL) {
		mark_text_tags(site, root);
		again = read_site_regions(site, text, &oom);
		if (oom || again != NULL) {
			cmark_node_free(root);
			root = again != NULL ? parse(opts, again, len) : NULL;
		}
	}
cleanup:
	free(again);
	free(text);
	read_site_free(site);
	return root;
}

void read_markdown_tree_free(cmark_node *root)
{
	if (root != NULL)
		cmark_node_free(root);
}

/* Sets a string of a node through `set` to `s` restored as `mode` says,
 * when it holds any of the reader's placeholders. */
static int restore_one(md_map *m, cmark_node *n, const char *s, read_restore mode,
                       int (*set)(cmark_node *, const char *))
{
	char *fixed;
	int ok;

	if (s == NULL || strpbrk(s, "\x01\x0E" READ_LINE_CODES) == NULL)
		return 0;
	if ((fixed = read_site_restore(m->ctx->site, s, mode)) == NULL)
		return oom(m);
	ok = set(n, fixed);
	free(fixed);
	return ok ? 0 : oom(m);
}

/* Every string of cmark's tree restored by its context (read/site.c):
 * code, raw HTML and math to the author's bytes, URLs with their tags
 * evaluated, prose with its escapes undone (its tags are left to
 * read_site_finish). */
static int restore_tree(md_map *m, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	int rc = 0;

	if (it == NULL)
		return oom(m);
	while (rc == 0 && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_TEXT)
			rc = restore_one(m, n, cmark_node_get_literal(n), READ_RESTORE_TEXT, cmark_node_set_literal);
		else if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE)
			/* HTML that html.c reads keeps its tags: in its text they go
			 * as in prose, its URLs and code are restored there */
			rc = restore_one(m, n, cmark_node_get_literal(n), html_to_parse(m, n) ? READ_RESTORE_TEXT
			                                                                    : READ_RESTORE_LITERAL,
			                 cmark_node_set_literal);
		else if (t == CMARK_NODE_CODE)
			rc = restore_one(m, n, cmark_node_get_literal(n), READ_RESTORE_LITERAL, cmark_node_set_literal);
		else if (t == CMARK_NODE_CODE_BLOCK) {
			rc = restore_one(m, n, cmark_node_get_literal(n), READ_RESTORE_LITERAL, cmark_node_set_literal);
			if (rc == 0)
				rc = restore_one(m, n, cmark_node_get_fence_info(n), READ_RESTORE_LITERAL,
				                 cmark_node_set_fence_info);
		} else if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
			rc = restore_one(m, n, cmark_node_get_url(n), READ_RESTORE_URL, cmark_node_set_url);
			if (rc == 0)
				rc = restore_one(m, n, cmark_node_get_title(n), READ_RESTORE_PLAIN, cmark_node_set_title);
		} else if (t == md_math_inline || t == md_math_display) {
			rc = restore_one(m, n, cmark_node_get_string_content(n), READ_RESTORE_LITERAL,
			                 cmark_node_set_string_content);
		}
	}
	cmark_iter_free(it);
	return rc;
}

int read_markdown_tree(read_ctx *ctx, cmark_node *root, const char *body, size_t len,
                       uint32_t first_line, galley_block **out)
{
	md_map m;
	int rc;

	*out = NULL;
	if (root == NULL)
		return galley_error_set(ctx->err, GALLEY_ENOMEM, NULL, "out of memory parsing %s",
		                        ctx->file);
	memset(&m, 0, sizeof m);
	m.ctx = ctx;
	m.body = body;
	m.line_offset = first_line - 1;
	read_site_free(ctx->site);
	if ((ctx->site = read_site_scan(body, len, first_line)) == NULL || measure_lines(&m, body, len) < 0)
		rc = galley_error_set(ctx->err, GALLEY_ENOMEM, NULL, "out of memory parsing %s", ctx->file);
	else if ((rc = restore_tree(&m, root)) == 0 && (rc = find_notes(&m, root)) == 0 &&
	         (rc = map_blocks(&m, cmark_node_first_child(root), 0, out)) == 0)
		rc = read_html_done(ctx);
	cmark_node_free(root);
	free(m.line_len);
	free(m.line_at);
	free(m.notes);
	return rc;
}

int read_markdown(read_ctx *ctx, const char *body, size_t len, uint32_t first_line,
                  galley_block **out)
{
	return read_markdown_tree(ctx, read_markdown_parse(ctx->opts, body, len), body, len,
	                          first_line, out);
}
