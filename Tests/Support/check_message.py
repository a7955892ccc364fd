#!/usr/bin/env python3
"""Checks messages and calendars that convenor composed, with Python's `email` package and PyPI's `icalendar`.

Usage: check_message.py MANIFEST.json
       check_message.py DIRECTORY

The manifest is a JSON list of cases; each case has "eml" (a message file) or "ics" (a calendar file) and the
values the file must carry. Given a directory instead (what `convenor preview --out` writes), every *.eml and *.ics
in it is checked for structure only: no defects, each header once, the required headers present and no List-*
header, every calendar parsed. Every problem found is printed as one JSON list of strings on stdout; an empty list
means every case passed. The exit status is 0 unless the script itself fails, so the Swift test reports the list.
"""

import base64
import datetime
import email.policy
import json
import os
import sys
from email import _header_value_parser
from email.parser import BytesParser

import icalendar


def raw_problems(name, raw):
    """Line-level rules: CRLF only, no NUL, no line over 998 octets, final CRLF."""
    problems = []
    masked = raw.replace(b"\r\n", b"..")  # Same length, so positions still point into the file.
    for byte, label in ((b"\r", "bare CR"), (b"\n", "bare LF"), (b"\0", "NUL")):
        if byte in masked:
            problems.append(f"{name}: {label} at {masked.find(byte)}")
    for number, line in enumerate(raw.split(b"\r\n")):
        if len(line) > 998:
            problems.append(f"{name}: line {number + 1} has {len(line)} octets")
    if not raw.endswith(b"\r\n"):
        problems.append(f"{name}: no final CRLF")
    return problems


def defects(name, message):
    """Defects of the message, of every part and of every parsed header."""
    found = []
    for part in message.walk():
        found += [f"{name}: part defect {defect!r}" for defect in part.defects]
        for header, value in part.items():
            found += [f"{name}: header {header} defect {defect!r}" for defect in getattr(value, "defects", [])]
    return found


def lf(text):
    return text.replace("\r\n", "\n")


def phrase_leaves(token):
    """A display name's pieces: ("ws", " "), ("ew", decoded text) or ("text", text)."""
    kind = getattr(token, "token_type", None)
    if kind in ("cfws", "fws", "comment"):
        return [("ws", " ")]
    if kind == "encoded-word":
        return [("ew", str(token))]
    if kind == "bare-quoted-string":  # str() would put the quotes back; the children are the unescaped text.
        return [("text", "".join(str(child) for child in token))]
    if isinstance(token, list):
        return [leaf for child in token for leaf in phrase_leaves(child)]
    return [("text", str(token))]


def display_name(token):
    """RFC 2047 §6.2 reading of a display name: white space between two encoded-words is dropped.

    Python before gh-128110 (fixed in 2025, after this machine's 3.11) keeps that space in address headers, so
    `Address.display_name` is wrong for long names that need several encoded-words. The tokens are Python's own;
    only the joining is done here.
    """
    leaves = phrase_leaves(token)
    text = ""
    for index, (kind, value) in enumerate(leaves):
        if kind == "ws":
            before = next((k for k, _ in reversed(leaves[:index]) if k != "ws"), None)
            after = next((k for k, _ in leaves[index + 1:] if k != "ws"), None)
            if before is None or after is None or (before == "ew" and after == "ew") or text.endswith(" "):
                continue
            text += " "
        else:
            text += value
    return text


def mailboxes(message, name):
    """[[display name or None, addr-spec], ...] of an address header, from its raw (unfolded) value."""
    raw = [value for key, value in message.raw_items() if key.lower() == name]
    if not raw:
        return None
    parsed, rest = _header_value_parser.get_address_list("".join(raw[0].splitlines()))
    if rest or len(parsed.all_mailboxes) != len(parsed.mailboxes):
        return ["unparsable", raw[0]]
    result = []
    for mailbox in parsed.mailboxes:
        name_addr = mailbox[0]
        name = None
        if name_addr.token_type == "name-addr" and name_addr[0].token_type == "display-name":
            name = display_name(name_addr[0]) or None
        result.append([name, mailbox.addr_spec])
    return result


