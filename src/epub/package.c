/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * package.c: the package document (OPF), the navigation document, the NCX,
 * the cover page and the title page.
 *
 * Follows EPUB 3.3 (package document, navigation document, "source-of"
 * pagination refinement), EPUB Accessibility 1.1 (schema.org discovery
 * metadata) and, for EPUB 2 reading systems, the NCX of OPF 2.0.1.
 *
 * The table of contents is built once as a flat list of entries with a
 * depth (section > article > headings) and rendered twice: as nested <ol>
 * in the navigation document and as nested navPoints in the NCX.  A
 * heading's depth comes from a stack of the levels above it, so a jump from
 * h2 to h4 nests one step, never two: nav lists may not skip a level.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "epub/epub_impl.h"
#include "base/vec.h"

/* Most articles for which the contents page comes right after the cover
 * (see the spine below): a weekly digest has a few dozen. */
#define NAV_FRONT_MAX_ARTICLES 100

/* Limits of the generated cover: the lines that fit on it. */
#define COVER_TITLE_LINE_CHARS 22   /* characters per title line at 40 px */
#define COVER_TITLE_LINES 4
#define COVER_ARTICLE_CHARS 44      /* characters per article line at 17 px */
#define COVER_SUBTITLE_CHARS 40     /* characters of the subtitle at 24 px */
#define COVER_ISSUE_CHARS 20        /* characters of the issue beside the dates */
#define COVER_EDITOR_CHARS 40       /* characters of the editor's name at 17 px */
#define COVER_LINE_BYTES 256        /* a masthead line: the parts above, 4 bytes a character */
#define COVER_BOTTOM 730            /* lowest baseline inside the frame (720 + 40 - margin) */

typedef struct toc_entry {
	int depth;     /* 0: top level */
	char *href;    /* relative to the package folder, fragment included */
	char *label;   /* plain UTF-8 text */
} toc_entry;

typedef struct toc {
	toc_entry *e;
	size_t n, cap;
	bool failed;
} toc;

static void toc_dispose(toc *t)
{
	size_t i;
	for (i = 0; i < t->n; i++) {
		free(t->e[i].href);
		free(t->e[i].label);
	}
	free(t->e);
	memset(t, 0, sizeof *t);
}

/* Adds an entry; `href` and `label` are copied. */
static void toc_add(toc *t, int depth, const char *href, const char *fragment, const char *label)
{
	galley_xml h = GALLEY_XML_INIT;
	size_t hlen;
	toc_entry *e;
	if (t->failed)
		return;
	if (GALLEY_VEC_PUSH_ROOM(t->e, t->cap, t->n) < 0) {
		t->failed = true;
		return;
	}
	galley_xml_raw(&h, href);
	if (fragment != NULL) {
		galley_xml_raw(&h, "#");
		galley_xml_url_part(&h, fragment);
	}
	e = &t->e[t->n];
	e->depth = depth;
	e->href = (char *)galley_xml_take(&h, &hlen);
	e->label = strdup(label);
	if (e->href == NULL || e->label == NULL) {
		free(e->href);
		free(e->label);
		t->failed = true;
		return;
	}
	t->n++;
}

/* Adds the headings of a block tree, levels 1..max_level. */
static void toc_headings(toc *t, const galley_block *blk, const char *href, int base,
                         int max_level, int *stack, int *nstack)
{
	for (; blk != NULL; blk = blk->next) {
		if (blk->type == GALLEY_HEADING && blk->level <= max_level && blk->id != NULL) {
			galley_xml label = GALLEY_XML_INIT;
			galley_epub_inline_plain(&label, blk->inlines);
			if (label.failed)
				t->failed = true;
			if (label.data != NULL && label.data[strspn(label.data, " \t\n")] != '\0') {
				while (*nstack > 0 && stack[*nstack - 1] >= blk->level)
					(*nstack)--;
				stack[(*nstack)++] = blk->level;
				toc_add(t, base + *nstack, href, blk->id, label.data);
			}
			galley_xml_dispose(&label);
		}
		if (blk->children != NULL)
			toc_headings(t, blk->children, href, base, max_level, stack, nstack);
	}
}

static const char *article_title(const galley_article *a)
{
	return a->meta.title && a->meta.title[0] ? a->meta.title : "Untitled";
}

