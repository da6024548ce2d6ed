"""Documents: an import's rows, and the documents with their text and paragraphs.

An import writes thousands of rows; each table's rows go in with one
``executemany``, inside the caller's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from briefing_app.domain.errors import NotFoundError
from briefing_app.domain.library import (
    BY_OUTLET,
    NEWEST_FIRST,
    DocumentEdit,
    DocumentInfo,
    DocumentListing,
    DocumentText,
    Paragraph,
)
from briefing_app.domain.parsed import EntityMention, ParsedDocument
from briefing_app.domain.text import words
from briefing_app.store.backend import Connection, Dialect, dialect_of
from briefing_app.store.sql import as_stamp, now, stamp
from briefing_app.store.themes import theme_ids

QUOTE_CONTEXT = 32


def quote_context(text: str, start: int, end: int) -> tuple[str, str]:
    """Return the text just before and just after a claim (its prefix and suffix)."""
    return text[max(0, start - QUOTE_CONTEXT) : start], text[end : end + QUOTE_CONTEXT]


_INFO = (
    "SELECT d.id, d.title, s.name, d.published, d.sha256, d.file_name,"
    " (SELECT count(*) FROM claims c WHERE c.document_id = d.id),"
    " d.byline, d.url, d.language, d.scope_note"
    " FROM documents d LEFT JOIN sources s ON s.id = d.source_id"
)


# reads


def documents(connection: Connection) -> list[DocumentInfo]:
    """Return every document in import order."""
    return [DocumentInfo(*row) for row in connection.execute(f"{_INFO} ORDER BY d.id")]


def document_info(connection: Connection, document_id: int) -> DocumentInfo | None:
    """Return one document's summary, or None."""
    row = connection.execute(f"{_INFO} WHERE d.id = ?", (document_id,)).fetchone()
    return DocumentInfo(*row) if row else None


def document_text(connection: Connection, document_id: int) -> DocumentText | None:
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


def document_details(connection: Connection, document_id: int) -> DocumentEdit | None:
    """Return a document's editable details (title, outlet, date, author, URL, language)."""
    info = document_info(connection, document_id)
    return DocumentEdit.of(info) if info else None


def outlet_names(connection: Connection) -> list[str]:
    """Return the outlets documents come from, A to Z."""
    rows = connection.execute(
        "SELECT name FROM sources WHERE id IN (SELECT source_id FROM documents) ORDER BY name"
    )
    return [str(row[0]) for row in rows]


def find_by_sha(connection: Connection, sha256: str) -> int | None:
    """Return the id of the document with this text hash, if it was imported before."""
    row = connection.execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
    return int(row[0]) if row else None


# the Briefings list


_LISTED = "documents d LEFT JOIN sources s ON s.id = d.source_id"


def _order_keys(dialect: Dialect, order: str) -> tuple[tuple[str, bool], ...]:
    """Return an order's sort keys, (SQL, descending).

    The last is unique, so the keys of the last row shown are where the next page
    starts (keyset paging: no OFFSET).
    """
    date = dialect.document_date("d.published", "d.imported")
    if order == NEWEST_FIRST:
        return ((date, True), ("d.id", True))
    # Outlets A to Z (case and accents ignored), documents without one last.
    assert order == BY_OUTLET, order
    return (
        ("(s.name IS NULL)", False),
        (dialect.fold("coalesce(s.name, '')"), False),
        (date, True),
        ("d.id", True),
    )


def document_page(
    connection: Connection, order: str, text: str, after: int | None, limit: int
) -> list[DocumentListing]:
    """Return the next ``limit`` documents of the list after document ``after`` (None: first).

    ``order`` is ``NEWEST_FIRST`` or ``BY_OUTLET``; ``text`` keeps the documents whose
    title or outlet holds each of its words (case and accents ignored).
    """
    dialect = dialect_of(connection)
    dialect.prepare(connection)
    keys = _order_keys(dialect, order)
    matched = dialect.contains(dialect.fold("(d.title || ' ' || coalesce(s.name, ''))"))
    conditions = [matched for _ in words(text)]
    values: list[object] = list(words(text))
    if after is not None:
        columns = ", ".join(key for key, _ in keys)
        last = connection.execute(f"SELECT {columns} FROM {_LISTED} WHERE d.id = ?", (after,))
        row = last.fetchone()
        if row is None:
            return []
        condition, bound = _after(keys, tuple(row))
        conditions.append(condition)
        values.extend(bound)
    order_by = ", ".join(f"{key} {'DESC' if descending else 'ASC'}" for key, descending in keys)
    sql = (
        f"SELECT d.id FROM {_LISTED} WHERE {' AND '.join(conditions) or 'TRUE'}"
        f" ORDER BY {order_by} LIMIT ?"
    )
    ids = [int(row[0]) for row in connection.execute(sql, (*values, max(0, limit)))]
    return document_listings(connection, ids)


