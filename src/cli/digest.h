/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * digest.h: `galley build` (a digest manifest into a PDF and an EPUB from
 * one parse and one typesetting run) and `galley import` (a plain-text
 * newsroom article into Markdown with front matter).
 *
 * The dispatch in commands.c hands these commands over: each entry point
 * returns -1 when `name` is not one of its commands, so a caller can try
 * them in turn.
 */
#ifndef GALLEY_CLI_DIGEST_H
#define GALLEY_CLI_DIGEST_H

#include <stdio.h>

/* Runs `galley build` or `galley import` with the words after the command
 * name.  Returns an exit status (GALLEY_EXIT_*), or -1 when `name` is
 * neither command. */
int galley_cli_digest_run(const char *name, int argc, char **argv);

/* Prints the help of `build` or `import` to `out`; -1 for another name. */
int galley_cli_digest_help(const char *name, FILE *out);

/* Prints the one-line synopses of build and import, in the format of
 * galley_cli_commands_list. */
void galley_cli_digest_list(FILE *out);

#endif
