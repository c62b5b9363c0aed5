"""The vocabulary of the grammar, loaded from vocab/*.toml and compiled once at import.

Two data files feed it:
- vocab/indicators.toml: each indicator's code, name, unit, additive flag, kind and
  variants (the names reports use);
- vocab/grammar.toml: scales, currencies, count units, approximators, period words,
  the phrases that steer a sentence (estimate, target, verbs, other subjects, spans),
  what a percentage is compared with, area prefixes, page furniture.

Every phrase and variant goes into one word trie; the trie becomes one regular
expression whose alternatives are tried longest first, so "doanh thu dịch vụ lưu trú
và ăn uống" (an indicator) wins over "doanh thu" (a company's revenue) at the same
place. A malformed entry raises VocabularyError at import, naming the file and entry.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from typing import Final, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tasks.parse import compiled
from tasks.parse.normalize import Census, folded, high_bytes, places_of

# Beside the package's sources (this module may be a compiled copy elsewhere: compiled.py).
VOCAB_DIR = Path(compiled.PACKAGE_DIR) / "vocab"
UNITS = ("million_vnd", "million_usd", "persons", "count", "percent")
KINDS = ("amount", "index", "rate")
PHRASE_KINDS = ("estimate", "target", "target_list", "up", "down", "level", "exceed", "growth",
                "inert", "subitem", "other_subject", "span", "compare_yoy", "national")
COMPARATOR_KINDS = ("plan", "yoy", "mom", "none")

# Between the words of a phrase: spaces, or a comma/dash with optional spaces. Written
# as spaces then perhaps a mark, or a mark: the same places tried in the same order as
# "\s*[,\-–—]\s*|\s+", but each branch starts with a class the engine tests in place.
WORD_SEP = r"(?:\s\s*(?:[,\-–—]\s*)?|[,\-–—]\s*)"


class VocabularyError(ValueError):
    """A vocabulary file has an entry the grammar cannot use; the message says which."""


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str
    additive: bool
    kind: str            # amount, index, rate
    growth: bool = False # a bare "đạt X%" is its growth rate


def _load(name: str) -> dict:
    path = VOCAB_DIR / name
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise VocabularyError(f"{path}: cannot read the vocabulary ({e}); fix the TOML syntax") from e


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise VocabularyError(f"{where}: expected a non-empty list of non-empty strings, got {value!r}")
    for v in value:
        if not folded(v):
            raise VocabularyError(f"{where}: {v!r} has no letters or digits to match")
    return value


def _indicators(data: dict) -> tuple[dict[str, Indicator], dict[str, str]]:
    """Indicators by code, and folded variant → code."""
    where = f"{VOCAB_DIR / 'indicators.toml'}"
    entries = data.get("indicator")
    if not isinstance(entries, list) or not entries:
        raise VocabularyError(f"{where}: no [[indicator]] entries")
    by_code: dict[str, Indicator] = {}
    variants: dict[str, str] = {}
    for n, e in enumerate(entries, 1):
        here = f"{where}: indicator #{n} ({e.get('code', '?')})"
        for key in ("code", "name", "unit", "additive", "variants"):
            if key not in e:
                raise VocabularyError(f"{here}: missing key {key!r}")
        if e["unit"] not in UNITS:
            raise VocabularyError(f"{here}: unit {e['unit']!r} is not one of {UNITS}")
        kind = e.get("kind", "amount")
        if kind not in KINDS:
            raise VocabularyError(f"{here}: kind {kind!r} is not one of {KINDS}")
        if e["code"] in by_code:
            raise VocabularyError(f"{here}: code {e['code']!r} appears twice")
        if not isinstance(e.get("growth", False), bool):
            raise VocabularyError(f"{here}: growth must be true or false")
        by_code[e["code"]] = Indicator(e["code"], e["name"], e["unit"], bool(e["additive"]), kind,
                                       e.get("growth", False))
        for v in _strings(e["variants"], f"{here} variants"):
            key = folded(v)
            if variants.get(key, e["code"]) != e["code"]:
                raise VocabularyError(f"{here}: variant {v!r} already names {variants[key]!r}")
            variants[key] = e["code"]
    return by_code, variants


def _trie_pattern(phrases: Iterable[str]) -> str:
    """One regex for many phrases: a character trie, so that at each place the engine
    tests one branch per distinct next character. A space between words accepts any
    spacing, a comma or a dash; longer continuations are tried first."""
    trie: dict = {}
    for p in phrases:
        node = trie
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}

    def node_re(node: dict) -> str:
        alts = []
        for ch in sorted(k for k in node if k):
            piece = WORD_SEP if ch == " " else re.escape(ch)
            alts.append(piece + node_re(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        # An end of phrase here: take the longer continuation when it matches.
        return f"(?:{body})?" if "" in node else body

    return node_re(trie)


def _alternation(words: Iterable[str]) -> str:
    """Literal words as one alternation, longest first, spaces matching any spacing."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


