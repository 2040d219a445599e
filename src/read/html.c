/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * read/html.c: the gumbo adapter.  HTML written inside Markdown, which
 * cmark hands over as raw text (HTML blocks, and tags inside a paragraph
 * one by one), is parsed as a browser parses it (the HTML5 tree
 * construction of https://html.spec.whatwg.org/multipage/parsing.html)
 * and mapped into the model, so that both writers set it as they set
 * Markdown and the EPUB never receives the author's markup.
 *
 * Why gumbo (0.10.1, Debian's libgumbo1) and not libxml2's HTML parser
 * (2.9.14): both were run over a set of malformed and HTML5 inputs.
 *   - gumbo builds the tree browsers build; libxml2 follows HTML 4 and
 *     its own repairs.  "<b><i>x</b>y</i>": gumbo keeps "y" italic (the
 *     adoption agency), libxml2 drops it.  "x</br>y": gumbo breaks the
 *     line, libxml2 loses the tag.  "&copy 2024": gumbo reads the legacy
 *     entity, libxml2 prints it.  "<table>stray<tr>": gumbo moves the
 *     text before the table (foster parenting).  "<picture><source><img>":
 *     libxml2 puts the <img> inside <source>, which HTML 4 does not know
 *     to be void.  libxml2 also wraps loose text in <p>, keeps the newline
 *     that opens a <pre>, and does not know <details> or <figure> (it
 *     keeps them as unknown elements).
 *   - gumbo parses a fragment in a context element, which is what an
 *     HTML block of an article is, and gives every node its byte offset
 *     (positions of warnings); libxml2 parses documents and gives lines.
 *   - gumbo needs only libc and loads in 0.1 ms; libxml2 brings ICU,
 *     liblzma, zlib and libstdc++ and loads in 1.3 to 4.4 ms, more than
 *     the rest of a short run.  (galley loads libxml2 for SVG images
 *     too, read/xml_api.h, but only for them; its HTML parser would
 *     still be HTML 4's.)
 *   - Against gumbo: it parses 1 MB of HTML in 98 ms where libxml2 takes
 *     52 (articles hold kilobytes, so it does not show); it cannot report
 *     running out of memory (it uses what malloc returns unchecked); its
 *     tree construction takes time in proportion to the depth of
 *     nesting for every tag (20,000 nested <div>: 2.3 s; 80,000: 64 s)
 *     and its tree some 30 bytes per byte of input, hence the two limits
 *     below, checked before a parse; and Google no longer maintains it
 *     (archived in 2023; Debian 12 ships 0.10.1).
 *
 * One parse covers a run of siblings.  HTML blocks and the Markdown
 * between them (cmark ends an HTML block at a blank line, parses the
 * Markdown after it, and a later HTML block closes the <div>) are one
 * text for gumbo: the HTML as written, each Markdown block replaced by a
 * placeholder element (<galley-b>) at its place, from the first HTML block
 * of the run to the run's end, so that an element opened in one HTML
 * block and closed in a later one holds the Markdown between them as a
 * browser would see it.  A placeholder that falls inside <pre> (a code
 * chunk of a data-science blog, <div class="highlight"><pre>, with blank
 * lines inside) is replaced by its Markdown source, and the text parsed
 * again, so that the code comes out whole.  Inside a paragraph, each
 * Markdown inline (text, emphasis, links) between tags becomes a
 * placeholder (<galley-i>), and the tags pair up across the paragraph.
 * The Markdown is mapped by markdown.c before the parse; each placeholder
 * brings back its blocks or inlines, once.
 *
 * The mapping (block and inline structure both follow the tree):
 *   p, div, section, article, main, header, footer, nav, aside, center,
 *   address, hgroup, fieldset, and unknown elements
 *                   -> their content, unwrapped (block elements end the
 *                      paragraph being built)
 *   h1..h6          -> GALLEY_HEADING
 *   blockquote      -> GALLEY_QUOTE
 *   ul, ol, li      -> GALLEY_LIST, GALLEY_ITEM (a leading checkbox <input>
 *                      is the item's task state)
 *   dl, dt, dd      -> GALLEY_DEFLIST, GALLEY_DEFTERM, GALLEY_DEFDESC
 *   pre (and its code, with its language- class)
 *                   -> GALLEY_CODEBLOCK
 *   hr, br          -> GALLEY_RULE, GALLEY_HARDBREAK
 *   table           -> GALLEY_TABLE, its first row the header when it is
 *                      in <thead> or all <th>; short rows padded, colspan
 *                      as empty cells; a table whose cells hold blocks (a
 *                      layout table: code, lists, images side by side) is
 *                      set as its cells' blocks one after the other
 *   details, summary -> the content, after the summary as a bold run-in
 *                      lead of its first paragraph
 *   figure, figcaption, and an element whose class names a caption
 *                      ("caption", "...cap") right after an image
 *                   -> GALLEY_FIGURE, the caption as the image's text
 *   img             -> GALLEY_IMAGE (src, else data-src, else srcset's
 *                      first; alt; title; width and height as hints),
 *                      through read_image like a Markdown image; a
 *                      paragraph of images only becomes figures
 *   picture, source -> the first source of a PNG or JPEG (by type or by
 *                      name) not meant for a dark theme, else the <img>
 *   video, audio, iframe, embed, object
 *                   -> a line linking their source, named by their title
 *   a href          -> GALLEY_LINK (unsafe schemes dropped, as Markdown's)
 *   em i cite var dfn, strong b, u ins, s del strike, sup, sub, mark,
 *   small, abbr acronym, code kbd samp tt, q
 *                   -> GALLEY_EMPH, _STRONG, _UNDERLINE, _STRIKE, _SUP,
 *                      _SUB, _MARK, _SMALL, _ABBR (title), _CODE, quotes
 *   math            -> its text
 *   script, style, noscript, template, svg, forms and their controls,
 *   frames          -> dropped, with one warning per file naming them
 *   head elements (title, meta, link), comments -> dropped silently
 * White space outside <pre> is collapsed as CSS does it.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/vec.h"
#include "read/html_api.h"
#include "read/internal.h"

/* The elements dropped with the one warning of a file, by bit. */
static const struct {
	GumboTag tag;
	const char *name;
} dropped_names[] = {
	{GUMBO_TAG_SCRIPT, "script"},   {GUMBO_TAG_STYLE, "style"},
	{GUMBO_TAG_NOSCRIPT, "noscript"}, {GUMBO_TAG_TEMPLATE, "template"},
	{GUMBO_TAG_SVG, "svg"},         {GUMBO_TAG_FORM, "form"},
	{GUMBO_TAG_INPUT, "input"},     {GUMBO_TAG_BUTTON, "button"},
	{GUMBO_TAG_SELECT, "select"},   {GUMBO_TAG_TEXTAREA, "textarea"},
	{GUMBO_TAG_DATALIST, "datalist"}, {GUMBO_TAG_OUTPUT, "output"},
	{GUMBO_TAG_KEYGEN, "keygen"},   {GUMBO_TAG_APPLET, "applet"},
	{GUMBO_TAG_FRAMESET, "frameset"}, {GUMBO_TAG_FRAME, "frame"},
	{GUMBO_TAG_NOEMBED, "noembed"}, {GUMBO_TAG_NOFRAMES, "noframes"},
	{GUMBO_TAG_ISINDEX, "isindex"}, {GUMBO_TAG_MENUITEM, "menuitem"},
};

/* An inline element open around what is being added (<em>, <a href>). */
typedef struct hm_style {
	galley_inline_type type;
	const char *url, *title;  /* GALLEY_LINK, GALLEY_ABBR */
	galley_pos pos;
	unsigned serial;          /* tells two openings of one element apart */
} hm_style;

/* The inline made for a style in the paragraph being built. */
typedef struct hm_open {
	unsigned serial;
	galley_inline **tail;     /* the end of its children: where the next goes */
} hm_open;

/* Where mapped content goes: blocks (flow), or one run of inlines, in
 * which block structure becomes line breaks. */
typedef struct hm_sink {
	bool flow;
	galley_block **tail;      /* flow: the next block */
	galley_block *last;       /* flow: the last block added */
	size_t nblocks;           /* flow: blocks added */
	galley_inline *para;      /* the paragraph (flow) or the run being built */
	galley_inline **ptail;    /* its end: where the next inline goes */
	galley_pos para_pos;
	int style_base;           /* the styles from m->styles[style_base] on apply */
	hm_open open[GALLEY_READ_MAX_INLINE_DEPTH];
	int nopen;
	bool space;               /* what was added last ends in white space, or
	                             nothing was: white space is not added */
	galley_block *item;       /* a list item being filled (its task state) */
	int depth;                /* blocks nested around it (quotes, lists) */
} hm_sink;

/* One parse and its mapping. */
typedef struct hm {
	read_ctx *ctx;
	const read_html_piece *pieces;
	size_t npieces;
	size_t *at;               /* where each piece starts in src */
	bool *raw;                /* a BLOCKS piece written as its source */
	bool *used;               /* a placeholder already mapped */
	galley_buf src;           /* what gumbo parses */
	GumboOutput *out;
	GumboOptions options;
	int block_base;           /* nesting of the blocks the pieces sit among */
	int inline_base;          /* nesting of the inlines (runs only) */
	unsigned serial;
	/* the inline elements open around what is being walked, innermost
	 * last (one stack: a sink sees those from its style_base on) */
	hm_style styles[GALLEY_READ_MAX_INLINE_DEPTH];
	int nstyles;
	/* positions: the last lookup, which the next one usually continues */
	size_t pos_piece, pos_rel, pos_k; /* piece, bytes of src into it, of its text */
	galley_pos pos_at;
} hm;

static int oom(hm *m)
{
	return galley_error_set(m->ctx->err, GALLEY_ENOMEM, NULL, "out of memory reading %s",
	                        m->ctx->file);
}

/* ---- text of the pieces ----------------------------------------------------- */

bool read_html_is_comment(const char *s, size_t len)
{
	const char *end = s + len, *close;
	for (;;) {
		while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
			s++;
		if (s == end)
			return true;
		if ((size_t)(end - s) < 4 || memcmp(s, "<!--", 4) != 0)
			return false;
		for (close = s + 4; close + 3 <= end && memcmp(close, "-->", 3) != 0; close++)
			;
		if (close + 3 > end)
			return false;
		s = close + 3;
	}
}

/* An upper bound on how deep `s` nests elements, found without parsing
 * it: start tags count one level in and end tags one out, except the
 * tags of void elements, self-closing tags, and the elements whose end
 * tag may be left out (p, li, td ...), which never nest without an
 * element counted between them.  Text that looks like a tag (a "<b" in
 * code) only makes the bound larger. */
static size_t nesting_bound(const char *s, size_t len)
{
	static const char *const uncounted[] = {
		"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
		"source", "track", "wbr", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "thead",
		"tbody", "tfoot", "option", "optgroup", "rb", "rt", "rp", "rtc", "colgroup", "caption",
		"html", "head", "body", NULL};
	size_t depth = 0, most = 0, i = 0;

	while (i < len) {
		size_t name, n = 0;
		bool end, counted = true;
		if (s[i++] != '<')
			continue;
		end = i < len && s[i] == '/';
		name = i + end;
		while (name + n < len && ((s[name + n] | 0x20) >= 'a' && (s[name + n] | 0x20) <= 'z'))
			n++;
		if (n == 0)
			continue;
		for (size_t k = 0; uncounted[k] != NULL && counted; k++)
			counted = !(strlen(uncounted[k]) == n && strncasecmp(s + name, uncounted[k], n) == 0);
		if (!counted)
			continue;
		if (end) {
			depth -= depth > 0;
		} else {
			const char *gt = memchr(s + name, '>', len - name);
			if (gt != NULL && gt > s + name && gt[-1] == '/')
				continue;
			if (++depth > most)
				most = depth;
		}
	}
	return most;
}

/* The generator tags of an article (Liquid, Hugo: read/site.c) stand in
 * its text as runs of control bytes, which HTML parsers replace with
 * U+FFFD.  Inside HTML each such byte travels as a character of the
 * private use area, U+F700 + the byte, and comes back in every string
 * taken from the tree (hm_text), so that read/site.c finds its tags in
 * the text, URLs and titles of HTML as in Markdown. */
#define HTML_CTL_BASE 0xF700

static bool is_ctl(unsigned char c)
{
	return c != '\0' && c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v';
}

/* Bytes of src that stand for byte `c` of a piece. */
static size_t src_width(unsigned char c)
{
	return is_ctl(c) ? 3 : 1;
}

static void put_markup(galley_buf *b, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_ctl(c)) {
			unsigned cp = HTML_CTL_BASE + c;
			galley_buf_putc(b, (char)(0xE0 | (cp >> 12)));
			galley_buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
			galley_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
		} else {
			galley_buf_putc(b, (char)c);
		}
	}
}

/* A string from the tree with the control bytes put back (the string
 * itself when it has none): lent until the document is freed, NULL when
 * out of memory. */
static const char *hm_text(hm *m, const char *s)
{
	char *out;
	size_t n = 0;

	if (s == NULL || strstr(s, "\xEF\x9C") == NULL)
		return s;
	if ((out = galley_doc_alloc(m->ctx->doc, strlen(s) + 1)) == NULL)
		return NULL;
	for (size_t i = 0; s[i] != '\0'; i++) {
		unsigned char a = (unsigned char)s[i];
		if (a == 0xEF && (unsigned char)s[i + 1] == 0x9C && ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
			unsigned cp = ((a & 0x0Fu) << 12) | ((0x9Cu & 0x3F) << 6) | ((unsigned char)s[i + 2] & 0x3Fu);
			if (cp >= HTML_CTL_BASE && cp < HTML_CTL_BASE + 0x20 && is_ctl((unsigned char)(cp - HTML_CTL_BASE))) {
				out[n++] = (char)(cp - HTML_CTL_BASE);
				i += 2;
				continue;
			}
		}
		out[n++] = (char)a;
	}
	out[n] = '\0';
	return out;
}

/* Lays the pieces out in m->src: MARKUP as written, the others as
 * placeholders (or, raw BLOCKS, as their source), each after its gap of
 * line ends; records where each starts. */
static int build_src(hm *m)
{
	galley_buf_clear(&m->src);
	for (size_t i = 0; i < m->npieces; i++) {
		const read_html_piece *p = &m->pieces[i];
		for (uint32_t k = 0; k < p->gap; k++)
			galley_buf_putc(&m->src, '\n');
		m->at[i] = m->src.len;
		if (p->kind == READ_HTML_MARKUP || (p->kind == READ_HTML_BLOCKS && m->raw[i]))
			put_markup(&m->src, p->text, p->len);
		else
			galley_buf_puts(&m->src, p->kind == READ_HTML_BLOCKS ? "<galley-b></galley-b>"
			                                                     : "<galley-i></galley-i>");
	}
	galley_buf_putc(&m->src, '\0');  /* an empty text still has a buffer */
	m->src.len--;
	return m->src.failed ? oom(m) : 0;
}

/* The piece that holds byte `off` of src. */
static size_t piece_of(const hm *m, size_t off)
{
	size_t lo = 0, hi = m->npieces;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->at[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The file position of byte `off` of src. */
static galley_pos pos_of(hm *m, size_t off)
{
	size_t i = piece_of(m, off), rel, k = 0, at = 0;
	const read_html_piece *p = &m->pieces[i];
	galley_pos pos = p->pos;

	if (off < m->at[i] || (p->kind != READ_HTML_MARKUP && !m->raw[i]))
		return pos;
	rel = off - m->at[i];  /* bytes of src into the piece */
	if (m->pos_piece == i && m->pos_rel <= rel) {
		k = m->pos_k;
		at = m->pos_rel;
		pos = m->pos_at;
	}
	for (; k < p->len && at + src_width((unsigned char)p->text[k]) <= rel; k++) {
		at += src_width((unsigned char)p->text[k]);
		if (p->text[k] == '\n') {
			pos.line++;
			pos.column = 1;
		} else {
			pos.column++;
		}
	}
	m->pos_piece = i;
	m->pos_rel = at;
	m->pos_k = k;
	m->pos_at = pos;
	return pos;
}

/* The position of a node; an element the parser made up (an implied
 * <tbody>) has its parent's. */
static galley_pos node_pos(hm *m, const GumboNode *node)
{
	for (; node != NULL; node = node->parent) {
		if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
			if (!(node->parse_flags & GUMBO_INSERTION_BY_PARSER) &&
			    node->v.element.original_tag.length > 0)
				return pos_of(m, node->v.element.start_pos.offset);
		} else if (node->type != GUMBO_NODE_DOCUMENT) {
			return pos_of(m, node->v.text.start_pos.offset);
		}
	}
	return m->pieces[0].pos;
}

/* The placeholder piece an element stands for, or SIZE_MAX. */
static size_t placeholder_of(const hm *m, const GumboNode *node)
{
	size_t i, off;
	if (node->type != GUMBO_NODE_ELEMENT || node->v.element.tag != GUMBO_TAG_UNKNOWN ||
	    node->v.element.original_tag.length == 0)
		return SIZE_MAX;
	off = node->v.element.start_pos.offset;
	i = piece_of(m, off);
	if (m->at[i] != off || m->pieces[i].kind == READ_HTML_MARKUP || m->raw[i])
		return SIZE_MAX;
	return i;
}

/* Whether an element's name, as written, is `name` (for the elements
 * gumbo does not know, such as <picture>). */
static bool named(const GumboNode *node, const char *name)
{
	GumboStringPiece tag;
	if (node->type != GUMBO_NODE_ELEMENT || node->v.element.tag != GUMBO_TAG_UNKNOWN)
		return false;
	tag = node->v.element.original_tag;
	if (tag.length == 0)
		return false;
	gumbo_tag_from_original_text(&tag);
	return tag.length == strlen(name) && strncasecmp(tag.data, name, tag.length) == 0;
}

/* An attribute's value as gumbo gives it (site_copy makes a URL or a
 * title of it). */
static const char *attr(const GumboNode *node, const char *name)
{
	const GumboAttribute *a = gumbo_get_attribute(&node->v.element.attributes, name);
	return a != NULL ? a->value : NULL;
}


/* A string of the author's HTML copied into the document, its generator
 * tags (Liquid, Hugo: read/site.c) as `mode` says: evaluated in a URL,
 * removed from a title, as written in code. */
static int site_copy(hm *m, const char *s, read_restore mode, const char **out)
{
	char *fixed = NULL;

	*out = NULL;
	if (s == NULL)
		return 0;
	if ((s = hm_text(m, s)) == NULL)
		return oom(m);
	if (m->ctx->site != NULL && strpbrk(s, "\x01\x0E" READ_LINE_CODES) != NULL) {
		if ((fixed = read_site_restore(m->ctx->site, s, mode)) == NULL)
			return oom(m);
		s = fixed;
	}
	*out = galley_doc_strdup(m->ctx->doc, s);
	free(fixed);
	return *out != NULL ? 0 : oom(m);
}

/* An attribute's value (a title) copied into the document; NULL when
 * absent or empty. */
static int attr_copy(hm *m, const GumboNode *node, const char *name, const char **out)
{
	const char *v = attr(node, name);
	int rc;
	*out = NULL;
	if (v == NULL || *v == '\0')
		return 0;
	if ((rc = site_copy(m, v, READ_RESTORE_PLAIN, out)) == 0 && **out == '\0')
		*out = NULL;
	return rc;
}

static GumboTag tag_of(const GumboNode *node)
{
	return node->type == GUMBO_NODE_ELEMENT ? node->v.element.tag : GUMBO_TAG_LAST;
}

/* Whether a class attribute names `token` (whole), or a token that
 * contains "caption" or ends in "cap" when `token` is NULL. */
static bool has_class(const GumboNode *node, const char *token)
{
	const char *c = attr(node, "class");
	while (c != NULL && *c != '\0') {
		size_t n = strcspn(c, " \t\n\r\f");
		if (token != NULL ? n == strlen(token) && strncmp(c, token, n) == 0
		                  : ((n >= 3 && strncasecmp(c + n - 3, "cap", 3) == 0) ||
		                     (n >= 7 && strstr(c, "caption") != NULL && strstr(c, "caption") < c + n)))
			return true;
		c += n;
		c += strspn(c, " \t\n\r\f");
	}
	return false;
}

/* ---- building inlines and blocks ------------------------------------------------ */

static void sink_init(hm *m, hm_sink *s, bool flow, galley_block **tail)
{
	memset(s, 0, sizeof *s);
	s->style_base = m->nstyles;
	s->flow = flow;
	s->tail = tail;
	s->ptail = &s->para;
	s->space = true;
}

/* A sink inside `outer` that keeps its styles (a heading inside a link is
 * linked) and its depth. */
static void sink_inner(hm *m, hm_sink *s, const hm_sink *outer, bool flow, galley_block **tail)
{
	sink_init(m, s, flow, tail);
	s->style_base = outer->style_base;
	s->depth = outer->depth;
}

static int inline_depth(const galley_inline *in)
{
	int most = 0;
	for (; in != NULL; in = in->next) {
		int d = 1 + inline_depth(in->children);
		if (d > most)
			most = d;
	}
	return most;
}

static int block_depth(const galley_block *b)
{
	int most = 0;
	for (; b != NULL; b = b->next) {
		int d = 1 + block_depth(b->children);
		if (d > most)
			most = d;
	}
	return most;
}

static int too_deep(hm *m, const galley_pos *pos, bool inlines)
{
	return galley_error_set(m->ctx->err, GALLEY_ELIMIT, pos,
	                        inlines ? "inlines nested deeper than GALLEY_MAX_NESTING (%d levels)"
	                                : "blocks (quotes, lists) nested deeper than GALLEY_MAX_NESTING "
	                                  "(%d levels)", GALLEY_MAX_NESTING);
}

static galley_inline *new_inline(hm *m, galley_inline_type type, galley_pos pos)
{
	return galley_doc_new_inline(m->ctx->doc, type, pos);
}

static bool is_style(galley_inline_type t);

/* Whether an inline list ends in white space or a line break. */
static bool ends_in_space(const galley_inline *in)
{
	const galley_inline *last = NULL;
	for (; in != NULL; in = in->next)
		last = in;
	if (last == NULL)
		return false;
	if (last->type == GALLEY_SOFTBREAK || last->type == GALLEY_HARDBREAK)
		return true;
	if (last->type == GALLEY_TEXT)
		return last->len > 0 && last->text[last->len - 1] == ' ';
	if (!is_style(last->type))
		return false;
	return ends_in_space(last->children);
}

/* Adds inlines (a list) to the run being built, inside the open styles:
 * the inlines made for them are reused while they stay open, so that
 * "<em>a <b>b</b> c</em>" is one emphasis. */
static int add_inlines(hm *m, hm_sink *s, galley_inline *in)
{
	const hm_style *styles = m->styles + s->style_base;
	int nstyles = m->nstyles - s->style_base, k = 0;
	galley_inline **tail;

	if (in == NULL)
		return 0;
	if (m->inline_base + nstyles + inline_depth(in) > GALLEY_READ_MAX_INLINE_DEPTH + 1)
		return too_deep(m, &in->pos, true);
	if (s->para == NULL)
		s->para_pos = nstyles > 0 ? styles[0].pos : in->pos;
	while (k < s->nopen && k < nstyles && s->open[k].serial == styles[k].serial)
		k++;
	s->nopen = k;
	for (; k < nstyles; k++) {
		const hm_style *st = &styles[k];
		galley_inline *w = new_inline(m, st->type, st->pos);
		galley_inline ***end = k == 0 ? &s->ptail : &s->open[k - 1].tail;
		if (w == NULL)
			return oom(m);
		w->url = st->url;
		w->title = st->title;
		**end = w;
		*end = &w->next;
		s->open[k].serial = st->serial;
		s->open[k].tail = &w->children;
		s->nopen = k + 1;
	}
	tail = s->nopen > 0 ? s->open[s->nopen - 1].tail : s->ptail;
	*tail = in;
	s->space = ends_in_space(in);
	while (in->next != NULL)
		in = in->next;
	if (s->nopen > 0)
		s->open[s->nopen - 1].tail = &in->next;
	else
		s->ptail = &in->next;
	return 0;
}

static int push_style(hm *m, hm_sink *s, galley_inline_type type, const char *url,
                      const char *title, galley_pos pos)
{
	if (m->nstyles >= GALLEY_READ_MAX_INLINE_DEPTH ||
	    m->inline_base + (m->nstyles - s->style_base) > GALLEY_READ_MAX_INLINE_DEPTH)
		return too_deep(m, &pos, true);
	m->styles[m->nstyles].type = type;
	m->styles[m->nstyles].url = url;
	m->styles[m->nstyles].title = title;
	m->styles[m->nstyles].pos = pos;
	m->styles[m->nstyles].serial = ++m->serial;
	m->nstyles++;
	return 0;
}

/* Adds text from HTML, its white space collapsed as CSS's "normal" does
 * it: each run one space, none where a line or the text starts after
 * white space. */
static int add_text(hm *m, hm_sink *s, const char *text, size_t len, galley_pos pos)
{
	char *out;
	size_t n = 0;
	bool space = s->space;
	galley_inline *in;

	if ((out = galley_doc_alloc(m->ctx->doc, len + 1)) == NULL)
		return oom(m);
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			if (!space)
				out[n++] = ' ';
			else if (n == 0)  /* the text starts after this */
				pos = c == '\n' ? (galley_pos){pos.file, pos.line + 1, 1}
				                : (galley_pos){pos.file, pos.line, pos.column + 1};
			space = true;
		} else if (c != '\0') {
			out[n++] = c;
			space = false;
		}
	}
	if (n == 0)
		return 0;
	out[n] = '\0';
	if ((in = new_inline(m, GALLEY_TEXT, pos)) == NULL)
		return oom(m);
	in->text = out;
	in->len = n;
	return add_inlines(m, s, in);
}

static int add_break(hm *m, hm_sink *s, galley_pos pos)
{
	galley_inline *in = new_inline(m, GALLEY_HARDBREAK, pos);
	if (in == NULL)
		return oom(m);
	return add_inlines(m, s, in);
}

/* ---- tidying a run ---- */

static bool is_style(galley_inline_type t)
{
	return t != GALLEY_TEXT && t != GALLEY_CODE && t != GALLEY_IMAGE && t != GALLEY_SOFTBREAK &&
	       t != GALLEY_HARDBREAK && t != GALLEY_NOTEREF && t != GALLEY_MATH;
}

/* Removes empty text and styles left empty. */
static void prune(galley_inline **list)
{
	while (*list != NULL) {
		galley_inline *in = *list;
		if (is_style(in->type))
			prune(&in->children);
		if ((in->type == GALLEY_TEXT && in->len == 0) || (is_style(in->type) && in->children == NULL))
			*list = in->next;
		else
			list = &in->next;
	}
}

/* Removes white space and line breaks from the start (front) or the end
 * of a run; true when something other than those is left there. */
static bool trim_end(galley_inline **list, bool front)
{
	while (*list != NULL) {
		galley_inline **at = list, *in;
		if (!front)
			while ((*at)->next != NULL)
				at = &(*at)->next;
		in = *at;
		if (in->type == GALLEY_TEXT) {
			while (in->len > 0 && (front ? in->text[0] : in->text[in->len - 1]) == ' ') {
				if (front)
					in->text++;
				else  /* texts are the document's copies: they stay NUL-terminated */
					((char *)in->text)[in->len - 1] = '\0';
				in->len--;
			}
			if (in->len > 0)
				return true;
		} else if (in->type == GALLEY_SOFTBREAK || in->type == GALLEY_HARDBREAK) {
			/* removed below */
		} else if (is_style(in->type)) {
			if (trim_end(&in->children, front))
				return true;
		} else {
			return true;
		}
		*at = in->next;
	}
	return false;
}

static void tidy(galley_inline **list, bool trim)
{
	prune(list);
	if (trim) {
		trim_end(list, true);
		trim_end(list, false);
	}
}

/* ---- blocks ---- */

static int append_block(hm *m, hm_sink *s, galley_block *b);

/* Counts the images of a run that holds only images (each perhaps in a
 * link or a style) and white space; -1 when it holds anything else. */
static int only_images(const galley_inline *in)
{
	int n = 0;
	for (; in != NULL; in = in->next) {
		if (in->type == GALLEY_IMAGE) {
			n++;
		} else if (in->type == GALLEY_TEXT) {
			for (size_t i = 0; i < in->len; i++)
				if (in->text[i] != ' ')
					return -1;
		} else if (in->type == GALLEY_SOFTBREAK || in->type == GALLEY_HARDBREAK) {
			continue;
		} else if (is_style(in->type)) {
			int k = only_images(in->children);
			if (k < 0)
				return -1;
			n += k;
		} else {
			return -1;
		}
	}
	return n;
}

static galley_inline *first_image(galley_inline *in)
{
	for (; in != NULL; in = in->next) {
		galley_inline *img = in->type == GALLEY_IMAGE ? in : first_image(in->children);
		if (img != NULL)
			return img;
	}
	return NULL;
}

static int new_figure(hm *m, galley_inline *img, galley_block **out)
{
	galley_block *b = galley_doc_new_block(m->ctx->doc, GALLEY_FIGURE, img->pos);
	if (b == NULL)
		return oom(m);
	img->next = NULL;
	b->inlines = img;
	*out = b;
	return 0;
}

/* Ends the paragraph being built.  In flow, it becomes a paragraph; one
 * that holds only images becomes figures, as a Markdown image alone in
 * its paragraph does (images with a file each a figure, remote ones,
 * such as badges, kept together on a line).  In a run, a line break. */
static int end_paragraph(hm *m, hm_sink *s)
{
	galley_inline *para = s->para;
	galley_block *b = NULL;
	galley_pos pos = s->para_pos;
	int images, rc = 0;

	s->nopen = 0;
	s->space = true;
	if (!s->flow) {
		/* (ptail is the `next` of the run's last inline) */
		galley_inline *last = para == NULL ? NULL
		                    : (galley_inline *)((char *)s->ptail - offsetof(galley_inline, next));
		if (last == NULL || last->type == GALLEY_HARDBREAK)
			return 0;
		return add_break(m, s, pos);
	}
	s->para = NULL;
	s->ptail = &s->para;
	tidy(&para, true);
	if (para == NULL)
		return 0;
	images = only_images(para);
	if (images == 1) {
		if ((rc = new_figure(m, first_image(para), &b)) == 0)
			rc = append_block(m, s, b);
		return rc;
	}
	if (images > 1) {
		galley_inline *line = NULL, **ltail = &line, *next;
		for (galley_inline *in = para; in != NULL && rc == 0; in = next) {
			galley_inline *img;
			next = in->next;
			in->next = NULL;  /* this inline alone */
			img = first_image(in);
			if (img != NULL && (img->asset != NULL || img->missing) && only_images(in) == 1) {
				/* the text between two images may be only white
				 * space, which tidying leaves empty */
				tidy(&line, true);
				if (line != NULL) {
					if ((b = galley_doc_new_block(m->ctx->doc, GALLEY_PARAGRAPH, line->pos)) == NULL)
						return oom(m);
					b->inlines = line;
					if ((rc = append_block(m, s, b)) < 0)
						return rc;
				}
				line = NULL;
				ltail = &line;
				if ((rc = new_figure(m, img, &b)) == 0)
					rc = append_block(m, s, b);
			} else {
				*ltail = in;
				ltail = &in->next;
			}
		}
		tidy(&line, true);
		if (rc < 0 || line == NULL)
			return rc;
		para = line;
		pos = line->pos;
	}
	if ((b = galley_doc_new_block(m->ctx->doc, GALLEY_PARAGRAPH, pos)) == NULL)
		return oom(m);
	b->inlines = para;
	return append_block(m, s, b);
}

/* Adds a block of a run as inlines: its text on lines of its own. */
static int block_as_inlines(hm *m, hm_sink *s, galley_block *b)
{
	int rc = end_paragraph(m, s);
	for (; b != NULL && rc == 0; b = b->next) {
		galley_block *next = b->next;
		switch (b->type) {
		case GALLEY_PARAGRAPH:
		case GALLEY_HEADING:
		case GALLEY_DEFTERM:
		case GALLEY_TABLE_CELL:
		case GALLEY_FIGURE:
			rc = add_inlines(m, s, b->inlines);
			if (rc == 0 && b->type == GALLEY_TABLE_CELL && next != NULL)
				rc = add_text(m, s, " ", 1, b->pos);
			break;
		case GALLEY_CODEBLOCK:
		case GALLEY_MATH_BLOCK:
			for (size_t i = 0; i < b->len && rc == 0;) {
				size_t n = strcspn(b->text + i, "\n");
				galley_inline *code = new_inline(m, GALLEY_CODE, b->pos);
				if (code == NULL)
					return oom(m);
				code->text = b->text + i;
				code->len = n;
				if (n > 0)
					rc = add_inlines(m, s, code);
				if (rc == 0)
					rc = add_break(m, s, b->pos);
				i += n + 1;
			}
			break;
		default:
			rc = block_as_inlines(m, s, b->children);
			break;
		}
		if (rc == 0 && b->type != GALLEY_TABLE_CELL)
			rc = end_paragraph(m, s);
	}
	return rc;
}

/* Adds a block (in flow: after the paragraph being built; in a run: as
 * lines).  `b` may be a list. */
static int append_block(hm *m, hm_sink *s, galley_block *b)
{
	int rc;
	if (b == NULL)
		return 0;
	if (!s->flow)
		return block_as_inlines(m, s, b);
	if (s->para != NULL && (rc = end_paragraph(m, s)) < 0)
		return rc;
	if (m->block_base + s->depth + block_depth(b) > GALLEY_READ_MAX_BLOCK_DEPTH + 1)
		return too_deep(m, &b->pos, false);
	*s->tail = b;
	while (b != NULL) {
		s->tail = &b->next;
		s->last = b;
		s->nblocks++;
		b = b->next;
	}
	return 0;
}

/* ---- the tree ------------------------------------------------------------------- */

static int walk(hm *m, hm_sink *s, GumboNode *node);

static bool blank_node(const GumboNode *k);
static bool holds_image(const GumboNode *node);

static int walk_children(hm *m, hm_sink *s, GumboNode *node)
{
	const GumboVector *kids = &node->v.element.children;
	size_t before = SIZE_MAX;  /* blocks before the last sibling that was not blank */
	int rc = 0;

	for (unsigned i = 0; i < kids->length && rc == 0; i++) {
		GumboNode *kid = kids->data[i];
		/* a caption right after an image (<div class="thecap"> after
		 * <img>) is the figure's */
		if (s->flow && before != SIZE_MAX && kid->type == GUMBO_NODE_ELEMENT &&
		    (tag_of(kid) == GUMBO_TAG_FIGCAPTION || has_class(kid, NULL)) && !holds_image(kid) &&
		    (rc = end_paragraph(m, s)) == 0 && s->nblocks > before && s->last->type == GALLEY_FIGURE) {
			hm_sink cap;
			galley_inline *img = s->last->inlines;
			sink_inner(m, &cap, s, false, NULL);
			if ((rc = walk_children(m, &cap, kid)) == 0) {
				tidy(&cap.para, true);
				if (cap.para != NULL)
					img->children = cap.para;
			}
			before = SIZE_MAX;  /* one caption per image */
			continue;
		}
		if (!blank_node(kid))
			before = s->nblocks;
		if (rc == 0)
			rc = walk(m, s, kid);
	}
	return rc;
}

/* Whether an element holds an image. */
static bool holds_image(const GumboNode *node)
{
	const GumboVector *kids = &node->v.element.children;
	for (unsigned i = 0; i < kids->length; i++) {
		const GumboNode *k = kids->data[i];
		if (k->type == GUMBO_NODE_ELEMENT &&
		    (k->v.element.tag == GUMBO_TAG_IMG || k->v.element.tag == GUMBO_TAG_IMAGE || holds_image(k)))
			return true;
	}
	return false;
}

/* Walks the children of `node` with `type` open around them. */
static int walk_styled(hm *m, hm_sink *s, GumboNode *node, galley_inline_type type,
                       const char *url, const char *title)
{
	int rc = push_style(m, s, type, url, title, node_pos(m, node));
	if (rc == 0)
		rc = walk_children(m, s, node);
	m->nstyles--;
	return rc;
}

/* The inlines of an element's content, as one run (a heading's, a
 * term's); NULL when there is no text. */
static int run_of(hm *m, hm_sink *s, GumboNode *node, galley_inline **out)
{
	hm_sink run;
	int rc;
	sink_inner(m, &run, s, false, NULL);
	rc = walk_children(m, &run, node);
	tidy(&run.para, true);
	*out = rc == 0 ? run.para : NULL;
	return rc;
}

/* The blocks of an element's content; `depth` levels deeper. */
static int blocks_of(hm *m, hm_sink *s, GumboNode *node, int depth, galley_block **out)
{
	hm_sink inner;
	int rc;
	*out = NULL;
	if (m->block_base + s->depth + depth > GALLEY_READ_MAX_BLOCK_DEPTH) {
		galley_pos pos = node_pos(m, node);
		return too_deep(m, &pos, false);
	}
	sink_init(m, &inner, true, out);
	inner.depth = s->depth + depth;
	rc = walk_children(m, &inner, node);
	if (rc == 0)
		rc = end_paragraph(m, &inner);
	return rc;
}

static int drop(hm *m, const GumboNode *node, GumboTag tag)
{
	for (size_t i = 0; i < sizeof dropped_names / sizeof dropped_names[0]; i++) {
		if (dropped_names[i].tag != tag)
			continue;
		if (m->ctx->html_dropped == 0)
			m->ctx->html_dropped_pos = node_pos(m, node);
		m->ctx->html_dropped |= 1u << i;
	}
	return 0;
}

/* A URL from an attribute; NULL, with a warning, for a scheme galley
 * never writes (javascript: ...), as for Markdown's links. */
static int safe_url(hm *m, const GumboNode *node, const char *url, bool image, const char **out)
{
	galley_pos pos;
	int rc;
	*out = NULL;
	if (url == NULL || (rc = site_copy(m, url, READ_RESTORE_URL, &url)) < 0)
		return url == NULL ? 0 : rc;
	if (read_unsafe_url(url)) {
		pos = node_pos(m, node);
		if (galley_doc_warn(m->ctx->doc, GALLEY_WARNING, &pos, "unsafe %s URL dropped: %.40s%s",
		                    image ? "image" : "link", url, strlen(url) > 40 ? "..." : "") < 0)
			return oom(m);
		return 0;
	}
	*out = url;
	return 0;
}

/* A size hint in CSS pixels: "200", "200px"; 0 for anything else. */
static uint32_t pixels(const char *v)
{
	unsigned long n = 0;
	size_t i = 0;
	if (v == NULL)
		return 0;
	while (v[i] == ' ')
		i++;
	for (; v[i] >= '0' && v[i] <= '9' && n < 100000; i++)
		n = n * 10 + (unsigned long)(v[i] - '0');
	if (v[i] == '.')
		for (i++; v[i] >= '0' && v[i] <= '9'; i++)
			;
	if (!(v[i] == '\0' || strcmp(v + i, "px") == 0) || n >= 100000)
		return 0;
	return (uint32_t)n;
}

/* The first URL of a srcset ("a.png 1x, b.png 2x"), in the arena. */
static const char *srcset_first(hm *m, const char *set)
{
	size_t n;
	if (set == NULL)
		return NULL;
	set += strspn(set, " \t\n\r\f");
	n = strcspn(set, " \t\n\r\f,");
	return n > 0 ? galley_doc_strndup(m->ctx->doc, set, n) : NULL;
}

/* Whether a URL names a PNG or JPEG file (what galley reads). */
static bool readable_name(const char *url)
{
	size_t n = url != NULL ? strcspn(url, "?#") : 0;
	static const char *const ext[] = {".png", ".jpg", ".jpeg", ".jpe"};
	for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		size_t k = strlen(ext[i]);
		if (n > k && strncasecmp(url + n - k, ext[i], k) == 0)
			return true;
	}
	return false;
}

/* An image from <img> (and the URL a <picture> chose, when not NULL). */
static int add_image(hm *m, hm_sink *s, GumboNode *img, const char *chosen)
{
	galley_inline *in = new_inline(m, GALLEY_IMAGE, node_pos(m, img));
	const char *url = chosen, *alt = NULL;
	int rc;

	if (in == NULL)
		return oom(m);
	if (url == NULL && img != NULL) {
		url = attr(img, "src");
		if (url == NULL || *url == '\0' || strncmp(url, "data:", 5) == 0)
			url = attr(img, "data-src") ? attr(img, "data-src") : url;
		if ((url == NULL || *url == '\0') && (url = srcset_first(m, attr(img, "srcset"))) == NULL)
			url = "";
	}
	if ((rc = safe_url(m, img, url, true, &in->url)) < 0)
		return rc;
	if (img != NULL && ((rc = attr_copy(m, img, "title", &in->title)) < 0 ||
	                    (rc = attr_copy(m, img, "alt", &alt)) < 0))
		return rc;
	if (img != NULL) {
		in->width = pixels(attr(img, "width"));
		in->height = pixels(attr(img, "height"));
	}
	if (alt != NULL && *alt != '\0') {
		hm_sink run;
		sink_init(m, &run, false, NULL);
		if ((rc = add_text(m, &run, alt, strlen(alt), in->pos)) < 0)
			return rc;
		tidy(&run.para, true);
		in->children = run.para;
	}
	if (in->url != NULL && (rc = read_image_inline(m->ctx, in, &in->pos)) < 0)
		return rc;
	return add_inlines(m, s, in);
}

/* <picture>: the first <source> of a PNG or JPEG not meant for a dark
 * theme (print is light), else its <img>. */
static int add_picture(hm *m, hm_sink *s, GumboNode *pic)
{
	const GumboVector *kids = &pic->v.element.children;
	GumboNode *img = NULL;
	const char *chosen = NULL;

	for (unsigned i = 0; i < kids->length; i++) {
		GumboNode *k = kids->data[i];
		if (tag_of(k) == GUMBO_TAG_IMG && img == NULL)
			img = k;
		if (tag_of(k) == GUMBO_TAG_SOURCE && chosen == NULL) {
			const char *type = attr(k, "type"), *media = attr(k, "media");
			const char *url = attr(k, "srcset") ? srcset_first(m, attr(k, "srcset")) : attr(k, "src");
			bool ok = type != NULL ? strcasecmp(type, "image/png") == 0 || strcasecmp(type, "image/jpeg") == 0
			                       : readable_name(url);
			if (ok && url != NULL && (media == NULL || strstr(media, "dark") == NULL))
				chosen = url;
		}
	}
	if (chosen == NULL && img != NULL)
		return add_image(m, s, img, NULL);
	if (chosen == NULL)
		return walk_children(m, s, pic);
	return add_image(m, s, img, chosen);
}

/* <video>, <audio>, <iframe>, <embed>, <object>: a line linking what
 * they show, named by their title, else by the URL itself. */
static int add_media(hm *m, hm_sink *s, GumboNode *node)
{
	const char *url = attr(node, tag_of(node) == GUMBO_TAG_OBJECT ? "data" : "src"), *title, *link;
	const GumboVector *kids = &node->v.element.children;
	galley_pos pos = node_pos(m, node);
	int rc;

	for (unsigned i = 0; (url == NULL || *url == '\0') && i < kids->length; i++)
		if (tag_of(kids->data[i]) == GUMBO_TAG_SOURCE)
			url = attr(kids->data[i], "src");
	if (url == NULL || *url == '\0')  /* nothing to link: its fallback content */
		return tag_of(node) == GUMBO_TAG_IFRAME ? 0 : walk_children(m, s, node);
	if ((rc = end_paragraph(m, s)) < 0 || (rc = safe_url(m, node, url, false, &link)) < 0 ||
	    (rc = attr_copy(m, node, "title", &title)) < 0 ||
	    (title == NULL && (rc = attr_copy(m, node, "aria-label", &title)) < 0))
		return rc;
	if (title == NULL && (rc = site_copy(m, link != NULL ? link : url, READ_RESTORE_PLAIN, &title)) < 0)
		return rc;
	if ((rc = push_style(m, s, GALLEY_LINK, link, NULL, pos)) < 0)
		return rc;
	rc = add_text(m, s, title, strlen(title), pos);
	m->nstyles--;
	if (rc == 0)
		rc = end_paragraph(m, s);
	return rc;
}

/* The text of inlines, breaks as a space (soft) or a line end (hard). */
static void plain_text(const galley_inline *in, galley_buf *b)
{
	for (; in != NULL; in = in->next) {
		if (in->type == GALLEY_TEXT || in->type == GALLEY_CODE || in->type == GALLEY_MATH)
			galley_buf_add(b, in->text, in->len);
		else if (in->type == GALLEY_SOFTBREAK || in->type == GALLEY_HARDBREAK)
			galley_buf_putc(b, in->type == GALLEY_SOFTBREAK ? ' ' : '\n');
		else
			plain_text(in->children, b);
	}
}

/* The text of a <pre> as written: line breaks for <br>, placeholders as
 * their Markdown source (blocks) or their text (inlines). */
static void pre_text(hm *m, GumboNode *node, galley_buf *b)
{
	const GumboVector *kids = &node->v.element.children;
	for (unsigned i = 0; i < kids->length; i++) {
		GumboNode *k = kids->data[i];
		size_t ph;
		if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_WHITESPACE || k->type == GUMBO_NODE_CDATA) {
			const char *text = hm_text(m, k->v.text.text);
			if (text == NULL)
				b->failed = true;  /* (out of memory: the caller reports it) */
			else
				galley_buf_puts(b, text);
		} else if (k->type != GUMBO_NODE_ELEMENT) {
			continue;
		} else if ((ph = placeholder_of(m, k)) != SIZE_MAX) {
			const read_html_piece *p = &m->pieces[ph];
			if (m->used[ph])
				continue;
			m->used[ph] = true;
			if (p->kind == READ_HTML_BLOCKS)
				galley_buf_add(b, p->text, p->len);
			else
				plain_text(p->inlines, b);
		} else if (tag_of(k) == GUMBO_TAG_BR) {
			galley_buf_putc(b, '\n');
		} else if (tag_of(k) != GUMBO_TAG_SCRIPT && tag_of(k) != GUMBO_TAG_STYLE) {
			pre_text(m, k, b);
		}
	}
}

