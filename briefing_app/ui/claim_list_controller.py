"""Combines the navigator's filter and the search query into the claims list."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from briefing_app.domain.errors import BriefingError
from briefing_app.domain.library import ClaimFilter
from briefing_app.services.library import Library
from briefing_app.ui.claim_table_view import ClaimTableView
from briefing_app.ui.search_box import SearchBox
from briefing_app.ui.search_terms import highlight_terms
from briefing_app.ui.theme_navigator import ThemeNavigator

SEARCH_LIMIT = 10_000


def empty_text(query: str, label: str, claim_filter: ClaimFilter) -> str:
    """Return what an empty list tells the user to do."""
    if query.strip():
        where = "" if claim_filter == ClaimFilter() else f" in {label}"
        return f"No claims match “{query.strip()}”{where}. Esc clears the search."
    if claim_filter.with_notes:
        return "No notes yet. Select a claim and press n to write one."
    if claim_filter.hedged:
        return "No claim is worded with doubt."
    if claim_filter.unfiled:
        return "Every claim is filed under a theme."
    if claim_filter.theme is not None:
        return f"No claims filed under {label}. Select a claim and press its number to file it."
    return "The library is empty. Import a briefing with File ▸ Import briefings… (Ctrl+O)."


class ClaimListController(QObject):
    """Keeps the claims list in step with the navigator, the search box and the library."""

    error = Signal(str)
    hints = Signal(str)

    def __init__(self, library: Library, navigator: ThemeNavigator, search: SearchBox,
                 view: ClaimTableView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library, self._navigator, self._search, self._view = (
            library, navigator, search, view)
        navigator.filter_selected.connect(self._on_filter_selected)
        search.query_changed.connect(self._on_query_changed)

    def refresh(self) -> None:
        """Recompute the listed claims; the current claim stays selected if still listed."""
        claim_filter = self._navigator.current_filter()
        query = self._search.query()
        base = self._library.claim_ids(claim_filter)
        ids = base
        if query.strip():
            try:
                result = self._library.search_ids(query, limit=SEARCH_LIMIT)
            except BriefingError as error:
                self.error.emit(f"Search failed: {error}")
                result = None
            listed = set(base)
            ids = [i for i in result.ids if i in listed] if result else []
            if result and result.hints:
                self.hints.emit(" · ".join(result.hints))
        view = self._view
        with view.keeping_selection():
            view.claim_model().set_ids(ids)
        view.text_delegate.set_terms(highlight_terms(query))
        view.viewport().update()
        label = self._navigator.currentIndex().data() or "All"
        view.set_empty_text(empty_text(query, str(label), claim_filter))
        self._search.set_count(len(ids), len(base), searching=bool(query.strip()))

    def _on_filter_selected(self, _claim_filter: ClaimFilter) -> None:
        self.refresh()

    def _on_query_changed(self, _query: str) -> None:
        self.refresh()
