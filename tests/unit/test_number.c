/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_number.c: numbers read the same whatever the locale
 * (src/base/number.h, and the public parsers built on it).
 *
 * A program that uses galley may call setlocale(LC_ALL, "") under a
 * locale whose decimal point is a comma; strtod then reads "10.5" as 10.
 * galley_parse_double must give the doubles, end positions and errno that
 * strtod gives in the "C" locale, under such a locale too, set for the
 * whole process (setlocale) or for one thread (uselocale), and so must
 * galley_length_parse and galley_paper_parse.
 *
 * The comma locale is de_DE.UTF-8, which `make deps` generates.  Where the
 * system lacks it, the test compiles it with localedef into a folder of
 * its own and points LOCPATH there.  Only when neither works are the
 * locale checks skipped, with a line that says so.
 */
#include <stdarg.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "galley.h"
#include "base/number.h"
#include "t.h"

/* Inputs of every kind strtod reads, or stops early in. */
static const char *const inputs[] = {
	"10.5", "10.5pt", "0.1", "72", "  12.25mm", "-3.5", "+4.", ".5", "12.",
	"1e3", "1.5E-2in", "0x1.8p1", "3.14159265358979323846", "inf", "-nan",
	"1e999", "1e-400", "", "abc", "5,5", ",5", "1.2.3",
};
#define NINPUTS (sizeof inputs / sizeof inputs[0])

typedef struct parsed {
	double v;
	size_t used; /* characters read */
	int err;     /* errno after the call (0 or ERANGE) */
} parsed;

/* What strtod gives in the "C" locale, taken before any setlocale. */
static parsed reference[NINPUTS];

static parsed parse_with(double (*fn)(const char *, char **), const char *s)
{
	parsed p;
	char *end = NULL;

	errno = 0;
	p.v = fn(s, &end);
	p.err = errno;
	p.used = (size_t)(end - s);
	return p;
}

static bool same(parsed a, parsed b)
{
	if (isnan(a.v) || isnan(b.v))
		return isnan(a.v) && isnan(b.v) && a.used == b.used && a.err == b.err;
	return memcmp(&a.v, &b.v, sizeof a.v) == 0 && a.used == b.used && a.err == b.err;
}

/* Every input read by galley_parse_double as strtod reads it in "C". */
static void check_all(const char *when)
{
	char name[160];
	size_t bad = 0, i;

	for (i = 0; i < NINPUTS; i++) {
		parsed p = parse_with(galley_parse_double, inputs[i]);
		if (!same(p, reference[i])) {
			if (bad++ == 0)
				printf("# %s: \"%s\" read as %.17g (%zu characters, errno %d), "
				       "\"C\" reads %.17g (%zu, %d)\n", when, inputs[i], p.v, p.used, p.err,
				       reference[i].v, reference[i].used, reference[i].err);
		}
	}
	snprintf(name, sizeof name, "%s: every input read as strtod reads it in the C locale", when);
	T_EQ_INT(bad, 0, name);
}

