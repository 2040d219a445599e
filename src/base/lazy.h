/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * lazy.h: shared libraries loaded when first needed.  Private to libgalley.
 *
 * The galley binary links none of the libraries that only some commands
 * need: HarfBuzz, libharu and libpng (the PDF, and PNG images), libzip (the
 * EPUB).  Each is opened with dlopen the first time one of its functions
 * is needed, and every function galley calls is looked up by name at that
 * moment, so that a library without one of them is an error at once, not a
 * crash later.  An EPUB-only run then maps none of the typesetting
 * libraries (HarfBuzz alone brings glib, graphite2 and FreeType), and a
 * PDF-only run never relocates libcrypto, which libzip brings.
 *
 * Each library has one adapter header (src/base/hb_api.h,
 * src/pdf/hpdf_api.h, src/read/png_api.h, and src/epub/zip.c for libzip)
 * that lists its functions once, keeps a table of pointers to them, and
 * redirects the library's own names to that table, so that the code calls
 * hb_font_create(...) as usual.
 */
#ifndef GALLEY_BASE_LAZY_H
#define GALLEY_BASE_LAZY_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "galley/error.h"

typedef struct galley_lazy_lib {
	const char *what;          /* for messages: "libharu" */
	int code;                  /* the galley_code of a failure: GALLEY_EPDF ... */
	const char *soname;        /* the file dlopen looks for: "libhpdf-2.3.0.so" */
	const char *const *names;  /* the functions, by name */
	void **const *slots;       /* where each one's address goes */
	size_t n;
	atomic_int state;          /* 0: not tried, 1: loaded, -1: failed */
	char why[256];             /* why it failed (dlerror, or the missing function) */
} galley_lazy_lib;

/* For an adapter's X-macro list of functions: their names, their slots in
 * the adapter's table (which it names GALLEY_LAZY_TABLE before using
 * this), and the library from both arrays:
 *
 *   #define GALLEY_LAZY_TABLE read_libpng
 *   static const char *const names[] = {READ_PNG_FUNCS(GALLEY_LAZY_NAME)};
 *   static void **const slots[] = {READ_PNG_FUNCS(GALLEY_LAZY_SLOT)};
 *   static galley_lazy_lib lib = GALLEY_LAZY_LIB("libpng", GALLEY_EASSET,
 *                                                "libpng16.so.16", names, slots);
 */
#define GALLEY_LAZY_NAME(f) #f,
#define GALLEY_LAZY_SLOT(f) (void **)&GALLEY_LAZY_TABLE.f,
#define GALLEY_LAZY_LIB(what_, code_, so, names_, slots_) \
	{.what = (what_), .code = (code_), .soname = (so), \
	 .names = (names_), .slots = (slots_), .n = sizeof(names_) / sizeof(names_)[0]}

/* Loads `lib` and fills its slots, once for the process, whichever thread
 * comes first (the others wait).  Returns whether the library is usable;
 * when not, lib->why says why. */
bool galley_lazy_load(galley_lazy_lib *lib);

/* galley_lazy_load as a galley call: 0, or lib->code with the message
 * "cannot load WHAT (SONAME): WHY", naming the library and why it cannot
 * be used.  How to install it is the program's business (the command line
 * adds it), not the library's. */
int galley_lazy_ready(galley_lazy_lib *lib, galley_error *err);

#endif
