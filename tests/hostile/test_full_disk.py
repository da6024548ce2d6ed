"""A full disk or a foreign lock is called what it is, never "damaged", and loses nothing."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest

from briefing_app.services.library import Library
from tests.cli_helpers import run_cli, sql_rows
from tests.conftest import DATA, SEED
from tests.hostile.conftest import SmallDisk

FREE_LEVELS = (0, 4096, 8192, 16384, 32768, 65536, 131072, 262144)
ARTICLE = DATA / "articles" / "001_reuters_hama_outskirts.txt"


def _commands(disk: SmallDisk, level: int) -> list[list[str]]:
    return [
        ["search", "homs"],
        ["note", "1", f"note-at-{level}"],
        ["export", "--format", "json", "-o", str(disk.root / "out.json")],
        ["backup"],
        ["check"],
        ["import", str(disk.root / "article.txt")],
    ]


@pytest.mark.slow
def test_every_command_at_every_free_space_level_says_disk_full_or_works(
    small_disk: SmallDisk, capsys: pytest.CaptureFixture[str]
) -> None:
    library = small_disk.root / "library.db"
    opened = Library.open(library)
    opened.import_files([SEED])
    opened.close()
    shutil.copy(ARTICLE, small_disk.root / "article.txt")
    acknowledged, outcomes = [], []
    for level in FREE_LEVELS:
        free = small_disk.leave_free(level)
        for command in _commands(small_disk, level):
            outcome = run_cli(capsys, "--db", library, *command)
            outcomes.append((free, command[0], outcome.code))
            assert "damaged" not in outcome.err, (free, command, outcome.err)
            assert "Traceback" not in outcome.err
            if outcome.code != 0:
                assert outcome.code == 2 and "full" in outcome.err, (free, command, outcome.err)
                # at most a warning (the daily backup) and the error
                assert len(outcome.err.strip().splitlines()) <= 2, outcome.err
            elif command[0] == "note":
                acknowledged.append(f"note-at-{level}")
    small_disk.empty()
    assert any(code == 2 for _, _, code in outcomes), "the disk was never full enough to fail"
    assert run_cli(capsys, "--db", library, "check").out.strip() == "ok"
    bodies = {row[0] for row in sql_rows(library, "SELECT body FROM notes")}
    assert set(acknowledged) <= bodies
    refused = sum(code == 2 for _, _, code in outcomes)
    print(
        f"\nfull disk: {len(outcomes)} commands at {len(FREE_LEVELS)} free-space levels, "
        f"{refused} refused as 'disk full', 0 called damaged, {len(acknowledged)} notes kept"
    )


def test_a_foreign_exclusive_lock_is_called_a_lock(
    library_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Library.open(library_path).import_files([SEED])
    with closing(sqlite3.connect(library_path, isolation_level=None)) as other:
        other.execute("PRAGMA locking_mode=EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        other.execute("SELECT count(*) FROM claims").fetchone()
        outcome = run_cli(capsys, "--db", library_path, "search", "homs")
    assert outcome.code == 2
    assert "locked by another program" in outcome.err and "damaged" not in outcome.err
    assert run_cli(capsys, "--db", library_path, "check").out.strip() == "ok"


def test_a_read_only_disk_is_called_read_only(
    small_disk: SmallDisk, capsys: pytest.CaptureFixture[str]
) -> None:
    library = small_disk.root / "library.db"
    Library.open(library).import_files([SEED])
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk.root)], check=True)
    outcome = run_cli(capsys, "--db", library, "note", "1", "x")
    assert outcome.code == 2 and "read-only" in outcome.err and "damaged" not in outcome.err


def test_a_failed_daily_backup_is_a_warning_on_stderr(
    library_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Library.open(library_path, backup=False).import_files([SEED])
    (library_path.parent / "backups").write_text("a file where the backup folder goes")
    outcome = run_cli(capsys, "--db", library_path, "search", "homs")
    assert outcome.code == 0
    assert "warning: Today's backup was not made" in outcome.err
