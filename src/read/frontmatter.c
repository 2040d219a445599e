/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * read/frontmatter.c: the metadata block at the top of an article.
 *
 *   ---                        +++
 *   title: A YAML block        title = "or a TOML block"
 *   ---   (or ...)             +++
 *
 * Both syntaxes are parsed into the same small tree (fm_node: scalars,
 * lists, tables, each with its position), and one mapper turns the tree
 * into galley_meta, so a key means the same thing and is checked the same
 * way whichever syntax wrote it.
 *
 * YAML goes through libyaml's event parser.  libyaml types nothing (every
 * scalar is a string) and accepts duplicate keys, so this file types plain
 * scalars by the YAML 1.2 core schema (null, bool, int, float, else string)
 * and rejects duplicate keys itself.  libyaml's marks are 0-based and
 * relative to the block; they are moved to file lines here.
 *
 * Keys (others are ignored): title, subtitle, author/authors (a string or a
 * list), date (ISO 8601, or Jekyll's "2019-04-25 9:00:00 +0100"),
 * lang/language, tags (a list or a comma-separated string) and with them
 * categories/category (Jekyll: a list, or a string of words), source/url,
 * publication, summary/description/excerpt/spoiler, draft (true: a digest
 * leaves the article out; Jekyll's published: false says the same).  The
 * tables `taxonomies` and `extra` (Zola, Hugo) are searched for keys the
 * top level does not set.  Without a date, the file's name may give one
 * (read_fm_date_from_path).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "read/internal.h"

fm_node *read_fm_new(read_ctx *ctx, fm_kind kind, galley_pos pos)
{
	fm_node *node = galley_doc_alloc(ctx->doc, sizeof *node);
	if (node == NULL)
		return NULL;
	node->kind = kind;
	node->pos = pos;
	return node;
}

void read_fm_append(fm_node *parent, fm_node *child)
{
	if (parent->last != NULL)
		parent->last->next = child;
	else
		parent->children = child;
	parent->last = child;
}

static int oom(read_ctx *ctx)
{
	return galley_error_set(ctx->err, GALLEY_ENOMEM, NULL, "out of memory reading %s", ctx->file);
}

/* ---- fences ---------------------------------------------------------------- */

/* Whether the line at `s` (ending at '\n' or NUL) is exactly `fence`
 * followed only by spaces or tabs.  Sets *next to the start of the next line. */
static bool fence_line(const char *s, const char *fence, const char **next)
{
	size_t n = strlen(fence);
	const char *p;
	if (strncmp(s, fence, n) != 0)
		return false;
	p = s + n;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\n' && *p != '\0')
		return false;
	*next = *p == '\n' ? p + 1 : p;
	return true;
}

/* ---- YAML -> fm_node -------------------------------------------------------- */

typedef struct yaml_walk {
	read_ctx *ctx;
	yaml_parser_t parser;
	uint32_t first_line;  /* file line of the block's first line */
} yaml_walk;

static galley_pos yaml_pos(const yaml_walk *w, yaml_mark_t mark)
{
	galley_pos pos;
	pos.file = w->ctx->file;
	pos.line = w->first_line + (uint32_t)mark.line;
	pos.column = (uint32_t)mark.column + 1;
	return pos;
}

static int yaml_next(yaml_walk *w, yaml_event_t *ev)
{
	galley_pos pos;
	const char *problem;
	if (yaml_parser_parse(&w->parser, ev))
		return 0;
	if (w->parser.error == YAML_MEMORY_ERROR)
		return oom(w->ctx);
	pos = yaml_pos(w, w->parser.problem_mark);
	problem = w->parser.problem ? w->parser.problem : "malformed YAML";
	if (w->parser.context != NULL)
		return galley_error_set(w->ctx->err, GALLEY_ESYNTAX, &pos, "YAML syntax error: %s %s",
		                        w->parser.context, problem);
	return galley_error_set(w->ctx->err, GALLEY_ESYNTAX, &pos, "YAML syntax error: %s", problem);
}

static bool is_one_of(const char *s, const char *const *words)
{
	for (; *words != NULL; words++)
		if (strcmp(s, *words) == 0)
			return true;
	return false;
}

static bool all_in(const char *s, const char *set)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (strchr(set, *s) == NULL)
			return false;
	return true;
}

/* YAML 1.2 core schema typing of a plain scalar. */
static fm_kind plain_kind(const char *s)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL", NULL};
	static const char *const bools[] = {"true", "True", "TRUE", "false", "False", "FALSE", NULL};
	static const char *const specials[] = {".inf", ".Inf", ".INF", "+.inf", "-.inf", ".nan",
	                                       ".NaN", ".NAN", NULL};
	const char *p = s;
	bool digits = false, dot = false;

	if (is_one_of(s, nulls))
		return FM_NULL;
	if (is_one_of(s, bools))
		return FM_BOOL;
	if (is_one_of(s, specials))
		return FM_FLOAT;
	if ((strncmp(s, "0x", 2) == 0 && all_in(s + 2, "0123456789abcdefABCDEF")) ||
	    (strncmp(s, "0o", 2) == 0 && all_in(s + 2, "01234567")))
		return FM_INTEGER;
	if (*p == '+' || *p == '-')
		p++;
	while ((*p >= '0' && *p <= '9') || *p == '.') {
		if (*p == '.') {
			if (dot)
				return FM_STRING;
			dot = true;
		} else {
			digits = true;
		}
		p++;
	}
	if (!digits)
		return FM_STRING;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!all_in(p, "0123456789"))
			return FM_STRING;
		return FM_FLOAT;
	}
	if (*p != '\0')
		return FM_STRING;
	return dot ? FM_FLOAT : FM_INTEGER;
}

