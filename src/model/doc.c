/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * doc.c: the document container (galley/model.h): building, accessors,
 * warnings and the page map.
 *
 * Nodes and strings live in the document's arena.  The few arrays that
 * grow while a document is built (sections, articles of a section, assets,
 * warnings, the flat article list, the page map) are malloc'ed vectors
 * owned by the document, since an arena cannot give memory back when an
 * array doubles.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "galley/model.h"
#include "model/absorb.h"
#include "base/arena.h"
#include "model/doc_impl.h"

galley_doc *galley_doc_new(void)
{
	galley_doc *doc = calloc(1, sizeof *doc);
	return doc;
}

void galley_doc_free(galley_doc *doc)
{
	size_t i;
	if (doc == NULL)
		return;
	for (i = 0; i < doc->nsections; i++)
		free(doc->sections[i]->pub.articles);
	free(doc->sections);
	free(doc->flat);
	free(doc->assets);
	free(doc->diags);
	galley_arena_release(&doc->arena);
	free(doc);
}

int galley_doc_absorb(galley_doc *into, galley_doc *from)
{
	static const galley_meta no_meta;

	if (into == NULL || from == NULL || into == from || from->nsections || from->nflat ||
	    from->nassets || from->ndiags || memcmp(&from->meta, &no_meta, sizeof no_meta) != 0)
		return -1;
	galley_arena_absorb(&into->arena, &from->arena);
	galley_doc_free(from);
	return 0;
}

void *galley_doc_alloc(galley_doc *doc, size_t size)
{
	return galley_arena_alloc(&doc->arena, size);
}

