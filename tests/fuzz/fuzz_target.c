/*
 * fuzz_target.c: the whole pipeline on one input, in memory.
 *
 * Input bytes are an article (front matter + Markdown).  They are read into
 * a document, finished and checked, laid out (two columns on A5, then one
 * on A4), and written as PDF and EPUB into memory.  Any outcome is fine except a crash, a sanitizer report, a
 * leak, or a model that fails its invariants after a successful read.
 *
 * Built three ways: with clang's libFuzzer (`make fuzz`), and into the
 * ordinary test run, where tests/unit/test_fuzz_replay.c includes this
 * file and replays the seed corpus and every regression case.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "galley.h"

/* Inputs above this are skipped: the fuzzer finds size-driven slowness
 * without value; limits on big inputs have their own tests. */
#define FUZZ_MAX_INPUT (64 * 1024)

int galley_fuzz_one(const uint8_t *data, size_t size);

int galley_fuzz_one(const uint8_t *data, size_t size)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_doc *doc = NULL;
	galley_layout *layout = NULL;
	galley_layout_options lopts = GALLEY_LAYOUT_OPTIONS_INIT;
	galley_epub_options eopts = GALLEY_EPUB_OPTIONS_INIT;
	unsigned char *out = NULL;
	size_t len = 0;
	int status = 0;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	doc = galley_doc_new();
	if (doc == NULL)
		return 0;
	if (galley_read_buffer(doc, NULL, "fuzz.md", "/nonexistent-fuzz-dir", (const char *)data,
	                       size, NULL, &err) < 0)
		goto cleanup;
	if (galley_doc_finish(doc, &err) < 0)
		goto cleanup;
	if (galley_doc_check(doc, &err) < 0) {
		fprintf(stderr, "invariant failed: %s\n", err.message);
		status = 1;
		goto cleanup;
	}
	lopts.jobs = 1;
	/* two narrow columns first (A5: titles sized down, pages that text
	 * extraction must read in order, code wrapped), then the default page,
	 * whose layout the EPUB's page list takes */
	{
		galley_layout_options narrow = lopts;
		narrow.columns = 2;
		if (galley_paper_parse("a5", &narrow.page_width, &narrow.page_height) == 0 &&
		    galley_layout_new(&layout, doc, &narrow, &err) == 0 &&
		    galley_pdf_write_memory(layout, &out, &len, NULL, &err) == 0)
			free(out);
		out = NULL;
		galley_layout_free(layout);
		layout = NULL;
		galley_error_clear(&err);
	}
	if (galley_layout_new(&layout, doc, &lopts, &err) == 0) {
		if (galley_pdf_write_memory(layout, &out, &len, NULL, &err) == 0)
			free(out);
		out = NULL;
	}
	galley_error_clear(&err);
	eopts.page_list = layout != NULL;
	if (galley_epub_write_memory(doc, &out, &len, &eopts, &err) == 0)
		free(out);
cleanup:
	galley_layout_free(layout);
	galley_doc_free(doc);
	return status;
}

#ifdef GALLEY_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (galley_fuzz_one(data, size) != 0)
		abort();
	return 0;
}
#endif
