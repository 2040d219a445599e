/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * number.h: decimal numbers read the same whatever the locale.  Private to
 * libgalley.
 *
 * strtod reads the decimal point of the calling thread's LC_NUMERIC
 * category.  A program that calls setlocale(LC_ALL, "") under a German or
 * French locale makes strtod("10.5pt") stop at the '.', so a length, a
 * paper size or a font size would be misread.  What galley reads (command
 * lines, manifests, configuration files) writes numbers with '.' in every
 * language, as CSS and YAML do, so they are read as in the "C" locale, the
 * one a program has before it calls setlocale.
 */
#ifndef GALLEY_BASE_NUMBER_H
#define GALLEY_BASE_NUMBER_H

#include <stdarg.h>
#include <stddef.h>

/* strtod(s, end) as in the "C" locale, whatever the locale of the process
 * or of the calling thread: the same syntax (leading white space, a sign,
 * decimal or hexadecimal digits with an optional '.', an exponent, "inf",
 * "nan"), the same value, the same *end, and errno set to ERANGE on
 * overflow or underflow.  `end` may be NULL.  Thread-safe; the locale of
 * the process and of the thread are left as they are.
 *
 * The first call makes the "C" locale object (newlocale, once for the
 * process); on a C library where that can fail and it did, nothing is
 * read: the result is 0, *end is `s` and errno is ENOMEM. */
double galley_parse_double(const char *s, char **end);

/* vsnprintf in the "C" locale (a '.' decimal point) whatever the locale
 * of the host program: for text other programs read back (traces). */
int galley_vsnprintf_c(char *buf, size_t size, const char *fmt, va_list ap);

#endif