static void toc_build(const galley_epub_book *b, toc *t)
{
	const galley_section *section = NULL;
	int base = 0;
	size_t i;
	for (i = 0; i < b->ndocs; i++) {
		const galley_epub_doc *d = &b->docs[i];
		int stack[6], nstack = 0;
		if (d->article == NULL) {
			toc_add(t, 0, d->href, NULL, d->section->title);
			base = 1;
			section = d->section;
			continue;
		}
		if (d->section != section) {
			section = d->section;
			base = 0;
		}
		toc_add(t, base, d->href, NULL, article_title(d->article));
		if (b->opts->toc_depth >= 2)
			toc_headings(t, d->article->blocks, d->href, base, b->opts->toc_depth, stack, &nstack);
	}
}

/* ---- OPF --------------------------------------------------------------- */

static void meta_prop(galley_xml *x, const char *property, const char *value)
{
	galley_xml_raw(x, "<meta");
	galley_xml_attr(x, "property", property);
	galley_xml_raw(x, ">");
	galley_xml_str(x, value);
	galley_xml_raw(x, "</meta>\n");
}

static bool seen_before(const char **list, size_t n, const char *s)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

/* Writes one element per distinct string of the publication's list, or
 * else of the union of the articles' lists (first occurrence order).
 * `which` selects authors (0) or tags (1); authors are written as
 * `element` (creator or contributor) with ids `element`N. */
static void put_union(const galley_epub_book *b, galley_xml *x, int which, const char *element)
{
	const galley_meta *pm = galley_doc_meta_const(b->doc);
	const char **seen = NULL;
	size_t nseen = 0, cap = 0, na = galley_doc_narticles(b->doc), i, j;
	bool from_pub = (which == 0 ? pm->nauthors : pm->ntags) > 0;
	for (i = 0; i < (from_pub ? 1 : na); i++) {
		const galley_meta *m = from_pub ? pm : &galley_doc_article(b->doc, i)->meta;
		const char **list = which == 0 ? m->authors : m->tags;
		size_t n = which == 0 ? m->nauthors : m->ntags;
		for (j = 0; j < n; j++) {
			if (list[j] == NULL || list[j][0] == '\0' || seen_before(seen, nseen, list[j]))
				continue;
			if (galley_vec_reserve((void **)&seen, &cap, nseen + 1, sizeof *seen) < 0) {
				x->failed = true;
				free(seen);
				return;
			}
			seen[nseen++] = list[j];
			if (which == 0) {
				galley_xml_printf(x, "<dc:%s id=\"%s%zu\">", element, element, nseen);
				galley_xml_str(x, list[j]);
				galley_xml_printf(x, "</dc:%s>\n<meta refines=\"#%s%zu\" "
				                     "property=\"role\" scheme=\"marc:relators\">aut</meta>\n",
				                  element, element, nseen);
			} else {
				galley_xml_raw(x, "<dc:subject>");
				galley_xml_str(x, list[j]);
				galley_xml_raw(x, "</dc:subject>\n");
			}
		}
	}
	free(seen);
}

/* Writes `value` without the white space around it (a YAML block
 * scalar ends with a line feed). */
static void put_trimmed(galley_xml *x, const char *value)
{
	size_t n;
	value += strspn(value, " \t\r\n");
	n = strlen(value);
	while (n > 0 && strchr(" \t\r\n", value[n - 1]) != NULL)
		n--;
	galley_xml_text(x, value, n);
}

static bool blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

static void put_dc(galley_xml *x, const char *element, const char *value)
{
	if (blank(value))
		return;
	galley_xml_printf(x, "<dc:%s>", element);
	put_trimmed(x, value);
	galley_xml_printf(x, "</dc:%s>\n", element);
}

unsigned long galley_epub_issue_number(const char *issue)
{
	unsigned long n = 0;
	if (issue == NULL)
		return 0;
	issue += strcspn(issue, "0123456789");
	for (; *issue >= '0' && *issue <= '9'; issue++) {
		if (n > 99999999UL)
			return 0; /* not an issue number: a year-long serial, a date */
		n = n * 10 + (unsigned long)(*issue - '0');
	}
	return n;
}

/* Who made the book.  An issue of a periodical (or an anthology with an
 * editor) is the editor's, or else the publication's: reading systems
 * file a book under its creators, and a weekly filed under whichever
 * article author came first (hundreds of creators for a big digest)
 * cannot be found, nor grouped with its other issues.  The articles'
 * authors are then contributors.  Authors given for the whole book are
 * its creators; a book of articles without an editor is its authors'. */
