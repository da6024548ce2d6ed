"""Words that signal uncertainty ("appear to", "reportedly", "may")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefing_app.ingest.config import load_toml

# A reference to a group ("\1", "(?P=name)", "(?(1)...)") would point elsewhere
# once patterns are joined into one alternation.
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


@dataclass(frozen=True, slots=True)
class _HedgeRules:
    """The hedge patterns, and all of them as one alternation (None if they cannot be joined)."""

    patterns: tuple[re.Pattern[str], ...]
    any_hedge: re.Pattern[str] | None


@cache
def _rules() -> _HedgeRules:
    sources: list[str] = load_toml("language.toml")["hedges"]["patterns"]
    return _HedgeRules(tuple(re.compile(p) for p in sources), _alternation(sources))


def _alternation(sources: list[str]) -> re.Pattern[str] | None:
    """Return one pattern that matches wherever any of ``sources`` does, or None.

    Most sentences hold no hedge: one pass of the alternation tells so, where
    each pattern alone would scan the whole sentence.
    """
    if not sources or any(_GROUP_REFERENCE.search(source) for source in sources):
        return None
    try:
        return re.compile("|".join(f"(?:{source})" for source in sources))
    except re.error:  # e.g. a global inline flag, or a group name used twice
        return None


def find_hedges(sentence: str) -> tuple[str, ...]:
    """Return the hedging words of a sentence in reading order, each once."""
    rules = _rules()
    if rules.any_hedge is not None and rules.any_hedge.search(sentence) is None:
        return ()
    found: list[tuple[int, str]] = []
    for pattern in rules.patterns:
        found.extend((m.start(), m.group(0)) for m in pattern.finditer(sentence))
    seen: list[str] = []
    for _, words in sorted(found):
        if words not in seen:
            seen.append(words)
    return tuple(seen)
