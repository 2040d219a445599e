/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * commands.h: the subcommands of galley (pdf, epub, dump) and their help.
 */
#ifndef GALLEY_CLI_COMMANDS_H
#define GALLEY_CLI_COMMANDS_H

#include <stdio.h>

/* Exit statuses, as documented in --help and the README. */
enum {
	GALLEY_EXIT_OK = 0,    /* success */
	GALLEY_EXIT_FAIL = 1,  /* an input or output failed */
	GALLEY_EXIT_USAGE = 2, /* a usage error */
	GALLEY_EXIT_PARTIAL = 3 /* written, with articles left out (--keep-going) */
};

/* Runs the command named `name` ("pdf", "epub", "dump") with the words
 * after it.  Returns an exit status; -1 when there is no such command. */
int galley_cli_command_run(const char *name, int argc, char **argv);

/* Prints the help of the command `name` to `out`.  Returns 0, or -1 when
 * there is no such command. */
int galley_cli_command_help(const char *name, FILE *out);

/* Prints the one-line synopses of every command, for the general help. */
void galley_cli_commands_list(FILE *out);

/* Prints galley's version, the libraries it was built with and the font
 * folder (`galley --version`, or -V anywhere on a command's line). */
void galley_cli_print_version(FILE *out);

#endif
