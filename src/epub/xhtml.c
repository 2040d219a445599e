/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * xhtml.c: one XHTML content document per article, and section pages.
 *
 * Follows EPUB 3.3 "XHTML content documents" (the XML syntax of HTML, with
 * epub:type from the EPUB 3 Structural Semantics Vocabulary) and DPUB-ARIA
 * 1.1 for roles.  Every block and inline type of galley/model.h maps to one
 * element: paragraphs <p>, headings <h2>..<h6> (the article title is the
 * <h1> and the article's shallowest heading level becomes <h2>, the next
 * <h3> and so on, capped at <h6>, so that heading levels never skip) with
 * the model's ids, quotes <blockquote>, lists <ol>/<ul> (task items start
 * with a ballot box), code <pre><code>, breaks <hr/>, figures
 * <figure><img/><figcaption>, struck text <del>, tables <table> with
 * <thead>, <th scope="col"> and alignment classes, in a wrapper that
 * scrolls sideways on narrow screens.  Footnotes are pop-up notes as
 * reading systems expect them: the reference is <a epub:type="noteref"
 * role="doc-noteref"> to an <aside epub:type="footnote"
 * role="doc-footnote"> at the end of the article's document, which links
 * back to the reference.  Remote images (no
 * asset) are shown as their alt text; links whose URL was dropped or has no
 * scheme (a relative link that would point outside the book) as plain text,
 * except links the model resolved to an article of the book (`target`),
 * which point at its chapter file and heading.  Math is the author's TeX
 * in its own style, marked role="math" with the TeX as its aria-label
 * (no MathML: galley does not typeset TeX); call-outs are <div
 * role="note"> with a visible label.
 *
 * Page-break markers.  Each page-map mark names a block (by ordinal) and a
 * byte offset in its flattened text (model.h).  While the blocks are
 * written, `chapter` tracks the ordinal of the leaf being written and the
 * flattened bytes written so far, and text nodes are split where a mark
 * falls.  Marks are emitted strictly in page order; a mark whose position
 * has already been passed (a malformed map) is emitted at the next
 * opportunity rather than lost, so the page-list never points nowhere.
 * Marks on a container (quote, list) go before its start tag, on a list
 * item just inside its <li>, and anything left at the end of the article
 * goes before the chapter's end.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "epub/epub_impl.h"
#include "base/highlight.h"
#include "base/utf8.h"

/* ids galley adds to chapters contain '_', which model slugs never do
 * (finish.c makes them of [a-z0-9-]), so they cannot collide. */
#define TITLE_ID "g_title"

typedef struct chapter {
	galley_epub_book *book;
	const galley_article *article;
	galley_xml *x;
	galley_epub_page **marks;  /* this article's markers, in page order */
	size_t nmarks;
	size_t next;               /* first marker not yet written */
	uint32_t block;            /* ordinal of the leaf block being written */
	size_t offset;             /* its flattened bytes written so far */
	bool in_link;              /* inside <a>: no nested links */
	bool in_quote;             /* inside <blockquote>: its last paragraph
	                              may be an attribution */
	bool list_tight;           /* the innermost list is tight */
	bool tight_item;           /* writing the direct children of a tight
	                              list's item: paragraphs without <p> */
	const galley_block *first_in_item; /* that item's first child */
	int heading_shift;         /* added to a Markdown level to make <hN> */
} chapter;

/* The shallowest heading level among blocks (7 when none). */
static int top_heading_level(const galley_block *b)
{
	int top = 7;
	for (; b != NULL; b = b->next) {
		int l = b->type == GALLEY_HEADING ? b->level : top_heading_level(b->children);
		if (l < top)
			top = l;
	}
	return top;
}

/* The class of a table cell's alignment, or NULL. */
static const char *align_class(galley_align a)
{
	switch (a) {
	case GALLEY_ALIGN_LEFT: return "al-l";
	case GALLEY_ALIGN_CENTER: return "al-c";
	case GALLEY_ALIGN_RIGHT: return "al-r";
	default: return NULL;
	}
}

/* ---- shared pieces ----------------------------------------------------- */

