"""The grammar on sentences and short documents of its own, in the styles of the genre
(news article, official report with footnotes, meeting summary, target list,
provincial report). One table per origin of the phenomenon, one parametrized test
per table; a failure prints the input.

Each case: (text, keyword arguments of records_from, expected records). An expected
record is (indicator, year, month_from, month_to, measure, value) or the same with the
estimate flag, or with the area first (a 7- or 8-tuple, see _key). The records of a
case must be exactly the expected ones.
"""
from __future__ import annotations

import datetime as dt

import pytest

from tasks.parse import records_from

D24 = {"published": dt.date(2024, 7, 5), "default_area": "Lê Chân"}
D23 = {"published": dt.date(2023, 9, 1), "default_area": "Kiến An"}


def _key(r, shape: int) -> tuple:
    base = (r.indicator, r.year, r.month_from, r.month_to, r.measure, round(r.value, 4))
    if shape == 6:
        return base
    if shape == 7:
        return base + (r.estimate,)
    return (r.area,) + base + (r.estimate,)


def check(text: str, kwargs: dict, expected: list[tuple]) -> None:
    records = records_from(text, **kwargs)
    shape = len(expected[0]) if expected else 6
    got = sorted(_key(r, shape) for r in records)
    want = sorted(tuple(round(v, 4) if isinstance(v, float) else v for v in e) for e in expected)
    assert got == want, f"\ninput: {text!r}\nkwargs: {kwargs}\ngot:  {got}\nwant: {want}"
    for r in records:
        assert text[r.start:r.end] == r.snippet, f"snippet offsets wrong for {text!r}"
        assert r.span and r.span in r.snippet


# ---------------------------------------------------------------------------------------
NUMBERS = [
    # thousands dots, decimal commas
    ("Tổng mức bán lẻ hàng hóa tháng 8 ước thực hiện 1.138.377 triệu đồng.", D23,
     [("retail_sales", 2023, 8, 8, "actual", 1138377.0)]),
    ("Giá trị sản xuất công nghiệp năm 2022 ước đạt 423,2 tỷ đồng.", D23,
     [("industrial_output", 2022, 1, 12, "actual", 423200.0)]),
    ("Tổng mức bán lẻ hàng hóa năm 2022 ước đạt 27.037,0 tỷ đồng.", D23,
     [("retail_sales", 2022, 1, 12, "actual", 27037000.0)]),
    ("Thu ngân sách năm 2023 đạt 59.434,454 triệu đồng.", D23,
     [("budget_revenue", 2023, 1, 12, "actual", 59434.454)]),
    ("Thu ngân sách nhà nước năm 2022 ước 940,133 tỷ đồng.", D23,
     [("budget_revenue", 2022, 1, 12, "actual", 940133.0)]),
    # a dot before one or two digits is a decimal point (sites that write English decimals)
    ("Thu ngân sách 9 tháng năm 2024 đạt 1.5 tỷ đồng, tăng 10.5% so với cùng kỳ; chi ngân sách đạt 4.500 tỷ đồng.", D24,
     [("budget_revenue", 2024, 1, 9, "actual", 1500.0), ("budget_revenue", 2024, 1, 9, "yoy_pct", 110.5),
      ("budget_expenditure", 2024, 1, 9, "actual", 4500000.0)]),
    # composite amounts add up
    ("Tổng thu ngân sách 6 tháng đạt 423 tỷ 536 triệu đồng.", D24,
     [("budget_revenue", 2024, 1, 6, "actual", 423536.0)]),
    ("Thu ngân sách 6 tháng đạt 1.962 tỷ 480 triệu đồng, bằng 52% dự toán.", D24,
     [("budget_revenue", 2024, 1, 6, "actual", 1962480.0), ("budget_revenue", 2024, 1, 6, "plan_pct", 52.0)]),
    # approximations keep their number
    ("Thu ngân sách 2 tháng đầu năm 2023 đạt trên 550 tỷ, đạt 22,5% so với dự toán.", D23,
     [("budget_revenue", 2023, 1, 2, "actual", 550000.0), ("budget_revenue", 2023, 1, 2, "plan_pct", 22.5)]),
    ("Vốn FDI đăng ký 9 tháng đạt hơn 1,9 tỷ USD.", D24, [("fdi_registered", 2024, 1, 9, "actual", 1900.0)]),
    ("Kim ngạch xuất khẩu 6 tháng đạt gần 2.450 triệu USD.", D24, [("export_value", 2024, 1, 6, "actual", 2450.0)]),
    ("Vốn đầu tư phát triển toàn xã hội 6 tháng khoảng 12.500 tỷ đồng.", D24,
     [("development_investment", 2024, 1, 6, "actual", 12500000.0)]),
    # an amount written in đồng
    ("Thu ngân sách tháng 5 đạt 186.450.000.000 đồng.", D24, [("budget_revenue", 2024, 5, 5, "actual", 186450.0)]),
    # plain integers with a count unit
    ("Năm 2024 giải quyết việc làm: 7.500 lượt người.", D24, [("jobs_created", 2024, 1, 12, "actual", 7500.0)]),
    # counts of projects are not amounts; the capital after them is
    ("Vốn đầu tư trực tiếp nước ngoài năm 2023: thu hút 12 dự án mới với tổng vốn đăng ký 350 triệu USD.", D24,
     [("fdi_registered", 2023, 1, 12, "actual", 350.0)]),
    # a ratio restates the amount before it and gives the plan
    ("Giải ngân vốn đầu tư công 8 tháng đạt 76.439 triệu đồng, bằng 30% kế hoạch (76.439/254.720 triệu đồng).", D23,
     [("public_investment_disbursed", 2023, 1, 8, "actual", 76439.0),
      ("public_investment_disbursed", 2023, 1, 8, "plan_pct", 30.0),
      ("public_investment_disbursed", 2023, 1, 12, "target", 254720.0)]),
    ("Tổng chi ngân sách năm 2023 ước thực hiện 712,4 tỷ đồng/765,9 tỷ đồng, đạt 93% dự toán.", D23,
     [("budget_expenditure", 2023, 1, 12, "actual", 712400.0), ("budget_expenditure", 2023, 1, 12, "target", 765900.0),
      ("budget_expenditure", 2023, 1, 12, "plan_pct", 93.0)]),
    # dates and document numbers are not figures
    ("Thực hiện Công văn số 447/UBND-TH ngày 03/03/2023 và Nghị quyết số 04- NQ/QU ngày 12/12/2022, "
     "thu ngân sách tháng 3 đạt 15.257 triệu đồng.", D23, [("budget_revenue", 2023, 3, 3, "actual", 15257.0)]),
    ("Ngày 18/8/2023, UBND quận tổ chức hội nghị; có 524/760 hồ sơ được giải quyết.", D23, []),
]

UNITS = [
    ("Thu ngân sách quý I đạt 56.057 triệu đồng.", D23, [("budget_revenue", 2023, 1, 3, "actual", 56057.0)]),
    ("Thu ngân sách quý I đạt 56 tỉ đồng.", D23, [("budget_revenue", 2023, 1, 3, "actual", 56000.0)]),
    ("Thu ngân sách nhà nước 9 tháng ước đạt 76,41 nghìn tỷ đồng.", D24,
     [("budget_revenue", 2024, 1, 9, "actual", 76410000.0)]),
    ("Kim ngạch xuất khẩu năm 2023 đạt 46,1 tỷ USD; kim ngạch nhập khẩu đạt 19.742,5 triệu USD.", D24,
     [("export_value", 2023, 1, 12, "actual", 46100.0), ("import_value", 2023, 1, 12, "actual", 19742.5)]),
    ("Giải quyết việc làm năm 2023 cho khoảng 31.500 lao động.", D24, [("jobs_created", 2023, 1, 12, "actual", 31500.0)]),
    ("Tỷ lệ hộ nghèo năm 2023 còn 0,55%.", D24, [("poor_household_rate", 2023, 1, 12, "actual", 0.55)]),
    # a unit the indicator does not take: no record
    ("Giá trị sản xuất nông nghiệp năm 2023 trên diện tích 2.860 ha.", D24, []),
    ("Kim ngạch xuất khẩu năm 2023 đạt 120 nghìn tấn.", D24, []),
]

