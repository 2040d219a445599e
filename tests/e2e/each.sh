#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# each.sh: `galley pdf --each` and `galley epub --each` (one output per
# article in one run): the folder tree mirrored, the same bytes as a run
# of its own per article and whatever --jobs says, a bad article failing
# alone with a summary, clashing names refused before anything is
# written, --strict, and the usage errors.
source "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1700000000
IN=$WORK/site
mkdir -p "$IN/2026/week-49" "$IN/2026/week-50" "$IN/.drafts"
cat >"$IN/about.md" <<'EOF'
---
title: About this site
---

We print what the harbour office posts, once a week, on paper.
EOF
cat >"$IN/2026/week-49/ferry.md" <<'EOF'
---
title: The ferry runs again
date: 2026-12-01
---

After six weeks in the yard the ferry crossed the sound at seven, with
forty cars and a choir on the upper deck. The timetable is the old one.
EOF
cat >"$IN/2026/week-50/tide.md" <<'EOF'
---
title: Tide tables for the winter
date: 2026-12-08
---

The low tides of January fall in the afternoon; the slipway is closed
on the three lowest, which the table marks with an asterisk.
EOF
printf -- '---\ntitle: A draft\n---\n\nNot yet.\n' >"$IN/.drafts/draft.md"
printf 'notes, not an article\n' >"$IN/2026/notes.txt"

out=$WORK/out
if "$GALLEY" pdf -q --each "$IN" -o "$out" 2>"$WORK/err"; then
	ok "pdf --each on a folder: exit 0"
else
	fail "pdf --each on a folder: exit 0" "$(head -c 300 "$WORK/err")"
fi
( cd "$out" 2>/dev/null && find . -type f | sort ) >"$WORK/list"
printf '%s\n' ./2026/week-49/ferry.pdf ./2026/week-50/tide.pdf ./about.pdf >"$WORK/want"
check "one PDF per *.md file, subfolders mirrored, hidden folders and other files left out" \
	diff "$WORK/want" "$WORK/list"

same=yes
for rel in about 2026/week-49/ferry 2026/week-50/tide; do
	"$GALLEY" pdf -q "$IN/$rel.md" -o "$WORK/single.pdf" 2>/dev/null
	cmp -s "$WORK/single.pdf" "$out/$rel.pdf" || same="no: $rel"
done
check "each PDF has the bytes of a run of its own" test "$same" = yes

"$GALLEY" pdf -q --each -j 1 "$IN" -o "$WORK/out1" 2>/dev/null
check "--jobs 1 writes the same files" diff -r "$out" "$WORK/out1"

"$GALLEY" epub -q --each "$IN/about.md" "$IN/2026" -o "$WORK/books" 2>"$WORK/err"
( cd "$WORK/books" 2>/dev/null && find . -type f | sort ) >"$WORK/list"
printf '%s\n' ./about.epub ./week-49/ferry.epub ./week-50/tide.epub >"$WORK/want"
check "epub --each: a file by its name, a folder's files below it" diff "$WORK/want" "$WORK/list"
"$GALLEY" epub -q "$IN/2026/week-49/ferry.md" -o "$WORK/single.epub" 2>/dev/null
check "each EPUB has the bytes of a run of its own" cmp "$WORK/single.epub" "$WORK/books/week-49/ferry.epub"

# A broken article fails alone; the rest are written and a summary says so.
BAD=$WORK/bad
mkdir -p "$BAD"
cp "$IN/about.md" "$IN/2026/week-49/ferry.md" "$BAD/"
printf -- '---\ntitle: [unclosed\n---\n\nText.\n' >"$BAD/broken.md"
"$GALLEY" pdf --each "$BAD" -o "$WORK/bout" 2>"$WORK/err"
rc=$?
check "a broken article: exit status 3 (written, with articles left out)" test "$rc" = 3
check "a broken article: the others are written" test -s "$WORK/bout/about.pdf" -a -s "$WORK/bout/ferry.pdf"
check "a broken article: nothing written for it, no temporary file left" \
	test -z "$(ls -A "$WORK/bout" | grep -v '^about.pdf$' | grep -v '^ferry.pdf$')"
check "a broken article: its error names the file and line" grep -q "broken.md:[0-9]*:[0-9]*: error" "$WORK/err"
check "a broken article: a summary counts what was written" grep -q "wrote 2 of 3 files" "$WORK/err"

# Two inputs that would write the same file: refused, nothing written.
mkdir -p "$WORK/a" "$WORK/b"
cp "$IN/about.md" "$WORK/a/same.md"
cp "$IN/about.md" "$WORK/b/same.md"
"$GALLEY" pdf --each "$WORK/a/same.md" "$WORK/b/same.md" -o "$WORK/cout" 2>"$WORK/err"
rc=$?
check "a name clash: exit status 1" test "$rc" = 1
check "a name clash: both inputs named" grep -q "a/same.md and .*b/same.md would both be written" "$WORK/err"
check "a name clash: nothing written" test ! -e "$WORK/cout"

# --strict: an article with a warning (a missing picture) is not written.
cp "$IN/about.md" "$WORK/a/fine.md"
printf -- '---\ntitle: Pictures\n---\n\n![The slipway](gone.png)\n' >"$WORK/a/picture.md"
rm "$WORK/a/same.md"
"$GALLEY" pdf --strict --each "$WORK/a" -o "$WORK/sout" 2>"$WORK/err"
rc=$?
check "--strict --each: exit status 3" test "$rc" = 3
check "--strict --each: the article with a warning is not written" test ! -e "$WORK/sout/picture.pdf"
check "--strict --each: the others are" test -s "$WORK/sout/fine.pdf"

# Usage errors: exit 2.
"$GALLEY" pdf --each "$IN" 2>"$WORK/err"
rc=$?
check "--each without -o: usage error" test "$rc" = 2
check "--each without -o: says what to give" grep -q -- "-o DIR" "$WORK/err"
"$GALLEY" pdf --each --title X "$IN" -o "$WORK/tout" 2>"$WORK/err"
rc=$?
check "--each with --title: usage error" test "$rc" = 2
"$GALLEY" pdf --each - -o "$WORK/tout" </dev/null 2>"$WORK/err"
rc=$?
check "--each from standard input: refused" test "$rc" = 1

# Nothing written at all: exit status 1.
mkdir -p "$WORK/allbad"
printf -- '---\ntitle: [unclosed\n---\n\nText.\n' >"$WORK/allbad/broken.md"
"$GALLEY" pdf -q --each "$WORK/allbad" -o "$WORK/nout" 2>"$WORK/err"
rc=$?
check "every article broken: exit status 1" test "$rc" = 1

# An empty article (a truncated export) fails as it does in a book.
mkdir -p "$WORK/withempty"
cp "$IN/about.md" "$WORK/withempty/"
: >"$WORK/withempty/empty.md"
"$GALLEY" pdf -q --each "$WORK/withempty" -o "$WORK/eout" 2>"$WORK/err"
rc=$?
check "an empty article: exit status 3, the other written" test "$rc" = 3 -a -s "$WORK/eout/about.pdf"
check "an empty article: named, not written" test ! -e "$WORK/eout/empty.pdf"
check "an empty article: the message says so" grep -q "empty.md.*empty article" "$WORK/err"
