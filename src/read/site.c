/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * read/site.c: the conventions of static-site generators in an article's
 * body, recognised so that their literal text never reaches the page.
 *
 *   Liquid (Jekyll)      {% include x.html %}  {{ page.title }}
 *                        {% highlight ruby %} ... {% endhighlight %}
 *                        {% raw %} ... {% endraw %}, {% comment %} ... {% endcomment %}
 *   Hugo shortcodes      {{< youtube id >}}  {{% notice %}}, comments {{/ * ... * /}}
 *                        {{< highlight go >}} ... {{< /highlight >}}
 *   kramdown             {: .class #id}  {:toc}  (attribute lists),
 *                        {::comment} ... {:/comment}
 *   heading ids          ## Title {#id}  (pandoc, kramdown, Hugo)
 *   GitHub               > [!NOTE] alerts, :emoji: shortcodes
 *
 * Why before and after cmark, and not in it.  A template tag must be left
 * alone inside code (a post about Jekyll shows tags in code blocks), but
 * whether a tag is in code only cmark knows, and cmark mangles a tag that
 * is not: a space in "{{ site.baseurl }}/x" breaks the link around it,
 * "|" in "{{ x | upcase }}" splits a table cell, "_" makes emphasis.  So
 * every tag is first replaced, byte for byte, by an opaque placeholder
 * (READ_MARK..., read/internal.h) that cmark passes through unchanged
 * wherever it lands; positions stay true because the lengths do.  Once
 * cmark has parsed, each placeholder is in a node that says what it is:
 * in code, raw HTML or math it is restored to the author's bytes; in a
 * URL a few tags are evaluated (site.baseurl, post_url, link, ref, ...);
 * in prose it is removed, or applied (a heading's id), after the mapping
 * (read_site_finish).  Block tags that change the structure (a highlight
 * block is code, a comment block is nothing) are found in prose after a
 * first parse and the body is parsed again with them rewritten as fences
 * or blanks (read_site_regions): only bodies that have one pay for it.
 *
 * The escapes "\(" "\)" "\[" "\]" get the same treatment (READ_ESC), for
 * math: cmark would unescape them before galley could see the delimiters
 * of \(...\) and \[...\] (markdown.c's math extension reads them).
 *
 * Alerts, attribute lists, emoji and the title are applied to the model
 * after mapping, where the block structure is plain: a call-out is a quote
 * whose first line is "[!KIND]"; an attribute list alone in a paragraph
 * belongs to the block before it.
 *
 * Only tags that open and close on one line are recognised (a tag of more
 * lines stays text); a body with more tags than a placeholder can number
 * keeps the surplus as text too (READ_SITE_MAX_TAGS).
 *
 * Size: over 1,100 lines: the recognisers of each generator share one
 * placeholder scheme and one restore pass; splitting them by generator
 * (Liquid, Hugo, kramdown, alerts, math) is the next step when it grows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/internal.h"
#include "base/buf.h"
#include "base/vec.h"

/* Most tags numbered in one body: a placeholder has 16^(its length - 1)
 * numbers, and the shortest tag ("{:x}") is four bytes.  Real posts hold
 * tens of tags. */
#define READ_SITE_MAX_TAGS 4096

/* Tags named in the one warning per file; the rest are counted. */
#define READ_SITE_WARN_NAMED 5

typedef enum tag_kind {
	TAG_LIQUID,     /* {% ... %} */
	TAG_OUTPUT,     /* {{ ... }} */
	TAG_SHORTCODE,  /* {{< ... >}}, {{% ... %}} */
	TAG_IAL,        /* {: ... } */
	TAG_ATTRS       /* {#id .class key=value} */
} tag_kind;

typedef enum tag_role {
	ROLE_NONE = 0,
	ROLE_RAW_OPEN, ROLE_RAW_CLOSE,
	ROLE_COMMENT_OPEN, ROLE_COMMENT_CLOSE,
	ROLE_HIGHLIGHT_OPEN, ROLE_HIGHLIGHT_CLOSE,
	ROLE_SILENT     /* a Hugo comment ("{{/" "* ... *" "/}}"): removed without a word */
} tag_role;

typedef struct site_tag {
	size_t offset, len;   /* in the body */
	uint32_t line;        /* file line */
	uint8_t kind, role;
	bool in_text;         /* seen in prose after the first parse */
	bool removed;         /* removed unevaluated: named in the warning */
} site_tag;

struct read_site {
	const char *body;
	size_t len;
	uint32_t first_line;
	site_tag *tags;
	size_t ntags, cap;
	size_t *line_starts;  /* offsets of the line characters to hide (READ_LINE_CODES) */
	size_t nline_starts, cline_starts;
};

/* The characters that open a Markdown block at the start of a line, and
 * the byte each becomes inside display math (READ_LINE_CODES). */
static const char line_chars[] = "+-*>#=`~|_1";
static const char line_codes[] = READ_LINE_CODES;

static char line_code(char c)
{
	const char *p = c != '\0' ? strchr(line_chars, c) : NULL;
	return p != NULL ? line_codes[p - line_chars] : 0;
}

static char line_char(char code)
{
	const char *p = code != '\0' ? memchr(line_codes, code, sizeof line_codes - 1) : NULL;
	return p != NULL ? line_chars[p - line_codes] : 0;
}

/* ---- scanning -------------------------------------------------------------- */

static bool is_space(char c) { return c == ' ' || c == '\t'; }

/* Braces a template tag may hold inside: Zola's components take them as
 * values ("{{ <resize_image width={150} height={150} op="fit" /> }}").
 * The bound keeps the scan linear: a search runs past at most this many
 * of the '{' after its start. */
#define READ_SITE_MAX_INNER_BRACES 8

/* The end (one past the closer) of `closer` after `from` on the same line,
 * or 0.  An attribute list (`inner` false) holds no '{' of its own, and a
 * template tag only pairs of braces with none inside ("{150}"), so the
 * search also stops at any other '{': a line of many unclosed braces
 * costs linear time. */
static size_t find_on_line(const char *s, size_t len, size_t from, const char *closer, bool inner)
{
	size_t n = strlen(closer);
	int braces = 0;
	for (size_t i = from; i + n <= len && s[i] != '\n'; i++) {
		if (s[i] == '{') {
			size_t k = i + 1;
			if (!inner || ++braces > READ_SITE_MAX_INNER_BRACES)
				return 0;
			while (k < len && s[k] != '}' && s[k] != '{' && s[k] != '\n')
				k++;
			if (k >= len || s[k] != '}')
				return 0;
			i = k;
			continue;
		}
		if (memcmp(s + i, closer, n) == 0)
			return i + n;
	}
	return 0;
}

/* The first word of a tag's inside (after "{%", "{{<", ...), its dashes
 * of whitespace control skipped. */
static void tag_word(const char *s, size_t len, char out[32])
{
	size_t i = 0, n = 0;
	while (i < len && (is_space(s[i]) || s[i] == '-'))
		i++;
	while (i < len && n + 1 < 32 && !is_space(s[i]) && s[i] != '%' && s[i] != '>' && s[i] != '}')
		out[n++] = s[i++];
	out[n] = '\0';
}

/* Whether `s` is a pandoc attribute list's inside: "#id", ".class",
 * "key=value" words, at least one id or class. */
static bool attr_list(const char *s, size_t len)
{
	size_t i = 0;
	bool some = false;
	while (i < len) {
		size_t w;
		while (i < len && is_space(s[i]))
			i++;
		if (i >= len)
			break;
		w = i;
		while (i < len && !is_space(s[i]))
			i++;
		if (s[w] == '#' || s[w] == '.') {
			if (i - w < 2)
				return false;
			for (size_t k = w + 1; k < i; k++) {
				char c = s[k];
				if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
				      c == '-' || c == '_' || c == ':' || c == '.'))
					return false;
			}
			some = true;
		} else if (memchr(s + w, '=', i - w) == NULL) {
			return false;
		}
	}
	return some;
}

/* Recognises a tag at s[i] ('{'); its length, 0 when none. */
static size_t match_tag(const char *s, size_t len, size_t i, uint8_t *kind, uint8_t *role)
{
	size_t end = 0;
	char word[32];

	*role = ROLE_NONE;
	if (i + 1 >= len)
		return 0;
	if (s[i + 1] == '%') {
		end = find_on_line(s, len, i + 2, "%}", true);
		*kind = TAG_LIQUID;
		if (end) {
			tag_word(s + i + 2, end - i - 4, word);
			if (strcmp(word, "raw") == 0)
				*role = ROLE_RAW_OPEN;
			else if (strcmp(word, "endraw") == 0)
				*role = ROLE_RAW_CLOSE;
			else if (strcmp(word, "comment") == 0)
				*role = ROLE_COMMENT_OPEN;
			else if (strcmp(word, "endcomment") == 0)
				*role = ROLE_COMMENT_CLOSE;
			else if (strcmp(word, "highlight") == 0)
				*role = ROLE_HIGHLIGHT_OPEN;
			else if (strcmp(word, "endhighlight") == 0)
				*role = ROLE_HIGHLIGHT_CLOSE;
		}
	} else if (s[i + 1] == '{' && i + 2 < len && (s[i + 2] == '<' || s[i + 2] == '%')) {
		end = find_on_line(s, len, i + 3, s[i + 2] == '<' ? ">}}" : "%}}", true);
		*kind = TAG_SHORTCODE;
		if (end) {
			tag_word(s + i + 3, end - i - 6, word);
			if (strcmp(word, "/") == 0) {  /* "{{< / highlight >}}" */
				size_t k = i + 3, m;
				char rest[32];
				while (k < end - 3 && (is_space(s[k]) || s[k] == '/'))
					k++;
				tag_word(s + k, end - 3 - k, rest);
				m = strlen(rest) < sizeof word - 2 ? strlen(rest) : sizeof word - 2;
				memcpy(word + 1, rest, m);
				word[m + 1] = '\0';
			}
			if (strncmp(word, "/*", 2) == 0)
				*role = ROLE_SILENT;
			else if (strcmp(word, "highlight") == 0)
				*role = ROLE_HIGHLIGHT_OPEN;
			else if (strcmp(word, "/highlight") == 0)
				*role = ROLE_HIGHLIGHT_CLOSE;
		}
	} else if (s[i + 1] == '{') {
		end = find_on_line(s, len, i + 2, "}}", true);
		*kind = TAG_OUTPUT;
		if (end && i + 2 < end - 2 && s[i + 2] == '/' && s[i + 3] == '*')
			*role = ROLE_SILENT;
		/* "{{}}" or "{{ }}": not a template's output */
		if (end) {
			size_t k = i + 2;
			while (k < end - 2 && is_space(s[k]))
				k++;
			if (k == end - 2)
				end = 0;
		}
	} else if (s[i + 1] == ':') {
		end = find_on_line(s, len, i + 2, "}", false);
		*kind = TAG_IAL;
		if (end && end - i < 4)
			end = 0;
		/* kramdown's comment extension, "{::comment}" ... "{:/comment}" */
		if (end && end - i >= 11 && memcmp(s + i + 2, ":comment", 8) == 0 &&
		    (s[i + 10] == '}' || is_space(s[i + 10])))
			*role = ROLE_COMMENT_OPEN;
		else if (end && end - i >= 11 && memcmp(s + i + 2, "/comment}", 9) == 0)
			*role = ROLE_COMMENT_CLOSE;
	} else if (s[i + 1] == '#' || s[i + 1] == '.') {
		end = find_on_line(s, len, i + 1, "}", false);
		*kind = TAG_ATTRS;
		if (end && !attr_list(s + i + 1, end - i - 2))
			end = 0;
	}
	return end ? end - i : 0;
}

/* Digits a placeholder for tag number `index` needs. */
static size_t digits_for(size_t index)
{
	size_t n = 1;
	while (index >= 16) {
		index /= 16;
		n++;
	}
	return n;
}

static int scan_math_lines(read_site *site);

read_site *read_site_scan(const char *body, size_t len, uint32_t first_line)
{
	read_site *site = calloc(1, sizeof *site);
	uint32_t line = first_line;

	if (site == NULL)
		return NULL;
	site->body = body;
	site->len = len;
	site->first_line = first_line;
	for (size_t i = 0; i < len; i++) {
		uint8_t kind, role;
		size_t n;
		if (body[i] == '\n') {
			line++;
			continue;
		}
		if (body[i] != '{' || (n = match_tag(body, len, i, &kind, &role)) == 0)
			continue;
		if (site->ntags >= READ_SITE_MAX_TAGS || n < 1 + digits_for(site->ntags))
			continue;
		if (GALLEY_VEC_PUSH_ROOM(site->tags, site->cap, site->ntags) < 0) {
			read_site_free(site);
			return NULL;
		}
		site->tags[site->ntags].offset = i;
		site->tags[site->ntags].len = n;
		site->tags[site->ntags].line = line;
		site->tags[site->ntags].kind = kind;
		site->tags[site->ntags].role = role;
		site->tags[site->ntags].in_text = false;
		site->tags[site->ntags].removed = false;
		site->ntags++;
		i += n - 1;
	}
	if (scan_math_lines(site) < 0) {
		read_site_free(site);
		return NULL;
	}
	return site;
}

void read_site_free(read_site *site)
{
	if (site == NULL)
		return;
	free(site->tags);
	free(site->line_starts);
	free(site);
}

/* Whether the line [s, e) is, spaces aside, one of the display-math
 * fences "$$", "\\[" or "\\\\[" (opening: `open`) or their closers. */
static bool math_fence(const char *s, const char *e, bool open)
{
	static const char *const opens[] = {"$$", "\\[", "\\\\[", NULL};
	static const char *const closes[] = {"$$", "\\]", "\\\\]", NULL};
	const char *const *set = open ? opens : closes;
	while (s < e && is_space(*s))
		s++;
	while (e > s && is_space(e[-1]))
		e--;
	for (int i = 0; set[i] != NULL; i++)
		if ((size_t)(e - s) == strlen(set[i]) && memcmp(s, set[i], (size_t)(e - s)) == 0)
			return true;
	return false;
}

/* Finds display math on lines of its own and records the line starts
 * inside it that cmark would take for blocks.  0, or -1 when out of
 * memory. */
static int scan_math_lines(read_site *site)
{
	const char *b = site->body, *end = b + site->len;

	for (const char *line = b; line < end;) {
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		const char *close, *p;
		if (eol == NULL)
			eol = end;
		if (!math_fence(line, eol, true)) {
			line = eol + 1;
			continue;
		}
		/* the closing fence, before any blank line */
		for (close = eol + 1; close < end;) {
			const char *ceol = memchr(close, '\n', (size_t)(end - close));
			if (ceol == NULL)
				ceol = end;
			for (p = close; p < ceol && is_space(*p); p++)
				;
			if (p == ceol || math_fence(close, ceol, false))
				break;
			close = ceol + 1;
		}
		if (close >= end || !math_fence(close, memchr(close, '\n', (size_t)(end - close)) != NULL
		                                           ? (const char *)memchr(close, '\n', (size_t)(end - close))
		                                           : end, false)) {
			line = eol + 1;
			continue;
		}
		for (const char *l = eol + 1; l < close;) {
			const char *leol = memchr(l, '\n', (size_t)(close - l));
			for (p = l; p < close && is_space(*p); p++)
				;
			if (p < close && line_code(*p) != 0 && (*p != '1' || (p + 1 < close && (p[1] == '.' || p[1] == ')')))) {
				if (GALLEY_VEC_PUSH_ROOM(site->line_starts, site->cline_starts, site->nline_starts) < 0)
					return -1;
				site->line_starts[site->nline_starts++] = (size_t)(p - b);
			}
			l = leol != NULL ? leol + 1 : close;
		}
		line = close;
		line = memchr(line, '\n', (size_t)(end - line)) != NULL ? (const char *)memchr(line, '\n', (size_t)(end - line)) + 1 : end;
	}
	return 0;
}

static char esc_code(char c)
{
	switch (c) {
	case '[': return READ_ESC_LBRACKET;
	case ']': return READ_ESC_RBRACKET;
	case '(': return READ_ESC_LPAREN;
	case ')': return READ_ESC_RPAREN;
	default: return 0;
	}
}

static char esc_char(unsigned char code)
{
	switch (code) {
	case READ_ESC_LBRACKET: return '[';
	case READ_ESC_RBRACKET: return ']';
	case READ_ESC_LPAREN: return '(';
	case READ_ESC_RPAREN: return ')';
	default: return 0;
	}
}

/* Writes tag `index`'s placeholder over out[0..len). */
static void put_placeholder(char *out, size_t len, size_t index)
{
	size_t d = digits_for(index);
	out[0] = READ_MARK;
	for (size_t k = 0; k < d; k++)
		out[1 + k] = (char)(READ_MARK_DIGIT + ((index >> (4 * (d - 1 - k))) & 15));
	memset(out + 1 + d, READ_MARK_FILL, len - 1 - d);
}

char *read_site_protect(const read_site *site)
{
	char *out = malloc(site->len + 1);
	size_t t = 0;

	if (out == NULL)
		return NULL;
	memcpy(out, site->body, site->len);
	out[site->len] = '\0';
	for (size_t k = 0; k < site->nline_starts; k++)
		out[site->line_starts[k]] = line_code(site->body[site->line_starts[k]]);
	for (size_t i = 0; i < site->len; i++) {
		size_t run = 0;
		if (t < site->ntags && i == site->tags[t].offset) {
			put_placeholder(out + i, site->tags[t].len, t);
			i += site->tags[t].len - 1;
			t++;
			continue;
		}
		while (i + run < site->len && site->body[i + run] == '\\')
			run++;
		if (run == 0)
			continue;
		/* "\(" and "\\(": the last backslash and the bracket */
		if ((run == 1 || run == 2) && i + run < site->len && esc_code(site->body[i + run]) != 0 &&
		    !(t < site->ntags && site->tags[t].offset < i + run + 1)) {
			out[i + run - 1] = READ_ESC;
			out[i + run] = esc_code(site->body[i + run]);
			i += run;
		} else {
			i += run - 1;
		}
	}
	return out;
}

/* ---- placeholders in strings ----------------------------------------------- */

/* Reads a placeholder at s[0] (READ_MARK): its tag number in *index and its
 * length in the string; false when it is not one. */
static bool read_placeholder(const read_site *site, const char *s, size_t *index, size_t *len)
{
	size_t k = 1, v = 0;
	while ((unsigned char)s[k] >= READ_MARK_DIGIT && (unsigned char)s[k] < READ_MARK_DIGIT + 16) {
		v = v * 16 + ((unsigned char)s[k] - READ_MARK_DIGIT);
		k++;
		if (k > 8)
			return false;
	}
	if (k == 1 || v >= site->ntags)
		return false;
	while (s[k] == READ_MARK_FILL)
		k++;
	*index = v;
	*len = k;
	return true;
}

void read_site_mark_text(read_site *site, const char *s)
{
	for (; *s != '\0'; s++) {
		size_t index, len;
		if (*s == READ_MARK && read_placeholder(site, s, &index, &len))
			site->tags[index].in_text = true;
	}
}

/* The span of line around body offset `at`: [*start, *end) without the
 * newline. */
static void line_of(const read_site *site, size_t at, size_t *start, size_t *end)
{
	*start = at;
	while (*start > 0 && site->body[*start - 1] != '\n')
		(*start)--;
	*end = at;
	while (*end < site->len && site->body[*end] != '\n')
		(*end)++;
}

/* Whether tag `t` is alone on its line (whitespace aside). */
static bool alone(const read_site *site, const site_tag *t)
{
	size_t start, end;
	line_of(site, t->offset, &start, &end);
	for (size_t i = start; i < t->offset; i++)
		if (!is_space(site->body[i]))
			return false;
	for (size_t i = t->offset + t->len; i < end; i++)
		if (!is_space(site->body[i]))
			return false;
	return true;
}

/* Rewrites a highlight block [open, close] as a fenced code block in
 * `out`; false when it cannot be (tags not alone on their lines, no room
 * for the fence). */
static bool fence(const read_site *site, char *out, const site_tag *open, const site_tag *close)
{
	const char *b = site->body;
	size_t body_start, body_end, run = 0, longest = 0, fence_len, lang = 0, lang_len = 0, k;
	char word[32];
	size_t wstart;

	if (!alone(site, open) || !alone(site, close))
		return false;
	/* the language: the word after "highlight" */
	wstart = open->offset + (open->kind == TAG_LIQUID ? 2 : 3);
	while (wstart < open->offset + open->len && (is_space(b[wstart]) || b[wstart] == '-'))
		wstart++;
	tag_word(b + wstart, open->len, word);
	k = wstart + strlen(word);
	while (k < open->offset + open->len && is_space(b[k]))
		k++;
	lang = k;
	while (k < open->offset + open->len && !is_space(b[k]) && b[k] != '%' && b[k] != '>' && b[k] != '"' &&
	       b[k] != '}' && b[k] != '-')
		k++;
	lang_len = k - lang;
	/* a fence longer than any run of backticks inside */
	body_start = open->offset + open->len;
	body_end = close->offset;
	for (size_t i = body_start; i < body_end; i++) {
		run = b[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	fence_len = longest < 3 ? 3 : longest + 1;
	if (fence_len + lang_len > open->len || fence_len > close->len)
		return false;
	/* the code exactly as written, placeholders and escapes undone */
	memcpy(out + body_start, b + body_start, body_end - body_start);
	memset(out + open->offset, ' ', open->len);
	memset(out + open->offset, '`', fence_len);
	memcpy(out + open->offset + fence_len, b + lang, lang_len);
	memset(out + close->offset, ' ', close->len);
	memset(out + close->offset, '`', fence_len);
	return true;
}

char *read_site_regions(read_site *site, const char *text, bool *oom)
{
	char *out = NULL;

	*oom = false;
	for (size_t i = 0; i < site->ntags; i++) {
		site_tag *open = &site->tags[i];
		uint8_t want;
		size_t j;

		if (!open->in_text || (open->role != ROLE_HIGHLIGHT_OPEN && open->role != ROLE_COMMENT_OPEN))
			continue;
		want = open->role == ROLE_HIGHLIGHT_OPEN ? ROLE_HIGHLIGHT_CLOSE : ROLE_COMMENT_CLOSE;
		for (j = i + 1; j < site->ntags && site->tags[j].role != want; j++)
			;
		if (j == site->ntags)
			continue;
		if (out == NULL) {
			if ((out = malloc(site->len + 1)) == NULL) {
				*oom = true;
				return NULL;
			}
			memcpy(out, text, site->len + 1);
		}
		if (open->role == ROLE_COMMENT_OPEN) {
			size_t end = site->tags[j].offset + site->tags[j].len;
			for (size_t k = open->offset; k < end; k++)
				if (out[k] != '\n')
					out[k] = ' ';
		} else if (!fence(site, out, open, &site->tags[j])) {
			continue;
		}
		i = j;
	}
	return out;
}

/* ---- URL tags ------------------------------------------------------------ */

/* The inside of a tag, trimmed of its delimiters and spaces. */
static void tag_inside(const read_site *site, const site_tag *t, const char **s, size_t *n)
{
	size_t open = t->kind == TAG_SHORTCODE ? 3 : 2, close = open;
	const char *p = site->body + t->offset + open;
	size_t len = t->len - open - close;
	while (len > 0 && (is_space(*p) || *p == '-')) {
		p++;
		len--;
	}
	while (len > 0 && (is_space(p[len - 1]) || p[len - 1] == '-'))
		len--;
	*s = p;
	*n = len;
}

/* The first quoted string of s (n bytes) into buf; false when none. */
static bool quoted(const char *s, size_t n, galley_buf *buf)
{
	const char *q = NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\'') {
			q = s + i;
			break;
		}
	}
	if (q == NULL)
		return false;
	for (const char *e = q + 1; e < s + n; e++) {
		if (*e == *q) {
			galley_buf_add(buf, q + 1, (size_t)(e - q - 1));
			return true;
		}
	}
	return false;
}

/* Appends what tag `t` evaluates to in a URL; false when galley cannot
 * evaluate it. */
static bool url_value(const read_site *site, const site_tag *t, galley_buf *buf)
{
	const char *s;
	size_t n;
	char word[32];

	tag_inside(site, t, &s, &n);
	tag_word(s, n, word);
	if (t->kind == TAG_OUTPUT) {
		/* {{ site.baseurl }}, {{ site.url }}: the site's root, which the
		 * book does not have; {{ "/x" | relative_url }}: "/x" */
		if (strcmp(word, "site.baseurl") == 0 || strcmp(word, "site.url") == 0 ||
		    strcmp(word, "base_path") == 0 || strcmp(word, "site.github.url") == 0)
			return (size_t)strlen(word) == n || memchr(s, '|', n) == NULL;
		if (memchr(s, '|', n) != NULL && (s[0] == '"' || s[0] == '\''))
			return quoted(s, n, buf);
		return false;
	}
	if (t->kind == TAG_LIQUID && (strcmp(word, "post_url") == 0 || strcmp(word, "link") == 0)) {
		const char *arg = s + strlen(word);
		size_t an = n - strlen(word);
		while (an > 0 && is_space(*arg)) {
			arg++;
			an--;
		}
		galley_buf_add(buf, arg, an);
		return an > 0;
	}
	if (t->kind == TAG_SHORTCODE && (strcmp(word, "ref") == 0 || strcmp(word, "relref") == 0))
		return quoted(s, n, buf);
	return false;
}

char *read_site_restore(read_site *site, const char *s, read_restore mode)
{
	galley_buf out = GALLEY_BUF_INIT;
	char *result;

	galley_buf_reserve(&out, strlen(s));
	while (*s != '\0') {
		size_t index, len;
		if (*s == READ_ESC && esc_char((unsigned char)s[1]) != 0) {
			if (mode == READ_RESTORE_LITERAL)
				galley_buf_putc(&out, '\\');
			galley_buf_putc(&out, esc_char((unsigned char)s[1]));
			s += 2;
		} else if (*s == READ_MARK && read_placeholder(site, s, &index, &len)) {
			site_tag *t = &site->tags[index];
			if (mode == READ_RESTORE_TEXT)
				galley_buf_add(&out, s, len);  /* for read_site_finish */
			else if (mode == READ_RESTORE_LITERAL)
				galley_buf_add(&out, site->body + t->offset, t->len);
			else if (mode == READ_RESTORE_PLAIN || !url_value(site, t, &out))
				t->removed = t->role == ROLE_NONE;
			s += len;
		} else if (line_char(*s) != 0) {
			galley_buf_putc(&out, line_char(*s++));
		} else {
			galley_buf_putc(&out, *s++);
		}
	}
	result = galley_buf_take(&out, NULL);
	if (result == NULL && !out.failed)
		result = calloc(1, 1);
	return result;
}

/* ---- the model pass ---------------------------------------------------------- */

typedef struct site_pass {
	read_ctx *ctx;
	read_site *site;
	bool raw;                 /* inside {% raw %} ... {% endraw %} */
	const galley_inline *math; /* the first math met */
	galley_pos math_pos;
	size_t nmath;
} site_pass;

static int oom(site_pass *p)
{
	return galley_error_set(p->ctx->err, GALLEY_ENOMEM, NULL, "out of memory reading %s", p->ctx->file);
}

/* The tag of a placeholder at text[i], or NULL. */
static site_tag *tag_at(site_pass *p, const char *text, size_t n, size_t i, size_t *len)
{
	size_t index;
	if (i >= n || text[i] != READ_MARK || !read_placeholder(p->site, text + i, &index, len))
		return NULL;
	return &p->site->tags[index];
}

/* Copies the id of an attribute list's "#id" word into the arena as a
 * slug; NULL when it has none. */
static const char *attr_id(site_pass *p, const site_tag *t, bool *failed)
{
	const char *s = p->site->body + t->offset;
	size_t n = t->len;
	char slug[80];

	*failed = false;
	for (size_t i = 1; i + 1 < n; i++) {
		if (s[i] == '#' && (s[i - 1] == '{' || s[i - 1] == ':' || is_space(s[i - 1]))) {
			size_t e = i + 1;
			while (e < n - 1 && !is_space(s[e]) && s[e] != '}')
				e++;
			if (e == i + 1)
				return NULL;
			galley_slugify(s + i + 1, e - i - 1, slug, sizeof slug);
			if (strcmp(slug, "x") == 0 && !(e - i - 1 == 1 && (s[i + 1] == 'x' || s[i + 1] == 'X')))
				return NULL;
			const char *id = galley_doc_strdup(p->ctx->doc, slug);
			*failed = id == NULL;
			return id;
		}
	}
	return NULL;
}

/* Whether tag t is kramdown's {:toc} (a table of contents goes there). */
static bool toc_tag(const read_site *site, const site_tag *t)
{
	return t->kind == TAG_IAL && t->len == 6 && memcmp(site->body + t->offset, "{:toc}", 6) == 0;
}

/* Emoji shortcodes of a text, replaced; the text in the arena.  Names are
 * letters, digits, '_', '+' and '-'. */
static int emoji(site_pass *p, galley_inline *in)
{
	galley_buf out = GALLEY_BUF_INIT;
	size_t i = 0, last = 0;
	bool any = false;
	int rc = 0;

	if (memchr(in->text, ':', in->len) == NULL)
		return 0;
	while (i < in->len) {
		const char *chars;
		size_t e = i + 1;
		if (in->text[i] != ':') {
			i++;
			continue;
		}
		while (e < in->len && e - i <= 64) {
			char c = in->text[e];
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '-'))
				break;
			e++;
		}
		if (e < in->len && in->text[e] == ':' && e > i + 1 &&
		    (chars = read_emoji_lookup(in->text + i + 1, e - i - 1)) != NULL) {
			galley_buf_add(&out, in->text + last, i - last);
			galley_buf_puts(&out, chars);
			i = last = e + 1;
			any = true;
		} else {
			i = e;
		}
	}
	if (any) {
		galley_buf_add(&out, in->text + last, in->len - last);
		if (out.failed || (in->text = galley_doc_strndup(p->ctx->doc, out.data, out.len)) == NULL)
			rc = oom(p);
		else
			in->len = out.len;
	}
	galley_buf_dispose(&out);
	return rc;
}

