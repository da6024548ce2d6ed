"""A dialog that lists things (deleted notes, backups) and acts on the chosen one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing_app.typing_compat import override
from briefing_app.ui.plain_text import plain_tooltip

ChoiceRole = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Choice:
    """One row: what the list shows, the full text on hover, and what it stands for."""

    label: str
    detail: str
    value: object


class ChoiceListModel(QAbstractListModel):
    """A plain list of choices."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices: list[Choice] = []

    def set_choices(self, choices: Sequence[Choice]) -> None:
        """Show these choices."""
        self.beginResetModel()
        self._choices = list(choices)
        self.endResetModel()

    @override
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._choices)

    @override
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._choices):
            return None
        choice = self._choices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return choice.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(choice.detail)
        if role == ChoiceRole:
            return choice.value
        return None


class ChoiceDialog(QDialog):
    """Lists choices; the action button applies ``act`` to the selected one and refreshes."""

    def __init__(
        self,
        title: str,
        explanation: str,
        action_text: str,
        load: Callable[[], Sequence[Choice]],
        act: Callable[[object], bool],
        empty_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._load, self._act, self._empty_text = load, act, empty_text
        self.model = ChoiceListModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)
        self.view.doubleClicked.connect(self._on_act)
        label = QLabel(explanation)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        self.empty = QLabel(empty_text)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.action_button = QPushButton(action_text)
        self.action_button.clicked.connect(self._on_act)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.action_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(640, 380)
        self.refresh()

    def refresh(self) -> None:
        """Read the choices again and select the first."""
        self.model.set_choices(self._load())
        has_rows = self.model.rowCount() > 0
        self.empty.setVisible(not has_rows)
        self.action_button.setEnabled(has_rows)
        if has_rows:
            self.view.setCurrentIndex(self.model.index(0))

    def selected_value(self) -> object | None:
        """Return what the selected row stands for, if a row is selected."""
        index = self.view.currentIndex()
        return index.data(ChoiceRole) if index.isValid() else None

    def _on_act(self) -> None:
        value = self.selected_value()
        if value is not None and self._act(value):
            self.refresh()
