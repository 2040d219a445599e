/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_read.c: the Markdown reader (src/read): front matter in YAML and
 * TOML with their errors at exact FILE:LINE:COL, text normalization (BOM,
 * CRLF, invalid UTF-8, NUL), the mapping of every CommonMark node, unsafe
 * links, raw HTML, figures, images (tests/data/read/img, made by
 * make_images.py), limits, folders, and golden model dumps
 * (tests/data/read/golden/NAME.md -> NAME.json; a missing NAME.json fails,
 * and only `make golden`, which runs this binary with --update, rewrites
 * them).  Every successful read is followed by galley_doc_finish and
 * galley_doc_check.
 */
#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "galley/model.h"
#include "galley/read.h"
#include "t.h"

#define DATA "tests/data/read"

/* Reads `md` as "t.md" in DATA into a fresh document (*docp), then
 * finishes and checks it.  Returns the read's code. */
static int read_md(galley_doc **docp, const char *md, const galley_read_options *opts,
                   galley_error *err)
{
	galley_doc *doc = galley_doc_new();
	galley_error check = GALLEY_ERROR_INIT;
	int rc;

	galley_error_clear(err);
	rc = galley_read_buffer(doc, NULL, "t.md", DATA, md, strlen(md), opts, err);
	if (galley_doc_finish(doc, &check) < 0 || galley_doc_check(doc, &check) < 0)
		printf("# check failed: %s\n", check.message);
	T_CHECK(check.code == 0, "finish and check pass after the read");
	*docp = doc;
	return rc;
}

static galley_article *first_article(galley_doc *doc)
{
	return galley_doc_narticles(doc) > 0 ? galley_doc_article(doc, 0) : NULL;
}

/* Expects reading `md` to fail with `code` at line:col and a message
 * containing `words`. */
static void expect_error(const char *name, const char *md, int code, unsigned line,
                         unsigned col, const char *words)
{
	galley_doc *doc;
	galley_error err = GALLEY_ERROR_INIT;
	char label[800];
	int rc = read_md(&doc, md, NULL, &err);

	snprintf(label, sizeof label, "%s: code", name);
	T_EQ_INT(rc, code, label);
	snprintf(label, sizeof label, "%s: position %u:%u (got %u:%u, %s)", name, line, col,
	         (unsigned)err.line, (unsigned)err.column, err.message);
	T_CHECK(err.line == line && err.column == col, label);
	snprintf(label, sizeof label, "%s: message names '%s'", name, words);
	T_CHECK(strstr(err.message, words) != NULL, label);
	T_EQ_STR(err.file, "t.md", "error names the file");
	T_EQ_INT(galley_doc_narticles(doc), 0, "no article added on error");
	galley_doc_free(doc);
}

static size_t count_warnings_with(galley_doc *doc, const char *words)
{
	size_t i, n = 0;
	for (i = 0; i < galley_doc_ndiags(doc); i++)
		if (strstr(galley_doc_diag(doc, i)->message, words) != NULL)
			n++;
	return n;
}

/* Expects reading `md` to succeed with its first image missing (the
 * placeholder) and a warning at line:col containing `words`. */
static void expect_missing(const char *name, const char *md, const galley_read_options *opts,
                           unsigned line, unsigned col, const char *words)
{
	galley_doc *doc;
	galley_error err = GALLEY_ERROR_INIT;
	const galley_inline *img = NULL;
	galley_block *b;
	char label[800];
	size_t i;
	bool found = false;

	snprintf(label, sizeof label, "%s: read (a warning, not an error)", name);
	T_EQ_INT(read_md(&doc, md, opts, &err), 0, label);
	b = first_article(doc) ? first_article(doc)->blocks : NULL;
	for (; b != NULL && img == NULL; b = b->next)
		for (const galley_inline *in = b->inlines; in != NULL && img == NULL; in = in->next)
			img = in->type == GALLEY_IMAGE ? in : in->children && in->children->type == GALLEY_IMAGE
			                                          ? in->children : NULL;
	snprintf(label, sizeof label, "%s: the image is missing (a placeholder)", name);
	T_CHECK(img && img->missing && img->asset == NULL, label);
	for (i = 0; i < galley_doc_ndiags(doc); i++) {
		const galley_diag *d = galley_doc_diag(doc, i);
		found = found || (d->severity == GALLEY_WARNING && d->pos.line == line && d->pos.column == col &&
		                  strstr(d->message, words) != NULL);
	}
	snprintf(label, sizeof label, "%s: warning at %u:%u names '%s'", name, line, col, words);
	T_CHECK(found, label);
	if (!found && galley_doc_ndiags(doc) > 0)
		printf("# got %u:%u %s\n", galley_doc_diag(doc, 0)->pos.line, galley_doc_diag(doc, 0)->pos.column,
		       galley_doc_diag(doc, 0)->message);
	galley_doc_free(doc);
}

/* ---- front matter ---------------------------------------------------------- */

static void test_yaml(void)
{
	galley_doc *doc;
	galley_error err;
	galley_article *a;
	const char *md =
		"---\n"
		"title: \"A Title\"\n"
		"subtitle: The subtitle\n"
		"author: Jane Doe\n"
		"date: 2022-01-12T21:26:00+01:00\n"
		"lang: en_US\n"
		"tags: [europe, \"energy\"]\n"
		"source: https://example.org/a\n"
		"publication: The Paper\n"
		"summary: >\n"
		"  Two lines\n"
		"  folded.\n"
		"unknown: {nested: [1, 2]}\n"
		"---\n"
		"\n"
		"Body text.\n";

	T_EQ_INT(read_md(&doc, md, NULL, &err), 0, "yaml: read");
	a = first_article(doc);
	T_CHECK(a != NULL, "yaml: one article");
	if (a == NULL)
		goto done;
	T_EQ_STR(a->meta.title, "A Title", "yaml: title");
	T_EQ_STR(a->meta.subtitle, "The subtitle", "yaml: subtitle");
	T_EQ_INT(a->meta.nauthors, 1, "yaml: one author from a string");
	T_EQ_STR(a->meta.nauthors ? a->meta.authors[0] : NULL, "Jane Doe", "yaml: author");
	T_EQ_INT(a->meta.date.year, 2022, "yaml: date year");
	T_EQ_INT(a->meta.date.hour, 21, "yaml: date hour");
	T_CHECK(a->meta.date.has_zone && a->meta.date.zone_minutes == 60, "yaml: date zone");
	T_EQ_STR(a->meta.lang, "en-US", "yaml: lang, _ made -");
	T_EQ_INT(a->meta.ntags, 2, "yaml: tags list");
	T_EQ_STR(a->meta.ntags == 2 ? a->meta.tags[1] : NULL, "energy", "yaml: second tag");
	T_EQ_STR(a->meta.source, "https://example.org/a", "yaml: source");
	T_EQ_STR(a->meta.publication, "The Paper", "yaml: publication");
	T_EQ_STR(a->meta.summary, "Two lines folded.", "yaml: folded summary, trimmed");
	T_CHECK(a->blocks != NULL && a->blocks->pos.line == 16, "yaml: body line numbers count the front matter");
done:
	galley_doc_free(doc);

	md = "---\nauthors:\n  - A. One\n  - B. Two\ntags: \"a, b ,, c\"\ndescription: D\nurl: u\n...\nx\n";
	T_EQ_INT(read_md(&doc, md, NULL, &err), 0, "yaml lists: read");
	a = first_article(doc);
	if (a != NULL) {
		T_EQ_INT(a->meta.nauthors, 2, "yaml: authors list");
		T_EQ_STR(a->meta.nauthors == 2 ? a->meta.authors[1] : NULL, "B. Two", "yaml: second author");
		T_EQ_INT(a->meta.ntags, 3, "yaml: comma-separated tags, empty ones dropped");
		T_EQ_STR(a->meta.ntags == 3 ? a->meta.tags[2] : NULL, "c", "yaml: tags trimmed");
		T_EQ_STR(a->meta.summary, "D", "yaml: description is the summary");
		T_EQ_STR(a->meta.source, "u", "yaml: url is the source");
	}
	galley_doc_free(doc);

	T_EQ_INT(read_md(&doc, "---\n---\nOnly body.\n", NULL, &err), 0, "yaml: empty front matter");
	galley_doc_free(doc);
	T_EQ_INT(read_md(&doc, "---\ntitle: Only front matter\n---\n", NULL, &err), 0,
	         "yaml: front matter only");
	T_CHECK(first_article(doc) && first_article(doc)->blocks == NULL, "yaml: no blocks");
	galley_doc_free(doc);
	T_EQ_INT(read_md(&doc, "", NULL, &err), 0, "empty file reads");
	T_EQ_INT(galley_doc_narticles(doc), 1, "empty file: one empty article");
	galley_doc_free(doc);
	T_EQ_INT(read_md(&doc, "---\ntitle: 1984\n---\n", NULL, &err), 0, "yaml: numeric title");
	T_EQ_STR(first_article(doc) ? first_article(doc)->meta.title : NULL, "1984", "yaml: title 1984 kept as text");
	galley_doc_free(doc);
}

