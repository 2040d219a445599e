/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * commands.c: `galley pdf`, `galley epub` and `galley dump`.
 *
 * Every command runs the same pipeline through the public API only:
 *
 *   galley_doc_new -> galley_read_path (each INPUT) -> metadata from options
 *   -> galley_doc_finish -> galley_doc_check
 *   pdf:  galley_layout_new -> galley_pdf_write
 *   epub: [galley_layout_new, for --print-pages] -> galley_epub_write
 *   dump: galley_doc_dump_json to standard output
 *
 * All inputs go into one untitled section, in the order given, so several
 * inputs make one book.  Options are one table (option_table) shared by
 * the commands and by their --help; each row names the commands that
 * accept it.  Values are checked when parsed, so a bad value is a usage
 * error (exit 2) before any file is read.  Files are only ever written by
 * the library's atomic writers.
 */
#include "cli/commands.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "galley.h"
#include "cli/digest.h"
#include "cli/each.h"
#include "cli/files.h"
#include "cli/messages.h"
#include "cli/options.h"
#include "cli/config.h"
#include "cli/terminal.h"

/* The layout's limits are the library's (GALLEY_FONT_SIZE_MIN ... in
 * galley/typeset.h, checked together by galley_layout_options_check before
 * any input is read); a value alone out of them is refused as the option
 * is parsed, naming the option. */
#define TOC_DEPTH_MAX 6      /* articles plus headings of levels 1 to 5 */
#define LANG_SUBTAG_MAX 8    /* BCP 47: subtags are 1 to 8 characters */
#define SHARDS_MAX 1000000  /* machines or array tasks sharing one run */
#define FETCH_TIMEOUT_MAX 3600 /* seconds: an hour for one image is already a hang */

enum option_id {
	OPT_OUTPUT,
	OPT_EACH,
	OPT_SHARD,
	OPT_QUIET,
	OPT_VERBOSE,
	OPT_HELP,
	OPT_TITLE,
	OPT_LANG,
	OPT_SUBTITLE,
	OPT_EDITOR,
	OPT_ISSUE,
	OPT_DATE,
	OPT_SINCE,
	OPT_UNTIL,
	OPT_TAG,
	OPT_SORT,
	OPT_KEEP_RAW_HTML,
	OPT_ALLOW_OUTSIDE_ASSETS,
	OPT_RESOURCE_PATH,
	OPT_FETCH_REMOTE,
	OPT_FETCH_TIMEOUT,
	OPT_STRICT,
	OPT_FONTS,
	OPT_PAPER,
	OPT_MARGIN,
	OPT_FONT_SIZE,
	OPT_LEADING,
	OPT_COLUMNS,
	OPT_RAGGED,
	OPT_JUSTIFY,
	OPT_NO_HYPHENATE,
	OPT_HYPHENATE,
	OPT_CSS,
	OPT_COVER,
	OPT_EMBED_FONTS,
	OPT_TOC_DEPTH,
	OPT_PRINT_PAGES,
	OPT_JOBS,
	OPT_NO_CONFIG,
	OPT_VERSION
};

#define PDF GALLEY_CLI_PDF
#define EPUB GALLEY_CLI_EPUB
#define ALL GALLEY_CLI_ALL

static const char GROUP_OUTPUT[] = "Output";
static const char GROUP_META[] = "Publication metadata";
static const char GROUP_READ[] = "Reading";
static const char GROUP_SELECT[] = "Selection and order (a digest)";
static const char GROUP_LAYOUT[] = "Page layout (PDF; for EPUB, the page numbers of --print-pages)";
static const char GROUP_EPUB[] = "EPUB";
static const char GROUP_GENERAL[] = "General";

/* Every option of every command.  Rows of one group stay together: the
 * help prints a heading whenever the group changes. */
