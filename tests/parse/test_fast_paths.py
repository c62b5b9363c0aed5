"""The parser's faster paths give what the plain forms they stand for give: the white
space runs of normalisation, the marks of document numbers, the last clause stop, the area mentions read from the
prefix's first letter, the years of a block read without its lead period, the list-item
mark and lower-case letters of a line read by the scan that finds it, marker lines read
without their key. Random strings from small alphabets of the characters that matter,
and the test corpora."""
from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

import tasks.parse
from tasks.parse import blocks, compiled, context, grammar, normalize, numbers, vocab
from tasks.parse.blocks import blocks_of, sentences_of
from tasks.parse.grammar import BlockState

CORPORA = sorted((Path(__file__).parent / "corpus").glob("*.txt")) + sorted((Path(__file__).parent / "corpus2").glob("*.txt"))


def _random_strings(alphabet: list[str], n: int = 4000, longest: int = 30, seed: int = 11):
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, longest)))


def test_space_runs_are_the_spaces_pattern():
    pattern = normalize._PATTERNS["spaces"]
    alphabet = list("ab \n\t\r") + ["\u00a0", "\u2003", "\u3000", "\x0b", "\x85", "\u2028", "\u1680", "\x1c", "\u202f"]
    for text in _random_strings(alphabet):
        spans = [m.span() for m in pattern.finditer(text)]
        assert normalize._space_runs(text) == spans == normalize._space_runs(text, normalize.Census(text)), repr(text)


def test_the_census_finds_each_character_where_str_find_does():
    # Characters of several blocks, those str.find is slow for among them, and one past
    # U+FFFF (two UTF-16 units: the census then leaves every character to str.find).
    probes = ["\u2000", "\u2001", "\u2074", "\u00b9", "\x1e", "\u3000", "\u0301", "\u03b1", "a", "ế", "\ufeff"]
    pieces = probes + ["x", " ", "“", "”", "–", "ơ", "Đ", "\n", "\U0001d7d3"]
    texts = list(_random_strings(pieces, n=3000, longest=20, seed=3)) + [p.read_text(encoding="utf-8") for p in CORPORA[:6]]
    texts += ["“" * (normalize._MOST_PLACES + 1) + "\u2000", "ascii only \t text"]
    listed = 0
    for text in texts:
        census = normalize.Census(text)
        for c in probes:
            at = census.places(c)
            plain = [i for i, ch in enumerate(text) if ch == c]
            assert at is None or at == plain, (text, c)
            assert census.holds(c) == bool(plain)
            listed += at is not None and bool(plain)
        for block in (0x03, 0x20, 0x30, 0xFE):
            assert not census.lacks_block(block) or not any(ord(ch) >> 8 == block for ch in text), (text, block)
        assert normalize.places_of(text, "".join(probes), census) == normalize.places_of(text, "".join(probes))
    assert listed > 3000


def test_document_number_marks_are_those_of_the_hint_pattern():
    alphabet = list("12/-ABĐaZđ \n\t") + ["\u00a0", "\u2003", "Á"]
    for text in list(_random_strings(alphabet, longest=25)) + [p.read_text(encoding="utf-8") for p in CORPORA]:
        assert vocab._docnum_marks(text) == [m.start() for m in vocab._DOCNUM_HINT.finditer(text)], repr(text[:200])


def test_last_stop_is_the_last_of_the_stops():
    rng = random.Random(5)
    for text in _random_strings(list("ab,;.:()\n x")):
        lo = rng.randrange(0, len(text) + 1)
        hi = rng.randrange(lo, len(text) + 1)
        assert grammar._last_stop(text, lo, hi) == max(text.rfind(c, lo, hi) for c in grammar._PERIOD_STOPS), (text, lo, hi)


def test_area_mentions_are_those_of_the_plain_look_behind():
    # The pattern as it reads without the first-letter skip: a look-behind, then the prefixes.
    plain = re.compile(r"(?<![^\W_])" + context._PREFIX + context.AREA_MENTION.pattern[len(context._PREFIX_BY_FIRST):],
                       re.IGNORECASE)
    pieces = ["quận ", "Quận", "QUẬN", "huyện", "TP.", "tp", "Tp ", "tỉnh", "THÀNH  PHỐ", "thị xã", "thị\nxã", "x", " ",
              "-", "_", "1", "12", "Kiến An", "9 tháng", "\n", "(", ".", "TỈNH", "Thị Xã", "HUYỆN", "tăng", "t", "h", "q"]
    texts = list(_random_strings(pieces, longest=20)) + [p.read_text(encoding="utf-8") for p in CORPORA]
    for text in texts:
        got = [(m.span(), m.groupdict()) for m in context.AREA_MENTION.finditer(text)]
        assert got == [(m.span(), m.groupdict()) for m in plain.finditer(text)], repr(text[:200])


def _plain_year(scan: str, start: int, end: int, year=None):
    """The latest year of scan[start:end] as its definition reads: every period token of a
    scan from the start, but those of a comparison."""
    for m in vocab.PERIOD_SCANNER.finditer(scan, start, end):
        k = m.lastgroup
        if k in grammar.PERIOD_KINDS and not grammar._past_period(m):
            p = grammar.period_from(k, m)
            if p is not None and p.year is not None:
                year = p.year
    return year


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: p.name)
def test_the_years_of_a_block_are_those_of_a_scan_of_all_its_periods(path):
    norm = normalize.normalized(path.read_text(encoding="utf-8"))
    scan = vocab.scan_form(norm.text)
    for block in blocks_of(norm):
        years = BlockState()
        years.years.add_text(scan, block.start, block.end)
        assert years.year == _plain_year(scan, block.start, block.end), norm.text[block.start:block.end][:200]


def _plain_lead(scan: str, ranges) -> object:
    """The lead period as its definition reads: the first period of the ranges, in order,
    that is neither a bare year nor a comparison's, every range scanned from its start."""
    for start, end in ranges:
        for m in vocab.PERIOD_SCANNER.finditer(scan, start, end):
            k = m.lastgroup
            if k in grammar.PERIOD_KINDS and k != "year" and not grammar._past_period(m):
                p = grammar.period_from(k, m)
                if p is not None:
                    return p
    return None


_PERIOD_PIECES = ["năm 2023", "Năm 2024", " ", ", ", ". ", "! ", "? ", "… ", "tháng 6", "tháng 13", "6 tháng đầu năm",
                  "quý I/2023", "quý II", "so với ", "của ", "cùng kỳ ", "đến ngày 18/8/2023", "2021-2025", "lũy kế ",
                  "8 tháng", "thu ", "đạt ", "12,5%", "1.234 tỷ đồng", "(", ")", "2022", "/"]


def _texts_with_periods():
    yield from _random_strings(_PERIOD_PIECES, n=1500, longest=14, seed=23)
    for p in CORPORA:
        yield p.read_text(encoding="utf-8")


