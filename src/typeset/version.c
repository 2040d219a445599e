/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * version.c: the versions of HarfBuzz and libhyphen, for galley_versions()
 * (see src/libversions.h).  FreeType is not listed: galley does not call
 * it: HarfBuzz reads the fonts (and links FreeType for itself).
 */
#include "libversions.h"

#include "base/hb_api.h"

size_t galley_typeset_lib_versions(galley_lib_version out[GALLEY_STAGE_LIBS_MAX])
{
	/* libhyphen has neither a version macro nor a call. */
	/* loading HarfBuzz to ask it: asking is rare (galley --version) */
	out[0] = (galley_lib_version){"HarfBuzz", HB_VERSION_STRING,
	                              galley_hb_ready(NULL) == 0 ? hb_version_string() : NULL};
	out[1] = (galley_lib_version){"libhyphen", "unknown", NULL};
	return 2;
}
