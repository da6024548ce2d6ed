"""Page furniture: the named line rules of ``resources/layout.toml``.

Captions and their credits, timestamps, prompts, copyright and standards lines,
list labels: a line that matches a rule is never reporting. Some rules name the
outlet the page comes from ("© 2024 Reuters", "From CNN's Paul Grant").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefing_app.ingest.config import load_toml
from briefing_app.ingest.lowered import fold
from briefing_app.ingest.outlets import canonical_outlet
from briefing_app.ingest.required_text import RequiredText, required_text

# Furniture lines are short; a longer line is prose, and the rules need not scan it.
MAX_FURNITURE_CHARS = 2000
DEFAULT_OUTLET_RANK = 4
# A sentence ends with punctuation, closing quotes or brackets, and maybe a footnote marker.
_FINISHED = re.compile(r"[.!?…]['\"”’)\]]*(\[\d{1,3}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})?$")
_SENTENCE = re.compile(r"[.!?…]['\"”’)\]]*(\[\d{1,3}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})?(\s|$)")


@dataclass(frozen=True, slots=True)
class FurnitureRule:
    """One named rule: its pattern, and how much an outlet it names counts."""

    name: str
    pattern: re.Pattern[str]
    outlet_rank: int
    # Text one of which every match holds: a line without it is not tried.
    needs: RequiredText | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """A line recognised as furniture, by which rule, and the outlet it names if any."""

    rule: str
    outlet: str | None
    outlet_rank: int


@cache
def rules() -> tuple[FurnitureRule, ...]:
    """Return the furniture rules in their order in layout.toml."""
    found = []
    for entry in load_toml("layout.toml")["furniture"]:
        flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
        pattern = re.compile(entry["pattern"], flags)
        rank = int(entry.get("outlet_rank", DEFAULT_OUTLET_RANK))
        found.append(FurnitureRule(entry["name"], pattern, rank, required_text(pattern)))
    return tuple(found)


def furniture(line: str) -> Match | None:
    """Return the first furniture rule a (stripped) line matches, or None."""
    if len(line) > MAX_FURNITURE_CHARS:
        return None
    folded = fold(line)
    for rule in rules():
        if rule.needs is not None and not rule.needs.may_match(line, folded):
            continue
        match = rule.pattern.search(line)
        if match:
            named = match.groupdict().get("outlet")
            outlet = canonical_outlet(named) if named else None
            return Match(rule.name, outlet, rule.outlet_rank)
    return None


def boilerplate_outlet(line: str) -> tuple[bool, str | None]:
    """Return whether a line is furniture, and the outlet it names if any."""
    match = furniture(line)
    return (True, match.outlet) if match else (False, None)


def ends_sentence(text: str) -> bool:
    """Return True if ``text`` ends as a sentence does ("...city.", '..."', "...sources.[7]")."""
    return _FINISHED.search(text.rstrip()) is not None


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(load_toml("layout.toml")["header"]["abbreviations"])


def holds_sentence(line: str, min_words: int) -> bool:
    """Return True if a line holds a finished sentence of at least ``min_words`` words.

    The dot of an abbreviation ("No. 3", "Dr. Kassab") or of an initial ends nothing.
    """
    start = 0
    for end in _SENTENCE.finditer(line):
        words = line[start : end.start()].split()
        last = words[-1].rsplit(".", 1)[-1] if words else ""
        if last in _abbreviations() or len(last) == 1 and last.isupper():
            continue
        if len(words) >= min_words:
            return True
        start = end.end()
    return False
