"""The bundled taxonomy's themes (key, label, description, colour, order), read cheaply.

Opening a library compares them with the stored ones; the rules that file claims under
them (``ingest.themes``) are only compiled when something is imported.
"""

from __future__ import annotations

from functools import cache

from briefing_app.domain.library import Theme
from briefing_app.ingest.config import load_toml


@cache
def _themes() -> tuple[Theme, ...]:
    entries = load_toml("themes.toml")["theme"]
    return tuple(
        Theme(entry["key"], entry["label"], entry["description"], entry["colour"], order)
        for order, entry in enumerate(entries)
    )


def default_themes() -> list[Theme]:
    """Return the bundled taxonomy in its order."""
    return list(_themes())
