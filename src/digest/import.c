/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * digest/import.c: a plain-text newsroom article -> Markdown with YAML
 * front matter (galley_import_text in galley/import.h).
 *
 * Newsroom wires and CMS exports arrive as plain text in this shape:
 *
 *   Supervisor Elham AbolFateh          masthead lines (optional)
 *   Editor in Chief Mohamed Wadie
 *
 *   NATO Chief Warns of Real Crisis     headline
 *
 *   Wed 12 Jan 2022 | 09:26 PM          date line
 *   H-Tayea                             byline (optional)
 *
 *   NATO's secretary-general ...        body paragraphs, separated by blank lines
 *
 * The heuristics, in the order they run, each one function at the end of
 * this file (import_lines, find_date_line, find_headline, find_publication,
 * find_byline, write_body), which galley_import_text calls in turn:
 *
 * 1. Text.  The bytes are checked as the Markdown reader checks a file
 *    (UTF-8, BOM removed, CRLF/CR to LF, control characters replaced).
 *    Spaces at the ends of lines are not part of any word and are dropped.
 *
 * 2. Date line: the first of the first IMPORT_HEAD_LINES lines that is,
 *    as a whole, a date with an optional time:
 *      [label] [weekday] DATE [separator] [TIME [AM|PM] [zone]]
 *    label:     "Published", "Posted", "Updated" or "Date", with an
 *               optional ':' or "on"
 *    weekday:   "Wed", "Wednesday", with an optional '.' or ','
 *    DATE:      12 Jan 2022 / 12 January 2022 / 12. January 2022
 *               January 12, 2022 / Jan. 12 2022
 *               2022-01-12 (ISO; a 'T' may join the time)
 *    separator: '|', ',', '-', '/', en or em dash, middle dot, "at"
 *               (also allowed at the end of the line)
 *    TIME:      09:26, 9:26:05, 09:26 PM, 9:26pm, 9:26 p.m.
 *    zone:      GMT, UTC, Z, +02:00, +0200, GMT+2
 *    Numeric day/month forms (12/01/2022, 01.12.2022) are not accepted:
 *    they mean different days in different countries.  A line holding
 *    anything else (a sentence that mentions a date) is not a date line.
 *
 * 3. Headline: the last run of consecutive non-empty lines before the date
 *    line that are not masthead lines and not a "By ..." byline, joined
 *    with spaces.  A masthead line is short (at most IMPORT_MASTHEAD_WORDS
 *    words) and either names a role as a whole word (editor, supervisor,
 *    chief, publisher, founder, director, chairman, president, manager,
 *    managing) or is in capitals (a name such as "THE DAILY GAZETTE", at
 *    most IMPORT_CAPS_WORDS words).  The line just before the date line
 *    (blank lines between allowed) is where headlines stand: there, a role
 *    line reads as a headline when it has at least three words and the
 *    role word is neither its first word nor its last ("NATO Chief Warns
 *    of Real Crisis"; "Editor in Chief Mohamed Wadie" and "Jane Doe,
 *    Editor" stay masthead lines).  A caller may name the headline's line
 *    instead (galley_import_options.headline_line).  No such line -> error
 *    at the date line, naming the line nearest above it and what it was
 *    taken for.
 *
 * 4. Publication: the first masthead line in capitals, or else a short
 *    line before the headline containing a newspaper word (Times, News,
 *    Post, Gazette, Herald, Journal, Tribune, Chronicle, Observer, Daily,
 *    Weekly, Review, Gate), taken as written.  Role lines never are.
 *
 * 5. Byline: the first non-empty line after the date line when it is a
 *    paragraph of its own (a blank line or the end follows), has at most
 *    IMPORT_BYLINE_WORDS words after an optional "By ", and does not end
 *    like a sentence (. ! ? : ;) or hold quotation marks.  Also a "By ..."
 *    line just before the date line.  "By " is removed from the author.
 *
 * 6. Body: every line after the byline (or after the date line), grouped
 *    into paragraphs at blank lines.  Leading spaces are removed (they
 *    would make code blocks), and every character Markdown could read as
 *    syntax is escaped with a backslash: at the start of a line # > - + *
 *    = _ ~ ` | and the . or ) of "1." / "1)"; anywhere \ * _ ` [ ] < and an
 *    & that starts an entity.  A CommonMark reader then shows each word as
 *    written (typographic quotes aside, with smart punctuation on).
 *
 * Front matter values are written as YAML double-quoted strings (\" \\ and
 * control characters escaped); the date is ISO 8601, with the time and
 * zone when the date line gives them.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "galley/import.h"
#include "galley/model.h"
/* rule 1 checks the text exactly as the reader checks a file, with the
 * reader's own read_text_normalize, which its public API does not offer */
#include "read/internal.h"
#include "base/buf.h"
#include "model/options.h"

/* How far the date line is searched.  Masthead, headline and standfirst
 * fit in well under 25 lines; looking further would take a date quoted
 * early in the body for the date line. */
#define IMPORT_HEAD_LINES 25

/* Most words in a masthead line ("Editor in Chief Mohamed Wadie" has 5). */
#define IMPORT_MASTHEAD_WORDS 8

/* Most words in a capitals-only name line; headlines set in capitals are
 * longer than this. */
#define IMPORT_CAPS_WORDS 5

/* Most words of a byline after "By " ("Jane Doe and John Roe, Reuters"). */
#define IMPORT_BYLINE_WORDS 6

/* A line of the text: `s` is not NUL-terminated; trailing spaces removed. */
typedef struct line {
	const char *s;
	size_t n;
} line;

/* The Markdown being written (base/buf.h: failures are sticky). */
typedef galley_buf outbuf;

static void put(outbuf *o, const char *s, size_t n)
{
	galley_buf_add(o, s, n);
}

static void puts_(outbuf *o, const char *s)
{
	galley_buf_puts(o, s);
}

/* ---- words and line classes ------------------------------------------------ */

static bool is_blank(const line *l)
{
	return l->n == 0;
}

static size_t count_words(const char *s, size_t n)
{
	size_t i, words = 0;
	bool in = false;
	for (i = 0; i < n; i++) {
		bool space = s[i] == ' ' || s[i] == '\t';
		if (!space && !in)
			words++;
		in = !space;
	}
	return words;
}

/* Whether `word` (ASCII, lowercase) occurs in s[0..n) as a whole word,
 * ignoring case; hyphens separate words ("Editor-in-Chief"). */
static bool has_word(const char *s, size_t n, const char *word)
{
	size_t wl = strlen(word), i;
	for (i = 0; i + wl <= n; i++) {
		if (strncasecmp(s + i, word, wl) != 0)
			continue;
		if (i > 0 && isalnum((unsigned char)s[i - 1]))
			continue;
		if (i + wl < n && isalnum((unsigned char)s[i + wl]))
			continue;
		return true;
	}
	return false;
}

static bool has_any_word(const char *s, size_t n, const char *const *words)
{
	for (; *words != NULL; words++)
		if (has_word(s, n, *words))
			return true;
	return false;
}

static const char *const role_words[] = {
	"editor", "supervisor", "chief", "publisher", "founder", "director", "chairman",
	"president", "manager", "managing", NULL
};

static const char *const paper_words[] = {
	"times", "news", "post", "gazette", "herald", "journal", "tribune", "chronicle",
	"observer", "daily", "weekly", "review", "gate", NULL
};

/* In capitals: at least two ASCII capitals and no lowercase ASCII letter. */
static bool all_caps(const line *l)
{
	size_t i, upper = 0;
	for (i = 0; i < l->n; i++) {
		if (l->s[i] >= 'a' && l->s[i] <= 'z')
			return false;
		upper += l->s[i] >= 'A' && l->s[i] <= 'Z';
	}
	return upper >= 2;
}

static bool is_role_line(const line *l)
{
	return count_words(l->s, l->n) <= IMPORT_MASTHEAD_WORDS && has_any_word(l->s, l->n, role_words);
}

static bool is_caps_name(const line *l)
{
	return count_words(l->s, l->n) <= IMPORT_CAPS_WORDS && all_caps(l);
}

static bool is_masthead(const line *l)
{
	return is_role_line(l) || is_caps_name(l);
}

static bool starts_with_by(const line *l)
{
	return l->n > 3 && strncasecmp(l->s, "by ", 3) == 0;
}

/* A line that may belong to the headline (rule 3). */
static bool headline_candidate(const line *l)
{
	return !is_blank(l) && !is_masthead(l) && !starts_with_by(l);
}

/* The role word `l` names (rule 3), or NULL. */
static const char *role_in(const line *l)
{
	const char *const *w;
	for (w = role_words; *w != NULL; w++)
		if (has_word(l->s, l->n, *w))
			return *w;
	return NULL;
}

/* Whether s[0..n) is `word` ignoring case, trailing punctuation aside. */
static bool word_is(const char *s, size_t n, const char *word)
{
	while (n > 0 && !isalnum((unsigned char)s[n - 1]))
		n--;
	return n == strlen(word) && strncasecmp(s, word, n) == 0;
}

/* Whether a role line reads as a headline where headlines stand (rule 3):
 * three words at least, no role word first or last, not in capitals. */
static bool role_line_reads_as_headline(const line *l)
{
	size_t first_end = 0, last_start = l->n;
	const char *const *w;
	if (!is_role_line(l) || all_caps(l) || starts_with_by(l) || count_words(l->s, l->n) < 3)
		return false;
	while (first_end < l->n && l->s[first_end] != ' ' && l->s[first_end] != '\t')
		first_end++;
	while (last_start > 0 && l->s[last_start - 1] != ' ' && l->s[last_start - 1] != '\t')
		last_start--;
	for (w = role_words; *w != NULL; w++)
		if (word_is(l->s, first_end, *w) || word_is(l->s + last_start, l->n - last_start, *w))
			return false;
	/* a hyphenated title in the first word: "Editor-in-Chief Jane Doe" */
	for (w = role_words; *w != NULL; w++)
		if (has_word(l->s, first_end, *w))
			return false;
	return true;
}

/* Whether `ch` is one of the characters of `set` (never NUL). */
static bool in_set(char ch, const char *set)
{
	return ch != '\0' && strchr(set, ch) != NULL;
}

/* Whether s[0..n) contains the string `needle`. */
static bool contains(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;
	for (i = 0; i + k <= n; i++)
		if (memcmp(s + i, needle, k) == 0)
			return true;
	return false;
}

/* Whether `l` reads like a byline (see rule 5). */
static bool byline_like(const line *l)
{
	const char *s = l->s;
	size_t n = l->n;
	char last;
	if (starts_with_by(l)) {
		s += 3;
		n -= 3;
	}
	if (n == 0 || count_words(s, n) > IMPORT_BYLINE_WORDS)
		return false;
	last = s[n - 1];
	if (in_set(last, ".!?:;"))
		return false;
	if (memchr(s, '"', n) != NULL || contains(s, n, "\xe2\x80\x9c") ||
	    contains(s, n, "\xe2\x80\x9d"))
		return false;
	return true;
}

/* ---- the date line ----------------------------------------------------------- */

typedef struct cursor {
	const char *p, *end;
} cursor;

static void skip_spaces(cursor *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
		c->p++;
}

/* Consumes `word` (ASCII letters, any case) when it is a whole word. */
static bool eat_word(cursor *c, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(c->end - c->p) < n || strncasecmp(c->p, word, n) != 0)
		return false;
	if (c->p + n < c->end && isalpha((unsigned char)c->p[n]))
		return false;
	c->p += n;
	return true;
}

