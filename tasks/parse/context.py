"""What a whole document says about every figure in it: the area it reports on, its
title, the year and period its heading names, the date printed on it.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from tasks.parse import vocab
from tasks.parse.blocks import Block
from tasks.parse.normalize import folded, normalized
from tasks.parse.periods import WHOLE_YEAR, Period, period_from

_PREFIX = r"(?P<prefix>" + "|".join(
    re.escape(p).replace(r"\ ", r"\s+") + (r"(?![^\W_])" if not p.endswith(".") else "")
    for p in sorted(vocab.AREA_PREFIXES, key=len, reverse=True)) + r")"
# A prefixed place name: "quận Kiến An", "TP. Hồ Chí Minh", "tỉnh Bà Rịa - Vũng Tàu", "Quận 1".
# Numbered districts ("Quận 1") only after "quận", and not "quận 9 tháng" (a period).
# The same prefixes with their first letter read first, so that the regex engine skips in
# C to the next letter a prefix can start with instead of testing the look-behind at
# every position: the first letter, then the word start behind it (two characters
# back), then the rest of the prefix that letter begins.
# A letter a prefix goes on with is looked for before the word start: most words that
# begin with one of the first letters ("tăng", "trong", "tổng") fail there.
_PREFIX_FIRST = "".join(sorted({v for p in vocab.AREA_PREFIXES for v in (p[0].lower(), p[0].upper())}))
_PREFIX_SECOND = (r"(?=[" + re.escape("".join(sorted({p[1] for p in vocab.AREA_PREFIXES}))) + "])"
                  if all(len(p) > 1 for p in vocab.AREA_PREFIXES) else "")
_PREFIX_BY_FIRST = r"(?P<prefix>(?-i:[" + re.escape(_PREFIX_FIRST) + "])" + _PREFIX_SECOND + r"(?<![^\W_].)(?:" + "|".join(
    "(?<=" + re.escape(p[0]) + ")" + re.escape(p[1:]).replace(r"\ ", r"\s+") + (r"(?![^\W_])" if not p.endswith(".") else "")
    for p in sorted(vocab.AREA_PREFIXES, key=len, reverse=True)) + r"))"
AREA_MENTION = re.compile(_PREFIX_BY_FIRST + r"\s*(?P<name>(?<=quận )\d{1,2}(?![\d,.])(?!\s*(?:tháng|quý|%|năm(?!\s+\d{4})))"
                          r"|[^\W\d_]+(?:(?:\s+|\s*[-–]\s*)[^\W\d_]+){0,5})", re.IGNORECASE)
_ORGANS = re.compile(r"(?:" + "|".join(re.escape(o).replace(r"\ ", r"\s+") for o in sorted(vocab.ORGANS, key=len, reverse=True))
                     + r")\s*$", re.IGNORECASE)
_TITLE_PAREN = re.compile(r"^\s*(?:" + _PREFIX + r"\s+)?(?P<name>[^\W\d_]+(?:\s+[^\W\d_]+){0,3})\s*\([^)]{2,40}\)\s*:",
                          re.IGNORECASE)
_TITLE_COLON = re.compile(r"^\s*(?P<name>[^\W\d_]+(?:\s+[^\W\d_]+){0,3})\s*:")
_PLACE_DATE = re.compile(r"^\s*(?P<name>[^\W\d_]+(?:\s+[^\W\d_]+){0,3}),\s*ngày\b", re.IGNORECASE)
# A province named without its prefix, written with its capitals.
_PROVINCE = re.compile(r"(?<![^\W_])(?:" + "|".join(
    re.escape(p).replace(r"\ ", r"\s+").replace(r"\-", r"\s*[-–]\s*")
    for p in sorted(vocab.PROVINCES, key=len, reverse=True)) + r")(?![^\W_])")
_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,2}/\d{1,2}/\d{4}(?!\d)")
_DATE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)|tháng\s+\d{1,2}\s+năm\s+(\d{4})", re.IGNORECASE)


_UNIT_CAPTION = re.compile(r"\s*\(?\s*(?:đvt|đơn\s+vị(?:\s+tính)?)\s*:", re.IGNORECASE)

_DOCUMENT_KINDS = {"báo cáo", "tờ trình", "thông báo", "kế hoạch", "nghị quyết"}


@dataclass
class DocContext:
    area: str | None
    title: str | None
    title_block: int | None          # index of the block the title was read from
    heading_year: int | None
    published_year: int | None
    default_period: Period | None    # for amounts stating no period anywhere
    heading_periods: tuple = ()      # the periods the title/heading names, in order


@lru_cache(maxsize=8192)            # a pure function of the words: the same places recur
def proper_name(words: str) -> str | None:
    """The capitalised words at the start of `words` ("Kiến An tổ chức" → "Kiến An"),
    title-cased when written in capitals; None when the first word is not capitalised."""
    parts = re.findall(r"[^\W_]+|[-–]", words)
    kept: list[str] = []
    for p in parts:
        if p in "-–":
            if kept and kept[-1] != "-":
                kept.append("-")
            continue
        if p[0].isdigit() and not kept:
            return p
        if not p[0].isupper():
            break
        kept.append(p)
        if len([k for k in kept if k != "-"]) == 4:
            break
    while kept and kept[-1] == "-":
        kept.pop()
    if not kept:
        return None
    name = " ".join(kept).replace(" - ", " - ")
    if name.isupper():
        name = name.title()
    alias = vocab.AREA_ALIASES.get(folded(name))
    return normalized(alias or name).text


def area_name(prefix: str, name: str) -> str | None:
    """The area a prefixed mention names; digits keep their prefix ("Quận 1")."""
    proper = proper_name(name)
    if proper is None:
        return None
    if proper.isdigit():
        return f"{prefix.strip().capitalize()} {proper}"
    return proper


def mentions_in(text: str) -> Iterator[tuple[int, int, str, str, bool]]:
    """(start, end, prefix, area, preceded_by_organ) for each prefixed place name."""
    for m in AREA_MENTION.finditer(text):
        area = area_name(m.group("prefix"), m.group("name"))
        if area is None:
            continue
        organ = bool(_ORGANS.search(text[max(0, m.start() - 30):m.start()]))
        yield m.start(), m.end(), folded(m.group("prefix")), area, organ


def _area_of_title(title: str) -> str | None:
    m = _TITLE_PAREN.match(title)
    if m:
        name = proper_name(m.group("name"))
        if name:
            return name
    found = list(mentions_in(title))
    districts = [a for _, _, p, a, _ in found if p in vocab.DISTRICT_PREFIXES]
    if districts:
        return districts[0]
    if found:
        return found[0][3]
    m = _TITLE_COLON.match(title)
    if m:
        words = m.group("name").split()
        if all(w[0].isupper() for w in words):
            return proper_name(m.group("name"))
    return None


def _years_in(tokens: list) -> list[int]:
    years = []
    for m in tokens:
        kind = m.lastgroup
        if kind in ("cumul", "month", "quarter", "half", "year"):
            p = period_from(kind, m)
            if p is not None and p.year is not None:
                years.append(p.year)
    return years


def _sub_year_periods(tokens: list) -> list[Period]:
    """The periods shorter than a year a heading names, without repeats."""
    out: list[Period] = []
    for m in tokens:
        if m.lastgroup in ("cumul", "month", "quarter", "half"):
            p = period_from(m.lastgroup, m)
            if p is not None and (p.month_from, p.month_to) != (1, 12):
                p = Period(p.month_from, p.month_to)
                if p not in out:
                    out.append(p)
    return out


def _is_document_kind(key: str) -> bool:
    """"báo cáo", "báo cáo nhanh", "tờ trình": a line that names what the document is."""
    words = key.split()
    return key in _DOCUMENT_KINDS or (len(words) <= 4 and " ".join(words[:2]) in _DOCUMENT_KINDS)


def _lead_periods(text: str, blocks: list[Block], title_block: int | None) -> list[Period]:
    """The period the first paragraph of the body opens with, if it opens with one."""
    start = (title_block + 1) if title_block is not None else 0
    for b in blocks[start:start + 12]:
        if b.noise or b.kind != "text" or b.end - b.start < 80:
            continue
        for m in vocab.tokens_in(text[b.start:b.start + 60]):
            if m.start() <= 1 and m.lastgroup in ("cumul", "month", "quarter", "half"):
                p = period_from(m.lastgroup, m)
                if p is not None and (p.month_from, p.month_to) != (1, 12):
                    return [Period(p.month_from, p.month_to)]
            break
        return []
    return []


def _looks_like_title(line: str) -> bool:
    # Every test can only say no: the cheap ones are asked first, and a date is looked
    # for only in a line with the slash or colon it needs.
    if len(line) >= 250:
        return False                             # a paragraph: not split into words below
    if not 4 <= len(line.split()) <= 40 or line.rstrip().endswith((".", ";", ",")):
        return False
    if " | " in line or " > " in line or " » " in line:
        return False                             # a menu or breadcrumb
    if ("/" in line and _NUMERIC_DATE.search(line)) or (":" in line and _CLOCK.search(line)):
        return False                             # a date line ("Thứ Sáu, 09/12/2022 17:35")
    return not _UNIT_CAPTION.match(line)         # "Đơn vị tính: tỷ đồng" above a table


def document_context(text: str, blocks: list[Block], *, title: str | None,
                     published: dt.date | None, default_area: str | None) -> DocContext:
    """The area, title, heading year and default period of a document."""
    head = [i for i, b in enumerate(blocks[:25]) if not b.noise]
    title_block = None
    read: dict[int, str | None] = {}     # the area each candidate line names, as read
    if title:
        title_text = normalized(title).text
    else:
        title_text = None
        # A report: its capitalised heading lines, and the subject line under "BÁO CÁO"
        # (often not capitalised), read as one title.
        headings = [i for i in head[:12] if blocks[i].kind == "heading"]
        for i in list(headings):
            if _is_document_kind(folded(text[blocks[i].start:blocks[i].end])) and i + 1 in head and i + 1 not in headings:
                headings.append(i + 1)
        if headings:
            title_text = " | ".join(text[blocks[i].start:blocks[i].end] for i in sorted(headings))
        # An article: the first headline-like line that names an area, else the first one.
        candidates = [i for i in head[:6] if blocks[i].kind in ("text", "heading")
                      and _looks_like_title(text[blocks[i].start:blocks[i].end])]
        for i in candidates:
            read[i] = _area_of_title(text[blocks[i].start:blocks[i].end])
            if read[i]:
                title_block = i
                break
        if title_block is None and candidates and not title_text:
            title_block = candidates[0]
        if title_block is not None:
            line = text[blocks[title_block].start:blocks[title_block].end]
            title_text = line + " | " + title_text if title_text else line

    if title_block in read and title_text == text[blocks[title_block].start:blocks[title_block].end]:
        area = read[title_block]                # the title is the line read above
    else:
        area = _area_of_title(title_text) if title_text else None
    if area is None:
        area = _area_of_body(text, blocks)
    if area is None and title_text:
        m = _PROVINCE.search(title_text)          # "Kinh tế Thái Bình quý I/2025 …"
        area = normalized(m.group()).text if m else None
    if area is None and default_area:
        area = normalized(default_area).text.strip()
        for p in vocab.AREA_PREFIXES:
            if folded(area).startswith(folded(p) + " "):
                area = area[len(p):].strip()
                break

    title_tokens = list(vocab.tokens_in(title_text)) if title_text else []
    heading_years = _years_in(title_tokens)
    published_year = published.year if published else None
    if published_year is None:
        for i in head[:4]:
            line = text[blocks[i].start:blocks[i].end]
            m = _DATE.search(line) if len(line) < 120 else None     # a date line is short
            if m:
                published_year = int(m.group(3) or m.group(4))
                break
    # A heading naming one period lends it to amounts that state none; naming two
    # ("tháng 3 và quý I") it leaves them ambiguous; naming none, the report is annual.
    periods = _sub_year_periods(title_tokens)
    if not periods:
        # An article whose headline names no period often opens with it ("Chín tháng năm
        # 2023, …"): the lead's opening period is the report's.
        periods = _lead_periods(text, blocks, title_block)
    default_period = WHOLE_YEAR if not periods else periods[0] if len(periods) == 1 else None
    return DocContext(area=area, title=title_text, title_block=title_block,
                      heading_year=heading_years[0] if heading_years else None,
                      published_year=published_year, default_period=default_period,
                      heading_periods=tuple(periods))


def _area_of_body(text: str, blocks: list[Block]) -> str | None:
    body = [b for b in blocks if not b.noise]
    # "UBND quận Kiến An", "Ủy ban nhân dân huyện X" near the top names the reporter.
    # (The mentions of these blocks are counted below too: read once.)
    top: list[list[tuple[int, int, str, str, bool]]] = []
    for b in body[:30]:
        top.append(list(mentions_in(text[b.start:b.end])))
        for start, _, prefix, area, organ in top[-1]:
            if organ:
                return area
    # "Kiến An, ngày … tháng … năm …": the place line of an official report.
    for b in body[:15]:
        m = _PLACE_DATE.match(text[b.start:b.end])
        if m:
            name = proper_name(m.group("name"))
            if name:
                return name
    counts: Counter = Counter()
    districts: Counter = Counter()
    for i, b in enumerate(body):
        for _, _, prefix, area, _ in (top[i] if i < len(top) else mentions_in(text[b.start:b.end])):
            counts[area] += 1
            if prefix in vocab.DISTRICT_PREFIXES:
                districts[area] += 1
    if districts:
        return districts.most_common(1)[0][0]
    if counts:
        return counts.most_common(1)[0][0]
    return None
