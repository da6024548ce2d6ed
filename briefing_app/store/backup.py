"""Consistent copies of a library file: ``VACUUM INTO`` a temp file, verify, rename."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from briefing_app.domain.errors import LibraryError


def integrity(path: Path) -> str:
    """Return SQLite's integrity verdict for a file ("ok" when sound), read-only."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def consistent_copy(source: Path, target: Path) -> Path:
    """Copy a live library to ``target`` without stopping writers; verify it first.

    The copy is written to a temporary sibling and renamed only once SQLite
    calls it sound, so ``target`` is never a half-written file.
    """
    # Unique per process: two windows or CLI calls may back up at the same second.
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    try:
        connection = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            connection.execute("VACUUM INTO ?", (str(partial),))
        finally:
            connection.close()
        verdict = integrity(partial)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise LibraryError(f"Could not back up {source}: {error}.") from error
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise LibraryError(f"{source} failed its integrity check ({verdict}): not backed up.")
    os.replace(partial, target)
    return target


def replace_library(path: Path, replacement: Path) -> None:
    """Put a verified copy in place of the library at ``path``.

    The current file's write-ahead log is checkpointed first, so that no stale
    log is replayed onto the restored file.
    """
    staged = path.with_name(path.name + ".restoring")
    consistent_copy(replacement, staged)
    if path.exists():
        connection = sqlite3.connect(path)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.replace(staged, path)
