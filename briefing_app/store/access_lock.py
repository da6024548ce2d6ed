"""The lock that keeps a restore apart from every reader and writer of a library.

Every connection to a library holds a shared ``flock`` on ``<library>-access``
while it is open; a restore holds it exclusively for its whole duration, so no
connection can be open on the old file while it is swapped for the new one (a
connection opened in that gap would write a log of the old file that SQLite
then replays onto the restored one). Before waiting for the readers and
writers to finish, a restore closes ``<library>-gate`` (exclusive), which every
new connection passes through (shared, for an instant): so a steady stream of
writers cannot starve it.

``flock`` locks belong to an open file, not to a process: two connections of
one process, on two threads, each hold their own, and a lock is released when
its file is closed, even by a process that dies. A process that holds the
exclusive lock may open connections of its own on the same thread (the restore
takes a backup).
"""

from __future__ import annotations

import errno
import fcntl
import os
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing_app.domain.errors import LibraryLockedError

# How long a connection waits for a restore to end, and a restore for connections.
CONNECTION_WAIT_S = 60.0
RESTORE_WAIT_S = 30.0
_POLL_S = (0.005, 0.1)  # first and longest pause between two tries


class _Held(threading.local):
    """What this thread holds: libraries it is restoring, and its shares of others."""

    def __init__(self) -> None:
        self.restoring: set[str] = set()
        self.shares: Counter[str] = Counter()


_held = _Held()


# Where a lock file cannot be made, the folder takes no writes either (so no restore).
_CANNOT_CREATE = (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT)


def lock_file(library: Path, kind: str) -> Path:
    """Return the path of one of a library's lock files (``kind`` is access or gate)."""
    real = Path(os.path.realpath(library))
    return real.with_name(f"{real.name}-{kind}")


def _open(path: Path) -> int | None:
    """Open a lock file, creating it; None where it cannot exist (a read-only folder)."""
    for flags in (os.O_RDWR | os.O_CREAT, os.O_RDONLY):
        try:
            return os.open(path, flags | os.O_CLOEXEC, 0o666)
        except FileNotFoundError:
            return None  # the folder is gone: opening the library says so
        except (PermissionError, OSError) as error:
            if error.errno not in _CANNOT_CREATE:
                raise
    return None


def _acquire(path: Path, operation: int, wait_s: float, what: str) -> int | None:
    """Take ``operation`` (LOCK_SH or LOCK_EX) on the lock file; return its descriptor."""
    deadline = time.monotonic() + wait_s
    pause = _POLL_S[0]
    while True:
        descriptor = _open(path)
        if descriptor is None:
            return None
        try:
            fcntl.flock(descriptor, operation | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            if time.monotonic() >= deadline:
                raise LibraryLockedError(what) from None
            time.sleep(pause)
            pause = min(pause * 2, _POLL_S[1])
            continue
        if _same_file(descriptor, path):
            return descriptor
        os.close(descriptor)  # the file was replaced while we waited: lock the new one


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        here, there = os.fstat(descriptor), os.stat(path)
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


class SharedAccess:
    """A connection's share of the library, released by :meth:`release` (or with its file)."""

    __slots__ = ("_descriptor", "_real", "_thread_shares")

    def __init__(self, library: Path) -> None:
        self._descriptor: int | None = None
        self._real = os.path.realpath(library)
        self._thread_shares: Counter[str] | None = None
        if self._real in _held.restoring:
            return  # this thread is restoring: its own connections go ahead
        message = (
            f"{library} is being restored from a backup and the restore did not finish in "
            f"{CONNECTION_WAIT_S:.0f} s. Nothing was written; try again."
        )
        access = lock_file(library, "access")
        if _held.shares[self._real]:
            # This thread already holds a share, so no restore can hold the library:
            # passing the gate again could only deadlock with one waiting at it.
            self._descriptor = _acquire(access, fcntl.LOCK_SH, CONNECTION_WAIT_S, message)
        else:
            gate = _acquire(lock_file(library, "gate"), fcntl.LOCK_SH, CONNECTION_WAIT_S, message)
            try:
                self._descriptor = _acquire(access, fcntl.LOCK_SH, CONNECTION_WAIT_S, message)
            finally:
                if gate is not None:
                    os.close(gate)
        self._thread_shares = _held.shares
        self._thread_shares[self._real] += 1

    def release(self) -> None:
        """Give the share back (idempotent; from any thread)."""
        if self._thread_shares is not None:
            self._thread_shares[self._real] -= 1
            self._thread_shares = None
        if self._descriptor is not None:
            os.close(self._descriptor)
            self._descriptor = None

    def __del__(self) -> None:
        self.release()


@contextmanager
def shared_access(library: Path) -> Iterator[None]:
    """Hold a share of the library (no restore can start) for the block."""
    access = SharedAccess(library)
    try:
        yield
    finally:
        access.release()


@contextmanager
def exclusive_access(library: Path) -> Iterator[None]:
    """Hold the library alone: no other connection is open, and none opens, in the block.

    Raises:
        LibraryLockedError: readers or writers did not finish within RESTORE_WAIT_S.
    """
    real = os.path.realpath(library)
    message = (
        f"{library} stayed in use by another program for {RESTORE_WAIT_S:.0f} s, so it was "
        "not restored. Close the programs that use it (or wait for an import), then retry."
    )
    gate = _acquire(lock_file(library, "gate"), fcntl.LOCK_EX, RESTORE_WAIT_S, message)
    try:
        access = _acquire(lock_file(library, "access"), fcntl.LOCK_EX, RESTORE_WAIT_S, message)
        try:
            _held.restoring.add(real)
            try:
                yield
            finally:
                _held.restoring.discard(real)
        finally:
            if access is not None:
                os.close(access)
    finally:
        if gate is not None:
            os.close(gate)
