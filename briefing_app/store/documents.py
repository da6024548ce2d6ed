"""Writing a parsed document into the library and reading documents back."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import func, insert, select
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
    """Insert a parsed document with its claims, filings and mentions; return its id.

    Rows go in with one multi-row statement per table: an import writes
    thousands of rows, and the ORM's unit of work would triple its time.
    """
    source = _source(session, parsed.outlet) if parsed.outlet else None
    document_id = session.execute(
        insert(DocumentRow).returning(DocumentRow.id),
        {
            "source_id": source.id if source else None,
            "title": parsed.title,
            "byline": parsed.byline,
            "published": parsed.published,
            "file_name": parsed.file_name,
            "sha256": parsed.sha256,
            "encoding": parsed.encoding,
            "text": parsed.text,
            "imported": datetime.now(UTC).replace(tzinfo=None),
        },
    ).scalar_one()
    session.execute(
        insert(ParagraphRow),
        [
            {
                "document_id": document_id,
                "index": p.index,
                "start": p.start,
                "end": p.end,
                "kind": p.kind,
            }
            for p in parsed.paragraphs
        ],
    )
    first_id = (session.scalar(select(func.max(ClaimRow.id))) or 0) + 1
    claim_ids = list(range(first_id, first_id + len(parsed.claims)))
    _insert_claims(session, parsed, document_id, claim_ids, source.reliability if source else "F")
    _insert_filings(session, parsed, claim_ids)
    _insert_mentions(session, parsed, claim_ids)
    return document_id


def _insert_claims(
    session: Session, parsed: ParsedDocument, document_id: int, ids: list[int], grade: str
) -> None:
    text = parsed.text
    session.execute(
        insert(ClaimRow),
        [
            {
                "id": claim_id,
                "document_id": document_id,
                "paragraph": c.paragraph,
                "sentence": c.sentence,
                "start": c.start,
                "end": c.end,
                "text": text[c.start : c.end],
                "prefix": text[max(0, c.start - QUOTE_CONTEXT) : c.start],
                "suffix": text[c.end : c.end + QUOTE_CONTEXT],
                "attribution": c.attribution,
                "hedges": json.dumps(list(c.hedges)),
                "reliability": grade,
                "credibility": 6,
            }
            for claim_id, c in zip(ids, parsed.claims, strict=True)
        ],
    )


def _insert_filings(session: Session, parsed: ParsedDocument, ids: list[int]) -> None:
    themes = {key: theme_id for key, theme_id in session.execute(select(ThemeRow.key, ThemeRow.id))}
    rows = [
        {
            "claim_id": claim_id,
            "theme_id": themes[t.key],
            "is_primary": t.is_primary,
            "origin": t.origin,
            "why": t.why,
        }
        for claim_id, c in zip(ids, parsed.claims, strict=True)
        for t in c.themes
        if t.key in themes
    ]
    if rows:
        session.execute(insert(ClaimThemeRow), rows)


def _insert_mentions(session: Session, parsed: ParsedDocument, ids: list[int]) -> None:
    mentions = [(i, m) for i, c in zip(ids, parsed.claims, strict=True) for m in c.mentions]
    if not mentions:
        return
    kinds = {m.name: m.kind for _, m in mentions}
    known = {
        name: entity_id
        for name, entity_id in session.execute(
            select(EntityRow.name, EntityRow.id).where(EntityRow.name.in_(kinds))
        )
    }
    missing = [{"name": n, "kind": k} for n, k in kinds.items() if n not in known]
    if missing:
        for entity_id, name in session.execute(
            insert(EntityRow).returning(EntityRow.id, EntityRow.name), missing
        ):
            known[name] = entity_id
    text = parsed.text
    aliases = {(known[m.name], text[m.start : m.end]) for _, m in mentions}
    aliases = {(e, a) for e, a in aliases if a and a != _name_of(known, e)}
    present = set(
        session.execute(
            select(EntityAliasRow.entity_id, EntityAliasRow.alias).where(
                EntityAliasRow.entity_id.in_({e for e, _ in aliases})
            )
        ).all()
    )
    new_aliases = [
        {"entity_id": e, "alias": a} for e, a in sorted(aliases) if (e, a) not in present
    ]
    if new_aliases:
        session.execute(insert(EntityAliasRow), new_aliases)
    session.execute(
        insert(MentionRow),
        [
            {"claim_id": i, "entity_id": known[m.name], "start": m.start, "end": m.end}
            for i, m in mentions
        ],
    )


def _name_of(known: dict[str, int], entity_id: int) -> str:
    return next(name for name, known_id in known.items() if known_id == entity_id)


def _source(session: Session, name: str) -> SourceRow:
    row = session.scalars(select(SourceRow).where(SourceRow.name == name)).first()
    if row is None:
        row = SourceRow(name=name, reliability="F")
        session.add(row)
        session.flush()
    return row


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
