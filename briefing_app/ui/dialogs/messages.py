"""Message boxes that show their text literally (file names and errors may hold '<')."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """Show an error the user can act on, as plain text."""
    _box(parent, QMessageBox.Icon.Warning, title, text).exec()


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask a yes/no question (plain text); return True for yes."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """Ask for one line of text; return it stripped, or None if cancelled or empty."""
    value, accepted = QInputDialog.getText(parent, title, label, text=text)
    return value.strip() if accepted and value.strip() else None


def show_about(parent: QWidget | None) -> None:
    """Show what the app is and its version."""
    from briefing_app import __version__

    QMessageBox.about(
        parent,
        "About Briefing reader",
        f"Briefing reader {__version__}\n\nBreak briefings into claims, file "
        "them by theme, check their sources, search and annotate them.",
    )


def show_overtaken(parent: QWidget | None, theirs: str, yours: str) -> QMessageBox:
    """Tell an analyst that their save came after a colleague's, showing both texts.

    Nothing is lost and nothing waits: the box opens without blocking the window.
    """
    box = _box(
        parent,
        QMessageBox.Icon.Information,
        "A colleague changed this note",
        "Someone saved this note while you were writing. Your text is saved; theirs is "
        "kept as the previous text (History, in the notes pane).\n\n"
        f"Their text:\n{theirs}\n\nYour text:\n{yours}",
    )
    box.open()
    return box
