/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * libversions.h: how each pipeline stage reports the versions of the
 * libraries it wraps (private to libgalley).
 *
 * Only a stage may include its library's headers (src/base: utf8proc,
 * HarfBuzz; src/read: cmark, libyaml; src/typeset: libhyphen; src/pdf:
 * libharu; src/epub: libzip, libdeflate), so each stage has a version.c
 * with one function that fills in its own entries, and the public
 * galley_versions() (src/version.c, at the top of the library) puts the
 * lists together.  None of these functions is exported from libgalley.so.
 */
#ifndef GALLEY_LIBVERSIONS_H
#define GALLEY_LIBVERSIONS_H

#include <stddef.h>

#include "galley/version.h"

/* Most libraries one stage wraps (the typesetter's three, with room). */
#define GALLEY_STAGE_LIBS_MAX 4

/* Each fills out[0..n) with its stage's libraries and returns n
 * (n <= GALLEY_STAGE_LIBS_MAX).  Static strings; cannot fail. */
size_t galley_base_lib_versions(galley_lib_version out[GALLEY_STAGE_LIBS_MAX]);
size_t galley_read_lib_versions(galley_lib_version out[GALLEY_STAGE_LIBS_MAX]);
size_t galley_typeset_lib_versions(galley_lib_version out[GALLEY_STAGE_LIBS_MAX]);
size_t galley_pdf_lib_versions(galley_lib_version out[GALLEY_STAGE_LIBS_MAX]);
size_t galley_epub_lib_versions(galley_lib_version out[GALLEY_STAGE_LIBS_MAX]);

#endif
