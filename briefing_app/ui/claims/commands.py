"""Undoable analyst actions: filing a claim, grading it, deleting a note (QUndoStack).

Qt calls ``redo``/``undo``, so an error cannot reach the caller: a command that
fails reports it, and marks itself obsolete so the stack drops it. ``UndoStack``
says what each undo and redo step did, so the window can tell the user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from briefing_app.domain.errors import BriefingError
from briefing_app.domain.library import ClaimTheme
from briefing_app.services.library import Library
from briefing_app.typing_compat import override

FilingChange = Callable[[Library], None]


@dataclass(frozen=True, slots=True)
class Listeners:
    """Where commands report: a claim changed, or an action failed (with the message)."""

    changed: Callable[[int], None]
    failed: Callable[[str], None]


class UndoStack(QUndoStack):
    """An undo stack that announces its moves, and what each undo and redo did.

    ``moving`` comes before a push, an undo or a redo; ``stepped`` after an undo
    or a redo, saying what it did ("Undone: file under …"). A step that failed
    has reported its failure in between.
    """

    moving = Signal()
    stepped = Signal(str)

    @override
    def push(self, cmd: QUndoCommand) -> None:
        self.moving.emit()
        super().push(cmd)

    @override
    def undo(self) -> None:
        if self.canUndo():
            self._step(super().undo, f"Undone: {self.undoText()}")

    @override
    def redo(self) -> None:
        if self.canRedo():
            self._step(super().redo, f"Redone: {self.redoText()}")

    def _step(self, step: Callable[[], None], said: str) -> None:
        self.moving.emit()
        step()
        self.stepped.emit(said)


class LibraryCommand(QUndoCommand):
    """A command over the library that reports failures instead of raising."""

    def __init__(self, library: Library, text: str, listeners: Listeners) -> None:
        super().__init__(text)
        self._library, self._listeners = library, listeners

    def _apply(self, action: Callable[[], int]) -> None:
        try:
            claim_id = action()
        except BriefingError as error:
            self.setObsolete(True)
            self._listeners.failed(str(error))
            return
        self._listeners.changed(claim_id)


class FilingCommand(LibraryCommand):
    """Change a claim's themes; undo puts back the filings it had before."""

    def __init__(
        self,
        library: Library,
        claim_id: int,
        text: str,
        change: FilingChange,
        listeners: Listeners,
        before: tuple[ClaimTheme, ...],
    ) -> None:
        super().__init__(library, text, listeners)
        self._claim_id, self._change = claim_id, change
        self._before = before
        self._after: tuple[ClaimTheme, ...] | None = None

    @override
    def redo(self) -> None:
        """Apply the change (the first time), or put its result back (after an undo)."""
        self._apply(self._do)

    def _do(self) -> int:
        if self._after is None:
            self._change(self._library)
            self._after = self._library.claim(self._claim_id).themes
        else:
            self._library.restore_filings(self._claim_id, self._after)
        return self._claim_id

    @override
    def undo(self) -> None:
        """Put back the filings from before."""
        self._apply(lambda: self._restore(self._before))

    def _restore(self, filings: tuple[ClaimTheme, ...]) -> int:
        self._library.restore_filings(self._claim_id, filings)
        return self._claim_id


class GradingCommand(LibraryCommand):
    """Grade a claim on the Admiralty scale; undo restores the old grades."""

    def __init__(
        self,
        library: Library,
        claim_id: int,
        before: tuple[str, int],
        after: tuple[str, int],
        listeners: Listeners,
    ) -> None:
        super().__init__(library, f"grade {after[0]}{after[1]}", listeners)
        self._claim_id, self._before, self._after = claim_id, before, after

    @override
    def redo(self) -> None:
        """Store the new grades."""
        self._apply(lambda: self._grade(self._after))

    @override
    def undo(self) -> None:
        """Store the old grades."""
        self._apply(lambda: self._grade(self._before))

    def _grade(self, grades: tuple[str, int]) -> int:
        self._library.set_grading(self._claim_id, *grades)
        return self._claim_id


class DeleteNoteCommand(LibraryCommand):
    """Delete a note softly; undo brings it back."""

    def __init__(self, library: Library, note_id: int, listeners: Listeners) -> None:
        super().__init__(library, "delete note", listeners)
        self._note_id = note_id

    @override
    def redo(self) -> None:
        """Delete the note."""
        self._apply(lambda: self._library.delete_note(self._note_id).claim_id)

    @override
    def undo(self) -> None:
        """Restore the note."""
        self._apply(lambda: self._library.restore_note(self._note_id).claim_id)


class OverrideCommand(LibraryCommand):
    """Grade one claim's reliability on its own, or stop (None); undo restores the old one."""

    def __init__(
        self,
        library: Library,
        claim_id: int,
        before: str | None,
        after: str | None,
        listeners: Listeners,
    ) -> None:
        text = "grade this claim only" if after is not None else "grade by source"
        super().__init__(library, text, listeners)
        self._claim_id, self._before, self._after = claim_id, before, after

    @override
    def redo(self) -> None:
        """Store the new override."""
        self._apply(lambda: self._set(self._after))

    @override
    def undo(self) -> None:
        """Store the old override."""
        self._apply(lambda: self._set(self._before))

    def _set(self, grade: str | None) -> int:
        self._library.override_reliability(self._claim_id, grade)
        return self._claim_id
