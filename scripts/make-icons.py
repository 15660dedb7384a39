#!/usr/bin/env python3
"""Draws the Tidings toolbar icons (extension/icons/icon-{16,32,48,128}.png).

No dependencies: a rounded ink-blue tile with a page of text lines, rendered with 4x4
supersampling and written as RGBA PNG with zlib. Run again only to change the design;
the PNGs are committed.
"""
import os
import struct
import sys
import zlib

BG = (38, 70, 120)      # ink blue
PAGE = (250, 247, 240)  # paper
INK = (38, 70, 120)


def inside_round_rect(x, y, x0, y0, x1, y1, r):
    if x < x0 or x > x1 or y < y0 or y > y1:
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def shade(u, v):
    """Colour at normalised point (u, v) in [0,1]^2, or None for transparent."""
    if not inside_round_rect(u, v, 0.02, 0.02, 0.98, 0.98, 0.2):
        return None
    # the page
    if inside_round_rect(u, v, 0.22, 0.16, 0.78, 0.84, 0.05):
        # text lines: a heading and four body lines, the last one short
        lines = [(0.26, 0.60, 0.08), (0.42, 0.66, 0.05), (0.53, 0.66, 0.05),
                 (0.64, 0.66, 0.05), (0.75, 0.52, 0.05)]
        for top, right, h in lines:
            if top <= v <= top + h and 0.32 <= u <= right + 0.02:
                return INK
        return PAGE
    return BG


def render(size, ss=4):
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(ss):
                for sx in range(ss):
                    c = shade((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size)
                    if c is not None:
                        acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 1
            n = acc[3]
            if n:
                row += bytes([acc[0] // n, acc[1] // n, acc[2] // n, 255 * n // (ss * ss)])
            else:
                row += bytes(4)
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "extension", "icons")
    os.makedirs(out, exist_ok=True)
    for size in (16, 32, 48, 128):
        with open(os.path.join(out, f"icon-{size}.png"), "wb") as f:
            f.write(render(size))


if __name__ == "__main__":
    main()
