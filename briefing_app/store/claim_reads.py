"""Reading themes and claims with plain SQL: the window's first page goes through here.

Claims are listed in document order: documents as they were imported, each in
reading order, which the ``ix_claims_document_order`` index gives without a
sort. Long lists are read a page at a time, continuing after the last claim of
the page before (keyset paging), so a million claims cost one page at a time.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections import defaultdict
from collections.abc import Sequence

from briefing_app.domain.library import Claim, ClaimFilter, ClaimTheme, Theme, ThemeCount

ORDER = "c.document_id, c.start"
_THEMES = "SELECT id, key, label, description, colour, ord FROM themes ORDER BY ord, id"
_ANY_NOTE = "SELECT claim_id FROM notes WHERE deleted IS NULL"


def _conditions(claim_filter: ClaimFilter) -> tuple[list[str], list[object]]:
    """Return SQL conditions on claim ``c`` for ``claim_filter`` and their parameters.

    A saved search's query is not handled here: the search layer narrows by it.
    """
    where: list[str] = []
    values: list[object] = []
    if claim_filter.theme is not None:
        where.append(
            "EXISTS (SELECT 1 FROM claim_themes ct JOIN themes t ON t.id = ct.theme_id"
            " WHERE ct.claim_id = c.id AND t.key = ?)"
        )
        values.append(claim_filter.theme)
    if claim_filter.document_id is not None:
        where.append("c.document_id = ?")
        values.append(claim_filter.document_id)
    if claim_filter.with_notes:
        where.append(f"c.id IN ({_ANY_NOTE})")
    if claim_filter.hedged:
        where.append("c.hedges != '[]'")
    if claim_filter.unfiled:
        where.append("NOT EXISTS (SELECT 1 FROM claim_themes ct WHERE ct.claim_id = c.id)")
    return where, values


def _where(conditions: list[str]) -> str:
    return " WHERE " + " AND ".join(conditions) if conditions else ""


def themes(connection: sqlite3.Connection) -> list[Theme]:
    """Return the taxonomy in its order."""
    return [Theme(k, lb, d, c, o) for _, k, lb, d, c, o in connection.execute(_THEMES)]


def theme_counts(connection: sqlite3.Connection) -> list[ThemeCount]:
    """Return each theme with the number of claims filed under it."""
    counts = dict(
        connection.execute("SELECT theme_id, count(*) FROM claim_themes GROUP BY theme_id")
    )
    return [
        ThemeCount(Theme(k, lb, d, c, o), int(counts.get(i, 0)))
        for i, k, lb, d, c, o in connection.execute(_THEMES)
    ]


def count(connection: sqlite3.Connection, claim_filter: ClaimFilter) -> int:
    """Return how many claims pass ``claim_filter`` (notes counted from their own table)."""
    if claim_filter == ClaimFilter(with_notes=True):
        sql = "SELECT count(DISTINCT claim_id) FROM notes WHERE deleted IS NULL"
        return int(connection.execute(sql).fetchone()[0])
    where, values = _conditions(claim_filter)
    return int(
        connection.execute(f"SELECT count(*) FROM claims c{_where(where)}", values).fetchone()[0]
    )


def claim_ids(connection: sqlite3.Connection, claim_filter: ClaimFilter) -> list[int]:
    """Return the ids of every claim that passes ``claim_filter``, in document order."""
    where, values = _conditions(claim_filter)
    sql = f"SELECT c.id FROM claims c{_where(where)} ORDER BY {ORDER}"
    return [row[0] for row in connection.execute(sql, values)]


def claim_id_page(
    connection: sqlite3.Connection, claim_filter: ClaimFilter, after: int | None, limit: int
) -> array[int]:
    """Return up to ``limit`` ids passing the filter that come after claim ``after``.

    The ids go straight from the cursor into an array (8 bytes each): a page can
    hold hundreds of thousands of them when a list is scrolled to its end.
    """
    where, values = _conditions(claim_filter)
    if after is not None:
        where.append(
            "(c.document_id, c.start) > (SELECT document_id, start FROM claims WHERE id = ?)"
        )
        values.append(after)
    sql = f"SELECT c.id FROM claims c{_where(where)} ORDER BY {ORDER} LIMIT ?"
    return array("q", (row[0] for row in connection.execute(sql, [*values, max(0, limit)])))


def passing(
    connection: sqlite3.Connection,
    claim_filter: ClaimFilter,
    ids: Sequence[int],
    *,
    in_document_order: bool = False,
) -> list[int]:
    """Return the ids among ``ids`` that pass the filter, as ordered or in document order."""
    where, values = _conditions(claim_filter)
    if not ids or not (where or in_document_order):
        return list(ids)
    where.append("c.id IN (SELECT value FROM json_each(?))")
    order = f" ORDER BY {ORDER}" if in_document_order else ""
    sql = f"SELECT c.id FROM claims c{_where(where)}{order}"
    found = [row[0] for row in connection.execute(sql, [*values, json.dumps(list(ids))])]
    if in_document_order:
        return found
    kept = set(found)
    return [i for i in ids if i in kept]


def load_claims(connection: sqlite3.Connection, ids: Sequence[int]) -> list[Claim]:
    """Return the claims with these ids, in the order of ``ids`` (unknown ids skipped)."""
    if not ids:
        return []
    wanted = json.dumps([int(i) for i in ids])
    among = "IN (SELECT value FROM json_each(?))"
    filings: dict[int, list[ClaimTheme]] = defaultdict(list)
    for claim_id, *filing in connection.execute(
        "SELECT ct.claim_id, t.key, t.label, t.colour, ct.is_primary, ct.origin, ct.why"
        f" FROM claim_themes ct JOIN themes t ON t.id = ct.theme_id WHERE ct.claim_id {among}"
        " ORDER BY ct.is_primary DESC, t.ord",
        (wanted,),
    ):
        key, label, colour, primary, origin, why = filing
        filings[claim_id].append(ClaimTheme(key, label, colour, bool(primary), origin, why))
    names: dict[int, list[str]] = defaultdict(list)
    for claim_id, name in connection.execute(
        "SELECT m.claim_id, e.name FROM mentions m JOIN entities e ON e.id = m.entity_id"
        f" WHERE m.claim_id {among} ORDER BY m.claim_id, m.start",
        (wanted,),
    ):
        if name not in names[claim_id]:
            names[claim_id].append(name)
    notes = dict(
        connection.execute(
            f"SELECT claim_id, count(*) FROM notes WHERE claim_id {among} AND deleted IS NULL"
            " GROUP BY claim_id",
            (wanted,),
        )
    )
    rows = connection.execute(
        'SELECT c.id, c.document_id, c.text, c.paragraph, c.sentence, c.start, c."end",'
        " c.prefix, c.suffix, c.attribution, c.hedges, c.reliability, c.credibility,"
        " d.title, d.published, s.name"
        " FROM claims c JOIN documents d ON d.id = c.document_id"
        f" LEFT JOIN sources s ON s.id = d.source_id WHERE c.id {among}",
        (wanted,),
    )
    by_id = {}
    for (
        claim_id,
        document_id,
        text,
        paragraph,
        sentence,
        start,
        end,
        prefix,
        suffix,
        attribution,
        hedges,
        reliability,
        credibility,
        title,
        published,
        outlet,
    ) in rows:
        by_id[claim_id] = Claim(
            id=claim_id,
            document_id=document_id,
            text=text,
            paragraph=paragraph,
            sentence=sentence,
            start=start,
            end=end,
            prefix=prefix,
            suffix=suffix,
            attribution=attribution,
            hedges=tuple(json.loads(hedges)),
            entities=tuple(names.get(claim_id, ())),
            themes=tuple(filings.get(claim_id, ())),
            reliability=reliability,
            credibility=credibility,
            note_count=int(notes.get(claim_id, 0)),
            outlet=outlet,
            document_title=title,
            published=published,
        )
    return [by_id[i] for i in ids if i in by_id]


def claim_exists(connection: sqlite3.Connection, claim_id: int) -> bool:
    """Return True if the library holds a claim with this id."""
    return (
        connection.execute("SELECT 1 FROM claims WHERE id = ?", (claim_id,)).fetchone() is not None
    )
