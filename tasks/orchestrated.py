"""Prefect tasks: thin wrappers over the plain stage functions.

This is the only module of tasks/ that imports Prefect; the CLI's quick paths
(parse, add, query, chart) never import it. Tasks are coarse — one per source
or per batch of pages — because Prefect records every task run.
"""
from __future__ import annotations

import hashlib
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.archive import Archive
from tasks.discover import PageRef, discover
from tasks.documents import Document, document_for_page
from tasks.extract import extracted_from_body
from tasks.fetch import Fetcher, FetchResult
from tasks.observe import parsed
from tasks.sources import Source

EXTRACT_VERSION = "1"   # bump when extraction changes, so cached texts are not reused


@dataclass(frozen=True)
class RunConfig:
    """What every task of one run needs; plain data so it pickles to other processes."""
    db: str
    archive: str
    fetch_settings: dict = field(hash=False)
    allowed_hosts: frozenset[str] = frozenset()
    min_delays: tuple[tuple[str, float], ...] = ()
    default_areas: tuple[tuple[str, str | None], ...] = ()   # source name → its own area
    # How long a load waits for another process holding the DuckDB file (None: settings [load]).
    lock_wait_seconds: float | None = None


@dataclass
class Fetched:
    """A fetch outcome with what the listing said about the page."""
    result: FetchResult
    source: str
    default_area: str | None
    title_hint: str | None = None
    published_hint: date | None = None
    parent_doc_id: str | None = None


_fetchers: dict[RunConfig, Fetcher] = {}
_fetchers_lock = threading.Lock()


def fetcher_for(cfg: RunConfig) -> Fetcher:
    """One Fetcher per run configuration and process, so per-host delays hold across batches."""
    with _fetchers_lock:
        if cfg not in _fetchers:
            _fetchers[cfg] = Fetcher(
                cfg.fetch_settings,
                allowed_hosts=cfg.allowed_hosts,
                archive=Archive(Path(cfg.archive)),
                min_delay=dict(cfg.min_delays) or None,
            )
        return _fetchers[cfg]


@task(name="discover", retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)
def discover_pages(source: Source, cfg: RunConfig, since: date | None = None,
                   max_pages: int | None = None) -> list[PageRef]:
    return discover(source, fetcher_for(cfg), since=since, max_pages=max_pages)


