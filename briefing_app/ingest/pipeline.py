"""One article's bytes to a :class:`ParsedDocument` (DESIGN section 5)."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from briefing_app.domain.errors import InputFileError
from briefing_app.domain.parsed import (
    EntityMention,
    PageMetadata,
    ParagraphKind,
    ParsedClaim,
    ParsedDocument,
    ParsedParagraph,
    ThemeAssignment,
)
from briefing_app.ingest.attribution import find_attribution, is_pronoun
from briefing_app.ingest.decode import decode
from briefing_app.ingest.furniture import ends_sentence
from briefing_app.ingest.hedges import find_hedges
from briefing_app.ingest.layout import Layout, analyse
from briefing_app.ingest.markers import between_markers
from briefing_app.ingest.names import find_names
from briefing_app.ingest.outlets import aliases_of, canonical_outlet
from briefing_app.ingest.published import published
from briefing_app.ingest.reporting import is_advice, is_question
from briefing_app.ingest.scope import scope_note
from briefing_app.ingest.sentences import is_reporting, sentence_spans
from briefing_app.ingest.subject import refers_back
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
    claims = _claims(text, layout)
    note = scope_note(
        [text[c.start : c.end] for c in claims],
        [c.mentions for c in claims],
    )
    if note is not None:
        claims = [replace(c, themes=()) for c in claims]
    if not claims:
        raise InputFileError(
            f"{file_name} holds no reporting: every line is a title, byline or boilerplate."
        )
    # A listed outlet goes by its canonical name (and its aliases), however it is given.
    outlet = (canonical_outlet(page.outlet) if page.outlet else None) or layout.outlet
    return ParsedDocument(
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=page.title or layout.title or _title_from(text[claims[0].start : claims[0].end]),
        outlet=outlet,
        byline=page.author or layout.byline,
        published=page.published or published(layout.header, layout.dateline, layout.title, text),
        file_name=file_name,
        encoding=encoding,
        paragraphs=_without_empty_body(layout, claims),
        claims=tuple(claims),
        warnings=warnings,
        url=page.url,
        language=page.language,
        outlet_aliases=aliases_of(outlet) if outlet else (),
        scope_note=note,
    )


def _sentences(text: str, flat: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the spans of a body paragraph's sentences of reporting.

    ``flat`` is the text with line ends as spaces (same offsets): the lines of
    hard-wrapped prose are read as one. Footnote markers end sentences. A line
    of its own only holds sentences that end as sentences do, and a question
    asks rather than reports.
    """
    single_line = "\n" not in text[start:end]
    spans = []
    for low, high in between_markers(flat, start, end):
        for begin, finish in sentence_spans(flat, low, high):
            sentence = flat[begin:finish]
            if not is_reporting(sentence) or is_question(sentence):
                continue
            if single_line and not ends_sentence(sentence):
                continue
            spans.append((begin, finish))
    return spans


def _claims(text: str, layout: Layout) -> list[ParsedClaim]:
    flat = text.replace("\n", " ")
    claims: list[ParsedClaim] = []
    last_source: str | None = None
    previous: str | None = None
    for paragraph in layout.paragraphs:
        if paragraph.kind != ParagraphKind.BODY:
            continue
        start = layout.body_starts[paragraph.index]
        sentence_number = 0
        for begin, end in _sentences(text, flat, start, paragraph.end):
            sentence = flat[begin:end]
            attribution = find_attribution(sentence)
            if is_advice(sentence, attribution):
                continue
            sentence_number += 1
            names = find_names(text, begin, end)
            mentions = names.mentions
            if attribution and is_pronoun(attribution):
                attribution = last_source or attribution
            elif attribution:
                last_source = attribution
            masks = [(low - begin, high - begin) for low, high in names.spans]
            themes = classify(sentence, [_relative(m, begin) for m in mentions], previous, masks)
            if not themes and claims and (sentence_number > 1 or refers_back(sentence)):
                # No cue of its own: it goes on with (or qualifies) the claim before it.
                themes = tuple(
                    ThemeAssignment(t.key, t.is_primary, "follows the previous claim")
                    for t in claims[-1].themes
                )
            previous = next((t.key for t in themes if t.is_primary), None)
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
    return claims


def _without_empty_body(layout: Layout, claims: list[ParsedClaim]) -> tuple[ParsedParagraph, ...]:
    """Return the paragraphs, a body paragraph that holds no claim being furniture."""
    holding = {claim.paragraph for claim in claims}
    return tuple(
        ParsedParagraph(p.index, p.start, p.end, ParagraphKind.BOILERPLATE)
        if p.kind == ParagraphKind.BODY and p.index not in holding
        else p
        for p in layout.paragraphs
    )


def _relative(mention: EntityMention, offset: int) -> EntityMention:
    return EntityMention(mention.name, mention.kind, mention.start - offset, mention.end - offset)


def _title_from(sentence: str) -> str:
    """Return a short title made of the first sentence, cut at a word."""
    if len(sentence) <= TITLE_CHARS:
        return sentence.rstrip(".")
    cut = sentence[:TITLE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—– ") + "…"