static bool eat_char(cursor *c, char ch)
{
	if (c->p < c->end && *c->p == ch) {
		c->p++;
		return true;
	}
	return false;
}

/* Consumes 1..max digits; returns their value or -1. */
static int eat_number(cursor *c, int min_digits, int max_digits)
{
	int v = 0, n = 0;
	while (c->p < c->end && n < max_digits && isdigit((unsigned char)*c->p)) {
		v = v * 10 + (*c->p - '0');
		c->p++;
		n++;
	}
	if (n < min_digits || (c->p < c->end && isdigit((unsigned char)*c->p)))
		return -1;
	return v;
}

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december"
};

/* A month name or its three-letter abbreviation ("Sept" too), with an
 * optional '.' after an abbreviation.  Returns 1..12 or 0. */
static int eat_month(cursor *c)
{
	int m;
	for (m = 0; m < 12; m++) {
		if (eat_word(c, month_names[m]))
			return m + 1;
	}
	for (m = 0; m < 12; m++) {
		char abbr[5];
		memcpy(abbr, month_names[m], 3);
		abbr[3] = '\0';
		if (eat_word(c, abbr) || (m == 8 && eat_word(c, "sept"))) {
			eat_char(c, '.');
			return m + 1;
		}
	}
	return 0;
}

static bool eat_weekday(cursor *c)
{
	static const char *const days[7] = {
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
	};
	int i;
	for (i = 0; i < 7; i++) {
		char abbr[4];
		if (eat_word(c, days[i]))
			return true;
		memcpy(abbr, days[i], 3);
		abbr[3] = '\0';
		if (eat_word(c, abbr) || (i == 1 && eat_word(c, "tues")) ||
		    (i == 3 && eat_word(c, "thurs"))) {
			eat_char(c, '.');
			return true;
		}
	}
	return false;
}

