"""A child process that loads a large batch and can be made to stop inside the load's transaction.

    python -m tests.reliability.load_child DB FIRST N GENERATION [--pause-after SQL] [--signal FILE]
        [--ready FILE]

--pause-after: after the statement starting with that SQL has run, write --signal and sleep
(the parent kills the process there). --ready: written just before the load starts.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path


class PausingConnection:
    """A real DuckDB connection that stops after one chosen statement, inside the caller's transaction."""

    def __init__(self, con, after: str, signal: Path):
        self._con, self._after, self._signal = con, after, signal

    def execute(self, sql, *args, **kwargs):
        result = self._con.execute(sql, *args, **kwargs)
        if " ".join(str(sql).split()).startswith(self._after):
            self._signal.write_text("paused")
            time.sleep(120)   # the parent sends SIGKILL long before this ends
        return result

    def __getattr__(self, name):
        return getattr(self._con, name)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("first", type=int)
    parser.add_argument("n", type=int)
    parser.add_argument("generation", type=int)
    parser.add_argument("--pause-after")
    parser.add_argument("--signal", type=Path)
    parser.add_argument("--ready", type=Path)
    args = parser.parse_args()

    from tasks.db import connect
    from tasks.load import load_documents
    from tests.reliability.kit import load_batch

    batch = load_batch(args.first, args.n, args.generation)
    con = connect(args.db, wait_seconds=10)
    target = PausingConnection(con, args.pause_after, args.signal) if args.pause_after else con
    if args.ready:
        args.ready.write_text("loading")
    summary = load_documents(target, batch)
    con.close()
    print(f"loaded {summary.documents} documents, {summary.observations} observations")


if __name__ == "__main__":
    main()
