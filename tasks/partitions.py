"""Backfill partitions: one month of one source's pages, with an idempotency key and a status.

A backfill over a range of months is split into partitions keyed
`backfill:{source}:{YYYY-MM}` (pages a listing gives no date go to
`backfill:{source}:undated`). Their state lives in a small table of the
archive's SQLite index (root/index.sqlite, beside the archive's own tables),
because the archive is what every run shares and SQLite lets several processes
write it at once; the DuckDB file admits one writer only.

- status: `running` (claimed by a run), `completed`, or `failed` (a page
  failed to fetch, or the load could not write); a failed partition is what
  `mode=failed` runs again.
- A claim is atomic: a partition another run is working on (claimed less than
  LEASE_SECONDS ago) is not taken twice; a claim older than that is taken to
  be a run that died.
- Running a partition again is harmless: its row is updated, not added, and
  the load replaces a document's observations whole.

The same table file holds `pending_runs`: rows of the DuckDB `runs` table that
could not be written because another process held the database; the next run
that can write records them.
"""
from __future__ import annotations

import functools
import json
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

UNDATED = "undated"
LEASE_SECONDS = 6 * 3600   # longer than any backfill partition takes; a dead run's claim expires

_SCHEMA = """
CREATE TABLE IF NOT EXISTS backfill_partitions (
    key TEXT PRIMARY KEY,              -- backfill:{source}:{YYYY-MM | undated}
    source TEXT NOT NULL,
    month TEXT NOT NULL,               -- YYYY-MM or 'undated'
    status TEXT NOT NULL,              -- running | completed | failed
    run_id TEXT,                       -- the flow run of the latest attempt
    attempts INTEGER NOT NULL DEFAULT 0,
    pages INTEGER NOT NULL DEFAULT 0,
    pages_fetched INTEGER NOT NULL DEFAULT 0,
    pages_unchanged INTEGER NOT NULL DEFAULT 0,
    pages_failed INTEGER NOT NULL DEFAULT 0,
    records_loaded INTEGER NOT NULL DEFAULT 0,
    started_at TEXT,
    finished_at TEXT,
    message TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS pending_runs (
    run_id TEXT PRIMARY KEY,
    db TEXT NOT NULL,                  -- the DuckDB file the row belongs to (resolved path)
    row TEXT NOT NULL,                 -- the `runs` row as JSON
    saved_at TEXT NOT NULL
);
"""


def partition_key(source: str, month: str) -> str:
    return f"backfill:{source}:{month}"


def month_label(d: date | None) -> str:
    """'YYYY-MM' of a date, or 'undated'."""
    return f"{d.year:04d}-{d.month:02d}" if d else UNDATED


