"""The soak's failover table (issue 20): three `convenor run` instances on one PostgreSQL ledger and a slow relay.

FAILOVER_ROUNDS (default 50) faults, in turn: kill -9 the leader (then start it again), SIGSTOP the leader until
past its lease then SIGCONT, stop the database for 20 s. A watcher reads the lease row ten times a second; the relay
records every MAIL FROM with the AUTH user, which is each instance's own. Afterwards:
- expected: what a control daemon (SQLite, a normal relay, never faulted) sends at the soak's last instant;
- delivered, lost, duplicated (only ever with the same Message-ID), and what was hit when each duplicate's first
  copy was in flight (the issue allows a kill between the final dot and the recorded send, nothing else);
- takeover: from the fault to the new leader's lease (`acquired_at`, the database's clock), median and max;
- sends by a fenced instance: a MAIL FROM from an instance that did not hold a valid lease at that moment, by the
  lease's history (every grant and renewal, written by a trigger the soak adds to the table).
"""
import json
import os
import signal
import statistics
import subprocess
import threading
import time
from datetime import datetime, timedelta, timezone

from benchlib import CONVENOR, PostgresServer, SMTPServer, add_ledger, generate, log
from soak_daemon import SOAK_NOW, delivered_ids, ledger_entries, ledger_states

LEASE_SECONDS = 3
INSTANCES = 3
# About 1,270 mailings are due (with --catch-up), more than the soak can send: the relay always has work.
GROUPS = int(os.environ.get("FAILOVER_GROUPS", "2000"))
CATCH_UP = "2026-09-01"
RELAY_SECONDS = 0.2
DATABASE_STOP_SECONDS = 20
SETTLE_SECONDS = 2.5
KINDS = ["kill -9", "SIGSTOP past the lease", "database stopped 20 s"]
# Every grant and renewal of the lease, written by a trigger the soak adds (not convenor): the exact record of who
# held a valid lease when, by the database's clock, even for the last renewal before the database stopped, which
# the watcher cannot see. A send is the leader's when a row of its holder was written before it and expires after.
LEASE_HISTORY = """
CREATE TABLE soak_lease_history (holder text, token bigint, expires_at timestamptz, written_at timestamptz);
CREATE FUNCTION soak_lease_history() RETURNS trigger AS $$
BEGIN
    INSERT INTO soak_lease_history VALUES (NEW.holder, NEW.token, NEW.expires_at, clock_timestamp());
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER soak_lease_history AFTER INSERT OR UPDATE ON leader_lease
    FOR EACH ROW EXECUTE FUNCTION soak_lease_history();
"""


class LeaseWatch(threading.Thread):
    """Reads the lease row every 0.1 s: (taken at, holder, token, acquired_at, expires_at) in Unix seconds, or
    (taken at, None, ...) while the database does not answer."""

    def __init__(self, server, database):
        super().__init__(daemon=True)
        self.command = [server.bin + "/psql", "-h", "127.0.0.1", "-p", str(server.port), "-U", "convenor", "-d",
                        database, "-At", "-F", "|", "-c",
                        "SELECT holder, token, extract(epoch FROM acquired_at), extract(epoch FROM expires_at) "
                        "FROM leader_lease"]
        self.snapshots = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            taken = time.time()
            try:
                result = subprocess.run(self.command, capture_output=True, timeout=2)
                line = result.stdout.decode().strip()
                if result.returncode == 0 and line:
                    holder, token, acquired, expires = line.split("|")
                    snapshot = (taken, holder, int(token), float(acquired), float(expires))
                else:
                    snapshot = (taken, None, 0, 0.0, 0.0)
            except subprocess.TimeoutExpired:
                snapshot = (taken, None, 0, 0.0, 0.0)
            with self.lock:
                self.snapshots.append(snapshot)
            self.stopping.wait(0.1)

    def latest(self):
        with self.lock:
            return self.snapshots[-1] if self.snapshots else None

    def valid_leader(self, after=0.0):
        """The newest snapshot, taken after `after`, that shows a lease not yet expired when it was taken."""
        with self.lock:
            for snapshot in reversed(self.snapshots):
                if snapshot[0] < after:
                    return None
                if snapshot[1] and snapshot[4] > snapshot[0]:
                    return snapshot
        return None

    def psql(self, sql):
        """Runs `sql` on the soak's database; its rows as lists of strings."""
        result = subprocess.run(self.command[:-1] + [sql], capture_output=True, timeout=60, check=True)
        return [line.split("|") for line in result.stdout.decode().splitlines() if line]

    def history(self):
        """Every lease grant and renewal: (holder, written at, expires at) in Unix seconds."""
        return [(holder, float(written), float(expires)) for holder, written, expires in self.psql(
            "SELECT holder, extract(epoch FROM written_at), extract(epoch FROM expires_at) FROM soak_lease_history")]