static const galley_cli_option option_table[] = {
	{GROUP_OUTPUT, "output", 'o', "FILE", OPT_OUTPUT, PDF | EPUB,
	 "write to FILE ('-': standard output)"},
	{GROUP_OUTPUT, "each", 0, NULL, OPT_EACH, PDF | EPUB,
	 "one file per article, in the folder -o names (subfolders mirrored)"},
	{GROUP_OUTPUT, "shard", 0, "K/N", OPT_SHARD, PDF | EPUB,
	 "with --each: only articles K, K+N, K+2N... of the sorted list (0 <= K < N)"},
	{GROUP_META, "title", 0, "TEXT", OPT_TITLE, ALL, "title of the publication"},
	{GROUP_META, "lang", 0, "TAG", OPT_LANG, ALL, "language of the publication (BCP 47, e.g. en-GB)"},
	{GROUP_META, "subtitle", 0, "TEXT", OPT_SUBTITLE, ALL, "subtitle of the publication"},
	{GROUP_META, "editor", 0, "NAME", OPT_EDITOR, ALL, "editor of the publication"},
	{GROUP_META, "issue", 0, "TEXT", OPT_ISSUE, ALL, "issue of the publication (e.g. \"No. 2\")"},
	{GROUP_META, "date", 0, "DATE", OPT_DATE, ALL, "date of the publication (YYYY-MM-DD)"},
	{GROUP_READ, "keep-raw-html", 0, NULL, OPT_KEEP_RAW_HTML, ALL,
	 "show raw HTML as literal text, do not read it"},
	{GROUP_READ, "allow-outside-assets", 0, NULL, OPT_ALLOW_OUTSIDE_ASSETS, ALL,
	 "allow images outside the article's folder"},
	{GROUP_READ, "resource-path", 0, "DIR[:DIR...]", OPT_RESOURCE_PATH, ALL,
	 "find site-root images (/images/x.png) as DIR/images/x.png"},
	{GROUP_READ, "fetch-remote", 0, NULL, OPT_FETCH_REMOTE, ALL,
	 "download http(s) images (cached in ~/.cache/galley); else their alt text"},
	{GROUP_READ, "fetch-timeout", 0, "SECONDS", OPT_FETCH_TIMEOUT, ALL,
	 "whole seconds one remote image may take (default 30)"},
	{GROUP_READ, "strict", 0, NULL, OPT_STRICT, ALL,
	 "every warning is an error: list them all, write nothing, exit 1"},
	{GROUP_SELECT, "since", 0, "DATE", OPT_SINCE, ALL, "skip articles dated before DATE (YYYY-MM-DD)"},
	{GROUP_SELECT, "until", 0, "DATE", OPT_UNTIL, ALL, "skip articles dated after DATE (YYYY-MM-DD)"},
	{GROUP_SELECT, "tag", 0, "TAG", OPT_TAG, ALL, "keep articles tagged TAG (repeatable: any of them)"},
	{GROUP_SELECT, "sort", 0, "ORDER", OPT_SORT, ALL, "date (then title), title, or input (default)"},
	{GROUP_LAYOUT, "fonts", 0, "DIR", OPT_FONTS, PDF | EPUB, "take the fonts from DIR"},
	{GROUP_LAYOUT, "paper", 0, "SIZE", OPT_PAPER, PDF | EPUB,
	 "a4 (default), a5, b5, letter, 6x9in, 150x220mm"},
	{GROUP_LAYOUT, "margin", 0, "LEN[,LEN...]", OPT_MARGIN, PDF | EPUB,
	 "1 to 4 lengths: top,outer,bottom,inner (62pt)"},
	{GROUP_LAYOUT, "font-size", 0, "PT", OPT_FONT_SIZE, PDF | EPUB, "body text size (default 10.5)"},
	{GROUP_LAYOUT, "leading", 0, "PT", OPT_LEADING, PDF | EPUB,
	 "baseline to baseline (default 1.35 x font size)"},
	{GROUP_LAYOUT, "columns", 0, "N", OPT_COLUMNS, PDF | EPUB, "1 (default) or 2 columns"},
	{GROUP_LAYOUT, "ragged", 0, NULL, OPT_RAGGED, PDF | EPUB, "ragged right instead of justified"},
	{GROUP_LAYOUT, "justify", 0, NULL, OPT_JUSTIFY, PDF | EPUB, "justified (the default; undoes ragged: true in the config)"},
	{GROUP_LAYOUT, "no-hyphenate", 0, NULL, OPT_NO_HYPHENATE, PDF | EPUB, "do not hyphenate words"},
	{GROUP_LAYOUT, "hyphenate", 0, NULL, OPT_HYPHENATE, PDF | EPUB, "hyphenate (the default; undoes hyphenate: false)"},
	{GROUP_EPUB, "css", 0, "FILE", OPT_CSS, EPUB, "use FILE as the stylesheet instead of the default"},
	{GROUP_EPUB, "cover", 0, "IMAGE", OPT_COVER, EPUB, "cover image (PNG or JPEG)"},
	{GROUP_EPUB, "embed-fonts", 0, NULL, OPT_EMBED_FONTS, EPUB, "embed the fonts in the book"},
	{GROUP_EPUB, "toc-depth", 0, "N", OPT_TOC_DEPTH, EPUB,
	 "1: articles only; 2 (default) to 6: headings too"},
	{GROUP_EPUB, "print-pages", 0, NULL, OPT_PRINT_PAGES, EPUB,
	 "list where the pages of the PDF edition begin"},
	{GROUP_GENERAL, "jobs", 'j', "N", OPT_JOBS, PDF | EPUB,
	 "worker threads: 0 (default) one per CPU up to 8, 1 none; same output"},
	{GROUP_GENERAL, "quiet", 'q', NULL, OPT_QUIET, ALL, "print errors only"},
	{GROUP_GENERAL, "verbose", 'v', NULL, OPT_VERBOSE, ALL, "print notes and progress too"},
	{GROUP_GENERAL, "no-config", 0, NULL, OPT_NO_CONFIG, ALL,
	 "ignore the configuration file (~/.config/galley/config.yaml)"},
	{GROUP_GENERAL, "help", 'h', NULL, OPT_HELP, ALL, "print this help and exit"},
	{GROUP_GENERAL, "version", 'V', NULL, OPT_VERSION, ALL, "print the version and exit"},
	{NULL, NULL, 0, NULL, 0, 0, NULL}
};

/* A command: its name, bit, synopsis, one-line summary and what it does. */
typedef struct command_spec {
	const char *name;
	unsigned bit;
	const char *synopsis;
	const char *summary;
	const char *description;
	const char *extension; /* of the default output name; NULL: standard output */
} command_spec;