def months_between(first: date, last: date) -> list[str]:
    """Every month from first's to last's, as 'YYYY-MM', both included."""
    y, m = first.year, first.month
    out = []
    while (y, m) <= (last.year, last.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


@dataclass
class Partition:
    """One source's pages published in one month (or undated), as discovery found them."""
    source: str
    month: str
    pages: list = field(default_factory=list)   # whatever the caller buckets: PageRefs

    @property
    def key(self) -> str:
        return partition_key(self.source, self.month)


def partitions_for(pages_by_source: dict[str, list], months: list[str]) -> dict[str, Partition]:
    """Partitions of every source × month (empty ones too), pages bucketed by `published`.

    pages_by_source maps a source name to objects with a `published` date (or
    None); pages outside `months` are left out; undated pages form the source's
    `undated` partition, which exists only when there are such pages.
    """
    wanted = set(months)
    out: dict[str, Partition] = {}
    for source, pages in pages_by_source.items():
        for month in months:
            p = Partition(source, month)
            out[p.key] = p
        for page in pages:
            month = month_label(page.published)
            if month != UNDATED and month not in wanted:
                continue
            key = partition_key(source, month)
            out.setdefault(key, Partition(source, month)).pages.append(page)
    return out


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _locked(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)
    return call


class PartitionStore:
    """The partitions' table (and pending `runs` rows) in the archive's SQLite index."""

    def __init__(self, archive_root: Path | str):
        root = Path(archive_root)
        root.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(root / "index.sqlite", timeout=30.0, isolation_level=None,
                                   check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        self._lock = threading.RLock()   # one connection shared by a run's partition threads
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=30000")
        self._db.executescript(_SCHEMA)

    @_locked
    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "PartitionStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- partitions -------------------------------------------------------------

    @_locked
    def get(self, key: str) -> dict | None:
        row = self._db.execute("SELECT * FROM backfill_partitions WHERE key = ?", (key,)).fetchone()
        return dict(row) if row else None

    @_locked
    def all(self, source: str | None = None) -> list[dict]:
        sql, args = "SELECT * FROM backfill_partitions", ()
        if source is not None:
            sql, args = sql + " WHERE source = ?", (source,)
        return [dict(r) for r in self._db.execute(sql + " ORDER BY key", args)]

    @_locked
    def statuses(self, keys) -> dict[str, str]:
        keys = list(keys)
        if not keys:
            return {}
        marks = ",".join("?" * len(keys))
        return dict(self._db.execute(
            f"SELECT key, status FROM backfill_partitions WHERE key IN ({marks})", keys).fetchall())

    @_locked
    def claim(self, partition: Partition, run_id: str) -> str | None:
        """Mark the partition running for run_id; None when claimed, else why not (another run has it)."""
        now = datetime.now(timezone.utc)
        self._db.execute("BEGIN IMMEDIATE")
        try:
            row = self._db.execute("SELECT status, run_id, started_at FROM backfill_partitions WHERE key = ?",
                                   (partition.key,)).fetchone()
            if row and row["status"] == "running" and row["run_id"] != run_id and row["started_at"]:
                age = (now - datetime.fromisoformat(row["started_at"])).total_seconds()
                if age < LEASE_SECONDS:
                    self._db.execute("ROLLBACK")
                    return f"run {row['run_id']} is working on it (since {row['started_at']})"
            self._db.execute(
                """INSERT INTO backfill_partitions (key, source, month, status, run_id, attempts, pages,
                                                    started_at, finished_at, message)
                   VALUES (?, ?, ?, 'running', ?, 1, ?, ?, NULL, '')
                   ON CONFLICT (key) DO UPDATE SET status = 'running', run_id = excluded.run_id,
                       attempts = attempts + 1, pages = excluded.pages, started_at = excluded.started_at,
                       finished_at = NULL, message = ''""",
                (partition.key, partition.source, partition.month, run_id, len(partition.pages),
                 now.isoformat(timespec="seconds")))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        return None

    @_locked
    def finish(self, key: str, run_id: str, *, status: str, pages_fetched: int = 0, pages_unchanged: int = 0,
               pages_failed: int = 0, records_loaded: int = 0, message: str = "") -> None:
        if status not in ("completed", "failed"):
            raise ValueError(f"a partition finishes completed or failed, not {status!r}")
        self._db.execute(
            """UPDATE backfill_partitions SET status = ?, pages_fetched = ?, pages_unchanged = ?,
                   pages_failed = ?, records_loaded = ?, finished_at = ?, message = ?
               WHERE key = ? AND run_id = ?""",
            (status, pages_fetched, pages_unchanged, pages_failed, records_loaded, _now(), message, key, run_id))

    # ---- runs rows the database could not take --------------------------------------

    @_locked
    def save_pending_run(self, db: str, row: dict) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO pending_runs (run_id, db, row, saved_at) VALUES (?, ?, ?, ?)",
            (row["run_id"], str(Path(db).resolve()), json.dumps(row, ensure_ascii=False, default=str), _now()))

    @_locked
    def pending_runs(self, db: str) -> list[dict]:
        rows = self._db.execute("SELECT row FROM pending_runs WHERE db = ? ORDER BY saved_at",
                                (str(Path(db).resolve()),)).fetchall()
        out = []
        for (text,) in rows:
            row = json.loads(text)
            for key in ("started", "finished"):   # back to datetimes, which the runs table's writer expects
                if isinstance(row.get(key), str):
                    row[key] = datetime.fromisoformat(row[key])
            out.append(row)
        return out

    @_locked
    def forget_pending_run(self, run_id: str) -> None:
        self._db.execute("DELETE FROM pending_runs WHERE run_id = ?", (run_id,))


def known_months(con, source: str, default_area: str | None) -> set[str]:
    """Months ('YYYY-MM') the `coverage` view knows for a source's areas.

    A source's areas are its default area (when sources.toml gives one) and
    every area its loaded documents state figures for. A month is known when
    coverage lists it in months_known (reported or derived) for any of those
    areas and any indicator.
    """
    rows = con.execute("""
        WITH areas AS (
            SELECT DISTINCT o.area FROM observations AS o JOIN documents AS d USING (doc_id)
            WHERE d.source = ?
            UNION SELECT CAST(? AS VARCHAR) WHERE ? IS NOT NULL
        )
        SELECT DISTINCT c.year, m.month
        FROM coverage AS c, unnest(c.months_known) AS m(month)
        WHERE c.area IN (SELECT area FROM areas)""", [source, default_area, default_area]).fetchall()
    return {f"{int(y):04d}-{int(m):02d}" for y, m in rows}
