"""Plain ``sqlite3`` connections to a library, with the settings every connection needs.

The read path uses these directly: the window's first page needs no ORM, and
leaving SQLAlchemy unimported until the first write keeps it off start-up.
The ORM's engine is built on the same function, so both agree on the settings.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from briefing_app.store.access_lock import SharedAccess

BUSY_TIMEOUT_MS = 10_000
WRITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=FULL",
)


class LibraryConnection(sqlite3.Connection):
    """A connection that holds a share of the library's access lock until it is closed.

    So a restore, which takes that lock alone, never swaps the file under an open
    connection (see :mod:`briefing_app.store.access_lock`).
    """

    access: SharedAccess | None = None

    def close(self) -> None:
        """Close the connection, then give back its share of the library."""
        try:
            super().close()
        finally:
            if self.access is not None:
                self.access.release()


def connect(path: Path, *, writing: bool = True) -> sqlite3.Connection:
    """Return a connection in autocommit mode (transactions are begun explicitly).

    A reading connection refuses writes (``query_only``) and skips the write
    settings; both wait up to the busy timeout for a lock, and for a restore
    under way to end.
    """
    access = SharedAccess(path)
    try:
        connection = sqlite3.connect(
            path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
            factory=LibraryConnection,
        )
    except BaseException:
        access.release()
        raise
    assert isinstance(connection, LibraryConnection)
    connection.access = access
    try:
        connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        for pragma in WRITE_PRAGMAS if writing else ("PRAGMA query_only=1",):
            connection.execute(pragma)
    except BaseException:
        connection.close()
        raise
    return connection


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """Yield a read-only connection inside one read transaction (a consistent snapshot)."""
    with closing(connect(path, writing=False)) as connection:
        connection.execute("BEGIN")
        try:
            yield connection
        finally:
            connection.execute("COMMIT")
