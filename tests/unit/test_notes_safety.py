"""Notes: the Markdown mirror, revisions, and failed writes that say so and change nothing.

Revisions, deleting and restoring run on both backends; the mirror, a full disk and
a lock are a library file's.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefing_app.domain.errors import LibraryError
from briefing_app.services.library import Library
from briefing_app.services.notes_mirror import mirror_folder
from briefing_app.store import sqlite_backend


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


def test_restore_a_revision(seeded_backend_library: Library) -> None:
    library = seeded_backend_library
    note = library.add_note(1, "one")
    library.update_note(note.id, "two")
    first = library.revisions(note.id)[0]
    library.restore_revision(note.id, first.id)
    assert library.note(note.id).body == "one"
    assert [r.body for r in library.revisions(note.id)] == ["two", "one"]


def test_deleted_notes_come_back(seeded_backend_library: Library) -> None:
    library = seeded_backend_library
    kept, gone = library.add_note(2, "kept"), library.add_note(2, "gone")
    library.delete_note(gone.id)
    assert [n.id for n in library.notes(2)] == [kept.id]
    assert [(n.id, n.deleted is not None) for n in library.deleted_notes()] == [(gone.id, True)]
    assert library.claim(2).note_count == 1
    library.restore_note(gone.id)
    assert [n.body for n in library.notes(2)] == ["kept", "gone"]
    assert library.deleted_notes() == []
    assert library.notes_for_many([1, 2, 3]) == {2: library.notes(2)}
    assert [n.body for n in library.note_page(2, kept.id, 10)] == ["gone"]


def test_a_note_keeps_its_times(seeded_backend_library: Library) -> None:
    note = seeded_backend_library.add_note(4, "first")
    changed = seeded_backend_library.update_note(note.id, "second")
    assert changed.created == note.created and changed.updated > note.updated
    (revision,) = seeded_backend_library.revisions(note.id)
    assert (revision.body, revision.saved) == ("first", note.updated)
    assert seeded_backend_library.note(note.id) == changed


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
    monkeypatch.setattr(sqlite_backend, "connect", tiny_disk)
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
