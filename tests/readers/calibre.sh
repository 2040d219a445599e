#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# calibre.sh: galley's EPUBs as a Kindle reader gets them (make check-readers;
# not part of make check: calibre is a large install and each conversion
# takes seconds).  calibre's ebook-convert makes an AZW3 of the examples
# book, the example weekly digest and a single article with a picture, and:
#   - the AZW3's cover (ebook-meta --get-cover) is galley's generated cover:
#     at least 1600 pixels tall, 1:1.6, the cover's paper colour in its
#     corner (not the article's picture);
#   - the AZW3 converted to text holds every article title;
#   - calibre reads the digest's series, issue number and editor.
source "$(dirname "$0")/../e2e/lib.sh"
export QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1
if ! command -v ebook-convert >/dev/null 2>&1; then
	fail "calibre is installed" "apt-get install calibre (make check-readers does)"; exit 1
fi
EX=$TOP/examples
mapfile -t EXAMPLES < <(ls "$EX"/*.md | sort)

"$GALLEY" epub -q --title "Galley Examples" "${EXAMPLES[@]}" -o "$WORK/book.epub" || fail "book: galley epub"
"$GALLEY" epub -q "$EX/atomic-writes.md" -o "$WORK/picture.epub" || fail "picture: galley epub"
"$GALLEY" build -q "$EX/weekly/digest.yaml" --since 2024-03-11 --until 2024-03-17 \
	--epub "$WORK/digest.epub" --pdf "$WORK/digest.pdf" || fail "digest: galley build"

for n in book digest picture; do
	start=$(date +%s%N)
	if ! ebook-convert "$WORK/$n.epub" "$WORK/$n.azw3" >"$WORK/$n.log" 2>&1; then
		fail "$n: ebook-convert to AZW3" "$(tail -n 3 "$WORK/$n.log" | tr '\n' ' ')"; continue
	fi
	ok "$n: ebook-convert to AZW3 ($(( ($(date +%s%N) - start) / 1000000 )) ms)"
	rm -f "$WORK/$n.jpg"
	ebook-meta --get-cover="$WORK/$n.jpg" "$WORK/$n.azw3" >/dev/null 2>&1
	if [ ! -s "$WORK/$n.jpg" ]; then
		fail "$n: the AZW3 has a cover"; continue
	fi
	read -r w h corner < <(convert "$WORK/$n.jpg" -format '%w %h %[pixel:p{30,30}]\n' info: 2>/dev/null)
	if [ "${h:-0}" -ge 1600 ] && [ $((h * 10 / w)) -eq 16 ] && python3 - "$corner" <<'PY'
import re, sys
c = [float(v) for v in re.findall(r"[\d.]+", sys.argv[1])[:3]]
sys.exit(0 if len(c) == 3 and all(abs(a - b) < 12 for a, b in zip(c, (244, 239, 230))) else 1)
PY
	then
		ok "$n: the AZW3's cover is galley's (${w}x${h})"
	else
		fail "$n: the AZW3's cover is galley's" "${w}x${h}, corner $corner"
	fi
	ebook-convert "$WORK/$n.azw3" "$WORK/$n.txt" >/dev/null 2>&1
	missing=$(unzip -p "$WORK/$n.epub" EPUB/nav.xhtml | python3 -c '
import html, re, sys
nav = sys.stdin.read().split("epub:type=\"landmarks\"")[0]
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
norm = lambda s: " ".join(s.replace("\u2019", "'"'"'").split())
for t in re.findall(r"<a href=\"text/[^\"#]*\">([^<]*)</a>", nav):
    if norm(html.unescape(t)) not in norm(text): print(html.unescape(t))' "$WORK/$n.txt")
	[ -z "$missing" ] && ok "$n: every article title is in the AZW3" ||
		fail "$n: every article title is in the AZW3" "$(head -n 3 <<<"$missing" | tr '\n' '|')"
done

meta=$(ebook-meta "$WORK/digest.epub" 2>/dev/null)
grep -q '^Series *: The Weekly Brief #11' <<<"$meta" && grep -q '^Author(s) *: Marguerite Olsen' <<<"$meta" &&
	ok "digest: calibre files it as The Weekly Brief #11 by its editor" ||
	fail "digest: calibre files it as The Weekly Brief #11 by its editor" "$(grep -E '^(Series|Author)' <<<"$meta" | tr '\n' ' ')"
