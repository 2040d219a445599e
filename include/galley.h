/*
 * galley.h: Markdown articles to print-ready PDF and EPUB 3.
 *
 *   galley_doc *doc = galley_doc_new();
 *   galley_read_file(doc, NULL, "article.md", NULL, &err);
 *   galley_doc_finish(doc, &err);
 *   galley_layout_new(&layout, doc, &layout_opts, &err);
 *   galley_pdf_write(layout, "article.pdf", NULL, &err);
 *   galley_epub_write(doc, "article.epub", NULL, &err);
 *
 * See each module header for contracts.
 */
#ifndef GALLEY_H
#define GALLEY_H

#define GALLEY_VERSION "0.1.0"
#define GALLEY_VERSION_MAJOR 0
#define GALLEY_VERSION_MINOR 1
#define GALLEY_VERSION_PATCH 0

#include "galley/error.h"
#include "galley/model.h"
#include "galley/read.h"
#include "galley/typeset.h"
#include "galley/pdf.h"
#include "galley/epub.h"
#include "galley/select.h"
#include "galley/digest.h"
#include "galley/import.h"
#include "galley/version.h"
#include "galley/progress.h"
#include "galley/config.h"

#endif
