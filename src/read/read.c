/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * read/read.c: the entry points of galley/read.h.
 *
 * One article is read in four phases (see read/internal.h): text checks,
 * front matter, Markdown, images.  The article is added to the document
 * only when all of them succeeded, so a failed read leaves no half-built
 * article behind (warnings already recorded stay on the document).
 */
#include <dirent.h>
#include <stddef.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/absorb.h"
#include "model/options.h"
#include "read/internal.h"
#include "base/file.h"
#include "base/vec.h"

static const galley_read_options default_options = GALLEY_READ_OPTIONS_INIT;

/* How the reader's size limit is named in its message. */
#define READ_LIMIT_NAME "input size limit (GALLEY_READ_MAX_INPUT_BYTES)"

/* The bytes of a galley_read_options of `version`: a struct of an older
 * version ends before the fields added since, and is read and written
 * only up to its end. */
static size_t options_size(unsigned version)
{
	return version >= 2 ? sizeof(galley_read_options)
	                    : offsetof(galley_read_options, resource_path);
}

int galley_read_options_init(galley_read_options *opts, unsigned version)
{
	if (opts == NULL || version == 0 || version > GALLEY_READ_OPTIONS_VERSION)
		return GALLEY_EUSAGE;
	memcpy(opts, &default_options, options_size(version));
	opts->version = version;
	return 0;
}

void read_options_copy(galley_read_options *dst, const galley_read_options *src)
{
	*dst = default_options;
	if (src != NULL)
		memcpy(dst, src, options_size(src->version));
}

/* 0 for NULL (the defaults) or options of a version this library knows. */
static int check_version(const galley_read_options *opts, galley_error *err)
{
	if (opts == NULL)
		return 0;
	return galley_options_version_check(opts->version, GALLEY_READ_OPTIONS_VERSION,
	                                    "galley_read_options", err);
}

/* Reads all of `f` (at most GALLEY_READ_MAX_INPUT_BYTES) into a malloc'd
 * buffer. */
static int read_stream(FILE *f, const char *name, char **out, size_t *out_len, galley_error *err)
{
	return galley_stream_read(f, name, GALLEY_READ_MAX_INPUT_BYTES, READ_LIMIT_NAME, out, out_len, err);
}

int read_map(read_ctx *ctx, const char *text, size_t text_len, struct cmark_node *root,
             galley_meta *meta, galley_block **blocks)
{
	const char *body;
	uint32_t body_line;
	int rc;

	memset(meta, 0, sizeof *meta);
	*blocks = NULL;
	if ((rc = read_front_matter(ctx, text, text_len, meta, &body, &body_line)) < 0) {
		read_markdown_tree_free(root);
		return rc;
	}
	if (meta->date.year == 0)
		read_fm_date_from_path(ctx->file, &meta->date);
	if (root != NULL)
		rc = read_markdown_tree(ctx, root, body, text_len - (size_t)(body - text), body_line, blocks);
	else
		rc = read_markdown(ctx, body, text_len - (size_t)(body - text), body_line, blocks);
	/* generator syntax, alerts, emoji, the title from a heading */
	if (rc == 0)
		rc = read_site_finish(ctx, meta, blocks);
	read_site_free(ctx->site);
	ctx->site = NULL;
	/* the article's remote images, downloaded together (fetch.c) */
	if (rc == 0)
		rc = read_fetch_run(ctx);
	read_fetch_list_free(ctx->fetch_list);
	ctx->fetch_list = NULL;
	return rc;
}

/* Adds the article read from ctx->file to the document. */
static int add_article(read_ctx *ctx, galley_section *section, const galley_meta *meta,
                       galley_block *blocks)
{
	galley_doc *doc = ctx->doc;
	galley_article *article = galley_doc_add_article(doc, section, ctx->file);

	if (article == NULL)
		return galley_error_set(ctx->err, GALLEY_ENOMEM, NULL, "out of memory");
	article->meta = *meta;
	article->smart = ctx->opts->smart;
	/* the footnotes' definitions come last (read_markdown): they move to
	 * the article's notes */
	for (galley_block **b = &blocks; *b != NULL; b = &(*b)->next) {
		if ((*b)->type == GALLEY_FOOTNOTE) {
			article->notes = *b;
			*b = NULL;
			break;
		}
	}
	article->blocks = blocks;
	article->pos.file = ctx->file;
	article->pos.line = 1;
	article->pos.column = 1;
	if (blocks == NULL &&
	    galley_doc_warn(doc, GALLEY_WARNING, &article->pos,
	                    meta->title ? "the article has a title but no text"
	                                : "the article is empty: no front matter title and no text") < 0)
		return galley_error_set(ctx->err, GALLEY_ENOMEM, NULL, "out of memory");
	return 0;
}

/* The phases after the text checks, on `text` (normalized, text_len
 * bytes; the caller frees it), then the article into the document. */
static int read_checked(read_ctx *ctx, galley_section *section, const char *text, size_t text_len)
{
	galley_meta meta;
	galley_block *blocks;
	int rc = read_map(ctx, text, text_len, NULL, &meta, &blocks);

	return rc < 0 ? rc : add_article(ctx, section, &meta, blocks);
}

static int ctx_init(read_ctx *ctx, galley_doc *doc, const char *name, const char *base_dir,
                    const galley_read_options *opts, galley_error *err)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->doc = doc;
	read_options_copy(&ctx->own, opts);
	ctx->opts = &ctx->own;
	ctx->err = err;
	ctx->base_dir = base_dir;
	ctx->file = galley_doc_strdup(doc, name != NULL ? name : "<buffer>");
	if (ctx->file == NULL)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	return 0;
}

