"""Backups: verified copies, once a day, thinned over time, and restore that keeps the current."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from briefing_app.domain.backup_policy import Backup, needs_daily, to_delete
from briefing_app.domain.errors import LibraryError
from briefing_app.services.backups import (
    daily_backup,
    list_backups,
    lock_path,
    make_backup,
    restore_backup,
    thin,
)
from briefing_app.services.library import Library
from tests.cli_helpers import fingerprint, run_cli

NOW = datetime(2026, 11, 25, 12, 0)


def _series(days: int) -> list[Backup]:
    return [Backup(NOW - timedelta(days=d), Path(f"b{d}.db")) for d in range(days)]


def test_thinning_keeps_daily_weekly_monthly() -> None:
    backups = _series(120)
    kept = [b for b in backups if b not in to_delete(backups, NOW)]
    ages = sorted((NOW - b.taken).days for b in kept)
    assert ages[:7] == list(range(7))
    weekly = [a for a in ages if 7 <= a < 30]
    assert 3 <= len(weekly) <= 5
    assert len([a for a in ages if a >= 30]) <= 4


def test_thinning_keeps_the_newest_of_a_day() -> None:
    morning = Backup(NOW - timedelta(hours=3), Path("a.db"))
    noon = Backup(NOW, Path("b.db"))
    assert to_delete([morning, noon], NOW) == [morning]


def test_daily_is_needed_once_a_day() -> None:
    assert needs_daily([], NOW)
    assert not needs_daily([Backup(NOW - timedelta(hours=1), Path("x"))], NOW)
    assert needs_daily([Backup(NOW - timedelta(days=1), Path("x"))], NOW)


def test_daily_backup_on_open_then_not_again(seeded_library: Library) -> None:
    path = seeded_library.path
    first = daily_backup(path, NOW)
    assert first is not None and first.exists()
    assert daily_backup(path, NOW + timedelta(hours=2)) is None
    assert daily_backup(path, NOW + timedelta(days=1)) is not None


def test_a_backup_is_a_sound_library(seeded_library: Library) -> None:
    seeded_library.add_note(1, "kept in the backup")
    backup = make_backup(seeded_library.path)
    copy = Library.open(backup)
    try:
        assert [n.body for n in copy.notes(1)] == ["kept in the backup"]
        assert copy.integrity_check() == "ok"
    finally:
        copy.close()


def test_old_backups_are_thinned(seeded_library: Library) -> None:
    for days in range(0, 60, 3):
        make_backup(seeded_library.path, "daily", NOW - timedelta(days=days))
    removed = thin(seeded_library.path, NOW)
    assert removed and all(not p.exists() for p in removed)
    assert len(list_backups(seeded_library.path)) == 20 - len(removed)


def test_restore_brings_back_the_notes_and_keeps_the_current(seeded_library: Library) -> None:
    path = seeded_library.path
    seeded_library.add_note(1, "before")
    backup = make_backup(path)
    seeded_library.add_note(1, "after")
    seeded_library.close()
    safety = restore_backup(path, backup)
    restored = Library.open(path)
    try:
        assert [n.body for n in restored.notes(1)] == ["before"]
    finally:
        restored.close()
    kept = Library.open(safety)
    try:
        assert [n.body for n in kept.notes(1)] == ["before", "after"]
    finally:
        kept.close()


def test_restore_refuses_a_damaged_backup(seeded_library: Library, tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(2000))
    before = fingerprint(seeded_library.path)
    with pytest.raises(LibraryError):
        restore_backup(seeded_library.path, bad)
    assert fingerprint(seeded_library.path) == before


def test_restore_refuses_while_a_window_holds_the_library(seeded_library: Library) -> None:
    backup = make_backup(seeded_library.path)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock_path(seeded_library.path).write_text(f"{other.pid}\nbriefing-app\nhost\n")
        with pytest.raises(LibraryError, match="open in a Briefing reader window"):
            restore_backup(seeded_library.path, backup)
    finally:
        other.kill()
        other.wait()
    # The window that holds the lock itself may restore.
    lock_path(seeded_library.path).write_text(f"{os.getpid()}\nbriefing-app\nhost\n")
    restore_backup(seeded_library.path, backup)


def test_cli_backup_and_restore(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    assert run_cli(capsys, "--db", db, "note", "1", "x").code == 2  # no claims yet
    from tests.conftest import SEED

    assert run_cli(capsys, "--db", db, "import", SEED).code == 0
    made = run_cli(capsys, "--db", db, "backup")
    backup = Path(made.out.strip())
    assert made.code == 0 and backup.exists()
    assert run_cli(capsys, "--db", db, "note", "1", "later").code == 0
    listed = run_cli(capsys, "--db", db, "backups")
    assert str(backup) in listed.out
    restored = run_cli(capsys, "--db", db, "restore", backup)
    assert restored.code == 0 and "kept in" in restored.out
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM notes").fetchone() == (0,)
    connection.close()
    missing = run_cli(capsys, "--db", db, "restore", tmp_path / "nope.db")
    assert missing.code == 2 and "not a backup file" in missing.err


def test_a_failed_daily_backup_does_not_stop_the_work(seeded_library: Library) -> None:
    path = seeded_library.path
    seeded_library.close()
    (path.parent / "backups").write_text("a file where the folder should be")
    library = Library.open(path)
    try:
        assert any("backup was not made" in w for w in library.warnings)
        library.add_note(1, "work goes on")
        assert [n.body for n in library.notes(1)] == ["work goes on"]
    finally:
        library.close()
