"""Extraction from bodies and files: HTML, PDF, DOCX, text, and every broken shape."""
from __future__ import annotations

import gzip
import io
import unicodedata
import zipfile
from datetime import date

import pytest

from tasks.extract import date_in, date_line_in, decoded, extracted_from_body, extracted_from_file
from tests.support.documents import (DOCX_HEADER, DOCX_PARAGRAPH, DOCX_ROWS, PDF_SENTENCES, docx_with_table,
                                     pdf_with_text, pdf_without_text)

LEAD = "Trong tháng 3 và quý I năm 2023, tình hình kinh tế - xã hội quận Kiến An đạt nhiều kết quả tích cực."
PARA = ("Giá trị sản xuất công nghiệp tháng 3 ước thực hiện 55.100 triệu đồng, quý I ước thực hiện "
        "162.409 triệu đồng, đạt 21,53% kế hoạch, tăng 9,7% so cùng kỳ.")
PARA2 = ("Tổng mức bán lẻ hàng hóa tháng 3 ước thực hiện 853.937 triệu đồng, tăng 12,3% so với cùng kỳ "
         "năm trước và đạt kế hoạch đề ra cho quý.")


def article(date_line="Thứ Sáu, 31/03/2023 17:35", extra="", head="", charset="utf-8") -> str:
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}">
<title>Kiến An KT-XH tháng 3 | Cổng thông tin</title>
<meta property="og:title" content="OG title">{head}</head><body>
<header><a href="/">Trang chủ</a></header>
<div class="sidebar"><span class="date">(15/01/2021)</span><a href="/old.html">Tin cũ</a></div>
<div class="article">
<h1>Kiến An: Tình hình kinh tế - xã hội tháng 3 và quý I năm 2023</h1>
<div class="date">{date_line}</div>
<div><strong>{LEAD}</strong></div>
<p>{PARA}</p>
<p>{PARA2}</p>
<table><tr><th>Chỉ tiêu</th><th>Tháng 3</th><th>Quý I</th><th>So cùng kỳ (%)</th></tr>
<tr><td>Giá trị sản xuất công nghiệp</td><td>55.100</td><td>162.409</td><td>21,53</td></tr></table>
<p>Thu ngân sách nhà nước trên địa bàn quý I ước đạt 120.500 triệu đồng, bằng 25% dự toán thành phố giao cho quận.</p>
{extra}
</div>
<footer><p>Giấy phép số 12/GP-TTĐT cấp ngày 01/01/2020.</p></footer>
</body></html>"""


def cp1258(text: str) -> bytes:
    """Windows-1258 the way Vietnamese legacy pages write it: precomposed letters, combining tone marks."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(m for m in parts[1:] if m in "\u0300\u0301\u0303\u0309\u0323")
            letter = unicodedata.normalize("NFC", "".join(m for m in parts if m not in tones))
            out.append((letter + tones).encode("cp1258"))
    return b"".join(out)


def test_an_article_gives_text_title_date_tables_and_bold_lead():
    x = extracted_from_body(article().encode(), content_type="text/html; charset=utf-8",
                            url="https://kienan.example.vn/tin/a.html")
    assert x.status == "ok", x.message
    assert x.title == "Kiến An: Tình hình kinh tế - xã hội tháng 3 và quý I năm 2023"
    assert x.published == date(2023, 3, 31)
    assert LEAD in x.text.replace("**", "")
    assert PARA in x.text and PARA2 in x.text
    lines = x.text.splitlines()
    assert "Chỉ tiêu | Tháng 3 | Quý I | So cùng kỳ (%)" in lines
    assert "Giá trị sản xuất công nghiệp | 55.100 | 162.409 | 21,53" in lines
    assert lines.index("Chỉ tiêu | Tháng 3 | Quý I | So cùng kỳ (%)") < lines.index(
        "Giá trị sản xuất công nghiệp | 55.100 | 162.409 | 21,53")
    assert "Giấy phép" not in x.text and "Trang chủ" not in x.text


