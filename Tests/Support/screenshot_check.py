#!/usr/bin/env python3
"""Render an HTML file in headless Chromium and check it the way a person glancing at it would.

Usage: screenshot_check.py [--print] PAGE.html OUT_DIR [WIDTHxHEIGHT ...]

For each window size (default: a phone, 412x915, and a desktop, 1280x1024) it takes a screenshot and checks
that the PNG is not blank (enough distinct colours and enough non-white pixels). It also loads the page once with
Chromium's logging on and fails on any console message or uncaught error, and dumps the DOM to check the page
parsed into something with a heading. With --print it also prints the page to PDF (A4 or Letter, Chromium's
default) and reports the number of pages as "print_pages", so a caller can check page breaks. Prints one JSON object; exits 0 when every check passed, 1 otherwise,
2 when Chromium is missing. Only the standard library is used (PNG decoding with zlib and struct), and every
Chromium run is bounded by a timeout.
"""

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib

TIMEOUT_SECONDS = 40
MIN_DISTINCT_COLOURS = 8
MIN_INK_FRACTION = 0.01  # share of pixels that are not (near) white


def chromium_binary():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(binary, arguments, home):
    # A private HOME keeps runs in parallel from sharing a profile or a crash-handler database.
    env = dict(os.environ, HOME=home)
    base = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
            "--disable-extensions", "--user-data-dir=" + os.path.join(home, "profile")]
    return subprocess.run(base + arguments, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, env=env)


def decode_png(data):
    """Returns (width, height, rows of bytes, channels) for an 8-bit RGB/RGBA, non-interlaced PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    position, idat, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        chunk = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
        elif kind == b"IEND":
            break
    width, height, depth, colour_type, _, _, interlace = header
    channels = {2: 3, 6: 4}.get(colour_type)
    if depth != 8 or channels is None or interlace != 0:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour_type}, interlace {interlace}")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, row = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(channels, stride):
                row[i] = (row[i] + row[i - channels]) & 0xFF
        elif kind == 2:
            row = bytearray((a + b) & 0xFF for a, b in zip(row, previous))
        elif kind == 3:
            for i in range(stride):
                left = row[i - channels] if i >= channels else 0
                row[i] = (row[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = row[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                row[i] = (row[i] + predictor) & 0xFF
        rows.append(row)
        previous = row
    return width, height, rows, channels


def picture_facts(path):
    width, height, rows, channels = decode_png(open(path, "rb").read())
    colours, ink = set(), 0
    for row in rows:
        for x in range(0, len(row), channels):
            red, green, blue = row[x], row[x + 1], row[x + 2]
            colours.add((red, green, blue))
            if red < 235 or green < 235 or blue < 235:
                ink += 1
    return {"width": width, "height": height, "distinct_colours": len(colours),
            "ink_fraction": round(ink / float(width * height), 4)}


def pdf_page_count(path):
    """Pages in a PDF Chromium wrote: its page objects are plain (`/Type /Page`), not in object streams."""
    return len(re.findall(rb"/Type\s*/Page[^s]", open(path, "rb").read()))


def console_problems(stderr):
    """Console messages and uncaught errors from Chromium's log (lines such as `INFO:CONSOLE(3)] "..."`)."""
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


def main(arguments):
    print_pdf = "--print" in arguments
    arguments = [argument for argument in arguments if argument != "--print"]
    if len(arguments) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    page, out_dir = os.path.abspath(arguments[0]), os.path.abspath(arguments[1])
    sizes = arguments[2:] or ["412x915", "1280x1024"]
    binary = chromium_binary()
    if binary is None:
        print(json.dumps({"ok": False, "problems": ["chromium is not installed"]}))
        return 2
    os.makedirs(out_dir, exist_ok=True)
    url = "file://" + page
    result = {"ok": True, "problems": [], "screenshots": {}}

    for size in sizes:
        shot = os.path.join(out_dir, f"overview-{size}.png")
        run = run_chromium(binary, ["--screenshot=" + shot, "--window-size=" + size.replace("x", ","), url], out_dir)
        if not os.path.exists(shot):
            result["problems"].append(f"{size}: no screenshot (exit {run.returncode}): {run.stderr[-400:]}")
            continue
        facts = picture_facts(shot)
        facts["file"] = shot
        result["screenshots"][size] = facts
        if facts["distinct_colours"] < MIN_DISTINCT_COLOURS or facts["ink_fraction"] < MIN_INK_FRACTION:
            result["problems"].append(f"{size}: the screenshot looks blank: {facts}")

    if print_pdf:
        pdf = os.path.join(out_dir, "overview.pdf")
        run = run_chromium(binary, ["--no-pdf-header-footer", "--print-to-pdf=" + pdf, url], out_dir)
        if os.path.exists(pdf):
            result["print_pages"] = pdf_page_count(pdf)
        else:
            result["problems"].append(f"no PDF (exit {run.returncode}): {run.stderr[-400:]}")

    logged = run_chromium(binary, ["--enable-logging=stderr", "--v=0", "--dump-dom", url], out_dir)
    problems = console_problems(logged.stderr)
    result["console"] = problems
    if problems:
        result["problems"].append("console messages: " + " | ".join(problems))
    if not re.search(r"<h1[^>]*>", logged.stdout):
        result["problems"].append("the dumped DOM has no <h1>; the page did not load")

    result["ok"] = not result["problems"]
    print(json.dumps(result, indent=2, sort_keys=True))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
