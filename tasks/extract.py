"""Text out of a fetched body or a local file: HTML, PDF, DOCX, plain text.

Nothing here touches the network. Every way a body can be wrong (empty,
binary served as text/html, a truncated gzip, a PDF without a text layer, a
zip bomb disguised as a .docx, an old .doc) comes back as an Extracted with a
status and a message saying what to do — never as an exception.

Text is Unicode NFC, so "ế" written as e + two combining marks matches the
parser's vocabulary. Table rows become one line each, cells joined by " | ".
"""
from __future__ import annotations

import io
import logging
import re
import unicodedata
import zipfile
import zlib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from tasks.documents import Extracted

log = logging.getLogger(__name__)

MAX_HTML_BYTES = 8_000_000           # larger pages are not article pages; refuse rather than stall
MAX_GZIP_BYTES = 50_000_000          # a gzip body may not unpack to more than this
MAX_DOCX_UNCOMPRESSED = 100_000_000  # sum of a .docx's declared member sizes
MAX_DOCX_RATIO = 200                 # a member packed tighter than this is a zip bomb
MAX_PDF_PAGES = 1000
ATTACHMENT_SUFFIXES = (".pdf", ".doc", ".docx")
_NOT_FILES = (".html", ".htm", ".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", "/")
VIETNAM = timezone(timedelta(hours=7))
# What trafilatura is asked for: tables (kept as rows), emphasis (bold labels name
# indicators), no comments or images, every paragraph even when repeated, and the
# main text only.
TRAFILATURA_OPTIONS = dict(include_tables=True, include_formatting=True, include_comments=False,
                           include_images=False, deduplicate=False, favor_precision=True)

