"""Flows side by side, a database held by another process, and the Dask task runner — all on loopback."""
import subprocess
import sys
import threading

import pytest

from tasks.db import DatabaseBusy, connect

from .conftest import contents, runs

pytestmark = pytest.mark.slow

# Holds the file read-write, as a user's DuckDB session does, until its stdin closes.
HOLDER = ("import duckdb, sys\n"
          "con = duckdb.connect(sys.argv[1])\n"
          "print('holding', flush=True)\n"
          "sys.stdin.readline()\n"
          "con.close()\n")


def test_ingest_and_backfill_at_once_lose_and_duplicate_nothing(demo_site, clean_run, tmp_path, prefect_harness):
    from flows.backfill import backfill
    from flows.ingest import ingest

    _, sources = demo_site
    db, archive = tmp_path / "both.duckdb", tmp_path / "archive"
    run = dict(sources_file=str(sources), db=str(db), archive=str(archive))
    start = threading.Barrier(2, timeout=60)
    results, errors = {}, []

    def call(name, flow, **kwargs):
        try:
            start.wait()
            results[name] = flow(**run, **kwargs)
        except BaseException as e:   # reported below; a thread must not swallow it
            errors.append((name, e))

    threads = [threading.Thread(target=call, args=("ingest", ingest)),
               threading.Thread(target=call, args=("backfill", backfill),
                                kwargs={"from_": "2023-01", "to": "2023-07", "mode": "all"})]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=240)
    assert not any(t.is_alive() for t in threads), "a flow did not finish within 240 s"
    assert not errors, errors
    assert results["ingest"]["status"] == "completed" and results["ingest"]["pages_failed"] == 0, results
    assert results["backfill"]["status"] == "completed" and results["backfill"]["pages_failed"] == 0, results

    assert contents(db) == clean_run.contents
    assert sorted((flow, status) for flow, status, *_ in runs(db)) == [("backfill", "completed"),
                                                                       ("ingest", "completed")]


def test_a_held_database_fails_the_run_clearly_and_the_next_run_loads_everything(
        demo_site, clean_run, tmp_path, prefect_harness, monkeypatch):
    from flows.ingest import ingest

    _, sources = demo_site
    db, archive = tmp_path / "held.duckdb", tmp_path / "archive"
    run = dict(sources_file=str(sources), db=str(db), archive=str(archive))
    connect(db).close()   # the schema exists; the holder below opens it as any DuckDB client would
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text("[load]\nlock_wait_seconds = 1.5\n", encoding="utf-8")
    monkeypatch.setenv("BAOCAO_CONFIG", str(settings_file))

    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(DatabaseBusy) as failure:
            ingest(**run)
    finally:
        holder.stdin.close()
        try:
            holder.wait(timeout=20)
        except subprocess.TimeoutExpired:
            holder.kill()
            holder.wait(timeout=10)

    message = str(failure.value)
    assert f"PID {holder.pid}" in message and "Waited 1.5 s" in message, message
    row = failure.value.run_row
    assert row["status"] == "failed" and row["pages_fetched"] > 0 and row["records_loaded"] == 0, row
    assert "the next run records this row" in row["message"], row
    # Whole batches or nothing: the batch that could not be written left no trace.
    assert sum(contents(db)["documents"].values()) == 0

    # The holder has let go: the next run loads what the failed one fetched, and records both runs.
    second = ingest(**run)
    assert second["status"] == "completed" and second["pages_fetched"] == 0, second
    assert contents(db) == clean_run.contents
    recorded = runs(db)
    assert [(flow, status) for flow, status, *_ in recorded] == [("ingest", "failed"), ("ingest", "completed")]
    assert f"PID {holder.pid}" in recorded[0][2], recorded


def test_ingest_on_dask_processes_gives_the_same_database_as_on_threads(
        demo_site, clean_run, tmp_path, prefect_harness):
    from flows.ingest import ingest
    from tasks import orchestrated

    _, sources = demo_site
    db, archive = tmp_path / "dask.duckdb", tmp_path / "archive"
    row = ingest(sources_file=str(sources), db=str(db), archive=str(archive), runner="dask:2")
    assert row["status"] == "completed" and row["pages_failed"] == 0 and row["pages_fetched"] > 0, row
    assert contents(db) == clean_run.contents
    # Every fetch ran in the cluster's worker processes: this process made no Fetcher for the run.
    assert not any(cfg.archive == str(archive) for cfg in orchestrated._fetchers)
