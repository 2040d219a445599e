#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# html.sh: HTML inside Markdown (issue 19, item 1), checked from outside.
# Two HTML-heavy articles of tests/data/html (a README with a centred logo,
# badges, tables, <details> and a definition list; a data-science post
# with knitr code chunks, captioned figures and malformed HTML) go
# through both writers:
#   - every word HTML shows is in pdftotext's text and in the EPUB's
#     XHTML: the reference is cmark-gfm's rendering with raw HTML kept,
#     read by Python's HTML parser, without comments, scripts, styles,
#     forms and the other elements galley leaves out;
#   - no markup reaches either output as text ("<div", "</", "&lt;");
#   - the EPUB holds only elements galley writes, and passes epubcheck;
#   - the images given by <img> are in both outputs;
#   - the warnings are the few that matter: remote images, and one per
#     file naming what was left out;
#   - gumbo is loaded for these articles and not for a plain one.
source "$(dirname "$0")/lib.sh"
DATA=$TOP/tests/data/html
if [ ! -x "$GALLEY" ]; then fail "galley binary exists" "$GALLEY"; exit 1; fi

ART=$WORK/art
mkdir -p "$ART"
cp "$DATA"/*.md "$ART"/
# the images the articles show, made here (PNG, one colour)
python3 - "$ART" <<'EOF'
import struct, sys, zlib
def png(path, w, h, rgb):
    def chunk(k, p):
        return struct.pack(">I", len(p)) + k + p + struct.pack(">I", zlib.crc32(k + p) & 0xffffffff)
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))
    open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
                           chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
png(sys.argv[1] + "/logo.png", 400, 200, (30, 90, 160))
png(sys.argv[1] + "/residuals.png", 600, 300, (200, 120, 40))
EOF

EPUBS=()
for n in readme blog; do
	if (cd "$ART" && "$GALLEY" pdf -o "$n.pdf" "$n.md" 2>"$WORK/$n.pdf.err" &&
	    "$GALLEY" epub -o "$n.epub" "$n.md" 2>"$WORK/$n.epub.err"); then
		ok "$n: galley pdf and epub"
		EPUBS+=("$ART/$n.epub")
	else
		fail "$n: galley pdf and epub" "$(head -c 300 "$WORK/$n.pdf.err" "$WORK/$n.epub.err" 2>/dev/null)"
		continue
	fi
	pdftotext -enc UTF-8 "$ART/$n.pdf" "$WORK/$n.txt" 2>/dev/null
	unzip -p "$ART/$n.epub" 'EPUB/*.xhtml' >"$WORK/$n.xhtml" 2>/dev/null

	# every word HTML would show, in both outputs
	check "$n: every word HTML shows is in the PDF and the EPUB" python3 - "$ART/$n.md" "$WORK/$n.txt" "$WORK/$n.xhtml" <<'EOF'
import html.parser, re, subprocess, sys, unicodedata
SKIP = {"script", "style", "noscript", "template", "svg", "form", "select", "textarea", "button",
        "head", "title", "iframe"}
VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "col", "area", "embed", "param", "track"}
BLOCK = {"p", "br", "li", "div", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "section", "figure",
         "figcaption", "table", "tr", "td", "th", "ul", "ol", "dl", "dt", "dd", "details", "summary", "hr",
         "center", "caption", "iframe", "video", "audio"}
class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.stack = [], []
    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "iframe":  # shown as a link named by its title
            self.out.append(" " + (dict(attrs).get("title") or "") + " ")
        if tag in BLOCK:
            self.out.append(" ")
    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass
        if tag in BLOCK:
            self.out.append(" ")
    def handle_data(self, d):
        if not SKIP & set(self.stack):
            self.out.append(d)
def words(t):
    t = unicodedata.normalize("NFKC", t).casefold().replace("\u2019", "").replace("'", "")
    return re.findall(r"\w+", t)
src = open(sys.argv[1], encoding="utf-8").read()
body = re.sub(r"\A---\n.*?\n---\n", "", src, flags=re.S)
out = subprocess.run(["cmark-gfm", "--unsafe", "-e", "table", "-e", "strikethrough", "-e", "autolink",
                      "-e", "tasklist"], input=body.encode(), capture_output=True, check=True).stdout.decode()
p = Text(); p.feed(out)
want = set(words("".join(p.out)))
x = Text(); x.feed(open(sys.argv[3], encoding="utf-8").read())
for name, got in (("PDF", set(words(open(sys.argv[2], encoding="utf-8").read()))),
                  ("EPUB", set(words("".join(x.out))))):
    missing = sorted(want - got)
    if missing:
        print(name, "misses:", " ".join(missing[:20])); sys.exit(1)
print(len(want), "words")
EOF

	# no markup as text
	if grep -Eq '</?[a-z][a-z0-9-]*[ >/]|&lt;|&gt;' "$WORK/$n.txt"; then
		fail "$n: no tag text in the PDF" "$(grep -Eom3 '</?[a-z][a-z0-9-]*[ >/]|&lt;|&gt;' "$WORK/$n.txt" | tr '\n' ' ')"
	else
		ok "$n: no tag text in the PDF"
	fi
	if grep -Eq '&lt;/?[a-zA-Z]' "$WORK/$n.xhtml"; then
		fail "$n: no tag text in the EPUB" "$(grep -Eom3 '&lt;/?[a-zA-Z][^ ]*' "$WORK/$n.xhtml" | tr '\n' ' ')"
	else
		ok "$n: no tag text in the EPUB"
	fi
	# the elements of the EPUB are galley's own, none of the author's
	odd=$(grep -Eo '<(div|details|summary|center|font|span|script|style|iframe|video|audio|form|input|table)[ >]' \
	      "$WORK/$n.xhtml" | sort -u | grep -Ev '^<(div|span|table)[ >]$' | tr '\n' ' ')
	if [ -z "$odd" ] && ! grep -Eq 'onclick|onerror|align="center"|class="(highlight|imgcap|thecap)"' "$WORK/$n.xhtml"; then
		ok "$n: the EPUB holds galley's elements, not the author's markup"
	else
		fail "$n: the EPUB holds galley's elements, not the author's markup" "$odd"
	fi
done

# the images of <img>: the logo and the figures, in both outputs
imgs() { pdfimages -list "$ART/$1.pdf" 2>/dev/null | awk 'NR > 2' | wc -l; }
for pair in readme:1 blog:2; do
	n=${pair%%:*} want=${pair#*:}
	[ -f "$ART/$n.pdf" ] || continue
	got=$(imgs "$n")
	inepub=$(unzip -l "$ART/$n.epub" 2>/dev/null | grep -c 'EPUB/images/')
	if [ "$got" -ge "$want" ] && [ "$inepub" -ge 1 ] && grep -q '<img src="../images/' "$WORK/$n.xhtml"; then
		ok "$n: <img> images in both outputs ($got in the PDF)"
	else
		fail "$n: <img> images in both outputs" "PDF $got (want $want), EPUB files $inepub"
	fi
done

# what the outputs say of the elements themselves
check "readme: details' summary runs into its content" grep -q 'Why another tide program? Existing programs' "$WORK/readme.txt"
check "readme: a definition list in the EPUB" grep -q '<dt>Harmonic constant</dt>' "$WORK/readme.xhtml"
check "readme: abbr keeps its title in the EPUB" grep -q '<abbr title="Frequently Asked Questions">FAQ</abbr>' "$WORK/readme.xhtml"
check "readme: superscript, subscript, mark and small in the EPUB" \
	grep -q 'H<sub>2</sub>O.*\|<mark>heartbeat</mark>' "$WORK/readme.xhtml"
check "readme: the HTML table is a table, with its header" grep -q '<th scope="col">Feature</th>' "$WORK/readme.xhtml"
check "readme: an iframe is a link named by its title" \
	grep -q 'href="https://video.example.org/embed/tide42">Tidewater in five minutes</a>' "$WORK/readme.xhtml"
check "blog: a knitr code chunk is one code block, blank line kept" \
	python3 -c 'import re,sys; t=re.sub(r"</?span[^>]*>", "", open(sys.argv[1]).read()); sys.exit(0 if re.search(r"<pre><code class=\"language-r\">levels &lt;- read.csv\(\"brest.csv\"\)\n\nfit", t) else 1)' "$WORK/blog.xhtml"
check "blog: the imgcap caption is the figure's" \
	grep -Eq "<figcaption[^>]*>Residuals of the straight line" "$WORK/blog.xhtml"
check "blog: malformed HTML repaired as browsers do" grep -q '<strong>bold <em>bold italic</em></strong><em> italic</em>' "$WORK/blog.xhtml"
check "blog: a leading checkbox is the item's task state" grep -q 'class="task"><span class="task-box" role="img" aria-label="done">' "$WORK/blog.xhtml"

# warnings: remote badges, and one per file for what was left out
for n in readme blog; do
	[ -f "$WORK/$n.pdf.err" ] || continue
	lines=$(grep -c 'warning:' "$WORK/$n.pdf.err")
	left=$(grep -c 'warning: HTML left out' "$WORK/$n.pdf.err")
	if [ "$left" -eq 1 ] && [ "$lines" -le 3 ] && ! grep -q 'comment\|raw HTML' "$WORK/$n.pdf.err"; then
		ok "$n: $lines warnings, one naming what was left out"
	else
		fail "$n: a handful of warnings, one naming what was left out" "$(tr '\n' ' ' <"$WORK/$n.pdf.err" | head -c 400)"
	fi
done
check "readme: the warning names the script and the style" grep -q 'HTML left out.*<script>, <style>' "$WORK/readme.pdf.err"

# gumbo is loaded only when an article has HTML to parse (comments need none)
printf -- '---\ntitle: Plain\n---\n\nPlain *Markdown*.\n\n<!-- only a comment -->\n' >"$ART/plain.md"
LD_DEBUG=files "$GALLEY" epub -q -o "$WORK/plain.epub" "$ART/plain.md" 2>"$WORK/plain.log"
LD_DEBUG=files "$GALLEY" epub -q -o "$WORK/html.epub" "$ART/readme.md" 2>"$WORK/html.log"
if [ -s "$WORK/plain.epub" ] && ! grep -q 'file=libgumbo' "$WORK/plain.log" && grep -q 'file=libgumbo' "$WORK/html.log"; then
	ok "lazy: gumbo is loaded for HTML, not for plain Markdown or comments"
else
	fail "lazy: gumbo is loaded for HTML, not for plain Markdown or comments"
fi

epubcheck_books "${EPUBS[@]}"
