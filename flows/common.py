"""What ingest and backfill share: planning a run, the batch pipeline, the run's record.

The pipeline streams: pages go through fetch → extract → parse in batches on the
task runner (threads, or Dask processes: flows/runners.py), at most WINDOW
batches in flight, and what they give is loaded in the flow's process every
LOAD_SIZE documents, so memory holds a few batches, never the whole crawl.
"""
from __future__ import annotations

import contextvars
import functools
import inspect
import json
import logging
import queue
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from itertools import chain, zip_longest
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

from prefect import Flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

from flows.runners import THREADS, extract_processes
from tasks.db import DatabaseBusy
from tasks.orchestrated import (
    Parsed, RunConfig, ensure_write_limit, extract_pages, fetch_pages, load_parsed, restore_pages, stored_hashes,
)
from tasks.settings import settings
from tasks.sources import Source, load_sources

BATCH_SIZE = 25          # pages per fetch and extract task
LOAD_SIZE = 100          # documents per load: one transaction, one opening of the DuckDB file
WINDOW = 2 * THREADS     # fetch/extract batches in flight at most


class KeywordParamsFlow(Flow):
    """A flow whose parameters may be Python keywords: `from` is the function's `from_`.

    Prefect reads a flow's parameters from its function's signature everywhere: the
    schema `prefect deploy` stores, the names `prefect deployment run -p` accepts, the
    call a worker's flow-run process makes. So the flow is given a function whose
    signature says `from` and which calls the real one with `from_`; Python callers
    may say either.
    """
    RENAMES = {"from": "from_"}

    def __init__(self, fn, *args, **kwargs):
        super().__init__(_outer_named(fn, self.RENAMES), *args, **kwargs)

    def __call__(self, *args, **kwargs):
        return super().__call__(*args, **_outer_keys(kwargs, self.RENAMES))


def _outer_keys(kwargs: dict, renames: dict[str, str]) -> dict:
    outer_of = {inner: outer for outer, inner in renames.items()}
    return {outer_of.get(k, k): v for k, v in kwargs.items()}


def _outer_named(fn: Callable, renames: dict[str, str]) -> Callable:
    """fn behind a signature with the outer names (`from`), calling fn with the inner ones (`from_`)."""
    outer_of = {inner: outer for outer, inner in renames.items()}
    signature = inspect.signature(fn, eval_str=True)
    params = []
    for p in signature.parameters.values():
        if p.name in outer_of:
            p = p.replace()
            p._name = outer_of[p.name]  # Parameter() refuses keywords as names; nothing downstream does
        params.append(p)
    outer = signature.replace(parameters=params)

    @functools.wraps(fn)
    def call(*args, **kwargs):
        bound = outer.bind(*args, **_outer_keys(kwargs, renames))
        return fn(**{renames.get(k, k): v for k, v in bound.arguments.items()})

    call.__signature__ = outer
    return call


# The CLI listens here to draw its progress bar; flows run by a worker have no listener.
progress_listeners: list[Callable[[str, int], None]] = []


def report_progress(what: str, n: int = 1) -> None:
    for listen in progress_listeners:
        listen(what, n)


