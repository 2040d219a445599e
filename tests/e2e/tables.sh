#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# tables.sh: GFM tables in the PDF, read back with poppler's pdftotext.
# `pdftotext -layout` keeps the page's geometry: each row of a table whose
# cells hold one line each must come out as one line, its cells in order,
# and no '|' of the Markdown may be left anywhere.  A table of 300 rows
# must break across pages with its header at the top of every page it
# continues on; a table of twelve columns must fit the measure; in two
# columns the same holds.  Around a table the text reads in order, and
# every word of the table is there (tests/e2e/words.py; poppler may read a
# table's columns one after another, and may take two tables whose columns
# line up, with a short paragraph between them, for one and read that
# paragraph after both: hence one table in prose there).
source "$(dirname "$0")/lib.sh"
DATA=$TOP/tests/data/tables
HERE=$TOP/tests/e2e

# rows FILE NAME PATTERN...: every PATTERN (a row's cells, in order,
# separated by spaces) is a line of FILE
rows() {
	local file=$1 name=$2 missing=""; shift 2
	for row in "$@"; do
		grep -Eq -- "^ *$row *\$" "$file" || missing="$missing [$row]"
	done
	if [ -z "$missing" ]; then ok "$name"; else fail "$name" "not one line:$missing"; fi
}

for cols in 1 2; do
	pdf=$WORK/readme-$cols.pdf txt=$WORK/readme-$cols.txt
	if ! "$GALLEY" pdf -q --columns "$cols" "$DATA/readme.md" -o "$pdf" 2>"$WORK/err"; then
		fail "$cols column(s): galley pdf" "$(head -c 300 "$WORK/err")"
		continue
	fi
	pdftotext -layout "$pdf" "$txt"
	rows "$txt" "$cols column(s): each row of the comparison on one line, in order" \
		'Library +Language +License +Streaming +Notes' \
		'cJSON +C +MIT +no +Single file, easy to vendor\.' \
		'yyjson +C +MIT +no +yyjson_read\(\) parses 2\.5 GB/s\.' \
		'simdjson +C\+\+ +Apache-2\.0 +yes +Needs AVX2 for full speed\.'
	rows "$txt" "$cols column(s): each row of the numbers on one line, in order" \
		'Corpus +Files +Size \(MB\) +cJSON \(ms\) +yyjson \(ms\)' \
		'twitter\.json +1 +0\.6 +4\.1 +0\.9' \
		'logs \(NDJSON\) +1,200 +412\.0 +3,120\.7 +512\.3' \
		'Total +1,201 +414\.8 +3,156\.3 +517\.6'
	rows "$txt" "$cols column(s): twelve columns on one line each" \
		'City +Jan +Feb +Mar +Apr +May +Jun +Jul +Aug +Sep +Oct +Nov' \
		'Thessaloniki +5\.3 +6\.9 +9\.6 +14\.0 +19\.3 +24\.2 +26\.6 +26\.2 +21\.7 +16\.4 +11\.2'
	if grep -q '|' "$txt"; then
		fail "$cols column(s): no '|' left in the text" "$(grep -m 3 '|' "$txt" | tr '\n' ' ')"
	else
		ok "$cols column(s): no '|' left in the text"
	fi
done

# ---- a table among paragraphs: the text reads in order around it ---------
for cols in 1 2; do
	pdf=$WORK/prose-$cols.pdf
	if "$GALLEY" pdf -q --columns "$cols" "$DATA/prose.md" -o "$pdf" 2>"$WORK/err"; then
		check "$cols column(s): every word in order around a table" \
			python3 "$HERE/words.py" pdf "$pdf" "$DATA/prose.md"
	else
		fail "$cols column(s): galley pdf of a table among paragraphs" "$(head -c 300 "$WORK/err")"
	fi
done

# ---- a table of 300 rows: across pages, its header on each ---------------
long=$WORK/long.md
{
	printf -- '---\ntitle: Every station\n---\n\nEvery station on the network.\n\n'
	printf '| Number | Station | Opened |\n|---:|---|---:|\n'
	for i in $(seq 1 300); do printf '| %d | Station %d | %d |\n' "$i" "$i" $((1850 + i % 170)); done
	printf '\nThat is all of them.\n'
} >"$long"
if "$GALLEY" pdf -q "$long" -o "$WORK/long.pdf" 2>"$WORK/err"; then
	pages=$(pdfinfo "$WORK/long.pdf" | awk '/^Pages:/ { print $2 }')
	heads=0 with_rows=0 continued=0 order_ok=1 last=0
	for p in $(seq 1 "$pages"); do
		pdftotext -layout -f "$p" -l "$p" "$WORK/long.pdf" "$WORK/page.txt"
		grep -Eq '^ *[0-9]+ +Station [0-9]+ +[0-9]+ *$' "$WORK/page.txt" || continue
		with_rows=$((with_rows + 1))
		if [ "$last" -gt 0 ]; then  # a page the table continues on
			continued=$((continued + 1))
			# the first line under the running head
			first=$(grep -Ev '^ *$' "$WORK/page.txt" | sed -n 2p)
			echo "$first" | grep -Eq '^ *Number +Station +Opened *$' && heads=$((heads + 1))
		fi
		for n in $(grep -Eo '^ *[0-9]+ +Station' "$WORK/page.txt" | awk '{ print $1 }'); do
			[ "$n" -eq $((last + 1)) ] || order_ok=0
			last=$n
		done
	done
	[ "$with_rows" -ge 5 ] && ok "300 rows: across $with_rows pages" || fail "300 rows: across several pages" "$with_rows"
	[ "$heads" -eq "$continued" ] && ok "300 rows: the header heads every page the table continues on" ||
		fail "300 rows: the header heads every page the table continues on" "$heads of $continued"
	[ "$order_ok" -eq 1 ] && [ "$last" -eq 300 ] && ok "300 rows: every row once, in order" ||
		fail "300 rows: every row once, in order" "last $last"
else
	fail "300 rows: galley pdf" "$(head -c 300 "$WORK/err")"
fi
