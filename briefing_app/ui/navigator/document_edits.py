"""Editing a briefing's details from the window, each edit one step of the undo stack.

The Briefings list's menu ("Edit details…"), F2 and Edit ▸ Edit briefing details…
open the dialog for the chosen briefing, else for the selected claim's. Undo puts
back exactly the details the briefing had, outlet and empty fields included.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand

from briefing_app.domain.errors import BriefingError
from briefing_app.domain.library import DocumentEdit
from briefing_app.services.document_details import FIELD_NAMES, changed_fields
from briefing_app.services.library import Library
from briefing_app.typing_compat import override

if TYPE_CHECKING:
    from briefing_app.ui.dialogs.document_details import DocumentDetailsDialog
    from briefing_app.ui.main_window import MainWindow

NO_DOCUMENT = "Choose a briefing, or a claim of it, first: nothing changed."
UNCHANGED = "The briefing's details are as they were: nothing changed."


class DocumentEditCommand(QUndoCommand):
    """Store a briefing's new details; undo puts back the ones it had.

    A failure is reported through ``failed`` and drops the command from the stack.
    """

    def __init__(
        self,
        library: Library,
        document_id: int,
        edit: DocumentEdit,
        changed: Callable[[int], None],
        failed: Callable[[str], None],
    ) -> None:
        super().__init__("edit briefing details")
        self._library, self._document_id, self._edit = library, document_id, edit
        self._changed, self._failed = changed, failed
        self._before: DocumentEdit | None = None
        self._after: DocumentEdit | None = None

    @override
    def redo(self) -> None:
        """Store the new details (checked the first time; as stored then, after an undo)."""
        self._apply(self._do)

    def _do(self) -> None:
        if self._after is None:
            self._before = self._library.edit_document(self._document_id, self._edit)
            self._after = self._library.document_details(self._document_id)
        else:
            self._library.restore_document_details(self._document_id, self._after)

    @override
    def undo(self) -> None:
        """Put back the details from before."""
        before = self._before
        if before is not None:
            self._apply(lambda: self._library.restore_document_details(self._document_id, before))

    def _apply(self, action: Callable[[], None]) -> None:
        try:
            action()
        except BriefingError as error:
            self.setObsolete(True)
            self._failed(str(error))
            return
        self._changed(self._document_id)


class DocumentEditsController(QObject):
    """Opens the details dialog and pushes what it returns on the window's undo stack."""

    def __init__(self, library: Library, window: MainWindow) -> None:
        super().__init__(window)
        self._library, self._window = library, window
        self._pane = window.briefings.pane
        window.action_map["edit_briefing"].triggered.connect(self.edit_current)
        self._pane.details_requested.connect(self.edit)

    def current_document(self) -> int | None:
        """Return the chosen briefing, else the selected claim's briefing (None: neither)."""
        chosen = self._pane.document_id()
        if chosen is not None:
            return chosen
        claim_id = self._window.claims.current_claim_id()
        return None if claim_id is None else self._library.claim(claim_id).document_id

    def edit_current(self) -> DocumentDetailsDialog | None:
        """Open the details of the current briefing (Edit ▸ Edit briefing details…, F2)."""
        try:
            document_id = self.current_document()
        except BriefingError as error:
            self._window.show_error(str(error))
            return None
        if document_id is None:
            self._window.show_error(NO_DOCUMENT)
            return None
        return self.edit(document_id)

    def edit(self, document_id: int) -> DocumentDetailsDialog | None:
        """Open the details of ``document_id``; OK pushes the edit on the undo stack."""
        try:
            details = self._library.document_details(document_id)
            outlets = self._library.outlet_names()
        except BriefingError as error:
            self._window.show_error(str(error))
            return None
        check = partial(self._library.check_document_edit, document_id)
        from briefing_app.ui.dialogs.document_details import DocumentDetailsDialog

        dialog = DocumentDetailsDialog(details, check, outlets, self._window)
        dialog.accepted.connect(lambda: self._push(document_id, details, dialog.checked()))
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog

    def _push(self, document_id: int, before: DocumentEdit, after: DocumentEdit | None) -> None:
        if after is None or after == before:
            self._window.show_status(UNCHANGED)
            return
        stack = self._window.undo_stack
        step = stack.index()
        stack.push(
            DocumentEditCommand(
                self._library, document_id, after, self._on_edited, self._window.show_error
            )
        )
        if stack.index() > step:  # stored (a failure dropped the command and said why)
            names = [FIELD_NAMES[name] for name in changed_fields(before, after)]
            self._window.show_status(f"Saved the briefing's {_listed(names)}; Ctrl+Z undoes it.")

    def _on_edited(self, _document_id: int) -> None:
        """Show the new details everywhere: the Briefings row, the claims, the source card."""
        window = self._window
        window.document_claims.invalidate()
        window.library_changed.emit()


def _listed(names: list[str]) -> str:
    """Return "title", "title and date", "title, date and URL"."""
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
