"""Split an article into numbered paragraphs and tell title, byline, furniture and body apart.

Everything above the first paragraph of reporting (the header: menus, the title,
the byline, dates, captions) is furniture but for the title and byline. Below it,
a line is furniture when a rule of ``resources/layout.toml`` says so; the others
are body, their claims starting after any dateline, list bullet or rubric label.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from briefing_app.domain.parsed import ParagraphKind, ParsedParagraph
from briefing_app.ingest.config import load_toml
from briefing_app.ingest.furniture import Match, boilerplate_outlet, furniture, holds_sentence
from briefing_app.ingest.headline import choose_title, headline, is_headline_like
from briefing_app.ingest.lines import SENTENCE_END, split_lines
from briefing_app.ingest.outlets import (
    canonical_outlet,
    known_outlet,
    most_named,
    organisation_at_end,
    outlet_at_end,
)
from briefing_app.ingest.published import is_date_line

__all__ = ["Layout", "analyse", "boilerplate_outlet", "split_lines"]

# How much each cue to the outlet counts, strongest first (furniture rules carry their own).
DATELINE_RANK, BYLINE_RANK, SUFFIX_RANK, SITE_NAME_RANK, NAMED_RANK = 1, 2, 3, 5, 6


@dataclass(frozen=True, slots=True)
class Layout:
    """An article's paragraphs with their roles, and what the lines say about it."""

    paragraphs: tuple[ParsedParagraph, ...]
    title: str | None
    byline: str | None
    outlet: str | None
    # Start offset of reporting in each body paragraph (after a dateline, bullet or label).
    body_starts: dict[int, int]
    # The lines above the first paragraph of reporting, and the dateline: where dates are.
    header: tuple[str, ...] = ()
    dateline: str | None = None


@dataclass(frozen=True, slots=True)
class _Rules:
    min_words: int
    repeated: int
    byline_max_words: int
    byline: tuple[re.Pattern[str], ...]
    names_only: re.Pattern[str]
    dateline: re.Pattern[str]
    rubric: re.Pattern[str]
    colon_rubric: re.Pattern[str]
    not_label_words: frozenset[str]
    bullet: re.Pattern[str]


@cache
def _rules() -> _Rules:
    config = load_toml("layout.toml")
    return _Rules(
        min_words=config["header"]["min_words"],
        repeated=config["header"]["repeated"],
        byline_max_words=config["byline"]["max_words"],
        byline=tuple(re.compile(p) for p in config["byline"]["patterns"]),
        names_only=re.compile(config["byline"]["names_only"]),
        dateline=re.compile(config["dateline"]["pattern"]),
        rubric=re.compile(config["rubric"]["pattern"]),
        colon_rubric=re.compile(config["rubric"]["colon_pattern"]),
        not_label_words=frozenset(config["rubric"]["not_words"]),
        bullet=re.compile(config["bullet"]["pattern"]),
    )


@dataclass
class _Cues:
    """Cues to the outlet as they are met: (rank, order, name)."""

    found: list[tuple[int, int, str]]

    def add(self, rank: int, name: str | None) -> None:
        if name:
            self.found.append((rank, len(self.found), name))

    def best(self) -> str | None:
        return min(self.found)[2] if self.found else None


def _running(line: str, counts: Counter[str]) -> bool:
    """Return True for a running header or footer: a repeated line that ends no sentence."""
    return counts[line] >= _rules().repeated and not SENTENCE_END.search(line)


def _first_body(lines: list[str], matches: list[Match | None], counts: Counter[str]) -> int:
    """Return the index of the first paragraph of reporting (0 when no line looks like one)."""
    rules = _rules()
    for index, line in enumerate(lines):
        if (
            matches[index] is None
            and not _running(line, counts)
            and holds_sentence(line, rules.min_words)
            and not is_date_line(line)
        ):
            return index
    return 1 if len(lines) > 1 and is_headline_like(lines[0]) else 0


