#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# ace.sh: DAISY Ace, the accessibility checker of EPUB publications, on
# the examples book, the example weekly digest and a book of 100 generated
# articles (make check-a11y; not part of make check: Ace needs Node.js and
# Chromium, and takes seconds a book).  Each book: 0 violations.
#   ACE=path/to/ace-puppeteer (make check-a11y installs @daisy/ace under
#   build/ace with Debian's chromium as the browser).
source "$(dirname "$0")/../e2e/lib.sh"
ACE=${ACE:-$TOP/build/ace/node_modules/.bin/ace-puppeteer}
export PUPPETEER_EXECUTABLE_PATH=${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium}
if [ ! -x "$ACE" ]; then fail "Ace is installed" "$ACE"; exit 1; fi
EX=$TOP/examples
mapfile -t EXAMPLES < <(ls "$EX"/*.md | sort)

"$GALLEY" epub -q --title "Galley Examples" "${EXAMPLES[@]}" -o "$WORK/book.epub" || fail "book: galley epub"
"$GALLEY" build -q "$EX/weekly/digest.yaml" --since 2024-03-11 --until 2024-03-17 \
	--epub "$WORK/digest.epub" --pdf "$WORK/digest.pdf" || fail "digest: galley build"
mkdir -p "$WORK/many"
for i in $(seq -w 1 100); do
	printf -- '---\ntitle: "Generated article %s"\ndate: 2024-01-%02d\nauthor: Writer %s\n---\n\n## Part one\n\nWords %s & more <words>.\n\n- a tight item\n- another\n\n```c\nint f(int x) { return x * 2; } /* a long comment that wraps on a phone */\n```\n\n> A quote.\n' \
		"$i" $(( (10#$i % 28) + 1 )) $(( 10#$i % 7 )) "$i" >"$WORK/many/a$i.md"
done
"$GALLEY" epub -q --title "One hundred articles" "$WORK/many" -o "$WORK/many.epub" || fail "many: galley epub"

for n in book digest many; do
	rm -rf "$WORK/ace-$n"
	if ! timeout 600 "$ACE" -f -s -o "$WORK/ace-$n" "$WORK/$n.epub" >"$WORK/ace-$n.log" 2>&1; then
		fail "$n: Ace runs" "$(tail -n 3 "$WORK/ace-$n.log" | tr '\n' ' ')"; continue
	fi
	summary=$(python3 - "$WORK/ace-$n/report.json" <<'PY'
import collections, json, sys
r = json.load(open(sys.argv[1]))
found = collections.Counter()
for a in r.get("assertions", []):
    for t in a.get("assertions", []):
        if t.get("earl:result", {}).get("earl:outcome") == "fail":
            found["%s (%s)" % (t["earl:test"]["dct:title"], t["earl:test"]["earl:impact"])] += 1
print(sum(found.values()), "; ".join("%s x%d" % kv for kv in sorted(found.items())))
PY
)
	if [ "${summary%% *}" = 0 ]; then
		ok "$n: Ace finds 0 violations"
	else
		fail "$n: Ace finds 0 violations" "${summary#* }"
	fi
done
