"""Shared by the flow tests: the sample site on loopback, and one clean ingest of it to compare with."""
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from flows.demo import sample_site, write_demo_sources

# Everything an observation says; doc_id comes from the URL, so one site (one port) serves the module.
OBSERVATION = ("doc_id, area, indicator, year, month_from, month_to, measure, value, unit, estimate, "
               "snippet, char_start, char_end, span")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """(base URL, sources.toml) of the sample site, served for the whole session."""
    directory = tmp_path_factory.mktemp("demo-site")
    with sample_site(port=0) as base:
        yield base, write_demo_sources(base, directory)


@dataclass
class CleanRun:
    """One ingest, threads, into a new database; `contents` is what every other way must give."""
    db: Path
    archive: Path
    row: dict
    contents: dict


@pytest.fixture(scope="session")
def clean_run(demo_site, prefect_harness, tmp_path_factory) -> CleanRun:
    from flows.ingest import ingest

    _, sources = demo_site
    directory = tmp_path_factory.mktemp("clean-run")
    db, archive = directory / "clean.duckdb", directory / "archive"
    row = ingest(sources_file=str(sources), db=str(db), archive=str(archive))
    assert row["status"] == "completed" and row["pages_failed"] == 0, row
    return CleanRun(db, archive, row, contents(db))


def contents(db: Path) -> dict:
    """Observations (with how often each occurs) and documents of a database, order-free."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        observations = Counter(con.sql(f"SELECT {OBSERVATION} FROM observations").fetchall())
        documents = Counter(con.sql("SELECT doc_id, url, content_sha256, status FROM documents").fetchall())
    finally:
        con.close()
    return {"observations": observations, "documents": documents}


def runs(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.sql("SELECT flow, status, message, pages_fetched, pages_failed FROM runs "
                       "ORDER BY started").fetchall()
    finally:
        con.close()