static int yaml_value(yaml_walk *w, yaml_event_t *ev, int depth, fm_node **out);

/* Reads the members of a mapping whose MAPPING_START was consumed. */
static int yaml_mapping(yaml_walk *w, fm_node *table, int depth)
{
	yaml_event_t ev;
	fm_node *value, *m;
	galley_pos kpos;
	char *key;
	int rc;

	for (;;) {
		if ((rc = yaml_next(w, &ev)) < 0)
			return rc;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			return 0;
		}
		kpos = yaml_pos(w, ev.start_mark);
		if (ev.type != YAML_SCALAR_EVENT) {
			yaml_event_delete(&ev);
			return galley_error_set(w->ctx->err, GALLEY_ETYPE, &kpos,
			                        "front matter keys must be plain words");
		}
		key = galley_doc_strndup(w->ctx->doc, (const char *)ev.data.scalar.value,
		                         ev.data.scalar.length);
		yaml_event_delete(&ev);
		if (key == NULL)
			return oom(w->ctx);
		for (m = table->children; m != NULL; m = m->next) {
			if (strcmp(m->key, key) == 0)
				return galley_error_set(w->ctx->err, GALLEY_ESYNTAX, &kpos,
				                        "duplicate key '%s' (first given on line %u)",
				                        key, (unsigned)m->key_pos.line);
		}
		if ((rc = yaml_next(w, &ev)) < 0)
			return rc;
		rc = yaml_value(w, &ev, depth + 1, &value);
		yaml_event_delete(&ev);
		if (rc < 0)
			return rc;
		value->key = key;
		value->key_pos = kpos;
		read_fm_append(table, value);
	}
}

/* Builds the node for the value that starts with `ev` (which the caller
 * deletes), consuming the events of its content. */
