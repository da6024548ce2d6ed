"""A new view keeps the selected claim when it lists it, else starts at its first claim."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefing_app.ui.main_window import MainWindow


def click_view(qtbot: QtBot, window: MainWindow, label: str) -> None:
    """Click the navigator's row named ``label``."""
    model = window.navigator_model
    row = next(r for r in range(model.rowCount()) if model.index(r).data() == label)
    rect = window.navigator.visualRect(model.index(row))
    qtbot.mouseClick(window.navigator.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.navigator.currentIndex().row() == row


def shown(window: MainWindow) -> tuple[int | None, int | None, int | None]:
    """Return the selected claim, the claim on the source card and the notes' claim."""
    card = window.card.claim()
    return (
        window.claims.current_claim_id(),
        card.id if card is not None else None,
        window.notes.claim_id(),
    )


def is_visible(window: MainWindow) -> bool:
    rect = window.claims.visualRect(window.claims.currentIndex())
    return window.claims.viewport().rect().intersects(rect)


@pytest.mark.parametrize(
    ("selected", "view", "expected"),
    [
        (3, "Foreign forces", 10),  # claim 3 is not listed: the first claim, not row 2 (13)
        (16, "Hedged", 11),  # not listed: the first claim, not the last row (13)
        (13, "Foreign forces", 13),  # listed at another row: it stays selected
        (13, "Hedged", 13),
        (4, "Unfiled", None),  # an empty view selects nothing
    ],
)
def test_a_new_view_keeps_the_claim_or_starts_at_the_top(
    qtbot: QtBot, window: MainWindow, selected: int, view: str, expected: int | None
) -> None:
    window.claims.select_claim(selected)
    click_view(qtbot, window, view)
    assert shown(window) == (expected, expected, expected)
    if expected is not None:
        assert is_visible(window)


def test_a_claim_far_down_stays_selected_and_in_sight(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(900, 420)
    click_view(qtbot, window, "Assad's defense")
    window.claims.select_claim(13)  # the last of the theme, below the fold
    click_view(qtbot, window, "All")
    assert shown(window) == (13, 13, 13)
    assert window.claims.currentIndex().row() == 12 and is_visible(window)


def test_a_new_query_starts_at_the_first_match_when_the_claim_is_gone(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.claims.select_claim(16)
    with qtbot.waitSignal(window.controller.listed):
        window.search.set_query("russian")
    first = window.claim_model.ids()[0]
    assert shown(window) == (first, first, first)
