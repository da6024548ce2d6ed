"""Sentences with exact spans, by pysbd (it knows "U.S.", "Mr." and "Gen.")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from briefing_app.ingest.cuts import LONG_PARAGRAPH, MAX_PIECE, is_dense, pieces

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

    A long paragraph is first cut into pieces (see ``cuts``), so that the
    splitter's time stays bounded; spans are exact offsets into ``text`` either way.
    """
    chunk = text[start:end]
    spans: list[tuple[int, int]] = []
    bounds = pieces(chunk)
    for batch in _batches(chunk, bounds):
        low, high = batch[0][0], batch[-1][1]
        if len(bounds) > 1 and is_dense(chunk, low, high, min_ends=1):
            # Fragments ("A. Go. Yes.") in a paragraph that was cut: its sure ends
            # are enough, and pysbd would spend a fraction of a millisecond on each.
            spans += [span for piece in batch if (span := _trimmed(chunk, piece, start))]
        else:
            spans += _piece_spans(chunk[low:high], start + low)
    return _merge_fragments(text, spans)


def _batches(chunk: str, bounds: list[tuple[int, int]]) -> Iterator[list[tuple[int, int]]]:
    """Group pieces for the splitter, since each call costs.

    A piece that is plainly one sentence goes alone; neighbours that need pysbd go
    together, up to MAX_PIECE characters.
    """
    run: list[tuple[int, int]] = []
    for low, high in bounds:
        if not _may_hold_an_end(chunk[low:high]):
            if run:
                yield run
                run = []
            yield [(low, high)]
            continue
        if run and high - run[0][0] > MAX_PIECE:
            yield run
            run = []
        run.append((low, high))
    if run:
        yield run


def _trimmed(chunk: str, piece: tuple[int, int], offset: int) -> tuple[int, int] | None:
    text = chunk[piece[0] : piece[1]]
    if not text.strip():
        return None
    lead = len(text) - len(text.lstrip())
    return offset + piece[0] + lead, offset + piece[0] + len(text.rstrip())


def _piece_spans(piece: str, offset: int) -> list[tuple[int, int]]:
    """Return the spans of the sentences of one piece, shifted by ``offset``.

    Spans are checked against the text: where pysbd's offset is off (it finds a
    repeated sentence at its first occurrence), the sentence is looked up again
    from the end of the previous one.
    """
    spans: list[tuple[int, int]] = []
    cursor = 0
    for found in _pieces(piece):
        sentence = found.sent.strip()
        if not sentence:
            continue
        local = found.start + (len(found.sent) - len(found.sent.lstrip()))
        if local < cursor or piece[local : local + len(sentence)] != sentence:
            local = piece.find(sentence, cursor)
            if local < 0:
                continue
        cursor = local + len(sentence)
        spans.append((offset + local, offset + cursor))
    return spans


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
    if not _may_hold_an_end(chunk):
        return [_Piece(chunk, 0)] if chunk.strip() else []
    return _segment(chunk)


def _segment(chunk: str) -> list[Any]:
    """Return pysbd's sentences of ``chunk``, each looked up after the one before.

    pysbd's own lookup (``char_span``) compiles a pattern for every sentence and
    searches from the start each time: quadratic in repeated sentences, and it
    flushes the regular-expression cache that pysbd's rules rely on.
    """
    found: list[Any] = []
    cursor = 0
    for sentence in _segmenter().processor(chunk).process():
        at = chunk.find(sentence, cursor)
        if at >= 0:
            found.append(_Piece(sentence, at))
            cursor = at + len(sentence)
    return found


def _may_hold_an_end(chunk: str) -> bool:
    """Return True if something before the chunk's closing punctuation may end a sentence."""
    return _MAYBE_AN_END.search(chunk.rstrip(_CLOSING)) is not None


def _merge_fragments(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a piece that is no sentence (a lone quote mark, "1.") to the one before.

    A claim never grows past LONG_PARAGRAPH this way (a run of fragments stays apart).
    """
    merged: list[tuple[int, int]] = []
    for span in spans:
        piece = text[span[0] : span[1]]
        fragment = len(piece.split()) < 2 or not any(ch.isalpha() for ch in piece)
        if merged and fragment and span[1] - merged[-1][0] <= LONG_PARAGRAPH:
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


def is_reporting(sentence: str) -> bool:
    """Return True if a sentence is long enough to carry a claim."""
    return len(sentence.split()) >= MIN_WORDS and any(ch.isalpha() for ch in sentence)