static void test_yaml_errors(void)
{
	expect_error("date: soon", "---\ntitle: x\ndate: soon\n---\n", GALLEY_ETYPE, 3, 7, "ISO 8601");
	expect_error("tags: 5", "---\ntags: 5\n---\n", GALLEY_ETYPE, 2, 7, "tags");
	expect_error("title: [1, 2]", "---\ntitle: [1, 2]\n---\n", GALLEY_ETYPE, 2, 8, "title");
	expect_error("duplicate key", "---\ntitle: a\nlang: en\ntitle: b\n---\n", GALLEY_ESYNTAX, 4, 1,
	             "duplicate key 'title' (first given on line 2)");
	expect_error("nested duplicate", "---\nextra:\n  a: 1\n  a: 2\n---\n", GALLEY_ESYNTAX, 4, 3,
	             "duplicate");
	expect_error("yaml syntax", "---\ntitle: ok\nsubtitle: a: b\n---\n", GALLEY_ESYNTAX, 3, 12,
	             "YAML syntax error");
	expect_error("yaml syntax (unclosed quote)", "---\ntitle: \"abc\n---\nbody\n", GALLEY_ESYNTAX, 3, 1,
	             "YAML syntax error");
	expect_error("unterminated", "---\ntitle: a\n\nBody\n", GALLEY_ESYNTAX, 1, 1, "never closed");
	expect_error("not a mapping", "---\n- a\n- b\n---\n", GALLEY_ETYPE, 2, 1, "key: value");
	expect_error("bad date", "---\ndate: 2022-02-30\n---\n", GALLEY_ETYPE, 2, 7, "2022-02-30");
	expect_error("bad lang", "---\nlang: \"en US<\"\n---\n", GALLEY_ETYPE, 2, 7, "language tag");
	expect_error("control char escape", "---\ntitle: \"a\\x01b\"\n---\n", GALLEY_ETYPE, 2, 8,
	             "control character");
	expect_error("author as a map", "---\nauthor: {name: x}\n---\n", GALLEY_ETYPE, 2, 9, "author");
}

static void test_normalize(void)
{
	galley_doc *doc;
	galley_error err;
	galley_article *a;
	galley_block *b;

	T_EQ_INT(read_md(&doc, "\xEF\xBB\xBF---\r\ntitle: T\r\n---\r\n\r\nHello\r\nworld\r\n", NULL, &err), 0,
	         "BOM + CRLF: read");
	a = first_article(doc);
	T_EQ_STR(a ? a->meta.title : NULL, "T", "BOM + CRLF: title");
	b = a ? a->blocks : NULL;
	T_CHECK(b && b->type == GALLEY_PARAGRAPH && b->pos.line == 5, "BOM + CRLF: paragraph at line 5");
	T_CHECK(b && b->inlines && b->inlines->type == GALLEY_TEXT && strcmp(b->inlines->text, "Hello") == 0,
	        "BOM + CRLF: no CR in text");
	T_CHECK(b && b->inlines && b->inlines->next && b->inlines->next->type == GALLEY_SOFTBREAK,
	        "BOM + CRLF: soft break");
	galley_doc_free(doc);

	expect_error("CRLF error line", "---\r\ntitle: x\r\ndate: soon\r\n---\r\n", GALLEY_ETYPE, 3, 7, "date");
	expect_error("invalid UTF-8", "Line one\nline two\nabc\xC3(d\n", GALLEY_ESYNTAX, 3, 4, "UTF-8");
	expect_error("overlong UTF-8", "\xC0\xAF\n", GALLEY_ESYNTAX, 1, 1, "UTF-8");
	expect_error("surrogate", "ab\xED\xA0\x80\n", GALLEY_ESYNTAX, 1, 3, "UTF-8");

	{
		const char nul[] = "a\0b\n";
		galley_doc *d = galley_doc_new();
		galley_error e = GALLEY_ERROR_INIT;
		T_EQ_INT(galley_read_buffer(d, NULL, "t.md", DATA, nul, sizeof nul - 1, NULL, &e), 0,
		         "NUL: read");
		T_CHECK(galley_doc_finish(d, &e) == 0 && galley_doc_check(d, &e) == 0, "NUL: check");
		a = first_article(d);
		T_CHECK(a && a->blocks && strcmp(a->blocks->inlines->text, "a\xEF\xBF\xBD" "b") == 0,
		        "NUL: replaced by U+FFFD");
		T_EQ_INT(count_warnings_with(d, "U+0000"), 1, "NUL: warned");
		T_CHECK(galley_doc_ndiags(d) == 1 && galley_doc_diag(d, 0)->pos.line == 1 &&
		        galley_doc_diag(d, 0)->pos.column == 2, "NUL: warning at 1:2");
		galley_doc_free(d);
	}
}

