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
 */
#include <stdbool.h>
#include <stddef.h>
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
	return galley_digest_read_select(doc, d, ropts, NULL, err);
}

int galley_digest_read_select(galley_doc *doc, const galley_digest *d,
                              const galley_read_options *ropts,
                              const galley_select_options *sel, galley_error *err)
{
	galley_meta *m = galley_doc_meta(doc);
	const char *file = galley_doc_strdup(doc, d->path);
	galley_read_options own;
	size_t i, j, drafts = 0;
	int rc = 0;

	/* options of a version this library knows, before anything is read */
	if (ropts != NULL && (rc = galley_options_version_check(ropts->version, GALLEY_READ_OPTIONS_VERSION,
	                                                        "galley_read_options", err)) < 0)
		return rc;
	if (sel != NULL && (rc = galley_options_version_check(sel->version, GALLEY_SELECT_OPTIONS_VERSION,
	                                                      "galley_select_options", err)) < 0)
		return rc;
	if (file == NULL)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory reading %s", d->path);
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
	for (i = 0; i < d->nsections; i++) {
		const galley_digest_section *ds = &d->sections[i];
		galley_section *sec;
		if (ds->npaths == 0)
			continue;
		sec = galley_doc_add_section(doc, ds->title);
		if (sec == NULL)
			return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory reading %s", d->path);
		for (j = 0; j < ds->npaths; j++) {
			galley_article *a;
			rc = galley_read_file(doc, sec, ds->paths[j], ropts, err);
			if (rc < 0)
				return rc;
			a = sec->narticles > 0 ? sec->articles[sec->narticles - 1] : NULL;
			if (a != NULL && a->meta.draft) {
				if (galley_doc_warn(doc, GALLEY_NOTE, &a->pos, "skipped: a draft (draft: true)") < 0)
					return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory reading %s", d->path);
				/* an emptied section goes with its last article */
				if (sec->narticles == 1)
					sec = NULL;
				galley_doc_remove_article(doc, a);
				if (sec == NULL && j + 1 < ds->npaths &&
				    (sec = galley_doc_add_section(doc, ds->title)) == NULL)
					return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory reading %s", d->path);
				drafts++;
			}
		}
	}
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
	return galley_doc_select(doc, sel, err);
}
