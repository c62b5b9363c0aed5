"""The parser's faster paths give what the plain forms they stand for give: the white
space runs of normalisation, the marks of document numbers, the last clause stop, the area mentions read from the
prefix's first letter, the years of a block read without its lead period. Random
strings from small alphabets of the characters that matter, and the test corpora."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from tasks.parse import context, grammar, normalize, vocab
from tasks.parse.blocks import blocks_of
from tasks.parse.grammar import BlockState

CORPORA = sorted((Path(__file__).parent / "corpus").glob("*.txt")) + sorted((Path(__file__).parent / "corpus2").glob("*.txt"))


def _random_strings(alphabet: list[str], n: int = 4000, longest: int = 30, seed: int = 11):
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, longest)))


def test_space_runs_are_the_spaces_pattern():
    pattern = normalize._PATTERNS["spaces"]
    alphabet = list("ab \n\t\r") + ["\u00a0", "\u2003", "\u3000", "\x0b", "\x85", "\u2028", "\u1680", "\x1c", "\u202f"]
    for text in _random_strings(alphabet):
        assert normalize._space_runs(text) == [m.span() for m in pattern.finditer(text)], repr(text)


def test_document_number_marks_are_those_of_the_hint_pattern():
    for text in list(_random_strings(list("12/-ABĐa \n"), longest=25)) + [p.read_text(encoding="utf-8") for p in CORPORA]:
        assert vocab._docnum_marks(text) == [m.start() for m in vocab._DOCNUM_HINT.finditer(text)], repr(text[:200])


def test_last_stop_is_the_last_of_the_stops():
    rng = random.Random(5)
    for text in _random_strings(list("ab,;.:()\n x")):
        lo = rng.randrange(0, len(text) + 1)
        hi = rng.randrange(lo, len(text) + 1)
        assert grammar._last_stop(text, lo, hi) == max(text.rfind(c, lo, hi) for c in grammar._PERIOD_STOPS), (text, lo, hi)


def test_area_mentions_are_those_of_the_plain_look_behind():
    # The pattern as it reads without the first-letter skip: a look-behind, then the prefixes.
    plain = re.compile(r"(?<![^\W_])" + context._PREFIX + context.AREA_MENTION.pattern[len(context._PREFIX_BY_FIRST):],
                       re.IGNORECASE)
    pieces = ["quận ", "Quận", "QUẬN", "huyện", "TP.", "tp", "Tp ", "tỉnh", "THÀNH  PHỐ", "thị xã", "thị\nxã", "x", " ",
              "-", "_", "1", "12", "Kiến An", "9 tháng", "\n", "(", "."]
    texts = list(_random_strings(pieces, longest=20)) + [p.read_text(encoding="utf-8") for p in CORPORA]
    for text in texts:
        got = [(m.span(), m.groupdict()) for m in context.AREA_MENTION.finditer(text)]
        assert got == [(m.span(), m.groupdict()) for m in plain.finditer(text)], repr(text[:200])


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: p.name)
def test_a_block_read_for_its_years_only_keeps_the_year_of_a_full_read(path):
    norm = normalize.normalized(path.read_text(encoding="utf-8"))
    scan = vocab.scan_form(norm.text)
    for block in blocks_of(norm):
        full, years = BlockState(), BlockState()
        grammar.note_periods(scan, block.start, block.end, full)
        grammar.note_years(scan, block.start, block.end, years)
        assert years.year == full.year, norm.text[block.start:block.end][:200]
