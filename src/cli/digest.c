/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * digest.c: `galley build DIGEST.yaml` and `galley import ARTICLE.txt`.
 *
 * build runs the digest pipeline through the public API, once:
 *
 *   galley_digest_load -> galley_digest_resolve (the run's dates, issue
 *   and outputs; "today" from the clock only here) -> galley_doc_new ->
 *   galley_digest_read_all (reads every article, lists every failure,
 *   selects, finishes) -> galley_doc_check
 *   -> galley_layout_new (one typesetting run, which also fills the page map)
 *   -> galley_file_stage (both outputs) -> galley_pdf_write and
 *   galley_epub_write (with the page list) into the staged files ->
 *   galley_file_unstage (both renamed, only when both were written)
 *
 * The outputs are the ones the manifest's `output:` names, each of which
 * --pdf / --epub can replace; when only one is named only that one is
 * written.  When both are written the EPUB lists where the PDF's pages
 * begin (print pages), unless --no-print-pages.  The window, tags and sort
 * of the manifest can be overridden from the command line, so that a cron
 * job computes the week and passes it.  Silent on success unless
 * --verbose (which also lists the skipped articles); warnings and errors
 * on standard error; exit 0, 1 (an input or output failed: nothing
 * written), 2 (usage), 3 (written with articles left out by --keep-going).
 *
 * import reads one plain-text article (a file, or '-' for standard input),
 * converts it with galley_import_text and writes the Markdown to -o FILE
 * atomically, or to standard output.
 *
 * Options are parsed by the table-driven parser of options.h with a table
 * of their own (these commands share no option with pdf/epub/dump except
 * the general ones).
 */
#include "cli/digest.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "galley.h"
#include "galley/digest.h"
#include "galley/import.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "cli/files.h"
#include "cli/messages.h"
#include "cli/options.h"
#include "cli/terminal.h"

/* Command bits of this file's table; distinct from the GALLEY_CLI_* bits of
 * commands.c only for readability, the tables are never mixed. */
enum {
	CMD_BUILD = 1u << 8,
	CMD_IMPORT = 1u << 9
};

enum digest_option_id {
	OPT_PDF,
	OPT_EPUB,
	OPT_OUTPUT,
	OPT_SINCE,
	OPT_UNTIL,
	OPT_TAG,
	OPT_SORT,
	OPT_NO_PRINT_PAGES,
	OPT_DATE,
	OPT_ISSUE,
	OPT_QUIET,
	OPT_VERBOSE,
	OPT_HELP,
	OPT_RESOURCE_PATH,
	OPT_FETCH_REMOTE,
	OPT_FETCH_TIMEOUT,
	OPT_STRICT,
	OPT_KEEP_GOING,
	OPT_JOBS,
	OPT_NO_CONFIG,
	OPT_HEADLINE_LINE,
	OPT_VERSION
};

/* Limits of option values, stated in the messages that refuse them. */
#define FETCH_TIMEOUT_MAX 3600 /* seconds: an hour for one image is already a hang */
#define HEADLINE_LINE_MAX 1000 /* the importer looks at the first lines only */

static const char GROUP_OUTPUT[] = "Output";
static const char GROUP_META[] = "Publication (replaces the manifest's)";
static const char GROUP_SELECT[] = "Selection (replaces the manifest's)";
static const char GROUP_READ[] = "Reading";
static const char GROUP_GENERAL[] = "General";

