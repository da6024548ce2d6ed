"""Before an earlier text of a note replaces the current one: both texts and what differs."""

from __future__ import annotations

import difflib

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from briefing_app.ui.plain_text import plain_label


def changed_words(current: str, earlier: str) -> tuple[list[str], list[str]]:
    """Return the words the current text would lose and those the earlier text brings back."""
    lost, back = [], []
    for token in difflib.ndiff(current.split(), earlier.split()):
        if token.startswith("- "):
            lost.append(token[2:])
        elif token.startswith("+ "):
            back.append(token[2:])
    return lost, back


def summary(current: str, earlier: str) -> str:
    """Return one line saying what restoring the earlier text changes."""
    lost, back = changed_words(current, earlier)
    if not lost and not back:
        return "The two texts differ only in spacing."
    parts = []
    if lost:
        parts.append(f"removes {len(lost)} word{'s' if len(lost) != 1 else ''}")
    if back:
        parts.append(f"brings back {len(back)} word{'s' if len(back) != 1 else ''}")
    return "Restoring " + " and ".join(parts) + ". The current text stays in the history."


class RevisionDialog(QDialog):
    """Shows the current text beside the earlier one; Restore or Cancel."""

    def __init__(self, current: str, earlier: str, saved: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore an earlier text")
        self.current, self.earlier = QPlainTextEdit(current), QPlainTextEdit(earlier)
        for box in (self.current, self.earlier):
            box.setReadOnly(True)
        self.summary = plain_label(summary(current, earlier))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        restore = buttons.addButton("&Restore this text", QDialogButtonBox.ButtonRole.AcceptRole)
        restore.setDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QGridLayout(self)
        layout.addWidget(QLabel("Now"), 0, 0)
        layout.addWidget(plain_label(f"Saved {saved}"), 0, 1)
        layout.addWidget(self.current, 1, 0)
        layout.addWidget(self.earlier, 1, 1)
        layout.addWidget(self.summary, 2, 0, 1, 2)
        layout.addWidget(buttons, 3, 0, 1, 2)
        self.resize(760, 360)


def confirm_restore(parent: QWidget | None, current: str, earlier: str, saved: str) -> bool:
    """Ask whether the earlier text should replace the current one, showing both."""
    return RevisionDialog(current, earlier, saved, parent).exec() == QDialog.DialogCode.Accepted
