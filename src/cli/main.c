/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * main.c: the `galley` command: dispatch to a subcommand, general help,
 * version.
 *
 *   galley COMMAND [options] ARGS...    run a command (see commands.c)
 *   galley COMMAND --help               its help
 *   galley help [COMMAND]               the same
 *   galley --help | -h                  general help
 *   galley --version | -V               version
 *
 * Exit status: 0 success, 1 an input or output failed, 2 usage error,
 * 3 a digest built with articles left out (--keep-going).  A run ended by
 * SIGINT, SIGTERM or SIGHUP removes its temporary files and dies of the
 * signal (a shell shows 128 + its number).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "galley.h"
#include "cli/commands.h"
#include "cli/messages.h"
#include "cli/terminal.h"

static void general_help(FILE *out)
{
	fputs("galley: Markdown articles to print-ready PDF and EPUB 3.\n"
	      "\n"
	      "Usage:\n"
	      "  galley pdf  [options] INPUT... [-o OUT.pdf]\n"
	      "  galley epub [options] INPUT... [-o OUT.epub]\n"
	      "  galley dump [options] INPUT...\n"
	      "  galley build [options] DIGEST.yaml\n"
	      "  galley import [options] ARTICLE.txt [-o OUT.md]\n"
	      "  galley help [COMMAND]\n"
	      "  galley --version\n"
	      "\n"
	      "Commands:\n", out);
	galley_cli_commands_list(out);
	fputs("\n"
	      "INPUT is a Markdown file with YAML front matter, a folder (its *.md files,\n"
	      "sorted by name) or '-' for standard input.  'galley help COMMAND' lists the\n"
	      "options of a command.\n"
	      "\n"
	      "Exit status: 0 on success, 1 when an input or output failed, 2 on a usage\n"
	      "error.\n", out);
}

/* `galley --version`: galley's version (the library's, which is the
 * binary's when linked statically), the libraries it was built with (and
 * the one loaded, when it differs), and the font folder it uses. */
void galley_cli_print_version(FILE *out)
{
	galley_lib_version libs[GALLEY_VERSIONS_MAX];
	size_t i, n = galley_versions(libs, GALLEY_VERSIONS_MAX);
	const char *fonts = galley_font_dir(NULL);

	fprintf(out, "galley %s\n", galley_version());
	if (n > GALLEY_VERSIONS_MAX)
		n = GALLEY_VERSIONS_MAX;
	for (i = 0; i < n; i++) {
		if (strcmp(libs[i].built, "unknown") == 0)
			fprintf(out, "  %s (version unknown)\n", libs[i].name);
		else if (libs[i].running && strcmp(libs[i].running, libs[i].built) != 0)
			fprintf(out, "  %s %s (running %s)\n", libs[i].name, libs[i].built,
			        libs[i].running);
		else
			fprintf(out, "  %s %s\n", libs[i].name, libs[i].built);
	}
	fprintf(out, "fonts: %s\n", fonts);
}

/* Prints to stdout and reports a failed write (e.g. `galley --help >/dev/full`). */
static int finish(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		galley_cli_fail("standard output: write failed");
		return GALLEY_EXIT_FAIL;
	}
	return GALLEY_EXIT_OK;
}

/* SIGINT, SIGTERM or SIGHUP (Ctrl-C, timeout(1), a stopped service, a
 * closed terminal): the temporary files being written are removed and the
 * bar erased, then the signal ends the program as it would have (its
 * status says which signal).  Only async-signal-safe calls. */
static void on_signal(int sig)
{
	galley_file_remove_temporaries();
	galley_cli_interrupted();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Installs on_signal, except for a signal the program was started with
 * ignored (nohup, a background job of a shell): that choice stays. */
static void catch_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa, old;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

int main(int argc, char **argv)
{
	const char *word;
	int status;
	char why[256];

	if (argc < 2) {
		galley_cli_usage(NULL, "no command given (pdf, epub, build, import, dump)");
		return GALLEY_EXIT_USAGE;
	}
	word = argv[1];
	if (strcmp(word, "--help") == 0 || strcmp(word, "-h") == 0) {
		general_help(stdout);
		return finish();
	}
	if (strcmp(word, "--version") == 0 || strcmp(word, "-V") == 0) {
		galley_cli_print_version(stdout);
		return finish();
	}
	if (strcmp(word, "help") == 0) {
		if (argc == 2) {
			general_help(stdout);
			return finish();
		}
		if (argc > 3) {
			galley_cli_usage(NULL, "'galley help' takes one COMMAND");
			return GALLEY_EXIT_USAGE;
		}
		if (galley_cli_command_help(argv[2], stdout) < 0) {
			snprintf(why, sizeof why, "unknown command '%s'", argv[2]);
			galley_cli_usage(NULL, why);
			return GALLEY_EXIT_USAGE;
		}
		return finish();
	}
	catch_signals();
	status = galley_cli_command_run(word, argc - 2, argv + 2);
	if (status < 0) {
		if (word[0] == '-')
			snprintf(why, sizeof why, "unknown option '%s' (a command comes first)", word);
		else
			snprintf(why, sizeof why, "unknown command '%s'", word);
		galley_cli_usage(NULL, why);
		return GALLEY_EXIT_USAGE;
	}
	return status;
}