def held_by(history, holders, moment):
    """True when one of `holders` (instance names) had been granted or renewed a lease before `moment` that had not
    expired at it."""
    return any(holder in holders and written <= moment < expires for holder, written, expires in history)


class Instance:
    """One `convenor run` with its own config folder (same groups, its own state folder and SMTP login)."""

    def __init__(self, index, directory, relay, postgres, database):
        self.index = index
        self.user = f"instance{index}@example.ac.uk"
        self.directory = generate(GROUPS, directory, "--smtp", relay.url("slow"), "--password-file",
                                  relay.password_file, "--ca", relay.ca, "--rate", "0")
        with open(directory + "/convenor.yaml") as file:
            text = file.read()
        with open(directory + "/convenor.yaml", "w") as file:
            file.write(text.replace("username: convenor@example.ac.uk", f"username: {self.user}"))
        add_ledger(directory, postgres.ledger_block(database, lease=f"{LEASE_SECONDS} seconds"))
        self.process = None
        self.pids = []
        self.log = open(directory + "/daemon.log", "ab")

    def start(self, now):
        self.process = subprocess.Popen([CONVENOR, "run", "--config", self.directory, "--now", now, "--catch-up",
                                         CATCH_UP], stdout=self.log, stderr=self.log)
        self.pids.append(self.process.pid)

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def signal(self, number):
        self.process.send_signal(number)

    def stop(self):
        if self.alive():
            self.process.send_signal(signal.SIGCONT)
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def holder_pid(holder):
    """The pid in a lease holder's name, `host:pid:random`."""
    parts = (holder or "").split(":")
    return int(parts[-2]) if len(parts) >= 3 and parts[-2].isdigit() else None


def failover_soak(directory, rounds):
    relay = SMTPServer({"slow": "slow-data", "control": "normal"}, record=False, slow_data_seconds=RELAY_SECONDS,
                       users=[f"instance{index}@example.ac.uk" for index in range(INSTANCES)])
    postgres = PostgresServer()
    instances = []
    watch = None
    try:
        database = postgres.create_database("failover")
        instances = [Instance(index, f"{directory}/instance{index}", relay, postgres, database)
                     for index in range(INSTANCES)]
        watch = LeaseWatch(postgres, database)
        # Migrated first (any command opens and migrates the ledger), so the trigger sees the very first lease.
        subprocess.run([CONVENOR, "ledger", "status", "--config", instances[0].directory], capture_output=True,
                       check=True, timeout=120)
        watch.psql(LEASE_HISTORY)
        watch.start()
        started = time.time()
        soak_start = datetime.fromisoformat(SOAK_NOW.replace("Z", "+00:00"))

        def now():
            """The soak's running instant: SOAK_NOW plus the seconds since the first instance started."""
            return (soak_start + timedelta(seconds=time.time() - started)).strftime("%Y-%m-%dT%H:%M:%SZ")

        for instance in instances:
            instance.start(now())
        faults = []  # (kind, instance index, pid, at, takeover seconds or None, resumed at)
        for number in range(rounds):
            kind = KINDS[number % len(KINDS)]
            leader = wait_for_leader(watch, instances, timeout=60)
            if leader is None:
                log(f"failover round {number}: no instance leads after 60 s")
                faults.append((kind, None, None, time.time(), None, None))
                continue
            instance, token = leader
            at = time.time()
            resumed = None
            if kind == "kill -9":
                instance.signal(signal.SIGKILL)
                instance.process.wait()
                takeover = wait_for_takeover(watch, token, at, timeout=10 * LEASE_SECONDS)
                instance.start(now())
            elif kind == "SIGSTOP past the lease":
                instance.signal(signal.SIGSTOP)
                takeover = wait_for_takeover(watch, token, at, timeout=10 * LEASE_SECONDS)
                time.sleep(max(0.0, at + LEASE_SECONDS + 1 - time.time()))
                instance.signal(signal.SIGCONT)
                resumed = time.time()
            else:
                postgres.pause(DATABASE_STOP_SECONDS)
                back = time.time()
                deadline = back + 10 * LEASE_SECONDS
                while watch.valid_leader(after=back) is None and time.time() < deadline:
                    time.sleep(0.05)
                snapshot = watch.valid_leader(after=back)
                takeover = snapshot[0] - back if snapshot else None
                resumed = back
            faults.append((kind, instance.index, instance.process.pid if kind != "kill -9" else instance.pids[-2],
                           at, takeover, resumed))
            log(f"failover round {number}: {kind} on instance {instance.index}, "
                + (f"leading again after {takeover:.2f} s" if takeover is not None else "NO new leader"))
            time.sleep(SETTLE_SECONDS)
        ended = now()
        for instance in instances:
            instance.stop()
        watch.stopping.set()
        watch.join()
        draining = time.time()
        drained = drain(instances[0].directory, ended)
        history = watch.history()
        return report(relay, watch, history, instances, faults, directory, ended, rounds, drained, draining)
    finally:
        if watch:
            watch.stopping.set()
        for instance in instances:
            if instance.alive():
                instance.process.kill()
        postgres.stop()
        relay.stop()


