"""``Library``: the use cases of the app over one library (a file, or a team library).

A team library lives on a PostgreSQL server (``Library.open("postgresql://...")``):
the same use cases, with none of a file's own (today's backup, the notes mirror
beside the file, the change watcher's ``data_version``); see :attr:`Library.path`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from briefing_app.bundled import bundled_briefings
from briefing_app.domain.errors import LibraryError
from briefing_app.domain.library import (
    Claim,
    ClaimFilter,
    DocumentInfo,
    DocumentText,
    ImportResult,
    SearchHit,
    SearchMatches,
    SearchResult,
    Theme,
    ThemeCount,
)
from briefing_app.domain.query import Query
from briefing_app.ingest.taxonomy import default_themes
from briefing_app.search.highlight import Marks
from briefing_app.search.parser import parse_query
from briefing_app.search.scope import view_clauses
from briefing_app.services.analyst import analyst_name
from briefing_app.services.analyst_edits import AnalystEditUseCases
from briefing_app.services.briefing_use_cases import BriefingUseCases
from briefing_app.services.checks import must_exist, readable_name, the_only
from briefing_app.services.note_use_cases import NoteUseCases
from briefing_app.services.notes_mirror import NotesMirror
from briefing_app.store import (
    claims,
    documents,
    themes,
)
from briefing_app.store.search.engine import DOCUMENT_ORDER, SearchOutcome
from briefing_app.store.store import Store, is_server_location

Progress = Callable[[int, int, str], None]
T = TypeVar("T")
# A saved search lists at most this many claims (its count says so).
SAVED_SEARCH_LIMIT = 10_000
EVERY_CLAIM = 2**62  # a limit no library reaches


@dataclass(frozen=True, slots=True)
class ViewIds:
    """Claim ids of a view (or one page of it), and how many documents the view spans.

    ``documents`` is counted up to 2 ("more than one"); None when a page cannot tell.
    """

    ids: Sequence[int]
    documents: int | None


@dataclass(frozen=True, slots=True)
class ViewMatches:
    """What a query found in a view, and how many documents the matches span (up to 2)."""

    matches: SearchMatches
    documents: int | None


def _sync_themes(store: Store) -> None:
    """Bring the stored taxonomy in step with the bundled one (usually: nothing to write)."""
    taxonomy = default_themes()
    stored = {theme.key: theme for theme in store.read(themes.themes)}
    if any(stored.get(theme.key) != theme for theme in taxonomy):
        store.write(themes.sync_themes, taxonomy)


class Library(AnalystEditUseCases, NoteUseCases, BriefingUseCases):
    """One open library: import, browse, search, annotate, export."""

    def __init__(self, store: Store, analyst: str | None = None) -> None:
        self._store = store
        # Who notes, filings, grades and imports are recorded as (see services.analyst).
        self.analyst = analyst_name(analyst, store.role())
        # A file's notes are mirrored beside it; a server's are not (None: no mirror).
        self.mirror = NotesMirror(store.path)
        # Tells when another window or process changed the library (live refresh).
        self.watcher = store.watcher()
        # Problems worth telling the user that did not stop the library opening.
        self.warnings: list[str] = []

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        create_folder: bool = False,
        seed: bool = False,
        backup: bool = True,
        analyst: str | None = None,
    ) -> Library:
        """Open the library at ``path`` (a file, or a ``postgresql://`` URL).

        A missing file is a first run: the bundled briefing(s) are imported when
        ``seed`` is true. An existing file is never treated as a first run, even if
        empty. Today's backup is taken unless ``backup`` is false: the window takes it
        in the background with :meth:`take_daily_backup` once it is showing.

        A team library must exist at this version's schema (its owner runs
        ``briefing-app migrate``); it is never seeded, and backed up by its server's
        administrator, not by the app. ``analyst`` is who this library's user is
        recorded as (see :mod:`briefing_app.services.analyst`).
        """
        if is_server_location(path):
            library = cls(Store.open(path), analyst)
            try:
                _sync_themes(library._store)
            except BaseException:
                library.close()
                raise
            return library
        path = Path(path)
        first_run = not path.exists()
        if first_run and create_folder:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise LibraryError(f"Cannot create {path.parent}: {error.strerror}.") from error
        store = Store.open(path)
        library = cls(store, analyst)
        if not first_run and backup:
            library.warnings.extend(library.take_daily_backup())
        _sync_themes(store)
        if first_run and seed:
            library.import_files(bundled_briefings())
        return library

    def take_daily_backup(self) -> list[str]:
        """Take today's backup if none was taken; return warnings (empty when all went well).

        A team library is backed up by its server's administrator: nothing to do here.
        """
        from briefing_app.services.backups import daily_backup  # after the first paint

        if self.file is None:
            return []
        try:
            daily_backup(self.file)
        except LibraryError as error:
            return [f"Today's backup was not made: {error}"]
        return []

    @property
    def path(self) -> Path:
        """Return the library file's path.

        Raises:
            UsageError: the library is on a server: backups, restore, check and the
                notes mirror are for library files.
        """
        path = self._store.path
        if path is None:
            from briefing_app.store.server import files_only

            raise files_only("This", self._store.location)
        return path

    @property
    def file(self) -> Path | None:
        """Return the library file's path, or None for a team library on a server."""
        return self._store.path

    @property
    def location(self) -> str:
        """Return the library's path or URL, as messages show it."""
        return self._store.location

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
        return store_parsed(self._store, parsed, progress, cancelled, self.analyst)

    def import_text(
        self, content: str, kind: str = "text", name: str = "clipboard", plain: str | None = None
    ) -> ImportResult:
        """Import one briefing given as text or as HTML (``kind``), e.g. from the clipboard.

        HTML without an article falls back to ``plain`` (the same content as text).
        """
        from briefing_app.services.importing import parse_pasted, store_parsed

        pasted = [parse_pasted(content, kind, name, plain)]
        return store_parsed(self._store, pasted, analyst=self.analyst)[0]

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
        return list(self.view_ids(claim_filter).ids)

    def view_ids(self, claim_filter: ClaimFilter | None = None) -> ViewIds:
        """Return :meth:`claim_ids` and how many documents they come from (one read)."""
        within = view_clauses(claim_filter or ClaimFilter())
        limit = SAVED_SEARCH_LIMIT if (claim_filter and claim_filter.query) else EVERY_CLAIM
        found = self._store.find(Query(()), within, limit=limit, order=DOCUMENT_ORDER)
        return ViewIds(found.ids, found.documents)

    def claim_id_page(
        self, claim_filter: ClaimFilter, after: int | None, limit: int
    ) -> Sequence[int]:
        """Return the next ``limit`` ids of a view after claim ``after`` (None: from the start).

        For lists read a page at a time, in document order.
        """
        return self.view_page(claim_filter, after, limit).ids

    def view_page(self, claim_filter: ClaimFilter, after: int | None, limit: int) -> ViewIds:
        """Return :meth:`claim_id_page` and, on the first page, the documents the view spans."""
        within = view_clauses(claim_filter)
        found = self._store.find(Query(()), within, limit=limit, after=after)
        return ViewIds(found.ids, found.documents)

    def claims(self, ids: Sequence[int]) -> list[Claim]:
        """Return these claims with their annotations."""
        return self._store.read(claims.load_claims, ids)

    def claim(self, claim_id: int) -> Claim:
        """Return one claim."""
        return the_only(self.claims([claim_id]), f"There is no claim {claim_id} in this library.")

    def documents(self) -> list[DocumentInfo]:
        """Return every document."""
        return self._store.read(documents.documents)

    def document_text(self, document_id: int) -> DocumentText:
        """Return a document's text and paragraphs."""
        found = self._store.read(documents.document_text, document_id)
        return must_exist(found, f"There is no document {document_id} in this library.")

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
        return self.search_view(query, limit, claim_filter).matches

    def search_view(
        self, query: str, limit: int = 10_000, claim_filter: ClaimFilter | None = None
    ) -> ViewMatches:
        """Return :meth:`search_ids` and how many documents the matches span (one read)."""
        outcome = self._find(query, claim_filter, limit)
        matches = SearchMatches(
            query,
            tuple(outcome.ids),
            frozenset(outcome.notes),
            outcome.total,
            outcome.hints,
            outcome.ranked,
        )
        return ViewMatches(matches, outcome.documents)

    def _find(self, query: str, claim_filter: ClaimFilter | None, limit: int) -> SearchOutcome:
        parsed = parse_query(query)
        if parsed.is_empty:
            return SearchOutcome((), 0, False, parsed.hints, (), documents=0)
        within = view_clauses(claim_filter or ClaimFilter())
        return self._store.find(parsed, within, limit=limit)

    def highlight(self, text: str, query: str) -> list[tuple[int, int]]:
        """Return the code-point spans of ``text`` that the query's words match."""
        return Marks(query).spans(text)

    def integrity_check(self) -> str:
        """Return SQLite's verdict on the file ("ok")."""
        return self._store.integrity_check()
