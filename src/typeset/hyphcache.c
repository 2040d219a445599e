/*
 * hyphcache.c: libhyphen's compiled dictionaries kept on disk between runs.
 *
 * libhyphen compiles a pattern file into a state machine every time it
 * loads it: for en-US, 11,000 patterns become 15,611 states in 27,000
 * small allocations, 37 million instructions and 10 to 20 ms, which is a
 * third of typesetting one article; German's 1 MB of patterns take ten
 * times that.  The machine itself is plain data in libhyphen's public
 * structures (hyphen.h: HyphenDict, HyphenState, HyphenTrans).  So the
 * first run stores it in the user's cache folder, as the very image of its
 * memory, and later runs map it back in one piece.  The image is written
 * for a fixed address (one per dictionary, far from where the heap,
 * the libraries and ordinary mappings go) with its pointers already set,
 * and a later run maps the file there (mmap, MAP_FIXED_NOREPLACE): the
 * pages come straight from the page cache, nothing is copied, and only a
 * pass that checks every pointer and index reads them.  In a fresh
 * process that is 0.7 ms for en-US, where reading the file into memory,
 * its CRC and setting the pointers took 4 ms (first touches of fresh
 * memory are slow, and writing to a private mapping copies every page).
 * When the address is taken (or the page size is not 4 KB), the file is
 * read into memory and its pointers are moved instead.  Hyphenation still
 * runs through libhyphen (hnj_hyphen_hyphenate3), on the very machine
 * libhyphen built.
 *
 * A cache file is used only when everything matches: its magic and
 * version, the byte order and structure sizes of this build, the pattern
 * file's size and modification time, and a CRC-32 of the contents; every
 * state and transition index is checked to be in range.  Anything else is
 * a miss: the patterns are compiled again and the file rewritten
 * (atomically, so concurrent runs never see half a file).  A cache that
 * cannot be written is simply not used.
 *
 * File layout (native byte order and structure sizes, checked through
 * `order` and `sizes`): hc_header, zeros up to HC_PAYLOAD_AT, then the
 * image described below.
 */
#include "typeset/hyphcache.h"

#include <errno.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <libdeflate.h>

#include "galley/model.h"

#define HC_MAGIC "GLHYPHC"
/* Bump when the layout below changes. */
#define HC_VERSION 3u
/* Where the image starts in the file: a page boundary, so that it can be
 * mapped. */
#define HC_PAYLOAD_AT 4096u
/* The addresses images are written for: HC_BASE plus a slot of HC_SLOT
 * bytes chosen by the cache file's name.  Above where a PIE program, its
 * heap and AddressSanitizer's shadow lie, below AddressSanitizer's heap
 * (0x600000000000) and where Linux places shared libraries and ordinary
 * mappings (below 0x7fffffffffff, top down). */
#define HC_BASE ((uintptr_t)0x400000000000u)
#define HC_SLOT ((uintptr_t)1 << 32)
#define HC_SLOTS 1024u
/* Images mapped at once (the languages of one run) that gl_hyphcache_free
 * must unmap rather than free. */
#define HC_MAPS 16
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
	uint64_t nstates, ntrans, nchars; /* states, transitions, string bytes */
	uint64_t payload_len;  /* bytes of the image, from HC_PAYLOAD_AT */
	uint64_t base;         /* the address the image's pointers are for */
	uint32_t payload_crc;  /* CRC-32 of the image */
	uint32_t reserved;
} hc_header;

_Static_assert(sizeof(hc_header) <= HC_PAYLOAD_AT, "the header fits before the image");

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

/* The address the image in cache file `file` is written for. */
static uintptr_t base_for(const char *file)
{
	return HC_BASE + (uintptr_t)(hash_str(file) % HC_SLOTS) * HC_SLOT;
}

/* ---- the image ------------------------------------------------------------ */

/* The payload is the dictionary as it lies in memory, in one block: the
 * levels' HyphenDicts, then every HyphenState, every HyphenTrans and the
 * strings, each array aligned for its type; a pointer field holds its
 * target's address when the block lies at the header's `base` (0: NULL).
 * Loading is one mapping at that address (or a read anywhere else), one
 * pass that checks every pointer and index (and, for a read, moves the
 * pointers to where the block is), and a CRC. */
