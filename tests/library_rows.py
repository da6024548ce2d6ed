"""Read or change a library's rows directly, on either backend, through the store's own doors."""

from __future__ import annotations

from typing import Any

from briefing_app.services.library import Library
from briefing_app.store.backend import Connection


def _fetch(connection: Connection, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in connection.execute(sql, params).fetchall()]


def _run(connection: Connection, sql: str, params: tuple[Any, ...]) -> None:
    connection.execute(sql, params)


def rows(library: Library, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Return the rows of one query (``?`` placeholders), on the library's backend."""
    return library._store.read(_fetch, sql, params)  # noqa: SLF001 - a test looks underneath


def run(library: Library, sql: str, *params: Any) -> None:
    """Run one statement in a transaction of its own, as another program would."""
    library._store.write(_run, sql, params)  # noqa: SLF001