static const command_spec commands[] = {
	{"pdf", PDF, "galley pdf [options] INPUT... [-o OUT.pdf]",
	 "typeset articles into a print-ready PDF",
	 "Typesets Markdown articles into a print-ready PDF with embedded fonts.\n",
	 ".pdf"},
	{"epub", EPUB, "galley epub [options] INPUT... [-o OUT.epub]",
	 "make an EPUB 3 book of articles",
	 "Makes an EPUB 3 book of Markdown articles: one XHTML file per article,\n"
	 "a table of contents, the images, and the metadata of the front matter.\n",
	 ".epub"},
	{"dump", GALLEY_CLI_DUMP, "galley dump [options] INPUT...",
	 "print the document model as JSON",
	 "Reads the articles and prints galley's document model as JSON on standard\n"
	 "output, for scripts and tests.\n",
	 NULL},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const char INPUT_HELP[] =
	"INPUT is a Markdown file, a folder (its *.md files, sorted by name) or '-'\n"
	"for standard input.  Several inputs make one book, in the order given.\n";

static const char EXIT_HELP[] =
	"\nExit status: 0 on success, 1 when an input or output failed, 2 on a usage\n"
	"error.  Messages go to standard error as 'galley: FILE:LINE:COL: error: TEXT'.\n";

/* Everything the options decide, for one run. */
typedef struct run_config {
	const command_spec *command;
	const char *output;          /* -o; NULL: derived from the input */
	bool each;                   /* --each: -o is a folder of one file per article */
	unsigned shard, shards;      /* --shard K/N; 0/0: not given */
	bool help;
	bool version;                /* -V, --version */
	galley_cli_verbosity verbosity;
	const char *title;           /* --title; NULL: from the articles */
	const char *lang;            /* --lang; NULL: from the articles */
	const char *subtitle;        /* --subtitle, --editor, --issue; NULL: not set */
	const char *editor;
	const char *issue;
	galley_date date;            /* --date; year 0: not set */
	bool select_set;             /* a selection option was given: galley_doc_select */
	galley_select_options select; /* its tags point into argv, the array is malloc'ed */
	bool print_pages;
	galley_cli_progress *bar;    /* the progress bar (reading; layout and EPUB
	                                report through the options' callbacks) */
	galley_read_options read;
	galley_layout_options layout;
	galley_pdf_options pdf;
	galley_epub_options epub;
	bool fetch_remote;           /* --fetch-remote */
	galley_fetch_options fetch;  /* its limits (--fetch-timeout) */
} run_config;

static const command_spec *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++) {
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	}
	return NULL;
}

/* ---- option values ------------------------------------------------------ */

/* "LEN", "V,H", "T,H,B" or "T,O,B,I", as CSS margins, into the layout. */
static int parse_margins(const char *s, galley_layout_options *layout)
{
	double v[4];
	size_t n = 0;
	const char *p = s;
	size_t i;

	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char word[64];

		if (n == 4 || len == 0 || len >= sizeof word)
			return -1;
		memcpy(word, p, len);
		word[len] = '\0';
		if (galley_length_parse(word, &v[n]) < 0)
			return -1;
		n++;
		if (!comma)
			break;
		p = comma + 1;
	}
	for (i = n; i < 4; i++) {
		/* CSS: the missing right copies the top, bottom the top, left the right */
		v[i] = i == 1 ? v[0] : i == 2 ? v[0] : v[1];
	}
	layout->margin_top = v[0];
	layout->margin_outer = v[1];
	layout->margin_bottom = v[2];
	layout->margin_inner = v[3];
	return 0;
}

/* A plausible BCP 47 tag: subtags of 1 to 8 letters or digits joined by
 * '-', the first made of letters. */
static bool lang_valid(const char *s)
{
	size_t run = 0;
	bool first = true;
	const char *p;

	for (p = s; ; p++) {
		if (*p == '-' || *p == '\0') {
			if (run == 0 || run > LANG_SUBTAG_MAX)
				return false;
			if (*p == '\0')
				return true;
			first = false;
			run = 0;
		} else if (isalpha((unsigned char)*p) || (!first && isdigit((unsigned char)*p))) {
			run++;
		} else {
			return false;
		}
	}
}

