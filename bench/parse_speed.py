"""Parse throughput on one core, and its cost beside trafilatura's extraction.

    .venv/bin/python bench/parse_speed.py [--rounds N] [--seeds DIR] [--per-corpus]

Reads the seed reports (../shared/seeds, else tests/parse/corpus), parses them N times
with records_from and prints MB/s of text. Then wraps each report's paragraphs in a
plain HTML page (<p> per paragraph), runs trafilatura.extract on the page bytes twice,
with its defaults and with the options the pipeline passes (tasks/extract.py), and
times all side by side in one run, printing the ratio parse time / extraction time
for each (the target is under 0.25). A last line gives the ratio on the bundled
sample site's article pages, whole pages through the pipeline's extraction (a second
view: short reports, site furniture included). --per-corpus adds the same figures for the
seeds and for each test corpus (defaults / pipeline's options). Figures only:
nothing is asserted.
"""
from __future__ import annotations

import argparse
import gc
import html
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tasks.parse import COMPILED, PARSER_VERSION, records_from  # noqa: E402


def documents(seed_dir: Path | None) -> list[tuple[str, str]]:
    for d in ([seed_dir] if seed_dir else [REPO.parent / "shared" / "seeds", REPO / "tests" / "parse" / "corpus"]):
        files = sorted(d.glob("*.txt")) if d and d.is_dir() else []
        if files:
            return [(f.name, f.read_text(encoding="utf-8")) for f in files]
    sys.exit("no reports found: pass --seeds DIR with .txt files")


def html_page(text: str) -> bytes:
    paragraphs = "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n") if p.strip())
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Báo cáo</title></head>"
            f"<body><main><article>{paragraphs}</article></main></body></html>").encode("utf-8")


def timed(fn, items, rounds: int) -> list[float]:
    """Seconds per round (CPU time of this process: one core)."""
    out = []
    for _ in range(rounds):
        gc.collect()
        t = time.process_time()
        for item in items:
            fn(item)
        out.append(time.process_time() - t)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=15, help="repetitions over all reports (median is printed)")
    ap.add_argument("--seeds", type=Path, default=None, help="a directory of .txt reports")
    ap.add_argument("--per-corpus", action="store_true",
                    help="also the figures for the seeds and each test corpus (tests/parse/corpus, corpus2)")
    a = ap.parse_args()

    docs = documents(a.seeds)
    texts = [t for _, t in docs]
    size_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    n_records = sum(len(records_from(t)) for t in texts)          # warm-up, and a sanity figure
    form = "compiled" if COMPILED else "Python: not compiled, or BAOCAO_PURE_PARSER set"
    print(f"parser {PARSER_VERSION} ({form}): {len(docs)} reports, {size_mb:.3f} MB of text, {n_records} records")

    parse_rounds = timed(records_from, texts, a.rounds)
    parse = statistics.median(parse_rounds)
    print(f"parse:   {size_mb / parse:6.2f} MB/s  ({1000 * parse / len(texts):.2f} ms per report, "
          f"median of {a.rounds} rounds, min {size_mb / min(parse_rounds):.2f} MB/s)")

    try:
        import trafilatura
    except ImportError:
        print("trafilatura is not installed: no extraction comparison")
        return
    pages = [html_page(t) for t in texts]
    extractors = extraction_calls(trafilatura)
    for extract in extractors.values():                          # warm-up
        for p in pages:
            extract(p)
    # Side by side in one run: rounds alternate so all see the same machine load.
    parse_t, extract_t = [], {name: [] for name in extractors}
    for _ in range(a.rounds):
        parse_t += timed(records_from, texts, 1)
        for name, extract in extractors.items():
            extract_t[name] += timed(extract, pages, 1)
    p = statistics.median(parse_t)
    for name, rounds in extract_t.items():
        e = statistics.median(rounds)
        print(f"extract: {size_mb / e:6.2f} MB/s  ({1000 * e / len(pages):.2f} ms per page, {name})")
    print("parse / extract time: " + ", ".join(
        f"{p / statistics.median(rounds):.2f} beside {name.split(' (')[0]}" for name, rounds in extract_t.items())
        + "  (target < 0.25)")
    site_pages(a.rounds)
    if a.per_corpus:
        per_corpus(trafilatura, max(3, a.rounds // 3))


def extraction_calls(trafilatura) -> dict:
    """trafilatura.extract on page bytes with its defaults, and with the options the
    pipeline passes (tasks/extract.py): tables, emphasis, precision."""
    from tasks.extract import TRAFILATURA_OPTIONS
    return {"trafilatura.extract, its defaults": trafilatura.extract,
            "the pipeline's options (tasks/extract.py)": lambda page: trafilatura.extract(page, **TRAFILATURA_OPTIONS)}


def site_pages(rounds: int) -> None:
    """The same ratio on the bundled sample site's article pages, as the pipeline reads
    them: tasks.extract on each page as served (header, menu, sidebar and footer
    included), the parse on the text it gives. Its reports are short, so the page's
    furniture weighs more than in the plain pages above: a second view, not the target's."""
    from tasks.extract import extracted_from_body
    site = REPO / "demo" / "site" / "tin-tuc"
    pages = [f.read_bytes() for f in sorted(site.glob("*.html")) if not f.name.startswith("trang-")]
    if not pages:
        return
    extract = lambda page: extracted_from_body(page, content_type="text/html")   # noqa: E731
    texts = [extract(p).text for p in pages]
    parse_t, extract_t = [], []
    for _ in range(rounds):
        parse_t += timed(records_from, texts, 1)
        extract_t += timed(extract, pages, 1)
    p, e = statistics.median(parse_t), statistics.median(extract_t)
    size_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"sample site: {len(pages)} article pages, {sum(map(len, pages)) / 1e3:.0f} kB of HTML, "
          f"{size_mb * 1e3:.0f} kB of text; parse {size_mb / p:.2f} MB/s, parse / extract time {p / e:.2f} "
          f"(the pipeline's extraction, whole pages)")


def per_corpus(trafilatura, rounds: int) -> None:
    """The same figures for each set of reports the parser is checked on."""
    print("per corpus (median of %d alternating rounds):" % rounds)
    for d in (REPO.parent / "shared" / "seeds", REPO / "tests" / "parse" / "corpus", REPO / "tests" / "parse" / "corpus2"):
        files = sorted(d.glob("*.txt")) if d.is_dir() else []
        if not files:
            continue
        texts = [f.read_text(encoding="utf-8") for f in files]
        pages = [html_page(t) for t in texts]
        size_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        extractors = extraction_calls(trafilatura)
        parse_t, extract_t = [], {name: [] for name in extractors}
        for _ in range(rounds):
            parse_t += timed(records_from, texts, 1)
            for name, extract in extractors.items():
                extract_t[name] += timed(extract, pages, 1)
        p = statistics.median(parse_t)
        e_default, e_pipeline = (statistics.median(r) for r in extract_t.values())
        name = d.relative_to(REPO).as_posix() if d.is_relative_to(REPO) else f"../{d.relative_to(REPO.parent).as_posix()}"
        print(f"  {name:24s} {len(texts):3d} reports {size_mb:6.3f} MB  parse {size_mb / p:6.2f} MB/s  "
              f"extract {size_mb / e_default:6.2f} / {size_mb / e_pipeline:6.2f} MB/s  "
              f"parse / extract {p / e_default:.2f} / {p / e_pipeline:.2f}")


if __name__ == "__main__":
    main()
