"""Consistent copies of a library file: ``VACUUM INTO`` a temp file, verify, link into place."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from briefing_app.domain.errors import LibraryError
from briefing_app.store.connection import BUSY_TIMEOUT_MS, connect
from briefing_app.store.errors import describe, describe_os_error
from briefing_app.store.fts import FTS_TABLES, rebuild_fts

# A copy whose only fault is a damaged search index may still be taken (before a
# repair or a restore, the library as it is is worth keeping whatever its state).
TABLES_ONLY = "tables"


def _unique() -> str:
    """Return a name part no other file beside a library has (loaded when first needed)."""
    import uuid

    return uuid.uuid4().hex


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def table_problems(path: Path) -> list[str]:
    """Return SQLite's integrity problems with the file's tables and indexes (none: sound)."""
    with closing(_read_only(path)) as connection:
        rows = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows


def index_problems(path: Path) -> list[str]:
    """Return the problems of the full-text indexes (SQLite's own check does not read them).

    The check is an ``INSERT`` command, so it runs in a transaction that is rolled back.
    """
    problems = []
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute("BEGIN")
        try:
            for table in FTS_TABLES:
                try:
                    connection.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
                except sqlite3.DatabaseError as error:
                    problems.append(f"search index {table}: {error}")
        finally:
            connection.execute("ROLLBACK")
    return problems


def integrity_problems(path: Path, scope: str = "all") -> list[str]:
    """Return every problem of a file: tables, then (unless ``scope`` is TABLES_ONLY) indexes."""
    problems = table_problems(path)
    if not problems and scope != TABLES_ONLY:
        problems = index_problems(path)
    return problems


def consistent_copy(source: Path, target: Path, scope: str = "all") -> Path:
    """Copy a live library to a new file ``target`` without stopping writers; verify it first.

    The copy is written to a temporary sibling with a name of its own and linked
    to ``target`` only once it is sound, so ``target`` is never a half-written
    file and an existing file is never replaced. Where ``target`` exists, a
    number is added to the name; the path used is returned.

    Raises:
        LibraryError: the copy could not be made, or it is not sound.
    """
    partial = target.with_name(f".{target.name}.{_unique()}.partial")
    try:
        try:
            with closing(_read_only(source)) as connection:
                # The name goes as bytes: a folder's name need not be UTF-8.
                connection.execute("VACUUM INTO CAST(? AS TEXT)", (os.fsencode(partial),))
            problems = integrity_problems(partial, scope)
        except sqlite3.Error as error:
            known = describe(error, target.parent)
            raise known or LibraryError(f"Could not copy {source}: {error}.") from error
        if problems:
            raise LibraryError(
                f"{source} failed its integrity check ({'; '.join(problems[:3])}): not copied. "
                "Run 'briefing-app check --repair', or restore a backup."
            )
        try:
            _fsync(partial)
            return _link_new(partial, target)
        except OSError as error:
            raise describe_os_error(error, target.parent) from error
    finally:
        partial.unlink(missing_ok=True)


def _link_new(partial: Path, target: Path) -> Path:
    """Give ``partial`` the name ``target`` (or ``target`` numbered), never replacing a file."""
    for number in range(1, 1000):
        name = target if number == 1 else target.with_stem(f"{target.stem}-{number}")
        try:
            os.link(partial, name)
        except FileExistsError:
            continue
        _fsync_folder(name.parent)
        return name
    raise LibraryError(f"Could not find a free name for {target}.")


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def library_id(path: Path) -> int:
    """Return the id a library carries in its header (0: none yet)."""
    with closing(_read_only(path)) as connection:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])


def set_library_id(path: Path, value: int) -> None:
    """Write a library's id into its header."""
    with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)) as connection:
        connection.execute(f"PRAGMA user_version={int(value)}")


def staged_copy(replacement: Path, library: Path) -> Path:
    """Return a verified copy of ``replacement`` beside ``library``, ready to be swapped in."""
    staged = library.with_name(f".{library.name}.{_unique()}.restoring")
    try:
        staged = consistent_copy(replacement, staged)
    except LibraryError as error:
        raise LibraryError(f"{replacement} cannot be restored: {error}") from error
    # A copy comes in rollback-journal mode; a library is in WAL mode before anyone
    # opens it (switching later needs the file alone, which readers would deny).
    with closing(sqlite3.connect(staged, isolation_level=None)) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
    return staged


def swap_in(library: Path, staged: Path) -> None:
    """Put a staged copy in place of the library; call it holding ``access_lock.exclusive_access``.

    The current file's log is checkpointed and removed first, so that no stale
    log is replayed onto the restored file; no connection can open meanwhile.
    """
    if library.exists():
        with closing(sqlite3.connect(library, isolation_level=None)) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm", "-journal"):
        Path(str(library) + suffix).unlink(missing_ok=True)
    os.replace(staged, library)
    _fsync_folder(library.parent)


def rebuild_indexes(library: Path) -> None:
    """Rebuild the full-text indexes from their tables, in one transaction."""
    with closing(connect(library)) as connection:
        connection.execute("BEGIN IMMEDIATE")
        try:
            rebuild_fts(connection.execute)
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
