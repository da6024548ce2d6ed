"""The window shows who did what, and lets the analyst set the name it records."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from briefing_app.services.library import Library
from briefing_app.ui.analyst_name import NAME_KEY, apply_saved_name
from briefing_app.ui.main_window import MainWindow
from tests.conftest import DATA
from tests.ui.conftest import OpenWindow
from tests.ui.test_themes import submenu


def _answer(monkeypatch: pytest.MonkeyPatch, text: str, accepted: bool = True) -> None:
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: (text, accepted)))


def test_your_name_is_recorded_on_notes_and_kept_for_next_time(
    qtbot: QtBot,
    window: MainWindow,
    seeded_library: Library,
    open_window: OpenWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _answer(monkeypatch, "  Amal\tHaddad ")
    window.action_map["analyst_name"].trigger()
    assert seeded_library.analyst == "Amal Haddad"
    window.claims.select_claim(2)
    window.notes.focus_editor()
    qtbot.keyClicks(window.notes.editor, "Seen before")
    assert window.notes.flush()
    [note] = seeded_library.notes(2)
    assert note.analyst == "Amal Haddad"
    assert "· Amal Haddad" in str(window.notes.model.index(0).data())
    seeded_library.analyst = "someone else"
    open_window(seeded_library)  # a new window applies the saved name
    assert seeded_library.analyst == "Amal Haddad"


def test_a_blank_or_cancelled_name_changes_nothing(
    window: MainWindow, seeded_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = seeded_library.analyst
    for text, accepted in (("   ", True), ("Ignored", False)):
        _answer(monkeypatch, text, accepted)
        window.action_map["analyst_name"].trigger()
    assert seeded_library.analyst == before


def test_the_card_says_who_last_filed_the_claim(
    window: MainWindow, seeded_library: Library
) -> None:
    seeded_library.analyst = "Ben"
    window.claims.select_claim(8)
    assert not window.card.last_change.isVisibleTo(window.card)
    menu = window.filing.claim_menu(seeded_library.claim(8))
    next(a for a in submenu(menu, "Move to theme").actions() if "Foreign" in a.text()).trigger()
    card = window.card
    assert card.last_change.text().startswith("moved to foreign-forces · Ben · ")
    assert card.last_change.isVisibleTo(card)


def test_a_saved_name_is_applied_cleaned(settings_path: Path, seeded_library: Library) -> None:
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    settings.setValue(NAME_KEY, "Desk\nOne")
    apply_saved_name(seeded_library, settings)
    assert seeded_library.analyst == "Desk One"


def test_a_briefings_tooltip_says_who_imported_it(tmp_path: Path) -> None:
    from briefing_app.ui.navigator.briefings_model import BriefingsModel, describe

    library = Library.open(tmp_path / "library.db", analyst="Chen")
    try:
        [imported] = library.import_files([DATA / "articles" / "001_reuters_hama_outskirts.txt"])
        [listing] = library.document_listings([imported.document_id])
        assert describe(listing).endswith("Imported by Chen")
        model = BriefingsModel(library)
        tip = str(model.index(1).data(Qt.ItemDataRole.ToolTipRole))
        assert "Imported by Chen" in tip
    finally:
        library.close()
