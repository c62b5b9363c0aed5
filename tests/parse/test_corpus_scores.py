"""Quality floor on tests/parse/corpus: reports of the genre written independently of
the parser, scored with the shared scorer. Floors may rise, never silently fall."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tasks.parse import records_from

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SCORER = HERE.parents[1].parent / "shared" / "tools" / "score_records.py"
MIN_PRECISION = 0.97
MIN_RECALL = 0.95
# Documents whose gold is empty: score_records leaves them out, so they are checked apart.
NO_FIGURES = ("011_", "012_")


def corpus_records() -> list[dict]:
    out = []
    for doc in sorted(CORPUS.glob("*.txt")):
        out.extend({"doc": doc.name, **r.to_dict()} for r in records_from(doc.read_text(encoding="utf-8")))
    return out


@pytest.mark.skipif(not (CORPUS / "gold").is_dir() or not SCORER.is_file(),
                    reason="the corpus gold or ../shared/tools/score_records.py is absent")
def test_corpus_precision_and_recall_meet_the_floor():
    spec = importlib.util.spec_from_file_location("score_records", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = scorer.load(CORPUS / "gold")
    records = corpus_records()
    precision, recall, tp, fp, neutral, required, misses, extras = scorer.score(gold, records)
    detail = ("\nmissed:\n" + "\n".join(scorer.brief(r) for r in misses[:20])
              + "\nextra:\n" + "\n".join(scorer.brief(r) for r in extras[:20]))
    assert precision >= MIN_PRECISION, f"precision {precision:.3f} < {MIN_PRECISION}{detail}"
    assert recall >= MIN_RECALL, f"recall {recall:.3f} < {MIN_RECALL}{detail}"
    stray = [r for r in records if r["doc"].startswith(NO_FIGURES)]
    assert stray == [], f"records from documents without figures: {stray[:5]}"
