"""The normalised text cut into blocks (paragraphs, list items, footnotes, headings) and
sentences, each with its offsets in the normalised text; page furniture marked as noise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tasks.parse import vocab
from tasks.parse.normalize import Normalized, folded

_LIST_ITEM = re.compile(r"^\s*(?:[-+•–—*·]\s*|[a-zđ]\)\s*|\d+(?:\.\d+)*[.)]\s+|[ivxIVX]+\.\s+)")
_ROMAN_HEADING = re.compile(r"^\s*(?:[IVX]+|\d+)\.\s")
_TERMINAL = ".;:!?…\"”)"
# A sentence ends at . ! ? … followed by a space and a capital, a digit or an opening mark.
_SENTENCE_END = re.compile(r"[.!?…]+[\"”']?(?=\s+[\"“'(\-–\d\w])")
_WORD = re.compile(r"[^\W_]+")
# An image caption: "Ảnh: …", "(Ảnh: Quỳnh Nga)", "Ảnh minh họa". A block has no white
# space at its ends, so a caption starts with "ảnh" or "(ảnh", or ends with ")": tested
# first, since "ảnh" ("ảnh hưởng") is in many lines the pattern would read to their end.
_CAPTION = re.compile(r"^\s*\(?ảnh(?:\s+minh\s+họa)?\s*[:.)]|\((?:ảnh|nguồn ảnh)\s*:[^)]{0,60}\)\s*$|^\s*ảnh minh họa", re.IGNORECASE)
_SIDEBAR_FIRST = {m.split()[0] for m in vocab.SIDEBAR_MARKERS}
_LINE_MARKER_WORDS = sorted({max(m.split(), key=len) for m in vocab.LINE_MARKERS})
# The same substring tests as one search each (a branch of literals, skipped to in C),
# not one scan of the line per word.
_LINE_MARKER_WORD = re.compile("|".join(map(re.escape, _LINE_MARKER_WORDS)))
_LINE_MARKER = re.compile("|".join(map(re.escape, vocab.LINE_MARKERS)))


@dataclass
class Block:
    start: int                  # offsets in the normalised text
    end: int
    kind: str                   # text, item, footnote, heading, table
    noise: bool = False
    footnote: int | None = None  # its number when kind == "footnote"


@dataclass
class Sentence:
    start: int
    end: int


def _is_upper_heading(line: str) -> bool:
    if len(line) > 300 or sum(map(str.islower, line[:40])) > 8:
        return False
    letters = [c for c in line if c.isalpha()]
    return (len(letters) >= 6 and len(line.split()) >= 2 and ":" not in line[:12]
            and sum(c.isupper() for c in letters) >= 0.8 * len(letters))


def blocks_of(norm: Normalized) -> list[Block]:
    """Blocks in text order. A line that stops mid-sentence and is followed by a line
    starting in lower case is one block with it (text from PDF pages breaks that way)."""
    text = norm.text
    marks = {pos: n for pos, n in norm.footnote_marks}
    lines: list[tuple[int, int, int]] = []     # (line start, first non-space, end)
    pos = 0
    for line in text.split("\n"):
        ls, a, b = pos, pos, pos + len(line)
        pos = b + 1
        stripped = line.strip()
        if not stripped:
            continue
        a += len(line) - len(line.lstrip())
        b -= len(line) - len(line.rstrip())
        if lines:
            pls, pa, pb = lines[-1]
            prev = text[pa:pb]
            if prev[-1] not in _TERMINAL and stripped[0].islower() and len(prev) > 40:
                lines[-1] = (pls, pa, b)
                continue
        lines.append((ls, a, b))

    blocks: list[Block] = []
    for ls, a, b in lines:
        line = text[a:b]
        # A footnote line starts with its marker (removed by normalisation, place kept).
        footnote = next((marks[p] for p in range(ls, a + 1) if p in marks), None) if marks else None
        if footnote is not None:
            kind = "footnote"
        elif line.startswith("|"):
            kind = "table"
        elif _is_upper_heading(line) or (_ROMAN_HEADING.match(line) and _is_upper_heading(line[:60])):
            kind = "heading"
        elif _LIST_ITEM.match(line):
            kind = "item"
        else:
            kind = "text"
        blocks.append(Block(a, b, kind, footnote=footnote))
    _mark_noise(text, blocks)
    return blocks


def _mark_noise(text: str, blocks: list[Block]) -> None:
    """Sidebars ("Tin khác", "Bài liên quan", …), QR captions, share buttons, repeated
    headlines. A sidebar marker in the second half of the page starts a sidebar that runs
    to the end; nearer the top it is a menu, and only the short lines after it go."""
    # A line's key is built only when the line can be a marker: it starts with the first
    # word of a sidebar marker, or holds the longest word of a line marker.
    n = len(blocks)
    body_seen = False
    i = 0
    while i < n:
        blk = blocks[i]
        line = text[blk.start:blk.end]
        # The text is normalised already: lower case and single spaces are the fold here.
        low = line.lower()
        key = None
        if len(line) < 300:
            first = _WORD.search(low)
            if first and (first.group() in _SIDEBAR_FIRST or _LINE_MARKER_WORD.search(low)):
                key = " ".join(_WORD.findall(low))
        if key and key in vocab.SIDEBAR_MARKERS:
            blk.noise = True
            # After the article's body (a real paragraph before it) the marker starts a
            # sidebar that runs to the end; before any, it is a menu item of its own.
            if body_seen:
                for rest in blocks[i + 1:]:
                    rest.noise = True
                return
            i += 1
            continue
        if not blk.noise and blk.end - blk.start >= 80 and text[blk.end - 1] in ".;:!?…”\"":
            body_seen = True
        if (key and len(line) < 200 and _LINE_MARKER.search(key)) or (
                "ảnh" in low and (low.startswith(("ảnh", "(ảnh")) or line[-1] == ")") and _CAPTION.search(line)):
            blk.noise = True
        elif (i + 1 < n and blocks[i + 1].end - blocks[i + 1].start == blk.end - blk.start and len(line) < 300
              and low == text[blocks[i + 1].start:blocks[i + 1].end].lower() and _WORD.search(low)):
            blk.noise = blocks[i + 1].noise = True      # a headline printed twice
        i += 1


def sentences_of(text: str, start: int, end: int) -> list[Sentence]:
    """Sentences of text[start:end], ends trimmed of spaces."""
    out: list[Sentence] = []
    s = start
    for m in _SENTENCE_END.finditer(text, start, end):
        # "TP. Hải Phòng", "Q. 1": an abbreviation's dot ends nothing.
        before = text[max(s, m.start() - 6):m.start()]
        words = _WORD.findall(before)
        if m.group().startswith(".") and words and folded(words[-1]) in vocab.ABBREVIATIONS and before.endswith(words[-1]):
            continue
        e = m.end()
        if text[s:e].strip():
            out.append(Sentence(s, e))
        s = e
        while s < end and text[s].isspace():
            s += 1
    if s < end and text[s:end].strip():
        out.append(Sentence(s, end))
    return out
