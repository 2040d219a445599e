/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * finish.c: derived data of a document (galley_doc_finish) and its
 * invariants (galley_doc_check).
 *
 * Identifiers are derived from content, never from position, so that a
 * weekly rebuild that adds articles keeps every existing anchor: an
 * article's id is the slug of its title and date, a heading's the slug of
 * its text; collisions get "-2", "-3" ... in reading order.
 */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "galley/model.h"
#include "model/doc_impl.h"
#include "model/smart.h"
#include "base/utf8.h"

/* Words read per minute for the reading-time estimate (a common figure
 * for adult readers of non-fiction). */
#define WORDS_PER_MINUTE 230

/* Longest slug; ids longer than this read badly in URLs and file names. */
#define SLUG_MAX 64

/* ASCII folding of the Latin-1 Supplement letters U+00C0..U+00FF. */
static const char *const latin1_fold[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y",
};

size_t galley_slugify(const char *text, size_t len, char *out, size_t size)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, o = 0, max = size - 1;
	int dash = 0;
	if (max > SLUG_MAX)
		max = SLUG_MAX;
	while (i < len && o < max) {
		unsigned cp;
		const char *fold = NULL;
		char one[2] = {0, 0};
		cp = galley_utf8_next((const char *)s, len, &i);
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			one[0] = (char)cp;
			fold = one;
		} else if (cp >= 'A' && cp <= 'Z') {
			one[0] = (char)(cp - 'A' + 'a');
			fold = one;
		} else if (cp >= 0xC0 && cp <= 0xFF) {
			fold = latin1_fold[cp - 0xC0];
		} else if (cp == '\'' || cp == 0x2019 || cp == 0x2018) {
			continue; /* "don't" -> "dont", as readers expect */
		}
		if (fold == NULL) {
			dash = o > 0;
			continue;
		}
		if (o == 0 && fold[0] >= '0' && fold[0] <= '9')
			out[o++] = 'n';
		if (dash && o < max)
			out[o++] = '-';
		dash = 0;
		while (*fold && o < max)
			out[o++] = *fold++;
	}
	while (o > 0 && out[o - 1] == '-')
		o--;
	if (o == 0)
		out[o++] = 'x';
	out[o] = '\0';
	return o;
}

/* ---- flattened text ---------------------------------------------------- */

/* Appends the flattened text of an inline list (page-map definition) to a
 * buffer of `cap` bytes at *len; NULL buf only counts. */
static void flatten_inlines(const galley_inline *in, char *buf, size_t cap, size_t *len)
{
	for (; in != NULL; in = in->next) {
		switch (in->type) {
		case GALLEY_TEXT:
		case GALLEY_CODE:
		case GALLEY_MATH:
			if (buf != NULL && *len + in->len <= cap)
				memcpy(buf + *len, in->text, in->len);
			*len += in->len;
			break;
		case GALLEY_SOFTBREAK:
		case GALLEY_HARDBREAK:
			if (buf != NULL && *len < cap)
				buf[*len] = in->type == GALLEY_SOFTBREAK ? ' ' : '\n';
			*len += 1;
			break;
		default:
			flatten_inlines(in->children, buf, cap, len);
			break;
		}
	}
}

size_t galley_block_text_length(const galley_block *block)
{
	size_t len = 0;
	if (block->type == GALLEY_CODEBLOCK || block->type == GALLEY_MATH_BLOCK)
		return block->len;
	flatten_inlines(block->inlines, NULL, 0, &len);
	return len;
}

bool galley_block_is_attribution(const galley_block *block)
{
	static const char *const dashes[] = {"\xE2\x80\x94", "\xE2\x80\x95", "\xE2\x80\x93", "--"};
	const galley_inline *in;

	if (!block || block->type != GALLEY_PARAGRAPH || block->next)
		return false;
	for (in = block->inlines; in && in->type != GALLEY_TEXT; in = in->children)
		;
	if (!in || !in->text)
		return false;
	for (size_t i = 0; i < sizeof dashes / sizeof *dashes; i++)
		if (in->len >= strlen(dashes[i]) && memcmp(in->text, dashes[i], strlen(dashes[i])) == 0)
			return true;
	return false;
}

