"""Notes: the Markdown mirror, revisions, and failed writes that say so and change nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefing_app.domain.errors import LibraryError
from briefing_app.services.library import Library
from briefing_app.services.notes_mirror import mirror_folder
from briefing_app.store import store as store_module


def test_mirror_follows_the_notes(seeded_library: Library) -> None:
    note = seeded_library.add_note(9, "Check the front line claim")
    mirror = mirror_folder(seeded_library.path) / "claim-000009.md"
    text = mirror.read_text("utf-8")
    assert "Check the front line claim" in text and "> Since then, Assad" in text
    assert "Washington Examiner" in text
    seeded_library.update_note(note.id, "Revised")
    assert "Revised" in mirror.read_text("utf-8")
    seeded_library.delete_note(note.id)
    assert not mirror.exists()


def test_mirror_failure_does_not_lose_the_note(seeded_library: Library) -> None:
    folder = mirror_folder(seeded_library.path)
    folder.write_text("a file where the folder should be")
    note = seeded_library.add_note(2, "still saved")
    assert [n.body for n in seeded_library.notes(2)] == ["still saved"]
    assert note.id and seeded_library.mirror.last_error is not None
    assert "saved" in seeded_library.mirror.last_error


def test_restore_a_revision(seeded_library: Library) -> None:
    note = seeded_library.add_note(1, "one")
    seeded_library.update_note(note.id, "two")
    first = seeded_library.revisions(note.id)[0]
    seeded_library.restore_revision(note.id, first.id)
    assert seeded_library.note(note.id).body == "one"
    assert [r.body for r in seeded_library.revisions(note.id)] == ["two", "one"]


def test_disk_full_keeps_the_library_as_it_was(
    seeded_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing_app.store import connection

    def tiny_disk(path: Path, *, writing: bool = True) -> sqlite3.Connection:
        opened = real_connect(path, writing=writing)  # simulate a full disk
        pages = opened.execute("PRAGMA page_count").fetchone()[0]
        opened.execute(f"PRAGMA max_page_count = {pages}")
        return opened

    real_connect = connection.connect
    monkeypatch.setattr(store_module, "connect", tiny_disk)
    with pytest.raises(LibraryError, match="disk is full"):
        seeded_library.add_note(1, "x" * 200_000)
    monkeypatch.undo()
    assert seeded_library.notes(1) == []


def test_locked_beyond_the_timeout_says_so(
    seeded_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from briefing_app.store import connection

    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 50)
    path = seeded_library.path
    seeded_library.close()
    library = Library.open(path)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(LibraryError, match="busy"):
            library.add_note(1, "waiting")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert [n.body for n in library.notes(1)] == []
    library.add_note(1, "after the lock")
    assert [n.body for n in library.notes(1)] == ["after the lock"]
    library.close()


def test_notes_kept_even_in_a_fresh_folder(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "a" / "b.db", create_folder=True, seed=True)
    try:
        library.add_note(1, "first note")
        assert (tmp_path / "a" / "b-notes" / "claim-000001.md").exists()
    finally:
        library.close()