/* What a text's tags leave: tags removed (recorded), restored (in a raw
 * block, or an attribute block that is no attribute here), or, for
 * `trailing` (a heading's end), the id of a final attribute list into
 * *id.  `after_space`: what comes before the text on its line (an
 * inline before it) ends in white space, or nothing does, so that a tag
 * at the text's start takes the space after it along; after an image or
 * a link ("![a](x){: .left} The") that space is the only one left. */
static int text_tags(site_pass *p, galley_inline *in, bool after_space, const char **id)
{
	galley_buf out = GALLEY_BUF_INIT;
	size_t i = 0, last = 0;
	int rc = 0;

	if (memchr(in->text, READ_MARK, in->len) == NULL)
		return 0;
	while (i < in->len) {
		size_t len;
		site_tag *t = tag_at(p, in->text, in->len, i, &len);
		if (t == NULL) {
			i++;
			continue;
		}
		galley_buf_add(&out, in->text + last, i - last);
		if (t->role == ROLE_RAW_OPEN || t->role == ROLE_RAW_CLOSE) {
			p->raw = t->role == ROLE_RAW_OPEN;
		} else if (p->raw) {
			galley_buf_add(&out, p->site->body + t->offset, t->len);
		} else if (t->kind == TAG_ATTRS || t->kind == TAG_IAL) {
			bool failed;
			const char *found = id != NULL ? attr_id(p, t, &failed) : NULL;
			if (id != NULL && failed) {
				rc = oom(p);
				break;
			}
			if (found != NULL) {
				*id = found;
			} else if (t->kind == TAG_ATTRS) {
				/* {#...} in running text is text */
				galley_buf_add(&out, p->site->body + t->offset, t->len);
			} else {
				t->removed = true;
			}
		} else if (t->role != ROLE_SILENT && t->role != ROLE_COMMENT_OPEN &&
		           t->role != ROLE_COMMENT_CLOSE) {
			t->removed = true;
		}
		/* "a {{ x }} b": one space is left where the tag was; "a {{ x }}.":
		 * none */
		if (t->removed || t->role != ROLE_NONE) {
			bool before = out.len == 0 ? i == 0 && after_space : is_space(out.data[out.len - 1]);
			if (i + len < in->len && is_space(in->text[i + len]) && before)
				len++;
			else if (i + len < in->len && strchr(".,;:!?)", in->text[i + len]) != NULL && before &&
			         out.len > 0)
				out.len--;
		}
		i = last = i + len;
	}
	if (rc == 0) {
		galley_buf_add(&out, in->text + last, in->len - last);
		if (out.failed) {
			rc = oom(p);
		} else {
			/* a heading's attribute list leaves a space before it */
			size_t n = out.len;
			if (id != NULL && *id != NULL)
				while (n > 0 && is_space(out.data[n - 1]))
					n--;
			in->text = galley_doc_strndup(p->ctx->doc, out.data ? out.data : "", n);
			in->len = n;
			if (in->text == NULL)
				rc = oom(p);
		}
	}
	galley_buf_dispose(&out);
	return rc;
}

