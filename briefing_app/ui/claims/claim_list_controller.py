"""Combines the navigator's filter and the search query into the claims list.

Without a query the list is read a page at a time as it scrolls. A query runs
in the background: each change starts a new search, and the results of any
older one are dropped when they arrive, so a newer keystroke always wins and
the window never waits for a search.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal

from briefing_app.domain.errors import BriefingError
from briefing_app.domain.library import ClaimFilter
from briefing_app.services.library import Library
from briefing_app.ui.background import run_in_background
from briefing_app.ui.claims.claim_table_model import ClaimTableModel
from briefing_app.ui.claims.claim_table_view import ClaimTableView
from briefing_app.ui.navigator.theme_navigator import ThemeNavigator
from briefing_app.ui.search_box import SearchBox

SEARCH_LIMIT = 10_000


@dataclass(frozen=True, slots=True)
class ListedMatches:
    """What a search in the background found: claim ids in the selected view, and hints."""

    ids: list[int]
    hints: tuple[str, ...]
    error: str | None = None
    documents: int | None = None  # how many documents the ids span, up to 2 (None: unknown)
    ranked: bool = False  # most relevant first: no column's order


def empty_text(query: str, label: str, claim_filter: ClaimFilter) -> str:
    """Return what an empty list tells the user to do."""
    briefing = claim_filter.document_id is not None
    view = replace(claim_filter, document_id=None)
    if query.strip():
        where = "" if view == ClaimFilter() else f" in {label}"
        where += " of this briefing" if briefing else ""
        return f"No claims match “{query.strip()}”{where}. Esc clears the search."
    if briefing:
        return _empty_in_briefing(label, view)
    if claim_filter.with_notes:
        return "No notes yet. Select a claim and press n to write one."
    if claim_filter.hedged:
        return "No claim is worded with doubt."
    if claim_filter.unfiled:
        return "Every claim is filed under a theme."
    if claim_filter.theme is not None:
        return f"No claims filed under {label}. Select a claim and press its number to file it."
    return "The library is empty. Import a briefing with File ▸ Import briefings… (Ctrl+O)."


def _empty_in_briefing(label: str, view: ClaimFilter) -> str:
    """Return what an empty list of one briefing's claims says (``view``: the navigator's)."""
    if view.with_notes:
        return "No notes on this briefing's claims yet. Select a claim and press n to write one."
    if view.hedged:
        return "No claim of this briefing is worded with doubt."
    if view.unfiled:
        return "Every claim of this briefing is filed under a theme."
    if view.theme is not None:
        return f"No claims of this briefing are filed under {label}."
    if view == ClaimFilter():
        return "This briefing has no claims."
    return f"No claims of this briefing are in {label}."


def find_matches(library: Library, query: str, claim_filter: ClaimFilter) -> ListedMatches:
    """Return the claims matching ``query`` that the filter (and its saved query) selects.

    An expected failure (the library locked or damaged) comes back as ``error``.
    """
    try:
        return _matches(library, query, claim_filter)
    except BriefingError as error:
        return ListedMatches([], (), str(error))


def _matches(library: Library, query: str, claim_filter: ClaimFilter) -> ListedMatches:
    found = library.search_view(query, limit=SEARCH_LIMIT, claim_filter=claim_filter)
    matches = found.matches
    return ListedMatches(
        list(matches.ids), matches.hints, documents=found.documents, ranked=matches.ranked
    )


class ViewPages:
    """Reads a view's claim ids a page at a time; the first page tells its documents.

    ``documents``: how many documents the view spans, up to 2 (None: not known).
    """

    def __init__(self, library: Library, claim_filter: ClaimFilter) -> None:
        self._library, self._filter = library, claim_filter
        self.documents: int | None = None

    def __call__(self, after: int | None, limit: int) -> Sequence[int]:
        """Return the next ``limit`` ids after claim ``after`` (None: from the start)."""
        page = self._library.view_page(self._filter, after, limit)
        if after is None:
            self.documents = page.documents
        return page.ids


class ClaimListController(QObject):
    """Keeps the claims list in step with the navigator, the search box and the library."""

    error = Signal(str)
    # What the listed query could not use, when it changes ("": nothing to say any more).
    hints = Signal(str)
    listed = Signal()  # the list shows what the filter and the query ask for

    def __init__(
        self,
        library: Library,
        navigator: ThemeNavigator,
        search: SearchBox,
        view: ClaimTableView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library, self._navigator, self._search, self._view = (
            library,
            navigator,
            search,
            view,
        )
        self._generation = 0
        self._searching = False
        self._found: int | None = None
        self._document_id: int | None = None  # the briefing chosen, None: all of them
        self._to_top = False  # a new briefing starts at its first claim
        # What the list shows: the query, the filter and the query's hints.
        self._listed: tuple[str, ClaimFilter, tuple[str, ...]] | None = None
        self._documents: int | None = None  # how many documents the list spans (up to 2)
        navigator.filter_selected.connect(self._on_filter_selected)
        navigator.navigator_model().counts_changed.connect(self._show_count)
        search.query_changed.connect(self._on_query_changed)

    def searching(self) -> bool:
        """Return True while a search runs whose results the list will show."""
        return self._searching

    def current_filter(self) -> ClaimFilter:
        """Return what the list shows: the navigator's view, within the chosen briefing."""
        return replace(self._navigator.current_filter(), document_id=self._document_id)

    def set_document(self, document_id: int | None) -> None:
        """List the claims of one briefing only (None: of every briefing).

        The navigator counts within it; the list starts at the briefing's first
        claim unless the current claim is one of its own.
        """
        if document_id == self._document_id:
            return
        self._document_id = document_id
        self._to_top = document_id is not None
        self._navigator.navigator_model().set_document(document_id)
        self.refresh()

    def refresh(self) -> None:
        """Recompute the listed claims; the current claim stays selected if still listed."""
        self._generation += 1
        claim_filter = self.current_filter()
        query = self._search.query().strip()
        if query:
            self._searching = True
            self._show_count()
            generation, library = self._generation, self._library
            # The slots are bound methods, so nothing arrives once the controller is gone.
            run_in_background(
                lambda _progress: (
                    generation,
                    query,
                    claim_filter,
                    find_matches(library, query, claim_filter),
                ),
                self._on_matches,
                self.error.emit,  # not expected: find_matches reports failures itself
            )
            return
        self._searching = False
        library = self._library
        if claim_filter.query is not None:  # a saved search: at most SEARCH_LIMIT claims
            listed = library.view_ids(claim_filter)
            self._show(
                lambda model: model.set_ids(listed.ids),
                query,
                claim_filter,
                documents=lambda: listed.documents,
            )
        else:
            pages = ViewPages(library, claim_filter)
            self._show(
                lambda model: model.set_pages(claim_filter, pages),
                query,
                claim_filter,
                documents=lambda: pages.documents,
            )

    def _on_matches(self, found: tuple[int, str, ClaimFilter, ListedMatches]) -> None:
        generation, query, claim_filter, matches = found
        if generation != self._generation:
            return  # a newer query or view has been asked for since
        self._searching = False
        if matches.error is not None:
            self.error.emit(f"Search failed: {matches.error}")
        self._show(
            lambda model: model.set_ids(matches.ids),
            query,
            claim_filter,
            found=len(matches.ids),
            hints=matches.hints,
            documents=lambda: matches.documents,
            ranked=matches.ranked,
        )

    def _show(
        self,
        fill: Callable[[ClaimTableModel], None],
        query: str,
        claim_filter: ClaimFilter,
        found: int | None = None,
        hints: tuple[str, ...] = (),
        documents: Callable[[], int | None] = lambda: None,
        ranked: bool = False,
    ) -> None:
        """Fill the list, then say what it holds.

        ``documents`` tells, once the list is filled, how many documents it spans (up to
        2; None: not known); ``ranked``, that the claims come most relevant first.
        """
        view = self._view
        before, self._listed = self._listed, (query, claim_filter, hints)
        # A claim no longer listed gives way to the one at its row only in the same list
        # (e.g. it was filed elsewhere); in another view or query that row means nothing.
        new_list = before is None or before[:2] != (query, claim_filter)
        with view.keeping_selection(or_top=self._to_top or new_list):
            fill(view.claim_model())
        self._to_top = False
        self._documents = documents()
        # Claims of one briefing would only repeat its title in the document column.
        view.show_document_column(self._document_id is None and self._documents in (None, 2))
        view.show_relevance_order(ranked)
        view.text_delegate.set_query(query)
        view.viewport().update()
        label = self._navigator.currentIndex().data() or "All"
        view.set_empty_text(empty_text(query, str(label), claim_filter))
        self._found = found
        self._show_count()
        if before is None or (before[0], before[2]) != (query, hints):
            self.hints.emit(" · ".join(hints))
        self.listed.emit()

    def _show_count(self) -> None:
        total = self._navigator.navigator_model().count_of(self._navigator.current_filter())
        searching = bool(self._search.query().strip())
        shown = None if self._searching else self._found
        self._search.set_count(shown, total, searching=searching)

    def _on_filter_selected(self, _claim_filter: ClaimFilter) -> None:
        self.refresh()

    def _on_query_changed(self, _query: str) -> None:
        self.refresh()