static int yaml_value(yaml_walk *w, yaml_event_t *ev, int depth, fm_node **out)
{
	galley_pos pos = yaml_pos(w, ev->start_mark);
	yaml_event_t item_ev;
	fm_node *node = NULL, *item;
	int rc = 0;

	*out = NULL;
	if (depth > GALLEY_READ_MAX_FM_DEPTH)
		return galley_error_set(w->ctx->err, GALLEY_ELIMIT, &pos,
		                        "front matter nested deeper than GALLEY_READ_MAX_FM_DEPTH (%d)",
		                        GALLEY_READ_MAX_FM_DEPTH);
	switch (ev->type) {
	case YAML_SCALAR_EVENT: {
		const char *tag = (const char *)ev->data.scalar.tag;
		node = read_fm_new(w->ctx, FM_STRING, pos);
		if (node == NULL)
			return oom(w->ctx);
		node->text = galley_doc_strndup(w->ctx->doc, (const char *)ev->data.scalar.value,
		                                ev->data.scalar.length);
		if (node->text == NULL)
			return oom(w->ctx);
		node->len = ev->data.scalar.length;
		if (tag != NULL && strcmp(tag, YAML_STR_TAG) == 0)
			node->kind = FM_STRING;
		else if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
			node->kind = plain_kind(node->text);
		break;
	}
	case YAML_SEQUENCE_START_EVENT:
		node = read_fm_new(w->ctx, FM_LIST, pos);
		if (node == NULL)
			return oom(w->ctx);
		for (;;) {
			if ((rc = yaml_next(w, &item_ev)) < 0)
				return rc;
			if (item_ev.type == YAML_SEQUENCE_END_EVENT) {
				yaml_event_delete(&item_ev);
				break;
			}
			rc = yaml_value(w, &item_ev, depth + 1, &item);
			yaml_event_delete(&item_ev);
			if (rc < 0)
				return rc;
			read_fm_append(node, item);
		}
		break;
	case YAML_MAPPING_START_EVENT:
		node = read_fm_new(w->ctx, FM_TABLE, pos);
		if (node == NULL)
			return oom(w->ctx);
		if ((rc = yaml_mapping(w, node, depth)) < 0)
			return rc;
		break;
	default: /* an alias */
		node = read_fm_new(w->ctx, FM_OTHER, pos);
		if (node == NULL)
			return oom(w->ctx);
		break;
	}
	*out = node;
	return 0;
}

/* Parses the YAML block `src` (first line at file line `first_line`). */
static int yaml_parse(read_ctx *ctx, const char *src, size_t len, uint32_t first_line,
                      fm_node **out)
{
	yaml_walk w;
	yaml_event_t ev;
	bool have_event = false;
	fm_node *root = NULL;
	galley_pos pos = {ctx->file, first_line, 1};
	int rc = 0;

	*out = NULL;
	memset(&w, 0, sizeof w);
	w.ctx = ctx;
	w.first_line = first_line;
	if (!yaml_parser_initialize(&w.parser))
		return oom(ctx);
	yaml_parser_set_input_string(&w.parser, (const unsigned char *)src, len);
	yaml_parser_set_encoding(&w.parser, YAML_UTF8_ENCODING);

	/* STREAM-START, then DOCUMENT-START or (empty block) STREAM-END. */
	if ((rc = yaml_next(&w, &ev)) < 0)
		goto cleanup;
	yaml_event_delete(&ev);
	if ((rc = yaml_next(&w, &ev)) < 0)
		goto cleanup;
	if (ev.type == YAML_STREAM_END_EVENT) {
		yaml_event_delete(&ev);
		goto cleanup;
	}
	yaml_event_delete(&ev);
	if ((rc = yaml_next(&w, &ev)) < 0)
		goto cleanup;
	have_event = true;
	if ((rc = yaml_value(&w, &ev, 0, &root)) < 0)
		goto cleanup;
	if (root->kind == FM_NULL) {
		root = NULL;
	} else if (root->kind != FM_TABLE) {
		rc = galley_error_set(ctx->err, GALLEY_ETYPE, &root->pos,
		                      "front matter must be a list of 'key: value' lines");
		goto cleanup;
	}
	yaml_event_delete(&ev);
	have_event = false;
	/* DOCUMENT-END, then a second document would be an error. */
	if ((rc = yaml_next(&w, &ev)) < 0)
		goto cleanup;
	yaml_event_delete(&ev);
	if ((rc = yaml_next(&w, &ev)) < 0)
		goto cleanup;
	if (ev.type != YAML_STREAM_END_EVENT) {
		pos = yaml_pos(&w, ev.start_mark);
		yaml_event_delete(&ev);
		rc = galley_error_set(ctx->err, GALLEY_ESYNTAX, &pos,
		                      "front matter holds more than one YAML document");
		goto cleanup;
	}
	yaml_event_delete(&ev);
	*out = root;

cleanup:
	if (have_event)
		yaml_event_delete(&ev);
	yaml_parser_delete(&w.parser);
	return rc;
}

