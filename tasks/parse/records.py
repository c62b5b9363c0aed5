"""records_from(text): the whole parse, from a document's text to its records."""
from __future__ import annotations

import bisect
import datetime as dt
import logging
import re

from tasks.parse.blocks import blocks_of, sentences_of
from tasks.parse.context import document_context
from tasks.parse.grammar import BlockState, Figure, LatestYear, figures_in_sentence, note_periods
from tasks.parse.normalize import Normalized, folded, normalized
from tasks.parse.periods import Period, period_from
from tasks.parse.record import Record
from tasks.parse.tables import caption_unit, figures_in_table, is_table_row
from tasks.parse import vocab

PARSER_VERSION = "1.1"       # stored with every record: a new version marks records worth re-parsing

log = logging.getLogger(__name__)

_SECTION_HEADING = re.compile(r"^\s*[IVX]+\.\s")
_TARGET_SECTION = ("phương hướng", "mục tiêu", "kế hoạch năm", "nhiệm vụ trọng tâm", "nhiệm vụ giải pháp")
_HAS_DIGIT = vocab.DIGIT            # the raw text's first test: any decimal digit at all


def records_from(text: object, *, title: str | None = None, published: dt.date | None = None,
                 default_area: str | None = None) -> list[Record]:
    """The indicator records a report's text (a str) states, in text order.

    title: the document's title when the caller knows it (else read from the text);
    published: the document's date, the last fallback for the year;
    default_area: the source's own area, used when the text names none.
    """
    if not isinstance(text, str):
        raise TypeError(f"records_from needs the document text as str, got {type(text).__name__}; "
                        "decode bytes first (extraction does)")
    if not text.strip() or not _HAS_DIGIT.search(text):
        return []
    norm = normalized(text)
    ntext = norm.text
    low = ntext.lower()             # lowered once: the noise tests read its lines, the scanner all of it
    blocks = blocks_of(norm, low)
    doc = document_context(ntext, blocks, title=title, published=published, default_area=default_area)
    if not doc.area:
        log.info("no area named in the text and no default area: no records")
        return []

    scan = vocab.scan_form(ntext, low)
    digit_re, figure_re, amount_re = vocab.digit_hints(ntext, norm.census)     # scan has the digits of ntext
    marks = norm.footnote_marks
    mark_positions = [pos for pos, _ in marks]
    footnote_context: dict[int, tuple[int | None, Period | None]] = {}
    years_seen = LatestYear()    # the years of the blocks read so far
    figures: list[tuple[Figure, int, int]] = []      # figure, sentence start, sentence end
    target_list_open = False
    list_year = None                # the year the sentence opening a target list names
    section_target = False

    table_rows: list[tuple[int, int]] = []
    table_unit: tuple[str, float] | None = None     # the unit a caption line above the next table gives

    def flush_table() -> None:
        if table_rows:
            year = years_seen.latest()
            figures.extend(figures_in_table(ntext, table_rows, doc, year, table_unit))
            table_rows.clear()

    title_key = folded(title) if title else None
    for index, block in enumerate(blocks):
        if block.noise or index == doc.title_block:
            continue
        if title_key and block.end - block.start < 400 and folded(ntext[block.start:block.end]) == title_key:
            continue                             # the title printed again above the body
        if is_table_row(ntext, block.start, block.end):
            table_rows.append((block.start, block.end))
            continue
        flush_table()
        table_unit = caption_unit(ntext[block.start:block.end]) if block.end - block.start <= 80 else None
        if block.kind == "heading":
            line = folded(ntext[block.start:block.end])
            if _SECTION_HEADING.match(ntext[block.start:block.end]):
                section_target = any(w in line for w in _TARGET_SECTION)
            target_list_open = False
            for m in vocab.tokens_in(ntext[block.start:block.end]):
                if m.lastgroup in ("year", "month", "quarter", "cumul", "half"):
                    p = period_from(m.lastgroup, m)
                    if p is not None and p.year is not None:
                        doc.heading_year = p.year
                        break
            continue
        digit = vocab.first_digit(ntext, block.start, block.end, digit_re)
        opens_list = ntext[block.end - 1] == ":"      # "… các chỉ tiêu chủ yếu:" (no white space at a block's end)
        if digit < 0 and not opens_list:
            target_list_open = target_list_open and block.kind in ("item", "footnote")
            continue                         # no number, no figure, no year: nothing to read
        # A figure hint starts with a digit, and the scanned text has digits only where the
        # text has them: none starts before the block's first digit.
        figure = figure_re.search(scan, digit, block.end) if digit >= 0 and not opens_list else None
        if not opens_list and not (figure and amount_re.search(scan, figure.start(), block.end)):
            # No figure anywhere in the block, or none a record can be read from (only
            # dates, "16/16"): only its years and periods matter, and its lead period only
            # for the footnotes its markers point to.
            first_mark, after_marks = bisect.bisect_left(mark_positions, block.start), bisect.bisect_right(mark_positions, block.end)
            if first_mark < after_marks:
                state = BlockState()
                note_periods(scan, block.start, block.end, state)
                for k in range(first_mark, after_marks):
                    year = state.year or doc.heading_year or years_seen.latest()
                    footnote_context[marks[k][1]] = (year, state.lead_period)
                years_seen.extend(state.years)
            else:
                years_seen.add_text(scan, block.start, block.end)     # its year, read if asked for
            target_list_open = target_list_open and block.kind in ("item", "footnote")
            continue
        name = vocab.NAME_HINT.search(scan, block.start, block.end) if not opens_list else None
        if (not opens_list and not name
                and bisect.bisect_left(mark_positions, block.start) == bisect.bisect_right(mark_positions, block.end)):
            # Figures, but no indicator named anywhere in the block: a sentence is read for
            # its figures only after a name (a block carries none in from before), so the
            # block gives no record, and with no footnote marker nobody asks for its lead
            # period. Only its latest year matters, read (if asked for) over the block at
            # once: no period token runs across a sentence's end, so the years are those
            # of its sentences.
            years_seen.add_text(scan, block.start, block.end)
            target_list_open = target_list_open and block.kind in ("item", "footnote")
            continue
        state = BlockState()
        # The sentences are searched for these hints again; the block's first matches
        # answer most of those searches.
        state.hints = ((digit, digit + 1) if digit >= 0 else None, figure.span() if figure else None,
                       name.span() if name else None)
        state.digit_hints = (digit_re, figure_re)
        if block.kind == "footnote" and block.footnote in footnote_context:
            state.parent_year, state.lead_period = footnote_context[block.footnote]
        if block.kind == "item" and target_list_open:
            state.target_mode = True
            state.parent_year = list_year or state.parent_year     # "Năm 2025, … các chỉ tiêu:"
        elif block.kind != "footnote":
            target_list_open = False
        if section_target and block.kind != "footnote":
            state.target_mode = True
        for s in sentences_of(ntext, block.start, block.end):
            for f in figures_in_sentence(ntext, scan, s.start, s.end, doc, state, years_seen):
                figures.append((f, s.start, s.end))
            for k in range(bisect.bisect_left(mark_positions, s.start), bisect.bisect_right(mark_positions, s.end)):
                year = state.year or state.parent_year or doc.heading_year or years_seen.latest()
                footnote_context[marks[k][1]] = (year, state.lead_period)
        if state.target_mode and opens_list:
            target_list_open = True
            list_year = state.year
        years_seen.extend(state.years)          # the block's latest year is the latest seen

    flush_table()
    return _records(figures, norm)


