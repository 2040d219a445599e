/*
 * io.c: whole-file reading and atomic writing, shared by the readers and
 * both writers so that every output follows one rule: a temporary file
 * beside the target, renamed into place only when complete.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "galley/model.h"
#include "model/io.h"

int galley_file_read(const char *path, size_t max, char **out, size_t *len,
                     galley_error *err)
{
	galley_pos pos = {path, 0, 0};
	FILE *f = NULL;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	*out = NULL;
	*len = 0;
	f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (f == NULL) {
		rc = galley_error_set(err, GALLEY_EIO, &pos, "cannot open: %s", strerror(errno));
		goto cleanup;
	}
	for (;;) {
		size_t got;
		if (cap - n < 65536) {
			size_t ncap = cap ? cap * 2 : 65536;
			char *p;
			if (ncap > max + 65537)
				ncap = max + 65537;
			if (ncap <= cap) {
				rc = galley_error_set(err, GALLEY_ELIMIT, &pos,
				                      "file larger than the %zu-byte limit", max);
				goto cleanup;
			}
			p = realloc(buf, ncap);
			if (p == NULL) {
				rc = galley_error_set(err, GALLEY_ENOMEM, &pos, "out of memory reading the file");
				goto cleanup;
			}
			buf = p;
			cap = ncap;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (n > max) {
			rc = galley_error_set(err, GALLEY_ELIMIT, &pos,
			                      "file larger than the %zu-byte limit", max);
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
	if (buf == NULL && (buf = malloc(1)) == NULL) {
		rc = galley_error_set(err, GALLEY_ENOMEM, &pos, "out of memory reading the file");
		goto cleanup;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	buf = NULL;
cleanup:
	if (f != NULL && f != stdin)
		fclose(f);
	free(buf);
	return rc;
}

char *galley_io_link_target(const char *path)
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
	/* a dangling link: the file it names is created, as a shell's
	 * redirection would (its folder must exist) */
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

/* Writes all len bytes to fd: 0, an errno value, or -1 when a write
 * wrote nothing. */
static int write_all(int fd, const void *bytes, size_t len)
{
	const char *p = bytes;

	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? errno : -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

static int write_failed(galley_error *err, const galley_pos *pos, int e)
{
	return galley_error_set(err, GALLEY_EIO, pos, "cannot write: %s", e > 0 ? strerror(e) : "no space written");
}

/* Writes len bytes to the existing non-regular file `path` (a device or
 * a pipe) directly. */
static int write_special(const char *path, const char *shown, const void *bytes, size_t len,
                         galley_error *err)
{
	galley_pos pos = {shown, 0, 0};
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY), e;

	if (fd < 0)
		return galley_error_set(err, GALLEY_EIO, &pos, "cannot open the output: %s", strerror(errno));
	if ((e = write_all(fd, bytes, len)) != 0) {
		close(fd);
		return write_failed(err, &pos, e);
	}
	if (close(fd) != 0)
		return write_failed(err, &pos, errno);
	return 0;
}

/* galley_file_write_atomic into `path`, messages naming `shown`. */
static int write_atomic(const char *path, const char *shown, const void *bytes, size_t len,
                        galley_error *err)
{
	galley_pos pos = {shown, 0, 0};
	char *tmp = NULL;
	int fd = -1, rc = 0, e;
	size_t plen = strlen(path);
	struct stat st;

	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return galley_error_set(err, GALLEY_EIO, &pos, "cannot write: is a folder");
		/* A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written
		 * as it is: renaming a finished file over it would replace the
		 * device node itself with a regular file. */
		if (!S_ISREG(st.st_mode))
			return write_special(path, shown, bytes, len, err);
	}
	tmp = malloc(plen + 16);
	if (tmp == NULL)
		return galley_error_set(err, GALLEY_ENOMEM, &pos, "out of memory");
	snprintf(tmp, plen + 16, "%s.tmp-XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = galley_error_set(err, GALLEY_EIO, &pos, "cannot create the output: %s", strerror(errno));
		free(tmp);
		return rc;
	}
	if ((e = write_all(fd, bytes, len)) != 0) {
		rc = write_failed(err, &pos, e);
		goto cleanup;
	}
	/* new files get the usual rw-r--r-- less the umask, not mkstemp's 0600 */
	{
		mode_t mask = umask(0);
		umask(mask);
		if (fchmod(fd, 0666 & ~mask) != 0) {
			rc = galley_error_set(err, GALLEY_EIO, &pos, "cannot set permissions: %s", strerror(errno));
			goto cleanup;
		}
	}
	if (fsync(fd) != 0 && errno != EINVAL) {
		rc = galley_error_set(err, GALLEY_EIO, &pos, "cannot write: %s", strerror(errno));
		goto cleanup;
	}
	if (close(fd) != 0) {
		fd = -1;
		rc = galley_error_set(err, GALLEY_EIO, &pos, "cannot write: %s", strerror(errno));
		goto cleanup;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		rc = galley_error_set(err, GALLEY_EIO, &pos, "cannot rename the output into place: %s",
		                      strerror(errno));
		goto cleanup;
	}
cleanup:
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

int galley_file_write_atomic(const char *path, const void *bytes, size_t len,
                             galley_error *err)
{
	/* through a symbolic link, the file it names is replaced, not the
	 * link (/dev/stdout redirected to a file is one) */
	char *target = galley_io_link_target(path);
	int rc = write_atomic(target ? target : path, path, bytes, len, err);

	free(target);
	return rc;
}
