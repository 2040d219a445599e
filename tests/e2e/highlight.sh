#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
# highlight.sh: code blocks that name a language are highlighted in both
# outputs (Source-highlight, through galley-highlight.so): in the EPUB
# their keywords, strings and comments are <span class="hl-..."> with the
# stylesheet's rules, in the PDF keywords are set in the bold monospace
# and comments in gray; the text stays the same.  An article without such
# code loads neither the module nor the library.
source "$(dirname "$0")/lib.sh"
IN=$WORK/code.md
{
	printf -- '---\ntitle: Ten languages\n---\nCode of ten languages.\n\n'
	printf '```c\n/* c-comment */\nint main(void) { return 0; }\n```\n\n'
	printf '```python\n# python-comment\ndef f(): return "python-string"\n```\n\n'
	printf '```js\n// js-comment\nfunction g() { return "js-string"; }\n```\n\n'
	printf '```go\n// go-comment\nfunc main() { println("go-string") }\n```\n\n'
	printf '```rust\n// rust-comment\nfn main() { let s = "rust-string"; }\n```\n\n'
	printf '```java\n// java-comment\npublic class A { String s = "java-string"; }\n```\n\n'
	printf '```sh\n# sh-comment\nif true; then echo "sh-string"; fi\n```\n\n'
	printf '```sql\n-- sql-comment\nSELECT a FROM t WHERE b = '"'"'sql-string'"'"';\n```\n\n'
	printf '```ruby\n# ruby-comment\ndef hi; puts "ruby-string"; end\n```\n\n'
	printf '```php\n<?php\n// php-comment\nfunction h() { return "php-string"; }\n```\n\n'
	printf '```\nplain code, no language\n```\n'
} > "$IN"

check "galley epub of ten languages" "$GALLEY" epub -q -o "$WORK/code.epub" "$IN"
check "galley pdf of ten languages" "$GALLEY" pdf -q -o "$WORK/code.pdf" "$IN"
mkdir -p "$WORK/x" && (cd "$WORK/x" && unzip -q ../code.epub)
X=$(grep -l 'language-c' -r "$WORK/x" | head -n 1)
CSS=$(find "$WORK/x" -name '*.css' | head -n 1)
for l in c python js go rust java sh sql ruby php; do
	grep -q "<span class=\"hl-co\">[^<]*$l-comment[^<]*</span>" "$X" \
		&& ok "epub: $l comment is a token" || fail "epub: $l comment is a token"
done
for k in return def function func fn public then SELECT end; do
	grep -q "<span class=\"hl-kw\">$k</span>" "$X" \
		&& ok "epub: keyword $k" || fail "epub: keyword $k"
done
grep -q '^pre span.hl-kw { font-weight: bold; }$' "$CSS" \
	&& ok "epub: keywords are bold" || fail "epub: keywords are bold"
grep -q '^pre span.hl-co { font-style: italic; }$' "$CSS" \
	&& ok "epub: comments are italic" || fail "epub: comments are italic"
! grep -q '^pre span.hl-[a-z]* {.*color' "$CSS" && ! grep -q '@media' "$CSS" \
	&& ok "epub: no token colour (the reader's theme keeps its own), no media query" \
	|| fail "epub: no token colour (the reader's theme keeps its own), no media query"
grep -q '<pre><code><span class="line">plain code, no language' "$X" && ! grep -q '<pre><code><span class="line">plain code, no language[^<]*<span class="hl-' "$X" \
	&& ok "epub: code without a language stays plain" || fail "epub: code without a language stays plain"
epubcheck_books "$WORK/code.epub"

# PDF: the text is the same; keywords are drawn in the bold monospace
pdftotext "$WORK/code.pdf" "$WORK/code.txt" 2>/dev/null
for l in c python js go rust java sh sql ruby php; do
	grep -q -- "$l-comment" "$WORK/code.txt" && ok "pdf: $l text extracts" || fail "pdf: $l text extracts"
done
pdffonts "$WORK/code.pdf" 2>/dev/null | grep -q 'JetBrainsMono-Bold' \
	&& ok "pdf: keywords in the bold monospace" || fail "pdf: keywords in the bold monospace"
# colours: the theme's comment gray (0x686868) and string green (0x2A5F1A)
qpdf --qdf --object-streams=disable "$WORK/code.pdf" "$WORK/q.pdf" 2>/dev/null
grep -aq '^0.40784 0.40784 0.40784 rg' "$WORK/q.pdf" && ok "pdf: comments in gray" || fail "pdf: comments in gray"
grep -aq '^0.16471 0.37255 0.10196 rg' "$WORK/q.pdf" && ok "pdf: strings in green" || fail "pdf: strings in green"

# An article without code of a language maps neither the module nor
# Source-highlight; one with it maps both.
printf -- '---\ntitle: Prose\n---\nOnly prose here.\n\n```\nplain\n```\n' > "$WORK/prose.md"
if command -v strace >/dev/null; then
	strace -f -e trace=openat -o "$WORK/st1" "$GALLEY" pdf -q -o "$WORK/p.pdf" "$WORK/prose.md"
	strace -f -e trace=openat -o "$WORK/st2" "$GALLEY" pdf -q -o "$WORK/c.pdf" "$IN"
	! grep -q 'galley-highlight\|libsource-highlight' "$WORK/st1" \
		&& ok "prose without code of a language loads no highlighter" \
		|| fail "prose without code of a language loads no highlighter"
	grep -q 'libsource-highlight.*= [0-9]' "$WORK/st2" \
		&& ok "code of a language loads Source-highlight" \
		|| fail "code of a language loads Source-highlight"
fi
