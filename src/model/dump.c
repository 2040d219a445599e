/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * dump.c: the document model as JSON (`galley dump`), for scripts and for
 * golden tests.  Keys are written in a fixed order; absent fields are
 * omitted; strings are escaped per RFC 8259.  Positions are written as
 * "LINE:COL".  Resolved asset paths are left out (they depend on the
 * machine); the asset's package name, type, size and pixels are kept.
 */
#include <stdio.h>
#include <string.h>

#include "galley/model.h"

typedef struct jw {
	int (*write)(void *ctx, const char *bytes, size_t len);
	void *ctx;
	int failed;
	char buf[4096];
	size_t len;
} jw;

static void jw_flush(jw *w)
{
	if (!w->failed && w->len > 0 && w->write(w->ctx, w->buf, w->len) != 0)
		w->failed = 1;
	w->len = 0;
}

static void jw_raw(jw *w, const char *s, size_t n)
{
	while (n > 0) {
		size_t room = sizeof w->buf - w->len, k = n < room ? n : room;
		memcpy(w->buf + w->len, s, k);
		w->len += k;
		s += k;
		n -= k;
		if (w->len == sizeof w->buf)
			jw_flush(w);
	}
}

static void jw_puts(jw *w, const char *s) { jw_raw(w, s, strlen(s)); }

static void jw_str(jw *w, const char *s, size_t n)
{
	size_t i, start = 0;
	jw_raw(w, "\"", 1);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[8];
		if (c == '"') esc = "\\\"";
		else if (c == '\\') esc = "\\\\";
		else if (c == '\n') esc = "\\n";
		else if (c == '\t') esc = "\\t";
		else if (c == '\r') esc = "\\r";
		else if (c < 0x20) { snprintf(u, sizeof u, "\\u%04x", c); esc = u; }
		if (esc != NULL) {
			jw_raw(w, s + start, i - start);
			jw_puts(w, esc);
			start = i + 1;
		}
	}
	jw_raw(w, s + start, n - start);
	jw_raw(w, "\"", 1);
}

static void jw_key(jw *w, const char *key)
{
	jw_raw(w, ",\"", 2);
	jw_puts(w, key);
	jw_raw(w, "\":", 2);
}

static void jw_kstr(jw *w, const char *key, const char *val)
{
	if (val == NULL)
		return;
	jw_key(w, key);
	jw_str(w, val, strlen(val));
}

static void jw_kint(jw *w, const char *key, long long v)
{
	char num[32];
	jw_key(w, key);
	snprintf(num, sizeof num, "%lld", v);
	jw_puts(w, num);
}

static void jw_pos(jw *w, const galley_pos *pos)
{
	char buf[48];
	snprintf(buf, sizeof buf, "\"pos\":\"%u:%u\"", (unsigned)pos->line, (unsigned)pos->column);
	jw_puts(w, buf);
}

static void jw_list(jw *w, const char *key, const char **items, size_t n)
{
	size_t i;
	if (n == 0)
		return;
	jw_key(w, key);
	jw_raw(w, "[", 1);
	for (i = 0; i < n; i++) {
		if (i)
			jw_raw(w, ",", 1);
		jw_str(w, items[i], strlen(items[i]));
	}
	jw_raw(w, "]", 1);
}

static void jw_date(jw *w, const char *key, const galley_date *d)
{
	char buf[32];
	if (d->year == 0)
		return;
	if (d->has_time) {
		if (d->has_zone) {
			galley_date_iso(d, true, buf);
		} else {
			snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", d->year, d->month,
			         d->day, d->hour, d->minute, d->second);
		}
	} else {
		galley_date_iso(d, false, buf);
	}
	jw_kstr(w, key, buf);
}

static void jw_meta(jw *w, const galley_meta *m)
{
	jw_puts(w, "{\"kind\":\"meta\"");
	jw_kstr(w, "title", m->title);
	jw_kstr(w, "subtitle", m->subtitle);
	jw_list(w, "authors", m->authors, m->nauthors);
	jw_date(w, "date", &m->date);
	jw_kstr(w, "lang", m->lang);
	jw_list(w, "tags", m->tags, m->ntags);
	jw_kstr(w, "source", m->source);
	jw_kstr(w, "publication", m->publication);
	jw_kstr(w, "summary", m->summary);
	jw_kstr(w, "editor", m->editor);
	jw_kstr(w, "publisher", m->publisher);
	jw_kstr(w, "issue", m->issue);
	jw_kstr(w, "identifier", m->identifier);
	jw_kstr(w, "description", m->description);
	jw_kstr(w, "cover", m->cover);
	jw_date(w, "since", &m->since);
	jw_date(w, "until", &m->until);
	if (m->draft) {
		jw_key(w, "draft");
		jw_puts(w, "true");
	}
	jw_raw(w, "}", 1);
}

