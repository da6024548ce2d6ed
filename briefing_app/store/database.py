"""Opening a library file safely: check that it is ours and that it can be written.

Nothing here writes to a file until it has been shown to be a Briefing
reader library at a schema this version knows (or is missing and so new).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from briefing_app.domain.errors import LibraryError, NewerSchemaError, NotOurDatabaseError
from briefing_app.store.errors import describe

APPLICATION_ID = 0x42524946  # "BRIF"
SQLITE_MAGIC = b"SQLite format 3\x00"
# Every schema revision this version can open, oldest first; the last is the head.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_saved_searches",
    "0003_hedged_index",
    "0004_document_metadata",
    "0005_reading_state",
    "0006_corrections_and_grading",
    "0007_briefings_index",
    "0008_document_titles_index",
    "0009_bulk_claim_indexing",
    "0010_server_word_split",
    "0011_who_did_what",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]


def new_library_id() -> int:
    """Return a fresh library id: a random positive 31-bit number (SQLite's ``user_version``)."""
    import secrets  # only for a new library

    return secrets.randbelow(2**31 - 1) + 1


def inspect_file(path: Path) -> str | None:
    """Return the schema revision of an existing library, or None if it is missing.

    Raises:
        NotOurDatabaseError: the file exists but is not one of our libraries.
        NewerSchemaError: the library comes from a newer version of the app.
        LibraryError: the file or its folder cannot be read.
    """
    if not path.exists():
        if not path.parent.is_dir():
            raise LibraryError(
                f"The folder {path.parent} does not exist: create it or pick another --db."
            )
        return None
    if path.is_dir():
        raise NotOurDatabaseError(f"{path} is a folder, not a library file: pick a file with --db.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise LibraryError(f"Cannot read {path}: {error.strerror}.") from error
    if not header:
        raise NotOurDatabaseError(
            f"{path} is empty (0 bytes), not a Briefing reader library. It was left as it is: "
            "move it away or pick another file with --db."
        )
    if header != SQLITE_MAGIC:
        raise NotOurDatabaseError(
            f"{path} is not a Briefing reader library (not an SQLite database). It was left as "
            "it is: pick another file with --db."
        )
    return _read_revision(path)


def _read_revision(path: Path) -> str:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
        try:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            has_version = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            revision = (
                connection.execute("SELECT version_num FROM alembic_version").fetchone()
                if has_version
                else None
            )
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        known = describe(error, path)
        if known is not None and not isinstance(known, NotOurDatabaseError):
            raise known from error  # a full disk, a lock: the file itself is fine
        raise NotOurDatabaseError(
            f"{path} is damaged or not a Briefing reader library ({error}). It was left as it "
            "is: restore a backup or pick another file with --db."
        ) from error
    if application_id != APPLICATION_ID or revision is None:
        raise NotOurDatabaseError(
            f"{path} is an SQLite database of another program, not a Briefing reader library. "
            "It was left as it is: pick another file with --db."
        )
    if revision[0] not in KNOWN_REVISIONS:
        raise NewerSchemaError(
            f"{path} was written by a newer version of Briefing reader (schema {revision[0]}). "
            "Update the app to open it; the file was left as it is."
        )
    return str(revision[0])


def check_writable(path: Path) -> None:
    """Raise LibraryError if the library or its folder cannot be written."""
    folder = path.parent
    if not os.access(folder, os.W_OK):
        raise LibraryError(
            f"The folder {folder} is read-only: the library needs to write beside its file. "
            "Copy it somewhere writable or pick another --db."
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise LibraryError(f"{path} is read-only: make it writable or copy it and open the copy.")
