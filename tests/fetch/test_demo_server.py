"""demo/server.py: static files with ETag/Last-Modified and 304 answers, on loopback."""
from __future__ import annotations

import os

import requests

from demo.server import serve
from tasks.archive import Archive
from tasks.fetch import Fetcher
from tests.support.documents import FAST_FETCH


def test_serve_answers_validators_with_304(tmp_path):
    (tmp_path / "a.html").write_text("<p>Kinh tế - xã hội</p>", encoding="utf-8")
    os.utime(tmp_path / "a.html", (1_700_000_000, 1_700_000_000))
    with serve(tmp_path) as base:
        assert base.startswith("http://127.0.0.1:")
        first = requests.get(base + "/a.html", timeout=5)
        assert first.status_code == 200 and first.content == "<p>Kinh tế - xã hội</p>".encode()
        assert first.headers["ETag"] and first.headers["Last-Modified"]
        by_etag = requests.get(base + "/a.html", headers={"If-None-Match": first.headers["ETag"]}, timeout=5)
        by_date = requests.get(base + "/a.html", headers={"If-Modified-Since": first.headers["Last-Modified"]},
                               timeout=5)
        other = requests.get(base + "/a.html", headers={"If-None-Match": '"something-else"'}, timeout=5)
        assert (by_etag.status_code, by_date.status_code, other.status_code) == (304, 304, 200)
        assert requests.get(base + "/../../etc/passwd", timeout=5).status_code == 404
        assert requests.get(base + "/missing.html", timeout=5).status_code == 404


def test_a_fetcher_over_the_demo_server_is_incremental(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>Trang chủ</p>", encoding="utf-8")
    with serve(site) as base:
        fetcher = Fetcher(FAST_FETCH, {"127.0.0.1"}, Archive(tmp_path / "archive"), min_delay=0.0)
        assert fetcher.fetch(base + "/").outcome == "fetched"
        assert fetcher.fetch(base + "/").outcome == "not_modified"
        (site / "index.html").write_text("<p>Trang chủ mới</p>", encoding="utf-8")
        assert fetcher.fetch(base + "/").outcome == "fetched"
