"""Plain full-text search over claims and notes: every word must match, quoted for FTS5."""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.orm import Session

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_terms(query: str) -> str | None:
    """Return an FTS5 expression ANDing the query's words, each quoted, or None."""
    words = _WORD.findall(query)
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def search_ids(session: Session, query: str, limit: int = 500) -> list[tuple[int, bool]]:
    """Return (claim id, matched through a note) for claims matching every word."""
    expression = fts_terms(query)
    if expression is None:
        return []
    rows = session.execute(
        text(
            """
            SELECT claims.id AS id, 0 AS via_note FROM claim_fts
              JOIN claims ON claims.id = claim_fts.rowid
             WHERE claim_fts MATCH :q
            UNION
            SELECT notes.claim_id, 1 FROM note_fts
              JOIN notes ON notes.id = note_fts.rowid
             WHERE note_fts MATCH :q AND notes.deleted IS NULL
            """
        ),
        {"q": expression},
    ).all()
    best: dict[int, bool] = {}
    for claim_id, via_note in rows:
        best[claim_id] = best.get(claim_id, True) and bool(via_note)
    return sorted(best.items())[:limit]
