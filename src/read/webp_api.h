/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * webp_api.h: the one adapter between galley and libwebp, loaded when the
 * first WebP image is decoded (src/base/lazy.h).  galley opens
 * libwebpdemux (for the first frame of an animation), and finds libwebp's
 * decoder through it: libwebpdemux depends on libwebp, and dlsym searches
 * a library's dependencies.  The functions are listed once, kept in a
 * table filled at load time, and their names redirected to it (see
 * png_api.h).  libwebp's headers wrap some of them in inline functions
 * (WebPGetFeatures, WebPDemux) that call the real ones with an ABI
 * version; galley calls the real ones (..._Internal) with that version
 * itself, since an inline function would bypass the table.
 * read_libwebp_ready() must succeed before the first call.
 */
#ifndef GALLEY_READ_WEBP_API_H
#define GALLEY_READ_WEBP_API_H

#include <webp/decode.h>
#include <webp/demux.h>

#include "galley/error.h"

#define READ_WEBP_FUNCS(X) \
	X(WebPDecodeRGBAInto) \
	X(WebPDemuxDelete) \
	X(WebPDemuxGetFrame) \
	X(WebPDemuxInternal) \
	X(WebPDemuxReleaseIterator) \
	X(WebPGetFeaturesInternal)

typedef struct read_libwebp_api {
#define X(f) __typeof__(f) *f;
	READ_WEBP_FUNCS(X)
#undef X
} read_libwebp_api;

extern read_libwebp_api read_libwebp;

/* Loads libwebpdemux (and with it libwebp) once; 0, or GALLEY_EASSET
 * naming the library and why. */
int read_libwebp_ready(galley_error *err);

#ifndef READ_WEBP_API_TABLE
#define WebPDecodeRGBAInto (read_libwebp.WebPDecodeRGBAInto)
#define WebPDemuxDelete (read_libwebp.WebPDemuxDelete)
#define WebPDemuxGetFrame (read_libwebp.WebPDemuxGetFrame)
#define WebPDemuxInternal (read_libwebp.WebPDemuxInternal)
#define WebPDemuxReleaseIterator (read_libwebp.WebPDemuxReleaseIterator)
#define WebPGetFeaturesInternal (read_libwebp.WebPGetFeaturesInternal)
#endif

#endif
