"""``Library``: the use cases of the app over one library file."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from briefing_app.bundled import bundled_briefings
from briefing_app.domain.corrections import Correction, Snapshot
from briefing_app.domain.credibility import check_credibility, check_reliability
from briefing_app.domain.errors import LibraryError, NotFoundError, UsageError
from briefing_app.domain.library import (
    Claim,
    ClaimFilter,
    ClaimTheme,
    DocumentInfo,
    DocumentListing,
    DocumentText,
    ImportResult,
    Note,
    NoteRevision,
    SavedSearch,
    SearchHit,
    SearchMatches,
    SearchResult,
    Theme,
    ThemeCount,
)
from briefing_app.domain.query import Query
from briefing_app.ingest.themes import default_themes
from briefing_app.search.highlight import Marks
from briefing_app.search.parser import parse_query
from briefing_app.search.scope import view_clauses
from briefing_app.services.notes_mirror import NotesMirror
from briefing_app.store import (
    claims,
    corrections,
    documents,
    grading,
    notes,
    saved_searches,
    themes,
)
from briefing_app.store.search.engine import DOCUMENT_ORDER, SearchOutcome
from briefing_app.store.store import Store
from briefing_app.store.watch import ChangeWatcher

Progress = Callable[[int, int, str], None]
T = TypeVar("T")
# A saved search lists at most this many claims (its count says so).
SAVED_SEARCH_LIMIT = 10_000
EVERY_CLAIM = 2**62  # a limit no library reaches


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


def readable_name(path: Path) -> str:
    """Return a file's name as text; bytes of a name that are not UTF-8 become U+FFFD."""
    return os.fsencode(path.name).decode("utf-8", "replace")


def _found(value: T | None, missing: str) -> T:
    """Return ``value``, or raise NotFoundError saying what is ``missing``."""
    if value is None:
        raise NotFoundError(missing)
    return value


def _one(values: Sequence[T], missing: str) -> T:
    return _found(values[0] if values else None, missing)


def _sync_themes(store: Store) -> None:
    """Bring the stored taxonomy in step with the bundled one (usually: nothing to write)."""
    taxonomy = default_themes()
    stored = {theme.key: theme for theme in store.read(themes.themes)}
    if any(stored.get(theme.key) != theme for theme in taxonomy):
        store.write(themes.sync_themes, taxonomy)


