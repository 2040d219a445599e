#!/usr/bin/env bash
# Every public header compiles on its own (it includes what it uses), as
# strict C11 and as C++ where a compiler is there, and the shared library
# exports exactly the functions the headers declare.
source "$(dirname "$0")/lib.sh"
B=${B:-build}
cd "$TOP"
for h in include/galley.h include/galley/*.h; do
	name=${h#include/}
	printf '#include "%s"\nint galley_header_test_unit;\n' "$name" > "$WORK/h.c"
	check "header $name compiles alone (C11)" \
		cc -std=c11 -pedantic -Wall -Wextra -Werror -fsyntax-only -Iinclude "$WORK/h.c"
done
if command -v c++ >/dev/null 2>&1; then
	printf '#include "galley.h"\nint main() { return galley_version() ? 0 : 1; }\n' > "$WORK/h.cc"
	check "galley.h compiles as C++" c++ -Wall -Wextra -Werror -fsyntax-only -Iinclude "$WORK/h.cc"
fi
if [ -f "$B/libgalley.so" ]; then
	nm -D --defined-only "$B/libgalley.so" | awk '$2 == "T" {sub(/@.*/, "", $3); print $3}' \
		| sort -u > "$WORK/exported"
	cat include/galley.h include/galley/*.h | tr '\n' ' ' | grep -o '\bgalley_[a-z0-9_]* *(' \
		| sed 's/ *($//' | sort -u > "$WORK/declared"
	extra=$(comm -23 "$WORK/exported" "$WORK/declared" | tr '\n' ' ')
	[ -z "$extra" ] && ok "libgalley.so exports only declared functions" \
		|| fail "libgalley.so exports only declared functions" "$extra"
	grep -qx galley_versions "$WORK/exported" && ok "galley_versions is exported" \
		|| fail "galley_versions is exported"
fi
