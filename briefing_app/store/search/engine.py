"""Find claims: plan a parsed query, pick how to read the indexes, page. The one entry point.

Every list of claims comes from here: a search typed in the box, the navigator's
view (its clauses are ANDed to the query), or both at once, in one call.

How results are ranked, and why it stays fast at a million claims
-----------------------------------------------------------------
bm25 has to score every claim a query matches before it can return the best
ten, so ranking a word found in a fifth of a million claims costs hundreds of
milliseconds, which a keystroke cannot afford. So the engine first asks the
claim text index how many claims the words match, stopping at ``RANK_LIMIT``
(2,000): a probe that reads at most that many index entries and scores none.

- **Selective** (fewer than ``RANK_LIMIT``): every candidate is scored and the
  results come most relevant first (bm25 over the claim text), then the claims
  that match only through one of their notes.
- **Broad** (``RANK_LIMIT`` or more): relevance says little when thousands of
  claims hold the word, and scoring them is the cost to avoid. The text index
  is the outer loop, read in its own order (newest claim first) with the other
  conditions checked on each row, and reading stops once the page and the
  count are known; claims matched through a note are merged in by recency.
  The cost follows the page size, not the number of matches. If a field
  allows only a few claims (``FIELD_LED_LIMIT``, e.g. one document), those
  lead instead, and the words are looked up in each.
- **No words** (fields, ``note:`` words or exclusions only): claims come
  newest document first (each document in reading order), from the
  smallest set a field offers (an entity's mentions, a document's claims, the
  notes) or a scan that checks each claim and stops at the page. A lone field
  that matches many claims (``LISTING_DRIVER_LIMIT``, e.g. an entity in every
  fiftieth claim) is checked claim by claim in list order: sorting all its
  claims to show the first page would cost more than reading to that page.

Counts stop at ``COUNT_LIMIT`` (1,000; ``total_is_capped`` then says so):
counting all of a broad word's matches would cost what the ranking spared.
All the words of a query go to FTS5 as one expression of quoted strings, so
the index does the ANDs, ORs and NOTs; an entity's names narrow the text index
before its mentions are checked. The limits live in ``reader``.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing_app.domain.query import Clause, Query, Term
from briefing_app.store.backend import dialect_of
from briefing_app.store.search import reader
from briefing_app.store.search.plan import Plan, build_plan
from briefing_app.store.search.reader import Found, Reader

if TYPE_CHECKING:
    from briefing_app.store.server_search import ServerReader

RELEVANCE = "relevance"
DOCUMENT_ORDER = "document"
# Claims in list order: the newest document first (by import id), each in reading order.
# The index on claims(document_id, start) gives the documents, read backwards; SQLite
# sorts each document's claims by start on their own, so a page reads about a page.
_DOCUMENT_ORDER_SQL = "c.document_id DESC, c.start"


@dataclass(frozen=True, slots=True)
class SearchOutcome:
    """One page of claims.

    ``ids`` are the claims in order (an array of 8-byte ids: a page can hold
    hundreds of thousands); ``notes`` names, for a claim that matched only
    through one of its notes, that note, and ``snippets`` holds its text. ``total`` counts
    every match, or is a lower bound when ``total_is_capped``. ``terms`` are
    the words to highlight; ``ranked`` says the order is by relevance.
    ``documents`` says how many documents the matches come from, counted up to 2
    ("more than one"), or None when a page cannot tell (a page after the first).
    """

    ids: Sequence[int]
    total: int
    total_is_capped: bool
    hints: tuple[str, ...]
    terms: tuple[Term, ...]
    notes: Mapping[int, int] = field(default_factory=dict)
    snippets: Mapping[int, str] = field(default_factory=dict)
    ranked: bool = False
    documents: int | None = None


def find_claims(
    connection: sqlite3.Connection,
    query: Query,
    within: Sequence[Clause] = (),
    *,
    limit: int = 500,
    offset: int = 0,
    after: int | None = None,
    order: str = RELEVANCE,
) -> SearchOutcome:
    """Return a page of the claims matching ``query`` in the view ``within``.

    With words to look up, the matches come best first (or in document order
    when asked); with fields alone, in document order, read a page at a time
    after claim ``after`` (keyset paging, for lists of any length). Never
    raises for odd input: what cannot be used becomes a hint.
    """
    dialect_of(connection).prepare(connection)
    plan = build_plan(query, connection, within)
    hints = tuple(dict.fromkeys([*query.hints, *plan.hints]))
    if not plan.runnable:
        return SearchOutcome(array("q"), 0, False, hints, tuple(plan.terms), documents=0)
    limit, offset = max(0, limit), max(0, offset)
    if not plan.searches_text:
        where = _listing_where(connection, plan)
        return listing_page(connection, plan, where, hints, (limit, offset, after))
    found = _reader_of(connection)(connection, plan, offset + limit).find()
    return found_page(connection, plan, found, hints, (limit, offset, order))


def _reader_of(connection: sqlite3.Connection) -> type[Reader] | type[ServerReader]:
    """Return what reads a plan's matches: FTS5's modes on a file, the server's on a server."""
    if dialect_of(connection).name == "postgresql":
        from briefing_app.store.server_search import ServerReader  # only on a server

        return ServerReader
    return Reader


