"""Use cases of the Briefings list: documents a page at a time, unread marks."""

from __future__ import annotations

from collections.abc import Sequence

from briefing_app.domain.library import DocumentListing
from briefing_app.services.notes_mirror import NotesMirror
from briefing_app.store import documents
from briefing_app.store.store import Store


class BriefingUseCases:
    """The Briefings list (mixed into ``Library``)."""

    _store: Store
    mirror: NotesMirror

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
