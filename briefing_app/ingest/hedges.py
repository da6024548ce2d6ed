"""Words that signal uncertainty ("appear to", "reportedly", "may")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefing_app.ingest.config import load_toml
from briefing_app.ingest.lowered import fold
from briefing_app.ingest.required_text import RequiredText, required_text


@dataclass(frozen=True, slots=True)
class _Hedge:
    """One hedge pattern, and text one of which its every match holds."""

    pattern: re.Pattern[str]
    needs: RequiredText | None


@cache
def _rules() -> tuple[_Hedge, ...]:
    sources: list[str] = load_toml("language.toml")["hedges"]["patterns"]
    patterns = [re.compile(source) for source in sources]
    return tuple(_Hedge(pattern, required_text(pattern)) for pattern in patterns)


@cache
def _any_case_blind() -> bool:
    return any(hedge.needs is not None and hedge.needs.case_blind for hedge in _rules())


def find_hedges(sentence: str) -> tuple[str, ...]:
    """Return the hedging words of a sentence in reading order, each once.

    Most sentences hold no hedge; a pattern whose required text is missing is not run.
    """
    hedges = _rules()
    # The bundled hedges compare case and all: fold only for a case-blind one.
    folded = fold(sentence) if _any_case_blind() else sentence
    found: list[tuple[int, str]] = []
    for hedge in hedges:
        if hedge.needs is None or hedge.needs.may_match(sentence, folded):
            found.extend((m.start(), m.group(0)) for m in hedge.pattern.finditer(sentence))
    seen: list[str] = []
    for _, words in sorted(found):
        if words not in seen:
            seen.append(words)
    return tuple(seen)
