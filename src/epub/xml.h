/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * xml.h: galley's XML/XHTML serializer, private to src/epub.
 *
 * A growable byte buffer that markup is appended to.  Markup (tags, fixed
 * attribute names) is written verbatim with galley_xml_raw/printf; every
 * string that comes from the document goes through galley_xml_text or
 * galley_xml_attr, which escape it and drop what XML 1.0 forbids, so that
 * well-formedness never depends on the input.
 *
 * Errors are sticky, like a stdio stream: when an allocation fails the
 * buffer sets `failed` and ignores every later write, and the caller checks
 * `failed` once when the document is complete.
 */
#ifndef GALLEY_EPUB_XML_H
#define GALLEY_EPUB_XML_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* The buffer is base/buf.h's; these names say what is written into it. */
typedef galley_buf galley_xml;

#define GALLEY_XML_INIT GALLEY_BUF_INIT

/* Frees the buffer; it is empty and reusable afterwards. */
static inline void galley_xml_dispose(galley_xml *x)
{
	galley_buf_dispose(x);
}

/* Hands the bytes over to the caller (free() them) and empties the buffer.
 * Returns NULL when the buffer failed (and frees it). */
static inline unsigned char *galley_xml_take(galley_xml *x, size_t *len)
{
	return (unsigned char *)galley_buf_take(x, len);
}

/* Appends markup verbatim: the caller guarantees it is well-formed. */
static inline void galley_xml_raw(galley_xml *x, const char *markup)
{
	galley_buf_puts(x, markup);
}

static inline void galley_xml_rawn(galley_xml *x, const char *markup, size_t n)
{
	galley_buf_add(x, markup, n);
}

#define galley_xml_printf galley_buf_printf

/* Appends `n` bytes of UTF-8 text as character data: & < > escaped;
 * invalid UTF-8 becomes U+FFFD; characters XML 1.0 forbids, C1 controls
 * and noncharacters are dropped; CR is dropped (XML would turn it into LF). */
void galley_xml_text(galley_xml *x, const char *s, size_t n);

/* galley_xml_text of a NUL-terminated string; NULL writes nothing. */
void galley_xml_str(galley_xml *x, const char *s);

/* Appends ` name="value"` with the value escaped for a double-quoted
 * attribute: & < > " ' escaped, tab and LF as character references (so
 * that attribute-value normalization keeps them); otherwise like
 * galley_xml_text. */
void galley_xml_attr(galley_xml *x, const char *name, const char *value);

/* Appends ` name="url"` with the URL percent-encoded where RFC 3986 does
 * not allow a byte (space, non-ASCII, quotes, < > \ ^ ` { | }), then
 * escaped as an attribute.  Existing %XX escapes are kept. */
void galley_xml_url_attr(galley_xml *x, const char *name, const char *url);

/* Appends the text "s" percent-encoded as a URL fragment or path segment
 * (unreserved bytes kept, everything else %XX), escaped for markup. */
void galley_xml_url_part(galley_xml *x, const char *s);


#endif
