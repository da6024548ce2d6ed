"""One copy of each statement: the aggregates speak both backends, only the dialect differs.

The placeholders are turned into psycopg's once per statement, on the server's side
only; a ``?`` or ``:`` that is text (a string, a quoted name, a comment, a cast) stays.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from briefing_app.store import placeholders
from briefing_app.store.placeholders import to_psycopg

STORE = Path(__file__).resolve().parents[2] / "briefing_app" / "store"
AGGREGATES = [
    "claims.py",
    "notes.py",
    "themes.py",
    "documents.py",
    "corrections.py",
    "grading.py",
    "saved_searches.py",
    "sql.py",
]
# SQLite's own spellings, each of which has a dialect fragment (or a spelling both share).
SQLITE_ONLY = ["COLLATE NOCASE", "json_each", "lastrowid", "INSERT OR IGNORE", "PRAGMA", "max(id)"]


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT id FROM notes WHERE id = ?", "SELECT id FROM notes WHERE id = %s"),
        ("INSERT INTO t VALUES (?, ?, 'x')", "INSERT INTO t VALUES (%s, %s, 'x')"),
        ("SELECT '?', \"a?b\" FROM t WHERE x = ?", "SELECT '?', \"a?b\" FROM t WHERE x = %s"),
        ("SELECT 'it''s ?' WHERE a = ?", "SELECT 'it''s ?' WHERE a = %s"),
        (
            "SELECT a -- why? because\nFROM t WHERE b = ?",
            "SELECT a -- why? because\nFROM t WHERE b = %s",
        ),
        ("SELECT /* ? */ a FROM t", "SELECT /* ? */ a FROM t"),
        (
            "SELECT a FROM t WHERE b LIKE 'x%' AND c = ?",
            "SELECT a FROM t WHERE b LIKE 'x%%' AND c = %s",
        ),
        ("SELECT 5 % 2", "SELECT 5 %% 2"),
        (
            "SELECT c.id FROM claims c WHERE c.id = :p0",
            "SELECT c.id FROM claims c WHERE c.id = %(p0)s",
        ),
        ("SELECT 'simple'::regconfig, :p1", "SELECT 'simple'::regconfig, %(p1)s"),
        ("SELECT ':p0 is text' WHERE x = :p_2", "SELECT ':p0 is text' WHERE x = %(p_2)s"),
        ("SELECT ESCAPE '\\' FROM t WHERE a = ?", "SELECT ESCAPE '\\' FROM t WHERE a = %s"),
    ],
)
def test_placeholders_become_psycopgs(sql: str, expected: str) -> None:
    assert to_psycopg(sql) == expected


@pytest.mark.parametrize(
    "sql", ["SELECT ? WHERE a = :p0", "SELECT 'unclosed", 'SELECT "unclosed', "SELECT /* open"]
)
def test_a_statement_that_cannot_be_read_is_a_bug(sql: str) -> None:
    with pytest.raises(ValueError):
        to_psycopg(sql)


def test_each_statement_text_is_translated_once() -> None:
    to_psycopg.cache_clear()
    for _ in range(3):
        to_psycopg("SELECT id FROM claims WHERE id = ?")
    info = to_psycopg.cache_info()
    assert (info.misses, info.hits) == (1, 2)
    assert info.maxsize == placeholders.CACHED_STATEMENTS


@pytest.mark.parametrize("module", AGGREGATES)
def test_the_aggregates_know_no_backend(module: str) -> None:
    source = (STORE / module).read_text(encoding="utf-8")
    imported = {
        name.name.split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import)
        for name in node.names
    } | {
        str(node.module).split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.level == 0
    }
    assert not imported & {"sqlite3", "psycopg"}
    assert [spelling for spelling in SQLITE_ONLY if spelling in source] == []