@pytest.mark.parametrize("line, expected", [
    ("Thứ Sáu, 09/12/2022 17:35", date(2022, 12, 9)),
    ("07:05 09/03/2023", date(2023, 3, 9)),
    ("Thứ năm, 9/3/2023, 07:05 (GMT+7)", date(2023, 3, 9)),
    ("Cập nhật: 09/12/2022", date(2022, 12, 9)),
    ("Ngày đăng: 05-07-2023", date(2023, 7, 5)),
])
def test_the_sites_own_date_line_wins_over_the_footer_licence_date(line, expected):
    x = extracted_from_body(article(date_line=line).encode(), content_type="text/html")
    assert x.published == expected


def test_without_a_date_line_the_meta_date_then_htmldate_is_used():
    head = '<meta property="article:published_time" content="2023-03-09T07:05:00+07:00">'
    x = extracted_from_body(article(date_line="", head=head).encode(), content_type="text/html")
    assert x.published == date(2023, 3, 9)


@pytest.mark.parametrize("text, line_date, any_date", [
    ("Thứ Sáu, 09/12/2022 17:35", date(2022, 12, 9), date(2022, 12, 9)),
    ("cấp ngày 01/01/2020", None, date(2020, 1, 1)),
    ("Hà Nội, ngày 9 tháng 3 năm 2023", None, date(2023, 3, 9)),
    ("31/02/2023 10:00", None, None),        # no such day
    ("số 12/2023/NĐ-CP", None, None),
])
def test_date_patterns(text, line_date, any_date):
    assert date_line_in(text) == line_date
    assert date_in(text) == any_date


def test_attachments_are_made_absolute_including_a_file_dinh_kem_block():
    extra = """<p>Xem <a href="/files/bao-cao-thang-3.pdf">báo cáo</a> và
    <a href="../files/phu-luc.DOCX?v=2">phụ lục</a>, <a href="https://other.example.vn/x.doc">bản cũ</a>.</p>
    <div class="attach-box"><b>File đính kèm:</b> <a href="/DownloadFile.aspx?id=77">Báo cáo quý I</a>
    <a href="/tin/xem-them.html">Xem thêm</a> <a href="/anh/hoi-nghi.jpg">Ảnh</a></div>
    <p><a href="/tin/khac.html">Tin khác</a></p>"""
    x = extracted_from_body(article(extra=extra).encode(), content_type="text/html",
                            url="https://kienan.example.vn/tin/a.html")
    assert x.attachments == [
        "https://kienan.example.vn/files/bao-cao-thang-3.pdf",
        "https://kienan.example.vn/files/phu-luc.DOCX?v=2",
        "https://other.example.vn/x.doc",
        "https://kienan.example.vn/DownloadFile.aspx?id=77",
    ]


@pytest.mark.parametrize("label", [
    "File đính kèm:", "FILE ĐÍNH KÈM", "Tệp ĐÍNH\u00a0KÈM", "Văn bản đính\n   kèm",
    unicodedata.normalize("NFD", "Tài liệu đính kèm"), "Attachments", "ATTACHED FILES",
])
def test_an_attachment_block_is_found_however_its_label_is_written(label):
    # The page is checked as a whole before any element: every spelling must still be seen.
    extra = f'<div><span>{label}</span> <a href="/DownloadFile.aspx?id=5">Báo cáo</a></div>'
    x = extracted_from_body(article(extra=extra).encode(), content_type="text/html",
                            url="https://kienan.example.vn/tin/a.html")
    assert x.attachments == ["https://kienan.example.vn/DownloadFile.aspx?id=5"]


@pytest.mark.parametrize("extra", [
    '<p>Báo cáo kèm theo <a href="/DownloadFile.aspx?id=5">biểu mẫu</a></p>',   # "kèm" alone
    '<p><a href="/tai-ve?id=5">Báo cáo quý I (bản in)</a></p>',   # a text ending in no suffix
])
def test_links_near_no_attachment_label_are_no_attachments(extra):
    x = extracted_from_body(article(extra=extra).encode(), content_type="text/html",
                            url="https://kienan.example.vn/tin/a.html")
    assert x.attachments == []


