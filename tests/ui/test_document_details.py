"""Editing a briefing's details in the window: F2, the list's menu, Edit menu, undo, bad input."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMenu
from pytestqt.qtbot import QtBot

from briefing_app.domain.library import DocumentEdit
from briefing_app.services.library import Library
from briefing_app.ui.actions import sheet_rows
from briefing_app.ui.claims.claim_table_model import COL_DOCUMENT
from briefing_app.ui.dialogs.document_details import DocumentDetailsDialog
from briefing_app.ui.main_window import MainWindow
from briefing_app.ui.navigator.briefings import EDIT_DETAILS
from briefing_app.ui.navigator.document_edits import (
    NO_DOCUMENT,
    UNCHANGED,
    DocumentEditCommand,
    DocumentEditsController,
)
from tests.conftest import DATA, SEED

REUTERS = DATA / "articles" / "001_reuters_hama_outskirts.txt"
SEED_ID = 1
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
OpenWindow = Callable[[Library], MainWindow]


@pytest.fixture
def edits(window: MainWindow) -> DocumentEditsController:
    """Return the controller of details edits of the window over the bundled briefing."""
    return window.document_edits


def stored_row(library: Library, document_id: int = SEED_ID) -> tuple[object, ...]:
    """Return the document's row as stored, every column."""
    with closing(sqlite3.connect(library.path)) as connection:
        return tuple(
            connection.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
        )


def open_dialog(qtbot: QtBot, window: MainWindow) -> DocumentDetailsDialog:
    """Press F2 in the claims list and return the details dialog it opens."""
    press(qtbot, window, Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier)
    return shown_dialog(qtbot, window)


def shown_dialog(qtbot: QtBot, window: MainWindow) -> DocumentDetailsDialog:
    def visible() -> list[DocumentDetailsDialog]:
        return [d for d in window.findChildren(DocumentDetailsDialog) if d.isVisible()]

    qtbot.waitUntil(lambda: len(visible()) == 1)
    dialog = visible()[0]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # keys go to it
    return dialog


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Replace a field's text as the user would: select it all, type over it."""
    field.setFocus()
    field.selectAll()
    if text:
        qtbot.keyClicks(field, text)
    else:
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == text


def press_ok(qtbot: QtBot, dialog: DocumentDetailsDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    # A desktop gives the window back its focus when a dialog closes; offscreen does not.
    qtbot.waitUntil(lambda: not QApplication.activeModalWidget())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.claims.setFocus()
    qtbot.keyClick(window.claims, key, modifiers)


def test_f2_opens_the_details_of_the_selected_claims_briefing(
    qtbot: QtBot, window: MainWindow, edits: DocumentEditsController, seeded_library: Library
) -> None:
    dialog = open_dialog(qtbot, window)
    details = seeded_library.document_details(SEED_ID)
    assert dialog.fields["title"].text() == details.title
    assert dialog.fields["outlet"].text() == "Washington Examiner"
    assert [dialog.fields[f].text() for f in ("published", "byline", "url", "language")] == [""] * 4
    assert "30 November 2024" in dialog.fields["published"].placeholderText()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.fields["title"])
    dialog.reject()


def test_each_detail_typed_shows_in_the_briefings_row_the_card_and_the_claim_list(
    qtbot: QtBot, window: MainWindow, edits: DocumentEditsController, seeded_library: Library
) -> None:
    window.claims.select_claim(3)
    dialog = open_dialog(qtbot, window)
    typed = {
        "title": "Rebels reach Homs",
        "outlet": "Al-Monitor",
        "published": "30 November 2024",
        "byline": "Jane Doe",
        "url": "https://www.al-monitor.com/homs",
        "language": "en-gb",
    }
    for name, text in typed.items():
        retype(qtbot, dialog.fields[name], text)
    qtbot.keyClick(dialog.fields["language"], Qt.Key.Key_Return)  # Enter is OK
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert seeded_library.document_details(SEED_ID) == DocumentEdit(
        "Rebels reach Homs",
        "Al-Monitor",
        "2024-11-30",
        "Jane Doe",
        "https://www.al-monitor.com/homs",
        "en-GB",
    )
    said = "Saved the briefing's title, outlet, date, author, URL and language; Ctrl+Z undoes it."
    assert window.statusBar().currentMessage() == said
    pane = window.briefings.pane
    row = pane.model.index(pane.model.row_of(SEED_ID))
    assert row.data() == "Rebels reach Homs"
    assert "Al-Monitor" in row.data(Qt.ItemDataRole.ToolTipRole)
    assert "2024-11-30, published" in row.data(Qt.ItemDataRole.ToolTipRole)
    assert window.card.title.text() == "Rebels reach Homs"
    assert window.card.outlet.text() == "Al-Monitor"
    assert window.card.published.text() == "30 November 2024"
    shown = window.claim_model.index(window.claims.currentIndex().row(), COL_DOCUMENT)
    assert shown.data() == "Rebels reach Homs"
    assert "Al-Monitor · 2024-11-30" in shown.data(Qt.ItemDataRole.ToolTipRole)


