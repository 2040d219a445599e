/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * png_api.c: the table of libpng's functions (png_api.h), filled when the
 * first PNG image is decoded.
 */
#define READ_PNG_API_TABLE
#include "read/png_api.h"

#include "base/lazy.h"

#define GALLEY_LAZY_TABLE read_libpng

/* libpng's file name, as its package installs it (the Makefile reads it
 * from the library's SONAME). */
#ifndef GALLEY_PNG_SONAME
#define GALLEY_PNG_SONAME "libpng16.so.16"
#endif

read_libpng_api read_libpng;

static const char *const png_names[] = {READ_PNG_FUNCS(GALLEY_LAZY_NAME)};
static void **const png_slots[] = {READ_PNG_FUNCS(GALLEY_LAZY_SLOT)};

static galley_lazy_lib png_lib = GALLEY_LAZY_LIB("libpng", GALLEY_EASSET,
                                                 GALLEY_PNG_SONAME, png_names, png_slots);

int read_libpng_ready(galley_error *err)
{
	return galley_lazy_ready(&png_lib, err);
}
