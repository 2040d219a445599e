/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * hpdf_api.h: the one adapter between galley and libharu, loaded when
 * first needed (src/base/lazy.h): an EPUB-only run maps neither libharu
 * nor the libpng and zlib it brings.  Every function galley calls is
 * listed here once, kept in a table filled at load time, and its name
 * redirected to the table, so that the code calls HPDF_New(...) as usual.
 * A function used but not listed is a link error (the binary links no
 * libharu).  gp_hpdf_ready() must succeed before the first call.
 */
#ifndef GALLEY_PDF_HPDF_API_H
#define GALLEY_PDF_HPDF_API_H

#include <hpdf.h>

#include "galley/error.h"

#define GP_HPDF_FUNCS(X) \
	X(HPDF_AddPage) \
	X(HPDF_AddPageLabel) \
	X(HPDF_Array_Add) \
	X(HPDF_Array_AddNumber) \
	X(HPDF_Array_New) \
	X(HPDF_Binary_New) \
	X(HPDF_CreateOutline) \
	X(HPDF_Destination_SetFitH) \
	X(HPDF_DictStream_New) \
	X(HPDF_Dict_Add) \
	X(HPDF_Dict_AddName) \
	X(HPDF_Dict_AddNumber) \
	X(HPDF_Dict_AddReal) \
	X(HPDF_Dict_New) \
	X(HPDF_Dict_RemoveElement) \
	X(HPDF_Free) \
	X(HPDF_GetStreamSize) \
	X(HPDF_GetVersion) \
	X(HPDF_Image_AddSMask) \
	X(HPDF_LinkAnnot_SetBorderStyle) \
	X(HPDF_LoadJpegImageFromMem) \
	X(HPDF_LoadRawImageFromMem) \
	X(HPDF_MemStream_FreeData) \
	X(HPDF_MemStream_GetBufCount) \
	X(HPDF_MemStream_GetBufPtr) \
	X(HPDF_New) \
	X(HPDF_Outline_SetDestination) \
	X(HPDF_Outline_SetOpened) \
	X(HPDF_Page_BeginText) \
	X(HPDF_Page_CreateDestination) \
	X(HPDF_Page_CreateLinkAnnot) \
	X(HPDF_Page_CreateURILinkAnnot) \
	X(HPDF_Page_DrawImage) \
	X(HPDF_Page_EndText) \
	X(HPDF_Page_Fill) \
	X(HPDF_Page_GetInheritableItem) \
	X(HPDF_Page_MoveTextPos) \
	X(HPDF_Page_Rectangle) \
	X(HPDF_Page_SetCharSpace) \
	X(HPDF_Page_SetHeight) \
	X(HPDF_Page_SetRGBFill) \
	X(HPDF_Page_SetWidth) \
	X(HPDF_ReadFromStream) \
	X(HPDF_ResetStream) \
	X(HPDF_SaveToFile) \
	X(HPDF_SaveToStream) \
	X(HPDF_SetCompressionMode) \
	X(HPDF_SetInfoAttr) \
	X(HPDF_SetInfoDateAttr) \
	X(HPDF_SetPageMode) \
	X(HPDF_Stream_Size) \
	X(HPDF_Stream_Write) \
	X(HPDF_Stream_WriteChar) \
	X(HPDF_Stream_WriteReal) \
	X(HPDF_Stream_WriteStr) \
	X(HPDF_String_New) \
	X(HPDF_Xref_Add)

typedef struct gp_hpdf_api {
#define X(f) __typeof__(f) *f;
	GP_HPDF_FUNCS(X)
#undef X
} gp_hpdf_api;

extern gp_hpdf_api gp_hpdf;

/* Loads libharu once; 0, or GALLEY_EPDF with a message naming the library
 * and the Debian package that installs it. */
int gp_hpdf_ready(galley_error *err);

