/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * paragraph.c: one paragraph (or heading, caption, header line) from
 * inlines to typeset lines.
 *
 * The inlines are flattened into styled spans, the spans cut into words at
 * spaces, and each word measured once (gl_fonts_word) into boxes.  Between
 * words goes glue: the face's space, stretching by half and shrinking by a
 * third of it, as in TeX's text fonts; in justified text the boxes stretch
 * and shrink a little too, by letter-spacing (GALLEY_LETTER_STRETCH,
 * slack.h).  Inside words go penalties: a flagged one with the hyphen's
 * width at each libhyphen point, a flagged free one after an explicit
 * hyphen or dash, a small one without hyphen at the safe points of URLs
 * and long identifiers (after / . - _ ? & = #), and, only in a stretch of
 * a word still wider than the line, one between every two characters: the
 * emergency break that guarantees nothing ever crosses the right margin.
 *
 * galley_kp_break chooses the breaks.  Each line is then set in four
 * steps (set_line): measured (measure_line), its slack shared out between
 * word spaces, glyph expansion and letter-spacing (galley_slack_distribute,
 * slack.c, a pure function), its words placed (emit_line), and the line
 * pushed onto the vertical list (push_line).  Justification is done by
 * moving words, not by the PDF word spacing operator (which libharu cannot
 * use with UTF-8 fonts).
 *
 * Two inlines of GitHub's Markdown ride along with the words.  A footnote
 * reference is a box of its own, the note's number at theme.note.ref_size
 * of the text's size, raised, glued to the word before it and linked to
 * the note; the line it lands on records it (gl_vitem.refs), so that the
 * pager brings the note to the foot of that line's page (notes.c).  Struck
 * text gets a rule per line over exactly its boxes, and the spaces between
 * them, at the middle of the x-height (emit_strike).
 *
 * Size: over 1,100 lines since tables measure cells and notes set
 * references here: flattening, items, and setting lines are the three
 * parts a split would follow.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "typeset/internal.h"
#include "typeset/slack.h"
#include "typeset/theme.h"

/* Sizes, spaces, rules and colours: the type scale (theme.c). */
static const galley_theme *const theme = &galley_theme_default;

/* Longest link target written into the PDF, bytes: a PDF string written
 * by libharu holds at most 65,535 bytes (with room for escaping). */
#define GL_LINK_MAX 60000

/* Penalties, in TeX's units. */
/* Hyphens.  A new hyphen (a libhyphen point) costs GL_HYPHEN_PENALTY in
 * a measure of GALLEY_NARROW_EMS or more, GL_HYPHEN_PENALTY_NARROW in a
 * narrower one, and GL_COMPOUND_HYPHEN_PENALTY inside a word that has a
 * hyphen of its own ("non-permissive" breaks after "non-", not inside
 * "permissive", when that line works at all).  No two hyphenated lines
 * follow each other (GL_HYPHEN_RUN, a hard rule in the line breaker), and
 * a hyphen two lines after another costs GL_NEAR_HYPHEN_DEMERITS.
 *
 * TeX's \hyphenpenalty of 50 made a loose line dearer than a hyphen
 * almost always: in 100 generated articles 18.5% of the line ends on A5
 * (one column, 28 ems) were hyphens and 21% in two columns on A4, with
 * runs of two; the word spaces were even because letter-spacing up to 9%
 * took what the spaces did not.  With letter-spacing now at most 2 or 3%
 * of the size (slack.c), these weights give 0.7% hyphenated line ends on
 * A4, 7.3% on A5 and 14.9% in two columns (Typst 17.9% there), none in a
 * row, and the 99th-percentile word gap at 1.25, 1.33 and 1.32 times the
 * median.  A wide measure can afford to refuse hyphens (a line of 45 ems
 * has ten spaces to take the slack); a 21-em column cannot: 450 there put
 * its word gaps past 1.4 times the median, 75 keeps them at 1.32. */
#define GL_HYPHEN_PENALTY 450.0
#define GL_HYPHEN_PENALTY_NARROW 75.0
#define GL_COMPOUND_HYPHEN_PENALTY 1000.0 /* as dear as a runt */
#define GL_HYPHEN_RUN 1
#define GL_NEAR_HYPHEN_DEMERITS 1000.0
#define GL_EXHYPHEN_PENALTY 50.0   /* \exhyphenpenalty: after an explicit hyphen */
#define GL_SAFE_PENALTY 100.0      /* inside a URL or long identifier */
#define GL_EMERGENCY_PENALTY 1000.0 /* between two characters, last resort */
/* A last word narrower than this many ems, or this share of the measure,
 * is kept with the one before it (tie_runt), at this cost. */
#define GL_RUNT_EMS 2.0
#define GL_RUNT_SHARE 0.25
#define GL_RUNT_PENALTY 1000.0
/* A ragged line may fall this many ems short of the measure at the cost
 * of a justified line whose spaces stretch fully (badness 100). */
#define GL_RAG 3.0
/* A token (is_token: an identifier, a path) at least this long (bytes)
 * is treated like a URL: it gets every safe break point, not only after
 * hyphens and slashes, and no hyphenation. */
#define GL_LONG_TOKEN 20

typedef struct gl_span {
	const char *text;
	size_t len;
	uint32_t src;      /* flattened-text offset of text[0] */
	int face;
	const char *url;   /* enclosing link, or NULL */
	const galley_pos *pos;
	bool hard;         /* a hard line break (text unused) */
	bool space;        /* a soft break: one space */
	bool strike;       /* struck through (GALLEY_STRIKE) */
	const galley_inline *ref; /* a footnote reference: text is its number */
	float scale;       /* its size, times the face's (superscripts, <small>) */
	float rise;        /* its baseline above the line's, times the paragraph's size */
	uint8_t deco;      /* GL_DECO_* lines and tints drawn with it */
} gl_span;

/* Decorations of a span (from HTML's <u> and <mark>; struck text has
 * rules of its own, gl_span.strike). */
enum { GL_DECO_UNDERLINE = 1, GL_DECO_MARK = 2 };

/* What an item means beyond what the line breaker needs. */
typedef struct gl_ix {
	const gl_word *w;  /* box: the measured word (NULL: an indent) */
	uint32_t c0, c1;   /* box: characters [c0, c1) of w */
	uint32_t src;      /* box: flattened offset of the word's first byte */
	uint8_t face;      /* box: base face; flagged penalty: face of the hyphen */
	bool emergency;    /* penalty: a break between two characters */
	bool forced;       /* penalty: a hard break */
	bool swap_hyphen;  /* penalty: after an explicit '-'; when taken, the
	                      line ends in U+2010 instead (see set_line) */
	const char *url;
	const galley_inline *ref; /* box: a footnote reference's number */
	bool strike;       /* box: struck through */
	float scale, rise; /* box, flagged penalty: as its span's */
	uint8_t deco;      /* box: as its span's */
} gl_ix;

typedef struct gl_para {
	galley_layout *L;
	const gl_pstyle *st;
	gl_span *spans; size_t nspans, cspans;
	galley_kp_item *items; size_t n, cap;
	gl_ix *ix; size_t cix;
	int strike;        /* GALLEY_STRIKE inlines around the one being flattened */
	int err;
	bool measuring;    /* gl_measure_paragraph: the setting warns, not this */
	float scale, rise; /* the inline style being flattened (gl_span) */
	uint8_t deco;
} gl_para;

/* ---- flattening --------------------------------------------------------- */

static int add_span(gl_para *p, const gl_span *s)
{
	if (galley_vec_reserve((void **)&p->spans, &p->cspans, p->nspans + 1, sizeof *p->spans) < 0)
		return GALLEY_ENOMEM;
	p->spans[p->nspans++] = *s;
	return 0;
}

static int style_face(int face, galley_inline_type t)
{
	switch (t) {
	case GALLEY_EMPH:
		if (face == GALLEY_FACE_REGULAR) return GALLEY_FACE_ITALIC;
		if (face == GALLEY_FACE_ITALIC) return GALLEY_FACE_REGULAR;
		if (face == GALLEY_FACE_BOLD) return GALLEY_FACE_BOLDITALIC;
		if (face == GALLEY_FACE_BOLDITALIC) return GALLEY_FACE_BOLD;
		return face;
	case GALLEY_STRONG:
		if (face == GALLEY_FACE_REGULAR) return GALLEY_FACE_BOLD;
		if (face == GALLEY_FACE_ITALIC) return GALLEY_FACE_BOLDITALIC;
		if (face == GALLEY_FACE_MONO) return GALLEY_FACE_MONOBOLD;
		return face;
	case GALLEY_CODE:
		if (face == GALLEY_FACE_BOLD || face == GALLEY_FACE_BOLDITALIC)
			return GALLEY_FACE_MONOBOLD;
		return GALLEY_FACE_MONO;
	default:
		return face;
	}
}

/* A footnote reference as a span: the note's number, set small and raised
 * (ix_size, emit_line), linked to the note.  It adds no byte to the
 * flattened text (galley/model.h). */
static int noteref(gl_para *p, const galley_inline *in, gl_span *s)
{
	gl_arena *arena = &p->L->arena;
	const char *note = gl_note_dest(p->L, in->number, 0);
	char num[16], *url;
	int n = snprintf(num, sizeof num, "%d", in->number);

	if (!note || n <= 0 || (size_t)n >= sizeof num)
		return GALLEY_ENOMEM;
	s->text = gl_arena_strndup(arena, num, (size_t)n);
	url = gl_arena_alloc(arena, strlen(note) + 2);
	if (!s->text || !url)
		return GALLEY_ENOMEM;
	url[0] = '#';
	memcpy(url + 1, note, strlen(note) + 1);
	s->len = (size_t)n;
	s->url = url;
	s->ref = in;
	/* figures of the text face, even in inline code */
	if (s->face == GALLEY_FACE_MONO)
		s->face = GALLEY_FACE_REGULAR;
	else if (s->face == GALLEY_FACE_MONOBOLD)
		s->face = GALLEY_FACE_BOLD;
	s->strike = p->strike > 0;
	return add_span(p, s);
}

/* "#ARTICLE" or "#ARTICLE#HEADING" for a link the model resolved, in the
 * layout's arena; NULL on OOM. */
static const char *internal_target(gl_para *p, const galley_inline *link)
{
	const char *aid = link->target->id, *hid = link->anchor;
	size_t na = strlen(aid), nh = hid != NULL ? strlen(hid) : 0;
	char *name = gl_arena_alloc(&p->L->arena, na + nh + 3);

	if (name == NULL)
		return NULL;
	name[0] = '#';
	memcpy(name + 1, aid, na);
	if (hid != NULL) {
		name[na + 1] = '#';
		memcpy(name + na + 2, hid, nh);
	}
	return name;
}

static int flatten(gl_para *p, const galley_inline *in, int face, const char *url, uint32_t *off)
{
	for (; in; in = in->next) {
		gl_span s;
		int rc;

		memset(&s, 0, sizeof s);
		s.face = face;
		s.url = url;
		s.pos = &in->pos;
		s.src = *off;
		s.scale = p->scale;
		s.rise = p->rise;
		s.deco = p->deco;
		switch (in->type) {
		case GALLEY_TEXT:
		case GALLEY_CODE:
		case GALLEY_MATH:  /* the author's TeX, in the face of code */
			s.text = in->text;
			s.len = in->len;
			s.face = in->type != GALLEY_TEXT ? style_face(face, GALLEY_CODE) : face;
			s.strike = p->strike > 0;
			*off += (uint32_t)in->len;
			rc = add_span(p, &s);
			break;
		case GALLEY_SOFTBREAK:
		case GALLEY_HARDBREAK:
			s.space = in->type == GALLEY_SOFTBREAK;
			s.hard = in->type == GALLEY_HARDBREAK;
			*off += 1;
			rc = add_span(p, &s);
			break;
		case GALLEY_EMPH:
		case GALLEY_STRONG:
		case GALLEY_ABBR:
			rc = flatten(p, in->children, style_face(face, in->type), url, off);
			break;
		case GALLEY_STRIKE:
			p->strike++;
			rc = flatten(p, in->children, face, url, off);
			p->strike--;
			break;
		case GALLEY_NOTEREF:
			rc = noteref(p, in, &s);
			break;
		case GALLEY_SUP:
		case GALLEY_SUB:
		case GALLEY_SMALL:
		case GALLEY_UNDERLINE:
		case GALLEY_MARK: {
			/* sizes, rises and lines of the enclosing styles add up */
			float scale = p->scale, rise = p->rise;
			uint8_t deco = p->deco;
			if (in->type == GALLEY_SUP || in->type == GALLEY_SUB) {
				p->rise += (float)(p->scale * (in->type == GALLEY_SUP ? theme->inline_style.sup_rise
				                                                        : -theme->inline_style.sub_drop));
				p->scale *= (float)theme->inline_style.script_size;
			} else if (in->type == GALLEY_SMALL) {
				p->scale *= (float)theme->inline_style.small_size;
			} else {
				p->deco |= in->type == GALLEY_UNDERLINE ? GL_DECO_UNDERLINE : GL_DECO_MARK;
			}
			rc = flatten(p, in->children, face, url, off);
			p->scale = scale;
			p->rise = rise;
			p->deco = deco;
			break;
		}
		case GALLEY_LINK: {
			/* into the book: "#ARTICLE" or "#ARTICLE#HEADING", the names
			 * of the destinations blocks.c makes; a URL without a scheme
			 * that the model found nothing for: no link */
			const char *target = in->target != NULL ? internal_target(p, in)
			                   : galley_url_is_external(in->url) ? in->url : NULL;
			if (in->target != NULL && target == NULL)
				return GALLEY_ENOMEM;
			/* libharu cannot write a string longer than 65,535 bytes: such
			 * a link keeps its text and loses its target, with a warning */
			if (target && strlen(target) > GL_LINK_MAX) {
				if (!p->measuring && galley_doc_warn(gl_diag_doc(p->L), GALLEY_WARNING, &in->pos,
				                    "link target longer than %d bytes (GL_LINK_MAX): "
				                    "its text is kept, not the link", GL_LINK_MAX) < 0)
					return GALLEY_ENOMEM;
				target = NULL;
			}
			rc = flatten(p, in->children, face, target ? target : url, off);
			break;
		}
		case GALLEY_IMAGE: /* an image inside text: its alt text, in italic */
			rc = flatten(p, in->children, style_face(face, GALLEY_EMPH), url, off);
			break;
		default:
			rc = 0;
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* ---- items -------------------------------------------------------------- */

static gl_ix *push(gl_para *p, unsigned kind, double width, double stretch,
                   double shrink, double penalty, bool flagged)
{
	galley_kp_item *it;
	gl_ix *x;

	/* two spare slots for galley_kp_finish */
	if (galley_vec_reserve((void **)&p->items, &p->cap, p->n + 3, sizeof *p->items) < 0 ||
	    galley_vec_reserve((void **)&p->ix, &p->cix, p->n + 3, sizeof *p->ix) < 0) {
		p->err = GALLEY_ENOMEM;
		return NULL;
	}
	it = &p->items[p->n];
	memset(it, 0, sizeof *it);
	it->kind = (unsigned char)kind;
	it->flagged = flagged;
	it->width = width;
	it->stretch = stretch;
	it->shrink = shrink;
	it->penalty = penalty;
	x = &p->ix[p->n++];
	memset(x, 0, sizeof *x);
	return x;
}

/* Margin kerning (character protrusion, as pdfTeX's microtype does it):
 * the share of a character's advance that may hang past the right margin
 * when it ends a justified line.  A full stop, a comma or a hyphen ending
 * a line inside the measure leaves a dent in the right edge, its
 * advance being mostly white; hung partly outside, the edge reads
 * straight, and the line gains a point or two of room.  Only characters
 * that text extraction tools accept at a line's end past the margin
 * (hanging punctuation, not an overfull line). */
static double hang_share(uint32_t c)
{
	switch (c) {
	case '.': case ',': case '-': case 0x2010: case 0x2011:
		return 0.6;
	case 0x2019: case 0x201D: case '\'': case '"':
		return 0.5;
	case ':': case ';': case 0x2013:
		return 0.4;
	case 0x2014:
		return 0.25;
	case '!': case '?':
		return 0.2;
	case ')':
		return 0.1;
	default:
		return 0;
	}
}

static bool is_safe_char(uint32_t c)
{
	return c == '/' || c == '.' || c == '-' || c == '_' || c == '?' ||
	       c == '&' || c == '=' || c == '#';
}

static bool is_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0;
}

/* Whether a long piece of text is a token (an identifier, a path, an
 * address, a number) rather than a word: it has a digit, a character
 * words do not have, a full stop or colon inside it, or a capital after a
 * small letter (camelCase).  A word of any length, such as a German
 * compound quoted in English text, is hyphenated as a word, and broken
 * with a hyphen when it must be broken between two letters; a token is
 * broken at its safe points, and never takes a hyphen it does not have. */
static bool is_token(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		bool inside = i + 1 < len && is_alnum((unsigned char)s[i + 1]);
		if ((c >= '0' && c <= '9') || (c < 0x80 && c != '\0' && strchr("_/\\@#=&%~+*<>|{}[]$^`", c)))
			return true;
		if ((c == '.' || c == ':') && inside)
			return true;
		if (c >= 'A' && c <= 'Z' && i > 0 && s[i - 1] >= 'a' && s[i - 1] <= 'z')
			return true;
	}
	return false;
}

/* Whether s contains "://", the mark of a URL written out in the text. */
static bool has_scheme(const char *s, size_t len)
{
	for (size_t i = 0; i + 3 <= len; i++)
		if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/')
			return true;
	return false;
}

static bool face_is_mono(int face)
{
	return face == GALLEY_FACE_MONO || face == GALLEY_FACE_MONOBOLD;
}

static double face_size(const gl_pstyle *st, int face)
{
	return face_is_mono(face) && !face_is_mono(st->face) ? st->size * theme->code.inline_size
	                                                     : st->size;
}

/* The size of box item x's type: a footnote reference's number is set
 * smaller than the text. */
static double ix_size(const gl_pstyle *st, const gl_ix *x)
{
	return x->ref ? st->size * theme->note.ref_size : face_size(st, x->face) * x->scale;
}

/* How far the last character of box item j may hang past the margin when
 * a line ends after it, points: in justified text, not in code. */
static double box_hang(const gl_para *p, size_t j)
{
	const gl_ix *x = &p->ix[j];
	const gl_glyph *g;
	size_t i;

	if (!p->st->justify || p->items[j].kind != GALLEY_KP_BOX || !x->w || x->c1 <= x->c0 ||
	    face_is_mono(x->face))
		return 0;
	g = &x->w->g[x->c1 - 1];
	i = g->byte;
	return hang_share(galley_utf8_next(x->w->text, x->w->len, &i)) * g->adv * ix_size(p->st, x) / 1000.0;
}

enum { BR_NONE, BR_HYPH, BR_EXPLICIT, BR_SAFE, BR_EMERG };

/* Width in points of characters [a, b) of w at size: to the end of the
 * last glyph's advance or the next pen position, whichever is further. */
static double frag_width(const gl_word *w, uint32_t a, uint32_t b, double size)
{
	double pen = w->g[b].x - w->g[a].x;
	double ink = w->g[b - 1].x + w->g[b - 1].adv - w->g[a].x;
	return (pen > ink ? pen : ink) * size / 1000.0;
}

/* Warns that the character w->bad_cp of the word at `s` (in span `sp`,
 * whose text starts at `pos`) has no glyph in any face, naming its code
 * point and its line and column (the span's column plus the characters
 * before it: a text span does not cross a line end); each character
 * once an article, at most GL_WARN_GLYPHS of them.  0 or GALLEY_ENOMEM. */
static int gl_warn_glyph(galley_layout *L, const gl_word *w, const gl_span *sp, const char *s,
                         const galley_pos *pos)
{
	galley_pos at = {NULL, 0, 0};
	size_t i = 0, upto = (size_t)(s - sp->text) + w->first_bad;

	for (uint32_t k = 0; k < L->nwarned_cp; k++)
		if (L->warned_cp[k] == w->bad_cp)
			return 0;
	L->warned_cp[L->nwarned_cp++] = w->bad_cp;
	L->warned_glyph = L->nwarned_cp == GL_WARN_GLYPHS;
	if (pos) {
		at = *pos;
		while (i < upto && i < sp->len) {
			galley_utf8_next(sp->text, sp->len, &i);
			at.column++;
		}
	}
	return galley_doc_warn(gl_diag_doc(L), GALLEY_WARNING, pos ? &at : NULL,
	                       "U+%04X has no glyph in any installed font: drawn as a substitute",
	                       (unsigned)w->bad_cp) < 0 ? GALLEY_ENOMEM : 0;
}

/* Adds the boxes and breaks of one word (or of the part of it in one
 * span): `len` bytes at `s` of span `sp`, drawn in `face`. */
static void add_piece(gl_para *p, const gl_span *sp, const char *s, size_t len, int face,
                      const char *url, uint32_t word_src, const galley_pos *pos)
{
	galley_layout *L = p->L;
	const gl_pstyle *st = p->st;
	const gl_word *w = gl_fonts_word(L->fonts, face, s, len);
	uint8_t br_stack[96], *br;
	uint32_t pts[GALLEY_HYPH_MAX_POINTS];
	bool mono = face_is_mono(face);
	bool longtok = (len >= GL_LONG_TOKEN && is_token(s, len)) ||
	               has_scheme(s, len) || (len > 4 && memcmp(s, "www.", 4) == 0);
	/* letters, not a token: broken between two letters with a hyphen
	 * (decided when such a break is needed: few words ever are) */
	bool word = false;
	double hyph_w, hyph_hang, hang;
	double size = sp->ref ? st->size * theme->note.ref_size : face_size(st, face) * sp->scale;
	uint32_t a;

	if (!w) {
		p->err = GALLEY_ENOMEM;
		return;
	}
	if (w->substituted && !L->warned_glyph && !p->measuring && gl_warn_glyph(L, w, sp, s, pos) < 0)
		p->err = GALLEY_ENOMEM;
	for (uint32_t k = 0; k < w->n; k++)
		L->face_used[w->g[k].face] = true;
	/* a word's break classes: on the stack unless the word is long */
	if (w->n < sizeof br_stack) {
		br = br_stack;
		memset(br, 0, w->n + 1);
	} else if ((br = calloc(w->n + 1, 1)) == NULL) {
		p->err = GALLEY_ENOMEM;
		return;
	}
	/* explicit hyphens, dashes and safe points (after a slash in any
	 * word, a path in inline code too: "/api/" | "v1/status") */
	for (uint32_t k = 1; k < w->n; k++) {
		size_t i = w->g[k - 1].src;
		uint32_t c = galley_utf8_next(s, len, &i), next;
		i = w->g[k].src;
		next = galley_utf8_next(s, len, &i);
		if ((c == '-' || c == 0x2010) && is_alnum(next) && k > 1)
			br[k] = BR_EXPLICIT;
		else if ((c == 0x2014 || c == 0x2013) && k > 1)
			br[k] = BR_EXPLICIT;
		else if (is_safe_char(c) && !is_safe_char(next) && (longtok || c == '/') && !mono)
			br[k] = BR_SAFE;
		else if (is_safe_char(c) && !is_safe_char(next) && mono && (longtok || c == '/'))
			br[k] = BR_SAFE;
	}
	/* hyphenation points: a link's text is prose like any other (in a
	 * 13-em column an unhyphenated "announcement" forces four loose
	 * lines before it); a URL written out is not */
	if (st->hyphenate && L->lang && L->hyph && !mono && !longtok && !sp->ref) {
		int np = gl_fonts_hyph(L->fonts, w, L->hyph, L->lang, s, len, pts);
		if (np < 0) {
			if (br != br_stack)
				free(br);
			p->err = GALLEY_ENOMEM;
			return;
		}
		for (int j = 0; j < np; j++)
			for (uint32_t k = 1; k < w->n; k++)
				if (w->g[k].src == pts[j] && br[k] == BR_NONE)
					br[k] = BR_HYPH;
	}
	/* emergency points in any stretch still wider than the line (with
	 * its hyphen, when it ends at a hyphenation point) */
	hyph_w = gl_fonts_width(L->fonts, face, size, "-", 1);
	hyph_hang = st->justify ? hang_share('-') * hyph_w : 0;
	a = 0;
	for (uint32_t k = 1; k <= w->n; k++) {
		if (k < w->n && br[k] == BR_NONE)
			continue;
		if (frag_width(w, a, k, size) + (k < w->n && br[k] == BR_HYPH ? hyph_w : 0) > st->width - st->indent) {
			for (uint32_t m = a + 1; m < k; m++)
				br[m] = BR_EMERG;
			word = !longtok && !mono && !is_token(s, len);
		}
		a = k;
	}
	/* boxes and penalties */
	a = 0;
	for (uint32_t k = 1; k <= w->n; k++) {
		gl_ix *x;
		if (k < w->n && br[k] == BR_NONE)
			continue;
		x = push(p, GALLEY_KP_BOX, frag_width(w, a, k, size),
		         st->justify ? GALLEY_LETTER_STRETCH * size * (k - a) : 0,
		         st->justify ? GALLEY_LETTER_SHRINK * size * (k - a) : 0, 0, false);
		if (!x)
			break;
		x->w = w;
		x->c0 = a;
		x->c1 = k;
		x->src = word_src;
		x->face = (uint8_t)face;
		x->url = url;
		x->ref = sp->ref;
		x->strike = sp->strike;
		x->scale = sp->scale;
		x->rise = sp->rise;
		x->deco = sp->deco;
		if (k == w->n)
			break;
		/* hang: how far the line's last mark may hang past the margin
		 * when the line ends at this break */
		switch (br[k]) {
		case BR_HYPH:
			hang = hyph_hang;
			x = push(p, GALLEY_KP_PENALTY, hyph_w, 0, 0, GL_HYPHEN_PENALTY, true);
			break;
		case BR_EXPLICIT:
			hang = box_hang(p, p->n - 1);
			x = push(p, GALLEY_KP_PENALTY, 0, 0, 0, GL_EXHYPHEN_PENALTY, true);
			if (x)
				x->swap_hyphen = w->text[w->g[k - 1].byte] == '-';
			break;
		case BR_SAFE:
			hang = box_hang(p, p->n - 1);
			x = push(p, GALLEY_KP_PENALTY, 0, 0, 0, GL_SAFE_PENALTY, false);
			break;
		default:
			/* between two letters of a word: with a hyphen, which
			 * readers (and text extraction) take for a word going on;
			 * not flagged, so that a word longer than three lines
			 * is not held to the hyphen-run limit */
			if (word && is_alnum((unsigned char)s[w->g[k - 1].src]) &&
			    is_alnum((unsigned char)s[w->g[k].src])) {
				hang = hyph_hang;
				x = push(p, GALLEY_KP_PENALTY, hyph_w, 0, 0, GL_EMERGENCY_PENALTY, false);
			} else {
				hang = 0;
				x = push(p, GALLEY_KP_PENALTY, 0, 0, 0, GL_EMERGENCY_PENALTY, false);
			}
			if (x)
				x->emergency = true;
		}
		if (!x)
			break;
		p->items[p->n - 1].protrude = hang;
		x->face = (uint8_t)face;
		x->scale = sp->scale;
		x->rise = sp->rise;
		a = k;
	}
	if (br != br_stack)
		free(br);
}

/* A paragraph's last word when it is short (a number, a syllable: "2",
 * "it.", "1983.") is kept with the word before it at a cost: a last line
 * of a stray few letters (a runt) reads as a mistake.  Short is under
 * GL_RUNT_EMS or under GL_RUNT_SHARE of the measure, whichever is longer:
 * a last line holds two words or a quarter of the measure, in a 21-em
 * column as in a 45-em one.  Breaking there stays possible, for a column
 * too narrow to do without.  The break before the word becomes a penalty
 * followed by the space, which the breaker then cannot break at; a
 * hyphen inside the word, which would leave an even shorter piece alone,
 * costs as much. */
static void tie_runt(gl_para *p)
{
	double w = 0;
	size_t g = p->n;

	for (; g > 0 && p->items[g - 1].kind != GALLEY_KP_GLUE; g--) {
		if (p->items[g - 1].kind == GALLEY_KP_BOX)
			w += p->items[g - 1].width;
		else if (p->ix[g - 1].forced)
			return;  /* a hard line break ends the line before it anyway */
	}
	if (g < 2 || p->items[g - 2].kind != GALLEY_KP_BOX ||
	    w > fmax(GL_RUNT_EMS * p->st->size, GL_RUNT_SHARE * p->st->width))
		return;
	for (size_t k = g; k < p->n; k++)
		if (p->items[k].kind == GALLEY_KP_PENALTY && p->items[k].flagged && p->items[k].width > 0)
			p->items[k].penalty = fmax(p->items[k].penalty, GL_RUNT_PENALTY);
	g--;  /* the space before the last word */
	if (!push(p, GALLEY_KP_PENALTY, 0, 0, 0, 0, false))
		return;
	memmove(&p->items[g + 1], &p->items[g], (p->n - 1 - g) * sizeof *p->items);
	memmove(&p->ix[g + 1], &p->ix[g], (p->n - 1 - g) * sizeof *p->ix);
	memset(&p->items[g], 0, sizeof p->items[g]);
	memset(&p->ix[g], 0, sizeof p->ix[g]);
	p->items[g].kind = GALLEY_KP_PENALTY;
	p->items[g].penalty = GL_RUNT_PENALTY;
	p->items[g].protrude = p->items[g + 1].protrude;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static void add_glue(gl_para *p, int face)
{
	const gl_pstyle *st = p->st;
	/* a space inside inline code is a word space like any other */
	double sp = gl_fonts_width(p->L->fonts, face_is_mono(face) && !face_is_mono(st->face)
	                           ? GALLEY_FACE_REGULAR : face, st->size, " ", 1);

	if (p->n == 0 || p->items[p->n - 1].kind != GALLEY_KP_BOX)
		return;
	if (sp < 0) {
		p->err = GALLEY_ENOMEM;
		return;
	}
	/* ragged lines keep their spaces as they are: the stretch is at the
	 * line's end (params.line_stretch) */
	if (st->justify) {
		double hang = box_hang(p, p->n - 1);
		if (push(p, GALLEY_KP_GLUE, sp, sp / 2, sp / 3, 0, false))
			p->items[p->n - 1].protrude = hang;
	} else {
		push(p, GALLEY_KP_GLUE, sp, 0, 0, 0, false);
	}
}

static void build_items(gl_para *p)
{
	uint32_t word_src = 0;
	bool in_word = false;

	if (p->st->indent > 0) {
		gl_ix *x = push(p, GALLEY_KP_BOX, p->st->indent, 0, 0, 0, false);
		if (!x)
			return;
	}
	for (size_t i = 0; i < p->nspans && !p->err; i++) {
		const gl_span *s = &p->spans[i];
		size_t j = 0;

		if (s->hard) {
			gl_ix *x;
			in_word = false;
			x = push(p, GALLEY_KP_GLUE, 0, GALLEY_KP_INF_STRETCH, 0, 0, false);
			if (x)
				x = push(p, GALLEY_KP_PENALTY, 0, 0, 0, -GALLEY_KP_INF, false);
			if (x)
				x->forced = true;
			continue;
		}
		if (s->space) {
			if (in_word)
				add_glue(p, s->face);
			in_word = false;
			continue;
		}
		while (j < s->len && !p->err) {
			size_t k;
			if (is_space(s->text[j])) {
				if (in_word)
					add_glue(p, s->face);
				in_word = false;
				j++;
				continue;
			}
			for (k = j; k < s->len && !is_space(s->text[k]); k++)
				;
			if (!in_word)
				word_src = s->src + (uint32_t)j;
			in_word = true;
			add_piece(p, s, s->text + j, k - j, s->face, s->url, word_src, s->pos);
			j = k;
		}
	}
	/* trailing glue before the end would be a legal break: drop it */
	while (p->n > 0 && p->items[p->n - 1].kind == GALLEY_KP_GLUE)
		p->n--;
}

/* ---- placing lines ------------------------------------------------------ */

typedef struct gl_linebuf {
	galley_dl_text *t; size_t nt, ct;
	galley_dl_link *l; size_t nl, cl;
	galley_dl_rect *r; size_t nr, cr;   /* rules striking text through, underlines
	                                       and highlights (GL_DECO_*), from the
	                                       baseline */
	gl_ref *refs; size_t nrefs, crefs;  /* footnote references */
	galley_slack_fit fit; /* how the line being set takes its slack */
	double pen;        /* the pen after its last glyph (tracking included),
	                      points from the measure's left */
	uint32_t mark;     /* flattened offset of its first word, when has_mark */
	bool has_mark;     /* it draws a word */
} gl_linebuf;

/* The arrays of gl_para and gl_linebuf, kept in the layout between
 * paragraphs: grown from nothing for every paragraph, they were 4% of the
 * CPU time of 100 articles to PDF (realloc, and free at the end). */
struct gl_para_scratch {
	gl_span *spans; size_t cspans;
	galley_kp_item *items; size_t cap;
	gl_ix *ix; size_t cix;
	galley_dl_text *t; size_t ct;
	galley_dl_link *l; size_t cl;
	galley_dl_rect *r; size_t cr;
	gl_ref *refs; size_t crefs;
	bool busy;  /* lent to a paragraph being set */
};

void gl_para_scratch_free(struct gl_para_scratch *s)
{
	if (!s)
		return;
	free(s->spans);
	free(s->items);
	free(s->ix);
	free(s->t);
	free(s->l);
	free(s->r);
	free(s->refs);
	free(s);
}

static int emit_text(gl_linebuf *b, double x, const char *text, uint32_t len,
                     int face, double size, uint32_t color)
{
	galley_dl_text *t;

	if (galley_vec_reserve((void **)&b->t, &b->ct, b->nt + 1, sizeof *b->t) < 0)
		return GALLEY_ENOMEM;
	t = &b->t[b->nt++];
	t->x = x;
	t->y = 0;
	t->size = size;
	t->text = text;
	t->len = len;
	t->color = color;
	t->face = (uint8_t)face;
	t->expand = b->fit.expand;
	t->tracking = (float)b->fit.tracking;
	t->shaped = NULL;
	return 0;
}

/* Draws characters [a, b) of w from pen position x, one run per stretch
 * of characters in one face with no kerning inside. */
static int emit_box(gl_linebuf *b, const gl_word *w, uint32_t a, uint32_t e,
                    double x, double size, uint32_t color)
{
	uint32_t s = a;
	int rc = 0;

	for (uint32_t k = a + 1; k <= e && rc == 0; k++) {
		bool cut = k == e || w->g[k].face != w->g[s].face ||
		           fabsf(w->g[k].x - (w->g[k - 1].x + (float)w->g[k - 1].adv)) > 0.001f;
		if (!cut)
			continue;
		if (!(w->g[s].byte + 1 == w->g[k].byte && w->text[w->g[s].byte] == ' ')) {
			rc = emit_text(b, x + (w->g[s].x - w->g[a].x) * size / 1000.0 * b->fit.scale +
			               b->fit.tracking * (s - a),
			               w->text + w->g[s].byte, w->g[k].byte - w->g[s].byte,
			               w->g[s].face, size, color);
			if (rc == 0 && w->g[s].face >= GALLEY_NFACES)
				b->t[b->nt - 1].shaped = w->shaped;
		}
		s = k;
	}
	return rc;
}

static int emit_link(gl_linebuf *b, const char *url, double x0, double x1, double size)
{
	galley_dl_link *l;

	if (galley_vec_reserve((void **)&b->l, &b->cl, b->nl + 1, sizeof *b->l) < 0)
		return GALLEY_ENOMEM;
	l = &b->l[b->nl++];
	memset(l, 0, sizeof *l);
	l->x = x0;
	l->y = -0.25 * size;
	l->w = x1 - x0;
	l->h = 1.1 * size;
	if (url[0] == '#')
		l->dest = url + 1;
	else
		l->uri = url;
	return 0;
}

/* The line or tint of decoration `deco` under words from x0 to x1
 * (points from the column's left) of text of `size`. */
static int emit_deco(gl_linebuf *b, uint8_t deco, double x0, double x1, double size, uint32_t color)
{
	const double lw = theme->inline_style.line_width * size;

	for (uint8_t bit = GL_DECO_MARK; bit > 0; bit >>= 1) {
		galley_dl_rect *r;
		if (!(deco & bit))
			continue;
		if (galley_vec_reserve((void **)&b->r, &b->cr, b->nr + 1, sizeof *b->r) < 0)
			return GALLEY_ENOMEM;
		r = &b->r[b->nr++];
		r->x = x0;
		r->w = x1 - x0;
		r->h = lw;
		r->color = color;
		if (bit == GL_DECO_MARK) {
			r->y = -theme->inline_style.mark_below * size;
			r->h = (theme->inline_style.mark_above + theme->inline_style.mark_below) * size;
			r->color = theme->color.mark;
		} else {
			r->y = -theme->inline_style.underline_y * size - lw / 2;
		}
	}
	return 0;
}

/* A rule through the text from x0 to x1 (points from the column's left):
 * across the middle of the x-height of the paragraph's face, as thick as
 * the face's own strikeout stroke. */
static int emit_strike(gl_para *p, gl_linebuf *b, double x0, double x1, uint32_t color)
{
	const gl_pstyle *st = p->st;
	double middle, thickness;
	galley_dl_rect *r;

	if (galley_vec_reserve((void **)&b->r, &b->cr, b->nr + 1, sizeof *b->r) < 0)
		return GALLEY_ENOMEM;
	gl_fonts_strike(p->L->fonts, st->face, &middle, &thickness);
	r = &b->r[b->nr++];
	r->x = x0;
	r->w = x1 - x0;
	r->h = thickness * st->size;
	r->y = middle * st->size - r->h / 2;
	r->color = color;
	return 0;
}

/* Records the footnote reference `in` as on the line, with the named
 * destination its note links back to. */
static int emit_ref(gl_para *p, gl_linebuf *b, const galley_inline *in)
{
	gl_ref *r;

	if (galley_vec_reserve((void **)&b->refs, &b->crefs, b->nrefs + 1, sizeof *b->refs) < 0)
		return GALLEY_ENOMEM;
	r = &b->refs[b->nrefs];
	r->note = (uint32_t)(in->number - 1);
	r->first = in->ref == 1;
	r->dest = gl_note_dest(p->L, in->number, in->ref);
	if (!r->dest)
		return GALLEY_ENOMEM;
	b->nrefs++;
	return 0;
}

/* A word space's width at the line's ratio.  A line that is not justified
 * keeps its spaces as they are, shrinking them only to fit. */
static double glue_width(const galley_kp_item *it, double ratio, bool justified)
{
	if (ratio > 0 && justified)
		return it->width + ratio * it->stretch;
	if (ratio < 0)
		return it->width + ratio * it->shrink;
	return it->width;
}

/* Sums what line `ln` holds into `m`: its natural width, the stretch and
 * shrink of its spaces and of its letters, its glyphs, and how it ends.
 * A line is justified in a justified paragraph unless it is the last or
 * ends at a hard break. */
static void measure_line(const gl_para *p, const galley_kp_line *ln, bool last, galley_slack_line *m)
{
	const gl_pstyle *st = p->st;
	const galley_kp_item *brk = ln->end < p->n ? &p->items[ln->end] : NULL;
	const gl_ix *bx = ln->end < p->n ? &p->ix[ln->end] : NULL;

	memset(m, 0, sizeof *m);
	m->measure = st->width;
	m->hang = brk ? brk->protrude : 0;
	m->ratio = ln->ratio;
	m->size = st->size;
	m->smallest = st->size;
	m->justified = st->justify && !last && !(bx && bx->forced);
	m->hyphen = brk && brk->kind == GALLEY_KP_PENALTY && brk->width > 0;
	for (size_t j = ln->start; j < ln->end; j++) {
		const galley_kp_item *it = &p->items[j];
		if (it->kind == GALLEY_KP_BOX) {
			m->natural += it->width;
			m->letter_stretch += it->stretch;
			m->letter_shrink += it->shrink;
			if (p->ix[j].w) {
				m->advance += it->width;
				m->glyphs += p->ix[j].c1 - p->ix[j].c0;
				m->smallest = fmin(m->smallest, ix_size(st, &p->ix[j]));
				m->joined = m->joined || p->ix[j].ref;
			}
		} else if (it->kind == GALLEY_KP_GLUE) {
			m->natural += it->width;
			m->space_shrink += it->shrink;
			m->space_stretch += it->stretch;
		}
	}
	if (brk && brk->kind == GALLEY_KP_PENALTY) {
		m->natural += brk->width;
		m->advance += brk->width;
	}
}

/* Draws characters [ix->c0, e) of a box's word from pen position x (from
 * the measure's left).  `swap`: the piece ends the line at the word's own
 * hyphen, drawn as U+2010 instead. */
static int emit_piece(gl_para *p, gl_linebuf *b, const gl_ix *ix, uint32_t e, double x,
                      uint32_t color, bool swap)
{
	const gl_pstyle *st = p->st;
	const gl_word *w = ix->w, *hw;
	double fsz = ix_size(st, ix);
	int rc;

	if (!swap)
		return emit_box(b, w, ix->c0, e, st->left + x, fsz, color);
	/* A line ending at a compound's own hyphen ("open-" / "data") draws it
	 * as U+2010: text extraction (poppler) deletes an ASCII hyphen at a
	 * line end and glues the halves into a word that does not exist. */
	hw = gl_fonts_word(p->L->fonts, ix->face, "\xE2\x80\x90", 3);
	if (!hw)
		return GALLEY_ENOMEM;
	rc = emit_box(b, w, ix->c0, e - 1, st->left + x, fsz, color);
	if (rc == 0)
		rc = emit_box(b, hw, 0, 1, st->left + x +
		              (w->g[e - 1].x - w->g[ix->c0].x) * fsz / 1000.0 * b->fit.scale +
		              b->fit.tracking * (e - 1 - ix->c0), fsz, color);
	return rc;
}

/* Places the words of line `ln` into `b` as b->fit says (its spaces at
 * b->fit.ratio, its glyphs expanded and tracked), with an added hyphen at
 * its end and link areas over linked words; sets b->pen, b->mark and
 * b->has_mark.  0 or GALLEY_ENOMEM. */
static int emit_line(gl_para *p, const galley_kp_line *ln, const galley_slack_line *m, gl_linebuf *b)
{
	const gl_pstyle *st = p->st;
	const galley_kp_item *brk = ln->end < p->n ? &p->items[ln->end] : NULL;
	const gl_ix *bx = ln->end < p->n ? &p->ix[ln->end] : NULL;
	const char *link = NULL;
	double link_x0 = 0, link_x1 = 0, x = 0;
	/* the struck stretch being drawn: from strike_x0 to strike_x1 */
	double strike_x0 = 0, strike_x1 = 0;
	bool striking = false;
	uint32_t strike_color = st->color;
	double deco_x0 = 0, deco_x1 = 0;
	uint8_t deco = 0;
	int rc = 0;

	b->nt = b->nl = b->nr = b->nrefs = 0;
	b->has_mark = false;
	b->mark = 0;
	for (size_t j = ln->start; j < ln->end && rc == 0; j++) {
		const galley_kp_item *it = &p->items[j];
		const gl_ix *ix = &p->ix[j];
		uint32_t e = ix->c1;
		size_t k = j + 1;
		double w;
		bool swap;

		if (it->kind == GALLEY_KP_GLUE) {
			x += glue_width(it, b->fit.ratio, m->justified);
			continue;
		}
		if (it->kind != GALLEY_KP_BOX)
			continue;
		if (!ix->w) {  /* an indent */
			x += it->width;
			continue;
		}
		w = it->width * b->fit.scale + b->fit.tracking * (ix->c1 - ix->c0);
		/* the rest of the same word on this line, past unbroken
		 * penalties, is drawn as one piece */
		while (k + 1 < ln->end && p->items[k].kind == GALLEY_KP_PENALTY &&
		       p->items[k + 1].kind == GALLEY_KP_BOX && p->ix[k + 1].w == ix->w &&
		       p->ix[k + 1].c0 == e) {
			e = p->ix[k + 1].c1;
			w += p->items[k + 1].width * b->fit.scale +
			     b->fit.tracking * (p->ix[k + 1].c1 - p->ix[k + 1].c0);
			k += 2;
		}
		if (!b->has_mark) {
			b->mark = ix->src;
			b->has_mark = true;
		}
		swap = k >= ln->end && bx && bx->swap_hyphen && e > ix->c0 + 1 &&
		       ix->w->text[ix->w->g[e - 1].byte] == '-';
		if (ix->ref) {
			/* a footnote's number: raised, in the text's colour though
			 * it links to the note */
			size_t t0 = b->nt;
			rc = emit_piece(p, b, ix, e, x, st->color, false);
			for (size_t q = t0; q < b->nt; q++)
				b->t[q].y = st->size * theme->note.ref_raise;
			if (rc == 0)
				rc = emit_ref(p, b, ix->ref);
		} else {
			size_t raised = b->nt;
			rc = emit_piece(p, b, ix, e, x, ix->url ? theme->color.link : st->color, swap);
			for (; ix->rise != 0 && raised < b->nt; raised++)
				b->t[raised].y = ix->rise * st->size;
		}
		if (rc == 0 && striking && !ix->strike) {
			rc = emit_strike(p, b, st->left + strike_x0, st->left + strike_x1, strike_color);
			striking = false;
		}
		if (ix->strike && !striking) {
			strike_x0 = x;
			strike_color = ix->url && !ix->ref ? theme->color.link : st->color;
			striking = true;
		}
		if (ix->strike)
			strike_x1 = x + w;
		/* an underline or a highlight runs on under the spaces between
		 * its words */
		if (rc == 0 && ix->deco != deco && deco)
			rc = emit_deco(b, deco, st->left + deco_x0, st->left + deco_x1, st->size, st->color);
		if (ix->deco != deco)
			deco_x0 = x;
		deco = ix->deco;
		deco_x1 = x + w;
		if (rc == 0 && ix->url != link && link)
			rc = emit_link(b, link, st->left + link_x0, st->left + link_x1, st->size);
		if (ix->url != link)
			link_x0 = x;
		link = ix->url;
		link_x1 = x + w;
		x += w;
		j = k - 1;
	}
	if (rc == 0 && m->hyphen) {
		const gl_word *hw = gl_fonts_word(p->L->fonts, bx->face, "-", 1);
		if (!hw)
			return GALLEY_ENOMEM;
		rc = emit_box(b, hw, 0, 1, st->left + x, face_size(st, bx->face) * bx->scale,
		              link ? theme->color.link : st->color);
		x += brk->width * b->fit.scale;
		if (striking)
			strike_x1 = x;
	}
	if (rc == 0 && striking)
		rc = emit_strike(p, b, st->left + strike_x0, st->left + strike_x1, strike_color);
	if (rc == 0 && link)
		rc = emit_link(b, link, st->left + link_x0, st->left + link_x1, st->size);
	if (rc == 0 && deco)
		rc = emit_deco(b, deco, st->left + deco_x0, st->left + deco_x1, st->size, st->color);
	b->pen = x;
	return rc;
}

/* Appends the line in `b` to `v`, with its trace record.  0 or
 * GALLEY_ENOMEM. */
static int push_line(gl_para *p, gl_vlist *v, const galley_kp_line *ln, const galley_slack_line *m,
                     const gl_linebuf *b)
{
	galley_layout *L = p->L;
	const gl_pstyle *st = p->st;
	const gl_ix *bx = ln->end < p->n ? &p->ix[ln->end] : NULL;
	gl_vitem *it = gl_vlist_push(v);

	if (!it)
		return GALLEY_ENOMEM;
	it->kind = GL_V_LINE;
	it->height = st->leading;
	it->baseline = st->leading - (st->leading - st->size) / 2 - 0.22 * st->size;
	it->texts = gl_arena_alloc(&v->scratch, b->nt * sizeof *b->t);
	it->links = gl_arena_alloc(&v->scratch, b->nl * sizeof *b->l);
	if ((b->nt && !it->texts) || (b->nl && !it->links))
		return GALLEY_ENOMEM;
	if (b->nt)
		memcpy(it->texts, b->t, b->nt * sizeof *b->t);
	if (b->nl)
		memcpy(it->links, b->l, b->nl * sizeof *b->l);
	it->ntexts = (uint32_t)b->nt;
	it->nlinks = (uint32_t)b->nl;
	if (b->nr) {
		galley_dl_rect *r = gl_arena_alloc(&v->scratch, b->nr * sizeof *b->r);
		if (!r)
			return GALLEY_ENOMEM;
		memcpy(r, b->r, b->nr * sizeof *b->r);
		it->rects = r;
		it->nrects = (uint32_t)b->nr;
	}
	if (b->nrefs) {
		gl_ref *r = gl_arena_alloc(&v->scratch, b->nrefs * sizeof *b->refs);
		if (!r)
			return GALLEY_ENOMEM;
		memcpy(r, b->refs, b->nrefs * sizeof *b->refs);
		it->refs = r;
		it->nrefs = (uint32_t)b->nrefs;
	}
	it->rules = st->rules;
	it->nrules = st->nrules;
	it->has_mark = b->has_mark;
	it->article = L->article ? L->article->index : 0;
	it->block = st->block;
	it->offset = b->mark;
	it->line.x = st->left;
	it->line.width = st->width;
	/* the tracking after the last glyph is not in the line */
	it->line.used = m->hyphen ? b->pen : b->pen - b->fit.tracking;
	it->line.hang = b->fit.hang;
	it->line.ratio = b->fit.ratio;
	it->line.article = it->article;
	it->line.block = st->block;
	it->line.offset = b->mark;
	it->line.justified = m->justified;
	it->line.hyphenated = m->hyphen;
	it->line.emergency = bx && bx->emergency;
	it->line.kind = st->kind;
	return 0;
}

/* Sets line `ln` of the paragraph (`last`: its last line) and appends it
 * to `v`: measured, its slack distributed, its words placed, pushed.  `b`
 * is the working buffer, reused from line to line.  0 or GALLEY_ENOMEM. */
static int set_line(gl_para *p, gl_vlist *v, const galley_kp_line *ln, bool last, gl_linebuf *b)
{
	galley_slack_line m;
	int rc;

	measure_line(p, ln, last, &m);
	galley_slack_distribute(&b->fit, &m);
	rc = emit_line(p, ln, &m, b);
	if (rc == 0)
		rc = push_line(p, v, ln, &m, b);
	return rc;
}

/* Weighs the paragraph's new hyphens (its flagged penalties with a
 * width, from libhyphen): in a narrow measure, and inside a compound
 * that has a hard hyphen of its own, a new hyphen costs more. */
static void weigh_hyphens(gl_para *p)
{
	double pen = p->st->width < GALLEY_NARROW_EMS * p->st->size ? GL_HYPHEN_PENALTY_NARROW : GL_HYPHEN_PENALTY;
	size_t a = 0;

	for (size_t j = 0; j <= p->n; j++) {
		bool compound = false;
		if (j < p->n && p->items[j].kind != GALLEY_KP_GLUE)
			continue;
		/* items [a, j) are one word and the breaks inside it */
		for (size_t k = a; k < j && !compound; k++)
			compound = p->items[k].kind == GALLEY_KP_PENALTY && p->items[k].flagged && p->items[k].width == 0;
		for (size_t k = a; k < j; k++)
			if (p->items[k].kind == GALLEY_KP_PENALTY && p->items[k].flagged && p->items[k].width > 0)
				p->items[k].penalty = compound ? GL_COMPOUND_HYPHEN_PENALTY : pen;
		a = j + 1;
	}
}

/* Gives every box and hyphen its class for the line breaker (see
 * galley_kp_item.cls): 1 for type of another size than the paragraph's
 * (inline code, set smaller), else 0.  A box that draws nothing (an
 * indent) takes the class of the word after it, where a line's text
 * starts. */
static void classify(gl_para *p)
{
	unsigned char next = 0;

	for (size_t j = p->n; j-- > 0;) {
		galley_kp_item *it = &p->items[j];
		unsigned char cls = p->ix[j].ref ? 2 : ix_size(p->st, &p->ix[j]) != p->st->size;
		if (it->kind == GALLEY_KP_BOX)
			it->cls = next = p->ix[j].w ? cls : next;
		else if (it->kind == GALLEY_KP_PENALTY && it->width > 0)
			it->cls = cls;
	}
}

int gl_set_paragraph(galley_layout *L, gl_vlist *v, const galley_inline *inlines,
                     const char *text, const gl_pstyle *st, galley_error *err)
{
	gl_para p;
	galley_kp_result res;
	galley_kp_params params = GALLEY_KP_PARAMS_INIT;
	gl_linebuf b;
	struct gl_para_scratch *scratch = NULL;
	uint32_t off = 0;
	int rc = 0;

	memset(&p, 0, sizeof p);
	memset(&res, 0, sizeof res);
	memset(&b, 0, sizeof b);
	p.L = L;
	p.st = st;
	p.scale = 1;
	if (!L->para_scratch)
		L->para_scratch = calloc(1, sizeof *L->para_scratch);
	/* busy: a paragraph set while another is (none is today) starts empty */
	if (L->para_scratch && !L->para_scratch->busy) {
		scratch = L->para_scratch;
		scratch->busy = true;
		p.spans = scratch->spans, p.cspans = scratch->cspans;
		p.items = scratch->items, p.cap = scratch->cap;
		p.ix = scratch->ix, p.cix = scratch->cix;
		b.t = scratch->t, b.ct = scratch->ct;
		b.l = scratch->l, b.cl = scratch->cl;
		b.r = scratch->r, b.cr = scratch->cr;
		b.refs = scratch->refs, b.crefs = scratch->crefs;
	}
	if (inlines) {
		rc = flatten(&p, inlines, st->face, NULL, &off);
	} else if (text) {
		gl_span s;
		memset(&s, 0, sizeof s);
		s.text = text;
		s.len = strlen(text);
		s.face = st->face;
		s.scale = 1;
		rc = add_span(&p, &s);
	}
	if (rc < 0)
		goto cleanup;
	build_items(&p);
	if (p.err) {
		rc = p.err;
		goto cleanup;
	}
	if (p.n == 0 || (st->indent > 0 && p.n == 1))
		goto cleanup;
	weigh_hyphens(&p);
	tie_runt(&p);
	if (p.err) {
		rc = p.err;
		goto cleanup;
	}
	classify(&p);
	p.n = galley_kp_finish(p.items, p.n);
	memset(&p.ix[p.n - 2], 0, 2 * sizeof *p.ix);
	params.emergency_stretch = st->justify ? st->width * 0.05 : 0;
	params.line_stretch = st->justify ? 0 : GL_RAG * st->size;
	params.emergency_box_shrink = st->justify ? GALLEY_LETTER_SHRINK_MAX / GALLEY_LETTER_SHRINK : 1.0;
	if (!st->hyphenate)
		params.pretolerance = -1;
	params.max_hyphen_run = GL_HYPHEN_RUN;
	params.near_hyphen_demerits = GL_NEAR_HYPHEN_DEMERITS;
	if (galley_kp_break(p.items, p.n, &st->width, 1, &params, &res) < 0) {
		rc = GALLEY_ENOMEM;
		goto cleanup;
	}
	for (size_t i = 0; i < res.nlines && rc == 0; i++)
		rc = set_line(&p, v, &res.lines[i], i + 1 == res.nlines, &b);
	if (rc == 0)
		rc = (int)res.nlines;
cleanup:
	if (rc < 0)
		galley_error_set(err, rc, NULL, "out of memory while setting a paragraph");
	free(res.lines);
	if (scratch) {
		scratch->spans = p.spans, scratch->cspans = p.cspans;
		scratch->items = p.items, scratch->cap = p.cap;
		scratch->ix = p.ix, scratch->cix = p.cix;
		scratch->t = b.t, scratch->ct = b.ct;
		scratch->l = b.l, scratch->cl = b.cl;
		scratch->r = b.r, scratch->cr = b.cr;
		scratch->refs = b.refs, scratch->crefs = b.crefs;
		scratch->busy = false;
	} else {
		free(p.spans);
		free(p.items);
		free(p.ix);
		free(b.t);
		free(b.l);
		free(b.r);
		free(b.refs);
	}
	return rc;
}

int gl_measure_paragraph(galley_layout *L, const galley_inline *inlines, const gl_pstyle *st,
                         double *min, double *max, galley_error *err)
{
	gl_para p;
	gl_pstyle wide = *st;
	uint32_t off = 0;
	double piece = 0, line = 0;
	int rc;

	*min = *max = 0;
	memset(&p, 0, sizeof p);
	p.L = L;
	p.st = &wide;
	p.measuring = true;
	p.scale = 1;
	/* no line so narrow that a word needs an emergency break; the same
	 * boxes as setting the paragraph makes otherwise (a word cut at its
	 * hyphenation points is a hair wider than whole, by kerning) */
	wide.width = INFINITY;
	wide.indent = 0;
	rc = flatten(&p, inlines, st->face, NULL, &off);
	if (rc == 0) {
		build_items(&p);
		rc = p.err;
	}
	for (size_t j = 0; j < p.n && rc == 0; j++) {
		const galley_kp_item *it = &p.items[j];
		if (it->kind == GALLEY_KP_BOX) {
			piece += it->width;
			line += it->width;
			*min = fmax(*min, piece);
			*max = fmax(*max, line);
			continue;
		}
		/* a word space or a break point inside a word (after an
		 * explicit hyphen, at a URL's safe points) ends a piece, a
		 * hyphenation point does not; only a hard break ends the line */
		if (it->kind == GALLEY_KP_PENALTY && it->width > 0)
			continue;
		piece = 0;
		if (it->kind == GALLEY_KP_GLUE)
			line += it->width;
		else if (p.ix[j].forced)
			line = 0;
	}
	if (rc < 0)
		galley_error_set(err, rc, NULL, "out of memory while measuring a table's cell");
	free(p.spans);
	free(p.items);
	free(p.ix);
	return rc;
}