PERIODS = [
    ("Giá trị sản xuất công nghiệp tháng 8 ước thực hiện 65.854 triệu đồng, 8 tháng ước thực hiện 483.595 triệu đồng, "
     "đạt 64% kế hoạch, bằng 108,2% so cùng kỳ.", D23,
     [("industrial_output", 2023, 8, 8, "actual", 65854.0, True), ("industrial_output", 2023, 1, 8, "actual", 483595.0, True),
      ("industrial_output", 2023, 1, 8, "plan_pct", 64.0, True), ("industrial_output", 2023, 1, 8, "yoy_pct", 108.2, True)]),
    ("Chi ngân sách lũy kế 7 tháng thực hiện 378.174 triệu đồng.", D23,
     [("budget_expenditure", 2023, 1, 7, "actual", 378174.0)]),
    ("Thu ngân sách Quý I/2023 đạt 56.057 triệu đồng; quý II đạt 60.100 triệu đồng.", D24,
     [("budget_revenue", 2023, 1, 3, "actual", 56057.0), ("budget_revenue", 2023, 4, 6, "actual", 60100.0)]),
    ("Thu ngân sách quý 3 năm 2024 đạt 70 tỷ đồng, quý IV đạt 80 tỷ đồng.", D24,
     [("budget_revenue", 2024, 7, 9, "actual", 70000.0), ("budget_revenue", 2024, 10, 12, "actual", 80000.0)]),
    ("Tổng mức bán lẻ hàng hóa 6 tháng đầu năm 2024 đạt 9.100 tỷ đồng.", D24,
     [("retail_sales", 2024, 1, 6, "actual", 9100000.0)]),
    ("Bốn tháng đầu năm 2024, kim ngạch xuất khẩu đạt 1.250 triệu USD.", D24,
     [("export_value", 2024, 1, 4, "actual", 1250.0)]),
    ("Cả năm 2023, thu ngân sách đạt 2.300 tỷ đồng.", D24, [("budget_revenue", 2023, 1, 12, "actual", 2300000.0)]),
    # "đến ngày": months to date; restated with "lũy kế" the dated figure is the month's
    ("Giải ngân vốn đầu tư công đến ngày 15/6/2024 đạt 96.482 triệu đồng.", D24,
     [("public_investment_disbursed", 2024, 1, 6, "actual", 96482.0)]),
    ("Giải ngân vốn đầu tư công đến ngày 18/8/2023, ước thực hiện 7.192 triệu đồng, lũy kế 8 tháng thực hiện "
     "76.439 triệu đồng.", D23,
     [("public_investment_disbursed", 2023, 8, 8, "actual", 7192.0, True),
      ("public_investment_disbursed", 2023, 1, 8, "actual", 76439.0, False)]),
    # the year from the sentence, else the heading, else the document's date
    ("BÁO CÁO TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 10 NĂM 2024\n\nThu ngân sách tháng 10 đạt 40 tỷ đồng.",
     {"default_area": "Kiến Thụy"}, [("budget_revenue", 2024, 10, 10, "actual", 40000.0)]),
    ("Thu ngân sách tháng 10 đạt 40 tỷ đồng.", {"default_area": "Kiến Thụy", "published": dt.date(2022, 11, 2)},
     [("budget_revenue", 2022, 10, 10, "actual", 40000.0)]),
    ("Thu ngân sách tháng 10 đạt 40 tỷ đồng.", {"default_area": "Kiến Thụy"}, []),
    # "từ đầu năm (đến nay)": the months to date the heading names
    ("Báo cáo kinh tế - xã hội 9 tháng năm 2024 của huyện Kiến Thụy\n\nTừ đầu năm đến nay, thu ngân sách đạt 350 tỷ đồng.",
     {}, [("budget_revenue", 2024, 1, 9, "actual", 350000.0)]),
    # several years at once: no record
    ("Tổng thu trên địa bàn 2 năm đạt hơn 4.500 tỷ đồng, đạt 48,5% chỉ tiêu Nghị quyết.", D23, []),
    ("Giai đoạn 2021 - 2023, tổng thu ngân sách nhà nước trên địa bàn đạt hơn 101.000 tỷ đồng; "
     "GRDP tăng bình quân 3,2%/năm.", D24, []),
    ("Vốn đầu tư phát triển quận 2 năm đạt trên 35.700 tỷ đồng, đạt tốc độ tăng trưởng bình quân 16,1%/năm.", D23, []),
    # A paragraph that states no amount lends the next its latest year, read the same
    # whether it names an indicator or not (its dates and "16/16" are no amounts).
    ("UBND QUẬN LÊ CHÂN\nNgày 19/01/2023, thực hiện kế hoạch năm 2024 về thu ngân sách.\nTháng 3, tổng thu ngân sách đạt 120 tỷ đồng.",
     {"published": dt.date(2023, 9, 1)}, [("budget_revenue", 2024, 3, 3, "actual", 120000.0)]),
    ("UBND QUẬN LÊ CHÂN\nNgày 19/01/2023, thực hiện kế hoạch năm 2024 về công tác cải cách.\nTháng 3, tổng thu ngân sách đạt 120 tỷ đồng.",
     {"published": dt.date(2023, 9, 1)}, [("budget_revenue", 2024, 3, 3, "actual", 120000.0)]),
    ("UBND QUẬN LÊ CHÂN\nNăm 2023, thu ngân sách hoàn thành 16/16 chỉ tiêu.\nTháng 3, tổng thu ngân sách đạt 120 tỷ đồng.",
     D24, [("budget_revenue", 2023, 3, 3, "actual", 120000.0)]),
]