static const galley_cli_option digest_table[] = {
	{GROUP_OUTPUT, "pdf", 0, "FILE", OPT_PDF, CMD_BUILD,
	 "write the PDF to FILE instead of the manifest's output.pdf"},
	{GROUP_OUTPUT, "epub", 0, "FILE", OPT_EPUB, CMD_BUILD,
	 "write the EPUB to FILE instead of the manifest's output.epub"},
	{GROUP_OUTPUT, "no-print-pages", 0, NULL, OPT_NO_PRINT_PAGES, CMD_BUILD,
	 "do not list the PDF's page numbers in the EPUB"},
	{GROUP_OUTPUT, "output", 'o', "FILE", OPT_OUTPUT, CMD_IMPORT,
	 "write the Markdown to FILE ('-' or none: standard output)"},
	{GROUP_META, "date", 0, "DATE", OPT_DATE, CMD_BUILD,
	 "date of the issue (YYYY-MM-DD); a relative window counts from it"},
	{GROUP_META, "issue", 0, "TEXT", OPT_ISSUE, CMD_BUILD, "issue name or number (\"No. 12\")"},
	{GROUP_SELECT, "since", 0, "DATE", OPT_SINCE, CMD_BUILD,
	 "skip articles dated before DATE (YYYY-MM-DD)"},
	{GROUP_SELECT, "until", 0, "DATE", OPT_UNTIL, CMD_BUILD,
	 "skip articles dated after DATE (YYYY-MM-DD)"},
	{GROUP_SELECT, "tag", 0, "TAG", OPT_TAG, CMD_BUILD,
	 "keep articles tagged TAG (repeatable: any of them)"},
	{GROUP_SELECT, "sort", 0, "ORDER", OPT_SORT, CMD_BUILD,
	 "date (then title), title, or input order"},
	{GROUP_READ, "resource-path", 0, "DIR[:DIR...]", OPT_RESOURCE_PATH, CMD_BUILD,
	 "find site-root images (/images/x.png) in DIR (replaces the manifest's)"},
	{GROUP_READ, "fetch-remote", 0, NULL, OPT_FETCH_REMOTE, CMD_BUILD,
	 "download http(s) images (cached in ~/.cache/galley); else their alt text"},
	{GROUP_READ, "fetch-timeout", 0, "SECONDS", OPT_FETCH_TIMEOUT, CMD_BUILD,
	 "whole seconds one remote image may take (default 30)"},
	{GROUP_READ, "strict", 0, NULL, OPT_STRICT, CMD_BUILD,
	 "every warning is an error: list them all, write nothing, exit 1"},
	{GROUP_READ, "keep-going", 'k', NULL, OPT_KEEP_GOING, CMD_BUILD,
	 "leave out articles that cannot be read (warning), build the rest, exit 3"},
	{GROUP_READ, "headline-line", 0, "N", OPT_HEADLINE_LINE, CMD_IMPORT,
	 "the headline is line N (1 to 1000), whatever it looks like"},
	{GROUP_GENERAL, "jobs", 'j', "N", OPT_JOBS, CMD_BUILD,
	 "worker threads: 0 (default) one per CPU up to 8, 1 none; same output"},
	{GROUP_GENERAL, "quiet", 'q', NULL, OPT_QUIET, CMD_BUILD | CMD_IMPORT, "print errors only"},
	{GROUP_GENERAL, "verbose", 'v', NULL, OPT_VERBOSE, CMD_BUILD | CMD_IMPORT,
	 "print notes (skipped articles) and what was written"},
	{GROUP_GENERAL, "no-config", 0, NULL, OPT_NO_CONFIG, CMD_BUILD,
	 "ignore the configuration file (~/.config/galley/config.yaml)"},
	{GROUP_GENERAL, "help", 'h', NULL, OPT_HELP, CMD_BUILD | CMD_IMPORT,
	 "print this help and exit"},
	{GROUP_GENERAL, "version", 'V', NULL, OPT_VERSION, CMD_BUILD | CMD_IMPORT,
	 "print the version and exit"},
	{NULL, NULL, 0, NULL, 0, 0, NULL}
};

typedef struct digest_command {
	const char *name;
	unsigned bit;
	const char *synopsis;
	const char *summary;
	const char *description;
} digest_command;

static const digest_command digest_commands[] = {
	{"build", CMD_BUILD, "galley build [options] DIGEST.yaml",
	 "write the PDF and EPUB a digest manifest names",
	 "Reads a digest manifest (digest.yaml: publication metadata, the window of\n"
	 "dates, tags, sections of articles, PDF and EPUB options, output files),\n"
	 "selects and orders its articles and writes the PDF and/or the EPUB named\n"
	 "in its 'output:' block, from one reading and one typesetting run.  When\n"
	 "both are written, the EPUB lists where the PDF's pages begin.  Output\n"
	 "paths in the manifest are relative to its folder; --pdf and --epub\n"
	 "are relative to the current folder.\n"
	 "\n"
	 "Silent on success unless --verbose, which also lists the articles left\n"
	 "out and why.  An empty selection is an error, never an empty book.\n"
	 "Every article is read and every failure listed; --keep-going (or\n"
	 "'skip_invalid: true') leaves the failed ones out and builds the rest.\n"
	 "The output folders are created; both files are replaced only when both\n"
	 "were written, and an interrupted run leaves the previous ones intact.\n"},
	{"import", CMD_IMPORT, "galley import [options] ARTICLE.txt [-o OUT.md]",
	 "turn a plain-text newsroom article into Markdown",
	 "Converts a plain-text article as newsrooms send it (masthead lines, a\n"
	 "headline, a date line, a byline, then paragraphs) into Markdown with YAML\n"
	 "front matter (title, date, author, publication), keeping every word of\n"
	 "the body.  ARTICLE.txt may be '-' for standard input.  When no headline\n"
	 "or date line can be found, the error names the line examined.\n"},
};

#define NDIGEST_COMMANDS (sizeof digest_commands / sizeof digest_commands[0])

