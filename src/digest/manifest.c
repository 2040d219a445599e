/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * digest/manifest.c: digest manifests (digest.yaml) -> galley_digest
 * (galley_digest_load and the accessors of galley/digest.h).  Reading the
 * digest's articles into a document is digest/compile.c.
 *
 * The manifest is small, so it is loaded whole with libyaml's document API
 * and walked by a fixed schema: top-level keys, `sections` (a list of
 * {title, articles}), and the `pdf`, `epub` and `output` mappings.  Nothing
 * deeper is ever visited, so YAML aliases cannot make the walk grow.
 *
 * libyaml types nothing and accepts duplicate keys: every scalar is typed
 * here by the key that holds it, and every mapping is checked for repeated
 * keys.  libyaml's marks count from 0; positions are reported from 1.
 *
 * Memory: the digest (struct galley_digest, digest/internal.h) owns a
 * private galley_doc used only as an arena (all strings and the string
 * lists) and as the store of its warnings, so that warnings have the same
 * shape as the document's own.  The section and path arrays grow, so they
 * are malloc'ed and freed by galley_digest_free.
 */
#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <yaml.h>

#include "galley/digest.h"
#include "digest/internal.h"
#include "base/buf.h"
#include "base/vec.h"
#include "model/options.h"

/* Largest manifest file.  A manifest lists sections and a few hundred
 * entries in well under 64 KB; 1 MiB bounds libyaml's node tree. */
#define DIGEST_MAX_MANIFEST_BYTES ((size_t)1024 * 1024)

/* Longest span (`since: 400w`).  A century of days keeps the date
 * arithmetic far from any overflow and is beyond any real digest. */
#define DIGEST_MAX_SPAN_DAYS 36600

/* Deepest table of contents an EPUB reader shows usefully: articles and
 * headings down to h5. */
#define DIGEST_MAX_TOC_DEPTH 6

typedef struct load_ctx {
	galley_digest *d;
	yaml_document_t *ydoc;
	galley_error *err;
	yaml_node_t *since, *until;   /* the window's nodes, resolved last */
	galley_pos since_pos;
} load_ctx;

/* ---- positions and messages -------------------------------------------- */

static galley_pos node_pos(const load_ctx *c, const yaml_node_t *node)
{
	galley_pos pos;
	pos.file = c->d->path;
	pos.line = (uint32_t)node->start_mark.line + 1;
	pos.column = (uint32_t)node->start_mark.column + 1;
	return pos;
}

static int oom(load_ctx *c)
{
	return galley_error_set(c->err, GALLEY_ENOMEM, NULL, "out of memory loading %s", c->d->path);
}

static const char *kind_name(const yaml_node_t *node)
{
	switch (node->type) {
	case YAML_SCALAR_NODE:
		return "a single value";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_MAPPING_NODE:
		return "a mapping";
	case YAML_NO_NODE:
		break;
	}
	return "nothing";
}

static int type_error(load_ctx *c, const yaml_node_t *node, const char *key, const char *want)
{
	galley_pos pos = node_pos(c, node);
	return galley_error_set(c->err, GALLEY_ETYPE, &pos, "%s must be %s, not %s", key, want,
	                        kind_name(node));
}

static int value_error(load_ctx *c, const yaml_node_t *node, const char *key, const char *want)
{
	galley_pos pos = node_pos(c, node);
	return galley_error_set(c->err, GALLEY_ETYPE, &pos, "%s must be %s, not '%.*s'", key, want,
	                        (int)node->data.scalar.length, (const char *)node->data.scalar.value);
}

static int warn_unknown(load_ctx *c, const yaml_node_t *key, const char *where)
{
	galley_pos pos = node_pos(c, key);
	if (galley_doc_warn(c->d->arena, GALLEY_WARNING, &pos, "unknown key '%s'%s%s (ignored)",
	                    (const char *)key->data.scalar.value, where[0] ? " in " : "", where) < 0)
		return oom(c);
	return 0;
}

/* ---- typed scalars ------------------------------------------------------- */

static const char *scalar(const yaml_node_t *node)
{
	return (const char *)node->data.scalar.value;
}