def _after(keys: Sequence[tuple[str, bool]], last: tuple[object, ...]) -> tuple[str, list[object]]:
    """Return the condition "comes after ``last``" in the order of ``keys``, and its values."""
    arms: list[str] = []
    values: list[object] = []
    for number, (key, descending) in enumerate(keys):
        equal = [f"({earlier}) = ?" for earlier, _ in keys[:number]]
        arms.append(" AND ".join([*equal, f"({key}) {'<' if descending else '>'} ?"]))
        values.extend(last[: number + 1])
    return "(" + " OR ".join(f"({arm})" for arm in arms) + ")", values


def document_listings(connection: Connection, document_ids: Sequence[int]) -> list[DocumentListing]:
    """Return these documents as list rows, in the order given (unknown ids left out)."""
    dialect = dialect_of(connection)
    rows = connection.execute(
        "SELECT d.id, d.title, s.name, d.published, d.imported,"
        " (SELECT count(*) FROM claims c WHERE c.document_id = d.id), d.opened IS NULL,"
        f" d.analyst FROM {_LISTED} WHERE d.id {dialect.in_list}",
        (dialect.values(document_ids),),
    )
    found = {
        int(row[0]): DocumentListing(
            int(row[0]),
            str(row[1]),
            row[2],
            row[3],
            as_stamp(row[4]),
            int(row[5]),
            bool(row[6]),
            row[7],
        )
        for row in rows
    }
    return [found[i] for i in document_ids if i in found]


def document_count(connection: Connection) -> int:
    """Return how many documents the library holds."""
    return int(connection.execute("SELECT count(*) FROM documents").fetchone()[0])


# writes


def mark_opened(connection: Connection, document_id: int) -> bool:
    """Record that a document was opened now, the first time only; True if it was unread."""
    cursor = connection.execute(
        "UPDATE documents SET opened = ? WHERE id = ? AND opened IS NULL",
        (stamp(now()), document_id),
    )
    return cursor.rowcount > 0


def set_document_details(
    connection: Connection, document_id: int, details: DocumentEdit
) -> DocumentEdit:
    """Store a document's details as given; return the details it had (for undo).

    The outlet is found by its name, else by a name or alias in another case
    ("reuters", "AP"), else added (graded F); a source no document uses any more
    is kept, with its grade, so that undo finds it again.
    """
    before = document_details(connection, document_id)
    if before is None:
        raise NotFoundError(f"There is no document {document_id} in this library.")
    source_id = _outlet_id(connection, details.outlet) if details.outlet else None
    connection.execute(
        "UPDATE documents SET title = ?, source_id = ?, published = ?, byline = ?, url = ?,"
        " language = ? WHERE id = ?",
        (
            details.title,
            source_id,
            details.published,
            details.byline,
            details.url,
            details.language,
            document_id,
        ),
    )
    return before


def _outlet_id(connection: Connection, name: str) -> int:
    """Return the id of the source called ``name`` (in any case, or by an alias), adding it."""
    dialect = dialect_of(connection)
    row = connection.execute(
        "SELECT id, 0 FROM sources WHERE name = ?"
        f" UNION ALL SELECT id, 1 FROM sources WHERE {dialect.nocase_equals('name')}"
        " UNION ALL SELECT source_id, 2 FROM source_aliases"
        f" WHERE {dialect.nocase_equals('alias')} ORDER BY 2, 1 LIMIT 1",
        (name, name, name),
    ).fetchone()
    return int(row[0]) if row else _source(connection, name, ())[0]


