"""Input that is not a clean report: nothing crashes, nothing is invented, and the work
stays linear in the size of the text (a 5 MB text is read through; no timing asserted)."""
from __future__ import annotations

import datetime as dt
import random
import unicodedata

import pytest

from tasks.parse import PARSER_VERSION, Record, records_from

REPORT = (
    "Kiến An (Hải Phòng): Kết quả tháng 8 năm 2023\n\n"
    "Về phát triển kinh tế, giá trị sản xuất công nghiệp tháng 8 ước thực hiện 65.854 triệu đồng, 8 tháng ước thực "
    "hiện 483.595 triệu đồng, đạt 64% kế hoạch, bằng 108,2% so cùng kỳ.\n\n"
    "- **Tổng thu cân đối ngân sách:** tháng 8 ước thực hiện 24.350 triệu đồng, 8 tháng thực hiện 203.906 triệu đồng, "
    "đạt 39,6% kế hoạch¹.\n\n"
    "¹ Thuế ngoài quốc doanh: tháng 8 ước thực hiện 7.667 triệu đồng, 8 tháng thực hiện 27.185 triệu đồng.\n"
)


def keys(records):
    return [(r.area, r.indicator, r.year, r.month_from, r.month_to, r.measure, r.value, r.estimate) for r in records]


def test_the_report_itself():
    assert len(records_from(REPORT)) == 9


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "\x00" * 100, "0" * 10_000, "1.2.3.4.5.6" * 1000,
                                  "%" * 5000, "tỷ đồng " * 2000, "(" * 10_000 + "1 tỷ đồng" + ")" * 10_000])
def test_empty_and_junk_give_no_records(text):
    assert records_from(text, default_area="Kiến An") == []


def test_binary_junk_decoded_gives_no_invented_records():
    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(200_000)).decode("utf-8", errors="replace")
    assert records_from(junk, default_area="Kiến An", published=dt.date(2024, 1, 1)) == []
    latin = bytes(rng.randrange(256) for _ in range(200_000)).decode("latin-1")
    assert records_from(latin, default_area="Kiến An", published=dt.date(2024, 1, 1)) == []


def test_bytes_are_refused_with_a_clear_message():
    with pytest.raises(TypeError, match="decode bytes first"):
        records_from(REPORT.encode())


def test_text_with_numbers_but_no_indicators():
    text = ("Ngày 18/8/2023, quận tổ chức 11 lễ hội, tặng 9.711 suất quà trị giá 14.539.700.000 đồng, "
            "cấp 78 giấy phép xây dựng, giải quyết 524/760 hồ sơ (đạt 69%). Diện tích lúa 2.860 ha.")
    assert records_from(text, default_area="Kiến An") == []


def test_mixed_nfc_and_nfd_parse_the_same():
    half = len(REPORT) // 2
    mixed = REPORT[:half] + unicodedata.normalize("NFD", REPORT[half:])
    nfd = unicodedata.normalize("NFD", REPORT)
    base = keys(records_from(REPORT))
    assert keys(records_from(mixed)) == base
    assert keys(records_from(nfd)) == base
    for text in (mixed, nfd):
        for r in records_from(text):
            assert text[r.start:r.end] == r.snippet
            assert unicodedata.normalize("NFC", r.span) in unicodedata.normalize("NFC", r.snippet)


def test_windows_line_ends_and_odd_spaces_parse_the_same():
    odd = REPORT.replace("\n", "\r\n").replace(" đạt ", "\u00a0đạt  ")
    assert keys(records_from(odd)) == keys(records_from(REPORT))


def test_a_5_mb_text_is_read_through():
    filler = ("Tình hình an ninh chính trị, trật tự an toàn xã hội được giữ vững; ngày 18/8/2023 tổ chức 3 hội nghị. "
              * 40 + "\n\n")
    text = (REPORT + filler) * (5_000_000 // len((REPORT + filler).encode()) + 1)
    assert len(text.encode()) >= 5_000_000
    records = records_from(text)
    # The same figures again and again are one record each.
    assert keys(records) == keys(records_from(REPORT))


def test_a_5_mb_line_without_breaks_is_read_through():
    text = "thu ngân sách 5 tỷ đồng và " * (5_000_000 // 30)
    assert len(text.encode()) >= 5_000_000
    assert isinstance(records_from(text, default_area="Kiến An", published=dt.date(2024, 1, 1)), list)


def test_records_serialise_with_every_field_of_the_contract():
    import json
    fields = {"area", "indicator", "year", "month_from", "month_to", "measure", "value", "unit", "estimate"}
    for r in records_from(REPORT):
        assert isinstance(r, Record)
        d = json.loads(json.dumps({"doc": "x", **r.to_dict()}, ensure_ascii=False))
        assert fields <= set(d) and {"snippet", "start", "end", "span"} <= set(d)
    assert isinstance(PARSER_VERSION, str) and PARSER_VERSION
