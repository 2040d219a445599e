/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * css.c: the default stylesheet of galley's EPUBs (CSS 2.1 plus the
 * properties EPUB 3.3 reading systems support: hyphens, @font-face,
 * media queries).
 *
 * Reading systems override much of a book's style with the reader's own
 * choices; the stylesheet therefore sets proportions in em and leaves the
 * font size alone, and uses no !important, so that the reader's font,
 * size and margin settings win.  Hyphenation is a hint (hyphens: auto,
 * with the -epub- and -webkit- prefixes older engines know); the lang
 * attribute of every document tells the engine which patterns to use.
 *
 * Colours.  A reader's theme (night, sepia) sets the text and page
 * colours; a book that fixes one of them and not the other fights it
 * (light code on a light box, grey on black).  So no rule fixes a text
 * colour or an opaque background: rules and boxes are translucent grey,
 * which reads on any page, lighter text is made with opacity, and the
 * one pair that must be fixed (a picture's backdrop and its alt text, so
 * that line art drawn on transparency stays visible on a dark page) is
 * set together.
 * `color-scheme` lets a browser-based reader follow the system's dark
 * mode with its own colours.
 *
 * Code.  Each source line is a block (<span class="line">) with a
 * hanging indent, and its continuation lines (a long line wrapped on a
 * phone) carry a mark in the indent: wrap.svg, a column of marks one line
 * apart, placed as the line's background from its second line box down
 * (clipped at the line's end): without it a wrapped line would look like
 * a new one at column 0, which misleads in indentation-sensitive code.
 * The mark is a background image, so screen readers do not read it and
 * copied text does not contain it.
 *
 * Dark themes.  With no fixed colour there is nothing to undo in a dark
 * theme, so the stylesheet has no prefers-color-scheme block: a media
 * query there, or a second stylesheet linked with one, is what epubcheck
 * reports as a usage note (CSS-023, CSS-012), and the rules it would hold
 * are the same in both themes.
 *
 * Only what is used.  A rule that styles a class is written only into a
 * book whose documents carry that class (galley_epub_css_classes
 * collects them from the written documents), so that no rule goes unused;
 * every class the writers put on an element has a rule here, except
 * code's language-* (the HTML convention highlighters and converters
 * read).
 */
#include <string.h>

#include "epub/epub_impl.h"
#include "epub/hlcss.h"

typedef struct css_rule {
	const char *cls;  /* the class the rule styles, or NULL: always written */
	const char *rule;
} css_rule;