def add_document(connection: Connection, parsed: ParsedDocument, analyst: str | None = None) -> int:
    """Insert a parsed document with its claims, filings and mentions; return its id.

    ``analyst`` is who imported it.
    """
    source_id, grade = (
        _source(connection, parsed.outlet, parsed.outlet_aliases) if parsed.outlet else (None, "F")
    )
    dialect = dialect_of(connection)
    document_id = dialect.inserted_id(
        connection,
        "INSERT INTO documents (source_id, title, byline, published, file_name, sha256,"
        " encoding, text, imported, url, language, scope_note, analyst)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            analyst,
        ),
    )
    connection.executemany(
        'INSERT INTO paragraphs (document_id, idx, start, "end", kind) VALUES (?, ?, ?, ?, ?)',
        [(document_id, p.index, p.start, p.end, p.kind) for p in parsed.paragraphs],
    )
    claim_ids = dialect.new_ids(connection, "claims", len(parsed.claims))
    _insert_claims(connection, parsed, document_id, claim_ids, grade)
    _insert_filings(connection, parsed, claim_ids)
    _insert_mentions(connection, parsed, claim_ids)
    return document_id


def _insert_claims(
    connection: Connection,
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
                *quote_context(text, c.start, c.end),
                c.attribution,
                json.dumps(list(c.hedges)),
                grade,
            )
            for claim_id, c in zip(ids, parsed.claims, strict=True)
        ],
    )


def _insert_filings(connection: Connection, parsed: ParsedDocument, ids: list[int]) -> None:
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


def _insert_mentions(connection: Connection, parsed: ParsedDocument, ids: list[int]) -> None:
    mentions = [(i, m) for i, c in zip(ids, parsed.claims, strict=True) for m in c.mentions]
    if not mentions:
        return
    known = _entity_ids(connection, mentions)
    text = parsed.text
    names = {entity_id: name for name, entity_id in known.items()}
    aliases = {(known[m.name], text[m.start : m.end]) for _, m in mentions}
    connection.executemany(
        "INSERT INTO entity_aliases (entity_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [(e, a) for e, a in sorted(aliases) if a and a != names[e]],
    )
    connection.executemany(
        'INSERT INTO mentions (claim_id, entity_id, start, "end") VALUES (?, ?, ?, ?)',
        [(i, known[m.name], m.start, m.end) for i, m in mentions],
    )


def _entity_ids(
    connection: Connection, mentions: list[tuple[int, EntityMention]]
) -> dict[str, int]:
    """Return entity name -> id for the mentioned entities, adding the new ones.

    Another writer may add the same entity meanwhile (on a server): its row is used.
    """
    kinds = {m.name: m.kind for _, m in mentions}
    dialect = dialect_of(connection)
    select = f"SELECT name, id FROM entities WHERE name {dialect.in_list}"
    known = {
        str(name): int(entity_id)
        for name, entity_id in connection.execute(select, (dialect.values(kinds),))
    }
    missing = [(name, kind) for name, kind in kinds.items() if name not in known]
    if missing:
        connection.executemany(
            "INSERT INTO entities (name, kind) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
            missing,
        )
        added = dialect.values(name for name, _ in missing)
        known.update((str(name), int(i)) for name, i in connection.execute(select, (added,)))
    return known


def _source(connection: Connection, name: str, aliases: tuple[str, ...]) -> tuple[int, str]:
    """Return the outlet's id and reliability grade, adding the outlet (and its aliases).

    Another writer may add the same outlet meanwhile (on a server): its row is used.
    """
    select = "SELECT id, reliability FROM sources WHERE name = ?"
    row = connection.execute(select, (name,)).fetchone()
    if row is None:
        connection.execute(
            "INSERT INTO sources (name, reliability) VALUES (?, 'F') ON CONFLICT (name) DO NOTHING",
            (name,),
        )
        row = connection.execute(select, (name,)).fetchone()
    source_id, grade = int(row[0]), str(row[1])
    connection.executemany(
        "INSERT INTO source_aliases (source_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [(source_id, alias) for alias in aliases if alias != name],
    )
    return source_id, grade
