"""A static site on loopback, with the validators real portals send.

Every file gets an ETag (its content hash) and a Last-Modified (its mtime);
If-None-Match / If-Modified-Since are answered with 304, so incremental
fetching can be tried end to end without leaving the machine.

    python demo/server.py demo/site --port 8765     # serves until Ctrl-C
"""
from __future__ import annotations

import argparse
import email.utils
import hashlib
import mimetypes
import posixpath
import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

_TYPES = {".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8",
          ".xml": "application/xml", ".rss": "application/rss+xml", ".atom": "application/atom+xml",
          ".txt": "text/plain; charset=utf-8", ".pdf": "application/pdf",
          ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          ".doc": "application/msword"}


class ValidatingHandler(SimpleHTTPRequestHandler):
    """Static files with ETag/Last-Modified and 304 answers; silent."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def do_GET(self):
        self._serve(send_body=True)

    def do_HEAD(self):
        self._serve(send_body=False)

    def _serve(self, send_body: bool) -> None:
        path = self._file_for(self.path)
        if path is None:
            self.send_error(404, "not found")
            return
        data = path.read_bytes()
        etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
        mtime = int(path.stat().st_mtime)
        last_modified = email.utils.formatdate(mtime, usegmt=True)
        if self._not_modified(etag, mtime):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", last_modified)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", _TYPES.get(path.suffix.lower())
                         or mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        self.end_headers()
        if send_body:
            self.wfile.write(data)

    def _not_modified(self, etag: str, mtime: int) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:  # If-None-Match wins over If-Modified-Since (RFC 9110)
            return etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                since = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                return False
            return mtime <= since
        return False

    def _file_for(self, raw_path: str) -> Path | None:
        root = Path(self.directory).resolve()
        rel = posixpath.normpath(unquote(urlsplit(raw_path).path)).lstrip("/")
        candidate = (root / rel).resolve()
        if root != candidate and root not in candidate.parents:
            return None  # outside the served directory
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None


@contextmanager
def serve(directory, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve a directory in a background thread; yields its base URL "http://HOST:PORT"."""
    handler = partial(ValidatingHandler, directory=str(Path(directory)))
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a directory on loopback with ETag/Last-Modified.")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if not args.directory.is_dir():
        parser.error(f"{args.directory} is not a directory")
    with serve(args.directory, args.host, args.port) as base:
        print(f"serving {args.directory} at {base}/ (Ctrl-C to stop)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
