"""Prefect tasks: thin wrappers over the plain stage functions.

This is the only module of tasks/ that imports Prefect; the CLI's quick paths
(parse, add, query, chart) never import it. Tasks are coarse — one per source
or per batch of pages — because Prefect records every task run.
"""
from __future__ import annotations

import contextvars
import hashlib
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks import extract_pool
from tasks.archive import Archive, PageState
from tasks.discover import PageRef, discover
from tasks.documents import Document
from tasks.fetch import Fetcher, FetchResult
from tasks.observe import observations_for
from tasks.parse import PARSER_VERSION
from tasks.parse.record import Record
from tasks.sources import Source

EXTRACT_VERSION = "2"   # bump when extraction changes, so cached results are not reused

# A document and the records its text states: what the extract task hands the load.
Parsed = tuple[Document, list[Record]]

log = logging.getLogger(__name__)


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
    fetcher = fetcher_for(cfg)

    def fetch_group(group) -> list[FetchResult]:
        (source, parent_url), urls = group
        return list(fetcher.fetch_many(urls, source=source, parent_url=parent_url))

    # The batch mixes hosts (flows/common interleaves them), hence sources: their groups
    # are fetched side by side, so the hosts' per-host delays overlap.
    if len(groups) == 1:
        results = [fetch_group(next(iter(groups.items())))]
    else:
        with ThreadPoolExecutor(max_workers=min(len(groups), 8), thread_name_prefix="fetch-group") as pool:
            results = list(pool.map(fetch_group, groups.items()))
    out = []
    for group in results:
        for result in group:
            m = {k: v for k, v in meta.get(result.url, {}).items() if k != "parent_url"}
            out.append(Fetched(result=result, **m))
    return out


def _extract_cache_key(context, parameters) -> str:
    # The URL is part of the key: the same body under two URLs is two documents' worth of ids.
    # Only bodies that need extracting count: a 304 carries the old hash but nothing to extract.
    # The records are part of the result, so the parser's version is part of the key.
    pairs = [f"{f.result.url}={f.result.content_sha256}" for f in parameters["fetched"]
             if f.result.outcome == "fetched"]
    return (f"extract-{EXTRACT_VERSION}-{PARSER_VERSION}-"
            + hashlib.sha256("|".join(pairs).encode()).hexdigest())


def _page(f: Fetched, body: bytes) -> extract_pool.Page:
    r = f.result
    return extract_pool.page(body, content_type=r.content_type, url=r.url, final_url=r.final_url,
                             content_sha256=r.content_sha256, fetched_at=r.fetched_at, source=f.source,
                             parent_doc_id=f.parent_doc_id, default_area=f.default_area,
                             title_hint=f.title_hint, published_hint=f.published_hint)


# Kept on disk, not in memory: the run's result store would otherwise hold every batch's
# documents (up to 1,000 results) until the run ends.
@task(name="extract", cache_key_fn=_extract_cache_key, persist_result=True, cache_result_in_memory=False)
def extract_pages(fetched: list[Fetched], processes: int = 0) -> tuple[list[Parsed], list[tuple[str, dict]]]:
    """Documents from the fetched bodies, parsed, and the attachments they link to (to fetch next).

    Parsing happens here, on the task runner, so the load (the single writer)
    only writes. processes > 0: in that many worker processes (tasks/extract_pool.py).
    """
    todo = [f for f in fetched if f.result.outcome == "fetched" and f.result.body is not None]
    results = extract_pool.parsed([_page(f, f.result.body) for f in todo], processes)
    items, attachments = [], []
    for f, (doc, records, links) in zip(todo, results):
        items.append((doc, records))
        for link in links:
            attachments.append((link, {
                "source": f.source, "default_area": f.default_area, "parent_doc_id": doc.doc_id,
                "parent_url": f.result.url, "title_hint": doc.title, "published_hint": doc.published,
            }))
    return items, attachments


@task(name="restore", cache_policy=NO_CACHE)
def restore_pages(unchanged: list[Fetched], cfg: RunConfig) -> list[Parsed]:
    """Unchanged pages whose body the database lacks, extracted and parsed from the archive.

    Pages fetched by a run that died before its load, or kept while the database
    was deleted: their 304 (or same hash) must not hide them.
    """
    with Archive(Path(cfg.archive)) as archive:
        pages = [_page(f, archive.body(f.result.content_sha256)) for f in unchanged]
    return [(doc, records) for doc, records, _ in extract_pool.parse_pages(pages)]


def _retry_unless_busy(task, task_run, state) -> bool:
    # A busy database was already waited for (cfg.lock_wait_seconds); waiting again
    # would only double the bound the user set. Other errors get their one retry.
    from tasks.db import DatabaseBusy

    return not isinstance(state.result(raise_on_failure=False), DatabaseBusy)


