#!/bin/sh
# Starts (or stops) a throw-away GNU Mailman 3 core (Debian's mailman3 package) with three test cases, as the calling
# user, everything under DIR and on 127.0.0.1 (Debian's own mailman3 service and /var/lib/mailman3 are not used):
#
#   members@lists.test.example.org   the posting address is a member: its posts are distributed, and its own copy
#                                    comes back to DIR/mailboxes/POSTER/ (the returns Maildir)
#   closed@lists.test.example.org    the posting address is not a member: Mailman holds its posts and tells it so
#   nosuch@lists.test.example.org    no such list: Mailman's LMTP refuses it and the relay returns a DSN
#
# Mail flows: convenor --SMTP, STARTTLS, AUTH--> mailman_relay.py front --LMTP--> Mailman's lmtp runner;
# Mailman's out runner --SMTP--> mailman_relay.py sink --> DIR/mailboxes/ADDRESS/new/ (one Maildir per recipient).
#
#   mailman_lists.sh start DIR    prints `front=PORT`, `sink=PORT`, `lmtp=PORT`, one per line, once all three listen
#   mailman_lists.sh stop DIR     stops Mailman's master (and so its runners) and the relay; waits at most 10 s
#
# With OWNER_PID set (as the tests set it to their own pid), everything stops by itself once that process is gone.
# POSTER (default groups@test.example.org) is the posting address, convenor's `from:`. convenor's relay login is
# `convenor` with the password in DIR/password; DIR/ca.pem verifies the relay's certificate. By hand:
#   d=$(mktemp -d); Tests/Support/mailman_lists.sh start "$d"
#   ... point delivery.smtp at smtp://127.0.0.1:FRONT (username convenor, password_file $d/password,
#   ca_file $d/ca.pem) and `returns:` at $d/mailboxes/groups@test.example.org, run convenor, read $d/mailboxes/ ...
#   Tests/Support/mailman_lists.sh stop "$d"
set -eu
action=$1
dir=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
poster=${POSTER:-groups@test.example.org}
domain=lists.test.example.org
# Debian's Mailman and its aiosmtpd live in the system Python, whatever python3 is first on PATH.
python=/usr/bin/python3
mailman_bin=/usr/lib/mailman3/bin
. "$here/server_helpers.sh"

case "$action" in
stop)
    stop_watchdog "$dir"
    # SIGTERM, a bounded wait (10 s), then SIGKILL: the master first (it stops its runners), then the relay.
    stop_pid "$dir/master.pid.fg" 10
    # Runners the master could not take down (it waits for them; a wedged one is killed here).
    if [ -d "$dir/var" ]; then
        for pid in $(ps -eo pid=,args= | awk -v c="$dir/mailman.cfg" 'index($0, c) { print $1 }'); do
            kill -9 "$pid" 2>/dev/null || true
        done
    fi
    stop_pid "$dir/relay.pid" 10
    exit 0
    ;;
start) ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac

[ -x "$mailman_bin/master" ] || { echo "Mailman 3 is not installed: apt-get install mailman3" >&2; exit 1; }
[ -f "$dir/ca.pem" ] || sh "$here/make_test_ca.sh" "$dir"
head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/password"
chmod 600 "$dir/password"
front=$(free_port)
sink=$(free_port)
lmtp=$(free_port)
rest=$(free_port)
mkdir -p "$dir/var" "$dir/mailboxes"

# Only the runners a post and a held-post notice pass through; the others (archive, digest, nntp, rest, retry,
# task, bounces, command) would only add start-up time. The MTA integration is `null`: nothing writes Postfix maps.
cat > "$dir/mailman.cfg" <<CONF
[mailman]
layout: test
site_owner: owner@test.example.org
[paths.test]
var_dir: $dir/var
bin_dir: $mailman_bin
log_dir: $dir/var/logs
pid_file: $dir/var/master.pid
[database]
class: mailman.database.sqlite.SQLiteDatabase
url: sqlite:///$dir/var/data/mailman.db
[mta]
incoming: mailman.mta.null.NullMTA
outgoing: mailman.mta.deliver.deliver
smtp_host: 127.0.0.1
smtp_port: $sink
lmtp_host: 127.0.0.1
lmtp_port: $lmtp
[webservice]
hostname: 127.0.0.1
port: $rest
[runner.archive]
start: no
[runner.digest]
start: no
[runner.nntp]
start: no
[runner.rest]
start: no
[runner.retry]
start: no
[runner.task]
start: no
[runner.bounces]
start: no
[runner.command]
start: no
[archiver.prototype]
enable: no
CONF

root=
[ "$(id -u)" = 0 ] && root=--run-as-root
mm() { "$mailman_bin/mailman" $root -C "$dir/mailman.cfg" "$@" >> "$dir/setup.log" 2>&1; }

# The lists, before anything runs (the commands use the database directly).
mm create --quiet --owner owner@test.example.org "members@$domain"
mm create --quiet --owner owner@test.example.org "closed@$domain"
printf '%s\nmember.one@members.test.example.org\nmember.two@members.test.example.org\n' "$poster" \
    | mm addmembers --no-welcome-msg - "members@$domain"
printf 'member.one@members.test.example.org\n' | mm addmembers --no-welcome-msg - "closed@$domain"

# The relay first, so Mailman's first delivery finds its sink.
without_inherited_fds "$python" "$here/mailman_relay.py" "$dir" "$front" "$sink" "$lmtp" "$domain" </dev/null > "$dir/relay.out" 2>&1 &
echo $! > "$dir/relay.pid"
# The master in the foreground of a background job, output in a file and nothing else of ours open: nothing holds
# the caller's pipes or process socket, and its
# pid is ours to stop. It runs as the calling user (not the `list` user of Debian's service).
without_inherited_fds "$mailman_bin/master" -C "$dir/mailman.cfg" --force </dev/null > "$dir/master.out" 2>&1 &
echo $! > "$dir/master.pid.fg"

# Bounded wait for the three listeners: at most 60 s (Mailman's runners each import the whole of Mailman).
if ! wait_for_ports 600 "$dir/master.pid.fg" "$front" "$sink" "$lmtp"; then
    echo "Mailman did not start; see $dir/var/logs/mailman.log and $dir/master.out" >&2
    cat "$dir/master.out" "$dir/var/logs/mailman.log" "$dir/setup.log" >&2 2>/dev/null || true
    sh "$0" stop "$dir"
    exit 1
fi
start_watchdog "$dir" "$0"
echo "front=$front"
echo "sink=$sink"
echo "lmtp=$lmtp"