typedef struct hc_plan {
	size_t states, trans, chars;   /* counts */
	size_t so, to, co, len;        /* where the states, transitions and strings start; bytes */
} hc_plan;

static size_t align_up(size_t n, size_t a)
{
	return (n + a - 1) / a * a;
}

static void plan_offsets(hc_plan *pl, uint32_t nlevels)
{
	pl->so = align_up(nlevels * sizeof(HyphenDict), alignof(HyphenState));
	pl->to = align_up(pl->so + pl->states * sizeof(HyphenState), alignof(HyphenTrans));
	pl->co = pl->to + pl->trans * sizeof(HyphenTrans);
	pl->len = pl->co + pl->chars;
}

/* A pointer field of the image: its target's offset plus one (0: NULL),
 * stored as the address it has when the image lies at `base`. */
static void put_ptr(void *field, uintptr_t base, size_t off_plus_one)
{
	uintptr_t v = off_plus_one ? base + (uintptr_t)(off_plus_one - 1) : 0;
	memcpy(field, &v, sizeof v);
}

/* ---- writing ------------------------------------------------------------- */

/* Bytes of a NOHYPHEN list: libhyphen keeps nohyphenl + 1 strings (it
 * counts the commas) back to back, each with its NUL, and reads them all. */
static size_t nohyphen_bytes(const HyphenDict *d)
{
	size_t n = 0;
	for (int k = 0; d->nohyphen && k <= d->nohyphenl; k++)
		n += strlen(d->nohyphen + n) + 1;
	return n;
}

/* Copies string s into the image's strings at *nc; its offset plus one. */
static size_t put_chars(unsigned char *img, const hc_plan *pl, size_t *nc, const char *s, size_t n)
{
	size_t at = pl->co + *nc;
	memcpy(img + at, s, n);
	*nc += n;
	return at + 1;
}

