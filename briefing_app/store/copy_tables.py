"""The library's tables as a copy sees them, read from the schema's models.

:mod:`briefing_app.store.schema` (which a test keeps equal to the migrations) says
each table's columns, primary key, natural key (a unique column) and references,
so a table or column added there is copied too (:mod:`briefing_app.store.library_copy`).
SQLAlchemy is imported only when a copy asks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefing_app.store.backend import Connection
from briefing_app.store.sql import as_stamp

# Rows that live inside one transaction only (an import's bulk indexing): never copied.
TRANSIENT = frozenset({"bulk_indexing"})
# What the app writes by itself when it opens a library (the taxonomy): a library that
# holds nothing else is empty.
WRITTEN_ON_OPENING = frozenset({"themes"})
# How progress names a table's rows (else its name, with spaces).
LABELS = {
    "claim_themes": "filings",
    "dismissed_claims": "claims marked not a claim",
    "claim_history": "claim changes",
}


@dataclass(frozen=True)
class TableSpec:
    """One table: its columns (the primary key's first), keys and references."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]  # the primary key's columns
    has_id: bool  # an integer ``id`` of its own (then row[0]), that other rows may refer to
    unique: str | None  # a natural key (a unique column), if any
    references: tuple[tuple[int, str], ...]  # (column index, table whose id it holds)
    convert: tuple[Callable[[Any], Any] | None, ...]  # per column: to what both backends take

    @property
    def label(self) -> str:
        """Return how progress names the table's rows."""
        return LABELS.get(self.name, self.name.replace("_", " "))


def quoted(name: str) -> str:
    """Return a column's name quoted (``"end"`` is a keyword)."""
    return f'"{name}"'


def _flag(value: Any) -> bool:
    return bool(value)  # SQLite gives 0 or 1, PostgreSQL a bool


def table_specs() -> list[TableSpec]:
    """Return every table to copy, parents before the rows that refer to them."""
    from sqlalchemy import Boolean, DateTime, UniqueConstraint

    from briefing_app.store.schema import Base

    specs = []
    for table in Base.metadata.sorted_tables:
        if table.name in TRANSIENT:
            continue
        key = tuple(column.name for column in table.primary_key.columns)
        ordered = [table.columns[name] for name in key]
        ordered += [column for column in table.columns if column.name not in key]
        columns = tuple(column.name for column in ordered)
        unique = [c.name for c in ordered if c.unique] + [
            constraint.columns[0].name
            for constraint in table.constraints
            if isinstance(constraint, UniqueConstraint) and len(constraint.columns) == 1
        ]
        references = tuple(
            (columns.index(column.name), foreign.column.table.name)
            for column in ordered
            for foreign in column.foreign_keys
        )
        # Times as stamp text (a server gives datetimes), which both backends take.
        convert = tuple(
            as_stamp
            if isinstance(column.type, DateTime)
            else _flag
            if isinstance(column.type, Boolean)
            else None
            for column in ordered
        )
        specs.append(
            TableSpec(
                table.name,
                columns,
                key,
                key == ("id",),
                unique[0] if unique else None,
                references,
                convert,
            )
        )
    return specs


def filled_tables(connection: Connection) -> list[str]:
    """Return the labels of the tables that make a library not empty (none: it is empty)."""
    return [
        spec.label
        for spec in table_specs()
        if spec.name not in WRITTEN_ON_OPENING
        and connection.execute(f"SELECT 1 FROM {spec.name} LIMIT 1").fetchone() is not None
    ]
