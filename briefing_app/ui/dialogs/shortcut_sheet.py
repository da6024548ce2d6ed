"""The ``?`` sheet: every keyboard shortcut, generated from the action registry."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self._fit_to_rows()

    def _fit_to_rows(self) -> None:
        """Size the sheet so every row shows whole, within the screen's free area."""
        metrics = self.tree.fontMetrics()
        keys = max((metrics.horizontalAdvance(k) for k, _ in self._rows), default=0)
        texts = max((metrics.horizontalAdvance(t) for _, t in self._rows), default=0)
        width = keys + texts + 4 * metrics.averageCharWidth() * 4 + 48
        rows = len(self._rows) + self.tree.topLevelItemCount() + 1
        height = rows * (metrics.lineSpacing() + 6) + 96
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 40)
        self.resize(max(width, 420), max(height, 240))

    def cut_rows(self) -> list[str]:
        """Return the rows whose text does not fit in its column (none, when it is right)."""
        metrics = self.tree.fontMetrics()
        cut = []
        for keys, text in self._rows:
            for column, value in ((0, keys), (1, text)):
                if metrics.horizontalAdvance(value) > self.tree.columnWidth(column):
                    cut.append(value)
        return cut

    def rows(self) -> list[tuple[str, str]]:
        """Return the (keys, text) rows shown."""
        return list(self._rows)
