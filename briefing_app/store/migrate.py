"""Bring a library to the head schema with Alembic (imported only when needed)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from briefing_app.bundled import migrations_dir
from briefing_app.domain.errors import LibraryError
from briefing_app.store.fts import create_fts, rebuild_fts


def upgrade(path: Path) -> None:
    """Apply every pending migration to the library at ``path``.

    Foreign keys are switched off outside the transaction so that table copies
    made by batch migrations do not cascade deletes into notes (DESIGN 8).
    """
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
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
