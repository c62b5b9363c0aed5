"""The whole pipeline against its limits, side by side in one run; writes bench/RESULTS.md.

    .venv/bin/python bench/run.py [--pages 2000] [--full] [--out bench/RESULTS.md]   (make bench)

A corpus of report pages (bench/corpus.py: the sample site's pages with other areas,
years and figures) is served on loopback hosts 127.0.0.2… (one source each), then,
each stage in its own process (bench/stages.py) so its peak memory is its own:

 1. the limit: trafilatura.extract alone over the same HTML, one process and two;
 2. the project's extraction (tasks.extract) and the parser alone over its texts;
 3. Prefect's fixed start: an empty flow started as the ingest is, on a fresh PREFECT_HOME;
 4. the ingest flow cold (fresh PREFECT_HOME, ephemeral server, empty database and archive);
 5. an empty flow again on that home, then the same ingest with nothing changed;
 6. backfill --reparse of everything from the archive;
 7. politeness: 20 hosts × 20 pages with a 0.5 s delay through Fetcher.fetch_many;
 8. about a million synthetic observations through tasks.load.load_documents, and the
    rollup views timed on them (bench/load_views.py).
With --full, a 20,000-page corpus is ingested and re-parsed too, for peak memory against N.
Every figure of one run comes from that run: ratios compare stages measured minutes apart
on the same machine, never figures of different runs. Nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from corpus import ITEMS_PER_LISTING, sources_toml, write_corpus  # noqa: E402

PY = sys.executable
STAGES = REPO / "bench" / "stages.py"
CORPUS_HOSTS = [f"127.0.0.{i}" for i in range(2, 6)]          # four sources of the corpus
POLITE_HOSTS = [f"127.0.0.{i}" for i in range(2, 22)]         # 20 hosts for the politeness stage
POLITE_PAGES, POLITE_DELAY = 20, 0.5
TASK_NAMES = ("discover", "fetch", "extract", "load", "reparse-stored")

# Targets of the issue: (figure key, comparison, threshold, words).
TARGETS = {
    "ingest_over_limit": ("<=", 1.3, "cold ingest per-page cost ≤ 1.3 × extraction alone (1 process)"),
    "politeness_over_floor": ("<=", 1.5, "20 hosts × 20 pages at 0.5 s: ≤ 1.5 × the 10 s floor"),
    "rerun_over_cold": ("<", 0.05, "unchanged re-run < 5 % of the cold run (net of Prefect's start)"),
    "load_rows_per_second": (">=", 500_000, "load ≥ 500,000 observations/s through load_documents"),
    "memory_growth": ("<=", 1.25, "peak RSS flat in N (20,000 pages ≤ 1.25 × 2,000 pages)"),
    "monthly_one_area_ms": ("<", 100, "monthly, one area, ~1M observations < 100 ms"),
    "quarterly_one_area_ms": ("<", 100, "quarterly, one area, ~1M observations < 100 ms"),
}


def prefect_env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    # A busy machine can take longer than the default 20 s to bring the ephemeral server up.
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1",
               PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="120",
               PYTHONPATH=str(REPO))
    return env


def stage(name: str, args: dict, workdir: Path, env: dict | None = None, log=None) -> dict:
    """Run one stage in a fresh process; its figures plus `wall` (process start to exit, seen from here)."""
    arg_file = workdir / f"args-{name}-{time.monotonic_ns()}.json"
    arg_file.write_text(json.dumps(args))
    started = time.perf_counter()
    proc = subprocess.run([PY, str(STAGES), name, f"@{arg_file}"], cwd=REPO, env=env or prefect_env(workdir / "ph"),
                          capture_output=True, text=True, timeout=1800)
    wall = time.perf_counter() - started
    if log is not None:
        log.write(f"==== {name}\n{proc.stderr[-4000:]}\n")
    if proc.returncode != 0:
        raise SystemExit(f"stage {name} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    print(f"  {name:18s} {wall:7.1f} s wall, peak RSS {result['peak_rss_mb']:.0f} MB", flush=True)
    return result


def serve_corpus(stack: ExitStack, root: Path, hosts: list[str]) -> list[str]:
    from flows.demo import _server_module
    server = _server_module()
    return [stack.enter_context(server.serve(root / h, host=h, port=0)) for h in hosts]


def pipeline_run(n: int, workdir: Path, log, with_offline: bool = True) -> dict:
    """Corpus of n pages, served; the offline limits and the flows over it."""
    root = workdir / f"corpus-{n}"
    started = time.perf_counter()
    pages = write_corpus(root, n, CORPUS_HOSTS)
    print(f"corpus: {n:,} pages, {sum(p.size for p in pages) / 1e6:.1f} MB, "
          f"written in {time.perf_counter() - started:.1f} s", flush=True)
    files = [str(root / p.host / p.path.lstrip("/")) for p in pages]
    out: dict = {"pages": n, "bytes": sum(p.size for p in pages)}
    with ExitStack() as stack:
        bases = serve_corpus(stack, root, CORPUS_HOSTS)
        sources = workdir / f"sources-{n}.toml"
        listing_pages = -(-n // len(CORPUS_HOSTS) // ITEMS_PER_LISTING) + 1
        sources.write_text(sources_toml(bases, listing_pages), encoding="utf-8")
        if with_offline:
            out["limit1"] = stage("extract_limit", {"files": files, "processes": 1}, workdir, log=log)
            out["limit2"] = stage("extract_limit", {"files": files, "processes": 2}, workdir, log=log)
            out["offline"] = stage("extract_and_parse", {"files": files}, workdir, log=log)
        db, archive = str(workdir / f"db-{n}.duckdb"), str(workdir / f"archive-{n}")
        flow_args = {"sources": str(sources), "db": db, "archive": archive}
        cold_home, run_home = workdir / f"prefect-empty-{n}", workdir / f"prefect-{n}"
        out["empty_cold"] = stage("empty_flow", {}, workdir, prefect_env(cold_home), log)
        out["ingest_cold"] = stage("ingest", flow_args, workdir, prefect_env(run_home), log)
        out["empty_warm"] = stage("empty_flow", {}, workdir, prefect_env(run_home), log)
        out["ingest_rerun"] = stage("ingest", flow_args, workdir, prefect_env(run_home), log)
        out["reparse"] = stage("reparse", flow_args, workdir, prefect_env(run_home), log)
    return out


def politeness_run(workdir: Path, log) -> dict:
    root = workdir / "polite"
    write_corpus(root, len(POLITE_HOSTS) * POLITE_PAGES, POLITE_HOSTS)
    with ExitStack() as stack:
        bases = serve_corpus(stack, root, POLITE_HOSTS)
        by_host = {b.split("//")[1].split(":")[0]: b for b in bases}
        urls = []
        for p in sorted((root).glob("*/tin-tuc/*.html")):
            host = p.parts[-3]
            if not p.name.startswith("trang-"):
                urls.append(f"{by_host[host]}/tin-tuc/{p.name}")
        return stage("politeness", {"urls": urls, "delay": POLITE_DELAY, "max_workers": [0, len(POLITE_HOSTS)]},
                     workdir, log=log)


def net_seconds(run: dict) -> tuple[float, float, float]:
    """Wall seconds of the cold ingest, the unchanged re-run and the reparse, each less Prefect's fixed start.

    The cold ingest ran on a fresh PREFECT_HOME, the other two on a used one: each
    is net of the empty flow started the same way.
    """
    return (run["ingest_cold"]["wall"] - run["empty_cold"]["wall"],
            run["ingest_rerun"]["wall"] - run["empty_warm"]["wall"],
            run["reparse"]["wall"] - run["empty_warm"]["wall"])


def figures(main: dict, polite: dict, load: dict, full: dict | None) -> dict:
    n = main["pages"]
    limit1 = main["limit1"]["seconds"]
    ingest_net, rerun_net, reparse_net = net_seconds(main)
    offline = main["offline"]
    f = {
        "pages": n, "mb": main["bytes"] / 1e6,
        "limit1_pages_s": n / limit1, "limit1_mb_s": main["bytes"] / 1e6 / limit1,
        "limit1_ms_page": limit1 / n * 1000,
        "limit2_pages_s": n / main["limit2"]["seconds"],
        "limit2_speedup": limit1 / main["limit2"]["seconds"],
        "extract_pages_s": n / offline["extract_seconds"],
        "extract_ms_page": offline["extract_seconds"] / n * 1000,
        "parse_pages_s": n / offline["parse_seconds"], "parse_ms_page": offline["parse_seconds"] / n * 1000,
        "parse_text_mb_s": offline["text_bytes"] / 1e6 / offline["parse_seconds"],
        "records": offline["records"],
        "prefect_start_cold_s": main["empty_cold"]["wall"], "prefect_start_warm_s": main["empty_warm"]["wall"],
        "ingest_wall_s": main["ingest_cold"]["wall"], "ingest_net_s": ingest_net,
        "ingest_pages_s": n / ingest_net, "ingest_ms_page": ingest_net / n * 1000,
        "ingest_over_limit": ingest_net / limit1,
        "ingest_over_limit2": ingest_net / main["limit2"]["seconds"],
        "ingest_row": main["ingest_cold"]["row"],
        "rerun_wall_s": main["ingest_rerun"]["wall"], "rerun_net_s": rerun_net,
        "rerun_row": main["ingest_rerun"]["row"],
        "rerun_over_cold": rerun_net / ingest_net,
        "ingest_over_limit_cpu": (main["ingest_cold"]["cpu_s"] - main["empty_cold"]["cpu_s"])
        / main["limit1"]["loop_cpu_s"],
        "rerun_over_cold_cpu": (main["ingest_rerun"]["cpu_s"] - main["empty_warm"]["cpu_s"])
        / (main["ingest_cold"]["cpu_s"] - main["empty_cold"]["cpu_s"]),
        "reparse_over_offline_cpu": (main["reparse"]["cpu_s"] - main["empty_warm"]["cpu_s"])
        / main["offline"]["loop_cpu_s"],
        "rerun_over_cold_raw": main["ingest_rerun"]["wall"] / main["ingest_cold"]["wall"],
        "reparse_wall_s": main["reparse"]["wall"], "reparse_net_s": reparse_net,
        "reparse_row": main["reparse"]["row"],
        "reparse_over_offline": reparse_net / (offline["extract_seconds"] + offline["parse_seconds"]),
        "cpu": {k: {"self": main[k]["cpu_s"], "children": main[k]["children_cpu_s"]}
                for k in ("limit1", "limit2", "offline", "empty_cold", "ingest_cold", "empty_warm",
                          "ingest_rerun", "reparse")},
        "tasks": {k: main[k].get("tasks", {}) for k in ("ingest_cold", "ingest_rerun", "reparse")},
        "flow_body_s": {k: _flow_body_seconds(main[k]["row"]) for k in ("ingest_cold", "ingest_rerun", "reparse")},
        "rss": {k: main[k]["peak_rss_mb"] for k in ("limit1", "offline", "empty_cold", "ingest_cold",
                                                       "ingest_rerun", "reparse")},
        "polite": polite,
        "politeness_over_floor": polite["runs"]["default"]["seconds"] / polite["floor_seconds"],
        "politeness_over_floor_one_worker_per_host":
            polite["runs"][str(len(POLITE_HOSTS))]["seconds"] / polite["floor_seconds"],
        "load": load, "load_rows_per_second": load["rows_per_second"],
        "monthly_one_area_ms": load["one_area_ms"]["monthly"],
        "quarterly_one_area_ms": load["one_area_ms"]["quarterly"],
    }
    if full:
        f["full"] = {"pages": full["pages"],
                     "ingest_rss_mb": full["ingest_cold"]["peak_rss_mb"],
                     "reparse_rss_mb": full["reparse"]["peak_rss_mb"],
                     "ingest_net_s": net_seconds(full)[0], "reparse_net_s": net_seconds(full)[2]}
        f["memory_growth"] = max(full["ingest_cold"]["peak_rss_mb"] / main["ingest_cold"]["peak_rss_mb"],
                                 full["reparse"]["peak_rss_mb"] / main["reparse"]["peak_rss_mb"])
    return f


def _flow_body_seconds(row: dict) -> float | None:
    """From the run's own started/finished: the flow function's time, without Prefect around it."""
    try:
        return (datetime.fromisoformat(row["finished"]) - datetime.fromisoformat(row["started"])).total_seconds()
    except (KeyError, TypeError, ValueError):
        return None


def verdict(f: dict, key: str) -> str:
    if key not in f:
        return "not measured (run with --full)"
    op, threshold, _ = TARGETS[key]
    value = f[key]
    met = {"<=": value <= threshold, "<": value < threshold, ">=": value >= threshold}[op]
    return "**met**" if met else "**missed**"


def machine() -> dict:
    import duckdb
    import prefect
    import trafilatura
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"nproc": os.cpu_count(), "memory_gb": round(mem_kb / 1024 / 1024, 1),
            "python": platform.python_version(), "duckdb": duckdb.__version__, "prefect": prefect.__version__,
            "trafilatura": trafilatura.__version__, "load_average": " ".join(f"{x:.1f}" for x in os.getloadavg())}


def markdown(f: dict, m: dict, started: datetime, seconds: float, notes: str) -> str:
    load = f["load"]
    row, rerun, rep = f["ingest_row"], f["rerun_row"], f["reparse_row"]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (`bench/run.py`) on {started:%Y-%m-%d %H:%M} UTC; the run took {seconds / 60:.1f} min.",
        "Every figure below comes from this one run; ratios compare stages measured side by side.",
        "",
        "| machine | |", "|---|---|",
        f"| cores (nproc) | {m['nproc']} |", f"| memory | {m['memory_gb']} GB |",
        f"| load average at the end | {m['load_average']} (other jobs shared the machine) |",
        f"| python | {m['python']} |", f"| duckdb | {m['duckdb']} |", f"| prefect | {m['prefect']} |",
        f"| trafilatura | {m['trafilatura']} |",
        "",
        f"## Pipeline over {f['pages']:,} report pages ({f['mb']:.1f} MB of HTML, 4 loopback hosts)",
        "",
        "| stage | time | pages/s | MB/s | peak RSS |", "|---|---|---|---|---|",
        f"| trafilatura.extract alone, 1 process (the limit) | {f['limit1_ms_page']:.2f} ms/page | "
        f"{f['limit1_pages_s']:.0f} | {f['limit1_mb_s']:.2f} | {f['rss']['limit1']:.0f} MB |",
        f"| trafilatura.extract alone, 2 processes | | {f['limit2_pages_s']:.0f} | "
        f"{f['limit2_pages_s'] * f['mb'] / f['pages']:.2f} | |",
        f"| project extraction (tasks.extract) | {f['extract_ms_page']:.2f} ms/page | {f['extract_pages_s']:.0f} | "
        f"{f['mb'] / (f['pages'] / f['extract_pages_s']):.2f} | {f['rss']['offline']:.0f} MB |",
        f"| parse alone ({f['records']:,} records) | {f['parse_ms_page']:.2f} ms/page | {f['parse_pages_s']:.0f} | "
        f"{f['parse_text_mb_s']:.2f} (of text) | |",
        f"| Prefect's fixed start: empty flow, fresh PREFECT_HOME | {f['prefect_start_cold_s']:.1f} s | | | "
        f"{f['rss']['empty_cold']:.0f} MB |",
        f"| Prefect's fixed start: empty flow, used PREFECT_HOME | {f['prefect_start_warm_s']:.1f} s | | | |",
        f"| ingest cold: whole process | {f['ingest_wall_s']:.1f} s | | | {f['rss']['ingest_cold']:.0f} MB |",
        f"| ingest cold: net of Prefect's start | {f['ingest_net_s']:.1f} s = {f['ingest_ms_page']:.2f} ms/page | "
        f"{f['ingest_pages_s']:.0f} | {f['mb'] / f['ingest_net_s']:.2f} | |",
        f"| ingest again, nothing changed | {f['rerun_wall_s']:.1f} s (net {f['rerun_net_s']:.1f} s) | | | "
        f"{f['rss']['ingest_rerun']:.0f} MB |",
        f"| backfill --reparse from the archive | {f['reparse_wall_s']:.1f} s (net {f['reparse_net_s']:.1f} s) | "
        f"{f['pages'] / f['reparse_net_s']:.0f} | | {f['rss']['reparse']:.0f} MB |",
        "",
        f"Cold ingest: {row['pages_discovered']} discovered, {row['pages_fetched']} fetched, "
        f"{row['documents_parsed']} parsed, {row['records_loaded']} records loaded, {row['quarantined']} quarantined "
        f"({row['status']}). Re-run: {rerun['pages_discovered']} discovered, {rerun['pages_unchanged']} unchanged, "
        f"{rerun['pages_fetched']} fetched, {rerun['documents_parsed']} parsed. Reparse: {rep['documents_parsed']} "
        f"parsed, {rep['records_loaded']} records.",
        "",
        "| ratio | value |", "|---|---|",
        f"| full ingest ÷ extraction limit, 1 process (net of Prefect's start) | {f['ingest_over_limit']:.2f} |",
        f"| full ingest ÷ extraction limit, 2 processes | {f['ingest_over_limit2']:.2f} |",
        f"| 2-process extraction speed-up | {f['limit2_speedup']:.2f} |",
        f"| unchanged re-run ÷ cold run, net of Prefect's start | {f['rerun_over_cold']:.3f} |",
        f"| unchanged re-run ÷ cold run, whole processes | {f['rerun_over_cold_raw']:.2f} |",
        f"| reparse ÷ (extract + parse), net of Prefect's start | {f['reparse_over_offline']:.2f} |",
        f"| parse ÷ trafilatura extraction | {f['parse_ms_page'] / f['limit1_ms_page']:.2f} |",
        "",
        "The same ratios in CPU seconds of the stage's process (all its threads; the ephemeral server's "
        "CPU apart): they hold when other jobs share the machine and stretch wall times.",
        "",
        "| ratio in CPU seconds | value |", "|---|---|",
        f"| full ingest ÷ extraction limit (each net of the empty flow's CPU) | {f['ingest_over_limit_cpu']:.2f} |",
        f"| unchanged re-run ÷ cold run | {f['rerun_over_cold_cpu']:.3f} |",
        f"| reparse ÷ (extract + parse) | {f['reparse_over_offline_cpu']:.2f} |",
        "",
        "| stage | CPU s (process) | CPU s (its child processes: Prefect's server, a pool) |", "|---|---|---|",
    ]
    lines += [f"| {k} | {v['self']:.1f} | {v['children']:.1f} |" for k, v in f["cpu"].items()]
    lines += [
        "",
        "Where the flows' time went: task run time summed per task (tasks overlap on the runner's threads,",
        "so sums can exceed the flow's own time), and the flow function's own time (the run's `started` to",
        "`finished`, without Prefect's start and shutdown):",
        "",
        "| flow | flow body | " + " | ".join(TASK_NAMES) + " |",
        "|---|---|" + "---|" * len(TASK_NAMES),
    ]
    for key, label in (("ingest_cold", "ingest cold"), ("ingest_rerun", "ingest unchanged"), ("reparse", "reparse")):
        tasks = f["tasks"].get(key) or {}
        body = f["flow_body_s"].get(key)
        cells = [f"{tasks[t]['seconds']:.1f} s ({tasks[t]['runs']})" if t in tasks else "" for t in TASK_NAMES]
        lines.append(f"| {label} | {'' if body is None else f'{body:.1f} s'} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Politeness: 20 hosts × 20 pages, 0.5 s minimum delay per host (floor 10 s)",
        "",
        "| Fetcher.fetch_many | seconds | ÷ floor | fetched |", "|---|---|---|---|",
    ]
    for workers, r in f["polite"]["runs"].items():
        label = "default max_workers (as tasks/orchestrated.fetch_pages calls it)" if workers == "default" \
            else f"max_workers={workers} (one worker per host)"
        lines.append(f"| {label} | {r['seconds']:.1f} | {r['seconds'] / f['polite']['floor_seconds']:.2f} | "
                     f"{r['fetched']} |")
    lines += [
        "",
        f"## Load and query: {load['observations']:,} synthetic observations",
        "",
        f"{load['documents']:,} documents in {load['batches']} batches of tasks.load.load_documents "
        "(one transaction each), then a one-area query (best of five) on each view.",
        "",
        "| figure | value |", "|---|---|",
        f"| load, cold | {load['load_seconds']:.1f} s = {load['rows_per_second']:,.0f} rows/s |",
        f"| load again, every document unchanged | {load['unchanged_reload_seconds']:.1f} s |",
        f"| peak RSS of the load process | {load['peak_rss_mb']:.0f} MB |",
    ]
    lines += [f"| one area: `{v}` | {ms:.1f} ms |" for v, ms in load["one_area_ms"].items()]
    lines += [f"| every area: `{v}` | {s:.2f} s |" for v, s in load["every_area_s"].items()]
    if "full" in f:
        full = f["full"]
        lines += ["", f"## Memory against N: {full['pages']:,} pages", "", "| stage | peak RSS |", "|---|---|",
                  f"| ingest cold, {f['pages']:,} pages | {f['rss']['ingest_cold']:.0f} MB |",
                  f"| ingest cold, {full['pages']:,} pages | {full['ingest_rss_mb']:.0f} MB "
                  f"({full['ingest_net_s']:.0f} s net) |",
                  f"| reparse, {f['pages']:,} pages | {f['rss']['reparse']:.0f} MB |",
                  f"| reparse, {full['pages']:,} pages | {full['reparse_rss_mb']:.0f} MB ({full['reparse_net_s']:.0f} s net) |"]
    lines += ["", "## Targets", "", "| target | figure | status |", "|---|---|---|"]
    for key, (_, _, words) in TARGETS.items():
        value = f.get(key)
        shown = "—" if value is None else (f"{value:,.0f}" if value > 1000 else f"{value:.2f}")
        lines.append(f"| {words} | {shown} | {verdict(f, key)} |")
    lines += ["", notes.strip(), ""]
    return "\n".join(lines)


def flow_figures(run: dict) -> dict:
    """The figures of one pipeline run that concern the flows: net per page, ratios, peak RSS."""
    n = run["pages"]
    limit1 = run["limit1"]["seconds"]
    ingest_net, rerun_net, reparse_net = net_seconds(run)
    offline = run["offline"]
    cpu = {k: run[k]["cpu_s"] for k in ("limit1", "offline", "empty_cold", "ingest_cold", "empty_warm",
                                         "ingest_rerun", "reparse")}
    return {
        "pages": n,
        "limit1_ms_page": limit1 / n * 1000,
        "limit2_ms_page": run["limit2"]["seconds"] / n * 1000,
        "extract_parse_ms_page": (offline["extract_seconds"] + offline["parse_seconds"]) / n * 1000,
        "empty_cold_s": run["empty_cold"]["wall"], "empty_warm_s": run["empty_warm"]["wall"],
        "ingest_net_s": ingest_net, "ingest_ms_page": ingest_net / n * 1000,
        "ingest_over_limit": ingest_net / limit1,
        "rerun_net_s": rerun_net, "rerun_over_cold": rerun_net / ingest_net,
        "reparse_net_s": reparse_net,
        "reparse_over_offline": reparse_net / (offline["extract_seconds"] + offline["parse_seconds"]),
        "ingest_over_limit_cpu": (cpu["ingest_cold"] - cpu["empty_cold"]) / run["limit1"]["loop_cpu_s"],
        "rerun_over_cold_cpu": (cpu["ingest_rerun"] - cpu["empty_warm"]) / (cpu["ingest_cold"] - cpu["empty_cold"]),
        "reparse_over_offline_cpu": (cpu["reparse"] - cpu["empty_warm"]) / offline["loop_cpu_s"],
        "rss_mb": {k: run[k]["peak_rss_mb"] for k in ("empty_cold", "ingest_cold", "ingest_rerun", "reparse")},
        "flow_body_s": {k: _flow_body_seconds(run[k]["row"]) for k in ("ingest_cold", "ingest_rerun", "reparse")},
        "tasks": {k: run[k].get("tasks", {}) for k in ("ingest_cold", "ingest_rerun", "reparse")},
        "rows": {k: run[k]["row"] for k in ("ingest_cold", "ingest_rerun", "reparse")},
    }


def flows_only(args) -> None:
    """The limits and the flows over args.pages (and, with --full, args.full_pages) pages; figures as JSON."""
    out = {}
    with tempfile.TemporaryDirectory(prefix="baocao-bench-") as tmp:
        workdir = Path(tmp)
        with open(workdir / "stages.log", "w") as log:
            for n in [args.pages] + ([args.full_pages] if args.full else []):
                print(f"pipeline over {n:,} pages", flush=True)
                out[str(n)] = flow_figures(pipeline_run(n, workdir, log))
    text = json.dumps(out, indent=1, default=str)
    if args.json:
        args.json.write_text(text)
    print(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--full", action="store_true", help="also ingest and re-parse 20,000 pages (memory in N)")
    parser.add_argument("--full-pages", type=int, default=20000)
    parser.add_argument("--areas", type=int, default=300, help="areas of the load stage (300: ~1M observations)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "RESULTS.md")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON here")
    parser.add_argument("--flows-only", action="store_true",
                        help="only the limits and the flow stages (no politeness, no load stage); "
                             "prints their figures and writes --json, not RESULTS.md")
    args = parser.parse_args()
    if args.flows_only:
        return flows_only(args)
    started_at = datetime.now(timezone.utc)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="baocao-bench-") as tmp:
        workdir = Path(tmp)
        with open(workdir / "stages.log", "w") as log:
            print(f"pipeline over {args.pages:,} pages", flush=True)
            main_run = pipeline_run(args.pages, workdir, log)
            print("politeness", flush=True)
            polite = politeness_run(workdir, log)
            print("load and views", flush=True)
            load = stage("load_views", {"areas": args.areas, "batch": 1000}, workdir, log=log)
            full = None
            if args.full:
                print(f"memory: pipeline over {args.full_pages:,} pages", flush=True)
                full = pipeline_run(args.full_pages, workdir, log, with_offline=False)
    f = figures(main_run, polite, load, full)
    notes_file = REPO / "bench" / "NOTES.md"
    notes = notes_file.read_text(encoding="utf-8") if notes_file.exists() else ""
    text = markdown(f, machine(), started_at, time.perf_counter() - started, notes)
    args.out.write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(f, indent=1, default=str))
    print(text)


if __name__ == "__main__":
    main()
