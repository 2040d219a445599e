/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * galley/config.h: the user's defaults file.
 *
 * A user keeps the options they always give in one YAML file,
 * $XDG_CONFIG_HOME/galley/config.yaml (or ~/.config/galley/config.yaml when
 * XDG_CONFIG_HOME is not set), following the XDG Base Directory
 * specification:
 *
 *   paper: a5
 *   margins: [18mm, 15mm]     # a list is joined with commas: "18mm,15mm"
 *   font_size: 10
 *   hyphenate: false
 *   lang: en-GB
 *   fonts: ~/fonts/galley     # "~/" is the home folder
 *
 * The file is one mapping of keys to scalars or to lists of scalars.  This
 * module reads it into (key, value, position) entries, in file order, and
 * knows nothing of what the keys mean: the program that uses them (the
 * command line maps each key to its option of the same name) decides, and
 * reports unknown keys at their positions.
 */
#ifndef GALLEY_CONFIG_H
#define GALLEY_CONFIG_H

#include "galley/export.h"

#include <stddef.h>

#include "galley/error.h"

#ifdef __cplusplus
extern "C" {
#endif

GALLEY_API_BEGIN

/* A loaded configuration file.  Opaque. */
typedef struct galley_config galley_config;

/* One setting.  Strings are owned by the galley_config. */
typedef struct galley_config_entry {
	const char *key;   /* as written: "font_size" */
	const char *value; /* the scalar as written (YAML gives no types); a list's
	                      items joined by ','; "" for an empty value */
	galley_pos pos;    /* of the key; pos.file is the file's path */
} galley_config_entry;

/* Largest configuration file accepted: a page of settings is a few hundred
 * bytes; 1 MiB bounds the memory spent on a wrong path. */
#define GALLEY_CONFIG_MAX_BYTES ((size_t)1024 * 1024)

/* Writes the path of the user's configuration file into `buf` (`size`
 * bytes): $XDG_CONFIG_HOME/galley/config.yaml when XDG_CONFIG_HOME is set
 * to an absolute path, else $HOME/.config/galley/config.yaml.  Whether the
 * file exists is not checked.  Returns 0; -1 when neither variable gives a
 * folder or the path does not fit (`buf` then holds ""). */
int galley_config_default_path(char *buf, size_t size);

/* Reads the configuration file at `path` (a path: "-" is a file).  On
 * success *out is a configuration the caller frees with
 * galley_config_free.  Errors, with FILE:LINE:COL where there is a
 * position: GALLEY_EIO (unreadable file),
 * GALLEY_ESYNTAX (malformed YAML; several documents; invalid UTF-8),
 * GALLEY_ETYPE (the file is not a mapping, a value is a mapping, a list
 * holds a non-scalar), GALLEY_ESYNTAX for a key given twice, GALLEY_ELIMIT
 * (a file over GALLEY_CONFIG_MAX_BYTES), GALLEY_ENOMEM.  *out is NULL on
 * error.  An empty file is a configuration with no entries. */
int galley_config_load(galley_config **out, const char *path, galley_error *err);

/* Frees the configuration and its strings.  NULL is allowed. */
void galley_config_free(galley_config *config);

/* The number of entries, and entry i (0 <= i < n) in file order; the
 * pointer is lent, valid until galley_config_free. */
size_t galley_config_nentries(const galley_config *config);
const galley_config_entry *galley_config_entry_at(const galley_config *config, size_t i);

GALLEY_API_END

#ifdef __cplusplus
}
#endif

#endif
