/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * highlight.c: syntax highlighting through the galley-highlight.so module
 * (highlight.h), loaded when a code block first names a language.
 *
 * The module is installed in LIBDIR/galley and found as the fonts are,
 * relative to the file that holds galley's code (galley_module_dir,
 * fontdir.c): an installation that moves, and the build tree (which has
 * the installed layout), find their own.
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/highlight.h"
#include "base/file.h"
#include "base/lazy.h"

/* The module's file name, in galley_module_dir(). */
#define HL_MODULE_NAME "galley-highlight.so"

/* Longest language name looked up: lang.map's names are short words. */
#define HL_LANG_MAX 32

static struct {
	galley_hl_module_run_fn *galley_hl_module_run;
} hl_module;

#define HL_FUNCS(X) X(galley_hl_module_run)
#define GALLEY_LAZY_TABLE hl_module
static const char *const hl_names[] = {HL_FUNCS(GALLEY_LAZY_NAME)};
static void **const hl_slots[] = {HL_FUNCS(GALLEY_LAZY_SLOT)};
/* Its path is known only at run time (galley_module_dir): set once,
 * before the first load. */
static char hl_path[PATH_MAX];
static galley_lazy_lib hl_lib = GALLEY_LAZY_LIB("galley's highlighting module", GALLEY_EINTERNAL,
                                                hl_path, hl_names, hl_slots);
static pthread_once_t hl_path_once = PTHREAD_ONCE_INIT;

static void find_module(void)
{
	int n = snprintf(hl_path, sizeof hl_path, "%s/%s", galley_module_dir(), HL_MODULE_NAME);

	if (n < 0 || (size_t)n >= sizeof hl_path)
		snprintf(hl_path, sizeof hl_path, "%s", HL_MODULE_NAME);  /* dlopen then says why */
}

/* Names Markdown authors give fences (GitHub's) that Source-highlight's
 * lang.map spells otherwise. */
static const char *const hl_aliases[][2] = {
	{"rust", "rs"}, {"golang", "go"}, {"python3", "python"}, {"py3", "python"},
	{"node", "javascript"}, {"jsonc", "json"}, {"console", "sh"}, {"shell-session", "sh"},
};

static galley_lazy_lib *module(void)
{
	pthread_once(&hl_path_once, find_module);
	return &hl_lib;
}

size_t galley_highlight_language(const char *info, char *buf, size_t cap)
{
	size_t n = 0;

	if (info == NULL || cap == 0)
		return 0;
	while (info[n] != '\0' && info[n] != ' ' && info[n] != '\t' && info[n] != '\n' &&
	       info[n] != '{' && info[n] != ',')
		n++;
	if (n == 0 || n >= cap)
		return 0;
	for (size_t i = 0; i < n; i++)
		buf[i] = info[i] >= 'A' && info[i] <= 'Z' ? (char)(info[i] - 'A' + 'a') : info[i];
	buf[n] = '\0';
	return n;
}

int galley_highlight(const char *info, const char *code, size_t len, galley_hl_span **spans,
                     size_t *n)
{
	char lang[HL_LANG_MAX];
	size_t k = galley_highlight_language(info, lang, sizeof lang);
	int rc;

	*spans = NULL;
	*n = 0;
	const char *name = lang;

	if (k == 0 || len == 0 || !galley_lazy_load(module()))
		return 0;
	for (size_t i = 0; i < sizeof hl_aliases / sizeof hl_aliases[0]; i++)
		if (strcmp(lang, hl_aliases[i][0]) == 0)
			name = hl_aliases[i][1];
	rc = hl_module.galley_hl_module_run(name, strlen(name), code, len, spans, n);
	if (rc < 0)
		return GALLEY_ENOMEM;
	return rc > 0 && *n > 0;
}

const char *galley_highlight_unavailable(void)
{
	galley_lazy_lib *lib = module();

	return galley_lazy_load(lib) ? NULL : lib->why;
}
