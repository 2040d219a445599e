#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# epub.sh: `galley epub` checked from outside (issue 4, item 9).
#   - the fixtures of tests/data/epub, the examples, a book of all of them,
#     a generated book of 200 articles, and books with --print-pages,
#     --embed-fonts, --cover and --css: epubcheck reports no error and no
#     warning (all books in one JVM, since each start costs seconds);
#   - a rebuild gives identical bytes;
#   - pandoc reads the book back with every source word present;
#   - --print-pages writes one page-break marker per PDF page;
#   - a failed run leaves the previous book untouched;
#   - no CSS usage note from epubcheck (a class without a rule, a rule
#     never used, a media query);
#   - every book has galley's cover as a 1600 x 2560 PNG declared
#     cover-image, also one whose article has a picture;
#   - pandoc reads a tight list back as tight;
#   - an issue of a digest is filed as a series: the editor its one creator,
#     the issue its place, the same identifier when a late article comes,
#     another modification date;
#   - calibre's ebook-convert converts the book, when calibre is installed
#     (the Kindle round trip and DAISY Ace: make check-readers, check-a11y).
source "$(dirname "$0")/lib.sh"
HERE=$TOP/tests/e2e
DATA=$TOP/tests/data/epub
if [ ! -x "$GALLEY" ]; then fail "galley binary exists" "$GALLEY"; exit 1; fi

