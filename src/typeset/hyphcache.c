/*
 * hyphcache.c: libhyphen's compiled dictionaries kept on disk between runs.
 *
 * libhyphen compiles a pattern file into a state machine every time it
 * loads it: for en-US, 11,000 patterns become 15,611 states in 27,000
 * small allocations, 37 million instructions and 10 to 20 ms, which is a
 * third of typesetting one article; German's 1 MB of patterns take ten
 * times that.  The machine itself is plain data in libhyphen's public
 * structures (hyphen.h: HyphenDict, HyphenState, HyphenTrans).  So the
 * first run stores it in the user's cache folder and later runs read it
 * back in one piece: one file read, one allocation, a pass that checks
 * every index and sets the pointers.  Hyphenation still runs through
 * libhyphen (hnj_hyphen_hyphenate3), on the very machine libhyphen built.
 *
 * A cache file is used only when everything matches: its magic and
 * version, the byte order and structure sizes of this build, the pattern
 * file's size and modification time, and a CRC-32 of the contents; every
 * state and transition index is checked to be in range.  Anything else is
 * a miss: the patterns are compiled again and the file rewritten
 * (atomically, so concurrent runs never see half a file).  A cache that
 * cannot be written is simply not used.
 *
 * File layout (native byte order, checked through `order`): hc_header,
 * then for each level of the dictionary (libhyphen chains a second level
 * for compound-word rules): its options, its NOHYPHEN list, its states
 * with their match and replacement strings and transitions.
 */
#include "typeset/hyphcache.h"

#include <errno.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "galley/model.h"

#define HC_MAGIC "GLHYPHC"
/* Bump when the layout below changes. */
#define HC_VERSION 1u
#define HC_ORDER 0x01020304u
/* A string field holding NULL. */
#define HC_NONE 0xFFFFFFFFu
/* Levels of a dictionary: libhyphen makes at most two. */
#define HC_MAX_LEVELS 4
/* Largest cache file read: German's compiled machine is about 10 MB. */
#define HC_MAX_FILE ((size_t)128 << 20)

typedef struct hc_header {
	char magic[8];
	uint32_t version;
	uint32_t order;
	uint32_t sizes;        /* sizeof HyphenDict, HyphenState, HyphenTrans */
	uint32_t nlevels;
	uint64_t src_size;     /* the pattern file's */
	int64_t src_mtime_s;
	int64_t src_mtime_ns;
	uint64_t payload_len;  /* bytes after the header */
	uint32_t payload_crc;  /* CRC-32 of them */
	uint32_t reserved;
} hc_header;

static uint32_t struct_sizes(void)
{
	return (uint32_t)sizeof(HyphenDict) | (uint32_t)sizeof(HyphenState) << 10 |
	       (uint32_t)sizeof(HyphenTrans) << 20;
}

char *gl_hyphcache_dir(void)
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

/* dir/hyph-<name of the pattern file>-<hash of its real path>.bin */
static char *cache_path(const char *dir, const char *path)
{
	char *real = realpath(path, NULL);
	const char *key = real ? real : path;
	const char *base = strrchr(key, '/');
	uint32_t h = 2166136261u;
	size_t n;
	char *out;

	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	base = base ? base + 1 : key;
	n = strlen(dir) + strlen(base) + 32;
	out = malloc(n);
	if (out)
		snprintf(out, n, "%s/hyph-%s-%08x.bin", dir, base, (unsigned)h);
	free(real);
	return out;
}

/* ---- writing ------------------------------------------------------------- */

typedef struct hc_buf {
	unsigned char *data;
	size_t len, cap;
	int failed;
} hc_buf;

