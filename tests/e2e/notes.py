#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
"""notes.py: GitHub's Markdown in print, checked with pdftotext.

  notes.py gen OUT.md    writes an article with footnotes (short, several
                         paragraphs, one longer than an A5 column, one
                         referred to twice), struck text, a task list, an
                         autolink and a long bare URL
  notes.py check PDF MD  reads the PDF page by page with pdftotext: no
                         Markdown left literally ("[^", "~~", "[x]", "[ ]");
                         each note's text on the page of its reference;
                         both ballot boxes; the struck words; and every
                         word of MD as cmark-gfm renders it: the text's in
                         order, each note's in order but anywhere (at the
                         foot of a page), with words.py's matching

The article's words are made so that a page can be checked alone: the
sentence that refers to note N ends in "refNx", and note N begins with
"noteNx".  Exit status 0 when every check holds; the failures are printed.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import words  # noqa: E402  (tests/e2e/words.py: cmark-gfm's text, pdftotext's tokens)

WORDS = ("the ferry river crossing villages cooperative pontoon cable engineer morning "
         "passengers administration photographs of and a to was communication it in "
         "bicycles current understanding with nobody remembered whether government is").split()


def sentence(k, n):
    """The k-th generated sentence, n words long (a linear congruential
    stream: the same article every time, without long repeats)."""
    seed, ws = k * 2654435761 % 2**32, []
    for _ in range(n):
        seed = (seed * 1103515245 + 12345) % 2**32
        ws.append(WORDS[(seed >> 16) % len(WORDS)])
    return " ".join(ws).capitalize() + "."


def gen(path):
    out = ["---", "title: Notes, struck text and tasks", "---", ""]
    notes = []
    k = 0
    refs = 0
    for p in range(36):
        para = [sentence(k + s, 9 + (k + s) % 11) for s in range(4 + p % 3)]
        k += 7
        # a reference every third paragraph, none in the five after the
        # long note (it needs the room of a column or two to end)
        if p % 3 == 1 and not 14 <= p <= 19:
            refs += 1
            n = refs
            para[-1] = para[-1][:-1] + " ref%dx[^n%d]." % (n, n)
            length = 60 if n == 5 else (1, 3, 8, 2)[n % 4]
            body = " ".join(sentence(k + 100 + s, 12) for s in range(length))
            if n == 3:
                body += "\n\n    A second paragraph of the note, " + sentence(k, 10).lower()
                body += "\n\n    - a list in a note\n    - with two items"
            notes.append("[^n%d]: note%dx %s" % (n, n, body))
        if p == 10:
            para.append("Again the first ref1x[^n1] note.")
        if p == 6:
            para.insert(1, "~~Struck deliberately, these words~~ stay readable.")
        out.append(" ".join(para))
        out.append("")
        if p == 8:
            out += ["- [ ] an open task", "- [x] a finished task", "- an ordinary item", ""]
        if p == 12:
            out += ["See https://www.example.com/a/very/long/path/that/goes/on/and/on/index.html?q=1&b=2 "
                    "and www.example.org/docs/reference/footnotes for more.", ""]
    out += notes
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    n = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    for p in range(1, n + 1):
        yield p, subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), pdf, "-"],
                                capture_output=True, text=True, check=True).stdout


def source(md):
    """The words of the article's text, and of each note, as cmark-gfm
    renders them."""
    rendered = subprocess.run(["cmark-gfm", "--smart", "-e", "strikethrough", "-e", "autolink",
                               "-e", "tasklist", "-e", "footnotes"], input=words.markdown_body(md),
                              capture_output=True, text=True, check=True).stdout
    body, _, notes = rendered.partition('<section class="footnotes"')

    def tokens(markup):
        return words.WORD.findall(words.normalise(words.html_text(markup)))
    return tokens(body), [tokens(n.partition(">")[2]) for n in notes.split('<li id="fn-')[1:]]


def check(pdf, md):
    ref, note, bad = {}, {}, []
    text = ""
    for p, t in pages(pdf):
        text += t
        for m in re.finditer(r"ref(\d+)x", t):
            ref.setdefault(int(m.group(1)), p)
        for m in re.finditer(r"note(\d+)x", t):
            note.setdefault(int(m.group(1)), p)
        for literal in ("[^", "~~", "[x]", "[ ]"):
            if literal in t:
                bad.append("page %d: literal %r" % (p, literal))
    if not ref:
        bad.append("no reference found")
    for n in sorted(set(ref) | set(note)):
        if ref.get(n) != note.get(n):
            bad.append("note %d: reference on page %s, note on page %s" % (n, ref.get(n), note.get(n)))
    for glyph, name in (("\u2610", "open ballot box"), ("\u2611", "checked ballot box")):
        if glyph not in text:
            bad.append("no " + name)
    if not re.search(r"Struck\s+deliberately,\s+these\s+words", text):
        bad.append("the struck words are missing")
    body, notes = source(md)
    found = words.output_tokens(words.pdf_text(pdf))
    missing = words.check(body, found)
    if missing:
        i = missing[0]
        bad.append("%d words of the text missing or out of order, the first %r in %r"
                   % (len(missing), body[i], " ".join(body[max(0, i - 4):i + 5])))
    for n, ws in enumerate(notes, 1):
        missing = words.check(ws, found)
        if missing:
            bad.append("note %d: %d words missing or out of order, the first %r" % (n, len(missing), ws[missing[0]]))
    if not notes:
        bad.append("no footnote in the source")
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "gen":
        gen(sys.argv[2])
        sys.exit(0)
    if len(sys.argv) == 4 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2], sys.argv[3]))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