static void put_creators(const galley_epub_book *b, galley_xml *x)
{
	const galley_meta *pm = galley_doc_meta_const(b->doc);
	if (pm->nauthors > 0) {
		put_union(b, x, 0, "creator");
	} else if (!blank(pm->editor)) {
		galley_xml_raw(x, "<dc:creator id=\"editor\">");
		put_trimmed(x, pm->editor);
		galley_xml_raw(x, "</dc:creator>\n<meta refines=\"#editor\" property=\"role\" "
		                  "scheme=\"marc:relators\">edt</meta>\n");
		put_union(b, x, 0, "contributor");
		return;
	} else if (b->periodical && !(blank(pm->publisher) && blank(pm->title))) {
		galley_xml_raw(x, "<dc:creator id=\"publication\">");
		put_trimmed(x, !blank(pm->publisher) ? pm->publisher : pm->title);
		galley_xml_raw(x, "</dc:creator>\n");
		put_union(b, x, 0, "contributor");
		return;
	} else {
		put_union(b, x, 0, "creator");
	}
	if (!blank(pm->editor)) {
		galley_xml_raw(x, "<dc:contributor id=\"editor\">");
		put_trimmed(x, pm->editor);
		galley_xml_raw(x, "</dc:contributor>\n<meta refines=\"#editor\" property=\"role\" "
		                  "scheme=\"marc:relators\">edt</meta>\n");
	}
}

/* The title, its subtitle, and for an issue of a periodical the series it
 * belongs to, with the issue's number as its position (calibre and Apple
 * Books list the issues of a series in that order). */
static void put_titles(const galley_epub_book *b, galley_xml *x)
{
	const galley_meta *pm = galley_doc_meta_const(b->doc);
	const galley_article *only = galley_doc_narticles(b->doc) == 1 ? galley_doc_article(b->doc, 0) : NULL;
	const char *subtitle = !blank(pm->subtitle) ? pm->subtitle : only && blank(pm->title) ? only->meta.subtitle : NULL;
	unsigned long number;

	galley_xml_raw(x, "<dc:title id=\"title\">");
	put_trimmed(x, galley_doc_display_title(b->doc));
	galley_xml_raw(x, "</dc:title>\n<meta refines=\"#title\" property=\"title-type\">main</meta>\n");
	if (!blank(subtitle)) {
		galley_xml_raw(x, "<dc:title id=\"subtitle\">");
		put_trimmed(x, subtitle);
		galley_xml_raw(x, "</dc:title>\n<meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>\n");
	}
	if (!b->periodical || blank(pm->title))
		return;
	galley_xml_raw(x, "<meta property=\"belongs-to-collection\" id=\"series\">");
	put_trimmed(x, pm->title);
	galley_xml_raw(x, "</meta>\n<meta refines=\"#series\" property=\"collection-type\">series</meta>\n");
	number = galley_epub_issue_number(pm->issue);
	if (number > 0)
		galley_xml_printf(x, "<meta refines=\"#series\" property=\"group-position\">%lu</meta>\n",
		                  number);
}

static void put_accessibility(const galley_epub_book *b, galley_xml *x)
{
	bool pages = b->npages > 0;
	meta_prop(x, "schema:accessMode", "textual");
	if (b->has_images)
		meta_prop(x, "schema:accessMode", "visual");
	meta_prop(x, "schema:accessModeSufficient",
	          b->has_images && !b->all_alt ? "textual,visual" : "textual");
	if (b->has_images && b->all_alt)
		meta_prop(x, "schema:accessibilityFeature", "alternativeText");
	meta_prop(x, "schema:accessibilityFeature", "displayTransformability");
	if (pages) {
		meta_prop(x, "schema:accessibilityFeature", "pageBreakMarkers");
		meta_prop(x, "schema:accessibilityFeature", "pageNavigation");
	}
	meta_prop(x, "schema:accessibilityFeature", "readingOrder");
	meta_prop(x, "schema:accessibilityFeature", "structuralNavigation");
	meta_prop(x, "schema:accessibilityFeature", "tableOfContents");
	meta_prop(x, "schema:accessibilityHazard", "none");
	/* The claim stands on DAISY Ace reporting no violation on galley's
	 * books (make check-a11y) and on what galley controls: the structure,
	 * the navigation, the language, the page list, a stylesheet without
	 * fixed colours.  Content galley cannot vouch for takes it away: an
	 * image without a text alternative, or a stylesheet of the user's. */
	if (b->opts->css_path == NULL && (!b->has_images || b->all_alt)) {
		galley_xml_raw(x, "<meta property=\"dcterms:conformsTo\" id=\"conformance\">"
		                  "EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>\n"
		                  "<meta property=\"a11y:certifiedBy\" refines=\"#conformance\">galley</meta>\n");
	}
	galley_xml_raw(x, "<meta property=\"schema:accessibilitySummary\">"
	                  "Reflowable text with a table of contents, headings that follow the "
	                  "structure of each article, and the reading order of the source");
	if (b->has_images)
		galley_xml_raw(x, b->all_alt ? "; every image has a text alternative"
		                             : "; some images have no text alternative");
	if (pages)
		galley_xml_raw(x, "; page-break markers and a page list give the page numbers "
		                  "of the PDF edition");
	galley_xml_raw(x, ".</meta>\n");
}

