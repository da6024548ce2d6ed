"""Split an article into numbered paragraphs and tell title, byline, boilerplate and body apart."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefing_app.domain.parsed import ParagraphKind, ParsedParagraph
from briefing_app.ingest.config import load_toml
from briefing_app.ingest.outlets import canonical_outlet, outlet_at_end

# Lines at least this long that stop mid-sentence are taken for hard-wrapped prose.
WRAP_MIN_CHARS = 45
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)]*$")


@dataclass(frozen=True, slots=True)
class Layout:
    """An article's paragraphs with their roles, and what the lines say about it."""

    paragraphs: tuple[ParsedParagraph, ...]
    title: str | None
    byline: str | None
    outlet: str | None
    # Start offset of reporting in each body paragraph (after a dateline), by index.
    body_starts: dict[int, int]


@dataclass(frozen=True, slots=True)
class _Rules:
    title_max_words: int
    title_endings: str
    byline_within: int
    byline_max_words: int
    byline: tuple[re.Pattern[str], ...]
    dateline: re.Pattern[str]
    rubric: re.Pattern[str]
    boilerplate: tuple[re.Pattern[str], ...]


@cache
def _rules() -> _Rules:
    config = load_toml("layout.toml")
    return _Rules(
        title_max_words=config["title"]["max_words"],
        title_endings=config["title"]["sentence_endings"],
        byline_within=config["byline"]["within_first"],
        byline_max_words=config["byline"]["max_words"],
        byline=tuple(re.compile(p) for p in config["byline"]["patterns"]),
        dateline=re.compile(config["dateline"]["pattern"]),
        rubric=re.compile(config["rubric"]["pattern"]),
        boilerplate=tuple(re.compile(p, re.IGNORECASE) for p in config["boilerplate"]["patterns"]),
    )


def split_lines(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of every paragraph: non-empty lines, trimmed.

    Hard-wrapped text (blocks of lines that do not end sentences, separated by
    blank lines) is joined into one paragraph per block.
    """
    lines: list[tuple[int, int]] = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + (len(raw) - len(raw.lstrip()))
            lines.append((start, start + len(stripped)))
        offset += len(raw) + 1
    return _join_wrapped(text, lines)


def _join_wrapped(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    blocks: list[list[tuple[int, int]]] = []
    for span in lines:
        if blocks and "\n\n" not in text[blocks[-1][-1][1] : span[0]].replace(" ", ""):
            blocks[-1].append(span)
        else:
            blocks.append([span])
    joined: list[tuple[int, int]] = []
    for block in blocks:
        joined.extend([(block[0][0], block[-1][1])] if _is_wrapped(text, block) else block)
    return joined


def _is_wrapped(text: str, block: list[tuple[int, int]]) -> bool:
    """Return True for a block of long lines broken mid-sentence (hard-wrapped prose)."""
    if len(block) < 2:
        return False
    inner = [text[s:e] for s, e in block[:-1]]
    following = [text[s:e] for s, e in block[1:]]
    unfinished = sum(1 for line in inner if not _SENTENCE_END.search(line))
    long_lines = sum(1 for line in inner if len(line) >= WRAP_MIN_CHARS)
    continued = sum(1 for line in following if line[:1].islower())
    return unfinished > len(inner) / 2 and long_lines > len(inner) / 2 and continued > 0


def boilerplate_outlet(line: str) -> tuple[bool, str | None]:
    """Return whether a line is boilerplate, and the outlet it names if any."""
    for pattern in _rules().boilerplate:
        match = pattern.search(line)
        if match:
            named = match.groupdict().get("outlet")
            return True, canonical_outlet(named) if named else None
    return False, None


def _is_title(line: str, rules: _Rules, total: int) -> bool:
    return (
        total > 1
        and len(line.split()) <= rules.title_max_words
        and line[-1] not in rules.title_endings
        and not _SENTENCE_END.search(line)
    )


def analyse(text: str) -> Layout:
    """Return the layout of an article's (normalised) text."""
    rules = _rules()
    spans = split_lines(text)
    paragraphs: list[ParsedParagraph] = []
    title = byline = outlet = None
    body_starts: dict[int, int] = {}
    for index, (start, end) in enumerate(spans, start=1):
        line = text[start:end]
        is_boilerplate, named = boilerplate_outlet(line)
        kind = ParagraphKind.BODY
        if is_boilerplate:
            kind = ParagraphKind.BOILERPLATE
            outlet = outlet or named
        elif index == 1 and _is_title(line, rules, len(spans)):
            kind, title = ParagraphKind.TITLE, line
        elif (
            byline is None
            and index <= rules.byline_within
            and len(line.split()) <= rules.byline_max_words
            and any(p.search(line) for p in rules.byline)
        ):
            kind, byline = ParagraphKind.BYLINE, line
            outlet = outlet or outlet_at_end(line)
        else:
            body_start = start
            dateline = rules.dateline.match(line)
            if dateline and not body_starts:
                body_start = start + dateline.end()
                if dateline.group("outlet"):
                    outlet = outlet or canonical_outlet(dateline.group("outlet"))
            rubric = rules.rubric.match(text, body_start, end)
            if rubric:
                body_start = rubric.end()
            body_starts[index] = body_start
        paragraphs.append(ParsedParagraph(index, start, end, kind))
    return Layout(tuple(paragraphs), title, byline, outlet, body_starts)
