"""Arguments a shell can pass but a user did not mean: bytes that are not UTF-8, huge numbers.

Each is run as a real process (argv as bytes), as a user's shell would: the answer
is one line on stderr and exit 2 (or the command works), never a traceback, and
the library is left as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_app.services.library import Library
from tests.cli_helpers import fingerprint, sql_rows
from tests.conftest import DATA, SEED

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "LC_ALL": "C.UTF-8"}


def run(*argv: bytes | str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "briefing_app", *argv],
        capture_output=True,
        env=ENV,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def library(library_path: Path) -> Path:
    Library.open(library_path).import_files([SEED])
    return library_path


def assert_one_line_refusal(done: subprocess.CompletedProcess[bytes]) -> str:
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    return err


@pytest.mark.parametrize(
    ("claim", "text", "says"),
    [
        (b"99999999999999999999", b"x", "is not a claim id"),
        (b"-1", b"x", "is not a claim id"),
        (b"1", b"\xff\xfe broken", "not valid UTF-8"),
        (b"1", b"caf\xe9 latin-1", "not valid UTF-8"),
    ],
)
def test_bad_note_arguments_are_one_line(
    library: Path, claim: bytes, text: bytes, says: str
) -> None:
    before = fingerprint(library)
    done = run(b"--db", bytes(library), b"note", b"--", claim, text, cwd=library.parent)
    assert says in assert_one_line_refusal(done)
    assert fingerprint(library) == before
    assert sql_rows(library, "SELECT count(*) FROM notes") == [(0,)]


def test_a_file_name_that_is_not_utf8_imports_under_a_readable_name(library: Path) -> None:
    odd = bytes(library.parent) + b"/hama-\xff-report.txt"
    shutil.copy(DATA / "articles" / "001_reuters_hama_outskirts.txt", os.fsdecode(odd))
    done = run(b"--db", bytes(library), b"import", odd, cwd=library.parent)
    assert done.returncode == 0, done.stderr
    assert "hama-\ufffd-report.txt: imported" in done.stdout.decode("utf-8")
    assert ("hama-\ufffd-report.txt",) in sql_rows(library, "SELECT file_name FROM documents")


def test_a_missing_file_with_a_name_that_is_not_utf8_is_one_line(library: Path) -> None:
    done = run(b"--db", bytes(library), b"import", b"/nowhere/\xff.txt", cwd=library.parent)
    assert "does not exist" in assert_one_line_refusal(done)


def test_a_library_path_that_is_not_utf8_works(tmp_path: Path) -> None:
    odd = bytes(tmp_path) + b"/lib-\xff.db"
    done = run(b"--db", odd, b"import", str(SEED).encode(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert Path(os.fsdecode(odd)).exists()
    searched = run(b"--db", odd, b"search", b"homs", cwd=tmp_path)
    assert searched.returncode == 0 and searched.stdout


def test_a_library_folder_that_is_not_utf8_and_missing_is_one_line(tmp_path: Path) -> None:
    done = run(b"--db", bytes(tmp_path) + b"/no-\xff/lib.db", b"search", b"x", cwd=tmp_path)
    err = assert_one_line_refusal(done)
    assert "does not exist" in err and "\ufffd" in err


@pytest.mark.parametrize(
    "argv",
    [
        ("search", "-russian"),
        ("search", "--json", "-russian"),
        ("search", "-russian", "--json"),
        ("search", "-russian", "homs"),
    ],
)
def test_a_query_may_begin_with_a_dash(library: Path, argv: tuple[str, ...]) -> None:
    done = run("--db", str(library), *argv, cwd=library.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout and b"Russian" not in done.stdout  # claims without the word


def test_a_library_called_search_is_not_taken_for_the_command(tmp_path: Path) -> None:
    Library.open(tmp_path / "search").import_files([SEED])
    done = run("--db", str(tmp_path / "search"), "search", "-russian", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