void galley_epub_write_opf(const galley_epub_book *b, galley_xml *x)
{
	const galley_doc *doc = b->doc;
	const galley_meta *pm = galley_doc_meta_const(doc);
	const galley_article *only = galley_doc_narticles(doc) == 1 ? galley_doc_article(doc, 0) : NULL;
	galley_date date = galley_doc_output_date(doc);
	const char *description = pm->description ? pm->description
	                          : pm->summary ? pm->summary
	                          : only ? only->meta.summary : NULL;
	const char *source = pm->source ? pm->source : only ? only->meta.source : NULL;
	size_t i;

	galley_xml_raw(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                  "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
	                  "unique-identifier=\"pub-id\"");
	galley_xml_attr(x, "xml:lang", b->lang);
	galley_xml_raw(x, ">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	                  "<dc:identifier id=\"pub-id\">");
	galley_xml_str(x, b->identifier);
	galley_xml_raw(x, "</dc:identifier>\n");
	put_titles(b, x);
	put_dc(x, "language", b->lang);
	put_creators(b, x);
	if (date.year != 0) {
		char iso[32];
		put_dc(x, "date", galley_date_iso(&date, false, iso));
	}
	put_union(b, x, 1, NULL);
	put_dc(x, "description", description);
	put_dc(x, "publisher", pm->publisher);
	if (source != NULL && strchr(source, ':') != NULL)
		put_dc(x, "source", source);
	if (b->npages > 0) {
		galley_xml_raw(x, "<dc:source id=\"print-source\">");
		galley_xml_str(x, galley_doc_display_title(doc));
		/* EPUB Accessibility 1.1 names the source a11y:pageBreakSource,
		 * but epubcheck 4.2 (Debian 12) rejects that property as
		 * undefined (OPF-027), so the source is given the EPUB 3.2 way */
		galley_xml_raw(x, " (PDF edition typeset by galley)</dc:source>\n"
		                  "<meta refines=\"#print-source\" property=\"source-of\">pagination</meta>\n");
	}
	meta_prop(x, "dcterms:modified", b->modified);
	put_accessibility(b, x);
	/* the EPUB 2 way, which Kindle conversions still read */
	if (b->cover_image != NULL)
		galley_xml_raw(x, "<meta name=\"cover\" content=\"cover-image\"/>\n");
	galley_xml_raw(x, "</metadata>\n<manifest>\n"
	                  "<item id=\"nav\" href=\"" GALLEY_EPUB_NAV "\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
	                  "<item id=\"ncx\" href=\"" GALLEY_EPUB_NCX "\" media-type=\"application/x-dtbncx+xml\"/>\n"
	                  "<item id=\"css\" href=\"" GALLEY_EPUB_CSS "\" media-type=\"text/css\"/>\n");
	if (b->code_lines)
		galley_xml_raw(x, "<item id=\"wrap-mark\" href=\"" GALLEY_EPUB_WRAP "\" media-type=\"image/svg+xml\"/>\n");
	galley_xml_printf(x, "<item id=\"cover-page\" href=\"" GALLEY_EPUB_COVER "\" "
	                     "media-type=\"application/xhtml+xml\"%s/>\n",
	                  b->cover_image ? "" : " properties=\"svg\"");
	if (b->titlepage)
		galley_xml_raw(x, "<item id=\"titlepage\" href=\"" GALLEY_EPUB_TITLEPAGE "\" "
		                  "media-type=\"application/xhtml+xml\"/>\n");
	if (b->cover_image != NULL) {
		galley_xml_raw(x, "<item id=\"cover-image\"");
		galley_xml_attr(x, "href", b->cover_image);
		galley_xml_attr(x, "media-type", b->cover_media_type);
		galley_xml_raw(x, " properties=\"cover-image\"/>\n");
	}
	for (i = 0; i < b->ndocs; i++) {
		galley_xml_raw(x, "<item");
		galley_xml_attr(x, "id", b->docs[i].id);
		galley_xml_attr(x, "href", b->docs[i].href);
		galley_xml_raw(x, " media-type=\"application/xhtml+xml\"/>\n");
	}
	for (i = 0; i < galley_doc_nassets(doc); i++) {
		const galley_asset *a = galley_doc_asset(doc, i);
		galley_xml_printf(x, "<item id=\"asset%zu\" href=\"images/", i + 1);
		galley_xml_url_part(x, a->name);
		galley_xml_raw(x, "\"");
		galley_xml_attr(x, "media-type", a->media_type);
		if (a->fallback != NULL)
			galley_xml_printf(x, " fallback=\"asset%zu-png\"", i + 1);
		galley_xml_raw(x, "/>\n");
		if (a->fallback != NULL) {
			/* a PNG of the same pixels for readers of EPUB 3.2, where the
			 * type is not a core media type (WebP) */
			galley_xml_printf(x, "<item id=\"asset%zu-png\" href=\"images/", i + 1);
			galley_xml_url_part(x, a->name);
			galley_xml_raw(x, ".png\" media-type=\"image/png\"/>\n");
		}
	}
	for (i = 0; i < b->nfonts; i++) {
		galley_xml_printf(x, "<item id=\"font%zu\" href=\"fonts/", i + 1);
		galley_xml_url_part(x, b->fonts[i].file);
		galley_xml_raw(x, "\" media-type=\"font/ttf\"/>\n");
	}
	/* The contents page follows the cover in a book of ordinary size.  In
	 * a very large one (a thousand-article archive) it would put thousands
	 * of lines of titles between the cover and the first article, so it
	 * moves to the end, out of the linear reading order; reading systems
	 * still offer it as the table of contents. */
	galley_xml_raw(x, "</manifest>\n<spine toc=\"ncx\">\n"
	                  "<itemref idref=\"cover-page\"/>\n");
	if (b->titlepage)
		galley_xml_raw(x, "<itemref idref=\"titlepage\"/>\n");
	if (galley_doc_narticles(b->doc) <= NAV_FRONT_MAX_ARTICLES)
		galley_xml_raw(x, "<itemref idref=\"nav\"/>\n");
	for (i = 0; i < b->ndocs; i++) {
		galley_xml_raw(x, "<itemref");
		galley_xml_attr(x, "idref", b->docs[i].id);
		galley_xml_raw(x, "/>\n");
	}
	if (galley_doc_narticles(b->doc) > NAV_FRONT_MAX_ARTICLES)
		galley_xml_raw(x, "<itemref idref=\"nav\" linear=\"no\"/>\n");
	galley_xml_raw(x, "</spine>\n</package>\n");
}

