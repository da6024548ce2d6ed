"""The search bar: a query box that reports as you type (debounced) and a match count."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from briefing_app.typing_compat import override
from briefing_app.ui.plain_text import plain_label

DEBOUNCE_MS = 150
PLACEHOLDER = 'Search claims and notes   (/ or Ctrl+F)   e.g. russian   "front line"'


# The editing keys a line edit keeps on every platform, even where the window's menus
# use the same key.
_EDITING_KEYS = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.SelectAll,
)
_COMMAND_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


class QueryEdit(QLineEdit):
    """The query box: a command key of the window's menus works while it has focus.

    On X11 Qt gives line edits Emacs keys (Ctrl+E: end of line, Ctrl+K, Ctrl+U), which
    would swallow the menus' Ctrl+E (Export) and the like while the box has focus.
    """

    @override
    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._is_window_command(event)
        ):
            event.ignore()  # not ours: the window's shortcut fires
            return True
        return super().event(event)

    def _is_window_command(self, event: QKeyEvent) -> bool:
        if not event.modifiers() & _COMMAND_MODIFIERS:
            return False
        if any(event.matches(key) for key in _EDITING_KEYS):
            return False
        pressed = QKeySequence(QKeyCombination(event.modifiers(), Qt.Key(event.key())))
        return any(
            action.isEnabled() and pressed in action.shortcuts()
            for action in self.window().findChildren(QAction)
        )


class SearchBox(QWidget):
    """Emits ``query_changed`` a moment after the user stops typing (or at once on Enter)."""

    query_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QueryEdit()
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Search")
        self.edit.setMaxLength(10_000)
        self.count = plain_label(wrap=False)
        self.count.setAccessibleName("Matches")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self.edit.textChanged.connect(self._on_text_changed)
        self.edit.returnPressed.connect(self._emit)
        self._emitted = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)

    def query(self) -> str:
        """Return the query as typed."""
        return self.edit.text()

    def set_query(self, text: str) -> None:
        """Replace the query and report it at once."""
        self.edit.setText(text)
        self._emit()

    def clear(self) -> None:
        """Clear the query and report it at once."""
        self.set_query("")

    def focus(self) -> None:
        """Put the keyboard in the box with its text selected."""
        self.edit.setFocus()
        self.edit.selectAll()

    def set_count(self, shown: int | None, total: int | None, *, searching: bool) -> None:
        """Show "N of M" while searching, else how many claims are listed.

        None stands for a number still being read (the search or the count).
        """
        if searching:
            found = "searching…" if shown is None else f"{shown}"
            self.count.setText(found if total is None or shown is None else f"{found} of {total}")
        elif total is None:
            self.count.setText("counting…")
        else:
            self.count.setText(f"{total} claim{'s' if total != 1 else ''}")

    def _on_text_changed(self, _text: str) -> None:
        self._timer.start()

    def _emit(self) -> None:
        self._timer.stop()
        text = self.edit.text()
        if text != self._emitted:
            self._emitted = text
            self.query_changed.emit(text)
