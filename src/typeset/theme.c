/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * theme.c: the house style, the typographic scale every part of the
 * typesetter draws with (fields and units: theme.h).
 *
 * Heading sizes step down by about a fifth from level to level; a heading
 * has more space above it than below, so that it reads with what follows.
 * A table is set a size below the text, as books set them, with its rules
 * darker than the thematic breaks': booktabs' rules are the only lines that
 * guide the eye along a row.
 */
#include "typeset/theme.h"

const galley_theme galley_theme_default = {
	.body = {
		.leading = 1.35,
		.indent = 1.2,
		.space_above = 0.5,
	},
	.heading = {
		.size = {0, 1.62, 1.33, 1.14, 1.0, 1.0, 0.95},
		.leading = 1.25,
		.space_above_major = 1.25,
		.space_above = 0.9,
		.space_below = 0.35,
	},
	.quote = {
		.indent = 16.0,
		.rule_x = 2.0,
		.hang = 6.0,
		.rule_width = 1.2,
	},
	.list = {
		.marker_gap = 0.35,
	},
	.code = {
		.inline_size = 0.9,
		.size = 0.85,
		.leading = 0.86,
		.baseline = 0.75,
		.space_above = 0.5,
		.padding = 5.0,
		.mark_gap = 0.3,
	},
	.figure = {
		.space_above = 0.5,
		.caption_gap = 0.4,
		.caption_room = 4.0,
		.caption_size = 0.9,
		.caption_leading = 0.9,
		.frame = 0.6,
		.frame_padding = 8.0,
	},
	.note = {
		.ref_size = 0.62,
		.ref_raise = 0.36,
		.size = 0.8,
		.leading = 1.25,
		.number_gap = 0.45,
		.space_above = 0.9,
		.rule_gap = 4.0,
		.rule_length = 60.0,
		.rule_thickness = 0.5,
	},
	.math = {
		.size = 0.9,
		.leading = 1.0,
		.baseline = 0.75,
		.space_above = 0.6,
		.space_below = 0.6,
	},
	.callout = {
		.space_above = 0.6,
		.space_below = 0.3,
		.indent = 12.0,
		.rule_x = 2.0,
		.label_size = 0.9,
	},
	.inline_style = {
		.script_size = 0.7,
		.sup_rise = 0.33,
		.sub_drop = 0.15,
		.small_size = 0.85,
		.underline_y = 0.12,
		.strike_y = 0.27,
		.line_width = 0.05,
		.mark_above = 0.8,
		.mark_below = 0.22,
	},
	.rule = {
		.space_above = 0.5,
		.baseline = 0.5,
		.space_below = 0.5,
		.length = 72.0,
		.thickness = 0.6,
	},
	.table = {
		.size = 0.9,
		.min_size = 0.7,
		.leading = 1.3,
		.col_gap = 1.2,
		.min_col_gap = 0.5,
		.row_space = 0.3,
		.rule_space = 0.35,
		.heavy_rule = 0.8,
		.light_rule = 0.4,
		.space_above = 0.7,
		.space_below = 0.7,
	},
	.header = {
		.kicker_size = 0.8,
		.kicker_tracking = 0.06,
		.kicker_height = 1.1,
		.kicker_baseline = 0.8,
		.title_size = 2.0,
		.title_measure = 7.5,
		.title_leading = 1.2,
		.subtitle = {1.25, 1.65},
		.byline_space = 0.4,
		.dateline_size = 0.9,
		.rule_space = 0.6,
		.rule_baseline = 1.0,
		.rule_thickness = 0.5,
	},
	.separator = {
		.space_above = 1.0,
		.height = 1.5,
		.baseline = 0.5,
		.thickness = 0.8,
	},
	.furniture = {
		.size = 0.85,
		.folio_baseline = 0.5,
		.head_baseline = 0.55,
	},
	.masthead = {
		.drop = 0.22,
		.issue = {1.05, 1.6},
		.title = {2.8, 3.3},
		.subtitle = {1.4, 1.9},
		.title_space = 1.0,
		.rule_height = 1.5,
		.rule_baseline = 0.5,
		.rule_length = 96.0,
		.rule_thickness = 0.8,
		.dates = {1.1, 1.6},
		.editor = {1.0, 1.5},
		.publisher = {0.9, 1.4},
		.editor_space = 0.5,
	},
	.contents = {
		.heading = {1.6, 2.0},
		.heading_space = 0.8,
		.section_space = 0.9,
		.section_size = 1.1,
		.section_leading = 1.2,
		.section_gap = 0.3,
		.leader_room = 2.5,
	},
	.color = {
		.text = 0x1A1A1Au,
		.soft = 0x404040u,
		.gray = 0x707070u,
		.accent = 0x8A2A1Eu,
		.link = 0x1F4E8Cu,
		.folio = 0x505050u,
		.rule = 0xB0B0B0u,
		.quote_rule = 0xC8C8C8u,
		.tint = 0xF2F0EBu,
		.table_rule = 0x303030u,
		.mark = 0xFFF0A0u,
	},
};
