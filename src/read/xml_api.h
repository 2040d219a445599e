/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * xml_api.h: the one adapter between galley and libxml2, loaded when the
 * first SVG image is sanitised (src/base/lazy.h).  Every function galley
 * calls is listed here once, kept in a table filled at load time, and its
 * name redirected to the table (see png_api.h).  galley never calls
 * xmlFree (a variable in libxml2, not a function): nothing it asks for is
 * allocated by libxml2 on its behalf except through the functions below,
 * which free their own.  read_libxml2_ready() must succeed before the
 * first call; it also runs xmlInitParser, which libxml2 asks threaded
 * programs to call once.
 */
#ifndef GALLEY_READ_XML_API_H
#define GALLEY_READ_XML_API_H

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/entities.h>
#include <libxml/xmlsave.h>

#include "galley/error.h"

#define READ_XML_FUNCS(X) \
	X(xmlAddPrevSibling) \
	X(xmlCtxtGetLastError) \
	X(xmlCtxtReadMemory) \
	X(xmlDocGetRootElement) \
	X(xmlFreeDoc) \
	X(xmlFreeDtd) \
	X(xmlFreeNode) \
	X(xmlFreeParserCtxt) \
	X(xmlInitParser) \
	X(xmlNewParserCtxt) \
	X(xmlRemoveProp) \
	X(xmlSaveClose) \
	X(xmlSaveDoc) \
	X(xmlSaveToIO) \
	X(xmlUnlinkNode)

typedef struct read_libxml2_api {
#define X(f) __typeof__(f) *f;
	READ_XML_FUNCS(X)
#undef X
} read_libxml2_api;

extern read_libxml2_api read_libxml2;

/* Loads libxml2 once; 0, or GALLEY_EASSET naming the library and why. */
int read_libxml2_ready(galley_error *err);

#ifndef READ_XML_API_TABLE
#define xmlAddPrevSibling (read_libxml2.xmlAddPrevSibling)
#define xmlCtxtGetLastError (read_libxml2.xmlCtxtGetLastError)
#define xmlCtxtReadMemory (read_libxml2.xmlCtxtReadMemory)
#define xmlDocGetRootElement (read_libxml2.xmlDocGetRootElement)
#define xmlFreeDoc (read_libxml2.xmlFreeDoc)
#define xmlFreeDtd (read_libxml2.xmlFreeDtd)
#define xmlFreeNode (read_libxml2.xmlFreeNode)
#define xmlFreeParserCtxt (read_libxml2.xmlFreeParserCtxt)
#define xmlInitParser (read_libxml2.xmlInitParser)
#define xmlNewParserCtxt (read_libxml2.xmlNewParserCtxt)
#define xmlRemoveProp (read_libxml2.xmlRemoveProp)
#define xmlSaveClose (read_libxml2.xmlSaveClose)
#define xmlSaveDoc (read_libxml2.xmlSaveDoc)
#define xmlSaveToIO (read_libxml2.xmlSaveToIO)
#define xmlUnlinkNode (read_libxml2.xmlUnlinkNode)
#endif

#endif
