"""Period phrases as month ranges inside one year.

"tháng 8" → 8..8; "8 tháng (đầu năm)", "lũy kế 8 tháng" → 1..8; "quý II" → 4..6;
"6 tháng đầu năm" → 1..6; "năm 2022", "cả năm" → 1..12; "đến ngày 18/8/2023" → 1..8
(marked vague: a report often puts the month's own figure under it). The year is set
only when the phrase states it; otherwise context supplies it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tasks.parse import vocab
from tasks.parse.normalize import folded


@dataclass(frozen=True)
class Period:
    month_from: int
    month_to: int
    year: int | None = None
    vague: bool = False        # "đến ngày …": the month or the months to date

    def with_year(self, year: int | None) -> "Period":
        return self if self.year is not None or year is None else Period(self.month_from, self.month_to, year, self.vague)


WHOLE_YEAR = Period(1, 12)


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    key = folded(text)
    if key.isdigit():
        return int(key)
    return vocab.NUMBER_WORDS.get(key, vocab.MONTH_WORDS.get(key))


def _year(*texts: str | None) -> int | None:
    for t in texts:
        if t and 1900 <= int(t) <= 2100:
            return int(t)
    return None


# The period of each (pattern, kind, matched text) read so far: the groups period_from
# reads are those the pattern gives the text, and the same periods recur in every
# report ("tháng 6", "6 tháng đầu năm", "năm 2024"). A pattern is known by its id (its
# hash reads its whole compiled code) and kept beside the period, so that a pattern
# made later at the same address is not taken for it. Emptied when it grows large.
_READ: dict = {}
_READ_MAX = 4096


def period_from(kind: str, m: re.Match) -> Period | None:
    """The period a scanner match of the given kind names, or None when it names none
    (a month 13, "một tháng" cumulative, "năm tháng" without "đầu năm")."""
    pattern = m.re
    key = (id(pattern), kind, m.group())
    read = _READ.get(key)
    if read is not None and read[0] is pattern:
        return read[1]
    if len(_READ) >= _READ_MAX:
        _READ.clear()
    p = _period_read(kind, m)
    _READ[key] = (pattern, p)
    return p


def _period_read(kind: str, m: re.Match) -> Period | None:
    """period_from(kind, m), read from the match's groups."""
    g = m.group
    if kind == "cumul":
        n = _int(g("cm_n"))
        if n is None or not 1 <= n <= 12:
            return None
        if not g("cm_n").isdigit() and folded(g("cm_n")) == "năm" and not g("cm_first"):
            return None
        if g("cm_last"):                       # "6 tháng cuối năm" → 7..12
            return Period(13 - n, 12, _year(g("cm_y")))
        if n == 1 and not g("cm_first"):
            return None                          # "1 tháng" says nothing cumulative
        return Period(1, n, _year(g("cm_y")))
    if kind == "month":
        n = _int(g("mo_n"))
        if n is None or not 1 <= n <= 12:
            return None
        return Period(n, n, _year(g("mo_y"), g("mo_y2")))
    if kind == "quarter":
        q = vocab.QUARTERS.get(g("q_n").casefold())
        if q is None:
            return None
        return Period(3 * q - 2, 3 * q, _year(g("q_y"), g("q_y2")))
    if kind == "half":
        return Period(1, 6, _year(g("h_y")))
    if kind == "year":
        y = _year(g("yr"))
        return Period(1, 12, y) if y else None
    if kind == "wholeyear":
        return WHOLE_YEAR
    if kind == "todate":
        if g("td_m") is not None:
            month = int(g("td_m"))
            year = _year(g("td_y"))
        else:
            month = int(g("tm_m"))
            year = _year(g("tm_y"), g("tm_y2"))
        if not 1 <= month <= 12:
            return None
        return Period(1, month, year, vague=g("td_m") is not None)
    return None


def span_years(m: re.Match) -> int:
    """How many years a span match covers (2 for "2 năm", 5 for "2021-2025"); a span of
    one year ("1 năm") is no span."""
    text = folded(m.group())
    nums = re.findall(r"\d+", text)
    if len(nums) == 2 and all(len(n) == 4 for n in nums):
        return abs(int(nums[1]) - int(nums[0])) + 1
    if text.startswith(("đến", "tới", "từ")) or text.endswith(("còn lại", "cuối năm")):
        return 99                                 # a horizon, the rest of the year: not a stated period
    first = text.split(" ")[0]
    n = int(first) if first.isdigit() else vocab.NUMBER_WORDS.get(first, 0)
    return n
