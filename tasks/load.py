"""Documents and their records into DuckDB: one transaction per batch, a document's observations replaced whole.

Each record is checked before it is stored; a record that fails goes to
`quarantine` with the reason and the rest of its document loads. Observations
travel as one Arrow table per batch (columns already of the table's types),
registered with DuckDB and copied with one INSERT … SELECT; documents and
quarantine rows, a few per batch, as pandas DataFrames (executemany costs
milliseconds per row).

Speed: the records are read into columns in one pass (one attrgetter call per
record), the checks run on whole columns of the batch at once (numpy), and the
documents all of whose records pass go straight into the Arrow table; only a
document with a record to refuse takes the record-by-record path that words
the reasons. Stored observations are read back only for documents that have
some, to leave unchanged documents untouched.
"""
from __future__ import annotations

import gc
import json
import logging
import math
import operator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from itertools import compress

import numpy as np
import pandas as pd
import pyarrow as pa

from tasks.db import utc_now
from tasks.documents import Document
from tasks.indicators import indicator_table
from tasks.parse.record import MEASURES, Record

log = logging.getLogger(__name__)

# Plausible values per unit: (lowest, highest allowed). Why these bounds:
# - percent: yoy/plan/mom shares; 420 % year-on-year occurs in real reports, 10 000 % does not.
# - million_vnd: amounts are never negative in these reports; 1e12 million VND (10^18 VND)
#   is far above the national GDP (~10^16 VND), so anything larger is a unit error.
# - million_usd: 1e7 million USD is far above the country's yearly trade.
# - persons: no district or province has more than 200 million people.
# - count: things counted (enterprises, projects) stay far below a billion.
# Other units are only required to be finite.
UNIT_LIMITS = {
    "percent": (0.0, 10_000.0),
    "million_vnd": (0.0, 1e12),
    "million_usd": (0.0, 1e7),
    "persons": (0.0, 2e8),
    "count": (0.0, 1e9),
}
FIRST_YEAR = 1990                # no report of this kind predates it
MONTH_OVER_CUMULATIVE_TOLERANCE = 1.005   # rounding in the text: 0.5 %, the project's match tolerance
DUPLICATE_KEY = "duplicate key in document"
PERCENT_MEASURES = ("plan_pct", "yoy_pct", "mom_pct")
PACKED_KEY_LIMIT = 2 ** 62       # a batch's keys pack into one int64 below this many combinations

OBSERVATION_COLUMNS = ["doc_id", "area", "indicator", "year", "month_from", "month_to", "measure",
                       "value", "unit", "estimate", "snippet", "char_start", "char_end", "span",
                       "parser_version"]
DOCUMENT_COLUMNS = ["doc_id", "url", "title", "published", "fetched_at", "content_sha256", "text",
                    "parser_version", "status", "source", "parent_doc_id", "content_type",
                    "default_area", "message", "loaded_at"]
QUARANTINE_COLUMNS = OBSERVATION_COLUMNS + ["reason", "quarantined_at"]
RUN_COLUMNS = ["run_id", "flow", "parameters", "started", "finished", "status", "pages_discovered",
               "pages_fetched", "pages_unchanged", "pages_failed", "pages_retried", "documents_parsed",
               "records_loaded", "quarantined", "conflicts", "message"]


@dataclass
class LoadSummary:
    documents: int = 0                 # documents written (inserted or updated)
    observations: int = 0              # records accepted for those documents
    quarantined: int = 0               # records refused, with a reason, in `quarantine`
    replaced_documents: int = 0        # documents whose stored observations changed
    unchanged_documents: int = 0       # documents whose observations were already exactly these
    observations_written: int = 0      # rows actually inserted (0 for unchanged documents)
    reasons: dict = field(default_factory=dict)   # quarantine reason → count


def parser_version() -> str:
    """The parser's version when it declares one (tasks.parse.PARSER_VERSION)."""
    try:
        from tasks.parse import PARSER_VERSION
        return str(PARSER_VERSION)
    except ImportError:
        return "unknown"


# ---------------------------------------------------------------- checks on one record

