"""The DuckDB file: open it, bring its schema, views and indicator table up to date.

Schema files (sql/schema/NNN_name.sql) are applied once each, in order, every
one together with its row in `migrations` in a single transaction. Views
(sql/views/NAME.sql, one per file) are re-created on a read-write connect only
when their SQL changed since the last time. DuckDB lets one process at a time
hold a file read-write and then nobody else may open it, not even read-only,
so opening waits with backoff for a bounded time and then says who holds it.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from tasks.indicators import indicator_table
from tasks.settings import settings

log = logging.getLogger(__name__)

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
SCHEMA_DIR = SQL_DIR / "schema"
VIEWS_DIR = SQL_DIR / "views"
# The oldest storage format we write, so that the DuckDB CLI users install (1.5.x) reads our files.
STORAGE_COMPATIBILITY = "v1.4.0"
# A writer's WAL is folded into the file (a checkpoint) when it reaches this size, and when the
# connection closes. With DuckDB's 16 MB a long-lived loader checkpointed every few batches of
# ~28,000 observations, most of the time of its COMMITs: 1,008,000 rows in 36 commits took 3.6 s
# to commit with 16 MB, 1.2 s plus one 0.7 s checkpoint at the end with a larger threshold. The
# WAL is as durable as the file; a larger one only takes longer to replay when a writer was
# killed (1,008,000 rows, a 127 MB WAL: 0.5 s here).
CHECKPOINT_THRESHOLD = "256MB"
FIRST_RETRY_SECONDS = 0.05
LONGEST_RETRY_SECONDS = 2.0

_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")


class DatabaseBusy(Exception):
    """Another process holds the database file; the message names it and what to do."""

    def __init__(self, message: str, *, pid: int | None = None):
        super().__init__(message)
        self.pid = pid


class DatabaseMissing(Exception):
    """A read-only open of a database file that does not exist yet."""


class MigrationError(Exception):
    """A schema file failed; the message names the file."""


def utc_now() -> datetime:
    """Naive UTC, the form every TIMESTAMP column holds."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def connect(path, *, read_only: bool = False, wait_seconds: float | None = None,
            file_access: bool = True) -> duckdb.DuckDBPyConnection:
    """A connection to the database at path, its schema, views and indicators up to date.

    Read-write: creates the parent directory and the file if needed, applies
    pending migrations, re-creates changed views and reloads a changed
    indicator table. Read-only: none of that, and the file must exist.
    Waits up to wait_seconds (default: settings [load] lock_wait_seconds) for
    another process holding the file, then raises DatabaseBusy. Without
    file_access the connection reads and writes no other file (COPY, EXPORT,
    ATTACH, read_csv, extensions): DuckDB's read_only alone still lets
    `COPY … TO` and `EXPORT DATABASE` write wherever the user may.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise DatabaseMissing(
            f"{path}: no database here yet — run `baocao ingest` or `baocao add FILE` first "
            f"(or point BAOCAO_DB at an existing file)")
    if wait_seconds is None:
        wait_seconds = float(settings().load.get("lock_wait_seconds", 60.0))
    config = {} if file_access else {"enable_external_access": False}
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            config["storage_compatibility_version"] = STORAGE_COMPATIBILITY
    con = _open_waiting(path, read_only=read_only, config=config, wait_seconds=wait_seconds)
    if not read_only:
        try:
            con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
            apply_migrations(con)
            refresh_indicators(con)
            refresh_views(con)
        except BaseException:
            con.close()
            raise
    return con


def query(path, sql: str) -> tuple[list[str], list[tuple]]:
    """Column names and rows of one SQL statement on a read-only connection that touches no other file."""
    con = connect(path, read_only=True, file_access=False)
    try:
        cur = con.execute(sql)
        columns = [d[0] for d in cur.description] if cur.description else []
        rows = cur.fetchall() if cur.description else []
        return columns, rows
    finally:
        con.close()


def _open_waiting(path: Path, *, read_only: bool, config: dict, wait_seconds: float):
    deadline = time.monotonic() + max(wait_seconds, 0.0)
    delay = FIRST_RETRY_SECONDS
    announced = False
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.IOException as e:
            holder = _LOCK_HOLDER.search(str(e))
            if holder is None:
                raise
            pid, program = int(holder["pid"]), holder["program"]
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DatabaseBusy(
                    f"{path} is in use by another process (PID {pid}, {program}); it holds the file "
                    f"read-write, so nobody else can open it. Waited {wait_seconds:g} s. Wait for that "
                    f"process to finish (a running `baocao ingest`/`backfill`?) or stop it "
                    f"(kill {pid}), then retry; or raise [load] lock_wait_seconds in the settings.",
                    pid=pid) from None
            if not announced:
                log.warning("%s is held by PID %d (%s); waiting up to %g s for it", path, pid, program,
                            wait_seconds)
                announced = True
            time.sleep(min(delay, remaining))
            delay = min(delay * 2, LONGEST_RETRY_SECONDS)


# ---------------------------------------------------------------- migrations

def schema_files() -> list[Path]:
    """sql/schema/NNN_name.sql in the order they apply."""
    files = sorted(SCHEMA_DIR.glob("*.sql"))
    for f in files:
        if not re.fullmatch(r"\d{3}_[a-z0-9_]+\.sql", f.name):
            raise MigrationError(f"{f}: schema files are named NNN_name.sql (three digits, lower case)")
    return files


def apply_migrations(con) -> list[str]:
    """Apply the schema files not yet recorded in `migrations`; the names applied now."""
    con.execute("""
        CREATE TABLE IF NOT EXISTS migrations (
            name VARCHAR PRIMARY KEY, sha256 VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)""")
    done = {name: sha for name, sha in con.execute("SELECT name, sha256 FROM migrations").fetchall()}
    applied = []
    for f in schema_files():
        sql = f.read_text(encoding="utf-8")
        sha = _sha(sql)
        if f.name in done:
            if done[f.name] != sha:
                log.warning("%s changed after it was applied; schema changes go into a new file", f.name)
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO migrations VALUES (?, ?, ?)", [f.name, sha, utc_now()])
            con.execute("COMMIT")
        except duckdb.Error as e:
            con.execute("ROLLBACK")
            raise MigrationError(f"{f}: {e}") from e
        applied.append(f.name)
        log.info("applied %s", f.name)
    return applied


# ---------------------------------------------------------------- views

def _without_comments_and_strings(sql: str) -> str:
    sql = re.sub(r"'(?:[^']|'')*'", "''", sql)
    return re.sub(r"--[^\n]*", "", sql)


def view_files() -> list[Path]:
    """sql/views/*.sql, each after the views it reads (found by name in its SQL)."""
    files = {f.stem: f for f in sorted(VIEWS_DIR.glob("*.sql"))}
    needs = {}
    for name, f in files.items():
        body = _without_comments_and_strings(f.read_text(encoding="utf-8"))
        needs[name] = {other for other in files
                       if other != name and re.search(rf"\b{re.escape(other)}\b", body)}
    ordered: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in ordered:
            return
        if name in visiting:
            raise MigrationError(f"views read each other in a circle around {name}.sql")
        visiting.add(name)
        for other in sorted(needs[name]):
            visit(other)
        visiting.discard(name)
        ordered.append(name)

    for name in files:
        visit(name)
    return [files[n] for n in ordered]


def refresh_views(con) -> bool:
    """Re-create every view when any view's SQL changed since the last refresh; True when it did."""
    files = view_files()
    texts = [(f.stem, f.read_text(encoding="utf-8")) for f in files]
    digest = _sha("\n".join(f"{name}\n{text}" for name, text in texts))
    if _state(con, "views_sha256") == digest:
        return False
    previous = json.loads(_state(con, "views") or "[]")
    con.execute("BEGIN TRANSACTION")
    try:
        # Drop in reverse order so nothing dangles; a view whose file is gone is dropped too.
        for name in list(reversed([n for n, _ in texts])) + [n for n in previous if n not in dict(texts)]:
            con.execute(f'DROP VIEW IF EXISTS "{name}"')
        for name, text in texts:
            try:
                con.execute(text)
            except duckdb.Error as e:
                raise MigrationError(f"{VIEWS_DIR / (name + '.sql')}: {e}") from e
        _set_state(con, "views_sha256", digest)
        _set_state(con, "views", json.dumps([n for n, _ in texts]))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    log.info("views re-created: %s", ", ".join(n for n, _ in texts))
    return True


# ---------------------------------------------------------------- indicators

def refresh_indicators(con) -> bool:
    """Refill `indicators` from the vocabulary when it changed; True when it did."""
    rows = [dict(r) for r in indicator_table()]
    digest = _sha(json.dumps(rows, sort_keys=True, ensure_ascii=False))
    if _state(con, "indicators_sha256") == digest:
        return False
    frame = pd.DataFrame(rows, columns=["code", "name", "unit", "additive"])
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("indicator_rows", frame)
        con.execute("DELETE FROM indicators")
        con.execute("""
            INSERT INTO indicators
            SELECT CAST(code AS VARCHAR), CAST(name AS VARCHAR), CAST(unit AS VARCHAR),
                   CAST(additive AS BOOLEAN)
            FROM indicator_rows""")
        con.unregister("indicator_rows")
        _set_state(con, "indicators_sha256", digest)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return True


# ---------------------------------------------------------------- helpers

def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _state(con, key: str) -> str | None:
    # fetchall, not fetchone: DuckDB 2.0 refuses register() while a result is half read.
    rows = con.execute("SELECT value FROM catalog_state WHERE key = ?", [key]).fetchall()
    return rows[0][0] if rows else None


def _set_state(con, key: str, value: str) -> None:
    con.execute("""
        INSERT INTO catalog_state VALUES (?, ?, ?)
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at""",
                [key, value, utc_now()])