void gl_hyphcache_store(const char *dir, const char *path, const HyphenDict *dict)
{
	hc_header h;
	hc_plan pl;
	struct stat st;
	unsigned char *file_bytes = NULL, *img;
	char *file = NULL, *parent;
	uint32_t levels = 0;
	size_t ns = 0, nt = 0, nc = 0, lv;
	uintptr_t base;
	galley_error err = GALLEY_ERROR_INIT;

	if (dir == NULL || dict == NULL || stat(path, &st) != 0 || (file = cache_path(dir, path)) == NULL)
		return;
	base = base_for(file);
	memset(&pl, 0, sizeof pl);
	for (const HyphenDict *d = dict; d; d = d->nextlevel) {
		if (++levels > HC_MAX_LEVELS || d->num_states < 1)
			goto done;
		pl.chars += nohyphen_bytes(d);
		pl.states += (size_t)d->num_states;
		for (int i = 0; i < d->num_states; i++) {
			const HyphenState *s = &d->states[i];
			pl.trans += s->num_trans > 0 ? (size_t)s->num_trans : 0;
			pl.chars += s->match ? strlen(s->match) + 1 : 0;
			pl.chars += s->repl ? strlen(s->repl) + 1 : 0;
		}
	}
	plan_offsets(&pl, levels);
	/* zeroed: the padding is part of the bytes written */
	if ((file_bytes = calloc(1, HC_PAYLOAD_AT + pl.len)) == NULL)
		goto done;
	img = file_bytes + HC_PAYLOAD_AT;
	lv = 0;
	for (const HyphenDict *d = dict; d; d = d->nextlevel, lv++) {
		HyphenDict *o = (HyphenDict *)(img + lv * sizeof *o);
		size_t first = ns;
		/* field by field: the image's padding stays zero */
		o->lhmin = d->lhmin;
		o->rhmin = d->rhmin;
		o->clhmin = d->clhmin;
		o->crhmin = d->crhmin;
		o->nohyphenl = d->nohyphenl;
		o->num_states = d->num_states;
		memcpy(o->cset, d->cset, sizeof o->cset);
		o->utf8 = d->utf8;
		put_ptr(&o->nohyphen, base, d->nohyphen ? put_chars(img, &pl, &nc, d->nohyphen, nohyphen_bytes(d)) : 0);
		if (!d->nohyphen)
			o->nohyphenl = 0;
		put_ptr(&o->states, base, pl.so + first * sizeof(HyphenState) + 1);
		put_ptr(&o->nextlevel, base, d->nextlevel ? (lv + 1) * sizeof *o + 1 : 0);
		for (int i = 0; i < d->num_states; i++, ns++) {
			const HyphenState *s = &d->states[i];
			HyphenState *so = (HyphenState *)(img + pl.so + ns * sizeof *so);
			so->replindex = s->replindex;
			so->replcut = s->replcut;
			so->fallback_state = s->fallback_state;
			so->num_trans = s->num_trans;
			put_ptr(&so->match, base, s->match ? put_chars(img, &pl, &nc, s->match, strlen(s->match) + 1) : 0);
			put_ptr(&so->repl, base, s->repl ? put_chars(img, &pl, &nc, s->repl, strlen(s->repl) + 1) : 0);
			if (s->num_trans > 0) {
				put_ptr(&so->trans, base, pl.to + nt * sizeof(HyphenTrans) + 1);
				for (int k = 0; k < s->num_trans; k++, nt++) {
					HyphenTrans *t = (HyphenTrans *)(img + pl.to + nt * sizeof *t);
					memset(t, 0, sizeof *t);
					t->ch = s->trans[k].ch;
					t->new_state = s->trans[k].new_state;
				}
			} else {
				so->num_trans = 0;
				put_ptr(&so->trans, base, 0);
			}
		}
	}
	memset(&h, 0, sizeof h);
	memcpy(h.magic, HC_MAGIC, sizeof HC_MAGIC);
	h.version = HC_VERSION;
	h.order = HC_ORDER;
	h.sizes = struct_sizes();
	h.nlevels = levels;
	h.src_size = (uint64_t)st.st_size;
	h.src_mtime_s = (int64_t)st.st_mtim.tv_sec;
	h.src_mtime_ns = (int64_t)st.st_mtim.tv_nsec;
	h.nstates = (uint64_t)pl.states;
	h.ntrans = (uint64_t)pl.trans;
	h.nchars = (uint64_t)pl.chars;
	h.payload_len = (uint64_t)pl.len;
	h.base = (uint64_t)base;
	h.payload_crc = libdeflate_crc32(0, img, pl.len);
	memcpy(file_bytes, &h, sizeof h);
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
	(void)galley_file_write_atomic(file, file_bytes, HC_PAYLOAD_AT + pl.len, &err);
done:
	free(file);
	free(file_bytes);
}

/* ---- reading ------------------------------------------------------------- */

/* The pointer in `field`, written for an image at `base`, into [lo, hi) of
 * the image now at `img`, aligned to `align` from lo: *out, true; 0 is
 * NULL, when `null_ok`.  The field is rewritten only when the image is not
 * at `base` (a mapped image is only read). */
static bool reloc(unsigned char *img, uintptr_t base, void *field, size_t lo, size_t hi, size_t align,
                  bool null_ok, void **out)
{
	uintptr_t v;
	size_t off;

	memcpy(&v, field, sizeof v);
	if (v == 0) {
		*out = NULL;
		return null_ok;
	}
	if (v < base)
		return false;
	off = (size_t)(v - base);
	if (off < lo || off >= hi || (off - lo) % align != 0)
		return false;
	*out = img + off;
	if ((uintptr_t)*out != v)
		memcpy(field, out, sizeof *out);
	return true;
}

/* A string in the strings [co, len): it must end with a NUL inside them. */
static bool reloc_str(unsigned char *img, uintptr_t base, const hc_plan *pl, void *field)
{
	void *p;

	if (!reloc(img, base, field, pl->co, pl->len, 1, true, &p))
		return false;
	return p == NULL || memchr(p, '\0', pl->len - (size_t)((unsigned char *)p - img)) != NULL;
}

/* Checks every pointer and index of the image at `img`, written for
 * `base`, and moves its pointers there.  0, or -1 when anything is out of
 * place. */
