#!/usr/bin/env python3
"""`make bench`: convenor against the tools people would use instead, as ratios measured in one run.

Every row pairs convenor with a reference run in the same invocation, alternating the two, and reports
min / median / max of the per-pair ratios, so a busy neighbour on a shared machine moves both sides of a pair.
Prints one Markdown table on stdout (progress goes to stderr). Expects `swift build -c release` done
(bench.mk does it). BENCH_RUNS (default 3) sets the repetitions; BENCH_SKIP_IDLE=1 leaves out the 60 s idle row.
BENCH_ONLY=oauth2 runs only the OAuth2 sending rows (1c, 1d: row 1a with a fetched XOAUTH2 token instead of a
password), BENCH_ONLY=ledger only row 1e (`run --once` on a PostgreSQL ledger ÷ on SQLite); BENCH_MESSAGES (default
1000) sets how many messages the sending rows send; BENCH_ONLY=pass only row 1f (`run --once` ÷ curl on one
connection), BENCH_ONLY=idle only row 4 (BENCH_IDLE_SECONDS, default 60, of idle), BENCH_ONLY=web only row 6 (the
chair's page and the directory under wrk; BENCH_WEB_SECONDS, default 30, per measurement); BENCH_BUILD=debug times
the debug build.
"""
import base64
import glob
import re
import os
import shutil
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import (CONVENOR, CONVENOR_BENCH, NOW, PASSWORD, RELEASE, USER, YEAR, PostgresServer, SMTPServer,
                      add_ledger, generate, log, machine, scratch, spread, timed)
from idle import measure_idle
from web_bench import bench_web

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
MESSAGES = int(os.environ.get("BENCH_MESSAGES", "1000"))


class Table:
    def __init__(self):
        self.rows = []

    def add(self, name, ratios, meaning, detail, digits=2):
        low, middle, high = spread(ratios)
        self.rows.append(f"| {name} | {low:.{digits}f} | {middle:.{digits}f} | {high:.{digits}f} | {meaning} | {detail} |")
        log(self.rows[-1])

    def add_text(self, name, text, meaning, detail):
        self.rows.append(f"| {name} | – | {text} | – | {meaning} | {detail} |")
        log(self.rows[-1])

    def print(self, runs, started, seconds):
        print(f"convenor benchmarks, {started:%Y-%m-%d %H:%M} UTC, {machine()}; {runs} runs per row unless noted, "
              f"whole run {seconds:.0f} s")
        print()
        print("| Row | min | median | max | Ratio means (goal) | Median times in this run |")
        print("| --- | ---: | ---: | ---: | --- | --- |")
        for row in self.rows:
            print(row)


def convenor_time(arguments):
    return timed([CONVENOR, *arguments])


def check_and_schedule(directory):
    check = convenor_time(["check", "--config", directory])
    schedule = convenor_time(["schedule", "--config", directory, "--now", NOW, *YEAR])
    return check, schedule


def pyyaml_time(directory):
    script = (f"import yaml, glob; [yaml.safe_load(open(f)) for f in glob.glob({directory + '/groups/*.yaml'!r})]; "
              f"yaml.safe_load(open({directory + '/convenor.yaml'!r}))")
    return timed([sys.executable, "-c", script])


def libyaml_time(directory):
    """The floor for reading the files: libyaml's C parser producing events only (PyYAML's CParser), no
    composing, typing or checking; the Python start-up it includes is part of the floor."""
    script = (f"import yaml, glob\nfor f in glob.glob({directory + '/groups/*.yaml'!r}) + [{directory + '/convenor.yaml'!r}]:\n"
              f"    for _ in yaml.parse(open(f), Loader=yaml.CLoader): pass")
    return timed([sys.executable, "-c", script])


