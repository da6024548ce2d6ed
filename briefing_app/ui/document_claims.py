"""Finding the claims of one document through the Library (for clicks in the article).

``Library.claim_ids()`` lists every claim ordered by document, then position;
the claims of one document are a contiguous run of that list, found by
bisection with a handful of one-claim reads instead of loading every claim.
"""

from __future__ import annotations

from briefing_app.domain.library import Claim
from briefing_app.services.library import Library


class DocumentClaims:
    """Caches each document's claims until ``invalidate`` (after an import)."""

    def __init__(self, library: Library) -> None:
        self._library = library
        self._all_ids: list[int] | None = None
        self._documents: dict[int, list[Claim]] = {}
        self._probes: dict[int, int] = {}

    def invalidate(self) -> None:
        """Forget what was read: claims were added or removed."""
        self._all_ids = None
        self._documents.clear()
        self._probes.clear()

    def claims_of(self, document_id: int) -> list[Claim]:
        """Return the claims of ``document_id`` in text order."""
        if document_id not in self._documents:
            ids = self._ids()
            first = self._first_at_or_after(ids, document_id)
            end = self._first_at_or_after(ids, document_id + 1)
            self._documents[document_id] = self._library.claims(ids[first:end])
        return self._documents[document_id]

    def claim_at(self, document_id: int, offset: int) -> Claim | None:
        """Return the claim of ``document_id`` whose text covers code point ``offset``."""
        return next(
            (c for c in self.claims_of(document_id) if c.start <= offset < c.end), None
        )

    def _ids(self) -> list[int]:
        if self._all_ids is None:
            self._all_ids = self._library.claim_ids()
        return self._all_ids

    def _document_of(self, claim_id: int) -> int:
        if claim_id not in self._probes:
            self._probes[claim_id] = self._library.claim(claim_id).document_id
        return self._probes[claim_id]

    def _first_at_or_after(self, ids: list[int], document_id: int) -> int:
        low, high = 0, len(ids)
        while low < high:
            middle = (low + high) // 2
            if self._document_of(ids[middle]) < document_id:
                low = middle + 1
            else:
                high = middle
        return low
