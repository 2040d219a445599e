/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * options.c: the version check of the public option structs (options.h).
 */
#include "model/options.h"

int galley_options_version_check(unsigned version, unsigned newest, const char *type,
                                 galley_error *err)
{
	if (version == 0)
		return galley_error_set(err, GALLEY_EUSAGE, NULL,
		                        "%s has version 0: it was not initialised "
		                        "(use %s_init or its _INIT macro)", type, type);
	if (version > newest)
		return galley_error_set(err, GALLEY_EUSAGE, NULL,
		                        "%s has version %u, newer than this library's %u: "
		                        "the program was built with newer galley headers",
		                        type, version, newest);
	return 0;
}
