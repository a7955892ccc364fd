#!/bin/sh
# Starts (or stops) a throw-away Dovecot IMAP server for convenor's returns mailbox, as the calling user:
# 127.0.0.1 only, TLS with a certificate from make_test_ca.sh (DIR/ca.pem is the ca_file), one user
# `returns` whose password is in DIR/password, its Maildir in DIR/mail/returns (drop messages into
# DIR/mail/returns/new/ to "deliver" them). Nothing outside DIR is written.
#
#   dovecot_returns.sh start DIR    prints the IMAPS port, then the STARTTLS port, one per line
#   dovecot_returns.sh stop DIR
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
    if [ -f "$dir/run/master.pid" ]; then
        pid=$(cat "$dir/run/master.pid")
        kill "$pid" 2>/dev/null || true
        # Bounded wait: at most 5 s for Dovecot to go.
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
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
"$dovecot" -c "$dir/dovecot.conf"
# Bounded wait for the listener: at most 10 s.
i=0
while ! python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$imaps),1).close()" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -ge 100 ]; then echo "dovecot did not start; see $dir/dovecot.log" >&2; cat "$dir/dovecot.log" >&2 || true; exit 1; fi
    sleep 0.1
done
echo "$imaps"
echo "$imap"