/* Whether tag placeholders fill a text entirely (blanks aside). */
static bool only_tags(site_pass *p, const galley_inline *in, bool *toc)
{
	size_t i = 0, len;
	bool any = false;
	while (i < in->len) {
		site_tag *t;
		if (is_space(in->text[i])) {
			i++;
			continue;
		}
		if ((t = tag_at(p, in->text, in->len, i, &len)) == NULL)
			return false;
		if (toc_tag(p->site, t))
			*toc = true;
		any = true;
		i += len;
	}
	return any;
}

static int pass_inlines(site_pass *p, galley_inline **list, bool after_space, const char **id);

/* Drops empty texts and breaks at the ends of a list left by removed tags. */
static void tidy(galley_inline **list)
{
	galley_inline **at = list;
	while (*at != NULL) {
		if ((*at)->type == GALLEY_TEXT && (*at)->len == 0)
			*at = (*at)->next;
		else
			at = &(*at)->next;
	}
	while (*list != NULL && ((*list)->type == GALLEY_SOFTBREAK || (*list)->type == GALLEY_HARDBREAK))
		*list = (*list)->next;
	if (*list == NULL)
		return;
	for (galley_inline **end = list; *end != NULL;) {
		if ((*end)->next == NULL && ((*end)->type == GALLEY_SOFTBREAK || (*end)->type == GALLEY_HARDBREAK)) {
			*end = NULL;
			end = list;
			continue;
		}
		end = &(*end)->next;
	}
}