/* The language of a <pre>: a class "language-X" or "lang-X" on it or on
 * its <code>, or its data-lang. */
static const char *code_info(hm *m, GumboNode *pre)
{
	const GumboVector *kids = &pre->v.element.children;
	GumboNode *nodes[2] = {pre, NULL};

	for (unsigned i = 0; i < kids->length; i++)
		if (tag_of(kids->data[i]) == GUMBO_TAG_CODE) {
			nodes[1] = kids->data[i];
			break;
		}
	for (int k = 1; k >= 0; k--) {
		const char *c = nodes[k] ? attr(nodes[k], "class") : NULL;
		while (c != NULL && *c != '\0') {
			size_t n = strcspn(c, " \t\n\r\f"), skip = 0;
			if (n > 9 && strncmp(c, "language-", 9) == 0)
				skip = 9;
			else if (n > 5 && strncmp(c, "lang-", 5) == 0)
				skip = 5;
			if (skip > 0)
				return galley_doc_strndup(m->ctx->doc, c + skip, n - skip);
			c += n;
			c += strspn(c, " \t\n\r\f");
		}
	}
	if (attr(pre, "data-lang") != NULL && *attr(pre, "data-lang") != '\0')
		return galley_doc_strdup(m->ctx->doc, attr(pre, "data-lang"));
	return "";
}

