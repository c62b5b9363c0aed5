"""The scheduled flow: discover new report pages on every source, fetch what changed, load it.

Idempotent by construction — unchanged pages answer 304 or hash the same and are
not re-parsed, and a document's observations are replaced, never appended — so a
pile of late runs after downtime costs a few conditional requests each.

Pages whose latest fetch failed (in any earlier run) are fetched again, up to
`retry_failed` of them, even when the listings no longer show them; the run's
summary counts them (pages_retried) and says how many came back.
"""
from __future__ import annotations

import uuid

from prefect import flow
from prefect.task_runners import ThreadPoolTaskRunner

from flows.common import (
    RunStats, current_run_id, finish, finish_failed, month_start, plan, report_progress, run_batches,
)
from flows.runners import THREADS, tasks_on
from tasks.db import DatabaseBusy
from tasks.orchestrated import discover_pages, failed_items, failed_urls, keep_write_slot

RETRY_FAILED = 100   # pages that failed before, fetched again per run at most


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=THREADS), log_prints=True)
def ingest(
    sources: list[str] | None = None,
    since: str | None = None,
    db: str | None = None,
    sources_file: str | None = None,
    archive: str | None = None,
    max_pages: int | None = None,
    retry_failed: int = RETRY_FAILED,
    runner: str | None = None,
    lock_wait_seconds: float | None = None,
) -> dict:
    """Discover → fetch → extract → parse → load for the named sources (default: all).

    since: YYYY-MM or YYYY-MM-DD — walk listings back to this date (default: the
    sources' own page bound only).
    retry_failed: how many pages whose last fetch failed are fetched again (0: none).
    runner: threads (default), dask, dask:N or dask://HOST:PORT — where fetch and
    extraction run (flows/runners.py); the load always runs here, one writer.
    lock_wait_seconds: how long the load waits for another process holding the
    DuckDB file before the run fails (default: settings [load] lock_wait_seconds).
    """
    cfg, selected = plan(db, archive, sources_file, sources, lock_wait_seconds)
    stats = RunStats(run_id=current_run_id(str(uuid.uuid4())), flow="ingest",
                     parameters={"sources": sources, "since": since, "max_pages": max_pages,
                                 "retry_failed": retry_failed, "runner": runner,
                                 "lock_wait_seconds": lock_wait_seconds})
    since_date = month_start(since) if since else None
    # The run's loads and its record share one taking of the writers' slot (taken at the first load).
    with keep_write_slot(cfg.db):
        with tasks_on(runner):
            discovered = [discover_pages.submit(src, cfg, since_date, max_pages) for src in selected]
            items = []
            for src, fut in zip(selected, discovered):
                for ref in fut.result():
                    items.append((ref.url, {"source": src.name, "default_area": src.default_area,
                                            "title_hint": ref.title, "published_hint": ref.published}))
            # Failed pages the listings (or discovery's own retry of them) did not bring back.
            names = [s.name for s in selected]
            seen = {url for url, _ in items}
            retries = [(url, m) for url, m in failed_items(cfg, names, retry_failed) if url not in seen]
            stats.pages_discovered = len(items)
            stats.retried_urls = failed_urls(cfg, names) & (seen | {url for url, _ in retries})
            stats.pages_retried = len(stats.retried_urls)
            report_progress("discovered", len(items) + len(retries))
            try:
                run_batches(items + retries, cfg, stats)
            except DatabaseBusy as e:
                finish_failed(stats, cfg, e)
        return finish(stats, cfg)
