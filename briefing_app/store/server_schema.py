"""What the schema holds on PostgreSQL only: full-text columns and the immutable helpers.

SQLite keeps its full-text indexes in FTS5 tables beside ``claims`` and ``notes``
(:mod:`briefing_app.store.fts`). On PostgreSQL each of those tables carries a
``search_vector`` column, generated from its text (so it is never out of step)
and indexed with GIN: the ``simple`` configuration (no stemming, no stop words)
over the text folded by ``unaccent``, so that case and accents behave as
``unicode61 remove_diacritics 2`` does on SQLite. Deleted notes stay out of the
index, as they stay out of ``note_fts``.

``unaccent()`` is only STABLE (its dictionary could change), and an index or a
generated column needs an IMMUTABLE expression: :data:`FOLD` wraps it, the usual
fix. The Briefings list's order, ``coalesce(published, imported)``, mixes text
and a timestamp, which PostgreSQL will not compare without a cast that depends on
``DateStyle``: :data:`DOCUMENT_DATE` renders the timestamp as SQLite stores it.

Queries must use the very expressions below to be served by the indexes:
``search_vector @@ to_tsquery('simple', ...)`` and ``briefing_document_date(...)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

TS_CONFIG = "simple"
FOLD = "briefing_unaccent"  # (text) -> text, IMMUTABLE
DOCUMENT_DATE = "briefing_document_date"  # (published, imported) -> text, IMMUTABLE
VECTOR = "search_vector"
# Where the vectors come from, and the indexes over them (name, table, source, predicate).
SEARCHED = (
    ("ix_claims_search", "claims", "text", ""),
    ("ix_notes_search", "notes", "body", " WHERE deleted IS NULL"),
)
# SQLite's ``stamp()``: "2026-11-29 16:32:28.082232", so both backends sort alike.
STAMP_FORMAT = "YYYY-MM-DD HH24:MI:SS.US"

Execute = Callable[[str], Any]


def vector_of(column: str) -> str:
    """Return the expression that turns a text column into its search vector."""
    return f"to_tsvector('{TS_CONFIG}'::regconfig, {FOLD}({column}))"


def create_search(execute: Execute) -> None:
    """Add unaccent, the folding function, the vector columns and their GIN indexes.

    ``execute`` runs one statement and returns a result with ``scalar_one()``
    (SQLAlchemy's ``Connection.exec_driver_sql``).
    """
    # A trusted extension since PostgreSQL 13: the database's owner may create it.
    execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema = execute(
        "SELECT quote_ident(n.nspname) FROM pg_extension e"
        " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'"
    ).scalar_one()
    execute(
        f"CREATE OR REPLACE FUNCTION {FOLD}(value text) RETURNS text"
        " LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
        f" AS $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, value) $$"
    )
    for index, table, source, where in SEARCHED:
        execute(
            f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {VECTOR} tsvector"
            f" GENERATED ALWAYS AS ({vector_of(source)}) STORED"
        )
        execute(f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin ({VECTOR}){where}")


def drop_search(execute: Execute) -> None:
    """Undo :func:`create_search` (the extension stays: other schemas may use it)."""
    for index, table, _source, _where in SEARCHED:
        execute(f"DROP INDEX IF EXISTS {index}")
        execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {VECTOR}")
    execute(f"DROP FUNCTION IF EXISTS {FOLD}(text)")


def create_document_date(execute: Execute) -> None:
    """Create the function behind the Briefings list's order (newest first)."""
    execute(
        f"CREATE OR REPLACE FUNCTION {DOCUMENT_DATE}(published varchar, imported timestamp)"
        " RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE"
        f" AS $$ SELECT coalesce(published, to_char(imported, '{STAMP_FORMAT}')) $$"
    )


def drop_document_date(execute: Execute) -> None:
    """Drop the function behind the Briefings list's order."""
    execute(f"DROP FUNCTION IF EXISTS {DOCUMENT_DATE}(varchar, timestamp)")
