"""Notes: typed, autosaved into the note being edited, kept across restarts, undoable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefing_app.domain.errors import LibraryError
from briefing_app.domain.library import Note
from briefing_app.services.library import Library
from briefing_app.ui.main_window import MainWindow
from briefing_app.ui.notes import notes_panel, revision_dialog

OpenWindow = Callable[[Library], MainWindow]


def type_note(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.notes.focus_editor()
    qtbot.keyClicks(window.notes.editor, text)


def test_note_survives_switching_claims_and_reopening(
    qtbot: QtBot, open_window: OpenWindow, library_path: Path
) -> None:
    library = Library.open(library_path, seed=True)
    window = open_window(library)
    type_note(qtbot, window, "Check against Reuters")
    window.claims.select_claim(5)
    window.close()
    library.close()
    reopened = Library.open(library_path)
    assert [n.body for n in reopened.notes(1)] == ["Check against Reuters"]
    window = open_window(reopened)
    window.claims.select_claim(1)
    assert window.notes.editor.toPlainText() == "Check against Reuters"
    reopened.close()


def test_autosave_fires_after_a_pause(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    type_note(qtbot, window, "debounced")
    assert seeded_library.notes(1) == []
    qtbot.waitUntil(lambda: [n.body for n in seeded_library.notes(1)] == ["debounced"])
    assert window.navigator_model.index(4).data() == "With notes"
    assert window.claim_model.index(0, 4).data() == "✎ 1"


def test_autosave_goes_to_the_note_being_edited(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    type_note(qtbot, window, "about claim one")
    assert window.notes.editing() == (1, None) and window.notes.timer.isActive()
    window.claims.select_claim(7)  # before the autosave timer fired
    window.notes.timer.timeout.emit()
    qtbot.keyClicks(window.notes.editor, "about claim seven")
    window.notes.timer.timeout.emit()
    assert [n.body for n in seeded_library.notes(1)] == ["about claim one"]
    assert [n.body for n in seeded_library.notes(7)] == ["about claim seven"]


def test_editing_an_existing_note_updates_it_and_keeps_history(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    note = seeded_library.add_note(2, "first")
    window.claims.select_claim(2)
    type_note(qtbot, window, " and second")
    window.claims.select_claim(3)
    assert seeded_library.notes(2)[0].body == "first and second"
    assert [r.body for r in seeded_library.revisions(note.id)] == ["first"]


def test_n_starts_a_new_note(qtbot: QtBot, window: MainWindow, seeded_library: Library) -> None:
    seeded_library.add_note(1, "old")
    window.notes.reload()
    qtbot.keyClick(window.claims, Qt.Key.Key_N)
    assert window.notes.editor.hasFocus() and window.notes.editor.toPlainText() == ""
    qtbot.keyClicks(window.notes.editor, "new")
    window.notes.flush()
    assert [n.body for n in seeded_library.notes(1)] == ["old", "new"]


def test_delete_is_undone_with_ctrl_z(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    seeded_library.add_note(1, "keep me")
    window.notes.reload()
    window.notes.delete_note()
    assert seeded_library.notes(1) == [] and window.notes.editor.toPlainText() == ""
    window.claims.setFocus()
    qtbot.keyClick(window.claims, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [n.body for n in seeded_library.notes(1)] == ["keep me"]
    assert window.notes.editor.toPlainText() == "keep me"


def test_an_earlier_text_can_be_restored(
    qtbot: QtBot, window: MainWindow, seeded_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    note = seeded_library.add_note(1, "version one")
    seeded_library.update_note(note.id, "version two")
    window.notes.reload()
    menu = window.notes.history_menu(note.id)
    [entry] = menu.actions()
    assert entry.text().endswith("version one")
    shown: list[tuple[str, str]] = []

    def answer(agree: bool) -> Callable[..., bool]:
        def confirm(_parent: object, current: str, earlier: str, _saved: str) -> bool:
            shown.append((current, earlier))
            return agree

        return confirm

    monkeypatch.setattr(revision_dialog, "confirm_restore", answer(False))
    entry.trigger()  # one click only asks: nothing changes yet
    assert shown == [("version two", "version one")]
    assert seeded_library.notes(1)[0].body == "version two"
    monkeypatch.setattr(revision_dialog, "confirm_restore", answer(True))
    entry.trigger()
    assert window.notes.editor.toPlainText() == "version one"
    assert seeded_library.notes(1)[0].body == "version one"


def test_the_revision_dialog_says_what_changes() -> None:
    assert revision_dialog.summary("army held the line", "army lost the line") == (
        "Restoring removes 1 word and brings back 1 word. The current text stays in the history."
    )
    assert revision_dialog.summary("a  b", "a b") == "The two texts differ only in spacing."


def test_continuous_typing_still_saves(
    qtbot: QtBot, window: MainWindow, seeded_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notes_panel, "MAX_UNSAVED_MS", 0)
    type_note(qtbot, window, "never pausing")
    assert window.notes.timer.isActive() is False
    assert [n.body for n in seeded_library.notes(1)] == ["never pausing"]


def test_failed_save_keeps_the_text_says_so_and_retries(
    qtbot: QtBot, window: MainWindow, seeded_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_add = Library.add_note
    failures = iter([LibraryError("The disk is full: nothing was written.")])

    def flaky_add(self: Library, claim_id: int, body: str) -> Note:
        failure = next(failures, None)
        if failure is not None:
            raise failure
        return real_add(self, claim_id, body)

    monkeypatch.setattr(Library, "add_note", flaky_add)
    window.notes.retry_timer.setInterval(50)
    errors: list[str] = []
    window.notes.error.connect(errors.append)
    type_note(qtbot, window, "precious")
    window.notes.timer.timeout.emit()
    assert window.notes.editor.toPlainText() == "precious"
    assert window.notes.status.text().startswith("Not saved") and "disk is full" in errors[0]
    qtbot.waitUntil(lambda: [n.body for n in seeded_library.notes(1)] == ["precious"])
    assert window.notes.status.text().startswith("Saved")


def test_a_save_over_a_colleagues_edit_tells_with_both_texts(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    type_note(qtbot, window, "first draft")
    assert window.notes.flush()
    [note] = seeded_library.notes(1)
    # Typed (unsaved) first: a live refresh keeps the editor's text from here on.
    qtbot.keyClicks(window.notes.editor, " and mine")
    colleague = Library.open(seeded_library.path)
    colleague.update_note(note.id, "their correction")
    colleague.close()
    with qtbot.waitSignal(window.notes.overtook, timeout=5000) as told:
        assert window.notes.flush()
    assert told.args == ["their correction", "first draft and mine"]
    # Only this test's box: windows of earlier tests may not be deleted yet.
    [box] = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible() and "their correction" in w.text()
    ]
    assert "first draft and mine" in box.text() and box.windowTitle().startswith("A colleague")
    box.close()
    assert [n.body for n in seeded_library.notes(1)] == ["first draft and mine"]
    assert [r.body for r in seeded_library.revisions(note.id)][0] == "their correction"