static const char EXIT_HELP[] =
	"\nExit status: 0 on success, 1 when an input or output failed (nothing was\n"
	"written), 2 on a usage error, 3 (build) when the book was written with\n"
	"articles left out by --keep-going.  Messages go to standard error as\n"
	"'galley: FILE:LINE:COL: error: TEXT'.\n";

/* What the options decide, for one run of build or import. */
typedef struct digest_config {
	const digest_command *command;
	bool help;
	bool version;              /* -V, --version */
	galley_cli_verbosity verbosity;
	const char *pdf;           /* --pdf; NULL: the manifest's */
	const char *epub;          /* --epub; NULL: the manifest's */
	const char *output;        /* import -o; NULL or "-": standard output */
	bool no_print_pages;
	galley_date date;          /* --date; year 0: the manifest's */
	const char *issue;         /* --issue; NULL: the manifest's */
	galley_date since, until;  /* year 0: not given */
	const char **tags;         /* --tag values, borrowed from argv; room for argc */
	size_t ntags;
	bool sort_set;
	galley_sort sort;
	const char *resource_path; /* --resource-path; NULL: the manifest's */
	bool fetch_remote;
	int fetch_timeout;         /* --fetch-timeout, seconds; 0: the default */
	bool keep_going;           /* --keep-going */
	bool jobs_set;
	int jobs;                  /* --jobs */
	int headline_line;         /* import --headline-line; 0: found by the importer */
	bool from_config;          /* the handler is applying the configuration file */
} digest_config;

static const digest_command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NDIGEST_COMMANDS; i++) {
		if (strcmp(digest_commands[i].name, name) == 0)
			return &digest_commands[i];
	}
	return NULL;
}

/* The option handler: stores one option into the digest_config. */
static int apply_option(void *ctx, const galley_cli_option *opt, const char *arg, char *why)
{
	digest_config *cfg = ctx;

	switch ((enum digest_option_id)opt->id) {
	case OPT_PDF:
	case OPT_EPUB:
		if (!arg[0] || strcmp(arg, "-") == 0) {
			snprintf(why, GALLEY_CLI_WHY_MAX, "--%s needs a file name (build writes files; "
			         "'galley %s -o -' writes to standard output)", opt->long_name,
			         opt->long_name);
			return -1;
		}
		if (opt->id == OPT_PDF)
			cfg->pdf = arg;
		else
			cfg->epub = arg;
		break;
	case OPT_OUTPUT:
		if (!arg[0])
			goto bad_value;
		cfg->output = arg;
		break;
	case OPT_SINCE:
		if (galley_date_parse(arg, &cfg->since) < 0 || cfg->since.has_time)
			goto bad_value;
		break;
	case OPT_UNTIL:
		if (galley_date_parse(arg, &cfg->until) < 0 || cfg->until.has_time)
			goto bad_value;
		break;
	case OPT_TAG:
		if (!arg[0])
			goto bad_value;
		cfg->tags[cfg->ntags++] = arg;
		break;
	case OPT_SORT:
		if (galley_sort_parse(arg, &cfg->sort) < 0)
			goto bad_value;
		cfg->sort_set = true;
		break;
	case OPT_NO_PRINT_PAGES: cfg->no_print_pages = true; break;
	case OPT_DATE:
		if (galley_date_parse(arg, &cfg->date) < 0)
			goto bad_value;
		break;
	case OPT_ISSUE: cfg->issue = arg; break;
	case OPT_QUIET: cfg->verbosity = GALLEY_CLI_QUIET; break;
	case OPT_VERBOSE: cfg->verbosity = GALLEY_CLI_VERBOSE; break;
	case OPT_HELP: cfg->help = true; break;
	case OPT_VERSION: cfg->version = true; break;
	case OPT_RESOURCE_PATH:
		if (!arg[0])
			goto bad_value;
		cfg->resource_path = arg;
		break;
	case OPT_FETCH_REMOTE: cfg->fetch_remote = true; break;
	case OPT_FETCH_TIMEOUT:
		if (galley_cli_int_option(opt, arg, 1, FETCH_TIMEOUT_MAX, &cfg->fetch_timeout, why) < 0)
			return -1;
		break;
	case OPT_STRICT: galley_cli_set_strict(true); break;
	case OPT_KEEP_GOING: cfg->keep_going = true; break;
	case OPT_JOBS:
		if (galley_cli_int_option(opt, arg, 0, GALLEY_JOBS_MAX, &cfg->jobs, why) < 0)
			return -1;
		cfg->jobs_set = true;
		break;
	case OPT_NO_CONFIG: break; /* seen before the configuration is read */
	case OPT_HEADLINE_LINE:
		if (galley_cli_int_option(opt, arg, 1, HEADLINE_LINE_MAX, &cfg->headline_line, why) < 0)
			return -1;
		break;
	}
	return 0;

bad_value:
	if (opt->id == OPT_DATE || opt->id == OPT_SINCE || opt->id == OPT_UNTIL)
		snprintf(why, GALLEY_CLI_WHY_MAX, "invalid value '%s' for --%s: a date that exists, "
		         "YYYY-MM-DD", arg, opt->long_name);
	else
		snprintf(why, GALLEY_CLI_WHY_MAX, "invalid value '%s' for --%s: %s", arg,
		         opt->long_name, opt->help);
	return -1;
}

