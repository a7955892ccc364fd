#!/usr/bin/env python3
"""A scriptable SMTP relay on 127.0.0.1 for convenor's transport tests (aiosmtpd).

Usage: smtp_server.py CONFIG.json

CONFIG is a JSON object:
  cert, key   PEM files of the server certificate (made by make_test_ca.sh)
  users       {"login": "password"} accepted by AUTH PLAIN/LOGIN; tokens accepted by AUTH XOAUTH2 under "tokens"
  events      a directory; every listener appends JSON lines to EVENTS/NAME.jsonl
  ready       a path; once every listener is bound, {"ports": {"NAME": PORT}} is written there (atomically)
  listeners   {"NAME": "MODE"}, one OS-assigned port each, so one process serves a whole test suite
  record_data false to leave data_b64 out of message events (the benchmarks send thousands of messages)
  oauth2      optional: also serve the HTTPS token endpoint of oauth2_token_server.py (its port is "oauth2" in
              the ready file) and accept, in the xoauth2 modes, only tokens it signed and only while they are valid

Modes:
  normal          STARTTLS required, AUTH required (only after TLS), 250 to everything
  smtps           TLS from the first byte (implicit TLS), AUTH required
  no-starttls     plain SMTP that offers neither STARTTLS nor AUTH
  rcpt-451/550    that reply to every RCPT TO
  data-451/554    that reply after the final dot
  drop-after-data the connection is cut after the final dot, without a reply
  slow-data       like normal, but the reply to the final dot comes after `slow_data_seconds` (default 0.5),
                  so a client killed meanwhile leaves the message delivered but unacknowledged
  greeting-421    "421" as the greeting, then close
  silent          accept the connection and never say anything
  xoauth2         STARTTLS required, AUTH required and only AUTH XOAUTH2 offered; a token is accepted only if the
                  token endpoint signed it and it has not expired, and a MAIL after the session's token expired is
                  refused with 535 (as a relay that checks the token's life would)
  xoauth2-slow    like xoauth2, with the reply to the final dot after `slow_data_seconds` (a long batch)
  xoauth2-revoked like xoauth2, but every token is refused with 535 (revoked, or no mailbox permission)

Events (never a password): {"event": "connect"}, {"event": "auth", "mechanism", "user", "ok"},
{"event": "mail", "from"}, {"event": "message", "tls", "user", "from", "to", "data_b64", "reply",
"message_id"}; every event also carries "time" (when it happened, Unix seconds), and "mail" the AUTH "user"
(the failover soak tells its instances apart by it).

The process exits when its stdin closes, so a test process that dies cannot leave it behind.
"""
import asyncio
import base64
import json
import os
import re
import ssl
import sys
import threading
import time

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

import oauth2_token_server


class Recorder:
    def __init__(self, directory):
        self.directory = directory

    def record(self, name, event):
        with open(os.path.join(self.directory, name + ".jsonl"), "a") as events:
            events.write(json.dumps({**event, "time": time.time()}) + "\n")
            events.flush()


class Handler:
    def __init__(self, name, mode, recorder, users, tokens, slow_data_seconds=0.5, record_data=True, token_key=None):
        self.name, self.mode, self.recorder = name, mode, recorder
        self.slow_data_seconds = slow_data_seconds
        self.users, self.tokens = users, tokens
        self.record_data = record_data
        self.token_key = token_key

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        ok = False
        user = None
        if isinstance(auth_data, LoginPassword):
            user = auth_data.login.decode()
            ok = self.users.get(user) == auth_data.password.decode()
        self.recorder.record(self.name, {"event": "auth", "mechanism": mechanism, "user": user, "ok": ok})
        return AuthResult(success=ok, handled=False, auth_data=user if ok else None)

    async def auth_XOAUTH2(self, server, args):
        # RFC-less but documented by Google: base64("user=U\x01auth=Bearer T\x01\x01").
        if len(args) > 1:
            raw = base64.b64decode(args[1])
        else:
            raw = await server.challenge_auth("", encode_to_b64=False)
            if not isinstance(raw, bytes):
                return AuthResult(success=False, handled=False)
        fields = dict(part.split("=", 1) for part in raw.decode().split("\x01") if "=" in part)
        user = fields.get("user")
        bearer = fields.get("auth", "")
        if self.mode.startswith("xoauth2") and self.token_key:
            return self.check_signed_token(server, user, bearer)
        ok = bearer == "Bearer " + self.tokens.get(user or "", "\x00")
        self.recorder.record(self.name, {"event": "auth", "mechanism": "XOAUTH2", "user": user, "ok": ok})
        return AuthResult(success=ok, handled=False, auth_data=user if ok else None)

    def check_signed_token(self, server, user, bearer):
        checked = oauth2_token_server.check_token(self.token_key, bearer[len("Bearer "):]) \
            if bearer.startswith("Bearer ") else None
        token_id, expiry = checked if checked else (None, 0)
        if checked is None:
            reason = "not a token the endpoint issued"
        elif expiry <= time.time():
            reason = "expired"
        elif self.mode == "xoauth2-revoked":
            reason = "revoked"
        elif user not in self.tokens:
            reason = "no permission for this mailbox"
        else:
            reason = None
        ok = reason is None
        server.session.token_expiry = expiry if ok else None
        self.recorder.record(self.name, {"event": "auth", "mechanism": "XOAUTH2", "user": user, "ok": ok,
                                         "token_id": token_id, "reason": reason})
        return AuthResult(success=ok, handled=False, auth_data=user if ok else None)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        expiry = getattr(session, "token_expiry", None)
        if self.mode.startswith("xoauth2") and expiry is not None and expiry <= time.time():
            self.recorder.record(self.name, {"event": "mail-refused", "reason": "token expired", "from": address})
            return "535 5.7.3 Authentication unsuccessful: the OAuth2 token has expired"
        self.recorder.record(self.name, {"event": "mail", "from": address, "user": session.auth_data})
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == "rcpt-451":
            return "451 4.3.0 Mailbox temporarily unavailable"
        if self.mode == "rcpt-550":
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        reply = {
            "data-451": "451 4.3.0 Queue full, try again later",
            "data-554": "554 5.6.0 Message refused",
            "drop-after-data": None,
        }.get(self.mode, "250 2.0.0 Ok: queued")
        tls = session.ssl is not None or server.transport.get_extra_info("sslcontext") is not None
        self.recorder.record(self.name, {
            "event": "message", "tls": tls, "user": session.auth_data, "from": envelope.mail_from,
            "to": envelope.rcpt_tos, "reply": reply, "message_id": message_id(envelope.original_content),
            **({"data_b64": base64.b64encode(envelope.original_content).decode()} if self.record_data else {}),
        })
        if self.mode in ("slow-data", "xoauth2-slow"):
            # Queued already (recorded above), acknowledged late: the window a kill -9 must survive.
            await asyncio.sleep(self.slow_data_seconds)
        if reply is None:
            server.transport.abort()
            return "250 never sent"
        return reply


