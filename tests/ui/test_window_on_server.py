"""The window over a team library on a real PostgreSQL server: the same work as on a file."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from briefing_app.services.library import Library
from briefing_app.ui.main_window import MainWindow
from tests.ui.conftest import OpenWindow

pytestmark = pytest.mark.postgresql


@pytest.fixture
def server_library(pg_seeded_url: str) -> Iterator[Library]:
    library = Library.open(pg_seeded_url)
    yield library
    library.close()


@pytest.fixture
def server_window(open_window: OpenWindow, server_library: Library) -> MainWindow:
    return open_window(server_library)


def test_the_window_lists_searches_and_counts_on_the_server(
    qtbot: QtBot, server_window: MainWindow, server_library: Library
) -> None:
    window = server_window
    assert window.claim_model.total() == 16
    assert window.library_label.text().startswith("postgresql://")
    window.search.focus()
    qtbot.keyClicks(window.search.edit, "homs -russian")
    expected = list(server_library.search_ids("homs -russian").ids)
    assert expected
    qtbot.waitUntil(
        lambda: not window.controller.searching() and window.claim_model.ids() == expected
    )
    assert window.search.count.text() == f"{len(expected)} of 16"


def test_a_note_typed_in_the_window_is_saved_on_the_server(
    qtbot: QtBot, server_window: MainWindow, pg_seeded_url: str
) -> None:
    window = server_window
    window.claims.select_claim(3)
    window.notes.focus_editor()
    qtbot.keyClicks(window.notes.editor, "Check against the ISW map")
    colleague = Library.open(pg_seeded_url)  # another connection: what the server holds
    try:
        qtbot.waitUntil(
            lambda: [n.body for n in colleague.notes(3)] == ["Check against the ISW map"]
        )
    finally:
        colleague.close()


def test_restore_backup_says_who_backs_a_team_library_up(server_window: MainWindow) -> None:
    action = server_window.action_map["restore_backup"]
    assert not action.isEnabled() and "administrator" in action.statusTip()
    assert server_window.show_restore_backup() is None
    assert "pg_dump" in server_window.statusBar().currentMessage()
