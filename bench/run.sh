#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# run.sh: galley's benchmark (issue 7).  Generates news-style corpora of
# N = 1, 10, 100, 1000 articles with bench/gen.py (cached under build/bench/,
# regenerated when gen.py changes), typesets each to PDF, to EPUB and to both
# (`galley pdf` then `galley epub --print-pages`), and prints wall time,
# CPU time (user + system), peak resident memory, pages, pages/s, words/s and
# bytes/page, then the targets of issue 7 with PASS/FAIL, then the
# independent quality checks of ../shared/tools/verify on the largest run;
# then the archive measures of issue 26: `galley pdf --each` on
# BENCH_EACH_N articles against as many single runs, and one PDF and one
# EPUB of BENCH_ARCHIVE_N articles (time, peak memory, growth from 1,000).
#
# Usage: bench/run.sh            (or `make bench`)
# Environment:
#   B=build             build folder holding the galley binary
#   GALLEY=PATH         the binary (default $B/galley)
#   BENCH_SIZES="1 10"  corpus sizes (default "1 10 100 1000")
#   BENCH_RUNS=3        runs per measurement of galley; the median is kept
#   BENCH_CORPUS=DIR    your own articles (DIR/*.md) instead of gen.py's corpora;
#                       one size is measured: all of them
#   BENCH_EACH_N=1000   articles for the --each measure (0: skip)
#   BENCH_ARCHIVE_N=10000  articles in the one-book archive measure (0: skip;
#                       generating them takes a minute the first time)
#   BENCH_RUNS_ONE=11   runs for N = 1 (tens of ms each, against a 30 ms target)
#   BENCH_VERIFY=0      skip the quality checks
#   BENCH_VERIFY_N=100  check the outputs of this N (default: the largest;
#                       verify takes minutes at N = 1000)
#
# Measurement: each command runs under bench/spawn.c (built into
# $BENCH_DIR/spawn), which spawns it and reports the wall time
# (CLOCK_MONOTONIC, start-up included), the child's ru_utime + ru_stime and
# ru_maxrss from wait4.  A python3 wrapper (subprocess.Popen) did the same
# before, but added 4 to 10 ms to every run, more noise than the 30 ms
# target can bear; it remains the fallback when no C compiler is found.
# /usr/bin/time -f %e only has 10 ms resolution, too coarse.
#
# bench/peers.sh sources this file for its functions: main runs only when
# the script is executed, not when it is sourced.

set -u

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
B=${B:-build}
GALLEY=${GALLEY:-$TOP/$B/galley}
BENCH_DIR=${BENCH_DIR:-$TOP/build/bench}
BENCH_SIZES=${BENCH_SIZES:-1 10 100 1000}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_RUNS_ONE=${BENCH_RUNS_ONE:-11}
BENCH_VERIFY=${BENCH_VERIFY:-1}
BENCH_VERIFY_N=${BENCH_VERIFY_N:-}   # corpus size checked for quality (default: the largest)
BENCH_CORPUS=${BENCH_CORPUS:-}       # a folder of your own articles instead of gen.py's
RESULTS=$BENCH_DIR/results.tsv

# Issue 7's targets.
TARGET_ONE_MS=30          # one article, PDF and EPUB, wall, start-up included
TARGET_1000_PDF_S=3.0
TARGET_1000_EPUB_S=0.7
TARGET_PEAK_MB=250
TARGET_SCALING=11         # N=1000 wall at most this many times N=100 wall
TARGET_EACH_SPEEDUP=5     # --each on BENCH_EACH_N articles against as many single runs
TARGET_ARCHIVE_PDF_MB=600 # one PDF of BENCH_ARCHIVE_N articles, peak memory
TARGET_ARCHIVE_EPUB_MB=300
BENCH_EACH_N=${BENCH_EACH_N:-1000}       # 0: skip the --each measure
BENCH_ARCHIVE_N=${BENCH_ARCHIVE_N:-10000} # 0: skip the one-book archive measure

MEASURE_PY='
import os, subprocess, sys, time
with open(sys.argv[1], "ab") as log:
    start = time.perf_counter()
    child = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL,
                             stdout=log, stderr=log)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
child.returncode = os.waitstatus_to_exitcode(status)
print("%.4f %.4f %d %d" % (wall, usage.ru_utime + usage.ru_stime,
                           usage.ru_maxrss, child.returncode))
