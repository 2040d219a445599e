/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * theme.h: the typographic scale of the typesetter (private).
 *
 * Every size, leading, space above and below, indent, rule and colour the
 * typesetter draws with, in one table (theme.c), so that the house style
 * is read and changed in one place instead of in literals spread over
 * blocks.c, titlepage.c, page.c, paragraph.c and layout.c.  What stays out:
 * the options (paper, margins, body size and leading, columns: galley/typeset.h),
 * the line breaker's penalties and the justification limits (paragraph.c,
 * slack.h), and the thresholds that decide layout rather than draw it
 * (a narrow column, how many articles make the contents compact).
 *
 * Units, as each field says:
 *   ems     multiples of the body size (galley_layout_options.font_size);
 *   lines   multiples of the body leading (galley_layout_options.leading,
 *           or body.leading times the size when that is 0);
 *   points  absolute, 1/72 in;
 *   "times its size", "times its leading": multiples of the element's own.
 * Colours are 0xRRGGBB.
 */
#ifndef GALLEY_TYPESET_THEME_H
#define GALLEY_TYPESET_THEME_H

#include <stdbool.h>
#include <stdint.h>

#include "base/highlight.h"

/* A line of display type: its size and its leading, both in ems. */
typedef struct galley_theme_type {
	double size;      /* ems */
	double leading;   /* ems */
} galley_theme_type;

