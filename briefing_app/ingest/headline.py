"""The title of an article: which line it is, and the headline without the site's name."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from briefing_app.ingest.config import load_toml
from briefing_app.ingest.outlets import known_outlet
from briefing_app.ingest.published import is_date_line


@dataclass(frozen=True, slots=True)
class Headline:
    """A title line's headline, and the outlet its suffix names (" | Reuters")."""

    text: str
    outlet: str | None


@dataclass(frozen=True, slots=True)
class _Rules:
    min_words: int
    max_words: int
    endings: str
    marker: re.Pattern[str]
    separator: re.Pattern[str]
    section_max_words: int


@cache
def _rules() -> _Rules:
    config = load_toml("layout.toml")["title"]
    return _Rules(
        config["min_words"],
        config["max_words"],
        config["sentence_endings"],
        re.compile(config["heading_marker"]),
        re.compile(config["suffix_separator"]),
        config["section_max_words"],
    )


def headline(line: str) -> Headline:
    """Return a title line without its heading marker and its outlet suffix.

    "Sudan's RSF tightens siege ... | Sudan | The Guardian" gives the headline and
    The Guardian; a suffix that is no known outlet is kept.
    """
    rules = _rules()
    text = rules.marker.sub("", line).strip()
    parts = rules.separator.split(text)
    if len(parts) < 2:
        return Headline(text, None)
    outlet = known_outlet(parts[-1])
    if outlet is None:
        return Headline(text, None)
    kept = parts[:-1]
    while len(kept) > 1 and len(kept[-1].split()) <= rules.section_max_words:
        kept.pop()
    return Headline(text[: _end_of_parts(text, len(kept))].strip(), outlet)


def _end_of_parts(text: str, count: int) -> int:
    """Return where the first ``count`` separator-delimited parts of ``text`` end."""
    position, end = 0, len(text)
    for _ in range(count):
        match = _rules().separator.search(text, position)
        if match is None:
            return len(text)
        end, position = match.start(), match.end()
    return end


def is_headline_like(line: str) -> bool:
    """Return True for a line shaped like a headline: a few words, no sentence end."""
    rules = _rules()
    text = rules.marker.sub("", line).strip()
    words = len(text.split())
    return (
        rules.min_words <= words <= rules.max_words
        and text[-1:] not in rules.endings
        and not text.isupper()
        and not is_date_line(text)
    )


def choose_title(lines: Sequence[str], before: int, skipped: frozenset[int]) -> int | None:
    """Return the index of the title among ``lines[:before]``, or None.

    A line that ends with a known outlet's name wins; otherwise the longest
    headline-like line (the first of equals). Lines in ``skipped`` (furniture,
    running headers) are not candidates.
    """
    candidates = [i for i in range(before) if i not in skipped]
    for index in candidates:
        title = headline(lines[index])
        if title.outlet is not None and is_headline_like(title.text):
            return index
    shaped = [i for i in candidates if is_headline_like(lines[i])]
    if not shaped:
        return None
    return max(shaped, key=lambda i: (len(lines[i].split()), -i))
