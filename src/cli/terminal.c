/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * terminal.c: colour, the progress bar and the font folder of the command
 * line (see terminal.h).
 */
#include "cli/terminal.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Cells of the bar between its brackets: with the stage, the counts and
 * the "galley: " prefix the line stays within 80 columns. */
#define BAR_CELLS 40

/* Shortest time between two drawings of the bar: ten a second is as fast
 * as anyone reads it, and a book of a thousand articles would otherwise
 * send tens of kilobytes to the terminal. */
#define BAR_INTERVAL_NS 100000000L

/* Whether a bar is on the screen now, for galley_cli_interrupted, which
 * runs in a signal handler: one flag for the process, as there is one
 * standard error. */
static volatile sig_atomic_t bar_on_screen;

/* A terminal that understands no escape sequence (Emacs' shell, a serial
 * console): TERM=dumb, by the convention of every terminal program. */
static bool dumb_terminal(void)
{
	const char *term = getenv("TERM");

	return term != NULL && strcmp(term, "dumb") == 0;
}

bool galley_cli_color(void)
{
	return getenv("NO_COLOR") == NULL && !dumb_terminal() && isatty(STDERR_FILENO);
}

static long long now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void galley_cli_interrupted(void)
{
	static const char erase[] = "\r\033[K";

	if (bar_on_screen) {
		/* write(2) only: this runs in a signal handler */
		ssize_t w = write(STDERR_FILENO, erase, sizeof erase - 1);
		(void)w;
		bar_on_screen = 0;
	}
}

void galley_cli_progress_init(galley_cli_progress *bar, bool quiet, size_t units)
{
	memset(bar, 0, sizeof *bar);
	bar->permille = -1;
	bar->enabled = !quiet && units > GALLEY_CLI_PROGRESS_MIN && !dumb_terminal() &&
	               isatty(STDERR_FILENO);
}

void galley_cli_progress_update(void *ctx, const char *stage, size_t done, size_t total)
{
	galley_cli_progress *bar = ctx;
	char cells[BAR_CELLS + 1];
	size_t filled;
	int permille;
	long long now;

	if (!bar->enabled || total == 0)
		return;
	if (done > total)
		done = total;
	permille = (int)(done * 1000 / total);
	if (bar->drawn && permille == bar->permille && bar->stage == stage)
		return; /* nothing visible would change */
	now = now_ns();
	if (bar->drawn && bar->stage == stage && done < total && now - bar->when < BAR_INTERVAL_NS)
		return; /* drawn a moment ago; the last step of a stage is always drawn */
	filled = done * BAR_CELLS / total;
	memset(cells, '=', filled);
	memset(cells + filled, ' ', BAR_CELLS - filled);
	cells[BAR_CELLS] = '\0';
	/* set first: an interruption in the middle of the drawing erases it */
	bar_on_screen = 1;
	/* "\033[K" erases what a longer previous line left to the right */
	fprintf(stderr, "\rgalley: %-7s [%s] %zu/%zu\033[K", stage, cells, done, total);
	fflush(stderr);
	bar->drawn = true;
	bar->stage = stage;
	bar->permille = permille;
	bar->when = now;
}

void galley_cli_progress_clear(galley_cli_progress *bar)
{
	if (!bar->drawn)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	bar->drawn = false;
	bar_on_screen = 0;
	bar->permille = -1;
}