/* The tags, attributes and emoji of an inline list; `id` as text_tags,
 * for the list's last text; `after_space` as text_tags, for its first
 * inline. */
static int pass_inlines(site_pass *p, galley_inline **list, bool after_space, const char **id)
{
	int rc = 0;

	for (galley_inline *in = *list; in != NULL && rc == 0; in = in->next) {
		if (in->type == GALLEY_TEXT) {
			if ((rc = text_tags(p, in, after_space, in->next == NULL ? id : NULL)) == 0)
				rc = emoji(p, in);
			if (in->len > 0)  /* (a text the tags emptied changes nothing) */
				after_space = is_space(in->text[in->len - 1]);
		} else if (in->type == GALLEY_MATH) {
			if (p->nmath++ == 0)
				p->math_pos = in->pos;
			after_space = false;
		} else {
			if (in->children != NULL)
				rc = pass_inlines(p, &in->children, after_space, NULL);
			after_space = in->type == GALLEY_SOFTBREAK || in->type == GALLEY_HARDBREAK;
		}
	}
	if (rc == 0)
		tidy(list);
	return rc;
}

/* The kind of a GitHub alert marker "[!NOTE]" at the start of a quote's
 * first paragraph; -1 when it is none. */
static int alert_kind(const galley_block *quote)
{
	static const char *const kinds[] = {"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"};
	const galley_block *para = quote->children;
	const galley_inline *in;
	size_t n;

	if (para == NULL || para->type != GALLEY_PARAGRAPH || (in = para->inlines) == NULL ||
	    in->type != GALLEY_TEXT || in->len < 5 || memcmp(in->text, "[!", 2) != 0)
		return -1;
	for (int k = 0; k < 5; k++) {
		n = strlen(kinds[k]);
		if (in->len >= n + 3 && strncasecmp(in->text + 2, kinds[k], n) == 0 && in->text[2 + n] == ']') {
			for (size_t i = n + 3; i < in->len; i++)
				if (!is_space(in->text[i]))
					return -1;
			if (in->next != NULL && in->next->type != GALLEY_SOFTBREAK && in->next->type != GALLEY_HARDBREAK)
				return -1;
			return k;
		}
	}
	return -1;
}