def check_eml(case):
    name = case["eml"]
    expect = case["expect"]
    with open(name, "rb") as file:
        raw = file.read()
    problems = raw_problems(name, raw)
    message = BytesParser(policy=email.policy.default).parsebytes(raw)
    problems += defects(name, message)

    names = [key.lower() for key in message.keys()]
    for key in sorted(set(names)):
        if names.count(key) != 1:
            problems.append(f"{name}: header {key} appears {names.count(key)} times")
    if "headers" in expect and sorted(set(names)) != sorted(key.lower() for key in expect["headers"]):
        problems.append(f"{name}: headers {sorted(set(names))} != expected {sorted(expect['headers'])}")
    for key in expect.get("required", []):
        if key not in names:
            problems.append(f"{name}: no {key} header")
    if any(key.startswith("list-") for key in names):
        problems.append(f"{name}: has a List-* header")
    for part in message.walk():
        if part is not message:
            part_names = [key.lower() for key in part.keys()]
            if len(part_names) != len(set(part_names)) or not set(part_names) <= {
                "content-type", "content-transfer-encoding", "content-disposition"}:
                problems.append(f"{name}: part headers {part_names}")

    def same(label, actual, wanted):
        if actual != wanted:
            problems.append(f"{name}: {label} {actual!r} != {wanted!r}")

    if "subject" in expect:
        same("subject", str(message["subject"]), expect["subject"])
    for key, header in (("from", "from"), ("to", "to"), ("reply_to", "reply-to")):
        if key in expect:
            wanted = [expect[key]] if key == "from" else (expect[key] or None)
            same(header, mailboxes(message, header), wanted)
            if message[header] is not None:  # Python's own reading must agree on the addresses.
                same(header + " addresses", [[a.addr_spec] for a in message[header].addresses],
                     [[address[1]] for address in wanted])
    if "message_id" in expect:
        same("message-id", str(message["message-id"]), "<" + expect["message_id"] + ">")
    for header, value in expect.get("extra", {}).items():
        same(header, str(message[header]), value)
    if message["date"] is not None and message["date"].datetime is None:
        problems.append(f"{name}: date does not parse")

    if "text" in expect:
        body = message.get_body(("plain",))
        same("text body", lf(body.get_content()) if body else None, expect["text"])
    if "html" in expect:
        body = message.get_body(("html",))
        same("html body", lf(body.get_content()) if body else None, expect["html"])
    calendars = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    inline = [part for part in calendars if part.get_content_disposition() != "attachment"]
    attached = [part for part in calendars if part.get_content_disposition() == "attachment"]
    if "calendar" in expect:
        same("calendar parts", (len(inline), len(attached)), (1, 1))
        for part in inline + attached:
            same("calendar text", lf(part.get_content()), expect["calendar"])
            same("calendar method", part.get_param("method"), "PUBLISH")
            problems += check_calendar(name, part.get_content(), expect.get("events", []))
    elif "required" in expect:  # Structure only: whatever calendars there are must parse.
        for part in calendars:
            count = len(icalendar.Calendar.from_ical(part.get_content()).walk("VEVENT"))
            problems += check_calendar(name, part.get_content(), [None] * count)
        if attached:
            same("calendar filename", attached[0].get_filename(), expect.get("calendar_filename", "meeting.ics"))
    elif "text" in expect:  # A full expectation: no calendar means none at all.
        same("calendar parts", len(calendars), 0)
    if "attachments" in expect:
        found = [part for part in message.iter_attachments() if part.get_content_type() != "text/calendar"]
        same("attachments", [[part.get_filename(), part.get_content_type(),
                              base64.b64encode(part.get_payload(decode=True)).decode()] for part in found],
             expect["attachments"])
    return problems


def observances(vtimezone):
    """(onset in UTC, offset after it) for every STANDARD and DAYLIGHT of our own VTIMEZONE, oldest first."""
    result = []
    for observance in vtimezone.subcomponents:
        onset = observance.decoded("DTSTART")
        before = observance.decoded("TZOFFSETFROM")
        after = observance.decoded("TZOFFSETTO")
        result.append((onset - before, after))
    return sorted(result)


