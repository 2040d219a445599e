#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# Usage: tools/deb.sh build DIR
#
# Builds galley's Debian packages (debian/) as from a fresh clone: the
# tree's tracked files, as they are in the working tree, are copied to
# DIR/galley-VERSION (outside git, every file but build/), and
# dpkg-buildpackage builds the binary packages there, into DIR.  Then
# lintian checks them, with its tags in DIR/lintian.txt.  Fails when the
# build fails or lintian reports an error or a warning.
set -eu
[ "${1:-}" = build ] && [ -n "${2:-}" ] || { echo "usage: tools/deb.sh build DIR" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
version=$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version)
dir=$(mkdir -p "$2" && cd "$2" && pwd)
src=$dir/galley-$version
rm -rf "$src" "$dir"/*.deb "$dir"/*.ddeb "$dir"/*.changes "$dir"/*.buildinfo
mkdir -p "$src"
cd "$top"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -z | xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
		tar --null -T - -cf - | tar -C "$src" -xf -
else
	tar --exclude=./build -cf - . | tar -C "$src" -xf -
fi
echo "  DEB     $src"
cd "$src"
jobs=$(nproc 2>/dev/null || echo 2)
if ! DEB_BUILD_OPTIONS="parallel=$jobs ${DEB_BUILD_OPTIONS:-}" \
	dpkg-buildpackage -b --no-sign >"$dir/build.log" 2>&1; then
	tail -n 30 "$dir/build.log" >&2
	echo "deb: dpkg-buildpackage failed (log: $dir/build.log)" >&2
	exit 1
fi
ls "$dir"/*.deb | sed 's/^/  built   /'
changes=$(ls "$dir"/galley_*.changes)
# (as root, lintian says that it would rather not be: not a tag)
lintian -I --show-overrides "$changes" 2>&1 | grep -v '^running with root privileges' >"$dir/lintian.txt" || true
sed 's/^/  lintian: /' "$dir/lintian.txt"
if grep -q '^[EW]: ' "$dir/lintian.txt"; then
	echo "deb: lintian reports errors or warnings ($dir/lintian.txt)" >&2
	exit 1
fi
echo "  lintian: 0 errors, 0 warnings"
