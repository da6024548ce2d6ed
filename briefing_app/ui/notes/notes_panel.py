"""The notes panel: a claim's notes and a plain-text editor that saves itself.

The note being edited is captured when editing starts (``_target``), and every
save goes there: a debounce timer that fires after the selection moved on can
never write into another claim's note. Saves are also flushed when the claim
changes and when the window closes.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from briefing_app.domain.errors import BriefingError
from briefing_app.domain.library import Note, NoteRevision
from briefing_app.services.library import Library
from briefing_app.ui.claims.commands import DeleteNoteCommand, Listeners
from briefing_app.ui.notes.note_list_model import NoteListModel, local_time, note_summary
from briefing_app.ui.plain_text import plain_label, plain_tooltip

AUTOSAVE_MS = 600
# After a failed save (disk full, locked, read-only) the text is tried again this often.
RETRY_MS = 5000
# While typing goes on without a pause, a save still happens at least this often.
MAX_UNSAVED_MS = 2000
PLACEHOLDER = "Write a note on this claim. It saves itself as you type; n starts a new one."


class NotesPanel(QWidget):
    """Lists the notes of the current claim and edits one of them."""

    notes_changed = Signal(int)
    error = Signal(str)
    # A save overtook a colleague's: (their text, which is kept as a revision; yours).
    overtook = Signal(str, str)

    def __init__(
        self, library: Library, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._library, self._undo_stack = library, undo_stack
        self._claim_id: int | None = None
        self._target: tuple[int, int | None] | None = None
        self._saved_text = ""
        self._loading = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.flush)
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self.flush)
        self._unsaved_for = QElapsedTimer()
        self._build()
        self._set_enabled(False)

    def _build(self) -> None:
        self.model = NoteListModel(self)
        # A one-column tree, not a list view: its rows elide to the width instead of
        # growing a horizontal scroll bar.
        self.list = QTreeView()
        self.list.setModel(self.model)
        self.list.setHeaderHidden(True)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAccessibleName("Notes of the claim")
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 8)
        self.list.selectionModel().selectionChanged.connect(self._on_note_selected)
        self.list.hide()
        self.model.modelReset.connect(self._on_notes_listed)
        self.model.rowsInserted.connect(self._on_notes_listed)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Note text")
        self.editor.setPlaceholderText(PLACEHOLDER)
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._on_text_changed)
        self.status = plain_label(wrap=False)
        self.status.setEnabled(False)
        self.new_button = QPushButton("New note")
        self.new_button.setToolTip("Start a new note on this claim (n)")
        self.new_button.clicked.connect(self.new_note)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete this note (Ctrl+Z brings it back)")
        self.delete_button.clicked.connect(self.delete_note)
        self.history_button = QPushButton("History")
        self.history_button.setToolTip("Earlier texts of this note")
        self.history_button.clicked.connect(self._on_history)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.status, 1)
        for button in (self.new_button, self.history_button, self.delete_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.list)
        layout.addWidget(self.editor, 1)
        layout.addLayout(buttons)

    # what is shown
    def claim_id(self) -> int | None:
        """Return the claim whose notes are shown."""
        return self._claim_id

    def editing(self) -> tuple[int, int | None] | None:
        """Return (claim id, note id or None for a new note) being edited."""
        return self._target

    def saved_text(self) -> str:
        """Return the editor's text as last committed to the library."""
        return self._saved_text

    def set_claim(self, claim_id: int | None) -> None:
        """Save what is pending, then show ``claim_id``'s notes (its last note in the editor)."""
        if claim_id == self._claim_id:
            return
        self.flush()
        self._claim_id = claim_id
        self._set_enabled(claim_id is not None)
        notes = self._library.notes(claim_id) if claim_id is not None else []
        self.model.set_notes(notes)
        self._edit(notes[-1] if notes else None)

    def reload(self) -> None:
        """Re-read the notes of the shown claim (after an undo, a restore or an import).

        The note being edited stays in the editor, and it is the one selected.
        """
        claim_id, self._claim_id = self._claim_id, None
        note_id = self._target[1] if self._target else None
        self.set_claim(claim_id)
        row = self.model.row_of(note_id) if note_id is not None else -1
        note = self.model.note_at(row) if row >= 0 else None
        if note is not None:
            self._edit(note)

    def show_changes(self) -> None:
        """Re-list the shown claim's notes after a change made elsewhere; the editor is kept.

        Whatever is being typed stays, and stays the note it is saved into; an
        editor with nothing unsaved shows the note's new text.
        """
        if self._claim_id is None:
            return
        notes = self._library.notes(self._claim_id)
        self.model.set_notes(notes)
        note_id = self._target[1] if self._target else None
        current = next((n for n in notes if n.id == note_id), None)
        untouched = self.editor.toPlainText() == self._saved_text
        if current is not None and untouched and current.body != self._saved_text:
            self._edit(current)
            return
        self._select_row(self.model.row_of(note_id) if note_id is not None else -1)

    def _on_notes_listed(self) -> None:
        # A claim without notes shows only the editor: an empty list says nothing.
        self.list.setVisible(self.model.rowCount() > 0)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.list, self.editor, self.new_button):
            widget.setEnabled(enabled)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_note = self._target is not None and self._target[1] is not None
        self.delete_button.setEnabled(has_note)
        self.history_button.setEnabled(has_note)

    def _edit(self, note: Note | None) -> None:
        """Put ``note`` (or a blank new note) in the editor and make it the save target."""
        note_id = note.id if note else None
        self._target = None if self._claim_id is None else (self._claim_id, note_id)
        self._saved_text = note.body if note else ""
        self._unsaved_for.invalidate()
        self._loading = True
        self.editor.setPlainText(self._saved_text)
        self._loading = False
        self._select_row(self.model.row_of(note.id) if note else -1)
        self.status.setText(f"Saved {local_time(note.updated)}" if note else "")
        self._update_buttons()

    def _select_row(self, row: int) -> None:
        self._loading = True
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))
        else:
            self.list.clearSelection()
        self._loading = False

    # editing
    def _on_text_changed(self) -> None:
        if self._loading or self._target is None:
            return
        self.status.setText("Editing…")
        if not self._unsaved_for.isValid():
            self._unsaved_for.start()
        if self._unsaved_for.elapsed() >= MAX_UNSAVED_MS:
            self.flush()
        else:
            self.timer.start()

    def flush(self) -> bool:
        """Save the editor's text into the note being edited; return False if that failed."""
        self.timer.stop()
        if self._target is None:
            return True
        text = self.editor.toPlainText()
        claim_id, note_id = self._target
        if text == self._saved_text or (note_id is None and not text.strip()):
            return True
        try:
            if note_id is None:
                note = self._library.add_note(claim_id, text)
                self._target = (claim_id, note.id)
            else:
                edit = self._library.save_note_edit(note_id, text, self._saved_text)
                note = edit.note
                if edit.overtaken is not None:
                    self.overtook.emit(edit.overtaken, text)
        except BriefingError as error:
            self.status.setText("Not saved: your text is still here; retrying")
            retry = f"trying again in {RETRY_MS // 1000} s"
            self.error.emit(f"The note was not saved ({retry}): {error}")
            self.retry_timer.start()
            return False
        self.retry_timer.stop()
        self._unsaved_for.invalidate()
        self._saved_text = text
        if claim_id == self._claim_id:
            self._select_row(self.model.put(note))
            self.status.setText(f"Saved {local_time(note.updated)}")
        self._update_buttons()
        mirror_error = self._library.mirror.last_error
        if mirror_error:
            self.error.emit(mirror_error)
        self.notes_changed.emit(claim_id)
        return True

    def new_note(self) -> None:
        """Start a blank note on the shown claim and focus the editor (n)."""
        if self._claim_id is None or not self.flush():
            return
        self._edit(None)
        self.status.setText("New note: type, it saves itself")
        self.editor.setFocus()

    def focus_editor(self) -> None:
        """Put the keyboard in the editor (Enter from the list)."""
        if self._claim_id is not None:
            self.editor.setFocus()
            self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)

    def delete_note(self) -> None:
        """Delete the note in the editor; Ctrl+Z restores it."""
        if self._target is None or self._target[1] is None or not self.flush():
            return
        listeners = Listeners(changed=self._on_note_command, failed=self.error.emit)
        self._undo_stack.push(DeleteNoteCommand(self._library, self._target[1], listeners))

    def _on_note_command(self, claim_id: int) -> None:
        if claim_id == self._claim_id:
            claim, self._claim_id = self._claim_id, None
            self.set_claim(claim)
        self.notes_changed.emit(claim_id)

    def _on_note_selected(self, selected: QItemSelection, _old: QItemSelection) -> None:
        if self._loading or not selected.indexes():
            return
        note = self.model.note_at(selected.indexes()[0].row())
        current = self._target[1] if self._target else None
        if note is not None and note.id != current and self.flush():
            self._edit(note)

    def _on_history(self) -> None:
        if self._target is None or self._target[1] is None or not self.flush():
            return
        menu = self.history_menu(self._target[1])
        menu.exec(self.history_button.mapToGlobal(self.history_button.rect().bottomLeft()))

    def history_menu(self, note_id: int) -> QMenu:
        """Return a menu of the note's earlier texts; choosing one restores it."""
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        revisions = self._library.revisions(note_id)
        if not revisions:
            menu.addAction("No earlier texts").setEnabled(False)
        for revision in revisions:
            by = f" · {revision.analyst}" if revision.analyst else ""
            label = f"{local_time(revision.saved)}{by}  {note_summary(revision.body)}"
            action = menu.addAction(label.replace("&", "&&"))
            action.setToolTip(plain_tooltip(revision.body))
            action.triggered.connect(
                lambda _checked=False, r=revision: self.offer_revision(note_id, r)
            )
        return menu

    def offer_revision(self, note_id: int, revision: NoteRevision) -> None:
        """Show the earlier text beside the current one; restore it if the user agrees."""
        current = self._library.note(note_id).body
        from briefing_app.ui.notes.revision_dialog import confirm_restore  # when asked

        if confirm_restore(self, current, revision.body, local_time(revision.saved)):
            self.restore_revision(note_id, revision.id)

    def restore_revision(self, note_id: int, revision_id: int) -> None:
        """Make an earlier text the note's text again (the current text becomes history)."""
        try:
            note = self._library.restore_revision(note_id, revision_id)
        except BriefingError as error:
            self.error.emit(str(error))
            return
        if note.claim_id == self._claim_id:
            self.model.put(note)
            self._edit(note)
        self.notes_changed.emit(note.claim_id)