void galley_epub_xhtml_begin(galley_xml *x, const char *lang, const char *title, const char *up,
                             const char *body_attrs)
{
	galley_xml_raw(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
	                  "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	                  "xmlns:epub=\"http://www.idpf.org/2007/ops\"");
	galley_xml_attr(x, "lang", lang);
	galley_xml_attr(x, "xml:lang", lang);
	galley_xml_raw(x, ">\n<head>\n<meta charset=\"utf-8\"/>\n<title>");
	galley_xml_str(x, title);
	galley_xml_printf(x, "</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"%s" GALLEY_EPUB_CSS "\"/>\n",
	                  up);
	galley_xml_printf(x, "</head>\n<body%s%s>\n", body_attrs[0] ? " " : "", body_attrs);
}

void galley_epub_xhtml_end(galley_xml *x)
{
	galley_xml_raw(x, "</body>\n</html>\n");
}

void galley_epub_xhtml_pagebreak(galley_xml *x, const galley_epub_page *page)
{
	galley_xml_printf(x, "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page_%zu\"",
	                  page->index + 1);
	galley_xml_attr(x, "aria-label", page->mark->label ? page->mark->label : "");
	galley_xml_raw(x, "></span>");
}

void galley_epub_inline_plain(galley_xml *x, const galley_inline *in)
{
	for (; in != NULL; in = in->next) {
		switch (in->type) {
		case GALLEY_TEXT:
		case GALLEY_CODE:
			galley_xml_rawn(x, in->text, in->len);
			break;
		case GALLEY_SOFTBREAK:
		case GALLEY_HARDBREAK:
			galley_xml_raw(x, " ");
			break;
		default:
			galley_epub_inline_plain(x, in->children);
			break;
		}
	}
}

/* A BCP 47 tag's shape (RFC 5646 section 2.1, simplified): a primary
 * subtag of 2-8 letters (or "x"/"i" for private and grandfathered tags),
 * then subtags of 1-8 letters or digits, separated by '-'. */
bool galley_epub_valid_lang(const char *tag)
{
	size_t i = 0, n = 0, subtags = 0;
	if (tag == NULL || strlen(tag) >= 64)
		return false;
	for (;; i++) {
		char c = tag[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (subtags > 0 && c >= '0' && c <= '9')) {
			if (++n > 8)
				return false;
			continue;
		}
		if (c != '-' && c != '\0')
			return false;
		if (n == 0)
			return false;
		if (subtags == 0 && n == 1 && tag[0] != 'x' && tag[0] != 'X' && tag[0] != 'i' && tag[0] != 'I')
			return false;
		subtags++;
		n = 0;
		if (c == '\0')
			return true;
	}
}

const char *galley_epub_article_lang(const galley_epub_book *b, const galley_article *a)
{
	if (a != NULL && galley_epub_valid_lang(a->meta.lang))
		return a->meta.lang;
	return b->lang;
}

/* Whether a link target is safe to write as an href: it must have a
 * scheme (RFC 3986: a letter, then letters, digits, + - .) and not be a
 * local file.  Relative links would point into the container at files
 * that do not exist. */
static bool linkable(const char *url)
{
	size_t i;
	if (url == NULL)
		return false;
	if (!((url[0] >= 'a' && url[0] <= 'z') || (url[0] >= 'A' && url[0] <= 'Z')))
		return false;
	for (i = 1; url[i] != '\0' && url[i] != ':'; i++) {
		char c = url[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '+' || c == '-' || c == '.'))
			return false;
	}
	if (url[i] != ':' || url[i + 1] == '\0')
		return false;
	return strncmp(url, "file:", 5) != 0 && strncmp(url, "FILE:", 5) != 0;
}

const char *galley_epub_chapter_file(const galley_epub_book *b, const galley_article *a)
{
	for (size_t i = 0; i < b->ndocs; i++) {
		if (b->docs[i].article == a) {
			const char *slash = strrchr(b->docs[i].href, '/');
			return slash != NULL ? slash + 1 : b->docs[i].href;
		}
	}
	return NULL;
}

/* ---- page-break markers ------------------------------------------------ */

/* Writes pending markers whose block comes before `ordinal`. */
static void marks_before(chapter *c, uint32_t ordinal)
{
	while (c->next < c->nmarks && c->marks[c->next]->mark->block < ordinal) {
		galley_epub_xhtml_pagebreak(c->x, c->marks[c->next]);
		c->marks[c->next++]->placed = true;
	}
}

/* Writes pending markers at or before the current offset of the leaf. */
static void marks_here(chapter *c)
{
	while (c->next < c->nmarks) {
		const galley_page_mark *m = c->marks[c->next]->mark;
		if (m->block > c->block || (m->block == c->block && m->offset > c->offset))
			break;
		galley_epub_xhtml_pagebreak(c->x, c->marks[c->next]);
		c->marks[c->next++]->placed = true;
	}
}

