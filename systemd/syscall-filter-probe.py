#!/usr/bin/python3
"""Run a command under the system-call filter of systemd/convenor.service, outside systemd.

The unit says SystemCallFilter=@system-service, SystemCallFilter=~@privileged @resources and
SystemCallErrorNumber=EPERM. This expands those sets with `systemd-analyze syscall-filter`, installs
the same seccomp filter (libseccomp, Debian package python3-seccomp) and execs the command, so a
test run shows which refused calls the daemon makes (strace -f shows them as EPERM).
Usage: syscall-filter-probe.py COMMAND [ARGS...]
"""
import errno
import os
import subprocess
import sys

import seccomp


def expand(group):
    out = subprocess.run(["systemd-analyze", "syscall-filter", "--no-pager", group],
                         check=True, capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines()[1:]:
        word = line.strip().split(" ")[0] if line.strip() else ""
        if not word or word.startswith("#"):
            continue
        names |= expand(word) if word.startswith("@") else {word}
    return names


allowed = expand("@system-service") - expand("@privileged") - expand("@resources")
flt = seccomp.SyscallFilter(defaction=seccomp.ERRNO(errno.EPERM))
for name in sorted(allowed):
    try:
        flt.add_rule(seccomp.ALLOW, name)
    except Exception:
        pass  # a name this architecture does not have
flt.load()
os.execvp(sys.argv[1], sys.argv[1:])