static int add_pre(hm *m, hm_sink *s, GumboNode *node)
{
	galley_buf text = GALLEY_BUF_INIT;
	galley_block *b = NULL;
	const char *info;
	size_t n;
	int rc = 0;

	pre_text(m, node, &text);
	if (text.failed) {
		rc = oom(m);
		goto cleanup;
	}
	if (text.len == 0 || text.len == strspn(text.data, " \t\n\r\f"))
		goto cleanup;
	if (text.data[text.len - 1] != '\n')
		galley_buf_putc(&text, '\n');
	/* code shows the generator tags in it as written */
	if ((b = galley_doc_new_block(m->ctx->doc, GALLEY_CODEBLOCK, node_pos(m, node))) == NULL ||
	    text.failed || (info = code_info(m, node)) == NULL) {
		rc = oom(m);
		goto cleanup;
	}
	if ((rc = site_copy(m, text.data, READ_RESTORE_LITERAL, &b->text)) < 0)
		goto cleanup;
	n = strlen(b->text);
	b->len = n;
	b->info = *info != '\0' ? info : NULL;
	rc = append_block(m, s, b);
cleanup:
	galley_buf_dispose(&text);
	return rc;
}

/* Whether an element holds blocks: Markdown blocks, or block elements. */
static bool holds_blocks(const hm *m, const GumboNode *node)
{
	const GumboVector *kids = &node->v.element.children;
	for (unsigned i = 0; i < kids->length; i++) {
		const GumboNode *k = kids->data[i];
		size_t ph;
		if (k->type != GUMBO_NODE_ELEMENT)
			continue;
		if ((ph = placeholder_of(m, k)) != SIZE_MAX && m->pieces[ph].kind == READ_HTML_BLOCKS)
			return true;
		switch (tag_of(k)) {
		case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_PRE: case GUMBO_TAG_TABLE:
		case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_DL:
			return true;
		default:
			if (holds_blocks(m, k))
				return true;
		}
	}
	return false;
}

