"""A programmable HTTP server on a loopback address, for tests of fetching and discovery.

Each route is a function from the recorded request to a Reply; helpers build
the usual ones (a page with ETag/Last-Modified answering conditional requests,
a sequence of replies, a slow reply). Every request is recorded with its
headers, so tests can assert what the client sent.

    with loopback("127.0.0.2") as site:
        site.page("/a.html", "<html>…</html>")
        site.route("/flaky", site.sequence(Reply(500), Reply(200, body=b"ok")))
        site.url("/a.html")
"""
from __future__ import annotations

import email.utils
import hashlib
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator
from urllib.parse import urlsplit


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0              # seconds to wait before answering
    declare_length: bool = True     # False: no Content-Length, the body ends when the connection closes


@dataclass
class Seen:
    """One request as the server saw it."""
    path: str
    headers: dict[str, str]
    at: float                        # time.monotonic() on arrival
    host: str

    @property
    def conditional(self) -> bool:
        return "if-none-match" in self.headers or "if-modified-since" in self.headers


class Loopback:
    def __init__(self, host: str):
        self.host = host
        self.routes: dict[str, Callable[[Seen], Reply]] = {}
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        self.base = ""

    # ---- routes -----------------------------------------------------------------

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, handler: Callable[[Seen], Reply] | Reply) -> None:
        self.routes[path] = handler if callable(handler) else (lambda _req, r=handler: r)

    def page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
             last_modified: float = 1_700_000_000.0) -> None:
        """A static page with an ETag (content hash) and Last-Modified, answering 304 when they match."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        etag = '"' + hashlib.sha256(data).hexdigest()[:20] + '"'
        lm = email.utils.formatdate(last_modified, usegmt=True)

        def handler(req: Seen) -> Reply:
            validators = {"ETag": etag, "Last-Modified": lm}
            if req.headers.get("if-none-match") == etag:
                return Reply(304, headers=validators)
            if "if-none-match" not in req.headers and req.headers.get("if-modified-since") == lm:
                return Reply(304, headers=validators)
            return Reply(200, data, {"Content-Type": content_type, **validators})

        self.routes[path] = handler

    @staticmethod
    def sequence(*replies: Reply) -> Callable[[Seen], Reply]:
        """Answers each reply in turn, then repeats the last one."""
        remaining = list(replies)
        lock = threading.Lock()

        def handler(_req: Seen) -> Reply:
            with lock:
                return remaining.pop(0) if len(remaining) > 1 else remaining[0]
        return handler

    # ---- what happened ------------------------------------------------------------

    def requests_for(self, path: str) -> list[Seen]:
        with self._lock:
            return [s for s in self.seen if s.path == path]

    def _record(self, seen: Seen) -> None:
        with self._lock:
            self.seen.append(seen)


def _handler_for(site: Loopback):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # noqa: A002
            pass

        def do_GET(self):
            seen = Seen(path=self.path, headers={k.lower(): v for k, v in self.headers.items()},
                        at=time.monotonic(), host=site.host)
            site._record(seen)
            handler = site.routes.get(self.path) or site.routes.get(urlsplit(self.path).path)
            reply = handler(seen) if handler else Reply(404, b"not found", {"Content-Type": "text/plain"})
            if reply.delay:
                time.sleep(reply.delay)
            body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
            try:
                self.send_response(reply.status)
                for k, v in reply.headers.items():
                    self.send_header(k, v)
                if reply.declare_length:
                    self.send_header("Content-Length", str(len(body)))
                else:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()
                if body and reply.status not in (204, 304):
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up (timeout or size limit)

    return Handler


@contextmanager
def loopback(host: str = "127.0.0.1") -> Iterator[Loopback]:
    """A running Loopback on host (any 127.x.y.z on Linux) and a free port."""
    site = Loopback(host)
    server = ThreadingHTTPServer((host, 0), _handler_for(site))
    server.daemon_threads = True
    site.base = f"http://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
