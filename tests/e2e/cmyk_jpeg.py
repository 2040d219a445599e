#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
"""cmyk_jpeg.py ADOBE.jpg PLAIN.jpg: writes two 128x64 baseline CMYK JPEGs,
red on the left and green on the right, one with the Adobe APP14 marker
(transform 0) and its samples stored inverted, as Photoshop writes them,
one without the marker and its samples as ink.  Each 8x8 block is flat
(a DC coefficient and an end of block), coded by hand, so that the two
files mean the same picture under the two conventions (tests/e2e/images.sh).
"""
import struct
import sys

def bits_of(v, s):
    if s == 0:
        return ""
    return format(v if v > 0 else v + (1 << s) - 1, "0%db" % s)

def cat(v):
    return 0 if v == 0 else abs(v).bit_length()

def cmyk_jpeg(left, right, adobe):
    """128x64 CMYK JPEG: the left half in CMYK `left`, the right in `right`
    (0..255 ink); with `adobe`, an Adobe APP14 marker (transform 0) and
    the samples stored inverted, as Photoshop does."""
    seg = lambda m, d: b"\xff" + bytes([m]) + struct.pack(">H", len(d) + 2) + d
    store = (lambda v: 255 - v) if adobe else (lambda v: v)
    dc = lambda v: (store(v) - 128) * 8
    app14 = seg(0xEE, b"Adobe" + struct.pack(">HHHB", 100, 0, 0, 0)) if adobe else b""
    dqt = seg(0xDB, b"\x00" + bytes([1] * 64))
    sof = seg(0xC0, struct.pack(">BHHB", 8, 64, 128, 4) + b"".join(bytes([c, 0x11, 0]) for c in (1, 2, 3, 4)))
    # DC: the categories these blocks need (0, 10, 11): codes 0, 10, 110
    syms = [11, 10, 0]
    counts = [1, 1, 1] + [0] * 13
    codes = {11: "0", 10: "10", 0: "110"}
    dht_dc = seg(0xC4, b"\x00" + bytes(counts) + bytes(syms))
    dht_ac = seg(0xC4, b"\x10" + bytes([1] + [0] * 15) + b"\x00")  # EOB: '0'
    sos = seg(0xDA, b"\x04" + b"".join(bytes([c, 0]) for c in (1, 2, 3, 4)) + b"\x00\x3f\x00")
    bits, prev = "", [0, 0, 0, 0]
    for px in ([left] * 8 + [right] * 8) * 8:
        for c in range(4):
            v = dc(px[c])
            d = v - prev[c]
            prev[c] = v
            bits += codes[cat(d)] + bits_of(d, cat(d)) + "0"
    bits += "1" * (-len(bits) % 8)
    data = bytearray()
    for i in range(0, len(bits), 8):
        b = int(bits[i:i + 8], 2)
        data.append(b)
        if b == 0xFF:
            data.append(0)
    return b"\xff\xd8" + app14 + dqt + sof + dht_dc + dht_ac + sos + bytes(data) + b"\xff\xd9"

if __name__ == "__main__":
    red, green = (0, 255, 255, 0), (255, 0, 255, 0)
    open(sys.argv[1], "wb").write(cmyk_jpeg(red, green, True))
    open(sys.argv[2], "wb").write(cmyk_jpeg(red, green, False))
