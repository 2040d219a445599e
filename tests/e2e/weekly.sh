#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# weekly.sh: weekly runs that nobody watches (issue 22):
#   - a digest with broken articles fails listing every one, or with
#     --keep-going builds the rest (exit 3) with a warning for each;
#   - the man page's crontab line, run for three consecutive Mondays in
#     cron's environment (env -i PATH=/usr/bin:/bin) with the date given
#     through --date, makes three 7-day issues with their own files, dates
#     and issue numbers; last-week.sh with GALLEY= does too;
#   - output folders are created; the PDF and the EPUB are replaced
#     together or not at all;
#   - an empty article is an error;
#   - the small things: ranges in option errors, -o - on a terminal, an
#     -o extension that disagrees, -V after a command, the bar's rate and
#     its erasing on interrupt, TERM=dumb, build and the config file, the
#     importer's headline.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
on_tty() { script -qec "$1" /dev/null </dev/null; }

# article FILE TITLE DATE: a short article of its own words
article() {
	mkdir -p "$(dirname "$1")"
	printf -- '---\ntitle: "%s"\ndate: %s\n---\n\nThe %s report: boats, tides and the market on the quay.\n' \
		"$2" "$3" "$2" >"$1"
}

# ---- keep going ------------------------------------------------------------------
article kg/a/1-ferry.md "Ferry timetable" 2024-03-12
article kg/a/3-library.md "Library hours" 2024-03-14
printf -- '---\ntitle: "Quay repairs"\ndate: 2024-03-41\n---\n\nThe east quay closes.\n' >kg/a/2-quay.md
printf -- '---\ntitle: "Market day\ndate: [2024\n---\n\nStalls return.\n' >kg/a/4-market.md
: >kg/a/5-empty.md
printf 'title: Harbour Notes\nsince: 2024-03-11\nuntil: 2024-03-17\narticles: [a/]\noutput: {pdf: out/notes.pdf, epub: out/notes.epub}\n' >kg/digest.yaml
"$GALLEY" build kg/digest.yaml >kg.out 2>kg.err; rc=$?
[ "$rc" = 1 ] && ok "broken articles: exit 1" || fail "broken articles: exit 1" "rc=$rc"
n=$(grep -c ': error: ' kg.err)
grep -q '2-quay.md:3:.*error' kg.err && grep -q '4-market.md:.*error' kg.err && grep -q '5-empty.md:.*error: an empty article' kg.err &&
	ok "broken articles: every failure listed with its position ($n errors)" ||
	fail "broken articles: every failure listed with its position" "$(head -c 400 kg.err)"
[ ! -e kg/out/notes.pdf ] && [ ! -e kg/out/notes.epub ] && ok "broken articles: nothing written" ||
	fail "broken articles: nothing written"
"$GALLEY" build --keep-going kg/digest.yaml >kg.out 2>kg.err; rc=$?
[ "$rc" = 3 ] && ok "--keep-going: exit 3 (built, articles left out)" || fail "--keep-going: exit 3" "rc=$rc $(head -c 300 kg.err)"
[ "$(grep -c 'warning: article left out' kg.err)" = 3 ] && ok "--keep-going: a warning naming each article left out" ||
	fail "--keep-going: a warning naming each article left out" "$(head -c 400 kg.err)"
txt=$(pdftotext kg/out/notes.pdf - 2>/dev/null)
case "$txt" in *"Ferry timetable report"*"Library hours report"*) ok "--keep-going: the rest is in the PDF" ;;
	*) fail "--keep-going: the rest is in the PDF" ;; esac
python3 -c 'import sys, zipfile; n = [f for f in zipfile.ZipFile(sys.argv[1]).namelist() if f.endswith(".xhtml") and "/a" in f]; print(len(n))' \
	kg/out/notes.epub >/dev/null 2>&1 && ok "--keep-going: the EPUB is written" || fail "--keep-going: the EPUB is written"
printf 'skip_invalid: true\n' >>kg/digest.yaml
"$GALLEY" build -q kg/digest.yaml 2>kg.err; rc=$?
[ "$rc" = 3 ] && ok "skip_invalid: true: exit 3" || fail "skip_invalid: true: exit 3" "rc=$rc"
mkdir -p kg/none && : >kg/none/empty.md
printf 'title: Nothing\narticles: [none/]\noutput: {pdf: out/none.pdf}\n' >kg/none.yaml
"$GALLEY" build -k kg/none.yaml 2>none.err; rc=$?
[ "$rc" = 1 ] && [ ! -e kg/out/none.pdf ] && ok "--keep-going with nothing left: exit 1, nothing written" ||
	fail "--keep-going with nothing left: exit 1, nothing written" "rc=$rc"

