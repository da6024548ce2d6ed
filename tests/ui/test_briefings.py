"""The Briefings section: every document listed, filtered, sorted, one chosen at a time."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from briefing_app.domain.library import BY_OUTLET, NEWEST_FIRST, ClaimFilter, DocumentListing
from briefing_app.services.library import Library
from briefing_app.ui.actions import sheet_rows
from briefing_app.ui.claims.claim_table_model import COL_DOCUMENT
from briefing_app.ui.main_window import MainWindow
from briefing_app.ui.navigator import briefings_model
from briefing_app.ui.navigator.briefings import BriefingsPane
from briefing_app.ui.navigator.briefings_delegate import shown_date
from briefing_app.ui.navigator.briefings_model import PAGE, BriefingsModel, UnreadRole

ARTICLES = Path(__file__).parent.parent / "data" / "articles"
SEED_TITLE = "Syrian civilians are fleeing the city of Homs"
REUTERS_TITLE = "Syrian rebels push into Hama outskirts"
MONITOR_TITLE = "As rebels close in, Damascus waits"

OpenWindow = Callable[[Library], MainWindow]


@pytest.fixture
def library(seeded_library: Library) -> Library:
    """Return the bundled briefing plus a Reuters and an Al-Monitor article, imported after."""
    seeded_library.import_files(
        [ARTICLES / "001_reuters_hama_outskirts.txt", ARTICLES / "003_almonitor_damascus_waits.txt"]
    )
    return seeded_library


@pytest.fixture
def window(open_window: OpenWindow, library: Library) -> MainWindow:
    """Return the window over the three briefings."""
    return open_window(library)


def pane_of(window: MainWindow) -> BriefingsPane:
    return window.briefings.pane


def titles(model: BriefingsModel) -> list[str]:
    return [str(model.index(row).data()) for row in range(model.rowCount())]


def document_id(library: Library, title: str) -> int:
    return next(d.id for d in library.documents() if d.title.startswith(title))


def choose(qtbot: QtBot, window: MainWindow, title: str) -> int:
    """Click the briefing whose title starts with ``title``; return its id."""
    pane = pane_of(window)
    row = next(r for r, t in enumerate(titles(pane.model)) if t.startswith(title))
    rect = pane.list.visualRect(pane.model.index(row))
    qtbot.mouseClick(pane.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: not window.navigator_model.counting())
    chosen = pane.document_id()
    assert chosen is not None
    return chosen


def listed(window: MainWindow) -> list[int]:
    return window.claim_model.ids()


def test_every_briefing_is_listed_newest_first_with_counts_and_unread_marks(
    window: MainWindow, library: Library
) -> None:
    model = pane_of(window).model
    assert [t[:30] for t in titles(model)] == [
        "All briefings",
        MONITOR_TITLE[:30],
        REUTERS_TITLE[:30],
        SEED_TITLE[:30],
    ]
    counts = [model.listing(row).claim_count for row in range(1, 4)]  # type: ignore[union-attr]
    ids = [model.document_id(row) for row in range(1, 4)]
    assert counts == [len(library.claim_ids(ClaimFilter(document_id=i))) for i in ids]
    assert counts == [18, 16, 16]
    assert [model.index(row).data(UnreadRole) for row in range(1, 4)] == [True, True, True]
    assert "Reuters" in model.index(2).data(Qt.ItemDataRole.ToolTipRole)
    assert pane_of(window).list.currentIndex().row() == 0  # "All briefings" to begin with


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("REUTERS", [REUTERS_TITLE]),
        ("dämascus", [MONITOR_TITLE]),
        ("syrian hama", [REUTERS_TITLE]),
        ("syrian", [REUTERS_TITLE, SEED_TITLE]),
        ("zeppelin", []),
    ],
)
def test_typing_filters_by_title_or_outlet_ignoring_case_and_accents(
    qtbot: QtBot, window: MainWindow, typed: str, expected: list[str]
) -> None:
    pane = pane_of(window)
    if typed.isascii():
        qtbot.keyClicks(pane.filter, typed)
    else:
        pane.filter.insert(typed)  # as pasted: QTest types ASCII only
    qtbot.waitUntil(lambda: pane.model.rowCount() == len(expected) + 1)
    shown = titles(pane.model)
    assert shown[0] == "All briefings"
    assert [t[: len(e)] for t, e in zip(shown[1:], expected, strict=True)] == expected


def test_sorting_by_outlet_and_back_to_newest(window: MainWindow) -> None:
    pane = pane_of(window)
    pane.sort.setCurrentIndex(pane.sort.findData(BY_OUTLET))
    outlets = [pane.model.listing(row).outlet for row in range(1, 4)]  # type: ignore[union-attr]
    assert outlets == ["Al-Monitor", "Reuters", "Washington Examiner"]
    pane.sort.setCurrentIndex(pane.sort.findData(NEWEST_FIRST))
    newest = [pane.model.document_id(row) for row in range(1, 4)]
    assert newest == sorted(newest, reverse=True)  # all imported today: last imported first


def test_choosing_a_briefing_shows_only_its_claims_in_reading_order(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    reuters = choose(qtbot, window, REUTERS_TITLE)
    claims = library.claims(listed(window))
    assert [c.id for c in claims] == library.claim_ids(ClaimFilter(document_id=reuters))
    assert {c.document_id for c in claims} == {reuters} and len(claims) == 16
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    assert window.claims.currentIndex().row() == 0  # it starts at its first claim
    assert window.claims.isColumnHidden(COL_DOCUMENT)  # one briefing: no need to name it
    assert window.search.count.text() == "16 claims"


def test_a_theme_and_a_briefing_together(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    reuters = choose(qtbot, window, REUTERS_TITLE)
    window.navigator.select_filter(ClaimFilter(theme="offensive"))
    expected = library.claim_ids(ClaimFilter(theme="offensive", document_id=reuters))
    assert listed(window) == expected and 0 < len(expected) < 16
    qtbot.waitUntil(lambda: not window.navigator_model.counting())
    # The navigator counts within the briefing.
    assert window.navigator_model.count_of(ClaimFilter(theme="offensive")) == len(expected)
    assert window.search.count.text() == f"{len(expected)} claims"


def test_an_empty_view_of_a_briefing_says_so(qtbot: QtBot, window: MainWindow) -> None:
    choose(qtbot, window, REUTERS_TITLE)
    window.navigator.select_filter(ClaimFilter(with_notes=True))
    assert window.claims.empty_text().startswith("No notes on this briefing's claims yet.")


def test_search_inside_a_briefing(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    reuters = choose(qtbot, window, REUTERS_TITLE)
    window.search.focus()
    qtbot.keyClicks(window.search.edit, "aleppo")
    expected = library.search_ids("aleppo", claim_filter=ClaimFilter(document_id=reuters)).ids
    qtbot.waitUntil(lambda: not window.controller.searching() and listed(window) == list(expected))
    everywhere = library.search_ids("aleppo").ids
    assert 0 < len(expected) < len(everywhere)
    assert {c.document_id for c in library.claims(listed(window))} == {reuters}


def test_the_unread_mark_goes_once_the_briefing_is_opened(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    model = pane_of(window).model
    reuters = choose(qtbot, window, REUTERS_TITLE)
    row = model.row_of(reuters)
    assert model.index(row).data(UnreadRole) is False
    assert [d.unread for d in library.document_listings([reuters])] == [False]
    others = [r for r in range(1, 4) if r != row]
    assert [model.index(r).data(UnreadRole) for r in others] == [True, True]
    window.library_changed.emit()  # read again from the library: still read
    assert model.index(model.row_of(reuters)).data(UnreadRole) is False


def test_all_briefings_lists_every_claim_again_newest_document_first(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    choose(qtbot, window, REUTERS_TITLE)
    choose_all = pane_of(window).list.visualRect(pane_of(window).model.index(0)).center()
    qtbot.mouseClick(pane_of(window).list.viewport(), Qt.MouseButton.LeftButton, pos=choose_all)
    assert pane_of(window).document_id() is None
    claims = library.claims(listed(window))
    assert len(claims) == 50 and not window.claims.isColumnHidden(COL_DOCUMENT)
    order = [(-c.document_id, c.start) for c in claims]
    assert order == sorted(order)  # newest document first, each in reading order
    assert claims[0].document_title.startswith(MONITOR_TITLE)


def test_the_document_column_names_the_briefing_and_sorts_by_title(
    window: MainWindow,
) -> None:
    model = window.claim_model
    assert str(model.index(0, COL_DOCUMENT).data()).startswith(MONITOR_TITLE)
    tooltip = model.index(0, COL_DOCUMENT).data(Qt.ItemDataRole.ToolTipRole)
    assert "Al-Monitor · " in tooltip and MONITOR_TITLE in tooltip
    window.claims.sortByColumn(COL_DOCUMENT, Qt.SortOrder.AscendingOrder)
    firsts = [str(model.index(row, COL_DOCUMENT).data())[:12] for row in (0, 18, 34)]
    assert firsts == ["As rebels cl", "Syrian civil", "Syrian rebel"]
    window.claims.sortByColumn(COL_DOCUMENT, Qt.SortOrder.DescendingOrder)
    assert str(model.index(0, COL_DOCUMENT).data()).startswith(REUTERS_TITLE)


def test_ctrl_b_filters_and_enter_goes_to_the_briefing_then_its_claims(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    pane = pane_of(window)
    qtbot.keyClick(window.claims, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert pane.filter.hasFocus()
    qtbot.keyClicks(pane.filter, "hama")
    qtbot.keyClick(pane.filter, Qt.Key.Key_Return)
    assert pane.document_id() == document_id(library, REUTERS_TITLE) and pane.list.hasFocus()
    qtbot.keyClick(pane.list, Qt.Key.Key_Return)
    assert window.claims.hasFocus()
    assert ("Navigate", "Ctrl+B") in {(s, k) for s, k, _ in sheet_rows(window.action_map)}


def test_tab_goes_from_the_themes_to_the_briefings(qtbot: QtBot, window: MainWindow) -> None:
    pane = pane_of(window)
    window.navigator.setFocus()
    for widget in (window.navigator, pane.filter, pane.sort):
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert pane.list.hasFocus()
    pane.filter.setFocus()
    qtbot.keyClick(pane.filter, Qt.Key.Key_Down)
    assert pane.list.hasFocus()
    qtbot.keyClick(pane.list, Qt.Key.Key_Down)
    assert pane.document_id() == pane.model.document_id(1)


def test_briefings_model_passes_the_model_tester(
    library: Library, qtmodeltester: ModelTester, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtmodeltester.check(BriefingsModel(library))
    monkeypatch.setattr(briefings_model, "PAGE", 1)
    paged = BriefingsModel(library)
    assert paged.rowCount() == 2 and paged.canFetchMore(QModelIndex())
    qtmodeltester.check(paged)  # fetches the rest as it goes
    paged.fetchMore(QModelIndex())  # a full last page: one more read finds the end
    assert paged.rowCount() == 4 and not paged.canFetchMore(QModelIndex())


def insert_documents(path: Path, count: int) -> None:
    """Add ``count`` documents (no claims) with plain SQL, as a large library would hold."""
    connection = sqlite3.connect(path)
    wire = connection.execute("INSERT INTO sources (name, reliability) VALUES ('Wire', 'B')")
    connection.executemany(
        "INSERT INTO documents (source_id, title, published, file_name, sha256, encoding, text,"
        " imported) VALUES (?, ?, ?, ?, ?, 'utf-8', 'Text.', '2024-12-01 08:00:00.000000')",
        [
            (
                None if n % 10 == 0 else wire.lastrowid,
                f"Dispatch {n}",
                f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                f"{n}.txt",
                f"{n:064x}",
            )
            for n in range(count)
        ],
    )
    connection.commit()
    connection.close()


def test_the_briefings_list_reads_a_page_at_a_time_of_20000(
    library_path: Path, monkeypatch: pytest.MonkeyPatch, qtmodeltester: ModelTester
) -> None:
    Library.open(library_path).close()
    insert_documents(library_path, 20_000)
    library = Library.open(library_path, backup=False)
    asked: list[tuple[str, str, int | None, int]] = []
    real = library.document_page

    def recorded(order: str, text: str, after: int | None, limit: int) -> list[object]:
        asked.append((order, text, after, limit))
        return real(order, text, after, limit)  # type: ignore[return-value]

    monkeypatch.setattr(library, "document_page", recorded)
    model = BriefingsModel(library)
    assert asked == [(NEWEST_FIRST, "", None, PAGE)]
    assert model.rowCount() == PAGE + 1 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert asked[-1] == (NEWEST_FIRST, "", model.document_id(PAGE), PAGE)
    assert model.rowCount() == 2 * PAGE + 1 and model.total() == 20_000
    dates = [model.listing(row).date for row in range(1, 2 * PAGE + 1)]  # type: ignore[union-attr]
    assert dates == sorted(dates, reverse=True)
    model.set_filter("dispatch 12345")
    assert asked[-1] == (NEWEST_FIRST, "dispatch 12345", None, PAGE)
    assert titles(model) == ["All briefings", "Dispatch 12345"]
    library.close()


@pytest.mark.parametrize("order", [NEWEST_FIRST, BY_OUTLET])
def test_pages_of_the_list_join_up_without_gaps_or_repeats(
    library: Library, library_path: Path, order: str
) -> None:
    insert_documents(library_path, 300)
    whole = library.document_page(order, "", None, 1000)
    pages, after = [], None
    while page := library.document_page(order, "", after, 7):
        pages.extend(page)
        after = page[-1].id
    assert [d.id for d in pages] == [d.id for d in whole] and len(whole) == 303


def test_a_row_without_a_publication_date_says_its_date_is_the_import() -> None:

    dated = DocumentListing(1, "T", "Reuters", "2024-12-06", "2026-11-29 10:00:00", 3, True)
    undated = DocumentListing(2, "T", None, None, "2026-11-29 10:00:00", 3, True)
    assert shown_date(dated) == "2024-12-06"
    assert shown_date(undated) == "added 2026-11-29"
