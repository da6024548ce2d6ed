"""A team library on a PostgreSQL server: its URL, its connection, and its schema's revision.

The URL is handed to libpq as it is (psycopg 3), so every libpq setting passes
through (``?sslmode=require``, ``?host=/socket/dir``, ``?service=team``...).
Passwords never come from the URL, which shows in the process list, the shell
history and our messages: libpq finds them in ``~/.pgpass``, ``PGPASSWORD`` or a
service file. psycopg is imported only when a server is used.

The schema rules are SQLite's (:mod:`briefing_app.store.database`): a schema
newer than this version knows is refused, and a client never migrates a server by
itself: an old schema gets a message naming ``briefing-app migrate``, which the
library's owner runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefing_app.domain.errors import (
    LibraryError,
    NewerSchemaError,
    NotOurDatabaseError,
    UsageError,
)
from briefing_app.store.database import HEAD_REVISION, KNOWN_REVISIONS

if TYPE_CHECKING:
    import psycopg

SCHEMES = ("postgresql", "postgres")
_ANY_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
CONNECT_TIMEOUT_S = 10
APPLICATION_NAME = "briefing-app"
# Our tables: a database that has them and an unknown revision is a newer library.
OUR_TABLES = ("documents", "claims", "notes")
PASSWORD_PLACES = (
    "~/.pgpass (a line host:port:dbname:user:password, readable by you only), "
    "the PGPASSWORD variable, or a service in ~/.pg_service.conf (then ?service=NAME)"
)

Fetch = Callable[[str], Sequence[Sequence[Any]]]


class MigrationNeededError(LibraryError):
    """The server's library has an older schema (or none): its owner must migrate it."""


def is_url(text: str | None) -> bool:
    """Return whether ``--db`` names a URL (``scheme://...``) rather than a file."""
    return bool(text) and _ANY_URL.match(str(text)) is not None


@dataclass(frozen=True)
class ServerUrl:
    """A checked ``postgresql://`` URL that holds no password."""

    text: str
    user: str | None
    database: str | None

    @property
    def display(self) -> str:
        """Return the URL as messages show it (it holds no password)."""
        return self.text

    @property
    def migrate_command(self) -> str:
        """Return the command that brings this library's schema up to date."""
        return f"briefing-app migrate --db '{self.text}'"

    def connect(self) -> psycopg.Connection[Any]:
        """Open a connection (psycopg 3); raise LibraryError with what to do if it fails."""
        import psycopg

        with server_errors(self):
            return psycopg.connect(self.text, **self._defaults())

    def _defaults(self) -> dict[str, Any]:
        from psycopg.conninfo import conninfo_to_dict

        given = conninfo_to_dict(self.text)
        defaults: dict[str, Any] = {}
        if "connect_timeout" not in given:
            defaults["connect_timeout"] = CONNECT_TIMEOUT_S  # an unreachable host: not forever
        if "application_name" not in given:
            defaults["application_name"] = APPLICATION_NAME
        return defaults


def files_only(what: str, location: str) -> UsageError:
    """Return the error for something only a library file has (backups, check, the mirror)."""
    return UsageError(
        f"{what} is for library files: {location} is a team library on a database server, "
        "which its administrator backs up and checks (pg_dump, pg_basebackup). Nothing was done."
    )


def parse_server_url(text: str) -> ServerUrl:
    """Check a ``postgresql://`` URL given with ``--db`` (or ``BRIEFING_APP_DB``).

    Raises:
        UsageError: not a PostgreSQL URL, not one libpq can read, no database
            named, or a password in it (the message never repeats the password).
    """
    text = text.strip()
    scheme = _ANY_URL.match(text)
    if scheme is None or scheme.group(1).lower() not in SCHEMES:
        named = scheme.group(1) if scheme else "this"
        raise UsageError(
            f"A {named}:// URL is not a library: give a library file, or a PostgreSQL "
            "team library as postgresql://user@host:port/dbname."
        )
    from psycopg import ProgrammingError
    from psycopg.conninfo import conninfo_to_dict

    secret = _password_in_userinfo(text)
    try:
        settings = conninfo_to_dict(text)
    except ProgrammingError as error:
        detail = " ".join(str(error).split())
        if secret:
            detail = detail.replace(secret, "***")
        raise UsageError(
            f"The team library URL cannot be read ({detail}): write it as "
            "postgresql://user@host:port/dbname, with libpq settings such as "
            "?sslmode=require after it."
        ) from None
    if secret or "password" in settings:
        raise UsageError(
            "The team library URL holds a password, which would show in the process list "
            f"and the shell history: it was not used. Put it in {PASSWORD_PLACES}, and give "
            "the URL without it: postgresql://user@host:port/dbname."
        )
    if not settings.get("dbname") and not settings.get("service"):
        raise UsageError(
            "The team library URL names no database: postgresql://user@host:port/dbname."
        )
    user, database = settings.get("user"), settings.get("dbname")
    return ServerUrl(text, str(user) if user else None, str(database) if database else None)


