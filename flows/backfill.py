"""The manual flow: reach back over a range of months, re-fetch given URLs, or re-parse the archive.

- a month range (`from`, `to`, as YYYY-MM): listings are walked back to `from`
  once, and the pages found are split into monthly partitions by their
  published date — one per source and month, keyed `backfill:SOURCE:YYYY-MM`;
  pages a listing gives no date form the source's `undated` partition. `mode`
  chooses which partitions run:
    - `all`: every partition of the range;
    - `missing`: the months the `coverage` view knows no month for, among the
      source's areas (its default area and the areas its loaded documents state
      figures for), plus the undated partition unless it completed before. A
      report published early in a month usually covers the month before, so the
      last month of a range tends to stay `missing` until next month's report;
      running it again costs conditional requests (304s);
    - `failed`: the partitions whose last attempt failed (a page did not fetch,
      or the load could not write).
  At most `max_partitions` partitions run at once, each on the task runner.
  Each partition's status, counts and attempts are kept in the archive's index
  (tasks/partitions.py); running one again updates its row and leaves the
  database as it was when nothing changed on the site. `dry_run` lists the
  partitions, what each would fetch and why it is chosen or not: it fetches the
  listings (discovery), nothing else, and writes nothing;
- `urls`: exactly those pages;
- `reparse`: every archived body and every locally added document is extracted
  and parsed again, with no network — what a parser upgrade needs.
"""
from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Literal

from prefect.task_runners import ThreadPoolTaskRunner

from flows.common import (
    WINDOW, Completions, KeywordParamsFlow, Loader, RunStats, current_run_id, finish, finish_failed, in_threads, month_start,
    plan, report_progress, run_batches,
)
from flows.runners import THREADS, extract_processes, tasks_on
from tasks.db import DatabaseBusy
from tasks.orchestrated import (
    RunConfig, discover_pages, keep_write_slot, local_document_ids, reparse_local, reparse_pages,
    stored_page_batches, stored_page_count,
)
from tasks.partitions import UNDATED, Partition, PartitionStore, known_months, months_between, partitions_for

Mode = Literal["all", "missing", "failed"]
MAX_PARTITIONS = 2
REPARSE_BATCH = 50       # archived pages per reparse task


def _month_end(d: date) -> date:
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def _backfill(
    from_: str | None = None,
    to: str | None = None,
    sources: list[str] | None = None,
    urls: list[str] | None = None,
    reparse: bool = False,
    mode: Mode = "all",
    dry_run: bool = False,
    max_partitions: int = MAX_PARTITIONS,
    db: str | None = None,
    sources_file: str | None = None,
    archive: str | None = None,
    max_pages: int | None = None,
    runner: str | None = None,
    lock_wait_seconds: float | None = None,
) -> dict:
    """Parameters as users pass them: from=2023-01 to=2023-06 [mode=missing] [sources=[...]],
    or urls=[...], or reparse=true.

    mode: all | missing | failed — which monthly partitions of the range run.
    max_partitions: how many partitions run at once.
    runner: threads (default), dask, dask:N or dask://HOST:PORT (flows/runners.py).
    lock_wait_seconds: how long a load waits for another process holding the
    DuckDB file before the run fails (default: settings [load]).
    """
    start = from_
    if mode not in ("all", "missing", "failed"):
        raise ValueError(f"mode={mode!r}: choose all, missing or failed")
    if max_partitions < 1:
        raise ValueError(f"max_partitions={max_partitions}: at least 1 partition must run at a time")
    cfg, selected = plan(db, archive, sources_file, sources, lock_wait_seconds)
    params = {"from": start, "to": to, "sources": sources, "urls": urls, "reparse": reparse, "mode": mode,
              "dry_run": dry_run, "max_partitions": max_partitions, "runner": runner,
              "lock_wait_seconds": lock_wait_seconds}
    stats = RunStats(run_id=current_run_id(str(uuid.uuid4())), flow="backfill", parameters=params)

    # The run's loads and its record share one taking of the writers' slot (taken at the first load).
    with keep_write_slot(cfg.db), tasks_on(runner):
        try:
            if reparse:
                _reparse(cfg, stats)
                return finish(stats, cfg)
            if urls:
                return _urls(urls, selected, cfg, stats, dry_run)
            if not start:
                raise ValueError("backfill needs from=YYYY-MM (and to=YYYY-MM), urls=[...], or reparse=true")
            return _range(start, to, mode, selected, cfg, stats, dry_run, max_partitions, max_pages)
        except DatabaseBusy as e:
            finish_failed(stats, cfg, e)