/* ---- navigation document ----------------------------------------------- */

static void nav_list(galley_xml *x, const toc *t)
{
	int cur = -1;
	size_t i;
	for (i = 0; i < t->n; i++) {
		const toc_entry *e = &t->e[i];
		if (e->depth > cur) {
			galley_xml_raw(x, "\n<ol>");
		} else {
			galley_xml_raw(x, "</li>");
			for (; cur > e->depth; cur--)
				galley_xml_raw(x, "\n</ol></li>");
		}
		galley_xml_raw(x, "\n<li><a");
		galley_xml_attr(x, "href", e->href);
		galley_xml_raw(x, ">");
		galley_xml_str(x, e->label);
		galley_xml_raw(x, "</a>");
		cur = e->depth;
	}
	if (cur >= 0) {
		galley_xml_raw(x, "</li>");
		for (; cur > 0; cur--)
			galley_xml_raw(x, "\n</ol></li>");
		galley_xml_raw(x, "\n</ol>\n");
	}
}

/* Normalizes depths: each at most one deeper than the one before. */
static void toc_normalize(toc *t)
{
	size_t i;
	for (i = 0; i < t->n; i++) {
		int max = i == 0 ? 0 : t->e[i - 1].depth + 1;
		if (t->e[i].depth > max)
			t->e[i].depth = max;
	}
}