'

SPAWN=$BENCH_DIR/spawn

# build_spawn: compiles bench/spawn.c into $SPAWN when missing or older.
build_spawn() {
	mkdir -p "$BENCH_DIR"
	if [ ! -x "$SPAWN" ] || [ "$TOP/bench/spawn.c" -nt "$SPAWN" ]; then
		${CC:-cc} -O2 -o "$SPAWN" "$TOP/bench/spawn.c" 2>/dev/null || rm -f "$SPAWN"
	fi
}

# measure LOG CMD...: prints "wall_s cpu_s maxrss_kb exit_code" for one run;
# the command's output is appended to LOG.
measure() {
	if [ -x "$SPAWN" ]; then
		"$SPAWN" "$@"
	else
		python3 -c "$MEASURE_PY" "$@"
	fi
}

# combine: reads "wall cpu rss code" lines of commands run one after the
# other and prints them as one: walls and CPU summed, peak the largest,
# exit code the first non-zero.
combine() {
	awk '{ w += $1; c += $2; if ($3 > r) r = $3; if (!e && $4) e = $4 }
	     END { printf "%.4f %.4f %d %d\n", w, c, r, e }'
}

# median: reads "wall cpu rss code" lines, prints the per-column median and
# the first non-zero exit code.
median() {
	awk '{ w[NR] = $1; c[NR] = $2; r[NR] = $3; if (!e && $4) e = $4 }
	     function med(a, n,   i, j, t) {
	         for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) {
	             t = a[j]; a[j] = a[j-1]; a[j-1] = t }
	         return (n % 2) ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2 }
	     END { printf "%.4f %.4f %d %d\n", med(w, NR), med(c, NR), med(r, NR), e }'
}

# corpus_dir N: the folder of corpus N (BENCH_CORPUS when given).
corpus_dir() {
	if [ -n "$BENCH_CORPUS" ]; then echo "$BENCH_CORPUS"; else echo "$BENCH_DIR/corpus-$1"; fi
}

# corpus_size: the number of articles in BENCH_CORPUS (0 when it has none).
corpus_size() {
	find "$BENCH_CORPUS" -maxdepth 1 -name '*.md' -type f 2>/dev/null | wc -l
}

# ensure_corpus N: makes $BENCH_DIR/corpus-N unless it exists and was made
# by the current gen.py; prints its folder.  With BENCH_CORPUS, checks that
# the folder holds N articles and prints it.
ensure_corpus() {
	local n=$1 dir=$BENCH_DIR/corpus-$1 stamp
	if [ -n "$BENCH_CORPUS" ]; then
		[ "$(corpus_size)" -eq "$n" ] && [ "$n" -gt 0 ] || return 1
		echo "$BENCH_CORPUS"
		return
	fi
	stamp=$(sha256sum "$TOP/bench/gen.py" | cut -d' ' -f1)
	if [ ! -f "$dir/.stamp" ] || [ "$(cat "$dir/.stamp")" != "$stamp" ]; then
		rm -rf "$dir"
		python3 "$TOP/bench/gen.py" "$n" "$dir" || return 1
		echo "$stamp" >"$dir/.stamp"
	fi
	echo "$dir"
}

# corpus_words DIR: the words of a corpus, from gen.py's corpus.json or,
# for a folder of your own, counted in the articles (front matter left out).
corpus_words() {
	if [ -f "$1/corpus.json" ]; then
		sed -n 's/.*"words": *\([0-9]*\).*/\1/p' "$1/corpus.json"
		return
	fi
	python3 - "$1" <<'PY'
import glob, os, sys
words = 0
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.md"))):
    text = open(path, encoding="utf-8", errors="replace").read()
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end > 0:
            text = text[end + 4:]
    words += len(text.split())
print(words)
PY
}

# use_own_corpus: with BENCH_CORPUS, the one size measured is its article
# count (fails when the folder holds no .md file).
use_own_corpus() {
	local n
	[ -n "$BENCH_CORPUS" ] || return 0
	BENCH_CORPUS=$(cd "$BENCH_CORPUS" 2>/dev/null && pwd) || { echo "bench: BENCH_CORPUS: no such folder" >&2; return 1; }
	n=$(corpus_size)
	[ "$n" -gt 0 ] || { echo "bench: BENCH_CORPUS=$BENCH_CORPUS holds no .md file" >&2; return 1; }
	echo "corpus: your own, $BENCH_CORPUS ($n articles; issue 7's targets are stated for gen.py's corpora)"
	BENCH_SIZES=$n
	PEERS_SIZES=$n
}