/* ---- fm_node -> galley_meta ------------------------------------------------- */

static const char *kind_name(fm_kind kind)
{
	switch (kind) {
	case FM_NULL: return "nothing";
	case FM_STRING: return "a string";
	case FM_INTEGER: return "a number";
	case FM_FLOAT: return "a number";
	case FM_BOOL: return "a boolean";
	case FM_DATE: return "a date";
	case FM_LIST: return "a list";
	case FM_TABLE: return "a table";
	case FM_OTHER: return "an alias";
	}
	return "a value";
}

static int wrong_type(read_ctx *ctx, const fm_node *v, const char *key, const char *expected)
{
	if (v->kind == FM_STRING || v->kind == FM_INTEGER || v->kind == FM_FLOAT ||
	    v->kind == FM_BOOL || v->kind == FM_DATE)
		return galley_error_set(ctx->err, GALLEY_ETYPE, &v->pos,
		                        "%s: expected %s, found %s '%.60s'", key, expected,
		                        kind_name(v->kind), v->text);
	return galley_error_set(ctx->err, GALLEY_ETYPE, &v->pos, "%s: expected %s, found %s",
	                        key, expected, kind_name(v->kind));
}

/* A metadata string from scalar text: trimmed, tabs and line breaks turned
 * into spaces, control characters refused (escapes can produce them).
 * *out is NULL when the text is empty. */
static int clean_string(read_ctx *ctx, const fm_node *v, const char *key,
                        const char *s, size_t len, const char **out)
{
	char *copy;
	size_t i;

	*out = NULL;
	while (len > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
	                   s[len - 1] == '\r'))
		len--;
	if (len == 0)
		return 0;
	copy = galley_doc_strndup(ctx->doc, s, len);
	if (copy == NULL)
		return oom(ctx);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)copy[i];
		if (c == '\t' || c == '\n' || c == '\r')
			copy[i] = ' ';
		else if (c < 0x20 || c == 0x7F)
			return galley_error_set(ctx->err, GALLEY_ETYPE, &v->pos,
			                        "%s: control character U+%04X in the value", key, c);
	}
	*out = copy;
	return 0;
}

/* A single line of text: strings, and numbers written as text (a title
 * like 1984).  NULL values leave *out untouched. */
static int meta_text(read_ctx *ctx, const fm_node *v, const char *key, const char **out)
{
	if (v->kind == FM_NULL)
		return 0;
	if (v->kind != FM_STRING && v->kind != FM_INTEGER && v->kind != FM_FLOAT)
		return wrong_type(ctx, v, key, "a string");
	return clean_string(ctx, v, key, v->text, v->len, out);
}

/* A list of strings from a list value, or from one string split at
 * `separator` (0: not split). */
