#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# Writes the linker version script of libgalley.so: the functions declared
# in the public headers are global, everything else is local, so that the
# shared library exports exactly the documented API.
set -eu
echo "GALLEY_0 {"
echo "  global:"
cat "$@" | tr '\n' ' ' | sed 's/;/;\n/g' | grep -o '\bgalley_[a-z0-9_]*[ ]*(' | sed 's/[ ]*($//' | sort -u | sed 's/^/    /; s/$/;/'
echo "  local: *;"
echo "};"
