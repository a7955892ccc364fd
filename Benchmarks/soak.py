#!/usr/bin/env python3
"""`make soak`: convenor's reliability figures, printed as one Markdown report on stdout.

1. kill -9 at random moments while the daemon sends to a slow loopback server, then restarts until the ledger
   is done: mailings expected (a clean run of the same config), delivered, lost, duplicated (same Message-ID).
2. Each SMTP fault kind injected during a `run --once`: did the daemon survive, and did it report the fault?
3. Hostile template values (CR, LF, NUL, `.` lines, fake headers) rendered and composed: injected headers.
4. Every config mistake in Benchmarks/corpus/: located at its FILE:LINE by `convenor check`?
5. Two instances on one state folder (duplicates), and SIGTERM while the relay is slow (stop time, claims left).
6. Failover: three instances on one PostgreSQL ledger; kill -9, SIGSTOP past the lease, the database stopped 20 s.
SOAK_KILLS (default 100), SOAK_INJECTIONS (default 1000) and FAILOVER_ROUNDS (default 50) size the runs;
SOAK_ROWS=hardening runs only 5, SOAK_ROWS=failover only 6.
"""
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import CONVENOR, CONVENOR_BENCH, SMTPServer, log, machine, scratch
from soak_checks import check_corpus, check_injection
from soak_daemon import SLOW_DATA_SECONDS, daemon_available, fault_kinds, kill_soak
from soak_failover import failover_soak
from soak_instances import hardening_rows


def main():
    for binary in (CONVENOR, CONVENOR_BENCH):
        if not os.path.exists(binary):
            sys.exit(f"{binary} is missing: run `swift build -c release` first (make soak does)")
    kills = int(os.environ.get("SOAK_KILLS", "100"))
    injections = int(os.environ.get("SOAK_INJECTIONS", "1000"))
    started = datetime.now(timezone.utc)
    clock = time.monotonic()
    work = scratch("convenor-soak-")
    sections = []
    only_hardening = os.environ.get("SOAK_ROWS") == "hardening"
    only_failover = os.environ.get("SOAK_ROWS") == "failover"
    rounds = int(os.environ.get("FAILOVER_ROUNDS", "50"))
    try:
        if only_failover:
            sections.append(failover_soak(work + "/failover", rounds))
        elif only_hardening:
            server = SMTPServer({"slow": "slow-data"}, record=False, slow_data_seconds=SLOW_DATA_SECONDS)
            try:
                sections.append(hardening_rows(server, work + "/hardening"))
            finally:
                server.stop()
        elif daemon_available():
            server = SMTPServer({"slow": "slow-data", "control": "normal", "rcpt-451": "rcpt-451",
                                 "rcpt-550": "rcpt-550", "data-451": "data-451", "data-554": "data-554",
                                 "drop-after-data": "drop-after-data", "greeting-421": "greeting-421",
                                 "no-starttls": "no-starttls", "normal": "normal", "silent": "silent"},
                                record=False, slow_data_seconds=SLOW_DATA_SECONDS)
            try:
                sections.append(kill_soak(server, work + "/kill", kills))
                sections.append(fault_kinds(server, work + "/faults"))
                sections.append(hardening_rows(server, work + "/hardening"))
            finally:
                server.stop()
        else:
            sections.append("## kill -9 and SMTP faults\n\nnot run: this build has no `convenor run` (the daemon).")
        if not only_hardening and not only_failover:
            sections.append(failover_soak(work + "/failover", rounds))
            sections.append(check_injection(work + "/inject", injections))
            sections.append(check_corpus(work + "/corpus"))
    finally:
        if os.environ.get("SOAK_KEEP"):
            print(f"kept the soak's folders (SOAK_KEEP): {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"convenor soak, {started:%Y-%m-%d %H:%M} UTC, {machine()}, {time.monotonic() - clock:.0f} s")
    for section in sections:
        print()
        print(section)


if __name__ == "__main__":
    main()
