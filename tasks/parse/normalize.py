"""One normal form of the text to match against, with a map back to the original.

Reports arrive in NFC or NFD (or both mixed), with old and new tone-mark placement
("hoá"/"hóa", "thuỷ"/"thủy"), markdown emphasis from extraction (**bold**, *italic*),
footnote markers written as superscript digits, odd spaces. The grammar matches one
form; every record still points into the text exactly as given, so normalisation
keeps a piecewise map from normalised offsets to original offsets.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_VALUE = {c: str(i) for i, c in enumerate(_SUPERSCRIPTS)}

# Tone marks that the old placement puts on the second vowel of oa/oe/uy ("hoá").
_TONES = "\u0301\u0300\u0309\u0303\u0323"

# What normalisation changes; everything else is copied as is (one regex pass, linear).
_CHANGE = re.compile(
    r"(?P<super>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
    r"|(?P<combining>(?:[oOuU](?=[aeyAEY][\u0300-\u036f]))?[^\s\u0300-\u036f]?[\u0300-\u036f]+)"
    r"|(?P<oldtone>(?<![qQ])[oOuU][áàảãạÁÀẢÃẠéèẻẽẹÉÈẺẼẸýỳỷỹỵÝỲỶỸỴ](?![^\W\d_]))"
    r"|(?P<stars>\*+)"
    r"|(?P<newline>\r\n?|[\u2028\u2029\x0b\x0c\x85])"
    r"|(?P<spaces>[^\S\n]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000])"
    r"|(?P<invisible>[\u200b-\u200d\ufeff\u00ad])"
    r"|(?P<heading>(?m:^)#{1,6}[ \t]+)"
)


def _new_tone_placement(pair: str) -> str:
    """"oá" → "óa", "uỷ" → "ủy": the tone moves to the first vowel of an open syllable."""
    first, second = pair
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


def normalized(text: str) -> Normalized:
    """The text in one form for matching: NFC, new tone placement, single spaces,
    "\\n" line ends, no markdown emphasis, no footnote markers (their places kept)."""
    out: list[str] = []
    result = Normalized(text="", original=text)
    pos = 0          # original offset copied so far
    npos = 0         # normalised length so far
    for m in _CHANGE.finditer(text):
        a, b = m.span()
        if a > pos:
            out.append(text[pos:a])
            npos += a - pos
        kind = m.lastgroup
        raw = m.group()
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
            rep = "\n"
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


def folded(phrase: str) -> str:
    """A phrase as the vocabulary compares it: normalised, lower case, words joined by
    one space, commas and dashes between words dropped."""
    text = normalized(phrase).text.casefold()
    return " ".join(re.findall(r"[^\W_]+(?:\.(?=\w))?|%", text))