typedef struct galley_theme {
	struct {
		double leading;       /* baseline to baseline when the options set none,
		                         times the size */
		double indent;        /* first-line indent of a paragraph after a
		                         paragraph, ems */
		double space_above;   /* above a paragraph after anything else, lines */
	} body;
	struct {
		double size[7];       /* by level 1 to 6 (0 unused), ems; at least the
		                         body size in a narrow column */
		double leading;       /* times its size */
		double space_above_major; /* above levels 1 and 2, lines */
		double space_above;   /* above levels 3 to 6, lines */
		double space_below;   /* lines */
	} heading;
	struct {
		double indent;        /* of its text from the enclosing measure, points */
		double rule_x;        /* its rule, right of the enclosing measure's left,
		                         points */
		double hang;          /* in a narrow column, where a quote keeps the
		                         measure: its rule left of the text, points */
		double rule_width;    /* points */
	} quote;
	struct {
		double marker_gap;    /* between the widest marker and the items' text, ems */
	} list;
	struct {
		double inline_size;   /* code in a line of text, times the text's size:
		                         monospace beside the serif looks a size too big
		                         (its x-height is larger) */
		double size;          /* a code block, ems */
		double leading;       /* lines */
		double baseline;      /* below the top of its line, times its leading */
		double space_above;   /* lines */
		double padding;       /* the tint above and below the text, and past its
		                         sides (less in a narrow gutter), points */
		double mark_gap;      /* after the mark of a wrapped line, times its size */
	} code;
	struct {
		double space_above;   /* lines */
		double caption_gap;   /* between the image and its caption, lines */
		double caption_room;  /* kept below an image as tall as the text area,
		                         for its caption, lines */
		double caption_size;  /* ems */
		double caption_leading; /* lines */
		double frame;         /* the frame of a missing image's placeholder, points */
		double frame_padding; /* inside that frame, around its alt text, points */
	} figure;
	struct {                  /* inline styles of text from HTML (<sup>, <u> ...) */
		double script_size;   /* superscript, subscript, times the text's size */
		double sup_rise;      /* a superscript's baseline above the text's, times
		                         the text's size */
		double sub_drop;      /* a subscript's below it, times the text's size */
		double small_size;    /* <small>, times the text's size */
		double underline_y;   /* the underline below the baseline, times the size */
		double strike_y;      /* the strike-through line above it, times the size */
		double line_width;    /* of both lines, times the size */
		double mark_above;    /* the highlight's tint above the baseline, times
		                         the size */
		double mark_below;    /* and below it */
	} inline_style;
	struct {                  /* footnotes (notes.c) */
		double ref_size;      /* the reference's number in the text, times the
		                         text's size */
		double ref_raise;     /* its baseline above the text's, times the text's
		                         size */
		double size;          /* the notes, ems */
		double leading;       /* times their size */
		double number_gap;    /* after a note's number, times its size */
		double space_above;   /* from the text above to the rule over the notes,
		                         lines */
		double rule_gap;      /* from the rule down to the first note's line, points */
		double rule_length;   /* points */
		double rule_thickness; /* points */
	} note;
	struct {                  /* display math: the author's TeX, centred */
		double size;          /* ems */
		double leading;       /* lines */
		double baseline;      /* below the top of its line, times its leading */
		double space_above;   /* lines */
		double space_below;   /* lines */
	} math;
	struct {                  /* a call-out (GitHub alert): a label, a rule */
		double space_above;   /* lines */
		double space_below;   /* lines */
		double indent;        /* of its text from the enclosing measure, points */
		double rule_x;        /* its rule, right of the enclosing measure's left,
		                         points */
		double label_size;    /* ems */
	} callout;
	struct {                  /* a thematic break (*** in Markdown) */
		double space_above;   /* lines */
		double baseline;      /* of the rule, below the top of its one-line item,
		                         lines */
		double space_below;   /* lines */
		double length;        /* centred in the measure, points */
		double thickness;     /* points */
	} rule;
	struct {                  /* a table (GFM pipe table), booktabs style: a
	                             heavy rule above the header and below the
	                             last row, a light one under the header, no
	                             vertical rules */
		double size;          /* ems */
		double min_size;      /* the least a table too wide for the measure is
		                         set at, ems; narrower still, its cells wrap */
		double leading;       /* times its size */
		double col_gap;       /* between two columns, times its size */
		double min_col_gap;   /* ... at the least, when the columns' words
		                         do not fit the measure otherwise */
		double row_space;     /* between two rows, times its size */
		double rule_space;    /* between a rule and the text above or below
		                         it, times its size */
		double heavy_rule;    /* above the header and below the last row, points */
		double light_rule;    /* under the header, points */
		double space_above;   /* lines */
		double space_below;   /* lines */
	} table;
	struct {                  /* an article's header */
		double kicker_size;   /* the section's title above the article's, ems */
		double kicker_tracking; /* after each of its capitals, times its size:
		                         below the 0.1 em at which text extraction
		                         starts a new word */
		double kicker_height; /* lines */
		double kicker_baseline; /* below the top of its line, lines */
		double title_size;    /* ems, at most ... */
		double title_measure; /* ... and the measure holds this many ems of it
		                         (a narrow column sets it smaller) */
		double title_leading; /* times its size */
		galley_theme_type subtitle;
		double byline_space;  /* above the byline, ems */
		double dateline_size; /* date, where it appeared, reading time; ems */
		double rule_space;    /* above the rule under the header, ems */
		double rule_baseline; /* of that rule, below the top of its line, points */
		double rule_thickness; /* points */
	} header;
	struct {                  /* continuous mode: the rule between two articles */
		double space_above;   /* lines */
		double height;        /* of the rule's item, lines */
		double baseline;      /* of the rule, below the item's top, lines */
		double thickness;     /* points */
	} separator;
	struct {                  /* page furniture */
		double size;          /* folio and running head, ems */
		double folio_baseline; /* above the paper's bottom edge, times the bottom
		                          margin */
		double head_baseline; /* below the paper's top edge, times the top margin */
	} furniture;
	struct {                  /* a digest's title page */
		double drop;          /* its first line, down from the text area's top,
		                         as a share of the text height */
		galley_theme_type issue, title, subtitle;
		double title_space;   /* below the subtitle, above the short rule, ems */
		double rule_height;   /* the rule's item, ems */
		double rule_baseline; /* the rule, below the item's top, ems */
		double rule_length;   /* points */
		double rule_thickness; /* points */
		galley_theme_type dates, editor, publisher;
		double editor_space;  /* above the editor's line, ems */
	} masthead;
	struct {                  /* a digest's table of contents */
		galley_theme_type heading; /* "Contents" */
		double heading_space; /* below it, ems */
		double section_space; /* above a section's title, ems */
		double section_size;  /* ems */
		double section_leading; /* lines */
		double section_gap;   /* below a section's title, ems */
		double leader_room;   /* kept right of an entry's text for its leaders
		                         and number, ems beyond the widest number */
		double hang;          /* the turnover lines of an entry, indented, ems */
	} contents;
	struct {
		uint32_t text;        /* body text, headings, titles */
		uint32_t soft;        /* subtitles, the editor's line */
		uint32_t gray;        /* datelines, captions, the issue, the publisher,
		                         leaders, a code line's wrap mark */
		uint32_t accent;      /* the kicker */
		uint32_t link;        /* linked words */
		uint32_t folio;       /* folios and running heads */
		uint32_t rule;        /* thematic breaks, header rules, separators */
		uint32_t quote_rule;  /* the rule beside a quote */
		uint32_t tint;        /* behind code blocks */
		uint32_t table_rule;  /* a table's rules */
		uint32_t mark;        /* behind highlighted text (<mark>) */
	} color;
	/* Highlighted code, by token class (base/highlight.h): a quiet scheme
	 * that reads in black-and-white print.  Keywords and directives are
	 * bold (the bold monospace has the regular's advances, so columns
	 * stay aligned), comments a lighter gray, and the colours dark enough
	 * to print near-black: weight and tone carry the structure, colour
	 * only helps. */
	struct {
		uint32_t color[GALLEY_HL_NCLASSES];
		bool bold[GALLEY_HL_NCLASSES];
	} highlight;
} galley_theme;

/* The house style: the only theme, read by every file of the typesetter
 * (theme.c). */
extern const galley_theme galley_theme_default;

#endif
