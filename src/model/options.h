/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * options.h: the version check of the public option structs, the same in
 * every function that takes one.  Private to libgalley.
 *
 * Option structs grow the libgit2 way: each starts with `unsigned
 * version`, which galley_<x>_options_init or GALLEY_<X>_OPTIONS_INIT sets
 * to the GALLEY_<X>_OPTIONS_VERSION of the headers the caller was built
 * with.  New fields only ever go at the end, under a new version, and a
 * library that knows versions 1 to N reads a version-k struct only up to
 * the fields version k has (and an init function writes only those), so
 * a program built against older headers
 * keeps working with a newer library.  A version of 0 (a struct that was
 * zeroed, never initialised) or above N (headers newer than the library)
 * is refused with a message instead of being read past its end.
 */
#ifndef GALLEY_MODEL_OPTIONS_H
#define GALLEY_MODEL_OPTIONS_H

#include "galley/error.h"

/* 0 when 1 <= version <= newest; else GALLEY_EUSAGE, with a message naming
 * `type` (the struct's name, "galley_pdf_options"). */
int galley_options_version_check(unsigned version, unsigned newest, const char *type,
                                 galley_error *err);

#endif
