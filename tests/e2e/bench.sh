#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# bench.sh: the benchmark runs on a folder of the user's own articles
# (BENCH_CORPUS, issue 7: "checked on a corpus you have not seen"), and
# refuses a folder that is missing or holds no article.  One run of each
# measurement, no quality check: this tests the script, not the speed.
source "$(dirname "$0")/lib.sh"

own="$WORK/my articles"
mkdir -p "$own"
python3 "$TOP/bench/gen.py" 3 "$WORK/gen" >/dev/null 2>&1 || { fail "bench: generate articles"; exit 0; }
cp "$WORK/gen"/*.md "$own/"
# an article without front matter, as a newsroom sends it
printf 'Rain returned to the valley on Monday.\n\nFarmers welcomed it.\n' >"$own/zz-plain.md"

run_bench() { # OUT ENV...
	local out=$1; shift
	env "$@" B="${B:-build}" GALLEY="$GALLEY" BENCH_DIR="$WORK/bench" BENCH_RUNS=1 \
		BENCH_RUNS_ONE=1 BENCH_VERIFY=0 bash "$TOP/bench/run.sh" >"$out" 2>&1
}

if run_bench "$WORK/own.out" BENCH_CORPUS="$own"; then
	ok "bench: runs on a folder of one's own articles"
else
	fail "bench: runs on a folder of one's own articles" "$(tail -n 3 "$WORK/own.out" | tr '\n' ' ')"
fi
for fmt in pdf epub both; do
	if grep -Eq "^galley +4 $fmt " "$WORK/own.out"; then
		ok "bench: own corpus measured as N=4 ($fmt)"
	else
		fail "bench: own corpus measured as N=4 ($fmt)" "$(grep '^galley' "$WORK/own.out" | tr '\n' ' ')"
	fi
done
if grep -q "FAILED" "$WORK/own.out"; then
	fail "bench: no galley run failed" "$(grep FAILED "$WORK/own.out" | head -n 2 | tr '\n' ' ')"
else
	ok "bench: no galley run failed"
fi
# words counted in the articles, front matter left out
words=$(sed -n 's/^  N=4: \([0-9]*\) words$/\1/p' "$WORK/own.out")
if [ -n "$words" ] && [ "$words" -gt 100 ]; then
	ok "bench: own corpus words counted ($words)"
else
	fail "bench: own corpus words counted" "'$words'"
fi
if grep -q "N=1000 PDF, wall s *not measured" "$WORK/own.out"; then
	ok "bench: targets at sizes not measured say so"
else
	fail "bench: targets at sizes not measured say so" "$(grep 'N=1000 PDF' "$WORK/own.out")"
fi

mkdir -p "$WORK/empty"
if run_bench "$WORK/empty.out" BENCH_CORPUS="$WORK/empty"; then
	fail "bench: a folder without articles is refused" "exit 0"
else
	check "bench: a folder without articles is refused, saying why" grep -q "holds no .md file" "$WORK/empty.out"
fi
if run_bench "$WORK/none.out" BENCH_CORPUS="$WORK/nowhere"; then
	fail "bench: a missing folder is refused" "exit 0"
else
	check "bench: a missing folder is refused, saying why" grep -q "no such folder" "$WORK/none.out"
fi