/* galley_vsnprintf_c into a static buffer. */
static const char *format_c(const char *fmt, ...)
{
	static char buf[64];
	va_list ap;

	va_start(ap, fmt);
	galley_vsnprintf_c(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return buf;
}

/* The public parsers on lengths and papers with a decimal point. */
static void check_public(const char *when)
{
	char name[160];
	double pt = 0, w = 0, h = 0;

	snprintf(name, sizeof name, "%s: galley_length_parse(\"10.5pt\") is 10.5 pt", when);
	T_CHECK(galley_length_parse("10.5pt", &pt) == 0 && pt == 10.5, name);
	snprintf(name, sizeof name, "%s: galley_length_parse(\"2.54cm\") is 72 pt", when);
	T_CHECK(galley_length_parse("2.54cm", &pt) == 0 && fabs(pt - 72) < 1e-9, name);
	snprintf(name, sizeof name, "%s: galley_length_parse(\"10,5pt\") is refused", when);
	T_CHECK(galley_length_parse("10,5pt", &pt) < 0, name);
	snprintf(name, sizeof name, "%s: galley_paper_parse(\"148.5x210.25mm\")", when);
	T_CHECK(galley_paper_parse("148.5x210.25mm", &w, &h) == 0 && w == 148.5 * (72.0 / 25.4) &&
	        h == 210.25 * (72.0 / 25.4), name);
	snprintf(name, sizeof name, "%s: numbers written for traces keep the point", when);
	T_EQ_STR(format_c("%.2f %g", 10.5, 0.25), "10.50 0.25", name);
}

/* Whether the current locale of this thread reads "10.5" as 10: a comma
 * decimal point, under which plain strtod goes wrong. */
static bool strtod_stops_at_point(void)
{
	char *end = NULL;
	double v = strtod("10.5", &end);

	return v == 10.0 && end != NULL && *end == '.';
}

/* Sets a comma-decimal locale for the process; its name, or NULL. */
static const char *set_comma_locale(char *made, size_t size)
{
	static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
	                                    "nl_NL.UTF-8", "es_ES.UTF-8", "it_IT.UTF-8", "ru_RU.UTF-8"};
	char cmd[512];
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (setlocale(LC_ALL, names[i]) != NULL && strtod_stops_at_point())
			return names[i];
	/* compile one where the test may write, and look for locales there */
	snprintf(made, size, "/tmp/galley-locale-XXXXXX");
	if (mkdtemp(made) == NULL) {
		made[0] = '\0';
		return NULL;
	}
	snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 '%s/de_DE.UTF-8' >/dev/null 2>&1", made);
	if (system(cmd) != 0)
		return NULL;
	setenv("LOCPATH", made, 1);
	if (setlocale(LC_ALL, "de_DE.UTF-8") != NULL && strtod_stops_at_point())
		return "de_DE.UTF-8";
	return NULL;
}

static void remove_made(const char *made)
{
	char cmd[512];

	if (made[0] == '\0')
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", made);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", made);
}

int main(void)
{
	char made[256] = "";
	const char *name;
	locale_t loc;
	size_t i;

	for (i = 0; i < NINPUTS; i++)
		reference[i] = parse_with(strtod, inputs[i]);
	T_CHECK(reference[0].v == 10.5 && reference[1].used == 4, "strtod reads 10.5 before any setlocale");
	check_all("C locale");
	check_public("C locale");
	T_CHECK(galley_parse_double("7.25", NULL) == 7.25, "C locale: the end pointer may be NULL");

	name = set_comma_locale(made, sizeof made);
	if (name == NULL) {
		const char *why = "# SKIP locale checks: no locale with a decimal comma could be found "
		                  "or made (install Debian's `locales`: make deps)\n";
		printf("%s", why);
		fprintf(stderr, "%s", why);
		setlocale(LC_ALL, "C");
		remove_made(made);
		return t_done();
	}
	printf("# comma locale: %s%s%s\n", name, made[0] ? ", compiled in " : "", made);

	/* the whole process: what setlocale(LC_ALL, "") does under LANG=de_DE.UTF-8 */
	T_CHECK(strtod_stops_at_point(), "setlocale: plain strtod reads 10.5 as 10 (the bug)");
	check_all("setlocale");
	check_public("setlocale");

	/* one thread only, the process back in "C" */
	setlocale(LC_ALL, "C");
	loc = newlocale(LC_ALL_MASK, name, (locale_t)0);
	T_CHECK(loc != (locale_t)0, "uselocale: the comma locale opens as an object");
	if (loc != (locale_t)0) {
		uselocale(loc);
		T_CHECK(strtod_stops_at_point(), "uselocale: plain strtod reads 10.5 as 10 (the bug)");
		check_all("uselocale");
		check_public("uselocale");
		uselocale(LC_GLOBAL_LOCALE);
		freelocale(loc);
	}
	remove_made(made);
	return t_done();
}
