/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * highlight.c: syntax highlighting through the galley-highlight.so module
 * (highlight.h), loaded when a code block first names a language.
 *
 * The module is installed beside the library's other data
 * (GALLEY_HIGHLIGHT_MODULE, under PREFIX/lib/galley); a program run from
 * the source tree's build folder takes the module built beside it
 * (GALLEY_HIGHLIGHT_BUILD_MODULE), as it takes the tree's fonts.
 */
#include <stdlib.h>
#include <string.h>

#include "base/highlight.h"
#include "base/file.h"
#include "base/lazy.h"

#ifndef GALLEY_HIGHLIGHT_MODULE
#define GALLEY_HIGHLIGHT_MODULE "/usr/local/lib/galley/galley-highlight.so"
#endif
#ifndef GALLEY_HIGHLIGHT_BUILD_MODULE
#define GALLEY_HIGHLIGHT_BUILD_MODULE GALLEY_HIGHLIGHT_MODULE
#endif

/* Longest language name looked up: lang.map's names are short words. */
#define HL_LANG_MAX 32

static struct {
	galley_hl_module_run_fn *galley_hl_module_run;
} hl_module;

#define HL_FUNCS(X) X(galley_hl_module_run)
#define GALLEY_LAZY_TABLE hl_module
static const char *const hl_names[] = {HL_FUNCS(GALLEY_LAZY_NAME)};
static void **const hl_slots[] = {HL_FUNCS(GALLEY_LAZY_SLOT)};
/* Two records of the same table: the installed module and the build
 * tree's; a process uses one of them, chosen by where it runs from. */
static galley_lazy_lib hl_installed = GALLEY_LAZY_LIB("galley's highlighting module", GALLEY_EINTERNAL,
                                                      GALLEY_HIGHLIGHT_MODULE, hl_names, hl_slots);
static galley_lazy_lib hl_tree = GALLEY_LAZY_LIB("galley's highlighting module", GALLEY_EINTERNAL,
                                                 GALLEY_HIGHLIGHT_BUILD_MODULE, hl_names, hl_slots);

/* Names Markdown authors give fences (GitHub's) that Source-highlight's
 * lang.map spells otherwise. */
static const char *const hl_aliases[][2] = {
	{"rust", "rs"}, {"golang", "go"}, {"python3", "python"}, {"py3", "python"},
	{"node", "javascript"}, {"jsonc", "json"}, {"console", "sh"}, {"shell-session", "sh"},
};

static galley_lazy_lib *module(void)
{
	return galley_running_from_tree() ? &hl_tree : &hl_installed;
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
