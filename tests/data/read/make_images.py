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
  cmyk.jpg       8x8 baseline CMYK JPEG with an Adobe APP14 marker (inverted)
  cmyk-plain.jpg the same without the marker (plain CMYK)
  anim.gif       4x3 screen, two frames; the first 2x2 at (1,0) with a
                 transparent colour
  interlaced.gif 1x8, interlaced, row y in colour y % 4
  text.svg       an SVG with text, 200x100 px
  gradient.svg   an SVG with a gradient, sized by its viewBox only
  unsafe.svg     scripts, event attributes, external references, a link
  entity.svg     an internal entity, as Adobe Illustrator writes them
  xxe.svg        an external entity (refused)
  page.svg       XML whose root is not <svg>

The WebP fixtures (lossy.webp 8x4, alpha.webp 4x4 with alpha, anim.webp
6x4, two frames: red then blue) were made once with ImageMagick:
  convert -size 8x4 gradient:green-white -quality 70 lossy.webp
  convert -size 4x4 xc:none -fill 'rgba(255,0,0,0.5)' -draw 'rectangle 0,0 1,3' \
          -define webp:lossless=true alpha.webp
  convert -size 6x4 xc:red r.png; convert -size 6x4 xc:blue b.png
  convert -delay 10 r.png b.png -loop 0 anim.webp

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


def jpeg_cmyk_8x8(adobe):
    """A baseline JPEG of four flat 8x8 blocks (C, M, Y, K), with or
    without the Adobe APP14 marker that says the samples are inverted."""
    seg = lambda marker, data: b"\xff" + bytes([marker]) + struct.pack(">H", len(data) + 2) + data
    app14 = seg(0xEE, b"Adobe" + struct.pack(">HHHB", 100, 0, 0, 0)) if adobe else b""
    dqt = seg(0xDB, b"\x00" + bytes([1] * 64))
    sof = seg(0xC0, struct.pack(">BHHB", 8, 8, 8, 4) + b"".join(bytes([c, 0x11, 0]) for c in (1, 2, 3, 4)))
    counts = bytes([1] + [0] * 15)
    dht_dc = seg(0xC4, b"\x00" + counts + b"\x00")
    dht_ac = seg(0xC4, b"\x10" + counts + b"\x00")
    sos = seg(0xDA, b"\x04" + b"".join(bytes([c, 0]) for c in (1, 2, 3, 4)) + b"\x00\x3f\x00")
    data = b"\x00"  # four blocks of DC 0, EOB: eight zero bits
    return b"\xff\xd8" + app14 + dqt + sof + dht_dc + dht_ac + sos + data + b"\xff\xd9"


def gif_lzw(pixels, bits):
    """LZW data that never uses the table: a clear code every two codes
    keeps every code bits + 1 wide (valid, and simple to check)."""
    clear, end, width = 1 << bits, (1 << bits) + 1, bits + 1
    codes = []
    for i, p in enumerate(pixels):
        if i % 2 == 0:
            codes.append(clear)
        codes.append(p)
    codes.append(end)
    acc = nacc = 0
    out = bytearray()
    for c in codes:
        acc |= c << nacc
        nacc += width
        while nacc >= 8:
            out.append(acc & 0xFF)
            acc >>= 8
            nacc -= 8
    if nacc:
        out.append(acc & 0xFF)
    blocks = b"".join(bytes([len(out[i:i + 255])]) + bytes(out[i:i + 255]) for i in range(0, len(out), 255))
    return bytes([bits]) + blocks + b"\x00"


def gif(width, height, palette, frames, transparent=None):
    """frames: (left, top, w, h, pixel indices in stored order, interlaced)."""
    bits = 2
    pal = palette + [(0, 0, 0)] * ((1 << bits) - len(palette))
    out = b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80 | (bits - 1), 0, 0)
    out += bytes(c for rgb in pal for c in rgb)
    out += b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    for left, top, w, h, pixels, inter in frames:
        flags = 1 if transparent is not None else 0
        out += b"\x21\xf9\x04" + bytes([flags]) + struct.pack("<H", 10) + bytes([transparent or 0]) + b"\x00"
        out += b"\x2c" + struct.pack("<HHHHB", left, top, w, h, 0x40 if inter else 0)
        out += gif_lzw(pixels, bits)
    return out + b"\x3b"


SVG_TEXT = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">
<rect width="200" height="100" fill="#fff"/>
<text x="10" y="60" font-family="sans-serif" font-size="30">Sharp text</text>
</svg>
"""

SVG_GRADIENT = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150">
<defs><linearGradient id="g"><stop offset="0" stop-color="#c00"/><stop offset="1" stop-color="#00c"/></linearGradient></defs>
<rect width="300" height="150" fill="url(#g)"/>
</svg>
"""

SVG_UNSAFE = """<?xml version="1.0"?>
<?xml-stylesheet href="https://example.com/x.css"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20" onload="alert(1)">
<script>alert(2)</script>
<style>@import url(https://example.com/y.css); rect { fill: red }</style>
<foreignObject width="10" height="10"><p xmlns="http://www.w3.org/1999/xhtml">html</p></foreignObject>
<set attributeName="href" to="javascript:alert(3)"/>
<image width="10" height="10" xlink:href="https://example.com/z.png"/>
<image width="10" height="10" href="rgb.png"/>
<use href="#keep"/>
<rect id="keep" width="10" height="10" fill="url(https://example.com/f.svg#p)" onclick="alert(4)"/>
<a href="javascript:alert(5)"><circle id="linked" cx="30" cy="10" r="5"/></a>
</svg>
"""

SVG_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE svg [ <!ENTITY fill "#0a0"> ]>
<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="&fill;"/></svg>
"""

SVG_XXE = """<?xml version="1.0"?>
<!DOCTYPE svg [ <!ENTITY secret SYSTEM "rgb.png"> ]>
<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><text>&secret;</text></svg>
"""

NOT_SVG = """<html xmlns="http://www.w3.org/1999/xhtml"><body>not a picture</body></html>
"""


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
    files["cmyk.jpg"] = jpeg_cmyk_8x8(True)
    files["cmyk-plain.jpg"] = jpeg_cmyk_8x8(False)
    palette = [(0, 0, 0), (255, 0, 0), (0, 0, 255), (0, 255, 0)]
    files["anim.gif"] = gif(4, 3, palette, [(1, 0, 2, 2, [1, 2, 0, 1], False),
                                            (0, 0, 4, 3, [3] * 12, False)], transparent=0)
    order = [0, 4, 2, 6, 1, 3, 5, 7]  # interlaced rows: passes 1 to 4
    files["interlaced.gif"] = gif(1, 8, palette, [(0, 0, 1, 8, [y % 4 for y in order], True)])
    files["text.svg"] = SVG_TEXT.encode()
    files["gradient.svg"] = SVG_GRADIENT.encode()
    files["unsafe.svg"] = SVG_UNSAFE.encode()
    files["entity.svg"] = SVG_ENTITY.encode()
    files["xxe.svg"] = SVG_XXE.encode()
    files["page.svg"] = NOT_SVG.encode()
    for name, data in files.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    os.makedirs(GOLDEN, exist_ok=True)
    for name in ("rgb.png", "gray.jpg"):
        with open(os.path.join(GOLDEN, name), "wb") as f:
            f.write(files[name])


if __name__ == "__main__":
    main()
