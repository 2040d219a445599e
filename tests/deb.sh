#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# `make check-deb`: galley's Debian packages (debian/), built twice.
#
# 1. tools/deb.sh builds galley, libgalley0 and libgalley-dev from the
#    tree's tracked files under $DEB_OUT/1, and lintian reports no error
#    and no warning.
# 2. A second build in another folder ($DEB_OUT/2) gives the same bytes:
#    the packages are reproducible and do not depend on the build path.
# 3. The packages' declarations: apt-get resolves them on this system
#    (simulated, nothing is installed); every library galley loads with
#    dlopen comes from a package libgalley0 depends on; the galley
#    package depends on libgalley0 through the symbols file.
# 4. The packages unpacked into a folder (dpkg -x), with the font
#    packages they depend on in place: galley makes a PDF and an EPUB with
#    the fonts of fonts-noto-core and friends; the folder moved, it still
#    does; no file names the build folder; a client program builds with
#    libgalley-dev's pkg-config file and runs.
# Not part of `make check`: two package builds take about four minutes.
source "$(dirname "$0")/e2e/lib.sh"
cd "$TOP"
OUT=${DEB_OUT:-build/deb}
VERSION=$(dpkg-parsechangelog -S Version)
ARCH=$(dpkg --print-architecture)
MA=$(dpkg-architecture -qDEB_HOST_MULTIARCH)

if sh tools/deb.sh build "$OUT/1" >"$WORK/deb1.log" 2>&1; then
	ok "packages build and lintian reports 0 errors, 0 warnings"
else
	fail "packages build and lintian reports 0 errors, 0 warnings" "$(tail -n 5 "$WORK/deb1.log" | tr '\n' ' ')"
	exit 0
fi
sed -n 's/^  lintian: /lintian: /p' "$WORK/deb1.log" | sed 's/^/# /'
for p in galley libgalley0 libgalley-dev; do
	[ -f "$OUT/1/${p}_${VERSION}_$ARCH.deb" ] && ok "built $p" || fail "built $p"
done

