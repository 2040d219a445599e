/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * config.c: the user's defaults file (galley/config.h), read with libyaml.
 *
 * The file is walked as a stream of libyaml parser events rather than
 * loaded as a document tree: the grammar accepted is tiny (one mapping of
 * keys to scalars or flat lists of scalars) and the event walk gives each
 * key's position directly.  libyaml's marks count from 0; positions here
 * count from 1, like every galley position.  libyaml accepts a key given
 * twice silently, so duplicates are detected here.
 */
#include "galley/config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "galley/model.h"

/* Most entries one file may hold: every option of every command a few
 * times over; more is not a configuration file. */
#define CONFIG_MAX_ENTRIES 256

/* Longest value, list items joined: a folder path or a margin list. */
#define CONFIG_MAX_VALUE 4096

struct galley_config {
	char *path;                   /* malloc'ed copy: the positions' file */
	galley_config_entry *entries; /* malloc'ed; strings malloc'ed */
	size_t nentries;
};

int galley_config_default_path(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	int n;

	if (size > 0)
		buf[0] = '\0';
	if (xdg && xdg[0] == '/')
		n = snprintf(buf, size, "%s/galley/config.yaml", xdg);
	else if (home && home[0])
		n = snprintf(buf, size, "%s/.config/galley/config.yaml", home);
	else
		return -1;
	if (n < 0 || (size_t)n >= size) {
		if (size > 0)
			buf[0] = '\0';
		return -1;
	}
	return 0;
}

void galley_config_free(galley_config *config)
{
	size_t i;

	if (!config)
		return;
	for (i = 0; i < config->nentries; i++) {
		free((char *)config->entries[i].key);
		free((char *)config->entries[i].value);
	}
	free(config->entries);
	free(config->path);
	free(config);
}

size_t galley_config_nentries(const galley_config *config)
{
	return config ? config->nentries : 0;
}

const galley_config_entry *galley_config_entry_at(const galley_config *config, size_t i)
{
	return config && i < config->nentries ? &config->entries[i] : NULL;
}

/* The position of a libyaml mark in the configuration file. */
static galley_pos mark_pos(const galley_config *c, yaml_mark_t mark)
{
	galley_pos pos = {c->path, (uint32_t)mark.line + 1, (uint32_t)mark.column + 1};
	return pos;
}

/* Reports the parser's error at its position. */
static int parser_error(const galley_config *c, const yaml_parser_t *p, galley_error *err)
{
	yaml_mark_t mark = p->problem_mark;
	galley_pos pos;

	if (p->error == YAML_MEMORY_ERROR)
		return galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
	if (p->error == YAML_READER_ERROR) {
		/* reader errors carry a byte offset, not a line */
		pos = (galley_pos){c->path, 0, 0};
		return galley_error_set(err, GALLEY_ESYNTAX, &pos, "%s at byte %zu",
		                        p->problem ? p->problem : "unreadable text", p->problem_offset);
	}
	pos = mark_pos(c, mark);
	return galley_error_set(err, GALLEY_ESYNTAX, &pos, "malformed YAML%s%s: %s",
	                        p->context ? " " : "", p->context ? p->context : "",
	                        p->problem ? p->problem : "syntax error");
}

/* The next event into *ev (the caller deletes it).  0 or an error. */
static int next_event(const galley_config *c, yaml_parser_t *p, yaml_event_t *ev,
                      galley_error *err)
{
	if (!yaml_parser_parse(p, ev))
		return parser_error(c, p, err);
	return 0;
}

/* Appends `len` bytes of `s` to the value being built in buf[*n]. */
static int value_append(const galley_config *c, yaml_mark_t mark, char *buf, size_t *n,
                        const char *s, size_t len, galley_error *err)
{
	galley_pos pos;

	if (*n + len >= CONFIG_MAX_VALUE) {
		pos = mark_pos(c, mark);
		return galley_error_set(err, GALLEY_ELIMIT, &pos,
		                        "value longer than %d bytes", CONFIG_MAX_VALUE);
	}
	memcpy(buf + *n, s, len);
	*n += len;
	buf[*n] = '\0';
	return 0;
}

/* Reads the value that follows a key: a scalar, or a list of scalars
 * joined by ','.  On success *out is a malloc'ed string. */