def listing_page(
    connection: sqlite3.Connection,
    plan: Plan,
    where: str,
    hints: tuple[str, ...],
    page: tuple[int, int, int | None],
) -> SearchOutcome:
    """Return a page, (limit, offset, after), of the claims passing ``where``, in list order."""
    limit, offset, after = page
    ids, in_page = _listed(connection, plan, where, limit, offset, after)
    total, capped = len(ids), False
    documents: int | None = in_page
    if after is not None or offset:
        documents = 2 if in_page == 2 else None  # earlier pages are not known here
    elif len(ids) == limit:
        total, capped = _capped_count(connection, plan)
        if in_page == 1:  # the page is one document's: do others follow?
            documents = _more_documents(connection, plan, where, ids[0])
    return SearchOutcome(ids, max(total, len(ids)), capped, hints, (), documents=documents)


def found_page(
    connection: sqlite3.Connection,
    plan: Plan,
    found: Found,
    hints: tuple[str, ...],
    page: tuple[int, int, str],
) -> SearchOutcome:
    """Return a page, (limit, offset, order), of the matches ``found`` (by words or notes)."""
    limit, offset, order = page
    ids = found.ids[offset : offset + limit]
    if order == DOCUMENT_ORDER:
        ids = _in_document_order(connection, ids)
    documents: int | None = _documents_among(connection, ids)
    if (
        documents is not None
        and documents < 2
        and (offset or found.capped or found.total > len(ids))
    ):
        documents = None  # others may match beyond the page
    notes = {i: found.notes[i] for i in ids if i in found.notes}
    return SearchOutcome(
        array("q", ids),
        max(found.total, offset + len(ids)),
        found.capped,
        hints,
        tuple(plan.terms),
        notes,
        _note_bodies(connection, notes),
        found.ranked and order == RELEVANCE,
        documents,
    )


def count_claims(connection: sqlite3.Connection, within: Sequence[Clause], cap: int) -> int:
    """Return how many claims a view holds (a view with words: up to ``cap``)."""
    dialect_of(connection).prepare(connection)
    plan = build_plan(Query(()), connection, within)
    if plan.searches_text:
        return len(_reader_of(connection)(connection, plan, cap).find().ids[:cap])
    sql = f"SELECT count(*) FROM claims c WHERE {checks_where(plan)}"
    return int(connection.execute(sql, plan.params.values).fetchone()[0])


def checks_where(plan: Plan) -> str:
    """Return the plan's field checks as one condition; a field's driver where it has one."""
    return " AND ".join(check.driver or check.row for check in plan.checks) or "TRUE"


def _capped_count(connection: sqlite3.Connection, plan: Plan) -> tuple[int, bool]:
    """Return how many claims pass the plan's checks, counting up to the count limit."""
    cap = reader.COUNT_LIMIT
    rows = f"SELECT 1 FROM claims c WHERE {checks_where(plan)}"
    found = reader.count_up_to(connection, rows, plan.params.values, cap + 1)
    return min(found, cap), found > cap


