#!/usr/bin/python3
"""The two loopback mail hops around a test Mailman 3 (Tests/Support/mailman_lists.sh starts it).

Usage: mailman_relay.py DIR FRONT_PORT SINK_PORT LMTP_PORT LIST_DOMAIN

FRONT  127.0.0.1:FRONT_PORT, what convenor's SMTP transport talks to: STARTTLS required (DIR/server.pem,
       DIR/server.key from make_test_ca.sh), then AUTH PLAIN/LOGIN as `convenor` with the password in
       DIR/password. Mail for LIST_DOMAIN is handed to Mailman's LMTP runner on 127.0.0.1:LMTP_PORT *after* the
       250, as Postfix does with an LMTP transport: a recipient Mailman refuses (an unknown list) is returned to
       the envelope sender as an RFC 3464 delivery status notification in Postfix's layout. Mail for anyone else
       (convenor's alerts to chairs and the operator) goes to the sink.
SINK   127.0.0.1:SINK_PORT, plain SMTP, where Mailman's outgoing runner delivers: each recipient gets a file in
       DIR/mailboxes/ADDRESS/new/ (a Maildir; the test points `returns:` at the posting address's one).

Every hop is logged to DIR/relay.log. Only 127.0.0.1 is ever bound or dialled. SIGTERM (mailman_lists.sh stop)
ends the process.
"""
import asyncio
import email.utils
import os
import signal
import smtplib
import socket
import ssl
import sys
import time
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

directory, front_port, sink_port, lmtp_port, list_domain = sys.argv[1:6]
front_port, sink_port, lmtp_port = int(front_port), int(sink_port), int(lmtp_port)
list_domain = list_domain.lower()
relay_name = "relay.test.example.org"


def log(text):
    with open(os.path.join(directory, "relay.log"), "a") as out:
        out.write(time.strftime("%H:%M:%S ") + text + "\n")


def deliver_locally(recipient, data):
    """Writes DATA into RECIPIENT's Maildir the way a delivery agent does: tmp/ first, then a rename into new/."""
    box = os.path.join(directory, "mailboxes", recipient.lower())
    for sub in ("tmp", "new", "cur"):
        os.makedirs(os.path.join(box, sub), exist_ok=True)
    name = "%d.%s.%s" % (time.time(), uuid.uuid4().hex, relay_name)
    with open(os.path.join(box, "tmp", name), "wb") as out:
        out.write(data)
    os.chmod(os.path.join(box, "tmp", name), 0o644)
    os.rename(os.path.join(box, "tmp", name), os.path.join(box, "new", name))


def headers_of(data):
    end = data.find(b"\r\n\r\n")
    if end < 0:
        end = data.find(b"\n\n")
    return data[:end] if end >= 0 else data


def dsn(sender, recipient, reply_code, reply_text, original):
    """An RFC 3464 report as Postfix writes it for a recipient its LMTP transport refused."""
    boundary = "%s.%d/%s" % (uuid.uuid4().hex[:12], int(time.time()), relay_name)
    status = "5.1.1" if reply_code >= 500 else "4.0.0"
    diagnostic = "%d %s" % (reply_code, reply_text)
    now = email.utils.formatdate(localtime=False)
    lines = [
        "From: MAILER-DAEMON@%s (Mail Delivery System)" % relay_name,
        "To: %s" % sender,
        "Subject: Undelivered Mail Returned to Sender",
        "Date: %s" % now,
        "Message-Id: <%s@%s>" % (uuid.uuid4().hex, relay_name),
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
        'Content-Type: multipart/report; report-type=delivery-status; boundary="%s"' % boundary,
        "",
        "This is a MIME-encapsulated message.",
        "",
        "--%s" % boundary,
        "Content-Description: Notification",
        "Content-Type: text/plain; charset=us-ascii",
        "",
        "This is the mail system at host %s." % relay_name,
        "",
        "I'm sorry to have to inform you that your message could not",
        "be delivered to one or more recipients. It's attached below.",
        "",
        "<%s>: host 127.0.0.1[127.0.0.1] said: %s (in reply to RCPT TO command)" % (recipient, diagnostic),
        "",
        "--%s" % boundary,
        "Content-Description: Delivery report",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; %s" % relay_name,
        "Arrival-Date: %s" % now,
        "",
        "Final-Recipient: rfc822; %s" % recipient,
        "Original-Recipient: rfc822;%s" % recipient,
        "Action: failed",
        "Status: %s" % status,
        "Remote-MTA: dns; 127.0.0.1",
        "Diagnostic-Code: smtp; %s" % diagnostic,
        "",
        "--%s" % boundary,
        "Content-Description: Undelivered Message Headers",
        "Content-Type: text/rfc822-headers",
        "",
    ]
    text = "\r\n".join(lines).encode() + b"\r\n" + headers_of(original).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return text + ("\r\n\r\n--%s--\r\n" % boundary).encode()


