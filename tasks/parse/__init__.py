"""Indicator records from the text of a Vietnamese socio-economic report.

    records_from(text, *, title=None, published=None, default_area=None) -> list[Record]

Pure: text in, records out. The text is normalised (NFC, tone placement, spaces,
markdown emphasis, footnote markers) with a map back, cut into blocks and sentences,
and each sentence is read by the grammar of tasks/parse/grammar.py over the
vocabulary of tasks/parse/vocab/*.toml. Every record carries its sentence (snippet)
and that sentence's offsets in `text` as given: text[start:end] == snippet.
"""
from __future__ import annotations

from tasks.parse.record import Record
from tasks.parse.records import PARSER_VERSION, records_from

__all__ = ["PARSER_VERSION", "Record", "records_from"]
