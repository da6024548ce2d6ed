"""One window per library: a QLockFile next to the database file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

WAIT_MS = 200


def lock_path(library: Path) -> Path:
    """Return the lock file of a library."""
    return library.with_name(library.name + ".lock")


def acquire_instance_lock(library: Path) -> QLockFile | None:
    """Lock ``library`` for this process; return None if another window holds it.

    A lock left by a process that died is taken over (QLockFile checks the pid).
    A folder that does not exist cannot be locked; opening the library then says why.
    """
    lock = QLockFile(str(lock_path(library)))
    lock.setStaleLockTime(0)
    if lock.tryLock(WAIT_MS):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        return None
    return lock


def already_open_message(library: Path) -> str:
    """Return what to tell the user when another window has the library open."""
    return (
        f"Briefing reader is already open on {library}.\n\n"
        "Switch to that window, or open another library with --db PATH."
    )
