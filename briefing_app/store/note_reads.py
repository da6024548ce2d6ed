"""Reading notes and their earlier texts with plain SQL."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime

from briefing_app.domain.library import Note, NoteRevision

_NOTE = "SELECT id, claim_id, body, created, updated, deleted FROM notes"


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _note(row: tuple[int, int, str, str, str, str | None]) -> Note:
    note_id, claim_id, body, created, updated, deleted = row
    return Note(
        note_id,
        claim_id,
        body,
        datetime.fromisoformat(created),
        datetime.fromisoformat(updated),
        _time(deleted),
    )


def notes_for(connection: sqlite3.Connection, claim_id: int) -> list[Note]:
    """Return a claim's live notes, oldest first."""
    sql = f"{_NOTE} WHERE claim_id = ? AND deleted IS NULL ORDER BY id"
    return [_note(row) for row in connection.execute(sql, (claim_id,))]


def notes_for_many(
    connection: sqlite3.Connection, claim_ids: Sequence[int]
) -> dict[int, list[Note]]:
    """Return the live notes of many claims at once, by claim id."""
    sql = (
        f"{_NOTE} WHERE claim_id IN (SELECT value FROM json_each(?)) AND deleted IS NULL"
        " ORDER BY id"
    )
    found: dict[int, list[Note]] = {}
    for row in connection.execute(sql, (json.dumps([int(i) for i in claim_ids]),)):
        note = _note(row)
        found.setdefault(note.claim_id, []).append(note)
    return found


def note_page(
    connection: sqlite3.Connection, claim_id: int, after: int | None, limit: int
) -> list[Note]:
    """Return up to ``limit`` live notes of a claim after note ``after``, oldest first."""
    sql = f"{_NOTE} WHERE claim_id = ? AND deleted IS NULL AND id > ? ORDER BY id LIMIT ?"
    return [_note(row) for row in connection.execute(sql, (claim_id, after or 0, limit))]


def deleted_notes(connection: sqlite3.Connection) -> list[Note]:
    """Return every soft-deleted note, most recently deleted first."""
    sql = f"{_NOTE} WHERE deleted IS NOT NULL ORDER BY deleted DESC, id DESC"
    return [_note(row) for row in connection.execute(sql)]


def note(connection: sqlite3.Connection, note_id: int) -> Note | None:
    """Return a note by id, deleted or not."""
    row = connection.execute(f"{_NOTE} WHERE id = ?", (note_id,)).fetchone()
    return _note(row) if row else None


def revisions(connection: sqlite3.Connection, note_id: int) -> list[NoteRevision]:
    """Return a note's earlier texts, newest first."""
    sql = "SELECT id, note_id, body, saved FROM note_revisions WHERE note_id = ? ORDER BY id DESC"
    return [
        NoteRevision(i, n, body, datetime.fromisoformat(saved))
        for i, n, body, saved in connection.execute(sql, (note_id,))
    ]
