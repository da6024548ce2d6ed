"""Turn SQLite's failures into messages a user can act on."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from briefing_app.domain.errors import LibraryError, LibraryLockedError


def describe(error: BaseException) -> LibraryError | None:
    """Return the user-facing error for a known SQLite failure, else None."""
    original = getattr(error, "orig", None) or error  # the ORM wraps the driver's error
    if not isinstance(original, sqlite3.Error):
        return None
    text = str(original).lower()
    if "locked" in text or "busy" in text:
        return LibraryLockedError(
            "The library is busy: another program kept it locked for too long. "
            "Nothing was written; try again in a moment."
        )
    if "readonly" in text or "read-only" in text:
        return LibraryError("The library is read-only: nothing was written. Make it writable.")
    if "disk is full" in text or "full" in text:
        return LibraryError("The disk is full: nothing was written. Free some space and retry.")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return LibraryError("The library file is damaged: restore a backup.")
    if "disk i/o" in text or "unable to open" in text:
        return LibraryError(f"The library could not be written ({original}).")
    return None


@contextmanager
def translated_errors(*wrappers: type[Exception]) -> Iterator[None]:
    """Re-raise known SQLite failures as :class:`LibraryError`.

    ``wrappers`` are the exception types an ORM wraps driver errors in; they
    are passed in so that reading with plain ``sqlite3`` needs no ORM import.
    """
    caught: tuple[type[Exception], ...] = (sqlite3.Error, *wrappers)
    try:
        yield
    except caught as error:
        known = describe(error)
        if known is None:
            raise
        raise known from error
