/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * read/svg.c: SVG images made safe to carry into an EPUB and measured.
 *
 * An SVG is a program as much as a picture: it may hold scripts, event
 * handlers (onload=...), references to other files or servers (an <image>
 * of another file, a stylesheet, a CSS url(), an external entity), and an
 * e-book reader may run or fetch them.  galley parses the file with
 * libxml2 (never with patterns over the text) and removes:
 *
 *   - elements that run code or embed other documents: script, handler,
 *     foreignObject (it may hold HTML), iframe, object, embed, audio,
 *     video; animations (set, animate*) whose target is an href or an
 *     event attribute;
 *   - every attribute whose name starts with "on" (event handlers);
 *   - every href (and xlink:href) that is not a reference inside the file
 *     ("#id") or an embedded PNG, JPEG, GIF or WebP (data:image/...);
 *   - links: an <a> element is replaced by what it holds (a picture in a
 *     book is not a place to follow links from, and epubcheck asks every
 *     SVG link for a title);
 *   - any attribute or <style> element with a url(...) that points outside
 *     the file, and <style> elements with @import;
 *   - processing instructions (<?xml-stylesheet ...?>).
 *
 * Entities: the file is parsed without loading anything (XML_PARSE_NONET,
 * no DTD loading, no entity substitution).  A file that declares an
 * external entity or a parameter entity is refused: expanding it would
 * read another file.  A file that declares only internal entities (as
 * Adobe Illustrator writes) is parsed again with them substituted, under
 * libxml2's own limits on entity expansion.  The DOCTYPE goes in every
 * case: EPUB 3 allows no external identifier (epubcheck reads SVG 1.1's
 * DTD and refuses the external entities it declares).
 *
 * When nothing had to go, the file's bytes are kept exactly as they are;
 * otherwise the cleaned tree is written out again as UTF-8, with a warning
 * when what went was code or an external reference.  libxml2's
 * messages are never printed (XML_PARSE_NOERROR, NOWARNING): the parser's
 * last error becomes galley's message.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "read/xml_api.h"

#include "base/buf.h"
#include "base/svg.h"
#include "read/internal.h"

static const char *const svg_drop_elements[] = {
	"script", "handler", "foreignObject", "iframe", "object", "embed", "audio", "video",
};

static const char *const svg_animations[] = {
	"set", "animate", "animateMotion", "animateTransform", "animateColor",
};

/* Raster types an SVG may embed as a data: URL. */
static const char *const svg_data_types[] = {
	"data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp",
};

typedef struct svg_clean {
	size_t code;      /* scripts, event attributes, animations of them */
	size_t external;  /* references to other files or servers */
	size_t other;     /* processing instructions, entity declarations */
} svg_clean;

static bool name_in(const xmlChar *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp((const char *)name, list[i]) == 0)
			return true;
	return false;
}

/* The text of an attribute: its one text child, "" for none, NULL when it
 * is made of several nodes (which a substituted parse never gives). */
static const char *attr_text(const xmlAttr *a)
{
	if (a->children == NULL)
		return "";
	if (a->children->next != NULL || a->children->type != XML_TEXT_NODE)
		return NULL;
	return a->children->content != NULL ? (const char *)a->children->content : "";
}

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')
		s++;
	return s;
}

/* Whether CSS text `s` has a url(...) that does not point inside the file,
 * or an @import. */
static bool css_external(const char *s)
{
	for (const char *p = s; *p != '\0'; p++) {
		if (strncasecmp(p, "@import", 7) == 0)
			return true;
		if (strncasecmp(p, "url(", 4) == 0) {
			const char *t = skip_space(p + 4);
			if (*t == '"' || *t == '\'')
				t = skip_space(t + 1);
			if (*t != '#')
				return true;
		}
	}
	return false;
}

/* Whether an href may stay: a fragment or an embedded raster image. */
static bool href_allowed(const char *v)
{
	v = skip_space(v);
	if (*v == '#')
		return true;
	for (size_t i = 0; i < sizeof svg_data_types / sizeof svg_data_types[0]; i++) {
		size_t n = strlen(svg_data_types[i]);
		if (strncasecmp(v, svg_data_types[i], n) == 0 && (v[n] == ';' || v[n] == ','))
			return true;
	}
	return false;
}

/* The text of an element's children (a <style>), or NULL when it holds
 * anything but text. */
static bool style_external(const xmlNode *el)
{
	for (const xmlNode *c = el->children; c != NULL; c = c->next) {
		if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE)
			return true;
		if (c->content != NULL && css_external((const char *)c->content))
			return true;
	}
	return false;
}

/* Whether an animation element changes an href or an event attribute. */
static bool animates_code(const xmlNode *el)
{
	for (const xmlAttr *a = el->properties; a != NULL; a = a->next) {
		const char *v;
		if (strcmp((const char *)a->name, "attributeName") != 0)
			continue;
		v = attr_text(a);
		if (v == NULL)
			return true;
		v = skip_space(v);
		if (strncmp(v, "xlink:", 6) == 0)
			v += 6;
		return strncmp(v, "href", 4) == 0 || strncasecmp(v, "on", 2) == 0;
	}
	return false;
}

