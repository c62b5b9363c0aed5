"""One normal form of the text to match against, with a map back to the original.

Reports arrive in NFC or NFD (or both mixed), with old and new tone-mark placement
("hoá"/"hóa", "thuỷ"/"thủy"), markdown emphasis from extraction (**bold**, *italic*),
footnote markers written as superscript digits, odd spaces. The grammar matches one
form; every record still points into the text exactly as given, so normalisation
keeps a piecewise map from normalised offsets to original offsets.
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Iterator
import re
import unicodedata
from dataclasses import dataclass, field

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_VALUE = {c: str(i) for i, c in enumerate(_SUPERSCRIPTS)}

# Tone marks that the old placement puts on the second vowel of oa/oe/uy ("hoá").
_TONES = "\u0301\u0300\u0309\u0303\u0323"

# What normalisation changes, one pattern per kind of change. Each begins with a
# character class, which the regex engine scans for quickly; a kind whose trigger
# characters are absent from the text is not searched at all.
_OLD_TONE_SECOND = "áàảãạÁÀẢÃẠéèẻẽẹÉÈẺẼẸýỳỷỹỵÝỲỶỸỴ"
_PARTS = {
    "super": (r"[⁰¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]*", _SUPERSCRIPTS),
    "oldtone": (r"[oOuU](?<![qQ][oOuU])[" + _OLD_TONE_SECOND + r"](?![^\W\d_])", None),
    "stars": (r"\*\**", "*"),
    "newline": (r"[\r\u2028\u2029\x0b\x0c\x85]\n?", "\r\u2028\u2029\x0b\x0c\x85"),
    # Two or more spaces, or one odd space; written to begin with one character class,
    # which lets the engine skip to the next white space.
    "spaces": (r"[^\S\n](?:[^\S\n]+|(?<=[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]))",
               None),
    "invisible": (r"[\u200b-\u200d\ufeff\u00ad]", "\u200b\u200c\u200d\ufeff\u00ad"),
    "heading": (r"(?m:^)#{1,6}[ \t]+", "#"),
    # Decomposed letters (NFD input); old tone placement among them is fixed below.
    "combining": (r"[^\s\u0300-\u036f][\u0300-\u036f]+|[oOuU][aeyAEY][\u0300-\u036f]+", None),
}
_PATTERNS = {kind: re.compile(p) for kind, (p, _) in _PARTS.items()}
_HAS_COMBINING = re.compile(r"[\u0300-\u036f]")
# The white space other than "\n" and " ": each is looked for with `in` (a fast scan of
# the text), far quicker than one regex over the whole text.
_ODD_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c not in "\n ")


# The "oldtone" pattern as four, one for each first letter: a pattern that starts with
# one letter is scanned for it in a tight loop, a character class position by position.
# Two matches of the pattern never overlap (its second character is no "o" or "u"), so
# the four find every match it finds.
_OLD_TONE_BY_FIRST = {c: re.compile(c + "(?<![qQ]" + c + ")[" + _OLD_TONE_SECOND + r"](?![^\W\d_])")
                      for c in "oOuU"}


# A block of 256 characters read from its places when the text holds no more of them.
_MOST_PLACES = 4096


def high_bytes(text: str) -> bytes:
    """The high byte of each UTF-16 unit of text (a character past U+FFFF takes two)."""
    return text.encode("utf-16-le", "surrogatepass")[1::2]


class Census:
    """Where a text's characters of the blocks past Latin-1 (U+0100 on) stand, read from
    the high bytes of its UTF-16 form (one fast copy), for the characters str.find is slow
    to look for.

    str.find looks for a character's low byte (memchr) and checks each place it stops.
    Vietnamese text is held two bytes a character, and its bytes 0x00, 0x01, 0x1E and 0x20
    (the high bytes of its letters and marks) and those of ASCII letters stand everywhere:
    U+2000 (low byte 0x00), U+2001 or "⁴" (low byte "t") are looked for at a fraction of
    memchr's speed, and a character absent takes a scan of the whole text. In the high
    bytes, a block's own byte is found as fast as memchr goes: a block the text holds no
    character of is ruled out at once, and one it holds a few of is read at their places.
    """
    __slots__ = ("text", "high", "blocks")

    def __init__(self, text: str) -> None:
        self.text = text
        high = None if text.isascii() else high_bytes(text)
        # A character past U+FFFF takes two UTF-16 units: the high bytes are then not at
        # the characters' offsets, and every character is looked for by str.find.
        self.high: bytes | None = high if high is None or len(high) == len(text) else None
        self.blocks: dict[int, dict[str, list[int]] | None] = {}

    def places(self, c: str) -> list[int] | None:
        """Where c stands, in order, or None when only str.find can tell."""
        if self.high is None:
            return [] if c >= "\x80" and self.text.isascii() else None
        block = ord(c) >> 8
        if block == 0:
            return None
        chars = self._block(block)
        return None if chars is None else chars.get(c, [])

    def lacks_block(self, block: int) -> bool:
        """Whether the text surely holds no character of U+bb00 to U+bbFF, for bb block > 0."""
        if self.high is None:
            return self.text.isascii()
        return self._block(block) == {}

    def _block(self, block: int) -> dict[str, list[int]] | None:
        if block not in self.blocks:
            self.blocks[block] = self._read(block)
        return self.blocks[block]

    def _read(self, block: int) -> dict[str, list[int]] | None:
        high, text = self.high, self.text
        assert high is not None
        mark = bytes((block,))
        chars: dict[str, list[int]] = {}
        i = high.find(mark)
        for _ in range(_MOST_PLACES):
            if i < 0:
                return chars
            chars.setdefault(text[i], []).append(i)
            i = high.find(mark, i + 1)
        return None if i >= 0 else chars

    def holds(self, c: str) -> bool:
        at = self.places(c)
        return c in self.text if at is None else bool(at)


def places_of(text: str, chars: str, census: Census | None = None) -> list[int]:
    """Where any of the characters stands in text, in order: one fast scan (str.find)
    per character, where a pattern of their class would test every position; the places
    census has, where it has them."""
    places = []
    for c in chars:
        at = census.places(c) if census is not None else None
        if at is not None:
            places.extend(at)
            continue
        i = text.find(c)
        while i >= 0:
            places.append(i)
            i = text.find(c, i + 1)
    places.sort()
    return places


def _super_runs(text: str, census: Census | None = None) -> list[tuple[int, int]]:
    """The spans _PATTERNS["super"] finds: every maximal run of superscript digits, read
    from the places of each digit, not by the class pattern."""
    runs: list[list[int]] = []
    for i in places_of(text, _SUPERSCRIPTS, census):
        if runs and runs[-1][1] == i:
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1])
    return [(a, b) for a, b in runs]


_SPACE_ALONE = frozenset("\t\u00a0\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200b))))


def _space_runs(text: str, census: Census | None = None) -> list[tuple[int, int]]:
    """The spans _PATTERNS["spaces"] finds: every maximal run of white space other than
    "\n" that is two characters long or more, and a lone odd space of _SPACE_ALONE.
    Such a run holds "  " or an odd space, both found by fast scans; the regex itself
    would stop at every single space of the text. The odd spaces are found one kind at a
    time, by fast scans for one character, not by one pattern of their class."""
    starts = places_of(text, _ODD_SPACES, census)
    i = text.find("  ")
    while i >= 0:
        starts.append(i)
        i = text.find("  ", i + 2)
    runs = []
    last = -1
    n = len(text)
    for i in sorted(starts):
        if i < last:
            continue
        a = i
        while a > 0 and text[a - 1] != "\n" and text[a - 1].isspace():
            a -= 1
        b = i + 1
        while b < n and text[b] != "\n" and text[b].isspace():
            b += 1
        if b - a >= 2 or text[a] in _SPACE_ALONE:
            runs.append((a, b))
        last = b
    return runs


def _changes(text: str, census: Census | None = None) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of every change, in text order, never overlapping; census is
    the text's, when the caller has made it."""
    found: list[tuple[int, int, str]] = []
    if census is None:
        census = Census(text)
    for kind, (_, trigger) in _PARTS.items():
        if trigger is not None and not any(census.holds(c) for c in trigger):
            continue
        if kind == "spaces":
            found.extend((a, b, kind) for a, b in _space_runs(text, census))
            continue
        if kind == "super":
            found.extend((a, b, kind) for a, b in _super_runs(text, census))
            continue
        if kind == "oldtone":
            for c, pattern in _OLD_TONE_BY_FIRST.items():
                if c in text:
                    found.extend((m.start(), m.end(), kind) for m in pattern.finditer(text))
            continue
        # Text in NFC holds no mark that NFC would join to its letter (and none after
        # "oa"/"uy" to move): its combining marks, if any, would be kept as they are.
        # (The marks U+0300-U+036F are all of one block.)
        if kind == "combining" and (census.lacks_block(0x03) or unicodedata.is_normalized("NFC", text)
                                    or not _HAS_COMBINING.search(text)):
            continue
        found.extend((m.start(), m.end(), kind) for m in _PATTERNS[kind].finditer(text))
    found.sort()
    pos = 0
    for a, b, kind in found:
        if a >= pos:
            yield a, b, kind
            pos = b


