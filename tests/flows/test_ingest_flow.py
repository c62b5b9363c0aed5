"""The real ingest flow against the sample site served on loopback, into a temporary DuckDB file."""
import json

import duckdb
import pytest

from .conftest import contents

pytestmark = pytest.mark.slow


def counts(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.sql(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                for t in ("documents", "observations", "monthly", "quarterly")}
    finally:
        con.close()


def test_ingest_loads_the_sample_site_and_rolls_it_up(demo_site, clean_run, prefect_harness, repo):
    from flows.ingest import ingest

    _, sources = demo_site
    db, first = clean_run.db, clean_run.row     # the session's first ingest of the site, into a new file
    after_first = counts(db)
    second = ingest(sources_file=str(sources), db=str(db), archive=str(clean_run.archive))
    after_second = counts(db)

    assert first["pages_fetched"] > 0 and first["pages_failed"] == 0, first
    assert after_first["monthly"] > 0 and after_first["quarterly"] > 0, after_first
    # Nothing changed on the site: conditional requests only, nothing re-parsed, same rows.
    assert second["pages_fetched"] == 0, second
    assert second["pages_unchanged"] == first["pages_fetched"], (first, second)
    assert second["documents_parsed"] == 0, second
    assert after_second == after_first
    assert contents(db) == clean_run.contents

    # The figures a careful reader takes from the site's articles are in the database, and few others.
    gold = [json.loads(line) for line in (repo / "demo" / "site_gold.jsonl").read_text().splitlines()
            if line.strip()]
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.sql("""SELECT d.url, o.area, o.indicator, o.year, o.month_from, o.month_to, o.measure,
                                 o.value
                          FROM observations o JOIN documents d USING (doc_id)""").fetchall()
        runs = con.sql("SELECT flow, pages_fetched FROM runs ORDER BY started").fetchall()
    finally:
        con.close()
    recall, precision, missed, extra = matched(gold, [(url.split("/", 3)[3], *rest) for url, *rest in rows])
    assert recall >= 0.95, missed[:10]
    assert precision >= 0.95, extra[:10]
    assert [r[0] for r in runs] == ["ingest", "ingest"]


def matched(gold: list[dict], rows: list[tuple]):
    """Recall over the gold records, precision over the stored ones: same document and key, value within 0.5 %."""
    stored = {}
    for doc, *key, value in rows:
        stored.setdefault((doc, *key), []).append(value)
    hits, missed = 0, []
    used = set()
    for g in gold:
        k = (g["doc"], g["area"], g["indicator"], g["year"], g["month_from"], g["month_to"], g["measure"])
        if any(abs(v - g["value"]) <= max(0.01, 0.005 * abs(g["value"])) for v in stored.get(k, [])):
            hits += 1
            used.add(k)
        else:
            missed.append(g)
    extra = [k for k in stored if k not in used]
    return hits / len(gold), len(used) / max(len(stored), 1), missed, extra
