"""Analyst notes: create, change (keeping the old text), soft delete, restore."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from briefing_app.domain.library import Note
from briefing_app.store.schema import NoteRevisionRow, NoteRow


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _note(row: NoteRow) -> Note:
    return Note(row.id, row.claim_id, row.body, row.created, row.updated, row.deleted)





def add_note(session: Session, claim_id: int, body: str) -> Note:
    """Create a note on a claim."""
    now = _now()
    row = NoteRow(claim_id=claim_id, body=body, created=now, updated=now, deleted=None)
    session.add(row)
    session.flush()
    return _note(row)



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