/* Writes `n` bytes of flattened text, split where markers fall. */
static void put_text(chapter *c, const char *s, size_t n)
{
	size_t done = 0;
	while (c->next < c->nmarks) {
		const galley_page_mark *m = c->marks[c->next]->mark;
		size_t at = done;
		if (m->block > c->block)
			break;
		if (m->block == c->block) {
			if (m->offset >= c->offset + n)
				break;
			if (m->offset > c->offset + done)
				at = m->offset - c->offset;
		}
		at = galley_utf8_boundary(s, n, at);
		galley_xml_text(c->x, s + done, at - done);
		done = at;
		galley_epub_xhtml_pagebreak(c->x, c->marks[c->next]);
		c->marks[c->next++]->placed = true;
	}
	galley_xml_text(c->x, s + done, n - done);
	c->offset += n;
}

/* ---- inlines ----------------------------------------------------------- */

static size_t plain_length(const galley_inline *in)
{
	size_t n = 0;
	for (; in != NULL; in = in->next) {
		if (in->type == GALLEY_TEXT || in->type == GALLEY_CODE || in->type == GALLEY_MATH)
			n += in->len;
		else if (in->type == GALLEY_SOFTBREAK || in->type == GALLEY_HARDBREAK)
			n += 1;
		else
			n += plain_length(in->children);
	}
	return n;
}

/* Writes an <img/> for an image with an asset; alt is its plain text. */
static void put_img(chapter *c, const galley_inline *img)
{
	galley_xml alt = GALLEY_XML_INIT;
	galley_xml_raw(c->x, "<img src=\"../images/");
	galley_xml_url_part(c->x, img->asset->name);
	galley_xml_raw(c->x, "\"");
	galley_epub_inline_plain(&alt, img->children);
	if (alt.failed)
		c->x->failed = true;
	galley_xml_attr(c->x, "alt", alt.data ? alt.data : "");
	if (img->title != NULL)
		galley_xml_attr(c->x, "title", img->title);
	/* the size its HTML asked for (the stylesheet keeps it in the page) */
	if (img->width > 0)
		galley_xml_printf(c->x, " width=\"%u\"", (unsigned)img->width);
	else if (img->height > 0)
		galley_xml_printf(c->x, " height=\"%u\"", (unsigned)img->height);
	galley_xml_raw(c->x, "/>");
	galley_xml_dispose(&alt);
}

