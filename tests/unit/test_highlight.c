/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_highlight.c: syntax highlighting through the Source-highlight
 * module (src/base/highlight.c, src/highlight/srchilite.cc): ten
 * languages get their keywords, strings and comments found where they
 * are; an unknown language, no language and an empty block stay plain.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/highlight.h"
#include "epub/hlcss.h"
#include "typeset/theme.h"
#include "t.h"

/* The class of the token that covers `word` (its first occurrence) in
 * `code`, GALLEY_HL_PLAIN when none covers all of it. */
static int class_of(const char *code, const galley_hl_span *s, size_t n, const char *word)
{
	const char *at = strstr(code, word);
	size_t a, b;

	if (at == NULL)
		return -1;
	a = (size_t)(at - code);
	b = a + strlen(word);
	for (size_t i = 0; i < n; i++)
		if (s[i].start <= a && b <= s[i].end)
			return (int)s[i].cls;
	return GALLEY_HL_PLAIN;
}

struct lang_case {
	const char *info;
	const char *code;
	const char *keyword;  /* a word that must be a keyword (or preproc) */
	const char *string;   /* ... a string */
	const char *comment;  /* ... a comment */
};

static const struct lang_case langs[] = {
	{"c", "#include <stdio.h>\nint main(void) {\n\t/* greet */\n\treturn puts(\"hi\");\n}\n",
	 "return", "\"hi\"", "/* greet */"},
	{"python", "import os\ndef f(x):\n    # twice\n    return 'a' * x\n", "def", "'a'", "# twice"},
	{"js", "const s = \"x\"; // note\nfunction g() { return s; }\n", "function", "\"x\"", "// note"},
	{"go", "package main\n// entry\nfunc main() { println(\"go\") }\n", "func", "\"go\"", "// entry"},
	{"rust", "fn main() {\n    // say\n    let s = \"rs\";\n}\n", "let", "\"rs\"", "// say"},
	{"java", "class A {\n  /** doc */\n  String s = \"j\";\n  public void m() {}\n}\n", "public", "\"j\"",
	 "/** doc */"},
	{"sh", "# setup\nif [ -f x ]; then echo \"ok\"; fi\n", "then", "\"ok\"", "# setup"},
	{"sql", "-- rows\nSELECT name FROM t WHERE id = 'k';\n", "SELECT", "'k'", "-- rows"},
	{"ruby", "# greet\ndef hi\n  puts \"rb\"\nend\n", "def", "\"rb\"", "# greet"},
	{"php", "<?php\n// say\nfunction f() { return 'p'; }\n", "function", "'p'", "// say"},
};

static void test_languages(void)
{
	for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
		const struct lang_case *c = &langs[i];
		galley_hl_span *s = NULL;
		size_t n = 0;
		char name[128];
		int rc = galley_highlight(c->info, c->code, strlen(c->code), &s, &n);
		int k = class_of(c->code, s, n, c->keyword);

		snprintf(name, sizeof name, "%s: highlighted", c->info);
		T_EQ_INT(rc, 1, name);
		snprintf(name, sizeof name, "%s: '%s' is a keyword", c->info, c->keyword);
		T_CHECK(k == GALLEY_HL_KEYWORD || k == GALLEY_HL_PREPROC, name);
		snprintf(name, sizeof name, "%s: %s is a string", c->info, c->string);
		T_EQ_INT(class_of(c->code, s, n, c->string), GALLEY_HL_STRING, name);
		snprintf(name, sizeof name, "%s: %s is a comment", c->info, c->comment);
		T_EQ_INT(class_of(c->code, s, n, c->comment), GALLEY_HL_COMMENT, name);
		/* spans in order, inside the code, none empty, none plain */
		{
			bool ok = true;
			for (size_t j = 0; j < n; j++)
				if (s[j].start >= s[j].end || s[j].end > strlen(c->code) ||
				    (j > 0 && s[j].start < s[j - 1].end) || s[j].cls == GALLEY_HL_PLAIN ||
				    s[j].cls >= GALLEY_HL_NCLASSES)
					ok = false;
			snprintf(name, sizeof name, "%s: spans ordered, inside, not plain", c->info);
			T_CHECK(ok, name);
		}
		free(s);
	}
}

