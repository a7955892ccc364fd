# Sourced (`. server_helpers.sh`) by the scripts that start and stop the test servers in the background
# (dovecot_returns.sh, mailman_lists.sh): the bounded waits and clean stops each of them needs, written once.
# POSIX sh; the functions' own variables start with an underscore, so they never clobber the caller's.

# without_inherited_fds PROGRAM ARGS...: runs PROGRAM with no open descriptor but 0, 1 and 2. Foundation's Process
# (the tests' Subprocess) learns that a script ended only when every holder of a socket it passed down has closed
# it; a server that inherited that socket would make the caller wait for as long as the server runs (the first
# ReturnsIMAPTests run waited over an hour). Only for a background job (`&`): it replaces the shell it runs in.
without_inherited_fds() {
    exec /usr/bin/python3 -c 'import os, sys; os.closerange(3, os.sysconf("SC_OPEN_MAX")); os.execvp(sys.argv[1], sys.argv[1:])' "$@"
}

# free_port: prints a TCP port on 127.0.0.1 that was free a moment ago.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_for_ports TENTHS PIDFILE PORT...: waits until each PORT on 127.0.0.1 accepts a connection, polling every
# 0.1 s and at most TENTHS polls in all; fails at once when the process in PIDFILE is gone (it will never listen).
wait_for_ports() {
    _wait_limit=$1
    _wait_pidfile=$2
    shift 2
    _wait_polls=0
    for _wait_port in "$@"; do
        while ! python3 -c "import socket; socket.create_connection(('127.0.0.1', $_wait_port), 1).close()" 2>/dev/null; do
            _wait_polls=$((_wait_polls + 1))
            if [ "$_wait_polls" -ge "$_wait_limit" ] || ! kill -0 "$(cat "$_wait_pidfile")" 2>/dev/null; then
                return 1
            fi
            sleep 0.1
        done
    done
}

# stop_pid PIDFILE SECONDS: SIGTERM to the process in PIDFILE, a bounded wait (at most SECONDS) for it to go, then
# SIGKILL, and the file removed. Nothing to do when there is no such file.
stop_pid() {
    [ -f "$1" ] || return 0
    _stop_pid=$(cat "$1")
    kill "$_stop_pid" 2>/dev/null || true
    _stop_polls=0
    while kill -0 "$_stop_pid" 2>/dev/null && [ "$_stop_polls" -lt $(($2 * 10)) ]; do
        sleep 0.1
        _stop_polls=$((_stop_polls + 1))
    done
    kill -9 "$_stop_pid" 2>/dev/null || true
    rm -f "$1"
}

# start_watchdog DIR SCRIPT: with OWNER_PID set (the test process, when a test starts the server), a watchdog runs
# `SCRIPT stop DIR` once that process is gone, so a test that crashed, and so ran no clean-up, leaves nothing running
# for more than a second or two. Its pid is DIR/watchdog.pid.
start_watchdog() {
    [ -n "${OWNER_PID:-}" ] || return 0
    without_inherited_fds /bin/sh -c 'while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 1; done
        [ -d "$2" ] && exec /bin/sh "$3" stop "$2"' watchdog "$OWNER_PID" "$1" "$2" </dev/null >/dev/null 2>&1 &
    echo $! > "$1/watchdog.pid"
}

# stop_watchdog DIR: ends DIR's watchdog, unless this is the watchdog itself (it execs `SCRIPT stop DIR`, so its
# pid is this shell's), stopping what it watched.
stop_watchdog() {
    if [ -f "$1/watchdog.pid" ] && [ "$(cat "$1/watchdog.pid")" != "$$" ]; then
        kill "$(cat "$1/watchdog.pid")" 2>/dev/null || true
    fi
    rm -f "$1/watchdog.pid"
}
