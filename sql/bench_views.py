"""Print how long the rollup views take on a synthetic database of about 1.3 million observations.

    .venv/bin/python sql/bench_views.py [--areas 400] [--keep PATH]

Each area gets 12 additive indicators × 10 years × 12 months of cumulative figures ([1..m]),
a reported month every quarter end, and a yoy_pct per cumulative figure. Prints the best of
five runs of a one-area query on each view, then one full scan of each. Figures only: no
assertion, nothing leaves the machine.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tasks.db import connect  # noqa: E402
from tasks.load import OBSERVATION_COLUMNS  # noqa: E402

VIEWS = ("indicator_values", "monthly", "quarterly", "yearly", "coverage", "reconciliation")


def synthetic_observations(areas: int, codes: list[str]) -> pd.DataFrame:
    rng = random.Random(1)
    rows = []
    for a in range(areas):
        area = f"Khu {a:03d}"
        for indicator in codes:
            for year in range(2015, 2025):
                cumulative = 0.0
                for month in range(1, 13):
                    value = rng.uniform(100, 1000)
                    cumulative += value
                    doc = f"{area}-{year}-{month:02d}"
                    rows.append((doc, area, indicator, year, 1, month, "actual", cumulative, "million_vnd",
                                 False, "", 0, 0, "", "bench"))
                    if month % 3 == 0:
                        rows.append((doc, area, indicator, year, month, month, "actual", value, "million_vnd",
                                     False, "", 0, 0, "", "bench"))
                    rows.append((doc, area, indicator, year, 1, month, "yoy_pct", 105.0, "percent",
                                 False, "", 0, 0, "", "bench"))
    return pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)


def best_of(con, sql: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        con.execute(sql).fetchall()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=400)
    parser.add_argument("--keep", type=Path, help="write the database here (default: a temporary directory)")
    args = parser.parse_args()
    workdir = tempfile.TemporaryDirectory()
    path = args.keep or Path(workdir.name) / "bench.duckdb"
    con = connect(path, wait_seconds=5)
    codes = [r[0] for r in con.execute("SELECT code FROM indicators WHERE additive ORDER BY code").fetchall()][:12]
    frame = synthetic_observations(args.areas, codes)
    con.register("bench_rows", frame)
    con.execute("INSERT INTO observations SELECT * FROM bench_rows")
    con.execute("""INSERT INTO documents (doc_id, url, published)
                   SELECT DISTINCT doc_id, 'bench:' || doc_id, DATE '2020-01-01' FROM bench_rows""")
    con.unregister("bench_rows")
    con.execute("CHECKPOINT")
    con.close()
    con = connect(path, read_only=True, wait_seconds=5)
    con.execute("SET enable_progress_bar = false")
    print(f"{len(frame):,} observations, {args.areas} areas")
    for view in VIEWS:
        seconds = best_of(con, f"SELECT * FROM {view} WHERE area = 'Khu 017'", 5)
        print(f"one area   {view:18s} {seconds * 1000:8.1f} ms")
    for view in VIEWS:
        seconds = best_of(con, f"SELECT count(*) FROM (SELECT * FROM {view})", 1)
        print(f"every area {view:18s} {seconds:8.2f} s")
    con.close()
    workdir.cleanup()


if __name__ == "__main__":
    main()