def bench_config(table, work):
    directory = generate(1000, work + "/config-1000")
    checks, schedules, loads, floors = [], [], [], []
    for run in range(RUNS):
        check, schedule = check_and_schedule(directory)
        checks.append(check)
        schedules.append(schedule)
        loads.append(pyyaml_time(directory))
        floors.append(libyaml_time(directory))
    median = lambda values: spread(values)[1]
    table.add("2a. Config: `check`, 1,000 groups ÷ PyYAML `safe_load` of the same files",
              [c / l for c, l in zip(checks, loads)], "convenor's time ÷ PyYAML's (≤ 1)",
              f"check {median(checks):.2f} s, PyYAML {median(loads):.2f} s")
    table.add("2b. Config: `schedule` for a year, 1,000 groups ÷ PyYAML",
              [s / l for s, l in zip(schedules, loads)], "convenor's time ÷ PyYAML's (≤ 1)",
              f"schedule {median(schedules):.2f} s, PyYAML {median(loads):.2f} s")
    table.add("2c. Config: `check`, 1,000 groups ÷ libyaml's events (the floor)",
              [c / f for c, f in zip(checks, floors)], "convenor's time ÷ libyaml's (≤ 5)",
              f"check {median(checks):.2f} s, libyaml events {median(floors):.3f} s")
    table.add("2d. Config: `schedule` for a year, 1,000 groups ÷ libyaml's events",
              [s / f for s, f in zip(schedules, floors)], "convenor's time ÷ libyaml's (≤ 10)",
              f"schedule {median(schedules):.2f} s, libyaml events {median(floors):.3f} s")


def bench_growth(table, work):
    sizes = [10, 100, 1000, 10000]
    directories = {size: generate(size, f"{work}/growth-{size}") for size in sizes}
    runs = max(2, RUNS - 1)
    times = {size: [] for size in sizes}
    for run in range(runs):
        for size in sizes:
            times[size].append(sum(check_and_schedule(directories[size])))
    for size in sizes:
        table.add(f"5. Growth: check + schedule, {size:,} groups ÷ 10 groups",
                  [t / base for t, base in zip(times[size], times[10])],
                  "time ÷ the 10-group time (linear would be " f"{size // 10}×)",
                  f"{spread(times[size])[1]:.2f} s ({runs} runs)")


def bench_preview(table, work):
    directory = generate(100, work + "/config-100")
    previews, copies = [], []
    for run in range(RUNS):
        out = f"{work}/preview-{run}"
        previews.append(convenor_time(["preview", "--config", directory, "--now", NOW, *YEAR, "--out", out]))
        copies.append(timed(["cp", "-r", out, out + "-copy"]))
    files = len(glob.glob(f"{work}/preview-0/*"))
    table.add("3. Preview: `preview --out`, 100 groups, a year ÷ `cp -r` of what it wrote",
              [p / c for p, c in zip(previews, copies)], "convenor's time ÷ cp's",
              f"preview {spread(previews)[1]:.2f} s, cp {spread(copies)[1] * 1000:.0f} ms, {files} files")
    return f"{work}/preview-0"


def messages_to_send(preview, work):
    """1,000 messages convenor really rendered (the preview's .eml files, repeated with fresh Message-IDs)."""
    sources = sorted(glob.glob(preview + "/*.eml"))
    if not sources:
        raise RuntimeError("preview --out wrote no .eml files")
    directory = work + "/send"
    os.makedirs(directory, exist_ok=True)
    for index in range(MESSAGES):
        with open(sources[index % len(sources)], "rb") as source:
            data = source.read()
        data = data.replace(b"Message-ID: <", f"Message-ID: <bench{index}.".encode(), 1)
        with open(f"{directory}/{index:05d}.eml", "wb") as target:
            target.write(data)
    return directory


def bench_sending(table, work, preview):
    directory = messages_to_send(preview, work)
    server = SMTPServer({"bench": "normal"}, record=False)
    try:
        url, ca, password_file = server.url("bench"), server.ca, server.password_file
        with open(work + "/msmtprc", "w") as rc:
            rc.write(f"account bench\nhost 127.0.0.1\nport {server.ports['bench']}\nfrom groups@aln.example.org\n"
                     f"tls on\ntls_starttls on\ntls_trust_file {ca}\nauth on\nuser {USER}\n"
                     f"password {PASSWORD}\naccount default : bench\n")
        os.chmod(work + "/msmtprc", 0o600)
        curl_loop = (f'for f in {directory}/*.eml; do curl -s --url {url} --ssl-reqd --cacert {ca} '
                     f'--user "{USER}:{PASSWORD}" --mail-from groups@aln.example.org '
                     f'--mail-rcpt list@example.ac.uk --upload-file "$f" || exit 1; done')
        msmtp_loop = (f'for f in {directory}/*.eml; do msmtp -C {work}/msmtprc -f groups@aln.example.org '
                      f'list@example.ac.uk < "$f" || exit 1; done')
        has_msmtp = shutil.which("msmtp") is not None
        convenor, curl, msmtp = [], [], []
        runs = max(2, RUNS - 1)
        for run in range(runs):
            before = server.message_count("bench")
            convenor.append(timed([CONVENOR_BENCH, "send", directory, url, ca, password_file]))
            curl.append(timed(["bash", "-c", curl_loop]))
            if has_msmtp:
                msmtp.append(timed(["bash", "-c", msmtp_loop]))
            received = server.message_count("bench") - before
            expected = MESSAGES * (3 if has_msmtp else 2)
            if received != expected:
                raise RuntimeError(f"the server received {received} messages, expected {expected}")
            log(f"sending run {run}: convenor {convenor[-1]:.2f} s, curl {curl[-1]:.2f} s"
                + (f", msmtp {msmtp[-1]:.2f} s" if has_msmtp else ""))
    finally:
        server.stop()
    median = lambda values: spread(values)[1]
    table.add("1a. Sending 1,000 messages, STARTTLS + AUTH: curl per message ÷ convenor",
              [c / v for c, v in zip(curl, convenor)], "how many times faster convenor is (≥ 5)",
              f"convenor {median(convenor):.2f} s, curl {median(curl):.1f} s ({runs} runs)")
    if has_msmtp:
        table.add("1b. Sending 1,000 messages: msmtp per message ÷ convenor",
                  [m / v for m, v in zip(msmtp, convenor)], "how many times faster convenor is",
                  f"convenor {median(convenor):.2f} s, msmtp {median(msmtp):.1f} s ({runs} runs)")
    else:
        table.add_text("1b. Sending: msmtp", "not run", "msmtp is not installed (`make bench-deps`)", "")


