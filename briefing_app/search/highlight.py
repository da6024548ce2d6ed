"""Where a query's words fall in a text: code-point spans, case- and accent-blind."""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing_app.search.compile import fold
from briefing_app.search.query import Term

_WORD = re.compile(r"\w+")


def highlight_spans(text: str, terms: Sequence[Term]) -> list[tuple[int, int]]:
    """Return sorted, non-overlapping (start, end) spans of ``terms`` in ``text``."""
    tokens = [(m.start(), m.end(), fold(m.group(0))) for m in _WORD.finditer(text)]
    spans: list[tuple[int, int]] = []
    for term in terms:
        words = [fold(w) for w in _WORD.findall(term.text)]
        if not words:
            continue
        size = len(words)
        for index in range(len(tokens) - size + 1):
            window = tokens[index : index + size]
            if all(tok[2] == w for tok, w in zip(window[:-1], words[:-1], strict=True)) and (
                window[-1][2].startswith(words[-1]) if term.prefix else window[-1][2] == words[-1]
            ):
                spans.append((window[0][0], window[-1][1]))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
