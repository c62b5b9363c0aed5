"""The rollup views on hand-computed fixtures: one test per method, revision, conflict, gap, rates."""
from __future__ import annotations

from datetime import date

import pytest

from tasks.checks import run_checks
from tasks.db import connect
from tasks.load import load_documents
from tests.load.builders import document, fresh_database, record

IO = "industrial_output"


@pytest.fixture
def con(tmp_path):
    c = connect(fresh_database(tmp_path), wait_seconds=1)
    yield c
    c.close()


def rows(con, sql: str, *params) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


def month(con, m: int, *, area="Kiến An", indicator=IO, year=2023):
    found = rows(con, """SELECT value, method, route FROM monthly
                         WHERE area = ? AND indicator = ? AND year = ? AND month = ?""", area, indicator, year, m)
    assert len(found) <= 1
    return found[0] if found else None


def quarter(con, q: int, *, area="Kiến An", indicator=IO, year=2023):
    found = rows(con, """SELECT value, method FROM quarterly
                         WHERE area = ? AND indicator = ? AND year = ? AND quarter = ?""", area, indicator, year, q)
    assert len(found) <= 1
    return found[0] if found else None


# ---------------------------------------------------------------- months

def test_reported_month(con):
    load_documents(con, [(document("a"), [record(IO, 8, 8, 65854.0)])])
    assert month(con, 8) == (65854.0, "reported", "[8..8]")


def test_month_derived_from_two_cumulative_figures(con):
    # [1..8] − [1..7] = [8..8]: 483595 − 417741 = 65854
    load_documents(con, [(document("a"), [record(IO, 1, 8, 483595.0), record(IO, 1, 7, 417741.0)])])
    assert month(con, 8) == (65854.0, "derived_ytd", "[1..8] − [1..7]")
    assert [r[0] for r in rows(con, "SELECT month FROM monthly")] == [8]


def test_month_derived_from_ranges_sharing_an_end(con):
    # [1..2] − [2..2] = [1..1]: 550000 − 300000 = 250000; month 2 stays reported.
    load_documents(con, [(document("a"), [record("budget_revenue", 1, 2, 550000.0),
                                          record("budget_revenue", 2, 2, 300000.0)])])
    assert month(con, 1, indicator="budget_revenue") == (250000.0, "derived_range", "[1..2] − [2..2]")
    assert month(con, 2, indicator="budget_revenue") == (300000.0, "reported", "[2..2]")


def test_month_derived_from_the_quarter_and_two_months(con):
    # [1..3] − [1..2] = [3..3]
    load_documents(con, [(document("a"), [record(IO, 1, 3, 162409.0), record(IO, 1, 2, 107309.0)])])
    assert month(con, 3) == (55100.0, "derived_ytd", "[1..3] − [1..2]")


def test_reported_month_beats_its_derivation(con):
    load_documents(con, [(document("a"), [record(IO, 1, 8, 483595.0), record(IO, 1, 7, 417741.0),
                                          record(IO, 8, 8, 65854.0)])])
    assert month(con, 8) == (65854.0, "reported", "[8..8]")
    assert rows(con, "SELECT count(*) FROM monthly") == [(1,)]


def test_monthly_carries_cumulative_value_and_reported_percentages(con):
    load_documents(con, [(document("a"), [
        record(IO, 1, 8, 483595.0), record(IO, 1, 7, 417741.0),
        record(IO, 1, 8, 64.0, measure="plan_pct"), record(IO, 1, 8, 108.2, measure="yoy_pct"),
        record(IO, 8, 8, 104.1, measure="yoy_pct"),
    ])])
    found = rows(con, """SELECT value, ytd_value, ytd_method, month_yoy_pct, ytd_yoy_pct, month_plan_pct,
                                ytd_plan_pct, unit FROM monthly WHERE month = 8""")
    assert found == [(65854.0, 483595.0, "reported", 104.1, 108.2, None, 64.0, "million_vnd")]


def test_cumulative_value_from_all_months_so_far(con):
    load_documents(con, [(document("a"), [record(IO, 1, 1, 10.0), record(IO, 2, 2, 20.0), record(IO, 4, 4, 40.0)])])
    found = rows(con, "SELECT month, ytd_value, ytd_method FROM monthly ORDER BY month")
    # Month 3 is unknown, so from April on the cumulative value is unknown too.
    assert found == [(1, 10.0, "reported"), (2, 30.0, "sum_of_months"), (4, None, None)]


