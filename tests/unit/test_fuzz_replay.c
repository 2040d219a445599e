/*
 * test_fuzz_replay.c: replays the fuzzer's seed corpus and every crash it
 * ever found (tests/fuzz/corpus/) through the whole pipeline, so that the
 * ordinary `make check` (and `make check-asan`) guards against regressions
 * without clang or libFuzzer.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "../fuzz/fuzz_target.c"

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	const char *dir = GALLEY_SRCDIR "/tests/fuzz/corpus";
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, i;

	T_CHECK(d != NULL, "corpus folder exists");
	if (d == NULL)
		return t_done();
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	for (i = 0; i < n; i++) {
		char path[4096], name[300];
		galley_error err = GALLEY_ERROR_INIT;
		char *data = NULL;
		size_t len = 0;
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		snprintf(name, sizeof name, "replay %s", names[i]);
		if (galley_file_read(path, 1 << 20, &data, &len, &err) < 0) {
			T_CHECK(0, name);
		} else {
			T_CHECK(galley_fuzz_one((const uint8_t *)data, len) == 0, name);
		}
		free(data);
		free(names[i]);
	}
	free(names);
	T_CHECK(n >= 10, "corpus holds at least ten inputs");
	return t_done();
}
