"""Copy every row of one library into another, table by table, between any two backends.

The tables, their columns, keys and references come from the schema's models
(:mod:`briefing_app.store.copy_tables`), so a table or column added there is copied
too. Both libraries are at the head schema.
The rows are read a page at a time (keyset paging on the primary key) from one
read transaction of the source, and written with ``executemany`` inside the
caller's one write transaction on the target: all of it, or nothing.

Ids: into an empty target every row keeps its id (claim ids cited by analysts stay
valid), except a row whose id the target already uses (the taxonomy the app writes
on opening), which gets a new one. Merging (``keep_ids=False``) gives every new row a
new id. Either way each reference is carried over to the row's id in the target.

Rows with a natural key (a unique column) that the target already holds are the
target's: a document (by its sha256) is skipped with every row that hangs off it;
an outlet, speaker, entity, theme or saved search (by name or key) is not copied,
and what hangs off the source's row goes to the target's (its grade stays the
target's).

Search indexes: on SQLite the claims are indexed at once when the copy ends
(``Dialect.bulk_claims``), and live notes by their trigger; on PostgreSQL the
vectors are generated columns, which are never written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing_app.domain.errors import LibraryError, UsageError
from briefing_app.store.access_lock import lock_file
from briefing_app.store.backend import Connection, Dialect, dialect_of
from briefing_app.store.copy_tables import TableSpec, quoted, table_specs
from briefing_app.store.database import HEAD_REVISION, inspect_file
from briefing_app.store.errors import describe
from briefing_app.store.sql import live_note
from briefing_app.store.store import Store, is_server_location

PAGE_ROWS = 500
# A keyed row the target holds already, whose dependents are skipped with it.
SKIPPED_WITH_DEPENDENTS = frozenset({"documents"})
Row = tuple[Any, ...]


@dataclass(frozen=True)
class TableCopy:
    """What the copy did to one table."""

    table: str
    label: str
    copied: int
    already: int  # rows the target held already (by natural key): skipped or reused


@dataclass
class IdMap:
    """Where a table's ids went: unchanged, moved to another id, or not copied."""

    moved: dict[int, int] = field(default_factory=dict)
    dropped: set[int] = field(default_factory=set)

    def get(self, old: int) -> int | None:
        """Return the id in the target of the source's row ``old`` (None: not copied)."""
        return None if old in self.dropped else self.moved.get(old, old)


# opening the two ends


def open_source(location: Path | str) -> Store:
    """Open a library to copy from, never changing it (a file is not created or upgraded).

    Raises:
        UsageError: the file does not exist.
        LibraryError: not a library, or at another schema (the message says what to do).
    """
    if is_server_location(location):
        return Store.open(location)
    from briefing_app.store.sqlite_backend import SqliteBackend

    path = Path(location).expanduser().absolute()
    if not path.exists():
        raise UsageError(f"{path} does not exist: there is no library to copy from.")
    revision = inspect_file(path)
    if revision != HEAD_REVISION:
        raise LibraryError(
            f"{path} has schema {revision}; this version copies {HEAD_REVISION}. Bring it up "
            f"to date first with: briefing-app --db '{path}' migrate. It was left as it is."
        )
    return Store(SqliteBackend(path))


def side_files(path: Path) -> list[Path]:
    """Return a library file with the files SQLite and the access lock keep beside it."""
    return [
        path,
        *(path.with_name(f"{path.name}{suffix}") for suffix in ("-wal", "-shm", "-journal")),
        lock_file(path, "access"),
        lock_file(path, "gate"),
    ]


# the copy


def claims_with_live_notes(connection: Connection) -> list[int]:
    """Return the ids of the claims that have live notes, in order."""
    rows = connection.execute(
        f"SELECT DISTINCT claim_id FROM notes WHERE {live_note()} ORDER BY claim_id"
    )
    return [int(row[0]) for row in rows]


def copy_rows(
    source: Connection,
    target: Connection,
    *,
    keep_ids: bool,
    progress: Callable[[TableCopy], None] | None = None,
) -> list[TableCopy]:
    """Copy every table of ``source`` into ``target`` (in the caller's transactions).

    ``keep_ids``: rows keep their ids where the target has them free (a copy into an
    empty library); otherwise every new row gets a new id (a merge).

    Raises:
        LibraryError: a statement failed (the caller's transaction then rolls back).
    """
    maps: dict[str, IdMap] = {}
    done = []
    with _driver_errors(), dialect_of(target).bulk_claims(target):
        for spec in table_specs():
            copier = _TableCopier(spec, source, target, maps, keep_ids)
            copied = copier.run()
            done.append(copied)
            if progress is not None:
                progress(copied)
    return done


@contextmanager
def _driver_errors() -> Iterator[None]:
    """Turn a library file's unexpected failure into a LibraryError (a server's already are)."""
    try:
        yield
    except sqlite3.Error as error:
        raise describe(error) or LibraryError(
            f"The copy failed ({error}); nothing was written."
        ) from error