/* Separators between date and time: spaces, | , - / en dash, em dash,
 * middle dot, "at". */
static void skip_separators(cursor *c)
{
	for (;;) {
		skip_spaces(c);
		if (c->p < c->end && in_set(*c->p, "|,-/"))
			c->p++;
		else if (c->end - c->p >= 3 && (memcmp(c->p, "\xe2\x80\x93", 3) == 0 ||
		                                memcmp(c->p, "\xe2\x80\x94", 3) == 0))
			c->p += 3;
		else if (c->end - c->p >= 2 && memcmp(c->p, "\xc2\xb7", 2) == 0)
			c->p += 2;
		else if (!eat_word(c, "at"))
			return;
	}
}

typedef struct found_date {
	int year, month, day;
	int hour, minute, second;
	bool has_time, has_zone;
	int zone_minutes;
} found_date;

/* DATE in one of the accepted forms. */
static bool eat_date(cursor *c, found_date *d)
{
	cursor save = *c;
	int a;
	/* ISO: 2022-01-12 */
	if (c->end - c->p >= 10 && isdigit((unsigned char)c->p[0]) && c->p[4] == '-') {
		d->year = eat_number(c, 4, 4);
		if (d->year > 0 && eat_char(c, '-') && (d->month = eat_number(c, 2, 2)) > 0 &&
		    eat_char(c, '-') && (d->day = eat_number(c, 2, 2)) > 0)
			return true;
		*c = save;
		return false;
	}
	/* 12 Jan 2022, 12. January 2022 */
	if ((a = eat_number(c, 1, 2)) > 0) {
		eat_char(c, '.');
		skip_spaces(c);
		if ((d->month = eat_month(c)) > 0) {
			skip_spaces(c);
			eat_char(c, ',');
			skip_spaces(c);
			if ((d->year = eat_number(c, 4, 4)) > 0) {
				d->day = a;
				return true;
			}
		}
		*c = save;
		return false;
	}
	/* January 12, 2022 */
	if ((d->month = eat_month(c)) > 0) {
		skip_spaces(c);
		if ((d->day = eat_number(c, 1, 2)) > 0) {
			/* ordinal suffixes: 12th, 1st, 2nd, 3rd */
			if (!eat_word(c, "st") && !eat_word(c, "nd") && !eat_word(c, "rd"))
				eat_word(c, "th");
			skip_spaces(c);
			eat_char(c, ',');
			skip_spaces(c);
			if ((d->year = eat_number(c, 4, 4)) > 0)
				return true;
		}
	}
	*c = save;
	return false;
}

