#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# hostile.sh: galley against hostile input (issue 6).  Whatever it is fed,
# galley either writes a correct book or says what is wrong and where: no
# crash, no hang, no partial or temporary file, the previous output intact,
# the inputs untouched.
#
# The cases are data: tests/data/hostile/CASE/ holds the input(s) and a file
# `expect` of shell assignments (sourced here):
#
#   what=TEXT         what the case is (for the reader of the report)
#   commands=LIST     galley commands to run (default "pdf epub")
#   status=N          the expected exit status
#   stderr=ERE        standard error must match (messages carry FILE:LINE:COL)
#   stderr_lacks=ERE  standard error must not match
#   input=PATH        the input, relative to the case folder (default article.md)
#   args=WORDS        extra options; epub_args=WORDS only for epub
#   out=NAME          output NAME.pdf / NAME.epub inside the output folder
#                     (default "out"); out==PATH: the path PATH, relative to
#                     the case folder (an input, for instance)
#   special=full-disk the output folder is a 16 KiB tmpfs
#   pdf_has / pdf_lacks / epub_has / epub_lacks=ERE
#                     pdftotext's text / the EPUB's XHTML, OPF and NCX must
#                     (not) match
#   pdf_raw_lacks=ERE the uncompressed PDF (qpdf --qdf) must not match
#   pdf_info=ERE      pdfinfo's output must match
#   words=yes         every word of the input, in order, in both outputs
#                     (tests/e2e/words.py)
#   epubcheck=no      too big for epubcheck in the time of a test run (many
#                     minutes); the EPUB's XML is only checked well-formed
#
# Big, binary and CRLF inputs are written at test time by
# tests/data/hostile/gen.py into a copy of the cases; a case may then hold
# expect-text.txt, text both outputs must contain (whitespace ignored).
#
# Every run is checked for: exit status and message; no sanitizer report and
# an exit status below 128 (no crash) within the time limit (no hang).  A
# failing run is made twice: into an empty folder, which must stay empty,
# and over a previous output, which must be byte-identical afterwards and
# alone in its folder.  A successful run replaces a previous output and
# leaves nothing else; its PDF passes qpdf --check and its EPUB epubcheck
# (all EPUBs in one JVM at the end).  The case folder (inputs) is
# checksummed before and after.  Then: concurrent runs into one folder.
source "$(dirname "$0")/lib.sh"
HERE=$TOP/tests/e2e
SRC=$TOP/tests/data/hostile
CASES=$WORK/cases
# A hostile input must fail fast or work in reasonable time; a slower run
# is a hang.  Generous, because sanitizer builds run 3-5 times slower.
TIMEOUT=${HOSTILE_TIMEOUT:-600}
SANITIZER_RE='AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:|Segmentation fault|double free|stack smashing'
PREVIOUS='previous output: must survive a failed run'
FULL=$WORK/full
trap 'umount "$FULL" 2>/dev/null; rm -rf "$WORK"' EXIT

mkdir -p "$CASES" "$WORK/out"
cp -R "$SRC"/. "$CASES"/
rm -f "$CASES/gen.py"
if python3 "$SRC/gen.py" "$CASES" 2>"$WORK/gen.err"; then
	ok "gen.py writes the generated inputs"
else
	fail "gen.py writes the generated inputs" "$(head -c 300 "$WORK/gen.err")"
fi

# snapshot DIR: every entry under DIR with its type and checksum, sorted.
snapshot() {
	(cd "$1" && find . -mindepth 1 -printf '%y %p\n' | sort && find . -type f -print0 | sort -z | xargs -0 -r sha256sum)
}

# listing DIR: the names in DIR, one line.
listing() { (cd "$1" && ls -A | tr '\n' ' '); }

# invoke CASE CMD OUTPATH: runs galley in the case folder; sets $status.
invoke() {
	local case=$1 cmd=$2 outpath=$3 extra=()
	read -ra extra <<<"$args"
	if [ "$cmd" = epub ] && [ -n "$epub_args" ]; then
		local more=(); read -ra more <<<"$epub_args"; extra+=("${more[@]}")
	fi
	(cd "$CASES/$case" && exec timeout -k 5 "$TIMEOUT" "$GALLEY" "$cmd" "${extra[@]}" "$input" -o "$outpath") \
		>"$WORK/stdout" 2>"$WORK/stderr"
	status=$?
}

