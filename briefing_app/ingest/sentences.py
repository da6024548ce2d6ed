"""Sentences with exact spans, by pysbd (it knows "U.S.", "Mr." and "Gen.")."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

MIN_WORDS = 3
# Anything but words, spaces, commas and dashes may end a sentence for pysbd (quotes do,
# before a capital); a chunk with none of it before its closing punctuation is one sentence.
# An apostrophe inside a word ("Assad's") is no quote.
_MAYBE_AN_END = re.compile(r"(?!(?<=\w)['’](?=\w))[^\w \t,\-–—%]")
_CLOSING = ".!? \t"


@cache
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return trimmed (start, end) spans of the sentences in ``text[start:end]``.

    Spans are checked against the text: where pysbd's offset is off (it finds a
    repeated sentence at its first occurrence), the sentence is looked up again
    from the end of the previous one.
    """
    chunk = text[start:end]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in _pieces(chunk):
        sentence = piece.sent.strip()
        if not sentence:
            continue
        local = piece.start + (len(piece.sent) - len(piece.sent.lstrip()))
        if local < cursor or chunk[local : local + len(sentence)] != sentence:
            local = chunk.find(sentence, cursor)
            if local < 0:
                continue
        cursor = local + len(sentence)
        spans.append((start + local, start + cursor))
    return _merge_fragments(text, spans)


class _Piece:
    """A sentence of a chunk as pysbd reports one: its text and where it starts."""

    __slots__ = ("sent", "start")

    def __init__(self, sent: str, start: int) -> None:
        self.sent, self.start = sent, start


def _pieces(chunk: str) -> list[Any]:
    """Return pysbd's sentences of ``chunk``; a chunk that is plainly one sentence skips it.

    Most paragraphs of news copy are one sentence. When nothing that could end a
    sentence (or an abbreviation) comes before the chunk's closing punctuation,
    pysbd can only return the chunk whole, so it is not asked: segmenting is
    most of an import's time.
    """
    if not _MAYBE_AN_END.search(chunk.rstrip(_CLOSING)):
        return [_Piece(chunk, 0)] if chunk.strip() else []
    return list(_segmenter().segment(chunk))


def _merge_fragments(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a piece that is no sentence (a lone quote mark, "1.") to the one before."""
    merged: list[tuple[int, int]] = []
    for span in spans:
        words = text[span[0] : span[1]].split()
        if merged and (len(words) < 2 or not any(ch.isalpha() for ch in text[span[0] : span[1]])):
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


def is_reporting(sentence: str) -> bool:
    """Return True if a sentence is long enough to carry a claim."""
    return len(sentence.split()) >= MIN_WORDS and any(ch.isalpha() for ch in sentence)