/* An offset: +02:00, +0200, +2, -05:30. */
static bool eat_offset(cursor *c, int *minutes)
{
	cursor save = *c;
	int sign, h, m = 0;
	if (eat_char(c, '+'))
		sign = 1;
	else if (eat_char(c, '-'))
		sign = -1;
	else
		return false;
	h = eat_number(c, 1, 2);
	if (h < 0 || h > 14) {
		*c = save;
		return false;
	}
	if (eat_char(c, ':')) {
		if ((m = eat_number(c, 2, 2)) < 0) {
			*c = save;
			return false;
		}
	} else if (c->p < c->end && isdigit((unsigned char)*c->p)) {
		if ((m = eat_number(c, 2, 2)) < 0) {
			*c = save;
			return false;
		}
	}
	if (m > 59) {
		*c = save;
		return false;
	}
	*minutes = sign * (h * 60 + m);
	return true;
}

/* TIME [AM|PM] [zone].  False (cursor unchanged) when there is none. */
static bool eat_time(cursor *c, found_date *d)
{
	cursor save = *c;
	int h, m, s = 0;
	bool pm = false, ampm = false;
	h = eat_number(c, 1, 2);
	if (h < 0 || !eat_char(c, ':') || (m = eat_number(c, 2, 2)) < 0) {
		*c = save;
		return false;
	}
	if (eat_char(c, ':') && (s = eat_number(c, 2, 2)) < 0) {
		*c = save;
		return false;
	}
	skip_spaces(c);
	if (eat_word(c, "am") || eat_word(c, "a.m.") || eat_word(c, "a.m")) {
		ampm = true;
	} else if (eat_word(c, "pm") || eat_word(c, "p.m.") || eat_word(c, "p.m")) {
		ampm = pm = true;
	}
	if (ampm) {
		if (h < 1 || h > 12) {
			*c = save;
			return false;
		}
		h = h % 12 + (pm ? 12 : 0);
	}
	if (h > 23 || m > 59 || s > 59) {
		*c = save;
		return false;
	}
	d->hour = h;
	d->minute = m;
	d->second = s;
	d->has_time = true;
	skip_spaces(c);
	if (eat_word(c, "gmt") || eat_word(c, "utc") || eat_char(c, 'Z')) {
		d->has_zone = true;
		d->zone_minutes = 0;
		eat_offset(c, &d->zone_minutes);
	} else if (eat_offset(c, &d->zone_minutes)) {
		d->has_zone = true;
	}
	return true;
}

