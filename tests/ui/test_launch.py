"""Launch: the bundled briefing appears grouped by theme with source annotations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefing_app.domain.library import ClaimFilter
from briefing_app.services.library import Library
from briefing_app.ui.main_window import MainWindow
from briefing_app.ui.navigator.theme_navigator import CountRole


def navigator_counts(window: MainWindow) -> dict[str, int]:
    model = window.navigator_model
    return {model.index(r).data(): model.index(r).data(CountRole) for r in range(model.rowCount())}


def test_bundled_briefing_is_grouped_by_theme_with_counts(window: MainWindow) -> None:
    counts = navigator_counts(window)
    assert counts["All"] == 16
    assert (counts["The offensive"], counts["Assad's defense"], counts["Foreign forces"]) == (
        7,
        8,
        5,
    )
    assert list(counts)[-4:] == ["With notes", "Hedged", "Unfiled", "Not claims"]


def test_all_claims_are_listed_and_the_first_is_selected(window: MainWindow) -> None:
    assert window.claim_model.total() == 16
    assert window.claims.currentIndex().row() == 0
    assert window.card.outlet.text() == "Washington Examiner"
    assert window.card.attribution.text() == "reporter's own assertion"


def test_selecting_a_theme_lists_its_claims(window: MainWindow) -> None:
    window.navigator.select_filter(ClaimFilter(theme="offensive"))
    assert window.claim_model.total() == 7
    assert window.search.count.text() == "7 claims"
    themes = {t.key for r in range(7) for t in window.claim_model.claim_at(r).themes}
    assert "offensive" in themes


def test_a_claim_with_two_themes_shows_under_both(window: MainWindow) -> None:
    window.navigator.select_filter(ClaimFilter(theme="foreign-forces"))
    in_foreign = set(window.claim_model.ids())
    window.navigator.select_filter(ClaimFilter(theme="assad-defense"))
    assert in_foreign & set(window.claim_model.ids())


def test_an_empty_library_says_how_to_import(
    open_window: Callable[[Library], MainWindow], tmp_path: Path
) -> None:
    library = Library.open(tmp_path / "empty.db")
    window = open_window(library)
    assert window.claim_model.total() == 0
    assert "Import a briefing with File ▸ Import briefings…" in window.claims.empty_text()
    assert window.card.currentIndex() == 0 and not window.notes.editor.isEnabled()
    window.close()
    library.close()


def test_clicking_a_theme_in_the_navigator_filters_the_list(
    qtbot: QtBot, window: MainWindow
) -> None:
    navigator = window.navigator
    rect = navigator.visualRect(window.navigator_model.index(3))
    qtbot.mouseClick(navigator.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.claim_model.total() == 5
    assert window.claims.empty_text() == ""


def test_the_claims_paint_first_and_the_panes_of_the_first_claim_right_after(
    qtbot: QtBot, seeded_library: Library, settings_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    from briefing_app.ui.app import create_main_window

    window = create_main_window(
        seeded_library, QSettings(str(settings_path), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    first = window.claims.current_claim_id()
    assert first is not None  # the list has its first claim selected
    assert window.card.claim() is None and window.article.document_id() is None  # not yet
    with qtbot.waitSignal(window.claims.first_painted):
        window.show()
    qtbot.waitUntil(lambda: window.card.claim() is not None)
    card_claim = window.card.claim()
    assert card_claim is not None and card_claim.id == first
    assert window.article.document_id() == card_claim.document_id
    qtbot.keyClick(window.claims, Qt.Key.Key_Down)  # after the first paint: at once
    following = window.card.claim()
    assert following is not None and following.id != first
