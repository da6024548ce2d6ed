"""Naming the outlet an article comes from, as readers know it (``resources/outlets.toml``)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from briefing_app.ingest.config import load_toml

# Aliases this short ("ap", "rt") are only taken where the whole text is the alias.
MIN_SEARCHED_ALIAS = 3


@cache
def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for outlet in load_toml("outlets.toml")["outlet"]:
        table[outlet["name"].casefold()] = outlet["name"]
        for alias in outlet.get("aliases", []):
            table[alias.casefold()] = outlet["name"]
    return table


@cache
def _named() -> re.Pattern[str]:
    """Return one pattern matching any alias long enough to be searched for, longest first."""
    forms = sorted((a for a in _aliases() if len(a) >= MIN_SEARCHED_ALIAS), key=len, reverse=True)
    return re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])", re.I
    )


@cache
def _organisation_words() -> frozenset[str]:
    return frozenset(load_toml("outlets.toml").get("organisation_words", []))


def aliases_of(name: str) -> tuple[str, ...]:
    """Return the other names of a listed outlet (for ``source:``), or () if it is not listed."""
    for outlet in load_toml("outlets.toml")["outlet"]:
        if outlet["name"] == name:
            return tuple(a for a in outlet.get("aliases", []) if a.casefold() != name.casefold())
    return ()


def known_outlet(raw: str) -> str | None:
    """Return the listed outlet ``raw`` names exactly ("THE GUARDIAN", "AP"), or None."""
    cleaned = " ".join(raw.strip(" .!:-–—|").split()).casefold()
    return _aliases().get(cleaned) or _aliases().get(cleaned.removeprefix("the "))


def canonical_outlet(raw: str) -> str | None:
    """Return the known name for ``raw`` ("THE WASHINGTON EXAMINER"), else a tidy form."""
    cleaned = " ".join(raw.strip(" .!:-–—").split())
    if not cleaned:
        return None
    known = known_outlet(cleaned)
    if known is not None:
        return known
    without_article = cleaned[4:] if cleaned.casefold().startswith("the ") else cleaned
    return without_article.title() if without_article.isupper() else without_article


def outlet_at_end(line: str) -> str | None:
    """Return a known outlet named at the end of a byline ("By X, Reuters"), if any."""
    folded = " ".join(line.split()).casefold().rstrip(". ")
    for alias, name in sorted(_aliases().items(), key=lambda item: -len(item[0])):
        # "AP" is taken only after a bar ("By X and Y | AP"), not at the end of any word run.
        if (
            (len(alias) > 2 or folded.endswith(f"| {alias}"))
            and folded.endswith(alias)
            and (len(folded) == len(alias) or not folded[-len(alias) - 1].isalnum())
        ):
            return name
    return None


def organisation_at_end(line: str) -> str | None:
    """Return the organisation that ends a byline ("..., Meridian Risk Advisory"), if any."""
    last = line.rsplit(",", 1)[-1].strip(" .")
    if "," not in line or not last[:1].isupper():
        return None
    words = last.split()
    if 2 <= len(words) <= 6 and any(w in _organisation_words() for w in words):
        return canonical_outlet(last)
    return None


def most_named(lines: Iterable[str]) -> str | None:
    """Return the listed outlet named in the most of ``lines`` (the first named on a tie)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for number, line in enumerate(lines):
        names = {_aliases()[m.group(0).casefold()] for m in _named().finditer(line)}
        for name in names:
            counts[name] += 1
            first.setdefault(name, number)
    if not counts:
        return None
    return min(counts, key=lambda name: (-counts[name], first[name]))