def _known_indicators() -> dict[str, dict]:
    return {row["code"]: row for row in indicator_table()}


def problem_with(record: Record, *, latest_year: int, indicators: dict[str, dict]) -> str | None:
    """Why a record cannot be stored, or None when it can."""
    r = record
    if not r.area or not str(r.area).strip():
        return "no area"
    if r.indicator not in indicators:
        return f"unknown indicator code {r.indicator!r} (not in tasks/parse/vocab/indicators.toml)"
    if r.measure not in MEASURES:
        return f"unknown measure {r.measure!r} (one of {', '.join(MEASURES)})"
    if r.measure in PERCENT_MEASURES and r.unit != "percent":
        return f"{r.measure} in unit {r.unit!r}: shares and growth rates are in percent"
    for name in ("year", "month_from", "month_to"):
        number = getattr(r, name)
        if isinstance(number, bool) or not isinstance(number, int):
            return f"{name} is not a whole number: {number!r}"
    if not (1 <= r.month_from <= 12 and 1 <= r.month_to <= 12):
        return f"month outside 1..12: [{r.month_from}..{r.month_to}]"
    if r.month_from > r.month_to:
        return f"month_from after month_to: [{r.month_from}..{r.month_to}]"
    if not (FIRST_YEAR <= r.year <= latest_year):
        return f"implausible year {r.year} (expected {FIRST_YEAR}..{latest_year})"
    try:
        value = float(r.value)
    except (TypeError, ValueError):
        return f"value is not a number: {r.value!r}"
    if not math.isfinite(value):
        return f"value is not finite: {value!r}"
    low, high = UNIT_LIMITS.get(r.unit, (-math.inf, math.inf))
    if not (low <= value < high):
        return f"implausible value {value:g} for unit {r.unit} (expected {low:g} to below {high:g})"
    return None


def latest_plausible_year(doc: Document) -> int:
    """A report may state next year's plan: published year + 1 (current year + 1 when undated)."""
    if isinstance(doc.published, (date, datetime)):
        return doc.published.year + 1
    return datetime.now(timezone.utc).year + 1


def sorted_records(doc: Document, records: list[Record], indicators: dict[str, dict]):
    """(accepted, refused) for one document: refused as (record, reason)."""
    latest_year = latest_plausible_year(doc)
    accepted: dict[tuple, Record] = {}
    refused: list[tuple[Record, str]] = []
    for r in records:
        reason = problem_with(r, latest_year=latest_year, indicators=indicators)
        if reason is None and r.key() in accepted:
            # DuckDB would silently keep the first row of a repeated key in one upsert: say so instead.
            reason = DUPLICATE_KEY
        if reason:
            refused.append((r, reason))
        else:
            accepted[r.key()] = r
    # A single month cannot exceed the same document's cumulative figure ending that month.
    for key, r in list(accepted.items()):
        area, indicator, year, month_from, month_to, measure = key
        if measure != "actual" or month_from != month_to or month_to == 1:
            continue
        if not indicators[indicator]["additive"]:
            continue
        cumulative = accepted.get((area, indicator, year, 1, month_to, measure))
        if cumulative is not None and float(r.value) > float(cumulative.value) * MONTH_OVER_CUMULATIVE_TOLERANCE:
            del accepted[key]
            refused.append((r, f"month figure larger than the cumulative figure ending that month "
                               f"([{month_to}..{month_to}] {float(r.value):g} > [1..{month_to}] "
                               f"{float(cumulative.value):g})"))
    return list(accepted.values()), refused


# ---------------------------------------------------------------- loading

def _naive_utc(ts: datetime | None) -> datetime | None:
    if ts is None or ts.tzinfo is None:
        return ts
    return ts.astimezone(timezone.utc).replace(tzinfo=None)