static void put_inlines(chapter *c, const galley_inline *in)
{
	for (; in != NULL; in = in->next) {
		switch (in->type) {
		case GALLEY_TEXT:
			put_text(c, in->text, in->len);
			break;
		case GALLEY_CODE:
			galley_xml_raw(c->x, "<code>");
			put_text(c, in->text, in->len);
			galley_xml_raw(c->x, "</code>");
			break;
		case GALLEY_EMPH:
			galley_xml_raw(c->x, "<em>");
			put_inlines(c, in->children);
			galley_xml_raw(c->x, "</em>");
			break;
		case GALLEY_STRONG:
			galley_xml_raw(c->x, "<strong>");
			put_inlines(c, in->children);
			galley_xml_raw(c->x, "</strong>");
			break;
		case GALLEY_STRIKE:
			galley_xml_raw(c->x, "<del>");
			put_inlines(c, in->children);
			galley_xml_raw(c->x, "</del>");
			break;
		case GALLEY_SUP:
		case GALLEY_SUB:
		case GALLEY_UNDERLINE:
		case GALLEY_MARK:
		case GALLEY_SMALL:
		case GALLEY_ABBR: {
			static const char *const tags[] = {"sup", "sub", "u", "mark", "small", "abbr"};
			const char *tag = tags[in->type - GALLEY_SUP];
			galley_xml_printf(c->x, "<%s", tag);
			if (in->type == GALLEY_ABBR && in->title != NULL)
				galley_xml_attr(c->x, "title", in->title);
			galley_xml_raw(c->x, ">");
			put_inlines(c, in->children);
			galley_xml_printf(c->x, "</%s>", tag);
			break;
		}
		case GALLEY_NOTEREF:
			/* ids: fnref-N for the first reference to note N, fnref-N-K
			 * for the K-th; inside a link only the number (no nested <a>) */
			if (c->in_link) {
				galley_xml_printf(c->x, "<sup>%d</sup>", in->number);
				break;
			}
			galley_xml_printf(c->x, "<a epub:type=\"noteref\" role=\"doc-noteref\" class=\"noteref\" "
			                        "href=\"#fn-%d\" id=\"fnref-%d", in->number, in->number);
			if (in->ref > 1)
				galley_xml_printf(c->x, "-%d", in->ref);
			galley_xml_printf(c->x, "\"><sup>%d</sup></a>", in->number);
			break;
		case GALLEY_MATH:
			galley_xml_raw(c->x, "<span class=\"math\" role=\"math\"");
			galley_xml_attr(c->x, "aria-label", in->text);
			galley_xml_raw(c->x, ">");
			put_text(c, in->text, in->len);
			galley_xml_raw(c->x, "</span>");
			break;
		case GALLEY_LINK: {
			/* a link into the book goes to the chapter and heading the
			 * model resolved (galley_doc_finish) */
			const char *file = in->target != NULL ? galley_epub_chapter_file(c->book, in->target) : NULL;
			if ((file != NULL || linkable(in->url)) && !c->in_link) {
				galley_xml_raw(c->x, "<a");
				if (file != NULL) {
					galley_xml_raw(c->x, " href=\"");
					if (in->target != c->article)
						galley_xml_url_part(c->x, file);
					galley_xml_raw(c->x, "#");
					galley_xml_url_part(c->x, in->anchor != NULL ? in->anchor : TITLE_ID);
					galley_xml_raw(c->x, "\"");
				} else {
					galley_xml_url_attr(c->x, "href", in->url);
				}
				if (in->title != NULL)
					galley_xml_attr(c->x, "title", in->title);
				galley_xml_raw(c->x, ">");
				c->in_link = true;
				put_inlines(c, in->children);
				c->in_link = false;
				galley_xml_raw(c->x, "</a>");
			} else {
				put_inlines(c, in->children);
			}
			break;
		}
		case GALLEY_IMAGE:
			if (in->asset != NULL) {
				marks_here(c);
				put_img(c, in);
				c->offset += plain_length(in->children);
			} else {
				galley_xml_raw(c->x, "<span class=\"image-remote\">");
				put_inlines(c, in->children);
				galley_xml_raw(c->x, "</span>");
			}
			break;
		case GALLEY_SOFTBREAK:
			put_text(c, "\n", 1);
			break;
		case GALLEY_HARDBREAK:
			marks_here(c);
			galley_xml_raw(c->x, "<br/>\n");
			c->offset += 1;
			break;
		}
	}
}

/* ---- blocks ------------------------------------------------------------ */

/* Starts a leaf block: its text offsets count from 0. */
static void leaf_begin(chapter *c, const galley_block *b)
{
	marks_before(c, b->ordinal);
	c->block = b->ordinal;
	c->offset = 0;
}

/* Ends a leaf block: markers still pending on it go before its end tag. */
static void leaf_end(chapter *c, const galley_block *b)
{
	marks_before(c, b->ordinal + 1);
}

/* The first word of a code block's info string as a class token. */
static void put_code_class(galley_xml *x, const char *info)
{
	size_t n = 0;
	if (info == NULL)
		return;
	while (info[n] != '\0' && info[n] != ' ' && info[n] != '\t' && info[n] != '\n')
		n++;
	if (n == 0)
		return;
	galley_xml_raw(x, " class=\"language-");
	galley_xml_text(x, info, n);
	galley_xml_raw(x, "\"");
}

/* The class of each token class's <span> (css.c styles them), by
 * galley_hl_class; NULL: plain, no span.  Only the classes the EPUB
 * styles (in weight and slant, hlcss.c): a span with no rule is noise. */
static const char *const hl_span_class[GALLEY_HL_NCLASSES] = {
	[GALLEY_HL_KEYWORD] = "hl-kw", [GALLEY_HL_PREPROC] = "hl-pp", [GALLEY_HL_COMMENT] = "hl-co",
};

/* A code block's text, one <span class="line"> per source line with its
 * line feed inside: the stylesheet makes each a block with a hanging
 * indent and marks its continuation lines (a wrapped line must not look
 * like a new one at column 0), while a reader without the stylesheet,
 * or one that copies the text, still sees plain lines.  Inside the lines,
 * its tokens are in <span>s when it names a language Source-highlight
 * knows (base/highlight.h), a token that runs over a line end cut in two
 * so that the spans nest.  Out of memory fails the buffer, as a write
 * would. */