/* The option handler: stores one option into the run_config. */
static int apply_option(void *ctx, const galley_cli_option *opt, const char *arg, char *why)
{
	run_config *cfg = ctx;
	double d = 0;
	int n = 0;

	switch ((enum option_id)opt->id) {
	case OPT_OUTPUT:
		if (!arg[0])
			goto bad_value;
		cfg->output = arg;
		break;
	case OPT_EACH:
		cfg->each = true;
		break;
	case OPT_SHARD: {
		unsigned long k, count;
		char *end;

		errno = 0;
		k = strtoul(arg, &end, 10);
		if (end == arg || *end != '/' || !isdigit((unsigned char)end[1]) || arg[0] == '-')
			goto bad_value;
		count = strtoul(end + 1, &end, 10);
		if (*end || errno || count == 0 || count > SHARDS_MAX || k >= count) {
			snprintf(why, GALLEY_CLI_WHY_MAX, "--shard takes K/N with 0 <= K < N <= %d", SHARDS_MAX);
			return -1;
		}
		cfg->shard = (unsigned)k;
		cfg->shards = (unsigned)count;
		break;
	}
	case OPT_QUIET: cfg->verbosity = GALLEY_CLI_QUIET; break;
	case OPT_VERBOSE: cfg->verbosity = GALLEY_CLI_VERBOSE; break;
	case OPT_HELP: cfg->help = true; break;
	case OPT_VERSION: cfg->version = true; break;
	case OPT_TITLE: cfg->title = arg; break;
	case OPT_LANG:
		if (!lang_valid(arg))
			goto bad_value;
		cfg->lang = arg;
		break;
	case OPT_SUBTITLE: cfg->subtitle = arg; break;
	case OPT_EDITOR: cfg->editor = arg; break;
	case OPT_ISSUE: cfg->issue = arg; break;
	case OPT_DATE:
		if (galley_date_parse(arg, &cfg->date) < 0)
			goto bad_value;
		break;
	case OPT_SINCE:
	case OPT_UNTIL:
		if (galley_date_parse(arg, opt->id == OPT_SINCE ? &cfg->select.since
		                                                : &cfg->select.until) < 0)
			goto bad_value;
		cfg->select_set = true;
		break;
	case OPT_TAG:
		if (!arg[0])
			goto bad_value;
		cfg->select.tags[cfg->select.ntags++] = arg;
		cfg->select_set = true;
		break;
	case OPT_SORT:
		if (galley_sort_parse(arg, &cfg->select.sort) < 0)
			goto bad_value;
		cfg->select_set = true;
		break;
	case OPT_KEEP_RAW_HTML: cfg->read.keep_raw_html = true; break;
	case OPT_ALLOW_OUTSIDE_ASSETS: cfg->read.allow_outside_assets = true; break;
	case OPT_RESOURCE_PATH:
		if (!arg[0])
			goto bad_value;
		cfg->read.resource_path = arg;
		break;
	case OPT_STRICT: galley_cli_set_strict(true); break;
	case OPT_FETCH_REMOTE: cfg->fetch_remote = true; break;
	case OPT_FETCH_TIMEOUT:
		n = 0;
		if (galley_cli_int_option(opt, arg, 1, FETCH_TIMEOUT_MAX, &n, why) < 0)
			return -1;
		d = n;
		cfg->fetch.timeout = d;
		break;
	case OPT_FONTS:
		if (!arg[0])
			goto bad_value;
		cfg->layout.font_dir = arg;
		cfg->epub.font_dir = arg;
		break;
	case OPT_PAPER:
		if (galley_paper_parse(arg, &cfg->layout.page_width, &cfg->layout.page_height) < 0)
			goto bad_value;
		break;
	case OPT_MARGIN:
		if (parse_margins(arg, &cfg->layout) < 0)
			goto bad_value;
		break;
	case OPT_FONT_SIZE:
		if (galley_length_parse(arg, &d) < 0 || d < GALLEY_FONT_SIZE_MIN || d > GALLEY_FONT_SIZE_MAX) {
			snprintf(why, GALLEY_CLI_WHY_MAX, "invalid value '%s' for --%s: a size from %g to %g points",
			         arg, opt->long_name, GALLEY_FONT_SIZE_MIN, GALLEY_FONT_SIZE_MAX);
			return -1;
		}
		cfg->layout.font_size = d;
		break;
	case OPT_LEADING:
		if (galley_length_parse(arg, &d) < 0 || d <= 0)
			goto bad_value;
		cfg->layout.leading = d;
		break;
	case OPT_COLUMNS:
		if (galley_cli_int_option(opt, arg, 1, GALLEY_COLUMNS_MAX, &n, why) < 0)
			return -1;
		cfg->layout.columns = n;
		break;
	case OPT_RAGGED: cfg->layout.ragged = true; break;
	case OPT_JUSTIFY: cfg->layout.ragged = false; break;
	case OPT_JOBS:
		if (galley_cli_int_option(opt, arg, 0, GALLEY_JOBS_MAX, &n, why) < 0)
			return -1;
		cfg->layout.jobs = n;
		cfg->read.jobs = n;
		cfg->pdf.jobs = n;
		break;
	case OPT_NO_HYPHENATE: cfg->layout.hyphenate = false; break;
	case OPT_HYPHENATE: cfg->layout.hyphenate = true; break;
	case OPT_CSS:
		if (!arg[0])
			goto bad_value;
		cfg->epub.css_path = arg;
		break;
	case OPT_COVER:
		if (!arg[0])
			goto bad_value;
		cfg->epub.cover_path = arg;
		break;
	case OPT_EMBED_FONTS: cfg->epub.embed_fonts = true; break;
	case OPT_TOC_DEPTH:
		if (galley_cli_int_option(opt, arg, 1, TOC_DEPTH_MAX, &n, why) < 0)
			return -1;
		cfg->epub.toc_depth = n;
		break;
	case OPT_PRINT_PAGES: cfg->print_pages = true; break;
	case OPT_NO_CONFIG: break; /* seen by the first pass, see prescan() */
	}
	return 0;

bad_value:
	/* what the option allows, where its help line does not say it */
	switch ((enum option_id)opt->id) {
	case OPT_LEADING:
		snprintf(why, GALLEY_CLI_WHY_MAX, "invalid value '%s' for --%s: a length above 0 "
		         "(13pt, 4.6mm)", arg, opt->long_name);
		break;
	case OPT_MARGIN:
		snprintf(why, GALLEY_CLI_WHY_MAX, "invalid value '%s' for --%s: 1 to 4 lengths of 0 or "
		         "more separated by commas (20mm or 62pt,50pt)", arg, opt->long_name);
		break;
	case OPT_PAPER:
		snprintf(why, GALLEY_CLI_WHY_MAX, "invalid value '%s' for --%s: a4, a5, b5, a3, letter, "
		         "legal, or WxH with a unit (150x220mm, 6x9in), each side from %g to %g points",
		         arg, opt->long_name, GALLEY_PAGE_SIZE_MIN, GALLEY_PAGE_SIZE_MAX);
		break;
	case OPT_DATE:
	case OPT_SINCE:
	case OPT_UNTIL:
		snprintf(why, GALLEY_CLI_WHY_MAX, "invalid value '%s' for --%s: a date that exists, "
		         "YYYY-MM-DD", arg, opt->long_name);
		break;
	default:
		snprintf(why, GALLEY_CLI_WHY_MAX, "invalid value '%s' for --%s: %s", arg,
		         opt->long_name, opt->help);
		break;
	}
	return -1;
}

/* ---- files ---------------------------------------------------------------- */

/* The default output for a single input: its base name without the
 * extension, plus `ext`, in the current folder.  Malloc'ed; NULL on OOM. */
static char *default_output(const char *input, const char *ext)
{
	char *copy = strdup(input);
	char *resolved = NULL;
	char *base, *dot, *out = NULL;
	size_t len;

	if (!copy)
		goto cleanup;
	len = strlen(copy);
	while (len > 1 && copy[len - 1] == '/')
		copy[--len] = '\0';
	base = strrchr(copy, '/');
	base = base ? base + 1 : copy;
	if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0 || base[0] == '\0' ||
	    strcmp(base, "/") == 0) {
		/* "." or "..": name the output after the folder itself */
		resolved = realpath(input, NULL);
		base = resolved ? strrchr(resolved, '/') : NULL;
		base = base && base[1] ? base + 1 : "galley";
	}
	dot = strrchr(base, '.');
	len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	out = malloc(len + strlen(ext) + 1);
	if (!out)
		goto cleanup;
	memcpy(out, base, len);
	strcpy(out + len, ext);

