"""The database file: migrations, views, indicators, locking, and the DuckDB CLI users have."""
from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

import tasks.db as db
from tasks.db import DatabaseBusy, DatabaseMissing, connect, query
from tasks.indicators import indicator_table
from tasks.load import load_documents
from tests.load.builders import document, record

CLI = Path(sys.executable).parent / "duckdb"


def schema_names() -> list[str]:
    return sorted(p.name for p in db.SCHEMA_DIR.glob("*.sql"))


def test_new_file_gets_every_migration_once_with_its_row(tmp_path):
    path = tmp_path / "sub" / "dir" / "baocao.duckdb"
    con = connect(path, wait_seconds=1)
    rows = con.execute("SELECT name FROM migrations ORDER BY name").fetchall()
    assert [r[0] for r in rows] == schema_names()
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert {"documents", "observations", "indicators", "quarantine", "runs", "migrations"} <= tables
    con.close()


def test_reconnect_applies_nothing_and_keeps_data(tmp_path):
    path = tmp_path / "baocao.duckdb"
    con = connect(path, wait_seconds=1)
    load_documents(con, [(document("a"), [record("industrial_output", 1, 8, 100.0)])])
    applied = con.execute("SELECT name, applied_at FROM migrations ORDER BY name").fetchall()
    con.close()
    con = connect(path, wait_seconds=1)
    assert db.apply_migrations(con) == []
    assert con.execute("SELECT name, applied_at FROM migrations ORDER BY name").fetchall() == applied
    assert con.execute("SELECT count(*) FROM observations").fetchone()[0] == 1
    con.close()


def test_views_recreated_only_when_their_sql_changes(tmp_path, monkeypatch):
    path = tmp_path / "baocao.duckdb"
    con = connect(path, wait_seconds=1)
    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert {"indicator_values", "monthly", "quarterly", "yearly", "reconciliation", "coverage"} <= views
    assert db.refresh_views(con) is False           # same SQL: nothing to do
    con.close()

    changed = tmp_path / "views"
    shutil.copytree(db.VIEWS_DIR, changed)
    monthly = changed / "monthly.sql"
    monthly.write_text(monthly.read_text(encoding="utf-8").replace(
        "COMMENT ON VIEW monthly IS '", "COMMENT ON VIEW monthly IS 'Changed. "), encoding="utf-8")
    monkeypatch.setattr(db, "VIEWS_DIR", changed)
    con = connect(path, wait_seconds=1)
    comment = con.execute("SELECT comment FROM duckdb_views() WHERE view_name = 'monthly'").fetchone()[0]
    assert comment.startswith("Changed. ")
    assert db.refresh_views(con) is False
    con.close()


def test_views_come_in_dependency_order():
    order = [f.stem for f in db.view_files()]
    assert order.index("indicator_values") < order.index("period_routes") < order.index("monthly")
    assert order.index("monthly") < order.index("quarter_routes") < order.index("quarterly") < order.index("yearly")


def test_views_and_columns_are_documented(tmp_path):
    con = connect(tmp_path / "baocao.duckdb", wait_seconds=1)
    undocumented = con.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal AND (comment IS NULL OR comment = '')").fetchall()
    assert undocumented == []
    comment = con.execute("""SELECT comment FROM duckdb_columns()
                             WHERE table_name = 'monthly' AND column_name = 'method'""").fetchone()[0]
    assert "derived_ytd" in comment
    con.close()


def test_every_sql_file_says_what_one_row_is():
    for f in [*db.SCHEMA_DIR.glob("*.sql"), *db.VIEWS_DIR.glob("*.sql"), *(db.SQL_DIR / "checks").glob("*.sql")]:
        first = f.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("-- One row is"), f"{f.name}: first line should say what one row is"


def test_indicators_table_mirrors_the_vocabulary(tmp_path):
    con = connect(tmp_path / "baocao.duckdb", wait_seconds=1)
    rows = con.execute("SELECT code, name, unit, additive FROM indicators ORDER BY code").fetchall()
    expected = sorted((r["code"], r["name"], r["unit"], r["additive"]) for r in indicator_table())
    assert rows == expected
    assert ("cpi", False) in [(r[0], r[3]) for r in rows]
    con.close()