@dataclass
class RunStats:
    """The row a run leaves in the `runs` table (and in its Prefect artifact)."""
    run_id: str
    flow: str
    parameters: dict
    started: datetime = field(default_factory=datetime.now)
    finished: datetime | None = None
    status: str = "running"
    pages_discovered: int = 0
    pages_fetched: int = 0
    pages_unchanged: int = 0
    pages_failed: int = 0
    pages_retried: int = 0        # pages that had failed in earlier runs, fetched again (in pages_fetched/failed)
    documents_parsed: int = 0
    records_loaded: int = 0
    quarantined: int = 0
    conflicts: int = 0
    message: str = ""

    # URLs this run retries because they failed before; counted apart, not stored.
    retried_urls: set = field(default_factory=set, repr=False)
    retried_recovered: int = 0

    def as_row(self) -> dict:
        row = asdict(self)
        row.pop("retried_urls")
        row.pop("retried_recovered")
        row["parameters"] = json.dumps(self.parameters, ensure_ascii=False, default=str)
        return row

    def add(self, other: "RunStats") -> None:
        """Add another (partial) run's page and record counts to this one's."""
        for name in ("pages_fetched", "pages_unchanged", "pages_failed", "pages_retried",
                     "documents_parsed", "records_loaded", "quarantined", "retried_recovered"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def note(self, text: str) -> None:
        self.message = f"{self.message}; {text}" if self.message else text


def plan(db: str | None, archive: str | None, sources_file: str | None,
         names: list[str] | None, lock_wait_seconds: float | None = None) -> tuple[RunConfig, list[Source]]:
    """The run's configuration and the sources it covers (all, or the named ones)."""
    s = settings()
    all_sources = load_sources(Path(sources_file) if sources_file else s.sources_file)
    if names:
        unknown = [n for n in names if n not in all_sources]
        if unknown:
            raise ValueError(f"unknown source(s) {', '.join(unknown)}; "
                             f"sources.toml has: {', '.join(sorted(all_sources))}")
        selected = [all_sources[n] for n in names]
    else:
        selected = list(all_sources.values())
    hosts = frozenset(h for src in all_sources.values() for h in src.hosts)
    delays = tuple(sorted({(h, src.min_delay) for src in all_sources.values() for h in src.hosts}))
    cfg = RunConfig(db=str(db or s.db), archive=str(archive or s.archive), fetch_settings=s.fetch,
                    allowed_hosts=hosts, min_delays=delays,
                    default_areas=tuple((n, src.default_area) for n, src in all_sources.items()),
                    lock_wait_seconds=(float(lock_wait_seconds) if lock_wait_seconds is not None
                                       else float(s.load.get("lock_wait_seconds", 60.0))))
    ensure_write_limit(cfg.db)
    return cfg, selected


def current_run_id(fallback: str) -> str:
    try:
        from prefect.runtime import flow_run
        return str(flow_run.id or fallback)
    except Exception:  # outside a flow run (plain calls in tests)
        return fallback


class Completions:
    """Submitted futures handed back as they finish.

    One done-callback per future, feeding a queue. (Prefect's as_completed, called
    again after each completion to refill the window, registers a callback on every
    pending future each time; those callbacks keep every finished future — and its
    result — reachable until the run ends.)
    """

    def __init__(self):
        self._done: queue.SimpleQueue = queue.SimpleQueue()
        self.pending = 0

    def add(self, future):
        self.pending += 1
        future.add_done_callback(self._done.put)
        return future

    def next(self):
        """The next finished future (waits for one)."""
        future = self._done.get()
        self.pending -= 1
        return future


def by_host(items: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """Items taken from each host in turn (order kept within a host), so every batch spans the hosts
    and its fetch overlaps their per-host delays instead of waiting on one host."""
    hosts: dict[str, list] = {}
    for item in items:
        hosts.setdefault((urlsplit(item[0]).hostname or "").lower(), []).append(item)
    if len(hosts) < 2:
        return list(items)
    return [item for item in chain.from_iterable(zip_longest(*hosts.values())) if item is not None]


def run_batches(items: Iterable[tuple[str, dict]], cfg: RunConfig, stats: RunStats,
                batch_size: int = BATCH_SIZE, load_size: int = LOAD_SIZE, window: int = WINDOW) -> None:
    """Fetch, extract, parse and load items — (url, what is known of it) — batch by batch.

    At most `window` batches are on the runner at once; a finished batch is
    dropped once its documents are handed to the loader. A page's attachments
    are fetched as a batch of their own and loaded with the page.
    """
    items = by_host(list(items))
    seen = {url for url, _ in items}
    batches = (items[i:i + batch_size] for i in range(0, len(items), batch_size))
    loader = Loader(cfg, stats, load_size)
    processes = extract_processes(len(items))
    in_flight: dict = {}   # extract future → (its fetch future, the parent batch's documents or None)
    completions = Completions()

    def submit(batch, parents=None) -> None:
        fetched = fetch_pages.submit(batch, cfg)
        in_flight[completions.add(extract_pages.submit(fetched, processes))] = (fetched, parents)

    def refill() -> None:
        for batch in batches:
            submit(batch)
            if len(in_flight) >= window:
                return

    refill()
    while in_flight:
        done = completions.next()
        fetch_future, parents = in_flight.pop(done)
        fetched = fetch_future.result()
        parsed, attachments = done.result()
        del done, fetch_future
        _count(stats, fetched)
        parsed = parsed + loader.restored(fetched)
        if parents is None:
            attachments = [(u, m) for u, m in attachments if u not in seen]
            if attachments:   # the pages wait for their attachments, to be loaded with them
                seen.update(u for u, _ in attachments)
                submit(attachments, parents=parsed)
                continue
        else:
            parsed = parents + parsed
        loader.add(parsed)
        refill()
    loader.flush()


UNCHANGED = ("not_modified", "unchanged")
FAILED = ("failed", "refused", "too_large", "robots_disallowed")


class Loader:
    """The run's writes: parsed documents gathered and loaded every `size` documents.

    It also knows which bodies the database holds — read once, at the first
    unchanged page, and kept up to date by its own loads — so unchanged pages
    cost no opening of the database unless their body is missing from it.
    """

    def __init__(self, cfg: RunConfig, stats: RunStats, size: int = LOAD_SIZE):
        self.cfg, self.stats, self.size = cfg, stats, size
        self.pending: list[Parsed] = []
        self._stored: dict[str, str] | None = None

    def restored(self, fetched) -> list[Parsed]:
        """Unchanged pages whose current body the database lacks, parsed from the archive."""
        from tasks.documents import doc_id_for

        unchanged = [f for f in fetched if f.result.outcome in UNCHANGED and f.result.content_sha256]
        if not unchanged:
            return []
        if self._stored is None:
            self._stored = stored_hashes(self.cfg)
        missing = [f for f in unchanged if self._stored.get(doc_id_for(f.result.url)) != f.result.content_sha256]
        if not missing:
            return []
        return restore_pages.submit(missing, self.cfg).result()

    def add(self, items: list[Parsed]) -> None:
        self.pending += items
        if len(self.pending) >= self.size:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            items, self.pending = self.pending, []
            load(items, self.cfg, self.stats)
            if self._stored is not None:
                self._stored.update((doc.doc_id, doc.content_sha256) for doc, _ in items)


def load(items: list[Parsed], cfg: RunConfig, stats: RunStats) -> None:
    """One load (one transaction) of parsed documents, counted in the run's stats."""
    if not items:
        return
    summary = load_parsed(cfg, items)
    stats.documents_parsed += len(items)
    stats.records_loaded += summary.observations
    stats.quarantined += summary.quarantined
    report_progress("loaded", len(items))


def _count(stats: RunStats, fetched) -> None:
    for f in fetched:
        outcome = f.result.outcome
        if outcome == "fetched":
            stats.pages_fetched += 1
        elif outcome in UNCHANGED:
            stats.pages_unchanged += 1
        else:
            stats.pages_failed += 1
        if f.result.url in stats.retried_urls and outcome not in FAILED:
            stats.retried_recovered += 1
        report_progress("fetched", 1)


def finish(stats: RunStats, cfg: RunConfig, status: str = "completed") -> dict:
    """Checks, the run's row in `runs`, and its markdown artifact.

    When another process holds the database (the reason a failed run stops),
    the row is kept in the archive's index and written by the next run that can
    write; the artifact and the flow's log say so.
    """
    from tasks.checks import run_checks
    from tasks.db import connect
    from tasks.load import record_run
    from tasks.orchestrated import writer_slot
    from tasks.partitions import PartitionStore

    stats.finished = datetime.now()
    stats.status = status
    if stats.pages_retried:
        stats.note(f"retried {stats.pages_retried} pages that failed before, "
                   f"{stats.retried_recovered} now fetched")
    with PartitionStore(cfg.archive) as store:
        pending = store.pending_runs(cfg.db)
        try:
            with writer_slot(cfg.db):
                con = connect(cfg.db, wait_seconds=cfg.lock_wait_seconds)
                try:
                    checks = run_checks(con)
                    stats.conflicts = next((c.rows for c in checks if c.name == "reconciliation"), 0)
                    failing = [c for c in checks if c.rows]
                    if failing:
                        stats.note("checks with rows: " + ", ".join(f"{c.name} ({c.rows})" for c in failing))
                    for row in pending:   # runs that could not write their row earlier
                        record_run(con, row)
                    record_run(con, stats.as_row())
                finally:
                    con.close()
            for row in pending:
                store.forget_pending_run(row["run_id"])
        except DatabaseBusy as e:
            stats.note(f"not yet in the runs table: the database was held by PID {e.pid}; "
                       f"the next run records this row")
            store.save_pending_run(cfg.db, stats.as_row())
    create_markdown_artifact(markdown=summary_markdown(stats), key=f"{stats.flow}-summary",
                             description=f"baocao {stats.flow} run summary")
    get_run_logger().info("%s", summary_markdown(stats))
    return stats.as_row()


def finish_failed(stats: RunStats, cfg: RunConfig, error: Exception) -> None:
    """Record a run stopped by error, then raise it, so the flow run ends Failed saying why.

    The exception carries the run's row (`run_row`) for the CLI's summary.
    """
    stats.note(f"stopped: {error}")
    error.run_row = finish(stats, cfg, status="failed")
    raise error


def in_threads(fn: Callable, items: list, max_workers: int) -> list:
    """fn(item) for every item, at most max_workers at a time, each thread in this flow run's context.

    Results in the items' order; an exception is returned in place of its result,
    so one failure does not hide the others.
    """
    def call(item):
        try:
            return fn(item)
        except Exception as e:   # reported by the caller, item by item
            return e

    with ThreadPoolExecutor(max_workers=max(1, max_workers), thread_name_prefix="baocao-partition") as pool:
        futures = [pool.submit(contextvars.copy_context().run, call, item) for item in items]
        return [f.result() for f in futures]


def summary_markdown(stats: RunStats) -> str:
    row = stats.as_row()
    lines = ["| field | value |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in row.items()]
    return f"# baocao {stats.flow}\n\n" + "\n".join(lines) + "\n"


def month_start(text: str) -> date:
    """'2023-01' or '2023-01-15' → the first day of that month."""
    parts = text.split("-")
    try:
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, 1)
    except (ValueError, IndexError):
        raise ValueError(f"{text!r} is not a month: write YYYY-MM, e.g. 2023-01") from None


def forward_stage_logs() -> None:
    """Send the stages' own log lines (logger `tasks`) to the Prefect run's log too.

    What PREFECT_LOGGING_EXTRA_LOGGERS does, done here because a worker's flow
    process configures logging before it imports this module. The line a user
    needs most — which PID holds the DuckDB file — is logged by tasks/db.py.
    """
    stage_logger = logging.getLogger("tasks")
    for handler in logging.getLogger("prefect.extra").handlers:
        if handler not in stage_logger.handlers:
            stage_logger.addHandler(handler)


forward_stage_logs()
log = logging.getLogger(__name__)
