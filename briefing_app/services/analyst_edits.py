"""Use cases of the analyst's edits: filing, grading and correcting claims."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from briefing_app.domain.corrections import Correction, Snapshot
from briefing_app.domain.credibility import check_credibility, check_reliability
from briefing_app.domain.errors import UsageError
from briefing_app.domain.library import ClaimChange, ClaimTheme, Note
from briefing_app.services.checks import checked_text
from briefing_app.services.notes_mirror import NotesMirror
from briefing_app.store import claims, corrections, grading, history, notes, themes
from briefing_app.store.backend import Connection
from briefing_app.store.store import Store


class AnalystEditUseCases:
    """Filing, grading and correcting claims (mixed into ``Library``)."""

    _store: Store
    mirror: NotesMirror
    analyst: str

    if TYPE_CHECKING:

        def _mirrored(self, note: Note) -> Note:
            """Write the note's claim to the notes mirror (``NoteUseCases``')."""

    # analyst choices
    def file_under(self, claim_id: int, theme_key: str, *, primary: bool = True) -> None:
        """File a claim under a theme as the analyst's choice."""
        entry = self._entry("filed", f"under {theme_key}" + (" (primary)" if primary else ""))
        self._recorded(
            claim_id, entry, themes.file_under, theme_key, primary=primary, why="analyst"
        )

    def move_to_theme(self, claim_id: int, theme_key: str) -> None:
        """Make a theme the claim's only theme, as the analyst's choice."""
        entry = self._entry("moved", f"to {theme_key}")
        self._recorded(claim_id, entry, themes.move_to, theme_key, why="analyst")

    def unfile(self, claim_id: int, theme_key: str) -> None:
        """Remove a claim from a theme."""
        entry = self._entry("unfiled", f"from {theme_key}")
        self._recorded(claim_id, entry, themes.unfile, theme_key)

    def restore_filings(self, claim_id: int, filings: Sequence[ClaimTheme]) -> None:
        """Put back a claim's earlier filings (undo)."""
        keys = ", ".join(f.key for f in filings) or "none"
        entry = self._entry("filings restored", f"to {keys}")
        self._recorded(claim_id, entry, themes.restore_filings, filings)

    def claim_history(self, claim_id: int) -> list[ClaimChange]:
        """Return who changed a claim's filing or grading, and how, newest first."""
        return self._store.read(history.claim_history, claim_id)

    def _entry(self, action: str, detail: str) -> history.Entry:
        return history.Entry(action, detail, self.analyst)

    def _recorded(
        self,
        claim_id: int,
        entry: history.Entry,
        change: Callable[..., None],
        *args: Any,
        **kw: Any,
    ) -> None:
        """Run an analyst's change of a claim and record it in its history, in one transaction."""

        def run(connection: Connection) -> None:
            claims.on_claim(connection, claim_id, change, *args, **kw)
            history.record(connection, claim_id, entry)

        self._store.write(run)

    def set_grading(self, claim_id: int, reliability: str, credibility: int) -> None:
        """Grade a claim on the Admiralty scale."""
        try:
            grade, cred = check_reliability(reliability), check_credibility(credibility)
        except ValueError as error:
            raise UsageError(str(error)) from error
        entry = self._entry("graded", f"reliability {grade}, credibility {cred}")
        self._recorded(claim_id, entry, grading.set_grading, grade, cred)

    def override_reliability(self, claim_id: int, reliability: str | None) -> None:
        """Grade one claim's reliability on its own (None: its source's grade applies)."""
        try:
            grade = None if reliability is None else check_reliability(reliability)
        except ValueError as error:
            raise UsageError(str(error)) from error
        detail = f"reliability {grade} for this claim" if grade else "reliability of its source"
        entry = self._entry("graded", detail)
        self._recorded(claim_id, entry, grading.override_reliability, grade)

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
        note = self._store.write(
            notes.add_passage_note, document_id, start, end, text, self.analyst
        )
        return self._mirrored(note)