cleanup:
	free(resolved);
	free(copy);
	return out;
}

/* Refuses to write over any file the run reads: an input, an article, an
 * image, the stylesheet or the cover.  0, or -1 after printing why. */
static int check_output(const run_config *cfg, const galley_doc *doc, const char *output,
                        const char **inputs, size_t ninputs)
{
	struct stat st;
	size_t i;

	if (strcmp(output, "-") == 0 || stat(output, &st) != 0)
		return 0; /* standard output, or a new file */
	for (i = 0; i < ninputs; i++) {
		if (strcmp(inputs[i], "-") != 0 && galley_cli_same_file(inputs[i], output))
			goto refuse;
	}
	for (i = 0; i < galley_doc_narticles(doc); i++) {
		if (galley_cli_same_file(galley_doc_article(doc, i)->path, output))
			goto refuse;
	}
	for (i = 0; i < galley_doc_nassets(doc); i++) {
		if (galley_cli_same_file(galley_doc_asset(doc, i)->path, output))
			goto refuse;
	}
	if (galley_cli_same_file(cfg->epub.css_path, output) || galley_cli_same_file(cfg->epub.cover_path, output))
		goto refuse;
	return 0;

refuse:
	galley_cli_fail("%s: refusing to write the output over an input file", output);
	return -1;
}

/* ---- the pipeline --------------------------------------------------------- */

/* Copies the publication metadata options into the document; a selection
 * window becomes the publication's window (shown on the title page).  0, or
 * -1 when memory runs out. */
static int apply_meta(const run_config *cfg, galley_doc *doc)
{
	galley_meta *meta = galley_doc_meta(doc);

	if ((cfg->title && !(meta->title = galley_doc_strdup(doc, cfg->title))) ||
	    (cfg->lang && !(meta->lang = galley_doc_strdup(doc, cfg->lang))) ||
	    (cfg->subtitle && !(meta->subtitle = galley_doc_strdup(doc, cfg->subtitle))) ||
	    (cfg->editor && !(meta->editor = galley_doc_strdup(doc, cfg->editor))) ||
	    (cfg->issue && !(meta->issue = galley_doc_strdup(doc, cfg->issue))))
		return -1;
	if (cfg->date.year != 0)
		meta->date = cfg->date;
	if (cfg->select.since.year != 0)
		meta->since = cfg->select.since;
	if (cfg->select.until.year != 0)
		meta->until = cfg->select.until;
	return 0;
}

/* apply_meta as galley_cli_each's prepare callback. */
static int prepare_each(const void *ctx, galley_doc *doc)
{
	return apply_meta(ctx, doc);
}

/* --each: one output per article in the folder -o names. */
static int run_each(const run_config *cfg, const char **inputs, size_t ninputs)
{
	galley_cli_each each = {
		.inputs = inputs, .ninputs = ninputs, .outdir = cfg->output,
		.extension = cfg->command->extension, .pdf = cfg->command->bit == PDF,
		.print_pages = cfg->print_pages, .read = &cfg->read, .layout = &cfg->layout,
		.pdf_opts = &cfg->pdf, .epub_opts = &cfg->epub, .jobs = cfg->layout.jobs,
		.shard = cfg->shard, .shards = cfg->shards,
		.strict = galley_cli_strict(), .verbosity = cfg->verbosity,
		.prepare = prepare_each, .prepare_ctx = cfg,
	};

	return galley_cli_each_run(&each);
}

/* The name of the folder `path` is (`is_dir`) or is in, malloc'ed; NULL
 * when it has none (the root) or memory ran out. */
static char *folder_name(const char *path, bool is_dir)
{
	char *real = realpath(path, NULL);
	char *slash, *name = NULL;

	if (!real)
		return NULL;
	if (!is_dir && (slash = strrchr(real, '/')) != NULL)
		*slash = '\0';
	slash = strrchr(real, '/');
	if (slash && slash[1])
		name = strdup(slash + 1);
	free(real);
	return name;
}

/* A book of several articles needs a title of its own: the first
 * article's would misname it in every reader's library.  Without --title
 * it is the first section's title, else the name of the folder the
 * inputs are in, with a warning.  0, or -1 when memory ran out. */
static int title_book(const run_config *cfg, galley_doc *doc, const char **inputs, size_t ninputs)
{
	galley_meta *meta = galley_doc_meta(doc);
	const galley_section *first = galley_doc_section(doc, 0);
	const char *from = "the first section";
	char *folder = NULL;
	const char *title = NULL;
	struct stat st;
	size_t i;
	int rc = 0;

	if (cfg->command->bit == GALLEY_CLI_DUMP || (meta->title && meta->title[0]) ||
	    galley_doc_narticles(doc) < 2)
		return 0;
	if (first && first->title && first->title[0]) {
		title = first->title;
	} else {
		/* the first input that is a file or a folder */
		for (i = 0; i < ninputs && !folder; i++) {
			if (strcmp(inputs[i], "-") != 0 && stat(inputs[i], &st) == 0)
				folder = folder_name(inputs[i], S_ISDIR(st.st_mode));
		}
		if (!folder && !(folder = folder_name(".", true)))
			return 0; /* the root, or no folder at all: the reader's own fallback */
		title = folder;
		from = "its folder";
	}
	if (!(meta->title = galley_doc_strdup(doc, title))) {
		rc = -1;
	} else if (cfg->verbosity >= GALLEY_CLI_NORMAL) {
		galley_pos pos = {NULL, 0, 0};

		galley_cli_warn_at(&pos, "a book of %zu articles without --title: titled '%s' after %s",
		                   galley_doc_narticles(doc), title, from);
	}
	free(folder);
	return rc;
}

