"""The one place where a library file (SQLite) and a team library (PostgreSQL) differ.

Every statement of the store is written once, in the SQL both backends speak, with
``?`` placeholders (DB-API ``qmark``). The few fragments that cannot be spelled
the same way on both come from the connection's :class:`Dialect`
(``dialect_of(connection).in_list``, ``.nocase_equals(column)``...), never from an
``if sqlite`` in an aggregate module. A :class:`Backend` opens the short
connections of :class:`~briefing_app.store.store.Store`'s two doors and serves what
is not one statement (lists of claims, the change watcher, the file checks).

The implementations: :mod:`briefing_app.store.sqlite_backend` (the embedded
default; its connections are plain ``sqlite3`` ones, so it pays nothing for the
second backend) and :mod:`briefing_app.store.postgres_backend` (psycopg 3, loaded
only when a URL is opened; it turns ``?`` into psycopg's ``%s`` once per statement).

What is the same on both, so written plainly: ``TRUE``/``FALSE``, ``ON CONFLICT
... DO NOTHING / DO UPDATE`` (not ``INSERT OR IGNORE``), quoted ``"end"``, ``LIMIT ?``.
Times are written as :func:`briefing_app.store.sql.stamp` text (the server casts it)
and read through :func:`briefing_app.store.sql.as_time`, since SQLite gives text and
PostgreSQL a ``datetime``.
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from briefing_app.domain.query import Clause, Query
    from briefing_app.store.search.engine import SearchOutcome


class Cursor(Protocol):
    """What the store reads from a statement's result (``sqlite3`` and psycopg cursors)."""

    @property
    def rowcount(self) -> int:
        """Return how many rows a write changed."""

    def fetchone(self) -> Any:
        """Return the next row, or None."""

    def fetchall(self) -> list[Any]:
        """Return the remaining rows."""

    def __iter__(self) -> Iterator[Any]:
        """Iterate over the rows."""


class Connection(Protocol):
    """What the store's statements run on: ``sqlite3.Connection`` or a server connection."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor:
        """Run one statement with its parameters (a sequence for ``?``)."""

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Cursor:
        """Run one statement once per row of parameters."""


class Watcher(Protocol):
    """Tells the window that another connection changed the library."""

    def changed(self) -> bool:
        """Return True if another connection committed since the last call."""

    def close(self) -> None:
        """Release what the watcher holds."""


class Dialect(ABC):
    """The fragments of SQL, and the few steps, that each backend spells its own way."""

    name: str
    # ``column`` this, with :meth:`values` as its one parameter: any number of values,
    # one statement, no SQL built from values.
    in_list: str
    # After a SELECT that a write depends on: lock the rows it read until the commit
    # (empty on SQLite, whose writers take turns for the whole transaction).
    for_update: str

    def in_values(self, parameter: str) -> str:
        """Return :attr:`in_list` with a named ``parameter`` (``:p0``) in place of ``?``."""
        return self.in_list.replace("?", parameter)

    @abstractmethod
    def values(self, items: Iterable[int | str]) -> object:
        """Return the parameter that goes with :attr:`in_list`."""

    @abstractmethod
    def nocase_equals(self, column: str) -> str:
        """Return ``column = ?`` compared without regard to case."""

    @abstractmethod
    def fold(self, expression: str) -> str:
        """Return ``expression`` folded as :func:`briefing_app.domain.text.fold` folds."""

    @abstractmethod
    def contains(self, haystack: str) -> str:
        """Return the condition that text ``haystack`` holds the text of one parameter."""

    @abstractmethod
    def document_date(self, published: str, imported: str) -> str:
        """Return a document's date for sorting: published, else imported, as text."""

    @abstractmethod
    def prepare(self, connection: Connection) -> None:
        """Make the functions :meth:`fold` uses available on ``connection``."""

    @abstractmethod
    def inserted_id(self, connection: Connection, sql: str, parameters: Sequence[object]) -> int:
        """Run an ``INSERT`` into a table with an ``id`` key and return the new row's id."""

    @abstractmethod
    def new_ids(self, connection: Connection, table: str, count: int) -> list[int]:
        """Return ``count`` unused ids of ``table``, ascending, for rows inserted with them.

        An import gives its claims their ids before inserting them in bulk.
        """

    def ids_past_rows(self, connection: Connection, table: str) -> None:  # noqa: B027
        """Make new ids of ``table`` come after rows inserted with ids of their own.

        SQLite takes ``max(id) + 1`` by itself: nothing to do (a server overrides this).
        """

    def bulk_claims(self, connection: Connection) -> AbstractContextManager[None]:
        """Return a context in which claims are inserted in bulk (an import).

        A backend whose text index is kept row by row may index them at once at the end
        instead, which is much cheaper; by default nothing changes.
        """
        return nullcontext()


class Backend(ABC):
    """Where a library lives and how to reach it: the store's short connections."""

    dialect: Dialect
    # The path or URL, as messages show it.
    location: str
    # The library file; None for a library on a server (no file, backups or mirror).
    path: Path | None

    @abstractmethod
    def reading(self) -> AbstractContextManager[Connection]:
        """Return a read-only connection inside one read transaction (a consistent snapshot)."""

    @abstractmethod
    def writing(self) -> AbstractContextManager[Connection]:
        """Return a connection inside one short write transaction, committed if all goes well."""

    def find(
        self,
        query: Query,
        within: Sequence[Clause],
        *,
        limit: int,
        offset: int,
        after: int | None,
        order: str,
    ) -> SearchOutcome:
        """Return a page of claims (see :meth:`briefing_app.store.store.Store.find`).

        The search engine plans the query the same way on both backends; it reads the
        matches with FTS5 on a file and with the server's text index on a server.
        """
        from briefing_app.store.search.engine import find_claims  # when first searched

        with self.reading() as connection:
            sqlite_like = cast(sqlite3.Connection, connection)  # the engine's portable SQL
            return find_claims(
                sqlite_like, query, within, limit=limit, offset=offset, after=after, order=order
            )

    def count(self, within: Sequence[Clause], cap: int) -> int:
        """Return how many claims a view holds (one with words: up to ``cap``)."""
        from briefing_app.store.search.engine import count_claims

        with self.reading() as connection:
            return count_claims(cast(sqlite3.Connection, connection), within, cap)

    def may_retry(self, error: BaseException) -> bool:
        """Return whether a write that failed with ``error`` may simply run again.

        On a server, another writer can make a transaction fail that succeeds when
        run again (a deadlock, a serialization failure, a row of the same key that
        it committed first); a library file's writers take turns, so never.
        """
        return False

    @abstractmethod
    def watcher(self) -> Watcher:
        """Return what tells that another connection changed the library."""

    def role(self) -> str | None:
        """Return the database role the library is reached as (a server's), else None."""
        return None

    @abstractmethod
    def integrity_check(self) -> str:
        """Return the database's verdict on itself ("ok" when sound)."""

    @abstractmethod
    def library_id(self) -> int:
        """Return the id that the library's backups carry too (a file's)."""

    @abstractmethod
    def close(self) -> None:
        """Release what the backend holds between calls."""


def dialect_of(connection: Connection) -> Dialect:
    """Return the dialect of ``connection`` (a plain ``sqlite3`` one speaks SQLite's)."""
    dialect = getattr(connection, "dialect", None)
    if dialect is None:
        from briefing_app.store.sqlite_backend import SQLITE

        return SQLITE
    assert isinstance(dialect, Dialect)
    return dialect
