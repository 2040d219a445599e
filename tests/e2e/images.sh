#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# images.sh: images as the web has them (issue 20), checked from outside.
#
# A test set made here (ImageMagick and Python, at test time): an SVG with
# text and one with a gradient (and a script, an event attribute and an
# external reference to strip), an animated GIF, a lossy WebP and one with
# alpha, a CMYK JPEG as Photoshop and ImageMagick write it (Adobe marker,
# inverted) and one without the marker, a site-root path found through
# --resource-path, a missing file and an oversized one.
#   - both editions are written, exit 0, one warning per bad image at its
#     line and column;
#   - pdfimages lists every image that exists, the SVG at 300 ppi or more;
#   - the EPUB's manifest has each with its media type (WebP with a PNG
#     fallback), the SVG sanitised, epubcheck 0 errors 0 warnings;
#   - rendered at 200 dpi: the CMYK JPEGs print red and green, the
#     gradient runs from red to blue, the SVG's text is sharp;
#   - the missing image is a framed placeholder with its alt text;
#   - --strict exits 1, lists every problem and writes nothing;
#   - a PNG-and-JPEG article loads none of the new decoders.
source "$(dirname "$0")/lib.sh"
if [ ! -x "$GALLEY" ]; then fail "galley binary exists" "$GALLEY"; exit 1; fi
if ! command -v convert >/dev/null || ! command -v pdfimages >/dev/null; then
	fail "ImageMagick and poppler-utils are installed (make deps)"; exit 1
fi
export SOURCE_DATE_EPOCH=1700000000
S=$WORK/site
mkdir -p "$S/static/images" "$S/post"
cd "$S/post" || exit 1

# ---- the test set ----------------------------------------------------------
cat > text.svg <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="480" height="120" onload="alert(1)">
<script>alert(2)</script>
<rect width="480" height="120" fill="#ffffff"/>
<text x="20" y="80" font-family="sans-serif" font-size="56" fill="#000000">Sharp letters</text>
<image width="10" height="10" xlink:href="https://example.com/tracker.png"/>
</svg>
EOF
cat > gradient.svg <<'EOF'
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200">
<defs><linearGradient id="g"><stop offset="0" stop-color="#ff0000"/><stop offset="1" stop-color="#0000ff"/></linearGradient></defs>
<rect width="400" height="200" fill="url(#g)"/>
</svg>
EOF
convert -size 160x80 xc:yellow first.png && convert -size 160x80 xc:purple second.png &&
	convert -delay 20 first.png second.png -loop 0 anim.gif && rm first.png second.png
convert -size 200x100 gradient:green-white -quality 70 lossy.webp
convert -size 200x100 xc:none -fill 'rgba(255,0,0,0.5)' -draw 'circle 100,50 100,10' \
	-define webp:lossless=true alpha.webp
# CMYK: ImageMagick's (Adobe marker, YCCK), and two made by hand: with the
# marker and inverted samples, and plain (no marker, samples as ink)
convert -size 200x100 xc:'#ff0000' -fill '#00ff00' -draw 'rectangle 100,0 199,99' \
	-colorspace CMYK -quality 95 cmyk.jpg
python3 "$TOP/tests/e2e/cmyk_jpeg.py" cmyk-adobe.jpg cmyk-plain.jpg
convert -size 300x100 xc:orange "$S/static/images/site.png"
# a sparse file one byte over the 64 MiB limit: refused before it is read
truncate -s $((64 * 1024 * 1024 + 1)) big.png
cat > index.md <<'EOF'
---
title: Images as the web has them
date: 2024-05-01
---

An SVG with text:

![The words Sharp letters](text.svg "Sharp letters, drawn from SVG")

An SVG gradient:

![A band from red to blue](gradient.svg)

An animated GIF shows its first frame:

![A yellow field](anim.gif)

![A green gradient](lossy.webp)

![A half-transparent red disc](alpha.webp "WebP with alpha")

