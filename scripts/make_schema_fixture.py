"""Build the fixture library of one released schema for the migration tests.

Run once when a schema is released, e.g.
``python -m scripts.make_schema_fixture 0001_initial tests/data/schemas/0001_initial.db``;
the file is then committed and never regenerated (it stands for what users have).
"""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from briefing_app.bundled import bundled_briefings, migrations_dir
from briefing_app.ingest.pipeline import parse_document
from briefing_app.ingest.themes import default_themes
from briefing_app.store import documents, grading, notes, themes


def build(revision: str, target: Path) -> None:
    """Create a library at ``revision`` with notes, revisions and analyst filings."""
    target.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{target}")
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.commit()
    engine.dispose()
    seed = bundled_briefings()[0]
    with closing(sqlite3.connect(target)) as connection:
        themes.sync_themes(connection, default_themes())
        documents.add_document(connection, parse_document(seed.read_bytes(), seed.name))
        first = notes.add_note(connection, 7, "Front line: check against ISW maps")
        notes.update_note(connection, first.id, "Front line near Rastan: check against ISW maps")
        notes.add_note(connection, 15, "US presence: 900 troops (DoD figure)")
        gone = notes.add_note(connection, 2, "Duplicate of claim 1")
        notes.set_deleted(connection, gone.id, True)
        themes.file_under(connection, 1, "foreign-forces", primary=True, why="analyst")
        grading.set_grading(connection, 13, "B", 2)
        connection.commit()


if __name__ == "__main__":
    build(sys.argv[1], Path(sys.argv[2]))
