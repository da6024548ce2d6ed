"""The list of a claim's notes: one row per note, newest change shown with its time."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from briefing_app.domain.library import Note
from briefing_app.typing_compat import override
from briefing_app.ui.plain_text import plain_tooltip

NoteIdRole = Qt.ItemDataRole.UserRole + 1
SUMMARY_CHARS = 120

AnyIndex = QModelIndex | QPersistentModelIndex


def local_time(stamp: datetime) -> str:
    """Return a stored UTC time as local time, short and readable."""
    return stamp.replace(tzinfo=UTC).astimezone().strftime("%d %b %H:%M")


def note_summary(body: str) -> str:
    """Return a note body's first non-empty line, shortened, for a list."""
    first = next((line.strip() for line in body.splitlines() if line.strip()), "")
    if not first:
        return "(empty note)"
    return first if len(first) <= SUMMARY_CHARS else first[: SUMMARY_CHARS - 1] + "…"


class NoteListModel(QAbstractListModel):
    """The notes of one claim, oldest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._notes: list[Note] = []

    def set_notes(self, notes: list[Note]) -> None:
        """Show these notes."""
        self.beginResetModel()
        self._notes = list(notes)
        self.endResetModel()

    def put(self, note: Note) -> int:
        """Add or update one note in place; return its row."""
        row = self.row_of(note.id)
        if row < 0:
            row = len(self._notes)
            self.beginInsertRows(QModelIndex(), row, row)
            self._notes.append(note)
            self.endInsertRows()
        else:
            self._notes[row] = note
            self.dataChanged.emit(self.index(row), self.index(row))
        return row

    def note_at(self, row: int) -> Note | None:
        """Return the note at ``row``."""
        return self._notes[row] if 0 <= row < len(self._notes) else None

    def row_of(self, note_id: int) -> int:
        """Return the row of ``note_id``, or -1."""
        return next((i for i, n in enumerate(self._notes) if n.id == note_id), -1)

    @override
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._notes)

    @override
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        note = self.note_at(index.row()) if index.isValid() else None
        if note is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            by = f" · {note.analyst}" if note.analyst else ""
            return f"{local_time(note.updated)}{by}  {note_summary(note.body)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(note.body or "(empty note)")
        if role == NoteIdRole:
            return note.id
        return None