def test_a_gap_leaves_months_absent_never_zero(con):
    # [1..6] and [1..8]: months 7 and 8 only as a pair ([7..8]), so no single month is known.
    load_documents(con, [(document("a"), [record(IO, 1, 6, 300000.0), record(IO, 1, 8, 420000.0),
                                          record(IO, 4, 4, 50000.0)])])
    assert [r[0] for r in rows(con, "SELECT month FROM monthly ORDER BY month")] == [4]
    assert rows(con, "SELECT count(*) FROM monthly WHERE value = 0") == [(0,)]
    assert quarter(con, 2) is None and quarter(con, 3) is None
    assert rows(con, "SELECT latest_month, months_known, months_missing FROM coverage") == \
        [(8, [4], [1, 2, 3, 5, 6, 7, 8])]
    routes = rows(con, "SELECT month_from, month_to, value, method FROM period_values WHERE month_from = 7")
    assert routes == [(7, 8, 120000.0, "derived_ytd")]


def test_a_negative_difference_never_becomes_a_value(con):
    # [1..8] smaller than [1..7]: one of them is wrong; month 8 stays unknown and a check says why.
    load_documents(con, [(document("a"), [record(IO, 1, 8, 400000.0), record(IO, 1, 7, 417741.0)])])
    assert month(con, 8) is None
    checks = {c.name: c for c in run_checks(con)}
    assert checks["negative_derivation"].rows == 1
    assert checks["negative_derivation"].sample[0]["route"] == "[1..8] − [1..7]"


# ---------------------------------------------------------------- quarters and years

def test_reported_quarter(con):
    load_documents(con, [(document("a"), [record(IO, 1, 3, 162409.0)])])
    assert quarter(con, 1) == (162409.0, "reported")


def test_quarter_derived_from_cumulative_figures(con):
    # [1..6] − [1..3] = [4..6]: 350000 − 162409 = 187591
    load_documents(con, [(document("a"), [record(IO, 1, 6, 350000.0), record(IO, 1, 3, 162409.0)])])
    assert quarter(con, 2) == (187591.0, "derived_ytd")


def test_quarter_from_the_sum_of_its_months(con):
    load_documents(con, [(document("a"), [record(IO, 7, 7, 60000.0), record(IO, 8, 8, 65854.0),
                                          record(IO, 9, 9, 70146.0)])])
    assert quarter(con, 3) == (196000.0, "sum_of_months")


def test_sums_are_added_in_period_order_whatever_order_the_figures_came_in(con):
    # Float addition depends on its order: (0.1 + 0.2) + 0.3 != (0.3 + 0.2) + 0.1. The months
    # and quarters arrive last first; every read gives the sum taken in calendar order.
    load_documents(con, [(document(f"m{m}"), [record(IO, m, m, [0.1, 0.2, 0.3][m - 7])]) for m in (9, 8, 7)])
    load_documents(con, [(document(f"q{q}"), [record("retail_sales", 3 * q - 2, 3 * q, [0.1, 0.2, 0.3, 0.4][q - 1])])
                         for q in (4, 3, 2, 1)])
    assert quarter(con, 3) == ((0.1 + 0.2) + 0.3, "sum_of_months")
    found = rows(con, "SELECT value, method FROM yearly WHERE indicator = 'retail_sales'")
    assert found == [(((0.1 + 0.2) + 0.3) + 0.4, "sum_of_quarters")]


def test_quarter_with_two_months_known_is_absent(con):
    load_documents(con, [(document("a"), [record(IO, 7, 7, 60000.0), record(IO, 9, 9, 70146.0)])])
    assert quarter(con, 3) is None


