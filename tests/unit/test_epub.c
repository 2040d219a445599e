/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_epub.c: the EPUB writer, on documents built by hand through the
 * model API.
 *
 * The book is written to memory and taken apart again here with a small
 * reader of ZIP local headers and zlib's raw inflate, independent of
 * libzip, so the checks see exactly the bytes a reading system gets:
 * container layout, escaping, page-break markers, metadata, determinism.
 * Set TEST_EPUB_OUT=DIR to keep the books for epubcheck.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "galley/epub.h"
#include "galley/model.h"
#include "galley/read.h"
#include "t.h"

/* ---- a ZIP reader just large enough for the test ----------------------- */

typedef struct file {
	char name[256];
	int method;
	int extra;
	char *data; /* inflated, NUL-terminated */
	size_t len;
} file;

typedef struct book {
	file f[64];
	int n;
} book;

static unsigned rd16(const unsigned char *p)
{
	return p[0] | (unsigned)p[1] << 8;
}

static unsigned long rd32(const unsigned char *p)
{
	return rd16(p) | (unsigned long)rd16(p + 2) << 16;
}

static int unzip(const unsigned char *z, size_t len, book *b)
{
	size_t at = 0;
	b->n = 0;
	while (at + 30 <= len && rd32(z + at) == 0x04034b50UL && b->n < 64) {
		file *f = &b->f[b->n];
		unsigned long csize = rd32(z + at + 18), usize = rd32(z + at + 22);
		unsigned nlen = rd16(z + at + 26), elen = rd16(z + at + 28);
		const unsigned char *data = z + at + 30 + nlen + elen;
		f->method = (int)rd16(z + at + 8);
		f->extra = (int)elen;
		snprintf(f->name, sizeof f->name, "%.*s", (int)nlen, (const char *)z + at + 30);
		f->data = malloc(usize + 1);
		f->len = usize;
		if (f->method == 0) {
			memcpy(f->data, data, usize);
		} else {
			z_stream s;
			memset(&s, 0, sizeof s);
			if (inflateInit2(&s, -15) != Z_OK)
				return -1;
			s.next_in = (unsigned char *)data;
			s.avail_in = (unsigned)csize;
			s.next_out = (unsigned char *)f->data;
			s.avail_out = (unsigned)usize;
			if (inflate(&s, Z_FINISH) != Z_STREAM_END)
				return -1;
			inflateEnd(&s);
		}
		f->data[usize] = '\0';
		b->n++;
		at += 30 + nlen + elen + csize;
	}
	return b->n;
}

static void book_free(book *b)
{
	int i;
	for (i = 0; i < b->n; i++)
		free(b->f[i].data);
	b->n = 0;
}

static const char *content(const book *b, const char *name)
{
	int i;
	for (i = 0; i < b->n; i++)
		if (strcmp(b->f[i].name, name) == 0)
			return b->f[i].data;
	return "";
}

