"""The FTS5 indexes over claim text and note bodies, kept in step by triggers.

Migrations call :func:`create_fts` and :func:`rebuild_fts`; SQLite batch
migrations copy tables and drop triggers, so every migration that touches
``claims`` or ``notes`` must call them again (DESIGN section 8).
"""

from __future__ import annotations

from collections.abc import Callable

from briefing_app.store.sql import live_note

TOKENIZE = "unicode61 remove_diacritics 2"
FTS_TABLES = ("claim_fts", "note_fts")

_STATEMENTS = (
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS claim_fts USING fts5(
        text, content='claims', content_rowid='id', tokenize='{TOKENIZE}', prefix='2 3')""",
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS note_fts USING fts5(
        body, content='notes', content_rowid='id', tokenize='{TOKENIZE}', prefix='2 3')""",
    # An import indexes its claims at once (``bulk_indexing`` has a row meanwhile).
    """CREATE TRIGGER IF NOT EXISTS claims_fts_insert AFTER INSERT ON claims
        WHEN NOT EXISTS (SELECT 1 FROM bulk_indexing) BEGIN
        INSERT INTO claim_fts(rowid, text) VALUES (new.id, new.text); END""",
    """CREATE TRIGGER IF NOT EXISTS claims_fts_delete AFTER DELETE ON claims BEGIN
        INSERT INTO claim_fts(claim_fts, rowid, text) VALUES ('delete', old.id, old.text); END""",
    """CREATE TRIGGER IF NOT EXISTS claims_fts_update AFTER UPDATE OF text ON claims BEGIN
        INSERT INTO claim_fts(claim_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO claim_fts(rowid, text) VALUES (new.id, new.text); END""",
    f"""CREATE TRIGGER IF NOT EXISTS notes_fts_insert AFTER INSERT ON notes
        WHEN {live_note("new")} BEGIN
        INSERT INTO note_fts(rowid, body) VALUES (new.id, new.body); END""",
    f"""CREATE TRIGGER IF NOT EXISTS notes_fts_delete AFTER DELETE ON notes
        WHEN {live_note("old")} BEGIN
        INSERT INTO note_fts(note_fts, rowid, body) VALUES ('delete', old.id, old.body); END""",
    f"""CREATE TRIGGER IF NOT EXISTS notes_fts_update AFTER UPDATE OF body, deleted ON notes BEGIN
        INSERT INTO note_fts(note_fts, rowid, body)
            SELECT 'delete', old.id, old.body WHERE {live_note("old")};
        INSERT INTO note_fts(rowid, body)
            SELECT new.id, new.body WHERE {live_note("new")}; END""",
)

_DROP = (
    "DROP TRIGGER IF EXISTS claims_fts_insert",
    "DROP TRIGGER IF EXISTS claims_fts_delete",
    "DROP TRIGGER IF EXISTS claims_fts_update",
    "DROP TRIGGER IF EXISTS notes_fts_insert",
    "DROP TRIGGER IF EXISTS notes_fts_delete",
    "DROP TRIGGER IF EXISTS notes_fts_update",
    "DROP TABLE IF EXISTS claim_fts",
    "DROP TABLE IF EXISTS note_fts",
)


def create_fts(execute: Callable[[str], object]) -> None:
    """Create the FTS tables and their triggers if they are missing."""
    for statement in _STATEMENTS:
        execute(statement)


def drop_fts(execute: Callable[[str], object]) -> None:
    """Drop the FTS tables and triggers (before a batch migration copies tables)."""
    for statement in _DROP:
        execute(statement)


def rebuild_fts(execute: Callable[[str], object]) -> None:
    """Rebuild both indexes from their content tables (deleted notes stay out)."""
    execute("INSERT INTO claim_fts(claim_fts) VALUES ('delete-all')")
    execute("INSERT INTO claim_fts(rowid, text) SELECT id, text FROM claims")
    execute("INSERT INTO note_fts(note_fts) VALUES ('delete-all')")
    execute(f"INSERT INTO note_fts(rowid, body) SELECT id, body FROM notes WHERE {live_note()}")
