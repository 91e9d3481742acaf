#!/usr/bin/env python3
"""Test HTTP server for briefcast's sources tests: pages, feeds and faults.

Listens on 127.0.0.1 on a free port, writes the port to --port-file once it
accepts connections, logs one line per request to --log, and exits by itself
after --lifetime seconds so a test that forgets it never leaves it behind.

Routes (all answers are HTTP/1.1 with keep-alive unless said otherwise):
  /article/N[?delay=MS]   an HTML news article (after MS milliseconds)
  /text/N                 the same story as text/plain
  /hang                   accepts, reads the request, never answers
  /reset                  closes the connection with a TCP reset
  /endless                200, then a body that never ends
  /loop/a, /loop/b        redirect to each other forever
  /to-file, /to-ftp       redirect to file:///etc/passwd, ftp://127.0.0.1/x
  /missing                404
  /flaky/KEY              500 the first time for KEY, then the article
  /busy/KEY               429 with Retry-After: 1 the first time, then the article
  /busy-long              429 with Retry-After: 86400, always
  /bomb                   30 MB of spaces sent gzip-compressed (~30 KB)
  /badutf8                HTML declared UTF-8 holding invalid bytes
  /wrongcharset           windows-1252 bytes sent as charset=utf-8
  /etag                   a page with ETag "v1"; If-None-Match: "v1" gets 304
  /feed/NAME[?type=CT]    tests/data/feeds/NAME with {{BASE}} replaced
  /gen-feed?n=K&delay=MS  RSS 2.0 with K teaser entries linking to /article/I
"""
import argparse
import gzip
import os
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

ARGS = None
SEEN = set()
LOCK = threading.Lock()
BOMB = None

PEOPLE = [("Maria Lopez", "the mayor"), ("John Smith", "the council leader"),
          ("Ana Weber", "a local engineer"), ("Tom Baker", "a shop owner")]


