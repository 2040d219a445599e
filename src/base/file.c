/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * file.c: whole-file reading and atomic writing (file.h), shared by the
 * readers and both writers so that every output follows one rule: a
 * temporary file beside the target, renamed into place only when
 * complete.  Also where the font folder is looked for.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "galley/model.h"
#include "base/file.h"
#include "base/buf.h"

#include <limits.h>
#include <stdatomic.h>

int galley_stream_read(FILE *f, const char *name, size_t max, const char *limit,
                       char **out, size_t *len, galley_error *err)
{
	galley_pos pos = {name, 0, 0};
	galley_buf b = GALLEY_BUF_INIT;
	int rc = 0;

	*out = NULL;
	*len = 0;
	for (;;) {
		size_t got;
		/* read in steps of 64 KiB, one byte past the limit at most */
		size_t step = max + 1 - b.len < 65536 ? max + 1 - b.len : 65536;

		if (!galley_buf_reserve(&b, step)) {
			rc = galley_error_set(err, GALLEY_ENOMEM, &pos, "out of memory reading the file");
			goto cleanup;
		}
		got = fread(b.data + b.len, 1, step, f);
		b.len += got;
		b.data[b.len] = '\0';
		if (b.len > max) {
			rc = galley_error_set(err, GALLEY_ELIMIT, &pos, "file exceeds the %s of %zu bytes",
			                      limit ? limit : "size limit", max);
			goto cleanup;
		}
		if (got == 0) {
			if (ferror(f)) {
				rc = galley_error_set(err, GALLEY_EIO, &pos, "cannot read: %s", strerror(errno));
				goto cleanup;
			}
			break;
		}
	}
	if (!galley_buf_reserve(&b, 0)) {
		rc = galley_error_set(err, GALLEY_ENOMEM, &pos, "out of memory reading the file");
		goto cleanup;
	}
	*out = galley_buf_take(&b, len);
cleanup:
	galley_buf_dispose(&b);
	return rc;
}

int galley_file_read_limit(const char *path, size_t max, const char *limit,
                           char **out, size_t *len, galley_error *err)
{
	galley_pos pos = {path, 0, 0};
	struct stat st;
	FILE *f;
	int rc;

	*out = NULL;
	*len = 0;
	f = fopen(path, "rb");
	if (f == NULL || fstat(fileno(f), &st) != 0) {
		rc = galley_error_set(err, GALLEY_EIO, &pos, "cannot open: %s", strerror(errno));
		goto cleanup;
	}
	if (S_ISDIR(st.st_mode)) {
		rc = galley_error_set(err, GALLEY_EIO, &pos, "is a folder, not a file");
		goto cleanup;
	}
	rc = galley_stream_read(f, path, max, limit, out, len, err);
cleanup:
	if (f != NULL)
		fclose(f);
	return rc;
}

int galley_file_read(const char *path, size_t max, char **out, size_t *len,
                     galley_error *err)
{
	return galley_file_read_limit(path, max, NULL, out, len, err);
}

/* The file a write to `path` is meant for when `path` is a symbolic link:
 * its target (malloc'ed), so that a finished file is renamed over the
 * target and the link stays; a dangling link gives the path it names,
 * created as a shell's redirection would.  NULL when `path` is no link,
 * or on error: then `path` itself is the file. */
static char *link_target(const char *path)
{
	struct stat st;
	char *real, *out;
	char link[4096];
	ssize_t n;
	const char *slash;
	size_t dir;

	if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
		return NULL;
	if ((real = realpath(path, NULL)) != NULL)
		return real;
	n = readlink(path, link, sizeof link - 1);
	if (n <= 0)
		return NULL;
	link[n] = '\0';
	slash = strrchr(path, '/');
	dir = link[0] == '/' || !slash ? 0 : (size_t)(slash - path) + 1;
	if ((out = malloc(dir + (size_t)n + 1)) == NULL)
		return NULL;
	memcpy(out, path, dir);
	memcpy(out + dir, link, (size_t)n + 1);
	return out;
}

static int write_failed(galley_error *err, const char *shown, int e)
{
	galley_pos pos = {shown, 0, 0};

	return galley_error_set(err, GALLEY_EIO, &pos, "cannot write: %s",
	                        e > 0 ? strerror(e) : "no space written");
}

/* How many names a temporary file tries before giving up: each clash is
 * another process writing beside the same target at the same moment. */
#define ATOMIC_NAME_TRIES 64

/* Temporary names differ by process and by call. */
static atomic_uint atomic_serial;