/* One rule per string: ISO C bounds the length of a single literal. */
static const css_rule default_css[] = {
	{NULL, "/* galley default stylesheet */\n"},
	{NULL, "html { color-scheme: light dark; -epub-hyphens: auto; -webkit-hyphens: auto; "
	       "hyphens: auto; }\n"},
	{NULL, "body { margin: 0 5%; line-height: 1.45; text-rendering: optimizeLegibility; }\n"},
	{NULL, "p { margin: 0; text-indent: 1.2em; text-align: justify; orphans: 2; widows: 2; }\n"},
	{NULL, "header p, li p, blockquote p, figcaption { text-indent: 0; }\n"},
	{NULL, "header p { text-align: left; }\n"},
	{NULL, "h1, h2, h3, h4, h5, h6 { line-height: 1.2; text-align: left; -epub-hyphens: none; "
	       "-webkit-hyphens: none; hyphens: none; page-break-after: avoid; break-after: avoid; }\n"},
	{NULL, "h1 { font-size: 1.8em; margin: 1.5em 0 0.3em 0; }\n"},
	{NULL, "h2 { font-size: 1.35em; margin: 1.4em 0 0.5em 0; }\n"},
	{NULL, "h3 { font-size: 1.15em; margin: 1.2em 0 0.4em 0; }\n"},
	{NULL, "h4, h5, h6 { font-size: 1em; margin: 1em 0 0.3em 0; }\n"},
	{NULL, "h2 + p, h3 + p, h4 + p, h5 + p, h6 + p, hr + p, blockquote + p, pre + p, "
	       "figure + p, ul + p, ol + p, header + p { text-indent: 0; }\n"},
	{NULL, "header { margin-bottom: 1.8em; }\n"},
	{NULL, "header h1 { margin-top: 0.5em; }\n"},
	{"subtitle", "p.subtitle { font-size: 1.15em; font-style: italic; margin: 0 0 0.6em 0; }\n"},
	{"byline", "p.byline { font-variant: small-caps; margin: 0.2em 0; }\n"},
	{"dateline", "p.dateline { font-size: 0.85em; opacity: 0.8; margin: 0.2em 0; }\n"},
	{"source", "p.source { font-size: 0.85em; opacity: 0.8; margin: 0.2em 0; }\n"},
	{"source", "p.source a { word-break: break-all; }\n"},
	{NULL, "blockquote { margin: 1em 1.5em; padding-left: 0.8em; "
	       "border-left: 0.2em solid rgba(128, 128, 128, 0.6); }\n"},
	{"attribution", "p.attribution { text-align: left; margin-top: 0.3em; }\n"},
	{NULL, "ul, ol { margin: 0.6em 0 0.6em 1.6em; padding: 0; }\n"},
	{NULL, "li { margin: 0.2em 0; }\n"},
	{"tight", "ul.tight li, ol.tight li { margin: 0; }\n"},
	{NULL, "li > p + p { margin-top: 0.5em; }\n"},
	{NULL, "code { font-family: monospace; font-size: 0.9em; -epub-hyphens: none; "
	       "-webkit-hyphens: none; hyphens: none; }\n"},
	{NULL, "pre { font-family: monospace; font-size: 0.85em; line-height: 1.35; margin: 1em 0; "
	       "padding: 0.6em 0.8em 0.6em 0.5em; color: inherit; "
	       "background-color: rgba(128, 128, 128, 0.12); "
	       "border-left: 0.2em solid rgba(128, 128, 128, 0.5); white-space: pre-wrap; "
	       "word-wrap: break-word; text-align: left; }\n"},
	{"line", "pre span.line { display: block; padding-left: 1.6em; text-indent: -1.6em; "
	         "background-image: url(wrap.svg); background-repeat: no-repeat; "
	         "background-position: 0 1.35em; background-size: 1.2em 81em; }\n"},
	{NULL, "hr { border: 0; border-top: 1px solid; opacity: 0.6; margin: 1.5em 25%; }\n"},
	{NULL, "figure { margin: 1.2em 0; text-align: center; page-break-inside: avoid; "
	       "break-inside: avoid; }\n"},
	{NULL, "figure img { max-width: 100%; max-height: 90vh; }\n"},
	{NULL, "figcaption { font-size: 0.85em; font-style: italic; margin-top: 0.4em; }\n"},
	{NULL, "img { max-width: 100%; background-color: #ffffff; color: #111111; }\n"},
	{NULL, "a { color: inherit; text-decoration: underline; }\n"},
	{"image-remote", ".image-remote { font-style: italic; }\n"},
	{"image-remote", "p.image-remote { text-indent: 0; }\n"},
	{"table-wrap", "div.table-wrap { overflow-x: auto; margin: 1em 0; }\n"},
	{NULL, "table { border-collapse: collapse; font-size: 0.9em; line-height: 1.3; "
	       "border-top: 1.5px solid; border-bottom: 1.5px solid; }\n"},
	{NULL, "th, td { padding: 0.25em 0.6em; text-align: left; vertical-align: top; "
	       "-epub-hyphens: auto; -webkit-hyphens: auto; hyphens: auto; }\n"},
	{NULL, "thead th { font-weight: bold; border-bottom: 1px solid; }\n"},
	{"al-l", ".al-l { text-align: left; }\n"},
	{"al-c", ".al-c { text-align: center; }\n"},
	{"al-r", ".al-r { text-align: right; }\n"},
	{"task", "li.task { list-style: none; }\n"},
	{"task-box", "span.task-box { float: left; margin-left: -1.3em; }\n"},
	{"task", "li.task > p { text-indent: 0; }\n"},
	{"noteref", "a.noteref { text-decoration: none; }\n"},
	{NULL, "sup { font-size: 0.75em; line-height: 0; vertical-align: super; }\n"},
	{"footnotes", "section.footnotes { margin-top: 2em; font-size: 0.9em; }\n"},
	{"footnotes-rule", "hr.footnotes-rule { margin: 0 75% 0.8em 0; }\n"},
	{NULL, "aside p { text-indent: 0; margin: 0.2em 0; }\n"},
	{"fn-number", "p.fn-number { float: left; margin: 0 0.4em 0 0; }\n"},
	{"part", "section.part { margin-top: 30%; text-align: center; }\n"},
	{"part", "section.part h1 { font-size: 2.2em; text-align: center; }\n"},
	{"part-contents", "ul.part-contents { list-style: none; margin: 2em 0 0 0; }\n"},
	{"part-contents", "ul.part-contents li { margin: 0.5em 0; }\n"},
	{"titlepage", "section.titlepage { margin-top: 20%; text-align: center; }\n"},
	{"titlepage", "section.titlepage h1 { font-size: 2.2em; text-align: center; "
	              "margin-bottom: 0.3em; }\n"},
	{"titlepage", "section.titlepage p { text-indent: 0; text-align: center; margin: 0.4em 0; }\n"},
	{"tp-subtitle", "p.tp-subtitle { font-size: 1.2em; font-style: italic; }\n"},
	{"tp-issue", "p.tp-issue { font-variant: small-caps; letter-spacing: 0.05em; }\n"},
	{"tp-editor", "p.tp-editor { margin-top: 1.5em; }\n"},
	{"tp-publisher", "p.tp-publisher { margin-top: 3em; font-size: 0.9em; }\n"},
	{NULL, "nav ol { list-style: none; margin-left: 1.2em; }\n"},
	{NULL, "nav > ol { margin-left: 0; }\n"},
	{"cover", "body.cover { margin: 0; padding: 0; text-align: center; }\n"},
	{"cover", "section.cover { height: 100vh; margin: 0; padding: 0; }\n"},
	{"cover", "section.cover img { max-width: 100%; max-height: 100vh; }\n"},
	{"cover", "section.cover svg { max-width: 100%; max-height: 100vh; }\n"},
	{"math", ".math { font-family: monospace; font-size: 0.9em; -epub-hyphens: none; "
	         "-webkit-hyphens: none; hyphens: none; }\n"},
	{"math-display", "div.math-display { font-family: monospace; font-size: 0.9em; "
	                 "white-space: pre-wrap; text-align: center; margin: 0.8em 0; }\n"},
	{"callout", "div.callout { margin: 1em 0; padding: 0.3em 0.8em; color: inherit; "
	            "border-left: 0.25em solid rgba(128, 128, 128, 0.7); "
	            "background-color: rgba(128, 128, 128, 0.1); }\n"},
	{"callout-warning", "div.callout-warning { border-left-color: #cc6a00; }\n"},
	{"callout-caution", "div.callout-caution { border-left-color: #cc6a00; }\n"},
	{"callout-important", "div.callout-important { border-left-color: #9a5cc0; }\n"},
	{"callout-tip", "div.callout-tip { border-left-color: #3c9a41; }\n"},
	{"callout-note", "div.callout-note { border-left-color: #3b7dd0; }\n"},
	{"callout", "div.callout p { text-indent: 0; }\n"},
	{"callout-label", "p.callout-label { font-weight: bold; font-variant: small-caps; "
	                  "margin: 0.2em 0; }\n"},
};