class _TableCopier:
    """Copies the rows of one table, carrying their references over."""

    def __init__(
        self,
        spec: TableSpec,
        source: Connection,
        target: Connection,
        maps: dict[str, IdMap],
        keep_ids: bool,
    ) -> None:
        self.spec = spec
        self.source = source
        self.target = target
        self.dialect: Dialect = dialect_of(target)
        self.maps = maps
        self.ids = IdMap()
        if spec.has_id:
            maps[spec.name] = self.ids
        self.keep_ids = keep_ids
        self.copied = 0
        self.already = 0
        columns = ", ".join(quoted(c) for c in spec.columns)
        marks = ", ".join("?" for _ in spec.columns)
        conflict = "" if spec.has_id else " ON CONFLICT DO NOTHING"
        self.insert_sql = f"INSERT INTO {spec.name} ({columns}) VALUES ({marks}){conflict}"

    def run(self) -> TableCopy:
        """Copy the table; return what was done."""
        deferred: list[Row] = []  # rows whose id the target uses (into an empty library)
        for page in self._pages():
            rows = [row for row in map(self._carried, page) if row is not None]
            if not self.spec.has_id:
                self._insert(rows)
                continue
            rows = self._new_in_target(rows)
            if self.keep_ids:
                taken = self._taken([row[0] for row in rows])
                deferred += [row for row in rows if row[0] in taken]
                self._insert([row for row in rows if row[0] not in taken])
            else:
                self._insert_with_new_ids(rows)
        if deferred:
            self._ids_past()
            self._insert_with_new_ids(deferred)
        if self.spec.has_id and self.copied:
            self._ids_past()
        return TableCopy(self.spec.name, self.spec.label, self.copied, self.already)

    def _pages(self) -> Iterator[list[Row]]:
        """Yield the source's rows a page at a time, in primary key order."""
        spec = self.spec
        columns = ", ".join(quoted(c) for c in spec.columns)
        key = ", ".join(quoted(c) for c in spec.key)
        marks = ", ".join("?" for _ in spec.key)
        at = [spec.columns.index(c) for c in spec.key]
        first = f"SELECT {columns} FROM {spec.name} ORDER BY {key} LIMIT ?"
        then = f"SELECT {columns} FROM {spec.name} WHERE ({key}) > ({marks}) ORDER BY {key} LIMIT ?"
        rows = self.source.execute(first, (PAGE_ROWS,)).fetchall()
        while rows:
            yield [tuple(row) for row in rows]
            if len(rows) < PAGE_ROWS:
                return
            after = tuple(rows[-1][i] for i in at)
            rows = self.source.execute(then, (*after, PAGE_ROWS)).fetchall()

    def _carried(self, row: Row) -> Row | None:
        """Return the row as the target takes it, or None if a row it refers to was skipped."""
        values = [
            value if value is None or convert is None else convert(value)
            for value, convert in zip(row, self.spec.convert, strict=True)
        ]
        for at, table in self.spec.references:
            if values[at] is None:
                continue
            carried = self.maps[table].get(int(values[at]))
            if carried is None:
                if self.spec.has_id:
                    self.ids.dropped.add(int(values[0]))
                return None
            values[at] = carried
        return tuple(values)

    def _new_in_target(self, rows: list[Row]) -> list[Row]:
        """Return the rows whose natural key the target lacks; map the others to its rows."""
        unique = self.spec.unique
        if unique is None or not rows:
            return rows
        at = self.spec.columns.index(unique)
        found = self.target.execute(
            f"SELECT {quoted(unique)}, id FROM {self.spec.name}"
            f" WHERE {quoted(unique)} {self.dialect.in_list}",
            (self.dialect.values([row[at] for row in rows]),),
        )
        held = {key: int(ident) for key, ident in found}
        new = []
        for row in rows:
            if row[at] not in held:
                new.append(row)
                continue
            self.already += 1
            if self.spec.name in SKIPPED_WITH_DEPENDENTS:
                self.ids.dropped.add(row[0])
            elif held[row[at]] != row[0]:
                self.ids.moved[row[0]] = held[row[at]]
        return new

    def _taken(self, ids: Sequence[int]) -> set[int]:
        """Return which of ``ids`` the target already uses."""
        if not ids:
            return set()
        found = self.target.execute(
            f"SELECT id FROM {self.spec.name} WHERE id {self.dialect.in_list}",
            (self.dialect.values(ids),),
        )
        return {int(row[0]) for row in found}

    def _insert_with_new_ids(self, rows: list[Row]) -> None:
        """Insert the rows under new ids of the target, in the order of their old ones."""
        if not rows:
            return
        fresh = self.dialect.new_ids(self.target, self.spec.name, len(rows))
        renumbered = []
        for row, new in zip(sorted(rows, key=lambda r: int(r[0])), fresh, strict=True):
            if new != row[0]:
                self.ids.moved[int(row[0])] = new
            renumbered.append((new, *row[1:]))
        self._insert(renumbered)

    def _insert(self, rows: list[Row]) -> None:
        if rows:
            self.target.executemany(self.insert_sql, rows)
            self.copied += len(rows)

    def _ids_past(self) -> None:
        """Move the target's source of new ids past the ids inserted (a server's sequence)."""
        self.dialect.ids_past_rows(self.target, self.spec.name)
