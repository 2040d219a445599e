/*
 * io.h: where a write to a path lands (private to libgalley; the public
 * file helpers are in galley/model.h).
 */
#ifndef GALLEY_MODEL_IO_H
#define GALLEY_MODEL_IO_H

/* The file a write to `path` is meant for when `path` is a symbolic link:
 * its target (malloc'ed), so that a finished file is renamed over the
 * target and the link stays (/dev/stdout redirected to a file is one); a
 * dangling link gives the path it names, created as a shell's redirection
 * would.  NULL when `path` is no link, or on error: then `path` itself is
 * the file. */
char *galley_io_link_target(const char *path);

#endif
