#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# jobs.sh: worker threads change nothing but the time (issue 7).  The same
# articles typeset with --jobs 1 (no threads), the default (one per CPU)
# and more workers than CPUs give byte-identical PDF and EPUB files and
# the same warnings in the same order; and the embedded fonts are subsets.
source "$(dirname "$0")/lib.sh"

corpus=$WORK/corpus
python3 "$TOP/bench/gen.py" 12 "$corpus" >/dev/null 2>&1 || { fail "jobs: generate a corpus"; exit 0; }
# an article whose characters no font has, so that warnings are collected
cat >"$corpus/9999-glyphs.md" <<'EOF'
---
title: Missing glyphs
lang: en-US
---
An unassigned code point ͸ and a private-use character  have no glyph anywhere.

Second paragraph with more text so that the article has a few lines.
EOF

run() { # run NAME JOBS: PDF, EPUB (with page list) and messages of one run
	local name=$1 jobs=$2
	"$GALLEY" pdf --jobs "$jobs" -o "$WORK/$name.pdf" "$corpus"/*.md 2>"$WORK/$name.pdf.err"
	"$GALLEY" epub --jobs "$jobs" --print-pages -o "$WORK/$name.epub" "$corpus"/*.md 2>"$WORK/$name.epub.err"
}

run j1 1
run j0 0
run j5 5
for f in pdf epub; do
	check "jobs: default and --jobs 1 give the same $f bytes" cmp "$WORK/j1.$f" "$WORK/j0.$f"
	check "jobs: --jobs 5 and --jobs 1 give the same $f bytes" cmp "$WORK/j1.$f" "$WORK/j5.$f"
	check "jobs: same $f warnings in the same order" cmp "$WORK/j1.$f.err" "$WORK/j5.$f.err"
done
if grep -q "warning" "$WORK/j1.pdf.err"; then ok "jobs: warnings are collected from worker threads"
else fail "jobs: warnings are collected from worker threads" "no warning in $(cat "$WORK/j1.pdf.err")"; fi

"$GALLEY" pdf --jobs -1 -o "$WORK/bad.pdf" "$corpus"/*.md >/dev/null 2>&1
[ $? = 2 ] && ok "jobs: a negative count is a usage error" || fail "jobs: a negative count is a usage error"

# fonts: every embedded face is a subset, and a one-article PDF stays small
one=$(ls "$corpus"/*.md | head -n 1)
"$GALLEY" pdf -q -o "$WORK/one.pdf" "$one"
if pdffonts "$WORK/one.pdf" 2>/dev/null | awk 'NR > 2 && $0 !~ / yes +yes +yes / { bad = 1 } END { exit bad }'; then
	ok "jobs: embedded fonts are subsets"
else
	fail "jobs: embedded fonts are subsets" "$(pdffonts "$WORK/one.pdf" 2>/dev/null | tr '\n' ' ')"
fi
size=$(stat -c %s "$WORK/one.pdf")
pages=$(pdfinfo "$WORK/one.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
if [ -n "$pages" ] && [ "$size" -lt $((pages * 40000)) ]; then ok "jobs: one article is under 40 KB a page ($size bytes, $pages pages)"
else fail "jobs: one article is under 40 KB a page" "$size bytes, ${pages:-?} pages"; fi

# the disk cache of compiled hyphenation dictionaries (hyphcache.c): a cold
# run writes it, a warm run reads it, and neither changes a byte, in
# English and in German (whose NOHYPHEN list the cache must keep)
cat >"$WORK/de.md" <<'EOF'
---
title: Silbentrennung
lang: de-DE
---
Die Donaudampfschifffahrtsgesellschaft veröffentlichte gestern eine
Stellungnahme zur Geschwindigkeitsbegrenzung, zur Rechtsschutzversicherung
und zur Verantwortungsbereitschaft der Bundesländer. Unabhängigkeitserklärung,
Lebensversicherungsgesellschaft und Arbeitnehmerüberlassungsgesetz sind
Wörter, die ohne Trennung kaum in eine schmale Spalte passen; Bindestrich-
Komposita wie Max-Planck-Institut und Apostrophe wie in Grimm’sche bleiben
unversehrt.
EOF
for f in "$one" "$WORK/de.md"; do
	n=$(basename "$f" .md)
	GALLEY_CACHE_DIR= "$GALLEY" pdf -q --paper a5 -o "$WORK/nocache-$n.pdf" "$f"
	GALLEY_CACHE_DIR="$WORK/hcache" "$GALLEY" pdf -q --paper a5 -o "$WORK/cold-$n.pdf" "$f"
	GALLEY_CACHE_DIR="$WORK/hcache" "$GALLEY" pdf -q --paper a5 -o "$WORK/warm-$n.pdf" "$f"
	check "hyphenation cache: cold run, same bytes ($n)" cmp "$WORK/nocache-$n.pdf" "$WORK/cold-$n.pdf"
	check "hyphenation cache: warm run, same bytes ($n)" cmp "$WORK/nocache-$n.pdf" "$WORK/warm-$n.pdf"
done
if ls "$WORK/hcache"/hyph-hyph_de* >/dev/null 2>&1 && ls "$WORK/hcache"/hyph-hyph_en* >/dev/null 2>&1; then
	ok "hyphenation cache: one file per dictionary used"
else
	fail "hyphenation cache: one file per dictionary used" "$(ls "$WORK/hcache" 2>&1)"
fi

# running heads and folios end where the body's lines end (they are set
# one run per word; a whole head as one run drifted past the edge by the
# rounding of glyph widths along it)
"$GALLEY" pdf -q --columns 2 -o "$WORK/heads.pdf" "$corpus"/*.md 2>/dev/null
if pdftotext -bbox "$WORK/heads.pdf" "$WORK/heads.html" 2>/dev/null; then
	over=$(python3 - "$WORK/heads.html" <<'PY'
import re, sys
pages = open(sys.argv[1], encoding="utf-8").read().split("<page ")[1:]
worst = 0.0
for page in pages:
    words = [tuple(map(float, m.groups())) for m in re.finditer(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', page)]
    body = [w for w in words if w[1] > 60]
    if not body:
        continue
    right = max(w[2] for w in body)
    heads = [w for w in words if w[1] < 45]
    for w in heads:
        worst = max(worst, w[2] - right)
print("%.2f" % worst)
PY
)
	awk -v o="$over" 'BEGIN { exit !(o <= 0.5) }' &&
		ok "running heads end at the body's right edge (worst $over pt past)" ||
		fail "running heads end at the body's right edge" "$over pt past"
else
	fail "running heads end at the body's right edge" "pdftotext failed"
fi

# libraries loaded when first needed (src/base/lazy.h): an EPUB maps
# none of the typesetting libraries, a PDF never libzip, and `galley
# build` both (LD_DEBUG=files: the dynamic loader lists what it opens).
# The EPUB is given a cover: drawing galley's own takes HarfBuzz and librsvg.
LD_DEBUG=files "$GALLEY" epub -q --cover "$TOP/examples/img/atomic-write.png" -o "$WORK/lazy.epub" \
	"$corpus"/*.md 2>"$WORK/lazy-epub.log"
LD_DEBUG=files "$GALLEY" pdf -q -o "$WORK/lazy.pdf" "$one" 2>"$WORK/lazy-pdf.log"
opened() { grep -o 'file=[^ ]*' "$1" | sed 's/^file=//' | sort -u | tr '\n' ' '; }
if [ -s "$WORK/lazy.epub" ] && ! grep -Eq 'file=lib(harfbuzz|hpdf|png|freetype|glib)' "$WORK/lazy-epub.log" &&
   grep -q 'file=libzip' "$WORK/lazy-epub.log"; then
	ok "lazy: an EPUB loads libzip and no typesetting library"
else
	fail "lazy: an EPUB loads libzip and no typesetting library" "$(opened "$WORK/lazy-epub.log")"
fi
if [ -s "$WORK/lazy.pdf" ] && ! grep -q 'file=libzip' "$WORK/lazy-pdf.log" &&
   grep -q 'file=libharfbuzz' "$WORK/lazy-pdf.log" && grep -q 'file=libhpdf' "$WORK/lazy-pdf.log"; then
	ok "lazy: a PDF loads HarfBuzz and libharu, not libzip"
else
	fail "lazy: a PDF loads HarfBuzz and libharu, not libzip" "$(opened "$WORK/lazy-pdf.log")"
fi
