"""Databases from disk that are not ours, newer or damaged: a clear message, the file untouched."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from briefing_app.store.database import APPLICATION_ID
from tests.cli_helpers import fingerprint, run_cli
from tests.conftest import SEED


def _zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(4096))


def _foreign_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")


def _newer_schema(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute("CREATE TABLE alembic_version (version_num TEXT)")
        connection.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    connection.close()


def _truncated(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute("CREATE TABLE t (x)")
        connection.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    connection.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


CASES = {
    "zero-bytes": (_zero_bytes, "is empty (0 bytes)"),
    "garbage": (_garbage, "not an SQLite database"),
    "foreign": (_foreign_sqlite, "another program"),
    "newer": (_newer_schema, "newer version"),
    "truncated": (_truncated, "damaged or not a Briefing reader library"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_library_not_ours_is_refused_untouched(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    make, message = CASES[case]
    db = tmp_path / "library.db"
    make(db)
    before = fingerprint(db)
    outcome = run_cli(capsys, "--db", db, "import", SEED)
    assert outcome.code == 2
    assert message in outcome.err and outcome.err.count("\n") == 1
    assert fingerprint(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.db"]


def test_folder_that_does_not_exist(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    outcome = run_cli(capsys, "--db", tmp_path / "nowhere" / "lib.db", "export")
    assert outcome.code == 2 and "does not exist" in outcome.err
    assert not (tmp_path / "nowhere").exists()


def test_db_path_is_a_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    outcome = run_cli(capsys, "--db", tmp_path, "export")
    assert outcome.code == 2 and "is a folder" in outcome.err


@pytest.mark.parametrize("read_only", ["file", "folder"])
def test_read_only_library_is_refused_untouched(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    read_only: str,
) -> None:
    db = tmp_path / "lib.db"
    assert run_cli(capsys, "--db", db, "import", SEED).code == 0
    before = fingerprint(db)
    locked = db if read_only == "file" else tmp_path
    real_access = os.access
    # Root ignores permission bits, so the check itself is made to see them.
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if Path(p) == locked else real_access(p, mode)
    )
    outcome = run_cli(capsys, "--db", db, "note", "1", "text")
    assert outcome.code == 2 and "read-only" in outcome.err
    assert fingerprint(db) == before


def test_missing_file_is_a_first_run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    outcome = run_cli(capsys, "--db", db, "export")
    assert outcome.code == 0 and db.exists()


def test_default_library_lives_in_the_user_data_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    outcome = run_cli(capsys, "import", SEED)
    assert outcome.code == 0
    assert (Path(os.environ["XDG_DATA_HOME"]) / "briefing-app" / "library.db").exists()


def test_db_from_environment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "env.db"
    monkeypatch.setenv("BRIEFING_APP_DB", str(db))
    assert run_cli(capsys, "import", SEED).code == 0
    assert db.exists()
