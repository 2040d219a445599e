/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * messages.c: the formatting of galley's messages on standard error (see
 * messages.h).  Each message is built in one buffer and written with one
 * call, so that lines from parallel runs sharing a terminal do not mix.
 */
#include "cli/messages.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/terminal.h"

/* Longest message line: a full path, a position and a full library
 * message fit; anything longer is cut rather than split over writes. */
#define LINE_MAX_BYTES (GALLEY_ERROR_FILE_MAX + GALLEY_ERROR_MESSAGE_MAX + 128)

/* The colour of a message kind on a terminal (ECMA-48 SGR): errors bold
 * red, warnings bold yellow, notes cyan. */
static const char *kind_color(const char *kind)
{
	if (strcmp(kind, "error") == 0)
		return "\033[1;31m";
	if (strcmp(kind, "warning") == 0)
		return "\033[1;33m";
	return "\033[36m";
}

/* Writes "galley: [FILE[:LINE[:COL]]: ]KIND: TEXT\n" as one write; KIND is
 * coloured when galley_cli_color() allows it. */
static void emit(const char *file, uint32_t line, uint32_t column, const char *kind,
                 const char *text)
{
	char buf[LINE_MAX_BYTES];
	size_t n = 0;

	n += (size_t)snprintf(buf, sizeof buf, "galley: ");
	if (file && file[0]) {
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s", file);
		if (n < sizeof buf && line > 0) {
			n += (size_t)snprintf(buf + n, sizeof buf - n, ":%lu", (unsigned long)line);
			if (n < sizeof buf && column > 0)
				n += (size_t)snprintf(buf + n, sizeof buf - n, ":%lu", (unsigned long)column);
		}
		if (n < sizeof buf)
			n += (size_t)snprintf(buf + n, sizeof buf - n, ": ");
	}
	if (n < sizeof buf) {
		if (galley_cli_color())
			snprintf(buf + n, sizeof buf - n, "%s%s\033[0m: %s", kind_color(kind), kind, text);
		else
			snprintf(buf + n, sizeof buf - n, "%s: %s", kind, text);
	}
	fprintf(stderr, "%s\n", buf);
}

/* The Debian package of each library that libgalley loads when first
 * needed.  The library's message says which one it could not load
 * ("cannot load WHAT (SONAME): WHY"); how to install it is for the
 * command line to say, the library knows nothing of packages. */
static const struct {
	const char *what;    /* as the library names it */
	const char *package;
} lazy_packages[] = {
	{"HarfBuzz", "libharfbuzz0b"},
	{"HarfBuzz's subsetter", "libharfbuzz-subset0"},
	{"gumbo", "libgumbo1"},
	{"libharu", "libhpdf-2.3.0"},
	{"libpng", "libpng16-16"},
	{"libzip", "libzip4"},
	{"utf8proc", "libutf8proc2"},
	{"giflib", "libgif7"},
	{"libwebp", "libwebpdemux2"},
	{"libxml2", "libxml2"},
	{"librsvg", "librsvg2-2"},
	{"libcurl", "libcurl4"},
};

/* The package that installs the library `message` says cannot be loaded
 * (an error, or a warning about an image whose decoder is missing:
 * "image 'x.gif': cannot load giflib ..."); NULL for any other message. */
static const char *missing_package(const char *message)
{
	static const char prefix[] = "cannot load ";
	const char *what = strstr(message, prefix);
	size_t i, n;

	if (what == NULL)
		return NULL;
	what += sizeof prefix - 1;
	for (i = 0; i < sizeof lazy_packages / sizeof lazy_packages[0]; i++) {
		n = strlen(lazy_packages[i].what);
		if (strncmp(what, lazy_packages[i].what, n) == 0 && strncmp(what + n, " (", 2) == 0)
			return lazy_packages[i].package;
	}
	return NULL;
}

void galley_cli_report(const galley_error *err)
{
	const char *text = err->message[0] ? err->message : galley_code_name(err->code);
	const char *package = missing_package(err->message);
	char advised[GALLEY_ERROR_MESSAGE_MAX + 64];

	if (package) {
		snprintf(advised, sizeof advised, "%s; install it with 'apt-get install %s'", text, package);
		text = advised;
	}
	emit(err->file, err->line, err->column, "error", text);
}

void galley_cli_fail(const char *fmt, ...)
{
	char text[GALLEY_ERROR_MESSAGE_MAX + GALLEY_ERROR_FILE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	emit(NULL, 0, 0, "error", text);
}

void galley_cli_warn_at(const galley_pos *pos, const char *fmt, ...)
{
	char text[GALLEY_ERROR_MESSAGE_MAX + GALLEY_ERROR_FILE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	emit(pos->file, pos->line, pos->column, "warning", text);
}

void galley_cli_usage(const char *command, const char *why)
{
	if (command)
		fprintf(stderr, "galley: usage: %s\nTry 'galley %s --help' for more information.\n",
		        why, command);
	else
		fprintf(stderr, "galley: usage: %s\nTry 'galley --help' for more information.\n", why);
}

void galley_cli_say(galley_cli_verbosity verbosity, galley_cli_verbosity level,
                    const char *fmt, ...)
{
	char text[LINE_MAX_BYTES];
	va_list ap;

	if (verbosity < level)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	fprintf(stderr, "galley: %s\n", text);
}

/* --strict: warnings are printed as errors and counted.  The command
 * line is one run of one command, so this is the run's state. */
static bool cli_strict;
static size_t cli_strict_count;

void galley_cli_set_strict(bool on)
{
	cli_strict = on;
}

bool galley_cli_strict(void)
{
	return cli_strict;
}

size_t galley_cli_strict_errors(void)
{
	return cli_strict_count;
}

void galley_cli_diags(const galley_doc *doc, size_t *printed, galley_cli_verbosity verbosity)
{
	size_t n = galley_doc_ndiags(doc);

	for (; *printed < n; ++*printed) {
		const galley_diag *d = galley_doc_diag(doc, *printed);

		if (!d)
			continue;
		if (d->severity == GALLEY_NOTE && verbosity < GALLEY_CLI_VERBOSE)
			continue;
		const char *text = d->message ? d->message : "";
		const char *package = missing_package(text);
		char advised[GALLEY_ERROR_MESSAGE_MAX + 64];

		if (package) {
			snprintf(advised, sizeof advised, "%s; install it with 'apt-get install %s'", text, package);
			text = advised;
		}
		if (d->severity == GALLEY_ERROR) {
			/* one failure of several, each reported: whatever the verbosity */
			emit(d->pos.file, d->pos.line, d->pos.column, "error", text);
			continue;
		}
		if (d->severity == GALLEY_WARNING && cli_strict) {
			cli_strict_count++;
			emit(d->pos.file, d->pos.line, d->pos.column, "error", text);
			continue;
		}
		if (d->severity == GALLEY_WARNING && verbosity < GALLEY_CLI_NORMAL)
			continue;
		emit(d->pos.file, d->pos.line, d->pos.column,
		     d->severity == GALLEY_NOTE ? "note" : "warning", text);
	}
}
