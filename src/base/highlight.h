/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * highlight.h: syntax highlighting of code blocks.  Private to libgalley.
 *
 * The language definitions and the lexing are GNU Source-highlight's
 * (libsource-highlight, some 150 languages, the definitions under
 * /usr/share/source-highlight).  Its library is C++ and brings Boost.Regex
 * and ICU: galley does not link it.  A small C++ module,
 * galley-highlight.so (src/highlight/srchilite.cc), links it and offers
 * one C function, galley_hl_module_run; this file loads that module with
 * dlopen (base/lazy.h) the first time a code block names a language, so
 * that a document without one maps none of it.
 *
 * Highlighting is advisory: a language Source-highlight does not know, a
 * module or library that is not installed, or a definition it cannot
 * read leaves the block monochrome, as it was.
 */
#ifndef GALLEY_BASE_HIGHLIGHT_H
#define GALLEY_BASE_HIGHLIGHT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The kinds of token galley styles.  Source-highlight's element names
 * map onto them (srchilite.cc); the others stay plain. */
typedef enum galley_hl_class {
	GALLEY_HL_PLAIN = 0,
	GALLEY_HL_KEYWORD,   /* keyword */
	GALLEY_HL_PREPROC,   /* preproc: #include, import */
	GALLEY_HL_TYPE,      /* type, usertype, classname */
	GALLEY_HL_FUNCTION,  /* function, predef_func */
	GALLEY_HL_NAME,      /* variable, label, property, selector, attribute */
	GALLEY_HL_STRING,    /* string, regexp, specialchar, value */
	GALLEY_HL_NUMBER,    /* number */
	GALLEY_HL_COMMENT,   /* comment, todo */
	GALLEY_HL_DELETED,   /* a diff's old lines */
	GALLEY_HL_INSERTED,  /* a diff's new lines */
	GALLEY_HL_NCLASSES
} galley_hl_class;

/* One token: bytes [start, end) of the code, of class `cls`. */
typedef struct galley_hl_span {
	uint32_t start, end;
	uint32_t cls;        /* galley_hl_class, never GALLEY_HL_PLAIN */
} galley_hl_span;

/* The module's entry point (srchilite.cc).  Highlights `len` bytes of
 * `code` (lines separated by '\n') as the language `lang` (lang_len
 * bytes, a name or file extension as Source-highlight's lang.map has
 * them: "python", "py", "sh").  On 1, *spans (malloc'ed, the caller
 * frees it) holds *n tokens in order, not overlapping, none plain.
 * Returns 0 when the language is unknown, -1 when memory runs out or the
 * library failed (an exception); *spans is then NULL.  Thread-safe (one
 * lock).  Loads the language's definition on first use and keeps it. */
typedef int galley_hl_module_run_fn(const char *lang, size_t lang_len, const char *code, size_t len,
                                    galley_hl_span **spans, size_t *n);

/* The language of a code block: the first word of its info string (```py
 * title="x" -> "py"), lowercased into buf; its length, 0 when there is
 * none (or it is longer than cap - 1). */
size_t galley_highlight_language(const char *info, char *buf, size_t cap);

/* Highlights a code block of `len` bytes whose info string is `info`.
 * Returns 1 with *spans (malloc'ed; the caller frees it) and *n set, 0
 * when the block stays plain (no language, one Source-highlight does not
 * know, the module or the library not installed: *spans NULL), or
 * GALLEY_ENOMEM.  Side effect: loads galley-highlight.so, and through it
 * libsource-highlight, the first time a block names a language. */
int galley_highlight(const char *info, const char *code, size_t len, galley_hl_span **spans,
                     size_t *n);

/* NULL when highlighting is available (the module and the library
 * load), else why not (static text).  Loads them. */
const char *galley_highlight_unavailable(void);

#ifdef __cplusplus
}
#endif

#endif
