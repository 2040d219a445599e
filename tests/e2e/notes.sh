#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# notes.sh: GitHub's Markdown in print.  An article with footnotes (short
# ones, one of several paragraphs with a list, one longer than an A5
# column, one referred to twice), struck text, a task list and autolinks
# (tests/e2e/notes.py writes it), set on A4 and A5 in one and two columns;
# pdftotext, page by page, must find no Markdown left literally ("[^",
# "~~", "[x]", "[ ]"), each note's text on the page of its reference, both
# ballot boxes and the struck words, and every word: the text's in order,
# each note's in order anywhere (tests/e2e/notes.py check, on words.py's
# matching); and qpdf must find the file sound.
source "$(dirname "$0")/lib.sh"
HERE=$TOP/tests/e2e
MD=$WORK/notes.md
if python3 "$HERE/notes.py" gen "$MD" 2>"$WORK/err"; then
	ok "notes.py wrote the article"
else
	fail "notes.py wrote the article" "$(head -c 300 "$WORK/err")"
	exit 0
fi
for layout in "a4 1" "a4 2" "a5 1" "a5 2"; do
	set -- $layout
	name="$1, $2 column(s)"
	pdf=$WORK/notes-$1-$2.pdf
	if ! "$GALLEY" pdf -q --paper "$1" --columns "$2" "$MD" -o "$pdf" 2>"$WORK/err"; then
		fail "$name: galley pdf" "$(head -c 300 "$WORK/err")"
		continue
	fi
	check "$name: notes on their references' pages, no Markdown left, ballot boxes, every word" \
		python3 "$HERE/notes.py" check "$pdf" "$MD"
	check "$name: qpdf --check" qpdf --check "$pdf"
done
