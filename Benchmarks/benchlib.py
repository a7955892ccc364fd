"""Shared pieces of bench.py and soak.py: paths, the loopback SMTP server, timing and the table format."""
import glob
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUPPORT = os.path.join(REPOSITORY, "Tests", "Support")
BENCHMARKS = os.path.join(REPOSITORY, "Benchmarks")
# BENCH_BUILD=debug times the debug build instead (for a quick look at one row; figures then say so).
RELEASE = os.path.join(REPOSITORY, ".build", os.environ.get("BENCH_BUILD", "release"))
CONVENOR = os.path.join(RELEASE, "convenor")
CONVENOR_BENCH = os.path.join(RELEASE, "convenor-bench")
USER = "convenor@example.ac.uk"
PASSWORD = "pw-bench-Zq8!9931"
# Every run of the scheduling commands reads the same year, whatever today is.
NOW = "2026-09-01T08:00:00Z"
YEAR = ["--from", "2026-09-01", "--to", "2027-08-31"]


def log(message):
    print(message, file=sys.stderr, flush=True)


def scratch(prefix):
    return tempfile.mkdtemp(prefix=prefix)


def generate(count, directory, *extra):
    subprocess.run([sys.executable, os.path.join(BENCHMARKS, "gen_config.py"), str(count), directory, *extra],
                   check=True)
    return directory


def timed(command, **options):
    """Wall-clock seconds of one command, which must succeed (its output goes to /dev/null unless redirected)."""
    options.setdefault("stdout", subprocess.DEVNULL)
    options.setdefault("stderr", subprocess.PIPE)
    start = time.perf_counter()
    result = subprocess.run(command, **options)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{command if isinstance(command, str) else ' '.join(command)} exited with "
                           f"{result.returncode}: {(result.stderr or b'')[-2000:].decode(errors='replace')}")
    return elapsed


def spread(values):
    """min / median / max of a list of numbers."""
    return min(values), statistics.median(values), max(values)


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{platform.machine()}, {model}, {os.cpu_count()} CPUs visible, load {os.getloadavg()[0]:.1f}"


class PostgresServer:
    """Tests/Support/postgres_server.sh: a throw-away PostgreSQL on 127.0.0.1, stopped by `stop()` or, should this
    process die first, by the script's own watcher. Its folder is a fresh one in /tmp itself, because under root
    the server runs as `nobody`, which must reach it (a folder inside a private scratch folder it cannot)."""

    SCRIPT = os.path.join(SUPPORT, "postgres_server.sh")

    def __init__(self):
        self.directory = tempfile.mkdtemp(prefix="convenor-bench-pg-", dir="/tmp")
        result = subprocess.run(["/bin/sh", self.SCRIPT, "start", self.directory, str(os.getpid())],
                                capture_output=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError("postgres_server.sh start failed: " + result.stderr.decode(errors="replace"))
        self.port = int(result.stdout.decode().split()[-1])
        self.bin = os.path.dirname(sorted(glob.glob("/usr/lib/postgresql/*/bin/createdb"))[-1])

    def create_database(self, name):
        subprocess.run([self.bin + "/createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "convenor", name],
                       check=True, timeout=60)
        return name

    def ledger_block(self, database="postgres", lease=None):
        """The `ledger:` block of convenor.yaml for this server (plain TCP: it is on 127.0.0.1)."""
        return (f"ledger:\n  url: postgresql://127.0.0.1:{self.port}/{database}\n  user: convenor\n  tls: off\n"
                + (f"  lease: {lease}\n" if lease else ""))

    def pause(self, seconds):
        subprocess.run(["/bin/sh", self.SCRIPT, "pause", self.directory, str(seconds)], check=True,
                       capture_output=True, timeout=seconds + 120)

    def stop(self):
        subprocess.run(["/bin/sh", self.SCRIPT, "stop", self.directory], capture_output=True, timeout=120)
        shutil.rmtree(self.directory, ignore_errors=True)


def add_ledger(directory, block):
    """Appends a `ledger:` block to a generated installation's convenor.yaml."""
    with open(directory + "/convenor.yaml", "a") as file:
        file.write(block)
    return directory


class SMTPServer:
    """Tests/Support/smtp_server.py with a throw-away CA; one process, one OS-assigned port per listener."""

    CLIENT_ID = "bench-0000-client"
    CLIENT_SECRET = "bench~cl1ent&secret="

    def __init__(self, listeners, record=True, slow_data_seconds=0.5, oauth2=False, users=()):
        """`users`: more logins accepted with the same password (the failover soak gives each instance its own)."""
        self.directory = scratch("convenor-bench-smtp-")
        os.makedirs(self.directory + "/events")
        subprocess.run(["/bin/sh", os.path.join(SUPPORT, "make_test_ca.sh"), self.directory], check=True)
        self.ca = self.directory + "/ca.pem"
        self.password_file = self.secret("password", PASSWORD)
        self.wrong_password_file = self.secret("wrong-password", "not-the-password")
        config = {"cert": self.directory + "/server.pem", "key": self.directory + "/server.key",
                  "users": {USER: PASSWORD, **{user: PASSWORD for user in users}}, "events": self.directory + "/events",
                  "ready": self.directory + "/ready.json", "listeners": listeners,
                  "slow_data_seconds": slow_data_seconds}
        if not record:
            config["record_data"] = False
        if oauth2:
            # The HTTPS token endpoint of oauth2_token_server.py in the same process; xoauth2 listeners take its tokens.
            config["tokens"] = {USER: "unused-static-token"}
            config["oauth2"] = {"client_id": self.CLIENT_ID, "client_secret": self.CLIENT_SECRET,
                                "scope": "https://outlook.office365.com/.default", "key": os.urandom(16).hex()}
            self.client_secret_file = self.secret("client-secret", self.CLIENT_SECRET)
        with open(self.directory + "/config.json", "w") as file:
            json.dump(config, file)
        self.log = open(self.directory + "/server.log", "w")
        self.process = subprocess.Popen(
            [sys.executable, os.path.join(SUPPORT, "smtp_server.py"), self.directory + "/config.json"],
            stdin=subprocess.PIPE, stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 30
        while not os.path.exists(self.directory + "/ready.json"):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("smtp_server.py did not start: " + open(self.directory + "/server.log").read())
            time.sleep(0.05)
        with open(self.directory + "/ready.json") as ready:
            self.ports = json.load(ready)["ports"]

    def secret(self, name, value):
        path = os.path.join(self.directory, name)
        with open(path, "w") as file:
            file.write(value + "\n")
        os.chmod(path, 0o600)
        return path

    def url(self, listener):
        return f"smtp://127.0.0.1:{self.ports[listener]}"

    def token_url(self, mode="ok-3600"):
        return f"https://127.0.0.1:{self.ports['oauth2']}/{mode}/token"

    def events(self, listener):
        path = f"{self.directory}/events/{listener}.jsonl"
        if not os.path.exists(path):
            return []
        with open(path) as file:
            return [json.loads(line) for line in file if line.strip()]

    def message_count(self, listener):
        path = f"{self.directory}/events/{listener}.jsonl"
        if not os.path.exists(path):
            return 0
        with open(path, "rb") as file:
            return sum(1 for line in file if b'"event": "message"' in line)

    def stop(self):
        try:
            self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.directory, ignore_errors=True)