/* The configuration file's settings for build: its own options, except
 * the order, which is the manifest's to say (the command line's --sort
 * still replaces it). */
static int apply_config_option(void *ctx, const galley_cli_option *opt, const char *arg, char *why)
{
	if (opt->id == OPT_SORT)
		return 0;
	return apply_option(ctx, opt, arg, why);
}

/* What the first pass over build's command line looks for: whether to
 * read the configuration file, and whether to keep quiet about it. */
typedef struct prescan_state {
	bool no_config;
	bool quiet;
} prescan_state;

static int prescan_option(void *ctx, const galley_cli_option *opt, const char *arg, char *why)
{
	prescan_state *st = ctx;

	(void)arg;
	(void)why;
	if (opt->id == OPT_NO_CONFIG)
		st->no_config = true;
	else if (opt->id == OPT_QUIET)
		st->quiet = true;
	else if (opt->id == OPT_VERBOSE)
		st->quiet = false;
	return 0;
}

/* ---- build -------------------------------------------------------------- */

/* Refuses to write `output` over a file the build reads: the manifest, an
 * article it names, an image, the stylesheet or the cover.  0, or -1 after
 * printing why. */
static int check_output(const galley_digest *digest, const char *manifest,
                        const galley_doc *doc, const char *output)
{
	const galley_epub_options *epub = galley_digest_epub(digest);
	size_t i, j;

	if (galley_cli_same_file(manifest, output) || galley_cli_same_file(epub->css_path, output) ||
	    galley_cli_same_file(epub->cover_path, output))
		goto refuse;
	for (i = 0; i < galley_digest_nsections(digest); i++) {
		const galley_digest_section *s = galley_digest_section_at(digest, i);

		for (j = 0; j < s->npaths; j++) {
			if (galley_cli_same_file(s->paths[j], output))
				goto refuse;
		}
	}
	for (i = 0; i < galley_doc_nassets(doc); i++) {
		if (galley_cli_same_file(galley_doc_asset(doc, i)->path, output))
			goto refuse;
	}
	return 0;

refuse:
	galley_cli_fail("%s: refusing to write the output over an input file", output);
	return -1;
}

/* The day of the run, in the local time zone: what a relative window
 * counts from when neither the command line nor the manifest dates the
 * issue.  The only clock the command line reads. */
static galley_date today(void)
{
	galley_date d;
	struct tm tm;
	time_t now = time(NULL);

	memset(&d, 0, sizeof d);
	if (now != (time_t)-1 && localtime_r(&now, &tm) != NULL) {
		d.year = tm.tm_year + 1900;
		d.month = tm.tm_mon + 1;
		d.day = tm.tm_mday;
	}
	return d;
}

/* Resolves the manifest for this run (window, date, issue, outputs) and
 * takes its selection with the command line's tags and order.  Returns
 * an exit status after printing what went wrong. */
static int resolve_run(const digest_config *cfg, galley_digest *digest, galley_select_options *sel)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_digest_run run;
	int rc;

	galley_digest_run_init(&run, GALLEY_DIGEST_RUN_VERSION);
	run.date = cfg->date;
	run.since = cfg->since;
	run.until = cfg->until;
	run.today = today();
	run.issue = cfg->issue;
	run.keep_going = cfg->keep_going;
	rc = galley_digest_resolve(digest, &run, &err);
	if (rc == GALLEY_EUSAGE) {
		char why[GALLEY_ERROR_FILE_MAX + GALLEY_ERROR_MESSAGE_MAX + 16];

		if (err.file[0])
			snprintf(why, sizeof why, "%s:%u: %s", err.file, (unsigned)err.line, err.message);
		else
			snprintf(why, sizeof why, "%s", err.message);
		galley_cli_usage(cfg->command->name, why);
		return GALLEY_EXIT_USAGE;
	}
	if (rc < 0) {
		galley_cli_report(&err);
		return GALLEY_EXIT_FAIL;
	}
	*sel = *galley_digest_select(digest);
	if (cfg->ntags > 0) {
		sel->tags = cfg->tags;
		sel->ntags = cfg->ntags;
	}
	if (cfg->sort_set)
		sel->sort = cfg->sort;
	return GALLEY_EXIT_OK;
}