static int pass_blocks(site_pass *p, galley_block **list);

/* The value of `key` among a shortcode's arguments ('key="v"', "key='v'"
 * or key=v), into the document; NULL when absent or empty. */
static int shortcode_arg(site_pass *p, const char *s, size_t n, const char *key, const char **out)
{
	size_t k = strlen(key);

	*out = NULL;
	for (size_t i = 0; i + k + 1 < n; i++) {
		size_t v, e;
		if ((i > 0 && !is_space(s[i - 1])) || memcmp(s + i, key, k) != 0 || s[i + k] != '=')
			continue;
		v = i + k + 1;
		if (s[v] == '"' || s[v] == '\'') {
			for (e = v + 1; e < n && s[e] != s[v]; e++)
				;
			v++;
		} else {
			for (e = v; e < n && !is_space(s[e]); e++)
				;
		}
		if (e > v && (*out = galley_doc_strndup(p->ctx->doc, s + v, e - v)) == NULL)
			return oom(p);
		return 0;
	}
	return 0;
}

static galley_inline *plain_text(site_pass *p, const char *s, galley_pos pos)
{
	galley_inline *in = galley_doc_new_inline(p->ctx->doc, GALLEY_TEXT, pos);
	if (in != NULL) {
		in->text = s;
		in->len = strlen(s);
	}
	return in;
}