G = _load("grammar.toml")
INDICATORS, _VARIANTS = _indicators(_load("indicators.toml"))

try:
    SCALES: dict[str, float] = {folded(k): float(v) for k, v in G["scales"].items()}
    CURRENCIES: dict[str, str] = {folded(k): v for k, v in G["currencies"].items()}
    COUNT_UNITS: dict[str, str] = {folded(k): v for k, v in G["count_units"].items()}
    BARE_MONEY_SCALES = {folded(s) for s in _strings(G["bare_money"]["scales"], "grammar.toml [bare_money] scales")}
    APPROXIMATORS = _strings(G["approximate"]["words"], "grammar.toml [approximate] words")
    NUMBER_WORDS: dict[str, int] = {folded(k): int(v) for k, v in G["number_words"].items()}
    QUARTERS: dict[str, int] = {k.casefold(): int(v) for k, v in G["quarters"].items()}
    MONTH_WORDS: dict[str, int] = {folded(k): int(v) for k, v in G.get("month_words", {}).items()}
    CUMULATIVE_WORDS = _strings(G["period_words"]["cumulative_words"], "grammar.toml [period_words] cumulative_words")
    WHOLE_YEAR = _strings(G["period_words"]["whole_year"], "grammar.toml [period_words] whole_year")
    FIRST_HALF = _strings(G["period_words"]["first_half"], "grammar.toml [period_words] first_half")
    PHRASES: dict[str, str] = {folded(a): "approx" for a in APPROXIMATORS}
    for kind in PHRASE_KINDS:
        for p in _strings(G["phrases"][kind], f"grammar.toml [phrases] {kind}"):
            key = folded(p)
            if key in PHRASES and PHRASES[key] != kind:
                raise VocabularyError(f"grammar.toml [phrases]: {p!r} is both {PHRASES[key]} and {kind}")
            PHRASES[key] = kind
    COMPARATORS: dict[str, str] = {}
    for kind in COMPARATOR_KINDS:
        for p in _strings(G["comparators"][kind], f"grammar.toml [comparators] {kind}"):
            COMPARATORS[folded(p)] = kind
    AREA_PREFIXES = _strings(G["areas"]["prefixes"], "grammar.toml [areas] prefixes")
    DISTRICT_PREFIXES = {folded(p) for p in _strings(G["areas"]["district_prefixes"], "grammar.toml [areas] district_prefixes")}
    ORGANS = _strings(G["areas"]["organs"], "grammar.toml [areas] organs")
    AREA_ALIASES: dict[str, str] = {folded(k): v for k, v in G["areas"]["aliases"].items()}
    PROVINCES = _strings(G["areas"].get("provinces", ["Hà Nội"]), "grammar.toml [areas] provinces")
    _T = G["tables"]
    TABLE_HEADERS = {kind: {folded(w) for w in _strings(_T[f"{kind}_headers"], f"grammar.toml [tables] {kind}_headers")}
                     for kind in ("unit", "plan", "yoy", "mom", "target", "estimate", "growth", "caption_unit")}
    TABLE_UNITS: dict[str, tuple[str, float]] = {}
    for _u, _v in _T["units"].items():
        if not (isinstance(_v, list) and len(_v) == 2 and _v[0] in UNITS and isinstance(_v[1], (int, float))):
            raise VocabularyError(f"grammar.toml [tables.units] {_u!r}: expected [unit code, multiplier], got {_v!r}")
        TABLE_UNITS["%" if _u.strip() == "%" else folded(_u)] = (_v[0], float(_v[1]))
    SIDEBAR_MARKERS = {folded(m) for m in _strings(G["noise"]["sidebar_markers"], "grammar.toml [noise] sidebar_markers")}
    LINE_MARKERS = [folded(m) for m in _strings(G["noise"]["line_markers"], "grammar.toml [noise] line_markers")]
    ABBREVIATIONS = {folded(a) for a in _strings(G["noise"]["abbreviations"], "grammar.toml [noise] abbreviations")}
