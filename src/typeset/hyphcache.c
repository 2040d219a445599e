/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * hyphcache.c: libhyphen's compiled dictionaries kept on disk between runs.
 *
 * libhyphen compiles a pattern file into a state machine every time it
 * loads one: en-US's 11,000 patterns become 15,600 states in 8 ms of CPU,
 * German's megabyte of patterns 292,000 states in 3.3 s.  So the first run
 * writes the machine to a file in the user's cache folder (0.3 and 5.5 MB)
 * and later runs rebuild it from there: en-US in 1.1 to 1.5 ms, German in
 * 15 to 17 ms (a fresh process, the page cache warm; freeing it takes 0.3
 * and 4 ms more, as it does a compiled one).  Hyphenation still runs
 * through libhyphen (hnj_hyphen_hyphenate3) on a machine equal, state for
 * state, to the one libhyphen built.
 *
 * The file format is galley's own and does not depend on libhyphen's
 * memory layout.  The writer reads the machine through the fields that
 * <hyphen.h> names; the reader builds a new HyphenDict through the same
 * names, each piece allocated with malloc as libhyphen allocates it, so
 * that hnj_hyphen_free releases it.  A libhyphen that renames or removes a
 * field no longer compiles here; one that adds a field fails the size
 * checks below, also at compile time, rather than leaving the new field
 * unset.  Integers have a fixed width and byte order, so one file reads
 * the same on any machine.  (Mapping an image of libhyphen's structures,
 * pointers set, at a fixed address would be faster, but it would depend
 * on libhyphen's memory layout: a libhyphen whose structures changed
 * without changing size would be misread, silently.)
 *
 * A cache file is used only when everything matches: magic and version,
 * the pattern file's size and modification time, the length, a CRC-32 of
 * the whole file, and every count, string length, state index and
 * transition target in range; anything else is a miss, after which the
 * patterns are compiled again and the file is rewritten (atomically, so
 * that concurrent runs never see half a file).  A cache that cannot be
 * written or read is simply not used.  The checks are against damage and
 * against files from other versions, not forgery: a file in the user's
 * own cache folder is trusted as libhyphen trusts its pattern files.
 *
 * File layout (integers little-endian; i8..i32 signed, u8..u64 unsigned):
 *
 *   header, GALLEY_HYPHCACHE_HEADER_BYTES:
 *     0  magic "GLHYPHC\0"     8  u32 version      12  u32 levels (1..4)
 *    16  u64 pattern file size 24  i64 its mtime, seconds
 *    32  u32 its mtime, nanoseconds                 36  u32 bytes of levels
 *   the levels, in nextlevel order, each:
 *     i8 lhmin, rhmin, clhmin, crhmin; i32 utf8;
 *     u8 n, then n bytes: cset (without its NUL; n < MAX_NAME);
 *     i32 nohyphenl; u32 n, then n bytes: the NOHYPHEN list, nohyphenl + 1
 *       strings each with its NUL (n = 0: no list);
 *     u32 states (>= 1), then each state:
 *       u16 match length + 1 (0: NULL); u16 repl length + 1 (likewise);
 *       i8 replindex; i8 replcut; i32 fallback state (-1 .. states - 1);
 *       u16 transitions (<= 256);
 *       the bytes of match, then of repl (no NULs); each transition:
 *       u8 byte, u32 target state (< states)
 *   u32 CRC-32 of every byte before it.
 */
#include "typeset/hyphcache.h"
#include "base/file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libdeflate.h>

#include "galley/model.h"

/* 8 bytes with its NUL */
#define HC_MAGIC "GLHYPHC"
#define HC_HEADER GALLEY_HYPHCACHE_HEADER_BYTES
/* The CRC after the levels. */
#define HC_TRAILER 4u
/* Levels of a dictionary: libhyphen makes two (the patterns' own first
 * level, or its default one, and the patterns). */
#define HC_MAX_LEVELS 4u
/* Largest cache file read: German's is 5.5 MB. */
#define HC_MAX_FILE ((size_t)128 << 20)
/* Longest match or repl string, and NOHYPHEN list.  libhyphen's come
 * from pattern lines shorter than its MAX_CHARS. */
#define HC_MAX_STR 1024u
_Static_assert(MAX_CHARS <= HC_MAX_STR, "libhyphen's strings fit in the format");
/* Most transitions out of one state: libhyphen makes one per byte value
 * at most. */
#define HC_MAX_TRANS 256u
/* Bytes of a state without its strings and transitions (the smallest a
 * state can be), and of one transition. */