int galley_read_buffer(galley_doc *doc, galley_section *section, const char *name,
                       const char *base_dir, const char *data, size_t len,
                       const galley_read_options *opts, galley_error *err)
{
	read_ctx ctx;
	char *text = NULL;
	size_t text_len;
	int rc;

	if ((rc = check_version(opts, err)) < 0 ||
	    (rc = ctx_init(&ctx, doc, name, base_dir, opts, err)) < 0)
		return rc;
	rc = read_text_normalize(&ctx, data != NULL ? data : "", data != NULL ? len : 0, &text, &text_len);
	if (rc == 0)
		rc = read_checked(&ctx, section, text, text_len);
	free(text);
	return rc;
}

int read_file_bytes(const char *path, char **data, size_t *len, galley_error *err)
{
	return galley_file_read_limit(path, GALLEY_READ_MAX_INPUT_BYTES, READ_LIMIT_NAME, data, len, err);
}

int galley_read_file(galley_doc *doc, galley_section *section, const char *path,
                     const galley_read_options *opts, galley_error *err)
{
	read_prepared pre;
	read_ctx ctx;
	char *data = NULL, *dir = NULL, *slash;
	size_t len;
	int rc = 0;

	if ((rc = check_version(opts, err)) < 0)
		return rc;
	dir = strdup(path);
	if (dir == NULL)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	slash = strrchr(dir, '/');
	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if (opts != NULL && read_ahead_take(opts->ahead, path, &pre)) {
		/* checked, parsed and mapped by a worker (read/ahead.c): its
		 * nodes move into the document */
		rc = ctx_init(&ctx, doc, path, dir, opts, err);
		if (rc == 0 && galley_doc_absorb(doc, pre.mapped) < 0) {
			rc = galley_error_set(err, GALLEY_EINTERNAL, NULL,
			                      "an article read ahead could not join the document");
		} else if (rc == 0) {
			pre.mapped = NULL;  /* absorbed and freed */
			rc = add_article(&ctx, section, &pre.meta, pre.blocks);
		}
		read_prepared_release(&pre);
		free(dir);
		return rc;
	}
	if ((rc = read_file_bytes(path, &data, &len, err)) == 0)
		rc = galley_read_buffer(doc, section, path, dir, data, len, opts, err);
	free(data);
	free(dir);
	return rc;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether `name` is a Markdown file name galley picks from a folder:
 * ends in ".md", not hidden (editors' lock and backup files are). */
static bool markdown_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 3 && strcmp(name + n - 3, ".md") == 0;
}

static int read_folder(galley_doc *doc, galley_section *section, const char *path,
                       const galley_read_options *opts, galley_error *err)
{
	galley_pos pos = {path, 0, 0};
	DIR *d = NULL;
	struct dirent *ent;
	struct stat st;
	char **names = NULL, *full;
	size_t n = 0, cap = 0, i;
	bool slash = path[0] != '\0' && path[strlen(path) - 1] == '/';
	int rc = 0;

	d = opendir(path);
	if (d == NULL) {
		rc = galley_error_set(err, GALLEY_EIO, &pos, "cannot open folder: %s", strerror(errno));
		goto cleanup;
	}
	while ((ent = readdir(d)) != NULL) {
		if (!markdown_name(ent->d_name))
			continue;
		full = malloc(strlen(path) + strlen(ent->d_name) + 2);
		if (full == NULL) {
			rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
			goto cleanup;
		}
		sprintf(full, slash ? "%s%s" : "%s/%s", path, ent->d_name);
		if (stat(full, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(full);
			continue;
		}
		if (GALLEY_VEC_PUSH_ROOM(names, cap, n) < 0) {
			free(full);
			rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
			goto cleanup;
		}
		names[n++] = full;
	}
	if (n == 0) {
		rc = galley_error_set(err, GALLEY_EEMPTY, &pos, "folder holds no *.md file");
		goto cleanup;
	}
	qsort(names, n, sizeof *names, compare_names);
	{
		galley_read_options own = opts != NULL ? *opts : default_options;
		own.ahead = galley_read_ahead_new((const char *const *)names, n, &own);
		for (i = 0; i < n && rc == 0; i++)
			rc = galley_read_file(doc, section, names[i], &own, err);
		galley_read_ahead_free(own.ahead);
	}

cleanup:
	if (d != NULL)
		closedir(d);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int galley_read_path(galley_doc *doc, galley_section *section, const char *path,
                     const galley_read_options *opts, galley_error *err)
{
	galley_pos pos = {path, 0, 0};
	struct stat st;
	char *data = NULL;
	size_t len;
	int rc;

	if ((rc = check_version(opts, err)) < 0)
		return rc;
	if (strcmp(path, "-") == 0) {
		rc = read_stream(stdin, "<stdin>", &data, &len, err);
		if (rc == 0)
			rc = galley_read_buffer(doc, section, "<stdin>", NULL, data, len, opts, err);
		free(data);
		return rc;
	}
	if (stat(path, &st) != 0)
		return galley_error_set(err, GALLEY_EIO, &pos, "cannot open: %s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		return read_folder(doc, section, path, opts, err);
	return galley_read_file(doc, section, path, opts, err);
}
