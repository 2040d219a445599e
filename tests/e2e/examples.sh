#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# examples.sh: every example article, and the book of all of them, through
# both writers, checked with independent tools:
#   - every word of the Markdown (as cmark renders it) appears in order in
#     pdftotext's output and in the EPUB's spine (tests/e2e/words.py);
#   - qpdf --check passes; pdffonts lists every font as embedded;
#   - building twice gives identical bytes, for the PDF and the EPUB;
#   - epubcheck reports no error and no warning (all books in one JVM);
#   - galley dump prints valid JSON.
source "$(dirname "$0")/lib.sh"
HERE=$TOP/tests/e2e
mapfile -t EXAMPLES < <(ls "$TOP"/examples/*.md | sort)
[ "${#EXAMPLES[@]}" -ge 3 ] && ok "at least three examples" || fail "at least three examples" "${#EXAMPLES[@]}"

# checks_for NAME SOURCE...: builds NAME.pdf and NAME.epub from SOURCE...
# twice and checks them; the EPUB is left for the batch epubcheck.
checks_for() {
	local name=$1; shift
	local pdf=$WORK/$name.pdf epub=$WORK/$name.epub
	if ! "$GALLEY" pdf -q "$@" -o "$pdf" 2>"$WORK/err"; then
		fail "$name: galley pdf" "$(head -c 300 "$WORK/err")"; return
	fi
	ok "$name: galley pdf"
	if ! "$GALLEY" epub -q "$@" -o "$epub" 2>"$WORK/err"; then
		fail "$name: galley epub" "$(head -c 300 "$WORK/err")"
	else
		ok "$name: galley epub"
		EPUBS+=("$epub")
		check "$name: every word in order in the EPUB" python3 "$HERE/words.py" epub "$epub" "$@"
		"$GALLEY" epub -q "$@" -o "$WORK/$name-again.epub" 2>/dev/null
		check "$name: EPUB built twice is identical" cmp "$epub" "$WORK/$name-again.epub"
	fi
	check "$name: every word in order in the PDF" python3 "$HERE/words.py" pdf "$pdf" "$@"
	check "$name: qpdf --check" qpdf --check "$pdf"
	pdffonts "$pdf" >"$WORK/fonts" 2>/dev/null
	# columns: name type encoding emb sub uni object ID; the header is 2 lines
	if awk 'NR > 2 { n++; if ($(NF-4) != "yes") bad++ } END { exit !(n > 0 && bad == 0) }' "$WORK/fonts"; then
		ok "$name: every font embedded"
	else
		fail "$name: every font embedded" "$(tail -n +3 "$WORK/fonts" | tr '\n' ';')"
	fi
	"$GALLEY" pdf -q "$@" -o "$WORK/$name-again.pdf" 2>/dev/null
	check "$name: PDF built twice is identical" cmp "$pdf" "$WORK/$name-again.pdf"
	if "$GALLEY" dump -q "$@" >"$WORK/$name.json" 2>"$WORK/err"; then
		check "$name: galley dump is valid JSON" python3 -m json.tool "$WORK/$name.json"
	else
		fail "$name: galley dump" "$(head -c 300 "$WORK/err")"
	fi
}

EPUBS=()
for f in "${EXAMPLES[@]}"; do
	checks_for "$(basename "$f" .md)" "$f"
done
checks_for book "${EXAMPLES[@]}"

# The book through --print-pages too: the EPUB gets the PDF's page list.
if "$GALLEY" epub -q --print-pages "${EXAMPLES[@]}" -o "$WORK/book-pages.epub" 2>"$WORK/err"; then
	ok "book: galley epub --print-pages"
	EPUBS+=("$WORK/book-pages.epub")
else
	fail "book: galley epub --print-pages" "$(head -c 300 "$WORK/err")"
fi

# epubcheck, all books in one JVM (lib.sh)
epubcheck_books "${EPUBS[@]}"