@task(name="load", retries=1, retry_delay_seconds=5, cache_policy=NO_CACHE,
      retry_condition_fn=_retry_unless_busy)
def load_parsed(cfg: RunConfig, items: list[Parsed]):
    """The single writer: parsed documents into DuckDB, one transaction.

    It runs in the flow's own process, never on a Dask worker: DuckDB lets one
    process hold the file read-write, and the write slot (writer_slot) serialises
    this process's writers and the flow runs that write the file. The connection
    is opened for this load and closed after it, so between loads other programs
    may open the file. When another process (a user's DuckDB session) holds the
    file, the open waits up to cfg.lock_wait_seconds with backoff, logging the
    holder's PID, then raises DatabaseBusy; each load is one transaction, so
    what is written is whole loads only, and the pages of a load that could not
    be written are in the archive, loaded by the next run (restore_pages).
    Returns the load summary.
    """
    from tasks.db import connect
    from tasks.load import load_documents

    with writer_slot(cfg.db):
        con = connect(cfg.db, wait_seconds=cfg.lock_wait_seconds)
        try:
            return load_documents(con, skip_syndicated(con, items))
        finally:
            con.close()


def stored_hashes(cfg: RunConfig) -> dict[str, str]:
    """doc_id → content_sha256 of every document the database holds: read once per run,
    so unchanged pages are checked against it without opening the database again."""
    return dict(_read(cfg, "SELECT doc_id, content_sha256 FROM documents"))


def skip_syndicated(con, items: list[Parsed]) -> list[Parsed]:
    """The same report under a second URL: kept as a document, its figures counted once.

    A body whose hash another document (another URL) already holds is marked
    `duplicate` and loses its text and records, so it states no observations of its own.
    """
    shas = sorted({d.content_sha256 for d, _ in items if d.content_sha256})
    holders = dict(con.execute(
        "SELECT content_sha256, min(doc_id) FROM documents WHERE content_sha256 IN (SELECT unnest(?)) "
        "AND status <> 'duplicate' GROUP BY content_sha256", [shas]).fetchall()) if shas else {}
    out = []
    for d, records in items:
        holder = holders.setdefault(d.content_sha256, d.doc_id)
        if holder != d.doc_id and d.status == "ok":
            d.status, d.text, d.message = "duplicate", "", f"same content as document {holder}"
            records = []
        out.append((d, records))
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
        # A page found on a listing has the listing as parent_url; only an attachment's parent is a
        # document (the report that links it).
        reports = archive.are_report_pages(s.parent_url for s in states)
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


class _WriteSlot:
    """This process's right to write one DuckDB file.

    `lock` queues this process's writers (partitions of one backfill, two flows
    run side by side) without asking the server. The Prefect global concurrency
    slot serialises processes; taking it costs a second or more of round trips
    with the server, so the process takes it at its first write and keeps it
    while any of its runs is still writing (`keep_write_slot`), letting it go
    when the last such run ends. A thread of its own enters and leaves Prefect's
    `concurrency` block (whose lease it renews), since the runs that share the
    slot begin and end on different threads.
    """

    def __init__(self, name: str):
        self.name = name
        self.lock = threading.Lock()
        self.keepers = 0
        self._release: threading.Event | None = None
        self._holder: threading.Thread | None = None

    @property
    def held(self) -> bool:
        return self._holder is not None

    def take(self) -> None:
        """Hold the Prefect slot (waiting for it as long as another process has it). Call with `lock` held."""
        from prefect.concurrency.sync import concurrency

        if self._holder is not None:
            return
        acquired, release, failure = threading.Event(), threading.Event(), []

        def hold() -> None:
            try:
                with concurrency(self.name, occupy=1, strict=False):
                    acquired.set()
                    release.wait()
            except BaseException as e:  # noqa: BLE001 - handed to the writer waiting below, or logged
                if acquired.is_set():
                    log.warning("letting go of the write slot %s failed: %s", self.name, e)
                failure.append(e)
            finally:
                acquired.set()

        holder = threading.Thread(target=contextvars.copy_context().run, args=(hold,),
                                  name=f"baocao-{self.name}", daemon=True)
        holder.start()
        try:
            acquired.wait()
        except BaseException:   # interrupted: the holder lets go as soon as it has the slot
            release.set()
            raise
        if failure:
            holder.join()
            raise failure[0]
        self._holder, self._release = holder, release

    def let_go(self) -> None:
        """Give the Prefect slot back. Call with `lock` held."""
        if self._holder is None:
            return
        self._release.set()
        self._holder.join(timeout=60)
        self._holder = self._release = None


_write_slots: dict[str, _WriteSlot] = {}


