/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * version.c: galley_version() and galley_versions() (galley/version.h),
 * the one place that reports versions.
 *
 * Each stage reports the libraries it wraps (src/libversions.h); this
 * file lists them in pipeline order.  It sits at the top of the library,
 * above every stage, and includes none of their library headers.
 */
#include "libversions.h"

#include "galley.h"

const char *galley_version(void)
{
	return GALLEY_VERSION;
}

size_t galley_versions(galley_lib_version *out, size_t max)
{
	size_t (*const stages[])(galley_lib_version[GALLEY_STAGE_LIBS_MAX]) = {
		galley_base_lib_versions, galley_read_lib_versions, galley_typeset_lib_versions,
		galley_pdf_lib_versions, galley_epub_lib_versions
	};
	galley_lib_version part[GALLEY_STAGE_LIBS_MAX];
	size_t total = 0;
	size_t s, i, n;

	for (s = 0; s < sizeof stages / sizeof stages[0]; s++) {
		n = stages[s](part);
		for (i = 0; i < n; i++, total++) {
			if (total < max)
				out[total] = part[i];
		}
	}
	return total;
}
