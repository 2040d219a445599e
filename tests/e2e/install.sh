#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# `make install` and `make uninstall`.
#
# 1. A fresh build with PREFIX=$WORK/usr (in its own build folder),
#    installed: the installed galley runs, reports its version, and takes
#    its fonts from $PREFIX/share/galley/fonts, not from the source tree;
#    the manual pages name that folder; nothing installed (nor the tree's
#    own galley) names the source or build folder; pkg-config --cflags
#    prints only galley's include folder; the API example builds against
#    the installed copy with pkg-config, statically and against
#    libgalley.so, and runs; the shared library has a soname.
# 2. The installation moved to another folder: galley still finds its
#    fonts and makes the same PDF, and a program linked to the moved
#    libgalley.so, run from elsewhere, finds them beside the library.
# 3. The same build folder staged with DESTDIR=$WORK/stage PREFIX=/usr and
#    a multiarch LIBDIR, as a package build does: the new PREFIX rebuilds
#    the objects (the data folder is compiled in), the files land under
#    the stage, galley.pc names /usr and the multiarch folder; `make
#    uninstall` with the same variables leaves no file behind.
source "$(dirname "$0")/lib.sh"
cd "$TOP"
PREFIX=$WORK/usr
BUILDDIR=$WORK/build
MAKEVARS=(-s B="$BUILDDIR" TEST_BIN= CI=)
JOBS=$(nproc 2>/dev/null || echo 2)

if make "${MAKEVARS[@]}" -j"$JOBS" install PREFIX="$PREFIX" >"$WORK/make.log" 2>&1; then
	ok "make install PREFIX=..."
else
	fail "make install PREFIX=..." "$(tail -n 3 "$WORK/make.log" | tr '\n' ' ')"
	exit 0
fi
for f in bin/galley lib/libgalley.a lib/libgalley.so lib/pkgconfig/galley.pc include/galley.h \
         include/galley/version.h share/galley/fonts/NotoSerif-Regular.ttf \
         share/man/man1/galley.1 share/man/man5/galley-config.5 share/man/man5/galley-digest.5 \
         share/man/man3/libgalley.3 share/bash-completion/completions/galley lib/galley/galley-highlight.so; do
	[ -e "$PREFIX/$f" ] && ok "installed $f" || fail "installed $f"
done
soname=$(objdump -p "$PREFIX/lib/libgalley.so" 2>/dev/null | awk '$1 == "SONAME" {print $2}')
[ "$soname" = libgalley.so.0 ] && ok "libgalley.so has soname libgalley.so.0" \
	|| fail "libgalley.so has soname libgalley.so.0" "$soname"
[ "$(readlink "$PREFIX/lib/libgalley.so")" = libgalley.so.0 ] &&
	[ "$(readlink "$PREFIX/lib/libgalley.so.0")" = "$(basename "$PREFIX"/lib/libgalley.so.0.*)" ] \
	&& ok "libgalley.so -> libgalley.so.0 -> libgalley.so.VERSION" \
	|| fail "libgalley.so -> libgalley.so.0 -> libgalley.so.VERSION" "$(ls -l "$PREFIX/lib" | tr '\n' ' ')"
grep -q "^\.I $PREFIX/share/galley/fonts" "$PREFIX/share/man/man1/galley.1" &&
	grep -q "^\.I $PREFIX/share/galley/fonts" "$PREFIX/share/man/man3/libgalley.3" \
	&& ok "the installed manual pages name the installed fonts folder" \
	|| fail "the installed manual pages name the installed fonts folder"
# no path of the tree in what is installed (debugging information included)
named=$(grep -rlaF -e "$TOP" -e "$BUILDDIR" "$PREFIX" | head -n 3 | tr '\n' ' ')
[ -z "$named" ] && ok "no installed file names the source or build folder" \
	|| fail "no installed file names the source or build folder" "$named"
grep -qaF "$TOP" "$(readlink -f "$GALLEY")" && fail "the tree's galley has no path of the tree compiled in" \
	|| ok "the tree's galley has no path of the tree compiled in"

# the installed binary: its version, its fonts
unset GALLEY_FONT_DIR
"$PREFIX/bin/galley" --version >"$WORK/version" 2>&1
grep -q '^galley [0-9]' "$WORK/version" && grep -q 'cmark-gfm [0-9]' "$WORK/version" \
	&& grep -q 'libharu [0-9]' "$WORK/version" && grep -q 'libzip [0-9]' "$WORK/version" \
	&& grep -q 'libyaml [0-9]' "$WORK/version" \
	&& ok "installed galley --version names galley and its libraries" \
	|| fail "installed galley --version names galley and its libraries" "$(cat "$WORK/version")"