static int relocate(unsigned char *img, uintptr_t base, const hc_plan *pl, uint32_t nlevels)
{
	size_t states_end = pl->so + pl->states * sizeof(HyphenState);
	size_t trans_end = pl->to + pl->trans * sizeof(HyphenTrans);

	for (uint32_t lv = 0; lv < nlevels; lv++) {
		HyphenDict *d = (HyphenDict *)(img + lv * sizeof *d);
		void *p;
		size_t first;

		if (d->num_states < 1 || d->nohyphenl < 0 || d->cset[MAX_NAME - 1] != '\0' ||
		    !reloc(img, base, &d->states, pl->so, states_end, sizeof(HyphenState), false, &p))
			return -1;
		first = (size_t)((unsigned char *)p - img - pl->so) / sizeof(HyphenState);
		if ((size_t)d->num_states > pl->states - first)
			return -1;
		if (!reloc(img, base, &d->nextlevel, 0, nlevels * sizeof *d, sizeof *d, true, &p) ||
		    (p != NULL && p != img + (lv + 1) * sizeof *d) || (p == NULL && lv + 1 != nlevels))
			return -1;
		{
			/* the NOHYPHEN list: nohyphenl + 1 strings, or none */
			size_t at;
			if (!reloc(img, base, &d->nohyphen, pl->co, pl->len, 1, true, &p) || (p == NULL && d->nohyphenl != 0))
				return -1;
			at = p ? (size_t)((unsigned char *)p - img) : 0;
			for (int k = 0; p && k <= d->nohyphenl; k++) {
				const unsigned char *nul = memchr(img + at, '\0', pl->len - at);
				if (nul == NULL)
					return -1;
				at = (size_t)(nul - img) + 1;
			}
		}
		for (int i = 0; i < d->num_states; i++) {
			HyphenState *s = &d->states[i];
			if (!reloc_str(img, base, pl, &s->match) || !reloc_str(img, base, pl, &s->repl) ||
			    s->fallback_state < -1 || s->fallback_state >= d->num_states ||
			    s->num_trans < 0 || s->num_trans > 256 ||
			    !reloc(img, base, &s->trans, pl->to, trans_end, sizeof(HyphenTrans), s->num_trans == 0, &p))
				return -1;
			if (p != NULL &&
			    (size_t)s->num_trans > (trans_end - (size_t)((unsigned char *)p - img)) / sizeof(HyphenTrans))
				return -1;
			for (int k = 0; k < s->num_trans; k++)
				if (s->trans[k].new_state < 0 || s->trans[k].new_state >= d->num_states)
					return -1;
		}
	}
	return 0;
}

/* Reads exactly n bytes at offset `at`: 0, or -1. */
static int read_at(int fd, void *buf, size_t n, off_t at)
{
	unsigned char *p = buf;

	while (n > 0) {
		ssize_t got = pread(fd, p, n, at);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		p += got;
		n -= (size_t)got;
		at += got;
	}
	return 0;
}

/* The images mapped (not allocated): gl_hyphcache_free unmaps them. */
static struct {
	pthread_mutex_t mu;
	void *addr[HC_MAPS];
	size_t len[HC_MAPS];
} maps = {PTHREAD_MUTEX_INITIALIZER, {NULL}, {0}};

static bool remember_map(void *addr, size_t len)
{
	bool ok = false;

	pthread_mutex_lock(&maps.mu);
	for (int i = 0; i < HC_MAPS && !ok; i++)
		if (maps.addr[i] == NULL) {
			maps.addr[i] = addr;
			maps.len[i] = len;
			ok = true;
		}
	pthread_mutex_unlock(&maps.mu);
	return ok;
}

/* The image mapped at the header's base, checked, or NULL. */
static unsigned char *map_image(int fd, const hc_header *h, const hc_plan *pl)
{
	void *want = (void *)(uintptr_t)h->base, *got;

	if (!GL_HYPHCACHE_MAPS || sysconf(_SC_PAGESIZE) != (long)HC_PAYLOAD_AT || h->base % HC_PAYLOAD_AT != 0 ||
	    h->base < HC_BASE || h->base >= HC_BASE + HC_SLOTS * HC_SLOT)
		return NULL;
	got = mmap(want, pl->len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED_NOREPLACE, fd, HC_PAYLOAD_AT);
	if (got == MAP_FAILED)
		return NULL;
	if (got != want || relocate(got, h->base, pl, h->nlevels) < 0 ||
	    h->payload_crc != libdeflate_crc32(0, got, pl->len) || !remember_map(got, pl->len)) {
		munmap(got, pl->len);
		return NULL;
	}
	return got;
}