void galley_epub_write_nav(galley_epub_book *b, galley_xml *x)
{
	toc t;
	size_t i;
	memset(&t, 0, sizeof t);
	toc_build(b, &t);
	toc_normalize(&t);
	if (t.failed)
		x->failed = true;

	galley_epub_xhtml_begin(x, b->lang, "Contents", "", "");
	for (i = 0; i < b->npages; i++) {
		if (strcmp(b->pages[i].href, GALLEY_EPUB_NAV) == 0) {
			galley_epub_xhtml_pagebreak(x, &b->pages[i]);
			b->pages[i].placed = true;
		}
	}
	galley_xml_raw(x, "<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">\n<h1>Contents</h1>");
	nav_list(x, &t);
	galley_xml_raw(x, "</nav>\n<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n"
	                  "<h2>Landmarks</h2>\n<ol>\n"
	                  "<li><a epub:type=\"cover\" href=\"" GALLEY_EPUB_COVER "\">Cover</a></li>\n");
	if (b->titlepage)
		galley_xml_raw(x, "<li><a epub:type=\"titlepage\" href=\"" GALLEY_EPUB_TITLEPAGE "\">"
		                  "Title page</a></li>\n");
	galley_xml_raw(x, "<li><a epub:type=\"toc\" href=\"" GALLEY_EPUB_NAV "#toc\">Contents</a></li>\n");
	if (b->ndocs > 0) {
		galley_xml_raw(x, "<li><a epub:type=\"bodymatter\"");
		galley_xml_attr(x, "href", b->docs[0].href);
		galley_xml_raw(x, ">Start of content</a></li>\n");
	}
	galley_xml_raw(x, "</ol>\n</nav>\n");
	if (b->npages > 0) {
		galley_xml_raw(x, "<nav epub:type=\"page-list\" id=\"page-list\" role=\"doc-pagelist\" "
		                  "hidden=\"hidden\">\n<h2>Pages</h2>\n<ol>\n");
		/* Reading order: with the contents at the end of the spine (a
		 * very large book), the print pages of the contents come last. */
		bool nav_last = galley_doc_narticles(b->doc) > NAV_FRONT_MAX_ARTICLES;
		for (size_t k = 0; k < 2 * b->npages; k++) {
			const galley_epub_page *p = &b->pages[k % b->npages];
			bool in_nav = strcmp(p->href, GALLEY_EPUB_NAV) == 0;
			if ((k < b->npages) == (nav_last && in_nav))
				continue;  /* first round: all but the trailing contents; second: those */
			galley_xml_raw(x, "<li><a href=\"");
			galley_xml_raw(x, p->href);
			galley_xml_printf(x, "#page_%zu\">", p->index + 1);
			if (p->mark->label != NULL && p->mark->label[0] != '\0')
				galley_xml_str(x, p->mark->label);
			else
				galley_xml_printf(x, "%zu", p->index + 1);
			galley_xml_raw(x, "</a></li>\n");
		}
		galley_xml_raw(x, "</ol>\n</nav>\n");
	}
	galley_epub_xhtml_end(x);
	toc_dispose(&t);
}

/* ---- NCX --------------------------------------------------------------- */

void galley_epub_write_ncx(const galley_epub_book *b, galley_xml *x)
{
	toc t;
	int cur = -1, maxdepth = 0;
	size_t i;
	memset(&t, 0, sizeof t);
	toc_build(b, &t);
	toc_normalize(&t);
	if (t.failed)
		x->failed = true;
	for (i = 0; i < t.n; i++)
		if (t.e[i].depth + 1 > maxdepth)
			maxdepth = t.e[i].depth + 1;

	galley_xml_raw(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                  "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\"");
	galley_xml_attr(x, "xml:lang", b->lang);
	galley_xml_raw(x, ">\n<head>\n<meta name=\"dtb:uid\"");
	galley_xml_attr(x, "content", b->identifier);
	galley_xml_printf(x, "/>\n<meta name=\"dtb:depth\" content=\"%d\"/>\n"
	                     "<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n"
	                     "<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n</head>\n"
	                     "<docTitle><text>", maxdepth ? maxdepth : 1);
	galley_xml_str(x, galley_doc_display_title(b->doc));
	galley_xml_raw(x, "</text></docTitle>\n<navMap>\n");
	if (t.n == 0) {
		galley_xml_raw(x, "<navPoint id=\"np1\" playOrder=\"1\"><navLabel><text>Cover</text></navLabel>"
		                  "<content src=\"" GALLEY_EPUB_COVER "\"/></navPoint>\n");
	}
	for (i = 0; i < t.n; i++) {
		const toc_entry *e = &t.e[i];
		for (; cur >= e->depth; cur--)
			galley_xml_raw(x, "</navPoint>\n");
		galley_xml_printf(x, "<navPoint id=\"np%zu\" playOrder=\"%zu\"><navLabel><text>", i + 1, i + 1);
		galley_xml_str(x, e->label);
		galley_xml_raw(x, "</text></navLabel><content");
		galley_xml_attr(x, "src", e->href);
		galley_xml_raw(x, "/>\n");
		cur = e->depth;
	}
	for (; cur >= 0; cur--)
		galley_xml_raw(x, "</navPoint>\n");
	galley_xml_raw(x, "</navMap>\n</ncx>\n");
	toc_dispose(&t);
}

/* ---- cover ------------------------------------------------------------- */

/* The cover page shows the cover image (cover.c draws galley's).  Only
 * when no image could be made (no HarfBuzz, librsvg or fonts) does it
 * draw the cover itself, as inline SVG text broken by character counts. */

/* Byte length of the first `chars` code points of s (all of it if shorter). */
static size_t utf8_prefix(const char *s, size_t chars)
{
	size_t i = 0;
	while (s[i] != '\0' && chars > 0) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		chars--;
	}
	return i;
}