static const char *const inline_names[] = {
	"text", "emph", "strong", "code", "link", "image", "softbreak", "hardbreak",
	"strike", "noteref", "math", "sup", "sub", "underline", "mark", "small", "abbr",
};

static const char *const block_names[] = {
	"paragraph", "heading", "quote", "list", "item", "code_block", "rule", "figure",
	"table", "table_row", "table_cell", "footnote", "math", "callout", "deflist", "defterm",
	"defdesc",
};

static const char *const callout_names[] = {"note", "tip", "important", "warning", "caution"};

static const char *const align_names[] = {"none", "left", "center", "right"};

static void jw_inlines(jw *w, const galley_inline *in)
{
	int first = 1;
	jw_raw(w, "[", 1);
	for (; in != NULL; in = in->next, first = 0) {
		if (!first)
			jw_raw(w, ",", 1);
		jw_puts(w, "{\"type\":\"");
		jw_puts(w, inline_names[in->type]);
		jw_raw(w, "\",", 2);
		jw_pos(w, &in->pos);
		if (in->type == GALLEY_TEXT || in->type == GALLEY_CODE || in->type == GALLEY_MATH) {
			jw_key(w, "text");
			jw_str(w, in->text, in->len);
		}
		if (in->type == GALLEY_LINK || in->type == GALLEY_IMAGE) {
			jw_kstr(w, "url", in->url);
			jw_kstr(w, "title", in->title);
			if (in->type == GALLEY_IMAGE && in->asset != NULL)
				jw_kstr(w, "asset", in->asset->name);
			if (in->type == GALLEY_LINK && in->target != NULL) {
				jw_kstr(w, "target", in->target->id);
				jw_kstr(w, "anchor", in->anchor);
			}
			if (in->type == GALLEY_IMAGE && in->missing)
				jw_puts(w, ",\"missing\":true");
			if (in->type == GALLEY_IMAGE && in->width > 0)
				jw_kint(w, "width", in->width);
			if (in->type == GALLEY_IMAGE && in->height > 0)
				jw_kint(w, "height", in->height);
		}
		if (in->type == GALLEY_ABBR)
			jw_kstr(w, "title", in->title);
		if (in->type == GALLEY_NOTEREF) {
			jw_kint(w, "number", in->number);
			jw_kint(w, "ref", in->ref);
		}
		if (in->children != NULL) {
			jw_key(w, "children");
			jw_inlines(w, in->children);
		}
		jw_raw(w, "}", 1);
	}
	jw_raw(w, "]", 1);
}

static void jw_blocks(jw *w, const galley_block *b)
{
	int first = 1;
	jw_raw(w, "[", 1);
	for (; b != NULL; b = b->next, first = 0) {
		if (!first)
			jw_raw(w, ",", 1);
		jw_puts(w, "{\"type\":\"");
		jw_puts(w, block_names[b->type]);
		jw_raw(w, "\",", 2);
		jw_pos(w, &b->pos);
		jw_kint(w, "ordinal", b->ordinal);
		if (b->type == GALLEY_HEADING) {
			jw_kint(w, "level", b->level);
			jw_kstr(w, "id", b->id);
		}
		if (b->type == GALLEY_LIST) {
			jw_key(w, "ordered");
			jw_puts(w, b->ordered ? "true" : "false");
			jw_key(w, "tight");
			jw_puts(w, b->tight ? "true" : "false");
			if (b->ordered)
				jw_kint(w, "start", b->start);
		}
		if (b->type == GALLEY_ITEM && b->task != GALLEY_TASK_NONE) {
			jw_key(w, "task");
			jw_puts(w, b->task == GALLEY_TASK_DONE ? "\"done\"" : "\"open\"");
		}
		if (b->type == GALLEY_TABLE) {
			jw_kint(w, "columns", b->ncols);
			jw_key(w, "align");
			jw_raw(w, "[", 1);
			for (uint32_t k = 0; k < b->ncols; k++) {
				if (k)
					jw_raw(w, ",", 1);
				jw_raw(w, "\"", 1);
				jw_puts(w, align_names[b->align[k]]);
				jw_raw(w, "\"", 1);
			}
			jw_raw(w, "]", 1);
		}
		if (b->type == GALLEY_TABLE_ROW && b->header) {
			jw_key(w, "header");
			jw_puts(w, "true");
		}
		if (b->type == GALLEY_FOOTNOTE) {
			jw_kint(w, "number", b->number);
			jw_kstr(w, "label", b->label);
			jw_kint(w, "refs", b->refs);
		}
		if (b->type == GALLEY_CALLOUT)
			jw_kstr(w, "callout", callout_names[b->callout]);
		if (b->type == GALLEY_CODEBLOCK || b->type == GALLEY_MATH_BLOCK) {
			jw_kstr(w, "info", b->info);
			jw_key(w, "text");
			jw_str(w, b->text, b->len);
		}
		if (b->inlines != NULL) {
			jw_key(w, "inlines");
			jw_inlines(w, b->inlines);
		}
		if (b->children != NULL) {
			jw_key(w, "children");
			jw_blocks(w, b->children);
		}
		jw_raw(w, "}", 1);
	}
	jw_raw(w, "]", 1);
}

