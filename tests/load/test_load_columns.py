"""The loader's column-wise checks keep exactly what the record-by-record checks keep."""
from __future__ import annotations

import random
from datetime import date

import pytest

from tasks.db import connect
from tasks.indicators import indicator_table
from tasks.load import _known_indicators, load_documents, sorted_records
from tests.load.builders import document, fresh_database, record


@pytest.fixture
def con(tmp_path):
    c = connect(fresh_database(tmp_path), wait_seconds=1)
    yield c
    c.close()


def mixed_batch(seed: int, documents: int = 40):
    """Documents of plausible records, some with one broken record of each kind the loader refuses."""
    rng = random.Random(seed)
    amounts = [r["code"] for r in indicator_table() if r["additive"] and r["unit"] == "million_vnd"]
    breakages = [
        lambda r: r.__class__(**{**r.to_dict(), "area": " "}),
        lambda r: r.__class__(**{**r.to_dict(), "indicator": "bogus"}),
        lambda r: r.__class__(**{**r.to_dict(), "year": 2999}),
        lambda r: r.__class__(**{**r.to_dict(), "month_from": 9, "month_to": 3}),
        lambda r: r.__class__(**{**r.to_dict(), "value": float("nan")}),
        lambda r: r.__class__(**{**r.to_dict(), "value": -5.0}),
        lambda r: r.__class__(**{**r.to_dict(), "measure": "yoy_pct"}),   # a share in million_vnd
    ]
    batch = []
    for d in range(documents):
        month = rng.randint(2, 12)
        records = []
        for code in rng.sample(amounts, 4):
            cumulative = rng.uniform(1000, 9000)
            records.append(record(code, 1, month, cumulative))
            # Now and then a month above its own cumulative figure.
            records.append(record(code, month, month, cumulative * (2 if rng.random() < 0.1 else 0.1)))
            records.append(record(code, 1, month, 104.5, measure="yoy_pct"))
        if rng.random() < 0.3:
            i = rng.randrange(len(records))
            records[i] = rng.choice(breakages)(records[i])
        if rng.random() < 0.1:
            records.append(records[0])                       # a key stated twice
        batch.append((document(f"doc-{seed}-{d}", published=date(2023, 12, 1)), records))
    return batch


@pytest.mark.parametrize("packed", [True, False], ids=["keys packed in int64", "keys as tuples"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_column_checks_keep_what_record_checks_keep(con, seed, packed, monkeypatch):
    if not packed:   # the path a batch takes when its keys have too many combinations for one int64
        monkeypatch.setattr("tasks.load.PACKED_KEY_LIMIT", 0)
    batch = mixed_batch(seed)
    indicators = _known_indicators()
    expected_rows, expected_reasons = set(), []
    for doc, records in batch:
        accepted, refused = sorted_records(doc, records, indicators)
        expected_rows |= {(doc.doc_id,) + r.key() + (float(r.value),) for r in accepted}
        expected_reasons += sorted(reason for _, reason in refused)

    summary = load_documents(con, batch)

    stored = set(con.execute("""SELECT doc_id, area, indicator, year, month_from, month_to, measure, value
                                FROM observations""").fetchall())
    assert stored == expected_rows
    reasons = [r[0] for r in con.execute("SELECT reason FROM quarantine ORDER BY doc_id, reason").fetchall()]
    assert sorted(reasons) == sorted(expected_reasons)
    assert summary.observations == len(expected_rows)
    assert summary.quarantined == len(expected_reasons)
    assert 0 < len(expected_reasons) < len(expected_rows)   # the batch really mixes both paths