/* One centred line of SVG text; `fill` is a colour. */
static void svg_text(galley_xml *x, int y, int size, const char *fill, const char *s, size_t n, bool cut)
{
	galley_xml_printf(x, "<text x=\"300\" y=\"%d\" font-size=\"%d\" fill=\"%s\" "
	                     "text-anchor=\"middle\" font-family=\"serif\">", y, size, fill);
	galley_xml_text(x, s, n);
	if (cut)
		galley_xml_raw(x, "\xE2\x80\xA6");
	galley_xml_raw(x, "</text>\n");
}

/* Writes the title in lines of at most COVER_TITLE_LINE_CHARS characters,
 * breaking at spaces; returns the y below the last line. */
static int svg_title(galley_xml *x, const char *title, int y)
{
	size_t lines = 0;
	while (*title != '\0' && lines < COVER_TITLE_LINES) {
		size_t max, n, i;
		bool cut = false;
		while (*title == ' ')
			title++;
		max = utf8_prefix(title, COVER_TITLE_LINE_CHARS);
		n = max;
		if (title[max] != '\0') {
			for (i = max; i > 0 && title[i] != ' '; i--)
				;
			if (i > 0)
				n = i;
			if (lines + 1 == COVER_TITLE_LINES)
				cut = true;
		}
		if (n == 0)
			break;
		svg_text(x, y, 40, "#3b1a10", title, n, cut);
		y += 50;
		title += n;
		lines++;
	}
	return y;
}

void galley_epub_masthead_dates(const galley_doc *doc, char dates[80])
{
	const galley_meta *pm = galley_doc_meta_const(doc);
	char a[32], bb[32];
	dates[0] = '\0';
	if (pm->since.year != 0 && pm->until.year != 0) {
		galley_date_human(&pm->since, a);
		galley_date_human(&pm->until, bb);
		snprintf(dates, 80, "%s \xE2\x80\x93 %s", a, bb);
	} else {
		galley_date d = galley_doc_output_date(doc);
		if (d.year != 0)
			galley_date_human(&d, dates);
	}
}

/* The masthead under the title: the subtitle, then the issue and the
 * dates (the digest's window, else the publication date), then the editor,
 * each line left out when there is nothing to say.  Returns the y below. */
static int svg_masthead(galley_xml *x, const galley_doc *doc, const galley_meta *pm, int y)
{
	char dates[80], line[COVER_LINE_BYTES];
	size_t len;

	if (pm->subtitle != NULL && pm->subtitle[0] != '\0') {
		len = utf8_prefix(pm->subtitle, COVER_SUBTITLE_CHARS);
		svg_text(x, y, 24, "#3b1a10", pm->subtitle, len, pm->subtitle[len] != '\0');
		y += 40;
	}
	galley_epub_masthead_dates(doc, dates);
	if (pm->issue != NULL && pm->issue[0] != '\0') {
		len = utf8_prefix(pm->issue, COVER_ISSUE_CHARS);
		snprintf(line, sizeof line, "%.*s%s%s", (int)len, pm->issue,
		         dates[0] != '\0' ? " \xC2\xB7 " : "", dates);
	} else {
		snprintf(line, sizeof line, "%s", dates);
	}
	if (line[0] != '\0') {
		svg_text(x, y + 10, 20, "#7a2e1d", line, strlen(line), false);
		y += 40;
	}
	if (pm->editor != NULL && pm->editor[0] != '\0') {
		len = utf8_prefix(pm->editor, COVER_EDITOR_CHARS);
		snprintf(line, sizeof line, "Edited by %.*s%s", (int)len, pm->editor,
		         pm->editor[len] != '\0' ? "\xE2\x80\xA6" : "");
		svg_text(x, y + 10, 17, "#7a2e1d", line, strlen(line), false);
		y += 36;
	}
	return y;
}

