"""``Store``: every read and write of the library goes through its two doors.

:meth:`Store.read` runs one function of an aggregate module (``notes``,
``claims``, ``themes``, ``documents``, ``saved_searches``) on a short read-only
connection inside one read transaction; :meth:`Store.write` runs one inside one
short write transaction that commits (on SQLite, IMMEDIATE, with a full sync),
or rolls back. So no caller ever holds a connection, and a new read is one
function in its aggregate's module, called through ``read``. Lists of claims
come from :meth:`Store.find`, whatever selects them (``store.search``).

The library is a file (SQLite, the default) or a team library on a PostgreSQL
server, named by a ``postgresql://`` URL: :meth:`Store.open` picks the backend
(:mod:`briefing_app.store.backend`), and the statements are the same on both.
A file is migrated on opening, after a backup; a server never is (its owner runs
``briefing-app migrate``). All of it is plain SQL; SQLAlchemy's models only
describe the schema for the migrations.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from briefing_app.domain.errors import LibraryError
from briefing_app.domain.query import Clause, Query
from briefing_app.store import documents
from briefing_app.store.backend import Backend, Connection, Watcher, dialect_of
from briefing_app.store.search.engine import RELEVANCE, SearchOutcome
from briefing_app.store.sqlite_backend import (
    backup_before_upgrade,
    backup_folder,
    open_file,
)

if TYPE_CHECKING:
    from briefing_app.domain.parsed import ParsedDocument

__all__ = ["Store", "backup_before_upgrade", "backup_folder", "is_server_location"]

P = ParamSpec("P")
T = TypeVar("T")
# How many times a call runs when another writer, or a dropped connection, made it fail
# (a server's only: a library file's calls run once).
WRITE_ATTEMPTS = 3


def is_server_location(location: Path | str) -> bool:
    """Return whether ``location`` names a library on a server (a URL) rather than a file."""
    return isinstance(location, str) and "://" in location


class Store:
    """One library: a file, or a team library on a server."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.finds = 0  # how many lists were read: one per keystroke (see make bench)

    @classmethod
    def open(cls, location: Path | str) -> Store:
        """Open the library at a path (created if missing, upgraded) or a server URL.

        A server's library is checked, never created or upgraded from here.

        Raises:
            LibraryError: the file is not ours, newer, damaged or not writable (it is
                left untouched); the server cannot be reached, or its schema is not
                this version's (the message names ``briefing-app migrate``).
            UsageError: the URL is not one, or holds a password.
        """
        if is_server_location(location):
            from briefing_app.store.postgres_backend import open_server

            return cls(open_server(str(location)))
        return cls(open_file(Path(location)))

    @property
    def path(self) -> Path | None:
        """Return the library file (None for a library on a server)."""
        return self.backend.path

    @property
    def location(self) -> str:
        """Return the library's path or URL, as messages show it."""
        return self.backend.location

    def close(self) -> None:
        """Release what is kept between calls (a server's idle connections)."""
        self.backend.close()

    def library_id(self) -> int:
        """Return the library file's id (backups of this library carry the same)."""
        return self.backend.library_id()

    def watcher(self) -> Watcher:
        """Return what tells that another window or process changed the library."""
        return self.backend.watcher()

    def role(self) -> str | None:
        """Return the database role the library is reached as (a server's), else None."""
        return self.backend.role()

    # the two doors

    def read(
        self,
        query: Callable[Concatenate[Connection, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """Return ``query(connection, ...)`` run on one consistent snapshot of the library."""

        def run() -> T:
            with self.backend.reading() as connection:
                return query(connection, *args, **kwargs)

        return self._attempts(run)

    def write(
        self,
        change: Callable[Concatenate[Connection, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """Run ``change(connection, ...)`` in one transaction: committed, or not at all.

        On a server, a transaction another writer made fail runs again (at most
        WRITE_ATTEMPTS times in all): the change then reads what that writer committed.
        """
        return self._committed(lambda connection: change(connection, *args, **kwargs))

    def _committed(self, change: Callable[[Connection], T]) -> T:
        def run() -> T:
            with self.backend.writing() as connection:
                return change(connection)

        return self._attempts(run)

    def _attempts(self, call: Callable[[], T]) -> T:
        """Return ``call()``, run again (up to WRITE_ATTEMPTS in all) while the backend allows.

        A library file's calls run once; see :meth:`Backend.may_retry`.
        """
        attempt = 1
        while True:
            try:
                return call()
            except LibraryError as error:
                if attempt >= WRITE_ATTEMPTS or not self.backend.may_retry(error):
                    raise
                attempt += 1

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
        return self._attempts(
            lambda: self.backend.find(
                query, within, limit=limit, offset=offset, after=after, order=order
            )
        )

    def count(self, within: Sequence[Clause], cap: int) -> int:
        """Return how many claims a view holds (one with words: up to ``cap``)."""
        return self._attempts(lambda: self.backend.count(within, cap))

    def add_documents(
        self,
        parsed: Sequence[ParsedDocument],
        saved: Callable[[int], None] | None = None,
        analyst: str | None = None,
    ) -> list[tuple[int, bool]]:
        """Store parsed documents in one transaction: all of them, or none if one fails.

        Returns (id, already_present) for each; ``saved(n)`` is called after the n-th.
        One commit (one sync to disk) for the whole import, not one per document.
        """

        def add(connection: Connection) -> list[tuple[int, bool]]:
            results: list[tuple[int, bool]] = []
            with dialect_of(connection).bulk_claims(connection):
                for number, document in enumerate(parsed, start=1):
                    existing = documents.find_by_sha(connection, document.sha256)
                    if existing is not None:
                        results.append((existing, True))
                    else:
                        added = documents.add_document(connection, document, analyst)
                        results.append((added, False))
                    if saved is not None:
                        saved(number)
            return results

        return self._committed(add)

    def integrity_check(self) -> str:
        """Return the database's integrity verdict ("ok" when sound; files only)."""
        return self.backend.integrity_check()