/* Whether the whole line is a date line; fills *d. */
static bool parse_date_line(const line *l, found_date *d)
{
	cursor c = {l->s, l->s + l->n};
	galley_date check;
	char iso[40];
	memset(d, 0, sizeof *d);
	skip_spaces(&c);
	if (eat_word(&c, "published") || eat_word(&c, "posted") || eat_word(&c, "updated") ||
	    eat_word(&c, "date")) {
		skip_spaces(&c);
		if (!eat_char(&c, ':')) {
			skip_spaces(&c);
			eat_word(&c, "on");
		}
		skip_spaces(&c);
	}
	if (eat_weekday(&c)) {
		skip_spaces(&c);
		eat_char(&c, ',');
		skip_spaces(&c);
	}
	if (!eat_date(&c, d))
		return false;
	if (eat_char(&c, 'T')) {
		if (!eat_time(&c, d))
			return false;
	} else {
		skip_separators(&c);
		if (eat_time(&c, d))
			skip_separators(&c);
	}
	skip_spaces(&c);
	if (c.p != c.end)
		return false;
	/* ranges (month lengths, leap years) are checked by the model's parser */
	snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02d", d->year, d->month, d->day,
	         d->hour, d->minute, d->second);
	return galley_date_parse(iso, &check) == 0;
}

static void format_date(const found_date *d, char out[40])
{
	int len;
	if (!d->has_time) {
		snprintf(out, 40, "%04d-%02d-%02d", d->year, d->month, d->day);
		return;
	}
	len = snprintf(out, 40, "%04d-%02d-%02dT%02d:%02d:%02d", d->year, d->month, d->day,
	               d->hour, d->minute, d->second);
	if (d->has_zone && d->zone_minutes == 0)
		snprintf(out + len, 40 - (size_t)len, "Z");
	else if (d->has_zone)
		snprintf(out + len, 40 - (size_t)len, "%c%02d:%02d", d->zone_minutes < 0 ? '-' : '+',
		         abs(d->zone_minutes) / 60, abs(d->zone_minutes) % 60);
}

/* ---- writing ------------------------------------------------------------------ */

/* A YAML double-quoted scalar. */
static void put_yaml_string(outbuf *o, const char *s, size_t n)
{
	size_t i;
	put(o, "\"", 1);
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		char esc[8];
		if (ch == '"' || ch == '\\') {
			esc[0] = '\\';
			esc[1] = (char)ch;
			put(o, esc, 2);
		} else if (ch < 0x20 || ch == 0x7f) {
			snprintf(esc, sizeof esc, "\\x%02x", ch);
			put(o, esc, 4);
		} else if (ch == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		           (unsigned char)s[i + 1] <= 0x9f) {
			/* C1 controls are not printable YAML: escape them too */
			snprintf(esc, sizeof esc, "\\x%02x", (unsigned char)s[i + 1]);
			put(o, esc, 4);
			i++;
		} else {
			put(o, s + i, 1);
		}
	}
	put(o, "\"", 1);
}

static void put_meta(outbuf *o, const char *key, const char *s, size_t n)
{
	puts_(o, key);
	puts_(o, ": ");
	put_yaml_string(o, s, n);
	puts_(o, "\n");
}

/* Whether s[i..n) starts an entity or numeric character reference. */
static bool entity_at(const char *s, size_t i, size_t n)
{
	size_t j = i + 1;
	if (j < n && s[j] == '#')
		j++;
	while (j < n && isalnum((unsigned char)s[j]))
		j++;
	return j > i + 1 && j < n && s[j] == ';';
}

/* One body line, leading spaces removed, escaped (rule 6). */
static void put_body_line(outbuf *o, const char *s, size_t n)
{
	size_t i = 0, d = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	s += i;
	n -= i;
	if (n == 0)
		return;
	/* an ordered-list marker: digits then . or ) then a space or the end */
	while (d < n && d < 10 && isdigit((unsigned char)s[d]))
		d++;
	if (d > 0 && d < n && (s[d] == '.' || s[d] == ')') && (d + 1 == n || s[d + 1] == ' ' ||
	                                                       s[d + 1] == '\t')) {
		put(o, s, d);
		put(o, "\\", 1);
		put(o, s + d, 1);
		s += d + 1;
		n -= d + 1;
	} else if (in_set(s[0], "#>-+*=_~`|")) {
		put(o, "\\", 1);
		put(o, s, 1);
		s++;
		n--;
	}
	for (i = 0; i < n; i++) {
		if (in_set(s[i], "\\*_`[]<") || (s[i] == '&' && entity_at(s, i, n)))
			put(o, "\\", 1);
		put(o, s + i, 1);
	}
}

/* ---- the conversion ------------------------------------------------------------- */

/* No such line (the publication, the byline). */
#define NO_LINE ((size_t)-1)

/* One text being imported: its lines and what each rule found in them.
 * Line indexes count from 0; messages count lines from 1. */
typedef struct import_ctx {
	const char *name;             /* the text's name in messages */
	galley_error *err;
	size_t headline_line;         /* the caller's headline line, from 1; 0: rule 3 */
	line *lines;                  /* malloc'ed; point into the normalized text */
	size_t nlines;                /* trailing blank lines not counted */
	size_t date_i;                /* rule 2 */
	found_date date;
	size_t title_first, title_last; /* rule 3, both included */
	size_t pub_i;                 /* rule 4, or NO_LINE */
	size_t byline_i;              /* rule 5, or NO_LINE */
	size_t body_i;                /* rule 6 starts here */
} import_ctx;

