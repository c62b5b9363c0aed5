"""Quality floor on the sample site (demo/site): its report pages extracted as the
pipeline extracts them, parsed, and scored against demo/site_gold.jsonl with the
shared scorer. A check of the parser on text it was not written from."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tasks.parse import records_from

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "demo" / "site"
GOLD = REPO / "demo" / "site_gold.jsonl"
SCORER = REPO.parent / "shared" / "tools" / "score_records.py"
MIN_PRECISION = 0.97
MIN_RECALL = 0.95


@pytest.mark.skipif(not GOLD.is_file() or not SCORER.is_file(), reason="demo/site_gold.jsonl or the shared scorer is absent")
def test_demo_site_precision_and_recall_meet_the_floor():
    from tasks.extract import extracted_from_body

    spec = importlib.util.spec_from_file_location("score_records", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    records = []
    for page in sorted((SITE / "tin-tuc").glob("*.html")):
        x = extracted_from_body(page.read_bytes(), content_type="text/html")
        doc = page.relative_to(SITE).as_posix()
        records.extend({"doc": doc, **r.to_dict()} for r in records_from(x.text, title=x.title, published=x.published))
    precision, recall, tp, fp, neutral, required, misses, extras = scorer.score(scorer.load(GOLD), records)
    detail = ("\nmissed:\n" + "\n".join(scorer.brief(r) for r in misses[:20])
              + "\nextra:\n" + "\n".join(scorer.brief(r) for r in extras[:20]))
    assert precision >= MIN_PRECISION, f"precision {precision:.3f} < {MIN_PRECISION}{detail}"
    assert recall >= MIN_RECALL, f"recall {recall:.3f} < {MIN_RECALL}{detail}"
