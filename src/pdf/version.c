/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * version.c: the version of libharu, for galley_versions() (see
 * src/libversions.h).
 */
#include "libversions.h"

#include "pdf/hpdf_api.h"

size_t galley_pdf_lib_versions(galley_lib_version out[GALLEY_STAGE_LIBS_MAX])
{
	/* loading libharu to ask it: asking is rare (galley --version) */
	out[0] = (galley_lib_version){"libharu", HPDF_VERSION_TEXT,
	                              gp_hpdf_ready(NULL) == 0 ? HPDF_GetVersion() : NULL};
	return 1;
}
