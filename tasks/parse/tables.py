"""Tables of indicators, as extraction writes them: one row a line, cells between " | ".

    Chỉ tiêu | ĐVT | Tháng 8 | 8 tháng | So KH (%) | So CK (%)
    Giá trị sản xuất công nghiệp | Triệu đồng | 65.854 | 483.595 | 64 | 108,2

The header row says what each column holds (a unit, a period's amounts, planned
amounts, shares of the plan or of the same period a year before); each row names an
indicator in its first cell. Header words are data: [tables] in vocab/grammar.toml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tasks.parse import vocab
from tasks.parse.context import DocContext
from tasks.parse.grammar import Figure
from tasks.parse.normalize import folded
from tasks.parse.numbers import number_from
from tasks.parse.periods import WHOLE_YEAR, Period, period_from

_NUMBER_CELL = re.compile(r"^\s*[-+]?\d[\d.,]*\s*%?\s*$")
_LEADING_NUMBERING = re.compile(r"^\s*(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s*|^\s*[-+•]\s*", re.IGNORECASE)


_SEPARATOR_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")
_PAREN_UNIT = re.compile(r"\(([^()]*)\)")
_CAPTION_UNIT = re.compile(r"\s*\(?\s*(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
    vocab.TABLE_HEADERS["caption_unit"], key=len, reverse=True)) + r")\s*:\s*(?P<unit>[^()\n;,]{1,30}?)[\s.)]*$", re.IGNORECASE)


@dataclass
class Column:
    role: str                  # name, unit, actual, target, plan_pct, yoy_pct, mom_pct, other
    period: Period | None = None
    estimate: bool = False
    growth: bool = False       # a comparison stated as growth: 12,5 is 112,5
    unit: tuple[str, float] | None = None   # a unit its header names ("Quý I (tỷ đồng)")


def cells_of(line: str, offset: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of each cell, empty ones included so columns stay aligned;
    offsets into the text the line was taken from. Outer pipes ("| a | b |") are dropped."""
    out = []
    pos = 0
    for piece in line.split("|"):
        a = pos + len(piece) - len(piece.lstrip())
        b = max(a, pos + len(piece.rstrip()))
        out.append((offset + a, offset + b, line[a:b]))
        pos += len(piece) + 1
    if out and not out[0][2] and line.lstrip().startswith("|"):
        out.pop(0)
    if out and not out[-1][2] and line.rstrip().endswith("|"):
        out.pop()
    return out


def is_table_row(text: str, start: int = 0, end: int | None = None) -> bool:
    """Is text[start:end] a table row (counted in place: a block is not copied)?"""
    return text.count("|", start, len(text) if end is None else end) >= 2


# Each kind's header words with a space either side, made once: a header is read for
# seven kinds, each over all its words.
_PADDED_HEADERS = {kind: tuple(f" {w} " for w in sorted(words)) for kind, words in vocab.TABLE_HEADERS.items()}


def _has(key: str, kind: str) -> bool:
    """Does the folded header `key` hold one of the header words of `kind` as words?"""
    padded = f" {key} "
    return any(w in padded for w in _PADDED_HEADERS[kind])


def _period_in(cell: str) -> Period | None:
    for m in vocab.tokens_in(cell):
        if m.lastgroup in ("cumul", "month", "quarter", "half", "year", "wholeyear", "todate"):
            p = period_from(m.lastgroup, m)
            if p is not None:
                return p
    return None


def header_columns(cells: list[str]) -> list[Column] | None:
    """What each column holds, or None when the row is not a header of an indicator table."""
    cols: list[Column] = []
    useful = 0
    for i, cell in enumerate(cells):
        key = folded(cell).replace("%", " % ").strip()
        key = " ".join(key.split())
        period = _period_in(cell)
        estimate = _has(key, "estimate")
        growth = _has(key, "growth")
        if i == 0:
            cols.append(Column("name"))
        elif key in vocab.TABLE_HEADERS["unit"]:
            cols.append(Column("unit"))
        elif _has(key, "mom"):
            cols.append(Column("mom_pct", period, growth=growth))
        elif _has(key, "yoy"):
            cols.append(Column("yoy_pct", period, growth=growth))
        elif _has(key, "plan") and ("so" in key.split() or "%" in key.split()):
            cols.append(Column("plan_pct", period))
        elif growth and "%" in key.split():
            cols.append(Column("yoy_pct", period, growth=True))     # "Tốc độ tăng (%)"
        elif any(key.startswith(t) for t in vocab.TABLE_HEADERS["target"]):
            cols.append(Column("target", period, unit=_header_unit(cell)))
        elif period is not None:
            cols.append(Column("actual", period, estimate, unit=_header_unit(cell)))
        else:
            cols.append(Column("other"))
        useful += cols[-1].role not in ("name", "other", "unit")
    return cols if useful else None


def _header_unit(cell: str) -> tuple[str, float] | None:
    """The unit a header cell names in parentheses: "Quý I (tỷ đồng)"."""
    for m in _PAREN_UNIT.finditer(cell):
        unit = _unit(m.group(1))
        if unit is not None and unit[0] != "percent":
            return unit
    return None