static void put_code(chapter *c, const galley_block *b)
{
	const char *text = b->text ? b->text : "";
	size_t len = b->text ? b->len : 0, at = 0, n = 0, k = 0;
	galley_hl_span *spans = NULL;
	int rc = b->info != NULL ? galley_highlight(b->info, text, len, &spans, &n) : 0;

	if (rc < 0)
		c->x->failed = true;
	while (at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t end = nl != NULL ? (size_t)(nl - text) + 1 : len, p = at;

		galley_xml_raw(c->x, "<span class=\"line\">");
		while (p < end) {
			const char *cls = NULL;
			size_t stop = end;

			while (k < n && spans[k].end <= p)
				k++;
			if (k < n && spans[k].start <= p) {
				cls = hl_span_class[spans[k].cls < GALLEY_HL_NCLASSES ? spans[k].cls : 0];
				stop = spans[k].end < end ? spans[k].end : end;
			} else if (k < n && spans[k].start < end) {
				stop = spans[k].start;
			}
			if (cls != NULL)
				galley_xml_printf(c->x, "<span class=\"%s\">", cls);
			put_text(c, text + p, stop - p);
			if (cls != NULL)
				galley_xml_raw(c->x, "</span>");
			p = stop;
		}
		galley_xml_raw(c->x, "</span>");
		at = end;
	}
	free(spans);
}

static void put_figure(chapter *c, const galley_block *b)
{
	const galley_inline *img = b->inlines;
	leaf_begin(c, b);
	if (img->asset != NULL) {
		/* the caption is the title when given, else the alt text; one that
		 * says what the alt text says is hidden from screen readers, which
		 * read the alt text already */
		bool titled = img->title != NULL && img->title[0] != '\0';
		galley_xml alt = GALLEY_XML_INIT;
		galley_epub_inline_plain(&alt, img->children);
		if (alt.failed)
			c->x->failed = true;
		galley_xml_raw(c->x, "<figure>");
		marks_here(c);
		put_img(c, img);
		if (titled || img->children != NULL) {
			galley_xml_raw(c->x, !titled || strcmp(img->title, alt.data ? alt.data : "") == 0
			                         ? "<figcaption aria-hidden=\"true\">" : "<figcaption>");
			if (titled) {
				galley_xml_text(c->x, img->title, strlen(img->title));
				c->offset += plain_length(img->children);
			} else {
				put_inlines(c, img->children);
			}
			leaf_end(c, b);
			galley_xml_raw(c->x, "</figcaption>");
		}
		galley_xml_dispose(&alt);
		leaf_end(c, b);
		galley_xml_raw(c->x, "</figure>\n");
	} else {
		galley_xml_raw(c->x, "<p class=\"image-remote\">");
		put_inlines(c, img->children);
		leaf_end(c, b);
		galley_xml_raw(c->x, "</p>\n");
	}
}

static void put_blocks(chapter *c, const galley_block *b);

/* A table: the header row in <thead>, the others in <tbody>; alignment
 * by class; a wrapper that scrolls sideways when the table is wider than
 * the screen. */
static void put_table(chapter *c, const galley_block *t)
{
	marks_before(c, t->ordinal + 1);
	galley_xml_raw(c->x, "<div class=\"table-wrap\">\n<table>\n");
	for (const galley_block *row = t->children; row != NULL; row = row->next) {
		uint32_t col = 0;
		marks_before(c, row->ordinal + 1);
		if (row->header)
			galley_xml_raw(c->x, "<thead>\n");
		else if (row == (t->children->header ? t->children->next : t->children))
			galley_xml_raw(c->x, "<tbody>\n");
		galley_xml_raw(c->x, "<tr>");
		for (const galley_block *cell = row->children; cell != NULL; cell = cell->next, col++) {
			const char *cls = col < t->ncols ? align_class(t->align[col]) : NULL;
			leaf_begin(c, cell);
			galley_xml_raw(c->x, row->header ? "<th scope=\"col\"" : "<td");
			if (cls != NULL)
				galley_xml_printf(c->x, " class=\"%s\"", cls);
			galley_xml_raw(c->x, ">");
			put_inlines(c, cell->inlines);
			leaf_end(c, cell);
			galley_xml_raw(c->x, row->header ? "</th>" : "</td>");
		}
		galley_xml_raw(c->x, "</tr>\n");
		if (row->header)
			galley_xml_raw(c->x, "</thead>\n");
	}
	if (!(t->children->header && t->children->next == NULL))
		galley_xml_raw(c->x, "</tbody>\n");
	galley_xml_raw(c->x, "</table>\n</div>\n");
}

