"""Lists of claims on a team library, until search comes to the server.

What a list shows without typed words (the whole library, a theme, a document,
claims with notes, hedged, unfiled, "not claims", and the fields ``theme:``,
``source:``, ``has:``, ``is:``, ``reliability:``, ``credibility:``) is planned by
the search engine's own code (:func:`briefing_app.store.search.plan.build_plan`)
and read by its listing statement (keyset pages in list order, newest document
first); only the two counts are spelled here, since PostgreSQL 15 wants a name
for a subquery in ``FROM``. Words, ``note:`` words, ``doc:`` and ``entity:`` need
the server's full-text index and folding: they are refused with a message that
says so, and nothing is guessed.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Sequence
from typing import cast

from briefing_app.domain.errors import UsageError
from briefing_app.domain.query import DISMISSED, DOCUMENT_ID, THEME_KEY, Clause, Query
from briefing_app.store.backend import Connection
from briefing_app.store.search import reader
from briefing_app.store.search.engine import SearchOutcome, _listed, _more_documents
from briefing_app.store.search.plan import Plan, build_plan

# The fields whose conditions are plain SQL, the same on both backends.
SERVED_FIELDS = frozenset(
    {
        DISMISSED,
        THEME_KEY,
        DOCUMENT_ID,
        "theme",
        "source",
        "outlet",
        "has",
        "is",
        "reliability",
        "credibility",
    }
)


class SearchNotOnServerError(UsageError):
    """A search with words on a team library: it comes with the next version."""


def _planned(connection: Connection, query: Query, within: Sequence[Clause]) -> Plan:
    """Return the plan of a query without words, or refuse one that needs the text index."""
    for clause in (*query.clauses, *within):
        for term in clause.terms:
            if term.field not in SERVED_FIELDS:
                what = f"{term.field}:{term.text}" if term.field else term.text
                raise SearchNotOnServerError(
                    f"Search on a team library comes next (“{what}” needs its full-text "
                    "index): this version lists its claims by theme, document, note, grade "
                    "and outlet, and searches library files."
                )
    # The resolvers' statements are plain SQL with named parameters: they run as written.
    return build_plan(query, cast(sqlite3.Connection, connection), within)


def _where(plan: Plan) -> str:
    return " AND ".join(check.driver or check.row for check in plan.checks) or "TRUE"


def list_claims(
    connection: Connection,
    query: Query,
    within: Sequence[Clause] = (),
    *,
    limit: int,
    offset: int = 0,
    after: int | None = None,
) -> SearchOutcome:
    """Return a page of the claims of a view, in list order (as the engine's no-words path).

    Raises:
        SearchNotOnServerError: the query or the view has words to look up.
    """
    plan = _planned(connection, query, within)
    hints = tuple(dict.fromkeys([*query.hints, *plan.hints]))
    if not plan.runnable:
        return SearchOutcome(array("q"), 0, False, hints, (), documents=0)
    limit, offset = max(0, limit), max(0, offset)
    where = _where(plan)
    sqlite_like = cast(sqlite3.Connection, connection)  # the engine's portable statements
    ids, in_page = _listed(sqlite_like, plan, where, limit, offset, after)
    total, capped = len(ids), False
    documents: int | None = in_page
    if after is not None or offset:
        documents = 2 if in_page == 2 else None
    elif len(ids) == limit:
        cap = reader.COUNT_LIMIT
        sql = f"SELECT count(*) FROM (SELECT 1 FROM claims c WHERE {where} LIMIT {cap + 1}) AS m"
        found = int(connection.execute(sql, plan.params.values).fetchone()[0])
        total, capped = min(found, cap), found > cap
        if in_page == 1:
            documents = _more_documents(sqlite_like, plan, where, ids[0])
    return SearchOutcome(ids, max(total, len(ids)), capped, hints, (), documents=documents)


def count_claims(connection: Connection, within: Sequence[Clause]) -> int:
    """Return how many claims a view holds.

    Raises:
        SearchNotOnServerError: the view has words to look up.
    """
    plan = _planned(connection, Query(()), within)
    sql = f"SELECT count(*) FROM claims c WHERE {_where(plan)}"
    return int(connection.execute(sql, plan.params.values).fetchone()[0])
