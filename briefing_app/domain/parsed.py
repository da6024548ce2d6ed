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
