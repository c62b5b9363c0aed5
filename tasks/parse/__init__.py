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
- vocab.py      vocab/indicators.toml and vocab/grammar.toml compiled once at import;
- compiled.py   the modules above compiled to C, read instead while built from these sources.
"""
from __future__ import annotations

import sys

from tasks.parse import compiled as _compiled

# The modules compiled from these very sources (compiled.py), when built: found first.
_build = _compiled.current_build()
if _build is not None:
    __path__.insert(0, str(_build))
    sys.path.append(str(_build.parents[1]))      # their shared library, a top-level module
COMPILED = _build is not None

from tasks.parse.record import Record  # noqa: E402
from tasks.parse.records import PARSER_VERSION, records_from  # noqa: E402

__all__ = ["COMPILED", "PARSER_VERSION", "Record", "records_from"]
