"""Keyboard first: j/k and arrows, Enter to notes, Esc back, / to search, ? for the sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefing_app.services.library import Library
from briefing_app.ui.dialogs.shortcut_sheet import ShortcutSheet
from briefing_app.ui.main_window import MainWindow
from tests.conftest import DATA
from tests.ui.conftest import OpenWindow


@pytest.mark.parametrize(
    ("keys", "row"),
    [
        ([Qt.Key.Key_J, Qt.Key.Key_J], 2),
        ([Qt.Key.Key_J, Qt.Key.Key_K], 0),
        ([Qt.Key.Key_Down], 1),
        ([Qt.Key.Key_K], 0),
    ],
)
def test_j_k_and_arrows_move_in_the_list(
    qtbot: QtBot, window: MainWindow, keys: list[Qt.Key], row: int
) -> None:
    for key in keys:
        qtbot.keyClick(window.claims, key)
    assert window.claims.currentIndex().row() == row
    assert window.notes.claim_id() == window.claims.current_claim_id()


def test_enter_goes_to_notes_and_esc_comes_back(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.claims, Qt.Key.Key_Return)
    assert window.notes.editor.hasFocus()
    qtbot.keyClicks(window.notes.editor, "jk")  # letters type, they do not move the list
    assert window.notes.editor.toPlainText() == "jk" and window.claims.currentIndex().row() == 0
    qtbot.keyClick(window.notes.editor, Qt.Key.Key_Escape)
    assert window.claims.hasFocus()


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_Slash, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier),
    ],
)
def test_slash_and_ctrl_f_focus_the_search(
    qtbot: QtBot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier
) -> None:
    qtbot.keyClick(window.claims, key, modifier)
    assert window.search.edit.hasFocus()


def test_question_mark_opens_the_sheet_generated_from_the_actions(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(window.claims, Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier)
    sheet = window.findChild(ShortcutSheet)
    assert sheet is not None and sheet.isVisible()
    rows = dict(sheet.rows())
    assert rows["J, Down"] == "Next claim"
    assert rows["/, Ctrl+F"] == "Search claims and notes"
    assert "1 … 9" in rows and "N" in rows and "Ctrl+Z" in rows
    qtbot.waitExposed(sheet)
    assert sheet.cut_rows() == []
    last = sheet.tree.topLevelItem(sheet.tree.topLevelItemCount() - 1)
    bottom = last.child(last.childCount() - 1)
    assert sheet.tree.viewport().rect().contains(sheet.tree.visualItemRect(bottom))
    sheet.close()


def test_end_and_home_go_to_the_last_and_the_first_claim(qtbot: QtBot, window: MainWindow) -> None:
    window.claims.setFocus()
    window.claims.select_row(3)
    qtbot.keyClick(window.claims, Qt.Key.Key_End)
    assert window.claims.currentIndex().row() == window.claim_model.rowCount() - 1 == 15
    assert window.current_claim() is not None
    qtbot.keyClick(window.claims, Qt.Key.Key_Home)
    assert window.claims.currentIndex().row() == 0


def test_end_reads_the_rest_of_a_long_list(
    qtbot: QtBot, open_window: OpenWindow, library_path: Path
) -> None:
    library = Library.open(library_path, seed=True)
    library.import_files(sorted((DATA / "articles").glob("*.txt")))
    window = open_window(library)
    total = library.count()
    assert window.claim_model.rowCount() < total  # the list is read a page at a time
    window.claims.setFocus()
    qtbot.keyClick(window.claims, Qt.Key.Key_End)
    assert window.claims.currentIndex().row() == window.claim_model.rowCount() - 1 == total - 1