static void test_toml(void)
{
	galley_doc *doc;
	galley_error err;
	galley_article *a;
	const char *md =
		"+++\n"
		"title = \"Caf\\u00e9 notes\"  # a comment\n"
		"date = 2022-01-12T09:00:00Z\n"
		"draft = false\n"
		"weight = 10\n"
		"authors = [\n"
		"  'Ann',\n"
		"  \"Bob\",  # trailing comma next\n"
		"]\n"
		"description = \"\"\"\n"
		"Multi \\\n"
		"   line.\"\"\"\n"
		"\n"
		"[taxonomies]\n"
		"tags = [\"a\", \"b\"]\n"
		"categories = []\n"
		"\n"
		"[extra]\n"
		"subtitle = 'From extra'\n"
		"title = \"ignored: the top level wins\"\n"
		"+++\n"
		"Body.\n";

	T_EQ_INT(read_md(&doc, md, NULL, &err), 0, "toml: read");
	if (err.code)
		printf("# %u:%u %s\n", (unsigned)err.line, (unsigned)err.column, err.message);
	a = first_article(doc);
	if (a != NULL) {
		T_EQ_STR(a->meta.title, "Caf\xC3\xA9 notes", "toml: title with \\u escape");
		T_EQ_INT(a->meta.date.day, 12, "toml: unquoted date");
		T_CHECK(a->meta.date.has_time && a->meta.date.has_zone, "toml: date-time with zone");
		T_EQ_INT(a->meta.nauthors, 2, "toml: authors over several lines");
		T_EQ_STR(a->meta.nauthors == 2 ? a->meta.authors[0] : NULL, "Ann", "toml: literal string");
		T_EQ_STR(a->meta.summary, "Multi line.", "toml: multi-line string with line-ending backslash");
		T_EQ_INT(a->meta.ntags, 2, "toml: tags from [taxonomies]");
		T_EQ_STR(a->meta.subtitle, "From extra", "toml: subtitle from [extra]");
		T_CHECK(a->blocks && a->blocks->pos.line == 22, "toml: body line");
	}
	galley_doc_free(doc);

	T_EQ_INT(read_md(&doc, "+++\ndate = 2022-01-12 07:30:00\ntags = \"x,y\"\n+++\n", NULL, &err), 0,
	         "toml: date with a space, tags string");
	a = first_article(doc);
	T_CHECK(a && a->meta.date.hour == 7 && a->meta.ntags == 2, "toml: values");
	galley_doc_free(doc);

	expect_error("toml inline table", "+++\ntitle = \"x\"\nextra = { a = 1 }\n+++\n", GALLEY_ESYNTAX, 3, 9,
	             "inline tables");
	expect_error("toml duplicate", "+++\ntitle = \"x\"\n\ntitle = \"y\"\n+++\n", GALLEY_ESYNTAX, 4, 1,
	             "duplicate key 'title'");
	expect_error("toml duplicate table", "+++\n[extra]\n[extra]\n+++\n", GALLEY_ESYNTAX, 3, 1, "duplicate");
	expect_error("toml bad date", "+++\ndate = 2022-13-01\n+++\n", GALLEY_ESYNTAX, 2, 8, "not a valid date");
	expect_error("toml dotted key", "+++\nextra.x = 1\n+++\n", GALLEY_ESYNTAX, 2, 6, "dotted keys");
	expect_error("toml unclosed string", "+++\ntitle = \"abc\n+++\n", GALLEY_ESYNTAX, 2, 9, "never closed");
	expect_error("toml missing =", "+++\ntitle \"abc\"\n+++\n", GALLEY_ESYNTAX, 2, 7, "expected '='");
	expect_error("toml trailing junk", "+++\ntitle = \"a\" b\n+++\n", GALLEY_ESYNTAX, 2, 13, "unexpected text");
	expect_error("toml nested array", "+++\ntags = [[\"a\"]]\n+++\n", GALLEY_ESYNTAX, 2, 9, "nested arrays");
	expect_error("toml array of tables", "+++\n[[a]]\n+++\n", GALLEY_ESYNTAX, 2, 2, "arrays of tables");
	expect_error("toml unknown bare", "+++\nx = yes\n+++\n", GALLEY_ESYNTAX, 2, 5, "'yes'");
	expect_error("toml wrong type", "+++\ntitle = true\n+++\n", GALLEY_ETYPE, 2, 9, "title");
	expect_error("toml tags number", "+++\n[taxonomies]\ntags = 5\n+++\n", GALLEY_ETYPE, 3, 8, "tags");
	expect_error("toml unterminated", "+++\ntitle = \"a\"\n", GALLEY_ESYNTAX, 1, 1, "never closed");
}

/* ---- Markdown -------------------------------------------------------------- */

static void test_blocks(void)
{
	galley_doc *doc;
	galley_error err;
	galley_block *b, *list, *item;
	galley_inline *in;
	const char *md =
		"# Heading *one*\n"
		"\n"
		"Para with `code`, **strong**, _emph_ and a hard  \n"
		"break.\n"
		"\n"
		"> quoted\n"
		"\n"
		"3. three\n"
		"4. four\n"
		"   - nested\n"
		"\n"
		"```c info\n"
		"int x;\n"
		"```\n"
		"\n"
		"***\n"
		"\n"
		"- a\n"
		"\n"
		"- b\n";

	T_EQ_INT(read_md(&doc, md, NULL, &err), 0, "blocks: read");
	/* no front matter: the first heading, of level 1, is the title */
	T_EQ_STR(first_article(doc) ? first_article(doc)->meta.title : NULL, "Heading one",
	         "untitled: the first # heading, emphasis and all, is the title");
	b = first_article(doc) ? first_article(doc)->blocks : NULL;
	T_CHECK(b && b->type == GALLEY_PARAGRAPH && b->pos.line == 3,
	        "paragraph at line 3 (the title's heading is not repeated)");
	in = b ? b->inlines : NULL;
	T_CHECK(in && in->next && in->next->type == GALLEY_CODE && strcmp(in->next->text, "code") == 0,
	        "inline code");
	while (in && in->type != GALLEY_HARDBREAK)
		in = in->next;
	T_CHECK(in != NULL, "hard break");
	b = b ? b->next : NULL;
	T_CHECK(b && b->type == GALLEY_QUOTE && b->children && b->children->type == GALLEY_PARAGRAPH,
	        "block quote");
	list = b ? b->next : NULL;
	T_CHECK(list && list->type == GALLEY_LIST && list->ordered && list->start == 3 && list->tight,
	        "ordered list from 3, tight");
	item = list && list->children ? list->children->next : NULL;
	T_CHECK(item && item->type == GALLEY_ITEM && item->children && item->children->next &&
	        item->children->next->type == GALLEY_LIST && !item->children->next->ordered, "nested list");
	b = list ? list->next : NULL;
	T_CHECK(b && b->type == GALLEY_CODEBLOCK && strcmp(b->info, "c info") == 0 &&
	        strcmp(b->text, "int x;\n") == 0, "code block with info");
	b = b ? b->next : NULL;
	T_CHECK(b && b->type == GALLEY_RULE, "thematic break");
	b = b ? b->next : NULL;
	T_CHECK(b && b->type == GALLEY_LIST && !b->ordered && !b->tight, "loose bullet list");
	galley_doc_free(doc);

	/* smart punctuation on and off */
	T_EQ_INT(read_md(&doc, "\"Hi\" -- it's\n", NULL, &err), 0, "smart: read");
	b = first_article(doc)->blocks;
	T_EQ_STR(b->inlines->text, "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x93 it\xE2\x80\x99s", "smart quotes and dash");
	galley_doc_free(doc);
	{
		galley_read_options o = GALLEY_READ_OPTIONS_INIT;
		o.smart = false;
		T_EQ_INT(read_md(&doc, "\"Hi\" -- it's\n", &o, &err), 0, "plain: read");
		T_EQ_STR(first_article(doc)->blocks->inlines->text, "\"Hi\" -- it's", "no smart punctuation");
		galley_doc_free(doc);
	}
}

