#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# The manual page: groff formats it without a warning, `man -l` renders it,
# and it documents every command and every long option that
# `galley help COMMAND` lists (so a new option cannot be left out).
source "$(dirname "$0")/lib.sh"
PAGE=$TOP/man/galley.1
if ! command -v groff >/dev/null 2>&1; then
	fail "groff is installed" "make deps installs groff-base"
	exit 0
fi
groff -man -ww -z "$PAGE" >"$WORK/groff.out" 2>&1
[ ! -s "$WORK/groff.out" ] && ok "man page: groff -ww reports nothing" \
	|| fail "man page: groff -ww reports nothing" "$(head -n 3 "$WORK/groff.out" | tr '\n' ' ')"
if command -v man >/dev/null 2>&1; then
	MANWIDTH=80 man -l "$PAGE" >"$WORK/man.txt" 2>"$WORK/man.err"
	grep -q 'EXIT STATUS' "$WORK/man.txt" && [ ! -s "$WORK/man.err" ] \
		&& ok "man page: man -l renders it" || fail "man page: man -l renders it" "$(cat "$WORK/man.err")"
fi
# The page as plain text, with groff's hyphen escapes undone.
sed 's/\\-/-/g' "$PAGE" > "$WORK/page"
for cmd in pdf epub build import dump help; do
	grep -q "^\.B $cmd\b\|^\.B galley $cmd\b" "$WORK/page" && ok "man page: command $cmd" \
		|| fail "man page: command $cmd"
done
for section in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
	grep -q "^\.SH $section" "$WORK/page" && ok "man page: section $section" \
		|| fail "man page: section $section"
done
for var in SOURCE_DATE_EPOCH NO_COLOR GALLEY_FONT_DIR XDG_CONFIG_HOME; do
	grep -q "^\.B $var" "$WORK/page" && ok "man page: environment $var" \
		|| fail "man page: environment $var"
done
missing=""
for cmd in pdf epub dump build import; do
	"$GALLEY" help "$cmd" >"$WORK/help" 2>/dev/null || { missing="$missing $cmd(no help)"; continue; }
	for opt in $(grep -o -- '--[a-z][a-z0-9-]*' "$WORK/help" | sort -u); do
		# options listed in the help's option lines only
		grep -q -- "^ *\(-., \)\?$opt\b" "$WORK/help" || continue
		grep -q -- "$opt\b" "$WORK/page" || missing="$missing $cmd:$opt"
	done
done
[ -z "$missing" ] && ok "man page: every option of every command" \
	|| fail "man page: every option of every command" "missing$missing"