except KeyError as e:
    raise VocabularyError(f"{VOCAB_DIR / 'grammar.toml'}: missing section or key {e}") from e
except (TypeError, ValueError) as e:
    if isinstance(e, VocabularyError):
        raise
    raise VocabularyError(f"{VOCAB_DIR / 'grammar.toml'}: bad value ({e})") from e

for _key in PHRASES:
    if _key in _VARIANTS:
        raise VocabularyError(f"grammar.toml [phrases] {PHRASES[_key]}: {_key!r} is also a variant of "
                              f"indicator {_VARIANTS[_key]!r}; keep it in one place")

# Topics: openers, and the short names each makes valid.
TOPIC_NAMES: dict[str, dict[str, str]] = {}
_TOPIC_OPENERS: dict[str, str] = {}
for _topic, _entry in G.get("topics", {}).items():
    _where = f"grammar.toml [topics.{_topic}]"
    if not isinstance(_entry, dict) or not isinstance(_entry.get("names"), dict):
        raise VocabularyError(f"{_where}: needs openers = [...] and names = {{ short name = code }}")
    for _opener in _strings(_entry.get("openers"), f"{_where} openers"):
        _TOPIC_OPENERS[folded(_opener)] = _topic
    TOPIC_NAMES[_topic] = {}
    for _name, _code in _entry["names"].items():
        if _code not in INDICATORS:
            raise VocabularyError(f"{_where}: {_name!r} names unknown indicator {_code!r}")
        TOPIC_NAMES[_topic][folded(_name)] = _code

# Folded phrase → (kind, payload): "indicator" with its code, or a phrase kind.
LEXICON: dict[str, tuple[str, str]] = {}
for _names in TOPIC_NAMES.values():
    LEXICON.update({k: ("topical", k) for k in _names})
LEXICON.update({k: ("topic", t) for k, t in _TOPIC_OPENERS.items()})
LEXICON.update({k: ("indicator", c) for k, c in _VARIANTS.items()})
LEXICON.update({k: (kind, "") for k, kind in PHRASES.items()})

# ---------------------------------------------------------------------------------------
# The scanner: one regex, alternatives in priority order (at one position the first
# that matches wins; positions are scanned left to right).
# ---------------------------------------------------------------------------------------
# Vietnamese numbers ("1.138.377", "423,2"); a dot followed by one or two digits can
# only be a decimal point ("10.5%" on sites that write English decimals).
_BARE_NUM = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![.\d])|\d+\.\d{1,2}(?![.\d])|\d+(?:,\d+)?)(?![\d])"
NUM = r"(?<![\w.,/])" + _BARE_NUM
_SCALE = _alternation(SCALES)
_UNIT = _alternation(list(CURRENCIES) + list(COUNT_UNITS))
_NUMWORD = _alternation(NUMBER_WORDS)
_CUMUL = _alternation(CUMULATIVE_WORDS)
_MONTHWORD = "(?:" + "|".join(
    re.escape(w).replace(r"\ ", r"\s+") + (r"(?=\s+năm\b)" if w == "năm" else "")
    for w in sorted(list(NUMBER_WORDS) + list(MONTH_WORDS), key=lambda w: (-len(w), w))) + r")(?![^\W_])"