# verdict: why the last run is wrong (status, message, crash), or nothing.
verdict() {
	if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
		echo "no result within ${TIMEOUT}s (hang)"
	elif [ "$status" -ge 128 ]; then
		echo "crashed (status $status): $(grep -Em1 "$SANITIZER_RE" "$WORK/stderr")"
	elif grep -Eq "$SANITIZER_RE" "$WORK/stderr"; then
		echo "sanitizer report: $(grep -Em1 "$SANITIZER_RE" "$WORK/stderr")"
	elif [ "$status" -ne "$want_status" ]; then
		echo "exit $status, expected $want_status; stderr: $(head -c 300 "$WORK/stderr" | tr '\n' ' ')"
	elif [ -n "$stderr" ] && ! grep -Eq -- "$stderr" "$WORK/stderr"; then
		echo "stderr does not match /$stderr/: $(head -c 300 "$WORK/stderr" | tr '\n' ' ')"
	elif [ -n "$stderr_lacks" ] && grep -Eq -- "$stderr_lacks" "$WORK/stderr"; then
		echo "stderr matches /$stderr_lacks/: $(grep -Em1 -- "$stderr_lacks" "$WORK/stderr" | head -c 300)"
	fi
}

# joined_has FILE TEXTFILE: the text of FILE (a PDF or an EPUB), without
# whitespace and without line-end hyphens, contains TEXTFILE's text.
joined_has() {
	python3 - "$1" "$2" <<'PY'
import re, subprocess, sys, zipfile, html
path, want = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
if path.endswith(".pdf"):
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True).stdout.decode("utf-8", "replace")
    # page furniture: a line that is the first or last of several pages
    # (running head, page number) is not part of the text
    pages = [[l for l in p.split("\n") if l.strip()] for p in text.split("\f")]
    edges = {}
    for p in pages:
        for l in set(p[:1] + p[-1:]):
            edges[l] = edges.get(l, 0) + 1
    furniture = lambda l: edges.get(l, 0) > 1 or l.strip().isdigit()
    text = "\n".join("\n".join(l for i, l in enumerate(p) if not ((i == 0 or i == len(p) - 1) and furniture(l)))
                     for p in pages)
    text = re.sub(r"-\n", "", text)
else:
    with zipfile.ZipFile(path) as z:
        text = "".join(html.unescape(re.sub(r"<[^>]*>", "", z.read(n).decode("utf-8")))
                       for n in z.namelist() if n.endswith(".xhtml"))
squeeze = lambda s: re.sub(r"\s+", "", s)
sys.exit(0 if squeeze(want) in squeeze(text) else 1)
PY
}

# well_formed EPUB: the light check of a book too big for epubcheck:
# `mimetype` first and stored, every XML file well-formed.
well_formed() {
	python3 - "$1" <<'PY'
import sys, zipfile, xml.etree.ElementTree as ET
with zipfile.ZipFile(sys.argv[1]) as z:
    first = z.infolist()[0]
    ok = first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    for n in z.namelist():
        if n.endswith((".xhtml", ".opf", ".ncx", ".xml")):
            try:
                ET.fromstring(z.read(n))
            except ET.ParseError as e:
                print(n, e, file=sys.stderr)
                ok = False
sys.exit(0 if ok else 1)
PY
}

