#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
"""Draws examples/img/atomic-write.png: the three steps of an atomic write.

Three labelled boxes joined by arrows (WRITE TMP -> FSYNC -> RENAME), with the
target file drawn under the last one.  Uses only the standard library (zlib,
struct): a tiny 5x7 bitmap font, rectangles and arrows on an RGB canvas,
written as a non-interlaced 8-bit PNG.  Deterministic: running it again gives
the same bytes.

    python3 examples/img/make-figure.py [OUT.png]
"""
import os
import struct
import sys
import zlib

WIDTH, HEIGHT = 720, 200
SCALE = 3  # pixels per font dot

PAPER = (255, 255, 255)
INK = (34, 40, 49)
TINT = (226, 236, 244)
ACCENT = (181, 64, 38)

# 5x7 glyphs, one string of five '#'/'.' columns per row, top to bottom.
FONT = {
    "A": [".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"],
    "C": [".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."],
    "D": ["####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."],
    "E": ["#####", "#....", "#....", "####.", "#....", "#....", "#####"],
    "F": ["#####", "#....", "#....", "####.", "#....", "#....", "#...."],
    "G": [".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".###."],
    "I": [".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."],
    "M": ["#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"],
    "N": ["#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#", "#...#"],
    "P": ["####.", "#...#", "#...#", "####.", "#....", "#....", "#...."],
    "R": ["####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"],
    "S": [".####", "#....", "#....", ".###.", "....#", "....#", "####."],
    "T": ["#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."],
    "W": ["#...#", "#...#", "#...#", "#.#.#", "#.#.#", "##.##", "#...#"],
    "Y": ["#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."],
    "1": ["..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."],
    "2": [".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"],
    "3": ["####.", "....#", "....#", ".###.", "....#", "....#", "####."],
    ".": [".....", ".....", ".....", ".....", ".....", ".##..", ".##.."],
    " ": ["....."] * 7,
}


class Canvas:
    def __init__(self, width, height, colour):
        self.width, self.height = width, height
        self.rows = [[colour] * width for _ in range(height)]

    def rect(self, x0, y0, x1, y1, colour):
        """Fills [x0, x1) x [y0, y1), clipped to the canvas."""
        for y in range(max(0, y0), min(self.height, y1)):
            row = self.rows[y]
            for x in range(max(0, x0), min(self.width, x1)):
                row[x] = colour

    def frame(self, x0, y0, x1, y1, thickness, colour):
        self.rect(x0, y0, x1, y0 + thickness, colour)
        self.rect(x0, y1 - thickness, x1, y1, colour)
        self.rect(x0, y0, x0 + thickness, y1, colour)
        self.rect(x1 - thickness, y0, x1, y1, colour)

    def text(self, x, y, s, colour, scale=SCALE):
        for ch in s:
            for r, line in enumerate(FONT[ch]):
                for c, dot in enumerate(line):
                    if dot == "#":
                        self.rect(x + c * scale, y + r * scale,
                                  x + (c + 1) * scale, y + (r + 1) * scale, colour)
            x += 6 * scale

    def arrow_right(self, x0, x1, y, colour):
        """A horizontal arrow from x0 to x1 with its head at x1."""
        self.rect(x0, y - 2, x1 - 10, y + 2, colour)
        for i in range(12):
            self.rect(x1 - 12 + i, y - (12 - i) // 2 - 1, x1 - 11 + i, y + (12 - i) // 2 + 1, colour)

    def arrow_down(self, x, y0, y1, colour):
        self.rect(x - 2, y0, x + 2, y1 - 10, colour)
        for i in range(12):
            self.rect(x - (12 - i) // 2 - 1, y1 - 12 + i, x + (12 - i) // 2 + 1, y1 - 11 + i, colour)

    def png(self):
        raw = b"".join(b"\x00" + bytes(v for px in row for v in px) for row in self.rows)
        def chunk(kind, data):
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def text_width(s, scale=SCALE):
    return len(s) * 6 * scale - scale


def box(canvas, x, y, w, h, step, label, colour):
    canvas.rect(x, y, x + w, y + h, TINT)
    canvas.frame(x, y, x + w, y + h, 3, colour)
    canvas.text(x + 10, y + 10, step, ACCENT, scale=2)
    canvas.text(x + (w - text_width(label)) // 2, y + (h - 7 * SCALE) // 2 + 6, label, INK)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "atomic-write.png")
    c = Canvas(WIDTH, HEIGHT, PAPER)
    bw, bh, top = 180, 80, 20
    xs = [20, 270, 520]
    for x, step, label in zip(xs, ["1.", "2.", "3."], ["WRITE TMP", "FSYNC", "RENAME"]):
        box(c, x, top, bw, bh, step, label, INK)
    c.arrow_right(xs[0] + bw + 6, xs[1] - 6, top + bh // 2, ACCENT)
    c.arrow_right(xs[1] + bw + 6, xs[2] - 6, top + bh // 2, ACCENT)
    # The target file under the last box: a page with a folded corner.
    fx, fy, fw, fh = xs[2] + 50, 140, 80, 50
    c.arrow_down(xs[2] + bw // 2, top + bh + 4, fy - 4, ACCENT)
    c.rect(fx, fy, fx + fw, fy + fh, PAPER)
    c.frame(fx, fy, fx + fw, fy + fh, 3, INK)
    c.text(fx + (fw - text_width("PDF", 2)) // 2, fy + 18, "PDF", INK, scale=2)
    with open(out, "wb") as f:
        f.write(c.png())


if __name__ == "__main__":
    main()
