"""Corrections in the window: not a claim, merge, split, a claim or a note from a passage."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from briefing_app.domain.errors import NotFoundError
from briefing_app.domain.library import ClaimFilter
from briefing_app.services.library import Library
from briefing_app.ui.claims import corrections
from briefing_app.ui.main_window import MainWindow

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifiers: object) -> None:
    window.claims.setFocus()
    qtbot.keyClick(window.claims, key, modifiers)  # type: ignore[arg-type]


def undo(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_Z, CTRL)


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def trigger(menu: QMenu, text: str) -> None:
    action = next(a for a in menu.actions() if a.text() == text)
    assert action.isEnabled()
    action.trigger()


def test_not_a_claim_leaves_the_list_and_ctrl_z_brings_it_back(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    window.claims.select_claim(9)
    press(qtbot, window, Qt.Key.Key_Delete, SHIFT)
    assert 9 not in seeded_library.claim_ids()
    assert window.claim_model.row_of(9) == -1
    assert window.claims.current_claim_id() not in (None, 9)
    undo(qtbot, window)
    assert 9 in seeded_library.claim_ids()
    assert window.claims.current_claim_id() == 9


def test_merge_with_next_shows_the_merged_claim_and_undo_splits_it_again(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    first, second = seeded_library.claim(5), seeded_library.claim(6)
    window.claims.select_claim(5)
    press(qtbot, window, Qt.Key.Key_J, CTRL)
    merged = seeded_library.claim(5)
    assert merged.text.startswith(first.text) and merged.text.endswith(second.text)
    assert window.claims.current_claim_id() == 5
    assert window.card.claim() == merged
    assert window.article.claim_at_offset(second.start) == merged  # the article was re-read
    undo(qtbot, window)
    assert seeded_library.claim(5).text == first.text
    assert seeded_library.claim(6).text == second.text
    assert window.claims.current_claim_id() == 5


def test_merging_the_last_claim_says_why_once_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    last = max(seeded_library.claim_ids())
    window.claims.select_claim(last)
    press(qtbot, window, Qt.Key.Key_J, CTRL)
    assert "last of its document" in status(window)
    assert window.undo_stack.count() == 0
    assert seeded_library.claim(last).text == window.card.claim().text  # type: ignore[union-attr]


def test_split_here_from_the_article_menu_keeps_the_first_part_selected(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    claim = seeded_library.claim(7)
    window.claims.select_claim(7)
    at = claim.start + claim.text.index(" ", len(claim.text) // 2)
    trigger(window.article.context_menu(at), "Split claim here")  # no wide characters here
    assert len(seeded_library.claim(7).text) < len(claim.text)
    assert len(seeded_library.claim_ids()) == 17
    assert window.claims.current_claim_id() == 7
    undo(qtbot, window)
    assert seeded_library.claim(7).text == claim.text
    assert len(seeded_library.claim_ids()) == 16


def test_a_split_at_the_edge_of_a_claim_is_an_error_that_changes_nothing(
    window: MainWindow, seeded_library: Library
) -> None:
    claim = seeded_library.claim(4)
    window.claims.select_claim(4)
    window.corrections.split_at(claim.start)
    assert "nothing changed" in status(window)
    assert window.undo_stack.count() == 0
    assert seeded_library.claim(4).text == claim.text


def test_a_claim_from_a_selected_passage_is_selected_and_undo_removes_it(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    window.claims.select_claim(1)
    document = seeded_library.document_text(1)
    boilerplate = next(p for p in document.paragraphs if p.kind == "boilerplate")
    window.article.select_span(boilerplate.start, boilerplate.end)
    trigger(window.article.context_menu(boilerplate.start), "Make a claim from selection")
    made = window.claims.current_claim_id()
    assert made is not None and seeded_library.claim(made).origin == "analyst"
    undo(qtbot, window)
    with pytest.raises(NotFoundError):
        seeded_library.claim(made)


def test_an_empty_selection_makes_no_claim(window: MainWindow) -> None:
    window.claims.select_claim(1)
    menu = window.article.context_menu(0)
    assert not next(
        a for a in menu.actions() if a.text() == "Make a claim from selection"
    ).isEnabled()
    window.corrections.claim_from_selection()
    assert "Select some text" in status(window)
    assert window.undo_stack.count() == 0


def test_a_note_on_a_selection_goes_on_its_claim_and_undo_deletes_it(
    qtbot: QtBot, window: MainWindow, seeded_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corrections, "ask_note_body", lambda _parent: "this phrase")
    claim = seeded_library.claim(2)
    window.claims.select_claim(2)
    window.article.select_span(claim.start + 3, claim.start + 12)
    trigger(window.article.context_menu(claim.start + 3), "Note on selection…")
    assert [n.body for n in seeded_library.notes(2)] == ["this phrase"]
    assert window.claims.current_claim_id() == 2
    undo(qtbot, window)
    assert seeded_library.notes(2) == []


def test_the_not_claims_view_lists_them_and_this_is_a_claim_shows_one_again(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    seeded_library.dismiss_claim(9)
    window.navigator_model.refresh()
    window.navigator.select_filter(ClaimFilter(dismissed=True))
    assert window.navigator.currentIndex().data() == "Not claims"
    window.claims.select_claim(9)
    assert window.claims.current_claim_id() == 9
    assert not window.action_map["not_a_claim"].isEnabled()
    window.action_map["this_is_a_claim"].trigger()
    assert 9 in seeded_library.claim_ids()
    assert window.claim_model.row_of(9) == -1
    undo(qtbot, window)
    assert seeded_library.claim_ids(ClaimFilter(dismissed=True)) == [9]
    assert window.claims.current_claim_id() == 9


def test_the_claim_menu_offers_the_corrections(window: MainWindow) -> None:
    window.claims.select_claim(3)
    claim = window.current_claim()
    assert claim is not None
    texts = [a.text() for a in window.filing.claim_menu(claim).actions()]
    assert {"&Not a claim", "&Merge with next claim", "Copy with c&itation"} <= set(texts)
    assert "&This is a claim" not in texts


def test_copy_with_citation_puts_text_and_html_on_the_clipboard(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    window.claims.select_claim(11)
    claim = seeded_library.claim(11)
    press(qtbot, window, Qt.Key.Key_C, CTRL | SHIFT)
    data = QGuiApplication.clipboard().mimeData()
    assert data.text().startswith(f"“{claim.text}”\n— ")
    assert f"¶{claim.paragraph} (claim 11)" in data.text()
    assert claim.document_title in data.text()
    assert data.hasHtml() and "<blockquote>" in data.html()