![Red left, green right, from ImageMagick's CMYK](cmyk.jpg)

![Red left, green right, from Adobe CMYK](cmyk-adobe.jpg)

![Red left, green right, from plain CMYK](cmyk-plain.jpg)

A site-root path:

![An orange block](/images/site.png)

A missing file:

![The picture that is not there](missing.png)

An oversized file:

![Too many bytes](big.png)

The end.
EOF
cd "$S" || exit 1

# ---- both editions ----------------------------------------------------------
"$GALLEY" pdf --resource-path static -o "$WORK/t.pdf" post/index.md 2>"$WORK/pdf.err"
st=$?
[ "$st" = 0 ] && ok "pdf: written, exit 0 with bad images" || fail "pdf: exit 0" "exit $st: $(head -c 300 "$WORK/pdf.err")"
"$GALLEY" epub --resource-path static -o "$WORK/t.epub" post/index.md 2>"$WORK/epub.err"
st=$?
[ "$st" = 0 ] && ok "epub: written, exit 0 with bad images" || fail "epub: exit 0" "exit $st: $(head -c 300 "$WORK/epub.err")"

for e in pdf epub; do
	grep -q "^galley: post/index.md:34:1: warning: image 'missing.png' not found" "$WORK/$e.err" &&
	grep -q "^galley: post/index.md:38:1: warning: image 'big.png' of 67108865 bytes exceeds GALLEY_READ_MAX_IMAGE_BYTES" "$WORK/$e.err" &&
	grep -q "^galley: post/index.md:8:1: warning: SVG image 'text.svg' sanitised: removed 2 scripts or event attributes and 1 external reference" "$WORK/$e.err" &&
	[ "$(grep -c warning: "$WORK/$e.err")" = 3 ] \
		&& ok "$e: one warning per problem, at its line and column" \
		|| fail "$e: one warning per problem" "$(tr '\n' ' ' < "$WORK/$e.err" | head -c 400)"
done

# ---- the PDF ----------------------------------------------------------------
pdfimages -list "$WORK/t.pdf" > "$WORK/list" 2>&1
# page num type width height color comp bpc enc interp object ID x-ppi y-ppi ...
images=$(awk 'NR > 2 && $3 == "image"' "$WORK/list" | wc -l)
[ "$images" = 9 ] && ok "pdf: pdfimages lists the 9 images that exist" \
	|| fail "pdf: pdfimages lists 9 images" "$images: $(tr '\n' ' ' < "$WORK/list")"
[ "$(awk 'NR > 2 && $3 == "image" && $6 == "cmyk" && $9 == "jpeg"' "$WORK/list" | wc -l)" = 3 ] \
	&& ok "pdf: the CMYK JPEGs pass through as JPEG" || fail "pdf: CMYK JPEGs" "$(tr '\n' ' ' < "$WORK/list")"
[ "$(awk 'NR > 2 && $3 == "smask"' "$WORK/list" | wc -l)" -ge 1 ] \
	&& ok "pdf: transparency kept (soft masks)" || fail "pdf: soft masks" "$(tr '\n' ' ' < "$WORK/list")"
# the two SVGs are the images drawn at 300 ppi and more
[ "$(awk 'NR > 2 && $3 == "image" && $13 >= 299 && $14 >= 299' "$WORK/list" | wc -l)" = 2 ] \
	&& ok "pdf: both SVGs drawn at 300 ppi or more" || fail "pdf: SVG resolution" "$(tr '\n' ' ' < "$WORK/list")"
check "pdf: qpdf --check" qpdf --check "$WORK/t.pdf"
pdftotext "$WORK/t.pdf" "$WORK/t.txt" 2>/dev/null
grep -q "The picture that is not there" "$WORK/t.txt" && grep -q "Too many bytes" "$WORK/t.txt" \
	&& ok "pdf: the placeholders hold the alt text" || fail "pdf: placeholders" "$(head -c 300 "$WORK/t.txt")"
grep -q "Sharp letters, drawn from SVG" "$WORK/t.txt" && grep -q "WebP with alpha" "$WORK/t.txt" \
	&& ok "pdf: a title is the caption" || fail "pdf: title captions"

# colours: each CMYK JPEG alone on a page, rendered: red must show (an
# inverted one would be cyan and black)
# share FILE COLOUR: the share of the page's pixels near COLOUR
share() { convert "$1" -fuzz 25% -fill black -opaque "$2" -fill white +opaque black -format "%[fx:1-mean]" info:; }
good=0 report=""
for j in cmyk cmyk-adobe cmyk-plain; do
	printf -- '---\ntitle: C\n---\n\n![x](%s.jpg)\n' "$j" > "post/$j.md"
	"$GALLEY" pdf -q -o "$WORK/$j.pdf" "post/$j.md" 2>/dev/null
	pdftoppm -r 50 -png "$WORK/$j.pdf" "$WORK/$j" 2>/dev/null
	red=$(share "$WORK/$j-1.png" '#ff0000' 2>/dev/null)
	cyan=$(share "$WORK/$j-1.png" '#00ffff' 2>/dev/null)
	report="$report $j: red ${red:-?} cyan ${cyan:-?};"
	awk -v r="${red:-0}" -v c="${cyan:-1}" 'BEGIN { exit !(r > 0.003 && c < 0.0005) }' && good=$((good + 1))
done
[ "$good" = 3 ] && ok "pdf: CMYK JPEGs print red, not inverted (ImageMagick's, Adobe, plain)" \
	|| fail "pdf: CMYK colours" "$report"
pdfimages -png "$WORK/t.pdf" "$WORK/img" 2>/dev/null
# pixel FILE X Y: "R G B" of an image
pixel() { convert "$1" -format "%[fx:int(255*u.p{$2,$3}.r)] %[fx:int(255*u.p{$2,$3}.g)] %[fx:int(255*u.p{$2,$3}.b)]" info:; }
# near R G B WANT_R WANT_G WANT_B: within 60 of each
near() { local d; for i in 1 2 3; do d=$(( ${!i} - ${@:i+3:1} )); [ ${d#-} -le 60 ] || return 1; done; }
# the gradient SVG: red at its left end, blue at its right
grad=$(awk 'NR > 2 && $3 == "image" && $13 >= 299 && $5 * 3 > $4 { print $2 }' "$WORK/list" | head -n 1)
f=$(printf '%s/img-%03d.png' "$WORK" "${grad:-0}")
w=$(identify -format %w "$f" 2>/dev/null || echo 0)
if [ -n "$grad" ] && near $(pixel "$f" 5 20) 255 0 0 && near $(pixel "$f" $((w - 5)) 20) 0 0 255; then
	ok "pdf: the SVG gradient runs from red to blue"
else
	fail "pdf: SVG gradient colours" "image ${grad:-none}: $(pixel "$f" 5 20 2>/dev/null) .. $(pixel "$f" $((w - 5)) 20 2>/dev/null)"
fi
# sharp text: the SVG with text, as drawn into the PDF, has hard edges:
# most of its pixels are near white or near black, few in between
txt=$(awk 'NR > 2 && $3 == "image" && $13 >= 299 && $5 * 3 <= $4 { print $2 }' "$WORK/list" | head -n 1)
f=$(printf '%s/img-%03d.png' "$WORK" "${txt:-0}")
mid=$(convert "$f" -colorspace gray -format "%[fx:mean]" -fx "u > 0.15 && u < 0.85 ? 1 : 0" -format "%[fx:mean]" info: 2>/dev/null)
awk -v m="${mid:-1}" 'BEGIN { exit !(m < 0.03) }' \
	&& ok "pdf: the SVG's text is drawn sharp (few grey edge pixels: ${mid})" \
	|| fail "pdf: SVG text sharpness" "share of grey pixels ${mid:-unknown}"

# ---- the EPUB ---------------------------------------------------------------
unzip -p "$WORK/t.epub" EPUB/package.opf > "$WORK/opf" 2>/dev/null
for t in "svg+xml" gif webp jpeg png; do
	grep -q "media-type=\"image/$t\"" "$WORK/opf" && ok "epub: an image/$t item" || fail "epub: an image/$t item"
done
[ "$(grep -c 'media-type="image/webp" fallback="asset[0-9]*-png"' "$WORK/opf")" = 2 ] \
	&& ok "epub: each WebP has a PNG fallback" || fail "epub: WebP fallbacks" "$(grep webp "$WORK/opf" | tr '\n' ' ')"
unzip -p "$WORK/t.epub" 'EPUB/images/*.svg' > "$WORK/svgs" 2>/dev/null
if grep -qiE 'script|onload|example\.com|DOCTYPE' "$WORK/svgs"; then
	fail "epub: the SVGs are sanitised" "$(grep -iE 'script|onload|example\.com|DOCTYPE' "$WORK/svgs" | head -c 200)"
else
	ok "epub: the SVGs are sanitised (no script, event, external reference, DOCTYPE)"
fi
unzip -p "$WORK/t.epub" 'EPUB/text/*.xhtml' > "$WORK/xhtml" 2>/dev/null
grep -q '<p class="image-remote">The picture that is not there</p>' "$WORK/xhtml" \
	&& ok "epub: a missing image is its alt text" || fail "epub: missing image"
grep -q '<figcaption aria-hidden="true">A yellow field</figcaption>' "$WORK/xhtml" &&
	grep -q '<figcaption>Sharp letters, drawn from SVG</figcaption>' "$WORK/xhtml" \
	&& ok "epub: the title is the caption; a caption repeating the alt text is aria-hidden" \
	|| fail "epub: captions" "$(grep -o '<figcaption[^>]*>[^<]*' "$WORK/xhtml" | tr '\n' ' ')"
epubcheck_books "$WORK/t.epub"

# ---- --strict -------------------------------------------------------------------
"$GALLEY" pdf --strict -o "$WORK/strict.pdf" post/index.md 2>"$WORK/strict.err"
st=$?
[ "$st" = 1 ] && ok "--strict: exit 1" || fail "--strict: exit 1" "exit $st"
[ ! -e "$WORK/strict.pdf" ] && ok "--strict: nothing written" || fail "--strict: nothing written"
n=$(grep -c '^galley: post/index.md:[0-9]*:[0-9]*: error: ' "$WORK/strict.err")
grep -q "post/index.md:30:1: error: image '/images/site.png' is a site-root path; refused (--resource-path DIR" "$WORK/strict.err" &&
	grep -q "^galley: error: --strict: 4 warnings made errors; nothing written" "$WORK/strict.err" && [ "$n" = 4 ] \
	&& ok "--strict: every problem listed, with its position" \
	|| fail "--strict: every problem listed" "$n: $(tr '\n' ' ' < "$WORK/strict.err" | head -c 400)"

# ---- only what is needed is loaded ----------------------------------------------
mkdir -p "$WORK/plain"
cp "$TOP/examples/img/atomic-write.png" "$WORK/plain/a.png"
cp post/cmyk.jpg "$WORK/plain/b.jpg"
printf -- '---\ntitle: Plain\n---\n\n![a](a.png)\n\n![b](b.jpg)\n' > "$WORK/plain/p.md"
for c in pdf epub; do
	# (the EPUB's own cover would be drawn by librsvg and cairo: a given one is not)
	cover=(); [ "$c" = epub ] && cover=(--cover "$WORK/plain/a.png")
	LD_DEBUG=files "$GALLEY" "$c" -q "${cover[@]}" -o "$WORK/plain/p.$c" "$WORK/plain/p.md" 2>"$WORK/ld.$c"
	if grep -qE 'file=(librsvg|libgif|libwebp|libxml2|libcurl|libcairo)' "$WORK/ld.$c"; then
		fail "$c: a PNG and JPEG article loads no other decoder" "$(grep -oE 'file=(librsvg|libgif|libwebp|libxml2|libcurl|libcairo)[^ ]*' "$WORK/ld.$c" | sort -u | tr '\n' ' ')"
	elif grep -q 'file=libpng' "$WORK/ld.$c"; then
		ok "$c: a PNG and JPEG article loads libpng and no other decoder"
	else
		fail "$c: LD_DEBUG shows the libraries loaded" "$(head -c 200 "$WORK/ld.$c")"
	fi
done

# ---- resource_path: in a digest manifest and in the user's config ---------------
mkdir -p "$WORK/dg/posts" "$WORK/dg/static/images"
cp "$S/static/images/site.png" "$WORK/dg/static/images/"
printf -- '---\ntitle: A\ndate: 2024-01-01\n---\n\n![An orange block](/images/site.png)\n' > "$WORK/dg/posts/a.md"
printf 'title: D\narticles: [posts/]\nresource_path: [nowhere, static]\noutput: {pdf: d.pdf}\n' > "$WORK/dg/digest.yaml"
(cd "$WORK" && "$GALLEY" build -q dg/digest.yaml) 2>"$WORK/dg.err"
[ "$(pdfimages -list "$WORK/dg/d.pdf" 2>/dev/null | awk 'NR > 2 && $3 == "image"' | wc -l)" = 1 ] && [ ! -s "$WORK/dg.err" ] \
	&& ok "a manifest's resource_path finds a site-root image" || fail "manifest resource_path" "$(head -c 300 "$WORK/dg.err")"
mkdir -p "$WORK/xdg/galley"
printf 'resource_path: %s\n' "$S/static" > "$WORK/xdg/galley/config.yaml"
XDG_CONFIG_HOME=$WORK/xdg "$GALLEY" pdf -o "$WORK/cfg.pdf" post/index.md 2>"$WORK/cfg.err"
grep -q "site.png" "$WORK/cfg.err" && fail "the config's resource_path finds a site-root image" "$(grep site.png "$WORK/cfg.err")" \
	|| ok "the config's resource_path finds a site-root image"

# ---- a figure that does not fit floats to the next page ---------------------------
mkdir -p "$WORK/fl"
convert -size 600x700 xc:steelblue "$WORK/fl/tall.png"
python3 - "$WORK/fl" <<'PY'
import random, sys
random.seed(7)
words = "the quick brown fox jumps over a lazy dog while galley sets type for print and screen".split()
def para(tag):
    return tag + " " + " ".join(random.choice(words) for _ in range(60)) + "."
def article(name, title, before, after):
    out = ["---", "title: " + title, "---", ""]
    out += [para("Before%d" % i) + "\n" for i in range(before)]
    out += ["![A tall blue block](tall.png \"A tall figure\")", ""]
    out += [para("After%d" % i) + "\n" for i in range(after)]
    open("%s/%s.md" % (sys.argv[1], name), "w").write("\n".join(out))
article("float", "Floats", 6, 10)
article("end", "A figure at the end", 6, 1)
article("next", "The next article", 2, 0)
PY
"$GALLEY" pdf -q -o "$WORK/fl/float.pdf" "$WORK/fl/float.md" 2>"$WORK/fl.err"
page_of() { # PDF WORD: the page whose text has WORD
	local p n; n=$(pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	for p in $(seq "${n:-0}"); do pdftotext -f "$p" -l "$p" "$1" - 2>/dev/null | grep -q "$2" && { echo "$p"; return; }; done
	echo 0
}
fig=$(pdfimages -list "$WORK/fl/float.pdf" 2>/dev/null | awk 'NR > 2 && $3 == "image" { print $1; exit }')
a0=$(page_of "$WORK/fl/float.pdf" After0)
a1=$(page_of "$WORK/fl/float.pdf" After1)
[ "$fig" = 2 ] && [ "$a0" = 1 ] && [ "$a1" = 1 ] \
	&& ok "a figure too tall for the rest of the page goes to the next, the text after it fills the page" \
	|| fail "float: figure on page 2, After0 and After1 on page 1" "figure ${fig:-none}, After0 $a0, After1 $a1"
[ "$(pdftotext -f 2 -l 2 "$WORK/fl/float.pdf" - 2>/dev/null | grep -c 'A tall figure')" = 1 ] \
	&& ok "float: the caption goes with its figure" || fail "float: the caption goes with its figure"
"$GALLEY" pdf -q -o "$WORK/fl/book.pdf" "$WORK/fl/end.md" "$WORK/fl/next.md" 2>/dev/null
fig=$(pdfimages -list "$WORK/fl/book.pdf" 2>/dev/null | awk 'NR > 2 && $3 == "image" { print $1; exit }')
# (the last page naming it: a book of two articles has a contents page)
nextp=$(n=$(pdfinfo "$WORK/fl/book.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }'); for p in $(seq "${n:-0}"); do
	pdftotext -f "$p" -l "$p" "$WORK/fl/book.pdf" - 2>/dev/null | grep -q "The next article" && echo "$p"; done | tail -n 1)
[ -n "$fig" ] && [ "$fig" -lt "$nextp" ] \
	&& ok "float: a figure never moves past the end of its article" \
	|| fail "float: a figure stays in its article" "figure on ${fig:-none}, next article on $nextp"
# a table after the figure is not moved ahead of it, row by row: its rows
# stay together, after the figure
python3 - "$WORK/fl" <<'PY'
import random, sys
random.seed(7)
words = "the quick brown fox jumps over a lazy dog while galley sets type for print and screen".split()
def para(tag):
    return tag + " " + " ".join(random.choice(words) for _ in range(60)) + "."
out = ["---", "title: A table after a figure", "---", ""]
out += [para("Before%d" % i) + "\n" for i in range(6)]
out += ["![A tall blue block](tall.png \"A tall figure\")", ""]
out += ["| Harbour | Tide |", "| --- | --- |"] + ["| Row%d | %d metres |" % (i, i) for i in range(6)] + [""]
out += [para("After%d" % i) + "\n" for i in range(4)]
open(sys.argv[1] + "/table.md", "w").write("\n".join(out))
PY
"$GALLEY" pdf -q -o "$WORK/fl/table.pdf" "$WORK/fl/table.md" 2>/dev/null
fig=$(pdfimages -list "$WORK/fl/table.pdf" 2>/dev/null | awk 'NR > 2 && $3 == "image" { print $1; exit }')
r0=$(page_of "$WORK/fl/table.pdf" Row0)
[ -n "$fig" ] && [ "$r0" -ge "$fig" ] \
	&& ok "float: a table's rows are never moved ahead of a figure" \
	|| fail "float: a table's rows stay after the figure" "figure on ${fig:-none}, Row0 on $r0"
"$GALLEY" epub -q --print-pages -o "$WORK/fl/float.epub" "$WORK/fl/float.md" 2>/dev/null
unzip -p "$WORK/fl/float.epub" 'EPUB/text/*.xhtml' 2>/dev/null | python3 -c '
import re, sys
s = sys.stdin.read()
ids = [int(m) for m in re.findall(r"id=\"page_(\d+)\"", s)]
sys.exit(0 if ids == sorted(ids) and len(ids) >= 2 else 1)' \
	&& ok "float: the EPUB page markers stay in reading order" || fail "float: EPUB page markers in order"
epubcheck_books "$WORK/fl/float.epub"
printf -- '---\ntitle: B\ndate: 2024-01-02\n---\n\n![x](nothere.png)\n' > "$WORK/dg/posts/b.md"
(cd "$WORK" && "$GALLEY" build --strict dg/digest.yaml) 2>"$WORK/dgs.err"
st=$?
[ "$st" = 1 ] && grep -q "dg/posts/b.md:6:1: error: image 'nothere.png' not found" "$WORK/dgs.err" \
	&& ok "galley build --strict: a missing image fails the build" || fail "build --strict" "exit $st: $(head -c 300 "$WORK/dgs.err")"