/* Reads, selects and checks the digest's articles into a new document.
 * Returns an exit status; on success *out is the document and *skipped
 * the number of articles left out because they could not be read. */
static int build_read(const digest_config *cfg, const galley_digest *digest,
                      const galley_select_options *sel, galley_doc **out, size_t *skipped,
                      size_t *printed)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_read_options ropts;
	galley_fetch_options fopts;
	galley_doc *doc = galley_doc_new();
	int status = GALLEY_EXIT_FAIL;
	size_t i, failed = 0;
	int rc;

	galley_read_options_init(&ropts, GALLEY_READ_OPTIONS_VERSION);
	galley_fetch_options_init(&fopts, GALLEY_FETCH_OPTIONS_VERSION);
	ropts.resource_path = cfg->resource_path;
	if (cfg->jobs_set)
		ropts.jobs = cfg->jobs;
	if (cfg->fetch_timeout > 0)
		fopts.timeout = cfg->fetch_timeout;
	if (!doc) {
		galley_cli_fail("out of memory");
		goto cleanup;
	}
	if (cfg->fetch_remote && galley_fetch_new(&ropts.fetch, &fopts, &err) < 0) {
		galley_cli_report(&err);
		goto cleanup;
	}
	rc = galley_digest_read_all(doc, skipped, digest, &ropts, sel, &err);
	galley_cli_diags(doc, printed, cfg->verbosity);
	for (i = 0; i < galley_doc_ndiags(doc); i++)
		failed += galley_doc_diag(doc, i)->severity == GALLEY_ERROR;
	if (rc < 0 || galley_doc_check(doc, &err) < 0) {
		galley_cli_report(&err);
		if (failed > 0)
			galley_cli_fail("nothing written: --keep-going (or 'skip_invalid: true') leaves "
			                "the article%s above out and builds the rest", failed == 1 ? "" : "s");
		goto cleanup;
	}
	if (galley_cli_strict_errors() > 0) {
		galley_cli_fail("--strict: %zu warning%s made error%s; nothing written",
		                galley_cli_strict_errors(), galley_cli_strict_errors() == 1 ? "" : "s",
		                galley_cli_strict_errors() == 1 ? "" : "s");
		goto cleanup;
	}
	galley_cli_say(cfg->verbosity, GALLEY_CLI_VERBOSE, "selected %zu article%s in %zu section%s",
	               galley_doc_narticles(doc), galley_doc_narticles(doc) == 1 ? "" : "s",
	               galley_doc_nsections(doc), galley_doc_nsections(doc) == 1 ? "" : "s");
	*out = doc;
	doc = NULL;
	status = GALLEY_EXIT_OK;

cleanup:
	galley_fetch_free(ropts.fetch);
	galley_doc_free(doc);
	return status;
}

/* The EPUB written beside the PDF: the two writers only read the document
 * and the layout (neither adds a warning), so when both editions are made
 * the EPUB is written on a thread of its own while this one writes the
 * PDF; messages are still reported in the order PDF, EPUB. */
typedef struct epub_job {
	galley_doc *doc;
	const char *path;
	const galley_epub_options *opts;
	galley_error err;
	int rc;
} epub_job;

static void *epub_main(void *arg)
{
	epub_job *j = arg;

	j->rc = galley_epub_write(j->doc, j->path, j->opts, &j->err);
	return NULL;
}

/* The article whose file `err` names, or NULL. */
static galley_article *article_of(const galley_doc *doc, const galley_error *err)
{
	size_t i;

	for (i = 0; err->file[0] && i < galley_doc_narticles(doc); i++) {
		galley_article *a = galley_doc_article(doc, i);

		if (a->path && strcmp(a->path, err->file) == 0)
			return a;
	}
	return NULL;
}

/* Typesets the document.  With --keep-going, an article the typesetter
 * refuses is left out (a warning) and the rest typeset again, counted in
 * *skipped.  0, or -1 after printing why. */
static int build_layout(const digest_config *cfg, galley_doc *doc, const galley_layout_options *lopts,
                        galley_layout **layout, size_t *skipped, size_t *printed)
{
	bool keep_going = cfg->keep_going;

	for (;;) {
		galley_error err = GALLEY_ERROR_INIT;
		galley_article *a;
		galley_pos pos;
		int rc = galley_layout_new(layout, doc, lopts, &err);

		galley_cli_diags(doc, printed, cfg->verbosity);
		if (rc == 0)
			return 0;
		*layout = NULL;
		a = keep_going && rc != GALLEY_ENOMEM ? article_of(doc, &err) : NULL;
		if (a == NULL || galley_doc_narticles(doc) < 2) {
			galley_cli_report(&err);
			return -1;
		}
		pos.file = a->path;
		pos.line = err.line;
		pos.column = err.column;
		galley_cli_warn_at(&pos, "article left out: %s", err.message);
		galley_doc_remove_article(doc, a);
		galley_error_clear(&err);
		if (galley_doc_finish(doc, &err) < 0) {
			galley_cli_report(&err);
			return -1;
		}
		++*skipped;
	}
}

