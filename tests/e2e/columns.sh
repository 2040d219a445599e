#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# columns.sh: two columns read in order.  A hundred generated articles
# (bench/gen.py: headings, lists, quotes, code) set in two columns on A4,
# Letter and A5; pdftotext must give back every word in order
# (tests/e2e/words.py).  pdftotext, like the viewers that search and copy
# text with poppler, takes four blocks lined up in two rows for a table and
# reads it row by row, and widens a block that sits in a gap of the other
# column over that column: the pager moves such blocks (page.c), and this
# is what shows that it does.  Narrow columns have the loosest lines,
# expanded and letter-spaced: tests/e2e/flush.py checks that the PDF
# writer draws them flush, as laid out.  A second hundred articles, set
# on Letter and A5, guards against rules tuned to the first.
source "$(dirname "$0")/lib.sh"
HERE=$TOP/tests/e2e
CORPUS=$WORK/corpus
if python3 "$TOP/bench/gen.py" 100 "$CORPUS" >/dev/null 2>"$WORK/err"; then
	ok "bench/gen.py made a corpus"
else
	fail "bench/gen.py made a corpus" "$(head -c 300 "$WORK/err")"
	exit 0
fi
for paper in a4 letter a5; do
	pdf=$WORK/two-$paper.pdf
	if "$GALLEY" pdf -q --columns 2 --paper "$paper" "$CORPUS"/*.md -o "$pdf" 2>"$WORK/err"; then
		check "two columns on $paper: every word in order in the PDF" \
			python3 "$HERE/words.py" pdf "$pdf" "$CORPUS"/*.md
		check "two columns on $paper: justified lines end flush (word gaps, Tc, Tz)" \
			python3 "$HERE/flush.py" "$pdf"
	else
		fail "two columns on $paper: galley pdf" "$(head -c 300 "$WORK/err")"
	fi
done

# A second hundred articles, which the pager's rules were not tuned on
# (500 to 599 of the generator's sequence): an attribution alone at the
# head of a column was read before the column beside it here.
MORE=$WORK/more
if python3 "$TOP/bench/gen.py" 600 "$WORK/corpus600" >/dev/null 2>"$WORK/err"; then
	mkdir -p "$MORE"
	for f in "$WORK"/corpus600/05[0-9][0-9]-*.md; do cp "$f" "$MORE/"; done
	for paper in letter a5; do
		pdf=$WORK/more-$paper.pdf
		if "$GALLEY" pdf -q --columns 2 --paper "$paper" "$MORE"/*.md -o "$pdf" 2>"$WORK/err"; then
			check "two columns on $paper, 100 other articles: every word in order" \
				python3 "$HERE/words.py" pdf "$pdf" "$MORE"/*.md
		else
			fail "two columns on $paper, 100 other articles: galley pdf" "$(head -c 300 "$WORK/err")"
		fi
	done
else
	fail "bench/gen.py made a second corpus" "$(head -c 300 "$WORK/err")"
fi
