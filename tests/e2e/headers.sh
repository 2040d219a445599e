#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
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
# The static library too: only the API is global (every other symbol was
# made local), and a program may define a name galley uses inside.
if [ -f "$B/libgalley.a" ]; then
	nm -g --defined-only "$B/libgalley.a" 2>/dev/null | awk 'NF == 3 {print $3}' | sort -u > "$WORK/static"
	extra=$(comm -23 "$WORK/static" "$WORK/declared" | tr '\n' ' ')
	[ -z "$extra" ] && [ -s "$WORK/static" ] && ok "libgalley.a exports only declared functions" \
		|| fail "libgalley.a exports only declared functions" "$extra"
	cat > "$WORK/clash.c" <<'EOC'
#include "galley.h"
/* names libgalley uses for internal functions */
int read_image(void) { return 7; }
int galley_utf8_valid_prefix(void) { return 8; }
int main(void) { return read_image() + galley_utf8_valid_prefix() == 15 && galley_version() ? 0 : 1; }
EOC
	# a sanitizer build's archive needs its runtime
	case $B in */asan) SAN=-fsanitize=address,undefined ;; */tsan) SAN=-fsanitize=thread ;; *) SAN= ;; esac
	PKG_LIBS=$(pkg-config --libs libcmark-gfm yaml-0.1 libpng zlib libdeflate harfbuzz harfbuzz-subset 2>/dev/null)
	if cc -std=c11 $SAN -Iinclude -o "$WORK/clash" "$WORK/clash.c" "$B/libgalley.a" -lcmark-gfm-extensions \
	      $PKG_LIBS -lhpdf -lhyphen -lm -pthread -ldl 2>"$WORK/clash.err" && "$WORK/clash"; then
		ok "a program that defines read_image links with libgalley.a and keeps its own"
	else
		fail "a program that defines read_image links with libgalley.a and keeps its own" "$(head -3 "$WORK/clash.err")"
	fi
fi
