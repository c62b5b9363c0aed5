"""Quarantine, not crash: a record failing validation is kept aside with its document, snippet and reason;
the rest loads, and `baocao check` reports the quarantined values.

Through the pipeline: a page served over loopback whose text parses into bad records (a value no
unit allows, a year after the document's, a month above its own cumulative figure, a 25,000 %
growth). Directly: every rule of the loader, each next to a good record that must load.
"""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tasks.archive import Archive
from tasks.checks import run_checks
from tasks.db import connect
from tasks.fetch import Fetcher
from tasks.load import load_documents
from tests.load.builders import document, fresh_database, record
from tests.reliability.kit import BAD_SENTENCES, FAULT_FETCH, GOOD_SENTENCES, article, scalar, stage_run
from tests.support.loopback import Reply, loopback

REPO = Path(__file__).resolve().parents[2]


def quarantine(db: Path) -> list[tuple]:
    con = connect(db, read_only=True)
    try:
        return con.execute("SELECT doc_id, indicator, value, snippet, reason FROM quarantine ORDER BY indicator")\
            .fetchall()
    finally:
        con.close()


def baocao(*args: str) -> subprocess.CompletedProcess:
    """The real command line in its own process (the quick commands never start Prefect)."""
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)


def test_a_page_with_bad_figures_loads_the_good_ones_and_quarantines_the_rest(tmp_path):
    with loopback() as site:
        site.route("/robots.txt", Reply(404))
        site.page("/bao-cao.html", article("Báo cáo tình hình kinh tế - xã hội 8 tháng năm 2023",
                                           GOOD_SENTENCES + list(BAD_SENTENCES.values())))
        db = fresh_database(tmp_path)
        with Archive(tmp_path / "archive") as archive:
            run = stage_run([site.url("/bao-cao.html")], Fetcher(FAULT_FETCH, ["127.0.0.1"], archive), db)
    doc = run.documents[site.url("/bao-cao.html")]
    assert doc.status == "ok"

    rows = quarantine(db)
    assert {r[0] for r in rows} == {doc.doc_id}
    by_indicator = {r[1]: r for r in rows}
    expected = {
        "budget_revenue": ("implausible value 5e+15 for unit million_vnd", "5.000.000.000 nghìn tỷ"),
        "agro_forestry_fishery_output": ("implausible year 2031", "năm 2031"),
        "accommodation_food_revenue": ("month figure larger than the cumulative figure", "tháng 8 ước đạt 900.000"),
        "export_value": ("implausible value 25000 for unit percent", "25.000%"),
    }
    assert set(by_indicator) == set(expected), rows
    for indicator, (reason, words) in expected.items():
        _, _, _, snippet, stored_reason = by_indicator[indicator]
        assert stored_reason.startswith(reason), stored_reason
        assert words in snippet, snippet

    # The good figures of the same page, and the sound figures next to the bad ones, are stored.
    stored = scalar(db, "SELECT list(indicator || ':' || measure ORDER BY indicator, measure) FROM observations")
    assert stored == ["accommodation_food_revenue:actual", "budget_revenue:yoy_pct", "export_value:actual",
                      "industrial_output:actual", "industrial_output:yoy_pct", "retail_sales:actual",
                      "retail_sales:plan_pct", "retail_sales:yoy_pct"]
    assert run.summary.quarantined == 4 and run.summary.observations == 8

    # The data checks see the quarantined values and `baocao check` fails because of them.
    result = baocao("check", "--db", str(db))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAIL quarantined_values: 4 rows" in result.stdout