int galley_atomic_begin(galley_atomic *a, const char *path, galley_error *err)
{
	galley_pos pos = {path, 0, 0};
	struct stat st;
	size_t size;
	int rc = 0;

	a->shown = path;
	a->tmp = NULL;
	a->fd = -1;
	a->target = link_target(path);
	if (a->target == NULL && (a->target = strdup(path)) == NULL)
		return galley_error_set(err, GALLEY_ENOMEM, &pos, "out of memory");
	if (stat(a->target, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			rc = galley_error_set(err, GALLEY_EIO, &pos, "cannot write: is a folder");
			goto fail;
		}
		if (!S_ISREG(st.st_mode)) {
			a->fd = open(a->target, O_WRONLY | O_CLOEXEC | O_NOCTTY);
			if (a->fd < 0) {
				rc = galley_error_set(err, GALLEY_EIO, &pos, "cannot open the output: %s",
				                      strerror(errno));
				goto fail;
			}
			return 0;
		}
	}
	size = strlen(a->target) + 32;
	if ((a->tmp = malloc(size)) == NULL) {
		rc = galley_error_set(err, GALLEY_ENOMEM, &pos, "out of memory");
		goto fail;
	}
	for (int i = 0; i < ATOMIC_NAME_TRIES; i++) {
		unsigned serial = atomic_fetch_add(&atomic_serial, 1);
		snprintf(a->tmp, size, "%s.tmp-%ld-%u", a->target, (long)getpid(), serial);
		a->fd = open(a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0666);
		if (a->fd >= 0 || errno != EEXIST)
			break;
	}
	if (a->fd < 0) {
		rc = galley_error_set(err, GALLEY_EIO, &pos, "cannot create the output: %s", strerror(errno));
		free(a->tmp);
		a->tmp = NULL;
		goto fail;
	}
	return 0;
fail:
	free(a->target);
	a->target = NULL;
	return rc;
}

const char *galley_atomic_path(const galley_atomic *a)
{
	return a->tmp ? a->tmp : a->target;
}

int galley_atomic_write(galley_atomic *a, const void *bytes, size_t len, galley_error *err)
{
	const char *p = bytes;

	while (len > 0) {
		ssize_t w = write(a->fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return write_failed(err, a->shown, w < 0 ? errno : -1);
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int galley_atomic_commit(galley_atomic *a, galley_error *err)
{
	galley_pos pos = {a->shown, 0, 0};
	int rc = 0;

	/* fsync is refused by pipes and some devices (EINVAL): nothing to flush */
	if (a->tmp && fsync(a->fd) != 0 && errno != EINVAL) {
		rc = write_failed(err, a->shown, errno);
		goto done;
	}
	if (close(a->fd) != 0) {
		a->fd = -1;
		rc = write_failed(err, a->shown, errno);
		goto done;
	}
	a->fd = -1;
	if (a->tmp && rename(a->tmp, a->target) != 0) {
		rc = galley_error_set(err, GALLEY_EIO, &pos, "cannot rename the output into place: %s",
		                      strerror(errno));
		goto done;
	}
	free(a->tmp);
	a->tmp = NULL;
done:
	galley_atomic_abort(a);
	return rc;
}

void galley_atomic_abort(galley_atomic *a)
{
	if (a->fd >= 0)
		close(a->fd);
	a->fd = -1;
	if (a->tmp) {
		unlink(a->tmp);
		free(a->tmp);
		a->tmp = NULL;
	}
	free(a->target);
	a->target = NULL;
}

int galley_file_write_atomic(const char *path, const void *bytes, size_t len,
                             galley_error *err)
{
	galley_atomic a;
	int rc;

	if ((rc = galley_atomic_begin(&a, path, err)) < 0)
		return rc;
	if ((rc = galley_atomic_write(&a, bytes, len, err)) < 0) {
		galley_atomic_abort(&a);
		return rc;
	}
	return galley_atomic_commit(&a, err);
}

/* ---- the font folder -------------------------------------------------------- */

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Whether this process's executable lives under the source tree's build
 * folder (the tree's path may itself run through symbolic links). */
static bool running_from_tree(void)
{
	static const char tree_build[] = GALLEY_SRCDIR "/build/";
	char self[PATH_MAX];
	char *real;
	bool in;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);

	if (n <= 0)
		return false;
	self[n] = '\0';
	if (strncmp(self, tree_build, sizeof tree_build - 1) == 0)
		return true;
	if ((real = realpath(GALLEY_SRCDIR, NULL)) == NULL)
		return false;
	in = strncmp(self, real, strlen(real)) == 0 && strncmp(self + strlen(real), "/build/", 7) == 0;
	free(real);
	return in;
}

bool galley_running_from_tree(void)
{
	return running_from_tree();
}

const char *galley_font_dir(const char *configured)
{
	const char *env = getenv("GALLEY_FONT_DIR");

	if (configured && *configured)
		return configured;
	if (env && *env)
		return env;
	if (running_from_tree() && is_dir(GALLEY_SRCDIR "/fonts"))
		return GALLEY_SRCDIR "/fonts";
	if (is_dir(GALLEY_DATADIR "/fonts") || !is_dir(GALLEY_SRCDIR "/fonts"))
		return GALLEY_DATADIR "/fonts";
	return GALLEY_SRCDIR "/fonts";
}

char *galley_cache_dir(void)
{
	const char *own = getenv("GALLEY_CACHE_DIR");
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	char *dir;
	size_t n;

	if (own)
		return *own ? strdup(own) : NULL;
	if (xdg && xdg[0] == '/') {
		n = strlen(xdg) + sizeof "/galley";
		if ((dir = malloc(n)) != NULL)
			snprintf(dir, n, "%s/galley", xdg);
		return dir;
	}
	if (home && home[0] == '/') {
		n = strlen(home) + sizeof "/.cache/galley";
		if ((dir = malloc(n)) != NULL)
			snprintf(dir, n, "%s/.cache/galley", home);
		return dir;
	}
	return NULL;
}