MEASURES = [
    ("Thu ngân sách năm 2023 đạt 1.200 tỷ đồng, vượt 8,7% dự toán, giảm 3,6% so với cùng kỳ.", D24,
     [("budget_revenue", 2023, 1, 12, "actual", 1200000.0), ("budget_revenue", 2023, 1, 12, "plan_pct", 108.7),
      ("budget_revenue", 2023, 1, 12, "yoy_pct", 96.4)]),
    ("Thu ngân sách quý I đạt 56.057 triệu đồng, đạt 10,9% kế hoạch, đạt 78,3% so cùng kỳ.", D23,
     [("budget_revenue", 2023, 1, 3, "actual", 56057.0), ("budget_revenue", 2023, 1, 3, "plan_pct", 10.9),
      ("budget_revenue", 2023, 1, 3, "yoy_pct", 78.3)]),
    ("Lệ phí trước bạ quý 1 ước thực hiện 10.179 triệu đồng, đạt 14,1% kế hoạch, 420% so với cùng kỳ.", D23,
     [("registration_fee", 2023, 1, 3, "actual", 10179.0, True), ("registration_fee", 2023, 1, 3, "plan_pct", 14.1, True),
      ("registration_fee", 2023, 1, 3, "yoy_pct", 420.0, True)]),
    ("Chỉ số giá tiêu dùng (CPI) tháng 6 tăng 0,5% so với tháng trước; CPI bình quân 6 tháng tăng 3,2%.", D24,
     [("cpi", 2024, 6, 6, "mom_pct", 100.5), ("cpi", 2024, 1, 6, "yoy_pct", 103.2)]),
    ("Chỉ số sản xuất công nghiệp 9 tháng tăng 8,5% so cùng kỳ; riêng tháng 9 giảm 3,2% so với tháng trước.", D24,
     [("iip", 2024, 1, 9, "yoy_pct", 108.5), ("iip", 2024, 9, 9, "mom_pct", 96.8)]),
    ("Tốc độ tăng trưởng kinh tế (GRDP) 6 tháng năm 2024 ước đạt 7,58%.", D24,
     [("grdp", 2024, 1, 6, "yoy_pct", 107.58, True)]),
    ("Cả năm 2023, tổng sản phẩm trên địa bàn (GRDP) theo giá so sánh ước giảm 4,95% so với năm 2022.", D24,
     [("grdp", 2023, 1, 12, "yoy_pct", 95.05, True)]),
    ("Tỷ trọng công nghiệp trong GRDP tăng 2,97 điểm phần trăm so với cùng kỳ.", D24, []),
    ("Vốn FDI đăng ký năm 2023 đạt trên 4,73 tỷ USD, vượt 57,6% kế hoạch.", D24,
     [("fdi_registered", 2023, 1, 12, "actual", 4730.0), ("fdi_registered", 2023, 1, 12, "plan_pct", 157.6)]),
    # the estimate flag is per clause; a percentage inherits it from its amount
    ("Tổng mức bán lẻ hàng hóa: Tháng 8 ước thực hiện 1.138.377 triệu đồng, 8 tháng thực hiện 7.820.773 triệu đồng, "
     "đạt 62% kế hoạch.", D23,
     [("retail_sales", 2023, 8, 8, "actual", 1138377.0, True), ("retail_sales", 2023, 1, 8, "actual", 7820773.0, False),
      ("retail_sales", 2023, 1, 8, "plan_pct", 62.0, False)]),
    ("Doanh thu dịch vụ lưu trú và ăn uống tháng 5 dự ước 320 tỷ đồng.", D24,
     [("accommodation_food_revenue", 2024, 5, 5, "actual", 320000.0, True)]),
    # a change in money is not a level
    ("Thu ngân sách 6 tháng đạt 900 tỷ đồng, tăng 50 tỷ đồng so với cùng kỳ.", D24,
     [("budget_revenue", 2024, 1, 6, "actual", 900000.0)]),
    # targets: a list after "đề ra … chỉ tiêu", dự toán amounts
    ("Năm 2023, quận đề ra một số chỉ tiêu chủ yếu như: Giá trị sản xuất công nghiệp: 438,9 tỷ đồng; tổng mức bán lẻ "
     "hàng hóa: 31.362,92 tỷ đồng; chi ngân sách địa phương: 595,598 tỷ đồng; giải quyết việc làm: 7.500 lượt người; "
     "tỷ lệ hộ nghèo: 0%; tỷ lệ hộ cận nghèo: 0,28%; số phường có nhà văn hóa: 8 phường; duy trì tỷ lệ hộ dân được sử "
     "dụng nước hợp vệ sinh: 100%…", D23,
     [("industrial_output", 2023, 1, 12, "target", 438900.0), ("retail_sales", 2023, 1, 12, "target", 31362920.0),
      ("budget_expenditure", 2023, 1, 12, "target", 595598.0), ("jobs_created", 2023, 1, 12, "target", 7500.0),
      ("poor_household_rate", 2023, 1, 12, "target", 0.0), ("near_poor_household_rate", 2023, 1, 12, "target", 0.28)]),
    ("Năm 2024, dự toán thu ngân sách nhà nước trên địa bàn là 32.560 tỷ đồng; dự toán chi ngân sách địa phương là "
     "26.418 tỷ đồng.", D24,
     [("budget_revenue", 2024, 1, 12, "target", 32560000.0), ("budget_expenditure", 2024, 1, 12, "target", 26418000.0)]),
    ("Tỉnh đặt mục tiêu tăng trưởng GRDP năm 2024 khoảng 4 - 5%.", D24, []),
    # a plan given with the names: "giao kế hoạch A X; B Y"
    ("Năm 2023, quận được thành phố giao kế hoạch giá trị sản xuất công nghiệp 452,6 tỷ đồng; tổng mức bán lẻ hàng hóa "
     "32.480 tỷ đồng; thu ngân sách 935 tỷ đồng. Tháng 1, thu ngân sách ước đạt 80 tỷ đồng.", D23,
     [("industrial_output", 2023, 1, 12, "target", 452600.0), ("retail_sales", 2023, 1, 12, "target", 32480000.0),
      ("budget_revenue", 2023, 1, 12, "target", 935000.0), ("budget_revenue", 2023, 1, 1, "actual", 80000.0)]),
]

NAMES = [
    # markdown bold, qualifiers in parentheses, colon and dash forms
    ("- **Giá trị sản xuất công nghiệp (do quận quản lý):** tháng 03 ước thực hiện 55.100 triệu đồng, quý 1 ước thực "
     "hiện 162.409 triệu đồng, đạt 21,53% kế hoạch, tăng 9,7% so cùng kỳ.", D23,
     [("industrial_output", 2023, 3, 3, "actual", 55100.0), ("industrial_output", 2023, 1, 3, "actual", 162409.0),
      ("industrial_output", 2023, 1, 3, "plan_pct", 21.53), ("industrial_output", 2023, 1, 3, "yoy_pct", 109.7)]),
    ("TỔNG MỨC BÁN LẺ HÀNG HÓA – tháng 3 đạt 853.937 triệu đồng.", D23,
     [("retail_sales", 2023, 3, 3, "actual", 853937.0)]),
    ("Doanh thu dịch vụ, lưu trú và ăn uống: tháng 03 ước thực hiện 142.810 triệu đồng.", D23,
     [("accommodation_food_revenue", 2023, 3, 3, "actual", 142810.0)]),
    ("Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng 9 tháng ước đạt 148.315,6 tỷ đồng.", D24,
     [("retail_services_total", 2024, 1, 9, "actual", 148315600.0)]),
    # old tone placement and decomposed letters
    ("Giá trị sản xuất nông, lâm, thuỷ sản tháng 3 đạt 7.990 triệu đồng; tổng mức bán lẻ hàng hoá đạt 853.937 triệu đồng.",
     D23, [("agro_forestry_fishery_output", 2023, 3, 3, "actual", 7990.0), ("retail_sales", 2023, 3, 3, "actual", 853937.0)]),
    # a name carried across the sentence by its topic
    ("Về thu – chi ngân sách Nhà nước, tổng thu cân đối ngân sách tháng 8 ước thực hiện 24.350 triệu đồng; tổng chi "
     "8 tháng đạt 378.174 triệu đồng.", D23,
     [("budget_revenue", 2023, 8, 8, "actual", 24350.0), ("budget_expenditure", 2023, 1, 8, "actual", 378174.0)]),
    # under an open topic, a part after "trong đó" is not the total
    ("Về thu – chi ngân sách, tổng thu 9 tháng đạt 1.500 tỷ đồng, trong đó thu nội địa 1.200 tỷ đồng; tổng chi đạt "
     "800 tỷ đồng.", D24,
     [("budget_revenue", 2024, 1, 9, "actual", 1500000.0), ("budget_expenditure", 2024, 1, 9, "actual", 800000.0)]),
    # the next sentence goes on with the same indicator
    ("Tổng chi ngân sách tháng 8 ước thực hiện 46.119 triệu đồng. Lũy kế 8 tháng đạt 378.174 triệu đồng, bằng 64% dự toán.",
     D23, [("budget_expenditure", 2023, 8, 8, "actual", 46119.0), ("budget_expenditure", 2023, 1, 8, "actual", 378174.0),
           ("budget_expenditure", 2023, 1, 8, "plan_pct", 64.0)]),
    # a clause about something else, then back to the same indicator
    ("Tổng mức bán lẻ hàng hóa thực hiện tháng 3 đạt 884.600 triệu đồng, điều chỉnh tăng so với số liệu đã báo cáo; "
     "quý I thực hiện 2.633.320 triệu đồng.", D23,
     [("retail_sales", 2023, 3, 3, "actual", 884600.0), ("retail_sales", 2023, 1, 3, "actual", 2633320.0)]),
    # a sector named without "giá trị"
    ("Về sản xuất công nghiệp, tháng 6 ước thực hiện 61.350 triệu đồng, 6 tháng đầu năm ước thực hiện 336,57 tỷ đồng.",
     D23, [("industrial_output", 2023, 6, 6, "actual", 61350.0), ("industrial_output", 2023, 1, 6, "actual", 336570.0)]),
    # sub-items in parentheses take the parent's period
    ("Giá trị sản xuất nông, lâm, thủy sản 6 tháng đạt 83.415 triệu đồng (nông nghiệp 60.100 triệu đồng, thủy sản "
     "23.315 triệu đồng).", D24,
     [("agro_forestry_fishery_output", 2024, 1, 6, "actual", 83415.0), ("agriculture_output", 2024, 1, 6, "actual", 60100.0),
      ("fishery_output", 2024, 1, 6, "actual", 23315.0)]),
    # an unnamed part after "trong đó" is nobody's
    ("Tổng thu ngân sách 6 tháng đạt 900 tỷ đồng, trong đó thu từ doanh nghiệp nhà nước 120 tỷ đồng.", D24,
     [("budget_revenue", 2024, 1, 6, "actual", 900000.0)]),
    # another subject in the clause: a project, a company
    ("Dự án đường nối Trữ Khê: Kế hoạch vốn năm 2023: 90.000 triệu đồng; giải ngân đến ngày 8/3/2023: 705 triệu đồng.",
     D23, []),
]

