"""The soak's daemon parts: kill -9 at random moments, and each SMTP fault kind during a run."""
import collections
import json
import os
import random
import signal
import subprocess
import time

from benchlib import CONVENOR, generate, log

# Mailings fall due between the generated meetings' announcements and this moment, so a pass has work.
SOAK_NOW = "2026-11-02T10:00:00Z"
GROUPS = 40


def daemon_available():
    return subprocess.run([CONVENOR, "run", "--help"], capture_output=True).returncode == 0


def smtp_config(server, directory, listener, groups=GROUPS, password_file=None, ca=True):
    return generate(groups, directory, "--smtp", server.url(listener), "--password-file",
                    password_file or server.password_file, *(["--ca", server.ca] if ca else []), "--rate", "0")


def ledger_states(config):
    result = subprocess.run([CONVENOR, "ledger", "--config", config, "--format", "json"], capture_output=True)
    if result.returncode != 0:
        return collections.Counter({"ledger unreadable": 1})
    entries = json.loads(result.stdout or b"[]")
    if isinstance(entries, dict):
        entries = entries.get("entries", entries.get("mailings", []))
    return collections.Counter(entry.get("state", "?") for entry in entries)


def run_once(config, timeout=120):
    return subprocess.run([CONVENOR, "run", "--once", "--config", config, "--now", SOAK_NOW], capture_output=True,
                          timeout=timeout)


def delivered_ids(server, listener):
    return collections.Counter(event.get("message_id") for event in server.events(listener)
                               if event["event"] == "message" and str(event.get("reply", "")).startswith("250"))


def kill_soak(server, directory, kills):
    """A clean run says what should arrive; then `kills` lives of the daemon, each ended by SIGKILL at a random
    moment, and a final run until the ledger has nothing left to send."""
    control = smtp_config(server, directory + "/control", "control")
    run_once(control)
    expected = set(delivered_ids(server, "control"))
    log(f"kill soak: {len(expected)} mailings expected")
    config = smtp_config(server, directory + "/soak", "slow")
    rng = random.Random(20261124)
    landed = 0
    for life in range(kills):
        process = subprocess.Popen([CONVENOR, "run", "--config", config, "--now", SOAK_NOW],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 1.5))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            landed += 1
        process.wait()
        if life % 20 == 19:
            log(f"kill soak: {life + 1} lives, {sum(delivered_ids(server, 'slow').values())} messages received")
    finals = 0
    while finals < 10:
        finals += 1
        result = run_once(config, timeout=300)
        states = ledger_states(config)
        if not states.get("claimed") and not states.get("scheduled") and not states.get("deferred"):
            break
    received = delivered_ids(server, "slow")
    delivered = set(received) & expected
    lost = expected - set(received)
    extra = set(received) - expected
    duplicated = sum(1 for count in received.values() if count > 1)
    copies = sum(count - 1 for count in received.values() if count > 1)
    states = ledger_states(config)
    lines = ["## kill -9 during sending", "",
             "| kill -9 | expected | delivered | lost | duplicated (same Message-ID) | extra copies | unexpected |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
             f"| {landed} | {len(expected)} | {len(delivered)} | **{len(lost)}** | {duplicated} | {copies} | "
             f"{len(extra)} |", "",
             f"{GROUPS} generated groups, `--now {SOAK_NOW}`, `rate_per_minute: 0`, a loopback server that waits 0.5 s "
             f"before each 250 after DATA; each life of `convenor run` ended by SIGKILL after 0.05–1.5 s, then "
             f"`run --once` {finals}× until nothing was left. Ledger at the end: "
             + ", ".join(f"{state} {count}" for state, count in sorted(states.items())) + ".",
             "Expected = the Message-IDs a clean run of the same config delivered to a normal listener."]
    return "\n".join(lines)


# listener, settings, what the ledger should say
FAULTS = [
    ("rcpt-451", {}, "451 to RCPT TO"),
    ("rcpt-550", {}, "550 to RCPT TO"),
    ("data-451", {}, "451 after DATA"),
    ("data-554", {}, "554 after DATA"),
    ("drop-after-data", {}, "connection dropped after DATA"),
    ("greeting-421", {}, "421 greeting"),
    ("no-starttls", {}, "no STARTTLS offered"),
    ("normal", {"password": "wrong"}, "wrong password"),
    ("normal", {"ca": False}, "untrusted certificate"),
    ("silent", {}, "silent server (5 s response timeout)"),
]


def fault_kinds(server, directory):
    lines = ["## SMTP faults during a run", "",
             "| Fault | survived (clean exit) | seconds | ledger afterwards | reported in the log |",
             "| --- | --- | ---: | --- | --- |"]
    for index, (listener, settings, name) in enumerate(FAULTS):
        config = smtp_config(server, f"{directory}/{index}", listener, groups=3,
                             password_file=server.wrong_password_file if settings.get("password") else None,
                             ca=settings.get("ca", True))
        start = time.monotonic()
        try:
            result = run_once(config, timeout=120)
            code = result.returncode
            output = (result.stdout + result.stderr).decode(errors="replace")
        except subprocess.TimeoutExpired:
            code, output = "timeout", ""
        seconds = time.monotonic() - start
        states = ledger_states(config)
        survived = code == 0 or (isinstance(code, int) and 0 < code < 128)
        reported = [line for line in output.splitlines() if "deferred" in line or "failed" in line]
        log(f"fault {name}: exit {code}, {dict(states)}")
        lines.append(f"| {name} | {'yes' if survived else 'NO'} (exit {code}) | {seconds:.1f} | "
                     + ", ".join(f"{state} {count}" for state, count in sorted(states.items()))
                     + f" | {'yes: ' + str(len(reported)) + ' lines' if reported else 'NO'} |")
    return "\n".join(lines)