/* With --strict, whether any warning was printed (as an error): the run
 * then stops, after saying so once. */
static bool strict_failed(void)
{
	static bool said;

	if (galley_cli_strict_errors() == 0)
		return false;
	if (!said)
		galley_cli_fail("--strict: %zu warning%s made error%s; nothing written",
		                galley_cli_strict_errors(), galley_cli_strict_errors() == 1 ? "" : "s",
		                galley_cli_strict_errors() == 1 ? "" : "s");
	said = true;
	return true;
}

/* Reads every input into a new document, applies the metadata options,
 * finishes and checks it.  Prints errors and diagnostics.  Returns an exit
 * status; on success *out is the document. */
static int load(const run_config *cfg, const char **inputs, size_t ninputs,
                galley_doc **out, size_t *printed)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_doc *doc = galley_doc_new();
	galley_read_options read;
	const char **files = NULL;
	size_t nfiles = 0;
	int status = GALLEY_EXIT_FAIL;
	bool failed = false;
	size_t i;

	read.ahead = NULL;

	if (!doc) {
		galley_cli_fail("out of memory");
		goto cleanup;
	}
	galley_cli_progress_init(cfg->bar, cfg->verbosity == GALLEY_CLI_QUIET, ninputs);
	/* the inputs that are files are parsed ahead on worker threads
	 * (folders parse their own files ahead) */
	read = cfg->read;
	files = calloc(ninputs ? ninputs : 1, sizeof *files);
	if (!files)
		goto oom;
	for (i = 0; i < ninputs; i++) {
		struct stat st;
		if (strcmp(inputs[i], "-") != 0 && stat(inputs[i], &st) == 0 && S_ISREG(st.st_mode))
			files[nfiles++] = inputs[i];
	}
	read.ahead = galley_read_ahead_new(files, nfiles, &read);
	for (i = 0; i < ninputs; i++) {
		galley_error_clear(&err);
		/* Read every input even after a failure, to report all at once. */
		if (galley_read_path(doc, NULL, inputs[i], &read, &err) < 0) {
			galley_cli_progress_clear(cfg->bar);
			galley_cli_report(&err);
			failed = true;
		}
		if (galley_doc_ndiags(doc) > *printed)
			galley_cli_progress_clear(cfg->bar);
		galley_cli_diags(doc, printed, cfg->verbosity);
		galley_cli_progress_update(cfg->bar, "read", i + 1, ninputs);
	}
	galley_cli_progress_clear(cfg->bar);
	galley_read_ahead_free(read.ahead);
	read.ahead = NULL;
	if (failed || strict_failed())
		goto cleanup;
	galley_error_clear(&err);
	if (apply_meta(cfg, doc) < 0)
		goto oom;
	/* galley_doc_select finishes the document after selecting. */
	if ((cfg->select_set ? galley_doc_select(doc, &cfg->select, &err)
	                     : galley_doc_finish(doc, &err)) < 0 ||
	    galley_doc_check(doc, &err) < 0) {
		galley_cli_diags(doc, printed, cfg->verbosity);
		galley_cli_report(&err);
		goto cleanup;
	}
	if (galley_doc_narticles(doc) == 0) {
		galley_cli_fail("no article to read in %s%s", inputs[0], ninputs > 1 ? " and the rest" : "");
		goto cleanup;
	}
	/* an article with no title and no text: a truncated export, not a page */
	for (i = 0; i < galley_doc_narticles(doc); i++) {
		const galley_article *a = galley_doc_article(doc, i);

		if (a->blocks == NULL && (a->meta.title == NULL || a->meta.title[0] == '\0')) {
			galley_error_clear(&err);
			galley_error_set(&err, GALLEY_EEMPTY, &a->pos, "an empty article: no title and no text");
			galley_cli_report(&err);
			failed = true;
		}
	}
	if (failed)
		goto cleanup;
	if (title_book(cfg, doc, inputs, ninputs) < 0)
		goto oom;
	galley_cli_diags(doc, printed, cfg->verbosity);
	if (strict_failed())
		goto cleanup;
	galley_cli_say(cfg->verbosity, GALLEY_CLI_VERBOSE, "read %zu article%s",
	               galley_doc_narticles(doc), galley_doc_narticles(doc) == 1 ? "" : "s");
	/* From here on the bar counts articles (layout, EPUB). */
	galley_cli_progress_init(cfg->bar, cfg->verbosity == GALLEY_CLI_QUIET,
	                         galley_doc_narticles(doc));
	*out = doc;
	doc = NULL;
	status = GALLEY_EXIT_OK;
	goto cleanup;

oom:
	galley_cli_fail("out of memory");
cleanup:
	galley_read_ahead_free(read.ahead);
	free(files);
	galley_doc_free(doc);
	return status;
}

/* Lays out the document; prints the layout's diagnostics.  0 or -1. */
static int lay_out(const run_config *cfg, galley_doc *doc, galley_layout **layout,
                   size_t *printed)
{
	galley_error err = GALLEY_ERROR_INIT;
	int rc = galley_layout_new(layout, doc, &cfg->layout, &err);

	galley_cli_progress_clear(cfg->bar);
	galley_cli_diags(doc, printed, cfg->verbosity);
	if (rc < 0) {
		galley_cli_report(&err);
		*layout = NULL;
		return -1;
	}
	return strict_failed() ? -1 : 0;
}