def test_yearly_reported_and_from_four_quarters(con):
    load_documents(con, [(document("a", date(2023, 1, 10)), [
        record(IO, 1, 12, 423200.0, year=2022),
        record(IO, 1, 3, 100.0), record(IO, 4, 6, 200.0), record(IO, 7, 9, 300.0),
        record(IO, 10, 10, 110.0), record(IO, 11, 11, 120.0), record(IO, 12, 12, 170.0),
        record(IO, 1, 12, 1000.0, year=2024, measure="target"),
        record(IO, 1, 12, 104.0, year=2022, measure="yoy_pct"),
    ])])
    found = rows(con, "SELECT year, value, method, yoy_pct FROM yearly ORDER BY year")
    assert found == [(2022, 423200.0, "reported", 104.0), (2023, 1000.0, "sum_of_quarters", None)]
    assert quarter(con, 4) == (400.0, "sum_of_months")


# ---------------------------------------------------------------- choosing among documents

def test_a_final_figure_from_a_later_document_replaces_an_estimate(con):
    early = document("early", date(2023, 9, 5))
    later = document("later", date(2023, 10, 5))
    load_documents(con, [(early, [record(IO, 1, 8, 483595.0, estimate=True), record(IO, 1, 7, 417741.0)])])
    assert month(con, 8) == (65854.0, "derived_ytd", "[1..8] − [1..7]")
    load_documents(con, [(later, [record(IO, 1, 8, 480000.0)])])
    chosen = rows(con, """SELECT value, estimate, doc_id, n_sources FROM indicator_values
                          WHERE month_from = 1 AND month_to = 8""")
    assert chosen == [(480000.0, False, later.doc_id, 2)]
    assert month(con, 8) == (62259.0, "derived_ytd", "[1..8] − [1..7]")
    # Every alternative stays in observations.
    assert rows(con, "SELECT count(*) FROM observations WHERE month_to = 8") == [(2,)]


def test_a_final_figure_beats_a_newer_estimate(con):
    load_documents(con, [(document("old final", date(2023, 9, 5)), [record(IO, 1, 8, 480000.0)]),
                         (document("new estimate", date(2023, 10, 5)), [record(IO, 1, 8, 490000.0, estimate=True)])])
    assert rows(con, "SELECT value, estimate FROM indicator_values") == [(480000.0, False)]


def test_among_equals_the_latest_published_wins_then_the_latest_fetched(con):
    from datetime import datetime
    load_documents(con, [
        (document("sept", date(2023, 9, 5)), [record(IO, 1, 8, 1.0)]),
        (document("oct", date(2023, 10, 5), fetched_at=datetime(2023, 10, 6)), [record(IO, 1, 8, 2.0)]),
        (document("oct again", date(2023, 10, 5), fetched_at=datetime(2023, 10, 7)), [record(IO, 1, 8, 3.0)]),
        (document("undated", None), [record(IO, 1, 8, 4.0)]),
    ])
    assert rows(con, "SELECT value, n_sources FROM indicator_values") == [(3.0, 4)]


def test_conflicts_appear_in_reconciliation(con):
    a = document("a", date(2023, 9, 5))
    b = document("b", date(2023, 9, 20))
    load_documents(con, [
        (a, [record(IO, 1, 8, 483595.0), record(IO, 1, 7, 417741.0), record(IO, 8, 8, 70000.0),
             record(IO, 1, 1, 10.0), record(IO, 2, 2, 20.0), record(IO, 3, 3, 30.0), record(IO, 1, 3, 100.0),
             record("retail_sales", 1, 8, 1000.0)]),
        (b, [record("retail_sales", 1, 8, 1100.0), record("budget_revenue", 1, 8, 500.0)]),
        (document("c", date(2023, 9, 1)), [record("budget_revenue", 1, 8, 501.0)]),   # within 0.5 %
    ])
    found = rows(con, """SELECT kind, indicator, month_from, month_to, value_a, value_b, route_a, route_b,
                                doc_a, doc_b FROM reconciliation ORDER BY kind, indicator""")
    assert found == [
        ("documents", "retail_sales", 1, 8, 1100.0, 1000.0, "chosen final", "other final", b.doc_id, a.doc_id),
        ("month_vs_derivation", IO, 8, 8, 70000.0, 65854.0, "reported [8..8]", "derived_ytd [1..8] − [1..7]",
         a.doc_id, f"{a.doc_id},{a.doc_id}"),
        ("quarter_vs_months", IO, 1, 3, 100.0, 60.0, "reported [1..3]", "sum_of_months [1..1] + [2..2] + [3..3]",
         a.doc_id, a.doc_id),
        # The same disagreement seen from the other side: [1..7] against [1..8] − [8..8].
        ("range_vs_derivation", IO, 1, 7, 417741.0, 413595.0, "reported [1..7]", "derived_range [1..8] − [8..8]",
         a.doc_id, f"{a.doc_id},{a.doc_id}"),
    ]
    checks = {c.name: c.rows for c in run_checks(con)}
    assert checks["reconciliation"] == 4


