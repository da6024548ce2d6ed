"""Backups of a library: daily on open, on demand, thinned over time, and restore."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

from briefing_app.domain.backup_policy import Backup, needs_daily, to_delete
from briefing_app.domain.errors import LibraryError
from briefing_app.store.backup import consistent_copy, integrity, replace_library
from briefing_app.store.database import inspect_file
from briefing_app.store.store import backup_folder

_STAMP = re.compile(r"-(\d{8}T\d{6})-[\w.-]+\.db$")
STAMP_FORMAT = "%Y%m%dT%H%M%S"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def list_backups(library: Path) -> list[Backup]:
    """Return the library's backups, newest first."""
    folder = backup_folder(library)
    found = []
    for path in folder.glob(f"{library.stem}-*.db") if folder.is_dir() else []:
        match = _STAMP.search(path.name)
        if match:
            found.append(Backup(datetime.strptime(match.group(1), STAMP_FORMAT), path))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def make_backup(library: Path, reason: str = "manual", now: datetime | None = None) -> Path:
    """Take a verified copy of the library now; return its path."""
    moment = now or _now()
    folder = backup_folder(library)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        message = f"Cannot create the backup folder {folder}: {error.strerror}."
        raise LibraryError(message) from error
    target = folder / f"{library.stem}-{moment.strftime(STAMP_FORMAT)}-{reason}.db"
    return consistent_copy(library, target)


def thin(library: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups the policy no longer keeps; return their paths."""
    doomed = to_delete(list_backups(library), now or _now())
    for backup in doomed:
        backup.path.unlink(missing_ok=True)
    return [b.path for b in doomed]


def daily_backup(library: Path, now: datetime | None = None) -> Path | None:
    """Back up once a day (on open) and thin the old ones; return the new copy, if any."""
    moment = now or _now()
    if not library.exists() or not needs_daily(list_backups(library), moment):
        return None
    made = make_backup(library, "daily", moment)
    thin(library, moment)
    return made


def restore_backup(library: Path, backup: Path) -> Path:
    """Replace the library with a backup; the current library is backed up first.

    Returns the path of the safety copy of the library as it was.

    Raises:
        LibraryError: the backup is not a sound library of ours, or the
            library is open in a window.
    """
    inspect_file(backup)
    if integrity(backup) != "ok":
        raise LibraryError(f"{backup} is damaged: it was not restored.")
    if instance_lock_held(library):
        raise LibraryError(
            f"{library} is open in a Briefing reader window: close it, then restore."
        )
    safety = make_backup(library, "before-restore") if library.exists() else library
    replace_library(library, backup)
    return safety


def lock_path(library: Path) -> Path:
    """Return the path of the window's instance lock for a library."""
    return library.with_name(library.name + ".lock")


def instance_lock_held(library: Path) -> bool:
    """Return True if another live process holds the library's window lock.

    The window that asks to restore holds the lock itself, so its own pid does not count.
    """
    lock = lock_path(library)
    try:
        pid = int(lock.read_text(encoding="utf-8", errors="replace").split()[0])
    except (OSError, ValueError, IndexError):
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