# content_checks CASE CMD FILE: the per-case checks of a successful output;
# prints what is wrong, or nothing.
content_checks() {
	local case=$1 cmd=$2 file=$3
	if [ "$cmd" = pdf ]; then
		qpdf --check "$file" >"$WORK/qpdf" 2>&1 || { echo "qpdf --check: $(grep -v '^checking\|^PDF Version' "$WORK/qpdf" | head -n 2 | tr '\n' ' ')"; return; }
		pdftotext "$file" "$WORK/text" 2>/dev/null || { echo "pdftotext failed"; return; }
		[ -z "$pdf_has" ] || grep -Eq -- "$pdf_has" "$WORK/text" || { echo "PDF text lacks /$pdf_has/"; return; }
		[ -z "$pdf_lacks" ] || ! grep -Eq -- "$pdf_lacks" "$WORK/text" || { echo "PDF text has /$pdf_lacks/"; return; }
		if [ -n "$pdf_raw_lacks" ]; then
			qpdf --qdf --object-streams=disable "$file" "$WORK/raw.pdf" 2>/dev/null
			! grep -aEq -- "$pdf_raw_lacks" "$WORK/raw.pdf" || { echo "PDF objects have /$pdf_raw_lacks/: $(grep -aEo -- ".{0,40}($pdf_raw_lacks).{0,20}" "$WORK/raw.pdf" | head -n 1)"; return; }
		fi
		if [ -n "$pdf_info" ]; then
			pdfinfo "$file" >"$WORK/info" 2>/dev/null
			grep -Eq -- "$pdf_info" "$WORK/info" || { echo "pdfinfo lacks /$pdf_info/: $(grep -E '^(Title|Author|Subject|Keywords):' "$WORK/info" | tr '\n' ' ')"; return; }
		fi
	else
		unzip -p "$file" '*.xhtml' '*.opf' '*.ncx' >"$WORK/xml" 2>/dev/null || { echo "unzip failed"; return; }
		if [ "$epubcheck" != yes ]; then
			well_formed "$file" || { echo "EPUB: malformed XML or mimetype"; return; }
		fi
		[ -z "$epub_has" ] || grep -Eq -- "$epub_has" "$WORK/xml" || { echo "EPUB lacks /$epub_has/"; return; }
		[ -z "$epub_lacks" ] || ! grep -Eq -- "$epub_lacks" "$WORK/xml" || { echo "EPUB has /$epub_lacks/: $(grep -Eo -- ".{0,40}($epub_lacks).{0,20}" "$WORK/xml" | head -n 1)"; return; }
	fi
	if [ "$words" = yes ]; then
		python3 "$HERE/words.py" "$cmd" "$file" "$CASES/$case/$input" >"$WORK/words" 2>&1 || { echo "$(head -n 3 "$WORK/words" | tr '\n' ' ')"; return; }
	fi
	if [ -f "$CASES/$case/expect-text.txt" ]; then
		joined_has "$file" "$CASES/$case/expect-text.txt" || { echo "the text of expect-text.txt is not in the output"; return; }
	fi
}

# full_disk CASE CMD: the output folder is a tiny tmpfs holding a previous
# output; the run must fail and leave exactly that file.
full_disk() {
	local case=$1 cmd=$2 name="$1 ($2)"
	mkdir -p "$FULL"
	if ! mount -t tmpfs -o size=16k tmpfs "$FULL" 2>/dev/null; then
		ok "$name: full disk (skipped: cannot mount a tmpfs here)"
		return
	fi
	printf '%s\n' "$PREVIOUS" >"$FULL/out.$cmd"
	cp "$FULL/out.$cmd" "$WORK/previous"
	args="" epub_args="--embed-fonts"
	invoke "$case" "$cmd" "$FULL/out.$cmd"
	local why; why=$(verdict)
	if [ -n "$why" ]; then fail "$name: full disk fails cleanly" "$why"; else ok "$name: full disk fails cleanly"; fi
	if [ "$(listing "$FULL")" = "out.$cmd " ] && cmp -s "$FULL/out.$cmd" "$WORK/previous"; then
		ok "$name: full disk leaves the previous output intact and no temporary file"
	else
		fail "$name: full disk leaves the previous output intact and no temporary file" "folder: $(listing "$FULL")"
	fi
	umount "$FULL"
}

