"""A library file: SQLite, embedded, for one analyst (the default backend).

Its connections are plain ``sqlite3`` ones (:mod:`briefing_app.store.connection`),
so the statements run exactly as written: the second backend costs SQLite nothing.
The file's own duties live here too: the checks before a file is touched, the
backup before a migration, the access lock, the library id, ``PRAGMA data_version``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from briefing_app.store.access_lock import shared_access
from briefing_app.store.backend import Backend, Connection, Dialect
from briefing_app.store.backup import TABLES_ONLY, consistent_copy
from briefing_app.store.connection import connect, reading
from briefing_app.store.database import (
    HEAD_REVISION,
    check_writable,
    inspect_file,
    new_library_id,
)
from briefing_app.store.errors import translated_errors
from briefing_app.store.watch import ChangeWatcher


class SqliteDialect(Dialect):
    """SQLite's spelling: JSON id lists, ``COLLATE NOCASE``, ``lastrowid``, ``max(id) + 1``."""

    name = "sqlite"

    @contextmanager
    def bulk_claims(self, connection: Connection) -> Iterator[None]:
        """Index the claims inserted inside at the end, in one statement.

        The trigger that indexes a claim as it is inserted costs FTS5 a flush per row:
        an import of 60 briefings spent 38 ms in it, against 8 ms to index the same
        claims at once. ``bulk_indexing`` holds a row while this runs (in the writer's
        transaction, so no other connection ever sees it), and the trigger skips then.
        """
        [first] = self.new_ids(connection, "claims", 1)  # the first id the import gives
        connection.execute("INSERT INTO bulk_indexing (active) VALUES (1)")
        yield
        connection.execute("DELETE FROM bulk_indexing")
        connection.execute(
            "INSERT INTO claim_fts (rowid, text) SELECT id, text FROM claims WHERE id >= ?",
            (first,),
        )

    in_list = "IN (SELECT value FROM json_each(?))"
    for_update = ""

    def values(self, items: Iterable[int | str]) -> object:
        """Return the values as one JSON list (``json_each`` reads it)."""
        return json.dumps([v if isinstance(v, str) else int(v) for v in items])

    def nocase_equals(self, column: str) -> str:
        """Return ``column = ?`` under ``NOCASE`` (ASCII letters fold, as SQLite's own)."""
        return f"{column} = ? COLLATE NOCASE"

    def fold(self, expression: str) -> str:
        """Return ``fold(expression)``: ASCII text (most of it) by SQLite's own ``lower``."""
        from briefing_app.store.search.fields import FOLD_FUNCTION

        return (
            f"(CASE WHEN length(CAST({expression} AS BLOB)) = length({expression})"
            f" THEN lower({expression}) ELSE {FOLD_FUNCTION}({expression}) END)"
        )

    def contains(self, haystack: str) -> str:
        """Return ``instr(haystack, ?) > 0``."""
        return f"instr({haystack}, ?) > 0"

    def document_date(self, published: str, imported: str) -> str:
        """Return ``coalesce(published, imported)`` (both are text in a library file)."""
        return f"coalesce({published}, {imported})"

    def prepare(self, connection: Connection) -> None:
        """Register the Python folding function :meth:`fold` calls."""
        from briefing_app.store.search.fields import register_fold

        register_fold(cast(sqlite3.Connection, connection))

    def inserted_id(self, connection: Connection, sql: str, parameters: Sequence[object]) -> int:
        """Run the ``INSERT`` and return the cursor's ``lastrowid``."""
        cursor = cast(sqlite3.Cursor, connection.execute(sql, parameters))
        return int(cursor.lastrowid or 0)

    def new_ids(self, connection: Connection, table: str, count: int) -> list[int]:
        """Return the ids after the largest (writers take turns: ``BEGIN IMMEDIATE``)."""
        first = int(
            connection.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]
        )
        return list(range(first, first + count))


SQLITE = SqliteDialect()


class SqliteBackend(Backend):
    """The library file at one path."""

    dialect = SQLITE

    def __init__(self, path: Path) -> None:
        self.path: Path = path
        self.location = str(path)

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """Yield a read-only connection inside one read transaction."""
        with translated_errors(path=self.path), reading(self.path) as connection:
            yield connection

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """Yield a connection inside an IMMEDIATE transaction, committed if all goes well."""
        with translated_errors(path=self.path), closing(connect(self.path)) as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def watcher(self) -> ChangeWatcher:
        """Return a watcher of ``PRAGMA data_version``."""
        return ChangeWatcher(self.path)

    def integrity_check(self) -> str:
        """Return SQLite's integrity verdict ("ok" when sound)."""
        with self.reading() as connection:
            return str(connection.execute("PRAGMA integrity_check").fetchone()[0])

    def close(self) -> None:
        """Nothing to release: every call opens and closes its own connection."""

    def library_id(self) -> int:
        """Return the library's id (backups of this library carry the same)."""
        with self.reading() as connection:
            return int(connection.execute("PRAGMA user_version").fetchone()[0])


def open_file(path: Path) -> SqliteBackend:
    """Open (or create, if missing) the library file at ``path``, upgrading its schema.

    Raises:
        LibraryError: the file is not ours, newer, damaged or not writable;
            the file is left untouched.
    """
    path = path.expanduser().absolute()
    inspect_file(path)  # refuse a file that is not ours before making lock files beside it
    check_writable(path)
    with shared_access(path):
        revision = inspect_file(path)  # again: a restore may have replaced it meanwhile
        if revision != HEAD_REVISION:
            if revision is not None:
                backup_before_upgrade(path, revision)
            with translated_errors(path=path):
                from briefing_app.store.migrate import upgrade

                upgrade(path)
        backend = SqliteBackend(path)
        if not backend.library_id():
            with backend.writing() as connection:
                connection.execute(f"PRAGMA user_version={int(new_library_id())}")
    return backend


def backup_before_upgrade(path: Path, revision: str) -> Path:
    """Copy the library aside before a migration; return the copy's path."""
    folder = backup_folder(path)
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return consistent_copy(path, folder / f"{path.stem}-{stamp}-before-{revision}.db", TABLES_ONLY)


def backup_folder(path: Path) -> Path:
    """Return the folder that keeps a library's backups (beside the file)."""
    return path.parent / "backups"
