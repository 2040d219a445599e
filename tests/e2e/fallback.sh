#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# fallback.sh: every script on the page (issue 21, the fonts).  An article with
# paragraphs in Japanese, Chinese, Korean, Hebrew, Arabic, Persian, Hindi,
# Russian, Greek and English with emoji and a character past the BMP:
# text extraction gives its words back (no U+FFFD), every face is
# embedded as a subset (the CJK ones as CFF), the file is small and sound,
# a character no installed face has is reported with its code point and
# place, and a Latin-only article never loads fontconfig.
source "$(dirname "$0")/lib.sh"
IN=$TOP/tests/data/scripts/scripts.md
export SOURCE_DATE_EPOCH=1700000000

if "$GALLEY" pdf -q -o "$WORK/s.pdf" "$IN" 2>"$WORK/err"; then
	ok "the article typesets"
else
	fail "the article typesets" "$(head -c 300 "$WORK/err")"
fi
pdftotext -enc UTF-8 "$WORK/s.pdf" "$WORK/s.txt" 2>/dev/null
if grep -q $'\xef\xbf\xbd' "$WORK/s.txt"; then
	fail "no substitute (U+FFFD) in the extracted text" "$(grep -m 3 $'\xef\xbf\xbd' "$WORK/s.txt" | tr '\n' ' ')"
else
	ok "no substitute (U+FFFD) in the extracted text"
fi
# words of each script, as they are in the source (logical order; an
# Arabic word extracted whole says its letters were joined and read back
# in order; a Hindi word holds conjuncts and a reordered vowel sign)
for w in 組版 ひらがな カタカナ 排版测试 複製出來 확인합니다 조판 עברית בודקים \
	الحروف تتصل لاختبار آزمایش نمایش संयुक्ताक्षर मात्राएँ अनुच्छेद \
	проверки στοιχειοθεσίας 🚢 👋 🍕 😀 𠮷; do
	grep -qF -- "$w" "$WORK/s.txt" && ok "extracted: $w" || fail "extracted: $w"
done

pdffonts "$WORK/s.pdf" >"$WORK/fonts" 2>/dev/null
tail -n +3 "$WORK/fonts" >"$WORK/fonts.rows"
if [ -s "$WORK/fonts.rows" ] && ! awk '{ if ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes") bad = 1 } END { exit bad }' "$WORK/fonts.rows"; then
	fail "every font embedded, subset, with ToUnicode" "$(cat "$WORK/fonts.rows" | tr '\n' ' ')"
else
	ok "every font embedded, subset, with ToUnicode"
fi
grep -q "CID Type 0C" "$WORK/fonts.rows" && ok "the CJK faces embedded as CFF (CIDFontType0C)" \
	|| fail "the CJK faces embedded as CFF (CIDFontType0C)" "$(cat "$WORK/fonts.rows" | tr '\n' ' ')"
for face in NotoNaskhArabic NotoSerifHebrew NotoSerifDevanagari NotoSerifCJKjp NotoSerifCJKkr Symbola; do
	grep -q "+$face" "$WORK/fonts.rows" && ok "face chosen: $face" || fail "face chosen: $face" "$(awk '{print $1}' "$WORK/fonts.rows" | tr '\n' ' ')"
done
check "qpdf --check passes" qpdf --check "$WORK/s.pdf"
size=$(stat -c %s "$WORK/s.pdf")
# six CJK faces among seventeen: whole, one would be 16-20 MB
[ "$size" -lt 400000 ] && ok "the PDF stays small ($size bytes): subsets only" \
	|| fail "the PDF stays small: subsets only" "$size bytes"

# the same bytes whichever thread met a face first
"$GALLEY" pdf -q --jobs 1 -o "$WORK/j1.pdf" "$IN" "$TOP/examples/river-ferry.md" "$IN" 2>/dev/null
"$GALLEY" pdf -q --jobs 4 -o "$WORK/j4.pdf" "$IN" "$TOP/examples/river-ferry.md" "$IN" 2>/dev/null
if [ -s "$WORK/j1.pdf" ] && cmp -s "$WORK/j1.pdf" "$WORK/j4.pdf"; then
	ok "one thread or four: the same bytes"
else
	fail "one thread or four: the same bytes"
fi

# a character no face has: a visible substitute and a warning with its
# code point, file, line and column (U+0378 is unassigned, U+F0000 private)
printf -- '---\ntitle: Missing\n---\n\nA line.\n\nSome text \xcd\xb8 and more \xf3\xb0\x80\x80 here \xcd\xb8 twice.\n' >"$WORK/missing.md"
(cd "$WORK" && "$GALLEY" pdf -o missing.pdf missing.md) 2>"$WORK/missing.err"
grep -qx "galley: missing.md:7:11: warning: U+0378 has no glyph in any installed font: drawn as a substitute" "$WORK/missing.err" \
	&& ok "missing glyph: code point, file, line and column" \
	|| fail "missing glyph: code point, file, line and column" "$(head -c 300 "$WORK/missing.err")"
grep -q "missing.md:7:22: warning: U+F0000 " "$WORK/missing.err" \
	&& ok "missing glyph past the BMP: its own warning" || fail "missing glyph past the BMP: its own warning" "$(head -c 300 "$WORK/missing.err")"
[ "$(grep -c 'U+0378' "$WORK/missing.err")" = 1 ] && ok "missing glyph: one warning per character" \
	|| fail "missing glyph: one warning per character"
pdftotext -enc UTF-8 "$WORK/missing.pdf" - 2>/dev/null | grep -q $'text \xef\xbf\xbd and' \
	&& ok "missing glyph: a visible substitute" || fail "missing glyph: a visible substitute"

# fontconfig is loaded on the first character the bundled faces lack
LD_DEBUG=files "$GALLEY" pdf -q -o "$WORK/latin.pdf" "$TOP/examples/river-ferry.md" 2>"$WORK/ld.latin"
LD_DEBUG=files "$GALLEY" pdf -q -o "$WORK/s2.pdf" "$IN" 2>"$WORK/ld.scripts"
if grep -q "file=libfontconfig" "$WORK/ld.scripts" && ! grep -q "file=libfontconfig" "$WORK/ld.latin"; then
	ok "fontconfig is loaded only when a character needs it"
else
	fail "fontconfig is loaded only when a character needs it" \
		"latin: $(grep -c libfontconfig "$WORK/ld.latin"), scripts: $(grep -c libfontconfig "$WORK/ld.scripts")"
fi
