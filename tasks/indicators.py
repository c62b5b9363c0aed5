"""The indicator table (code, name, unit, additive) read from the parser's vocabulary file.

One file feeds both the parser's names and the DuckDB `indicators` table, so the
rollups' additivity rule and the parser never disagree about what a code is.
"""
from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

VOCAB_FILE = Path(__file__).parent / "parse" / "vocab" / "indicators.toml"


@cache
def indicator_table() -> tuple[dict, ...]:
    """One dict per indicator: code, name, unit, additive (variants left to the parser)."""
    entries = tomllib.loads(VOCAB_FILE.read_text(encoding="utf-8"))["indicator"]
    return tuple({k: e[k] for k in ("code", "name", "unit", "additive")} for e in entries)