# ---- the crontab line of the man page, three Mondays ---------------------------
# Articles every day of 2024-03-04 .. 2024-03-31.
for d in $(seq 4 31); do
	day=$(printf '2024-03-%02d' "$d")
	article "cron/brief/articles/$day.md" "Harbour day $day" "$day"
done
cat >cron/brief/digest.yaml <<'YAML'
title: The Harbour Brief
since: 7d
until: 1d
issue: "Week {week} of {year}"
articles: [articles/]
output: {pdf: "out/brief-{date}.pdf", epub: "out/brief-{date}.epub"}
YAML
line=$(sed -n 's/^0 6 \* \* 1  //p' "$TOP/man/galley.1" | sed 's/\\-/-/g; s/\\e/\\/g')
[ -n "$line" ] && ok "man page: a crontab line" || fail "man page: a crontab line"
# as cron runs it: '\%' is '%'; the installed binary is this one; the
# date is given through --date instead of the clock's
cmd=$(printf '%s' "$line" | sed 's/\\%/%/g')
cmd=${cmd//\/usr\/local\/bin\/galley/$GALLEY}
cmd=${cmd//\/srv\/brief/$WORK/cron/brief}
for monday in 2024-03-18 2024-03-25 2024-04-01; do
	run=${cmd//\$(date +%F)/$monday}
	[ "$run" != "$cmd" ] || { fail "cron $monday: the line dates the issue with \$(date +%F)" "$cmd"; break; }
	env -i PATH=/usr/bin:/bin sh -c "$run" >cron.out 2>cron.err; rc=$?
	[ "$rc" = 0 ] && [ ! -s cron.out ] && [ ! -s cron.err ] && ok "cron $monday: exit 0, silent" ||
		fail "cron $monday: exit 0, silent" "rc=$rc $(head -c 300 cron.err)"
	pdf=cron/brief/out/brief-$monday.pdf
	[ -s "$pdf" ] && [ -s "cron/brief/out/brief-$monday.epub" ] && ok "cron $monday: its own files" ||
		fail "cron $monday: its own files" "$(ls cron/brief/out 2>&1 | tr '\n' ' ')"
	last=$(date -d "$monday - 1 day" +%F) first=$(date -d "$monday - 7 days" +%F)
	days=$(pdftotext "$pdf" - 2>/dev/null | grep -o 'Harbour day 2024-[0-9-]*' | sort -u)
	want=$(for k in 7 6 5 4 3 2 1; do echo "Harbour day $(date -d "$monday - $k days" +%F)"; done)
	[ "$days" = "$want" ] && ok "cron $monday: the seven days $first..$last, no more" ||
		fail "cron $monday: the seven days $first..$last" "$(echo $days)"
	week="Week $(date -d "$monday" +%V) of $(date -d "$monday" +%G)"
	pdftotext -l 1 "$pdf" - 2>/dev/null | grep -q "$week" && ok "cron $monday: the issue, $week" ||
		fail "cron $monday: the issue, $week" "$(pdftotext -l 1 "$pdf" - 2>/dev/null | head -n 5 | tr '\n' ' ')"
done
[ "$(ls cron/brief/out | wc -l)" = 6 ] && ok "cron: three issues, six files" || fail "cron: three issues, six files" "$(ls cron/brief/out)"

# last-week.sh in cron's environment, the binary named by GALLEY=
env -i PATH=/usr/bin:/bin GALLEY="$GALLEY" WEEKLY_OUT="$WORK/lw" "$TOP/examples/weekly/last-week.sh" 2024-03-18 \
	>lw.out 2>lw.err; rc=$?
[ "$rc" = 0 ] && [ -s lw/the-weekly-brief-2024-03-11.pdf ] && ok "last-week.sh under env -i with GALLEY=" ||
	fail "last-week.sh under env -i with GALLEY=" "rc=$rc $(head -c 200 lw.err)"

# ---- all or nothing -------------------------------------------------------------
# the shipped example on a fresh copy: its output folder does not exist yet
mkdir -p fresh && cp -r "$TOP/examples/weekly" fresh/weekly
"$GALLEY" build fresh/weekly/digest.yaml 2>fresh.err; rc=$?
[ "$rc" = 0 ] && [ -s fresh/out/weekly/the-weekly-brief.pdf ] && ok "build creates the output folder" ||
	fail "build creates the output folder" "rc=$rc $(head -c 200 fresh.err)"
umask_dir=$(stat -c %a fresh/out/weekly)
[ "$umask_dir" = "$(printf '%o' $((0777 & ~$(umask))))" ] && ok "the folder's mode comes from the umask ($umask_dir)" ||
	fail "the folder's mode comes from the umask" "$umask_dir"
# the PDF fails (a full disk) while the EPUB is written: neither is replaced
mkdir -p both && echo "an older PDF" >both/x.pdf && echo "an older EPUB" >both/x.epub
printf 'title: Harbour Notes\narticles: [a/1-ferry.md, a/3-library.md]\n' >kg/good.yaml
"$GALLEY" build kg/good.yaml -q --pdf /dev/full --epub both/x.epub 2>both.err; rc=$?
[ "$rc" = 1 ] && [ "$(cat both/x.epub)" = "an older EPUB" ] && ok "PDF failed: the EPUB is not replaced" ||
	fail "PDF failed: the EPUB is not replaced" "rc=$rc $(head -c 200 both.err)"
[ "$(ls both)" = "$(printf 'x.epub\nx.pdf')" ] && ok "PDF failed: no staged file left" || fail "PDF failed: no staged file left" "$(ls both)"

# ---- an empty article --------------------------------------------------------------
: >empty.md
"$GALLEY" pdf -o empty.pdf empty.md 2>empty.err; rc=$?
[ "$rc" = 1 ] && [ ! -e empty.pdf ] && grep -q 'empty.md:1:1: error: an empty article' empty.err &&
	ok "pdf: an empty article is an error" || fail "pdf: an empty article is an error" "rc=$rc $(cat empty.err)"
printf -- '---\ntitle: ""\n---\n\n' >empty2.md
"$GALLEY" epub -o empty.epub empty2.md 2>/dev/null; rc=$?
[ "$rc" = 1 ] && ok "epub: front matter and no text is an error" || fail "epub: front matter and no text is an error" "rc=$rc"

# ---- a book without --title ------------------------------------------------------------
mkdir -p "Harbour Notes" && cp kg/a/1-ferry.md kg/a/3-library.md "Harbour Notes/"
"$GALLEY" epub -o book.epub "Harbour Notes"/*.md 2>book.err; rc=$?
grep -q "without --title: titled 'Harbour Notes' after its folder" book.err && ok "book without --title: a warning" ||
	fail "book without --title: a warning" "$(cat book.err)"
unzip -p book.epub '*.opf' 2>/dev/null | grep -q '<dc:title[^>]*>Harbour Notes</dc:title>' &&
	ok "book without --title: titled after its folder, not its first article" ||
	fail "book without --title: titled after its folder" "$(unzip -p book.epub '*.opf' | grep -o '<dc:title[^<]*<')"

# ---- the small things ------------------------------------------------------------------
cp kg/a/1-ferry.md one.md
"$GALLEY" pdf --columns 3 one.md 2>col.err; rc=$?
[ "$rc" = 2 ] && grep -q "a whole number from 1 to 2" col.err && ok "option error states the range (--columns), exit 2" ||
	fail "option error states the range (--columns), exit 2" "rc=$rc $(cat col.err)"
"$GALLEY" build --jobs 100000 kg/digest.yaml 2>jobs.err; rc=$?
[ "$rc" = 2 ] && grep -q "from 0 to " jobs.err && ok "option error states the range (build --jobs), exit 2" ||
	fail "option error states the range (build --jobs), exit 2" "rc=$rc $(cat jobs.err)"
"$GALLEY" pdf --font-size 400 one.md 2>fs.err; rc=$?
[ "$rc" = 2 ] && grep -q "a size from" fs.err && ok "option error states the range (--font-size)" ||
	fail "option error states the range (--font-size)" "rc=$rc $(cat fs.err)"
"$GALLEY" build --date 2024-03-18 --since 2024-03-20 kg/digest.yaml 2>win.err; rc=$?
[ "$rc" = 2 ] && ok "an empty window is a usage error (exit 2)" || fail "an empty window is a usage error (exit 2)" "rc=$rc"
on_tty "'$GALLEY' pdf -o - one.md" >tty.out 2>&1; rc=$?
grep -aq 'refusing to write a PDF to a terminal' tty.out && ! grep -aq '%PDF' tty.out &&
	ok "-o - refused on a terminal" || fail "-o - refused on a terminal" "$(head -c 200 tty.out | cat -v)"
"$GALLEY" pdf -o - one.md 2>/dev/null | head -c 5 | grep -q '%PDF' && ok "-o - into a pipe still works" ||
	fail "-o - into a pipe still works"
"$GALLEY" pdf one.md -o one.epub 2>ext.err; rc=$?
[ "$rc" = 0 ] && grep -q 'one.epub: warning: the name ends in .epub, but galley pdf writes a PDF' ext.err &&
	ok "an -o extension that disagrees is a warning" || fail "an -o extension that disagrees is a warning" "rc=$rc $(cat ext.err)"
for c in pdf epub dump build import; do
	"$GALLEY" $c --version >v.out 2>v.err && grep -q '^galley [0-9]' v.out && ok "galley $c --version" ||
		fail "galley $c --version" "$(cat v.err)"
done
"$GALLEY" pdf -V one.md >v.out 2>&1 && grep -q '^galley [0-9]' v.out && ok "-V after a command" || fail "-V after a command"
on_tty "TERM=dumb '$GALLEY' pdf -o bad.pdf missing.md" >dumb.out 2>&1
grep -aq 'error' dumb.out && ! grep -aq $'\033' dumb.out && ok "TERM=dumb: no colour" || fail "TERM=dumb: no colour" "$(cat -v dumb.out)"

# the bar on a 1,000-article book: at most ten drawings a second
mkdir -p many
python3 - <<'PY'
for i in range(1000):
    open("many/%04d.md" % i, "w").write('---\ntitle: "Note %d"\n---\n\nA few words on note %d.\n' % (i, i))
PY
start=$(date +%s%N)
on_tty "'$GALLEY' pdf --title Many -o many.pdf many/" >bar.out 2>&1
secs=$(( ($(date +%s%N) - start) / 1000000 ))
draws=$(tr -cd '\r' <bar.out | wc -c)
[ "$draws" -le $(( secs / 100 * 2 + 12 )) ] && ok "the bar is drawn at most ten times a second ($draws in $secs ms, $(wc -c <bar.out) bytes)" ||
	fail "the bar is drawn at most ten times a second" "$draws drawings in $secs ms"
# erased when interrupted: the last bytes on the terminal erase the line
python3 - "$GALLEY" <<'PY' && ok "the bar is erased on interrupt" || fail "the bar is erased on interrupt"
import os, pty, signal, sys, time
pid, fd = pty.fork()
if pid == 0:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.execv(sys.argv[1], [sys.argv[1], "pdf", "--title", "Many", "-o", "many2.pdf", "many/"])
out = b""
deadline = time.monotonic() + 20
while b"] " not in out and time.monotonic() < deadline:
    try:
        out += os.read(fd, 4096)
    except OSError:
        break
os.kill(pid, signal.SIGINT)
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
good = os.WIFSIGNALED(status) and out.endswith(b"\r\x1b[K")
if not good:
    print("# signalled %s, the terminal ends with %r" % (os.WIFSIGNALED(status), out[-40:]))
sys.exit(0 if good else 1)
PY
[ ! -e many2.pdf ] && [ -z "$(ls | grep 'many2.pdf.')" ] && ok "interrupted: no PDF, no temporary" || fail "interrupted: no PDF, no temporary" "$(ls)"

# build reads the configuration file; --no-config ignores it
mkdir -p conf/galley && printf 'strict: true\n' >conf/galley/config.yaml
printf 'title: Strict\nbogus: 1\narticles: [a/]\noutput: {pdf: out/strict.pdf}\n' >kg/strict.yaml
XDG_CONFIG_HOME=$WORK/conf "$GALLEY" build -k kg/strict.yaml >/dev/null 2>conf.err; rc=$?
[ "$rc" = 1 ] && ok "build reads the user config (strict: true)" || fail "build reads the user config (strict: true)" "rc=$rc"
XDG_CONFIG_HOME=$WORK/conf "$GALLEY" build -k --no-config kg/strict.yaml >/dev/null 2>conf.err; rc=$?
[ "$rc" = 3 ] && ok "build --no-config" || fail "build --no-config" "rc=$rc $(cat conf.err)"

# the importer's headline
printf 'Supervisor Elham AbolFateh\nEditor in Chief Mohamed Wadie\n\nHarbour Chief Warns of Winter Storms\n\nWed 12 Jan 2022 | 09:26 PM\nH. Tayea\n\nThe harbour master spoke on Tuesday.\n' >chief.txt
"$GALLEY" import chief.txt 2>imp.err | grep -q '^title: "Harbour Chief Warns of Winter Storms"' &&
	ok "import: a headline with 'Chief' in it" || fail "import: a headline with 'Chief' in it" "$(cat imp.err)"
printf 'Editor in Chief Mohamed Wadie\n\nChief Editor Speaks\n\nWed 12 Jan 2022 | 09:26 PM\n\nThe editor spoke on Tuesday.\n' >editor.txt
"$GALLEY" import editor.txt >/dev/null 2>imp.err; rc=$?
[ "$rc" = 1 ] && grep -q "line 3 'Chief Editor Speaks' was classed as a masthead line" imp.err &&
	ok "import: the error names the line classed as masthead" || fail "import: the error names the line classed as masthead" "$(cat imp.err)"
"$GALLEY" import --headline-line 3 editor.txt 2>imp.err | grep -q '^title: "Chief Editor Speaks"' &&
	ok "import --headline-line 3" || fail "import --headline-line 3" "$(cat imp.err)"
"$GALLEY" import --headline-line 0 editor.txt 2>imp.err; rc=$?
[ "$rc" = 2 ] && grep -q "from 1 to 1000" imp.err && ok "import --headline-line 0: a usage error with the range" ||
	fail "import --headline-line 0: a usage error with the range" "rc=$rc"