static void test_links_html(void)
{
	galley_doc *doc;
	galley_error err;
	galley_inline *in;
	galley_block *b;
	galley_read_options keep = GALLEY_READ_OPTIONS_INIT;
	int unsafe = 0, safe = 0;
	const char *md =
		"[a](javascript:alert(1)) [b](jav&#x09;ascript:x) [c](DATA:text/html,x)\n"
		"[d](%20vbscript:x) [e](file:///etc/passwd) [f](https://ok.example/) [g](<  javascript:x>)\n";

	T_EQ_INT(read_md(&doc, md, NULL, &err), 0, "links: read");
	for (in = first_article(doc)->blocks->inlines; in != NULL; in = in->next) {
		if (in->type != GALLEY_LINK)
			continue;
		if (in->url == NULL)
			unsafe++;
		else
			safe++;
		T_CHECK(in->children && in->children->type == GALLEY_TEXT, "link text kept");
	}
	T_EQ_INT(unsafe, 5, "javascript:, tab-split, DATA:, file: and spaced schemes dropped");
	T_EQ_INT(safe, 2, "https and %20vbscript (a relative path) kept");
	T_EQ_INT(count_warnings_with(doc, "unsafe link"), 5, "a warning per unsafe link");
	galley_doc_free(doc);

	md = "<div onclick=\"x()\">\nblock text\n</div>\n\nPara <b>bold</b> <script>x</script>.\n";
	T_EQ_INT(read_md(&doc, md, NULL, &err), 0, "html: read");
	b = first_article(doc)->blocks;
	T_CHECK(b && b->type == GALLEY_PARAGRAPH && b->pos.line == 2 && b->inlines &&
	        b->inlines->type == GALLEY_TEXT && strcmp(b->inlines->text, "block text") == 0,
	        "html block: its text a paragraph, the div unwrapped");
	b = b ? b->next : NULL;
	T_CHECK(b && b->type == GALLEY_PARAGRAPH && b->pos.line == 5 && b->inlines && b->inlines->next &&
	        b->inlines->next->type == GALLEY_STRONG && b->inlines->next->children &&
	        strcmp(b->inlines->next->children->text, "bold") == 0, "inline tags: <b> pairs with </b>");
	T_EQ_INT(galley_doc_ndiags(doc), 1, "html: one warning, for the script");
	T_CHECK(galley_doc_ndiags(doc) == 1 && galley_doc_diag(doc, 0)->pos.line == 5 &&
	        strstr(galley_doc_diag(doc, 0)->message, "<script>") != NULL, "html warning names the script, at its line");
	galley_doc_free(doc);

	keep.keep_raw_html = true;
	T_EQ_INT(read_md(&doc, md, &keep, &err), 0, "html kept: read");
	b = first_article(doc)->blocks;
	T_CHECK(b && b->type == GALLEY_CODEBLOCK && strstr(b->text, "block text") != NULL,
	        "html block kept as literal text");
	T_CHECK(b && b->next && b->next->inlines && b->next->inlines->next &&
	        strcmp(b->next->inlines->next->text, "<b>") == 0, "inline html kept as text");
	T_EQ_INT(galley_doc_ndiags(doc), 0, "no warning when kept");
	galley_doc_free(doc);
}

/* ---- images ---------------------------------------------------------------- */

static const galley_asset *figure_asset(galley_doc *doc)
{
	galley_block *b = first_article(doc) ? first_article(doc)->blocks : NULL;
	if (b == NULL || b->type != GALLEY_FIGURE || b->inlines == NULL)
		return NULL;
	return b->inlines->asset;
}

static void test_images(void)
{
	galley_doc *doc;
	galley_error err;
	const galley_asset *a;
	galley_block *b;
	galley_read_options outside = GALLEY_READ_OPTIONS_INIT;

	T_EQ_INT(read_md(&doc, "  ![The *alt*](img/rgb.png \"T\")  \n\nText ![x](img/rgb.png) and ![y](img/./rgb.png).\n",
	                 NULL, &err), 0, "figure: read");
	b = first_article(doc)->blocks;
	T_CHECK(b && b->type == GALLEY_FIGURE && b->inlines->type == GALLEY_IMAGE && b->inlines->next == NULL,
	        "lone image is a figure");
	T_EQ_STR(b ? b->inlines->title : NULL, "T", "figure title");
	T_CHECK(b && b->inlines->children && b->inlines->children->next &&
	        b->inlines->children->next->type == GALLEY_EMPH, "alt text keeps its inlines");
	a = figure_asset(doc);
	T_CHECK(a && a->width == 3 && a->height == 2 && a->channels == 3 && a->alpha == NULL, "rgb.png decoded");
	T_CHECK(a && a->pixels && a->pixels[0] == 255 && a->pixels[4] == 255 && a->pixels[8] == 255, "rgb.png pixels");
	T_EQ_STR(a ? a->media_type : NULL, "image/png", "png media type");
	T_CHECK(a && a->bytes && a->size == 73, "original bytes kept");
	T_CHECK(b && b->next && b->next->type == GALLEY_PARAGRAPH, "image among text stays inline");
	T_EQ_INT(galley_doc_nassets(doc), 1, "same image loaded once");
	galley_doc_free(doc);

	T_EQ_INT(read_md(&doc, "![g](img/gray16.png)\n", NULL, &err), 0, "16-bit png");
	a = figure_asset(doc);
	T_CHECK(a && a->width == 4 && a->channels == 1 && a->pixels[3] == 255 && a->pixels[1] == 85,
	        "16-bit gray to 8-bit");
	galley_doc_free(doc);

	T_EQ_INT(read_md(&doc, "![p](img/palette.png)\n", NULL, &err), 0, "palette png");
	a = figure_asset(doc);
	T_CHECK(a && a->channels == 3 && a->pixels[0] == 10 && a->alpha && a->alpha[0] == 0 && a->alpha[1] == 255,
	        "palette with tRNS to RGB + alpha");
	galley_doc_free(doc);

	T_EQ_INT(read_md(&doc, "![i](img/interlaced.png)\n", NULL, &err), 0, "interlaced png");
	a = figure_asset(doc);
	T_CHECK(a && a->width == 5 && a->channels == 3 && a->alpha == NULL, "interlaced, opaque alpha dropped");
	T_CHECK(a && a->pixels[3 * 6] == 50 && a->pixels[3 * 6 + 1] == 50, "interlaced pixel (1,1)");
	galley_doc_free(doc);

	T_EQ_INT(read_md(&doc, "![j](img/gray.jpg)\n", NULL, &err), 0, "jpeg");
	a = figure_asset(doc);
	T_CHECK(a && a->width == 8 && a->height == 8 && a->channels == 1 && a->pixels == NULL &&
	        strcmp(a->media_type, "image/jpeg") == 0, "jpeg measured, passed through");
	galley_doc_free(doc);

	T_EQ_INT(read_md(&doc, "![remote alt](https://example.org/x.png)\n", NULL, &err), 0, "remote image");
	b = first_article(doc)->blocks;
	T_CHECK(b && b->inlines && b->inlines->asset == NULL && b->inlines->url != NULL, "remote: no asset");
	T_EQ_INT(count_warnings_with(doc, "not fetched"), 1, "remote: warning");
	galley_doc_free(doc);

	expect_missing("missing image", "Text\n\n![m](img/missing.png)\n", NULL, 3, 1, "not found");
	expect_missing("not an image", "![n](img/notimage.png)\n", NULL, 1, 1,
	               "not a PNG, JPEG, GIF, WebP or SVG");
	expect_missing("truncated png", "![t](img/truncated.png)\n", NULL, 1, 1, "corrupt PNG");
	expect_missing("truncated jpeg", "![t](img/truncated.jpg)\n", NULL, 1, 1, "truncated");
	expect_missing("huge png", "![h](img/huge.png)\n", NULL, 1, 1, "GALLEY_READ_MAX_IMAGE_PIXELS");
	expect_missing("outside folder", "x ![o](../../../Makefile)\n", NULL, 1, 3,
	               "outside the article's folder; refused (--allow-outside-assets allows it; "
	               "--resource-path DIR finds site-root paths");
	expect_missing("site-root path", "![o](/etc/passwd)\n", NULL, 1, 1,
	               "site-root path; refused (--resource-path DIR finds it as DIR/etc/passwd; "
	               "--allow-outside-assets allows any path)");
	expect_missing("image in a link", "[![o](img/nope.png)](https://x)\n", NULL, 1, 2, "not found");

	outside.allow_outside_assets = true;
	T_EQ_INT(read_md(&doc, "![o](../read/img/rgb.png)\n", &outside, &err), 0, "inside via ..: read");
	galley_doc_free(doc);
	galley_error_clear(&err);
	doc = galley_doc_new();
	T_EQ_INT(galley_read_buffer(doc, NULL, "t.md", DATA "/img", "![o](../../../../Makefile)\n", 27, &outside, &err),
	         0, "allowed outside: the file is read (and is no image)");
	T_EQ_INT(count_warnings_with(doc, "not a PNG"), 1, "allowed outside: refused for its type only");
	galley_doc_free(doc);
}