def _listing_where(connection: sqlite3.Connection, plan: Plan) -> str:
    """Return the plan's checks for reading a page in list order.

    A lone check whose driver yields many claims is checked row by row instead, so
    that the claims index, read in list order, stops at the page (with more checks
    the claims passing all of them may be rare, and the smallest set is safer). A
    check that nearly every claim passes does not count (the view's "not dismissed").
    """
    narrowing = [check for check in plan.checks if not check.broad]
    if len(narrowing) == 1:
        check = narrowing[0]
        if check.driver and check.size:
            cap = reader.LISTING_DRIVER_LIMIT
            if reader.count_up_to(connection, check.size, plan.params.values, cap) >= cap:
                return " AND ".join(c.row for c in plan.checks)
    return checks_where(plan)


def _listed(
    connection: sqlite3.Connection,
    plan: Plan,
    where: str,
    limit: int,
    offset: int,
    after: int | None,
) -> tuple[array[int], int]:
    """Return a page of the claims passing ``where`` (the plan's checks), in document order.

    Also how many documents the page spans, counted up to 2.
    """
    if after is not None:
        # After claim ``after``: its document's later claims, then the older documents.
        # The first condition alone bounds the index range; the second picks within it.
        key = plan.params.bind(int(after))
        document = f"(SELECT document_id FROM claims WHERE id = {key})"
        start = f"(SELECT start FROM claims WHERE id = {key})"
        where += (
            f" AND c.document_id <= {document}"
            f" AND (c.document_id < {document} OR c.start > {start})"
        )
    sql = (
        f"SELECT c.id, c.document_id FROM claims c WHERE {where} ORDER BY {_DOCUMENT_ORDER_SQL}"
        f" LIMIT {int(limit)} OFFSET {int(offset)}"
    )
    ids: array[int] = array("q")
    first, documents = None, 0
    for claim_id, document_id in connection.execute(sql, plan.params.values):
        ids.append(claim_id)
        if document_id != first and documents < 2:
            first, documents = document_id, documents + 1
    return ids, documents


def _more_documents(connection: sqlite3.Connection, plan: Plan, where: str, first_id: int) -> int:
    """Return 2 if claims of another document than ``first_id``'s pass ``where``, else 1.

    Lists run newest document first, so the others are the older ones; ``where`` is
    the page's own (read in list order, it stops at the first).
    """
    key = plan.params.bind(int(first_id))
    sql = (
        f"SELECT 1 FROM claims c WHERE {where}"
        f" AND c.document_id < (SELECT document_id FROM claims WHERE id = {key}) LIMIT 1"
    )
    return 2 if connection.execute(sql, plan.params.values).fetchone() else 1


def _documents_among(connection: sqlite3.Connection, ids: Sequence[int]) -> int:
    """Return how many documents these claims come from, counted up to 2."""
    if not ids:
        return 0
    dialect = dialect_of(connection)
    sql = (
        "SELECT count(*) FROM (SELECT DISTINCT c.document_id FROM claims c"
        f" WHERE c.id {dialect.in_list} LIMIT 2) AS page"
    )
    return int(connection.execute(sql, (dialect.values(ids),)).fetchone()[0])


def _in_document_order(connection: sqlite3.Connection, ids: Sequence[int]) -> list[int]:
    if not ids:
        return []
    dialect = dialect_of(connection)
    sql = f"SELECT c.id FROM claims c WHERE c.id {dialect.in_list} ORDER BY {_DOCUMENT_ORDER_SQL}"
    return [int(row[0]) for row in connection.execute(sql, (dialect.values(ids),))]


def _note_bodies(connection: sqlite3.Connection, notes: Mapping[int, int]) -> dict[int, str]:
    """Return claim id -> text of the note it matched through."""
    if not notes:
        return {}
    marks = ", ".join(str(int(n)) for n in notes.values())
    bodies = dict(connection.execute(f"SELECT id, body FROM notes WHERE id IN ({marks})"))
    return {claim: str(bodies[note]) for claim, note in notes.items() if note in bodies}