def bench_sending_oauth2(table, work, preview):
    """Row 1a with OAuth2: the same batch, logging in with a token convenor fetches (client credentials over HTTPS
    from oauth2_token_server.py) instead of a password; alternated with the password batch and curl in one run."""
    directory = messages_to_send(preview, work)
    server = SMTPServer({"password": "normal", "xoauth2": "xoauth2"}, record=False, oauth2=True)
    try:
        url, ca = server.url("password"), server.ca
        curl_loop = (f'for f in {directory}/*.eml; do curl -s --url {url} --ssl-reqd --cacert {ca} '
                     f'--user "{USER}:{PASSWORD}" --mail-from groups@aln.example.org '
                     f'--mail-rcpt list@example.ac.uk --upload-file "$f" || exit 1; done')
        password, oauth2, curl = [], [], []
        runs = max(2, RUNS - 1)
        for run in range(runs):
            before = server.message_count("password") + server.message_count("xoauth2")
            password.append(timed([CONVENOR_BENCH, "send", directory, url, ca, server.password_file]))
            oauth2.append(timed([CONVENOR_BENCH, "send", directory, server.url("xoauth2"), ca, server.client_secret_file,
                                 server.token_url(), server.CLIENT_ID]))
            curl.append(timed(["bash", "-c", curl_loop]))
            received = server.message_count("password") + server.message_count("xoauth2") - before
            if received != MESSAGES * 3:
                raise RuntimeError(f"the server received {received} messages, expected {MESSAGES * 3}")
            log(f"oauth2 sending run {run}: password {password[-1]:.2f} s, oauth2 {oauth2[-1]:.2f} s, "
                f"curl {curl[-1]:.2f} s")
        tokens = sum(1 for event in server.events("oauth2") if event.get("event") == "token")  # the endpoint's log
    finally:
        server.stop()
    median = lambda values: spread(values)[1]
    count = f"{MESSAGES:,}"
    table.add(f"1c. Sending {count} messages, STARTTLS + XOAUTH2 (token fetched by convenor): curl per message "
              "(password) ÷ convenor", [c / o for c, o in zip(curl, oauth2)], "how many times faster convenor is (≥ 5)",
              f"convenor with OAuth2 {median(oauth2):.2f} s, curl {median(curl):.1f} s ({runs} runs)")
    table.add(f"1d. Sending {count} messages: convenor with OAuth2 ÷ convenor with a password",
              [o / p for o, p in zip(oauth2, password)], "the token step's cost (1 = none)",
              f"OAuth2 {median(oauth2):.2f} s, password {median(password):.2f} s, {tokens} token requests "
              f"({runs} runs, one each)")


# Row 1e: about 1,000 mailings due at once (generated groups, a catch-up window), sent by `run --once`.
LEDGER_GROUPS = int(os.environ.get("BENCH_LEDGER_GROUPS", "1600"))
LEDGER_NOW = "2026-11-02T10:00:00Z"
LEDGER_CATCH_UP = "2026-09-01"