HyphenDict *gl_hyphcache_load(const char *dir, const char *path)
{
	struct stat st, cst;
	char *file = NULL;
	unsigned char *img = NULL;
	hc_header h;
	hc_plan pl;
	int fd = -1;

	if (dir == NULL || stat(path, &st) != 0 || (file = cache_path(dir, path)) == NULL)
		goto miss;
	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &cst) != 0 ||
	    cst.st_size < (off_t)HC_PAYLOAD_AT || read_at(fd, &h, sizeof h, 0) < 0)
		goto miss;
	if (memcmp(h.magic, HC_MAGIC, sizeof HC_MAGIC) != 0 || h.version != HC_VERSION ||
	    h.order != HC_ORDER || h.sizes != struct_sizes() || h.nlevels < 1 ||
	    h.nlevels > HC_MAX_LEVELS || h.src_size != (uint64_t)st.st_size ||
	    h.src_mtime_s != (int64_t)st.st_mtim.tv_sec ||
	    h.src_mtime_ns != (int64_t)st.st_mtim.tv_nsec ||
	    h.payload_len != (uint64_t)cst.st_size - HC_PAYLOAD_AT || h.payload_len > HC_MAX_FILE ||
	    h.payload_len == 0 || h.nstates > HC_MAX_FILE || h.ntrans > HC_MAX_FILE || h.nchars > HC_MAX_FILE ||
	    h.base != base_for(file))  /* written for another address: rewritten for this one */
		goto miss;
	memset(&pl, 0, sizeof pl);
	pl.states = (size_t)h.nstates;
	pl.trans = (size_t)h.ntrans;
	pl.chars = (size_t)h.nchars;
	plan_offsets(&pl, h.nlevels);
	if (pl.len != h.payload_len)
		goto miss;
	img = map_image(fd, &h, &pl);
	if (img == NULL) {
		/* the address is taken: read the image anywhere, move its pointers */
		if ((img = malloc(pl.len + 1)) == NULL || read_at(fd, img, pl.len, (off_t)HC_PAYLOAD_AT) < 0 ||
		    h.payload_crc != libdeflate_crc32(0, img, pl.len) || relocate(img, h.base, &pl, h.nlevels) < 0) {
			free(img);
			img = NULL;
		}
	}
miss:
	if (fd >= 0)
		close(fd);
	free(file);
	return (HyphenDict *)img;
}

void gl_hyphcache_free(HyphenDict *dict)
{
	size_t len = 0;

	if (dict == NULL)
		return;
	pthread_mutex_lock(&maps.mu);
	for (int i = 0; i < HC_MAPS && len == 0; i++)
		if (maps.addr[i] == (void *)dict) {
			len = maps.len[i];
			maps.addr[i] = NULL;
		}
	pthread_mutex_unlock(&maps.mu);
	if (len)
		munmap(dict, len);
	else
		free(dict);
}

size_t gl_hyphcache_payload_offset(void)
{
	return HC_PAYLOAD_AT;
}

uintptr_t gl_hyphcache_base(const char *file)
{
	hc_header h;
	FILE *f = fopen(file, "rb");
	bool ok = f != NULL && fread(&h, sizeof h, 1, f) == 1;

	if (f)
		fclose(f);
	return ok ? (uintptr_t)h.base : 0;
}

int gl_hyphcache_reseal(const char *file)
{
	galley_error err = GALLEY_ERROR_INIT;
	char *data = NULL;
	size_t len = 0;
	hc_header h;
	int rc = -1;

	if (galley_file_read(file, HC_MAX_FILE, &data, &len, &err) == 0 && len >= HC_PAYLOAD_AT) {
		memcpy(&h, data, sizeof h);
		h.payload_crc = libdeflate_crc32(0, data + HC_PAYLOAD_AT, len - HC_PAYLOAD_AT);
		memcpy(data, &h, sizeof h);
		rc = galley_file_write_atomic(file, data, len, &err) < 0 ? -1 : 0;
	}
	free(data);
	return rc;
}
