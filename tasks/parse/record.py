"""The record contract of ../shared/spec/records.md, as one dataclass.

A record is one figure a document states: what (indicator, measure), where
(area), when (year, month_from..month_to), how much (value, unit), whether the
text calls it an estimate, and where in the text it was read (snippet, start,
end are character offsets into the document text the parser was given).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

MEASURES = ("actual", "target", "plan_pct", "yoy_pct", "mom_pct")


@dataclass(frozen=True, init=False)
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

    # The __init__ dataclass would write: the same signature, but the fields go into the
    # instance's dict at once (a frozen dataclass's own sets each through object.__setattr__,
    # three times the cost; the parser makes one Record per figure).
    def __init__(self, area: str, indicator: str, year: int, month_from: int, month_to: int, measure: str,
                 value: float, unit: str, estimate: bool = False, snippet: str = "", start: int = 0,
                 end: int = 0, span: str = "", extra: dict | None = None) -> None:
        self.__dict__.update(area=area, indicator=indicator, year=year, month_from=month_from, month_to=month_to,
                             measure=measure, value=value, unit=unit, estimate=estimate, snippet=snippet,
                             start=start, end=end, span=span, extra={} if extra is None else extra)

    def key(self) -> tuple:
        """The natural key a document can state once: one value per key."""
        return (self.area, self.indicator, self.year, self.month_from, self.month_to, self.measure)

    def to_dict(self) -> dict:
        d = asdict(self)
        if not d["extra"]:
            d.pop("extra")
        return d
