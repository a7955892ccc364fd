"""Row 4 of `make bench`: the daemon idle for 60 s beside a minimal Foundation program that sleeps, and a daemon of
1,000 groups beside one of 10 (what each group adds to an idle daemon)."""
import os
import signal
import subprocess
import time

from benchlib import BENCHMARKS, CONVENOR, NOW, RELEASE, generate, log, spread

IDLE_SECONDS = int(os.environ.get("BENCH_IDLE_SECONDS", "60"))
SMALL_GROUPS, LARGE_GROUPS = 10, 1000
REFERENCE = os.path.join(RELEASE, "idle-reference")
ASYNC_REFERENCE = os.path.join(RELEASE, "async-idle-reference")


def build_references():
    """swiftc -O both references, as part of the bench (again only when a source is newer than its binary)."""
    for binary, source, flags in [(REFERENCE, "IdleReference.swift", []),
                                  (ASYNC_REFERENCE, "AsyncIdleReference.swift", ["-parse-as-library"])]:
        source = os.path.join(BENCHMARKS, "Reference", source)
        if not os.path.exists(binary) or os.path.getmtime(binary) < os.path.getmtime(source):
            subprocess.run(["swiftc", "-O", *flags, source, "-o", binary], check=True)


def private_kib(pid):
    """Private_Dirty from /proc/PID/smaps_rollup: memory only this process wrote (heap, stacks, relocations).
    Not Private_Clean: that counts clean file pages only this process maps, which is the whole binary once it was
    replaced on disk (21 MiB seen once), and says nothing about what the daemon holds."""
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            if line.startswith("Private_Dirty:"):
                return int(line.split()[1])
    return 0


def voluntary_switches(pid):
    """Voluntary context switches per thread of PID, as {(tid, name): count}; each one is a wake-up (a timer, a
    poll, a lock)."""
    counts = {}
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/comm") as comm:
                name = comm.read().strip()
            with open(f"/proc/{pid}/task/{task}/status") as status:
                for line in status:
                    if line.startswith("voluntary_ctxt_switches:"):
                        counts[(task, name)] = int(line.split()[1])
        except FileNotFoundError:
            pass  # a thread that ended between listdir and open
    return counts


def switches_since(pid, before):
    """Switches per thread name since `before` (threads started meanwhile count from zero)."""
    by_name = {}
    for key, count in voluntary_switches(pid).items():
        delta = count - before.get(key, 0)
        if delta:
            by_name[key[1]] = by_name.get(key[1], 0) + delta
    return by_name


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
        build_references()
        # A binary written moments ago (make bench builds first) has its pages dirty in the page cache until the
        # kernel writes them back, and smaps counts them in Private_Dirty: 12.5 MiB more for each daemon (6 starts right after a build).
        os.sync()
        os.makedirs(directory)
        daemons, large_daemons, references, async_references = [], [], [], []

        def start_daemon(groups, name):
            config = generate(groups, f"{directory}/config-{name}")
            log_path = f"{directory}/daemon-{name}.log"
            with open(log_path, "w") as output:
                daemon = subprocess.Popen(
                    [CONVENOR, "run", "--config", config, "--now", NOW, "--log-level", "debug"],
                    stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            processes.append(daemon)
            return daemon, log_path

        for index in range(count):
            daemons.append(start_daemon(SMALL_GROUPS, str(index)))
            large_daemons.append(start_daemon(LARGE_GROUPS, f"{index}-large"))
            reference_log = f"{directory}/reference-{index}.log"
            with open(reference_log, "w") as output:
                reference = subprocess.Popen([REFERENCE], stdout=output, stderr=subprocess.STDOUT)
            processes.append(reference)
            references.append((reference, reference_log))
            async_log = f"{directory}/async-reference-{index}.log"
            with open(async_log, "w") as output:
                async_reference = subprocess.Popen([ASYNC_REFERENCE], stdout=output, stderr=subprocess.STDOUT)
            processes.append(async_reference)
            async_references.append((async_reference, async_log))
        # Start-up is over when the first pass has planned its sleep ("sleeping" is logged at debug level).
        for daemon, log_path in daemons:
            wait_for(log_path, ["sleeping"], daemon, 60)
        for daemon, log_path in large_daemons:
            wait_for(log_path, ["sleeping"], daemon, 180)
        for reference, log_path in references + async_references:
            wait_for(log_path, ["ready"], reference, 30)
        before = [voluntary_switches(daemon.pid) for daemon, _ in daemons]
        reference_before = [voluntary_switches(reference.pid) for reference, _ in async_references]
        time.sleep(IDLE_SECONDS)
        by_thread = [switches_since(daemon.pid, start) for (daemon, _), start in zip(daemons, before)]
        switches = [sum(threads.values()) for threads in by_thread]
        reference_switches = [sum(switches_since(reference.pid, start).values())
                              for (reference, _), start in zip(async_references, reference_before)]
        threads = {}
        for per_name in by_thread:
            for name, switched in per_name.items():
                threads.setdefault(name, []).append(switched)
        thread_detail = ", ".join(f"`{name}` {spread(values)[1]:.0f}" for name, values in sorted(threads.items()))
        daemon_memory = [private_kib(daemon.pid) for daemon, _ in daemons]
        reference_memory = [private_kib(reference.pid) for reference, _ in references]
        large_memory = [private_kib(daemon.pid) for daemon, _ in large_daemons]
        per_group = [(large - small) / (LARGE_GROUPS - SMALL_GROUPS) for large, small in zip(large_memory, daemon_memory)]
        for daemon, log_path in daemons + large_daemons:
            if daemon.poll() is not None:
                raise RuntimeError(f"the daemon exited while idle: {open(log_path).read()[-1500:]}")
        return {
            "memory_ratios": [d / r for d, r in zip(daemon_memory, reference_memory)],
            "memory_detail": f"daemon {spread(daemon_memory)[1] / 1024:.1f} MiB, reference "
                             f"{spread(reference_memory)[1] / 1024:.1f} MiB ({count} of each, side by side)",
            "growth_ratios": [large / small for large, small in zip(large_memory, daemon_memory)],
            "growth_detail": f"{LARGE_GROUPS:,} groups {spread(large_memory)[1] / 1024:.1f} MiB, {SMALL_GROUPS} groups "
                             f"{spread(daemon_memory)[1] / 1024:.1f} MiB: {spread(per_group)[1]:.1f} KiB more per group "
                             f"(config, templates, ledger pages)",
            "switches": switches,
            "switches_detail": f"over {IDLE_SECONDS} s, all threads; median by thread: {thread_detail or 'none'}; "
                               f"a Swift program awaiting `Task.sleep`: {spread(reference_switches)[1]:.0f}",
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
