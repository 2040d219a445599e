/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * version.c: the versions of cmark-gfm and libyaml, for galley_versions()
 * (see src/libversions.h).
 */
#include "libversions.h"

#include <cmark-gfm.h>
#include <yaml.h>

size_t galley_read_lib_versions(galley_lib_version out[GALLEY_STAGE_LIBS_MAX])
{
	/* libyaml installs no version macro: its headers only declare the
	 * run-time call, so the version built with is the one it reports. */
	out[0] = (galley_lib_version){"cmark-gfm", CMARK_GFM_VERSION_STRING, cmark_version_string()};
	out[1] = (galley_lib_version){"libyaml", yaml_get_version_string(),
	                              yaml_get_version_string()};
	return 2;
}