class Library:
    """One open library: import, browse, search, annotate, export."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.mirror = NotesMirror(store.path)
        # Tells when another window or process changed the library (live refresh).
        self.watcher = ChangeWatcher(store.path)
        # Problems worth telling the user that did not stop the library opening.
        self.warnings: list[str] = []

    @classmethod
    def open(
        cls, path: Path, *, create_folder: bool = False, seed: bool = False, backup: bool = True
    ) -> Library:
        """Open the library at ``path``; a missing file is a first run.

        On a first run the bundled briefing(s) are imported when ``seed`` is
        true. An existing file is never treated as a first run, even if empty.
        Today's backup is taken unless ``backup`` is false: the window takes it
        in the background with :meth:`take_daily_backup` once it is showing.
        """
        first_run = not path.exists()
        if first_run and create_folder:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise LibraryError(f"Cannot create {path.parent}: {error.strerror}.") from error
        store = Store.open(path)
        library = cls(store)
        if not first_run and backup:
            library.warnings.extend(library.take_daily_backup())
        _sync_themes(store)
        if first_run and seed:
            library.import_files(bundled_briefings())
        return library

    def take_daily_backup(self) -> list[str]:
        """Take today's backup if none was taken; return warnings (empty when all went well)."""
        from briefing_app.services.backups import daily_backup  # after the first paint

        try:
            daily_backup(self.path)
        except LibraryError as error:
            return [f"Today's backup was not made: {error}"]
        return []

    @property
    def path(self) -> Path:
        """Return the library file's path."""
        return self._store.path

    def close(self) -> None:
        """Release the database."""
        self.watcher.close()
        self._store.close()

    # import
    def import_files(
        self,
        paths: Sequence[Path],
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[ImportResult]:
        """Import briefings of any format (text, web page, PDF, Word, e-mail), all or none.

        Every file is read and parsed before any is written, and all are written in one
        transaction, so a bad file, a failed write or a cancel (``cancelled()`` is asked
        between files, pages and saves) stores nothing.
        """
        from briefing_app.services.importing import parse_file, store_parsed  # not at start-up

        parsed = [
            parse_file(path, readable_name(path), (number, len(paths)), progress, cancelled)
            for number, path in enumerate(paths, start=1)
        ]
        return store_parsed(self._store, parsed, progress, cancelled)

    def import_text(
        self, content: str, kind: str = "text", name: str = "clipboard", plain: str | None = None
    ) -> ImportResult:
        """Import one briefing given as text or as HTML (``kind``), e.g. from the clipboard.

        HTML without an article falls back to ``plain`` (the same content as text).
        """
        from briefing_app.services.importing import parse_pasted, store_parsed

        return store_parsed(self._store, [parse_pasted(content, kind, name, plain)])[0]

    # browsing
    def themes(self) -> list[Theme]:
        """Return the taxonomy in its order."""
        return self._store.read(themes.themes)

    def theme_counts(self) -> list[ThemeCount]:
        """Return each theme with the number of claims filed under it."""
        return self._store.read(themes.theme_counts)

    def count(self, claim_filter: ClaimFilter | None = None) -> int:
        """Return how many claims a view holds (a saved search: up to SAVED_SEARCH_LIMIT)."""
        return self._store.count(view_clauses(claim_filter or ClaimFilter()), SAVED_SEARCH_LIMIT)

    def claim_ids(self, claim_filter: ClaimFilter | None = None) -> list[int]:
        """Return the ids of a view's claims in document order.

        A saved search lists its first SAVED_SEARCH_LIMIT matches.
        """
        within = view_clauses(claim_filter or ClaimFilter())
        limit = SAVED_SEARCH_LIMIT if (claim_filter and claim_filter.query) else EVERY_CLAIM
        return list(self._store.find(Query(()), within, limit=limit, order=DOCUMENT_ORDER).ids)

    def claim_id_page(
        self, claim_filter: ClaimFilter, after: int | None, limit: int
    ) -> Sequence[int]:
        """Return the next ``limit`` ids of a view after claim ``after`` (None: from the start).

        For lists read a page at a time, in document order.
        """
        within = view_clauses(claim_filter)
        return self._store.find(Query(()), within, limit=limit, after=after).ids

    def claims(self, ids: Sequence[int]) -> list[Claim]:
        """Return these claims with their annotations."""
        return self._store.read(claims.load_claims, ids)

    def claim(self, claim_id: int) -> Claim:
        """Return one claim."""
        return _one(self.claims([claim_id]), f"There is no claim {claim_id} in this library.")

    def documents(self) -> list[DocumentInfo]:
        """Return every document."""
        return self._store.read(documents.documents)

    def document_text(self, document_id: int) -> DocumentText:
        """Return a document's text and paragraphs."""
        found = self._store.read(documents.document_text, document_id)
        return _found(found, f"There is no document {document_id} in this library.")

    # analyst choices
    def file_under(self, claim_id: int, theme_key: str, *, primary: bool = True) -> None:
        """File a claim under a theme as the analyst's choice."""
        self._store.write(
            claims.on_claim, claim_id, themes.file_under, theme_key, primary=primary, why="analyst"
        )

    def move_to_theme(self, claim_id: int, theme_key: str) -> None:
        """Make a theme the claim's only theme, as the analyst's choice."""
        self._store.write(claims.on_claim, claim_id, themes.move_to, theme_key, why="analyst")

    def unfile(self, claim_id: int, theme_key: str) -> None:
        """Remove a claim from a theme."""
        self._store.write(themes.unfile, claim_id, theme_key)

    def restore_filings(self, claim_id: int, filings: Sequence[ClaimTheme]) -> None:
        """Put back a claim's earlier filings (undo)."""
        self._store.write(themes.restore_filings, claim_id, filings)

    def set_grading(self, claim_id: int, reliability: str, credibility: int) -> None:
        """Grade a claim on the Admiralty scale."""
        try:
            grade, cred = check_reliability(reliability), check_credibility(credibility)
        except ValueError as error:
            raise UsageError(str(error)) from error
        self._store.write(claims.on_claim, claim_id, grading.set_grading, grade, cred)

    def override_reliability(self, claim_id: int, reliability: str | None) -> None:
        """Grade one claim's reliability on its own (None: its source's grade applies)."""
        try:
            grade = None if reliability is None else check_reliability(reliability)
        except ValueError as error:
            raise UsageError(str(error)) from error
        self._store.write(grading.override_reliability, claim_id, grade)

    # corrections (each returns what undo needs)
    def dismiss_claim(self, claim_id: int, dismissed: bool = True) -> Correction:
        """Mark a claim "not a claim" (it leaves the claim views), or show it again."""
        before = self._store.write(corrections.dismiss, claim_id, dismissed)
        return Correction(before, claim_id=claim_id)

    def split_claim(self, claim_id: int, at: int) -> Correction:
        """Cut a claim in two at document offset ``at`` (notes stay on the first part)."""
        made, before = self._store.write(corrections.split, claim_id, at)
        return Correction(before, (made,), claim_id)

    def merge_with_next(self, claim_id: int) -> Correction:
        """Join a claim with the next one of its document (both claims' notes are kept)."""
        _gone, before = self._store.write(corrections.merge_with_next, claim_id)
        return Correction(before, (), claim_id)

    def claim_from_passage(self, document_id: int, start: int, end: int) -> Correction:
        """Make a claim of a passage selected in the article."""
        made = self._store.write(corrections.claim_from_passage, document_id, start, end)
        return Correction(Snapshot((), (), (), (), (), ()), (made,), made)

    def undo_correction(self, correction: Correction) -> None:
        """Put back what a correction changed, exactly (ids, filings, mentions, notes)."""
        self._store.write(corrections.restore, correction.before, correction.made)

    def note_on_passage(self, document_id: int, start: int, end: int, body: str) -> Note:
        """Attach a note to a passage: on the claim holding it, else on a claim made of it."""
        text = checked_text(body)
        if not text.strip():
            raise UsageError("A note needs some text.")
        note = self._store.write(notes.add_passage_note, document_id, start, end, text)
        return self._mirrored(note)

    # notes
    def notes(self, claim_id: int) -> list[Note]:
        """Return a claim's live notes."""
        return self._store.read(notes.notes_for, claim_id)

    def add_note(self, claim_id: int, body: str) -> Note:
        """Add a note to a claim; returns once it is durably committed."""
        if not body.strip():
            raise UsageError("A note needs some text.")
        text = checked_text(body)
        return self._mirrored(self._store.write(claims.on_claim, claim_id, notes.add_note, text))

    def update_note(self, note_id: int, body: str) -> Note:
        """Change a note's text (the old text is kept as a revision)."""
        changed = self._store.write(notes.update_note, note_id, checked_text(body))
        return self._mirrored(_found(changed, f"There is no note {note_id} in this library."))

    def delete_note(self, note_id: int) -> Note:
        """Delete a note softly (it can be restored)."""
        return self._set_deleted(note_id, True)

    def restore_note(self, note_id: int) -> Note:
        """Bring back a deleted note."""
        return self._set_deleted(note_id, False)

    def _set_deleted(self, note_id: int, deleted: bool) -> Note:
        changed = self._store.write(notes.set_deleted, note_id, deleted)
        return self._mirrored(_found(changed, f"There is no note {note_id} in this library."))

    def restore_revision(self, note_id: int, revision_id: int) -> Note:
        """Make an earlier text the note's text again (the current one becomes a revision)."""
        revision = next((r for r in self.revisions(note_id) if r.id == revision_id), None)
        if revision is None:
            raise NotFoundError(f"Note {note_id} has no revision {revision_id}.")
        return self.update_note(note_id, revision.body)

    def note(self, note_id: int) -> Note:
        """Return one note, deleted or not."""
        found = self._store.read(notes.note, note_id)
        return _found(found, f"There is no note {note_id} in this library.")

    def _mirrored(self, note: Note) -> Note:
        self.mirror.write(self.claim(note.claim_id), self.notes(note.claim_id))
        return note

    def deleted_notes(self) -> list[Note]:
        """Return deleted notes, most recent first."""
        return self._store.read(notes.deleted_notes)

    def revisions(self, note_id: int) -> list[NoteRevision]:
        """Return a note's earlier texts, newest first."""
        return self._store.read(notes.revisions, note_id)

    def notes_for_many(self, claim_ids: list[int]) -> dict[int, list[Note]]:
        """Return the live notes of many claims."""
        return self._store.read(notes.notes_for_many, claim_ids)

    def note_page(self, claim_id: int, after: int | None, limit: int) -> list[Note]:
        """Return up to ``limit`` live notes of a claim after note ``after``, oldest first.

        For reading a claim with very many notes a page at a time (the export).
        """
        return self._store.read(notes.note_page, claim_id, after, limit)

    # search
    def search(
        self, query: str, limit: int = 500, claim_filter: ClaimFilter | None = None
    ) -> SearchResult:
        """Return the claims matching ``query`` in a view, best first; never raises for odd input.

        A claim matched only through one of its notes says so, and its snippet
        is that note's text.
        """
        outcome = self._find(query, claim_filter, limit)
        found = {c.id: c for c in self.claims(outcome.ids)}
        hits = tuple(
            SearchHit(found[i], outcome.snippets.get(i, found[i].text), i in outcome.notes)
            for i in outcome.ids
            if i in found
        )
        return SearchResult(query, hits, outcome.total, outcome.hints)

    def search_ids(
        self, query: str, limit: int = 10_000, claim_filter: ClaimFilter | None = None
    ) -> SearchMatches:
        """Return the ids matching ``query`` in a view, best first (one read of the store)."""
        outcome = self._find(query, claim_filter, limit)
        return SearchMatches(
            query, tuple(outcome.ids), frozenset(outcome.notes), outcome.total, outcome.hints
        )

    def _find(self, query: str, claim_filter: ClaimFilter | None, limit: int) -> SearchOutcome:
        parsed = parse_query(query)
        if parsed.is_empty:
            return SearchOutcome((), 0, False, parsed.hints, ())
        within = view_clauses(claim_filter or ClaimFilter())
        return self._store.find(parsed, within, limit=limit)

    def highlight(self, text: str, query: str) -> list[tuple[int, int]]:
        """Return the code-point spans of ``text`` that the query's words match."""
        return Marks(query).spans(text)

    # saved searches
    def saved_searches(self) -> list[SavedSearch]:
        """Return the saved searches by name."""
        return self._store.read(saved_searches.saved_searches)

    def save_search(self, name: str, query: str) -> SavedSearch:
        """Save a query under a name (a search of that name gets the new query)."""
        if not name.strip():
            raise UsageError("A saved search needs a name.")
        return self._store.write(saved_searches.save, name.strip(), query)

    def rename_search(self, search_id: int, name: str) -> SavedSearch:
        """Rename a saved search."""
        if not name.strip():
            raise UsageError("A saved search needs a name.")
        return _found(
            self._store.write(saved_searches.rename, search_id, name.strip()),
            f"There is no saved search {search_id}.",
        )

    def delete_search(self, search_id: int) -> SavedSearch:
        """Delete a saved search; returns it, so that it can be saved again (undo)."""
        return _found(
            self._store.write(saved_searches.delete, search_id),
            f"There is no saved search {search_id}.",
        )

    def integrity_check(self) -> str:
        """Return SQLite's verdict on the file ("ok")."""
        return self._store.integrity_check()

    # briefings
    def document_page(
        self, order: str, text: str, after: int | None, limit: int
    ) -> list[DocumentListing]:
        """Return the next ``limit`` rows of the Briefings list after document ``after``.

        ``order`` is ``NEWEST_FIRST`` or ``BY_OUTLET``; ``text`` keeps the documents
        whose title or outlet holds its words. None: from the start.
        """
        return self._store.read(documents.document_page, order, text, after, limit)

    def document_listings(self, document_ids: Sequence[int]) -> list[DocumentListing]:
        """Return these documents as rows of the Briefings list, in the order given."""
        return self._store.read(documents.document_listings, document_ids)

    def document_count(self) -> int:
        """Return how many documents the library holds."""
        return self._store.read(documents.document_count)

    def mark_opened(self, document_id: int) -> bool:
        """Record that a document's claims were shown; True the first time (it was unread)."""
        return self._store.write(documents.mark_opened, document_id)
