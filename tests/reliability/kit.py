"""What the reliability tests share: report pages, a misbehaving raw HTTP server, the stages chained
without Prefect, and order-independent snapshots of the database.
"""
from __future__ import annotations

import io
import socket
import socketserver
import struct
import threading
import time
import zipfile
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import duckdb

from tests.support.documents import FAST_FETCH

# Fetch settings for fault tests: the shipped body limit (a 50 MB page must meet the real one),
# tiny timeouts and backoff so a retried failure costs tenths of a second.
FAULT_FETCH = {**FAST_FETCH, "connect_timeout": 0.5, "read_timeout": 0.3, "max_retries": 2,
               "backoff_base": 0.01, "max_body_bytes": 20_000_000}
ATTEMPTS = FAULT_FETCH["max_retries"] + 1   # what the retry policy allows for one URL

GOOD_SENTENCES = [
    "Tổng mức bán lẻ hàng hóa 8 tháng ước đạt 483.595 triệu đồng, đạt 64% kế hoạch, bằng 108,2% so cùng kỳ.",
    "Giá trị sản xuất công nghiệp 8 tháng ước thực hiện 1.138.377 triệu đồng, tăng 9,7% so cùng kỳ.",
]
# Each sentence parses into a record the loader must refuse, with the reason's first words.
BAD_SENTENCES = {
    "implausible value": "Thu ngân sách 8 tháng ước đạt 5.000.000.000 nghìn tỷ đồng, bằng 120% so cùng kỳ.",
    "implausible year": "Giá trị sản xuất nông, lâm, thủy sản năm 2031 ước đạt 500.000 triệu đồng.",
    "month figure larger than the cumulative": (
        "Doanh thu dịch vụ lưu trú và ăn uống tháng 8 ước đạt 900.000 triệu đồng. "
        "Doanh thu dịch vụ lưu trú và ăn uống 8 tháng ước đạt 100.000 triệu đồng."),
    "implausible value 25000": "Kim ngạch xuất khẩu 8 tháng ước đạt 50 triệu USD, bằng 25.000% so cùng kỳ.",
}


def article(title: str, sentences: list[str], day: str = "07/09/2023") -> str:
    """A portal's article page: chrome around an <article> with a date line and one paragraph a sentence."""
    paragraphs = "\n".join(f"<p>{s}</p>" for s in sentences)
    return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title></head>
<body><nav><a href="/">Trang chủ</a> <a href="/tin">Tin tức</a></nav>
<article><h1>{title}</h1><div class="post-date">Thứ Năm, {day} 08:00</div>
<p>Ủy ban nhân dân quận Kiến An báo cáo tình hình kinh tế - xã hội 8 tháng đầu năm 2023 như sau.</p>
{paragraphs}
<p>Trên đây là báo cáo tình hình kinh tế - xã hội 8 tháng năm 2023 của quận Kiến An.</p></article>
<footer>Cổng thông tin điện tử quận Kiến An. Giấy phép cấp ngày 01/01/2020.</footer></body></html>"""


def listing(links: list[tuple[str, str]]) -> str:
    """A listing page: one item (link text, href) a line, each with its date."""
    items = "\n".join(f'<li><a href="{href}">{text}</a> <span class="date">07/09/2023</span></li>'
                      for text, href in links)
    return f"<!doctype html><html><head><meta charset='utf-8'></head><body><ul class='news'>{items}</ul></body></html>"


def report_title(n: int) -> str:
    return f"Tình hình kinh tế - xã hội 8 tháng năm 2023 (bản {n})"


# ---- a raw HTTP server that misbehaves on purpose ---------------------------------------------

@dataclass
class RawSite:
    """Each path's handler gets the socket and writes bytes as it likes; every request is counted."""
    host: str = "127.0.0.1"
    base: str = ""
    handlers: dict[str, Callable[[socket.socket], None]] = field(default_factory=dict)
    hits: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base + path

    def on(self, path: str, handler: Callable[[socket.socket], None]) -> None:
        self.handlers[path] = handler


