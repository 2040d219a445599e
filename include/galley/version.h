/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * galley/version.h: which galley this is, and which libraries it was built
 * with.
 *
 * The compile-time version is GALLEY_VERSION in galley.h; galley_version()
 * is the version of the library actually linked, so that a program built
 * against one release and run against another can tell.  galley_versions()
 * lists the libraries galley itself depends on, for `galley --version` and
 * for bug reports:
 *
 *   galley_lib_version v[GALLEY_VERSIONS_MAX];
 *   size_t i, n = galley_versions(v, GALLEY_VERSIONS_MAX);
 *   for (i = 0; i < n; i++)
 *       printf("%s %s\n", v[i].name, v[i].built);
 */
#ifndef GALLEY_VERSION_H
#define GALLEY_VERSION_H

#include "galley/export.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

GALLEY_API_BEGIN

/* One library galley uses.  All strings are static: never freed, valid for
 * the life of the program. */
typedef struct galley_lib_version {
	const char *name;    /* "cmark", "libyaml", "libharu", "libzip", "FreeType",
	                        "HarfBuzz", "libhyphen" */
	const char *built;   /* the version of the headers galley was compiled
	                        against ("0.30.2"); "unknown" when the library's
	                        headers do not say (libhyphen) */
	const char *running; /* the version the loaded library reports at run time;
	                        NULL when it cannot tell without setting itself up
	                        (FreeType) or has no such call (libhyphen) */
} galley_lib_version;

/* More than the number of libraries galley_versions() reports: an array of
 * this size always holds the whole list. */
#define GALLEY_VERSIONS_MAX 16

/* The version of the linked libgalley, "MAJOR.MINOR.PATCH" (equal to
 * GALLEY_VERSION of the headers it was built from).  Static; never NULL. */
const char *galley_version(void);

/* Fills out[0..max) with the libraries galley was built with, in pipeline
 * order (reader, typesetter, PDF writer, EPUB writer), and returns how many
 * there are.  When that number is larger than `max`, only the first `max`
 * entries are written; call again with a larger array.  `out` may be NULL
 * when `max` is 0.  Cannot fail; allocates nothing. */
size_t galley_versions(galley_lib_version *out, size_t max);

GALLEY_API_END

#ifdef __cplusplus
}
#endif

#endif
