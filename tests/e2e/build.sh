#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# The Makefile rebuilds what a change affects, and only that.
#
# 1. Flags: one object built in a folder of its own is rebuilt when CFLAGS,
#    CPPFLAGS, CC or PREFIX (compiled in as the data folder) change, and
#    not when nothing changed or only DESTDIR did.
# 2. Headers: a unit test binary is out of date when a header it includes
#    changes (make -W pretends the header was just modified, without
#    touching it), and not for a header it does not include.  The library
#    is copied from the suite's build and held back with make -o, so that
#    only the test itself is built here.
source "$(dirname "$0")/lib.sh"
cd "$TOP"
B=${B:-build}
# the kind of build the suite runs, from its folder (the Makefile's B)
case $B in */asan) BUILD=asan ;; */tsan) BUILD=tsan ;; *) BUILD=release ;; esac
OWN=$WORK/build
OBJ=$OWN/obj/src/model/doc.o
mk() { make -s BUILD="$BUILD" B="$OWN" "$@"; }

# compiled NAME MAKE-ARGS...: ok when the object was compiled
compiled() {
	local name=$1; shift
	if mk "$@" "$OBJ" >"$WORK/log" 2>&1 && grep -q 'CC *src/model/doc.c' "$WORK/log"; then
		ok "$name"
	else
		fail "$name" "$(tr '\n' ' ' <"$WORK/log" | head -c 200)"
	fi
}
# kept NAME MAKE-ARGS...: ok when make had nothing to compile
kept() {
	local name=$1; shift
	if mk "$@" "$OBJ" >"$WORK/log" 2>&1 && ! grep -q 'CC ' "$WORK/log"; then
		ok "$name"
	else
		fail "$name" "$(tr '\n' ' ' <"$WORK/log" | head -c 200)"
	fi
}

compiled "flags: a first build compiles"
kept "flags: nothing changed, nothing compiled"
compiled "flags: CFLAGS changed, recompiled" CFLAGS="-O0 -g"
kept "flags: the same CFLAGS again, nothing compiled" CFLAGS="-O0 -g"
compiled "flags: back to the default CFLAGS, recompiled"
compiled "flags: PREFIX changed, recompiled" PREFIX=/opt/galley-test
kept "flags: the same PREFIX again, nothing compiled" PREFIX=/opt/galley-test
kept "flags: DESTDIR is not compiled in, nothing compiled" PREFIX=/opt/galley-test DESTDIR="$WORK/stage"
compiled "flags: CPPFLAGS changed, recompiled" PREFIX=/opt/galley-test CPPFLAGS=-DGALLEY_TEST_FLAG
compiled "flags: CC changed, recompiled" PREFIX=/opt/galley-test CPPFLAGS=-DGALLEY_TEST_FLAG \
	CC="$(command -v cc)"
grep -q "/opt/galley-test/share/galley" "$OWN/flags" && ok "flags: the file records PREFIX's data folder" \
	|| fail "flags: the file records PREFIX's data folder" "$(head -c 200 "$OWN/flags")"

# test binaries and the headers they include, linked with the suite's
# library (whichever archive the tests link), which make -o holds back
rm -rf "$OWN" && mkdir -p "$OWN"
HOLD=()
for a in libgalley.a libgalley-internal.a; do
	[ -f "$B/$a" ] && cp "$B/$a" "$OWN/$a"
	HOLD+=(-o "$OWN/$a")
done
if mk "${HOLD[@]}" "$OWN/tests/test_arena" "$OWN/tests/test_layout" >"$WORK/log" 2>&1; then
	ok "headers: two test binaries built against the suite's library"
else
	fail "headers: two test binaries built against the suite's library" "$(tail -n 3 "$WORK/log" | tr '\n' ' ')"
fi
# stale NAME TARGET HEADER: ok when make -q finds TARGET out of date once
# HEADER is newer
stale() {
	mk -q "${HOLD[@]}" -W "$3" "$2" >/dev/null 2>&1
	[ $? -eq 1 ] && ok "$1" || fail "$1"
}
current() {
	mk -q "${HOLD[@]}" ${3:+-W "$3"} "$2" >/dev/null 2>&1
	[ $? -eq 0 ] && ok "$1" || fail "$1"
}
current "headers: test_arena is up to date after its build" "$OWN/tests/test_arena"
stale "headers: test_arena is rebuilt when include/galley/model.h changes" "$OWN/tests/test_arena" \
	include/galley/model.h
current "headers: test_arena is not rebuilt for src/pdf/deflate.h" "$OWN/tests/test_arena" src/pdf/deflate.h
stale "headers: test_layout is rebuilt when src/typeset/internal.h changes" "$OWN/tests/test_layout" \
	src/typeset/internal.h
