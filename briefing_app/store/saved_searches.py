"""Saved searches: a query under a name. Reads and writes, in plain SQL."""

from __future__ import annotations

from briefing_app.domain.errors import UsageError
from briefing_app.domain.library import SavedSearch
from briefing_app.store.backend import Connection
from briefing_app.store.sql import now, stamp

_SAVED = "SELECT id, name, query FROM saved_searches"


def saved_searches(connection: Connection) -> list[SavedSearch]:
    """Return the saved searches by name."""
    return [SavedSearch(*row) for row in connection.execute(f"{_SAVED} ORDER BY name")]


def find_by_name(connection: Connection, name: str) -> SavedSearch | None:
    """Return the saved search with this name, if any."""
    row = connection.execute(f"{_SAVED} WHERE name = ?", (name,)).fetchone()
    return SavedSearch(*row) if row else None


def _by_id(connection: Connection, search_id: int) -> SavedSearch | None:
    row = connection.execute(f"{_SAVED} WHERE id = ?", (search_id,)).fetchone()
    return SavedSearch(*row) if row else None


def save(connection: Connection, name: str, query: str) -> SavedSearch:
    """Save a query under a name (replacing the query of a search of that name)."""
    existing = find_by_name(connection, name)
    if existing is None:
        connection.execute(
            "INSERT INTO saved_searches (name, query, created) VALUES (?, ?, ?)",
            (name, query, stamp(now())),
        )
    else:
        connection.execute("UPDATE saved_searches SET query = ? WHERE id = ?", (query, existing.id))
    found = find_by_name(connection, name)
    assert found is not None
    return found


def rename(connection: Connection, search_id: int, name: str) -> SavedSearch | None:
    """Give a saved search a new name.

    Raises:
        UsageError: another saved search has that name.
    """
    if find_by_name(connection, name) is not None:
        raise UsageError(f"A saved search is already called {name!r}.")
    connection.execute("UPDATE saved_searches SET name = ? WHERE id = ?", (name, search_id))
    return _by_id(connection, search_id)


def delete(connection: Connection, search_id: int) -> SavedSearch | None:
    """Delete a saved search; return what it was (for undo)."""
    gone = _by_id(connection, search_id)
    connection.execute("DELETE FROM saved_searches WHERE id = ?", (search_id,))
    return gone