const char *galley_callout_label(galley_callout kind)
{
	switch (kind) {
	case GALLEY_CALLOUT_NOTE: return "Note";
	case GALLEY_CALLOUT_TIP: return "Tip";
	case GALLEY_CALLOUT_IMPORTANT: return "Important";
	case GALLEY_CALLOUT_WARNING: return "Warning";
	case GALLEY_CALLOUT_CAUTION: return "Caution";
	}
	return "Note";
}

/* ---- finish ------------------------------------------------------------ */

/* A set of ids: open addressing with linear probing, at most half full,
 * so that a thousand-article digest does not compare every id with every
 * other (finish and check were quadratic in the number of articles). */
typedef struct id_set {
	const char **slot;  /* NULL: empty */
	size_t cap;         /* a power of two, or 0 */
	size_t n;
} id_set;

#define ID_SET_MIN 16

static size_t id_hash(const char *s)
{
	uint64_t h = 14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)(h ^ (h >> 29));
}

static bool id_set_has(const id_set *set, const char *id)
{
	if (set->cap == 0)
		return false;
	for (size_t i = id_hash(id) & (set->cap - 1);; i = (i + 1) & (set->cap - 1)) {
		if (set->slot[i] == NULL)
			return false;
		if (strcmp(set->slot[i], id) == 0)
			return true;
	}
}

static void id_set_put(id_set *set, const char *id)
{
	size_t i = id_hash(id) & (set->cap - 1);
	while (set->slot[i] != NULL)
		i = (i + 1) & (set->cap - 1);
	set->slot[i] = id;
	set->n++;
}

/* Adds `id` (kept by pointer); 0, or GALLEY_ENOMEM. */
static int id_set_add(id_set *set, const char *id)
{
	if ((set->n + 1) * 2 > set->cap) {
		id_set bigger = {NULL, set->cap ? set->cap * 2 : ID_SET_MIN, 0};
		if (bigger.cap > SIZE_MAX / 2 / sizeof *bigger.slot ||
		    (bigger.slot = calloc(bigger.cap, sizeof *bigger.slot)) == NULL)
			return GALLEY_ENOMEM;
		for (size_t i = 0; i < set->cap; i++)
			if (set->slot[i] != NULL)
				id_set_put(&bigger, set->slot[i]);
		free(set->slot);
		*set = bigger;
	}
	id_set_put(set, id);
	return 0;
}

static void id_set_clear(id_set *set)
{
	if (set->n > 0)
		memset(set->slot, 0, set->cap * sizeof *set->slot);
	set->n = 0;
}

typedef struct finish_ctx {
	galley_doc *doc;
	galley_article *article;
	uint32_t ordinal;
	size_t words;
	id_set doc_ids;     /* article and section ids */
	id_set heading_ids; /* the current article's heading ids */
} finish_ctx;

/* Words are runs of bytes other than space, tab, CR and LF.  Counted
 * without a branch per byte: a word starts where a non-space follows a
 * space. */
static size_t count_words(const char *s, size_t len, int *in_word)
{
	const uint64_t spaces = (1ull << ' ') | (1ull << '\n') | (1ull << '\t') | (1ull << '\r');
	size_t n = 0, i;
	unsigned prev = *in_word != 0;

	for (i = 0; i < len; i++) {
		unsigned c = (unsigned char)s[i];
		unsigned word = c > ' ' || !((spaces >> c) & 1);
		n += word & !prev;
		prev = word;
	}
	*in_word = (int)prev;
	return n;
}

static void count_inline_words(finish_ctx *f, const galley_inline *in, int *in_word)
{
	for (; in != NULL; in = in->next) {
		if (in->type == GALLEY_TEXT || in->type == GALLEY_CODE || in->type == GALLEY_MATH)
			f->words += count_words(in->text, in->len, in_word);
		else if (in->type == GALLEY_SOFTBREAK || in->type == GALLEY_HARDBREAK)
			*in_word = 0;
		else if (in->type != GALLEY_IMAGE)
			count_inline_words(f, in->children, in_word);
	}
}

/* Makes `base` unique in `scope` by appending -2, -3 ...; records and
 * returns an arena copy. */
static const char *unique_id(finish_ctx *f, id_set *scope, const char *base)
{
	char buf[SLUG_MAX + 16];
	const char *id = base;
	unsigned n = 1;

	while (id_set_has(scope, id)) {
		snprintf(buf, sizeof buf, "%s-%u", base, ++n);
		id = buf;
	}
	if ((id = galley_doc_strdup(f->doc, id)) == NULL || id_set_add(scope, id) < 0)
		return NULL;
	return id;
}

