"""One article's bytes to a :class:`ParsedDocument` (DESIGN section 5)."""

from __future__ import annotations

import hashlib

from briefing_app.domain.errors import InputFileError
from briefing_app.domain.parsed import (
    EntityMention,
    PageMetadata,
    ParagraphKind,
    ParsedClaim,
    ParsedDocument,
    ThemeAssignment,
)
from briefing_app.ingest.attribution import find_attribution, is_pronoun
from briefing_app.ingest.decode import decode
from briefing_app.ingest.entities import find_mentions
from briefing_app.ingest.hedges import find_hedges
from briefing_app.ingest.layout import analyse
from briefing_app.ingest.sentences import is_reporting, sentence_spans
from briefing_app.ingest.themes import classify

TITLE_CHARS = 80


def parse_document(data: bytes, file_name: str) -> ParsedDocument:
    """Parse a text article; raise InputFileError when it cannot be read or holds no reporting."""
    decoded = decode(data, file_name)
    return parse_text(decoded.text, file_name, decoded.encoding, decoded.warnings)


def parse_text(
    text: str,
    file_name: str,
    encoding: str = "utf-8",
    warnings: tuple[str, ...] = (),
    page: PageMetadata | None = None,
) -> ParsedDocument:
    """Parse an article's normalised text; what ``page`` says of itself wins over the text.

    The formats (HTML, PDF, DOCX, e-mail) extract their text and metadata and come here.
    """
    page = page or PageMetadata()
    layout = analyse(text)
    claims: list[ParsedClaim] = []
    last_source: str | None = None
    previous_primary: str | None = None
    for paragraph in layout.paragraphs:
        if paragraph.kind != ParagraphKind.BODY:
            continue
        start = layout.body_starts[paragraph.index]
        sentence_number = 0
        for begin, end in sentence_spans(text, start, paragraph.end):
            sentence = text[begin:end]
            if not is_reporting(sentence):
                continue
            sentence_number += 1
            mentions = find_mentions(text, begin, end)
            attribution = find_attribution(sentence)
            if attribution and is_pronoun(attribution):
                attribution = last_source or attribution
            elif attribution:
                last_source = attribution
            themes = classify(sentence, [_relative(m, begin) for m in mentions], previous_primary)
            if not themes and sentence_number > 1 and previous_primary:
                themes = (ThemeAssignment(previous_primary, True, "follows the previous claim"),)
            previous_primary = next((t.key for t in themes if t.is_primary), None)
            claims.append(
                ParsedClaim(
                    paragraph=paragraph.index,
                    sentence=sentence_number,
                    start=begin,
                    end=end,
                    attribution=attribution,
                    hedges=find_hedges(sentence),
                    themes=themes,
                    mentions=tuple(mentions),
                )
            )
    if not claims:
        raise InputFileError(
            f"{file_name} holds no reporting: every line is a title, byline or boilerplate."
        )
    return ParsedDocument(
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=page.title or layout.title or _title_from(text[claims[0].start : claims[0].end]),
        outlet=page.outlet or layout.outlet,
        byline=page.author or layout.byline,
        published=page.published,
        file_name=file_name,
        encoding=encoding,
        paragraphs=layout.paragraphs,
        claims=tuple(claims),
        warnings=warnings,
        url=page.url,
        language=page.language,
    )


def _relative(mention: EntityMention, offset: int) -> EntityMention:
    return EntityMention(mention.name, mention.kind, mention.start - offset, mention.end - offset)


def _title_from(sentence: str) -> str:
    """Return a short title made of the first sentence, cut at a word."""
    if len(sentence) <= TITLE_CHARS:
        return sentence.rstrip(".")
    cut = sentence[:TITLE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—– ") + "…"
