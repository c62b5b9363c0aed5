"""Indicator records from the text of a Vietnamese socio-economic report.

    records_from(text, *, title=None, published=None, default_area=None) -> list[Record]

Pure: text in, records out. Every record carries its sentence (snippet) and that
sentence's offsets in `text` as given: text[start:end] == snippet; `span` is the
number as written.

The stages, one module each:
- normalize.py  one form to match (NFC, tone placement, spaces, markdown emphasis,
                footnote markers) with a map back to the original offsets;
- blocks.py     paragraphs, list items, footnotes, headings, sentences; page furniture
                (sidebars after "Tin khác"/"Bài liên quan"/"Tin mới", QR captions) marked;
- context.py    the document's area, title, heading year and period;
- grammar.py    the sentence state machine (indicator, period, estimate, measure);
- tables.py     indicator tables read by their header;
- numbers.py, periods.py  the number, amount and period sub-parsers;
- vocab.py      vocab/indicators.toml and vocab/grammar.toml compiled once at import.
"""
from __future__ import annotations

from tasks.parse.record import Record
from tasks.parse.records import PARSER_VERSION, records_from

__all__ = ["PARSER_VERSION", "Record", "records_from"]
