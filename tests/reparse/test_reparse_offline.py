"""A parser upgrade needs no network: --reparse rebuilds the observations from the raw archive."""
import duckdb
import pytest

from flows.demo import sample_site, write_demo_sources

pytestmark = pytest.mark.slow

ROWS = """SELECT doc_id, area, indicator, year, month_from, month_to, measure, value, unit, estimate, snippet
          FROM observations"""


def test_reparse_restores_observations_from_the_archive_with_the_site_gone(tmp_path, prefect_harness):
    from flows.backfill import backfill
    from flows.ingest import ingest
    from tasks.db import connect

    db, archive = tmp_path / "r.duckdb", tmp_path / "archive"
    with sample_site(port=0) as base:
        sources = write_demo_sources(base, tmp_path)
        ingest(sources_file=str(sources), db=str(db), archive=str(archive))
    # The server is stopped: nothing answers on that port any more.

    con = connect(str(db))
    before = sorted(con.sql(ROWS).fetchall())
    con.execute("DELETE FROM observations")
    con.close()
    assert len(before) > 200

    row = backfill(reparse=True, sources_file=str(sources), db=str(db), archive=str(archive))
    assert row["status"] == "completed", row
    assert row["pages_fetched"] == 0 and row["pages_failed"] == 0, row

    con = duckdb.connect(str(db), read_only=True)
    after = sorted(con.sql(ROWS).fetchall())
    con.close()
    assert after == before