def _offset(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _quarantine_row(doc_id: str, r: Record, reason: str, version: str, now: datetime) -> dict:
    def number(x, cast):
        try:
            return cast(x)
        except (TypeError, ValueError, OverflowError):
            return None
    value = number(r.value, float)
    return {
        "doc_id": doc_id, "area": r.area, "indicator": r.indicator, "year": number(r.year, int),
        "month_from": number(r.month_from, int), "month_to": number(r.month_to, int),
        "measure": r.measure, "value": value if value is not None and math.isfinite(value) else None,
        "unit": r.unit, "estimate": bool(r.estimate), "snippet": r.snippet,
        "char_start": number(r.start, int), "char_end": number(r.end, int), "span": r.span,
        "parser_version": version, "reason": reason, "quarantined_at": now,
    }


def _document_row(doc: Document, version: str, now: datetime) -> dict:
    return {
        "doc_id": doc.doc_id, "url": doc.url, "title": doc.title, "published": doc.published,
        "fetched_at": _naive_utc(doc.fetched_at), "content_sha256": doc.content_sha256,
        "text": doc.text, "parser_version": version, "status": doc.status, "source": doc.source,
        "parent_doc_id": doc.parent_doc_id, "content_type": doc.content_type,
        "default_area": doc.default_area, "message": doc.message, "loaded_at": now,
    }


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    # object dtype throughout: DuckDB infers from the values, and an all-None column stays NULL.
    return pd.DataFrame(rows, columns=columns, dtype=object)


_DOCUMENT_TYPES = {"published": pa.date32(), "fetched_at": pa.timestamp("us"), "loaded_at": pa.timestamp("us")}


def _document_table(rows: list[dict]):
    """The documents' rows as Arrow columns of their stored types; as an object DataFrame when a
    value does not convert as it is (a date given as text, say: the INSERT's CASTs read it then)."""
    try:
        return pa.table({c: pa.array([row[c] for row in rows], type=_DOCUMENT_TYPES.get(c, pa.string()))
                         for c in DOCUMENT_COLUMNS})
    except (pa.ArrowTypeError, pa.ArrowInvalid, TypeError, ValueError, OverflowError):
        return _frame(rows, DOCUMENT_COLUMNS)


# The fields of a record that become observation columns, in one attribute read per record.
_RECORD_FIELDS = ("area", "indicator", "year", "month_from", "month_to", "measure", "value", "unit",
                  "estimate", "snippet", "start", "end", "span")
_record_fields = operator.attrgetter(*_RECORD_FIELDS)


def _record_columns(records: list[Record]) -> dict[str, tuple]:
    """The records field by field: one attrgetter call per record and one transpose, both in C."""
    if not records:
        return {name: () for name in _RECORD_FIELDS}
    return dict(zip(_RECORD_FIELDS, zip(*map(_record_fields, records))))


@dataclass
class _Checked:
    """What the column checks learnt about a batch: its table is built from these, not from the records again."""
    passing: list[bool]                # per document: every record passes
    values: np.ndarray                 # float64, per record
    years: np.ndarray                  # int64 per record, and the months
    month_from: np.ndarray
    month_to: np.ndarray
    codes: dict[str, tuple[np.ndarray, list]]   # area, indicator, measure, unit: index per record, distinct values


def _documents_passing(docs: list[tuple[Document, list[Record]]], counts: np.ndarray, columns: dict[str, tuple],
                       indicators: dict[str, dict]) -> _Checked | None:
    """For each document: True when every one of its records passes every check (checked column-wise).

    None when the batch holds values the column checks cannot read (then every document
    takes the record-by-record path). False only means "look closer", never "refuse".
    Areas, codes, measures and units become small integers (one dict look-up each), so every
    check is a numpy operation on whole columns.
    """
    n = int(counts.sum())
    doc_of = np.repeat(np.arange(len(docs)), counts)
    years, month_from, month_to = (columns[c] for c in ("year", "month_from", "month_to"))
    try:
        if not (set(map(type, years)) | set(map(type, month_from)) | set(map(type, month_to))) <= {int}:
            return None
        values = np.array(columns["value"], dtype=np.float64)
        y, f, t = (np.array(c, dtype=np.int64) for c in (years, month_from, month_to))
        codes = {c: _codes(columns[c]) for c in ("area", "indicator", "measure", "unit")}
        bad_area = [not a or not str(a).strip() for a in codes["area"][1]]
    except (TypeError, ValueError, OverflowError):
        return None
    if n == 0:
        return _Checked([True] * len(docs), values, y, f, t, codes)
    (area, _), (code, code_of), (measure, measure_of), (unit, unit_of) = (
        codes[c] for c in ("area", "indicator", "measure", "unit"))
    known_code = np.array([c in indicators for c in code_of], dtype=bool)
    known_measure = np.array([m in MEASURES for m in measure_of], dtype=bool)
    # A share or growth rate in another unit than percent: a table of (measure, unit) pairs.
    bad_pair = np.array([[m in PERCENT_MEASURES and u != "percent" for u in unit_of] for m in measure_of],
                        dtype=bool).reshape(len(measure_of), len(unit_of))
    low = np.array([UNIT_LIMITS.get(u, (-math.inf, math.inf))[0] for u in unit_of], dtype=np.float64)[unit]
    high = np.array([UNIT_LIMITS.get(u, (-math.inf, math.inf))[1] for u in unit_of], dtype=np.float64)[unit]
    latest = np.fromiter((latest_plausible_year(doc) for doc, _ in docs), dtype=np.int64, count=len(docs))[doc_of]
    ok = ~np.array(bad_area, dtype=bool)[area] & known_code[code] & known_measure[measure] & ~bad_pair[measure, unit]
    with np.errstate(invalid="ignore"):
        ok &= (1 <= f) & (f <= 12) & (1 <= t) & (t <= 12) & (f <= t) & (FIRST_YEAR <= y) & (y <= latest)
        ok &= np.isfinite(values) & (low <= values) & (values < high)
    passing = np.ones(len(docs), dtype=bool)
    passing[doc_of[~ok]] = False
    checked = _Checked([], values, y, f, t, codes)
    # The two checks across records of one document: a key stated twice, and a month above the
    # same document's cumulative figure ending that month (additive amounts). A passing row's
    # key packs into one int64, so both are numpy sorts. Rows already refused are left out:
    # their documents take the record-by-record path anyway.
    good = np.nonzero(ok)[0]
    if len(good):
        additive = np.array([bool(indicators.get(c, {}).get("additive")) for c in code_of], dtype=bool)[code]
        actual = measure == measure_of.index("actual") if "actual" in measure_of else np.zeros(n, dtype=bool)
        y0 = int(y[good].min())
        radices = [len(docs), len(codes["area"][1]), len(code_of), int(y[good].max()) - y0 + 1, 13, 13,
                   len(measure_of)]
        if math.prod(radices) < PACKED_KEY_LIMIT:
            _cross_record_checks_packed(passing, ok, good, doc_of, radices, area, code, y - y0, f, t, measure,
                                        values, additive & actual)
        else:
            _cross_record_checks_by_tuple(passing, ok, doc_of, columns, values, additive & actual)
    checked.passing = passing.tolist()
    return checked


def _cross_record_checks_packed(passing, ok, good, doc_of, radices, area, code, year, f, t, measure, values,
                                additive_actual) -> None:
    """The checks across records of one document on keys packed into int64 (numpy sorts)."""
    group = ((doc_of * radices[1] + area) * radices[2] + code) * radices[3] + year
    key = ((group * 13 + f) * 13 + t) * radices[6] + measure
    packed = key[good]
    unique, first = np.unique(packed, return_index=True)
    if len(unique) < len(packed):
        repeated = np.ones(len(packed), dtype=bool)
        repeated[first] = False
        passing[doc_of[good[repeated]]] = False
    months = np.nonzero(additive_actual & (f == t) & (t != 1) & ok)[0]
    cumulative = np.nonzero(additive_actual & (f == 1) & ok)[0]
    if len(months) and len(cumulative):
        ends = group * 13 + t                      # (document, area, indicator, year, last month)
        order = np.argsort(ends[cumulative], kind="stable")
        sorted_ends = ends[cumulative][order]
        at = np.minimum(np.searchsorted(sorted_ends, ends[months]), len(sorted_ends) - 1)
        found = sorted_ends[at] == ends[months]
        above = found & (values[months] > values[cumulative][order][at] * MONTH_OVER_CUMULATIVE_TOLERANCE)
        passing[doc_of[months[above]]] = False


def _codes(column: tuple) -> tuple[np.ndarray, list]:
    """Each value of a column as a small integer (its index among the distinct values), and those values."""
    distinct = list(set(column))
    index = {v: i for i, v in enumerate(distinct)}
    return np.fromiter(map(index.__getitem__, column), dtype=np.int64, count=len(column)), distinct


def _cross_record_checks_by_tuple(passing, ok, doc_of, columns, values, additive_actual) -> None:
    """The checks across records of one document with Python tuples (when packed keys would overflow)."""
    keys = list(zip(doc_of.tolist(), columns["area"], columns["indicator"], columns["year"],
                    columns["month_from"], columns["month_to"], columns["measure"]))
    seen, cumulative = set(), {}
    for i, k in enumerate(keys):
        if not ok[i]:
            continue
        if k in seen:
            passing[k[0]] = False
        seen.add(k)
        if additive_actual[i] and k[4] == 1:
            cumulative[k[:4] + (k[5],)] = values[i]
    for i, k in enumerate(keys):
        if ok[i] and additive_actual[i] and k[4] == k[5] and k[5] != 1:
            c = cumulative.get(k[:4] + (k[5],))
            if c is not None and values[i] > c * MONTH_OVER_CUMULATIVE_TOLERANCE:
                passing[k[0]] = False


_OBSERVATION_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("area", pa.string()), ("indicator", pa.string()), ("year", pa.int32()),
    ("month_from", pa.int32()), ("month_to", pa.int32()), ("measure", pa.string()), ("value", pa.float64()),
    ("unit", pa.string()), ("estimate", pa.bool_()), ("snippet", pa.string()), ("char_start", pa.int32()),
    ("char_end", pa.int32()), ("span", pa.string()), ("parser_version", pa.string()),
])
assert _OBSERVATION_SCHEMA.names == OBSERVATION_COLUMNS


