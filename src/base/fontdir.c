/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * fontdir.c: where galley's fonts are (galley_font_dir, galley/model.h).
 *
 * An installation is relocatable: its data folder (PREFIX/share/galley)
 * is looked for relative to the file that holds galley's code, so that a
 * tree installed under /opt/x and moved to /opt/y, or unpacked from a
 * package into any folder, still finds its fonts.  That file is
 * libgalley.so when the code runs from the shared library (found with
 * dladdr), and the executable (/proc/self/exe) when libgalley.a is linked
 * into it, as in the galley command.  The relative paths from the bin and
 * lib folders to the data folder are compiled in (GALLEY_BIN_TO_DATA,
 * GALLEY_LIB_TO_DATA: "../share/galley" for a plain PREFIX, one more
 * "../" under a multiarch lib folder); the configured data folder
 * (GALLEY_DATADIR, an absolute path under PREFIX) is the last resort.
 *
 * No path of the source or build tree is compiled in.  The build tree
 * has the installed layout where the rule looks: the Makefile puts the
 * galley program in build/bin/ (build/galley is a link to it) and a link
 * build/share/galley/fonts to the tree's fonts/, so that build/galley,
 * the unit tests in build/tests/ and the API example in build/examples/
 * find the tree's fonts through the same rule as an installed galley.
 *
 * The modules (galley-highlight.so, built from C++ and loaded when first
 * needed) are found the same way: their folder (LIBDIR/galley) relative
 * to the data folder found beside the code (GALLEY_DATA_TO_MODULE), else
 * the configured GALLEY_MODULEDIR.
 *
 * The folder found beside the code is looked for once per process (an
 * installation does not move under a running program) and kept in a
 * static buffer; the option and the environment variable are read at
 * every call.
 */
#include <dlfcn.h>
#include <limits.h>
#include <link.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "galley/model.h"
#include "base/file.h"

/* from the Makefile: the data folder, and its path from the bin and lib folders */
#if !defined(GALLEY_DATADIR) || !defined(GALLEY_BIN_TO_DATA) || !defined(GALLEY_LIB_TO_DATA)
#error "GALLEY_DATADIR, GALLEY_BIN_TO_DATA and GALLEY_LIB_TO_DATA come from the Makefile"
#endif
/* and the modules' folder, and its path from the data folder */
#if !defined(GALLEY_MODULEDIR) || !defined(GALLEY_DATA_TO_MODULE)
#error "GALLEY_MODULEDIR and GALLEY_DATA_TO_MODULE come from the Makefile"
#endif

static pthread_once_t beside_once = PTHREAD_ONCE_INIT;
static char beside[PATH_MAX]; /* the fonts beside the code; "" when there are none */
static char modules_beside[PATH_MAX]; /* the modules beside the code; "" when none */

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Stores in `beside` the canonical form of DIR/REL/fonts, where DIR is
 * the folder of `file` (an absolute path), when that folder exists.
 * Returns whether it does. */
static bool try_beside(const char *file, const char *rel)
{
	char candidate[PATH_MAX];
	char *real = realpath(file, NULL);
	char *slash;
	bool found = false;
	int n;

	if (real == NULL)
		goto cleanup;
	if ((slash = strrchr(real, '/')) == NULL)
		goto cleanup;
	*slash = '\0';
	n = snprintf(candidate, sizeof candidate, "%s/%s/fonts", real, rel);
	if (n < 0 || (size_t)n >= sizeof candidate || !is_dir(candidate))
		goto cleanup;
	found = realpath(candidate, beside) != NULL;
	/* the modules, where the installation puts them relative to the data */
	n = snprintf(candidate, sizeof candidate, "%s/%s/%s", real, rel, GALLEY_DATA_TO_MODULE);
	if (!found || n < 0 || (size_t)n >= sizeof candidate || !is_dir(candidate) ||
	    realpath(candidate, modules_beside) == NULL)
		modules_beside[0] = '\0';
cleanup:
	if (!found)
		beside[0] = '\0';
	free(real);
	return found;
}

/* pthread_once: the library's own file first (when the code is in a
 * shared object), then the executable. */
static void find_beside(void)
{
	Dl_info info;
	struct link_map *map = NULL;
	char self[PATH_MAX];
	ssize_t n;

	/* `beside` is an object of this module: dladdr names the shared
	 * object that holds it, or gives the main program an empty name */
	if (dladdr1(beside, &info, (void **)&map, RTLD_DL_LINKMAP) != 0 && map != NULL &&
	    map->l_name != NULL && map->l_name[0] == '/' &&
	    try_beside(map->l_name, GALLEY_LIB_TO_DATA))
		return;
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		if (self[0] == '/' && try_beside(self, GALLEY_BIN_TO_DATA))
			return;
	}
	beside[0] = '\0';
}

const char *galley_font_dir(const char *configured)
{
	const char *env = getenv("GALLEY_FONT_DIR");

	if (configured && *configured)
		return configured;
	if (env && *env)
		return env;
	pthread_once(&beside_once, find_beside);
	if (beside[0] != '\0')
		return beside;
	return GALLEY_DATADIR "/fonts";
}

const char *galley_module_dir(void)
{
	pthread_once(&beside_once, find_beside);
	if (modules_beside[0] != '\0')
		return modules_beside;
	return GALLEY_MODULEDIR;
}
