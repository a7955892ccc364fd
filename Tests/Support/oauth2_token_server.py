#!/usr/bin/env python3
"""A scriptable OAuth2 token endpoint on 127.0.0.1 for convenor's tests (RFC 6749 §4.4, client credentials).

Started by smtp_server.py when its config has an "oauth2" object (one process, one ready file), or alone:
    oauth2_token_server.py CONFIG.json   (CONFIG as below plus cert, key, events, ready)

The "oauth2" object:
  client_id, client_secret   what a token request must carry (the secret may hold &, =, +, %, spaces, UTF-8)
  scope                      the scope it must ask for
  key                        HMAC key (text) that signs tokens; smtp_server.py checks tokens with the same key

HTTPS only (the test CA's server.pem), on an OS-assigned port. The path chooses the behaviour, so one endpoint
serves a whole suite: POST /MODE/token with
  ok-N[-LABEL]         a token that expires in N seconds (refused as invalid_client if the form is wrong); tests
                       add a LABEL of their own to count only their own requests
  invalid-client       401 invalid_client, with Microsoft's AADSTS text and trace lines
  unauthorized-client  400 unauthorized_client (AADSTS700016: app not found in the tenant)
  wrong-tenant         400 invalid_request with error_codes [90002] (tenant not found)
  unavailable          503 temporarily_unavailable
  malformed            200 with a truncated JSON body
  slow                 answers after 30 s (a client must give up first)

Tokens are "cnv1.<id>.<expiry in ms>.<hmac>": the SMTP server verifies them without shared state, and a token's id lets
tests count distinct tokens without ever recording one. Events ({"event": "token", "mode", "ok", "form_ok",
"grant_type", "client_id", "scope", "content_type", "token_id", "expires_in"}) go to EVENTS/oauth2.jsonl; the
secret and the tokens are never recorded.
"""
import hashlib
import hmac
import itertools
import json
import os
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_ids = itertools.count(1)


def make_token(key, lifetime):
    token_id = next(_ids)
    expiry_ms = int((time.time() + lifetime) * 1000)
    payload = f"cnv1.{token_id}.{expiry_ms}"
    signature = hmac.new(key.encode(), payload.encode(), hashlib.sha256).hexdigest()
    return token_id, f"{payload}.{signature}"


def check_token(key, token):
    """(token_id, expiry) when `token` was signed with `key`, else None."""
    parts = token.split(".")
    if len(parts) != 4 or parts[0] != "cnv1":
        return None
    payload = ".".join(parts[:3])
    expected = hmac.new(key.encode(), payload.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, parts[3]):
        return None
    return int(parts[1]), int(parts[2]) / 1000


def error_body(error, description, codes):
    return {
        "error": error,
        "error_description": description + "\r\nTrace ID: 0f1e2d3c\r\nCorrelation ID: 4b5a6978\r\nTimestamp: 2026-12-02",
        "error_codes": codes,
    }


def handler_class(settings, record):
    class TokenHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass  # the request line is harmless, but nothing of a request belongs in a log here

        def reply(self, status, body, content_type="application/json"):
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length).decode("utf-8", errors="replace")
            form = urllib.parse.parse_qs(raw, keep_blank_values=True)
            field = lambda name: form.get(name, [None])[0]
            parts = self.path.strip("/").split("/")
            mode = parts[0] if len(parts) == 2 and parts[1] == "token" else "unknown"
            form_ok = (
                field("grant_type") == "client_credentials"
                and field("client_id") == settings["client_id"]
                and field("client_secret") == settings["client_secret"]
                and field("scope") == settings["scope"]
            )
            event = {
                "event": "token", "mode": mode, "form_ok": form_ok, "grant_type": field("grant_type"),
                "client_id": field("client_id"), "scope": field("scope"),
                "secret_ok": field("client_secret") == settings["client_secret"],
                "content_type": self.headers.get("Content-Type"),
            }
            if mode.startswith("ok-") and form_ok:
                lifetime = float(mode.split("-")[1])
                token_id, token = make_token(settings["key"], lifetime)
                record({**event, "ok": True, "token_id": token_id, "expires_in": lifetime})
                self.reply(200, {"token_type": "Bearer", "expires_in": int(lifetime), "ext_expires_in": int(lifetime),
                                 "access_token": token})
                return
            record({**event, "ok": False})
            if mode.startswith("ok-") or mode == "invalid-client":
                self.reply(401, error_body("invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure "
                                           "the secret being sent in the request is the client secret value, not "
                                           "the client secret ID.", [7000215]))
            elif mode == "unauthorized-client":
                self.reply(400, error_body("unauthorized_client", "AADSTS700016: Application with identifier "
                                           f"'{settings['client_id']}' was not found in the directory 'Contoso'.",
                                           [700016]))
            elif mode == "wrong-tenant":
                self.reply(400, error_body("invalid_request", "AADSTS90002: Tenant 'contoso.example' not found.",
                                           [90002]))
            elif mode == "unavailable":
                self.reply(503, {"error": "temporarily_unavailable", "error_description": "try again"})
            elif mode == "malformed":
                self.reply(200, b'{"token_type": "Bearer", "access_tok')
            elif mode == "slow":
                time.sleep(30)
                self.reply(503, {"error": "temporarily_unavailable"})
            else:
                self.reply(404, b"<html>not found</html>", "text/html")

    return TokenHandler


def start(settings, cert, key, record):
    """Starts the endpoint on a thread; returns its port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_class(settings, record))
    server.daemon_threads = True
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


if __name__ == "__main__":
    with open(sys.argv[1]) as file:
        config = json.load(file)

    def record(event):
        with open(os.path.join(config["events"], "oauth2.jsonl"), "a") as events:
            events.write(json.dumps(event) + "\n")

    port = start(config["oauth2"], config["cert"], config["key"], record)
    with open(config["ready"] + ".tmp", "w") as ready:
        json.dump({"ports": {"oauth2": port}}, ready)
    os.rename(config["ready"] + ".tmp", config["ready"])
    sys.stdin.buffer.read()