static int read_value(const galley_config *c, yaml_parser_t *p, const char *key, char **out,
                      galley_error *err)
{
	yaml_event_t ev;
	char buf[CONFIG_MAX_VALUE];
	size_t n = 0;
	size_t items = 0;
	galley_pos pos;
	int rc;

	buf[0] = '\0';
	if ((rc = next_event(c, p, &ev, err)) < 0)
		return rc;
	pos = mark_pos(c, ev.start_mark);
	if (ev.type == YAML_SCALAR_EVENT) {
		rc = value_append(c, ev.start_mark, buf, &n, (const char *)ev.data.scalar.value,
		                  ev.data.scalar.length, err);
		yaml_event_delete(&ev);
	} else if (ev.type == YAML_SEQUENCE_START_EVENT) {
		yaml_event_delete(&ev);
		for (;;) {
			if ((rc = next_event(c, p, &ev, err)) < 0)
				return rc;
			if (ev.type == YAML_SEQUENCE_END_EVENT) {
				yaml_event_delete(&ev);
				break;
			}
			if (ev.type != YAML_SCALAR_EVENT) {
				pos = mark_pos(c, ev.start_mark);
				yaml_event_delete(&ev);
				return galley_error_set(err, GALLEY_ETYPE, &pos,
				                        "the list of '%s' may only hold plain values", key);
			}
			rc = 0;
			if (items++ > 0)
				rc = value_append(c, ev.start_mark, buf, &n, ",", 1, err);
			if (rc == 0)
				rc = value_append(c, ev.start_mark, buf, &n,
				                  (const char *)ev.data.scalar.value,
				                  ev.data.scalar.length, err);
			yaml_event_delete(&ev);
			if (rc < 0)
				return rc;
		}
	} else {
		yaml_event_delete(&ev);
		return galley_error_set(err, GALLEY_ETYPE, &pos,
		                        "'%s' must be a value or a list of values", key);
	}
	if (rc < 0)
		return rc;
	if (memchr(buf, '\0', n)) {
		return galley_error_set(err, GALLEY_ESYNTAX, &pos,
		                        "the value of '%s' contains a NUL character", key);
	}
	*out = strdup(buf);
	return *out ? 0 : galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
}

/* Reads the top-level mapping's entries until its end. */
static int read_mapping(galley_config *c, yaml_parser_t *p, galley_error *err)
{
	yaml_event_t ev;
	galley_pos pos;
	char *key = NULL, *value = NULL;
	size_t i;
	int rc = 0;

	for (;;) {
		if ((rc = next_event(c, p, &ev, err)) < 0)
			goto cleanup;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		pos = mark_pos(c, ev.start_mark);
		if (ev.type != YAML_SCALAR_EVENT) {
			yaml_event_delete(&ev);
			rc = galley_error_set(err, GALLEY_ETYPE, &pos, "a key must be a plain word");
			goto cleanup;
		}
		key = strndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
		yaml_event_delete(&ev);
		if (!key) {
			rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
			goto cleanup;
		}
		for (i = 0; i < c->nentries; i++) {
			if (strcmp(c->entries[i].key, key) == 0) {
				rc = galley_error_set(err, GALLEY_ESYNTAX, &pos,
				                      "'%s' is given twice (first at line %lu)", key,
				                      (unsigned long)c->entries[i].pos.line);
				goto cleanup;
			}
		}
		if (c->nentries == CONFIG_MAX_ENTRIES) {
			rc = galley_error_set(err, GALLEY_ELIMIT, &pos, "more than %d settings",
			                      CONFIG_MAX_ENTRIES);
			goto cleanup;
		}
		if ((rc = read_value(c, p, key, &value, err)) < 0)
			goto cleanup;
		c->entries[c->nentries++] = (galley_config_entry){key, value, pos};
		key = NULL;
		value = NULL;
	}

cleanup:
	free(key);
	free(value);
	return rc;
}

/* Walks the event stream: no document, or one document holding a
 * mapping. */
static int read_stream(galley_config *c, yaml_parser_t *p, galley_error *err)
{
	yaml_event_t ev;
	galley_pos pos;
	bool seen_document = false;
	int rc;

	for (;;) {
		if ((rc = next_event(c, p, &ev, err)) < 0)
			return rc;
		pos = mark_pos(c, ev.start_mark);
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			yaml_event_delete(&ev);
			return 0;
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (seen_document) {
				yaml_event_delete(&ev);
				return galley_error_set(err, GALLEY_ESYNTAX, &pos,
				                        "a configuration file holds one YAML document");
			}
			seen_document = true;
			break;
		case YAML_MAPPING_START_EVENT:
			yaml_event_delete(&ev);
			if ((rc = read_mapping(c, p, err)) < 0)
				return rc;
			continue;
		case YAML_SCALAR_EVENT:
			if (ev.data.scalar.length == 0) /* a document of comments only */
				break;
			/* fall through */
		default:
			yaml_event_delete(&ev);
			return galley_error_set(err, GALLEY_ETYPE, &pos,
			                        "the configuration must be a mapping of settings "
			                        "(key: value)");
		}
		yaml_event_delete(&ev);
	}
}

int galley_config_load(galley_config **out, const char *path, galley_error *err)
{
	galley_config *c = NULL;
	yaml_parser_t parser;
	bool parser_made = false;
	char *text = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if ((rc = galley_file_read(path, GALLEY_CONFIG_MAX_BYTES, &text, &len, err)) < 0)
		goto cleanup;
	c = calloc(1, sizeof *c);
	if (c) {
		c->path = strdup(path);
		c->entries = calloc(CONFIG_MAX_ENTRIES, sizeof *c->entries);
	}
	if (!c || !c->path || !c->entries) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	if (!yaml_parser_initialize(&parser)) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	parser_made = true;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if ((rc = read_stream(c, &parser, err)) < 0)
		goto cleanup;
	*out = c;
	c = NULL;

cleanup:
	if (parser_made)
		yaml_parser_delete(&parser);
	galley_config_free(c);
	free(text);
	return rc;
}
