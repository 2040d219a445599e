/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * fuzz_target.c: the whole pipeline on one input, in memory.
 *
 * Input bytes are an article (front matter + Markdown).  They are read into
 * a document, finished and checked, laid out (two columns on A5, then one
 * on A4), and written as PDF and EPUB into memory.  For the fuzzer any
 * outcome is fine except a crash, a sanitizer report, a leak, or a model
 * that fails its invariants after a successful read.
 *
 * Built three ways: with clang's libFuzzer (`make fuzz`), and into the
 * ordinary test run, where tests/unit/test_fuzz_replay.c includes this
 * file, replays the seed corpus and every regression case, and also
 * requires every stage to succeed on each input that reads (the outcome
 * below says which stage failed and why).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "galley.h"

/* Inputs above this are skipped: the fuzzer finds size-driven slowness
 * without value; limits on big inputs have their own tests. */
#define FUZZ_MAX_INPUT (64 * 1024)

/* The stages after reading, in the order they run. */
enum {
	FUZZ_LAYOUT_NARROW,
	FUZZ_PDF_NARROW,
	FUZZ_LAYOUT,
	FUZZ_PDF,
	FUZZ_EPUB,
	FUZZ_STAGES
};

/* What became of one input. */
typedef struct galley_fuzz_outcome {
	bool skipped;     /* over FUZZ_MAX_INPUT: nothing ran */
	bool read;        /* read, finished and checked without error */
	int failed;       /* the first stage after reading that failed, or -1 */
	galley_error err; /* the error of the read or of that stage */
} galley_fuzz_outcome;

int galley_fuzz_run(const uint8_t *data, size_t size, galley_fuzz_outcome *out);
int galley_fuzz_one(const uint8_t *data, size_t size);

/* Notes the first failing stage in `out`; later stages still run, so that
 * the fuzzer reaches them. */
static void stage_failed(galley_fuzz_outcome *out, int stage, galley_error *err)
{
	if (out->failed < 0) {
		out->failed = stage;
		out->err = *err;
	}
	galley_error_clear(err);
}

/* Runs every stage on `data` and fills `out`.  Returns 0, or 1 when the
 * document fails its invariants after a successful read (a bug whatever
 * the input). */
int galley_fuzz_run(const uint8_t *data, size_t size, galley_fuzz_outcome *out)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_doc *doc = NULL;
	galley_layout *layout = NULL;
	galley_layout_options lopts = GALLEY_LAYOUT_OPTIONS_INIT;
	galley_epub_options eopts = GALLEY_EPUB_OPTIONS_INIT;
	unsigned char *bytes = NULL;
	size_t len = 0;
	int status = 0;

	out->skipped = size > FUZZ_MAX_INPUT;
	out->read = false;
	out->failed = -1;
	galley_error_clear(&out->err);
	if (out->skipped)
		return 0;
	doc = galley_doc_new();
	if (doc == NULL) {
		galley_error_set(&out->err, GALLEY_ENOMEM, NULL, "no memory for a document");
		return 0;
	}
	if (galley_read_buffer(doc, NULL, "fuzz.md", "/nonexistent-fuzz-dir", (const char *)data,
	                       size, NULL, &err) < 0 ||
	    galley_doc_finish(doc, &err) < 0) {
		out->err = err;
		goto cleanup;
	}
	if (galley_doc_check(doc, &err) < 0) {
		fprintf(stderr, "invariant failed: %s\n", err.message);
		out->err = err;
		status = 1;
		goto cleanup;
	}
	out->read = true;
	lopts.jobs = 1;
	/* two narrow columns first (A5: titles sized down, pages that text
	 * extraction must read in order, code wrapped), then the default page,
	 * whose layout the EPUB's page list takes */
	{
		galley_layout_options narrow = lopts;
		narrow.columns = 2;
		if (galley_paper_parse("a5", &narrow.page_width, &narrow.page_height) < 0 ||
		    galley_layout_new(&layout, doc, &narrow, &err) < 0)
			stage_failed(out, FUZZ_LAYOUT_NARROW, &err);
		else if (galley_pdf_write_memory(layout, &bytes, &len, NULL, &err) < 0)
			stage_failed(out, FUZZ_PDF_NARROW, &err);
		free(bytes);
		bytes = NULL;
		galley_layout_free(layout);
		layout = NULL;
	}
	if (galley_layout_new(&layout, doc, &lopts, &err) < 0)
		stage_failed(out, FUZZ_LAYOUT, &err);
	else if (galley_pdf_write_memory(layout, &bytes, &len, NULL, &err) < 0)
		stage_failed(out, FUZZ_PDF, &err);
	free(bytes);
	bytes = NULL;
	eopts.page_list = layout != NULL;
	if (galley_epub_write_memory(doc, &bytes, &len, &eopts, &err) < 0)
		stage_failed(out, FUZZ_EPUB, &err);
	free(bytes);
cleanup:
	galley_layout_free(layout);
	galley_doc_free(doc);
	return status;
}

/* The fuzzer's view: only a broken invariant counts. */
int galley_fuzz_one(const uint8_t *data, size_t size)
{
	galley_fuzz_outcome out;
	return galley_fuzz_run(data, size, &out);
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