/* The asset of the first inline image of the first block (a figure or a
 * paragraph), or NULL. */
static const galley_asset *first_asset(galley_doc *doc)
{
	galley_block *b = first_article(doc) ? first_article(doc)->blocks : NULL;
	for (galley_inline *in = b ? b->inlines : NULL; in != NULL; in = in->next)
		if (in->type == GALLEY_IMAGE)
			return in->asset;
	return NULL;
}

/* Whether the first `n` bytes of a kept SVG contain `s`. */
static bool has_bytes(const galley_asset *a, const char *s)
{
	size_t n = strlen(s);
	if (a == NULL || a->bytes == NULL)
		return false;
	for (size_t i = 0; i + n <= a->size; i++)
		if (memcmp(a->bytes + i, s, n) == 0)
			return true;
	return false;
}

static void test_image_formats(void)
{
	galley_doc *doc;
	galley_error err;
	const galley_asset *a;
	static const unsigned char png_magic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

	T_EQ_INT(read_md(&doc, "![g](img/anim.gif)\n", NULL, &err), 0, "gif: read");
	a = first_asset(doc);
	T_CHECK(a && strcmp(a->media_type, "image/gif") == 0 && a->width == 4 && a->height == 3 &&
	        a->channels == 3 && a->alpha != NULL, "gif: the logical screen, RGB and alpha");
	/* first frame: 2x2 at (1,0), colours 1 2 / 0 1, colour 0 transparent */
	T_CHECK(a && a->alpha && a->alpha[0] == 0 && a->alpha[1] == 255 && a->alpha[2] == 255 &&
	        a->alpha[5] == 0 && a->alpha[6] == 255 && a->alpha[3] == 0, "gif: first frame only, placed, transparent");
	T_CHECK(a && a->pixels && a->pixels[3] == 255 && a->pixels[4] == 0 && a->pixels[6 + 2] == 255 &&
	        a->pixels[18] == 255, "gif: the frame's colours");
	T_CHECK(a && a->fallback == NULL, "gif: no fallback (a core media type)");
	galley_doc_free(doc);

	T_EQ_INT(read_md(&doc, "![g](img/interlaced.gif)\n", NULL, &err), 0, "interlaced gif: read");
	a = first_asset(doc);
	T_CHECK(a && a->height == 8 && a->alpha == NULL && a->pixels &&
	        a->pixels[1 * 3] == 255 && a->pixels[2 * 3 + 2] == 255 && a->pixels[3 * 3 + 1] == 255 &&
	        a->pixels[5 * 3] == 255 && a->pixels[6 * 3 + 2] == 255 && a->pixels[7 * 3 + 1] == 255,
	        "interlaced gif: rows in their places");
	galley_doc_free(doc);

	T_EQ_INT(read_md(&doc, "![w](img/lossy.webp)\n", NULL, &err), 0, "lossy webp: read");
	a = first_asset(doc);
	T_CHECK(a && strcmp(a->media_type, "image/webp") == 0 && a->width == 8 && a->height == 4 &&
	        a->channels == 3 && a->alpha == NULL && a->pixels, "lossy webp: decoded, opaque");
	T_CHECK(a && a->fallback && a->fallback_size > 8 && memcmp(a->fallback, png_magic, 8) == 0,
	        "webp: a PNG fallback for the EPUB");
	galley_doc_free(doc);

	T_EQ_INT(read_md(&doc, "![w](img/alpha.webp)\n", NULL, &err), 0, "webp with alpha: read");
	a = first_asset(doc);
	T_CHECK(a && a->alpha && a->alpha[0] > 100 && a->alpha[0] < 160 && a->alpha[3] == 0 &&
	        a->pixels[0] > 200, "webp with alpha: half-transparent red, then nothing");
	galley_doc_free(doc);

	T_EQ_INT(read_md(&doc, "![w](img/anim.webp)\n", NULL, &err), 0, "animated webp: read");
	a = first_asset(doc);
	T_CHECK(a && a->width == 6 && a->height == 4 && a->pixels && a->pixels[0] > 200 && a->pixels[2] < 60,
	        "animated webp: its first frame (red)");
	galley_doc_free(doc);

	T_EQ_INT(read_md(&doc, "![c](img/cmyk.jpg)\n", NULL, &err), 0, "cmyk jpeg: read");
	a = first_asset(doc);
	T_CHECK(a && a->channels == 4 && a->inverted, "cmyk jpeg with an Adobe marker: inverted");
	galley_doc_free(doc);
	T_EQ_INT(read_md(&doc, "![c](img/cmyk-plain.jpg)\n", NULL, &err), 0, "plain cmyk jpeg: read");
	a = first_asset(doc);
	T_CHECK(a && a->channels == 4 && !a->inverted, "cmyk jpeg without an Adobe marker: plain");
	galley_doc_free(doc);
	T_EQ_INT(read_md(&doc, "![j](img/gray.jpg)\n", NULL, &err), 0, "gray jpeg: read");
	T_CHECK(first_asset(doc) && !first_asset(doc)->inverted, "gray jpeg: not inverted");
	galley_doc_free(doc);

	T_EQ_INT(read_md(&doc, "![s](img/text.svg)\n", NULL, &err), 0, "svg: read");
	a = first_asset(doc);
	T_CHECK(a && strcmp(a->media_type, "image/svg+xml") == 0 && a->width == 200 && a->height == 100 &&
	        a->pixels == NULL, "svg: measured in CSS pixels, not decoded");
	T_CHECK(a && a->size == 235 && has_bytes(a, "Sharp text"), "svg: a clean file is kept as it is");
	T_EQ_INT((int)galley_doc_ndiags(doc), 0, "svg: a clean file gives no warning");
	galley_doc_free(doc);

	T_EQ_INT(read_md(&doc, "![s](img/gradient.svg)\n", NULL, &err), 0, "svg by viewBox: read");
	a = first_asset(doc);
	T_CHECK(a && a->width == 300 && a->height == 150, "svg: sized by its viewBox");
	galley_doc_free(doc);

	T_EQ_INT(read_md(&doc, "![s](img/unsafe.svg)\n", NULL, &err), 0, "unsafe svg: read");
	a = first_asset(doc);
	T_CHECK(a && !has_bytes(a, "script") && !has_bytes(a, "alert") && !has_bytes(a, "onload") &&
	        !has_bytes(a, "onclick") && !has_bytes(a, "foreignObject") && !has_bytes(a, "<set"),
	        "unsafe svg: no scripts, event attributes, foreign objects or animations of links");
	T_CHECK(a && !has_bytes(a, "example.com") && !has_bytes(a, "rgb.png") && !has_bytes(a, "@import") &&
	        !has_bytes(a, "xml-stylesheet") && !has_bytes(a, "DOCTYPE") && !has_bytes(a, "<a "),
	        "unsafe svg: no external references, stylesheet, DOCTYPE or link");
	T_CHECK(a && has_bytes(a, "href=\"#keep\"") && has_bytes(a, "id=\"linked\"") &&
	        has_bytes(a, "rect { fill: red }") == false, "unsafe svg: what is safe stays");
	T_EQ_INT(count_warnings_with(doc, "SVG image 'img/unsafe.svg' sanitised: removed"), 1,
	         "unsafe svg: one warning says what was removed");
	galley_doc_free(doc);

	T_EQ_INT(read_md(&doc, "![s](img/entity.svg)\n", NULL, &err), 0, "svg with an entity: read");
	a = first_asset(doc);
	T_CHECK(a && has_bytes(a, "fill=\"#0a0\"") && !has_bytes(a, "ENTITY"),
	        "svg with an internal entity: expanded, declaration gone");
	galley_doc_free(doc);

	expect_missing("svg with an external entity", "![x](img/xxe.svg)\n", NULL, 1, 1,
	               "external or parameter entity ('secret')");
	expect_missing("xml that is no svg", "![x](img/page.svg)\n", NULL, 1, 1, "root is <html>");
}

