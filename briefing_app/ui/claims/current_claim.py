"""The current claim in the right-hand panes: its source card, its article, its notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from briefing_app.domain.errors import BriefingError
from briefing_app.domain.library import ClaimFilter
from briefing_app.search.highlight import Marks
from briefing_app.services.library import Library

if TYPE_CHECKING:
    from briefing_app.ui.main_window import MainWindow


class CurrentClaimPanes(QObject):
    """Shows the claim the list selects in the source card, the article and the notes.

    A sentence clicked in the article selects its claim in the list, widening the
    list to every claim when the current view does not hold it. At start-up the
    panes are filled just after the list is first painted: the claims show first.
    """

    def __init__(self, library: Library, window: MainWindow) -> None:
        super().__init__(window)
        self._library, self._window = library, window
        self._waiting_for_paint = True
        self._first: int | None = None
        window.claims.current_claim_changed.connect(self.show)
        window.claims.first_painted.connect(self._after_first_paint)
        window.article.claim_clicked.connect(self.select_from_article)
        window.search.query_changed.connect(lambda _query: self.mark_search_terms())

    def show(self, claim_id: int | None) -> None:
        """Show ``claim_id`` (None: no claim) in the card, the article and the notes."""
        if self._waiting_for_paint:
            self._first = claim_id
            return
        window = self._window
        window.notes.set_claim(claim_id)
        try:
            claim = self._library.claim(claim_id) if claim_id is not None else None
            window.card.show_claim(claim)
            if claim is None:
                window.article.show_document(None, [])
                return
            if window.article.document_id() != claim.document_id:
                document = self._library.document_text(claim.document_id)
                claims = window.document_claims.claims_of(claim.document_id)
                window.article.show_document(document, claims)
            window.article.highlight_claim(claim)
            self.mark_search_terms()
        except BriefingError as error:
            window.show_error(str(error))

    def _after_first_paint(self) -> None:
        self._waiting_for_paint = False
        self.show(self._first)

    def refresh(self) -> None:
        """Read the current claim again (its themes, grading or notes changed)."""
        window = self._window
        claim_id = window.claims.current_claim_id()
        if claim_id is None or self._waiting_for_paint:
            return
        try:
            claim = self._library.claim(claim_id)
        except BriefingError as error:
            window.show_error(str(error))
            return
        window.card.show_claim(claim)
        window.article.highlight_claim(claim)

    def mark_search_terms(self) -> None:
        """Mark the words of the search in the article."""
        article = self._window.article
        article.mark_terms(Marks(self._window.search.query()).spans(article.document_text()))

    def select_from_article(self, claim_id: int) -> None:
        """Select a claim clicked in the article, showing every claim if the view lacks it."""
        window = self._window
        if window.claims.select_claim(claim_id):
            return
        window.search.clear()
        window.briefings.pane.select_document(None)
        window.navigator.select_filter(ClaimFilter())
        window.claims.select_claim(claim_id)
        window.show_status("Showing all claims, so that the clicked sentence can be selected.")
