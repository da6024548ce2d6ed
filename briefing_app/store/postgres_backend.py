"""A team library on a PostgreSQL server (psycopg 3, loaded only when a URL is opened).

Each read or write is one short transaction on a connection taken from a few kept
open between calls (a server connection costs a round of authentication): a read
is ``REPEATABLE READ READ ONLY`` (one snapshot, as on SQLite), a write ``READ
COMMITTED``, committed at the end or rolled back. A connection that failed is
closed, never reused; the next call opens a new one.

The statements are the store's own, their ``?`` turned into ``%s`` once per text
(:mod:`briefing_app.store.placeholders`). What the server spells its own way:
id lists as one array parameter (``= ANY(?)``), ``lower()`` for case-blind
equality, ``RETURNING id`` and sequences for new ids, ``briefing_unaccent`` for
folding (:mod:`briefing_app.store.server_schema`).

A server has no file: no backups beside it, no restore, no ``check``, no notes
mirror (its administrator backs it up, with ``pg_dump``). Lists of claims and
searches come from :mod:`briefing_app.store.server_search`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

import psycopg
from psycopg import IsolationLevel
from psycopg.pq import TransactionStatus

from briefing_app.domain.errors import LibraryError
from briefing_app.store.backend import Backend, Connection, Dialect
from briefing_app.store.placeholders import to_psycopg
from briefing_app.store.server import (
    ServerUrl,
    check_schema,
    describe_server_error,
    files_only,
    parse_server_url,
    server_errors,
)
from briefing_app.store.server_schema import DOCUMENT_DATE, FOLD

# Connections kept open between calls (the window reads from a few threads at once).
IDLE_CONNECTIONS = 4
# Every write transaction notifies this channel as it commits; open windows listen.
CHANGES_CHANNEL = "briefing_library_changed"
# What another writer can make fail, that succeeds when run again (see Backend.may_retry).
_TRANSIENT = (
    psycopg.errors.SerializationFailure,
    psycopg.errors.DeadlockDetected,
    psycopg.errors.UniqueViolation,
)


class PostgresDialect(Dialect):
    """PostgreSQL's spelling of the fragments that differ."""

    name = "postgresql"
    in_list = "= ANY(?)"
    for_update = " FOR UPDATE"

    def values(self, items: Iterable[int | str]) -> object:
        """Return the values as a list (psycopg sends an array)."""
        return [v if isinstance(v, str) else int(v) for v in items]

    def nocase_equals(self, column: str) -> str:
        """Return ``lower(column) = lower(?)``."""
        return f"lower({column}) = lower(?)"

    def fold(self, expression: str) -> str:
        """Return ``expression`` without accents (``unaccent``) and in lower case."""
        return f"lower({FOLD}({expression}))"

    def contains(self, haystack: str) -> str:
        """Return ``strpos(haystack, ?) > 0``."""
        return f"strpos({haystack}, ?) > 0"

    def document_date(self, published: str, imported: str) -> str:
        """Return the immutable function the Briefings index is built on."""
        return f"{DOCUMENT_DATE}({published}, {imported})"

    def prepare(self, connection: Connection) -> None:
        """Nothing to do: the server's functions come with the schema."""

    def inserted_id(self, connection: Connection, sql: str, parameters: Sequence[object]) -> int:
        """Run the ``INSERT ... RETURNING id`` and return the id."""
        return int(connection.execute(f"{sql} RETURNING id", parameters).fetchone()[0])

    def ids_past_rows(self, connection: Connection, table: str) -> None:
        """Set the table's sequence past its largest id (never back: others hold ids taken)."""
        connection.execute(
            "SELECT setval(q.seq, q.top) FROM (SELECT pg_get_serial_sequence(?, 'id') AS seq,"
            f" (SELECT max(id) FROM {table}) AS top) AS q"
            " WHERE q.top > coalesce(pg_sequence_last_value(q.seq::regclass), 0)",
            (table,),
        )

    def new_ids(self, connection: Connection, table: str, count: int) -> list[int]:
        """Take ``count`` ids from the table's sequence (other writers take theirs meanwhile)."""
        rows = connection.execute(
            "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)",
            (table, count),
        )
        return sorted(int(row[0]) for row in rows)


POSTGRES = PostgresDialect()