def _text(values) -> pa.Array:
    try:
        return pa.array(values, type=pa.string())
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        return pa.array([None if v is None else str(v) for v in values], type=pa.string())


def _offsets(values) -> list:
    """Each value as _offset gives it (int, or None), without a call per value when all are ints already."""
    if set(map(type, values)) <= {int}:
        return values
    return [_offset(v) for v in values]


def _flags(values) -> list:
    if set(map(type, values)) <= {bool}:
        return values
    return [bool(v) for v in values]


def _observation_table(doc_ids: list[str], counts: np.ndarray, columns: dict[str, tuple], values: np.ndarray,
                       version: str, checked: _Checked | None = None) -> pa.Table:
    """Arrow columns of the observations table's types: DuckDB copies them without looking at each value.

    With the batch's checks at hand (checked), the few distinct areas, codes, measures and units
    and the documents' ids go in as dictionaries (an index per row, no string per row) and the
    numbers as the arrays the checks already built.
    """
    n = int(counts.sum())
    doc_index = np.repeat(np.arange(len(doc_ids), dtype=np.int32), counts)
    if checked is not None:
        def coded(name):
            index, distinct = checked.codes[name]
            return pa.DictionaryArray.from_arrays(pa.array(index.astype(np.int32)), _text(distinct))
        area, indicator, measure, unit = (coded(c) for c in ("area", "indicator", "measure", "unit"))
        year, month_from, month_to = (a.astype(np.int32) for a in (checked.years, checked.month_from,
                                                                   checked.month_to))
    else:
        area, indicator, measure, unit = (_text(columns[c]) for c in ("area", "indicator", "measure", "unit"))
        year, month_from, month_to = (np.array(columns[c], dtype=np.int32) for c in ("year", "month_from",
                                                                                       "month_to"))
    arrays = [
        pa.DictionaryArray.from_arrays(pa.array(doc_index), _text(doc_ids)), area, indicator,
        pa.array(year), pa.array(month_from), pa.array(month_to), measure, pa.array(values, type=pa.float64()),
        unit, pa.array(_flags(columns["estimate"]), type=pa.bool_()), _text(columns["snippet"]),
        pa.array(_offsets(columns["start"]), type=pa.int32()), pa.array(_offsets(columns["end"]), type=pa.int32()),
        _text(columns["span"]),
        pa.DictionaryArray.from_arrays(pa.array(np.zeros(n, dtype=np.int32)), pa.array([version], pa.string())),
    ]
    return pa.Table.from_arrays(arrays, names=OBSERVATION_COLUMNS)


