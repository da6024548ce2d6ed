"""Where a query's words fall in a text: code-point spans, case- and accent-blind.

Words are split as the index splits them, so what is marked is what matched:
``capt*`` marks "captured", ``"front line"`` marks the two words together, and
"Hōms" is marked for ``homs``. Spans count code points (Python string indices);
the window converts them to UTF-16 for Qt.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing_app.domain.query import Query, Term
from briefing_app.domain.text import WORD, fold, words


def highlight_spans(text: str, terms: Sequence[Term]) -> list[tuple[int, int]]:
    """Return sorted, non-overlapping (start, end) spans of ``terms`` in ``text``."""
    tokens = [(m.start(), m.end(), fold(m.group(0))) for m in WORD.finditer(text)]
    spans: list[tuple[int, int]] = []
    for term in terms:
        wanted = words(term.text)
        if not wanted:
            continue
        *leading, last = wanted
        for index in range(len(tokens) - len(wanted) + 1):
            window = tokens[index : index + len(wanted)]
            if all(tok[2] == w for tok, w in zip(window, leading, strict=False)) and (
                window[-1][2].startswith(last) if term.prefix else window[-1][2] == last
            ):
                spans.append((window[0][0], window[-1][1]))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, query: Query) -> list[tuple[int, int]]:
    """Return the spans of ``text`` that the parsed query's words match."""
    return highlight_spans(text, query.text_terms())


class Marks:
    """The words of one query, parsed once, marked in any number of texts.

    Both panes mark with it (the claims list row by row, the article whole), so
    they agree with each other and with what the search matched.
    """

    def __init__(self, query: str = "") -> None:
        from briefing_app.search.parser import parse_query

        self.query = query
        self._terms = parse_query(query).text_terms() if query.strip() else []

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Return the code-point spans of ``text`` that the query's words match."""
        return highlight_spans(text, self._terms) if self._terms else []
