"""What the reports are made of, for the hostile export tests: their own tags, sections, scope."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markdown_it.token import Token

from briefing_app.services.library import Library

HTML_TAGS = {"html", "head", "meta", "title", "style", "body", "div", "p", "h1", "h2", "table"}
HTML_TAGS |= {"thead", "tbody", "tr", "th", "td", "span", "a", "b", "br"}
HTML_CLASSES = {"head", "kicker", "scope", "facts", "themes", "sources", "n", "d", "byline"}
HTML_CLASSES |= {"legend", "section", "count", "claim", "text", "para", "meta", "tags", "tag"}
HTML_CLASSES |= {"outside", "note", "note-label", "note-body", "empty", "later"}
_ONE_CLASS = "(?:" + "|".join(map(re.escape, HTML_CLASSES)) + ")"
# Every attribute the HTML report writes, and the values it may have.
HTML_ATTRIBUTES = {
    "lang": re.compile(r"en"),
    "charset": re.compile(r"utf-8"),
    "name": re.compile(r"viewport"),
    "content": re.compile(r"width=device-width, initial-scale=1"),
    "class": re.compile(f"{_ONE_CLASS}(?: {_ONE_CLASS})*"),  # e.g. "section later"
    "id": re.compile(r"theme-[a-z0-9-]+"),
    "href": re.compile(r"#theme-[a-z0-9-]+"),
    "width": re.compile(r"\d{1,3}%"),
}
# Exports state when they were made: $SOURCE_DATE_EPOCH fixes it, as for reproducible builds.
EPOCH, EXPORTED = "1733443200", "2024-12-06T00:00:00Z"
WHOLE_LIBRARY_SCOPE = {
    "kind": "library",
    "description": "Whole library",
    "query": None,
    "theme": None,
    "document": None,
    "saved_search": None,
    "with_notes": False,
    "hedged": False,
    "unfiled": False,
    "dismissed": False,
    "claims": None,
}
# The keys the JSON export adds after "documents": when, and what it holds.
STAMP = {"exported": EXPORTED, "scope": WHOLE_LIBRARY_SCOPE}


def report_sections(library: Library) -> list[tuple[str, int]]:
    """Return the report's sections: each claim once, under its primary (else first) theme."""
    themes = library.themes()
    order = [t.key for t in themes]
    counts = dict.fromkeys([*order, None], 0)
    for claim in library.claims(library.claim_ids()):
        keys = sorted((t.key for t in claim.themes), key=order.index)
        primary = claim.primary_theme
        counts[primary.key if primary else (keys[0] if keys else None)] += 1
    labels = {t.key: t.label for t in themes} | {None: "Unfiled"}
    return [(labels[key], count) for key, count in counts.items() if count]


def quotes(tokens: list[Token]) -> list[str]:
    """Return the text of each block quote, checking it holds plain paragraphs only."""
    quotes, paragraphs, inside = [], [], False
    for token in tokens:
        if token.type == "blockquote_open":
            paragraphs, inside = [], True
        elif token.type == "blockquote_close":
            quotes.append("\n\n".join(paragraphs))
            inside = False
        elif inside:
            assert token.type in {"paragraph_open", "paragraph_close", "inline"}, token
            for child in token.children or []:
                assert child.type in {"text", "softbreak", "hardbreak"}, child
            lines = [c.content if c.type == "text" else "\n" for c in token.children or []]
            paragraphs += ["".join(lines)] if token.type == "inline" else []
    return quotes


def as_rendered(note: str) -> str:
    """Return a note as Markdown shows it: paragraphs of lines, trailing spaces dropped."""
    paragraphs = "\n".join(line.rstrip() for line in note.splitlines()).split("\n\n")
    return "\n\n".join(p.strip("\n") for p in paragraphs if p.strip())


class StartTags(HTMLParser):
    """Every start tag of a page, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
