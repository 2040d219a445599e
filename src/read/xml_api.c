/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * xml_api.c: the table of libxml2's functions (xml_api.h), filled when
 * the first SVG image is sanitised.
 */
#define READ_XML_API_TABLE
#include "read/xml_api.h"

#include <pthread.h>

#include "base/lazy.h"

#define GALLEY_LAZY_TABLE read_libxml2

/* libxml2's file name, as its package installs it (the Makefile reads it
 * from the library's SONAME). */
#ifndef GALLEY_XML2_SONAME
#define GALLEY_XML2_SONAME "libxml2.so.2"
#endif

read_libxml2_api read_libxml2;

static const char *const xml_names[] = {READ_XML_FUNCS(GALLEY_LAZY_NAME)};
static void **const xml_slots[] = {READ_XML_FUNCS(GALLEY_LAZY_SLOT)};

static galley_lazy_lib xml_lib = GALLEY_LAZY_LIB("libxml2", GALLEY_EASSET,
                                                 GALLEY_XML2_SONAME, xml_names, xml_slots);

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
	read_libxml2.xmlInitParser();
}

int read_libxml2_ready(galley_error *err)
{
	int rc = galley_lazy_ready(&xml_lib, err);

	if (rc == 0)
		pthread_once(&xml_once, xml_init);
	return rc;
}
