# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# Helpers for end-to-end scripts: source it, call ok/fail/check, and keep
# every output under $WORK (removed at exit).  $GALLEY is the binary.
set -u
TOP=${TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
GALLEY=${GALLEY:-$TOP/build/galley}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ok()   { echo "ok - $1"; }
fail() { echo "not ok - $1${2:+: $2}"; }
# check NAME COMMAND...: ok when the command succeeds
check() { local n=$1; shift; if "$@" >"$WORK/.check.out" 2>&1; then ok "$n"; else fail "$n" "$(tail -n 3 "$WORK/.check.out" | tr '\n' ' ')"; fi; }
epubcheck_jar() { java -jar /usr/share/java/epubcheck.jar "$@"; }
# epubcheck_books EPUB...: runs epubcheck once over every book (one JVM,
# tests/e2e/EpubBatch.java; the JDK comes with `make deps`) and prints one
# ok/not ok line per book: "NAME: epubcheck 0 errors 0 warnings".
epubcheck_books() {
	local report="$WORK/.epubcheck" e n
	[ "$#" -gt 0 ] || return 0
	java -Xss1024k -cp /usr/share/java/epubcheck.jar "$TOP/tests/e2e/EpubBatch.java" "$@" >"$report" 2>&1
	for e in "$@"; do
		n=$(basename "$e" .epub)
		if grep -qxF "epubcheck: $e: ok" "$report"; then
			ok "$n: epubcheck 0 errors 0 warnings"
		else
			fail "$n: epubcheck 0 errors 0 warnings" "$(grep -E '^(ERROR|WARNING|FATAL)' "$report" | grep -F "$n.epub" | head -n 3 | tr '\n' ' ')"
		fi
	done
}
