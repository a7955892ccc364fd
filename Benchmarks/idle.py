"""Row 4 of `make bench`: the daemon idle for 60 s beside a minimal Foundation program that sleeps."""
import os
import signal
import subprocess
import time

from benchlib import BENCHMARKS, CONVENOR, NOW, RELEASE, generate, log, spread

IDLE_SECONDS = 60
REFERENCE_SOURCE = os.path.join(BENCHMARKS, "Reference", "IdleReference.swift")
REFERENCE = os.path.join(RELEASE, "idle-reference")


def build_reference():
    """swiftc -O the reference, as part of the bench (again only when its source is newer)."""
    if not os.path.exists(REFERENCE) or os.path.getmtime(REFERENCE) < os.path.getmtime(REFERENCE_SOURCE):
        subprocess.run(["swiftc", "-O", REFERENCE_SOURCE, "-o", REFERENCE], check=True)


def private_kib(pid):
    """Private_Clean + Private_Dirty from /proc/PID/smaps_rollup: memory only this process holds."""
    total = 0
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            if line.startswith(("Private_Clean:", "Private_Dirty:")):
                total += int(line.split()[1])
    return total


def voluntary_switches(pid):
    """Voluntary context switches of every thread of PID (each is a wake-up: a timer, a poll, a lock)."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/status") as status:
                for line in status:
                    if line.startswith("voluntary_ctxt_switches:"):
                        total += int(line.split()[1])
        except FileNotFoundError:
            pass  # a thread that ended between listdir and open
    return total


def wait_for(path, needles, process, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode}: {open(path).read()[-1500:]}")
        with open(path) as file:
            text = file.read()
        if any(needle in text for needle in needles):
            return
        time.sleep(0.1)
    raise RuntimeError(f"did not log any of {needles} within {seconds} s: {open(path).read()[-1500:]}")


def measure_idle(directory, count):
    """Starts `count` daemons and `count` references side by side, waits 60 s, and returns the figures."""
    processes = []
    try:
        build_reference()
        os.makedirs(directory)
        daemons, references = [], []
        for index in range(count):
            config = generate(10, f"{directory}/config-{index}")
            log_path = f"{directory}/daemon-{index}.log"
            with open(log_path, "w") as output:
                daemon = subprocess.Popen(
                    [CONVENOR, "run", "--config", config, "--now", NOW, "--log-level", "debug"],
                    stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            processes.append(daemon)
            daemons.append((daemon, log_path))
            reference_log = f"{directory}/reference-{index}.log"
            with open(reference_log, "w") as output:
                reference = subprocess.Popen([REFERENCE], stdout=output, stderr=subprocess.STDOUT)
            processes.append(reference)
            references.append((reference, reference_log))
        # Start-up is over when the first pass has planned its sleep ("sleeping" is logged at debug level).
        for daemon, log_path in daemons:
            wait_for(log_path, ["sleeping"], daemon, 60)
        for reference, log_path in references:
            wait_for(log_path, ["ready"], reference, 30)
        before = [voluntary_switches(daemon.pid) for daemon, _ in daemons]
        time.sleep(IDLE_SECONDS)
        switches = [voluntary_switches(daemon.pid) - start for (daemon, _), start in zip(daemons, before)]
        daemon_memory = [private_kib(daemon.pid) for daemon, _ in daemons]
        reference_memory = [private_kib(reference.pid) for reference, _ in references]
        for daemon, log_path in daemons:
            if daemon.poll() is not None:
                raise RuntimeError(f"the daemon exited while idle: {open(log_path).read()[-1500:]}")
        return {
            "memory_ratios": [d / r for d, r in zip(daemon_memory, reference_memory)],
            "memory_detail": f"daemon {spread(daemon_memory)[1] / 1024:.1f} MiB, reference "
                             f"{spread(reference_memory)[1] / 1024:.1f} MiB ({count} of each, side by side)",
            "switches": switches,
            "switches_detail": f"over {IDLE_SECONDS} s, all threads, {count} daemons",
        }
    except Exception as error:  # reported in the table rather than losing the other rows
        log(f"idle: {error}")
        return {"error": str(error).splitlines()[0][:200]}
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=12)
            except subprocess.TimeoutExpired:
                process.kill()
