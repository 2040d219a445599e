/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * hpdf_api.c: the table of libharu's functions (hpdf_api.h), filled when
 * libharu is first needed.
 */
#define GP_HPDF_API_TABLE
#include "pdf/hpdf_api.h"

#include "base/lazy.h"

#define GALLEY_LAZY_TABLE gp_hpdf

/* libharu's file name, as its package installs it (the Makefile reads it
 * from the library's SONAME). */
#ifndef GALLEY_HPDF_SONAME
#define GALLEY_HPDF_SONAME "libhpdf-2.3.0.so"
#endif

gp_hpdf_api gp_hpdf;

static const char *const hpdf_names[] = {GP_HPDF_FUNCS(GALLEY_LAZY_NAME)};
static void **const hpdf_slots[] = {GP_HPDF_FUNCS(GALLEY_LAZY_SLOT)};

static galley_lazy_lib hpdf_lib = GALLEY_LAZY_LIB("libharu", GALLEY_EPDF,
                                                  GALLEY_HPDF_SONAME, hpdf_names, hpdf_slots);

int gp_hpdf_ready(galley_error *err)
{
	return galley_lazy_ready(&hpdf_lib, err);
}