static void put(hc_buf *b, const void *p, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 65536;
		unsigned char *d;
		while (cap < b->len + n)
			cap *= 2;
		if ((d = realloc(b->data, cap)) == NULL) {
			b->failed = 1;
			return;
		}
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

static void put_i32(hc_buf *b, int32_t v) { put(b, &v, sizeof v); }
static void put_u32(hc_buf *b, uint32_t v) { put(b, &v, sizeof v); }
static void put_i8(hc_buf *b, int v) { signed char c = (signed char)v; put(b, &c, 1); }

static void put_str(hc_buf *b, const char *s)
{
	if (s == NULL) {
		put_u32(b, HC_NONE);
		return;
	}
	put_u32(b, (uint32_t)strlen(s));
	put(b, s, strlen(s));
}

/* Bytes of a NOHYPHEN list: libhyphen keeps nohyphenl + 1 strings (it
 * counts the commas) back to back, each with its NUL, and reads them all. */
static size_t nohyphen_bytes(const HyphenDict *d)
{
	size_t n = 0;
	for (int k = 0; d->nohyphen && k <= d->nohyphenl; k++)
		n += strlen(d->nohyphen + n) + 1;
	return n;
}

void gl_hyphcache_store(const char *dir, const char *path, const HyphenDict *dict)
{
	hc_buf b = {NULL, 0, 0, 0};
	hc_header h;
	struct stat st;
	char *file = NULL, *parent;
	uint32_t levels = 0;
	galley_error err = GALLEY_ERROR_INIT;

	if (dir == NULL || dict == NULL || stat(path, &st) != 0)
		return;
	memset(&h, 0, sizeof h);
	put(&b, &h, sizeof h);  /* filled in below */
	for (const HyphenDict *d = dict; d; d = d->nextlevel) {
		size_t nh = nohyphen_bytes(d);
		if (++levels > HC_MAX_LEVELS)
			goto done;
		put_i8(&b, d->lhmin);
		put_i8(&b, d->rhmin);
		put_i8(&b, d->clhmin);
		put_i8(&b, d->crhmin);
		put_i32(&b, d->nohyphen ? d->nohyphenl : 0);  /* absent list: 0 strings, 0 bytes */
		put_u32(&b, (uint32_t)nh);
		put(&b, d->nohyphen ? d->nohyphen : "", nh);
		put_i32(&b, d->num_states);
		put(&b, d->cset, sizeof d->cset);
		put_i32(&b, d->utf8);
		for (int i = 0; i < d->num_states; i++) {
			const HyphenState *s = &d->states[i];
			put_str(&b, s->match);
			put_str(&b, s->repl);
			put_i8(&b, s->replindex);
			put_i8(&b, s->replcut);
			put_i32(&b, s->fallback_state);
			put_i32(&b, s->num_trans);
			for (int k = 0; k < s->num_trans; k++) {
				put_i8(&b, s->trans[k].ch);
				put_i32(&b, s->trans[k].new_state);
			}
		}
	}
	if (b.failed)
		goto done;
	memcpy(h.magic, HC_MAGIC, sizeof HC_MAGIC);
	h.version = HC_VERSION;
	h.order = HC_ORDER;
	h.sizes = struct_sizes();
	h.nlevels = levels;
	h.src_size = (uint64_t)st.st_size;
	h.src_mtime_s = (int64_t)st.st_mtim.tv_sec;
	h.src_mtime_ns = (int64_t)st.st_mtim.tv_nsec;
	h.payload_len = b.len - sizeof h;
	h.payload_crc = (uint32_t)crc32(0L, b.data + sizeof h, (uInt)(b.len - sizeof h));
	memcpy(b.data, &h, sizeof h);
	/* the folder, and its parent ($HOME/.cache) when missing */
	if ((parent = strdup(dir)) != NULL) {
		char *slash = strrchr(parent, '/');
		if (slash && slash != parent) {
			*slash = '\0';
			(void)mkdir(parent, 0700);
		}
		free(parent);
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		goto done;
	if ((file = cache_path(dir, path)) != NULL)
		(void)galley_file_write_atomic(file, b.data, b.len, &err);
done:
	free(file);
	free(b.data);
}

/* ---- reading ------------------------------------------------------------- */

typedef struct hc_reader {
	const unsigned char *p, *end;
	int failed;
} hc_reader;

static const void *take(hc_reader *r, size_t n)
{
	const unsigned char *p = r->p;
	if (r->failed || (size_t)(r->end - r->p) < n) {
		r->failed = 1;
		return NULL;
	}
	r->p += n;
	return p;
}

/* Copies the next n bytes into out, or leaves it as it is on a short read. */
static void get(hc_reader *r, void *out, size_t n)
{
	const void *p = take(r, n);
	if (p)
		memcpy(out, p, n);
}

static int32_t get_i32(hc_reader *r)
{
	int32_t v = 0;
	get(r, &v, sizeof v);
	return v;
}

static uint32_t get_u32(hc_reader *r)
{
	uint32_t v = 0;
	get(r, &v, sizeof v);
	return v;
}

static int get_i8(hc_reader *r)
{
	const signed char *p = take(r, 1);
	return p ? *p : 0;
}

/* A string field: its bytes (not NUL-terminated) and length; *none for NULL. */
static const char *get_str(hc_reader *r, uint32_t *len, int *none)
{
	uint32_t n = get_u32(r);
	*none = n == HC_NONE;
	*len = *none ? 0 : n;
	return *none ? NULL : take(r, n);
}

/* The memory a dictionary takes, counted in a first pass that checks the
 * structure; the second pass fills it in. */
typedef struct hc_plan {
	size_t states, trans, chars;
} hc_plan;

static size_t align_up(size_t n, size_t a)
{
	return (n + a - 1) / a * a;
}

/* One pass over the payload: counts into *plan when `fill` is NULL, else
 * builds the levels into `fill` (dicts, then states, transitions and
 * strings at the offsets the plan gives).  0, or -1 when malformed. */
static int walk(const unsigned char *payload, size_t len, uint32_t nlevels, hc_plan *plan,
                unsigned char *fill)
{
	hc_reader r = {payload, payload + len, 0};
	HyphenDict *dicts = (HyphenDict *)fill;
	HyphenState *states = NULL;
	HyphenTrans *trans = NULL;
	char *chars = NULL;
	size_t ns = 0, nt = 0, nc = 0;

	if (fill) {
		size_t off = align_up(nlevels * sizeof(HyphenDict), alignof(HyphenState));
		states = (HyphenState *)(fill + off);
		off = align_up(off + plan->states * sizeof(HyphenState), alignof(HyphenTrans));
		trans = (HyphenTrans *)(fill + off);
		chars = (char *)(fill + off + plan->trans * sizeof(HyphenTrans));
	}
	for (uint32_t lv = 0; lv < nlevels; lv++) {
		HyphenDict *d = fill ? &dicts[lv] : NULL;
		int lh = get_i8(&r), rh = get_i8(&r), clh = get_i8(&r), crh = get_i8(&r);
		int32_t nhl = get_i32(&r), num_states, utf8;
		uint32_t nhbytes = get_u32(&r);
		const char *nh = take(&r, nhbytes), *cset;

		num_states = get_i32(&r);
		cset = take(&r, MAX_NAME);
		utf8 = get_i32(&r);
		if (r.failed || nhl < 0 || num_states < 1 || num_states > INT32_MAX / 2 ||
		    (nhbytes > 0 && nh[nhbytes - 1] != '\0') || cset[MAX_NAME - 1] != '\0')
			return -1;
		{
			/* the list holds nhl + 1 NUL-terminated strings, or is absent */
			int32_t nuls = 0;
			for (uint32_t k = 0; k < nhbytes; k++)
				nuls += nh[k] == '\0';
			if (nhbytes > 0 ? nuls != nhl + 1 : nhl != 0)
				return -1;
		}
		if (d) {
			memset(d, 0, sizeof *d);
			d->lhmin = (char)lh;
			d->rhmin = (char)rh;
			d->clhmin = (char)clh;
			d->crhmin = (char)crh;
			d->nohyphenl = nhl;
			d->nohyphen = NULL;
			if (nhbytes > 0) {
				d->nohyphen = chars + nc;
				memcpy(d->nohyphen, nh, nhbytes);
			}
			d->num_states = num_states;
			memcpy(d->cset, cset, MAX_NAME);
			d->utf8 = utf8;
			d->states = states + ns;
			d->nextlevel = lv + 1 < nlevels ? &dicts[lv + 1] : NULL;
		}
		nc += nhbytes;
		for (int32_t i = 0; i < num_states; i++) {
			HyphenState *s = d ? &states[ns] : NULL;
			uint32_t mlen, rlen;
			int mnone, rnone;
			const char *m = get_str(&r, &mlen, &mnone);
			const char *rp = get_str(&r, &rlen, &rnone);
			int ri = get_i8(&r), rc = get_i8(&r);
			int32_t fb = get_i32(&r), ntr = get_i32(&r);

			if (r.failed || fb < -1 || fb >= num_states || ntr < 0 || ntr > 256 ||
			    (size_t)ntr * 5 > (size_t)(r.end - r.p))
				return -1;
			if (s) {
				s->match = NULL;
				s->repl = NULL;
				if (!mnone) {
					s->match = chars + nc;
					memcpy(s->match, m, mlen);
					s->match[mlen] = '\0';
				}
			}
			nc += mnone ? 0 : mlen + 1;
			if (s && !rnone) {
				s->repl = chars + nc;
				memcpy(s->repl, rp, rlen);
				s->repl[rlen] = '\0';
			}
			nc += rnone ? 0 : rlen + 1;
			if (s) {
				s->replindex = (signed char)ri;
				s->replcut = (signed char)rc;
				s->fallback_state = fb;
				s->num_trans = ntr;
				s->trans = ntr ? trans + nt : NULL;
			}
			for (int32_t k = 0; k < ntr; k++) {
				int ch = get_i8(&r);
				int32_t to = get_i32(&r);
				if (r.failed || to < 0 || to >= num_states)
					return -1;
				if (s) {
					trans[nt].ch = (char)ch;
					trans[nt].new_state = to;
				}
				nt++;
			}
			ns++;
		}
	}
	if (r.p != r.end)
		return -1;
	if (!fill) {
		plan->states = ns;
		plan->trans = nt;
		plan->chars = nc;
	}
	return 0;
}

HyphenDict *gl_hyphcache_load(const char *dir, const char *path)
{
	galley_error err = GALLEY_ERROR_INIT;
	struct stat st;
	char *file = NULL, *data = NULL;
	size_t len = 0, bytes;
	hc_header h;
	hc_plan plan;
	unsigned char *block = NULL;
	const unsigned char *payload;

	if (dir == NULL || stat(path, &st) != 0 || (file = cache_path(dir, path)) == NULL)
		goto miss;
	if (galley_file_read(file, HC_MAX_FILE, &data, &len, &err) < 0 || len < sizeof h)
		goto miss;
	memcpy(&h, data, sizeof h);
	payload = (const unsigned char *)data + sizeof h;
	if (memcmp(h.magic, HC_MAGIC, sizeof HC_MAGIC) != 0 || h.version != HC_VERSION ||
	    h.order != HC_ORDER || h.sizes != struct_sizes() || h.nlevels < 1 ||
	    h.nlevels > HC_MAX_LEVELS || h.src_size != (uint64_t)st.st_size ||
	    h.src_mtime_s != (int64_t)st.st_mtim.tv_sec ||
	    h.src_mtime_ns != (int64_t)st.st_mtim.tv_nsec || h.payload_len != len - sizeof h ||
	    h.payload_crc != (uint32_t)crc32(0L, payload, (uInt)h.payload_len))
		goto miss;
	memset(&plan, 0, sizeof plan);
	if (walk(payload, (size_t)h.payload_len, h.nlevels, &plan, NULL) < 0)
		goto miss;
	bytes = align_up(h.nlevels * sizeof(HyphenDict), alignof(HyphenState));
	bytes = align_up(bytes + plan.states * sizeof(HyphenState), alignof(HyphenTrans));
	bytes += plan.trans * sizeof(HyphenTrans) + plan.chars + 1;
	if ((block = malloc(bytes)) == NULL ||
	    walk(payload, (size_t)h.payload_len, h.nlevels, &plan, block) < 0) {
		free(block);
		block = NULL;
	}
miss:
	free(data);
	free(file);
	return (HyphenDict *)block;
}