static int finish_blocks(finish_ctx *f, galley_block *b)
{
	for (; b != NULL; b = b->next) {
		int in_word = 0;
		b->ordinal = f->ordinal++;
		if (b->type == GALLEY_HEADING && b->anchor != NULL) {
			char slug[SLUG_MAX + 1];
			galley_slugify(b->anchor, strlen(b->anchor), slug, sizeof slug);
			if ((b->id = unique_id(f, &f->heading_ids, slug)) == NULL)
				return GALLEY_ENOMEM;
		} else if (b->type == GALLEY_HEADING) {
			char slug[SLUG_MAX + 1];
			size_t len = 0, cap;
			char *text;
			flatten_inlines(b->inlines, NULL, 0, &len);
			cap = len;
			text = malloc(cap + 1);
			if (text == NULL)
				return GALLEY_ENOMEM;
			len = 0;
			flatten_inlines(b->inlines, text, cap, &len);
			galley_slugify(text, len, slug, sizeof slug);
			free(text);
			if ((b->id = unique_id(f, &f->heading_ids, slug)) == NULL)
				return GALLEY_ENOMEM;
		}
		if (b->type == GALLEY_CODEBLOCK || b->type == GALLEY_MATH_BLOCK)
			f->words += count_words(b->text, b->len, &in_word);
		else
			count_inline_words(f, b->inlines, &in_word);
		if (b->children != NULL && finish_blocks(f, b->children) < 0)
			return GALLEY_ENOMEM;
	}
	return 0;
}

/* ---- display strings --------------------------------------------------- */

static void smart_field(galley_doc *doc, const char **s, bool *oom)
{
	const char *t = galley_smart_string(doc, *s, oom);
	if (t != NULL)
		*s = t;
}

static void smart_meta(galley_doc *doc, galley_meta *m, bool *oom)
{
	smart_field(doc, &m->title, oom);
	smart_field(doc, &m->subtitle, oom);
	for (size_t i = 0; i < m->nauthors; i++)
		smart_field(doc, &m->authors[i], oom);
	smart_field(doc, &m->publication, oom);
	smart_field(doc, &m->summary, oom);
	smart_field(doc, &m->editor, oom);
	smart_field(doc, &m->publisher, oom);
	smart_field(doc, &m->issue, oom);
	smart_field(doc, &m->description, oom);
}

/* An image's title is its caption (both writers show it). */
static void smart_inlines(galley_doc *doc, galley_inline *in, bool *oom)
{
	for (; in != NULL; in = in->next) {
		if (in->type == GALLEY_IMAGE)
			smart_field(doc, &in->title, oom);
		smart_inlines(doc, in->children, oom);
	}
}

static void smart_blocks(galley_doc *doc, galley_block *b, bool *oom)
{
	for (; b != NULL; b = b->next) {
		smart_inlines(doc, b->inlines, oom);
		smart_blocks(doc, b->children, oom);
	}
}

/* Typographic punctuation in the display strings (galley_doc_finish).
 * Curling is idempotent: a second finish changes nothing.  0 or
 * GALLEY_ENOMEM. */
static int smart_display(galley_doc *doc)
{
	bool oom = false, any = false;

	for (size_t i = 0; i < doc->nflat; i++) {
		galley_article *a = doc->flat[i];
		if (!a->smart)
			continue;
		any = true;
		smart_meta(doc, &a->meta, &oom);
		smart_blocks(doc, a->blocks, &oom);
		smart_blocks(doc, a->notes, &oom);
	}
	if (any) {
		smart_meta(doc, &doc->meta, &oom);
		for (size_t i = 0; i < doc->nsections; i++)
			smart_field(doc, &doc->sections[i]->pub.title, &oom);
	}
	return oom ? GALLEY_ENOMEM : 0;
}

