"""The quick commands — parse, add, query — on real files, and without Prefect."""
import json
import subprocess
import sys

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()

REPORT = """\
UBND QUẬN HỒNG BÀNG
BÁO CÁO TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 5 VÀ 5 THÁNG ĐẦU NĂM 2023

Tổng mức bán lẻ hàng hóa: tháng 5 ước thực hiện 912.400 triệu đồng, 5 tháng ước thực hiện 4.388.100 triệu đồng, đạt 41,2% kế hoạch, tăng 11,3% so cùng kỳ.
"""

OBSERVATION_ROWS = """SELECT doc_id, area, indicator, year, month_from, month_to, measure, value, unit,
                             estimate, snippet FROM observations"""


def records_of(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_parse_prints_contract_records_for_a_text_file(tmp_path):
    f = tmp_path / "hong-bang-thang-5.txt"
    f.write_text(REPORT, encoding="utf-8")
    result = runner.invoke(app, ["parse", str(f)])
    assert result.exit_code == 0, result.output
    recs = records_of(result.stdout)
    keys = {(r["indicator"], r["year"], r["month_from"], r["month_to"], r["measure"]): r["value"] for r in recs}
    assert keys[("retail_sales", 2023, 5, 5, "actual")] == 912400
    assert keys[("retail_sales", 2023, 1, 5, "actual")] == 4388100
    assert keys[("retail_sales", 2023, 1, 5, "yoy_pct")] == pytest.approx(111.3)
    for r in recs:
        assert r["doc"] == "hong-bang-thang-5.txt"
        assert r["area"] == "Hồng Bàng"
        assert r["snippet"] and REPORT[r["start"]:r["end"]] == r["snippet"]
        assert {"unit", "estimate", "value", "measure"} <= r.keys()


def test_parse_reads_stdin():
    result = runner.invoke(app, ["parse", "-"], input=REPORT)
    assert result.exit_code == 0, result.output
    assert {r["doc"] for r in records_of(result.stdout)} == {"stdin"}
    assert len(records_of(result.stdout)) >= 4


def test_parse_of_a_missing_file_says_so(tmp_path):
    result = runner.invoke(app, ["parse", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "no such file" in result.output


def test_quick_commands_never_import_prefect(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(REPORT, encoding="utf-8")
    db = tmp_path / "q.duckdb"
    code = (
        "import sys; from flows.cli import app\n"
        "from typer.testing import CliRunner\n"
        f"r = CliRunner().invoke(app, ['parse', {str(f)!r}]); assert r.exit_code == 0, r.output\n"
        f"r = CliRunner().invoke(app, ['add', {str(f)!r}, '--db', {str(db)!r}]); assert r.exit_code == 0, r.output\n"
        f"r = CliRunner().invoke(app, ['query', 'SELECT count(*) FROM observations', '--db', {str(db)!r}]); assert r.exit_code == 0, r.output\n"
        "assert 'prefect' not in sys.modules, 'a quick command imported prefect'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_add_loads_a_file_and_adding_it_again_changes_nothing(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(REPORT, encoding="utf-8")
    db = tmp_path / "a.duckdb"
    first = runner.invoke(app, ["add", str(f), "--db", str(db), "--published", "2023-06-02"])
    assert first.exit_code == 0, first.output
    con = duckdb.connect(str(db), read_only=True)
    before = sorted(con.sql(OBSERVATION_ROWS).fetchall())
    docs = con.sql("SELECT doc_id, source, published, status FROM documents").fetchall()
    con.close()
    assert len(before) >= 4
    assert len(docs) == 1 and docs[0][1] == "local" and str(docs[0][2]) == "2023-06-02"

    again = runner.invoke(app, ["add", str(f), "--db", str(db), "--published", "2023-06-02"])
    assert again.exit_code == 0, again.output
    con = duckdb.connect(str(db), read_only=True)
    after = sorted(con.sql(OBSERVATION_ROWS).fetchall())
    assert con.sql("SELECT count(*) FROM documents").fetchall()[0][0] == 1
    con.close()
    assert after == before


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_formats(tmp_path, fmt):
    f = tmp_path / "r.txt"
    f.write_text(REPORT, encoding="utf-8")
    db = tmp_path / "q.duckdb"
    assert runner.invoke(app, ["add", str(f), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["query", "SELECT indicator, value FROM observations WHERE measure = 'actual' "
                                          "ORDER BY value", "--format", fmt, "--db", str(db)])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        rows = records_of(result.stdout)
        assert [r["value"] for r in rows] == [912400, 4388100]
    elif fmt == "csv":
        assert result.stdout.splitlines()[0] == "indicator,value"
        assert len(result.stdout.splitlines()) == 3
    else:
        assert "retail_sales" in result.stdout


def test_query_is_read_only(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(REPORT, encoding="utf-8")
    db = tmp_path / "q.duckdb"
    assert runner.invoke(app, ["add", str(f), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["query", "DELETE FROM observations", "--db", str(db)])
    assert result.exit_code == 1
    assert "read-only" in result.output.lower()
    con = duckdb.connect(str(db), read_only=True)
    assert con.sql("SELECT count(*) FROM observations").fetchall()[0][0] >= 4
    con.close()


def test_query_on_a_missing_database_says_how_to_create_it(tmp_path):
    result = runner.invoke(app, ["query", "SELECT 1", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "baocao" in result.output  # names the command that creates it