/* Typesets once, writes the PDF (when `pdf`) and the EPUB (when `epub`),
 * each to a staged file beside it, and renames both into place only when
 * both were written.  Returns an exit status. */
static int build_write(const digest_config *cfg, const galley_digest *digest, galley_doc *doc,
                       const char *pdf, const char *epub, size_t *skipped, size_t *printed)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_layout *layout = NULL;
	galley_pdf_options popts;
	galley_epub_options eopts = *galley_digest_epub(digest);
	galley_layout_options lopts = *galley_digest_layout(digest);
	char *pdf_staged = NULL, *epub_staged = NULL;
	const char *pdf_to, *epub_to;
	epub_job job;
	pthread_t tid;
	bool beside = false;  /* the EPUB is being written on `tid` */
	bool written = false; /* both are staged: rename them */
	int status = GALLEY_EXIT_FAIL;
	int rc;

	galley_pdf_options_init(&popts, GALLEY_PDF_OPTIONS_VERSION);
	if (cfg->jobs_set)
		lopts.jobs = popts.jobs = cfg->jobs;
	/* fonts: the manifest's folder, else the library's (galley_font_dir) */
	if (eopts.font_dir == NULL)
		eopts.font_dir = lopts.font_dir;

	/* Print pages by default when both editions are made, unless the
	 * manifest says `print_pages: false`; a manifest can ask for them with
	 * an EPUB alone, the command line can refuse them. */
	if (pdf && epub && !galley_digest_print_pages_set(digest))
		eopts.page_list = true;
	if (cfg->no_print_pages)
		eopts.page_list = false;
	if (pdf || eopts.page_list) {
		if (build_layout(cfg, doc, &lopts, &layout, skipped, printed) < 0)
			goto cleanup;
		eopts.pages = galley_layout_page_map(layout, &eopts.npages);
	}
	/* the output folders, then the staged files beside the outputs */
	if ((pdf && galley_cli_make_parents(pdf) < 0) || (epub && galley_cli_make_parents(epub) < 0))
		goto cleanup;
	if ((pdf && galley_file_stage(pdf, &pdf_staged, &err) < 0) ||
	    (epub && galley_file_stage(epub, &epub_staged, &err) < 0)) {
		galley_cli_report(&err);
		goto cleanup;
	}
	pdf_to = pdf_staged ? pdf_staged : pdf;
	epub_to = epub_staged ? epub_staged : epub;
	memset(&job, 0, sizeof job);
	if (pdf && epub) {
		job.doc = doc;
		job.path = epub_to;
		job.opts = &eopts;
		beside = pthread_create(&tid, NULL, epub_main, &job) == 0;
	}
	if (pdf && galley_pdf_write(layout, pdf_to, &popts, &err) < 0) {
		/* the message names the output, not its staged file */
		if (strcmp(err.file, pdf_to) == 0)
			snprintf(err.file, sizeof err.file, "%s", pdf);
		galley_cli_report(&err);
		goto cleanup;
	}
	if (epub) {
		if (beside) {
			pthread_join(tid, NULL);
			beside = false;
			rc = job.rc;
			err = job.err;
		} else {
			rc = galley_epub_write(doc, epub_to, &eopts, &err);
		}
		galley_cli_diags(doc, printed, cfg->verbosity);
		if (rc < 0) {
			if (strcmp(err.file, epub_to) == 0)
				snprintf(err.file, sizeof err.file, "%s", epub);
			galley_cli_report(&err);
			goto cleanup;
		}
	}
	written = true;
	galley_error_clear(&err);
	if (galley_file_unstage(pdf_staged, pdf, true, &err) < 0 ||
	    galley_file_unstage(epub_staged, epub, true, &err) < 0) {
		galley_cli_report(&err);
		goto cleanup;
	}
	if (pdf)
		galley_cli_say(cfg->verbosity, GALLEY_CLI_VERBOSE, "wrote %s (%zu page%s)", pdf,
		               galley_layout_npages(layout), galley_layout_npages(layout) == 1 ? "" : "s");
	if (epub)
		galley_cli_say(cfg->verbosity, GALLEY_CLI_VERBOSE, "wrote %s%s", epub,
		               eopts.page_list ? " (with the PDF's page numbers)" : "");
	status = GALLEY_EXIT_OK;