def test_a_link_whose_text_is_a_file_name_is_an_attachment():
    extra = '<p><a href="/tai-ve?id=5"> Bao-cao-quy-I.PDF </a> <a href="/tai-ve?id=6">phụ lục.docx</a></p>'
    x = extracted_from_body(article(extra=extra).encode(), content_type="text/html",
                            url="https://kienan.example.vn/tin/a.html")
    assert x.attachments == ["https://kienan.example.vn/tai-ve?id=5", "https://kienan.example.vn/tai-ve?id=6"]


def test_vietnamese_written_decomposed_comes_out_nfc():
    nfd = unicodedata.normalize("NFD", article())
    assert nfd != article()
    x = extracted_from_body(nfd.encode(), content_type="text/html")
    assert unicodedata.is_normalized("NFC", x.text) and PARA in x.text
    assert x.title == "Kiến An: Tình hình kinh tế - xã hội tháng 3 và quý I năm 2023"


@pytest.mark.parametrize("body, content_type", [
    (article(charset="iso-8859-1").encode("utf-8"), "text/html; charset=ISO-8859-1"),  # lies twice
    (cp1258(article(charset="windows-1258")), "text/html; charset=windows-1258"),
    (cp1258(article(charset="windows-1258")), "text/html"),                     # meta only
    (article().replace('<meta charset="utf-8">', "").encode("utf-8"), "text/html"),       # none at all
])
def test_declared_misdeclared_and_missing_charsets(body, content_type):
    x = extracted_from_body(body, content_type=content_type)
    assert x.status == "ok" and PARA in x.text, x.text[:300]
    assert x.title.startswith("Kiến An: Tình hình kinh tế - xã hội")


def test_decoded_prefers_valid_utf8_over_a_wrong_declaration():
    assert decoded("Kiến An".encode(), "text/html; charset=iso-8859-1") == "Kiến An"
    assert decoded(cp1258("Kiến An"), "text/plain; charset=windows-1258") == "Kiến An"


def test_a_page_without_main_text_is_not_article():
    menu = "<html><body><ul>" + "".join(f'<li><a href="/c{i}">Mục {i}</a></li>' for i in range(20)) + "</ul></body></html>"
    x = extracted_from_body(menu.encode(), content_type="text/html")
    assert x.status == "not_article" and x.text == "" and "main text" in x.message