FOOTNOTES = [
    ("BÁO CÁO KINH TẾ - XÃ HỘI THÁNG 3 VÀ QUÝ I NĂM 2023\n\n"
     "- **Tổng thu cân đối ngân sách:** tháng 03 ước thực hiện 15.257 triệu đồng, quý 1 ước thực hiện 56.057 triệu "
     "đồng, đạt 10,9% kế hoạch³.\n\n"
     "Tổ chức hội nghị đối thoại doanh nghiệp.\n\n"
     "³ Thuế ngoài quốc doanh: tháng 03 ước thực hiện 7.667 triệu đồng, quý 1 ước thực hiện 27.185 triệu đồng, đạt "
     "27,2 % kế hoạch, 98,3% so với cùng kỳ; Thu sử dụng đất: tháng 03 ước thực hiện 1.000 triệu đồng, 03 tháng thực "
     "hiện 3.513 triệu đồng đạt 1,4% kế hoạch.",
     {"default_area": "Kiến An"},
     [("budget_revenue", 2023, 3, 3, "actual", 15257.0, True), ("budget_revenue", 2023, 1, 3, "actual", 56057.0, True),
      ("budget_revenue", 2023, 1, 3, "plan_pct", 10.9, True),
      ("tax_non_state", 2023, 3, 3, "actual", 7667.0, True), ("tax_non_state", 2023, 1, 3, "actual", 27185.0, True),
      ("tax_non_state", 2023, 1, 3, "plan_pct", 27.2, True), ("tax_non_state", 2023, 1, 3, "yoy_pct", 98.3, True),
      ("land_use_revenue", 2023, 3, 3, "actual", 1000.0, True), ("land_use_revenue", 2023, 1, 3, "actual", 3513.0, False),
      ("land_use_revenue", 2023, 1, 3, "plan_pct", 1.4, False)]),
    # a footnote about fines hangs from a sentence with no indicator: nothing
    ("Ban hành 05 Quyết định xử phạt vi phạm hành chính về hoạt động xây dựng⁵.\n\n"
     "⁵ Công ty Cổ phần An Sinh Phú: 95.000.000 đồng; tổng số tiền 130.500.000 đồng.", {"default_area": "Kiến An",
                                                                                          "published": dt.date(2023, 3, 30)}, []),
]

AREAS = [
    ("Kiến An (Hải Phòng): Tập trung thực hiện nhiệm vụ năm 2023\n\nThu ngân sách tháng 8 đạt 24.350 triệu đồng.",
     {"published": dt.date(2023, 9, 1)},
     [("Kiến An", "budget_revenue", 2023, 8, 8, "actual", 24350.0, False)]),
    ("Thu ngân sách tháng 8 đạt 24.350 triệu đồng.",
     {"title": "Quận Ngô Quyền (Hải Phòng): kết quả tháng 8", "published": dt.date(2023, 9, 1)},
     [("Ngô Quyền", "budget_revenue", 2023, 8, 8, "actual", 24350.0, False)]),
    ("Chiều 9/12, UBND quận Lê Chân tổ chức hội nghị tổng kết năm 2022.\n\nThu ngân sách năm 2022 ước 940,133 tỷ đồng.",
     {}, [("Lê Chân", "budget_revenue", 2022, 1, 12, "actual", 940133.0, True)]),
    ("Kiến An, ngày 28 tháng 3 năm 2023\n\nBÁO CÁO\n\nThu ngân sách quý I đạt 56.057 triệu đồng.", {},
     [("Kiến An", "budget_revenue", 2023, 1, 3, "actual", 56057.0, False)]),
    ("Thu ngân sách quý I đạt 56.057 triệu đồng.", {"title": "Báo cáo quý I năm 2023", "default_area": "huyện An Dương"},
     [("An Dương", "budget_revenue", 2023, 1, 3, "actual", 56057.0, False)]),
    # a provincial report: GRDP, IIP, CPI, exports, FDI
    ("Đồng Nai: Kinh tế quý I/2024 tăng trưởng khá\n\nTheo Cục Thống kê tỉnh, tốc độ tăng trưởng kinh tế (GRDP) quý "
     "I/2024 của Đồng Nai ước đạt 5,51% so với cùng kỳ, cao hơn mức tăng 4,1% của quý I/2023. Chỉ số sản xuất công "
     "nghiệp quý I tăng 6,2% so với cùng kỳ. Kim ngạch xuất khẩu quý I đạt 5.120 triệu USD, tăng 10,7%; vốn đầu tư "
     "trực tiếp nước ngoài (FDI) tính đến ngày 20/3/2024 đạt gần 474,5 triệu USD.", {},
     [("Đồng Nai", "grdp", 2024, 1, 3, "yoy_pct", 105.51, True), ("Đồng Nai", "grdp", 2023, 1, 3, "yoy_pct", 104.1, False),
      ("Đồng Nai", "iip", 2024, 1, 3, "yoy_pct", 106.2, False), ("Đồng Nai", "export_value", 2024, 1, 3, "actual", 5120.0, False),
      ("Đồng Nai", "export_value", 2024, 1, 3, "yoy_pct", 110.7, False),
      ("Đồng Nai", "fdi_registered", 2024, 1, 3, "actual", 474.5, False)]),
    # the whole country's average in brackets is not the city's
    ("Hải Phòng: GRDP 9 tháng tăng 10,32%\n\nGRDP 9 tháng năm 2024 của thành phố ước đạt 10,32%, cao gấp 1,5 lần bình "
     "quân cả nước (6,82%).", {},
     [("Hải Phòng", "grdp", 2024, 1, 9, "yoy_pct", 110.32, True)]),
    # "huyện 9 tháng" names no district; "Quận 1" does
    ("UBND huyện Vĩnh Bảo báo cáo.\n\nThu ngân sách nhà nước trên địa bàn huyện 9 tháng năm 2024 đạt 245,6 tỷ đồng.", {},
     [("Vĩnh Bảo", "budget_revenue", 2024, 1, 9, "actual", 245600.0, False)]),
    ("Thu ngân sách Quận 1 năm 2024 đạt 500 tỷ đồng.", {"default_area": "Hồ Chí Minh"},
     [("Quận 1", "budget_revenue", 2024, 1, 12, "actual", 500000.0, False)]),
    # no area anywhere: no records rather than records of nowhere
    ("Thu ngân sách tháng 8 năm 2023 đạt 24.350 triệu đồng.", {}, []),
]