static int meta_list(read_ctx *ctx, const fm_node *v, const char *key, char separator,
                     const char ***out, size_t *count)
{
	const fm_node *item;
	const char **items;
	size_t n = 0, cap = 0;
	int rc;

	if (v->kind == FM_NULL)
		return 0;
	if (v->kind == FM_STRING) {
		const char *p = v->text, *end = v->text + v->len, *cut;
		cap = 1;
		for (cut = p; cut < end; cut++)
			if (separator != 0 && *cut == separator)
				cap++;
		items = galley_doc_alloc(ctx->doc, cap * sizeof *items);
		if (items == NULL)
			return oom(ctx);
		while (p <= end) {
			cut = separator != 0 ? memchr(p, separator, (size_t)(end - p)) : NULL;
			if (cut == NULL)
				cut = end;
			if ((rc = clean_string(ctx, v, key, p, (size_t)(cut - p), &items[n])) < 0)
				return rc;
			if (items[n] != NULL)
				n++;
			p = cut + 1;
		}
	} else if (v->kind == FM_LIST) {
		for (item = v->children; item != NULL; item = item->next)
			cap++;
		items = galley_doc_alloc(ctx->doc, (cap ? cap : 1) * sizeof *items);
		if (items == NULL)
			return oom(ctx);
		for (item = v->children; item != NULL; item = item->next) {
			if (item->kind == FM_NULL)
				continue;
			if (item->kind != FM_STRING && item->kind != FM_INTEGER)
				return wrong_type(ctx, item, key, "a string in the list");
			if ((rc = clean_string(ctx, item, key, item->text, item->len, &items[n])) < 0)
				return rc;
			if (items[n] != NULL)
				n++;
		}
	} else {
		return wrong_type(ctx, v, key, separator ? "a list or a comma-separated string"
		                                         : "a string or a list of strings");
	}
	*out = items;
	*count = n;
	return 0;
}

static int meta_date(read_ctx *ctx, const fm_node *v, const char *key, galley_date *out)
{
	if (v->kind == FM_NULL)
		return 0;
	if ((v->kind != FM_STRING && v->kind != FM_DATE) || galley_date_parse(v->text, out) < 0)
		return galley_error_set(ctx->err, GALLEY_ETYPE, &v->pos,
		                        "%s: expected an ISO 8601 date (YYYY-MM-DD, optionally "
		                        "THH:MM[:SS] and a zone), found %s%s%.60s%s", key,
		                        kind_name(v->kind), v->text ? " '" : "",
		                        v->text ? v->text : "", v->text ? "'" : "");
	return 0;
}

/* Language tags are written into XML attributes and hyphenation lookups:
 * letters, digits, '-' (and '_' turned into '-'). */
static int meta_lang(read_ctx *ctx, const fm_node *v, const char *key, const char **out)
{
	const char *s = NULL;
	char *p;
	int rc = meta_text(ctx, v, key, &s);
	if (rc < 0 || s == NULL)
		return rc;
	for (p = (char *)s; *p; p++) {
		bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		          (*p >= '0' && *p <= '9') || *p == '-' || *p == '_';
		if (!ok)
			return galley_error_set(ctx->err, GALLEY_ETYPE, &v->pos,
			                        "%s: '%.60s' is not a language tag like en or en-US", key, s);
		if (*p == '_')
			*p = '-';
	}
	*out = s;
	return 0;
}

/* Applies one key.  Keys already set (from the top level, or an earlier
 * synonym) are left alone: `seen_*` flags say which are set. */
typedef struct meta_seen {
	bool title, subtitle, authors, date, lang, tags, source, publication, summary, categories, draft;
	const char **categories_list;  /* merged into the tags at the end */
	size_t ncategories;
} meta_seen;

/* A yes-or-no value: a boolean, or a string that spells one. */
static int meta_flag(read_ctx *ctx, const fm_node *v, const char *key, bool *out)
{
	static const char *const yes[] = {"true", "yes", "on", NULL}, *const no[] = {"false", "no", "off", NULL};
	if (v->kind == FM_NULL)
		return 0;
	if (v->kind == FM_BOOL || v->kind == FM_STRING) {
		for (int i = 0; yes[i] != NULL; i++) {
			if (strcasecmp(v->text, yes[i]) == 0) {
				*out = true;
				return 0;
			}
			if (strcasecmp(v->text, no[i]) == 0) {
				*out = false;
				return 0;
			}
		}
	}
	return wrong_type(ctx, v, key, "true or false");
}