/* An empty plain scalar, `~` or `null`: an absent value. */
static bool is_null(const yaml_node_t *node)
{
	const char *s;
	if (node->type != YAML_SCALAR_NODE || node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	s = scalar(node);
	return s[0] == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0;
}

static int get_string(load_ctx *c, const yaml_node_t *node, const char *key, const char **out)
{
	char *s;
	if (node->type != YAML_SCALAR_NODE)
		return type_error(c, node, key, "a string");
	if (is_null(node)) {
		*out = NULL;
		return 0;
	}
	s = galley_doc_strndup(c->d->arena, scalar(node), node->data.scalar.length);
	if (s == NULL)
		return oom(c);
	if (strlen(s) != node->data.scalar.length) {
		galley_pos pos = node_pos(c, node);
		return galley_error_set(c->err, GALLEY_ESYNTAX, &pos, "%s holds a NUL character", key);
	}
	*out = s;
	return 0;
}

static int get_bool(load_ctx *c, const yaml_node_t *node, const char *key, bool *out)
{
	static const char *const yes[] = {"true", "yes", "on"};
	static const char *const no[] = {"false", "no", "off"};
	size_t i;
	if (node->type != YAML_SCALAR_NODE)
		return type_error(c, node, key, "true or false");
	for (i = 0; i < 3; i++) {
		if (strcasecmp(scalar(node), yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(scalar(node), no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return value_error(c, node, key, "true or false");
}

static int get_int(load_ctx *c, const yaml_node_t *node, const char *key, long lo, long hi,
                   int *out)
{
	char *end, want[64];
	long v;
	snprintf(want, sizeof want, "a whole number from %ld to %ld", lo, hi);
	if (node->type != YAML_SCALAR_NODE)
		return type_error(c, node, key, want);
	errno = 0;
	v = strtol(scalar(node), &end, 10);
	if (end == scalar(node) || *end != '\0' || errno != 0 || v < lo || v > hi)
		return value_error(c, node, key, want);
	*out = (int)v;
	return 0;
}

/* A length: a bare number of points, or a number with a unit. */
static int get_length(load_ctx *c, const yaml_node_t *node, const char *key, double *out)
{
	static const char want[] = "a length such as 12pt, 20mm, 2cm or 1in";
	double v;
	if (node->type != YAML_SCALAR_NODE)
		return type_error(c, node, key, want);
	/* the same reading as the command line's, whatever the locale */
	if (galley_length_parse(scalar(node), &v) < 0)
		return value_error(c, node, key, want);
	if (!isfinite(v) || v < 0)
		return value_error(c, node, key, want);
	*out = v;
	return 0;
}

static int get_date(load_ctx *c, const yaml_node_t *node, const char *key, galley_date *out)
{
	if (node->type != YAML_SCALAR_NODE)
		return type_error(c, node, key, "a date (YYYY-MM-DD)");
	if (galley_date_parse(scalar(node), out) < 0)
		return value_error(c, node, key, "a date (YYYY-MM-DD)");
	return 0;
}

/* A list of strings: a sequence of scalars, or one scalar split at commas
 * (when `split`) or taken whole.  *out is an arena array. */
static int get_list(load_ctx *c, const yaml_node_t *node, const char *key, bool split,
                    const char ***out, size_t *n)
{
	const char **v;
	size_t count = 0, i;
	if (node->type == YAML_SCALAR_NODE) {
		const char *s = scalar(node), *p;
		if (is_null(node)) {
			*out = NULL;
			*n = 0;
			return 0;
		}
		count = 1;
		if (split)
			for (p = s; *p; p++)
				count += *p == ',';
		v = galley_doc_alloc(c->d->arena, count * sizeof *v);
		if (v == NULL)
			return oom(c);
		count = 0;
		for (p = s;;) {
			const char *e = split ? strchr(p, ',') : NULL;
			const char *stop = e ? e : p + strlen(p);
			const char *a = p;
			while (a < stop && (*a == ' ' || *a == '\t'))
				a++;
			while (stop > a && (stop[-1] == ' ' || stop[-1] == '\t'))
				stop--;
			if (stop > a) {
				v[count] = galley_doc_strndup(c->d->arena, a, (size_t)(stop - a));
				if (v[count++] == NULL)
					return oom(c);
			}
			if (e == NULL)
				break;
			p = e + 1;
		}
		*out = v;
		*n = count;
		return 0;
	}
	if (node->type != YAML_SEQUENCE_NODE)
		return type_error(c, node, key, "a list of strings");
	count = (size_t)(node->data.sequence.items.top - node->data.sequence.items.start);
	v = galley_doc_alloc(c->d->arena, (count ? count : 1) * sizeof *v);
	if (v == NULL)
		return oom(c);
	for (i = 0; i < count; i++) {
		yaml_node_t *item = yaml_document_get_node(c->ydoc, node->data.sequence.items.start[i]);
		int rc;
		if (item == NULL || item->type != YAML_SCALAR_NODE)
			return type_error(c, item ? item : node, key, "a list of strings");
		if ((rc = get_string(c, item, key, &v[i])) < 0)
			return rc;
		if (v[i] == NULL)
			return value_error(c, item, key, "a list of non-empty strings");
	}
	*out = v;
	*n = count;
	return 0;
}

/* ---- placeholders ------------------------------------------------------------
 *
 * The issue and the output paths may name the run's dates, so that one
 * manifest makes every week's issue with files of its own:
 *
 *   {date}   the issue's date, YYYY-MM-DD (the window's last day if the
 *            issue has no date)
 *   {since}  {until}   the window's first and last days, YYYY-MM-DD
 *   {week}   {year}    the ISO 8601 week of the issue's date and its year
 *   {issue}  the issue, as a file name (galley_slugify); paths only
 *
 * Anything else between braces is an error where the manifest says it. */

static const char *const placeholders[] = {"date", "since", "until", "week", "year", "issue"};

/* The placeholder at `p` (just after a '{'): its index, or -1. */
static int placeholder_at(const char *p, bool path, size_t *len)
{
	size_t i;
	for (i = 0; i < sizeof placeholders / sizeof placeholders[0]; i++) {
		size_t n = strlen(placeholders[i]);
		if (strncmp(p, placeholders[i], n) == 0 && p[n] == '}' && (path || strcmp(placeholders[i], "issue") != 0)) {
			*len = n + 1;
			return (int)i;
		}
	}
	return -1;
}

/* A string that may hold placeholders, checked here and kept as written. */
static int get_template(load_ctx *c, const yaml_node_t *node, const char *key, bool path,
                        const char **out)
{
	const char *s, *p;
	size_t len;
	int rc = get_string(c, node, key, out);
	if (rc < 0 || *out == NULL)
		return rc;
	s = *out;
	for (p = strchr(s, '{'); p != NULL; p = strchr(p + 1, '{'))
		if (placeholder_at(p + 1, path, &len) < 0) {
			galley_pos pos = node_pos(c, node);
			return galley_error_set(c->err, GALLEY_ESYNTAX, &pos,
			                        "%s: unknown placeholder at '%.20s' (known: {date}, {since}, {until}, "
			                        "{week}, {year}%s)", key, p, path ? ", {issue}" : "");
		}
	return 0;
}

/* Days since 1970-01-01 of a calendar day (proleptic Gregorian). */
static long days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The ISO 8601 week of `date` and the year it belongs to. */
static void iso_week(const galley_date *date, int *week, int *year)
{
	long days = days_from_civil(date->year, date->month, date->day);
	int weekday = (int)(((days + 3) % 7 + 7) % 7) + 1; /* 1970-01-01 was a Thursday: Monday 1 */
	galley_date thursday = galley_date_add_days(date, 4 - weekday);
	*year = thursday.year;
	*week = (int)((days_from_civil(thursday.year, thursday.month, thursday.day) -
	               days_from_civil(thursday.year, 1, 1)) / 7) + 1;
}

/* `tmpl` with its placeholders filled in (arena), or NULL when memory ran
 * out or a value is missing (*missing then names it). */
static char *expand(galley_digest *d, const char *tmpl, const galley_date *date,
                    const char *issue, const char **missing)
{
	galley_buf b = GALLEY_BUF_INIT;
	const char *p = tmpl;
	char *out = NULL, text[72];
	size_t len;

	*missing = NULL;
	while (*p) {
		const char *brace = strchr(p, '{');
		int which;
		const galley_date *day = NULL;
		if (brace == NULL) {
			galley_buf_puts(&b, p);
			break;
		}
		galley_buf_add(&b, p, (size_t)(brace - p));
		which = placeholder_at(brace + 1, true, &len);
		switch (which) {
		case 0: day = date->year != 0 ? date : &d->select.until; break;
		case 1: day = &d->select.since; break;
		case 2: day = &d->select.until; break;
		case 3: case 4: day = date; break;
		default: break;
		}
		if (which == 5) {
			if (issue == NULL) {
				*missing = "issue";
				goto cleanup;
			}
			galley_slugify(issue, strlen(issue), text, sizeof text);
		} else if (day == NULL || day->year == 0) {
			*missing = placeholders[which];
			goto cleanup;
		} else if (which <= 2) {
			galley_date_iso(day, false, text);
		} else {
			int week, year;
			iso_week(day, &week, &year);
			snprintf(text, sizeof text, which == 3 ? "%02d" : "%04d", which == 3 ? week : year);
		}
		galley_buf_puts(&b, text);
		p = brace + 1 + len;
	}
	if (!b.failed)
		out = galley_doc_strndup(d->arena, b.data ? b.data : "", b.len);
cleanup:
	galley_buf_dispose(&b);
	return out;
}

/* ---- paths ---------------------------------------------------------------- */

/* `p` relative to the manifest's folder (absolute paths unchanged). */
static const char *resolve(load_ctx *c, const char *p)
{
	if (p[0] == '/' || c->d->dir == NULL)
		return galley_doc_strdup(c->d->arena, p);
	return galley_doc_printf(c->d->arena, "%s/%s", c->d->dir, p);
}

static int get_path(load_ctx *c, const yaml_node_t *node, const char *key, const char **out)
{
	const char *s;
	int rc = get_string(c, node, key, &s);
	if (rc < 0)
		return rc;
	if (s == NULL) {
		*out = NULL;
		return 0;
	}
	*out = resolve(c, s);
	return *out ? 0 : oom(c);
}

/* The manifest's folder with glob(3) metacharacters escaped. */
static const char *glob_dir(load_ctx *c)
{
	const char *s = c->d->dir;
	char *out, *o;
	if (s == NULL)
		return NULL;
	out = galley_doc_alloc(c->d->arena, 2 * strlen(s) + 1);
	if (out == NULL)
		return NULL;
	for (o = out; *s; s++) {
		if (strchr("*?[]\\", *s) != NULL)
			*o++ = '\\';
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool is_regular(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Appends `path` (arena) to the last section unless some section already
 * has it, in which case a warning is recorded at `at`. */
static int add_path(load_ctx *c, const yaml_node_t *at, const char *path)
{
	galley_digest *d = c->d;
	galley_digest_section *sec = &d->sections[d->nsections - 1];
	size_t *cap = &d->cap_paths[d->nsections - 1];
	size_t i, j;
	for (i = 0; i < d->nsections; i++)
		for (j = 0; j < d->sections[i].npaths; j++)
			if (strcmp(d->sections[i].paths[j], path) == 0) {
				galley_pos pos = node_pos(c, at);
				if (galley_doc_warn(d->arena, GALLEY_WARNING, &pos,
				                    "%s is already in the digest (read once)", path) < 0)
					return oom(c);
				return 0;
			}
	if (galley_vec_reserve((void **)&sec->paths, cap, sec->npaths + 1, sizeof *sec->paths) < 0)
		return oom(c);
	sec->paths[sec->npaths++] = path;
	return 0;
}

/* Adds the sorted names in `v` (malloc'ed strings, freed here). */
static int add_sorted(load_ctx *c, const yaml_node_t *at, char **v, size_t n)
{
	size_t i;
	int rc = 0;
	qsort(v, n, sizeof *v, cmp_str);
	for (i = 0; i < n && rc == 0; i++) {
		const char *p = galley_doc_strdup(c->d->arena, v[i]);
		rc = p ? add_path(c, at, p) : oom(c);
	}
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return rc;
}

/* A folder: its *.md regular files, not recursing. */
static int add_folder(load_ctx *c, const yaml_node_t *at, const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	galley_pos pos = node_pos(c, at);
	if (dp == NULL)
		return galley_error_set(c->err, GALLEY_EIO, &pos, "cannot open folder %s: %s", dir,
		                        strerror(errno));
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);
		char *full;
		if (len < 4 || strcmp(de->d_name + len - 3, ".md") != 0 || de->d_name[0] == '.')
			continue;
		full = malloc(strlen(dir) + len + 2);
		if (full == NULL) {
			rc = oom(c);
			break;
		}
		sprintf(full, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", de->d_name);
		if (!is_regular(full)) {
			free(full);
			continue;
		}
		if (GALLEY_VEC_PUSH_ROOM(v, cap, n) < 0) {
			free(full);
			rc = oom(c);
			break;
		}
		v[n++] = full;
	}
	closedir(dp);
	if (rc < 0) {
		while (n > 0)
			free(v[--n]);
		free(v);
		return rc;
	}
	if (n == 0 &&
	    galley_doc_warn(c->d->arena, GALLEY_WARNING, &pos, "folder %s holds no .md file", dir) < 0) {
		free(v);
		return oom(c);
	}
	return add_sorted(c, at, v, n);
}

/* A glob(3) pattern relative to the manifest: the regular files it matches. */
static int add_glob(load_ctx *c, const yaml_node_t *at, const char *pattern)
{
	const char *gdir = glob_dir(c);
	const char *full = pattern[0] == '/' || gdir == NULL
	                   ? pattern : galley_doc_printf(c->d->arena, "%s/%s", gdir, pattern);
	galley_pos pos = node_pos(c, at);
	glob_t g;
	char **v;
	size_t i, n = 0;
	int grc;
	if (full == NULL || (c->d->dir != NULL && gdir == NULL))
		return oom(c);
	memset(&g, 0, sizeof g);
	grc = glob(full, 0, NULL, &g);
	if (grc == GLOB_NOMATCH) {
		globfree(&g);
		if (galley_doc_warn(c->d->arena, GALLEY_WARNING, &pos, "%s matches no file", pattern) < 0)
			return oom(c);
		return 0;
	}
	if (grc != 0) {
		globfree(&g);
		if (grc == GLOB_NOSPACE)
			return oom(c);
		return galley_error_set(c->err, GALLEY_EIO, &pos, "cannot expand %s: a folder is unreadable",
		                        pattern);
	}
	v = malloc((g.gl_pathc ? g.gl_pathc : 1) * sizeof *v);
	if (v == NULL) {
		globfree(&g);
		return oom(c);
	}
	for (i = 0; i < g.gl_pathc; i++) {
		if (!is_regular(g.gl_pathv[i]))
			continue;
		v[n] = strdup(g.gl_pathv[i]);
		if (v[n] == NULL) {
			while (n > 0)
				free(v[--n]);
			free(v);
			globfree(&g);
			return oom(c);
		}
		n++;
	}
	globfree(&g);
	if (n == 0 && galley_doc_warn(c->d->arena, GALLEY_WARNING, &pos,
	                              "%s matches no regular file", pattern) < 0) {
		free(v);
		return oom(c);
	}
	return add_sorted(c, at, v, n);
}

/* One entry of an `articles:` list: a file, a folder or a glob. */
static int add_entry(load_ctx *c, const yaml_node_t *node)
{
	const char *entry, *path;
	struct stat st;
	galley_pos pos = node_pos(c, node);
	int rc = get_string(c, node, "an article entry", &entry);
	if (rc < 0)
		return rc;
	if (entry == NULL)
		return value_error(c, node, "an article entry", "a path");
	path = resolve(c, entry);
	if (path == NULL)
		return oom(c);
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return add_folder(c, node, path);
		return add_path(c, node, path);
	}
	if (strpbrk(entry, "*?[") != NULL)
		return add_glob(c, node, entry);
	return galley_error_set(c->err, GALLEY_EIO, &pos, "cannot read %s: %s", path, strerror(errno));
}

static int add_entries(load_ctx *c, const yaml_node_t *node)
{
	yaml_node_item_t *it;
	int rc;
	if (node->type == YAML_SCALAR_NODE)
		return add_entry(c, node);
	if (node->type != YAML_SEQUENCE_NODE)
		return type_error(c, node, "articles", "a list of paths");
	for (it = node->data.sequence.items.start; it < node->data.sequence.items.top; it++) {
		yaml_node_t *item = yaml_document_get_node(c->ydoc, *it);
		if (item == NULL || item->type != YAML_SCALAR_NODE)
			return type_error(c, item ? item : node, "an article entry", "a path");
		if ((rc = add_entry(c, item)) < 0)
			return rc;
	}
	return 0;
}

static int new_section(load_ctx *c, const yaml_node_t *at)
{
	galley_digest *d = c->d;
	/* the two arrays grow together: cap_sections counts both */
	if (d->nsections == d->cap_sections) {
		size_t sections = d->cap_sections, paths = d->cap_sections;
		if (galley_vec_reserve((void **)&d->sections, &sections, d->nsections + 1, sizeof *d->sections) < 0 ||
		    galley_vec_reserve((void **)&d->cap_paths, &paths, sections, sizeof *d->cap_paths) < 0)
			return oom(c);
		d->cap_sections = sections;
	}
	memset(&d->sections[d->nsections], 0, sizeof d->sections[0]);
	d->sections[d->nsections].pos = node_pos(c, at);
	d->cap_paths[d->nsections] = 0;
	d->nsections++;
	return 0;
}

/* ---- mappings ------------------------------------------------------------- */

/* Calls `member` for each key of mapping `node`, after checking that every
 * key is a string and none repeats.  `what` names the mapping in messages. */
typedef int (*member_fn)(load_ctx *c, const char *key, yaml_node_t *knode, yaml_node_t *value,
                         void *arg);

static int each_member(load_ctx *c, yaml_node_t *node, const char *what, member_fn member,
                       void *arg)
{
	yaml_node_pair_t *p, *q;
	int rc;
	if (node->type != YAML_MAPPING_NODE)
		return type_error(c, node, what, "a mapping of keys to values");
	for (p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(c->ydoc, p->key);
		yaml_node_t *v = yaml_document_get_node(c->ydoc, p->value);
		if (k == NULL || v == NULL)
			return galley_error_set(c->err, GALLEY_EINTERNAL, NULL, "libyaml gave a pair without a node");
		if (k->type != YAML_SCALAR_NODE) {
			galley_pos pos = node_pos(c, k);
			return galley_error_set(c->err, GALLEY_ETYPE, &pos, "keys in %s must be words", what);
		}
		for (q = node->data.mapping.pairs.start; q < p; q++) {
			yaml_node_t *prev = yaml_document_get_node(c->ydoc, q->key);
			if (prev != NULL && prev->type == YAML_SCALAR_NODE &&
			    strcmp(scalar(prev), scalar(k)) == 0) {
				galley_pos pos = node_pos(c, k);
				return galley_error_set(c->err, GALLEY_ESYNTAX, &pos,
				                        "duplicate key '%s' (first at line %lu)", scalar(k),
				                        (unsigned long)prev->start_mark.line + 1);
			}
		}
		if ((rc = member(c, scalar(k), k, v, arg)) < 0)
			return rc;
	}
	return 0;
}

static int margins_member(load_ctx *c, const char *key, yaml_node_t *k, yaml_node_t *v, void *arg)
{
	galley_layout_options *l = &c->d->layout;
	if (strcmp(key, "top") == 0)
		return get_length(c, v, "pdf.margins.top", &l->margin_top);
	if (strcmp(key, "bottom") == 0)
		return get_length(c, v, "pdf.margins.bottom", &l->margin_bottom);
	if (strcmp(key, "inner") == 0)
		return get_length(c, v, "pdf.margins.inner", &l->margin_inner);
	if (strcmp(key, "outer") == 0)
		return get_length(c, v, "pdf.margins.outer", &l->margin_outer);
	return warn_unknown(c, k, "pdf.margins");
}

static int pdf_member(load_ctx *c, const char *key, yaml_node_t *k, yaml_node_t *v, void *arg)
{
	galley_layout_options *l = &c->d->layout;
	int rc;
	if (strcmp(key, "paper") == 0) {
		if (v->type != YAML_SCALAR_NODE)
			return type_error(c, v, "pdf.paper", "a paper name");
		if (galley_paper_parse(scalar(v), &l->page_width, &l->page_height) < 0)
			return value_error(c, v, "pdf.paper",
			                   "a4, letter, a5, b5, 6x9in or WxH with a unit (150x220mm)");
		return 0;
	}
	if (strcmp(key, "columns") == 0)
		return get_int(c, v, "pdf.columns", 1, GALLEY_COLUMNS_MAX, &l->columns);
	if (strcmp(key, "font_size") == 0) {
		if ((rc = get_length(c, v, "pdf.font_size", &l->font_size)) < 0)
			return rc;
		if (l->font_size < GALLEY_FONT_SIZE_MIN || l->font_size > GALLEY_FONT_SIZE_MAX) {
			char range[64];
			snprintf(range, sizeof range, "from %g to %g points", GALLEY_FONT_SIZE_MIN,
			         GALLEY_FONT_SIZE_MAX);
			return value_error(c, v, "pdf.font_size", range);
		}
		return 0;
	}
	if (strcmp(key, "leading") == 0)
		return get_length(c, v, "pdf.leading", &l->leading);
	if (strcmp(key, "column_gap") == 0)
		return get_length(c, v, "pdf.column_gap", &l->column_gap);
	if (strcmp(key, "margins") == 0) {
		double m;
		if (v->type == YAML_MAPPING_NODE)
			return each_member(c, v, "pdf.margins", margins_member, NULL);
		if ((rc = get_length(c, v, "pdf.margins", &m)) < 0)
			return rc;
		l->margin_top = l->margin_bottom = l->margin_inner = l->margin_outer = m;
		return 0;
	}
	if (strcmp(key, "ragged") == 0)
		return get_bool(c, v, "pdf.ragged", &l->ragged);
	if (strcmp(key, "hyphenate") == 0)
		return get_bool(c, v, "pdf.hyphenate", &l->hyphenate);
	if (strcmp(key, "continuous") == 0)
		return get_bool(c, v, "pdf.continuous", &l->continuous);
	if (strcmp(key, "fonts") == 0) {
		if ((rc = get_path(c, v, "pdf.fonts", &l->font_dir)) < 0)
			return rc;
		if (c->d->epub.font_dir == NULL)
			c->d->epub.font_dir = l->font_dir;
		return 0;
	}
	if (strcmp(key, "family") == 0)
		return get_string(c, v, "pdf.family", &l->body_family);
	if (strcmp(key, "jobs") == 0)
		return get_int(c, v, "pdf.jobs", 0, GALLEY_JOBS_MAX, &l->jobs);
	return warn_unknown(c, k, "pdf");
}

static int epub_member(load_ctx *c, const char *key, yaml_node_t *k, yaml_node_t *v, void *arg)
{
	galley_epub_options *e = &c->d->epub;
	if (strcmp(key, "css") == 0)
		return get_path(c, v, "epub.css", &e->css_path);
	if (strcmp(key, "embed_fonts") == 0)
		return get_bool(c, v, "epub.embed_fonts", &e->embed_fonts);
	if (strcmp(key, "print_pages") == 0) {
		c->d->print_pages_set = true;
		return get_bool(c, v, "epub.print_pages", &e->page_list);
	}
	if (strcmp(key, "toc_depth") == 0)
		return get_int(c, v, "epub.toc_depth", 1, DIGEST_MAX_TOC_DEPTH, &e->toc_depth);
	if (strcmp(key, "cover") == 0)
		return get_path(c, v, "epub.cover", &e->cover_path);
	if (strcmp(key, "fonts") == 0)
		return get_path(c, v, "epub.fonts", &e->font_dir);
	return warn_unknown(c, k, "epub");
}

static int output_member(load_ctx *c, const char *key, yaml_node_t *k, yaml_node_t *v, void *arg)
{
	galley_digest *d = c->d;
	if (strcmp(key, "pdf") == 0) {
		d->as_written.out_pdf_pos = node_pos(c, v);
		return get_template(c, v, "output.pdf", true, &d->as_written.out_pdf);
	}
	if (strcmp(key, "epub") == 0) {
		d->as_written.out_epub_pos = node_pos(c, v);
		return get_template(c, v, "output.epub", true, &d->as_written.out_epub);
	}
	return warn_unknown(c, k, "output");
}

static int section_member(load_ctx *c, const char *key, yaml_node_t *k, yaml_node_t *v, void *arg)
{
	bool *has_articles = arg;
	if (strcmp(key, "title") == 0)
		return get_string(c, v, "a section's title",
		                  &c->d->sections[c->d->nsections - 1].title);
	if (strcmp(key, "articles") == 0) {
		*has_articles = true;
		return add_entries(c, v);
	}
	return warn_unknown(c, k, "a section");
}

static int add_sections(load_ctx *c, yaml_node_t *node)
{
	yaml_node_item_t *it;
	int rc;
	if (node->type != YAML_SEQUENCE_NODE)
		return type_error(c, node, "sections", "a list of {title, articles}");
	for (it = node->data.sequence.items.start; it < node->data.sequence.items.top; it++) {
		yaml_node_t *item = yaml_document_get_node(c->ydoc, *it);
		bool has_articles = false;
		if (item == NULL)
			return galley_error_set(c->err, GALLEY_EINTERNAL, NULL, "libyaml lost a node");
		if (item->type != YAML_MAPPING_NODE)
			return type_error(c, item, "a section", "a mapping with title and articles");
		if ((rc = new_section(c, item)) < 0)
			return rc;
		if ((rc = each_member(c, item, "a section", section_member, &has_articles)) < 0)
			return rc;
		if (!has_articles) {
			galley_pos pos = node_pos(c, item);
			return galley_error_set(c->err, GALLEY_ESYNTAX, &pos,
			                        "this section has no 'articles:' list");
		}
	}
	return 0;
}

/* Which of `sections:` / `articles:` was seen, to refuse both. */
typedef struct top_state {
	yaml_node_t *sections, *articles;
} top_state;

static int top_member(load_ctx *c, const char *key, yaml_node_t *k, yaml_node_t *v, void *arg)
{
	galley_digest *d = c->d;
	top_state *st = arg;
	static const struct {
		const char *key;
		size_t offset;
	} strings[] = {
		{"title", offsetof(galley_meta, title)},
		{"subtitle", offsetof(galley_meta, subtitle)},
		{"editor", offsetof(galley_meta, editor)},
		{"publisher", offsetof(galley_meta, publisher)},
		{"lang", offsetof(galley_meta, lang)},
		{"description", offsetof(galley_meta, description)},
		{"identifier", offsetof(galley_meta, identifier)},
	};
	size_t i;
	for (i = 0; i < sizeof strings / sizeof strings[0]; i++)
		if (strcmp(key, strings[i].key) == 0)
			return get_string(c, v, key,
			                  (const char **)(void *)((char *)&d->meta + strings[i].offset));
	if (strcmp(key, "issue") == 0) {
		d->as_written.issue_pos = node_pos(c, v);
		return get_template(c, v, "issue", false, &d->as_written.issue);
	}
	if (strcmp(key, "skip_invalid") == 0)
		return get_bool(c, v, "skip_invalid", &d->as_written.skip_invalid);
	if (strcmp(key, "cover") == 0)
		return get_path(c, v, "cover", &d->meta.cover);
	if (strcmp(key, "resource_path") == 0) {
		/* one folder or a list, each from the manifest's folder */
		const char **dirs = NULL;
		size_t n = 0;
		int rc = get_list(c, v, "resource_path", false, &dirs, &n);
		char *joined = NULL;
		for (i = 0; rc == 0 && i < n; i++) {
			const char *dir = resolve(c, dirs[i]);
			joined = dir == NULL ? NULL : i == 0 ? galley_doc_strdup(d->arena, dir)
			                                     : galley_doc_printf(d->arena, "%s:%s", joined, dir);
			if (joined == NULL)
				rc = oom(c);
		}
		if (rc == 0)
			d->resource_path = joined;
		return rc;
	}
	if (strcmp(key, "date") == 0)
		return get_date(c, v, "date", &d->as_written.date);
	if (strcmp(key, "since") == 0) {
		c->since = v;
		return 0;
	}
	if (strcmp(key, "until") == 0) {
		c->until = v;
		return 0;
	}
	if (strcmp(key, "sort") == 0) {
		if (v->type != YAML_SCALAR_NODE)
			return type_error(c, v, "sort", "input, date or title");
		if (galley_sort_parse(scalar(v), &d->select.sort) < 0)
			return value_error(c, v, "sort", "input, date or title");
		return 0;
	}
	if (strcmp(key, "tags") == 0) {
		const char **tags = NULL;
		int rc = get_list(c, v, "tags", true, &tags, &d->select.ntags);
		d->select.tags = tags;
		return rc;
	}
	if (strcmp(key, "duplicates") == 0) {
		if (v->type == YAML_SCALAR_NODE && strcmp(scalar(v), "drop") == 0)
			d->select.drop_duplicates = true;
		else if (v->type == YAML_SCALAR_NODE && strcmp(scalar(v), "keep") == 0)
			d->select.drop_duplicates = false;
		else if (v->type == YAML_SCALAR_NODE)
			return value_error(c, v, "duplicates", "drop or keep");
		else
			return type_error(c, v, "duplicates", "drop or keep");
		return 0;
	}
	if (strcmp(key, "sections") == 0 || strcmp(key, "articles") == 0) {
		if (st->sections != NULL || st->articles != NULL) {
			galley_pos pos = node_pos(c, k);
			return galley_error_set(c->err, GALLEY_ESYNTAX, &pos,
			                        "a manifest has either 'sections:' or 'articles:', not both");
		}
		if (key[0] == 's') {
			st->sections = v;
			return add_sections(c, v);
		}
		st->articles = v;
		if (new_section(c, v) < 0)
			return oom(c);
		return add_entries(c, v);
	}
	if (strcmp(key, "pdf") == 0) {
		int rc = each_member(c, v, "pdf", pdf_member, NULL);
		galley_error why = GALLEY_ERROR_INIT;
		galley_pos pos;
		/* the layout as a whole, with the command line's rules, where the
		 * manifest says it (not after every article has been read) */
		if (rc < 0 || galley_layout_options_check(&c->d->layout, &why) == 0)
			return rc;
		pos = node_pos(c, k);
		return galley_error_set(c->err, why.code, &pos, "pdf: %s", why.message);
	}
	if (strcmp(key, "epub") == 0)
		return each_member(c, v, "epub", epub_member, NULL);
	if (strcmp(key, "output") == 0)
		return each_member(c, v, "output", output_member, NULL);
	return warn_unknown(c, k, "");
}

/* ---- the date window ------------------------------------------------------ */

/* Parses a span "Nd" or "Nw" into days; -1 if it is not one. */
static long span_days(const char *s)
{
	char *end;
	long n;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || n < 1 || n > DIGEST_MAX_SPAN_DAYS)
		return -1;
	if (strcmp(end, "d") == 0)
		return n;
	if (strcmp(end, "w") == 0 && n <= DIGEST_MAX_SPAN_DAYS / 7)
		return 7 * n;
	return -1;
}

/* Reads `since:` and `until:` as written: a date, or a count of days. */
static int read_window(load_ctx *c)
{
	galley_digest *d = c->d;
	if (c->until != NULL && !is_null(c->until)) {
		d->as_written.until_pos = node_pos(c, c->until);
		if (c->until->type != YAML_SCALAR_NODE)
			return type_error(c, c->until, "until", "a date or a number of days such as 1d");
		d->as_written.until_days = span_days(scalar(c->until));
		if (d->as_written.until_days < 0) {
			d->as_written.until_days = 0;
			if (galley_date_parse(scalar(c->until), &d->as_written.until) < 0)
				return value_error(c, c->until, "until",
				                   "a date (YYYY-MM-DD) or a number of days before the issue's date (1d)");
		}
	}
	if (c->since == NULL || is_null(c->since))
		return 0;
	d->as_written.since_pos = node_pos(c, c->since);
	if (c->since->type != YAML_SCALAR_NODE)
		return type_error(c, c->since, "since", "a date or a span such as 7d or 2w");
	d->as_written.since_days = span_days(scalar(c->since));
	if (d->as_written.since_days > 0)
		return 0;
	d->as_written.since_days = 0;
	if (galley_date_parse(scalar(c->since), &d->as_written.since) < 0)
		return value_error(c, c->since, "since", "a date (YYYY-MM-DD) or a span such as 7d or 2w");
	return 0;
}

int galley_digest_run_init(galley_digest_run *run, unsigned version)
{
	static const galley_digest_run run0 = GALLEY_DIGEST_RUN_INIT;
	if (run == NULL || version == 0 || version > GALLEY_DIGEST_RUN_VERSION)
		return GALLEY_EUSAGE;
	*run = run0;
	return 0;
}

/* An output path: the template filled in, relative to the manifest. */
static int resolve_output(galley_digest *d, const char *tmpl, const galley_pos *pos,
                          const char *key, const char **out, galley_error *err)
{
	const char *missing, *path;
	char *filled;
	if (tmpl == NULL) {
		*out = NULL;
		return 0;
	}
	filled = expand(d, tmpl, &d->meta.date, d->meta.issue, &missing);
	if (filled == NULL && missing != NULL)
		return galley_error_set(err, GALLEY_EUSAGE, pos, "%s names {%s}, and this run has none%s", key,
		                        missing, strcmp(missing, "issue") == 0 ? "" : ": give the issue's date");
	if (filled == NULL)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory loading %s", d->path);
	path = filled[0] == '/' || d->dir == NULL ? filled : galley_doc_printf(d->arena, "%s/%s", d->dir, filled);
	if (path == NULL)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory loading %s", d->path);
	*out = path;
	return 0;
}

/* The rules of galley_digest_resolve (galley/digest.h).  With `quiet`, a
 * window or output that needs a day the run does not give is left pending
 * instead of being an error (galley_digest_load). */
static int resolve_run(galley_digest *d, const galley_digest_run *run, bool quiet, galley_error *err)
{
	const galley_date *base;
	galley_date none;
	bool relative;
	char a[32], b[32];
	int rc;

	memset(&none, 0, sizeof none);
	/* the day a relative window counts from */
	base = run->date.year != 0 ? &run->date : d->as_written.date.year != 0 ? &d->as_written.date
	     : run->today.year != 0 ? &run->today : &none;
	/* the window's last day: counted from `base` only when neither the run
	 * nor the manifest gives it as a date */
	relative = run->until.year == 0 && d->as_written.until.year == 0 &&
	           (d->as_written.until_days > 0 || d->as_written.since_days > 0);
	if (run->until.year != 0)
		d->select.until = run->until;
	else if (d->as_written.until.year != 0)
		d->select.until = d->as_written.until;
	else if (relative)
		d->select.until = galley_date_add_days(base, -d->as_written.until_days);
	else
		d->select.until = none;
	d->window_pending = relative && base->year == 0;
	if (d->window_pending) {
		d->select.since = d->select.until = none;
		if (quiet)
			goto outputs;
		return galley_error_set(err, GALLEY_EUSAGE, d->as_written.since_days > 0
		                        ? &d->as_written.since_pos : &d->as_written.until_pos,
		                        "the window counts back from the issue's date, and this run has none: "
		                        "give it (--date or --until)");
	}
	/* its first day */
	if (run->since.year != 0)
		d->select.since = run->since;
	else if (d->as_written.since_days > 0)
		d->select.since = galley_date_add_days(&d->select.until, -(d->as_written.since_days - 1));
	else
		d->select.since = d->as_written.since;
	if (d->select.since.year != 0 && d->select.until.year != 0 &&
	    galley_date_cmp(&d->select.since, &d->select.until) > 0) {
		bool by_run = run->since.year != 0 || run->until.year != 0 || run->date.year != 0;
		return galley_error_set(err, by_run ? GALLEY_EUSAGE : GALLEY_ESYNTAX,
		                        by_run ? NULL : &d->as_written.since_pos,
		                        "since %s is after until %s: the window is empty",
		                        galley_date_iso(&d->select.since, false, a),
		                        galley_date_iso(&d->select.until, false, b));
	}
	d->meta.since = d->select.since;
	d->meta.until = d->select.until;
	/* the issue's date: the run's, else its last day, else the manifest's,
	 * else the day a relative window counted from */
	d->meta.date = run->date.year != 0 ? run->date : run->until.year != 0 ? run->until
	             : d->as_written.date.year != 0 ? d->as_written.date
	             : relative ? *base : none;
	/* the issue */
	d->meta.issue = NULL;
	if (run->issue != NULL) {
		d->meta.issue = galley_doc_strdup(d->arena, run->issue);
		if (d->meta.issue == NULL)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory loading %s", d->path);
	} else if (d->as_written.issue != NULL) {
		const char *missing;
		d->meta.issue = expand(d, d->as_written.issue, &d->meta.date, NULL, &missing);
		if (d->meta.issue == NULL && missing != NULL) {
			if (quiet)
				goto outputs;
			return galley_error_set(err, GALLEY_EUSAGE, &d->as_written.issue_pos,
			                        "issue names {%s}, and this run has no date: give the issue's date",
			                        missing);
		}
		if (d->meta.issue == NULL)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory loading %s", d->path);
	}
outputs:
	d->skip_invalid = d->as_written.skip_invalid || run->keep_going;
	{
		/* while loading, an output that names a day the manifest does not
		 * give is named once a run gives it */
		galley_error own = GALLEY_ERROR_INIT;
		galley_error *e = quiet ? &own : err;
		if ((rc = resolve_output(d, d->as_written.out_pdf, &d->as_written.out_pdf_pos, "output.pdf",
		                         &d->out_pdf, e)) < 0 ||
		    (rc = resolve_output(d, d->as_written.out_epub, &d->as_written.out_epub_pos, "output.epub",
		                         &d->out_epub, e)) < 0) {
			if (quiet && rc == GALLEY_EUSAGE) {
				d->out_pdf = d->out_epub = NULL;
				return 0;
			}
			if (quiet)
				galley_error_set(err, own.code, NULL, "%s", own.message);
			return rc;
		}
	}
	return 0;
}

int galley_digest_resolve(galley_digest *d, const galley_digest_run *run, galley_error *err)
{
	int rc = galley_options_version_check(run->version, GALLEY_DIGEST_RUN_VERSION,
	                                      "galley_digest_run", err);
	if (rc < 0)
		return rc;
	return resolve_run(d, run, false, err);
}

/* ---- loading ---------------------------------------------------------------- */

static int yaml_error(load_ctx *c, yaml_parser_t *parser)
{
	galley_pos pos = {NULL, 0, 0};
	pos.file = c->d->path;
	if (parser->error == YAML_MEMORY_ERROR)
		return oom(c);
	if (parser->error == YAML_READER_ERROR)
		return galley_error_set(c->err, GALLEY_ESYNTAX, &pos,
		                        "not valid UTF-8 text (%s at byte %lu)",
		                        parser->problem ? parser->problem : "bad input",
		                        (unsigned long)parser->problem_offset);
	pos.line = (uint32_t)parser->problem_mark.line + 1;
	pos.column = (uint32_t)parser->problem_mark.column + 1;
	return galley_error_set(c->err, GALLEY_ESYNTAX, &pos, "YAML syntax error: %s%s%s",
	                        parser->context ? parser->context : "",
	                        parser->context ? " " : "",
	                        parser->problem ? parser->problem : "malformed YAML");
}

int galley_digest_load(galley_digest **out, const char *path, galley_error *err)
{
	static const galley_select_options sel0 = GALLEY_SELECT_OPTIONS_INIT;
	static const galley_layout_options lay0 = GALLEY_LAYOUT_OPTIONS_INIT;
	static const galley_epub_options epub0 = GALLEY_EPUB_OPTIONS_INIT;
	galley_digest *d = NULL;
	char *text = NULL;
	size_t len = 0;
	yaml_parser_t parser;
	yaml_document_t ydoc;
	bool parser_ok = false, doc_ok = false;
	load_ctx c;
	top_state st = {NULL, NULL};
	yaml_node_t *root;
	const char *slash;
	int rc;

	*out = NULL;
	memset(&c, 0, sizeof c);
	c.err = err;
	d = calloc(1, sizeof *d);
	if (d == NULL || (d->arena = galley_doc_new()) == NULL) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory loading %s", path);
		goto cleanup;
	}
	c.d = d;
	d->select = sel0;
	d->layout = lay0;
	d->epub = epub0;
	d->path = galley_doc_strdup(d->arena, path);
	slash = strrchr(path, '/');
	if (slash != NULL)
		d->dir = galley_doc_strndup(d->arena, path, slash == path ? 1 : (size_t)(slash - path));
	if (d->path == NULL || (slash != NULL && d->dir == NULL)) {
		rc = oom(&c);
		goto cleanup;
	}

	rc = galley_file_read(path, DIGEST_MAX_MANIFEST_BYTES, &text, &len, err);
	if (rc < 0)
		goto cleanup;
	if (!yaml_parser_initialize(&parser)) {
		rc = oom(&c);
		goto cleanup;
	}
	parser_ok = true;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &ydoc)) {
		rc = yaml_error(&c, &parser);
		goto cleanup;
	}
	doc_ok = true;
	c.ydoc = &ydoc;
	root = yaml_document_get_root_node(&ydoc);
	if (root == NULL || is_null(root)) {
		galley_pos pos = {NULL, 1, 1};
		pos.file = d->path;
		rc = galley_error_set(err, GALLEY_ESYNTAX, &pos, "the manifest is empty");
		goto cleanup;
	}
	if (root->type != YAML_MAPPING_NODE) {
		rc = type_error(&c, root, "a manifest", "a mapping of keys to values");
		goto cleanup;
	}
	if ((rc = each_member(&c, root, "the manifest", top_member, &st)) < 0)
		goto cleanup;
	if ((rc = read_window(&c)) < 0)
		goto cleanup;
	{
		/* the manifest alone: its own dates, until a run gives others */
		galley_digest_run run = GALLEY_DIGEST_RUN_INIT;
		if ((rc = resolve_run(d, &run, true, err)) < 0)
			goto cleanup;
	}
	if (st.sections == NULL && st.articles == NULL) {
		galley_pos pos = {NULL, 1, 1};
		pos.file = d->path;
		rc = galley_error_set(err, GALLEY_ESYNTAX, &pos,
		                      "the manifest names no article: add 'sections:' or 'articles:'");
		goto cleanup;
	}
	if (d->epub.cover_path == NULL)
		d->epub.cover_path = d->meta.cover;
	*out = d;
	d = NULL;
	rc = 0;

cleanup:
	if (doc_ok)
		yaml_document_delete(&ydoc);
	if (parser_ok)
		yaml_parser_delete(&parser);
	free(text);
	galley_digest_free(d);
	return rc;
}

void galley_digest_free(galley_digest *d)
{
	size_t i;
	if (d == NULL)
		return;
	for (i = 0; i < d->nsections; i++)
		free((void *)d->sections[i].paths);
	free(d->sections);
	free(d->cap_paths);
	galley_doc_free(d->arena);
	free(d);
}

/* ---- accessors ---------------------------------------------------------------- */

const galley_meta *galley_digest_meta(const galley_digest *d) { return &d->meta; }
const galley_select_options *galley_digest_select(const galley_digest *d) { return &d->select; }
const galley_layout_options *galley_digest_layout(const galley_digest *d) { return &d->layout; }
const galley_epub_options *galley_digest_epub(const galley_digest *d) { return &d->epub; }
bool galley_digest_print_pages_set(const galley_digest *d) { return d->print_pages_set; }
bool galley_digest_skip_invalid(const galley_digest *d) { return d->skip_invalid; }
const char *galley_digest_resource_path(const galley_digest *digest)
{
	return digest->resource_path;
}

const char *galley_digest_output_pdf(const galley_digest *d) { return d->out_pdf; }
const char *galley_digest_output_epub(const galley_digest *d) { return d->out_epub; }
size_t galley_digest_nsections(const galley_digest *d) { return d->nsections; }

const galley_digest_section *galley_digest_section_at(const galley_digest *d, size_t i)
{
	return i < d->nsections ? &d->sections[i] : NULL;
}

size_t galley_digest_ndiags(const galley_digest *d) { return galley_doc_ndiags(d->arena); }

const galley_diag *galley_digest_diag(const galley_digest *d, size_t i)
{
	return galley_doc_diag(d->arena, i);
}
