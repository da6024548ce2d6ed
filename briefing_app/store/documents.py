"""Writing a parsed document into the library and reading documents back."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from briefing_app.domain.library import DocumentInfo, DocumentText, Paragraph
from briefing_app.domain.parsed import ParsedDocument
from briefing_app.store.schema import (
    ClaimRow,
    ClaimThemeRow,
    DocumentRow,
    EntityAliasRow,
    EntityRow,
    MentionRow,
    ParagraphRow,
    SourceRow,
    ThemeRow,
)

QUOTE_CONTEXT = 32


def find_by_sha(session: Session, sha256: str) -> DocumentRow | None:
    """Return the document with this text hash, if it was imported before."""
    return session.scalars(select(DocumentRow).where(DocumentRow.sha256 == sha256)).first()


def add_document(session: Session, parsed: ParsedDocument) -> int:
    """Insert a parsed document with its claims, filings and mentions; return its id."""
    source = _source(session, parsed.outlet) if parsed.outlet else None
    document = DocumentRow(
        source=source,
        title=parsed.title,
        byline=parsed.byline,
        published=parsed.published,
        file_name=parsed.file_name,
        sha256=parsed.sha256,
        encoding=parsed.encoding,
        text=parsed.text,
        imported=datetime.now(UTC).replace(tzinfo=None),
    )
    session.add(document)
    session.flush()
    session.add_all(
        ParagraphRow(document_id=document.id, index=p.index, start=p.start, end=p.end, kind=p.kind)
        for p in parsed.paragraphs
    )
    themes = {row.key: row.id for row in session.scalars(select(ThemeRow))}
    entities: dict[str, int] = {}
    text = parsed.text
    for parsed_claim in parsed.claims:
        claim = ClaimRow(
            document_id=document.id,
            paragraph=parsed_claim.paragraph,
            sentence=parsed_claim.sentence,
            start=parsed_claim.start,
            end=parsed_claim.end,
            text=text[parsed_claim.start : parsed_claim.end],
            prefix=text[max(0, parsed_claim.start - QUOTE_CONTEXT) : parsed_claim.start],
            suffix=text[parsed_claim.end : parsed_claim.end + QUOTE_CONTEXT],
            attribution=parsed_claim.attribution,
            hedges=json.dumps(list(parsed_claim.hedges)),
            reliability=source.reliability if source else "F",
        )
        session.add(claim)
        session.flush()
        session.add_all(
            ClaimThemeRow(
                claim_id=claim.id,
                theme_id=themes[assignment.key],
                is_primary=assignment.is_primary,
                origin=assignment.origin,
                why=assignment.why,
            )
            for assignment in parsed_claim.themes
            if assignment.key in themes
        )
        for mention in parsed_claim.mentions:
            entity_id = entities.get(mention.name) or _entity(session, mention.name, mention.kind)
            entities[mention.name] = entity_id
            surface = text[mention.start : mention.end]
            if surface != mention.name:
                _alias(session, entity_id, surface)
            session.add(
                MentionRow(
                    claim_id=claim.id, entity_id=entity_id, start=mention.start, end=mention.end
                )
            )
    session.flush()
    return document.id


def _source(session: Session, name: str) -> SourceRow:
    row = session.scalars(select(SourceRow).where(SourceRow.name == name)).first()
    if row is None:
        row = SourceRow(name=name, reliability="F")
        session.add(row)
        session.flush()
    return row


def _entity(session: Session, name: str, kind: str) -> int:
    row = session.scalars(select(EntityRow).where(EntityRow.name == name)).first()
    if row is None:
        row = EntityRow(name=name, kind=kind)
        session.add(row)
        session.flush()
    return row.id


def _alias(session: Session, entity_id: int, alias: str) -> None:
    if session.get(EntityAliasRow, (entity_id, alias)) is None:
        session.add(EntityAliasRow(entity_id=entity_id, alias=alias))
        session.flush()


def _info(session: Session, row: DocumentRow) -> DocumentInfo:
    count = session.scalar(select(func.count()).where(ClaimRow.document_id == row.id)) or 0
    return DocumentInfo(
        id=row.id,
        title=row.title,
        outlet=row.source.name if row.source else None,
        published=row.published,
        sha256=row.sha256,
        file_name=row.file_name,
        claim_count=count,
    )


def document_info(session: Session, document_id: int) -> DocumentInfo | None:
    """Return one document's summary, or None."""
    row = session.get(DocumentRow, document_id)
    return _info(session, row) if row else None


def documents(session: Session) -> list[DocumentInfo]:
    """Return every document in import order."""
    return [_info(session, row) for row in session.scalars(select(DocumentRow).order_by("id"))]


def document_text(session: Session, document_id: int) -> DocumentText | None:
    """Return a document with its text and paragraphs, or None."""
    row = session.get(DocumentRow, document_id)
    if row is None:
        return None
    paragraphs = session.scalars(
        select(ParagraphRow).where(ParagraphRow.document_id == document_id).order_by("idx")
    )
    return DocumentText(
        info=_info(session, row),
        text=row.text,
        paragraphs=tuple(Paragraph(p.index, p.start, p.end, p.kind) for p in paragraphs),
    )
