"""The few pieces every statement of the store shares: stamps and the rules.

The store speaks plain SQL over DB-API connections (``qmark`` parameters). A
rule that several statements need, such as which notes are live, is written
here once and put into the statements that need it. What differs between
SQLite and PostgreSQL (id lists, case-blind equality) comes from the
connection's dialect (:mod:`briefing_app.store.backend`).
"""

from __future__ import annotations

from datetime import UTC, datetime

# A note is live until it is deleted (softly: ``deleted`` holds when).
LIVE_NOTE = "deleted IS NULL"
# A claim's hedges are a JSON list; an empty one means the claim is worded plainly.
NO_HEDGES = "'[]'"


def live_note(alias: str = "") -> str:
    """Return the live-note condition on the notes table (or its alias)."""
    return f"{alias}.{LIVE_NOTE}" if alias else LIVE_NOTE


def hedged(alias: str = "") -> str:
    """Return the condition that a claim (or its alias) is hedged: its list is not empty."""
    return f"{alias + '.' if alias else ''}hedges != {NO_HEDGES}"


def now() -> datetime:
    """Return the time now, in UTC without a zone (as every stamp is stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


def stamp(moment: datetime) -> str:
    """Return a time as the library stores it: ``YYYY-MM-DD HH:MM:SS.ffffff`` (UTC)."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def as_time(value: str | datetime) -> datetime:
    """Return a stored time: SQLite gives its text, PostgreSQL a ``datetime``."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def as_stamp(value: str | datetime) -> str:
    """Return a stored time as :func:`stamp` text, whichever backend read it."""
    return stamp(value) if isinstance(value, datetime) else value


def parse_stamp(value: str | datetime | None) -> datetime | None:
    """Return a stored time that may be missing (None stays None)."""
    return as_time(value) if value else None
