"""The views and tables analysts take away, as Parquet or CSV files written by DuckDB's COPY."""
from __future__ import annotations

from pathlib import Path

# What is exported, file name → the SELECT that fills it. Documents leave out their text:
# it is large and the observations carry their snippets.
EXPORTS = {
    "indicator_values": "SELECT * FROM indicator_values ORDER BY area, indicator, year, month_from, month_to, measure",
    "monthly": "SELECT * FROM monthly ORDER BY area, indicator, year, month",
    "quarterly": "SELECT * FROM quarterly ORDER BY area, indicator, year, quarter",
    "yearly": "SELECT * FROM yearly ORDER BY area, indicator, year",
    "reconciliation": "SELECT * FROM reconciliation ORDER BY area, indicator, year, month_from, month_to, kind",
    "coverage": "SELECT * FROM coverage ORDER BY area, indicator, year",
    "observations": "SELECT * FROM observations ORDER BY doc_id, area, indicator, year, month_from, month_to, measure",
    "documents": "SELECT * EXCLUDE (text) FROM documents ORDER BY doc_id",
}
FORMATS = {
    "parquet": "(FORMAT parquet)",
    "csv": "(FORMAT csv, HEADER true)",
}


class ExportError(ValueError):
    """An export that cannot be written; the message says what to change."""


def export_views(con, *, fmt: str, out_dir: Path) -> list[Path]:
    """Write each view/table of EXPORTS to out_dir/NAME.fmt; the paths written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, select in EXPORTS.items():
        path = out_dir / f"{name}.{fmt}"
        target = str(path.resolve()).replace("'", "''")
        con.execute(f"COPY ({select}) TO '{target}' {FORMATS[fmt]}")
        written.append(path)
    return written
