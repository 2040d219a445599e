#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# lazy.sh: a library galley loads when first needed (libzip for EPUB,
# libharu for PDF) that cannot be used.  A stand-in with the library's file
# name but none of its functions is put first on the loader's path: the
# command fails with the library's message (which library, and why) and
# the command line's advice on installing it, which the library itself
# never gives.
source "$(dirname "$0")/lib.sh"
IN=$TOP/examples/river-ferry.md
printf 'int galley_stand_in;\n' > "$WORK/stand-in.c"
mkdir -p "$WORK/lib"

# lazy_fails NAME COMMAND SONAME_PATTERN PACKAGE OUTPUT: runs `galley COMMAND`
# with a stand-in for the library whose file name the binary asks for.
lazy_fails() {
	local name=$1 cmd=$2 pattern=$3 package=$4 out=$5 soname status
	soname=$(grep -ao "$pattern" "$GALLEY" | head -n 1)
	if [ -z "$soname" ]; then
		fail "$name: the binary names its library" "no $pattern in $GALLEY"
		return
	fi
	rm -f "$WORK/lib"/*
	if ! ${CC:-cc} -shared -fPIC -o "$WORK/lib/$soname" "$WORK/stand-in.c" 2>"$WORK/cc.err"; then
		fail "$name: stand-in library builds" "$(head -n 3 "$WORK/cc.err" | tr '\n' ' ')"
		return
	fi
	LD_LIBRARY_PATH="$WORK/lib" "$GALLEY" "$cmd" -q -o "$WORK/$out" "$IN" 2>"$WORK/err"
	status=$?
	[ "$status" = 1 ] && ok "$name: the command fails (exit 1)" \
		|| fail "$name: the command fails (exit 1)" "exit $status"
	grep -q "^galley: error: cannot load .* ($soname): $soname has no function " "$WORK/err" \
		&& ok "$name: the message names the library and why" \
		|| fail "$name: the message names the library and why" "$(head -c 300 "$WORK/err")"
	grep -q "; install it with 'apt-get install $package'\$" "$WORK/err" \
		&& ok "$name: the command line says how to install it" \
		|| fail "$name: the command line says how to install it" "$(head -c 300 "$WORK/err")"
	[ ! -e "$WORK/$out" ] && ok "$name: no output is left" || fail "$name: no output is left"
}

lazy_fails "libzip missing" epub 'libzip\.so\.[0-9]*' libzip4 x.epub
lazy_fails "libharu missing" pdf 'libhpdf-[0-9.]*\.so' libhpdf-2.3.0 x.pdf
