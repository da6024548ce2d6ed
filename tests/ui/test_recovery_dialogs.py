"""Deleted notes come back from their view; a backup chosen in the window is handed to the app."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from briefing_app.services.backups import make_backup
from briefing_app.services.library import Library
from briefing_app.ui.dialogs import restore_backup
from briefing_app.ui.dialogs.choice_dialog import ChoiceRole
from briefing_app.ui.main_window import MainWindow


def test_deleted_notes_view_restores_a_note(
    qtbot: QtBot, window: MainWindow, seeded_library: Library, qtmodeltester: ModelTester
) -> None:
    note = seeded_library.add_note(4, "worth keeping <b>after all</b>")
    seeded_library.delete_note(note.id)
    dialog = window.show_deleted_notes()
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 1
    assert "worth keeping <b>after all</b>" in dialog.model.index(0).data()
    dialog.action_button.click()
    assert [n.body for n in seeded_library.notes(4)] == ["worth keeping <b>after all</b>"]
    assert dialog.model.rowCount() == 0 and dialog.empty.isVisible()
    dialog.close()


def test_after_a_restore_the_list_and_the_editor_show_the_same_note(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    first = seeded_library.add_note(4, "first thought")
    second = seeded_library.add_note(4, "second thought")
    seeded_library.delete_note(second.id)
    window.claims.select_claim(4)
    assert window.notes.editor.toPlainText() == "first thought"
    dialog = window.show_deleted_notes()
    dialog.action_button.click()
    dialog.close()
    qtbot.waitUntil(lambda: window.notes.model.rowCount() == 2)
    row = window.notes.list.currentIndex().row()
    assert window.notes.model.note_at(row) is not None
    assert window.notes.model.note_at(row).body == window.notes.editor.toPlainText()
    assert window.notes.editing() == (4, first.id)


def test_choosing_a_backup_asks_the_app_to_restore_it(
    qtbot: QtBot, window: MainWindow, seeded_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = make_backup(seeded_library.path)
    monkeypatch.setattr(restore_backup, "ask", lambda *_args: True)
    dialog = window.show_restore_backup()
    assert dialog.model.index(0).data(ChoiceRole) == backup
    with qtbot.waitSignal(window.restore_requested) as requested:
        dialog.action_button.click()
    assert requested.args == [backup]


def test_a_backup_of_another_library_is_warned_of(
    qtbot: QtBot,
    window: MainWindow,
    seeded_library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = tmp_path / "other" / "library.db"
    other.parent.mkdir()
    Library.open(other).close()
    ours = make_backup(seeded_library.path)
    foreign = ours.with_name(ours.name.replace("-manual", "-copied"))
    shutil.copy(make_backup(other), foreign)  # a copy of another library's backup, put here
    asked: dict[str, str] = {}

    def ask(_parent: object, _title: str, text: str) -> bool:
        asked[str(dialog.selected_value())] = text
        return False

    monkeypatch.setattr(restore_backup, "ask", ask)
    dialog = window.show_restore_backup()
    for row in range(dialog.model.rowCount()):
        dialog.view.setCurrentIndex(dialog.model.index(row))
        dialog.action_button.click()
    assert "ANOTHER library" not in asked[str(ours)]
    assert "ANOTHER library" in asked[str(foreign)] and foreign.name in asked[str(foreign)]
    dialog.close()


def test_no_backups_says_so(qtbot: QtBot, window: MainWindow, seeded_library: Library) -> None:
    for old in (seeded_library.path.parent / "backups").glob("*.db"):
        old.unlink()
    dialog = window.show_restore_backup()
    assert dialog.model.rowCount() == 0
    assert not dialog.action_button.isEnabled() and "No backups yet" in dialog.empty.text()
    dialog.close()


def test_open_warnings_reach_the_status_bar(
    qtbot: QtBot, open_window: object, library_path: Path
) -> None:
    library = Library.open(library_path, seed=True)
    library.warnings.append("Today's backup was not made: disk full")
    window = open_window(library)  # type: ignore[operator]
    assert "Today's backup was not made" in window.statusBar().currentMessage()
    library.close()
