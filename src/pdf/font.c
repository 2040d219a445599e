/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * font.c: a TrueType face embedded as a PDF composite font (PDF 1.7,
 * 9.7: Type0 over CIDFontType2), built from HarfBuzz's subset with
 * libharu's object API.
 *
 * What is written, per face (see font.h for why not libharu's fonts):
 *
 *     Type0        /BaseFont TAG+PSName /Encoding /Identity-H
 *                  /DescendantFonts [CIDFont] /ToUnicode CMap
 *     CIDFontType2 /CIDSystemInfo (Adobe, Identity, 0) /W [...]
 *                  /CIDToGIDMap /Identity (or a stream, see font.h)
 *     FontDescriptor  flags, box and metrics from the face's own tables
 *     FontFile2    the subset (or the whole face), /Length1
 *     ToUnicode    one bfchar entry per CID drawn
 *
 * The work is proportional to the characters drawn: each is looked up
 * once in the embedded face's cmap.  The streams' bytes are returned to
 * the writer, which deflates them on its worker threads with the page
 * contents; nothing here depends on the clock or on addresses, and the
 * subset tag is a hash of the face's name and the characters drawn, so
 * the same layout gives the same bytes.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hb_api.h"

#include "pdf/font.h"

/* Highest CID: the codes of an Identity-H string are two bytes. */
#define GP_CID_MAX 0xFFFF
/* Entries in one beginbfchar block: the most a CMap block may hold
 * (Adobe Technical Note #5411, "CMap and CIDFont Files"). */
#define GP_CMAP_BLOCK 100
/* Bytes of one "<XXXX> <XXXX>\n" entry. */
#define GP_CMAP_ENTRY 14
/* Bytes of "NNN beginbfchar\n" plus "endbfchar\n". */
#define GP_CMAP_BLOCK_FRAME 32
/* Widths in one run of the /W array, and the runs (two array elements
 * each) allowed in it: both well inside libharu's HPDF_LIMIT_MAX_ARRAY. */
#define GP_W_RUN_MAX 4096
#define GP_W_ELEMENTS_MAX (HPDF_LIMIT_MAX_ARRAY - 1)
/* Unused CIDs bridged (with their own glyph's width) rather than starting
 * a new /W run: a run costs more bytes than a few extra widths. */
#define GP_W_GAP 4
/* Longest PostScript name kept: a PDF name holds 127 bytes, the subset
 * tag and "+" take 7, and real names are under 64. */
#define GP_PSNAME_MAX 63
/* Letters of a subset tag (PDF 1.7, 9.6.4). */
#define GP_TAG_LEN 6
/* Font descriptor flags (PDF 1.7, table 123). */
#define GP_FLAG_FIXED_PITCH (1L << 0)
#define GP_FLAG_NONSYMBOLIC (1L << 5)
#define GP_FLAG_ITALIC      (1L << 6)
#define GP_FLAG_FORCE_BOLD  (1L << 18)
/* Offsets into the TrueType tables read here (OpenType 1.9). */
#define GP_HEAD_XMIN 36
#define GP_HEAD_MACSTYLE 44
#define GP_POST_FIXED_PITCH 12
#define GP_OS2_WEIGHT 4
/* macStyle bits. */
#define GP_MACSTYLE_BOLD 1
#define GP_MACSTYLE_ITALIC 2
/* usWeightClass when a face has no OS/2 table. */
#define GP_WEIGHT_REGULAR 400
#define GP_WEIGHT_BOLD 700

/* One face while its font is built. */
typedef struct gp_build {
	hb_face_t *face;
	hb_font_t *font;     /* scaled to font units */
	unsigned upem;
	unsigned nglyphs;
	unsigned ncid;       /* CIDs 0..ncid-1 exist */
	uint16_t *gid_of;    /* by CID */
	uint16_t *uni_of;    /* by CID: the character it stands for */
	int16_t *w_of;       /* by CID: width, 1/1000 em */
	unsigned char *used; /* by CID: 1 when drawn */
	char name[GP_TAG_LEN + 1 + GP_PSNAME_MAX + 1]; /* TAG+PSName */
} gp_build;

/* Width of glyph `gid` in 1/1000 em, truncated toward zero: the same
 * integer goes into /W and into the pen the painter tracks, so the two
 * always agree. */
static int16_t glyph_width(const gp_build *b, hb_codepoint_t gid)
{
	long w = (long)hb_font_get_glyph_h_advance(b->font, gid) * 1000 / (long)b->upem;

	return (int16_t)(w > INT16_MAX ? INT16_MAX : w < INT16_MIN ? INT16_MIN : w);
}

/* Gives every character of `cov` a CID (see font.h) and its width. */
static int assign(gp_font *f, gp_build *b, const gp_coverage *cov, const char *path, galley_error *err)
{
	unsigned next = b->nglyphs; /* next CID past the glyph ids */

	b->ncid = b->nglyphs;
	for (uint32_t k = 0; k < GP_COVERAGE_WORDS; k++) {
		uint64_t bits = cov->bits[k];
		for (uint32_t bit = 0; bits; bit++, bits >>= 1) {
			uint32_t u = k * 64 + bit;
			hb_codepoint_t gid = 0;
			unsigned cid;

			if (!(bits & 1))
				continue;
			if (!hb_font_get_nominal_glyph(b->font, u, &gid) || gid >= b->nglyphs)
				gid = 0;
			if (!b->used[gid]) {
				cid = gid;
			} else {
				if (next > GP_CID_MAX)
					return galley_error_set(err, GALLEY_EFONT, NULL,
					                        "font %s: too many characters for one PDF font", path);
				cid = next++;
				b->ncid = next;
			}
			b->used[cid] = 1;
			b->gid_of[cid] = (uint16_t)gid;
			b->uni_of[cid] = (uint16_t)u;
			b->w_of[cid] = glyph_width(b, gid);
			f->cid[u] = (uint16_t)cid;
			f->width[u] = b->w_of[cid];
			if (u == ' ')
				f->has_space = gid != 0 && b->w_of[cid] > 0;
		}
	}
	return 0;
}

/* Reads an unsigned 16-bit big-endian field; 0 past the end. */
static unsigned be16(const char *d, unsigned len, unsigned off)
{
	if (!d || off + 2 > len)
		return 0;
	return ((unsigned)(unsigned char)d[off] << 8) | (unsigned char)d[off + 1];
}

static int sbe16(const char *d, unsigned len, unsigned off)
{
	unsigned v = be16(d, len, off);
	return v >= 0x8000 ? (int)v - 0x10000 : (int)v;
}

/* Font units to 1/1000 em. */
static HPDF_INT32 per_mille(const gp_build *b, long v)
{
	return (HPDF_INT32)lround((double)v * 1000.0 / b->upem);
}

/* "TAG+PSName": the face's PostScript name, and a tag that is a hash
 * (FNV-1a) of that name and of the characters drawn, so different subsets
 * of one face get different names and the same subset the same name. */
static void make_name(gp_build *b, const uint64_t *bits, size_t nwords)
{
	char ps[GP_PSNAME_MAX + 1], *o;
	unsigned len = sizeof ps;
	uint32_t h = 2166136261u;

	ps[0] = '\0';
	if (hb_ot_name_get_utf8(b->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, ps) == 0)
		ps[0] = '\0';
	/* keep the characters a PostScript name may hold unescaped */
	o = ps;
	for (const char *s = ps; *s; s++)
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-' || *s == '_' || *s == '.')
			*o++ = *s;
	*o = '\0';
	if (!ps[0])
		strcpy(ps, "Font");
	for (const char *s = ps; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	for (size_t k = 0; k < nwords; k++)
		for (int byte = 0; byte < 8; byte++)
			h = (h ^ (unsigned char)(bits[k] >> (8 * byte))) * 16777619u;
	for (int i = 0; i < GP_TAG_LEN; i++) {
		b->name[i] = (char)('A' + h % 26);
		h /= 26;
	}
	b->name[GP_TAG_LEN] = '+';
	strcpy(b->name + GP_TAG_LEN + 1, ps);
}

static char *hex4(char *o, unsigned v)
{
	static const char digits[] = "0123456789ABCDEF";

	*o++ = '<';
	*o++ = digits[(v >> 12) & 15];
	*o++ = digits[(v >> 8) & 15];
	*o++ = digits[(v >> 4) & 15];
	*o++ = digits[v & 15];
	*o++ = '>';
	return o;
}

/* The ToUnicode CMap (PDF 1.7, 9.10.3): each CID drawn to its character. */
static int tounicode(gp_blob *out, const gp_build *b)
{
	static const char head[] =
		"/CIDInit /ProcSet findresource begin\n"
		"12 dict begin\n"
		"begincmap\n"
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		"/CMapName /Adobe-Identity-UCS def\n"
		"/CMapType 2 def\n"
		"1 begincodespacerange\n"
		"<0000> <FFFF>\n"
		"endcodespacerange\n";
	static const char tail[] =
		"endcmap\n"
		"CMapName currentdict /CMap defineresource pop\n"
		"end\n"
		"end\n";
	size_t n = 0, cap;
	char *o;

	for (unsigned cid = 0; cid < b->ncid; cid++)
		n += b->used[cid];
	cap = sizeof head + sizeof tail + n * GP_CMAP_ENTRY + (n / GP_CMAP_BLOCK + 1) * GP_CMAP_BLOCK_FRAME;
	out->data = malloc(cap);
	if (!out->data)
		return GALLEY_ENOMEM;
	o = (char *)out->data;
	memcpy(o, head, sizeof head - 1);
	o += sizeof head - 1;
	for (unsigned cid = 0, left = (unsigned)n; cid < b->ncid;) {
		unsigned block = left < GP_CMAP_BLOCK ? left : GP_CMAP_BLOCK;
		unsigned done = 0;

		if (block == 0)
			break;
		o += sprintf(o, "%u beginbfchar\n", block);
		for (; cid < b->ncid && done < block; cid++) {
			if (!b->used[cid])
				continue;
			o = hex4(o, cid);
			*o++ = ' ';
			o = hex4(o, b->uni_of[cid]);
			*o++ = '\n';
			done++;
		}
		memcpy(o, "endbfchar\n", 10);
		o += 10;
		left -= block;
	}
	memcpy(o, tail, sizeof tail - 1);
	o += sizeof tail - 1;
	out->len = (size_t)(o - (char *)out->data);
	return 0;
}

/* The CIDToGIDMap stream: two bytes, big-endian, per CID. */
static int cid_map(gp_blob *out, const gp_build *b)
{
	out->len = (size_t)b->ncid * 2;
	out->data = malloc(out->len);
	if (!out->data)
		return GALLEY_ENOMEM;
	for (unsigned cid = 0; cid < b->ncid; cid++) {
		/* an unused CID is below the glyph count: its own glyph */
		unsigned gid = b->used[cid] ? b->gid_of[cid] : cid;
		out->data[2 * cid] = (unsigned char)(gid >> 8);
		out->data[2 * cid + 1] = (unsigned char)gid;
	}
	return 0;
}

/* A new array or dictionary stored under `key` in `d`, created only when
 * *st is HPDF_OK (so nothing is left unowned after a failure); NULL
 * with *st set when libharu refuses. */
static HPDF_Array add_array(HPDF_Dict d, const char *key, HPDF_STATUS *st)
{
	HPDF_Array a;

	if (*st != HPDF_OK)
		return NULL;
	a = HPDF_Array_New(d->mmgr);
	/* HPDF_Dict_Add refuses NULL and frees what it cannot add */
	*st = HPDF_Dict_Add(d, key, a);
	return *st == HPDF_OK ? a : NULL;
}

static HPDF_Dict add_dict(HPDF_Dict d, const char *key, HPDF_STATUS *st)
{
	HPDF_Dict sub;

	if (*st != HPDF_OK)
		return NULL;
	sub = HPDF_Dict_New(d->mmgr);
	*st = HPDF_Dict_Add(d, key, sub);
	return *st == HPDF_OK ? sub : NULL;
}

/* Width of any CID, drawn or bridged over in a /W run: an unused CID
 * below the glyph count shows its own glyph. */
static int16_t cid_width(const gp_build *b, unsigned cid)
{
	if (b->used[cid])
		return b->w_of[cid];
	return cid < b->nglyphs ? glyph_width(b, cid) : 0;
}

/* Walks the /W runs ("first [w w ...]") bridging gaps of up to `gap`
 * unused CIDs; appends them to `w` when it is not NULL.  The number of
 * runs, or -1 when libharu refused an element. */
static long w_runs(const gp_build *b, unsigned gap, HPDF_Array w, HPDF_MMgr mm)
{
	HPDF_Array run = NULL;
	long runs = 0;
	unsigned last = 0, len = 0;

	for (unsigned cid = 0; cid < b->ncid; cid++) {
		if (!b->used[cid])
			continue;
		if (runs > 0 && cid - last <= gap + 1 && len + (cid - last) <= GP_W_RUN_MAX) {
			for (unsigned k = last + 1; k <= cid; k++)
				if (w && HPDF_Array_AddNumber(run, cid_width(b, k)) != HPDF_OK)
					return -1;
			len += cid - last;
		} else {
			runs++;
			len = 1;
			if (w) {
				if (HPDF_Array_AddNumber(w, (HPDF_INT32)cid) != HPDF_OK)
					return -1;
				/* HPDF_Array_Add refuses NULL and frees what it cannot add */
				run = HPDF_Array_New(mm);
				if (HPDF_Array_Add(w, run) != HPDF_OK || HPDF_Array_AddNumber(run, cid_width(b, cid)) != HPDF_OK)
					return -1;
			}
		}
		last = cid;
	}
	return runs;
}

/* The /W array of the CIDFont, with few enough runs for libharu. */
static HPDF_STATUS add_widths(HPDF_Dict cidfont, const gp_build *b, HPDF_MMgr mm)
{
	HPDF_Array w;
	unsigned gap = GP_W_GAP;
	HPDF_STATUS st = HPDF_OK;

	/* bridge wider gaps until the runs fit: at a gap of GP_CID_MAX
	 * there are at most 0x10000 / GP_W_RUN_MAX runs */
	while (gap < GP_CID_MAX && w_runs(b, gap, NULL, mm) * 2 > GP_W_ELEMENTS_MAX)
		gap = gap * 2 + 1;
	w = add_array(cidfont, "W", &st);
	if (st == HPDF_OK && w_runs(b, gap, w, mm) < 0)
		st = HPDF_FAILD_TO_ALLOC_MEM;
	return st;
}

/* A new dictionary registered as an indirect object, or NULL. */
static HPDF_Dict indirect_dict(HPDF_Doc pdf)
{
	HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);

	/* HPDF_Xref_Add frees the object when it fails */
	if (d && HPDF_Xref_Add(pdf->xref, d) != HPDF_OK)
		return NULL;
	return d;
}

static HPDF_STATUS add_string(HPDF_Dict d, const char *key, const char *value)
{
	return HPDF_Dict_Add(d, key, HPDF_String_New(d->mmgr, value, NULL));
}

/* The font descriptor's metrics, from the embedded face's tables. */
static HPDF_STATUS describe(HPDF_Dict desc, const gp_build *b)
{
	hb_blob_t *head = hb_face_reference_table(b->face, HB_TAG('h', 'e', 'a', 'd'));
	hb_blob_t *post = hb_face_reference_table(b->face, HB_TAG('p', 'o', 's', 't'));
	hb_blob_t *os2 = hb_face_reference_table(b->face, HB_TAG('O', 'S', '/', '2'));
	unsigned hl = 0, pl = 0, ol = 0;
	const char *hd = hb_blob_get_data(head, &hl);
	const char *pd = hb_blob_get_data(post, &pl);
	const char *od = hb_blob_get_data(os2, &ol);
	unsigned mac = be16(hd, hl, GP_HEAD_MACSTYLE);
	long bbox[4];
	hb_position_t asc = 0, desc_ = 0, cap = 0;
	float italic = hb_style_get_value(b->font, HB_STYLE_TAG_SLANT_ANGLE);
	double weight = ol ? be16(od, ol, GP_OS2_WEIGHT)
	                   : (mac & GP_MACSTYLE_BOLD ? GP_WEIGHT_BOLD : GP_WEIGHT_REGULAR);
	long flags = GP_FLAG_NONSYMBOLIC;
	HPDF_Array box;
	HPDF_STATUS st;

	for (int i = 0; i < 4; i++)
		bbox[i] = sbe16(hd, hl, GP_HEAD_XMIN + 2 * (unsigned)i);
	if (!hb_ot_metrics_get_position(b->font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &asc))
		asc = (hb_position_t)bbox[3];
	if (!hb_ot_metrics_get_position(b->font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &desc_))
		desc_ = (hb_position_t)bbox[1];
	if (!hb_ot_metrics_get_position(b->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) || cap <= 0)
		cap = asc;
	if (pl >= GP_POST_FIXED_PITCH + 4 && (be16(pd, pl, GP_POST_FIXED_PITCH) | be16(pd, pl, GP_POST_FIXED_PITCH + 2)))
		flags |= GP_FLAG_FIXED_PITCH;
	if ((mac & GP_MACSTYLE_ITALIC) || italic != 0)
		flags |= GP_FLAG_ITALIC;
	if (mac & GP_MACSTYLE_BOLD)
		flags |= GP_FLAG_FORCE_BOLD;

	st = HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
	if (st == HPDF_OK)
		st = HPDF_Dict_AddName(desc, "FontName", b->name);
	if (st == HPDF_OK)
		st = HPDF_Dict_AddNumber(desc, "Flags", (HPDF_INT32)flags);
	box = add_array(desc, "FontBBox", &st);
	for (int i = 0; i < 4 && st == HPDF_OK; i++)
		st = HPDF_Array_AddNumber(box, per_mille(b, bbox[i]));
	if (st == HPDF_OK)
		st = HPDF_Dict_AddReal(desc, "ItalicAngle", italic);
	if (st == HPDF_OK)
		st = HPDF_Dict_AddNumber(desc, "Ascent", per_mille(b, asc));
	if (st == HPDF_OK)
		st = HPDF_Dict_AddNumber(desc, "Descent", per_mille(b, desc_));
	if (st == HPDF_OK)
		st = HPDF_Dict_AddNumber(desc, "CapHeight", per_mille(b, cap));
	/* no table holds the stem width: estimated from the weight class,
	 * the usual curve (some 40 at 400, 120 at 700) */
	if (st == HPDF_OK)
		st = HPDF_Dict_AddNumber(desc, "StemV",
		                         (HPDF_INT32)lround(10 + 220 * pow((weight - 50) / 900, 2)));
	hb_blob_destroy(head);
	hb_blob_destroy(post);
	hb_blob_destroy(os2);
	return st;
}

/* The font's objects in libharu; the streams stay empty. */
static HPDF_STATUS objects(gp_font *f, HPDF_Doc pdf, const gp_build *b, bool identity, bool cff)
{
	HPDF_MMgr mm = pdf->mmgr;
	HPDF_Dict cidfont, desc, sysinfo;
	HPDF_Array arr;
	HPDF_STATUS st = HPDF_OK;

	f->dict = indirect_dict(pdf);
	cidfont = indirect_dict(pdf);
	desc = indirect_dict(pdf);
	if (!f->dict || !cidfont || !desc)
		return HPDF_FAILD_TO_ALLOC_MEM;
	f->nstreams = identity ? 2 : 3;
	for (size_t i = 0; i < f->nstreams; i++) {
		f->stream[i] = HPDF_DictStream_New(mm, pdf->xref);
		if (!f->stream[i])
			return HPDF_FAILD_TO_ALLOC_MEM;
	}

	st = HPDF_Dict_AddName(f->dict, "Type", "Font");
	if (st == HPDF_OK)
		st = HPDF_Dict_AddName(f->dict, "Subtype", "Type0");
	if (st == HPDF_OK)
		st = HPDF_Dict_AddName(f->dict, "BaseFont", b->name);
	if (st == HPDF_OK)
		st = HPDF_Dict_AddName(f->dict, "Encoding", "Identity-H");
	arr = add_array(f->dict, "DescendantFonts", &st);
	if (st == HPDF_OK)
		st = HPDF_Array_Add(arr, cidfont);
	if (st == HPDF_OK)
		st = HPDF_Dict_Add(f->dict, "ToUnicode", f->stream[1]);

	if (st == HPDF_OK)
		st = HPDF_Dict_AddName(cidfont, "Type", "Font");
	if (st == HPDF_OK)
		st = HPDF_Dict_AddName(cidfont, "Subtype", cff ? "CIDFontType0" : "CIDFontType2");
	if (st == HPDF_OK)
		st = HPDF_Dict_AddName(cidfont, "BaseFont", b->name);
	sysinfo = add_dict(cidfont, "CIDSystemInfo", &st);
	if (st == HPDF_OK)
		st = add_string(sysinfo, "Registry", "Adobe");
	if (st == HPDF_OK)
		st = add_string(sysinfo, "Ordering", "Identity");
	if (st == HPDF_OK)
		st = HPDF_Dict_AddNumber(sysinfo, "Supplement", 0);
	if (st == HPDF_OK)
		st = HPDF_Dict_Add(cidfont, "FontDescriptor", desc);
	/* a CIDFontType0 maps CIDs through its CFF's charset: no CIDToGIDMap */
	if (st == HPDF_OK && !cff)
		st = identity ? HPDF_Dict_AddName(cidfont, "CIDToGIDMap", "Identity")
		              : HPDF_Dict_Add(cidfont, "CIDToGIDMap", f->stream[2]);
	if (st == HPDF_OK)
		st = add_widths(cidfont, b, mm);

	if (st == HPDF_OK)
		st = describe(desc, b);
	if (st == HPDF_OK && cff) {
		st = HPDF_Dict_Add(desc, "FontFile3", f->stream[0]);
		if (st == HPDF_OK)
			st = HPDF_Dict_AddName(f->stream[0], "Subtype", "CIDFontType0C");
		return st;
	}
	if (st == HPDF_OK)
		st = HPDF_Dict_Add(desc, "FontFile2", f->stream[0]);
	if (st == HPDF_OK)
		st = HPDF_Dict_AddNumber(f->stream[0], "Length1", (HPDF_INT32)f->raw[0].len);
	return st;
}

int gp_font_make(gp_font *f, HPDF_Doc pdf, const char *font_path, const gp_coverage *cov,
                 galley_error *err)
{
	gp_build b;
	hb_blob_t *blob = NULL, *glyf = NULL;
	const char *data;
	unsigned len = 0;
	bool whole = false;
	HPDF_STATUS st;
	size_t ncap;
	int rc;

	memset(f, 0, sizeof *f);
	memset(&b, 0, sizeof b);
	rc = gp_subset_make(&blob, &whole, font_path, cov, err);
	if (rc < 0)
		goto cleanup;
	b.face = hb_face_create(blob, 0);
	b.upem = hb_face_get_upem(b.face);
	b.nglyphs = hb_face_get_glyph_count(b.face);
	glyf = hb_face_reference_table(b.face, HB_TAG('g', 'l', 'y', 'f'));
	if (hb_blob_get_length(glyf) == 0 || b.nglyphs == 0 || b.nglyphs > GP_CID_MAX + 1) {
		rc = galley_error_set(err, GALLEY_EFONT, NULL,
		                      "font %s: cannot be embedded (only TrueType outlines can)", font_path);
		goto cleanup;
	}
	b.font = hb_font_create(b.face);
	hb_font_set_scale(b.font, (int)b.upem, (int)b.upem);
	ncap = (size_t)b.nglyphs + cov->count;
	f->cid = calloc(0x10000, sizeof *f->cid);
	f->width = calloc(0x10000, sizeof *f->width);
	b.gid_of = calloc(ncap, sizeof *b.gid_of);
	b.uni_of = calloc(ncap, sizeof *b.uni_of);
	b.w_of = calloc(ncap, sizeof *b.w_of);
	b.used = calloc(ncap, 1);
	if (!f->cid || !f->width || !b.gid_of || !b.uni_of || !b.w_of || !b.used) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	rc = assign(f, &b, cov, font_path, err);
	if (rc < 0)
		goto cleanup;
	make_name(&b, cov->bits, GP_COVERAGE_WORDS);

	data = hb_blob_get_data(blob, &len);
	f->raw[0].data = malloc(len ? len : 1);
	if (f->raw[0].data) {
		memcpy(f->raw[0].data, data, len);
		f->raw[0].len = len;
	}
	if (!f->raw[0].data || tounicode(&f->raw[1], &b) < 0 ||
	    (b.ncid > b.nglyphs && cid_map(&f->raw[2], &b) < 0)) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	st = objects(f, pdf, &b, b.ncid == b.nglyphs, false);
	if (st != HPDF_OK)
		rc = galley_error_set(err, GALLEY_EPDF, NULL, "font %s: libharu refused its objects (error 0x%04X)",
		                      font_path, (unsigned)st);
cleanup:
	if (rc < 0)
		gp_font_dispose(f);
	free(b.gid_of);
	free(b.uni_of);
	free(b.w_of);
	free(b.used);
	hb_font_destroy(b.font);
	hb_blob_destroy(glyf);
	hb_face_destroy(b.face);
	hb_blob_destroy(blob);
	return rc;
}

/* Bytes of one "<XXXX> <>\n" entry, and of each UTF-16 code unit in it
 * (a character past the BMP takes two). */
#define GP_CMAP_ENTRY_GLYPH 10
#define GP_CMAP_UNIT 4

/* Appends `u` as UTF-16BE hex digits (a surrogate pair past the BMP). */
static char *utf16_hex(char *o, uint32_t u)
{
	static const char digits[] = "0123456789ABCDEF";
	unsigned units[2], n = 0;

	if (u > 0xFFFF) {
		u -= 0x10000;
		units[n++] = 0xD800 | (u >> 10);
		units[n++] = 0xDC00 | (u & 0x3FF);
	} else {
		units[n++] = u;
	}
	for (unsigned i = 0; i < n; i++)
		for (int sh = 12; sh >= 0; sh -= 4)
			*o++ = digits[(units[i] >> sh) & 15];
	return o;
}

/* A glyph font's ToUnicode CMap: each glyph drawn that stands for some
 * text (gp_glyphset_text) to it. */
static int tounicode_glyphs(gp_blob *out, const gp_build *b, const gp_glyphset *gs)
{
	static const char head[] =
		"/CIDInit /ProcSet findresource begin\n"
		"12 dict begin\n"
		"begincmap\n"
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		"/CMapName /Adobe-Identity-UCS def\n"
		"/CMapType 2 def\n"
		"1 begincodespacerange\n"
		"<0000> <FFFF>\n"
		"endcodespacerange\n";
	static const char tail[] =
		"endcmap\n"
		"CMapName currentdict /CMap defineresource pop\n"
		"end\n"
		"end\n";
	size_t n = 0, units = 0, cap;
	uint32_t text[GP_SEQ_MAX];
	char *o;

	for (unsigned gid = 0; gid < b->ncid; gid++) {
		size_t k = b->used[gid] ? gp_glyphset_text(gs, gid, text) : 0;
		n += k > 0;
		for (size_t i = 0; i < k; i++)
			units += text[i] > 0xFFFF ? 2 : 1;
	}
	cap = sizeof head + sizeof tail + n * GP_CMAP_ENTRY_GLYPH + units * GP_CMAP_UNIT +
	      (n / GP_CMAP_BLOCK + 1) * GP_CMAP_BLOCK_FRAME;
	out->data = malloc(cap);
	if (!out->data)
		return GALLEY_ENOMEM;
	o = (char *)out->data;
	memcpy(o, head, sizeof head - 1);
	o += sizeof head - 1;
	for (unsigned gid = 0, left = (unsigned)n; gid < b->ncid && left > 0;) {
		unsigned block = left < GP_CMAP_BLOCK ? left : GP_CMAP_BLOCK;
		unsigned done = 0;

		o += sprintf(o, "%u beginbfchar\n", block);
		for (; gid < b->ncid && done < block; gid++) {
			size_t k = b->used[gid] ? gp_glyphset_text(gs, gid, text) : 0;
			if (k == 0)
				continue;
			o = hex4(o, gid);
			*o++ = ' ';
			*o++ = '<';
			for (size_t i = 0; i < k; i++)
				o = utf16_hex(o, text[i]);
			*o++ = '>';
			*o++ = '\n';
			done++;
		}
		memcpy(o, "endbfchar\n", 10);
		o += 10;
		left -= block;
	}
	memcpy(o, tail, sizeof tail - 1);
	o += sizeof tail - 1;
	out->len = (size_t)(o - (char *)out->data);
	return 0;
}

int gp_font_make_glyphs(gp_font *f, HPDF_Doc pdf, const char *font_path, unsigned index,
                        const gp_glyphset *gs, uint32_t space, galley_error *err)
{
	gp_build b;
	hb_blob_t *blob = NULL, *glyf = NULL, *cff = NULL, *prog, *file = NULL;
	hb_face_t *orig = NULL;
	const char *data;
	unsigned len = 0;
	bool is_cff;
	HPDF_STATUS st;
	int rc;

	memset(f, 0, sizeof *f);
	memset(&b, 0, sizeof b);
	f->glyphs = true;
	rc = gp_subset_glyphs(&blob, font_path, index, gs, err);
	if (rc < 0)
		goto cleanup;
	/* the subset's tables describe the font; the widths are the whole
	 * face's, by the glyph ids the typesetter drew (the CIDs: a
	 * CID-keyed CFF subset keeps its glyphs' CIDs, which in the
	 * Adobe-Identity faces are their ids, and other subsets keep the
	 * ids themselves) */
	b.face = hb_face_create(blob, 0);
	if ((file = hb_blob_create_from_file_or_fail(font_path)) == NULL) {
		rc = galley_error_set(err, GALLEY_EFONT, NULL, "font %s: cannot be read", font_path);
		goto cleanup;
	}
	orig = hb_face_create(file, index);
	b.upem = hb_face_get_upem(orig);
	b.nglyphs = hb_face_get_glyph_count(orig);
	glyf = hb_face_reference_table(b.face, HB_TAG('g', 'l', 'y', 'f'));
	cff = hb_face_reference_table(b.face, HB_TAG('C', 'F', 'F', ' '));
	is_cff = hb_blob_get_length(glyf) == 0 && hb_blob_get_length(cff) > 0;
	prog = is_cff ? cff : blob;
	if ((!is_cff && hb_blob_get_length(glyf) == 0) || b.nglyphs == 0 || b.nglyphs > GP_CID_MAX + 1 ||
	    hb_face_get_glyph_count(b.face) == 0) {
		rc = galley_error_set(err, GALLEY_EFONT, NULL,
		                      "font %s: cannot be embedded (no TrueType or CFF outlines)", font_path);
		goto cleanup;
	}
	b.font = hb_font_create(orig);
	hb_font_set_scale(b.font, (int)b.upem, (int)b.upem);
	b.ncid = b.nglyphs;
	f->cid = calloc(GP_GLYPHS_MAX, sizeof *f->cid);
	f->width = calloc(GP_GLYPHS_MAX, sizeof *f->width);
	b.w_of = calloc(b.ncid, sizeof *b.w_of);
	b.used = calloc(b.ncid, 1);
	if (!f->cid || !f->width || !b.w_of || !b.used) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	for (unsigned gid = 0; gid < b.ncid; gid++) {
		if (!(gs->bits[gid >> 6] & ((uint64_t)1 << (gid & 63))))
			continue;
		b.used[gid] = 1;
		b.w_of[gid] = glyph_width(&b, gid);
		f->cid[gid] = (uint16_t)gid;
		f->width[gid] = b.w_of[gid];
	}
	if (space != 0 && space < b.ncid && b.used[space] && b.w_of[space] > 0) {
		f->has_space = true;
		f->space = space;
	}
	make_name(&b, gs->bits, GP_GLYPHS_MAX / 64);

	data = hb_blob_get_data(prog, &len);
	f->raw[0].data = malloc(len ? len : 1);
	if (f->raw[0].data) {
		memcpy(f->raw[0].data, data, len);
		f->raw[0].len = len;
	}
	if (!f->raw[0].data || tounicode_glyphs(&f->raw[1], &b, gs) < 0) {
		rc = galley_error_set(err, GALLEY_ENOMEM, NULL, "out of memory");
		goto cleanup;
	}
	st = objects(f, pdf, &b, true, is_cff);
	if (st != HPDF_OK)
		rc = galley_error_set(err, GALLEY_EPDF, NULL, "font %s: libharu refused its objects (error 0x%04X)",
		                      font_path, (unsigned)st);
cleanup:
	if (rc < 0)
		gp_font_dispose(f);
	free(b.w_of);
	free(b.used);
	hb_font_destroy(b.font);
	hb_blob_destroy(glyf);
	hb_blob_destroy(cff);
	hb_face_destroy(b.face);
	hb_face_destroy(orig);
	hb_blob_destroy(file);
	hb_blob_destroy(blob);
	return rc;
}

void gp_font_dispose(gp_font *f)
{
	free(f->cid);
	free(f->width);
	f->cid = NULL;
	f->width = NULL;
	for (size_t i = 0; i < GP_FONT_STREAMS; i++) {
		free(f->raw[i].data);
		f->raw[i].data = NULL;
		f->raw[i].len = 0;
	}
	f->nstreams = 0;
}
