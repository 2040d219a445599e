/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * date.c: ISO 8601 dates (galley_date) and the output date rule.
 *
 * Dates written into outputs come from the document (publication date,
 * else the newest article date) or from SOURCE_DATE_EPOCH, never from the
 * clock: see "Determinism" in docs/DESIGN.md.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "galley/model.h"

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Reads exactly `n` digits at *s into *out and advances. */
static int digits(const char **s, int n, int *out)
{
	int v = 0, i;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*s)[i]))
			return -1;
		v = v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	*out = v;
	return 0;
}

int galley_date_parse(const char *s, galley_date *out)
{
	galley_date d;
	memset(&d, 0, sizeof d);
	if (s == NULL)
		return -1;
	while (*s == ' ' || *s == '\t')
		s++;
	if (digits(&s, 4, &d.year) < 0 || *s++ != '-' || digits(&s, 2, &d.month) < 0 ||
	    *s++ != '-' || digits(&s, 2, &d.day) < 0)
		return -1;
	if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 ||
	    d.day > days_in_month(d.year, d.month))
		return -1;
	if (*s == 'T' || *s == 't' || (*s == ' ' && isdigit((unsigned char)s[1]))) {
		/* Jekyll writes "2019-04-25 9:00:00": after a space, one digit
		 * of hour will do */
		int hour_digits = *s == ' ' && s[2] == ':' ? 1 : 2;
		s++;
		if (digits(&s, hour_digits, &d.hour) < 0 || *s++ != ':' || digits(&s, 2, &d.minute) < 0)
			return -1;
		if (*s == ':') {
			s++;
			if (digits(&s, 2, &d.second) < 0)
				return -1;
			if (*s == '.' || *s == ',') {
				s++;
				if (!isdigit((unsigned char)*s))
					return -1;
				while (isdigit((unsigned char)*s))
					s++;
			}
		}
		if (d.hour > 23 || d.minute > 59 || d.second > 60)
			return -1;
		d.has_time = true;
		while (*s == ' ')
			s++;
		if (*s == 'Z' || *s == 'z') {
			s++;
			d.has_zone = true;
		} else if (*s == '+' || *s == '-') {
			int sign = *s++ == '-' ? -1 : 1, zh, zm = 0;
			if (digits(&s, 2, &zh) < 0)
				return -1;
			if (*s == ':')
				s++;
			if (isdigit((unsigned char)*s) && digits(&s, 2, &zm) < 0)
				return -1;
			if (zh > 14 || zm > 59)
				return -1;
			d.zone_minutes = sign * (zh * 60 + zm);
			d.has_zone = true;
		}
	}
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '\0')
		return -1;
	*out = d;
	return 0;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long long days_from_civil(int y, int m, int d)
{
	long long era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static galley_date date_from_epoch(long long t)
{
	galley_date d;
	long long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	long long secs = t - days * 86400;
	long long z = days + 719468, era, doe, yoe, doy, mp;
	memset(&d, 0, sizeof d);
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	d.hour = (int)(secs / 3600);
	d.minute = (int)(secs / 60 % 60);
	d.second = (int)(secs % 60);
	d.has_time = true;
	d.has_zone = true;
	return d;
}

static long long date_to_epoch(const galley_date *d)
{
	long long t = days_from_civil(d->year, d->month, d->day) * 86400LL;
	t += d->hour * 3600LL + d->minute * 60LL + d->second;
	if (d->has_zone)
		t -= d->zone_minutes * 60LL;
	return t;
}

galley_date galley_date_add_days(const galley_date *date, long days)
{
	galley_date d;
	if (date->year == 0) {
		memset(&d, 0, sizeof d);
		return d;
	}
	d = date_from_epoch((days_from_civil(date->year, date->month, date->day) + days) * 86400LL);
	d.has_time = d.has_zone = false;
	return d;
}

char *galley_date_iso(const galley_date *date, bool with_time, char buf[32])
{
	buf[0] = '\0';
	if (date == NULL || date->year == 0)
		return buf;
	if (with_time) {
		galley_date u = *date;
		if (date->has_time && date->has_zone)
			u = date_from_epoch(date_to_epoch(date));
		snprintf(buf, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", u.year, u.month, u.day,
		         u.hour, u.minute, u.second);
	} else {
		snprintf(buf, 32, "%04d-%02d-%02d", date->year, date->month, date->day);
	}
	return buf;
}

char *galley_date_human(const galley_date *date, char buf[32])
{
	buf[0] = '\0';
	if (date == NULL || date->year == 0 || date->month < 1 || date->month > 12)
		return buf;
	snprintf(buf, 32, "%d %s %d", date->day, month_names[date->month - 1], date->year);
	return buf;
}

int galley_date_cmp(const galley_date *a, const galley_date *b)
{
	long long ta, tb;
	if (a->year == 0 || b->year == 0)
		return (a->year != 0) - (b->year != 0);
	ta = date_to_epoch(a);
	tb = date_to_epoch(b);
	return (ta > tb) - (ta < tb);
}

galley_date galley_doc_output_date(const galley_doc *doc)
{
	const galley_meta *meta = galley_doc_meta_const(doc);
	galley_date best;
	const char *sde;
	size_t i;
	memset(&best, 0, sizeof best);
	if (meta->date.year != 0)
		return meta->date;
	for (i = 0; i < galley_doc_narticles(doc); i++) {
		const galley_date *d = &galley_doc_article(doc, i)->meta.date;
		if (d->year != 0 && (best.year == 0 || galley_date_cmp(d, &best) > 0))
			best = *d;
	}
	if (best.year != 0)
		return best;
	sde = getenv("SOURCE_DATE_EPOCH");
	if (sde != NULL && *sde != '\0') {
		char *end;
		long long t = strtoll(sde, &end, 10);
		if (*end == '\0' && t >= 0 && t < 253402300800LL)
			return date_from_epoch(t);
	}
	return best;
}