def _write_slot(db: str) -> _WriteSlot:
    name = write_limit_name(db)
    with _fetchers_lock:
        return _write_slots.setdefault(name, _WriteSlot(name))


@contextmanager
def writer_slot(db: str):
    """The right to write this DuckDB file: first among this process's threads, then among all flow runs.

    Outside `keep_write_slot` the Prefect slot is taken and given back around
    this one write; inside, it stays with the process until the run ends.
    """
    slot = _write_slot(db)
    with slot.lock:
        slot.take()
        try:
            yield
        finally:
            if not slot.keepers:
                slot.let_go()


@contextmanager
def keep_write_slot(db: str):
    """Around a run: its writes keep the Prefect slot between them, taken at the first write.

    Other processes' runs of the same file wait for it until the run (and every
    other run of this process that keeps it) has ended. Between writes the DuckDB
    file itself is closed, so other programs can open it.
    """
    slot = _write_slot(db)
    with _fetchers_lock:
        slot.keepers += 1
    try:
        yield
    finally:
        with _fetchers_lock:
            slot.keepers -= 1
        with slot.lock:
            if not slot.keepers:
                slot.let_go()


def write_limit_name(db: str) -> str:
    """The Prefect global concurrency limit serialising writers of one DuckDB file."""
    digest = hashlib.sha256(str(Path(db).resolve()).encode()).hexdigest()[:12]
    return f"duckdb-write-{digest}"


def now() -> datetime:
    return datetime.now()


def stored_pages(cfg: RunConfig) -> list[tuple[PageState, str | None]]:
    """Every archived report page with a body, and the document it hangs from (an attachment's report)."""
    return [item for batch in stored_page_batches(cfg) for item in batch]


def stored_page_batches(cfg: RunConfig, size: int = 50):
    """The archived report pages with a body, `size` at a time, each with the document it hangs from.

    Listings, feeds and sitemaps are in the archive too, but are no documents. Only
    what the archive's index says (no bodies), read batch by batch, so a backfill
    --reparse of a large archive holds the rows of the batches in flight only.
    """
    from tasks.documents import doc_id_for

    with Archive(Path(cfg.archive)) as archive:
        for pages in archive.report_page_batches(size):
            # Only an attachment's parent is a document; a report's parent_url is its listing.
            reports = archive.are_report_pages(page.parent_url for page in pages)
            yield [(page, doc_id_for(page.parent_url) if page.parent_url in reports else None) for page in pages]


def stored_page_count(cfg: RunConfig) -> int:
    with Archive(Path(cfg.archive)) as archive:
        return archive.report_page_count()


@task(name="reparse-stored", cache_policy=NO_CACHE)
def reparse_pages(pages: list[tuple[PageState, str | None]], cfg: RunConfig, processes: int = 0) -> list[Parsed]:
    """A batch of archived pages (stored_pages) re-extracted from their stored bodies and parsed. No network.

    processes > 0: in that many worker processes (tasks/extract_pool.py).
    """
    areas = dict(cfg.default_areas)
    with Archive(Path(cfg.archive)) as archive:
        todo = [extract_pool.page(archive.body(page.content_sha256), content_type=page.content_type,
                                  url=page.url, final_url=None, content_sha256=page.content_sha256,
                                  fetched_at=page.fetched_at, source=page.source, parent_doc_id=parent_doc_id,
                                  default_area=areas.get(page.source), title_hint=page.title,
                                  published_hint=page.published)
                for page, parent_doc_id in pages]
    return [(doc, records) for doc, records, _ in extract_pool.parsed(todo, processes)]


def local_document_ids(cfg: RunConfig) -> list[str]:
    """doc_ids of the locally added documents (`baocao add`): their text is kept in the database."""
    return [d for d, in _read(cfg, "SELECT doc_id FROM documents WHERE source = 'local' ORDER BY doc_id")]


def reparse_local(cfg: RunConfig, doc_ids: list[str]) -> list[Parsed]:
    """These local documents as stored, parsed again."""
    from tasks.db import connect
    from tasks.load import stored_documents

    with writer_slot(cfg.db):   # read-write: this process may be writing the file in another flow run
        con = connect(cfg.db, wait_seconds=cfg.lock_wait_seconds)
        try:
            docs = stored_documents(con, doc_ids=doc_ids)
        finally:
            con.close()
    return [(doc, observations_for(doc)) for doc in docs]


def _read(cfg: RunConfig, sql: str) -> list[tuple]:
    from tasks.db import connect

    if not Path(cfg.db).exists():
        return []
    # Read-write, inside the writers' slot: a read-only open fails while this very
    # process (another flow run in it) holds the file read-write.
    with writer_slot(cfg.db):
        con = connect(cfg.db, wait_seconds=cfg.lock_wait_seconds)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()