/* <code>, <kbd>, <samp>, <tt>: inline code of their text, white space
 * collapsed. */
static int add_code(hm *m, hm_sink *s, GumboNode *node)
{
	galley_buf text = GALLEY_BUF_INIT;
	galley_inline *in;
	const char *code = NULL;
	char *out;
	size_t n = 0;
	bool space = true;
	int rc = 0;

	if (holds_blocks(m, node))
		return walk_children(m, s, node);
	pre_text(m, node, &text);
	if (text.failed || (rc = site_copy(m, text.data != NULL ? text.data : "", READ_RESTORE_LITERAL,
	                                   &code)) < 0 ||
	    (out = galley_doc_alloc(m->ctx->doc, strlen(code) + 1)) == NULL) {
		rc = rc < 0 ? rc : oom(m);
		goto cleanup;
	}
	for (size_t i = 0; code[i] != '\0'; i++) {
		char c = code[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			if (!space)
				out[n++] = ' ';
			space = true;
		} else {
			out[n++] = c;
			space = false;
		}
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	if (n == 0)
		goto cleanup;
	if ((in = new_inline(m, GALLEY_CODE, node_pos(m, node))) == NULL) {
		rc = oom(m);
		goto cleanup;
	}
	in->text = out;
	in->len = n;
	rc = add_inlines(m, s, in);
cleanup:
	galley_buf_dispose(&text);
	return rc;
}

/* Walks a node into the content of a list item or description being
 * filled (its blocks after those it has). */
static int walk_into(hm *m, hm_sink *s, galley_block *parent, GumboNode *node, bool children_only,
                     int depth)
{
	hm_sink inner;
	galley_block **tail = &parent->children;
	int rc;
	while (*tail != NULL)
		tail = &(*tail)->next;
	if (m->block_base + s->depth + depth > GALLEY_READ_MAX_BLOCK_DEPTH) {
		galley_pos pos = node_pos(m, node);
		return too_deep(m, &pos, false);
	}
	sink_init(m, &inner, true, tail);
	inner.depth = s->depth + depth;
	inner.item = parent->type == GALLEY_ITEM ? parent : NULL;
	rc = children_only ? walk_children(m, &inner, node) : walk(m, &inner, node);
	if (rc == 0)
		rc = end_paragraph(m, &inner);
	return rc;
}

static bool blank_node(const GumboNode *k)
{
	return k->type == GUMBO_NODE_WHITESPACE || k->type == GUMBO_NODE_COMMENT ||
	       (k->type == GUMBO_NODE_TEXT && strspn(k->v.text.text, " \t\n\r\f") == strlen(k->v.text.text));
}

/* Walks an element as lines of a run (a list in a heading). */
static int as_lines(hm *m, hm_sink *s, GumboNode *node)
{
	int rc = end_paragraph(m, s);
	if (rc == 0)
		rc = walk_children(m, s, node);
	if (rc == 0)
		rc = end_paragraph(m, s);
	return rc;
}

/* Whether an element directly holds an element `tag` (an <li> in a <u>
 * that the parser put around the items of a list, when a <u> was left
 * open before it: browsers still show them as items). */
static bool holds_tag(const GumboNode *node, GumboTag tag)
{
	const GumboVector *kids = &node->v.element.children;
	for (unsigned i = 0; i < kids->length; i++)
		if (tag_of(kids->data[i]) == tag)
			return true;
	return false;
}

/* The items of a list, through such wrappers; content outside an item
 * goes into the item before it (or a new one). */
static int list_children(hm *m, hm_sink *s, GumboNode *node, galley_block **item, galley_block ***tail)
{
	const GumboVector *kids = &node->v.element.children;
	int rc = 0;

	for (unsigned i = 0; i < kids->length && rc == 0; i++) {
		GumboNode *k = kids->data[i];
		bool li = tag_of(k) == GUMBO_TAG_LI;
		if (!li && blank_node(k))
			continue;
		if (!li && k->type == GUMBO_NODE_ELEMENT && holds_tag(k, GUMBO_TAG_LI)) {
			rc = list_children(m, s, k, item, tail);
			continue;
		}
		if (li || *item == NULL) {
			if ((*item = galley_doc_new_block(m->ctx->doc, GALLEY_ITEM, node_pos(m, k))) == NULL)
				return oom(m);
			**tail = *item;
			*tail = &(*item)->next;
		}
		rc = walk_into(m, s, *item, k, li, 2);
	}
	return rc;
}

static int add_list(hm *m, hm_sink *s, GumboNode *node)
{
	galley_block *list, *item = NULL, **tail;
	const char *start = attr(node, "start");
	int rc;

	if (!s->flow)
		return as_lines(m, s, node);
	if ((rc = end_paragraph(m, s)) < 0)
		return rc;
	if ((list = galley_doc_new_block(m->ctx->doc, GALLEY_LIST, node_pos(m, node))) == NULL)
		return oom(m);
	list->ordered = tag_of(node) == GUMBO_TAG_OL;
	list->start = list->ordered ? 1 : 0;
	if (list->ordered && start != NULL) {
		long v = strtol(start, NULL, 10);
		list->start = v < 0 ? 0 : v > 999999999 ? 999999999 : (int)v;
	}
	list->tight = true;
	tail = &list->children;
	rc = list_children(m, s, node, &item, &tail);
	if (rc < 0 || list->children == NULL)
		return rc;
	for (item = list->children; item != NULL; item = item->next) {
		int paras = 0;
		for (galley_block *b = item->children; b != NULL; b = b->next)
			paras += b->type == GALLEY_PARAGRAPH;
		if (paras > 1)
			list->tight = false;
	}
	return append_block(m, s, list);
}

/* The terms and descriptions of a <dl> (or of a <div> inside one). */
static int deflist_children(hm *m, hm_sink *s, galley_block *dl, GumboNode *node)
{
	const GumboVector *kids = &node->v.element.children;
	galley_block **tail = &dl->children;
	int rc = 0;

	for (unsigned i = 0; i < kids->length && rc == 0; i++) {
		GumboNode *k = kids->data[i];
		galley_block *b;
		while (*tail != NULL)
			tail = &(*tail)->next;
		if (blank_node(k))
			continue;
		if (tag_of(k) == GUMBO_TAG_DIV ||
		    (k->type == GUMBO_NODE_ELEMENT && (holds_tag(k, GUMBO_TAG_DT) || holds_tag(k, GUMBO_TAG_DD)))) {
			rc = deflist_children(m, s, dl, k);
			continue;
		}
		if (tag_of(k) == GUMBO_TAG_DT) {
			galley_inline *term;
			if ((rc = run_of(m, s, k, &term)) < 0 || term == NULL)
				continue;
			if ((b = galley_doc_new_block(m->ctx->doc, GALLEY_DEFTERM, node_pos(m, k))) == NULL)
				return oom(m);
			b->inlines = term;
			*tail = b;
			continue;
		}
		if ((b = galley_doc_new_block(m->ctx->doc, GALLEY_DEFDESC, node_pos(m, k))) == NULL)
			return oom(m);
		if ((rc = walk_into(m, s, b, k, tag_of(k) == GUMBO_TAG_DD, 2)) == 0 && b->children != NULL)
			*tail = b;
	}
	return rc;
}

static int add_deflist(hm *m, hm_sink *s, GumboNode *node)
{
	galley_block *dl;
	int rc;

	if (!s->flow)
		return as_lines(m, s, node);
	if ((rc = end_paragraph(m, s)) < 0)
		return rc;
	if ((dl = galley_doc_new_block(m->ctx->doc, GALLEY_DEFLIST, node_pos(m, node))) == NULL)
		return oom(m);
	if ((rc = deflist_children(m, s, dl, node)) < 0 || dl->children == NULL)
		return rc;
	return append_block(m, s, dl);
}

/* <details>: print has no disclosure, so its content is shown, after its
 * summary as the bold run-in lead of its first paragraph. */
static int add_details(hm *m, hm_sink *s, GumboNode *node)
{
	const GumboVector *kids = &node->v.element.children;
	GumboNode *summary = NULL;
	galley_inline *lead = NULL, *strong = NULL;
	galley_block *blocks = NULL;
	hm_sink inner;
	int rc = 0;

	for (unsigned i = 0; i < kids->length && summary == NULL; i++)
		if (tag_of(kids->data[i]) == GUMBO_TAG_SUMMARY)
			summary = kids->data[i];
	if ((rc = end_paragraph(m, s)) < 0 || (summary != NULL && (rc = run_of(m, s, summary, &lead)) < 0))
		return rc;
	if (lead != NULL && (strong = new_inline(m, GALLEY_STRONG, lead->pos)) == NULL)
		return oom(m);
	if (!s->flow) {  /* in a run: the summary on a line, the content on the next */
		if (strong != NULL) {
			strong->children = lead;
			if ((rc = add_inlines(m, s, strong)) < 0 || (rc = end_paragraph(m, s)) < 0)
				return rc;
		}
		for (unsigned i = 0; i < kids->length && rc == 0; i++)
			if (kids->data[i] != summary)
				rc = walk(m, s, kids->data[i]);
		return rc < 0 ? rc : end_paragraph(m, s);
	}
	sink_init(m, &inner, true, &blocks);
	inner.depth = s->depth;
	if (strong != NULL) {
		strong->children = lead;
		if ((rc = add_inlines(m, &inner, strong)) < 0)
			return rc;
		inner.space = false;
	}
	for (unsigned i = 0; i < kids->length && rc == 0; i++)
		if (kids->data[i] != summary)
			rc = walk(m, &inner, kids->data[i]);
	if (rc == 0)
		rc = end_paragraph(m, &inner);
	if (rc < 0)
		return rc;
	/* the lead runs into the first paragraph when the content starts
	 * with one; alone it is a paragraph of its own */
	if (lead != NULL && blocks != NULL && blocks->type == GALLEY_PARAGRAPH &&
	    blocks->inlines == strong && strong->next == NULL &&
	    blocks->next != NULL && blocks->next->type == GALLEY_PARAGRAPH) {
		galley_inline *sep = new_inline(m, GALLEY_TEXT, strong->pos);
		galley_block *first = blocks->next;
		if (sep == NULL)
			return oom(m);
		sep->text = " ";
		sep->len = 1;
		strong->next = sep;
		sep->next = first->inlines;
		first->inlines = strong;
		first->pos = blocks->pos;
		blocks = first;
	}
	return append_block(m, s, blocks);
}

/* <figure>: its images and content; its <figcaption> the caption of its
 * one image (before or after it), else a paragraph in italics. */
static int add_figure(hm *m, hm_sink *s, GumboNode *node)
{
	const GumboVector *kids = &node->v.element.children;
	GumboNode *pending = NULL;
	galley_block *blocks = NULL, *figure = NULL;
	galley_inline *cap;
	hm_sink inner;
	int figures = 0, rc;

	if (!s->flow)
		return as_lines(m, s, node);
	if ((rc = end_paragraph(m, s)) < 0)
		return rc;
	sink_init(m, &inner, true, &blocks);
	inner.depth = s->depth;
	for (unsigned i = 0; i < kids->length && rc == 0; i++) {
		GumboNode *k = kids->data[i];
		if (tag_of(k) != GUMBO_TAG_FIGCAPTION) {
			rc = walk(m, &inner, k);
			continue;
		}
		if ((rc = end_paragraph(m, &inner)) == 0 && pending == NULL)
			pending = k;
	}
	if (rc == 0)
		rc = end_paragraph(m, &inner);
	for (galley_block *b = blocks; rc == 0 && b != NULL; b = b->next)
		if (b->type == GALLEY_FIGURE && figures++ == 0)
			figure = b;
	if (rc < 0 || pending == NULL || (rc = run_of(m, s, pending, &cap)) < 0 || cap == NULL)
		return rc < 0 ? rc : append_block(m, s, blocks);
	if (figures == 1) {
		figure->inlines->children = cap;
	} else {
		galley_inline *em = new_inline(m, GALLEY_EMPH, cap->pos);
		galley_block *para = galley_doc_new_block(m->ctx->doc, GALLEY_PARAGRAPH, cap->pos);
		if (em == NULL || para == NULL)
			return oom(m);
		em->children = cap;
		para->inlines = em;
		*inner.tail = para;
	}
	return append_block(m, s, blocks);
}

/* Widest colspan honoured: spans are laid out as empty cells, and a page
 * holds far fewer columns (HTML itself caps colspan at 1,000). */
#define HTML_MAX_COLSPAN 64

/* A cell of a table being read. */
typedef struct hm_cell {
	galley_block *blocks;     /* its content */
	galley_pos pos;
	unsigned span;            /* columns it covers */
	galley_align align;
	bool th;
} hm_cell;

static galley_align cell_align(const GumboNode *cell)
{
	const char *a = attr(cell, "align"), *style = attr(cell, "style"), *ta;
	if (a == NULL && style != NULL && (ta = strstr(style, "text-align:")) != NULL) {
		a = ta + 11;
		a += strspn(a, " ");
	}
	if (a == NULL)
		return GALLEY_ALIGN_NONE;
	if (strncasecmp(a, "left", 4) == 0)
		return GALLEY_ALIGN_LEFT;
	if (strncasecmp(a, "center", 6) == 0)
		return GALLEY_ALIGN_CENTER;
	if (strncasecmp(a, "right", 5) == 0)
		return GALLEY_ALIGN_RIGHT;
	return GALLEY_ALIGN_NONE;
}

/* The inlines a cell can hold, or false when its content is blocks that
 * are not one paragraph (code, lists, an image with its file). */
static bool cell_inlines(const galley_block *b, galley_inline **out)
{
	*out = NULL;
	if (b == NULL)
		return true;
	if (b->next != NULL)
		return false;
	if (b->type == GALLEY_PARAGRAPH ||
	    (b->type == GALLEY_FIGURE && b->inlines->asset == NULL && !b->inlines->missing)) {
		*out = b->inlines;
		return true;
	}
	return false;
}

/* A row of a table being read. */
typedef struct hm_row {
	GumboNode *tr;
	bool head;                /* in <thead> */
} hm_row;

/* The rows (<tr>) of a table, through its sections (gumbo puts every row
 * in one), and its caption. */
static int table_rows(GumboNode *table, hm_row **rows, size_t *n, size_t *cap, GumboNode **caption)
{
	const GumboVector *kids = &table->v.element.children;
	for (unsigned i = 0; i < kids->length; i++) {
		GumboNode *k = kids->data[i];
		GumboTag t = tag_of(k);
		if (t == GUMBO_TAG_CAPTION && *caption == NULL) {
			*caption = k;
		} else if (t == GUMBO_TAG_THEAD || t == GUMBO_TAG_TBODY || t == GUMBO_TAG_TFOOT) {
			const GumboVector *rs = &k->v.element.children;
			for (unsigned j = 0; j < rs->length; j++) {
				if (tag_of(rs->data[j]) != GUMBO_TAG_TR)
					continue;
				if (galley_vec_reserve((void **)rows, cap, *n + 1, sizeof **rows) < 0)
					return GALLEY_ENOMEM;
				(*rows)[*n].tr = rs->data[j];
				(*rows)[(*n)++].head = t == GUMBO_TAG_THEAD;
			}
		}
	}
	return 0;
}

/* A table of text becomes GALLEY_TABLE; a layout table, whose cells hold
 * blocks (code side by side, a grid of logos), its cells' blocks in
 * reading order.  Its caption is a paragraph in italics before it. */
static int add_table(hm *m, hm_sink *s, GumboNode *table)
{
	hm_row *rows = NULL;
	hm_cell *cells = NULL;
	size_t nrows = 0, crows = 0, ncells = 0, ccells = 0, *first = NULL;
	GumboNode *caption = NULL;
	galley_inline *cap = NULL;
	galley_block *t = NULL, **rtail;
	galley_align *align;
	uint32_t ncols = 1;
	bool layout = false;
	int rc;

	if (!s->flow)
		return as_lines(m, s, table);
	if ((rc = end_paragraph(m, s)) < 0)
		return rc;
	if ((rc = table_rows(table, &rows, &nrows, &crows, &caption)) < 0 ||
	    (first = calloc(nrows + 1, sizeof *first)) == NULL) {
		rc = oom(m);
		goto cleanup;
	}
	/* every cell's content, mapped once */
	for (size_t r = 0; r < nrows && rc == 0; r++) {
		const GumboVector *kids = &rows[r].tr->v.element.children;
		uint32_t cols = 0;
		first[r] = ncells;
		for (unsigned i = 0; i < kids->length && rc == 0; i++) {
			GumboNode *k = kids->data[i];
			hm_cell *c;
			galley_inline *dummy;
			long span;
			if (tag_of(k) != GUMBO_TAG_TD && tag_of(k) != GUMBO_TAG_TH)
				continue;
			if (galley_vec_reserve((void **)&cells, &ccells, ncells + 1, sizeof *cells) < 0) {
				rc = oom(m);
				break;
			}
			c = &cells[ncells++];
			memset(c, 0, sizeof *c);
			c->pos = node_pos(m, k);
			c->th = tag_of(k) == GUMBO_TAG_TH;
			c->align = cell_align(k);
			span = attr(k, "colspan") ? strtol(attr(k, "colspan"), NULL, 10) : 1;
			c->span = span < 1 ? 1 : span > HTML_MAX_COLSPAN ? HTML_MAX_COLSPAN : (unsigned)span;
			cols += c->span;
			if ((rc = blocks_of(m, s, k, 3, &c->blocks)) == 0 && !cell_inlines(c->blocks, &dummy))
				layout = true;
		}
		if (cols > ncols)
			ncols = cols;
	}
	first[nrows] = ncells;
	if (rc < 0)
		goto cleanup;
	if (caption != NULL && (rc = run_of(m, s, caption, &cap)) < 0)
		goto cleanup;
	if (cap != NULL) {
		galley_inline *em = new_inline(m, GALLEY_EMPH, cap->pos);
		galley_block *para = galley_doc_new_block(m->ctx->doc, GALLEY_PARAGRAPH, cap->pos);
		if (em == NULL || para == NULL) {
			rc = oom(m);
			goto cleanup;
		}
		em->children = cap;
		para->inlines = em;
		if ((rc = append_block(m, s, para)) < 0)
			goto cleanup;
	}
	if (ncells == 0)
		goto cleanup;
	if (layout) {
		for (size_t i = 0; i < ncells && rc == 0; i++)
			rc = append_block(m, s, cells[i].blocks);
		goto cleanup;
	}
	t = galley_doc_new_block(m->ctx->doc, GALLEY_TABLE, node_pos(m, table));
	align = galley_doc_alloc(m->ctx->doc, ncols * sizeof *align);
	if (t == NULL || align == NULL) {
		rc = oom(m);
		goto cleanup;
	}
	t->ncols = ncols;
	t->align = align;
	rtail = &t->children;
	for (size_t r = 0; r < nrows; r++) {
		galley_block *row, **ctail;
		uint32_t col = 0;
		bool all_th = first[r + 1] > first[r];
		if (first[r + 1] == first[r])
			continue;  /* a row without cells */
		if ((row = galley_doc_new_block(m->ctx->doc, GALLEY_TABLE_ROW, cells[first[r]].pos)) == NULL) {
			rc = oom(m);
			goto cleanup;
		}
		for (size_t i = first[r]; i < first[r + 1]; i++)
			all_th = all_th && cells[i].th;
		/* only the first row may be the header: from <thead>, or all <th> */
		row->header = rtail == &t->children && (rows[r].head || all_th);
		ctail = &row->children;
		for (size_t i = first[r]; i <= first[r + 1] && col < ncols; i++) {
			/* the cell, the columns it spans, and past the last cell the
			 * row's padding */
			unsigned span = i < first[r + 1] ? cells[i].span : ncols - col;
			for (unsigned k = 0; k < span && col < ncols; k++, col++) {
				galley_block *cell = galley_doc_new_block(m->ctx->doc, GALLEY_TABLE_CELL,
				                                          i < first[r + 1] ? cells[i].pos : row->pos);
				if (cell == NULL) {
					rc = oom(m);
					goto cleanup;
				}
				if (k == 0 && i < first[r + 1]) {
					cell_inlines(cells[i].blocks, &cell->inlines);
					if (rtail == &t->children && cells[i].align != GALLEY_ALIGN_NONE)
						align[col] = cells[i].align;
				}
				*ctail = cell;
				ctail = &cell->next;
			}
		}
		*rtail = row;
		rtail = &row->next;
	}
	if (t->children != NULL)
		rc = append_block(m, s, t);
cleanup:
	free(rows);
	free(cells);
	free(first);
	return rc;
}

/* The images of a heading's text (a README's logo above its name, in its
 * <h1>) become figures before it: a heading sets text only.  Each image
 * with its file, alone or alone in a link, is taken out. */
static int hoist_images(hm *m, hm_sink *s, galley_inline **text)
{
	galley_inline **at = text;
	galley_block *fig = NULL;
	int rc;

	while (*at != NULL) {
		galley_inline *in = *at, *next = in->next, *img;
		int n;
		in->next = NULL;  /* this inline alone */
		img = first_image(in);
		n = only_images(in);
		in->next = next;
		if (img == NULL || (img->asset == NULL && !img->missing) || n != 1) {
			at = &in->next;
			continue;
		}
		*at = next;
		if ((rc = new_figure(m, img, &fig)) < 0 || (rc = append_block(m, s, fig)) < 0)
			return rc;
	}
	tidy(text, true);
	return 0;
}

static int add_placeholder(hm *m, hm_sink *s, size_t i)
{
	const read_html_piece *p = &m->pieces[i];
	if (m->used[i])
		return 0;
	m->used[i] = true;
	if (p->kind == READ_HTML_BLOCKS)
		return append_block(m, s, p->blocks);
	return add_inlines(m, s, p->inlines);
}

/* A bold line for a term or a summary met outside its list or details. */
static int add_bold_line(hm *m, hm_sink *s, GumboNode *node)
{
	int rc = end_paragraph(m, s);
	if (rc == 0)
		rc = walk_styled(m, s, node, GALLEY_STRONG, NULL, NULL);
	if (rc == 0)
		rc = end_paragraph(m, s);
	return rc;
}

static int walk(hm *m, hm_sink *s, GumboNode *node)
{
	const char *url, *title, *chars;
	galley_block *b;
	size_t ph;
	int rc;

	switch (node->type) {
	case GUMBO_NODE_TEXT:
	case GUMBO_NODE_WHITESPACE:
	case GUMBO_NODE_CDATA:
		if ((chars = hm_text(m, node->v.text.text)) == NULL)
			return oom(m);
		return add_text(m, s, chars, strlen(chars), node_pos(m, node));
	case GUMBO_NODE_TEMPLATE:
		return drop(m, node, GUMBO_TAG_TEMPLATE);
	case GUMBO_NODE_ELEMENT:
		break;
	default:  /* comments: meant to be invisible */
		return 0;
	}
	if ((ph = placeholder_of(m, node)) != SIZE_MAX)
		return add_placeholder(m, s, ph);
	if (node->v.element.tag_namespace == GUMBO_NAMESPACE_SVG)
		return drop(m, node, GUMBO_TAG_SVG);
	if (node->v.element.tag_namespace == GUMBO_NAMESPACE_MATHML)
		return walk_children(m, s, node);
	switch (node->v.element.tag) {
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: {
		galley_inline *text;
		if (!s->flow)
			return as_lines(m, s, node);
		if ((rc = end_paragraph(m, s)) < 0 || (rc = run_of(m, s, node, &text)) < 0 ||
		    (rc = hoist_images(m, s, &text)) < 0 || text == NULL)
			return rc;
		if ((b = galley_doc_new_block(m->ctx->doc, GALLEY_HEADING, node_pos(m, node))) == NULL)
			return oom(m);
		b->level = 1 + (int)(node->v.element.tag - GUMBO_TAG_H1);
		b->inlines = text;
		return append_block(m, s, b);
	}
	case GUMBO_TAG_BLOCKQUOTE:
		if (!s->flow)
			return as_lines(m, s, node);
		if ((rc = end_paragraph(m, s)) < 0)
			return rc;
		if ((b = galley_doc_new_block(m->ctx->doc, GALLEY_QUOTE, node_pos(m, node))) == NULL)
			return oom(m);
		if ((rc = blocks_of(m, s, node, 1, &b->children)) < 0 || b->children == NULL)
			return rc;
		return append_block(m, s, b);
	case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_MENU: case GUMBO_TAG_DIR:
		return add_list(m, s, node);
	case GUMBO_TAG_DL:
		return add_deflist(m, s, node);
	case GUMBO_TAG_DT: case GUMBO_TAG_SUMMARY:
		return add_bold_line(m, s, node);
	case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT:
		if (!s->flow) {
			galley_block *code = NULL;
			hm_sink inner;
			sink_init(m, &inner, true, &code);
			if ((rc = add_pre(m, &inner, node)) < 0)
				return rc;
			return append_block(m, s, code);
		}
		return add_pre(m, s, node);
	case GUMBO_TAG_CODE: case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP: case GUMBO_TAG_TT:
		return add_code(m, s, node);
	case GUMBO_TAG_HR:
		if (!s->flow)
			return end_paragraph(m, s);
		if ((b = galley_doc_new_block(m->ctx->doc, GALLEY_RULE, node_pos(m, node))) == NULL)
			return oom(m);
		return append_block(m, s, b);
	case GUMBO_TAG_BR:
		return add_break(m, s, node_pos(m, node));
	case GUMBO_TAG_TABLE:
		return add_table(m, s, node);
	case GUMBO_TAG_DETAILS:
		return add_details(m, s, node);
	case GUMBO_TAG_FIGURE:
		return add_figure(m, s, node);
	case GUMBO_TAG_IMG: case GUMBO_TAG_IMAGE:
		return add_image(m, s, node, NULL);
	case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO: case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_EMBED: case GUMBO_TAG_OBJECT:
		return add_media(m, s, node);
	case GUMBO_TAG_A:
		if (attr(node, "href") == NULL)
			return walk_children(m, s, node);
		if ((rc = safe_url(m, node, attr(node, "href"), false, &url)) < 0)
			return rc;
		if ((rc = attr_copy(m, node, "title", &title)) < 0)
			return rc;
		return walk_styled(m, s, node, GALLEY_LINK, url, title);
	case GUMBO_TAG_EM: case GUMBO_TAG_I: case GUMBO_TAG_CITE: case GUMBO_TAG_VAR: case GUMBO_TAG_DFN:
		return walk_styled(m, s, node, GALLEY_EMPH, NULL, NULL);
	case GUMBO_TAG_STRONG: case GUMBO_TAG_B:
		return walk_styled(m, s, node, GALLEY_STRONG, NULL, NULL);
	case GUMBO_TAG_U: case GUMBO_TAG_INS:
		return walk_styled(m, s, node, GALLEY_UNDERLINE, NULL, NULL);
	case GUMBO_TAG_S: case GUMBO_TAG_DEL: case GUMBO_TAG_STRIKE:
		return walk_styled(m, s, node, GALLEY_STRIKE, NULL, NULL);
	case GUMBO_TAG_SUP:
		return walk_styled(m, s, node, GALLEY_SUP, NULL, NULL);
	case GUMBO_TAG_SUB:
		return walk_styled(m, s, node, GALLEY_SUB, NULL, NULL);
	case GUMBO_TAG_MARK:
		return walk_styled(m, s, node, GALLEY_MARK, NULL, NULL);
	case GUMBO_TAG_SMALL:
		return walk_styled(m, s, node, GALLEY_SMALL, NULL, NULL);
	case GUMBO_TAG_ABBR: case GUMBO_TAG_ACRONYM:
		if ((rc = attr_copy(m, node, "title", &title)) < 0)
			return rc;
		return walk_styled(m, s, node, GALLEY_ABBR, NULL, title);
	case GUMBO_TAG_Q:
		if ((rc = add_text(m, s, "\xE2\x80\x9C", 3, node_pos(m, node))) < 0 ||
		    (rc = walk_children(m, s, node)) < 0)
			return rc;
		return add_text(m, s, "\xE2\x80\x9D", 3, node_pos(m, node));
	case GUMBO_TAG_INPUT:
		/* a checkbox that starts a list item is its task state */
		url = attr(node, "type");
		if (s->item != NULL && s->item->task == GALLEY_TASK_NONE && s->item->children == NULL &&
		    s->para == NULL && url != NULL && strcasecmp(url, "checkbox") == 0) {
			s->item->task = attr(node, "checked") ? GALLEY_TASK_DONE : GALLEY_TASK_OPEN;
			return 0;
		}
		return drop(m, node, GUMBO_TAG_INPUT);
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_FORM: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_DATALIST: case GUMBO_TAG_OUTPUT: case GUMBO_TAG_KEYGEN: case GUMBO_TAG_APPLET:
	case GUMBO_TAG_FRAMESET: case GUMBO_TAG_FRAME: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES:
	case GUMBO_TAG_ISINDEX: case GUMBO_TAG_MENUITEM: case GUMBO_TAG_SVG:
		return drop(m, node, node->v.element.tag);
	case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_BASE: case GUMBO_TAG_LINK:
	case GUMBO_TAG_META: case GUMBO_TAG_PARAM: case GUMBO_TAG_TRACK: case GUMBO_TAG_SOURCE:
	case GUMBO_TAG_WBR: case GUMBO_TAG_AREA: case GUMBO_TAG_MAP: case GUMBO_TAG_COL:
	case GUMBO_TAG_COLGROUP: case GUMBO_TAG_RP: case GUMBO_TAG_BGSOUND: case GUMBO_TAG_SPACER:
	case GUMBO_TAG_NEXTID: case GUMBO_TAG_BASEFONT:
		return 0;  /* nothing to read */
	case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
	case GUMBO_TAG_MAIN: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV:
	case GUMBO_TAG_ASIDE: case GUMBO_TAG_CENTER: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_HGROUP:
	case GUMBO_TAG_FIELDSET: case GUMBO_TAG_LEGEND: case GUMBO_TAG_LI: case GUMBO_TAG_DD:
	case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_CAPTION: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
	case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT:
	case GUMBO_TAG_MARQUEE: case GUMBO_TAG_MULTICOL: case GUMBO_TAG_BODY: case GUMBO_TAG_HTML:
		return as_lines(m, s, node);
	case GUMBO_TAG_UNKNOWN:
		if (named(node, "picture"))
			return add_picture(m, s, node);
		return walk_children(m, s, node);
	default:  /* span, font, big, time, label, ruby ... and the rest: unwrapped */
		return walk_children(m, s, node);
	}
}

/* ---- one parse ------------------------------------------------------------------ */

/* Where the <pre> (and <listing>) elements of the tree lie in src. */
typedef struct hm_range {
	size_t from, to;
} hm_range;

/* Finds the <pre> elements, and which placeholders they hold. */
static int find_pre(hm *m, const GumboNode *node, bool in_pre, bool *want, hm_range **r, size_t *n,
                    size_t *cap)
{
	const GumboVector *kids;
	size_t ph;

	if (node->type != GUMBO_NODE_ELEMENT)
		return 0;
	if ((ph = placeholder_of(m, node)) != SIZE_MAX) {
		want[ph] = in_pre && m->pieces[ph].kind == READ_HTML_BLOCKS;
		return 0;
	}
	if (!in_pre && (tag_of(node) == GUMBO_TAG_PRE || tag_of(node) == GUMBO_TAG_LISTING)) {
		if (galley_vec_reserve((void **)r, cap, *n + 1, sizeof **r) < 0)
			return oom(m);
		(*r)[*n].from = node->v.element.start_pos.offset;
		(*r)[(*n)++].to = node->v.element.end_pos.offset;
		in_pre = true;
	}
	kids = &node->v.element.children;
	for (unsigned i = 0; i < kids->length; i++)
		if (find_pre(m, kids->data[i], in_pre, want, r, n, cap) < 0)
			return GALLEY_ENOMEM;
	return 0;
}

/* Decides which Markdown blocks are written as their source: those that
 * fall inside <pre> in the last parse (placeholders in a <pre>, sources
 * whose start lies in one).  1 when that changed and src must be parsed
 * again, 0 when it did not. */
static int settle_raw(hm *m)
{
	bool *want = calloc(m->npieces, sizeof *want);
	hm_range *r = NULL;
	size_t nr = 0, cr = 0, k = 0;
	int rc = 0;

	if (want == NULL || find_pre(m, m->out->root, false, want, &r, &nr, &cr) < 0) {
		rc = oom(m);
		goto cleanup;
	}
	for (size_t i = 0; i < m->npieces; i++) {
		if (!m->raw[i])
			continue;
		while (k < nr && r[k].to <= m->at[i])
			k++;
		want[i] = k < nr && r[k].from <= m->at[i];
	}
	for (size_t i = 0; i < m->npieces; i++) {
		if (want[i] != m->raw[i])
			rc = 1;
		m->raw[i] = want[i];
	}
cleanup:
	free(want);
	free(r);
	return rc;
}

/* Parses of one fragment at most, to settle which Markdown blocks lie
 * inside <pre>: the first parse finds them, the second (as source) finds
 * where the <pre> ends, the third puts back those after it; more only
 * when a block's source opens another <pre>. */
#define HTML_MAX_PASSES 4

/* Parses m->src; 1 (and no parse) when it is past a limit. */
static int parse(hm *m)
{
	if (m->out != NULL)
		gumbo_destroy_output(&m->options, m->out);
	m->out = NULL;
	if (m->src.len > GALLEY_READ_MAX_HTML_BYTES ||
	    nesting_bound(m->src.data, m->src.len) > GALLEY_READ_MAX_HTML_DEPTH)
		return 1;
	if ((m->out = gumbo_parse_with_options(&m->options, m->src.data, m->src.len)) == NULL)
		return oom(m);
	return 0;
}

/* Past a limit: the HTML as it is written, in code blocks or as text, and
 * the Markdown between, with a warning. */
static int as_written(hm *m, hm_sink *s)
{
	galley_pos pos = m->pieces[0].pos;
	int rc = 0;

	if (galley_doc_warn(m->ctx->doc, GALLEY_WARNING, &pos,
	                    "HTML past GALLEY_READ_MAX_HTML_BYTES (%zu) or nested deeper than "
	                    "GALLEY_READ_MAX_HTML_DEPTH (%d): shown as it is written",
	                    GALLEY_READ_MAX_HTML_BYTES, GALLEY_READ_MAX_HTML_DEPTH) < 0)
		return oom(m);
	for (size_t i = 0; i < m->npieces && rc == 0; i++) {
		const read_html_piece *p = &m->pieces[i];
		if (p->kind == READ_HTML_BLOCKS) {
			rc = append_block(m, s, p->blocks);
		} else if (p->kind == READ_HTML_INLINES) {
			rc = add_inlines(m, s, p->inlines);
		} else if (s->flow) {
			galley_block *b = galley_doc_new_block(m->ctx->doc, GALLEY_CODEBLOCK, p->pos);
			char *text = galley_doc_alloc(m->ctx->doc, p->len + 2);
			if (b == NULL || text == NULL)
				return oom(m);
			memcpy(text, p->text, p->len);
			text[p->len] = '\n';
			if ((rc = site_copy(m, text, READ_RESTORE_LITERAL, &b->text)) < 0)
				return rc;
			b->len = strlen(b->text);
			b->info = "html";
			rc = append_block(m, s, b);
		} else {
			galley_inline *in = new_inline(m, GALLEY_TEXT, p->pos);
			if (in == NULL || (in->text = galley_doc_strndup(m->ctx->doc, p->text, p->len)) == NULL)
				return oom(m);
			in->len = p->len;
			rc = add_inlines(m, s, in);
		}
	}
	return rc;
}

/* Marks the pieces the tree holds somewhere: a placeholder as an element
 * or in the text of a script, a comment, a <textarea>; HTML when a node
 * starts in it. */
static void find_present(const hm *m, const GumboNode *node, bool *present)
{
	if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
		const GumboVector *kids = &node->v.element.children;
		size_t ph = placeholder_of(m, node);
		if (ph != SIZE_MAX)
			present[ph] = true;
		else if (node->v.element.original_tag.length > 0)
			present[piece_of(m, node->v.element.start_pos.offset)] = true;
		for (unsigned i = 0; i < kids->length; i++)
			find_present(m, kids->data[i], present);
	} else if (node->type != GUMBO_NODE_DOCUMENT) {
		present[piece_of(m, node->v.text.start_pos.offset)] = true;
		size_t from = node->v.text.start_pos.offset, to = from + node->v.text.original_text.length;
		for (size_t i = piece_of(m, from); i < m->npieces && m->at[i] < to; i++)
			if (m->at[i] >= from)
				present[i] = true;
	}
}

