/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * messages.h: everything galley says on standard error.
 *
 * One format for every message, so that editors and scripts can jump to
 * the input:  galley: FILE:LINE:COL: error|warning|note: TEXT
 * The FILE, LINE and COL parts are left out when unknown (0 or empty).
 * Usage errors read  galley: usage: TEXT  and are followed by a hint.
 */
#ifndef GALLEY_CLI_MESSAGES_H
#define GALLEY_CLI_MESSAGES_H

#include <stdbool.h>
#include <stddef.h>

#include "galley.h"

/* How much to say: errors always; warnings unless quiet; notes and
 * progress only when verbose. */
typedef enum galley_cli_verbosity {
	GALLEY_CLI_QUIET = -1,
	GALLEY_CLI_NORMAL = 0,
	GALLEY_CLI_VERBOSE = 1
} galley_cli_verbosity;

/* Prints a library error with its position.  When the error is a library
 * galley loads on first use that cannot be loaded, the message ends with
 * the apt-get command that installs it. */
void galley_cli_report(const galley_error *err);

/* Prints "galley: error: TEXT" (no position), printf-style. */
void galley_cli_fail(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* Prints "galley: FILE:LINE:COL: warning: TEXT", printf-style (for the
 * command line's own warnings, e.g. about the configuration file). */
void galley_cli_warn_at(const galley_pos *pos, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Prints "galley: usage: WHY" and a hint naming the help of `command`
 * (NULL: the general help). */
void galley_cli_usage(const char *command, const char *why);

/* Prints "galley: TEXT" when verbosity is at least `level`. */
void galley_cli_say(galley_cli_verbosity verbosity, galley_cli_verbosity level,
                    const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* With --strict every warning is an error: galley_cli_diags prints
 * warnings as errors (whatever the verbosity) and counts them, and the
 * command fails (exit 1) without writing its output once any was. */
void galley_cli_set_strict(bool on);
bool galley_cli_strict(void);
size_t galley_cli_strict_errors(void);

/* Prints the document's diagnostics from index *printed on, filtered by
 * verbosity, and advances *printed past them, so that calling it after
 * each stage prints each diagnostic exactly once. */
void galley_cli_diags(const galley_doc *doc, size_t *printed, galley_cli_verbosity verbosity);

#endif
