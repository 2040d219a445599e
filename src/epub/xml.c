/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * xml.c: the XML serializer of the EPUB writer (see xml.h).
 *
 * Follows XML 1.0 (Fifth Edition) section 2.2 for the characters allowed in
 * a document and section 3.3.3 for attribute-value normalization (which is
 * why tab, LF and CR are written as character references in attributes).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "epub/xml.h"

#include "base/utf8.h"



/* Whether a code point may appear in galley's XML output: XML 1.0's Char
 * production, less C1 controls and noncharacters (HTML forbids both). */
static bool allowed(uint32_t c)
{
	if (c == 0x9 || c == 0xA)
		return true;
	if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
		return false;
	if (c >= 0xFDD0 && c <= 0xFDEF)
		return false;
	if ((c & 0xFFFE) == 0xFFFE)
		return false;
	return c <= 0x10FFFF;
}

/* Writes text escaped; `attr` selects the attribute-value rules. */
static void escape(galley_xml *x, const char *s, size_t n, bool attr)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0; /* run: start of bytes not yet copied */
	while (i < n) {
		uint32_t c;
		size_t len;
		const char *rep = NULL;
		bool drop = false;
		unsigned char b = u[i];
		/* printable ASCII that needs no reference: most of any text */
		if (b >= 0x20 && b < 0x7F && b != '&' && b != '<' && b != '>' &&
		    !(attr && (b == '"' || b == '\''))) {
			i++;
			continue;
		}
		len = i;
		c = galley_utf8_next(s, n, &len);
		len -= i;
		if (c == 0xFFFD && len == 1 && u[i] >= 0x80)
			rep = "\xEF\xBF\xBD";
		else if (c == '&')
			rep = "&amp;";
		else if (c == '<')
			rep = "&lt;";
		else if (c == '>')
			rep = "&gt;";
		else if (attr && c == '"')
			rep = "&quot;";
		else if (attr && c == '\'')
			rep = "&#39;";
		else if (attr && c == '\t')
			rep = "&#9;";
		else if (attr && c == '\n')
			rep = "&#10;";
		else if (!allowed(c))
			drop = true;
		if (rep != NULL || drop) {
			galley_xml_rawn(x, s + run, i - run);
			if (rep != NULL)
				galley_xml_raw(x, rep);
			run = i + len;
		}
		i += len;
	}
	galley_xml_rawn(x, s + run, n - run);
}

void galley_xml_text(galley_xml *x, const char *s, size_t n)
{
	escape(x, s, n, false);
}

void galley_xml_str(galley_xml *x, const char *s)
{
	if (s != NULL)
		escape(x, s, strlen(s), false);
}

void galley_xml_attr(galley_xml *x, const char *name, const char *value)
{
	galley_xml_printf(x, " %s=\"", name);
	if (value != NULL)
		escape(x, value, strlen(value), true);
	galley_xml_raw(x, "\"");
}

static bool is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

void galley_xml_url_attr(galley_xml *x, const char *name, const char *url)
{
	const unsigned char *u = (const unsigned char *)url;
	size_t i;
	galley_xml_printf(x, " %s=\"", name);
	for (i = 0; u[i] != '\0'; i++) {
		unsigned char c = u[i];
		if (c == '%' && is_hex(u[i + 1]) && is_hex(u[i + 2]))
			galley_xml_raw(x, "%");
		else if (c <= 0x20 || c >= 0x7F || strchr("\"<>\\^`{|}%'", c) != NULL)
			galley_xml_printf(x, "%%%02X", c);
		else if (c == '&')
			galley_xml_raw(x, "&amp;");
		else
			galley_xml_rawn(x, (const char *)&u[i], 1);
	}
	galley_xml_raw(x, "\"");
}

void galley_xml_url_part(galley_xml *x, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;
	for (i = 0; u[i] != '\0'; i++) {
		unsigned char c = u[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~')
			galley_xml_rawn(x, (const char *)&u[i], 1);
		else
			galley_xml_printf(x, "%%%02X", c);
	}
}

