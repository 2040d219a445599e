/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * hb_api.c: the table of HarfBuzz's functions (hb_api.h), filled when
 * HarfBuzz is first needed.
 */
#define GALLEY_HB_API_TABLE
#include "base/hb_api.h"

#include "base/lazy.h"

#define GALLEY_LAZY_TABLE galley_hb

/* The libraries' file names, as their packages install them (the Makefile
 * reads them from the libraries' SONAME). */
#ifndef GALLEY_HARFBUZZ_SONAME
#define GALLEY_HARFBUZZ_SONAME "libharfbuzz.so.0"
#endif
#ifndef GALLEY_HARFBUZZ_SUBSET_SONAME
#define GALLEY_HARFBUZZ_SUBSET_SONAME "libharfbuzz-subset.so.0"
#endif

galley_hb_api galley_hb;

static const char *const hb_names[] = {GALLEY_HB_FUNCS(GALLEY_LAZY_NAME)};
static void **const hb_slots[] = {GALLEY_HB_FUNCS(GALLEY_LAZY_SLOT)};
static const char *const subset_names[] = {GALLEY_HB_SUBSET_FUNCS(GALLEY_LAZY_NAME)};
static void **const subset_slots[] = {GALLEY_HB_SUBSET_FUNCS(GALLEY_LAZY_SLOT)};

static galley_lazy_lib hb_lib = GALLEY_LAZY_LIB("HarfBuzz", GALLEY_EFONT,
                                                GALLEY_HARFBUZZ_SONAME, hb_names, hb_slots);
static galley_lazy_lib subset_lib = GALLEY_LAZY_LIB("HarfBuzz's subsetter", GALLEY_EFONT,
                                                    GALLEY_HARFBUZZ_SUBSET_SONAME, subset_names, subset_slots);

int galley_hb_ready(galley_error *err)
{
	return galley_lazy_ready(&hb_lib, err);
}

int galley_hb_subset_ready(galley_error *err)
{
	int rc = galley_hb_ready(err);

	return rc < 0 ? rc : galley_lazy_ready(&subset_lib, err);
}
