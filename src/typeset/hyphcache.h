/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * hyphcache.h: libhyphen's compiled dictionaries kept on disk between runs
 * (private to src/typeset; the format is described in hyphcache.c).
 */
#ifndef GALLEY_TYPESET_HYPHCACHE_H
#define GALLEY_TYPESET_HYPHCACHE_H

#include <hyphen.h>

/* The format's version (bumped whenever the layout changes) and the size
 * of the fixed header every cache file starts with; the tests edit files
 * through these. */
#define GALLEY_HYPHCACHE_VERSION 4u
#define GALLEY_HYPHCACHE_HEADER_BYTES 40u

/* The cache folder: $GALLEY_CACHE_DIR (empty: no cache), else
 * $XDG_CACHE_HOME/galley, else $HOME/.cache/galley.  Malloc'ed, or NULL
 * when there is none.  Reads those three environment variables. */
char *galley_hyphcache_dir(void);

/* The dictionary compiled from the pattern file `path`, rebuilt from its
 * copy in the folder `dir`; NULL when `dir` is NULL, when the folder has
 * no valid copy for the file as it is now (size and modification time),
 * on any read or check failure, or when memory runs out.  The dictionary
 * is allocated piece by piece as libhyphen allocates it: release it with
 * hnj_hyphen_free. */
HyphenDict *galley_hyphcache_load(const char *dir, const char *path);

/* Writes `dict`, compiled by libhyphen from `path`, to a cache file in
 * `dir` (the folder and its parent are created, mode 0700, when missing;
 * the file is replaced atomically).  Best effort: a folder that cannot be
 * written, or a dictionary the format cannot hold, leaves no file and no
 * trace.  Nothing when `dir` or `dict` is NULL. */
void galley_hyphcache_store(const char *dir, const char *path, const HyphenDict *dict);

/* For the tests: gives the cache file `file`, edited in place, a checksum
 * that matches its contents again.  0, or -1 when the file cannot be read
 * or rewritten. */
int galley_hyphcache_reseal(const char *file);

#endif
