/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * webp_api.c: the table of libwebp's functions (webp_api.h), filled when
 * the first WebP image is decoded.
 */
#define READ_WEBP_API_TABLE
#include "read/webp_api.h"

#include "base/lazy.h"

#define GALLEY_LAZY_TABLE read_libwebp

/* libwebpdemux's file name, as its package installs it (the Makefile
 * reads it from the library's SONAME). */
#ifndef GALLEY_WEBPDEMUX_SONAME
#define GALLEY_WEBPDEMUX_SONAME "libwebpdemux.so.2"
#endif

read_libwebp_api read_libwebp;

static const char *const webp_names[] = {READ_WEBP_FUNCS(GALLEY_LAZY_NAME)};
static void **const webp_slots[] = {READ_WEBP_FUNCS(GALLEY_LAZY_SLOT)};

static galley_lazy_lib webp_lib = GALLEY_LAZY_LIB("libwebp", GALLEY_EASSET,
                                                  GALLEY_WEBPDEMUX_SONAME, webp_names, webp_slots);

int read_libwebp_ready(galley_error *err)
{
	return galley_lazy_ready(&webp_lib, err);
}
