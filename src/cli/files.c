/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * files.c: standard output and same-file checks (files.h).
 */
#include "cli/files.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli/messages.h"

bool galley_cli_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (!a || !b || stat(a, &sa) != 0 || stat(b, &sb) != 0)
		return false;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int galley_cli_write_stdout(void *ctx, const char *bytes, size_t len)
{
	(void)ctx;
	return fwrite(bytes, 1, len, stdout) == len ? 0 : -1;
}

int galley_cli_finish_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		galley_cli_fail("standard output: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int galley_cli_make_parents(const char *path)
{
	char *copy = strdup(path);
	char *p;
	int rc = 0;

	if (!copy) {
		galley_cli_fail("out of memory");
		return -1;
	}
	/* each prefix ending before a '/', the leading one (the root) aside */
	for (p = strchr(copy + 1, '/'); p; p = strchr(p + 1, '/')) {
		struct stat st;

		*p = '\0';
		if (stat(copy, &st) != 0 && mkdir(copy, 0777) != 0 && errno != EEXIST) {
			galley_cli_fail("%s: cannot create the folder: %s", copy, strerror(errno));
			rc = -1;
			break;
		}
		*p = '/';
	}
	free(copy);
	return rc;
}

void galley_cli_check_extension(const char *output, const char *extension, const char *command)
{
	const char *base = strrchr(output, '/');
	const char *dot;
	galley_pos pos = {NULL, 0, 0};

	char kind[16];
	size_t i;

	base = base ? base + 1 : output;
	dot = strrchr(base, '.');
	if (!dot || dot == base || strcmp(output, "-") == 0 || strcasecmp(dot, extension) == 0)
		return;

	for (i = 0; extension[i + 1] && i + 1 < sizeof kind; i++)
		kind[i] = (char)toupper((unsigned char)extension[i + 1]);
	kind[i] = '\0';
	pos.file = output;
	galley_cli_warn_at(&pos, "the name ends in %s, but galley %s writes %s %s (%s)", dot, command,
	                   kind[0] == 'E' ? "an" : "a", kind, extension);
}
