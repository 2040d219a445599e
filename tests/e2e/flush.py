#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
"""Checks that the justified lines of a PDF end flush right, as pdftotext
reads them.

    flush.py OUT.pdf

Takes the blocks that `pdftotext -bbox-layout` finds (poppler's
paragraphs).  In a block of three lines or more, all of the body text's
height (the commonest; not a heading or a title), a line followed by one that starts on
the block's left edge is a justified line (a paragraph's last line is
followed by an indented line, a list item's by a marker): its last word
must end within TOLERANCE points of the block's right edge (the right end
of its longest line).  A line more than RAGGED points short is taken for a
ragged one (a heading, a title, code): a writer that misplaces words is
off by less than that.  This is what shows that the
PDF writer draws a line as the layout placed it: word gaps, kerning,
letter-spacing (Tc) and glyph expansion (Tz) all move the line's end.
pdftotext counts a line's last Tc in its width, so a line whose letters
are tightened (by at most 2% of 10.5 pt) ends a fifth of a point short.
A line ending in a full stop, a comma, a hyphen or the like may hang it
partly past the margin (margin kerning): it ends between the margin and
HANG_SHARE of its height beyond.

Prints "flush: N of M justified lines" and, on failure, the first lines
that are not.  Exit 0 when all are flush, 1 when some are not, 2 on a
usage error.
"""
import html.parser
import re
import subprocess
import sys

TOLERANCE = 0.25
RAGGED = 1.0
MARKER = re.compile(r"^(\u2022|\u2013|\d+[.)])$")
# a line may end in one of these hanging partly past the margin (margin
# kerning), by at most HANG_SHARE of the line's height
HANGS = re.compile(r"[-\u2010\u2011.,;:!?\u2019\u201d\"')\u2013\u2014]$")
HANG_SHARE = 0.4


class Blocks(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks, self.line, self.word = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "block":
            self.blocks.append([])
        elif tag == "line":
            self.line = []
        elif tag == "word":
            self.word = [float(a["xmin"]), float(a["ymin"]), float(a["xmax"]), float(a["ymax"]), ""]

    def handle_data(self, data):
        if self.word is not None:
            self.word[4] += data

    def handle_endtag(self, tag):
        if tag == "word":
            self.line.append(self.word)
            self.word = None
        elif tag == "line":
            if self.line:
                self.blocks[-1].append(self.line)
            self.line = None


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    out = subprocess.run(["pdftotext", "-bbox-layout", argv[1], "-"], capture_output=True, text=True)
    if out.returncode != 0:
        print("pdftotext failed: " + out.stderr.strip(), file=sys.stderr)
        return 2
    p = Blocks()
    p.feed(out.stdout)
    def height(ln):
        return round(max(w[3] for w in ln) - min(w[1] for w in ln), 1)
    every = [height(ln) for block in p.blocks for ln in block]
    body = max(set(every), key=every.count) if every else 0
    total, bad = 0, []
    for block in p.blocks:
        if len(block) < 3 or {height(ln) for ln in block} != {body}:
            continue
        # the margin: where lines that do not end in a hanging mark end
        # (unless none reaches it: then the longest line marks it)
        ends = [ln[-1][2] for ln in block if not HANGS.search(ln[-1][4])]
        edge = max(ln[-1][2] for ln in block)
        known = bool(ends) and edge - max(ends) <= HANG_SHARE * (block[0][0][3] - block[0][0][1])
        if known:
            edge = max(ends)
        left = min(ln[0][0] for ln in block)
        for ln, nxt in zip(block, block[1:]):
            # a paragraph's last line is followed by an indented first
            # line, a list item's by a marker
            if abs(nxt[0][0] - left) > 0.1 or MARKER.match(nxt[0][4]):
                continue
            # more than RAGGED short: set ragged (a heading, a title, code)
            if edge - ln[-1][2] > RAGGED:
                continue
            total += 1
            if HANGS.search(ln[-1][4]):
                hang, most = ln[-1][2] - edge, HANG_SHARE * (ln[-1][3] - ln[-1][1])
                if (-TOLERANCE <= hang <= most) if known else (-most <= hang <= TOLERANCE):
                    continue
            if abs(ln[-1][2] - edge) > TOLERANCE:
                bad.append("%.2f pt short: %s" % (edge - ln[-1][2], " ".join(w[4] for w in ln)))
    print("flush: %d of %d justified lines" % (total - len(bad), total))
    for b in bad[:10]:
        print("  " + b)
    return 1 if bad or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
