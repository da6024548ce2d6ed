"""Copy a whole library into another, a file or a team library, either way.

``briefing-app copy --from A --to B`` fills an empty library B (a missing file is
created) with everything A holds, ids included; ``--merge`` adds to a library that is
not empty the documents it lacks (by their sha256), with everything hanging off them,
under new ids, and the saved searches it lacks (by name). The target is written in
one transaction, so a failure leaves it as it was (a file made for the copy is
removed); the source is only read. See :mod:`briefing_app.store.library_copy`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from briefing_app.domain.errors import UsageError
from briefing_app.services.notes_mirror import NotesMirror
from briefing_app.services.paths import resolve_library_path
from briefing_app.store import claims, notes
from briefing_app.store.backend import Connection
from briefing_app.store.copy_tables import filled_tables
from briefing_app.store.library_copy import (
    TableCopy,
    claims_with_live_notes,
    copy_rows,
    open_source,
    side_files,
)
from briefing_app.store.server import is_url, parse_server_url
from briefing_app.store.store import Store

Progress = Callable[[TableCopy], None]
# Claims whose notes are mirrored per read.
MIRROR_PAGE = 200


@dataclass(frozen=True)
class CopyOutcome:
    """What a copy did: each table's rows copied, and what to tell the user."""

    source: str
    target: str
    tables: tuple[TableCopy, ...]
    warnings: tuple[str, ...]

    def copied(self, table: str) -> int:
        """Return how many rows of ``table`` were copied."""
        return sum(t.copied for t in self.tables if t.table == table)

    def already(self, table: str) -> int:
        """Return how many rows of ``table`` the target held already (skipped or reused)."""
        return sum(t.already for t in self.tables if t.table == table)


def library_location(text: str) -> Path | str:
    """Return a library named on the command line: a checked URL, or a file (links followed).

    Raises:
        UsageError: a URL the app cannot use (another scheme, a password in it).
    """
    if is_url(text):
        return parse_server_url(text).text
    return resolve_library_path(text)[0]


def same_library(one: Path | str, other: Path | str) -> bool:
    """Return whether two locations name the same library (a file by any path)."""
    if isinstance(one, Path) and isinstance(other, Path):
        if one == other:
            return True
        try:
            return one.exists() and other.exists() and os.path.samefile(one, other)
        except OSError:
            return False
    return one == other


def copy_library(
    source: str, target: str, *, merge: bool = False, progress: Progress | None = None
) -> CopyOutcome:
    """Copy the library at ``source`` into the one at ``target`` (paths or URLs).

    ``progress`` is called as each table is copied (inside the transaction).

    Raises:
        UsageError: the same library twice, a missing source, a target that is not
            empty without ``merge``; nothing was written.
        LibraryError: either end is not a library, or at another schema (a server's
            message names ``briefing-app migrate``), or the copy failed: the target
            is as it was.
    """
    source_at, target_at = library_location(source), library_location(target)
    if same_library(source_at, target_at):
        raise UsageError(
            f"--from and --to name the same library ({target_at}): there is nothing to copy. "
            "Nothing was written."
        )
    reading = open_source(source_at)
    try:
        made = _files_to_make(target_at)
        writing: Store | None = None
        try:
            writing = Store.open(target_at)
            tables = tuple(writing.write(_filling(reading, target_at, merge, progress)))
        except BaseException:
            if writing is not None:
                writing.close()
            for path in made:  # a file made for the copy is not left behind
                path.unlink(missing_ok=True)
            raise
        try:
            warnings = _mirrored(writing, only_missing=merge)
        finally:
            writing.close()
    finally:
        reading.close()
    return CopyOutcome(reading.location, writing.location, tables, warnings)


def _files_to_make(target_at: Path | str) -> list[Path]:
    """Return the files that making a library file at ``target_at`` would add (none: it exists)."""
    if not isinstance(target_at, Path) or os.path.lexists(target_at):
        return []
    return [path for path in side_files(target_at) if not os.path.lexists(path)]


def _filling(
    reading: Store, target_at: Path | str, merge: bool, progress: Progress | None
) -> Callable[[Connection], list[TableCopy]]:
    """Return the change that copies ``reading`` into the target, in its one transaction."""

    def fill(connection: Connection) -> list[TableCopy]:
        if not merge:
            filled = sorted(filled_tables(connection), key=lambda label: label != "documents")
            if filled:
                raise UsageError(
                    f"{target_at} is not empty (it holds {', '.join(filled[:3])}): a copy fills "
                    "an empty library only. Give --merge to add the documents it lacks "
                    "(matched by their sha256) with their claims, filings and notes. "
                    "Nothing was written."
                )
        return reading.read(copy_rows, connection, keep_ids=not merge, progress=progress)

    return fill


def _mirrored(store: Store, *, only_missing: bool) -> tuple[str, ...]:
    """Write the notes mirror of a library file for its claims with notes; return warnings.

    ``only_missing``: only the claims that have no mirror file yet (the copied ones,
    after a merge). A team library has no mirror.
    """
    mirror = NotesMirror(store.path)
    if not mirror.enabled:
        return ()
    noted = store.read(claims_with_live_notes)
    if only_missing:
        noted = [claim_id for claim_id in noted if not mirror.path_for(claim_id).exists()]
    for start in range(0, len(noted), MIRROR_PAGE):
        page = noted[start : start + MIRROR_PAGE]
        by_claim = store.read(notes.notes_for_many, page)
        for claim in store.read(claims.load_claims, page):
            mirror.write(claim, by_claim.get(claim.id, []))
            if mirror.last_error:
                return (mirror.last_error,)
    return ()
