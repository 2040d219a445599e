/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * fc_api.c: the table of fontconfig's functions (fc_api.h), filled when
 * fontconfig is first needed.
 */
#define GALLEY_FC_API_TABLE
#include "base/fc_api.h"

#include "base/lazy.h"

#define GALLEY_LAZY_TABLE galley_fc

/* The library's file name as Debian installs it (the Makefile reads it
 * from the library's SONAME). */
#ifndef GALLEY_FONTCONFIG_SONAME
#define GALLEY_FONTCONFIG_SONAME "libfontconfig.so.1"
#endif

galley_fc_api galley_fc;

static const char *const fc_names[] = {GALLEY_FC_FUNCS(GALLEY_LAZY_NAME)};
static void **const fc_slots[] = {GALLEY_FC_FUNCS(GALLEY_LAZY_SLOT)};

static galley_lazy_lib fc_lib = GALLEY_LAZY_LIB("fontconfig", GALLEY_EFONT,
                                                GALLEY_FONTCONFIG_SONAME, fc_names, fc_slots);

int galley_fc_ready(galley_error *err)
{
	return galley_lazy_ready(&fc_lib, err);
}
