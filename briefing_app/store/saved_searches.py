"""Saved searches: name a query, rename it, delete it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefing_app.domain.library import SavedSearch
from briefing_app.store.schema import SavedSearchRow


def _saved(row: SavedSearchRow) -> SavedSearch:
    return SavedSearch(row.id, row.name, row.query)



def find_by_name(session: Session, name: str) -> SavedSearch | None:
    """Return the saved search with this name, if any."""
    row = session.scalars(select(SavedSearchRow).where(SavedSearchRow.name == name)).first()
    return _saved(row) if row else None


def save(session: Session, name: str, query: str) -> SavedSearch:
    """Save a query under a name (replacing the query of a search of that name)."""
    row = session.scalars(select(SavedSearchRow).where(SavedSearchRow.name == name)).first()
    if row is None:
        row = SavedSearchRow(name=name, query=query, created=datetime.now(UTC).replace(tzinfo=None))
        session.add(row)
    else:
        row.query = query
    session.flush()
    return _saved(row)


def rename(session: Session, search_id: int, name: str) -> SavedSearch | None:
    """Give a saved search a new name."""
    row = session.get(SavedSearchRow, search_id)
    if row is None:
        return None
    row.name = name
    session.flush()
    return _saved(row)


def delete(session: Session, search_id: int) -> SavedSearch | None:
    """Delete a saved search; return what it was (for undo)."""
    row = session.get(SavedSearchRow, search_id)
    if row is None:
        return None
    gone = _saved(row)
    session.delete(row)
    session.flush()
    return gone
