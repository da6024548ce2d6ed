"""Where an export may be written: never over the library, its backups or any database.

An export replaces its target whole, so a target that is the library (by any
name: a symlink, ``..``, a hard link), one of its working files, a backup or any
other SQLite database would be destroyed. Such targets are refused before
anything is written, as are folders, FIFOs and devices.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from briefing_app.domain.errors import UsageError
from briefing_app.store.store import backup_folder

SQLITE_HEADER = b"SQLite format 3\x00"
# Files SQLite and the app keep beside a library: its logs and its lock files.
WORKING_SUFFIXES = ("-wal", "-shm", "-journal", ".lock", "-access", "-gate")
_READ_HEADER = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _same(first: Path, second: Path) -> bool:
    """Return True if two paths name one file (compared after resolving, and by inode)."""
    if os.path.normcase(_real(first)) == os.path.normcase(_real(second)):
        return True
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    return _real(path).is_relative_to(_real(folder))


def _protected(library: Path) -> list[Path]:
    """Return the library file and its working files, by the given and the resolved name."""
    names = {library, _real(library)}
    return [
        base.with_name(base.name + suffix) for base in names for suffix in ("", *WORKING_SUFFIXES)
    ]


def _read_header(real: Path, target: Path) -> bytes:
    try:
        handle = os.open(real, _READ_HEADER)
        try:
            return os.read(handle, len(SQLITE_HEADER))
        finally:
            os.close(handle)
    except OSError as error:
        raise UsageError(
            f"{target} exists and cannot be read ({error.strerror}), so it cannot be checked "
            "before being replaced: choose another file name."
        ) from error


def _not_the_library(target: Path, real: Path, library: Path) -> None:
    """Raise UsageError if ``target`` is the library, one of its working files or backups."""
    if any(_same(real, protected) for protected in _protected(library)):
        raise UsageError(
            f"{target} is the library {library} or one of its working files: exporting "
            "there would destroy it. Choose another file name."
        )
    if any(_inside(real, backup_folder(base)) for base in (library, _real(library))):
        raise UsageError(
            f"{target} is in the library's backup folder {backup_folder(library)}: "
            "choose a file outside it."
        )


def check_export_target(target: Path, library: Path | None) -> Path:
    """Return the real path that exporting to ``target`` replaces, if it is safe to replace.

    ``library`` is the library file (None for a team library on a server, which has
    no file or backups here to protect; any SQLite database still is).

    Raises:
        UsageError: the target is the library or one of its working files, a
            backup, an SQLite database, a folder or not a regular file, or its
            folder does not exist.
    """
    real = _real(target)
    if library is not None:
        _not_the_library(target, real, library)
    if not real.parent.is_dir():
        raise UsageError(
            f"The folder {target.parent} does not exist: create it or choose another file."
        )
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return real
    except OSError as error:
        raise UsageError(f"{target} cannot be checked: {error.strerror}.") from error
    if stat.S_ISDIR(mode):
        raise UsageError(f"{target} is a folder: give a file name.")
    if not stat.S_ISREG(mode):
        raise UsageError(
            f"{target} is not a regular file (a FIFO, device or socket): choose a file name."
        )
    if _read_header(real, target) == SQLITE_HEADER:
        raise UsageError(
            f"{target} is an SQLite database (a library, a backup or another program's "
            "data): an export never replaces one. Choose another file name."
        )
    return real
