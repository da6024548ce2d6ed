"""Analyst notes and their earlier texts: reads and writes, in plain SQL.

Writes run inside the caller's transaction; a change keeps the previous text
as a revision and deleting is soft, so no text an analyst wrote is ever gone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from briefing_app.domain.library import Note, NoteEdit, NoteRevision
from briefing_app.store.backend import Connection, dialect_of
from briefing_app.store.corrections import claim_from_passage
from briefing_app.store.sql import as_time, live_note, now, parse_stamp, stamp

_NOTE = "SELECT id, claim_id, body, created, updated, deleted, analyst FROM notes"


Stored = str | datetime  # a time as SQLite (text) or PostgreSQL (datetime) gives it


def _note(row: tuple[int, int, str, Stored, Stored, Stored | None, str | None]) -> Note:
    note_id, claim_id, body, created, updated, deleted, analyst = row
    return Note(
        note_id,
        claim_id,
        body,
        as_time(created),
        as_time(updated),
        parse_stamp(deleted),
        analyst,
    )


# reads


def notes_for(connection: Connection, claim_id: int) -> list[Note]:
    """Return a claim's live notes, oldest first."""
    sql = f"{_NOTE} WHERE claim_id = ? AND {live_note()} ORDER BY id"
    return [_note(row) for row in connection.execute(sql, (claim_id,))]


def notes_for_many(connection: Connection, claim_ids: Sequence[int]) -> dict[int, list[Note]]:
    """Return the live notes of many claims at once, by claim id."""
    dialect = dialect_of(connection)
    sql = f"{_NOTE} WHERE claim_id {dialect.in_list} AND {live_note()} ORDER BY id"
    found: dict[int, list[Note]] = {}
    for row in connection.execute(sql, (dialect.values(claim_ids),)):
        note = _note(row)
        found.setdefault(note.claim_id, []).append(note)
    return found


def note_page(connection: Connection, claim_id: int, after: int | None, limit: int) -> list[Note]:
    """Return up to ``limit`` live notes of a claim after note ``after``, oldest first."""
    sql = f"{_NOTE} WHERE claim_id = ? AND {live_note()} AND id > ? ORDER BY id LIMIT ?"
    return [_note(row) for row in connection.execute(sql, (claim_id, after or 0, limit))]


def deleted_notes(connection: Connection) -> list[Note]:
    """Return every soft-deleted note, most recently deleted first."""
    sql = f"{_NOTE} WHERE NOT {live_note()} ORDER BY deleted DESC, id DESC"
    return [_note(row) for row in connection.execute(sql)]


def note(connection: Connection, note_id: int, *, locked: bool = False) -> Note | None:
    """Return a note by id, deleted or not; ``locked``: no other writer changes it meanwhile."""
    lock = dialect_of(connection).for_update if locked else ""
    row = connection.execute(f"{_NOTE} WHERE id = ?{lock}", (note_id,)).fetchone()
    return _note(row) if row else None


def revisions(connection: Connection, note_id: int) -> list[NoteRevision]:
    """Return a note's earlier texts, newest first."""
    sql = (
        "SELECT id, note_id, body, saved, analyst FROM note_revisions"
        " WHERE note_id = ? ORDER BY id DESC"
    )
    return [
        NoteRevision(i, n, body, as_time(saved), analyst)
        for i, n, body, saved, analyst in connection.execute(sql, (note_id,))
    ]


def live_note_counts(connection: Connection, claim_ids: Sequence[int]) -> dict[int, int]:
    """Return claim id -> number of live notes, for the claims that have any."""
    dialect = dialect_of(connection)
    sql = f"SELECT claim_id, count(*) FROM notes WHERE claim_id {dialect.in_list} AND {live_note()}"
    return dict(connection.execute(f"{sql} GROUP BY claim_id", (dialect.values(claim_ids),)))


# writes


def add_note(connection: Connection, claim_id: int, body: str, analyst: str) -> Note:
    """Create a note on a claim, written by ``analyst``."""
    moment = stamp(now())
    note_id = dialect_of(connection).inserted_id(
        connection,
        "INSERT INTO notes (claim_id, body, created, updated, deleted, analyst)"
        " VALUES (?, ?, ?, ?, NULL, ?)",
        (claim_id, body, moment, moment, analyst),
    )
    found = note(connection, note_id)
    assert found is not None
    return found


def add_passage_note(
    connection: Connection, document_id: int, start: int, end: int, body: str, analyst: str
) -> Note:
    """Attach a note to a passage of a document (its span is kept on the note).

    The note goes on the claim that holds the passage; a passage outside every
    claim first becomes a claim of its own.
    """
    row = connection.execute(
        'SELECT id FROM claims WHERE document_id = ? AND start <= ? AND "end" >= ?'
        " ORDER BY start LIMIT 1",
        (document_id, start, end),
    ).fetchone()
    claim_id = int(row[0]) if row else claim_from_passage(connection, document_id, start, end)
    created = add_note(connection, claim_id, body, analyst)
    connection.execute(
        "UPDATE notes SET anchor_start = ?, anchor_end = ? WHERE id = ?", (start, end, created.id)
    )
    return created


def update_note(connection: Connection, note_id: int, body: str, analyst: str) -> Note | None:
    """Change a note's text (now ``analyst``'s), keeping the previous text as a revision.

    The note is read locked, so two analysts saving it at once each keep the other's
    text: the second save waits for the first, and keeps its text as a revision.
    """
    current = note(connection, note_id, locked=True)
    if current is None or current.body == body:
        return current
    connection.execute(
        "INSERT INTO note_revisions (note_id, body, saved, analyst) VALUES (?, ?, ?, ?)",
        (note_id, current.body, stamp(current.updated), current.analyst),
    )
    connection.execute(
        "UPDATE notes SET body = ?, updated = ?, analyst = ? WHERE id = ?",
        (body, stamp(now()), analyst, note_id),
    )
    return note(connection, note_id)


def edit_note(
    connection: Connection, note_id: int, body: str, based_on: str, analyst: str
) -> NoteEdit | None:
    """Save an editor's text over the note it loaded as ``based_on`` (an optimistic check).

    If someone saved the note meanwhile (it no longer holds ``based_on``), the save
    still goes through, as a new revision on top of theirs: their text is the
    previous revision, and the result names it so that the editor's author is told.
    """
    current = note(connection, note_id, locked=True)
    if current is None:
        return None
    overtaken = current.body if current.body not in (based_on, body) else None
    saved = update_note(connection, note_id, body, analyst)
    assert saved is not None
    return NoteEdit(saved, overtaken)


def set_deleted(connection: Connection, note_id: int, deleted: bool) -> Note | None:
    """Soft-delete a note, or bring a deleted one back."""
    connection.execute(
        "UPDATE notes SET deleted = ? WHERE id = ?",
        (stamp(now()) if deleted else None, note_id),
    )
    return note(connection, note_id)
