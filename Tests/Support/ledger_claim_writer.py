#!/usr/bin/env python3
"""Writes ledger claims in a loop, like the daemon does, until it is killed.

Usage: ledger_claim_writer.py LEDGER.sqlite PROGRESS_FILE GROUP

Each round, in one immediate transaction with WAL and synchronous=FULL, it claims mailing GROUP/agenda/N and marks
GROUP/agenda/N-1 sent. Only after COMMIT returns does it append N to PROGRESS_FILE, so every number in that file
names a round the database must still hold after a kill -9. The ledger's schema must exist (convenor creates it).
"""
import os
import sqlite3
import sys
from datetime import datetime, timezone

INSERT = """
INSERT INTO mailing ("group", kind, occurrence, revision, state, message_id, due, valid_until, attempts,
                     first_attempt, created_at, updated_at)
VALUES (?, 'agenda', ?, 0, 'claimed', ?, ?, '2999-01-01 00:00:00.000', 1, ?, ?, ?)
"""

MARK_SENT = """
UPDATE mailing SET state = 'sent', sent_at = ?, relay_reply = '250 OK', updated_at = ?
WHERE "group" = ? AND kind = 'agenda' AND occurrence = ? AND revision = 0
"""


def stamp():
    # GRDB's text format for dates: UTC with milliseconds.
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def main():
    database, progress_path, group = sys.argv[1], sys.argv[2], sys.argv[3]
    connection = sqlite3.connect(database, isolation_level=None, timeout=10)
    mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    assert mode == "wal", mode
    connection.execute("PRAGMA synchronous = FULL")
    progress = open(progress_path, "a", buffering=1)
    number = 0
    while True:
        now = stamp()
        occurrence = f"{number:06d}"
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(INSERT, (group, occurrence, f"{group}-{occurrence}@test", now, now, now, now))
        if number > 0:
            connection.execute(MARK_SENT, (now, now, group, f"{number - 1:06d}"))
        connection.execute("COMMIT")
        progress.write(f"{number}\n")
        progress.flush()
        os.fsync(progress.fileno())
        number += 1


if __name__ == "__main__":
    main()