def bench_shared_ledger(table, work):
    """Row 1e: `run --once` sending the same mailings through a PostgreSQL ledger and an SQLite one, alternated, to
    one relay; each run starts from a fresh installation (SQLite) or a fresh database (PostgreSQL), so every run
    claims, sends and records every mailing. PostgreSQL is Debian's, on 127.0.0.1 (Tests/Support/postgres_server.sh)."""
    server = SMTPServer({"bench": "normal"}, record=False)
    postgres = None
    try:
        postgres = PostgresServer()
        sqlite, shared, counts = [], [], []
        runs = max(2, RUNS - 1)
        for run in range(runs):
            times = {}
            for store in ("sqlite", "postgres") if run % 2 == 0 else ("postgres", "sqlite"):
                directory = generate(LEDGER_GROUPS, f"{work}/ledger-{store}-{run}", "--smtp", server.url("bench"),
                                     "--password-file", server.password_file, "--ca", server.ca, "--rate", "0")
                if store == "postgres":
                    add_ledger(directory, postgres.ledger_block(postgres.create_database(f"bench{run}")))
                before = server.message_count("bench")
                times[store] = timed([CONVENOR, "run", "--once", "--config", directory, "--now", LEDGER_NOW,
                                      "--catch-up", LEDGER_CATCH_UP])
                counts.append(server.message_count("bench") - before)
            if len(set(counts)) != 1 or counts[0] == 0:
                raise RuntimeError(f"the two ledgers sent different numbers of messages: {counts}")
            sqlite.append(times["sqlite"])
            shared.append(times["postgres"])
            log(f"ledger run {run}: SQLite {sqlite[-1]:.2f} s, PostgreSQL {shared[-1]:.2f} s, {counts[0]} messages")
    finally:
        if postgres:
            postgres.stop()
        server.stop()
    median = lambda values: spread(values)[1]
    table.add(f"1e. `run --once` sending {counts[0]:,} mailings: PostgreSQL ledger ÷ SQLite ledger",
              [p / q for p, q in zip(shared, sqlite)], "the shared ledger's cost (≤ 1.5)",
              f"PostgreSQL {median(shared):.2f} s, SQLite {median(sqlite):.2f} s, same relay ({runs} runs)")


def bench_pass(table, work):
    """Row 1f: the daemon's whole pass, `run --once` on a fresh SQLite ledger (about 1,000 mailings due: 1e's
    installation), against the wire's floor for the same messages: one curl process sending them all on one
    connection (one STARTTLS, one AUTH; curl reuses the connection for each `--upload-file` and URL pair), the
    messages being the ones the pass itself sent, recorded by the relay. Also counts the pass's fsyncs (strace)."""
    server = SMTPServer({"bench": "normal"})
    try:
        passes, floors, counts = [], [], []
        runs = max(2, RUNS - 1)
        for run in range(runs):
            directory = generate(LEDGER_GROUPS, f"{work}/pass-{run}", "--smtp", server.url("bench"),
                                 "--password-file", server.password_file, "--ca", server.ca, "--rate", "0")
            before = server.message_count("bench")
            passes.append(timed([CONVENOR, "run", "--once", "--config", directory, "--now", LEDGER_NOW,
                                 "--catch-up", LEDGER_CATCH_UP]))
            counts.append(server.message_count("bench") - before)
            sent = [event for event in server.events("bench") if event.get("event") == "message"][-counts[-1]:]
            if len(sent) != counts[-1] or not sent:
                raise RuntimeError(f"the relay kept {len(sent)} of the pass's {counts[-1]} messages")
            messages = []
            for index, event in enumerate(sent):
                messages.append(f"{work}/pass-{run}-{index:05d}.eml")
                with open(messages[-1], "wb") as message:
                    message.write(base64.b64decode(event["data_b64"]))
            with open(f"{work}/pass-{run}.curlrc", "w") as curlrc:
                for message in messages:
                    curlrc.write(f'url = "{server.url("bench")}"\nupload-file = "{message}"\n')
            floors.append(timed(["curl", "-s", "--ssl-reqd", "--cacert", server.ca, "--user", f"{USER}:{PASSWORD}",
                                 "--mail-from", "groups@aln.example.org", "--mail-rcpt", "list@example.ac.uk",
                                 "-K", f"{work}/pass-{run}.curlrc"]))
            if server.message_count("bench") - before != 2 * counts[-1]:
                raise RuntimeError("curl did not send every message of the pass")
            log(f"pass run {run}: run --once {passes[-1]:.2f} s, curl on one connection {floors[-1]:.2f} s, "
                f"{counts[-1]} messages")
        # The fsyncs of one more pass over a fresh ledger (strace's own cost is not in the timed runs above).
        directory = generate(LEDGER_GROUPS, f"{work}/pass-strace", "--smtp", server.url("bench"),
                             "--password-file", server.password_file, "--ca", server.ca, "--rate", "0")
        traced = subprocess.run(["strace", "-f", "-c", "-e", "trace=fsync,fdatasync", CONVENOR, "run", "--once",
                                 "--config", directory, "--now", LEDGER_NOW, "--catch-up", LEDGER_CATCH_UP],
                                capture_output=True, text=True)
        syncs = sum(int(line.split()[3]) for line in traced.stderr.splitlines()
                    if re.search(r"\b(fsync|fdatasync)$", line.strip()))
    finally:
        server.stop()
    median = lambda values: spread(values)[1]
    table.add(f"1f. `run --once` sending {counts[0]:,} mailings (SQLite) ÷ curl sending them on one connection",
              [p / f for p, f in zip(passes, floors)], "the pass's cost over the wire's floor (≤ 1.5)",
              f"run --once {median(passes):.2f} s, curl {median(floors):.2f} s ({runs} runs); "
              f"{syncs:,} fsyncs in a pass ({syncs / counts[0]:.1f} a mailing)")


