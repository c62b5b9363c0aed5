"""The sentence grammar: a small state machine over the scanner's tokens.

A sentence is read left to right. Indicator names set the subject; period phrases set
the period; "ước …" marks the next amount as an estimate; "kế hoạch/dự toán/chỉ tiêu"
just before an amount makes it a target. An amount attaches to the current indicator
and period; a percentage attaches to the amount it follows (its period and estimate
flag) and takes its measure from what it is compared with. Clause breaks (",", ";")
keep the subject only when the next clause goes on with a period, a verb, an estimate
or a figure; otherwise something else is being talked about.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Optional

from tasks.parse import vocab
from tasks.parse.context import DocContext, mentions_in
from tasks.parse.numbers import amount_from, amount_of, number_from
from tasks.parse.periods import WHOLE_YEAR, Period, period_from, span_years

log = logging.getLogger(__name__)

PERIOD_KINDS = ("todate", "cumul", "month", "quarter", "half", "year", "wholeyear")
FIGURE_KINDS = ("pct", "amount", "slash")
# Tokens that continue a clause's subject when a clause starts with them.
CONTINUING_PHRASES = ("indicator", "topical", "estimate", "up", "down", "level", "exceed", "growth",
                      "target", "compare_yoy", "subitem")
SPAN = Period(0, 0)             # the period of a several-year figure: never a record

# The scanner matches a phrase as its words in order, apart by vocab.WORD_SEP: a sentence
# with a target list's phrase holds a match of these (looked for before the scanner is
# run over a whole sentence for it), and every word of the phrase.
_TARGET_LIST_PHRASES = [k for k, (kind, _) in vocab.LEXICON.items() if kind == "target_list"]
_TARGET_LIST = re.compile("|".join(vocab.WORD_SEP.join(map(re.escape, k.split())) for k in _TARGET_LIST_PHRASES))


def _covering_words(phrases: list[str]) -> tuple[str, ...]:
    """A few words such that every phrase holds one of them, the word in the most phrases
    first: a text holding none of them holds no phrase whole (most texts miss the first)."""
    left, chosen = [set(p.split()) for p in phrases], []
    while left:
        best = max(sorted({w for p in left for w in p}), key=lambda w: sum(w in p for p in left))
        chosen.append(best)
        left = [p for p in left if best not in p]
    return tuple(chosen)


_TARGET_LIST_COVER = _covering_words(_TARGET_LIST_PHRASES)
# What each wording of a comparator is ("cùng kỳ", "kế hoạch năm"): the same few recur
# in every report, and reading one folds it again each time.
_comparator_kind = lru_cache(maxsize=1024)(vocab.comparator_kind)
_FOUR_DIGITS = re.compile(r"\d\d\d\d")
_LEAD = re.compile(r"^[\s\-+•–—*·]*(?:[a-zđ]\)|\d+(?:\.\d+)*[.)])?\s*")


# Made for every figure. The __init__ dataclass would write, written out: compiled, the
# generated one is called through Python at every figure, this one natively.
@dataclass(slots=True, init=False)
class Figure:
    """A figure before it becomes a record: what the grammar decided about it."""
    indicator: str | None        # None until a name settles it (a vague figure is dropped)
    measure: str
    value: float
    unit: str
    period: Period
    estimate: bool
    area: str
    start: int                 # offsets of the number in the normalised text
    end: int
    year: int | None = None

    def __init__(self, indicator: str | None, measure: str, value: float, unit: str, period: Period,
                 estimate: bool, area: str, start: int, end: int, year: int | None = None) -> None:
        self.indicator = indicator
        self.measure = measure
        self.value = value
        self.unit = unit
        self.period = period
        self.estimate = estimate
        self.area = area
        self.start = start
        self.end = end
        self.year = year


# What the sentence's reading passes around: a token (match, kind, payload; _tokens_of),
# the emitter of figures and the period a figure without its own takes.
Token = tuple[re.Match, str, Any]
Emit = Callable[[str, float, str, Period, bool, re.Match], Optional[Figure]]
Fallback = Callable[..., Optional[Period]]


class LatestYear:
    """The latest year named so far, in text order. Text read for nothing but its year
    is kept as text until someone asks (most never do: a figure's own sentence or the
    heading names the year), and then read newest first."""
    __slots__ = ("_entries",)

    def __init__(self) -> None:
        self._entries: list = []          # a year, or (scan, start, end) not read yet

    def add(self, year: int | None) -> None:
        if year is not None:
            self._entries.append(year)

    def add_text(self, scan: str, start: int, end: int) -> None:
        """The latest year of scan[start:end], when it names one."""
        self._entries.append((scan, start, end))

    def extend(self, other: "LatestYear") -> None:
        self._entries.extend(other._entries)

    def latest(self) -> int | None:
        entries = self._entries
        while entries:
            last = entries[-1]
            if isinstance(last, int):
                return last
            year = _latest_year(*last)
            if year is None:
                entries.pop()
            else:
                entries[-1] = year
        return None


class BlockState:
    """What one block (paragraph, list item, footnote) carries from sentence to sentence.

    The lead period (the period of the block's first figure, or its first period) is
    read only where something asks for it: a figure with no period of its own, a
    footnote marker. Until then the block keeps its candidates in text order, the
    stretches of text not yet searched for a period and the periods offered, and the
    first that gives one is the lead, as if each had been read on the way.
    """
    __slots__ = ("years", "carry", "target_mode", "parent_year", "topic", "_lead", "_candidates", "hints",
                 "digit_hints")

    def __init__(self) -> None:
        # The first match in the whole block of each hint a sentence is searched for
        # (DIGIT, FIGURE_HINT, NAME_HINT), as records_from found it; None: not searched.
        self.hints: tuple = (None, None, None)
        # The patterns of the first two, the document's vocab.digit_hints.
        self.digit_hints: tuple[re.Pattern, re.Pattern] = (vocab.DIGIT, vocab.FIGURE_HINT)
        self.years = LatestYear()              # the years the block's sentences named
        self.carry: str | None = None          # the indicator the last sentence ended on
        self.target_mode = False               # a target list goes on
        self.parent_year: int | None = None    # footnotes: the year of the sentence with the marker
        self.topic: str | None = None          # an open topic ("thu – chi ngân sách") for short names
        self._lead: Period | None = None
        self._candidates: list = []            # (scan, start, end) to search, or a Period

    @property
    def year(self) -> int | None:
        """The latest year a sentence of the block named."""
        return self.years.latest()

    @year.setter
    def year(self, year: int | None) -> None:      # (the getter's type: compiled, a narrower setter misreads the value)
        self.years.add(year)

    @property
    def lead_period(self) -> Period | None:
        if self._lead is None and self._candidates:
            for c in self._candidates:
                lead = c if isinstance(c, Period) else _lead_in(*c)
                if lead is not None:
                    self._lead = lead
                    break
            self._candidates.clear()
        return self._lead

    @lead_period.setter
    def lead_period(self, period: Period | None) -> None:
        self._lead = period
        self._candidates.clear()

    def offer_lead(self, period: Period) -> None:
        """The lead is this period unless an earlier candidate gives one."""
        if self._lead is None:
            if self._candidates:
                self._candidates.append(period)
            else:
                self._lead = period

    def offer_lead_text(self, scan: str, start: int, end: int) -> None:
        """The lead is the first period of scan[start:end] unless an earlier candidate gives one."""
        if self._lead is None:
            self._candidates.append((scan, start, end))


class _State:
    """What the grammar knows at a point of one sentence. A sentence sets a few of these
    (most stay at their start, below, for the whole sentence): an instance holds only
    what was set, the class the rest."""
    indicator: str | None = None
    recent: str | None = None          # the last indicator named, even if a clause dropped it
    period: Period | None = None
    period_since_figure: bool = False
    last_amount: Figure | None = None
    sub_period: Period | None = None
    pending_estimate: bool = False
    verb: str | None = None
    verb_end: int = -1
    growth: bool = False
    target_cue_end: int | None = None
    target_mode: bool = False
    area: str | None = None
    after_ratio: bool = False          # a "done/planned" pair was just read
    target_list: bool = False          # "giao kế hoạch A X; B Y; …": names with bare amounts are plans
    cue_named: bool = False            # the target cue ran into an indicator name
    digression: bool = False           # the subject was dropped by a clause about something else
    depth: int = 0
    orphan: re.Match | None = None     # an amount read before any subject ("1,52 tỷ USD vốn FDI")

    def __init__(self, target_mode: bool = False) -> None:
        if target_mode:
            self.target_mode = True
        self.figures: list[Figure] = []


def _tokens_of(scan: str, start: int, end: int) -> tuple[list[Token], bool, list[tuple[int, int]]]:
    """The sentence's tokens as (match, kind, payload): a phrase's kind and code, a period
    token's Period (read once), else the scanner's kind and ""; whether one is a figure;
    and the (offset, year) of each period token naming a year. Read in the one pass that
    makes the tokens, not in a pass of their own each."""
    tokens: list[Token] = []
    has_figure = False
    years: list[tuple[int, int]] = []
    for m in vocab.SCANNER.finditer(scan, start, end):
        kind = m.lastgroup or ""              # (every alternative is a named group)
        if kind == "phrase":
            tokens.append((m, *vocab.lexicon_entry(m.group())))
        elif kind in PERIOD_KINDS:
            p = period_from(kind, m)
            tokens.append((m, kind, p))
            if p is not None and p.year is not None:
                years.append((m.start(), p.year))
        else:
            tokens.append((m, kind, ""))
            has_figure = has_figure or kind in FIGURE_KINDS
    return tokens, has_figure, years


class _Cursor:
    """The value of the last (offset, value) item before a position, for positions asked
    in order: found by moving forward, never by rescanning (linear in long sentences)."""

    def __init__(self, items: list) -> None:
        self.items = items
        self.at = 0                     # the items before the last position asked

    def latest_before(self, pos: int) -> Any:
        items, i = self.items, self.at
        while i < len(items) and items[i][0] < pos:
            i += 1
        self.at = i
        return items[i - 1][1] if i else None


def _year_at(pos: int, years: _Cursor, block: BlockState, doc: DocContext, years_before: LatestYear) -> int | None:
    """The year of a figure at pos whose period names none: the sentence's latest year before
    it (years: the sentence's (offset, year) items), else its first, else the block's, …"""
    before = years.latest_before(pos)
    if before is not None:
        return before
    if years.items:
        return years.items[0][1]
    for y in (block.year, block.parent_year, doc.heading_year):
        if y is not None:
            return y
    before = years_before.latest()
    return before if before is not None else doc.published_year


def figures_in_sentence(text: str, scan: str, start: int, end: int, doc: DocContext, block: BlockState,
                        years_before: LatestYear) -> list[Figure]:
    """The figures one sentence (text[start:end], normalised) states; scan is
    vocab.scan_form(text), what the scanner reads."""
    digit, figure, name = block.hints
    digit_re, figure_re = block.digit_hints
    if not _holds(digit_re, digit, text, start, end):
        block.carry = None               # no figure, no period with a number: nothing to read
        return []
    if not _holds(figure_re, figure, scan, start, end) or (
            block.carry is None and block.topic is None and not _holds(vocab.NAME_HINT, name, scan, start, end)):
        block.carry = None
        note_periods(scan, start, end, block)
        if text[end - 1] == ":" and _names_target_list(scan, start, end):
            block.target_mode = True             # "Năm 2024, huyện đề ra các chỉ tiêu chủ yếu:"
        return []
    tokens, has_figure, sentence_years = _tokens_of(scan, start, end)
    if not has_figure:
        _note_years(tokens, block)
        return []
    st = _State(target_mode=block.target_mode)
    if block.carry and tokens:
        m0, k0, _ = tokens[0]
        lead = _LEAD.match(text, start, end)
        first_at = lead.end() if lead else start
        if m0.start() - first_at <= 3 and (k0 in PERIOD_KINDS or k0 in FIGURE_KINDS or k0 in
                                           ("estimate", "up", "down", "level", "exceed", "growth")
                                           or (k0 == "subitem" and len(tokens) > 1 and tokens[1][1] in PERIOD_KINDS)):
            st.indicator = block.carry           # "Riêng tháng 4 thu 97,4 tỷ đồng": the same subject
    # The places the sentence switches to, read when a figure first asks for its area
    # (a sentence whose figures attach to nothing needs none).
    switches: _Cursor | None = None
    years = _Cursor(sentence_years)

    def fallback_period(ignore_span: bool = False) -> Period | None:
        own = None if ignore_span and st.period is SPAN else st.period
        return own or st.sub_period or block.lead_period or doc.default_period

    def emit(measure: str, value: float, unit: str, period: Period, estimate: bool, m: re.Match) -> Figure | None:
        if period is SPAN:
            return None
        nonlocal switches
        area = st.area
        if not area:
            if switches is None:
                switches = _Cursor(_switches(text, start, end, doc))
            area = switches.latest_before(m.start()) or doc.area
        if not area:
            return None
        year = period.year if period.year is not None else _year_at(m.start(), years, block, doc, years_before)
        if year is None:
            return None
        f = Figure(st.indicator, measure, value, unit, period, estimate, area, m.start(), m.end(), year)
        st.figures.append(f)
        if measure == "actual":
            block.offer_lead(period)
        return f

    # The period tokens read, not compared with: the block takes their years and leads
    # at the end, as _note_years reads them, without a pass of its own.
    periods_read = []
    for i, (m, kind, payload) in enumerate(tokens):
        orphan, st.orphan = st.orphan, None
        # The kinds most tokens have are asked for first (a clause break, a figure, a verb).
        if kind == "boundary":
            c = m.group()
            if c in "([":
                st.depth += 1
            elif c in ")]":
                st.depth = max(0, st.depth - 1)
            elif c in ",;|":
                if c != ",":
                    st.pending_estimate = False
                st.area = None
                st.verb = None
                st.target_cue_end = None
                st.growth = False
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                if not _continues(text, m.end(), nxt):
                    st.digression = st.indicator is not None or st.digression
                    st.indicator = None
                elif (nxt is not None and st.indicator is None and st.digression and st.recent and nxt[1] in PERIOD_KINDS
                      and not text[m.end():nxt[0].start()].strip()):
                    # "bán lẻ tháng 3 đạt X, điều chỉnh tăng …; quý I thực hiện Y": back to it
                    st.indicator = st.recent
                    st.period = None
                    st.digression = False
        elif kind == "pct":
            # Only a period token right after it can be its own.
            own = (_own_period(text, m, tokens, i) if i + 1 < len(tokens) and tokens[i + 1][1] in PERIOD_KINDS
                   else None)
            _percentage(m, st, emit, fallback_period, own)
        elif kind == "amount":
            if st.indicator is None:
                st.orphan = m
            _amount(m, st, emit, fallback_period)
        elif kind in ("up", "down", "level", "exceed"):
            st.verb, st.verb_end = kind, m.end()
        elif kind == "indicator":
            _new_indicator(payload, m, st)
            if orphan is not None and text[orphan.end():m.start()].strip().casefold() in ("", "được"):
                # "1.085 lao động được tạo việc làm", "thu hút 1,52 tỷ USD vốn FDI đăng ký":
                # the amount right before the name is its own.
                _amount(orphan, st, emit, fallback_period)
        elif kind == "estimate":
            st.pending_estimate = True
        elif kind in PERIOD_KINDS:
            if _compared_period(m):
                continue                          # "so với quý II": the period compared with
            periods_read.append((m, kind, payload))
            p = payload
            if p is None:
                st.period = SPAN                  # "tháng 13": a period we cannot read
                st.period_since_figure = True
            else:
                st.period = p
                st.period_since_figure = True
                if kind != "year":
                    block.offer_lead(p)
        elif kind == "relative":
            if m.group("rel3"):                  # "từ đầu năm (đến nay)": the months to date
                named = [p for p in doc.heading_periods if p.month_from == 1]
                named.sort(key=lambda p: -p.month_to)
            else:
                unit = (m.group("rel") or m.group("rel2")).casefold()
                length = 3 if unit.startswith("q") else 1
                named = [p for p in doc.heading_periods if p.month_to - p.month_from + 1 == length]
            if named:
                st.period = named[0]
                st.period_since_figure = True
        elif kind == "span":
            if span_years(m) >= 2:
                st.period = SPAN
                st.period_since_figure = True
        elif kind == "slash":
            _ratio(m, st, emit, fallback_period)
        elif kind == "points":
            st.verb = None
        elif kind == "topic":
            block.topic = payload
        elif kind == "topical":
            code = vocab.TOPIC_NAMES.get(block.topic or "", {}).get(payload)
            if code is not None:
                _new_indicator(code, m, st)
        elif kind == "target":
            st.target_cue_end = m.end()
            st.cue_named = False
        elif kind == "target_list":
            st.target_mode = True
        elif kind == "growth":
            st.growth = True
            st.verb = None
        elif kind == "subitem":
            nxt_kind = tokens[i + 1][1] if i + 1 < len(tokens) else None
            if nxt_kind in PERIOD_KINDS:
                st.indicator = st.indicator or st.recent
            else:
                # "trong đó thu nội địa …": a part, named or nobody's. ("riêng quý 3 …"
                # narrows the period of the same indicator.)
                st.sub_period = st.last_amount.period if st.last_amount else st.period
                st.indicator = None
        elif kind == "other_subject":
            if i > 0 and tokens[i - 1][1] == "slash" and not text[tokens[i - 1][0].end():m.start()].strip():
                continue                         # "186,2/352,6 tỷ đồng kế hoạch vốn": the plan's name
            st.indicator = None
            st.digression = False
        elif kind == "national":
            st.area = "Việt Nam"
            if st.indicator is not None and vocab.INDICATORS[st.indicator].kind == "amount" and not vocab.INDICATORS[st.indicator].growth:
                st.verb = None                   # "cao hơn bình quân cả nước (60,9%)": a share, a level
    block.carry = st.indicator
    if st.target_mode and text[end - 1] == ":":        # a sentence has no white space at its end
        block.target_mode = True
    _note_periods_read(periods_read, block)
    return _settle_vague(st.figures)


def _switches(text: str, start: int, end: int, doc: DocContext) -> list:
    """(offset, area) of each place text[start:end] names that is not the document's
    own area (nor an organ's: "UBND huyện X" reports, it is not talked about)."""
    return [(start + a, area) for a, _, _, area, organ in mentions_in(text[start:end])
            if not organ and doc.area and area.casefold() != doc.area.casefold()]


def _names_target_list(scan: str, start: int, end: int) -> bool:
    """Does the scanner read a target list's phrase in scan[start:end]? Looked for first
    as the covering words, then as the phrases alone; the scanner is run only over a
    sentence that holds one."""
    if all(scan.find(w, start, end) < 0 for w in _TARGET_LIST_COVER) or not _TARGET_LIST.search(scan, start, end):
        return False
    return any(vocab.lexicon_entry(t.group())[0] == "target_list"
               for t in vocab.SCANNER.finditer(scan, start, end) if t.lastgroup == "phrase")


def _holds(pattern: re.Pattern, first: tuple[int, int] | None, string: str, start: int, end: int) -> bool:
    """pattern.search(string, start, end) is not None, for a sentence of a block in which
    the first match of the pattern is `first` (a span; None: not known). The hints have
    no look-around: a match within the sentence is one within the block, so none starts
    before the block's first, and the block's first, when inside the sentence, is one."""
    if first is not None:
        a, b = first
        if end <= a:
            return False
        if start <= a and b <= end:
            return True
    return pattern.search(string, start, end) is not None


def note_periods(scan: str, start: int, end: int, block: BlockState) -> None:
    """Read only the years and periods of scan[start:end] into the block's context (the
    lead period is searched for when the block asks for it)."""
    block.offer_lead_text(scan, start, end)
    block.years.add_text(scan, start, end)


def _lead_in(scan: str, start: int, end: int) -> Period | None:
    """The first period of scan[start:end] that can lead a block: not a bare year, not
    the period of a comparison."""
    marks = [at for at in [scan.find(w, start, end) for w in _LEAD_MARKS] if at >= 0]
    if not marks:
        return None
    # Every period but a year holds a lead mark and no token holds a clause stop: the
    # clauses before the one with the first mark name years at most; the search for
    # the lead starts at that clause.
    first = min(marks)
    begin = max(start, _last_stop(scan, start, first) + 1)
    for m in vocab.PERIOD_SCANNER.finditer(scan, begin, end):
        k = m.lastgroup
        if k in PERIOD_KINDS and k != "year" and not _past_period(m):
            p = period_from(k, m)
            if p is not None:
                return p
    return None


# Every period shorter than a year holds one of these ("tháng", "quý", a date's slash,
# the first word of a half-year phrase without "tháng"): a sentence with none of them can
# only name years.
_LEAD_MARKS = ("tháng", "quý", "/") + tuple(sorted({vocab.folded(p).split()[0] for p in vocab.FIRST_HALF
                                                    if "tháng" not in vocab.folded(p)}))

# No period token holds one of these characters: a scan started just after one finds the
# tokens a scan of the whole sentence finds from there on.
_PERIOD_STOPS = ",;.:()"
# The last of them in a range: the greedy run goes to the range's end and steps back to
# the nearest stop (one backward walk, where an rfind per character walks up to six).
_LAST_STOP = re.compile(r"(?s:.*)[" + re.escape(_PERIOD_STOPS) + "]")


def _last_stop(scan: str, lo: int, hi: int) -> int:
    """max(scan.rfind(c, lo, hi) for c in _PERIOD_STOPS)."""
    m = _LAST_STOP.match(scan, lo, hi)
    return m.end() - 1 if m else -1


def _latest_year(scan: str, start: int, end: int) -> int | None:
    """The year of the last period token in scan[start:end] that names one (not a
    comparison's), as a scan of the whole range finds the tokens; None when none does.

    Only a token holding a four-digit number names a year, so the numbers are visited
    from the last, and for each only the token around it is read: a scan from just
    after the last clause mark before it (no token holds one, so a scan of the whole
    range is in step there) up to the token that holds the number."""
    numbers = [q.start() for q in _FOUR_DIGITS.finditer(scan, start, end)]
    for at in reversed(numbers):
        begin = max(start, _last_stop(scan, start, at) + 1)
        for m in vocab.PERIOD_SCANNER.finditer(scan, begin, end):
            if m.start() > at:
                break
            if m.end() > at:                 # the token holding the number
                k = m.lastgroup
                if k in PERIOD_KINDS and not _past_period(m):
                    p = period_from(k, m)
                    if p is not None and p.year is not None:
                        return p.year
                break
    return None


def _past_period(m: re.Match) -> bool:
    """"mức tăng 4,1% của quý I/2023", "so với quý II": a comparison's period."""
    return _owned_period(m) or _compared_period(m)


def _owned_period(m: re.Match) -> bool:
    """"của quý I/2023": the period another figure belongs to."""
    return m.string[max(0, m.start() - 4):m.start()] == "của "


def _note_years(tokens: list[Token], block: BlockState) -> None:
    """The years and leads of a sentence's period tokens (but a comparison's) into the block."""
    _note_periods_read([t for t in tokens if t[1] in PERIOD_KINDS and not _compared_period(t[0])], block)


def _note_periods_read(periods: list[Token], block: BlockState) -> None:
    """_note_years of the period tokens a sentence read, those not compared with."""
    for m, k, payload in periods:
        if _owned_period(m):
            continue                      # "mức tăng 4,1% của quý I/2023": a past period
        p = period_from(k, m) if isinstance(payload, str) else payload
        if p is None:
            continue
        if p.year is not None:
            block.year = p.year
        if k != "year":
            block.offer_lead(p)


# A percentage compared with something ("so với …") that is not one of the comparators.
_COMPARED = re.compile(r"\s*so(?:\s+với)?\s")
# "cao hơn mức tăng 7,15% của cùng kỳ năm trước": last year's figure, not this one's.
_OF_LAST_YEAR = re.compile(r"\s*của\s+(?:cùng\s+kỳ|năm\s+trước)")
_COMPARED_MONTH = re.compile(r"\s*so(?:\s+với)?\s+tháng\s+(\d{1,2})(?![\d/])(?!\s+năm)")
_COMPARED_BEFORE = re.compile(r"(?<![^\W_])so(?:\s+với)?\s+$")


def _compared_period(m: re.Match) -> bool:
    """"so với quý II", "so với tháng 6": the period something is compared with."""
    return _COMPARED_BEFORE.search(m.string, max(0, m.start() - 10), m.start()) is not None


def _continues(text: str, pos: int, nxt: Token | None) -> bool:
    """Does the clause starting at pos go on about the same subject?"""
    if nxt is None:
        return False
    m, kind, _ = nxt
    at = m.start()
    # Most clauses start right after the break's space: no words between to compare.
    gap = "" if at - pos <= 1 and text[pos:at].isspace() or at == pos else text[pos:at].strip().casefold()
    if gap not in ("", "và", "còn", "trong đó", "riêng", "lũy kế", "bình quân", "tính bình quân", "tính chung"):
        return False
    return kind in PERIOD_KINDS or kind in FIGURE_KINDS or kind in CONTINUING_PHRASES or kind == "span"


def _new_indicator(code: str, m: re.Match, st: _State) -> None:
    if code == st.indicator:
        return
    words = m.group().casefold()
    if not st.period_since_figure:
        if st.depth > 0 and st.last_amount is not None:
            st.sub_period = st.last_amount.period        # a sub-item in parentheses
        elif st.indicator is not None or st.last_amount is not None:
            st.period = None
    if st.target_cue_end is not None and m.start() - st.target_cue_end <= 3:
        st.target_cue_end = m.end()        # "dự toán thu ngân sách … là X": the cue spans the name
        st.cue_named = True
    st.indicator = st.recent = code
    st.last_amount = None
    st.after_ratio = False
    st.growth = "tăng trưởng" in words or "tốc độ tăng" in words or vocab.INDICATORS[code].growth
    st.verb = None


def _is_target(m: re.Match, st: _State) -> bool:
    return st.target_mode or (st.target_cue_end is not None and m.start() - st.target_cue_end <= 40)


def _amount(m: re.Match, st: _State, emit: Emit, fallback_period: Fallback) -> None:
    verb, st.verb = st.verb, None
    if st.indicator is None:
        return
    ind = vocab.INDICATORS[st.indicator]
    parsed = amount_of(m.group(), m.group("a_num"), m.group("a_unit"))
    if parsed is None or ind.kind != "amount" or parsed[1] != ind.unit:
        return
    if verb in ("up", "down") and m.start() - st.verb_end <= 15:
        return                                   # "tăng 50 tỷ đồng": a change, not a level
    value, unit = parsed
    cued = st.target_cue_end is not None and m.start() - st.target_cue_end <= 40
    target = st.target_mode or cued or (st.target_list and verb is None and not st.pending_estimate
                                        and not st.period_since_figure)
    estimate, st.pending_estimate = st.pending_estimate, False
    if cued and st.cue_named:
        st.target_list = True                   # "giao kế hoạch giá trị sản xuất 452,6 tỷ đồng; …"
    if target:
        period = st.period if (st.period and st.period_since_figure and st.period is not SPAN
                               and (st.period.month_from, st.period.month_to) != (1, 12)) else WHOLE_YEAR
        if st.period is SPAN:
            return
        if st.period is not None and st.period.year is not None:
            period = period.with_year(st.period.year)
        emit("target", value, unit, period, False, m)
        st.target_cue_end = None
        st.period_since_figure = False
        return
    actual_period = fallback_period()
    if actual_period is None:
        return
    f = emit("actual", value, unit, actual_period, estimate, m)
    st.period_since_figure = False
    if f is not None:
        st.last_amount = f
    elif actual_period is SPAN:
        st.last_amount = Figure(st.indicator, "actual", value, unit, SPAN, estimate, "", m.start(), m.end())


def _ratio(m: re.Match, st: _State, emit: Emit, fallback_period: Fallback) -> None:
    """"76.439/254.720 triệu đồng": done over planned. The first number restates the
    amount before it; the second is the plan."""
    st.verb = None
    unit_done = m.group("s_unit1") or m.group("s_unit")
    unit_plan = m.group("s_unit") or m.group("s_unit1")
    if st.indicator is None or not unit_done:
        return
    ind = vocab.INDICATORS[st.indicator]
    nums = vocab.NUMBER.findall(m.group())
    if len(nums) != 2 or ind.kind != "amount":
        return
    done = amount_from(f"{nums[0]} {unit_done}")
    plan = amount_from(f"{nums[1]} {unit_plan}")
    if done is None or plan is None or done[1] != ind.unit:
        return
    base = st.last_amount
    if base is None or abs(base.value - done[0]) > 1e-6 * max(1.0, abs(done[0])):
        period = fallback_period()
        if period is not None:
            f = emit("actual", done[0], done[1], period, st.pending_estimate, m)
            if f is not None:
                st.last_amount = base = f
    if base is not None and base.period is not SPAN:
        emit("target", plan[0], plan[1], WHOLE_YEAR.with_year(base.year), False, m)
        st.after_ratio = True


def _own_period(text: str, m: re.Match, tokens: list[Token], i: int) -> Period | None:
    """"mức tăng 4,1% của quý I/2023": a period right after a percentage is its own."""
    if i + 1 >= len(tokens):
        return None
    nm, nkind, _ = tokens[i + 1]
    if nkind in PERIOD_KINDS and text[m.end():nm.start()].strip().casefold() in ("của", "trong"):
        return tokens[i + 1][2]
    return None


def _percentage(m: re.Match, st: _State, emit: Emit, fallback_period: Fallback, own_period: Period | None) -> None:
    verb, st.verb = st.verb, None
    growth, st.growth = st.growth, False
    if st.indicator is None or m.group("p_peryear"):
        return
    ind = vocab.INDICATORS[st.indicator]
    x = number_from(m.group("p_num"))
    if x is None:
        return
    compared = m.group("p_cmp")
    cmp = _comparator_kind(compared) if compared else None
    month_before = None
    if cmp is None and (named := _COMPARED_MONTH.match(m.string, m.end())):
        cmp, month_before = "mom", int(named.group(1))     # "tăng 6,8% so với tháng 3"
    if cmp == "none" or (cmp is None and (_COMPARED.match(m.string, m.end()) or _OF_LAST_YEAR.match(m.string, m.end()))):
        return                                   # "giảm 2,3% so với quý II": no measure of ours
    if cmp is None and ind.kind != "rate" and _is_target(m, st):
        return                                   # "mục tiêu tăng trưởng 11%": a target rate
    measure = value = None
    if ind.kind == "rate":
        if cmp is None and verb not in ("up", "down", "exceed"):
            measure, value = ("target" if _is_target(m, st) else "actual"), x
    elif cmp == "plan":
        if ind.kind == "amount" and not st.target_mode:
            measure = "plan_pct"
            value = 100 + x if verb in ("exceed", "up") else 100 - x if verb == "down" else x
    elif cmp in ("yoy", "mom"):
        if not st.target_mode:
            measure = f"{cmp}_pct"
            if verb == "down":
                value = 100 - x
            elif verb in ("up", "exceed") or growth:
                value = 100 + x                  # "tăng 9,7%", "tăng trưởng đạt 5,51%"
            else:
                value = x                        # "bằng 108,2%", "đạt 78,3%"
    elif not st.target_mode and verb != "exceed":
        if verb == "up":
            measure, value = "yoy_pct", 100 + x
        elif verb == "down":
            measure, value = "yoy_pct", 100 - x
        elif growth:
            measure, value = "yoy_pct", 100 + x
        elif st.after_ratio and ind.kind == "amount":
            measure, value = "plan_pct", x          # "318,5 tỷ đồng/405 tỷ đồng kế hoạch, đạt 78,6%"
        elif ind.kind == "index" and x > 50:
            measure, value = "yoy_pct", x
    if measure is None or value is None:
        return
    base = st.last_amount
    period: Period | None
    if own_period is not None:
        period, estimate = own_period, False     # "mức tăng 4,1% của quý I/2023": a past figure
    elif measure in ("actual", "target"):
        period = WHOLE_YEAR if measure == "target" and not st.period_since_figure else fallback_period()
        if period is SPAN and ind.kind == "rate":
            # "tỷ lệ hộ nghèo theo chuẩn giai đoạn 2022 - 2025 còn 0,55%": the span names
            # the poverty standard; the rate is a level at the time of the report.
            period = fallback_period(ignore_span=True)
        estimate = st.pending_estimate
        st.pending_estimate = False
    elif base is not None and not (st.period_since_figure and st.period is not None and st.period is not SPAN):
        period, estimate = base.period, base.estimate
    else:
        # No amount before it: "tháng 6 ước tăng 1,8% so với tháng trước và tăng 12,7% so
        # với cùng kỳ" — the estimate word covers the clause's percentages.
        period, estimate = fallback_period(), st.pending_estimate
    if own_period is not None:
        st.pending_estimate = False
    if period is None:
        return
    if month_before is not None and not (period.month_from == period.month_to == month_before % 12 + 1):
        return                                   # compared with a month that is not the one before
    f = emit(measure, value, "percent", period, estimate, m)
    if f is not None and measure == "actual":
        st.last_amount = f
    st.period_since_figure = False


def _settle_vague(figures: list[Figure]) -> list[Figure]:
    """"đến ngày 18/8/2023, ước thực hiện X, lũy kế 8 tháng Y": when a sentence states the
    months to date again, the figure under the date is the month's own."""
    if not any(f.period.vague for f in figures):
        return figures                            # no date stands for the months to date
    stated = {(g.indicator, g.period.month_from, g.period.month_to)
              for g in figures if g.measure == "actual" and not g.period.vague}
    for f in figures:
        if f.period.vague and f.measure == "actual" and (f.indicator, f.period.month_from, f.period.month_to) in stated:
            p = f.period
            f.period = Period(p.month_to, p.month_to, p.year)
    return figures
