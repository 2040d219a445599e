/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * epub.c: the document model as an EPUB 3.3 book (galley/epub.h).
 *
 * Design note.
 *
 * The model.  The writer reads a finished galley_doc and nothing else: no
 * Markdown, no front matter, no image files (the asset table holds their
 * bytes).  The only files it opens itself are output options: the cover
 * image, a replacement stylesheet and the fonts to embed.
 *
 * The plan.  galley_epub_book is computed first, entirely from the model:
 * the book's language, its identifier, its modification date, the content
 * documents in reading order (a divider page per titled section when there
 * are several sections, then one chapter per article, named after the
 * article's id), where each page-break marker goes, which fonts to embed.
 * Every later step is a pure function of that plan, so the writers
 * (xhtml.c, package.c, css.c) never decide anything twice and never
 * disagree about a file name or an anchor.
 *
 * The container.  OCF 3.3: "mimetype" first and stored, then
 * META-INF/container.xml pointing at EPUB/package.opf, then the package.
 * zip.c is the only file that includes zip.h; it builds the archive in
 * memory, so galley_epub_write can write it atomically (temporary file in
 * the target's folder, fsync, rename) and galley_epub_write_memory can hand
 * the bytes to a caller.
 *
 * The cover and the stylesheet.  Unless the options give a cover image,
 * cover.c draws one (PNG) from the masthead before anything is written,
 * since the package declares it.  The stylesheet is written after every
 * document: it holds the rules of the classes those documents use
 * (galley_epub_css_classes), so that no rule goes unused.
 *
 * Determinism.  Same model, same options, same files: same bytes.  Nothing
 * reads the clock or a random source; the identifier is a name-based UUID
 * (RFC 4122 version 5 layout, SHA-1) of the articles' identities (id,
 * title, date, source), or of the publication and issue for an issue of a
 * periodical, so a rebuild keeps it; dcterms:modified is the day of
 * galley_doc_output_date with a time of day hashed from the files written,
 * so it moves with the content; fonts are listed in strcmp order, not in
 * directory order; zip timestamps are fixed; the cover is drawn from
 * galley's own fonts, never the system's.
 *
 * Alternatives not taken.  Writing the zip by hand (a few hundred lines of
 * CRC and headers) would drop a dependency but repeat what libzip does
 * well; streaming each file into the archive as it is produced would save
 * memory, but a book of 1,000 articles is a few megabytes and libzip wants
 * the source bytes alive until zip_close anyway.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "galley/epub.h"
#include "epub/epub_impl.h"
#include "base/vec.h"
#include "model/options.h"

/* Largest cover image, stylesheet or font file read from disk: far above
 * any real one, low enough that a wrong path (a disk image) fails early. */
#define EPUB_INPUT_MAX ((size_t)64 * 1024 * 1024)

/* Most fonts embedded from a folder: a family set is 4-10 files. */
#define EPUB_FONTS_MAX 64
/* Fewer content documents than this are written by the calling thread
 * alone: a thread costs more than a short book's chapters. */
#define EPUB_THREAD_MIN_DOCS 4

typedef struct plan_state {
	galley_epub_entry *entries;
	size_t nentries, centries;
} plan_state;

/* ---- SHA-1 (FIPS 180-4), for the content identifier -------------------- */

typedef struct sha1 {
	uint32_t h[5];
	uint64_t bytes;
	unsigned char block[64];
	size_t used;
} sha1;

static uint32_t rol(uint32_t v, int n)
{
	return (v << n) | (v >> (32 - n));
}

static void sha1_block(sha1 *s, const unsigned char *p)
{
	uint32_t w[80], a, b, c, d, e, f, k, t;
	int i;
	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (i = 16; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3], e = s->h[4];
	for (i = 0; i < 80; i++) {
		if (i < 20) {
			f = (b & c) | (~b & d);
			k = 0x5A827999;
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = 0x6ED9EBA1;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8F1BBCDC;
		} else {
			f = b ^ c ^ d;
			k = 0xCA62C1D6;
		}
		t = rol(a, 5) + f + e + k + w[i];
		e = d, d = c, c = rol(b, 30), b = a, a = t;
	}
	s->h[0] += a, s->h[1] += b, s->h[2] += c, s->h[3] += d, s->h[4] += e;
}

static void sha1_init(sha1 *s)
{
	static const uint32_t init[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
	memcpy(s->h, init, sizeof init);
	s->bytes = 0;
	s->used = 0;
}

static void sha1_update(sha1 *s, const void *data, size_t n)
{
	const unsigned char *p = data;
	s->bytes += n;
	while (n > 0) {
		size_t take = 64 - s->used < n ? 64 - s->used : n;
		memcpy(s->block + s->used, p, take);
		s->used += take;
		p += take;
		n -= take;
		if (s->used == 64) {
			sha1_block(s, s->block);
			s->used = 0;
		}
	}
}

static void sha1_final(sha1 *s, unsigned char out[20])
{
	uint64_t bits = s->bytes * 8;
	unsigned char pad = 0x80, len[8];
	int i;
	sha1_update(s, &pad, 1);
	pad = 0;
	while (s->used != 56)
		sha1_update(s, &pad, 1);
	for (i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_update(s, len, 8);
	for (i = 0; i < 20; i++)
		out[i] = (unsigned char)(s->h[i / 4] >> (24 - 8 * (i % 4)));
}

/* Hashes a field with its length first, so that field boundaries count. */
static void sha1_field(sha1 *s, const char *v)
{
	unsigned char len[4];
	size_t n = v ? strlen(v) : 0;
	len[0] = (unsigned char)(n >> 24), len[1] = (unsigned char)(n >> 16);
	len[2] = (unsigned char)(n >> 8), len[3] = (unsigned char)n;
	sha1_update(s, len, 4);
	if (n)
		sha1_update(s, v, n);
}

/* ---- the plan ---------------------------------------------------------- */

/* printf into a malloc'ed string; NULL when memory runs out. */
static char *str_printf(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

static char *str_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (s = malloc((size_t)n + 1)) == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

static int oom(galley_error *err)
{
	return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
}

/* The identifier names the publication, not a build of it.  A book is
 * named by its articles' identities, so that a rebuild keeps it.  An issue
 * of a periodical is named by the publication (title, publisher) and the
 * issue (its label, else its window): the same issue rebuilt with a late
 * article is the same publication, and readers keep their place and
 * notes, while the next issue is another one.  Its revisions are told
 * apart by dcterms:modified (make_modified). */
static int make_identifier(galley_epub_book *b, galley_error *err)
{
	const galley_meta *pm = galley_doc_meta_const(b->doc);
	unsigned char d[20];
	sha1 s;
	size_t i;
	if (pm->identifier != NULL && pm->identifier[0] != '\0') {
		b->identifier = strdup(pm->identifier);
		return b->identifier ? 0 : oom(err);
	}
	sha1_init(&s);
	if (b->periodical) {
		char since[32], until[32];
		sha1_field(&s, "galley issue v1");
		sha1_field(&s, pm->title);
		sha1_field(&s, pm->publisher);
		sha1_field(&s, pm->issue);
		if (pm->issue == NULL || pm->issue[0] == '\0') {
			sha1_field(&s, galley_date_iso(&pm->since, false, since));
			sha1_field(&s, galley_date_iso(&pm->until, false, until));
		}
	} else {
		sha1_field(&s, "galley book v1");
		for (i = 0; i < galley_doc_narticles(b->doc); i++) {
			const galley_article *a = galley_doc_article(b->doc, i);
			char iso[32];
			sha1_field(&s, a->id);
			sha1_field(&s, a->meta.title);
			sha1_field(&s, galley_date_iso(&a->meta.date, true, iso));
			sha1_field(&s, a->meta.source);
		}
	}
	sha1_final(&s, d);
	d[6] = (unsigned char)((d[6] & 0x0F) | 0x50); /* version 5: name-based, SHA-1 */
	d[8] = (unsigned char)((d[8] & 0x3F) | 0x80); /* RFC 4122 variant */
	b->identifier = malloc(64);
	if (b->identifier == NULL)
		return oom(err);
	snprintf(b->identifier, 64,
	         "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
	         d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12],
	         d[13], d[14], d[15]);
	return 0;
}

/* dcterms:modified wants exactly CCYY-MM-DDThh:mm:ssZ, in UTC, and must
 * change whenever the content does (with the identifier it names a
 * release), while nothing may read the clock.  The day is the output date
 * (galley_doc_output_date); the time of day is taken from a hash of every
 * file of the book written so far (`content`), between the output date's
 * own time, when it has one, and the end of that day.  So a rebuild of
 * the same content keeps the date, and an added or edited article moves
 * it (one chance in 86,400 or less that it does not). */
static void make_modified(galley_epub_book *b, const unsigned char content[20])
{
	galley_date d = galley_doc_output_date(b->doc);
	char iso[32];
	uint32_t h = (uint32_t)content[0] << 24 | (uint32_t)content[1] << 16 |
	             (uint32_t)content[2] << 8 | content[3];
	long from, span, t;
	if (d.year == 0 || d.year > 9999) {
		snprintf(b->modified, sizeof b->modified, "1980-01-01T00:00:00Z");
		return;
	}
	galley_date_iso(&d, true, iso); /* the UTC day and time */
	from = d.has_time ? atol(iso + 11) * 3600L + atol(iso + 14) * 60L + atol(iso + 17) : 0;
	span = 86400L - from;
	t = from + (long)(h % (uint32_t)span);
	snprintf(b->modified, sizeof b->modified, "%.10sT%02u:%02u:%02uZ", iso,
	         (unsigned)(t / 3600) % 24u, (unsigned)(t / 60 % 60), (unsigned)(t % 60));
}

static void choose_lang(galley_epub_book *b)
{
	const galley_meta *pm = galley_doc_meta_const(b->doc);
	const char *lang = "en";
	size_t i;
	if (galley_epub_valid_lang(pm->lang)) {
		lang = pm->lang;
	} else {
		for (i = 0; i < galley_doc_narticles(b->doc); i++) {
			const char *l = galley_doc_article(b->doc, i)->meta.lang;
			if (galley_epub_valid_lang(l)) {
				lang = l;
				break;
			}
		}
	}
	snprintf(b->lang, sizeof b->lang, "%s", lang);
}

/* "<prefix><id><suffix>" with every byte of id outside [a-z0-9-] written
 * as _XX, so that any id gives a safe, unique file name and NCName. */
static char *safe_name(const char *prefix, const char *id, const char *suffix)
{
	galley_xml x = GALLEY_XML_INIT;
	size_t len, i;
	galley_xml_raw(&x, prefix);
	for (i = 0; id[i] != '\0'; i++) {
		unsigned char c = (unsigned char)id[i];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')
			galley_xml_rawn(&x, &id[i], 1);
		else
			galley_xml_printf(&x, "_%02X", c);
	}
	galley_xml_raw(&x, suffix);
	return (char *)galley_xml_take(&x, &len);
}

static int add_doc(galley_epub_book *b, const galley_section *s, const galley_article *a,
                   galley_error *err)
{
	galley_epub_doc *d = &b->docs[b->ndocs];
	const char *id = a ? a->id : s->id;
	d->article = a;
	d->section = s;
	d->href = safe_name("text/", id ? id : "x", ".xhtml");
	d->id = safe_name(a ? "ch-" : "part-", id ? id : "x", "");
	b->ndocs++;
	return d->href && d->id ? 0 : oom(err);
}

static int plan_docs(galley_epub_book *b, galley_error *err)
{
	size_t ns = galley_doc_nsections(b->doc), i, j, max = galley_doc_narticles(b->doc) + ns;
	int rc;
	b->docs = calloc(max ? max : 1, sizeof *b->docs);
	if (b->docs == NULL)
		return oom(err);
	for (i = 0; i < ns; i++) {
		const galley_section *s = galley_doc_section(b->doc, i);
		if (ns > 1 && s->title != NULL && s->title[0] != '\0' && (rc = add_doc(b, s, NULL, err)) < 0)
			return rc;
		for (j = 0; j < s->narticles; j++)
			if ((rc = add_doc(b, s, s->articles[j], err)) < 0)
				return rc;
	}
	return 0;
}

static int plan_pages(galley_epub_book *b, galley_error *err)
{
	size_t n = b->opts->pages ? b->opts->npages : 0, i, j;
	if (!b->opts->page_list || n == 0)
		return 0;
	b->pages = calloc(n, sizeof *b->pages);
	if (b->pages == NULL)
		return oom(err);
	for (i = 0; i < n; i++) {
		galley_epub_page *p = &b->pages[i];
		p->mark = &b->opts->pages[i];
		p->index = i;
		p->href = GALLEY_EPUB_NAV;
		if (p->mark->article == UINT32_MAX)
			continue; /* front matter: the markers go into the navigation document */
		/* block 0 of an article without blocks is its header */
		if (p->mark->label == NULL || p->mark->article >= galley_doc_narticles(b->doc) ||
		    (p->mark->block > 0 &&
		     p->mark->block >= galley_doc_article(b->doc, p->mark->article)->nblocks))
			return galley_error_set(err, GALLEY_EINTERNAL, NULL,
			                        "page map: page %zu points outside the document (article %u, block %u)",
			                        i + 1, (unsigned)p->mark->article, (unsigned)p->mark->block);
		for (j = 0; j < b->ndocs; j++)
			if (b->docs[j].article != NULL && b->docs[j].article->index == p->mark->article)
				break;
		if (j < b->ndocs)
			p->href = b->docs[j].href;
		else
			return galley_error_set(err, GALLEY_EINTERNAL, NULL,
			                        "page map: page %zu points at article %u, which does not exist",
			                        i + 1, (unsigned)p->mark->article);
	}
	b->npages = n;
	return 0;
}

static void scan_images(galley_epub_book *b, const galley_inline *in)
{
	for (; in != NULL; in = in->next) {
		if (in->type == GALLEY_IMAGE && in->asset != NULL) {
			galley_xml alt = GALLEY_XML_INIT;
			galley_epub_inline_plain(&alt, in->children);
			b->has_images = true;
			if (alt.data == NULL || alt.data[strspn(alt.data, " \t\n")] == '\0')
				b->all_alt = false;
			galley_xml_dispose(&alt);
		}
		scan_images(b, in->children);
	}
}

static void scan_blocks(galley_epub_book *b, const galley_block *blk)
{
	for (; blk != NULL; blk = blk->next) {
		scan_images(b, blk->inlines);
		scan_blocks(b, blk->children);
	}
}

/* ---- files from disk ---------------------------------------------------- */

static int read_file(const char *path, unsigned char **out, size_t *len, galley_error *err)
{
	galley_pos pos = {path, 0, 0};
	char *data = NULL;
	struct stat st;
	int rc;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > EPUB_INPUT_MAX)
		return galley_error_set(err, GALLEY_ELIMIT, &pos, "larger than %zu bytes (EPUB_INPUT_MAX)",
		                        EPUB_INPUT_MAX);
	rc = galley_file_read(path, EPUB_INPUT_MAX, &data, len, err);
	*out = (unsigned char *)data;
	return rc;
}

static int add_entry(plan_state *ps, const char *name, const unsigned char *bytes, size_t len,
                     unsigned char *owned, galley_error *err)
{
	galley_epub_entry *e;
	if (GALLEY_VEC_PUSH_ROOM(ps->entries, ps->centries, ps->nentries) < 0) {
		free(owned);
		return oom(err);
	}
	e = &ps->entries[ps->nentries];
	memset(e, 0, sizeof *e);
	e->name = strdup(name);
	if (e->name == NULL) {
		free(owned);
		return oom(err);
	}
	e->bytes = bytes;
	e->len = len;
	e->owned = owned;
	ps->nentries++;
	return 0;
}

/* Adds a generated document: takes the buffer's bytes. */
static int add_xml(plan_state *ps, const char *name, galley_xml *x, galley_error *err)
{
	size_t len;
	unsigned char *bytes = galley_xml_take(x, &len);
	if (bytes == NULL)
		return oom(err);
	return add_entry(ps, name, bytes, len, bytes, err);
}

static int compare_fonts(const void *a, const void *b)
{
	return strcmp(((const galley_epub_font *)a)->file, ((const galley_epub_font *)b)->file);
}

/* The font folder, searched like the typesetter does. */
static const char *font_dir(const galley_epub_options *opts)
{
	return galley_font_dir(opts->font_dir);
}

static bool font_file_name(const char *name)
{
	size_t n = strlen(name), i;
	if (n < 5 || strcmp(name + n - 4, ".ttf") != 0 || name[0] == '.')
		return false;
	for (i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.'))
			return false;
	}
	return true;
}

static int plan_fonts(galley_epub_book *b, const char *dir, galley_error *err)
{
	galley_pos pos = {dir, 0, 0};
	DIR *d = opendir(dir);
	struct dirent *de;
	int rc = 0;
	if (d == NULL)
		return galley_error_set(err, GALLEY_EFONT, &pos, "cannot open the font folder: %s",
		                        strerror(errno));
	b->fonts = calloc(EPUB_FONTS_MAX, sizeof *b->fonts);
	if (b->fonts == NULL) {
		rc = oom(err);
		goto cleanup;
	}
	while ((de = readdir(d)) != NULL) {
		galley_epub_font *f;
		const char *dash, *style;
		if (!font_file_name(de->d_name))
			continue;
		if (b->nfonts == EPUB_FONTS_MAX) {
			rc = galley_error_set(err, GALLEY_ELIMIT, &pos, "more than %d fonts to embed (EPUB_FONTS_MAX)",
			                      EPUB_FONTS_MAX);
			goto cleanup;
		}
		f = &b->fonts[b->nfonts++];
		f->file = strdup(de->d_name);
		if (f->file == NULL) {
			rc = oom(err);
			goto cleanup;
		}
		dash = strchr(f->file, '-');
		f->family = strndup(f->file, dash ? (size_t)(dash - f->file) : strlen(f->file) - 4);
		if (f->family == NULL) {
			rc = oom(err);
			goto cleanup;
		}
		style = dash ? dash + 1 : "";
		f->bold = strstr(style, "Bold") != NULL;
		f->italic = strstr(style, "Italic") != NULL || strstr(style, "Oblique") != NULL;
		f->mono = strstr(f->family, "Mono") != NULL || strstr(f->family, "Code") != NULL;
	}
	if (b->nfonts == 0) {
		rc = galley_error_set(err, GALLEY_EFONT, &pos, "no .ttf font to embed");
		goto cleanup;
	}
	qsort(b->fonts, b->nfonts, sizeof *b->fonts, compare_fonts);
cleanup:
	closedir(d);
	return rc;
}

static int add_fonts(const galley_epub_book *b, plan_state *ps, const char *dir, galley_error *err)
{
	size_t i;
	int rc = 0;
	for (i = 0; i < b->nfonts && rc == 0; i++) {
		char *path = NULL, *name = NULL;
		unsigned char *bytes = NULL;
		size_t len = 0;
		path = str_printf("%s/%s", dir, b->fonts[i].file);
		name = str_printf(GALLEY_EPUB_ROOT "fonts/%s", b->fonts[i].file);
		if (path == NULL || name == NULL) {
			rc = oom(err);
		} else if ((rc = read_file(path, &bytes, &len, err)) == 0) {
			rc = add_entry(ps, name, bytes, len, bytes, err);
		}
		free(path);
		free(name);
	}
	return rc;
}

static const char *image_type(const unsigned char *p, size_t n)
{
	if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return "image/jpeg";
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	return NULL;
}

/* ---- assembly ---------------------------------------------------------- */

static void book_dispose(galley_epub_book *b)
{
	size_t i;
	for (i = 0; i < b->ndocs; i++) {
		free(b->docs[i].href);
		free(b->docs[i].id);
	}
	for (i = 0; i < b->nfonts; i++) {
		free(b->fonts[i].file);
		free(b->fonts[i].family);
	}
	free(b->docs);
	free(b->pages);
	free(b->fonts);
	free(b->identifier);
	galley_xml_dispose(&b->classes);
}

static const char container_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
	"<rootfiles>\n"
	"<rootfile full-path=\"" GALLEY_EPUB_ROOT "package.opf\" media-type=\"application/oebps-package+xml\"/>\n"
	"</rootfiles>\n"
	"</container>\n";

static const char mimetype[] = "application/epub+zip";

/* Generates every file of the book into ps (in container order). */
/* ---- chapters on worker threads ------------------------------------------
 *
 * The content documents are independent of each other: writing one reads
 * the book and marks only its own page-break markers as placed.  So
 * workers write and deflate them (galley_epub_deflate, the bytes
 * galley_epub_zip would make) while the calling thread does the same, and
 * the calling thread then adds them in reading order, reporting progress.
 * The archive is the same bytes whatever the number of threads. */

typedef struct chapter_job {
	galley_xml x;
	unsigned char *bytes, *deflated;
	size_t len, deflated_len;
	uint32_t crc;
	int rc;                /* 0 or a galley_code */
} chapter_job;

typedef struct chapter_pool {
	galley_epub_book *b;
	chapter_job *jobs;
} chapter_pool;

static void write_one(void *ctx, size_t i, galley_epub_deflater *d)
{
	chapter_pool *P = ctx;
	galley_epub_book *b = P->b;
	chapter_job *j = &P->jobs[i];

	j->x = (galley_xml)GALLEY_XML_INIT;
	if (b->docs[i].article != NULL)
		galley_epub_write_chapter(b, &b->docs[i], &j->x);
	else
		galley_epub_write_section_page(b, &b->docs[i], &j->x);
	j->bytes = galley_xml_take(&j->x, &j->len);
	if (j->bytes == NULL)
		j->rc = GALLEY_ENOMEM;
	else
		j->rc = galley_epub_deflate(d, j->bytes, j->len, &j->deflated, &j->deflated_len, &j->crc);
}

static int write_chapters(galley_epub_book *b, plan_state *ps, galley_error *err)
{
	chapter_pool P;
	size_t n = b->ndocs, chapters = 0, i;
	int rc = 0;

	P.b = b;
	P.jobs = calloc(n ? n : 1, sizeof *P.jobs);
	if (P.jobs == NULL)
		return oom(err);
	/* a short book's chapters are written by this thread alone */
	galley_epub_parallel(n, n < EPUB_THREAD_MIN_DOCS ? 1 : galley_epub_threads(), write_one, &P);
	for (i = 0; i < n && rc == 0; i++) {
		chapter_job *j = &P.jobs[i];
		char *name;
		if (j->rc != 0) {
			rc = j->rc == GALLEY_ENOMEM ? oom(err)
			                            : galley_error_set(err, GALLEY_EEPUB, NULL, "libdeflate failed to deflate a chapter");
			break;
		}
		if ((name = str_printf(GALLEY_EPUB_ROOT "%s", b->docs[i].href)) == NULL) {
			rc = oom(err);
			break;
		}
		rc = add_entry(ps, name, j->bytes, j->len, j->bytes, err);
		free(name);
		j->bytes = NULL;  /* the entry owns it now, even on failure */
		if (rc < 0)
			break;
		ps->entries[ps->nentries - 1].deflated = j->deflated;
		ps->entries[ps->nentries - 1].deflated_len = j->deflated_len;
		ps->entries[ps->nentries - 1].crc = j->crc;
		j->deflated = NULL;
		if (b->docs[i].article != NULL && b->opts->progress != NULL)
			b->opts->progress(b->opts->progress_ctx, "epub", ++chapters,
			                  galley_doc_narticles(b->doc));
	}
	for (i = 0; i < n; i++) {
		free(P.jobs[i].bytes);
		free(P.jobs[i].deflated);
	}
	free(P.jobs);
	return rc;
}

static int assemble(galley_epub_book *b, plan_state *ps, galley_error *err)
{
	const galley_epub_options *opts = b->opts;
	const galley_meta *pm = galley_doc_meta_const(b->doc);
	galley_xml x = GALLEY_XML_INIT;
	const char *fonts_from = NULL;
	unsigned char *bytes = NULL, content[20];
	size_t i, len = 0;
	sha1 hash;
	int rc;

	choose_lang(b);
	b->all_alt = true;
	b->periodical = (pm->issue != NULL && pm->issue[0] != '\0') ||
	                (pm->since.year != 0 && pm->until.year != 0);
	b->titlepage = b->periodical || galley_doc_narticles(b->doc) > 1;
	if ((rc = make_identifier(b, err)) < 0 || (rc = plan_docs(b, err)) < 0 ||
	    (rc = plan_pages(b, err)) < 0)
		goto cleanup;
	for (i = 0; i < galley_doc_narticles(b->doc); i++)
		scan_blocks(b, galley_doc_article(b->doc, i)->blocks);
	if (opts->embed_fonts) {
		fonts_from = font_dir(opts);
		if ((rc = plan_fonts(b, fonts_from, err)) < 0)
			goto cleanup;
	}
	if (opts->cover_path != NULL) {
		galley_pos pos = {opts->cover_path, 0, 0};
		if ((rc = read_file(opts->cover_path, &bytes, &len, err)) < 0)
			goto cleanup;
		b->cover_media_type = image_type(bytes, len);
		if (b->cover_media_type == NULL) {
			rc = galley_error_set(err, GALLEY_EASSET, &pos, "the cover is neither JPEG nor PNG");
			goto cleanup;
		}
		b->cover_image = strcmp(b->cover_media_type, "image/png") == 0 ? "images/cover.png"
		                                                               : "images/cover.jpg";
	} else {
		/* galley's own cover, as a picture that reading systems and
		 * Kindle conversions take for the book's cover (an article's
		 * picture never is); without HarfBuzz, librsvg or the fonts, the
		 * cover page draws it in SVG and the book has no cover image */
		galley_error cover_err = GALLEY_ERROR_INIT;
		rc = galley_epub_cover_png(b, font_dir(opts), &bytes, &len, &cover_err);
		if (rc == GALLEY_ENOMEM) {
			rc = oom(err);
			goto cleanup;
		}
		if (rc == 0) {
			b->cover_media_type = "image/png";
			b->cover_image = "cover.png";
			b->cover_generated = true;
		}
		rc = 0;
	}

	if ((rc = add_entry(ps, "mimetype", (const unsigned char *)mimetype, sizeof mimetype - 1,
	                    NULL, err)) < 0)
		goto cleanup;
	ps->entries[0].store = true;
	if ((rc = add_entry(ps, "META-INF/container.xml", (const unsigned char *)container_xml,
	                    sizeof container_xml - 1, NULL, err)) < 0)
		goto cleanup;

	/* chapters first: they place the page-break markers the nav lists */
	if ((rc = write_chapters(b, ps, err)) < 0)
		goto cleanup;
	galley_epub_write_nav(b, &x);
	if ((rc = add_xml(ps, GALLEY_EPUB_ROOT GALLEY_EPUB_NAV, &x, err)) < 0)
		goto cleanup;
	for (i = 0; i < b->npages; i++)
		if (!b->pages[i].placed) {
			rc = galley_error_set(err, GALLEY_EINTERNAL, NULL,
			                      "page %zu of the page map was not placed", i + 1);
			goto cleanup;
		}
	galley_epub_write_ncx(b, &x);
	if ((rc = add_xml(ps, GALLEY_EPUB_ROOT GALLEY_EPUB_NCX, &x, err)) < 0)
		goto cleanup;
	galley_epub_write_cover(b, &x);
	if ((rc = add_xml(ps, GALLEY_EPUB_ROOT GALLEY_EPUB_COVER, &x, err)) < 0)
		goto cleanup;
	if (b->titlepage) {
		galley_epub_write_titlepage(b, &x);
		if ((rc = add_xml(ps, GALLEY_EPUB_ROOT GALLEY_EPUB_TITLEPAGE, &x, err)) < 0)
			goto cleanup;
	}
	/* the stylesheet styles the classes the documents use */
	for (i = 0; i < ps->nentries; i++)
		galley_epub_css_classes(b, ps->entries[i].bytes, ps->entries[i].len);
	if (b->classes.failed) {
		rc = oom(err);
		goto cleanup;
	}
	b->code_lines = opts->css_path == NULL && strstr(b->classes.data, " line ") != NULL;
	if (opts->css_path != NULL) {
		unsigned char *css = NULL;
		size_t csslen = 0;
		if ((rc = read_file(opts->css_path, &css, &csslen, err)) < 0)
			goto cleanup;
		galley_xml_rawn(&x, (const char *)css, csslen);
		free(css);
		if (b->nfonts > 0) {
			/* @font-face only, after the user's rules (which may start with @import) */
			galley_xml y = GALLEY_XML_INIT;
			galley_epub_write_css(b, &y);
			galley_xml_raw(&x, "\n");
			galley_xml_raw(&x, y.data ? strstr(y.data, "/* embedded fonts */") : "");
			galley_xml_dispose(&y);
		}
	} else {
		galley_epub_write_css(b, &x);
	}
	if ((rc = add_xml(ps, GALLEY_EPUB_ROOT GALLEY_EPUB_CSS, &x, err)) < 0)
		goto cleanup;
	if (b->code_lines &&
	    (rc = add_entry(ps, GALLEY_EPUB_ROOT GALLEY_EPUB_WRAP, (const unsigned char *)galley_epub_wrap_svg,
	                    strlen(galley_epub_wrap_svg), NULL, err)) < 0)
		goto cleanup;
	/* the content the modification date stands for: every file but the
	 * package document, which holds the date */
	sha1_init(&hash);
	for (i = 0; i < ps->nentries; i++) {
		sha1_field(&hash, ps->entries[i].name);
		sha1_update(&hash, ps->entries[i].bytes, ps->entries[i].len);
	}
	if (b->cover_image != NULL)
		sha1_update(&hash, bytes, len);
	for (i = 0; i < galley_doc_nassets(b->doc); i++) {
		const galley_asset *a = galley_doc_asset(b->doc, i);
		sha1_field(&hash, a->name);
		sha1_update(&hash, a->bytes, a->size);
	}
	sha1_final(&hash, content);
	make_modified(b, content);
	galley_epub_write_opf(b, &x);
	if ((rc = add_xml(ps, GALLEY_EPUB_ROOT "package.opf", &x, err)) < 0)
		goto cleanup;

	if (b->cover_image != NULL) {
		char *name = NULL;
		if ((name = str_printf(GALLEY_EPUB_ROOT "%s", b->cover_image)) == NULL) {
			rc = oom(err);
			goto cleanup;
		}
		rc = add_entry(ps, name, bytes, len, bytes, err);
		bytes = NULL; /* add_entry owns it now, even on failure */
		free(name);
		if (rc < 0)
			goto cleanup;
	}
	for (i = 0; i < galley_doc_nassets(b->doc); i++) {
		const galley_asset *a = galley_doc_asset(b->doc, i);
		char *name = safe_name(GALLEY_EPUB_ROOT "images/", "", a->name);
		if (name == NULL) {
			rc = oom(err);
			goto cleanup;
		}
		rc = add_entry(ps, name, a->bytes, a->size, NULL, err);
		free(name);
		if (rc < 0)
			goto cleanup;
		if (a->fallback == NULL)
			continue;
		if ((name = str_printf(GALLEY_EPUB_ROOT "images/%s.png", a->name)) == NULL) {
			rc = oom(err);
			goto cleanup;
		}
		rc = add_entry(ps, name, a->fallback, a->fallback_size, NULL, err);
		free(name);
		if (rc < 0)
			goto cleanup;
	}
	if (fonts_from != NULL && (rc = add_fonts(b, ps, fonts_from, err)) < 0)
		goto cleanup;
cleanup:
	free(bytes);
	galley_xml_dispose(&x);
	return rc;
}

int galley_epub_options_init(galley_epub_options *opts, unsigned version)
{
	static const galley_epub_options defaults = GALLEY_EPUB_OPTIONS_INIT;

	if (!opts || version == 0 || version > GALLEY_EPUB_OPTIONS_VERSION)
		return GALLEY_EUSAGE;
	*opts = defaults;
	return 0;
}

int galley_epub_write_memory(const galley_doc *doc, unsigned char **out, size_t *len,
                             const galley_epub_options *opts, galley_error *err)
{
	galley_epub_options defaults = GALLEY_EPUB_OPTIONS_INIT;
	galley_epub_book b;
	plan_state ps;
	size_t i;
	int rc;

	*out = NULL;
	*len = 0;
	memset(&b, 0, sizeof b);
	memset(&ps, 0, sizeof ps);
	b.doc = doc;
	b.opts = opts ? opts : &defaults;
	rc = galley_options_version_check(b.opts->version, GALLEY_EPUB_OPTIONS_VERSION,
	                                  "galley_epub_options", err);
	if (rc < 0)
		goto cleanup;
	if (galley_doc_narticles(doc) == 0) {
		rc = galley_error_set(err, GALLEY_EEMPTY, NULL, "the book has no article");
		goto cleanup;
	}
	if ((rc = assemble(&b, &ps, err)) < 0)
		goto cleanup;
	rc = galley_epub_zip(ps.entries, ps.nentries, out, len, err);
cleanup:
	for (i = 0; i < ps.nentries; i++) {
		free(ps.entries[i].name);
		free(ps.entries[i].owned);
		free(ps.entries[i].deflated);
	}
	free(ps.entries);
	book_dispose(&b);
	return rc;
}

/* ---- atomic file output ------------------------------------------------ */

int galley_epub_write(const galley_doc *doc, const char *path, const galley_epub_options *opts,
                      galley_error *err)
{
	unsigned char *bytes = NULL;
	size_t len = 0;
	int rc = galley_epub_write_memory(doc, &bytes, &len, opts, err);
	if (rc == 0)
		rc = galley_file_write_atomic(path, bytes, len, err);
	free(bytes);
	return rc;
}
