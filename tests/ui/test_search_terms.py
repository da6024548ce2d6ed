"""Both panes mark the same words of a query: the claims list and the article."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefing_app.services.library import Library
from briefing_app.ui.main_window import MainWindow
from tests.ui.conftest import OpenWindow

ARTICLE = (
    "Fighters reach the edge of Hōms\n"
    "BEIRUT (Reuters) - Rebel fighters said on Friday they had captured the road to Hōms "
    "after the army pulled back, and that capt units of the army had fled north.\n"
    "Residents of the city said fighters were seen in every street by nightfall.\n"
)


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.fixture
def marked(open_window: OpenWindow, seeded_library: Library, tmp_path: Path) -> MainWindow:
    article = tmp_path / "homs.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    seeded_library.import_files([article])
    return open_window(seeded_library)


REBELS, RESIDENTS = "Rebel fighters said", "Residents of the city"


@pytest.mark.parametrize(
    ("query", "claim_starts", "words"),
    [
        ("NOT army", RESIDENTS, []),
        ("-army fighters", RESIDENTS, ["fighters"]),
        ("capt", REBELS, ["capt"]),
        ("capt*", REBELS, ["captured", "capt"]),
        ("homs", REBELS, ["Hōms"]),
        ('"the army"', REBELS, ["the army", "the army"]),
        ("fighters OR city", RESIDENTS, ["city", "fighters"]),
    ],
)
def test_list_and_article_mark_the_same_words(
    qtbot: QtBot,
    marked: MainWindow,
    seeded_library: Library,
    query: str,
    claim_starts: str,
    words: list[str],
) -> None:
    claim = next(
        c
        for c in seeded_library.claims(seeded_library.claim_ids())
        if c.text.startswith(claim_starts)
    )
    marked.search.focus()
    with qtbot.waitSignal(marked.controller.listed):
        qtbot.keyClicks(marked.search.edit, query)
        qtbot.keyClick(marked.search.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not marked.controller.searching())
    assert marked.claims.select_claim(claim.id)  # the claim is listed for the query
    assert marked.article.document_id() == claim.document_id
    in_list = marked.claims.text_delegate.spans(claim.text)
    assert [claim.text[start:end] for start, end in in_list] == words
    text = seeded_library.document_text(claim.document_id).text
    in_article = [
        (start, end)
        for start, end in marked.article.term_ranges()
        if utf16(text[: claim.start]) <= start < utf16(text[: claim.end])
    ]
    offset = utf16(text[: claim.start])
    assert in_article == [
        (offset + utf16(claim.text[:start]), offset + utf16(claim.text[:end]))
        for start, end in in_list
    ]


def test_a_match_past_the_two_lines_shown_is_brought_into_view(qtbot: QtBot) -> None:
    from PySide6.QtGui import QFont

    from briefing_app.ui.claims.claim_delegates import ELLIPSIS, ClaimTextDelegate

    delegate = ClaimTextDelegate()
    font = QFont()
    text = " ".join(["word"] * 80) + " the Russian embassy said"
    assert delegate.shown_text(text, font, 300) == text  # no search: from the start
    delegate.set_query("russian")
    shown = delegate.shown_text(text, font, 300)
    assert shown.startswith(ELLIPSIS) and "Russian embassy" in shown
    assert len(shown) < len(text) and shown.split()[0] == ELLIPSIS + "word"  # at a word
    early = "The Russian embassy said " + " ".join(["word"] * 80)
    assert delegate.shown_text(early, font, 300) == early  # the match is already shown
