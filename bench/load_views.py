"""About a million synthetic observations through the real load path, then the rollup views timed on them.

    .venv/bin/python bench/load_views.py [--areas 300] [--batch 1000] [--keep PATH] [--json] [--floor]

Each area gets 12 additive indicators × 10 years × 12 monthly reports; a report states,
per indicator, the cumulative figure [1..m], the month [m..m] at each quarter end, and a
yoy_pct for [1..m] (300 areas: 1,008,000 observations in 36,000 documents). The documents
go through tasks.load.load_documents in batches (one transaction each), as the pipeline
loads them; then a one-area query on each view is timed (best of five, after one warm-up)
and one full read of each. --floor also times DuckDB alone on the same observations (Arrow
tables the loader built, inserted and committed batch by batch): the part of a load no
Python change can remove. Figures only: no assertion, nothing leaves the machine.
(This was sql/bench_views.py, which inserted rows directly; it now uses the loader.)
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tasks.db import connect  # noqa: E402
from tasks.documents import Document  # noqa: E402
from tasks.load import load_documents  # noqa: E402
from tasks.parse.record import Record  # noqa: E402

ONE_AREA_VIEWS = ("indicator_values", "monthly", "quarterly", "yearly", "coverage", "reconciliation")
FULL_VIEWS = ("indicator_values", "monthly", "quarterly")
QUERY_AREA = "Khu 017"


def synthetic_documents(areas: int, codes: list[str]):
    """(Document, records) per area, year and month, in the order reports would arrive."""
    rng = random.Random(1)
    for year in range(2015, 2025):
        for month in range(1, 13):
            for a in range(areas):
                area = f"Khu {a:03d}"
                url = f"bench:{area}/{year}-{month:02d}"
                doc = Document(doc_id=f"{a:03d}{year}{month:02d}", url=url, title=url,
                               published=date(year, month, 28) if month < 12 else date(year + 1, 1, 5),
                               fetched_at=datetime(2025, 1, 1), content_sha256="0" * 64, text="",
                               source="bench")
                records = []
                for indicator in codes:
                    value = rng.uniform(100, 1000)
                    cumulative = value * month
                    records.append(Record(area, indicator, year, 1, month, "actual", cumulative, "million_vnd",
                                          False, "", 0, 0, ""))
                    if month % 3 == 0:
                        records.append(Record(area, indicator, year, month, month, "actual", value,
                                              "million_vnd", False, "", 0, 0, ""))
                    records.append(Record(area, indicator, year, 1, month, "yoy_pct", 105.0, "percent",
                                          False, "", 0, 0, ""))
                yield doc, records


def best_of(con, sql: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        con.execute(sql).fetchall()
        best = min(best, time.perf_counter() - started)
    return best


def duckdb_floor(areas: int, batch_size: int, path: Path) -> dict:
    """DuckDB's own share of a load: the same batches' observations, already Arrow tables built by
    the loader (untimed), inserted and committed one transaction each, then a checkpoint."""
    from tasks.load import LoadSummary, _known_indicators, _observations_of, utc_now

    con = connect(path, wait_seconds=5)
    codes = [r[0] for r in con.execute(
        "SELECT code FROM indicators WHERE additive AND unit = 'million_vnd' ORDER BY code").fetchall()][:12]
    docs = list(synthetic_documents(areas, codes))
    indicators = _known_indicators()
    tables = [_observations_of([(d, list(r)) for d, r in docs[i:i + batch_size]], indicators, "bench", utc_now(),
                               LoadSummary())[0]
              for i in range(0, len(docs), batch_size)]
    n_obs = sum(t.num_rows for t in tables)
    del docs
    started = time.perf_counter()
    for table in tables:
        con.register("floor_batch", table)
        con.execute("BEGIN TRANSACTION")
        con.execute("INSERT INTO observations SELECT * FROM floor_batch")
        con.execute("COMMIT")
        con.unregister("floor_batch")
    commit_seconds = time.perf_counter() - started
    started = time.perf_counter()
    con.execute("CHECKPOINT")
    checkpoint_seconds = time.perf_counter() - started
    con.close()
    return {"observations": n_obs, "insert_commit_seconds": commit_seconds, "checkpoint_seconds": checkpoint_seconds,
            "rows_per_second": n_obs / commit_seconds,
            "rows_per_second_with_checkpoint": n_obs / (commit_seconds + checkpoint_seconds)}


def run(areas: int, batch_size: int, path: Path) -> dict:
    con = connect(path, wait_seconds=5)
    codes = [r[0] for r in con.execute(
        "SELECT code FROM indicators WHERE additive AND unit = 'million_vnd' ORDER BY code").fetchall()][:12]
    docs = list(synthetic_documents(areas, codes))
    n_obs = sum(len(r) for _, r in docs)
    batches = [docs[i:i + batch_size] for i in range(0, len(docs), batch_size)]
    started, cpu_started = time.perf_counter(), time.process_time()
    for batch in batches:
        load_documents(con, batch, version="bench")
    load_seconds = time.perf_counter() - started
    load_cpu_seconds = time.process_time() - cpu_started
    # What the WAL still holds goes into the file at a checkpoint (at the latest when the
    # connection closes): part of the cost of loading, so timed with it.
    started = time.perf_counter()
    con.execute("CHECKPOINT")
    checkpoint_seconds = time.perf_counter() - started
    # The same batches again: every document unchanged (what a re-run's load costs).
    started = time.perf_counter()
    for batch in batches[:max(1, len(batches) // 4)]:
        load_documents(con, batch, version="bench")
    reload_seconds = (time.perf_counter() - started) / max(1, len(batches) // 4) * len(batches)
    stored = con.execute("SELECT count(*) FROM observations").fetchone()[0]
    con.execute("CHECKPOINT")
    con.close()
    del docs, batches

    con = connect(path, read_only=True, wait_seconds=5)
    con.execute("SET enable_progress_bar = false")
    one_area = {}
    for view in ONE_AREA_VIEWS:
        sql = f"SELECT * FROM {view} WHERE area = '{QUERY_AREA}'"
        con.execute(sql).fetchall()   # warm-up: first touch of the file's blocks
        one_area[view] = best_of(con, sql, 5)
    full = {view: best_of(con, f"SELECT count(*) FROM (SELECT * FROM {view})", 1) for view in FULL_VIEWS}
    con.close()
    return {"observations": n_obs, "stored": stored, "documents": areas * 120, "batches": len(range(0, areas * 120, batch_size)),
            "load_seconds": load_seconds, "rows_per_second": n_obs / load_seconds,
            "load_cpu_seconds": load_cpu_seconds, "checkpoint_seconds": checkpoint_seconds,
            "rows_per_second_with_checkpoint": n_obs / (load_seconds + checkpoint_seconds),
            "unchanged_reload_seconds": reload_seconds,
            "one_area_ms": {k: v * 1000 for k, v in one_area.items()},
            "every_area_s": full, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=300)
    parser.add_argument("--batch", type=int, default=1000, help="documents per load_documents call")
    parser.add_argument("--keep", type=Path, help="write the database here (default: a temporary directory)")
    parser.add_argument("--json", action="store_true", help="print one JSON object (for bench/run.py)")
    parser.add_argument("--floor", action="store_true",
                        help="also time DuckDB alone: the same observations inserted from ready Arrow tables")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        path = args.keep or Path(workdir) / "bench.duckdb"
        result = run(args.areas, args.batch, path)
        if args.floor:
            result["duckdb_floor"] = duckdb_floor(args.areas, args.batch, Path(workdir) / "floor.duckdb")
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['observations']:,} observations in {result['documents']:,} documents, "
          f"{result['batches']} batches: loaded in {result['load_seconds']:.2f} s "
          f"({result['rows_per_second']:,.0f} rows/s, CPU {result['load_cpu_seconds']:.2f} s), then a checkpoint "
          f"{result['checkpoint_seconds']:.2f} s ({result['rows_per_second_with_checkpoint']:,.0f} rows/s with it); "
          f"unchanged reload {result['unchanged_reload_seconds']:.2f} s; peak RSS {result['peak_rss_mb']:.0f} MB")
    if "duckdb_floor" in result:
        floor = result["duckdb_floor"]
        print(f"DuckDB alone (ready Arrow tables): insert and commit {floor['insert_commit_seconds']:.2f} s "
              f"({floor['rows_per_second']:,.0f} rows/s), checkpoint {floor['checkpoint_seconds']:.2f} s "
              f"({floor['rows_per_second_with_checkpoint']:,.0f} rows/s with it)")
    for view, ms in result["one_area_ms"].items():
        print(f"one area   {view:18s} {ms:8.1f} ms")
    for view, s in result["every_area_s"].items():
        print(f"every area {view:18s} {s:8.2f} s")


if __name__ == "__main__":
    main()
