"""The soak's two checks that need no daemon: header injection and the config-mistake corpus."""
import email
import email.parser
import email.policy
import glob
import json
import os
import re
import shutil
import subprocess

from benchlib import BENCHMARKS, CONVENOR, CONVENOR_BENCH, REPOSITORY, log

HEADER_LINE = re.compile(rb"^([!-9;-~]+):")  # RFC 5322 §2.2: printable ASCII except colon, then a colon


def header_names(message):
    """Every header field name of every MIME part, with its part's position, as a multiset."""
    names = []
    for index, part in enumerate(message.walk()):
        names += [(index, key.lower()) for key in part.keys()]
    return sorted(names)


def raw_problems(data):
    """Line-level problems Python's parser might forgive: bare CR or LF, NUL, a header block line that is
    neither a field nor a continuation."""
    problems = []
    if b"\0" in data:
        problems.append("NUL byte")
    if re.search(rb"\r(?!\n)|(?<!\r)\n", data):
        problems.append("bare CR or LF")
    boundaries = re.findall(rb'boundary="?([^";\r\n]+)', data, re.I)
    pieces = [data]
    for boundary in boundaries:
        pieces = [piece for whole in pieces for piece in re.split(rb"\r\n--" + re.escape(boundary) + rb"(?:--)?\r\n",
                                                                    whole)]
    for index, piece in enumerate(pieces):
        if index > 0 and piece.startswith(b"\r\n"):
            continue  # a part without header fields
        block = piece.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in piece else b""
        for line in block.split(b"\r\n"):
            if line and line[:1] not in (b" ", b"\t") and not HEADER_LINE.match(line):
                problems.append(f"stray header line {line[:40]!r}")
                break
    return problems


def check_injection(directory, count):
    """convenor-bench composes `count` hostile messages; Python parses them all in this one process."""
    log(f"injection: composing {count} messages from hostile values")
    subprocess.run([CONVENOR_BENCH, "inject", str(count), "20261124", os.path.join(REPOSITORY, "config"), directory],
                   check=True, stdout=subprocess.DEVNULL)
    parser = email.parser.BytesParser(policy=email.policy.default)
    composed = refused = injected = malformed = dot_lines = 0
    examples = []
    for path in sorted(glob.glob(directory + "/*.refused")):
        refused += 1
    for path in sorted(glob.glob(directory + "/[0-9][0-9][0-9][0-9][0-9].eml")):
        composed += 1
        with open(path, "rb") as file:
            data = file.read()
        clean_path = path[:-4] + ".clean.eml"
        with open(clean_path, "rb") as file:
            clean = file.read()
        hostile = parser.parsebytes(data)
        hostile_names = header_names(hostile)
        defects = [str(defect) for part in hostile.walk() for defect in part.defects]
        clean_names = header_names(parser.parsebytes(clean))
        extra = [name for name in hostile_names if name not in clean_names]
        planted = [name for _, name in hostile_names if name in ("x-injected", "bcc")]
        if extra or planted or hostile_names != clean_names:
            injected += 1
            examples.append(f"{os.path.basename(path)}: headers {sorted(set(extra + [(0, p) for p in planted]))}")
        problems = raw_problems(data) + [f"email parser: {defect}" for defect in defects[:1]]
        if problems:
            malformed += 1
            examples.append(f"{os.path.basename(path)}: {', '.join(problems)}")
        dot_lines += data.count(b"\r\n.\r\n")
    lines = ["## Header injection", "",
             "| Hostile messages | composed | refused | with an injected header | malformed lines | "
             "lone `.` lines in the bytes |", "| ---: | ---: | ---: | ---: | ---: | ---: |",
             f"| {count} | {composed} | {refused} | **{injected}** | {malformed} | {dot_lines} |"]
    if examples:
        lines += ["", "First problems:", *[f"- {example}" for example in examples[:5]]]
    lines += ["", "Values mixed from CR, LF, CRLF, NUL, `.` and `..` lines, U+2028, tabs, Mustache tags and fake "
              "`X-Injected:`, `Bcc:`, `Subject:` and `Content-Type:` lines, put into the group's name and remit, "
              "the chairs' names and institutions, the venue and the agenda items; compared with the same mailing "
              "composed from clean values. A lone `.` line in the message is dot-stuffed by libcurl on the wire."]
    return "\n".join(lines)


def check_corpus(directory):
    """Each broken file of Benchmarks/corpus/ dropped into a copy of config/; `convenor check` must name its line."""
    with open(os.path.join(BENCHMARKS, "corpus", "cases.json")) as file:
        cases = json.load(file)
    located = 0
    misses = []
    for case in cases:
        root = os.path.join(directory, case["file"].removesuffix(".yaml"))
        shutil.copytree(os.path.join(REPOSITORY, "config"), root + "/config")
        shutil.copytree(os.path.join(REPOSITORY, "templates"), root + "/templates")
        shutil.copyfile(os.path.join(BENCHMARKS, "corpus", case["file"]), root + "/config/" + case["into"])
        result = subprocess.run([CONVENOR, "check", "--config", "config"], cwd=root, capture_output=True)
        output = (result.stdout + result.stderr).decode(errors="replace")
        wanted = f"config/{case['into']}:{case['line']}:"
        # A warning (the meeting outside every window) exits 0; everything else must also fail the check.
        if wanted in output and (result.returncode != 0 or ": warning:" in output):
            located += 1
        else:
            first = next((line for line in output.splitlines() if case["into"] in line), output.splitlines()[:1])
            misses.append(f"{case['file']}: wanted {wanted}, got {first!s:.160} (exit {result.returncode})")
    lines = ["## Config mistakes", "", "| Mistakes in the corpus | located at FILE:LINE | not located |",
             "| ---: | ---: | ---: |", f"| {len(cases)} | {located} | **{len(cases) - located}** |"]
    if misses:
        lines += ["", *[f"- {miss}" for miss in misses]]
    lines += ["", "Benchmarks/corpus/: the diagnostics tests' mistakes (ConfigDiagnosticTests) and more, each a "
              "whole group file or convenor.yaml dropped into a copy of config/; cases.json names the line."]
    return "\n".join(lines)
