"""Use cases of notes and saved searches: what the analyst writes and keeps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing_app.domain.errors import NotFoundError, UsageError
from briefing_app.domain.library import Claim, Note, NoteEdit, NoteRevision, SavedSearch
from briefing_app.services.checks import checked_text, must_exist
from briefing_app.services.notes_mirror import NotesMirror
from briefing_app.store import claims, notes, saved_searches
from briefing_app.store.store import Store


class NoteUseCases:
    """Notes, their history, and saved searches (mixed into ``Library``)."""

    _store: Store
    mirror: NotesMirror
    analyst: str

    if TYPE_CHECKING:

        def claim(self, claim_id: int) -> Claim:
            """Return one claim (``Library``'s)."""

    # notes
    def notes(self, claim_id: int) -> list[Note]:
        """Return a claim's live notes."""
        return self._store.read(notes.notes_for, claim_id)

    def add_note(self, claim_id: int, body: str) -> Note:
        """Add a note to a claim; returns once it is durably committed."""
        if not body.strip():
            raise UsageError("A note needs some text.")
        text = checked_text(body)
        note = self._store.write(claims.on_claim, claim_id, notes.add_note, text, self.analyst)
        return self._mirrored(note)

    def update_note(self, note_id: int, body: str) -> Note:
        """Change a note's text (the old text is kept as a revision)."""
        changed = self._store.write(notes.update_note, note_id, checked_text(body), self.analyst)
        return self._mirrored(must_exist(changed, f"There is no note {note_id} in this library."))

    def save_note_edit(self, note_id: int, body: str, based_on: str) -> NoteEdit:
        """Save an editor's text over the note it loaded as ``based_on``.

        A colleague's save in between is not lost: it becomes the previous revision,
        and the result says what it was (see :func:`briefing_app.store.notes.edit_note`).
        """
        text = checked_text(body)
        edit = self._store.write(notes.edit_note, note_id, text, based_on, self.analyst)
        saved = must_exist(edit, f"There is no note {note_id} in this library.")
        return NoteEdit(self._mirrored(saved.note), saved.overtaken)

    def delete_note(self, note_id: int) -> Note:
        """Delete a note softly (it can be restored)."""
        return self._set_deleted(note_id, True)

    def restore_note(self, note_id: int) -> Note:
        """Bring back a deleted note."""
        return self._set_deleted(note_id, False)

    def _set_deleted(self, note_id: int, deleted: bool) -> Note:
        changed = self._store.write(notes.set_deleted, note_id, deleted)
        return self._mirrored(must_exist(changed, f"There is no note {note_id} in this library."))

    def restore_revision(self, note_id: int, revision_id: int) -> Note:
        """Make an earlier text the note's text again (the current one becomes a revision)."""
        revision = next((r for r in self.revisions(note_id) if r.id == revision_id), None)
        if revision is None:
            raise NotFoundError(f"Note {note_id} has no revision {revision_id}.")
        return self.update_note(note_id, revision.body)

    def note(self, note_id: int) -> Note:
        """Return one note, deleted or not."""
        found = self._store.read(notes.note, note_id)
        return must_exist(found, f"There is no note {note_id} in this library.")

    def _mirrored(self, note: Note) -> Note:
        if not self.mirror.enabled:
            return note
        self.mirror.write(self.claim(note.claim_id), self.notes(note.claim_id))
        return note

    def deleted_notes(self) -> list[Note]:
        """Return deleted notes, most recent first."""
        return self._store.read(notes.deleted_notes)

    def revisions(self, note_id: int) -> list[NoteRevision]:
        """Return a note's earlier texts, newest first."""
        return self._store.read(notes.revisions, note_id)

    def notes_for_many(self, claim_ids: list[int]) -> dict[int, list[Note]]:
        """Return the live notes of many claims."""
        return self._store.read(notes.notes_for_many, claim_ids)

    def note_page(self, claim_id: int, after: int | None, limit: int) -> list[Note]:
        """Return up to ``limit`` live notes of a claim after note ``after``, oldest first.

        For reading a claim with very many notes a page at a time (the export).
        """
        return self._store.read(notes.note_page, claim_id, after, limit)

    # saved searches
    def saved_searches(self) -> list[SavedSearch]:
        """Return the saved searches by name."""
        return self._store.read(saved_searches.saved_searches)

    def save_search(self, name: str, query: str) -> SavedSearch:
        """Save a query under a name (a search of that name gets the new query)."""
        if not name.strip():
            raise UsageError("A saved search needs a name.")
        return self._store.write(saved_searches.save, name.strip(), query)

    def rename_search(self, search_id: int, name: str) -> SavedSearch:
        """Rename a saved search."""
        if not name.strip():
            raise UsageError("A saved search needs a name.")
        return must_exist(
            self._store.write(saved_searches.rename, search_id, name.strip()),
            f"There is no saved search {search_id}.",
        )

    def delete_search(self, search_id: int) -> SavedSearch:
        """Delete a saved search; returns it, so that it can be saved again (undo)."""
        return must_exist(
            self._store.write(saved_searches.delete, search_id),
            f"There is no saved search {search_id}.",
        )