def test_the_lead_read_when_asked_for_is_the_first_period_of_the_block():
    for text in _texts_with_periods():
        norm = normalize.normalized(text)
        scan = vocab.scan_form(norm.text)
        for block in blocks_of(norm):
            sentences = [(s.start, s.end) for s in sentences_of(norm.text, block.start, block.end)]
            state = BlockState()
            for start, end in sentences:
                grammar.note_periods(scan, start, end, state)
            assert state.lead_period == _plain_lead(scan, sentences), norm.text[block.start:block.end][:200]


def test_the_years_of_random_periods_are_those_of_a_scan_of_all_its_periods():
    for text in _random_strings(_PERIOD_PIECES, n=1500, longest=14, seed=29):
        norm = normalize.normalized(text)
        scan = vocab.scan_form(norm.text)
        for block in blocks_of(norm):
            years = BlockState()
            years.years.add_text(scan, block.start, block.end)
            assert years.year == _plain_year(scan, block.start, block.end), norm.text[block.start:block.end][:200]


def test_a_block_read_at_once_for_its_years_keeps_the_year_of_its_sentences():
    # Blocks without an indicator's name are read for their latest year over the whole
    # block: no period token runs across a sentence's end.
    for text in _texts_with_periods():
        norm = normalize.normalized(text)
        scan = vocab.scan_form(norm.text)
        for block in blocks_of(norm):
            by_sentence, whole = BlockState(), BlockState()
            for s in sentences_of(norm.text, block.start, block.end):
                if any(c.isdigit() for c in norm.text[s.start:s.end]):
                    grammar.note_periods(scan, s.start, s.end, by_sentence)
            whole.years.add_text(scan, block.start, block.end)
            assert whole.year == by_sentence.year, norm.text[block.start:block.end][:200]


def test_the_latest_year_seen_is_that_of_the_last_block_naming_one():
    # Blocks kept as text until a figure asks give the year reading each at once gives.
    rng = random.Random(31)
    for text in _texts_with_periods():
        norm = normalize.normalized(text)
        scan = vocab.scan_form(norm.text)
        lazy, eager = grammar.LatestYear(), []
        for block in blocks_of(norm):
            state = BlockState()
            state.years.add_text(scan, block.start, block.end)
            if state.year is not None:
                eager.append(state.year)
            if rng.random() < 0.5:
                lazy.add_text(scan, block.start, block.end)
            else:
                lazy.add(state.year)
            if rng.random() < 0.3:
                assert lazy.latest() == (eager[-1] if eager else None), norm.text[block.start:block.end][:200]
        assert lazy.latest() == (eager[-1] if eager else None)


def test_an_amount_read_by_its_words_is_the_amount_read_whole():
    from tasks.parse.numbers import amount_from, amount_of
    pieces = ["1.234", "5", "0,5", "12", " ", "  ", "tỷ", "triệu", "nghìn", "ngàn", "đồng", "usd", "lượt người",
              "người", "lao động", "tỉ", "đ", "vnđ", "%", "x"]
    texts = [" ".join(t.split()) for t in _random_strings(pieces, n=3000, longest=8, seed=37)]
    texts += [p.read_text(encoding="utf-8") for p in CORPORA]
    seen = 0
    for text in texts:
        scan = vocab.scan_form(normalize.normalized(text).text)
        for m in vocab.SCANNER.finditer(scan):
            if m.lastgroup == "amount":
                seen += 1
                assert amount_of(m.group(), m.group("a_num"), m.group("a_unit")) == amount_from(m.group()), m.group()
    assert seen > 500


# The plain forms blocks.py had before its fast paths, kept here as the reference.
_PLAIN_LINE_MARKER_WORD = re.compile("|".join(map(re.escape, sorted({max(m.split(), key=len) for m in vocab.LINE_MARKERS}))))
_PLAIN_LINE_MARKER = re.compile("|".join(map(re.escape, vocab.LINE_MARKERS)))


def _plain_is_upper_heading(line):
    if len(line) > 300 or sum(map(str.islower, line[:40])) > 8:
        return False
    letters = [c for c in line if c.isalpha()]
    return (len(letters) >= 6 and len(line.split()) >= 2 and ":" not in line[:12]
            and sum(c.isupper() for c in letters) >= 0.8 * len(letters))


def _plain_blocks(norm):
    text = norm.text
    marks = {pos: n for pos, n in norm.footnote_marks}
    lines = []
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
            if prev[-1] not in blocks._TERMINAL and stripped[0].islower() and len(prev) > 40:
                lines[-1] = (pls, pa, b)
                continue
        lines.append((ls, a, b))
    out = []
    for ls, a, b in lines:
        line = text[a:b]
        footnote = next((marks[p] for p in range(ls, a + 1) if p in marks), None) if marks else None
        if footnote is not None:
            kind = "footnote"
        elif line.startswith("|"):
            kind = "table"
        elif _plain_is_upper_heading(line) or (blocks._ROMAN_HEADING.match(line) and _plain_is_upper_heading(line[:60])):
            kind = "heading"
        elif blocks._LIST_ITEM.match(line):
            kind = "item"
        else:
            kind = "text"
        out.append(blocks.Block(a, b, kind, footnote=footnote))
    _plain_mark_noise(text, out)
    return out


def _plain_mark_noise(text, blks):
    n = len(blks)
    body_seen = False
    i = 0
    while i < n:
        blk = blks[i]
        line = text[blk.start:blk.end]
        low = line.lower()
        key = None
        if len(line) < 300:
            first = blocks._WORD.search(low)
            if first and (first.group() in blocks._SIDEBAR_FIRST or _PLAIN_LINE_MARKER_WORD.search(low)):
                key = " ".join(blocks._WORD.findall(low))
        if key and key in vocab.SIDEBAR_MARKERS:
            blk.noise = True
            if body_seen:
                for rest in blks[i + 1:]:
                    rest.noise = True
                return
            i += 1
            continue
        if not blk.noise and blk.end - blk.start >= 80 and text[blk.end - 1] in ".;:!?…”\"":
            body_seen = True
        if (key and len(line) < 200 and _PLAIN_LINE_MARKER.search(key)) or (
                "ảnh" in low and (low.startswith(("ảnh", "(ảnh")) or line[-1] == ")") and blocks._CAPTION.search(line)):
            blk.noise = True
        elif (i + 1 < n and blks[i + 1].end - blks[i + 1].start == blk.end - blk.start and len(line) < 300
              and low == text[blks[i + 1].start:blks[i + 1].end].lower() and blocks._WORD.search(low)):
            blk.noise = blks[i + 1].noise = True
        i += 1


def _plain_sentences(text, start, end):
    out = []
    s = start
    for m in blocks._SENTENCE_END.finditer(text, start, end):
        before = text[max(s, m.start() - 6):m.start()]
        words = blocks._WORD.findall(before)
        if m.group().startswith(".") and words and normalize.folded(words[-1]) in vocab.ABBREVIATIONS and before.endswith(words[-1]):
            continue
        e = m.end()
        if text[s:e].strip():
            out.append((s, e))
        s = e
        while s < end and text[s].isspace():
            s += 1
    if s < end and text[s:end].strip():
        out.append((s, end))
    return out


