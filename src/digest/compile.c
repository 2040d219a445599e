/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * digest/compile.c: a loaded digest -> the document model
 * (galley_digest_read and galley_digest_read_select in galley/digest.h).
 *
 * Only the reader's public API is used: the manifest's warnings are copied
 * onto the document, then every section that has files is added and its
 * files read in the manifest's order with galley_read_file, then the
 * publication metadata is copied into the document's arena (so that the
 * document does not depend on the digest's lifetime), and last the
 * selection runs, which also finishes the document.  A draft (draft: true
 * in its front matter) is left out as soon as it is read, with a note:
 * a digest publishes, and a draft is not ready to be.
 *
 * An article that cannot be read (or is empty) does not stop the reading:
 * a weekly run that nobody watches should say everything that is wrong at
 * once.  Each failure becomes a diagnostic at its position, an error or,
 * when the manifest or the run skips invalid articles, a warning; the
 * first failure's code is returned after the last article was read.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "galley/digest.h"
#include "digest/internal.h"
#include "model/options.h"

/* Copies a string into the document's arena; false when memory ran out. */
static bool copy_str(galley_doc *doc, const char **dst, const char *src)
{
	if (src == NULL)
		return true;
	*dst = galley_doc_strdup(doc, src);
	return *dst != NULL;
}

int galley_digest_read(galley_doc *doc, const galley_digest *d,
                       const galley_read_options *ropts, galley_error *err)
{
	return galley_digest_read_all(doc, NULL, d, ropts, NULL, err);
}

int galley_digest_read_select(galley_doc *doc, const galley_digest *d,
                              const galley_read_options *ropts,
                              const galley_select_options *sel, galley_error *err)
{
	return galley_digest_read_all(doc, NULL, d, ropts, sel, err);
}

/* An article that says nothing: no title and no block of text (an empty
 * file, front matter alone, a truncated export). */
static bool is_empty(const galley_article *a)
{
	return a->blocks == NULL && (a->meta.title == NULL || a->meta.title[0] == '\0');
}

/* Removes `sec` when no article went into it: the document has no call
 * for that, but a section goes with its last article. */
static int drop_if_empty(galley_doc *doc, galley_section *sec)
{
	galley_article *a;
	if (sec == NULL || sec->narticles > 0)
		return 0;
	if ((a = galley_doc_add_article(doc, sec, "")) == NULL)
		return -1;
	galley_doc_remove_article(doc, a);
	return 0;
}

/* Records that the article at `path` could not be read (`why`): an error
 * on the document, or, when skipping, a warning that it was left out. */
static int record_failure(galley_doc *doc, const char *path, const galley_error *why, bool skip)
{
	galley_pos pos;
	pos.file = galley_doc_strdup(doc, why->file[0] ? why->file : path);
	pos.line = why->line;
	pos.column = why->column;
	if (pos.file == NULL)
		return GALLEY_ENOMEM;
	if (skip)
		return galley_doc_warn(doc, GALLEY_WARNING, &pos, "article left out: %s",
		                       why->message[0] ? why->message : galley_code_name(why->code));
	return galley_doc_warn(doc, GALLEY_ERROR, &pos, "%s",
	                       why->message[0] ? why->message : galley_code_name(why->code));
}

/* A digest of several articles without `title:` would be named after its
 * first article by every reader: it takes the first section's title,
 * else its manifest's folder's name, with a warning.  0 or -1 (memory). */
static int title_book(galley_doc *doc, const galley_digest *d)
{
	galley_meta *m = galley_doc_meta(doc);
	const galley_section *first = galley_doc_section(doc, 0);
	galley_pos pos = {NULL, 1, 1};
	char *real, *slash, *folder = NULL;
	const char *title, *from;
	int rc;

	if ((m->title && m->title[0]) || galley_doc_narticles(doc) < 2)
		return 0;
	if (first && first->title && first->title[0]) {
		title = first->title;
		from = "its first section";
	} else {
		/* the folder the manifest is in (reads the file system) */
		if ((real = realpath(d->path, NULL)) == NULL)
			return 0;
		if ((slash = strrchr(real, '/')) != NULL)
			*slash = '\0';
		slash = strrchr(real, '/');
		folder = slash && slash[1] ? galley_doc_strdup(doc, slash + 1) : NULL;
		free(real);
		if (folder == NULL)
			return 0;
		title = folder;
		from = "its folder";
	}
	if ((m->title = galley_doc_strdup(doc, title)) == NULL)
		return -1;
	pos.file = galley_doc_strdup(doc, d->path);
	rc = galley_doc_warn(doc, GALLEY_WARNING, &pos, "a digest of %zu articles without 'title:': titled '%s' after %s",
	                     galley_doc_narticles(doc), title, from);
	return rc < 0 ? -1 : 0;
}

