#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# Usage: tools/dlopen-probe.sh PROBE LIBGALLEY SONAME...
#
# Links PROBE, a program that does nothing but needs each SONAME and,
# from each, the functions galley looks up in it with dlsym (the names
# in LIBGALLEY that the library defines), so that dpkg-shlibdeps run on
# PROBE finds the packages, and from their symbols files the versions,
# that galley's dlopen'ed libraries need.  A SONAME that the compiler
# cannot find is an error: the package would lack a dependency.
set -eu
probe=$1 lib=$2
shift 2
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
strings -a "$lib" | sort -u > "$tmp/strings"
args=""
for soname in "$@"; do
	file=$("$cc" -print-file-name="$soname")
	case $file in
	/*) ;;
	*) echo "dlopen-probe: $soname not found" >&2; exit 1 ;;
	esac
	nm -D --defined-only "$file" | awk '{ sub(/@.*/, "", $3); print $3 }' | sort -u > "$tmp/defined"
	used=$(comm -12 "$tmp/strings" "$tmp/defined")
	if [ -z "$used" ]; then
		echo "dlopen-probe: galley names no function of $soname" >&2
		exit 1
	fi
	args="$args -l:$soname"
	for f in $used; do
		args="$args -Wl,-u,$f"
	done
done
echo 'int main(void) { return 0; }' > "$tmp/probe.c"
# shellcheck disable=SC2086 # one word per flag
"$cc" -o "$probe" "$tmp/probe.c" -Wl,--no-as-needed $args
