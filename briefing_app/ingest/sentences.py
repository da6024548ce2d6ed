"""Sentences with exact spans, by pysbd (it knows "U.S.", "Mr." and "Gen.")."""

from __future__ import annotations

from functools import cache
from typing import Any

MIN_WORDS = 3


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
    for piece in _segmenter().segment(chunk):
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
