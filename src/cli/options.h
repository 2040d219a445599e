/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * options.h: a small table-driven parser for galley's command line.
 *
 * Each command describes the options it accepts in one table of
 * galley_cli_option rows.  The parser walks argv once, accepting GNU-style
 * long options (`--name`, `--name=VALUE`, `--name VALUE`), short options
 * (`-o FILE`, `-oFILE`, bundled flags `-qv`), `--` to end the options, and a
 * lone `-` as an operand (standard input).  Options and operands may be
 * mixed in any order (`galley pdf a.md -o a.pdf`).  For every option found
 * it calls the command's handler, which stores the value; operands are
 * collected in order.  The same table prints the help text, so adding an
 * option is adding one row and one case in the handler.
 */
#ifndef GALLEY_CLI_OPTIONS_H
#define GALLEY_CLI_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

/* Commands, as bits, so that one option row can serve several commands. */
enum {
	GALLEY_CLI_PDF = 1u << 0,
	GALLEY_CLI_EPUB = 1u << 1,
	GALLEY_CLI_DUMP = 1u << 2,
	GALLEY_CLI_ALL = GALLEY_CLI_PDF | GALLEY_CLI_EPUB | GALLEY_CLI_DUMP
};

/* One accepted option.  A table ends with a row whose long_name is NULL. */
typedef struct galley_cli_option {
	const char *group;     /* heading under which --help lists it */
	const char *long_name; /* without the leading "--" */
	char short_name;       /* 0 when there is no short form */
	const char *arg_name;  /* NULL for a flag, else the placeholder shown in help ("FILE") */
	int id;                /* passed back to the handler */
	unsigned commands;     /* GALLEY_CLI_* bits of the commands that accept it */
	const char *help;      /* one line of help, no trailing period needed */
} galley_cli_option;

/* Size of the buffer a handler or the parser writes a usage message into. */
#define GALLEY_CLI_WHY_MAX 512

/* Called for each option found, with its argument (NULL for a flag).
 * Returns 0, or -1 after writing a one-line reason (no "usage:" prefix)
 * into `why` (GALLEY_CLI_WHY_MAX bytes). */
typedef int (*galley_cli_option_fn)(void *ctx, const galley_cli_option *opt,
                                    const char *arg, char *why);

/* Parses argv[0..argc) (the words after the command name) against the rows
 * of `table` that accept `command`.  Operands are stored in `operands`,
 * which must have room for `argc` pointers (borrowed from argv); their
 * number in *noperands.  Returns 0, or -1 with a one-line usage message in
 * `why` (GALLEY_CLI_WHY_MAX bytes): unknown option, missing or unexpected
 * argument, or whatever the handler refused. */
int galley_cli_options_parse(const galley_cli_option *table, unsigned command,
                             int argc, char **argv, galley_cli_option_fn fn,
                             void *ctx, const char **operands, size_t *noperands,
                             char *why);

/* The row of `table` named `long_name` (without "--") that accepts
 * `command`, or NULL.  For callers that set options from elsewhere than
 * argv (the configuration file) through the same handler. */
const galley_cli_option *galley_cli_options_find(const galley_cli_option *table,
                                                 unsigned command, const char *long_name);

/* The value of an option that takes a whole number from `lo` to `hi`:
 * 0 with the number in *out, or -1 (not touching *out) after writing into
 * `why` a message that states the range ("invalid value '9' for --columns:
 * a whole number from 1 to 2"). */
int galley_cli_int_option(const galley_cli_option *opt, const char *arg, long lo, long hi,
                          int *out, char *why);

/* Prints the options of `table` that accept `command`, grouped under their
 * headings, one per line, aligned. */
void galley_cli_options_help(FILE *out, const galley_cli_option *table,
                             unsigned command);

#endif