void galley_epub_write_cover(const galley_epub_book *b, galley_xml *x)
{
	const galley_doc *doc = b->doc;
	const galley_meta *pm = galley_doc_meta_const(doc);
	const char *title = galley_doc_display_title(doc);
	size_t i, n = galley_doc_narticles(doc);
	int y;

	galley_epub_xhtml_begin(x, b->lang, title, "", "class=\"cover\"");
	galley_xml_raw(x, "<section epub:type=\"cover\" class=\"cover\">\n");
	if (b->cover_image != NULL) {
		galley_xml alt = GALLEY_XML_INIT;
		galley_xml_raw(x, "<img role=\"doc-cover\"");
		galley_xml_attr(x, "src", b->cover_image);
		galley_xml_raw(&alt, "Cover of ");
		galley_xml_raw(&alt, title);
		if (!blank(pm->issue)) {
			galley_xml_raw(&alt, ", ");
			galley_xml_raw(&alt, pm->issue);
		}
		if (alt.failed)
			x->failed = true;
		galley_xml_attr(x, "alt", alt.data ? alt.data : "Cover");
		galley_xml_dispose(&alt);
		galley_xml_raw(x, "/>\n</section>\n");
		galley_epub_xhtml_end(x);
		return;
	}
	galley_xml_raw(x, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
	                  "viewBox=\"0 0 600 800\" width=\"100%\" height=\"100%\" "
	                  "preserveAspectRatio=\"xMidYMid meet\" role=\"img\"");
	galley_xml_attr(x, "aria-label", title);
	galley_xml_raw(x, ">\n<rect x=\"0\" y=\"0\" width=\"600\" height=\"800\" fill=\"#f4efe6\"/>\n"
	                  "<rect x=\"40\" y=\"40\" width=\"520\" height=\"720\" fill=\"none\" "
	                  "stroke=\"#7a2e1d\" stroke-width=\"3\"/>\n");
	y = svg_title(x, title, 170);
	y = svg_masthead(x, doc, pm, y);
	y += 50;
	for (i = 0; i < n && y <= COVER_BOTTOM; i++) {
		const char *t = article_title(galley_doc_article(doc, i));
		size_t len = utf8_prefix(t, COVER_ARTICLE_CHARS);
		if (n == 1)
			break;
		/* keep the last line for "and N more" when articles remain */
		if (i + 1 < n && y + 30 > COVER_BOTTOM)
			break;
		svg_text(x, y, 17, "#222222", t, len, t[len] != '\0');
		y += 30;
	}
	if (n > 1 && i < n) {
		char more[48];
		snprintf(more, sizeof more, "and %zu more", n - i);
		svg_text(x, y, 17, "#222222", more, strlen(more), false);
	}
	galley_xml_raw(x, "</svg>\n</section>\n");
	galley_epub_xhtml_end(x);
}

/* ---- title page -------------------------------------------------------- */

void galley_epub_write_titlepage(const galley_epub_book *b, galley_xml *x)
{
	const galley_doc *doc = b->doc;
	const galley_meta *pm = galley_doc_meta_const(doc);
	const char *title = galley_doc_display_title(doc);
	char dates[80];

	galley_epub_xhtml_begin(x, b->lang, title, "", "");
	galley_xml_raw(x, "<section epub:type=\"titlepage\" class=\"titlepage\" "
	                  "aria-labelledby=\"tp-title\">\n<h1 id=\"tp-title\">");
	put_trimmed(x, title);
	galley_xml_raw(x, "</h1>\n");
	if (!blank(pm->subtitle)) {
		galley_xml_raw(x, "<p class=\"tp-subtitle\" role=\"doc-subtitle\">");
		put_trimmed(x, pm->subtitle);
		galley_xml_raw(x, "</p>\n");
	}
	galley_epub_masthead_dates(doc, dates);
	if (!blank(pm->issue) || dates[0] != '\0') {
		galley_xml_raw(x, "<p class=\"tp-issue\">");
		if (!blank(pm->issue))
			put_trimmed(x, pm->issue);
		if (!blank(pm->issue) && dates[0] != '\0')
			galley_xml_raw(x, " \xC2\xB7 ");
		galley_xml_str(x, dates);
		galley_xml_raw(x, "</p>\n");
	}
	if (!blank(pm->editor)) {
		galley_xml_raw(x, "<p class=\"tp-editor\">Edited by ");
		put_trimmed(x, pm->editor);
		galley_xml_raw(x, "</p>\n");
	}
	if (!blank(pm->publisher)) {
		galley_xml_raw(x, "<p class=\"tp-publisher\">");
		put_trimmed(x, pm->publisher);
		galley_xml_raw(x, "</p>\n");
	}
	galley_xml_raw(x, "</section>\n");
	galley_epub_xhtml_end(x);
}
