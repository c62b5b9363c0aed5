"""The raw archive: every fetched body, kept so that extraction can be re-run offline.

Bodies are stored gzip-compressed under their SHA-256 (root/ab/cdef….gz), so a
report syndicated under two URLs is stored once and recognised by its hash.
An SQLite index (root/index.sqlite, WAL mode so a second process can read and
write at the same time) holds:

- pages: the latest state per URL — validators to send back (etag,
  last_modified), the current content hash, status, outcome, how many fetches
  in a row failed, and hints from discovery (source, parent page, title, date);
- fetches: one row per fetch attempt with its headers, status and time.
"""
from __future__ import annotations

import gzip
import json
import os
import sqlite3
import threading
import zlib
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from tasks.documents import sha256_hex

FAILED_OUTCOMES = ("failed", "refused", "too_large", "robots_disallowed")
# Reply headers that carry credentials (a session cookie): kept as a mark, never as a value.
SECRET_HEADERS = frozenset({"set-cookie", "cookie", "authorization", "proxy-authorization"})
REDACTED = "REDACTED"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    source TEXT,
    parent_url TEXT,
    final_url TEXT,
    etag TEXT,
    last_modified TEXT,
    content_sha256 TEXT,
    content_type TEXT,
    http_status INTEGER,
    fetched_at TEXT,
    outcome TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    message TEXT NOT NULL DEFAULT '',
    title TEXT,
    published TEXT
);
CREATE INDEX IF NOT EXISTS pages_sha ON pages (content_sha256);
CREATE INDEX IF NOT EXISTS pages_source ON pages (source);
CREATE TABLE IF NOT EXISTS fetches (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    final_url TEXT,
    fetched_at TEXT NOT NULL,
    outcome TEXT NOT NULL,
    http_status INTEGER,
    content_sha256 TEXT,
    content_type TEXT,
    headers TEXT NOT NULL DEFAULT '{}',
    message TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS fetches_url ON fetches (url);
CREATE TABLE IF NOT EXISTS walks (
    start_url TEXT PRIMARY KEY,
    next_url TEXT NOT NULL,
    page_number INTEGER NOT NULL,
    oldest TEXT,
    updated_at TEXT NOT NULL
);
"""


class ArchiveError(Exception):
    """The archive cannot give what was asked; the message says what is missing and why."""


@dataclass
class PageState:
    """What the archive knows about one URL after its latest fetch."""
    url: str
    source: str | None
    parent_url: str | None
    final_url: str | None
    etag: str | None
    last_modified: str | None
    content_sha256: str | None
    content_type: str | None
    http_status: int | None
    fetched_at: datetime | None
    outcome: str | None
    failures: int
    message: str
    title: str | None
    published: date | None


class Archive:
    """Raw bodies on disk plus the per-URL index; safe to share between threads."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.root / "index.sqlite", timeout=30.0,
                                   check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            # With WAL, NORMAL syncs the log at checkpoints, not at every commit: a commit stays
            # atomic and survives the process being killed (the log is in the OS's hands); a power
            # loss or an OS crash may take back the last commits, whose URLs the next run fetches
            # again. record() writes a body (renamed into place) before the commit that names it.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA busy_timeout=30000")
            self._db.executescript(_SCHEMA)
            columns = {r[1] for r in self._db.execute("PRAGMA table_info(pages)")}
            if "listing" not in columns:   # archives written before listings were told apart
                self._db.execute("ALTER TABLE pages ADD COLUMN listing INTEGER NOT NULL DEFAULT 0")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- bodies ---------------------------------------------------------------

    def path_for(self, sha: str) -> Path:
        return self.root / sha[:2] / f"{sha[2:]}.gz"

    def put(self, body: bytes) -> str:
        """Store a body (once per content) and return its SHA-256."""
        sha = sha256_hex(body)
        path = self.path_for(sha)
        if not self.has_body(sha):
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write aside then rename, so a reader in another process never sees half a file.
            tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_bytes(gzip.compress(body, compresslevel=6, mtime=0))
            os.replace(tmp, path)
        return sha

    def has_body(self, sha: str) -> bool:
        """Is the body's file there and not empty? A machine that loses power after the
        rename but before the data reached the disk can leave an empty file: such a
        body counts as missing, so its URL is fetched without validators and the body
        written again."""
        try:
            return self.path_for(sha).stat().st_size > 0
        except FileNotFoundError:
            return False

    def body(self, sha: str) -> bytes:
        """The stored body with this SHA-256, checked against its hash."""
        path = self.path_for(sha)
        try:
            data = gzip.decompress(path.read_bytes())
        except FileNotFoundError:
            raise ArchiveError(f"no body {sha} in {self.root}; fetch its URL again to restore it") from None
        except (OSError, EOFError, zlib.error) as e:
            raise ArchiveError(f"{path} is damaged ({e}); delete it and fetch its URL again") from None
        if sha256_hex(data) != sha:
            raise ArchiveError(f"{path} does not match its hash; delete it and fetch its URL again")
        return data

    # ---- index ----------------------------------------------------------------

    def state(self, url: str) -> PageState | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM pages WHERE url = ?", (url,)).fetchone()
        return _page_state(row) if row else None

    def hint(self, url: str, *, source: str | None = None, parent_url: str | None = None,
             title: str | None = None, published: date | None = None) -> None:
        """Remember what discovery knew about a URL before it is fetched (kept if already set)."""
        with self._lock:
            self._db.execute(
                """INSERT INTO pages (url, source, parent_url, title, published) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (url) DO UPDATE SET
                     source = COALESCE(excluded.source, source),
                     parent_url = COALESCE(excluded.parent_url, parent_url),
                     title = COALESCE(excluded.title, title),
                     published = COALESCE(excluded.published, published)""",
                (url, source, parent_url, title, published.isoformat() if published else None))

    def hint_many(self, pages, *, source: str | None = None, parent_url: str | None = None) -> None:
        """hint() for many (url, title, published) of one listing, in one transaction (a feed may list thousands)."""
        rows = [(url, source, parent_url, title, published.isoformat() if published else None)
                for url, title, published in pages]
        if not rows:
            return
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    """INSERT INTO pages (url, source, parent_url, title, published) VALUES (?, ?, ?, ?, ?)
                       ON CONFLICT (url) DO UPDATE SET
                         source = COALESCE(excluded.source, source),
                         parent_url = COALESCE(excluded.parent_url, parent_url),
                         title = COALESCE(excluded.title, title),
                         published = COALESCE(excluded.published, published)""", rows)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def all_known(self, urls: list[str]) -> bool:
        """True when the index holds every one of these URLs."""
        with self._lock:
            for i in range(0, len(urls), 500):
                part = urls[i:i + 500]
                marks = ",".join("?" * len(part))
                found = self._db.execute(f"SELECT count(*) FROM pages WHERE url IN ({marks})", part).fetchone()[0]
                if found < len(set(part)):
                    return False
        return True

    def record(self, result, *, source: str | None = None, parent_url: str | None = None,
               title: str | None = None, published: date | None = None) -> PageState:
        """Store a FetchResult: its body (if any), a fetches row, and the URL's new state.

        Validators and the content hash change only when a body came back;
        a failure keeps the last good state and counts the failures in a row.
        """
        sha = result.content_sha256
        if result.body is not None:
            sha = self.put(result.body)
        headers = {k.lower(): (REDACTED if k.lower() in SECRET_HEADERS else v)
                   for k, v in (result.headers or {}).items()}
        fetched_at = _iso(result.fetched_at)
        got_body = result.outcome in ("fetched", "unchanged")
        failed = result.outcome in FAILED_OUTCOMES
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute(
                    """INSERT INTO fetches (url, final_url, fetched_at, outcome, http_status,
                                            content_sha256, content_type, headers, message)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (result.url, result.final_url, fetched_at, result.outcome, result.http_status,
                     sha if got_body else None, result.content_type,
                     json.dumps(headers, ensure_ascii=False), result.message or ""))
                self._db.execute(
                    """INSERT INTO pages (url, source, parent_url, final_url, etag, last_modified,
                                          content_sha256, content_type, http_status, fetched_at,
                                          outcome, failures, message, title, published)
                       VALUES (:url, :source, :parent, :final, :etag, :lm, :sha, :ctype, :status,
                               :at, :outcome, :failures, :message, :title, :published)
                       ON CONFLICT (url) DO UPDATE SET
                         source = COALESCE(excluded.source, source),
                         parent_url = COALESCE(excluded.parent_url, parent_url),
                         title = COALESCE(excluded.title, title),
                         published = COALESCE(excluded.published, published),
                         final_url = CASE WHEN :got_body THEN excluded.final_url ELSE final_url END,
                         etag = CASE WHEN :got_body THEN excluded.etag
                                     WHEN :not_modified THEN COALESCE(excluded.etag, etag) ELSE etag END,
                         last_modified = CASE WHEN :got_body THEN excluded.last_modified
                                     WHEN :not_modified THEN COALESCE(excluded.last_modified, last_modified)
                                     ELSE last_modified END,
                         content_sha256 = CASE WHEN :got_body THEN excluded.content_sha256 ELSE content_sha256 END,
                         content_type = CASE WHEN :got_body THEN excluded.content_type ELSE content_type END,
                         http_status = excluded.http_status,
                         fetched_at = excluded.fetched_at,
                         outcome = excluded.outcome,
                         failures = CASE WHEN :failed THEN failures + 1 ELSE 0 END,
                         message = excluded.message""",
                    {"url": result.url, "source": source, "parent": parent_url, "final": result.final_url,
                     "etag": headers.get("etag"), "lm": headers.get("last-modified"),
                     "sha": sha if got_body or result.outcome == "not_modified" else None,
                     "ctype": result.content_type, "status": result.http_status, "at": fetched_at,
                     "outcome": result.outcome, "failures": 1 if failed else 0,
                     "message": result.message or "", "title": title,
                     "published": published.isoformat() if published else None,
                     "got_body": got_body, "not_modified": result.outcome == "not_modified",
                     "failed": failed})
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return self.state(result.url)

    def note(self, url: str, message: str) -> None:
        """Put what became of a fetched body (an unreadable feed, say) in its URL's message."""
        with self._lock:
            self._db.execute("UPDATE pages SET message = ? WHERE url = ?", (message, url))

    def mark_listing(self, url: str) -> None:
        """Remember that url is a listing, feed or sitemap: discovery reads it, it is no document."""
        with self._lock:
            self._db.execute("UPDATE pages SET listing = 1 WHERE url = ?", (url,))

    def pages(self, source: str | None = None) -> list[PageState]:
        """The latest state of every URL that has a stored body, listings included."""
        return self._with_body(source, listings=True)

    def report_pages(self, source: str | None = None) -> list[PageState]:
        """The pages with a stored body that are no listing, feed or sitemap: what --reparse re-extracts."""
        return self._with_body(source, listings=False)

    def report_page_batches(self, size: int):
        """report_pages() in URL order, `size` at a time: a reparse of a large archive holds one batch of rows.

        Each batch is read by its own query (from the last URL of the one before),
        so no cursor or lock is held between batches.
        """
        after = ""
        while True:
            with self._lock:
                rows = self._db.execute(
                    "SELECT * FROM pages WHERE content_sha256 IS NOT NULL AND NOT listing AND url > ? "
                    "ORDER BY url LIMIT ?", (after, size)).fetchall()
            if not rows:
                return
            yield [_page_state(r) for r in rows]
            after = rows[-1]["url"]

    def report_page_count(self) -> int:
        with self._lock:
            return self._db.execute(
                "SELECT count(*) FROM pages WHERE content_sha256 IS NOT NULL AND NOT listing").fetchone()[0]

    def are_report_pages(self, urls) -> set[str]:
        """Which of these URLs are report pages (with a body, no listing)."""
        urls = sorted({u for u in urls if u})
        if not urls:
            return set()
        found: set[str] = set()
        with self._lock:
            for i in range(0, len(urls), 500):   # SQLite's bound on host parameters
                chunk = urls[i:i + 500]
                found.update(r[0] for r in self._db.execute(
                    f"SELECT url FROM pages WHERE content_sha256 IS NOT NULL AND NOT listing "
                    f"AND url IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def _with_body(self, source: str | None, listings: bool) -> list[PageState]:
        sql = "SELECT * FROM pages WHERE content_sha256 IS NOT NULL"
        if not listings:
            sql += " AND NOT listing"
        args: tuple = ()
        if source is not None:
            sql += " AND source = ?"
            args = (source,)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY url", args).fetchall()
        return [_page_state(r) for r in rows]

    def failed_urls(self, source: str | None = None) -> list[str]:
        """URLs whose latest fetch did not bring a body (to retry, or to report)."""
        marks = ",".join("?" * len(FAILED_OUTCOMES))
        sql = f"SELECT url FROM pages WHERE outcome IN ({marks})"
        args: tuple = FAILED_OUTCOMES
        if source is not None:
            sql += " AND source = ?"
            args = (*args, source)
        with self._lock:
            return [r[0] for r in self._db.execute(sql + " ORDER BY url", args)]

    def pages_to_retry(self, source: str | None = None, max_failures: int = 5) -> list[PageState]:
        """Pages a listing led to that have no body yet: their last fetch failed, or it never happened.

        A run that hits a network fault (or a robots.txt answering 5xx), or dies
        between discovery and fetching, leaves them here; the next run fetches them again even when the listing
        no longer shows them. A page that failed max_failures runs in a row is
        given up (it stays in failed_urls for the report).
        """
        sql = ("SELECT * FROM pages WHERE parent_url IS NOT NULL AND content_sha256 IS NULL AND NOT listing "
               "AND (outcome IS NULL OR (outcome IN ('failed', 'robots_disallowed') AND failures < ?))")
        args: tuple = (max_failures,)
        if source is not None:
            sql += " AND source = ?"
            args = (*args, source)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY url", args).fetchall()
        return [_page_state(r) for r in rows]

    # ---- where a bounded listing walk stopped ------------------------------------

    def frontier(self, start_url: str) -> tuple[str, int, date | None] | None:
        """The listing page a walk from start_url stopped before (its URL, page number, oldest date seen)."""
        with self._lock:
            row = self._db.execute("SELECT next_url, page_number, oldest FROM walks WHERE start_url = ?",
                                   (start_url,)).fetchone()
        if row is None:
            return None
        return row[0], row[1], date.fromisoformat(row[2]) if row[2] else None

    def set_frontier(self, start_url: str, next_url: str | None, page_number: int = 0,
                     oldest: date | None = None) -> None:
        """Remember where to resume (None: the walk reached the end of the listing)."""
        with self._lock:
            if next_url is None:
                self._db.execute("DELETE FROM walks WHERE start_url = ?", (start_url,))
            else:
                self._db.execute(
                    """INSERT INTO walks (start_url, next_url, page_number, oldest, updated_at)
                       VALUES (?, ?, ?, ?, ?) ON CONFLICT (start_url) DO UPDATE SET
                       next_url = excluded.next_url, page_number = excluded.page_number,
                       oldest = excluded.oldest, updated_at = excluded.updated_at""",
                    (start_url, next_url, page_number, oldest.isoformat() if oldest else None,
                     datetime.now(timezone.utc).isoformat()))

    def urls_with_sha(self, sha: str) -> list[str]:
        """URLs whose current body has this hash: the same report published twice."""
        with self._lock:
            return [r[0] for r in self._db.execute(
                "SELECT url FROM pages WHERE content_sha256 = ? ORDER BY fetched_at, url", (sha,))]

    def fetch_log(self, url: str) -> list[dict]:
        """Every recorded fetch of a URL, oldest first, headers decoded."""
        with self._lock:
            rows = self._db.execute("SELECT * FROM fetches WHERE url = ? ORDER BY id", (url,)).fetchall()
        out = []
        for r in rows:
            d = dict(r)
            d["headers"] = json.loads(d["headers"])
            out.append(d)
        return out


def _iso(value) -> str:
    if value is None:
        value = datetime.now(timezone.utc)
    return value.isoformat() if isinstance(value, (datetime, date)) else str(value)


def _page_state(row: sqlite3.Row) -> PageState:
    d = dict(row)
    d["fetched_at"] = datetime.fromisoformat(d["fetched_at"]) if d["fetched_at"] else None
    d["published"] = date.fromisoformat(d["published"]) if d["published"] else None
    d["failures"] = d["failures"] or 0
    d["message"] = d["message"] or ""
    d.pop("listing", None)
    return PageState(**d)
