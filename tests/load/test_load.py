"""Loading documents and records: validation, quarantine, replacement, idempotence, runs."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

import duckdb
import pytest

from tasks.db import connect
from tasks.load import DUPLICATE_KEY, load_documents, record_run, stored_documents
from tests.load.builders import document, fresh_database, record


@pytest.fixture
def con(tmp_path):
    c = connect(fresh_database(tmp_path), wait_seconds=1)
    yield c
    c.close()


def observations(con) -> list[tuple]:
    """Every stored observation, order-independent."""
    return sorted(con.execute("SELECT * FROM observations").fetchall(), key=repr)


def quarantine_reasons(con) -> list[str]:
    return [r[0] for r in con.execute("SELECT reason FROM quarantine ORDER BY quarantine_id").fetchall()]


def test_a_batch_lands_with_its_documents(con):
    a = document("a", text="Giá trị sản xuất công nghiệp 8 tháng ước đạt 483.595 triệu đồng")
    summary = load_documents(con, [(a, [record("industrial_output", 1, 8, 483595.0, estimate=True),
                                        record("industrial_output", 1, 8, 64.0, measure="plan_pct")])])
    assert (summary.documents, summary.observations, summary.quarantined) == (1, 2, 0)
    row = con.execute("SELECT url, title, published, text, status, loaded_at IS NOT NULL FROM documents").fetchone()
    assert row == (a.url, "a", date(2023, 9, 5), a.text, "ok", True)
    stored = con.execute("""SELECT doc_id, value, unit, estimate, char_start, char_end, span
                            FROM observations WHERE measure = 'actual'""").fetchone()
    assert stored == (a.doc_id, 483595.0, "million_vnd", True, 0, 10, "483595.0")


def test_loading_the_same_documents_twice_changes_nothing(con):
    batch = [(document("a"), [record("industrial_output", 1, 8, 483595.0), record("retail_sales", 8, 8, 12.5)]),
             (document("b"), [record("industrial_output", 1, 7, 417741.0)])]
    first = load_documents(con, batch)
    before = observations(con)
    views_before = sorted(con.execute("SELECT * FROM monthly").fetchall(), key=repr)
    second = load_documents(con, batch)
    assert observations(con) == before
    assert sorted(con.execute("SELECT * FROM monthly").fetchall(), key=repr) == views_before
    assert first.observations_written == 3
    assert (second.observations_written, second.unchanged_documents, second.replaced_documents) == (0, 2, 0)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2


def test_a_document_loaded_again_has_its_observations_replaced_whole(con):
    a, b = document("a"), document("b")
    load_documents(con, [(a, [record("industrial_output", 1, 8, 100.0), record("retail_sales", 1, 8, 50.0)]),
                         (b, [record("industrial_output", 1, 7, 90.0)])])
    summary = load_documents(con, [(a, [record("industrial_output", 1, 8, 101.0),
                                        record("budget_revenue", 1, 8, 7.0)])])
    assert summary.replaced_documents == 1
    rows = con.execute("""SELECT doc_id, indicator, value FROM observations
                          ORDER BY doc_id, indicator""").fetchall()
    assert sorted(rows) == sorted([(a.doc_id, "industrial_output", 101.0), (a.doc_id, "budget_revenue", 7.0),
                                   (b.doc_id, "industrial_output", 90.0)])


def test_a_document_that_now_states_nothing_loses_its_observations(con):
    a = document("a")
    load_documents(con, [(a, [record("industrial_output", 1, 8, 100.0)])])
    summary = load_documents(con, [(replace(a, status="no_text", text=""), [])])
    assert summary.replaced_documents == 1
    assert con.execute("SELECT count(*) FROM observations").fetchone()[0] == 0
    assert con.execute("SELECT status FROM documents").fetchone()[0] == "no_text"


def test_a_failing_batch_leaves_the_database_as_it_was(con):
    a = document("a")
    load_documents(con, [(a, [record("industrial_output", 1, 8, 100.0)])])
    before = observations(con)
    broken = replace(document("broken"), url=None)          # documents.url is NOT NULL
    with pytest.raises(duckdb.Error):
        load_documents(con, [(a, [record("industrial_output", 1, 8, 999.0)]),
                             (broken, [record("industrial_output", 1, 7, 1.0)])])
    assert observations(con) == before
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_a_key_twice_in_one_document_keeps_the_first_and_quarantines_the_rest(con):
    a = document("a")
    summary = load_documents(con, [(a, [record("industrial_output", 1, 8, 100.0),
                                        record("industrial_output", 1, 8, 200.0),
                                        record("industrial_output", 1, 8, 300.0)])])
    assert con.execute("SELECT value FROM observations").fetchall() == [(100.0,)]
    assert quarantine_reasons(con) == [DUPLICATE_KEY, DUPLICATE_KEY]
    assert summary.quarantined == 2
    values = con.execute("SELECT value FROM quarantine ORDER BY value").fetchall()
    assert values == [(200.0,), (300.0,)]


def test_the_same_document_twice_in_a_batch_keeps_the_later(con):
    a = document("a")
    load_documents(con, [(a, [record("industrial_output", 1, 8, 100.0)]),
                         (replace(a, title="later"), [record("industrial_output", 1, 8, 110.0)])])
    assert con.execute("SELECT title FROM documents").fetchall() == [("later",)]
    assert con.execute("SELECT value FROM observations").fetchall() == [(110.0,)]


BAD_RECORDS = [
    # (record, words the reason must contain)
    (record("industrial_output", 9, 8, 1.0), "month_from after month_to"),
    (record("industrial_output", 0, 8, 1.0), "month outside 1..12"),
    (record("industrial_output", 1, 13, 1.0), "month outside 1..12"),
    (record("industrial_output", 1, 8, 1.0, year=1989), "implausible year 1989"),
    (record("industrial_output", 1, 8, 1.0, year=2025), "implausible year 2025 (expected 1990..2024)"),
    (record("industrial_output", 1, 8, float("nan")), "not finite"),
    (record("industrial_output", 1, 8, float("inf")), "not finite"),
    (record("industrial_output", 1, 8, -5.0), "implausible value -5 for unit million_vnd"),
    (record("industrial_output", 1, 8, 2e12), "implausible value 2e+12 for unit million_vnd"),
    (record("industrial_output", 1, 8, 10_001.0, measure="yoy_pct"), "implausible value 10001 for unit percent"),
    (record("jobs_created", 1, 8, 3e8, unit="persons"), "for unit persons"),
    (record("gdp_per_cat", 1, 8, 1.0), "unknown indicator code 'gdp_per_cat'"),
    (record("industrial_output", 1, 8, 1.0, measure="forecast"), "unknown measure 'forecast'"),
    (record("industrial_output", 1, 8, 1.0, area=""), "no area"),
    (record("industrial_output", 1, 8, 1.0, year="2023"), "year is not a whole number: '2023'"),
    (record("industrial_output", 1.5, 8, 1.0), "month_from is not a whole number: 1.5"),
    (record("industrial_output", 1, 8, "many"), "value is not a number: 'many'"),
    (record("industrial_output", 1, 8, 108.0, measure="yoy_pct", unit="million_vnd"),
     "yoy_pct in unit 'million_vnd': shares and growth rates are in percent"),
]


@pytest.mark.parametrize("bad, reason", BAD_RECORDS, ids=[r for _, r in BAD_RECORDS])
def test_an_implausible_record_goes_to_quarantine_and_the_rest_loads(con, bad, reason):
    good = record("retail_sales", 1, 8, 12.0)
    summary = load_documents(con, [(document("a"), [bad, good])])
    assert (summary.observations, summary.quarantined) == (1, 1)
    assert con.execute("SELECT indicator FROM observations").fetchall() == [("retail_sales",)]
    [stored_reason] = quarantine_reasons(con)
    assert reason in stored_reason, stored_reason




@pytest.mark.parametrize("ok", [
    record("industrial_output", 1, 8, 420.0, measure="yoy_pct"),     # 420 % year-on-year happens
    record("industrial_output", 1, 12, 1.0, year=2024),               # next year's plan, published 2023
    record("industrial_output", 1, 8, 0.0),
    record("industrial_output", 1, 8, 5.0, unit="hectares"),          # other units: finite is enough
], ids=["yoy 420", "next year", "zero", "other unit"])
def test_plausible_records_load(con, ok):
    summary = load_documents(con, [(document("a"), [ok])])
    assert (summary.observations, summary.quarantined) == (1, 0)


def test_an_undated_document_allows_up_to_next_calendar_year(con):
    next_year = datetime.now().year + 1
    summary = load_documents(con, [(document("a", published=None), [
        record("industrial_output", 1, 12, 1.0, year=next_year),
        record("industrial_output", 1, 12, 1.0, year=next_year + 1)])])
    assert (summary.observations, summary.quarantined) == (1, 1)


def test_a_month_above_its_own_cumulative_figure_is_quarantined(con):
    summary = load_documents(con, [(document("a"), [
        record("industrial_output", 1, 8, 100.0),
        record("industrial_output", 8, 8, 180.0),          # a month cannot exceed January..August
        record("retail_sales", 1, 8, 100.0),
        record("retail_sales", 8, 8, 100.4),              # within rounding: kept
        record("cpi", 1, 6, 103.2, measure="yoy_pct"),
        record("cpi", 6, 6, 105.0, measure="yoy_pct"),    # percentages are not amounts: kept
    ])])
    assert summary.quarantined == 1
    [reason] = quarantine_reasons(con)
    assert reason.startswith("month figure larger than the cumulative figure ending that month")
    assert "[8..8] 180 > [1..8] 100" in reason
    assert con.execute("SELECT count(*) FROM observations").fetchone()[0] == 5


def test_quarantine_is_replaced_with_its_document(con):
    a = document("a")
    load_documents(con, [(a, [record("industrial_output", 1, 8, -1.0)])])
    assert len(quarantine_reasons(con)) == 1
    load_documents(con, [(a, [record("industrial_output", 1, 8, 1.0)])])
    assert quarantine_reasons(con) == []


def test_stored_documents_round_trip(con):
    a = document("a", text="Văn bản gốc", default_area="Kiến An", parent_doc_id="p1",
                 content_type="application/pdf")
    b = document("b", published=None, fetched_at=None)
    load_documents(con, [(a, []), (b, [])])
    by_id = {d.doc_id: d for d in stored_documents(con)}
    assert by_id[a.doc_id] == a
    assert by_id[b.doc_id] == b
    assert [d.doc_id for d in stored_documents(con, doc_ids=[b.doc_id])] == [b.doc_id]
    assert stored_documents(con, doc_ids=[]) == []


def test_record_run_inserts_then_updates(con):
    run = {"run_id": "r1", "flow": "ingest", "parameters": {"sources": ["kienan"]},
           "started": datetime(2026, 11, 22, 4, 0), "status": "running"}
    record_run(con, run)
    record_run(con, {**run, "status": "completed", "finished": datetime(2026, 11, 22, 4, 5),
                     "records_loaded": 12, "conflicts": 1, "message": "ok"})
    rows = con.execute("SELECT run_id, status, records_loaded, conflicts, finished, parameters FROM runs").fetchall()
    assert len(rows) == 1
    run_id, status, loaded, conflicts, finished, parameters = rows[0]
    assert (run_id, status, loaded, conflicts, finished) == ("r1", "completed", 12, 1, datetime(2026, 11, 22, 4, 5))
    assert json.loads(parameters) == {"sources": ["kienan"]}


def test_record_run_needs_an_id(con):
    with pytest.raises(ValueError, match="run_id"):
        record_run(con, {"flow": "ingest"})


def test_a_record_without_offsets_loads_with_null_offsets(con):
    r = replace(record("industrial_output", 1, 8, 1.0), start=None, end=None)
    summary = load_documents(con, [(document("a"), [r])])
    assert (summary.observations, summary.quarantined) == (1, 0)
    assert con.execute("SELECT char_start, char_end FROM observations").fetchall() == [(None, None)]


def test_a_publication_date_given_as_text_is_read_as_a_date(con):
    # Not a date object: the documents' Arrow columns refuse it, the typed INSERT reads it.
    a = replace(document("a"), published="2023-09-05")
    summary = load_documents(con, [(a, [record("industrial_output", 1, 8, 1.0)])])
    assert summary.observations == 1
    assert con.execute("SELECT published FROM documents").fetchall() == [(date(2023, 9, 5),)]


def test_a_batch_of_stored_and_new_documents_replaces_only_what_changed(con):
    a, b, c = document("a"), document("b"), document("c")
    load_documents(con, [(a, [record("industrial_output", 1, 8, 100.0)]),
                         (b, [record("industrial_output", 1, 7, 90.0)])])
    summary = load_documents(con, [(a, [record("industrial_output", 1, 8, 100.0)]),      # unchanged
                                   (b, [record("industrial_output", 1, 7, 91.0)]),      # revised
                                   (c, [record("industrial_output", 1, 6, 80.0)])])     # new
    assert (summary.unchanged_documents, summary.replaced_documents, summary.observations_written) == (1, 1, 2)
    rows = con.execute("SELECT doc_id, value FROM observations").fetchall()
    assert sorted(rows) == sorted([(a.doc_id, 100.0), (b.doc_id, 91.0), (c.doc_id, 80.0)])


def test_the_garbage_collector_is_back_on_after_a_load(con):
    import gc
    assert gc.isenabled()
    load_documents(con, [(document("a"), [record("industrial_output", 1, 8, 1.0)])])
    assert gc.isenabled()
    with pytest.raises(duckdb.Error):
        load_documents(con, [(replace(document("broken"), url=None), [])])
    assert gc.isenabled()
