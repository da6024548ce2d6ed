"""Documents: an import's rows, and the documents with their text and paragraphs.

An import writes thousands of rows; each table's rows go in with one
``executemany``, inside the caller's transaction.
"""

from __future__ import annotations

import json
import sqlite3

from briefing_app.domain.library import DocumentInfo, DocumentText, Paragraph
from briefing_app.domain.parsed import EntityMention, ParsedDocument
from briefing_app.store.sql import IN_LIST, now, stamp
from briefing_app.store.themes import theme_ids

QUOTE_CONTEXT = 32


_INFO = (
    "SELECT d.id, d.title, s.name, d.published, d.sha256, d.file_name,"
    " (SELECT count(*) FROM claims c WHERE c.document_id = d.id),"
    " d.byline, d.url, d.language, d.scope_note"
    " FROM documents d LEFT JOIN sources s ON s.id = d.source_id"
)


# reads


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


def find_by_sha(connection: sqlite3.Connection, sha256: str) -> int | None:
    """Return the id of the document with this text hash, if it was imported before."""
    row = connection.execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
    return int(row[0]) if row else None


# writes


def add_document(connection: sqlite3.Connection, parsed: ParsedDocument) -> int:
    """Insert a parsed document with its claims, filings and mentions; return its id."""
    source_id, grade = (
        _source(connection, parsed.outlet, parsed.outlet_aliases) if parsed.outlet else (None, "F")
    )
    cursor = connection.execute(
        "INSERT INTO documents (source_id, title, byline, published, file_name, sha256,"
        " encoding, text, imported, url, language, scope_note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            source_id,
            parsed.title,
            parsed.byline,
            parsed.published,
            parsed.file_name,
            parsed.sha256,
            parsed.encoding,
            parsed.text,
            stamp(now()),
            parsed.url,
            parsed.language,
            parsed.scope_note,
        ),
    )
    document_id = int(cursor.lastrowid or 0)
    connection.executemany(
        'INSERT INTO paragraphs (document_id, idx, start, "end", kind) VALUES (?, ?, ?, ?, ?)',
        [(document_id, p.index, p.start, p.end, p.kind) for p in parsed.paragraphs],
    )
    first_id = int(connection.execute("SELECT coalesce(max(id), 0) + 1 FROM claims").fetchone()[0])
    claim_ids = list(range(first_id, first_id + len(parsed.claims)))
    _insert_claims(connection, parsed, document_id, claim_ids, grade)
    _insert_filings(connection, parsed, claim_ids)
    _insert_mentions(connection, parsed, claim_ids)
    return document_id


def _insert_claims(
    connection: sqlite3.Connection,
    parsed: ParsedDocument,
    document_id: int,
    ids: list[int],
    grade: str,
) -> None:
    text = parsed.text
    connection.executemany(
        'INSERT INTO claims (id, document_id, paragraph, sentence, start, "end", text, prefix,'
        " suffix, attribution, hedges, reliability, credibility)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 6)",
        [
            (
                claim_id,
                document_id,
                c.paragraph,
                c.sentence,
                c.start,
                c.end,
                text[c.start : c.end],
                text[max(0, c.start - QUOTE_CONTEXT) : c.start],
                text[c.end : c.end + QUOTE_CONTEXT],
                c.attribution,
                json.dumps(list(c.hedges)),
                grade,
            )
            for claim_id, c in zip(ids, parsed.claims, strict=True)
        ],
    )


def _insert_filings(connection: sqlite3.Connection, parsed: ParsedDocument, ids: list[int]) -> None:
    themes = theme_ids(connection)
    connection.executemany(
        "INSERT INTO claim_themes (claim_id, theme_id, is_primary, origin, why)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            (claim_id, themes[t.key], t.is_primary, t.origin, t.why)
            for claim_id, c in zip(ids, parsed.claims, strict=True)
            for t in c.themes
            if t.key in themes
        ],
    )


def _insert_mentions(
    connection: sqlite3.Connection, parsed: ParsedDocument, ids: list[int]
) -> None:
    mentions = [(i, m) for i, c in zip(ids, parsed.claims, strict=True) for m in c.mentions]
    if not mentions:
        return
    known = _entity_ids(connection, mentions)
    text = parsed.text
    names = {entity_id: name for name, entity_id in known.items()}
    aliases = {(known[m.name], text[m.start : m.end]) for _, m in mentions}
    connection.executemany(
        "INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?, ?)",
        [(e, a) for e, a in sorted(aliases) if a and a != names[e]],
    )
    connection.executemany(
        'INSERT INTO mentions (claim_id, entity_id, start, "end") VALUES (?, ?, ?, ?)',
        [(i, known[m.name], m.start, m.end) for i, m in mentions],
    )


def _entity_ids(
    connection: sqlite3.Connection, mentions: list[tuple[int, EntityMention]]
) -> dict[str, int]:
    """Return entity name -> id for the mentioned entities, adding the new ones."""
    kinds = {m.name: m.kind for _, m in mentions}
    known = {
        str(name): int(entity_id)
        for name, entity_id in connection.execute(
            f"SELECT name, id FROM entities WHERE name {IN_LIST}", (json.dumps(list(kinds)),)
        )
    }
    for name, kind in kinds.items():
        if name not in known:
            cursor = connection.execute(
                "INSERT INTO entities (name, kind) VALUES (?, ?)", (name, kind)
            )
            known[name] = int(cursor.lastrowid or 0)
    return known


def _source(
    connection: sqlite3.Connection, name: str, aliases: tuple[str, ...]
) -> tuple[int, str]:
    """Return the outlet's id and reliability grade, adding the outlet (and its aliases)."""
    row = connection.execute(
        "SELECT id, reliability FROM sources WHERE name = ?", (name,)
    ).fetchone()
    if row is not None:
        source_id, grade = int(row[0]), str(row[1])
    else:
        cursor = connection.execute(
            "INSERT INTO sources (name, reliability) VALUES (?, 'F')", (name,)
        )
        source_id, grade = int(cursor.lastrowid or 0), "F"
    connection.executemany(
        "INSERT OR IGNORE INTO source_aliases (source_id, alias) VALUES (?, ?)",
        [(source_id, alias) for alias in aliases if alias != name],
    )
    return source_id, grade
