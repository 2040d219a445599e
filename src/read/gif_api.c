/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * gif_api.c: the table of giflib's functions (gif_api.h), filled when the
 * first GIF image is decoded.
 */
#define READ_GIF_API_TABLE
#include "read/gif_api.h"

#include "base/lazy.h"

#define GALLEY_LAZY_TABLE read_giflib

/* giflib's file name, as its package installs it (the Makefile reads it
 * from the library's SONAME). */
#ifndef GALLEY_GIF_SONAME
#define GALLEY_GIF_SONAME "libgif.so.7"
#endif

read_giflib_api read_giflib;

static const char *const gif_names[] = {READ_GIF_FUNCS(GALLEY_LAZY_NAME)};
static void **const gif_slots[] = {READ_GIF_FUNCS(GALLEY_LAZY_SLOT)};

static galley_lazy_lib gif_lib = GALLEY_LAZY_LIB("giflib", GALLEY_EASSET,
                                                 GALLEY_GIF_SONAME, gif_names, gif_slots);

int read_giflib_ready(galley_error *err)
{
	return galley_lazy_ready(&gif_lib, err);
}
