"""Fetching, archiving and extraction as of an older commit and as they are now, in one process.

    .venv/bin/python bench/side_by_side.py [--rev d7d1a72] [--pages 200] [--rounds 3] [--no-politeness]

tasks/extract.py, tasks/archive.py and tasks/fetch.py are read from git at --rev (by default
the commit before the fetch, archive and extraction work) and imported beside the current
ones, then, on one corpus (bench/corpus.py) and in alternating rounds:

 1. extraction: trafilatura.extract alone with the project's options (bench/stages.py's
    TRAFILATURA_OPTIONS), the old tasks.extract and the new one, ms a page (wall, best round,
    and CPU); then whether old and new give the same Extracted (text, title, date,
    attachments, status, message) for every corpus page and listing and every page of the
    sample site, each of the latter also with attachment blocks added, plain and decomposed (NFD);
 2. the archive: Archive.record of a fetched page (new body) and of a 304, ms a page;
 3. politeness: 20 loopback hosts × 20 pages at 0.5 s a host, fetch_many with its default
    workers, seconds ÷ the 10 s floor.

Prints a table and, on its last line, the figures as JSON. Nothing is asserted.
"""
from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
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

from corpus import write_corpus  # noqa: E402
from stages import TRAFILATURA_OPTIONS  # noqa: E402

BEFORE = "d7d1a72"   # the last commit before fetch_many's default workers, the archive's sync and extraction speed
CORPUS_HOSTS = [f"127.0.0.{i}" for i in range(2, 6)]
POLITE_HOSTS = [f"127.0.0.{i}" for i in range(2, 22)]
POLITE_PAGES, POLITE_DELAY = 20, 0.5


def old_module(rev: str, name: str, workdir: Path):
    """tasks/<name>.py as of rev, imported as old_<name>."""
    source = subprocess.run(["git", "show", f"{rev}:tasks/{name}.py"], cwd=REPO, check=True,
                            capture_output=True, text=True).stdout
    path = workdir / f"old_{name}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(f"old_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _timed(fn) -> tuple[float, float]:
    started, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - started, time.process_time() - cpu


def extraction(old, new, bodies: list[bytes], rounds: int) -> dict:
    """ms a page of each way, page by page in turns (each way first in turn), summed over the rounds.

    Taking turns on every page spreads the load of a shared machine evenly over the three.
    """
    import trafilatura
    ctype = "text/html; charset=utf-8"
    ways = {
        "trafilatura alone": lambda b, u: trafilatura.extract(b, **TRAFILATURA_OPTIONS),
        "old tasks.extract": lambda b, u: old.extracted_from_body(b, content_type=ctype, url=u),
        "new tasks.extract": lambda b, u: new.extracted_from_body(b, content_type=ctype, url=u),
    }
    urls = [f"http://127.0.0.2/tin-tuc/{i}.html" for i in range(len(bodies))]
    for fn in ways.values():   # first-call set-up outside the timing
        for b, u in zip(bodies[:3], urls):
            fn(b, u)
    names = list(ways)
    wall = dict.fromkeys(names, 0.0)
    cpu = dict.fromkeys(names, 0.0)
    turn = 0
    for _ in range(rounds):
        for b, u in zip(bodies, urls):
            turn += 1
            for name in names[turn % 3:] + names[:turn % 3]:
                w, c = _timed(lambda: ways[name](b, u))
                wall[name] += w
                cpu[name] += c
    n = len(bodies) * rounds
    limit = "trafilatura alone"
    return {name: {"ms_per_page": wall[name] / n * 1000, "cpu_ms_per_page": cpu[name] / n * 1000,
                   "over_trafilatura": wall[name] / wall[limit], "cpu_over_trafilatura": cpu[name] / cpu[limit]}
            for name in names}


ATTACHMENTS = """<div class="attach-box"><b>File đính kèm:</b> <a href="/DownloadFile.aspx?id=77">Báo cáo</a></div>
<p>Tài liệu  KÈM theo: <span><a href="/files/bieu-mau">biểu mẫu</a></span></p>
<div id="Attachments"><ul><li><a href="tai-lieu/x.docx">x</a></li></ul></div>
<a href="/tai-ve?id=9"> Bao-cao-quy-I.PDF </a><a href="/x.html">kèm.doc</a>"""


def variants(body: bytes) -> list[bytes]:
    """A sample page with attachment blocks and file-named links added, and written decomposed (NFD)."""
    import unicodedata
    html = body.decode("utf-8")
    with_blocks = html.replace("</body>", ATTACHMENTS + "</body>")
    return [with_blocks.encode("utf-8"), unicodedata.normalize("NFD", with_blocks).encode("utf-8")]


def same_extraction(old, new, pages: list[tuple[str, bytes]]) -> dict:
    differ = []
    for url, body in pages:
        a = old.extracted_from_body(body, content_type="text/html; charset=utf-8", url=url)
        b = new.extracted_from_body(body, content_type="text/html; charset=utf-8", url=url)
        if dataclasses.asdict(a) != dataclasses.asdict(b):
            differ.append(url)
    return {"pages": len(pages), "differ": differ}


