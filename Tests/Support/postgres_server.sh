#!/bin/sh
# A throw-away PostgreSQL server on 127.0.0.1 for convenor's shared-ledger tests (issue 20), and for a person who
# wants to try two instances on one machine (docs/OPERATOR.md, "Two instances, one PostgreSQL ledger").
#
#   postgres_server.sh start DIR [OWNER_PID]   initdb in DIR/data, start on a free loopback port, print the port;
#                                               with OWNER_PID, stop the server by itself once that process is gone
#                                               (PGTEST_TLS=1: with TLS too, certificate from make_test_ca.sh,
#                                               its CA in DIR/tls/ca.pem, for localhost and 127.0.0.1)
#   postgres_server.sh stop DIR                 stop it (fast shutdown) and leave DIR for the caller to remove
#   postgres_server.sh pause DIR SECONDS        stop it (if running), wait, start it again on the same port
#
# Debian's own packages (postgresql-15 or newer): initdb and pg_ctl from /usr/lib/postgresql/*/bin, never the
# package's cluster or service. The server trusts local connections from the `convenor` role only over 127.0.0.1
# and its socket lives inside DIR. PostgreSQL refuses to run as root, so under root (CI) it runs as `nobody`.
set -eu

if [ "${1:-}" = --as-owner ]; then
    shift
    if [ "$(id -u)" = 0 ]; then exec runuser -u nobody -- "$@"; else exec "$@"; fi
fi

command=${1:?usage: postgres_server.sh start|stop|pause DIR}
dir=${2:?usage: postgres_server.sh start|stop|pause DIR}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "postgres_server.sh: no PostgreSQL server found under /usr/lib/postgresql (apt-get install postgresql)" >&2
    exit 1
fi

# Runs a command as the server's owner: ourselves, or nobody when we are root. `without_inherited_fds` can only
# run programs, so for it this script calls itself with `--as-owner` (the first lines above).
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u nobody -- "$@"
    else
        "$@"
    fi
}

# Runs a command with every file descriptor above 2 closed. Whatever starts this script may have handed it one to
# learn when it exits (swift-corelibs-foundation's Process does: a socket whose other end reports the exit); a
# server or watcher left holding it would make that caller wait for ever.
close_fds='import os, sys; os.closerange(3, 65536); os.execvp(sys.argv[1], sys.argv[1:])'
without_inherited_fds() {
    python3 -c "$close_fds" "$@"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_server() {
    without_inherited_fds /bin/sh "$0" --as-owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $(cat "$dir/port") -k $dir/socket -c fsync=off -c full_page_writes=off -c max_connections=400 $(cat "$dir/options")" \
        start >"$dir/pg_ctl.out" 2>&1 || { cat "$dir/pg_ctl.out" "$dir/server.log" >&2; exit 1; }
}

case "$command" in
start)
    mkdir -p "$dir/data" "$dir/socket"
    if [ "$(id -u)" = 0 ]; then chown -R nobody "$dir"; chmod 755 "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -U convenor --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    free_port >"$dir/port"
    : >"$dir/options"
    if [ "${PGTEST_TLS:-}" = 1 ]; then
        mkdir -p "$dir/tls"
        sh "$(dirname "$0")/make_test_ca.sh" "$dir/tls"
        chmod 600 "$dir/tls/server.key"
        if [ "$(id -u)" = 0 ]; then chown -R nobody "$dir/tls"; fi
        echo "-c ssl=on -c ssl_cert_file=$dir/tls/server.pem -c ssl_key_file=$dir/tls/server.key" >"$dir/options"
    fi
    start_server
    if [ -n "${3:-}" ]; then
        # The owner (a test process) may be killed before it can stop us: a watcher stops the server then. Its
        # output goes to a file, so nobody waits on a pipe it holds open.
        owner=$3
        # `exec`, so no copy of this shell stays behind holding the descriptors.
        (exec python3 -c "$close_fds" nohup sh -c \
            "while kill -0 $owner 2>/dev/null; do sleep 1; done; /bin/sh \"$0\" stop \"$dir\"; rm -rf \"$dir\"") \
            >"$dir/watcher.log" 2>&1 </dev/null &
    fi
    cat "$dir/port"
    ;;
stop)
    [ -f "$dir/data/postmaster.pid" ] || exit 0
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
    ;;
pause)
    seconds=${3:?usage: postgres_server.sh pause DIR SECONDS}
    # Already stopped is fine: `pause DIR 0` after `stop` starts it again.
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
    sleep "$seconds"
    start_server
    ;;
*)
    echo "postgres_server.sh: unknown command '$command' (start, stop or pause)" >&2
    exit 2
    ;;
esac
