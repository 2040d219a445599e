#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# site.sh: articles written for static-site generators (issue 19, items
# 2 to 5), tests/data/site/posts: a Jekyll post (Liquid tags, kramdown
# attribute lists, a highlight block, math, alerts, emoji, links by
# post_url and site address), a second post it links to and back, a Hugo
# page (TOML, shortcodes, ref and relref).  Checked from outside:
#   - no template or attribute syntax reaches the page: "{%", "{{", "{:",
#     "[!NOTE]", ":tada:" appear neither in pdftotext's text nor in the
#     EPUB's;
#   - the words around them, the math's TeX and the call-outs' labels do;
#   - the PDF's internal links (qpdf --json) jump to destinations on pages
#     of the book, in both directions between the posts, and no relative
#     link became a URI;
#   - the EPUB's links point at the chapter files and ids that exist, and
#     the dead link is text; epubcheck reports no error and no warning;
#   - a Jekyll date with a one-digit hour reads, and the post without a
#     date of its own in the front matter gets it from its file name.
source "$(dirname "$0")/lib.sh"
DATA=$TOP/tests/data/site/posts
if [ ! -x "$GALLEY" ]; then fail "galley binary exists" "$GALLEY"; exit 1; fi
mapfile -t POSTS < <(ls "$DATA"/*.md | sort)
PDF=$WORK/site.pdf EPUB=$WORK/site.epub

if "$GALLEY" pdf -q "${POSTS[@]}" -o "$PDF" 2>"$WORK/err"; then ok "galley pdf"; else fail "galley pdf" "$(head -c 300 "$WORK/err")"; fi
if "$GALLEY" epub -q "${POSTS[@]}" -o "$EPUB" 2>"$WORK/err"; then ok "galley epub"; else fail "galley epub" "$(head -c 300 "$WORK/err")"; fi
"$GALLEY" pdf "${POSTS[@]}" -o "$WORK/again.pdf" 2>"$WORK/warnings"

pdftotext "$PDF" "$WORK/pdf.txt" 2>/dev/null
mkdir -p "$WORK/epub" && (cd "$WORK/epub" && unzip -q "$EPUB")
# the chapters' text, tags stripped, entities of the markup kept as written
python3 - "$WORK/epub/EPUB/text" >"$WORK/epub.txt" <<'EOF'
import html, os, re, sys
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    body = open(os.path.join(d, name), encoding="utf-8").read()
    body = body[body.find("<body"):]
    # a highlighted token's <span> is inline: it adds no space
    body = re.sub(r"</?span( class=\"hl-[a-z]+\")?>", "", body)
    print(html.unescape(re.sub(r"<[^>]+>", " ", body)))
EOF

for f in pdf epub; do
	for s in '{%' '{{' '{:' '[!NOTE]' '[!WARNING]' ':tada:' '%}' '}}'; do
		if grep -qF -- "$s" "$WORK/$f.txt"; then
			fail "$f: no '$s' on the page" "$(grep -F -- "$s" "$WORK/$f.txt" | head -n 2 | tr '\n' ' ')"
		else
			ok "$f: no '$s' on the page"
		fi
	done
	for w in 'Welcome to the spring release' 'lambda_1 < 1' 'frac{f(x_n)}' '+ \epsilon' 'Note' 'Warning' \
	         'Tip' 'Important' 'Caution' 'Configuration files' 'Settings.load' '# settings are read once' \
	         'costs $5 and $10' 'the missing page' 'Back up the data folder and stop'; do
		check "$f: '$w' is there" grep -qF -- "$w" "$WORK/$f.txt"
	done
done
check "pdf: the highlight block is code (monospaced)" sh -c "pdffonts '$PDF' | grep -q JetBrainsMono"

# PDF links: every internal link names a destination on a page of the book
python3 - "$PDF" >"$WORK/links" 2>&1 <<'EOF'
import json, subprocess, sys
j = json.loads(subprocess.run(["qpdf", "--json", sys.argv[1]], capture_output=True, text=True).stdout)
objs = {}
for part in j["qpdf"][1:]:
    for k, v in part.items():
        if k.startswith("obj:"):
            objs[k[4:]] = v.get("value")
pages = {p["object"] for p in j["pages"]}
internal = uris = bad = 0
for k, v in objs.items():
    if not isinstance(v, dict) or v.get("/Subtype") != "/Link":
        continue
    dest = v.get("/Dest")
    if dest is None and isinstance(v.get("/A"), dict):
        if "/URI" in v["/A"]:
            uris += 1
            print("uri", v["/A"]["/URI"])
            continue
        dest = v["/A"].get("/D")
    if isinstance(dest, str) and dest in objs:
        dest = objs[dest]
    if isinstance(dest, list) and dest and dest[0] in pages:
        internal += 1
        print("internal page", sorted(pages).index(dest[0]) if False else dest[0])
    else:
        bad += 1
        print("bad", dest)
print("internal", internal, "uris", uris, "bad", bad)
EOF
if grep -q '^internal [0-9]* uris 0 bad 0$' "$WORK/links" && [ "$(awk '/^internal [0-9]/{print $2}' "$WORK/links")" -ge 5 ]; then
	ok "pdf: 5 internal links, each to a page of the book, and no relative URI"
else
	fail "pdf: 5 internal links, each to a page of the book, and no relative URI" "$(tail -n 3 "$WORK/links" | tr '\n' ' ')"
fi

# EPUB links: into chapter files and ids that exist
python3 - "$WORK/epub/EPUB/text" >"$WORK/hrefs" 2>&1 <<'EOF'
import os, re, sys
d = sys.argv[1]
files = {n: open(os.path.join(d, n), encoding="utf-8").read() for n in os.listdir(d)}
good = bad = 0
for name, body in sorted(files.items()):
    for href in re.findall(r'<a [^>]*href="([^"]+)"', body):
        if href.startswith("http"):
            continue
        f, _, frag = href.partition("#")
        target = files.get(f or name)
        if target is not None and (not frag or re.search(r'id="%s"' % re.escape(frag), target)):
            good += 1
            print("ok", name, href)
        else:
            bad += 1
            print("bad", name, href)
print("good", good, "bad", bad)
EOF
if grep -q '^good [0-9]* bad 0$' "$WORK/hrefs" && [ "$(awk '/^good /{print $2}' "$WORK/hrefs")" -ge 5 ]; then
	ok "epub: 5 internal links, each to a file and id of the book"
else
	fail "epub: 5 internal links, each to a file and id of the book" "$(grep bad "$WORK/hrefs" | head -n 3 | tr '\n' ' ')"
fi
check "epub: release notes -> upgrading, at its heading" grep -q 'href="upgrading-2019-04-26.xhtml#before-you-start"' "$WORK/epub/EPUB/text/release-notes-for-the-spring-2019-04-25.xhtml"
check "epub: upgrading -> release notes, at the kramdown id" grep -q 'href="release-notes-for-the-spring-2019-04-25.xhtml#known-issues"' "$WORK/epub/EPUB/text/upgrading-2019-04-26.xhtml"
check "epub: the dead link is text" sh -c "! grep -q 'missing.md' '$WORK/epub/EPUB/text/release-notes-for-the-spring-2019-04-25.xhtml'"
check "epub: math is marked role=math with its TeX" grep -q 'role="math" aria-label="\\lambda_1 &lt; 1"' "$WORK/epub/EPUB/text/release-notes-for-the-spring-2019-04-25.xhtml"
check "epub: a call-out is a note with its label" grep -q '<div class="callout callout-warning" role="note">' "$WORK/epub/EPUB/text/release-notes-for-the-spring-2019-04-25.xhtml"

# warnings: one per file for the tags, one for math, one for the dead link
check "one warning names the removed tags of the Jekyll post" grep -q "release-notes.md:10:1: warning: 2 template tags" "$WORK/warnings"
check "the dead link is named" grep -q "link to 'missing.md' points at nothing" "$WORK/warnings"
check "math is said not to be typeset" grep -q "math is not typeset" "$WORK/warnings"
"$GALLEY" dump "${POSTS[@]}" >"$WORK/dump.json" 2>/dev/null
check "the Jekyll date-time with a one-digit hour reads" grep -q '"date":"2019-04-25T08:00:00Z"' "$WORK/dump.json"
check "dump: links show their target" grep -q '"target":"upgrading-2019-04-26","anchor":"before-you-start"' "$WORK/dump.json"

epubcheck_books "$EPUB"
