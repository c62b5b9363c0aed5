"""Idempotent runs: the same ingest twice, or into a new database, gives identical observations and no
duplicate documents; so does `baocao add` of the same files twice. (The flows themselves, ingest and
backfill, are run twice in test_flows.py.)

Comparisons are order-independent and cover every column but load timestamps.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tasks.archive import Archive
from tasks.fetch import Fetcher
from tests.load.builders import fresh_database
from tests.reliability.kit import FAULT_FETCH, GOOD_SENTENCES, article, report_title, scalar, snapshot, stage_run
from tests.support.documents import docx_with_table, pdf_with_text
from tests.support.loopback import Reply, loopback

REPO = Path(__file__).resolve().parents[2]
MORE = [
    "Thu ngân sách nhà nước trên địa bàn 8 tháng ước đạt 254.120 triệu đồng, đạt 71% dự toán.",
    "Kim ngạch xuất khẩu 8 tháng ước đạt 120,5 triệu USD, tăng 12,3% so cùng kỳ.",
]


def no_duplicate_documents(db: Path) -> None:
    assert scalar(db, "SELECT count(*) - count(DISTINCT url) FROM documents") == 0
    assert scalar(db, "SELECT count(*) - count(DISTINCT doc_id) FROM documents") == 0


@pytest.fixture
def site():
    with loopback() as s:
        s.route("/robots.txt", Reply(404))
        s.page("/tin/1.html", article(report_title(1), GOOD_SENTENCES).replace(
            "</article>", '<p>File đính kèm: <a href="/files/bc.pdf">bc.pdf</a> '
                          '<a href="/files/bieu.docx">bieu.docx</a></p></article>'))
        s.page("/tin/2.html", article(report_title(2), MORE))
        s.page("/tin/3.html", article(report_title(3), GOOD_SENTENCES[:1] + MORE[1:], day="09/03/2023"))
        # Served without validators: every run downloads every byte again and must still change nothing.
        s.route("/files/bc.pdf", Reply(200, pdf_with_text(), {"Content-Type": "application/pdf"}))
        s.route("/files/bieu.docx", Reply(200, docx_with_table(), {"Content-Type": "application/octet-stream"}))
        yield s


def pages(site) -> list[str]:
    return [site.url(f"/tin/{n}.html") for n in (1, 2, 3)]


def test_the_same_ingest_twice_changes_nothing(site, tmp_path):
    db = fresh_database(tmp_path)
    with Archive(tmp_path / "archive-1") as archive:
        first = stage_run(pages(site), Fetcher(FAULT_FETCH, {"127.0.0.1"}, archive, min_delay=0.0), db)
    observations, documents, quarantine = snapshot(db), snapshot(db, "documents"), snapshot(db, "quarantine")
    assert len(first.documents) == 5 and len(observations) >= 10

    # A second run that fetches, extracts and parses everything again (a new archive), in another order.
    with Archive(tmp_path / "archive-2") as archive:
        second = stage_run(pages(site)[::-1], Fetcher(FAULT_FETCH, {"127.0.0.1"}, archive, min_delay=0.0), db)
    assert sorted(r.outcome for r in second.results.values()) == ["fetched"] * 5
    assert second.summary.unchanged_documents == 5 and second.summary.observations_written == 0
    assert snapshot(db) == observations
    assert snapshot(db, "documents") == documents
    assert snapshot(db, "quarantine") == quarantine
    no_duplicate_documents(db)


def test_the_same_ingest_into_a_new_database_gives_the_same_rows(site, tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one, two = fresh_database(tmp_path / "one"), fresh_database(tmp_path / "two")
    for db, name in ((one, "a"), (two, "b")):
        with Archive(tmp_path / f"archive-{name}") as archive:
            stage_run(pages(site), Fetcher(FAULT_FETCH, {"127.0.0.1"}, archive, min_delay=0.0), db)
    assert snapshot(one) == snapshot(two)
    assert snapshot(one, "documents") == snapshot(two, "documents")


def baocao(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)


def test_baocao_add_twice_changes_nothing(tmp_path, shared):
    files = tmp_path / "files"
    files.mkdir()
    (files / "bc.pdf").write_bytes(pdf_with_text())
    (files / "bieu.docx").write_bytes(docx_with_table())
    seed = sorted((shared / "seeds").glob("*.txt"))[0]
    (files / seed.name).write_bytes(seed.read_bytes())
    db = tmp_path / "add.duckdb"
    names = [str(p) for p in sorted(files.iterdir())]

    first = baocao("add", *names, "--db", str(db))
    assert first.returncode == 0, first.stderr
    observations, documents = snapshot(db), snapshot(db, "documents")
    assert len(observations) > 10 and len(documents) == 3

    second = baocao("add", *names[::-1], "--db", str(db))
    assert second.returncode == 0, second.stderr
    assert snapshot(db) == observations
    assert snapshot(db, "documents") == documents
    no_duplicate_documents(db)


def test_reparse_reads_the_pages_ingest_loaded_and_no_listing(site, tmp_path):
    from tasks.discover import discover
    from tasks.orchestrated import RunConfig, reparse_pages, stored_pages
    from tasks.sources import load_sources
    from tests.reliability.kit import listing

    site.page("/tin", listing([(report_title(n), f"/tin/{n}.html") for n in (1, 2, 3)]))
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[source.site]\nstart_urls = ["{site.url("/tin")}"]\nmin_delay = 0\n', encoding="utf-8")
    db = fresh_database(tmp_path)
    with Archive(tmp_path / "archive") as archive:
        fetcher = Fetcher(FAULT_FETCH, {"127.0.0.1"}, archive, min_delay=0.0)
        run = stage_run([r.url for r in discover(load_sources(sources)["site"], fetcher)], fetcher, db,
                        source="site")
    cfg = RunConfig(db=str(db), archive=str(tmp_path / "archive"), fetch_settings=FAULT_FETCH)
    assert sorted(d.url for d, _ in reparse_pages.fn(stored_pages(cfg), cfg)) == sorted(run.documents)
