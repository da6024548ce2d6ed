"""Turn SQLite's failures into messages a user can act on.

SQLite says "disk I/O error" both for a full disk (it cannot create the shared
memory file a WAL library needs, even to read) and for a failing one, and
"database is locked" both for our own writers and for another program that
holds the file: so the error code is read first, and a full disk is told by the
free space left, never taken for damage.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing_app.domain.errors import LibraryError, LibraryLockedError, NotOurDatabaseError

# Below this much free space an I/O failure is taken for a full disk.
FULL_BELOW_BYTES = 1024 * 1024

_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


def _primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def free_bytes(path: Path) -> int | None:
    """Return the free space of the disk holding ``path`` (None if it cannot be told)."""
    try:
        return shutil.disk_usage(path if path.is_dir() else path.parent).free
    except OSError:
        return None


def _read_only_folder(path: Path) -> bool:
    folder = path if path.is_dir() else path.parent
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY) or not os.access(folder, os.W_OK)
    except OSError:
        return False


def disk_full(path: Path) -> LibraryError:
    """Return the error for a library whose disk is full."""
    free = free_bytes(path)
    left = "" if free is None else f" ({free // 1024} KB free there)"
    return LibraryError(
        f"The disk is full: {path} could not be written{left}. Nothing was written and the "
        "library is intact. Free some space and retry."
    )


def locked_by_other(path: Path) -> LibraryLockedError:
    """Return the error for a library that another program keeps locked."""
    return LibraryLockedError(
        f"{path} is busy: it is locked by another program (or another Briefing reader) for "
        "longer than we may wait. Nothing was written; close that program or wait, then retry."
    )


def describe(error: BaseException, path: Path | None = None) -> LibraryError | None:
    """Return the user-facing error for a known SQLite failure, else None."""
    original = getattr(error, "orig", None) or error  # the ORM wraps the driver's error
    if not isinstance(original, sqlite3.Error):
        return None
    code, text = _primary_code(original), str(original).lower()
    where = path or Path("The library")
    if code in _BUSY or "locked" in text or "busy" in text:
        return locked_by_other(where)
    if code == sqlite3.SQLITE_READONLY or "readonly" in text or "read-only" in text:
        return LibraryError(f"{where} is read-only: nothing was written. Make it writable.")
    if code == sqlite3.SQLITE_FULL or "disk is full" in text:
        return disk_full(where)
    if code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN) or "disk i/o" in text:
        if path is not None and _read_only_folder(path):
            return LibraryError(
                f"{path} is on a read-only disk or in a read-only folder: SQLite cannot even "
                "read it there. Copy it somewhere writable and open the copy."
            )
        free = free_bytes(where) if path else None
        if free is not None and free < FULL_BELOW_BYTES:
            return disk_full(where)
        return LibraryError(f"{where} could not be read or written ({original}).")
    if code in _DAMAGED or "malformed" in text or "not a database" in text:
        return NotOurDatabaseError(
            f"{where} is damaged ({original}). It was left as it is: 'briefing-app check' "
            "says what is damaged (a search index is rebuilt by 'check --repair'); otherwise "
            "restore a backup ('briefing-app backups')."
        )
    return None


def describe_os_error(error: OSError, path: Path) -> LibraryError:
    """Return the user-facing error for a failed file operation on the library's folder."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return disk_full(path)
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return LibraryError(f"{path} is read-only ({error.strerror}): nothing was written.")
    return LibraryError(f"{path} could not be written ({error.strerror}).")


@contextmanager
def translated_errors(*wrappers: type[Exception], path: Path | None = None) -> Iterator[None]:
    """Re-raise known SQLite failures as :class:`LibraryError`.

    ``wrappers`` are the exception types an ORM wraps driver errors in; they
    are passed in so that reading with plain ``sqlite3`` needs no ORM import.
    """
    caught: tuple[type[Exception], ...] = (sqlite3.Error, *wrappers)
    try:
        yield
    except caught as error:
        known = describe(error, path)
        if known is None:
            raise
        raise known from error
