#!/usr/bin/env python3
"""Writes the small image fixtures of the reader tests (tests/data/read/img/).

Made with the standard library only (zlib + struct), so that the fixtures can
be regenerated anywhere and reviewed byte by byte:

  rgb.png        3x2 RGB, 8-bit
  gray16.png     4x4 gray, 16-bit
  palette.png    2x2 palette with a tRNS chunk (one transparent entry)
  interlaced.png 5x5 RGBA, Adam7-interlaced
  huge.png       header claiming 30000x30000 pixels (64 bytes of pixel data)
  truncated.png  rgb.png cut in the middle of its IDAT chunk
  gray.jpg       8x8 baseline grayscale JPEG (one flat block)
  truncated.jpg  gray.jpg without its last bytes
  notimage.png   text with a .png name

and golden/img/rgb.png, golden/img/gray.jpg for the golden dumps.
"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "img")
GOLDEN = os.path.join(HERE, "golden", "img")  # images of the golden articles


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(width, height, depth, color, raw, extra=b"", interlace=0):
    ihdr = struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, interlace)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def rows(pixel_rows):
    """Filter type 0 before each row."""
    return b"".join(b"\x00" + r for r in pixel_rows)


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4),
         (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def interlaced(width, height, bpp, pixel):
    out = b""
    for x0, y0, dx, dy in ADAM7:
        xs = range(x0, width, dx)
        ys = range(y0, height, dy)
        if not xs or not ys:
            continue
        for y in ys:
            out += b"\x00" + b"".join(pixel(x, y) for x in xs)
    return out


def jpeg_gray_8x8():
    """A baseline JPEG of one flat 8x8 block: DC difference 0 and an
    immediate end-of-block, each coded by a one-symbol Huffman table."""
    seg = lambda marker, data: b"\xff" + bytes([marker]) + struct.pack(">H", len(data) + 2) + data
    app0 = seg(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    dqt = seg(0xDB, b"\x00" + bytes([1] * 64))
    sof = seg(0xC0, struct.pack(">BHHB", 8, 8, 8, 1) + b"\x01\x11\x00")
    counts = bytes([1] + [0] * 15)
    dht_dc = seg(0xC4, b"\x00" + counts + b"\x00")  # DC table 0: symbol 0 (category 0)
    dht_ac = seg(0xC4, b"\x10" + counts + b"\x00")  # AC table 0: symbol 0x00 (EOB)
    sos = seg(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    data = b"\x3f"  # bits 0 (DC) 0 (EOB), padded with ones
    return b"\xff\xd8" + app0 + dqt + sof + dht_dc + dht_ac + sos + data + b"\xff\xd9"


def main():
    os.makedirs(OUT, exist_ok=True)
    files = {}
    files["rgb.png"] = png(3, 2, 8, 2, rows([bytes([255, 0, 0, 0, 255, 0, 0, 0, 255])] * 2))
    files["gray16.png"] = png(4, 4, 16, 0, rows([struct.pack(">HHHH", 0, 21845, 43690, 65535)] * 4))
    plte = chunk(b"PLTE", bytes([10, 20, 30, 200, 100, 50]))
    trns = chunk(b"tRNS", bytes([0]))
    files["palette.png"] = png(2, 2, 8, 3, rows([bytes([0, 1]), bytes([1, 0])]), plte + trns)
    files["interlaced.png"] = png(5, 5, 8, 6, interlaced(5, 5, 4, lambda x, y: bytes([x * 50, y * 50, 0, 255])),
                                  interlace=1)
    ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    files["huge.png"] = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
                         chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))
    rgb = files["rgb.png"]
    files["truncated.png"] = rgb[: rgb.index(b"IDAT") + 10]
    files["gray.jpg"] = jpeg_gray_8x8()
    files["truncated.jpg"] = files["gray.jpg"][:-3]
    files["notimage.png"] = b"this is not an image\n"
    for name, data in files.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    os.makedirs(GOLDEN, exist_ok=True)
    for name in ("rgb.png", "gray.jpg"):
        with open(os.path.join(GOLDEN, name), "wb") as f:
            f.write(files[name])


if __name__ == "__main__":
    main()
