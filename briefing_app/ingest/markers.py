"""Footnote markers glued to the end of a sentence ("...counterattack.[3] The SAA ...").

The sentence ends before the marker and the next one starts after it, so the
marker belongs to no claim; spans stay exact offsets into the text.
"""

from __future__ import annotations

import re
from functools import cache

from briefing_app.ingest.config import load_toml


@cache
def _marker() -> re.Pattern[str]:
    return re.compile(load_toml("layout.toml")["footnote"]["pattern"])


def between_markers(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the stretches of ``text[start:end]`` between footnote markers, markers left out."""
    stretches: list[tuple[int, int]] = []
    cursor = start
    for marker in _marker().finditer(text, start, end):
        if marker.start() > cursor:
            stretches.append((cursor, marker.start()))
        cursor = marker.end()
    if cursor < end:
        stretches.append((cursor, end))
    return stretches