_CMP = _trie_pattern(COMPARATORS)
_NUMWORD_FIRST = "".join(sorted({w[0] for w in NUMBER_WORDS}))
_CUMUL_FIRST = "".join(sorted({folded(w)[0] for w in CUMULATIVE_WORDS}))
_END = r"(?![^\W_])"
_UNIT_PHRASE = r"(?:" + _SCALE + r"(?:\s*" + _UNIT + r")?|" + _UNIT + r")"
_YEAR_TAIL = r"(?:\s*/\s*(?P<{0}>\d{{4}})|\s+năm\s+(?P<{0}2>\d{{4}}))?"

# Document numbers (447/UBND-TH, 04- NQ/QU) are never figures. They need the letter
# case to be told from amounts, so they are found in the text as written and masked
# in the lower-case copy the scanner reads.
DOCNUM = re.compile(r"\d(?<![\w/]\d)\d*(?:/\d+)*\s?[-/]\s?[A-ZĐ][\w&]*(?:[-/.][\w&]+)*")


def _figure_parts(lead: str) -> list[tuple[str, str]]:
    """The figures, each a number (what lead matches: the number itself in the parts
    below, a back-reference to it in the scanner) and what follows it."""
    return [
        ("points", lead + r"\s*điểm(?:\s+phần\s+trăm|\s*%)?" + _END),
        ("pct", r"(?P<p_num>" + lead + r")\s*(?:%|phần\s+trăm" + _END + r")"
                r"(?P<p_peryear>\s*/\s*năm)?(?:\s*(?:so\s+(?:với\s+)?)?(?P<p_cmp>(?:" + _CMP + r")(?:\s+(?:cả\s+)?năm(?:\s+\d{4})?)?|năm\s+\d{4})" + _END + r")?"),
        ("slash", lead + r"(?:\s*(?P<s_unit1>" + _UNIT_PHRASE + r")" + _END + r")?\s*/\s*" + _BARE_NUM + r"(?:\s*/\s*\d+)?(?:\s*(?P<s_unit>" + _UNIT_PHRASE + r")" + _END + r")?"),
        ("amount", r"(?P<a_num>" + lead + r")\s*(?P<a_unit>" + _SCALE + r"(?:\s+" + NUM + r"\s*" + _SCALE + r")*(?:\s*" + _UNIT + r")?|"
                   + _UNIT + r")" + _END),
    ]


SCANNER_PARTS = [
    # Dates: never figures (a "đến ngày" date is a period, below).
    ("todate", r"(?=[tđ])(?:tính\s+)?(?:từ\s+đầu\s+năm\s+)?(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:(?:ngày\s+|(?=\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}(?!\d)))(?P<td_d>\d{1,2})\s*/\s*(?P<td_m>\d{1,2})(?:\s*/\s*(?P<td_y>\d{4}))?"
               r"|(?:hết\s+|cuối\s+)?tháng\s+(?P<tm_m>\d{1,2})" + _YEAR_TAIL.format("tm_y") + r")" + _END),
    ("date", r"(?=[n\d])(?:ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?|(?<![\w.,/])\d{1,2}/\d{1,2}/\d{2,4}(?!\d)|ngày\s+\d{1,2}/\d{1,2}(?!\d))"),
    # Several years at once, or a horizon: no record until a new period.
    ("span", r"(?=[đt\d" + _NUMWORD_FIRST + r"])(?:(?:đến|tới|từ)\s+năm\s+\d{4}|(?<!\d)\d{4}\s*[-–—]\s*\d{4}(?!\d)|(?<![\w.,])(?:\d+|" + _NUMWORD
             + r")\s+năm(?!\s+\d)(?!\s+(?:nay|trước|ngoái|sau|qua\b))" + _END + ")"),
    # "so với (cùng kỳ) năm 2022": a comparison, not the year of the figures.
    ("compare_year", r"so\s+(?:với\s+)?(?:cùng\s+kỳ\s+)?năm\s+\d{4}" + _END),
    # Periods.
    ("cumul", r"(?=[\d" + _CUMUL_FIRST + _NUMWORD_FIRST + r"])(?:(?:" + _CUMUL + r"\s+)?(?<![\w.,/])(?P<cm_n>\d{1,2}|" + _NUMWORD + r")\s+tháng(?P<cm_first>\s+đầu\s+năm)?(?:\s+(?:năm\s+)?(?P<cm_y>\d{4}))?"
              r"(?P<cm_last>\s+cuối\s+năm)?" + _END + ")"),
    # "tháng 7", "tháng Bảy" ("tháng năm" only as "tháng Năm năm 2024": else it is "the
    # month of the year").
    ("month", r"tháng\s+(?P<mo_n>\d{1,2}(?!\d)|" + _MONTHWORD + r")" + _YEAR_TAIL.format("mo_y") + _END),
    ("quarter", r"quý\s+(?P<q_n>iv|i{1,3}|[1-4])" + _END + _YEAR_TAIL.format("q_y") + _END),
    ("half", _alternation(FIRST_HALF) + r"(?:\s+(?:năm\s+)?(?P<h_y>\d{4}))?" + _END),
    # "trong quý", "tháng này": the quarter or month the document reports on.
    ("relative", r"(?=[tcq])(?:(?:trong|của)\s+(?P<rel>quý|tháng)(?:\s+này)?(?!\s*\d)(?!\s+(?:i|ii|iii|iv|đầu|cuối|trước|tới|sau)" + _END + r")" + _END
                 + r"|(?P<rel2>quý|tháng)\s+này" + _END
                 + r"|(?P<rel3>từ\s+đầu\s+năm)(?:\s+(?:đến\s+nay|tới\s+nay))?(?!\s+(?:đến|tới)\s+(?:ngày|hết|tháng))" + _END + ")"),
    ("year", r"(?=[cn])(?:cả\s+)?năm\s+(?P<yr>\d{4})(?!\s*[-–—]\s*\d)" + _END),
    ("wholeyear", _alternation(WHOLE_YEAR) + _END),
    # Figures.
    *_figure_parts(r"(?=\d)" + NUM),
    # Words.
    ("phrase", _trie_pattern(LEXICON) + _END),              # at a word's start (the scanner's look-behind)
    ("boundary", r"[;,:()\[\]|]"),
]

