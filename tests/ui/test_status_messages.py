"""The status bar speaks of the present: no hint outlives its query, no message its edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from briefing_app.domain.errors import LibraryError
from briefing_app.services.library import Library
from briefing_app.ui.main_window import MainWindow

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def type_query(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type ``text`` into the empty search box and wait until its results are listed."""
    window.search.focus()
    qtbot.keyClicks(window.search.edit, text)
    qtbot.waitUntil(
        lambda: window.search.count.text().endswith(" of 16") and not window.controller.searching()
    )


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifiers: object = None) -> None:
    window.claims.setFocus()
    qtbot.keyClick(window.claims, key, modifiers or Qt.KeyboardModifier.NoModifier)  # type: ignore[arg-type]


def test_a_search_hint_goes_with_its_query(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "theme:bogus homs")
    qtbot.waitUntil(lambda: "bogus" in status(window))
    qtbot.keyClick(window.search.edit, Qt.Key.Key_Escape)
    assert window.search.query() == "" and "bogus" not in status(window)
    type_query(qtbot, window, "homs")
    assert window.search.count.text() == "5 of 16"
    assert "bogus" not in status(window)


def test_a_hint_stays_while_its_query_stays(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "theme:bogus homs")
    qtbot.waitUntil(lambda: "bogus" in status(window))
    window.claims.setFocus()
    press(qtbot, window, Qt.Key.Key_Down)  # a new claim, the same query
    assert "bogus" in status(window)


def test_the_save_search_hint_goes_once_a_search_is_typed(qtbot: QtBot, window: MainWindow) -> None:
    window.action_map["save_search"].trigger()
    assert "Type a search first" in status(window)
    type_query(qtbot, window, "homs")
    assert "Type a search first" not in status(window)


def test_ctrl_z_says_what_it_undid_instead_of_filed_under(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    press(qtbot, window, Qt.Key.Key_2)
    assert status(window).startswith("Filed under Assad's defense")
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert "Filed under" not in status(window)
    assert status(window) == "Undone: file under Assad's defense"
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert status(window) == "Redone: file under Assad's defense"
    assert seeded_library.claim(1).primary_theme.key == "assad-defense"  # type: ignore[union-attr]


def test_a_later_filing_from_the_menu_replaces_filed_under(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    press(qtbot, window, Qt.Key.Key_2)
    assert status(window).startswith("Filed under Assad's defense")
    menu = window.filing.claim_menu(seeded_library.claim(1))
    moves = next(a.menu() for a in menu.actions() if a.text() == "Move to theme")
    assert isinstance(moves, QMenu)
    next(a for a in moves.actions() if "Foreign" in a.text()).trigger()
    assert "Assad" not in status(window)
    assert status(window).startswith("Moved to Foreign forces")


def test_an_undo_that_fails_says_so_and_nothing_else(
    qtbot: QtBot, window: MainWindow, seeded_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    press(qtbot, window, Qt.Key.Key_2)

    def locked(*_args: object) -> None:
        raise LibraryError("The library is locked by another program.")

    monkeypatch.setattr(seeded_library, "restore_filings", locked)
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert status(window) == "⚠ The library is locked by another program."