def wait_for_leader(watch, instances, timeout):
    """The running, unpaused instance that holds a valid lease, and its token."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        snapshot = watch.valid_leader(after=time.time() - 0.5)
        if snapshot:
            pid = holder_pid(snapshot[1])
            for instance in instances:
                if instance.alive() and instance.process.pid == pid:
                    return instance, snapshot[2]
        time.sleep(0.05)
    return None


def wait_for_takeover(watch, token, at, timeout):
    """Seconds from the fault to the acquisition of a newer token (the database's `acquired_at`)."""
    deadline = at + timeout
    while time.time() < deadline:
        snapshot = watch.latest()
        if snapshot and snapshot[1] and snapshot[2] > token:
            return snapshot[3] - at
        time.sleep(0.05)
    return None


def drain(config, ended):
    """`run --once` until nothing is left to send (the instances resigned at SIGTERM). The first run is at the
    soak's last instant; each later one six minutes on, past the retry backoff of what the first deferred."""
    end = datetime.fromisoformat(ended.replace("Z", "+00:00"))
    for finals in range(1, 11):
        now = (end + timedelta(minutes=6 * (finals - 1))).strftime("%Y-%m-%dT%H:%M:%SZ")
        with open(f"{config}/drain-{finals}.log", "wb") as output:
            subprocess.run([CONVENOR, "run", "--once", "--config", config, "--now", now, "--catch-up", CATCH_UP],
                           stdout=output, stderr=output, timeout=900)
        states = ledger_states(config)
        if not states.get("claimed") and not states.get("scheduled") and not states.get("deferred"):
            return finals
    return 10


def control_expected(relay, directory, ended):
    """What one never-faulted daemon on an SQLite ledger sends at the soak's last instant: Message-ID -> key."""
    config = generate(GROUPS, directory, "--smtp", relay.url("control"), "--password-file", relay.password_file,
                      "--ca", relay.ca, "--rate", "0")
    subprocess.run([CONVENOR, "run", "--once", "--config", config, "--now", ended, "--catch-up", CATCH_UP],
                   capture_output=True, timeout=600)
    return {entry["message_id"]: entry["key"] for entry in ledger_entries(config) or []
            if entry.get("state") == "sent" and entry.get("message_id")}


def report(relay, watch, history, instances, faults, directory, ended, rounds, drained, draining):
    expected = control_expected(relay, directory + "/control", ended)
    events = relay.events("slow")
    received = delivered_ids(relay, "slow")
    entries = {entry["key"]: entry for entry in ledger_entries(instances[0].directory) or []}
    missing = [key for message_id, key in expected.items() if message_id not in received]
    missed = [key for key in missing if entries.get(key, {}).get("state") == "missed"]
    holders_of = {}  # SMTP user -> every lease holder name that instance has had
    for holder, _, _ in history:
        pid = holder_pid(holder)
        for instance in instances:
            if pid in instance.pids:
                holders_of.setdefault(instance.user, set()).add(holder)
    # A MAIL FROM starts a new transaction: from an instance without a valid lease, that is a fenced instance sending.
    # The drain's `run --once` (after the watcher stopped, the only process left) is not judged.
    fenced = [event for event in events if event["event"] == "mail" and event["time"] < draining
              and not held_by(history, holders_of.get(event.get("user"), set()), event["time"])]
    drained_sends = sum(1 for event in events if event["event"] == "message" and event["time"] >= draining)
    # Messages a paused instance finished after the next leader took over (its MAIL FROM came before the pause).
    in_flight = 0
    for kind, index, _, at, takeover, resumed in faults:
        if kind == "SIGSTOP past the lease" and takeover is not None:
            user = instances[index].user
            in_flight += sum(1 for event in events if event["event"] == "message" and event.get("user") == user
                             and at + takeover <= event["time"] <= resumed + 2)
    duplicates = {message_id: count for message_id, count in received.items() if count > 1 and message_id in expected}
    causes = {}
    messages = [event for event in events if event["event"] == "message"]
    for message_id in duplicates:
        first = next(event for event in messages if (event.get("message_id") or "").strip("<>") == message_id)
        cause = "no fault near it"
        for kind, index, _, at, _, _ in faults:
            if index is not None and instances[index].user == first.get("user") \
                    and first["time"] <= at <= first["time"] + RELAY_SECONDS + 1.0:
                cause = kind
        causes[cause] = causes.get(cause, 0) + 1
    lines = ["## Failover: three instances, one PostgreSQL ledger", "",
             "| mailings expected | delivered | lost | missed (stale) | duplicated (same Message-ID) "
             "| sends by a fenced instance | in flight when paused, finished after the takeover |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
             f"| {len(expected)} | {len(expected) - len(missing)} | **{len(missing) - len(missed)}** | {len(missed)} | "
             f"{len(duplicates)} | **{len(fenced)}** | {in_flight} |", "",
             "| fault | rounds | with mail in flight | takeover median | max | max ÷ lease | goal |",
             "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for kind in KINDS:
        rows = [fault for fault in faults if fault[0] == kind]
        times = [fault[4] for fault in rows if fault[4] is not None]
        busy = sum(1 for fault in rows if fault[1] is not None and any(
            event["event"] == "mail" and event.get("user") == instances[fault[1]].user
            and fault[3] - 1.0 <= event["time"] <= fault[3] for event in events))
        failed = len(rows) - len(times)
        median = f"{statistics.median(times):.2f} s" if times else "–"
        most = f"{max(times):.2f} s" if times else "–"
        ratio = f"{max(times) / LEASE_SECONDS:.2f}" if times else "–"
        goal = ("< 2 lease periods" if kind != "database stopped 20 s"
                else "leading again after the database returns (no goal in the issue)")
        lines.append(f"| {kind} | {len(rows)}{f' ({failed} without a new leader)' if failed else ''} | {busy} | "
                     f"{median} | {most} | {ratio} | {goal} |")
    lines += ["", f"{GROUPS} generated groups, `--catch-up {CATCH_UP}`, `lease: {LEASE_SECONDS} seconds`, "
              f"`rate_per_minute: 0`; the relay waits {RELAY_SECONDS} s before each 250 after DATA; each instance "
              f"its own state folder and SMTP login; {rounds} rounds of {', '.join(KINDS)} in turn, "
              f"{SETTLE_SECONDS} s apart. Takeover: fault to the new token's `acquired_at` (kill, SIGSTOP); "
              "database: from its restart to the first valid lease seen. A paused instance is resumed "
              f"{LEASE_SECONDS + 1} s after its pause at the earliest. After the rounds: SIGTERM, then "
              f"`run --once` {drained}× until nothing was left ({drained_sends} messages sent by it). Duplicates by what their first copy met: "
              + (", ".join(f"{cause} {count}" for cause, count in sorted(causes.items())) or "none")
              + ". Ledger at the end: " + ", ".join(f"{state} {count}" for state, count in
                                                   sorted(ledger_states(instances[0].directory).items())) + "."]
    with open(directory + "/faults.json", "w") as file:
        json.dump({"faults": faults, "fenced": fenced[:20]}, file)
    return "\n".join(lines)
