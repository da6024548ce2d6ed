"""The Qt models on their own, without any widget, and under qtmodeltester."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from briefing_app.domain.library import ClaimFilter
from briefing_app.services.library import Library
from briefing_app.ui import claim_table_model
from briefing_app.ui.claim_table_model import (
    COL_NOTES,
    COL_TEXT,
    COL_THEMES,
    ClaimIdRole,
    ClaimTableModel,
)
from briefing_app.ui.note_list_model import NoteListModel
from briefing_app.ui.theme_navigator import CountRole, FilterRole, ThemeNavigatorModel


def test_navigator_model_lists_all_themes_then_views(seeded_library: Library) -> None:
    model = ThemeNavigatorModel(seeded_library)
    labels = [model.index(r).data() for r in range(model.rowCount())]
    assert labels == ["All", "The offensive", "Assad's defense", "Foreign forces",
                      "With notes", "Hedged", "Unfiled"]
    assert model.index(5).data(CountRole) == 2
    assert model.index(1).data(FilterRole) == ClaimFilter(theme="offensive")


def test_navigator_counts_update_in_place(seeded_library: Library, qtbot: QtBot) -> None:
    model = ThemeNavigatorModel(seeded_library)
    seeded_library.add_note(1, "checked")
    with qtbot.waitSignal(model.dataChanged), qtbot.assertNotEmitted(model.modelReset):
        model.refresh()
    assert model.index(4).data(CountRole) == 1


def test_navigator_model_passes_the_model_tester(
    seeded_library: Library, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(ThemeNavigatorModel(seeded_library))


def test_claim_model_passes_the_model_tester(
    seeded_library: Library, qtmodeltester: ModelTester
) -> None:
    model = ClaimTableModel(seeded_library)
    model.set_ids(seeded_library.claim_ids())
    qtmodeltester.check(model)


def test_claim_model_reads_claims_only_when_shown(
    seeded_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(claim_table_model, "PAGE", 5)
    monkeypatch.setattr(claim_table_model, "CACHE_ROWS", 6)
    asked: list[int] = []
    real = seeded_library.claims
    monkeypatch.setattr(seeded_library, "claims", lambda ids: asked.extend(ids) or real(ids))
    model = ClaimTableModel(seeded_library)
    model.set_ids(seeded_library.claim_ids())
    assert (model.rowCount(), asked, model.canFetchMore(QModelIndex())) == (5, [], True)
    model.fetchMore(QModelIndex())
    assert (model.rowCount(), asked) == (10, [])
    assert model.index(7, COL_TEXT).data().startswith("Insurgents took")
    assert asked == [6, 7, 8, 9, 10]
    assert model.index(0, COL_TEXT).data().startswith("Syrian civilians")
    assert len(model._cache) <= 6  # noqa: SLF001 - memory stays bounded
    assert model.row_of(16) == 15 and model.rowCount() == 16


def test_claim_model_shows_paragraph_text_and_notes(seeded_library: Library) -> None:
    seeded_library.add_note(1, "one")
    model = ClaimTableModel(seeded_library)
    model.set_ids(seeded_library.claim_ids())
    assert model.index(0, 0).data() == "¶1"
    assert model.index(0, COL_TEXT).data().startswith("Syrian civilians are fleeing")
    assert model.index(0, COL_NOTES).data() == "✎ 1"
    assert model.index(0, COL_TEXT).data(ClaimIdRole) == 1


def test_claim_model_sorts_by_theme_and_back(seeded_library: Library) -> None:
    model = ClaimTableModel(seeded_library)
    model.set_ids(seeded_library.claim_ids())
    model.sort(COL_THEMES, Qt.SortOrder.AscendingOrder)
    primaries = [model.claim_at(r).primary_theme.key for r in range(16)]
    assert primaries == ["offensive"] * 7 + ["assad-defense"] * 7 + ["foreign-forces"] * 2
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert model.ids() == seeded_library.claim_ids()


def test_note_list_model_passes_the_model_tester(
    seeded_library: Library, qtmodeltester: ModelTester
) -> None:
    model = NoteListModel()
    notes = [seeded_library.add_note(1, "first\nline two"), seeded_library.add_note(1, "x")]
    model.set_notes(notes)
    assert model.index(0).data().endswith("first")
    qtmodeltester.check(model)
