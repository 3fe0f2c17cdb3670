#!/usr/bin/env python3
"""Writes srgb-v2.icc: a small ICC version 2 display profile for sRGB
(IEC 61966-2.1), D50-adapted primaries and the sRGB tone curve as a
1024-entry table. The PDF export embeds it as PDF/A's output intent.

Made here rather than copied so its licence is the project's: run
`python3 assets/icc/make_srgb.py` to make it again (the output is the same
bytes every time).
"""
import os
import struct


def s15f16(v):
    return struct.pack(">i", round(v * 65536))


def xyz(x, y, z):
    return b"XYZ " + b"\0" * 4 + s15f16(x) + s15f16(y) + s15f16(z)


def text_desc(s):
    a = s.encode("ascii") + b"\0"
    return (b"desc" + b"\0" * 4 + struct.pack(">I", len(a)) + a
            + struct.pack(">II", 0, 0) + struct.pack(">HB", 0, 0) + b"\0" * 67)


def text(s):
    return b"text" + b"\0" * 4 + s.encode("ascii") + b"\0"


def curve(n=1024):
    out = []
    for i in range(n):
        v = i / (n - 1)
        lin = v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
        out.append(round(lin * 65535))
    return b"curv" + b"\0" * 4 + struct.pack(">I", n) + struct.pack(">%dH" % n, *out)


def main():
    trc = curve()
    tags = [
        (b"desc", text_desc("sRGB IEC61966-2.1 (Shipshape)")),
        (b"cprt", text("No copyright: public domain (CC0).")),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.4360747, 0.2225045, 0.0139322)),
        (b"gXYZ", xyz(0.3850649, 0.7168786, 0.0971045)),
        (b"bXYZ", xyz(0.1430804, 0.0606169, 0.7141733)),
        (b"rTRC", trc),
        (b"gTRC", trc),
        (b"bTRC", trc),
    ]
    table_len = 4 + 12 * len(tags)
    offset = 128 + table_len
    table = struct.pack(">I", len(tags))
    data = b""
    placed = {}
    for sig, body in tags:
        if body in placed:  # the three curves share one table
            table += sig + struct.pack(">II", *placed[body])
            continue
        while (offset + len(data)) % 4:
            data += b"\0"
        at = offset + len(data)
        placed[body] = (at, len(body))
        table += sig + struct.pack(">II", at, len(body))
        data += body
    while len(data) % 4:
        data += b"\0"
    size = 128 + table_len + len(data)
    header = (struct.pack(">I", size) + b"\0" * 4 + struct.pack(">I", 0x02100000)
              + b"mntr" + b"RGB " + b"XYZ "
              + struct.pack(">6H", 2026, 1, 1, 0, 0, 0) + b"acsp"
              + b"\0" * 24  # platform, flags, manufacturer, model, attributes
              + struct.pack(">I", 0)  # perceptual
              + s15f16(0.9642) + s15f16(1.0) + s15f16(0.8249)
              + b"\0" * 4)  # creator
    header += b"\0" * (128 - len(header))
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "srgb-v2.icc")
    with open(out, "wb") as f:
        f.write(header + table + data)


main()