# The first words of the alternatives (besides a digit): those of dates, spans and
# cumulative periods, and those of single periods. A word missing here would silently
# hide its alternative, so they are read from the same lists as the patterns.
_DATE_LEAD_WORDS = ["tính", "từ", "đến", "tới", "ngày", "so"] + [w.split()[0] for w in CUMULATIVE_WORDS]
_DATE_WORDS = _DATE_LEAD_WORDS + list(NUMBER_WORDS)
_PERIOD_WORDS = (["tháng", "quý", "trong", "của", "từ", "cả", "năm"] + [folded(w).split()[0] for w in FIRST_HALF + WHOLE_YEAR])


def _optional_as_branch(pattern: str) -> str:
    """The pattern with every optional group "(…)?" written as an alternation with an
    empty branch, "(?:(…)|)": the same matches, tried in the same order. The regex
    engine runs "?" on a group through its repeat machinery, which inside a repeat saves
    every group mark of the match at each branch, look-around and loop; an empty branch
    saves none."""
    parts: list[list[str]] = [[]]       # the text of each group being read, innermost last
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":                      # an escape: two characters as they are
            parts[-1].append(pattern[i:i + 2])
            i += 2
        elif c == "[":                    # a class: up to its closing bracket
            j = i + 1 + (pattern[i + 1] == "^")
            j += pattern[j] == "]"
            while pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            parts[-1].append(pattern[i:j + 1])
            i = j + 1
        elif c == "(":
            parts.append(["("])
            i += 1
        elif c == ")":
            group = "".join(parts.pop()) + ")"
            i += 1
            if pattern[i:i + 1] == "?" and pattern[i + 1:i + 2] not in ("?", "+"):
                group = "(?:" + (group[3:-1] if group.startswith("(?:") else group) + "|)"
                i += 1
            parts[-1].append(group)
        else:
            parts[-1].append(c)
            i += 1
    return "".join(parts[0])