@task(name="fetch", retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def fetch_pages(items: list[tuple[str, dict]], cfg: RunConfig) -> list[Fetched]:
    """Fetch a batch of URLs; each item is (url, what is known of it: source, hints, parent)."""
    meta = dict(items)
    groups: dict[tuple, list[str]] = {}
    for url, m in items:   # the archive records each page's source and parent page
        groups.setdefault((m.get("source"), m.get("parent_url")), []).append(url)
    out = []
    fetcher = fetcher_for(cfg)
    for (source, parent_url), urls in groups.items():
        for result in fetcher.fetch_many(urls, source=source, parent_url=parent_url):
            m = {k: v for k, v in meta.get(result.url, {}).items() if k != "parent_url"}
            out.append(Fetched(result=result, **m))
    return out


def _extract_cache_key(context, parameters) -> str:
    # The URL is part of the key: the same body under two URLs is two documents' worth of ids.
    # Only bodies that need extracting count: a 304 carries the old hash but nothing to extract.
    pairs = [f"{f.result.url}={f.result.content_sha256}" for f in parameters["fetched"]
             if f.result.outcome == "fetched"]
    return "extract-" + EXTRACT_VERSION + "-" + hashlib.sha256("|".join(pairs).encode()).hexdigest()


@task(name="extract", cache_key_fn=_extract_cache_key, persist_result=True)
def extract_pages(fetched: list[Fetched]) -> tuple[list[Document], list[tuple[str, dict]]]:
    """Documents from the fetched bodies, and the attachments they link to (to fetch next)."""
    docs, attachments = [], []
    for f in fetched:
        r = f.result
        if r.outcome != "fetched" or r.body is None:
            continue
        extracted = extracted_from_body(r.body, content_type=r.content_type, url=r.final_url or r.url)
        doc = document_for_page(
            url=r.url, body_sha256=r.content_sha256, fetched_at=r.fetched_at, extracted=extracted,
            source=f.source, parent_doc_id=f.parent_doc_id, content_type=r.content_type,
            default_area=f.default_area, title_hint=f.title_hint, published_hint=f.published_hint,
        )
        docs.append(doc)
        for link in extracted.attachments:
            attachments.append((link, {
                "source": f.source, "default_area": f.default_area, "parent_doc_id": doc.doc_id,
                "parent_url": r.url, "title_hint": doc.title, "published_hint": doc.published,
            }))
    return docs, attachments


def _retry_unless_busy(task, task_run, state) -> bool:
    # A busy database was already waited for (cfg.lock_wait_seconds); waiting again
    # would only double the bound the user set. Other errors get their one retry.
    from tasks.db import DatabaseBusy

    return not isinstance(state.result(raise_on_failure=False), DatabaseBusy)


@task(name="load", retries=1, retry_delay_seconds=5, cache_policy=NO_CACHE,
      retry_condition_fn=_retry_unless_busy)
def load_parsed(cfg: RunConfig, docs: list[Document], unchanged: list[Fetched] = ()):
    """The single writer: holds the database's global concurrency slot while it writes.

    It runs in the flow's own process, never on a Dask worker: DuckDB lets one
    process hold the file read-write, and the slot serialises the flow runs that
    write it. When another process (a user's DuckDB session) holds the file, the
    open waits up to cfg.lock_wait_seconds with backoff, logging the holder's PID,
    then raises DatabaseBusy; each batch is one transaction, so what is written is
    whole batches only, and the pages of a batch that could not be written are in
    the archive, loaded by the next run (documents_not_loaded).

    Besides the new documents it loads the unchanged pages whose current body is
    not in the database — fetched by a run that died before its load, or kept
    while the database was deleted — from the archive, so 304s never hide them.
    Returns (load summary, documents parsed).
    """
    from tasks.db import connect
    from tasks.load import load_documents

    with writer_slot(cfg.db):
        con = connect(cfg.db, wait_seconds=cfg.lock_wait_seconds)
        try:
            docs = list(docs) + documents_not_loaded(con, cfg, unchanged)
            items = parsed(skip_syndicated(con, docs))
            return load_documents(con, items), len(items)
        finally:
            con.close()


def _stored_shas(con, doc_ids: list[str]) -> dict[str, str]:
    if not doc_ids:
        return {}
    rows = con.execute("SELECT doc_id, content_sha256 FROM documents WHERE doc_id IN (SELECT unnest(?))",
                       [doc_ids]).fetchall()
    return dict(rows)


def documents_not_loaded(con, cfg: RunConfig, unchanged) -> list[Document]:
    """Unchanged pages whose body the database does not hold, re-extracted from the archive."""
    from tasks.documents import doc_id_for

    wanted = {doc_id_for(f.result.url): f for f in unchanged if f.result.content_sha256}
    stored = _stored_shas(con, list(wanted))
    missing = [f for d, f in wanted.items() if stored.get(d) != f.result.content_sha256]
    if not missing:
        return []
    archive = fetcher_for(cfg).archive
    docs = []
    for f in missing:
        r = f.result
        body = archive.body(r.content_sha256)
        extracted = extracted_from_body(body, content_type=r.content_type, url=r.final_url or r.url)
        docs.append(document_for_page(
            url=r.url, body_sha256=r.content_sha256, fetched_at=r.fetched_at, extracted=extracted,
            source=f.source, parent_doc_id=f.parent_doc_id, content_type=r.content_type,
            default_area=f.default_area, title_hint=f.title_hint, published_hint=f.published_hint))
    return docs


def skip_syndicated(con, docs: list[Document]) -> list[Document]:
    """The same report under a second URL: kept as a document, its figures counted once.

    A body whose hash another document (another URL) already holds is marked
    `duplicate` and loses its text, so it states no observations of its own.
    """
    shas = sorted({d.content_sha256 for d in docs if d.content_sha256})
    holders = dict(con.execute(
        "SELECT content_sha256, min(doc_id) FROM documents WHERE content_sha256 IN (SELECT unnest(?)) "
        "AND status <> 'duplicate' GROUP BY content_sha256", [shas]).fetchall()) if shas else {}
    out = []
    for d in docs:
        holder = holders.setdefault(d.content_sha256, d.doc_id)
        if holder != d.doc_id and d.status == "ok":
            d.status, d.text, d.message = "duplicate", "", f"same content as document {holder}"
        out.append(d)
    return out


def failed_urls(cfg: RunConfig, sources: list[str]) -> set[str]:
    """URLs of these sources whose latest fetch failed."""
    with Archive(Path(cfg.archive)) as archive:
        return {url for name in sources for url in archive.failed_urls(name)}


def failed_items(cfg: RunConfig, sources: list[str], limit: int) -> list[tuple[str, dict]]:
    """Up to `limit` pages of these sources whose latest fetch failed, as run items (url, hints).

    The fewest failures in a row first, so a page that failed once is retried
    before one that keeps failing; a page that failed [fetch] retry_failed_runs
    runs in a row is given up (it stays in the archive's failed_urls, and
    `backfill urls=[...]` fetches it by hand).
    """
    if limit <= 0:
        return []
    from tasks.documents import doc_id_for

    give_up = int(cfg.fetch_settings.get("retry_failed_runs", 5))
    areas = dict(cfg.default_areas)
    # The archive itself, not fetcher_for(cfg): the fetching happens on the task runner.
    with Archive(Path(cfg.archive)) as archive:
        states = [archive.state(url) for name in sources for url in archive.failed_urls(name)]
        states = sorted((s for s in states if s and s.failures < give_up), key=lambda s: (s.failures, s.url))
        states = states[:limit]
        reports = _report_urls(archive) if any(s.parent_url for s in states) else set()
    items = []
    for s in states:
        meta = {"source": s.source, "default_area": areas.get(s.source), "title_hint": s.title,
                "published_hint": s.published}
        if s.parent_url:
            meta["parent_url"] = s.parent_url
            if s.parent_url in reports:   # an attachment of a report, as extraction links it
                meta["parent_doc_id"] = doc_id_for(s.parent_url)
        items.append((s.url, meta))
    return items


def _report_urls(archive: Archive) -> set[str]:
    """URLs of the archived pages that are documents: a page found on a listing has the listing as
    parent_url, but only an attachment's parent is a document (the report that links it)."""
    return {page.url for page in archive.report_pages()}


def ensure_write_limit(db: str) -> str:
    """Create the database's one-slot global concurrency limit if Prefect does not have it yet."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate
    from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound

    name = write_limit_name(db)
    with get_client(sync_client=True) as client:
        try:
            client.read_global_concurrency_limit_by_name(name)
        except ObjectNotFound:
            try:
                client.create_global_concurrency_limit(GlobalConcurrencyLimitCreate(name=name, limit=1))
            except ObjectAlreadyExists:   # another flow created it a moment ago
                pass
    return name


_local_writers: dict[str, threading.Lock] = {}


@contextmanager
def writer_slot(db: str):
    """The right to write this DuckDB file: first among this process's threads, then among all flow runs.

    The process-local lock queues this process's writers (partitions of one
    backfill, two flows run side by side) without asking the server; the Prefect
    global concurrency limit then serialises processes. Asked by several threads
    at once, the server would answer each with a Retry-After of seconds.
    """
    from prefect.concurrency.sync import concurrency

    name = write_limit_name(db)
    with _fetchers_lock:
        lock = _local_writers.setdefault(name, threading.Lock())
    with lock, concurrency(name, occupy=1, strict=False):
        yield


def write_limit_name(db: str) -> str:
    """The Prefect global concurrency limit serialising writers of one DuckDB file."""
    digest = hashlib.sha256(str(Path(db).resolve()).encode()).hexdigest()[:12]
    return f"duckdb-write-{digest}"


def now() -> datetime:
    return datetime.now()


@task(name="reparse-stored", cache_policy=NO_CACHE)
def reparse_stored(cfg: RunConfig) -> list[Document]:
    """Every archived report page re-extracted from its stored body, and every local document's text.

    No network. Listings, feeds and sitemaps are in the archive too, but are no documents.
    """
    from tasks.db import connect
    from tasks.documents import doc_id_for
    from tasks.load import stored_documents

    areas = dict(cfg.default_areas)
    docs: list[Document] = []
    with Archive(Path(cfg.archive)) as archive:
        pages = archive.report_pages()
        reports = {page.url for page in pages}
        for page in pages:
            if not page.content_sha256:
                continue
            body = archive.body(page.content_sha256)
            extracted = extracted_from_body(body, content_type=page.content_type, url=page.url)
            docs.append(document_for_page(
                url=page.url, body_sha256=page.content_sha256, fetched_at=page.fetched_at,
                extracted=extracted, source=page.source, content_type=page.content_type,
                # Only an attachment's parent is a document; a report's parent_url is its listing.
                parent_doc_id=doc_id_for(page.parent_url) if page.parent_url in reports else None,
                default_area=areas.get(page.source), title_hint=page.title, published_hint=page.published,
            ))
    with writer_slot(cfg.db):   # read-write: this process may be writing the file in another flow run
        con = connect(cfg.db, wait_seconds=cfg.lock_wait_seconds)
        try:
            docs += [d for d in stored_documents(con) if d.source == "local"]
        finally:
            con.close()
    return docs
