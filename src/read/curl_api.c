/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * curl_api.c: the table of libcurl's functions (curl_api.h), filled when
 * the first remote image is to be downloaded.
 */
#define READ_CURL_API_TABLE
#include "read/curl_api.h"

#include <pthread.h>
#include <stdio.h>

#include "base/lazy.h"

#define GALLEY_LAZY_TABLE read_libcurl

/* libcurl's file name, as its package installs it (the Makefile reads it
 * from the library's SONAME). */
#ifndef GALLEY_CURL_SONAME
#define GALLEY_CURL_SONAME "libcurl.so.4"
#endif

read_libcurl_api read_libcurl;

static const char *const curl_names[] = {READ_CURL_FUNCS(GALLEY_LAZY_NAME)};
static void **const curl_slots[] = {READ_CURL_FUNCS(GALLEY_LAZY_SLOT)};

static galley_lazy_lib curl_lib = GALLEY_LAZY_LIB("libcurl", GALLEY_EIO,
                                                  GALLEY_CURL_SONAME, curl_names, curl_slots);

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc;

static void curl_init(void)
{
	curl_init_rc = read_libcurl.curl_global_init(CURL_GLOBAL_DEFAULT);
}

int read_libcurl_ready(galley_error *err)
{
	int rc = galley_lazy_ready(&curl_lib, err);

	if (rc < 0)
		return rc;
	pthread_once(&curl_once, curl_init);
	if (curl_init_rc != CURLE_OK)
		return galley_error_set(err, GALLEY_EIO, NULL, "libcurl failed to start (curl_global_init: %d)",
		                        (int)curl_init_rc);
	return 0;
}