static int map_pieces(read_ctx *ctx, const read_html_piece *pieces, size_t n, int depth, bool flow,
                      galley_block **blocks, galley_inline **inlines);

/* Markdown blocks and HTML the HTML swallowed whole (inside a tag whose
 * quote is never closed: <div class="a, a blank line, Markdown) are not
 * lost: they follow the fragment, each HTML block parsed on its own, with
 * a warning. */
static int rescue(hm *m, hm_sink *s, int depth)
{
	bool *present = calloc(m->npieces, sizeof *present);
	bool warned = false;
	int rc = 0;

	if (present == NULL)
		return oom(m);
	find_present(m, m->out->root, present);
	for (size_t i = 0; i < m->npieces && rc == 0; i++) {
		const read_html_piece *p = &m->pieces[i];
		galley_block *b = p->blocks;
		if (p->kind == READ_HTML_INLINES || m->raw[i] || present[i] || m->used[i])
			continue;
		m->used[i] = true;
		/* (HTML that shows nothing alone, "</div>", was not lost) */
		if (p->kind == READ_HTML_MARKUP && (rc = map_pieces(m->ctx, p, 1, depth, true, &b, NULL)) < 0)
			break;
		if (b == NULL)
			continue;
		if (!warned && galley_doc_warn(m->ctx->doc, GALLEY_WARNING, &p->pos,
		                               "text inside an HTML tag that is never closed "
		                               "(a quote left open?): set after the HTML") < 0)
			rc = oom(m);
		warned = true;
		if (rc == 0)
			rc = append_block(m, s, b);
	}
	free(present);
	return rc;
}