def _reparse(cfg: RunConfig, stats: RunStats) -> None:
    """Every archived page and every local document extracted and parsed again, loaded as batches come.

    Archived pages go to the runner REPARSE_BATCH at a time, at most WINDOW
    batches in flight; local documents are read from the database as many at a time.
    """
    batches = stored_page_batches(cfg, REPARSE_BATCH)
    loader = Loader(cfg, stats)
    processes = extract_processes(stored_page_count(cfg))
    completions = Completions()
    for batch in batches:
        completions.add(reparse_pages.submit(batch, cfg, processes))
        while completions.pending >= WINDOW:
            loader.add(completions.next().result())
    while completions.pending:
        loader.add(completions.next().result())
    local = local_document_ids(cfg)
    for i in range(0, len(local), REPARSE_BATCH):
        loader.add(reparse_local(cfg, local[i:i + REPARSE_BATCH]))
    loader.flush()


def _urls(urls: list[str], selected, cfg: RunConfig, stats: RunStats, dry_run: bool) -> dict:
    by_host = {h: src for src in selected for h in src.hosts}
    items = []
    for url in urls:
        src = next((s for h, s in by_host.items() if f"//{h}" in url), None)
        items.append((url, {"source": src.name if src else None,
                            "default_area": src.default_area if src else None}))
    stats.pages_discovered = len(items)
    report_progress("discovered", len(items))
    if dry_run:
        stats.status = "dry run"
        stats.message = f"dry run: would fetch {len(items)} pages"
        return stats.as_row() | {"would_fetch": [url for url, _ in items]}
    run_batches(items, cfg, stats)
    return finish(stats, cfg)


def _range(start: str, to: str | None, mode: str, selected, cfg: RunConfig, stats: RunStats, dry_run: bool,
           max_partitions: int, max_pages: int | None) -> dict:
    lo = month_start(start)
    last = month_start(to) if to else month_start(date.today().isoformat())
    if last < lo:
        raise ValueError(f"to={to} is before from={start}: the range runs forward, e.g. from=2023-01 to=2023-06")
    hi = _month_end(last)
    # Discovery once for the whole range; its pages are then bucketed by month.
    futures = [discover_pages.submit(src, cfg, lo, max_pages) for src in selected]
    found = {src.name: [ref for ref in fut.result()
                        if ref.published is None or lo <= ref.published < hi]
             for src, fut in zip(selected, futures)}
    partitions = partitions_for(found, months_between(lo, last))
    by_name = {src.name: src for src in selected}

    with PartitionStore(cfg.archive) as store:
        before = store.statuses(partitions)
        reasons = _chosen(mode, partitions, before, by_name, cfg)
        chosen = [p for key, p in partitions.items() if reasons[key][0]]
        stats.pages_discovered = sum(len(p.pages) for p in chosen)
        if dry_run:
            return _dry_run_row(stats, partitions, before, reasons)
        report_progress("discovered", stats.pages_discovered)
        # Empty partitions are settled here; the others run at most max_partitions at a time.
        busy = [p for p in chosen if p.pages]
        for p in chosen:
            if not p.pages and store.claim(p, stats.run_id) is None:
                store.finish(p.key, stats.run_id, status="completed", message="no pages published")
        outcomes = in_threads(lambda p: _run_partition(p, cfg, stats.run_id, store), busy, max_partitions)
        listing = _listing(partitions, before, reasons, after=store.statuses(partitions))

    failed, skipped, busy_error = [], [], None
    for p, outcome in zip(busy, outcomes):
        if isinstance(outcome, DatabaseBusy):
            busy_error = busy_error or outcome
            failed.append(p.key)
        elif isinstance(outcome, Exception):
            failed.append(p.key)
            stats.note(f"{p.key} failed: {outcome}")
        elif isinstance(outcome, str):
            skipped.append(p.key)
            stats.note(f"{p.key} skipped: {outcome}")
        else:
            stats.add(outcome)
            if outcome.pages_failed:
                failed.append(p.key)
    stats.note(f"mode {mode}: {len(chosen)} of {len(partitions)} partitions chosen, "
               f"{len(chosen) - len(failed) - len(skipped)} completed")
    if failed:
        stats.note(f"failed partitions: {', '.join(failed)} — run again with mode=failed")
    if busy_error is not None:
        finish_failed(stats, cfg, busy_error)
    return finish(stats, cfg, status="completed" if not failed else "partial") | {"partitions": listing}


