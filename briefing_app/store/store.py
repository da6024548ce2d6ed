"""``Store``: every read and write of the library goes through it.

Each method uses one short connection and hands back plain domain values, so
no caller ever holds a connection, a session or an ORM object. Reads are plain
SQL over ``sqlite3``; writes go through the ORM, whose modules are imported on
the first write, so opening a library and showing its first page never pays
for importing SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_app.domain.errors import NotFoundError, UsageError
from briefing_app.domain.library import (
    Claim,
    ClaimTheme,
    DocumentInfo,
    DocumentText,
    Note,
    NoteRevision,
    SavedSearch,
    Theme,
    ThemeCount,
)
from briefing_app.domain.query import Clause, Query
from briefing_app.store import claim_reads, document_reads, documents, note_reads
from briefing_app.store.access_lock import shared_access
from briefing_app.store.backup import TABLES_ONLY, consistent_copy
from briefing_app.store.connection import connect, reading
from briefing_app.store.database import (
    HEAD_REVISION,
    check_writable,
    inspect_file,
    new_library_id,
)
from briefing_app.store.errors import translated_errors
from briefing_app.store.search.engine import (
    RELEVANCE,
    SearchOutcome,
    count_claims,
    find_claims,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from briefing_app.domain.parsed import ParsedDocument


class Store:
    """The library database at one path."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.finds = 0  # how many lists were read: one per keystroke (see make bench)

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open (or create, if missing) the library at ``path``, upgrading its schema.

        Raises:
            LibraryError: the file is not ours, newer, damaged or not writable;
                the file is left untouched.
        """
        path = path.expanduser().absolute()
        inspect_file(path)  # refuse a file that is not ours before making lock files beside it
        check_writable(path)
        with shared_access(path):
            revision = inspect_file(path)  # again: a restore may have replaced it meanwhile
            if revision != HEAD_REVISION:
                if revision is not None:
                    backup_before_upgrade(path, revision)
                with translated_errors(path=path):
                    from briefing_app.store.migrate import upgrade

                    upgrade(path)
            store = cls(path)
            store._ensure_library_id()
        return store

    def _ensure_library_id(self) -> None:
        """Give a library its id (kept in the file's header, so its backups carry it too)."""
        with self._reading() as connection:
            if connection.execute("PRAGMA user_version").fetchone()[0]:
                return
        with translated_errors(path=self.path), closing(connect(self.path)) as connection:
            connection.execute(f"PRAGMA user_version={new_library_id()}")

    def library_id(self) -> int:
        """Return the library's id (backups of this library carry the same)."""
        with self._reading() as connection:
            return int(connection.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        """Release the database connections (the ORM's, if a write made any)."""
        if "_engine" in self.__dict__:
            self._engine.dispose()

    @cached_property
    def _engine(self) -> Engine:
        from briefing_app.store.engine import create_library_engine

        return create_library_engine(self.path)

    def prepare_writes(self) -> None:
        """Import the ORM and build the engine now, so that the first write is quick."""
        from briefing_app.store import claims, notes, saved_searches  # noqa: F401

        self._engine  # noqa: B018 - built on first use

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with translated_errors(path=self.path), reading(self.path) as connection:
            yield connection

    @contextmanager
    def _writing_sql(self) -> Iterator[sqlite3.Connection]:
        """Yield a connection inside an IMMEDIATE transaction, committed if all goes well."""
        with translated_errors(path=self.path), closing(connect(self.path)) as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        from sqlalchemy.exc import DBAPIError
        from sqlalchemy.orm import Session

        with translated_errors(DBAPIError, path=self.path), self._engine.connect() as connection:
            connection.execution_options(immediate=True)
            with Session(bind=connection, expire_on_commit=False) as session:
                yield session
                session.commit()

    def _require_claim(self, session: Session, claim_id: int) -> None:
        driver = session.connection().connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        if not claim_reads.claim_exists(driver, claim_id):
            raise NotFoundError(f"There is no claim {claim_id} in this library.")

    # documents
    def find_document(self, sha256: str) -> DocumentInfo | None:
        """Return the document with this text hash, if any."""
        with self._reading() as connection:
            return document_reads.find_by_sha(connection, sha256)

    def add_documents(
        self, parsed: Sequence[ParsedDocument], saved: Callable[[int], None] | None = None
    ) -> list[tuple[int, bool]]:
        """Store parsed documents in one transaction: all of them, or none if one fails.

        Returns (id, already_present) for each; ``saved(n)`` is called after the n-th.
        One commit (one sync to disk) for the whole import, not one per document.
        """
        results: list[tuple[int, bool]] = []
        with self._writing_sql() as connection:
            for number, document in enumerate(parsed, start=1):
                existing = documents.find_by_sha(connection, document.sha256)
                if existing is not None:
                    results.append((existing, True))
                else:
                    results.append((documents.add_document(connection, document), False))
                if saved is not None:
                    saved(number)
        return results

    def documents(self) -> list[DocumentInfo]:
        """Return every document in import order."""
        with self._reading() as connection:
            return document_reads.documents(connection)

    def document_text(self, document_id: int) -> DocumentText:
        """Return a document's text and paragraphs."""
        with self._reading() as connection:
            found = document_reads.document_text(connection, document_id)
        if found is None:
            raise NotFoundError(f"There is no document {document_id} in this library.")
        return found

    # themes and claims
    def sync_themes(self, taxonomy: Sequence[Theme]) -> None:
        """Bring the stored taxonomy in step with the bundled one."""
        with self._reading() as connection:
            stored = {theme.key: theme for theme in claim_reads.themes(connection)}
        if all(stored.get(theme.key) == theme for theme in taxonomy):
            return  # the usual case: nothing to write, no ORM to import
        from briefing_app.store import claims

        with self._writing() as session:
            claims.sync_themes(session, taxonomy)

    def themes(self) -> list[Theme]:
        """Return the taxonomy in its order."""
        with self._reading() as connection:
            return claim_reads.themes(connection)

    def theme_counts(self) -> list[ThemeCount]:
        """Return each theme with its claim count."""
        with self._reading() as connection:
            return claim_reads.theme_counts(connection)

    def find(
        self,
        query: Query,
        within: Sequence[Clause] = (),
        *,
        limit: int,
        offset: int = 0,
        after: int | None = None,
        order: str = RELEVANCE,
    ) -> SearchOutcome:
        """Return a page of the claims matching ``query`` in the view ``within`` (one read).

        See :func:`briefing_app.store.search.engine.find_claims`.
        """
        self.finds += 1
        with self._reading() as connection:
            return find_claims(
                connection, query, within, limit=limit, offset=offset, after=after, order=order
            )

    def count(self, within: Sequence[Clause], cap: int) -> int:
        """Return how many claims a view holds (one with words: up to ``cap``)."""
        with self._reading() as connection:
            return count_claims(connection, within, cap)

    def claims(self, ids: Sequence[int]) -> list[Claim]:
        """Return these claims with their annotations, in the given order."""
        with self._reading() as connection:
            return claim_reads.load_claims(connection, ids)

    def claim(self, claim_id: int) -> Claim:
        """Return one claim."""
        found = self.claims([claim_id])
        if not found:
            raise NotFoundError(f"There is no claim {claim_id} in this library.")
        return found[0]

    def file_under(self, claim_id: int, theme_key: str, *, primary: bool, why: str) -> None:
        """File a claim under a theme as the analyst's choice."""
        from briefing_app.store import claims

        with self._writing() as session:
            self._require_claim(session, claim_id)
            try:
                claims.file_under(session, claim_id, theme_key, primary=primary, why=why)
            except KeyError as error:
                raise NotFoundError(f"There is no theme {theme_key!r}.") from error

    def move_to(self, claim_id: int, theme_key: str, *, why: str) -> None:
        """Make a theme the claim's only theme, in one transaction."""
        from briefing_app.store import claims

        with self._writing() as session:
            self._require_claim(session, claim_id)
            try:
                claims.move_to(session, claim_id, theme_key, why)
            except KeyError as error:
                raise NotFoundError(f"There is no theme {theme_key!r}.") from error

    def unfile(self, claim_id: int, theme_key: str) -> None:
        """Remove a claim from a theme."""
        from briefing_app.store import claims

        with self._writing() as session:
            claims.unfile(session, claim_id, theme_key)

    def restore_filings(self, claim_id: int, filings: Sequence[ClaimTheme]) -> None:
        """Put back exactly these filings of a claim."""
        from briefing_app.store import claims

        with self._writing() as session:
            claims.restore_filings(session, claim_id, filings)

    def set_grading(self, claim_id: int, reliability: str, credibility: int) -> None:
        """Store a claim's Admiralty grading."""
        from briefing_app.store import claims

        with self._writing() as session:
            self._require_claim(session, claim_id)
            claims.set_grading(session, claim_id, reliability, credibility)

    # notes
    def notes(self, claim_id: int) -> list[Note]:
        """Return a claim's live notes, oldest first."""
        with self._reading() as connection:
            return note_reads.notes_for(connection, claim_id)

    def notes_for_many(self, claim_ids: list[int]) -> dict[int, list[Note]]:
        """Return the live notes of many claims."""
        with self._reading() as connection:
            return note_reads.notes_for_many(connection, claim_ids)

    def note_page(self, claim_id: int, after: int | None, limit: int) -> list[Note]:
        """Return up to ``limit`` live notes of a claim after note ``after`` (None: the first)."""
        with self._reading() as connection:
            return note_reads.note_page(connection, claim_id, after, limit)

    def deleted_notes(self) -> list[Note]:
        """Return soft-deleted notes, most recent first."""
        with self._reading() as connection:
            return note_reads.deleted_notes(connection)

    def add_note(self, claim_id: int, body: str) -> Note:
        """Create a note on a claim (committed with full sync before returning)."""
        from briefing_app.store import notes

        with self._writing() as session:
            self._require_claim(session, claim_id)
            return notes.add_note(session, claim_id, body)

    def update_note(self, note_id: int, body: str) -> Note:
        """Change a note's text, keeping the old text as a revision."""
        from briefing_app.store import notes

        with self._writing() as session:
            note = notes.update_note(session, note_id, body)
        if note is None:
            raise NotFoundError(f"There is no note {note_id} in this library.")
        return note

    def set_note_deleted(self, note_id: int, deleted: bool) -> Note:
        """Soft-delete or restore a note."""
        from briefing_app.store import notes

        with self._writing() as session:
            note = notes.set_deleted(session, note_id, deleted)
        if note is None:
            raise NotFoundError(f"There is no note {note_id} in this library.")
        return note

    def note(self, note_id: int) -> Note:
        """Return one note, deleted or not."""
        with self._reading() as connection:
            note = note_reads.note(connection, note_id)
        if note is None:
            raise NotFoundError(f"There is no note {note_id} in this library.")
        return note

    def revisions(self, note_id: int) -> list[NoteRevision]:
        """Return a note's earlier texts, newest first."""
        with self._reading() as connection:
            return note_reads.revisions(connection, note_id)

    # saved searches
    def saved_searches(self) -> list[SavedSearch]:
        """Return the saved searches by name."""
        with self._reading() as connection:
            return document_reads.saved_searches(connection)

    def save_search(self, name: str, query: str) -> SavedSearch:
        """Save a query under a name."""
        from briefing_app.store import saved_searches

        with self._writing() as session:
            return saved_searches.save(session, name, query)

    def rename_search(self, search_id: int, name: str) -> SavedSearch:
        """Rename a saved search."""
        from briefing_app.store import saved_searches

        with self._writing() as session:
            if saved_searches.find_by_name(session, name) is not None:
                raise UsageError(f"A saved search is already called {name!r}.")
            found = saved_searches.rename(session, search_id, name)
        if found is None:
            raise NotFoundError(f"There is no saved search {search_id}.")
        return found

    def delete_search(self, search_id: int) -> SavedSearch:
        """Delete a saved search."""
        from briefing_app.store import saved_searches

        with self._writing() as session:
            found = saved_searches.delete(session, search_id)
        if found is None:
            raise NotFoundError(f"There is no saved search {search_id}.")
        return found

    def integrity_check(self) -> str:
        """Return SQLite's integrity verdict ("ok" when sound)."""
        with self._reading() as connection:
            return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


def backup_before_upgrade(path: Path, revision: str) -> Path:
    """Copy the library aside before a migration; return the copy's path."""
    folder = backup_folder(path)
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return consistent_copy(path, folder / f"{path.stem}-{stamp}-before-{revision}.db", TABLES_ONLY)


def backup_folder(path: Path) -> Path:
    """Return the folder that keeps a library's backups (beside the file)."""
    return path.parent / "backups"