static galley_pos line_pos(const import_ctx *c, uint32_t line_no)
{
	galley_pos pos;
	pos.file = c->name;
	pos.line = line_no;
	pos.column = 1;
	return pos;
}

static int import_oom(const import_ctx *c)
{
	return galley_error_set(c->err, GALLEY_ENOMEM, NULL, "out of memory importing %s", c->name);
}

/* Splits normalized text into lines (trailing spaces removed). */
static int split_lines(const char *text, size_t len, line **out, size_t *count)
{
	size_t n = 1, i, k = 0;
	line *v;
	const char *p = text, *end = text + len;
	for (i = 0; i < len; i++)
		n += text[i] == '\n';
	v = malloc(n * sizeof *v);
	if (v == NULL)
		return GALLEY_ENOMEM;
	while (p <= end && k < n) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		size_t ln = (size_t)(e - p);
		while (ln > 0 && (p[ln - 1] == ' ' || p[ln - 1] == '\t'))
			ln--;
		v[k].s = p;
		v[k].n = ln;
		k++;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	while (k > 0 && v[k - 1].n == 0)
		k--;
	*out = v;
	*count = k;
	return 0;
}

/* Rule 1, the text: accepts `len` bytes that the Markdown reader would
 * accept as a file (UTF-8, a BOM, CRLF or CR line endings, control
 * characters, which become U+FFFD) and no more than GALLEY_IMPORT_MAX_BYTES,
 * and cuts them into c->lines without the spaces at their ends.  The lines
 * point into *norm, which the caller frees (also on error). */
static int import_lines(import_ctx *c, const char *text, size_t len, char **norm)
{
	galley_doc *scratch = NULL;
	read_ctx ctx;
	size_t norm_len = 0;
	int rc;

	*norm = NULL;
	if (len > GALLEY_IMPORT_MAX_BYTES) {
		galley_pos pos = line_pos(c, 0);
		rc = galley_error_set(c->err, GALLEY_ELIMIT, &pos,
		                      "text of %zu bytes exceeds the import limit "
		                      "(GALLEY_IMPORT_MAX_BYTES = %zu bytes)", len, GALLEY_IMPORT_MAX_BYTES);
		goto cleanup;
	}
	/* the reader's checks record their warnings on a document: this one
	 * is thrown away, the Markdown written is read again later anyway */
	scratch = galley_doc_new();
	if (scratch == NULL) {
		rc = import_oom(c);
		goto cleanup;
	}
	memset(&ctx, 0, sizeof ctx);
	ctx.doc = scratch;
	ctx.file = c->name;
	ctx.err = c->err;
	if ((rc = read_text_normalize(&ctx, text != NULL ? text : "", text != NULL ? len : 0,
	                              norm, &norm_len)) < 0)
		goto cleanup;
	if ((rc = split_lines(*norm, norm_len, &c->lines, &c->nlines)) < 0) {
		galley_error_set(c->err, rc, NULL, "out of memory importing %s", c->name);
		goto cleanup;
	}
	rc = 0;

cleanup:
	galley_doc_free(scratch);
	return rc;
}

/* Rule 2, the date line: recognises the first of the first
 * IMPORT_HEAD_LINES lines that is, as a whole, a date with an optional
 * label, weekday, time and zone (parse_date_line).  An empty text, or no
 * such line, is an error at line 1. */
static int find_date_line(import_ctx *c)
{
	size_t head_end = c->nlines < IMPORT_HEAD_LINES ? c->nlines : IMPORT_HEAD_LINES, i;
	galley_pos pos = line_pos(c, 1);

	if (c->nlines == 0)
		return galley_error_set(c->err, GALLEY_ESYNTAX, &pos,
		                        "the text is empty: nothing to import");
	for (i = 0; i < head_end; i++) {
		if (!is_blank(&c->lines[i]) && parse_date_line(&c->lines[i], &c->date)) {
			c->date_i = i;
			return 0;
		}
	}
	return galley_error_set(c->err, GALLEY_ESYNTAX, &pos,
	                        "no date line in lines 1-%zu (looked for a line holding only a "
	                        "date such as 'Wed 12 Jan 2022 | 09:26 PM', '12 January 2022', "
	                        "'January 12, 2022' or '2022-01-12 21:26')", head_end);
}

/* Rule 3, the headline: recognises the last run of consecutive lines
 * before the date line that are neither blank, nor masthead lines, nor a
 * "By ..." byline (headline_candidate), the nearest line above the date
 * line also when it is a role line that reads as a headline; or takes the
 * line the caller named.  None is an error at the date line that names
 * the nearest line above it and what it was taken for. */