NOISE = [
    # sidebars: other articles, another province, a company's profit
    ("Quận Ngô Quyền (Hải Phòng): Những kết quả nổi bật\n\n"
     "Năm 2020, kinh tế duy trì ổn định, tổng thu ngân sách đạt 101,04% dự toán, bằng 103,15% so với cùng kỳ.\n\n"
     "Quỳnh Nga\n\nBài liên quan\n\nTin mới\n\n"
     "Quý I/2024, KIDO báo lãi sau thuế 21,7 tỷ đồng\nQuý I/2024, KIDO báo lãi sau thuế 21,7 tỷ đồng\n\n"
     "Tổng vốn đầu tư nước ngoài đăng ký vào Việt Nam từ đầu năm đến ngày 20/4 đạt gần 9,27 tỷ USD, tăng 4,5% so với "
     "cùng kỳ năm trước.\n\nKon Tum: thu ngân sách quý I đạt 1.200 tỷ đồng, tăng 8%.", {},
     [("Ngô Quyền", "budget_revenue", 2020, 1, 12, "plan_pct", 101.04, False),
      ("Ngô Quyền", "budget_revenue", 2020, 1, 12, "yoy_pct", 103.15, False)]),
    # a company's profit inside the article
    ("Quý I/2024, thu ngân sách đạt 300 tỷ đồng; Công ty KIDO báo lãi sau thuế 21,7 tỷ đồng.", D24,
     [("budget_revenue", 2024, 1, 3, "actual", 300000.0)]),
    # QR captions, menus
    ("Trang chủ > Tin tức\n\nQR CODE: Thu ngân sách quận Lê Chân năm 2022 đạt 940 tỷ đồng\n\n"
     "Mã QR Code truy cập vào Fanpage\n\nTin khác", D24, []),
    # a headline repeated above its article (the article states the figure)
    ("Thu ngân sách 6 tháng đạt 900 tỷ đồng\n\nThu ngân sách 6 tháng đạt 900 tỷ đồng\n\n"
     "UBND quận Lê Chân cho biết thu ngân sách 6 tháng năm 2024 đạt 900 tỷ đồng.", {},
     [("Lê Chân", "budget_revenue", 2024, 1, 6, "actual", 900000.0, False)]),
    # image captions, and the title printed again above the body
    ("Thu ngân sách 9 tháng đạt 350 tỷ đồng\n\nẢnh: Thu ngân sách 9 tháng đạt 400 tỷ đồng.\n\n"
     "Theo UBND huyện, thu ngân sách 9 tháng đạt gần 351 tỷ đồng (ảnh minh họa).\n\nẢnh minh họa: tổng thu 9 tháng 399 tỷ đồng",
     {"title": "Thu ngân sách 9 tháng đạt 350 tỷ đồng", "default_area": "Kiến Thụy", "published": dt.date(2024, 10, 2)},
     [("budget_revenue", 2024, 1, 9, "actual", 351000.0)]),
    # fines, gifts, people helped: not indicators
    ("Năm 2023, tặng 9.711 suất quà, tổng số tiền 14.539.700.000 đồng; chi trả trợ cấp cho 4.147 lượt người có công "
     "với tổng số tiền 7.536.775.000 đồng; xử phạt hành chính 100.000.000 đồng.", D24, []),
]

PROVINCIAL_REPORT = """\
UBND TỈNH THANH HÓA
Số: 215/BC-UBND

Thanh Hóa, ngày 28 tháng 6 năm 2024

BÁO CÁO
Tình hình kinh tế - xã hội 6 tháng đầu năm 2024

1. Tăng trưởng kinh tế
Tổng sản phẩm trên địa bàn tỉnh (GRDP) 6 tháng đầu năm ước tăng 8,52% so với cùng kỳ, cao hơn mức bình quân cả nước (6,42%), xếp thứ 11/63 tỉnh, thành phố. Trong đó, ngành nông, lâm nghiệp và thủy sản tăng 3,1%; công nghiệp - xây dựng tăng 11,4%; dịch vụ tăng 7,2%.

2. Sản xuất công nghiệp
Chỉ số sản xuất công nghiệp (IIP) tháng 6 ước tăng 1,8% so với tháng trước và tăng 12,7% so với cùng kỳ; tính chung 6 tháng tăng 10,9%. Giá trị sản xuất công nghiệp (giá so sánh 2010) 6 tháng ước đạt 98.250 tỷ đồng, tăng 11,2%.

3. Thương mại, dịch vụ
Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng 6 tháng ước đạt 79.812 tỷ đồng, tăng 14,1%. Kim ngạch xuất khẩu 6 tháng ước đạt 3.950 triệu USD, bằng 48,2% kế hoạch năm, tăng 15,3% so với cùng kỳ; kim ngạch nhập khẩu ước đạt 3.120 triệu USD, tăng 9,6%. Chỉ số giá tiêu dùng (CPI) bình quân 6 tháng tăng 3,98% so với cùng kỳ.

4. Thu hút đầu tư
Trong 6 tháng, tỉnh chấp thuận chủ trương đầu tư cho 68 dự án với tổng vốn đăng ký 36.487 tỷ đồng; cấp mới 5 dự án FDI với tổng vốn đăng ký 159,5 triệu USD. Vốn đầu tư phát triển toàn xã hội ước đạt 64.930 tỷ đồng, bằng 45,1% kế hoạch, tăng 10,8%.

5. Tài chính - ngân sách
Tổng thu ngân sách nhà nước trên địa bàn 6 tháng ước đạt 22.165 tỷ đồng, bằng 60,4% dự toán, tăng 7,3% so với cùng kỳ; trong đó thu nội địa 14.320 tỷ đồng, thu từ hoạt động xuất nhập khẩu 7.845 tỷ đồng. Tổng chi ngân sách địa phương ước đạt 21.356 tỷ đồng, bằng 48,4% dự toán.

6. Lao động, việc làm
Giải quyết việc làm cho 36.750 lao động, đạt 55,7% kế hoạch; tỷ lệ hộ nghèo giảm còn 2,35%.
"""

PROVINCIAL_RECORDS = [
    ('Thanh Hóa', 'grdp', 2024, 1, 6, 'yoy_pct', 108.52, True),
    ('Việt Nam', 'grdp', 2024, 1, 6, 'yoy_pct', 106.42, True),
    ('Thanh Hóa', 'iip', 2024, 6, 6, 'mom_pct', 101.8, True),
    ('Thanh Hóa', 'iip', 2024, 6, 6, 'yoy_pct', 112.7, True),
    ('Thanh Hóa', 'iip', 2024, 1, 6, 'yoy_pct', 110.9, False),
    ('Thanh Hóa', 'industrial_output', 2024, 1, 6, 'actual', 98250000.0, True),
    ('Thanh Hóa', 'industrial_output', 2024, 1, 6, 'yoy_pct', 111.2, True),
    ('Thanh Hóa', 'retail_services_total', 2024, 1, 6, 'actual', 79812000.0, True),
    ('Thanh Hóa', 'retail_services_total', 2024, 1, 6, 'yoy_pct', 114.1, True),
    ('Thanh Hóa', 'export_value', 2024, 1, 6, 'actual', 3950.0, True),
    ('Thanh Hóa', 'export_value', 2024, 1, 6, 'plan_pct', 48.2, True),
    ('Thanh Hóa', 'export_value', 2024, 1, 6, 'yoy_pct', 115.3, True),
    ('Thanh Hóa', 'import_value', 2024, 1, 6, 'actual', 3120.0, True),
    ('Thanh Hóa', 'import_value', 2024, 1, 6, 'yoy_pct', 109.6, True),
    ('Thanh Hóa', 'cpi', 2024, 1, 6, 'yoy_pct', 103.98, False),
    ('Thanh Hóa', 'development_investment', 2024, 1, 6, 'actual', 64930000.0, True),
    ('Thanh Hóa', 'development_investment', 2024, 1, 6, 'plan_pct', 45.1, True),
    ('Thanh Hóa', 'development_investment', 2024, 1, 6, 'yoy_pct', 110.8, True),
    ('Thanh Hóa', 'budget_revenue', 2024, 1, 6, 'actual', 22165000.0, True),
    ('Thanh Hóa', 'budget_revenue', 2024, 1, 6, 'plan_pct', 60.4, True),
    ('Thanh Hóa', 'budget_revenue', 2024, 1, 6, 'yoy_pct', 107.3, True),
    ('Thanh Hóa', 'budget_expenditure', 2024, 1, 6, 'actual', 21356000.0, True),
    ('Thanh Hóa', 'budget_expenditure', 2024, 1, 6, 'plan_pct', 48.4, True),
    ('Thanh Hóa', 'jobs_created', 2024, 1, 6, 'actual', 36750.0, False),
    ('Thanh Hóa', 'jobs_created', 2024, 1, 6, 'plan_pct', 55.7, False),
    ('Thanh Hóa', 'poor_household_rate', 2024, 1, 6, 'actual', 2.35, False),
]

