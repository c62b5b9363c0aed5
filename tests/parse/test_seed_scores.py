"""Quality floor on the five seed reports: the parser's records scored against the gold
with the shared scorer (../shared/tools/score_records.py). Floors may rise, never fall."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tasks.parse import records_from

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
MIN_PRECISION = 0.98
MIN_RECALL = 0.95


def _scorer():
    path = SHARED / "tools" / "score_records.py"
    spec = importlib.util.spec_from_file_location("score_records", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seed_records() -> list[dict]:
    out = []
    for seed in sorted((SHARED / "seeds").glob("*.txt")):
        for r in records_from(seed.read_text(encoding="utf-8")):
            out.append({"doc": seed.name, **r.to_dict()})
    return out


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason=f"{SHARED} is absent: seeds and gold live beside the repository")
def test_seed_precision_and_recall_meet_the_floor():
    scorer = _scorer()
    gold = scorer.load(SHARED / "gold")
    precision, recall, tp, fp, neutral, required, misses, extras = scorer.score(gold, seed_records())
    detail = ("\nmissed:\n" + "\n".join(scorer.brief(r) for r in misses[:20])
              + "\nextra:\n" + "\n".join(scorer.brief(r) for r in extras[:20]))
    assert precision >= MIN_PRECISION, f"precision {precision:.3f} < {MIN_PRECISION}{detail}"
    assert recall >= MIN_RECALL, f"recall {recall:.3f} < {MIN_RECALL}{detail}"


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason=f"{SHARED} is absent")
def test_seed_records_point_at_their_sentences():
    for seed in sorted((SHARED / "seeds").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        for r in records_from(text):
            assert text[r.start:r.end] == r.snippet, (seed.name, r)
            assert r.span and r.span in r.snippet, (seed.name, r)
