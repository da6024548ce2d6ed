"""The few pieces every statement of the store shares: id lists, stamps, the rules.

The store speaks plain SQL over DB-API connections (``qmark`` parameters). A
rule that several statements need, such as which notes are live, is written
here once and put into the statements that need it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime

# ``column IN`` this, with a JSON list as its one parameter: any number of values,
# one statement, no SQL built from values.
IN_LIST = "IN (SELECT value FROM json_each(?))"
# A note is live until it is deleted (softly: ``deleted`` holds when).
LIVE_NOTE = "deleted IS NULL"
# A claim's hedges are a JSON list; an empty one means the claim is worded plainly.
NO_HEDGES = "'[]'"


def ids_param(ids: Iterable[int]) -> str:
    """Return the parameter that goes with :data:`IN_LIST`."""
    return json.dumps([int(i) for i in ids])


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


def parse_stamp(value: str | None) -> datetime | None:
    """Return a stored time (None stays None)."""
    return datetime.fromisoformat(value) if value else None
