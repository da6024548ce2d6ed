"""Starting the window: one instance per library, and clear messages when it cannot open."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from briefing_app.services.backups import list_backups
from briefing_app.services.library import Library
from briefing_app.ui.app import run_window
from briefing_app.ui.background import running
from briefing_app.ui.instance_lock import acquire_instance_lock, lock_path
from briefing_app.ui.main_window import MainWindow
from tests.ui.conftest import OpenWindow


def _visible_window() -> MainWindow:
    """Return the window showing (those of earlier tests are closed, maybe not yet deleted)."""
    [window] = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]
    return window


def test_a_second_instance_is_refused_with_a_clear_message(
    library_path: Path, shown_messages: list[QMessageBox]
) -> None:
    first = acquire_instance_lock(library_path)
    assert first is not None and lock_path(library_path).exists()
    assert run_window(str(library_path)) == 2
    [box] = shown_messages
    assert "already open on" in box.text() and str(library_path) in box.text()
    assert not library_path.exists()  # the second instance did not even open the file
    first.unlock()


def test_the_lock_is_free_again_after_unlock(library_path: Path) -> None:
    first = acquire_instance_lock(library_path)
    assert first is not None and acquire_instance_lock(library_path) is None
    first.unlock()
    second = acquire_instance_lock(library_path)
    assert second is not None
    second.unlock()


def test_a_file_that_is_not_a_library_is_reported_and_left_alone(
    tmp_path: Path, shown_messages: list[QMessageBox]
) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    assert run_window(str(bogus)) == 2
    [box] = shown_messages
    assert box.windowTitle() == "Cannot open the library" and box.text()
    assert bogus.read_bytes() == b"this is not sqlite" * 100
    assert not lock_path(bogus).exists()


def test_first_run_opens_the_window_on_the_bundled_briefing(
    library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []

    def exec_() -> int:
        window = _visible_window()
        seen.append(window.claim_model.total())
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(exec_))
    assert run_window(str(library_path)) == 0
    assert seen == [16] and not lock_path(library_path).exists()


def _newer_schema(path: Path) -> None:
    import sqlite3

    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA application_id = 1112688966")
        connection.execute("CREATE TABLE alembic_version (version_num TEXT)")
        connection.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    connection.close()


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("zero-bytes", "is empty (0 bytes)"),
        ("newer", "newer version of Briefing reader"),
        ("missing-folder", "does not exist"),
    ],
)
def test_damaged_or_foreign_libraries_are_explained_in_the_window(
    tmp_path: Path, shown_messages: list[QMessageBox], case: str, message: str
) -> None:
    path = tmp_path / "library.db"
    if case == "zero-bytes":
        path.write_bytes(b"")
    elif case == "newer":
        _newer_schema(path)
    else:
        path = tmp_path / "nowhere" / "library.db"
    before = path.read_bytes() if path.exists() else None
    assert run_window(str(path)) == 2
    [box] = shown_messages
    assert message in box.text()
    assert (path.read_bytes() if path.exists() else None) == before


def test_the_window_takes_the_daily_backup_once_it_is_showing(
    qtbot: QtBot, tmp_path: Path, open_window: OpenWindow
) -> None:
    path = tmp_path / "library.db"
    Library.open(path, seed=True).close()  # a first run: nothing to back up yet
    library = Library.open(path, backup=False)
    assert list_backups(path) == []
    window = open_window(library)
    qtbot.waitUntil(lambda: len(list_backups(path)) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: running() == 0)
    window.close()
    library.close()


@pytest.mark.postgresql
@pytest.mark.parametrize("from_env", [False, True])
def test_a_team_library_url_opens_the_window_on_the_server(
    tmp_path: Path, pg_seeded_url: str, monkeypatch: pytest.MonkeyPatch, from_env: bool
) -> None:
    seen: list[tuple[int, str, bool]] = []

    def exec_() -> int:
        window = _visible_window()
        restore = window.action_map["restore_backup"].isEnabled()
        seen.append((window.claim_model.total(), window.windowTitle(), restore))
        window.close()
        return 0

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(QApplication, "exec", staticmethod(exec_))
    if from_env:
        monkeypatch.setenv("BRIEFING_APP_DB", pg_seeded_url)
    assert run_window(None if from_env else pg_seeded_url) == 0
    [(claims, title, restore)] = seen
    assert claims == 16 and not restore  # a server's backups are its administrator's
    assert title.startswith("Briefing reader: postgresql://") and "/t_" in title
    assert list(tmp_path.iterdir()) == []  # no lock, no folder: the server serves many


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://analyst:secret@db.example/team", "password"),
        ("postgresql://analyst@127.0.0.1:1/team?connect_timeout=2", "127.0.0.1:1"),
    ],
)
def test_a_team_library_that_cannot_be_opened_is_explained(
    tmp_path: Path,
    shown_messages: list[QMessageBox],
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_window(url) == 2
    [box] = shown_messages
    assert box.windowTitle() == "Cannot open the team library"
    assert message in box.text()
    assert "secret" not in box.text()  # a password given in a URL is never repeated
    assert list(tmp_path.iterdir()) == []  # no folder, lock or library was made


def _typed_urls(monkeypatch: pytest.MonkeyPatch, answers: list[tuple[str, bool]]) -> None:
    """Answer File > Open team library…'s question with ``answers``, one per asking."""
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_args: answers.pop(0)))