def article_html(n):
    who, role = PEOPLE[n % len(PEOPLE)]
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Story {n}: the river bridge reopens</title>
<meta property="og:site_name" content="Test Gazette"></head>
<body><article><h1>Story {n}: the river bridge reopens</h1>
<p class="byline">By Test Reporter</p>
<p>The river bridge in the town of Example reopened on Monday after a repair that took
eight months and cost the city more than four million euros, officials said. Story number {n}.</p>
<p>"We are proud that the work finished on time and within the budget," said {who}, {role}.
Traffic is expected to return to normal by the end of the week.</p>
<p>Engineers replaced the steel supports and the road surface. The old supports had rusted
badly after decades of winter salt, according to a report published last year.</p>
<p>Shop owners near the bridge welcomed the news. Many had reported falling sales while the
bridge was closed and drivers took a long detour through the northern district.</p>
</article></body></html>
"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def log(self, status):
        if ARGS.log:
            with LOCK, open(ARGS.log, "a") as f:
                f.write(f"{self.command} {self.path} {status} "
                        f"inm={self.headers.get('If-None-Match', '-')} "
                        f"ua={self.headers.get('User-Agent', '-')}\n")

    def send(self, status, body, ctype="text/html; charset=utf-8", headers=()):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.log(status)  # before answering, so a client that reads the log sees it
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, where):
        self.send(302, "", headers=[("Location", where)])

    def first_time(self, key):
        with LOCK:
            if key in SEEN:
                return False
            SEEN.add(key)
            return True

    def base(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def do_GET(self):
        u = urlparse(self.path)
        q = parse_qs(u.query)
        p = u.path
        delay = int(q.get("delay", ["0"])[0])
        if delay:
            time.sleep(delay / 1000.0)
        parts = p.strip("/").split("/")
        try:
            if parts[0] == "article":
                self.send(200, article_html(int(parts[1])))
            elif parts[0] == "text":
                n = int(parts[1])
                self.send(200, f"Story {n} in plain text\n\n" +
                          "The council met on Tuesday and approved the new budget for schools. "
                          "Teachers welcomed the decision.\n\nThe vote was eleven to two.\n",
                          "text/plain; charset=utf-8")
            elif parts[0] == "hang":
                self.log("hang")
                time.sleep(ARGS.lifetime)
                self.close_connection = True
            elif parts[0] == "reset":
                self.log("reset")
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                           struct.pack("ii", 1, 0))
                self.connection.close()
                self.close_connection = True
            elif parts[0] == "endless":
                self.log("endless")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Connection", "close")
                self.end_headers()
                chunk = b"<p>" + b"more words " * 6000 + b"</p>\n"
                try:
                    while True:
                        self.wfile.write(chunk)
                except OSError:
                    pass
                self.close_connection = True
            elif parts[0] == "loop":
                self.redirect("/loop/b" if parts[1] == "a" else "/loop/a")
            elif parts[0] == "to-file":
                self.redirect("file:///etc/passwd")
            elif parts[0] == "to-ftp":
                self.redirect("ftp://127.0.0.1/story.html")
            elif parts[0] == "missing":
                self.send(404, "<html><body><h1>Not found</h1></body></html>")
            elif parts[0] == "flaky":
                if self.first_time(p):
                    self.send(500, "<html><body>Internal error</body></html>")
                else:
                    self.send(200, article_html(500))
            elif parts[0] == "busy":
                if self.first_time(p):
                    self.send(429, "slow down", "text/plain", [("Retry-After", "1")])
                else:
                    self.send(200, article_html(429))
            elif parts[0] == "busy-long":
                self.send(429, "come back tomorrow", "text/plain", [("Retry-After", "86400")])
            elif parts[0] == "bomb":
                global BOMB
                with LOCK:
                    if BOMB is None:
                        BOMB = gzip.compress(b" " * (30 * 1024 * 1024), 9)
                self.send(200, BOMB, headers=[("Content-Encoding", "gzip")])
            elif parts[0] == "badutf8":
                body = article_html(7).encode("utf-8").replace(
                    b"eight months", b"eight \xff\xfe months \xc3")
                self.send(200, body)
            elif parts[0] == "wrongcharset":
                body = article_html(8).replace("officials said", "officials said at the caf\u00e9")
                body = body.replace('<meta charset="utf-8">', "")
                self.send(200, body.encode("cp1252"))
            elif parts[0] == "etag":
                if self.headers.get("If-None-Match") == '"v1"':
                    self.send(304, b"", headers=[("ETag", '"v1"')])
                else:
                    self.send(200, article_html(304), headers=[("ETag", '"v1"')])
            elif parts[0] == "feed":
                name = os.path.basename(parts[1])
                with open(os.path.join(ARGS.feeds, name), "rb") as f:
                    body = f.read().replace(b"{{BASE}}", self.base().encode())
                self.send(200, body, q.get("type", ["application/xml"])[0])
            elif parts[0] == "gen-feed":
                n = int(q.get("n", ["10"])[0])
                d = int(q.get("d", ["0"])[0])
                items = "".join(
                    f"<item><title>Story {i}</title><link>/article/{i}?delay={d}</link>"
                    f"<guid>story-{i}</guid><pubDate>Mon, 0{1 + i % 9} Jan 2024 10:00:00 GMT</pubDate>"
                    f"<description>Teaser for story {i}.</description></item>"
                    for i in range(n))
                self.send(200, f'<?xml version="1.0"?><rss version="2.0" xml:base="{self.base()}/">'
                          f"<channel><title>Generated</title><link>{self.base()}/</link>"
                          f"<description>test</description>{items}</channel></rss>",
                          "text/html")
            else:
                self.send(404, "no such route")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


class Server(ThreadingHTTPServer):
    request_queue_size = 256
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients that hang up early are part of the tests


def main():
    global ARGS
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log")
    ap.add_argument("--feeds", default=os.path.join(os.path.dirname(__file__), "..", "data", "feeds"))
    ap.add_argument("--lifetime", type=int, default=300)
    ARGS = ap.parse_args()
    srv = Server(("127.0.0.1", 0), Handler)
    tmp = ARGS.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(tmp, ARGS.port_file)
    threading.Timer(ARGS.lifetime, lambda: os._exit(0)).start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