class ServerConnection:
    """A psycopg connection that runs the store's statements as they are written."""

    dialect = POSTGRES

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    def execute(self, sql: str, parameters: Any = (), /) -> psycopg.Cursor[Any]:
        """Run one statement (``?`` or ``:name`` placeholders)."""
        return self.raw.execute(to_psycopg(sql), parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> psycopg.Cursor[Any]:
        """Run one statement for each row of parameters (in one pipeline)."""
        cursor = self.raw.cursor()
        cursor.executemany(to_psycopg(sql), parameters)
        return cursor


class ConnectionDroppedError(LibraryError):
    """A kept connection was found closed by the server before its transaction committed."""


class ServerWatcher:
    """Says when anyone committed to the team library: LISTEN on the changes channel.

    One idle connection of its own listens; asking drains what the server sent
    meanwhile, without waiting. If the connection was lost, the next call opens a
    new one and reports a change, since notifications may have been missed.
    """

    def __init__(self, url: ServerUrl) -> None:
        self._url = url
        self._connection: psycopg.Connection[Any] | None = None
        self._lost = False

    def changed(self) -> bool:
        """Return True if a write was committed since the last call (never the first)."""
        with server_errors(self._url):
            if self._connection is None or self._connection.closed or self._connection.broken:
                self._listen()
                lost, self._lost = self._lost, False
                return lost
            try:
                return sum(1 for _ in self._connection.notifies(timeout=0)) > 0
            except psycopg.OperationalError:
                self._drop()
                raise

    def _listen(self) -> None:
        self._drop()
        connection = self._url.connect()
        connection.autocommit = True
        connection.execute(f"LISTEN {CHANGES_CHANNEL}")
        self._connection = connection

    def _drop(self) -> None:
        if self._connection is not None:
            self._lost = True
            with suppress(psycopg.Error):
                self._connection.close()
            self._connection = None

    def close(self) -> None:
        """Stop listening."""
        self._drop()
        self._lost = False


class PostgresBackend(Backend):
    """The team library in the database named by a checked URL."""

    dialect = POSTGRES
    path = None

    def __init__(self, url: ServerUrl) -> None:
        self.url = url
        self.location = url.display
        self._idle: list[psycopg.Connection[Any]] = []
        self._lock = threading.Lock()

    @contextmanager
    def reading(self) -> Iterator[ServerConnection]:
        """Yield a connection in a read-only transaction on one snapshot."""
        with self._transaction(read_only=True) as connection:
            yield connection

    @contextmanager
    def writing(self) -> Iterator[ServerConnection]:
        """Yield a connection in one short write transaction."""
        with self._transaction(read_only=False) as connection:
            yield connection

    @contextmanager
    def _transaction(self, *, read_only: bool) -> Iterator[ServerConnection]:
        with server_errors(self.url):
            raw, kept = self._take()
            committing = False
            try:
                raw.read_only = read_only
                raw.isolation_level = (
                    IsolationLevel.REPEATABLE_READ if read_only else IsolationLevel.READ_COMMITTED
                )
                try:
                    yield ServerConnection(raw)
                except BaseException:
                    with suppress(psycopg.Error):
                        raw.rollback()
                    raise
                if not read_only:  # delivered to the listeners only if the commit succeeds
                    raw.execute(f"NOTIFY {CHANGES_CHANNEL}")
                committing = True
                raw.commit()
            except psycopg.OperationalError as error:
                if kept and raw.broken and not committing:
                    # A kept connection the server dropped meanwhile (a restart, an idle
                    # timeout): the transaction never reached a commit, so it can run again.
                    # The others kept from before were dropped with it: closed too, so that
                    # the next attempt opens a new connection instead of finding a dead one.
                    self.close()
                    raise ConnectionDroppedError(
                        str(describe_server_error(error, self.url))
                    ) from error
                raise
            finally:
                self._give_back(raw)

    def _take(self) -> tuple[psycopg.Connection[Any], bool]:
        """Return a connection kept from an earlier call (True), else a new one (False)."""
        with self._lock:
            while self._idle:
                raw = self._idle.pop()
                if not raw.closed and not raw.broken:
                    return raw, True
        return self.url.connect(), False

    def _give_back(self, raw: psycopg.Connection[Any]) -> None:
        """Keep a sound, idle connection for the next call; close any other."""
        sound = not raw.closed and not raw.broken
        if sound and raw.info.transaction_status == TransactionStatus.IDLE:
            with self._lock:
                if len(self._idle) < IDLE_CONNECTIONS:
                    self._idle.append(raw)
                    return
        with suppress(psycopg.Error):
            raw.close()

    def close(self) -> None:
        """Close the connections kept between calls."""
        with self._lock:
            idle, self._idle = self._idle, []
        for raw in idle:
            with suppress(psycopg.Error):
                raw.close()

    def may_retry(self, error: BaseException) -> bool:
        """Return True for what another writer or the server made fail (see Backend).

        A deadlock, a serialization failure, a key another writer took first, or a
        kept connection the server had dropped before the transaction committed.
        """
        return isinstance(error, ConnectionDroppedError) or isinstance(error.__cause__, _TRANSIENT)

    def watcher(self) -> ServerWatcher:
        """Return a watcher that hears every commit to the library, by anyone."""
        return ServerWatcher(self.url)

    def role(self) -> str | None:
        """Return the role this library is reached as (``current_user``)."""
        with self.reading() as connection:
            row = connection.execute("SELECT current_user").fetchone()
        return str(row[0]) if row else None

    def integrity_check(self) -> str:
        """Refuse: the server checks its own pages."""
        raise files_only("The integrity check", self.location)

    def library_id(self) -> int:
        """Refuse: a library id tells a file's backups apart; the server has none here."""
        raise files_only("A library id", self.location)


def open_server(text: str) -> PostgresBackend:
    """Return the team library at the URL ``text``, if its schema is this version's.

    Raises:
        UsageError: the URL is not one (or holds a password).
        MigrationNeededError: the database holds no library or an older one; the
            message names ``briefing-app migrate``, which is never run from here.
        LibraryError: the server cannot be reached, or holds something else.
    """
    url = parse_server_url(text)
    check_schema(url)
    return PostgresBackend(url)