pdf_pages() {
	pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'
}

file_bytes() {
	if [ -f "$1" ]; then stat -c %s "$1"; else echo 0; fi
}

# write_manifest N OUTBASE: a digest manifest (issue 5's keys) that makes
# OUTBASE.pdf and OUTBASE.epub from corpus N in one `galley build` run.
# The articles keep the corpus's file order (sort: input; a digest sorts
# by date by default), so that the quality checks can give verify the
# sources in the book's order.
write_manifest() {
	local n=$1 out=$2
	cat >"$out.yaml" <<EOF
title: "galley benchmark, $n articles"
lang: en-US
sort: input
sections:
  - title: Articles
    articles: ["$(corpus_dir "$n")"]
epub:
  print_pages: true
output:
  pdf: "$out.pdf"
  epub: "$out.epub"
EOF
}

# decide_both_mode N: sets BOTH_MODE to "build" when this galley has a
# working `galley build` (one parse for both outputs, as issue 5 asks; tried
# once, unmeasured, on corpus N), else to "pdf+epub" (two commands).
BOTH_MODE=
decide_both_mode() {
	local out=$BENCH_DIR/out/galley-$1-probe
	[ -n "$BOTH_MODE" ] && return
	BOTH_MODE=pdf+epub
	if "$GALLEY" build --help >/dev/null 2>&1; then
		write_manifest "$1" "$out"
		rm -f "$out.pdf" "$out.epub"
		if "$GALLEY" build -q "$out.yaml" >"$out.log" 2>&1 && [ -s "$out.pdf" ] && [ -s "$out.epub" ]; then
			BOTH_MODE=build
		else
			echo "bench: galley build exists but failed on $out.yaml; measuring pdf + epub instead" >&2
		fi
	fi
}

both_mode_label() {
	case $BOTH_MODE in
	build) echo "both = one 'galley build' run (digest manifest)" ;;
	*)     echo "both = 'galley pdf' then 'galley epub --print-pages'" ;;
	esac
}