_SUFFIX_TYPES = {
    ".txt": "text/plain", ".md": "text/plain", ".html": "text/html", ".htm": "text/html",
    ".pdf": "application/pdf", ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


# ---- entry points -----------------------------------------------------------------

def extracted_from_body(body: bytes, *, content_type: str | None = None, url: str | None = None) -> Extracted:
    """The text of one body; the kind is read from its magic bytes, then its type and URL."""
    try:
        return _extracted(body, content_type, url)
    except Exception as e:  # noqa: BLE001 - the contract: a status, never an exception
        log.exception("extraction failed for %s", url)
        return Extracted("", status="corrupt", message=f"extraction failed ({type(e).__name__}: {e})")


def extracted_from_file(path) -> Extracted:
    """The text of a local file (.txt/.md as is, .html/.htm, .pdf, .docx; else by its magic bytes)."""
    path = Path(path)
    body = path.read_bytes()
    return extracted_from_body(body, content_type=_SUFFIX_TYPES.get(path.suffix.lower()),
                               url=path.resolve().as_uri())


def _extracted(body: bytes, content_type: str | None, url: str | None, depth: int = 0) -> Extracted:
    if not body or not body.strip():
        return Extracted("", status="no_text", message="empty body")
    mime = (content_type or "").split(";")[0].strip().lower()
    suffix = Path(urlsplit(url).path).suffix.lower() if url else ""
    head = body[:1024]

    if body[:2] == b"\x1f\x8b" and depth == 0:
        unpacked, problem = gunzipped(body)
        if problem:
            return Extracted("", status="corrupt", message=problem)
        return _extracted(unpacked, content_type, url, depth=1)
    if b"%PDF-" in head:
        return _from_pdf(body)
    if body[:4] == b"PK\x03\x04":
        return _from_docx(body)
    if body[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return Extracted("", status="unsupported",
                         message="old binary Word/Excel file (.doc/.xls): convert it to .docx "
                                 "(e.g. `libreoffice --headless --convert-to docx FILE`) and add that")
    if mime == "application/pdf" or suffix == ".pdf":
        return Extracted("", status="corrupt", message="declared a PDF but the body is not one (no %PDF- header)")
    if suffix == ".docx" or mime.endswith("wordprocessingml.document"):
        return Extracted("", status="corrupt", message="declared a .docx but the body is not a zip file")
    if suffix == ".doc" or mime == "application/msword":
        return Extracted("", status="unsupported", message="a .doc that is not a Word binary file; "
                         "open it, save it as .docx and add that")
    if _looks_binary(body):
        return Extracted("", status="corrupt",
                         message=f"binary body served as {mime or 'an unknown type'} (not text, HTML, PDF or DOCX)")
    if mime == "text/plain" or suffix in (".txt", ".md"):
        return _from_text(body, content_type)
    return _from_html(body, content_type, url)


def gunzipped(body: bytes) -> tuple[bytes, str]:
    """A gzip body unpacked (bounded), or b"" and why not."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(body, MAX_GZIP_BYTES)
    except zlib.error as e:
        return b"", f"broken gzip body ({e})"
    if d.unconsumed_tail:
        return b"", f"gzip body unpacks to more than {MAX_GZIP_BYTES} bytes; refused"
    if not d.eof:
        return b"", "truncated gzip body (the download was cut short); fetch it again"
    return out, ""


# Bytes that are not control characters (tab, newlines, form feed and carriage return are text).
_NOT_CONTROLS = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))


def _looks_binary(body: bytes) -> bool:
    sample = body[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _NOT_CONTROLS))   # what is left once the rest is deleted
    return controls > len(sample) * 0.05


# ---- decoding ---------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decoded(body: bytes, content_type: str | None = None) -> str:
    """Unicode NFC text of a body, whatever its charset claims.

    Valid UTF-8 wins over a declaration (portals that say ISO-8859-1 but send
    UTF-8 are common); otherwise the HTTP charset, then the meta charset, then
    a guess, then Windows-1258 (the Vietnamese code page) with replacement.
    """
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if body.startswith(bom):
            return _nfc(body.decode(codec, errors="replace").lstrip("\ufeff"))
    try:
        return _nfc(body.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    declared = []
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type or "", re.I)
    if m:
        declared.append(m.group(1))
    m = _META_CHARSET.search(body[:4096])
    if m:
        declared.append(m.group(1).decode("ascii", "ignore"))
    for codec in declared:
        if codec.lower().replace("_", "-") in ("utf-8", "utf8"):
            continue  # already tried strictly
        try:
            return _nfc(body.decode(codec))
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(body[:20000]).best()
        if best is not None and best.encoding:
            return _nfc(body.decode(best.encoding, errors="replace"))
    except Exception:  # noqa: BLE001 - a guess is optional
        pass
    return _nfc(body.decode("cp1258", errors="replace"))


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# ---- dates ------------------------------------------------------------------------

_WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|CN|T[2-7])"
_DMY = r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}"
_DMY_PARTS = re.compile(r"(?<!\d)(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})(?!\d)")
_TIME = r"\d{1,2}\s*[:hg]\s*\d{2}(?:\s*:\s*\d{2})?(?:\s*(?:AM|PM|SA|CH))?"
# A date line: weekday before the date, or a time just before or after it.
_DATE_LINE = re.compile(
    rf"{_WEEKDAY}\s*[,:-]?\s*(?:ngày\s*)?{_DMY}"
    rf"|{_TIME}\s*(?:,|-|\||ngày)?\s*(?:{_WEEKDAY}\s*[,:-]?\s*)?{_DMY}"
    rf"|{_DMY}\s*(?:,|-|\||lúc)?\s*{_TIME}", re.I)
_ANY_DATE = re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s*[/.-]\s*(?P<m>\d{{1,2}})\s*[/.-]\s*(?P<y>\d{{4}})(?!\d)|ngày\s+(?P<d2>\d{{1,2}})\s+tháng\s+(?P<m2>\d{{1,2}})\s+năm\s+(?P<y2>\d{{4}})",
                       re.I)
_ISO_DATE = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")


def _valid(y: str, m: str, d: str) -> date | None:
    try:
        value = date(int(y), int(m), int(d))
    except (TypeError, ValueError):
        return None
    return value if 1990 <= value.year <= 2100 else None


def date_line_in(text: str) -> date | None:
    """The first date written as a site's date line ("Thứ Sáu, 09/12/2022 17:35", "07:05 09/03/2023")."""
    for line in _DATE_LINE.finditer(text):
        m = _DMY_PARTS.search(line.group(0))
        found = _valid(m.group("y"), m.group("m"), m.group("d")) if m else None
        if found:
            return found
    return None


def date_in(text: str) -> date | None:
    """The first date of any usual Vietnamese shape (date line, dd/mm/yyyy, "ngày 9 tháng 3 năm 2023")."""
    found = date_line_in(text)
    if found:
        return found
    for m in _ANY_DATE.finditer(text):
        if m.group("y"):
            found = _valid(m.group("y"), m.group("m"), m.group("d"))
        else:
            found = _valid(m.group("y2"), m.group("m2"), m.group("d2"))
        if found:
            return found
    return None


def date_from_iso(text: str | None) -> date | None:
    """A date from an ISO 8601 stamp; aware times are read in Vietnam's time zone."""
    if not text:
        return None
    text = text.strip()
    try:
        stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        m = _ISO_DATE.search(text)
        return _valid(m.group("y"), m.group("m"), m.group("d")) if m else None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(VIETNAM)
    return _valid(str(stamp.year), str(stamp.month), str(stamp.day))


# ---- HTML -------------------------------------------------------------------------

_DATE_HOLDER = re.compile(r"date|time|publish|ngay|thoigian|thoi-gian|post-meta|meta|created", re.I)
_META_DATES = ("article:published_time", "datepublished", "pubdate", "publishdate", "date",
               "dc.date.issued", "og:published_time", "dcterms.created")


def _from_html(body: bytes, content_type: str | None, url: str | None) -> Extracted:
    if len(body) > MAX_HTML_BYTES:
        return Extracted("", status="unsupported",
                         message=f"HTML page of {len(body):,} bytes is over the {MAX_HTML_BYTES:,}-byte "
                                 "extraction limit; not an article page")
    html = decoded(body, content_type)
    doc = _parsed_html(html)
    title = _title_of(doc) if doc is not None else None
    attachments = _attachments_of(doc, url) if doc is not None else []
    published = _published_of(doc, html) if doc is not None else None
    text = _main_text(doc, html, url)
    if not text:
        return Extracted("", title=title, published=published, status="not_article",
                         message="no main text found in the page (a listing, a menu page or an empty shell)",
                         attachments=attachments)
    return Extracted(text, title=title, published=published, attachments=attachments)


def _parsed_html(html: str):
    import lxml.html
    from lxml import etree
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def _main_text(doc, html: str, url: str | None) -> str:
    """trafilatura's main text, tables kept as rows, bold lead paragraphs kept."""
    import trafilatura
    if doc is not None:
        _leaf_divs_as_paragraphs(doc)
        import lxml.html
        data = lxml.html.tostring(doc, encoding="utf-8")
    else:
        data = html.encode("utf-8")  # bytes, already decoded right: trafilatura reads UTF-8 first
    text = trafilatura.extract(data, url=url, **TRAFILATURA_OPTIONS) or ""
    if not any(len(line.split()) >= 8 for line in text.splitlines()):
        return ""  # only menu items and captions: no sentence anywhere
    text = re.sub(r"(?m)^#{1,6}\s+", "", text)                   # headings as plain lines
    text = re.sub(r"\\([-+*_#>.!|()\[\]`])", r"\1", text)     # markdown escapes ("\- item" -> "- item")
    return _nfc(_tables_as_lines(text)).strip()


_BLOCKS = frozenset({"div", "p", "table", "ul", "ol", "li", "dl", "section", "article", "header", "footer",
                     "nav", "aside", "form", "figure", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6"})


def _leaf_divs_as_paragraphs(doc) -> None:
    """A <div> holding only a sentence (a bold lead, a portal's paragraph) becomes a <p>.

    trafilatura drops <div><strong>lead</strong></div> outside <article> and
    many portals write every paragraph as a <div>; as <p> both are kept.
    """
    for el in list(doc.iter("div")):
        if any(isinstance(d.tag, str) and d.tag in _BLOCKS for d in el.iterdescendants()):
            continue
        text = " ".join(el.text_content().split())
        if len(text) >= 40 and len(text.split()) >= 8:
            el.tag = "p"


_SEPARATOR_ROW = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _tables_as_lines(text: str) -> str:
    """Markdown pipe tables ("| a | b |" + "|---|") as plain "a | b" lines."""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|") and stripped.count("|") >= 2:
            if _SEPARATOR_ROW.match(stripped):
                continue
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if any(cells):
                lines.append(" | ".join(cells))
            continue
        lines.append(line.rstrip())
    return "\n".join(lines)


def _clean(text: str | None) -> str:
    return re.sub(r"\s+", " ", _nfc(text or "")).strip()


def _title_of(doc) -> str | None:
    for h1 in doc.iter("h1"):
        text = _clean(h1.text_content())
        if len(text) >= 5:
            return text
    for meta in doc.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in ("og:title", "twitter:title"):
            text = _clean(meta.get("content"))
            if text:
                return text
    for t in doc.iter("title"):
        text = _clean(t.text_content())
        if text:
            return text
    return None


def _published_of(doc, html: str) -> date | None:
    """The site's own date line first, then meta tags, then htmldate."""
    from lxml import etree
    weak = []   # plain dates in page order (with: after the <h1>?)
    seen_h1 = False
    for el in doc.iter(etree.Element):   # elements only: no comments or processing instructions
        if el.tag in ("script", "style", "footer", "aside"):
            continue
        if el.tag == "h1":
            seen_h1 = True
        marks = f"{el.get('class', '')} {el.get('id', '')} {el.get('itemprop', '')}"
        if not (el.tag == "time" or _DATE_HOLDER.search(marks)) or _in_other_news(el):
            continue
        found = date_from_iso(el.get("datetime")) if el.tag == "time" else None
        if found is not None:
            return found   # the first date line or <time> of the page is the date
        text = _clean(el.text_content())
        if len(text) <= 200:  # a date line, not a whole block that happens to be called "meta"
            found = date_line_in(text)
            if found:
                return found
            found = date_in(text)
            if found:
                weak.append((seen_h1, found))
    # Lists of other articles carry their dates too: prefer a plain date after the <h1>.
    for after_h1, found in weak:
        if after_h1:
            return found
    if weak:
        return weak[0][1]
    for meta in doc.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _META_DATES:
            found = date_from_iso(meta.get("content")) or date_in(meta.get("content") or "")
            if found:
                return found
    body = doc.find("body")
    if body is not None:
        visible = []
        for el in body.iter():
            if not isinstance(el.tag, str) or el.tag in ("script", "style", "footer"):
                continue
            if any(isinstance(a.tag, str) and a.tag == "footer" for a in el.iterancestors()):
                continue
            if el.text:
                visible.append(el.text)
            if el.tail:
                visible.append(el.tail)
        found = date_line_in(_nfc(" ".join(visible)))
        if found:
            return found
    try:
        import htmldate
        stamp = htmldate.find_date(html, original_date=True, extensive_search=False)
    except (Exception, etree.Error):  # noqa: BLE001 - a fallback only
        stamp = None
    return date_from_iso(stamp) if stamp else None


_OTHER_NEWS = re.compile(r"related|tin-?khac|tinkhac|lien-?quan|other|sidebar|footer|most-?read|xem-?them", re.I)


def _in_other_news(el) -> bool:
    for a in el.iterancestors():
        if a.tag in ("aside", "footer", "nav") or _OTHER_NEWS.search(f"{a.get('class', '')} {a.get('id', '')}"):
            return True
    return False


_BLOCK_WORDS = (b"kem", b"attach")   # what "dinh kem" and "attach" cannot be folded from without


def _attachments_of(doc, url: str | None) -> list[str]:
    """Absolute URLs of .pdf/.doc/.docx links, and of links in a "File đính kèm" block."""
    from lxml import etree
    base = url
    for b in doc.iter("base"):
        if b.get("href"):
            base = urljoin(url or "", b.get("href"))
            break
    found: list[str] = []

    def add(href: str | None) -> None:
        if not href:
            return
        href = href.strip()
        absolute = urljoin(base, href) if base else href
        if urlsplit(absolute).scheme in ("http", "https", "file") and absolute not in found:
            found.append(absolute)

    for a in doc.iter("a"):
        href = a.get("href") or ""
        path = urlsplit(href.strip()).path.lower()
        if path.endswith(ATTACHMENT_SUFFIXES):
            add(href)
            continue
        text = a.text_content()
        # No character but "." itself lowers or normalises to one: a text without it ends in no suffix.
        if "." in text and _clean(text).lower().endswith(ATTACHMENT_SUFFIXES):
            add(href)
    # Every text, class and id of the page at once: when no word is there, no element has one.
    if not _may_hold("\n".join(doc.xpath("//text() | //@class | //@id", smart_strings=False)), _BLOCK_WORDS):
        return found
    for el in doc.iter(etree.Element):   # elements only: no comments or processing instructions
        own = " ".join(t for t in (el.text, el.get("class"), el.get("id")) if t)
        if not own or not _may_hold(own, _BLOCK_WORDS):
            continue
        folded = _fold(own)
        if "dinh kem" in folded or "attach" in folded:
            holder = el if el.find(".//a") is not None else el.getparent()
            for _ in range(2):
                if holder is None or holder.find(".//a") is not None:
                    break
                holder = holder.getparent()
            if holder is not None:
                for a in holder.iter("a"):
                    path = urlsplit((a.get("href") or "").strip()).path.lower()
                    if path and not path.endswith(_NOT_FILES):  # pages and pictures are not attachments
                        add(a.get("href"))
    return found


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return re.sub(r"\s+", " ", "".join(c for c in text if not unicodedata.combining(c)))


def _may_hold(text: str, words: tuple[bytes, ...]) -> bool:
    """False when _fold(text) surely holds none of these words (ASCII, without spaces); else True.

    The ASCII letters of _fold(text) are those of its NFD form with đ as d, in order; dropping
    every other character (the combining marks _fold drops, and a few more) can join letters
    but never part them. All in C, so a page's whole text is checked at once.
    """
    ascii_letters = unicodedata.normalize("NFD", text.lower()).replace("đ", "d").encode("ascii", "ignore")
    return any(w in ascii_letters for w in words)


# ---- plain text -------------------------------------------------------------------

def _from_text(body: bytes, content_type: str | None) -> Extracted:
    text = decoded(body, content_type).replace("\r\n", "\n").replace("\r", "\n").strip()
    if not any(c.isalnum() for c in text):
        return Extracted("", status="no_text", message="the text holds no letters or digits")
    # No title: a text file's first line is as often a "Số: …/BC-UBND" or a print
    # banner as a heading; the parser reads the heading from the text itself.
    return Extracted(text)


# ---- PDF --------------------------------------------------------------------------

def _from_pdf(body: bytes) -> Extracted:
    import pypdf
    from pypdf.errors import PyPdfError
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # it warns on every odd object
    try:
        reader = pypdf.PdfReader(io.BytesIO(body), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise PyPdfError("password required")
            except Exception as e:  # noqa: BLE001
                return Extracted("", status="unsupported",
                                 message=f"encrypted PDF ({e}); save an unencrypted copy and add that")
        pages = []
        for number, page in enumerate(reader.pages):
            if number >= MAX_PDF_PAGES:
                break
            pages.append(page.extract_text() or "")
        title = None
        try:
            meta = reader.metadata
            title = _clean(meta.title) if meta and meta.title else None
        except Exception:  # noqa: BLE001 - metadata is optional
            pass
    except Exception as e:  # noqa: BLE001 - pypdf raises many kinds on broken files
        return Extracted("", status="corrupt", message=f"unreadable PDF ({type(e).__name__}: {e})")
    text = _nfc("\n\n".join(p.strip() for p in pages if p.strip()))
    if not any(c.isalnum() for c in text):
        return Extracted("", title=title or None, status="no_text",
                         message=f"PDF of {len(pages)} page(s) has no text layer (a scan?); "
                                 "run OCR on it (e.g. ocrmypdf -l vie) and add the result")
    return Extracted(text, title=title or None)


# ---- DOCX -------------------------------------------------------------------------

def _from_docx(body: bytes) -> Extracted:
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as e:
        return Extracted("", status="corrupt", message=f"broken zip/.docx file ({e})")
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        kind = "an Excel workbook" if "xl/workbook.xml" in names else "a zip that is not a Word document"
        return Extracted("", status="unsupported", message=f"{kind}; only .docx is read")
    total = sum(i.file_size for i in infos)
    if total > MAX_DOCX_UNCOMPRESSED:
        return Extracted("", status="corrupt", message=f".docx declares {total:,} bytes unpacked, over the "
                                                       f"{MAX_DOCX_UNCOMPRESSED:,} limit; refused (zip bomb?)")
    for info in infos:
        if info.file_size > 1_000_000 and info.file_size > MAX_DOCX_RATIO * max(info.compress_size, 1):
            return Extracted("", status="corrupt",
                             message=f".docx member {info.filename} packs {info.file_size:,} bytes into "
                                     f"{info.compress_size:,}; refused (zip bomb?)")
    problem = _lying_member(archive, infos)
    if problem:
        return Extracted("", status="corrupt", message=problem)
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
        document = docx.Document(io.BytesIO(body))
        lines = []
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(Paragraph(child, document).text.strip())
            elif tag == "tbl":
                lines.append("")
                lines.extend(_table_lines(Table(child, document)))
                lines.append("")
        title = _clean(document.core_properties.title) or None
    except Exception as e:  # noqa: BLE001 - python-docx/lxml raise many kinds on broken files
        return Extracted("", status="corrupt", message=f"unreadable .docx ({type(e).__name__}: {e})")
    text = _nfc(re.sub(r"\n{3,}", "\n\n", "\n".join(lines))).strip()
    if not text:
        return Extracted("", title=title, status="no_text", message=".docx has no text (images only?)")
    return Extracted(text, title=title)


def _lying_member(archive: zipfile.ZipFile, infos) -> str:
    """Why a member cannot be trusted to unpack to its declared size ('' when every one can).

    zipfile's read() inflates a whole member before cutting it to the declared
    size, so a member declaring 2 kB that inflates to gigabytes would be inflated
    in full by python-docx. Reading each member in bounded chunks first stops at
    the declared size, where the checksum of a lying member fails.
    """
    for info in infos:
        unpacked = 0
        try:
            with archive.open(info) as member:
                while chunk := member.read(1 << 16):
                    unpacked += len(chunk)
                    if unpacked > info.file_size:
                        raise zipfile.BadZipFile(f"more than the declared {info.file_size:,} bytes")
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as e:
            return (f".docx member {info.filename} does not unpack to its declared size or checksum ({e}); "
                    "refused (zip bomb or damaged file): download it again")
    return ""


def _table_lines(table) -> list[str]:
    """One line per row, "cell | cell | cell"; a merged cell counts once."""
    out = []
    for row in table.rows:
        cells, seen = [], []
        for cell in row.cells:
            if any(cell._tc is tc for tc in seen):  # python-docx repeats a merged cell per grid column
                continue
            seen.append(cell._tc)
            cells.append(re.sub(r"\s+", " ", cell.text).strip())
        if any(cells):
            out.append(" | ".join(cells))
    return out
