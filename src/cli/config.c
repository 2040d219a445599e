/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * config.c: the user's configuration file applied through an option table
 * (see cli/config.h).
 *
 * Settings are named like the options with '_' for '-' (font_size for
 * --font-size).  The few whose option is a negative flag are mapped here
 * (hyphenate: false is --no-hyphenate; margins is --margin), so the file
 * reads as settings rather than as a list of command-line switches.
 * Options that only make sense for one run (--output, --title, --help,
 * --since/--until/--tag) are not settings.
 */
#include "cli/config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* One setting: its key, the long option it stands for, and whether the
 * option is a flag that turns the setting off (hyphenate -> no-hyphenate). */
typedef struct setting {
	const char *key;
	const char *option;
	bool inverted;
} setting;

static const setting settings[] = {
	{"paper", "paper", false},
	{"margins", "margin", false},
	{"margin", "margin", false},
	{"font_size", "font-size", false},
	{"leading", "leading", false},
	{"columns", "columns", false},
	{"ragged", "ragged", false},
	{"hyphenate", "no-hyphenate", true},
	{"fonts", "fonts", false},
	{"lang", "lang", false},
	{"jobs", "jobs", false},
	{"toc_depth", "toc-depth", false},
	{"embed_fonts", "embed-fonts", false},
	{"print_pages", "print-pages", false},
	{"css", "css", false},
	{"cover", "cover", false},
	{"sort", "sort", false},
	{"keep_raw_html", "keep-raw-html", false},
	{"allow_outside_assets", "allow-outside-assets", false},
	{"resource_path", "resource-path", false},
	{"fetch_remote", "fetch-remote", false},
	{"fetch_timeout", "fetch-timeout", false},
	{"strict", "strict", false},
};

#define NSETTINGS (sizeof settings / sizeof settings[0])

static const setting *find_setting(const char *key)
{
	size_t i;

	for (i = 0; i < NSETTINGS; i++) {
		if (strcmp(settings[i].key, key) == 0)
			return &settings[i];
	}
	return NULL;
}

