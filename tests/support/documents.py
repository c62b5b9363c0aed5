"""Real PDF and DOCX files written by tests (fpdf2 with a Unicode font, python-docx)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

# Fetch settings small enough that retries, timeouts and delays cost little in tests.
FAST_FETCH = {
    "user_agent": "baocao/0.1 (+https://github.com/baocao-data/baocao; test)",
    "connect_timeout": 0.5,
    "read_timeout": 0.5,
    "max_retries": 2,
    "backoff_base": 0.01,
    "retry_after_cap": 2.0,
    "max_body_bytes": 100_000,
    "default_min_delay": 0.0,
    "max_listing_pages": 20,
}

PDF_SENTENCES = [
    "Giá trị sản xuất công nghiệp tháng 3 ước thực hiện 55.100 triệu đồng.",
    "Tổng mức bán lẻ hàng hóa quý I ước đạt 2.620.020 triệu đồng, tăng 15,7% so cùng kỳ.",
]
DOCX_HEADER = ["Chỉ tiêu", "Tháng 3", "Quý I", "So cùng kỳ (%)"]
DOCX_ROWS = [
    ["Giá trị sản xuất công nghiệp", "55.100", "162.409", "21,53"],
    ["Tổng mức bán lẻ hàng hóa", "853.937", "2.620.020", "23,29"],
]
DOCX_PARAGRAPH = "Ủy ban nhân dân quận Kiến An báo cáo kết quả ước thực hiện nhiệm vụ kinh tế - xã hội quý I."


def unicode_font() -> Path:
    """A TTF with Vietnamese glyphs (DejaVuSans ships inside matplotlib)."""
    import matplotlib
    font = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
    if not font.exists():
        pytest.skip(f"no Unicode TTF font at {font}")
    return font


def pdf_with_text(lines=PDF_SENTENCES) -> bytes:
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(unicode_font()))
    pdf.set_font("DejaVu", size=11)
    for line in lines:
        pdf.multi_cell(0, 8, line)
        pdf.ln(2)
    return bytes(pdf.output())


def pdf_without_text() -> bytes:
    """A page with only a drawn rectangle: what a scan looks like to a text extractor."""
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())


def docx_with_table(paragraph=DOCX_PARAGRAPH, header=DOCX_HEADER, rows=DOCX_ROWS) -> bytes:
    import docx
    document = docx.Document()
    document.add_paragraph(paragraph)
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    for i, text in enumerate(header):
        table.rows[0].cells[i].text = text
    for r, row in enumerate(rows, start=1):
        for i, text in enumerate(row):
            table.rows[r].cells[i].text = text
    document.add_paragraph("Trên đây là báo cáo của Ủy ban nhân dân quận.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