NEWS_ARTICLE = """\
Trang chủ | Tin tức | Kinh tế | Xã hội
Tin mới
Hội nghị Ban Chấp hành Đảng bộ huyện Thủy Nguyên lần thứ 12
Huyện Thủy Nguyên: Kinh tế 9 tháng năm 2024 tăng trưởng khá

Sáng 5/10, Ban Chấp hành Đảng bộ huyện Thủy Nguyên tổ chức hội nghị lần thứ 12 đánh giá kết quả 9 tháng năm 2024.

Ảnh: Đồng chí Bí thư Huyện ủy phát biểu tại hội nghị.

Theo báo cáo, 9 tháng năm 2024, tổng giá trị sản xuất các ngành kinh tế ước đạt 58.420 tỷ đồng, tăng 12,6% so với cùng kỳ, đạt 74,5% kế hoạch năm. Thu ngân sách nhà nước trên địa bàn ước đạt 4.215 tỷ đồng, vượt 5,4% dự toán cả năm, trong đó thu tiền sử dụng đất đạt 2.980 tỷ đồng. Giải ngân vốn đầu tư công đạt 1.720 tỷ đồng/2.650 tỷ đồng kế hoạch, đạt 64,9%.

Hội nghị thống nhất phấn đấu quý IV: thu ngân sách đạt trên 1.200 tỷ đồng; tổng giá trị sản xuất tăng 13% trở lên.

Tin khác
Huyện An Lão: thu ngân sách 9 tháng đạt 1.050 tỷ đồng
Vĩnh Bảo đón nhận danh hiệu huyện nông thôn mới nâng cao
"""

NEWS_RECORDS = [
    ('Thủy Nguyên', 'total_output', 2024, 1, 9, 'actual', 58420000.0, True),
    ('Thủy Nguyên', 'total_output', 2024, 1, 9, 'yoy_pct', 112.6, True),
    ('Thủy Nguyên', 'total_output', 2024, 1, 9, 'plan_pct', 74.5, True),
    ('Thủy Nguyên', 'budget_revenue', 2024, 1, 9, 'actual', 4215000.0, True),
    ('Thủy Nguyên', 'budget_revenue', 2024, 1, 9, 'plan_pct', 105.4, True),
    ('Thủy Nguyên', 'land_use_revenue', 2024, 1, 9, 'actual', 2980000.0, False),
    ('Thủy Nguyên', 'public_investment_disbursed', 2024, 1, 9, 'actual', 1720000.0, False),
    ('Thủy Nguyên', 'public_investment_disbursed', 2024, 1, 12, 'target', 2650000.0, False),
    ('Thủy Nguyên', 'public_investment_disbursed', 2024, 1, 9, 'plan_pct', 64.9, False),
    ('Thủy Nguyên', 'budget_revenue', 2024, 10, 12, 'target', 1200000.0, False),
]

TABLES = [
    # a report's table: header columns say unit, period, plan, shares; empty cells keep alignment
    ("BÁO CÁO TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 8 NĂM 2023\n\n"
     "UBND quận Kiến An báo cáo một số chỉ tiêu chủ yếu như sau:\n\n"
     "Chỉ tiêu | ĐVT | Kế hoạch năm 2023 | Ước TH tháng 8 | Lũy kế 8 tháng | So KH (%) | So CK (%)\n"
     "1. Giá trị sản xuất công nghiệp | Triệu đồng | 755.600 | 65.854 | 483.595 | 64 | 108,2\n"
     "2. Tổng mức bán lẻ hàng hóa | Tỷ đồng | 12.614 | 1.138,4 | 7.820,8 | 62 | 118,8\n"
     "3. Tỷ lệ hộ nghèo | % | 0,5 | | 0,45 | |\n"
     "4. Số trường đạt chuẩn | Trường | 20 | 1 | 15 | 75 |\n\n"
     "Tình hình an ninh được giữ vững.", {},
     [("Kiến An", "industrial_output", 2023, 1, 12, "target", 755600.0, False),
      ("Kiến An", "industrial_output", 2023, 8, 8, "actual", 65854.0, True),
      ("Kiến An", "industrial_output", 2023, 1, 8, "actual", 483595.0, False),
      ("Kiến An", "industrial_output", 2023, 1, 8, "plan_pct", 64.0, False),
      ("Kiến An", "industrial_output", 2023, 1, 8, "yoy_pct", 108.2, False),
      ("Kiến An", "retail_sales", 2023, 1, 12, "target", 12614000.0, False),
      ("Kiến An", "retail_sales", 2023, 8, 8, "actual", 1138400.0, True),
      ("Kiến An", "retail_sales", 2023, 1, 8, "actual", 7820800.0, False),
      ("Kiến An", "retail_sales", 2023, 1, 8, "plan_pct", 62.0, False),
      ("Kiến An", "retail_sales", 2023, 1, 8, "yoy_pct", 118.8, False),
      ("Kiến An", "poor_household_rate", 2023, 1, 12, "target", 0.5, False),
      ("Kiến An", "poor_household_rate", 2023, 1, 8, "actual", 0.45, False)]),
    # a markdown pipe table with its separator row
    ("Báo cáo quý I năm 2024 của huyện An Dương\n\n| Chỉ tiêu | Đơn vị tính | Quý I/2024 | So cùng kỳ (%) |\n"
     "|---|---|---|---|\n| Thu ngân sách nhà nước | Triệu đồng | 56.057 | 78,3 |\n"
     "| Chỉ số sản xuất công nghiệp (IIP) | % | | 108,5 |", {},
     [("An Dương", "budget_revenue", 2024, 1, 3, "actual", 56057.0, False),
      ("An Dương", "budget_revenue", 2024, 1, 3, "yoy_pct", 78.3, False),
      ("An Dương", "iip", 2024, 1, 3, "yoy_pct", 108.5, False)]),
    # rows with numbers but no header: nothing to read them by
    ("Thu ngân sách | 56.057 | 78,3", D24, []),
    # one header row: the comparison column belongs to the period before it
    ("Chỉ tiêu | Tháng 3 | Quý I | So cùng kỳ (%)\n"
     "Giá trị sản xuất công nghiệp (tỷ đồng) | 55.100 | 162.409 | 21,53", D24,
     [("industrial_output", 2024, 3, 3, "actual", 55100000.0),
      ("industrial_output", 2024, 1, 3, "actual", 162409000.0),
      ("industrial_output", 2024, 1, 3, "yoy_pct", 21.53)]),
    # two header rows: "Thực hiện" spans the months, "So sánh (%)" spans KH and CK
    ("Chỉ tiêu | ĐVT | Thực hiện | | So sánh (%) |\n| | | Tháng 3 | Quý I | KH | CK |\n"
     "Giá trị sản xuất công nghiệp | Tỷ đồng | 55.100 | 162.409 | 25,1 | 121,53", D24,
     [("industrial_output", 2024, 3, 3, "actual", 55100000.0),
      ("industrial_output", 2024, 1, 3, "actual", 162409000.0),
      ("industrial_output", 2024, 1, 3, "plan_pct", 25.1),
      ("industrial_output", 2024, 1, 3, "yoy_pct", 121.53)]),
    # the lower header row leaves out the name column; the unit is a caption above the table
    ("Quận Lê Chân: kinh tế quý I năm 2024 tăng trưởng khá\nKết quả chủ yếu quý I như sau.\n"
     "Đơn vị tính: tỷ đồng\nChỉ tiêu | Thực hiện | | So sánh (%)\n| Tháng 3 | Quý I | KH | CK\n"
     "Giá trị sản xuất công nghiệp | 55.100 | 162.409 | 21,53 | 110,5\n"
     "Tổng mức bán lẻ hàng hóa | 1.200 | 3.400 | 24 | 108", {},
     [("industrial_output", 2024, 3, 3, "actual", 55100000.0),
      ("industrial_output", 2024, 1, 3, "actual", 162409000.0),
      ("industrial_output", 2024, 1, 3, "plan_pct", 21.53),
      ("industrial_output", 2024, 1, 3, "yoy_pct", 110.5),
      ("retail_sales", 2024, 3, 3, "actual", 1200000.0),
      ("retail_sales", 2024, 1, 3, "actual", 3400000.0),
      ("retail_sales", 2024, 1, 3, "plan_pct", 24.0),
      ("retail_sales", 2024, 1, 3, "yoy_pct", 108.0)]),
    # a growth column ("Tăng/giảm so cùng kỳ (%)"), signed; the unit in the period's header
    ("Chỉ tiêu | Quý I (tỷ đồng) | Tăng/giảm so cùng kỳ (%)\nThu ngân sách | 1.234 | -5,2\n"
     "Tổng mức bán lẻ hàng hóa | 3.400 | 12,5", D24,
     [("budget_revenue", 2024, 1, 3, "actual", 1234000.0), ("budget_revenue", 2024, 1, 3, "yoy_pct", 94.8),
      ("retail_sales", 2024, 1, 3, "actual", 3400000.0), ("retail_sales", 2024, 1, 3, "yoy_pct", 112.5)]),
]

