/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * fc_api.h: the one adapter between galley and fontconfig, which finds
 * an installed face for a character the bundled faces lack (typeset/fonts.c).
 *
 * fontconfig is loaded when first needed (src/base/lazy.h): a text the
 * bundled faces cover never maps it nor reads the font cache.  Every
 * function galley calls is listed once here, kept in a table filled at
 * load time and its name redirected to the table, as in hb_api.h.
 */
#ifndef GALLEY_BASE_FC_API_H
#define GALLEY_BASE_FC_API_H

#include <fontconfig/fontconfig.h>

#include "galley/error.h"

#define GALLEY_FC_FUNCS(X) \
	X(FcCharSetAddChar) \
	X(FcCharSetCreate) \
	X(FcCharSetDestroy) \
	X(FcCharSetHasChar) \
	X(FcConfigDestroy) \
	X(FcConfigSubstitute) \
	X(FcDefaultSubstitute) \
	X(FcFontSetDestroy) \
	X(FcFontSort) \
	X(FcConfigReference) \
	X(FcLangSetAdd) \
	X(FcLangSetCreate) \
	X(FcLangSetDestroy) \
	X(FcPatternAddBool) \
	X(FcPatternAddCharSet) \
	X(FcPatternAddInteger) \
	X(FcPatternAddLangSet) \
	X(FcPatternAddString) \
	X(FcPatternCreate) \
	X(FcPatternDestroy) \
	X(FcPatternGetCharSet) \
	X(FcPatternGetInteger) \
	X(FcPatternGetString)

typedef struct galley_fc_api {
#define X(f) __typeof__(f) *f;
	GALLEY_FC_FUNCS(X)
#undef X
} galley_fc_api;

extern galley_fc_api galley_fc;

/* Loads libfontconfig once for the process (thread-safe); 0, or
 * GALLEY_EFONT with a message naming the library and why it cannot be
 * loaded.  Must succeed before the first call of a function above. */
int galley_fc_ready(galley_error *err);

#ifndef GALLEY_FC_API_TABLE
#define FcCharSetAddChar (galley_fc.FcCharSetAddChar)
#define FcCharSetCreate (galley_fc.FcCharSetCreate)
#define FcCharSetDestroy (galley_fc.FcCharSetDestroy)
#define FcCharSetHasChar (galley_fc.FcCharSetHasChar)
#define FcConfigDestroy (galley_fc.FcConfigDestroy)
#define FcConfigSubstitute (galley_fc.FcConfigSubstitute)
#define FcDefaultSubstitute (galley_fc.FcDefaultSubstitute)
#define FcFontSetDestroy (galley_fc.FcFontSetDestroy)
#define FcFontSort (galley_fc.FcFontSort)
#define FcConfigReference (galley_fc.FcConfigReference)
#define FcLangSetAdd (galley_fc.FcLangSetAdd)
#define FcLangSetCreate (galley_fc.FcLangSetCreate)
#define FcLangSetDestroy (galley_fc.FcLangSetDestroy)
#define FcPatternAddBool (galley_fc.FcPatternAddBool)
#define FcPatternAddCharSet (galley_fc.FcPatternAddCharSet)
#define FcPatternAddInteger (galley_fc.FcPatternAddInteger)
#define FcPatternAddLangSet (galley_fc.FcPatternAddLangSet)
#define FcPatternAddString (galley_fc.FcPatternAddString)
#define FcPatternCreate (galley_fc.FcPatternCreate)
#define FcPatternDestroy (galley_fc.FcPatternDestroy)
#define FcPatternGetCharSet (galley_fc.FcPatternGetCharSet)
#define FcPatternGetInteger (galley_fc.FcPatternGetInteger)
#define FcPatternGetString (galley_fc.FcPatternGetString)
#endif

#endif
