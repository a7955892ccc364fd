#!/usr/bin/env python3
"""Sends a signal to a process the moment a relay listener records its first message, then times its exit.

Usage: signal_on_event.py EVENTS_FILE PID SIGNAL OUTPUT_FILE TIMEOUT_SECONDS

Runs outside the test process, so the moment does not depend on how busy the test runner is. Writes one JSON
object to OUTPUT_FILE: {"messages_at_signal": N, "exit_seconds": S} (S is null if the process did not exit within
the timeout, measured from the signal). A process counts as exited once it is a zombie or gone.
"""
import json
import os
import sys
import time


def messages(path):
    try:
        with open(path) as events:
            return sum(1 for line in events if '"event": "message"' in line)
    except FileNotFoundError:
        return 0


def exited(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ", 1)[1].startswith("Z")
    except FileNotFoundError:
        return True


def main(events_path, pid, signal_number, output_path, timeout):
    deadline = time.monotonic() + timeout
    while messages(events_path) == 0 and time.monotonic() < deadline:
        time.sleep(0.005)
    count = messages(events_path)
    os.kill(pid, signal_number)
    signalled = time.monotonic()
    exit_seconds = None
    while time.monotonic() - signalled < timeout:
        if exited(pid):
            exit_seconds = time.monotonic() - signalled
            break
        time.sleep(0.01)
    with open(output_path + ".tmp", "w") as output:
        json.dump({"messages_at_signal": count, "exit_seconds": exit_seconds}, output)
    os.rename(output_path + ".tmp", output_path)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], float(sys.argv[5]))
