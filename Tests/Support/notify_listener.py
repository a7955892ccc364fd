#!/usr/bin/env python3
"""Stands in for systemd's $NOTIFY_SOCKET in convenor's tests.

Usage: notify_listener.py SOCKET_PATH OUTPUT_PATH

Binds a Unix datagram socket at SOCKET_PATH and appends every datagram it receives to OUTPUT_PATH, one per line
with newlines inside a datagram shown as "|". Exits when its stdin closes, so a crashed test leaves nothing behind.
"""
import os
import socket
import sys
import threading


def exit_when_stdin_closes():
    sys.stdin.buffer.read()
    os._exit(0)


def main(socket_path, output_path):
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(socket_path)
    open(output_path + ".ready", "w").close()
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    while True:
        datagram = listener.recv(4096)
        with open(output_path, "a") as output:
            output.write(datagram.decode(errors="replace").replace("\n", "|") + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
