/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_pdf.c: the PDF writer on a small hand-built document: a well-formed
 * file in memory, the same bytes twice, atomic writes to disk, and no
 * leftover when the target folder does not exist; each line painted as one
 * TJ with real word spaces; page contents deflated on threads give the
 * same bytes as on one; the fonts are Type0/CIDFontType2 subsets whose
 * ToUnicode maps decode the TJ strings, and characters that share a glyph
 * keep CIDs of their own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "t.h"
#include "galley.h"
#include "pdf/deflate.h"
#include "pdf/font.h"

static galley_pos P = {"t.md", 1, 1};

static galley_inline *text(galley_doc *d, const char *s)
{
	galley_inline *in = galley_doc_new_inline(d, GALLEY_TEXT, P);
	in->text = galley_doc_strdup(d, s);
	in->len = strlen(s);
	return in;
}

static galley_doc *small_doc(void)
{
	galley_doc *d = galley_doc_new();
	galley_article *a = galley_doc_add_article(d, NULL, "t.md");
	galley_block *h = galley_doc_new_block(d, GALLEY_HEADING, P);
	galley_block *p = galley_doc_new_block(d, GALLEY_PARAGRAPH, P);
	galley_inline *link = galley_doc_new_inline(d, GALLEY_LINK, P);
	galley_inline *ilink = galley_doc_new_inline(d, GALLEY_LINK, P);
	galley_error err = GALLEY_ERROR_INIT;

	a->meta.title = "Ωmega and Kovačič: a test";
	a->meta.date.year = 2024;
	a->meta.date.month = 5;
	a->meta.date.day = 18;
	a->pos = P;
	h->level = 2;
	h->inlines = text(d, "Über section");
	p->inlines = text(d, "A paragraph with a ");
	link->url = "https://example.com/";
	link->children = text(d, "link");
	p->inlines->next = link;
	ilink->url = "#uber-section";
	ilink->children = text(d, " and an internal one");
	link->next = ilink;
	a->blocks = h;
	h->next = p;
	galley_doc_finish(d, &err);
	return d;
}

/* True when `needle` (n bytes, may hold NULs) occurs in hay. */
static int has_bytes(const unsigned char *hay, size_t len, const char *needle, size_t n)
{
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return 1;
	return 0;
}

static const unsigned char *find(const unsigned char *p, const unsigned char *end, const char *s)
{
	size_t n = strlen(s);

	for (; p + n <= end; p++)
		if (memcmp(p, s, n) == 0)
			return p;
	return NULL;
}

/* Appends one byte as the writer escapes it in a TJ literal string. */
static size_t put_escaped(char *o, unsigned char b)
{
	size_t n = 0;

	if (b == '(' || b == ')' || b == '\\')
		o[n++] = '\\';
	if (b == '\r' || b == '\n') {
		o[n++] = '\\';
		o[n++] = b == '\r' ? 'r' : 'n';
	} else {
		o[n++] = (char)b;
	}
	return n;
}

/* True when the uncompressed PDF holds `word` (ASCII) as a TJ string of
 * one of its fonts, encoded through that font's own ToUnicode CMap: the
 * text a reader extracts is the text drawn. */
static int has_word_via_tounicode(const unsigned char *pdf, size_t len, const char *word)
{
	const unsigned char *p = pdf, *end = pdf + len;

	while ((p = find(p, end, "begincmap")) != NULL) {
		const unsigned char *stop = find(p, end, "endcmap");
		unsigned cid_of[128];
		int have[128] = {0}, ok = 1;
		char needle[256];
		size_t n = 0;

		if (!stop)
			return 0;
		for (const unsigned char *q = p; q + 13 <= stop; q++) {
			char hex[2][5] = {{0}};
			unsigned cid, u;
			if (q[0] != '<' || q[5] != '>' || q[6] != ' ' || q[7] != '<' || q[12] != '>')
				continue;
			memcpy(hex[0], q + 1, 4);
			memcpy(hex[1], q + 8, 4);
			if (sscanf(hex[0], "%4X", &cid) == 1 && sscanf(hex[1], "%4X", &u) == 1 && u < 128) {
				cid_of[u] = cid;
				have[u] = 1;
			}
		}
		for (const char *w = word; *w && n + 8 < sizeof needle; w++) {
			if (!have[(unsigned char)*w]) {
				ok = 0;
				break;
			}
			n += put_escaped(needle + n, (unsigned char)(cid_of[(unsigned char)*w] >> 8));
			n += put_escaped(needle + n, (unsigned char)cid_of[(unsigned char)*w]);
		}
		if (ok && has_bytes(pdf, len, needle, n))
			return 1;
		p = stop;
	}
	return 0;
}

/* gp_font_make on its own: CIDs, widths, the ToUnicode entries, and a
 * CIDToGIDMap stream only when two drawn characters share a glyph (here
 * two CJK characters Noto Serif lacks, both drawn as .notdef). */
