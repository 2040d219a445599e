/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * links.c: links between the articles of a book, resolved when the book is
 * finished (galley_doc_finish; the rules are its contract in model.h).
 *
 * A link is resolved against the whole book, never per file: "other.md"
 * means something only once every article has been read and given its id.
 * Each link whose URL has no scheme gets a target article and, for a
 * fragment, the id of a heading in it; the writers turn that into a jump
 * to a named destination (PDF) or to a file and fragment (EPUB).  A link
 * that points at nothing keeps no target and the writers set its text
 * unlinked: a relative URL in a PDF or an EPUB would point at a file that
 * is not there.
 *
 * Matching, in order, for a URL path (its query and fragment cut off, its
 * %XX escapes decoded):
 *   1. the path relative to the linking article's file, made lexically
 *      canonical ("a/./b/../c.md" is "a/c.md"), equals an article's path
 *      made canonical the same way;
 *   2. a Markdown file name ("other.md") that exactly one article has;
 *   3. a site address ("../2024/05/other/", "/blog/other.html",
 *      "2019-04-25-other" from Jekyll's post_url): its last segment, less
 *      an index file name, an extension and a date prefix, compared as a
 *      slug with each article's file slug (its file name less extension
 *      and date prefix; for index.md or _index.md its folder's name), else
 *      with the slug of its title; when the address holds a date
 *      (/YYYY/MM/, /YYYY/MM/DD/ or a dated name), the article's date must
 *      agree.  Exactly one article must match.
 * Fragments and heading ids are compared as galley_slugify makes ids, so
 * "#Part_Two" finds the heading "Part two".
 *
 * Every link is compared with every article: a book holds hundreds of
 * articles, and the keys are made once per resolution, so that stays far
 * below the cost of reading them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "galley/model.h"
#include "model/doc_impl.h"

/* Room for a slug (galley_slugify writes at most 64 bytes). */
#define LINK_SLUG_MAX 80

/* What an article is known by, for matching. */
typedef struct link_key {
	const galley_article *article;
	char *path;                    /* canonical path (malloc'ed) */
	const char *name;              /* its file name, inside path */
	char slug[LINK_SLUG_MAX];      /* file slug, "" when none */
	char title[LINK_SLUG_MAX];     /* slug of the title, "" when untitled */
	int year, month, day;          /* the article's date, or the file name's; 0: none */
} link_key;

typedef struct link_ctx {
	galley_doc *doc;
	link_key *keys;
	size_t nkeys;
	bool warn;                     /* the first resolution of this document */
	int rc;
} link_ctx;

/* A date asked for by an address; 0 parts are not constrained. */
typedef struct link_date {
	int year, month, day;
} link_date;

bool galley_url_is_external(const char *url)
{
	const char *p = url;

	if (url == NULL)
		return false;
	if (url[0] == '/' && url[1] == '/')
		return true;
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return false;
	for (p++; *p != '\0' && *p != ':'; p++) {
		bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		          (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.';
		if (!ok)
			return false;
	}
	return *p == ':';
}

/* ---- paths --------------------------------------------------------------- */

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes %XX escapes of `s` (n bytes) into a new string; NULL on OOM. */
static char *decode(const char *s, size_t n)
{
	char *out = malloc(n + 1);
	size_t o = 0;

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0 &&
		    (hex(s[i + 1]) << 4 | hex(s[i + 2])) != 0) {
			out[o++] = (char)(hex(s[i + 1]) << 4 | hex(s[i + 2]));
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
}

/* `rel` taken relative to the folder of `base` (when rel is not absolute),
 * with "." and ".." segments and repeated slashes folded away lexically.
 * malloc'ed; NULL on OOM. */
static char *canonical(const char *base, const char *rel)
{
	size_t dir = 0, n, o = 0;
	char *joined, *out;
	const char *slash = base != NULL ? strrchr(base, '/') : NULL;

	if (rel[0] != '/' && slash != NULL)
		dir = (size_t)(slash - base) + 1;
	n = dir + strlen(rel);
	joined = malloc(n + 1);
	out = malloc(n + 2);
	if (joined == NULL || out == NULL) {
		free(joined);
		free(out);
		return NULL;
	}
	if (dir > 0)
		memcpy(joined, base, dir);
	strcpy(joined + dir, rel);
	if (joined[0] == '/')
		out[o++] = '/';
	for (const char *p = joined; *p != '\0';) {
		size_t len = strcspn(p, "/");
		if (len == 0 || (len == 1 && p[0] == '.')) {
			/* nothing */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			/* back one segment, unless there is none (then keep "..") */
			size_t start = o;
			while (start > 0 && out[start - 1] == '/')
				start--;
			while (start > 0 && out[start - 1] != '/')
				start--;
			if (o > start && !(o - start >= 3 && memcmp(out + start, "../", 3) == 0) &&
			    !(o == 1 && out[0] == '/')) {
				o = start;
			} else if (!(o == 1 && out[0] == '/')) {
				memcpy(out + o, "../", 3);
				o += 3;
			}
		} else {
			memcpy(out + o, p, len);
			o += len;
			out[o++] = '/';
		}
		p += len;
		while (*p == '/')
			p++;
	}
	if (o > 1 && out[o - 1] == '/')
		o--;
	out[o] = '\0';
	free(joined);
	return out;
}

static bool is_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

static int number(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Whether s (n bytes) starts with "YYYY-MM-DD" followed by '-' or '_'
 * (Jekyll's and Zola's dated names); fills *d and returns the length of
 * the prefix with its separator, else 0. */
static size_t date_prefix(const char *s, size_t n, link_date *d)
{
	if (n < 11 || !is_digits(s, 4) || s[4] != '-' || !is_digits(s + 5, 2) || s[7] != '-' ||
	    !is_digits(s + 8, 2) || (s[10] != '-' && s[10] != '_'))
		return 0;
	d->year = number(s, 4);
	d->month = number(s + 5, 2);
	d->day = number(s + 8, 2);
	return 11;
}

/* The length of a known page or Markdown extension at the end of a
 * segment, 0 when none. */
static size_t extension(const char *s, size_t n, bool markdown_only)
{
	static const char *const md[] = {".md", ".markdown", ".mdown", ".mkd", ".mdx", NULL};
	static const char *const web[] = {".html", ".htm", ".xhtml", ".php", NULL};

	for (int k = 0; md[k] != NULL; k++) {
		size_t e = strlen(md[k]);
		if (n > e && strncmp(s + n - e, md[k], e) == 0)
			return e;
	}
	for (int k = 0; !markdown_only && web[k] != NULL; k++) {
		size_t e = strlen(web[k]);
		if (n > e && strncmp(s + n - e, web[k], e) == 0)
			return e;
	}
	return 0;
}

/* Whether a segment (without extension) names an index page. */
static bool index_name(const char *s, size_t n)
{
	return (n == 5 && memcmp(s, "index", 5) == 0) || (n == 6 && memcmp(s, "_index", 6) == 0);
}

/* The slug of the last meaningful segment of `path` (an index page names
 * its folder), a date found in a prefix of it into *d.  "" when none. */
static void path_slug(const char *path, char out[LINK_SLUG_MAX], link_date *d)
{
	size_t n = strlen(path), start, len, pre;

	out[0] = '\0';
	while (n > 0 && path[n - 1] == '/')
		n--;
	for (int round = 0; round < 2; round++) {
		start = n;
		while (start > 0 && path[start - 1] != '/')
			start--;
		len = n - start;
		len -= extension(path + start, len, false);
		if (round == 0 && index_name(path + start, len) && start > 0) {
			n = start;
			while (n > 0 && path[n - 1] == '/')
				n--;
			continue;
		}
		break;
	}
	if (len == 0)
		return;
	pre = date_prefix(path + start, len, d);
	if (pre == len)
		return;
	galley_slugify(path + start + pre, len - pre, out, LINK_SLUG_MAX);
}

/* A date asked for by /YYYY/MM/ or /YYYY/MM/DD/ segments of `path`. */
static void path_date(const char *path, link_date *d)
{
	const char *segs[3];
	size_t lens[3], k = 0;

	for (const char *p = path; *p != '\0';) {
		size_t len = strcspn(p, "/");
		if (k < 3 && ((k == 0 && len == 4) || (k > 0 && len == 2)) && is_digits(p, len)) {
			segs[k] = p;
			lens[k++] = len;
		} else if (k >= 2) {
			break;
		} else {
			k = 0;
		}
		p += len;
		while (*p == '/')
			p++;
	}
	if (k < 2)
		return;
	d->year = number(segs[0], lens[0]);
	d->month = number(segs[1], lens[1]);
	if (k == 3)
		d->day = number(segs[2], lens[2]);
}

static bool date_agrees(const link_key *k, const link_date *d)
{
	return (d->year == 0 || d->year == k->year) && (d->month == 0 || d->month == k->month) &&
	       (d->day == 0 || d->day == k->day);
}

/* ---- keys ------------------------------------------------------------------ */

static int make_keys(link_ctx *c)
{
	size_t n = galley_doc_narticles(c->doc);

	c->keys = calloc(n ? n : 1, sizeof *c->keys);
	if (c->keys == NULL)
		return GALLEY_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const galley_article *a = galley_doc_article(c->doc, i);
		link_key *k = &c->keys[c->nkeys++];
		link_date d = {0, 0, 0};
		const char *slash;

		k->article = a;
		if ((k->path = canonical(NULL, a->path != NULL ? a->path : "")) == NULL)
			return GALLEY_ENOMEM;
		slash = strrchr(k->path, '/');
		k->name = slash != NULL ? slash + 1 : k->path;
		path_slug(k->path, k->slug, &d);
		if (a->meta.title != NULL)
			galley_slugify(a->meta.title, strlen(a->meta.title), k->title, sizeof k->title);
		if (a->meta.date.year != 0) {
			k->year = a->meta.date.year;
			k->month = a->meta.date.month;
			k->day = a->meta.date.day;
		} else {
			k->year = d.year;
			k->month = d.month;
			k->day = d.day;
		}
	}
	return 0;
}

static void free_keys(link_ctx *c)
{
	for (size_t i = 0; i < c->nkeys; i++)
		free(c->keys[i].path);
	free(c->keys);
}

/* ---- resolution ------------------------------------------------------------ */

static const galley_block *find_heading(const galley_block *b, const char *id)
{
	for (; b != NULL; b = b->next) {
		const galley_block *found;
		if (b->type == GALLEY_HEADING && b->id != NULL && strcmp(b->id, id) == 0)
			return b;
		if (b->children != NULL && (found = find_heading(b->children, id)) != NULL)
			return found;
	}
	return NULL;
}

bool galley_doc_has_heading(const galley_article *article, const char *id)
{
	return find_heading(article->blocks, id) != NULL || find_heading(article->notes, id) != NULL;
}

/* The heading of `a` a fragment names, or NULL. */
static const char *heading_of(const galley_article *a, const char *frag)
{
	char slug[LINK_SLUG_MAX];
	const galley_block *h;

	galley_slugify(frag, strlen(frag), slug, sizeof slug);
	h = find_heading(a->blocks, slug);
	if (h == NULL)
		h = find_heading(a->notes, slug);
	return h != NULL ? h->id : NULL;
}

static int warn(link_ctx *c, const galley_inline *in, const char *fmt, const char *a, const char *b)
{
	if (c->warn && galley_doc_warn(c->doc, GALLEY_WARNING, &in->pos, fmt, a, b) < 0)
		return GALLEY_ENOMEM;
	return 0;
}

/* The article the path part of a URL names, from `from`; *count says how
 * many matched by the rule that decided (more than one: ambiguous). */
static const galley_article *match_path(link_ctx *c, const galley_article *from, const char *path,
                                        size_t *count)
{
	const galley_article *found = NULL;
	char slug[LINK_SLUG_MAX];
	link_date want = {0, 0, 0};
	const char *name;
	size_t n = strlen(path);
	char *canon = canonical(from->path, path);

	*count = 0;
	if (canon == NULL) {
		c->rc = GALLEY_ENOMEM;
		return NULL;
	}
	for (size_t i = 0; i < c->nkeys; i++) {
		if (strcmp(c->keys[i].path, canon) == 0) {
			found = c->keys[i].article;
			(*count)++;
		}
	}
	free(canon);
	if (*count > 0)
		return found;
	name = strrchr(path, '/');
	name = name != NULL ? name + 1 : path;
	if (extension(name, strlen(name), true) > 0) {
		for (size_t i = 0; i < c->nkeys; i++) {
			if (strcmp(c->keys[i].name, name) == 0) {
				found = c->keys[i].article;
				(*count)++;
			}
		}
		if (*count > 0)
			return found;
	}
	if (n == 0)
		return NULL;
	path_slug(path, slug, &want);
	path_date(path, &want);
	if (slug[0] == '\0')
		return NULL;
	for (size_t i = 0; i < c->nkeys; i++) {
		if (strcmp(c->keys[i].slug, slug) == 0 && date_agrees(&c->keys[i], &want)) {
			found = c->keys[i].article;
			(*count)++;
		}
	}
	if (*count > 0)
		return found;
	for (size_t i = 0; i < c->nkeys; i++) {
		if (strcmp(c->keys[i].title, slug) == 0 && date_agrees(&c->keys[i], &want)) {
			found = c->keys[i].article;
			(*count)++;
		}
	}
	return found;
}

static int resolve(link_ctx *c, const galley_article *from, galley_inline *in)
{
	const char *url = in->url;
	size_t plen = strcspn(url, "?#");
	const char *hash = strchr(url, '#');
	char *path = NULL, *frag = NULL;
	const galley_article *target = from;
	size_t count = 1;
	int rc = 0;

	if ((path = decode(url, plen)) == NULL ||
	    (frag = decode(hash != NULL ? hash + 1 : "", hash != NULL ? strlen(hash + 1) : 0)) == NULL) {
		rc = GALLEY_ENOMEM;
		goto cleanup;
	}
	if (path[0] != '\0')
		target = match_path(c, from, path, &count);
	if (c->rc < 0) {
		rc = c->rc;
		goto cleanup;
	}
	if (count > 1) {
		rc = warn(c, in, "link to '%.200s' matches several articles of this book%s: "
		                 "its text is kept, unlinked", url, "");
		goto cleanup;
	}
	if (target == NULL) {
		rc = warn(c, in, "link to '%.200s' points at nothing in this book%s: "
		                 "its text is kept, unlinked", url, "");
		goto cleanup;
	}
	if (frag[0] != '\0') {
		const char *id = heading_of(target, frag);
		if (id == NULL && target == from) {
			rc = warn(c, in, "link to '%.200s': no heading of this article has the id '%.100s': "
			                 "its text is kept, unlinked", url, frag);
			goto cleanup;
		}
		if (id == NULL)
			rc = warn(c, in, "link to '%.200s': no heading '%.100s' there; "
			                 "the link goes to the start of that article", url, frag);
		in->anchor = id;
	}
	in->target = target;

cleanup:
	free(path);
	free(frag);
	return rc;
}

static int walk_inlines(link_ctx *c, const galley_article *a, galley_inline *in)
{
	int rc;

	for (; in != NULL; in = in->next) {
		if (in->type == GALLEY_LINK) {
			in->target = NULL;
			in->anchor = NULL;
			if (in->url != NULL && !galley_url_is_external(in->url) && (rc = resolve(c, a, in)) < 0)
				return rc;
		}
		if (in->children != NULL && (rc = walk_inlines(c, a, in->children)) < 0)
			return rc;
	}
	return 0;
}

static int walk_blocks(link_ctx *c, const galley_article *a, galley_block *b)
{
	int rc;

	for (; b != NULL; b = b->next) {
		if ((rc = walk_inlines(c, a, b->inlines)) < 0 ||
		    (b->children != NULL && (rc = walk_blocks(c, a, b->children)) < 0))
			return rc;
	}
	return 0;
}

int galley_doc_resolve_links(galley_doc *doc)
{
	link_ctx c;
	int rc;

	memset(&c, 0, sizeof c);
	c.doc = doc;
	c.warn = !doc->links_checked;
	rc = make_keys(&c);
	for (size_t i = 0; rc == 0 && i < galley_doc_narticles(doc); i++) {
		galley_article *a = galley_doc_article(doc, i);
		if ((rc = walk_blocks(&c, a, a->blocks)) == 0)
			rc = walk_blocks(&c, a, a->notes);
	}
	free_keys(&c);
	if (rc == 0)
		doc->links_checked = true;
	return rc;
}
