"""`baocao`: a thin shell over the flows and the stage functions.

parse, add, query, chart, export and check call plain functions and never
import Prefect (its local mode costs seconds per process); ingest, backfill
and demo run the flows.
"""
from __future__ import annotations

import json
import os
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

import flows  # noqa: F401  (telemetry off before any Prefect import)

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Vietnamese socio-economic reports into a DuckDB time series.")


def _fail(message: str, code: int = 1):
    typer.secho(f"Error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def _date(text: Optional[str]) -> Optional[date]:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        _fail(f"{text!r} is not a date: write YYYY-MM-DD, e.g. 2023-08-31")


def _db(db: Optional[str]) -> str:
    from tasks.settings import settings
    return str(db or settings().db)


def _quiet_prefect(verbose: bool) -> None:
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


DB_OPTION = typer.Option(None, "--db", help="DuckDB file (default: $BAOCAO_DB or data/baocao.duckdb)")


@app.command()
def parse(
    files: list[str] = typer.Argument(..., help="Text, HTML, PDF or DOCX files; - reads text from stdin"),
    published: Optional[str] = typer.Option(None, help="Document date YYYY-MM-DD: the year of last resort"),
):
    """Print the records each file states, as JSON Lines (touches no database)."""
    from tasks.extract import extracted_from_file
    from tasks.parse import records_from

    pub = _date(published)
    for name in files:
        if name == "-":
            text, title, doc = sys.stdin.read(), None, "stdin"
        else:
            path = Path(name)
            if not path.is_file():
                _fail(f"{name}: no such file")
            extracted = extracted_from_file(path)
            if extracted.status != "ok":
                typer.secho(f"{name}: {extracted.status}: {extracted.message}", err=True,
                            fg=typer.colors.YELLOW)
                continue
            text, title, doc = extracted.text, extracted.title, path.name
            pub_doc = pub or extracted.published
        for r in records_from(text, title=title, published=pub if name == "-" else pub_doc):
            sys.stdout.write(json.dumps({"doc": doc, **r.to_dict()}, ensure_ascii=False) + "\n")


@app.command()
def add(
    files: list[Path] = typer.Argument(..., exists=True, dir_okay=False, help="Text, HTML, PDF or DOCX files"),
    published: Optional[str] = typer.Option(None, help="Document date YYYY-MM-DD"),
    url: Optional[str] = typer.Option(None, help="Where the (single) file was downloaded from"),
    db: Optional[str] = DB_OPTION,
):
    """Add local documents: extract → parse → load, exactly as fetched pages go."""
    from flows.local import add_files

    try:
        results, summary = add_files(list(files), db=_db(db), published=_date(published), url=url)
    except ValueError as e:
        _fail(str(e))
    for r in results:
        note = f" ({r.doc.status}: {r.doc.message})" if r.doc.status != "ok" else ""
        typer.echo(f"{r.path}: {len(r.records)} records{note}")
    typer.echo(f"loaded {summary.documents} documents, {summary.observations} observations, "
               f"{summary.quarantined} quarantined into {_db(db)}")


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def query(
    sql: str = typer.Argument(..., help="SQL over the tables and views (read-only)"),
    format: Format = typer.Option(Format.table, "--format", "-f"),
    db: Optional[str] = DB_OPTION,
):
    """Run read-only SQL on the database."""
    import duckdb

    from flows.show import print_rows
    from tasks.db import query as run_query

    try:
        columns, rows = run_query(_db(db), sql)
    except duckdb.PermissionException as e:   # COPY/EXPORT/read_csv: the connection has no file access
        _fail(f"{str(e).splitlines()[0]}. `baocao query` reads the database only; "
              f"to write files use `baocao export --format csv|parquet --out DIR`")
    except Exception as e:  # duckdb raises its own error types; the message is what a user needs
        _fail(str(e).splitlines()[0])
    print_rows(columns, rows, format.value)


RUNNER_OPTION = typer.Option(None, "--runner",
                             help="Where fetch and extraction run: threads (default), dask, dask:N, "
                                  "dask://HOST:PORT (default: $BAOCAO_RUNNER or threads)")
LOCK_WAIT_OPTION = typer.Option(None, "--lock-wait", metavar="SECONDS",
                                help="How long to wait for another process holding the database "
                                     "(default: settings [load] lock_wait_seconds)")


def _check_sources(sources_file: Optional[str], names: Optional[list[str]]) -> None:
    """Stop on a bad sources file or an unknown source name before Prefect starts (seconds, and a traceback)."""
    from tasks.settings import SettingsError, settings
    from tasks.sources import SourcesError, load_sources

    try:
        found = load_sources(Path(sources_file) if sources_file else settings().sources_file)
    except (SourcesError, SettingsError) as e:
        _fail(str(e))
    unknown = [n for n in names or [] if n not in found]
    if unknown:
        _fail(f"unknown source(s) {', '.join(unknown)}; the sources file has: {', '.join(sorted(found))}")


def _run_flow(call):
    """Run a flow under the progress bar; print its summary, or why it stopped."""
    from flows.show import print_summary, progress_bar
    from tasks.db import DatabaseBusy
    from tasks.settings import SettingsError
    from tasks.sources import SourcesError

    try:
        with progress_bar():
            row = call()
    except DatabaseBusy as e:
        if getattr(e, "run_row", None):
            print_summary(e.run_row)
        _fail(str(e))
    except (SourcesError, SettingsError, ValueError) as e:   # the message names the file or parameter to fix
        _fail(str(e))
    print_summary(row)
    return row


@app.command()
def ingest(
    source: list[str] = typer.Option(None, "--source", help="Source name in sources.toml (repeatable; default all)"),
    since: Optional[str] = typer.Option(None, help="Walk listings back to this month/date (YYYY-MM[-DD])"),
    retry_failed: int = typer.Option(100, "--retry-failed", help="Pages that failed before, fetched again (0: none)"),
    runner: Optional[str] = RUNNER_OPTION,
    lock_wait: Optional[float] = LOCK_WAIT_OPTION,
    sources_file: Optional[str] = typer.Option(None, "--sources", help="sources.toml to use"),
    db: Optional[str] = DB_OPTION,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show Prefect's logs"),
):
    """Run the ingest flow: discover → fetch → extract → parse → load."""
    _check_sources(sources_file, source)
    _quiet_prefect(verbose)
    from flows.ingest import ingest as ingest_flow

    _run_flow(lambda: ingest_flow(sources=source or None, since=since, db=db, sources_file=sources_file,
                                  retry_failed=retry_failed, runner=runner, lock_wait_seconds=lock_wait))


class Mode(str, Enum):
    all = "all"
    missing = "missing"
    failed = "failed"


@app.command()
def backfill(
    from_: Optional[str] = typer.Option(None, "--from", help="First month, YYYY-MM"),
    to: Optional[str] = typer.Option(None, "--to", help="Last month, YYYY-MM (default: this month)"),
    source: list[str] = typer.Option(None, "--source", help="Source name (repeatable; default all)"),
    url: list[str] = typer.Option(None, "--url", help="Fetch exactly these pages (repeatable)"),
    reparse: bool = typer.Option(False, "--reparse", help="Re-extract and re-parse the archive, no network"),
    mode: Mode = typer.Option(Mode.all, "--mode",
                              help="Which monthly partitions run: all, missing (months coverage does not "
                                   "know), failed (whose last attempt failed)"),
    max_partitions: int = typer.Option(2, "--max-partitions", min=1, help="Partitions running at once"),
    dry_run: bool = typer.Option(False, "--dry-run",
                                 help="List the partitions and what would be fetched (fetches listings only)"),
    runner: Optional[str] = RUNNER_OPTION,
    lock_wait: Optional[float] = LOCK_WAIT_OPTION,
    sources_file: Optional[str] = typer.Option(None, "--sources", help="sources.toml to use"),
    db: Optional[str] = DB_OPTION,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show Prefect's logs"),
):
    """Run the backfill flow over a month range (in monthly partitions), a list of URLs, or the archive."""
    if not (from_ or url or reparse):
        _fail("say what to backfill: --from 2023-01 --to 2023-06, --url URL, or --reparse")
    _check_sources(sources_file, source)
    _quiet_prefect(verbose)
    from flows.backfill import backfill as backfill_flow

    _run_flow(lambda: backfill_flow(from_=from_, to=to, sources=source or None, urls=url or None,
                                    reparse=reparse, mode=mode.value, dry_run=dry_run,
                                    max_partitions=max_partitions, db=db, sources_file=sources_file,
                                    runner=runner, lock_wait_seconds=lock_wait))


@app.command()
def demo(
    db: Optional[str] = DB_OPTION,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show Prefect's logs"),
):
    """Serve the bundled sample site on 127.0.0.1, ingest it, print the rollups."""
    _quiet_prefect(verbose)
    from flows.demo import run_demo

    run_demo(_db(db))


@app.command()
def chart(
    area: str = typer.Option(..., help='Area, e.g. "Kiến An"'),
    indicator: str = typer.Option(..., help="Indicator code, e.g. retail_sales"),
    out: Optional[Path] = typer.Option(None, help="PNG file (default: chart-AREA-INDICATOR.png)"),
    db: Optional[str] = DB_OPTION,
):
    """Draw monthly bars, the cumulative line and quarterly totals as a PNG."""
    from tasks.chart import chart_png
    from tasks.db import connect

    out = out or Path(f"chart-{area.replace(' ', '_')}-{indicator}.png")
    con = connect(_db(db), read_only=True)
    try:
        path = chart_png(con, area=area, indicator=indicator, out=out)
    except ValueError as e:
        _fail(str(e))
    finally:
        con.close()
    typer.echo(str(path))


@app.command()
def export(
    format: str = typer.Option("parquet", "--format", help="parquet or csv"),
    out: Path = typer.Option(..., "--out", help="Directory for the files"),
    db: Optional[str] = DB_OPTION,
):
    """Write the views (and observations, documents) as Parquet or CSV files."""
    from tasks.db import connect
    from tasks.export import export_views

    if format not in ("parquet", "csv"):
        _fail(f"--format {format}: choose parquet or csv")
    con = connect(_db(db), read_only=True)
    try:
        for path in export_views(con, fmt=format, out_dir=out):
            typer.echo(str(path))
    finally:
        con.close()


@app.command()
def check(db: Optional[str] = DB_OPTION):
    """Run the data checks of sql/checks/; exit 1 when any returns rows."""
    from tasks.checks import run_checks
    from tasks.db import connect

    con = connect(_db(db), read_only=True)
    try:
        results = run_checks(con)
    finally:
        con.close()
    bad = 0
    for c in results:
        mark = "ok " if not c.rows else "FAIL"
        typer.echo(f"{mark} {c.name}: {c.rows} rows")
        bad += bool(c.rows)
    raise typer.Exit(1 if bad else 0)


def main():
    app()


if __name__ == "__main__":
    main()