static int find_headline(import_ctx *c)
{
	size_t i, near;
	galley_pos pos;

	if (c->headline_line > 0) {
		size_t k = c->headline_line - 1;
		pos = line_pos(c, (uint32_t)c->headline_line);
		if (k >= c->date_i)
			return galley_error_set(c->err, GALLEY_ESYNTAX, &pos,
			                        "the headline line %zu is not above the date line (line %zu)",
			                        c->headline_line, c->date_i + 1);
		if (is_blank(&c->lines[k]))
			return galley_error_set(c->err, GALLEY_ESYNTAX, &pos,
			                        "the headline line %zu is empty", c->headline_line);
		c->title_first = c->title_last = k;
		return 0;
	}
	for (near = c->date_i; near > 0 && is_blank(&c->lines[near - 1]); near--)
		;
	if (near > 0 && role_line_reads_as_headline(&c->lines[near - 1])) {
		c->title_last = c->title_first = near - 1;
		while (c->title_first > 0 && headline_candidate(&c->lines[c->title_first - 1]))
			c->title_first--;
		return 0;
	}
	for (i = c->date_i; i > 0 && !headline_candidate(&c->lines[i - 1]); i--)
		;
	if (i == 0) {
		pos = line_pos(c, (uint32_t)c->date_i + 1);
		if (near == 0)
			return galley_error_set(c->err, GALLEY_ESYNTAX, &pos,
			                        "no headline before the date line: the lines above it are empty");
		{
			const line *l = &c->lines[near - 1];
			const char *role = role_in(l);
			return galley_error_set(c->err, GALLEY_ESYNTAX, &pos,
			                        "no headline before the date line: line %zu '%.*s' was classed as %s%s%s",
			                        near, (int)(l->n < 60 ? l->n : 60), l->s,
			                        starts_with_by(l) ? "a byline" : "a masthead line",
			                        starts_with_by(l) ? "" : role && !all_caps(l) ? " naming a role: " : " in capitals",
			                        starts_with_by(l) || !role || all_caps(l) ? "" : role);
		}
	}
	c->title_last = c->title_first = i - 1;
	while (c->title_first > 0 && headline_candidate(&c->lines[c->title_first - 1]))
		c->title_first--;
	return 0;
}

/* Rule 4, the publication: recognises, above the headline, the first
 * masthead line in capitals that names no role, or else the first short
 * line (at most IMPORT_CAPS_WORDS words) holding a newspaper word that is
 * neither a role line nor a "By ..." line.  Sets c->pub_i, NO_LINE when
 * there is none. */
static void find_publication(import_ctx *c)
{
	const line *l;
	size_t i;

	c->pub_i = NO_LINE;
	for (i = 0; i < c->title_first; i++) {
		l = &c->lines[i];
		if (!is_blank(l) && is_caps_name(l) && !is_role_line(l)) {
			c->pub_i = i;
			return;
		}
	}
	for (i = 0; i < c->title_first; i++) {
		l = &c->lines[i];
		if (!is_blank(l) && !is_role_line(l) && !starts_with_by(l) &&
		    count_words(l->s, l->n) <= IMPORT_CAPS_WORDS && has_any_word(l->s, l->n, paper_words)) {
			c->pub_i = i;
			return;
		}
	}
}

/* Rule 5, the byline: recognises the first non-empty line after the date
 * line when it reads like a byline (byline_like) and either is a paragraph
 * of its own or starts with "By "; else the nearest non-empty line above
 * the date line (below the headline) when it is a "By ..." byline.  Sets c->byline_i
 * (NO_LINE when there is none) and c->body_i, the line after the byline or
 * the first non-empty line after the date line. */
static void find_byline(import_ctx *c)
{
	const line *lines = c->lines;
	size_t nlines = c->nlines, body_i = c->date_i + 1, i;

	c->byline_i = NO_LINE;
	while (body_i < nlines && is_blank(&lines[body_i]))
		body_i++;
	if (body_i < nlines && byline_like(&lines[body_i]) &&
	    (body_i + 1 == nlines || is_blank(&lines[body_i + 1]) || starts_with_by(&lines[body_i]))) {
		c->byline_i = body_i;
		body_i++;
	} else {
		for (i = c->date_i; i-- > c->title_last;) {
			if (is_blank(&lines[i]))
				continue;
			if (starts_with_by(&lines[i]) && byline_like(&lines[i]))
				c->byline_i = i;
			break;
		}
	}
	c->body_i = body_i;
}

/* The length of the spaces and tabs at the start of s[0..n). */
static size_t leading_spaces(const char *s, size_t n)
{
	size_t k = 0;
	while (k < n && (s[k] == ' ' || s[k] == '\t'))
		k++;
	return k;
}