def _new_tone_placement(pair: str) -> str:
    """"oá" → "óa", "uỷ" → "ủy": the tone moves to the first vowel of an open syllable."""
    first, second = pair[0], pair[1]
    decomposed = unicodedata.normalize("NFD", second)
    base, marks = decomposed[0], decomposed[1:]
    if not marks or any(m not in _TONES for m in marks):
        return pair
    return unicodedata.normalize("NFC", first + marks) + base


@dataclass
class Normalized:
    """The normalised text, where footnote markers were, and the way back."""
    text: str
    original: str
    footnote_marks: list[tuple[int, int]] = field(default_factory=list)  # (normalised offset, number)
    # Pieces where lengths changed: parallel lists of normalised start, original start,
    # normalised length, original length. Between pieces the offset shift is constant.
    _n_starts: list[int] = field(default_factory=list)
    _o_starts: list[int] = field(default_factory=list)
    _n_lens: list[int] = field(default_factory=list)
    _o_lens: list[int] = field(default_factory=list)
    census: Census | None = None          # the original text's

    def original_start(self, n: int) -> int:
        """The original offset where the normalised character at n begins."""
        i = bisect.bisect_right(self._n_starts, n) - 1
        if i < 0:
            return n
        ns, os_, nl, ol = self._n_starts[i], self._o_starts[i], self._n_lens[i], self._o_lens[i]
        if n < ns + nl:                     # inside a changed piece
            return os_ + min(n - ns, ol) if nl == ol else os_
        return os_ + ol + (n - ns - nl)

    def original_end(self, n: int) -> int:
        """The original offset just after the normalised text that ends at n."""
        if n <= 0:
            return 0
        i = bisect.bisect_right(self._n_starts, n - 1) - 1
        if i < 0:
            return n
        ns, os_, nl, ol = self._n_starts[i], self._o_starts[i], self._n_lens[i], self._o_lens[i]
        if n <= ns + nl:
            return os_ + (n - ns) if nl == ol else os_ + ol
        return os_ + ol + (n - ns - nl)

    def original_span(self, a: int, b: int) -> tuple[int, int]:
        """(original_start(a), original_end(b)): the original span of normalised text[a:b]."""
        # Before the first change offsets are the same in both texts: original_start(n)
        # is n for n below the first piece's start, original_end(n) for n up to it.
        starts = self._n_starts
        if not starts or (a < starts[0] and 0 <= b <= starts[0]):
            return a, b
        return self.original_start(a), self.original_end(b)


