"""The article: whole document, boilerplate greyed, claim marked at the right place (emoji)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from briefing_app.services.library import Library
from briefing_app.ui.main_window import MainWindow

ARTICLE = (
    "Rebels 🔥 reach the edge of Hama\n"
    "BEIRUT (Reuters) - Rebel fighters 🔥🔥 said on Friday they had reached the outskirts "
    "of Hama after a night of shelling. Residents 😟 fled the city by car and on foot.\n"
    "Russian jets struck the road north of the city 🛣️, a war monitor said.\n"
    "CLICK HERE TO READ MORE FROM REUTERS\n"
)


OpenWindow = Callable[[Library], MainWindow]


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.fixture
def emoji_library(seeded_library: Library, tmp_path: Path) -> Library:
    article = tmp_path / "emoji.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    seeded_library.import_files([article])
    return seeded_library


@pytest.fixture
def window_over(open_window: OpenWindow, emoji_library: Library) -> MainWindow:
    return open_window(emoji_library)


def test_claim_after_emoji_is_marked_exactly(
    window_over: MainWindow, emoji_library: Library
) -> None:
    claim = next(
        c for c in emoji_library.claims(emoji_library.claim_ids()) if c.text.startswith("Residents")
    )
    window_over.claims.select_claim(claim.id)
    text = emoji_library.document_text(claim.document_id).text
    start, end = window_over.article.highlighted_range()
    assert (start, end) == (utf16(text[: claim.start]), utf16(text[: claim.end]))
    cursor = QTextCursor(window_over.article.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == claim.text


def test_clicking_a_sentence_selects_its_claim(
    qtbot: QtBot, window_over: MainWindow, emoji_library: Library
) -> None:
    claims = [
        c
        for c in emoji_library.claims(emoji_library.claim_ids())
        if "🔥" in c.text or "🛣" in c.text
    ]
    window_over.claims.select_claim(claims[0].id)
    article = window_over.article
    text = emoji_library.document_text(claims[1].document_id).text
    cursor = QTextCursor(article.document())
    cursor.setPosition(utf16(text[: claims[1].start + 10]))
    qtbot.mouseClick(
        article.viewport(), Qt.MouseButton.LeftButton, pos=article.cursorRect(cursor).center()
    )
    assert window_over.claims.current_claim_id() == claims[1].id


def test_boilerplate_is_greyed(window: MainWindow, seeded_library: Library) -> None:
    document = seeded_library.document_text(1)
    boilerplate = next(p for p in document.paragraphs if p.kind == "boilerplate")
    cursor = QTextCursor(window.article.document())
    cursor.setPosition(utf16(document.text[: boilerplate.start]) + 1)
    body = QTextCursor(window.article.document())
    body.setPosition(5)
    assert cursor.charFormat().fontItalic() and not body.charFormat().fontItalic()
    assert cursor.charFormat().foreground().color() != body.charFormat().foreground().color()
    assert window.article.toPlainText() == document.text
