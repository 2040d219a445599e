#!/usr/bin/env bash
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
Emoji 😀 and a private-use character  have no glyph anywhere.

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

# the heap tuning of the command (src/cli/tune.c) changes no output byte
"$GALLEY" pdf -q -o "$WORK/tuned.pdf" "$one"
GALLEY_NO_TUNE=1 "$GALLEY" pdf -q -o "$WORK/untuned.pdf" "$one"
check "tune: tuned and untuned runs give the same PDF bytes" cmp "$WORK/tuned.pdf" "$WORK/untuned.pdf"
"$GALLEY" epub -q -o "$WORK/tuned.epub" "$corpus"/*.md
GALLEY_NO_TUNE=1 "$GALLEY" epub -q -o "$WORK/untuned.epub" "$corpus"/*.md
check "tune: tuned and untuned runs give the same EPUB bytes" cmp "$WORK/tuned.epub" "$WORK/untuned.epub"