def test_indicators_reload_when_the_vocabulary_changes(tmp_path, monkeypatch):
    path = tmp_path / "baocao.duckdb"
    connect(path, wait_seconds=1).close()
    changed = tuple(indicator_table()) + ({"code": "tourists", "name": "Lượt khách du lịch", "unit": "persons",
                                           "additive": True},)
    monkeypatch.setattr(db, "indicator_table", lambda: changed)
    con = connect(path, wait_seconds=1)
    assert con.execute("SELECT name, additive FROM indicators WHERE code = 'tourists'").fetchall() == \
        [("Lượt khách du lịch", True)]
    assert con.execute("SELECT count(*) FROM indicators").fetchone()[0] == len(changed)
    assert db.refresh_indicators(con) is False      # unchanged since: nothing to do
    con.close()


def test_duckdb_cli_reads_the_file(tmp_path):
    path = tmp_path / "baocao.duckdb"
    con = connect(path, wait_seconds=1)
    load_documents(con, [(document("a"), [record("industrial_output", 1, 7, 417741.0),
                                          record("industrial_output", 1, 8, 483595.0)])])
    con.close()
    for view, expected in (("monthly", "1"), ("coverage", "1"), ("quarterly", "0"), ("reconciliation", "0")):
        out = subprocess.run([str(CLI), "-readonly", "-csv", str(path), "-c", f"SELECT count(*) FROM {view}"],
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        assert out.stdout.splitlines()[-1].strip() == expected, (view, out.stdout)
    out = subprocess.run([str(CLI), "-readonly", "-csv", str(path), "-c", "SELECT value FROM monthly"],
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.splitlines()[-1].strip() == "65854.0"
    # Every view binds in the older engine too (its SQL is stored in the file and re-read there).
    every_view = " UNION ALL ".join(f"SELECT '{f.stem}', count(*) FROM {f.stem}" for f in db.view_files())
    out = subprocess.run([str(CLI), "-readonly", "-csv", "-noheader", str(path), "-c", every_view],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.splitlines()) == len(db.view_files())


def test_read_only_open_of_a_missing_file_says_what_to_run(tmp_path):
    with pytest.raises(DatabaseMissing, match=r"baocao ingest.*baocao add"):
        connect(tmp_path / "nothing.duckdb", read_only=True, wait_seconds=1)
    assert not (tmp_path / "nothing.duckdb").exists()


def test_query_returns_columns_and_rows(tmp_path):
    path = tmp_path / "baocao.duckdb"
    con = connect(path, wait_seconds=1)
    load_documents(con, [(document("a"), [record("industrial_output", 1, 8, 10.0)])])
    con.close()
    columns, rows = query(path, "SELECT area, value FROM indicator_values")
    assert columns == ["area", "value"]
    assert rows == [("Kiến An", 10.0)]


HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
"""


@pytest.fixture
def held_file(tmp_path):
    """A database file another process holds read-write (for at most 30 s)."""
    path = tmp_path / "held.duckdb"
    connect(path, wait_seconds=1).close()
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), "30"], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "holding"
        yield path, proc.pid
    finally:
        proc.kill()
        proc.wait(timeout=10)


@pytest.mark.parametrize("read_only", [False, True])
def test_busy_file_raises_naming_the_holder(held_file, read_only, caplog):
    path, pid = held_file
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="tasks.db"):
        with pytest.raises(DatabaseBusy) as err:
            connect(path, read_only=read_only, wait_seconds=1)
    assert time.monotonic() - started < 20       # bounded: one second of retries, not forever
    assert err.value.pid == pid
    assert f"PID {pid}" in str(err.value) and "retry" in str(err.value)
    waits = [r.getMessage() for r in caplog.records if "waiting up to" in r.getMessage()]
    assert len(waits) == 1 and f"PID {pid}" in waits[0]


def test_connect_waits_for_a_holder_that_lets_go(tmp_path):
    path = tmp_path / "brief.duckdb"
    connect(path, wait_seconds=1).close()
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), "1.5"], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "holding"
        con = connect(path, wait_seconds=30)
        assert con.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(schema_names())
        con.close()
    finally:
        proc.kill()
        proc.wait(timeout=10)


def test_other_io_errors_are_not_taken_for_a_lock(tmp_path):
    not_a_db = tmp_path / "notes.duckdb"
    not_a_db.write_text("this is not a database file", encoding="utf-8")
    with pytest.raises(duckdb.Error):
        connect(not_a_db, wait_seconds=1)