@contextmanager
def _without_cyclic_gc():
    """A batch allocates tens of thousands of tuples, lists and dicts, none of them cyclic; with
    the collector on, each allocation burst makes it walk every live object (every record the
    caller holds), which tripled the time of turning records into columns."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _observations_of(docs: list[tuple[Document, list[Record]]], indicators: dict[str, dict], version: str,
                     now: datetime, summary: LoadSummary) -> tuple[pa.Table, list[dict]]:
    """The batch's accepted records as one Arrow table, and its refused records as quarantine rows."""
    counts = np.fromiter((len(records) for _, records in docs), dtype=np.int64, count=len(docs))
    columns = _record_columns([r for _, rs in docs for r in rs])
    checked = _documents_passing(docs, counts, columns, indicators)
    passing = checked.passing if checked is not None else [False] * len(docs)
    doc_ids = [doc.doc_id for doc, _ in docs]
    if all(passing):
        return _observation_table(doc_ids, counts, columns, checked.values, version, checked), []
    # Documents with a record to refuse: the record-by-record checks, which word the reasons.
    keep = np.array(passing, dtype=bool)
    tables, quarantine_rows = [], []
    if keep.any():
        rows = np.repeat(keep, counts)
        kept = {name: tuple(compress(column, rows)) for name, column in columns.items()}
        tables.append(_observation_table(list(compress(doc_ids, keep)), counts[keep], kept,
                                         checked.values[rows], version))
    accepted_docs, accepted_counts, accepted = [], [], []
    for (doc, records), passes in zip(docs, passing):
        if passes:
            continue
        kept_records, refused = sorted_records(doc, records, indicators)
        accepted_docs.append(doc.doc_id)
        accepted_counts.append(len(kept_records))
        accepted += kept_records
        quarantine_rows += [_quarantine_row(doc.doc_id, r, reason, version, now) for r, reason in refused]
        for _, reason in refused:
            kind = reason.split(" (")[0].split(":")[0]
            summary.reasons[kind] = summary.reasons.get(kind, 0) + 1
    kept = _record_columns(accepted)
    kept["year"], kept["month_from"], kept["month_to"] = ([int(v) for v in kept[c]]
                                                          for c in ("year", "month_from", "month_to"))
    tables.append(_observation_table(accepted_docs, np.array(accepted_counts, dtype=np.int64), kept,
                                     np.array([float(v) for v in kept["value"]], dtype=np.float64), version))
    return pa.concat_tables([t.cast(_OBSERVATION_SCHEMA) for t in tables]), quarantine_rows