/* A paragraph that is only Hugo's figure shortcode ('{{< figure
 * src="x.png" caption="..." >}}') becomes the figure it stands for, its
 * picture read like a Markdown image's (*done); any other is left. */
static int shortcode_figure(site_pass *p, galley_block *b, bool *done)
{
	const galley_inline *in = b->inlines;
	const char *s, *src, *alt, *title, *caption;
	size_t i = 0, len, n;
	site_tag *t;
	galley_inline *img;
	char word[32];
	int rc;

	*done = false;
	while (i < in->len && is_space(in->text[i]))
		i++;
	if ((t = tag_at(p, in->text, in->len, i, &len)) == NULL || t->kind != TAG_SHORTCODE)
		return 0;
	for (i += len; i < in->len && is_space(in->text[i]); i++)
		;
	if (i < in->len)
		return 0;
	tag_inside(p->site, t, &s, &n);
	tag_word(s, n, word);
	if (strcmp(word, "figure") != 0)
		return 0;
	if ((rc = shortcode_arg(p, s, n, "src", &src)) < 0 || (rc = shortcode_arg(p, s, n, "alt", &alt)) < 0 ||
	    (rc = shortcode_arg(p, s, n, "title", &title)) < 0 ||
	    (rc = shortcode_arg(p, s, n, "caption", &caption)) < 0)
		return rc;
	if (src == NULL)
		return 0;
	if ((img = galley_doc_new_inline(p->ctx->doc, GALLEY_IMAGE, b->pos)) == NULL)
		return oom(p);
	img->url = src;
	img->title = caption != NULL ? caption : title;
	if ((alt != NULL || img->title != NULL) &&
	    (img->children = plain_text(p, alt != NULL ? alt : img->title, b->pos)) == NULL)
		return oom(p);
	if ((rc = read_image_inline(p->ctx, img, &b->pos)) < 0)
		return rc;
	b->type = GALLEY_FIGURE;
	b->inlines = img;
	*done = true;
	return 0;
}