int galley_digest_read_all(galley_doc *doc, size_t *skipped, const galley_digest *d,
                           const galley_read_options *ropts,
                           const galley_select_options *sel, galley_error *err)
{
	galley_meta *m = galley_doc_meta(doc);
	const char *file = galley_doc_strdup(doc, d->path);
	galley_read_options own;
	size_t i, j, drafts = 0, failed = 0, total = 0;
	int rc = 0, first = 0;
	bool skip = d->skip_invalid;

	if (skipped != NULL)
		*skipped = 0;
	/* options of a version this library knows, before anything is read */
	if (ropts != NULL && (rc = galley_options_version_check(ropts->version, GALLEY_READ_OPTIONS_VERSION,
	                                                        "galley_read_options", err)) < 0)
		return rc;
	if (sel != NULL && (rc = galley_options_version_check(sel->version, GALLEY_SELECT_OPTIONS_VERSION,
	                                                      "galley_select_options", err)) < 0)
		return rc;
	if (file == NULL)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory reading %s", d->path);
	if (d->window_pending)
		return galley_error_set(err, GALLEY_EUSAGE, NULL,
		                        "%s: the window counts back from the issue's date, which this run "
		                        "does not give (galley_digest_resolve)", d->path);
	/* the manifest's resource path, unless the caller's options have one
	 * (a struct of version 1 has no such field: the manifest's then) */
	if (d->resource_path != NULL && (ropts == NULL || ropts->version < 2 || ropts->resource_path == NULL)) {
		galley_read_options_init(&own, GALLEY_READ_OPTIONS_VERSION);
		if (ropts != NULL)
			memcpy(&own, ropts, ropts->version >= 2 ? sizeof own : offsetof(galley_read_options, resource_path));
		own.version = GALLEY_READ_OPTIONS_VERSION;
		own.resource_path = d->resource_path;
		ropts = &own;
	}
	for (i = 0; i < galley_digest_ndiags(d); i++) {
		const galley_diag *g = galley_digest_diag(d, i);
		galley_pos pos = g->pos;
		pos.file = file;
		if (galley_doc_warn(doc, g->severity, &pos, "%s", g->message) < 0)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory reading %s", d->path);
	}
	/* Every article is read, also after one failed, so that one run lists
	 * every failure.  A section is added when its first article is read
	 * and removed again when none of its files made an article. */
	for (i = 0; i < d->nsections; i++) {
		const galley_digest_section *ds = &d->sections[i];
		galley_section *sec = NULL;
		for (j = 0; j < ds->npaths; j++) {
			galley_error one = GALLEY_ERROR_INIT;
			galley_article *a;
			total++;
			if (sec == NULL && (sec = galley_doc_add_section(doc, ds->title)) == NULL)
				return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory reading %s", d->path);
			rc = galley_read_file(doc, sec, ds->paths[j], ropts, &one);
			if (rc == GALLEY_ENOMEM || rc == GALLEY_EUSAGE) {
				galley_error_set(err, one.code, NULL, "%s", one.message);
				return rc;
			}
			a = rc == 0 && sec->narticles > 0 ? sec->articles[sec->narticles - 1] : NULL;
			if (a != NULL && is_empty(a)) {
				galley_pos pos = a->pos;
				galley_error_set(&one, GALLEY_EEMPTY, &pos, "an empty article: no title and no text");
				/* an emptied section goes with its last article */
				if (sec->narticles == 1)
					sec = NULL;
				galley_doc_remove_article(doc, a);
				a = NULL;
				rc = GALLEY_EEMPTY;
			}
			if (rc < 0) {
				if (record_failure(doc, ds->paths[j], &one, skip) < 0)
					return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory reading %s", d->path);
				if (first == 0)
					first = rc;
				failed++;
				continue;
			}
			if (a != NULL && a->meta.draft) {
				if (galley_doc_warn(doc, GALLEY_NOTE, &a->pos, "skipped: a draft (draft: true)") < 0)
					return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory reading %s", d->path);
				/* an emptied section goes with its last article */
				if (sec->narticles == 1)
					sec = NULL;
				galley_doc_remove_article(doc, a);
				drafts++;
			}
		}
		if (drop_if_empty(doc, sec) < 0)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory reading %s", d->path);
	}
	if (skipped != NULL && skip)
		*skipped = failed;
	if (failed > 0 && !skip)
		return galley_error_set(err, first, NULL, "%zu of the %zu articles of %s could not be read",
		                        failed, total, d->path);
	if (failed > 0 && galley_doc_nsections(doc) == 0)
		return galley_error_set(err, GALLEY_EEMPTY, NULL,
		                        "no article left: the %zu that could not be read were left out%s",
		                        failed, drafts > 0 ? ", the others are drafts" : "");
	if (drafts > 0 && galley_doc_nsections(doc) == 0)
		return galley_error_set(err, GALLEY_EEMPTY, NULL,
		                        "no article to select: the %zu read %s draft%s", drafts,
		                        drafts == 1 ? "is a" : "are", drafts == 1 ? "" : "s");
	if (!copy_str(doc, &m->title, d->meta.title) || !copy_str(doc, &m->subtitle, d->meta.subtitle) ||
	    !copy_str(doc, &m->issue, d->meta.issue) || !copy_str(doc, &m->editor, d->meta.editor) ||
	    !copy_str(doc, &m->publisher, d->meta.publisher) || !copy_str(doc, &m->lang, d->meta.lang) ||
	    !copy_str(doc, &m->description, d->meta.description) ||
	    !copy_str(doc, &m->identifier, d->meta.identifier) ||
	    !copy_str(doc, &m->cover, d->meta.cover))
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory reading %s", d->path);
	if (d->meta.date.year != 0)
		m->date = d->meta.date;
	if (sel == NULL)
		sel = &d->select;
	m->since = sel->since;
	m->until = sel->until;
	if ((rc = galley_doc_select(doc, sel, err)) < 0)
		return rc;
	if (title_book(doc, d) < 0)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory reading %s", d->path);
	return 0;
}