def test_year_against_its_quarters_in_reconciliation(con):
    load_documents(con, [(document("a"), [record(IO, 1, 12, 1100.0, year=2022), record(IO, 1, 3, 100.0, year=2022),
                                          record(IO, 4, 6, 200.0, year=2022), record(IO, 7, 9, 300.0, year=2022),
                                          record(IO, 10, 12, 400.0, year=2022)])])
    found = rows(con, "SELECT kind, value_a, value_b FROM reconciliation WHERE kind = 'year_vs_quarters'")
    assert found == [("year_vs_quarters", 1100.0, 1000.0)]


# ---------------------------------------------------------------- rates are never summed

def test_rates_and_indices_are_never_summed_or_differenced(con):
    load_documents(con, [(document("a"), [
        record("cpi", 6, 6, 100.5, measure="mom_pct"), record("cpi", 1, 6, 103.2, measure="yoy_pct"),
        record("cpi", 1, 5, 103.0, measure="yoy_pct"),
        record("poor_household_rate", 1, 12, 2.5, year=2022), record("poor_household_rate", 1, 6, 3.0),
        record("poor_household_rate", 1, 5, 2.0), record("poor_household_rate", 6, 6, 0.1),
        record(IO, 1, 6, 300.0, measure="yoy_pct"), record(IO, 1, 5, 200.0, measure="yoy_pct"),
    ])])
    for view in ("monthly", "quarterly", "yearly", "period_routes", "coverage"):
        assert rows(con, f"SELECT count(*) FROM {view}") == [(0,)], view
    assert rows(con, "SELECT count(*) FROM indicator_values") == [(9,)]


def test_an_amount_in_another_unit_is_left_out_of_rollups(con):
    load_documents(con, [(document("a"), [record(IO, 1, 8, 100.0), record(IO, 1, 7, 90.0, unit="million_usd")])])
    assert rows(con, "SELECT count(*) FROM monthly") == [(0,)]
    assert {c.name: c.rows for c in run_checks(con)}["unit_mismatch"] == 1


# ---------------------------------------------------------------- coverage and checks

def test_coverage_lists_known_and_missing_months(con):
    load_documents(con, [(document("a"), [record(IO, 1, 8, 483595.0), record(IO, 1, 7, 417741.0),
                                          record(IO, 2, 2, 30.0), record(IO, 1, 2, 55.0)])])
    found = rows(con, """SELECT area, indicator, year, latest_month, months_known, months_reported,
                                months_derived, months_missing, n_known FROM coverage""")
    assert found == [("Kiến An", IO, 2023, 8, [1, 2, 8], [2], [1, 8], [3, 4, 5, 6, 7], 3)]


def test_checks_pass_on_clean_data_and_list_offenders(con):
    load_documents(con, [(document("a"), [record(IO, 1, 8, 100.0), record("bogus", 1, 8, 1.0)])])
    results = {c.name: c for c in run_checks(con)}
    assert set(results) >= {"duplicate_chosen_values", "month_above_cumulative", "orphan_observations",
                            "quarantined_values", "reconciliation"}
    assert results["quarantined_values"].rows == 1
    assert results["quarantined_values"].sample[0]["indicator"] == "bogus"
    for name in ("duplicate_chosen_values", "month_above_cumulative", "orphan_observations", "reconciliation"):
        assert results[name].rows == 0, name


def test_orphans_and_month_above_cumulative_across_documents_are_found(con):
    load_documents(con, [(document("a"), [record(IO, 1, 8, 100.0)]),
                         (document("b"), [record(IO, 8, 8, 150.0)])])     # two documents: loader cannot see it
    con.execute("DELETE FROM documents WHERE url LIKE '%/b'")
    results = {c.name: c.rows for c in run_checks(con)}
    assert results["month_above_cumulative"] == 1
    assert results["orphan_observations"] == 1