def _as_tuples(bl):
    return [(b.start, b.end, b.kind, b.noise, b.footnote) for b in bl]


# Lines and pieces of lines that each branch of blocks_of and _mark_noise reads: sidebar
# and line markers, captions, headings, list items, footnote marks, odd white space,
# letters that lower case differently alone and in a word ("İ", "Σ"), line ends.
_BLOCK_PIECES = ["\n", "\n", "\n\n", " ", "  ", "\t", "\x1c", "\u1680", "\u00a0", "¹", "²³", "|", " | ",
                 "Tin khác", "TIN LIÊN QUAN", "Xem thêm:", "Mã QR", "mã qr code", "Chia sẻ bài viết", "Đăng nhập",
                 "Ảnh: Quỳnh Nga", "(Ảnh: TL)", "ảnh minh họa", "ẢNH", "ảnh hưởng", ")", "(", "İ", "Σ", "ΣΑ", "ſ",
                 "I. TÌNH HÌNH KINH TẾ", "BÁO CÁO KẾT QUẢ", "1. ", "a) ", "- ", "• ", "ii. ",
                 "Doanh thu tăng 7,5% so với cùng kỳ", "năm 2024.", " và ", "TP. Hải Phòng", "Q. 1", "tăng",
                 "x" * 45, "A" * 7, "Chỉ tiêu", ":", ".", "…", "”", "Ông", "ông. Bà"]


def _block_texts(n=3000, seed=3):
    texts = list(_random_strings(_BLOCK_PIECES, n=n, longest=40, seed=seed))
    rng = random.Random(seed)
    for _ in range(300):        # long lines: the length limits of 40, 60, 80, 200 and 300 characters
        texts.append("\n".join("".join(rng.choice(_BLOCK_PIECES) for _ in range(rng.randrange(1, 60)))
                               for _ in range(rng.randrange(1, 6))))
    return texts + [p.read_text(encoding="utf-8") for p in CORPORA] + [
        unicodedata.normalize("NFD", p.read_text(encoding="utf-8")) for p in CORPORA[:10]]


def test_blocks_are_those_of_the_plain_line_split():
    for text in _block_texts():
        norm = normalize.normalized(text)
        assert _as_tuples(blocks_of(norm)) == _as_tuples(_plain_blocks(norm)), repr(text[:300])


def test_noise_is_that_of_the_plain_per_line_lowering():
    # Blocks cut from every line, noise or not, headline pairs among them.
    for text in _block_texts(seed=8):
        norm = normalize.normalized(text)
        for cut in (blocks_of(norm), _plain_blocks(norm)):
            fast = [blocks.Block(b.start, b.end, b.kind) for b in cut]
            plain = [blocks.Block(b.start, b.end, b.kind) for b in cut]
            per_line = [blocks.Block(b.start, b.end, b.kind) for b in cut]
            low = norm.text.lower()
            blocks._mark_noise(norm.text, fast, low if len(low) == len(norm.text) else None)
            blocks._mark_noise(norm.text, per_line, None)
            _plain_mark_noise(norm.text, plain)
            assert _as_tuples(fast) == _as_tuples(plain), repr(text[:300])
            assert _as_tuples(per_line) == _as_tuples(plain), repr(text[:300])


def test_upper_headings_are_those_of_the_plain_count():
    pieces = ["A", "Ă", "Ê", "a", "ă", "ư", "ễ", "Ω", "ω", "ß", "ǅ", "ª", "ᵃ", "ⅰ", "Ⅰ", "Ⓐ", "ⓐ", "𝑎", " ", "1", ":", "-"]
    texts = list(_random_strings(pieces, n=6000, longest=70, seed=4))
    for path in CORPORA:
        texts += path.read_text(encoding="utf-8").split("\n")
    # Upper-case lines with a few lower-case letters at every place about the 40th character.
    texts += [f"{'Ê' * k} {'ư' * m}{'A' * j}" for k in range(0, 60, 3) for m in range(12) for j in (0, 20, 60)]
    for line in texts:
        assert blocks._is_upper_heading(line) == _plain_is_upper_heading(line), repr(line)
    assert all(c.islower() for c in blocks._LOWER_LATIN)


def test_sentences_are_those_of_the_plain_cut():
    rng = random.Random(9)
    pieces = ["TP", "Tp", "tp", "Q", "q", "ông", "Ông", "BS", "ths", "x", "xyz", "_", "2024", "%", "²", ".", "..", "!",
              "?", "…", " ", "  ", "\n", "\t", "A", "Hải", "1", "(", "\"", "”", "'", "-", "đ/c", "Đ.c"]
    texts = list(_random_strings(pieces, n=6000, longest=30, seed=9))
    for text in texts:
        lo = rng.randrange(0, len(text) + 1)
        hi = rng.randrange(lo, len(text) + 1)
        for a, b in ((0, len(text)), (lo, hi)):
            assert [(s.start, s.end) for s in blocks.sentences_of(text, a, b)] == _plain_sentences(text, a, b), (text, a, b)
    for path in CORPORA:
        norm = normalize.normalized(path.read_text(encoding="utf-8"))
        for b in blocks_of(norm):
            got = [(s.start, s.end) for s in blocks.sentences_of(norm.text, b.start, b.end)]
            assert got == _plain_sentences(norm.text, b.start, b.end)


def test_a_word_character_is_a_letter_or_digit():
    # sentences_of reads [^\W_] of the word pattern as str.isalnum().
    word = re.compile(r"[^\W_]")
    assert all(bool(word.match(c)) == c.isalnum() for c in map(chr, range(0x110000)))


def test_original_span_is_original_start_and_end():
    rng = random.Random(12)
    pieces = ["a", "hoá", "thuỷ", "¹", "²³", "**", "*", "  ", "\u00a0", "\r\n", "\r", "\u200b", "# ", "\n", "ho\u0301a", "e\u0301"]
    texts = list(_random_strings(pieces, n=2000, longest=20, seed=12)) + [p.read_text(encoding="utf-8") for p in CORPORA[:5]]
    for text in texts:
        norm = normalize.normalized(text)
        n = len(norm.text)
        pairs = [(a, b) for a in range(n + 1) for b in range(a, n + 1)] if n <= 30 else [
            tuple(sorted((rng.randrange(n + 1), rng.randrange(n + 1)))) for _ in range(300)]
        for a, b in pairs:
            assert norm.original_span(a, b) == (norm.original_start(a), norm.original_end(b)), (text, a, b)


def test_superscript_runs_are_the_super_pattern():
    pattern = normalize._PATTERNS["super"]
    alphabet = list("a1 \n") + list(normalize._SUPERSCRIPTS)
    for text in list(_random_strings(alphabet)) + [p.read_text(encoding="utf-8") for p in CORPORA]:
        spans = [m.span() for m in pattern.finditer(text)]
        assert normalize._super_runs(text) == spans == normalize._super_runs(text, normalize.Census(text)), repr(text)