def test_the_claim_lists_document_tooltip_follows_a_new_date(
    qtbot: QtBot, window: MainWindow, edits: DocumentEditsController
) -> None:
    window.claims.select_claim(3)
    shown = window.claim_model.index(window.claims.currentIndex().row(), COL_DOCUMENT)
    assert "Washington Examiner" in shown.data(Qt.ItemDataRole.ToolTipRole)  # read once
    dialog = open_dialog(qtbot, window)
    retype(qtbot, dialog.fields["published"], "2024-11-30")
    press_ok(qtbot, dialog)
    shown = window.claim_model.index(window.claims.currentIndex().row(), COL_DOCUMENT)
    assert "Washington Examiner · 2024-11-30" in shown.data(Qt.ItemDataRole.ToolTipRole)


def test_ctrl_z_puts_back_the_details_exactly_and_ctrl_shift_z_applies_them_again(
    qtbot: QtBot, window: MainWindow, edits: DocumentEditsController, seeded_library: Library
) -> None:
    original, before = stored_row(seeded_library), seeded_library.document_details(SEED_ID)
    dialog = open_dialog(qtbot, window)
    retype(qtbot, dialog.fields["title"], "A title of my own")
    retype(qtbot, dialog.fields["outlet"], "")
    retype(qtbot, dialog.fields["published"], "Nov 30 2024")
    retype(qtbot, dialog.fields["url"], "https://example.org/a")
    press_ok(qtbot, dialog)
    after = seeded_library.document_details(SEED_ID)
    assert after == replace(
        before, title="A title of my own", outlet=None, published="2024-11-30",
        url="https://example.org/a",
    )  # fmt: skip
    assert window.undo_stack.undoText() == "edit briefing details"
    assert window.card.outlet.text() == "Outlet not known"
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert stored_row(seeded_library) == original  # NULLs and the outlet as they were
    assert window.card.title.text() == before.title
    assert window.card.outlet.text() == "Washington Examiner"
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert seeded_library.document_details(SEED_ID) == after
    assert window.card.title.text() == "A title of my own"


BAD = [
    ("title", "", "The title is empty: a briefing needs a title."),
    ("published", "31/31/2024", "“31/31/2024” is not a date Briefing reader can read"),
    ("published", "next Tuesday", "“next Tuesday” is not a date Briefing reader can read"),
    ("url", "javascript:alert(1)", "“javascript:alert(1)” is not a web address"),
    ("language", "english!!", "“english!!” is not a language code"),
]


@pytest.mark.parametrize(("field", "typed", "message"), BAD)
def test_a_bad_detail_keeps_the_dialog_open_says_why_and_changes_nothing(
    qtbot: QtBot,
    window: MainWindow,
    edits: DocumentEditsController,
    seeded_library: Library,
    field: str,
    typed: str,
    message: str,
) -> None:
    original = stored_row(seeded_library)
    dialog = open_dialog(qtbot, window)
    retype(qtbot, dialog.fields["byline"], "Someone")  # a good change beside the bad one
    retype(qtbot, dialog.fields[field], typed)
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    problem = dialog.problem()
    assert problem is not None and message in problem
    assert dialog.fields[field].text() == typed  # what was typed is kept
    assert dialog.fields["byline"].text() == "Someone"
    assert QApplication.focusWidget() is dialog.fields[field]
    assert stored_row(seeded_library) == original
    assert window.undo_stack.count() == 0
    retype(qtbot, dialog.fields[field], {"title": "Fixed", "language": "en"}.get(field, ""))
    assert dialog.problem() is None  # typing hides the message
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert seeded_library.document_details(SEED_ID).byline == "Someone"