static void article_slug(const galley_article *a, char *out, size_t size)
{
	const char *title = a->meta.title;
	size_t n;
	if (title == NULL || title[0] == '\0') {
		const char *base = strrchr(a->path, '/');
		base = base ? base + 1 : a->path;
		n = galley_slugify(base, strcspn(base, "."), out, size);
	} else {
		n = galley_slugify(title, strlen(title), out, size);
	}
	if (a->meta.date.year != 0 && n + 12 < size) {
		char iso[32];
		galley_date_iso(&a->meta.date, false, iso);
		snprintf(out + n, size - n, "-%s", iso);
	}
}

int galley_doc_finish(galley_doc *doc, galley_error *err)
{
	finish_ctx f;
	size_t i, j, total = 0;
	int rc = 0;

	memset(&f, 0, sizeof f);
	f.doc = doc;
	for (i = 0; i < doc->nsections; i++)
		total += doc->sections[i]->pub.narticles;
	if (galley_vec_reserve((void **)&doc->flat, &doc->cflat, total ? total : 1,
	                       sizeof *doc->flat) < 0)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	doc->nflat = 0;
	for (i = 0; i < doc->nsections; i++) {
		galley_section *s = &doc->sections[i]->pub;
		for (j = 0; j < s->narticles; j++) {
			s->articles[j]->index = (uint32_t)doc->nflat;
			doc->flat[doc->nflat++] = s->articles[j];
		}
	}

	if ((rc = smart_display(doc)) < 0)
		goto cleanup;
	/* article ids, unique across the document */
	for (i = 0; i < doc->nflat; i++) {
		char slug[SLUG_MAX + 16];
		article_slug(doc->flat[i], slug, sizeof slug);
		if ((doc->flat[i]->id = unique_id(&f, &f.doc_ids, slug)) == NULL) {
			rc = GALLEY_ENOMEM;
			goto cleanup;
		}
	}
	/* section ids share the scope of article ids */
	for (i = 0; i < doc->nsections; i++) {
		galley_section *s = &doc->sections[i]->pub;
		char slug[SLUG_MAX + 16] = "section";
		if (s->title != NULL)
			galley_slugify(s->title, strlen(s->title), slug, sizeof slug);
		if ((s->id = unique_id(&f, &f.doc_ids, slug)) == NULL) {
			rc = GALLEY_ENOMEM;
			goto cleanup;
		}
	}
	/* blocks: ordinals, heading ids (unique per article), words */
	for (i = 0; i < doc->nflat; i++) {
		galley_article *a = doc->flat[i];
		id_set_clear(&f.heading_ids);
		f.ordinal = 0;
		f.words = 0;
		f.article = a;
		/* the notes' blocks number on after the text's */
		if (finish_blocks(&f, a->blocks) < 0 || finish_blocks(&f, a->notes) < 0) {
			rc = GALLEY_ENOMEM;
			goto cleanup;
		}
		a->nblocks = f.ordinal;
		a->words = f.words;
		a->minutes = (unsigned)((f.words + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE);
		if (a->minutes == 0)
			a->minutes = 1;
	}
	/* links between articles need every article's ids */
	if ((rc = galley_doc_resolve_links(doc)) < 0)
		goto cleanup;
	doc->finished = true;
cleanup:
	free(f.doc_ids.slot);
	free(f.heading_ids.slot);
	if (rc < 0)
		return galley_error_set(err, rc, NULL, "out of memory");
	return 0;
}

typedef struct check_ctx {
	const galley_doc *doc;
	const galley_article *article;
	galley_error *err;
	uint32_t ordinal;
	bool in_notes;   /* checking an article's notes */
	int notes;       /* footnotes seen in it */
} check_ctx;

static int fail(check_ctx *c, const galley_pos *pos, const char *what)
{
	return galley_error_set(c->err, GALLEY_EINTERNAL, pos, "model invariant: %s (article %s)",
	                        what, c->article ? c->article->path : "-");
}

static int check_inlines(check_ctx *c, const galley_inline *in, int depth)
{
	if (depth > GALLEY_MAX_NESTING)
		return fail(c, NULL, "inlines nested deeper than GALLEY_MAX_NESTING");
	for (; in != NULL; in = in->next) {
		if (in->pos.line == 0)
			return fail(c, &in->pos, "inline without a source position");
		switch (in->type) {
		case GALLEY_TEXT:
		case GALLEY_CODE:
		case GALLEY_MATH:
			if (in->text == NULL || in->children != NULL)
				return fail(c, &in->pos, "text inline without text, or with children");
			if (!galley_utf8_valid(in->text, in->len) || memchr(in->text, '\0', in->len) != NULL)
				return fail(c, &in->pos, "text is not valid UTF-8 or holds a NUL");
			break;
		case GALLEY_SOFTBREAK:
		case GALLEY_HARDBREAK:
			if (in->children != NULL)
				return fail(c, &in->pos, "a break with children");
			break;
		case GALLEY_NOTEREF:
			if (in->children != NULL || in->note == NULL || in->note->type != GALLEY_FOOTNOTE ||
			    in->number != in->note->number || in->ref < 1 || in->ref > in->note->refs)
				return fail(c, &in->pos, "a footnote reference without its note");
			break;
		case GALLEY_EMPH:
		case GALLEY_STRONG:
		case GALLEY_STRIKE:
		case GALLEY_LINK:
		case GALLEY_IMAGE:
		case GALLEY_SUP:
		case GALLEY_SUB:
		case GALLEY_UNDERLINE:
		case GALLEY_MARK:
		case GALLEY_SMALL:
		case GALLEY_ABBR:
			if (in->type == GALLEY_LINK && in->target != NULL &&
			    (in->target->index >= c->doc->nflat || c->doc->flat[in->target->index] != in->target ||
			     (in->anchor != NULL && !galley_doc_has_heading(in->target, in->anchor))))
				return fail(c, &in->pos, "a link whose target is not an article or heading of the document");
			if (in->type == GALLEY_LINK && in->target == NULL && in->anchor != NULL)
				return fail(c, &in->pos, "a link with an anchor but no target");
			if (in->type == GALLEY_IMAGE && in->asset != NULL &&
			    (in->asset->index >= c->doc->nassets || c->doc->assets[in->asset->index] != in->asset))
				return fail(c, &in->pos, "image asset not in the asset table");
			if (check_inlines(c, in->children, depth + 1) < 0)
				return -1;
			break;
		default:
			return fail(c, &in->pos, "unknown inline type");
		}
	}
	return 0;
}

static int check_blocks(check_ctx *c, const galley_block *b, const galley_block *parent, int depth)
{
	if (depth > GALLEY_MAX_NESTING)
		return fail(c, NULL, "blocks nested deeper than GALLEY_MAX_NESTING");
	for (; b != NULL; b = b->next) {
		int container = b->type == GALLEY_QUOTE || b->type == GALLEY_LIST || b->type == GALLEY_ITEM ||
		                b->type == GALLEY_TABLE || b->type == GALLEY_TABLE_ROW ||
		                b->type == GALLEY_FOOTNOTE || b->type == GALLEY_CALLOUT ||
		                b->type == GALLEY_DEFLIST || b->type == GALLEY_DEFDESC;
		if (b->pos.line == 0)
			return fail(c, &b->pos, "block without a source position");
		if (b->ordinal != c->ordinal++)
			return fail(c, &b->pos, "block ordinals are not in preorder (finish not called?)");
		if (!container && b->children != NULL)
			return fail(c, &b->pos, "a leaf block with children");
		if (container && b->inlines != NULL)
			return fail(c, &b->pos, "a container block with inlines");
		if ((parent != NULL && parent->type == GALLEY_LIST) != (b->type == GALLEY_ITEM))
			return fail(c, &b->pos, "list items must be exactly the children of lists");
		if ((parent != NULL && parent->type == GALLEY_TABLE) != (b->type == GALLEY_TABLE_ROW))
			return fail(c, &b->pos, "table rows must be exactly the children of tables");
		if ((parent != NULL && parent->type == GALLEY_TABLE_ROW) != (b->type == GALLEY_TABLE_CELL))
			return fail(c, &b->pos, "table cells must be exactly the children of rows");
		if (parent == NULL ? (b->type == GALLEY_FOOTNOTE) != c->in_notes : b->type == GALLEY_FOOTNOTE)
			return fail(c, &b->pos, "footnotes must be exactly the article's notes");
		if ((parent != NULL && parent->type == GALLEY_DEFLIST) !=
		    (b->type == GALLEY_DEFTERM || b->type == GALLEY_DEFDESC))
			return fail(c, &b->pos, "terms and descriptions must be exactly the children of definition lists");
		switch (b->type) {
		case GALLEY_HEADING:
			if (b->level < 1 || b->level > 6 || b->id == NULL)
				return fail(c, &b->pos, "heading level outside 1..6 or without id");
			break;
		case GALLEY_CODEBLOCK:
		case GALLEY_MATH_BLOCK:
			if (b->text == NULL || !galley_utf8_valid(b->text, b->len))
				return fail(c, &b->pos, "code block or math without valid UTF-8 text");
			break;
		case GALLEY_CALLOUT:
			if (b->callout < GALLEY_CALLOUT_NOTE || b->callout > GALLEY_CALLOUT_CAUTION)
				return fail(c, &b->pos, "a call-out of an unknown kind");
			break;
		case GALLEY_FIGURE:
			if (b->inlines == NULL || b->inlines->type != GALLEY_IMAGE || b->inlines->next != NULL)
				return fail(c, &b->pos, "a figure must hold exactly one image");
			break;
		case GALLEY_TABLE: {
			uint32_t rows = 0;
			if (b->ncols == 0 || b->align == NULL)
				return fail(c, &b->pos, "a table without columns");
			for (const galley_block *r = b->children; r != NULL; r = r->next, rows++) {
				uint32_t cells = 0;
				for (const galley_block *cell = r->children; cell != NULL; cell = cell->next)
					cells++;
				if (cells != b->ncols || (r->header && rows > 0))
					return fail(c, &r->pos, "a table row must have ncols cells, and only the first may be a header");
			}
			if (rows == 0)
				return fail(c, &b->pos, "a table without rows");
			break;
		}
		case GALLEY_FOOTNOTE:
			if (b->number != ++c->notes || b->label == NULL || b->refs < 1)
				return fail(c, &b->pos, "footnotes must be numbered from 1, labelled and referred to");
			break;
		case GALLEY_PARAGRAPH:
		case GALLEY_QUOTE:
		case GALLEY_LIST:
		case GALLEY_ITEM:
		case GALLEY_RULE:
		case GALLEY_TABLE_ROW:
		case GALLEY_TABLE_CELL:
		case GALLEY_DEFLIST:
		case GALLEY_DEFTERM:
		case GALLEY_DEFDESC:
			break;
		default:
			return fail(c, &b->pos, "unknown block type");
		}
		if (check_inlines(c, b->inlines, 0) < 0)
			return -1;
		if (container && check_blocks(c, b->children, b, depth + 1) < 0)
			return -1;
	}
	return 0;
}

int galley_doc_check(const galley_doc *doc, galley_error *err)
{
	check_ctx c;
	id_set ids = {NULL, 0, 0};
	size_t i, j, n = 0;
	int rc = 0;
	memset(&c, 0, sizeof c);
	c.doc = doc;
	c.err = err;
	if (!doc->finished)
		return fail(&c, NULL, "galley_doc_finish was not called after the last change");
	for (i = 0; i < doc->nsections; i++) {
		const galley_section *s = &doc->sections[i]->pub;
		if (s->narticles == 0)
			return fail(&c, NULL, "an empty section");
		for (j = 0; j < s->narticles; j++, n++)
			if (n >= doc->nflat || doc->flat[n] != s->articles[j] || s->articles[j]->index != n)
				return fail(&c, NULL, "article order or index is inconsistent");
	}
	if (n != doc->nflat)
		return fail(&c, NULL, "article count is inconsistent");
	for (i = 0; i < doc->nflat; i++) {
		const galley_article *a = doc->flat[i];
		c.article = a;
		c.ordinal = 0;
		c.in_notes = false;
		if (a->id == NULL || a->path == NULL)
			rc = fail(&c, NULL, "article without id or path");
		else if (id_set_has(&ids, a->id))
			rc = fail(&c, NULL, "two articles share an id");
		else if (id_set_add(&ids, a->id) < 0)
			rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		else if (check_blocks(&c, a->blocks, NULL, 0) < 0)
			rc = GALLEY_EINTERNAL;
		else if ((c.in_notes = true, c.notes = 0, check_blocks(&c, a->notes, NULL, 0)) < 0)
			rc = GALLEY_EINTERNAL;
		else if (c.ordinal != a->nblocks)
			rc = fail(&c, NULL, "block count is inconsistent");
		if (rc < 0) {
			free(ids.slot);
			return rc;
		}
	}
	free(ids.slot);
	return 0;
}
