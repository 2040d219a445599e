/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * gif_api.h: the one adapter between galley and giflib, loaded when the
 * first GIF image is decoded (src/base/lazy.h).  Every function galley
 * calls is listed here once, kept in a table filled at load time, and its
 * name redirected to the table (see png_api.h).  read_giflib_ready() must
 * succeed before the first call.
 */
#ifndef GALLEY_READ_GIF_API_H
#define GALLEY_READ_GIF_API_H

#include <gif_lib.h>

#include "galley/error.h"

#define READ_GIF_FUNCS(X) \
	X(DGifCloseFile) \
	X(DGifGetExtension) \
	X(DGifGetExtensionNext) \
	X(DGifGetImageDesc) \
	X(DGifGetLine) \
	X(DGifGetRecordType) \
	X(DGifOpen) \
	X(GifErrorString)

typedef struct read_giflib_api {
#define X(f) __typeof__(f) *f;
	READ_GIF_FUNCS(X)
#undef X
} read_giflib_api;

extern read_giflib_api read_giflib;

/* Loads giflib once; 0, or GALLEY_EASSET naming the library and why. */
int read_giflib_ready(galley_error *err);

#ifndef READ_GIF_API_TABLE
#define DGifCloseFile (read_giflib.DGifCloseFile)
#define DGifGetExtension (read_giflib.DGifGetExtension)
#define DGifGetExtensionNext (read_giflib.DGifGetExtensionNext)
#define DGifGetImageDesc (read_giflib.DGifGetImageDesc)
#define DGifGetLine (read_giflib.DGifGetLine)
#define DGifGetRecordType (read_giflib.DGifGetRecordType)
#define DGifOpen (read_giflib.DGifOpen)
#define GifErrorString (read_giflib.GifErrorString)
#endif

#endif
