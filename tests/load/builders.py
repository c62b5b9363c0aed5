"""Documents and records built directly, for tests of the database and its views."""
from __future__ import annotations

import atexit
import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path

from tasks.documents import Document, doc_id_for
from tasks.parse.record import Record

UNITS = {"percent": "percent"}


def document(name: str, published: date | None = date(2023, 9, 5), *, text: str = "",
             fetched_at: datetime | None = datetime(2023, 9, 6, 8, 0), **kw) -> Document:
    """A document whose URL (and so doc_id) comes from name."""
    url = f"http://127.0.0.1/{name}"
    return Document(doc_id=doc_id_for(url), url=url, title=name, published=published,
                    fetched_at=fetched_at, content_sha256="0" * 64, text=text or f"Báo cáo {name}",
                    source="test", **kw)


def record(indicator: str, month_from: int, month_to: int, value: float, *, area: str = "Kiến An",
           year: int = 2023, measure: str = "actual", unit: str | None = None, estimate: bool = False,
           snippet: str = "") -> Record:
    if unit is None:
        unit = "percent" if measure.endswith("_pct") or indicator in ("cpi", "iip", "poor_household_rate") \
            else "million_vnd"
    return Record(area=area, indicator=indicator, year=year, month_from=month_from, month_to=month_to,
                  measure=measure, value=value, unit=unit, estimate=estimate,
                  snippet=snippet or f"{indicator} [{month_from}..{month_to}] {value}", start=0, end=10,
                  span=str(value))


_template: Path | None = None


def fresh_database(tmp_path: Path) -> Path:
    """A new database file with the schema, views and indicators in place.

    Creating one runs every migration and view (a few hundred milliseconds); tests that do not
    test that copy one made once per test process instead.
    """
    global _template
    if _template is None or not _template.exists():
        from tasks.db import connect
        folder = tempfile.mkdtemp(prefix="baocao-template-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _template = Path(folder) / "template.duckdb"
        connect(_template, wait_seconds=5).close()
    target = tmp_path / "baocao.duckdb"
    shutil.copyfile(_template, target)
    return target
