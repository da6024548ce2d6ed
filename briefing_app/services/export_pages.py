"""Reading the library for an export a page at a time, so memory stays flat.

Claims are read in pages of ids (keyset paging, in document order) and their
notes in reads of at most about ``NOTES_PER_READ`` notes: several claims' notes
at once, or a page of one claim's notes when it has more than that. An export
so holds one page of claims and one read of notes at a time, whatever the size
of the library or of one claim's notes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from briefing_app.domain.library import Claim, ClaimFilter, Note
from briefing_app.services.library import Library

CLAIMS_PER_PAGE = 200
NOTES_PER_READ = 200


def claim_pages(library: Library, claim_filter: ClaimFilter) -> Iterator[list[Claim]]:
    """Yield the claims that pass the filter, a page at a time, in document order."""
    after: int | None = None
    while True:
        ids = list(library.claim_id_page(claim_filter, after, CLAIMS_PER_PAGE))
        if not ids:
            return
        yield library.claims(ids)
        after = ids[-1]


def id_pages(library: Library, ids: Sequence[int]) -> Iterator[list[Claim]]:
    """Yield the claims with these ids, a page at a time, in the order given."""
    for start in range(0, len(ids), CLAIMS_PER_PAGE):
        yield library.claims(ids[start : start + CLAIMS_PER_PAGE])


def _note_batches(claims: list[Claim]) -> Iterator[list[Claim]]:
    """Split a page of claims into runs whose notes add up to at most NOTES_PER_READ.

    A claim with more notes than that makes a run of its own.
    """
    batch: list[Claim] = []
    notes = 0
    for claim in claims:
        if batch and notes + claim.note_count > NOTES_PER_READ:
            yield batch
            batch, notes = [], 0
        batch.append(claim)
        notes += claim.note_count
    if batch:
        yield batch


def paged_notes(library: Library, claim_id: int) -> Iterator[Note]:
    """Yield a claim's live notes, oldest first, read NOTES_PER_READ at a time."""
    after: int | None = None
    while True:
        page = library.note_page(claim_id, after, NOTES_PER_READ)
        yield from page
        if len(page) < NOTES_PER_READ:
            return
        after = page[-1].id


def claims_with_notes(
    library: Library, claim_filter: ClaimFilter | None = None
) -> Iterator[tuple[Claim, Iterable[Note]]]:
    """Yield each claim that passes the filter with its live notes, in document order.

    The notes are a list, or an iterator (for a claim with many notes) that
    must be used before asking for the next claim.
    """
    return with_notes(library, claim_pages(library, claim_filter or ClaimFilter()))


def with_notes(
    library: Library, pages: Iterable[list[Claim]]
) -> Iterator[tuple[Claim, Iterable[Note]]]:
    """Yield each claim of these pages with its live notes, in the order of the pages.

    The notes are a list, or an iterator (for a claim with many notes) that
    must be used before asking for the next claim.
    """
    for page in pages:
        for batch in _note_batches(page):
            if len(batch) == 1 and batch[0].note_count > NOTES_PER_READ:
                yield batch[0], paged_notes(library, batch[0].id)
                continue
            noted = [claim.id for claim in batch if claim.note_count]
            notes = library.notes_for_many(noted) if noted else {}
            for claim in batch:
                yield claim, notes.get(claim.id, [])