def test_old_tones_by_first_letter_are_the_oldtone_pattern():
    pattern = normalize._PATTERNS["oldtone"]
    alphabet = list("oOuUqQaá ,1_") + ["ý", "Ỷ", "ẹ", "ệ", "đ", "\n"]
    texts = list(_random_strings(alphabet, n=6000)) + [p.read_text(encoding="utf-8") for p in CORPORA]
    for text in texts:
        got = sorted(m.span() for c, p in normalize._OLD_TONE_BY_FIRST.items() for m in p.finditer(text))
        assert got == [m.span() for m in pattern.finditer(text)], repr(text)


def test_sentence_ends_are_those_of_the_pattern():
    rng = random.Random(14)
    pieces = [".", "..", "!", "?", "…", "\"", "”", "'", "“", "(", "-", "–", " ", "  ", "\n", "\t", "1", "a", "Hà", "_", "%",
              "²", "Ⅰ", "١", "\u00a0", "\u2028", "\x1c", "’", "«"]
    texts = list(_random_strings(pieces, n=12000, longest=25, seed=14))
    texts += [normalize.normalized(p.read_text(encoding="utf-8")).text for p in CORPORA]
    for text in texts:
        lo = rng.randrange(0, len(text) + 1)
        hi = rng.randrange(lo, len(text) + 1)
        for a, b in ((0, len(text)), (lo, hi)):
            got = blocks._sentence_ends(text, a, b)
            assert got == [m.span() for m in blocks._SENTENCE_END.finditer(text, a, b)], (text, a, b)


def test_a_lowered_line_is_its_slice_of_the_lowered_text():
    # _mark_noise reads a block's lowered line from the whole text lowered once, when
    # lowering keeps the text's length: white space stops the look around of a capital
    # sigma, whose lower case alone depends on its neighbours.
    spaces = [c for c in map(chr, range(0x110000)) if c.isspace()]
    for w in spaces:
        assert ("AΣ" + w + "A").lower()[1] == "ς" and ("A" + w + "Σ").lower()[-1] == "σ", repr(w)
    pieces = ["Σ", "σ", "ς", "A", "a", "Ư", "'", "\u0301", "\u00ad", ".", "1", "İ", "ſ", "ǅ"] + spaces[:8] + ["\n", "\n"]
    texts = list(_random_strings(pieces, n=6000, longest=30, seed=29))
    texts += [p.read_text(encoding="utf-8") for p in CORPORA]
    seen = 0
    compiled_parser = not blocks.__file__.endswith(".py")
    for raw in texts:
        norm = normalize.normalized(raw)
        text = norm.text
        # Lowered as the module lowers, compiled or not: mypyc's str.lower takes a capital
        # sigma alone (always "σ"), CPython's by its neighbours.
        low = blocks._lowered(text, None, 0, len(text))
        assert compiled_parser or low == text.lower()
        for blk in blocks_of(norm):
            line = blocks._lowered(text, None, blk.start, blk.end)
            assert compiled_parser or line == text[blk.start:blk.end].lower()
            if len(low) == len(text):
                assert blocks._lowered(text, low, blk.start, blk.end) == line, repr(text)
                seen += "Σ" in text[blk.start:blk.end]
    assert seen > 100


# The scanners as their parts read plainly: every part as written, the word look-aheads
# as branches of literals, the digits and letters told apart by (?=\d) and (?=\D), the
# phrase with its own look-behind, a word separator of two branches.
_PLAIN_WORD_SEP = r"(?:\s*[,\-–—]\s*|\s+)"


def _plain_starts(words):
    return r"(?=\d|" + "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


def _plain_group(*names):
    parts = dict(vocab.SCANNER_PARTS)
    return "|".join(f"(?P<{n}>{parts[n]})" for n in names).replace(vocab.WORD_SEP, _PLAIN_WORD_SEP)


_PLAIN_SCANNER = re.compile(
    _plain_group("boundary") + "|"
    r"(?<![^\W_])(?:" + _plain_starts(vocab._DATE_WORDS) + "(?:" + _plain_group("todate", "date", "compare_year", "span", "cumul") + ")"
    + r"|(?=\d)(?:" + _plain_group("points", "pct", "slash", "amount") + ")"
    + r"|(?=\D)(?:" + _plain_starts(vocab._PERIOD_WORDS) + "(?:" + _plain_group("month", "quarter", "half", "relative", "year", "wholeyear") + ")|"
    + r"(?P<phrase>(?<![^\W_])" + dict(vocab.SCANNER_PARTS)["phrase"].replace(vocab.WORD_SEP, _PLAIN_WORD_SEP) + ")))")
_PLAIN_PERIOD_SCANNER = re.compile(
    r"(?<![^\W_])(?=[\dđtnsqcl])" + _plain_starts(vocab._DATE_WORDS + vocab._PERIOD_WORDS)
    + "(?:" + _plain_group("todate", "date", "compare_year", "span", "cumul", "month", "quarter", "half", "year") + ")")
_PLAIN_NAME_HINT = re.compile(vocab.NAME_HINT.pattern.replace(vocab.WORD_SEP, _PLAIN_WORD_SEP))


def _scanner_texts():
    """Random strings of the scanner's words, numbers of every shape, units, marks and
    odd spacing; random pieces of the corpora; the corpora whole."""
    rng = random.Random(41)
    lexicon = sorted(vocab.LEXICON)
    words = (vocab._DATE_WORDS + vocab._PERIOD_WORDS + list(vocab.SCALES) + list(vocab.CURRENCIES)
             + list(vocab.COUNT_UNITS) + list(vocab.COMPARATORS) + list(vocab.MONTH_WORDS)
             + [normalize.folded(w) for w in vocab.FIRST_HALF + vocab.WHOLE_YEAR + vocab.CUMULATIVE_WORDS])
    marks = [" ", " ", "  ", "\n", ", ", ",", ";", ":", "(", ")", "|", "-", " - ", "–", "—", "/", " / ", ".", "%",
             " %", "_", "¤", "x", "ba", "điểm", "phần trăm", "so với", "cùng kỳ", "kế hoạch", "đầu năm", "cuối năm",
             "này", "nay", "đến", "hết", "ngày", "tháng", "quý", "i", "ii", "iv", "năm", "cả năm", "toàn"]
    numbers = ["1", "6", "9", "12", "2024", "2021", "2025", "1.234", "1.234.567", "12,5", "1.234,56", "10.5", "10.55",
               "10.555", "1.23", "5,", "7.", "0,5", "18/8/2023", "6/2024", "100", "3.000", "1.234.5"]
    pools = (lexicon, words, marks, numbers)
    for _ in range(2500):
        pieces = [rng.choice(rng.choice(pools)) for _ in range(rng.randrange(1, 12))]
        yield "".join(p + rng.choice(["", " ", " ", "  ", ", "]) for p in pieces)
    corpus = [vocab.scan_form(normalize.normalized(p.read_text(encoding="utf-8")).text) for p in CORPORA]
    for _ in range(1500):
        text = rng.choice(corpus)
        a = rng.randrange(len(text))
        yield text[a:a + rng.randrange(1, 200)]
    yield from corpus


