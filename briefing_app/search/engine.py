"""Run a search: parse, plan, pick how to read the indexes, page. The one entry point.

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
- **No words** (fields, ``note:`` words or exclusions only): claims come in
  the order they were imported (each document in reading order), from the
  smallest set a field offers (an entity's mentions, a document's claims, the
  notes) or a scan that checks each claim and stops at the page.

Counts stop at ``COUNT_LIMIT`` (1,000; ``total_is_capped`` then says so):
counting all of a broad word's matches would cost what the ranking spared.
All the words of a query go to FTS5 as one expression of quoted strings, so
the index does the ANDs, ORs and NOTs; an entity's names narrow the text index
before its mentions are checked. The limits live in ``reader``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field

from briefing_app.search.fields import register_fold
from briefing_app.search.parser import parse_query
from briefing_app.search.plan import build_plan
from briefing_app.search.query import Term
from briefing_app.search.reader import Reader


@dataclass(frozen=True, slots=True)
class SearchOutcome:
    """One page of a search.

    ``ids`` pairs each claim id with True when only one of its notes matched;
    ``notes`` names that note and ``snippets`` holds its text. ``total`` counts
    every match, or is a lower bound when ``total_is_capped``. ``terms`` are
    the words to highlight; ``ranked`` says the order is by relevance.
    """

    ids: tuple[tuple[int, bool], ...]
    total: int
    total_is_capped: bool
    hints: tuple[str, ...]
    terms: tuple[Term, ...]
    notes: Mapping[int, int] = field(default_factory=dict)
    snippets: Mapping[int, str] = field(default_factory=dict)
    ranked: bool = False


def run_search(
    connection: sqlite3.Connection, query_text: str, limit: int = 500, offset: int = 0
) -> SearchOutcome:
    """Return a page of the claims matching ``query_text``; never raises for odd input."""
    query = parse_query(query_text)
    if query.is_empty:
        return SearchOutcome((), 0, False, query.hints, ())
    register_fold(connection)
    plan = build_plan(query, connection)
    hints = tuple(dict.fromkeys([*query.hints, *plan.hints]))
    if not plan.runnable:
        return SearchOutcome((), 0, False, hints, tuple(plan.terms))
    limit, offset = max(0, limit), max(0, offset)
    found = Reader(connection, plan, offset + limit).find()
    page = found.ids[offset : offset + limit]
    notes = {i: found.notes[i] for i in page if i in found.notes}
    return SearchOutcome(
        tuple((i, i in notes) for i in page),
        max(found.total, offset + len(page)),
        found.capped,
        hints,
        tuple(plan.terms),
        notes,
        _note_bodies(connection, notes),
        found.ranked,
    )


def _note_bodies(connection: sqlite3.Connection, notes: Mapping[int, int]) -> dict[int, str]:
    """Return claim id -> text of the note it matched through."""
    if not notes:
        return {}
    marks = ", ".join(str(int(n)) for n in notes.values())
    bodies = dict(connection.execute(f"SELECT id, body FROM notes WHERE id IN ({marks})"))
    return {claim: str(bodies[note]) for claim, note in notes.items() if note in bodies}
