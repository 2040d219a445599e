/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * curl_api.h: the one adapter between galley and libcurl, loaded when the
 * first remote image is to be downloaded (src/base/lazy.h), which happens
 * only when the caller asked for it (galley_read_options.fetch).  Every
 * function galley calls is listed here once, kept in a table filled at
 * load time, and its name redirected to the table (see png_api.h).
 * curl.h's type-checking macros are turned off (CURL_DISABLE_TYPECHECK):
 * they would call libcurl by its own names.  read_libcurl_ready() must
 * succeed before the first call; it also runs curl_global_init once, as
 * libcurl asks.
 */
#ifndef GALLEY_READ_CURL_API_H
#define GALLEY_READ_CURL_API_H

#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

#include "galley/error.h"

#define READ_CURL_FUNCS(X) \
	X(curl_easy_cleanup) \
	X(curl_easy_getinfo) \
	X(curl_easy_init) \
	X(curl_easy_setopt) \
	X(curl_easy_strerror) \
	X(curl_global_init) \
	X(curl_multi_add_handle) \
	X(curl_multi_cleanup) \
	X(curl_multi_info_read) \
	X(curl_multi_init) \
	X(curl_multi_perform) \
	X(curl_multi_poll) \
	X(curl_multi_remove_handle) \
	X(curl_slist_append) \
	X(curl_slist_free_all)

typedef struct read_libcurl_api {
#define X(f) __typeof__(f) *f;
	READ_CURL_FUNCS(X)
#undef X
} read_libcurl_api;

extern read_libcurl_api read_libcurl;

/* Loads libcurl once and initialises it; 0, or GALLEY_EIO naming the
 * library and why. */
int read_libcurl_ready(galley_error *err);

#ifndef READ_CURL_API_TABLE
/* curl.h wraps these two in macros that check the argument count */
#undef curl_easy_getinfo
#undef curl_easy_setopt
#define curl_easy_cleanup (read_libcurl.curl_easy_cleanup)
#define curl_easy_getinfo (read_libcurl.curl_easy_getinfo)
#define curl_easy_init (read_libcurl.curl_easy_init)
#define curl_easy_setopt (read_libcurl.curl_easy_setopt)
#define curl_easy_strerror (read_libcurl.curl_easy_strerror)
#define curl_global_init (read_libcurl.curl_global_init)
#define curl_multi_add_handle (read_libcurl.curl_multi_add_handle)
#define curl_multi_cleanup (read_libcurl.curl_multi_cleanup)
#define curl_multi_info_read (read_libcurl.curl_multi_info_read)
#define curl_multi_init (read_libcurl.curl_multi_init)
#define curl_multi_perform (read_libcurl.curl_multi_perform)
#define curl_multi_poll (read_libcurl.curl_multi_poll)
#define curl_multi_remove_handle (read_libcurl.curl_multi_remove_handle)
#define curl_slist_append (read_libcurl.curl_slist_append)
#define curl_slist_free_all (read_libcurl.curl_slist_free_all)
#endif

#endif
