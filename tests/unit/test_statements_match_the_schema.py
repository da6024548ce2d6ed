"""Every statement the store runs names only tables and columns of the schema's models.

The store speaks plain SQL; SQLAlchemy's models (``store/schema.py``) describe the
schema for the migrations. Here a library is made from the models alone (not
from the migrations) and the whole workload runs on it, every statement traced:
a statement naming a column the models lack fails to prepare. The migrations
must then build the same schema as the models.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from briefing_app.domain.library import ClaimFilter
from briefing_app.services.export import FORMATS, export_to_file
from briefing_app.services.library import Library
from briefing_app.store.database import APPLICATION_ID, HEAD_REVISION
from briefing_app.store.fts import create_fts
from briefing_app.store.schema import Base
from tests.conftest import DATA, SEED

ARTICLES = sorted((DATA / "articles").glob("*.txt"))
QUERIES = [
    "homs",
    '"front line" -army',
    "capt*",
    "theme:offensive",
    "source:reuters",
    "entity:hts",
    "has:note",
    "is:hedged",
    "is:unfiled",
    "is:attributed",
    "note:check",
    "doc:hama rebels OR army",
]


def _library_from_the_models(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    engine.dispose()
    with closing(sqlite3.connect(path)) as connection:
        create_fts(connection.execute)
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        connection.execute("INSERT INTO alembic_version VALUES (?)", (HEAD_REVISION,))
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.commit()


def _workload(library: Library, out: Path) -> None:
    library.import_files([SEED, *ARTICLES])
    note = library.add_note(3, "check the coast")
    library.update_note(note.id, "check the coast again")
    library.delete_note(library.add_note(4, "gone").id)
    library.restore_note(note.id)
    library.restore_revision(note.id, library.revisions(note.id)[0].id)
    before = library.claim(5).themes
    library.file_under(5, "foreign-forces", primary=False)
    library.move_to_theme(6, "offensive")
    library.unfile(6, "offensive")
    library.restore_filings(5, before)
    library.set_grading(7, "B", 2)
    saved = library.save_search("coast", "coast OR homs")
    library.delete_search(library.rename_search(saved.id, "the coast").id)
    library.save_search("homs", "homs")
    for query in QUERIES:
        library.search(query)
    views = [
        ClaimFilter(),
        ClaimFilter(theme="offensive"),
        ClaimFilter(with_notes=True),
        ClaimFilter(hedged=True),
        ClaimFilter(unfiled=True),
        ClaimFilter(document_id=2),
        ClaimFilter(query="homs"),
    ]
    for view in views:
        library.count(view)
        library.claim_ids(view)
        library.claim_id_page(view, None, 5)
        library.search_ids("army", claim_filter=view)
    library.theme_counts()
    library.deleted_notes()
    library.document_text(1)
    for fmt in FORMATS:
        export_to_file(library, fmt, out / f"export.{fmt}", library.path)


def test_the_workload_runs_on_a_library_made_from_the_models(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    _library_from_the_models(path)
    library = Library.open(path)
    _workload(library, tmp_path)
    library.close()


def test_the_store_names_only_columns_of_the_models(tmp_path: Path) -> None:
    """Trace what a real library runs, and check each table.column pair by name."""
    path = tmp_path / "library.db"
    traced: list[str] = []
    original = sqlite3.connect

    def tracing(*args: object, **kwargs: object) -> sqlite3.Connection:
        connection = original(*args, **kwargs)  # type: ignore[arg-type]
        connection.set_trace_callback(traced.append)
        return connection

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sqlite3, "connect", tracing)
        library = Library.open(path)
        _workload(library, tmp_path)
        library.close()
    tables = Base.metadata.tables
    aliases = {
        "c": "claims",
        "d": "documents",
        "n": "notes",
        "ct": "claim_themes",
        "t": "themes",
        "m": "mentions",
        "s": "sources",
    }
    unknown = set()
    for statement in traced:
        for alias, column in re.findall(r"\b([a-z]{1,2})\.\"?([a-z_]+)\b", statement):
            table = aliases.get(alias)
            if table is not None and column not in tables[table].columns:
                unknown.add(f"{alias}.{column} in {statement[:80]}")
    assert len(traced) > 100
    assert unknown == set()


# SQLite cannot reflect an index on an expression, so that one index is not compared.
@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_the_migrations_build_the_schema_of_the_models(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    Library.open(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert [d for d in differences if "fts" not in str(d)] == []
