"""Text from documents and notes is shown as plain text: HTML shows its characters."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from briefing_app.services.library import Library
from briefing_app.ui.claims.claim_table_model import COL_TEXT
from briefing_app.ui.main_window import MainWindow
from briefing_app.ui.plain_text import plain_tooltip

HOSTILE = '<b>x</b> <img src="http://example.com/t.png"> <a href=file:///etc/passwd>open</a>'


def test_a_hostile_note_shows_its_characters(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    seeded_library.add_note(1, HOSTILE)
    window.notes.reload()
    assert window.notes.editor.toPlainText() == HOSTILE
    tip = window.notes.model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img" in tip and "<img" not in tip and "<b>" not in tip


def test_a_hostile_article_is_plain_text_and_links_are_never_followed(
    window: MainWindow, seeded_library: Library, tmp_path: Path
) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(f"Officials said {HOSTILE} was found near Homs on Friday.\n", "utf-8")
    seeded_library.import_files([article])
    window.library_changed.emit()
    claim_id = seeded_library.claim_ids()[0]  # the newest document comes first
    window.claims.select_claim(claim_id)
    assert HOSTILE in window.article.toPlainText()
    assert not window.article.openLinks() and not window.article.openExternalLinks()
    assert window.article.document().toHtml().count("<img") == 0
    tip = window.claim_model.index(window.claims.currentIndex().row(), COL_TEXT).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert "&lt;a href=file:///etc/passwd&gt;" in tip


def test_every_label_in_the_source_card_is_plain_text(window: MainWindow) -> None:
    labels = window.card.findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


@pytest.mark.parametrize("text", [HOSTILE, "a & b\nnext line"])
def test_plain_tooltip_escapes(text: str) -> None:
    tip = plain_tooltip(text)
    assert "<b>" not in tip and "<img" not in tip and "&amp;" in plain_tooltip("&")
