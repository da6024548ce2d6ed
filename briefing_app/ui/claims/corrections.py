"""Undoable corrections of claims: not a claim, merge, split, a claim or a note from a passage.

Each command reports the claim the list should show afterwards (the merged
claim, the first part, the new claim); a failure is reported once and the
command drops itself from the undo stack, so nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication, QUndoCommand
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from briefing_app.domain.corrections import Correction
from briefing_app.domain.errors import BriefingError
from briefing_app.domain.library import ClaimFilter, Note
from briefing_app.services.library import Library
from briefing_app.typing_compat import override
from briefing_app.ui.claims.citation import citation_mime

if TYPE_CHECKING:
    from briefing_app.ui.main_window import MainWindow

CorrectionChange = Callable[[Library], Correction]


@dataclass(frozen=True, slots=True)
class CorrectionListeners:
    """Where corrections report: done (the claim to show, or None), or failed (a message)."""

    changed: Callable[[int | None], None]
    failed: Callable[[str], None]


class CorrectionCommand(QUndoCommand):
    """Apply a correction; undo puts back exactly what it changed."""

    def __init__(
        self, library: Library, text: str, change: CorrectionChange, listeners: CorrectionListeners
    ) -> None:
        super().__init__(text)
        self._library, self._change, self._listeners = library, change, listeners
        self._correction: Correction | None = None

    @override
    def redo(self) -> None:
        """Make the correction."""
        try:
            self._correction = self._change(self._library)
        except BriefingError as error:
            self.setObsolete(True)
            self._listeners.failed(str(error))
            return
        self._listeners.changed(self._correction.claim_id)

    @override
    def undo(self) -> None:
        """Put the claims back as they were (a claim made from a passage goes)."""
        correction = self._correction
        if correction is None:
            return
        try:
            self._library.undo_correction(correction)
        except BriefingError as error:
            self._listeners.failed(str(error))
            return
        self._listeners.changed(correction.claim_id if correction.before.claim_ids else None)


class PassageNoteCommand(QUndoCommand):
    """Attach a note to a passage; undo deletes the note (softly: Deleted notes keeps it).

    A claim made to hold the note stays after an undo: notes keep their claims.
    """

    def __init__(
        self,
        library: Library,
        span: tuple[int, int, int],
        body: str,
        listeners: CorrectionListeners,
    ) -> None:
        super().__init__("note on passage")
        self._library, self._span, self._body, self._listeners = library, span, body, listeners
        self._note: Note | None = None

    @override
    def redo(self) -> None:
        """Write the note (the first time), or bring it back (after an undo)."""
        try:
            if self._note is None:
                self._note = self._library.note_on_passage(*self._span, self._body)
            else:
                self._library.restore_note(self._note.id)
        except BriefingError as error:
            self.setObsolete(True)
            self._listeners.failed(str(error))
            return
        self._listeners.changed(self._note.claim_id)

    @override
    def undo(self) -> None:
        """Delete the note."""
        if self._note is None:
            return
        try:
            self._library.delete_note(self._note.id)
        except BriefingError as error:
            self._listeners.failed(str(error))
            return
        self._listeners.changed(self._note.claim_id)


def ask_note_body(parent: QWidget) -> str | None:
    """Ask for a note's text (None: cancelled)."""
    body, ok = QInputDialog.getMultiLineText(parent, "Note on selection", "Note:")
    return body if ok else None


