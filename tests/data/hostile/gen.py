#!/usr/bin/env python3
"""Writes the generated inputs of the hostile-input suite (tests/e2e/hostile.sh).

    gen.py CASES_DIR

CASES_DIR is a copy of tests/data/hostile/.  For every case below whose
folder exists there, the inputs are written into that folder.  These inputs
are made at test time rather than committed because they are big (a 2 MB
paragraph, 20,000 headings), binary (PNG files, invalid UTF-8, NUL bytes),
or would be changed by git (CRLF line endings, a BOM).

Some cases also get `expect-text.txt`: text that must appear in both
outputs once all whitespace (and, in the PDF, line-end hyphens) is
removed; used where words.py cannot match (a word broken over a thousand
lines).

Only the standard library is used (zlib and struct write the PNG files),
and nothing is random: the same inputs every run.
"""
import os
import struct
import sys
import zlib

# ---- PNG writing ---------------------------------------------------------

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Adam7 passes: first column, first row, column step, row step.
ADAM7_PASSES = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4),
                (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


def png_chunk(kind, payload):
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def png_file(width, height, bit_depth, color_type, scanlines, interlace=0, before_idat=b""):
    """A complete PNG; `scanlines` is the filtered (filter byte 0) image data."""
    header = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, interlace)
    return (PNG_SIGNATURE + png_chunk(b"IHDR", header) + before_idat +
            png_chunk(b"IDAT", zlib.compress(scanlines, 9)) + png_chunk(b"IEND", b""))


def plain_scanlines(width, height, pixel):
    """Non-interlaced rows, each behind filter type 0; pixel(x, y) -> bytes."""
    return b"".join(b"\x00" + b"".join(pixel(x, y) for x in range(width)) for y in range(height))


def adam7_scanlines(width, height, pixel):
    """The seven reduced images of an interlaced PNG, one after the other."""
    out = []
    for x0, y0, dx, dy in ADAM7_PASSES:
        columns = range(x0, width, dx)
        if not columns:
            continue
        for y in range(y0, height, dy):
            out.append(b"\x00" + b"".join(pixel(x, y) for x in columns))
    return b"".join(out)


def rgb_gradient(x, y):
    return bytes([(x * 16) & 0xFF, (y * 16) & 0xFF, 128])


def png_rgb(width, height):
    return png_file(width, height, 8, 2, plain_scanlines(width, height, rgb_gradient))


# ---- the cases -----------------------------------------------------------

def write(folder, name, data):
    path = os.path.join(folder, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode) as f:
        f.write(data)