cleanup:
	if (beside) {
		/* the PDF failed: the EPUB still finishes, and says so if it fails */
		pthread_join(tid, NULL);
		if (job.rc < 0)
			galley_cli_report(&job.err);
	}
	if (!written || status != GALLEY_EXIT_OK) {
		/* nothing is replaced: a staged file not renamed yet is removed */
		galley_file_unstage(pdf_staged, pdf, false, NULL);
		galley_file_unstage(epub_staged, epub, false, NULL);
	}
	free(pdf_staged);
	free(epub_staged);
	galley_layout_free(layout);
	return status;
}

static int run_build(const digest_config *cfg, const char *manifest)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_digest *digest = NULL;
	galley_doc *doc = NULL;
	galley_select_options sel;
	const char *pdf, *epub;
	size_t i, printed = 0, skipped = 0;
	int status = GALLEY_EXIT_FAIL;

	if (galley_digest_load(&digest, manifest, &err) < 0) {
		galley_cli_report(&err);
		goto cleanup;
	}
	status = resolve_run(cfg, digest, &sel);
	if (status != GALLEY_EXIT_OK)
		goto cleanup;
	status = GALLEY_EXIT_FAIL;
	pdf = cfg->pdf ? cfg->pdf : galley_digest_output_pdf(digest);
	epub = cfg->epub ? cfg->epub : galley_digest_output_epub(digest);
	if (!pdf && !epub) {
		/* The manifest's warnings may say why (a misspelt key under output:). */
		for (i = 0; i < galley_digest_ndiags(digest); i++) {
			const galley_diag *d = galley_digest_diag(digest, i);

			if (d->severity == GALLEY_WARNING && cfg->verbosity >= GALLEY_CLI_NORMAL)
				fprintf(stderr, "galley: %s:%u:%u: warning: %s\n", manifest,
				        (unsigned)d->pos.line, (unsigned)d->pos.column, d->message);
		}
		galley_cli_fail("%s: names no output: add 'output: {pdf: FILE, epub: FILE}' "
		                "or give --pdf/--epub", manifest);
		goto cleanup;
	}
	if (pdf && cfg->verbosity >= GALLEY_CLI_NORMAL)
		galley_cli_check_extension(pdf, ".pdf", "build");
	if (epub && cfg->verbosity >= GALLEY_CLI_NORMAL)
		galley_cli_check_extension(epub, ".epub", "build");
	if (pdf && epub && (strcmp(pdf, epub) == 0 || galley_cli_same_file(pdf, epub))) {
		galley_cli_fail("%s: the PDF and the EPUB would be written to the same file", pdf);
		goto cleanup;
	}
	status = build_read(cfg, digest, &sel, &doc, &skipped, &printed);
	if (status != GALLEY_EXIT_OK)
		goto cleanup;
	status = GALLEY_EXIT_FAIL;
	if ((pdf && check_output(digest, manifest, doc, pdf) < 0) ||
	    (epub && check_output(digest, manifest, doc, epub) < 0))
		goto cleanup;
	status = build_write(cfg, digest, doc, pdf, epub, &skipped, &printed);
	if (status == GALLEY_EXIT_OK && skipped > 0) {
		galley_cli_say(cfg->verbosity, GALLEY_CLI_NORMAL, "built with %zu article%s left out",
		               skipped, skipped == 1 ? "" : "s");
		status = GALLEY_EXIT_PARTIAL;
	}

cleanup:
	galley_doc_free(doc);
	galley_digest_free(digest);
	return status;
}

/* ---- import ------------------------------------------------------------- */

static int run_import(const digest_config *cfg, const char *input)
{
	galley_error err = GALLEY_ERROR_INIT;
	bool from_stdin = strcmp(input, "-") == 0;
	bool to_stdout = !cfg->output || strcmp(cfg->output, "-") == 0;
	char *text = NULL, *markdown = NULL;
	galley_import_options iopts;
	size_t len = 0, mdlen = 0;
	int status = GALLEY_EXIT_FAIL;
	int rc;

	if (!to_stdout && !from_stdin && galley_cli_same_file(input, cfg->output)) {
		galley_cli_fail("%s: refusing to write the output over the input", cfg->output);
		goto cleanup;
	}
	if (from_stdin)
		rc = galley_stream_read(stdin, "<stdin>", GALLEY_IMPORT_MAX_BYTES,
		                        "limit of a newsroom article", &text, &len, &err);
	else
		rc = galley_file_read(input, GALLEY_IMPORT_MAX_BYTES, &text, &len, &err);
	galley_import_options_init(&iopts, GALLEY_IMPORT_OPTIONS_VERSION);
	iopts.headline_line = (unsigned)cfg->headline_line;
	if (rc < 0 || galley_import_text_ext(text, len, from_stdin ? "<stdin>" : input, &iopts,
	                                     &markdown, &mdlen, &err) < 0) {
		galley_cli_report(&err);
		if (strstr(err.message, "no headline before") != NULL)
			galley_cli_say(cfg->verbosity, GALLEY_CLI_NORMAL,
			               "if it is the headline, --headline-line N takes line N as the headline");
		goto cleanup;
	}
	if (to_stdout) {
		if (fwrite(markdown, 1, mdlen, stdout) != mdlen || galley_cli_finish_stdout() < 0)
			goto cleanup;
	} else {
		if (galley_file_write_atomic(cfg->output, markdown, mdlen, &err) < 0) {
			galley_cli_report(&err);
			goto cleanup;
		}
		galley_cli_say(cfg->verbosity, GALLEY_CLI_VERBOSE, "wrote %s", cfg->output);
	}
	status = GALLEY_EXIT_OK;

cleanup:
	free(markdown);
	free(text);
	return status;
}

