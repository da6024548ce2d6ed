"""Analyst notes: create, change (keeping the old text), soft delete, restore."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefing_app.domain.library import Note, NoteRevision
from briefing_app.store.schema import NoteRevisionRow, NoteRow


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _note(row: NoteRow) -> Note:
    return Note(row.id, row.claim_id, row.body, row.created, row.updated, row.deleted)


def notes_for(session: Session, claim_id: int, *, deleted: bool = False) -> list[Note]:
    """Return a claim's notes, oldest first (only deleted ones if ``deleted``)."""
    query = select(NoteRow).where(NoteRow.claim_id == claim_id)
    query = query.where(NoteRow.deleted.is_not(None) if deleted else NoteRow.deleted.is_(None))
    return [_note(row) for row in session.scalars(query.order_by(NoteRow.id))]


def notes_for_many(session: Session, claim_ids: list[int]) -> dict[int, list[Note]]:
    """Return the live notes of many claims at once."""
    result: dict[int, list[Note]] = {}
    rows = session.scalars(
        select(NoteRow)
        .where(NoteRow.claim_id.in_(claim_ids), NoteRow.deleted.is_(None))
        .order_by(NoteRow.id)
    )
    for row in rows:
        result.setdefault(row.claim_id, []).append(_note(row))
    return result


def deleted_notes(session: Session) -> list[Note]:
    """Return every soft-deleted note, most recently deleted first."""
    rows = session.scalars(
        select(NoteRow).where(NoteRow.deleted.is_not(None)).order_by(NoteRow.deleted.desc())
    )
    return [_note(row) for row in rows]


def add_note(session: Session, claim_id: int, body: str) -> Note:
    """Create a note on a claim."""
    now = _now()
    row = NoteRow(claim_id=claim_id, body=body, created=now, updated=now, deleted=None)
    session.add(row)
    session.flush()
    return _note(row)


def get_note(session: Session, note_id: int) -> Note | None:
    """Return a note by id, deleted or not."""
    row = session.get(NoteRow, note_id)
    return _note(row) if row else None


def update_note(session: Session, note_id: int, body: str) -> Note | None:
    """Change a note's text, keeping the previous text as a revision."""
    row = session.get(NoteRow, note_id)
    if row is None:
        return None
    if row.body != body:
        session.add(NoteRevisionRow(note_id=row.id, body=row.body, saved=row.updated))
        row.body, row.updated = body, _now()
        session.flush()
    return _note(row)


def set_deleted(session: Session, note_id: int, deleted: bool) -> Note | None:
    """Soft-delete a note, or bring a deleted one back."""
    row = session.get(NoteRow, note_id)
    if row is None:
        return None
    row.deleted = _now() if deleted else None
    session.flush()
    return _note(row)


def revisions(session: Session, note_id: int) -> list[NoteRevision]:
    """Return a note's earlier texts, newest first."""
    rows = session.scalars(
        select(NoteRevisionRow)
        .where(NoteRevisionRow.note_id == note_id)
        .order_by(NoteRevisionRow.id.desc())
    )
    return [NoteRevision(r.id, r.note_id, r.body, r.saved) for r in rows]
