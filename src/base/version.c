/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * version.c: the version of utf8proc, for galley_versions() (see
 * src/libversions.h).
 */
#include "libversions.h"

#include <utf8proc.h>

#include "base/utf8.h"

#define VERSION_STR_(x) #x
#define VERSION_STR(x) VERSION_STR_(x)

size_t galley_base_lib_versions(galley_lib_version out[GALLEY_STAGE_LIBS_MAX])
{
	/* loading utf8proc to ask it: asking is rare (galley --version) */
	out[0] = (galley_lib_version){"utf8proc",
	                              VERSION_STR(UTF8PROC_VERSION_MAJOR) "." VERSION_STR(UTF8PROC_VERSION_MINOR)
	                              "." VERSION_STR(UTF8PROC_VERSION_PATCH),
	                              galley_unicode_version()};
	return 1;
}