# 2. reproducible
if sh tools/deb.sh build "$OUT/2" >"$WORK/deb2.log" 2>&1; then
	differ=""
	for d in "$OUT"/1/*.deb; do
		cmp -s "$d" "$OUT/2/$(basename "$d")" || differ="$differ $(basename "$d")"
	done
	[ -z "$differ" ] && ok "a second build in another folder gives the same bytes" \
		|| fail "a second build in another folder gives the same bytes" "differ:$differ"
else
	fail "a second build in another folder gives the same bytes" "$(tail -n 3 "$WORK/deb2.log" | tr '\n' ' ')"
fi

# 3. declarations
DEBS=("$OUT/1/galley_${VERSION}_$ARCH.deb" "$OUT/1/libgalley0_${VERSION}_$ARCH.deb"
      "$OUT/1/libgalley-dev_${VERSION}_$ARCH.deb")
DEBS=("${DEBS[@]/#/$PWD/}")
apt-get install -s "${DEBS[@]}" >"$WORK/apt.log" 2>&1 \
	&& ok "apt-get resolves the packages' dependencies (simulated)" \
	|| fail "apt-get resolves the packages' dependencies (simulated)" "$(tail -n 3 "$WORK/apt.log" | tr '\n' ' ')"
depends=$(dpkg-deb -f "${DEBS[1]}" Depends)
missing=""
for soname in $(make -s --no-print-directory print-dlopen-sonames); do
	file=$(cc -print-file-name="$soname")
	pkg=$(dpkg -S "$(readlink -f "$file")" 2>/dev/null | head -n 1 | cut -d: -f1)
	case ", $depends," in
	*", $pkg "* | *", $pkg,"*) ;;
	*) missing="$missing $soname(${pkg:-no package})" ;;
	esac
done
[ -z "$missing" ] && ok "libgalley0 depends on every library galley loads with dlopen" \
	|| fail "libgalley0 depends on every library galley loads with dlopen" "missing:$missing"
for f in fonts-noto-core fonts-jetbrains-mono fonts-dejavu-core; do
	case ", $depends," in *", $f,"*) ok "libgalley0 depends on $f" ;; *) fail "libgalley0 depends on $f" "$depends" ;; esac
done
dpkg-deb -f "${DEBS[0]}" Depends | grep -q "libgalley0 (>= $VERSION)" \
	&& ok "galley depends on libgalley0 (symbols file)" \
	|| fail "galley depends on libgalley0 (symbols file)" "$(dpkg-deb -f "${DEBS[0]}" Depends)"

# 4. unpacked into a folder, with the system's font packages in place
ROOT=$WORK/root
for d in "${DEBS[@]}"; do dpkg -x "$d" "$ROOT"; done
ln -s /usr/share/fonts "$ROOT/usr/share/fonts"
run_galley() { # ROOT ARGS...
	local root=$1; shift
	(cd "$WORK" && env -u GALLEY_FONT_DIR LD_LIBRARY_PATH="$root/usr/lib/$MA" "$root/usr/bin/galley" "$@")
}
run_galley "$ROOT" --version >"$WORK/version" 2>&1
grep -qx "fonts: $ROOT/usr/share/galley/fonts" "$WORK/version" \
	&& ok "the unpacked galley finds the package's fonts folder" \
	|| fail "the unpacked galley finds the package's fonts folder" "$(grep fonts: "$WORK/version")"
check "the unpacked galley makes a PDF" run_galley "$ROOT" pdf -q -o "$WORK/a.pdf" "$TOP/examples/river-ferry.md"
check "the unpacked galley makes an EPUB" run_galley "$ROOT" epub -q -o "$WORK/a.epub" "$TOP/examples/river-ferry.md"
check "its PDF passes qpdf --check" qpdf --check "$WORK/a.pdf"
pdffonts "$WORK/a.pdf" 2>/dev/null | grep -q 'NotoSerif' && ok "its PDF embeds Noto Serif" \
	|| fail "its PDF embeds Noto Serif"
mv "$ROOT" "$WORK/moved"
check "moved to another folder, it still makes a PDF" run_galley "$WORK/moved" pdf -q \
	-o "$WORK/b.pdf" "$TOP/examples/river-ferry.md"
cmp -s "$WORK/a.pdf" "$WORK/b.pdf" && ok "the same PDF from the moved folder" \
	|| fail "the same PDF from the moved folder"
ROOT=$WORK/moved
named=$(grep -rlaF -e "$TOP" -e "$OUT/1/galley-" -e "/galley-$VERSION/" "$ROOT/usr" 2>/dev/null | head -n 3 | tr '\n' ' ')
[ -z "$named" ] && ok "no installed file names the build folder" \
	|| fail "no installed file names the build folder" "$named"

# a client of libgalley-dev, through its pkg-config file
PC="pkg-config --define-variable=prefix=$ROOT/usr"
export PKG_CONFIG_PATH=$ROOT/usr/lib/$MA/pkgconfig
[ "$($PC --cflags galley | xargs)" = "-I$ROOT/usr/include" ] \
	&& ok "pkg-config --cflags galley prints only galley's include folder" \
	|| fail "pkg-config --cflags galley prints only galley's include folder" "$($PC --cflags galley)"
if cc -std=c11 -Wall -Wextra -Werror -o "$WORK/client" examples/api/digest.c \
	$($PC --cflags --libs galley) 2>"$WORK/cc.err"; then
	ok "a client builds against libgalley-dev"
else
	fail "a client builds against libgalley-dev" "$(head -n 3 "$WORK/cc.err" | tr '\n' ' ')"
fi
mkdir -p "$WORK/client-out"
check "the client runs, with the package's fonts" env -u GALLEY_FONT_DIR LD_LIBRARY_PATH="$ROOT/usr/lib/$MA" \
	"$WORK/client" "$WORK/client-out" examples/river-ferry.md examples/atomic-writes.md