/* ---- entry points ------------------------------------------------------- */

int galley_cli_digest_help(const char *name, FILE *out)
{
	const digest_command *cmd = find_command(name);

	if (!cmd)
		return -1;
	fprintf(out, "Usage: %s\n\n%s", cmd->synopsis, cmd->description);
	galley_cli_options_help(out, digest_table, cmd->bit);
	fputs(EXIT_HELP, out);
	return 0;
}

void galley_cli_digest_list(FILE *out)
{
	size_t i;

	for (i = 0; i < NDIGEST_COMMANDS; i++)
		fprintf(out, "  %-6s %s\n", digest_commands[i].name, digest_commands[i].summary);
}

int galley_cli_digest_run(const char *name, int argc, char **argv)
{
	const digest_command *cmd = find_command(name);
	digest_config cfg;
	galley_cli_config conf = {NULL, NULL, 0};
	const char **operands = NULL;
	size_t noperands = 0;
	char why[GALLEY_CLI_WHY_MAX];
	int status = GALLEY_EXIT_USAGE;

	if (!cmd)
		return -1;
	memset(&cfg, 0, sizeof cfg);
	cfg.command = cmd;
	cfg.verbosity = GALLEY_CLI_NORMAL;
	operands = calloc((size_t)argc + 1, sizeof *operands);
	cfg.tags = calloc((size_t)argc + 1, sizeof *cfg.tags);
	if (!operands || !cfg.tags) {
		galley_cli_fail("out of memory");
		status = GALLEY_EXIT_FAIL;
		goto cleanup;
	}
	/* the configuration file first (the command line overrides it), unless
	 * --no-config; --quiet silences its warnings */
	if (cmd->bit == CMD_BUILD) {
		prescan_state pre = {false, false};

		galley_cli_options_parse(digest_table, cmd->bit, argc, argv, prescan_option, &pre,
		                         operands, &noperands, why);
		if (!pre.no_config &&
		    galley_cli_config_apply(&conf, digest_table, cmd->bit, apply_config_option, &cfg,
		                            pre.quiet ? GALLEY_CLI_QUIET : GALLEY_CLI_NORMAL) < 0) {
			status = GALLEY_EXIT_FAIL;
			goto cleanup;
		}
	}
	if (galley_cli_options_parse(digest_table, cmd->bit, argc, argv, apply_option, &cfg,
	                             operands, &noperands, why) < 0) {
		galley_cli_usage(cmd->name, why);
		goto cleanup;
	}
	if (cfg.version && !cfg.help) {
		galley_cli_print_version(stdout);
		status = galley_cli_finish_stdout() < 0 ? GALLEY_EXIT_FAIL : GALLEY_EXIT_OK;
		goto cleanup;
	}
	if (cfg.help) {
		galley_cli_digest_help(cmd->name, stdout);
		status = galley_cli_finish_stdout() < 0 ? GALLEY_EXIT_FAIL : GALLEY_EXIT_OK;
		goto cleanup;
	}
	if (noperands != 1) {
		galley_cli_usage(cmd->name, noperands == 0
		                 ? (cmd->bit == CMD_BUILD ? "no DIGEST.yaml given" : "no ARTICLE given")
		                 : (cmd->bit == CMD_BUILD ? "build takes one DIGEST.yaml"
		                                          : "import takes one ARTICLE"));
		goto cleanup;
	}
	if (cmd->bit == CMD_BUILD && strcmp(operands[0], "-") == 0) {
		galley_cli_usage(cmd->name, "a manifest is read from a file: its paths are relative to it");
		goto cleanup;
	}
	status = cmd->bit == CMD_BUILD ? run_build(&cfg, operands[0]) : run_import(&cfg, operands[0]);

cleanup:
	galley_cli_config_dispose(&conf);
	free(cfg.tags);
	free(operands);
	return status;
}