static void test_image_paths(void)
{
	galley_doc *doc;
	galley_error err;
	galley_read_options rp = GALLEY_READ_OPTIONS_INIT;
	galley_read_options v1;
	unsigned char raw[sizeof v1];
	size_t tail = sizeof v1 - offsetof(galley_read_options, resource_path), i;
	bool untouched = true;

	rp.resource_path = "tests/data/nowhere:" DATA;
	T_EQ_INT(read_md(&doc, "![s](/img/rgb.png)\n", &rp, &err), 0, "resource path: read");
	T_CHECK(first_asset(doc) && first_asset(doc)->width == 3, "site-root path found in the resource path");
	galley_doc_free(doc);

	rp.resource_path = DATA "/img";
	T_EQ_INT(read_md(&doc, "![s](palette.png)\n", &rp, &err), 0, "resource path, relative: read");
	T_CHECK(first_asset(doc) && first_asset(doc)->width == 2,
	        "a relative path not beside the article is found in the resource path");
	galley_doc_free(doc);

	expect_missing("site-root path not in the resource path", "![s](/img/none.png)\n", &rp, 1, 1,
	               "not found in the resource path (" DATA "/img)");
	expect_missing("site-root path leaving the resource path", "![s](/../make_images.py)\n", &rp, 1, 1,
	               "leads outside the resource path");

	/* every problem of a file, each at its position, in one read */
	T_EQ_INT(read_md(&doc, "![a](img/none1.png)\n\nText ![b](img/notimage.png) and\n![c](/x.png).\n",
	                 NULL, &err), 0, "three bad images: the article is read");
	T_EQ_INT(galley_doc_narticles(doc), 1, "three bad images: one article");
	T_EQ_INT((int)galley_doc_ndiags(doc), 3, "three bad images: three warnings");
	T_CHECK(galley_doc_ndiags(doc) == 3 && galley_doc_diag(doc, 0)->pos.line == 1 &&
	        galley_doc_diag(doc, 1)->pos.line == 3 && galley_doc_diag(doc, 1)->pos.column == 6 &&
	        galley_doc_diag(doc, 2)->pos.line == 4 && galley_doc_diag(doc, 2)->pos.column == 1,
	        "three bad images: each at its line and column");
	galley_doc_free(doc);

	/* options of version 1 end before resource_path: init writes only
	 * what version 1 has */
	memset(&v1, 0xAB, sizeof v1);
	T_EQ_INT(galley_read_options_init(&v1, 1), 0, "read options version 1: init");
	memcpy(raw, &v1, sizeof v1);
	for (i = sizeof v1 - tail; i < sizeof v1; i++)
		untouched = untouched && raw[i] == 0xAB;
	T_CHECK(untouched && v1.version == 1, "read options version 1: nothing written past its end");
	T_EQ_INT(read_md(&doc, "![s](img/rgb.png)\n", &v1, &err), 0, "read options version 1: usable");
	galley_doc_free(doc);
}

/* ---- limits and paths ------------------------------------------------------ */

