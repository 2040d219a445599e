/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * file.h: files as every stage writes them: a temporary file beside the
 * target, renamed into place only when complete, so that a failed run
 * never leaves a partial file and never destroys the previous one.  The
 * public entry points (galley_file_read, galley_file_write_atomic) are in
 * galley/model.h; this is the part private to libgalley.
 *
 * Every temporary file is entered, before it is created, in a registry
 * that galley_file_remove_temporaries (galley/model.h) empties from a
 * program's signal handler, and leaves it once renamed or removed: an
 * interrupted run leaves no temporary behind.  The library installs no
 * handler; the program decides what a signal does.
 *
 * The temporary file is created with mode 0666 and the kernel applies the
 * process's umask to it, as to any new file: the umask is never read or
 * changed (changing it, even for a moment, races with every other thread
 * of a host program).
 */
#ifndef GALLEY_BASE_FILE_H
#define GALLEY_BASE_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "galley/error.h"

/* galley_file_read (galley/model.h) with the limit named in its message. */
int galley_file_read_limit(const char *path, size_t max, const char *limit,
                           char **out, size_t *len, galley_error *err);

/* An output being written. */
typedef struct galley_atomic {
	const char *shown;  /* the path as given, for messages */
	char *target;       /* the file replaced at commit (a link's target) */
	char *tmp;          /* the temporary beside it; NULL for a device */
	int fd;             /* open for writing; -1 once closed */
	int slot;           /* its entry in the registry of temporaries; -1: none */
} galley_atomic;

/* Starts writing `path`.  Through a symbolic link the file it names is
 * replaced, not the link (/dev/stdout redirected to a file is one).  A
 * device or a pipe (/dev/null, a FIFO) is written directly: renaming a
 * file over it would replace the device node.  A folder is an error.
 * Afterwards a->fd is open for writing, and galley_atomic_path names the
 * file being written, for a library that writes by name.  0, or
 * GALLEY_EIO / GALLEY_ENOMEM with the path in the message. */
int galley_atomic_begin(galley_atomic *a, const char *path, galley_error *err);

/* The file being written (the temporary, or the device). */
const char *galley_atomic_path(const galley_atomic *a);

/* Writes all `len` bytes to the file.  0, or GALLEY_EIO. */
int galley_atomic_write(galley_atomic *a, const void *bytes, size_t len, galley_error *err);

/* Flushes and closes the file and renames it into place.  0, or GALLEY_EIO
 * (the temporary is removed then).  Frees what begin allocated either
 * way. */
int galley_atomic_commit(galley_atomic *a, galley_error *err);

/* Gives up: closes and removes the temporary, frees what begin
 * allocated.  Safe after a failed begin or commit, and twice. */
void galley_atomic_abort(galley_atomic *a);

/* galley's cache folder (compiled hyphenation dictionaries, downloaded
 * images): $GALLEY_CACHE_DIR (empty: no cache, NULL), else
 * $XDG_CACHE_HOME/galley, else $HOME/.cache/galley.  Malloc'ed, or NULL
 * when there is none (or memory runs out).  Reads the environment. */
char *galley_cache_dir(void);

/* The folder of galley's loadable modules (galley-highlight.so): the one
 * beside the code, found as galley_font_dir finds the fonts (fontdir.c),
 * else the configured GALLEY_MODULEDIR. */
const char *galley_module_dir(void);

#endif
