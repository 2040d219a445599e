/*
 * version.c: galley_version() and galley_versions() (galley/version.h),
 * and the version of libharu.
 *
 * Each stage reports the libraries it wraps (src/libversions.h); this file
 * lists them in pipeline order.  It lives in src/pdf only because the PDF
 * writer is the stage linked on top of the others; it includes no other
 * stage's library headers.
 */
#include "libversions.h"

#include "pdf/hpdf_api.h"

#include "galley.h"

size_t galley_pdf_lib_versions(galley_lib_version out[GALLEY_STAGE_LIBS_MAX])
{
	/* loading libharu to ask it: asking is rare (galley --version) */
	out[0] = (galley_lib_version){"libharu", HPDF_VERSION_TEXT,
	                              gp_hpdf_ready(NULL) == 0 ? HPDF_GetVersion() : NULL};
	return 1;
}

const char *galley_version(void)
{
	return GALLEY_VERSION;
}

size_t galley_versions(galley_lib_version *out, size_t max)
{
	size_t (*const stages[])(galley_lib_version[GALLEY_STAGE_LIBS_MAX]) = {
		galley_read_lib_versions, galley_typeset_lib_versions,
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