def _chosen(mode: str, partitions: dict[str, Partition], before: dict[str, str], by_name,
            cfg: RunConfig) -> dict[str, tuple[bool, str]]:
    """For each partition: whether the mode runs it, and why (in words)."""
    known: dict[str, set[str]] = {}
    if mode == "missing":
        known = _known_months(cfg, by_name)
    out = {}
    for key, p in partitions.items():
        status = before.get(key)
        if mode == "all":
            out[key] = (True, "mode all")
        elif mode == "failed":
            out[key] = (status == "failed", f"last attempt {status}" if status else "never run")
        elif p.month == UNDATED:
            out[key] = (status != "completed", "undated pages, " + (f"last attempt {status}" if status
                                                                   else "never run"))
        elif p.month in known.get(p.source, set()):
            out[key] = (False, "coverage knows this month")
        else:
            out[key] = (True, "coverage knows no figure for this month")
    return out


def _known_months(cfg: RunConfig, by_name) -> dict[str, set[str]]:
    from tasks.db import connect
    from tasks.orchestrated import writer_slot

    if not Path(cfg.db).exists():   # nothing loaded yet: no month is known (and a dry run creates no file)
        return {}
    # Read-write and inside the writers' slot: a read-only open would fail while this very
    # process (another flow run in it) holds the file read-write.
    with writer_slot(cfg.db):
        con = connect(cfg.db, wait_seconds=cfg.lock_wait_seconds)
        try:
            return {name: known_months(con, name, src.default_area) for name, src in by_name.items()}
        finally:
            con.close()


def _run_partition(p: Partition, cfg: RunConfig, run_id: str, store: PartitionStore) -> RunStats | str:
    """Fetch, extract and load one partition's pages; its stats, or why another run has it."""
    from prefect import tags

    refused = store.claim(p, run_id)
    if refused:
        return refused
    part = RunStats(run_id=run_id, flow="backfill", parameters={"partition": p.key})
    items = [(ref.url, {"source": p.source, "default_area": _default_area(cfg, p.source),
                        "title_hint": ref.title, "published_hint": ref.published}) for ref in p.pages]
    try:
        with tags(p.key):   # every task run of the partition carries its key
            run_batches(items, cfg, part)
    except Exception as e:
        store.finish(p.key, run_id, status="failed", pages_fetched=part.pages_fetched,
                     pages_unchanged=part.pages_unchanged, pages_failed=part.pages_failed,
                     records_loaded=part.records_loaded, message=str(e))
        raise
    store.finish(p.key, run_id, status="failed" if part.pages_failed else "completed",
                 pages_fetched=part.pages_fetched, pages_unchanged=part.pages_unchanged,
                 pages_failed=part.pages_failed, records_loaded=part.records_loaded,
                 message=f"{part.pages_failed} pages failed to fetch" if part.pages_failed else "")
    return part


def _default_area(cfg: RunConfig, source: str) -> str | None:
    return dict(cfg.default_areas).get(source)


def _listing(partitions: dict[str, Partition], before: dict[str, str], reasons: dict[str, tuple[bool, str]],
             after: dict[str, str] | None = None) -> dict[str, dict]:
    """Each partition: its source and month, whether it was chosen and why, its pages' URLs, its status."""
    return {key: {"source": p.source, "month": p.month, "chosen": reasons[key][0], "why": reasons[key][1],
                  "last_status": before.get(key), "status": (after or before).get(key),
                  "pages": [ref.url for ref in p.pages]}
            for key, p in partitions.items()}


def _dry_run_row(stats: RunStats, partitions: dict[str, Partition], before: dict[str, str],
                 reasons: dict[str, tuple[bool, str]]) -> dict:
    listing = _listing(partitions, before, reasons)
    would = [url for info in listing.values() if info["chosen"] for url in info["pages"]]
    chosen = sum(info["chosen"] for info in listing.values())
    stats.status = "dry run"
    stats.message = (f"dry run: {chosen} of {len(listing)} partitions chosen, would fetch {len(would)} pages "
                     f"(listings were fetched to find them; nothing else was)")
    return stats.as_row() | {"partitions": listing, "would_fetch": would}


# Users (and `prefect deployment run -p from=2023-01`) say `from`; Python cannot name a parameter so.
backfill = KeywordParamsFlow(fn=_backfill, name="backfill",
                             task_runner=ThreadPoolTaskRunner(max_workers=THREADS), log_prints=True)