/* The article's footnotes, each an <aside> that links back to its first
 * reference. */
static void put_notes(chapter *c, const galley_block *note)
{
	if (note == NULL)
		return;
	galley_xml_raw(c->x, "<section class=\"footnotes\">\n<hr class=\"footnotes-rule\"/>\n");
	for (; note != NULL; note = note->next) {
		marks_before(c, note->ordinal + 1);
		galley_xml_printf(c->x, "<aside id=\"fn-%d\" epub:type=\"footnote\" role=\"doc-footnote\">\n"
		                        "<p class=\"fn-number\"><a href=\"#fnref-%d\" role=\"doc-backlink\">%d.</a></p>\n",
		                  note->number, note->number, note->number);
		put_blocks(c, note->children);
		galley_xml_raw(c->x, "</aside>\n");
	}
	galley_xml_raw(c->x, "</section>\n");
}

static void put_blocks(chapter *c, const galley_block *b)
{
	for (; b != NULL; b = b->next) {
		switch (b->type) {
		case GALLEY_PARAGRAPH:
			/* a tight item's text is the item's own, as CommonMark
			 * renders it: converters read <li><p> as a loose list */
			leaf_begin(c, b);
			if (c->tight_item && b != c->first_in_item)
				galley_xml_raw(c->x, "<br/>\n");
			else if (!c->tight_item)
				galley_xml_raw(c->x, c->in_quote && galley_block_is_attribution(b)
				                         ? "<p class=\"attribution\">" : "<p>");
			put_inlines(c, b->inlines);
			leaf_end(c, b);
			galley_xml_raw(c->x, c->tight_item ? "" : "</p>\n");
			break;
		case GALLEY_HEADING: {
			int h = b->level + c->heading_shift > 6 ? 6 : b->level + c->heading_shift;
			leaf_begin(c, b);
			galley_xml_printf(c->x, "<h%d", h);
			if (b->id != NULL)
				galley_xml_attr(c->x, "id", b->id);
			galley_xml_raw(c->x, ">");
			put_inlines(c, b->inlines);
			leaf_end(c, b);
			galley_xml_printf(c->x, "</h%d>\n", h);
			break;
		}
		case GALLEY_MATH_BLOCK:
			leaf_begin(c, b);
			galley_xml_raw(c->x, "<div class=\"math-display\" role=\"math\"");
			galley_xml_attr(c->x, "aria-label", b->text);
			galley_xml_raw(c->x, ">");
			put_text(c, b->text, b->len);
			leaf_end(c, b);
			galley_xml_raw(c->x, "</div>\n");
			break;
		case GALLEY_CALLOUT: {
			static const char *const kinds[] = {"note", "tip", "important", "warning", "caution"};
			marks_before(c, b->ordinal + 1);
			galley_xml_printf(c->x, "<div class=\"callout callout-%s\" role=\"note\">\n"
			                        "<p class=\"callout-label\">%s</p>\n",
			                  kinds[b->callout], galley_callout_label(b->callout));
			{
				bool tight = c->tight_item;
				c->tight_item = false;
				put_blocks(c, b->children);
				c->tight_item = tight;
			}
			galley_xml_raw(c->x, "</div>\n");
			break;
		}
		case GALLEY_CODEBLOCK:
			leaf_begin(c, b);
			galley_xml_raw(c->x, "<pre><code");
			put_code_class(c->x, b->info);
			galley_xml_raw(c->x, ">");
			put_code(c, b);
			leaf_end(c, b);
			galley_xml_raw(c->x, "</code></pre>\n");
			break;
		case GALLEY_FIGURE:
			put_figure(c, b);
			break;
		case GALLEY_RULE:
			marks_before(c, b->ordinal + 1);
			galley_xml_raw(c->x, "<hr/>\n");
			break;
		case GALLEY_QUOTE:
			marks_before(c, b->ordinal + 1);
			galley_xml_raw(c->x, "<blockquote>\n");
			{
				bool was = c->in_quote, tight = c->tight_item;
				c->in_quote = true;
				c->tight_item = false;
				put_blocks(c, b->children);
				c->in_quote = was;
				c->tight_item = tight;
			}
			galley_xml_raw(c->x, "</blockquote>\n");
			break;
		case GALLEY_LIST:
			marks_before(c, b->ordinal + 1);
			if (b->ordered) {
				galley_xml_raw(c->x, "<ol");
				if (b->start != 1)
					galley_xml_printf(c->x, " start=\"%d\"", b->start);
			} else {
				galley_xml_raw(c->x, "<ul");
			}
			galley_xml_raw(c->x, b->tight ? " class=\"tight\">\n" : ">\n");
			{
				bool was = c->list_tight;
				c->list_tight = b->tight;
				put_blocks(c, b->children);
				c->list_tight = was;
			}
			galley_xml_raw(c->x, b->ordered ? "</ol>\n" : "</ul>\n");
			break;
		case GALLEY_ITEM:
			if (b->task == GALLEY_TASK_NONE) {
				galley_xml_raw(c->x, "<li>");
			} else {
				/* a ballot box, said as a word by screen readers */
				galley_xml_raw(c->x, b->task == GALLEY_TASK_DONE
				                         ? "<li class=\"task\"><span class=\"task-box\" role=\"img\" "
				                           "aria-label=\"done\">\xE2\x98\x91</span> "
				                         : "<li class=\"task\"><span class=\"task-box\" role=\"img\" "
				                           "aria-label=\"to do\">\xE2\x98\x90</span> ");
			}
			marks_before(c, b->ordinal + 1);
			{
				bool was = c->tight_item;
				const galley_block *first = c->first_in_item;
				c->tight_item = c->list_tight;
				c->first_in_item = b->children;
				put_blocks(c, b->children);
				c->tight_item = was;
				c->first_in_item = first;
			}
			galley_xml_raw(c->x, "</li>\n");
			break;
		case GALLEY_TABLE:
			put_table(c, b);
			break;
		case GALLEY_DEFLIST:
			marks_before(c, b->ordinal + 1);
			galley_xml_raw(c->x, "<dl>\n");
			put_blocks(c, b->children);
			galley_xml_raw(c->x, "</dl>\n");
			break;
		case GALLEY_DEFTERM:
			/* page marks go inside <dt> and <dd>: <dl> holds nothing else */
			galley_xml_raw(c->x, "<dt>");
			leaf_begin(c, b);
			put_inlines(c, b->inlines);
			leaf_end(c, b);
			galley_xml_raw(c->x, "</dt>\n");
			break;
		case GALLEY_DEFDESC:
			galley_xml_raw(c->x, "<dd>\n");
			marks_before(c, b->ordinal + 1);
			{
				bool tight = c->tight_item;
				c->tight_item = false;
				put_blocks(c, b->children);
				c->tight_item = tight;
			}
			galley_xml_raw(c->x, "</dd>\n");
			break;
		case GALLEY_TABLE_ROW:
		case GALLEY_TABLE_CELL:
		case GALLEY_FOOTNOTE:
			/* written by put_table and put_notes, never met here */
			break;
		}
	}
}