# Orders of words the statistical news genre uses: the comparison before the amount, the
# period before the indicator, "Ước tính N tháng," opening the sentence, a comparison with
# a named year.
WORD_ORDER = [
    ("Tổng mức bán lẻ hàng hóa 7 tháng tăng 12,5% so cùng kỳ, đạt 1.240 tỷ đồng.", D24,
     [("retail_sales", 2024, 1, 7, "yoy_pct", 112.5), ("retail_sales", 2024, 1, 7, "actual", 1240000.0)]),
    ("Tháng 7, tổng mức bán lẻ hàng hóa ước đạt 1.050 tỷ đồng, tăng 8,2% so với cùng kỳ năm 2023.", D24,
     [("retail_sales", 2024, 7, 7, "actual", 1050000.0, True), ("retail_sales", 2024, 7, 7, "yoy_pct", 108.2, True)]),
    ("Ước tính 7 tháng, tổng mức bán lẻ hàng hóa đạt 7.350 tỷ đồng, tăng 10,1% so với cùng kỳ năm 2023.", D24,
     [("retail_sales", 2024, 1, 7, "actual", 7350000.0, True), ("retail_sales", 2024, 1, 7, "yoy_pct", 110.1, True)]),
    ("Thu ngân sách 7 tháng đạt 820 tỷ đồng, bằng 115% so với cùng kỳ năm 2023.", D24,
     [("budget_revenue", 2024, 1, 7, "actual", 820000.0), ("budget_revenue", 2024, 1, 7, "yoy_pct", 115.0)]),
    ("Giá trị sản xuất công nghiệp tháng 7 đạt 5.500 tỷ đồng, tăng 9% so với cùng kỳ năm trước; "
     "7 tháng đạt 36.000 tỷ đồng, tăng 8,5%.", D24,
     [("industrial_output", 2024, 7, 7, "actual", 5500000.0), ("industrial_output", 2024, 7, 7, "yoy_pct", 109.0),
      ("industrial_output", 2024, 1, 7, "actual", 36000000.0), ("industrial_output", 2024, 1, 7, "yoy_pct", 108.5)]),
    # a month by its name; "tháng Năm" only before a year ("hằng tháng năm nay" is no May)
    ("Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng tháng Bảy ước đạt 8.500 tỷ đồng, "
     "tăng 1,2% so với tháng trước.", D24,
     [("retail_services_total", 2024, 7, 7, "actual", 8500000.0), ("retail_services_total", 2024, 7, 7, "mom_pct", 101.2)]),
    ("Kim ngạch xuất khẩu tháng Năm năm 2024 đạt 300 triệu USD.", D24, [("export_value", 2024, 5, 5, "actual", 300.0)]),
    ("Kim ngạch xuất khẩu tháng Giêng đạt 280 triệu USD.", D24, [("export_value", 2024, 1, 1, "actual", 280.0)]),
    # a date to date without "ngày" (with its year), and "đến cuối tháng 7": the months to date
    ("Thu ngân sách nhà nước trên địa bàn tính đến 31/7/2024 ước đạt 5.300 tỷ đồng, bằng 60,2% dự toán.", D24,
     [("budget_revenue", 2024, 1, 7, "actual", 5300000.0), ("budget_revenue", 2024, 1, 7, "plan_pct", 60.2)]),
    ("Thu ngân sách đến cuối tháng 7 đạt 4.000 tỷ đồng, đạt 2/3 dự toán.", D24,
     [("budget_revenue", 2024, 1, 7, "actual", 4000000.0)]),
    # "CK" for the same period a year before; a comparison with the quarter before is no
    # measure of ours, and its quarter is not the period of what follows
    ("Thu ngân sách 9 tháng đạt 900 tỷ đồng, đạt 75,3% KH năm, bằng 110% CK.", D24,
     [("budget_revenue", 2024, 1, 9, "actual", 900000.0), ("budget_revenue", 2024, 1, 9, "plan_pct", 75.3),
      ("budget_revenue", 2024, 1, 9, "yoy_pct", 110.0)]),
    ("Giá trị sản xuất công nghiệp quý III ước đạt 15.000 tỷ đồng, giảm 2,3% so với quý II và tăng 7,5% so với "
     "cùng kỳ; 9 tháng đạt 40.000 tỷ đồng.", D24,
     [("industrial_output", 2024, 7, 9, "actual", 15000000.0), ("industrial_output", 2024, 7, 9, "yoy_pct", 107.5),
      ("industrial_output", 2024, 1, 9, "actual", 40000000.0)]),
    # abbreviations of the genre: XK/NK, ĐTPT
    ("Kim ngạch XK 9 tháng đạt 120 triệu USD; kim ngạch NK đạt 80 triệu USD.", D24,
     [("export_value", 2024, 1, 9, "actual", 120.0), ("import_value", 2024, 1, 9, "actual", 80.0)]),
    ("Vốn ĐTPT toàn xã hội 9 tháng đạt 5.000 tỷ đồng.", D24, [("development_investment", 2024, 1, 9, "actual", 5000000.0)]),
    # FDI named in full, its new projects counted before the capital
    ("Thu hút đầu tư trực tiếp nước ngoài (FDI): 9 tháng năm 2024 cấp mới 15 dự án với tổng vốn đăng ký "
     "250,5 triệu USD.", D24, [("fdi_registered", 2024, 1, 9, "actual", 250.5)]),
    # a clause opening with "bình quân N tháng" goes on about the CPI
    ("CPI tháng 9/2024 tăng 0,52% so với tháng trước; bình quân 9 tháng tăng 3,88% so với cùng kỳ năm trước.", D24,
     [("cpi", 2024, 9, 9, "mom_pct", 100.52), ("cpi", 2024, 1, 9, "yoy_pct", 103.88)]),
    # the registered capital of new enterprises is no FDI (and in VND no FDI amount at all)
    ("Trong 9 tháng, thành lập mới 120 doanh nghiệp với tổng vốn đăng ký 1.500 tỷ đồng.", D24, []),
    # the retail sales of goods under the total with services; a share of the total is no record
    ("Doanh thu bán lẻ hàng hóa 7 tháng ước đạt 40.100 tỷ đồng, chiếm 78% tổng mức và tăng 9,4% so với cùng kỳ.", D24,
     [("retail_sales", 2024, 1, 7, "actual", 40100000.0), ("retail_sales", 2024, 1, 7, "yoy_pct", 109.4)]),
]

DOCUMENTS = [
    # an official provincial report: heading lines, the subject line under "BÁO CÁO",
    # GRDP with its sector components (no record), IIP, CPI, trade, FDI, budget, jobs
    (PROVINCIAL_REPORT, {}, PROVINCIAL_RECORDS),
    # a news article: a menu and a "Tin mới" item above the title, a caption, a meeting's
    # targets after "phấn đấu", a "Tin khác" sidebar with another district's figure
    (NEWS_ARTICLE, {}, NEWS_RECORDS),
]

BAD_TEXT = [
    ("", {}, []),
    ("   \n\n  ", D24, []),
    ("Không có số liệu nào trong văn bản này.", D24, []),
    ("\x00\x01\x02 ÿþ 1.2.3.4 %%% /// 99/99/9999 tỷ tỷ tỷ đồng đồng", D24, []),
    ("Thu ngân sách đạt tỷ đồng, bằng % kế hoạch.", D24, []),
    ("Thu ngân sách tháng 13 đạt 40 tỷ đồng; quý V đạt 50 tỷ đồng.", D24, []),
]


