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
#   - calibre's ebook-convert converts the book, when calibre is installed.
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

# ---- epubcheck, once for every book ------------------------------------------
(cd "$WORK" && java -Xss1024k -cp /usr/share/java/epubcheck.jar "$HERE/EpubBatch.java" "${EPUBS[@]}") \
	>"$WORK/epubcheck.out" 2>&1
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