_DOCUMENT_INSERT = """
    INSERT INTO documents
    SELECT CAST(doc_id AS VARCHAR), CAST(url AS VARCHAR), CAST(title AS VARCHAR),
           CAST(published AS DATE), CAST(fetched_at AS TIMESTAMP), CAST(content_sha256 AS VARCHAR),
           CAST(text AS VARCHAR), CAST(parser_version AS VARCHAR), CAST(status AS VARCHAR),
           CAST(source AS VARCHAR), CAST(parent_doc_id AS VARCHAR), CAST(content_type AS VARCHAR),
           CAST(default_area AS VARCHAR), CAST(message AS VARCHAR), CAST(loaded_at AS TIMESTAMP)
    FROM batch_documents"""
_DOCUMENT_UPSERT = """
    ON CONFLICT (doc_id) DO UPDATE SET
        url = EXCLUDED.url, title = EXCLUDED.title, published = EXCLUDED.published,
        fetched_at = EXCLUDED.fetched_at, content_sha256 = EXCLUDED.content_sha256,
        text = EXCLUDED.text, parser_version = EXCLUDED.parser_version, status = EXCLUDED.status,
        source = EXCLUDED.source, parent_doc_id = EXCLUDED.parent_doc_id,
        content_type = EXCLUDED.content_type, default_area = EXCLUDED.default_area,
        message = EXCLUDED.message, loaded_at = EXCLUDED.loaded_at"""