def instant_from_vtimezone(local, table):
    """The UTC instant of a wall time under the VTIMEZONE's observances (first occurrence when repeated)."""
    candidates = []
    for _, offset in table:
        utc = local - offset
        in_force = [after for onset, after in table if onset <= utc]
        if in_force and in_force[-1] == offset:
            candidates.append(utc)
    return min(candidates) if candidates else None


def iso(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_calendar(name, text, expected_events):
    problems = []
    raw = text.encode("utf-8")
    if b"\n" in raw.replace(b"\r\n", b"") or b"\r" in raw.replace(b"\r\n", b""):
        problems.append(f"{name}: calendar has a bare CR or LF")
    for number, line in enumerate(raw.split(b"\r\n")):
        if len(line) > 75:
            problems.append(f"{name}: calendar line {number + 1} has {len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"{name}: calendar line {number + 1} splits a UTF-8 sequence")
    calendar = icalendar.Calendar.from_ical(text)
    for key in ("VERSION", "PRODID", "METHOD"):
        if key not in calendar:
            problems.append(f"{name}: calendar has no {key}")
    if str(calendar.get("METHOD")) != "PUBLISH":
        problems.append(f"{name}: METHOD is {calendar.get('METHOD')}")
    zones = {str(zone["TZID"]): observances(zone) for zone in calendar.walk("VTIMEZONE")}
    events = calendar.walk("VEVENT")
    if len(events) != len(expected_events):
        problems.append(f"{name}: {len(events)} events, expected {len(expected_events)}")
    for event, wanted in zip(events, expected_events):
        if wanted is None:  # Structure only.
            continue

        def same(label, actual, value):
            if actual != value:
                problems.append(f"{name}: {label} {actual!r} != {value!r}")

        same("UID", str(event["UID"]), wanted["uid"])
        same("SUMMARY", str(event["SUMMARY"]), wanted["summary"])
        same("DESCRIPTION", str(event["DESCRIPTION"]), wanted["description"])
        same("LOCATION", str(event["LOCATION"]) if "LOCATION" in event else None, wanted.get("location"))
        same("URL", str(event["URL"]) if "URL" in event else None, wanted.get("url"))
        same("SEQUENCE", int(event["SEQUENCE"]), wanted["sequence"])
        same("STATUS", str(event["STATUS"]), wanted["status"])
        for key in ("DTSTART", "DTEND"):
            moment = event.decoded(key)
            want = wanted["start_utc" if key == "DTSTART" else "end_utc"]
            same(key + " (icalendar)", iso(moment), want)
            tzid = event[key].params.get("TZID")
            if tzid is not None:
                if tzid not in zones:
                    problems.append(f"{name}: {key} names TZID {tzid} without a VTIMEZONE")
                    continue
                local = moment.replace(tzinfo=None)
                own = instant_from_vtimezone(local, zones[tzid])
                same(key + " (own VTIMEZONE)", own.strftime("%Y-%m-%dT%H:%M:%SZ") if own else None, want)
    return problems


REQUIRED = ["date", "from", "to", "subject", "message-id", "mime-version", "content-type"]


def directory_cases(directory):
    """Structure-only cases for every message and calendar in a directory."""
    cases = []
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if name.endswith(".eml"):
            cases.append({"eml": path, "expect": {"required": REQUIRED}})
        elif name.endswith(".ics"):
            with open(path, encoding="utf-8", newline="") as file:
                count = len(icalendar.Calendar.from_ical(file.read()).walk("VEVENT"))
            cases.append({"ics": path, "events": [None] * count})
    return cases


def main():
    if os.path.isdir(sys.argv[1]):
        cases = directory_cases(sys.argv[1])
    else:
        with open(sys.argv[1], encoding="utf-8") as file:
            cases = json.load(file)
    problems = []
    for case in cases:
        try:
            if "eml" in case:
                problems += check_eml(case)
            else:
                with open(case["ics"], encoding="utf-8", newline="") as file:
                    problems += check_calendar(case["ics"], file.read(), case["events"])
        except Exception as error:  # A crash on one case is a finding, not the end of the run.
            problems.append(f"{case.get('eml') or case.get('ics')}: {type(error).__name__}: {error}")
    json.dump(problems, sys.stdout)


if __name__ == "__main__":
    main()