static int map_pieces(read_ctx *ctx, const read_html_piece *pieces, size_t n, int depth, bool flow,
                      galley_block **blocks, galley_inline **inlines);

/* Past a limit, the HTML of each piece on its own, so that one block too
 * deep or too big does not take the rest with it. */
static int piecewise(hm *m, hm_sink *s, int depth, bool flow)
{
	int rc = 0;
	for (size_t i = 0; i < m->npieces && rc == 0; i++) {
		const read_html_piece *p = &m->pieces[i];
		galley_block *b = p->blocks;
		galley_inline *in = p->inlines;
		if (p->kind == READ_HTML_MARKUP)
			rc = map_pieces(m->ctx, p, 1, depth, flow, &b, &in);
		if (rc == 0 && flow)
			rc = append_block(m, s, b);
		else if (rc == 0)
			rc = add_inlines(m, s, in);
	}
	return rc;
}

/* Parses the pieces and maps them into blocks (flow) or inlines. */
static int map_pieces(read_ctx *ctx, const read_html_piece *pieces, size_t n, int depth, bool flow,
                      galley_block **blocks, galley_inline **inlines)
{
	hm m;
	hm_sink s;
	int rc;

	memset(&m, 0, sizeof m);
	m.ctx = ctx;
	m.pieces = pieces;
	m.npieces = n;
	m.block_base = flow ? depth : 0;
	m.inline_base = flow ? 0 : depth;
	m.pos_piece = SIZE_MAX;
	sink_init(&m, &s, flow, blocks);
	if (n == 0)
		return 0;
	if ((rc = read_gumbo_ready(ctx->err)) < 0)
		return rc;
	m.options = kGumboDefaultOptions;
	m.options.fragment_context = GUMBO_TAG_BODY;
	m.options.max_errors = 0;  /* galley repairs as browsers do: no list of errors */
	m.at = calloc(n, sizeof *m.at);
	m.raw = calloc(n, sizeof *m.raw);
	m.used = calloc(n, sizeof *m.used);
	if (m.at == NULL || m.raw == NULL || m.used == NULL) {
		rc = oom(&m);
		goto cleanup;
	}
	if ((rc = build_src(&m)) < 0 || (rc = parse(&m)) < 0)
		goto cleanup;
	/* Markdown blocks inside <pre> are code: parsed again as their source,
	 * which may close the <pre> and leave the blocks after it outside */
	for (int pass = 0; rc == 0 && flow && pass < HTML_MAX_PASSES; pass++) {
		if ((rc = settle_raw(&m)) <= 0)
			break;
		if ((rc = build_src(&m)) < 0 || (rc = parse(&m)) < 0)
			goto cleanup;
	}
	if (rc < 0)
		goto cleanup;
	if (rc > 0 && n > 1)
		rc = piecewise(&m, &s, depth, flow);
	else if (rc > 0)
		rc = as_written(&m, &s);
	else if ((rc = walk_children(&m, &s, m.out->root)) == 0 && flow && n > 1)
		rc = rescue(&m, &s, depth);
	if (rc == 0 && flow)
		rc = end_paragraph(&m, &s);
	if (rc == 0 && !flow) {
		tidy(&s.para, false);
		*inlines = s.para;
	}
cleanup:
	if (m.out != NULL)
		gumbo_destroy_output(&m.options, m.out);
	galley_buf_dispose(&m.src);
	free(m.at);
	free(m.raw);
	free(m.used);
	return rc;
}

