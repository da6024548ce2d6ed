"""Cut a long paragraph into sentence-sized pieces before it meets the sentence splitter.

pysbd's time grows with the square of what it is given (a paragraph of 100 KB
takes seconds, one of 5 MB hours) and with every call (a fraction of a
millisecond each). A paragraph longer than LONG_PARAGRAPH, or one that is mostly
sentence ends ("A. Go. Yes."), is therefore cut first where a sentence surely
ends (the ``[cuts]`` pattern of ``resources/language.toml``, outside quotes and
brackets); where no such end comes for MAX_PIECE characters, at the last white
space before that (or, in a run without any, right there). Nearly every
paragraph of real reporting is shorter, and goes to the splitter whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from briefing_app.ingest.config import load_toml

# Paragraphs up to this many characters go to the splitter whole.
LONG_PARAGRAPH = 3000
# No piece of a cut paragraph is longer than this.
MAX_PIECE = 1000
# Inside an open quote or bracket there is no cut until the piece is this long
# (a stray quote mark must not make every piece MAX_PIECE long).
SOFT_PIECE = 600
# A stretch with at least DENSE_MIN_ENDS possible sentence ends, one per fewer
# than DENSE_CHARS characters on average, is a run of fragments, not prose.
DENSE_MIN_ENDS = 20
DENSE_CHARS = 20
_POSSIBLE_END = re.compile(r"[.!?…][\"”’)\]]*\s")
_WORD_BEFORE = re.compile(r"[A-Za-z.]*\Z")
_WHITESPACE = " \t\n"


@cache
def _sentence_end() -> re.Pattern[str]:
    return re.compile(load_toml("language.toml")["cuts"]["pattern"])


@cache
def _abbreviations() -> frozenset[str]:
    """Return the splitter's own abbreviations, lower-case, without their final dot."""
    from pysbd.languages import Language

    return frozenset(Language.get_language_code("en").Abbreviation.ABBREVIATIONS)


def is_dense(text: str, start: int, end: int, min_ends: int = DENSE_MIN_ENDS) -> bool:
    """Return True for a run of fragments ("A. Go. Yes."): too many ends to be prose.

    ``min_ends`` keeps an ordinary paragraph with a few abbreviations out of it.
    """
    ends = len(_POSSIBLE_END.findall(text, start, end))
    return ends >= min_ends and end - start < ends * DENSE_CHARS


def pieces(chunk: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of consecutive pieces that cover ``chunk`` exactly."""
    if len(chunk) <= LONG_PARAGRAPH and not is_dense(chunk, 0, len(chunk)):
        return [(0, len(chunk))]
    bounds: list[tuple[int, int]] = []
    start = 0
    balance = _Balance()
    for end in _sure_ends(chunk):
        moved = _cut_at_whitespace(chunk, start, end, bounds)
        if moved != start:
            start, balance = moved, _Balance()
            balance.counted = start
        balance.add(chunk, end)
        if balance.is_closed() or end - start >= SOFT_PIECE:
            bounds.append((start, end))
            start, balance = end, _Balance()
            balance.counted = end
    start = _cut_at_whitespace(chunk, start, len(chunk), bounds)
    bounds.append((start, len(chunk)))
    return bounds


class _Balance:
    """Quotes and brackets opened and not closed since a piece started."""

    __slots__ = ("brackets", "counted", "curly", "quotes")

    def __init__(self) -> None:
        self.quotes = self.curly = self.brackets = self.counted = 0

    def add(self, chunk: str, end: int) -> None:
        """Count what lies between the last count and ``end``."""
        passage = chunk[self.counted : end]
        self.quotes += passage.count('"')
        self.curly += passage.count("“") - passage.count("”")
        self.brackets += passage.count("(") - passage.count(")")
        self.counted = end

    def is_closed(self) -> bool:
        return self.quotes % 2 == 0 and self.curly <= 0 and self.brackets <= 0


def _sure_ends(chunk: str) -> Iterator[int]:
    """Yield the offsets where a sentence surely ended (where the next one starts)."""
    abbreviations = _abbreviations()
    for match in _sentence_end().finditer(chunk):
        word = _WORD_BEFORE.search(chunk, max(0, match.start() - 16), match.start())
        is_abbreviation = word is not None and word.group(0).lower() in abbreviations
        if not (is_abbreviation and chunk[match.start()] == "."):
            yield match.end()


def _cut_at_whitespace(chunk: str, start: int, stop: int, bounds: list[tuple[int, int]]) -> int:
    """Cut ``chunk[start:stop]`` into pieces of at most MAX_PIECE; return where the rest starts."""
    while stop - start > MAX_PIECE:
        limit = start + MAX_PIECE
        space = max(chunk.rfind(ch, start + 1, limit) for ch in _WHITESPACE)
        cut = space + 1 if space > start else limit
        bounds.append((start, cut))
        start = cut
    return start
