/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * trace.c: the display list as text, for golden tests and for people.
 *
 *   page 1 "1" 595.28x841.89
 *     line body 62.00 771.46 w 471.28 used 471.28 r 0.123 at 0/2/15 J H
 *     text R 10.50 62.00 771.46 #1a1a1a "word"
 *     rect 62.00 700.00 471.28 0.50 #b0b0b0
 *     image 3 100.00 200.00 300.00 150.00
 *     link 62.00 768.00 40.00 11.55 uri "https://..."
 *     dest "intro" 780.00
 *   outline 0 "Title" page 1 780.00
 *
 * Positions to 0.01 pt.  Line flags: J justified, H hyphenated, E broken
 * mid-word as a last resort.  Same layout, same bytes.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "typeset/internal.h"
#include "base/number.h"

static const char face_code[GALLEY_NFACES] = {'R', 'I', 'B', 'X', 'M', 'N', 'F'};
static const char *const kind_name[] = {"body", "heading", "code", "header", "figure", "caption",
                                          "table"};

typedef struct gl_out {
	int (*write)(void *ctx, const char *bytes, size_t len);
	void *ctx;
	int rc;
} gl_out;

static void out(gl_out *o, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static void out(gl_out *o, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	if (o->rc)
		return;
	va_start(ap, fmt);
	n = galley_vsnprintf_c(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof buf)
		n = sizeof buf - 1;
	if (o->write(o->ctx, buf, (size_t)n) != 0)
		o->rc = GALLEY_EIO;
}

/* Writes s quoted, with " and \ escaped and control bytes as \xHH. */
static void quoted(gl_out *o, const char *s, size_t len)
{
	size_t a = 0;

	out(o, "\"");
	for (size_t i = 0; i < len && !o->rc; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\' || c < 0x20) {
			if (i > a && o->write(o->ctx, s + a, i - a) != 0)
				o->rc = GALLEY_EIO;
			if (c < 0x20)
				out(o, "\\x%02x", c);
			else
				out(o, "\\%c", c);
			a = i + 1;
		}
	}
	if (!o->rc && len > a && o->write(o->ctx, s + a, len - a) != 0)
		o->rc = GALLEY_EIO;
	out(o, "\"");
}

/* -0.00 prints as 0.00 */
static double z(double v)
{
	return v > -0.005 && v < 0.005 ? 0.0 : v;
}

int galley_layout_trace(const galley_layout *L,
                        int (*write)(void *ctx, const char *bytes, size_t len),
                        void *ctx, galley_error *err)
{
	gl_out o = {write, ctx, 0};

	for (size_t i = 0; i < L->npages && !o.rc; i++) {
		const galley_dl_page *p = &L->pages[i];
		out(&o, "page %zu ", i + 1);
		quoted(&o, p->label ? p->label : "", p->label ? strlen(p->label) : 0);
		out(&o, " %.2fx%.2f\n", p->width, p->height);
		for (size_t k = 0; k < p->nlines; k++) {
			const galley_dl_line *l = &p->lines[k];
			out(&o, "  line %s %.2f %.2f w %.2f used %.2f r %.3f at %u/%u/%u%s%s%s",
			    kind_name[l->kind], z(l->x), z(l->y), z(l->width), z(l->used), z(l->ratio),
			    l->article, l->block, l->offset, l->justified ? " J" : "",
			    l->hyphenated ? " H" : "", l->emergency ? " E" : "");
			if (l->hang > 0)
				out(&o, " hang %.2f", l->hang);
			out(&o, "\n");
		}
		for (size_t k = 0; k < p->ntexts; k++) {
			const galley_dl_text *t = &p->texts[k];
			out(&o, "  text %c %.2f %.2f %.2f #%06x ", t->face < GALLEY_NFACES ? face_code[t->face] : 'G',
			    t->size, z(t->x), z(t->y),
			    (unsigned)t->color);
			quoted(&o, t->text, t->len);
			if (t->expand)
				out(&o, " expand %.2f%%", t->expand / 100.0);
			if (fabs(t->tracking) >= 0.0005)
				out(&o, " tracking %.3f", t->tracking);
			out(&o, "\n");
		}
		for (size_t k = 0; k < p->nrects; k++) {
			const galley_dl_rect *r = &p->rects[k];
			out(&o, "  rect %.2f %.2f %.2f %.2f #%06x\n", z(r->x), z(r->y), z(r->w), z(r->h), (unsigned)r->color);
		}
		for (size_t k = 0; k < p->nimages; k++) {
			const galley_dl_image *im = &p->images[k];
			out(&o, "  image %u %.2f %.2f %.2f %.2f\n", im->asset->index, z(im->x), z(im->y), z(im->w), z(im->h));
		}
		for (size_t k = 0; k < p->nlinks; k++) {
			const galley_dl_link *l = &p->links[k];
			out(&o, "  link %.2f %.2f %.2f %.2f %s ", z(l->x), z(l->y), z(l->w), z(l->h), l->uri ? "uri" : "dest");
			quoted(&o, l->uri ? l->uri : l->dest, strlen(l->uri ? l->uri : l->dest));
			out(&o, "\n");
		}
		for (size_t k = 0; k < p->ndests; k++) {
			out(&o, "  dest ");
			quoted(&o, p->dests[k].name, strlen(p->dests[k].name));
			out(&o, " %.2f\n", z(p->dests[k].y));
		}
	}
	for (size_t i = 0; i < L->noutline && !o.rc; i++) {
		const galley_dl_outline *ol = &L->outline[i];
		out(&o, "outline %d ", ol->level);
		quoted(&o, ol->title, strlen(ol->title));
		out(&o, " page %zu %.2f\n", ol->page + 1, z(ol->y));
	}
	if (o.rc)
		return galley_error_set(err, o.rc, NULL, "could not write the layout trace");
	return 0;
}
