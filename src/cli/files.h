/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * files.h: the command line's checks and writes of its own files:
 * standard output as an output, and an output that would overwrite an
 * input.
 */
#ifndef GALLEY_CLI_FILES_H
#define GALLEY_CLI_FILES_H

#include <stdbool.h>
#include <stddef.h>

/* True when `a` and `b` name the same existing file (device and inode). */
bool galley_cli_same_file(const char *a, const char *b);

/* Writes len bytes to standard output; 0 or -1.  The `ctx` is unused: it
 * is a sink for galley_doc_dump_json. */
int galley_cli_write_stdout(void *ctx, const char *bytes, size_t len);

/* Flushes standard output; 0, or -1 after reporting the failure (a full
 * disk, a closed pipe). */
int galley_cli_finish_stdout(void);

/* Warns when the name of `output` has an extension other than
 * `extension` (".pdf"): `galley pdf -o x.epub` writes a PDF all the same,
 * and the name would mislead whoever opens it. */
void galley_cli_check_extension(const char *output, const char *extension, const char *command);

/* Creates the folders `path` is in that do not exist yet (as mkdir -p,
 * mode 0777 less the umask).  0, or -1 after printing why. */
int galley_cli_make_parents(const char *path);

#endif