# run_galley N FORMAT OUTBASE: one run of galley on corpus N; prints the
# measurement line.  FORMAT is pdf, epub or both.
run_galley() {
	local n=$1 fmt=$2 out=$3 dir log
	dir=$(corpus_dir "$n")
	log=$out.log
	case $fmt in
	pdf)  measure "$log" "$GALLEY" pdf -q -o "$out.pdf" "$dir"/*.md ;;
	epub) measure "$log" "$GALLEY" epub -q -o "$out.epub" "$dir"/*.md ;;
	both) if [ "$BOTH_MODE" = build ]; then
	          measure "$log" "$GALLEY" build -q "$out.yaml"
	          return
	      fi
	      { measure "$log" "$GALLEY" pdf -q -o "$out.pdf" "$dir"/*.md
	        measure "$log" "$GALLEY" epub -q --print-pages -o "$out.epub" "$dir"/*.md
	      } | combine ;;
	esac
}

# repeat RUNS CMD...: runs CMD RUNS times and prints the median line.
repeat() {
	local runs=$1 i
	shift
	for ((i = 0; i < runs; i++)); do "$@"; done | median
}

# record TOOL N FORMAT MEASUREMENT PDF EPUB: appends one row to $RESULTS:
# tool n format wall cpu peak_kb code pages words bytes
#   pages: of PDF (or of the galley PDF of the same N when the tool made none)
#   bytes: of the output (for both: PDF + EPUB)
record() {
	local tool=$1 n=$2 fmt=$3 m=$4 pdf=$5 epub=$6 pages bytes words
	pages=$( [ -f "$pdf" ] && pdf_pages "$pdf" )
	[ -n "$pages" ] || pages=$(pdf_pages "$BENCH_DIR/out/galley-$n-pdf.pdf")
	bytes=$(( $(file_bytes "$pdf") + $(file_bytes "$epub") ))
	words=$(corpus_words "$(corpus_dir "$n")")
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$n" "$fmt" \
		"$(echo "$m" | tr ' ' '\t')" "${pages:-0}" "$words" "$bytes" >>"$RESULTS"
}

# bench_galley N: measures galley on corpus N for the three formats.
bench_galley() {
	local n=$1 fmt runs=$BENCH_RUNS out m
	[ "$n" -eq 1 ] && [ "$BENCH_RUNS_ONE" -gt "$runs" ] && runs=$BENCH_RUNS_ONE
	decide_both_mode "$n"
	for fmt in pdf epub both; do
		out=$BENCH_DIR/out/galley-$n-$fmt
		rm -f "$out.pdf" "$out.epub" "$out.log"
		[ "$fmt" = both ] && write_manifest "$n" "$out"
		m=$(repeat "$runs" run_galley "$n" "$fmt" "$out")
		case $fmt in
		pdf)  record galley "$n" "$fmt" "$m" "$out.pdf" "" ;;
		epub) record galley "$n" "$fmt" "$m" "" "$out.epub" ;;
		both) record galley "$n" "$fmt" "$m" "$out.pdf" "$out.epub" ;;
		esac
		if [ "$(echo "$m" | cut -d' ' -f4)" != 0 ]; then
			echo "bench: galley $fmt failed on N=$n; last messages:" >&2
			tail -n 5 "$out.log" >&2
		fi
	done
}

# print_table [TOOL...]: the rows of $RESULTS (all tools when none given).
print_table() {
	awk -F'\t' -v tools="$*" '
	BEGIN { n = split(tools, t, " "); for (i = 1; i <= n; i++) want[t[i]] = 1
	        printf "%-10s %5s %-6s %8s %8s %8s %6s %8s %9s %10s  %s\n", "tool", "N",
	               "format", "wall s", "CPU s", "peak MB", "pages", "pages/s",
	               "words/s", "bytes/page", "" }
	(n == 0 || ($1 in want)) {
		wall = $4; pages = $8
		note = ($7 != 0) ? "FAILED (exit " $7 ")" : ""
		pps = (wall > 0 && $3 != "epub") ? sprintf("%8.0f", pages / wall) : sprintf("%8s", "-")
		printf "%-10s %5d %-6s %8.3f %8.3f %8.1f %6d %s %9.0f %10.0f  %s\n", $1, $2, $3,
		       wall, $5, $6 / 1024, pages, pps, (wall > 0 ? $9 / wall : 0),
		       (pages > 0 ? $10 / pages : 0), note }' "$RESULTS"
}

# lookup TOOL N FORMAT COLUMN: one field of one row of $RESULTS.
lookup() {
	awk -F'\t' -v a="$1" -v b="$2" -v c="$3" -v k="$4" \
		'$1 == a && $2 == b && $3 == c { v = $k } END { print v }' "$RESULTS"
}

# verdict LABEL VALUE OP LIMIT: prints one PASS/FAIL line (skipped when the
# value is missing).
verdict() {
	local label=$1 value=$2 op=$3 limit=$4 ok
	if [ -z "$value" ]; then
		printf '  %-52s %12s\n' "$label" "not measured"
		return
	fi
	ok=$(awk -v v="$value" -v l="$limit" -v op="$op" \
		'BEGIN { print ((op == "<" && v < l) || (op == "<=" && v <= l) || (op == ">=" && v >= l)) ? "PASS" : "FAIL" }')
	printf '  %-52s %12.2f %-2s %-8s %s\n' "$label" "$value" "$op" "$limit" "$ok"
}

# ratio A B: A / B with two decimals, empty when either is missing.
ratio() {
	[ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b }'
}

print_targets() {
	local one peak fmt
	echo
	echo "Targets of issue 7 (wall times include start-up):"
	one=$(lookup galley 1 both 4)
	verdict "N=1 PDF + EPUB, wall ms" "$( [ -n "$one" ] && awk -v w="$one" 'BEGIN { printf "%.1f", w * 1000 }')" "<" "$TARGET_ONE_MS"
	verdict "N=1000 PDF, wall s" "$(lookup galley 1000 pdf 4)" "<" "$TARGET_1000_PDF_S"
	verdict "N=1000 EPUB, wall s" "$(lookup galley 1000 epub 4)" "<" "$TARGET_1000_EPUB_S"
	peak=$(awk -F'\t' '$1 == "galley" && $6 > p { p = $6 } END { if (p) printf "%.1f", p / 1024 }' "$RESULTS")
	verdict "peak memory over all galley runs, MB" "$peak" "<" "$TARGET_PEAK_MB"
	for fmt in pdf epub both; do
		verdict "wall N=1000 / N=100, $fmt" \
			"$(ratio "$(lookup galley 1000 "$fmt" 4)" "$(lookup galley 100 "$fmt" 4)")" "<=" "$TARGET_SCALING"
	done
	if awk -F'\t' '$1 == "galley" && $7 != 0 { bad = 1 } END { exit !bad }' "$RESULTS"; then
		echo "  some galley runs FAILED: see $BENCH_DIR/out/*.log"
	fi
}

# find_verify: prints the path of shared/tools/verify, or nothing.
find_verify() {
	local v
	for v in "$TOP/../shared/tools/verify" /work/shared/tools/verify; do
		[ -x "$v" ] && { echo "$v"; return; }
	done
}

# quality N: the independent checks on galley's outputs for corpus N.
quality() {
	local n=$1 v pdf epub dir
	v=$(find_verify)
	if [ -z "$v" ]; then
		echo "Quality: shared/tools/verify not found; skipped."
		return
	fi
	pdf=$BENCH_DIR/out/galley-$n-pdf.pdf
	epub=$BENCH_DIR/out/galley-$n-both.epub
	dir=$(corpus_dir "$n")
	echo
	echo "Quality at N=$n (shared/tools/verify; last lines):"
	if [ -f "$pdf" ]; then
		printf '  pdf-text:  %s\n' "$("$v" pdf-text "$pdf" "$dir"/*.md 2>&1 | tail -n 1)"
		printf '  pdf-lines: %s\n' "$("$v" pdf-lines "$pdf" 2>&1 | tail -n 1)"
	else
		echo "  no PDF at N=$n"
	fi
	if [ -f "$epub" ]; then
		printf '  epub-text: %s\n' "$("$v" epub-text "$epub" "$dir"/*.md 2>&1 | tail -n 1)"
		printf '  epub:      %s\n' "$("$v" epub "$epub" 2>&1 | tail -n 1)"
	else
		echo "  no EPUB at N=$n"
	fi
}

# bench_each: one output per article, `galley pdf --each` against a shell
# loop of single runs over the same articles (both write every file; the
# files must be the same bytes).
bench_each() {
	local n=$BENCH_EACH_N dir out m_each m_loop f speedup
	[ "$n" -gt 0 ] 2>/dev/null || return 0
	dir=$(ensure_corpus "$n") || { echo "bench: gen.py failed for N=$n" >&2; return 1; }
	out=$BENCH_DIR/out/each-$n
	rm -rf "$out" "$out-loop" "$out.log"
	mkdir -p "$out-loop"
	m_each=$(measure "$out.log" "$GALLEY" pdf -q --each "$dir" -o "$out")
	m_loop=$(for f in "$dir"/*.md; do
		measure "$out.log" "$GALLEY" pdf -q "$f" -o "$out-loop/$(basename "$f" .md).pdf"
	done | combine)
	speedup=$(awk -v a="$m_loop" -v b="$m_each" 'BEGIN { split(a, x, " "); split(b, y, " ");
		printf "%.1f", (y[1] > 0) ? x[1] / y[1] : 0 }')
	echo
	echo "One PDF per article, $n articles:"
	printf '  galley pdf --each:  %6.2f s wall, %6.2f s CPU, peak %d MB\n' \
		$(echo "$m_each" | awk '{ printf "%s %s %d", $1, $2, $3 / 1024 }')
	printf '  %d single runs:   %6.2f s wall, %6.2f s CPU\n' "$n" \
		$(echo "$m_loop" | awk '{ print $1, $2 }')
	if diff -rq "$out" "$out-loop" >/dev/null 2>&1; then
		echo "  the files are the same bytes"
	else
		echo "  the files DIFFER (a bug: --each must write what single runs write)"
	fi
	printf '  %-58s %s\n' "--each at least ${TARGET_EACH_SPEEDUP}x faster than single runs (${speedup}x)" \
		"$(awk -v s="$speedup" -v t="$TARGET_EACH_SPEEDUP" 'BEGIN { print (s >= t) ? "met" : "NOT met" }')"
}

# bench_archive: one book of BENCH_ARCHIVE_N articles, PDF and EPUB: time,
# peak memory, and growth from the N=1000 row when there is one.
bench_archive() {
	local n=$BENCH_ARCHIVE_N dir out m_pdf m_epub base
	[ "$n" -gt 0 ] 2>/dev/null || return 0
	dir=$(ensure_corpus "$n") || { echo "bench: gen.py failed for N=$n" >&2; return 1; }
	out=$BENCH_DIR/out/archive-$n
	rm -f "$out.pdf" "$out.epub" "$out.log"
	m_pdf=$(measure "$out.log" "$GALLEY" pdf -q "$dir" -o "$out.pdf")
	m_epub=$(measure "$out.log" "$GALLEY" epub -q "$dir" -o "$out.epub")
	base=$(awk -F'\t' '$1 == "galley" && $2 == 1000 && $3 == "pdf" { print $4 }' "$RESULTS")
	echo
	echo "One book of $n articles:"
	printf '  PDF:  %7.2f s wall, peak %5d MB, %s pages (exit %s)\n' \
		$(echo "$m_pdf" | awk '{ printf "%s %d", $1, $3 / 1024 }') "$(pdf_pages "$out.pdf")" "$(echo "$m_pdf" | cut -d' ' -f4)"
	printf '  EPUB: %7.2f s wall, peak %5d MB (exit %s)\n' \
		$(echo "$m_epub" | awk '{ printf "%s %d", $1, $3 / 1024 }') "$(echo "$m_epub" | cut -d' ' -f4)"
	printf '  %-58s %s\n' "PDF peak at most $TARGET_ARCHIVE_PDF_MB MB" \
		"$(echo "$m_pdf" | awk -v t="$TARGET_ARCHIVE_PDF_MB" '{ print ($3 / 1024 <= t) ? "met" : "NOT met" }')"
	printf '  %-58s %s\n' "EPUB peak at most $TARGET_ARCHIVE_EPUB_MB MB" \
		"$(echo "$m_epub" | awk -v t="$TARGET_ARCHIVE_EPUB_MB" '{ print ($3 / 1024 <= t) ? "met" : "NOT met" }')"
	if [ -n "$base" ]; then
		printf '  %-58s %s\n' "PDF time at most 11x that of 1,000 articles ($(awk -v a="$m_pdf" -v b="$base" \
			'BEGIN { split(a, x, " "); printf "%.1fx", x[1] / b }'))" \
			"$(awk -v a="$m_pdf" -v b="$base" 'BEGIN { split(a, x, " "); print (x[1] <= 11 * b) ? "met" : "NOT met" }')"
	fi
}

# check_galley: fails with a message when the binary is missing or broken.
check_galley() {
	if ! "$GALLEY" --version >/dev/null 2>&1; then
		echo "bench: $GALLEY does not run; build it first (make)" >&2
		return 1
	fi
	command -v pdfinfo >/dev/null || { echo "bench: pdfinfo missing (poppler-utils)" >&2; return 1; }
}

main() {
	local n largest=""
	check_galley || exit 1
	use_own_corpus || exit 1
	mkdir -p "$BENCH_DIR/out"
	build_spawn
	: >"$RESULTS"
	echo "galley benchmark: $("$GALLEY" --version 2>&1 | head -n 1); $(nproc) cores;" \
	     "median of $BENCH_RUNS runs ($BENCH_RUNS_ONE for N = 1)"
	for n in $BENCH_SIZES; do
		ensure_corpus "$n" >/dev/null || { echo "bench: gen.py failed for N=$n" >&2; exit 1; }
		echo "  N=$n: $(corpus_words "$(corpus_dir "$n")") words"
		bench_galley "$n"
		largest=$n
	done
	echo
	both_mode_label
	print_table galley
	print_targets
	[ "$BENCH_VERIFY" = 1 ] && [ -n "$largest" ] && quality "${BENCH_VERIFY_N:-$largest}"
	if [ -z "$BENCH_CORPUS" ]; then
		bench_each
		bench_archive
	fi
	echo
	echo "Rows: $RESULTS; outputs and logs: $BENCH_DIR/out/"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	main "$@"
fi