def lorem_words(total_bytes):
    """Deterministic filler words, about total_bytes long with spaces."""
    vocabulary = ("ferry", "cable", "river", "current", "pilot", "hull", "angle",
                  "pontoon", "crossing", "water", "bank", "rope", "tide", "wheel")
    words, size, i = [], 0, 0
    while size < total_bytes:
        w = vocabulary[(i * 7 + i // 3) % len(vocabulary)]
        words.append(w)
        size += len(w) + 1
        i += 1
    return " ".join(words)


FRONT = "---\ntitle: {}\nlang: en\n---\n\n"


def gen_bom_crlf(d):
    text = FRONT.format("Windows Notes") + "# A heading\n\nCable ferries cross rivers.\nThe current does the work.\n"
    write(d, "article.md", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())


def gen_invalid_utf8(d):
    write(d, "article.md", (FRONT.format("Bytes") + "First line.\n\nBroken \xff\xfe here.\n").encode("latin-1"))


def gen_invalid_utf8_frontmatter(d):
    write(d, "article.md", b"---\ntitle: Caf\xe9\nlang: en\n---\n\nText.\n")


def gen_overlong_utf8(d):
    # an overlong encoding of '/', and a lone surrogate: both invalid UTF-8
    write(d, "article.md", (FRONT.format("Overlong")).encode() + b"Slash \xc0\xaf and \xed\xa0\x80.\n")


def gen_nul_bytes(d):
    write(d, "article.md", (FRONT.format("Nul") + "Before\x00after the nul byte.\n\nSecond paragraph.\n").encode())


def gen_big_paragraph(d):
    write(d, "article.md", FRONT.format("One Long Paragraph") + lorem_words(2 * 1024 * 1024) + "\n")


def gen_long_word(d):
    word = "abcdefghij" * 10000
    write(d, "article.md", FRONT.format("One Long Word") + "Before " + word + " after.\n")
    write(d, "expect-text.txt", word)


def gen_long_url(d):
    url = "https://example.com/" + "a" * 100000
    write(d, "article.md", FRONT.format("One Long URL") + "See <" + url + "> and [the link](" + url + ") here.\n")
    write(d, "expect-text.txt", url)


def gen_nested_quotes(d):
    write(d, "article.md", FRONT.format("Quotes") + "> " * 5000 + "deep\n")


def gen_nested_lists(d):
    write(d, "article.md", FRONT.format("Lists") + "".join("  " * i + "- item\n" for i in range(2000)))


def gen_nested_emphasis(d):
    write(d, "article.md", FRONT.format("Emphasis") + "*" * 6000 + "x" + "*" * 6000 + "\n")


def gen_many_headings(d):
    body = "".join("## Heading {}\n\nText {}.\n\n".format(i, i) for i in range(20000))
    write(d, "article.md", FRONT.format("Headings") + body)


def gen_input_too_big(d):
    # one byte over the reader's 64 MiB limit (GALLEY_READ_MAX_INPUT_BYTES):
    # front matter, a paragraph, then a hole (a sparse file: quick to
    # write) and a last byte
    limit = 64 * 1024 * 1024
    with open(os.path.join(d, "article.md"), "wb") as f:
        f.write((FRONT.format("Huge") + lorem_words(1000) + "\n").encode())
        f.seek(limit)
        f.write(b"x")


def gen_image_notimage(d):
    write(d, "photo.png", "This is text with a .png name.\n")


def gen_image_truncated(d):
    data = png_rgb(32, 32)
    write(d, "photo.png", data[: len(data) // 2])


def gen_image_truncated_jpeg(d):
    # SOI, APP0, then nothing: a JPEG cut before its frame header
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    write(d, "photo.jpg", b"\xff\xd8" + app0 + b"\xff\xdb\x00\x43\x00")


def gen_image_interlaced(d):
    write(d, "photo.png", png_file(23, 17, 8, 2, adam7_scanlines(23, 17, rgb_gradient), interlace=1))


def gen_image_interlaced_palette(d):
    # the kind that makes libharu double-free: interlaced, palette, tRNS
    palette = png_chunk(b"PLTE", bytes([200, 30, 30, 30, 200, 30, 30, 30, 200]))
    alpha = png_chunk(b"tRNS", bytes([0, 128]))
    pixels = adam7_scanlines(13, 11, lambda x, y: bytes([(x + y) % 3]))
    write(d, "photo.png", png_file(13, 11, 8, 3, pixels, interlace=1, before_idat=palette + alpha))


def gen_image_16bit(d):
    write(d, "photo.png", png_file(9, 7, 16, 2, plain_scanlines(
        9, 7, lambda x, y: struct.pack(">HHH", x * 7000, y * 9000, 40000))))
    write(d, "gray16a.png", png_file(5, 5, 16, 4, plain_scanlines(
        5, 5, lambda x, y: struct.pack(">HH", x * 13000, 65535 - y * 10000))))


def gen_image_huge(d):
    # a valid header claiming 30000x30000 RGB pixels, with one row of data
    write(d, "photo.png", png_file(30000, 30000, 8, 2, b"\x00" + b"\x00" * 90000))


def sparse_png(path, size):
    """A PNG signature and header, then a hole up to `size` bytes."""
    with open(path, "wb") as f:
        f.write(PNG_SIGNATURE + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 100, 100, 8, 2, 0, 0, 0)))
        f.seek(size - 1)
        f.write(b"\x00")


def gen_image_too_big(d):
    # one byte over GALLEY_READ_MAX_IMAGE_BYTES (64 MiB); sparse, so cheap
    sparse_png(os.path.join(d, "photo.png"), 64 * 1024 * 1024 + 1)


def gen_cover_too_big(d):
    sparse_png(os.path.join(d, "cover.png"), 64 * 1024 * 1024 + 1)


def gen_too_many_fonts(d):
    # 65 fonts, one more than the EPUB embeds (EPUB_FONTS_MAX): links to
    # one shipped font
    font = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "fonts", "DejaVuSans.ttf")
    os.makedirs(os.path.join(d, "fonts"), exist_ok=True)
    for i in range(65):
        os.symlink(os.path.abspath(font), os.path.join(d, "fonts", "Face{:02d}.ttf".format(i)))


def gen_image_odd_names(d):
    # names with spaces, markup characters and non-ASCII letters: the EPUB
    # must build its ZIP entry names and hrefs from safe characters
    write(d, "a b.png", png_rgb(6, 6))
    write(d, "\u00fc&<>'\".png", png_rgb(7, 5))
    write(d, "sub/..png", png_rgb(5, 7))


def gen_image_outside_allowed(d):
    write(d, "shared/pic.png", png_rgb(8, 8))


def gen_image_outside_parent(d):
    # the file ../../etc/passwd names from a/b/, so that only the folder
    # rule can refuse it (not "not found")
    write(d, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")


def gen_missing_fonts(d):
    write(d, "nofonts/README", "A font folder without any font.\n")


CASES = {
    "bom-crlf": gen_bom_crlf,
    "invalid-utf8": gen_invalid_utf8,
    "invalid-utf8-frontmatter": gen_invalid_utf8_frontmatter,
    "overlong-utf8": gen_overlong_utf8,
    "nul-bytes": gen_nul_bytes,
    "big-paragraph": gen_big_paragraph,
    "long-word": gen_long_word,
    "long-url": gen_long_url,
    "nested-quotes": gen_nested_quotes,
    "nested-lists": gen_nested_lists,
    "nested-emphasis": gen_nested_emphasis,
    "many-headings": gen_many_headings,
    "input-too-big": gen_input_too_big,
    "image-notimage": gen_image_notimage,
    "image-truncated": gen_image_truncated,
    "image-truncated-jpeg": gen_image_truncated_jpeg,
    "image-interlaced": gen_image_interlaced,
    "image-interlaced-palette": gen_image_interlaced_palette,
    "image-16bit": gen_image_16bit,
    "image-huge": gen_image_huge,
    "image-too-big": gen_image_too_big,
    "image-odd-names": gen_image_odd_names,
    "cover-too-big": gen_cover_too_big,
    "too-many-fonts": gen_too_many_fonts,
    "image-outside-allowed": gen_image_outside_allowed,
    "image-outside-sibling": gen_image_outside_allowed,
    "image-outside-parent": gen_image_outside_parent,
    "missing-fonts": gen_missing_fonts,
}


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: gen.py CASES_DIR\n")
        return 2
    root = argv[1]
    for name, make in CASES.items():
        folder = os.path.join(root, name)
        if os.path.isdir(folder):
            make(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
