"""Which words of a query are marked in the claims list."""

from __future__ import annotations

import pytest

from briefing_app.ui.search_terms import highlight_terms, term_spans


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("russian", ["russian"]),
        ('"front line" Homs', ["front", "line", "homs"]),
        ("theme:offensive -russia army", ["army"]),
        ("iran OR russia", ["iran", "russia"]),
        ('U.S. "unbalanced', ["u", "s", "unbalanced"]),
        ("* - AND", []),
        ("", []),
    ],
)
def test_highlight_terms(query: str, terms: list[str]) -> None:
    assert highlight_terms(query) == terms


def test_term_spans_mark_whole_words_case_insensitively() -> None:
    text = "Russian and Iranian militaries; russians"
    assert term_spans(text, ["russian"]) == [(0, 7), (32, 40)]
    assert term_spans(text, []) == []