/* Whether the book's documents carry class `cls` (b->classes holds
 * " a b c "). */
static bool class_used(const galley_epub_book *b, const char *cls)
{
	size_t n = strlen(cls);
	const char *p = b->classes.data;
	while (p != NULL && (p = strstr(p, cls)) != NULL) {
		if (p > b->classes.data && p[-1] == ' ' && p[n] == ' ')
			return true;
		p += n;
	}
	return false;
}

void galley_epub_css_classes(galley_epub_book *b, const unsigned char *bytes, size_t len)
{
	static const char key[] = " class=\"";
	const char *p = (const char *)bytes, *end = p + len;
	if (b->classes.len == 0)
		galley_xml_raw(&b->classes, " ");
	while (p < end && (p = memmem(p, (size_t)(end - p), key, sizeof key - 1)) != NULL) {
		p += sizeof key - 1;
		while (p < end && *p != '"') {
			const char *t = p;
			char name[64];
			while (p < end && *p != '"' && *p != ' ')
				p++;
			if (p > t && (size_t)(p - t) < sizeof name) {
				memcpy(name, t, (size_t)(p - t));
				name[p - t] = '\0';
				if (!class_used(b, name)) {
					galley_xml_raw(&b->classes, name);
					galley_xml_raw(&b->classes, " ");
				}
			}
			while (p < end && *p == ' ')
				p++;
		}
	}
}

/* Picks the body, code and fallback families among the embedded fonts:
 * the code family is the first monospaced one, the body family the
 * proportional one with the most faces, the fallback any other. */
static void families(const galley_epub_book *b, const char **body, const char **mono,
                     const char **fallback)
{
	size_t i, j, best = 0;
	*body = *mono = *fallback = NULL;
	for (i = 0; i < b->nfonts; i++) {
		const galley_epub_font *f = &b->fonts[i];
		size_t faces = 0;
		if (f->mono) {
			if (*mono == NULL)
				*mono = f->family;
			continue;
		}
		for (j = 0; j < b->nfonts; j++)
			if (strcmp(b->fonts[j].family, f->family) == 0)
				faces++;
		if (faces > best) {
			best = faces;
			*body = f->family;
		}
	}
	for (i = 0; i < b->nfonts; i++)
		if (!b->fonts[i].mono && *body != NULL && strcmp(b->fonts[i].family, *body) != 0) {
			*fallback = b->fonts[i].family;
			break;
		}
}

