#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# digest.sh: `galley build` on the weekly example, selection and sorting
# from the command line, bad manifests, the cron script, and
# `galley import`, checked with independent tools:
#   - pdfinfo / qpdf --json for page counts and roman page labels;
#   - tests/e2e/words.py for every word of the selected articles, in
#     order, in the PDF and in the EPUB (and of an imported article);
#   - python3's zipfile for the EPUB's spine, nav, divider pages and cover;
#   - epubcheck, all books of this script in one JVM (EpubBatch.java).
source "$(dirname "$0")/lib.sh"
HERE=$TOP/tests/e2e
WEEKLY=$TOP/examples/weekly
IMPORT=$TOP/tests/data/import
EPUBS=()

# The articles of the example's two weeks (2024-03-04..10 and 11..17), by
# the date in their file names.
mapfile -t WEEK1 < <(ls "$WEEKLY"/*/2024-03-0[4-9]-*.md "$WEEKLY"/*/2024-03-10-*.md 2>/dev/null | sort)
mapfile -t WEEK2 < <(ls "$WEEKLY"/*/2024-03-1[1-7]-*.md | sort)
# In reading order: sections World, Science, Culture, each by date.
in_order() { for s in world science culture; do printf '%s\n' "$@" | grep "/$s/" | sort; done; }
mapfile -t WEEK2_ORDER < <(in_order "${WEEK2[@]}")
[ "${#WEEK1[@]}" -ge 5 ] && [ "${#WEEK2[@]}" -ge 5 ] && ok "example: two weeks of articles" ||
	fail "example: two weeks of articles" "${#WEEK1[@]} + ${#WEEK2[@]}"

# epub_info BOOK: prints one line per fact of the book, for grep:
#   spine: PART|CHAPTER TITLE     (each spine document in order)
#   nav: DEPTH TITLE              (each entry of the toc nav)
#   cover: TEXT                   (the masthead: the title page's text)
epub_info() {
	python3 - "$1" <<'PY'
import re, sys, zipfile, html
z = zipfile.ZipFile(sys.argv[1])
opf_path = re.search(r'full-path="([^"]+)"', z.read('META-INF/container.xml').decode()).group(1)
base = opf_path.rsplit('/', 1)[0] + '/' if '/' in opf_path else ''
opf = z.read(opf_path).decode()
items = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
for idref in re.findall(r'<itemref idref="([^"]+)"', opf):
    text = z.read(base + items[idref]).decode()
    if 'epub:type="part"' in text:
        print('spine: PART', html.unescape(re.search(r'<h1[^>]*>(.*?)</h1>', text, re.S).group(1)))
    elif 'doc-chapter' in text:
        print('spine: CHAPTER', html.unescape(re.sub(r'<[^>]+>', '', re.search(r'<h1[^>]*>(.*?)</h1>', text, re.S).group(1))))
nav = z.read(base + [h for h in items.values() if h.endswith('nav.xhtml')][0]).decode()
toc = re.search(r'<nav epub:type="toc".*?</nav>', nav, re.S).group(0)
depth = 0
for tok in re.findall(r'<ol>|</ol>|<a [^>]*>.*?</a>', toc, re.S):
    if tok == '<ol>': depth += 1
    elif tok == '</ol>': depth -= 1
    else: print('nav:', depth, html.unescape(re.sub(r'<[^>]+>', '', tok)))
cover = z.read(base + 'cover.xhtml').decode() if base + 'cover.xhtml' in z.namelist() else ''
for t in re.findall(r'<text[^>]*>(.*?)</text>', cover, re.S):
    print('cover:', html.unescape(t))
# the cover is a picture now; its masthead is the title page's text
tp = z.read(base + 'titlepage.xhtml').decode() if base + 'titlepage.xhtml' in z.namelist() else ''
for t in re.findall(r'<(?:h1|p)[^>]*>(.*?)</(?:h1|p)>', tp, re.S):
    print('cover:', html.unescape(t))
PY
}

# title_of FILE: the title in an article's front matter.
# (as the books show it: the example's titles hold apostrophes only, which
# smart punctuation turns into U+2019)
title_of() { sed -n 's/^title: "\(.*\)"$/\1/p' "$1" | head -n 1 | sed "s/'/’/g"; }

# ---- galley build on the example ---------------------------------------------
PDF=$WORK/weekly.pdf EPUB=$WORK/weekly.epub
if "$GALLEY" build "$WEEKLY/digest.yaml" --pdf "$PDF" --epub "$EPUB" >"$WORK/out" 2>"$WORK/err"; then
	ok "build: exit 0"
else
	fail "build: exit 0" "$(head -c 300 "$WORK/err")"
fi
[ ! -s "$WORK/out" ] && [ ! -s "$WORK/err" ] && ok "build: silent on success" ||
	fail "build: silent on success" "$(head -c 200 "$WORK/out" "$WORK/err" | tr '\n' ' ')"
[ -s "$PDF" ] && [ -s "$EPUB" ] && ok "build: writes the PDF and the EPUB" ||
	fail "build: writes the PDF and the EPUB"
EPUBS+=("$EPUB")

pages=$(pdfinfo "$PDF" 2>/dev/null | awk '/^Pages:/ { print $2 }')
# a title page, a contents page, then each article on a page of its own
[ "${pages:-0}" -ge $((${#WEEK2[@]} + 2)) ] && ok "build: page count ($pages)" ||
	fail "build: page count" "${pages:-none} pages for ${#WEEK2[@]} articles"
qpdf --json --json-key=pagelabels "$PDF" >"$WORK/labels.json" 2>/dev/null
if python3 -c '
import json, sys
labels = json.load(open(sys.argv[1])).get("pagelabels", [])
styles = [(l["index"], l["label"].get("/S")) for l in labels]
sys.exit(not (styles and styles[0] == (0, "/r") and any(s == "/D" and i > 0 for i, s in styles)))
' "$WORK/labels.json"; then
	ok "build: roman page labels for the front matter, arabic for the body"
else
	fail "build: roman page labels for the front matter, arabic for the body" "$(tr -d ' \n' <"$WORK/labels.json" | head -c 200)"
fi
check "build: every word of the week's articles in order in the PDF" \
	python3 "$HERE/words.py" pdf "$PDF" "${WEEK2_ORDER[@]}"
check "build: every word of the week's articles in order in the EPUB" \
	python3 "$HERE/words.py" epub "$EPUB" "${WEEK2_ORDER[@]}"
pdftotext "$PDF" "$WORK/weekly.txt" 2>/dev/null
missing=""
for f in "${WEEK1[@]}"; do
	t=$(title_of "$f")
	grep -qF "${t:0:30}" "$WORK/weekly.txt" && missing="$missing $(basename "$f")"
done
[ -z "$missing" ] && ok "build: articles outside the week are left out" ||
	fail "build: articles outside the week are left out" "$missing"
grep -qF "The Weekly Brief" "$WORK/weekly.txt" && grep -qF "Marguerite Olsen" "$WORK/weekly.txt" &&
	grep -qF "11 March 2024" "$WORK/weekly.txt" && ok "build: the title page shows the masthead" ||
	fail "build: the title page shows the masthead"
"$GALLEY" build "$WEEKLY/digest.yaml" --pdf "$WORK/again.pdf" --epub "$WORK/again.epub" 2>/dev/null
cmp -s "$PDF" "$WORK/again.pdf" && cmp -s "$EPUB" "$WORK/again.epub" &&
	ok "build: same manifest, same bytes" || fail "build: same manifest, same bytes"

epub_info "$EPUB" >"$WORK/info"
# spine: World part, its articles, Science part ... ; nav nested section > article
spine_expected=""
for s in World Science Culture; do
	spine_expected+="PART $s;"
	for f in "${WEEK2_ORDER[@]}"; do
		case $f in */${s,,}/*) spine_expected+="CHAPTER $(title_of "$f");" ;; esac
	done
done
spine_got=$(sed -n 's/^spine: //p' "$WORK/info" | tr '\n' ';')
[ "$spine_got" = "$spine_expected" ] && ok "epub: divider page before each section's articles, in order" ||
	fail "epub: divider page before each section's articles, in order" "$spine_got"
nav_got=$(sed -n 's/^nav: \([12]\) /\1 /p' "$WORK/info" | tr '\n' ';')
nav_expected=$(echo "$spine_expected" | sed 's/PART /1 /g; s/CHAPTER /2 /g')
[ "$nav_got" = "$nav_expected" ] && ok "epub: nav nested section > article" ||
	fail "epub: nav nested section > article" "$nav_got"
for want in "The Weekly Brief" "News, science and culture from the week" "No. 11" \
            "11 March 2024" "Edited by Marguerite Olsen"; do
	grep -q "^cover: .*$want" "$WORK/info" || { fail "epub: the cover shows the masthead" "no '$want'"; want=""; break; }
done
[ -n "$want" ] && ok "epub: the cover shows the masthead"
unzip -p "$EPUB" '*/nav.xhtml' 2>/dev/null | grep -q 'epub:type="page-list"' &&
	ok "epub: page list of the PDF edition (both outputs)" || fail "epub: page list of the PDF edition (both outputs)"

# ---- selection from the command line -----------------------------------------
if "$GALLEY" build -v "$WEEKLY/digest.yaml" --since 2024-03-04 --until 2024-03-10 \
	--pdf "$WORK/w1.pdf" --epub "$WORK/w1.epub" 2>"$WORK/err"; then
	mapfile -t WEEK1_ORDER < <(in_order "${WEEK1[@]}")
	check "--since/--until: the first week's words in the PDF" python3 "$HERE/words.py" pdf "$WORK/w1.pdf" "${WEEK1_ORDER[@]}"
	EPUBS+=("$WORK/w1.epub")
	n=0
	for f in "${WEEK2[@]}"; do grep -q "${f#$TOP/}:1:1: note: skipped: dated" "$WORK/err" && n=$((n + 1)); done
	[ "$n" -eq "${#WEEK2[@]}" ] && ok "--verbose lists every skipped article with its file" ||
		fail "--verbose lists every skipped article with its file" "$n of ${#WEEK2[@]}: $(head -c 300 "$WORK/err")"
	grep -q "wrote $WORK/w1.pdf" "$WORK/err" && ok "--verbose says what was written" ||
		fail "--verbose says what was written"
else
	fail "--since/--until" "$(head -c 300 "$WORK/err")"
fi

if "$GALLEY" build "$WEEKLY/digest.yaml" --tag music --tag MICROBIOLOGY --sort title \
	--pdf "$WORK/tag.pdf" --epub "$WORK/tag.epub" 2>"$WORK/err"; then
	got=$(epub_info "$WORK/tag.epub" | sed -n 's/^spine: CHAPTER //p' | tr '\n' ';')
	[ "$got" = "Why Sourdough Starters From the Same Flour Taste Different;An Orchestra Plays in a Disused Railway Depot;" ] &&
		ok "--tag (repeatable, any case) keeps only tagged articles" ||
		fail "--tag (repeatable, any case) keeps only tagged articles" "$got"
	EPUBS+=("$WORK/tag.epub")
else
	fail "--tag" "$(head -c 300 "$WORK/err")"
fi

# --sort within each section: title order vs date order
"$GALLEY" build "$WEEKLY/digest.yaml" --since 2024-03-04 --sort title --no-print-pages \
	--epub "$WORK/title.epub" --pdf "$WORK/title.pdf" 2>/dev/null
got=$(epub_info "$WORK/title.epub" | sed -n 's/^spine: CHAPTER //p' | head -n 4 | tr '\n' ';')
expected=$(for f in "$WEEKLY"/world/*.md; do title_of "$f"; done | LC_ALL=C sort -f | tr '\n' ';')
[ "$got" = "$expected" ] && ok "--sort title orders each section by title" ||
	fail "--sort title orders each section by title" "$got / $expected"
"$GALLEY" build "$WEEKLY/digest.yaml" --since 2024-03-04 --sort date \
	--epub "$WORK/date.epub" --pdf "$WORK/date.pdf" 2>/dev/null
got=$(epub_info "$WORK/date.epub" | sed -n 's/^spine: CHAPTER //p' | head -n 4 | tr '\n' ';')
expected=$(for f in $(ls "$WEEKLY"/world/*.md | sort); do title_of "$f"; done | tr '\n' ';')
[ "$got" = "$expected" ] && ok "--sort date orders each section by date" ||
	fail "--sort date orders each section by date" "$got / $expected"
unzip -p "$WORK/title.epub" '*/nav.xhtml' 2>/dev/null | grep -q 'page-list' &&
	fail "--no-print-pages leaves the page list out" || ok "--no-print-pages leaves the page list out"

# a manifest's `print_pages: false` holds even when both editions are built
cp -r "$WEEKLY" "$WORK/wk"
sed 's/print_pages: true/print_pages: false/' "$WEEKLY/digest.yaml" >"$WORK/wk/digest.yaml"
grep -q 'print_pages: false' "$WORK/wk/digest.yaml" &&
	"$GALLEY" build "$WORK/wk/digest.yaml" --since 2024-03-04 \
		--epub "$WORK/nopages.epub" --pdf "$WORK/nopages.pdf" 2>/dev/null
if [ -f "$WORK/nopages.epub" ] && ! unzip -p "$WORK/nopages.epub" '*/nav.xhtml' 2>/dev/null | grep -q 'page-list'; then
	ok "manifest print_pages: false leaves the page list out of a two-edition build"
else
	fail "manifest print_pages: false leaves the page list out of a two-edition build"
fi

# an empty selection is an error, and writes nothing
"$GALLEY" build "$WEEKLY/digest.yaml" --tag no-such-tag --pdf "$WORK/none.pdf" --epub "$WORK/none.epub" 2>"$WORK/err"
rc=$?
[ "$rc" -eq 1 ] && grep -q "error: no article matches" "$WORK/err" && [ ! -e "$WORK/none.pdf" ] && [ ! -e "$WORK/none.epub" ] &&
	ok "empty selection: exit 1 with the reason, no file" ||
	fail "empty selection: exit 1 with the reason, no file" "rc=$rc $(head -c 200 "$WORK/err")"

# usage errors: exit 2
usage() { # NAME ARGS...: expects exit 2 and a usage message
	local n=$1; shift
	"$GALLEY" "$@" >/dev/null 2>"$WORK/err"
	local rc=$?
	[ "$rc" -eq 2 ] && grep -q "usage:" "$WORK/err" && ok "usage: $n" || fail "usage: $n" "rc=$rc $(head -c 200 "$WORK/err")"
}
usage "build without a manifest" build
usage "build with two manifests" build "$WEEKLY/digest.yaml" "$WEEKLY/digest.yaml"
usage "build --since not a date" build "$WEEKLY/digest.yaml" --since 2024-02-30
usage "build --since after --until" build "$WEEKLY/digest.yaml" --since 2024-03-17 --until 2024-03-11
usage "build --sort unknown" build "$WEEKLY/digest.yaml" --sort size
usage "pdf --since after --until" pdf --since 2024-03-17 --until 2024-03-11 "$WEEKLY/world"
usage "import without an article" import
usage "import with two articles" import a.txt b.txt

# ---- manifests in a copy of the example ----------------------------------------
COPY=$WORK/copy
mkdir -p "$COPY" && cp -r "$WEEKLY"/world "$WEEKLY"/science "$WEEKLY"/culture "$COPY"/
# the same story filed twice (same source URL): dropped with a warning
cp "$COPY/world/2024-03-12-border-bridge.md" "$COPY/world/2024-03-13-border-bridge-copy.md"
cat >"$COPY/digest.yaml" <<'EOF'
title: Copy
since: 2024-03-11
until: 2024-03-17
sections:
  - title: World
    articles: [world/]
output: {pdf: out.pdf}
EOF
if "$GALLEY" build "$COPY/digest.yaml" 2>"$WORK/err"; then
	grep -q "2024-03-13-border-bridge-copy.md:1:1: warning: dropped as a duplicate of .*2024-03-12-border-bridge.md" "$WORK/err" &&
		ok "duplicates: warning naming both files" || fail "duplicates: warning naming both files" "$(head -c 300 "$WORK/err")"
	n=$(pdftotext "$COPY/out.pdf" - 2>/dev/null | grep -c "Rivet by rivet")
	[ "$n" -eq 1 ] && ok "duplicates: the story is printed once" || fail "duplicates: the story is printed once" "$n"
	[ -s "$COPY/out.pdf" ] && [ ! -e "$COPY/out.epub" ] && ok "only the output named is written" ||
		fail "only the output named is written"
else
	fail "duplicates" "$(head -c 300 "$WORK/err")"
fi

cat >"$COPY/unknown.yaml" <<'EOF'
title: Unknown keys
colour: blue
articles: [world/]
pdf:
  paper: a5
  gutter: 3mm
output: {pdf: unknown.pdf}
EOF
"$GALLEY" build "$COPY/unknown.yaml" 2>"$WORK/err"
rc=$?
[ "$rc" -eq 0 ] && grep -q "unknown.yaml:2:1: warning: .*colour" "$WORK/err" &&
	grep -q "unknown.yaml:6:3: warning: .*gutter" "$WORK/err" &&
	ok "bad manifest: unknown keys are warnings at LINE:COL" ||
	fail "bad manifest: unknown keys are warnings at LINE:COL" "rc=$rc $(head -c 300 "$WORK/err")"
"$GALLEY" build -q "$COPY/unknown.yaml" 2>"$WORK/err"
[ ! -s "$WORK/err" ] && ok "-q: no warnings" || fail "-q: no warnings" "$(head -c 200 "$WORK/err")"

cat >"$COPY/wrong.yaml" <<'EOF'
title: Wrong type
articles: [world/]
pdf:
  columns: 2
  ragged: [yes]
output: {pdf: wrong.pdf}
EOF
"$GALLEY" build "$COPY/wrong.yaml" 2>"$WORK/err"
rc=$?
[ "$rc" -eq 1 ] && grep -q "wrong.yaml:5:11: error: " "$WORK/err" && [ ! -e "$COPY/wrong.pdf" ] &&
	ok "bad manifest: a wrong type is an error at LINE:COL" ||
	fail "bad manifest: a wrong type is an error at LINE:COL" "rc=$rc $(head -c 300 "$WORK/err")"

printf 'title: No output\narticles: [world/]\n' >"$COPY/nooutput.yaml"
"$GALLEY" build "$COPY/nooutput.yaml" 2>"$WORK/err"
rc=$?
[ "$rc" -eq 1 ] && grep -q "names no output" "$WORK/err" && ok "bad manifest: no output named" ||
	fail "bad manifest: no output named" "rc=$rc $(head -c 300 "$WORK/err")"

printf 'title: Over\narticles: [world/]\noutput: {pdf: world/2024-03-12-border-bridge.md}\n' >"$COPY/over.yaml"
cp "$COPY/world/2024-03-12-border-bridge.md" "$WORK/bridge.md"
"$GALLEY" build "$COPY/over.yaml" 2>"$WORK/err"
rc=$?
[ "$rc" -eq 1 ] && cmp -s "$WORK/bridge.md" "$COPY/world/2024-03-12-border-bridge.md" &&
	ok "build refuses to write over an article" || fail "build refuses to write over an article" "rc=$rc"

# ---- the cron script -------------------------------------------------------------
CRON=$WORK/cron
if GALLEY=$GALLEY WEEKLY_OUT=$CRON "$WEEKLY/last-week.sh" 2024-03-20 >"$WORK/out" 2>"$WORK/err"; then
	ok "last-week.sh: exit 0"
	[ ! -s "$WORK/out" ] && [ ! -s "$WORK/err" ] && ok "last-week.sh: silent on success" ||
		fail "last-week.sh: silent on success" "$(head -c 200 "$WORK/err")"
	if [ -s "$CRON/the-weekly-brief-2024-03-11.pdf" ] && [ -s "$CRON/the-weekly-brief-2024-03-11.epub" ]; then
		ok "last-week.sh 2024-03-20: builds the week of 2024-03-11"
		txt=$(pdftotext -l 1 "$CRON/the-weekly-brief-2024-03-11.pdf" - 2>/dev/null)
		case $txt in *"11 March 2024 – 17 March 2024"*"Week 11 of 2024"*|*"Week 11 of 2024"*"11 March 2024 – 17 March 2024"*)
			ok "last-week.sh: the window and the issue on the title page" ;;
		*) fail "last-week.sh: the window and the issue on the title page" "$(echo "$txt" | head -n 6 | tr '\n' ' ')" ;;
		esac
		check "last-week.sh: every word of that week in the PDF" \
			python3 "$HERE/words.py" pdf "$CRON/the-weekly-brief-2024-03-11.pdf" "${WEEK2_ORDER[@]}"
	else
		fail "last-week.sh 2024-03-20: builds the week of 2024-03-11" "$(ls "$CRON" 2>&1 | tr '\n' ' ')"
	fi
