/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_fuzz_replay.c: replays the fuzzer's seed corpus and every crash it
 * ever found (tests/fuzz/corpus/) through the whole pipeline, so that the
 * ordinary `make check` (and `make check-asan`) guards against regressions
 * without clang or libFuzzer.
 *
 * The fuzzer only asks that nothing crashes; the replay also asks that
 * every input is read, laid out and written as PDF and EPUB, except the
 * inputs listed in `rejected`, which the reader must refuse: an error
 * after reading (fonts missing, a limit hit) would otherwise let the run
 * pass while typesetting nothing.  No input of the corpus reads and then
 * fails to typeset by design; one that should would need a case of its
 * own, with its reason, like the rejected ones.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "../fuzz/fuzz_target.c"

static const char *const fuzz_stage_names[FUZZ_STAGES] = {
	[FUZZ_LAYOUT_NARROW] = "layout (A5, two columns)",
	[FUZZ_PDF_NARROW] = "PDF (A5, two columns)",
	[FUZZ_LAYOUT] = "layout",
	[FUZZ_PDF] = "PDF",
	[FUZZ_EPUB] = "EPUB",
};

/* Inputs the reader refuses, each for its reason.  (A missing image, or
 * one outside the article's folder, is a warning and a placeholder: those
 * inputs must typeset.) */
static const struct {
	const char *name;
	const char *why;
} rejected[] = {
	{"badyaml.md", "malformed YAML front matter"},
	{"dupkey.md", "a front matter key given twice"},
	{"nul-invalid.md", "bytes that are not UTF-8"},
	{"unterminated.md", "front matter that is never closed"},
	{"wrongtype.md", "a date that is not a date"},
};

#define NREJECTED (sizeof rejected / sizeof rejected[0])

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Checks the outcome of the input named `file`; counts it in *typeset
 * when every stage succeeded and in *refused when the reader refused it
 * as it should. */
static void check_outcome(const char *file, const galley_fuzz_outcome *out, int *typeset, int *refused)
{
	char name[600], why[GALLEY_ERROR_MESSAGE_MAX + 64];
	size_t k;

	for (k = 0; k < NREJECTED; k++)
		if (strcmp(rejected[k].name, file) == 0)
			break;
	snprintf(why, sizeof why, "%s", out->skipped ? "skipped: over the size limit" : out->err.message);
	if (k < NREJECTED) {
		snprintf(name, sizeof name, "%s: refused by the reader (%s)", file, rejected[k].why);
		t_report_(!out->skipped && !out->read, name, __FILE__, __LINE__, "it was read");
		if (!out->read)
			printf("#   %s\n", out->err.message);
		*refused += !out->skipped && !out->read;
		return;
	}
	snprintf(name, sizeof name, "%s: read", file);
	t_report_(out->read, name, __FILE__, __LINE__, why);
	if (!out->read)
		return;
	snprintf(name, sizeof name, "%s: laid out, written as PDF and EPUB", file);
	snprintf(why, sizeof why, "%s failed: %s",
	         out->failed >= 0 ? fuzz_stage_names[out->failed] : "nothing", out->err.message);
	t_report_(out->failed < 0, name, __FILE__, __LINE__, why);
	*typeset += out->failed < 0;
}

int main(void)
{
	const char *dir = GALLEY_SRCDIR "/tests/fuzz/corpus";
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, i;
	int typeset = 0, refused = 0;

	T_CHECK(d != NULL, "corpus folder exists");
	if (d == NULL)
		return t_done();
	while ((e = readdir(d)) != NULL) {
		char **more;
		if (e->d_name[0] == '.')
			continue;
		more = realloc(names, (n + 1) * sizeof *names);
		if (more == NULL) {
			T_CHECK(0, "no memory for the corpus's names");
			break;
		}
		names = more;
		if ((names[n] = strdup(e->d_name)) == NULL) {
			T_CHECK(0, "no memory for the corpus's names");
			break;
		}
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, by_name);
	for (i = 0; i < n; i++) {
		char path[4096], name[300];
		galley_error err = GALLEY_ERROR_INIT;
		galley_fuzz_outcome out;
		char *data = NULL;
		size_t len = 0;
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		snprintf(name, sizeof name, "replay %s: no broken invariant", names[i]);
		if (galley_file_read(path, 1 << 20, &data, &len, &err) < 0) {
			T_CHECK(0, name);
		} else {
			T_CHECK(galley_fuzz_run((const uint8_t *)data, len, &out) == 0, name);
			check_outcome(names[i], &out, &typeset, &refused);
		}
		free(data);
		free(names[i]);
	}
	free(names);
	T_CHECK(n >= 10, "corpus holds at least ten inputs");
	T_EQ_INT(refused, NREJECTED, "every input listed as rejected is in the corpus and was refused");
	printf("# %d of %zu inputs typeset, %d refused by the reader\n", typeset, n, refused);
	T_EQ_INT((size_t)typeset + (size_t)refused, n, "every input was typeset or refused as listed");
	return t_done();
}
