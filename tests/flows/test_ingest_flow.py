"""The real ingest flow against the sample site served on loopback, into a temporary DuckDB file."""
import json

import duckdb
import pytest

from flows.demo import sample_site, write_demo_sources

pytestmark = pytest.mark.slow


def counts(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.sql(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                for t in ("documents", "observations", "monthly", "quarterly")}
    finally:
        con.close()


def test_ingest_loads_the_sample_site_and_rolls_it_up(tmp_path, prefect_harness, repo):
    from flows.ingest import ingest

    db, archive = tmp_path / "t.duckdb", tmp_path / "archive"
    with sample_site(port=0) as base:
        sources = write_demo_sources(base, tmp_path)
        first = ingest(sources_file=str(sources), db=str(db), archive=str(archive))
        after_first = counts(db)
        second = ingest(sources_file=str(sources), db=str(db), archive=str(archive))
    after_second = counts(db)

    assert first["pages_fetched"] > 0 and first["pages_failed"] == 0, first
    assert after_first["monthly"] > 0 and after_first["quarterly"] > 0, after_first
    # Nothing changed on the site: conditional requests only, nothing re-parsed, same rows.
    assert second["pages_fetched"] == 0, second
    assert second["pages_unchanged"] == first["pages_fetched"], (first, second)
    assert second["documents_parsed"] == 0, second
    assert after_second == after_first

    # Every figure a careful reader takes from the site's articles is in the database.
    gold = [json.loads(line) for line in (repo / "demo" / "site_gold.jsonl").read_text().splitlines() if line.strip()]
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.sql("""SELECT area, indicator, year, month_from, month_to, measure, value
                          FROM observations""").fetchall()
        runs = con.sql("SELECT flow, pages_fetched FROM runs ORDER BY started").fetchall()
    finally:
        con.close()
    have = {(a, i, y, f, t, m): v for a, i, y, f, t, m, v in rows}
    missing = [g for g in gold if not g.get("optional")
               and not any(abs(v - g["value"]) <= max(0.01, 0.005 * abs(g["value"]))
                           for k, v in have.items()
                           if k == (g["area"], g["indicator"], g["year"], g["month_from"], g["month_to"], g["measure"]))]
    assert len(missing) <= 0.05 * len(gold), missing[:10]
    assert [r[0] for r in runs] == ["ingest", "ingest"]
