"""A PDF's lines back into paragraphs, without running headers, footers or page numbers.

Wrapped lines are joined and words hyphenated across lines made whole again. Pure
functions over :class:`Line` (text, height on the page, font size), so that the rules
can be tested on their own; :mod:`pdf_text` reads the lines from a real file.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache

from briefing_app.ingest.formats.extracted import clean_paragraph, format_rules

_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?…:]['\"”’)\]]*$")
_HYPHENATED = re.compile(r"(\w+)-$")
_COMPOUND = re.compile(r"\b(\w+)-(\w+)\b")
_ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")
# Font sizes closer than this (points) are the same size.
SAME_SIZE = 0.6
# Line spacing as a multiple of the font size: up to TIGHT_LEADING is a line of the same
# paragraph; USUAL_LEADING is single spacing.
TIGHT_LEADING = 1.6
USUAL_LEADING = 1.2


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page: its text, its baseline's height (None: unknown) and font size."""

    text: str
    y: float | None = None
    size: float = 0.0


@dataclass(frozen=True, slots=True)
class Reflowed:
    """A document's paragraphs, the title its first page shows, and the lines left out."""

    paragraphs: tuple[str, ...]
    title: str | None
    dropped: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Rules:
    edge_lines: int
    repeat_share: float
    repeat_pages: int
    page_number: tuple[re.Pattern[str], ...]
    paragraph_gap: float
    title_size: float
    short_line: float


@cache
def _rules() -> _Rules:
    rules = format_rules("pdf")
    return _Rules(
        int(rules["edge_lines"]),
        float(rules["repeat_share"]),
        int(rules["repeat_pages"]),
        tuple(re.compile(p, re.IGNORECASE) for p in rules["page_number"]),
        float(rules["paragraph_gap"]),
        float(rules["title_size"]),
        float(rules["short_line"]),
    )


def reflow(pages: Sequence[Sequence[Line]]) -> Reflowed:
    """Return the paragraphs of a document given as pages of lines, in reading order."""
    cleaned = [
        [
            Line(text, line.y, line.size)
            for line in page
            if (text := clean_paragraph(line.text).strip())
        ]
        for page in pages
    ]
    kept, dropped = _without_running_lines(cleaned)
    body_size = _body_size(kept)
    title, kept = _take_title(kept, body_size)
    return Reflowed(tuple(_paragraphs(kept, body_size)), title, tuple(dropped))


def _key(text: str) -> str:
    """Return a line as running headers repeat it: spacing and numbers aside.

    Case counts: a header repeats letter for letter, while two body lines may differ
    only in case ("Aa a a." and "aa a a."), and neither is a header for it.
    """
    return _DIGITS.sub("#", " ".join(text.split()))


def _edges(page: list[Line], count: int) -> tuple[list[int], list[int]]:
    """Return the indexes of a page's ``count`` top-most and bottom-most lines, edge first."""

    def height(index: int) -> float:
        y = page[index].y
        return y if y is not None else -float(index)  # unknown: reading order

    order = sorted(range(len(page)), key=height, reverse=True)
    return order[:count], order[::-1][:count]


def is_page_number(text: str) -> bool:
    """Return True for a line that is only a page number ("Page 3 of 12", "- 3 -", "iv")."""
    stripped = text.strip()
    return bool(_ROMAN.match(stripped)) or any(p.match(stripped) for p in _rules().page_number)


def _without_running_lines(pages: list[list[Line]]) -> tuple[list[list[Line]], list[str]]:
    """Drop page numbers, and lines repeated at the top or bottom of many pages.

    A line counts as repeated only at the same edge (a header at the top of one page
    and the bottom of another is not one). A line further from the edge goes only with
    the lines between it and the edge (headers stack from the edge of the page; body
    text does not repeat).
    """
    rules = _rules()
    edges = [_edges(page, rules.edge_lines) for page in pages]
    seen_top: Counter[str] = Counter()
    seen_bottom: Counter[str] = Counter()
    for page, (top, bottom) in zip(pages, edges, strict=True):
        seen_top.update({_key(page[i].text) for i in top})
        seen_bottom.update({_key(page[i].text) for i in bottom})
    # A line at the very edge needs fewer pages than one further in, which could be text.
    share = max(2, math.ceil(rules.repeat_share * len(pages)))
    needed = [min(rules.repeat_pages, share), *([share] * (rules.edge_lines - 1))]
    kept: list[list[Line]] = []
    dropped: list[str] = []
    for page, (top, bottom) in zip(pages, edges, strict=True):
        running: set[int] = set()
        for side, seen in ((top, seen_top), (bottom, seen_bottom)):
            for depth, index in enumerate(side):
                text = page[index].text
                if seen[_key(text)] < needed[depth] and not is_page_number(text):
                    break
                running.add(index)
        kept.append([line for index, line in enumerate(page) if index not in running])
        dropped += [line.text for index, line in enumerate(page) if index in running]
    return kept, dropped


