"""A report page on loopback links a PDF and a DOCX: found, fetched, archived, extracted, re-extracted offline."""
from __future__ import annotations

from tasks.archive import Archive
from tasks.extract import extracted_from_body
from tasks.fetch import Fetcher
from tests.support.documents import (DOCX_HEADER, FAST_FETCH, PDF_SENTENCES, docx_with_table, pdf_with_text,
                                     pdf_without_text)
from tests.support.loopback import Reply, loopback

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Báo cáo</title></head><body>
<div class="article"><h1>Báo cáo tình hình kinh tế - xã hội tháng 3 và quý I năm 2023</h1>
<div class="date">Thứ Sáu, 31/03/2023 17:35</div>
<p>Ủy ban nhân dân quận Kiến An công bố báo cáo kết quả thực hiện nhiệm vụ kinh tế - xã hội quý I năm 2023,
toàn văn báo cáo và phụ lục số liệu đính kèm dưới đây để người dân tiện theo dõi.</p>
<p>Tải về: <a href="files/bao-cao-quy-1.pdf">Báo cáo (PDF)</a>, <a href="/files/phu-luc.docx">Phụ lục (DOCX)</a>,
<a href="/files/scan.pdf">Bản ký (scan)</a>.</p>
</div></body></html>"""


def test_attachments_are_found_fetched_and_extracted(tmp_path):
    with loopback("127.0.0.1") as site:
        site.route("/robots.txt", Reply(404, b""))
        site.page("/tin/bao-cao.html", PAGE)
        site.page("/tin/files/bao-cao-quy-1.pdf", pdf_with_text(), "application/pdf")
        site.page("/files/phu-luc.docx", docx_with_table(),
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        site.page("/files/scan.pdf", pdf_without_text(), "application/pdf")
        archive = Archive(tmp_path / "archive")
        fetcher = Fetcher({**FAST_FETCH, "max_body_bytes": 2_000_000}, {"127.0.0.1"}, archive, min_delay=0.0)

        page = fetcher.fetch(site.url("/tin/bao-cao.html"), source="demo")
        extracted = extracted_from_body(page.body, content_type=page.content_type, url=page.final_url)
        assert extracted.status == "ok" and extracted.published.isoformat() == "2023-03-31"
        assert extracted.attachments == [site.url("/tin/files/bao-cao-quy-1.pdf"), site.url("/files/phu-luc.docx"),
                                         site.url("/files/scan.pdf")]

        results = {r.url: r for r in fetcher.fetch_many(extracted.attachments, source="demo",
                                                         parent_url=page.url)}
        assert all(r.outcome == "fetched" for r in results.values())
        texts = {url: extracted_from_body(r.body, content_type=r.content_type, url=url)
                 for url, r in results.items()}

    pdf = texts[site.url("/tin/files/bao-cao-quy-1.pdf")]
    assert pdf.status == "ok" and all(s in " ".join(pdf.text.split()) for s in PDF_SENTENCES)
    docx = texts[site.url("/files/phu-luc.docx")]
    lines = docx.text.splitlines()
    assert lines.index(" | ".join(DOCX_HEADER)) + 1 == lines.index(
        "Giá trị sản xuất công nghiệp | 55.100 | 162.409 | 21,53")
    assert texts[site.url("/files/scan.pdf")].status == "no_text"
    assert archive.state(site.url("/files/phu-luc.docx")).parent_url == site.url("/tin/bao-cao.html")

    # The server is gone: re-extraction reads every body from the archive.
    again = {p.url: extracted_from_body(archive.body(p.content_sha256), content_type=p.content_type, url=p.url)
             for p in archive.pages(source="demo")}
    assert set(again) == {site.url("/tin/bao-cao.html"), *extracted.attachments}
    assert again[site.url("/files/phu-luc.docx")].text == docx.text
    assert again[site.url("/tin/bao-cao.html")].attachments == extracted.attachments


def test_a_page_served_with_a_wrong_charset_extracts_correctly(tmp_path):
    with loopback("127.0.0.1") as site:
        site.route("/robots.txt", Reply(404, b""))
        site.route("/latin.html", Reply(200, PAGE.replace('<meta charset="utf-8">', "").encode("utf-8"),
                                        {"Content-Type": "text/html; charset=ISO-8859-1"}))
        fetcher = Fetcher(FAST_FETCH, {"127.0.0.1"}, Archive(tmp_path), min_delay=0.0)
        result = fetcher.fetch(site.url("/latin.html"))
    assert result.outcome == "fetched"
    x = extracted_from_body(result.body, content_type=result.content_type, url=result.final_url)
    assert x.title == "Báo cáo tình hình kinh tế - xã hội tháng 3 và quý I năm 2023"
    assert "Ủy ban nhân dân quận Kiến An công bố báo cáo" in x.text