/* ---- the article header ------------------------------------------------ */

static void put_byline(galley_xml *x, const galley_meta *m)
{
	size_t i;
	if (m->nauthors == 0)
		return;
	galley_xml_raw(x, "<p class=\"byline\">By ");
	for (i = 0; i < m->nauthors; i++) {
		if (i > 0)
			galley_xml_raw(x, i + 1 == m->nauthors ? " and " : ", ");
		galley_xml_str(x, m->authors[i]);
	}
	galley_xml_raw(x, "</p>\n");
}

static void put_header(galley_xml *x, const galley_article *a)
{
	const galley_meta *m = &a->meta;
	galley_xml_raw(x, "<header>\n<h1 id=\"" TITLE_ID "\">");
	galley_xml_str(x, m->title && m->title[0] ? m->title : "Untitled");
	galley_xml_raw(x, "</h1>\n");
	if (m->subtitle != NULL && m->subtitle[0] != '\0') {
		galley_xml_raw(x, "<p class=\"subtitle\" role=\"doc-subtitle\">");
		galley_xml_str(x, m->subtitle);
		galley_xml_raw(x, "</p>\n");
	}
	put_byline(x, m);
	galley_xml_raw(x, "<p class=\"dateline\">");
	if (m->date.year != 0) {
		char iso[32], human[32];
		galley_xml_raw(x, "<time");
		galley_xml_attr(x, "datetime", galley_date_iso(&m->date, false, iso));
		galley_xml_raw(x, ">");
		galley_xml_str(x, galley_date_human(&m->date, human));
		galley_xml_raw(x, "</time> \xC2\xB7 ");
	}
	galley_xml_printf(x, "%u min read</p>\n",
	                  a->minutes ? a->minutes : 1);
	if (m->publication != NULL || linkable(m->source)) {
		galley_xml_raw(x, "<p class=\"source\">");
		if (m->publication != NULL) {
			galley_xml_raw(x, "First published in <cite>");
			galley_xml_str(x, m->publication);
			galley_xml_raw(x, "</cite>");
			if (linkable(m->source))
				galley_xml_raw(x, " \xC2\xB7 ");
		}
		if (linkable(m->source)) {
			galley_xml_raw(x, "<a");
			galley_xml_url_attr(x, "href", m->source);
			galley_xml_raw(x, ">");
			galley_xml_str(x, m->source);
			galley_xml_raw(x, "</a>");
		}
		galley_xml_raw(x, "</p>\n");
	}
	galley_xml_raw(x, "</header>\n");
}

