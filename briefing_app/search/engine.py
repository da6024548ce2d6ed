"""Run a search: parse, compile, rank, page. The one entry point the services call.

Ranking, and why it stays fast at a million claims: bm25 must score every
candidate before it can return the best ten, so ranking a broad word that
matches a fifth of the library costs hundreds of milliseconds. The engine
first probes how many claims the query's words match, stopping at
``RANK_LIMIT``. Below that, results are ranked by bm25 (most relevant first,
claims matched only through a note after them). At or above it the query is
not selective, relevance says little, and results come in document order from
an index scan that stops at the page size, so the first page costs about the
same whatever the library's size. (In that mode the page is driven by the claim
text index, newest first; claims that match a broad word only in a note are
counted but come after the page.)
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from briefing_app.search.compile import Compiler, fts_string
from briefing_app.search.parser import parse_query
from briefing_app.search.query import Query, Term

RANK_LIMIT = 2000
COUNT_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class SearchOutcome:
    """Claim ids found (with whether only a note matched), the total, hints, and terms."""

    ids: tuple[tuple[int, bool], ...]
    total: int
    total_is_capped: bool
    hints: tuple[str, ...]
    terms: tuple[Term, ...]


def _plain(clause_terms: tuple[Term, ...], negated: bool) -> bool:
    return (
        len(clause_terms) == 1
        and clause_terms[0].field is None
        and clause_terms[0].negated is negated
    )


def _ranking_terms(query: Query) -> list[Term]:
    return [
        t
        for c in query.clauses
        if len(c.terms) == 1
        for t in c.terms
        if t.field is None and not t.negated
    ]


def _candidates(session: Session, match: str) -> int:
    return int(
        session.execute(
            text(
                "SELECT count(*) FROM (SELECT rowid FROM claim_fts WHERE claim_fts MATCH :m"
                " LIMIT :cap)"
            ),
            {"m": match, "cap": RANK_LIMIT},
        ).scalar_one()
    )


def run_search(
    session: Session, query_text: str, limit: int = 500, offset: int = 0
) -> SearchOutcome:
    """Return the claims matching ``query_text``; never raises for odd input."""
    query = parse_query(query_text)
    if query.is_empty:
        return SearchOutcome((), 0, False, query.hints, ())
    ranking = _ranking_terms(query)
    match = " AND ".join(fts_string(t) for t in ranking)
    selective = bool(ranking) and _candidates(session, match) < RANK_LIMIT
    if ranking and not selective:
        # The claim text index applies the words and the exclusions itself, streaming;
        # the rest (fields, OR groups, matches in notes) is checked on the rows it yields.
        excluded = [c.terms[0] for c in query.clauses if _plain(c.terms, negated=True)]
        rest = tuple(
            c
            for c in query.clauses
            if not _plain(c.terms, negated=False) and not _plain(c.terms, negated=True)
        )
        compiler = Compiler(session)
        compiled = compiler.compile(Query(rest, query.hints))
        for term in excluded:
            compiled.where += f" AND NOT {compiler.notes_only(term)}"
            match += " NOT " + fts_string(term)
    else:
        compiled = Compiler(session).compile(query)
    params = dict(compiled.params, limit=limit, offset=offset)
    if selective:
        params["rank_match"] = match
        sql = (
            "SELECT claims.id FROM claims LEFT JOIN (SELECT rowid AS rid, rank FROM claim_fts"
            " WHERE claim_fts MATCH :rank_match) AS relevance ON relevance.rid = claims.id"
            f" WHERE {compiled.where}"
            " ORDER BY relevance.rank IS NULL, relevance.rank, claims.document_id, claims.start"
            " LIMIT :limit OFFSET :offset"
        )
        source = "claims"
    elif ranking:
        # Broad words: FTS5 streams its matches newest first, and the scan stops at the page.
        params["drive"] = match
        source = "claim_fts JOIN claims ON claims.id = claim_fts.rowid"
        compiled.where = f"claim_fts MATCH :drive AND {compiled.where}"
        sql = (
            f"SELECT claims.id FROM {source} WHERE {compiled.where}"
            " ORDER BY claim_fts.rowid DESC LIMIT :limit OFFSET :offset"
        )
    else:
        source = "claims"
        sql = (
            f"SELECT claims.id FROM claims WHERE {compiled.where}"
            " ORDER BY claims.document_id, claims.start LIMIT :limit OFFSET :offset"
        )
    ids = [int(row[0]) for row in session.execute(text(sql), params)]
    count_params = dict(compiled.params, cap=COUNT_LIMIT + 1)
    if "drive" in params:
        count_params["drive"] = params["drive"]
    counted = int(
        session.execute(
            text(
                f"SELECT count(*) FROM (SELECT 1 FROM {source} WHERE {compiled.where} LIMIT :cap)"
            ),
            count_params,
        ).scalar_one()
    )
    via_note = _matched_only_in_notes(session, query, ids)
    hints = tuple(dict.fromkeys([*query.hints, *compiled.hints]))
    return SearchOutcome(
        tuple((i, i in via_note) for i in ids),
        min(counted, COUNT_LIMIT),
        counted > COUNT_LIMIT,
        hints,
        tuple(query.text_terms()),
    )


def _matched_only_in_notes(session: Session, query: Query, ids: list[int]) -> set[int]:
    """Return the ids whose claim text matches none of the query's positive words."""
    words = [t for t in query.text_terms() if t.field is None]
    only_notes = any(t.field == "note" for t in query.text_terms())
    if not ids or (not words and not only_notes):
        return set()
    if not words:
        return set(ids)
    any_word = " OR ".join(fts_string(t) for t in words)
    marks = ", ".join(str(int(i)) for i in ids)
    in_text = {
        int(row[0])
        for row in session.execute(
            text(f"SELECT rowid FROM claim_fts WHERE claim_fts MATCH :m AND rowid IN ({marks})"),
            {"m": any_word},
        )
    }
    return set(ids) - in_text