MAX_SNIPPET = 1500          # a longer "sentence" (a run-on list, a text without stops) is cut to the clause


def _snippet_bounds(text: str, s_start: int, s_end: int, f_start: int, f_end: int) -> tuple[int, int]:
    """The sentence around a figure, or for a very long sentence the clause around it."""
    if s_end - s_start <= MAX_SNIPPET:
        return s_start, s_end
    lo = max(s_start, f_start - MAX_SNIPPET // 2)
    hi = min(s_end, f_end + MAX_SNIPPET // 2)
    cut = max(text.rfind(";", lo, f_start), text.rfind("\n", lo, f_start))
    a = cut + 1 if cut >= 0 else lo
    stops = [i for i in (text.find(";", f_end, hi), text.find("\n", f_end, hi)) if i >= 0]
    b = min(stops) if stops else hi
    while a < b and text[a].isspace():
        a += 1
    return a, b


def _records(figures: list[tuple[Figure, int, int]], norm: Normalized) -> list[Record]:
    out: list[Record] = []
    seen: set = set()
    text, original = norm.text, norm.original
    for f, s_start, s_end in figures:
        indicator, year = f.indicator, f.year
        if indicator is None or year is None:     # never: emit() gives a figure both
            continue
        period = f.period
        # A whole number is its own rounding (round reads the number's decimal digits, a
        # cost per figure; most amounts are whole).
        value = f.value if f.value.is_integer() else round(f.value, 6)
        key = (f.area, indicator, year, period.month_from, period.month_to, f.measure, value)
        if key in seen:                      # the same figure stated twice is one record
            continue
        seen.add(key)
        # _snippet_bounds gives a sentence no longer than MAX_SNIPPET as it is.
        a, b = (s_start, s_end) if s_end - s_start <= MAX_SNIPPET else _snippet_bounds(text, s_start, s_end, f.start, f.end)
        start, end = norm.original_span(a, b)
        sa, sb = norm.original_span(f.start, f.end)
        # Positional, in the order of Record's fields: a call by keyword costs twice as much.
        out.append(Record(f.area, indicator, year, period.month_from, period.month_to, f.measure, value,
                          f.unit, f.estimate, original[start:end], start, end, original[sa:sb]))
    return out