def archive(old, new, bodies: list[bytes], rounds: int, workdir: Path) -> dict:
    from tasks.documents import sha256_hex
    from tasks.fetch import FetchResult

    def results(outcome: str) -> list:
        now = datetime.now(timezone.utc)
        if outcome == "fetched":
            return [FetchResult(f"http://127.0.0.2/p{i}.html", None, "fetched", 200, b, "text/html",
                                sha256_hex(b), now, "", {"etag": f'"{i}"', "content-type": "text/html"})
                    for i, b in enumerate(bodies)]
        return [FetchResult(f"http://127.0.0.2/p{i}.html", None, "not_modified", 304, None, "text/html",
                            sha256_hex(b), now, "", {"etag": f'"{i}"'}) for i, b in enumerate(bodies)]

    best = {k: {"fetched": float("inf"), "not_modified": float("inf")} for k in ("old", "new")}
    for r in range(rounds):
        for name in (("old", "new") if r % 2 == 0 else ("new", "old")):
            cls = (old if name == "old" else new).Archive
            with tempfile.TemporaryDirectory(dir=workdir) as d:
                a = cls(Path(d))
                for outcome in ("fetched", "not_modified"):
                    batch = results(outcome)
                    wall, _ = _timed(lambda: [a.record(x) for x in batch])
                    best[name][outcome] = min(best[name][outcome], wall / len(batch) * 1000)
                a.close()
    return {name: {f"{k}_ms_per_page": v for k, v in figures.items()} for name, figures in best.items()}


def politeness(old_fetch, new_fetch, workdir: Path) -> dict:
    from flows.demo import _server_module
    from tasks.settings import settings
    root = workdir / "polite"
    write_corpus(root, len(POLITE_HOSTS) * POLITE_PAGES, POLITE_HOSTS)
    out = {"hosts": len(POLITE_HOSTS), "pages_per_host": POLITE_PAGES, "delay": POLITE_DELAY,
           "floor_seconds": POLITE_PAGES * POLITE_DELAY}
    with ExitStack() as stack:
        server = _server_module()
        bases = [stack.enter_context(server.serve(root / h, host=h, port=0)) for h in POLITE_HOSTS]
        by_host = {b.split("//")[1].split(":")[0]: b for b in bases}
        urls = [f"{by_host[p.parts[-3]]}/tin-tuc/{p.name}" for p in sorted(root.glob("*/tin-tuc/*.html"))
                if not p.name.startswith("trang-")]
        for name, module in (("old", old_fetch), ("new", new_fetch)):
            fetcher = module.Fetcher(settings().fetch, allowed_hosts=set(POLITE_HOSTS), archive=None,
                                     min_delay={h: POLITE_DELAY for h in POLITE_HOSTS})
            started = time.perf_counter()
            results = list(fetcher.fetch_many(urls))   # the default workers, as the fetch task calls it
            seconds = time.perf_counter() - started
            out[name] = {"seconds": seconds, "over_floor": seconds / out["floor_seconds"],
                         "fetched": sum(r.outcome == "fetched" for r in results)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default=BEFORE, help="the commit to compare against (default %(default)s)")
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-politeness", action="store_true", help="skip the 40 s politeness comparison")
    args = parser.parse_args()

    from tasks import archive as new_archive
    from tasks import extract as new_extract
    from tasks import fetch as new_fetch
    with tempfile.TemporaryDirectory(prefix="baocao-side-") as d:
        workdir = Path(d)
        old_extract = old_module(args.rev, "extract", workdir)
        old_archive = old_module(args.rev, "archive", workdir)
        old_fetch = old_module(args.rev, "fetch", workdir)
        pages = write_corpus(workdir / "corpus", args.pages, CORPUS_HOSTS)
        bodies = [(workdir / "corpus" / p.host / p.path.lstrip("/")).read_bytes() for p in pages]
        every_page = [(f"http://{p.relative_to(workdir / 'corpus').as_posix()}", p.read_bytes())
                      for p in sorted((workdir / "corpus").rglob("*.html"))]
        site = [(f"http://127.0.0.1:8000/{p.relative_to(REPO / 'demo' / 'site').as_posix()}", p.read_bytes())
                for p in sorted((REPO / "demo" / "site").rglob("*.html"))]
        every_page += site + [(u + "?v", variant) for u, body in site for variant in variants(body)]
        figures = {"rev": args.rev, "pages": len(bodies),
                   "extraction": extraction(old_extract, new_extract, bodies, args.rounds),
                   "same_extraction": same_extraction(old_extract, new_extract, every_page),
                   "archive": archive(old_archive, new_archive, bodies, args.rounds, workdir)}
        if not args.no_politeness:
            figures["politeness"] = politeness(old_fetch, new_fetch, workdir)

    print(f"\n{len(bodies)} corpus pages, old = {args.rev}, {args.rounds} rounds (archive: best round)\n")
    print("| extraction | ms/page | ÷ trafilatura | CPU ms/page | CPU ÷ trafilatura |")
    print("|---|---|---|---|---|")
    for name, f in figures["extraction"].items():
        print(f"| {name} | {f['ms_per_page']:.2f} | {f['over_trafilatura']:.2f} | "
              f"{f['cpu_ms_per_page']:.2f} | {f['cpu_over_trafilatura']:.2f} |")
    same = figures["same_extraction"]
    print(f"\nold and new Extracted identical on {same['pages'] - len(same['differ'])} of {same['pages']} pages"
          + (f"; differ: {same['differ'][:10]}" if same["differ"] else ""))
    print("\n| Archive.record | fetched page, ms | 304, ms |\n|---|---|---|")
    for name, f in figures["archive"].items():
        print(f"| {name} | {f['fetched_ms_per_page']:.2f} | {f['not_modified_ms_per_page']:.2f} |")
    if "politeness" in figures:
        p = figures["politeness"]
        print(f"\n| fetch_many, default workers, {p['hosts']} hosts × {p['pages_per_host']} pages at "
              f"{p['delay']} s | seconds | ÷ {p['floor_seconds']:g} s floor | fetched |\n|---|---|---|---|")
        for name in ("old", "new"):
            print(f"| {name} | {p[name]['seconds']:.1f} | {p[name]['over_floor']:.2f} | {p[name]['fetched']} |")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
