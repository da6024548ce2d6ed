"""Words that signal uncertainty ("appear to", "reportedly", "may")."""

from __future__ import annotations

import re
from functools import cache

from briefing_app.ingest.config import load_toml


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in load_toml("language.toml")["hedges"]["patterns"])


def find_hedges(sentence: str) -> tuple[str, ...]:
    """Return the hedging words of a sentence in reading order, each once."""
    found: list[tuple[int, str]] = []
    for pattern in _patterns():
        found.extend((m.start(), m.group(0)) for m in pattern.finditer(sentence))
    seen: list[str] = []
    for _, words in sorted(found):
        if words not in seen:
            seen.append(words)
    return tuple(seen)
