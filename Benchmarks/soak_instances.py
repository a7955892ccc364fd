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
    """Two `run --once` started together on one config and state folder against the slow listener: the second
    must find the first's lock and exit 1 at once; no Message-ID may arrive twice."""
    config = smtp_config(server, directory, "slow", groups=groups)
    start = time.monotonic()
    first = subprocess.Popen([CONVENOR, "run", "--once", "--config", config, "--now", SOAK_NOW],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(0.3)
    second = subprocess.run([CONVENOR, "run", "--once", "--config", config, "--now", SOAK_NOW],
                            capture_output=True, timeout=120)
    second_seconds = time.monotonic() - start - 0.3
    first.wait(timeout=300)
    received = delivered_ids(server, "slow")
    duplicates = sum(count - 1 for count in received.values() if count > 1)
    said = "another convenor (pid" in second.stderr.decode(errors="replace")
    log(f"two instances: {sum(received.values())} received, {duplicates} duplicates, second exit {second.returncode}")
    return (f"| two `run --once` on one state folder, {groups} groups | {sum(received.values())} | **{duplicates}** "
            f"| second exited {second.returncode} after {second_seconds:.2f} s"
            f"{', naming the first' if said else ', WITHOUT naming the first'} |")


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
    groups = int(os.environ.get("SOAK_INSTANCE_GROUPS", "10"))
    lines = ["## One daemon per ledger", "",
             "| Run | messages received | duplicated (same Message-ID) | second instance |",
             "| --- | ---: | ---: | --- |",
             two_instances(server, directory + "/instances", groups), "",
             "## SIGTERM while the relay is slow", "",
             "| Run | stop time | exit | claims left | logged `outcome unknown` | ledger afterwards |",
             "| --- | ---: | ---: | ---: | ---: | --- |"]
    lines += sigterm_on_slow_relay(directory + "/sigterm", groups=3, waits=[2, 6])
    return "\n".join(lines)
