"""Remove what is never text from a page before it is parsed: scripts, styles, inline data.

A saved page can carry megabytes of script or embedded images; libxml2 gives up on a
text node over 10 MB, and parsing them is wasted time. The scan is linear whatever
the markup: each element is looked for once, and an element that is never closed
stops the search for that element.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefing_app.ingest.formats.extracted import format_rules

# An opening tag is looked at up to this many characters for its closing ">".
MAX_TAG = 2000


@dataclass(frozen=True, slots=True)
class _Patterns:
    opener: re.Pattern[str]
    kept: re.Pattern[str]
    data_uri: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    rules = format_rules("html")
    names = "|".join(re.escape(n) for n in rules["drop_elements"])
    keep = "|".join(re.escape(t) for t in rules["keep_script_types"])
    return _Patterns(
        re.compile(rf"<({names})\b[^>]{{0,{MAX_TAG}}}>", re.IGNORECASE),
        re.compile(rf"type\s*=\s*[\"']?\s*(?:{keep})", re.IGNORECASE),
        re.compile(rf"data:[^\"'()\s>]{{{int(rules['max_data_uri'])},}}", re.IGNORECASE),
    )


@cache
def _closer(element: str) -> re.Pattern[str]:
    return re.compile(r"</" + re.escape(element) + r"\s*>", re.IGNORECASE)


def without_heavy_parts(markup: bytes | str) -> bytes | str:
    """Return the markup without scripts (JSON-LD kept), styles and long inline data.

    Bytes stay bytes in their own encoding (they are scanned as Latin-1, which maps
    every byte to one character and back).
    """
    if isinstance(markup, bytes):
        return _cleaned(markup.decode("latin-1")).encode("latin-1")
    return _cleaned(markup)


def _cleaned(markup: str) -> str:
    patterns = _patterns()
    parts: list[str] = []
    position = 0
    unclosed: set[str] = set()
    while (match := patterns.opener.search(markup, position)) is not None:
        element = match.group(1).casefold()
        end = None
        if element not in unclosed and not patterns.kept.search(match.group(0)):
            end = _closer(element).search(markup, match.end())
            if end is None:
                unclosed.add(element)
        if end is None:
            parts.append(markup[position : match.end()])
            position = match.end()
        else:
            parts.append(markup[position : match.start()])
            position = end.end()
    parts.append(markup[position:])
    return patterns.data_uri.sub("data:,", "".join(parts))