def caption_unit(line: str) -> tuple[str, float] | None:
    """The unit a line above a table gives: "Đơn vị tính: tỷ đồng", "(ĐVT: triệu đồng)"."""
    if len(line) > 80 or ":" not in line:
        return None
    m = _CAPTION_UNIT.match(line)
    return _unit(m.group("unit")) if m else None


def _merged_header(top: list[str], sub: list[str], width: int) -> list[str]:
    """Two header rows as one: "Thực hiện | | So sánh (%)" over "Tháng 3 | Quý I | KH | CK"
    reads "Thực hiện Tháng 3 | Thực hiện Quý I | So sánh (%) KH | So sánh (%) CK". The
    upper row's cells span the empty cells to their right; the lower row, which often
    leaves out the name column, is aligned to the right edge of the data rows."""
    top = top + [""] * (width - len(top))
    sub = [""] * (width - len(sub)) + sub[-width:] if len(sub) <= width else sub[-width:]
    out = []
    spanning = ""
    for j in range(width):
        if top[j]:
            spanning = top[j] if j > 0 else ""
        head = top[j] or (spanning if sub[j] else "")
        out.append(f"{head} {sub[j]}".strip())
    return out


def _signed(cell: str) -> float | None:
    text = cell.replace("%", "").strip()
    sign = -1.0 if text[:1] in "-–" else 1.0
    value = number_from(text.lstrip("-+– "))
    return None if value is None else sign * value


def _indicator_of(cell: str) -> tuple[str, str] | None:
    """(code, unit text in parentheses or "") of a row's first cell."""
    text = _LEADING_NUMBERING.sub("", cell, count=1)
    for m in vocab.tokens_in(text):
        kind, payload = vocab.lexicon_entry(m.group()) if m.lastgroup == "phrase" else (m.lastgroup, "")
        if kind == "indicator" and m.start() <= 2:
            unit = re.search(r"\(([^)]*)\)", text[m.end():])
            return payload, unit.group(1) if unit else ""
        break
    return None


def _unit(text: str) -> tuple[str, float] | None:
    key = text.strip()
    if key == "%":
        return vocab.TABLE_UNITS.get("%")
    return vocab.TABLE_UNITS.get(folded(key))


def figures_in_table(text: str, rows: list[tuple[int, int]], doc: DocContext, year: int | None,
                     table_unit: tuple[str, float] | None = None) -> list[tuple[Figure, int, int]]:
    """Figures of consecutive table rows text[a:b]; `year` is the context's year and
    `table_unit` the unit a caption above the table gives."""
    out: list[tuple[Figure, int, int]] = []
    columns: list[Column] | None = None
    headers: list[list[str]] = []        # header rows since the last data row
    for a, b in rows:
        cells = cells_of(text[a:b], a)
        texts = [c[2] for c in cells]
        if not texts or all(not t or _SEPARATOR_CELL.match(t) for t in texts):
            continue                     # a markdown separator row, or an empty one
        numeric = sum(bool(_NUMBER_CELL.match(t)) for t in texts[1:])
        if not numeric:
            columns = header_columns(texts) or columns
            headers = (headers + [texts])[-2:]
            continue
        if len(headers) == 2:
            # Two header rows in a row: read them as one when that says more.
            merged = header_columns(_merged_header(headers[0], headers[1], len(texts)))
            useful = lambda cols: sum(c.role not in ("name", "other", "unit") for c in cols or [])
            if merged is not None and useful(merged) >= useful(columns):
                columns = merged
        headers = []
        if columns is None or not doc.area:
            continue
        named = _indicator_of(texts[0])
        if named is None:
            continue
        code, unit_text = named
        ind = vocab.INDICATORS[code]
        unit = None
        for col, cell in zip(columns, texts):
            if col.role == "unit":
                unit = _unit(cell)
        unit = unit or (_unit(unit_text) if unit_text else None)
        last_period, last_estimate = None, False
        for col, (ca, cb, cell) in zip(columns, cells):
            if col.role == "actual" and col.period is not None:
                last_period, last_estimate = col.period, col.estimate
            if not _NUMBER_CELL.match(cell) or col.role in ("name", "unit", "other"):
                continue
            value = _signed(cell) if col.growth else number_from(cell.replace("%", "").strip())
            if value is None:
                continue
            period = col.period or (last_period if col.role.endswith("_pct") else None)
            if col.role == "target":
                period = col.period or WHOLE_YEAR
                period = Period(1, 12, period.year) if (period.month_from, period.month_to) == (1, 12) else period
            if period is None:
                period = doc.default_period
            if period is None:
                continue
            y = period.year or year or doc.heading_year or doc.published_year
            if y is None:
                continue
            if col.role in ("actual", "target"):
                cell_unit = unit or col.unit or table_unit
                if ind.kind == "rate" and cell_unit and cell_unit[0] == "percent":
                    measure, v, u = col.role, value, "percent"
                elif ind.kind == "amount" and cell_unit and cell_unit[0] == ind.unit:
                    measure, v, u = col.role, value * cell_unit[1], ind.unit
                else:
                    continue
            else:
                if ind.kind == "rate":
                    continue
                measure, v, u = col.role, (100 + value if col.growth else value), "percent"
            estimate = col.estimate if col.role == "actual" else last_estimate if col.role.endswith("_pct") else False
            f = Figure(code, measure, v, u, period, estimate, doc.area, ca, cb, y)
            out.append((f, a, b))
    return out