#define HC_STATE_BYTES 12u
#define HC_TRANS_BYTES 5u
/* The file is read through a buffer of this many bytes rather than whole:
 * German's would be 1,350 pages of fresh memory to fault in and fill.
 * Each item taken from it (a level's header, a state's strings and
 * transitions) must fit. */
#define HC_CHUNK 65536u
_Static_assert(2 * HC_MAX_STR + HC_MAX_TRANS * HC_TRANS_BYTES <= HC_CHUNK,
               "every item fits in the read buffer");

/* The fields of <hyphen.h> written and rebuilt here, as libhyphen 2.8
 * declares them.  A field added to libhyphen's structures (beyond their
 * padding) changes their size: a compile error here, where the new field
 * must be given a place in the format and GALLEY_HYPHCACHE_VERSION
 * bumped. */
struct hc_dict_fields {
	char lhmin, rhmin, clhmin, crhmin;
	char *nohyphen;
	int nohyphenl;
	int num_states;
	char cset[MAX_NAME];
	int utf8;
	HyphenState *states;
	HyphenDict *nextlevel;
};
struct hc_state_fields {
	char *match;
	char *repl;
	signed char replindex;
	signed char replcut;
	int fallback_state;
	int num_trans;
	HyphenTrans *trans;
};
struct hc_trans_fields {
	char ch;
	int new_state;
};
_Static_assert(sizeof(HyphenDict) == sizeof(struct hc_dict_fields),
               "HyphenDict has fields the cache does not keep");
_Static_assert(sizeof(HyphenState) == sizeof(struct hc_state_fields),
               "HyphenState has fields the cache does not keep");
_Static_assert(sizeof(HyphenTrans) == sizeof(struct hc_trans_fields),
               "HyphenTrans has fields the cache does not keep");

char *galley_hyphcache_dir(void)
{
	return galley_cache_dir();
}

/* FNV-1a of a string. */
static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* dir/hyph-<name of the pattern file>-<hash of its real path>.bin */
static char *cache_path(const char *dir, const char *path)
{
	char *real = realpath(path, NULL);
	const char *key = real ? real : path;
	const char *base = strrchr(key, '/');
	uint32_t h = hash_str(key);
	size_t n;
	char *out;

	base = base ? base + 1 : key;
	n = strlen(dir) + strlen(base) + 32;
	out = malloc(n);
	if (out)
		snprintf(out, n, "%s/hyph-%s-%08x.bin", dir, base, (unsigned)h);
	free(real);
	return out;
}

/* ---- writing ------------------------------------------------------------- */

/* Where serialised bytes go.  With `buf` NULL they are only counted, so
 * that one walk over the machine both sizes and writes a file. */
typedef struct hc_out {
	unsigned char *buf;
	size_t len;        /* bytes put so far */
} hc_out;

static void put_bytes(hc_out *o, const void *bytes, size_t n)
{
	if (o->buf != NULL && n > 0)
		memcpy(o->buf + o->len, bytes, n);
	o->len += n;
}

/* The low `n` bytes of v, little-endian (a negative value as two's
 * complement, through its conversion to uint64_t). */
static void put_le(hc_out *o, uint64_t v, size_t n)
{
	unsigned char b[8];

	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	put_bytes(o, b, n);
}

/* A state's string as the format counts it: its length plus one, 0 for
 * NULL. */
