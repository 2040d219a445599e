/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * terminal.c: colour, the progress bar and the font folder of the command
 * line (see terminal.h).
 */
#include "cli/terminal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Cells of the bar between its brackets: with the stage, the counts and
 * the "galley: " prefix the line stays within 80 columns. */
#define BAR_CELLS 40

bool galley_cli_color(void)
{
	return getenv("NO_COLOR") == NULL && isatty(STDERR_FILENO);
}

void galley_cli_progress_init(galley_cli_progress *bar, bool quiet, size_t units)
{
	memset(bar, 0, sizeof *bar);
	bar->permille = -1;
	bar->enabled = !quiet && units > GALLEY_CLI_PROGRESS_MIN && isatty(STDERR_FILENO);
}

void galley_cli_progress_update(void *ctx, const char *stage, size_t done, size_t total)
{
	galley_cli_progress *bar = ctx;
	char cells[BAR_CELLS + 1];
	size_t filled;
	int permille;

	if (!bar->enabled || total == 0)
		return;
	if (done > total)
		done = total;
	permille = (int)(done * 1000 / total);
	if (bar->drawn && permille == bar->permille && bar->stage == stage)
		return; /* nothing visible would change */
	filled = done * BAR_CELLS / total;
	memset(cells, '=', filled);
	memset(cells + filled, ' ', BAR_CELLS - filled);
	cells[BAR_CELLS] = '\0';
	/* "\033[K" erases what a longer previous line left to the right */
	fprintf(stderr, "\rgalley: %-7s [%s] %zu/%zu\033[K", stage, cells, done, total);
	fflush(stderr);
	bar->drawn = true;
	bar->stage = stage;
	bar->permille = permille;
}

void galley_cli_progress_clear(galley_cli_progress *bar)
{
	if (!bar->drawn)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	bar->drawn = false;
	bar->permille = -1;
}

