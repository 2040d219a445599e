/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * version.c: the versions of libzip and libdeflate, for galley_versions() (see
 * src/libversions.h).
 */
#include "libversions.h"

#include <libdeflate.h>
#include <zip.h>

#include "epub/epub_impl.h"

size_t galley_epub_lib_versions(galley_lib_version out[GALLEY_STAGE_LIBS_MAX])
{
	out[0] = (galley_lib_version){"libzip", LIBZIP_VERSION, galley_epub_zip_version()};
	/* libdeflate has no run-time version call: the headers' is the one */
	out[1] = (galley_lib_version){"libdeflate", LIBDEFLATE_VERSION_STRING, NULL};
	return 2;
}
