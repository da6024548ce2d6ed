"""Combines the navigator's filter and the search query into the claims list.

Without a query the list is read a page at a time as it scrolls. A query runs
in the background: each change starts a new search, and the results of any
older one are dropped when they arrive, so a newer keystroke always wins and
the window never waits for a search.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

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
    result = library.search_ids(query, limit=SEARCH_LIMIT, claim_filter=claim_filter)
    return ListedMatches(list(result.ids), result.hints)


class ClaimListController(QObject):
    """Keeps the claims list in step with the navigator, the search box and the library."""

    error = Signal(str)
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
        # One briefing's claims all come from it: its column would only repeat its title.
        self._view.show_document_column(self._document_id is None)
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
            ids = library.claim_ids(claim_filter)
            self._show(lambda model: model.set_ids(ids), query, claim_filter)
        else:
            pages = partial(library.claim_id_page, claim_filter)
            self._show(lambda model: model.set_pages(claim_filter, pages), query, claim_filter)

    def _on_matches(self, found: tuple[int, str, ClaimFilter, ListedMatches]) -> None:
        generation, query, claim_filter, matches = found
        if generation != self._generation:
            return  # a newer query or view has been asked for since
        self._searching = False
        if matches.error is not None:
            self.error.emit(f"Search failed: {matches.error}")
        if matches.hints:
            self.hints.emit(" · ".join(matches.hints))
        self._show(
            lambda model: model.set_ids(matches.ids), query, claim_filter, found=len(matches.ids)
        )

    def _show(
        self,
        fill: Callable[[ClaimTableModel], None],
        query: str,
        claim_filter: ClaimFilter,
        found: int | None = None,
    ) -> None:
        view = self._view
        with view.keeping_selection(or_top=self._to_top):
            fill(view.claim_model())
        self._to_top = False
        view.text_delegate.set_query(query)
        view.viewport().update()
        label = self._navigator.currentIndex().data() or "All"
        view.set_empty_text(empty_text(query, str(label), claim_filter))
        self._found = found
        self._show_count()
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