def _starts(words: Iterable[str], digits: str | None = r"\d", more: Iterable[str] = ()) -> str:
    """A look-ahead for a digit (or what digits says, nothing if None) or one of the words: a trie of the
    shortest of them (a word that begins with another adds nothing to the test), one
    branch per first letter in the look-ahead's own branch, then the patterns of more."""
    trie: dict = {}
    for w in sorted(set(words), key=len):
        node = trie
        for ch in w:
            if "" in node:
                break
            node = node.setdefault(ch, {})
        else:                           # (shorter words come first: no children here yet)
            node[""] = {}

    def node_re(node: dict) -> list[str]:
        alts = []
        for ch in sorted(k for k in node if k):
            rest = node_re(node[ch])
            alts.append(re.escape(ch) + ("" if not rest else rest[0] if len(rest) == 1 else "(?:" + "|".join(rest) + ")"))
        return alts

    return "(?=" + "|".join([*([digits] if digits is not None else []), *node_re(trie), *more]) + ")"


# Where the date group can start (the look-ahead before it): at a digit, only a date's
# "18/8", a span's "2021-2025" or "2 năm", or a cumulative "6 tháng" can, at a number
# word only a span or a cumulative period; at one of the other words, all of them.
_DATE_DIGITS = r"\d\d*+(?:/|\s*[-–—]|\s+(?:năm|tháng))"
_DATE_NUMWORDS = _NUMWORD + r"\s+(?:năm|tháng)"
# The period words that start with a letter: a period is only read at a letter (at a
# digit "6 tháng đầu năm" is a cumulative period, read with the dates).
_LETTER_PERIOD_WORDS = [w for w in _PERIOD_WORDS if not w[0].isdecimal()]


try:
    # Every token but a punctuation mark starts a word: one look-behind rejects the
    # positions inside words before any alternative is tried.
    # The scanner reads a lower-case copy (scan_form): without IGNORECASE the regex
    # engine skips an alternative on its first letter, several times faster.
    _P = dict(SCANNER_PARTS)
    _g = lambda *names: "|".join(f"(?P<{n}>{_P[n]})" for n in names)
    # The engine tests an alternative's first character in place only when the
    # alternative begins with it (a class or a letter); one that begins with a group or a
    # look-around is entered first, at a cost, at every position. So the boundary mark,
    # tried at every position, is read as its class and then named by a look-behind
    # (the same span and group), and every other alternative sits behind the look-behind
    # that rejects the positions inside words (no alternative but the mark begins
    # elsewhere, nor with a mark or space).
    # Behind it, the dates, figures and periods are tried only where one of their words or
    # a digit starts: one trie of letters the engine rejects on the first letters of
    # nearly every other word, where their own look-aheads (each group of alternatives is
    # tried only where one of the words its alternatives begin with starts) would each be
    # entered and tried in turn. A phrase, tried last, has no look-ahead of its own.
    _boundary = _P["boundary"]
    _dates = (_boundary + "(?<=(?P<boundary>" + _boundary + "))"
              + r"|(?<![^\W_])(?:" + _starts([*_DATE_LEAD_WORDS, *_LETTER_PERIOD_WORDS, *NUMBER_WORDS])
              + "(?:" + _starts(_DATE_LEAD_WORDS, _DATE_DIGITS, [_DATE_NUMWORDS])
              + "(?:" + _g("todate", "date", "compare_year", "span", "cumul") + ")")
    # Every figure starts with a number, which a look-ahead reads once (in an unnamed
    # group: no key of groupdict) and each figure matches again by back-reference, where
    # each would parse it anew. Only the number's first reading can be followed by what
    # a figure needs (another reading ends before a dot or a comma, or where the first
    # ends), so the matches are those of the figures each reading its own number.
    _number = re.compile(_dates + "))").groups + 1
    _figures = "|".join(f"(?P<{n}>{p})" for n, p in _figure_parts(rf"(?:\{_number})"))
    # No period is read at a digit (_LETTER_PERIOD_WORDS), nor a phrase: at a digit none
    # is tried, as when a letter was required before them, and a phrase that begins with
    # a digit could never be read.
    for _key in LEXICON:
        if _key[0].isdecimal():
            raise VocabularyError(f"the phrase or variant {_key!r} begins with a digit, where the scanner "
                                  "reads figures: it is never read; start it with a word")
    SCANNER = re.compile(_optional_as_branch(
        _dates
        + r"|(?=\d)(?=(" + NUM + "))(?:" + _figures + ")"
        + "|" + _starts(_LETTER_PERIOD_WORDS, None) + "(?:" + _g("month", "quarter", "half", "relative", "year", "wholeyear") + "))|"
        + _g("phrase") + ")"))
    assert [n for n, _ in SCANNER_PARTS if n not in SCANNER.groupindex] == [], "a scanner part is not used"
    # Periods and years alone, for sentences that state no figure (they still set the
    # year and period context of what follows).
    PERIOD_SCANNER = re.compile(_optional_as_branch(
        r"(?<![^\W_])(?=[\dđtnsqcl])" + _starts(_DATE_WORDS + _PERIOD_WORDS)
        + "(?:" + _g("todate", "date", "compare_year", "span", "cumul", "month", "quarter", "half", "year") + ")"))
    # An indicator's name somewhere (a hint: a sentence without one, and without a
    # subject carried from before, has no record to give).
    NAME_HINT = re.compile(_trie_pattern([k for k, (kind, _) in LEXICON.items() if kind in ("indicator", "topical", "topic")]))
    # A figure: a number followed by a per cent sign, a scale, a unit, or a slash.
    FIGURE_HINT = re.compile(r"\d\s*(?:%|/\s*\d|phần trăm|" + _SCALE + "|" + _UNIT + ")")
    # What every figure a record is read from holds: a number followed by a per cent
    # sign, a scale or a unit (a ratio's unit follows one of its numbers).
    AMOUNT_HINT = re.compile(r"\d\s*(?:%|phần trăm|" + _SCALE + "|" + _UNIT + ")")
    # The two for a text whose decimal digits are all ASCII, as nearly every report's
    # are: a range test per character, where \d asks the Unicode tables of each.
    ASCII_FIGURE_HINT = re.compile(FIGURE_HINT.pattern.replace(r"\d", "[0-9]"))
    ASCII_AMOUNT_HINT = re.compile(AMOUNT_HINT.pattern.replace(r"\d", "[0-9]"))
