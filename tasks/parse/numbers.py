"""Vietnamese numbers and amounts: "1.138.377" → 1138377, "423,2 tỷ đồng" → 423200 million VND.

`.` separates thousands and `,` decimals. Amounts are converted to the canonical units
of records.md: money in million VND (or million USD), people in persons.
"""
from __future__ import annotations

import re
from functools import lru_cache

from tasks.parse import vocab
from tasks.parse.normalize import folded

# An amount's pieces in order, each (kind, text): ("num", "423,2"), ("scale", "tỷ"), ("unit", "đồng").
Pieces = tuple[tuple[str, str], ...]
_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_PLAIN = re.compile(r"^\d+(?:,\d+)?$")
_DOT_DECIMAL = re.compile(r"^\d+\.\d{1,2}$")          # "10.5": a dot before 1-2 digits is no thousands mark


def number_from(text: str) -> float | None:
    """The value of a number written the Vietnamese way, or None when it is not one."""
    t = text.strip()
    whole, comma, decimals = t.partition(",")
    if whole.isdecimal() and (not comma or decimals.isdecimal()):
        return float(f"{whole}.{decimals}" if comma else whole)     # most numbers: no thousands dot
    if _THOUSANDS.match(t) or _PLAIN.match(t):
        return float(t.replace(".", "").replace(",", "."))
    if _DOT_DECIMAL.match(t):
        return float(t)
    return None


def amount_from(text: str) -> tuple[float, str] | None:
    """(value, canonical unit) of an amount such as "423 tỷ 536 triệu đồng", "7.500 lượt
    người", "9,27 tỷ USD"; None when the unit says nothing the indicators use."""
    return _amount_of(_pieces(text))


def amount_of(text: str, number: str, unit: str) -> tuple[float, str] | None:
    """amount_from(text) for an amount the scanner read as its number and the words
    after it (its a_num and a_unit groups). The words' reading is kept per wording:
    "tỷ đồng", "triệu đồng" recur in every report."""
    words = _unit_pieces(unit)
    if words is None:
        return amount_from(text)
    return _amount_of((("num", number),) + words)


def _pieces(text: str) -> Pieces:
    """The numbers, scales and unit of an amount, in order: ("num", "423,2"),
    ("scale", "tỷ"), ("unit", "đồng")."""
    out = []
    for m in vocab.SCALE_OR_UNIT.finditer(text):
        if m.group("num") is not None:
            out.append(("num", m.group("num")))
        elif m.group("scale") is not None:
            out.append(("scale", folded(m.group("scale"))))
        else:
            out.append(("unit", folded(m.group("unit"))))
    return tuple(out)


@lru_cache(maxsize=4096)
def _unit_pieces(unit: str) -> Pieces | None:
    """The pieces of the words after an amount's number, None when they hold a number
    ("tỷ 536 triệu đồng"). Only a number's alternative looks behind it, so the words
    read alone give the pieces they give after the number."""
    if any(c.isdigit() for c in unit):
        return None
    return _pieces(unit)


def _amount_of(pieces: Pieces) -> tuple[float, str] | None:
    parts: list[float] = []       # number × scale of each "N scale" piece
    pending: float | None = None
    scales: list[str] = []
    unit_word = None
    for kind, piece in pieces:
        if kind == "num":
            if pending is not None:          # two numbers in a row: not one amount
                return None
            pending = number_from(piece)
        elif kind == "scale":
            if pending is None:
                if not parts:
                    return None
                # "nghìn tỷ" written with the scale words apart: fold into the last piece.
                parts[-1] *= vocab.SCALES[piece]
            else:
                parts.append(pending * vocab.SCALES[piece])
                pending = None
            scales.append(piece)
        else:
            unit_word = piece
            break
    if pending is not None:                  # a number with no scale: the unit applies as is
        parts.append(pending if unit_word is not None and unit_word in vocab.COUNT_UNITS else pending / 1_000_000)
        if unit_word is None:
            return None
    if not parts:
        return None
    value = sum(parts)
    if unit_word is None:
        if scales and scales[-1] in vocab.BARE_MONEY_SCALES:
            return value, "million_vnd"
        return None
    if unit_word in vocab.CURRENCIES:
        return value, vocab.CURRENCIES[unit_word]
    unit = vocab.COUNT_UNITS[unit_word]
    # A count has no money scale: "1,2 triệu lượt người" is 1.2 million persons.
    return (value * 1_000_000 if scales else value), unit
