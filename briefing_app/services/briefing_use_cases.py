"""Use cases of the Briefings list: documents a page at a time, unread marks, their details."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing_app.domain.library import Claim, ClaimFilter, DocumentEdit, DocumentListing, Note
from briefing_app.services.checks import must_exist
from briefing_app.services.document_details import checked_details
from briefing_app.services.notes_mirror import NotesMirror
from briefing_app.store import documents
from briefing_app.store.store import Store


class BriefingUseCases:
    """The Briefings list and each briefing's details (mixed into ``Library``)."""

    _store: Store
    mirror: NotesMirror

    if TYPE_CHECKING:

        def claim_ids(self, claim_filter: ClaimFilter | None = None) -> list[int]:
            """Return the ids of a view's claims (``Library``'s)."""

        def claims(self, ids: Sequence[int]) -> list[Claim]:
            """Return these claims (``Library``'s)."""

        def notes(self, claim_id: int) -> list[Note]:
            """Return a claim's live notes (``NoteUseCases``')."""

    # briefings
    def document_page(
        self, order: str, text: str, after: int | None, limit: int
    ) -> list[DocumentListing]:
        """Return the next ``limit`` rows of the Briefings list after document ``after``.

        ``order`` is ``NEWEST_FIRST`` or ``BY_OUTLET``; ``text`` keeps the documents
        whose title or outlet holds its words. None: from the start.
        """
        return self._store.read(documents.document_page, order, text, after, limit)

    def document_listings(self, document_ids: Sequence[int]) -> list[DocumentListing]:
        """Return these documents as rows of the Briefings list, in the order given."""
        return self._store.read(documents.document_listings, document_ids)

    def document_count(self) -> int:
        """Return how many documents the library holds."""
        return self._store.read(documents.document_count)

    def mark_opened(self, document_id: int) -> bool:
        """Record that a document's claims were shown; True the first time (it was unread)."""
        return self._store.write(documents.mark_opened, document_id)

    # details
    def document_details(self, document_id: int) -> DocumentEdit:
        """Return a document's details: title, outlet, date, author, URL, language."""
        found = self._store.read(documents.document_details, document_id)
        return must_exist(found, f"There is no document {document_id} in this library.")

    def outlet_names(self) -> list[str]:
        """Return the outlets the library's documents come from, A to Z."""
        return self._store.read(documents.outlet_names)

    def check_document_edit(self, document_id: int, edit: DocumentEdit) -> DocumentEdit:
        """Return the details as ``edit_document`` would store them; nothing is written.

        Raises:
            DetailsError: a detail cannot be stored (its ``field`` says which).
            NotFoundError: there is no such document.
        """
        return checked_details(edit, self.document_details(document_id))

    def edit_document(self, document_id: int, edit: DocumentEdit) -> DocumentEdit:
        """Store the analyst's details of a document; return the details it had (for undo).

        Re-importing the same file leaves the document as it is, edits included.
        Raises DetailsError for a bad detail, and then nothing changes.
        """
        before = self._store.write(
            documents.set_document_details,
            document_id,
            self.check_document_edit(document_id, edit),
        )
        self._mirror_document(document_id)
        return before

    def restore_document_details(self, document_id: int, details: DocumentEdit) -> None:
        """Put back details a document had (undo, redo): stored as they were, not checked."""
        self._store.write(documents.set_document_details, document_id, details)
        self._mirror_document(document_id)

    def _mirror_document(self, document_id: int) -> None:
        """Rewrite the notes mirror of the document's annotated claims (it names the title)."""
        if not self.mirror.enabled:
            return
        ids = self.claim_ids(ClaimFilter(document_id=document_id, with_notes=True))
        for claim in self.claims(ids):
            self.mirror.write(claim, self.notes(claim.id))
