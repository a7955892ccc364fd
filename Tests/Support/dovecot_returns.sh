#!/bin/sh
# Starts (or stops) a throw-away Dovecot IMAP server for convenor's returns mailbox, as the calling user:
# 127.0.0.1 only, TLS with a certificate from make_test_ca.sh (DIR/ca.pem is the ca_file), one user
# `returns` whose password is in DIR/password, its Maildir in DIR/mail/returns (drop messages into
# DIR/mail/returns/new/ to "deliver" them). Nothing outside DIR is written.
#
#   dovecot_returns.sh start DIR    prints the IMAPS port, then the STARTTLS port, one per line
#   dovecot_returns.sh stop DIR
#
# With OWNER_PID set (as the tests set it to their own pid), the server stops by itself once that process is gone.
#
# A person can run it by hand to try `returns:` against a real IMAP server:
#   d=$(mktemp -d); Tests/Support/dovecot_returns.sh start "$d"
#   returns: {mailbox: "imaps://127.0.0.1:PORT/INBOX", user: returns, password_file: $d/password, ca_file: $d/ca.pem}
set -eu
action=$1
dir=$(cd "$2" && pwd)
dovecot=$(command -v dovecot || echo /usr/sbin/dovecot)
case "$action" in
stop)
    # The watchdog (unless this is it, stopping what it watched).
    if [ -f "$dir/watchdog.pid" ] && [ "$(cat "$dir/watchdog.pid")" != "$$" ]; then
        kill "$(cat "$dir/watchdog.pid")" 2>/dev/null || true
    fi
    rm -f "$dir/watchdog.pid"
    # The pid of the foreground master this script started (run/master.pid is Dovecot's own copy).
    for file in "$dir/dovecot.pid" "$dir/run/master.pid"; do
        [ -f "$file" ] || continue
        pid=$(cat "$file")
        kill "$pid" 2>/dev/null || true
        # Bounded wait: at most 5 s for Dovecot to go, then SIGKILL.
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
        kill -9 "$pid" 2>/dev/null || true
    done
    # Its children (imap, imap-login, auth, ...) carry the instance name; one a SIGKILLed master left is ended too.
    if [ -f "$dir/instance" ]; then
        name=$(cat "$dir/instance")
        for pid in $(ps -eo pid=,args= | awk -v n="dovecot-$name/" 'index($0, n) { print $1 }'); do
            kill -9 "$pid" 2>/dev/null || true
        done
    fi
    exit 0
    ;;
start) ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
[ -f "$dir/ca.pem" ] || sh "$here/make_test_ca.sh" "$dir"
user=$(id -un)
group=$(id -gn)
# Dovecot's login processes refuse to run as root: when the tests run as root, they run as nobody, which must
# be able to reach the run folder (and only that).
# Dovecot also refuses uid 0 for the mail user, so the mailbox belongs to nobody too.
login_user=$user
mail_user=$user
mail_group=$group
if [ "$(id -u)" = 0 ]; then login_user=nobody; mail_user=nobody; mail_group=$(id -gn nobody); fi
mkdir -p "$dir/run" "$dir/state" "$dir/mail/returns/new" "$dir/mail/returns/cur" "$dir/mail/returns/tmp" "$dir/home"
# A fresh random password each start; convenor reads it from this file (password_file).
if [ "$login_user" != "$user" ]; then
    chmod 711 "$dir"; chmod 755 "$dir/run"
    chown -R "$mail_user:$mail_group" "$dir/mail" "$dir/home"
fi
head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/password"
chmod 600 "$dir/password"
printf 'returns:{PLAIN}%s\n' "$(cat "$dir/password")" > "$dir/passwd"
# Starts "$@" with no open descriptor but 0, 1 and 2. Foundation's Process (the tests' Subprocess) learns that this
# script ended only when every holder of a socket it passed down has closed it; a server that inherited that socket
# would make the caller wait for as long as the server runs (the first ReturnsIMAPTests run waited over an hour).
# Only for a background job (`&`): it replaces the shell it runs in.
without_inherited_fds() {
    exec /usr/bin/python3 -c 'import os, sys; os.closerange(3, os.sysconf("SC_OPEN_MAX")); os.execvp(sys.argv[1], sys.argv[1:])' "$@"
}
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
imaps=$(free_port)
imap=$(free_port)
cat > "$dir/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $dir/run
state_dir = $dir/state
instance_name = convenor-test-$imaps
log_path = $dir/dovecot.log
info_log_path = $dir/dovecot.log
ssl = required
ssl_cert = <$dir/server.pem
ssl_key = <$dir/server.key
disable_plaintext_auth = yes
auth_mechanisms = plain login
default_internal_user = $user
default_internal_group = $group
default_login_user = $login_user
first_valid_uid = 0
first_valid_gid = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/passwd
}
userdb {
  driver = static
  args = uid=$mail_user gid=$mail_group home=$dir/home/%u
}
mail_location = maildir:$dir/mail/%u
namespace inbox {
  inbox = yes
  separator = .
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $imap
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $imaps
  }
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-reader {
    user = $user
  }
  unix_listener stats-writer {
    user = $user
  }
}
CONF
echo "convenor-test-$imaps" > "$dir/instance"
# In the foreground (-F) of a background job, its output in a file and nothing else of ours open: no daemon holds
# the caller's stdout, stderr or process socket (it would wait for ever), and the pid to stop is this script's own.
without_inherited_fds "$dovecot" -F -c "$dir/dovecot.conf" </dev/null > "$dir/dovecot.out" 2>&1 &
echo $! > "$dir/dovecot.pid"
# Bounded wait for both listeners: at most 10 s.
i=0
for port in "$imaps" "$imap"; do
    while ! python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$port),1).close()" 2>/dev/null; do
        i=$((i + 1))
        if [ $i -ge 100 ] || ! kill -0 "$(cat "$dir/dovecot.pid")" 2>/dev/null; then
            echo "dovecot did not start; see $dir/dovecot.log" >&2
            cat "$dir/dovecot.out" "$dir/dovecot.log" >&2 2>/dev/null || true
            sh "$0" stop "$dir"
            exit 1
        fi
        sleep 0.1
    done
done
# OWNER_PID (the test process, when a test starts this): a watchdog stops everything once that process is gone, so
# a test that crashed, and so ran no clean-up, leaves nothing running for more than a second or two.
if [ -n "${OWNER_PID:-}" ]; then
    without_inherited_fds /bin/sh -c 'while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 1; done
        [ -d "$2" ] && exec /bin/sh "$3" stop "$2"' watchdog "$OWNER_PID" "$dir" "$0" </dev/null >/dev/null 2>&1 &
    echo $! > "$dir/watchdog.pid"
fi
echo "$imaps"
echo "$imap"
