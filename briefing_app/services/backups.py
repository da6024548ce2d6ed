"""Backups of a library: daily on open, on demand, thinned over time, restore and repair."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from briefing_app.domain.backup_policy import Backup, needs_daily, to_delete
from briefing_app.domain.errors import LibraryError, OtherLibraryError
from briefing_app.store.access_lock import exclusive_access, shared_access
from briefing_app.store.backup import (
    TABLES_ONLY,
    consistent_copy,
    index_problems,
    integrity_problems,
    library_id,
    rebuild_indexes,
    set_library_id,
    staged_copy,
    swap_in,
    table_problems,
)
from briefing_app.store.database import inspect_file
from briefing_app.store.store import backup_folder

_NAME = re.compile(r"-(\d{8}T\d{6})(?:\.(\d{6}))?-([\w.-]+?)(?:-\d+)?\.db$")
STAMP_FORMAT = "%Y%m%dT%H%M%S"
BEFORE_RESTORE = "before-restore"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def real_library(library: Path) -> Path:
    """Return the library file a path names, symlinks followed (a restore replaces that file)."""
    return Path(os.path.realpath(library.expanduser()))


def list_backups(library: Path) -> list[Backup]:
    """Return the library's backups, newest first."""
    folder = backup_folder(library)
    found = []
    for path in folder.glob(f"{library.stem}-*.db") if folder.is_dir() else []:
        match = _NAME.search(path.name)
        if match:
            taken = datetime.strptime(match.group(1), STAMP_FORMAT)
            if match.group(2):
                taken = taken.replace(microsecond=int(match.group(2)))
            found.append(Backup(taken, path, match.group(3)))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def make_backup(
    library: Path, reason: str = "manual", now: datetime | None = None, scope: str = "all"
) -> Path:
    """Take a verified copy of the library now, under a name no other backup has."""
    moment = now or _now()
    folder = backup_folder(library)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        message = f"Cannot create the backup folder {folder}: {error.strerror}."
        raise LibraryError(message) from error
    stamp = f"{moment.strftime(STAMP_FORMAT)}.{moment.microsecond:06d}"
    with shared_access(library):
        return consistent_copy(library, folder / f"{library.stem}-{stamp}-{reason}.db", scope)


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


def from_other_library(library: Path, backup: Path) -> bool:
    """Return True if ``backup`` was taken of another library than ``library``."""
    library = real_library(library)
    if not library.exists():
        return False
    with shared_access(library):
        ours = library_id(library)
    theirs = library_id(backup)
    return bool(ours and theirs and ours != theirs)


def restore_backup(library: Path, backup: Path, *, other_library: bool = False) -> Path:
    """Replace the library with a backup; the current library is backed up first.

    A symlink is followed: the file it points to is replaced. No connection is
    open on the library while it is swapped (readers and writers wait), and the
    copy of the library as it was is taken in the same hold, so a note written
    up to the moment of the restore is in that copy. Returns that copy's path.

    Raises:
        OtherLibraryError: the backup is of another library and ``other_library`` is false.
        LibraryError: the backup is not a sound library of ours, the library is
            open in a window, or it stayed in use for too long.
    """
    library = real_library(library)
    inspect_file(backup)
    if not other_library and from_other_library(library, backup):
        raise OtherLibraryError(
            f"{backup} is a backup of another library, not of {library}. Nothing was "
            "restored; to replace this library with it anyway, add --other-library."
        )
    if instance_lock_held(library):
        raise LibraryError(
            f"{library} is open in a Briefing reader window: close it, then restore."
        )
    staged = staged_copy(backup, library)
    try:
        with exclusive_access(library):
            safety = (
                make_backup(library, BEFORE_RESTORE, scope=TABLES_ONLY)
                if library.exists()
                else library
            )
            if library.exists() and not library_id(staged):
                set_library_id(staged, library_id(library))
            swap_in(library, staged)
    finally:
        staged.unlink(missing_ok=True)
    return safety


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What ``check`` found, and what ``check --repair`` did."""

    problems: tuple[str, ...]
    repaired: bool = False
    backup: Path | None = None

    @property
    def sound(self) -> bool:
        """Return True when the library has no problem (left)."""
        return not self.problems or self.repaired


def check_library(library: Path, *, repair: bool = False) -> CheckReport:
    """Check the tables and the search indexes; with ``repair``, rebuild damaged indexes.

    A repair first takes a backup (tables checked, indexes as they are). Damage
    to the tables themselves cannot be repaired here: restore a backup.

    Raises:
        LibraryError: the file is not a library of ours, or its tables are damaged
            and a repair was asked for.
    """
    inspect_file(library)
    with shared_access(library):
        tables = table_problems(library)
        problems = tables or index_problems(library)
    if not problems or not repair:
        return CheckReport(tuple(problems))
    if tables:
        raise LibraryError(
            f"{library} has damaged tables ({'; '.join(tables[:3])}); only its search index "
            "can be repaired. Restore a backup: see 'briefing-app backups'."
        )
    copy = make_backup(library, "before-repair", scope=TABLES_ONLY)
    with shared_access(library):
        rebuild_indexes(library)
        left = integrity_problems(library)
    return CheckReport(tuple(problems if left else ()), repaired=not left, backup=copy)


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