def _match_tuples(pattern, text, *bounds):
    return [(m.span(), m.lastgroup, m.groupdict()) for m in pattern.finditer(text, *bounds)]


def test_scanner_tokens_are_those_of_the_plain_scanner():
    rng = random.Random(43)
    seen = set()
    for text in _scanner_texts():
        lo = rng.randrange(len(text) + 1)
        for bounds in ((), (lo, rng.randrange(lo, len(text) + 1))):
            got = _match_tuples(vocab.SCANNER, text, *bounds)
            assert got == _match_tuples(_PLAIN_SCANNER, text, *bounds), (text, bounds)
            seen.update(kind for _, kind, _ in got)
    assert seen == {n for n, _ in vocab.SCANNER_PARTS}          # every alternative met


def _scanner_with_a_guard_per_group():
    """The scanner with the same groups in the same order (the number the figures read
    again unnamed among them), without its shared guards: the boundary a named class,
    each group of alternatives behind a plain look-ahead of its words, every figure tried
    after its number, the periods and phrases behind a letter, optional groups as written."""
    parts = dict(vocab.SCANNER_PARTS)
    group = lambda *names: "|".join(f"(?P<{n}>{parts[n]})" for n in names)
    dates = (group("boundary") + r"|(?<![^\W_])(?:" + _plain_starts(vocab._DATE_WORDS)
             + "(?:" + group("todate", "date", "compare_year", "span", "cumul") + ")")
    number = re.compile(dates + ")").groups + 1
    figures = "|".join(f"(?P<{n}>{p})" for n, p in vocab._figure_parts(rf"(?:\{number})"))
    return re.compile(dates + r"|(?=\d)(?=(" + vocab.NUM + "))(?:" + figures + ")"
                      + r"|(?=[^\W\d_])(?:" + _plain_starts(vocab._PERIOD_WORDS)
                      + "(?:" + group("month", "quarter", "half", "relative", "year", "wholeyear") + ")|"
                      + group("phrase") + "))")


def test_scanner_groups_are_those_of_a_guard_per_group():
    # Every group's value, unnamed ones too: the matches _tokens_of reads, position by position.
    plain = _scanner_with_a_guard_per_group()
    assert (plain.groups, plain.groupindex) == (vocab.SCANNER.groups, vocab.SCANNER.groupindex)
    rng = random.Random(47)
    seen = set()
    for text in _scanner_texts():
        lo = rng.randrange(len(text) + 1)
        for bounds in ((), (lo, rng.randrange(lo, len(text) + 1))):
            got = [(m.span(), m.lastgroup, m.groups()) for m in vocab.SCANNER.finditer(text, *bounds)]
            assert got == [(m.span(), m.lastgroup, m.groups()) for m in plain.finditer(text, *bounds)], (text, bounds)
            seen.update(kind for _, kind, _ in got)
    assert seen == {n for n, _ in vocab.SCANNER_PARTS}          # every alternative met


def test_period_tokens_and_name_hints_are_those_of_the_plain_patterns():
    for text in _scanner_texts():
        assert _match_tuples(vocab.PERIOD_SCANNER, text) == _match_tuples(_PLAIN_PERIOD_SCANNER, text), text
        assert _match_tuples(vocab.NAME_HINT, text) == _match_tuples(_PLAIN_NAME_HINT, text), text


def test_optional_groups_as_branches_keep_the_pattern():
    # Every "(…)?" rewritten, nothing else: escapes, classes and lazy or possessive marks kept.
    cases = {r"a(?:b)?c": r"a(?:b|)c", r"(?P<x>a|b)?": r"(?:(?P<x>a|b)|)", r"[()?]\)?(?:x)??": r"[()?]\)?(?:x)??",
             r"(?:(?:a)?b)?": r"(?:(?:a|)b|)", r"[]x)]?(a)?+": r"[]x)]?(a)?+", r"\((a)\)?": r"\((a)\)?", r"(a)?(?:b)*": r"(?:(a)|)(?:b)*"}
    for pattern, rewritten in cases.items():
        assert vocab._optional_as_branch(pattern) == rewritten
    assert ")?" not in vocab._optional_as_branch(_PLAIN_SCANNER.pattern).replace(r"\)?", "")


def _figure_sentences():
    """(scan, start, end) of every sentence of the corpora and of random period texts."""
    texts = [p.read_text(encoding="utf-8") for p in CORPORA]
    texts += list(_random_strings(_PERIOD_PIECES + ["giá trị sản xuất ", "thu ngân sách ", "; ", "tăng "],
                                  n=1500, longest=14, seed=41))
    for text in texts:
        norm = normalize.normalized(text)
        scan = vocab.scan_form(norm.text)
        for block in blocks_of(norm):
            for s in sentences_of(norm.text, block.start, block.end):
                yield scan, s.start, s.end


def _plain_token_kind(m):
    """(kind, payload) of one token, as figures_in_sentence read each before _tokens_of."""
    kind = m.lastgroup
    if kind == "phrase":
        return vocab.lexicon_entry(m.group())
    if kind in grammar.PERIOD_KINDS:
        return kind, grammar.period_from(kind, m)
    return kind, ""


def _as_kinds(tokens):
    return [(m.span(), m.lastgroup, kind, payload) for m, kind, payload in tokens]


def test_the_tokens_read_in_one_pass_are_those_read_one_by_one():
    # No phrase of the lexicon is of a figure's or a period's kind: _tokens_of looks for
    # figures and years among the scanner's own kinds only.
    assert not {kind for kind, _ in vocab.LEXICON.values()} & set(grammar.FIGURE_KINDS + grammar.PERIOD_KINDS)
    seen = 0
    for scan, start, end in _figure_sentences():
        plain = [(m, *_plain_token_kind(m)) for m in vocab.SCANNER.finditer(scan, start, end)]
        tokens, has_figure, years = grammar._tokens_of(scan, start, end)
        assert _as_kinds(tokens) == _as_kinds(plain), scan[start:end]
        assert has_figure == any(k in grammar.FIGURE_KINDS for _, k, _ in plain), scan[start:end]
        assert years == [(m.start(), p.year) for m, k, p in plain
                         if k in grammar.PERIOD_KINDS and p is not None and p.year is not None], scan[start:end]
        seen += bool(years)
    assert seen > 200


