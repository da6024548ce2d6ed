"""The taxonomy and where claims are filed in it: reads and the analyst's changes."""

from __future__ import annotations

from collections.abc import Sequence

from briefing_app.domain.library import ClaimTheme, Theme, ThemeCount
from briefing_app.store.backend import Connection

_THEMES = "SELECT id, key, label, description, colour, ord FROM themes ORDER BY ord, id"


# reads


def themes(connection: Connection) -> list[Theme]:
    """Return the taxonomy in its order."""
    return [Theme(k, lb, d, c, o) for _, k, lb, d, c, o in connection.execute(_THEMES)]


def theme_counts(connection: Connection) -> list[ThemeCount]:
    """Return each theme with the number of claims filed under it (not-a-claim left out)."""
    counts = dict(
        connection.execute(
            "SELECT theme_id, count(*) FROM claim_themes"
            " WHERE claim_id NOT IN (SELECT claim_id FROM dismissed_claims) GROUP BY theme_id"
        )
    )
    return [
        ThemeCount(Theme(k, lb, d, c, o), int(counts.get(i, 0)))
        for i, k, lb, d, c, o in connection.execute(_THEMES)
    ]


def theme_ids(connection: Connection) -> dict[str, int]:
    """Return theme key -> id."""
    return {str(key): int(i) for key, i in connection.execute("SELECT key, id FROM themes")}


def _theme_id(connection: Connection, key: str) -> int:
    row = connection.execute("SELECT id FROM themes WHERE key = ?", (key,)).fetchone()
    if row is None:
        raise KeyError(key)
    return int(row[0])


# writes


def sync_themes(connection: Connection, taxonomy: Sequence[Theme]) -> None:
    """Insert or update the themes of the taxonomy; themes no longer listed are kept."""
    connection.executemany(
        "INSERT INTO themes (key, label, description, colour, ord) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET label = excluded.label,"
        " description = excluded.description, colour = excluded.colour, ord = excluded.ord",
        [(t.key, t.label, t.description, t.colour, t.order) for t in taxonomy],
    )


def file_under(
    connection: Connection, claim_id: int, theme_key: str, *, primary: bool, why: str
) -> None:
    """File a claim under a theme as the analyst's choice (primary moves there).

    Raises:
        KeyError: there is no such theme.
    """
    theme_id = _theme_id(connection, theme_key)
    if primary:
        connection.execute(
            "UPDATE claim_themes SET is_primary = FALSE WHERE claim_id = ?", (claim_id,)
        )
    connection.execute(
        "INSERT INTO claim_themes (claim_id, theme_id, is_primary, origin, why)"
        " VALUES (?, ?, ?, 'analyst', ?)"
        " ON CONFLICT (claim_id, theme_id) DO UPDATE SET"
        " is_primary = (claim_themes.is_primary OR excluded.is_primary), origin = 'analyst',"
        " why = excluded.why",
        (claim_id, theme_id, primary, why),
    )


def move_to(connection: Connection, claim_id: int, theme_key: str, why: str) -> None:
    """Make a theme the claim's only theme, as the analyst's choice."""
    file_under(connection, claim_id, theme_key, primary=True, why=why)
    connection.execute(
        "DELETE FROM claim_themes WHERE claim_id = ? AND theme_id != ?",
        (claim_id, _theme_id(connection, theme_key)),
    )


def unfile(connection: Connection, claim_id: int, theme_key: str) -> None:
    """Remove a claim from a theme (an unknown theme changes nothing)."""
    connection.execute(
        "DELETE FROM claim_themes WHERE claim_id = ?"
        " AND theme_id = (SELECT id FROM themes WHERE key = ?)",
        (claim_id, theme_key),
    )


def restore_filings(connection: Connection, claim_id: int, filings: Sequence[ClaimTheme]) -> None:
    """Put back exactly these filings of a claim (used by undo)."""
    connection.execute("DELETE FROM claim_themes WHERE claim_id = ?", (claim_id,))
    ids = theme_ids(connection)
    connection.executemany(
        "INSERT INTO claim_themes (claim_id, theme_id, is_primary, origin, why)"
        " VALUES (?, ?, ?, ?, ?)",
        [(claim_id, ids[f.key], f.is_primary, f.origin, f.why) for f in filings if f.key in ids],
    )
