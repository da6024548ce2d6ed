"""Whether a document lies within what the taxonomy covers (``[scope]`` in themes.toml).

The default taxonomy is about the war in Syria. An article about another war
(Sudan, Ukraine) is full of armies, strikes and foreign states, the very cues
that file a claim; its claims stay unfiled instead, and the document says why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from briefing_app.domain.parsed import EntityMention
from briefing_app.ingest.config import load_toml

NAMES_SHOWN = 3


@dataclass(frozen=True, slots=True)
class _Scope:
    about: str
    entities: frozenset[str]
    min_claims: int
    wars: tuple[str, ...]
    # Every marker of every other war, as one pattern; each form maps to (war, name).
    markers: re.Pattern[str] | None
    forms: dict[str, tuple[int, str]]


@cache
def _scope() -> _Scope:
    config = load_toml("themes.toml")["scope"]
    countries = set(config.get("countries", []))
    places = load_toml("gazetteer/places.toml").get("place", [])
    entities = set(config.get("entities", []))
    entities.update(p["name"] for p in places if p.get("country") in countries)
    forms: dict[str, tuple[int, str]] = {}
    wars = []
    for number, war in enumerate(config.get("outside", [])):
        wars.append(war["about"])
        for names in war["markers"]:
            for form in names:
                forms.setdefault(form, (number, names[0]))
    ordered = sorted(forms, key=len, reverse=True)
    markers = (
        re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in ordered) + r")(?![\w-])")
        if ordered
        else None
    )
    return _Scope(
        config["about"], frozenset(entities), config["min_claims"], tuple(wars), markers, forms
    )


def scope_note(sentences: Sequence[str], mentions: Sequence[Sequence[EntityMention]]) -> str | None:
    """Return why a document lies outside the taxonomy, or None when it is within it.

    ``sentences`` are its claims and ``mentions`` their entities, claim by claim.
    """
    scope = _scope()
    if scope.markers is None:
        return None
    inside = sum(1 for found in mentions if any(m.name in scope.entities for m in found))
    claims = [0] * len(scope.wars)
    named: list[list[str]] = [[] for _ in scope.wars]
    for sentence in sentences:
        seen: set[int] = set()
        for match in scope.markers.finditer(sentence):
            war, name = scope.forms[match.group(0)]
            seen.add(war)
            if name not in named[war]:
                named[war].append(name)
        for war in seen:
            claims[war] += 1
    if not claims:
        return None
    war = max(range(len(claims)), key=lambda w: claims[w])
    if claims[war] < scope.min_claims or claims[war] <= inside:
        return None
    shown = ", ".join(named[war][:NAMES_SHOWN])
    return f"about {scope.wars[war]} ({shown}), not {scope.about}"
