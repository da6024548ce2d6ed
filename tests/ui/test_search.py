"""Search: typing narrows the list and the count, combines with the theme, never errors."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefing_app.domain.library import ClaimFilter
from briefing_app.ui.background import running
from briefing_app.ui.claims import claim_list_controller
from briefing_app.ui.main_window import MainWindow


def search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.search.focus()
    qtbot.keyClicks(window.search.edit, text)
    qtbot.waitUntil(lambda: window.search.count.text().endswith(" of 16") or not text)


def test_typing_russian_narrows_the_list_and_the_count(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "russian")
    assert window.search.count.text() == "2 of 16"
    assert all("Russian" in window.claim_model.claim_at(r).text for r in range(2))
    assert window.claims.text_delegate.spans("Russian and russians") == [(0, 7)]


def test_search_combines_with_the_selected_theme(qtbot: QtBot, window: MainWindow) -> None:
    window.navigator.select_filter(ClaimFilter(theme="offensive"))
    window.search.focus()
    qtbot.keyClicks(window.search.edit, "russian")
    qtbot.waitUntil(lambda: window.search.count.text() == "1 of 7")
    assert window.claim_model.claim_at(0).primary_theme.key == "offensive"


def test_no_match_says_what_to_do_and_esc_clears(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "zeppelin")
    assert window.claim_model.total() == 0
    assert window.claims.empty_text() == "No claims match “zeppelin”. Esc clears the search."
    qtbot.keyClick(window.search.edit, Qt.Key.Key_Escape)
    assert window.search.query() == "" and window.claim_model.total() == 16
    assert window.claims.hasFocus()


@pytest.mark.parametrize("query", ['"unbalanced', "U.S.", "-", "*", "AND", "\x00", "x" * 10_000])
def test_odd_input_gives_a_list_not_an_error(qtbot: QtBot, window: MainWindow, query: str) -> None:
    with qtbot.waitSignal(window.controller.listed):
        window.search.set_query(query)
    assert window.claim_model.total() <= 16
    assert "⚠" not in window.statusBar().currentMessage()


def test_the_selected_claim_stays_selected_when_it_still_matches(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.claims.select_claim(11)
    with qtbot.waitSignal(window.controller.listed):
        window.search.set_query("russian")
    assert window.claims.current_claim_id() == 11
    assert window.notes.claim_id() == 11


def test_grammar_in_the_box_and_hints_in_the_status_bar(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "theme:foreign -russian")
    assert window.search.count.text() == "3 of 16"
    window.search.edit.clear()
    search(qtbot, window, "theme:nonsense")
    qtbot.waitUntil(lambda: "is not a theme" in window.statusBar().currentMessage())
    assert window.claim_model.total() == 0


def test_search_words_are_marked_in_the_article(qtbot: QtBot, window: MainWindow) -> None:
    search(qtbot, window, "russian")
    text = window.article.toPlainText()
    marked = [text[s:e] for s, e in window.article.term_ranges()]
    assert marked == ["Russian"] * text.count("Russian") and marked
    assert window.article.highlighted_range() is not None
    window.search.edit.clear()
    qtbot.waitUntil(lambda: window.article.term_ranges() == [])


def test_marks_land_on_the_words_after_emoji(
    qtbot: QtBot, open_window: object, library_path: object, tmp_path: object
) -> None:
    from pathlib import Path

    from briefing_app.services.library import Library

    article = Path(str(tmp_path)) / "emoji.txt"
    article.write_text("🔥🇸🇾 Rebels 😀 entered Hōms at dawn, residents said.\n", encoding="utf-8")
    library = Library.open(Path(str(library_path)))
    library.import_files([article])
    window = open_window(library)  # type: ignore[operator]
    window.search.focus()
    qtbot.keyClicks(window.search.edit, "homs")
    qtbot.waitUntil(lambda: window.article.term_ranges() != [])
    # Qt counts UTF-16 units: "Hōms" is code point 21 but UTF-16 unit 25 (emoji are pairs).
    text = article.read_text(encoding="utf-8")
    assert text.index("Hōms") == 21
    assert window.article.term_ranges() == [(25, 29)]
    marked = [s.cursor.selectedText() for s in window.article.extraSelections()[1:]]
    assert marked == ["Hōms"]
    library.close()


def test_searches_run_off_the_gui_thread(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = claim_list_controller.find_matches

    def recording(*args: Any) -> Any:
        threads.append(threading.current_thread())
        return real(*args)

    monkeypatch.setattr(claim_list_controller, "find_matches", recording)
    with qtbot.waitSignal(window.controller.listed):
        window.search.set_query("homs")
        assert window.controller.searching() and window.search.count.text() == "searching…"
    assert threads and threads[0] is not threading.main_thread()
    assert window.search.count.text() == f"{window.claim_model.total()} of 16"


def test_a_newer_query_drops_the_results_of_an_older_one(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real = claim_list_controller.find_matches

    def slow_for_russian(library: Any, query: str, claim_filter: Any) -> Any:
        if query == "russian":
            release.wait(timeout=10)  # still running when the newer query is typed
        return real(library, query, claim_filter)

    monkeypatch.setattr(claim_list_controller, "find_matches", slow_for_russian)
    listed: list[list[int]] = []
    window.controller.listed.connect(lambda: listed.append(window.claim_model.ids()))
    window.search.set_query("russian")
    window.search.set_query("homs")
    qtbot.waitUntil(lambda: len(listed) == 1)
    release.set()
    qtbot.waitUntil(lambda: running() == 0)
    expected = [hit.claim.id for hit in window.controller._library.search("homs").hits]  # noqa: SLF001
    assert listed == [expected] and window.claim_model.ids() == expected
    assert expected and not window.controller.searching()
