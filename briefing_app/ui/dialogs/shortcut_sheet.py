"""The ``?`` sheet: every keyboard shortcut, generated from the action registry."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_app.ui.actions import sheet_rows


class ShortcutSheet(QDialog):
    """Lists the shortcuts by section; Esc or Close dismisses it."""

    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Keys", "What it does"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        sections: dict[str, QTreeWidgetItem] = {}
        self._rows: list[tuple[str, str]] = []
        for section, keys, text in sheet_rows(actions):
            self._rows.append((keys, text))
            if section not in sections:
                sections[section] = QTreeWidgetItem(self.tree, [section])
                sections[section].setFirstColumnSpanned(True)
                font = sections[section].font(0)
                font.setBold(True)
                sections[section].setFont(0, font)
            QTreeWidgetItem(sections[section], [keys, text])
        self.tree.expandAll()
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(560, 560)

    def rows(self) -> list[tuple[str, str]]:
        """Return the (keys, text) rows shown."""
        return list(self._rows)