except re.error as e:
    raise VocabularyError(f"the vocabulary produced an invalid pattern ({e}); check the last edited entry") from e
DIGIT = re.compile(r"\d")
ASCII_DIGIT = re.compile(r"[0-9]")

# The blocks of 256 code points (UTF-16's high byte) that hold a decimal digit (\d is
# str.isdecimal()) other than 0-9, and the surrogates, the form of every character past
# the BMP: a text with no character in them has no other digit.
_OTHER_DIGIT_BLOCKS = frozenset({ord(c) >> 8 for c in map(chr, range(0x80, 0x10000)) if c.isdecimal()}
                                | set(range(0xD8, 0xE0)))
_NOT_OTHER_DIGIT_BLOCKS = bytes([b for b in range(256) if b not in _OTHER_DIGIT_BLOCKS])
assert not _OTHER_DIGIT_BLOCKS & {0x00, 0x1E}, "digit_hints reads a census for blocks without another digit"
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def digit_hints(text: str, census: Census | None = None) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(DIGIT, FIGURE_HINT, AMOUNT_HINT) for text, or the ASCII forms when they find the same in it:
    when text holds no decimal digit but 0-9. Told by the high bytes of its UTF-16 form
    (C-speed copies), its characters tested only when one lies in a block with another.

    census: that of the text text was normalised from, whose high bytes serve when it
    holds no combining mark: normalisation then joins no characters, and every
    character of text is one of the original's, a space or a letter of U+0000-U+00FF or
    U+1E00-U+1EFF (a tone moved), blocks without another digit."""
    if not text.isascii():
        high = census.high if census is not None and census.lacks_block(0x03) else None
        if high is None:
            high = high_bytes(text)
        if high.translate(None, _NOT_OTHER_DIGIT_BLOCKS) and _OTHER_DIGIT.search(text):
            return DIGIT, FIGURE_HINT, AMOUNT_HINT
    return ASCII_DIGIT, ASCII_FIGURE_HINT, ASCII_AMOUNT_HINT


def first_digit(text: str, start: int, end: int, digit_re: re.Pattern) -> int:
    """Where digit_re.search(text, start, end) matches, or -1, for digit_re one of
    digit_hints' first: for ASCII_DIGIT one fast scan (str.find) per digit, each only up to
    the first found so far, where the pattern tests every character against its class.
    (str.find looks for the low byte of a character: besides 0-9, only characters that
    Vietnamese text seldom holds have a byte 0x30-0x39, so the scans seldom stop short.)"""
    if digit_re is not ASCII_DIGIT:
        m = digit_re.search(text, start, end)
        return m.start() if m else -1
    first = -1
    for d in "0123456789":
        i = text.find(d, start, end)
        if i >= 0:
            first = end = i
    return first

# Every document number holds a dash or slash before a capital: found first (the two
# marks are rare), each is followed back to the digits that start its number.
_DOCNUM_HINT = re.compile(r"[-/]\s?[A-ZĐ]")
_CAPITALS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ")         # [A-ZĐ]


def _docnum_marks(text: str) -> list[int]:
    """Where _DOCNUM_HINT.finditer(text) matches: each mark found by str.find, several
    times faster than the regex engine's test of every character against the class
    (a match holds no second mark, so each is tested on its own), and what follows it
    read as two characters (\s is str.isspace()), not by a regex call per mark."""
    marks = []
    n = len(text)
    for i in places_of(text, "-/"):
        j = i + 1
        if j < n and (text[j] in _CAPITALS or (j + 1 < n and text[j + 1] in _CAPITALS and text[j].isspace())):
            marks.append(i)
    return marks


def _docnum_spans(text: str) -> list[tuple[int, int]]:
    """The spans DOCNUM.finditer(text) gives, read only where a number can end."""
    spans: list[tuple[int, int]] = []
    last = 0
    for mark in _docnum_marks(text):
        if mark < last:
            continue
        start = mark - 1 if mark > 0 and text[mark - 1].isspace() else mark
        while start > 0 and (text[start - 1].isdecimal() or text[start - 1] == "/"):
            start -= 1
        if start < last or not text[start].isdecimal():
            continue
        m = DOCNUM.match(text, start)
        if m:
            spans.append(m.span())
            last = m.end()
    return spans


def scan_form(text: str, low: str | None = None) -> str:
    """The text as the scanner reads it: lower case, document numbers blanked, every
    character at its own offset. low: text.lower(), when the caller has it."""
    if low is None:
        low = text.lower()
    if len(low) != len(text):              # a character whose lower case is longer
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    spans = _docnum_spans(text)
    if not spans:
        return low
    parts, pos = [], 0
    for a, b in spans:
        parts.append(low[pos:a])
        parts.append("¤" * (b - a))
        pos = b
    parts.append(low[pos:])
    return "".join(parts)


def tokens_in(text: str) -> Iterator[re.Match]:
    """Scanner matches over a text as written (for short texts such as a heading)."""
    return SCANNER.finditer(scan_form(text))


NUMBER = re.compile(r"(?<![\w.,])" + _BARE_NUM)
SCALE_OR_UNIT = re.compile(r"(?P<num>" + NUM + r")|(?P<scale>" + _SCALE + r")" + _END + r"|(?P<unit>" + _UNIT + r")" + _END, re.IGNORECASE)


@lru_cache(maxsize=65536)
def lexicon_entry(matched: str) -> tuple[str, str]:
    """(kind, payload) of a matched phrase: ("indicator", code) or (phrase kind, "")."""
    return LEXICON.get(folded(matched), ("inert", ""))


def comparator_kind(matched: str) -> str:
    """plan, yoy, mom or none for what a percentage is compared with; "năm 2022" and
    "cùng kỳ năm 2022" (the year before) are year on year."""
    key = folded(matched)
    if key in COMPARATORS:
        return COMPARATORS[key]
    if re.fullmatch(r"năm \d{4}", key):
        return "yoy"
    # "dự toán cả năm", "kế hoạch năm 2024", "cùng kỳ năm 2022": the year says nothing more.
    key = re.sub(r"(?:^| )(?:cả )?năm(?: \d{4})?$", "", key).strip()
    return COMPARATORS.get(key, "none")