/* ---- documents --------------------------------------------------------- */

void galley_epub_write_chapter(galley_epub_book *b, const galley_epub_doc *d, galley_xml *x)
{
	const galley_article *a = d->article;
	chapter c;
	size_t i, n = 0;

	memset(&c, 0, sizeof c);
	c.book = b;
	c.article = a;
	c.x = x;
	for (i = 0; i < b->npages; i++)
		if (b->pages[i].mark->article == a->index)
			n++;
	if (n > 0) {
		c.marks = malloc(n * sizeof *c.marks);
		if (c.marks == NULL) {
			x->failed = true;
			return;
		}
		for (i = 0; i < b->npages; i++)
			if (b->pages[i].mark->article == a->index)
				c.marks[c.nmarks++] = &b->pages[i];
	}

	galley_epub_xhtml_begin(x, galley_epub_article_lang(b, a),
	                        a->meta.title && a->meta.title[0] ? a->meta.title : "Untitled",
	                        "../", "");
	galley_xml_raw(x, "<section epub:type=\"bodymatter chapter\" role=\"doc-chapter\" "
	                  "aria-labelledby=\"" TITLE_ID "\">\n");
	/* a page that starts at the article's first word starts with its title */
	while (c.next < c.nmarks && c.marks[c.next]->mark->block == 0 &&
	       c.marks[c.next]->mark->offset == 0) {
		galley_epub_xhtml_pagebreak(x, c.marks[c.next]);
		c.marks[c.next++]->placed = true;
	}
	put_header(x, a);
	c.heading_shift = 2 - top_heading_level(a->blocks);
	put_blocks(&c, a->blocks);
	put_notes(&c, a->notes);
	marks_before(&c, UINT32_MAX);
	while (c.next < c.nmarks) { /* block == UINT32_MAX: cannot happen, but never lose one */
		galley_epub_xhtml_pagebreak(x, c.marks[c.next]);
		c.marks[c.next++]->placed = true;
	}
	galley_xml_raw(x, "</section>\n");
	galley_epub_xhtml_end(x);
	free(c.marks);
}

void galley_epub_write_section_page(galley_epub_book *b, const galley_epub_doc *d, galley_xml *x)
{
	const galley_section *s = d->section;
	size_t i;
	galley_epub_xhtml_begin(x, b->lang, s->title, "../", "");
	galley_xml_raw(x, "<section class=\"part\" epub:type=\"part\" role=\"doc-part\" "
	                  "aria-labelledby=\"" TITLE_ID "\">\n<h1 id=\"" TITLE_ID "\">");
	galley_xml_str(x, s->title);
	galley_xml_raw(x, "</h1>\n<ul class=\"part-contents\">\n");
	for (i = 0; i < s->narticles; i++) {
		const galley_article *a = s->articles[i];
		const char *file = galley_epub_chapter_file(b, a);
		galley_xml_raw(x, "<li>");
		if (file != NULL) {
			galley_xml_raw(x, "<a href=\"");
			galley_xml_url_part(x, file);
			galley_xml_raw(x, "\">");
		}
		galley_xml_str(x, a->meta.title && a->meta.title[0] ? a->meta.title : "Untitled");
		galley_xml_raw(x, file != NULL ? "</a></li>\n" : "</li>\n");
	}
	galley_xml_raw(x, "</ul>\n</section>\n");
	galley_epub_xhtml_end(x);
}
