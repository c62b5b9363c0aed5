"""Extraction and parsing of a batch of pages, in this process or in a small pool of worker processes.

Fetching, extraction and parsing share one interpreter lock when they run on
the threads of one process (the default task runner), so trafilatura, lxml
and the parser use one core however many threads there are. The extract task
therefore hands the bodies of its batch to a pool of `processes` worker
processes (started on first use, kept for the life of this process, shared
by every run in it) and gets documents and records back.

The workers import only extraction, documents and the parser — not Prefect —
and are started with `spawn`, never forked from a process full of threads.
Should the pool break (a worker killed, out of memory), the batch is extracted
here instead and the pool is started afresh for the next one; a page that
cannot be extracted comes back as a document with a status, as it does here.
"""
from __future__ import annotations

import logging
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date, datetime

from tasks.documents import Document, document_for_page
from tasks.extract import extracted_from_body
from tasks.observe import observations_for
from tasks.parse.record import Record

log = logging.getLogger(__name__)


# One page to extract: everything extraction and the document need, as plain data (it crosses processes).
Page = tuple  # (body, content_type, url, final_url, content_sha256, fetched_at, source, parent_doc_id,
#               default_area, title_hint, published_hint)

# What comes back for a page: the document, its records, the attachment links extraction found.
Result = tuple[Document, list[Record], list[str]]


def page(body: bytes, *, content_type: str | None, url: str, final_url: str | None, content_sha256: str,
         fetched_at: datetime | None, source: str | None, parent_doc_id: str | None, default_area: str | None,
         title_hint: str | None, published_hint: date | None) -> Page:
    return (body, content_type, url, final_url, content_sha256, fetched_at, source, parent_doc_id,
            default_area, title_hint, published_hint)


def parse_page(p: Page) -> Result:
    """Extract and parse one page: its document, records and attachment links."""
    (body, content_type, url, final_url, sha, fetched_at, source, parent_doc_id, default_area,
     title_hint, published_hint) = p
    extracted = extracted_from_body(body, content_type=content_type, url=final_url or url)
    doc = document_for_page(
        url=url, body_sha256=sha, fetched_at=fetched_at, extracted=extracted, source=source,
        parent_doc_id=parent_doc_id, content_type=content_type, default_area=default_area,
        title_hint=title_hint, published_hint=published_hint,
    )
    return doc, observations_for(doc), list(extracted.attachments)


def parse_pages(pages: list[Page]) -> list[Result]:
    return [parse_page(p) for p in pages]


_pool: ProcessPoolExecutor | None = None
_pool_size = 0
_pool_lock = threading.Lock()


def _get_pool(processes: int) -> ProcessPoolExecutor:
    global _pool, _pool_size
    with _pool_lock:
        if _pool is None or _pool_size != processes:
            if _pool is not None:
                _pool.shutdown(wait=False, cancel_futures=True)
            _pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn"))
            _pool_size = processes
        return _pool


def _discard(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _pool_lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)


def shutdown() -> None:
    """Stop the worker processes (the next batch that asks for them starts new ones)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def parsed(pages: list[Page], processes: int = 0) -> list[Result]:
    """Every page extracted and parsed, in order: in `processes` worker processes (0: here).

    The batch is split in one chunk per worker, so both cores work on one batch
    even when a single extract task runs.
    """
    if processes <= 0 or len(pages) < 2:
        return parse_pages(pages)
    pool = _get_pool(processes)
    size = -(-len(pages) // processes)
    chunks = [pages[i:i + size] for i in range(0, len(pages), size)]
    try:
        futures = [pool.submit(parse_pages, chunk) for chunk in chunks]
        return [result for f in futures for result in f.result()]
    except (BrokenProcessPool, RuntimeError) as e:   # RuntimeError: another batch found it broken and shut it
        log.warning("the extraction processes stopped (%s); extracting this batch in the flow's process", e)
        _discard(pool)
        return parse_pages(pages)
