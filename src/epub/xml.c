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

/* First allocation; the buffer doubles from there.  A chapter is usually
 * a few kilobytes. */
#define XML_INITIAL_CAP 4096
/* Spare bytes a taken buffer may keep before it is shrunk to fit. */
#define XML_TAKE_SLACK 256

/* Makes room for `n` more bytes plus a NUL; false on failure (sticky). */
static bool reserve(galley_xml *x, size_t n)
{
	size_t cap;
	char *p;
	if (x->failed)
		return false;
	if (n > SIZE_MAX / 2 - x->len - 1) {
		x->failed = true;
		return false;
	}
	if (x->len + n + 1 <= x->cap)
		return true;
	cap = x->cap ? x->cap : XML_INITIAL_CAP;
	while (cap < x->len + n + 1)
		cap *= 2;
	p = realloc(x->data, cap);
	if (p == NULL) {
		x->failed = true;
		return false;
	}
	x->data = p;
	x->cap = cap;
	return true;
}

void galley_xml_dispose(galley_xml *x)
{
	free(x->data);
	x->data = NULL;
	x->len = x->cap = 0;
	x->failed = false;
}

unsigned char *galley_xml_take(galley_xml *x, size_t *len)
{
	unsigned char *p;
	if (x->failed || !reserve(x, 0)) {
		galley_xml_dispose(x);
		*len = 0;
		return NULL;
	}
	p = (unsigned char *)x->data;
	/* a kept buffer gives its spare room back: a thousand-article book
	 * keeps ten thousand short hrefs, each from a 4 KB start */
	if (x->cap - x->len > XML_TAKE_SLACK) {
		unsigned char *fit = realloc(p, x->len + 1);
		if (fit != NULL)
			p = fit;
	}
	*len = x->len;
	x->data = NULL;
	x->len = x->cap = 0;
	return p;
}

void galley_xml_rawn(galley_xml *x, const char *markup, size_t n)
{
	if (!reserve(x, n))
		return;
	memcpy(x->data + x->len, markup, n);
	x->len += n;
	x->data[x->len] = '\0';
}

void galley_xml_raw(galley_xml *x, const char *markup)
{
	galley_xml_rawn(x, markup, strlen(markup));
}

void galley_xml_printf(galley_xml *x, const char *fmt, ...)
{
	va_list ap;
	int n;
	if (x->failed)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		x->failed = true;
		return;
	}
	if (!reserve(x, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(x->data + x->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	x->len += (size_t)n;
}

/* Decodes one UTF-8 sequence at s (n > 0 bytes left) into *cp; returns
 * its length, or 1 with *cp = 0xFFFD for an invalid byte. */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c = s[0];
	size_t len, i;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		c &= 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len > n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10FFFF))) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return len;
}

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
		len = decode(u + i, n - i, &c);
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

size_t galley_xml_utf8_boundary(const char *s, size_t n, size_t at)
{
	while (at < n && ((unsigned char)s[at] & 0xC0) == 0x80)
		at++;
	return at;
}
