"""The soak's daemon parts: kill -9 at random moments, and each SMTP fault kind during a run."""
import collections
import datetime
import json
import os
import random
import signal
import subprocess
import time

from benchlib import CONVENOR, generate, log

# Mailings fall due between the generated meetings' announcements and this moment, so a pass has work.
SOAK_NOW = "2026-11-02T10:00:00Z"
GROUPS = 120
# Each life starts a day after the one before, so it finds a few to a few dozen mailings due; the slow listener
# acknowledges each 0.1 s late, so a kill at a random moment within KILL_WITHIN lands in start-up, mid-batch or
# in the sleep after it.
STEP_HOURS = 24
SLOW_DATA_SECONDS = 0.1
KILL_WITHIN = (0.05, 1.5)


def daemon_available():
    return subprocess.run([CONVENOR, "run", "--help"], capture_output=True).returncode == 0


def smtp_config(server, directory, listener, groups=GROUPS, password_file=None, ca=True, rate=0):
    return generate(groups, directory, "--smtp", server.url(listener), "--password-file",
                    password_file or server.password_file, *(["--ca", server.ca] if ca else []), "--rate", str(rate))


def ledger_entries(config):
    result = subprocess.run([CONVENOR, "ledger", "--config", config, "--format", "json"], capture_output=True)
    if result.returncode != 0:
        return None
    return json.loads(result.stdout or b"[]")


def claimed_keys(config):
    return {entry["key"] for entry in ledger_entries(config) or [] if entry.get("state") == "claimed"}


def ledger_states(config):
    entries = ledger_entries(config)
    if entries is None:
        return collections.Counter({"ledger unreadable": 1})
    return collections.Counter(entry.get("state", "?") for entry in entries)


def run_once(config, now=SOAK_NOW, timeout=120):
    return subprocess.run([CONVENOR, "run", "--once", "--config", config, "--now", now], capture_output=True,
                          timeout=timeout)


def delivered_ids(server, listener):
    # The server records the header's value, `<id>`; the ledger keeps the id without angle brackets.
    return collections.Counter((event.get("message_id") or "").strip("<>") for event in server.events(listener)
                               if event["event"] == "message")


def instants(count):
    """The `--now` of each life: SOAK_NOW, then STEP_HOURS later each time, so every life finds new work due."""
    start = datetime.datetime.fromisoformat(SOAK_NOW.replace("Z", "+00:00"))
    return [(start + datetime.timedelta(hours=STEP_HOURS * index)).strftime("%Y-%m-%dT%H:%M:%SZ") for index in range(count)]


def kill_soak(server, directory, kills):
    """A control daemon runs `run --once` at each life's instant against a normal listener: what it sent is what
    must arrive. Then `kills` lives of `convenor run` at the same instants, each ended by SIGKILL at a random
    moment, against the slow listener; then `run --once` until the ledger has nothing left to send."""
    moments = instants(kills)
    control = smtp_config(server, directory + "/control", "control")
    for now in moments:
        run_once(control, now)
    expected = {entry["message_id"]: entry["key"] for entry in ledger_entries(control) or []
                if entry.get("state") == "sent" and entry.get("message_id")}
    log(f"kill soak: {len(expected)} mailings expected over {len(moments)} instants")
    config = smtp_config(server, directory + "/soak", "slow")
    rng = random.Random(20261124)
    landed = interrupted = 0
    claimed_before = set()
    for life, now in enumerate(moments):
        process = subprocess.Popen([CONVENOR, "run", "--config", config, "--now", now],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(*KILL_WITHIN))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            landed += 1
        process.wait()
        claimed_after = claimed_keys(config)
        if claimed_after - claimed_before:
            interrupted += 1  # the kill left new claimed rows: it landed between a claim and its record
        claimed_before = claimed_after
        if life % 20 == 19:
            log(f"kill soak: {life + 1} lives, {sum(delivered_ids(server, 'slow').values())} messages received")
    finals = 0
    while finals < 10:
        finals += 1
        run_once(config, moments[-1], timeout=300)
        states = ledger_states(config)
        if not states.get("claimed") and not states.get("scheduled") and not states.get("deferred"):
            break
    received = delivered_ids(server, "slow")
    soak_entries = {entry["key"]: entry for entry in ledger_entries(config) or []}
    missing = [key for message_id, key in expected.items() if message_id not in received]
    missed_while_down = [key for key in missing if soak_entries.get(key, {}).get("state") == "missed"]
    lost = len(missing) - len(missed_while_down)
    # Delivered, but the ledger holds another verdict (a kill between the relay's 250 and the record).
    misrecorded = sum(1 for message_id, key in expected.items()
                      if message_id in received and soak_entries.get(key, {}).get("state") != "sent")
    duplicated = sum(1 for message_id in expected if received.get(message_id, 0) > 1)
    copies = sum(received.get(message_id, 0) - 1 for message_id in expected if received.get(message_id, 0) > 1)
    others = sum(count for message_id, count in received.items() if message_id not in expected)
    states = ledger_states(config)
    lines = ["## kill -9 during sending", "",
             "| kill -9 | of which mid-batch | mailings expected | delivered | lost | missed while down (stale) "
             "| duplicated (same Message-ID) | extra copies | delivered, ledger says otherwise |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
             f"| {landed} | {interrupted} | {len(expected)} | {len(expected) - len(missing)} | **{lost}** | "
             f"{len(missed_while_down)} | {duplicated} | {copies} | {misrecorded} |", "",
             f"{GROUPS} generated groups; `rate_per_minute: 0`; life i runs `convenor run --now` at {SOAK_NOW} + {STEP_HOURS} h "
             f"× i against a loopback relay that waits {SLOW_DATA_SECONDS} s before each 250 after DATA, and is "
             f"ended by SIGKILL after {KILL_WITHIN[0]}–{KILL_WITHIN[1]} s; then `run --once` ({finals}×) until "
             f"nothing was left. Expected = what a control daemon, never killed, sent at the same instants. "
             f"Mid-batch = the kill left new `claimed` rows. Operator alert messages ({others}) are not counted. "
             "Ledger at the end: " + ", ".join(f"{state} {count}" for state, count in sorted(states.items())) + "."]
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
        config = smtp_config(server, f"{directory}/{index}", listener, groups=20,
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
