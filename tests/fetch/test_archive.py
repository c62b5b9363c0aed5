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
