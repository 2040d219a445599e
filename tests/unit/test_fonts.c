/* SPDX-License-Identifier: BSD-2-Clause
 * SPDX-FileCopyrightText: 2026 the galley authors */
/*
 * test_fonts.c: the glyph faces (typeset/fonts.c).  A character the
 * bundled faces lack is drawn from an installed face fontconfig finds,
 * shaped by HarfBuzz: Arabic letters join and run right to left,
 * Devanagari forms conjuncts, characters past the BMP show, the Han
 * faces follow the language, and a Latin word stays as it was.  Needs the
 * fonts `make deps` installs (fonts-noto-core, fonts-noto-cjk,
 * fonts-symbola).
 */
#include <string.h>

#include "t.h"
#include "typeset/internal.h"

static bool all_glyph_faces(const gl_word *w)
{
	for (uint32_t k = 0; k < w->n; k++)
		if (w->g[k].face < GALLEY_NFACES)
			return false;
	return true;
}

int main(void)
{
	gl_fonts *f = NULL, *child = NULL;
	galley_error err = GALLEY_ERROR_INIT;
	const gl_word *w;
	/* "to test": lam-alef is one glyph for two letters */
	const char *arabic = "\xD9\x84\xD8\xA7\xD8\xAE\xD8\xAA\xD8\xA8\xD8\xA7\xD8\xB1";
	/* "ksha": KA, VIRAMA, SSA: one conjunct */
	const char *ksha = "\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7";
	const char *extb = "\xF0\xA0\xAE\xB7";        /* U+20BB7, CJK extension B */
	const char *emoji = "\xF0\x9F\x9A\xA2";       /* U+1F6A2, ship */
	const char *han = "\xE6\xBC\xA2";             /* U+6F22 */
	const char *hebrew = "\xD7\xA2\xD7\x91\xD7\xA8\xD7\x99\xD7\xAA";

	T_EQ_INT(gl_fonts_open(&f, GALLEY_SRCDIR "/fonts", NULL, &err), 0, "fonts open");
	if (!f)
		return t_done();
	gl_fonts_lang(f, "en");

	w = gl_fonts_word(f, GALLEY_FACE_REGULAR, "Hello", 5);
	T_CHECK(w && w->shaped == NULL && !all_glyph_faces(w) && w->g[0].face == GALLEY_FACE_REGULAR,
	        "a Latin word: bundled face, no shaping");
	T_EQ_INT(gl_fonts_nfaces(f), GALLEY_NFACES, "a Latin word: no glyph face found");

	w = gl_fonts_word(f, GALLEY_FACE_REGULAR, arabic, strlen(arabic));
	T_CHECK(w && w->shaped && all_glyph_faces(w) && !w->substituted, "Arabic: a glyph face");
	if (w && w->shaped) {
		T_CHECK(w->shaped->rtl[0] && w->shaped->rtl[w->n - 1], "Arabic: right to left");
		T_CHECK(strstr(gl_fonts_path(f, w->g[0].face), "NotoNaskhArabic") != NULL,
		        "Arabic: Noto Naskh for a serif text");
		T_EQ_INT(w->len, strlen(arabic), "Arabic: the text kept as written");
	}
	{
		/* beh three times joins: initial, medial and final forms, none
		 * of them the isolated beh */
		const gl_word *one = gl_fonts_word(f, GALLEY_FACE_REGULAR, "\xD8\xA8", 2);
		const gl_word *three = gl_fonts_word(f, GALLEY_FACE_REGULAR, "\xD8\xA8\xD8\xA8\xD8\xA8", 6);
		bool joined = one && three && one->shaped && three->shaped && three->shaped->nglyphs == 3;
		for (uint32_t g = 0; joined && g < 3; g++)
			joined = three->shaped->glyphs[g].id != one->shaped->glyphs[0].id &&
			         three->shaped->glyphs[g].id != three->shaped->glyphs[(g + 1) % 3].id;
		T_CHECK(joined, "Arabic: letters join (initial, medial, final forms)");
	}
	w = gl_fonts_word(f, GALLEY_FACE_BOLD, arabic, strlen(arabic));
	T_CHECK(w && w->g[0].face >= GALLEY_NFACES && strstr(gl_fonts_path(f, w->g[0].face), "Bold") != NULL,
	        "Arabic in bold: a bold face");
	w = gl_fonts_word(f, GALLEY_FACE_REGULAR, ksha, strlen(ksha));
	T_CHECK(w && w->shaped && w->n == 1 && w->shaped->nglyphs >= 1 && !w->shaped->rtl[0],
	        "Devanagari: a conjunct is one cluster, left to right");
	w = gl_fonts_word(f, GALLEY_FACE_REGULAR, hebrew, strlen(hebrew));
	T_CHECK(w && w->shaped && strstr(gl_fonts_path(f, w->g[0].face), "Hebrew") != NULL, "Hebrew: a Hebrew face");
	w = gl_fonts_word(f, GALLEY_FACE_REGULAR, extb, strlen(extb));
	T_CHECK(w && !w->substituted && w->shaped && w->shaped->nglyphs == 1 && w->shaped->glyphs[0].id != 0,
	        "past the BMP: CJK extension B has a glyph");
	w = gl_fonts_word(f, GALLEY_FACE_REGULAR, emoji, strlen(emoji));
	T_CHECK(w && !w->substituted && w->g[0].face >= GALLEY_NFACES &&
	        strstr(gl_fonts_path(f, w->g[0].face), "Symbola") != NULL, "past the BMP: an emoji from Symbola");

	{
		/* Han: Japanese and traditional Chinese forms are different faces
		 * of one collection, or different files */
		int ja, tw;
		const char *pja, *ptw;
		unsigned ija, itw;
		gl_fonts_lang(f, "ja");
		w = gl_fonts_word(f, GALLEY_FACE_REGULAR, han, strlen(han));
		ja = w ? w->g[0].face : -1;
		gl_fonts_lang(f, "zh-TW");
		w = gl_fonts_word(f, GALLEY_FACE_REGULAR, han, strlen(han));
		tw = w ? w->g[0].face : -1;
		T_CHECK(ja >= GALLEY_NFACES && tw >= GALLEY_NFACES, "Han: glyph faces");
		if (ja >= GALLEY_NFACES && tw >= GALLEY_NFACES) {
			pja = gl_fonts_path(f, ja);
			ptw = gl_fonts_path(f, tw);
			ija = gl_fonts_index(f, ja);
			itw = gl_fonts_index(f, tw);
			T_CHECK(ja != tw && (strcmp(pja, ptw) != 0 || ija != itw), "Han: the language chooses the face");
		}
		gl_fonts_lang(f, "en");
	}

	w = gl_fonts_word(f, GALLEY_FACE_REGULAR, "a\xCD\xB8" "b", 4);
	T_CHECK(w && w->substituted && w->bad_cp == 0x378 && w->first_bad == 1,
	        "no face has U+0378: substituted, its code point and offset noted");

	/* a worker's fonts share the table: the same face ids */
	T_EQ_INT(gl_fonts_open(&child, GALLEY_SRCDIR "/fonts", NULL, &err), 0, "child fonts open");
	if (child) {
		const gl_word *a, *b;
		gl_fonts_share(child, f);
		gl_fonts_lang(child, "en");
		a = gl_fonts_word(f, GALLEY_FACE_REGULAR, hebrew, strlen(hebrew));
		b = gl_fonts_word(child, GALLEY_FACE_REGULAR, hebrew, strlen(hebrew));
		T_CHECK(a && b && a->g[0].face == b->g[0].face, "shared table: the same face id in every thread");
		gl_fonts_free(child);
	}
	gl_fonts_free(f);
	return t_done();
}