else
	fail "last-week.sh: exit 0" "$(head -c 300 "$WORK/err")"
fi
GALLEY=$GALLEY WEEKLY_OUT=$CRON "$WEEKLY/last-week.sh" 2024-03-11 2>/dev/null &&
	[ -s "$CRON/the-weekly-brief-2024-03-04.pdf" ] && ok "last-week.sh on a Monday: the week before" ||
	fail "last-week.sh on a Monday: the week before"
GALLEY=$GALLEY WEEKLY_OUT=$CRON "$WEEKLY/last-week.sh" not-a-date 2>/dev/null
rc=$?
[ "$rc" -eq 2 ] && ok "last-week.sh: a bad date is exit 2" || fail "last-week.sh: a bad date is exit 2" "rc=$rc"
GALLEY=$GALLEY WEEKLY_OUT=$CRON "$WEEKLY/last-week.sh" 2023-06-01 2>"$WORK/err"
rc=$?
[ "$rc" -eq 1 ] && grep -q "no article matches" "$WORK/err" && ok "last-week.sh: an empty week is exit 1" ||
	fail "last-week.sh: an empty week is exit 1" "rc=$rc"

# ---- selection and publication metadata on galley pdf / epub -----------------------
if "$GALLEY" pdf -q --title "The Weekly Brief" --subtitle "Made by hand" --editor "A. Editor" \
	--issue "No. 12" --since 2024-03-11 --until 2024-03-17 --sort date \
	"$WEEKLY/world" "$WEEKLY/science" "$WEEKLY/culture" -o "$WORK/cli.pdf" 2>"$WORK/err"; then
	# one untitled section: all the week's articles by date (their file names)
	mapfile -t by_date < <(for f in "${WEEK2[@]}"; do echo "$(basename "$f") $f"; done | sort | cut -d' ' -f2)
	check "pdf --since/--until: every word of the week in the PDF" \
		python3 "$HERE/words.py" pdf "$WORK/cli.pdf" "${by_date[@]}"
	txt=$(pdftotext -l 1 "$WORK/cli.pdf" - 2>/dev/null)
	case $txt in *"Made by hand"*) ok "pdf --subtitle on the title page" ;; *) fail "pdf --subtitle on the title page" ;; esac