grep -qx "fonts: $PREFIX/share/galley/fonts" "$WORK/version" \
	&& ok "installed galley uses the installed fonts" \
	|| fail "installed galley uses the installed fonts" "$(grep fonts: "$WORK/version")"
grep -qx "fonts: $TOP/fonts" <("$GALLEY" --version) \
	&& ok "the tree's galley uses the tree's fonts" || fail "the tree's galley uses the tree's fonts"
check "installed galley makes a PDF" "$PREFIX/bin/galley" pdf --no-config -q \
	-o "$WORK/installed.pdf" examples/margins.md
check "installed galley's PDF passes qpdf --check" qpdf --check "$WORK/installed.pdf"
# code highlighting through the installed module
printf -- '---\ntitle: Code\n---\n```c\nreturn 0;\n```\n' > "$WORK/code.md"
"$PREFIX/bin/galley" epub --no-config -q -o "$WORK/code.epub" "$WORK/code.md" 2>"$WORK/code.err"
unzip -p "$WORK/code.epub" 2>/dev/null | grep -q '<span class="hl-kw">return</span>' \
	&& ok "installed galley highlights code with the installed module" \
	|| fail "installed galley highlights code with the installed module" "$(head -c 300 "$WORK/code.err")"

# the API example against the installed copy, through pkg-config
export PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig
[ "$(pkg-config --cflags galley | xargs)" = "-I$PREFIX/include" ] \
	&& ok "pkg-config --cflags galley prints only galley's include folder" \
	|| fail "pkg-config --cflags galley prints only galley's include folder" "$(pkg-config --cflags galley)"
pkg-config --print-requires-private galley | grep -q . \
	&& fail "galley.pc has no Requires.private" "$(pkg-config --print-requires-private galley)" \
	|| ok "galley.pc has no Requires.private"
if cc -std=c11 -Wall -Wextra -Werror -o "$WORK/digest-shared" examples/api/digest.c \
	$(pkg-config --cflags --libs galley) 2>"$WORK/cc.err"; then
	ok "api example links with pkg-config --libs galley (shared)"
else
	fail "api example links with pkg-config --libs galley (shared)" "$(head -n 3 "$WORK/cc.err")"
fi
mkdir -p "$WORK/out-shared" "$WORK/out-static"
LD_LIBRARY_PATH=$PREFIX/lib ldd "$WORK/digest-shared" 2>/dev/null | grep -q "libgalley.so.0 => $PREFIX/lib" \
	&& ok "api example (shared) loads the installed libgalley.so.0" \
	|| fail "api example (shared) loads the installed libgalley.so.0"
check "api example (shared) runs" env LD_LIBRARY_PATH="$PREFIX/lib" "$WORK/digest-shared" \
	"$WORK/out-shared" examples/river-ferry.md examples/atomic-writes.md
static_libs=$(pkg-config --static --libs galley | sed 's/-lgalley\b/-l:libgalley.a/')
if cc -std=c11 -Wall -Wextra -Werror -o "$WORK/digest-static" examples/api/digest.c \
	$(pkg-config --cflags galley) $static_libs 2>"$WORK/cc.err"; then
	ok "api example links with pkg-config --static (libgalley.a)"
else
	fail "api example links with pkg-config --static (libgalley.a)" "$(head -n 3 "$WORK/cc.err")"
fi
ldd "$WORK/digest-static" 2>/dev/null | grep -q libgalley \
	&& fail "api example (static) does not need libgalley.so" \
	|| ok "api example (static) does not need libgalley.so"
check "api example (static) runs" "$WORK/digest-static" "$WORK/out-static" \
	examples/river-ferry.md examples/atomic-writes.md
check "api example (static) PDF passes qpdf --check" qpdf --check "$WORK/out-static/digest.pdf"

# bash completion, as installed
bash -c "source '$PREFIX/share/bash-completion/completions/galley'; galley() { '$PREFIX/bin/galley' \"\$@\"; };
	COMP_WORDS=(galley epub --toc); COMP_CWORD=2; _galley; echo \"\${COMPREPLY[*]}\"" >"$WORK/compl" 2>&1
grep -qx -- '--toc-depth' "$WORK/compl" && ok "bash completion completes options" \
	|| fail "bash completion completes options" "$(cat "$WORK/compl")"

