"""Backfill in monthly partitions against a copy of the sample site: dry run, missing, failed, re-runs."""
import shutil

import duckdb
import pytest

from flows.demo import SITE, _server_module, write_demo_sources
from tasks.archive import Archive
from tasks.partitions import PartitionStore

from .conftest import contents

pytestmark = pytest.mark.slow

MAY_REPORT = "tin-tuc/kien-an-thang-5-va-5-thang-2023.html"   # published 2023-05-31


@pytest.fixture
def site(tmp_path):
    """A copy of the sample site (so a test can take a page away), served on loopback."""
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    with _server_module().serve(root, host="127.0.0.1", port=0) as base:
        yield root, write_demo_sources(base, tmp_path)


def partition_rows(archive):
    with PartitionStore(archive) as store:
        return {r["key"]: r for r in store.all()}


def test_partitions_dry_run_missing_failed_and_reruns(site, tmp_path, prefect_harness):
    from flows.backfill import backfill

    root, sources = site
    db, archive = tmp_path / "b.duckdb", tmp_path / "archive"
    run = dict(sources_file=str(sources), db=str(db), archive=str(archive))

    # Dry run: one discovery, its pages bucketed by month; nothing fetched beyond listings, nothing written.
    plan = backfill(from_="2023-01", to="2023-07", dry_run=True, **run)
    parts = plan["partitions"]
    assert sorted(parts) == [f"backfill:demo:2023-{m:02d}" for m in range(1, 8)], sorted(parts)
    assert all(p["chosen"] for p in parts.values())
    assert len(parts["backfill:demo:2023-05"]["pages"]) == 4, parts["backfill:demo:2023-05"]
    assert sum(len(p["pages"]) for p in parts.values()) == len(plan["would_fetch"]) == 16
    assert not db.exists()
    with Archive(archive) as a:
        assert all(a.state(url) is None or a.state(url).content_sha256 is None for url in plan["would_fetch"])
    assert partition_rows(archive) == {}

    # The first quarter, every partition: done and recorded.
    first = backfill(from_="2023-01", to="2023-03", mode="all", **run)
    assert first["status"] == "completed" and first["pages_failed"] == 0, first
    rows = partition_rows(archive)
    assert sorted(rows) == [f"backfill:demo:2023-{m:02d}" for m in (1, 2, 3)]
    assert {r["status"] for r in rows.values()} == {"completed"}

    # missing: coverage knows January to March, so only April to July run; May's report is gone (404).
    (root / MAY_REPORT).rename(tmp_path / "may.html")
    second = backfill(from_="2023-01", to="2023-07", mode="missing", **run)
    chosen = {k for k, p in second["partitions"].items() if p["chosen"]}
    assert chosen == {f"backfill:demo:2023-{m:02d}" for m in (4, 5, 6, 7)}, second["partitions"]
    assert second["partitions"]["backfill:demo:2023-02"]["why"] == "coverage knows this month"
    assert second["status"] == "partial" and second["pages_failed"] == 1, second
    rows = partition_rows(archive)
    assert rows["backfill:demo:2023-05"]["status"] == "failed", rows["backfill:demo:2023-05"]
    assert rows["backfill:demo:2023-01"]["attempts"] == 1
    assert {rows[f"backfill:demo:2023-{m:02d}"]["status"] for m in (4, 6, 7)} == {"completed"}

    # failed: only May runs again, and now completes.
    (tmp_path / "may.html").rename(root / MAY_REPORT)
    third = backfill(from_="2023-01", to="2023-07", mode="failed", **run)
    chosen = {k for k, p in third["partitions"].items() if p["chosen"]}
    assert chosen == {"backfill:demo:2023-05"}, third["partitions"]
    assert third["status"] == "completed" and third["pages_failed"] == 0, third
    assert third["pages_fetched"] == 1 and third["pages_unchanged"] == 3, third
    rows = partition_rows(archive)
    assert rows["backfill:demo:2023-05"]["status"] == "completed"
    assert rows["backfill:demo:2023-05"]["attempts"] == 2
    assert rows["backfill:demo:2023-04"]["attempts"] == 1
    done = contents(db)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.sql("SELECT count(*) FROM documents WHERE url LIKE '%kien-an-thang-5%'").fetchall() == [(1,)]

    # Running a partition again changes nothing but its attempt count.
    again = backfill(from_="2023-05", to="2023-05", mode="all", **run)
    assert again["status"] == "completed" and again["documents_parsed"] == 0, again
    rows_after = partition_rows(archive)
    assert sorted(rows_after) == sorted(rows)
    assert rows_after["backfill:demo:2023-05"]["attempts"] == 3
    assert contents(db) == done


def test_ingest_retries_pages_that_failed_in_an_earlier_run(site, tmp_path, prefect_harness):
    from flows.ingest import ingest

    root, sources = site
    db, archive = tmp_path / "i.duckdb", tmp_path / "archive"
    run = dict(sources_file=str(sources), db=str(db), archive=str(archive))

    (root / MAY_REPORT).rename(tmp_path / "may.html")
    first = ingest(**run)
    assert first["pages_failed"] == 1 and first["pages_retried"] == 0, first

    # Back on the site; a run whose listings name nothing new (since 2024) still fetches it.
    (tmp_path / "may.html").rename(root / MAY_REPORT)
    second = ingest(since="2024-01", **run)
    assert second["pages_discovered"] == 0, second
    assert second["pages_retried"] == 1 and second["pages_fetched"] == 1 and second["pages_failed"] == 0, second
    assert "retried 1 pages that failed before, 1 now fetched" in second["message"], second
    with duckdb.connect(str(db), read_only=True) as con:
        [(n,)] = con.sql("SELECT count(*) FROM observations JOIN documents USING (doc_id) "
                         "WHERE url LIKE '%kien-an-thang-5%'").fetchall()
        retried = dict(con.execute("SELECT run_id, pages_retried FROM runs WHERE run_id IN (?, ?)",
                                   [first["run_id"], second["run_id"]]).fetchall())
    assert n > 0
    assert retried == {first["run_id"]: 0, second["run_id"]: 1}, retried
    with Archive(archive) as a:
        assert a.failed_urls("demo") == []
