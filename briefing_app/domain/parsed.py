"""What ingest makes of one article, before it is stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ParagraphKind(StrEnum):
    """The role of one non-empty line of an article."""

    TITLE = "title"
    BYLINE = "byline"
    BOILERPLATE = "boilerplate"
    BODY = "body"


@dataclass(frozen=True, slots=True)
class ParsedParagraph:
    """A non-empty line, numbered 1-based, with its span in the document text."""

    index: int
    start: int
    end: int
    kind: ParagraphKind


@dataclass(frozen=True, slots=True)
class ThemeAssignment:
    """A theme a claim is filed under, and why."""

    key: str
    is_primary: bool
    why: str
    origin: str = "rule"


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A gazetteer entity named in the text at ``start:end`` (code points)."""

    name: str
    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ParsedClaim:
    """One sentence of reporting with everything ingest learned about it."""

    paragraph: int
    sentence: int
    start: int
    end: int
    attribution: str | None
    hedges: tuple[str, ...]
    themes: tuple[ThemeAssignment, ...]
    mentions: tuple[EntityMention, ...]


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A whole article: normalised text, structure, claims and provenance."""

    text: str
    sha256: str
    title: str
    outlet: str | None
    byline: str | None
    published: str | None
    file_name: str
    encoding: str
    paragraphs: tuple[ParsedParagraph, ...]
    claims: tuple[ParsedClaim, ...]
    warnings: tuple[str, ...] = field(default=())
    url: str | None = None
    language: str | None = None
    # Why the document lies outside the taxonomy's scope (None: it is in scope).
    scope_note: str | None = None
    # Other names of the outlet (its aliases in resources/outlets.toml), for ``source:``.
    outlet_aliases: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What a page says of itself (HTML metadata, an e-mail's headers, a PDF's info).

    Every field is optional; what a page gives wins over what is read from its text.
    """

    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601
    author: str | None = None
    url: str | None = None
    language: str | None = None