def _run_on_the_sources(request) -> bool:
    """Whether a test that spies on the parser's own calls can run in this process: not
    when the modules in use are compiled (their calls between their own functions go
    past any monkeypatch). Then it runs in a process reading the sources, and must pass
    there."""
    if not tasks.parse.COMPILED:
        return True
    env = {**os.environ, compiled.PURE_ENV: "1"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", request.node.nodeid],
                          cwd=Path(__file__).parents[2], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "1 passed" in done.stdout, done.stdout[-3000:] + done.stderr[-2000:]
    return False


def test_the_periods_a_sentence_read_are_those_note_years_reads(monkeypatch, request):
    if not _run_on_the_sources(request):
        return
    # figures_in_sentence hands the block the period tokens its loop read (not compared
    # with), in place of a pass of _note_years over all its tokens; a sentence without a
    # figure hands them through _note_years.
    made, handed = [], []
    tokens_of, note = grammar._tokens_of, grammar._note_periods_read
    monkeypatch.setattr(grammar, "_tokens_of", lambda *a: made.append(tokens_of(*a)) or made[-1])
    monkeypatch.setattr(grammar, "_note_periods_read", lambda periods, block: handed.append(periods) or note(periods, block))
    from tasks.parse.records import records_from
    read = 0
    for path in CORPORA:
        made.clear(), handed.clear()
        records_from(path.read_text(encoding="utf-8"))
        assert len(made) == len(handed)
        for (tokens, has_figure, _), periods in zip(made, handed):
            assert periods == [t for t in tokens if t[1] in grammar.PERIOD_KINDS and not grammar._compared_period(t[0])]
            read += has_figure and bool(periods)
    assert read > 50


def test_a_target_list_is_looked_for_where_the_scanner_reads_one():
    phrases = grammar._TARGET_LIST_PHRASES
    assert all(any(w in p.split() for w in grammar._TARGET_LIST_COVER) for p in phrases)
    words = sorted({w for p in phrases for w in p.split()})
    pieces = words + phrases + [" ", ", ", " - ", "  ", "\n", "x", "2024", ":", "các", "thu ngân sách"]
    texts = ["".join(t) for t in _random_strings(pieces, n=4000, longest=9, seed=43)]
    cases = [(t, 0, len(t)) for t in texts] + list(_figure_sentences())
    hits = 0
    for scan, start, end in cases:
        plain = any(vocab.lexicon_entry(t.group())[0] == "target_list"
                    for t in vocab.SCANNER.finditer(scan, start, end) if t.lastgroup == "phrase")
        assert grammar._names_target_list(scan, start, end) == plain, scan[start:end]
        hits += plain
    assert hits > 200


def test_a_hint_in_a_sentence_is_answered_by_the_first_in_its_block():
    from tasks.parse import records
    assert records._HAS_DIGIT.pattern == vocab.DIGIT.pattern
    hints = (vocab.DIGIT, vocab.ASCII_DIGIT, vocab.FIGURE_HINT, vocab.ASCII_FIGURE_HINT, vocab.NAME_HINT)
    # _holds reads a match within a range as one within the block: no look-around, no anchor.
    for pattern in hints:
        assert not re.search(r"\(\?<?[=!]|\\[bBAZ]|(?<!\\)[$^]", pattern.pattern.replace("[^", "[")), pattern.pattern
    pieces = ["5", "12,5", " ", ". ", "! ", "\n", "%", " %", "tỷ", " tỷ đồng", "/", " / 3", "phần trăm", "giá trị",
              " sản xuất", "thu ngân sách", "ngân", "thu", "người", "Năm 2024", "x", "; "]
    texts = list(_random_strings(pieces, n=3000, longest=16, seed=47)) + [p.read_text(encoding="utf-8") for p in CORPORA]
    rng = random.Random(47)
    answered = 0
    for text in texts:
        norm = normalize.normalized(text)
        scan = vocab.scan_form(norm.text)
        for block in blocks_of(norm):
            for digit_re, figure_re in ((vocab.DIGIT, vocab.FIGURE_HINT), (vocab.ASCII_DIGIT, vocab.ASCII_FIGURE_HINT)):
                digit = digit_re.search(norm.text, block.start, block.end)
                figure = figure_re.search(scan, block.start, block.end)
                if digit:       # records_from searches for a figure from the block's first digit
                    assert (figure and figure.span()) == (
                        (m := figure_re.search(scan, digit.start(), block.end)) and m.span())
            ranges = [(s.start, s.end) for s in sentences_of(norm.text, block.start, block.end)]
            ranges += [tuple(sorted((rng.randrange(block.start, block.end + 1), rng.randrange(block.start, block.end + 1))))
                       for _ in range(3)]
            for pattern in hints:
                string = norm.text if pattern in (vocab.DIGIT, vocab.ASCII_DIGIT) else scan
                first = pattern.search(string, block.start, block.end)
                for start, end in ranges:
                    plain = pattern.search(string, start, end) is not None
                    assert grammar._holds(pattern, first and first.span(), string, start, end) == plain, (
                        pattern.pattern[:40], string[block.start:block.end], start, end)
                    answered += first is not None and (end <= first.start() or start <= first.start() and first.end() <= end)
    assert answered > 5000


def test_a_whole_value_is_its_own_rounding():
    # _records keeps a whole value as it is, where round(value, 6) reads its digits.
    rng = random.Random(59)
    values = [0.0, -0.0, 1e300, -1e300, 2.0 ** 53 + 2, 2.0 ** 70, 65854.0, 483595.0]
    values += [float(rng.randrange(-10 ** rng.randrange(1, 20), 10 ** rng.randrange(1, 20))) * rng.choice([1, 1000, 1e6])
               for _ in range(20000)]
    for v in values:
        assert v.is_integer()
        assert repr(round(v, 6)) == repr(v), v


def test_a_period_kept_by_its_text_is_the_period_its_groups_read():
    # period_from keeps each period by its pattern, kind and text: the same text read in
    # another place (other look-arounds, another scanner) gives the same groups.
    from tasks.parse import periods
    texts = list(_texts_with_periods()) + ["Tháng 13", "tháng mười hai năm 2024", "quý IV/2023", "6 tháng cuối năm",
                                           "năm tháng đầu năm 2024", "một tháng", "đến hết tháng 9 năm 2024"]
    seen = 0
    for rounds in range(2):          # the second time every text is kept already
        for text in texts:
            scan = vocab.scan_form(normalize.normalized(text).text)
            for scanner in (vocab.SCANNER, vocab.PERIOD_SCANNER):
                for m in scanner.finditer(scan):
                    if m.lastgroup in grammar.PERIOD_KINDS:
                        assert periods.period_from(m.lastgroup, m) == periods._period_read(m.lastgroup, m), m.group()
                        seen += 1
    assert seen > 3000 and periods._READ


def _plain_looks_like_title(line):
    if len(line) >= 250:
        return False
    words = line.split()
    if context._NUMERIC_DATE.search(line) or context._CLOCK.search(line):
        return False
    if " | " in line or " > " in line or " » " in line:
        return False
    if context._UNIT_CAPTION.match(line):
        return False
    return 4 <= len(words) <= 40 and len(line) < 250 and not line.rstrip().endswith((".", ";", ","))


def test_a_title_is_what_the_plain_tests_in_their_order_take():
    pieces = ["Kinh tế", "quý I", " ", "  ", "09/12/2022", "9/12/2022", "1/2/20234", "17:35", "7:5", "12:30", "/", ":",
              " | ", " > ", " » ", "Đơn vị tính: tỷ đồng", "(ĐVT:", "đvt", ".", ";", ",", "x" * 30, "Hải Phòng", "\n"]
    texts = list(_random_strings(pieces, n=6000, longest=24, seed=59))
    for path in CORPORA:
        texts += path.read_text(encoding="utf-8").split("\n")
    # Every word count about the limits, each with what else a line can say no with.
    texts += [" ".join(["Hà"] * n) + tail for n in range(0, 60) for tail in ("", ".", " 9/12/2022", " 17:35", " | x", " ")]
    texts += ["x" * n + " a b c" for n in range(240, 250)]
    taken = 0
    for line in texts:
        assert context._looks_like_title(line) == _plain_looks_like_title(line), repr(line)
        taken += _plain_looks_like_title(line)
    assert taken > 200


def test_header_words_are_found_as_the_plain_padding_finds_them():
    from tasks.parse import tables
    words = sorted({w for ws in vocab.TABLE_HEADERS.values() for w in ws})
    keys = [" ".join(t.split()) for t in _random_strings(words + ["%", "so", "x", "năm 2024", " "], n=4000, longest=6, seed=61)]
    found = 0
    for key in keys:
        for kind, header_words in vocab.TABLE_HEADERS.items():
            plain = any(f" {w} " in f" {key} " for w in header_words)
            assert tables._has(key, kind) == plain, (key, kind)
            found += plain
    assert found > 1000


def test_a_letter_or_digit_lowers_to_one_first_and_nothing_else_to_one():
    # _mark_noise reads the first word of a lowered line from the line's first character
    # when that is a letter or digit, and skips to its first letter or digit otherwise.
    for c in map(chr, range(0x110000)):
        low = c.lower()
        if c.isalnum():
            assert low[0].isalnum(), repr(c)
        else:
            assert not any(x.isalnum() for x in low), repr(c)


def test_what_is_read_at_a_line_start_is_what_the_line_patterns_read():
    # blocks_of reads a line's list-item mark and its ninth lower-case letter at the
    # line's first character in the whole text, not from the line cut out.
    pieces = ["1.", "1.2.", "12)", "3", ".", ")", "a)", "đ)", "b", "ii.", "IV.", "x", "-", "•", "*", " ", "  ", "\t",
              "\u00a0", "\x1c", "\u2003", "\n", "\n\n", "ư", "Ư", "a", "A", "ễ", "ß", "Ω", "ω", "ǅ", "İ", "Tổng thu"]
    texts = list(_random_strings(pieces, n=8000, longest=30, seed=41))
    rng = random.Random(41)
    for _ in range(500):     # lines about 40 characters long, with up to 12 lower-case letters among them
        texts.append("".join(rng.choice(["A", "Ê", " ", "1", "a", "ư", "-", "Đ"]) for _ in range(rng.randrange(30, 60))))
    texts += [normalize.normalized(p.read_text(encoding="utf-8")).text for p in CORPORA]
    for text in texts:
        for m in re.finditer(r"\S(?:[^\n]*\S)?", text):
            a, b = m.span()
            line = text[a:b]
            assert line == line.strip() and line, repr(text)
            c = text[a]
            item = (c in blocks._ITEM_FIRST or c.isdecimal()) and blocks._LIST_ITEM_AT.match(text, a)
            assert bool(item) == bool(blocks._LIST_ITEM.match(line)), repr(line)
            assert bool(blocks._NINE_LOWER.match(text, a, min(a + 40, b))) == bool(blocks._NINE_LOWER.match(line, 0, 40)), repr(line)


def test_a_list_item_starts_with_one_of_its_first_characters():
    # blocks_of tries _LIST_ITEM_AT only at a line starting with one of these.
    for c in map(chr, range(0x110000)):
        first = c in blocks._ITEM_FIRST or c.isdecimal()
        assert any(blocks._LIST_ITEM_AT.match(c + tail) for tail in ("", ")", ". x")) == first, repr(c)


def test_marker_lines_read_in_the_line_are_those_of_its_key():
    # _mark_noise reads a lowered line as a sidebar marker, or as holding a line marker,
    # without building its key: its words joined by single spaces.
    words = sorted({w for m in list(vocab.SIDEBAR_MARKERS) + vocab.LINE_MARKERS for w in m.split()})
    assert all(blocks._WORD.fullmatch(w) for w in words)
    pieces = words + [" ", " ", "  ", "-", "_", ":", ".", "x", "1", "\n", "%", "(", "ư"]
    texts = list(_random_strings(pieces, n=20000, longest=8, seed=43))
    texts += [m for m in vocab.SIDEBAR_MARKERS] + vocab.LINE_MARKERS
    texts += [" - " + m + " :" for m in vocab.SIDEBAR_MARKERS] + ["x" + m + "x" for m in vocab.LINE_MARKERS]
    rng = random.Random(43)
    for m in sorted(vocab.SIDEBAR_MARKERS) + vocab.LINE_MARKERS:
        for _ in range(20):         # the marker's words with other characters between and around them
            sep = lambda: rng.choice(["", " ", "  ", "-", " _ ", ": ", "\n", "x", "1 "])
            texts.append(sep() + "".join(w + sep() for w in m.split()))
    seen = [0, 0]
    for low in texts:
        key = " ".join(blocks._WORD.findall(low))
        sidebar = key in vocab.SIDEBAR_MARKERS
        line_marker = bool(_PLAIN_LINE_MARKER.search(key))
        seen[0] += sidebar
        seen[1] += line_marker
        assert bool(blocks._SIDEBAR_LINE.fullmatch(low)) == sidebar, repr(low)
        assert bool(blocks._LINE_MARKER_IN_LINE.search(low)) == line_marker, repr(low)
    assert min(seen) > 50


def _plain_number(text: str):
    t = text.strip()
    if numbers._THOUSANDS.match(t) or numbers._PLAIN.match(t):
        return float(t.replace(".", "").replace(",", "."))
    if numbers._DOT_DECIMAL.match(t):
        return float(t)
    return None


def test_a_number_without_thousands_dots_is_read_as_the_patterns_read_it():
    # number_from reads digits with at most a decimal comma without its patterns.
    pieces = list("0123456789.,  ") + ["\n", "\u00a0", "\u0663", "\uff11", "\u00b2", "\u2070", "1.234", "12,5", "a", "-"]
    texts = list(_random_strings(pieces, n=20000, longest=10, seed=67))
    for path in CORPORA:
        texts += vocab.NUMBER.findall(path.read_text(encoding="utf-8"))
    read = 0
    for text in texts:
        assert numbers.number_from(text) == _plain_number(text), repr(text)
        read += _plain_number(text) is not None
    assert read > 2000


def _plain_continues(text: str, pos: int, nxt) -> bool:
    if nxt is None:
        return False
    m, kind, _ = nxt
    gap = text[pos:m.start()].strip().casefold()
    if gap not in ("", "và", "còn", "trong đó", "riêng", "lũy kế", "bình quân", "tính bình quân", "tính chung"):
        return False
    return kind in grammar.PERIOD_KINDS or kind in grammar.FIGURE_KINDS or kind in grammar.CONTINUING_PHRASES or kind == "span"


def test_a_clause_goes_on_as_the_plain_gap_says():
    # _continues takes a gap of no character, or of one white space, as empty unread.
    token = re.compile(r"x")
    kinds = ["pct", "amount", "month", "indicator", "boundary", "inert", "span"]
    pieces = [" ", "  ", "\n", "\u00a0", "\u2003", "và", "Và", "x", ",", "trong đó", "riêng ", "y"]
    rng = random.Random(71)
    seen = 0
    for text in _random_strings(pieces, n=6000, longest=8, seed=71):
        for m in token.finditer(text):
            pos = rng.randrange(0, m.start() + 1)
            nxt = (m, rng.choice(kinds), "")
            assert grammar._continues(text, pos, nxt) == _plain_continues(text, pos, nxt), (text, pos)
            seen += _plain_continues(text, pos, nxt)
    assert seen > 300


def test_the_ascii_digit_hints_are_chosen_only_where_they_find_what_the_others_find():
    # digit_hints gives [0-9] patterns only for a text whose decimal digits are all ASCII.
    others = ["٣", "５", "۷", "९", "𝟓", "᠑", "꘢"]                    # Arabic-Indic, fullwidth, …, astral
    not_digits = ["²", "½", "Ⅻ", "ế", "Đ", "\u0301", "\ud800"]      # numeric but not decimal; a lone surrogate
    pieces = ["5", "12,5", " ", "%", " tỷ đồng", "/", "x", "\n"] + others + not_digits
    ascii_chosen = 0
    for text in list(_random_strings(pieces, n=4000, longest=12, seed=5)) + [p.read_text(encoding="utf-8") for p in CORPORA]:
        digit_re, figure_re, amount_re = vocab.digit_hints(text)
        holds_other = any(c.isdecimal() and not "0" <= c <= "9" for c in text)
        assert (digit_re is vocab.DIGIT) == holds_other, repr(text)
        assert (figure_re is vocab.FIGURE_HINT) == holds_other and (amount_re is vocab.AMOUNT_HINT) == holds_other
        if not holds_other:
            ascii_chosen += 1
            for a, b in ((0, len(text)), (1, len(text) - 1), (len(text) // 2, len(text))):
                for ascii_re, plain_re in ((vocab.ASCII_DIGIT, vocab.DIGIT), (vocab.ASCII_FIGURE_HINT, vocab.FIGURE_HINT),
                                           (vocab.ASCII_AMOUNT_HINT, vocab.AMOUNT_HINT)):
                    assert ((m := ascii_re.search(text, a, b)) and m.span()) == ((p := plain_re.search(text, a, b)) and p.span())
    assert ascii_chosen > 1000


def test_the_first_digit_is_where_the_digit_pattern_finds_it():
    pieces = ["5", "0", "9", "12,5", " ", "x", "ế", "Ḱ", "İ", "‰", "〇", "三", "٣", "５", "\n"]
    texts = list(_random_strings(pieces, n=4000, longest=12, seed=9)) + [p.read_text(encoding="utf-8") for p in CORPORA]
    rng = random.Random(9)
    found = 0
    for text in texts:
        for _ in range(3):
            a, b = sorted((rng.randrange(len(text) + 1), rng.randrange(len(text) + 1)))
            for digit_re in (vocab.DIGIT, vocab.ASCII_DIGIT):
                m = digit_re.search(text, a, b)
                assert vocab.first_digit(text, a, b, digit_re) == (m.start() if m else -1), (text, a, b)
                found += m is not None
    assert found > 3000


def test_the_digit_hints_of_a_normalised_text_are_those_its_census_gives():
    # digit_hints reads the original text's census for the normalised text when no marks
    # were joined: the same hints as from the normalised text's own bytes.
    pieces = ["5", " ", "  ", "x", "ế", "o", "á", "\u0301", "\u0323", "¹", "\u2000", "٣", "５", "\U0001d7d3", "\n", "*"]
    texts = list(_random_strings(pieces, n=4000, longest=14, seed=13)) + [p.read_text(encoding="utf-8") for p in CORPORA[:6]]
    for text in texts:
        norm = normalize.normalized(text)
        assert vocab.digit_hints(norm.text, norm.census) == vocab.digit_hints(norm.text), repr(text)


def test_a_report_in_other_digits_gives_the_records_of_its_ascii_form():
    from tasks.parse import records_from
    text = "UBND QUẬN LÊ CHÂN\nNăm 2024, tổng thu ngân sách trên địa bàn đạt 1.250 tỷ đồng, bằng 105% dự toán."
    fullwidth = text.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    ascii_records = [(r.indicator, r.year, r.measure, r.value) for r in records_from(text)]
    assert len(ascii_records) == 2
    assert [(r.indicator, r.year, r.measure, r.value) for r in records_from(fullwidth)] == ascii_records


def test_a_line_marker_is_looked_for_where_its_words_are():
    assert all(any(w in m.split() for w in blocks._LINE_MARKER_WORDS) for m in vocab.LINE_MARKERS)
    words = sorted({w for m in vocab.LINE_MARKERS for w in m.split()})
    pieces = words + list(vocab.LINE_MARKERS) + [" ", "  ", "-", "_", ".", ":", "x", "ảnh", "\n"]
    lines = list(_random_strings(pieces, n=4000, longest=8, seed=23))
    lines += [p.read_text(encoding="utf-8").lower() for p in CORPORA]
    lines += [m.replace(" ", sep) for m in vocab.LINE_MARKERS for sep in (" ", " - ", "_", "\n")]
    found = 0
    for low in lines:
        plain = blocks._LINE_MARKER_IN_LINE.search(low) is not None
        assert blocks._holds_line_marker(low) == plain, repr(low[:200])
        found += plain
    assert found > 500


def test_the_written_out_inits_are_those_dataclass_would_write():
    # Block, Sentence and Figure write their own __init__ (called natively once compiled):
    # the same parameters, in the fields' order, by position or by name, with the fields'
    # defaults. (A compiled class shows no signature: this reads what the calls make.)
    import dataclasses
    from tasks.parse.periods import Period
    samples = {
        blocks.Block: [3, 9, "item", True, 2],
        blocks.Sentence: [3, 9],
        grammar.Figure: ["budget_revenue", "actual", 12.5, "vnd_billion", Period(1, 6, 2024), True, "Lê Chân", 3, 9, 2024],
    }
    for cls, values in samples.items():
        fields = dataclasses.fields(cls)
        assert len(values) == len(fields), cls
        made = cls(*values)
        assert [getattr(made, f.name) for f in fields] == values, cls
        assert cls(**{f.name: v for f, v in zip(fields, values)}) == made
        required = [f for f in fields if f.default is dataclasses.MISSING]
        bare = cls(*values[:len(required)])
        assert [getattr(bare, f.name) for f in fields[len(required):]] == [f.default for f in fields[len(required):]], cls
        assert made != cls(*values[:-1], values[-1] + 1)     # (each class's last field is a number)
