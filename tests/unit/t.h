/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * t.h: the smallest test harness that does the job.
 *
 * Each check prints one line, "ok - NAME" or "not ok - NAME: why", which
 * tests/run counts.  A test binary exits non-zero when any check failed.
 *
 *   T_CHECK(cond, "name")            a named check
 *   T_EQ_INT(a, b, "name")           integers, printing both on failure
 *   T_EQ_STR(a, b, "name")           strings (NULL-safe)
 *   return t_done();                 at the end of main
 */
#ifndef GALLEY_T_H
#define GALLEY_T_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int t_failed_;
static int t_count_;

static void t_report_(int ok, const char *name, const char *file, int line, const char *why)
{
	t_count_++;
	if (ok) {
		printf("ok - %s\n", name);
	} else {
		t_failed_++;
		printf("not ok - %s (%s:%d)%s%s\n", name, file, line, why ? ": " : "", why ? why : "");
	}
	fflush(stdout);
}

#define T_CHECK(cond, name) t_report_(!!(cond), (name), __FILE__, __LINE__, #cond)

#define T_EQ_INT(a, b, name) do { \
	long long t_a_ = (long long)(a), t_b_ = (long long)(b); char t_w_[128]; \
	snprintf(t_w_, sizeof t_w_, "%lld != %lld", t_a_, t_b_); \
	t_report_(t_a_ == t_b_, (name), __FILE__, __LINE__, t_w_); \
} while (0)

#define T_EQ_STR(a, b, name) do { \
	const char *t_a_ = (a), *t_b_ = (b); char t_w_[512]; \
	snprintf(t_w_, sizeof t_w_, "\"%.200s\" != \"%.200s\"", t_a_ ? t_a_ : "(null)", t_b_ ? t_b_ : "(null)"); \
	t_report_((t_a_ && t_b_ && strcmp(t_a_, t_b_) == 0) || (!t_a_ && !t_b_), (name), __FILE__, __LINE__, t_w_); \
} while (0)

static int t_done(void)
{
	if (t_count_ == 0) {
		printf("not ok - the test binary ran no check\n");
		return 1;
	}
	return t_failed_ ? 1 : 0;
}

#endif