def _head(status: int, headers: dict[str, str]) -> bytes:
    # One request per connection: a client never reuses a socket this server has already closed.
    headers = {"Connection": "close", **headers}
    lines = [f"HTTP/1.1 {status} X"] + [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def reset_halfway(body: bytes, content_type: str = "text/html; charset=utf-8") -> Callable:
    """Headers for the whole body, half of it, then a TCP reset (SO_LINGER 0)."""
    def handler(sock: socket.socket) -> None:
        sock.sendall(_head(200, {"Content-Type": content_type, "Content-Length": str(len(body))}))
        sock.sendall(body[:len(body) // 2])
        time.sleep(0.05)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    return handler


def stall_halfway(body: bytes, seconds: float) -> Callable:
    """Headers and half the body, then silence for `seconds` (longer than the client's read timeout)."""
    def handler(sock: socket.socket) -> None:
        sock.sendall(_head(200, {"Content-Type": "text/html", "Content-Length": str(len(body))}))
        sock.sendall(body[:len(body) // 2])
        time.sleep(seconds)
    return handler


def endless_page(total_bytes: int, declare_length: bool) -> Callable:
    """An HTML page of total_bytes generated while it is sent (never held in memory)."""
    chunk = b"<p>" + "Báo cáo kinh tế - xã hội. ".encode() * 2000 + b"</p>\n"

    def handler(sock: socket.socket) -> None:
        headers = {"Content-Type": "text/html; charset=utf-8"}
        if declare_length:
            headers["Content-Length"] = str(total_bytes)
        sock.sendall(_head(200, headers) + b"<html><body>")
        sent = 0
        try:
            while sent < total_bytes:
                part = chunk[:total_bytes - sent]
                sock.sendall(part)
                sent += len(part)
        except OSError:
            pass   # the client stopped reading at its limit
    return handler


def plain(status: int, body: bytes = b"", headers: dict | None = None) -> Callable:
    def handler(sock: socket.socket) -> None:
        sock.sendall(_head(status, {"Content-Length": str(len(body)), **(headers or {})}) + body)
    return handler


@contextmanager
def raw_site(host: str = "127.0.0.1", port: int = 0) -> Iterator[RawSite]:
    site = RawSite(host=host)
    site.on("/robots.txt", plain(404, b"", {"Content-Type": "text/plain"}))

    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            sock = self.request
            sock.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data and len(data) < 65536:
                part = sock.recv(4096)
                if not part:
                    return
                data += part
            path = data.split(b" ", 2)[1].decode("latin-1")
            with site.lock:
                site.hits[path] += 1
            handler = site.handlers.get(path, plain(404, b"not found"))
            try:
                handler(sock)
            except OSError:
                pass

    socketserver.ThreadingTCPServer.allow_reuse_address = True
    server = socketserver.ThreadingTCPServer((host, port), Handler)
    server.daemon_threads = True
    site.base = f"http://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def closed_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on (bound once, then released)."""
    s = socket.socket()
    s.bind((host, 0))
    port = s.getsockname()[1]
    s.close()
    return port


# ---- bodies that are not what they claim -------------------------------------------------------

def docx_declaring(total_bytes: int) -> bytes:
    """A small .docx whose word/document.xml says it unpacks to total_bytes (headers patched)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document/>" + b" " * 4000)
    data = bytearray(out.getvalue())
    return bytes(_patched_sizes(data, b"word/document.xml", total_bytes))


def docx_lying_small(real_bytes: int) -> bytes:
    """A real .docx whose word/document.xml says 20,000 bytes but inflates to real_bytes: a reader
    trusting the header while inflating the whole stream holds all of it in memory."""
    from tests.support.documents import docx_with_table

    source = zipfile.ZipFile(io.BytesIO(docx_with_table()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"</w:body>", b"<!--" + b" " * real_bytes + b"--></w:body>")
            z.writestr(info.filename, data)
    return bytes(_patched_sizes(bytearray(out.getvalue()), b"word/document.xml", 20_000))


def docx_dense(real_bytes: int) -> bytes:
    """An honest .docx whose one member packs real_bytes of zeros (ratio ~1000:1)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * real_bytes)
    return out.getvalue()


def _patched_sizes(data: bytearray, name: bytes, size: int) -> bytearray:
    """Set the uncompressed size of member `name` in its local header and central directory entry."""
    local = data.find(b"PK\x03\x04")
    while local != -1:
        name_len = struct.unpack_from("<H", data, local + 26)[0]
        if data[local + 30:local + 30 + name_len] == name:
            struct.pack_into("<I", data, local + 22, size)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_len] == name:
            struct.pack_into("<I", data, central + 24, size)
        central = data.find(b"PK\x01\x02", central + 4)
    return data


# ---- the stages chained as the flows chain them, without Prefect ------------------------------

@dataclass
class StageRun:
    results: dict = field(default_factory=dict)     # url -> FetchResult
    documents: dict = field(default_factory=dict)   # url -> Document
    summary: object = None                          # LoadSummary


def stage_run(urls: list[str], fetcher, db: Path, *, source: str = "test",
              default_area: str | None = "Kiến An") -> StageRun:
    """fetch → extract → parse → load of these pages and their attachments, one load transaction."""
    from tasks.db import connect
    from tasks.documents import document_for_page, doc_id_for
    from tasks.extract import extracted_from_body
    from tasks.load import load_documents
    from tasks.observe import parsed

    run = StageRun()
    todo = [(u, None) for u in urls]
    while todo:
        parents = dict(todo)
        todo_next = []
        for result in fetcher.fetch_many([u for u, _ in todo], source=source):
            run.results[result.url] = result
            if result.outcome != "fetched" or result.body is None:
                continue
            extracted = extracted_from_body(result.body, content_type=result.content_type,
                                            url=result.final_url or result.url)
            parent = parents.get(result.url)
            doc = document_for_page(url=result.url, body_sha256=result.content_sha256,
                                    fetched_at=result.fetched_at, extracted=extracted, source=source,
                                    parent_doc_id=doc_id_for(parent) if parent else None,
                                    content_type=result.content_type, default_area=default_area)
            run.documents[result.url] = doc
            todo_next += [(a, result.url) for a in extracted.attachments if a not in run.results]
        todo = todo_next
    con = connect(db, wait_seconds=5)
    try:
        run.summary = load_documents(con, parsed(list(run.documents.values())))
    finally:
        con.close()
    return run


# ---- the database, compared order-independently --------------------------------------------------

LOAD_TIMESTAMPS = {"fetched_at", "loaded_at", "quarantined_at", "quarantine_id"}


def snapshot(db: Path, table: str = "observations") -> list[tuple]:
    """Every row of a table (all columns but load timestamps and sequence ids), sorted."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        columns = [c for (c,) in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table]).fetchall() if c not in LOAD_TIMESTAMPS]
        rows = con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
    finally:
        con.close()
    return sorted(rows, key=repr)


def scalar(db: Path, sql: str):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()[0][0]
    finally:
        con.close()


# ---- a large batch for the load tests ------------------------------------------------------------

MONEY_INDICATORS = ("retail_sales", "industrial_output", "budget_revenue", "budget_expenditure")


def load_batch(first_doc: int, n_docs: int, generation: int) -> list:
    """n_docs documents of 48 records each; `generation` changes every value (a re-published report)."""
    from tests.load.builders import document, record

    batch = []
    for n in range(first_doc, first_doc + n_docs):
        records = [record(ind, 1, month, 1000.0 * n + 10.0 * month + generation, area=f"Khu {n % 7}")
                   for ind in MONEY_INDICATORS for month in range(1, 13)]
        # Every generation also refuses one record, so quarantine is part of what must stay whole.
        records.append(record("retail_sales", 5, 3, 1.0 + generation))
        batch.append((document(f"report-{n}.html"), records))
    return batch
