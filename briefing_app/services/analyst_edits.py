"""Use cases of the analyst's edits: filing, grading and correcting claims."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing_app.domain.corrections import Correction, Snapshot
from briefing_app.domain.credibility import check_credibility, check_reliability
from briefing_app.domain.errors import UsageError
from briefing_app.domain.library import ClaimTheme, Note
from briefing_app.services.checks import checked_text
from briefing_app.services.notes_mirror import NotesMirror
from briefing_app.store import claims, corrections, grading, notes, themes
from briefing_app.store.store import Store


class AnalystEditUseCases:
    """Filing, grading and correcting claims (mixed into ``Library``)."""

    _store: Store
    mirror: NotesMirror

    if TYPE_CHECKING:

        def _mirrored(self, note: Note) -> Note:
            """Write the note's claim to the notes mirror (``NoteUseCases``')."""

    # analyst choices
    def file_under(self, claim_id: int, theme_key: str, *, primary: bool = True) -> None:
        """File a claim under a theme as the analyst's choice."""
        self._store.write(
            claims.on_claim, claim_id, themes.file_under, theme_key, primary=primary, why="analyst"
        )

    def move_to_theme(self, claim_id: int, theme_key: str) -> None:
        """Make a theme the claim's only theme, as the analyst's choice."""
        self._store.write(claims.on_claim, claim_id, themes.move_to, theme_key, why="analyst")

    def unfile(self, claim_id: int, theme_key: str) -> None:
        """Remove a claim from a theme."""
        self._store.write(themes.unfile, claim_id, theme_key)

    def restore_filings(self, claim_id: int, filings: Sequence[ClaimTheme]) -> None:
        """Put back a claim's earlier filings (undo)."""
        self._store.write(themes.restore_filings, claim_id, filings)

    def set_grading(self, claim_id: int, reliability: str, credibility: int) -> None:
        """Grade a claim on the Admiralty scale."""
        try:
            grade, cred = check_reliability(reliability), check_credibility(credibility)
        except ValueError as error:
            raise UsageError(str(error)) from error
        self._store.write(claims.on_claim, claim_id, grading.set_grading, grade, cred)

    def override_reliability(self, claim_id: int, reliability: str | None) -> None:
        """Grade one claim's reliability on its own (None: its source's grade applies)."""
        try:
            grade = None if reliability is None else check_reliability(reliability)
        except ValueError as error:
            raise UsageError(str(error)) from error
        self._store.write(grading.override_reliability, claim_id, grade)

    # corrections (each returns what undo needs)
    def dismiss_claim(self, claim_id: int, dismissed: bool = True) -> Correction:
        """Mark a claim "not a claim" (it leaves the claim views), or show it again."""
        before = self._store.write(corrections.dismiss, claim_id, dismissed)
        return Correction(before, claim_id=claim_id)

    def split_claim(self, claim_id: int, at: int) -> Correction:
        """Cut a claim in two at document offset ``at`` (notes stay on the first part)."""
        made, before = self._store.write(corrections.split, claim_id, at)
        return Correction(before, (made,), claim_id)

    def merge_with_next(self, claim_id: int) -> Correction:
        """Join a claim with the next one of its document (both claims' notes are kept)."""
        _gone, before = self._store.write(corrections.merge_with_next, claim_id)
        return Correction(before, (), claim_id)

    def claim_from_passage(self, document_id: int, start: int, end: int) -> Correction:
        """Make a claim of a passage selected in the article."""
        made = self._store.write(corrections.claim_from_passage, document_id, start, end)
        return Correction(Snapshot((), (), (), (), (), ()), (made,), made)

    def undo_correction(self, correction: Correction) -> None:
        """Put back what a correction changed, exactly (ids, filings, mentions, notes)."""
        self._store.write(corrections.restore, correction.before, correction.made)

    def note_on_passage(self, document_id: int, start: int, end: int, body: str) -> Note:
        """Attach a note to a passage: on the claim holding it, else on a claim made of it."""
        text = checked_text(body)
        if not text.strip():
            raise UsageError("A note needs some text.")
        note = self._store.write(notes.add_passage_note, document_id, start, end, text)
        return self._mirrored(note)
