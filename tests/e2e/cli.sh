#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# cli.sh: the command line's contract, tested from outside: usage errors
# and exit statuses, help and version, messages with FILE:LINE:COL, refusing
# to overwrite an input, atomic output (a failed run leaves nothing behind
# and never touches an existing output), default output names, standard
# input and output.
source "$(dirname "$0")/lib.sh"
DATA=$TOP/tests/data/cli

# run CMD...: runs galley, keeping stdout, stderr and the exit status.
run() { "$GALLEY" "$@" >"$WORK/stdout" 2>"$WORK/stderr"; status=$?; }
# expect NAME STATUS PATTERN: the last run exited with STATUS and its
# stderr matches the extended regexp PATTERN (empty: no check).
expect() {
	local name=$1 want=$2 pattern=${3:-}
	if [ "$status" -ne "$want" ]; then
		fail "$name" "exit $status, expected $want; stderr: $(head -c 300 "$WORK/stderr" | tr '\n' ' ')"
	elif [ -n "$pattern" ] && ! grep -Eq -- "$pattern" "$WORK/stderr"; then
		fail "$name" "stderr does not match /$pattern/: $(head -c 300 "$WORK/stderr" | tr '\n' ' ')"
	else
		ok "$name"
	fi
}
# only_files DIR NAME...: DIR holds exactly the files NAME... (no temp file)
only_files() {
	local dir=$1; shift
	local want=""
	[ $# -gt 0 ] && want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	[ "$(cd "$dir" && ls -A | sort | tr '\n' ' ')" = "$want" ]
}

# ---- usage errors: exit 2 and "galley: usage:" ----------------------------
run; expect "no command is a usage error" 2 '^galley: usage: '
run frobnicate x.md; expect "unknown command is a usage error" 2 "^galley: usage: unknown command 'frobnicate'"
run pdf --bogus "$DATA/good.md"; expect "unknown long option" 2 "^galley: usage: unknown option '--bogus'"
run pdf -Z "$DATA/good.md"; expect "unknown short option" 2 "^galley: usage: unknown option '-Z'"
run pdf "$DATA/good.md" -o; expect "missing argument of -o" 2 "^galley: usage: option '-o' needs an argument"
run pdf "$DATA/good.md" --paper; expect "missing argument of --paper" 2 "^galley: usage: option '--paper' needs an argument"
run pdf --ragged=yes "$DATA/good.md"; expect "argument to a flag" 2 "^galley: usage: option '--ragged' takes no argument"
run pdf; expect "no input" 2 '^galley: usage: no INPUT'
run pdf "$DATA/good.md" "$DATA/folder"; expect "several inputs need -o" 2 '^galley: usage: several inputs'
run pdf --columns 3 "$DATA/good.md" -o "$WORK/x.pdf"; expect "columns out of range" 2 "^galley: usage: invalid value '3' for --columns"
run pdf --font-size big "$DATA/good.md" -o "$WORK/x.pdf"; expect "font size not a number" 2 "invalid value 'big' for --font-size"
run pdf --paper tabloid-ish "$DATA/good.md" -o "$WORK/x.pdf"; expect "unknown paper" 2 "invalid value 'tabloid-ish' for --paper"
run pdf --margin 300pt "$DATA/good.md" -o "$WORK/x.pdf"; expect "margins leave no text area" 2 '^galley: usage: the margins leave'
run epub --toc-depth 0 "$DATA/good.md" -o "$WORK/x.epub"; expect "toc depth out of range" 2 "invalid value '0' for --toc-depth"
run pdf --lang 'en GB' "$DATA/good.md" -o "$WORK/x.pdf"; expect "malformed language tag" 2 "invalid value 'en GB' for --lang"
run pdf --css x.css "$DATA/good.md" -o "$WORK/x.pdf"; expect "EPUB option refused by pdf" 2 "unknown option '--css'"
run dump -o "$WORK/x.json" "$DATA/good.md"; expect "dump has no -o" 2 "unknown option '-o'"
run pdf - < "$DATA/good.md"; expect "standard input needs -o" 2 '^galley: usage: standard input'
run help nope; expect "help of an unknown command" 2 "unknown command 'nope'"
run pdf --bogus; if grep -q "Try 'galley pdf --help'" "$WORK/stderr"; then ok "usage error names the command's help"; else fail "usage error names the command's help"; fi
[ ! -e "$WORK/x.pdf" ] && [ ! -e "$WORK/x.epub" ] && ok "usage errors write nothing" || fail "usage errors write nothing"

# ---- help and version --------------------------------------------------------
run --help; expect "galley --help exits 0" 0
grep -q '^Usage:' "$WORK/stdout" && grep -q 'galley epub' "$WORK/stdout" && ok "galley --help lists the commands" || fail "galley --help lists the commands"
for cmd in pdf epub dump; do
	run "$cmd" --help; expect "galley $cmd --help exits 0" 0
	grep -q "^Usage: galley $cmd" "$WORK/stdout" && ok "galley $cmd --help shows its usage" || fail "galley $cmd --help shows its usage"
	cp "$WORK/stdout" "$WORK/help1"
	run help "$cmd"
	cmp -s "$WORK/stdout" "$WORK/help1" && ok "galley help $cmd equals galley $cmd --help" || fail "galley help $cmd equals galley $cmd --help"
done
run pdf --help; grep -q -- '--paper SIZE' "$WORK/stdout" && ! grep -q -- '--css' "$WORK/stdout" && ok "pdf help lists only pdf options" || fail "pdf help lists only pdf options"
run epub --help; grep -q -- '--toc-depth N' "$WORK/stdout" && grep -q -- '--print-pages' "$WORK/stdout" && ok "epub help lists epub options" || fail "epub help lists epub options"
run --version; expect "--version exits 0" 0
grep -Eq '^galley [0-9]+\.[0-9]+\.[0-9]+$' "$WORK/stdout" && ok "--version prints the version" || fail "--version prints the version" "$(cat "$WORK/stdout")"

# ---- input errors: exit 1 with FILE:LINE:COL -------------------------------
run pdf "$WORK/missing.md" -o "$WORK/x.pdf"; expect "missing input exits 1" 1 "^galley: $WORK/missing.md: error: "
[ ! -e "$WORK/x.pdf" ] && ok "missing input writes nothing" || fail "missing input writes nothing"
run pdf "$DATA/bad-yaml.md" -o "$WORK/x.pdf"; expect "YAML syntax error: exit 1 at 3:14" 1 "^galley: $DATA/bad-yaml.md:3:14: error: "
run epub "$DATA/bad-type.md" -o "$WORK/x.epub"; expect "wrong type: exit 1 at 3:8" 1 "^galley: $DATA/bad-type.md:3:8: error: "
run dump "$DATA/bad-date.md"; expect "impossible date: exit 1 at 4:7" 1 "^galley: $DATA/bad-date.md:4:7: error: "
run pdf "$DATA/bad-yaml.md" "$DATA/bad-type.md" -o "$WORK/x.pdf"
expect "every failing input is reported" 1 "bad-type.md:3:8: error: "
grep -q "bad-yaml.md:3:14: error: " "$WORK/stderr" && ok "first failing input reported too" || fail "first failing input reported too"

# ---- warnings ----------------------------------------------------------------
run dump "$DATA/raw-html.md"; expect "HTML left out is a warning with a position" 0 "^galley: $DATA/raw-html.md:6:[0-9]+: warning: "
run dump -q "$DATA/raw-html.md"; expect "-q hides warnings" 0
[ ! -s "$WORK/stderr" ] && ok "-q prints nothing on success" || fail "-q prints nothing on success" "$(cat "$WORK/stderr")"

# ---- never overwrite an input ---------------------------------------------
mkdir -p "$WORK/same" && cp "$DATA/good.md" "$WORK/same/a.md"
run pdf "$WORK/same/a.md" -o "$WORK/same/a.md"; expect "output equal to input refused" 1 'refusing to write the output over an input'
cmp -s "$DATA/good.md" "$WORK/same/a.md" && ok "refused input is untouched" || fail "refused input is untouched"
(cd "$WORK/same" && "$GALLEY" epub ./a.md -o "$WORK/same/../same/a.md" >/dev/null 2>&1); st=$?
[ "$st" -eq 1 ] && cmp -s "$DATA/good.md" "$WORK/same/a.md" && ok "same file under another spelling refused" || fail "same file under another spelling refused" "exit $st"
ln -s a.md "$WORK/same/link.md"
run pdf "$WORK/same/a.md" -o "$WORK/same/link.md"; expect "output symlinked to input refused" 1 'refusing'
cmp -s "$DATA/good.md" "$WORK/same/a.md" && ok "input behind the symlink untouched" || fail "input behind the symlink untouched"
cp -r "$DATA/folder" "$WORK/same/folder"
run pdf "$WORK/same/folder" -o "$WORK/same/folder/b-second.md"; expect "output equal to an article of a folder refused" 1 'refusing'

# ---- atomic output -------------------------------------------------------------
mkdir -p "$WORK/atomic"
run pdf "$DATA/bad-yaml.md" -o "$WORK/atomic/new.pdf"
only_files "$WORK/atomic" && ok "failed run leaves no file" || fail "failed run leaves no file" "$(ls -A "$WORK/atomic")"
printf 'previous PDF\n' >"$WORK/atomic/old.pdf"; printf 'previous EPUB\n' >"$WORK/atomic/old.epub"
run pdf "$DATA/bad-type.md" -o "$WORK/atomic/old.pdf"; expect "bad input over an existing output fails" 1
run pdf --fonts "$WORK/no-such-fonts" "$DATA/good.md" -o "$WORK/atomic/old.pdf"; expect "missing fonts folder fails" 1 'error: '
run epub --cover "$WORK/no-such-cover.png" "$DATA/good.md" -o "$WORK/atomic/old.epub"; expect "missing cover fails" 1 'error: '
run epub --css "$WORK/no-such.css" "$DATA/good.md" -o "$WORK/atomic/old.epub"; expect "missing stylesheet fails" 1 'error: '
[ "$(cat "$WORK/atomic/old.pdf")" = "previous PDF" ] && [ "$(cat "$WORK/atomic/old.epub")" = "previous EPUB" ] \
	&& ok "failed runs leave existing outputs untouched" || fail "failed runs leave existing outputs untouched"
only_files "$WORK/atomic" old.pdf old.epub && ok "failed runs leave no temporary file" || fail "failed runs leave no temporary file" "$(ls -A "$WORK/atomic")"
mkdir "$WORK/atomic/adir"
run pdf "$DATA/good.md" -o "$WORK/atomic/adir"; expect "output onto a folder fails" 1 'error: '
run epub "$DATA/good.md" -o "$WORK/atomic/adir"; expect "epub onto a folder fails" 1 'error: '
only_files "$WORK/atomic" old.pdf old.epub adir && only_files "$WORK/atomic/adir" && ok "writing onto a folder leaves no temporary file" || fail "writing onto a folder leaves no temporary file" "$(ls -A "$WORK/atomic")"
run pdf "$DATA/good.md" -o "$WORK/atomic/old.pdf"; expect "a good run replaces the output" 0
head -c 5 "$WORK/atomic/old.pdf" | grep -q '%PDF-' && ok "replaced output is a PDF" || fail "replaced output is a PDF"
run pdf "$DATA/good.md" -o "$WORK/no-such-dir/x.pdf"; expect "output in a missing folder fails" 1 'error: '

# ---- default output names -----------------------------------------------------
mkdir -p "$WORK/names" && cd "$WORK/names" || exit 1
"$GALLEY" pdf "$DATA/good.md" 2>"$WORK/stderr"; st=$?
[ "$st" -eq 0 ] && [ -f good.pdf ] && ok "pdf NAME.md writes ./NAME.pdf" || fail "pdf NAME.md writes ./NAME.pdf" "exit $st $(cat "$WORK/stderr")"
"$GALLEY" epub "$DATA/good.md" 2>"$WORK/stderr"; st=$?
[ "$st" -eq 0 ] && [ -f good.epub ] && ok "epub NAME.md writes ./NAME.epub" || fail "epub NAME.md writes ./NAME.epub" "exit $st $(cat "$WORK/stderr")"
"$GALLEY" pdf "$DATA/folder/" 2>"$WORK/stderr"; st=$?
[ "$st" -eq 0 ] && [ -f folder.pdf ] && ok "pdf FOLDER/ writes ./FOLDER.pdf" || fail "pdf FOLDER/ writes ./FOLDER.pdf" "exit $st $(cat "$WORK/stderr")"
only_files . good.pdf good.epub folder.pdf && ok "default names write nothing else" || fail "default names write nothing else" "$(ls -A)"
cd "$TOP" || exit 1

# ---- several inputs, folders, standard input and output --------------------------
run dump "$DATA/folder" "$DATA/good.md"; expect "folder and file inputs" 0
python3 - "$WORK/stdout" <<'EOF' && ok "folder articles in name order, then the file" || fail "folder articles in name order, then the file"
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
i, j, k = (text.find(t) for t in ("First in the folder", "Second in the folder", "A Short Note on Ferries"))
sys.exit(0 if -1 < i < j < k and "not Markdown" not in text else 1)
EOF
run pdf - -o "$WORK/stdin.pdf" < "$DATA/good.md"; expect "standard input with -o" 0
[ -s "$WORK/stdin.pdf" ] && ok "standard input makes a PDF" || fail "standard input makes a PDF"
run pdf "$DATA/good.md" -o -; expect "-o - writes to standard output" 0
head -c 5 "$WORK/stdout" | grep -q '%PDF-' && ok "standard output holds the PDF" || fail "standard output holds the PDF"
run epub "$DATA/good.md" -o - ; head -c 2 "$WORK/stdout" | grep -q 'PK' && ok "standard output holds the EPUB" || fail "standard output holds the EPUB"
run dump --title "Overridden Title" --lang en-GB "$DATA/good.md"; expect "dump with metadata options" 0
grep -q 'Overridden Title' "$WORK/stdout" && grep -q 'en-GB' "$WORK/stdout" && ok "--title and --lang reach the model" || fail "--title and --lang reach the model"
run pdf -qv "$DATA/good.md" -o"$WORK/bundled.pdf"; expect "bundled short options and -oFILE" 0
[ -s "$WORK/bundled.pdf" ] && ok "-oFILE writes FILE" || fail "-oFILE writes FILE"
run pdf -- "$DATA/good.md" --output="$WORK/eq.pdf"; expect "-- ends the options" 2 'several inputs'
run pdf --output="$WORK/eq.pdf" -v "$DATA/good.md"; expect "--output=FILE and -v" 0 '^galley: wrote '

# Document info and outline in any script: UTF-16 text strings (galley
# writes them itself, without libharu's UTF-8 encoder), read back by
# pdfinfo and qpdf.
cat >"$WORK/utf.md" <<'MD'
---
title: "Ça coûte 5 € — naïve 🚀"
author: "Zoë Ørsted"
summary: "Résumé ✓"
tags: [économie]
---

## Première partie

Text.

## Plain (ASCII) heading

More text.
MD
run pdf "$WORK/utf.md" -o "$WORK/utf.pdf"; expect "non-ASCII metadata: a PDF" 0
info=$(pdfinfo "$WORK/utf.pdf" 2>/dev/null)
if grep -qx 'Title: *Ça coûte 5 € — naïve 🚀' <<<"$info" && grep -qx 'Author: *Zoë Ørsted' <<<"$info" &&
   grep -qx 'Subject: *Résumé ✓' <<<"$info" && grep -qx 'Keywords: *économie' <<<"$info"; then
	ok "non-ASCII document info, astral plane included, reads back"
else
	fail "non-ASCII document info reads back" "$(head -n 4 <<<"$info" | tr '\n' '|')"
fi
outl=$(qpdf --json --json-key=outlines "$WORK/utf.pdf" 2>/dev/null | sed -n 's/.*"title": "\(.*\)".*/\1/p' | tr '\n' '|')
[ "$outl" = "Première partie|Plain (ASCII) heading|Ça coûte 5 € — naïve 🚀|" ] &&
	ok "non-ASCII and ASCII outline titles read back" || fail "outline titles read back" "$outl"

# A pipe or a device as the output is written as it is: renaming a finished
# file over it would replace the FIFO (or /dev/null itself) with a file.
for fmt in pdf epub; do
	rm -f "$WORK/fifo" "$WORK/from-fifo"
	if mkfifo "$WORK/fifo" 2>/dev/null; then
		timeout 60 cat "$WORK/fifo" >"$WORK/from-fifo" &  # a broken writer leaves it waiting
		reader=$!
		run "$fmt" "$DATA/good.md" -o "$WORK/fifo"
		wait "$reader"
		if [ "$status" = 0 ] && [ -p "$WORK/fifo" ] && [ -s "$WORK/from-fifo" ] &&
		   head -c 4 "$WORK/from-fifo" | grep -q -e '%PDF' -e 'PK'; then
			ok "$fmt into a FIFO: the bytes go through it, the FIFO stays"
		else
			fail "$fmt into a FIFO" "status $status, $(ls -l "$WORK/fifo" 2>&1)"
		fi
	fi
done

# Through a symbolic link the file it names is written and the link stays:
# a link to a file, a dangling link (its file is created), and a link like
# /dev/stdout (to /proc/self/fd/1) with standard output sent to a file.
for fmt in pdf epub; do
	rm -f "$WORK/target.$fmt" "$WORK/link.$fmt" "$WORK/dangling-target.$fmt" "$WORK/dangling.$fmt" \
	      "$WORK/fd1.$fmt" "$WORK/redirected.$fmt"
	echo old >"$WORK/target.$fmt"
	ln -s "target.$fmt" "$WORK/link.$fmt"
	ln -s "dangling-target.$fmt" "$WORK/dangling.$fmt"
	ln -s /proc/self/fd/1 "$WORK/fd1.$fmt"
	run "$fmt" "$DATA/good.md" -o "$WORK/link.$fmt"; s1=$status
	run "$fmt" "$DATA/good.md" -o "$WORK/dangling.$fmt"; s2=$status
	"$GALLEY" "$fmt" -q "$DATA/good.md" -o "$WORK/fd1.$fmt" >"$WORK/redirected.$fmt"; s3=$?
	magic=$([ "$fmt" = pdf ] && echo '%PDF' || echo 'PK')
	if [ "$s1$s2$s3" = 000 ] && [ -L "$WORK/link.$fmt" ] && [ -L "$WORK/dangling.$fmt" ] && [ -L "$WORK/fd1.$fmt" ] &&
	   head -c 4 "$WORK/target.$fmt" | grep -q "$magic" && head -c 4 "$WORK/dangling-target.$fmt" | grep -q "$magic" &&
	   head -c 4 "$WORK/redirected.$fmt" | grep -q "$magic"; then
		ok "$fmt through symbolic links: the files they name are written, the links stay"
	else
		fail "$fmt through symbolic links" "status $s1$s2$s3; $(ls -l "$WORK"/*link."$fmt" "$WORK"/*target."$fmt" "$WORK/fd1.$fmt" 2>&1 | tr '\n' ' ')"
	fi
done
