"""The normalised text cut into blocks (paragraphs, list items, footnotes, headings) and
sentences, each with its offsets in the normalised text; page furniture marked as noise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from tasks.parse import vocab
from tasks.parse.normalize import Normalized, folded

_LIST_ITEM = re.compile(r"^\s*(?:[-+•–—*·]\s*|[a-zđ]\)\s*|\d+(?:\.\d+)*[.)]\s+|[ivxIVX]+\.\s+)")
_ROMAN_HEADING = re.compile(r"^\s*(?:[IVX]+|\d+)\.\s")
_TERMINAL: Final = ".;:!?…\"”)"
# A sentence ends at . ! ? … followed by a space and a capital, a digit or an opening mark.
_SENTENCE_END: Final = re.compile(r"[.!?…]+[\"”']?(?=\s+[\"“'(\-–\d\w])")
_WORD: Final = re.compile(r"[^\W_]+")
# An image caption: "Ảnh: …", "(Ảnh: Quỳnh Nga)", "Ảnh minh họa". A block has no white
# space at its ends, so a caption starts with "ảnh" or "(ảnh", or ends with ")": tested
# first, since "ảnh" ("ảnh hưởng") is in many lines the pattern would read to their end.
_CAPTION: Final = re.compile(r"^\s*\(?ảnh(?:\s+minh\s+họa)?\s*[:.)]|\((?:ảnh|nguồn ảnh)\s*:[^)]{0,60}\)\s*$|^\s*ảnh minh họa", re.IGNORECASE)
_SIDEBAR_FIRST = {m.split()[0] for m in vocab.SIDEBAR_MARKERS}
_SIDEBAR_INITIALS: Final = {w[0] for w in _SIDEBAR_FIRST}
# A line's key, its lowered words ([^\W_]+, str.isalnum()) joined by single spaces, is a
# sidebar marker, or holds a line marker, as these patterns read the lowered line itself:
# a space of a marker between two words stands for the characters between two words of
# the line, none a letter or digit. No key is built.
_SIDEBAR_LINE: Final = re.compile(r"[\W_]*(?:" + "|".join(r"[\W_]+".join(map(re.escape, m.split()))
                                                  for m in sorted(vocab.SIDEBAR_MARKERS)) + r")[\W_]*")
_LINE_MARKER_IN_LINE: Final = re.compile("|".join(r"[\W_]+".join(map(re.escape, m.split())) for m in vocab.LINE_MARKERS))
# A line the pattern matches holds every word of one marker as written: one word of each
# (its longest, the last of equals), looked for with `in` first, rules most lines out
# without the regex engine's test at every position.
_LINE_MARKER_WORDS: Final = tuple(sorted({max(reversed(m.split()), key=len) for m in vocab.LINE_MARKERS}))


def _holds_line_marker(low: str) -> bool:
    """_LINE_MARKER_IN_LINE.search(low) is not None, for a lowered line."""
    for w in _LINE_MARKER_WORDS:
        if w in low:
            return _LINE_MARKER_IN_LINE.search(low) is not None
    return False
# _ROMAN_HEADING without its "^", to match at a block's start in the text itself (pos=):
# a "^" holds only at the start of the whole text, not at pos.
_ROMAN_HEADING_AT: Final = re.compile(_ROMAN_HEADING.pattern[1:])
# Nine lower-case letters among the first characters of a line: letters of the Latin
# blocks (Vietnamese among them), every one of them str.islower(). A line the pattern
# matches in its first 40 characters holds more than eight lower-case characters there,
# which rules it out as a heading before the letters are counted one by one.
_LOWER_LATIN = "".join(c for c in map(chr, range(0x250)) if c.islower()) + "".join(
    c for c in map(chr, range(0x1E00, 0x1F00)) if c.islower())
_NINE_LOWER: Final = re.compile(("[^" + re.escape(_LOWER_LATIN) + "]*[" + re.escape(_LOWER_LATIN) + "]") * 9)
# A line runs from its first character that is not white space (str.isspace(), re's \s)
# to its last: between two of them lie only white space, the blank lines and the white
# space at the ends of lines that blocks_of skips. It is found by str.find of "\n", and
# trimmed only when an end is white space (rare in a normalised text) as str.strip()
# trims; what blocks_of asks of a line is read at its first character in the text:
# - whether _LIST_ITEM matches the line: _LIST_ITEM_AT at its first character, tried only
#   when that is one a match can start with (_ITEM_FIRST or a decimal digit, re's \d).
#   Its marks are read as they are; the white space it wants after a number must lie
#   within the line, which is trimmed: white space on the line with more than white
#   space after it. (A block of lines joined starts with a line that does not end with
#   "." or ")", with which a number's mark ends: the mark and its white space lie within
#   the first line.)
# - whether _NINE_LOWER matches the line's first 40 characters: it matches the text from
#   the line's first character up to the 40th or the line's end. (The first line of a
#   block of lines joined holds more than 40 characters.)
_LIST_ITEM_AT: Final = re.compile(r"[-+•–—*·]|[a-zđ]\)|\d+(?:\.\d+)*[.)][^\S\n]+\S|[ivxIVX]+\.[^\S\n]+\S")
_ITEM_FIRST: Final = "-+•–—*·abcdefghijklmnopqrstuvwxyzđivxIVX"


# Block and Sentence write their own __init__, the one dataclass would write: compiled,
# it is a native call; the dataclass's own is Python code the compiled parser calls
# through the type, at every block and sentence.
@dataclass(slots=True, init=False)
class Block:
    start: int                  # offsets in the normalised text
    end: int
    kind: str                   # text, item, footnote, heading, table
    noise: bool = False
    footnote: int | None = None  # its number when kind == "footnote"

    def __init__(self, start: int, end: int, kind: str, noise: bool = False, footnote: int | None = None) -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.noise = noise
        self.footnote = footnote


@dataclass(slots=True, init=False)
class Sentence:
    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end


def _is_upper_heading(line: str) -> bool:
    if len(line) > 300 or _NINE_LOWER.match(line, 0, 40) or sum(map(str.islower, line[:40])) > 8:
        return False
    letters = "".join(filter(str.isalpha, line))        # its letters, in C
    return (len(letters) >= 6 and len(line.split()) >= 2 and ":" not in line[:12]
            and sum(map(str.isupper, letters)) >= 0.8 * len(letters))


def _is_heading(text: str, a: int, b: int) -> bool:
    """_is_upper_heading(line) or (_ROMAN_HEADING.match(line) and _is_upper_heading(line[:60]))
    for the line text[a:b]: upper case, or numbered with its first 60 characters in upper
    case. A line over 300 characters can only be the second."""
    if b - a > 300:
        return bool(_ROMAN_HEADING_AT.match(text, a, b)) and _is_upper_heading(text[a:a + 60])
    line = text[a:b]
    return _is_upper_heading(line) or bool(_ROMAN_HEADING_AT.match(text, a, b) and _is_upper_heading(line[:60]))


def blocks_of(norm: Normalized, low: str | None = None) -> list[Block]:
    """Blocks in text order. A line that stops mid-sentence and is followed by a line
    starting in lower case is one block with it (text from PDF pages breaks that way).
    low: norm.text.lower(), when the caller has it (the scanner reads it too)."""
    text = norm.text
    marks = {pos: n for pos, n in norm.footnote_marks}
    lines: list[tuple[int, int]] = []     # (first, last + 1) of each line not blank, lines joined
    size = len(text)
    pos = 0
    while pos < size:
        a = pos
        b = text.find("\n", pos)
        if b < 0:
            b = size
        pos = b + 1
        if a == b:
            continue
        if text[a].isspace() or text[b - 1].isspace():
            line = text[a:b]
            kept = line.strip()
            if not kept:
                continue
            a += len(line) - len(line.lstrip())
            b = a + len(kept)
        if lines:
            pa, pb = lines[-1]
            if pb - pa > 40 and text[pb - 1] not in _TERMINAL and text[a].islower():
                lines[-1] = (pa, b)
                continue
        lines.append((a, b))

    blocks: list[Block] = []
    for a, b in lines:
        # A footnote line starts with its marker (removed by normalisation, place kept):
        # a mark between the line's start and its first character. A line without white
        # space in front has one place to look.
        footnote = None
        if marks:
            if a == 0 or text[a - 1] == "\n":
                footnote = marks.get(a)
            else:
                ls = text.rfind("\n", 0, a) + 1
                footnote = next((marks[p] for p in range(ls, a + 1) if p in marks), None)
        c = text[a]
        if footnote is not None:
            kind = "footnote"
        elif c == "|":
            kind = "table"
        # Most lines have nine lower-case letters among their first 40 characters, which
        # rules out the line and its first 60 characters as headings alike: the line is
        # cut out only when it can be one.
        elif not _NINE_LOWER.match(text, a, min(a + 40, b)) and _is_heading(text, a, b):
            kind = "heading"
        elif (c in _ITEM_FIRST or c.isdecimal()) and _LIST_ITEM_AT.match(text, a):
            kind = "item"
        else:
            kind = "text"
        blocks.append(Block(a, b, kind, False, footnote))
    if low is None:
        low = text.lower()
    _mark_noise(text, blocks, low if len(low) == len(text) else None)
    return blocks


# A block's lowered line is its slice of the lowered text, when lowering keeps the text's
# length: lowering never shortens a character, so then every character lowers to one, at
# its own offset. Lower case is taken character by character but for a capital sigma,
# whose form (final or not) hangs on the cased letters around it, skipping the case-
# ignorable characters (marks, apostrophes, ...). A block lies between white space or the
# text's ends, and white space is neither cased nor case-ignorable: the look around stops
# at the block's ends in the whole text as in the line cut out.
# (test_fast_paths: test_a_lowered_line_is_its_slice_of_the_lowered_text.)
def _lowered(text: str, low: str | None, start: int, end: int) -> str:
    """text[start:end].lower() for a block's span; low: text.lower() when of text's length, else None."""
    return low[start:end] if low is not None else text[start:end].lower()


def _mark_noise(text: str, blocks: list[Block], low: str | None) -> None:
    """Sidebars ("Tin khác", "Bài liên quan", …), QR captions, share buttons, repeated
    headlines. A sidebar marker in the second half of the page starts a sidebar that runs
    to the end; nearer the top it is a menu, and only the short lines after it go.
    low: text.lower() when it keeps text's length (see _lowered), else None."""
    # A line of 200 characters or more is read only as a sidebar marker, and only when it
    # starts with the first letter of one. The text is normalised already: lower case and
    # single spaces are the fold here.
    n = len(blocks)
    body_seen = False
    i = 0
    while i < n:
        blk = blocks[i]
        start, end = blk.start, blk.end
        size = end - start                    # len(line)
        line = _lowered(text, low, start, end)    # never empty
        if size < 300:
            # A letter or digit lowers to a letter or digit first, anything else to neither:
            # a line that starts with a letter or digit starts the first word of its lowered
            # form with that one lowered, and only one of _SIDEBAR_INITIALS begins a sidebar
            # marker's first word.
            c = line[0]
            if (not c.isalnum() or c in _SIDEBAR_INITIALS) and _SIDEBAR_LINE.fullmatch(line):
                blk.noise = True
                # After the article's body (a real paragraph before it) the marker starts a
                # sidebar that runs to the end; before any, it is a menu item of its own.
                if body_seen:
                    for rest in blocks[i + 1:]:
                        rest.noise = True
                    return
                i += 1
                continue
        if not body_seen and not blk.noise and size >= 80 and text[end - 1] in ".;:!?…”\"":
            body_seen = True
        # A caption: its lowered line starts with "ảnh" or "(ảnh", or the line ends with
        # ")"; then it holds "ảnh" and _CAPTION finds it.
        if (size < 200 and _holds_line_marker(line)) or (
                (text[end - 1] == ")" or line.startswith(("ảnh", "(ảnh")))
                and "ảnh" in line and _CAPTION.search(text[start:end])):
            blk.noise = True
        elif (size < 300 and i + 1 < n and blocks[i + 1].end - blocks[i + 1].start == size
              and line == _lowered(text, low, blocks[i + 1].start, blocks[i + 1].end) and _WORD.search(line)):
            blk.noise = blocks[i + 1].noise = True      # a headline printed twice
        i += 1


