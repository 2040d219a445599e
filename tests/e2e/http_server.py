#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
# SPDX-FileCopyrightText: 2026 the galley authors
"""http_server.py PORTFILE LOGFILE [CERT KEY]: a local web server for
tests/e2e/remote.sh, on 127.0.0.1 and a port the kernel picks (written to
PORTFILE).  With CERT and KEY it speaks HTTPS with that (self-signed)
certificate.  Each request is logged as "METHOD PATH STATUS" to LOGFILE.
It stops by itself after LIFETIME seconds, whatever happens.

Paths:
  /ok.png        a PNG with an ETag; answers 304 to If-None-Match
  /badge.svg     an SVG as shields.io sends them (no validator)
  /slow.png      a PNG one byte a second
  /loop.png      a redirect to itself
  /huge.png      Content-Length of 2 GiB, zeros for as long as it is read
  /endless.png   no Content-Length, zeros past the image limit
  /page.png      an HTML page
  /missing.png   404
  /file.png      a redirect to file:///etc/passwd
  /to?URL        a redirect to URL (from HTTPS to HTTP, say)
  /big/NAME.png  60 MiB: a PNG signature, then zeros (under the image
                 limit; nine of them pass the run's)
"""
import http.server
import os
import ssl
import struct
import sys
import threading
import time
import zlib

LIFETIME = 120
CHUNK = 1 << 20


def png():
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes([0, 128, 255]) * 16 for _ in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 8, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


PNG = png()
BADGE = (b'<svg xmlns="http://www.w3.org/2000/svg" width="90" height="20">'
         b'<rect width="90" height="20" rx="3" fill="#4c1"/>'
         b'<text x="45" y="14" fill="#fff" font-family="sans-serif" font-size="11" '
         b'text-anchor="middle">build passing</text></svg>')


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def note(self, status):
        with open(sys.argv[2], "a") as log:
            log.write("%s %s %d\n" % (self.command, self.path, status))

    def send(self, status, body=b"", ctype="image/png", headers=()):
        self.note(status)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def stream(self, length, seconds):
        """Zeros for up to `seconds`, or until the client goes."""
        end = time.time() + seconds
        zeros = bytes(CHUNK)
        try:
            while time.time() < end and length > 0:
                n = min(CHUNK, length)
                self.wfile.write(zeros[:n])
                length -= n
        except OSError:
            pass
        self.close_connection = True

    def do_GET(self):
        p = self.path
        if p == "/ok.png":
            if self.headers.get("If-None-Match") == '"v1"':
                self.note(304)
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.end_headers()
            else:
                self.send(200, PNG, headers=[("ETag", '"v1"')])
        elif p == "/badge.svg":
            self.send(200, BADGE, "image/svg+xml;charset=utf-8", [("Cache-Control", "no-cache")])
        elif p == "/slow.png":
            self.note(200)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(PNG)))
            self.end_headers()
            try:
                for i in range(len(PNG)):
                    self.wfile.write(PNG[i:i + 1])
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
            self.close_connection = True
        elif p == "/loop.png":
            self.send(302, b"", "text/plain", [("Location", "/loop.png")])
        elif p == "/huge.png":
            self.note(200)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(2 << 30))
            self.end_headers()
            self.stream(2 << 30, 20)
        elif p == "/endless.png":
            self.note(200)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(PNG)
            self.stream(80 << 20, 20)
        elif p == "/page.png":
            self.send(200, b"<html><body>Please log in</body></html>", "text/html; charset=utf-8")
        elif p == "/file.png":
            self.send(302, b"", "text/plain", [("Location", "file:///etc/passwd")])
        elif p.startswith("/to?"):
            self.send(302, b"", "text/plain", [("Location", p[4:])])
        elif p.startswith("/big/"):
            self.note(200)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(60 << 20))
            self.end_headers()
            try:
                self.wfile.write(PNG[:8])
            except OSError:
                pass
            self.stream((60 << 20) - 8, 60)
        else:
            self.send(404, b"not found", "text/plain")


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if len(sys.argv) > 4:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(sys.argv[3], sys.argv[4])
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    threading.Timer(LIFETIME, server.shutdown).start()
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    server.serve_forever()
    os._exit(0)


if __name__ == "__main__":
    main()
