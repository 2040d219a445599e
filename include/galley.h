/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * galley.h: Markdown articles to print-ready PDF and EPUB 3.
 *
 *   galley_doc *doc = galley_doc_new();
 *   galley_layout_options layout_opts;
 *   galley_layout_options_init(&layout_opts, GALLEY_LAYOUT_OPTIONS_VERSION);
 *   galley_read_file(doc, NULL, "article.md", NULL, &err);
 *   galley_doc_finish(doc, &err);
 *   galley_layout_new(&layout, doc, &layout_opts, &err);
 *   galley_pdf_write(layout, "article.pdf", NULL, &err);
 *   galley_epub_write(doc, "article.epub", NULL, &err);
 *
 * See each module header for contracts.
 *
 * Threads, files and environment
 *
 * What may run at once.  The library has no global state that a call
 * changes, except what it sets up once for the process under a lock of
 * its own (the libraries below, the "C" locale object numbers are read
 * with), so different threads may work on different objects at the same
 * time: a document, a layout, a digest, a configuration, a read-ahead each
 * belong to one thread at a time.  Functions that only read an object
 * (their parameter is const) may share it: galley_pdf_write on a layout
 * and galley_epub_write on its document may run at the same time, as
 * `galley build` does.  galley_layout_new writes its document (page map,
 * warnings), so nothing else may use that document during the call.
 * Progress callbacks are called on the calling thread only.
 *
 * Threads.  galley_layout_new, galley_read_path (a folder) and
 * galley_pdf_write run worker threads unless their options' jobs is 1,
 * galley_epub_write for a book of more than a few chapters; each joins
 * them before it returns.  Two things outlive the call that started them:
 * galley_layout_new leaves one thread freeing the hyphenation
 * dictionaries, until galley_layout_free (which waits for it);
 * galley_read_ahead_new starts threads that run until
 * galley_read_ahead_free.  The library never changes the signals, the
 * locale, the umask or the working folder: an output file is created
 * with mode 0666 and the kernel applies the umask, which is never read or
 * set.
 *
 * Files.  Besides the inputs and outputs a caller names:
 *  - fonts, from the folder galley_font_dir names: the options' font_dir,
 *    else $GALLEY_FONT_DIR, else share/galley/fonts beside the
 *    installation that holds the code (libgalley.so's folder through
 *    dladdr, or the executable's through /proc/self/exe), else the
 *    installed PREFIX/share/galley/fonts (the layout and the PDF writer,
 *    and the EPUB writer with embed_fonts);
 *  - hyphenation dictionaries from /usr/share/hyphen (layout);
 *  - images an article names, in its folder or the read options'
 *    resource_path (the reader);
 *  - downloaded images (with a galley_fetch): remote-*.bin and
 *    remote-*.meta in the cache folder below, read and written by the
 *    reader;
 *  - the hyphenation cache: galley_layout_new reads and writes compiled
 *    dictionaries in $GALLEY_CACHE_DIR, else $XDG_CACHE_HOME/galley, else
 *    $HOME/.cache/galley (the folder is made with mode 0700 when missing;
 *    files, in a versioned format of galley's own, are replaced
 *    atomically, so concurrent runs share them); an
 *    empty GALLEY_CACHE_DIR turns it off;
 *  - galley_config_default_path names $XDG_CONFIG_HOME/galley/config.yaml,
 *    else $HOME/.config/galley/config.yaml (read only when the caller
 *    loads it).
 * A path of "-" means standard input only to galley_read_path (the
 * command line's INPUT); everywhere else (galley_file_read,
 * galley_config_load, galley_digest_load, an EPUB cover or stylesheet) it
 * is a file named "-".  galley_stream_read reads a stream the caller
 * opened.
 *
 * Libraries loaded on first use.  HarfBuzz (layout and PDF), libharu
 * (PDF), libpng (the first PNG image read), giflib (the first GIF),
 * libwebp and libwebpdemux (the first WebP), libxml2 and librsvg with
 * cairo and GLib (the first SVG; librsvg again when the PDF draws it),
 * libcurl (the first download, only with a galley_fetch), libzip (EPUB)
 * and utf8proc (text that may not be in Unicode's NFC, hyphenating
 * non-ASCII words) are opened with
 * dlopen when first needed, once per process, and stay loaded; when one
 * cannot be loaded, the call fails with a message naming the library and
 * the reason (GALLEY_EFONT, GALLEY_EPDF, GALLEY_EASSET, GALLEY_EEPUB,
 * GALLEY_EIO), or, for an image decoder, the image is a warning naming
 * the library; without utf8proc, text is kept as it is and hyphenation
 * treats every non-ASCII character as a letter without case.  libxml2's
 * xmlInitParser and libcurl's curl_global_init run once when they load.
 *
 * The network: none, unless the caller makes a galley_fetch and puts it
 * in the read options (galley/read.h); then the reader downloads http and
 * https images and keeps them in the cache folder below.
 *
 * Environment variables read by the library: GALLEY_FONT_DIR (fonts),
 * GALLEY_CACHE_DIR, XDG_CACHE_HOME and HOME (the hyphenation cache, and
 * galley_fetch_new's cache of downloaded images),
 * XDG_CONFIG_HOME and HOME (galley_config_default_path),
 * SOURCE_DATE_EPOCH (the output date of a document without dates,
 * galley_doc_output_date), and through dlopen, LD_LIBRARY_PATH.  Each is
 * read when the function that needs it runs, never cached.
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