static void test_font(void)
{
	static const char path[] = GALLEY_SRCDIR "/fonts/NotoSerif-Regular.ttf";
	static const char latin[] = " aw", cjk[] = "\xe4\xb8\x80\xe4\xb8\x81"; /* U+4E00 U+4E01 */
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	gp_coverage *cov = calloc(1, sizeof *cov);
	galley_error err = GALLEY_ERROR_INIT;
	gp_font f;
	char entry[32];

	if (!pdf || !cov) {
		T_CHECK(0, "set up the font test");
		return;
	}
	gp_coverage_add(cov, latin, strlen(latin));
	T_EQ_INT(gp_font_make(&f, pdf, path, cov, &err), 0, "a font from a subset");
	T_CHECK(f.dict && f.nstreams == 2, "glyphs of their own: CIDToGIDMap /Identity, no map stream");
	T_CHECK(f.has_space && f.width[' '] > 0 && f.width['a'] > f.width[' '], "space and widths from the subset");
	T_CHECK(f.cid['a'] != 0 && f.cid['w'] != 0 && f.cid['a'] != f.cid['w'], "each letter its own CID");
	snprintf(entry, sizeof entry, "<%04X> <0077>", f.cid['w']);
	T_CHECK(f.raw[1].data && has_bytes(f.raw[1].data, f.raw[1].len, entry, strlen(entry)),
	        "ToUnicode maps the CID of w back to U+0077");
	T_CHECK(f.raw[0].len > 1000 && memcmp(f.raw[0].data, "\0\1\0\0", 4) == 0, "FontFile2 is a TrueType file");
	gp_font_dispose(&f);

	gp_coverage_add(cov, cjk, strlen(cjk));
	T_EQ_INT(gp_font_make(&f, pdf, path, cov, &err), 0, "a font drawing characters it lacks");
	T_CHECK(f.cid[0x4E00] != f.cid[0x4E01], "two characters sharing a glyph get two CIDs");
	T_CHECK(f.nstreams == 3 && f.raw[2].len >= 2u * ((unsigned)f.cid[0x4E01] + 1) &&
	        f.raw[2].data[2 * f.cid[0x4E00]] == 0 && f.raw[2].data[2 * f.cid[0x4E00] + 1] == 0 &&
	        f.raw[2].data[2 * f.cid[0x4E01]] == 0 && f.raw[2].data[2 * f.cid[0x4E01] + 1] == 0,
	        "a CIDToGIDMap stream maps both to glyph 0");
	snprintf(entry, sizeof entry, "<%04X> <4E01>", f.cid[0x4E01]);
	T_CHECK(has_bytes(f.raw[1].data, f.raw[1].len, entry, strlen(entry)), "ToUnicode keeps the second one apart");
	gp_font_dispose(&f);
	free(cov);
	HPDF_Free(pdf);
}

/* gp_deflater: threads or not, blobs handed over a few at a time, the same
 * bytes, and they inflate back. */
static void test_deflate_blobs(void)
{
	enum { NB = 40, LEN = 20000 };
	gp_blob one[NB], many[NB];
	galley_error err = GALLEY_ERROR_INIT;
	int same = 1, back = 1;
	unsigned char *raw = malloc(LEN), *out = malloc(LEN);

	static const char sample[] = "[(\0a\0b) -120 (\0c)] TJ\n";
	for (size_t k = 0; k < LEN; k++)
		raw[k] = (unsigned char)(sample[k % (sizeof sample - 1)] + (k / 997) % 3);
	for (int i = 0; i < NB; i++) {
		one[i].data = malloc(LEN);
		many[i].data = malloc(LEN);
		memcpy(one[i].data, raw, LEN);
		memcpy(many[i].data, raw, LEN);
		one[i].data[i] = many[i].data[i] = (unsigned char)i; /* every blob different */
		one[i].len = many[i].len = LEN;
	}
	for (int jobs = 1; jobs <= 4; jobs += 3) {
		gp_deflater *dz = NULL;
		gp_blob *b = jobs == 1 ? one : many;
		int rc = gp_deflater_start(&dz, b, jobs, &err);
		for (int i = 0; rc == 0 && i < NB; i += 7)
			gp_deflater_ready(dz, (size_t)(i + 7 < NB ? i + 7 : NB));
		if (rc == 0)
			rc = gp_deflater_finish(dz, &err);
		T_EQ_INT(rc, 0, jobs == 1 ? "deflate on the calling thread" : "deflate with three helper threads");
	}
	T_EQ_INT(gp_deflater_finish(NULL, &err), 0, "finishing no deflater is a no-op");
	for (int i = 0; i < NB; i++) {
		uLongf n = LEN;
		if (one[i].len != many[i].len || memcmp(one[i].data, many[i].data, one[i].len) != 0)
			same = 0;
		if (uncompress(out, &n, many[i].data, (uLong)many[i].len) != Z_OK || n != LEN ||
		    out[i] != (unsigned char)i || memcmp(out + NB, raw + NB, LEN - NB) != 0)
			back = 0;
		free(one[i].data);
		free(many[i].data);
	}
	T_CHECK(same, "threads or not, the same bytes");
	T_CHECK(back, "every blob inflates back to its input");
	free(raw);
	free(out);
}