# the installation moved: it finds its fonts beside itself
MOVED=$WORK/moved
mv "$PREFIX" "$MOVED"
"$MOVED/bin/galley" --version 2>&1 | grep -qx "fonts: $MOVED/share/galley/fonts" \
	&& ok "moved: galley uses the fonts beside it" \
	|| fail "moved: galley uses the fonts beside it" "$("$MOVED/bin/galley" --version 2>&1 | grep fonts:)"
check "moved: galley makes a PDF" "$MOVED/bin/galley" pdf --no-config -q \
	-o "$WORK/moved.pdf" examples/margins.md
cmp -s "$WORK/installed.pdf" "$WORK/moved.pdf" && ok "moved: the same PDF" || fail "moved: the same PDF"
# a program in another folder linked to the moved libgalley.so: only the
# library's own location (dladdr) leads to the fonts
mkdir -p "$WORK/elsewhere/out"
cp "$WORK/digest-shared" "$WORK/elsewhere/"
check "moved: a program using libgalley.so finds the fonts beside the library" \
	env LD_LIBRARY_PATH="$MOVED/lib" "$WORK/elsewhere/digest-shared" "$WORK/elsewhere/out" examples/river-ferry.md examples/atomic-writes.md
mv "$MOVED" "$PREFIX"

# uninstall from PREFIX
make "${MAKEVARS[@]}" uninstall PREFIX="$PREFIX" >"$WORK/make.log" 2>&1
left=$(find "$PREFIX" ! -type d | head -n 5 | tr '\n' ' ')
[ -z "$left" ] && ok "make uninstall removes every file" || fail "make uninstall removes every file" "$left"

# a staged install, as a package build does it, into a multiarch folder
STAGE=$WORK/stage
MA=lib/x86_64-linux-gnu
STAGEVARS=(DESTDIR="$STAGE" PREFIX=/usr LIBDIR=/usr/$MA)
if make "${MAKEVARS[@]}" -j"$JOBS" install "${STAGEVARS[@]}" >"$WORK/make.log" 2>&1; then
	ok "make install DESTDIR=... PREFIX=/usr LIBDIR=/usr/$MA"
else
	fail "make install DESTDIR=... PREFIX=/usr LIBDIR=/usr/$MA" "$(tail -n 3 "$WORK/make.log" | tr '\n' ' ')"
fi
[ -x "$STAGE/usr/bin/galley" ] && [ -e "$STAGE/usr/$MA/libgalley.so.0" ] && [ -e "$STAGE/usr/$MA/libgalley.a" ] \
	&& ok "DESTDIR: files are staged under it, the library in LIBDIR" \
	|| fail "DESTDIR: files are staged under it, the library in LIBDIR"
grep -qx 'prefix=/usr' "$STAGE/usr/$MA/pkgconfig/galley.pc" &&
	grep -qx "libdir=\${prefix}/$MA" "$STAGE/usr/$MA/pkgconfig/galley.pc" \
	&& ok "DESTDIR: galley.pc names PREFIX and LIBDIR" \
	|| fail "DESTDIR: galley.pc names PREFIX and LIBDIR" "$(head -n 3 "$STAGE/usr/$MA/pkgconfig/galley.pc" | tr '\n' ' ')"
# the staged copy unpacked elsewhere: the library, two folders down in
# the multiarch folder, finds share/galley beside it
mkdir -p "$WORK/elsewhere2/out"
check "DESTDIR: a program using the staged libgalley.so finds the staged fonts" \
	env LD_LIBRARY_PATH="$STAGE/usr/$MA" "$WORK/elsewhere/digest-shared" "$WORK/elsewhere2/out" examples/river-ferry.md examples/atomic-writes.md
# the data folder compiled in is the new PREFIX's, not the first install's
if grep -qaF "/usr/share/galley/fonts" "$STAGE/usr/bin/galley" &&
	! grep -qaF "$PREFIX/share/galley" "$STAGE/usr/bin/galley"; then
	ok "DESTDIR: the staged galley has PREFIX's data folder compiled in"
else
	fail "DESTDIR: the staged galley has PREFIX's data folder compiled in"
fi
make "${MAKEVARS[@]}" uninstall "${STAGEVARS[@]}" >"$WORK/make.log" 2>&1
left=$(find "$STAGE" ! -type d | head -n 5 | tr '\n' ' ')
[ -z "$left" ] && ok "DESTDIR: make uninstall removes every file" \
	|| fail "DESTDIR: make uninstall removes every file" "$left"