@pytest.mark.parametrize("text,kwargs,expected", NUMBERS)
def test_numbers(text, kwargs, expected):
    check(text, kwargs, expected)


@pytest.mark.parametrize("text,kwargs,expected", UNITS)
def test_units(text, kwargs, expected):
    check(text, kwargs, expected)


@pytest.mark.parametrize("text,kwargs,expected", PERIODS)
def test_periods(text, kwargs, expected):
    check(text, kwargs, expected)


@pytest.mark.parametrize("text,kwargs,expected", MEASURES)
def test_measures(text, kwargs, expected):
    check(text, kwargs, expected)


@pytest.mark.parametrize("text,kwargs,expected", NAMES)
def test_names(text, kwargs, expected):
    check(text, kwargs, expected)


@pytest.mark.parametrize("text,kwargs,expected", FOOTNOTES)
def test_footnotes(text, kwargs, expected):
    check(text, kwargs, expected)


@pytest.mark.parametrize("text,kwargs,expected", AREAS)
def test_areas(text, kwargs, expected):
    check(text, kwargs, expected)


@pytest.mark.parametrize("text,kwargs,expected", NOISE)
def test_noise(text, kwargs, expected):
    check(text, kwargs, expected)


@pytest.mark.parametrize("text,kwargs,expected", TABLES)
def test_tables(text, kwargs, expected):
    check(text, kwargs, expected)


# More shapes of the genre: the amount before the name, a month compared with the one
# before it by name, a period restated after an amount, target lists opened by a sentence
# without figures, the province in a headline without its prefix, the lead paragraph's
# period, last year's figure and the rest of the year (no records).
GENRE = [
    ("Trong năm, 1.200 lao động được tạo việc làm mới.", D24, [("jobs_created", 2024, 1, 12, "actual", 1200.0)]),
    ("Tỉnh thu hút được 2,1 tỷ USD vốn FDI đăng ký, vượt 40% kế hoạch.", D24,
     [("fdi_registered", 2024, 1, 12, "actual", 2100.0), ("fdi_registered", 2024, 1, 12, "plan_pct", 140.0)]),
    ("Thu ngân sách 4 tháng đạt 500 tỷ đồng. Riêng tháng 4 thu 120 tỷ đồng, tăng 5,5% so với tháng 3.", D24,
     [("budget_revenue", 2024, 1, 4, "actual", 500000.0), ("budget_revenue", 2024, 4, 4, "actual", 120000.0),
      ("budget_revenue", 2024, 4, 4, "mom_pct", 105.5)]),
    ("Giá trị sản xuất công nghiệp 9 tháng tăng 5% so cùng kỳ, ước đạt 9.000 tỷ đồng; riêng tháng 9 giảm 2% so "
     "với tháng trước.", D24,
     [("industrial_output", 2024, 1, 9, "yoy_pct", 105.0, False), ("industrial_output", 2024, 1, 9, "actual", 9000000.0, True),
      ("industrial_output", 2024, 9, 9, "mom_pct", 98.0, False)]),
    ("Chỉ số sản xuất công nghiệp tháng 11 tăng 3% so với tháng 10 và tăng 9% so với cùng kỳ.", D24,
     [("iip", 2024, 11, 11, "mom_pct", 103.0), ("iip", 2024, 11, 11, "yoy_pct", 109.0)]),
    # compared with a month that is not the one before: no record
    ("Thu ngân sách tháng 5 đạt 50 tỷ đồng, tăng 4% so với tháng 3.", D24, [("budget_revenue", 2024, 5, 5, "actual", 50000.0)]),
    ("Huyện Vĩnh Bảo tổng kết năm 2024\n\nNăm 2025, huyện đề ra các chỉ tiêu chủ yếu:\n"
     "- Thu ngân sách nhà nước trên địa bàn: 900 tỷ đồng;\n- Tỷ lệ hộ nghèo giảm còn 0,4%.", {},
     [("budget_revenue", 2025, 1, 12, "target", 900000.0), ("poor_household_rate", 2025, 1, 12, "target", 0.4)]),
    ("Giải ngân vốn đầu tư công 9 tháng đạt 120 tỷ đồng/300 tỷ đồng kế hoạch vốn, đạt 40%.", D24,
     [("public_investment_disbursed", 2024, 1, 9, "actual", 120000.0),
      ("public_investment_disbursed", 2024, 1, 12, "target", 300000.0),
      ("public_investment_disbursed", 2024, 1, 9, "plan_pct", 40.0)]),
    ("Giải ngân vốn đầu tư công 9 tháng bằng 70% kế hoạch, cao hơn bình quân cả nước (khoảng 55%).", D24,
     [("public_investment_disbursed", 2024, 1, 9, "plan_pct", 70.0)]),
    ("GRDP quý I tăng 7%, cao hơn mức tăng 5,2% của cùng kỳ năm trước.", D24, [("grdp", 2024, 1, 3, "yoy_pct", 107.0)]),
    ("Để đạt mục tiêu, các quý còn lại GRDP phải tăng trên 9%.", D24, []),
    ("CPI tháng 3 tăng 0,2% so với tháng trước; tính chung quý I tăng 3,1% so cùng kỳ.", D24,
     [("cpi", 2024, 3, 3, "mom_pct", 100.2), ("cpi", 2024, 1, 3, "yoy_pct", 103.1)]),
    ("Bình quân 7 tháng, CPI tăng 3,5% so với bình quân cùng kỳ năm 2023.", D24, [("cpi", 2024, 1, 7, "yoy_pct", 103.5)]),
    ("Sản lượng thủy sản 9 tháng đạt 20.000 tấn, tăng 4%.", D24, []),
    # the subject line under "BÁO CÁO NHANH" names the periods, not the lead paragraph
    ("UBND HUYỆN AN DƯƠNG\nBÁO CÁO NHANH\nKết quả thực hiện một số chỉ tiêu quý III và 9 tháng năm 2024\n\n"
     "Quý III năm 2024, sản xuất nông nghiệp của huyện chịu ảnh hưởng của bão số 3 và nhiều doanh nghiệp thiếu đơn hàng."
     "\n\nThu ngân sách 9 tháng đạt 400 tỷ đồng. Tỷ lệ hộ nghèo còn 1,1%.", {},
     [("An Dương", "budget_revenue", 2024, 1, 9, "actual", 400000.0, False),
      ("An Dương", "poor_household_rate", 2024, 1, 9, "actual", 1.1, False)]),
    ("Kinh tế Nghệ An 6 tháng đầu năm 2024 tăng trưởng khá\n\nThu ngân sách 6 tháng đạt 12.000 tỷ đồng.", {},
     [("Nghệ An", "budget_revenue", 2024, 1, 6, "actual", 12000000.0, False)]),
    ("Huyện Vĩnh Bảo: sản xuất, kinh doanh tạo đà tăng trưởng\n\nChín tháng năm 2023, kinh tế huyện tiếp tục tăng "
     "trưởng dương so với cùng kỳ năm trước dù doanh nghiệp gặp nhiều khó khăn.\n\n"
     "Tổng mức bán lẻ hàng hóa ước đạt 3.000 tỷ đồng, tăng 9%.", {},
     [("Vĩnh Bảo", "retail_sales", 2023, 1, 9, "actual", 3000000.0, True),
      ("Vĩnh Bảo", "retail_sales", 2023, 1, 9, "yoy_pct", 109.0, True)]),
]


@pytest.mark.parametrize("text,kwargs,expected", GENRE)
def test_genre(text, kwargs, expected):
    check(text, kwargs, expected)


@pytest.mark.parametrize("text,kwargs,expected", WORD_ORDER)
def test_word_order(text, kwargs, expected):
    check(text, kwargs, expected)


@pytest.mark.parametrize("text,kwargs,expected", DOCUMENTS)
def test_documents(text, kwargs, expected):
    check(text, kwargs, expected)


@pytest.mark.parametrize("text,kwargs,expected", BAD_TEXT)
def test_bad_text(text, kwargs, expected):
    check(text, kwargs, expected)