static int write_pdf(const run_config *cfg, galley_doc *doc, const char *output, size_t *printed)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_layout *layout = NULL;
	unsigned char *bytes = NULL;
	size_t len = 0;
	int status = GALLEY_EXIT_FAIL;

	if (lay_out(cfg, doc, &layout, printed) < 0)
		goto cleanup;
	if (strcmp(output, "-") == 0) {
		if (galley_pdf_write_memory(layout, &bytes, &len, &cfg->pdf, &err) < 0) {
			galley_cli_report(&err);
			goto cleanup;
		}
		if (galley_cli_write_stdout(NULL, (const char *)bytes, len) < 0 || galley_cli_finish_stdout() < 0)
			goto cleanup;
	} else if (galley_pdf_write(layout, output, &cfg->pdf, &err) < 0) {
		galley_cli_report(&err);
		goto cleanup;
	}
	galley_cli_say(cfg->verbosity, GALLEY_CLI_VERBOSE, "wrote %s (%zu page%s)", output,
	               galley_layout_npages(layout), galley_layout_npages(layout) == 1 ? "" : "s");
	status = GALLEY_EXIT_OK;

cleanup:
	free(bytes);
	galley_layout_free(layout);
	return status;
}

static int write_epub(const run_config *cfg, galley_doc *doc, const char *output, size_t *printed)
{
	galley_error err = GALLEY_ERROR_INIT;
	galley_layout *layout = NULL;
	galley_epub_options epub = cfg->epub;
	unsigned char *bytes = NULL;
	size_t len = 0;
	int status = GALLEY_EXIT_FAIL;

	if (cfg->print_pages) {
		/* The page map comes from laying out the PDF edition. */
		if (lay_out(cfg, doc, &layout, printed) < 0)
			goto cleanup;
		epub.page_list = true;
		epub.pages = galley_layout_page_map(layout, &epub.npages);
	}
	if (strcmp(output, "-") == 0) {
		int rc = galley_epub_write_memory(doc, &bytes, &len, &epub, &err);

		galley_cli_progress_clear(cfg->bar);
		if (rc < 0) {
			galley_cli_report(&err);
			goto cleanup;
		}
		if (galley_cli_write_stdout(NULL, (const char *)bytes, len) < 0 || galley_cli_finish_stdout() < 0)
			goto cleanup;
	} else if (galley_epub_write(doc, output, &epub, &err) < 0) {
		galley_cli_progress_clear(cfg->bar);
		galley_cli_report(&err);
		goto cleanup;
	}
	galley_cli_progress_clear(cfg->bar);
	galley_cli_diags(doc, printed, cfg->verbosity);
	galley_cli_say(cfg->verbosity, GALLEY_CLI_VERBOSE, "wrote %s", output);
	status = strict_failed() ? GALLEY_EXIT_FAIL : GALLEY_EXIT_OK;

cleanup:
	free(bytes);
	galley_layout_free(layout);
	return status;
}

static int dump(const galley_doc *doc)
{
	galley_error err = GALLEY_ERROR_INIT;

	if (galley_doc_dump_json(doc, galley_cli_write_stdout, NULL, &err) < 0) {
		galley_cli_report(&err);
		return GALLEY_EXIT_FAIL;
	}
	if (galley_cli_write_stdout(NULL, "\n", 1) < 0 || galley_cli_finish_stdout() < 0)
		return GALLEY_EXIT_FAIL;
	return GALLEY_EXIT_OK;
}

/* ---- entry points --------------------------------------------------------- */

int galley_cli_command_help(const char *name, FILE *out)
{
	const command_spec *cmd = find_command(name);

	if (!cmd)
		return galley_cli_digest_help(name, out);
	fprintf(out, "Usage: %s\n\n%s%s", cmd->synopsis, cmd->description, INPUT_HELP);
	if (cmd->extension)
		fprintf(out, "Without -o, a single input NAME.md is written to NAME%s in the current\n"
		             "folder; several inputs or '-' need -o.\n", cmd->extension);
	galley_cli_options_help(out, option_table, cmd->bit);
	fputs(EXIT_HELP, out);
	return 0;
}

void galley_cli_commands_list(FILE *out)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-6s %s\n", commands[i].name, commands[i].summary);
	galley_cli_digest_list(out);
}

/* What the first pass over the command line looks for: whether to read
 * the configuration file at all, and whether to keep quiet about it. */
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

/* The first pass: the configuration file is applied before the command
 * line (which overrides it), so --no-config and --quiet must be known
 * first.  Parse errors are left to the second pass, which reports them. */
static prescan_state prescan(unsigned command, int argc, char **argv, const char **operands)
{
	prescan_state st = {false, false};
	char why[GALLEY_CLI_WHY_MAX];
	size_t n = 0;

	galley_cli_options_parse(option_table, command, argc, argv, prescan_option, &st,
	                         operands, &n, why);
	return st;
}