static int apply_key(read_ctx *ctx, const fm_node *v, galley_meta *meta, meta_seen *seen)
{
	const char *k = v->key;
	int rc = 0;

	if (strcmp(k, "title") == 0 && !seen->title) {
		seen->title = true;
		rc = meta_text(ctx, v, k, &meta->title);
	} else if (strcmp(k, "subtitle") == 0 && !seen->subtitle) {
		seen->subtitle = true;
		rc = meta_text(ctx, v, k, &meta->subtitle);
	} else if ((strcmp(k, "author") == 0 || strcmp(k, "authors") == 0) && !seen->authors) {
		seen->authors = true;
		rc = meta_list(ctx, v, k, 0, &meta->authors, &meta->nauthors);
	} else if (strcmp(k, "date") == 0 && !seen->date) {
		seen->date = true;
		rc = meta_date(ctx, v, k, &meta->date);
	} else if ((strcmp(k, "lang") == 0 || strcmp(k, "language") == 0) && !seen->lang) {
		seen->lang = true;
		rc = meta_lang(ctx, v, k, &meta->lang);
	} else if (strcmp(k, "tags") == 0 && !seen->tags) {
		seen->tags = true;
		rc = meta_list(ctx, v, k, ',', &meta->tags, &meta->ntags);
	} else if ((strcmp(k, "source") == 0 || strcmp(k, "url") == 0) && !seen->source) {
		seen->source = true;
		rc = meta_text(ctx, v, k, &meta->source);
	} else if (strcmp(k, "publication") == 0 && !seen->publication) {
		seen->publication = true;
		rc = meta_text(ctx, v, k, &meta->publication);
	} else if ((strcmp(k, "summary") == 0 || strcmp(k, "description") == 0 ||
	            strcmp(k, "excerpt") == 0 || strcmp(k, "spoiler") == 0) && !seen->summary) {
		seen->summary = true;
		rc = meta_text(ctx, v, k, &meta->summary);
	} else if ((strcmp(k, "categories") == 0 || strcmp(k, "category") == 0) && !seen->categories) {
		/* Jekyll splits a string of categories at spaces */
		char sep = v->kind == FM_STRING && memchr(v->text, ',', v->len) == NULL ? ' ' : ',';
		seen->categories = true;
		rc = meta_list(ctx, v, k, strcmp(k, "category") == 0 ? 0 : sep, &seen->categories_list,
		               &seen->ncategories);
	} else if ((strcmp(k, "draft") == 0 || strcmp(k, "published") == 0) && !seen->draft) {
		bool flag = strcmp(k, "draft") != 0;
		seen->draft = true;
		rc = meta_flag(ctx, v, k, &flag);
		meta->draft = strcmp(k, "draft") == 0 ? flag : !flag;
	}
	return rc;
}

/* The tags, then the categories that are not among them already (ASCII
 * case aside). */
static int merge_categories(read_ctx *ctx, galley_meta *meta, const meta_seen *seen)
{
	const char **all;
	size_t n = meta->ntags;

	if (seen->ncategories == 0)
		return 0;
	all = galley_doc_alloc(ctx->doc, (meta->ntags + seen->ncategories) * sizeof *all);
	if (all == NULL)
		return oom(ctx);
	for (size_t i = 0; i < meta->ntags; i++)
		all[i] = meta->tags[i];
	for (size_t i = 0; i < seen->ncategories; i++) {
		bool dup = false;
		for (size_t j = 0; j < n && !dup; j++)
			dup = strcasecmp(all[j], seen->categories_list[i]) == 0;
		if (!dup)
			all[n++] = seen->categories_list[i];
	}
	meta->tags = all;
	meta->ntags = n;
	return 0;
}

/* Maps a front matter table into `meta`.  A key and its synonym: the one
 * written first wins (summary before description when both appear at the
 * same level: summary is looked at first). */
