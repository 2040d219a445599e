/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * titlepage.c: a digest's front pages (its title page and table of
 * contents), and the sections of the outline.
 *
 * (Not to be confused with src/read/frontmatter.c, which reads an
 * article's metadata block: "front matter" here means the pages before a
 * book's body, as in print.)
 *
 * A document is a digest when its publication title is set (by --title or
 * a digest manifest).  Its PDF then opens with front matter, numbered in
 * lower-case roman: a title page (the masthead: issue, title, subtitle,
 * date range, editor, publisher) and the contents: section titles, and one
 * entry per article (title, an em dash and the byline, dotted leaders, the
 * page number), each a link to the article.  The body is numbered from 1.
 *
 * The body is laid out first: its page numbers do not depend on how many
 * pages the front matter takes, since the body's numbering starts again at
 * 1.  The front matter is then built as a vertical list, poured onto pages
 * by page.c like any article (so the contents break across pages with the
 * same keeps), and those pages are moved before the body.
 *
 * Leaders are a run of full stops, not rules: the gap between the entry's
 * last word and the leaders, and between the leaders and the number, stays
 * a word space, which is what a reader (and a text-extraction tool
 * measuring word gaps) expects of a full line.  For a book of very many
 * articles the contents stay compact: one line per article, cut with an
 * ellipsis, no headings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "typeset/internal.h"
#include "typeset/balance.h"
#include "typeset/theme.h"

/* Beyond this many articles an entry is one line, cut with an ellipsis if
 * need be: a weekly digest wraps long titles, a 1,000-article book keeps its
 * contents to a few dozen pages. */
#define GL_TOC_COMPACT 60
/* Longest byline kept in a contents entry, bytes. */
#define GL_BYLINE_MAX 400
/* Most authors whose names a contents entry keeps whole; a longer list
 * is a byline like any text. */
#define GL_KEEP_NAMES 16

/* Sizes, spaces, rules and colours: the type scale (theme.c). */
static const galley_theme *const theme = &galley_theme_default;

bool gl_is_digest(const galley_doc *doc)
{
	const galley_meta *m = galley_doc_meta_const(doc);

	return m->title && m->title[0];
}

const galley_section *gl_section_of(const galley_doc *doc, const galley_article *a)
{
	for (size_t s = 0; s < galley_doc_nsections(doc); s++) {
		const galley_section *sec = galley_doc_section(doc, s);
		for (size_t k = 0; k < sec->narticles; k++)
			if (sec->articles[k] == a)
				return sec;
	}
	return NULL;
}

void gl_roman(unsigned n, char buf[16])
{
	static const struct { unsigned v; const char *s; } digits[] = {
		{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
		{50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"},
	};
	size_t at = 0;

	/* front matter never runs to 4,000 pages; beyond, arabic */
	if (n == 0 || n >= 4000) {
		snprintf(buf, 16, "%u", n);
		return;
	}
	for (size_t i = 0; i < sizeof digits / sizeof digits[0]; i++)
		while (n >= digits[i].v) {
			size_t k = strlen(digits[i].s);
			memcpy(buf + at, digits[i].s, k);
			at += k;
			n -= digits[i].v;
		}
	buf[at] = '\0';
}

/* ---- outline ------------------------------------------------------------ */

int gl_outline_sections(galley_layout *L, galley_error *err)
{
	const galley_doc *doc = L->doc;
	size_t narts = galley_doc_narticles(doc), nsec = 0, k = 0, at = 0;
	const galley_section **sec_of = NULL;
	galley_dl_outline *out = NULL;
	const galley_section *cur = NULL;
	int rc = 0;

	for (size_t s = 0; s < galley_doc_nsections(doc); s++) {
		const galley_section *sec = galley_doc_section(doc, s);
		if (sec->title && sec->title[0] && sec->narticles)
			nsec++;
	}
	if (nsec == 0 || narts == 0)
		return 0;
	sec_of = calloc(narts, sizeof *sec_of);
	out = calloc(L->noutline + nsec + 1, sizeof *out);
	if (!sec_of || !out) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	for (size_t s = 0, a = 0; s < galley_doc_nsections(doc); s++) {
		galley_section *sec = galley_doc_section(doc, s);
		for (size_t j = 0; j < sec->narticles && a < narts; j++)
			sec_of[a++] = sec;
	}
	/* entries at level 0 are the articles, in reading order */
	for (size_t i = 0; i < L->noutline; i++) {
		galley_dl_outline o = L->outline[i];
		if (o.level == 0) {
			const galley_section *sec = k < narts ? sec_of[k] : NULL;
			k++;
			if (sec != cur) {
				cur = sec;
				if (sec && sec->title && sec->title[0] && at < L->noutline + nsec) {
					galley_dl_outline so = {sec->title, 0, o.page, o.y};
					out[at++] = so;
				}
			}
		}
		if (cur && cur->title && cur->title[0])
			o.level++;
		if (at < L->noutline + nsec + 1)
			out[at++] = o;
	}
	free(L->outline);
	L->outline = out;
	L->noutline = at;
	L->coutline = L->noutline + nsec + 1;
	out = NULL;
cleanup:
	free(sec_of);
	free(out);
	return rc;
}

/* ---- building the front matter ----------------------------------------- */

typedef struct gl_fm {
	galley_layout *L;
	gl_vlist v;
	double fs;
} gl_fm;

/* The lines from `start` on span the page, carry no page-map mark and
 * stay together. */
static void keep_spanning(gl_fm *f, size_t start)
{
	for (size_t i = start; i < f->v.n; i++) {
		gl_vitem *it = &f->v.items[i];
		it->span = true;
		it->has_mark = false;
		if (i > start)
			it->nobreak_before = true;
	}
}

static int add_space(gl_fm *f, double h)
{
	gl_vitem *it = gl_vlist_push(&f->v);

	if (!it)
		return GALLEY_ENOMEM;
	it->kind = GL_V_SPACE;
	it->span = true;
	it->height = h;
	return 0;
}

static gl_pstyle style(gl_fm *f, int face, double size, double leading, uint32_t color)
{
	gl_pstyle st;

	memset(&st, 0, sizeof st);
	st.face = face;
	st.size = size;
	st.leading = leading;
	st.width = f->L->text_width;
	st.color = color;
	st.kind = GALLEY_LINE_HEADER;
	return st;
}

/* style() for a line of display type of the theme. */
static gl_pstyle type_style(gl_fm *f, int face, const galley_theme_type *type, uint32_t color)
{
	return style(f, face, f->fs * type->size, f->fs * type->leading, color);
}

/* Sets `text` as lines across the text width, centred when asked; the new
 * items span and keep together.  0 or a negative code. */
static int text_lines(gl_fm *f, const char *text, const gl_pstyle *st, bool centre, galley_error *err)
{
	size_t start = f->v.n;
	gl_display d = {GL_DISPLAY_BALANCE, galley_doc_meta_const(f->L->doc)->lang, 0, NULL, 0};
	int rc = gl_set_display(f->L, &f->v, NULL, text, st, &d, err);

	if (rc < 0)
		return rc;
	keep_spanning(f, start);
	for (size_t i = start; i < f->v.n && centre; i++) {
		gl_vitem *it = &f->v.items[i];
		double dx = (st->width - it->line.used) / 2;
		for (uint32_t k = 0; k < it->ntexts; k++)
			it->texts[k].x += dx;
	}
	return 0;
}

static int masthead(gl_fm *f, galley_error *err)
{
	galley_layout *L = f->L;
	const galley_meta *m = galley_doc_meta_const(L->doc);
	double fs = f->fs;
	gl_pstyle st;
	gl_vitem *it;
	char a[32], b[32], buf[160];
	int rc = 0;

	/* The masthead is set flush left, in the manner of a Swiss title page:
	 * centred lines of very different lengths read as a ragged block to
	 * text-extraction tools that infer margins from line ends.  A strut
	 * puts it a little above the page's optical centre. */
	it = gl_vlist_push(&f->v);
	if (!it)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	it->kind = GL_V_LINE;
	it->span = true;
	it->height = (L->text_top - L->text_bottom) * theme->masthead.drop;
	if (m->issue) {
		st = type_style(f, GALLEY_FACE_ITALIC, &theme->masthead.issue, theme->color.gray);
		rc = text_lines(f, m->issue, &st, false, err);
	}
	if (rc == 0) {
		st = type_style(f, GALLEY_FACE_BOLD, &theme->masthead.title, theme->color.text);
		rc = text_lines(f, m->title, &st, false, err);
	}
	if (rc == 0 && m->subtitle) {
		st = type_style(f, GALLEY_FACE_ITALIC, &theme->masthead.subtitle, theme->color.soft);
		rc = text_lines(f, m->subtitle, &st, false, err);
	}
	if (rc < 0)
		return rc;
	/* a short rule under the title */
	if (add_space(f, fs * theme->masthead.title_space) < 0 || !(it = gl_vlist_push(&f->v)))
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	it->kind = GL_V_LINE;
	it->span = true;
	it->nobreak_before = true;
	it->height = fs * theme->masthead.rule_height;
	it->baseline = fs * theme->masthead.rule_baseline;
	{
		galley_dl_rect *r = gl_arena_alloc(&L->arena, sizeof *r);
		if (!r)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		r->x = 0;
		r->w = theme->masthead.rule_length;
		r->h = theme->masthead.rule_thickness;
		r->color = theme->color.rule;
		it->rects = r;
		it->nrects = 1;
	}
	/* the date range: since - until, else the date */
	buf[0] = '\0';
	if (m->since.year && m->until.year)
		snprintf(buf, sizeof buf, "%s \xE2\x80\x93 %s", galley_date_human(&m->since, a),
		         galley_date_human(&m->until, b));
	else if (m->since.year)
		snprintf(buf, sizeof buf, "From %s", galley_date_human(&m->since, a));
	else if (m->until.year)
		snprintf(buf, sizeof buf, "Until %s", galley_date_human(&m->until, a));
	else if (m->date.year)
		snprintf(buf, sizeof buf, "%s", galley_date_human(&m->date, a));
	st = type_style(f, GALLEY_FACE_REGULAR, &theme->masthead.dates, theme->color.text);
	if (buf[0])
		rc = text_lines(f, buf, &st, false, err);
	if (rc == 0 && m->editor) {
		char *ed = malloc(strlen(m->editor) + 16);
		if (!ed)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		sprintf(ed, "Edited by %s", m->editor);
		st = type_style(f, GALLEY_FACE_ITALIC, &theme->masthead.editor, theme->color.soft);
		rc = add_space(f, fs * theme->masthead.editor_space) < 0
		     ? galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory")
		     : text_lines(f, ed, &st, false, err);
		free(ed);
	}
	if (rc == 0 && m->publisher) {
		st = type_style(f, GALLEY_FACE_REGULAR, &theme->masthead.publisher, theme->color.gray);
		rc = text_lines(f, m->publisher, &st, false, err);
	}
	if (rc < 0)
		return rc;
	it = gl_vlist_push(&f->v);
	if (!it)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	it->kind = GL_V_BREAK;
	it->span = true;
	return 0;
}

/* The byline of an article for its contents entry: "A, B and C". */
static void byline(const galley_meta *m, char *buf, size_t cap)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < m->nauthors && n + 1 < cap; i++) {
		int k = snprintf(buf + n, cap - n, "%s%s",
		                 i == 0 ? "" : i + 1 == m->nauthors ? " and " : ", ", m->authors[i]);
		if (k < 0 || (size_t)k >= cap - n) {
			/* cut at a character boundary */
			n = cap - 1;
			while (n > 0 && ((unsigned char)buf[n] & 0xC0) == 0x80)
				n--;
			buf[n] = '\0';
			break;
		}
		n += (size_t)k;
	}
}

static galley_inline *text_inline(galley_layout *L, galley_inline_type type, const char *s)
{
	galley_inline *in = gl_arena_alloc(&L->arena, sizeof *in);

	if (!in)
		return NULL;
	in->type = type;
	in->text = s;
	in->len = s ? strlen(s) : 0;
	return in;
}

/* Adds the dots and the page number to an entry's last line, and the link
 * to every line of it. */
static int finish_entry(gl_fm *f, size_t a, size_t b, const char *dest, const char *num, bool cut)
{
	galley_layout *L = f->L;
	double fs = f->fs;
	double sp = gl_fonts_width(L->fonts, GALLEY_FACE_REGULAR, fs, " ", 1);
	double dot = gl_fonts_width(L->fonts, GALLEY_FACE_REGULAR, fs, ".", 1);
	double nw = gl_fonts_width(L->fonts, GALLEY_FACE_REGULAR, fs, num, strlen(num));
	const gl_word *nword = gl_fonts_word(L->fonts, GALLEY_FACE_REGULAR, num, strlen(num));
	gl_vitem *last = &f->v.items[b - 1];
	double x0 = last->line.used, x1 = L->text_width - nw - sp;
	int rc = 0;

	if (sp < 0 || dot <= 0 || nw < 0 || !nword)
		return GALLEY_ENOMEM;
	if (cut) {
		const gl_word *ell = gl_fonts_word(L->fonts, GALLEY_FACE_ITALIC, "\xE2\x80\xA6", 3);
		galley_dl_text t = {x0, 0, fs, NULL, 0, theme->color.gray, GALLEY_FACE_ITALIC, 0, 0, NULL};
		if (!ell)
			return GALLEY_ENOMEM;
		t.text = ell->text;
		t.len = ell->len;
		t.face = ell->g[0].face;
		rc = gl_item_text(L, last, &t);
		x0 += ell->g[ell->n].x * fs / 1000.0;
	}
	x0 += sp;
	if (rc == 0 && x1 - x0 >= 2 * dot) {
		size_t n = (size_t)((x1 - x0) / dot);
		double left = (x1 - x0) - n * dot;
		char *dots = gl_arena_alloc(&L->arena, n + 1);
		galley_dl_text t = {x0 + left / 2, 0, fs, dots, (uint32_t)n, theme->color.gray,
		                    GALLEY_FACE_REGULAR, 0, 0, NULL};
		if (!dots)
			return GALLEY_ENOMEM;
		memset(dots, '.', n);
		rc = gl_item_text(L, last, &t);
	}
	if (rc == 0) {
		galley_dl_text t = {L->text_width - nw, 0, fs, nword->text, nword->len, theme->color.text,
		                    nword->g[0].face, 0, 0, nword->shaped};
		rc = gl_item_text(L, last, &t);
	}
	last->line.used = L->text_width;   /* the number ends at the right margin */
	last->line.width = L->text_width;
	for (size_t i = a; i < b && rc == 0; i++) {
		gl_vitem *it = &f->v.items[i];
		galley_dl_link l = {0, -(it->height - it->baseline), L->text_width, it->height, NULL, dest};
		rc = gl_item_link(L, it, &l);
	}
	return rc;
}

/* The byline of a contents entry as inlines under `em`: each author's
 * name a text of its own, listed in keep[] (at most GL_KEEP_NAMES) so
 * that a turnover never parts it, joined by ", " and " and ".  A byline
 * cut at GL_BYLINE_MAX (`by`, from byline()) is one text.  0 or
 * GALLEY_ENOMEM. */
static int byline_inlines(galley_layout *L, const galley_meta *m, const char *by, galley_inline *em,
                          const galley_inline **keep, size_t *nkeep)
{
	galley_inline **tail = &em->children;
	size_t total = 0;

	*nkeep = 0;
	for (size_t i = 0; i < m->nauthors; i++)
		total += strlen(m->authors[i]) + 5;
	if (total >= GL_BYLINE_MAX || m->nauthors > GL_KEEP_NAMES) {
		char *copy = gl_arena_strndup(&L->arena, by, strlen(by));
		return copy && (em->children = text_inline(L, GALLEY_TEXT, copy)) ? 0 : GALLEY_ENOMEM;
	}
	for (size_t i = 0; i < m->nauthors; i++) {
		galley_inline *name, *join = NULL;
		if (i > 0 && !(join = text_inline(L, GALLEY_TEXT, i + 1 == m->nauthors ? " and " : ", ")))
			return GALLEY_ENOMEM;
		if (!(name = text_inline(L, GALLEY_TEXT, m->authors[i])))
			return GALLEY_ENOMEM;
		if (join) {
			*tail = join;
			tail = &join->next;
		}
		*tail = name;
		tail = &name->next;
		keep[(*nkeep)++] = name;
	}
	return 0;
}

static int entry(gl_fm *f, const galley_article *art, const char *num, double reserve, bool compact,
                 galley_error *err)
{
	galley_layout *L = f->L;
	const galley_meta *m = &art->meta;
	gl_pstyle st = style(f, GALLEY_FACE_REGULAR, f->fs, L->leading, theme->color.text);
	galley_inline *t, *dash = NULL, *em = NULL;
	char by[GL_BYLINE_MAX];
	const galley_inline *keep[GL_KEEP_NAMES];
	size_t start = f->v.n, nkeep = 0;
	bool cut = false;
	int rc;

	st.width = L->text_width - reserve;
	st.kind = GALLEY_LINE_BODY;
	byline(m, by, sizeof by);
	t = text_inline(L, GALLEY_TEXT, m->title ? m->title : "Untitled");
	if (!t)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	if (by[0]) {
		dash = text_inline(L, GALLEY_TEXT, " \xE2\x80\x94 ");
		em = text_inline(L, GALLEY_EMPH, NULL);
		if (!dash || !em || byline_inlines(L, m, by, em, keep, &nkeep) < 0)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		t->next = dash;
		dash->next = em;
	}
	if (compact) {
		rc = gl_set_paragraph(L, &f->v, t, NULL, &st, err);
	} else {
		/* turnovers hang, names stay whole, no line ends on "of" */
		gl_display d = {GL_DISPLAY_FILL, m->lang ? m->lang : galley_doc_meta_const(L->doc)->lang,
		                f->fs * theme->contents.hang, keep, nkeep};
		rc = gl_set_display(L, &f->v, t, NULL, &st, &d, err);
	}
	if (rc < 0)
		return rc;
	if (f->v.n == start)
		return 0;
	if (compact && f->v.n > start + 1) {
		f->v.n = start + 1;
		cut = true;
	}
	keep_spanning(f, start);
	rc = finish_entry(f, start, f->v.n, art->id, num, cut);
	if (rc < 0)
		return galley_error_set(err, rc, NULL, "out of memory");
	return 0;
}

static int contents(gl_fm *f, const char *const *labels, galley_error *err)
{
	galley_layout *L = f->L;
	const galley_doc *doc = L->doc;
	size_t narts = galley_doc_narticles(doc), a = 0;
	bool compact = narts > GL_TOC_COMPACT;
	double reserve, fs = f->fs;
	gl_pstyle st;
	int rc;

	{
		char widest[32];
		double w;
		snprintf(widest, sizeof widest, "%zu", L->npages);
		memset(widest, '8', strlen(widest));
		w = gl_fonts_width(L->fonts, GALLEY_FACE_REGULAR, fs, widest, strlen(widest));
		if (w < 0)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		reserve = w + theme->contents.leader_room * fs;
	}
	st = type_style(f, GALLEY_FACE_BOLD, &theme->contents.heading, theme->color.text);
	rc = text_lines(f, "Contents", &st, false, err);
	if (rc == 0 && add_space(f, fs * theme->contents.heading_space) < 0)
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	for (size_t s = 0; s < galley_doc_nsections(doc) && rc == 0; s++) {
		const galley_section *sec = galley_doc_section(doc, s);
		size_t head = f->v.n;
		if (sec->narticles == 0)
			continue;
		if (sec->title && sec->title[0]) {
			if (add_space(f, fs * theme->contents.section_space) < 0)
				return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
			st = style(f, GALLEY_FACE_BOLD, fs * theme->contents.section_size,
			           L->leading * theme->contents.section_leading, theme->color.text);
			head = f->v.n;
			rc = text_lines(f, sec->title, &st, false, err);
			if (rc == 0 && add_space(f, fs * theme->contents.section_gap) < 0)
				rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		}
		for (size_t k = 0; k < sec->narticles && rc == 0 && a < narts; k++, a++) {
			size_t first = f->v.n;
			rc = entry(f, sec->articles[k], labels[a] ? labels[a] : "?", reserve, compact, err);
			/* a section title stays with its first entry */
			if (rc == 0 && k == 0 && head < first && first < f->v.n)
				f->v.items[first].nobreak_before = true;
		}
	}
	return rc;
}

/* Moves the last `n` pages (with their page info) before the others. */
static int rotate(galley_layout *L, size_t n)
{
	size_t body = L->npages - n;
	galley_dl_page *pg = malloc(n * sizeof *pg);
	gl_pinfo *pi = malloc(n * sizeof *pi);

	if (!pg || !pi) {
		free(pg);
		free(pi);
		return GALLEY_ENOMEM;
	}
	memcpy(pg, L->pages + body, n * sizeof *pg);
	memcpy(pi, L->pinfo + body, n * sizeof *pi);
	memmove(L->pages + n, L->pages, body * sizeof *pg);
	memmove(L->pinfo + n, L->pinfo, body * sizeof *pi);
	memcpy(L->pages, pg, n * sizeof *pg);
	memcpy(L->pinfo, pi, n * sizeof *pi);
	free(pg);
	free(pi);
	return 0;
}

int gl_front_matter(galley_layout *L, galley_error *err)
{
	size_t narts = galley_doc_narticles(L->doc), nbody = L->npages, first = 0, pg = 0;
	const char **labels = calloc(narts ? narts : 1, sizeof *labels);
	gl_fm f;
	int rc = 0;

	memset(&f, 0, sizeof f);
	f.L = L;
	f.fs = L->opts.font_size;
	if (!labels)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	/* each article's first page: the page holding its destination */
	for (size_t a = 0; a < narts; a++) {
		const char *id = galley_doc_article(L->doc, a)->id;
		for (size_t p = pg; p < nbody && !labels[a]; p++)
			for (size_t d = 0; d < L->pages[p].ndests; d++)
				if (L->pages[p].dests[d].name == id) {
					char num[32];
					snprintf(num, sizeof num, "%zu", p + 1);
					labels[a] = gl_arena_strndup(&L->arena, num, strlen(num));
					if (!labels[a]) {
						rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
						goto cleanup;
					}
					pg = p;
					break;
				}
	}
	L->article = NULL;
	rc = masthead(&f, err);
	if (rc == 0)
		rc = contents(&f, labels, err);
	if (rc == 0)
		rc = gl_paginate(L, &f.v, &first, err);
	if (rc < 0)
		goto cleanup;
	L->nfront = L->npages - nbody;
	for (size_t p = nbody; p < L->npages; p++) {
		L->pinfo[p].front = true;
		L->pinfo[p].title_page = p == nbody;
	}
	if (rotate(L, L->nfront) < 0) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < L->noutline; i++)
		L->outline[i].page += L->nfront;
	/* the contents in the outline, first */
	if (L->nfront > 1) {
		if (galley_vec_reserve((void **)&L->outline, &L->coutline, L->noutline + 1, sizeof *L->outline) < 0) {
			rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
			goto cleanup;
		}
		memmove(L->outline + 1, L->outline, L->noutline * sizeof *L->outline);
		L->outline[0].title = "Contents";
		L->outline[0].level = 0;
		L->outline[0].page = 1;
		L->outline[0].y = L->text_top;
		L->noutline++;
	}
cleanup:
	free(labels);
	gl_vlist_free(&f.v);
	return rc;
}