static char *repeat(const char *unit, size_t n, const char *tail)
{
	size_t u = strlen(unit), t = strlen(tail), i;
	char *s = malloc(u * n + t + 1);
	if (s == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		memcpy(s + i * u, unit, u);
	memcpy(s + n * u, tail, t + 1);
	return s;
}

static void test_limits(void)
{
	galley_doc *doc;
	galley_error err;
	char *s, *open_, *close_;

	s = repeat(">", 5000, " deep\n");
	T_EQ_INT(read_md(&doc, s, NULL, &err), GALLEY_ELIMIT, "5000 nested quotes: limit error");
	T_CHECK(strstr(err.message, "GALLEY_MAX_NESTING") != NULL, "nesting error names the limit");
	galley_doc_free(doc);
	free(s);

	s = repeat(">", 50, " fine\n");
	T_EQ_INT(read_md(&doc, s, NULL, &err), 0, "50 nested quotes read");
	galley_doc_free(doc);
	free(s);

	{
		size_t i, n = 2000;
		char *l = malloc(n * (n + 4) + 1), *p = l;
		for (i = 0; i < n; i++) {
			memset(p, ' ', i * 2);
			p += i * 2;
			memcpy(p, "- x\n", 4);
			p += 4;
		}
		*p = '\0';
		T_EQ_INT(read_md(&doc, l, NULL, &err), GALLEY_ELIMIT, "2000 nested lists: limit error");
		galley_doc_free(doc);
		free(l);
	}

	open_ = repeat("*a _b ", 150, "c");
	close_ = repeat(" d_ e*", 150, "\n");
	s = malloc(strlen(open_) + strlen(close_) + 1);
	strcpy(s, open_);
	strcat(s, close_);
	T_EQ_INT(read_md(&doc, s, NULL, &err), GALLEY_ELIMIT, "300 nested emphases: limit error");
	galley_doc_free(doc);
	free(s);
	free(open_);
	free(close_);

	s = repeat("w", 100000, "\n");
	T_EQ_INT(read_md(&doc, s, NULL, &err), 0, "100,000-character word");
	T_EQ_INT(first_article(doc)->blocks->inlines->len, 100000, "long word kept whole");
	galley_doc_free(doc);
	free(s);
}

static void test_paths(void)
{
	galley_doc *doc = galley_doc_new();
	galley_error err = GALLEY_ERROR_INIT;
	char tmpl[] = "/tmp/galley-read-XXXXXX";
	size_t i;

	T_EQ_INT(galley_read_path(doc, NULL, DATA "/golden", NULL, &err), 0, "folder: read");
	T_CHECK(galley_doc_finish(doc, &err) == 0 && galley_doc_check(doc, &err) == 0, "folder: check");
	T_CHECK(galley_doc_narticles(doc) >= 2, "folder: several articles");
	for (i = 1; i < galley_doc_narticles(doc); i++)
		T_CHECK(strcmp(galley_doc_article(doc, i - 1)->path, galley_doc_article(doc, i)->path) < 0,
		        "folder: sorted by name");
	galley_doc_free(doc);

	doc = galley_doc_new();
	galley_error_clear(&err);
	T_CHECK(mkdtemp(tmpl) != NULL, "temporary folder");
	T_EQ_INT(galley_read_path(doc, NULL, tmpl, NULL, &err), GALLEY_EEMPTY, "empty folder is an error");
	rmdir(tmpl);
	galley_error_clear(&err);
	T_EQ_INT(galley_read_path(doc, NULL, DATA "/nonexistent.md", NULL, &err), GALLEY_EIO, "missing file");
	galley_error_clear(&err);
	T_EQ_INT(galley_read_file(doc, NULL, DATA "/golden/basic.md", NULL, &err), 0, "read_file");
	T_CHECK(galley_doc_finish(doc, &err) == 0 && galley_doc_narticles(doc) == 1, "read_file adds one article");
	galley_doc_free(doc);
}

/* ---- links between articles -------------------------------------------------- */

/* The n-th link (from 0) of an article's first paragraph after its
 * heading. */
static const galley_inline *nth_link(const galley_article *a, int n)
{
	for (const galley_block *b = a->blocks; b != NULL; b = b->next)
		for (const galley_inline *in = b->type == GALLEY_PARAGRAPH ? b->inlines : NULL; in; in = in->next)
			if (in->type == GALLEY_LINK && n-- == 0)
				return in;
	return NULL;
}

static void test_links_between(void)
{
	static const char first[] =
		"---\ntitle: First\n---\n## Intro\n\n"
		"[0](2019-04-26-second.md#Part_Two) [1](../blog/2019-04-26-second.md) "
		"[2](/2019/04/26/second/) [3](/2018/04/second/) [4](#intro) [5](#) "
		"[6](missing.md) [7](#nope) [8](https://example.org/) "
		"[9]({% post_url 2019-04-26-second %}) [10](../notes/bundle/) [11](second.md#nope)\n";
	static const char second[] = "---\ntitle: Second\n---\n## Part two\n\nText.\n";
	static const char bundle[] = "---\ntitle: Bundle\n---\nText.\n";
	galley_doc *doc = galley_doc_new();
	galley_error err = GALLEY_ERROR_INIT;
	const galley_article *a, *b, *c;
	const galley_inline *l;
	size_t warnings;

	T_EQ_INT(galley_read_buffer(doc, NULL, "blog/2019-04-25-first.md", NULL, first, strlen(first), NULL, &err),
	         0, "links: first reads");
	T_EQ_INT(galley_read_buffer(doc, NULL, "blog/2019-04-26-second.md", NULL, second, strlen(second), NULL,
	                            &err), 0, "links: second reads");
	T_EQ_INT(galley_read_buffer(doc, NULL, "notes/bundle/index.md", NULL, bundle, strlen(bundle), NULL, &err),
	         0, "links: bundle reads");
	warnings = galley_doc_ndiags(doc);
	T_EQ_INT(galley_doc_finish(doc, &err), 0, "links: finish");
	T_EQ_INT(galley_doc_check(doc, &err), 0, "links: check");
	a = galley_doc_article(doc, 0);
	b = galley_doc_article(doc, 1);
	c = galley_doc_article(doc, 2);
	T_EQ_INT(b->meta.date.day, 26, "links: a Jekyll file name gives the date");
	l = nth_link(a, 0);
	T_CHECK(l && l->target == b && l->anchor && strcmp(l->anchor, "part-two") == 0,
	        "links: other.md#fragment, the fragment compared as a slug");
	l = nth_link(a, 1);
	T_CHECK(l && l->target == b && l->anchor == NULL, "links: ../folder/other.md");
	l = nth_link(a, 2);
	T_CHECK(l && l->target == b, "links: a site address with a date that agrees");
	l = nth_link(a, 3);
	T_CHECK(l && l->target == NULL, "links: a site address whose date disagrees points at nothing");
	l = nth_link(a, 4);
	T_CHECK(l && l->target == a && l->anchor && strcmp(l->anchor, "intro") == 0, "links: #heading");
	l = nth_link(a, 5);
	T_CHECK(l && l->target == a && l->anchor == NULL, "links: # is the article's start");
	T_CHECK((l = nth_link(a, 6)) && l->target == NULL, "links: missing.md points at nothing");
	T_CHECK((l = nth_link(a, 7)) && l->target == NULL, "links: #nope points at nothing");
	T_CHECK((l = nth_link(a, 8)) && l->target == NULL, "links: an external link stays external");
	T_CHECK((l = nth_link(a, 9)) && l->target == b, "links: Jekyll's post_url");
	T_CHECK((l = nth_link(a, 10)) && l->target == c, "links: a page bundle's folder");
	T_CHECK((l = nth_link(a, 11)) && l->target == b && l->anchor == NULL,
	        "links: an unknown fragment of another article goes to its start");
	T_EQ_INT(galley_doc_ndiags(doc) - warnings, 4,
	         "links: a warning for each dead link and unknown fragment (3, 6, 7, 11), none for "
	         "the post_url tag, which is evaluated");
	warnings = galley_doc_ndiags(doc);
	T_EQ_INT(galley_doc_finish(doc, &err), 0, "links: finish again");
	T_EQ_INT(galley_doc_ndiags(doc), warnings, "links: a second finish warns no more");
	galley_doc_free(doc);
}

/* ---- golden dumps ---------------------------------------------------------- */

typedef struct sink {
	char *data;
	size_t len, cap;
} sink;

static int sink_write(void *ctx, const char *bytes, size_t len)
{
	sink *s = ctx;
	if (s->len + len + 1 > s->cap) {
		size_t cap = (s->len + len + 1) * 2;
		char *p = realloc(s->data, cap);
		if (p == NULL)
			return -1;
		s->data = p;
		s->cap = cap;
	}
	memcpy(s->data + s->len, bytes, len);
	s->len += len;
	s->data[s->len] = '\0';
	return 0;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	sink s = {NULL, 0, 0};
	char buf[4096];
	size_t n;
	if (f == NULL)
		return NULL;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		if (sink_write(&s, buf, n) != 0)
			break;
	fclose(f);
	return s.data ? s.data : calloc(1, 1);
}

/* Whether the file at `path` exists. */
static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Compares the dump of each golden NAME.md with NAME.json; with `update`
 * (make golden) writes NAME.json first.  A NAME.json without its NAME.md
 * fails too: an expectation nothing checks. */
static void test_golden(bool update)
{
	const char *dir = DATA "/golden";
	DIR *d = opendir(dir);
	struct dirent *ent;
	int count = 0;

	T_CHECK(d != NULL, "golden folder");
	while (d != NULL && (ent = readdir(d)) != NULL) {
		size_t n = strlen(ent->d_name);
		char md[512], json[512], label[1100];
		galley_doc *doc;
		galley_error err = GALLEY_ERROR_INIT;
		sink out = {NULL, 0, 0};
		char *expected;

		if (n > 5 && strcmp(ent->d_name + n - 5, ".json") == 0) {
			snprintf(md, sizeof md, "%s/%.*s.md", dir, (int)(n - 5), ent->d_name);
			snprintf(label, sizeof label, "golden: %s/%s has its %s", dir, ent->d_name, md);
			T_CHECK(exists(md), label);
			continue;
		}
		if (n < 4 || strcmp(ent->d_name + n - 3, ".md") != 0)
			continue;
		snprintf(md, sizeof md, "%s/%s", dir, ent->d_name);
		snprintf(json, sizeof json, "%s/%.*s.json", dir, (int)(n - 3), ent->d_name);
		doc = galley_doc_new();
		T_EQ_INT(galley_read_file(doc, NULL, md, NULL, &err), 0, md);
		if (err.code)
			printf("# %s:%u:%u: %s\n", err.file, (unsigned)err.line, (unsigned)err.column, err.message);
		T_CHECK(galley_doc_finish(doc, &err) == 0 && galley_doc_check(doc, &err) == 0, "golden: check");
		T_EQ_INT(galley_doc_dump_json(doc, sink_write, &out, &err), 0, "golden: dump");
		if (update) {
			FILE *f = fopen(json, "wb");
			bool written = f != NULL && out.data != NULL && fwrite(out.data, 1, out.len, f) == out.len;
			if (f != NULL && fclose(f) != 0)
				written = false;
			snprintf(label, sizeof label, "golden: --update writes %s", json);
			T_CHECK(written, label);
		}
		expected = slurp(json);
		snprintf(label, sizeof label, "golden: %s exists (make golden writes it)", json);
		T_CHECK(expected != NULL, label);
		snprintf(label, sizeof label, "golden: %s matches %s", md, json);
		T_CHECK(expected != NULL && out.data != NULL && strcmp(expected, out.data) == 0, label);
		free(expected);
		free(out.data);
		galley_doc_free(doc);
		count++;
	}
	if (d != NULL)
		closedir(d);
	T_CHECK(count >= 2, "golden: cases found");
}

/* ---- parsing ahead ---------------------------------------------------------- */

/* The JSON dump, messages and outcome of reading `paths` one by one with
 * `opts` (its ahead set up by the caller or not), as one string. */
static char *read_list(const char *const *paths, size_t n, const galley_read_options *opts)
{
	galley_doc *doc = galley_doc_new();
	galley_error err = GALLEY_ERROR_INIT;
	sink out = {NULL, 0, 0};
	char line[GALLEY_ERROR_FILE_MAX + GALLEY_ERROR_MESSAGE_MAX + 64];

	for (size_t i = 0; i < n; i++) {
		galley_error_clear(&err);
		int rc = galley_read_file(doc, NULL, paths[i], opts, &err);
		snprintf(line, sizeof line, "[%zu rc=%d %s:%u:%u %s]\n", i, rc,
		         err.file, (unsigned)err.line, (unsigned)err.column, err.message);
		sink_write(&out, line, strlen(line));
	}
	for (size_t i = 0; i < galley_doc_ndiags(doc); i++) {
		const galley_diag *d = galley_doc_diag(doc, i);
		snprintf(line, sizeof line, "{%s:%u:%u %s}\n", d->pos.file, d->pos.line, d->pos.column, d->message);
		sink_write(&out, line, strlen(line));
	}
	galley_error_clear(&err);
	if (galley_doc_finish(doc, &err) == 0)
		galley_doc_dump_json(doc, sink_write, &out, &err);
	galley_doc_free(doc);
	return out.data;
}

static void test_ahead(void)
{
	char tmpl[] = "/tmp/galley-ahead-XXXXXX", path[16][256];
	const char *bodies[] = {
		"---\ntitle: One\n---\nFirst *article* with a [link](https://example.com).\n",
		"# Two\n\nNo front matter, a list:\n\n- a\n- b\n",
		"---\ntitle: Bad\n", /* front matter never closed: an error */
		"---\ntitle: Ctl\n---\nA control \x01 character: a warning.\n",
		"---\ntitle: Utf\n---\nInvalid \xff UTF-8.\n",
		"---\ntitle: Six\ndate: 2026-01-02\n---\n\"Quotes\" -- and dashes.\n",
		/* images are left to the reader: a missing one is an error, a
		 * remote one a warning, as in a plain read */
		"---\ntitle: Img\n---\nSee ![a chart](chart.png).\n",
		"---\ntitle: Remote\n---\nSee ![a map](https://example.com/map.png).\n",
		/* a warning while mapping, and one when the article is added */
		"---\ntitle: Html\n---\n<div>raw</div>\n\n<script>x()</script>\n\nText after it.\n",
		"---\ntitle: Empty\n---\n",
		"---\ntitle: Last\nauthors: [Ana, Bo]\n---\n## A heading\n\n> A quote.\n",
	};
	const char *list[16];
	size_t n = sizeof bodies / sizeof bodies[0];
	galley_read_options plain = GALLEY_READ_OPTIONS_INIT, ahead = GALLEY_READ_OPTIONS_INIT;
	char *want, *got;

	T_CHECK(mkdtemp(tmpl) != NULL, "ahead: temporary folder");
	for (size_t i = 0; i < n; i++) {
		FILE *f;
		snprintf(path[i], sizeof path[i], "%s/a%zu.md", tmpl, i);
		f = fopen(path[i], "wb");
		if (f) {
			fputs(bodies[i], f);
			fclose(f);
		}
		list[i] = path[i];
	}
	snprintf(path[n], sizeof path[n], "%s/missing.md", tmpl);
	list[n] = path[n];
	n++;
	plain.jobs = 1;
	want = read_list(list, n, &plain);

	ahead.jobs = 3;
	ahead.ahead = galley_read_ahead_new(list, n, &ahead);
	T_CHECK(ahead.ahead != NULL, "ahead: workers start");
	got = read_list(list, n, &ahead);
	galley_read_ahead_free(ahead.ahead);
	T_CHECK(want && got && strcmp(want, got) == 0,
	        "ahead: same articles, warnings and errors as a plain read");
	T_CHECK(want && strstr(want, "never closed") && strstr(want, "control") && strstr(want, "missing.md"),
	        "ahead: the list has an error, a warning and a missing file");
	T_CHECK(want && strstr(want, "chart.png") && strstr(want, "remote image") && strstr(want, "HTML") &&
	        strstr(want, "no text") && strstr(want, "A heading"),
	        "ahead: the list has images, mapping and adding warnings, and clean articles");
	free(got);

	/* read in another order than listed: every file is read plainly */
	ahead.ahead = galley_read_ahead_new(list + 1, n - 1, &ahead);
	got = read_list(list, n, &ahead);
	galley_read_ahead_free(ahead.ahead);
	T_CHECK(want && got && strcmp(want, got) == 0, "ahead: a list read out of order gives the same");
	free(got);
	free(want);

	ahead.ahead = NULL;
	T_CHECK(galley_read_ahead_new(list, 1, &ahead) == NULL, "ahead: one file, no threads");
	T_CHECK(galley_read_ahead_new(list, n, &plain) == NULL, "ahead: jobs 1, no threads");
	galley_read_ahead_free(NULL);
	for (size_t i = 0; i + 1 < n; i++)
		remove(path[i]);
	rmdir(tmpl);
}

/* With --update (make golden), the golden dumps are rewritten from what
 * the reader makes now; without it, they are only compared. */
int main(int argc, char **argv)
{
	bool update = argc == 2 && strcmp(argv[1], "--update") == 0;

	if (argc > 1 && !update) {
		printf("not ok - usage: %s [--update]\n", argv[0]);
		return 1;
	}
	if (chdir(GALLEY_SRCDIR) != 0) {
		printf("not ok - cannot enter the source folder\n");
		return 1;
	}
	test_yaml();
	test_yaml_errors();
	test_normalize();
	test_toml();
	test_blocks();
	test_links_html();
	test_images();
	test_image_formats();
	test_image_paths();
	test_limits();
	test_paths();
	test_links_between();
	test_golden(update);
	test_ahead();
	return t_done();
}