def _open_team_library_then_close(seen: list[str]) -> Callable[[], int]:
    """Return an ``exec`` that notes each window's library, asks the first for a team
    library (File > Open team library…, which closes it) and closes the next."""

    def exec_() -> int:
        window = _visible_window()
        seen.append(window.library_label.text())
        if len(seen) == 1:
            window.action_map["open_team_library"].trigger()  # the window closes
        else:
            window.close()
        return 0

    return exec_


@pytest.mark.postgresql
def test_open_team_library_moves_the_window_from_a_file_to_the_server(
    library_path: Path, pg_seeded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    exec_ = _open_team_library_then_close(seen)

    _typed_urls(monkeypatch, [(pg_seeded_url, True)])
    monkeypatch.setattr(QApplication, "exec", staticmethod(exec_))
    assert run_window(str(library_path)) == 0
    assert seen[0] == str(library_path) and seen[1].startswith("postgresql://")
    assert not lock_path(library_path).exists()  # the file's lock went with its window


def test_a_mistyped_url_is_explained_and_the_window_stays(
    library_path: Path,
    shown_messages: list[QMessageBox],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[str] = []

    def exec_() -> int:
        window = _visible_window()
        window.open_requested.connect(opened.append)
        window.action_map["open_team_library"].trigger()
        assert window.isVisible()
        window.close()
        return 0

    _typed_urls(monkeypatch, [("mysql://desk@db/team", True), ("", False)])
    monkeypatch.setattr(QApplication, "exec", staticmethod(exec_))
    assert run_window(str(library_path)) == 0
    [box] = shown_messages
    assert box.windowTitle() == "Not a team library URL" and "mysql://" in box.text()
    assert opened == []


def test_an_unreachable_team_library_brings_the_last_library_back(
    library_path: Path,
    shown_messages: list[QMessageBox],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[str] = []

    exec_ = _open_team_library_then_close(seen)

    unreachable = "postgresql://analyst@127.0.0.1:1/team?connect_timeout=2"
    _typed_urls(monkeypatch, [(unreachable, True)])
    monkeypatch.setattr(QApplication, "exec", staticmethod(exec_))
    assert run_window(str(library_path)) == 0
    assert seen == [str(library_path), str(library_path)]
    [box] = shown_messages
    assert box.windowTitle() == "Cannot open the team library"


def test_open_library_file_moves_the_window_to_another_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    first, second = tmp_path / "mine.db", tmp_path / "desk" / "theirs.db"
    second.parent.mkdir()
    Library.open(second, seed=True).close()
    seen: list[tuple[str, bool]] = []

    def exec_() -> int:
        window = _visible_window()
        seen.append((window.library_label.text(), lock_path(first).exists()))
        if len(seen) == 1:
            window.action_map["open_library"].trigger()
        else:
            window.close()
        return 0

    chosen = staticmethod(lambda *_args: (str(second), "Briefing libraries (*.db)"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", chosen)
    monkeypatch.setattr(QApplication, "exec", staticmethod(exec_))
    assert run_window(str(first)) == 0
    assert seen == [
        (str(first), True),
        (str(second), False),  # the first file is unlocked once its window has gone
    ]