static void test_plain(void)
{
	galley_hl_span *s = (galley_hl_span *)&s;
	size_t n = 7;
	char lang[8];

	T_EQ_INT(galley_highlight("no-such-language", "x = 1\n", 6, &s, &n), 0, "an unknown language stays plain");
	T_CHECK(s == NULL && n == 0, "... with no spans");
	T_EQ_INT(galley_highlight(NULL, "x = 1\n", 6, &s, &n), 0, "no info string stays plain");
	T_EQ_INT(galley_highlight("", "x = 1\n", 6, &s, &n), 0, "an empty info string stays plain");
	T_EQ_INT(galley_highlight("c", "", 0, &s, &n), 0, "an empty block stays plain");
	T_EQ_INT(galley_highlight_language("Python title=\"a.py\"", lang, sizeof lang), 6,
	         "the language is the info string's first word");
	T_EQ_STR(lang, "python", "... lowercased");
	T_EQ_INT(galley_highlight_language("averyveryverylongname", lang, sizeof lang), 0,
	         "a name longer than the buffer is none");
	T_CHECK(galley_highlight_unavailable() == NULL, "the module loads");
}

/* A comment that spans lines keeps its class on the next line. */
static void test_state_across_lines(void)
{
	const char *code = "int a; /* one\ntwo */ int b;\n";
	galley_hl_span *s = NULL;
	size_t n = 0;

	T_EQ_INT(galley_highlight("c", code, strlen(code), &s, &n), 1, "c across lines");
	T_EQ_INT(class_of(code, s, n, "two */"), GALLEY_HL_COMMENT, "a comment's second line is a comment");
	T_CHECK(class_of(code, s, n, "int b") != GALLEY_HL_COMMENT, "code after it is not");
	free(s);
}

/* WCAG 2.1 relative luminance and contrast ratio of 0xRRGGBB colours. */
static double luminance(uint32_t rgb)
{
	double l = 0, w[3] = {0.2126, 0.7152, 0.0722};
	for (int i = 0; i < 3; i++) {
		double c = ((rgb >> (16 - 8 * i)) & 0xFF) / 255.0;
		l += w[i] * (c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4));
	}
	return l;
}

static double contrast(uint32_t a, uint32_t b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* Every token colour of the EPUB reads at WCAG AA (4.5:1) on the light
 * page and the code tint, and its dark-theme colour on backgrounds from
 * black to #333333; the PDF's on its code tint. */
static void test_contrast(void)
{
	static const uint32_t light[] = {0xFFFFFFu, 0xF3F3F0u};
	static const uint32_t dark[] = {0x000000u, 0x121212u, 0x1E1E1Eu, 0x2B2B2Bu, 0x333333u};
	const galley_theme *th = &galley_theme_default;
	char name[96];

	T_CHECK(galley_epub_hl_nstyles == GALLEY_HL_NCLASSES - 1, "a style for every class but plain");
	for (size_t i = 0; i < galley_epub_hl_nstyles; i++) {
		const galley_epub_hl_style *st = &galley_epub_hl_styles[i];
		double lo = 100, dlo = 100;
		for (size_t k = 0; k < sizeof light / sizeof light[0]; k++)
			lo = fmin(lo, contrast(st->light, light[k]));
		for (size_t k = 0; k < sizeof dark / sizeof dark[0]; k++)
			dlo = fmin(dlo, contrast(st->dark, dark[k]));
		snprintf(name, sizeof name, "epub %s: light contrast %.2f >= 4.5", st->cls, lo);
		T_CHECK(lo >= 4.5, name);
		snprintf(name, sizeof name, "epub %s: dark contrast %.2f >= 4.5", st->cls, dlo);
		T_CHECK(dlo >= 4.5, name);
	}
	for (int c = 0; c < GALLEY_HL_NCLASSES; c++) {
		double r = contrast(th->highlight.color[c], th->color.tint);
		snprintf(name, sizeof name, "pdf class %d: contrast on the tint %.2f >= 4.5", c, r);
		T_CHECK(r >= 4.5, name);
	}
	T_CHECK(th->highlight.bold[GALLEY_HL_KEYWORD], "pdf: keywords are bold (they read in black and white)");
}

int main(void)
{
	test_contrast();
	test_languages();
	test_plain();
	test_state_across_lines();
	return t_done();
}
