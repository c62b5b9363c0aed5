"""The small parsers under the grammar, as tables: numbers, amounts and units, periods,
normalisation with its offset map, and the vocabulary's own checks."""
from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tasks.parse import vocab
from tasks.parse.normalize import folded, normalized
from tasks.parse.numbers import amount_from, number_from
from tasks.parse.periods import Period, period_from, span_years

REPO = Path(__file__).resolve().parents[2]

NUMBERS = [
    ("1.138.377", 1138377.0), ("423,2", 423.2), ("27.037,0", 27037.0), ("59.434,454", 59434.454),
    ("0,28", 0.28), ("7.500", 7500.0), ("2023", 2023.0), ("05", 5.0),
    ("1.2.3", None), ("12.34", 12.34), ("10.5", 10.5), ("12.3456", None), ("1,2,3", None), ("", None), ("abc", None), ("1 000", None),
]


@pytest.mark.parametrize("text,expected", NUMBERS)
def test_number_from(text, expected):
    assert number_from(text) == expected, f"input: {text!r}"


AMOUNTS = [
    ("483.595 triệu đồng", (483595.0, "million_vnd")),
    ("423,2 tỷ đồng", (423200.0, "million_vnd")),
    ("56 tỉ đồng", (56000.0, "million_vnd")),
    ("550 tỷ", (550000.0, "million_vnd")),
    ("76,41 nghìn tỷ đồng", (76410000.0, "million_vnd")),
    ("423 tỷ 536 triệu đồng", (423536.0, "million_vnd")),
    ("165 tỷ 80 triệu đồng", (165080.0, "million_vnd")),
    ("186.450.000.000 đồng", (186450.0, "million_vnd")),
    ("100.000 đồng", (0.1, "million_vnd")),
    ("9,27 tỷ USD", (9270.0, "million_usd")),
    ("474,5 triệu USD", (474.5, "million_usd")),
    ("7.500 lượt người", (7500.0, "persons")),
    ("31.500 lao động", (31500.0, "persons")),
    ("1,2 triệu người", (1200000.0, "persons")),
    ("2,5 triệu", None),            # a million of what?
    ("8 phường", None),
    ("2.860 ha", None),
]


@pytest.mark.parametrize("text,expected", AMOUNTS)
def test_amount_from(text, expected):
    got = amount_from(text)
    if expected is None:
        assert got is None, f"input: {text!r} gave {got}"
    else:
        assert got is not None and got[1] == expected[1] and got[0] == pytest.approx(expected[0]), \
            f"input: {text!r} gave {got}"


def _period(text: str):
    """The period the scanner reads at the start of text."""
    m = vocab.SCANNER.match(vocab.scan_form(normalized(text).text))
    assert m is not None, f"no token at the start of {text!r}"
    return m.lastgroup, period_from(m.lastgroup, m)


PERIODS = [
    ("tháng 8", Period(8, 8)),
    ("tháng 03", Period(3, 3)),
    ("tháng 3/2023", Period(3, 3, 2023)),
    ("tháng 10 năm 2024", Period(10, 10, 2024)),
    ("8 tháng", Period(1, 8)),
    ("8 tháng đầu năm", Period(1, 8)),
    ("6 tháng đầu năm 2024", Period(1, 6, 2024)),
    ("lũy kế 7 tháng", Period(1, 7)),
    ("luỹ kế 7 tháng", Period(1, 7)),
    ("03 tháng", Period(1, 3)),
    ("bốn tháng đầu năm", Period(1, 4)),
    ("6 tháng cuối năm", Period(7, 12)),
    ("quý I", Period(1, 3)),
    ("quý 1", Period(1, 3)),
    ("Quý I/2023", Period(1, 3, 2023)),
    ("quý II năm 2023", Period(4, 6, 2023)),
    ("quý III", Period(7, 9)),
    ("quý IV", Period(10, 12)),
    ("quý 4", Period(10, 12)),
    ("nửa đầu năm", Period(1, 6)),
    ("năm 2022", Period(1, 12, 2022)),
    ("cả năm 2023", Period(1, 12, 2023)),
    ("cả năm", Period(1, 12)),
    ("đến ngày 18/8/2023", Period(1, 8, 2023, vague=True)),
    ("tính đến ngày 20/3/2024", Period(1, 3, 2024, vague=True)),
    ("đến hết tháng 9", Period(1, 9)),
    ("tháng 13", None),
    ("quý V", "no period"),
    ("13 tháng", None),
]


@pytest.mark.parametrize("text,expected", PERIODS)
def test_periods(text, expected):
    if expected == "no period":
        m = vocab.SCANNER.match(vocab.scan_form(text))
        assert m is None or m.lastgroup not in ("quarter", "month", "cumul"), f"input: {text!r}"
        return
    _, got = _period(text)
    assert got == expected, f"input: {text!r} gave {got}"


SPANS = [("2 năm", 2), ("hai năm", 2), ("2021-2025", 5), ("2021 – 2023", 3), ("đến năm 2030", 99), ("1 năm", 1)]


@pytest.mark.parametrize("text,years", SPANS)
def test_spans(text, years):
    m = vocab.SCANNER.match(vocab.scan_form(text))
    assert m is not None and m.lastgroup == "span", f"input: {text!r}"
    assert span_years(m) == years