static int contains(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

/* ---- building documents ------------------------------------------------ */

static const unsigned char png_2x2[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
	0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd,
	0xd4, 0x9a, 0x73, 0x00, 0x00, 0x00, 0x13, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x38,
	0x60, 0xa0, 0x00, 0x44, 0x0c, 0x0a, 0x06, 0x07, 0x80, 0x08, 0x00, 0x1d, 0xce, 0x04, 0x41,
	0xa6, 0x96, 0x67, 0x1c, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60,
	0x82};

static galley_pos here(galley_article *a)
{
	galley_pos p = {a->path, 1, 1};
	return p;
}

static galley_inline *text(galley_doc *d, galley_article *a, const char *s)
{
	galley_inline *in = galley_doc_new_inline(d, GALLEY_TEXT, here(a));
	in->text = galley_doc_strdup(d, s);
	in->len = strlen(s);
	return in;
}

static galley_block *para(galley_doc *d, galley_article *a, galley_inline *inlines)
{
	galley_block *b = galley_doc_new_block(d, GALLEY_PARAGRAPH, here(a));
	b->inlines = inlines;
	return b;
}

static galley_block *heading(galley_doc *d, galley_article *a, int level, const char *s)
{
	galley_block *b = galley_doc_new_block(d, GALLEY_HEADING, here(a));
	b->level = level;
	b->inlines = text(d, a, s);
	return b;
}

static const char **strings(galley_doc *d, const char *a, const char *b)
{
	const char **v = galley_doc_alloc(d, 2 * sizeof *v);
	v[0] = galley_doc_strdup(d, a);
	v[1] = b ? galley_doc_strdup(d, b) : NULL;
	return v;
}

/* Article 1: "Hello world" paragraph (page 2 starts at "world"), escaping
 * bait, a list, a quote, code, a figure, links of every kind. */
static void article_one(galley_doc *d, galley_section *s, const char *title)
{
	galley_article *a = galley_doc_add_article(d, s, "one.md");
	galley_block *b, *last;
	galley_inline *in, *link, *img;
	galley_asset asset;

	a->meta.title = galley_doc_strdup(d, title);
	a->meta.subtitle = galley_doc_strdup(d, "A <sub> & title");
	a->meta.authors = strings(d, "Ann O'Neil", "Bo \"B\" Ek");
	a->meta.nauthors = 2;
	a->meta.tags = strings(d, "food & drink", "news");
	a->meta.ntags = 2;
	galley_date_parse("2024-03-01T01:30:00+02:00", &a->meta.date);
	a->meta.source = galley_doc_strdup(d, "https://example.com/a?x=1&y=2");
	a->meta.publication = galley_doc_strdup(d, "The <Daily>");
	a->meta.lang = galley_doc_strdup(d, "en-GB");

	/* block 0 */
	b = para(d, a, text(d, a, "Hello world & <friends> \"quoted\" 'single'\x01 end"));
	a->blocks = last = b;
	/* block 1 */
	last = last->next = heading(d, a, 2, "Second part");
	/* block 2: emphasis, code, link (safe, unsafe, relative), breaks */
	in = text(d, a, "Some ");
	b = para(d, a, in);
	in = in->next = galley_doc_new_inline(d, GALLEY_EMPH, here(a));
	in->children = text(d, a, "emph");
	in = in->next = galley_doc_new_inline(d, GALLEY_SOFTBREAK, here(a));
	in = in->next = galley_doc_new_inline(d, GALLEY_CODE, here(a));
	in->text = "x<y";
	in->len = 3;
	in = in->next = galley_doc_new_inline(d, GALLEY_HARDBREAK, here(a));
	link = in = in->next = galley_doc_new_inline(d, GALLEY_LINK, here(a));
	link->url = "https://example.org/p q\"r";
	link->children = text(d, a, "safe link");
	in = in->next = galley_doc_new_inline(d, GALLEY_LINK, here(a));
	in->url = NULL;
	in->children = text(d, a, "dropped link");
	in = in->next = galley_doc_new_inline(d, GALLEY_LINK, here(a));
	in->url = "other.md";
	in->children = text(d, a, "relative link");
	last = last->next = b;
	/* block 3: quote > block 4 paragraph */
	b = galley_doc_new_block(d, GALLEY_QUOTE, here(a));
	b->children = para(d, a, text(d, a, "Quoted words here"));
	last = last->next = b;
	/* block 5: list, 6 item, 7 para, 8 item, 9 para */
	b = galley_doc_new_block(d, GALLEY_LIST, here(a));
	b->ordered = true;
	b->start = 3;
	b->tight = true;
	b->children = galley_doc_new_block(d, GALLEY_ITEM, here(a));
	b->children->children = para(d, a, text(d, a, "first item"));
	b->children->next = galley_doc_new_block(d, GALLEY_ITEM, here(a));
	b->children->next->children = para(d, a, text(d, a, "second item"));
	last = last->next = b;
	/* block 10: code */
	b = galley_doc_new_block(d, GALLEY_CODEBLOCK, here(a));
	b->info = "c extra";
	b->text = "int main(void) { return a < b && c; }\n";
	b->len = strlen(b->text);
	last = last->next = b;
	/* block 11: rule; 12: figure with an asset; 13: remote image */
	last = last->next = galley_doc_new_block(d, GALLEY_RULE, here(a));
	memset(&asset, 0, sizeof asset);
	asset.path = "/nowhere/dot.png";
	asset.media_type = "image/png";
	asset.width = asset.height = 2;
	asset.bytes = png_2x2;
	asset.size = sizeof png_2x2;
	img = galley_doc_new_inline(d, GALLEY_IMAGE, here(a));
	img->url = "dot.png";
	img->asset = galley_doc_add_asset(d, &asset);
	img->children = text(d, a, "A dot & more");
	b = galley_doc_new_block(d, GALLEY_FIGURE, here(a));
	b->inlines = img;
	last = last->next = b;
	img = galley_doc_new_inline(d, GALLEY_IMAGE, here(a));
	img->url = "https://example.com/remote.png";
	img->children = text(d, a, "remote picture");
	b = galley_doc_new_block(d, GALLEY_FIGURE, here(a));
	b->inlines = img;
	last->next = b;
}

static void article_two(galley_doc *d, galley_section *s, const char *title)
{
	galley_article *a = galley_doc_add_article(d, s, "two.md");
	galley_block *b;
	a->meta.title = galley_doc_strdup(d, title);
	galley_date_parse("2024-02-10", &a->meta.date);
	a->meta.authors = strings(d, "Ann O'Neil", NULL);
	a->meta.nauthors = 1;
	a->blocks = heading(d, a, 1, "Intro");
	a->blocks->next = b = para(d, a, text(d, a, "Alpha beta gamma delta"));
	b->next = heading(d, a, 3, "Deep");
	b->next->next = heading(d, a, 2, "Back");
}

/* Two sections; article titles given so tests can vary the content. */
static galley_doc *make_doc(const char *title_one)
{
	galley_doc *d = galley_doc_new();
	galley_meta *m = galley_doc_meta(d);
	galley_section *s1, *s2;
	galley_error err = GALLEY_ERROR_INIT;
	m->title = "Fish & Chips <b> \"q\" 'a'";
	m->lang = "not a lang!";
	m->publisher = "P & Q";
	galley_date_parse("2024-01-01", &m->since);
	galley_date_parse("2024-03-31", &m->until);
	s1 = galley_doc_add_section(d, "News & views");
	s2 = galley_doc_add_section(d, "Essays");
	article_one(d, s1, title_one);
	article_two(d, s2, "Second article");
	if (galley_doc_finish(d, &err) < 0 || galley_doc_check(d, &err) < 0)
		printf("# model: %s\n", err.message);
	return d;
}

static int write_book(const galley_doc *d, const galley_epub_options *o, unsigned char **out,
                      size_t *len, const char *keep)
{
	galley_error err = GALLEY_ERROR_INIT;
	int rc = galley_epub_write_memory(d, out, len, o, &err);
	if (rc < 0)
		printf("# epub: %s\n", err.message);
	if (rc == 0 && keep != NULL && getenv("TEST_EPUB_OUT") != NULL) {
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", getenv("TEST_EPUB_OUT"), keep);
		rc = galley_epub_write(d, path, o, &err);
		if (rc < 0)
			printf("# epub: %s\n", err.message);
	}
	return rc;
}

/* ---- tests ------------------------------------------------------------- */

static void test_container(void)
{
	galley_doc *d = make_doc("Fish & <chips>");
	galley_epub_options o = GALLEY_EPUB_OPTIONS_INIT;
	unsigned char *z = NULL, *z2 = NULL;
	size_t len = 0, len2 = 0;
	book b;
	const char *opf, *ch, *nav, *ncx, *cover, *tp, *part, *css;

	T_EQ_INT(write_book(d, &o, &z, &len, "plain.epub"), 0, "write a book to memory");
	T_CHECK(len > 30 && memcmp(z, "PK\3\4", 4) == 0, "starts with a local file header");
	T_CHECK(len > 58 && memcmp(z + 30, "mimetypeapplication/epub+zip", 28) == 0,
	        "mimetype first, stored, no extra field");
	T_CHECK(unzip(z, len, &b) > 8, "the archive reads back with zlib");
	T_EQ_STR(b.f[0].name, "mimetype", "first entry is mimetype");
	T_EQ_INT(b.f[0].method, 0, "mimetype is stored");
	T_EQ_INT(b.f[0].extra, 0, "mimetype has no extra field");
	T_EQ_INT(b.f[2].method, 8, "other entries are deflated");
	T_CHECK(contains(content(&b, "META-INF/container.xml"), "full-path=\"EPUB/package.opf\""),
	        "container points at the package");

	T_EQ_INT(write_book(d, &o, &z2, &len2, NULL), 0, "write again");
	T_CHECK(len == len2 && memcmp(z, z2, len) == 0, "two writes give identical bytes");

	opf = content(&b, "EPUB/package.opf");
	T_CHECK(contains(opf, "<dc:title id=\"title\">Fish &amp; Chips &lt;b&gt; \"q\" 'a'</dc:title>"),
	        "title escaped in text");
	T_CHECK(contains(opf, "<dc:language>en-GB</dc:language>"),
	        "invalid publication language falls back to the articles'");
	T_CHECK(contains(opf, "<dc:creator id=\"publication\">P &amp; Q</dc:creator>") &&
	        !contains(opf, "<dc:creator id=\"creator"),
	        "an issue without an editor: the publication is its one creator");
	T_CHECK(contains(opf, "<dc:contributor id=\"contributor1\">Ann O'Neil</dc:contributor>") &&
	        contains(opf, "<dc:contributor id=\"contributor2\">Bo \"B\" Ek</dc:contributor>") &&
	        !contains(opf, "contributor3"), "contributors are the union of article authors, once each");
	T_CHECK(contains(opf, "<meta property=\"belongs-to-collection\" id=\"series\">Fish &amp; Chips "
	                      "&lt;b&gt; \"q\" 'a'</meta>") &&
	        contains(opf, "<meta refines=\"#series\" property=\"collection-type\">series</meta>") &&
	        !contains(opf, "group-position"), "a window makes an issue of a series; no number, no position");
	T_CHECK(contains(opf, "<dc:subject>food &amp; drink</dc:subject>"), "subjects from tags");
	T_CHECK(contains(opf, "<dc:publisher>P &amp; Q</dc:publisher>"), "publisher");
	{
		static const char day[] = "<meta property=\"dcterms:modified\">2024-02-29T23:";
		const char *m = strstr(opf, day);
		T_CHECK(m != NULL && strncmp(m + sizeof day - 1, "30:00", 5) >= 0 &&
		        m[sizeof day + 4] == 'Z' && m[sizeof day + 5] == '<',
		        "modified: the day of the latest article date in UTC, not before its time");
	}
	T_CHECK(contains(opf, "<dc:identifier id=\"pub-id\">urn:uuid:"), "identifier is a urn:uuid");
	T_CHECK(contains(opf, "schema:accessibilityFeature\">alternativeText") &&
	        contains(opf, "schema:accessMode\">visual"), "alt text and visual mode declared");
	T_CHECK(!contains(opf, "pageBreakMarkers"), "no page-break feature without a page list");
	T_CHECK(contains(opf, "href=\"images/image-") && contains(opf, "media-type=\"image/png\""),
	        "the asset is in the manifest");
	T_CHECK(contains(opf, "<itemref idref=\"part-news-views\"/>"), "section divider in the spine");

	ch = content(&b, "EPUB/text/fish-chips-2024-03-01.xhtml");
	T_CHECK(ch[0] != '\0', "chapter named after the article id");
	T_CHECK(contains(ch, "lang=\"en-GB\" xml:lang=\"en-GB\""), "chapter has lang and xml:lang");
	T_CHECK(contains(ch, "<p>Hello world &amp; &lt;friends&gt; \"quoted\" 'single' end</p>"),
	        "text escaped, control character dropped");
	T_CHECK(contains(ch, "<h1 id=\"g_title\">Fish &amp; &lt;chips&gt;</h1>"), "article title");
	T_CHECK(contains(ch, "role=\"doc-subtitle\">A &lt;sub&gt; &amp; title</p>"), "subtitle");
	T_CHECK(contains(ch, "By Ann O'Neil and Bo \"B\" Ek</p>"), "byline");
	T_CHECK(contains(ch, "min read"), "reading time");
	T_CHECK(contains(ch, "href=\"https://example.com/a?x=1&amp;y=2\""), "source link escaped");
	T_CHECK(contains(ch, "<h2 id=\"second-part\">Second part</h2>"),
	        "heading with model id; the shallowest level is h2");
	T_CHECK(contains(ch, "<em>emph</em>\n<code>x&lt;y</code><br/>"), "inlines and breaks");
	T_CHECK(contains(ch, "<a href=\"https://example.org/p%20q%22r\">safe link</a>"),
	        "URL percent-encoded");
	T_CHECK(contains(ch, "</a>dropped linkrelative link</p>"), "unsafe and relative links are text");
	T_CHECK(contains(ch, "<ol start=\"3\" class=\"tight\">"), "ordered list start");
	T_CHECK(contains(ch, "<ol start=\"3\" class=\"tight\">\n<li>first item</li>\n<li>second item</li>"),
	        "a tight list's items hold their text, not paragraphs");
	T_CHECK(contains(ch, "<blockquote>\n<p>Quoted words here</p>"), "a quote keeps its paragraphs");
	T_CHECK(contains(ch, "<pre><code class=\"language-c\"><span class=\"line\">int main(void) { "
	                     "<span class=\"hl-kw\">return</span> a &lt; b &amp;&amp; c; }\n</span></code></pre>"),
	        "code block, highlighted inside its line span (escaped inside and between the tokens)");
	T_CHECK(contains(ch, "alt=\"A dot &amp; more\"/><figcaption aria-hidden=\"true\">A dot &amp; more</figcaption>"),
	        "figure with alt text and caption; the caption repeats the alt text: hidden from screen readers");
	T_CHECK(contains(ch, "<p class=\"image-remote\">remote picture</p>"), "remote image as text");

	nav = content(&b, "EPUB/nav.xhtml");
	T_CHECK(contains(nav, "<a href=\"text/news-views.xhtml\">News &amp; views</a>\n<ol>"),
	        "nav: section with its articles");
	T_CHECK(contains(nav, "text/second-article-2024-02-10.xhtml#intro") &&
	        !contains(nav, "#deep") && contains(nav, "#back"), "nav: headings h1 and h2 at depth 2");
	T_CHECK(contains(nav, "epub:type=\"landmarks\""), "nav: landmarks");
	ncx = content(&b, "EPUB/toc.ncx");
	T_CHECK(contains(ncx, "<meta name=\"dtb:uid\" content=\"urn:uuid:"), "ncx: uid");
	cover = content(&b, "EPUB/cover.xhtml");
	T_CHECK(contains(cover, "<img role=\"doc-cover\" src=\"cover.png\" "
	                        "alt=\"Cover of Fish &amp; Chips &lt;b&gt; &quot;q&quot; &#39;a&#39;\"/>"),
	        "cover page: the cover image, its alt text escaped");
	T_CHECK(contains(opf, "<item id=\"cover-image\" href=\"cover.png\" media-type=\"image/png\" "
	                      "properties=\"cover-image\"/>") &&
	        contains(opf, "<meta name=\"cover\" content=\"cover-image\"/>"),
	        "the generated cover is the cover image, for EPUB 3 and EPUB 2 readers");
	{
		const file *png = NULL;
		for (int i = 0; i < b.n; i++)
			if (strcmp(b.f[i].name, "EPUB/cover.png") == 0)
				png = &b.f[i];
		T_CHECK(png != NULL && png->len > 33 && memcmp(png->data, "\x89PNG\r\n\x1a\n", 8) == 0 &&
		        rd32((const unsigned char *)png->data + 16) == 0x40060000UL &&
		        rd32((const unsigned char *)png->data + 20) == 0x000a0000UL,
		        "the cover is a PNG of 1600 x 2560 pixels");
	}
	tp = content(&b, "EPUB/titlepage.xhtml");
	T_CHECK(contains(tp, "<h1 id=\"tp-title\">Fish &amp; Chips &lt;b&gt; \"q\" 'a'</h1>") &&
	        contains(tp, "1 January 2024 \xE2\x80\x93 31 March 2024") &&
	        contains(tp, "<p class=\"tp-publisher\">P &amp; Q</p>"),
	        "title page: the title, the window, the publisher as text");
	T_CHECK(contains(opf, "<itemref idref=\"cover-page\"/>\n<itemref idref=\"titlepage\"/>"),
	        "the title page follows the cover");
	part = content(&b, "EPUB/text/news-views.xhtml");
	T_CHECK(contains(part, "<li><a href=\"fish-chips-2024-03-01.xhtml\">Fish &amp; &lt;chips&gt;</a></li>"),
	        "a section divider links its articles");
	css = content(&b, "EPUB/style.css");
	T_CHECK(contains(css, "pre span.line {") && contains(css, "pre code, pre code.language-c {") &&
	        contains(opf, "href=\"wrap.svg\" media-type=\"image/svg+xml\""),
	        "stylesheet: code lines and their continuation mark, the language class named");
	T_CHECK(contains(css, "p.subtitle") && contains(css, "ol.tight li") && !contains(css, "table-wrap") &&
	        !contains(css, "callout") && !contains(css, ".al-r") && !contains(css, "li.task"),
	        "stylesheet: rules for the classes the book uses, none for the others");
	T_CHECK(!contains(css, "#555") && !contains(css, "#f3f3f0") && contains(css, "color-scheme: light dark"),
	        "stylesheet: no text or box colour fixed alone");

	book_free(&b);
	free(z);
	free(z2);
	galley_doc_free(d);
}

/* The identifier and dcterms:modified of the book of `d`, copied. */
static void ids(const galley_doc *d, char id[46], char modified[21])
{
	galley_epub_options o = GALLEY_EPUB_OPTIONS_INIT;
	unsigned char *z = NULL;
	size_t len = 0;
	book bk;
	const char *opf, *i, *m;
	id[0] = modified[0] = '\0';
	if (write_book(d, &o, &z, &len, NULL) < 0 || unzip(z, len, &bk) < 0) {
		free(z);
		return;
	}
	opf = content(&bk, "EPUB/package.opf");
	i = strstr(opf, "urn:uuid:");
	m = strstr(opf, "dcterms:modified\">");
	if (i != NULL)
		snprintf(id, 46, "%.45s", i);
	if (m != NULL)
		snprintf(modified, 21, "%.20s", m + 18);
	book_free(&bk);
	free(z);
}

static void test_identifier(void)
{
	galley_doc *a = make_doc("Same"), *b = make_doc("Same"), *c = make_doc("Other");
	char ia[46], ib[46], ic[46], ma[21], mb[21], mc[21];

	/* make_doc's window makes each an issue of a series */
	ids(a, ia, ma);
	ids(b, ib, mb);
	ids(c, ic, mc);
	T_CHECK(ia[0] && strcmp(ia, ib) == 0 && strcmp(ma, mb) == 0,
	        "identifier: same content, same id and modified");
	T_CHECK(ia[0] && strcmp(ia, ic) == 0, "identifier: the same issue with other articles keeps its id");
	T_CHECK(ma[0] && strcmp(ma, mc) != 0 && strncmp(ma, mc, 10) == 0,
	        "modified: other content, another time on the same day");
	T_CHECK(ia[0] && ia[9 + 14] == '5', "identifier: a version-5 UUID");
	galley_doc_meta(c)->issue = "No. 7";
	ids(c, ic, mc);
	T_CHECK(ic[0] && strcmp(ia, ic) != 0, "identifier: another issue number, another id");
	galley_doc_meta(c)->issue = NULL;

	/* without a window, a book named by its articles */
	memset(&galley_doc_meta(a)->since, 0, sizeof(galley_date));
	memset(&galley_doc_meta(c)->since, 0, sizeof(galley_date));
	ids(a, ia, ma);
	ids(c, ic, mc);
	T_CHECK(ia[0] && ic[0] && strcmp(ia, ic) != 0, "identifier of a book: other content, other id");
	galley_doc_free(a);
	galley_doc_free(b);
	galley_doc_free(c);
}

/* An issue of a weekly: the editor its one creator, the authors
 * contributors, a numbered place in its series, a title page in text;
 * an article's picture never becomes the cover. */
static void test_periodical(void)
{
	galley_doc *d = make_doc("Weekly piece");
	galley_meta *m = galley_doc_meta(d);
	galley_epub_options o = GALLEY_EPUB_OPTIONS_INIT;
	unsigned char *z = NULL;
	size_t len = 0;
	book b;
	const char *opf, *tp;

	m->editor = "Ed Itor";
	m->issue = "Issue No. 42";
	m->subtitle = "Things & others";
	m->description = "A description\nover two lines.\n";
	T_EQ_INT(write_book(d, &o, &z, &len, "periodical.epub"), 0, "write an issue");
	unzip(z, len, &b);
	opf = content(&b, "EPUB/package.opf");
	T_CHECK(contains(opf, "<dc:creator id=\"editor\">Ed Itor</dc:creator>\n<meta refines=\"#editor\" "
	                      "property=\"role\" scheme=\"marc:relators\">edt</meta>") &&
	        strstr(strstr(opf, "<dc:creator") + 1, "<dc:creator") == NULL,
	        "issue: the editor is the one creator");
	T_CHECK(contains(opf, "<dc:contributor id=\"contributor1\">Ann O'Neil</dc:contributor>"),
	        "issue: article authors are contributors");
	T_CHECK(contains(opf, "<meta refines=\"#series\" property=\"group-position\">42</meta>"),
	        "issue: its number is its place in the series");
	T_CHECK(contains(opf, "<dc:title id=\"subtitle\">Things &amp; others</dc:title>\n<meta refines=\"#subtitle\" "
	                      "property=\"title-type\">subtitle</meta>"), "issue: the subtitle as a subtitle");
	T_CHECK(contains(opf, "<dc:description>A description\nover two lines.</dc:description>"),
	        "description without its trailing line feed");
	T_CHECK(contains(opf, "properties=\"cover-image\"") && contains(opf, "href=\"cover.png\"") &&
	        !contains(opf, "href=\"images/image-1.png\" media-type=\"image/png\" properties"),
	        "an article's picture is not the cover");
	tp = content(&b, "EPUB/titlepage.xhtml");
	T_CHECK(contains(tp, "role=\"doc-subtitle\">Things &amp; others</p>") &&
	        contains(tp, "<p class=\"tp-issue\">Issue No. 42 \xC2\xB7 1 January 2024") &&
	        contains(tp, "<p class=\"tp-editor\">Edited by Ed Itor</p>"),
	        "title page: subtitle, issue, dates and editor as text");
	book_free(&b);
	free(z);
	galley_doc_free(d);
}

static void test_pages(void)
{
	galley_doc *d = make_doc("Paged");
	galley_epub_options o = GALLEY_EPUB_OPTIONS_INIT;
	galley_page_mark marks[6] = {
		{"i", UINT32_MAX, 0, 0},
		{"1", 0, 0, 0},   /* start of "Hello" */
		{"2", 0, 0, 6},   /* "world" */
		{"3", 0, 2, 10},  /* "x<y" after "Some emph " (inline code) */
		{"4", 0, 7, 6},   /* "item" in "first item" */
		{"5", 1, 1, 6},   /* "beta" in the second article */
	};
	unsigned char *z = NULL;
	size_t len = 0;
	book b;
	const char *ch, *ch2, *nav, *opf;

	o.page_list = true;
	o.pages = marks;
	o.npages = 6;
	T_EQ_INT(write_book(d, &o, &z, &len, "pages.epub"), 0, "write a book with a page list");
	unzip(z, len, &b);
	ch = content(&b, "EPUB/text/paged-2024-03-01.xhtml");
	ch2 = content(&b, "EPUB/text/second-article-2024-02-10.xhtml");
	nav = content(&b, "EPUB/nav.xhtml");
	opf = content(&b, "EPUB/package.opf");
	T_CHECK(contains(ch, "<section epub:type=\"bodymatter chapter\" role=\"doc-chapter\" "
	                     "aria-labelledby=\"g_title\">\n<span epub:type=\"pagebreak\" "
	                     "role=\"doc-pagebreak\" id=\"page_2\" aria-label=\"1\"></span><header>"),
	        "a page starting at the first word starts before the title");
	T_CHECK(contains(ch, "<p>Hello <span epub:type=\"pagebreak\" "
	                     "role=\"doc-pagebreak\" id=\"page_3\" aria-label=\"2\"></span>world"),
	        "markers at the exact words");
	T_CHECK(contains(ch, "<em>emph</em>\n<code><span epub:type=\"pagebreak\" role=\"doc-pagebreak\" "
	                     "id=\"page_4\" aria-label=\"3\"></span>x&lt;y</code>"),
	        "marker after a soft break, inside inline code");
	T_CHECK(contains(ch, "first <span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page_5\" "
	                     "aria-label=\"4\"></span>item"), "marker inside a list item");
	T_CHECK(contains(ch2, "Alpha <span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page_6\" "
	                      "aria-label=\"5\"></span>beta"), "marker in the second article");
	T_CHECK(contains(nav, "id=\"page_1\" aria-label=\"i\""), "front-matter page in the nav document");
	T_CHECK(contains(nav, "<nav epub:type=\"page-list\"") &&
	        contains(nav, "<li><a href=\"text/paged-2024-03-01.xhtml#page_3\">2</a></li>"),
	        "page-list entries");
	T_CHECK(contains(opf, "pageBreakMarkers") && contains(opf, "pageNavigation") &&
	        !contains(opf, "printPageNumbers"), "page features declared (not the deprecated one)");
	T_CHECK(contains(opf, "property=\"source-of\">pagination</meta>"), "pagination source named");
	book_free(&b);
	free(z);

	o.page_list = false;
	write_book(d, &o, &z, &len, NULL);
	unzip(z, len, &b);
	T_CHECK(!contains(content(&b, "EPUB/text/paged-2024-03-01.xhtml"), "pagebreak"),
	        "no markers unless asked for");
	book_free(&b);
	free(z);
	galley_doc_free(d);
}

static void test_options(void)
{
	galley_doc *d = make_doc("Options");
	galley_epub_options o = GALLEY_EPUB_OPTIONS_INIT;
	galley_error err = GALLEY_ERROR_INIT;
	char dir[] = "/tmp/galley-epub-XXXXXX", css[1100], cover[1100], target[1100];
	unsigned char *z = NULL;
	size_t len = 0;
	book b;
	FILE *f;
	char buf[16] = {0};

	T_CHECK(mkdtemp(dir) != NULL, "temporary folder");
	snprintf(css, sizeof css, "%s/my.css", dir);
	snprintf(cover, sizeof cover, "%s/cover.png", dir);
	snprintf(target, sizeof target, "%s/out.epub", dir);
	f = fopen(css, "w");
	fputs("body { color: black; }\n", f);
	fclose(f);
	f = fopen(cover, "wb");
	fwrite(png_2x2, 1, sizeof png_2x2, f);
	fclose(f);

	o.css_path = css;
	o.cover_path = cover;
	o.embed_fonts = true;
	o.font_dir = GALLEY_SRCDIR "/fonts";
	o.toc_depth = 1;
	T_EQ_INT(write_book(d, &o, &z, &len, "options.epub"), 0, "css, cover, fonts");
	unzip(z, len, &b);
	T_CHECK(contains(content(&b, "EPUB/style.css"), "body { color: black; }") &&
	        contains(content(&b, "EPUB/style.css"), "@font-face"), "stylesheet replaced, fonts declared");
	T_CHECK(contains(content(&b, "EPUB/package.opf"), "href=\"images/cover.png\" media-type=\"image/png\" "
	                                                 "properties=\"cover-image\""), "cover image");
	T_CHECK(contains(content(&b, "EPUB/package.opf"), "media-type=\"font/ttf\""), "fonts in manifest");
	T_CHECK(!contains(content(&b, "EPUB/nav.xhtml"), "#intro"), "toc depth 1: no headings");
	book_free(&b);
	free(z);

	/* atomic write: success, then a failing write leaves the file alone */
	o.embed_fonts = false;
	T_EQ_INT(galley_epub_write(d, target, &o, &err), 0, "write to a file");
	o.cover_path = css; /* not an image: fails */
	T_CHECK(galley_epub_write(d, target, &o, &err) < 0, "a bad cover fails");
	f = fopen(target, "rb");
	T_CHECK(f != NULL && fread(buf, 1, 4, f) == 4 && memcmp(buf, "PK\3\4", 4) == 0,
	        "failed write left the previous file intact");
	if (f)
		fclose(f);
	galley_error_clear(&err);
	o.cover_path = NULL;
	T_CHECK(galley_epub_write(d, "/nonexistent-galley-dir/x.epub", &o, &err) < 0 &&
	        err.code == GALLEY_EIO, "a missing folder is an I/O error");
	unlink(target);
	unlink(css);
	unlink(cover);
	rmdir(dir);
	galley_doc_free(d);
}

/* Odd but legal documents: an untitled section among titled ones, an
 * empty article, an empty heading, an image without alt text, another
 * language, markers past the end of a block and on a list. */
static void test_edges(void)
{
	galley_doc *d = galley_doc_new();
	galley_error err = GALLEY_ERROR_INIT;
	galley_epub_options o = GALLEY_EPUB_OPTIONS_INIT;
	galley_page_mark marks[4] = {
		{"1", 0, 0, 0}, {"2", 0, 0, 999}, {"3", 1, 1, 0}, {"3", 2, 0, 0},
	};
	galley_article *a;
	galley_block *b;
	galley_inline *img;
	galley_asset asset;
	unsigned char *z = NULL;
	size_t len = 0;
	book bk;
	const char *opf;

	a = galley_doc_add_article(d, galley_doc_add_section(d, NULL), "untitled.md");
	a->blocks = para(d, a, text(d, a, "Carriage\rreturn text"));
	a->blocks->next = b = galley_doc_new_block(d, GALLEY_HEADING, here(a));
	b->level = 1;
	a = galley_doc_add_article(d, galley_doc_add_section(d, "Second"), "fr.md");
	a->meta.title = "Un titre";
	a->meta.lang = "fr";
	a->blocks = para(d, a, text(d, a, "Bonjour"));
	a->blocks->next = b = galley_doc_new_block(d, GALLEY_LIST, here(a));
	b->children = galley_doc_new_block(d, GALLEY_ITEM, here(a));
	b->children->children = para(d, a, text(d, a, "un"));
	memset(&asset, 0, sizeof asset);
	asset.path = "/nowhere/x.png";
	asset.media_type = "image/png";
	asset.bytes = png_2x2;
	asset.size = sizeof png_2x2;
	img = galley_doc_new_inline(d, GALLEY_IMAGE, here(a));
	img->asset = galley_doc_add_asset(d, &asset);
	b->next = para(d, a, img);
	a = galley_doc_add_article(d, NULL, "empty.md");
	a->meta.title = "";
	if (galley_doc_finish(d, &err) < 0)
		printf("# model: %s\n", err.message);
	o.page_list = true;
	o.pages = marks;
	o.npages = 4;
	T_EQ_INT(write_book(d, &o, &z, &len, "edges.epub"), 0, "odd documents are written");
	unzip(z, len, &bk);
	opf = content(&bk, "EPUB/package.opf");
	T_CHECK(contains(opf, "accessModeSufficient\">textual,visual<") && !contains(opf, "alternativeText"),
	        "an image without alt text: no alternativeText claim");
	T_CHECK(contains(opf, "<dc:language>fr</dc:language>"), "language from the first article that has one");
	T_CHECK(contains(content(&bk, "EPUB/text/untitled.xhtml"), "Carriagereturn text"), "CR dropped");
	T_CHECK(contains(content(&bk, "EPUB/text/untitled.xhtml"),
	                 "text<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page_2\""),
	        "a marker past the end of its block closes the block");
	T_CHECK(contains(content(&bk, "EPUB/text/un-titre.xhtml"), "id=\"page_3\" aria-label=\"3\"></span><ul"),
	        "a marker on a list goes before it");
	T_CHECK(contains(content(&bk, "EPUB/nav.xhtml"), "<a href=\"text/untitled.xhtml\">Untitled</a>") &&
	        contains(content(&bk, "EPUB/nav.xhtml"), "<a href=\"text/second.xhtml\">Second</a>"),
	        "untitled section: articles at the top; titled: a divider page");
	T_CHECK(!contains(content(&bk, "EPUB/nav.xhtml"), "href=\"text/untitled.xhtml#x\""),
	        "an empty heading is not in the table of contents");
	book_free(&bk);
	free(z);
	galley_doc_free(d);
}

/* GitHub Flavored Markdown, read and written: tables, footnotes, strikethrough,
 * task lists, autolinks; smart punctuation stays out of structure. */
static const char gfm_md[] =
	"---\ntitle: GFM\ndate: 2025-01-02\n---\n"
	"A note[^first] and a second[^2nd] and the first -- again[^first].\n\n"
	"| Year | Riders -- total | Notes |\n"
	"|:-----|-------:|:-----:|\n"
	"| 1983 | 40,000 | *first* |\n"
	"| 1984 | 41,500 | ~~none~~ |\n"
	"| 1985 | 1 |\n\n"
	"- [x] done item\n- [ ] open item\n- plain item\n\n"
	"See www.example.com and https://example.org/a--b \"here\".\n\n"
	"### Deep heading\n\nText.\n\n"
	"[^first]: The first note.\n"
	"[^2nd]: A longer note.\n\n    With a second paragraph.\n"
	"[^unused]: Never referred to.\n";

static void test_gfm(void)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_doc *d = galley_doc_new();
	galley_epub_options o = GALLEY_EPUB_OPTIONS_INIT;
	const galley_article *a;
	const galley_block *t, *row, *list, *p0;
	unsigned char *z = NULL;
	size_t len = 0;
	book bk;
	const char *ch;
	int rc;

	rc = galley_read_buffer(d, NULL, "gfm.md", NULL, gfm_md, sizeof gfm_md - 1, NULL, &err);
	if (rc == 0)
		rc = galley_doc_finish(d, &err);
	T_EQ_INT(rc, 0, "gfm: reads and finishes");
	if (rc < 0) {
		printf("# %s\n", err.message);
		galley_doc_free(d);
		return;
	}
	T_EQ_INT(galley_doc_check(d, &err), 0, "gfm: the model's invariants hold");
	a = galley_doc_article(d, 0);
	p0 = a->blocks;
	t = p0 ? p0->next : NULL;
	T_CHECK(t && t->type == GALLEY_TABLE && t->ncols == 3, "gfm: a table of three columns");
	if (t && t->type == GALLEY_TABLE) {
		T_CHECK(t->align[0] == GALLEY_ALIGN_LEFT && t->align[1] == GALLEY_ALIGN_RIGHT &&
		        t->align[2] == GALLEY_ALIGN_CENTER, "gfm: column alignments from the delimiter row");
		T_CHECK(t->children->header && !t->children->next->header, "gfm: the first row is the header");
		row = t->children->next->next->next;
		T_CHECK(row && row->children->next->next && row->children->next->next->inlines == NULL,
		        "gfm: a short row is padded with an empty cell");
		/* a cell's text is prose (curled and dashed); the delimiter row is not */
		T_EQ_STR(t->children->children->next->inlines->text, "Riders \xE2\x80\x93 total",
		         "gfm: a cell's text gets smart punctuation, the delimiter row stays structure");
	}
	list = t ? t->next : NULL;
	T_CHECK(list && list->type == GALLEY_LIST && list->children->task == GALLEY_TASK_DONE &&
	        list->children->next->task == GALLEY_TASK_OPEN &&
	        list->children->next->next->task == GALLEY_TASK_NONE, "gfm: task item states");
	T_CHECK(a->notes && a->notes->number == 1 && a->notes->refs == 2 && strcmp(a->notes->label, "first") == 0,
	        "gfm: the first note, labelled, referred to twice");
	T_CHECK(a->notes && a->notes->next && a->notes->next->number == 2 && a->notes->next->next == NULL,
	        "gfm: two notes (an unused definition is dropped)");
	T_CHECK(p0 && p0->inlines->next && p0->inlines->next->type == GALLEY_NOTEREF &&
	        p0->inlines->next->number == 1 && p0->inlines->next->ref == 1, "gfm: a reference to note 1");

	o.page_list = false;
	T_EQ_INT(write_book(d, &o, &z, &len, "gfm.epub"), 0, "gfm: the EPUB is written");
	unzip(z, len, &bk);
	ch = content(&bk, "EPUB/text/gfm-2025-01-02.xhtml");
	T_CHECK(contains(ch, "<a epub:type=\"noteref\" role=\"doc-noteref\" class=\"noteref\" href=\"#fn-1\" "
	                     "id=\"fnref-1\"><sup>1</sup></a>"), "gfm epub: a noteref to fn-1");
	T_CHECK(contains(ch, "id=\"fnref-1-2\""), "gfm epub: the second reference has its own id");
	T_CHECK(contains(ch, "<aside id=\"fn-1\" epub:type=\"footnote\" role=\"doc-footnote\">") &&
	        contains(ch, "<a href=\"#fnref-1\" role=\"doc-backlink\">1.</a>"),
	        "gfm epub: the note is an aside that links back");
	T_CHECK(contains(ch, "<thead>\n<tr><th scope=\"col\" class=\"al-l\">Year</th>"),
	        "gfm epub: a header row of th scope=col, aligned by class");
	T_CHECK(contains(ch, "<td class=\"al-r\">40,000</td>") && contains(ch, "<del>none</del>"),
	        "gfm epub: right-aligned numbers, struck text");
	T_CHECK(contains(ch, "<div class=\"table-wrap\">"), "gfm epub: a wrapper that scrolls");
	T_CHECK(contains(ch, "aria-label=\"done\">\xE2\x98\x91</span>") &&
	        contains(ch, "aria-label=\"to do\">\xE2\x98\x90</span>"), "gfm epub: ballot boxes for tasks");
	T_CHECK(contains(ch, "<a href=\"http://www.example.com\">www.example.com</a>") &&
	        contains(ch, "<a href=\"https://example.org/a--b\">https://example.org/a--b</a>"),
	        "gfm epub: autolinks, their URLs not dashed");
	T_CHECK(contains(ch, "<h2 id=\"deep-heading\">"), "gfm epub: the shallowest heading is h2");
	T_CHECK(!contains(ch, "[^") && !contains(ch, "~~") && !contains(ch, "[x]") && !contains(ch, "|"),
	        "gfm epub: no literal markup");
	book_free(&bk);
	free(z);
	galley_doc_free(d);
}

int main(void)
{
	test_gfm();
	test_container();
	test_identifier();
	test_periodical();
	test_pages();
	test_options();
	test_edges();
	return t_done();
}
