"""Run ``briefing-app`` in-process and capture what a user would see."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing_app.__main__ import main


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> Outcome:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err)


def fingerprint(path: Path) -> str:
    """Return a hash of a file's bytes, or "missing"."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"


def sql_rows(path: Path, query: str) -> list[tuple[object, ...]]:
    """Run one read query on a library file with plain sqlite3."""
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()
