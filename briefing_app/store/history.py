"""Who did what to a claim: each analyst change of its filing or grading, kept for good.

The current filing and grade stay in their own tables (the last write wins); a
change recorded with :func:`record` also leaves a row here, in the same transaction.
Notes record their analyst on the note and on each earlier text (``store.notes``),
imports on the document (``store.documents``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing_app.domain.library import ClaimChange
from briefing_app.store.backend import Connection, dialect_of
from briefing_app.store.sql import as_time, live_note, now, stamp


@dataclass(frozen=True, slots=True)
class Entry:
    """What a change will be recorded as."""

    action: str
    detail: str
    analyst: str


def record(connection: Connection, claim_id: int, entry: Entry) -> None:
    """Record a change of a claim (call it in the change's own transaction)."""
    connection.execute(
        "INSERT INTO claim_history (claim_id, action, detail, analyst, at) VALUES (?, ?, ?, ?, ?)",
        (claim_id, entry.action, entry.detail, entry.analyst, stamp(now())),
    )


def claim_history(connection: Connection, claim_id: int) -> list[ClaimChange]:
    """Return a claim's recorded changes, newest first."""
    rows = connection.execute(
        "SELECT action, detail, analyst, at FROM claim_history WHERE claim_id = ? ORDER BY id DESC",
        (claim_id,),
    )
    return [ClaimChange(a, d, who, as_time(at)) for a, d, who, at in rows]


def analysts(connection: Connection) -> list[str]:
    """Return every analyst the library has recorded, in alphabetical order."""
    rows = connection.execute(
        "SELECT analyst FROM claim_history UNION SELECT analyst FROM notes"
        f" WHERE analyst IS NOT NULL AND {live_note()}"
        " UNION SELECT analyst FROM documents WHERE analyst IS NOT NULL"
    )
    return sorted({str(row[0]) for row in rows}, key=str.casefold)


def last_changes(connection: Connection, claim_ids: Sequence[int]) -> dict[int, ClaimChange]:
    """Return claim id -> its latest recorded change, for the claims that have one."""
    dialect = dialect_of(connection)
    rows = connection.execute(
        "SELECT claim_id, action, detail, analyst, at FROM claim_history WHERE id IN"
        f" (SELECT max(id) FROM claim_history WHERE claim_id {dialect.in_list} GROUP BY claim_id)",
        (dialect.values(claim_ids),),
    )
    return {int(c): ClaimChange(a, d, who, as_time(at)) for c, a, d, who, at in rows}
