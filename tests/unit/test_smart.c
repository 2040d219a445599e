/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_smart.c: typographic punctuation of display strings
 * (src/model/smart.c) against cmark-gfm's smart option on the same text,
 * and galley_doc_finish giving it to titles, bylines, captions and
 * section titles.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "galley.h"
#include "model/smart.h"
#include "t.h"

/* The text cmark-gfm makes of `s` as a paragraph with smart punctuation:
 * its text nodes, concatenated.  malloc'ed. */
static char *cmark_smart(const char *s)
{
	cmark_node *root = cmark_parse_document(s, strlen(s), CMARK_OPT_SMART);
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	size_t n = 0;
	char *out = malloc(strlen(s) * 3 + 1);

	out[0] = '\0';
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_TEXT) {
			const char *lit = cmark_node_get_literal(node);
			memcpy(out + n, lit, strlen(lit) + 1);
			n += strlen(lit);
		}
	}
	cmark_iter_free(it);
	cmark_node_free(root);
	return out;
}

static char *ours(const char *s)
{
	char *out = malloc(GALLEY_SMART_ROOM(strlen(s)));
	galley_smart_punct(s, strlen(s), out);
	return out;
}

/* Display strings as front matter has them: apostrophes, nested and
 * unbalanced quotes, quotes beside punctuation and brackets, dashes of
 * every length, ellipses, and text in other scripts. */
static const char *const cases[] = {
	"Ship's Manifests",
	"Maren Lykke's 'Cargo'",
	"\"Cargo\" and 'ballast'",
	"The \"Long\" Read: What We Kept",
	"'Tis the season, isn't it?",
	"He said \"she said 'no' twice\" -- then left",
	"Rock 'n' roll in the '90s",
	"\"Quoted,\" she said.",
	"'Single, then \"double\"'",
	"An open \"quote that never closes",
	"A closing quote\" with no opener",
	"(\"In brackets\") and ['square']",
	"foo\"bar\"baz",
	"5'10\" tall",
	"Dashes: a-b a--b a---b a----b a-----b a------b a-------b",
	"-- leading and trailing --",
	"Wait... what.... and..",
	"\"...and then\"",
	"Caf\xC3\xA9 \"cr\xC3\xA8me\" \xE2\x80\x94 d\xC3\xA9j\xC3\xA0 'vu'",
	"\xC2\xAB\"Guillemets\"\xC2\xBB and \xE2\x80\x9C'mixed'\xE2\x80\x9D",
	"\xE6\x97\xA5\xE6\x9C\xAC\"\xE8\xAA\x9E\"",
	"'a' 'b' 'c' \"d\" \"e\"",
	"\"\"",
	"''",
	"\"'\"'",
	"it's 'it's'",
	"Don't -- won't -- can't",
	"The 1990s' best: \"Sunil\"'s pick",
	"Ends with a quote '",
	"\" starts with a quote",
	"x'y'z \"w\"v",
};

static void test_against_cmark(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *want = cmark_smart(cases[i]), *got = ours(cases[i]), name[160];
		snprintf(name, sizeof name, "smart punctuation as cmark-gfm: %.100s", cases[i]);
		T_EQ_STR(got, want, name);
		free(want);
		free(got);
	}
}

static void test_unchanged(void)
{
	galley_doc *doc = galley_doc_new();
	bool oom = false;
	const char *plain = "A plain title";
	T_CHECK(galley_smart_string(doc, plain, &oom) == plain, "a string without quotes is not copied");
	T_CHECK(galley_smart_string(doc, NULL, &oom) == NULL && !oom, "NULL stays NULL");
	galley_doc_free(doc);
}

/* The reader sets `smart`; finish curls what the writers display. */
static void test_finish(void)
{
	galley_doc *doc = galley_doc_new();
	galley_section *sec = galley_doc_add_section(doc, "Maren's \"Picks\"");
	galley_article *a = galley_doc_add_article(doc, sec, "a.md");
	galley_article *b = galley_doc_add_article(doc, sec, "b.md");
	galley_pos pos = {"a.md", 1, 1};
	galley_block *fig = galley_doc_new_block(doc, GALLEY_FIGURE, pos);
	galley_inline *img = galley_doc_new_inline(doc, GALLEY_IMAGE, pos);
	const char *authors[] = {"Eleanor O'Brien"};
	galley_error err;

	galley_doc_meta(doc)->title = "Weekly 'Digest'";
	a->smart = true;
	a->meta.title = "Ship's Manifests -- a \"Long\" Read...";
	a->meta.subtitle = "'Cargo'";
	a->meta.authors = authors;
	a->meta.nauthors = 1;
	img->title = "The 'Harbour'";
	fig->inlines = img;
	a->blocks = fig;
	b->meta.title = "Kept 'straight'";   /* read without smart punctuation */
	T_EQ_INT(galley_doc_finish(doc, &err), 0, "finish");
	T_EQ_STR(a->meta.title, "Ship\xE2\x80\x99s Manifests \xE2\x80\x93 a \xE2\x80\x9CLong\xE2\x80\x9D Read\xE2\x80\xA6",
	         "an article title is curled");
	T_EQ_STR(a->meta.subtitle, "\xE2\x80\x98" "Cargo\xE2\x80\x99", "a subtitle is curled");
	T_EQ_STR(a->meta.authors[0], "Eleanor O\xE2\x80\x99" "Brien", "an author is curled");
	T_EQ_STR(img->title, "The \xE2\x80\x98Harbour\xE2\x80\x99", "an image title (caption) is curled");
	T_EQ_STR(b->meta.title, "Kept 'straight'", "an article read without smart punctuation keeps its quotes");
	T_EQ_STR(galley_doc_meta(doc)->title, "Weekly \xE2\x80\x98" "Digest\xE2\x80\x99", "the publication title is curled");
	T_EQ_STR(sec->title, "Maren\xE2\x80\x99s \xE2\x80\x9CPicks\xE2\x80\x9D", "a section title is curled");
	T_EQ_STR(a->id, "ships-manifests-a-long-read", "the article id is the slug it was");
	T_EQ_INT(galley_doc_finish(doc, &err), 0, "finish again");
	T_EQ_STR(a->meta.subtitle, "\xE2\x80\x98" "Cargo\xE2\x80\x99", "a second finish changes nothing");
	T_EQ_INT(galley_doc_check(doc, &err), 0, "the document checks");
	galley_doc_free(doc);
}

int main(void)
{
	test_against_cmark();
	test_unchanged();
	test_finish();
	return t_done();
}
