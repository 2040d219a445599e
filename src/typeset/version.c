/*
 * version.c: the versions of FreeType, HarfBuzz and libhyphen, for
 * galley_versions() (see src/libversions.h).
 */
#include "libversions.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

/* "MAJOR.MINOR.PATCH" of two-level macro expansion, so that the numbers
 * and not the macro names are turned into the string. */
#define GL_STR(x) #x
#define GL_VERSION3(a, b, c) GL_STR(a) "." GL_STR(b) "." GL_STR(c)

size_t galley_typeset_lib_versions(galley_lib_version out[GALLEY_STAGE_LIBS_MAX])
{
	/* FreeType reports its run-time version only through an initialised
	 * FT_Library (FT_Library_Version); setting one up to print a version
	 * is not worth it, so only the headers' version is given.  libhyphen
	 * has neither a version macro nor a call. */
	out[0] = (galley_lib_version){"FreeType",
	                              GL_VERSION3(FREETYPE_MAJOR, FREETYPE_MINOR, FREETYPE_PATCH),
	                              NULL};
	out[1] = (galley_lib_version){"HarfBuzz", HB_VERSION_STRING, hb_version_string()};
	out[2] = (galley_lib_version){"libhyphen", "unknown", NULL};
	return 3;
}