def load_documents(con, batch: list[tuple[Document, list[Record]]], *,
                   version: str | None = None) -> LoadSummary:
    """Store a batch of documents and their records in one transaction.

    A document's row is upserted; its observations are replaced as a whole
    (left untouched when they are exactly the same); its refused records
    replace its earlier ones in `quarantine`. When a document appears twice
    in the batch the later one wins.
    """
    with _without_cyclic_gc():
        return _load_documents(con, batch, version)


def _load_documents(con, batch: list[tuple[Document, list[Record]]], version: str | None) -> LoadSummary:
    version = version or parser_version()
    now = utc_now()
    indicators = _known_indicators()
    latest: dict[str, tuple[Document, list[Record]]] = {}
    for doc, records in batch:
        latest[doc.doc_id] = (doc, records)

    summary = LoadSummary()
    docs = [(doc, list(records)) for doc, records in latest.values()]
    if not docs:
        return summary
    observations, quarantine_rows = _observations_of(docs, indicators, version, now, summary)
    doc_rows = [_document_row(doc, version, now) for doc, _ in docs]
    frames = _document_table(doc_rows), _frame(quarantine_rows, QUARANTINE_COLUMNS)
    summary.documents = len(doc_rows)
    summary.observations = observations.num_rows
    summary.quarantined = len(quarantine_rows)

    con.register("batch_documents", frames[0])
    con.register("batch_observations", observations)
    if quarantine_rows:
        con.register("batch_quarantine", frames[1])
    con.register("batch_doc_ids", pa.table({"doc_id": pa.array([doc.doc_id for doc, _ in docs], pa.string())}))
    con.execute("BEGIN TRANSACTION")
    try:
        # Stored observations are read back only for the batch's documents already in `documents`
        # (none on a first load: then nothing is read, compared or deleted). The loader writes a
        # document's row and its observations in one transaction and deletes no document, so a
        # document without a row has no observations (sql/checks/orphan_observations.sql).
        stored = con.execute("SELECT count(*) FROM documents SEMI JOIN batch_doc_ids USING (doc_id)"
                             ).fetchall()[0][0] > 0
        old_docs, changed_old = set(), set()
        if stored:
            con.execute("""
                CREATE OR REPLACE TEMP TABLE old_observations AS
                SELECT o.* FROM observations AS o SEMI JOIN batch_doc_ids AS b USING (doc_id)""")
            old_docs = {row[0] for row in con.execute("SELECT DISTINCT doc_id FROM old_observations").fetchall()}
        if old_docs:
            # Of the documents with stored rows: those whose rows differ, in either direction.
            changed_old = {row[0] for row in con.execute("""
                SELECT DISTINCT doc_id FROM (
                    (SELECT * FROM old_observations EXCEPT SELECT * FROM batch_observations)
                    UNION ALL
                    (SELECT n.* FROM batch_observations AS n SEMI JOIN old_observations AS o USING (doc_id)
                     EXCEPT SELECT * FROM old_observations))""").fetchall()}
        new_docs = set(observations.column("doc_id").unique().to_pylist()) if observations.num_rows else set()
        changed = changed_old | (new_docs - old_docs)
        # A plain INSERT when none of the documents is stored yet: ON CONFLICT costs three times as much.
        con.execute(_DOCUMENT_INSERT + (_DOCUMENT_UPSERT if stored else ""))
        written = 0
        if changed_old:
            con.execute("DELETE FROM observations WHERE doc_id IN (SELECT unnest(?))", [sorted(changed_old)])
        to_write = changed & new_docs
        if to_write == new_docs:
            # Every document with rows is new or changed (a first load): the batch's table as it is.
            written = con.execute("INSERT INTO observations SELECT * FROM batch_observations").fetchall()[0][0]
        elif to_write:
            written = con.execute("""
                INSERT INTO observations
                SELECT * FROM batch_observations WHERE doc_id IN (SELECT unnest(?))""",
                                  [sorted(to_write)]).fetchall()[0][0]
        con.execute("DELETE FROM quarantine WHERE doc_id IN (SELECT doc_id FROM batch_doc_ids)")
        if quarantine_rows:
            con.execute("""
                INSERT INTO quarantine (doc_id, area, indicator, year, month_from, month_to, measure, value,
                                        unit, estimate, snippet, char_start, char_end, span, parser_version,
                                        reason, quarantined_at)
                SELECT CAST(doc_id AS VARCHAR), CAST(area AS VARCHAR), CAST(indicator AS VARCHAR),
                       TRY_CAST(year AS INTEGER), TRY_CAST(month_from AS INTEGER), TRY_CAST(month_to AS INTEGER),
                       CAST(measure AS VARCHAR), TRY_CAST(value AS DOUBLE), CAST(unit AS VARCHAR),
                       CAST(estimate AS BOOLEAN), CAST(snippet AS VARCHAR), TRY_CAST(char_start AS INTEGER),
                       TRY_CAST(char_end AS INTEGER), CAST(span AS VARCHAR), CAST(parser_version AS VARCHAR),
                       CAST(reason AS VARCHAR), CAST(quarantined_at AS TIMESTAMP)
                FROM batch_quarantine""")
        if stored:
            con.execute("DROP TABLE old_observations")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in ("batch_documents", "batch_observations", "batch_doc_ids") + (
                ("batch_quarantine",) if quarantine_rows else ()):
            con.unregister(name)
    summary.observations_written = int(written)
    summary.replaced_documents = len(changed_old)
    summary.unchanged_documents = summary.documents - len(changed)
    log.info("loaded %d documents (%d replaced, %d unchanged): %d observations, %d quarantined",
             summary.documents, summary.replaced_documents, summary.unchanged_documents,
             summary.observations, summary.quarantined)
    return summary


