/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * read/toml.c: the subset of TOML (v1.0.0, https://toml.io) that Hugo and
 * Zola front matter uses, parsed into the same fm_node tree as YAML.
 *
 * No maintained C TOML library is packaged for Debian 12, so galley reads
 * this subset itself and refuses everything else with a position, rather
 * than guessing:
 *
 *   key = value             bare keys (A-Z a-z 0-9 _ -) or "quoted" keys
 *   [table]                 one level; dotted names and [[arrays]] refused
 *   "basic\t\u00e9"  'literal'  """multi-line"""  '''multi-line'''
 *   true / false            booleans
 *   42, -7, 1_000           integers (decimal); 3.14, 1e6 floats
 *   1979-05-27, 1979-05-27T07:32:00Z, 1979-05-27 07:32:00-07:00   dates
 *   [ "a", "b", ]           arrays of scalars, over several lines if needed
 *   # comments
 *
 * Refused: dotted keys, inline tables, nested arrays, arrays of tables,
 * local times, hex/octal/binary integers, inf/nan.  A key defined twice in
 * a table, or a table defined twice, is an error (as in TOML itself).
 */
#include <stdlib.h>
#include <string.h>

#include "read/internal.h"
#include "base/buf.h"
#include "base/utf8.h"

typedef struct toml_parser {
	read_ctx *ctx;
	const char *src, *end;
	const char *p;          /* current byte */
	const char *line_start; /* first byte of the current line */
	uint32_t line;          /* file line of `p` */
} toml_parser;

static galley_pos here(const toml_parser *t)
{
	galley_pos pos;
	pos.file = t->ctx->file;
	pos.line = t->line;
	pos.column = (uint32_t)(t->p - t->line_start) + 1;
	return pos;
}

static int fail(toml_parser *t, int code, const char *what)
{
	galley_pos pos = here(t);
	return galley_error_set(t->ctx->err, code, &pos, "TOML front matter: %s", what);
}

static int oom(toml_parser *t)
{
	return galley_error_set(t->ctx->err, GALLEY_ENOMEM, NULL, "out of memory reading %s",
	                        t->ctx->file);
}

static int peek(const toml_parser *t)
{
	return t->p < t->end ? (unsigned char)*t->p : -1;
}

static void advance(toml_parser *t)
{
	if (t->p >= t->end)
		return;
	if (*t->p == '\n') {
		t->line++;
		t->line_start = t->p + 1;
	}
	t->p++;
}

static void skip_blank(toml_parser *t)
{
	while (peek(t) == ' ' || peek(t) == '\t')
		advance(t);
}

/* Skips blanks and a comment; true when the line (or input) ends there. */
static bool at_line_end(toml_parser *t)
{
	skip_blank(t);
	if (peek(t) == '#')
		while (peek(t) != -1 && peek(t) != '\n')
			advance(t);
	return peek(t) == -1 || peek(t) == '\n';
}

/* Skips whitespace, newlines and comments (inside arrays). */
static void skip_space_lines(toml_parser *t)
{
	for (;;) {
		if (at_line_end(t) && peek(t) == '\n')
			advance(t);
		else
			return;
	}
}

static bool bare_key_char(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

/* ---- strings ------------------------------------------------------------- */

/* String values are built in a galley_buf (base/buf.h) and copied to the
 * arena. */
typedef galley_buf sbuf;

static int sbuf_add(sbuf *b, const char *s, size_t n)
{
	galley_buf_add(b, s, n);
	return b->failed ? -1 : 0;
}

static int sbuf_add_utf8(sbuf *b, uint32_t cp)
{
	char u[4];

	return sbuf_add(b, u, galley_utf8_encode(cp, u));
}

/* An escape after a backslash in a basic string (the backslash consumed). */
static int string_escape(toml_parser *t, sbuf *b)
{
	int c = peek(t), i, digits;
	uint32_t cp = 0;
	const char *simple = "b\bt\tn\nf\fr\r\"\"\\\\";
	const char *hit;

	if (c == 'u' || c == 'U') {
		digits = c == 'u' ? 4 : 8;
		advance(t);
		for (i = 0; i < digits; i++) {
			c = peek(t);
			if (c >= '0' && c <= '9')
				cp = cp * 16 + (uint32_t)(c - '0');
			else if (c >= 'a' && c <= 'f')
				cp = cp * 16 + (uint32_t)(c - 'a' + 10);
			else if (c >= 'A' && c <= 'F')
				cp = cp * 16 + (uint32_t)(c - 'A' + 10);
			else
				return fail(t, GALLEY_ESYNTAX, "a \\u escape needs hexadecimal digits");
			advance(t);
		}
		if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return fail(t, GALLEY_ESYNTAX, "the \\u escape is not a Unicode scalar value");
		return sbuf_add_utf8(b, cp) < 0 ? oom(t) : 0;
	}
	hit = c > 0 ? strchr(simple, c) : NULL;
	if (hit == NULL || ((hit - simple) % 2) != 0)
		return fail(t, GALLEY_ESYNTAX, "unknown escape sequence in a string");
	advance(t);
	return sbuf_add(b, hit + 1, 1) < 0 ? oom(t) : 0;
}

/* A string of any of the four kinds; `p` is at its opening quote. */
static int parse_string(toml_parser *t, sbuf *b)
{
	char quote = *t->p;
	bool multi = t->end - t->p >= 3 && t->p[1] == quote && t->p[2] == quote;
	galley_pos start = here(t);
	int c, rc;

	advance(t);
	if (multi) {
		advance(t);
		advance(t);
		if (peek(t) == '\n') /* a newline right after the opening is trimmed */
			advance(t);
	}
	for (;;) {
		c = peek(t);
		if (c == -1 || (c == '\n' && !multi)) {
			return galley_error_set(t->ctx->err, GALLEY_ESYNTAX, &start,
			                        "TOML front matter: string is never closed");
		}
		if (c == quote) {
			if (!multi) {
				advance(t);
				return 0;
			}
			if (t->end - t->p >= 3 && t->p[1] == quote && t->p[2] == quote) {
				/* up to two more quotes may belong to the content */
				while (t->end - t->p >= 4 && t->p[3] == quote) {
					if (sbuf_add(b, t->p, 1) < 0)
						return oom(t);
					advance(t);
				}
				advance(t);
				advance(t);
				advance(t);
				return 0;
			}
		}
		if (c == '\\' && quote == '"') {
			advance(t);
			if (multi && (peek(t) == '\n' || peek(t) == ' ' || peek(t) == '\t')) {
				/* line-ending backslash: trims the newline and following blanks */
				skip_space_lines(t);
				continue;
			}
			if ((rc = string_escape(t, b)) < 0)
				return rc;
			continue;
		}
		if (sbuf_add(b, t->p, 1) < 0)
			return oom(t);
		advance(t);
	}
}

/* ---- values ---------------------------------------------------------------- */

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* A bare scalar (boolean, number, date) running to a delimiter. */
static int parse_bare(toml_parser *t, fm_node *node)
{
	const char *start = t->p, *q;
	char *text;
	size_t len;
	galley_date date;

	while (t->p < t->end) {
		int c = peek(t);
		/* a space belongs to a date-time: 1979-05-27 07:32:00 */
		if (c == ' ' && t->p - start == 10 && t->end - t->p > 1 && is_digit(t->p[1]) &&
		    start[4] == '-') {
			advance(t);
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == ',' || c == ']' || c == '#')
			break;
		advance(t);
	}
	len = (size_t)(t->p - start);
	text = galley_doc_strndup(t->ctx->doc, start, len);
	if (text == NULL)
		return oom(t);
	node->text = text;
	node->len = len;
	if (strcmp(text, "true") == 0 || strcmp(text, "false") == 0) {
		node->kind = FM_BOOL;
		return 0;
	}
	if (len >= 10 && is_digit(text[0]) && text[4] == '-') {
		if (galley_date_parse(text, &date) < 0)
			return galley_error_set(t->ctx->err, GALLEY_ESYNTAX, &node->pos,
			                        "TOML front matter: '%.40s' is not a valid date", text);
		node->kind = FM_DATE;
		return 0;
	}
	q = text;
	if (*q == '+' || *q == '-')
		q++;
	if (is_digit(*q)) {
		bool ok = true, flt = false;
		for (; *q && ok; q++) {
			if (*q == '.' || *q == 'e' || *q == 'E')
				flt = true;
			else if (!is_digit(*q) && *q != '_' && !((*q == '+' || *q == '-') && flt))
				ok = false;
		}
		if (ok && !(text[0] == '0' && len > 1 && text[1] == 'x')) {
			node->kind = flt ? FM_FLOAT : FM_INTEGER;
			return 0;
		}
	}
	if (len == 0)
		return galley_error_set(t->ctx->err, GALLEY_ESYNTAX, &node->pos,
		                        "TOML front matter: a value is missing");
	return galley_error_set(t->ctx->err, GALLEY_ESYNTAX, &node->pos,
	                        "TOML front matter: '%.40s' is not a value galley reads "
	                        "(strings, dates, booleans, numbers and arrays of them)", text);
}

static int parse_value(toml_parser *t, fm_node **out, bool in_array);

static int parse_array(toml_parser *t, fm_node *node)
{
	fm_node *item;
	int rc;

	advance(t); /* [ */
	for (;;) {
		skip_space_lines(t);
		if (peek(t) == ']') {
			advance(t);
			return 0;
		}
		if (peek(t) == -1)
			return galley_error_set(t->ctx->err, GALLEY_ESYNTAX, &node->pos,
			                        "TOML front matter: array is never closed");
		if ((rc = parse_value(t, &item, true)) < 0)
			return rc;
		read_fm_append(node, item);
		skip_space_lines(t);
		if (peek(t) == ',') {
			advance(t);
		} else if (peek(t) != ']') {
			return fail(t, GALLEY_ESYNTAX, "expected ',' or ']' in the array");
		}
	}
}

static int parse_value(toml_parser *t, fm_node **out, bool in_array)
{
	galley_pos pos = here(t);
	fm_node *node = read_fm_new(t->ctx, FM_STRING, pos);
	sbuf b = GALLEY_BUF_INIT;
	int c = peek(t), rc = 0;

	*out = NULL;
	if (node == NULL)
		return oom(t);
	if (c == '"' || c == '\'') {
		if ((rc = parse_string(t, &b)) < 0)
			goto cleanup;
		node->text = galley_doc_strndup(t->ctx->doc, b.data ? b.data : "", b.len);
		node->len = b.len;
		if (node->text == NULL) {
			rc = oom(t);
			goto cleanup;
		}
		if (b.len > 0 && memchr(b.data, '\0', b.len) != NULL) {
			rc = galley_error_set(t->ctx->err, GALLEY_ESYNTAX, &pos,
			                      "TOML front matter: a string holds a NUL character");
			goto cleanup;
		}
	} else if (c == '[') {
		if (in_array) {
			rc = fail(t, GALLEY_ESYNTAX, "nested arrays are not supported");
			goto cleanup;
		}
		node->kind = FM_LIST;
		if ((rc = parse_array(t, node)) < 0)
			goto cleanup;
	} else if (c == '{') {
		rc = fail(t, GALLEY_ESYNTAX, "inline tables are not supported; use a [table]");
		goto cleanup;
	} else if ((rc = parse_bare(t, node)) < 0) {
		goto cleanup;
	}
	*out = node;

cleanup:
	galley_buf_dispose(&b);
	return rc;
}

/* ---- keys and tables ---------------------------------------------------------- */

/* A key: bare or quoted.  *key is arena memory. */
static int parse_key(toml_parser *t, const char **key)
{
	sbuf b = GALLEY_BUF_INIT;
	const char *start = t->p;
	int rc = 0;

	*key = NULL;
	if (peek(t) == '"' || peek(t) == '\'') {
		if (t->end - t->p >= 3 && t->p[1] == t->p[0] && t->p[2] == t->p[0]) {
			rc = fail(t, GALLEY_ESYNTAX, "a key cannot be a multi-line string");
			goto cleanup;
		}
		if ((rc = parse_string(t, &b)) < 0)
			goto cleanup;
		*key = galley_doc_strndup(t->ctx->doc, b.data ? b.data : "", b.len);
	} else {
		while (bare_key_char(peek(t)))
			advance(t);
		if (t->p == start) {
			rc = fail(t, GALLEY_ESYNTAX, "expected a key");
			goto cleanup;
		}
		*key = galley_doc_strndup(t->ctx->doc, start, (size_t)(t->p - start));
	}
	if (*key == NULL) {
		rc = oom(t);
		goto cleanup;
	}
	skip_blank(t);
	if (peek(t) == '.')
		rc = fail(t, GALLEY_ESYNTAX, "dotted keys are not supported; use a [table]");

cleanup:
	galley_buf_dispose(&b);
	return rc;
}

static const fm_node *find_member(const fm_node *table, const char *key)
{
	const fm_node *m;
	for (m = table->children; m != NULL; m = m->next)
		if (strcmp(m->key, key) == 0)
			return m;
	return NULL;
}

static int duplicate(toml_parser *t, const galley_pos *pos, const char *key, const fm_node *old)
{
	return galley_error_set(t->ctx->err, GALLEY_ESYNTAX, pos,
	                        "TOML front matter: duplicate key '%s' (first given on line %u)",
	                        key, (unsigned)old->key_pos.line);
}

/* A [table] header; `p` is at '['.  Sets *current to the new table. */
static int parse_header(toml_parser *t, fm_node *root, fm_node **current)
{
	galley_pos pos = here(t);
	const fm_node *old;
	const char *key;
	fm_node *table;
	int rc;

	advance(t);
	if (peek(t) == '[')
		return fail(t, GALLEY_ESYNTAX, "arrays of tables ([[...]]) are not supported");
	skip_blank(t);
	if ((rc = parse_key(t, &key)) < 0)
		return rc;
	if (peek(t) != ']')
		return fail(t, GALLEY_ESYNTAX, "expected ']' after the table name");
	advance(t);
	if (!at_line_end(t))
		return fail(t, GALLEY_ESYNTAX, "unexpected text after the table header");
	if ((old = find_member(root, key)) != NULL)
		return duplicate(t, &pos, key, old);
	table = read_fm_new(t->ctx, FM_TABLE, pos);
	if (table == NULL)
		return oom(t);
	table->key = key;
	table->key_pos = pos;
	read_fm_append(root, table);
	*current = table;
	return 0;
}

int read_toml_parse(read_ctx *ctx, const char *src, size_t len, uint32_t first_line,
                    fm_node **out)
{
	toml_parser t;
	galley_pos start = {ctx->file, first_line, 1};
	fm_node *root, *current, *value;
	const fm_node *old;
	galley_pos kpos;
	const char *key;
	int rc;

	*out = NULL;
	t.ctx = ctx;
	t.src = t.p = t.line_start = src;
	t.end = src + len;
	t.line = first_line;
	root = current = read_fm_new(ctx, FM_TABLE, start);
	if (root == NULL)
		return oom(&t);

	for (;;) {
		skip_space_lines(&t);
		if (peek(&t) == -1)
			break;
		if (peek(&t) == '[') {
			if ((rc = parse_header(&t, root, &current)) < 0)
				return rc;
			continue;
		}
		kpos = here(&t);
		if ((rc = parse_key(&t, &key)) < 0)
			return rc;
		if (peek(&t) != '=')
			return fail(&t, GALLEY_ESYNTAX, "expected '=' after the key");
		advance(&t);
		skip_blank(&t);
		if (peek(&t) == -1 || peek(&t) == '\n' || peek(&t) == '#')
			return fail(&t, GALLEY_ESYNTAX, "a value is missing after '='");
		if ((rc = parse_value(&t, &value, false)) < 0)
			return rc;
		if (!at_line_end(&t))
			return fail(&t, GALLEY_ESYNTAX, "unexpected text after the value");
		if ((old = find_member(current, key)) != NULL)
			return duplicate(&t, &kpos, key, old);
		value->key = key;
		value->key_pos = kpos;
		read_fm_append(current, value);
	}
	*out = root;
	return 0;
}