/* A YAML boolean as people write it: 1 true, 0 false, -1 neither. */
static int parse_bool(const char *s)
{
	static const char *const yes[] = {"true", "yes", "on"};
	static const char *const no[] = {"false", "no", "off"};
	size_t i;

	for (i = 0; i < 3; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* Options whose argument is a path, by their placeholder in the table. */
static bool takes_path(const galley_cli_option *opt)
{
	return opt->arg_name && (strcmp(opt->arg_name, "FILE") == 0 ||
	                         strcmp(opt->arg_name, "DIR") == 0 ||
	                         strcmp(opt->arg_name, "IMAGE") == 0);
}

/* Options whose argument is a list of folders separated by ':'. */
static bool takes_path_list(const galley_cli_option *opt)
{
	return opt->arg_name && strcmp(opt->arg_name, "DIR[:DIR...]") == 0;
}

/* `value` as a path: "~/x" under $HOME, "x" beside the configuration file
 * `file`, "/x" as is.  Malloc'ed; NULL on OOM. */
static char *resolve_path(const char *value, const char *file)
{
	const char *home = getenv("HOME");
	const char *slash = strrchr(file, '/');
	char *out = NULL;
	size_t dirlen;

	if (value[0] == '~' && value[1] == '/' && home && home[0]) {
		if (asprintf(&out, "%s/%s", home, value + 2) < 0)
			out = NULL;
	} else if (value[0] == '/' || !slash) {
		out = strdup(value);
	} else {
		dirlen = (size_t)(slash - file);
		if (asprintf(&out, "%.*s/%s", (int)dirlen, file, value) < 0)
			out = NULL;
	}
	return out;
}

/* Each folder of the ':'-separated `value` resolved as resolve_path does,
 * joined again with ':'.  Malloc'ed; NULL on OOM. */
static char *resolve_path_list(const char *value, const char *file)
{
	char *out = strdup(""), *copy = strdup(value), *save = NULL, *dir;
	size_t len = 0;

	if (!out || !copy) {
		free(out);
		free(copy);
		return NULL;
	}
	for (dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		char *one = resolve_path(dir, file);
		char *grown = one ? realloc(out, len + strlen(one) + 2) : NULL;

		if (!grown) {
			free(one);
			free(out);
			out = NULL;
			break;
		}
		out = grown;
		len += (size_t)sprintf(out + len, "%s%s", len ? ":" : "", one);
		free(one);
	}
	free(copy);
	return out;
}

/* Prints "galley: FILE:LINE:COL: KIND: TEXT" through the library's error
 * formatting, so that positions look like every other message. */
static void report_at(const galley_pos *pos, int code, const char *text)
{
	galley_error err = GALLEY_ERROR_INIT;

	galley_error_set(&err, code, pos, "%s", text);
	galley_cli_report(&err);
}

/* Applies one entry.  0, or -1 after printing why. */
static int apply_entry(galley_cli_config *cfg, const galley_config_entry *e,
                       const galley_cli_option *table, unsigned command,
                       galley_cli_option_fn fn, void *ctx, galley_cli_verbosity verbosity)
{
	const setting *s = find_setting(e->key);
	const galley_cli_option *opt;
	char why[GALLEY_CLI_WHY_MAX];
	const char *value = e->value;
	char *path = NULL;
	int b;

	if (!s) {
		if (verbosity >= GALLEY_CLI_NORMAL)
			galley_cli_warn_at(&e->pos, "unknown setting '%s' (ignored)", e->key);
		return 0;
	}
	opt = galley_cli_options_find(table, command, s->option);
	if (!opt)
		return 0; /* a setting of other commands */
	if (!opt->arg_name) {
		b = parse_bool(value);
		if (b < 0) {
			snprintf(why, sizeof why, "'%s' takes true or false, not '%s'", e->key, value);
			report_at(&e->pos, GALLEY_ETYPE, why);
			return -1;
		}
		if (b == (s->inverted ? 1 : 0))
			return 0; /* the default: nothing to set */
		value = NULL;
	} else if ((takes_path(opt) || takes_path_list(opt)) && value[0]) {
		char **grown = realloc(cfg->paths, (cfg->npaths + 1) * sizeof *grown);

		if (grown)
			cfg->paths = grown;
		path = !grown ? NULL : takes_path_list(opt) ? resolve_path_list(value, e->pos.file)
		                                             : resolve_path(value, e->pos.file);
		if (!path) {
			galley_cli_fail("out of memory");
			return -1;
		}
		cfg->paths[cfg->npaths++] = path;
		value = path;
	}
	why[0] = '\0';
	if (fn(ctx, opt, value, why) < 0) {
		report_at(&e->pos, GALLEY_ETYPE, why);
		return -1;
	}
	return 0;
}

int galley_cli_config_apply(galley_cli_config *cfg, const galley_cli_option *table,
                            unsigned command, galley_cli_option_fn fn, void *ctx,
                            galley_cli_verbosity verbosity)
{
	galley_error err = GALLEY_ERROR_INIT;
	char path[4096];
	size_t i;

	if (galley_config_default_path(path, sizeof path) < 0 || access(path, F_OK) != 0)
		return 0; /* no configuration: nothing to do */
	if (galley_config_load(&cfg->file, path, &err) < 0) {
		galley_cli_report(&err);
		return -1;
	}
	for (i = 0; i < galley_config_nentries(cfg->file); i++) {
		if (apply_entry(cfg, galley_config_entry_at(cfg->file, i), table, command, fn, ctx,
		                verbosity) < 0)
			return -1;
	}
	return 0;
}

void galley_cli_config_dispose(galley_cli_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->npaths; i++)
		free(cfg->paths[i]);
	free(cfg->paths);
	galley_config_free(cfg->file);
	memset(cfg, 0, sizeof *cfg);
}
