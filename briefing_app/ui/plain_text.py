"""Showing untrusted text (documents, notes) so that Qt never reads it as HTML.

QLabel, QMessageBox and tooltips guess "rich text" from the string itself; a
note holding ``<img src=...>`` would load an image. Labels get
``Qt.TextFormat.PlainText``; tooltips, which have no format switch, get the text
escaped inside a paragraph, so they are rich text that shows the characters.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def plain_tooltip(text: str) -> str:
    """Return a tooltip string that shows ``text`` literally (Qt word-wraps rich tooltips)."""
    escaped = html.escape(text, quote=False).replace("\n", "<br>")
    return f"<p style='white-space:pre-wrap'>{escaped}</p>"


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = True) -> QLabel:
    """Return a QLabel that shows its text literally and lets the user select it."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    return label
