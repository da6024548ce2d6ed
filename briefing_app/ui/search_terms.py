"""Which words of a query to mark in the claims list (pure; no Qt)."""

from __future__ import annotations

import re

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")
_OPERATORS = {"AND", "OR", "NOT"}


def highlight_terms(query: str) -> list[str]:
    """Return the lower-cased words a user looks for: no fields, exclusions or operators."""
    terms: list[str] = []
    for match in _TOKEN.finditer(query):
        phrase, token = match.group(1), match.group(2)
        if token is not None and (token.startswith("-") or ":" in token or token in _OPERATORS):
            continue
        for word in _WORD.findall(phrase if phrase is not None else token or ""):
            if word.lower() not in terms:
                terms.append(word.lower())
    return terms


def term_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Return sorted (start, end) code point spans of the words that start with a term."""
    if not terms:
        return []
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)
    return [m.span() for m in pattern.finditer(text)]
