"""The claims list's columns: the Admiralty grade of each claim; a Document column only when
the list spans briefings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QStandardItemModel
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from briefing_app.domain.library import ClaimFilter
from briefing_app.services.library import Library
from briefing_app.ui.claims.claim_list_controller import find_matches
from briefing_app.ui.claims.claim_table_model import COL_DOCUMENT, COL_GRADE, COL_TEXT, COL_THEMES
from briefing_app.ui.claims.claim_table_view import MIN_TEXT_WIDTH
from briefing_app.ui.main_window import MainWindow
from briefing_app.ui.plain_text import plain_tooltip

ARTICLES = Path(__file__).parent.parent / "data" / "articles"
REUTERS = ARTICLES / "001_reuters_hama_outskirts.txt"
MONITOR = ARTICLES / "003_almonitor_damascus_waits.txt"
OpenWindow = Callable[[Library], MainWindow]


def grade_of(window: MainWindow, claim_id: int, role: int = Qt.ItemDataRole.DisplayRole) -> str:
    row = window.claim_model.row_of(claim_id)
    return str(window.claim_model.index(row, COL_GRADE).data(role))


def search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    with qtbot.waitSignal(window.controller.listed):
        window.search.set_query(text)
    qtbot.waitUntil(lambda: not window.controller.searching())


def document_column_shown(window: MainWindow) -> bool:
    return not window.claims.isColumnHidden(COL_DOCUMENT)


# the grade column


def test_each_claim_shows_its_grade_and_why_in_the_tooltip(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    assert not window.claims.isColumnHidden(COL_GRADE)
    assert grade_of(window, 1) == "—"  # not graded yet
    assert "Not graded" in grade_of(window, 1, Qt.ItemDataRole.ToolTipRole)
    window.claims.select_claim(1)
    window.filing.grade(1, "B", 2)  # as the source card asks: reliability goes to the outlet
    assert grade_of(window, 1) == "B2" and grade_of(window, 2) == "B6"
    assert grade_of(window, 1, Qt.ItemDataRole.ToolTipRole) == plain_tooltip(
        "Reliability B (usually reliable) from the outlet, Washington Examiner;"
        " credibility 2 (probably true)"
    )
    window.filing.override(3, "D")
    assert grade_of(window, 3) == "D6"
    assert "Reliability D (not usually reliable), graded for this claim only;" in grade_of(
        window, 3, Qt.ItemDataRole.ToolTipRole
    )


def test_a_grade_the_claim_only_inherits_is_muted(window: MainWindow) -> None:
    window.claims.select_claim(1)
    window.filing.grade(1, "B", 2)  # claim 1 assessed; claim 2 only gets its outlet's B
    foreground = Qt.ItemDataRole.ForegroundRole
    row_1, row_2 = (window.claim_model.row_of(i) for i in (1, 2))
    assert window.claim_model.index(row_1, COL_GRADE).data(foreground) is None
    muted = window.claim_model.index(row_2, COL_GRADE).data(foreground)
    assert muted == window.palette().color(QPalette.ColorRole.PlaceholderText)
    assert window.claim_model.index(row_2, COL_TEXT).data(foreground) is None


def test_the_grade_column_sorts_best_graded_first(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    seeded_library.override_reliability(9, "A")
    seeded_library.set_grading(9, "A", 1)
    seeded_library.override_reliability(4, "C")
    window.library_changed.emit()
    window.claims.sortByColumn(COL_GRADE, Qt.SortOrder.AscendingOrder)
    model = window.claim_model
    assert [model.index(r, COL_GRADE).data() for r in range(3)] == ["A1", "C6", "—"]
    assert model.index(0, COL_TEXT).data(Qt.ItemDataRole.UserRole + 1) == 9
    window.claims.sortByColumn(COL_GRADE, Qt.SortOrder.DescendingOrder)
    assert model.index(model.rowCount() - 1, COL_GRADE).data() == "A1"


def test_the_grade_column_can_be_hidden_and_stays_hidden(
    qtbot: QtBot, open_window: OpenWindow, seeded_library: Library
) -> None:
    window = open_window(seeded_library)
    menu = window.claims.column_menu()
    toggle = next(a for a in menu.actions() if a.text() == "Grade")
    assert toggle.isCheckable() and toggle.isChecked()
    toggle.trigger()
    assert window.claims.isColumnHidden(COL_GRADE)
    window.close()
    again = open_window(seeded_library)
    assert again.claims.isColumnHidden(COL_GRADE)
    next(a for a in again.claims.column_menu().actions() if a.text() == "Grade").trigger()
    assert not again.claims.isColumnHidden(COL_GRADE)


def test_a_layout_saved_before_the_grade_column_still_shows_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    before = QHeaderView(Qt.Orientation.Horizontal)
    before.setModel(QStandardItemModel(0, COL_GRADE))  # the six columns the list had
    before.moveSection(COL_DOCUMENT, 0)
    header = window.claims.horizontalHeader()
    header.restoreState(before.saveState())
    assert not window.claims.isColumnHidden(COL_GRADE) and header.sectionSize(COL_GRADE) > 20


# the document column


def test_one_briefing_needs_no_document_column(window: MainWindow) -> None:
    assert window.claim_model.total() == 16
    assert not document_column_shown(window)


def test_the_document_column_follows_what_the_list_spans(
    qtbot: QtBot, open_window: OpenWindow, seeded_library: Library
) -> None:
    seeded_library.import_files([REUTERS, MONITOR])
    window = open_window(seeded_library)
    assert document_column_shown(window)  # every claim: three briefings
    search(qtbot, window, "doc:hama")  # one briefing's claims only
    assert window.claim_model.total() == 16 and not document_column_shown(window)
    search(qtbot, window, "rebels")
    documents = {c.document_id for c in seeded_library.claims(window.claim_model.ids())}
    assert len(documents) > 1 and document_column_shown(window)
    search(qtbot, window, "")
    seeded_library.add_note(3, "only the Examiner's claims have notes")
    window.library_changed.emit()
    window.navigator.select_filter(ClaimFilter(with_notes=True))  # paged: one briefing
    assert window.claim_model.ids() == [3] and not document_column_shown(window)
    window.navigator.select_filter(ClaimFilter())
    assert document_column_shown(window)


def test_a_second_briefing_brings_the_document_column(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    assert not document_column_shown(window)
    seeded_library.import_files([REUTERS])
    seeded_library.save_search("Hama", "doc:hama")
    window.library_changed.emit()
    assert document_column_shown(window)
    window.navigator.select_filter(ClaimFilter(query="doc:hama"))  # a saved search's view
    assert window.claim_model.total() == 16 and not document_column_shown(window)


def test_a_keystroke_is_still_one_read_of_the_store(seeded_library: Library) -> None:
    seeded_library.import_files([REUTERS])
    before = seeded_library._store.finds  # noqa: SLF001 - the store's own count (make bench)
    found = find_matches(seeded_library, "army -rebels", ClaimFilter(theme="offensive"))
    assert seeded_library._store.finds == before + 1  # noqa: SLF001
    assert found.documents is not None


def test_the_claim_text_keeps_a_readable_width_beside_the_other_columns(
    qtbot: QtBot, open_window: OpenWindow, seeded_library: Library
) -> None:
    seeded_library.import_files([REUTERS, MONITOR])
    window = open_window(seeded_library)  # a first run: the themes column fits its chips
    header = window.claims.horizontalHeader()
    window.resize(1700, 800)
    window.main_splitter.setSizes([200, 1100, 400])
    qtbot.waitUntil(lambda: window.claims.viewport().width() > 1000)
    themes = header.sectionSize(COL_THEMES)
    assert document_column_shown(window) and not window.claims.isColumnHidden(COL_GRADE)
    window.resize(1300, 800)
    window.main_splitter.setSizes([200, 720, 360])
    qtbot.waitUntil(lambda: header.sectionSize(COL_TEXT) >= MIN_TEXT_WIDTH)
    assert header.sectionSize(COL_THEMES) < themes  # the themes gave way
    window.resize(1700, 800)
    window.main_splitter.setSizes([200, 1100, 400])  # room again: the themes get it back
    qtbot.waitUntil(lambda: header.sectionSize(COL_THEMES) == themes)
    assert header.sectionSize(COL_TEXT) > MIN_TEXT_WIDTH + 200


def test_no_sort_arrow_while_results_come_most_relevant_first(
    qtbot: QtBot, window: MainWindow
) -> None:
    header = window.claims.horizontalHeader()
    assert header.isSortIndicatorShown()  # the list in reading order: ¶ ascending
    search(qtbot, window, "rebels")  # few matches: ranked by relevance
    assert not header.isSortIndicatorShown()
    window.claims.sortByColumn(COL_GRADE, Qt.SortOrder.AscendingOrder)  # the user sorts
    assert header.isSortIndicatorShown()
    search(qtbot, window, "")
    assert header.isSortIndicatorShown()
