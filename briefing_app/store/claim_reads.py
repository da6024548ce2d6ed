"""Reading themes and claims with plain SQL (which claims a list holds: ``search.engine``)."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Sequence

from briefing_app.domain.library import Claim, ClaimTheme, Theme, ThemeCount

_THEMES = "SELECT id, key, label, description, colour, ord FROM themes ORDER BY ord, id"


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