_STOPS: Final = ".!?…"          # the characters _SENTENCE_END's matches start with


_QUOTES: Final = "\"”'"              # the closing mark _SENTENCE_END lets follow the stops
_OPENERS: Final = "\"“'(-–"           # what it wants after the white space, besides \d and \w


def _sentence_end_at(text: str, p: int, end: int) -> int:
    """The end of _SENTENCE_END.match(text, p, end), or -1, for a stop at p. Each part of
    the pattern is followed by what it cannot read itself: the stops by a closing mark or
    white space, the mark by white space, so reading each as far as it goes (no part
    given back) matches where the pattern does. \s is str.isspace(); \d and \w are
    str.isalnum() or "_"."""
    i = p + 1
    while i < end and text[i] in _STOPS:
        i += 1
    if i < end and text[i] in _QUOTES:
        i += 1
    j = i
    while j < end and text[j].isspace():
        j += 1
    if j == i or j == end:
        return -1
    c = text[j]
    return i if c in _OPENERS or c.isalnum() or c == "_" else -1


def _sentence_ends(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of _SENTENCE_END.finditer(text, start, end). A match starts with a stop,
    so it is tried only at the stops, found by fast scans for each, in text order and
    from the end of the last match on, as finditer tries them; the class scan of the
    pattern itself costs more than the few stops of a block."""
    places = []
    for c in _STOPS:
        i = text.find(c, start, end)
        while i >= 0:
            places.append(i)
            i = text.find(c, i + 1, end)
    places.sort()
    out = []
    pos = start
    for p in places:
        if p >= pos:
            e = _sentence_end_at(text, p, end)
            if e >= 0:
                out.append((p, e))
                pos = e
    return out


def sentences_of(text: str, start: int, end: int) -> list[Sentence]:
    """Sentences of text[start:end], ends trimmed of spaces."""
    out: list[Sentence] = []
    s = start
    for dot, e in _sentence_ends(text, start, end):
        # "TP. Hải Phòng", "Q. 1": an abbreviation's dot ends nothing. Its word is the
        # last word of the six characters before the dot (at s or after) when that ends
        # just before the dot (a word of `before` ending elsewhere does not end `before`):
        # after a dot that follows a word character ([^\W_] is str.isalnum()), the run of
        # word characters before the dot, read back from it.
        if text[dot] == "." and dot > s and text[dot - 1].isalnum():
            lo = max(s, dot - 6)
            k = dot - 1
            while k > lo and text[k - 1].isalnum():
                k -= 1
            if folded(text[k:dot]) in vocab.ABBREVIATIONS:
                continue
        # text[s:e] is never blank: it ends with the match, whose first character, a stop,
        # is at s or after (s is moved over white space only).
        out.append(Sentence(s, e))
        s = e
        while s < end and text[s].isspace():
            s += 1
    # The rest is not blank when its first character is not white space (as after a
    # sentence, where s was moved over white space); only else is it stripped.
    if s < end and (not text[s].isspace() or text[s:end].strip()):
        out.append(Sentence(s, end))
    return out
