"""What an analyst's correction of claims changed, kept so that undo can put it back."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The rows of some claims as they were: claims, filings, mentions and note owners.

    The rows are the store's, kept whole and opaque: only the store reads them.
    """

    claim_ids: tuple[int, ...]
    claims: tuple[tuple[object, ...], ...]
    filings: tuple[tuple[object, ...], ...]
    mentions: tuple[tuple[object, ...], ...]
    notes: tuple[tuple[int, int], ...]  # (note id, claim id)
    dismissed: tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class Correction:
    """A correction done: the claims as they were, and the claims it made (undo deletes them)."""

    before: Snapshot
    made: tuple[int, ...] = ()
    # The claim to show after it (the merged claim, the first part of a split, a new claim).
    claim_id: int | None = None