int main(void)
{
	galley_doc *d = small_doc();
	galley_layout *L = NULL;
	galley_error err = GALLEY_ERROR_INIT;
	unsigned char *a = NULL, *b = NULL;
	size_t na = 0, nb = 0;
	char dir[] = "/tmp/galley-pdf-XXXXXX", path[256], bad[256];
	struct stat st;

	T_EQ_INT(galley_layout_new(&L, d, NULL, &err), 0, "small document lays out");
	if (!L) {
		printf("# %s\n", err.message);
		return t_done();
	}
	T_EQ_INT(galley_pdf_write_memory(L, &a, &na, NULL, &err), 0, "PDF written to memory");
	T_CHECK(na > 1000 && memcmp(a, "%PDF-", 5) == 0, "starts with %PDF-");
	{
		int eof = 0;
		for (size_t i = na > 32 ? na - 32 : 0; i + 5 <= na; i++)
			if (memcmp(a + i, "%%EOF", 5) == 0)
				eof = 1;
		T_CHECK(eof, "ends with %%EOF");
	}
	T_EQ_INT(galley_pdf_write_memory(L, &b, &nb, NULL, &err), 0, "PDF written again");
	T_CHECK(na == nb && a && b && memcmp(a, b, na) == 0, "same layout, same bytes");

	T_CHECK(mkdtemp(dir) != NULL, "temporary folder");
	snprintf(path, sizeof path, "%s/out.pdf", dir);
	T_EQ_INT(galley_pdf_write(L, path, NULL, &err), 0, "PDF written to a file");
	T_CHECK(stat(path, &st) == 0 && (size_t)st.st_size == na, "the file holds the same bytes");
	snprintf(bad, sizeof bad, "%s/missing/out.pdf", dir);
	T_CHECK(galley_pdf_write(L, bad, NULL, &err) < 0, "a missing folder is an error");
	T_EQ_INT(err.code, GALLEY_EIO, "the error is GALLEY_EIO");
	{
		char cmd[512];
		int n = 0;
		FILE *f;
		snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
		f = popen(cmd, "r");
		if (f) {
			if (fscanf(f, "%d", &n) != 1)
				n = -1;
			pclose(f);
		}
		T_EQ_INT(n, 1, "no temporary file left behind");
	}
	{
		/* uncompressed, the content stream can be read: one TJ per line, with
		 * the words' CIDs and a real space (U+0020) between words, which the
		 * fonts' ToUnicode maps turn back into the text */
		galley_pdf_options o = GALLEY_PDF_OPTIONS_INIT;
		unsigned char *c = NULL, *j1 = NULL;
		size_t nc = 0, nj1 = 0;
		o.compress = false;
		T_EQ_INT(galley_pdf_write_memory(L, &c, &nc, &o, &err), 0, "uncompressed PDF");
		T_CHECK(has_bytes(c, nc, "] TJ", 4), "lines are TJ operators");
		T_CHECK(!has_bytes(c, nc, ") Tj", 4) && !has_bytes(c, nc, "> Tj", 4), "no per-word Tj");
		T_CHECK(has_word_via_tounicode(c, nc, "with a"), "words and their spaces decode through ToUnicode");
		T_CHECK(!has_word_via_tounicode(c, nc, "with b"), "(and the check can fail)");
		T_CHECK(has_bytes(c, nc, "/Subtype /Type0", 15) && has_bytes(c, nc, "/Encoding /Identity-H", 21) &&
		        has_bytes(c, nc, "/Subtype /CIDFontType2", 22) && has_bytes(c, nc, "/CIDToGIDMap /Identity", 22) &&
		        has_bytes(c, nc, "/FontFile2 ", 11) && has_bytes(c, nc, "/Length1 ", 9) &&
		        has_bytes(c, nc, "/Ordering (Identity)", 20),
		        "Type0 fonts over CIDFontType2 with an embedded TrueType file");
		T_CHECK(!has_bytes(c, nc, "HPDF", 4), "no font of libharu's own");
		o.compress = true;
		o.jobs = 1;
		T_EQ_INT(galley_pdf_write_memory(L, &j1, &nj1, &o, &err), 0, "PDF with jobs 1");
		T_CHECK(nj1 == na && memcmp(j1, a, na) == 0, "jobs 1 gives the same bytes as the default");
		free(c);
		free(j1);
	}
	test_deflate_blobs();
	test_font();
	unlink(path);
	rmdir(dir);
	free(a);
	free(b);
	galley_layout_free(L);
	galley_doc_free(d);
	return t_done();
}
