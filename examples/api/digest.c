/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * digest.c: a two-article digest built through libgalley's public API.
 *
 *   digest OUTDIR FIRST.md SECOND.md
 *
 * writes OUTDIR/digest.pdf and OUTDIR/digest.epub.  It reads the first
 * article from its file and the second from memory (as a program would
 * that gets its articles from a database), names the publication, sorts the
 * articles by date, typesets the PDF, writes the EPUB into memory and then
 * to disk, and prints every warning with its position.  Exit status 0 on
 * success, 1 on failure, 2 on a usage error.
 *
 * Build it against the installed library with
 *   cc -o digest digest.c $(pkg-config --cflags --libs galley)
 * It uses only what <galley.h> declares.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <galley.h>

/* Largest article this example reads into memory: far above any article,
 * small enough to refuse a wrong path to a huge file. */
#define ARTICLE_MAX_BYTES ((size_t)16 * 1024 * 1024)

/* The folder of `path` (for the images of an article read from memory),
 * malloc'ed; "." when it has none. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t len = slash ? (size_t)(slash - path) : 1;
	char *dir = malloc(len + 1);

	if (!dir)
		return NULL;
	memcpy(dir, slash ? path : ".", len);
	dir[len] = '\0';
	return dir;
}

/* Prints the warnings collected on the document, as FILE:LINE:COL. */
static void print_warnings(const galley_doc *doc)
{
	size_t i;

	for (i = 0; i < galley_doc_ndiags(doc); i++) {
		const galley_diag *d = galley_doc_diag(doc, i);

		if (d->severity != GALLEY_WARNING)
			continue;
		fprintf(stderr, "digest: %s:%u:%u: warning: %s\n", d->pos.file ? d->pos.file : "",
		        (unsigned)d->pos.line, (unsigned)d->pos.column, d->message);
	}
}

int main(int argc, char **argv)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_doc *doc = NULL;
	galley_layout *layout = NULL;
	galley_layout_options layout_opts;
	galley_epub_options epub_opts;
	galley_select_options select;
	galley_meta *meta;
	char *text = NULL, *base = NULL, *pdf_path = NULL, *epub_path = NULL;
	unsigned char *epub = NULL;
	size_t text_len = 0, epub_len = 0;
	int status = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: digest OUTDIR FIRST.md SECOND.md\n");
		return 2;
	}
	/* Options start from the defaults of the headers this program was
	 * built with (their version); the program then sets what it changes. */
	galley_layout_options_init(&layout_opts, GALLEY_LAYOUT_OPTIONS_VERSION);
	galley_epub_options_init(&epub_opts, GALLEY_EPUB_OPTIONS_VERSION);
	galley_select_options_init(&select, GALLEY_SELECT_OPTIONS_VERSION);
	pdf_path = malloc(strlen(argv[1]) + sizeof "/digest.epub");
	epub_path = malloc(strlen(argv[1]) + sizeof "/digest.epub");
	base = folder_of(argv[3]);
	doc = galley_doc_new();
	if (!pdf_path || !epub_path || !base || !doc) {
		fprintf(stderr, "digest: out of memory\n");
		goto cleanup;
	}
	sprintf(pdf_path, "%s/digest.pdf", argv[1]);
	sprintf(epub_path, "%s/digest.epub", argv[1]);

	/* One article from its file, one from memory; both go into the same
	 * (untitled) section. */
	if (galley_read_file(doc, NULL, argv[2], NULL, &err) < 0 ||
	    galley_file_read(argv[3], ARTICLE_MAX_BYTES, &text, &text_len, &err) < 0 ||
	    galley_read_buffer(doc, NULL, argv[3], base, text, text_len, NULL, &err) < 0)
		goto fail;

	/* The publication's metadata: strings must live as long as the
	 * document, so they are copied into it. */
	meta = galley_doc_meta(doc);
	meta->title = galley_doc_strdup(doc, "The Two-Article Digest");
	meta->editor = galley_doc_strdup(doc, "The API example");
	if (!meta->title || !meta->editor || galley_date_parse("2024-09-30", &meta->date) < 0) {
		fprintf(stderr, "digest: out of memory\n");
		goto cleanup;
	}

	/* Oldest first; galley_doc_select also finishes the document. */
	select.sort = GALLEY_SORT_DATE;
	if (galley_doc_select(doc, &select, &err) < 0)
		goto fail;

	layout_opts.columns = 2;
	layout_opts.font_size = 9.5;
	if (galley_layout_new(&layout, doc, &layout_opts, &err) < 0 ||
	    galley_pdf_write(layout, pdf_path, NULL, &err) < 0)
		goto fail;

	/* The layout's page map tells the EPUB where the printed pages
	 * begin. */
	epub_opts.page_list = true;
	epub_opts.pages = galley_layout_page_map(layout, &epub_opts.npages);
	if (galley_epub_write_memory(doc, &epub, &epub_len, &epub_opts, &err) < 0 ||
	    galley_file_write_atomic(epub_path, epub, epub_len, &err) < 0)
		goto fail;

	print_warnings(doc);
	printf("%s: %zu pages\n%s: %zu bytes\n", pdf_path, galley_layout_npages(layout),
	       epub_path, epub_len);
	status = 0;
	goto cleanup;

fail:
	print_warnings(doc);
	fprintf(stderr, "digest: ");
	if (err.file[0])
		fprintf(stderr, "%s:%u:%u: ", err.file, (unsigned)err.line, (unsigned)err.column);
	fprintf(stderr, "error: %s\n", err.message[0] ? err.message : galley_code_name(err.code));
cleanup:
	free(epub);
	galley_layout_free(layout);
	galley_doc_free(doc);
	free(text);
	free(base);
	free(epub_path);
	free(pdf_path);
	return status;
}
