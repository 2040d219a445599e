#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# peers.sh: galley against its peers on the same corpora, in the same run
# (issue 7): pandoc for the EPUB, pandoc -> HTML -> WeasyPrint for the PDF.
# Prints every tool's figures (the columns of bench/run.sh) and, per N, how
# many times faster and leaner galley is, with the targets of issue 7 at
# N = 100 (PDF at least 100x faster, EPUB at least 50x faster).
#
# Usage: bench/peers.sh [--with-1000]     (or `make bench-peers`)
#   --with-1000       also N = 1000 (pandoc and WeasyPrint take minutes)
#   BENCH_CORPUS=DIR  your own articles (DIR/*.md) instead of gen.py's
#                     corpora: one size, all of them, judged against the
#                     targets (`make bench-peers BENCH_CORPUS=DIR`)
# Environment: as bench/run.sh, plus
#   PEERS_SIZES="10 100"   corpus sizes (--with-1000 appends 1000)
#   PEER_RUNS=1            runs per peer measurement (median kept)
#
# Fairness: every tool reads the same Markdown files in the same order.
# pandoc gets --metadata title=... (the files' own titles would otherwise
# compete for the book title); the HTML goes to WeasyPrint with a style
# sheet that asks for what galley does by default: A4, 62 pt margins,
# 10.5 pt text on 1.35 leading, justified and hyphenated (en-US).  Peer
# outputs are not checked for quality; their page counts come from pdfinfo.

set -u
# shellcheck source=bench/run.sh
. "$(dirname "${BASH_SOURCE[0]}")/run.sh"

PEERS_SIZES=${PEERS_SIZES:-10 100}
PEER_RUNS=${PEER_RUNS:-1}
PEER_TITLE="galley benchmark"
TARGET_PDF_SPEEDUP=100       # at N = 100, pandoc + WeasyPrint wall / galley wall
TARGET_EPUB_SPEEDUP=50       # at N = 100, pandoc wall / galley wall

write_peer_css() {
	cat >"$1" <<'EOF'
@page { size: A4; margin: 62pt; }
html { font-size: 10.5pt; line-height: 1.35; }
body { max-width: none; margin: 0; padding: 0; text-align: justify;
       hyphens: auto; -webkit-hyphens: auto; }
EOF
}

run_pandoc_epub() {
	local n=$1 out=$2
	measure "$out.log" pandoc --metadata title="$PEER_TITLE" -o "$out.epub" "$(corpus_dir "$n")"/*.md
}

run_weasy_pdf() {
	local n=$1 out=$2
	{ measure "$out.log" pandoc -s --metadata title="$PEER_TITLE" --metadata lang=en-US \
		-o "$out.html" "$(corpus_dir "$n")"/*.md
	  measure "$out.log" weasyprint -q -s "$BENCH_DIR/peer.css" "$out.html" "$out.pdf"
	} | combine
}

check_peers() {
	local t missing=""
	for t in pandoc weasyprint; do
		command -v "$t" >/dev/null || missing="$missing $t"
	done
	if [ -n "$missing" ]; then
		echo "bench-peers: missing:$missing (make bench-peers installs them)" >&2
		return 1
	fi
}

# speedup N FORMAT PEER LABEL: one line comparing galley with PEER at N:
# wall and CPU ratios (peer / galley) and the memory ratio.
speedup() {
	local n=$1 fmt=$2 peer=$3 label=$4 g p
	g=$(lookup galley "$n" "$fmt" 4); p=$(lookup "$peer" "$n" "$fmt" 4)
	printf '  N=%-5s %-5s %-18s %8.3f s / galley %7.3f s = %6.1fx faster (CPU %6.1fx); memory %5.1fx less\n' \
		"$n" "$fmt" "$label" "${p:-0}" "${g:-0}" "$(ratio "$p" "$g")" \
		"$(ratio "$(lookup "$peer" "$n" "$fmt" 5)" "$(lookup galley "$n" "$fmt" 5)")" \
		"$(ratio "$(lookup "$peer" "$n" "$fmt" 6)" "$(lookup galley "$n" "$fmt" 6)")"
}

peers_main() {
	local n out arg with_1000=0 sizes target_n
	for arg in "$@"; do
		case $arg in
		--with-1000) with_1000=1 ;;
		*) echo "usage: bench/peers.sh [--with-1000]" >&2; exit 2 ;;
		esac
	done
	check_galley || exit 1
	use_own_corpus || exit 1
	sizes=$PEERS_SIZES
	[ "$with_1000" = 1 ] && [ -z "$BENCH_CORPUS" ] && sizes="$sizes 1000"
	# the targets are stated at N = 100; a corpus of your own is judged at its size
	target_n=100
	[ -n "$BENCH_CORPUS" ] && target_n=$PEERS_SIZES
	check_peers || exit 1
	mkdir -p "$BENCH_DIR/out"
	build_spawn
	write_peer_css "$BENCH_DIR/peer.css"
	RESULTS=$BENCH_DIR/peers.tsv
	: >"$RESULTS"
	echo "galley vs peers: $("$GALLEY" --version 2>&1 | head -n 1);" \
	     "$(pandoc --version | head -n 1); weasyprint $(weasyprint --version 2>&1 | awk '{ print $NF }');" \
	     "$(nproc) cores"
	for n in $sizes; do
		ensure_corpus "$n" >/dev/null || { echo "bench-peers: gen.py failed for N=$n" >&2; exit 1; }
		echo "  N=$n: $(corpus_words "$(corpus_dir "$n")") words"
		bench_galley "$n"
		out=$BENCH_DIR/out/pandoc-$n
		rm -f "$out.epub" "$out.log"
		record pandoc "$n" epub "$(repeat "$PEER_RUNS" run_pandoc_epub "$n" "$out")" "" "$out.epub"
		out=$BENCH_DIR/out/weasy-$n
		rm -f "$out.pdf" "$out.html" "$out.log"
		record pandoc+wp "$n" pdf "$(repeat "$PEER_RUNS" run_weasy_pdf "$n" "$out")" "$out.pdf" ""
	done
	echo
	both_mode_label
	print_table
	echo
	echo "galley against its peers (wall times, start-up included):"
	for n in $sizes; do
		speedup "$n" pdf pandoc+wp "pandoc+WeasyPrint"
		speedup "$n" epub pandoc "pandoc"
	done
	echo
	echo "Targets of issue 7 at N=$target_n:"
	verdict "PDF: times faster than pandoc + WeasyPrint" \
		"$(ratio "$(lookup pandoc+wp "$target_n" pdf 4)" "$(lookup galley "$target_n" pdf 4)")" ">=" "$TARGET_PDF_SPEEDUP"
	verdict "EPUB: times faster than pandoc" \
		"$(ratio "$(lookup pandoc "$target_n" epub 4)" "$(lookup galley "$target_n" epub 4)")" ">=" "$TARGET_EPUB_SPEEDUP"
	echo
	echo "Rows: $RESULTS; outputs and logs: $BENCH_DIR/out/"
}

peers_main "$@"
