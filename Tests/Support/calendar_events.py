#!/usr/bin/env python3
"""Prints what members' mail programs read from messages: Message-ID, subject, text, and each calendar event.

Usage: calendar_events.py FILE.eml...

Output: one JSON list with an object per file: {"file", "message_id", "subject", "text", "events": [{"uid",
"sequence", "status", "start_utc", "method"}]}. Parsed with Python's `email` package and PyPI's `icalendar`, so the
Swift tests check convenor's output with readers it did not write.
"""

import datetime
import email.policy
import json
import sys
from email.parser import BytesParser

import icalendar


def describe(path):
    with open(path, "rb") as handle:
        message = BytesParser(policy=email.policy.default).parse(handle)
    text, events = "", []
    for part in message.walk():
        if part.get_content_type() == "text/plain" and part.get_filename() is None:
            text += part.get_content()
        if part.get_content_type() == "text/calendar" and part.get_filename() is None:
            calendar = icalendar.Calendar.from_ical(part.get_content())
            for event in calendar.walk("VEVENT"):
                start = event.decoded("DTSTART").astimezone(datetime.timezone.utc)
                events.append({
                    "uid": str(event.get("UID")),
                    "sequence": int(event.get("SEQUENCE", 0)),
                    "status": str(event.get("STATUS", "")),
                    "start_utc": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "method": str(calendar.get("METHOD", "")),
                })
    return {
        "file": path,
        "message_id": str(message["Message-ID"]),
        "subject": str(message["Subject"]),
        "text": text,
        "events": events,
    }


print(json.dumps([describe(path) for path in sys.argv[1:]]))
