"""The manual flow: reach back over a range of months, re-fetch given URLs, or re-parse the archive.

- a month range (`from`, `to`, as YYYY-MM): listings are walked back to `from`
  and the pages published in the range are fetched (conditionally: what is
  archived and unchanged costs a 304);
- `urls`: exactly those pages;
- `reparse`: every archived body and every locally added document is extracted
  and parsed again, with no network — what a parser upgrade needs.
"""
from __future__ import annotations

import uuid
from datetime import date

from prefect.task_runners import ThreadPoolTaskRunner

from flows.common import (
    KeywordParamsFlow, RunStats, current_run_id, finish, load, month_start, plan, report_progress, run_batches,
)
from tasks.orchestrated import discover_pages, reparse_stored


def _month_end(d: date) -> date:
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def _backfill(
    from_: str | None = None,
    to: str | None = None,
    sources: list[str] | None = None,
    urls: list[str] | None = None,
    reparse: bool = False,
    dry_run: bool = False,
    db: str | None = None,
    sources_file: str | None = None,
    archive: str | None = None,
    max_pages: int | None = None,
) -> dict:
    """Parameters as users pass them: from=2023-01 to=2023-06 [sources=[...]] | urls=[...] | reparse=true."""
    start = from_
    cfg, selected = plan(db, archive, sources_file, sources)
    params = {"from": start, "to": to, "sources": sources, "urls": urls, "reparse": reparse,
              "dry_run": dry_run}
    stats = RunStats(run_id=current_run_id(str(uuid.uuid4())), flow="backfill", parameters=params)

    if reparse:
        docs = reparse_stored(cfg)
        stats.documents_parsed = 0
        for i in range(0, len(docs), 50):
            load(docs[i:i + 50], cfg, stats)
        return finish(stats, cfg)

    if urls:
        by_host = {h: src for src in selected for h in src.hosts}
        items = []
        for url in urls:
            src = next((s for h, s in by_host.items() if f"//{h}" in url), None)
            items.append((url, {"source": src.name if src else None,
                                "default_area": src.default_area if src else None}))
    else:
        if not start:
            raise ValueError("backfill needs from=YYYY-MM (and to=YYYY-MM), urls=[...], or reparse=true")
        lo = month_start(start)
        hi = _month_end(month_start(to)) if to else None
        futures = [discover_pages.submit(src, cfg, lo, max_pages) for src in selected]
        items = []
        for src, fut in zip(selected, futures):
            for ref in fut.result():
                if ref.published and (ref.published < lo or (hi and ref.published >= hi)):
                    continue
                items.append((ref.url, {"source": src.name, "default_area": src.default_area,
                                        "title_hint": ref.title, "published_hint": ref.published}))
    stats.pages_discovered = len(items)
    report_progress("discovered", len(items))
    if dry_run:
        stats.message = "dry run: would fetch " + ", ".join(url for url, _ in items[:50]) + \
            (" …" if len(items) > 50 else "")
        return stats.as_row() | {"would_fetch": [url for url, _ in items]}
    run_batches(items, cfg, stats)
    return finish(stats, cfg)


# Users (and `prefect deployment run -p from=2023-01`) say `from`; Python cannot name a parameter so.
backfill = KeywordParamsFlow(fn=_backfill, name="backfill",
                             task_runner=ThreadPoolTaskRunner(max_workers=8), log_prints=True)
