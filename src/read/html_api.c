/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * html_api.c: the table of gumbo's functions (html_api.h), filled when the
 * first HTML is parsed.
 */
#define READ_GUMBO_API_TABLE
#include "read/html_api.h"

#include "base/lazy.h"

#define GALLEY_LAZY_TABLE read_gumbo

/* gumbo's file name, as its package installs it (the Makefile reads it
 * from the library's SONAME). */
#ifndef GALLEY_GUMBO_SONAME
#define GALLEY_GUMBO_SONAME "libgumbo.so.1"
#endif

read_gumbo_api read_gumbo;

static const char *const gumbo_names[] = {READ_GUMBO_FUNCS(GALLEY_LAZY_NAME)};
static void **const gumbo_slots[] = {READ_GUMBO_FUNCS(GALLEY_LAZY_SLOT)};

static galley_lazy_lib gumbo_lib = GALLEY_LAZY_LIB("gumbo", GALLEY_EIO, GALLEY_GUMBO_SONAME,
                                                   gumbo_names, gumbo_slots);

int read_gumbo_ready(galley_error *err)
{
	return galley_lazy_ready(&gumbo_lib, err);
}
