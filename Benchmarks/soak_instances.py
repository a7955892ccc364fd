"""The soak's hardening rows (issue 14): two instances on one ledger, and SIGTERM while the relay is slow."""
import os
import signal
import subprocess
import time

from benchlib import CONVENOR, SMTPServer, log
from soak_daemon import SOAK_NOW, claimed_keys, delivered_ids, ledger_states, smtp_config

# Each 250 after DATA comes this late: long enough that every SIGTERM lands while a reply is awaited.
VERY_SLOW_DATA_SECONDS = 30


def two_instances(server, directory, groups):
    """Two `run --once` on one config and state folder against the slow listener, the second started while the first
    holds the lock and is still sending (it catches up from 2026-09-01, dozens of mailings 0.1 s apart): the second
    must find the lock and exit 1 at once, naming the first; no Message-ID of this run may arrive twice. Only this
    run's messages are counted (the full soak shares the listener with the kill -9 rows)."""
    config = smtp_config(server, directory, "slow", groups=groups)
    before = delivered_ids(server, "slow")
    command = [CONVENOR, "run", "--once", "--config", config, "--now", SOAK_NOW, "--catch-up", "2026-09-01"]
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # The first holds the lock once its pid is in the lock file; bounded, as every loop here.
    lock_file = os.path.join(config, "state", "convenor.lock")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and first.poll() is None:
        try:
            with open(lock_file) as handle:
                if handle.read().strip() == str(first.pid):
                    break
        except OSError:
            pass
        time.sleep(0.02)
    first_busy = first.poll() is None
    start = time.monotonic()
    second = subprocess.run(command, capture_output=True, timeout=120)
    second_seconds = time.monotonic() - start
    first_busy = first_busy and first.poll() is None
    first.wait(timeout=300)
    received = delivered_ids(server, "slow") - before
    duplicates = sum(count - 1 for count in received.values() if count > 1)
    said = "another convenor (pid" in second.stderr.decode(errors="replace")
    log(f"two instances: {sum(received.values())} received, {duplicates} duplicates, second exit {second.returncode}, "
        f"first {'still' if first_busy else 'no longer'} sending")
    return (f"| two `run --once` on one state folder, {groups} groups, the second started while the first sends "
            f"| {sum(received.values())} | **{duplicates}** "
            f"| second exited {second.returncode} after {second_seconds:.2f} s"
            f"{', naming the first' if said else ', WITHOUT naming the first'}"
            f"{'' if first_busy else ' (the first had already finished: this run tested nothing)'} |")


def sigterm_on_slow_relay(directory, groups, waits):
    """`convenor run` against a relay that answers DATA only after 30 s; SIGTERM `waits` seconds after start."""
    server = SMTPServer({"very-slow": "slow-data"}, record=False, slow_data_seconds=VERY_SLOW_DATA_SECONDS)
    rows = []
    try:
        for index, wait in enumerate(waits):
            config = smtp_config(server, f"{directory}/{index}", "very-slow", groups=groups)
            process = subprocess.Popen([CONVENOR, "run", "--config", config, "--now", SOAK_NOW],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            time.sleep(wait)
            signalled = time.monotonic()
            process.send_signal(signal.SIGTERM)
            try:
                _, stderr = process.communicate(timeout=60)
                stop = time.monotonic() - signalled
                code = process.returncode
            except subprocess.TimeoutExpired:
                process.kill()
                _, stderr = process.communicate()
                stop, code = float("inf"), "killed after 60 s"
            claims = len(claimed_keys(config))
            states = ledger_states(config)
            unknown = stderr.decode(errors="replace").count("outcome unknown")
            log(f"SIGTERM after {wait} s: stopped in {stop:.2f} s, exit {code}, claimed {claims}, {dict(states)}")
            rows.append(f"| SIGTERM {wait} s after start, relay answers DATA after {VERY_SLOW_DATA_SECONDS} s "
                        f"| {stop:.2f} s | {code} | **{claims}** | {unknown} | "
                        + ", ".join(f"{state} {count}" for state, count in sorted(states.items())) + " |")
    finally:
        server.stop()
    return rows


def hardening_rows(server, directory):
    groups = int(os.environ.get("SOAK_INSTANCE_GROUPS", "120"))
    lines = ["## One daemon per ledger", "",
             "| Run | messages received | duplicated (same Message-ID) | second instance |",
             "| --- | ---: | ---: | --- |",
             two_instances(server, directory + "/instances", groups), "",
             "## SIGTERM while the relay is slow", "",
             "| Run | stop time | exit | claims left | logged `outcome unknown` | ledger afterwards |",
             "| --- | ---: | ---: | ---: | ---: | --- |"]
    lines += sigterm_on_slow_relay(directory + "/sigterm", groups=3, waits=[2, 6])
    return "\n".join(lines)