#ifndef GP_HPDF_API_TABLE
#define HPDF_AddPage (gp_hpdf.HPDF_AddPage)
#define HPDF_AddPageLabel (gp_hpdf.HPDF_AddPageLabel)
#define HPDF_Array_Add (gp_hpdf.HPDF_Array_Add)
#define HPDF_Array_AddNumber (gp_hpdf.HPDF_Array_AddNumber)
#define HPDF_Array_New (gp_hpdf.HPDF_Array_New)
#define HPDF_Binary_New (gp_hpdf.HPDF_Binary_New)
#define HPDF_CreateOutline (gp_hpdf.HPDF_CreateOutline)
#define HPDF_Destination_SetFitH (gp_hpdf.HPDF_Destination_SetFitH)
#define HPDF_DictStream_New (gp_hpdf.HPDF_DictStream_New)
#define HPDF_Dict_Add (gp_hpdf.HPDF_Dict_Add)
#define HPDF_Dict_AddName (gp_hpdf.HPDF_Dict_AddName)
#define HPDF_Dict_AddNumber (gp_hpdf.HPDF_Dict_AddNumber)
#define HPDF_Dict_AddReal (gp_hpdf.HPDF_Dict_AddReal)
#define HPDF_Dict_New (gp_hpdf.HPDF_Dict_New)
#define HPDF_Dict_RemoveElement (gp_hpdf.HPDF_Dict_RemoveElement)
#define HPDF_Free (gp_hpdf.HPDF_Free)
#define HPDF_GetStreamSize (gp_hpdf.HPDF_GetStreamSize)
#define HPDF_GetVersion (gp_hpdf.HPDF_GetVersion)
#define HPDF_Image_AddSMask (gp_hpdf.HPDF_Image_AddSMask)
#define HPDF_LinkAnnot_SetBorderStyle (gp_hpdf.HPDF_LinkAnnot_SetBorderStyle)
#define HPDF_LoadJpegImageFromMem (gp_hpdf.HPDF_LoadJpegImageFromMem)
#define HPDF_LoadRawImageFromMem (gp_hpdf.HPDF_LoadRawImageFromMem)
#define HPDF_MemStream_FreeData (gp_hpdf.HPDF_MemStream_FreeData)
#define HPDF_MemStream_GetBufCount (gp_hpdf.HPDF_MemStream_GetBufCount)
#define HPDF_MemStream_GetBufPtr (gp_hpdf.HPDF_MemStream_GetBufPtr)
#define HPDF_New (gp_hpdf.HPDF_New)
#define HPDF_Outline_SetDestination (gp_hpdf.HPDF_Outline_SetDestination)
#define HPDF_Outline_SetOpened (gp_hpdf.HPDF_Outline_SetOpened)
#define HPDF_Page_BeginText (gp_hpdf.HPDF_Page_BeginText)
#define HPDF_Page_CreateDestination (gp_hpdf.HPDF_Page_CreateDestination)
#define HPDF_Page_CreateLinkAnnot (gp_hpdf.HPDF_Page_CreateLinkAnnot)
#define HPDF_Page_CreateURILinkAnnot (gp_hpdf.HPDF_Page_CreateURILinkAnnot)
#define HPDF_Page_DrawImage (gp_hpdf.HPDF_Page_DrawImage)
#define HPDF_Page_EndText (gp_hpdf.HPDF_Page_EndText)
#define HPDF_Page_Fill (gp_hpdf.HPDF_Page_Fill)
#define HPDF_Page_GetInheritableItem (gp_hpdf.HPDF_Page_GetInheritableItem)
#define HPDF_Page_MoveTextPos (gp_hpdf.HPDF_Page_MoveTextPos)
#define HPDF_Page_Rectangle (gp_hpdf.HPDF_Page_Rectangle)
#define HPDF_Page_SetCharSpace (gp_hpdf.HPDF_Page_SetCharSpace)
#define HPDF_Page_SetHeight (gp_hpdf.HPDF_Page_SetHeight)
#define HPDF_Page_SetRGBFill (gp_hpdf.HPDF_Page_SetRGBFill)
#define HPDF_Page_SetWidth (gp_hpdf.HPDF_Page_SetWidth)
#define HPDF_ReadFromStream (gp_hpdf.HPDF_ReadFromStream)
#define HPDF_ResetStream (gp_hpdf.HPDF_ResetStream)
#define HPDF_SaveToFile (gp_hpdf.HPDF_SaveToFile)
#define HPDF_SaveToStream (gp_hpdf.HPDF_SaveToStream)
#define HPDF_SetCompressionMode (gp_hpdf.HPDF_SetCompressionMode)
#define HPDF_SetInfoAttr (gp_hpdf.HPDF_SetInfoAttr)
#define HPDF_SetInfoDateAttr (gp_hpdf.HPDF_SetInfoDateAttr)
#define HPDF_SetPageMode (gp_hpdf.HPDF_SetPageMode)
#define HPDF_Stream_Size (gp_hpdf.HPDF_Stream_Size)
#define HPDF_Stream_Write (gp_hpdf.HPDF_Stream_Write)
#define HPDF_Stream_WriteChar (gp_hpdf.HPDF_Stream_WriteChar)
#define HPDF_Stream_WriteReal (gp_hpdf.HPDF_Stream_WriteReal)
#define HPDF_Stream_WriteStr (gp_hpdf.HPDF_Stream_WriteStr)
#define HPDF_String_New (gp_hpdf.HPDF_String_New)
#define HPDF_Xref_Add (gp_hpdf.HPDF_Xref_Add)
#endif

#endif
