#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
"""Checks that every word of some Markdown articles appears, in order, in an
output of galley.

    words.py pdf  OUT.pdf  ARTICLE.md...
    words.py epub OUT.epub ARTICLE.md...

The reference text comes from the reference implementation, not from galley:
each article's body (front matter removed) is rendered by `cmark-gfm --smart` with the GFM extensions and
its HTML text content is taken (alt text and URLs are attributes, so they do
not count).  The output text comes from `pdftotext` for a PDF, and for an
EPUB from the XHTML documents of its spine, in spine order.

Words are runs of letters and digits after NFKC normalisation and case
folding, with apostrophes removed ("don't" == "dont").  A PDF line that ends
in a hyphen may continue a word on the next line ("hyphen-" "ation"), and a
word wrapped at the end of a line (long code) may continue on the next one;
both are matched as one word.  Extra output words (headers, page numbers,
captions) are allowed; missing or reordered source words are not.  In a
PDF the words of a table may come in any order (text extraction may read a
table's columns one after another, or two tables as one), but each must be
there: they are matched as a multiset, apart from the body's.

Prints a summary line "words: FOUND/TOTAL in order" and, on failure, the
first missing words with their context.  Exit 0 when all are found, 1 when
some are missing, 2 on a usage error.
"""
import collections
import html.parser
import posixpath
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

WORD = re.compile(r"\w+")
APOSTROPHES = dict.fromkeys(map(ord, "'\u2019\u2018\u02bc"), None)
MAX_PIECES = 4  # a word wrapped over more lines than this is not matched


def normalise(text):
    return unicodedata.normalize("NFKC", text).translate(APOSTROPHES).casefold()


class TextOf(html.parser.HTMLParser):
    """The character data of an (X)HTML document, outside <head>."""

    SKIP = {"head", "script", "style", "title"}
    BLOCK = {"p", "br", "li", "div", "pre", "blockquote", "h1", "h2", "h3",
             "h4", "h5", "h6", "section", "figure", "figcaption", "tr", "td"}

    def __init__(self, tables_apart=False):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.tables = []  # with tables_apart: the text of tables, apart
        self.tables_apart = tables_apart
        self.in_table = 0
        self.skipping = 0

    def sink(self):
        return self.tables if self.in_table else self.parts

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag == "table" and self.tables_apart:
            self.in_table += 1
        elif tag in self.BLOCK or tag == "th":
            self.sink().append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag == "table" and self.in_table:
            self.in_table -= 1
        elif tag in self.BLOCK or tag == "th":
            self.sink().append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.sink().append(data)


def html_text(markup):
    parser = TextOf()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def markdown_body(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    if lines and lines[0].strip() in ("---", "+++"):
        fence = lines[0].strip()
        for i in range(1, len(lines)):
            if lines[i].strip() in (fence, "...") :
                return "\n".join(lines[i + 1:])
    return text


def source_words(paths, tables_apart=False):
    """The words of the articles in order, and (tables_apart) those of
    their tables apart."""
    words, table_words = [], []
    for path in paths:
        rendered = subprocess.run(["cmark-gfm", "--smart", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tasklist", "-e", "footnotes"], input=markdown_body(path),
                                  capture_output=True, text=True, check=True).stdout
        parser = TextOf(tables_apart)
        parser.feed(rendered)
        parser.close()
        words.extend(WORD.findall(normalise("".join(parser.parts))))
        table_words.extend(WORD.findall(normalise("".join(parser.tables))))
    return words, table_words


def output_tokens(text):
    """Tokens of the output, each with how the text right after it looks:
    'hyphen' (a hyphen then a line end), 'eol' (a line end) or ''."""
    text = normalise(text)
    tokens = []
    for m in WORD.finditer(text):
        rest = text[m.end():m.end() + 3]
        if re.match(r"[-\u00ad\u2010]\s*\n", rest):
            joint = "hyphen"
        elif re.match(r"\s*\n", rest) or rest.startswith("\x0c"):
            joint = "eol"
        else:
            joint = ""
        tokens.append((m.group(0), joint))
    return tokens


def match_at(tokens, j, word):
    """Number of tokens from j that spell `word` (1, or more across line
    ends), or 0."""
    if tokens[j][0] == word:
        return 1
    joined = ""
    for k in range(j, min(len(tokens), j + MAX_PIECES)):
        joined += tokens[k][0]
        if joined == word and k > j:
            return k - j + 1
        if not word.startswith(joined) or not tokens[k][1]:
            return 0
    return 0


def check(words, tokens):
    """Greedy in-order matching.  Returns the indices of missing words."""
    missing = []
    j = 0
    for i, word in enumerate(words):
        k = j
        while k < len(tokens):
            n = match_at(tokens, k, word)
            if n:
                j = k + n
                break
            k += 1
        else:
            missing.append(i)
    return missing


def check_anywhere(words, tokens):
    """The words not found among the tokens, as a multiset; a word may be
    spelt by up to MAX_PIECES tokens across line ends."""
    pool = collections.Counter(t for t, _ in tokens)
    for j in range(len(tokens)):
        joined = tokens[j][0]
        for k in range(j + 1, min(len(tokens), j + MAX_PIECES)):
            if not tokens[k - 1][1]:
                break
            joined += tokens[k][0]
            pool[joined] += 1
    missing = []
    for w in words:
        if pool[w] > 0:
            pool[w] -= 1
        else:
            missing.append(w)
    return missing


def pdf_text(path):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"],
                          capture_output=True, text=True, check=True).stdout


def epub_text(path):
    ns = {"c": "urn:oasis:names:tc:opendocument:xmlns:container",
          "o": "http://www.idpf.org/2007/opf"}
    with zipfile.ZipFile(path) as z:
        container = ET.fromstring(z.read("META-INF/container.xml"))
        opf_path = container.find(".//c:rootfile", ns).get("full-path")
        opf = ET.fromstring(z.read(opf_path))
        base = posixpath.dirname(opf_path)
        items = {i.get("id"): i.get("href") for i in opf.find("o:manifest", ns)}
        parts = []
        for ref in opf.find("o:spine", ns):
            href = posixpath.normpath(posixpath.join(base, items[ref.get("idref")]))
            parts.append(html_text(z.read(href).decode("utf-8")))
        return "\n".join(parts)


def main(argv):
    if len(argv) < 4 or argv[1] not in ("pdf", "epub"):
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    kind, out, sources = argv[1], argv[2], argv[3:]
    words, table_words = source_words(sources, tables_apart=kind == "pdf")
    text = pdf_text(out) if kind == "pdf" else epub_text(out)
    tokens = output_tokens(text)
    missing = check(words, tokens)
    lost = check_anywhere(table_words, tokens)
    print(f"words: {len(words) - len(missing)}/{len(words)} in order")
    if table_words:
        print(f"table words: {len(table_words) - len(lost)}/{len(table_words)} anywhere")
    for i in missing[:10]:
        context = " ".join(words[max(0, i - 4):i + 5])
        print(f"  missing word {i}: '{words[i]}' in '{context}'")
    for w in lost[:10]:
        print(f"  missing table word: '{w}'")
    return 0 if words and not missing and not lost else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
