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
here=$(cd "$(dirname "$0")" && pwd)
. "$here/server_helpers.sh"
dovecot=$(command -v dovecot || echo /usr/sbin/dovecot)
case "$action" in
stop)
    stop_watchdog "$dir"
    # The pid of the foreground master this script started (run/master.pid is Dovecot's own copy): at most 5 s each
    # for Dovecot to go, then SIGKILL.
    stop_pid "$dir/dovecot.pid" 5
    stop_pid "$dir/run/master.pid" 5
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
if ! wait_for_ports 100 "$dir/dovecot.pid" "$imaps" "$imap"; then
    echo "dovecot did not start; see $dir/dovecot.log" >&2
    cat "$dir/dovecot.out" "$dir/dovecot.log" >&2 2>/dev/null || true
    sh "$0" stop "$dir"
    exit 1
fi
start_watchdog "$dir" "$0"
echo "$imaps"
echo "$imap"