class CorrectionsController(QObject):
    """Pushes corrections of the current claim or the article's selection on the undo stack.

    It wires its own actions (Not a claim, This is a claim, Merge, Copy with
    citation), the claims list's context menu and the article's.
    """

    def __init__(self, library: Library, window: MainWindow) -> None:
        super().__init__(window)
        self._library, self._window = library, window
        self._undo_stack = window.undo_stack
        self._claims, self._article = window.claims, window.article
        self._warn = window.show_error
        self._listeners = CorrectionListeners(self._on_corrected, window.show_error)
        self._article.menu_extender = self._extend_article_menu
        a = window.action_map
        self._list_actions = [a[n] for n in ("not_a_claim", "this_is_a_claim", "merge_with_next")]
        window.filing.menu_actions = [*self._list_actions, a["copy_citation"]]
        a["not_a_claim"].triggered.connect(self.not_a_claim)
        a["this_is_a_claim"].triggered.connect(self.this_is_a_claim)
        a["merge_with_next"].triggered.connect(self.merge_with_next)
        a["copy_citation"].triggered.connect(self.copy_with_citation)
        window.navigator.filter_selected.connect(self._on_filter_selected)
        self._on_filter_selected(window.navigator.current_filter())

    def copy_with_citation(self) -> None:
        """Put the current claim on the clipboard as a quote with its source."""
        claim_id = self._claims.current_claim_id()
        if claim_id is None:
            return
        try:
            claim = self._library.claim(claim_id)
        except BriefingError as error:
            self._warn(str(error))
            return
        QGuiApplication.clipboard().setMimeData(citation_mime(claim))
        self._window.show_status("Claim copied with its citation.")

    def _on_filter_selected(self, claim_filter: ClaimFilter) -> None:
        dismissed = claim_filter.dismissed
        not_a_claim, this_is_a_claim, merge = self._list_actions
        not_a_claim.setEnabled(not dismissed)
        merge.setEnabled(not dismissed)
        this_is_a_claim.setEnabled(dismissed)

    # the current claim
    def not_a_claim(self) -> None:
        """Mark the current claim "not a claim": it leaves every view but Not claims."""
        self._on_current("not a claim", lambda library, c: library.dismiss_claim(c))

    def this_is_a_claim(self) -> None:
        """Show a claim marked "not a claim" again."""
        self._on_current("this is a claim", lambda library, c: library.dismiss_claim(c, False))

    def merge_with_next(self) -> None:
        """Join the current claim with the next one of its document."""
        self._on_current("merge with next claim", lambda library, c: library.merge_with_next(c))

    def _on_current(self, text: str, change: Callable[[Library, int], Correction]) -> None:
        claim_id = self._claims.current_claim_id()
        if claim_id is None:
            self._warn("Select a claim first: nothing changed.")
            return
        self._push(text, lambda library: change(library, claim_id))

    # the article
    def split_at(self, offset: int) -> None:
        """Cut the claim under code point ``offset`` of the article in two there."""
        claim = self._article.claim_at_offset(offset)
        if claim is None:
            self._warn("A claim is split at a point inside it: nothing changed.")
            return
        self._push("split claim", lambda library: library.split_claim(claim.id, offset))

    def claim_from_selection(self) -> None:
        """Make a claim of the passage selected in the article."""
        document_id, (start, end) = self._article.document_id(), self._article.selected_span()
        if document_id is None:
            self._warn("Select some text of the article first: nothing changed.")
            return
        self._push(
            "claim from selection",
            lambda library: library.claim_from_passage(document_id, start, end),
        )

    def note_on_selection(self) -> None:
        """Ask for a note and attach it to the passage selected in the article."""
        document_id, (start, end) = self._article.document_id(), self._article.selected_span()
        if document_id is None or start == end:
            self._warn("Select some text of the article first: nothing changed.")
            return
        body = ask_note_body(self._article)
        if body is None:
            return
        span = (document_id, start, end)
        self._undo_stack.push(PassageNoteCommand(self._library, span, body, self._listeners))

    def _extend_article_menu(self, menu: QMenu, offset: int) -> None:
        menu.addSeparator()
        menu.addAction("Split claim here", lambda: self.split_at(offset))
        has_selection = self._article.selected_span()[0] != self._article.selected_span()[1]
        menu.addAction("Make a claim from selection", self.claim_from_selection).setEnabled(
            has_selection
        )
        menu.addAction("Note on selection…", self.note_on_selection).setEnabled(has_selection)

    def _push(self, text: str, change: CorrectionChange) -> None:
        self._undo_stack.push(CorrectionCommand(self._library, text, change, self._listeners))

    def _on_corrected(self, claim_id: int | None) -> None:
        self._article.forget_document()  # its sentences changed: read it again
        window = self._window
        window.document_claims.invalidate()
        window.library_changed.emit()
        window.notes.show_changes()
        if claim_id is None or not self._claims.select_claim(claim_id):
            claim_id = self._claims.current_claim_id()
        self._claims.current_claim_changed.emit(claim_id)
