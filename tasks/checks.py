"""Data checks: each sql/checks/NAME.sql returns the rows that break one rule; zero rows is a pass."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tasks.db import SQL_DIR

CHECKS_DIR = SQL_DIR / "checks"
SAMPLE_ROWS = 5


@dataclass
class CheckResult:
    name: str                      # the file name without .sql
    rows: int                      # offending rows; 0 is a pass
    sample: list = field(default_factory=list)   # up to SAMPLE_ROWS offending rows as dicts
    description: str = ""          # the file's first comment line: what one row is

    @property
    def passed(self) -> bool:
        return self.rows == 0


def check_files() -> list[Path]:
    return sorted(CHECKS_DIR.glob("*.sql"))


def _description(sql: str) -> str:
    first = sql.lstrip().splitlines()[0] if sql.strip() else ""
    return first[2:].strip() if first.startswith("--") else ""


def run_checks(con) -> list[CheckResult]:
    """Every check in sql/checks, in name order."""
    results = []
    for f in check_files():
        sql = f.read_text(encoding="utf-8").strip().rstrip(";")
        rows = con.execute(f"SELECT count(*) FROM ({sql})").fetchall()[0][0]
        sample = []
        if rows:
            cur = con.execute(f"SELECT * FROM ({sql}) LIMIT {SAMPLE_ROWS}")
            columns = [d[0] for d in cur.description]
            sample = [dict(zip(columns, row)) for row in cur.fetchall()]
        results.append(CheckResult(name=f.stem, rows=int(rows), sample=sample, description=_description(sql)))
    return results