def add_idle_rows(table, idle_result):
    """Rows 4a-4c from what measure_idle returned (nothing when the idle row was skipped)."""
    if not idle_result:
        return
    if "error" in idle_result:
        table.add_text("4. Idle", "not run", idle_result["error"], "")
        return
    table.add("4a. Idle 60 s: daemon's private memory ÷ a Foundation program that sleeps",
              idle_result["memory_ratios"], "convenor's private memory ÷ the reference's", idle_result["memory_detail"])
    table.add("4b. Idle 60 s: daemon's voluntary context switches",
              idle_result["switches"], "a count, not a ratio (goal 0)", idle_result["switches_detail"], digits=0)
    table.add("4c. Idle: private memory of a daemon of 1,000 groups ÷ one of 10",
              idle_result["growth_ratios"], "1,000-group daemon's private memory ÷ the 10-group one's (≤ 2)",
              idle_result["growth_detail"])


def main():
    for binary in (CONVENOR, CONVENOR_BENCH):
        if not os.path.exists(binary):
            sys.exit(f"{binary} is missing: run `swift build -c release` first (make bench does)")
    started = datetime.now(timezone.utc)
    clock = time.monotonic()
    work = scratch("convenor-bench-")
    table = Table()
    idle_result = {}
    idle_thread = None
    only = os.environ.get("BENCH_ONLY")
    if os.environ.get("BENCH_SKIP_IDLE") != "1" and not only:
        # The idle row waits 60 s doing nothing; it runs beside the other rows, which it does not disturb (the
        # processes it watches sleep), and the other rows do not change what it measures (memory, wake-ups).
        idle_thread = threading.Thread(target=lambda: idle_result.update(measure_idle(work + "/idle", RUNS)))
        idle_thread.start()
    try:
        if only == "idle":
            add_idle_rows(table, measure_idle(work + "/idle", RUNS))
            table.print(RUNS, started, time.monotonic() - clock)
            return
        if only == "ledger":
            bench_shared_ledger(table, work)
            table.print(RUNS, started, time.monotonic() - clock)
            return
        if only == "pass":
            bench_pass(table, work)
            table.print(RUNS, started, time.monotonic() - clock)
            return
        if only == "web":
            bench_web(table, work, RUNS)
            table.print(RUNS, started, time.monotonic() - clock)
            return
        preview = bench_preview(table, work)
        if only == "oauth2":
            bench_sending_oauth2(table, work, preview)
            table.rows = [row for row in table.rows if row.startswith("| 1")]
            table.print(RUNS, started, time.monotonic() - clock)
            return
        bench_sending(table, work, preview)
        bench_sending_oauth2(table, work, preview)
        bench_shared_ledger(table, work)
        bench_pass(table, work)
        bench_config(table, work)
        bench_growth(table, work)
        if idle_thread:
            # Row 6 loads both cores for minutes: it waits until the idle row, which it would disturb, is done.
            idle_thread.join()
            idle_thread = None
        bench_web(table, work, RUNS)
        add_idle_rows(table, idle_result)
        # Rows in the order (1a, 1b, 2a, ..., 6b); the sort is stable, so growth rows keep their order.
        table.rows.sort(key=lambda row: re.match(r"\| (\d+)(\w?)\.", row).groups())
        table.print(RUNS, started, time.monotonic() - clock)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