# run_case CASE: every command of one case.
EPUBS=()
run_case() {
	local case=$1
	what="" commands="pdf epub" status=0 stderr="" stderr_lacks="" input=article.md args="" epub_args=""
	out="" special="" pdf_has="" pdf_lacks="" epub_has="" epub_lacks="" pdf_raw_lacks="" pdf_info="" words=""
	epubcheck=yes
	# shellcheck disable=SC1090
	source "$CASES/$case/expect"
	want_status=$status
	local before; before=$(snapshot "$CASES/$case")
	local cmd
	for cmd in $commands; do
		local name="$case ($cmd)" outdir="$WORK/out/$case.$cmd" outpath why
		if [ "$special" = full-disk ]; then full_disk "$case" "$cmd"; continue; fi
		mkdir -p "$outdir"
		case $out in
		=*) outpath=${out#=} ;;
		"") outpath=$outdir/out.$cmd ;;
		*) outpath=$outdir/$out.$cmd ;;
		esac
		if [ "$want_status" -eq 0 ]; then
			printf '%s\n' "$PREVIOUS" >"$outpath"
			cp "$outpath" "$WORK/previous"
			invoke "$case" "$cmd" "$outpath"
			why=$(verdict)
			if [ -n "$why" ]; then fail "$name: $what" "$why"; continue; fi
			ok "$name: $what"
			if [ "$(listing "$outdir")" != "out.$cmd " ] || cmp -s "$outpath" "$WORK/previous"; then
				fail "$name: output replaced, nothing else left" "folder: $(listing "$outdir")"
				continue
			fi
			why=$(content_checks "$case" "$cmd" "$outpath")
			if [ -n "$why" ]; then fail "$name: output valid and complete" "$why"; else ok "$name: output valid and complete"; fi
			if [ "$cmd" = epub ] && [ "$epubcheck" = yes ]; then EPUBS+=("$outpath"); fi
		else
			invoke "$case" "$cmd" "$outpath"
			why=$(verdict)
			if [ -n "$why" ]; then fail "$name: $what" "$why"; continue; fi
			ok "$name: $what"
			if [ -n "$(listing "$outdir")" ]; then
				fail "$name: nothing written" "folder: $(listing "$outdir")"
			elif [ "${out#=}" != "$out" ] || [ "${out#*/}" != "$out" ]; then
				ok "$name: nothing written"  # no previous output: its folder is missing
			else
				# again over a previous output
				mkdir -p "$(dirname "$outpath")"
				printf '%s\n' "$PREVIOUS" >"$outpath"
				cp "$outpath" "$WORK/previous"
				local listed; listed=$(cd "$outdir" && find . -mindepth 1 | sort | tr '\n' ' ')
				invoke "$case" "$cmd" "$outpath"
				why=$(verdict)
				if [ -n "$why" ]; then
					fail "$name: nothing written, previous output intact" "over a previous output: $why"
				elif [ "$(cd "$outdir" && find . -mindepth 1 | sort | tr '\n' ' ')" != "$listed" ] || ! cmp -s "$outpath" "$WORK/previous"; then
					fail "$name: nothing written, previous output intact" "folder: $(cd "$outdir" && find . -mindepth 1 | tr '\n' ' ')"
				else
					ok "$name: nothing written, previous output intact"
				fi
			fi
		fi
	done
	if [ "$(snapshot "$CASES/$case")" = "$before" ]; then
		ok "$case: inputs unchanged, nothing left beside them"
	else
		fail "$case: inputs unchanged, nothing left beside them" \
			"$(diff <(echo "$before") <(snapshot "$CASES/$case") | grep '^[<>]' | head -n 3 | tr '\n' ' ')"
	fi
}

