"""The parse step applied to a document: its observations, or none when it has no text."""
from __future__ import annotations

from tasks.documents import Document
from tasks.parse import records_from
from tasks.parse.record import Record


def observations_for(doc: Document) -> list[Record]:
    """Records the document states; a document without text states none."""
    if doc.status != "ok" or not doc.text.strip():
        return []
    return records_from(doc.text, title=doc.title, published=doc.published, default_area=doc.default_area)


def parsed(docs: list[Document]) -> list[tuple[Document, list[Record]]]:
    return [(doc, observations_for(doc)) for doc in docs]
