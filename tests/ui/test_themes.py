"""The analyst files claims: keys 1-9 and the context menu; stored as analyst; undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from briefing_app.bundled import bundled_briefings
from briefing_app.domain.library import ClaimFilter
from briefing_app.services.library import Library
from briefing_app.ui.main_window import MainWindow
from briefing_app.ui.navigator.theme_navigator import CountRole


def count(qtbot: QtBot, window: MainWindow, label: str) -> int:
    """Return the navigator's count for ``label`` once the newest count has arrived."""
    model = window.navigator_model
    qtbot.waitUntil(lambda: not model.counting())
    row = next(r for r in range(model.rowCount()) if model.index(r).data() == label)
    return int(model.index(row).data(CountRole))


def submenu(menu: QMenu, title: str) -> QMenu:
    found = next(a.menu() for a in menu.actions() if a.text() == title)
    assert isinstance(found, QMenu)
    return found


def test_key_3_files_under_the_third_theme_as_analyst(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    qtbot.keyClick(window.claims, Qt.Key.Key_3)
    primary = seeded_library.claim(1).primary_theme
    assert (primary.key, primary.origin) == ("foreign-forces", "analyst")
    assert count(qtbot, window, "Foreign forces") == 6
    assert window.card.theme_lines()[0] == "Foreign forces (primary)\nfiled by an analyst"


def test_ctrl_z_puts_back_the_previous_filings(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    before = seeded_library.claim(1).themes
    qtbot.keyClick(window.claims, Qt.Key.Key_2)
    qtbot.keyClick(window.claims, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert seeded_library.claim(1).themes == before
    assert count(qtbot, window, "Assad's defense") == 8


def test_move_to_theme_leaves_only_that_theme(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    window.claims.select_claim(8)
    menu = window.filing.claim_menu(seeded_library.claim(8))
    next(a for a in submenu(menu, "Move to theme").actions() if "Foreign" in a.text()).trigger()
    themes = seeded_library.claim(8).themes
    assert [(t.key, t.is_primary, t.origin) for t in themes] == [
        ("foreign-forces", True, "analyst")
    ]
    assert (count(qtbot, window, "The offensive"), count(qtbot, window, "Foreign forces")) == (6, 6)


def test_also_file_under_and_remove_from_theme(window: MainWindow, seeded_library: Library) -> None:
    menu = window.filing.claim_menu(seeded_library.claim(1))
    next(a for a in submenu(menu, "Also file under").actions() if "Assad" in a.text()).trigger()
    assert {t.key: t.is_primary for t in seeded_library.claim(1).themes} == {
        "offensive": True,
        "assad-defense": False,
    }
    menu = window.filing.claim_menu(seeded_library.claim(1))
    submenu(menu, "Remove from theme").actions()[0].trigger()
    assert [t.key for t in seeded_library.claim(1).themes] == ["assad-defense"]


def test_moving_out_of_the_shown_theme_selects_the_next_claim(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.navigator.select_filter(ClaimFilter(theme="foreign-forces"))
    window.claims.select_row(0)
    first = window.claims.current_claim_id()
    menu = window.filing.claim_menu(window.current_claim())
    next(a for a in submenu(menu, "Move to theme").actions() if "offensive" in a.text()).trigger()
    assert first not in window.claim_model.ids() and window.claim_model.total() == 4
    assert window.claims.current_claim_id() == window.claim_model.ids()[0]
    assert window.notes.claim_id() == window.claims.current_claim_id()


def test_the_analyst_choice_survives_a_reimport_of_the_same_document(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    qtbot.keyClick(window.claims, Qt.Key.Key_3)
    [result] = seeded_library.import_files(bundled_briefings())
    window.library_changed.emit()
    assert result.already_present
    assert seeded_library.claim(1).primary_theme.key == "foreign-forces"
    assert count(qtbot, window, "Foreign forces") == 6


def test_the_claim_menu_bar_moves_files_and_removes_the_selected_claim(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    window.claims.select_claim(1)
    menu = window.claim_menu_bar
    menu.aboutToShow.emit()
    submenus = {a.text(): a.menu() for a in menu.actions() if a.menu() is not None}
    assert {"Move to theme", "Also file under", "Remove from theme"} <= set(submenus)
    also = submenus["Also file under"]
    foreign = next(a for a in also.actions() if "Foreign forces" in a.text())
    foreign.trigger()
    assert "foreign-forces" in {t.key for t in seeded_library.claim(1).themes}
    window.undo_stack.undo()
    assert "foreign-forces" not in {t.key for t in seeded_library.claim(1).themes}
    menu.aboutToShow.emit()  # rebuilt for the claim, not added twice
    titles = [a.text() for a in menu.actions() if a.menu() is not None]
    assert titles.count("Move to theme") == 1