else
	fail "pdf with selection options" "$(head -c 300 "$WORK/err")"
fi
if "$GALLEY" epub -q --title "Tagged" --tag books "$WEEKLY/culture" -o "$WORK/cli.epub" 2>"$WORK/err"; then
	got=$(epub_info "$WORK/cli.epub" | grep -c '^spine: CHAPTER')
	[ "$got" -eq 2 ] && ok "epub --tag keeps the tagged articles" || fail "epub --tag keeps the tagged articles" "$got"
	EPUBS+=("$WORK/cli.epub")
else
	fail "epub --tag" "$(head -c 300 "$WORK/err")"
fi

# ---- galley import ---------------------------------------------------------------
for txt in "$IMPORT"/*.txt; do
	n=$(basename "$txt" .txt) golden=${txt%.txt}.md
	[ -f "$golden" ] || continue
	if "$GALLEY" import "$txt" >"$WORK/$n.md" 2>"$WORK/err" && cmp -s "$WORK/$n.md" "$golden"; then
		ok "import $n: equals the golden file"
	else
		fail "import $n: equals the golden file" "$(head -c 200 "$WORK/err")"
	fi
done
"$GALLEY" import - <"$IMPORT/sample.txt" >"$WORK/stdin.md" 2>/dev/null && cmp -s "$WORK/stdin.md" "$IMPORT/sample.md" &&
	ok "import -: standard input" || fail "import -: standard input"
if "$GALLEY" import "$IMPORT/sample.txt" -o "$WORK/sample.md" >"$WORK/out" 2>"$WORK/err" &&
	[ ! -s "$WORK/out" ] && [ ! -s "$WORK/err" ] && cmp -s "$WORK/sample.md" "$IMPORT/sample.md"; then
	ok "import -o: writes the file, silently"
else
	fail "import -o: writes the file, silently"
fi
if "$GALLEY" pdf -q "$WORK/sample.md" -o "$WORK/sample.pdf" 2>"$WORK/err"; then
	check "import: every body word survives galley pdf" python3 "$HERE/words.py" pdf "$WORK/sample.pdf" "$WORK/sample.md"
	# and the words of the plain text itself, after the date and byline lines
	body=$(awk 'f; /^H-Tayea$/ { f = 1 }' "$IMPORT/sample.txt" | tr -s ' \n' '\n\n' | grep -c .)
	[ "$body" -gt 100 ] && ok "import: the sample has a body ($body words)" || fail "import: the sample has a body"
else
	fail "import: galley pdf of the result" "$(head -c 300 "$WORK/err")"
fi
"$GALLEY" import "$IMPORT/no-date.txt" >/dev/null 2>"$WORK/err"
rc=$?
[ "$rc" -eq 1 ] && grep -q "no-date.txt:1:1: error: no date line" "$WORK/err" &&
	ok "import: no date line is an error at FILE:LINE" || fail "import: no date line is an error at FILE:LINE" "rc=$rc $(head -c 200 "$WORK/err")"
"$GALLEY" import "$IMPORT/no-headline.txt" -o "$WORK/nh.md" 2>"$WORK/err"
rc=$?
[ "$rc" -eq 1 ] && grep -q "no-headline.txt:[0-9]*:[0-9]*: error: no headline" "$WORK/err" && [ ! -e "$WORK/nh.md" ] &&
	ok "import: no headline is an error at FILE:LINE, no file" || fail "import: no headline is an error at FILE:LINE, no file" "rc=$rc"
"$GALLEY" import "$WORK/missing.txt" 2>"$WORK/err"
[ $? -eq 1 ] && grep -q "missing.txt" "$WORK/err" && ok "import: a missing file is exit 1" || fail "import: a missing file is exit 1"
cp "$IMPORT/sample.txt" "$WORK/self.txt"
"$GALLEY" import "$WORK/self.txt" -o "$WORK/self.txt" 2>/dev/null
[ $? -eq 1 ] && cmp -s "$WORK/self.txt" "$IMPORT/sample.txt" && ok "import refuses to write over its input" ||
	fail "import refuses to write over its input"

# ---- a large digest: the contents move to the end of the spine -------------------
# With more than 100 articles the contents page leaves the reading order
# (linear="no", last in the spine).  Its own print pages (the PDF's front
# matter) then come last in the page list too, which must follow the
# spine (epubcheck NAV-011).
BIG=$WORK/big
if python3 "$TOP/bench/gen.py" 120 "$BIG" >/dev/null 2>&1; then
	cat >"$WORK/big.yaml" <<EOF
title: "A large digest"
lang: en-US
sort: input
sections:
  - title: Articles
    articles: ["$BIG"]
epub:
  print_pages: true
output:
  pdf: "$WORK/big.pdf"
  epub: "$WORK/big.epub"
EOF
	if "$GALLEY" build -q "$WORK/big.yaml" 2>"$WORK/err"; then
		spine_last=$(unzip -p "$WORK/big.epub" '*/package.opf' | grep -o '<itemref [^>]*>' | tail -n 1)
		[[ $spine_last == *'idref="nav"'*'linear="no"'* ]] &&
			ok "large digest: the contents are last in the spine, out of the reading order" ||
			fail "large digest: the contents are last in the spine, out of the reading order" "$spine_last"
		# the page list: every chapter page before any page of the contents
		unzip -p "$WORK/big.epub" '*/nav.xhtml' | sed -n '/page-list/,/<\/nav>/p' |
			grep -o 'href="[^"#]*#page_' | awk '{ if ($0 ~ /nav.xhtml/) seen = 1; else if (seen) bad = 1 } END { exit bad }' &&
			ok "large digest: the page list follows the spine" ||
			fail "large digest: the page list follows the spine"
		n=$(unzip -p "$WORK/big.epub" '*/package.opf' | grep -c '<itemref idref="ch-')
		[ "$n" = 120 ] && ok "large digest: all 120 generated articles kept" ||
			fail "large digest: all 120 generated articles kept" "$n chapters"
		EPUBS+=("$WORK/big.epub")
	else
		fail "large digest: galley build" "$(head -c 300 "$WORK/err")"
	fi
else
	fail "large digest: generate 120 articles"
fi

# ---- epubcheck, every book of this script in one JVM -----------------------------
epubcheck_books "${EPUBS[@]}"