static int apply_table(read_ctx *ctx, const fm_node *root, galley_meta *meta)
{
	static const char *const nested[] = {"taxonomies", "extra", NULL};
	meta_seen seen;
	const fm_node *v, *w;
	size_t t;
	int rc;

	memset(&seen, 0, sizeof seen);
	for (v = root->children; v != NULL; v = v->next)
		if (strcmp(v->key, "summary") == 0 && (rc = apply_key(ctx, v, meta, &seen)) < 0)
			return rc;
	for (v = root->children; v != NULL; v = v->next)
		if ((rc = apply_key(ctx, v, meta, &seen)) < 0)
			return rc;
	for (t = 0; nested[t] != NULL; t++) {
		for (v = root->children; v != NULL; v = v->next) {
			if (strcmp(v->key, nested[t]) != 0 || v->kind != FM_TABLE)
				continue;
			for (w = v->children; w != NULL; w = w->next)
				if ((rc = apply_key(ctx, w, meta, &seen)) < 0)
					return rc;
		}
	}
	return merge_categories(ctx, meta, &seen);
}

/* Whether s starts with a valid "YYYY-MM-DD" followed by '-' or '_';
 * the date into *out. */
static bool dated_name(const char *s, size_t n, galley_date *out)
{
	char day[11];
	if (n < 11 || (s[10] != '-' && s[10] != '_'))
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	return galley_date_parse(day, out) == 0;
}

void read_fm_date_from_path(const char *path, galley_date *out)
{
	const char *name = strrchr(path, '/'), *dir_end;
	size_t n;

	name = name != NULL ? name + 1 : path;
	n = strlen(name);
	if (dated_name(name, n, out))
		return;
	/* a page bundle: the folder is dated, the file is index.md */
	if ((strcmp(name, "index.md") != 0 && strcmp(name, "_index.md") != 0) || name == path)
		return;
	dir_end = name - 1;
	while (dir_end > path && dir_end[-1] != '/')
		dir_end--;
	dated_name(dir_end, (size_t)(name - 1 - dir_end), out);
}

/* ---- entry point ------------------------------------------------------------- */

int read_front_matter_split(const char *text, size_t len, read_fm_split *out)
{
	const char *fence, *content, *p, *next = NULL;
	uint32_t line = 2;
	bool toml;

	memset(out, 0, sizeof *out);
	out->body = text;
	out->body_line = 1;
	if (fence_line(text, "---", &content))
		toml = false;
	else if (fence_line(text, "+++", &content))
		toml = true;
	else
		return 0;
	fence = toml ? "+++" : "---";
	out->found = true;
	out->toml = toml;
	out->content = content;

	/* Find the closing fence; `line` is the file line of `p`. */
	for (p = content; p < text + len; line++) {
		if (fence_line(p, fence, &next) || (!toml && fence_line(p, "...", &next)))
			break;
		p = strchr(p, '\n');
		if (p == NULL) {
			p = text + len;
			break;
		}
		p++;
		next = NULL;
	}
	if (next == NULL)
		return -1;
	out->content_len = (size_t)(p - content);
	out->body = next;
	out->body_line = line + 1;
	return 0;
}

int read_front_matter(read_ctx *ctx, const char *text, size_t len,
                      galley_meta *meta, const char **body, uint32_t *body_line)
{
	read_fm_split sp;
	bool toml;
	fm_node *root = NULL;
	galley_pos pos = {ctx->file, 1, 1};
	int rc = 0;

	*body = text;
	*body_line = 1;
	if (read_front_matter_split(text, len, &sp) < 0)
		return galley_error_set(ctx->err, GALLEY_ESYNTAX, &pos,
		                        "front matter opened with '%s' is never closed "
		                        "(expected a line '%s'%s)", sp.toml ? "+++" : "---",
		                        sp.toml ? "+++" : "---", sp.toml ? "" : " or '...'");
	if (!sp.found)
		return 0;
	toml = sp.toml;

	if (toml)
		rc = read_toml_parse(ctx, sp.content, sp.content_len, 2, &root);
	else
		rc = yaml_parse(ctx, sp.content, sp.content_len, 2, &root);
	if (rc < 0)
		return rc;
	if (root != NULL && (rc = apply_table(ctx, root, meta)) < 0)
		return rc;
	*body = sp.body;
	*body_line = sp.body_line;
	return 0;
}