static void family_list(galley_xml *x, const char *first, const char *fallback, const char *generic)
{
	if (first != NULL)
		galley_xml_printf(x, "\"%s\", ", first);
	if (fallback != NULL)
		galley_xml_printf(x, "\"%s\", ", fallback);
	galley_xml_raw(x, generic);
}

/* The rule of code blocks, whose selector also names each language-*
 * class the book uses, so that the class has a rule like every other. */
static void put_code_rule(const galley_epub_book *b, galley_xml *x)
{
	const char *p = b->classes.data;
	galley_xml_raw(x, "pre code");
	while (p != NULL && (p = strstr(p, " language-")) != NULL) {
		size_t n = strcspn(p + 1, " ");
		galley_xml_raw(x, ", pre code.");
		galley_xml_rawn(x, p + 1, n);
		p += 1 + n;
	}
	galley_xml_raw(x, " { font-size: 1em; }\n");
}

void galley_epub_write_css(const galley_epub_book *b, galley_xml *x)
{
	const char *body, *mono, *fallback;
	size_t i;

	for (i = 0; i < sizeof default_css / sizeof default_css[0]; i++)
		if (default_css[i].cls == NULL || class_used(b, default_css[i].cls))
			galley_xml_raw(x, default_css[i].rule);
	put_code_rule(b, x);
	/* highlighted code: weight and slant only, for the token classes the
	 * book uses (hlcss.c: a colour without its background would fight a
	 * reader's night theme, and a media query to switch colours is an
	 * epubcheck usage note) */
	for (i = 0; i < galley_epub_hl_nstyles; i++) {
		const galley_epub_hl_style *st = &galley_epub_hl_styles[i];
		if ((st->bold || st->italic) && class_used(b, st->cls))
			galley_xml_printf(x, "pre span.%s {%s%s }\n", st->cls, st->bold ? " font-weight: bold;" : "",
			                  st->italic ? " font-style: italic;" : "");
	}
	if (b->nfonts == 0)
		return;
	galley_xml_raw(x, "\n/* embedded fonts */\n");
	for (i = 0; i < b->nfonts; i++) {
		const galley_epub_font *f = &b->fonts[i];
		galley_xml_printf(x, "@font-face { font-family: \"%s\"; font-weight: %s; font-style: %s; "
		                     "src: url(\"fonts/%s\"); }\n",
		                  f->family, f->bold ? "bold" : "normal", f->italic ? "italic" : "normal",
		                  f->file);
	}
	families(b, &body, &mono, &fallback);
	galley_xml_raw(x, "body { font-family: ");
	family_list(x, body, fallback, "serif; }\n");
	galley_xml_raw(x, "code, pre { font-family: ");
	family_list(x, mono, fallback, "monospace; }\n");
}

/* The continuation marks of wrapped code lines (see "Code" above): 60
 * hooked arrows, one per line box from the second on, in mid grey, which
 * reads on a light and a dark page.  One tall image placed once (no
 * repeat: a repeated one would also mark the first line, and positioning
 * a pseudo-element over the rest is not for every reading system). */
const char galley_epub_wrap_svg[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
	"width=\"24\" height=\"1620\" viewBox=\"0 0 24 1620\">\n"
	"<defs><g id=\"m\" fill=\"none\" stroke=\"#8c8c8c\" stroke-width=\"2\">"
	"<path d=\"M6 7v8.5h11\"/><path d=\"M14 11.5l4 4-4 4\"/></g>"
	"<g id=\"t\"><use xlink:href=\"#m\"/><use xlink:href=\"#m\" y=\"27\"/><use xlink:href=\"#m\" y=\"54\"/>"
	"<use xlink:href=\"#m\" y=\"81\"/><use xlink:href=\"#m\" y=\"108\"/><use xlink:href=\"#m\" y=\"135\"/>"
	"<use xlink:href=\"#m\" y=\"162\"/><use xlink:href=\"#m\" y=\"189\"/><use xlink:href=\"#m\" y=\"216\"/>"
	"<use xlink:href=\"#m\" y=\"243\"/></g></defs>\n"
	"<use xlink:href=\"#t\"/><use xlink:href=\"#t\" y=\"270\"/><use xlink:href=\"#t\" y=\"540\"/>"
	"<use xlink:href=\"#t\" y=\"810\"/><use xlink:href=\"#t\" y=\"1080\"/><use xlink:href=\"#t\" y=\"1350\"/>\n"
	"</svg>\n";
