"""The archive under SIGKILL: a body is on disk before its row names it, and a commit survives the kill."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

from tasks.archive import Archive

# Records fetches of 50 URLs (new bodies, some 304s) until killed; prints each URL once recorded.
RECORDER = """
import sys
from datetime import datetime, timezone
from pathlib import Path
from tasks.archive import Archive
from tasks.documents import sha256_hex
from tasks.fetch import FetchResult
archive = Archive(Path(sys.argv[1]))
last = {}
print("ready", flush=True)
for i in range(int(sys.argv[2])):
    url = f"http://127.0.0.1/p{i % 50}"
    if url in last and i % 3 == 2:
        result = FetchResult(url, url, "not_modified", 304, None, "text/html", last[url],
                             datetime.now(timezone.utc), "", {"etag": str(i)})
    else:
        body = (f"<html><body><p>trang {i}</p>" + "x" * (i * 37 % 20000) + "</body></html>").encode()
        last[url] = sha256_hex(body)
        result = FetchResult(url, url, "fetched", 200, body, "text/html", last[url],
                             datetime.now(timezone.utc), "", {"etag": str(i)})
    archive.record(result)
    print(url, flush=True)
"""


def _recorder(root, n: int) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", RECORDER, str(root), str(n)], stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout.readline().strip() == "ready"
    return child


def _rows_point_at_bodies(root) -> int:
    """Check the archive a killed writer left; the number of pages with a body."""
    db = sqlite3.connect(root / "index.sqlite")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    archive = Archive(root)
    try:
        pages = archive.pages()
        for page in pages:
            assert archive.body(page.content_sha256)   # present, whole and matching its hash
        for page in pages:
            for fetch in archive.fetch_log(page.url):
                assert fetch["content_sha256"] is None or archive.has_body(fetch["content_sha256"])
        return len(pages)
    finally:
        archive.close()


def test_a_writer_killed_at_any_moment_leaves_no_row_without_its_body(tmp_path):
    # Kills spread over the writing (delays measured from a first full run), never a fixed wall time.
    whole = tmp_path / "whole"
    child = _recorder(whole, 300)
    started = time.monotonic()
    assert child.wait(timeout=120) == 0
    seconds = time.monotonic() - started
    assert _rows_point_at_bodies(whole) == 50
    killed_inside = 0
    for k, share in enumerate((0.05, 0.2, 0.35, 0.5, 0.65, 0.8)):
        root = tmp_path / f"killed-{k}"
        child = _recorder(root, 300)
        time.sleep(seconds * share)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        killed_inside += child.returncode == -signal.SIGKILL
        _rows_point_at_bodies(root)
        archive = Archive(root)   # and the archive takes the next record
        archive.put(b"after the kill")
        archive.close()
    assert killed_inside, "every writer finished before its kill: the test proved nothing"


def test_a_recorded_fetch_survives_a_kill_right_after_it(tmp_path):
    child = _recorder(tmp_path, 10_000)
    recorded = [child.stdout.readline().strip() for _ in range(5)]
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    archive = Archive(tmp_path)
    for url in recorded:
        state = archive.state(url)
        assert state is not None and state.outcome in ("fetched", "not_modified")
    archive.close()


def _fetched(url: str, body: bytes):
    from datetime import datetime, timezone

    from tasks.documents import sha256_hex
    from tasks.fetch import FetchResult
    return FetchResult(url, url, "fetched", 200, body, "text/html", sha256_hex(body), datetime.now(timezone.utc), "", {})


def test_report_pages_come_in_batches_in_url_order_without_listings_or_bodiless_pages(tmp_path):
    from tasks.fetch import FetchResult

    with Archive(tmp_path / "archive") as archive:
        reports = [f"http://127.0.0.1/bao-cao-{i:03d}.html" for i in range(23)]
        for i, url in enumerate(reversed(reports)):
            archive.record(_fetched(url, f"<p>báo cáo {i}</p>".encode()), parent_url="http://127.0.0.1/tin-tuc")
        archive.record(_fetched("http://127.0.0.1/tin-tuc", b"<a href='bao-cao-000.html'>"))
        archive.mark_listing("http://127.0.0.1/tin-tuc")
        archive.record(_fetched("http://127.0.0.1/bao-cao-000.pdf", b"%PDF-1.4 x"),
                       parent_url="http://127.0.0.1/bao-cao-000.html")
        archive.record(FetchResult("http://127.0.0.1/hong.html", "http://127.0.0.1/hong.html", "failed", None,
                                   None, None, None, None, "connection refused", {}))

        batches = list(archive.report_page_batches(5))
        every = [p.url for p in archive.report_pages()]
        assert [len(b) for b in batches] == [5, 5, 5, 5, 4]
        assert [p.url for b in batches for p in b] == every == sorted(reports + ["http://127.0.0.1/bao-cao-000.pdf"])
        assert archive.report_page_count() == 24
        # An attachment's parent is a report; a report's parent is a listing, no report.
        assert archive.are_report_pages(["http://127.0.0.1/bao-cao-000.html", "http://127.0.0.1/tin-tuc",
                                         "http://127.0.0.1/hong.html", None]) == {"http://127.0.0.1/bao-cao-000.html"}
        unknown = [f"http://127.0.0.1/khac-{i}.html" for i in range(600)]   # more than one query's parameters
        assert archive.are_report_pages(unknown + reports) == set(reports)