static void drop_node(xmlNode *n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* Cleans the attributes of `el`, then its children, recursively (the
 * depth is libxml2's, which refuses more than 256 levels without
 * XML_PARSE_HUGE). */
static void clean_element(xmlNode *el, svg_clean *st)
{
	xmlAttr *a, *anext;
	xmlNode *c, *cnext;

	for (a = el->properties; a != NULL; a = anext) {
		const char *v = attr_text(a);
		anext = a->next;
		if (strncasecmp((const char *)a->name, "on", 2) == 0) {
			st->code++;
			xmlRemoveProp(a);
		} else if (v == NULL) {
			st->other++;
			xmlRemoveProp(a);
		} else if (strcmp((const char *)a->name, "href") == 0 ? !href_allowed(v) : css_external(v)) {
			st->external++;
			xmlRemoveProp(a);
		}
	}
	for (c = el->children; c != NULL; c = cnext) {
		cnext = c->next;
		switch (c->type) {
		case XML_ELEMENT_NODE:
			if (name_in(c->name, svg_drop_elements,
			            sizeof svg_drop_elements / sizeof svg_drop_elements[0]) ||
			    (name_in(c->name, svg_animations, sizeof svg_animations / sizeof svg_animations[0]) &&
			     animates_code(c))) {
				st->code++;
				drop_node(c);
			} else if (strcmp((const char *)c->name, "style") == 0 && style_external(c)) {
				st->external++;
				drop_node(c);
			} else if (strcmp((const char *)c->name, "a") == 0) {
				/* its children take its place, cleaned in turn */
				xmlNode *k, *knext;
				clean_element(c, st);
				for (k = c->children; k != NULL; k = knext) {
					knext = k->next;
					xmlUnlinkNode(k);
					xmlAddPrevSibling(c, k);
				}
				st->other++;
				drop_node(c);
			} else {
				clean_element(c, st);
			}
			break;
		case XML_PI_NODE:
		case XML_ENTITY_REF_NODE:
		case XML_XINCLUDE_START:
		case XML_XINCLUDE_END:
			st->external++;
			drop_node(c);
			break;
		default:
			break;
		}
	}
}

/* Top-level nodes other than the root element: processing instructions
 * go (a stylesheet is an external reference). */
static void clean_top(xmlDoc *doc, svg_clean *st)
{
	xmlNode *c, *cnext;

	for (c = doc->children; c != NULL; c = cnext) {
		cnext = c->next;
		if (c->type == XML_PI_NODE) {
			st->external++;
			drop_node(c);
		}
	}
}

/* Takes what libxml2 writes.  A buffer that ran out of memory is told
 * to the caller by its `failed`, not to libxml2, which would print an
 * I/O error on standard error. */
static int svg_write_cb(void *ctx, const char *buf, int len)
{
	galley_buf *b = ctx;
	galley_buf_add(b, buf, (size_t)len);
	return len;
}

/* The parse: errors become `err`, naming the line libxml2 stopped at. */
static xmlDoc *parse(xmlParserCtxt *pc, const unsigned char *data, size_t len, int options,
                     const char *shown, const galley_pos *pos, galley_error *err)
{
	xmlDoc *doc = xmlCtxtReadMemory(pc, (const char *)data, (int)len, NULL, NULL,
	                                options | XML_PARSE_NONET | XML_PARSE_NOERROR |
	                                XML_PARSE_NOWARNING);
	const xmlError *e;
	char msg[160];

	if (doc != NULL && xmlDocGetRootElement(doc) != NULL)
		return doc;
	e = xmlCtxtGetLastError(pc);
	snprintf(msg, sizeof msg, "%s", e != NULL && e->message != NULL ? e->message : "no root element");
	msg[strcspn(msg, "\n")] = '\0';
	if (e != NULL && e->code == XML_ERR_NO_MEMORY)
		galley_error_set(err, GALLEY_ENOMEM, pos, "out of memory reading image '%s'", shown);
	else
		galley_error_set(err, GALLEY_EASSET, pos, "corrupt SVG image '%s': line %d: %s", shown,
		                 e != NULL ? e->line : 0, msg);
	if (doc != NULL)
		xmlFreeDoc(doc);
	return NULL;
}

bool read_svg_sniff(const unsigned char *data, size_t len)
{
	size_t i = 0;

	if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
		i++;
	return i < len && data[i] == '<';
}

int read_svg_load(read_ctx *ctx, const char *shown, const galley_pos *pos, galley_error *err,
                  const unsigned char *data, size_t len, galley_asset *a)
{
	xmlParserCtxt *pc = NULL;
	xmlDoc *doc = NULL;
	xmlNode *root;
	xmlSaveCtxt *save;
	galley_buf out = GALLEY_BUF_INIT;
	svg_clean st = {0, 0, 0};
	bool internal = false;
	double w, h;
	unsigned char *copy;
	int rc = 0;

	if (len > INT_MAX)
		return galley_error_set(err, GALLEY_ELIMIT, pos, "SVG image '%s' is too large to parse", shown);
	if ((rc = read_libxml2_ready(err)) < 0)
		return rc;
	if ((pc = xmlNewParserCtxt()) == NULL) {
		rc = galley_error_set(err, GALLEY_ENOMEM, pos, "out of memory reading image '%s'", shown);
		goto cleanup;
	}
	if ((doc = parse(pc, data, len, 0, shown, pos, err)) == NULL) {
		rc = err->code;
		goto cleanup;
	}
	root = xmlDocGetRootElement(doc);
	if (strcmp((const char *)root->name, "svg") != 0) {
		rc = galley_error_set(err, GALLEY_EASSET, pos,
		                      "image '%s' is not a PNG, JPEG, GIF, WebP or SVG file "
		                      "(an XML file whose root is <%.40s>)", shown, (const char *)root->name);
		goto cleanup;
	}
	if (doc->intSubset != NULL) {
		for (xmlNode *d = doc->intSubset->children; d != NULL; d = d->next) {
			if (d->type != XML_ENTITY_DECL)
				continue;
			if (((xmlEntity *)d)->etype != XML_INTERNAL_GENERAL_ENTITY) {
				rc = galley_error_set(err, GALLEY_EASSET, pos,
				                      "SVG image '%s' declares an external or parameter entity "
				                      "('%.40s'), which could read another file; refused",
				                      shown, (const char *)d->name);
				goto cleanup;
			}
			internal = true;
		}
	}
	if (internal) {
		xmlFreeDoc(doc);
		if ((doc = parse(pc, data, len, XML_PARSE_NOENT, shown, pos, err)) == NULL) {
			rc = err->code;
			goto cleanup;
		}
		root = xmlDocGetRootElement(doc);
	}
	if (doc->intSubset != NULL) {
		xmlDtd *dtd = doc->intSubset;
		xmlUnlinkNode((xmlNode *)dtd);
		xmlFreeDtd(dtd);
		st.other++;
	}
	clean_top(doc, &st);
	clean_element(root, &st);
	if (st.code + st.external + st.other > 0) {
		save = xmlSaveToIO(svg_write_cb, NULL, &out, "UTF-8", 0);
		if (save == NULL || xmlSaveDoc(save, doc) < 0 || xmlSaveClose(save) < 0 || out.failed) {
			rc = out.failed ? galley_error_set(err, GALLEY_ENOMEM, pos, "out of memory reading image '%s'", shown)
			                : galley_error_set(err, GALLEY_EASSET, pos,
			                                   "SVG image '%s' could not be written out again", shown);
			goto cleanup;
		}
		if ((copy = galley_doc_alloc(ctx->doc, out.len + 1)) == NULL) {
			rc = galley_error_set(err, GALLEY_ENOMEM, pos, "out of memory reading image '%s'", shown);
			goto cleanup;
		}
		memcpy(copy, out.data, out.len);
		a->bytes = copy;
		a->size = out.len;
		if (st.code + st.external > 0 &&
		    galley_doc_warn(ctx->doc, GALLEY_WARNING, pos,
		                    "SVG image '%s' sanitised: removed %zu script%s or event attribute%s "
		                    "and %zu external reference%s", shown, st.code, st.code == 1 ? "" : "s",
		                    st.code == 1 ? "" : "s", st.external, st.external == 1 ? "" : "s") < 0) {
			rc = galley_error_set(err, GALLEY_ENOMEM, pos, "out of memory reading image '%s'", shown);
			goto cleanup;
		}
	} else {
		a->bytes = data;
		a->size = len;
	}
	rc = galley_svg_measure(a->bytes, a->size, &w, &h, err);
	if (rc < 0) {
		/* the message names what is wrong; say which image it is */
		galley_error e2 = *err;
		galley_error_clear(err);
		rc = galley_error_set(err, e2.code, pos, "SVG image '%s': %s", shown, e2.message);
		goto cleanup;
	}
	if (w > UINT32_MAX / 4 || h > UINT32_MAX / 4) {
		rc = galley_error_set(err, GALLEY_ELIMIT, pos, "SVG image '%s' is %gx%g pixels wide", shown, w, h);
		goto cleanup;
	}
	a->width = (uint32_t)(w + 0.5) > 0 ? (uint32_t)(w + 0.5) : 1;
	a->height = (uint32_t)(h + 0.5) > 0 ? (uint32_t)(h + 0.5) : 1;
	a->media_type = "image/svg+xml";

cleanup:
	galley_buf_dispose(&out);
	if (doc != NULL)
		xmlFreeDoc(doc);
	if (pc != NULL)
		xmlFreeParserCtxt(pc);
	return rc;
}
