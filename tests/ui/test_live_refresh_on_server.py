"""A window on a team library shows a colleague's note, filing or import within 2 seconds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from briefing_app.domain.library import ClaimFilter
from briefing_app.services.library import Library
from briefing_app.ui.main_window import MainWindow
from tests.conftest import DATA
from tests.ui.conftest import OpenWindow
from tests.ui.test_live_refresh import WITHIN_MS, listed_notes

pytestmark = pytest.mark.postgresql


@pytest.fixture
def mine(pg_seeded_url: str) -> Iterator[Library]:
    library = Library.open(pg_seeded_url)
    yield library
    library.close()


@pytest.fixture
def colleague(pg_seeded_url: str) -> Iterator[Library]:
    """Another analyst's connection to the same library (another process would do the same)."""
    library = Library.open(pg_seeded_url)
    yield library
    library.close()


@pytest.fixture
def server_window(open_window: OpenWindow, mine: Library) -> MainWindow:
    return open_window(mine)


def test_a_colleagues_note_appears_and_the_draft_stays(
    qtbot: QtBot, server_window: MainWindow, colleague: Library
) -> None:
    window = server_window
    window.claims.select_claim(3)
    window.notes.focus_editor()
    qtbot.keyClicks(window.notes.editor, "my draft")
    colleague.add_note(3, "written by a colleague")
    qtbot.waitUntil(
        lambda: any("written by a colleague" in text for text in listed_notes(window)),
        timeout=WITHIN_MS,
    )
    assert window.claims.current_claim_id() == 3
    assert window.notes.editor.toPlainText() == "my draft"


def test_a_colleagues_filing_and_import_update_the_counts(
    qtbot: QtBot, server_window: MainWindow, colleague: Library
) -> None:
    window = server_window
    window.claims.select_claim(5)
    assert window.navigator_model.count_of(ClaimFilter()) == 16
    colleague.import_files([DATA / "articles" / "001_reuters_hama_outskirts.txt"])
    qtbot.waitUntil(
        lambda: window.navigator_model.count_of(ClaimFilter()) == 32, timeout=WITHIN_MS + 1000
    )
    [claim] = colleague.claims([5])
    assert [t.key for t in claim.themes] != ["foreign-forces"]
    foreign = window.navigator_model.count_of(ClaimFilter(theme="foreign-forces"))
    colleague.move_to_theme(5, "foreign-forces")  # the colleague files claim 5 elsewhere
    qtbot.waitUntil(
        lambda: window.navigator_model.count_of(ClaimFilter(theme="foreign-forces")) == foreign + 1,
        timeout=WITHIN_MS + 1000,
    )
    assert window.claims.current_claim_id() == 5