char *galley_doc_strndup(galley_doc *doc, const char *s, size_t len)
{
	char *p;
	if (s == NULL || len == (size_t)-1)
		return NULL;
	p = galley_arena_alloc(&doc->arena, len + 1);
	if (p == NULL)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *galley_doc_strdup(galley_doc *doc, const char *s)
{
	return s ? galley_doc_strndup(doc, s, strlen(s)) : NULL;
}

static char *doc_vprintf(galley_doc *doc, const char *fmt, va_list ap)
{
	va_list aq;
	int n;
	char *p;
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return NULL;
	p = galley_arena_alloc(&doc->arena, (size_t)n + 1);
	if (p == NULL)
		return NULL;
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *galley_doc_printf(galley_doc *doc, const char *fmt, ...)
{
	va_list ap;
	char *p;
	va_start(ap, fmt);
	p = doc_vprintf(doc, fmt, ap);
	va_end(ap);
	return p;
}

galley_block *galley_doc_new_block(galley_doc *doc, galley_block_type type, galley_pos pos)
{
	galley_block *b = galley_arena_alloc(&doc->arena, sizeof *b);
	if (b != NULL) {
		b->type = type;
		b->pos = pos;
	}
	return b;
}

galley_inline *galley_doc_new_inline(galley_doc *doc, galley_inline_type type, galley_pos pos)
{
	galley_inline *in = galley_arena_alloc(&doc->arena, sizeof *in);
	if (in != NULL) {
		in->type = type;
		in->pos = pos;
	}
	return in;
}

galley_section *galley_doc_add_section(galley_doc *doc, const char *title)
{
	doc_section *s;
	if (galley_vec_reserve((void **)&doc->sections, &doc->csections, doc->nsections + 1,
	                       sizeof *doc->sections) < 0)
		return NULL;
	s = galley_arena_alloc(&doc->arena, sizeof *s);
	if (s == NULL)
		return NULL;
	if (title != NULL && (s->pub.title = galley_doc_strdup(doc, title)) == NULL)
		return NULL;
	doc->sections[doc->nsections++] = s;
	doc->finished = false;
	return &s->pub;
}

static doc_section *section_impl(galley_doc *doc, galley_section *section)
{
	size_t i;
	for (i = 0; i < doc->nsections; i++)
		if (&doc->sections[i]->pub == section)
			return doc->sections[i];
	return NULL;
}

galley_article *galley_doc_add_article(galley_doc *doc, galley_section *section, const char *path)
{
	doc_section *s;
	galley_article *a;
	if (section == NULL) {
		if (doc->nsections == 0 && galley_doc_add_section(doc, NULL) == NULL)
			return NULL;
		s = doc->sections[doc->nsections - 1];
	} else if ((s = section_impl(doc, section)) == NULL) {
		return NULL;
	}
	if (galley_vec_reserve((void **)&s->pub.articles, &s->cap, s->pub.narticles + 1,
	                       sizeof *s->pub.articles) < 0)
		return NULL;
	a = galley_arena_alloc(&doc->arena, sizeof *a);
	if (a == NULL)
		return NULL;
	a->path = galley_doc_strdup(doc, path ? path : "<memory>");
	if (a->path == NULL)
		return NULL;
	a->pos.file = a->path;
	a->pos.line = 1;
	a->pos.column = 1;
	s->pub.articles[s->pub.narticles++] = a;
	doc->finished = false;
	return a;
}

void galley_doc_remove_article(galley_doc *doc, galley_article *article)
{
	size_t i, j;
	for (i = 0; i < doc->nsections; i++) {
		galley_section *s = &doc->sections[i]->pub;
		for (j = 0; j < s->narticles; j++) {
			if (s->articles[j] != article)
				continue;
			memmove(&s->articles[j], &s->articles[j + 1],
			        (s->narticles - j - 1) * sizeof *s->articles);
			s->narticles--;
			if (s->narticles == 0) {
				free(s->articles);
				memmove(&doc->sections[i], &doc->sections[i + 1],
				        (doc->nsections - i - 1) * sizeof *doc->sections);
				doc->nsections--;
			}
			doc->finished = false;
			return;
		}
	}
}

const galley_asset *galley_doc_lookup_asset(const galley_doc *doc, const char *path)
{
	size_t i;
	if (path == NULL)
		return NULL;
	for (i = 0; i < doc->nassets; i++)
		if (strcmp(doc->assets[i]->path, path) == 0)
			return doc->assets[i];
	return NULL;
}

const galley_asset *galley_doc_add_asset(galley_doc *doc, const galley_asset *asset)
{
	galley_asset *a;
	if (galley_vec_reserve((void **)&doc->assets, &doc->cassets, doc->nassets + 1,
	                       sizeof *doc->assets) < 0)
		return NULL;
	a = galley_arena_alloc(&doc->arena, sizeof *a);
	if (a == NULL)
		return NULL;
	*a = *asset;
	a->index = (uint32_t)doc->nassets;
	if (a->name == NULL) {
		static const char *const exts[][2] = {
			{"image/jpeg", "jpg"}, {"image/gif", "gif"}, {"image/webp", "webp"},
			{"image/svg+xml", "svg"},
		};
		const char *ext = "png";
		for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
			if (a->media_type && strcmp(a->media_type, exts[i][0]) == 0)
				ext = exts[i][1];
		a->name = galley_doc_printf(doc, "image-%u.%s", (unsigned)a->index + 1, ext);
		if (a->name == NULL)
			return NULL;
	}
	doc->assets[doc->nassets++] = a;
	return a;
}

int galley_doc_warn(galley_doc *doc, galley_severity severity, const galley_pos *pos,
                    const char *fmt, ...)
{
	va_list ap;
	galley_diag *d;
	char *msg;
	if (galley_vec_reserve((void **)&doc->diags, &doc->cdiags, doc->ndiags + 1,
	                       sizeof *doc->diags) < 0)
		return GALLEY_ENOMEM;
	va_start(ap, fmt);
	msg = doc_vprintf(doc, fmt, ap);
	va_end(ap);
	if (msg == NULL)
		return GALLEY_ENOMEM;
	d = &doc->diags[doc->ndiags++];
	d->severity = severity;
	d->message = msg;
	d->pos.file = NULL;
	d->pos.line = d->pos.column = 0;
	if (pos != NULL) {
		d->pos = *pos;
		if (pos->file != NULL && (d->pos.file = galley_doc_strdup(doc, pos->file)) == NULL) {
			doc->ndiags--;
			return GALLEY_ENOMEM;
		}
	}
	return 0;
}

galley_meta *galley_doc_meta(galley_doc *doc) { return &doc->meta; }
const galley_meta *galley_doc_meta_const(const galley_doc *doc) { return &doc->meta; }

size_t galley_doc_nsections(const galley_doc *doc) { return doc->nsections; }

galley_section *galley_doc_section(const galley_doc *doc, size_t i)
{
	return i < doc->nsections ? &doc->sections[i]->pub : NULL;
}

size_t galley_doc_narticles(const galley_doc *doc) { return doc->nflat; }

galley_article *galley_doc_article(const galley_doc *doc, size_t i)
{
	return i < doc->nflat ? doc->flat[i] : NULL;
}

size_t galley_doc_nassets(const galley_doc *doc) { return doc->nassets; }

const galley_asset *galley_doc_asset(const galley_doc *doc, size_t i)
{
	return i < doc->nassets ? doc->assets[i] : NULL;
}

size_t galley_doc_ndiags(const galley_doc *doc) { return doc->ndiags; }

const galley_diag *galley_doc_diag(const galley_doc *doc, size_t i)
{
	return i < doc->ndiags ? &doc->diags[i] : NULL;
}

const char *galley_doc_display_title(const galley_doc *doc)
{
	if (doc->meta.title != NULL && doc->meta.title[0] != '\0')
		return doc->meta.title;
	if (doc->nflat >= 1 && doc->flat[0]->meta.title != NULL && doc->flat[0]->meta.title[0] != '\0')
		return doc->flat[0]->meta.title;
	return "Untitled";
}
