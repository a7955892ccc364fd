#!/usr/bin/python3
"""Run a command under the system-call filters of systemd/convenor.service, outside systemd.

The unit says SystemCallFilter=@system-service, SystemCallFilter=~@privileged @resources,
SystemCallErrorNumber=EPERM and MemoryDenyWriteExecute=yes. This expands those sets with
`systemd-analyze syscall-filter`, installs the same seccomp filters (libseccomp, Debian package
python3-seccomp) and execs the command, so a test run shows which refused calls the daemon makes
(`strace -f` shows them as EPERM). It does not reproduce the unit's other settings (file system,
namespaces, IP allow list).
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


# MemoryDenyWriteExecute=yes, the way systemd builds it: a separate, stacked filter refusing memory that is
# writable and executable at once, and making memory executable later. Loaded first: the system-call
# filter below refuses seccomp() itself.
PROT_WRITE, PROT_EXEC, SHM_EXEC = 0x2, 0x4, 0o100000
wx = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
wx.add_rule(seccomp.ERRNO(errno.EPERM), "mmap",
            seccomp.Arg(2, seccomp.MASKED_EQ, PROT_WRITE | PROT_EXEC, PROT_WRITE | PROT_EXEC))
for name in ("mprotect", "pkey_mprotect"):
    wx.add_rule(seccomp.ERRNO(errno.EPERM), name, seccomp.Arg(2, seccomp.MASKED_EQ, PROT_EXEC, PROT_EXEC))
wx.add_rule(seccomp.ERRNO(errno.EPERM), "shmat", seccomp.Arg(2, seccomp.MASKED_EQ, SHM_EXEC, SHM_EXEC))
wx.load()

allowed = expand("@system-service") - expand("@privileged") - expand("@resources")
flt = seccomp.SyscallFilter(defaction=seccomp.ERRNO(errno.EPERM))
for name in sorted(allowed):
    try:
        flt.add_rule(seccomp.ALLOW, name)
    except Exception:
        pass  # a name this architecture does not have
flt.load()

os.execvp(sys.argv[1], sys.argv[1:])
