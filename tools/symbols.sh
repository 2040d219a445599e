#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# Usage: tools/symbols.sh VERSION OLD-SYMBOLS MAP > NEW-SYMBOLS
#
# Writes the Debian symbols file of libgalley.so.0 from MAP, the version
# script of tools/exports.sh: every exported function, with the version
# OLD-SYMBOLS gives it, or VERSION when it is new.  A function that left
# the export list leaves the file (and breaks the ABI: see the soname).
set -eu
version=$1 old=$2 map=$3
node=$(sed -n 's/^\([A-Z0-9_]*\) {$/\1/p' "$map")
echo "# SPDX-License-Identifier: BSD-2-Clause"
echo "# SPDX-FileCopyrightText: 2026 the galley authors"
echo "# libgalley0's symbols: make symbols (tools/symbols.sh) rewrites it."
echo "libgalley.so.0 libgalley0 #MINVER#"
echo "* Build-Depends-Package: libgalley-dev"
{
	echo "$node"
	sed -n 's/^ *\(galley_[a-z0-9_]*\);$/\1/p' "$map"
} | sort -u | while read -r name; do
	v=$( { [ -f "$old" ] && awk -v s="$name@$node" '$1 == s { print $2 }' "$old"; } || true)
	echo " $name@$node ${v:-$version}"
done
