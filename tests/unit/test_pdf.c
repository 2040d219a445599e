/*
 * test_pdf.c: the PDF writer on a small hand-built document: a well-formed
 * file in memory, the same bytes twice, atomic writes to disk, and no
 * leftover when the target folder does not exist.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "t.h"
#include "galley.h"

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
	unlink(path);
	rmdir(dir);
	free(a);
	free(b);
	galley_layout_free(L);
	galley_doc_free(d);
	return t_done();
}
