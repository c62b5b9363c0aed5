"""Record keeps the behaviour of the frozen dataclass it is, with its own __init__."""
from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from tasks.parse.record import Record

ARGS = dict(area="Kiến An", indicator="budget_revenue", year=2023, month_from=1, month_to=8, measure="actual",
            value=483595.0, unit="million_vnd", estimate=True, snippet="Tổng thu ngân sách …", start=10, end=40,
            span="483.595 triệu đồng")


def test_the_signature_is_the_fields_in_order_with_their_defaults():
    params = inspect.signature(Record).parameters
    fields = dataclasses.fields(Record)
    assert list(params) == [f.name for f in fields]
    for f in fields:
        if f.default is not dataclasses.MISSING:
            assert params[f.name].default == f.default, f.name
    assert params["extra"].default is None and Record(**ARGS).extra == {}


def test_positional_and_keyword_give_the_same_record():
    assert Record(*ARGS.values()) == Record(**ARGS)
    assert Record(**ARGS).to_dict() == ARGS


def test_it_stays_frozen_hashable_replaceable_and_picklable():
    r = Record(**ARGS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.year = 2024
    assert hash(r) == hash(Record(**ARGS)) and len({r, Record(**ARGS)}) == 1
    assert dataclasses.replace(r, year=2024).year == 2024 and dataclasses.replace(r, year=2024).snippet == r.snippet
    assert pickle.loads(pickle.dumps(r)) == r
    assert Record(**ARGS).extra is not Record(**ARGS).extra          # each its own dict
    assert Record(**ARGS, extra={"k": 1}) == r                       # extra is not compared
