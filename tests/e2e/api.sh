#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# The API example (examples/api/digest.c, built by `make` against the static
# library): a two-article digest through the public API only.  Its PDF must
# pass qpdf --check and its EPUB must be a zip with mimetype first and one
# XHTML file per article.
source "$(dirname "$0")/lib.sh"
B=${B:-build}
cd "$TOP"
DIGEST=$B/examples/digest
if [ ! -x "$DIGEST" ]; then
	fail "api example is built" "$DIGEST missing (make builds it)"
	exit 0
fi
ok "api example is built"
if "$DIGEST" "$WORK" examples/river-ferry.md examples/atomic-writes.md \
	>"$WORK/out" 2>"$WORK/err"; then
	ok "api example runs"
else
	fail "api example runs" "$(tail -n 3 "$WORK/err" | tr '\n' ' ')"
fi
check "api example: PDF passes qpdf --check" qpdf --check "$WORK/digest.pdf"
pdftotext "$WORK/digest.pdf" "$WORK/digest.txt" 2>/dev/null
# sorted by date: the ferry (May) before the atomic writes (September)
ferry=$(grep -n -m1 'Drava Ferry' "$WORK/digest.txt" | cut -d: -f1)
atomic=$(grep -n -m1 'Without Ever Leaving' "$WORK/digest.txt" | cut -d: -f1)
[ -n "$ferry" ] && [ -n "$atomic" ] && [ "$ferry" -lt "$atomic" ] \
	&& ok "api example: both articles, sorted by date" \
	|| fail "api example: both articles, sorted by date" "ferry at $ferry, atomic at $atomic"
grep -q 'Two-Article Digest' "$WORK/digest.txt" && ok "api example: the title is set" \
	|| fail "api example: the title is set"
unzip -Z1 "$WORK/digest.epub" >"$WORK/list" 2>"$WORK/err"
[ "$(head -n 1 "$WORK/list")" = mimetype ] && ok "api example: EPUB starts with mimetype" \
	|| fail "api example: EPUB starts with mimetype" "$(head -n 1 "$WORK/list")"
n=$(grep -c '^EPUB/text/.*\.xhtml$' "$WORK/list")
[ "$n" -ge 2 ] && ok "api example: EPUB has both articles" \
	|| fail "api example: EPUB has both articles" "$n XHTML files"
grep -q 'digest.pdf: [0-9]* pages' "$WORK/out" && ok "api example reports its page count" \
	|| fail "api example reports its page count"