def _password_in_userinfo(text: str) -> str | None:
    """Return the password written in ``scheme://user:password@host...``, if any."""
    rest = text.split("://", 1)[1]
    authority = re.split(r"[/?]", rest, maxsplit=1)[0]
    if "@" not in authority:
        return None
    userinfo = authority.rsplit("@", 1)[0]
    return userinfo.split(":", 1)[1] if ":" in userinfo else None


@contextmanager
def server_errors(url: ServerUrl) -> Iterator[None]:
    """Turn psycopg's failures into LibraryErrors that say what to do."""
    import psycopg

    try:
        yield
    except psycopg.Error as error:
        raise describe_server_error(error, url) from error


def describe_server_error(error: Exception, url: ServerUrl) -> LibraryError:
    """Return the LibraryError for a psycopg error met on the library at ``url``."""
    import psycopg

    detail = " ".join(str(error).split()).removeprefix("connection is bad: ")
    detail = detail or type(error).__name__
    where = url.display
    if re.search(r"^invalid \w+ value|for connection option", detail):
        return LibraryError(
            f"The team library URL {where} has a setting libpq cannot use: {detail}."
        )
    if "no password supplied" in detail or "password authentication failed" in detail:
        who = f"the role {url.user}" if url.user else "this role"
        return LibraryError(
            f"The server of {where} wants a password for {who}, and none that works was "
            f"found: put it in {PASSWORD_PLACES}. ({detail})"
        )
    if isinstance(error, psycopg.errors.DeadlockDetected | psycopg.errors.SerializationFailure):
        return LibraryError(
            f"The team library {where} was busy with colleagues' changes to the same "
            f"rows, and this change gave way ({detail}). Nothing was written: try again."
        )
    if isinstance(error, psycopg.errors.InsufficientPrivilege):
        return LibraryError(
            f"The role connected to {where} may not do this ({detail}). A reader role "
            "only reads; notes, filings, grades and imports need the analyst role; the "
            "schema is changed by the library's owner, who runs 'briefing-app migrate'."
        )
    if (
        isinstance(error, psycopg.OperationalError)
        and url.database
        and (f'database "{url.database}" does not exist' in detail)
    ):
        return LibraryError(
            f"The server has no database {url.database!r}: create it (createdb -O OWNER "
            f"{url.database}), then run {url.migrate_command}."
        )
    if isinstance(error, psycopg.OperationalError):
        return LibraryError(f"Cannot reach the team library {where}: {detail}")
    return LibraryError(f"The team library {where} failed: {detail}")


def read_revision(fetch: Fetch, url: ServerUrl) -> str | None:
    """Return the schema revision of the library in the database, or None if it is empty.

    ``fetch`` runs one query and returns its rows. Tables are looked up on the
    connection's ``search_path``, where the migrations create them.

    Raises:
        NotOurDatabaseError: the database holds another program's tables.
        NewerSchemaError: the library comes from a newer version of the app.
    """
    where = url.display
    present = fetch(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
    )
    tables = {str(row[0]) for row in present}
    if "alembic_version" not in tables:
        if not tables:
            return None
        raise NotOurDatabaseError(
            f"{where} holds tables of another program ({', '.join(sorted(tables)[:5])}...), "
            "not a Briefing reader library. It was left as it is: give an empty database."
        )
    rows = fetch("SELECT version_num FROM alembic_version")
    revision = str(rows[0][0]) if rows else None
    if revision in KNOWN_REVISIONS:
        return revision
    if not set(OUR_TABLES) <= tables:
        if revision is None and tables == {"alembic_version"}:
            return None
        raise NotOurDatabaseError(
            f"{where} holds another program's schema (revision {revision}), not a Briefing "
            "reader library. It was left as it is: give an empty database."
        )
    raise NewerSchemaError(
        f"{where} was written by a newer version of Briefing reader (schema {revision}). "
        "Update the app to open it; the library was left as it is."
    )


def check_schema(url: ServerUrl) -> str:
    """Return the head revision if the server's library can be used as it is.

    A client calls this on opening: it reads, and never changes the schema.

    Raises:
        MigrationNeededError: the database is empty or its schema is older; the
            message names the command its owner runs.
        NewerSchemaError, NotOurDatabaseError, LibraryError: as :func:`read_revision`,
            or the server cannot be reached.
    """
    with url.connect() as connection, server_errors(url):
        revision = read_revision(lambda sql: connection.execute(sql).fetchall(), url)
    if revision is None:
        raise MigrationNeededError(
            f"{url.display} holds no Briefing reader library yet. Its owner creates one "
            f"with: {url.migrate_command}"
        )
    if revision != HEAD_REVISION:
        raise MigrationNeededError(
            f"{url.display} has schema {revision}; this version needs {HEAD_REVISION}. "
            "A shared library is never upgraded by a client: its owner runs "
            f"{url.migrate_command} (every analyst's app must be this version or newer)."
        )
    return revision
