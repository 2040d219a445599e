/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * terminal.h: what galley does differently when a person is watching:
 * colours in messages, a progress bar, and where the installed data is.
 *
 * Colour and the progress bar are for terminals only.  Colour follows
 * https://no-color.org: any value of NO_COLOR, even empty, turns it off;
 * so does TERM=dumb, which also turns the bar off (it needs escape codes).
 * The bar is drawn on standard error, on one line rewritten in place with
 * '\r', only when standard error is a terminal, --quiet is not given and the
 * book has more than GALLEY_CLI_PROGRESS_MIN articles (a short book is done
 * before a bar would be read); it is redrawn at most ten times a second.
 */
#ifndef GALLEY_CLI_TERMINAL_H
#define GALLEY_CLI_TERMINAL_H

#include <stdbool.h>
#include <stddef.h>

/* Books of at most this many articles (or inputs, while reading) get no
 * progress bar. */
#define GALLEY_CLI_PROGRESS_MIN 5

/* True when messages on standard error may be coloured: it is a terminal
 * and NO_COLOR is not set. */
bool galley_cli_color(void);

/* The state of one progress bar.  Zero it with galley_cli_progress_init. */
typedef struct galley_cli_progress {
	bool enabled;      /* draw at all (terminal, not quiet, big enough) */
	bool drawn;        /* a bar is on the screen now (to be cleared) */
	const char *stage; /* of the last drawing; static string */
	int permille;      /* of the last drawing: redraw only on change */
	long long when;    /* of the last drawing, CLOCK_MONOTONIC nanoseconds */
} galley_cli_progress;

/* Prepares a bar for a run of `units` articles or inputs: enabled when
 * standard error is a terminal, `quiet` is false and `units` is more than
 * GALLEY_CLI_PROGRESS_MIN. */
void galley_cli_progress_init(galley_cli_progress *bar, bool quiet, size_t units);

/* A galley_progress_fn: `ctx` is the galley_cli_progress.  Draws
 * "galley: STAGE [=====     ] DONE/TOTAL" over the previous bar. */
void galley_cli_progress_update(void *ctx, const char *stage, size_t done, size_t total);

/* Erases the bar from the screen (before a message is printed, and at the
 * end); the next update draws it again. */
void galley_cli_progress_clear(galley_cli_progress *bar);

/* Erases a bar left on the screen, from a signal handler (SIGINT ...):
 * async-signal-safe. */
void galley_cli_interrupted(void);


#endif
