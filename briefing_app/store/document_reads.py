"""Reading documents, their text and paragraphs, and saved searches with plain SQL."""

from __future__ import annotations

import sqlite3

from briefing_app.domain.library import DocumentInfo, DocumentText, Paragraph, SavedSearch

_INFO = (
    "SELECT d.id, d.title, s.name, d.published, d.sha256, d.file_name,"
    " (SELECT count(*) FROM claims c WHERE c.document_id = d.id)"
    " FROM documents d LEFT JOIN sources s ON s.id = d.source_id"
)


def documents(connection: sqlite3.Connection) -> list[DocumentInfo]:
    """Return every document in import order."""
    return [DocumentInfo(*row) for row in connection.execute(f"{_INFO} ORDER BY d.id")]


def document_info(connection: sqlite3.Connection, document_id: int) -> DocumentInfo | None:
    """Return one document's summary, or None."""
    row = connection.execute(f"{_INFO} WHERE d.id = ?", (document_id,)).fetchone()
    return DocumentInfo(*row) if row else None


def document_text(connection: sqlite3.Connection, document_id: int) -> DocumentText | None:
    """Return a document with its text and paragraphs, or None."""
    info = document_info(connection, document_id)
    if info is None:
        return None
    (text,) = connection.execute(
        "SELECT text FROM documents WHERE id = ?", (document_id,)
    ).fetchone()
    paragraphs = connection.execute(
        'SELECT idx, start, "end", kind FROM paragraphs WHERE document_id = ? ORDER BY idx',
        (document_id,),
    )
    return DocumentText(info, text, tuple(Paragraph(*row) for row in paragraphs))


def saved_searches(connection: sqlite3.Connection) -> list[SavedSearch]:
    """Return the saved searches by name."""
    return [
        SavedSearch(*row)
        for row in connection.execute("SELECT id, name, query FROM saved_searches ORDER BY name")
    ]


def find_by_sha(connection: sqlite3.Connection, sha256: str) -> DocumentInfo | None:
    """Return the document with this text hash, if it was imported before."""
    row = connection.execute(f"{_INFO} WHERE d.sha256 = ?", (sha256,)).fetchone()
    return DocumentInfo(*row) if row else None
