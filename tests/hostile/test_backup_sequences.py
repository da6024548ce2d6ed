"""Backups under hostile sequences: copies that must not vanish, links, other libraries, repair."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from briefing_app.domain.errors import OtherLibraryError
from briefing_app.services.backups import (
    BEFORE_RESTORE,
    check_library,
    list_backups,
    make_backup,
    restore_backup,
    thin,
)
from briefing_app.services.library import Library
from tests.cli_helpers import fingerprint, run_cli, sql_rows
from tests.conftest import SEED


@pytest.fixture
def library(library_path: Path) -> Path:
    opened = Library.open(library_path)
    opened.import_files([SEED])
    opened.add_note(1, "first note")
    opened.close()
    return library_path


def test_two_restores_in_one_second_keep_both_copies(library: Path) -> None:
    backup = make_backup(library)
    Library.open(library).add_note(2, "written before the first restore")
    first = restore_backup(library, backup)
    Library.open(library).add_note(3, "written before the second restore")
    second = restore_backup(library, backup)
    assert first != second and first.exists() and second.exists()
    assert "written before the first restore" in str(sql_rows(first, "SELECT body FROM notes"))
    assert "written before the second restore" in str(sql_rows(second, "SELECT body FROM notes"))


def test_thinning_keeps_the_copy_taken_before_a_restore_for_a_month(library: Path) -> None:
    backup = make_backup(library)
    safety = restore_backup(library, backup)
    make_backup(library, "manual")  # a later copy of the same day, the day's newest
    now = datetime.now(UTC).replace(tzinfo=None)
    thin(library, now)
    thin(library, now + timedelta(days=29))
    assert safety.exists()
    assert [b.path for b in list_backups(library) if b.reason == BEFORE_RESTORE] == [safety]


def test_backups_of_one_process_in_one_second_never_share_a_name(library: Path) -> None:
    moment = datetime(2026, 11, 29, 12, 0, 0)
    made: list[Path] = []
    errors: list[BaseException] = []

    def take() -> None:
        try:
            made.append(make_backup(library, "daily", moment))
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(made)) == 4 and all(path.exists() for path in made)
    assert not list(library.parent.glob("backups/*.partial"))


def test_restore_through_a_symlink_replaces_the_file_it_points_to(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "elsewhere" / "link.db"
    link.parent.mkdir()
    link.symlink_to(library)
    backup = make_backup(library)
    Library.open(library).add_note(4, "after the backup")
    outcome = run_cli(capsys, "--db", link, "restore", backup)
    assert outcome.code == 0, outcome.err
    assert link.is_symlink() and link.resolve() == library
    assert "after the backup" not in str(sql_rows(library, "SELECT body FROM notes"))


def test_a_backup_of_another_library_is_refused_unless_asked(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other" / "library.db"
    other.parent.mkdir()
    Library.open(other).import_files([SEED])
    foreign = make_backup(other)
    before = fingerprint(library)
    with pytest.raises(OtherLibraryError):
        restore_backup(library, foreign)
    outcome = run_cli(capsys, "--db", library, "restore", foreign)
    assert (
        outcome.code == 2 and "another library" in outcome.err and "--other-library" in outcome.err
    )
    assert fingerprint(library) == before
    forced = run_cli(capsys, "--db", library, "restore", foreign, "--other-library")
    assert forced.code == 0, forced.err


def test_a_restored_backup_keeps_the_library_id(library: Path) -> None:
    ours = Library.open(library)
    identity = ours._store.library_id()
    ours.close()
    assert identity != 0
    restore_backup(library, make_backup(library))
    again = Library.open(library)
    assert again._store.library_id() == identity
    again.close()


def _damage_note_index(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(
            "UPDATE note_fts_data SET block = randomblob(length(block)) WHERE id > 10"
        )
        connection.commit()


def test_a_damaged_search_index_is_found_kept_out_of_backups_and_repaired(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with closing(Library.open(library)) as opened:
        for claim in (2, 3, 4):
            opened.add_note(claim, f"note on claim {claim} about Homs")
    _damage_note_index(library)
    assert sql_rows(library, "PRAGMA integrity_check") == [("ok",)]  # SQLite alone sees nothing

    found = run_cli(capsys, "--db", library, "check")
    assert found.code == 2 and "note_fts" in found.out and "--repair" in found.err
    refused = run_cli(capsys, "--db", library, "backup")
    assert refused.code == 2 and "integrity check" in refused.err
    assert not [b for b in list_backups(library) if b.reason == "manual"]

    repaired = run_cli(capsys, "--db", library, "check", "--repair")
    assert repaired.code == 0 and "Repaired" in repaired.out
    assert any(b.reason == "before-repair" for b in list_backups(library))
    assert check_library(library).sound
    hits = run_cli(capsys, "--db", library, "search", "note:homs")
    assert hits.code == 0
    assert {"2", "3", "4"} <= {line.split("\t")[0] for line in hits.out.splitlines()}


def test_restore_of_a_damaged_library_still_keeps_a_copy_of_it(library: Path) -> None:
    backup = make_backup(library)
    _damage_note_index(library)
    safety = restore_backup(library, backup)
    assert safety.exists() and check_library(library).sound


def test_check_refuses_a_file_that_is_not_a_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all")
    outcome = run_cli(capsys, "--db", junk, "check")
    assert outcome.code == 2 and "not a Briefing reader library" in outcome.err
    missing = run_cli(capsys, "--db", tmp_path / "missing.db", "check")
    assert missing.code == 2 and "does not exist" in missing.err