for dir in "$CASES"/*/; do
	c=$(basename "$dir")
	if [ -n "${HOSTILE_ONLY:-}" ] && ! [[ $c =~ $HOSTILE_ONLY ]]; then continue; fi
	[ -f "$dir/expect" ] || { fail "$c: has an expect file"; continue; }
	run_case "$c"
done

# ---- concurrent runs into one folder ----------------------------------------
# Four runs at once (two articles, both formats) into the same folder; each
# result must equal the same build made alone.
if [ -z "${HOSTILE_ONLY:-}" ]; then
	A=$CASES/scripts/article.md B=$CASES/metadata-escape/article.md
	mkdir -p "$WORK/together" "$WORK/alone"
	pids=()
	for f in pdf epub; do
		"$GALLEY" "$f" -q "$A" -o "$WORK/together/a.$f" 2>>"$WORK/together.err" & pids+=($!)
		"$GALLEY" "$f" -q "$B" -o "$WORK/together/b.$f" 2>>"$WORK/together.err" & pids+=($!)
	done
	failed=0
	for p in "${pids[@]}"; do wait "$p" || failed=1; done
	for f in pdf epub; do
		"$GALLEY" "$f" -q "$A" -o "$WORK/alone/a.$f" 2>/dev/null || failed=1
		"$GALLEY" "$f" -q "$B" -o "$WORK/alone/b.$f" 2>/dev/null || failed=1
	done
	if [ "$failed" -ne 0 ]; then
		fail "concurrent runs into one folder succeed" "$(head -c 300 "$WORK/together.err")"
	elif [ "$(listing "$WORK/together")" != "a.epub a.pdf b.epub b.pdf " ]; then
		fail "concurrent runs leave only their outputs" "$(listing "$WORK/together")"
	elif ! diff -r "$WORK/together" "$WORK/alone" >/dev/null; then
		fail "concurrent runs do not interfere" "$(diff -rq "$WORK/together" "$WORK/alone" | head -n 2 | tr '\n' ' ')"
	else
		ok "concurrent runs into one folder do not interfere"
	fi
fi

# ---- no network, no shell -------------------------------------------------------
# Neither the library nor the tool links in any function that opens a
# connection or runs another program.  Code is loaded in one place only:
# the EPUB adapter (src/epub/zip.c) loads libzip by its fixed file name.
FORBIDDEN='^(socket|connect|getaddrinfo|gethostbyname|system|popen|fork|vfork|posix_spawnp?|exec[lv]p?e?|execvpe)$'
LIBA=$(dirname "$GALLEY")/libgalley.a
if [ -f "$LIBA" ]; then
	found=$( { nm -u "$LIBA"; nm -u "$GALLEY"; } 2>/dev/null | awk '{ print $NF }' | sed 's/@.*//' | grep -E "$FORBIDDEN" | sort -u | tr '\n' ' ')
	if [ -z "$found" ]; then
		ok "no network and no shell: libgalley and galley link none of socket, connect, system, popen, exec, fork"
	else
		fail "no network and no shell" "linked: $found"
	fi
	# (the archive is one object: each source file's object tells where)
	loaders=$(nm -A -u "$(dirname "$GALLEY")"/obj/src/*/*.o 2>/dev/null | grep -E '[[:space:]]dl(open|mopen)(@|$)' \
		| sed 's/^[^:]*\/\([^/:]*\):.*/\1/' | sort -u | tr '\n' ' ')
	# the libraries loaded when first needed (src/base/lazy.h), each by
	# the fixed name its adapter holds
	names=""
	for pair in epub/zip.o:libzip.so base/hb_api.o:libharfbuzz.so base/hb_api.o:libharfbuzz-subset.so \
	            pdf/hpdf_api.o:libhpdf- read/png_api.o:libpng16.so read/gif_api.o:libgif.so \
	            read/webp_api.o:libwebpdemux.so read/xml_api.o:libxml2.so base/svg.o:librsvg-2.so \
	            read/html_api.o:libgumbo.so; do
		strings "$(dirname "$GALLEY")/obj/src/${pair%%:*}" 2>/dev/null | grep -q "^${pair#*:}" || names="$names ${pair#*:}"
	done
	if [ "$loaders" = "lazy.o " ] && [ -z "$names" ]; then
		ok "code is loaded only by src/base/lazy.c, and only libzip, HarfBuzz, libharu, libpng, giflib, libwebp, libxml2, librsvg and gumbo by their fixed names"
	else
		fail "code is loaded only by src/base/lazy.c" "dlopen in: ${loaders:-none}; names not found:${names:- none}"
	fi
fi

# ---- epubcheck, all books in one JVM ------------------------------------------
if [ "${#EPUBS[@]}" -gt 0 ]; then
	java -Xss1024k -cp /usr/share/java/epubcheck.jar "$HERE/EpubBatch.java" "${EPUBS[@]}" >"$WORK/epubcheck" 2>&1
	for e in "${EPUBS[@]}"; do
		n=$(basename "$(dirname "$e")" .epub)
		if grep -qxF "epubcheck: $e: ok" "$WORK/epubcheck"; then
			ok "$n (epub): epubcheck 0 errors 0 warnings"
		else
			fail "$n (epub): epubcheck 0 errors 0 warnings" "$(grep -E '^(ERROR|WARNING|FATAL)' "$WORK/epubcheck" | grep -F "$e" | head -n 2 | cut -c1-200 | tr '\n' ' ')"
		fi
	done
fi
