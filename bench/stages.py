"""One benchmark stage per process, so that each stage's peak memory is its own.

    .venv/bin/python bench/stages.py STAGE '{"json": "arguments"}'    (or @file holding the JSON)

Prints one JSON object on its last line: the stage's figures, with `seconds` (wall time
measured inside the process, after its imports) and `peak_rss_mb` (ru_maxrss of this
process). bench/run.py starts these and times each process from the outside too.
"""
from __future__ import annotations

import json
import multiprocessing
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# The options tasks/extract.py passes: the limit is the same extraction, without anything around it.
from tasks.extract import TRAFILATURA_OPTIONS  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _trafilatura_over(paths: list[str]) -> int:
    import trafilatura
    chars = 0
    for p in paths:
        chars += len(trafilatura.extract(Path(p).read_bytes(), **TRAFILATURA_OPTIONS) or "")
    return chars


def extract_limit(files: list[str], processes: int = 1) -> dict:
    """trafilatura.extract alone over the pages' bytes, in one process or a pool."""
    import trafilatura  # noqa: F401 - imported before the clock starts
    _trafilatura_over(files[:3])      # first-call setup outside the timing
    size = sum(Path(p).stat().st_size for p in files)
    started, cpu = time.perf_counter(), time.process_time()
    if processes == 1:
        chars = _trafilatura_over(files)
    else:
        chunks = [files[i::processes * 4] for i in range(processes * 4)]
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            chars = sum(pool.map(_trafilatura_over, chunks))
    seconds = time.perf_counter() - started
    return {"pages": len(files), "bytes": size, "chars": chars, "seconds": seconds, "processes": processes,
            "loop_cpu_s": time.process_time() - cpu}


def extract_and_parse(files: list[str]) -> dict:
    """The project's extraction (tasks.extract) and then the parser alone over the texts it gave."""
    from tasks.extract import extracted_from_body
    from tasks.parse import records_from
    extracted_from_body(Path(files[0]).read_bytes(), content_type="text/html", url="http://127.0.0.1/x.html")
    bodies = [Path(p).read_bytes() for p in files]
    started, cpu = time.perf_counter(), time.process_time()
    texts = [extracted_from_body(b, content_type="text/html; charset=utf-8", url=f"http://127.0.0.1/{i}.html")
             for i, b in enumerate(bodies)]
    extract_seconds = time.perf_counter() - started
    started = time.perf_counter()
    records = 0
    for e in texts:
        records += len(records_from(e.text, title=e.title, published=e.published))
    parse_seconds = time.perf_counter() - started
    return {"pages": len(files), "bytes": sum(map(len, bodies)),
            "text_bytes": sum(len(e.text.encode()) for e in texts), "records": records,
            "extract_seconds": extract_seconds, "parse_seconds": parse_seconds,
            "loop_cpu_s": time.process_time() - cpu}


def empty_flow() -> dict:
    """An empty flow started as the ingest is: same imports, same ephemeral server start."""
    import flows.ingest  # noqa: F401 - the same imports as the ingest stage
    from prefect import flow

    @flow(name="bench-empty")
    def empty() -> int:
        return 0

    started = time.perf_counter()
    empty()
    return {"seconds": time.perf_counter() - started}


def task_seconds(flow_run_id: str) -> dict:
    """Run time of the flow run's tasks, summed per task name (where the flow's time went)."""
    try:
        from prefect.client.orchestration import get_client
        from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
        runs = []
        with get_client(sync_client=True) as client:
            while True:   # the API answers at most 200 at a time
                page = client.read_task_runs(
                    flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])),
                    limit=200, offset=len(runs))
                runs += page
                if len(page) < 200:
                    break
    except Exception as e:  # noqa: BLE001 - a breakdown is a bonus, never a failed stage
        return {"error": f"{type(e).__name__}: {e}"}
    out: dict = {}
    for r in runs:
        name = r.name.rsplit("-", 1)[0]
        entry = out.setdefault(name, {"runs": 0, "seconds": 0.0})
        entry["runs"] += 1
        entry["seconds"] += r.total_run_time.total_seconds()
    return out


def ingest(sources: str, db: str, archive: str) -> dict:
    from flows.ingest import ingest as ingest_flow
    started = time.perf_counter()
    row = ingest_flow(sources_file=sources, db=db, archive=archive)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "tasks": task_seconds(row["run_id"]), "row": {k: row.get(k) for k in (
        "status", "pages_discovered", "pages_fetched", "pages_unchanged", "pages_failed",
        "documents_parsed", "records_loaded", "quarantined", "started", "finished", "message")}}


def reparse(sources: str, db: str, archive: str) -> dict:
    from flows.backfill import backfill
    started = time.perf_counter()
    row = backfill(reparse=True, sources_file=sources, db=db, archive=archive)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "tasks": task_seconds(row["run_id"]), "row": {k: row.get(k) for k in (
        "status", "pages_fetched", "documents_parsed", "records_loaded", "quarantined", "started", "finished",
        "message")}}


def politeness(urls: list[str], delay: float, max_workers: list[int]) -> dict:
    """Fetcher.fetch_many over the pages of many hosts, each host with a minimum delay.

    max_workers 0 means fetch_many's own default (what the pipeline's fetch task uses).
    """
    from urllib.parse import urlsplit

    from tasks.fetch import Fetcher
    from tasks.settings import settings
    hosts = {urlsplit(u).hostname for u in urls}
    per_host = len(urls) // len(hosts)
    out = {"hosts": len(hosts), "pages_per_host": per_host, "delay": delay,
           "floor_seconds": per_host * delay, "runs": {}}
    for workers in max_workers:
        fetcher = Fetcher(settings().fetch, allowed_hosts=hosts, archive=None,
                          min_delay={h: delay for h in hosts})
        started = time.perf_counter()
        results = list(fetcher.fetch_many(urls, **({"max_workers": workers} if workers else {})))
        seconds = time.perf_counter() - started
        fetched = sum(1 for r in results if r.outcome == "fetched")
        out["runs"]["default" if not workers else str(workers)] = {"seconds": seconds, "fetched": fetched}
    return out


def load_views(areas: int, batch: int) -> dict:
    sys.path.insert(0, str(REPO / "bench"))
    import tempfile

    from load_views import run
    with tempfile.TemporaryDirectory() as d:
        return run(areas, batch, Path(d) / "bench.duckdb")


STAGES = {"extract_limit": extract_limit, "extract_and_parse": extract_and_parse, "empty_flow": empty_flow,
          "ingest": ingest, "reparse": reparse, "politeness": politeness, "load_views": load_views}


def main() -> None:
    name = sys.argv[1]
    raw = sys.argv[2] if len(sys.argv) > 2 else "{}"
    # Long arguments (thousands of paths) come in a file: '@path'.
    args = json.loads(Path(raw[1:]).read_text() if raw.startswith("@") else raw)
    result = STAGES[name](**args)
    result["peak_rss_mb"] = peak_rss_mb()
    # CPU seconds of this process (all threads) and of its finished children (the ephemeral
    # Prefect server, a process pool): on a shared machine, wall time also counts others' work.
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    result["cpu_s"] = me.ru_utime + me.ru_stime
    result["children_cpu_s"] = children.ru_utime + children.ru_stime
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
