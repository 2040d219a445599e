/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * css.c: the default stylesheet of galley's EPUBs (CSS 2.1 plus the
 * properties EPUB 3.3 reading systems support: hyphens, @font-face).
 *
 * Reading systems override much of a book's style with the reader's own
 * choices; the stylesheet therefore sets proportions in em and leaves the
 * font size alone.  Hyphenation is a hint (hyphens: auto, with the -epub-
 * and -webkit- prefixes older engines know); the lang attribute of every
 * document tells the engine which patterns to use.
 */
#include <string.h>

#include "epub/epub_impl.h"
#include "epub/hlcss.h"

/* One rule per string: ISO C bounds the length of a single literal. */
static const char *const default_css[] = {
	"/* galley default stylesheet */\n",
	"html { -epub-hyphens: auto; -webkit-hyphens: auto; hyphens: auto; }\n",
	"body { margin: 0 5%; line-height: 1.45; text-rendering: optimizeLegibility; }\n",
	"p { margin: 0; text-indent: 1.2em; text-align: justify; orphans: 2; widows: 2; }\n",
	"header p, li p, blockquote p, figcaption, p.image-remote { text-indent: 0; }\n",
	"h1, h2, h3, h4, h5, h6 { line-height: 1.2; text-align: left; -epub-hyphens: none; "
	"-webkit-hyphens: none; hyphens: none; page-break-after: avoid; break-after: avoid; }\n",
	"h1 { font-size: 1.8em; margin: 1.5em 0 0.3em 0; }\n",
	"h2 { font-size: 1.35em; margin: 1.4em 0 0.5em 0; }\n",
	"h3 { font-size: 1.15em; margin: 1.2em 0 0.4em 0; }\n",
	"h4, h5, h6 { font-size: 1em; margin: 1em 0 0.3em 0; }\n",
	"h2 + p, h3 + p, h4 + p, h5 + p, h6 + p, hr + p, blockquote + p, pre + p, "
	"figure + p, ul + p, ol + p, header + p { text-indent: 0; }\n",
	"header { margin-bottom: 1.8em; }\n",
	"header h1 { margin-top: 0.5em; }\n",
	"p.subtitle { font-size: 1.15em; font-style: italic; margin: 0 0 0.6em 0; }\n",
	"p.byline { font-variant: small-caps; margin: 0.2em 0; }\n",
	"p.dateline, p.source { font-size: 0.85em; color: #555555; margin: 0.2em 0; }\n",
	"p.source a { word-break: break-all; }\n",
	"blockquote { margin: 1em 1.5em; padding-left: 0.8em; border-left: 0.2em solid #bbbbbb; }\n",
	"p.attribution { text-align: left; margin-top: 0.3em; }\n",
	"ul, ol { margin: 0.6em 0 0.6em 1.6em; padding: 0; }\n",
	"li { margin: 0.2em 0; }\n",
	"ul.tight li, ol.tight li { margin: 0; }\n",
	"li > p + p { margin-top: 0.5em; }\n",
	"code { font-family: monospace; font-size: 0.9em; -epub-hyphens: none; "
	"-webkit-hyphens: none; hyphens: none; }\n",
	"pre { font-family: monospace; font-size: 0.85em; line-height: 1.35; margin: 1em 0; "
	"padding: 0.6em 0.8em; background-color: #f3f3f0; white-space: pre-wrap; "
	"word-wrap: break-word; text-align: left; }\n",
	"pre code { font-size: 1em; }\n",
	"hr { border: 0; border-top: 1px solid #999999; margin: 1.5em 25%; }\n",
	"figure { margin: 1.2em 0; text-align: center; page-break-inside: avoid; break-inside: avoid; }\n",
	"figure img { max-width: 100%; max-height: 90vh; }\n",
	"figcaption { font-size: 0.85em; font-style: italic; margin-top: 0.4em; }\n",
	"img { max-width: 100%; }\n",
	"a { color: inherit; text-decoration: underline; }\n",
	".image-remote { font-style: italic; }\n",
	"div.table-wrap { overflow-x: auto; margin: 1em 0; }\n",
	"table { border-collapse: collapse; font-size: 0.9em; line-height: 1.3; "
	"border-top: 1.5px solid #333333; border-bottom: 1.5px solid #333333; }\n",
	"th, td { padding: 0.25em 0.6em; text-align: left; vertical-align: top; "
	"-epub-hyphens: auto; -webkit-hyphens: auto; hyphens: auto; }\n",
	"thead th { font-weight: bold; border-bottom: 1px solid #333333; }\n",
	".al-l { text-align: left; }\n",
	".al-c { text-align: center; }\n",
	".al-r { text-align: right; }\n",
	"li.task { list-style: none; }\n",
	"span.task-box { float: left; margin-left: -1.3em; }\n",
	"li.task > p { text-indent: 0; }\n",
	"a.noteref { text-decoration: none; }\n",
	"sup { font-size: 0.75em; line-height: 0; vertical-align: super; }\n",
	"section.footnotes { margin-top: 2em; font-size: 0.9em; }\n",
	"hr.footnotes-rule { margin: 0 75% 0.8em 0; }\n",
	"aside p { text-indent: 0; margin: 0.2em 0; }\n",
	"p.fn-number { float: left; margin: 0 0.4em 0 0; }\n",
	"section.part { margin-top: 30%; text-align: center; }\n",
	"section.part h1 { font-size: 2.2em; }\n",
	"ul.part-contents { list-style: none; margin: 2em 0 0 0; }\n",
	"nav ol { list-style: none; margin-left: 1.2em; }\n",
	"nav > ol { margin-left: 0; }\n",
	"body.cover { margin: 0; padding: 0; text-align: center; }\n",
	"section.cover { height: 100vh; margin: 0; padding: 0; }\n",
	"section.cover img { max-width: 100%; max-height: 100vh; }\n",
	"section.cover svg { max-width: 100%; max-height: 100vh; }\n",
};