int read_html_blocks(read_ctx *ctx, const read_html_piece *pieces, size_t n, int depth,
                     galley_block **out)
{
	*out = NULL;
	return map_pieces(ctx, pieces, n, depth, true, out, NULL);
}

int read_html_inlines(read_ctx *ctx, const read_html_piece *pieces, size_t n, int depth,
                      galley_inline **out)
{
	*out = NULL;
	return map_pieces(ctx, pieces, n, depth, false, NULL, out);
}

int read_html_done(read_ctx *ctx)
{
	galley_buf names = GALLEY_BUF_INIT;
	int rc = 0;

	if (ctx->html_dropped == 0)
		return 0;
	for (size_t i = 0; i < sizeof dropped_names / sizeof dropped_names[0]; i++)
		if (ctx->html_dropped & (1u << i))
			galley_buf_printf(&names, "%s<%s>", names.len > 0 ? ", " : "", dropped_names[i].name);
	if (names.failed ||
	    galley_doc_warn(ctx->doc, GALLEY_WARNING, &ctx->html_dropped_pos,
	                    "HTML left out (scripts, styles, forms and the like): %s", names.data) < 0)
		rc = galley_error_set(ctx->err, GALLEY_ENOMEM, NULL, "out of memory reading %s", ctx->file);
	ctx->html_dropped = 0;
	galley_buf_dispose(&names);
	return rc;
}
