/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * config.h: the user's configuration file applied to a command's options.
 *
 * Each setting of $XDG_CONFIG_HOME/galley/config.yaml (galley/config.h) is
 * a default for the command-line option of the same meaning; it is passed
 * through the command's own option table and handler before the command
 * line is parsed, so the values are checked exactly as on the command line
 * and the command line overrides them.
 */
#ifndef GALLEY_CLI_CONFIG_H
#define GALLEY_CLI_CONFIG_H

#include "galley.h"
#include "cli/messages.h"
#include "cli/options.h"

/* What a run keeps of the configuration: the values handed to the handler
 * point into it.  Zero-initialise; free with galley_cli_config_dispose. */
typedef struct galley_cli_config {
	galley_config *file; /* NULL when there is no file */
	char **paths;        /* malloc'ed path values (expanded, resolved) */
	size_t npaths;
} galley_cli_config;

/* Loads the user's configuration file, when there is one, and applies the
 * settings that `command` accepts through `fn`.  A setting that names an
 * option of other commands only (css for `galley pdf`) is skipped; an
 * unknown setting is a warning at its position (unless quiet).  Path values
 * (fonts, css, cover) starting with "~/" are taken from the home folder,
 * relative ones from the configuration file's folder.  Flags take true or
 * false (yes/no, on/off).  Returns 0, or -1 after printing the error with
 * FILE:LINE:COL: a malformed file, or a value the option refuses. */
int galley_cli_config_apply(galley_cli_config *cfg, const galley_cli_option *table,
                            unsigned command, galley_cli_option_fn fn, void *ctx,
                            galley_cli_verbosity verbosity);

void galley_cli_config_dispose(galley_cli_config *cfg);

#endif
