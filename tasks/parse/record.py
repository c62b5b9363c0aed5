"""The record contract of ../shared/spec/records.md, as one dataclass.

A record is one figure a document states: what (indicator, measure), where
(area), when (year, month_from..month_to), how much (value, unit), whether the
text calls it an estimate, and where in the text it was read (snippet, start,
end are character offsets into the document text the parser was given).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

MEASURES = ("actual", "target", "plan_pct", "yoy_pct", "mom_pct")


@dataclass(frozen=True)
class Record:
    area: str
    indicator: str
    year: int
    month_from: int
    month_to: int
    measure: str
    value: float
    unit: str
    estimate: bool = False
    snippet: str = ""
    start: int = 0          # offset of the sentence (snippet) in the document text
    end: int = 0
    span: str = ""          # the raw text of the number as written, e.g. "483.595 triệu đồng"
    extra: dict = field(default_factory=dict, compare=False)

    def key(self) -> tuple:
        """The natural key a document can state once: one value per key."""
        return (self.area, self.indicator, self.year, self.month_from, self.month_to, self.measure)

    def to_dict(self) -> dict:
        d = asdict(self)
        if not d["extra"]:
            d.pop("extra")
        return d