/* One block of a list; *drop when it goes (an attribute list alone in its
 * paragraph, a paragraph of tags only, a kramdown table of contents). */
static int pass_block(site_pass *p, galley_block *b, galley_block *prev, bool *drop)
{
	int rc = 0;
	bool toc = false;

	*drop = false;
	if (b->type == GALLEY_PARAGRAPH && b->inlines != NULL && b->inlines->next == NULL &&
	    b->inlines->type == GALLEY_TEXT && !p->raw && only_tags(p, b->inlines, &toc)) {
		/* "{: #id}" under a heading names it */
		const char *id = NULL;
		bool figure;
		if ((rc = shortcode_figure(p, b, &figure)) < 0 || figure)
			return rc;
		if ((rc = text_tags(p, b->inlines, true, prev != NULL && prev->type == GALLEY_HEADING ? &id : NULL)) < 0)
			return rc;
		if (id != NULL && prev->anchor == NULL)
			prev->anchor = id;
		*drop = b->inlines->len == 0;
		if (!*drop)
			return pass_inlines(p, &b->inlines, true, NULL);
		return 0;
	}
	if (b->type == GALLEY_HEADING) {
		const char *id = NULL;
		if ((rc = pass_inlines(p, &b->inlines, true, &id)) == 0 && id != NULL)
			b->anchor = id;
		return rc;
	}
	if (b->type == GALLEY_QUOTE) {
		int kind = alert_kind(b);
		if (kind >= 0) {
			galley_block *para = b->children;
			b->type = GALLEY_CALLOUT;
			b->callout = (galley_callout)kind;
			para->inlines = para->inlines->next;
			tidy(&para->inlines);
			if (para->inlines == NULL)
				b->children = para->next;
		}
	}
	/* kramdown's "* TOC\n{:toc}": a list that only marks where a table
	 * of contents would go */
	if (b->type == GALLEY_LIST && b->children != NULL && b->children->next == NULL &&
	    b->children->children != NULL && b->children->children->type == GALLEY_PARAGRAPH) {
		for (const galley_inline *in = b->children->children->inlines; in != NULL; in = in->next) {
			size_t len;
			site_tag *t;
			for (size_t i = 0; in->type == GALLEY_TEXT && i < in->len; i++)
				if ((t = tag_at(p, in->text, in->len, i, &len)) != NULL && toc_tag(p->site, t))
					*drop = true;
		}
		if (*drop)
			return 0;
	}
	if (b->inlines != NULL)
		rc = pass_inlines(p, &b->inlines, true, NULL);
	if (rc == 0 && b->type == GALLEY_MATH_BLOCK && p->nmath++ == 0)
		p->math_pos = b->pos;
	if (rc == 0 && b->children != NULL)
		rc = pass_blocks(p, &b->children);
	(void)toc;
	return rc;
}

static int pass_blocks(site_pass *p, galley_block **list)
{
	galley_block *prev = NULL;
	int rc;

	for (galley_block **at = list; *at != NULL;) {
		bool drop;
		if ((rc = pass_block(p, *at, prev, &drop)) < 0)
			return rc;
		if (drop) {
			*at = (*at)->next;
		} else {
			prev = *at;
			at = &(*at)->next;
		}
	}
	return 0;
}

/* The plain text of inlines: emphasis and links give their words, and
 * images their alt text when `alt`. */
static void plain(galley_buf *t, const galley_inline *in, bool alt)
{
	for (; in != NULL; in = in->next) {
		if (in->type == GALLEY_TEXT || in->type == GALLEY_CODE || in->type == GALLEY_MATH)
			galley_buf_add(t, in->text, in->len);
		else if (in->type == GALLEY_SOFTBREAK || in->type == GALLEY_HARDBREAK)
			galley_buf_putc(t, ' ');
		else if ((in->type != GALLEY_IMAGE || alt) && in->type != GALLEY_NOTEREF)
			plain(t, in->children, alt);
	}
}