mapfile -t FIXTURES < <(ls "$DATA"/*.md | sort)
mapfile -t EXAMPLES < <(ls "$TOP"/examples/*.md 2>/dev/null | sort)
EPUBS=()

# build NAME [OPTIONS...] -- SOURCE...: builds $WORK/NAME.epub twice.
build() {
	local name=$1; shift
	local out=$WORK/$name.epub
	if ! "$GALLEY" epub -q "$@" -o "$out" 2>"$WORK/err"; then
		fail "$name: galley epub" "$(head -c 300 "$WORK/err")"; return 1
	fi
	ok "$name: galley epub"
	EPUBS+=("$out")
	"$GALLEY" epub -q "$@" -o "$WORK/$name-again.epub" 2>/dev/null
	check "$name: rebuilt byte for byte" cmp "$out" "$WORK/$name-again.epub"
	rm -f "$WORK/$name-again.epub"
}

# every_word NAME SOURCE...: every word of the sources (as cmark renders
# them) is in pandoc's plain-text reading of the book.
every_word() {
	local name=$1; shift
	if ! pandoc -f epub -t plain "$WORK/$name.epub" -o "$WORK/$name.txt" 2>"$WORK/err"; then
		fail "$name: pandoc reads the book" "$(head -c 300 "$WORK/err")"; return
	fi
	check "$name: pandoc finds every source word" python3 - "$WORK/$name.txt" "$@" <<'EOF'
import html.parser, re, subprocess, sys, unicodedata
def words(t):
    t = unicodedata.normalize("NFKC", t).casefold()
    return set(re.findall(r"\w+", t.replace("\u2019", "").replace("'", "")))
class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True); self.out = []
    def handle_data(self, d): self.out.append(d)
found = words(open(sys.argv[1], encoding="utf-8").read())
missing = []
for path in sys.argv[2:]:
    src = open(path, encoding="utf-8").read()
    m = re.match(r"\A---\n(.*?)\n---\n", src, re.S)
    body = src[m.end():] if m else src
    out = subprocess.run(["cmark-gfm", "--smart", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tasklist", "-e", "footnotes"], input=body.encode(), capture_output=True, check=True).stdout.decode()
    p = Text(); p.feed(out)
    missing += sorted(words(" ".join(p.out)) - found)
if missing:
    print("missing:", " ".join(missing[:20])); sys.exit(1)
EOF
}

# ---- the books ---------------------------------------------------------------
for f in "${FIXTURES[@]}" "${EXAMPLES[@]}"; do
	n=$(basename "$f" .md)
	build "$n" "$f" && every_word "$n" "$f"
done
ALL=("${FIXTURES[@]}" "${EXAMPLES[@]}")
build all "${ALL[@]}" && every_word all "${ALL[@]}"
# a quote's attribution ("--- Name") is set ragged, as in the PDF
if unzip -p "$WORK/plain.epub" 'EPUB/*.xhtml' | grep -q '<p class="attribution">— Ann O'; then
	ok "plain: a quote's attribution is marked as one"
else
	fail "plain: a quote's attribution is marked as one" \
		"$(unzip -p "$WORK/plain.epub" 'EPUB/*.xhtml' | grep -m1 'Ann O')"
fi

# a generated digest of 200 articles
mkdir -p "$WORK/many"
for i in $(seq -w 1 200); do
	printf -- '---\ntitle: "Article %s of the digest"\ndate: 2024-01-%02d\nauthor: Writer %s\ntags: [t%s]\n---\n\n## Part one\n\nWord%s alpha & beta <gamma>.\n\n## Part two\n\n- item %s\n' \
		"$i" $(( (10#$i % 28) + 1 )) $(( 10#$i % 7 )) $(( 10#$i % 5 )) "$i" "$i" >"$WORK/many/a$i.md"
done
build many "$WORK/many"

# the output options, and the PDF page numbers
printf 'body { color: #111111; }\n' >"$WORK/my.css"
python3 - "$WORK/cover.png" <<'EOF'
import struct, sys, zlib
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
w, h = 60, 90
rows = b"".join(b"\0" + bytes([120, 40, 30]) * w for _ in range(h))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
EOF
build options --css "$WORK/my.css" --cover "$WORK/cover.png" --embed-fonts --toc-depth 3 "${ALL[@]}"
if build pages --print-pages "${ALL[@]}"; then
	"$GALLEY" pdf -q "${ALL[@]}" -o "$WORK/pages.pdf" 2>/dev/null
	pdf_pages=$(pdfinfo "$WORK/pages.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	markers=$(unzip -p "$WORK/pages.epub" 'EPUB/*.xhtml' | grep -o 'epub:type="pagebreak"' | wc -l)
	entries=$(unzip -p "$WORK/pages.epub" EPUB/nav.xhtml | sed -n '/epub:type="page-list"/,/<\/nav>/p' | grep -c '<li>')
	if [ -n "$pdf_pages" ] && [ "$markers" -eq "$pdf_pages" ] && [ "$entries" -eq "$pdf_pages" ]; then
		ok "pages: one marker and one page-list entry per PDF page ($pdf_pages)"
	else
		fail "pages: one marker and one page-list entry per PDF page" "pdf $pdf_pages, markers $markers, entries $entries"
	fi
	if unzip -p "$WORK/pages.epub" EPUB/package.opf | grep -q 'property="source-of">pagination<'; then
		ok "pages: the PDF edition is named as the pagination source"
	else
		fail "pages: the PDF edition is named as the pagination source"
	fi
fi

# ---- an issue of a digest: a series ------------------------------------------
mkdir -p "$WORK/issue/a"
for i in $(seq -w 1 40); do
	printf -- '---\ntitle: "Dispatch %s"\ndate: 2024-05-%02d\nauthor: Correspondent %s\n---\n\nNews %s.\n' \
		"$i" $(( (10#$i % 7) + 1 )) "$i" "$i" >"$WORK/issue/a/d$i.md"
done
cat >"$WORK/issue/digest.yaml" <<'EOF'
title: The Harbour Bulletin
subtitle: Notes from the quays
issue: "No. 19"
date: 2024-05-07
editor: Wren Castellane
publisher: Bulletin Press
description: >
  Short dispatches,
  folded over two lines.
since: 2024-05-01
until: 2024-05-07
sections:
  - title: Dispatches
    articles: [a/]
EOF
issue_build() { "$GALLEY" build -q "$WORK/issue/digest.yaml" --epub "$WORK/$1.epub" --pdf "$WORK/$1.pdf" 2>"$WORK/err"; }
opf_of() { unzip -p "$WORK/$1.epub" EPUB/package.opf; }
if issue_build issue; then
	EPUBS+=("$WORK/issue.epub")
	opf=$(opf_of issue)
	creators=$(grep -c '<dc:creator' <<<"$opf")
	contributors=$(grep -c '<dc:contributor' <<<"$opf")
	[ "$creators" -eq 1 ] && grep -q '<dc:creator id="editor">Wren Castellane</dc:creator>' <<<"$opf" &&
		[ "$contributors" -eq 40 ] && ok "issue: the editor is the one creator, 40 authors contributors" ||
		fail "issue: the editor is the one creator, 40 authors contributors" "$creators creators, $contributors contributors"
	grep -q '<dc:title id="title">The Harbour Bulletin</dc:title>' <<<"$opf" &&
		grep -q 'property="belongs-to-collection" id="series">The Harbour Bulletin<' <<<"$opf" &&
		grep -q 'property="collection-type">series<' <<<"$opf" &&
		grep -q 'property="group-position">19<' <<<"$opf" &&
		grep -q 'property="title-type">subtitle<' <<<"$opf" &&
		ok "issue: the publication's title, the issue as series and position, the subtitle" ||
		fail "issue: the publication's title, the issue as series and position, the subtitle"
	grep -q '<dc:description>Short dispatches, folded over two lines.</dc:description>' <<<"$opf" &&
		ok "issue: the description without its trailing line feed" ||
		fail "issue: the description without its trailing line feed" "$(grep -A1 dc:description <<<"$opf" | head -2)"
	tp=$(unzip -p "$WORK/issue.epub" EPUB/titlepage.xhtml)
	grep -q 'Notes from the quays' <<<"$tp" && grep -q 'No. 19 · 1 May 2024 – 7 May 2024' <<<"$tp" &&
		grep -q 'Edited by Wren Castellane' <<<"$tp" &&
		ok "issue: a title page in text with subtitle, issue, dates and editor" ||
		fail "issue: a title page in text with subtitle, issue, dates and editor" "$(grep '<p' <<<"$tp" | tr '\n' ' ')"
	# a late article: the same issue, a new revision
	printf -- '---\ntitle: "Late dispatch"\ndate: 2024-05-03\nauthor: Latecomer\n---\n\nLate news.\n' >"$WORK/issue/a/late.md"
	issue_build late
	id1=$(opf_of issue | grep -o 'urn:uuid:[0-9a-f-]*'); id2=$(opf_of late | grep -o 'urn:uuid:[0-9a-f-]*')
	m1=$(opf_of issue | grep -o 'dcterms:modified">[^<]*'); m2=$(opf_of late | grep -o 'dcterms:modified">[^<]*')
	[ -n "$id1" ] && [ "$id1" = "$id2" ] && [ "$m1" != "$m2" ] &&
		ok "issue: a late article keeps the identifier and changes dcterms:modified" ||
		fail "issue: a late article keeps the identifier and changes dcterms:modified" "$id1 $id2 $m1 $m2"
	sed -i 's/No. 19/No. 20/' "$WORK/issue/digest.yaml"
	issue_build next
	id3=$(opf_of next | grep -o 'urn:uuid:[0-9a-f-]*')
	[ -n "$id3" ] && [ "$id3" != "$id2" ] && ok "issue: the next issue has another identifier" ||
		fail "issue: the next issue has another identifier" "$id2 $id3"
else
	fail "issue: galley build" "$(head -c 300 "$WORK/err")"
fi

# ---- the cover, the stylesheet, tight lists ------------------------------------
python3 - "$WORK"/plain.epub "$WORK"/all.epub "$WORK"/many.epub "$WORK"/issue.epub <<'EOF' >"$WORK/covers" 2>&1
import re, struct, sys, zipfile
for path in sys.argv[1:]:
    try:
        z = zipfile.ZipFile(path)
        opf = z.read("EPUB/package.opf").decode()
        m = re.search(r'<item id="cover-image" href="([^"]+)" media-type="image/png" properties="cover-image"/>', opf)
        png = z.read("EPUB/" + m.group(1)) if m else b""
        w, h = struct.unpack(">II", png[16:24]) if png[:8] == b"\x89PNG\r\n\x1a\n" else (0, 0)
        ok = m and m.group(1) == "cover.png" and (w, h) == (1600, 2560) and '<meta name="cover" content="cover-image"/>' in opf
        print(("ok" if ok else "bad"), path, w, h)
    except Exception as e:
        print("bad", path, e)
EOF
if grep -q '^bad' "$WORK/covers"; then
	fail "every book's cover image is galley's 1600 x 2560 PNG, declared for EPUB 3 and 2" "$(grep '^bad' "$WORK/covers" | head -n 2 | tr '\n' ' ')"
else
	ok "every book's cover image is galley's 1600 x 2560 PNG, declared for EPUB 3 and 2"
fi
printf -- '---\ntitle: A list\n---\n\nBefore.\n\n- one\n- two\n- three\n\nAfter.\n' >"$WORK/tight.md"
if "$GALLEY" epub -q "$WORK/tight.md" -o "$WORK/tight.epub" && pandoc -f epub -t markdown "$WORK/tight.epub" -o "$WORK/tight.txt" 2>/dev/null &&
	grep -A2 -x -- '-   one' "$WORK/tight.txt" | tr '\n' '|' | grep -qx -- '-   one|-   two|-   three|'; then
	ok "pandoc reads a tight list back as tight"
else
	fail "pandoc reads a tight list back as tight" "$(grep -A4 one "$WORK/tight.txt" 2>/dev/null | tr '\n' '|')"
fi

# ---- epubcheck, once for every book ------------------------------------------
(cd "$WORK" && java -Xss1024k -Depubcheck.usage=1 -cp /usr/share/java/epubcheck.jar "$HERE/EpubBatch.java" "${EPUBS[@]}") \
	>"$WORK/epubcheck.out" 2>&1
# (the options book has the user's stylesheet, which styles what it likes)
if grep 'USAGE(CSS-' "$WORK/epubcheck.out" | grep -qv '/options\.epub/'; then
	fail "no CSS usage note from epubcheck" "$(grep 'USAGE(CSS-' "$WORK/epubcheck.out" | grep -v '/options\.epub/' | sed 's/.*USAGE/USAGE/' | sort -u | head -n 3 | tr '\n' ' ')"
elif grep -q 'USAGE(' "$WORK/epubcheck.out"; then
	ok "no CSS usage note from epubcheck"
else
	fail "no CSS usage note from epubcheck" "epubcheck printed no usage notes at all: was -u passed?"
fi
for e in "${EPUBS[@]}"; do
	n=$(basename "$e" .epub)
	if grep -qF "epubcheck: $e: ok" "$WORK/epubcheck.out"; then
		ok "$n: epubcheck 0 errors, 0 warnings"
	else
		fail "$n: epubcheck 0 errors, 0 warnings" \
			"$(grep -F "$e" "$WORK/epubcheck.out" | grep -E 'ERROR|WARNING|FATAL|failed' | head -n 3 | tr '\n' ' ')"
	fi
done

# ---- a failed run leaves the previous book alone ------------------------------
cp "$WORK/plain.epub" "$WORK/keep.epub" 2>/dev/null
if "$GALLEY" epub -q --cover "$WORK/my.css" "${FIXTURES[0]}" -o "$WORK/keep.epub" 2>/dev/null; then
	fail "a bad cover is an error"
else
	ok "a bad cover is an error"
fi
check "a failed run leaves the previous book untouched" cmp "$WORK/plain.epub" "$WORK/keep.epub"
leftovers=$(find "$WORK" -maxdepth 1 -name '.keep.epub.*' | wc -l)
[ "$leftovers" -eq 0 ] && ok "a failed run leaves no temporary file" || fail "a failed run leaves no temporary file" "$leftovers"

# ---- calibre, when installed -------------------------------------------------
if command -v ebook-convert >/dev/null 2>&1; then
	check "calibre converts the book" ebook-convert "$WORK/all.epub" "$WORK/all.mobi"
else
	ok "calibre converts the book # SKIP ebook-convert is not installed"
fi
