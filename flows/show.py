"""Terminal output: tables of rows, a run's summary, the progress bar of a flow run."""
from __future__ import annotations

import csv
import json
import sys
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

from rich.console import Console
from rich.markup import escape
from rich.table import Table

console = Console()


def _plain(v):
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    if isinstance(v, Decimal):
        return float(v)
    return v


def _cell(v) -> str:
    """A value as table text; square brackets stay text (rich would read `[load]` as markup)."""
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:,.2f}".rstrip("0").rstrip(".") if abs(v) < 1e15 else str(v)
    return escape(str(v))


def print_rows(columns: list[str], rows: list[tuple], fmt: str = "table", title: str | None = None) -> None:
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(columns)
        w.writerows([[_plain(v) for v in r] for r in rows])
    elif fmt == "json":
        for r in rows:
            sys.stdout.write(json.dumps({c: _plain(v) for c, v in zip(columns, r)},
                                        ensure_ascii=False, default=str) + "\n")
    else:
        t = Table(title=title, show_lines=False)
        for c in columns:
            t.add_column(c)
        for r in rows:
            t.add_row(*(_cell(v) for v in r))
        console.print(t)


def print_summary(row: dict) -> None:
    t = Table(title=f"baocao {row.get('flow', '')} — run summary", show_header=False)
    t.add_column("field")
    t.add_column("value")
    for k in ("status", "pages_discovered", "pages_fetched", "pages_unchanged", "pages_failed",
              "pages_retried", "documents_parsed", "records_loaded", "quarantined", "conflicts", "message"):
        if k in row:
            t.add_row(k, _cell(row[k]))
    console.print(t)
    partitions = row.get("partitions") or {}
    if partitions:
        p = Table(title="partitions", show_lines=False)
        for c in ("partition", "chosen", "why", "pages", "status"):
            p.add_column(c)
        for key, info in partitions.items():
            p.add_row(key, "yes" if info["chosen"] else "no", info["why"], str(len(info["pages"])),
                      info.get("status") or "")
        console.print(p)
        if row.get("would_fetch"):
            for key, info in partitions.items():
                for url in info["pages"] if info["chosen"] else ():
                    console.print(f"  {key} would fetch {url}", soft_wrap=True, markup=False)
    elif row.get("would_fetch"):
        for url in row["would_fetch"]:
            console.print(f"  would fetch {url}", soft_wrap=True, markup=False)


@contextmanager
def progress_bar():
    """A progress bar fed by the flows' progress events, shown only on a terminal."""
    from flows.common import progress_listeners

    if not sys.stderr.isatty():
        yield
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=Console(stderr=True), transient=False) as progress:
        pages = progress.add_task("pages fetched", total=None)
        docs = progress.add_task("documents loaded", total=None)

        def listen(what: str, n: int) -> None:
            if what == "discovered":
                progress.update(pages, total=(progress.tasks[pages].total or 0) + n)
            elif what == "fetched":
                progress.advance(pages, n)
            elif what == "loaded":
                progress.advance(docs, n)

        progress_listeners.append(listen)
        try:
            yield
        finally:
            progress_listeners.remove(listen)
