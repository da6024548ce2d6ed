"""The Qt models on their own, without any widget, and under qtmodeltester."""

from __future__ import annotations

from functools import partial

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from briefing_app.domain.library import ClaimFilter
from briefing_app.services.library import Library
from briefing_app.ui.claims import claim_table_model
from briefing_app.ui.claims.claim_table_model import (
    COL_GRADE,
    COL_NOTES,
    COL_TEXT,
    COL_THEMES,
    ClaimIdRole,
    ClaimTableModel,
)
from briefing_app.ui.navigator.theme_navigator import CountRole, FilterRole, ThemeNavigatorModel
from briefing_app.ui.notes.note_list_model import NoteListModel


def test_navigator_model_lists_all_themes_then_views(seeded_library: Library, qtbot: QtBot) -> None:
    model = ThemeNavigatorModel(seeded_library)
    labels = [model.index(r).data() for r in range(model.rowCount())]
    assert labels == [
        "All",
        "The offensive",
        "Assad's defense",
        "Foreign forces",
        "With notes",
        "Hedged",
        "Unfiled",
        "Not claims",
    ]
    assert model.index(1).data(FilterRole) == ClaimFilter(theme="offensive")
    assert model.index(5).data(CountRole) is None and model.counting()  # read in the background
    with qtbot.waitSignal(model.counts_changed):
        pass
    counts = [model.index(r).data(CountRole) for r in range(model.rowCount())]
    assert counts == [16, 7, 8, 5, 0, 2, 0, 0] and not model.counting()


def test_navigator_counts_update_in_place(seeded_library: Library, qtbot: QtBot) -> None:
    model = ThemeNavigatorModel(seeded_library)
    qtbot.waitUntil(lambda: not model.counting())
    seeded_library.add_note(1, "checked")
    with qtbot.waitSignal(model.counts_changed), qtbot.assertNotEmitted(model.modelReset):
        model.refresh()
    assert model.index(4).data(CountRole) == 1 == model.count_of(ClaimFilter(with_notes=True))


def test_only_the_newest_count_is_shown(seeded_library: Library, qtbot: QtBot) -> None:
    model = ThemeNavigatorModel(seeded_library)
    seeded_library.add_note(2, "second look")
    model.refresh()  # the first count, still running, is now out of date
    with qtbot.waitSignal(model.counts_changed):
        pass
    assert model.count_of(ClaimFilter(with_notes=True)) == 1


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


def test_a_paged_claim_model_reads_ids_as_it_scrolls(
    seeded_library: Library, monkeypatch: pytest.MonkeyPatch, qtmodeltester: ModelTester
) -> None:
    monkeypatch.setattr(claim_table_model, "PAGE", 3)
    monkeypatch.setattr(claim_table_model, "SEEK_PAGE", 4)
    reads: list[tuple[int | None, int]] = []

    def pages(after: int | None, limit: int) -> list[int]:
        reads.append((after, limit))
        return seeded_library.claim_id_page(ClaimFilter(theme="assad-defense"), after, limit)

    model = ClaimTableModel(seeded_library)
    model.set_pages("assad", pages)
    assert reads == [(None, 3)] and model.rowCount() == 3 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 6 and reads[-1] == (model.index(2, 0).data(ClaimIdRole), 3)
    expected = seeded_library.claim_ids(ClaimFilter(theme="assad-defense"))
    assert model.row_of(expected[-1]) == len(expected) - 1  # read on until it is found
    assert model.row_of(1) == -1  # not in this theme
    assert model.ids() == expected and not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)


def test_a_paged_list_refreshed_keeps_what_it_read(
    seeded_library: Library, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(claim_table_model, "PAGE", 4)
    model = ClaimTableModel(seeded_library)
    pages = partial(seeded_library.claim_id_page, ClaimFilter())
    model.set_pages(ClaimFilter(), pages)
    model.fetchMore(QModelIndex())
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        model.set_pages(ClaimFilter(), pages)  # e.g. after a note was added
    assert model.rowCount() == 8
    assert 2 in seeded_library.claim_ids(ClaimFilter(theme="offensive"))
    seeded_library.unfile(2, "offensive")
    with qtbot.waitSignal(model.modelReset):
        model.set_pages(ClaimFilter(), pages)  # another view
        model.set_pages(
            ClaimFilter(theme="offensive"),
            partial(seeded_library.claim_id_page, ClaimFilter(theme="offensive")),
        )
    assert 2 not in model.ids()


def test_sorting_a_paged_list_reads_it_whole(seeded_library: Library) -> None:
    model = ClaimTableModel(seeded_library)
    model.set_pages(ClaimFilter(), partial(seeded_library.claim_id_page, ClaimFilter()))
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 0).data(ClaimIdRole) == 16 and not model.canFetchMore(QModelIndex())


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


def test_claim_model_grades_pass_the_model_tester(
    seeded_library: Library, qtmodeltester: ModelTester
) -> None:
    seeded_library.set_grading(2, "B", 2)  # the outlet's reliability: every claim's
    seeded_library.override_reliability(5, "A")
    model = ClaimTableModel(seeded_library)
    model.set_ids(seeded_library.claim_ids())
    assert model.headerData(COL_GRADE, Qt.Orientation.Horizontal) == "Grade"
    grades = [model.index(r, COL_GRADE).data() for r in range(4)]
    assert grades == ["B6", "B2", "B6", "B6"] and model.index(4, COL_GRADE).data() == "A6"
    assert model.index(1, COL_GRADE).data(Qt.ItemDataRole.AccessibleTextRole) == "grade B2"
    qtmodeltester.check(model)
    model.sort(COL_GRADE, Qt.SortOrder.AscendingOrder)
    assert model.ids()[:2] == [5, 2]
    qtmodeltester.check(model)


def test_an_ungraded_claim_shows_a_dash(seeded_library: Library) -> None:
    model = ClaimTableModel(seeded_library)
    model.set_ids(seeded_library.claim_ids())
    assert model.index(0, COL_GRADE).data() == "—"
    assert model.index(0, COL_GRADE).data(Qt.ItemDataRole.AccessibleTextRole) == "not graded"


def test_grades_are_read_with_the_rows_a_page_at_a_time(
    seeded_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(claim_table_model, "PAGE", 5)
    asked: list[list[int]] = []
    real = seeded_library.claims
    monkeypatch.setattr(seeded_library, "claims", lambda ids: asked.append(list(ids)) or real(ids))
    model = ClaimTableModel(seeded_library)
    model.set_pages(ClaimFilter(), partial(seeded_library.claim_id_page, ClaimFilter()))
    assert model.rowCount() == 5 and model.canFetchMore(QModelIndex()) and asked == []
    assert model.index(3, COL_GRADE).data() == "—"
    assert asked == [[1, 2, 3, 4, 5]]  # one read for the page, grades included


def test_note_list_model_passes_the_model_tester(
    seeded_library: Library, qtmodeltester: ModelTester
) -> None:
    model = NoteListModel()
    notes = [seeded_library.add_note(1, "first\nline two"), seeded_library.add_note(1, "x")]
    model.set_notes(notes)
    assert model.index(0).data().endswith("first")
    qtmodeltester.check(model)
