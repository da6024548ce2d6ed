"""``Store``: every read and write of the library goes through its two doors.

:meth:`Store.read` runs one function of an aggregate module (``notes``,
``claims``, ``themes``, ``documents``, ``saved_searches``) on a short read-only
connection inside one read transaction; :meth:`Store.write` runs one inside an
IMMEDIATE transaction that commits with a full sync, or rolls back. So no
caller ever holds a connection, and a new read is one function in its
aggregate's module, called through ``read``. Lists of claims come from
:meth:`Store.find`, whatever selects them (``store.search``). All of it is
plain SQL over ``sqlite3``; SQLAlchemy's models only describe the schema for
the migrations.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from briefing_app.domain.query import Clause, Query
from briefing_app.store import documents
from briefing_app.store.access_lock import shared_access
from briefing_app.store.backup import TABLES_ONLY, consistent_copy
from briefing_app.store.connection import connect, reading
from briefing_app.store.database import (
    HEAD_REVISION,
    check_writable,
    inspect_file,
    new_library_id,
)
from briefing_app.store.errors import translated_errors
from briefing_app.store.search.engine import (
    RELEVANCE,
    SearchOutcome,
    count_claims,
    find_claims,
)

if TYPE_CHECKING:
    from briefing_app.domain.parsed import ParsedDocument

P = ParamSpec("P")
T = TypeVar("T")


class Store:
    """The library database at one path."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.finds = 0  # how many lists were read: one per keystroke (see make bench)

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open (or create, if missing) the library at ``path``, upgrading its schema.

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
            store = cls(path)
            if not store.library_id():
                store.write(_set_library_id, new_library_id())
        return store

    def close(self) -> None:
        """Nothing to release: every call opens and closes its own connection."""

    def library_id(self) -> int:
        """Return the library's id (backups of this library carry the same)."""
        return self.read(_library_id)

    # the two doors

    def read(
        self,
        query: Callable[Concatenate[sqlite3.Connection, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """Return ``query(connection, ...)`` run on one consistent snapshot of the library."""
        with self._reading() as connection:
            return query(connection, *args, **kwargs)

    def write(
        self,
        change: Callable[Concatenate[sqlite3.Connection, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """Run ``change(connection, ...)`` in one transaction: committed, or not at all."""
        with self._writing() as connection:
            return change(connection, *args, **kwargs)

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with translated_errors(path=self.path), reading(self.path) as connection:
            yield connection

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """Yield a connection inside an IMMEDIATE transaction, committed if all goes well."""
        with translated_errors(path=self.path), closing(connect(self.path)) as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    # what needs more than one function

    def find(
        self,
        query: Query,
        within: Sequence[Clause] = (),
        *,
        limit: int,
        offset: int = 0,
        after: int | None = None,
        order: str = RELEVANCE,
    ) -> SearchOutcome:
        """Return a page of the claims matching ``query`` in the view ``within`` (one read).

        See :func:`briefing_app.store.search.engine.find_claims`.
        """
        self.finds += 1
        return self.read(
            find_claims, query, within, limit=limit, offset=offset, after=after, order=order
        )

    def count(self, within: Sequence[Clause], cap: int) -> int:
        """Return how many claims a view holds (one with words: up to ``cap``)."""
        return self.read(count_claims, within, cap)

    def add_documents(
        self, parsed: Sequence[ParsedDocument], saved: Callable[[int], None] | None = None
    ) -> list[tuple[int, bool]]:
        """Store parsed documents in one transaction: all of them, or none if one fails.

        Returns (id, already_present) for each; ``saved(n)`` is called after the n-th.
        One commit (one sync to disk) for the whole import, not one per document.
        """
        results: list[tuple[int, bool]] = []
        with self._writing() as connection:
            for number, document in enumerate(parsed, start=1):
                existing = documents.find_by_sha(connection, document.sha256)
                if existing is not None:
                    results.append((existing, True))
                else:
                    results.append((documents.add_document(connection, document), False))
                if saved is not None:
                    saved(number)
        return results

    def integrity_check(self) -> str:
        """Return SQLite's integrity verdict ("ok" when sound)."""
        return self.read(_integrity)


def _library_id(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def _set_library_id(connection: sqlite3.Connection, value: int) -> None:
    connection.execute(f"PRAGMA user_version={int(value)}")


def _integrity(connection: sqlite3.Connection) -> str:
    return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


def backup_before_upgrade(path: Path, revision: str) -> Path:
    """Copy the library aside before a migration; return the copy's path."""
    folder = backup_folder(path)
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return consistent_copy(path, folder / f"{path.stem}-{stamp}-before-{revision}.db", TABLES_ONLY)


def backup_folder(path: Path) -> Path:
    """Return the folder that keeps a library's backups (beside the file)."""
    return path.parent / "backups"
