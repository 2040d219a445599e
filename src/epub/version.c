/*
 * version.c: the version of libzip, for galley_versions() (see
 * src/libversions.h).
 */
#include "libversions.h"

#include <zip.h>

size_t galley_epub_lib_versions(galley_lib_version out[GALLEY_STAGE_LIBS_MAX])
{
	out[0] = (galley_lib_version){"libzip", LIBZIP_VERSION, zip_libzip_version()};
	return 1;
}
