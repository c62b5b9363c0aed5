"""What travels between the stages: a document and the text taken from it.

A document is one fetched page, one attachment, or one local file. Its id is
stable across runs: derived from its URL (pages, attachments) or, for a local
file added without a URL, from its content, so adding the same file twice is
one document.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def doc_id_for(url: str) -> str:
    """16 hex characters, the same for the same URL on every run."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def local_url_for(content_sha256: str) -> str:
    """The URL a local file gets when the user gives none: its content address."""
    return f"file:sha256:{content_sha256}"


@dataclass
class Extracted:
    """Text taken from one body (HTML, PDF, DOCX, plain text).

    status is "ok", or why there is no text: "no_text" (e.g. a scanned PDF),
    "not_article" (HTML with no main text), "unsupported", "corrupt".
    """
    text: str
    title: str | None = None
    published: date | None = None
    status: str = "ok"
    message: str = ""
    attachments: list[str] = field(default_factory=list)   # absolute URLs of .pdf/.doc/.docx links


@dataclass
class Document:
    doc_id: str
    url: str
    title: str | None
    published: date | None
    fetched_at: datetime | None
    content_sha256: str
    text: str
    status: str = "ok"
    source: str | None = None          # name in sources.toml, or "local"
    parent_doc_id: str | None = None   # the page an attachment hangs from
    content_type: str | None = None
    default_area: str | None = None    # the source's own area (a district portal)
    message: str = ""


def document_for_page(
    *,
    url: str,
    body_sha256: str,
    fetched_at: datetime | None,
    extracted: Extracted,
    source: str | None = None,
    parent_doc_id: str | None = None,
    content_type: str | None = None,
    default_area: str | None = None,
    title_hint: str | None = None,
    published_hint: date | None = None,
) -> Document:
    """The document a fetched page (or attachment) becomes.

    The page's own title and date win over what the listing said (hints): the
    listing's are shorter and sometimes the date of a later edit.
    """
    return Document(
        doc_id=doc_id_for(url),
        url=url,
        title=extracted.title or title_hint,
        published=extracted.published or published_hint,
        fetched_at=fetched_at,
        content_sha256=body_sha256,
        text=extracted.text if extracted.status == "ok" else "",
        status=extracted.status,
        source=source,
        parent_doc_id=parent_doc_id,
        content_type=content_type,
        default_area=default_area,
        message=extracted.message,
    )


def document_for_file(
    body: bytes,
    extracted: Extracted,
    *,
    name: str,
    url: str | None = None,
    published: date | None = None,
    added_at: datetime | None = None,
) -> Document:
    """The document a local file becomes; without a URL its id comes from its content."""
    sha = sha256_hex(body)
    url = url or local_url_for(sha)
    return Document(
        doc_id=doc_id_for(url),
        url=url,
        title=extracted.title or name,
        published=published or extracted.published,
        fetched_at=added_at,
        content_sha256=sha,
        text=extracted.text if extracted.status == "ok" else "",
        status=extracted.status,
        source="local",
        message=extracted.message,
    )
