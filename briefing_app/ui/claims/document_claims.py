"""The claims of one document, read once through the Library (for clicks in the article)."""

from __future__ import annotations

from briefing_app.domain.library import Claim, ClaimFilter
from briefing_app.services.library import Library


class DocumentClaims:
    """Caches each document's claims until ``invalidate`` (after an import or an edit)."""

    def __init__(self, library: Library) -> None:
        self._library = library
        self._documents: dict[int, list[Claim]] = {}

    def invalidate(self) -> None:
        """Forget what was read: claims were added or changed."""
        self._documents.clear()

    def claims_of(self, document_id: int) -> list[Claim]:
        """Return the claims of ``document_id`` in text order."""
        if document_id not in self._documents:
            ids = self._library.claim_ids(ClaimFilter(document_id=document_id))
            self._documents[document_id] = self._library.claims(ids)
        return self._documents[document_id]

    def claim_at(self, document_id: int, offset: int) -> Claim | None:
        """Return the claim of ``document_id`` whose text covers code point ``offset``."""
        return next((c for c in self.claims_of(document_id) if c.start <= offset < c.end), None)
