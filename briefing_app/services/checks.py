"""Checks every use case shares: text that can be stored, names that can be shown, ids found."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from briefing_app.domain.errors import NotFoundError, UsageError

T = TypeVar("T")


def checked_text(text: str) -> str:
    """Return text that can be stored, or raise UsageError for bytes that were not UTF-8.

    Text from the command line keeps such bytes as lone surrogates, which no
    database can store.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise UsageError(
            f"The text is not valid UTF-8 (bad byte at character {error.start + 1}): "
            "nothing was saved. Retype it, or save it as UTF-8 first."
        ) from error
    return text


def readable(text: str) -> str:
    """Return ``text`` with bytes that were not UTF-8 (kept as surrogates) shown as U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def readable_name(path: Path) -> str:
    """Return a file's name as text; bytes of a name that are not UTF-8 become U+FFFD."""
    return readable(path.name)


def must_exist(value: T | None, missing: str) -> T:
    """Return ``value``, or raise NotFoundError saying what is ``missing``."""
    if value is None:
        raise NotFoundError(missing)
    return value


def the_only(values: Sequence[T], missing: str) -> T:
    """Return the one value of ``values``, or raise NotFoundError saying what is ``missing``."""
    return must_exist(values[0] if values else None, missing)
