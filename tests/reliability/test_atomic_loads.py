"""Atomic loads: a process killed (SIGKILL) inside a load leaves the database as it was before it.

A real child process loads a large batch into a real DuckDB file: new values for documents
already stored plus documents never seen. It is killed either right after a chosen statement
of the load's transaction (documents upserted, observations deleted, observations inserted,
quarantine rewritten) or after a measured delay. The database must then hold exactly what it
held before — the older values intact, none of the new documents, no half document — open
cleanly, and take the same load to completion.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tasks.db import connect
from tasks.load import load_documents
from tests.load.builders import fresh_database
from tests.reliability.kit import load_batch, scalar, snapshot

REPO = Path(__file__).resolve().parents[2]
OLD_DOCS = 20          # documents stored before the killed load (generation 1)
NEW_DOCS = 150         # the killed batch: the OLD_DOCS again with new values, then new documents
WAIT_SECONDS = 60      # bound on waiting for the child to reach its point


def _state(db: Path) -> dict:
    return {"observations": snapshot(db, "observations"), "documents": snapshot(db, "documents"),
            "quarantine": snapshot(db, "quarantine")}


@pytest.fixture
def loaded(tmp_path):
    """A database holding OLD_DOCS documents, and its state."""
    db = fresh_database(tmp_path)
    con = connect(db, wait_seconds=5)
    try:
        load_documents(con, load_batch(0, OLD_DOCS, generation=1))
    finally:
        con.close()
    return db, _state(db)


def _child(db: Path, n: int, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-m", "tests.reliability.load_child", str(db), "0", str(n), "2",
                             *extra], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for(path: Path, child: subprocess.Popen) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not path.exists():
        if child.poll() is not None:
            raise AssertionError(f"child ended before {path.name}: {child.stderr.read().decode()[-2000:]}")
        if time.monotonic() > deadline:
            child.kill()
            raise AssertionError(f"child never wrote {path.name} within {WAIT_SECONDS} s")
        time.sleep(0.01)


def _kill(child: subprocess.Popen) -> int:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=WAIT_SECONDS)
    child.stdout.close()
    child.stderr.close()
    return child.returncode


def _load_completes(db: Path) -> None:
    """The next load of the same batch finishes and leaves every new value in place."""
    con = connect(db, wait_seconds=5)
    try:
        summary = load_documents(con, load_batch(0, NEW_DOCS, generation=2))
    finally:
        con.close()
    assert summary.documents == NEW_DOCS
    assert scalar(db, "SELECT count(DISTINCT doc_id) FROM observations") == NEW_DOCS
    assert scalar(db, "SELECT count(*) FROM observations") == summary.observations
    # Generation 2 everywhere: no value of generation 1 survived next to it.
    assert scalar(db, "SELECT count(*) FROM observations WHERE round(value) % 10 <> 2") == 0
    assert scalar(db, "SELECT count(*) FROM quarantine") == NEW_DOCS


@pytest.mark.parametrize("statement", [
    "INSERT INTO documents",          # documents upserted, observations untouched
    "DELETE FROM observations",       # the old observations of changed documents gone
    "INSERT INTO observations",       # the new observations written
    "INSERT INTO quarantine",         # quarantine rewritten; only the cleanup and COMMIT remain
])
def test_a_load_killed_inside_its_transaction_leaves_the_database_as_before(loaded, tmp_path, statement):
    db, before = loaded
    paused = tmp_path / "paused"
    child = _child(db, NEW_DOCS, "--pause-after", statement, "--signal", str(paused))
    _wait_for(paused, child)
    assert _kill(child) == -signal.SIGKILL

    assert _state(db) == before          # opens cleanly (read-only, then read-write below), nothing half done
    _load_completes(db)


def test_loads_killed_after_measured_delays_are_all_or_nothing(loaded, tmp_path):
    """Kill points chosen by time across the whole load: each kill leaves the old or the complete state."""
    db, before = loaded
    pristine = db.read_bytes()           # closed cleanly: the file holds everything, no WAL beside it

    def copy(name: str) -> Path:
        path = tmp_path / name
        path.write_bytes(pristine)
        return path

    # How long one load takes here, measured on a copy, so the delays land inside it.
    probe = copy("probe.duckdb")
    ready = tmp_path / "ready-probe"
    child = _child(probe, NEW_DOCS, "--ready", str(ready))
    _wait_for(ready, child)
    started = time.monotonic()
    assert child.wait(timeout=WAIT_SECONDS) == 0, child.stderr.read().decode()[-2000:]
    duration = time.monotonic() - started
    child.stdout.close()
    child.stderr.close()
    after = _state(probe)
    assert after != before

    outcomes = []
    for i, share in enumerate((0.15, 0.5, 0.9)):
        target = copy(f"run-{i}.duckdb")
        ready = tmp_path / f"ready-{i}"
        child = _child(target, NEW_DOCS, "--ready", str(ready))
        _wait_for(ready, child)
        time.sleep(duration * share)
        _kill(child)
        state = _state(target)
        assert state in (before, after), f"a kill at {share:.0%} of the load left a third state"
        outcomes.append("before" if state == before else "after")
    assert "before" in outcomes, f"no kill landed inside a load ({outcomes}): the test proved nothing"
    _load_completes(target)