def _body_size(pages: list[list[Line]]) -> float:
    """Return the font size most of the text is set in."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _take_title(pages: list[list[Line]], body: float) -> tuple[str | None, list[list[Line]]]:
    """Take the title off the first page: its largest lines, when well above the body's size."""
    first = next((number for number, page in enumerate(pages) if page), None)
    if first is None or body <= 0:
        return None, pages
    page = pages[first]
    largest = max(line.size for line in page)
    if largest < _rules().title_size * body:
        return None, pages
    start = next(i for i, line in enumerate(page) if abs(line.size - largest) < SAME_SIZE)
    end = start
    while end < len(page) and abs(page[end].size - largest) < SAME_SIZE:
        end += 1
    title = " ".join(line.text for line in page[start:end])
    return title, [*pages[:first], page[:start] + page[end:], *pages[first + 1 :]]


def _paragraphs(pages: list[list[Line]], body: float) -> list[str]:
    """Join lines into paragraphs, across pages where a paragraph runs on."""
    rules = _rules()
    spacing = _line_spacing(pages, body)
    usual = _usual_length(pages, body)
    compounds = {
        m.group(0).casefold() for page in pages for ln in page for m in _COMPOUND.finditer(ln.text)
    }
    paragraphs: list[str] = []
    previous: Line | None = None
    for page in pages:
        for number, line in enumerate(page):
            if previous is None:
                paragraphs.append(line.text)
            elif _continues(previous, line, number == 0, spacing, usual, rules):
                paragraphs[-1] = join_lines(paragraphs[-1], line.text, compounds)
            else:
                paragraphs.append(line.text)
            previous = line
    return paragraphs


def _continues(
    previous: Line, line: Line, new_page: bool, spacing: float, usual: float, rules: _Rules
) -> bool:
    """Return True when ``line`` goes on with the paragraph that ``previous`` ends."""
    ends_sentence = bool(_SENTENCE_END.search(previous.text))
    gap = previous.y - line.y if previous.y is not None and line.y is not None else spacing
    if new_page or gap <= 0:  # a new page or column: go on only with an unfinished sentence
        if line.text[:1].islower():
            return True
        return not ends_sentence and (
            previous.text.endswith(("-", ",", ";"))
            or len(previous.text) >= rules.short_line * usual
        )
    if abs(previous.size - line.size) >= SAME_SIZE or gap > rules.paragraph_gap * spacing:
        return False
    return not (ends_sentence and len(previous.text) < rules.short_line * usual)


def join_lines(text: str, line: str, compounds: Collection[str] = ()) -> str:
    """Return ``text`` followed by the next line of its paragraph.

    A word hyphenated at the line end is made whole ("govern-" + "ment") unless it is a
    compound: the document writes it with a hyphen elsewhere, its first part is not all
    lower case ("al-", "Turkish-") or its second part is not ("pro-" + "Assad").
    """
    hyphenated = _HYPHENATED.search(text)
    if hyphenated is None or not text[-2:-1].isalnum():
        return f"{text} {line}"
    first = hyphenated.group(1)
    second = re.match(r"\w+", line)
    if (
        second is not None
        and first.isalpha()
        and first.islower()
        and second.group(0).islower()
        and f"{first}-{second.group(0)}".casefold() not in compounds
    ):
        return text[:-1] + line
    return text + line


def _line_spacing(pages: list[list[Line]], body: float) -> float:
    """Return the usual distance between two lines of a paragraph.

    The tighter gaps are those inside paragraphs; when no gap is tight (every paragraph
    is one line), the spacing of a line of the body's size is taken.
    """
    gaps = [
        a.y - b.y
        for page in pages
        for a, b in zip(page, page[1:], strict=False)
        if a.y is not None and b.y is not None and a.y > b.y and abs(a.size - b.size) < SAME_SIZE
    ]
    tight = statistics.quantiles(gaps, n=4)[0] if len(gaps) > 1 else (gaps or [0.0])[0]
    if body > 0 and not 0 < tight <= TIGHT_LEADING * body:
        return USUAL_LEADING * body
    return tight or 1.0


def _usual_length(pages: list[list[Line]], body: float) -> float:
    """Return the length of a full line of body text (in characters)."""
    lengths = [len(ln.text) for page in pages for ln in page if abs(ln.size - body) < SAME_SIZE]
    if not lengths:
        return 0.0
    lengths.sort()
    return float(lengths[int(len(lengths) * 0.75)])
