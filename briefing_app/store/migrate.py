"""Bring a library to the head schema with Alembic (imported only when needed).

The same revisions (``db/versions``) serve a library file (SQLite) and a team
library on a PostgreSQL server; the few statements that differ are dialect
branches in the revisions themselves.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_app.bundled import migrations_dir
from briefing_app.domain.errors import LibraryError
from briefing_app.store.database import APPLICATION_ID
from briefing_app.store.fts import create_fts, rebuild_fts

if TYPE_CHECKING:
    from alembic.config import Config

    from briefing_app.store.server import ServerUrl


def upgrade(path: Path) -> None:
    """Apply every pending migration to the library at ``path``.

    Foreign keys are switched off outside the transaction so that table copies
    made by batch migrations do not cascade deletes into notes (DESIGN 8).
    """
    from alembic import command
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    config = _config()
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            connection.commit()
            # Batch migrations copy tables and lose their triggers: put them back
            # and rebuild the indexes from the tables (DESIGN section 8).
            with connection.begin():
                create_fts(connection.exec_driver_sql)
                rebuild_fts(connection.exec_driver_sql)
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise LibraryError(
                    f"Upgrading {path} left {len(problems)} broken references; "
                    "restore the backup taken before the upgrade."
                )
    except sqlite3.OperationalError as error:  # pragma: no cover - disk or lock trouble
        raise LibraryError(f"Could not upgrade {path}: {error}.") from error
    finally:
        engine.dispose()


def upgrade_server(url: ServerUrl, to: str = "head") -> tuple[str | None, str]:
    """Apply the pending migrations to the team library at ``url``; return (before, after).

    An empty database becomes a new library. One migrator at a time: an advisory
    lock is held for the whole run, and the revision is read again under it. Each
    revision runs in its own transaction (DDL is transactional on PostgreSQL), so
    a failure leaves the schema at the last revision that completed.

    Raises:
        NewerSchemaError, NotOurDatabaseError: the database is left as it is.
        LibraryError: the server cannot be reached, or refused a statement.
    """
    from alembic import command
    from sqlalchemy import create_engine
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.pool import NullPool

    from briefing_app.store.server import describe_server_error, read_revision

    engine = create_engine("postgresql+psycopg://", creator=url.connect, poolclass=NullPool)
    config = _config()
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(f"SELECT pg_advisory_lock({APPLICATION_ID})")
            before = read_revision(lambda sql: connection.exec_driver_sql(sql).fetchall(), url)
            connection.commit()
            config.attributes["connection"] = connection
            command.upgrade(config, to)
            connection.commit()
            after = read_revision(lambda sql: connection.exec_driver_sql(sql).fetchall(), url)
            connection.commit()
    except DBAPIError as error:
        raise describe_server_error(error.orig or error, url) from error
    finally:
        engine.dispose()
    if after is None:  # pragma: no cover - alembic always stamps a revision
        raise LibraryError(f"Migrating {url.display} left no schema revision.")
    return before, after


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config
