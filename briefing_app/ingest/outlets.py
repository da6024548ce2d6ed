"""Naming the outlet an article comes from, as readers know it."""

from __future__ import annotations

from functools import cache

from briefing_app.ingest.config import load_toml


@cache
def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for outlet in load_toml("outlets.toml")["outlet"]:
        table[outlet["name"].casefold()] = outlet["name"]
        for alias in outlet.get("aliases", []):
            table[alias.casefold()] = outlet["name"]
    return table


def canonical_outlet(raw: str) -> str | None:
    """Return the known name for ``raw`` ("THE WASHINGTON EXAMINER"), else a tidy form."""
    cleaned = " ".join(raw.strip(" .!:-–—").split())
    if not cleaned:
        return None
    known = _aliases().get(cleaned.casefold())
    if known is not None:
        return known
    without_article = cleaned[4:] if cleaned.casefold().startswith("the ") else cleaned
    known = _aliases().get(without_article.casefold())
    if known is not None:
        return known
    return without_article.title() if without_article.isupper() else without_article


def outlet_at_end(line: str) -> str | None:
    """Return a known outlet named at the end of a byline ("By X, Reuters"), if any."""
    folded = " ".join(line.split()).casefold().rstrip(". ")
    for alias, name in sorted(_aliases().items(), key=lambda item: -len(item[0])):
        if (
            len(alias) > 2
            and folded.endswith(alias)
            and (len(folded) == len(alias) or not folded[-len(alias) - 1].isalnum())
        ):
            return name
    return None