def normalized(text: str) -> Normalized:
    """The text in one form for matching: NFC, new tone placement, single spaces,
    "\\n" line ends, no markdown emphasis, no footnote markers (their places kept)."""
    out: list[str] = []
    result = Normalized(text="", original=text, census=Census(text))
    pos = 0          # original offset copied so far
    npos = 0         # normalised length so far
    for a, b, kind in _changes(text, result.census):
        if a > pos:
            out.append(text[pos:a])
            npos += a - pos
        raw = text[a:b]
        if kind == "super":
            result.footnote_marks.append((npos, int("".join(_SUPER_VALUE[c] for c in raw))))
            rep = ""
        elif kind == "combining":
            rep = unicodedata.normalize("NFC", raw)
            if (len(rep) == 2 and rep[0] in "oOuU" and not (a > 0 and text[a - 1] in "qQ")
                    and (b >= len(text) or not text[b].isalpha())):
                rep = _new_tone_placement(rep)
        elif kind == "oldtone":
            rep = _new_tone_placement(raw)
        elif kind == "newline":
            rep = "\n" if raw[0] != "\n" else raw
        elif kind == "spaces":
            rep = " "
        else:                                  # stars, invisible, heading
            rep = ""
        out.append(rep)
        result._n_starts.append(npos)
        result._o_starts.append(a)
        result._n_lens.append(len(rep))
        result._o_lens.append(b - a)
        npos += len(rep)
        pos = b
    if pos < len(text):
        out.append(text[pos:])
    result.text = "".join(out)
    return result


_KEY_WORDS = re.compile(r"[^\W_]+|%")


@lru_cache(maxsize=65536)
def folded(phrase: str) -> str:
    """A phrase as the vocabulary compares it: normalised, lower case, words joined by
    one space, commas, dashes and dots between words dropped."""
    if any(True for _ in _changes(phrase)):
        phrase = normalized(phrase).text
    return " ".join(_KEY_WORDS.findall(phrase.casefold()))