static size_t str_field(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

/* The bytes of a string counted so (none for NULL and ""). */
static void put_str(hc_out *o, const char *s, size_t field)
{
	put_bytes(o, s, field ? field - 1 : 0);
}

/* Bytes of a NOHYPHEN list: libhyphen keeps nohyphenl + 1 strings back to
 * back, each with its NUL, and reads them all. */
static size_t nohyphen_bytes(const HyphenDict *d)
{
	size_t n = 0;

	for (int k = 0; d->nohyphen && k <= d->nohyphenl; k++)
		n += strlen(d->nohyphen + n) + 1;
	return n;
}

/* One level of the machine; false when the format cannot hold it or an
 * index is out of range (no machine libhyphen makes). */
static bool put_level(hc_out *o, const HyphenDict *d)
{
	size_t cset = strnlen(d->cset, sizeof d->cset);
	size_t nohyphen = nohyphen_bytes(d);

	if (d->num_states < 1 || cset >= sizeof d->cset || cset > UINT8_MAX || d->nohyphenl < 0 ||
	    nohyphen > HC_MAX_STR)
		return false;
	put_le(o, (uint64_t)d->lhmin, 1);
	put_le(o, (uint64_t)d->rhmin, 1);
	put_le(o, (uint64_t)d->clhmin, 1);
	put_le(o, (uint64_t)d->crhmin, 1);
	put_le(o, (uint64_t)d->utf8, 4);
	put_le(o, cset, 1);
	put_bytes(o, d->cset, cset);
	put_le(o, (uint64_t)d->nohyphenl, 4);
	put_le(o, nohyphen, 4);
	put_bytes(o, d->nohyphen, nohyphen);
	put_le(o, (uint64_t)d->num_states, 4);
	for (int i = 0; i < d->num_states; i++) {
		const HyphenState *s = &d->states[i];
		size_t match = str_field(s->match), repl = str_field(s->repl);
		if (match > HC_MAX_STR + 1 || repl > HC_MAX_STR + 1 || s->fallback_state < -1 ||
		    s->fallback_state >= d->num_states || s->num_trans < 0 ||
		    (unsigned)s->num_trans > HC_MAX_TRANS || (s->num_trans > 0 && s->trans == NULL))
			return false;
		put_le(o, match, 2);
		put_le(o, repl, 2);
		put_le(o, (uint64_t)s->replindex, 1);
		put_le(o, (uint64_t)s->replcut, 1);
		put_le(o, (uint64_t)s->fallback_state, 4);
		put_le(o, (uint64_t)s->num_trans, 2);
		put_str(o, s->match, match);
		put_str(o, s->repl, repl);
		for (int k = 0; k < s->num_trans; k++) {
			if (s->trans[k].new_state < 0 || s->trans[k].new_state >= d->num_states)
				return false;
			put_le(o, (unsigned char)s->trans[k].ch, 1);
			put_le(o, (uint64_t)s->trans[k].new_state, 4);
		}
	}
	return true;
}

static bool put_levels(hc_out *o, const HyphenDict *dict)
{
	for (const HyphenDict *d = dict; d; d = d->nextlevel)
		if (!put_level(o, d))
			return false;
	return true;
}

void galley_hyphcache_store(const char *dir, const char *path, const HyphenDict *dict)
{
	galley_error err = GALLEY_ERROR_INIT;
	hc_out sized = {NULL, 0}, out = {NULL, 0};
	struct stat st;
	char *file = NULL, *parent = NULL;
	uint32_t levels = 0;

	if (dir == NULL || dict == NULL || stat(path, &st) != 0)
		goto cleanup;
	for (const HyphenDict *d = dict; d; d = d->nextlevel)
		if (++levels > HC_MAX_LEVELS)
			goto cleanup;
	if (!put_levels(&sized, dict) || sized.len > HC_MAX_FILE - HC_HEADER - HC_TRAILER ||
	    (out.buf = malloc(HC_HEADER + sized.len + HC_TRAILER)) == NULL ||
	    (file = cache_path(dir, path)) == NULL)
		goto cleanup;
	put_bytes(&out, HC_MAGIC, sizeof HC_MAGIC);
	put_le(&out, GALLEY_HYPHCACHE_VERSION, 4);
	put_le(&out, levels, 4);
	put_le(&out, (uint64_t)st.st_size, 8);
	put_le(&out, (uint64_t)(int64_t)st.st_mtim.tv_sec, 8);
	put_le(&out, (uint64_t)st.st_mtim.tv_nsec, 4);
	put_le(&out, sized.len, 4);
	(void)put_levels(&out, dict);  /* as it was sized */
	put_le(&out, libdeflate_crc32(0, out.buf, out.len), 4);
	/* the folder, and its parent ($HOME/.cache) when missing */
	if ((parent = strdup(dir)) != NULL) {
		char *slash = strrchr(parent, '/');
		if (slash && slash != parent) {
			*slash = '\0';
			(void)mkdir(parent, 0700);
		}
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		goto cleanup;
	(void)galley_file_write_atomic(file, out.buf, out.len, &err);
cleanup:
	free(parent);
	free(file);
	free(out.buf);
}

/* ---- reading ------------------------------------------------------------- */

/* A cache file being read: its bytes pass through `buf`, and their CRC is
 * taken as they come. */
typedef struct hc_in {
	int fd;
	unsigned char *buf;  /* HC_CHUNK bytes */
	size_t at, end;      /* the bytes read and not yet taken: buf[at, end) */
	size_t left;         /* bytes of the levels still in the file */
	uint32_t crc;        /* CRC-32 of the bytes read so far */
} hc_in;

/* Exactly n bytes from the file into b, added to the CRC: true, or false
 * at its end or on an error. */
static bool read_into(hc_in *in, unsigned char *b, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(in->fd, b + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		got += (size_t)r;
	}
	in->crc = libdeflate_crc32(in->crc, b, n);
	return true;
}

/* Moves the bytes not yet taken to the front of the buffer and reads
 * more after them, so that at least n are there: true, or false when the
 * file has fewer or cannot be read. */
static bool refill(hc_in *in, size_t n)
{
	size_t have = in->end - in->at, more = HC_CHUNK - have;

	if (n > HC_CHUNK || n - have > in->left)
		return false;
	memmove(in->buf, in->buf + in->at, have);
	in->at = 0;
	in->end = have;
	if (more > in->left)
		more = in->left;
	if (!read_into(in, in->buf + have, more))
		return false;
	in->end += more;
	in->left -= more;
	return true;
}

/* The next n bytes of the levels (n <= HC_CHUNK), or NULL when fewer are
 * left or the file cannot be read.  They stay valid until the next call. */
static inline const unsigned char *take(hc_in *in, size_t n)
{
	const unsigned char *at;

	if (in->end - in->at < n && !refill(in, n))
		return NULL;
	at = in->buf + in->at;
	in->at += n;
	return at;
}

/* Bytes of the levels not yet taken. */
static size_t remaining(const hc_in *in)
{
	return in->end - in->at + in->left;
}

static uint32_t le16(const unsigned char *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8;
}

static uint32_t le32(const unsigned char *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static uint64_t le64(const unsigned char *b)
{
	return (uint64_t)le32(b) | (uint64_t)le32(b + 4) << 32;
}

/* A u32 holding an i32 (two's complement). */
static int32_t to_i32(uint32_t u)
{
	return u <= INT32_MAX ? (int32_t)u : (int32_t)(u - 0x80000000u) - INT32_MAX - 1;
}

/* A state's string at b, `field` as the format counts it (its length
 * plus one, 0 for NULL), into *out: NULL, or a malloc'ed copy.  false
 * when it holds a NUL or memory runs out. */
static bool get_str(const unsigned char *b, uint32_t field, char **out)
{
	size_t n = field - 1;

	if (field == 0)
		return true;
	if (memchr(b, '\0', n) != NULL || (*out = malloc(n + 1)) == NULL)
		return false;
	memcpy(*out, b, n);
	(*out)[n] = '\0';
	return true;
}

/* Whether the n bytes at b are exactly count + 1 strings, each with its
 * NUL (what libhyphen reads of a NOHYPHEN list). */
static bool nohyphen_ok(const unsigned char *b, size_t n, int32_t count)
{
	size_t at = 0;

	for (int64_t k = 0; k <= count; k++) {
		const unsigned char *nul = at < n ? memchr(b + at, '\0', n - at) : NULL;
		if (nul == NULL)
			return false;
		at = (size_t)(nul - b) + 1;
	}
	return at == n;
}

/* One state of a level of `nstates` into s (zeroed: what is read before a
 * failure is freed by hnj_hyphen_free). */
static bool get_state(hc_in *in, HyphenState *s, uint32_t nstates)
{
	const unsigned char *b = take(in, HC_STATE_BYTES);
	uint32_t match, repl, ntrans;
	size_t nmatch, nrepl;
	int32_t fallback;

	if (b == NULL)
		return false;
	match = le16(b);
	repl = le16(b + 2);
	s->replindex = (signed char)b[4];
	s->replcut = (signed char)b[5];
	fallback = to_i32(le32(b + 6));
	ntrans = le16(b + 10);
	if (match > HC_MAX_STR + 1 || repl > HC_MAX_STR + 1 || fallback < -1 ||
	    fallback >= (int64_t)nstates || ntrans > HC_MAX_TRANS)
		return false;
	s->fallback_state = fallback;
	nmatch = match ? match - 1 : 0;
	nrepl = repl ? repl - 1 : 0;
	/* the strings, then the transitions */
	if ((b = take(in, nmatch + nrepl + ntrans * HC_TRANS_BYTES)) == NULL ||
	    !get_str(b, match, &s->match) || !get_str(b + nmatch, repl, &s->repl))
		return false;
	if (ntrans == 0)
		return true;
	b += nmatch + nrepl;
	if ((s->trans = malloc(ntrans * sizeof *s->trans)) == NULL)
		return false;
	s->num_trans = (int)ntrans;
	for (uint32_t k = 0; k < ntrans; k++, b += HC_TRANS_BYTES) {
		uint32_t to = le32(b + 1);
		if (to >= nstates)
			return false;
		s->trans[k].ch = (char)b[0];
		s->trans[k].new_state = (int)to;
	}
	return true;
}

/* One level into d (zeroed, and already in the chain: hnj_hyphen_free
 * releases whatever was read before a failure). */
static bool get_level(hc_in *in, HyphenDict *d)
{
	const unsigned char *b;
	uint32_t n, nstates;
	int32_t nohyphenl;

	/* four hyphenmins, utf8, the length of cset */
	if ((b = take(in, 9)) == NULL)
		return false;
	d->lhmin = (char)b[0];
	d->rhmin = (char)b[1];
	d->clhmin = (char)b[2];
	d->crhmin = (char)b[3];
	d->utf8 = to_i32(le32(b + 4));
	n = b[8];
	if (n >= sizeof d->cset || (b = take(in, n)) == NULL || memchr(b, '\0', n) != NULL)
		return false;
	memcpy(d->cset, b, n);
	if ((b = take(in, 8)) == NULL)
		return false;
	nohyphenl = to_i32(le32(b));
	n = le32(b + 4);
	if (nohyphenl < 0)
		return false;
	d->nohyphenl = nohyphenl;
	if (n > 0) {
		if (n > HC_MAX_STR || (b = take(in, n)) == NULL || !nohyphen_ok(b, n, nohyphenl) ||
		    (d->nohyphen = malloc(n)) == NULL)
			return false;
		memcpy(d->nohyphen, b, n);
	}
	if ((b = take(in, 4)) == NULL)
		return false;
	nstates = le32(b);
	if (nstates < 1 || nstates > INT_MAX || nstates > remaining(in) / HC_STATE_BYTES ||
	    (d->states = calloc(nstates, sizeof *d->states)) == NULL)
		return false;
	d->num_states = (int)nstates;
	for (uint32_t i = 0; i < nstates; i++)
		if (!get_state(in, &d->states[i], nstates))
			return false;
	return true;
}

HyphenDict *galley_hyphcache_load(const char *dir, const char *path)
{
	struct stat st, cst;
	unsigned char h[HC_HEADER], crc[HC_TRAILER];
	char *file = NULL;
	HyphenDict *dict = NULL, **link = &dict;
	uint32_t levels;
	bool ok = false;
	hc_in in = {-1, NULL, 0, 0, 0, 0};

	if (dir == NULL || stat(path, &st) != 0 || (file = cache_path(dir, path)) == NULL ||
	    (in.fd = open(file, O_RDONLY | O_CLOEXEC)) < 0 || fstat(in.fd, &cst) != 0 ||
	    !S_ISREG(cst.st_mode) || cst.st_size < (off_t)(HC_HEADER + HC_TRAILER) ||
	    (uintmax_t)cst.st_size > HC_MAX_FILE || !read_into(&in, h, sizeof h))
		goto cleanup;
	levels = le32(h + 12);
	in.left = (size_t)cst.st_size - HC_HEADER - HC_TRAILER;
	if (memcmp(h, HC_MAGIC, sizeof HC_MAGIC) != 0 || le32(h + 8) != GALLEY_HYPHCACHE_VERSION ||
	    levels < 1 || levels > HC_MAX_LEVELS || le64(h + 16) != (uint64_t)st.st_size ||
	    le64(h + 24) != (uint64_t)(int64_t)st.st_mtim.tv_sec ||
	    le32(h + 32) != (uint32_t)st.st_mtim.tv_nsec || le32(h + 36) != in.left ||
	    (in.buf = malloc(HC_CHUNK)) == NULL)
		goto cleanup;
	for (uint32_t lv = 0; lv < levels; lv++) {
		if ((*link = calloc(1, sizeof **link)) == NULL || !get_level(&in, *link))
			goto cleanup;
		link = &(*link)->nextlevel;
	}
	/* every byte taken, then the CRC of them all */
	ok = remaining(&in) == 0 && read(in.fd, crc, sizeof crc) == (ssize_t)sizeof crc &&
	     le32(crc) == in.crc;
cleanup:
	if (!ok && dict != NULL) {
		hnj_hyphen_free(dict);
		dict = NULL;
	}
	if (in.fd >= 0)
		close(in.fd);
	free(in.buf);
	free(file);
	return dict;
}

int galley_hyphcache_reseal(const char *file)
{
	galley_error err = GALLEY_ERROR_INIT;
	char *bytes = NULL;
	size_t len = 0;
	hc_out o = {NULL, 0};
	int rc = -1;

	if (galley_file_read(file, HC_MAX_FILE, &bytes, &len, &err) == 0 && len >= HC_TRAILER) {
		o.buf = (unsigned char *)bytes;
		o.len = len - HC_TRAILER;
		put_le(&o, libdeflate_crc32(0, bytes, len - HC_TRAILER), 4);
		rc = galley_file_write_atomic(file, bytes, len, &err) < 0 ? -1 : 0;
	}
	free(bytes);
	return rc;
}