def message_id(content):
    """The Message-ID header's value (soaks count duplicates by it), or None."""
    match = re.search(rb"^Message-ID:[ \t]*(.*?)\r?$", content.split(b"\r\n\r\n", 1)[0], re.I | re.M)
    return match.group(1).decode(errors="replace").strip() if match else None


async def serve_raw(name, mode, recorder):
    async def on_connect(reader, writer):
        recorder.record(name, {"event": "connect"})
        if mode == "greeting-421":
            writer.write(b"421 4.3.2 Service not available, closing transmission channel\r\n")
            await writer.drain()
            writer.close()
            return
        await reader.read()  # silent: hold the connection until the client gives up
        writer.close()

    return await asyncio.start_server(on_connect, "127.0.0.1", 0)


async def serve_smtp(name, mode, recorder, config, tls_context):
    handler = Handler(name, mode, recorder, config.get("users", {}), config.get("tokens", {}),
                      config.get("slow_data_seconds", 0.5), config.get("record_data", True),
                      config.get("oauth2", {}).get("key"))
    loop = asyncio.get_running_loop()

    def factory():
        recorder.record(name, {"event": "connect"})
        if mode == "no-starttls":
            return SMTP(handler, hostname="localhost", loop=loop)
        if mode.startswith("xoauth2"):
            return SMTP(handler, hostname="localhost", tls_context=tls_context, require_starttls=True,
                        auth_required=True, auth_require_tls=True, auth_exclude_mechanism=["LOGIN", "PLAIN"],
                        authenticator=handler.authenticate, loop=loop)
        if mode == "smtps":
            return SMTP(handler, hostname="localhost", auth_required=True, auth_require_tls=False,
                        authenticator=handler.authenticate, loop=loop)
        return SMTP(handler, hostname="localhost", tls_context=tls_context, require_starttls=True,
                    auth_required=True, auth_require_tls=True, authenticator=handler.authenticate, loop=loop)

    implicit = tls_context if mode == "smtps" else None
    return await loop.create_server(factory, "127.0.0.1", 0, ssl=implicit)


async def main(config):
    recorder = Recorder(config["events"])
    tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls_context.load_cert_chain(config["cert"], config["key"])
    ports = {}
    servers = []
    for name, mode in config["listeners"].items():
        if mode in ("greeting-421", "silent"):
            server = await serve_raw(name, mode, recorder)
        else:
            server = await serve_smtp(name, mode, recorder, config, tls_context)
        servers.append(server)
        ports[name] = server.sockets[0].getsockname()[1]
    if "oauth2" in config:
        if "oauth2" in ports:
            raise SystemExit('a listener may not be called "oauth2": that name is the token endpoint\'s')
        ports["oauth2"] = oauth2_token_server.start(
            config["oauth2"], config["cert"], config["key"], lambda event: recorder.record("oauth2", event))
    temporary = config["ready"] + ".tmp"
    with open(temporary, "w") as ready:
        json.dump({"ports": ports}, ready)
    os.rename(temporary, config["ready"])
    await asyncio.Event().wait()


def exit_when_stdin_closes():
    sys.stdin.buffer.read()
    os._exit(0)


if __name__ == "__main__":
    with open(sys.argv[1]) as file:
        configuration = json.load(file)
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    asyncio.run(main(configuration))
