"""The navigator's views as conditions of the query, the way Anki compiles its sidebar.

A theme, "With notes", "Hedged", "Unfiled", a document and a saved search each
become clauses ANDed to whatever is typed in the search box, so the store runs
one query for the list, whatever is selected. Every view leaves out what the
analyst marked "not a claim", except the view of those.
"""

from __future__ import annotations

from briefing_app.domain.library import ClaimFilter
from briefing_app.domain.query import DISMISSED, DOCUMENT_ID, THEME_KEY, Clause, Query, Term
from briefing_app.search.parser import parse_query


def _clause(text: str, field: str) -> Clause:
    return Clause((Term(text, field),))


def view_clauses(claim_filter: ClaimFilter) -> tuple[Clause, ...]:
    """Return the clauses that select the claims of a navigator view."""
    clauses = [_clause("yes" if claim_filter.dismissed else "no", DISMISSED)]
    if claim_filter.theme is not None:
        clauses.append(_clause(claim_filter.theme, THEME_KEY))
    if claim_filter.document_id is not None:
        clauses.append(_clause(str(claim_filter.document_id), DOCUMENT_ID))
    if claim_filter.with_notes:
        clauses.append(_clause("note", "has"))
    if claim_filter.hedged:
        clauses.append(_clause("hedged", "is"))
    if claim_filter.unfiled:
        clauses.append(_clause("unfiled", "is"))
    if claim_filter.query is not None:
        clauses.extend(parse_query(claim_filter.query).clauses)
    return tuple(clauses)


def view_query(claim_filter: ClaimFilter) -> Query:
    """Return a view on its own as a query (what the list shows with nothing typed)."""
    return Query(view_clauses(claim_filter))