class Front:
    """convenor's relay: accepts, then hands list mail to Mailman's LMTP and anything else to the sink."""

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode()
        sender = envelope.mail_from
        list_rcpts = [r for r in envelope.rcpt_tos if r.lower().endswith("@" + list_domain)]
        other_rcpts = [r for r in envelope.rcpt_tos if r not in list_rcpts]
        log("front from=%s to=%s" % (sender, ",".join(envelope.rcpt_tos)))
        # After the 250, like a real relay's queue: the LMTP hand-off cannot change what convenor was told.
        asyncio.get_running_loop().run_in_executor(None, self.forward, sender, list_rcpts, other_rcpts, data)
        return "250 2.0.0 Ok: queued"

    def forward(self, sender, list_rcpts, other_rcpts, data):
        try:
            if other_rcpts:
                with smtplib.SMTP("127.0.0.1", sink_port, timeout=30) as sink:
                    sink.sendmail(sender, other_rcpts, data)
            if not list_rcpts:
                return
            refused = {}
            try:
                with smtplib.LMTP("127.0.0.1", lmtp_port, timeout=30) as lmtp:
                    refused = lmtp.sendmail(sender, list_rcpts, data)
            except smtplib.SMTPRecipientsRefused as error:
                refused = error.recipients
            for recipient, (code, text) in refused.items():
                text = text.decode() if isinstance(text, bytes) else str(text)
                log("lmtp refused %s: %d %s" % (recipient, code, text))
                if sender and code >= 500:
                    with smtplib.SMTP("127.0.0.1", sink_port, timeout=30) as sink:
                        sink.sendmail("", [sender], dsn(sender, recipient, code, text, data))
        except Exception as error:  # a test reads the log; the relay keeps serving
            log("forward failed: %r" % (error,))


class Sink:
    """Mailman's outgoing SMTP: one Maildir file per recipient."""

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode()
        log("sink from=%s to=%s" % (envelope.mail_from, ",".join(envelope.rcpt_tos)))
        for recipient in envelope.rcpt_tos:
            sender = envelope.mail_from.strip("<>")
            deliver_locally(recipient, b"Return-Path: <%s>\r\n" % sender.encode() + data)
        return "250 2.0.0 Ok"


def authenticator(server, session, envelope, mechanism, auth_data):
    with open(os.path.join(directory, "password")) as secret:
        password = secret.read().strip()
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == b"convenor"
        and auth_data.password == password.encode()
    )
    return AuthResult(success=ok)


class TLSController(Controller):
    def factory(self):
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(os.path.join(directory, "server.pem"), os.path.join(directory, "server.key"))
        return SMTP(
            self.handler,
            hostname=relay_name,
            tls_context=context,
            require_starttls=True,
            auth_required=True,
            auth_require_tls=True,
            authenticator=authenticator,
        )


def main():
    front = TLSController(Front(), hostname="127.0.0.1", port=front_port)
    sink = Controller(Sink(), hostname="127.0.0.1", port=sink_port)
    front.start()
    sink.start()
    log("listening front=%d sink=%d lmtp=%d" % (front_port, sink_port, lmtp_port))
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    while not stop:
        time.sleep(0.2)
    front.stop()
    sink.stop()


if __name__ == "__main__":
    main()
