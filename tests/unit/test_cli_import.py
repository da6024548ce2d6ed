"""`briefing-app import`: good files import once; bad ones give one line and write nothing.

On both backends: a library file, and a team library on the test PostgreSQL server.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli
from tests.conftest import SEED

ARTICLE = "Rebels captured the town of Rastan on Friday, residents said.\n"


@pytest.fixture
def db(backend_location: Path | str) -> Path | str:
    """A new library file, or an empty team library (a URL)."""
    return backend_location


def _export(capsys: pytest.CaptureFixture[str], db: Path | str) -> dict[str, object]:
    outcome = run_cli(capsys, "--db", db, "export", "--format", "json")
    assert outcome.code == 0
    return json.loads(outcome.out)


def _library_state(capsys: pytest.CaptureFixture[str], db: Path | str) -> str:
    data = _export(capsys, db)
    return json.dumps(data["documents"], sort_keys=True)


def test_import_bundled_briefing(capsys: pytest.CaptureFixture[str], db: Path | str) -> None:
    outcome = run_cli(capsys, "--db", db, "import", SEED)
    assert outcome.code == 0, outcome.err
    assert "16 claims" in outcome.out
    documents = _export(capsys, db)["documents"]
    assert isinstance(documents, list) and len(documents) == 1


def test_same_file_twice_is_a_no_op(capsys: pytest.CaptureFixture[str], db: Path | str) -> None:
    assert run_cli(capsys, "--db", db, "import", SEED).code == 0
    before = _library_state(capsys, db)
    outcome = run_cli(capsys, "--db", db, "import", SEED, SEED)
    assert outcome.code == 0
    assert outcome.out.count("already in the library") == 2
    assert _library_state(capsys, db) == before


def _bad_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    tmp.mkdir()
    cases: dict[str, tuple[bytes | None, str]] = {
        "missing": (None, "does not exist"),
        "empty": (b"", "is empty"),
        "blank": (b"  \n\n \t\n", "is empty"),
        "binary": (bytes(range(256)) * 4, "binary"),
        "invalid-utf8": (
            "Rebels took Homs — a city ".encode() + b"\xe2\x80 \xff\n",
            "not valid UTF-8",
        ),
        "boilerplate-only": (
            b"ADVERTISEMENT\nSign up for our newsletter\nRelated: more news\n",
            "holds no reporting",
        ),
        "huge": (b"Rebels advanced on the city again. " * 600_000, "MB"),
    }
    paths: dict[str, tuple[Path, str]] = {}
    for name, (content, message) in cases.items():
        path = tmp / f"{name}.txt"
        if content is not None:
            path.write_bytes(content)
        paths[name] = (path, message)
    paths["directory"] = (tmp, "is a folder")
    return paths


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "empty",
        "blank",
        "binary",
        "invalid-utf8",
        "boilerplate-only",
        "huge",
        "directory",
    ],
)
def test_bad_file_gives_one_line_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], db: Path | str, tmp_path: Path, case: str
) -> None:
    assert run_cli(capsys, "--db", db, "import", SEED).code == 0
    before = _library_state(capsys, db)
    path, message = _bad_files(tmp_path / "bad")[case]
    outcome = run_cli(capsys, "--db", db, "import", path)
    assert outcome.code == 2
    assert outcome.err.count("\n") == 1 and message in outcome.err
    assert outcome.err.startswith("briefing-app: error: ")
    assert _library_state(capsys, db) == before


def test_one_bad_file_among_good_ones_writes_nothing(
    capsys: pytest.CaptureFixture[str], db: Path | str, tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    outcome = run_cli(capsys, "--db", db, "import", good, tmp_path / "nope.txt")
    assert outcome.code == 2
    assert _export(capsys, db)["documents"] == []


def test_cp1252_text_is_decoded_and_reported(
    capsys: pytest.CaptureFixture[str], db: Path | str, tmp_path: Path
) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Rebels entered Hama’s café district, residents said.\n".encode("cp1252"))
    outcome = run_cli(capsys, "--db", db, "import", path)
    assert outcome.code == 0, outcome.err
    assert "read as cp1252" in outcome.out or "read as windows-1252" in outcome.out
    claims = _export(capsys, db)["documents"][0]["claims"]  # type: ignore[index]
    assert claims[0]["text"].startswith("Rebels entered Hama’s café")


def test_utf8_bom_is_dropped(
    capsys: pytest.CaptureFixture[str], db: Path | str, tmp_path: Path
) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff".encode() + ARTICLE.encode())
    assert run_cli(capsys, "--db", db, "import", path).code == 0
    document = _export(capsys, db)["documents"][0]  # type: ignore[index]
    assert document["text"].startswith("Rebels")


def test_unknown_option_is_one_line(capsys: pytest.CaptureFixture[str], db: Path | str) -> None:
    outcome = run_cli(capsys, "--db", db, "export", "--format", "xlsx")
    assert outcome.code == 2
    assert outcome.err.count("\n") == 1 and "invalid choice" in outcome.err


def test_no_files_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    outcome = run_cli(capsys, "--db", db, "import")
    assert outcome.code == 2 and "required" in outcome.err
    assert not db.exists()
