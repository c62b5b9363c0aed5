"""Export: every view and table as Parquet or CSV, read back with the right row counts."""
from __future__ import annotations

import duckdb
import pytest

from tasks.db import connect
from tasks.export import EXPORTS, ExportError, export_views
from tasks.load import load_documents
from tests.load.builders import document, fresh_database, record

IO = "industrial_output"


@pytest.fixture
def con(tmp_path):
    c = connect(fresh_database(tmp_path), wait_seconds=1)
    load_documents(c, [(document("a"), [record(IO, 1, 8, 483595.0), record(IO, 1, 7, 417741.0),
                                        record(IO, 1, 3, 100.0), record(IO, 1, 6, 300.0),
                                        record(IO, 8, 8, 70000.0)]),
                       (document("b"), [record(IO, 1, 12, 900.0, year=2022)])])
    yield c
    c.close()


@pytest.mark.parametrize("fmt, reader", [("parquet", "read_parquet"), ("csv", "read_csv_auto")])
def test_export_writes_every_view_and_reads_back(con, tmp_path, fmt, reader):
    paths = export_views(con, fmt=fmt, out_dir=tmp_path / "out")
    assert [p.name for p in paths] == [f"{name}.{fmt}" for name in EXPORTS]
    reading = duckdb.connect()
    for path in paths:
        name = path.stem
        expected = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        got = reading.execute(f"SELECT count(*) FROM {reader}('{path}')").fetchone()[0]
        assert got == expected, name
    assert con.execute("SELECT count(*) FROM monthly").fetchone()[0] == 2
    columns = [d[0] for d in reading.execute(f"SELECT * FROM {reader}('{tmp_path / 'out' / f'documents.{fmt}'}')").description]
    assert "text" not in columns and "doc_id" in columns
    reading.close()


def test_unknown_format_says_which_exist(con, tmp_path):
    with pytest.raises(ExportError, match="parquet, csv"):
        export_views(con, fmt="xlsx", out_dir=tmp_path)
