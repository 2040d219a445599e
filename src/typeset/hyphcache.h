/*
 * hyphcache.h: libhyphen's compiled dictionaries kept on disk between runs
 * (private to src/typeset; see hyphcache.c).
 */
#ifndef GALLEY_TYPESET_HYPHCACHE_H
#define GALLEY_TYPESET_HYPHCACHE_H

#include <stdint.h>

#include <hyphen.h>

/* The cache folder: $GALLEY_CACHE_DIR (empty: no cache), else
 * $XDG_CACHE_HOME/galley, else $HOME/.cache/galley.  Malloc'ed, or NULL
 * when there is none. */
char *gl_hyphcache_dir(void);

/* The dictionary compiled from the pattern file `path`, as cached in
 * `dir`, or NULL when the cache has no valid copy for the file as it is
 * now (size and modification time), or on any read or check failure.
 * The dictionary is one block of memory, mapped from the file or
 * allocated: release it with gl_hyphcache_free, never with free() or
 * hnj_hyphen_free. */
HyphenDict *gl_hyphcache_load(const char *dir, const char *path);
void gl_hyphcache_free(HyphenDict *dict);

/* Stores `dict`, compiled by libhyphen from `path`, in `dir` (created
 * when missing).  Best effort: a failure leaves no file and no trace. */
void gl_hyphcache_store(const char *dir, const char *path, const HyphenDict *dict);

/* Whether images are mapped at their address (1), or always read (0):
 * ThreadSanitizer keeps its shadow where the images go and ends the
 * process on a mapping outside its own ranges. */
#if defined(__SANITIZE_THREAD__)
#define GL_HYPHCACHE_MAPS 0
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define GL_HYPHCACHE_MAPS 0
#endif
#endif
#ifndef GL_HYPHCACHE_MAPS
#define GL_HYPHCACHE_MAPS 1
#endif

/* For the tests: where the image starts in a cache file, the address its
 * pointers are written for (0 when unreadable), and a new CRC for a cache
 * file edited in place (0, or -1 when it cannot be rewritten). */
size_t gl_hyphcache_payload_offset(void);
uintptr_t gl_hyphcache_base(const char *file);
int gl_hyphcache_reseal(const char *file);

#endif
