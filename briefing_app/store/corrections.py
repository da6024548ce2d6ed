"""The analyst's corrections of what ingest found: not a claim, split, merge, a new claim.

Every correction keeps exact spans (``text[start:end] == claim.text``) and every
note: a split leaves the notes on the first part, a merge moves the second
claim's notes to the merged one. Each returns a :class:`Snapshot` of the rows it
changed, so that undo puts them back exactly (ids, filings, mentions, notes).
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing_app.domain.corrections import Snapshot
from briefing_app.domain.errors import NotFoundError, UsageError
from briefing_app.store.backend import Connection, dialect_of
from briefing_app.store.documents import quote_context
from briefing_app.store.sql import as_stamp, now, stamp

_CLAIM_COLUMNS = (
    'id, document_id, paragraph, sentence, start, "end", text, prefix, suffix, attribution,'
    " hedges, reliability, credibility, origin, reliability_override"
)
_WHITESPACE = " \t\n\r\f\v\u00a0"


def snapshot(connection: Connection, claim_ids: Sequence[int]) -> Snapshot:
    """Return the rows of these claims as they are now."""
    dialect = dialect_of(connection)
    ids, among = dialect.values(claim_ids), dialect.in_list
    rows = connection.execute(f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE id {among}", (ids,))
    claims = tuple(tuple(r) for r in rows)
    return Snapshot(
        tuple(int(row[0]) for row in claims),
        claims,
        tuple(
            tuple(r)
            for r in connection.execute(
                "SELECT claim_id, theme_id, is_primary, origin, why FROM claim_themes"
                f" WHERE claim_id {among}",
                (ids,),
            )
        ),
        tuple(
            tuple(r)
            for r in connection.execute(
                'SELECT id, claim_id, entity_id, start, "end" FROM mentions'
                f" WHERE claim_id {among}",
                (ids,),
            )
        ),
        tuple(
            (int(n), int(c))
            for n, c in connection.execute(
                f"SELECT id, claim_id FROM notes WHERE claim_id {among}", (ids,)
            )
        ),
        tuple(
            (int(c), as_stamp(d))
            for c, d in connection.execute(
                f"SELECT claim_id, dismissed FROM dismissed_claims WHERE claim_id {among}", (ids,)
            )
        ),
    )


def restore(connection: Connection, before: Snapshot, gone: Sequence[int] = ()) -> None:
    """Put the claims of ``before`` back exactly; delete the claims ``gone`` (made since).

    Notes that belonged to a restored claim go back to it before anything is deleted.
    """
    columns = [c.strip() for c in _CLAIM_COLUMNS.split(",")]
    marks = ", ".join("?" * len(columns))
    # An upsert, not INSERT OR REPLACE: replacing would delete the row its notes point at.
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    connection.executemany(
        f"INSERT INTO claims ({_CLAIM_COLUMNS}) VALUES ({marks})"
        f" ON CONFLICT (id) DO UPDATE SET {updates}",
        before.claims,
    )
    connection.executemany(
        "UPDATE notes SET claim_id = ? WHERE id = ?", [(c, n) for n, c in before.notes]
    )
    dialect = dialect_of(connection)
    touched = dialect.values([*before.claim_ids, *gone])
    for table in ("claim_themes", "mentions", "dismissed_claims"):
        connection.execute(f"DELETE FROM {table} WHERE claim_id {dialect.in_list}", (touched,))
    connection.executemany(
        "INSERT INTO claim_themes (claim_id, theme_id, is_primary, origin, why)"
        " VALUES (?, ?, ?, ?, ?)",
        before.filings,
    )
    connection.executemany(
        'INSERT INTO mentions (id, claim_id, entity_id, start, "end") VALUES (?, ?, ?, ?, ?)',
        before.mentions,
    )
    connection.executemany(
        "INSERT INTO dismissed_claims (claim_id, dismissed) VALUES (?, ?)", before.dismissed
    )
    connection.execute(f"DELETE FROM claims WHERE id {dialect.in_list}", (dialect.values(gone),))


# not a claim


def dismiss(connection: Connection, claim_id: int, dismissed: bool) -> Snapshot:
    """Mark a claim "not a claim" (it leaves the claim views), or show it again."""
    before = snapshot(connection, [claim_id])
    _require(connection, claim_id)
    if dismissed:
        connection.execute(
            "INSERT INTO dismissed_claims (claim_id, dismissed) VALUES (?, ?)"
            " ON CONFLICT DO NOTHING",
            (claim_id, stamp(now())),
        )
    else:
        connection.execute("DELETE FROM dismissed_claims WHERE claim_id = ?", (claim_id,))
    return before


# split, merge, new claim


def split(connection: Connection, claim_id: int, at: int) -> tuple[int, Snapshot]:
    """Cut a claim in two at document offset ``at``; return the second part's id.

    Both parts are trimmed of white space; the second gets the first's themes and
    the mentions that fall in it; the notes stay on the first part.

    Raises:
        UsageError: ``at`` leaves one part without text (at the start or end of the claim).
    """
    document_id, start, end = _span(connection, claim_id)
    text = _document_text(connection, document_id)
    first_end = _trim_end(text, start, at)
    second_start = _trim_start(text, at, end)
    if not start < first_end or not second_start < end:
        raise UsageError(
            "A claim is split at a point inside it, with text on both sides: nothing changed."
        )
    before = snapshot(connection, [claim_id])
    _set_span(connection, claim_id, text, start, first_end, origin="analyst")
    row = connection.execute(
        "SELECT paragraph, sentence, attribution, hedges, reliability, credibility,"
        " reliability_override FROM claims WHERE id = ?",
        (claim_id,),
    ).fetchone()
    paragraph, sentence = int(row[0]), int(row[1])
    connection.execute(
        "UPDATE claims SET sentence = sentence + 1"
        " WHERE document_id = ? AND paragraph = ? AND sentence > ?",
        (document_id, paragraph, sentence),
    )
    new_id = _insert(
        connection, document_id, text, second_start, end, paragraph, sentence + 1, row[2:]
    )
    connection.execute(
        "INSERT INTO claim_themes (claim_id, theme_id, is_primary, origin, why)"
        " SELECT ?, theme_id, is_primary, origin, why FROM claim_themes WHERE claim_id = ?",
        (new_id, claim_id),
    )
    connection.execute(
        "UPDATE mentions SET claim_id = ? WHERE claim_id = ? AND start >= ?",
        (new_id, claim_id, second_start),
    )
    return new_id, before


def merge_with_next(connection: Connection, claim_id: int) -> tuple[int, Snapshot]:
    """Join a claim with the one after it in the same document; return the id merged away.

    The merged claim spans both (and whatever lies between), keeps the first's id,
    gets both claims' themes, mentions and notes.

    Raises:
        UsageError: the claim is the last of its document.
    """
    document_id, start, _ = _span(connection, claim_id)
    following = connection.execute(
        'SELECT id, "end" FROM claims WHERE document_id = ? AND start > ? ORDER BY start LIMIT 1',
        (document_id, start),
    ).fetchone()
    if following is None:
        raise UsageError(
            f"Claim {claim_id} is the last of its document: there is no next claim in the "
            "same document to merge it with. Nothing changed."
        )
    next_id, next_end = int(following[0]), int(following[1])
    before = snapshot(connection, [claim_id, next_id])
    text = _document_text(connection, document_id)
    connection.execute("UPDATE notes SET claim_id = ? WHERE claim_id = ?", (claim_id, next_id))
    connection.execute("UPDATE mentions SET claim_id = ? WHERE claim_id = ?", (claim_id, next_id))
    connection.execute(
        "INSERT INTO claim_themes (claim_id, theme_id, is_primary, origin, why)"
        " SELECT ?, theme_id, FALSE, origin, why FROM claim_themes WHERE claim_id = ?"
        " ON CONFLICT DO NOTHING",
        (claim_id, next_id),
    )
    connection.execute("DELETE FROM claims WHERE id = ?", (next_id,))
    _set_span(connection, claim_id, text, start, next_end, origin="analyst")
    return next_id, before


def claim_from_passage(connection: Connection, document_id: int, start: int, end: int) -> int:
    """Make a claim of a passage the analyst selected in the article; return its id.

    Raises:
        UsageError: the passage is empty or overlaps a claim (split that claim instead).
        NotFoundError: there is no such document.
    """
    text = _document_text(connection, document_id)
    start, end = (
        _trim_start(text, max(0, start), len(text)),
        _trim_end(text, 0, min(end, len(text))),
    )
    if not start < end:
        raise UsageError("Select some text of the article first: nothing changed.")
    overlap = connection.execute(
        'SELECT id FROM claims WHERE document_id = ? AND start < ? AND "end" > ? LIMIT 1',
        (document_id, end, start),
    ).fetchone()
    if overlap is not None:
        raise UsageError(
            f"That text is part of claim {overlap[0]}: split that claim instead. Nothing changed."
        )
    row = connection.execute(
        'SELECT idx FROM paragraphs WHERE document_id = ? AND start <= ? AND "end" >= ?'
        " ORDER BY idx LIMIT 1",
        (document_id, start, start),
    ).fetchone()
    paragraph = int(row[0]) if row else 1
    sentence = connection.execute(
        "SELECT count(*) FROM claims WHERE document_id = ? AND paragraph = ? AND start < ?",
        (document_id, paragraph, start),
    ).fetchone()[0]
    connection.execute(
        "UPDATE claims SET sentence = sentence + 1"
        " WHERE document_id = ? AND paragraph = ? AND start > ?",
        (document_id, paragraph, start),
    )
    return _insert(
        connection,
        document_id,
        text,
        start,
        end,
        paragraph,
        int(sentence) + 1,
        (None, "[]", "F", 6, None),
    )


# pieces


def _require(connection: Connection, claim_id: int) -> None:
    if connection.execute("SELECT 1 FROM claims WHERE id = ?", (claim_id,)).fetchone() is None:
        raise NotFoundError(f"There is no claim {claim_id} in this library.")


def _span(connection: Connection, claim_id: int) -> tuple[int, int, int]:
    row = connection.execute(
        'SELECT document_id, start, "end" FROM claims WHERE id = ?', (claim_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"There is no claim {claim_id} in this library.")
    return int(row[0]), int(row[1]), int(row[2])


def _document_text(connection: Connection, document_id: int) -> str:
    row = connection.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"There is no document {document_id} in this library.")
    return str(row[0])


def _trim_start(text: str, start: int, end: int) -> int:
    while start < end and text[start] in _WHITESPACE:
        start += 1
    return start


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _WHITESPACE:
        end -= 1
    return end


def _set_span(
    connection: Connection, claim_id: int, text: str, start: int, end: int, origin: str
) -> None:
    connection.execute(
        'UPDATE claims SET start = ?, "end" = ?, text = ?, prefix = ?, suffix = ?, origin = ?'
        " WHERE id = ?",
        (start, end, text[start:end], *quote_context(text, start, end), origin, claim_id),
    )


def _insert(
    connection: Connection,
    document_id: int,
    text: str,
    start: int,
    end: int,
    paragraph: int,
    sentence: int,
    annotations: Sequence[object],
) -> int:
    """Insert an analyst's claim and return its id.

    ``annotations`` are its attribution, hedges (JSON), reliability, credibility and
    reliability override, in that order.
    """
    attribution, hedges, reliability, credibility, override = annotations
    return dialect_of(connection).inserted_id(
        connection,
        'INSERT INTO claims (document_id, paragraph, sentence, start, "end", text, prefix,'
        " suffix, attribution, hedges, reliability, credibility, origin, reliability_override)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'analyst', ?)",
        (
            document_id,
            paragraph,
            sentence,
            start,
            end,
            text[start:end],
            *quote_context(text, start, end),
            attribution,
            hedges,
            reliability,
            credibility,
            override,
        ),
    )
