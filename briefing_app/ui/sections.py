"""A titled pane: a small heading above a widget, as in the window sketch."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QVBoxLayout, QWidget

from briefing_app.ui.plain_text import plain_label


def titled(title: str, widget: QWidget, hint: str = "") -> QWidget:
    """Return ``widget`` under a heading (with an optional muted hint after it)."""
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    heading = plain_label(f"{title.upper()}   {hint}".rstrip(), wrap=False)
    font = QFont(heading.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 0.85)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
    heading.setFont(font)
    heading.setContentsMargins(8, 6, 8, 2)
    heading.setEnabled(False)
    heading.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    layout.addWidget(heading)
    layout.addWidget(widget, 1)
    return pane
