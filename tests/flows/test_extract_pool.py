"""Extraction and parsing in worker processes give what they give in the flow's own process, and survive a dead worker."""
import os
import signal

import pytest

from tasks import extract_pool
from tasks.archive import Archive

from .conftest import contents

pytestmark = pytest.mark.slow


def _pages(clean_run) -> list:
    from tasks.orchestrated import RunConfig, stored_pages

    cfg = RunConfig(db=str(clean_run.db), archive=str(clean_run.archive), fetch_settings={})
    with Archive(clean_run.archive) as archive:
        return [extract_pool.page(archive.body(p.content_sha256), content_type=p.content_type, url=p.url,
                                  final_url=None, content_sha256=p.content_sha256, fetched_at=p.fetched_at,
                                  source=p.source, parent_doc_id=parent, default_area=None, title_hint=p.title,
                                  published_hint=p.published)
                for p, parent in stored_pages(cfg)]


def test_worker_processes_give_the_same_documents_and_records(clean_run):
    pages = _pages(clean_run)
    assert len(pages) > 2
    here = extract_pool.parse_pages(pages)
    try:
        assert extract_pool.parsed(pages, processes=2) == here
        assert sum(len(records) for _, records, _ in here) > 0
    finally:
        extract_pool.shutdown()


def test_a_killed_worker_costs_the_batch_its_speed_not_its_documents(clean_run):
    pages = _pages(clean_run)
    here = extract_pool.parse_pages(pages)
    try:
        assert extract_pool.parsed(pages, processes=2) == here        # the pool is up
        pool = extract_pool._get_pool(2)
        for pid in list(pool._processes):
            os.kill(pid, signal.SIGKILL)
        assert extract_pool.parsed(pages, processes=2) == here        # extracted here instead
        assert extract_pool._get_pool(2) is not pool                  # and the next batch has a new pool
        assert extract_pool.parsed(pages, processes=2) == here
    finally:
        extract_pool.shutdown()


def test_ingest_and_reparse_through_worker_processes_give_the_clean_database(
        demo_site, clean_run, tmp_path, prefect_harness, monkeypatch):
    from flows import runners
    from flows.backfill import backfill
    from flows.ingest import ingest
    from tasks.orchestrated import extract_pages

    monkeypatch.setattr(runners, "POOL_MIN_PAGES", 0)   # the sample site is smaller than a run worth a pool
    monkeypatch.setattr(extract_pages, "refresh_cache", True)   # the clean run's extractions are cached
    _, sources = demo_site
    db, archive = tmp_path / "pool.duckdb", tmp_path / "archive"
    try:
        row = ingest(sources_file=str(sources), db=str(db), archive=str(archive))
        assert row["status"] == "completed" and row["pages_failed"] == 0 and row["pages_fetched"] > 0, row
        assert extract_pool._pool is not None, "the run did not use the worker processes"
        assert contents(db) == clean_run.contents
        again = backfill(reparse=True, sources_file=str(sources), db=str(db), archive=str(archive))
        assert again["status"] == "completed" and again["documents_parsed"] > 0, again
        assert contents(db) == clean_run.contents
    finally:
        extract_pool.shutdown()


def test_reparse_pages_in_processes_match_the_threads(clean_run):
    from tasks.orchestrated import RunConfig, reparse_pages, stored_pages

    cfg = RunConfig(db=str(clean_run.db), archive=str(clean_run.archive), fetch_settings={})
    pages = stored_pages(cfg)
    try:
        assert reparse_pages.fn(pages, cfg, processes=2) == reparse_pages.fn(pages, cfg)
    finally:
        extract_pool.shutdown()
