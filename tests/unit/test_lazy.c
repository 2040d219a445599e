/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_lazy.c: libraries loaded when first needed (src/base/lazy.h): a
 * library is opened once and every function found, or the reason it
 * cannot be used is kept (no such file, a missing function) and said in
 * a message without installation advice; and the adapters' tables are
 * filled by their ready calls.
 */
/* the tables by their members' names, not the redirected calls */
#define GALLEY_HB_API_TABLE
#define GP_HPDF_API_TABLE
#define READ_PNG_API_TABLE
#include <math.h>
#include <string.h>

#include "base/lazy.h"
#include "pdf/hpdf_api.h"
#include "read/png_api.h"
#include "base/hb_api.h"
#include "t.h"

static double (*my_cos)(double);
static double (*my_sqrt)(double);
static void *my_missing;

static void test_load(void)
{
	static const char *const names[] = {"cos", "sqrt"};
	static void **const slots[] = {(void **)&my_cos, (void **)&my_sqrt};
	static galley_lazy_lib m = {.soname = "libm.so.6", .names = names, .slots = slots, .n = 2};
	static const char *const bad_names[] = {"cos", "galley_no_such_function"};
	static void **const bad_slots[] = {(void **)&my_cos, &my_missing};
	static galley_lazy_lib bad = {.soname = "libm.so.6", .names = bad_names, .slots = bad_slots, .n = 2};
	static galley_lazy_lib none = {.what = "the test library", .code = GALLEY_EIO,
	                               .soname = "libgalley-no-such-library.so.9", .names = names,
	                               .slots = slots, .n = 2};
	galley_error err = GALLEY_ERROR_INIT;

	T_CHECK(galley_lazy_load(&m), "lazy: libm loads");
	T_CHECK(my_cos && my_sqrt && my_cos(0.0) == 1.0 && my_sqrt(16.0) == 4.0,
	        "lazy: its functions are found and called");
	T_CHECK(galley_lazy_load(&m), "lazy: loading again is a no-op");
	T_CHECK(!galley_lazy_load(&bad), "lazy: a missing function makes the library unusable");
	T_CHECK(strstr(bad.why, "galley_no_such_function") != NULL, "lazy: the reason names the function");
	T_CHECK(!galley_lazy_load(&bad), "lazy: a failure is remembered");
	T_CHECK(!galley_lazy_load(&none), "lazy: a missing library is unusable");
	T_CHECK(strstr(none.why, "libgalley-no-such-library") != NULL, "lazy: the reason names the file");
	T_EQ_INT(galley_lazy_ready(&none, &err), GALLEY_EIO, "lazy: not ready, with the library's code");
	T_CHECK(strncmp(err.message, "cannot load the test library (libgalley-no-such-library.so.9): ",
	                strlen("cannot load the test library (libgalley-no-such-library.so.9): ")) == 0 &&
	        strstr(err.message, none.why) != NULL,
	        "lazy: the message names the library, its file and why");
	T_CHECK(strstr(err.message, "install") == NULL && strstr(err.message, "apt") == NULL,
	        "lazy: the library gives no installation advice (the command line does)");
}

static void test_adapters(void)
{
	galley_error err = GALLEY_ERROR_INIT;

	T_EQ_INT(galley_hb_ready(&err), 0, "lazy: HarfBuzz loads");
	T_CHECK(galley_hb.hb_version_string != NULL && strlen(galley_hb.hb_version_string()) > 0,
	        "lazy: HarfBuzz's table is filled");
	T_EQ_INT(galley_hb_subset_ready(&err), 0, "lazy: HarfBuzz's subsetter loads");
	T_CHECK(galley_hb.hb_subset_or_fail != NULL, "lazy: the subsetter's functions are in the table");
	T_EQ_INT(gp_hpdf_ready(&err), 0, "lazy: libharu loads");
	T_CHECK(gp_hpdf.HPDF_GetVersion != NULL && strcmp(gp_hpdf.HPDF_GetVersion(), HPDF_VERSION_TEXT) == 0,
	        "lazy: libharu's table is filled, and it is the version galley was built with");
	T_EQ_INT(read_libpng_ready(&err), 0, "lazy: libpng loads");
	T_CHECK(read_libpng.png_create_read_struct != NULL, "lazy: libpng's table is filled");
	T_EQ_INT(err.code, 0, "lazy: no error");
}

int main(void)
{
	test_load();
	test_adapters();
	return t_done();
}
