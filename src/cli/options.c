/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * options.c: the table-driven option parser described in options.h.
 *
 * Conventions follow GNU getopt_long with argument permutation, without
 * abbreviations of long names (an abbreviation that works today breaks when
 * a later option shares its prefix, and scripts should not depend on it).
 */
#include "cli/options.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Column where help texts start: "      --allow-outside-assets" fits
 * before it; a longer left part puts the text on the next line. */
#define HELP_COLUMN 30

/* Finds the row of `table` named `name` (long form, `len` bytes) that
 * accepts `command`; NULL when there is none. */
static const galley_cli_option *find_long(const galley_cli_option *table, unsigned command,
                                          const char *name, size_t len)
{
	const galley_cli_option *opt;

	for (opt = table; opt->long_name; opt++) {
		if ((opt->commands & command) && strlen(opt->long_name) == len &&
		    memcmp(opt->long_name, name, len) == 0)
			return opt;
	}
	return NULL;
}

/* Finds the row with short form `c` that accepts `command`, or NULL. */
static const galley_cli_option *find_short(const galley_cli_option *table, unsigned command, char c)
{
	const galley_cli_option *opt;

	for (opt = table; opt->long_name; opt++) {
		if ((opt->commands & command) && opt->short_name == c)
			return opt;
	}
	return NULL;
}

/* Parses one long option at argv[*i] ("--name" or "--name=value"),
 * consuming the next word as its argument when it needs one. */
static int parse_long(const galley_cli_option *table, unsigned command, int argc, char **argv,
                      int *i, galley_cli_option_fn fn, void *ctx, char *why)
{
	const char *word = argv[*i] + 2;
	const char *eq = strchr(word, '=');
	size_t len = eq ? (size_t)(eq - word) : strlen(word);
	const galley_cli_option *opt = find_long(table, command, word, len);
	const char *arg = NULL;

	if (!opt) {
		snprintf(why, GALLEY_CLI_WHY_MAX, "unknown option '--%.*s'", (int)len, word);
		return -1;
	}
	if (!opt->arg_name) {
		if (eq) {
			snprintf(why, GALLEY_CLI_WHY_MAX, "option '--%s' takes no argument", opt->long_name);
			return -1;
		}
	} else if (eq) {
		arg = eq + 1;
	} else if (*i + 1 < argc) {
		arg = argv[++*i];
	} else {
		snprintf(why, GALLEY_CLI_WHY_MAX, "option '--%s' needs an argument (%s)",
		         opt->long_name, opt->arg_name);
		return -1;
	}
	return fn(ctx, opt, arg, why);
}

/* Parses a word of short options at argv[*i] ("-q", "-qv", "-oFILE",
 * "-o FILE"). */
static int parse_short(const galley_cli_option *table, unsigned command, int argc, char **argv,
                       int *i, galley_cli_option_fn fn, void *ctx, char *why)
{
	const char *p = argv[*i] + 1;

	for (; *p; p++) {
		const galley_cli_option *opt = find_short(table, command, *p);
		const char *arg = NULL;

		if (!opt) {
			snprintf(why, GALLEY_CLI_WHY_MAX, "unknown option '-%c'", *p);
			return -1;
		}
		if (opt->arg_name) {
			if (p[1]) {
				arg = p + 1;
			} else if (*i + 1 < argc) {
				arg = argv[++*i];
			} else {
				snprintf(why, GALLEY_CLI_WHY_MAX, "option '-%c' needs an argument (%s)",
				         *p, opt->arg_name);
				return -1;
			}
		}
		if (fn(ctx, opt, arg, why) < 0)
			return -1;
		if (arg)
			break; /* the rest of the word was the argument */
	}
	return 0;
}

int galley_cli_options_parse(const galley_cli_option *table, unsigned command,
                             int argc, char **argv, galley_cli_option_fn fn,
                             void *ctx, const char **operands, size_t *noperands,
                             char *why)
{
	int only_operands = 0;
	int i;
	int rc = 0;

	*noperands = 0;
	why[0] = '\0';
	for (i = 0; i < argc && rc == 0; i++) {
		const char *word = argv[i];

		if (only_operands || word[0] != '-' || word[1] == '\0') {
			operands[(*noperands)++] = word;
		} else if (strcmp(word, "--") == 0) {
			only_operands = 1;
		} else if (word[1] == '-') {
			rc = parse_long(table, command, argc, argv, &i, fn, ctx, why);
		} else {
			rc = parse_short(table, command, argc, argv, &i, fn, ctx, why);
		}
	}
	return rc;
}

const galley_cli_option *galley_cli_options_find(const galley_cli_option *table,
                                                 unsigned command, const char *long_name)
{
	return find_long(table, command, long_name, strlen(long_name));
}

void galley_cli_options_help(FILE *out, const galley_cli_option *table, unsigned command)
{
	const galley_cli_option *opt;
	const char *group = NULL;

	for (opt = table; opt->long_name; opt++) {
		char left[128];
		int n;

		if (!(opt->commands & command))
			continue;
		if (!group || strcmp(group, opt->group) != 0) {
			group = opt->group;
			fprintf(out, "\n%s:\n", group);
		}
		if (opt->short_name)
			n = snprintf(left, sizeof left, "  -%c, --%s%s%s", opt->short_name, opt->long_name,
			             opt->arg_name ? " " : "", opt->arg_name ? opt->arg_name : "");
		else
			n = snprintf(left, sizeof left, "      --%s%s%s", opt->long_name,
			             opt->arg_name ? " " : "", opt->arg_name ? opt->arg_name : "");
		if (n >= HELP_COLUMN - 1)
			fprintf(out, "%s\n%*s%s\n", left, HELP_COLUMN, "", opt->help);
		else
			fprintf(out, "%-*s%s\n", HELP_COLUMN, left, opt->help);
	}
}

int galley_cli_int_option(const galley_cli_option *opt, const char *arg, long lo, long hi,
                          int *out, char *why)
{
	char *end = NULL;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (end == arg || *end != '\0' || errno != 0 || v < lo || v > hi) {
		snprintf(why, GALLEY_CLI_WHY_MAX, "invalid value '%s' for --%s: a whole number from %ld to %ld",
		         arg, opt->long_name, lo, hi);
		return -1;
	}
	*out = (int)v;
	return 0;
}