def test_cancel_changes_nothing(
    qtbot: QtBot, window: MainWindow, edits: DocumentEditsController, seeded_library: Library
) -> None:
    original = stored_row(seeded_library)
    dialog = open_dialog(qtbot, window)
    retype(qtbot, dialog.fields["title"], "Not kept")
    qtbot.keyClick(dialog.fields["title"], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert stored_row(seeded_library) == original
    assert window.undo_stack.count() == 0


def test_ok_without_a_change_pushes_nothing_and_says_so(
    qtbot: QtBot, window: MainWindow, edits: DocumentEditsController
) -> None:
    dialog = open_dialog(qtbot, window)
    press_ok(qtbot, dialog)
    assert window.undo_stack.count() == 0
    assert UNCHANGED in window.statusBar().currentMessage()


def test_the_briefings_menu_edits_the_briefing_clicked(
    qtbot: QtBot, open_window: OpenWindow, seeded_library: Library
) -> None:
    seeded_library.import_files([REUTERS])
    window = open_window(seeded_library)
    pane = window.briefings.pane
    reuters = next(d.id for d in seeded_library.documents() if d.outlet == "Reuters")
    position = pane.list.visualRect(pane.model.index(pane.model.row_of(reuters))).center()
    menu = pane.context_menu(position)
    assert menu is not None and [a.text() for a in menu.actions()] == [EDIT_DETAILS]
    assert pane.document_id() == reuters  # the row clicked is chosen
    menu.actions()[0].trigger()
    dialog = shown_dialog(qtbot, window)
    assert dialog.fields["outlet"].text() == "Reuters"
    retype(qtbot, dialog.fields["title"], "Hama")
    press_ok(qtbot, dialog)
    assert seeded_library.document_details(reuters).title == "Hama"
    assert seeded_library.document_details(SEED_ID).title != "Hama"
    assert pane.model.index(pane.model.row_of(reuters)).data() == "Hama"
    all_row = pane.list.visualRect(pane.model.index(0)).center()
    assert pane.context_menu(all_row) is None  # "All briefings" has no details


def test_the_edit_menu_item_edits_the_current_claims_briefing(
    qtbot: QtBot, window: MainWindow, edits: DocumentEditsController, seeded_library: Library
) -> None:
    edit_menu = window.menuBar().actions()[1].menu()
    assert isinstance(edit_menu, QMenu)
    item = next(a for a in edit_menu.actions() if a.text() == "Edit briefing &details…")
    assert item.shortcut().toString() == "F2"
    assert ("Corrections", "F2", item.statusTip()) in sheet_rows(window.action_map)
    assert window.briefings.pane.document_id() is None  # all briefings: the claim's one
    item.trigger()
    dialog = shown_dialog(qtbot, window)
    assert dialog.fields["title"].text() == seeded_library.document_details(SEED_ID).title
    dialog.reject()


def test_without_any_briefing_f2_says_what_to_do(
    qtbot: QtBot, open_window: OpenWindow, library_path: object
) -> None:
    library = Library.open(library_path)  # type: ignore[arg-type]
    window = open_window(library)
    press(qtbot, window, Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier)
    assert NO_DOCUMENT in window.statusBar().currentMessage()
    assert window.findChildren(DocumentDetailsDialog) == []
    library.close()


def test_an_edit_stays_when_the_same_file_is_imported_again(
    qtbot: QtBot, window: MainWindow, edits: DocumentEditsController, seeded_library: Library
) -> None:
    dialog = open_dialog(qtbot, window)
    retype(qtbot, dialog.fields["title"], "Mine")
    press_ok(qtbot, dialog)
    (result,) = seeded_library.import_files([SEED])
    assert result.already_present
    window.library_changed.emit()
    pane = window.briefings.pane
    assert pane.model.index(pane.model.row_of(SEED_ID)).data() == "Mine"
    assert window.card.title.text() == "Mine"


def test_a_command_that_fails_says_why_and_leaves_the_stack(
    qtbot: QtBot, seeded_library: Library
) -> None:
    stack, changed, failed = QUndoStack(), list[int](), list[str]()
    stack.push(
        DocumentEditCommand(seeded_library, 99, DocumentEdit("T"), changed.append, failed.append)
    )
    assert failed == ["There is no document 99 in this library."]
    assert changed == [] and stack.count() == 0


def test_a_new_edit_after_an_undo_is_said_too(
    qtbot: QtBot, window: MainWindow, edits: DocumentEditsController, seeded_library: Library
) -> None:
    for title in ("First", "Second"):
        dialog = open_dialog(qtbot, window)
        retype(qtbot, dialog.fields["title"], title)
        press_ok(qtbot, dialog)
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    dialog = open_dialog(qtbot, window)
    retype(qtbot, dialog.fields["published"], "2024-12-01")
    press_ok(qtbot, dialog)
    assert seeded_library.document_details(SEED_ID).title == "First"
    assert window.statusBar().currentMessage() == "Saved the briefing's date; Ctrl+Z undoes it."
    assert window.undo_stack.count() == 2