@pytest.mark.parametrize("body, content_type, status, words", [
    (b"", "text/html", "no_text", "empty"),
    (b"   \n\t ", "text/html", "no_text", "empty"),
    (b"\x00\x01\x02\x03binary\x00\xff" * 100, "text/html", "corrupt", "binary"),
    (gzip.compress(article().encode())[:200], "text/html", "corrupt", "truncated gzip"),
    (b"\x1f\x8b\x08\x00garbage-not-deflate" * 3, "text/html", "corrupt", "gzip"),
    (b"<html><body>" + b"<p>" + b"x" * 9_000_000 + b"</p></body></html>", "text/html", "unsupported", "limit"),
    (b"<html>not a pdf</html>", "application/pdf", "corrupt", "not one"),
    (b"%PDF-1.4\n%garbage that is not a PDF at all\n", "application/pdf", "corrupt", "unreadable PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "application/msword", "unsupported", "convert it to .docx"),
])
def test_broken_bodies_give_a_status_and_a_message(body, content_type, status, words):
    x = extracted_from_body(body, content_type=content_type)
    assert (x.status, x.text) == (status, "")
    assert words in x.message


def test_deeply_nested_html_gives_a_status_not_an_exception():
    deep = "<div>" * 20000 + f"<p>{PARA}</p>" + "</div>" * 20000
    x = extracted_from_body(deep.encode(), content_type="text/html")
    assert x.status in ("ok", "not_article", "corrupt") and x.message or PARA in x.text


def test_a_complete_gzip_body_is_unpacked():
    x = extracted_from_body(gzip.compress(article().encode()), content_type="text/html")
    assert x.status == "ok" and PARA in x.text


def test_a_pdf_text_layer_is_extracted():
    x = extracted_from_body(pdf_with_text(), content_type="application/pdf")
    assert x.status == "ok", x.message
    flat = " ".join(x.text.split())
    for sentence in PDF_SENTENCES:
        assert sentence in flat


def test_a_pdf_without_a_text_layer_is_no_text():
    x = extracted_from_body(pdf_without_text(), content_type="application/pdf")
    assert x.status == "no_text" and "OCR" in x.message


def test_a_docx_gives_paragraphs_and_table_rows_in_order():
    x = extracted_from_body(docx_with_table())
    assert x.status == "ok", x.message
    lines = x.text.splitlines()
    header = " | ".join(DOCX_HEADER)
    assert lines.index(DOCX_PARAGRAPH) < lines.index(header)
    assert lines[lines.index(header) + 1] == "Giá trị sản xuất công nghiệp | 55.100 | 162.409 | 21,53"
    assert lines[lines.index(header) + 2] == " | ".join(DOCX_ROWS[1])
    assert lines[-1] == "Trên đây là báo cáo của Ủy ban nhân dân quận."


def test_merged_docx_cells_count_once():
    import docx
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "Chỉ tiêu chủ yếu"
    for i, text in enumerate(["Công nghiệp", "55.100", "9,7"]):
        table.cell(1, i).text = text
    out = io.BytesIO()
    document.save(out)
    x = extracted_from_body(out.getvalue())
    assert x.text.splitlines() == ["Chỉ tiêu chủ yếu", "Công nghiệp | 55.100 | 9,7"]


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("members, status, words", [
    ({"[Content_Types].xml": b"<x/>", "word/document.xml": b"\x00" * 5_000_000}, "corrupt", "zip bomb"),
    ({"xl/workbook.xml": b"<workbook/>"}, "unsupported", "Excel"),
    ({"readme.txt": b"hello"}, "unsupported", "not a Word document"),
    ({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<not-closed"}, "corrupt", "unreadable .docx"),
])
def test_zip_bodies_that_are_not_usable_docx(members, status, words):
    x = extracted_from_body(zip_of(members), content_type="application/octet-stream")
    assert (x.status, x.text) == (status, "") and words in x.message


def test_a_truncated_docx_is_corrupt():
    x = extracted_from_body(docx_with_table()[:3000])
    assert x.status == "corrupt" and x.message


@pytest.mark.parametrize("name, make, needle", [
    ("report.txt", lambda: "Báo cáo KT-XH\n\nDòng thứ hai.\n".encode(), "Dòng thứ hai."),
    ("report.md", lambda: "# Báo cáo\n\n- **Giá trị:** 55.100\n".encode(), "- **Giá trị:** 55.100"),
    ("page.html", lambda: article().encode(), PARA),
    ("page.htm", lambda: article().encode("utf-8"), PARA2),
    ("bc.pdf", pdf_with_text, "55.100 triệu đồng"),
    ("bc.docx", docx_with_table, "Giá trị sản xuất công nghiệp | 55.100 | 162.409 | 21,53"),
    ("no-suffix", docx_with_table, DOCX_PARAGRAPH),          # magic bytes decide
    ("wrong-suffix.txt", pdf_with_text, "55.100 triệu đồng"),
])
def test_files_by_suffix_then_magic_bytes(tmp_path, name, make, needle):
    path = tmp_path / name
    path.write_bytes(make())
    x = extracted_from_file(path)
    assert x.status == "ok", x.message
    assert needle in " ".join(x.text.split()) or needle in x.text


def test_text_files_keep_their_text_as_is(tmp_path):
    path = tmp_path / "seed.txt"
    text = "Tiêu đề\n\n- **Giá trị sản xuất công nghiệp (do quận quản lý):** tháng 03 ước thực hiện 55.100 triệu đồng"
    path.write_text(text, encoding="utf-8")
    x = extracted_from_file(path)
    assert x.text == text and x.title is None   # the parser reads the heading itself


def test_an_old_doc_file_is_unsupported_with_the_fix(tmp_path):
    path = tmp_path / "bc.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    x = extracted_from_file(path)
    assert x.status == "unsupported" and ".docx" in x.message


def test_seed_reports_survive_as_text_files(shared, tmp_path):
    for seed in sorted((shared / "seeds").glob("*.txt")):
        x = extracted_from_file(seed)
        assert x.status == "ok" and x.text == unicodedata.normalize(
            "NFC", seed.read_text(encoding="utf-8").replace("\r\n", "\n").strip())
