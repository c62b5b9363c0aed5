"""Local files through the same extract → parse → load stages as fetched pages, without Prefect.

Analysts keep folders of downloaded reports; adding them is a quick path that
must not pay Prefect's start-up, so it calls the stage functions directly.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from tasks.documents import Document, document_for_file
from tasks.extract import extracted_from_file
from tasks.observe import observations_for


@dataclass
class AddResult:
    path: Path
    doc: Document
    records: list = field(default_factory=list)


def documents_from_files(paths: list[Path], *, published: date | None = None,
                         url: str | None = None) -> list[AddResult]:
    """Extract and parse each file; `url` (one file only) says where it was downloaded from."""
    if url and len(paths) > 1:
        raise ValueError("--url names one document: give it with a single FILE")
    out = []
    for path in paths:
        body = path.read_bytes()
        extracted = extracted_from_file(path)
        doc = document_for_file(body, extracted, name=path.name, url=url, published=published,
                                added_at=datetime.now())
        out.append(AddResult(path=path, doc=doc, records=observations_for(doc)))
    return out


def add_files(paths: list[Path], *, db: str, published: date | None = None, url: str | None = None):
    """Extract, parse and load local files in one transaction; returns (results, load summary)."""
    from tasks.db import connect
    from tasks.load import load_documents

    results = documents_from_files(paths, published=published, url=url)
    con = connect(db)
    try:
        summary = load_documents(con, [(r.doc, r.records) for r in results])
    finally:
        con.close()
    return results, summary
