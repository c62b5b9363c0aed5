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
from tasks.parse.blocks import blocks_of, sentences_of
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


def _plain_year(scan: str, start: int, end: int, year=None):
    """The latest year of scan[start:end] as its definition reads: every period token of a
    scan from the start, but those of a comparison."""
    for m in vocab.PERIOD_SCANNER.finditer(scan, start, end):
        k = m.lastgroup
        if k in grammar.PERIOD_KINDS and not grammar._past_period(m):
            p = grammar.period_from(k, m)
            if p is not None and p.year is not None:
                year = p.year
    return year


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: p.name)
def test_the_years_of_a_block_are_those_of_a_scan_of_all_its_periods(path):
    norm = normalize.normalized(path.read_text(encoding="utf-8"))
    scan = vocab.scan_form(norm.text)
    for block in blocks_of(norm):
        years = BlockState()
        grammar.note_years(scan, block.start, block.end, years)
        assert years.year == _plain_year(scan, block.start, block.end), norm.text[block.start:block.end][:200]


def _plain_lead(scan: str, ranges) -> object:
    """The lead period as its definition reads: the first period of the ranges, in order,
    that is neither a bare year nor a comparison's, every range scanned from its start."""
    for start, end in ranges:
        for m in vocab.PERIOD_SCANNER.finditer(scan, start, end):
            k = m.lastgroup
            if k in grammar.PERIOD_KINDS and k != "year" and not grammar._past_period(m):
                p = grammar.period_from(k, m)
                if p is not None:
                    return p
    return None


_PERIOD_PIECES = ["năm 2023", "Năm 2024", " ", ", ", ". ", "! ", "? ", "… ", "tháng 6", "tháng 13", "6 tháng đầu năm",
                  "quý I/2023", "quý II", "so với ", "của ", "cùng kỳ ", "đến ngày 18/8/2023", "2021-2025", "lũy kế ",
                  "8 tháng", "thu ", "đạt ", "12,5%", "1.234 tỷ đồng", "(", ")", "2022", "/"]


def _texts_with_periods():
    yield from _random_strings(_PERIOD_PIECES, n=1500, longest=14, seed=23)
    for p in CORPORA:
        yield p.read_text(encoding="utf-8")


def test_the_lead_read_when_asked_for_is_the_first_period_of_the_block():
    for text in _texts_with_periods():
        norm = normalize.normalized(text)
        scan = vocab.scan_form(norm.text)
        for block in blocks_of(norm):
            sentences = [(s.start, s.end) for s in sentences_of(norm.text, block.start, block.end)]
            state = BlockState()
            for start, end in sentences:
                grammar.note_periods(scan, start, end, state)
            assert state.lead_period == _plain_lead(scan, sentences), norm.text[block.start:block.end][:200]


def test_the_years_of_random_periods_are_those_of_a_scan_of_all_its_periods():
    for text in _random_strings(_PERIOD_PIECES, n=1500, longest=14, seed=29):
        norm = normalize.normalized(text)
        scan = vocab.scan_form(norm.text)
        for block in blocks_of(norm):
            years = BlockState()
            grammar.note_years(scan, block.start, block.end, years)
            assert years.year == _plain_year(scan, block.start, block.end), norm.text[block.start:block.end][:200]


def test_a_block_read_at_once_for_its_years_keeps_the_year_of_its_sentences():
    # Blocks without an indicator's name are read for their latest year over the whole
    # block: no period token runs across a sentence's end.
    for text in _texts_with_periods():
        norm = normalize.normalized(text)
        scan = vocab.scan_form(norm.text)
        for block in blocks_of(norm):
            by_sentence, whole = BlockState(), BlockState()
            for s in sentences_of(norm.text, block.start, block.end):
                if any(c.isdigit() for c in norm.text[s.start:s.end]):
                    grammar.note_periods(scan, s.start, s.end, by_sentence)
            grammar.note_years(scan, block.start, block.end, whole)
            assert whole.year == by_sentence.year, norm.text[block.start:block.end][:200]


def test_the_latest_year_seen_is_that_of_the_last_block_naming_one():
    # Blocks kept as text until a figure asks give the year reading each at once gives.
    rng = random.Random(31)
    for text in _texts_with_periods():
        norm = normalize.normalized(text)
        scan = vocab.scan_form(norm.text)
        lazy, eager = grammar.LatestYear(), []
        for block in blocks_of(norm):
            state = BlockState()
            grammar.note_years(scan, block.start, block.end, state)
            if state.year is not None:
                eager.append(state.year)
            if rng.random() < 0.5:
                lazy.add_text(scan, block.start, block.end)
            else:
                lazy.add(state.year)
            if rng.random() < 0.3:
                assert lazy.latest() == (eager[-1] if eager else None), norm.text[block.start:block.end][:200]
        assert lazy.latest() == (eager[-1] if eager else None)


def test_an_amount_read_by_its_words_is_the_amount_read_whole():
    from tasks.parse.numbers import amount_from, amount_of
    pieces = ["1.234", "5", "0,5", "12", " ", "  ", "tỷ", "triệu", "nghìn", "ngàn", "đồng", "usd", "lượt người",
              "người", "lao động", "tỉ", "đ", "vnđ", "%", "x"]
    texts = [" ".join(t.split()) for t in _random_strings(pieces, n=3000, longest=8, seed=37)]
    texts += [p.read_text(encoding="utf-8") for p in CORPORA]
    seen = 0
    for text in texts:
        scan = vocab.scan_form(normalize.normalized(text).text)
        for m in vocab.SCANNER.finditer(scan):
            if m.lastgroup == "amount":
                seen += 1
                assert amount_of(m.group(), m.group("a_num"), m.group("a_unit")) == amount_from(m.group()), m.group()
    assert seen > 500