/* Rules for math and call-outs, written only into books that have them,
 * so that a book without stays byte for byte as it was. */
static const char *const math_css[] = {
	".math { font-family: monospace; font-size: 0.9em; -epub-hyphens: none; -webkit-hyphens: none; "
	"hyphens: none; }\n",
	"div.math-display { font-family: monospace; font-size: 0.9em; white-space: pre-wrap; "
	"text-align: center; margin: 0.8em 0; }\n",
};

static const char *const callout_css[] = {
	"div.callout { margin: 1em 0; padding: 0.3em 0.8em; border-left: 0.25em solid #888888; "
	"background-color: #f5f5f2; }\n",
	"div.callout-warning, div.callout-caution { border-left-color: #aa5500; }\n",
	"div.callout-important { border-left-color: #7a3e9d; }\n",
	"div.callout-tip { border-left-color: #2e7d32; }\n",
	"div.callout-note { border-left-color: #1f5fa8; }\n",
	"div.callout p { text-indent: 0; }\n",
	"p.callout-label { font-weight: bold; font-variant: small-caps; margin: 0.2em 0; }\n",
};

/* Whether blocks (or their inlines) hold math or call-outs. */
static void uses_inlines(const galley_inline *in, bool *math)
{
	for (; in != NULL && !*math; in = in->next) {
		if (in->type == GALLEY_MATH)
			*math = true;
		uses_inlines(in->children, math);
	}
}

static void uses(const galley_block *b, bool *math, bool *callout)
{
	for (; b != NULL; b = b->next) {
		if (b->type == GALLEY_MATH_BLOCK)
			*math = true;
		if (b->type == GALLEY_CALLOUT)
			*callout = true;
		uses_inlines(b->inlines, math);
		uses(b->children, math, callout);
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

void galley_epub_write_css(const galley_epub_book *b, galley_xml *x)
{
	const char *body, *mono, *fallback;
	size_t i;
	bool math = false, callout = false;

	for (i = 0; i < sizeof default_css / sizeof default_css[0]; i++)
		galley_xml_raw(x, default_css[i]);
	for (i = 0; i < galley_doc_narticles(b->doc); i++) {
		const galley_article *a = galley_doc_article(b->doc, i);
		uses(a->blocks, &math, &callout);
		uses(a->notes, &math, &callout);
	}
	for (i = 0; math && i < sizeof math_css / sizeof math_css[0]; i++)
		galley_xml_raw(x, math_css[i]);
	for (i = 0; callout && i < sizeof callout_css / sizeof callout_css[0]; i++)
		galley_xml_raw(x, callout_css[i]);
	/* highlighted code: hlcss.c's rules, in books with code of a language */
	for (i = 0; i < galley_doc_narticles(b->doc); i++) {
		const galley_article *a = galley_doc_article(b->doc, i);
		if (galley_epub_has_code_language(a->blocks) || galley_epub_has_code_language(a->notes)) {
			galley_epub_write_highlight_css(x);
			break;
		}
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
