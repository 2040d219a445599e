/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * number.c: numbers read and written in the "C" locale (number.h).
 *
 * strtod_l with a "C" locale object does the work: the digits are turned
 * into the nearest double by the C library, exactly as strtod does in the
 * "C" locale, which a hand-written parser would have to match bit for bit.
 * The object is made once for the process (pthread_once) and kept: glibc
 * returns its static "C" object without allocating, other C libraries
 * allocate it once.
 */
#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/number.h"

static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static locale_t c_locale = (locale_t)0;

static void c_locale_make(void)
{
	c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

int galley_vsnprintf_c(char *buf, size_t size, const char *fmt, va_list ap)
{
	locale_t old;
	int n;

	pthread_once(&c_locale_once, c_locale_make);
	if (c_locale == (locale_t)0)
		return vsnprintf(buf, size, fmt, ap);
	/* uselocale changes this thread's locale only, and only for the call */
	old = uselocale(c_locale);
	n = vsnprintf(buf, size, fmt, ap);
	uselocale(old);
	return n;
}

double galley_parse_double(const char *s, char **end)
{
	pthread_once(&c_locale_once, c_locale_make);
	if (c_locale == (locale_t)0) {
		if (end)
			*end = (char *)s;
		errno = ENOMEM;
		return 0;
	}
	return strtod_l(s, end, c_locale);
}
