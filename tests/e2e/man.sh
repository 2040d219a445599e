#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# The manual pages.  galley(1): groff formats it without a warning, `man -l` renders it,
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

# ---- the other pages: galley-config(5), galley-digest(5), libgalley(3) ----
for page in galley-config.5 galley-digest.5 libgalley.3 galley.1; do
	P=$TOP/man/$page
	groff -man -ww -z "$P" >"$WORK/groff.out" 2>&1
	[ ! -s "$WORK/groff.out" ] && ok "$page: groff -ww reports nothing" \
		|| fail "$page: groff -ww reports nothing" "$(head -n 3 "$WORK/groff.out" | tr '\n' ' ')"
	grep -q '^\.\\" SPDX-License-Identifier: BSD-2-Clause' "$P" && ok "$page: SPDX line" \
		|| fail "$page: SPDX line"
	# what lintian runs on a manual page (its manpages check)
	if command -v man >/dev/null 2>&1; then
		LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$P" \
			>/dev/null 2>"$WORK/man.err"
		[ ! -s "$WORK/man.err" ] && ok "$page: man --warnings reports nothing" \
			|| fail "$page: man --warnings reports nothing" "$(head -n 3 "$WORK/man.err" | tr '\n' ' ')"
	fi
done

# galley-digest(5) names every key the manifest reader accepts
sed 's/\\-/-/g' "$TOP/man/galley-digest.5" > "$WORK/digest.5"
keys=$( { grep -o 'strcmp(key, "[a-z_]*")' "$TOP/src/digest/manifest.c" | sed 's/.*"\(.*\)".*/\1/';
          grep -o '^[[:space:]]*{"[a-z_]*", offsetof(galley_meta' "$TOP/src/digest/manifest.c" | sed 's/.*{"\([a-z_]*\)".*/\1/'; } | sort -u)
missing=""
for k in $keys; do grep -q "^\.B[IR]\? $k\b" "$WORK/digest.5" || missing="$missing $k"; done
[ -n "$keys" ] && [ -z "$missing" ] && ok "galley-digest(5) documents every manifest key ($(echo $keys | wc -w))" \
	|| fail "galley-digest(5) documents every manifest key" "missing:$missing"

# galley-config(5) names every setting of the configuration file
sed 's/\\-/-/g' "$TOP/man/galley-config.5" > "$WORK/config.5"
settings=$(sed -n 's/^[[:space:]]*{"\([a-z_]*\)", "[a-z-]*", \(true\|false\)},$/\1/p' "$TOP/src/cli/config.c" | sort -u)
missing=""
for k in $settings; do grep -q "\b$k\b" "$WORK/config.5" || missing="$missing $k"; done
[ -n "$settings" ] && [ -z "$missing" ] && ok "galley-config(5) documents every setting ($(echo $settings | wc -w))" \
	|| fail "galley-config(5) documents every setting" "missing:$missing"

# libgalley(3) names every public header, and only functions the library exports
P3=$TOP/man/libgalley.3
missing=""
for h in "$TOP"/include/galley/*.h; do
	grep -qF "<galley/$(basename "$h")>" "$P3" || missing="$missing $(basename "$h")"
done
[ -z "$missing" ] && ok "libgalley(3) names every public header" \
	|| fail "libgalley(3) names every public header" "missing:$missing"
sh "$TOP/tools/exports.sh" "$TOP"/include/galley.h "$TOP"/include/galley/*.h |
	sed -n 's/^ *\(galley_[a-z0-9_]*\);$/\1/p' | sort -u > "$WORK/exported"
grep -o '\bgalley_[a-z0-9_]*[a-z0-9]' "$P3" | grep -v '_options$\|^galley_doc$\|^galley_error$\|^galley_layout$\|^galley_code$' |
	sort -u > "$WORK/named"
stale=$(comm -23 "$WORK/named" "$WORK/exported" | tr '\n' ' ')
[ -s "$WORK/named" ] && [ -z "$stale" ] && ok "libgalley(3) names only exported functions" \
	|| fail "libgalley(3) names only exported functions" "not exported: $stale"
# its example compiles against the public headers
sed -n '/^\.SH EXAMPLES/,/^\.SH SEE ALSO/p' "$P3" | sed '1,/^\.RS$/d; /^\.RE$/,$d' | sed 's/\\e/\\/g' > "$WORK/example.c"
if cc -std=c11 -Wall -Wextra -Werror -I"$TOP/include" -c -o "$WORK/example.o" "$WORK/example.c" 2>"$WORK/cc.err"; then
	ok "libgalley(3): the example compiles"
else
	fail "libgalley(3): the example compiles" "$(head -n 3 "$WORK/cc.err" | tr '\n' ' ')"
fi
