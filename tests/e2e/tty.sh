#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# Terminal behaviour: the progress bar appears on a terminal (run under
# script(1), which gives the command a pty) for a book of more than a few
# articles, never in a pipe, never with --quiet, never for a short book;
# messages are coloured on a terminal unless NO_COLOR is set (any value).
source "$(dirname "$0")/lib.sh"
cd "$WORK"
for i in 1 2 3 4 5 6 7 8; do cp "$TOP/examples/margins.md" "a$i.md"; done
on_tty() { script -qec "$1" /dev/null </dev/null; }

on_tty "'$GALLEY' pdf -o tty.pdf a*.md" >bar.out 2>&1
grep -aq 'galley: layout .*\] 8/8' bar.out && ok "progress bar on a terminal (pdf)" \
	|| fail "progress bar on a terminal (pdf)" "$(tr '\r' '\n' <bar.out | tail -n 2 | cat -v)"
grep -aq $'\r' bar.out && ok "progress bar redraws one line" || fail "progress bar redraws one line"
on_tty "'$GALLEY' epub -o tty.epub a*.md" >bar.out 2>&1
grep -aq 'galley: epub .*\] 8/8' bar.out && ok "progress bar on a terminal (epub)" \
	|| fail "progress bar on a terminal (epub)"

"$GALLEY" pdf --title Pipe -o pipe.pdf a*.md 2>pipe.err | cat
[ ! -s pipe.err ] && ok "no progress bar in a pipe" || fail "no progress bar in a pipe" "$(cat -v pipe.err | head -c 200)"
on_tty "'$GALLEY' pdf -q -o q.pdf a*.md" >q.out 2>&1
grep -aq 'layout' q.out && fail "no progress bar with --quiet" || ok "no progress bar with --quiet"
on_tty "'$GALLEY' pdf -o short.pdf a1.md a2.md" >short.out 2>&1
grep -aq 'layout' short.out && fail "no progress bar for two articles" || ok "no progress bar for two articles"

on_tty "'$GALLEY' pdf -o bad.pdf missing.md" >col.out 2>&1
grep -aq $'\033\\[1;31merror' col.out && ok "errors are red on a terminal" \
	|| fail "errors are red on a terminal" "$(cat -v col.out)"
on_tty "NO_COLOR= '$GALLEY' pdf -o bad.pdf missing.md" >nocol.out 2>&1
grep -aq $'\033' nocol.out && fail "NO_COLOR (empty) turns colour off" "$(cat -v nocol.out)" \
	|| ok "NO_COLOR (empty) turns colour off"
"$GALLEY" pdf -o bad.pdf missing.md 2>pipecol.err
grep -q $'\033' pipecol.err && fail "no colour in a pipe" || ok "no colour in a pipe"
