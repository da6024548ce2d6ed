"""Saved searches: save the query under a name, see it with a live count, rename, delete."""

from __future__ import annotations

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from briefing_app.domain.library import ClaimFilter
from briefing_app.services.library import Library
from briefing_app.ui.main_window import MainWindow
from briefing_app.ui.navigator import saved_searches as saved_searches_module
from briefing_app.ui.navigator.theme_navigator import KIND_SAVED


def _saved_rows(window: MainWindow) -> list[tuple[str, int]]:
    model = window.navigator_model
    return [
        (model.entry(r).label, model.entry(r).count)
        for r in range(model.rowCount())
        if model.entry(r).kind == KIND_SAVED
    ]


def test_save_rename_and_delete_a_search(
    qtbot: QtBot,
    window: MainWindow,
    seeded_library: Library,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: ModelTester,
) -> None:
    window.search.focus()
    qtbot.keyClicks(window.search.edit, "russian")
    qtbot.waitUntil(lambda: window.search.count.text() == "2 of 16")
    monkeypatch.setattr(saved_searches_module, "ask_text", lambda *_args: "Russia watch")
    window.action_map["save_search"].trigger()
    qtbot.waitUntil(lambda: _saved_rows(window) == [("Russia watch", 2)])
    qtmodeltester.check(window.navigator_model)
    window.search.edit.clear()
    window.navigator.select_filter(ClaimFilter(query="russian"))
    qtbot.waitUntil(lambda: window.claim_model.total() == 2)
    seeded_library.add_note(1, "Russian advisers seen near Homs")
    window.navigator_model.refresh()
    qtbot.waitUntil(lambda: _saved_rows(window) == [("Russia watch", 3)])
    saved_id = seeded_library.saved_searches()[0].id
    monkeypatch.setattr(saved_searches_module, "ask_text", lambda *_args: "Moscow")
    window.saved_searches.rename(saved_id, "Russia watch")
    assert _saved_rows(window) == [("Moscow", 3)]
    monkeypatch.setattr(saved_searches_module, "ask", lambda *_args: True)
    window.saved_searches.delete(saved_id, "Moscow")
    assert _saved_rows(window) == [] and seeded_library.saved_searches() == []


def test_saving_an_empty_search_says_what_to_do(qtbot: QtBot, window: MainWindow) -> None:
    window.action_map["save_search"].trigger()
    assert "Type a search first" in window.statusBar().currentMessage()


def test_renaming_to_a_taken_name_is_refused(
    qtbot: QtBot, window: MainWindow, seeded_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded_library.save_search("A", "homs")
    second = seeded_library.save_search("B", "hama")
    monkeypatch.setattr(saved_searches_module, "ask_text", lambda *_args: "A")
    window.saved_searches.rename(second.id, "B")
    assert "already called" in window.statusBar().currentMessage()
    assert sorted(s.name for s in seeded_library.saved_searches()) == ["A", "B"]