# ---------------------------------------------------------------- reading back, runs

def stored_documents(con, *, doc_ids=None) -> list[Document]:
    """Documents as stored (text included), for re-parsing without fetching; all, or those doc_ids."""
    sql = """SELECT doc_id, url, title, published, fetched_at, content_sha256, text, status, source,
                    parent_doc_id, content_type, default_area, message
             FROM documents"""
    params: list = []
    if doc_ids is not None:
        doc_ids = list(doc_ids)
        if not doc_ids:
            return []
        sql += " WHERE doc_id IN (SELECT unnest(?))"
        params.append(doc_ids)
    rows = con.execute(sql + " ORDER BY doc_id", params).fetchall()
    return [Document(doc_id=r[0], url=r[1], title=r[2], published=r[3], fetched_at=r[4],
                     content_sha256=r[5] or "", text=r[6] or "", status=r[7] or "ok", source=r[8],
                     parent_doc_id=r[9], content_type=r[10], default_area=r[11], message=r[12] or "")
            for r in rows]


def record_run(con, run: dict) -> None:
    """Insert or update the run's row in `runs` (keyed by run_id)."""
    if not run.get("run_id"):
        raise ValueError("a run needs a run_id to be recorded")
    row = {c: run.get(c) for c in RUN_COLUMNS}
    if row["parameters"] is not None and not isinstance(row["parameters"], str):
        row["parameters"] = json.dumps(row["parameters"], ensure_ascii=False, default=str)
    for c in ("started", "finished"):
        if isinstance(row[c], datetime):
            row[c] = _naive_utc(row[c])
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in RUN_COLUMNS if c != "run_id")
    con.execute(f"INSERT INTO runs ({', '.join(RUN_COLUMNS)}) VALUES ({', '.join('?' * len(RUN_COLUMNS))}) "
                f"ON CONFLICT (run_id) DO UPDATE SET {updates}", [row[c] for c in RUN_COLUMNS])