@pytest.mark.parametrize("bad, reason", [
    (record("retail_sales", 1, 8, 2e12), "implausible value 2e+12 for unit million_vnd"),
    (record("retail_sales", 1, 8, -5.0), "implausible value -5 for unit million_vnd"),
    (record("export_value", 1, 8, 2e7, unit="million_usd"), "implausible value 2e+07 for unit million_usd"),
    (record("jobs_created", 1, 8, 3e8, unit="persons"), "implausible value 3e+08 for unit persons"),
    (record("retail_sales", 1, 8, 20_000.0, measure="yoy_pct"), "implausible value 20000 for unit percent"),
    (record("retail_sales", 1, 8, 64.0, measure="plan_pct", unit="million_vnd"), "plan_pct in unit"),
    (record("retail_sales", 9, 3, 10.0), "month_from after month_to"),
    (record("retail_sales", 1, 13, 10.0), "month outside 1..12"),
    (record("retail_sales", 1, 8, 10.0, year=2031), "implausible year 2031 (expected 1990..2024)"),
    (record("retail_sales", 1, 8, 10.0, year=1975), "implausible year 1975"),
    (record("made_up_code", 1, 8, 10.0), "unknown indicator code 'made_up_code'"),
    (record("retail_sales", 1, 8, 10.0, measure="guess"), "unknown measure 'guess'"),
    (record("retail_sales", 1, 8, float("nan")), "value is not finite"),
    (record("retail_sales", 1, 8, 10.0, area=" "), "no area"),
])
def test_each_validation_rule_quarantines_with_document_snippet_and_reason(tmp_path, bad, reason):
    db = fresh_database(tmp_path)
    good = record("industrial_output", 1, 8, 1_138_377.0)
    doc = document("report.html", published=date(2023, 9, 5))
    con = connect(db, wait_seconds=5)
    try:
        summary = load_documents(con, [(doc, [good, bad])])
    finally:
        con.close()
    [(doc_id, _, _, snippet, stored_reason)] = quarantine(db)
    assert doc_id == doc.doc_id and snippet == bad.snippet
    assert stored_reason.startswith(reason) or reason in stored_reason, stored_reason
    assert summary.observations == 1
    assert scalar(db, "SELECT indicator FROM observations") == "industrial_output"


@pytest.mark.parametrize("ok", [
    record("retail_sales", 1, 8, 420.0, measure="yoy_pct"),      # 420 % year-on-year occurs in the seeds
    record("retail_sales", 1, 8, 9_999.0, measure="plan_pct"),   # the documented bound is 10,000 %
    record("retail_sales", 1, 12, 10.0, year=2024),              # next year's plan in a 2023 report
])
def test_wide_but_real_values_are_not_quarantined(tmp_path, ok):
    db = fresh_database(tmp_path)
    con = connect(db, wait_seconds=5)
    try:
        summary = load_documents(con, [(document("report.html", published=date(2023, 9, 5)), [ok])])
    finally:
        con.close()
    assert (summary.observations, summary.quarantined) == (1, 0)


def test_a_month_above_another_documents_cumulative_figure_fails_the_checks(tmp_path):
    """Each document is consistent on its own; together the chosen values are not: a check catches it."""
    db = fresh_database(tmp_path)
    con = connect(db, wait_seconds=5)
    try:
        load_documents(con, [
            (document("thang-8.html"), [record("retail_sales", 8, 8, 900_000.0)]),
            (document("8-thang.html"), [record("retail_sales", 1, 8, 100_000.0)]),
        ])
        failing = {c.name: c for c in run_checks(con) if c.rows}
    finally:
        con.close()
    # [1..7] = [1..8] - [8..8] comes out negative too: both checks point at the pair.
    assert set(failing) == {"month_above_cumulative", "negative_derivation"}
    [row] = failing["month_above_cumulative"].sample
    assert (row["month"], row["month_value"], row["cumulative_value"]) == (8, 900_000.0, 100_000.0)

    result = baocao("check", "--db", str(db))
    assert result.returncode == 1
    assert "FAIL month_above_cumulative: 1 rows" in result.stdout


def test_a_clean_database_passes_every_check(tmp_path):
    db = fresh_database(tmp_path)
    con = connect(db, wait_seconds=5)
    try:
        load_documents(con, [(document("report.html"), [record("retail_sales", 1, 8, 483_595.0),
                                                         record("retail_sales", 8, 8, 60_000.0)])])
    finally:
        con.close()
    result = baocao("check", "--db", str(db))
    assert result.returncode == 0, result.stdout
    assert "FAIL" not in result.stdout and result.stdout.count("ok ") == len(list((REPO / "sql/checks").glob("*.sql")))