def _byline(lines: list[str], end: int, skipped: frozenset[int]) -> tuple[int | None, bool]:
    """Return the byline's index among ``lines[:end]`` and whether a byline pattern found it.

    A line of names only counts when a headline-like line comes before it.
    """
    rules = _rules()
    for pattern in rules.byline:
        for index in range(end):
            line = lines[index]
            if len(line.split()) <= rules.byline_max_words and pattern.search(line):
                return index, True
    for index in range(end):
        if (
            index in skipped
            or known_outlet(lines[index])
            or not rules.names_only.match(lines[index])
        ):
            continue
        if any(is_headline_like(lines[i]) for i in range(index) if i not in skipped):
            return index, False
    return None, False


def _header(
    lines: list[str], end: int, matches: list[Match | None], counts: Counter[str], cues: _Cues
) -> tuple[dict[int, ParagraphKind], str | None, str | None]:
    """Return the kinds of the header's lines, the title and the byline."""
    skipped = frozenset(
        i for i in range(end) if matches[i] is not None or _running(lines[i], counts)
    )
    byline_at, _ = _byline(lines, end, skipped)
    title_at = choose_title(lines, byline_at if byline_at is not None else end, skipped)
    kinds = dict.fromkeys(range(end), ParagraphKind.BOILERPLATE)
    title = byline = None
    if title_at is not None:
        found = headline(lines[title_at])
        title = found.text
        cues.add(SUFFIX_RANK, found.outlet)
        for index in range(end):
            if index == title_at or headline(lines[index]).text == title:
                kinds[index] = ParagraphKind.TITLE
    if byline_at is not None:
        kinds[byline_at] = ParagraphKind.BYLINE
        byline = lines[byline_at]
        cues.add(BYLINE_RANK, outlet_at_end(byline) or organisation_at_end(byline))
    for index in range(end):
        if kinds[index] == ParagraphKind.BOILERPLATE and matches[index] is None:
            cues.add(SITE_NAME_RANK, known_outlet(lines[index]))
    return kinds, title, byline


def _body_start(line: str, start: int, first: bool, cues: _Cues) -> tuple[int, str | None]:
    """Return where a body paragraph's reporting starts, and its dateline if any."""
    rules = _rules()
    offset, dateline = 0, None
    if first:
        match = rules.dateline.match(line)
        if match:
            offset, dateline = match.end(), match.group(0)
            if match.group("outlet"):
                cues.add(DATELINE_RANK, canonical_outlet(match.group("outlet")))
    bullet = rules.bullet.match(line, offset)
    if bullet:
        offset = bullet.end()
    rubric = rules.rubric.match(line, offset)
    if rubric:
        return rubric.end() + start, dateline
    label = rules.colon_rubric.match(line, offset)
    if label and not any(w.lower() in rules.not_label_words for w in label.group("label").split()):
        offset = label.end()
    return start + offset, dateline


def analyse(text: str) -> Layout:
    """Return the layout of an article's (normalised) text."""
    spans = split_lines(text)
    lines = [text[s:e] for s, e in spans]
    counts = Counter(lines)
    matches = [furniture(line) for line in lines]
    first = _first_body(lines, matches, counts)
    cues = _Cues([])
    kinds, title, byline = _header(lines, first, matches, counts, cues)
    body_starts: dict[int, int] = {}
    dateline = None
    for position in range(first, len(lines)):
        line = lines[position]
        if matches[position] is not None or _running(line, counts):
            kinds[position] = ParagraphKind.BOILERPLATE
            continue
        kinds[position] = ParagraphKind.BODY
        start, found = _body_start(line, spans[position][0], position == first, cues)
        body_starts[position + 1] = start
        dateline = dateline or found
    for match in matches:
        if match is not None:
            cues.add(match.outlet_rank, match.outlet)
    furniture_lines = [lines[i] for i, kind in kinds.items() if kind == ParagraphKind.BOILERPLATE]
    cues.add(NAMED_RANK, most_named(furniture_lines))
    paragraphs = tuple(
        ParsedParagraph(index + 1, start, end, kinds[index])
        for index, (start, end) in enumerate(spans)
    )
    return Layout(
        paragraphs, title, byline, cues.best(), body_starts, tuple(lines[:first]), dateline
    )