NOT_FIGURES = ["447/UBND-TH", "04- NQ/QU", "02/CT-UBND", "18/8/2023", "ngày 06 tháng 3 năm 2023", "96/2021/CV-PTDA"]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_dates_and_document_numbers_are_not_figures(text):
    kinds = [m.lastgroup for m in vocab.tokens_in(text + " triệu đồng")]
    assert not {"amount", "pct", "slash"} & set(kinds), f"input: {text!r} read as {kinds}"


COMPARATORS = [("kế hoạch", "plan"), ("dự toán", "plan"), ("KH", "plan"), ("cùng kỳ", "yoy"),
               ("cùng kỳ năm trước", "yoy"), ("năm 2022", "yoy"), ("cùng kỳ năm 2022", "yoy"),
               ("tháng trước", "mom"), ("tháng 12 năm trước", "none"), ("đầu năm", "none")]


@pytest.mark.parametrize("text,kind", COMPARATORS)
def test_comparators(text, kind):
    assert vocab.comparator_kind(text) == kind, f"input: {text!r}"


NORMALISED = [
    ("**Tổng mức bán lẻ:**", "Tổng mức bán lẻ:"),
    ("hoá  thuỷ\tsản", "hóa thủy sản"),
    ("quý I", "quý I"),                         # "uý" after q keeps its tone
    ("so cùng kỳ¹.", "so cùng kỳ."),
    ("a\r\nb", "a\nb"),
    (unicodedata.normalize("NFD", "Giá trị sản xuất nông, lâm, thủy sản"), "Giá trị sản xuất nông, lâm, thủy sản"),
    (unicodedata.normalize("NFD", "hoá"), "hóa"),
    ("\ufeffThu\u200b ngân sách", "Thu ngân sách"),
]


@pytest.mark.parametrize("text,expected", NORMALISED)
def test_normalized(text, expected):
    n = normalized(text)
    assert n.text == expected, f"input: {text!r}"
    # The map leads back to the original: the stretch it gives normalises to the same text.
    raw = text[n.original_start(0):n.original_end(len(n.text))]
    assert raw in text and normalized(raw).text == n.text


def test_offset_map_points_into_the_original():
    text = "**Thu** ngân  sách¹ hoá " + unicodedata.normalize("NFD", "thuỷ sản") + " đạt 5 tỷ đồng"
    n = normalized(text)
    for word in ("Thu", "ngân", "sách", "hóa", "thủy", "sản", "đạt", "5", "đồng"):
        a = n.text.index(word)
        raw = text[n.original_start(a):n.original_end(a + len(word))]
        assert unicodedata.normalize("NFC", raw).replace("oá", "óa").replace("uỷ", "ủy") == word, (word, raw)
    assert n.footnote_marks == [(n.text.index(" hóa"), 1)]


def test_folded_is_what_the_vocabulary_compares():
    assert folded("Phí, lệ phí") == "phí lệ phí"
    assert folded("Giá trị sản xuất nông – lâm – thuỷ sản") == "giá trị sản xuất nông lâm thủy sản"
    assert folded("TP.") == "tp"


BAD_VOCABULARY = [
    ({"indicator": [{"code": "x", "name": "X", "unit": "furlongs", "additive": True, "variants": ["x"]}]}, "unit 'furlongs'"),
    ({"indicator": [{"code": "x", "name": "X", "unit": "percent", "additive": False}]}, "missing key 'variants'"),
    ({"indicator": [{"code": "x", "name": "X", "unit": "percent", "additive": False, "variants": []}]}, "non-empty list"),
    ({"indicator": [{"code": "x", "name": "X", "unit": "percent", "additive": False, "variants": ["!!"]}]}, "no letters"),
    ({"indicator": [{"code": "x", "name": "X", "unit": "percent", "additive": False, "variants": ["a"], "kind": "odd"}]},
     "kind 'odd'"),
    ({"indicator": [{"code": "x", "name": "X", "unit": "percent", "additive": False, "variants": ["a"]},
                    {"code": "y", "name": "Y", "unit": "percent", "additive": False, "variants": ["A"]}]},
     "already names 'x'"),
    ({}, "no [[indicator]]"),
]


@pytest.mark.parametrize("data,message", BAD_VOCABULARY)
def test_bad_vocabulary_entries_are_named(data, message):
    with pytest.raises(vocab.VocabularyError, match=message.replace("[", r"\[").replace("]", r"\]")):
        vocab._indicators(data)


def test_a_bad_vocabulary_file_fails_at_import(tmp_path):
    """A copy of the package with a broken entry: importing it fails and says where."""
    import shutil
    shutil.copytree(REPO / "tasks", tmp_path / "tasks", ignore=shutil.ignore_patterns("__pycache__"))
    toml = tmp_path / "tasks" / "parse" / "vocab" / "indicators.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('unit = "million_usd"', 'unit = "dollars"', 1),
                    encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", "import tasks.parse"], cwd=tmp_path, capture_output=True, text=True,
                         timeout=60)
    assert run.returncode != 0
    assert "VocabularyError" in run.stderr and "indicators.toml" in run.stderr and "'dollars'" in run.stderr, run.stderr


def test_every_indicator_of_the_table_has_variants_the_scanner_reads():
    for code in vocab.INDICATORS:
        names = [k for k, (kind, c) in vocab.LEXICON.items() if kind == "indicator" and c == code]
        assert names, code
        m = vocab.SCANNER.match(vocab.scan_form(names[0]))
        assert m and m.lastgroup == "phrase" and vocab.lexicon_entry(m.group()) == ("indicator", code), names[0]