/* The front matter of what rules 2 to 5 found: title (the headline's lines
 * joined with spaces), date, and author and publication when found. */
static int write_front_matter(const import_ctx *c, outbuf *o)
{
	outbuf t = GALLEY_BUF_INIT;
	const line *l;
	char iso[40];
	size_t i, k;

	puts_(o, "---\n");
	for (i = c->title_first; i <= c->title_last; i++) {
		l = &c->lines[i];
		k = leading_spaces(l->s, l->n);
		if (i > c->title_first)
			put(&t, " ", 1);
		put(&t, l->s + k, l->n - k);
	}
	if (t.failed || t.data == NULL) {
		galley_buf_dispose(&t);
		return import_oom(c);
	}
	put_meta(o, "title", t.data, t.len);
	galley_buf_dispose(&t);
	format_date(&c->date, iso);
	puts_(o, "date: ");
	puts_(o, iso);
	puts_(o, "\n");
	if (c->byline_i != NO_LINE) {
		l = &c->lines[c->byline_i];
		k = starts_with_by(l) ? 3 : 0;
		k += leading_spaces(l->s + k, l->n - k);
		put_meta(o, "author", l->s + k, l->n - k);
	}
	if (c->pub_i != NO_LINE) {
		l = &c->lines[c->pub_i];
		k = leading_spaces(l->s, l->n);
		put_meta(o, "publication", l->s + k, l->n - k);
	}
	puts_(o, "---\n");
	return 0;
}

/* Rule 6, the body: every line from c->body_i on, in paragraphs at blank
 * lines, each paragraph after a blank line and each line escaped
 * (put_body_line) and ending in LF.  No line of text there is an error at
 * the line where the body would start. */
static int write_body(const import_ctx *c, outbuf *o)
{
	bool para_open = false, have_body = false;
	size_t i;
	galley_pos pos;

	for (i = c->body_i; i < c->nlines; i++) {
		if (is_blank(&c->lines[i])) {
			para_open = false;
			continue;
		}
		if (!para_open)
			puts_(o, "\n");
		put_body_line(o, c->lines[i].s, c->lines[i].n);
		puts_(o, "\n");
		para_open = true;
		have_body = true;
	}
	if (have_body)
		return 0;
	pos = line_pos(c, (uint32_t)(c->body_i < c->nlines ? c->body_i : c->nlines) + 1);
	return galley_error_set(c->err, GALLEY_ESYNTAX, &pos,
	                        "no body text after the %s (line %zu)",
	                        c->byline_i != NO_LINE ? "byline" : "date line",
	                        (c->byline_i != NO_LINE ? c->byline_i : c->date_i) + 1);
}

int galley_import_options_init(galley_import_options *opts, unsigned version)
{
	static const galley_import_options opts0 = GALLEY_IMPORT_OPTIONS_INIT;
	if (opts == NULL || version == 0 || version > GALLEY_IMPORT_OPTIONS_VERSION)
		return GALLEY_EUSAGE;
	*opts = opts0;
	return 0;
}

int galley_import_text(const char *text, size_t len, const char *name,
                       char **markdown_out, size_t *out_len, galley_error *err)
{
	return galley_import_text_ext(text, len, name, NULL, markdown_out, out_len, err);
}

int galley_import_text_ext(const char *text, size_t len, const char *name,
                           const galley_import_options *opts,
                           char **markdown_out, size_t *out_len, galley_error *err)
{
	import_ctx c;
	char *norm = NULL;
	outbuf o = GALLEY_BUF_INIT;
	int rc;

	*markdown_out = NULL;
	*out_len = 0;
	memset(&c, 0, sizeof c);
	c.name = name != NULL ? name : "<text>";
	c.err = err;
	if (opts != NULL && (rc = galley_options_version_check(opts->version, GALLEY_IMPORT_OPTIONS_VERSION,
	                                                       "galley_import_options", err)) < 0)
		return rc;
	c.headline_line = opts != NULL ? opts->headline_line : 0;
	if ((rc = import_lines(&c, text, len, &norm)) < 0 || (rc = find_date_line(&c)) < 0 ||
	    (rc = find_headline(&c)) < 0)
		goto cleanup;
	find_publication(&c);
	find_byline(&c);
	if ((rc = write_front_matter(&c, &o)) < 0 || (rc = write_body(&c, &o)) < 0)
		goto cleanup;
	if (o.failed) {
		rc = import_oom(&c);
		goto cleanup;
	}
	if ((*markdown_out = galley_buf_take(&o, out_len)) == NULL) {
		rc = import_oom(&c);
		goto cleanup;
	}
	rc = 0;

cleanup:
	galley_buf_dispose(&o);
	free(c.lines);
	free(norm);
	return rc;
}
