"""Telling that another connection changed the library: ``PRAGMA data_version``.

SQLite bumps a connection's ``data_version`` whenever another connection (of
this process or any other) commits to the file, so one idle read-only
connection, asked now and then, tells the window that a CLI import, a note
written elsewhere or a second window changed what it shows. Asking costs no I/O
beyond a look at the shared memory of the WAL.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from briefing_app.store.connection import connect
from briefing_app.store.errors import translated_errors


class ChangeWatcher:
    """Holds one idle read-only connection and says when others have committed."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._connection: sqlite3.Connection | None = None
        self._version: int | None = None

    def changed(self) -> bool:
        """Return True if another connection committed since the last call (never the first)."""
        with translated_errors(path=self._path):
            if self._connection is None:
                self._connection = connect(self._path, writing=False)
            version = int(self._connection.execute("PRAGMA data_version").fetchone()[0])
        before, self._version = self._version, version
        return before is not None and version != before

    def close(self) -> None:
        """Close the connection (a restore waits for every connection to close)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
            self._version = None