/* The plain text of a heading, trimmed, into the document; NULL (and no
 * error) when it has none. */
static int heading_text(site_pass *p, const galley_inline *in, bool alt, const char **out)
{
	galley_buf t = GALLEY_BUF_INIT;
	size_t s = 0, e;
	int rc = 0;

	*out = NULL;
	plain(&t, in, alt);
	e = t.len;
	while (s < e && (is_space(t.data[s]) || t.data[s] == '\n'))
		s++;
	while (e > s && (is_space(t.data[e - 1]) || t.data[e - 1] == '\n'))
		e--;
	if (t.failed)
		rc = oom(p);
	else if (e > s && (*out = galley_doc_strndup(p->ctx->doc, t.data + s, e - s)) == NULL)
		rc = oom(p);
	galley_buf_dispose(&t);
	return rc;
}

static galley_inline *first_image(galley_inline *in)
{
	for (; in != NULL; in = in->next) {
		galley_inline *img = in->type == GALLEY_IMAGE ? in : first_image(in->children);
		if (img != NULL)
			return img;
	}
	return NULL;
}

/* The images of a heading that leaves the text for the title, kept at
 * *tail: one that shows a file (a project's logo beside its name: "# <img
 * src=logo.png> Name"), or a placeholder for one, as a figure; remote
 * ones not fetched (badges), with their links, on a line of their own,
 * unless `alt_title` (their alt text is the title). */
static int heading_images(site_pass *p, galley_inline *list, bool alt_title, galley_block ***tail)
{
	galley_inline *line = NULL, **ltail = &line, *next;
	galley_block *b;

	for (galley_inline *in = list; in != NULL; in = next) {
		galley_inline *img = in->type == GALLEY_IMAGE ? in : first_image(in->children);
		next = in->next;
		if (img == NULL)
			continue;
		if (img->asset != NULL || img->missing) {
			if ((b = galley_doc_new_block(p->ctx->doc, GALLEY_FIGURE, img->pos)) == NULL)
				return oom(p);
			img->next = NULL;
			b->inlines = img;
			**tail = b;
			*tail = &b->next;
		} else if (!alt_title) {
			if (line != NULL) {
				galley_inline *space = galley_doc_new_inline(p->ctx->doc, GALLEY_TEXT, in->pos);
				if (space == NULL || (space->text = galley_doc_strndup(p->ctx->doc, " ", 1)) == NULL)
					return oom(p);
				space->len = 1;
				*ltail = space;
				ltail = &space->next;
			}
			in->next = NULL;
			*ltail = in;
			ltail = &in->next;
		}
	}
	if (line != NULL) {
		if ((b = galley_doc_new_block(p->ctx->doc, GALLEY_PARAGRAPH, line->pos)) == NULL)
			return oom(p);
		b->inlines = line;
		**tail = b;
		*tail = &b->next;
	}
	return 0;
}

/* The first heading among the top-level blocks, when it is of level 1,
 * becomes the title (package READMEs have no front matter) and leaves the
 * text, where it would be printed twice.  A heading of images only is
 * named by their alt text ("# <img alt="Name" src=...>"); its images stay
 * where it was (heading_images). */
static int title_from_heading(site_pass *p, galley_meta *meta, galley_block **blocks)
{
	galley_block **at, *heading, **tail;
	const char *title;
	bool alt_title = false;
	int rc;

	for (at = blocks; *at != NULL && (*at)->type != GALLEY_HEADING; at = &(*at)->next)
		;
	if (*at == NULL || (*at)->level != 1)
		return 0;
	heading = *at;
	if ((rc = heading_text(p, heading->inlines, false, &title)) < 0)
		return rc;
	if (title == NULL) {
		alt_title = true;
		if ((rc = heading_text(p, heading->inlines, true, &title)) < 0)
			return rc;
	}
	if (title == NULL)
		return 0;
	meta->title = title;
	*at = heading->next;
	tail = at;
	rc = heading_images(p, heading->inlines, alt_title, &tail);
	*tail = heading->next;
	return rc;
}

/* The one warning of the file about what was removed unevaluated. */
static int warn_removed(site_pass *p)
{
	galley_buf msg = GALLEY_BUF_INIT;
	size_t n = 0, named = 0;
	galley_pos pos = {p->ctx->file, 0, 1};
	int rc = 0;

	for (size_t i = 0; i < p->site->ntags; i++)
		n += p->site->tags[i].removed;
	if (n == 0)
		return 0;
	galley_buf_printf(&msg, "%zu template tag%s or attribute list%s removed, which galley cannot "
	                  "evaluate: ", n, n == 1 ? "" : "s", n == 1 ? "" : "s");
	for (size_t i = 0; i < p->site->ntags && named < READ_SITE_WARN_NAMED; i++) {
		const site_tag *t = &p->site->tags[i];
		int shown = t->len > 60 ? 57 : (int)t->len;
		if (!t->removed)
			continue;
		if (pos.line == 0)
			pos.line = t->line;
		galley_buf_printf(&msg, "%sline %u %.*s%s", named ? ", " : "", (unsigned)t->line, shown,
		                  p->site->body + t->offset, t->len > 60 ? "..." : "");
		named++;
	}
	if (n > named)
		galley_buf_printf(&msg, " and %zu more", n - named);
	if (msg.failed || galley_doc_warn(p->ctx->doc, GALLEY_WARNING, &pos, "%s", msg.data) < 0)
		rc = oom(p);
	galley_buf_dispose(&msg);
	return rc;
}

int read_site_finish(read_ctx *ctx, galley_meta *meta, galley_block **blocks)
{
	site_pass p;
	int rc = 0;

	memset(&p, 0, sizeof p);
	p.ctx = ctx;
	p.site = ctx->site;
	if (p.site != NULL && (rc = pass_blocks(&p, blocks)) == 0)
		rc = warn_removed(&p);
	if (rc == 0 && p.nmath > 0 &&
	    galley_doc_warn(ctx->doc, GALLEY_WARNING, &p.math_pos,
	                    "math is not typeset: %zu formula%s kept as TeX source", p.nmath,
	                    p.nmath == 1 ? "" : "s") < 0)
		rc = oom(&p);
	if (rc == 0 && meta->title == NULL)
		rc = title_from_heading(&p, meta, blocks);
	return rc;
}