int galley_doc_dump_json(const galley_doc *doc,
                         int (*write)(void *ctx, const char *bytes, size_t len),
                         void *ctx, galley_error *err)
{
	jw w;
	size_t i, j;
	memset(&w, 0, sizeof w);
	w.write = write;
	w.ctx = ctx;

	jw_puts(&w, "{\"galley\":1,\"meta\":");
	jw_meta(&w, galley_doc_meta_const(doc));
	jw_puts(&w, ",\n\"sections\":[");
	for (i = 0; i < galley_doc_nsections(doc); i++) {
		const galley_section *s = galley_doc_section(doc, i);
		jw_puts(&w, i ? ",\n{" : "\n{");
		jw_puts(&w, "\"kind\":\"section\"");
		jw_kstr(&w, "title", s->title);
		jw_kstr(&w, "id", s->id);
		jw_puts(&w, ",\"articles\":[");
		for (j = 0; j < s->narticles; j++) {
			const galley_article *a = s->articles[j];
			jw_puts(&w, j ? ",\n{" : "\n{");
			jw_puts(&w, "\"kind\":\"article\"");
			jw_kstr(&w, "path", a->path);
			jw_kstr(&w, "id", a->id);
			jw_kint(&w, "words", (long long)a->words);
			jw_kint(&w, "minutes", a->minutes);
			jw_key(&w, "meta");
			jw_meta(&w, &a->meta);
			jw_puts(&w, ",\n\"blocks\":");
			jw_blocks(&w, a->blocks);
			if (a->notes != NULL) {
				jw_puts(&w, ",\n\"notes\":");
				jw_blocks(&w, a->notes);
			}
			jw_raw(&w, "}", 1);
		}
		jw_puts(&w, "]}");
	}
	jw_puts(&w, "],\n\"assets\":[");
	for (i = 0; i < galley_doc_nassets(doc); i++) {
		const galley_asset *a = galley_doc_asset(doc, i);
		jw_puts(&w, i ? ",{" : "{");
		jw_puts(&w, "\"kind\":\"asset\"");
		jw_kstr(&w, "name", a->name);
		jw_kstr(&w, "media_type", a->media_type);
		jw_kint(&w, "width", a->width);
		jw_kint(&w, "height", a->height);
		jw_kint(&w, "size", (long long)a->size);
		jw_raw(&w, "}", 1);
	}
	jw_puts(&w, "],\n\"warnings\":[");
	for (i = 0; i < galley_doc_ndiags(doc); i++) {
		const galley_diag *d = galley_doc_diag(doc, i);
		jw_puts(&w, i ? ",{" : "{");
		jw_puts(&w, d->severity == GALLEY_WARNING ? "\"severity\":\"warning\""
		            : d->severity == GALLEY_ERROR ? "\"severity\":\"error\"" : "\"severity\":\"note\"");
		jw_kstr(&w, "file", d->pos.file);
		jw_kint(&w, "line", d->pos.line);
		jw_kint(&w, "column", d->pos.column);
		jw_kstr(&w, "message", d->message);
		jw_raw(&w, "}", 1);
	}
	jw_puts(&w, "]}\n");
	jw_flush(&w);
	if (w.failed)
		return galley_error_set(err, GALLEY_EIO, NULL, "could not write the JSON dump");
	return 0;
}