int galley_cli_command_run(const char *name, int argc, char **argv)
{
	const command_spec *cmd = find_command(name);
	run_config cfg;
	galley_doc *doc = NULL;
	const char **inputs = NULL;
	size_t ninputs = 0, printed = 0;
	char *output = NULL;
	char why[GALLEY_CLI_WHY_MAX];
	galley_error err = GALLEY_ERROR_INIT;
	int status = GALLEY_EXIT_USAGE;
	galley_cli_config conf = {NULL, NULL, 0};
	galley_cli_progress bar;
	prescan_state pre;

	if (!cmd)
		return galley_cli_digest_run(name, argc, argv);
	memset(&cfg, 0, sizeof cfg);
	cfg.command = cmd;
	cfg.verbosity = GALLEY_CLI_NORMAL;
	galley_read_options_init(&cfg.read, GALLEY_READ_OPTIONS_VERSION);
	galley_layout_options_init(&cfg.layout, GALLEY_LAYOUT_OPTIONS_VERSION);
	galley_pdf_options_init(&cfg.pdf, GALLEY_PDF_OPTIONS_VERSION);
	galley_epub_options_init(&cfg.epub, GALLEY_EPUB_OPTIONS_VERSION);
	galley_fetch_options_init(&cfg.fetch, GALLEY_FETCH_OPTIONS_VERSION);
	galley_cli_progress_init(&bar, true, 0);
	cfg.bar = &bar;
	cfg.layout.progress = galley_cli_progress_update;
	cfg.layout.progress_ctx = &bar;
	cfg.epub.progress = galley_cli_progress_update;
	cfg.epub.progress_ctx = &bar;

	galley_select_options_init(&cfg.select, GALLEY_SELECT_OPTIONS_VERSION);
	inputs = calloc((size_t)argc + 1, sizeof *inputs);
	cfg.select.tags = calloc((size_t)argc + 1, sizeof *cfg.select.tags);
	if (!inputs || !cfg.select.tags) {
		galley_cli_fail("out of memory");
		status = GALLEY_EXIT_FAIL;
		goto cleanup;
	}
	pre = prescan(cmd->bit, argc, argv, inputs);
	if (!pre.no_config &&
	    galley_cli_config_apply(&conf, option_table, cmd->bit, apply_option, &cfg,
	                            pre.quiet ? GALLEY_CLI_QUIET : GALLEY_CLI_NORMAL) < 0) {
		status = GALLEY_EXIT_FAIL;
		goto cleanup;
	}
	if (galley_cli_options_parse(option_table, cmd->bit, argc, argv, apply_option, &cfg,
	                             inputs, &ninputs, why) < 0) {
		galley_cli_usage(cmd->name, why);
		goto cleanup;
	}
	if (!cfg.epub.font_dir)
		cfg.epub.font_dir = cfg.layout.font_dir;
	if (cfg.help || cfg.version) {
		if (cfg.help)
			galley_cli_command_help(cmd->name, stdout);
		else
			galley_cli_print_version(stdout);
		status = galley_cli_finish_stdout() < 0 ? GALLEY_EXIT_FAIL : GALLEY_EXIT_OK;
		goto cleanup;
	}
	if (ninputs == 0) {
		galley_cli_usage(cmd->name, "no INPUT given");
		goto cleanup;
	}
	if (galley_layout_options_check(&cfg.layout, &err) < 0) {
		galley_cli_usage(cmd->name, err.message);
		goto cleanup;
	}
	if (cfg.select.since.year != 0 && cfg.select.until.year != 0 &&
	    galley_date_cmp(&cfg.select.since, &cfg.select.until) > 0) {
		galley_cli_usage(cmd->name, "the window is empty: --since is after --until");
		goto cleanup;
	}
	if (cfg.shards && !cfg.each) {
		galley_cli_usage(cmd->name, "--shard splits an --each run: give --each too");
		goto cleanup;
	}
	if (cfg.each) {
		if (!cfg.output || strcmp(cfg.output, "-") == 0) {
			galley_cli_usage(cmd->name, "--each writes one file per article: name their folder with -o DIR");
			goto cleanup;
		}
		if (cfg.select_set || cfg.title) {
			galley_cli_usage(cmd->name, "--each makes one output per article: --title, --since, "
			                 "--until, --tag and --sort are for a book");
			goto cleanup;
		}
	} else if (cmd->extension) {
		if (cfg.output) {
			output = strdup(cfg.output);
		} else if (ninputs > 1) {
			galley_cli_usage(cmd->name, "several inputs make one book: name it with -o");
			goto cleanup;
		} else if (strcmp(inputs[0], "-") == 0) {
			galley_cli_usage(cmd->name, "standard input has no name: give -o");
			goto cleanup;
		} else {
			output = default_output(inputs[0], cmd->extension);
		}
		if (!output) {
			galley_cli_fail("out of memory");
			status = GALLEY_EXIT_FAIL;
			goto cleanup;
		}
		if (strcmp(output, "-") == 0 && isatty(STDOUT_FILENO)) {
			snprintf(why, sizeof why, "refusing to write %s to a terminal: redirect standard "
			         "output or give -o FILE", cmd->bit == PDF ? "a PDF" : "an EPUB");
			galley_cli_usage(cmd->name, why);
			goto cleanup;
		}
		if (cfg.verbosity >= GALLEY_CLI_NORMAL)
			galley_cli_check_extension(output, cmd->extension, cmd->name);
	}

	if (cfg.fetch_remote && galley_fetch_new(&cfg.read.fetch, &cfg.fetch, &err) < 0) {
		galley_cli_report(&err);
		status = GALLEY_EXIT_FAIL;
		goto cleanup;
	}
	if (cfg.each) {
		status = run_each(&cfg, inputs, ninputs);
		goto cleanup;
	}
	status = load(&cfg, inputs, ninputs, &doc, &printed);
	if (status != GALLEY_EXIT_OK)
		goto cleanup;
	if (output && check_output(&cfg, doc, output, inputs, ninputs) < 0) {
		status = GALLEY_EXIT_FAIL;
		goto cleanup;
	}
	switch (cmd->bit) {
	case PDF: status = write_pdf(&cfg, doc, output, &printed); break;
	case EPUB: status = write_epub(&cfg, doc, output, &printed); break;
	default: status = dump(doc); break;
	}

cleanup:
	galley_doc_free(doc);
	galley_fetch_free(cfg.read.fetch);
	free(output);
	free(cfg.select.tags);
	free(inputs);
	galley_cli_config_dispose(&conf);
	return status;
}
